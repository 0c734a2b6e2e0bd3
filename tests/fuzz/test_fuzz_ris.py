"""Fuzzing the RIS reader: tags, wrapped lines, missing ER, stray text, dates and names."""

from __future__ import annotations

from hypothesis import example, given

from citekit.sources.ris import parse_ris

from .properties import check_parse
from .strategies import ris_text

SOURCE = "refs.ris"


@given(ris_text)
# Found: a wrapped title line that rispy (but not citekit) reads as a tag line, "AU  -", went to
# rispy's unknown-tag bucket, which the record's real UK tag already held: TypeError.
@example("TY  - JOUR\nUK  - -0044\nTI  - \u2028TY  -\nAU  -\u2028ER  - \n")
@example("TY  - JOUR\nAB  - an abstract\nER  -x\nPY  - 2001\nER  - \n")  # "ER  -x" ended the record early
def test_ris_gives_valid_records_or_a_located_error(ris):
    check_parse(lambda: parse_ris(ris, source=SOURCE), source=SOURCE, text=ris)

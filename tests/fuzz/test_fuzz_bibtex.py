"""Fuzzing the .bib reader: entry types, keys, braces, quotes, @string, crossref, LaTeX, `#`."""

from __future__ import annotations

from hypothesis import given

from citekit.findings import Severity
from citekit.sources.bibtex import parse_bibtex
from citekit.sources.bibtex_latex import latex_to_csl_title, latex_to_text
from citekit.sources.bibtex_values import parse_names

from .properties import check_csl, check_parse
from .strategies import bib_value_text, bibtex_text, text

SOURCE = "refs.bib"


@given(bibtex_text)
def test_bibtex_gives_valid_records_or_a_located_error(bib):
    check_parse(lambda: parse_bibtex(bib, source=SOURCE), source=SOURCE, text=bib)


@given(bib_value_text | text)
def test_latex_values_decode_to_text(value):
    for decode in (latex_to_text, latex_to_csl_title):
        decoded = decode(value)
        assert isinstance(decoded, str)
        check_csl({"id": "x", "type": "book", "title": decoded} if decoded.strip() else {"id": "x", "type": "book"})


@given(bib_value_text | text)
def test_bibtex_name_lists_give_valid_names(value):
    reports = []
    names = parse_names(value, "author", lambda *report: reports.append(report))
    assert all(severity in Severity for _, severity, _, _ in reports)
    if names:
        check_csl({"id": "x", "type": "book", "author": names})

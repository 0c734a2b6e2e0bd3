"""Fuzzing the Article Details parser: labels from its own vocabulary, bullets, indents, line endings."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from citekit.names import parse_author_names
from citekit.sources.article_details import parse_article_details

from .properties import check_csl, check_parse
from .strategies import article_details, name_text, text

SOURCE = "pasted.txt"


@given(article_details, st.one_of(st.none(), st.sampled_from(["lenin", "x"]), text))
def test_article_details_give_a_valid_record_or_a_located_error(block, record_id):
    check_parse(lambda: parse_article_details(block, source=SOURCE, record_id=record_id), source=SOURCE, text=block)


@given(name_text)
@example("\ud800")  # found: a lone surrogate was accepted, then every writer failed to encode it
def test_author_bylines_give_valid_names(byline):
    for name in parse_author_names(byline):
        check_csl({"id": "x", "type": "webpage", "author": [name]})

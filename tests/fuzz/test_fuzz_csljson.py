"""Fuzzing CSL-JSON and CSL-YAML: every variable with every JSON shape, hostile numbers, deep nesting."""

from __future__ import annotations

import pytest
from hypothesis import example, given

from citekit.sources.csl_yaml import parse_csl_yaml
from citekit.sources.csljson import parse_csljson

from .properties import check_csl, check_parse
from .strategies import HOSTILE_JSON, YAML_SNIPPETS, csl_item, csl_json_text, csl_yaml_text, typed_csl_item

SOURCE = "refs.json"


@given(csl_json_text)
# Found (each raised something other than CitekitError, or gave a record no writer could write):
@example('[{"id": "a", "type": "book", "volume": NaN}]')  # NaN kept, then written as invalid JSON
@example('{"id": "a", "type": "book", "number": 1e999}')  # Infinity, the same
@example('{"id": "a", "type": "book", "title": "\\ud800"}')  # half a character: UnicodeEncodeError on write
@example('{"id": "a", "type": "book", "number": ' + "9" * 5000 + "}")  # ValueError: over 4300 digits
@example("[" * 100_000 + "]" * 100_000)  # RecursionError
@example('{"id": "a", "type": "book", "extra": ' + "[" * 500 + "]" * 500 + "}")  # deep, but readable JSON
def test_csl_json_gives_valid_records_or_a_located_error(document):
    check_parse(lambda: parse_csljson(document, source=SOURCE), source=SOURCE, text=document)


@given(csl_item | typed_csl_item)
def test_csl_items_give_a_valid_record_or_an_error_naming_the_record(item):
    check_csl(item)


@given(csl_yaml_text)
@example("- id: a\n  type: book\n  issued: 2018-02-30\n")  # found: ValueError from YAML's date reading
@example("- id: a\n  type: book\n  keyword: !!set {a, b}\n")  # a set: kept, then not writable as JSON
@example("- id: a\n  type: book\n  volume: .nan\n")  # NaN, as in JSON
@example("[" * 5000 + "]" * 5000)  # RecursionError in YAML's composer
def test_csl_yaml_gives_valid_records_or_a_located_error(document):
    check_parse(lambda: parse_csl_yaml(document, source="refs.yaml"), source="refs.yaml", text=document)


@pytest.mark.parametrize("document", HOSTILE_JSON, ids=range(len(HOSTILE_JSON)))
def test_every_hostile_json_document_gives_records_or_a_located_error(document):
    check_parse(lambda: parse_csljson(document, source=SOURCE), source=SOURCE, text=document)


@pytest.mark.parametrize("document", YAML_SNIPPETS, ids=range(len(YAML_SNIPPETS)))
def test_every_yaml_snippet_gives_records_or_a_located_error(document):
    check_parse(lambda: parse_csl_yaml(document, source="refs.yaml"), source="refs.yaml", text=document)

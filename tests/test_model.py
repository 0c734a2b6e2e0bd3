"""The CSL-JSON record model: what it accepts, what it keeps, what it refuses, and round trips."""

from __future__ import annotations

import json

import pytest

from citekit.errors import CitekitError
from citekit.model import date_from_edtf, record_from_csl, records_from_csl
from citekit.sources.csljson import parse_csljson
from conftest import LENIN_AS_PARSED, LENIN_COMPLETED


@pytest.mark.parametrize("record", [LENIN_AS_PARSED, LENIN_COMPLETED])
def test_round_trip_is_exact(record):
    assert record_from_csl(record).to_csl() == record


def test_zotero_style_record_keeps_unknown_variables_and_reads_string_date_parts():
    zotero = {
        "id": "http://zotero.org/users/1/items/ABCD", "type": "article-journal",
        "title": "A <i>Drosophila</i> study", "container-title": "Genetics", "volume": 12, "page": "1-10",
        "author": [{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van", "suffix": "Jr."}],
        "issued": {"date-parts": [["2019", "4"]]}, "custom-field": {"nested": [1, 2]},
    }
    record = record_from_csl(zotero)
    out = record.to_csl()
    assert out["issued"] == {"date-parts": [[2019, 4]]}
    assert out["custom-field"] == {"nested": [1, 2]} and out["volume"] == 12 and out["page"] == "1-10"
    assert record.author[0].display() == "Ludwig van Beethoven, Jr."
    assert list(out)[:2] == ["id", "type"]


@pytest.mark.parametrize("edtf, expected", [
    ("2018-03-22", {"date-parts": [[2018, 3, 22]]}),
    ("2018-03", {"date-parts": [[2018, 3]]}),
    ("2018", {"date-parts": [[2018]]}),
    ("2018~", {"date-parts": [[2018]], "circa": True}),
    ("2001/2003", {"date-parts": [[2001], [2003]]}),
    ("2018-13-01", {"raw": "2018-13-01"}),
    ("spring 2018", {"raw": "spring 2018"}),
])
def test_edtf_strings_as_citation_js_writes_them(edtf, expected):
    assert date_from_edtf(edtf) == expected
    record = record_from_csl({"id": "x", "type": "book", "issued": edtf})
    assert record.to_csl()["issued"] == expected


def test_numeric_id_is_kept_as_its_text():
    assert record_from_csl({"id": 42, "type": "book"}).id == "42"


@pytest.mark.parametrize("data, message", [
    ({"id": "a", "title": "T"}, "record 'a': has no 'type'"),
    ({"id": "a", "type": "blog"}, "record 'a': type: 'blog' is not a CSL type"),
    ({"id": "a", "type": "book", "issued": 2018},
     "record 'a': issued: a date cannot be the number 2018"),
    ({"id": "a", "type": "book", "author": "Zadie Smith"},
     "record 'a': author: names must be a list of name objects, not 'Zadie Smith'"),
    ({"id": "a", "type": "book", "author": [{"given": None, "x": 1}]},
     "record 'a': author[0]: a name needs 'family', 'given' or 'literal'"),
    ({"id": "a", "type": "book", "issued": {"date-parts": [["spring"]]}},
     "record 'a': issued.date-parts: date-parts ['spring'] holds something that is not a number"),
    ({"type": "book"}, "record: id: is required"),
])
def test_invalid_records_name_the_record_and_the_field(data, message):
    with pytest.raises(CitekitError) as caught:
        record_from_csl(data)
    assert str(caught.value).startswith(message)


def test_a_list_names_the_position_of_a_record_without_id():
    with pytest.raises(CitekitError) as caught:
        records_from_csl([{"id": "a", "type": "book"}, "oops"])
    assert str(caught.value).startswith("record 2 is str, not a JSON object")


def test_csljson_source_reports_json_errors_with_line_and_column():
    with pytest.raises(CitekitError) as caught:
        parse_csljson('[\n  {"id": "a",\n  "type": }\n]', source="refs.json")
    assert str(caught.value).startswith("refs.json:line 3 column 11: not valid JSON")


def test_csljson_source_refuses_ids_that_differ_only_in_case():
    text = json.dumps([{"id": "Smith2020", "type": "book"}, {"id": "smith2020", "type": "book"}])
    with pytest.raises(CitekitError, match="the id 'smith2020' is used twice"):
        parse_csljson(text, source="refs.json")


def test_csljson_source_accepts_a_single_object():
    parsed = parse_csljson(json.dumps(LENIN_COMPLETED))
    assert [r.to_csl() for r in parsed.records] == [LENIN_COMPLETED]


@pytest.mark.parametrize("parts, message", [
    ([[2019, 2, 30]], "record 'a': issued.date-parts: date-parts [2019, 2, 30]: day 30 is not in that month"),
    ([[2019, 13]], "record 'a': issued.date-parts: date-parts [2019, 13]: 13 is not a month"),
])
def test_dates_that_are_not_in_the_calendar_are_refused(parts, message):
    with pytest.raises(CitekitError) as caught:
        record_from_csl({"id": "a", "type": "book", "issued": {"date-parts": parts}})
    assert str(caught.value) == message


def test_leap_days_and_seasons_are_dates():
    assert record_from_csl({"id": "a", "type": "book", "issued": {"date-parts": [[2020, 2, 29]]}}).issued.year == 2020
    assert record_from_csl({"id": "a", "type": "book", "issued": {"date-parts": [[2020, 21]]}}).issued.year == 2020


def test_a_number_where_text_belongs_says_so_and_what_to_do():
    with pytest.raises(CitekitError) as caught:
        record_from_csl({"id": "x", "type": "book", "title": 5})
    assert str(caught.value) == "record 'x': title: must be text, not int 5 (put the value in double quotes)"


@pytest.mark.parametrize("data, message", [
    ({"id": "a", "type": "book", "volume": float("nan")},
     "record 'a': volume: nan is not a number JSON can hold (write the value as text, or leave it out)"),
    ({"id": "a", "type": "book", "author": [{"family": "Sm\ud800th"}]},
     "record 'a': author[0].family: holds half of a UTF-16 character pair (a lone surrogate such as \\ud800), "
     "which is not text (remove the \\u escape, or write the whole character)"),
    ({"id": "a\udfff", "type": "book"},
     "record 'a\\udfff': id: holds half of a UTF-16 character pair (a lone surrogate such as \\ud800), "
     "which is not text (remove the \\u escape, or write the whole character)"),
    ({"id": "a", "type": "book", "keyword": {"x", "y"}},
     "record 'a': keyword: holds a set, which CSL-JSON has no place for (write the value as text)"),
])
def test_values_no_json_writer_could_write_back_are_refused(data, message):
    # Python's JSON and YAML readers let these through; every writer would then fail or write invalid JSON.
    with pytest.raises(CitekitError) as caught:
        record_from_csl(data)
    assert str(caught.value) == message


def test_values_nested_deeper_than_any_csl_item_are_refused():
    nested: list = []
    for _ in range(100):
        nested = [nested]
    with pytest.raises(CitekitError) as caught:
        record_from_csl({"id": "a", "type": "book", "custom": {"deep": nested}})
    assert str(caught.value).startswith("record 'a': custom.deep" + "[0]" * 62 + ": is nested more than 64 levels deep")

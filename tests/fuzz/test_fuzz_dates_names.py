"""Fuzzing dates (human, EDTF, CSL objects) and names as the model reads them."""

from __future__ import annotations

import re

from hypothesis import example, given

from citekit.dates import format_date_iso, parse_date
from citekit.model import Record, date_from_edtf

from .properties import check_csl
from .strategies import csl_date, csl_name, date_text, json_value


@given(date_text)
def test_human_dates_are_valid_csl_dates_or_raw(text):
    date = parse_date(text)
    if date is None:
        assert not text.strip()
        return
    assert set(date) in ({"date-parts"}, {"raw"}), date
    record = check_csl({"id": "x", "type": "book", "issued": date})
    # Only text holding half a character (refused wherever it is) may give a date the model refuses.
    assert isinstance(record, Record) or re.search("[\ud800-\udfff]", text), \
        f"parse_date({text!r}) gave {date}, which the model refuses: {record}"


@given(date_text)
def test_edtf_dates_give_a_record_or_an_error_naming_the_field(text):
    check_csl({"id": "x", "type": "book", "issued": date_from_edtf(text)})
    check_csl({"id": "x", "type": "book", "issued": text})


@given(csl_date | json_value)
@example({"date-parts": {"": None}})  # found: KeyError from format_date_iso
@example({"date-parts": True})  # found: TypeError from format_date_iso
@example({"date-parts": [[2018], "x"]})
def test_any_date_value_gives_a_record_or_an_error_and_formats_without_failing(value):
    check_csl({"id": "x", "type": "book", "issued": value, "accessed": value})
    shown = format_date_iso(value)
    assert shown is None or isinstance(shown, str)


@given(csl_name | json_value)
def test_any_name_value_gives_a_record_or_an_error(value):
    check_csl({"id": "x", "type": "book", "author": [value]})
    check_csl({"id": "x", "type": "book", "editor": value})

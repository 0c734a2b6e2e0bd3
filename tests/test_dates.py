"""parse_date: the parts written in the text, never a guess; format_date_iso."""

from __future__ import annotations

import pytest

from citekit.dates import (
    format_date_iso,
    has_month_or_season,
    looks_like_date,
    means_no_date,
    more_precise,
    parse_date,
)


@pytest.mark.parametrize("text", [
    "March 22, 2018",
    "22 March 2018",
    "Mar. 22, 2018",
    "March 22 2018",
    "2018-03-22",
    "2018-03-22T10:00:00Z",
    "Thursday, March 22, 2018",
    "  March 22, 2018\t",
])
def test_full_dates(text):
    assert parse_date(text) == {"date-parts": [[2018, 3, 22]]}


def test_month_and_year_only_gives_two_parts():
    assert parse_date("March 2018") == {"date-parts": [[2018, 3]]}
    assert parse_date("2018-03") == {"date-parts": [[2018, 3]]}


def test_year_only_gives_one_part():
    assert parse_date("2018") == {"date-parts": [[2018]]}


def test_first_of_the_month_is_read_not_taken_for_a_default():
    assert parse_date("March 1, 2018") == {"date-parts": [[2018, 3, 1]]}
    assert parse_date("1 January 2000") == {"date-parts": [[2000, 1, 1]]}


def test_iso_date_with_time_zone_keeps_the_written_date():
    assert parse_date("2018-03-22T23:30:00-05:00") == {"date-parts": [[2018, 3, 22]]}


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_is_none(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("text", [
    "03/04/2018",  # March 4 or April 3
    "04.03.2018",
    "03-04-05",
])
def test_ambiguous_numeric_dates_are_kept_raw(text):
    assert parse_date(text) == {"raw": text}


@pytest.mark.parametrize(("text", "parts"), [
    ("2006/10/01", [2006, 10, 1]),  # Highwire's citation_publication_date form
    ("2006/03/05", [2006, 3, 5]),
    ("2006/10/1", [2006, 10, 1]),
    ("2006.03.05", [2006, 3, 5]),
    ("2006/10", [2006, 10]),
])
def test_a_year_written_first_fixes_the_order_year_month_day(text, parts):
    assert parse_date(text) == {"date-parts": [parts]}


@pytest.mark.parametrize("text", ["2006/13/01", "2006/02/30", "2006/10.01"])
def test_a_year_first_date_that_does_not_exist_is_kept_raw(text):
    assert parse_date(text) == {"raw": text}


def test_unambiguous_numeric_date_is_read():
    # 13 cannot be a month, so there is only one reading.
    assert parse_date("13/04/2018") == {"date-parts": [[2018, 4, 13]]}


@pytest.mark.parametrize("text", [
    "sometime in spring",
    "the 5th of March 2018",  # dateutil reads it only by skipping words
    "Spring 2018",
    "March 22",  # no year: CSL date-parts start with the year
    "22",
    "10:00",
    "Feb 29, 2019",  # no such day
    "N/A",
])
def test_unreadable_dates_are_kept_raw(text):
    assert parse_date(text) == {"raw": text}


def test_raw_is_stripped_of_surrounding_space():
    assert parse_date("  Spring 2018 ") == {"raw": "Spring 2018"}


@pytest.mark.parametrize(("date", "expected"), [
    ({"date-parts": [[2018, 3, 22]]}, "2018-03-22"),
    ({"date-parts": [[2018, 3]]}, "2018-03"),
    ({"date-parts": [[2018]]}, "2018"),
    ({"date-parts": [[476, 9, 4]]}, "0476-09-04"),
    ({"date-parts": [[2001], [2003]]}, "2001/2003"),
    ({"date-parts": [["2018", "3"]]}, "2018-03"),
    ({"raw": "Spring 2018"}, None),
    ({"literal": "n.d."}, None),
    ({}, None),
    (None, None),
])
def test_format_date_iso(date, expected):
    assert format_date_iso(date) == expected


def test_format_date_iso_accepts_a_model_date():
    from citekit.model import Date

    assert format_date_iso(Date.model_validate({"date-parts": [[1917, 11, 8]]})) == "1917-11-08"


@pytest.mark.parametrize("text", ["n.d.", "N.D.", "nd", "n. d.", "no date", "No Date", "undated", "Undated.", "s.d."])
def test_means_no_date(text):
    assert means_no_date(text) is True


@pytest.mark.parametrize("text", ["", "2018", "March 22, 2018", "Monday", "and", "date", "no"])
def test_real_or_other_text_does_not_mean_no_date(text):
    assert means_no_date(text) is False


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("2009", "November 13, 2009", True),
    ("November 13, 2009", "2009", False),
    ("November 2009", "2009-11-13", True),
    ("2009", "2009", False),
    ("2009", "November 13, 2010", None),
    ("November 2009", "2009-12-01", None),
    ("2009", "sometime in 2009", None),
    ("n.d.", "2009", None),
])
def test_more_precise(first, second, expected):
    assert more_precise(first, second) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("November 13, 2009", True), ("2009-11-13", True), ("03/04/2018", True), ("Mon. 13th Nov. 2009", True),
    ("2009", True), ("March 22, 2018 10:00", True),
    ("night in 1920s Paris", False), ("1920s", False), ("November", False), ("", False), ("Spring 2009", False),
])
def test_looks_like_date(text, expected):
    assert looks_like_date(text) is expected


# (date, has a month or season, has a real month)
@pytest.mark.parametrize("date, month_or_season, month", [
    ("2019-12-08", True, True), ("2019-12", True, True), ("December 8, 2019", True, True), ("March 2018", True, True),
    ({"date-parts": [[2019, 12, 8]]}, True, True), ({"date-parts": [["2019", "12"]]}, True, True),
    ({"date-parts": [[2019, 10, 31], [2019, 11, 2]]}, True, True),
    # Seasons: "Fall 2019", CSL's season key, and EDTF's 21-24 in the month's place (2019-21: spring 2019).
    ("Fall 2019", True, False), ("2019-21", True, False), ({"date-parts": [[2019]], "season": 3}, True, False),
    ({"date-parts": [[2019, 23]]}, True, False), ({"raw": "Winter 2020"}, True, False),
    # A year only, no date, a literal or unreadable date.
    ("2019", False, False), ({"date-parts": [[2019]]}, False, False), ({"raw": "2019"}, False, False),
    ({"literal": "c. 1920"}, False, False), ("n.d.", False, False), ("03/04/2018", False, False),
    ("", False, False), (None, False, False), ({}, False, False),
])
def test_has_month_or_season(date, month_or_season, month):
    assert has_month_or_season(date) is month_or_season
    assert has_month_or_season(date, season=False) is month


def test_has_month_or_season_accepts_a_model_date():
    from citekit.model import Date

    assert has_month_or_season(Date.model_validate("2019-12-08")) is True
    assert has_month_or_season(Date.model_validate("2019-22"), season=False) is False

"""Human-written dates ("March 22, 2018", "Mar. 22, 2018", "2018") as CSL date objects.

dateutil reads the spellings; this module only decides what dateutil may be trusted with:
the parts the text really gives (never the ones dateutil fills in from its default), and
no numeric date whose day and month could be swapped ("03/04/2018"). Whatever cannot be
read that way is kept as ``{"raw": text}`` for the caller to report, never guessed.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime
from typing import Any

# Two defaults that differ in every part: a part dateutil reads from the text comes out the
# same under both, a part it filled in from the default does not.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))

# (dayfirst, yearfirst): every way dateutil may order the numbers of a numeric date.
_ORDERINGS = ((False, False), (False, True), (True, False), (True, True))


def _read(text: str, default: datetime, dayfirst: bool, yearfirst: bool) -> datetime | None:
    from dateutil import parser

    with warnings.catch_warnings():
        # "EST" and friends: the zone does not matter for the date as written.
        warnings.simplefilter("ignore")
        try:
            return parser.parse(text, default=default, dayfirst=dayfirst, yearfirst=yearfirst)
        except (ValueError, OverflowError):
            return None


_YEAR_FIRST_NUMERIC = re.compile(r"^\d{4}([/.])\d{1,2}(\1\d{1,2})?$")


def _is_iso(text: str) -> bool:
    from dateutil.parser import isoparse

    try:
        isoparse(text)
    except (ValueError, OverflowError):
        return False
    return True


def _parts_present(text: str, orderings: tuple[tuple[bool, bool], ...]) -> list[int] | None:
    """Year, month, day the text gives, the same under every ordering; None if not readable."""
    readings = []
    for dayfirst, yearfirst in orderings:
        pair = [_read(text, default, dayfirst, yearfirst) for default in _DEFAULTS]
        if any(result is None for result in pair):
            return None
        first, second = pair
        values = (first.year, first.month, first.day)
        agrees = (first.year == second.year, first.month == second.month, first.day == second.day)
        # CSL date-parts are a prefix: year, year-month or year-month-day.
        count = 0
        while count < 3 and agrees[count]:
            count += 1
        if count == 0 or any(agrees[count:]):
            return None
        readings.append(list(values[:count]))
    if any(reading != readings[0] for reading in readings):
        return None  # "03/04/2018": day and month could be either way round
    return readings[0]


# What people write where a date goes to say there is none, compared in lower case without
# spaces and periods: "n.d.", "N.D.", "no date", "undated", "s.d." (sine dato).
NO_DATE_MARKERS = frozenset({"nd", "nodate", "undated", "sd"})


def means_no_date(text: str) -> bool:
    """True for "n.d.", "no date", "undated": a date field that says there is no date.

    `parse_date` keeps such text as a raw date, like any unreadable one; a parser that can leave
    the variable out asks this first.
    """
    return re.sub(r"[\s.]", "", text.lower()) in NO_DATE_MARKERS


_DATE_WORDS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
""".split())
_DATE_NUMBER = re.compile(r"\d+(?:st|nd|rd|th)?|\d+(?::\d+)+")  # 2009, 13th, 10:00


def looks_like_date(text: str) -> bool:
    """Numbers, month and weekday names only: "November 13, 2009", "2009-11-13", "03/04/2018".

    A shape, checked without dateutil (many times cheaper than `parse_date`): "1920s Paris" is none.
    """
    words = [word for word in re.split(r"[\s,./-]+", text.lower()) if word]
    return (any(word[0].isdigit() for word in words)
            and all(word in _DATE_WORDS or _DATE_NUMBER.fullmatch(word) for word in words))


def parse_date(text: str) -> dict[str, Any] | None:
    """A human date as a CSL date object; None for empty text; ``{"raw": text}`` if unreadable.

    Only parts present in the text become date-parts: "March 2018" gives ``[[2018, 3]]``.
    A time of day is dropped (CSL dates have none); the date is taken as written, not
    converted between time zones.
    """
    if text is None or not text.strip():
        return None
    cleaned = " ".join(text.split())
    # ISO 8601 fixes the order (year, month, day), so only that reading applies; so does a year
    # written first with slashes or dots ("2006/10/01", Highwire's citation_date form): no one
    # writes year, day, month.
    year_first = _is_iso(cleaned) or _YEAR_FIRST_NUMERIC.match(cleaned)
    orderings = ((False, True),) if year_first else _ORDERINGS
    parts = _parts_present(cleaned, orderings)
    if parts is None:
        return {"raw": text.strip()}
    return {"date-parts": [parts]}


def more_precise(first: str, second: str) -> bool | None:
    """Whether `second` is more precise than `first`, when both are the same date ("2009", "Nov. 13, 2009").

    None when they are not the same date: one cannot be read, or a part both give differs.
    """
    first_parts, second_parts = ((parse_date(text) or {}).get("date-parts", [[]])[0]
                                 for text in (first, second))
    common = min(len(first_parts), len(second_parts))
    if common == 0 or first_parts[:common] != second_parts[:common]:
        return None
    return len(second_parts) > len(first_parts)


def _iso_of(parts: list[int]) -> str:
    year = parts[0]
    text = f"-{abs(year):04d}" if year < 0 else f"{year:04d}"
    for value in parts[1:3]:
        text += f"-{value:02d}"
    return text


def format_date_iso(date: Any) -> str | None:
    """A CSL date as ISO 8601: "2018-03-22", "2018-03", "2018"; a range as "2001/2003".

    Accepts the CSL-JSON dict or a `citekit.model.Date`. None when there are no date-parts
    (a raw or literal date has no ISO form).
    """
    if date is None:
        return None
    if hasattr(date, "to_csl"):
        date = date.to_csl()
    if not isinstance(date, dict):
        return None
    date_parts = date.get("date-parts")
    # Not yet validated by the model, it may have any shape: anything but a list of lists has no ISO form.
    if not isinstance(date_parts, list) or not date_parts or not all(isinstance(p, list) for p in date_parts) \
            or not date_parts[0]:
        return None
    try:
        dates = [[int(value) for value in parts] for parts in date_parts if parts]
    except (TypeError, ValueError):
        return None
    return "/".join(_iso_of(parts) for parts in dates)


# "Spring 2001", "fall 2011": a season of a year, as students type it (CSL season 1-4).
SEASON_NUMBERS = {"spring": 1, "summer": 2, "fall": 3, "autumn": 3, "winter": 4}
_SEASON_TEXT = re.compile(r"^(spring|summer|fall|autumn|winter),?\s+(\d{4})$", re.I)


def _csl_date(date: Any) -> dict[str, Any] | None:
    """A date as a CSL date object with date-parts where citekit can read them: a CSL-JSON dict (a
    `raw` one read like text), a `citekit.model.Date`, or text: "Fall 2019", EDTF ("2019-12-08",
    "2019-21": spring) as the model reads it, then what `parse_date` reads ("December 8, 2019")."""
    if hasattr(date, "to_csl"):
        date = date.to_csl()
    if isinstance(date, dict):
        if date.get("date-parts") or not isinstance(date.get("raw"), str):
            return date
        date = date["raw"]
    if not isinstance(date, str) or not date.strip():
        return None
    text = " ".join(date.split())
    season = _SEASON_TEXT.match(text)
    if season:
        return {"date-parts": [[int(season.group(2))]], "season": SEASON_NUMBERS[season.group(1).lower()]}
    from citekit.model import date_from_edtf  # pydantic: imported only when a date is given as text

    read = date_from_edtf(text)
    return read if "date-parts" in read else parse_date(text)


def has_month_or_season(date: Any, *, season: bool = True) -> bool:
    """Whether a date gives a month ("2019-12", "December 8, 2019", [[2019, 12, 8]]), or, with
    `season` (the default), a season ("Fall 2019", EDTF "2019-23", {"date-parts": [[2019]], "season": 3}).
    With season=False only a real month (1-12) counts. Of a range, its first date is asked."""
    read = _csl_date(date)
    if not read:
        return False
    parts = read.get("date-parts")
    first = parts[0] if isinstance(parts, list) and parts and isinstance(parts[0], list) else []
    if not first:
        return False
    try:
        month = int(str(first[1]).strip()) if len(first) >= 2 else None
    except ValueError:
        month = None
    if month is not None and 1 <= month <= 12:
        return True
    return season and (month is not None and 21 <= month <= 24 or bool(read.get("season")))

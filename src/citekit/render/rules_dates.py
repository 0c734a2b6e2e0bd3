"""Guide rules for dates kept as typed (`{"raw": ...}`), named in the rule table in rules.py.

A parser that cannot read a date ("03/04/2018": day and month could be either way round; "c. 1920")
keeps the text as `raw` and says so. Handed on like that, each engine reads it its own way:
pandoc's citeproc guesses ("03/04/2018" becomes 4 March), citeproc-py prints it as typed. The guides
want what the source says, once. So a raw date is read here exactly as citekit's parser reads text
(`citekit.dates.parse_date`, after the EDTF forms the model reads), and what that cannot read is
handed on as a CSL literal date: printed as typed, never re-interpreted (the engines' mending
prints a literal date once, from the element that prints the year, as citeproc-js does).
"""

from __future__ import annotations

import re

from citekit.dates import parse_date

# "c. 1920", "ca. 1920", "circa 1920", "[ca. 1920]": an approximate year.
_CIRCA = re.compile(r"^\[?\s*(?:c|ca|circa)\.?\s*(\d{3,4})\s*\]?$", re.I)
# APA 7 "(ca. 1920)": apa.csl prints a CSL circa date so with both engines, and sorts it by its year.
# MLA 9 writes "c. 1920" and Chicago "ca. 1920", where their CSL files print a circa date as "Circa 1920"
# or "[1920?]": for them it is a literal date, with the guide's abbreviation. Other styles: as typed.
CIRCA_FAMILIES = frozenset({"apa"})
CIRCA_WORDS = {"mla": "c.", "chicago": "ca."}

# "Spring 2001", "fall 2011": a season of a year (CSL season 1-4), printed in the style's words.
_SEASONS = {"spring": 1, "summer": 2, "fall": 3, "autumn": 3, "winter": 4}
_SEASON = re.compile(r"^(spring|summer|fall|autumn|winter),?\s+(\d{4})$", re.I)


def read_typed_date(text: str, family: str | None) -> dict | None:
    """A typed date as the CSL date the engines are given: date-parts when citekit can read it
    unambiguously, else the text as a literal date. None for blank text."""
    text = " ".join(text.split())
    if not text:
        return None
    circa = _CIRCA.match(text)
    if circa and family in CIRCA_FAMILIES:
        return {"date-parts": [[int(circa.group(1))]], "circa": True}
    if circa and family in CIRCA_WORDS:
        return {"literal": f"{CIRCA_WORDS[family]} {circa.group(1)}"}
    season = _SEASON.match(text)
    if season:
        return {"date-parts": [[int(season.group(2))]], "season": _SEASONS[season.group(1).lower()]}
    from citekit.model import date_from_edtf  # pydantic: imported only when a typed date is met

    for read in (date_from_edtf(text), parse_date(text)):
        if read and "date-parts" in read:
            return read
    return {"literal": text}


def unreadable_date_as_written(item: dict, options) -> None:
    for name, date in list(item.items()):  # a CSL-JSON object with "raw" is a date, whatever its variable
        if not isinstance(date, dict) or not isinstance(date.get("raw"), str) \
                or date.get("date-parts") or date.get("literal"):
            continue
        read = read_typed_date(date["raw"], options.family)
        if read is None:
            continue
        if date.get("circa") and "date-parts" in read:
            read["circa"] = True
        item[name] = read

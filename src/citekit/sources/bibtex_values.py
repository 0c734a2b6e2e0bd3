"""Name lists and dates of .bib fields, as CSL-JSON names and dates.

Names (pybtex splits them as BibTeX does: "First von Last", "von Last, First",
"von Last, Jr, First"):
- First and middle names -> `given`; the "von" part (lower-case words before the last name:
  "van der", "de la") -> `non-dropping-particle`, which keeps BibTeX's order and sorting;
  the last name -> `family`; the "Jr" part -> `suffix`.
- A name that is one brace group, `{World Health Organization}` (written
  `author = {{World Health Organization}}`), is an organisation: `{"literal": ...}`. BibTeX
  never splits such a name, and "and" inside the braces does not separate names.
- biblatex's extended name format, `family=Berg, given=Jan, prefix=van, suffix=Jr.`, is read
  too (prefix -> `non-dropping-particle`, as above).
- "and others" (BibTeX's "et al.") is not a name: it is left out and reported (`and-others`),
  since CSL styles decide for themselves when to write "et al.".
Dates: biblatex `date` fields are ISO 8601 / EDTF ("2006", "2004-02-29", "1984/1986",
"1850~"), read by `citekit.model.date_from_edtf`; BibTeX `year` (+ `month`, `day`) are read
here. What cannot be read is kept as `{"raw": ...}`, which `validate` reports.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from citekit.findings import Severity
from citekit.model import date_from_edtf
from citekit.sources.bibtex_latex import is_braced_whole, latex_to_text

# (code, severity, message, field): how the entry builder is told about something.
Report = Callable[[str, Severity, str, "str | None"], None]

_EXTENDED_NAME = re.compile(r"^\s*(?:family|given|prefix|suffix)(?:-i)?\s*=", re.IGNORECASE)
_EXTENDED_PARTS = {"family": "family", "given": "given", "prefix": "non-dropping-particle",
                   "suffix": "suffix"}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_YEAR = re.compile(r"^-?\d{1,4}$")
_YEAR_RANGE = re.compile(r"^(\d{1,4})\s*(?:-{1,3}|\u2013|\u2014|/)\s*(\d{1,4})$")
_ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?")


def _name_text(latex: str) -> str:
    # A "~" in a name ("J.~R.~R. Tolkien") only ties initials together: a plain space in CSL.
    return latex_to_text(latex).replace("\u00a0", " ").strip()


def _split_top_level(text: str, separator: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _unbrace(text: str) -> str:
    text = text.strip()
    while is_braced_whole(text):
        text = text[1:-1].strip()
    return text


def _extended_name(text: str) -> dict[str, str]:
    name: dict[str, str] = {}
    for part in _split_top_level(text, ","):
        key, _, value = part.partition("=")
        variable = _EXTENDED_PARTS.get(key.strip().lower())
        if variable and value.strip():
            name[variable] = _name_text(_unbrace(value))
    return name


def _person(text: str) -> dict[str, str]:
    from pybtex.database import Person

    person = Person(text)
    parts = {
        "given": person.first_names + person.middle_names,
        "non-dropping-particle": person.prelast_names,
        "family": person.last_names,
        "suffix": person.lineage_names,
    }
    return {variable: _name_text(" ".join(words)) for variable, words in parts.items() if words}


def parse_names(raw: str, field: str, report: Report) -> list[dict[str, str]]:
    """The names of a name-list field ("A and B and others") as CSL name objects."""
    from pybtex.database.input.bibtex import split_name_list
    from pybtex.errors import capture
    from pybtex.exceptions import PybtexError

    names: list[dict[str, str]] = []
    others = False
    for text in split_name_list(raw):
        if text.strip().lower() == "others":
            others = True  # reported once the named people are counted
            continue
        if _EXTENDED_NAME.match(text):
            name = _extended_name(text)
        elif is_braced_whole(text):
            name = {"literal": _name_text(_unbrace(text))}
        else:
            try:
                with capture() as problems:  # pybtex reports "Too many commas" instead of raising
                    name = _person(text)
            except PybtexError:
                problems = [True]
                name = {}
            if problems:
                report("bibtex-name-unreadable", Severity.WARNING,
                       f'The name "{text}" in {field} is not in a form BibTeX can split '
                       "(First Last, or Last, First); it is kept whole as an organisation's name.",
                       field)
                name = {"literal": _name_text(text)}
        name = {key: value for key, value in name.items() if value}
        if name.get("family") or name.get("given") or name.get("literal"):
            names.append(name)
    if others and not names:
        report("and-others", Severity.WARNING,
               f'{field} is only "others": the file names no one, so citations treat the work as having no '
               f"{field}: add the names from the source.", field)
    elif others:
        # "et al." comes from the style's count of names, so people the file does not name are lost.
        named = f"{len(names)} {'person' if len(names) == 1 else 'people'}"
        report("and-others", Severity.WARNING,
               f'"and others" in {field}: the file names {named} and not the others, so every citation '
               f'shows only those named (MLA 9 and Chicago write "et al." only for three or more, APA 7 '
               f'names up to 20): add their names from the source.', field)
    return names


def _month_number(text: str) -> int | None:
    cleaned = text.strip().rstrip(".").lower()
    if cleaned.isdigit():
        number = int(cleaned)
        return number if 1 <= number <= 12 else None
    for number, month in enumerate(_MONTHS, start=1):
        if len(cleaned) >= 3 and month.startswith(cleaned):
            return number
    return None


def edtf_date(text: str) -> dict[str, Any]:
    """A biblatex date field ("2004-02-29", "1984/1986", "1850~") as a CSL date."""
    # Not LaTeX: "~" is EDTF's "approximately" here, not a no-break space.
    text = " ".join(text.replace("{", "").replace("}", "").split())
    text = _ISO_TIME.sub(r"\1", text)  # CSL dates have no time of day
    return date_from_edtf(text)


def year_date(year: str, month: str | None, day: str | None, report: Report) -> dict[str, Any]:
    """BibTeX's year, month and day fields as one CSL date."""
    year_text = latex_to_text(year)
    if _YEAR.match(year_text):
        parts = [int(year_text)]
    else:
        match = _YEAR_RANGE.match(year_text)
        if not match:
            return {"raw": " ".join(filter(None, (latex_to_text(month or ""), year_text)))}
        return {"date-parts": [[int(match[1])], [int(match[2])]]}
    if month:
        number = _month_number(latex_to_text(month))
        if number is None:
            report("bibtex-month-unreadable", Severity.WARNING,
                   f'The month "{month}" is not a month name or number; only the year is used '
                   "(the month field is kept under \"bibtex\").", "issued")
            return {"date-parts": [parts]}
        parts.append(number)
        if day and latex_to_text(day).isdigit() and 1 <= int(latex_to_text(day)) <= 31:
            parts.append(int(latex_to_text(day)))
    return {"date-parts": [parts]}

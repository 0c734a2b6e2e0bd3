"""`citekit set ID FIELD=VALUE…`: what a student types, read into CSL-JSON values, checked before any write.

FIELD is a CSL variable ("title", "issued", "author", "URL"; its case is forgiven: "url" is
URL). Names are "Family, Given; Family, Given" (a name without a comma, or with an organisation's
word such as "Organization" or "Press", is kept whole, as `citekit.names` reads bylines), or
JSON ('{"literal": "HISTORY.com Editors"}'); dates are EDTF ("2018-03-22", "2018") or written
out ("March 22, 2018"); an empty VALUE removes the variable. A type that is not a CSL type is
refused with the one meant ("bok": book, "newspaper": article-newspaper), never replaced by it.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable
from urllib.parse import urlsplit

from citekit.errors import CitekitError
from citekit.ids import looks_like_organisation

_STANDARD_VARIABLES = """
abstract annote archive archive_collection archive_location archive-place authority call-number
citation-key citation-label collection-title container-title container-title-short dimensions
division DOI event event-title event-place genre ISBN ISSN jurisdiction keyword language license
medium note original-publisher original-publisher-place original-title part-title PMCID PMID
publisher publisher-place references reviewed-genre reviewed-title scale source status title
title-short URL volume-title year-suffix
chapter-number citation-number collection-number edition first-reference-note-number issue locator
number number-of-pages number-of-volumes page page-first part-number printing-number section
supplement-number version volume
""".split()

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
# What students call a type, and the CSL type they mean (keys as `_type_key` writes them): only ever
# suggested, never stored in their place.
_TYPE_ALIASES = {
    "newspaper": "article-newspaper", "newspaper-article": "article-newspaper",
    "magazine": "article-magazine", "magazine-article": "article-magazine",
    "journal": "article-journal", "journal-article": "article-journal",
    "website": "webpage", "web-site": "webpage", "web-page": "webpage",
    "blog": "post-weblog", "blog-post": "post-weblog",
}
_CSL_TYPES_URL = "https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types"


def settable_variables() -> list[str]:
    from citekit.model import DATE_VARIABLES, NAME_VARIABLES

    return ["type", *_STANDARD_VARIABLES, *NAME_VARIABLES, *DATE_VARIABLES]


def _canonical_field(field: str) -> str:
    import difflib

    if field == "id":
        raise CitekitError("the id cannot be changed with set: it names the record's file", location="id",
                           hint="add the record again with --id NEW and remove the old one")
    if field == "custom":
        raise CitekitError("'custom' holds citekit's tags", location=field, hint="use citekit tag ID TAG…")
    known = settable_variables()
    if field in known:
        return field
    same_letters = [name for name in known if name.lower() == field.lower().replace("_", "-")]
    if len(same_letters) == 1:
        return same_letters[0]
    close = difflib.get_close_matches(field, known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else "see the CSL variables: title, author, issued, URL, …"
    raise CitekitError(f"'{field}' is not a CSL variable", location=field or "FIELD", hint=hint)


def _json(field: str, value: str, hint: str) -> Any:
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise CitekitError(f"not valid JSON: {exc.msg}", location=field, hint=hint) from None
    except ValueError as exc:  # a number of more than 4300 digits
        reason = "a number with more than 4300 digits cannot be read" if "digits" in str(exc) else str(exc)
        raise CitekitError(reason, location=field, hint=hint) from None
    except RecursionError:
        raise CitekitError("the JSON is nested too deeply to read", location=field, hint=hint) from None


def _names(field: str, value: str) -> list[Any]:
    if value.lstrip().startswith(("[", "{")):
        data = _json(field, value, 'write names as "Family, Given; Family, Given" or as JSON')
        return [data] if isinstance(data, dict) else data
    names = []
    for piece in value.split(";"):
        parts = [part.strip() for part in piece.split(",")]
        if not piece.strip():
            raise CitekitError("a name between ';' is empty", location=field,
                               hint='write "Family, Given; Family, Given"')
        if len(parts) == 1 or looks_like_organisation(piece.strip()):
            # "A+E Networks", "Plato", and an organisation's name with a comma in it ("United Nations
            # Educational, Scientific and Cultural Organization"): one name, not split, as the
            # Article Details parser reads bylines (citekit.names).
            names.append({"literal": piece.strip() if len(parts) > 1 else parts[0]})
        elif len(parts) <= 3 and parts[0]:
            name = {"family": parts[0]}
            if parts[1]:
                name["given"] = parts[1]
            if len(parts) == 3 and parts[2]:
                name["suffix"] = parts[2]
            names.append(name)
        else:
            raise CitekitError(f"cannot read the name '{piece.strip()}'", location=field,
                               hint='write "Family, Given" (or "Family, Given, Jr."), names separated by ";"')
    return names


def _date(field: str, value: str) -> dict[str, Any]:
    from citekit.dates import parse_date
    from citekit.model import date_from_edtf

    if value.lstrip().startswith("{"):
        return _json(field, value, 'write the date as YYYY-MM-DD, or as {"date-parts": [[2018, 3, 22]]}')
    date = date_from_edtf(value.strip())
    if "raw" in date:
        date = parse_date(value) or {"raw": value}
    if "raw" in date:
        raise CitekitError(f"cannot read the date '{value.strip()}'", location=field,
                           hint="write it as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2018-03-22")
    return date


def _type_key(text: str) -> str:
    """A type as compared: lower case, spaces, hyphens and underscores alike ("Motion picture": "motion-picture")."""
    return re.sub(r"[\s_-]+", "-", text.strip().lower())


def _checked_type(value: str) -> str:
    """A CSL type as typed; anything else is an error suggesting the type meant (never applied)."""
    import difflib

    from citekit.model import CSL_TYPES

    text = value.strip()
    if text in CSL_TYPES:
        return text
    by_key = {_type_key(csl_type): csl_type for csl_type in CSL_TYPES}
    key = _type_key(text)
    meant = by_key.get(key) or _TYPE_ALIASES.get(key)
    if meant is None:
        close = difflib.get_close_matches(key, list(by_key), n=1)
        meant = by_key[close[0]] if close else None
    hint = f"did you mean type={meant}? " if meant else ""
    raise CitekitError(f"'{text}' is not a CSL type", location="type",
                       hint=f"{hint}the record is unchanged; the CSL types are listed at {_CSL_TYPES_URL}")


def _checked_text(field: str, value: str) -> str:
    if field == "type":
        return _checked_type(value)
    text = value.strip()
    if field == "URL":
        try:
            parts = urlsplit(text)
        except ValueError:  # "https://[::1": a host urlsplit cannot read
            parts = urlsplit("")
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
            raise CitekitError(f"'{text}' is not a full web address", location=field,
                               hint="give the address as the browser shows it, starting with https://")
    if field == "DOI" and not _DOI.match(text):
        raise CitekitError(f"'{text}' is not a DOI", location=field,
                           hint="a DOI starts with 10., e.g. 10.1000/xyz123; leave out https://doi.org/")
    return text


def read_assignment(text: str) -> tuple[str, Any]:
    """("issued", {"date-parts": [[2018, 3, 22]]}) from "issued=2018-03-22"; the value None removes."""
    from citekit.model import DATE_VARIABLES, NAME_VARIABLES

    field, equals, value = text.partition("=")
    if not equals:
        raise CitekitError(f"'{text}' is not FIELD=VALUE", location="set",
                           hint="e.g. citekit set ID title=\"White Teeth\" issued=2000")
    field = _canonical_field(field.strip())
    if not value.strip():
        if field == "type":
            raise CitekitError("every record needs a type", location="type", hint="e.g. type=book")
        return field, None
    if field in NAME_VARIABLES:
        return field, _names(field, value)
    if field in DATE_VARIABLES:
        return field, _date(field, value)
    return field, _checked_text(field, value)


def assigned_fields(assignments: list[str]) -> set[str]:
    """The CSL variables FIELD=VALUE texts set, as `read_assignment` names them ("url=…" sets "URL");
    for texts `read_assignment` has already accepted."""
    return {_canonical_field(text.partition("=")[0].strip()) for text in assignments}


def apply_assignments(data: dict[str, Any], assignments: list[tuple[str, Any]]) -> dict[str, Any]:
    """A copy of the CSL-JSON with the assignments made, in order."""
    changed = dict(data)
    for field, value in assignments:
        if value is None:
            changed.pop(field, None)
        else:
            changed[field] = value
    return changed


def keyword_without(keyword: str, words: Iterable[str]) -> str | None:
    """The CSL `keyword` ("history, to read") without the comma-separated words in `words` (case,
    accents and runs of spaces ignored, as tags compare); the other words keep their spelling and
    separators. None when no word is left."""
    from citekit.library_search import fold

    unwanted = {fold(" ".join(word.split())) for word in words}
    kept = [piece for piece in keyword.split(",") if fold(" ".join(piece.split())) not in unwanted]
    if not any(piece.strip() for piece in kept):
        return None
    return ",".join(kept).strip()


def keyword_words(keyword: object) -> list[str]:
    """The comma-separated words of a CSL `keyword`, as the RIS writer splits it into KW lines."""
    return [word.strip() for word in keyword.split(",") if word.strip()] if isinstance(keyword, str) else []

"""CSL-JSON as Zotero, pandoc and citation-js write it: a list of items, or one item."""

from __future__ import annotations

import json
import re

from citekit.errors import CitekitError
from citekit.findings import Parsed
from citekit.model import records_from_csl


def parse_csljson(text: str, *, source: str = "<stdin>") -> Parsed:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CitekitError(f"not valid JSON: {exc.msg}", source=source,
                           location=f"line {exc.lineno} column {exc.colno}",
                           hint="fix the JSON, or paste the Article Details block as plain text") from None
    except ValueError as exc:  # Python refuses integers of more than 4300 digits
        digits = re.search(r"\d{4000,}", text)
        line = text.count("\n", 0, digits.start()) + 1 if digits else None
        reason = "a number with more than 4300 digits cannot be read" if "digits" in str(exc) else str(exc)
        raise CitekitError(reason, source=source,
                           location=f"line {line}" if line else None,
                           hint="write a number that long as text, in double quotes") from None
    except (RecursionError, MemoryError):
        raise CitekitError("the JSON is nested too deeply to read (hundreds of [ or { inside each other)",
                           source=source, hint="CSL-JSON is a list of records, each an object of its "
                                               "variables; check the file is the one you meant") from None
    if isinstance(data, dict) and "items" in data and isinstance(data["items"], list):
        data = data["items"]  # citation-js and some exporters wrap the list
    return Parsed(records=unique_records_from_csl(data, source))


def unique_records_from_csl(data, source: str) -> list:
    """Records from CSL data (JSON or YAML alike), located errors, and ids unique ignoring case."""
    try:
        records = records_from_csl(data)
    except CitekitError as exc:
        raise exc.located(source=source) from None
    seen: dict[str, str] = {}
    for record in records:
        folded = record.id.casefold()
        if folded in seen:
            raise CitekitError(f"the id '{record.id}' is used twice (ids are compared ignoring case)",
                               source=source, location=f"record '{record.id}'",
                               hint="give each record its own id")
        seen[folded] = record.id
    return records

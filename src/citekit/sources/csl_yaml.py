"""CSL-YAML as pandoc and citation-js write it: a list of items, a mapping with `references:`,
or the `---` header of a pandoc Markdown file holding such a mapping.

The YAML is read with `yaml.safe_load` and turned into CSL-JSON before `records_from_csl`
sees it. YAML reads some values as something other than text, so this module turns them back:
- `issued: 2018-03-22` becomes a `datetime.date`: it is written back as date-parts.
- `issued: 2018` becomes a number: a bare year is a year, as pandoc reads it.
- `{year: 2018, month: 3}` (pandoc-citeproc's form), alone or as a list of two for a range,
  becomes date-parts.
- `title: 1984` becomes a number: text variables the model requires as text get it as text.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from citekit.errors import CitekitError
from citekit.findings import Parsed
from citekit.model import DATE_VARIABLES
from citekit.sources.csljson import unique_records_from_csl

# Variables the model holds as text: a number YAML read in their place is written as text.
_TEXT_VARIABLES = ("id", "title", "container-title", "publisher", "URL", "DOI", "note")
_MAX_DEPTH = 12  # deeper than any reference; stops a self-referencing YAML alias
_HEADER_END = re.compile(r"^(?:---|\.\.\.)\s*$")


def _yaml_part(text: str) -> tuple[str, int]:
    """The YAML to read, and how many lines precede it in the file (for error positions).

    A file that starts with a `---` line is read up to the next `---` or `...` line: in a
    Markdown file that is the header, and the Markdown body after it is not YAML.
    """
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return text, 0
    for index in range(1, len(lines)):
        if _HEADER_END.match(lines[index]):
            return "\n".join(lines[1:index]), 1
    return "\n".join(lines[1:]), 1


def _date_from_yaml(value: Any) -> Any:
    """A date value as CSL-JSON wants it; anything else is left for the model to judge."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return {"date-parts": [[value.year, value.month, value.day]]}
    if isinstance(value, int) and not isinstance(value, bool):
        return {"date-parts": [[value]]}
    if isinstance(value, dict) and "year" in value and "date-parts" not in value:
        return {"date-parts": [_parts_of(value)], **_rest_of(value)}
    if isinstance(value, list) and value and all(isinstance(item, dict) and "year" in item for item in value):
        return {"date-parts": [_parts_of(item) for item in value[:2]], **_rest_of(value[0])}
    return value


def _parts_of(value: dict) -> list[Any]:
    parts = [value["year"]]
    for key in ("month", "day"):
        if value.get(key) is None:
            break
        parts.append(value[key])
    return parts


def _rest_of(value: dict) -> dict:
    return {key: item for key, item in value.items() if key not in ("year", "month", "day")}


def _plain(value: Any, depth: int = 0) -> Any:
    """The YAML data with dates and times as ISO text, so nothing but JSON types remain."""
    if depth > _MAX_DEPTH:
        raise CitekitError("the YAML is nested too deeply (a reference to itself?)",
                           hint="write each reference as a plain mapping of its variables")
    if isinstance(value, dict):
        return {str(key): _plain(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item, depth + 1) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _item_as_csl(item: Any) -> Any:
    if not isinstance(item, dict):
        return item  # the model names the record and says what it is instead
    data = {}
    for key, value in item.items():
        key = str(key)
        if key in DATE_VARIABLES:
            value = _date_from_yaml(value)
        elif key in _TEXT_VARIABLES and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        data[key] = _plain(value)
    return data


def parse_csl_yaml(text: str, *, source: str = "<stdin>") -> Parsed:
    import yaml

    document, offset = _yaml_part(text)
    try:
        data = yaml.safe_load(document)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        location = f"line {mark.line + 1 + offset} column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CitekitError(f"not valid YAML: {problem}", source=source, location=location,
                           hint="indent with spaces, and quote values that contain ': ' or start with '@'") from None
    except ValueError as exc:  # a date that does not exist (2018-02-30), or a number of over 4300 digits
        raise CitekitError(f"not valid YAML: {str(exc).split(';')[0]}", source=source,
                           hint='put the value in double quotes so YAML reads it as text, e.g. issued: "2018-02-30", '
                                "and check it") from None
    except (RecursionError, MemoryError):
        raise CitekitError("the YAML is nested too deeply to read", source=source,
                           hint="write each reference as a plain mapping of its variables") from None
    if isinstance(data, dict) and "references" in data:
        data = data["references"]
        if not isinstance(data, list) or not data:
            raise CitekitError("'references:' holds no list of references", source=source,
                               hint="write each reference as a list item starting with '- id: ...'")
    elif isinstance(data, dict) and "type" not in data:
        raise CitekitError("no 'references:' list found", source=source,
                           hint="CSL-YAML is a list of references, or a mapping with 'references:' "
                                "holding that list")
    elif not isinstance(data, (list, dict)):
        raise CitekitError("is not CSL-YAML (neither a list of references nor a 'references:' mapping)",
                           source=source, hint="start the file with 'references:' or with '- id: ...'")
    try:
        items = [_item_as_csl(item) for item in data] if isinstance(data, list) else _item_as_csl(data)
    except CitekitError as exc:
        raise exc.located(source=source) from None
    return Parsed(records=unique_records_from_csl(items, source))

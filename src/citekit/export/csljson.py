"""CSL-JSON writer: the records as pandoc, Zotero and citeproc-js read them."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from citekit.findings import Finding
    from citekit.model import Record

# A JSON array of numbers, or of such arrays, that json.dumps spread over several lines.
# JSON strings never hold a raw newline, so requiring one keeps string contents untouched.
_NUMBERS = re.compile(r"\[\n\s*(-?\d+(?:,\n\s*-?\d+)*)\n\s*\]")
_NUMBER_LISTS = re.compile(r"\[\n\s*(\[[-\d, ]*\](?:,\n\s*\[[-\d, ]*\])*)\n\s*\]")


def _one_line(match: re.Match) -> str:
    return "[" + ", ".join(part.strip() for part in match.group(1).split(",\n")) + "]"


def write_csljson(records: list[Record]) -> str:
    """A JSON list of the records' CSL-JSON, indented by 2, UTF-8 kept, ending with a newline.

    Date parts stay on one line ("date-parts": [[2018, 3, 22]]) so a record reads like a form
    and a change of date is a one-line diff.
    """
    text = json.dumps([record.to_csl() for record in records], indent=2, ensure_ascii=False)
    text = _NUMBER_LISTS.sub(_one_line, _NUMBERS.sub(_one_line, text))
    return text + "\n"


def export_csljson(records: list[Record]) -> tuple[str, list[Finding]]:
    """`write_csljson` with the (always empty) findings list the other exporters return."""
    return write_csljson(records), []

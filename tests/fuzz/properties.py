"""The property every input path must have: a valid record, or our own documented error.

`check_parse` runs a parser and accepts exactly two outcomes:
- `Parsed` whose records are valid: each writes as strict UTF-8 JSON (no NaN, no lone
  surrogate) and reads back through `model.record_from_csl` to the same CSL-JSON; whose
  findings are `Finding`s with a code, a message and, when located, a line inside the text;
- `CitekitError` naming the source, printed as one line.
Any other exception propagates and fails the test.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable

from citekit.errors import CitekitError
from citekit.findings import Finding, Parsed, Severity
from citekit.model import Record, record_from_csl

_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LINE = re.compile(r"^lines? (\d+)")


def line_count(text: str) -> int:
    """The most lines any reader could count in the text (\\n, \\r, or Unicode separators)."""
    return max(len(re.split(r"\r\n|\r|\n", text)), len(text.splitlines()) or 1)


def check_record(record: Any) -> dict:
    """The record's CSL-JSON, after checking it survives being written and read back."""
    assert isinstance(record, Record), type(record)
    csl = record.to_csl()
    written = json.dumps(csl, ensure_ascii=False, allow_nan=False)
    written.encode("utf-8")  # what every writer does next: no lone surrogate may be in it
    again = record_from_csl(json.loads(written))
    assert again.to_csl() == csl
    assert isinstance(again.id, str) and again.id.strip()
    return csl


def check_finding(finding: Any, text: str | None) -> None:
    assert isinstance(finding, Finding), type(finding)
    assert _CODE.match(finding.code), finding.code
    assert isinstance(finding.severity, Severity)
    assert isinstance(finding.message, str) and finding.message.strip()
    if finding.location is not None:
        match = _LINE.match(finding.location)
        assert match, finding.location
        if text is not None:
            assert 1 <= int(match[1]) <= line_count(text), (finding.location, line_count(text))
    json.dumps(finding.to_json(), allow_nan=False)


def check_error(error: CitekitError, source: str | None) -> None:
    assert isinstance(error, CitekitError), type(error)
    assert isinstance(error.message, str) and error.message.strip()
    if source is not None:
        assert error.source == source, (error.source, str(error))
    shown = str(error)
    assert "\n" not in shown and "\r" not in shown
    assert error.location is None or isinstance(error.location, str)


def check_parsed(parsed: Any, text: str | None) -> Parsed:
    assert isinstance(parsed, Parsed), type(parsed)
    # No records is possible only for CSL-JSON's empty list "[]": an empty export, not an error.
    for record in parsed.records:
        check_record(record)
    for finding in parsed.findings:
        check_finding(finding, text)
    return parsed


def check_parse(parse: Callable[[], Parsed], *, source: str | None, text: str | None = None
                ) -> Parsed | CitekitError:
    """Run a parser: valid records, or a CitekitError naming `source`; nothing else."""
    try:
        parsed = parse()
    except CitekitError as error:
        check_error(error, source)
        return error
    return check_parsed(parsed, text)


def check_csl(data: Any) -> Record | CitekitError:
    """CSL data through the model: a valid record, or a CitekitError naming record and field."""
    try:
        record = record_from_csl(data)
    except CitekitError as error:
        check_error(error, None)
        assert error.location, str(error)  # the record it concerns
        return error
    check_record(record)
    return record

"""Findings: what a parser or a validation rule has to tell the student about a record.

Parsers and `validate` report through the same shape, so the student sees one list.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import asdict, dataclass, field


class Severity(str, enum.Enum):
    ERROR = "error"  # the citation will be wrong or incomplete in the guide's eyes
    WARNING = "warning"  # the citation is acceptable but weaker, or relies on a guess
    INFO = "info"  # worth knowing; nothing is wrong


@dataclass(frozen=True)
class Finding:
    code: str  # stable, kebab-case: "missing-issued", "unknown-label"
    severity: Severity
    message: str  # one sentence a student understands
    field: str | None = None  # the CSL variable concerned ("issued", "author")
    record_id: str | None = None
    fix: str | None = None  # what the student can do about it
    # `dataclasses.field`: inside this class body the name `field` is the attribute above.
    styles: dict[str, str] = dataclasses.field(default_factory=dict)  # style family -> what it will print
    location: str | None = None  # "line 7" for parser findings

    def to_json(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@dataclass
class Parsed:
    """What a source parser returns: the records, and what it noticed while reading them."""

    records: list = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


# Parser findings that mean an entry of the input was left out: it could not be read, the rest was.
ENTRY_LEFT_OUT_CODES = frozenset({"bibtex-entry-skipped", "ris-record-skipped"})


def entries_left_out(findings: list[Finding]) -> int:
    """How many entries of the input the parser could not read (and so left out of its records)."""
    return sum(1 for finding in findings if finding.code in ENTRY_LEFT_OUT_CODES)

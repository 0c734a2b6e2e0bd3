"""Writers that turn records into a bibliography file, found by name, alias or file suffix.

Like pybtex's plugin registry: each writer is described in `WRITERS` by the module and
function that implement it, so a writer's module (and the libraries it needs) is only
imported when that writer is chosen.
"""

from __future__ import annotations

import functools
import importlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from citekit.errors import CitekitError

if TYPE_CHECKING:
    from citekit.findings import Finding
    from citekit.model import Record

Writer = Callable[["list[Record]"], str]
Exporter = Callable[["list[Record]"], "tuple[str, list[Finding]]"]

DEFAULT_WRITER = "bibtex"


@dataclass(frozen=True)
class WriterSpec:
    """Where a writer lives and the names and file suffixes that choose it."""

    name: str
    module: str
    function: str  # records -> text
    exporter: str  # records -> (text, findings), called with `options`
    options: tuple[tuple[str, str], ...] = ()
    aliases: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    label: str = ""  # how help texts name the format: "BibTeX", "CSL-JSON"
    description: str = ""

    def load(self) -> Writer:
        return getattr(importlib.import_module(self.module), self.function)

    def load_exporter(self) -> Exporter:
        exporter = getattr(importlib.import_module(self.module), self.exporter)
        return functools.partial(exporter, **dict(self.options))


WRITERS: dict[str, WriterSpec] = {
    spec.name: spec
    for spec in (
        WriterSpec("bibtex", "citekit.export.bibtex", "write_bibtex", "export_bibtex",
                   options=(("dialect", "bibtex"),), aliases=("bib",), suffixes=(".bib",), label="BibTeX",
                   description="BibTeX for pdflatex: non-ASCII written as LaTeX commands"),
        WriterSpec("biblatex", "citekit.export.bibtex", "write_biblatex", "export_bibtex",
                   options=(("dialect", "biblatex"),), label="biblatex",
                   description="biblatex for biber: UTF-8 kept, ISO dates, urldate"),
        WriterSpec("csljson", "citekit.export.csljson", "write_csljson", "export_csljson",
                   aliases=("json", "csl-json"), suffixes=(".json",), label="CSL-JSON",
                   description="CSL-JSON, as pandoc and Zotero read it"),
        WriterSpec("ris", "citekit.export.ris", "write_ris", "export_ris", suffixes=(".ris",), label="RIS",
                   description="RIS, as Zotero, EndNote and Mendeley import it"),
    )
}


def writer_labels() -> list[str]:
    """How help texts name each format, in the registry's order: "BibTeX", "biblatex", "CSL-JSON", "RIS"
    (a writer registered without a label by its name)."""
    return [spec.label or spec.name for spec in WRITERS.values()]


def writer_names() -> list[str]:
    """The names `--to` and `--format` take, in the registry's order: "bibtex", "biblatex", "csljson", "ris"."""
    return list(WRITERS)


def writer_suffixes() -> list[str]:
    """The file suffixes that choose a writer, in the registry's order: ".bib", ".json", ".ris"."""
    return [suffix for spec in WRITERS.values() for suffix in spec.suffixes]


def _known() -> str:
    names = []
    for spec in WRITERS.values():
        names.append(spec.name + (f" ({', '.join(spec.aliases)})" if spec.aliases else ""))
    return ", ".join(names)


def find_writer_spec(name: str | None = None, *, path: str | None = None) -> WriterSpec:
    """The writer named `name` (or alias), else the one for `path`'s suffix, else the default.

    A name wins over a path, so `-o refs.txt --format bibtex` works.
    """
    if name is not None:
        wanted = name.strip().lower()
        for spec in WRITERS.values():
            if wanted == spec.name or wanted in spec.aliases:
                return spec
        raise CitekitError(f"unknown output format '{name}'", hint=f"known formats: {_known()}")
    if path is not None:
        suffix = os.path.splitext(path)[1].lower()
        for spec in WRITERS.values():
            if suffix and suffix in spec.suffixes:
                return spec
        suffixes = ", ".join(writer_suffixes())
        raise CitekitError(f"cannot tell the output format from the file name '{path}'",
                           hint=f"name the file {suffixes}, or give a format: {_known()}")
    return WRITERS[DEFAULT_WRITER]


def get_writer(name: str | None = None, *, path: str | None = None) -> Writer:
    """A callable `records -> text` for the format chosen by name, alias or file suffix."""
    return find_writer_spec(name, path=path).load()


def get_exporter(name: str | None = None, *, path: str | None = None) -> Exporter:
    """Like `get_writer`, but the callable also returns the findings the export produced."""
    return find_writer_spec(name, path=path).load_exporter()

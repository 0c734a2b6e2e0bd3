"""The engine interface: one CSL processor behind one function signature.

Engines take plain CSL-JSON items (already passed through citekit's guide rules), a resolved
style and a locale, and return format-neutral rich text; backends in `richtext` do the rest.
Both engines are looked up by name so the CLI never imports the one it does not use.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Protocol

from citekit.errors import CitekitError
from citekit.render.richtext import RichText
from citekit.render.styles import Style

MODES = ("bib", "intext", "note", "short-note")  # short-note: a later note to a work already cited in full

# CSL 1.0.2 locator labels; what `--label` accepts.
LOCATOR_LABELS = (
    "act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation",
    "equation", "figure", "folio", "issue", "line", "note", "opus", "page", "paragraph", "part",
    "rule", "scene", "section", "sub-verbo", "supplement", "table", "timestamp", "title-locator",
    "verse", "volume",
)


@dataclass(frozen=True)
class Citing:
    """How each record is cited: the kind of output and an optional locator ("23", label "page")."""

    mode: str = "bib"
    locator: str | None = None
    label: str = "page"


@dataclass(frozen=True)
class Entry:
    record_id: str
    text: RichText


class Engine(Protocol):
    name: str

    def render(self, items: list[dict], style: Style, citing: Citing, locale: str) -> list[Entry]:
        """bib: the reference list, sorted as the style says. intext/note: one citation per
        item, in the order given, all in one document so disambiguation sees every item."""
        ...


ENGINES = {
    "pandoc": ("citekit.render.pandoc_engine", "PandocEngine"),
    "citeproc-py": ("citekit.render.citeproc_py_engine", "CiteprocPyEngine"),
}


def get_engine(name: str) -> Engine:
    try:
        module_name, class_name = ENGINES[name]
    except KeyError:
        raise CitekitError(f"unknown engine '{name}'", location="--engine",
                           hint=f"choose one of: {', '.join(ENGINES)}") from None
    return getattr(importlib.import_module(module_name), class_name)()


def check_mode(style: Style, citing: Citing) -> None:
    """Refuse a kind of output the style does not have, rather than print something else."""
    if citing.mode not in MODES:
        raise CitekitError(f"unknown mode '{citing.mode}'", location="--mode",
                           hint="use bib, intext, note or short-note")
    if citing.mode in ("note", "short-note") and not style.is_note_style:
        raise CitekitError(f"{style.title} puts citations in the text, not in notes", location="--mode",
                           hint="use --mode intext, or a note style such as chicago")
    if citing.mode == "intext" and style.is_note_style:
        raise CitekitError(f"{style.title} cites in footnotes", location="--mode",
                           hint="use --mode note, or an author-date style such as chicago-author-date")
    if citing.mode == "bib" and citing.locator:
        raise CitekitError("a locator belongs to a citation, not to a reference-list entry", location="--locator",
                           hint="add --mode intext (or --mode note for a note style)")
    if citing.label not in LOCATOR_LABELS:
        raise CitekitError(f"unknown locator label '{citing.label}'", location="--label",
                           hint="use one of: page, chapter, section, paragraph, line, figure, volume, …")

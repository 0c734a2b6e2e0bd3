"""Rendering: records in, citations out, in any CSL style, through either engine.

`render_citations` is the one entry point: it resolves the style, applies citekit's guide
rules to copies of the records, asks the engine, and formats the rich text it returns.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from citekit.errors import CitekitError
from citekit.render.engine import Citing, check_mode, get_engine
from citekit.render.richtext import BACKENDS
from citekit.render.rules import RULE_CODES, RenderOptions, apply_guide_rules, finish_entries, patch_style
from citekit.render.rules_sorting import reveal_articles
from citekit.render.styles import resolve_style

FORMATS = tuple(BACKENDS)


@dataclass(frozen=True)
class Rendered:
    record_id: str
    text: str


def render_citations(records: list, style: str, *, mode: str = "bib", fmt: str = "text",
                     engine: str = "pandoc", locator: str | None = None, label: str = "page",
                     locale: str | None = None,
                     disabled_rules: frozenset[str] = frozenset(), retrieved: bool = False,
                     cache_dir: str | os.PathLike | None = None,
                     progress: Callable[[int, int], None] | None = None,
                     left_out: list | None = None) -> list[Rendered]:
    """Citations for `records` (Record objects or CSL-JSON dicts) in `style`.

    mode "bib" gives the reference list sorted by the style; "intext" and "note" give one
    citation per record in the order given. `retrieved`: APA 7's retrieval date is wanted (pages
    designed to change). For "bib", an engine that can (pandoc) keeps rendered entries in
    `cache_dir` between runs and reports `progress(done, total)` on long lists.

    A style may cite some works in notes or in the text only and leave them out of its reference
    list (Chicago 18: unpublished talks, social-media posts; APA: personal communications). Given a
    `left_out` list, such records are left out of a "bib" rendering and a Finding for each is
    appended to it; without one, they are an error, so no caller loses a record unawares.
    """
    if fmt not in BACKENDS:
        raise CitekitError(f"unknown format '{fmt}'", location="--format", hint=f"use one of: {', '.join(FORMATS)}")
    unknown = sorted(set(disabled_rules) - set(RULE_CODES))
    if unknown:
        raise CitekitError(f"unknown rule '{unknown[0]}'", location="--no-rule",
                           hint=f"rules are: {', '.join(RULE_CODES)}")
    resolved = resolve_style(style)
    citing = Citing(mode=mode, locator=locator, label=label)
    check_mode(resolved, citing)
    items = [r if isinstance(r, dict) else r.to_csl() for r in records]
    if not items:
        return []
    options = RenderOptions(family=resolved.family, retrieved=retrieved)
    resolved, disabled_rules = patch_style(resolved, options, frozenset(disabled_rules))
    prepared = apply_guide_rules(items, options, disabled_rules)
    engine_impl = get_engine(engine)
    extra = {}
    if mode == "bib" and getattr(engine_impl, "caches_bibliographies", False):
        extra = {"cache_dir": cache_dir, "progress": progress}
    entries = engine_impl.render(prepared, resolved, citing, locale or resolved.default_locale or "en-US", **extra)
    entries = reveal_articles(entries)  # what rule sort-ignores-initial-article hid from the engine's sorting
    if mode == "bib":
        entries = _without_cited_elsewhere(entries, resolved, prepared, engine_impl,
                                           locale or resolved.default_locale or "en-US", left_out)
    _refuse_empty(entries, resolved, items)
    if mode == "bib":
        entries = finish_entries(entries, resolved.family, disabled_rules)
    backend = BACKENDS[fmt]
    return [Rendered(entry.record_id, backend(entry.text)) for entry in entries]


def _without_cited_elsewhere(entries: list, style, prepared: list[dict], engine_impl, locale: str,
                             left_out: list | None) -> list:
    """The reference-list entries less those of works the style cites only in notes or in the text.

    Such a work is told from one the style cannot print at all by citing it alone: a note or an
    in-text citation with text means the style knows the work and keeps it out of the list on purpose."""
    empty = {entry.record_id for entry in entries if not entry.text.plain().strip()}
    if not empty:
        return entries
    from citekit.findings import Finding, Severity

    mode, where, fix = (("note", "in notes only", "cite it in a note: --mode note") if style.is_note_style
                        else ("intext", "in the text only", "cite it in the text: --mode intext"))
    elsewhere = []
    for item in prepared:
        if str(item["id"]) in empty:
            [citation] = engine_impl.render([item], style, Citing(mode=mode), locale)
            if citation.text.plain().strip():
                elsewhere.append(item)
    if not elsewhere:
        return entries
    listed = "bibliography" if style.is_note_style else "reference list"
    findings = [Finding("cited-outside-the-list", Severity.WARNING,
                        f"{style.title} cites {_a_kind(item.get('type'))} like this one {where} and leaves it "
                        f"out of its {listed}", record_id=str(item["id"]), fix=fix) for item in elsewhere]
    if left_out is None:
        first = findings[0]
        raise CitekitError(first.message + (f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""),
                           location=f"record '{first.record_id}'", hint=first.fix)
    left_out.extend(findings)
    skipped = {finding.record_id for finding in findings}
    return [entry for entry in entries if entry.record_id not in skipped]


def _a_kind(csl_type) -> str:
    """'a speech', 'an interview', 'a dictionary entry': a CSL type in words, with its article."""
    from citekit.model import type_in_words

    kind = type_in_words(csl_type)
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _refuse_empty(entries: list, style, items: list[dict]) -> None:
    """A style that prints nothing for a record gets an error, never a blank line in a paper."""
    empty = [entry.record_id for entry in entries if not entry.text.plain().strip()]
    if empty:
        kinds = {str(item["id"]): item.get("type") for item in items}
        raise CitekitError(f"{style.title} prints nothing for '{empty[0]}' (type {kinds.get(empty[0])})"
                           + (f" and {len(empty) - 1} more" if len(empty) > 1 else ""),
                           location=f"record '{empty[0]}'",
                           hint="run `citekit validate` on it: it needs a title, or a type this style knows "
                                "(e.g. webpage, book, article-journal)")

"""The alternative engine: citeproc-py, a pure-Python CSL processor, run in process.

citeproc-py builds its output by calling a "formatter" (Italic(text), Bold(text), …). Ours wraps
styled runs in Unicode noncharacters — code points the standard reserves for a program's own
internal use, so they never occur in real text (we strip them from the input to be sure) — and
the result is parsed into `Str`/`Styled`/`Link` nodes. Field text therefore never passes through
any markup language: a title "<script>" stays literal text until a backend escapes it.

citeproc-py 0.11.1 gets ordinary entries wrong in many small ways. citekit mends them in one
layer: `citeproc_py_mending` (subclasses of its element classes, registered for the styles citekit
parses), `citeproc_py_text` (the text going in and coming out) and `citeproc_py_disambiguation`.
What the layer does not mend, the engine refuses for the style at hand (`Unmended` becomes a
CitekitError naming the style and the defect) rather than print a wrong citation.
"""

from __future__ import annotations

import logging
import re
import warnings
from types import SimpleNamespace
from typing import Any, Iterable

import citeproc
from citeproc import Citation, CitationItem, CitationStylesBibliography, Locator
from citeproc.source import Reference
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, String

from citekit.errors import CitekitError
from citekit.model import DATE_VARIABLES, NAME_VARIABLES
from citekit.render import citeproc_py_mending as mending
from citekit.render import citeproc_py_text as text_mending
from citekit.render.citeproc_py_disambiguation import Disambiguation
from citekit.render.citeproc_py_mending import MendedStyle, Unmended
from citekit.render.citeproc_py_text import LINK_OPEN, MARKERS, STYLE_CLOSE, STYLE_OPENERS
from citekit.render.engine import Citing, Entry
from citekit.render.richtext import Link, Node, RichText, Str, Styled
from citekit.render.styles import Style

log = logging.getLogger(__name__)

CITEPROC_PY_VERSION = citeproc.__version__

# --- Our formatter: styled runs marked with noncharacters ---------------------------------------

_STYLE_OF_OPENER = {char: style for style, char in STYLE_OPENERS.items()}


def _without_markers(text: str) -> str:
    return MARKERS.sub("", text)


def _wrapping(style: str):
    opening = String(STYLE_OPENERS[style])

    def wrap(text: Any) -> MixedString:
        # Concatenating citeproc-py String objects keeps its segments (and their "nocase" flags),
        # so text-case applied further out still works on the wrapped text.
        if not isinstance(text, (String, MixedString)):
            text = String(str(text))
        return opening + text + String(STYLE_CLOSE)

    return wrap


def _unchanged(text: Any) -> Any:
    return text


RICH_TEXT_FORMATTER = SimpleNamespace(
    preformat=lambda text: _without_markers(str(text)),
    Italic=_wrapping("emph"), Oblique=_wrapping("emph"), Bold=_wrapping("strong"),
    Light=_unchanged,  # rich text has no light weight; normal weight is the faithful fallback
    Underline=_wrapping("underline"), Superscript=_wrapping("superscript"),
    Subscript=_wrapping("subscript"), SmallCaps=_wrapping("smallcaps"),
)

# A DOI may hold "<" and ">" (10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P); field text
# never passes through markup, so they are text here.
_URL = re.compile(r"https?://[^\s\"]*[^\s\".,;:)\]]")


def _linked(text: str) -> list[Node]:
    nodes: list[Node] = []
    position = 0
    for match in _URL.finditer(text):
        if match.start() > position:
            nodes.append(Str(text[position:match.start()]))
        nodes.append(Link(match.group(0), (Str(match.group(0)),)))
        position = match.end()
    if position < len(text):
        nodes.append(Str(text[position:]))
    return nodes


def _link_target(text: str) -> str:
    return text if re.match(r"[a-z][a-z0-9+.-]*:", text, re.I) else f"https://{text}"


def marked_to_nodes(marked: str) -> list[Node]:
    """Parse formatter output (text with our markers) into rich-text nodes."""
    stack: list[tuple[str | None, list[Node]]] = [(None, [])]
    run: list[str] = []

    def flush() -> None:
        if run:
            text = "".join(run)
            in_link = any(style == "link" for style, _ in stack)
            stack[-1][1].extend([Str(text)] if in_link else _linked(text))
            run.clear()

    def close() -> None:
        style, children = stack.pop()
        if children and style == "link":
            stack[-1][1].append(Link(_link_target(text_mending.plain_text(children)), tuple(children)))
        elif children:
            stack[-1][1].append(Styled(style, tuple(children)))

    for char in marked:
        if char in _STYLE_OF_OPENER:
            flush()
            stack.append((_STYLE_OF_OPENER[char], []))
        elif char == LINK_OPEN:
            flush()
            stack.append(("link", []))
        elif char == STYLE_CLOSE:
            flush()
            if len(stack) > 1:  # an unmatched close cannot come from us; ignore it
                close()
        elif MARKERS.match(char) is None:
            run.append(char)
    flush()
    while len(stack) > 1:
        close()
    return text_mending.roman_inside_italics(stack[0][1])


# --- Input: CSL-JSON items in the shapes citeproc-py accepts ------------------------------------

_NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix")
_NOT_VARIABLES = frozenset({"id", "type", "key", "custom", "citation-key"})
_IDENTIFIERS = frozenset({"URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID"})  # no markup, no typographic quotes


def _clean(value: Any) -> str:
    return _without_markers(str(value))


def _citeproc_name(name: dict) -> dict | None:
    # citeproc-py warns about (and may choke on) name keys it does not know.
    if name.get("literal"):
        return {"literal": text_mending.typographic_quotes(_clean(name["literal"]))}
    kept = {part: text_mending.typographic_quotes(_clean(name[part])) for part in _NAME_PARTS if name.get(part)}
    return kept or None


def _date_parts(parts: Iterable) -> list[int]:
    numbers: list[int] = []
    for part in list(parts)[:3]:
        try:
            numbers.append(int(part))
        except (TypeError, ValueError):
            break  # a part after a missing one means nothing on its own
    return numbers


def _citeproc_date(date: dict) -> dict | None:
    parts = [p for p in (_date_parts(d) for d in date.get("date-parts") or []) if p]
    if parts:
        result: dict[str, Any] = {"date-parts": parts[:2]}
        for key in ("season", "circa"):
            if key in date:
                result[key] = date[key]
        if len(parts) == 1 and len(parts[0]) == 2 and 21 <= parts[0][1] <= 24 and not date.get("season"):
            # CSL-JSON's season in the month's place ([[2001, 21]]: spring), which citeproc-py reads as
            # a month it has no name for; its own season key is what it prints.
            result["date-parts"], result["season"] = [parts[0][:1]], parts[0][1] - 20
        return result
    # citeproc-py cannot parse a raw date; printing it as written beats dropping it.
    text = date.get("literal") or date.get("raw")
    return {"literal": _clean(text)} if text else None


def citeproc_item(item: dict) -> dict:
    """A copy of a CSL-JSON item in the shapes citeproc-py accepts: names and dates as it reads
    them, every other variable as text, with CSL-JSON's rich text and quotation marks marked."""
    result: dict[str, Any] = {"id": str(item["id"]), "type": item.get("type") or "document"}
    for key, value in item.items():
        if key in _NOT_VARIABLES or value is None:
            continue
        if key in NAME_VARIABLES:
            names = [n for n in (_citeproc_name(v) for v in value if isinstance(v, dict)) if n] \
                if isinstance(value, list) else []
            if names:
                result[key] = names
        elif key in DATE_VARIABLES:
            date = _citeproc_date(value) if isinstance(value, dict) else None
            if date:
                result[key] = date
        elif key == "language" or key in _IDENTIFIERS:
            result[key] = _clean(value)
        elif isinstance(value, (str, int, float)):
            result[key] = text_mending.field_text(_clean(value))
    return result


class _Source(CiteProcJSON):
    """citeproc-py's CSL-JSON reader knows the CSL 1.0.1 name and date variables only; a CSL 1.0.2
    one (`editor-translator`, `host`, `available-date`) would be read as text."""

    def __init__(self, items: list[dict]):
        for item in items:
            data = {}
            for key, value in item.items():
                if key in ("id", "type"):
                    continue
                key = "title-short" if key == "shortTitle" else key
                if key in NAME_VARIABLES:
                    value = [mending.parse_name(name) for name in value]
                elif key in DATE_VARIABLES:
                    value = self.parse_date(value)
                elif key != "language":
                    value = self.parse_string(value)
                data[key.replace("-", "_")] = value
            self.add(Reference(item["id"].lower(), item["type"], **data))


def _ids_by_key(items: list[dict]) -> dict[str, Any]:
    """citeproc-py lower-cases every id; map its keys back to the ids the student wrote."""
    ids: dict[str, Any] = {}
    for item in items:
        key = str(item["id"]).lower()
        if key in ids and ids[key] != item["id"]:
            raise CitekitError(f"records '{ids[key]}' and '{item['id']}' have ids that differ only in case",
                               location="id", hint="rename one, or use the default engine: --engine pandoc")
        ids[key] = item["id"]
    return ids


# --- The engine ------------------------------------------------------------------------------------

def check_version(version: str = CITEPROC_PY_VERSION) -> None:
    """The mending was written for one release of citeproc-py; another could break it silently."""
    if version != mending.MENDED_VERSION:
        raise CitekitError(f"citekit's citeproc-py engine was written for citeproc-py {mending.MENDED_VERSION}, "
                           f"and {version} is installed", location="--engine",
                           hint=f"pip install citeproc-py=={mending.MENDED_VERSION}, or use --engine pandoc")


class CiteprocPyEngine:
    name = "citeproc-py"

    def render(self, items: list[dict], style: Style, citing: Citing, locale: str) -> list[Entry]:
        if not items:
            return []
        if citing.mode == "short-note":  # it has no citation positions: every note would be a full one
            raise CitekitError("the citeproc-py engine cannot print short notes", location="--engine",
                               hint="use the default engine: --engine pandoc")
        check_version()
        ids = _ids_by_key(items)
        prepared = [citeproc_item(item) for item in items]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                texts = self._render(prepared, style, citing, locale)
            except CitekitError:
                raise
            except Unmended as unmended:
                records = ", ".join(f"'{ids[key]}'" for key in unmended.keys)
                raise CitekitError(f"citeproc-py cannot cite {records + ' ' if records else ''}correctly in "
                                   f"{style.title}: {unmended.defect}", location="--engine",
                                   hint="use the default engine: --engine pandoc") from None
            except Exception as exc:  # citeproc-py fails with any exception type on what it lacks
                detail = f"{type(exc).__name__}: {exc}".splitlines()[0]
                raise CitekitError(f"citeproc-py could not render style '{style.name}': {detail}",
                                   source=str(style.path),
                                   hint="try the default engine: --engine pandoc") from None
        for warning in caught:  # unsupported features: worth a debug line, not the student's attention
            log.debug("citeproc-py: %s", warning.message)
        entries = [Entry(ids[key], RichText(marked_to_nodes(text))) for key, text in texts]
        if style.family in text_mending.ROMAN_CJK_FAMILIES:
            entries = [Entry(e.record_id, RichText(text_mending.roman_cjk(e.text.nodes))) for e in entries]
        return entries

    def _render(self, prepared: list[dict], style: Style, citing: Citing,
                locale: str) -> list[tuple[str, str]]:
        csl_style = MendedStyle(str(style.path), locale, text_mending.stop_words_for(style.family, style.path.stem))
        if citing.mode == "bib" and not csl_style.has_bibliography():
            raise CitekitError(f"{style.title} has no reference list", location="--mode",
                               hint=f"use --mode {'note' if style.is_note_style else 'intext'}")
        source = _Source(prepared)
        keys = [item["id"].lower() for item in prepared]
        bibliography = self._sorted_bibliography(csl_style, source, keys)

        def cite(cited: list[str], ambiguous: Iterable[str], locator: Locator | None = None) -> list[str]:
            return self._cite_each(csl_style, source, bibliography.keys, cited, locator, ambiguous)

        disambiguation = Disambiguation(csl_style, source, cite)
        texts, ambiguous = disambiguation.run(keys, bibliography.keys, citing=citing.mode != "bib")
        if citing.mode == "bib":
            pairs = self._bibliography(csl_style, bibliography)
        else:
            locator = Locator(citing.label, citing.locator) if citing.locator else None
            if texts is None or locator is not None:
                texts = dict(zip(keys, cite(keys, ambiguous, locator)))
            pairs = [(key, texts[key]) for key in keys]
        finish = text_mending.Finishing(csl_style.root)
        return [(key, finish(text)) for key, text in pairs]

    @staticmethod
    def _sorted_bibliography(csl_style: MendedStyle, source: CiteProcJSON,
                             keys: list[str]) -> CitationStylesBibliography:
        bibliography = CitationStylesBibliography(csl_style, source, RICH_TEXT_FORMATTER)
        for key in keys:
            bibliography.register(Citation([CitationItem(key)]))
        if csl_style.has_bibliography():
            bibliography.sort()
        return bibliography

    @staticmethod
    def _bibliography(csl_style: MendedStyle, bibliography: CitationStylesBibliography) -> list[tuple[str, str]]:
        state = csl_style.state
        # `disambiguate="true"` tells citations apart; reference-list entries never take it.
        state.in_bibliography, state.previous_names, state.previous_first = True, None, ()
        state.disambiguate = frozenset()
        try:
            texts = []
            for item in bibliography.items:
                # One item at a time: citeproc-py skips entries that render empty, which would
                # otherwise shift every later entry onto the wrong id.
                rendered = csl_style.render_bibliography([item])
                if rendered:
                    texts.append((item.key, str(rendered[0])))
            return texts
        finally:
            state.in_bibliography = False

    @staticmethod
    def _cite_each(csl_style: MendedStyle, source: CiteProcJSON, order: list[str], cited: list[str],
                   locator: Locator | None, ambiguous: Iterable[str]) -> list[str]:
        """One citation for each key in `cited`, in the order given, all in one document of the keys
        in `order` (the reference-list order, which numeric styles number by; the order given when
        the style has no reference list); cites of `ambiguous` keys take `disambiguate="true"`."""
        bibliography = CitationStylesBibliography(csl_style, source, RICH_TEXT_FORMATTER)
        extra = {"locator": locator} if locator else {}
        for key in order:
            bibliography.register(Citation([CitationItem(key)]))
        csl_style.state.disambiguate = frozenset(ambiguous)
        citations = [Citation([CitationItem(key, **extra)]) for key in cited]
        for citation in citations:
            bibliography.register(citation)
        # Every cited item is registered, so the callback for unknown items is never called.
        return [str(bibliography.cite(citation, lambda item: None) or "") for citation in citations]

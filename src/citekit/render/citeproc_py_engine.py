"""The alternative engine: citeproc-py, a pure-Python CSL processor, run in process.

citeproc-py builds its output by calling a "formatter" (Italic(text), Bold(text), …). Ours wraps
styled runs in Unicode noncharacters — code points the standard reserves for a program's own
internal use, so they never occur in real text (we strip them from the input to be sure) — and
the result is parsed into `Str`/`Styled`/`Link` nodes. Field text therefore never passes through
any markup language: a title "<script>" stays literal text until a backend escapes it.

citeproc-py is incomplete (no disambiguation, `initialize="false"` ignored, punctuation-in-quote
ignored). The few defects that are cheap to mend are mended in one section below, marked
"Mending citeproc-py"; everything else is left to citekit's guide rules and fix layer.
"""

from __future__ import annotations

import logging
import re
import warnings
from types import SimpleNamespace
from typing import Any, Iterable

import citeproc
from citeproc import (DATES, NAMES, VARIABLES, Citation, CitationItem, CitationStylesBibliography,
                      CitationStylesStyle, Locator)
from citeproc.formatter import plain as plain_formatter
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, String

from citekit.errors import CitekitError
from citekit.model import NAME_VARIABLES
from citekit.render.engine import Citing, Entry
from citekit.render.richtext import Link, Node, RichText, Str, Styled
from citekit.render.styles import Style

log = logging.getLogger(__name__)

_NS = {"cs": "http://purl.org/net/xbiblio/csl"}

# --- Our formatter: styled runs marked with noncharacters ---------------------------------------

_OPENERS = {"emph": "\ufdd0", "strong": "\ufdd1", "smallcaps": "\ufdd2", "superscript": "\ufdd3",
            "subscript": "\ufdd4", "underline": "\ufdd5"}
_CLOSE = "\ufddf"
_STYLE_OF_OPENER = {char: style for style, char in _OPENERS.items()}
_MARKERS = re.compile("[\ufdd0-\ufdef]")


def _without_markers(text: str) -> str:
    return _MARKERS.sub("", text)


def _wrapping(style: str):
    opening = String(_OPENERS[style])

    def wrap(text: Any) -> MixedString:
        # Concatenating citeproc-py String objects keeps its segments (and their "nocase" flags),
        # so text-case applied further out still works on the wrapped text.
        if not isinstance(text, (String, MixedString)):
            text = String(str(text))
        return opening + text + String(_CLOSE)

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

_URL = re.compile(r"https?://[^\s\"<>]*[^\s\"<>.,;:)\]]")


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


def marked_to_nodes(marked: str) -> list[Node]:
    """Parse formatter output (text with our markers) into rich-text nodes."""
    stack: list[tuple[str | None, list[Node]]] = [(None, [])]
    run: list[str] = []

    def flush() -> None:
        if run:
            stack[-1][1].extend(_linked("".join(run)))
            run.clear()

    def close() -> None:
        style, children = stack.pop()
        if children:
            stack[-1][1].append(Styled(style, tuple(children)))

    for char in marked:
        if char in _STYLE_OF_OPENER:
            flush()
            stack.append((_STYLE_OF_OPENER[char], []))
        elif char == _CLOSE:
            flush()
            if len(stack) > 1:  # an unmatched close cannot come from us; ignore it
                close()
        elif _MARKERS.match(char) is None:
            run.append(char)
    flush()
    while len(stack) > 1:
        close()
    return stack[0][1]


# --- Input: CSL-JSON items reduced to what citeproc-py accepts -----------------------------------

_KNOWN_VARIABLES = frozenset(VARIABLES)
_NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix")


def _clean(value: Any) -> str:
    return _without_markers(str(value))


def _citeproc_name(name: dict) -> dict | None:
    # citeproc-py warns about (and may choke on) name keys it does not know.
    if name.get("literal"):
        return {"literal": _clean(name["literal"])}
    kept = {part: _clean(name[part]) for part in _NAME_PARTS if name.get(part)}
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
        return result
    # citeproc-py cannot parse a raw date; printing it as written beats dropping it.
    text = date.get("literal") or date.get("raw")
    return {"literal": _clean(text)} if text else None


def citeproc_item(item: dict) -> dict:
    """A copy of a CSL-JSON item with only the variables citeproc-py knows, in shapes it accepts."""
    result: dict[str, Any] = {"id": str(item["id"]), "type": item.get("type") or "document"}
    for key, value in item.items():
        variable = key.replace("-", "_")
        if variable not in _KNOWN_VARIABLES or value is None:
            continue
        if variable in NAMES:
            names = [n for n in (_citeproc_name(v) for v in value if isinstance(v, dict)) if n]
            if names:
                result[key] = names
        elif variable in DATES:
            date = _citeproc_date(value) if isinstance(value, dict) else None
            if date:
                result[key] = date
        elif key == "language":
            result[key] = str(value)
        else:
            result[key] = _clean(value)
    return result


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


# --- Mending citeproc-py: cheap, self-contained fixes of known defects ---------------------------
# Left for the fix layer: a variable used as a substitute for the author through a macro is printed
# again later (an authorless page shows its title twice in MLA and APA); no year-suffix or add-names
# disambiguation; no subsequent-author-substitute ("———"); no ibid; CSL-JSON inline HTML (<i>) in
# fields printed literally; hyphenated locator labels ("sub-verbo") fail `locator=` conditions.

# Typographic quotes: citeproc-py sorts on formatted keys, so a quoted title would sort after "Z".
_SORT_FORMATTER = SimpleNamespace(**{name: getattr(plain_formatter, name) for name in (
    "Italic", "Oblique", "Bold", "Light", "Underline", "Superscript", "Subscript", "SmallCaps")},
    preformat=lambda text: re.sub("[\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e]", "", str(text)))


def _sort(bibliography: CitationStylesBibliography, csl_style: CitationStylesStyle) -> None:
    """Sort with a formatter that adds no markup, so keys compare as plain words."""
    csl_style.root.formatter = _SORT_FORMATTER
    try:
        bibliography.sort()
    finally:
        csl_style.root.formatter = RICH_TEXT_FORMATTER


def never_initialise_where_told(root: Any) -> None:
    """Honour `<name initialize="false">`: citeproc-py ignores it and abbreviates every given name
    whenever the style sets `initialize-with` (MLA and Chicago print "Z. Smith" for "Zadie Smith").
    We move the inherited `initialize-with` onto each name that does initialise, and drop it from
    the elements it was inherited from. A macro shared by citation and bibliography with different
    settings cannot be resolved statically; such a style is left as it is."""
    holders = [root, *root.xpath("cs:citation | cs:bibliography", namespaces=_NS)]
    names = root.xpath(".//cs:name", namespaces=_NS)
    if all(h.get("initialize-with") is None for h in holders) or \
            not any(n.get("initialize") == "false" for n in names):
        return
    inherited = {section.tag: section.get("initialize-with", root.get("initialize-with"))
                 for section in holders[1:]}
    plan = []
    for name in names:
        if name.get("initialize-with") is not None or name.get("initialize") == "false":
            continue
        section = name.xpath("ancestor::cs:citation | ancestor::cs:bibliography", namespaces=_NS)
        if section:
            value = inherited[section[0].tag]
        else:  # in a macro: could be called from either section
            values = set(inherited.values()) or {root.get("initialize-with")}
            if len(values) > 1:
                return
            value = values.pop()
        if value is not None:
            plan.append((name, value))
    for name, value in plan:
        name.set("initialize-with", value)
    for holder in holders:
        holder.attrib.pop("initialize-with", None)


_NEVER_SET = "citekit-never-set"


class DisambiguationSwitch:
    """citeproc-py ignores the `disambiguate="true"` test, so MLA always adds the title to an in-text
    citation. With the switch off, the test is false (as in any processor when no two cites look
    alike): we add a variable no item has. With it on, citeproc-py's own reading (true) returns."""

    def __init__(self, root: Any):
        self._conditions = [(c, c.get("variable")) for c in
                            root.xpath(".//cs:if[@disambiguate='true'] | .//cs:else-if[@disambiguate='true']",
                                       namespaces=_NS)]

    def __bool__(self) -> bool:
        return bool(self._conditions)

    def set(self, on: bool) -> None:
        for condition, variable in self._conditions:
            if on:
                if variable is None:
                    condition.attrib.pop("variable", None)
                else:
                    condition.set("variable", variable)
            else:
                condition.set("variable", f"{variable} {_NEVER_SET}" if variable else _NEVER_SET)


def with_locator_variable(prepared: list[dict], locator: str | None) -> list[dict]:
    """citeproc-py tests `is-numeric="locator"` against the item's data, not the cite, so APA's
    "(Smith, 2000, Chapter 4)" loses its label. Every cite here has the same locator, so the
    item data can carry it too."""
    if not locator:
        return prepared
    return [{**item, "locator": locator} for item in prepared]


def american_punctuation(marked: str, close_quote: str) -> str:
    """Put "." and "," inside a closing quotation mark (CSL's punctuation-in-quote, which the
    en-US locale sets and citeproc-py ignores): “Title”. -> “Title.” A mark already ending the
    quotation ("?", "!", or the same mark) makes the outside one redundant: “Why?”. -> “Why?”"""
    pattern = re.compile(f"({re.escape(close_quote)}{_CLOSE}*)([.,])")

    def move(match: re.Match) -> str:
        inside = _without_markers(match.string[:match.start()])
        if inside[-1:] in ("?", "!") or inside[-1:] == match.group(2):
            return match.group(1)
        return match.group(2) + match.group(1)

    return pattern.sub(move, marked)


def _no_doubled_period(marked: str) -> str:
    # citeproc-py drops a doubled "." at a seam, but not after "?" or "!" ("Why?." in APA), nor
    # when a styled run ends in between ("<i>Vol. 2.</i>."). A sentence ends once.
    return re.sub(f"([?!]{_CLOSE}*|[.]{_CLOSE}+)\\.(?=\\s|$)", r"\1", marked)


class _Finishing:
    def __init__(self, csl_style: CitationStylesStyle):
        root = csl_style.root
        in_quote = (root.get_locale_option("punctuation-in-quote") or "false").lower() == "true"
        term = root.get_term("close-quote")
        close_quote = str(term.single) if term is not None else ""
        # "’" is also the apostrophe: moving a period after "Smiths’" inside it would be wrong.
        self.close_quote = close_quote if in_quote and close_quote not in ("", "'", "\u2019") else None

    def __call__(self, marked: str) -> str:
        marked = _no_doubled_period(marked)
        return american_punctuation(marked, self.close_quote) if self.close_quote else marked


# --- The engine ------------------------------------------------------------------------------------

CITEPROC_PY_VERSION = citeproc.__version__  # the mending below was written against 0.11.1


def _refuse_authorless(items: list[dict], style: Style) -> None:
    """citeproc-py prints a substituted title or publisher twice in reference lists; say so instead."""
    for item in items:
        if not any(item.get(variable) for variable in NAME_VARIABLES):
            raise CitekitError(
                f"citeproc-py would print the title or publisher of '{item['id']}' twice: the work has no author, "
                f"and citeproc-py {CITEPROC_PY_VERSION} repeats what stands in for the author in {style.title}",
                location="--engine", hint="use the default engine: --engine pandoc")


class CiteprocPyEngine:
    name = "citeproc-py"

    def render(self, items: list[dict], style: Style, citing: Citing, locale: str) -> list[Entry]:
        if not items:
            return []
        ids = _ids_by_key(items)
        if citing.mode == "bib":
            _refuse_authorless(items, style)
        prepared = [citeproc_item(item) for item in items]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                texts = self._render(prepared, style, citing, locale)
            except CitekitError:
                raise
            except Exception as exc:  # citeproc-py fails with any exception type on what it lacks
                detail = f"{type(exc).__name__}: {exc}".splitlines()[0]
                raise CitekitError(f"citeproc-py could not render style '{style.name}': {detail}",
                                   source=str(style.path),
                                   hint="try the default engine: --engine pandoc") from None
        for warning in caught:  # unsupported features: worth a debug line, not the student's attention
            log.debug("citeproc-py: %s", warning.message)
        return [Entry(ids[key], RichText(marked_to_nodes(text))) for key, text in texts]

    def _render(self, prepared: list[dict], style: Style, citing: Citing,
                locale: str) -> list[tuple[str, str]]:
        csl_style = CitationStylesStyle(str(style.path), locale=locale, validate=False)
        never_initialise_where_told(csl_style.root)
        switch = DisambiguationSwitch(csl_style.root)
        switch.set(False)
        keys = [item["id"].lower() for item in prepared]
        if citing.mode == "bib":
            texts = self._bibliography(csl_style, CiteProcJSON(prepared), keys, style)
        else:
            source = CiteProcJSON(with_locator_variable(prepared, citing.locator))
            texts = self._citations(csl_style, source, keys, citing, switch)
        finish = _Finishing(csl_style)
        return [(key, finish(text)) for key, text in texts]

    @staticmethod
    def _bibliography(csl_style: CitationStylesStyle, source: CiteProcJSON, keys: list[str],
                      style: Style) -> list[tuple[str, str]]:
        if not csl_style.has_bibliography():
            raise CitekitError(f"{style.title} has no reference list", location="--mode",
                               hint=f"use --mode {'note' if style.is_note_style else 'intext'}")
        bibliography = CitationStylesBibliography(csl_style, source, RICH_TEXT_FORMATTER)
        for key in keys:
            bibliography.register(Citation([CitationItem(key)]))
        _sort(bibliography, csl_style)
        texts = []
        for item in bibliography.items:
            # One item at a time: citeproc-py skips entries that render empty, which would
            # otherwise shift every later entry onto the wrong id.
            rendered = csl_style.render_bibliography([item])
            if rendered:
                texts.append((item.key, str(rendered[0])))
        return texts

    @staticmethod
    def _cite_each(csl_style: CitationStylesStyle, source: CiteProcJSON, keys: list[str],
                   locator: Locator | None) -> list[str]:
        """One citation per key, all in one bibliography object, cited in the order given."""
        bibliography = CitationStylesBibliography(csl_style, source, RICH_TEXT_FORMATTER)
        extra = {"locator": locator} if locator else {}
        citations = [Citation([CitationItem(key, **extra)]) for key in keys]
        for citation in citations:
            bibliography.register(citation)
        # Numeric styles number by bibliography order when it is sorted, by first cite otherwise.
        _sort(bibliography, csl_style)
        # Every cited item is registered, so the callback for unknown items is never called.
        return [str(bibliography.cite(citation, lambda item: None) or "") for citation in citations]

    def _citations(self, csl_style: CitationStylesStyle, source: CiteProcJSON, keys: list[str],
                   citing: Citing, switch: DisambiguationSwitch) -> list[tuple[str, str]]:
        locator = Locator(citing.label, citing.locator) if citing.locator else None
        texts = self._cite_each(csl_style, source, keys, locator)
        if switch:
            # Two cites are ambiguous when they look alike apart from the locator.
            bare = self._cite_each(csl_style, source, keys, None) if locator else texts
            ambiguous = [i for i, text in enumerate(bare)
                         if any(other == text and key != keys[i] for other, key in zip(bare, keys))]
            if ambiguous:
                switch.set(True)  # this style object is used for this render only
                disambiguated = self._cite_each(csl_style, source, keys, locator)
                for i in ambiguous:
                    texts[i] = disambiguated[i]
        return list(zip(keys, texts))

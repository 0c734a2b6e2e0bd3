"""CSL-JSON rich text in field values, and the plain text under it.

A CSL-JSON title may carry the markup citation processors read (citeproc-js's "Rich text",
also what pandoc and citeproc-py read): `<i>`, `<b>`, `<sup>`, `<sub>`, `<sc>`, a small-caps
span `<span style="font-variant:small-caps;">`, and the spans `<span class="nocase">` (case
protected: what BibTeX braces become) and `<span class="nodecor">`. Everything a plain-text
view shows or compares (the library's list, search and duplicate keys, RIS, the title-case
check) wants the words without that markup.

Only those tags, and only in pairs, are markup: any other tag ("<script>", "<a href=…>") and a
tag without its partner are text, as the citation engines print them. A character reference
(`&lt;`, `&amp;`, `&#233;`) is read as the character it names, after the markup is found, so
"&lt;i&gt;" is the text "<i>", never italics. Only references ending in ";" count: "AT&T" and
"R&D" stay as typed.

Kept free of heavy imports: the library index uses it on every record it reads.
"""

from __future__ import annotations

import html
import re
from html.entities import html5
from typing import NamedTuple

_TAG = re.compile(r"<(/?)(i|b|sup|sub|sc)>"
                  r'|<span\s+(?:(style)="font-variant:\s*small-caps;?"|class="(nocase|nodecor)")>'
                  r"|(</span>)", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPANS = ("smallcaps", "nocase", "nodecor")


class Piece(NamedTuple):
    """A run of a value's text: where it is in the value, what it reads, whether case is protected."""

    start: int
    end: int
    text: str  # the plain text: the run as written, or the character an entity names
    nocase: bool  # inside a <span class="nocase">
    literal: bool  # `text` is `value[start:end]` (False for a decoded entity)


def _markup(value: str) -> list[tuple[re.Match[str], str, bool]]:
    """The paired tags of `value`: (match, kind, opening), in order; unpaired ones are left out."""
    tags: list[tuple[re.Match[str], str, bool]] = []
    for match in _TAG.finditer(value):
        closing, name, style, span_class, span_end = match.groups()
        if name:
            tags.append((match, name.lower(), not closing))
        elif span_end:
            tags.append((match, "span", False))
        else:
            tags.append((match, "smallcaps" if style else span_class.lower(), True))
    stack: list[int] = []
    paired: set[int] = set()
    for index, (_, kind, opening) in enumerate(tags):
        if opening:
            stack.append(index)
        elif stack:
            opener = tags[stack[-1]][1]
            # A mismatched closing tag is text and leaves the open one waiting for its own.
            if opener == kind or (kind == "span" and opener in _SPANS):
                paired.update((stack.pop(), index))
    return [tag for index, tag in enumerate(tags) if index in paired]


def _text_pieces(value: str, start: int, end: int, nocase: bool) -> list[Piece]:
    pieces, position = [], start
    for match in _ENTITY.finditer(value, start, end):
        reference = match.group(0)
        # Named references by HTML's own table, so "&ampx;" is not read as "&amp" followed by "x;".
        decoded = html.unescape(reference) if reference[1] == "#" else html5.get(reference[1:])
        if decoded is None:
            continue  # not a name HTML knows ("&citekit;"): text as typed
        if match.start() > position:
            pieces.append(Piece(position, match.start(), value[position:match.start()], nocase, True))
        pieces.append(Piece(match.start(), match.end(), decoded, nocase, False))
        position = match.end()
    if end > position:
        pieces.append(Piece(position, end, value[position:end], nocase, True))
    return pieces


def text_pieces(value: str) -> list[Piece]:
    """The text of a CSL-JSON value between its markup, in order, each run marked nocase or not."""
    if "<" not in value and "&" not in value:
        return [Piece(0, len(value), value, False, True)] if value else []
    pieces: list[Piece] = []
    position, nocase_depth = 0, 0
    open_kinds: list[str] = []
    for match, kind, opening in _markup(value):
        pieces += _text_pieces(value, position, match.start(), nocase_depth > 0)
        position = match.end()
        if opening:
            open_kinds.append(kind)
            nocase_depth += kind == "nocase"
        else:
            nocase_depth -= open_kinds.pop() == "nocase"
    pieces += _text_pieces(value, position, len(value), nocase_depth > 0)
    return pieces


def plain_text(value: str) -> str:
    """`value` without its CSL markup, character references decoded:
    '<span class="nocase">DNA</span> repair' -> "DNA repair"; "<script>" stays "<script>"."""
    if "<" not in value and "&" not in value:
        return value
    return "".join(piece.text for piece in text_pieces(value))

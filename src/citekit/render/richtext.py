"""Format-neutral rich text for rendered citations, and its backends (text, HTML, Markdown).

Engines hand back trees of `Str`, `Styled` and `Link`; a backend turns a tree into output.
Escaping happens only here, at the edge, so every field value is escaped exactly once and
only our own markup (italics, links we create) reaches an HTML or Markdown page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Union

STYLES = ("emph", "strong", "smallcaps", "superscript", "subscript", "underline")


@dataclass(frozen=True)
class Str:
    text: str


@dataclass(frozen=True)
class Styled:
    style: str  # one of STYLES
    children: tuple["Node", ...] = ()


@dataclass(frozen=True)
class Link:
    target: str
    children: tuple["Node", ...] = ()


Node = Union[Str, Styled, Link]


@dataclass
class RichText:
    nodes: list[Node] = field(default_factory=list)

    def plain(self) -> str:
        return to_text(self)


def plain_text(nodes: Iterable[Node]) -> str:
    """The words of a tree, without its styling or links."""
    return "".join(n.text if isinstance(n, Str) else plain_text(n.children) for n in nodes)


def without_emphasis(nodes: Iterable[Node], where: Callable[[str], bool]) -> list[Node]:
    """The tree with every italic run whose words satisfy `where` set roman (its words kept)."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Str):
            out.append(node)
            continue
        children = without_emphasis(node.children, where)
        if isinstance(node, Styled) and node.style == "emph" and where(plain_text(children)):
            out.extend(children)
        elif isinstance(node, Styled):
            out.append(Styled(node.style, tuple(children)))
        else:
            out.append(Link(node.target, tuple(children)))
    return out


def _walk(nodes: Iterable[Node], leaf: Callable[[str], str], wrap: Callable[[Node, str], str]) -> str:
    out = []
    for node in nodes:
        if isinstance(node, Str):
            out.append(leaf(node.text))
        else:
            out.append(wrap(node, _walk(node.children, leaf, wrap)))
    return "".join(out)


def _tidy(text: str) -> str:
    # Engines may leave runs of spaces or a space before the end; a citation never wants them.
    return re.sub(r"[ \t\u00a0]{2,}", " ", text).strip()


# A citation is one line. A field value holding a line break (any of Unicode's: \n, \r, \v, \f,
# U+0085, U+2028, U+2029, the information separators) must not start a new line of output, where it
# could pass for another entry, a Markdown heading or a record of a line-oriented format; other
# control characters (a terminal's escape sequences, NUL) print nothing a reader could use.
_LINE_BREAKS = re.compile("[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def line_breaks_as_spaces(text: str) -> str:
    """`text` with every line break as a space and other control characters left out."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub(" ", text))


def to_text(rich: RichText) -> str:
    return _tidy(_walk(rich.nodes, line_breaks_as_spaces, lambda node, inner: inner))


_HTML_TAGS = {"emph": "i", "strong": "b", "superscript": "sup", "subscript": "sub", "underline": "u"}


# Only a web address becomes a link: a URL field reading "javascript:…", "data:…" or " file:///…"
# (browsers ignore the leading space) stays the text it is.
_LINKABLE = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+\Z", re.IGNORECASE)


def is_linkable(target: str) -> bool:
    """True for an http(s) address with a host (and a port, if any, that is a number)."""
    from urllib.parse import urlsplit

    if not _LINKABLE.match(target):
        return False
    try:
        parts = urlsplit(target)
        return bool(parts.hostname) and (parts.port is None or parts.port >= 0)
    except ValueError:  # "https://javascript:alert(1)": no port, no address
        return False


def _html_wrap(node: Node, inner: str) -> str:
    if isinstance(node, Link):
        if not is_linkable(node.target):
            return inner
        return f'<a href="{html.escape(node.target, quote=True)}">{inner}</a>'
    if node.style == "smallcaps":
        return f'<span style="font-variant:small-caps;">{inner}</span>'
    tag = _HTML_TAGS[node.style]
    return f"<{tag}>{inner}</{tag}>"


def to_html(rich: RichText) -> str:
    return _tidy(_walk(rich.nodes, lambda t: html.escape(line_breaks_as_spaces(t), quote=True), _html_wrap))


# Characters that start inline Markdown: emphasis, links, images, HTML, code, pandoc's ^sup^ ~sub~,
# an "&" starting an entity ("&lt;" must stay visible as typed), pandoc's $math$ and @citations.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>~^$@]|&(?=#?[A-Za-z0-9]+;))")
# What makes a line a heading, a list item, a table row, pandoc's title block (%) or fenced div
# (:::), or a list item of pandoc's fancy lists ("1.", "a)", "iv.", "(b)", "#.").
_MD_LINE_START = re.compile(r"^(?:([#+\-|%:=])|(\()?(\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+|#)([.)])(?=\s|$))")


def _md_leaf(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", line_breaks_as_spaces(text))


def _md_line_start(text: str) -> str:
    def escaped(match: re.Match) -> str:
        if match.group(1):
            return "\\" + match.group(1)
        if match.group(2):
            return "\\(" + match.group(3) + match.group(4)
        return match.group(3) + "\\" + match.group(4)

    return _MD_LINE_START.sub(escaped, text, count=1)


def _md_wrap(node: Node, inner: str) -> str:
    if isinstance(node, Link):
        return inner  # the URL text is already printed; a bare URL is what a reader copies
    if not inner.strip():
        return inner
    if node.style == "emph":
        # Italics inside italics (a title within a title): "*a *b**" would leave "**" as text.
        nested = inner.startswith("*") or re.search(r"(?<!\\)(?:\\\\)*\*\Z", inner)
        return f"_{inner}_" if nested else f"*{inner}*"
    if node.style == "strong":
        return f"**{inner}**"
    if node.style == "superscript":
        return f"^{inner}^"
    if node.style == "subscript":
        return f"~{inner}~"
    return inner  # Markdown has no small caps or underline


def to_markdown(rich: RichText) -> str:
    return _md_line_start(_tidy(_walk(rich.nodes, _md_leaf, _md_wrap)))


BACKENDS: dict[str, Callable[[RichText], str]] = {
    "text": to_text,
    "html": to_html,
    "markdown": to_markdown,
}

"""The guides' alphabetical order: a title is alphabetised by the word after an initial A, An or The.

MLA 9 ("letter by letter, ignoring any initial A, An, or The"), APA 7 (9.47: a work listed by its
title, and works by the same author in the same year, by the first significant word of the title)
and Chicago (an initial article is ignored in alphabetizing) keep the article in the entry and skip
it in the order. citeproc-js does so; pandoc's citeproc and citeproc-py sort by the title as written,
so "“The Zimmermann Telegram.”" came before "Young, Zed.".

The order is the engine's (it also decides year suffixes, 2020a and 2020b, and MLA's three hyphens),
so the article is hidden from the engine's sorting rather than the list sorted again afterwards: in
the copy of the item handed to the engine, an initial English article of the title is written in
Unicode tag characters (U+E0020-E007E, the invisible twins of ASCII). Every Unicode collation ignores
them, so pandoc's citeproc sorts by the next word; citeproc-py's sort keys drop them (its mending);
`reveal_articles` writes them back as the letters they stand for in every rendered citation.
Only the exact sequences this module writes are read back, so tag characters a record holds itself
(in an emoji flag) are left alone.
"""

from __future__ import annotations

import re

from citekit.render.engine import Entry
from citekit.render.richtext import Link, Node, RichText, Str, Styled

_TAG_OFFSET = 0xE0000
ARTICLES = ("A", "An", "The", "AN", "THE")
_INITIAL_ARTICLE = re.compile(r"^(A|An|The|AN|THE)\s+(?=(\S+))")
# After these words the title-casing of the engines would capitalise the next word as the first one
# ("A to Z" would become "A To Z"): such a title keeps its article visible, and sorts by it.
_LOWER_CASE_NEXT = frozenset("a an and as at but by for from in into nor of on or so the to up via vs with yet".split())


def hidden(text: str) -> str:
    """ASCII text as the Unicode tag characters that stand for it."""
    return "".join(chr(_TAG_OFFSET + ord(char)) for char in text)


_REVEAL = {hidden(article + " "): article + " " for article in ARTICLES}
_HIDDEN_ARTICLE = re.compile("|".join(re.escape(key) for key in sorted(_REVEAL, key=len, reverse=True)))


def _is_english(item: dict) -> bool:
    return str(item.get("language") or "en").strip().lower().startswith("en")


def title_sorts_after_article(item: dict, options) -> None:
    title = item.get("title")
    if not isinstance(title, str) or not _is_english(item):
        return
    match = _INITIAL_ARTICLE.match(title)
    if not match or match.group(2).lower() in _LOWER_CASE_NEXT and match.group(2).islower():
        return
    item["title"] = hidden(match.group(1) + " ") + title[match.end():]


def _reveal_nodes(nodes) -> list[Node]:
    revealed: list[Node] = []
    for node in nodes:
        if isinstance(node, Str):
            revealed.append(Str(_HIDDEN_ARTICLE.sub(lambda match: _REVEAL[match.group(0)], node.text)))
        elif isinstance(node, Styled):
            revealed.append(Styled(node.style, tuple(_reveal_nodes(node.children))))
        else:
            revealed.append(Link(node.target, tuple(_reveal_nodes(node.children))))
    return revealed


def reveal_articles(entries: list[Entry]) -> list[Entry]:
    """Rendered citations with every hidden article written as the letters it stands for."""
    return [Entry(entry.record_id, RichText(_reveal_nodes(entry.text.nodes)))
            if _HIDDEN_ARTICLE.search(entry.text.plain()) else entry for entry in entries]

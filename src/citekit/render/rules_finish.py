"""Guide rules that mend the rendered reference-list entry (`GuideRule.finish` in rules.py).

What only shows in the rendered text: a repeated author's name, APA's ellipsis between authors.
Each takes the engine's rich text and returns it mended, or unchanged when there is nothing to do.
"""

from __future__ import annotations

import re

from citekit.render.richtext import RichText, Str


def mla_three_hyphens(rich: RichText) -> RichText:
    """A repeated author's name as three hyphens ("---."), not the em dashes the CSL prints ("———.")."""
    nodes = list(rich.nodes)
    for index, node in enumerate(nodes):
        if isinstance(node, Str) and node.text.strip():
            if node.text.startswith("\u2014\u2014\u2014"):
                nodes[index] = Str("---" + node.text[3:])
            break
    return RichText(nodes)


def apa_spaced_ellipsis(rich: RichText) -> RichText:
    """APA's ellipsis before the last of 21 or more authors as three spaced periods (". . ."), not "…"."""
    nodes = list(rich.nodes)
    # The author list is the run of plain text before the date's opening bracket; engines may
    # split it into several Str nodes, so it is joined before the replacement.
    run = 0
    while run < len(nodes) and isinstance(nodes[run], Str) and "(" not in nodes[run].text:
        run += 1
    if run < len(nodes) and isinstance(nodes[run], Str):
        run += 1  # the node holding the bracket: the text before it still belongs to the names
    names = "".join(node.text for node in nodes[:run])
    head, bracket, tail = names.partition("(")
    if ", \u2026 " not in head:
        return rich
    return RichText([Str(head.replace(", \u2026 ", ", . . . ", 1) + bracket + tail), *nodes[run:]])


_RELEASED_WITHOUT_DATE = re.compile(r",\s+released(?=\.)")


def chicago_no_bare_released(rich: RichText) -> RichText:
    """"Nintendo." where the author-date CSL prints "Nintendo, released." (its date moved after the author)."""
    # Engines give a word per node ("Nintendo,", " ", "released."): runs of plain text are joined first.
    nodes: list = []
    for node in rich.nodes:
        if isinstance(node, Str) and nodes and isinstance(nodes[-1], Str):
            nodes[-1] = Str(nodes[-1].text + node.text)
        else:
            nodes.append(node)
    return RichText([Str(_RELEASED_WITHOUT_DATE.sub("", node.text)) if isinstance(node, Str) else node
                     for node in nodes])

"""LaTeX in .bib field values, decoded to the Unicode text CSL-JSON holds.

pylatexenc's `latex2text` does the decoding (`{\\'e}` -> "é", `\\&` -> "&", `--` -> "–",
`~` -> a no-break space, ``` ``…'' ``` -> "“…”"; and here `` `…' `` -> "‘…’"). This module
adds what a .bib needs:
- `\\url{…}` (and `\\nolinkurl`, `\\path`) hold a URL, not LaTeX: their argument is kept
  character for character (LaTeX would not read `%` or `#` in it as commands either);
  `\\href{URL}{text}` becomes "text (URL)".
- A bare `%` is kept as a percent sign. LaTeX would read it as a comment and drop the rest of
  the line, but in a .bib it is almost always a percent written without its backslash.
- Math (`$x^2$`) is kept as written, delimiters included: CSL has no math, and the TeX
  source is what a reader (and a later BibTeX export) can use.
- In titles (`latex_to_csl_title`) a brace group that does not start with a command only
  protects its case (`{NASA}`, `{Pd-N}`): it becomes CSL-JSON's case-protection markup
  `<span class="nocase">NASA</span>`, which citation processors honour when a style changes
  the case of a title. A group that starts with a command is a special character (`{\\"O}`)
  and is simply decoded, as BibTeX does. `\\emph{…}`/`\\textit{…}` become `<i>…</i>`,
  `\\textbf{…}` `<b>…</b>`, `\\textsc{…}` a small-caps span, `\\textsuperscript{…}` and
  `\\textsubscript{…}` `<sup>`/`<sub>`: CSL-JSON's rich-text markup. Other fields get plain text.
"""

from __future__ import annotations

import functools
import re
from typing import Any

# Nothing to decode without one of these: most field values take this fast path.
_LATEX_SYNTAX = re.compile(r"[\\{}$~%`]|--|''")
_LATEX_BUT_BRACES = re.compile(r"[\\$~%`]|--|''")  # braces alone need no pylatexenc
_VERBATIM_ARGUMENT = re.compile(r"\\(?:url|nolinkurl|path|href)\s*\{")
_BARE_PERCENT = re.compile(r"(?<!\\)%")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # not the no-break space a "~" decodes to
# Private-use characters stand in for verbatim URLs while the rest is decoded.
_HOLE_OPEN, _HOLE_CLOSE = "\ue000", "\ue001"
_SINGLE_QUOTES = re.compile(r"`([^`'\n]*)'")  # LaTeX's `quoted' (pylatexenc leaves it)
_HOLE = re.compile(f"{_HOLE_OPEN}(\\d+){_HOLE_CLOSE}")

NOCASE_OPEN, NOCASE_CLOSE = '<span class="nocase">', "</span>"
# Text-style commands whose argument keeps its meaning in CSL rich text.
_MARKUP = {
    "emph": ("<i>", "</i>"), "textit": ("<i>", "</i>"), "textsl": ("<i>", "</i>"),
    "mkbibemph": ("<i>", "</i>"), "mkbibitalic": ("<i>", "</i>"),
    "textbf": ("<b>", "</b>"), "mkbibbold": ("<b>", "</b>"),
    "textsc": ('<span style="font-variant:small-caps;">', "</span>"),
    "textsuperscript": ("<sup>", "</sup>"), "mkbibsuperscript": ("<sup>", "</sup>"),
    "textsubscript": ("<sub>", "</sub>"), "mkbibsubscript": ("<sub>", "</sub>"),
}
# One-argument commands pylatexenc's defaults do not know, and what they print.
_ONE_ARGUMENT = {
    "texttt": "%s", "textsf": "%s", "textup": "%s", "textmd": "%s", "textnormal": "%s",
    "mkbibemph": "%s", "mkbibitalic": "%s", "mkbibbold": "%s", "textsuperscript": "%s",
    "mkbibsuperscript": "%s", "textsubscript": "%s", "mkbibsubscript": "%s", "autocap": "%s",
    "mkbibquote": "\u201c%s\u201d", "enquote": "\u201c%s\u201d", "noopsort": "", "nocite": "",
}
_NO_ARGUMENT = {"TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2\u03b5", "BibTeX": "BibTeX",
                "S": "\u00a7", "P": "\u00b6", "hyphen": "-", "slash": "/", "textendash": "\u2013",
                "textemdash": "\u2014"}


@functools.lru_cache(maxsize=1)
def _walker_context() -> Any:
    from pylatexenc import latexwalker, macrospec

    context = latexwalker.get_default_latex_context_db()
    context.add_context_category("citekit-bib", prepend=True, macros=[
        macrospec.MacroSpec(name, "{") for name in _ONE_ARGUMENT])
    return context


@functools.lru_cache(maxsize=1)
def _decoder() -> Any:
    from pylatexenc import latex2text

    context = latex2text.get_default_latex_context_db()
    macros = [latex2text.MacroTextSpec(name, simplify_repl=text) for name, text in _ONE_ARGUMENT.items()]
    macros += [latex2text.MacroTextSpec(name, simplify_repl=text) for name, text in _NO_ARGUMENT.items()]
    context.add_context_category("citekit-bib", prepend=True, macros=macros)
    return latex2text.LatexNodes2Text(latex_context=context, math_mode="verbatim")


def _matching_brace(text: str, start: int) -> int:
    """Index of the brace closing the one at `start`, or -1."""
    depth = 0
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return -1


def _hide_verbatim(value: str) -> tuple[str, list[str]]:
    """The value with every `\\url{…}` replaced by a placeholder, and the URLs."""
    urls: list[str] = []
    parts, position = [], 0
    for match in _VERBATIM_ARGUMENT.finditer(value):
        if match.start() < position:
            continue
        end = _matching_brace(value, match.end() - 1)
        if end < 0:
            break
        hole = f"{_HOLE_OPEN}{len(urls)}{_HOLE_CLOSE}"
        urls.append(value[match.end():end].strip())
        text_end = _matching_brace(value, end + 1) if value[end + 1:end + 2] == "{" else -1
        if match[0].startswith("\\href") and text_end > 0:  # \href{URL}{text}: "text (URL)"
            parts += [value[position:match.start()], value[end + 2:text_end], f" ({hole})"]
            position = text_end + 1
        else:
            parts += [value[position:match.start()], hole]
            position = end + 1
    parts.append(value[position:])
    return _BARE_PERCENT.sub(r"\\%", "".join(parts)), urls


def _nodes(latex: str) -> list:
    from pylatexenc.latexwalker import LatexWalker

    walker = LatexWalker(latex, latex_context=_walker_context(), tolerant_parsing=True)
    return walker.get_latex_nodes()[0]


def _finish(text: str, urls: list[str]) -> str:
    text = _SINGLE_QUOTES.sub("\u2018\\1\u2019", _SPACES.sub(" ", text).strip())
    return _HOLE.sub(lambda match: urls[int(match[1])], text) if urls else text


def _strip_braces(value: str) -> str:
    # The fallback when pylatexenc cannot read a value: never fail, never lose text.
    return _SPACES.sub(" ", value.replace("{", "").replace("}", "")).strip()


def latex_to_text(value: str) -> str:
    """A field value as plain Unicode text: commands decoded, braces removed."""
    if not _LATEX_BUT_BRACES.search(value):
        return _strip_braces(value)
    latex, urls = _hide_verbatim(value)
    try:
        return _finish(_decoder().nodelist_to_text(_nodes(latex)), urls)
    except Exception:  # pylatexenc is heuristic; a value it chokes on is kept, braces removed
        return _strip_braces(value)


def _first_meaningful(nodes: list) -> Any:
    from pylatexenc.latexwalker import LatexCharsNode, LatexCommentNode

    for node in nodes:
        if isinstance(node, LatexCommentNode):
            continue
        if isinstance(node, LatexCharsNode) and not node.chars.strip():
            continue
        return node
    return None


def _rich(nodes: list) -> str:
    from pylatexenc.latexwalker import LatexGroupNode, LatexMacroNode

    decoder = _decoder()
    out: list[str] = []
    run: list = []  # ordinary nodes, decoded together so pylatexenc sees their spacing

    def flush() -> None:
        if run:
            out.append(decoder.nodelist_to_text(run))
            run.clear()

    for node in nodes:
        if isinstance(node, LatexGroupNode) and node.delimiters == ("{", "}") \
                and not isinstance(_first_meaningful(node.nodelist), LatexMacroNode):
            flush()
            inner = decoder.nodelist_to_text(node.nodelist)
            out.append(f"{NOCASE_OPEN}{inner}{NOCASE_CLOSE}" if inner.strip() else inner)
        elif isinstance(node, LatexMacroNode) and node.macroname in _MARKUP \
                and node.nodeargd is not None and node.nodeargd.argnlist \
                and isinstance(node.nodeargd.argnlist[-1], LatexGroupNode):
            flush()
            opening, closing = _MARKUP[node.macroname]
            out.append(opening + _rich(node.nodeargd.argnlist[-1].nodelist) + closing)
        else:
            run.append(node)
    flush()
    return "".join(out)


def _braces_as_nocase(value: str) -> str | None:
    """A title whose only LaTeX is brace groups, with each top-level group a nocase span."""
    out, depth = [], 0
    for char in value:
        if char == "{":
            if depth == 0:
                out.append(NOCASE_OPEN)
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return None  # unbalanced: let pylatexenc's tolerant reading decide
            if depth == 0:
                out.append(NOCASE_CLOSE)
        else:
            out.append(char)
    if depth:
        return None
    return _SPACES.sub(" ", "".join(out).replace(NOCASE_OPEN + NOCASE_CLOSE, "")).strip()


def latex_to_csl_title(value: str) -> str:
    """A title as CSL-JSON rich text: case-protecting braces as nocase spans, markup as HTML."""
    if not _LATEX_SYNTAX.search(value):
        return _SPACES.sub(" ", value).strip()
    if not _LATEX_BUT_BRACES.search(value):
        simple = _braces_as_nocase(value)
        if simple is not None:
            return simple
    latex, urls = _hide_verbatim(value)
    try:
        return _finish(_rich(_nodes(latex)), urls)
    except Exception:  # as in latex_to_text: keep the text rather than fail
        return _strip_braces(value)


def is_braced_whole(value: str) -> bool:
    """True for "{…}" where the first brace closes at the end and no command follows it."""
    value = value.strip()
    return (value.startswith("{") and not value.startswith("{\\")
            and _matching_brace(value, 0) == len(value) - 1)

"""Titles as LaTeX: CSL rich text (HTML markup, math) as commands, and the capitals a
lower-casing BibTeX style would lose brace-protected. Characters go through
`citekit.export.latex`."""

from __future__ import annotations

import functools
import re

from citekit.export.latex import braces_balanced, collapse_spaces, escape_text, latex_form


# --- CSL rich text -------------------------------------------------------------------------

# CSL-JSON's rich text (the HTML subset citeproc-js reads in titles) -> LaTeX commands.
_MARKUP_COMMANDS = {"i": r"\emph{", "em": r"\emph{", "b": r"\textbf{", "strong": r"\textbf{",
                    "sup": r"\textsuperscript{", "sub": r"\textsubscript{", "sc": r"\textsc{",
                    "nocase": "{", "smallcaps": r"\textsc{"}
_TAG = re.compile(r"<(/?)(i|em|b|strong|sup|sub|sc)>|<span\s+class=\"nocase\">"
                  r"|<span\s+style=\"font-variant:\s*small-caps;?\">|</span>", re.IGNORECASE)
# Math as pandoc reads it: "$", a non-space ... a non-space, "$" not followed by a digit (so
# "$5 and $10" and "$5-$10" stay dollars).
_MATH = re.compile(r"\$(?=[^\s$])[^$]*?(?<=[^\s$])\$(?!\d)")
_MATH_SPECIAL = re.compile(r"[&%#]|[^\x00-\x7f]")


def _tokens(text: str) -> list[tuple[str, str]]:
    """("text", s), ("open", kind) and ("close", kind); a tag without a partner is text."""
    tokens: list[tuple[str, str]] = []
    tags: dict[int, str] = {}  # token index -> the tag as written
    position = 0
    for match in _TAG.finditer(text):
        if match.start() > position:
            tokens.append(("text", text[position:match.start()]))
        tags[len(tokens)] = match[0]
        if match[2]:
            tokens.append(("close" if match[1] else "open", match[2].lower()))
        elif match[0].lower() == "</span>":
            tokens.append(("close", "span"))
        else:
            tokens.append(("open", "nocase" if "nocase" in match[0].lower() else "smallcaps"))
        position = match.end()
    if position < len(text):
        tokens.append(("text", text[position:]))
    stack: list[int] = []
    paired: set[int] = set()
    for index, (kind, name) in enumerate(tokens):
        if kind == "open":
            stack.append(index)
        elif kind == "close" and stack:
            opener = tokens[stack[-1]][1]
            if opener == name or (name == "span" and opener in ("nocase", "smallcaps")):
                paired.update((stack.pop(), index))
    return [token if token[0] == "text" or index in paired else ("text", tags[index])
            for index, token in enumerate(tokens)]


def _math(content: str, ascii_only: bool, unknown: set[str] | None) -> str:
    def replace(match: re.Match) -> str:
        char = match[0]
        if char in "&%#":
            return "\\" + char
        form = latex_form(char) if ascii_only else char
        if form is None or (ascii_only and not form.startswith(r"{\ensuremath")):
            if ascii_only and unknown is not None:
                unknown.add(char)
            return char
        return form

    return _MATH_SPECIAL.sub(replace, content)


# Math is passed to LaTeX as written, so only what typesets symbols may be in it: a title
# "$\\input{/etc/passwd}$" or "$\\immediate\\write18{...}$" would read a file or run a command
# (pdflatex -shell-escape), "\\def" or "\\catcode" would change LaTeX itself, and TeX reads "^^5c"
# as a backslash before anything else. Dollars around anything else are literal dollars.
SAFE_MATH_COMMANDS = frozenset("""
    alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi
    pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta
    Lambda Xi Pi Sigma Upsilon Phi Psi Omega
    times cdot pm mp div ast star circ bullet oplus ominus otimes odot dagger wedge vee cup cap
    setminus leq geq le ge neq ne ll gg approx sim simeq cong equiv propto in notin ni subset
    subseteq supset supseteq mid parallel perp to rightarrow leftarrow Rightarrow Leftarrow
    leftrightarrow Leftrightarrow mapsto longrightarrow infty partial nabla forall exists neg
    emptyset prime hbar ell Re Im aleph angle ldots cdots vdots ddots langle rangle lbrace rbrace
    sum prod int oint lim limsup liminf sup inf max min log ln exp sin cos tan arcsin arccos
    arctan sinh cosh tanh det dim ker deg gcd Pr
    sqrt frac mathrm mathbf mathit mathsf mathtt mathcal hat bar tilde vec dot ddot check
    overline underline widehat widetilde left right big Big bigl bigr Bigl Bigr quad qquad
""".split())
_CONTROL_SEQUENCE = re.compile(r"\\([A-Za-z]+|.?)", re.DOTALL)
_SAFE_MATH_SYMBOLS = frozenset(",;!: {}|%&#_$")


def is_safe_math(content: str) -> bool:
    """True when `content` (between the dollars) holds only symbols, letters and the commands
    of SAFE_MATH_COMMANDS, with its braces paired and no "^^" (TeX's character-code escape)."""
    if "^^" in content or not braces_balanced(content):
        return False
    for match in _CONTROL_SEQUENCE.finditer(content):
        name = match[1]
        if name not in SAFE_MATH_COMMANDS and name not in _SAFE_MATH_SYMBOLS:
            return False
    return True


def _math_spans(text: str) -> list[re.Match]:
    return [match for match in _MATH.finditer(text) if is_safe_math(match[0][1:-1])]


def _outside_math(text: str) -> str:
    parts, position = [], 0
    for match in _math_spans(text):
        parts.append(text[position:match.start()])
        position = match.end()
    return "".join(parts) + text[position:]


def _text_with_math(text: str, ascii_only: bool, balanced: bool, unknown: set[str] | None) -> str:
    parts, position = [], 0
    for match in _math_spans(text):
        content = match[0][1:-1]
        parts.append(escape_text(text[position:match.start()], ascii_only=ascii_only,
                                 balanced=balanced, unknown=unknown, collapse=False))
        parts.append("{$" + _math(content, ascii_only, unknown) + "$}")
        position = match.end()
    parts.append(escape_text(text[position:], ascii_only=ascii_only, balanced=balanced,
                             unknown=unknown, collapse=False))
    return "".join(parts)


def rich_text_to_latex(text: str, *, ascii_only: bool, unknown: set[str] | None = None) -> str:
    """CSL rich text (a title) as LaTeX: markup as commands, math kept, the rest escaped.

    `<i>`/`<em>` -> `\\emph{}`, `<b>`/`<strong>` -> `\\textbf{}`, `<sup>`/`<sub>` ->
    `\\textsuperscript{}`/`\\textsubscript{}`, small caps -> `\\textsc{}`, and
    `<span class="nocase">` -> a brace group (its case kept by BibTeX and biber). A tag
    without its partner is text. Math is a pair of dollars as pandoc reads it: the opening
    one followed and the closing one preceded by a non-space, the closing one not followed
    by a digit, braces inside paired. It is written as `{$...$}` (braced, so a lower-casing
    style leaves it alone) with only `& % #` escaped; any other dollar is a literal `\\$`.
    """
    if "<" not in text and "$" not in text:  # no markup, no math: plain text
        return escape_text(text, ascii_only=ascii_only, unknown=unknown)
    text = collapse_spaces(text)
    tokens = _tokens(text)
    # Braces in math pair up by definition; the rest of the text decides how they are escaped.
    outside_math = (_outside_math(value) for kind, value in tokens if kind == "text")
    balanced = braces_balanced("".join(outside_math))
    out = []
    for kind, value in tokens:
        if kind == "open":
            out.append(_MARKUP_COMMANDS[value])
        elif kind == "close":
            out.append("}")
        else:
            out.append(_text_with_math(value, ascii_only, balanced, unknown))
    return "".join(out)


# --- capitals ------------------------------------------------------------------------------

_LEADING_PUNCTUATION = "([\"'`"
_TRAILING_PUNCTUATION = ".,;:!?)]\"'"


@functools.lru_cache(maxsize=1)
def _latex_decoder():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text()


@functools.lru_cache(maxsize=4096)
def _decoded(latex: str) -> str:
    return _latex_decoder().latex_to_text(latex)


def _group_end(latex: str, start: int) -> int:
    """Index just after the brace group opening at `start` (escaped braces do not count)."""
    depth, index = 0, start
    while index < len(latex):
        char = latex[index]
        if char == "\\":
            index += 2
            continue
        depth += (char == "{") - (char == "}")
        index += 1
        if depth == 0:
            return index
    return len(latex)


def _exposed(word: str) -> str:
    """The letters of a word BibTeX's case change reaches: not those in a brace group that
    starts with anything but a command (protected), but those of `{\\'E}` (a "special
    character"), decoded. Command names are not letters."""
    out, index = [], 0
    while index < len(word):
        char = word[index]
        if char == "\\":
            name = re.match(r"\\(?:[A-Za-z]+|.)", word[index:])
            index += len(name[0]) if name else 1
        elif char == "{":
            end = _group_end(word, index)
            if word[index + 1:index + 2] == "\\":
                out.append(_decoded(word[index:end]))
            index = end
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _top_level_words(latex: str) -> list[str]:
    words, start, index = [], 0, 0
    while index < len(latex):
        char = latex[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            index = _group_end(latex, index)
            continue
        if char == " ":
            words.append(latex[start:index])
            start = index + 1
        index += 1
    words.append(latex[start:])
    return words


def protect_capitals(latex_title: str) -> str:
    """Brace the words of a LaTeX title whose capitals a lower-casing BibTeX style would lose.

    BibTeX's `change.case$` keeps only the first character of the title and the first after
    a colon and a space, and never touches a brace group that does not start with a command.
    So a word is protected when a capital it exposes is anywhere but that kept first
    character: "New Russian leader Lenin" -> "New {Russian} leader {Lenin}"; "NASA" and
    "iPhone" are protected even first. Words are split at spaces outside brace groups, so
    `\\emph{Origin of Species}` (already protected) and `{$X^2$}` are one word each and left
    alone; a word that starts with a command gets two braces (one would make it a "special
    character" BibTeX still lower-cases). Leading and trailing punctuation stays outside.
    """
    protected = []
    sentence_start = True
    for word in _top_level_words(latex_title):
        core = word.lstrip(_LEADING_PUNCTUATION)
        lead = word[: len(word) - len(core)]
        stripped = core.rstrip(_TRAILING_PUNCTUATION)
        if stripped.endswith("\\"):
            stripped = core  # "\!" or "\.": the punctuation belongs to the command
        trail, core = core[len(stripped):], stripped
        kept_first = 1 if sentence_start else 0
        if core and any(c.isupper() for c in _exposed(lead + core)[kept_first:]):
            braces = ("{{", "}}") if core.startswith("\\") else ("{", "}")
            word = f"{lead}{braces[0]}{core}{braces[1]}{trail}"
        protected.append(word)
        sentence_start = word.endswith(":")
    return " ".join(protected)

"""Text as LaTeX for .bib fields: escaping, Unicode characters, names in BibTeX's syntax.
(Titles, with their markup, math and protected capitals: `citekit.export.latex_titles`.)

Two targets (`ascii_only`):
- BibTeX for pdflatex (`ascii_only=True`): every non-ASCII character that has a LaTeX form a
  plain student template can typeset (`\\documentclass{article}`, `\\usepackage[T1]{fontenc}`,
  `\\usepackage[utf8]{inputenc}`) is written as that form, in braces (`{\\'e}`, `{\\~{\\^{e}}}`
  for Vietnamese "ễ", `{\\ensuremath{\\alpha}}`). A character with none (Cyrillic, CJK, a
  Vietnamese horn letter) is kept as it is and reported; `unicode_preamble` then makes
  pdflatex print a visible placeholder for it instead of failing (see there).
- biblatex for biber (`ascii_only=False`): UTF-8 is kept; only LaTeX's special characters are
  escaped.

The forms come from pylatexenc, except where pylatexenc's form needs a package a plain template
does not load: `_NEEDS_A_PACKAGE` lists those code points, measured by compiling every form
pylatexenc 2.11 has in the template above with TeX Live 2022 (amssymb symbols, T2A Cyrillic,
tipa phonetics, `\\textfrac`); `tests/test_latex_toolchain.py` compiles every form we write.
Letters pylatexenc lacks are composed from their accents (NFD), `\\~{\\^{e}}`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from citekit.model import Name

# Not \textasciicircum for "^": pylatexenc 2.11's latex2text decodes that to U+02C6.
ASCII_ESCAPES = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "^": r"{\string^}",
                 "~": r"{\textasciitilde}", "\\": r"{\textbackslash}"}
_BALANCED_BRACES = {"{": r"\{", "}": r"\}"}
# BibTeX and biber count `\{` as a brace too, so a lone one needs a brace-free command (the
# one LaTeX's own \textbraceleft falls back to; latex2text cannot decode \textbraceleft).
_UNBALANCED_BRACES = {"{": r"{\ensuremath{\lbrace}}", "}": r"{\ensuremath{\rbrace}}"}
_SPECIAL = re.compile(r"[&%$#_^~\\{}]")
_SPECIAL_OR_NON_ASCII = re.compile(r"[&%$#_^~\\{}]|[^\x00-\x7f]")

_NEEDS_A_PACKAGE = """
149 195 19E 259 25B 278 294 29E 390 3D2 3F0 3F6 400-482 488-489 48C-4C8 4CB-4CE 4D0-4E9
4EC-4FF 2011 2035 2060 2102 210B-210D 2110-2112 2115 2119-211D 2124 2128 212C-212D 2130-2131
2133 2136-2138 2153-215E 219A-219E 21A0 21A2-21A3 21AB-21AE 21B0-21B1 21B6-21B7 21BA-21BB
21BE-21BF 21C2-21CB 21CD-21CF 21DA-21DB 21DD 21F5 2201 2204-2205 220E 2214 2216 221F
2221-2222 2224 2226 222C-222D 222F-2231 2234-2235 223B 223D-223E 2246 224A-224C 224E-224F
2251-2253 2256-2257 2259 225B-225C 2266-2269 226C 226E-2279 227E-2281 2288-228B 228F-2290
229A-229B 229D-22A1 22A7-22AF 22B2-22BB 22BE 22C7 22C9-22D4 22D6-22DB 22DE-22DF 22E6-22ED
22F0 2305-2306 2315 231C-231F 25A0-25A1 25AA 25B4-25B5 25B8 25BE-25BF 25C2 25CA 2669
266D-266F 27FF 29EB 2A0F 2A16 2A7D-2A7E 2A85-2A8C 2A95-2A96 2AB5-2ABA 2AC5-2AC6 2ACB-2ACC
1D468-1D4B9 1D4BB 1D4BD-1D4C3 1D4C5-1D4CF 1D504-1D56B 1D7D8-1D7E1
"""

# The non-ASCII characters the plain template's inputenc already defines (T1 and TS1, LaTeX
# 2022), measured with `\ifcsname u8:...` over U+00A0-U+FFFF: biblatex's UTF-8 needs no help
# with them.
_PLAIN_TEMPLATE_KNOWS = """
A0-125 128-137 139-13E 141-148 14A-165 168-17E 192 1C4-1D4 1E2-1E3 1E6-1EB 1F0 1F4-1F5 218-21B
232-233 237 2C6-2C7 2D8-2D9 2DB-2DD E3F 1E02-1E03 1E0D 1E1E-1E21 1E25 1E30-1E31 1E37 1E43 1E45
1E47 1E5B 1E63 1E6D 1E8E-1E91 1E9E 1EF2-1EF3 200C 2010-2016 2018-201A 201C-201E 2020-2022 2026
2030-2031 2039-203B 203D 2044 204E 2052 20A1 20A4 20A6 20A9 20AB-20AC 20B1 2103 2116-2117 211E
2120 2122 2126-2127 212E 2190-2193 2329-232A 2422-2423 25E6 25EF 266A 27E8-27E9 3008-3009
FB00-FB06 FEFF
"""

# Invisible or spacing characters from pasted web text, where pylatexenc has no safe form.
_OWN_FORMS = {"\u200b": r"{\hspace{0pt}}", "\u2060": r"{\nobreak}", "\ufeff": r"{\nobreak}",
              "\u2011": r"{\mbox{-}}", "\u202f": r"{\,}"}

# Combining accents -> the LaTeX accent command that a T1 font can stack on a base letter.
_ACCENTS = {"\u0300": "\\`", "\u0301": "\\'", "\u0302": "\\^", "\u0303": "\\~", "\u0304": "\\=",
            "\u0306": "\\u", "\u0307": "\\.", "\u0308": '\\"', "\u030a": "\\r", "\u030b": "\\H",
            "\u030c": "\\v", "\u0323": "\\d", "\u0326": "\\textcommabelow", "\u0327": "\\c",
            "\u0328": "\\k", "\u0331": "\\b"}
_ACCENTS_BELOW = {"\u0323", "\u0326", "\u0327", "\u0328", "\u0331"}

# The fallback the @preamble prints for a character the document cannot typeset.
NOGLYPH_COMMAND = "citekitnoglyph"


def _code_points(ranges: str) -> frozenset[int]:
    codes: set[int] = set()
    for item in ranges.split():
        first, _, last = item.partition("-")
        codes.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(codes)


@functools.lru_cache(maxsize=1)
def _needs_a_package() -> frozenset[int]:
    return _code_points(_NEEDS_A_PACKAGE)


@functools.lru_cache(maxsize=1)
def _plain_template_knows() -> frozenset[int]:
    return _code_points(_PLAIN_TEMPLATE_KNOWS)


def plain_template_knows(char: str) -> bool:
    """Whether pdflatex with `\\usepackage[T1]{fontenc}` and utf8 typesets `char` as it is."""
    return char.isascii() or ord(char) in _plain_template_knows()


@functools.lru_cache(maxsize=1)
def _unicode_encoder():
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    return UnicodeToLatexEncoder(non_ascii_only=True, replacement_latex_protection="braces-all",
                                 unknown_char_policy="keep", unknown_char_warning=False)


def _composed(char: str) -> str | None:
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[:1], decomposed[1:]
    if not (base.isascii() and base.isalpha() and marks and all(m in _ACCENTS for m in marks)):
        return None
    latex = base
    if base in "ij" and any(m not in _ACCENTS_BELOW for m in marks):
        latex = "\\" + base  # dotless i/j under an accent above
    for mark in marks:
        latex = f"{_ACCENTS[mark]}{{{latex}}}"
    return "{" + latex + "}"


@functools.lru_cache(maxsize=8192)
def latex_form(char: str) -> str | None:
    """The pdflatex-safe LaTeX for one non-ASCII character, in braces; None if it has none."""
    if char in _OWN_FORMS:
        return _OWN_FORMS[char]
    if ord(char) not in _needs_a_package():
        latex = _unicode_encoder().unicode_to_latex(char)
        if latex != char:
            return latex
    return _composed(char)


_ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def collapse_spaces(text: str) -> str:
    """Runs of ASCII whitespace (a newline would be a paragraph break) as one space; no-break
    and thin spaces are characters with a meaning and stay."""
    return _ASCII_SPACES.sub(" ", text).strip()


def braces_balanced(text: str) -> bool:
    if "{" not in text and "}" not in text:
        return True
    depth = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0


def escape_text(text: str, *, ascii_only: bool, balanced: bool | None = None,
                unknown: set[str] | None = None, collapse: bool = True) -> str:
    """Like `escape_latex_text`; adds characters without a LaTeX form to `unknown`.

    `balanced` says whether the braces of the whole value pair up (computed when None);
    `collapse=False` leaves whitespace alone (for a piece of a longer value).
    """
    if collapse:
        text = collapse_spaces(text)
    if ascii_only and not text.isascii():
        text = unicodedata.normalize("NFC", text)
    pattern = _SPECIAL_OR_NON_ASCII if ascii_only else _SPECIAL
    if not pattern.search(text):
        return text
    if balanced is None:
        balanced = braces_balanced(text)
    braces = _BALANCED_BRACES if balanced else _UNBALANCED_BRACES

    def replace(match: re.Match) -> str:
        char = match[0]
        if char in braces:
            return braces[char]
        if char in ASCII_ESCAPES:
            return ASCII_ESCAPES[char]
        form = latex_form(char)
        if form is None:
            if unknown is not None:
                unknown.add(char)
            return char
        return form

    return pattern.sub(replace, text)


def escape_latex_text(text: str, *, ascii_only: bool) -> str:
    """Plain text as LaTeX text; `pylatexenc.latex2text` decodes the result back to `text`.

    `& % $ # _` get a backslash; `~ \\ ^` become `{\\textasciitilde}`, `{\\textbackslash}`,
    `{\\string^}`; braces become `\\{ \\}`, or brace-free commands when they do not pair up
    (BibTeX would count them). Runs of whitespace become one space. With `ascii_only`,
    non-ASCII characters become LaTeX commands in braces (pdflatex-safe); one with no LaTeX
    form is kept as it is.
    """
    return escape_text(text, ascii_only=ascii_only)


def unicode_preamble(forms: dict[str, str | None]) -> str:
    """The text of an `@preamble` that lets pdflatex typeset (or at least survive) characters.

    `forms` maps each character to its LaTeX form, or None when it has none. For each
    character the document does not already know (its inputenc definition is missing: no
    T2A font encoding for Cyrillic, no CJK package...), the preamble defines it as its form,
    or as `\\citekitnoglyph{041B}`, which prints "[U+041B]" and can be redefined before the
    bibliography. It does nothing when the document already knows the character (so a
    template with `\\usepackage[T2A]{fontenc}` prints real Cyrillic), and nothing under
    xelatex or lualatex, which read UTF-8 themselves. `\\DeclareUnicodeCharacter` cannot be
    used: BibTeX's .bbl is read after the preamble. No spaces inside the commands, because
    BibTeX breaks long .bbl lines at spaces.
    """
    definitions = [
        rf"\providecommand*{{\{NOGLYPH_COMMAND}}}[1]{{[U+#1]}}",
        r"\providecommand*{\citekitdeclare}[2]{\ifcsname UTFviii@two@octets\endcsname"
        r"\ifcsname u8:\detokenize{#1}\endcsname\else"
        r"\expandafter\gdef\csname u8:\detokenize{#1}\endcsname{\IeC{#2}}\fi\fi}",
    ]
    for char in sorted(forms):
        form = forms[char] or rf"\{NOGLYPH_COMMAND}{{{ord(char):04X}}}"
        definitions.append(rf"\citekitdeclare{{{char}}}{{{form}}}")
    return "".join(definitions)


# --- names ---------------------------------------------------------------------------------

def _needs_group(text: str) -> bool:
    # BibTeX would read a lower-case word as a "von" part, a comma or "and" as separators.
    return "," in text or any(w[:1].islower() or w.lower() == "and" for w in text.split())


def _group_if(text: str, condition: bool, esc: Any) -> str:
    return "{" + esc(text) + "}" if condition and text else esc(text)


# biber takes a name's initials from its first character and writes a broken .bbl ("giveni={}
# \bibinitperiod}", one brace too many) when that character is a brace group such as
# "{\textbackslash}"; the same commands without the group ("\textbackslash{}") it reads right.
_BIBER_NAME_FORMS = {r"{\string^}": r"\textasciicircum{}", r"{\textasciitilde}": r"\textasciitilde{}",
                     r"{\textbackslash}": r"\textbackslash{}", r"{\ensuremath{\lbrace}}": r"\ensuremath{\lbrace}",
                     r"{\ensuremath{\rbrace}}": r"\ensuremath{\rbrace}"}
_BIBER_NAME_FORM = re.compile("|".join(re.escape(form) for form in _BIBER_NAME_FORMS))


def bibtex_name(name: Name, ascii_only: bool, unknown: set[str] | None = None) -> str:
    """`format_name`, adding characters without a LaTeX form to `unknown`."""

    def esc(text: str) -> str:
        latex = escape_text(text, ascii_only=ascii_only, unknown=unknown)
        return latex if ascii_only else _BIBER_NAME_FORM.sub(lambda m: _BIBER_NAME_FORMS[m[0]], latex)

    if name.literal and not name.family:
        return "{" + esc(name.literal) + "}"
    given = " ".join(p for p in (name.given, name.dropping_particle) if p)
    if not name.family:
        return "{" + esc(given) + "}"
    particle, family = name.non_dropping_particle or "", name.family
    attached = particle.endswith(("'", "’", "-"))  # "d'Alembert": one word, no "von" part
    von = esc(particle) + " " if particle[:1].islower() and not attached else ""
    if particle and not von:
        family = particle + ("" if attached else " ") + family
    last = esc(family)
    if _needs_group(family) or (not given and not name.suffix and " " in family):
        last = "{" + last + "}"
    # Lower-case words are fine in the given part: after a comma BibTeX reads it all as First.
    first = _group_if(given, "," in given or " and " in f" {given.lower()} ", esc)
    if name.suffix:
        return f"{von}{last}, {_group_if(name.suffix, ',' in name.suffix, esc)}, {first}"
    return f"{von}{last}, {first}" if first else f"{von}{last}"


def format_name(name: Name, *, ascii_only: bool = True) -> str:
    """One name in BibTeX syntax: "von Last, Jr, First" (BibTeX's three-part form).

    - non-dropping-particle -> the "von" part, kept only when it starts lower-case, as BibTeX
      recognises "von" words by their case; a capitalised one ("Van") joins the last name.
    - dropping-particle -> after the given names ("Beethoven, Ludwig van"), which BibTeX
      prints as "Ludwig van Beethoven" and inverts as CSL does.
    - suffix -> the "Jr" part; a family with lower-case words or a comma is brace-grouped.
    - an organisation (literal) is one brace group (double braces in the field), so "and"
      inside it never splits it and it is never taken for a person.
    """
    return bibtex_name(name, ascii_only)

"""LaTeX text for .bib fields (`citekit.export.latex`, `latex_titles`): expected values follow LaTeX's and
BibTeX's rules (special characters, accents, `change.case$`) and the documented choices
(CSL rich text markup, pandoc's rule for math)."""

from __future__ import annotations

import pytest

from citekit.export.latex import escape_text, latex_form, plain_template_knows, unicode_preamble
from citekit.export.latex_titles import protect_capitals, rich_text_to_latex


@pytest.mark.parametrize("char, latex", [
    ("é", r"{\'e}"), ("Ł", r"{\L}"), ("ß", r"{\ss}"), ("–", r"{\textendash}"),
    ("ễ", r"{\~{\^{e}}}"),  # Vietnamese: circumflex, then tilde, stacked
    ("ị", r"{\d{i}}"),  # dot below keeps the i's own dot
    ("ǐ", r"{\v{\i}}"),  # an accent above takes the dotless i
    ("ș", r"{\textcommabelow{s}}"), ("α", r"{\ensuremath{\alpha}}"),
    ("\u200b", r"{\hspace{0pt}}"), ("\u2011", r"{\mbox{-}}"),
])
def test_latex_form(char, latex):
    assert latex_form(char) == latex


@pytest.mark.parametrize("char", ["Л", "я", "论", "東", "ư", "ơ", "✓", "ℝ", "⅓"])
def test_characters_without_a_form_a_plain_template_can_set(char):
    # Cyrillic needs T2A fonts, CJK a CJK package, the horn letters T5, ℝ amssymb,
    # ⅓ a \textfrac no kernel defines: none is in a plain T1 document.
    assert latex_form(char) is None


def test_unknown_characters_are_kept_and_collected():
    unknown: set[str] = set()
    assert escape_text("Ленин & Co", ascii_only=True, unknown=unknown) == r"Ленин \& Co"
    assert unknown == set("Ленин")
    assert escape_text("Ленин & Co", ascii_only=False) == r"Ленин \& Co"


def test_ascii_whitespace_collapses_but_no_break_spaces_stay():
    assert escape_text(" a \n\n b\tc ", ascii_only=False) == "a b c"
    assert escape_text("São Paulo\u00a0now", ascii_only=True) == r"S{\~a}o Paulo{~}now"
    assert escape_text("10\u202fkm", ascii_only=False) == "10\u202fkm"


def test_plain_template_knows_latin_but_not_greek_or_cyrillic():
    assert all(plain_template_knows(c) for c in "aé€Łő“”–")
    assert not any(plain_template_knows(c) for c in "αЛ论ễ")


# --- rich text --------------------------------------------------------------------------

@pytest.mark.parametrize("title, latex", [
    ("The <i>Origin of Species</i>", r"The \emph{Origin of Species}"),
    ("<em>a</em> <strong>b</strong>", r"\emph{a} \textbf{b}"),
    ("H<sub>2</sub>O and E=mc<sup>2</sup>", r"H\textsubscript{2}O and E=mc\textsuperscript{2}"),
    ('<span style="font-variant:small-caps;">Ibid.</span>', r"\textsc{Ibid.}"),
    ('<span class="nocase">iPhone</span> sales', "{iPhone} sales"),
    ("<i>a <b>b</b></i>", r"\emph{a \textbf{b}}"),
    ("a <i>tag that never closes", "a <i>tag that never closes"),
    ("a stray </b> tag", "a stray </b> tag"),
    ("<b>crossed <i>tags</b></i>", "<b>crossed \\emph{tags</b>}"),
])
def test_csl_rich_text_markup_becomes_latex(title, latex):
    assert rich_text_to_latex(title, ascii_only=True) == latex


@pytest.mark.parametrize("title, latex", [
    ("The $x^2$ rule", "The {$x^2$} rule"),
    ("For $n \\geq 1$ and $E=mc^2$", "For {$n \\geq 1$} and {$E=mc^2$}"),
    ("$x$", "{$x$}"),
    ("costs $5 and $10", r"costs \$5 and \$10"),  # closing "$" after a space: not math
    ("$5-$10", r"\$5-\$10"),  # closing "$" followed by a digit: not math
    ("a lone $ sign", r"a lone \$ sign"),
    ("$ x$", r"\$ x\$"),  # opening "$" before a space: not math
    ("$50%$ of $a#b$", r"{$50\%$} of {$a\#b$}"),  # in math too, % and # would break LaTeX
    ("${x$ y", r"\${\ensuremath{\lbrace}}x\$ y"),  # braces inside must pair up
])
def test_math_is_kept_and_other_dollars_escaped(title, latex):
    assert rich_text_to_latex(title, ascii_only=True) == latex


def test_math_with_greek_is_encoded_for_bibtex_only():
    assert rich_text_to_latex("$α^2$", ascii_only=True) == r"{${\ensuremath{\alpha}}^2$}"
    assert rich_text_to_latex("$α^2$", ascii_only=False) == "{$α^2$}"


# --- capitals -----------------------------------------------------------------------------

@pytest.mark.parametrize("title, protected", [
    (r"The \emph{Origin of Species} revisited", r"The \emph{Origin of Species} revisited"),
    (r"{$X^2$} rules", r"{$X^2$} rules"),
    (r"{iPhone} sales", r"{iPhone} sales"),
    (r"a {\'E}mile", r"a {{\'E}mile}"),
    (r"{\'E}mile at home", r"{\'E}mile at home"),
    # A group that starts with a command is a "special character" BibTeX still lower-cases.
    (r"x \textsuperscript{\'E}", r"x {{\textsuperscript{\'E}}}"),
    (r"Tom \& Jerry", r"Tom \& {Jerry}"),
    (r"H\textsubscript{2}O is water", r"{H\textsubscript{2}O} is water"),
])
def test_protect_capitals_respects_groups_and_commands(title, protected):
    assert protect_capitals(title) == protected


# --- the @preamble ------------------------------------------------------------------------

def test_unicode_preamble_declares_each_character_only_if_the_document_lacks_it():
    preamble = unicode_preamble({"Л": None, "α": r"{\ensuremath{\alpha}}"})
    assert preamble.startswith(r"\providecommand*{\citekitnoglyph}[1]{[U+#1]}")
    assert r"\ifcsname u8:\detokenize{#1}\endcsname\else" in preamble
    assert preamble.endswith(r"\citekitdeclare{α}{{\ensuremath{\alpha}}}"
                             r"\citekitdeclare{Л}{\citekitnoglyph{041B}}")
    assert " " not in preamble.replace(r"\ifcsname UTFviii@two@octets\endcsname", "") \
        .replace(r"\ifcsname u8:", "").replace(r"\csname u8:", "")  # BibTeX breaks lines at spaces

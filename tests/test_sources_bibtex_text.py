"""BibTeX and biblatex import, the text of fields: LaTeX decoded to Unicode, names split.

Expected values are written from what LaTeX prints and how BibTeX splits names, not from
citekit's output.
"""

from __future__ import annotations

from citekit.findings import Severity
from citekit.sources.bibtex import parse_bibtex
from test_sources_bibtex import NBSP, NOCASE, codes, one  # shared helpers


# --- LaTeX -------------------------------------------------------------------------------------

def test_accents_and_special_characters():
    record = one(r"""
@book{k,
  author = {Aks{\i}n, {\"O}zge and {\c{C}}etinkaya, Bekir and Dvo\v{r}{\'a}k, Anton{\'\i}n and B\"{u}low, J.~R.},
  title  = {{\'E}tudes \& essais: 50\% off, \$5, \#1, snake\_case, {\textbackslash}n, x{\string^}2, {\ss}, ---\ldots{}},
  publisher = {M{\"u}ller \& S{\o}n},
  note = {``Quoted'' and `single' -- see \S~3},
}
""")
    assert record["author"] == [{"family": "Aksın", "given": "Özge"}, {"family": "Çetinkaya", "given": "Bekir"},
                                {"family": "Dvořák", "given": "Antonín"}, {"family": "Bülow", "given": "J. R."}]
    assert record["title"] == "Études & essais: 50% off, $5, #1, snake_case, \\n, x^2, ß, \u2014\u2026"
    assert record["publisher"] == "Müller & Søn"
    assert record["note"] == f"\u201cQuoted\u201d and \u2018single\u2019 \u2013 see \u00a7{NBSP}3"


def test_dashes_only_where_latex_prints_them():
    record = one(r"@online{k, title = {Pre--war and post---war}, url = {https://x.org/a--b?q=c--d},"
                 r" doi = {10.1000/x--y}, pages = {3--5}}")
    assert record["title"] == "Pre\u2013war and post\u2014war"
    assert (record["URL"], record["DOI"], record["page"]) == ("https://x.org/a--b?q=c--d", "10.1000/x--y", "3-5")


def test_url_characters_are_kept_and_latex_escapes_in_a_url_are_undone():
    text = r"@online{k, title = {T}, url = {https://x.org/a\_b\%20c?d=1\&e=2}}"
    assert one(text)["URL"] == "https://x.org/a_b%20c?d=1&e=2"
    assert codes(text) == [("bibtex-url-unescaped", Severity.INFO, "k", "line 1")]


def test_a_url_command_around_a_url_field_is_undone():
    text = r"@online{k, title = {T}, url = {\url{https://x.org/a_b}}}"
    assert one(text)["URL"] == "https://x.org/a_b"
    assert codes(text) == [("bibtex-url-unescaped", Severity.INFO, "k", "line 1")]


def test_math_is_kept_as_written():
    record = one(r"@article{k, title = {Bounds for $x^2 + y_1$ and $\alpha$-stable laws}, note = {$O(n)$ time}}")
    assert record["title"] == r"Bounds for $x^2 + y_1$ and $\alpha$-stable laws"
    assert record["note"] == "$O(n)$ time"


def test_case_protecting_braces_become_nocase_spans_in_titles_only():
    record = one(r"""
@incollection{k,
  title = {The {NASA} {iPhone} and {\"O}sterreich: {T}he {{Whole}} {Pd-N}-catalysed \emph{Homo sapiens} in \textsc{Rome}},
  booktitle = {{Proceedings of the IEEE}},
  series = {Studies in {Soviet} History},
  publisher = {{Barnes} and Noble},
}
""")
    assert record["title"] == (
        f"The {NOCASE.format('NASA')} {NOCASE.format('iPhone')} and Österreich: {NOCASE.format('T')}he "
        f"{NOCASE.format('Whole')} {NOCASE.format('Pd-N')}-catalysed <i>Homo sapiens</i> in "
        '<span style="font-variant:small-caps;">Rome</span>')
    assert record["container-title"] == NOCASE.format("Proceedings of the IEEE")
    assert record["collection-title"] == f"Studies in {NOCASE.format('Soviet')} History"
    assert record["publisher"] == "Barnes and Noble"


def test_a_bare_percent_sign_is_a_percent_sign():
    assert one("@book{k, title = {50% off}, note = {A 5% rise}}")["note"] == "A 5% rise"


# --- names ---------------------------------------------------------------------------------------

def test_name_forms():
    record = one(r"""
@book{k,
  author = {Ludwig van Beethoven and de la Fontaine, Jean and Martin Luther King, Jr. and
            King, Jr., Martin Luther and {World Health Organization} and {{United Nations}} and
            {Food and Agriculture Organization of the United Nations} and Plato and
            {\'E}mile Zola and family=Berg, given=Jan, prefix=van der, suffix=Jr. and {van Gogh}, Vincent},
}
""")
    assert record["author"] == [
        {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
        {"family": "Fontaine", "given": "Jean", "non-dropping-particle": "de la"},
        # One comma means "Last, First" to BibTeX: "Jr." is read as the first name.
        {"family": "Martin Luther King", "given": "Jr."},
        {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
        {"literal": "World Health Organization"},
        {"literal": "United Nations"},
        {"literal": "Food and Agriculture Organization of the United Nations"},
        {"family": "Plato"},
        {"family": "Zola", "given": "Émile"},
        {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der", "suffix": "Jr."},
        {"family": "van Gogh", "given": "Vincent"},
    ]


def test_and_others_is_left_out_with_a_warning_that_citations_lack_them():
    text = "@book{k, author = {Smith, Ann and others}, editor = {Doe, Jo and Others}}"
    record = one(text)
    assert (record["author"], record["editor"]) == ([{"family": "Smith", "given": "Ann"}],
                                                    [{"family": "Doe", "given": "Jo"}])
    parsed = parse_bibtex(text, source="refs.bib")
    assert [(f.code, f.severity, f.field) for f in parsed.findings] == [
        ("and-others", Severity.WARNING, "author"), ("and-others", Severity.WARNING, "editor")]
    assert parsed.findings[0].message == (
        '"and others" in author: the file names 1 person and not the others, so every citation shows only '
        'those named (MLA 9 and Chicago write "et al." only for three or more, APA 7 names up to 20): add '
        "their names from the source.")


def test_others_alone_says_the_file_names_no_one():
    parsed = parse_bibtex("@book{k, title = {T}, author = {others}}", source="refs.bib")
    assert [(f.code, f.message) for f in parsed.findings] == [(
        "and-others", 'author is only "others": the file names no one, so citations treat the work as having no '
                      "author: add the names from the source.")]


def test_name_with_too_many_commas_is_kept_whole_and_reported():
    text = "@book{k, author = {Smith, Ann, Jr., PhD}}"
    assert one(text)["author"] == [{"literal": "Smith, Ann, Jr., PhD"}]
    assert codes(text) == [("bibtex-name-unreadable", Severity.WARNING, "k", "line 1")]


def test_editor_roles_translator_and_bookauthor():
    record = one(r"""
@incollection{k, title = {T}, translator = {Garnett, Constance}, bookauthor = {Tolstoy, Leo},
  editor = {Ode, Al}, editortype = {compiler}, editora = {Roe, Bo}, editoratype = {redactor},
  editorb = {Poe, Ed}, editorbtype = {collaborator}}
""")
    assert (record["translator"], record["container-author"], record["compiler"], record["contributor"]) == (
        [{"family": "Garnett", "given": "Constance"}], [{"family": "Tolstoy", "given": "Leo"}],
        [{"family": "Ode", "given": "Al"}], [{"family": "Poe", "given": "Ed"}])
    assert "editor" not in record
    assert record["bibtex"] == {"entrytype": "incollection", "editora": "Roe, Bo", "editoratype": "redactor"}

"""BibTeX and biblatex writer: expected entries follow BibTeX/biblatex syntax and the
mapping documented in `citekit.export.bibtex.TYPE_MAP`."""

from __future__ import annotations

import pytest
from pybtex.database import parse_string
from pylatexenc.latex2text import LatexNodes2Text

from citekit.export.bibtex import (
    TYPE_MAP, escape_latex_text, export_bibtex, format_name, protect_capitals, write_biblatex,
    write_bibtex,
)
from citekit.findings import Severity
from citekit.model import Name, record_from_csl

LENIN_URL = "https://www.history.com/this-day-in-history/new-russian-leader-lenin-calls-for-immediate-armistice"
LENIN = {
    "id": "lenin-armistice", "type": "webpage",
    "title": "November 08, 1917 : New Russian leader Lenin calls for immediate armistice",
    "author": [{"literal": "Staff"}], "publisher": "A+E Networks",
    "accessed": {"date-parts": [[2018, 3, 22]]},
}
LENIN_COMPLETE = {**LENIN, "container-title": "HISTORY", "URL": LENIN_URL}
LENIN_TITLE = "November 08, 1917 : New {Russian} leader {Lenin} calls for immediate armistice"
BOOK = {
    "id": "orwell1949", "type": "book", "title": "Nineteen Eighty-Four",
    "author": [{"family": "Orwell", "given": "George"}], "publisher": "Secker & Warburg",
    "publisher-place": "London", "issued": {"date-parts": [[1949, 6, 8]]},
}
ARTICLE = {
    "id": "watson-crick-1953", "type": "article-journal",
    "title": "Molecular structure of nucleic acids: a structure for deoxyribose nucleic acid",
    "author": [{"family": "Watson", "given": "J. D."}, {"family": "Crick", "given": "F. H. C."}],
    "container-title": "Nature", "volume": "171", "issue": "4356", "page": "737-738",
    "issued": {"date-parts": [[1953, 4, 25]]}, "DOI": "10.1038/171737a0",
}
FAO = "Food and Agriculture Organization of the United Nations"


def rec(data: dict, **changes):
    return record_from_csl({**data, **changes})


def fields_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()[1:-1]]


# --- complete entries ---------------------------------------------------------------------

def test_lenin_bibtex_misc():
    assert write_bibtex([rec(LENIN)]) == (
        "@misc{lenin-armistice,\n"
        "  author = {{Staff}},\n"
        f"  title = {{{LENIN_TITLE}}},\n"
        "  howpublished = {A+E Networks},\n"
        "  note = {Accessed 2018-03-22},\n"
        "}\n")


def test_lenin_biblatex_online():
    assert write_biblatex([rec(LENIN)]) == (
        "@online{lenin-armistice,\n"
        "  author = {{Staff}},\n"
        f"  title = {{{LENIN_TITLE}}},\n"
        "  organization = {A+E Networks},\n"
        "  urldate = {2018-03-22},\n"
        "}\n")


def test_completed_lenin_bibtex_keeps_site_publisher_and_url_where_misc_prints():
    assert write_bibtex([rec(LENIN_COMPLETE)]) == (
        "@misc{lenin-armistice,\n"
        "  author = {{Staff}},\n"
        f"  title = {{{LENIN_TITLE}}},\n"
        f"  howpublished = {{HISTORY, A+E Networks, \\url{{{LENIN_URL}}}}},\n"
        f"  url = {{{LENIN_URL}}},\n"
        "  note = {Accessed 2018-03-22},\n"
        "}\n")


def test_completed_lenin_biblatex_site_in_titleaddon_publisher_in_organization():
    assert write_biblatex([rec(LENIN_COMPLETE)]) == (
        "@online{lenin-armistice,\n"
        "  author = {{Staff}},\n"
        f"  title = {{{LENIN_TITLE}}},\n"
        "  titleaddon = {HISTORY},\n"
        "  organization = {A+E Networks},\n"
        f"  url = {{{LENIN_URL}}},\n"
        "  urldate = {2018-03-22},\n"
        "}\n")


def test_book_bibtex_and_biblatex():
    assert write_bibtex([rec(BOOK)]) == (
        "@book{orwell1949,\n"
        "  author = {Orwell, George},\n"
        "  title = {Nineteen {Eighty-Four}},\n"
        "  publisher = {Secker \\& Warburg},\n"
        "  address = {London},\n"
        "  year = {1949},\n"
        "  month = jun,\n"
        "}\n")
    assert write_biblatex([rec(BOOK)]) == (
        "@book{orwell1949,\n"
        "  author = {Orwell, George},\n"
        "  title = {Nineteen {Eighty-Four}},\n"
        "  publisher = {Secker \\& Warburg},\n"
        "  location = {London},\n"
        "  date = {1949-06-08},\n"
        "}\n")


def test_journal_article_bibtex_and_biblatex():
    head = ("@article{watson-crick-1953,\n"
            "  author = {Watson, J. D. and Crick, F. H. C.},\n"
            "  title = {Molecular structure of nucleic acids: a structure for deoxyribose nucleic acid},\n")
    assert write_bibtex([rec(ARTICLE)]) == head + (
        "  journal = {Nature},\n"
        "  volume = {171},\n"
        "  number = {4356},\n"
        "  pages = {737--738},\n"
        "  year = {1953},\n"
        "  month = apr,\n"
        "  doi = {10.1038/171737a0},\n"
        "}\n")
    assert write_biblatex([rec(ARTICLE)]) == head + (
        "  journaltitle = {Nature},\n"
        "  volume = {171},\n"
        "  number = {4356},\n"
        "  pages = {737--738},\n"
        "  date = {1953-04-25},\n"
        "  doi = {10.1038/171737a0},\n"
        "}\n")


def test_entries_are_separated_by_a_blank_line_and_end_with_a_newline():
    text = write_bibtex([rec(BOOK), rec(ARTICLE)])
    assert text.count("\n\n") == 1
    assert text.split("\n\n")[1].startswith("@article{watson-crick-1953,\n")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert write_bibtex([]) == ""


def test_type_map_follows_the_documented_table():
    assert TYPE_MAP["webpage"] == ("misc", "online")
    assert TYPE_MAP["article-journal"] == ("article", "article")
    assert TYPE_MAP["article-newspaper"] == TYPE_MAP["article-magazine"] == ("article", "article")
    assert TYPE_MAP["book"] == ("book", "book")
    assert TYPE_MAP["chapter"] == ("incollection", "incollection")
    assert TYPE_MAP["paper-conference"] == ("inproceedings", "inproceedings")
    assert TYPE_MAP["report"] == ("techreport", "report")
    assert TYPE_MAP["thesis"] == ("phdthesis", "thesis")
    assert TYPE_MAP["dataset"] == ("misc", "dataset")
    assert "organization" in TYPE_MAP.__doc__ and "titleaddon" in TYPE_MAP.__doc__
    other = rec({"id": "d", "type": "interview", "title": "data"})
    assert write_bibtex([other]).startswith("@misc{d,\n")
    assert write_biblatex([other]).startswith("@misc{d,\n")


def test_chapter_report_and_thesis_fields():
    chapter = rec({"id": "c", "type": "chapter", "title": "the chapter", "container-title": "The Book",
                   "editor": [{"family": "Doe", "given": "Jane"}], "publisher": "Pub", "page": "1–9"})
    assert fields_of(write_bibtex([chapter])) == [
        "editor = {Doe, Jane},", "title = {the chapter},", "booktitle = {The Book},",
        "pages = {1--9},", "publisher = {Pub},"]
    report = rec({"id": "r", "type": "report", "title": "r", "publisher": "RAND", "number": "R-1",
                  "genre": "Working paper"})
    assert fields_of(write_bibtex([report])) == [
        "title = {r},", "number = {R-1},", "type = {Working paper},", "institution = {RAND},"]
    thesis = rec({"id": "t", "type": "thesis", "title": "t", "publisher": "MIT"})
    assert fields_of(write_bibtex([thesis])) == ["title = {t},", "school = {MIT},"]
    assert fields_of(write_biblatex([thesis])) == ["title = {t},", "institution = {MIT},"]


# --- escaping -----------------------------------------------------------------------------

@pytest.mark.parametrize("char, latex", [
    ("&", r"\&"), ("%", r"\%"), ("$", r"\$"), ("#", r"\#"), ("_", r"\_"),
    ("~", r"{\textasciitilde}"), ("^", r"{\string^}"), ("\\", r"{\textbackslash}"),
])
@pytest.mark.parametrize("ascii_only", [True, False])
def test_each_special_character_is_escaped(char, latex, ascii_only):
    assert escape_latex_text(f"a{char}b", ascii_only=ascii_only) == f"a{latex}b"


def test_braces_escaped_in_pairs_and_alone():
    assert escape_latex_text("{a} b", ascii_only=True) == r"\{a\} b"
    # BibTeX counts `\{` as a brace, so a lone one must not contain a brace character.
    assert escape_latex_text("a { b", ascii_only=True) == r"a {\ensuremath{\lbrace}} b"
    assert escape_latex_text("a } b", ascii_only=False) == r"a {\ensuremath{\rbrace}} b"


def test_math_like_text_is_kept_literally():
    assert escape_latex_text("The $x^2$ rule", ascii_only=True) == r"The \$x{\string^}2\$ rule"


@pytest.mark.parametrize("text", [
    "The $x^2$ rule & 50% of #1_a {b} ~c \\d", "a { lone", "Émile Zola, Łódź, naïve café, ß",
    "“quoted” — dash … ½", "İstanbul ı ñ ğ α",
])
@pytest.mark.parametrize("ascii_only", [True, False])
def test_latex2text_decodes_the_escaped_text_back(text, ascii_only):
    latex = escape_latex_text(text, ascii_only=ascii_only)
    assert LatexNodes2Text().latex_to_text(latex) == text
    if ascii_only:
        assert latex.isascii()


def test_accents_are_latex_commands_in_bibtex_and_utf8_in_biblatex():
    record = rec({"id": "z", "type": "book", "title": "Life in Łódź",
                  "author": [{"family": "Zola", "given": "Émile"}]})
    assert fields_of(write_bibtex([record])) == [
        "author = {Zola, {\\'E}mile},", "title = {Life in {{\\L}{\\'o}d{\\'z}}},"]
    assert fields_of(write_biblatex([record])) == [
        "author = {Zola, Émile},", "title = {Life in {Łódź}},"]


def test_character_without_latex_form_is_kept_and_reported_for_bibtex_only():
    record = rec({"id": "c", "type": "book", "title": "Tick ✓"})
    text, findings = export_bibtex([record], "bibtex")
    assert "title = {Tick ✓}," in text
    assert [(f.code, f.severity, f.field, f.record_id) for f in findings] == [
        ("latex-no-equivalent", Severity.WARNING, "title", "c")]
    assert "U+2713" in findings[0].message
    assert export_bibtex([record], "biblatex")[1] == []


def test_url_and_doi_are_verbatim():
    url = "https://example.org/a%20b?q=1&r=_x#sec-2"
    record = rec({"id": "u", "type": "webpage", "title": "page", "URL": url, "DOI": "10.1000/a_b%c#d"})
    bibtex = fields_of(write_bibtex([record]))
    assert f"howpublished = {{\\url{{{url}}}}}," in bibtex
    assert f"url = {{{url}}}," in bibtex
    assert "doi = {10.1000/a_b%c#d}," in bibtex
    assert f"url = {{{url}}}," in fields_of(write_biblatex([record]))


def test_empty_fields_are_not_written():
    record = rec({"id": "e", "type": "book", "title": "T", "publisher": "", "note": "  "})
    assert fields_of(write_bibtex([record])) == ["title = {T},"]


# --- titles -------------------------------------------------------------------------------

@pytest.mark.parametrize("title, protected", [
    ("New Russian leader Lenin calls", "New {Russian} leader {Lenin} calls"),
    ("NASA launches a probe", "{NASA} launches a probe"),
    ("iPhone sales in 2007", "{iPhone} sales in 2007"),
    ("Sales of the iPhone", "Sales of the {iPhone}"),
    ("The 1917 revolution", "The 1917 revolution"),
    ("Plan A", "Plan {A}"),
    ("War and peace: Tolstoy at home", "War and peace: Tolstoy at home"),
    ("War and peace: a study of Tolstoy", "War and peace: a study of {Tolstoy}"),
    ("Why? Because Lenin said so", "Why? {Because} {Lenin} said so"),
    ("The (Russian) revolution", "The ({Russian}) revolution"),
    ("3D printing", "{3D} printing"),
])
def test_protect_capitals(title, protected):
    assert protect_capitals(title) == protected


# --- names --------------------------------------------------------------------------------

@pytest.mark.parametrize("name, bibtex", [
    ({"family": "Berg", "given": "Jan", "non-dropping-particle": "van der", "suffix": "Jr."},
     "van der Berg, Jr., Jan"),
    ({"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}, "Beethoven, Ludwig van"),
    ({"family": "Gogh", "given": "Vincent", "non-dropping-particle": "Van"}, "Van Gogh, Vincent"),
    ({"family": "Alembert", "given": "Jean", "non-dropping-particle": "d'"}, "{d'Alembert}, Jean"),
    ({"family": "Ortega y Gasset", "given": "José"}, "{Ortega y Gasset}, Jos{\\'e}"),
    ({"family": "Lloyd Webber"}, "{Lloyd Webber}"),
    ({"given": "Plato"}, "{Plato}"),
    ({"literal": FAO}, "{" + FAO + "}"),
    ({"literal": "Staff"}, "{Staff}"),
])
def test_format_name(name, bibtex):
    assert format_name(Name.model_validate(name)) == bibtex


def test_names_are_joined_with_and_and_parse_back_as_the_right_persons():
    record = rec({"id": "n", "type": "book", "title": "T", "author": [
        {"literal": FAO},
        {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der", "suffix": "Jr."},
        {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"}]})
    text = write_bibtex([record])
    assert f"  author = {{{{{FAO}}} and van der Berg, Jr., Jan and Beethoven, Ludwig van}},\n" in text
    fao, berg, beethoven = parse_string(text, "bibtex").entries["n"].persons["author"]
    assert (fao.first_names, fao.prelast_names, fao.last_names) == ([], [], ["{" + FAO + "}"])
    assert (berg.prelast_names, berg.last_names, berg.lineage_names, berg.first_names) == (
        ["van", "der"], ["Berg"], ["Jr."], ["Jan"])
    assert (beethoven.first_names, beethoven.middle_names, beethoven.last_names) == (
        ["Ludwig"], ["van"], ["Beethoven"])


def test_biblatex_list_field_with_and_is_kept_whole():
    record = rec({"id": "t", "type": "book", "title": "T", "publisher": "Taylor and Francis"})
    assert "  publisher = {{Taylor and Francis}},\n" in write_biblatex([record])
    assert "  publisher = {Taylor and Francis},\n" in write_bibtex([record])


# --- dates --------------------------------------------------------------------------------

def test_no_year_without_issued_date():
    for text in (write_bibtex([rec(LENIN)]), write_biblatex([rec(LENIN)])):
        names = [field.split(" = ")[0] for field in fields_of(text)]
        assert not {"year", "month", "date"} & set(names)


def test_dates_ranges_and_unparsed_dates():
    ranged = rec({"id": "r", "type": "book", "title": "T", "issued": "2001/2003"})
    assert fields_of(write_bibtex([ranged]))[-1] == "year = {2001--2003},"
    assert fields_of(write_biblatex([ranged]))[-1] == "date = {2001/2003},"
    circa = rec({"id": "c", "type": "book", "title": "T", "issued": "1850~"})
    assert fields_of(write_biblatex([circa]))[-1] == "date = {1850~},"
    assert fields_of(write_bibtex([circa]))[-1] == "year = {1850},"
    raw = rec({"id": "w", "type": "book", "title": "T", "issued": {"raw": "Spring 2001"}})
    text, findings = export_bibtex([raw], "bibtex")
    assert fields_of(text) == ["title = {T},"]
    assert [(f.code, f.field) for f in findings] == [("export-date-not-written", "issued")]


def test_accessed_note_follows_the_records_own_note():
    record = rec(LENIN, note="Reprinted")
    assert "  note = {Reprinted. Accessed 2018-03-22},\n" in write_bibtex([record])
    assert "  note = {Reprinted},\n" in write_biblatex([record])


# --- keys and findings --------------------------------------------------------------------

def test_citekeys_generated_kept_and_deduplicated_deterministically():
    # An id that is no valid key gets the documented scheme (author, year, first significant
    # title word); a valid one is the user's key and kept; a duplicate takes a letter.
    records = [rec(BOOK, id="Müller 2020"), rec(BOOK, id="orwell"), rec(BOOK, id="Orwell"),
               rec(BOOK, id="orwell-2"), rec(BOOK, id="ok:key/1.2_x")]
    text, findings = export_bibtex(records, "bibtex")
    keys = [line.split("{")[1].rstrip(",") for line in text.splitlines() if line.startswith("@")]
    assert keys == ["orwell1949nineteen", "orwell", "Orwella", "orwell-2", "ok:key/1.2_x"]
    assert [f.record_id for f in findings if f.code == "export-key-changed"] == [
        "Müller 2020", "Orwell"]
    assert list(parse_string(text, "bibtex").entries) == keys


def test_variables_without_a_field_are_reported():
    record = rec(ARTICLE, abstract="Long text", language="en", dimensions="3 cm", **{"call-number": "Q1"})
    findings = export_bibtex([record], "biblatex")[1]
    assert [(f.code, f.severity) for f in findings] == [("export-variables-not-written", Severity.INFO)]
    assert findings[0].message.endswith(": call-number, dimensions.")
    findings = export_bibtex([record], "bibtex")[1]
    assert findings[0].message.endswith(": abstract, call-number, dimensions, language.")


def test_unknown_dialect_is_a_programming_error():
    with pytest.raises(ValueError):
        export_bibtex([], "ris")  # type: ignore[arg-type]


# --- every entry parses back with pybtex ---------------------------------------------------

PARSE_BACK = [
    (LENIN, "misc", "online", [["{Staff}"]]),
    (LENIN_COMPLETE, "misc", "online", [["{Staff}"]]),
    (BOOK, "book", "book", [["Orwell"]]),
    (ARTICLE, "article", "article", [["Watson"], ["Crick"]]),
    ({"id": "fao-2020", "type": "report", "title": "The State of Food and Agriculture 2020: a {brace} and $x^2$ & 50%",
      "author": [{"literal": FAO}], "publisher": "FAO", "issued": "2020"},
     "techreport", "report", [["{" + FAO + "}"]]),
    ({"id": "zola", "type": "book", "title": "Émile in Łódź { alone",
      "author": [{"family": "Zola", "given": "Émile"}]}, "book", "book", [["Zola"]]),
]


@pytest.mark.parametrize("data, bibtex_type, biblatex_type, last_names", PARSE_BACK,
                         ids=[d[0]["id"] for d in PARSE_BACK])
@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_every_entry_parses_back_with_pybtex(data, bibtex_type, biblatex_type, last_names, dialect):
    record = rec(data)
    text = export_bibtex([record], dialect)[0]
    entry = parse_string(text, "bibtex").entries[record.id]
    assert entry.type == (bibtex_type if dialect == "bibtex" else biblatex_type)
    assert [p.last_names for p in entry.persons["author"]] == last_names
    title = entry.fields["title"]
    if record.title.isascii() and not set(record.title) & set("{}$^&%#_~\\"):
        assert title.replace("{", "").replace("}", "") == record.title
    # Math stays math ("$x^2$"), so it is decoded verbatim.
    assert LatexNodes2Text(math_mode="verbatim").latex_to_text(title) == record.title


# --- every CSL type, and the fields each entry type takes -----------------------------------

BIBTEX_TYPES = {"article", "book", "booklet", "inbook", "incollection", "inproceedings", "manual",
                "mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished"}
# biblatex's types whose fields its data model declares (no "non-standard" @movie, @legislation).
BIBLATEX_TYPES = {"article", "book", "booklet", "collection", "dataset", "inbook", "incollection",
                  "inproceedings", "inreference", "manual", "misc", "online", "patent", "periodical",
                  "proceedings", "report", "software", "thesis", "unpublished"}


def test_type_map_has_every_csl_type_and_only_types_styles_know():
    from citekit.model import CSL_TYPES

    assert set(TYPE_MAP) == set(CSL_TYPES)
    assert {bibtex for bibtex, _ in TYPE_MAP.values()} <= BIBTEX_TYPES
    assert {biblatex for _, biblatex in TYPE_MAP.values()} <= BIBLATEX_TYPES
    assert TYPE_MAP["entry-encyclopedia"] == ("incollection", "inreference")
    assert TYPE_MAP["manuscript"] == ("unpublished", "unpublished")
    assert TYPE_MAP["speech"] == ("misc", "unpublished")
    assert TYPE_MAP["legislation"] == TYPE_MAP["motion_picture"] == ("misc", "misc")


def test_type_refinements():
    masters = rec({"id": "m", "type": "thesis", "title": "t", "genre": "Master's thesis", "publisher": "Leeds"})
    assert write_bibtex([masters]).startswith("@mastersthesis{m,\n")
    assert fields_of(write_biblatex([masters])) == ["title = {t},", "type = {mathesis},", "institution = {Leeds},"]
    chapter = rec({"id": "c", "type": "chapter", "title": "Preface", "container-title": "Capital",
                   "author": [{"family": "Marx"}], "container-author": [{"family": "Marx"}]})
    assert write_biblatex([chapter]) == (
        "@inbook{c,\n  author = {Marx},\n  bookauthor = {Marx},\n  title = {Preface},\n"
        "  booktitle = {Capital},\n}\n")
    authored = rec({"id": "a", "type": "collection", "title": "t", "author": [{"family": "Doe"}]})
    edited = rec({"id": "e", "type": "collection", "title": "t", "editor": [{"family": "Doe"}]})
    assert write_biblatex([authored, edited]).split("\n\n")[0].startswith("@book{a,")
    assert write_biblatex([edited]).startswith("@collection{e,")


def test_biblatex_writes_only_fields_its_data_model_allows_for_the_type():
    # @article has no publisher, @online no location: reported, not written.
    article = rec(ARTICLE, publisher="Nature Publishing Group", **{"publisher-place": "London"})
    text, findings = export_bibtex([article], "biblatex")
    assert "publisher" not in text and "location" not in text
    assert findings[0].message.endswith(": publisher, publisher-place.")
    assert "  publisher = {Nature Publishing Group},\n" in write_bibtex([article])


def test_more_variables_for_biblatex():
    record = rec({"id": "v", "type": "book", "title": "Computers and Typesetting", "volume-title": "The TeXbook",
                  "volume": "A", "language": "en-US", "keyword": "tex", "status": "in press",
                  "collection-title": "new series", "compiler": [{"family": "Doe", "given": "Jo"}],
                  "number-of-pages": "483", "original-date": "1984"})
    assert fields_of(write_biblatex([record])) == [
        "editor = {Doe, Jo},", "editortype = {compiler},", "title = {The {TeXbook}},",
        "maintitle = {Computers and Typesetting},", "series = {newseries},", "volume = {A},",
        "pagetotal = {483},", "origdate = {1984},", "pubstate = {inpress},", "langid = {american},",
        "keywords = {tex},"]


def test_archive_goes_to_library_or_to_the_note_of_an_unpublished_work():
    diary = rec({"id": "d", "type": "manuscript", "title": "Diary", "archive": "Imperial War Museum",
                 "archive_location": "Box 3", "note": "Pencil"})
    assert fields_of(write_bibtex([diary])) == ["title = {Diary},", "note = {Pencil. Imperial War Museum, Box 3},"]
    assert fields_of(write_biblatex([diary])) == [
        "title = {Diary},", "library = {Imperial War Museum, Box 3},", "note = {Pencil},"]


def test_html_markup_and_math_in_titles_become_latex():
    record = rec({"id": "h", "type": "article-journal", "title": "The <i>Origin of Species</i> and $x^2$",
                  "container-title": "<i>Nature</i> Reviews"})
    assert fields_of(write_bibtex([record])) == [
        "title = {The \\emph{Origin of Species} and {$x^2$}},", "journal = {\\emph{Nature} Reviews},"]


def test_no_break_spaces_and_invisible_characters_are_not_lost():
    record = rec({"id": "w", "type": "book", "title": "São Paulo\u00a0now\u200b"})
    # A no-break space joins two words into one, protected whole for its capital.
    assert fields_of(write_bibtex([record])) == ["title = {S{\\~a}o {Paulo{~}now{\\hspace{0pt}}}},"]
    preamble, entry = write_biblatex([record]).split("\n\n")
    assert entry == "@book{w,\n  title = {São {Paulo\u00a0now\u200b}},\n}\n"
    assert preamble.endswith("\\citekitdeclare{\u200b}{{\\hspace{0pt}}}\" }")  # unknown to inputenc


# --- characters pdflatex cannot set: kept, reported once, declared in an @preamble ----------

def test_cyrillic_is_kept_reported_once_and_declared_for_pdflatex():
    record = rec({"id": "r", "type": "book", "title": "Государство", "author": [{"family": "Ленин"}]})
    text, findings = export_bibtex([record], "bibtex")
    preamble, entry = text.split("\n\n")
    assert entry == "@book{r,\n  author = {Ленин},\n  title = {Государство},\n}\n"
    assert preamble.startswith('@preamble{ "\\providecommand*{\\citekitnoglyph}[1]{[U+#1]}')
    assert "\\citekitdeclare{Л}{\\citekitnoglyph{041B}}" in preamble
    assert [(f.code, f.field) for f in findings] == [("latex-no-equivalent", None)]
    assert findings[0].message.startswith("'Г' (U+0413), 'Л' (U+041B), 'а' (U+0430), 'в' (U+0432), "
                                          "'д' (U+0434), 'е' (U+0435) and 7 more in author, title have")


def test_biblatex_declares_only_what_a_plain_template_lacks():
    latin = rec({"id": "l", "type": "book", "title": "Łódź, Ærø, São Paulo – “quoted”"})
    assert write_biblatex([latin]).startswith("@book{l,")  # T1 and TS1 know them all
    greek = rec({"id": "g", "type": "book", "title": "και"})
    text = write_biblatex([greek])
    assert "\\citekitdeclare{α}{{\\ensuremath{\\alpha}}}" in text.split("\n\n")[0]
    assert text.split("\n\n")[1] == "@book{g,\n  title = {και},\n}\n"


# --- records read from a .bib ---------------------------------------------------------------

FROM_BIB = {"id": "aristotle:rhetoric", "type": "book", "title": "The Rhetoric of <span class=\"nocase\">Aristotle</span>",
            "author": [{"family": "Aristotle"}], "publisher": "Cambridge University Press",
            "bibtex": {"entrytype": "mvbook", "langidopts": "variant=british",
                       "indextitle": "Rhetoric of {Aristotle}, The", "sorttitle": "Rhetoric of Aristotle"}}


def test_a_record_read_from_a_bib_keeps_its_type_fields_and_case_marks():
    assert write_biblatex([rec(FROM_BIB)]) == (
        "@mvbook{aristotle:rhetoric,\n"
        "  author = {Aristotle},\n"
        "  title = {The Rhetoric of {Aristotle}},\n"  # no guessed braces: the .bib said which
        "  publisher = {Cambridge University Press},\n"
        "  langidopts = {variant=british},\n"
        "  indextitle = {Rhetoric of {Aristotle}, The},\n"
        "  sorttitle = {Rhetoric of Aristotle},\n"
        "}\n")
    assert write_bibtex([rec(FROM_BIB)]).startswith("@book{aristotle:rhetoric,\n")  # no @mvbook in BibTeX


def test_kept_fields_are_made_ascii_for_bibtex():
    record = rec(FROM_BIB, bibtex={"entrytype": "book", "indextitle": "Łódź, The", "file": "/tmp/ü.pdf"})
    text = write_bibtex([record])
    assert "  indextitle = {{\\L}{\\'o}d{\\'z}, The},\n" in text and "  file = {/tmp/ü.pdf},\n" in text


def test_pubmed_id_is_a_verbatim_eprint_in_biblatex():
    record = rec(ARTICLE, PMID="13054692")
    assert fields_of(write_biblatex([record]))[-3:] == [
        "eprinttype = {pubmed},", "eprint = {13054692},", "doi = {10.1038/171737a0},"]

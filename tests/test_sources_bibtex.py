"""BibTeX and biblatex import, entry by entry: types, fields, dates, what is kept.

Expected records are written from BibTeX/biblatex semantics (what the entry means), not from
citekit's output. `test_sources_bibtex_text.py` covers LaTeX and names,
`test_sources_bibtex_files.py` whole files (@string, crossref, broken entries, the CLI).
"""

from __future__ import annotations

import pytest

from citekit.findings import Severity
from citekit.model import CSL_TYPES
from citekit.sources.bibtex import parse_bibtex

NOCASE = '<span class="nocase">{}</span>'
NBSP = "\u00a0"


def records(text: str) -> dict[str, dict]:
    return {record.id: record.to_csl() for record in parse_bibtex(text, source="refs.bib").records}


def one(text: str) -> dict:
    (record,) = records(text).values()
    return record


def without_bibtex(record: dict) -> dict:
    return {key: value for key, value in record.items() if key != "bibtex"}


def codes(text: str) -> list[tuple[str, Severity, str | None, str | None]]:
    parsed = parse_bibtex(text, source="refs.bib")
    return [(f.code, f.severity, f.record_id, f.location) for f in parsed.findings]


# --- real-world-shaped entries of each common type ---------------------------------------

def test_article_with_every_usual_field():
    record = one(r"""
@article{smith2019,
  author       = {Smith, Jane A. and van der Berg, Jr., Jan},
  title        = {Reading the {Soviet} press},
  subtitle     = {Censorship and its limits, 1917--1921},
  journaltitle = {Slavic Review},
  volume       = 78,
  number       = {2},
  pages        = {301--325},
  date         = {2019-06},
  doi          = {10.1017/slr.2019.97},
  issn         = {0037-6779},
  langid       = {english},
  keywords     = {press, censorship},
}
""")
    assert record == {
        "id": "smith2019",
        "type": "article-journal",
        "DOI": "10.1017/slr.2019.97",
        "ISSN": "0037-6779",
        "author": [{"family": "Smith", "given": "Jane A."},
                   {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der", "suffix": "Jr."}],
        "bibtex": {"entrytype": "article"},
        "container-title": "Slavic Review",
        "issue": "2",
        "issued": {"date-parts": [[2019, 6]]},
        "keyword": "press, censorship",
        "language": "en",
        "page": "301-325",
        "title": f"Reading the {NOCASE.format('Soviet')} press: Censorship and its limits, 1917\u20131921",
        "volume": "78",
    }


def test_bibtex_style_article_with_journal_year_and_month_macro():
    record = one("@Article{Lee99, AUTHOR = {Lee, K.}, TITLE = {Title}, JOURNAL = {J. Hist.},"
                 " YEAR = 1999, MONTH = mar, NUMBER = 4}")
    assert without_bibtex(record) == {
        "id": "Lee99", "type": "article-journal", "author": [{"family": "Lee", "given": "K."}],
        "container-title": "J. Hist.", "issue": "4", "issued": {"date-parts": [[1999, 3]]},
        "title": "Title"}
    assert record["bibtex"] == {"entrytype": "article"}


def test_book_with_series_number_edition_and_location():
    record = one(r"""
@book{figes1996,
  author    = {Figes, Orlando},
  title     = {A People's Tragedy},
  subtitle  = {The {Russian} Revolution, 1891--1924},
  edition   = {2},
  series    = {Penguin History},
  number    = {12},
  publisher = {Penguin},
  location  = {London and New York},
  year      = {1997},
  isbn      = {978-0-14-024364-2},
  pagetotal = {923},
}
""")
    assert without_bibtex(record) == {
        "id": "figes1996", "type": "book", "ISBN": "978-0-14-024364-2",
        "author": [{"family": "Figes", "given": "Orlando"}],
        "collection-number": "12", "collection-title": "Penguin History", "edition": "2",
        "issued": {"date-parts": [[1997]]}, "number-of-pages": "923", "publisher": "Penguin",
        "publisher-place": "London and New York",
        "title": f"A People's Tragedy: The {NOCASE.format('Russian')} Revolution, 1891\u20131924",
    }


def test_incollection_with_editor_and_booktitle():
    record = one(r"""
@incollection{pipes,
  author    = {Pipes, Richard},
  editor    = {Acton, Edward and Cherniaev, Vladimir},
  title     = {Lenin},
  booktitle = {Critical Companion to the Russian Revolution},
  booksubtitle = {1914--1921},
  publisher = {Indiana University Press},
  address   = {Bloomington},
  year      = 1997,
  pages     = {187--198},
}
""")
    assert without_bibtex(record) == {
        "id": "pipes", "type": "chapter",
        "author": [{"family": "Pipes", "given": "Richard"}],
        "container-title": "Critical Companion to the Russian Revolution: 1914\u20131921",
        "editor": [{"family": "Acton", "given": "Edward"}, {"family": "Cherniaev", "given": "Vladimir"}],
        "issued": {"date-parts": [[1997]]}, "page": "187-198",
        "publisher": "Indiana University Press", "publisher-place": "Bloomington", "title": "Lenin",
    }


def test_inproceedings_with_event_fields_and_organization():
    record = one(r"""
@inproceedings{conf,
  author     = {Kim, Min-jun},
  title      = {Parsing Citations},
  booktitle  = {Proceedings of the Digital Libraries Conference},
  eventtitle = {Digital Libraries 2020},
  venue      = {Wuhan},
  eventdate  = {2020-08-01/2020-08-05},
  organization = {ACM},
  date       = {2020},
  pages      = {10--19},
}
""")
    assert without_bibtex(record) == {
        "id": "conf", "type": "paper-conference",
        "author": [{"family": "Kim", "given": "Min-jun"}],
        "container-title": "Proceedings of the Digital Libraries Conference",
        "event-date": {"date-parts": [[2020, 8, 1], [2020, 8, 5]]},
        "event-place": "Wuhan", "event-title": "Digital Libraries 2020",
        "issued": {"date-parts": [[2020]]}, "page": "10-19", "publisher": "ACM",
        "title": "Parsing Citations",
    }


def test_online_entry_with_urldate_organization_and_titleaddon():
    # What our biblatex writer writes for a web page: the site in titleaddon, the publisher in
    # organization. Read back, they are the container title and the publisher again.
    record = one(r"""
@online{lenin-armistice,
  author = {{Staff}},
  title = {November 08, 1917 : New {Russian} leader {Lenin} calls for immediate armistice},
  titleaddon = {HISTORY},
  organization = {A+E Networks},
  url = {https://www.history.com/this-day-in-history/new-russian-leader-lenin-calls-for-immediate-armistice},
  urldate = {2018-03-22},
}
""")
    assert record == {
        "id": "lenin-armistice", "type": "webpage",
        "URL": "https://www.history.com/this-day-in-history/new-russian-leader-lenin-calls-for-immediate-armistice",
        "accessed": {"date-parts": [[2018, 3, 22]]},
        "author": [{"literal": "Staff"}],
        "bibtex": {"entrytype": "online"},
        "container-title": "HISTORY",
        "publisher": "A+E Networks",
        "title": (f"November 08, 1917 : New {NOCASE.format('Russian')} leader "
                  f"{NOCASE.format('Lenin')} calls for immediate armistice"),
    }


def test_bibtex_misc_web_page_as_our_bibtex_writer_writes_it():
    # BibTeX has no urldate: the site, publisher and link go in howpublished, the access date
    # in the note. Read back, that is a web page accessed on that date.
    parsed = parse_bibtex(r"""
@misc{lenin-armistice,
  author = {{Staff}},
  title = {November 08, 1917 : New {Russian} leader {Lenin} calls for immediate armistice},
  howpublished = {A+E Networks, \url{https://www.history.com/x?a=1%20b#top}},
  url = {https://www.history.com/x?a=1%20b#top},
  note = {Accessed 2018-03-22},
}
""", source="refs.bib")
    record = parsed.records[0].to_csl()
    assert without_bibtex(record) == {
        "id": "lenin-armistice", "type": "webpage",
        "URL": "https://www.history.com/x?a=1%20b#top",
        "accessed": {"date-parts": [[2018, 3, 22]]},
        "author": [{"literal": "Staff"}],
        "publisher": "A+E Networks",
        "title": (f"November 08, 1917 : New {NOCASE.format('Russian')} leader "
                  f"{NOCASE.format('Lenin')} calls for immediate armistice"),
    }
    assert record["bibtex"] == {"entrytype": "misc"}
    assert [(f.code, f.field) for f in parsed.findings] == [("bibtex-accessed-from-note", "accessed")]


def test_thesis_types_give_their_genre():
    found = records(r"""
@phdthesis{a, author = {Ng, Ann}, title = {A}, school = {MIT}, year = 2001}
@mastersthesis{b, author = {Ng, Ann}, title = {B}, school = {MIT}, year = 1999}
@thesis{c, author = {Ng, Ann}, title = {C}, type = {phdthesis}, institution = {Oxford}, date = 2003}
@thesis{d, author = {Ng, Ann}, title = {D}, type = {Habilitationsschrift}, institution = {Jena}, date = 2009}
@phdthesis{e, author = {Ng, Ann}, title = {E}, type = {Doctoral dissertation}, school = {Yale}, year = 2005}
""")
    assert {key: (r["type"], r["genre"], r["publisher"]) for key, r in found.items()} == {
        "a": ("thesis", "PhD thesis", "MIT"),
        "b": ("thesis", "Master's thesis", "MIT"),
        "c": ("thesis", "PhD thesis", "Oxford"),
        "d": ("thesis", "Habilitationsschrift", "Jena"),
        "e": ("thesis", "Doctoral dissertation", "Yale"),
    }


def test_reports_manuals_and_unpublished():
    found = records(r"""
@techreport{tr, author = {Ode, Al}, title = {T}, institution = {RAND}, number = {R-123}, year = 1970}
@report{rr, author = {Ode, Al}, title = {R}, type = {resreport}, institution = {IBM}, date = 1978}
@manual{man, title = {The Manual}, organization = {Python Software Foundation}, version = {3.11}, year = 2023}
@unpublished{un, author = {Ode, Al}, title = {Draft}, note = {Unpublished manuscript}, year = 2020}
""")
    assert without_bibtex(found["tr"]) == {
        "id": "tr", "type": "report", "author": [{"family": "Ode", "given": "Al"}],
        "genre": "Technical report", "issued": {"date-parts": [[1970]]}, "number": "R-123",
        "publisher": "RAND", "title": "T"}
    assert (found["rr"]["type"], found["rr"]["genre"], found["rr"]["publisher"]) == ("report", "Research report", "IBM")
    assert without_bibtex(found["man"]) == {
        "id": "man", "type": "report", "issued": {"date-parts": [[2023]]},
        "publisher": "Python Software Foundation", "title": "The Manual", "version": "3.11"}
    assert without_bibtex(found["un"]) == {
        "id": "un", "type": "manuscript", "author": [{"family": "Ode", "given": "Al"}],
        "issued": {"date-parts": [[2020]]}, "note": "Unpublished manuscript", "title": "Draft"}


@pytest.mark.parametrize(("entry_type", "csl_type"), [
    ("article", "article-journal"), ("book", "book"), ("mvbook", "book"), ("bookinbook", "chapter"),
    ("suppbook", "chapter"), ("inbook", "chapter"), ("incollection", "chapter"),
    ("collection", "book"), ("mvcollection", "book"), ("proceedings", "book"),
    ("inproceedings", "paper-conference"), ("conference", "paper-conference"),
    ("inreference", "entry-encyclopedia"), ("reference", "book"), ("booklet", "pamphlet"),
    ("techreport", "report"), ("report", "report"), ("manual", "report"),
    ("phdthesis", "thesis"), ("mastersthesis", "thesis"), ("thesis", "thesis"),
    ("unpublished", "manuscript"), ("online", "webpage"), ("electronic", "webpage"),
    ("www", "webpage"), ("misc", "document"), ("periodical", "periodical"),
    ("suppperiodical", "article-journal"), ("patent", "patent"), ("dataset", "dataset"),
    ("software", "software"), ("standard", "standard"), ("artwork", "graphic"),
    ("video", "motion_picture"), ("audio", "song"), ("letter", "personal_communication"),
    ("legislation", "legislation"), ("jurisdiction", "legal_case"), ("review", "review"),
])
def test_entry_types(entry_type, csl_type):
    record = one(f"@{entry_type.upper()}{{k, title = {{T}}, year = 2000}}")
    assert (record["type"], record["bibtex"]["entrytype"]) == (csl_type, entry_type)
    assert csl_type in CSL_TYPES


def test_misc_is_a_web_page_only_with_a_url():
    found = records(r"""
@misc{web, title = {Page}, url = {https://example.org/page}}
@misc{howweb, title = {Page}, howpublished = {\url{https://example.org/other}}}
@misc{poster, title = {Poster}, howpublished = {Poster at the AHA meeting}, year = 2015}
""")
    assert without_bibtex(found["web"]) == {"id": "web", "type": "webpage", "URL": "https://example.org/page",
                                            "title": "Page"}
    assert without_bibtex(found["howweb"]) == {"id": "howweb", "type": "webpage",
                                               "URL": "https://example.org/other", "title": "Page"}
    assert without_bibtex(found["poster"]) == {"id": "poster", "type": "document", "title": "Poster",
                                               "publisher": "Poster at the AHA meeting",
                                               "issued": {"date-parts": [[2015]]}}


def test_article_entrysubtype_magazine_and_newspaper():
    found = records("@article{m, title={M}, entrysubtype={magazine}}\n"
                    "@article{n, title={N}, entrysubtype={newspaper}}")
    assert (found["m"]["type"], found["n"]["type"]) == ("article-magazine", "article-newspaper")


def test_unknown_entry_type_is_a_document_and_reported():
    text = "@foo{k, title = {T}}"
    assert one(text)["type"] == "document"
    assert codes(text) == [("bibtex-unknown-entry-type", Severity.INFO, "k", "line 1")]


def test_multi_volume_titles():
    found = records(r"""
@book{vol, author = {Knuth, Donald E.}, title = {The {\TeX}book}, maintitle = {Computers \& Typesetting},
  volume = {A}, date = 1984}
@inbook{part, author = {Kant, Immanuel}, title = {Kritik der Urtheilskraft}, booktitle = {Kritik der
  praktischen Vernunft. Kritik der Urtheilskraft}, maintitle = {Kants Werke}, volume = 5, pages = {165--485}}
""")
    assert (found["vol"]["title"], found["vol"]["volume-title"]) == ("Computers & Typesetting", "The TeXbook")
    assert (found["part"]["title"], found["part"]["container-title"], found["part"]["volume-title"]) == (
        "Kritik der Urtheilskraft", "Kants Werke", "Kritik der praktischen Vernunft. Kritik der Urtheilskraft")


def test_title_addon_and_subtitle_punctuation():
    found = records(r"""
@book{a, title = {Main}, subtitle = {Sub}, titleaddon = {Facsimile edition}}
@book{b, title = {Why War?}, subtitle = {Einstein and Freud}}
""")
    assert found["a"]["title"] == "Main: Sub. Facsimile edition"
    assert found["b"]["title"] == "Why War? Einstein and Freud"


def test_numbers_by_type_and_other_direct_fields():
    found = records(r"""
@article{art, title = {A}, number = {3}, issue = {Spring}, volume = {12}, eid = {e1004}}
@report{rep, title = {R}, number = {TR-7}, institution = {CERN}}
@patent{pat, title = {P}, number = {5668842}, type = {patentus}, holder = {{Hughes Aircraft}}}
@inbook{ch, title = {C}, booktitle = {B}, chapter = {4}, part = {2}, volumes = {3}}
@article{iss, title = {I}, issue = {Spring}}
""")
    assert (found["art"]["issue"], found["art"]["volume"]) == ("3", "12")
    assert found["art"]["bibtex"] == {"entrytype": "article", "issue": "Spring", "eid": "e1004"}
    assert found["rep"]["number"] == "TR-7"
    assert (found["pat"]["number"], found["pat"]["genre"]) == ("5668842", "U.S. patent")
    assert found["pat"]["bibtex"] == {"entrytype": "patent", "holder": "{Hughes Aircraft}"}
    assert (found["ch"]["chapter-number"], found["ch"]["part-number"], found["ch"]["number-of-volumes"]) == (
        "4", "2", "3")
    assert found["iss"]["issue"] == "Spring"


def test_pubmed_eprint_language_pubstate_and_abstract():
    record = one(r"""
@article{pm, title = {P}, eprint = {12345678}, eprinttype = {pubmed}, langid = {ngerman},
  pubstate = {inpress}, abstract = {We show {\em nothing}.}, shortjournal = {J. X}, journal = {Journal X}}
""")
    assert without_bibtex(record) == {
        "id": "pm", "type": "article-journal", "PMID": "12345678", "abstract": "We show nothing.",
        "container-title": "Journal X", "container-title-short": "J. X", "language": "de",
        "status": "in press", "title": "P"}


def test_arxiv_eprint_is_kept_for_export():
    record = one("@online{ax, title = {A}, eprint = {1008.2849v1}, eprinttype = {arxiv}, eprintclass = {cs.DS}}")
    assert record["bibtex"] == {"entrytype": "online", "eprint": "1008.2849v1", "eprinttype": "arxiv",
                                "eprintclass": "cs.DS"}


# --- dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("fields", "issued"), [
    ("date = {2004-02-29}", {"date-parts": [[2004, 2, 29]]}),
    ("date = {1998/1999}", {"date-parts": [[1998], [1999]]}),
    ("date = {1850~}", {"date-parts": [[1850]], "circa": True}),
    ("date = {2004-04-05T14:34:00}", {"date-parts": [[2004, 4, 5]]}),
    ("date = {Spring 1999}", {"raw": "Spring 1999"}),
    ("year = {1999}, month = {12}", {"date-parts": [[1999, 12]]}),
    ("year = 1999, month = dec, day = 24", {"date-parts": [[1999, 12, 24]]}),
    ("year = {1999}, month = {Sept.}", {"date-parts": [[1999, 9]]}),
    ("year = {1990--1992}", {"date-parts": [[1990], [1992]]}),
    ("year = {in press}", {"raw": "in press"}),
    ("date = {2001}, year = {1999}", {"date-parts": [[2001]]}),
])
def test_issued(fields, issued):
    assert one(f"@book{{k, title = {{T}}, {fields}}}")["issued"] == issued


def test_unreadable_month_keeps_the_year_and_the_field():
    text = "@book{k, title = {T}, year = 1999, month = {Fasching}}"
    record = one(text)
    assert (record["issued"], record["bibtex"]) == ({"date-parts": [[1999]]},
                                                    {"entrytype": "book", "month": "Fasching"})
    assert codes(text) == [("bibtex-month-unreadable", Severity.WARNING, "k", "line 1")]


def test_other_dates():
    record = one("@book{k, title = {T}, date = 2001, urldate = {2018-03-22}, origdate = {1867},"
                 " eventdate = {2000-05-01}}")
    assert (record["accessed"], record["original-date"], record["event-date"]) == (
        {"date-parts": [[2018, 3, 22]]}, {"date-parts": [[1867]]}, {"date-parts": [[2000, 5, 1]]})
    assert one("@book{k, title = {T}, year = 1997, origyear = 1959}")["original-date"] == {"date-parts": [[1959]]}


def test_no_date_means_no_issued():
    assert "issued" not in one("@book{k, title = {T}}")


# --- nothing is dropped ------------------------------------------------------------------------

def test_unknown_fields_are_kept_as_written_with_the_entry_type():
    record = one(r"""
@mvbook{k,
  title      = {T},
  annotation = {A \texttt{set} with {Braces}},
  Library    = {Bodleian, shelf~3},
  commentator = {Cope, Edward Meredith},
  empty      = {},
  language   = {langlatin and langgerman},
  langid     = {latin},
}
""")
    assert record["bibtex"] == {
        "entrytype": "mvbook",
        "annotation": r"A \texttt{set} with {Braces}",
        "library": "Bodleian, shelf~3",
        "commentator": "Cope, Edward Meredith",
        "language": "langlatin and langgerman",
    }
    assert record["language"] == "la"


def test_set_is_kept_and_reported():
    text = "@set{s, entryset = {a,b}}"
    assert one(text) == {"id": "s", "type": "document", "bibtex": {"entrytype": "set", "entryset": "a,b"}}
    assert codes(text) == [("bibtex-entry-set", Severity.WARNING, "s", "line 1")]


def test_duplicate_field_keeps_the_first():
    text = "@book{k, title = {First}, title = {Second}}"
    assert one(text)["title"] == "First"
    assert codes(text) == [("bibtex-duplicate-field", Severity.WARNING, "k", "line 1")]


def test_keys_are_kept_exactly():
    found = records("@book{Smith:2000/ä-1_x.y, title = {A}}\n@book(Other+Key, title = {B})")
    assert list(found) == ["Smith:2000/ä-1_x.y", "Other+Key"]


def test_every_language_the_writer_names_is_read_back_as_the_same_tag():
    from citekit.langids import LANGIDS, LANGUAGE_TAGS

    # One table serves both directions: no exported langid is unknown to the reader.
    for tag, name in LANGIDS.items():
        assert LANGUAGE_TAGS[name] in (tag, tag.split("-")[0], "nb"), (tag, name)
    assert LANGUAGE_TAGS["magyar"] == "hu" and LANGUAGE_TAGS["hungarian"] == "hu"

"""RIS files: the types and tags Zotero, Mendeley and publishers write, and damaged files."""

from __future__ import annotations

import pytest

from citekit.errors import CitekitError
from citekit.findings import Severity
from citekit.sources import load
from citekit.sources.ris import TYPES, parse_ris


def records(text):
    parsed = parse_ris(text, source="refs.ris")
    return [record.to_csl() for record in parsed.records], parsed.findings


def codes(findings):
    return [(f.code, f.severity, f.record_id, f.location) for f in findings]


JOURNAL_ARTICLE = """\
TY  - JOUR
AU  - Lindqvist, Maja
AU  - Okonkwo, Chidi E.
A1  - Baker, Ruth, Jr.
TI  - Tidal mixing and the winter survival of estuarine copepods
T2  - Journal of Estuarine Ecology
J2  - J. Estuar. Ecol.
PY  - 2021
DA  - 2021/09/30/
VL  - 48
IS  - 3
SP  - 211
EP  - 229
SN  - 2049-3630
DO  - https://doi.org/10.5555/jee.2021.0483
UR  - https://journals.example.org/jee/article/view/483
KW  - copepods
KW  - estuaries
AB  - Copepods in tidal estuaries survive the winter
  where mixing keeps the water column oxygenated.
N1  - Read for week 3.
Y2  - 2024/02/01/
LA  - en
ER  - 
"""

JOURNAL_RECORD = {
    "id": "lindqvist-2021-tidal",
    "type": "article-journal",
    "DOI": "10.5555/jee.2021.0483",
    "ISSN": "2049-3630",
    "URL": "https://journals.example.org/jee/article/view/483",
    "abstract": "Copepods in tidal estuaries survive the winter where mixing keeps the water column oxygenated.",
    "accessed": {"date-parts": [[2024, 2, 1]]},
    "author": [{"family": "Lindqvist", "given": "Maja"}, {"family": "Okonkwo", "given": "Chidi E."},
               {"family": "Baker", "given": "Ruth", "suffix": "Jr."}],
    "container-title": "Journal of Estuarine Ecology",
    "container-title-short": "J. Estuar. Ecol.",
    "custom": {"tags": ["copepods", "estuaries"]},  # KW: keywords, and the tags of a reference manager
    "issue": "3",
    "issued": {"date-parts": [[2021, 9, 30]]},
    "keyword": "copepods, estuaries",
    "language": "en",
    "note": "Read for week 3.",
    "page": "211-229",
    "title": "Tidal mixing and the winter survival of estuarine copepods",
    "volume": "48",
}

BOOK_AND_CHAPTER = """\
TY  - BOOK
AU  - Beard, Mary
TI  - SPQR: A history of ancient Rome
T2  - Profile history series
PB  - Profile Books
CY  - London
PY  - 2015///
SP  - 608
ET  - 1st
SN  - 978-1-84668-380-0
ER  - 

TY  - CHAP
AU  - Hobsbawm, Eric
A2  - Ranger, Terence
TI  - Introduction: Inventing traditions
T2  - The invention of tradition
PB  - Cambridge University Press
CY  - Cambridge
PY  - 1983
SP  - 1
EP  - 14
SN  - 0521246458
ER  - 
"""


def test_journal_article_with_every_common_tag():
    found, findings = records(JOURNAL_ARTICLE)
    assert found == [JOURNAL_RECORD]
    assert codes(findings) == [("doi-prefix-removed", Severity.INFO, "lindqvist-2021-tidal", "line 15")]


def test_book_and_chapter_use_the_type_dependent_meanings():
    found, findings = records(BOOK_AND_CHAPTER)
    assert found == [
        {"id": "beard-2015-spqr", "type": "book", "ISBN": "978-1-84668-380-0",
         "author": [{"family": "Beard", "given": "Mary"}], "collection-title": "Profile history series",
         "edition": "1st", "issued": {"date-parts": [[2015]]}, "number-of-pages": "608",
         "publisher": "Profile Books", "publisher-place": "London",
         "title": "SPQR: A history of ancient Rome"},
        {"id": "hobsbawm-1983-introduction", "type": "chapter", "ISBN": "0521246458",
         "author": [{"family": "Hobsbawm", "given": "Eric"}],
         "container-title": "The invention of tradition", "editor": [{"family": "Ranger", "given": "Terence"}],
         "issued": {"date-parts": [[1983]]}, "page": "1-14", "publisher": "Cambridge University Press",
         "publisher-place": "Cambridge", "title": "Introduction: Inventing traditions"},
    ]
    assert findings == []


def test_web_page_with_an_organisation_author_and_access_date():
    text = ("TY  - ELEC\nAU  - HISTORY.com Editors\nTI  - New Russian leader Lenin calls for immediate armistice\n"
            "T2  - HISTORY\nPB  - A+E Networks\nPY  - 2009\nDA  - 2009/11/13/\n"
            "UR  - https://www.history.com/this-day-in-history/new-russian-leader-lenin-calls-for-immediate-armistice\n"
            "Y2  - 2018/03/22/\nER  - \n")
    found, findings = records(text)
    assert found == [{
        "id": "history-2009-new", "type": "webpage",
        "URL": "https://www.history.com/this-day-in-history/new-russian-leader-lenin-calls-for-immediate-armistice",
        "accessed": {"date-parts": [[2018, 3, 22]]}, "author": [{"literal": "HISTORY.com Editors"}],
        "container-title": "HISTORY", "issued": {"date-parts": [[2009, 11, 13]]}, "publisher": "A+E Networks",
        "title": "New Russian leader Lenin calls for immediate armistice"}]
    assert findings == []


@pytest.mark.parametrize(("ris_type", "csl_type"), [
    ("JOUR", "article-journal"), ("BOOK", "book"), ("CHAP", "chapter"), ("CONF", "paper-conference"),
    ("CPAPER", "paper-conference"), ("ELEC", "webpage"), ("WEB", "webpage"), ("NEWS", "article-newspaper"),
    ("MGZN", "article-magazine"), ("THES", "thesis"), ("RPRT", "report"), ("GEN", "document"),
    ("BLOG", "post-weblog"), ("EDBOOK", "book"), ("UNPB", "manuscript"), ("DATA", "dataset"),
])
def test_common_types(ris_type, csl_type):
    found, findings = records(f"TY  - {ris_type}\nTI  - A title\nER  - \n")
    assert found[0]["type"] == csl_type and findings == []
    assert TYPES[ris_type] == csl_type


def test_newspaper_article_dates_and_section():
    text = ("TY  - NEWS\nA1  - Okafor, Amara\nT1  - Council approves river crossing\nJF  - The Riverton Ledger\n"
            "SE  - Local news\nY1  - 2023/06/14/\nSP  - A3\nER  - \n")
    found, _ = records(text)
    assert found == [{"id": "okafor-2023-council", "type": "article-newspaper",
                      "author": [{"family": "Okafor", "given": "Amara"}],
                      "container-title": "The Riverton Ledger", "issued": {"date-parts": [[2023, 6, 14]]},
                      "page": "A3", "section": "Local news", "title": "Council approves river crossing"}]


def test_thesis_with_a_season_and_series():
    text = ("TY  - THES\nAU  - Nakamura, Aiko\nTI  - Rivers of memory\nPB  - University of Leeds\n"
            "M3  - PhD thesis\nPY  - 2019///Spring\nER  - \n")
    found, _ = records(text)
    assert found[0]["issued"] == {"date-parts": [[2019]], "season": 1}
    assert found[0]["genre"] == "PhD thesis" and found[0]["publisher"] == "University of Leeds"


def test_a_full_date_in_da_refines_the_year_and_a_contradicting_one_is_reported():
    found, findings = records("TY  - JOUR\nTI  - T\nPY  - 2020\nDA  - 2019/05/01\nER  - \n")
    assert found[0]["issued"] == {"date-parts": [[2020]]}
    assert codes(findings) == [("ris-dates-disagree", Severity.WARNING, "2020-t", "line 4")]


def test_only_an_abbreviated_journal_name():
    found, findings = records("TY  - JOUR\nTI  - T\nJA  - Nat. Rev.\nER  - \n")
    assert found[0]["container-title"] == "Nat. Rev." and found[0]["container-title-short"] == "Nat. Rev."
    assert codes(findings) == [("ris-abbreviated-container", Severity.INFO, "t", "line 3")]


def test_crlf_line_endings_read_the_same():
    found, _ = records(JOURNAL_ARTICLE.replace("\n", "\r\n"))
    assert found == [JOURNAL_RECORD]


def test_same_author_year_title_get_distinct_ids():
    text = "TY  - BOOK\nAU  - Beard, Mary\nTI  - SPQR\nPY  - 2015\nER  - \n" * 2
    found, _ = records(text)
    assert [record["id"] for record in found] == ["beard-2015-spqr", "beard-2015-spqr-b"]


# --- damaged files -----------------------------------------------------------------------

DAMAGED = """\
Exported from a reference manager
TY  - BOOK
AU  - Beard, Mary
TI  - SPQR
PY  - 2015
SN  - 9781846683800
this line is junk
PY  - 2016
TY  - XYZ
TI  - Odd one
AD  - Somewhere
EP  - 40
ER  - 
PB  - Stray publisher
TY  - JOUR
TI  - Last one
PY  - 2001/13/40
"""


def test_damaged_file_loads_every_record_and_reports_each_problem_by_line():
    found, findings = records(DAMAGED)
    assert found == [
        {"id": "beard-2015-spqr", "type": "book", "ISBN": "9781846683800",
         "author": [{"family": "Beard", "given": "Mary"}], "issued": {"date-parts": [[2015]]}, "title": "SPQR"},
        {"id": "odd-one", "type": "document", "title": "Odd one"},
        {"id": "last-one", "type": "article-journal", "issued": {"raw": "2001/13/40"}, "title": "Last one"},
    ]
    assert codes(findings) == [
        ("ris-text-outside-record", Severity.WARNING, None, "line 1"),
        ("ris-missing-er", Severity.WARNING, "beard-2015-spqr", "line 2"),
        ("ris-line-without-tag", Severity.WARNING, "beard-2015-spqr", "line 7"),
        ("ris-repeated-tag", Severity.WARNING, "beard-2015-spqr", "line 8"),
        ("ris-unknown-type", Severity.WARNING, "odd-one", "line 9"),
        ("ris-unused-tags", Severity.INFO, "odd-one", "line 11"),
        ("ris-end-page-alone", Severity.WARNING, "odd-one", "line 12"),
        ("ris-text-outside-record", Severity.WARNING, None, "line 14"),
        ("ris-missing-er", Severity.WARNING, "last-one", "line 15"),
        ("unparsed-date", Severity.WARNING, "last-one", "line 17"),
    ]
    by_code = {f.code: f.message for f in findings}
    assert by_code["ris-missing-er"] == ("the record starting on line 15 has no ER line to end it; "
                                         "it is read up to the end of the file")
    assert by_code["ris-line-without-tag"] == "line 7 ('this line is junk') does not start with a RIS tag and is ignored"
    assert by_code["ris-unused-tags"] == "tags with no place in a citation are not kept: AD (line 11)"


def test_a_file_without_any_record_is_one_clear_error():
    with pytest.raises(CitekitError) as raised:
        parse_ris("AU  - Beard, Mary\nTI  - SPQR\nER  - \n", source="refs.ris")
    assert str(raised.value) == ("refs.ris: no RIS record found: no line starts with the TY tag (each record "
                                 "starts with a TY line giving its type, such as JOUR, and ends with an ER line)")


def test_load_reads_a_ris_file_by_suffix_and_by_content(tmp_path):
    path = tmp_path / "export.ris"
    path.write_text(JOURNAL_ARTICLE, encoding="utf-8")
    assert [r.to_csl() for r in load(str(path)).records] == [JOURNAL_RECORD]
    unnamed = tmp_path / "export.dat"
    unnamed.write_text(JOURNAL_ARTICLE, encoding="utf-8")
    assert [r.to_csl() for r in load(str(unnamed)).records] == [JOURNAL_RECORD]


def test_a_wrapped_line_that_looks_like_a_tag_to_rispy_stays_part_of_the_abstract():
    # "ER  -x" (no space after the dash) is no tag line in RIS; rispy took it for the end of the record,
    # and the year after it was lost without a word.
    found, findings = records("TY  - JOUR\nTI  - Tides\nAB  - An abstract\nER  -x marks the spot\n"
                              "PY  - 2001\nER  - \n")
    assert found == [{"id": "2001-tides", "type": "article-journal",
                      "abstract": "An abstract ER  -x marks the spot",
                      "issued": {"date-parts": [[2001]]}, "title": "Tides"}]
    assert findings == []


def test_the_id_tag_names_the_record_unless_it_is_a_bare_record_number():
    text = ("TY  - BOOK\nID  - smith-teeth\nAU  - Smith, Zadie\nTI  - White teeth\nPY  - 2000\nER  - \n"
            "TY  - BOOK\nID  - 1234\nAU  - Smith, Zadie\nTI  - On beauty\nPY  - 2005\nER  - \n"
            "TY  - BOOK\nID  - Smith-Teeth\nAU  - Smith, Zadie\nTI  - NW\nPY  - 2012\nER  - \n")
    found, findings = records(text)
    assert [record["id"] for record in found] == ["smith-teeth", "smith-2005-beauty", "Smith-Teeth-b"]
    assert codes(findings) == [("ris-duplicate-id", Severity.WARNING, "Smith-Teeth-b", "line 14")]
    assert findings[0].message == ("the ID 'Smith-Teeth' is already the id of an earlier record; "
                                   "this record's id is 'Smith-Teeth-b'")


def test_keywords_are_also_tags_each_once():
    found, _ = records("TY  - JOUR\nTI  - T\nKW  - Ecology\nKW  - ecology\nKW  - Tidal   mixing\nKW  - Écologie\nER  - \n")
    assert (found[0]["keyword"], found[0]["custom"]) == (
        "Ecology, ecology, Tidal   mixing, Écologie", {"tags": ["Ecology", "Tidal mixing", "Écologie"]})

"""The RIS writer: tags as the RIS specification gives them, read back by our RIS reader, and
no value able to start a line of its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from citekit.csl_markup import plain_text
from citekit.export import find_writer_spec, get_exporter
from citekit.export.ris import TYPES, export_ris, write_ris
from citekit.model import records_from_csl
from citekit.sources.ris import parse_ris

CORPUS = Path(__file__).parent / "corpus"

ARTICLE = {
    "id": "galewitz-2013", "type": "article-journal", "title": "A title: with a subtitle",
    "author": [{"family": "Galewitz", "given": "Phil"}, {"family": "Gogh", "given": "Vincent",
                                                          "non-dropping-particle": "van"},
               {"literal": "World Health Organization"}],
    "editor": [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}],
    "container-title": "Journal of Things", "container-title-short": "J. Things",
    "volume": "12", "issue": "3", "page": "45–67", "issued": {"date-parts": [[2013, 5, 2]]},
    "accessed": {"date-parts": [[2024, 1, 15]]}, "DOI": "10.1000/xyz123", "URL": "https://example.org/a",
    "publisher": "Sage", "publisher-place": "London", "ISSN": "1234-5678", "language": "en",
    "abstract": "What it says.", "keyword": "history, medicine", "note": "First line\nSecond line",
}
EXPECTED_ARTICLE = """\
TY  - JOUR
ID  - galewitz-2013
AU  - Galewitz, Phil
AU  - van Gogh, Vincent
AU  - World Health Organization
A2  - King, Martin Luther, Jr.
TI  - A title: with a subtitle
T2  - Journal of Things
J2  - J. Things
PB  - Sage
CY  - London
VL  - 12
IS  - 3
LA  - en
AB  - What it says.
DO  - 10.1000/xyz123
UR  - https://example.org/a
PY  - 2013
DA  - 2013/05/02
Y2  - 2024/01/15
SP  - 45
EP  - 67
SN  - 1234-5678
KW  - history
KW  - medicine
N1  - First line
N1  - Second line
ER  - 
"""


def test_a_journal_article_in_ris_tags():
    assert write_ris(records_from_csl([ARTICLE])) == EXPECTED_ARTICLE


def test_registered_by_name_and_suffix():
    assert find_writer_spec("ris").name == "ris" and find_writer_spec(path="refs.RIS").name == "ris"
    assert get_exporter(path="out.ris")(records_from_csl([ARTICLE]))[0] == EXPECTED_ARTICLE


def test_the_article_reads_back_as_it_was():
    back = parse_ris(EXPECTED_ARTICLE).records[0].to_csl()
    expected = {key: value for key, value in ARTICLE.items() if key != "page"}
    expected["page"] = "45-67"  # RIS has a first and a last page; the reader joins them with a hyphen
    expected["author"] = [ARTICLE["author"][0], {"family": "van Gogh", "given": "Vincent"}, ARTICLE["author"][2]]
    # RIS has one KW tag for keywords and tags: read back, the keywords are tags as well.
    expected["custom"] = {"tags": ["history", "medicine"]}
    assert back == expected


def _comparable(item: dict) -> dict:
    """The variables RIS holds, as our reader gives them back (titles as plain text)."""
    kept = {"id": item["id"]}
    for key in ("title", "author", "editor", "collection-editor", "translator", "volume", "issue",
                "publisher", "publisher-place", "URL", "DOI", "edition", "abstract", "language",
                "collection-title", "container-title-short", "genre", "title-short", "accessed"):
        if item.get(key) not in (None, "", []):
            kept[key] = item[key]
    if item.get("issued", {}).get("date-parts"):
        kept["issued"] = {"date-parts": item["issued"]["date-parts"][:1]}
    if item.get("container-title") and TYPES.get(item["type"]) not in ("BOOK", "THES", "RPRT"):
        kept["container-title"] = item["container-title"]
    for key in ("title", "container-title", "container-title-short", "collection-title", "title-short"):
        if key in kept:
            kept[key] = plain_text(kept[key])
    return kept


@pytest.mark.parametrize("corpus", ["students.json", "tricky-records.json"])
def test_corpus_round_trip_through_our_reader(corpus):
    records = [r for r in records_from_csl(json.loads((CORPUS / corpus).read_text(encoding="utf-8")))
               if r.type in TYPES]
    text, _ = export_ris(records)
    back = parse_ris(text).records
    assert len(back) == len(records)
    compared = 0
    for original, read in zip(records, back):
        expected, got = _comparable(original.to_csl()), read.to_csl()
        # Whitespace inside a value is one space in RIS (one line per tag).
        expected = json.loads(re.sub(r"(\\n|\\r|\\t| )+", " ", json.dumps(expected, ensure_ascii=False)))
        assert read.type == original.type
        for key, value in expected.items():
            if key in ("author", "editor", "collection-editor", "translator"):
                value = [{k: v for k, v in name.items() if k in ("family", "given", "suffix", "literal")}
                         for name in value]
                got_names = got.get(key)
                # A particle joins the family name; a comma inside an organisation makes it a person,
                # a single name ("Plato") without a comma an organisation.
                if any(set(name) - {"family", "given", "suffix", "literal"} for name in original.to_csl()[key]) \
                        or any("," in name.get("literal", "") or "family" not in name and "literal" not in name
                               for name in value):
                    continue
                assert got_names == value, (original.id, key)
            elif key == "issued" and original.issued and (original.issued.season or original.issued.circa):
                continue
            else:
                assert got.get(key) == value, (original.id, key)
            compared += 1
    assert compared > 100


HOSTILE = "Title\nER  - \nTY  - BOOK\rTI  - Forged\r\nAU  - X\u2028PY  - 1\u2029Y2  - 2\x85DO  - 3\x0bKW  - 4\x0cN1  - 5\x1cUR  - 6"


def test_line_breaks_cannot_start_a_tag_line():
    record = {"id": "h\nER  - \nTY  - BOOK", "type": "book", "title": HOSTILE,
              "author": [{"family": "Doe\nER  - ", "given": "J"}], "publisher": HOSTILE, "note": HOSTILE,
              "URL": "https://x.example/\nER  - ", "custom": {"tags": [HOSTILE, "t\u2028ER  - "]}}
    text, _ = export_ris(records_from_csl([record]))
    tags = [line[:6] for line in text.splitlines()]
    assert tags.count("TY  - ") == 1 and tags.count("ER  - ") == 1 and text.endswith("ER  - \n")
    # Python's splitlines (what many readers use) breaks at every Unicode line break: still one record.
    assert sum(line.startswith(("TY  -", "ER  -")) for line in text.splitlines()) == 2
    assert [line for line in text.splitlines() if line.startswith("TI  - ")] == [
        "TI  - Title ER - TY - BOOK TI - Forged AU - X PY - 1 Y2 - 2 DO - 3 KW - 4 N1 - 5 UR - 6"]
    assert [line for line in text.splitlines() if line.startswith(("ID  - ", "KW  - "))][:2] == [
        "ID  - h ER - TY - BOOK", "KW  - Title ER - TY - BOOK TI - Forged AU - X PY - 1 Y2 - 2 DO - 3 KW - 4 N1 - 5 UR - 6"]
    parsed = parse_ris(text)
    assert len(parsed.records) == 1 and parsed.records[0].title.startswith("Title ER - TY - BOOK")
    assert parsed.records[0].id == "h ER - TY - BOOK"


def test_titles_are_written_without_their_csl_markup():
    record = {"id": "m", "type": "chapter", "title": '<span class="nocase">DNA</span> repair in <i>E. coli</i>',
              "container-title": '<i>Methods</i> in <span class="nocase">RNA</span> &amp; <script>x</script>',
              "collection-title": "<b>Series</b> <sup>2</sup>", "title-short": '<span class="nocase">DNA</span> repair'}
    text, _ = export_ris(records_from_csl([record]))
    assert text == ("TY  - CHAP\nID  - m\nTI  - DNA repair in E. coli\nT2  - Methods in RNA & <script>x</script>\n"
                    "T3  - Series 2\nST  - DNA repair\nER  - \n")


def test_the_id_and_the_tags_are_written_and_read_back():
    record = {"id": "lind-2020-dna", "type": "article-journal", "title": "DNA repair", "keyword": "history, ww1",
              "custom": {"tags": ["History", "war, 1914", "reading list"]}}
    text, findings = export_ris(records_from_csl([record]))
    assert text == ("TY  - JOUR\nID  - lind-2020-dna\nTI  - DNA repair\nKW  - history\nKW  - ww1\n"
                    "KW  - war, 1914\nKW  - reading list\nER  - \n")  # "History" is the keyword "history"
    assert findings == []
    [back] = parse_ris(text).records
    assert back.to_csl() == {"id": "lind-2020-dna", "type": "article-journal", "title": "DNA repair",
                             "keyword": "history, ww1, war, 1914, reading list",
                             "custom": {"tags": ["history", "ww1", "war, 1914", "reading list"]}}


def test_custom_data_other_than_tags_is_reported_not_dropped():
    records = records_from_csl([{"id": "c", "type": "book", "title": "T",
                                 "custom": {"tags": ["a"], "zotero-key": "ABCD", "empty": ""}}])
    text, findings = export_ris(records)
    assert text == "TY  - BOOK\nID  - c\nTI  - T\nKW  - a\nER  - \n"
    assert [(f.code, f.message) for f in findings] == [
        ("ris-fields-not-written", "RIS has no tag citekit writes for: custom.zotero-key")]


def test_what_ris_cannot_hold_is_reported():
    records = records_from_csl([{"id": "i", "type": "interview", "title": "Talk", "medium": "video",
                                 "issued": {"date-parts": [[2000], [2001]]}}])
    text, findings = export_ris(records)
    assert text.startswith("TY  - PCOMM\n")
    assert [(f.code, f.record_id) for f in findings] == [
        ("ris-type-approximated", "i"), ("ris-date-range-shortened", "i"), ("ris-fields-not-written", "i")]
    assert findings[-1].message == "RIS has no tag citekit writes for: medium"


def test_an_issn_beside_an_isbn_and_the_pages_of_a_thesis_are_reported_not_dropped():
    # RIS has one SN tag, and SP is a number of pages only for a book (elsewhere the first page).
    records = records_from_csl([{"id": "t", "type": "thesis", "title": "T", "ISBN": "978-0-00-000000-2",
                                 "ISSN": "1234-5678", "number-of-pages": "300"}])
    text, findings = export_ris(records)
    assert text == "TY  - THES\nID  - t\nTI  - T\nSN  - 978-0-00-000000-2\nER  - \n"
    assert [(f.code, f.message) for f in findings] == [
        ("ris-fields-not-written", "RIS has no tag citekit writes for: number-of-pages, ISSN")]


def test_bibtex_fields_kept_from_a_bib_file_are_named_by_their_bibtex_names():
    # An import from .bib keeps the fields no CSL variable took in "bibtex"; its entrytype is what TY says.
    kept = {"entrytype": "article", "eprinttype": "arxiv", "eprint": "1234.5678", "empty": ""}
    records = records_from_csl([{"id": "e", "type": "article-journal", "title": "T", "bibtex": kept}])
    text, findings = export_ris(records)
    assert text == "TY  - JOUR\nID  - e\nTI  - T\nER  - \n"
    assert [(f.code, f.message) for f in findings] == [
        ("ris-fields-not-written", "RIS has no tag citekit writes for the BibTeX fields eprinttype, eprint")]
    one = records_from_csl([{"id": "m", "type": "interview", "title": "T", "medium": "video",
                             "bibtex": {"entrytype": "misc", "eprint": "1"}}])
    assert export_ris(one)[1][-1].message == (
        "RIS has no tag citekit writes for: medium; nor for the BibTeX field eprint")


def test_the_entry_type_alone_kept_from_a_bib_file_is_not_reported():
    records = records_from_csl([{"id": "b", "type": "book", "title": "T", "bibtex": {"entrytype": "book"}}])
    assert export_ris(records) == ("TY  - BOOK\nID  - b\nTI  - T\nER  - \n", [])


def test_a_bibtex_variable_that_is_not_an_object_is_reported_by_its_name():
    records = records_from_csl([{"id": "s", "type": "book", "title": "T", "bibtex": "@book{s}"}])
    assert [f.message for f in export_ris(records)[1]] == ["RIS has no tag citekit writes for: bibtex"]

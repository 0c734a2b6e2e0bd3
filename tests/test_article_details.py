"""The Article Details parser, on the reference fixture and on the variants students paste."""

from __future__ import annotations

import shlex

import pytest

from citekit.errors import CitekitError
from citekit.findings import Severity
from citekit.names import parse_author_names
from citekit.sources.article_details import parse_article_details
from conftest import LENIN_FIXTURE, LENIN_TITLE, LENIN_URL

FIXTURE, TITLE, URL = LENIN_FIXTURE, LENIN_TITLE, LENIN_URL

LENIN = {
    "id": "new-russian",
    "type": "webpage",
    "accessed": {"date-parts": [[2018, 3, 22]]},
    "author": [{"literal": "Staff"}],
    "publisher": "A+E Networks",
    "title": TITLE,
}

# The complete record a filled-in block gives (Staff is generic, so the id has the year).
LENIN_FULL = {
    "id": "2009-new",
    "type": "webpage",
    "URL": URL,
    "accessed": {"date-parts": [[2018, 3, 22]]},
    "author": [{"literal": "Staff"}],
    "container-title": "HISTORY",
    "issued": {"date-parts": [[2009]]},
    "publisher": "A+E Networks",
    "title": TITLE,
}


def parse(text, **kwargs):
    parsed = parse_article_details(text, **kwargs)
    assert len(parsed.records) == 1
    return parsed.records[0].to_csl(), parsed.findings


def codes(findings):
    return [(f.code, f.severity, f.field, f.location) for f in findings]


def test_fixture_gives_the_exact_record_and_no_findings():
    record, findings = parse(FIXTURE.read_text(encoding="utf-8"), source=str(FIXTURE))
    assert record == LENIN
    assert findings == []


def test_label_colon_value_form():
    text = (f"Article Details:\nAuthor: Staff\nWebsite Name: HISTORY\nYear Published: 2009\n"
            f"Title: {TITLE}\nURL: {URL}\nAccess Date: March 22, 2018\nPublisher: A+E Networks\n")
    assert parse(text) == (LENIN_FULL, [])


@pytest.mark.parametrize("bullet", ["*", "-", "·", "•"])
def test_other_bullets_without_header(bullet):
    text = (f"{bullet} Author Staff\n{bullet} Website Name HISTORY\n{bullet} Year Published 2009\n"
            f"{bullet} Title\n    {TITLE}\n{bullet} URL {URL}\n{bullet} Access Date March 22, 2018\n"
            f"{bullet} Publisher\n    A+E Networks")
    assert parse(text) == (LENIN_FULL, [])


def test_no_bullets_values_on_indented_next_lines():
    text = (f"Author Staff\nWebsite Name\n  HISTORY\nYear Published\n  2009\nTitle\n  {TITLE}\n"
            f"URL\n  {URL}\nAccess Date\n  March 22, 2018\nPublisher\n  A+E Networks\n")
    assert parse(text) == (LENIN_FULL, [])


def test_crlf_line_endings():
    text = FIXTURE.read_text(encoding="utf-8").replace("\n", "\r\n")
    assert parse(text) == (LENIN, [])


def test_stray_spaces_and_tabs():
    text = ("Article Details:   \n\n\t" + TITLE + "  \n\t•\tAuthor \t Staff   \n \t• Website Name\t\n"
            "  •  Year   Published \n\t• Title\n\t\t" + TITLE.replace(" : ", "  :   ") + "\t\n"
            "• URL   \n   •Access Date\n\t\tMarch  22,   2018\n• Publisher\n\t   A+E    Networks  ")
    assert parse(text) == (LENIN, [])


def test_non_breaking_spaces():
    text = FIXTURE.read_text(encoding="utf-8").replace("  • ", "\u00a0\u00a0•\u00a0")
    text = text.replace("Access Date", "Access\u00a0Date").replace("March 22", "March\u00a022")
    text = text.replace("A+E Networks", "A+E\u202fNetworks\u00a0")
    assert parse(text) == (LENIN, [])


WHOLE_PAGE = f"""HISTORY
Topics  Shows  This Day in History  Schedule

THIS DAY IN HISTORY
November 08
{TITLE}

Published: November 24, 2009
Updated: June 29, 2020
By Staff

On November 8, 1917, the day after his Bolshevik forces seized power in Petrograd,
Vladimir Lenin called for an immediate armistice on all fronts of the First World War.
Author: Lenin's Decree on Peace was read to the Second Congress of Soviets.

Also on this day:
  • 1923 Beer Hall Putsch begins
  • Title IX? no, that is another day
  • 1895 Wilhelm Röntgen discovers X-rays

Citation Information
  • Article Title
    {TITLE}
  • Author
    Staff
  • Website Name
    HISTORY
  • URL
    {URL}
  • Access Date
    March 22, 2018
  • Publisher
    A+E Networks"""


def test_whole_page_text_with_the_block_at_the_end():
    expected = {k: v for k, v in LENIN_FULL.items() if k != "issued"} | {"id": "new-russian"}
    assert parse(WHOLE_PAGE) == (expected, [])


def test_whole_page_without_header_starts_at_the_first_bulleted_label():
    page = (f"{TITLE}\nPublished November 24, 2009\nRelated:\n  • Russian Revolution\n  • Lenin\n\n"
            f"  • Author Staff\n  • Title\n    {TITLE}\n  • Access Date\n    March 22, 2018\n")
    record, findings = parse(page)
    assert record == {"id": "new-russian", "type": "webpage",
                      "accessed": {"date-parts": [[2018, 3, 22]]},
                      "author": [{"literal": "Staff"}], "title": TITLE}
    assert findings == []


HISTORY_CITATION = f"""Citation Information
Article Title
    {TITLE}
Author
    HISTORY.com Editors
Website Name
    HISTORY
URL
    {URL}
Access Date
    March 22, 2018
Publisher
    A+E Networks
Last Updated
    June 29, 2020
Original Published Date
    November 24, 2009"""


def test_history_com_citation_information_labels():
    record, findings = parse(HISTORY_CITATION)
    assert record == {
        "id": "history-2009-new",
        "type": "webpage",
        "URL": URL,
        "accessed": {"date-parts": [[2018, 3, 22]]},
        "author": [{"literal": "HISTORY.com Editors"}],
        "container-title": "HISTORY",
        "issued": {"date-parts": [[2009, 11, 24]]},
        "note": "Last updated: June 29, 2020",
        "publisher": "A+E Networks",
        "title": TITLE,
    }
    assert codes(findings) == [("last-updated-kept-in-note", Severity.INFO, "note", "line 14")]
    assert findings[0].record_id == "history-2009-new"
    # APA 7 dates a page by its update when the update changed what is cited: the exact command to do so,
    # which replaces the publication date and so keeps it in note, and says so.
    assert findings[0].message == (
        "'Last Updated' (June 29, 2020) has no field in CSL, so it is kept in note and the publication date "
        "is the one cited; APA 7 cites the update date instead when the update changed what you cite")
    assert findings[0].fix == (
        'to cite the update instead: citekit set history-2009-new issued=2020-06-29 '
        '"note=Originally published 2009-11-24" (issued= replaces the publication date, 2009-11-24, which is '
        "then kept only in the note this writes; note= replaces the whole note)")


def test_the_update_command_names_the_id_given_with_id():
    _, findings = parse(HISTORY_CITATION, record_id="lenin-armistice")
    assert [f.fix for f in findings] == [
        'to cite the update instead: citekit set lenin-armistice issued=2020-06-29 '
        '"note=Originally published 2009-11-24" (issued= replaces the publication date, 2009-11-24, which is '
        "then kept only in the note this writes; note= replaces the whole note)"]


def test_the_update_command_is_one_that_set_accepts():
    from citekit.library_fields import apply_assignments, read_assignment

    record, findings = parse(HISTORY_CITATION)
    command = findings[0].fix.split(": ", 1)[1].split(" (issued=", 1)[0]
    words = shlex.split(command)
    assert words[:3] == ["citekit", "set", "history-2009-new"]
    changed = apply_assignments(record, [read_assignment(word) for word in words[3:]])
    assert (changed["issued"], changed["note"]) == (
        {"date-parts": [[2020, 6, 29]]}, "Originally published 2009-11-24")


def test_empty_website_name_and_year_published_are_not_split_into_label_and_value():
    for text in ("• Website Name\n• Year Published\n• Site Name\n• Title The Armistice\n",
                 "Website Name:\nYear Published:\nTitle: The Armistice\n",
                 "Website Name\n\nYear Published\n\n\nTitle\n    The Armistice"):
        record, findings = parse(text)
        assert record == {"id": "armistice", "type": "webpage", "title": "The Armistice"}, text
        assert findings == []


def test_unknown_label_is_kept_in_note_and_reported():
    text = ("Article Details:\n  • Author Staff\n  • Section Politics\n  • Title\n    The Armistice\n"
            "  • Region\n    Eastern Front\n")
    record, findings = parse(text)
    assert record == {"id": "armistice", "type": "webpage", "author": [{"literal": "Staff"}],
                      "note": "Section Politics; Region Eastern Front", "title": "The Armistice"}
    assert codes(findings) == [("unknown-label", Severity.WARNING, "note", "line 3"),
                               ("unknown-label", Severity.WARNING, "note", "line 6")]


def test_unknown_label_in_colon_form_without_bullets():
    record, findings = parse("Author: Zadie Smith\nSection: Politics\nTitle: The Armistice\n")
    assert record["note"] == "Section: Politics"
    assert record["author"] == [{"family": "Smith", "given": "Zadie"}]
    assert codes(findings) == [("unknown-label", Severity.WARNING, "note", "line 2")]


@pytest.mark.parametrize("written", ["sometime in spring", "03/04/2018"])
def test_unparseable_access_date_is_kept_raw_and_reported(written):
    text = f"• Title The Armistice\n• Access Date\n    {written}\n• Publisher A+E Networks"
    record, findings = parse(text)
    assert record["accessed"] == {"raw": written}
    assert codes(findings) == [("unparsed-date", Severity.WARNING, "accessed", "line 2")]


def test_multi_line_values_are_joined_with_one_space_and_urls_without():
    text = ("• Title\n    November 08, 1917 : New Russian leader Lenin\n    calls for immediate armistice\n"
            "• URL\n    https://www.history.com/this-day-in-history/\n"
            "    new-russian-leader-lenin-calls-for-immediate-armistice\n"
            "• Author Staff\n")
    record, findings = parse(text)
    assert record["title"] == TITLE
    assert record["URL"] == URL
    assert findings == []


def test_inline_value_continued_on_a_deeper_indented_line():
    text = "  • Title November 08, 1917 : New Russian leader\n      Lenin calls for immediate armistice\n"
    assert parse(text)[0]["title"] == TITLE


def test_a_title_line_starting_with_a_label_word_stays_in_the_title():
    text = "• Title\n    Published Letters of Lenin\n• Year Published\n• Author Staff"
    record, _ = parse(text)
    assert record["title"] == "Published Letters of Lenin"
    assert "issued" not in record


def test_date_in_title_never_becomes_issued():
    for text in (f"Year Published:\nTitle: {TITLE}\n", f"• Title {TITLE}\n• Year Published\n",
                 FIXTURE.read_text(encoding="utf-8")):
        record, findings = parse(text)
        assert "issued" not in record
        assert record["title"] == TITLE
        assert findings == []


def test_several_authors():
    text = "• Author Zadie Smith and Tom Jones\n• Title White Teeth\n• Year Published 2000"
    record, _ = parse(text)
    assert record["author"] == [{"family": "Smith", "given": "Zadie"}, {"family": "Jones", "given": "Tom"}]
    assert record["id"] == "smith-2000-white"
    record, _ = parse("Author: Smith, Zadie; Jones, Tom\nTitle: White Teeth\n")
    assert record["author"] == [{"family": "Smith", "given": "Zadie"}, {"family": "Jones", "given": "Tom"}]


def test_id_override_applies_to_record_and_findings():
    text = FIXTURE.read_text(encoding="utf-8") + "\n  • Section Politics"
    record, findings = parse(text, record_id="lenin-armistice")
    assert record["id"] == "lenin-armistice"
    assert [f.record_id for f in findings] == ["lenin-armistice"]
    assert findings[0].location == "line 25"  # the fixture has 24 lines


def test_duplicate_labels_keep_the_first_and_report():
    text = "• Title The Armistice\n• Author Staff\n• Title The Decree on Peace\n• Article Title The Armistice"
    record, findings = parse(text)
    assert record["title"] == "The Armistice"
    assert codes(findings) == [("duplicate-label", Severity.WARNING, "title", "line 3")]
    assert "line 1" in findings[0].message and "line 3" in findings[0].message


def test_empty_first_label_does_not_count_as_a_duplicate():
    record, findings = parse("• Year Published\n• Date Published 2009\n• Title The Armistice")
    assert record["issued"] == {"date-parts": [[2009]]}
    assert findings == []


def test_title_under_the_header_is_used_when_there_is_no_title_label():
    record, findings = parse(f"Article Details:\n\n{TITLE}\n\n  • Author Staff\n")
    assert record["title"] == TITLE
    assert codes(findings) == [("title-from-heading", Severity.INFO, "title", "line 3")]


def test_text_inside_the_block_that_follows_no_label_is_reported():
    text = "• Author Staff\n\nAdvertisement\n\n• Title The Armistice\n\nShare this article"
    record, findings = parse(text)
    assert record == {"id": "armistice", "type": "webpage", "author": [{"literal": "Staff"}],
                      "title": "The Armistice"}
    assert codes(findings) == [("unattached-text", Severity.WARNING, None, "line 3"),
                               ("text-after-block-ignored", Severity.INFO, None, "line 7")]


@pytest.mark.parametrize("text", ["", "   \n\n", "Lenin called for an armistice.\nIt was 1917.",
                                  "• Section Politics\n• Region Europe"])
def test_no_labels_is_a_user_error_naming_the_source(text):
    with pytest.raises(CitekitError) as caught:
        parse_article_details(text, source="lenin.txt")
    assert caught.value.source == "lenin.txt"
    assert str(caught.value).startswith("lenin.txt: no 'Article Details' labels found")
    assert caught.value.hint


@pytest.mark.parametrize(("text", "expected"), [
    ("Staff", [{"literal": "Staff"}]),
    ("Lenin", [{"literal": "Lenin"}]),
    ("HISTORY.com Editors", [{"literal": "HISTORY.com Editors"}]),
    ("A+E Networks", [{"literal": "A+E Networks"}]),
    ("The Editors", [{"literal": "The Editors"}]),
    ("Zadie Smith", [{"family": "Smith", "given": "Zadie"}]),
    ("Smith, Zadie", [{"family": "Smith", "given": "Zadie"}]),
    ("Mary Ann Evans", [{"family": "Evans", "given": "Mary Ann"}]),
    ("Vincent van Gogh", [{"family": "van Gogh", "given": "Vincent"}]),
    ("Martin Luther King Jr.", [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}]),
    ("King, Martin Luther, Jr.", [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}]),
    ("Zadie Smith, Tom Jones, and Ann Lee", [{"family": "Smith", "given": "Zadie"},
                                             {"family": "Jones", "given": "Tom"},
                                             {"family": "Lee", "given": "Ann"}]),
    ("Smith, Zadie and Jones, Tom", [{"family": "Smith", "given": "Zadie"},
                                     {"family": "Jones", "given": "Tom"}]),
    ("Bill and Melinda Gates Foundation", [{"literal": "Bill and Melinda Gates Foundation"}]),
])
def test_author_names(text, expected):
    assert parse_author_names(text) == expected


def test_an_empty_label_with_its_colon_does_not_take_the_next_unknown_label_as_its_value():
    record, findings = parse("Article Details:\n\nTitle: My Page\nAuthor:\nFavourite Colour: blue\n"
                             "Publisher:\nFavourite Food: pie\n")
    assert record == {"id": "my-page", "type": "webpage", "title": "My Page",
                      "note": "Favourite Colour: blue; Favourite Food: pie"}
    assert [(f.code, f.location) for f in findings] == [("unknown-label", "line 5"), ("unknown-label", "line 7")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_a_file_saved_with_a_byte_order_mark_reads_as_the_same_record(tmp_path, encoding):
    from citekit.sources import load

    text = FIXTURE.read_text(encoding="utf-8")
    saved = tmp_path / "details.txt"
    # Notepad's "Unicode" is UTF-16 little-endian with a BOM; "utf-16-be" gets its BOM written by hand.
    saved.write_bytes(("\ufeff" + text).encode(encoding) if encoding == "utf-16-be" else text.encode(encoding))
    assert load(str(saved)).records == load(str(FIXTURE)).records


def test_utf16_that_breaks_off_mid_character_is_a_one_line_error(tmp_path):
    from citekit.sources import load

    saved = tmp_path / "broken.txt"
    saved.write_bytes("Title: x".encode("utf-16") + b"\x00")  # an odd number of bytes
    with pytest.raises(CitekitError) as error:
        load(str(saved))
    assert str(error.value).startswith(f"{saved}: byte 19 is not UTF-16 text, though the file starts as UTF-16")


# --- bylines, honorifics and degrees ----------------------------------------------------------
# MLA 9, APA 7 and Chicago cite an author by name only: no "By", no "Dr." or "Prof.", no "PhD" or
# "M.D."; "Jr." stays, after the given name (CSL `suffix`).

JANE_DOE = {"family": "Doe", "given": "Jane"}
TOM_LEE = {"family": "Lee", "given": "Tom"}


@pytest.mark.parametrize(("byline", "expected"), [
    ("By Jane Doe", [JANE_DOE]),
    ("by Jane Doe and Tom Lee", [JANE_DOE, TOM_LEE]),
    ("BY JANE DOE", [{"family": "DOE", "given": "JANE"}]),  # the case of the name is the author's
    ("By Staff", [{"literal": "Staff"}]),
    ("By", [{"literal": "By"}]),  # nothing after it: not dropped, the name would be empty
    ("Byron Smith", [{"family": "Smith", "given": "Byron"}]),
])
def test_a_leading_by_is_not_part_of_the_author(byline, expected):
    record, findings = parse(f"• Title The Armistice\n• Author {byline}\n")
    assert record["author"] == expected
    assert findings == []


@pytest.mark.parametrize(("byline", "expected", "left_out"), [
    ("Dr. Jane Doe, PhD", [JANE_DOE], "'Dr.' and 'PhD' left out of the author 'Dr. Jane Doe, PhD'"),
    ("Prof. John Smith", [{"family": "Smith", "given": "John"}],
     "'Prof.' left out of the author 'Prof. John Smith'"),
    ("Jane Doe, MD", [JANE_DOE], "'MD' left out of the author 'Jane Doe, MD'"),
    ("Rev. Martin Luther King Jr.", [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}],
     "'Rev.' left out of the author 'Rev. Martin Luther King Jr.'"),
])
def test_honorifics_and_degrees_are_left_out_and_reported(byline, expected, left_out):
    record, findings = parse(f"• Title The Armistice\n• Author {byline}\n")
    assert record["author"] == expected
    assert codes(findings) == [("name-title-dropped", Severity.INFO, "author", "line 2")]
    assert findings[0].message == (f"{left_out}: the guides cite names without titles, degrees, life dates "
                                   "or roles (MLA 9, APA 7, Chicago)")


def test_three_words_left_out_are_listed_as_a_sentence_would():
    _, findings = parse("Title: A\nAuthor: Ms Jane Doe, MA, FRS\n")
    assert findings[0].message.startswith("'Ms', 'MA' and 'FRS' left out of the author 'Ms Jane Doe, MA, FRS': ")


def test_each_name_with_a_title_gets_its_own_finding():
    record, findings = parse("Title: The Armistice\nAuthor: By Dr. Jane Doe and Tom Lee, M.D.\n")
    assert record["author"] == [JANE_DOE, TOM_LEE]
    assert [(f.code, f.location, f.message.split(":")[0]) for f in findings] == [
        ("name-title-dropped", "line 2", "'Dr.' left out of the author 'Dr. Jane Doe'"),
        ("name-title-dropped", "line 2", "'M.D.' left out of the author 'Tom Lee, M.D.'")]


# --- Library of Congress and National Archives "Citation Information" blocks --------------------------

def test_a_national_archives_block_gives_creator_and_production_date():
    record, findings = parse(
        "Citation Information\n"
        "Title: Zimmermann Telegram as Received by the German Ambassador to Mexico\n"
        "Creator(s): Department of State. (1789 - )\n"
        "Production Date: 1/16/1917\n"
        "URL: https://catalog.archives.gov/id/302025\n"
        "Access Date: February 2, 2025\n")
    assert (record["author"], record["issued"]) == ([{"literal": "Department of State"}],
                                                    {"date-parts": [[1917, 1, 16]]})
    assert [(f.code, f.message) for f in findings] == [(
        "name-title-dropped", "'(1789 - )' left out of the author 'Department of State. (1789 - )': the guides "
                              "cite names without titles, degrees, life dates or roles (MLA 9, APA 7, Chicago)")]


def test_a_library_of_congress_heading_loses_its_life_dates_and_role():
    record, findings = parse("Title: Migrant mother\nContributor Names: Lange, Dorothea, 1895-1965, photographer\n"
                             "Created / Published: 1936-03\n")
    assert (record["author"], record["issued"]) == ([{"family": "Lange", "given": "Dorothea"}],
                                                    {"date-parts": [[1936, 3]]})
    assert findings[0].message.startswith("'1895-1965' and 'photographer' left out of the author ")


# --- the labels "Written by", "By", "Site", "Site Title", "Link", "Date", "Updated on", "Modified" ---

ARMISTICE_BY_DOE = {"id": "doe-2009-armistice", "type": "webpage", "author": [JANE_DOE],
                    "container-title": "HISTORY", "issued": {"date-parts": [[2009, 11, 13]]},
                    "title": "The Armistice", "URL": "https://example.org/armistice"}


@pytest.mark.parametrize("text", [
    # colon form, with and without bullets
    "By: Jane Doe\nTitle: The Armistice\nSite: HISTORY\nDate: November 13, 2009\nLink: https://example.org/armistice\n",
    "• By: Jane Doe\n• Title: The Armistice\n• Site: HISTORY\n• Date: November 13, 2009\n"
    "• Link: https://example.org/armistice\n",
    # bulleted without colons: the value has the shape the label promises
    "• By Jane Doe\n• Title The Armistice\n• Site HISTORY\n• Date November 13, 2009\n"
    "• Link https://example.org/armistice\n",
    # the label alone on its line, the value under it
    "Article Details:\n  • By\n    Jane Doe\n  • Title\n    The Armistice\n  • Site\n    HISTORY\n"
    "  • Date\n    November 13, 2009\n  • Link\n    https://example.org/armistice\n",
    # the longer spellings need nothing of that
    "Written by Jane Doe\nTitle: The Armistice\nSite Title HISTORY\nDate: November 13, 2009\n"
    "Link: https://example.org/armistice\n",
])
def test_new_labels(text):
    assert parse(text) == (ARMISTICE_BY_DOE, [])


@pytest.mark.parametrize("text", [
    "Title: The Armistice\nYear Published: 2009\nUpdated on June 29, 2020\n",
    "Title: The Armistice\nYear Published: 2009\nModified: June 29, 2020\n",
    "• Title The Armistice\n• Year Published 2009\n• Modified June 29, 2020\n",
])
def test_updated_on_and_modified_are_last_updated(text):
    record, findings = parse(text)
    assert record["note"] == "Last updated: June 29, 2020"
    assert codes(findings) == [("last-updated-kept-in-note", Severity.INFO, "note", "line 3")]


def test_modified_without_colon_or_bullet_is_text():
    # Without bullets, "Modified June 29, 2020" could as well be a line of a title; it stays text.
    record, _ = parse("Title\nModified June 29, 2020\nYear Published: 2009\n")
    assert record["title"] == "Modified June 29, 2020"
    assert "note" not in record


# Titles that start with a label word: a title, never a label, wherever they sit.
TITLES_WITH_LABEL_WORDS = ["Site of the Battle of Hastings", "Date night in 1920s Paris", "By the People",
                           "Link between diet and mood", "Modified corn in Mexico", "Written in Stone"]


@pytest.mark.parametrize("title", TITLES_WITH_LABEL_WORDS)
@pytest.mark.parametrize("layout", [
    "• Title\n    {title}\n• Author Staff\n",  # bulleted, the value indented under the label
    "Title\n  {title}\nAuthor Staff\n",  # no bullets, indented
    "Title\n{title}\nAuthor: Staff\n",  # no bullets, not indented
    "Title:\n{title}\nAuthor: Staff\n",
    "Title: {title}\nAuthor: Staff\n",
])
def test_a_title_starting_with_a_label_word_is_the_title(title, layout):
    record, findings = parse(layout.format(title=title))
    assert {k: v for k, v in record.items() if k != "id"} == {
        "type": "webpage", "author": [{"literal": "Staff"}], "title": title}
    assert findings == []


@pytest.mark.parametrize("title", TITLES_WITH_LABEL_WORDS[:5])  # "Written by" is a label: "Written in" is not
@pytest.mark.parametrize(("layout", "title_line"), [
    ("Article Details:\n\n{title}\n\n  • Author Staff\n", 3),
    ("Article Details:\n{title}\nAuthor: Staff\n", 2),
])
def test_a_heading_starting_with_a_label_word_is_the_title(title, layout, title_line):
    record, findings = parse(layout.format(title=title))
    assert record["title"] == title
    assert record["author"] == [{"literal": "Staff"}]
    assert codes(findings) == [("title-from-heading", Severity.INFO, "title", f"line {title_line}")]


def test_a_bulleted_line_starting_with_a_label_word_but_no_such_value_is_an_unknown_label():
    text = "• Title The Armistice\n• Date night in 1920s Paris\n• By the People\n• Link to this page: here\n"
    record, findings = parse(text)
    assert record == {"id": "armistice", "type": "webpage", "title": "The Armistice",
                      "note": "Date night in 1920s Paris; By the People; Link to this page: here"}
    assert [f.code for f in findings] == ["unknown-label"] * 3


def test_related_articles_above_a_block_without_header_stay_outside_it():
    page = ("Related:\n  • Date night in 1920s Paris\n  • Site of the Battle of Hastings\n\n"
            "  • By Jane Doe\n  • Title The Armistice\n")
    record, findings = parse(page)
    assert record == {"id": "doe-armistice", "type": "webpage", "author": [JANE_DOE], "title": "The Armistice"}
    assert findings == []


def test_a_byline_in_the_page_above_the_header_is_not_read():
    record, findings = parse(WHOLE_PAGE.replace("By Staff", "By Jane Doe"))
    assert record["author"] == [{"literal": "Staff"}]  # the block's "Author", not the page's byline
    assert findings == []


# --- "Last Updated" -----------------------------------------------------------------------------
# MLA 9, APA 7 and Chicago (its "last modified" date) date a page that gives no publication date
# by its last update; APA 7 also uses the update date when the update changed what is cited.

def test_last_updated_is_the_date_when_the_block_gives_no_publication_date():
    record, findings = parse(HISTORY_CITATION.replace("Original Published Date\n    November 24, 2009", ""))
    assert record["issued"] == {"date-parts": [[2020, 6, 29]]}
    assert "note" not in record  # used as the date, not repeated in note
    assert record["id"] == "history-2020-new"
    assert codes(findings) == [("last-updated-as-date", Severity.INFO, "issued", "line 14")]
    assert findings[0].message == (
        "the block gives no publication date, so 'Last Updated' (June 29, 2020) is used as the publication "
        "date, as MLA 9, APA 7 and Chicago date a page that gives no other date")


def test_an_unreadable_last_updated_used_as_the_date_is_reported_like_any_date():
    record, findings = parse("• Title The Armistice\n• Last Updated\n    last spring\n")
    assert record["issued"] == {"raw": "last spring"}
    assert codes(findings) == [("unparsed-date", Severity.WARNING, "issued", "line 2"),
                               ("last-updated-as-date", Severity.INFO, "issued", "line 2")]


def test_last_updated_after_n_d_is_the_date():
    record, findings = parse("• Title The Armistice\n• Year Published n.d.\n• Last Updated June 29, 2020\n")
    assert record["issued"] == {"date-parts": [[2020, 6, 29]]}
    assert codes(findings) == [("last-updated-as-date", Severity.INFO, "issued", "line 3")]


# --- two publication dates ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "• Title The Armistice\n• Year Published 2009\n• Original Published Date November 13, 2009\n",
    "• Title The Armistice\n• Original Published Date November 13, 2009\n• Year Published 2009\n",
    "Title: The Armistice\nYear Published: November 2009\nDate Published: 2009-11-13\n",
])
def test_two_publication_dates_that_agree_give_the_more_precise_without_a_warning(text):
    record, findings = parse(text)
    assert record["issued"] == {"date-parts": [[2009, 11, 13]]}
    assert findings == []


@pytest.mark.parametrize(("second", "kept"), [
    ("November 13, 2010", [[2009]]),  # another year
    ("2009-12", [[2009, 11]]),  # another month
    ("sometime in 2009", [[2009, 11]]),  # not a date to compare
])
def test_two_publication_dates_that_differ_keep_the_first_and_warn(second, kept):
    first = "2009" if kept == [[2009]] else "November 2009"
    record, findings = parse(f"• Title The Armistice\n• Year Published {first}\n• Date Published {second}\n")
    assert record["issued"] == {"date-parts": kept}
    assert codes(findings) == [("duplicate-label", Severity.WARNING, "issued", "line 3")]


def test_a_third_date_that_differs_from_the_two_that_agree_is_reported_against_the_kept_one():
    record, findings = parse("• Title A\n• Year Published 2009\n• Original Published Date November 13, 2009\n"
                             "• Date Published 2010\n")
    assert record["issued"] == {"date-parts": [[2009, 11, 13]]}
    assert codes(findings) == [("duplicate-label", Severity.WARNING, "issued", "line 4")]
    assert findings[0].message == ("'Date Published' on line 4 ('2010') repeats 'Original Published Date' on "
                                   "line 3 ('November 13, 2009'), which is kept")


def test_a_bulleted_date_label_with_an_ambiguous_date_is_still_the_date_label():
    record, findings = parse("• Title A\n• Date 03/04/2018\n")
    assert record["issued"] == {"raw": "03/04/2018"}
    assert codes(findings) == [("unparsed-date", Severity.WARNING, "issued", "line 2")]


# --- "n.d." -------------------------------------------------------------------------------------
# "n.d." is what APA 7 and Chicago print for no date (MLA 9 leaves the date out): typed as the date, it
# is no date, and each style prints its own form.

@pytest.mark.parametrize("written", ["n.d.", "N.D.", "nd", "no date", "No Date", "undated", "Undated."])
def test_no_date_written_as_the_date_is_no_date(written):
    record, findings = parse(f"• Title The Armistice\n• Year Published\n    {written}\n• Author Staff\n")
    assert record == {"id": "armistice", "type": "webpage", "author": [{"literal": "Staff"}],
                      "title": "The Armistice"}
    assert codes(findings) == [("no-date-marker", Severity.INFO, "issued", "line 2")]
    assert findings[0].message == (f"'{written}' means no date; the field is left empty so each style "
                                   "prints its own no-date form")


def test_no_date_in_other_date_labels():
    record, findings = parse("• Title The Armistice\n• Access Date n.d.\n• Last Updated undated\n")
    assert record == {"id": "armistice", "type": "webpage", "title": "The Armistice"}
    assert [(f.code, f.field, f.message) for f in findings] == [
        ("no-date-marker", "accessed", "'n.d.' means no date; the access date is left empty"),
        ("no-date-marker", "note", "'undated' means no date; there is no update date to keep")]


def test_no_date_next_to_a_real_date_is_not_a_conflict():
    for text in ("• Title A\n• Year Published n.d.\n• Date Published 2009\n",
                 "• Title A\n• Year Published 2009\n• Date Published n.d.\n"):
        record, findings = parse(text)
        assert record["issued"] == {"date-parts": [[2009]]}
        assert findings == []


def test_validate_on_a_no_date_block_says_one_thing_about_the_date(tmp_path):
    import json

    from click.testing import CliRunner

    from citekit.cli import cli

    block = tmp_path / "nd.txt"
    block.write_text("Article Details:\n  • Author Staff\n  • Title\n    The Armistice\n  • Year Published\n"
                     "    n.d.\n  • Access Date\n    March 22, 2018\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(block), "--style", "apa", "--json"])
    assert "Traceback" not in result.output
    about_the_date = [(f["code"], f["severity"]) for f in json.loads(result.stdout) if f["field"] == "issued"]
    # No "could not be read" (unparsed-date, raw-date): the block says there is no date, and validate
    # says what APA 7 does without one.
    assert about_the_date == [("no-date-marker", "info"), ("missing-issued", "warning")]


# --- dates written together on one line ------------------------------------------------------------

def test_history_com_byline_dates_apart_by_a_bar_are_two_dates():
    record, findings = parse("Title: Zimmermann Telegram\n"
                             "Last Updated: March 13, 2023 | Original: January 16, 2017\n")
    assert record["issued"] == {"date-parts": [[2017, 1, 16]]}
    assert record["note"] == "Last updated: March 13, 2023"
    assert codes(findings) == [("last-updated-kept-in-note", Severity.INFO, "note", "line 2")]


def test_a_date_label_inside_a_date_value_says_which_date_it_is():
    record, findings = parse("Title: 1917\nPublished: Updated: 16 January 2017\n")
    assert record["issued"] == {"date-parts": [[2017, 1, 16]]}
    assert codes(findings) == [("last-updated-as-date", Severity.INFO, "issued", "line 2")]


def test_a_bar_in_a_title_is_text():
    record, _ = parse("Title: Lenin | The Russian Revolution\nDate: 2017\n")
    assert record["title"] == "Lenin | The Russian Revolution"


def test_bulleted_byline_dates_apart_by_a_bar_are_two_dates():
    record, _ = parse("Article Details:\n• Title Zimmermann Telegram\n• Website Name HISTORY\n"
                      "• Last Updated: March 13, 2023 | Original: January 16, 2017\n")
    assert (record["container-title"], record["issued"], record["note"]) == (
        "HISTORY", {"date-parts": [[2017, 1, 16]]}, "Last updated: March 13, 2023")


def test_a_bulleted_date_label_inside_a_date_value_keeps_its_line():
    record, _ = parse("Article Details:\n• Title 1917\n• Website Name HISTORY\n• Published: Updated: 16 January 2017\n")
    assert (record["container-title"], record["issued"]) == ("HISTORY", {"date-parts": [[2017, 1, 16]]})


@pytest.mark.parametrize("value", ["Date unknown", "Original release 1998"])
def test_a_date_value_starting_with_a_label_word_without_its_colon_is_the_value(value):
    record, findings = parse(f"Title: Pearl Harbor\nPublished: {value}\nURL: https://example.org/pearl\n")
    assert (record["title"], record["issued"]) == ("Pearl Harbor", {"raw": value})
    assert [f.code for f in findings] == ["unparsed-date"]


@pytest.mark.parametrize("text", [
    'Pipes, Richard. "Vladimir Lenin". Encyclopedia Britannica, 18 Jan. 2025, '
    "https://www.britannica.com/biography/Vladimir-Lenin. Accessed 3 February 2025.",
    "Pipes, R. (2025, January 18). Vladimir Lenin. Encyclopedia Britannica. "
    "https://www.britannica.com/biography/Vladimir-Lenin",
])
def test_a_finished_citation_is_refused_as_one(text):
    with pytest.raises(CitekitError) as caught:
        parse_article_details(text, source="cite.txt")
    assert str(caught.value) == (
        "cite.txt: this looks like a finished citation, not an 'Article Details' block: citekit reads a source's "
        "details, not a citation already written in a style (paste the labelled block ('Citation Information', "
        "'Article Details'), or save the page (citekit parse page.html) or give its URL)")


def test_text_without_labels_or_a_citation_shape_gets_the_labels_it_looked_for():
    with pytest.raises(CitekitError) as caught:
        parse_article_details("just some words about Lenin\n", source="notes.txt")
    assert str(caught.value).startswith("notes.txt: no 'Article Details' labels found (looked for Author, Title, ")


def test_a_value_that_runs_on_for_thousands_of_lines_is_refused_with_its_label_and_line():
    # A block pasted with a million lines under it and no blank line: one "author" of 8 MB used 2.7 GB.
    text = "Article Details:\n• Title Lenin\n• Author Staff\n" + "\n".join(f"x {i}" for i in range(5000))
    with pytest.raises(CitekitError) as caught:
        parse_article_details(text, source="page.txt")
    assert str(caught.value) == ("page.txt: the value of 'Author' runs on for 5,001 lines, from line 3 (end the "
                                 "block with a blank line after its last value, or paste the block alone)")


def test_a_title_over_a_few_lines_is_still_read():
    record, _ = parse("Title:\n" + "\n".join(["Lenin and the armistice"] * 20) + "\nURL: https://example.org/x\n")
    assert record["title"] == " ".join(["Lenin and the armistice"] * 20)

"""The Chicago style patches (render/style_patches_chicago.py): each patch on a small CSL text with
exact expected values and on texts it does not fit, then end to end through both engines."""

from __future__ import annotations

import pytest

from citekit.render import render_citations
from citekit.render.rules import RenderOptions, patch_style
from citekit.render.style_patches_chicago import (
    ISSUED_MONTH_FLAG,
    chicago17_author_date_full_date,
    chicago_book_edition_after_editors,
    chicago_edition_after_editors,
    flag_issued_with_month,
)
from citekit.render.styles import resolve_style

ENGINES = ("pandoc", "citeproc-py")


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CITEKIT_CACHE_DIR", str(folder))
    return folder


def one(record: dict, style: str, **options) -> str:
    [entry] = render_citations([record], style, fmt="markdown", **options)
    return entry.text


# --- Chicago 17 author-date: the year repeated in a full date -----------------------------------

MONTH_DAY = ('<macro name="date-issued-month-day">\n    <date variable="issued">\n'
             '      <date-part name="month"/>\n      <date-part name="day" prefix=" "/>\n    </date>\n  </macro>')
FULL = '<macro name="date-issued-full">\n    <date form="text" variable="issued"/>\n  </macro>'
SERIAL = '<macro name="source-date-specific-title-first"><text macro="source-date-issued-full-serial"/></macro>'
SERIAL_IN_COMMENT = ('<macro name="source-date-specific-title-first"><text macro="source-date-issued-month-day"/>'
                     '<!-- <text macro="source-date-issued-full-serial"/> --></macro>')


def test_chicago17_full_date_patch_guards_the_month_day_macro():
    csl = f"<style>{SERIAL}{FULL}{MONTH_DAY}</style>"
    assert chicago17_author_date_full_date(csl) == (
        f'<style>{SERIAL}{FULL}<macro name="date-issued-month-day">'
        '<choose><if variable="citekit-issued-has-month"><text macro="date-issued-full"/></if><else>'
        '<date variable="issued">\n      <date-part name="month"/>\n      <date-part name="day" prefix=" "/>\n'
        '    </date></else></choose></macro></style>')


@pytest.mark.parametrize("csl", [
    f"<style>{SERIAL_IN_COMMENT}{FULL}{MONTH_DAY}</style>",  # the 18th edition: periodicals get month and day
    f"<style>{SERIAL}{MONTH_DAY}</style>",  # no full-date macro to call
    f"<style>{SERIAL}{FULL}</style>",  # no month-day macro
    "<style></style>",
])
def test_chicago17_full_date_patch_does_not_fit_other_files(csl):
    assert chicago17_author_date_full_date(csl) is None


def test_chicago17_full_date_patch_fits_the_17th_edition_author_date_file_only():
    ad17 = resolve_style("chicago-author-date-17").path.read_text(encoding="utf-8")
    patched = chicago17_author_date_full_date(ad17)
    assert patched is not None and patched.count(ISSUED_MONTH_FLAG) == 1
    assert chicago17_author_date_full_date(patched) is None  # the macro is guarded once, and only once
    for name in ("chicago-author-date", "chicago", "chicago-17"):
        assert chicago17_author_date_full_date(resolve_style(name).path.read_text(encoding="utf-8")) is None
    _, disabled = patch_style(resolve_style("chicago-author-date"), RenderOptions(family="chicago"))
    assert "chicago-17-author-date-full-date" in disabled


@pytest.mark.parametrize("issued, flagged", [
    ({"date-parts": [[2019, 10, 31]]}, True), ({"date-parts": [[2021, 6]]}, True),
    ({"date-parts": [[2011]], "season": 3}, True), ({"date-parts": [[2019, 10, 31], [2019, 11, 2]]}, True),
    ({"date-parts": [[2018]]}, False), ({"literal": "c. 1920"}, False), (None, False),
])
def test_the_month_flag_is_set_for_dates_with_a_month_or_season(issued, flagged):
    item = {"id": "x", "type": "webpage"} if issued is None else {"id": "x", "type": "webpage", "issued": issued}
    flag_issued_with_month(item)
    assert (ISSUED_MONTH_FLAG in item) is flagged


@pytest.mark.parametrize("issued, flagged", [
    # Dates given as text, as the guide cases and a CSL-JSON file may give them, read as the model reads them.
    ("2019-10-31", True), ("2021-06", True), ("Fall 2011", True), ("2011-23", True), ("October 31, 2019", True),
    ("2018", False), ({"raw": "Fall 2011"}, True), ({"raw": "2018"}, False),
])
def test_the_month_flag_reads_dates_given_as_text(issued, flagged):
    item = {"id": "x", "type": "webpage", "issued": issued}
    flag_issued_with_month(item)
    assert (ISSUED_MONTH_FLAG in item) is flagged


WEB_PAGE = {"id": "bologna", "type": "webpage", "title": "Why some people with anxiety love watching horror movies",
            "author": [{"family": "Bologna", "given": "Caroline"}], "container-title": "HuffPost",
            "URL": "https://www.huffpost.com/entry/anxiety-horror-movies"}
BOLOGNA = "Bologna, Caroline. 2019. “Why Some People with Anxiety Love Watching Horror Movies.” HuffPost, {}"
URL = " https://www.huffpost.com/entry/anxiety-horror-movies."


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("issued, date17, date18", [
    ([2019, 10, 31], "October 31, 2019.", "October 31."),
    ([2019, 6], "June 2019.", "June."),
])
def test_chicago17_author_date_web_page_repeats_the_year(engine, issued, date17, date18):
    page = {**WEB_PAGE, "issued": {"date-parts": [issued]}}
    assert one(page, "chicago-author-date-17", engine=engine) == BOLOGNA.format(date17) + URL
    assert one(page, "chicago-author-date", engine=engine) == BOLOGNA.format(date18) + URL
    off = frozenset({"chicago-17-author-date-full-date"})
    assert one(page, "chicago-author-date-17", engine=engine, disabled_rules=off) == BOLOGNA.format(date18) + URL


def test_chicago17_author_date_web_page_dated_as_text_repeats_the_year():
    # A date as EDTF text, as the guide cases give it (pandoc reads it; citeproc-py gets dates from the
    # model's objects, as the CLI hands them over, and is checked with date-parts above).
    page = {**WEB_PAGE, "issued": "2019-10-31"}
    assert one(page, "chicago-author-date-17") == BOLOGNA.format("October 31, 2019.") + URL


@pytest.mark.parametrize("engine", ENGINES)
def test_chicago17_author_date_year_only_web_page_gives_the_year_once(engine):
    page = {**WEB_PAGE, "issued": {"date-parts": [[2019]]}}
    expected = "Bologna, Caroline. 2019. “Why Some People with Anxiety Love Watching Horror Movies.” HuffPost." + URL
    assert one(page, "chicago-author-date-17", engine=engine) == expected


# --- Editors before the edition (Chicago 17 and 18) ---------------------------------------------

IDENTIFIER = ('<macro name="source-monographic-identifier-{form}"><group delimiter=", ">'
              '<text macro="label-version"/>\n<text macro="identifier-edition-note"/>\n'
              '<text macro="source-monographic-identifier-contributors-and-volume-{form}"/></group></macro>')
CONTRIBUTORS = ('<macro name="source-monographic-identifier-contributors-and-volume-{form}"><group delimiter=", ">'
                '<text macro="identifier-volume-note"/>'
                '<text macro="source-monographic-identifier-contributors-{form}"/>'
                '<text macro="label-number-of-volumes"/></group></macro>')


def test_edition_patch_moves_the_edition_after_the_contributors():
    csl = "<style>" + "".join(part.format(form=form) for form in ("bib", "note")
                              for part in (IDENTIFIER, CONTRIBUTORS)) + "</style>"
    expected = "<style>" + "".join(
        '<macro name="source-monographic-identifier-{form}"><group delimiter=", ">'
        '<text macro="label-version"/>\n'
        '\n<text macro="source-monographic-identifier-contributors-and-volume-{form}"/></group></macro>'
        '<macro name="source-monographic-identifier-contributors-and-volume-{form}"><group delimiter=", ">'
        '<text macro="identifier-volume-note"/><text macro="source-monographic-identifier-contributors-{form}"/>'
        '<text macro="identifier-edition-note"/><text macro="label-number-of-volumes"/></group></macro>'
        .format(form=form) for form in ("bib", "note")) + "</style>"
    assert chicago_edition_after_editors(csl) == expected


@pytest.mark.parametrize("csl", [
    "<style></style>",
    # the edition already after the contributors (a patched or newer file)
    "<style>" + IDENTIFIER.format(form="bib").replace(
        '<text macro="identifier-edition-note"/>\n<text macro="source-monographic-identifier-contributors-and-volume'
        '-bib"/>', '<text macro="source-monographic-identifier-contributors-and-volume-bib"/>'
        '<text macro="identifier-edition-note"/>') + CONTRIBUTORS.format(form="bib") + "</style>",
    # the contributors macro is called from elsewhere too
    "<style>" + IDENTIFIER.format(form="bib") + CONTRIBUTORS.format(form="bib")
    + '<macro name="other"><text macro="source-monographic-identifier-contributors-and-volume-bib"/></macro></style>',
    # the called macro does not print the contributors
    "<style>" + IDENTIFIER.format(form="bib") + CONTRIBUTORS.format(form="bib").replace(
        "source-monographic-identifier-contributors-bib", "something-else") + "</style>",
])
def test_edition_patch_does_not_fit_other_shapes(csl):
    assert chicago_edition_after_editors(csl) is None


@pytest.mark.parametrize("name", ["chicago", "chicago-17", "chicago-author-date", "chicago-author-date-17"])
def test_edition_patch_fits_the_chicago_files(name):
    text = resolve_style(name).path.read_text(encoding="utf-8")
    patched = chicago_edition_after_editors(text)
    assert patched is not None and patched.count('<text macro="identifier-edition-note"/>') == \
        text.count('<text macro="identifier-edition-note"/>')
    assert chicago_edition_after_editors(patched) is None


CHAPTER = {"id": "price", "type": "chapter", "title": "Sampling", "author": [{"family": "Price", "given": "Helen"}],
           "container-title": "Research methods in education",
           "editor": [{"family": "Cohen", "given": "Louis"}, {"family": "Manion", "given": "Lawrence"}],
           "edition": "8", "page": "202-227", "publisher": "Routledge", "publisher-place": "London",
           "issued": {"date-parts": [[2018]]}}
BOOK = "*Research Methods in Education*"
EDITORS = "Louis Cohen and Lawrence Manion, 8th ed."


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("style, mode, expected", [
    ("chicago", "bib", f"Price, Helen. “Sampling.” In {BOOK}, edited by {EDITORS} Routledge, 2018."),
    ("chicago", "note", f"Helen Price, “Sampling,” in {BOOK}, ed. {EDITORS} (Routledge, 2018)."),
    ("chicago-author-date", "bib", f"Price, Helen. 2018. “Sampling.” In {BOOK}, edited by {EDITORS} Routledge."),
    ("chicago-17", "bib", f"Price, Helen. “Sampling.” In {BOOK}, edited by {EDITORS}, 202–27. London: Routledge, 2018."),
    ("chicago-17", "note", f"Helen Price, “Sampling,” in {BOOK}, ed. {EDITORS} (London: Routledge, 2018), 202–27."),
    ("chicago-author-date-17", "bib",
     f"Price, Helen. 2018. “Sampling.” In {BOOK}, edited by {EDITORS}, 202–27. London: Routledge."),
])
def test_chapter_in_a_book_with_an_edition_names_the_editors_first(engine, style, mode, expected):
    assert one(CHAPTER, style, mode=mode, engine=engine) == expected


def test_edition_rule_switched_off_leaves_the_file_order():
    off = frozenset({"chicago-edition-after-editors"})
    assert one(CHAPTER, "chicago", disabled_rules=off) == (
        "Price, Helen. “Sampling.” In *Research Methods in Education*, 8th ed., edited by Louis Cohen and "
        "Lawrence Manion. Routledge, 2018.")


# --- A whole book's editor or translator before its edition (Chicago 17 and 18) ------------------

BOOK_IDENTIFIER = ('<macro name="identifier-{form}"><group delimiter=". "><choose><if type="patent"/><else>'
                   '<text macro="identifier-edition-{form}"/>\n<text macro="identifier-contributors-and-volume-{form}"/>'
                   '</else></choose></group></macro>')
VOLUMES = "number-of-volumes part-number part-title volume volume-title"


def test_book_edition_patch_prints_a_books_edition_after_the_contributors():
    csl = "<style>" + BOOK_IDENTIFIER.format(form="bib") + BOOK_IDENTIFIER.format(form="note") + "</style>"
    expected = "<style>" + "".join(
        '<macro name="identifier-{form}"><group delimiter=". "><choose><if type="patent"/><else>'
        '<choose><if type="book"><choose><if match="any" variable="{v}"><text macro="identifier-edition-{form}"/>'
        '</if></choose></if><else><text macro="identifier-edition-{form}"/></else></choose>\n'
        '<text macro="identifier-contributors-and-volume-{form}"/>\n'
        '<choose><if type="book"><choose><if match="none" variable="{v}"><text macro="identifier-edition-{form}"/>'
        '</if></choose></if></choose></else></choose></group></macro>'.format(form=form, v=VOLUMES)
        for form in ("bib", "note")) + "</style>"
    assert chicago_book_edition_after_editors(csl) == expected
    assert chicago_book_edition_after_editors(expected) is None


@pytest.mark.parametrize("csl", [
    "<style></style>",
    "<style>" + BOOK_IDENTIFIER.format(form="note") + "</style>",  # no bibliography macro
    # the edition after the contributors already
    "<style>" + BOOK_IDENTIFIER.format(form="bib").replace(
        '<text macro="identifier-edition-bib"/>\n<text macro="identifier-contributors-and-volume-bib"/>',
        '<text macro="identifier-contributors-and-volume-bib"/><text macro="identifier-edition-bib"/>') + "</style>",
    # two such calls in the macro
    "<style>" + BOOK_IDENTIFIER.format(form="bib").replace(
        "</else>", '<text macro="identifier-edition-bib"/><text macro="identifier-contributors-and-volume-bib"/>'
        "</else>") + "</style>",
    # the bibliography macro calling the note forms
    "<style>" + BOOK_IDENTIFIER.format(form="note").replace('name="identifier-note"', 'name="identifier-bib"')
    + "</style>",
])
def test_book_edition_patch_does_not_fit_other_shapes(csl):
    assert chicago_book_edition_after_editors(csl) is None


@pytest.mark.parametrize("name", ["chicago", "chicago-17", "chicago-author-date", "chicago-author-date-17"])
def test_book_edition_patch_fits_the_chicago_files(name):
    text = resolve_style(name).path.read_text(encoding="utf-8")
    patched = chicago_book_edition_after_editors(text)
    assert patched is not None and chicago_book_edition_after_editors(patched) is None
    assert chicago_book_edition_after_editors(resolve_style("apa").path.read_text(encoding="utf-8")) is None


TRANSLATED = {"id": "b", "type": "book", "title": "The second sex",
              "author": [{"family": "Beauvoir", "given": "Simone", "dropping-particle": "de"}],
              "translator": [{"family": "Borde", "given": "Constance"},
                             {"family": "Malovany-Chevallier", "given": "Sheila"}],
              "edition": "4", "publisher": "Vintage Books", "publisher-place": "New York",
              "issued": {"date-parts": [[2011]]}}
SEX = "*The Second Sex*"
TRANS = "Constance Borde and Sheila Malovany-Chevallier"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("style, mode, expected", [
    ("chicago", "bib", f"Beauvoir, Simone de. {SEX}. Translated by {TRANS}. 4th ed. Vintage Books, 2011."),
    ("chicago", "note", f"Simone de Beauvoir, {SEX}, trans. {TRANS}, 4th ed. (Vintage Books, 2011)."),
    ("chicago-author-date", "bib", f"Beauvoir, Simone de. 2011. {SEX}. Translated by {TRANS}. 4th ed. Vintage Books."),
    ("chicago-17", "bib", f"Beauvoir, Simone de. {SEX}. Translated by {TRANS}. 4th ed. New York: Vintage Books, 2011."),
    ("chicago-17", "note", f"Simone de Beauvoir, {SEX}, trans. {TRANS}, 4th ed. (New York: Vintage Books, 2011)."),
    ("chicago-author-date-17", "bib",
     f"Beauvoir, Simone de. 2011. {SEX}. Translated by {TRANS}. 4th ed. New York: Vintage Books."),
])
def test_translated_book_with_an_edition_names_the_translators_first(engine, style, mode, expected):
    assert one(TRANSLATED, style, mode=mode, engine=engine) == expected


EDITED = {"id": "shelley", "type": "book", "title": "Frankenstein", "author": [{"family": "Shelley", "given": "Mary"}],
          "editor": [{"family": "Hunter", "given": "J. Paul"}], "edition": "2", "publisher": "W. W. Norton",
          "issued": {"date-parts": [[2012]]}}
HANDBOOK = {"id": "ritchie", "type": "book", "title": "The Oxford handbook of oral history",
            "editor": [{"family": "Ritchie", "given": "Donald A."}], "edition": "2",
            "publisher": "Oxford University Press", "issued": {"date-parts": [[2011]]}}
PLAIN = {"id": "jackson", "type": "book", "title": "The psychology of prejudice",
         "author": [{"family": "Jackson", "given": "Lynne M."}], "edition": "2",
         "publisher": "American Psychological Association", "issued": {"date-parts": [[2019]]}}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("record, mode, expected", [
    (EDITED, "bib", "Shelley, Mary. *Frankenstein*. Edited by J. Paul Hunter. 2nd ed. W. W. Norton, 2012."),
    (EDITED, "note", "Mary Shelley, *Frankenstein*, ed. J. Paul Hunter, 2nd ed. (W. W. Norton, 2012)."),
    (HANDBOOK, "bib", "Ritchie, Donald A., ed. *The Oxford Handbook of Oral History*. 2nd ed. "
                      "Oxford University Press, 2011."),
    (HANDBOOK, "note", "Donald A. Ritchie, ed., *The Oxford Handbook of Oral History*, 2nd ed. "
                       "(Oxford University Press, 2011)."),
    (PLAIN, "bib", "Jackson, Lynne M. *The Psychology of Prejudice*. 2nd ed. American Psychological Association, 2019."),
    (PLAIN, "note", "Lynne M. Jackson, *The Psychology of Prejudice*, 2nd ed. (American Psychological Association, 2019)."),
])
def test_book_edition_moves_only_after_an_editor_who_is_not_the_author(engine, record, mode, expected):
    assert one(record, "chicago", mode=mode, engine=engine) == expected


def test_book_edition_rule_switched_off_leaves_the_file_order():
    off = frozenset({"chicago-book-edition-after-editors"})
    assert one(TRANSLATED, "chicago", disabled_rules=off) == (
        f"Beauvoir, Simone de. {SEX}. 4th ed. Translated by {TRANS}. Vintage Books, 2011.")

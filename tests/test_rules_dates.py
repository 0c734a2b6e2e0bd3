"""Dates as typed and seasons: rules unreadable-date-as-written, season-fall-in-american-english and
mla-season-lowercase (render/rules_dates.py, render/style_patches.py), with both engines.

Expected strings follow the guides: a date the source gives in a form citekit cannot read for sure
("03/04/2018": March 4 or 3 April) is printed once, as the source gives it; an approximate year is
APA 7 "(ca. 1920)", MLA 9 "c. 1920", Chicago "ca. 1920"; seasons are capitalised by APA 7 ("(2011,
Fall)") and Chicago ("Fall 2011") and lower-cased by MLA 9 in the works-cited list ("fall 2011"), and
American English, which the three guides write, says "Fall", not "Autumn".
"""

from __future__ import annotations

import pytest

from citekit.render import render_citations
from citekit.render.rules import RenderOptions, apply_guide_rules
from citekit.render.rules_dates import read_typed_date
from citekit.render.style_patches import american_fall, literal_dates_need_a_year, mla_season_lowercase

ENGINES = ("pandoc", "citeproc-py")
PAGE = {"id": "p", "type": "webpage", "title": "Some page", "container-title": "HISTORY",
        "URL": "https://www.history.com/x"}
BOOK = {"id": "h", "type": "book", "title": "Hints for the home garden",
        "author": [{"family": "Hale", "given": "Edith"}], "publisher": "Seed Growers' Association"}
MAGAZINE = {"id": "r", "type": "article-magazine", "title": "Notes from a seasonal kitchen",
            "author": [{"family": "Rivera", "given": "Lena"}], "container-title": "Example Quarterly",
            "volume": "12", "issue": "3", "page": "34-39"}


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEKIT_CACHE_DIR", str(tmp_path / "cache"))


def one(record: dict, style: str, engine: str, mode: str = "bib", **options) -> str:
    [entry] = render_citations([record], style, mode=mode, fmt="markdown", engine=engine, **options)
    return entry.text


def prepared(item: dict, family: str | None) -> dict:
    [copy] = apply_guide_rules([{"id": "x", **item}], RenderOptions(family=family))
    return copy


# --- Reading what was typed -----------------------------------------------------------------------

@pytest.mark.parametrize("text, family, expected", [
    ("03/04/2018", "mla", {"literal": "03/04/2018"}),  # day and month either way round: as typed
    ("13/04/2018", "mla", {"date-parts": [[2018, 4, 13]]}),  # only one reading
    ("March 22, 2018", None, {"date-parts": [[2018, 3, 22]]}),
    ("2001/2003", "apa", {"date-parts": [[2001], [2003]]}),
    ("1920s", "chicago", {"literal": "1920s"}),
    ("c. 1920", "apa", {"date-parts": [[1920]], "circa": True}),
    ("circa 1920", "mla", {"literal": "c. 1920"}),
    ("[ca 1920]", "chicago", {"literal": "ca. 1920"}),
    ("c. 1920", None, {"literal": "c. 1920"}),  # a style citekit has no guide for: as typed
    ("Fall 2011", "mla", {"date-parts": [[2011]], "season": 3}),
    ("autumn, 2011", "apa", {"date-parts": [[2011]], "season": 3}),
    ("  ", "mla", None),
])
def test_a_typed_date_is_read_as_the_parser_reads_it_or_kept_as_written(text, family, expected):
    assert read_typed_date(text, family) == expected


def test_the_rule_changes_only_raw_dates_in_the_copy():
    item = {"type": "webpage", "issued": {"raw": "03/04/2018"}, "accessed": {"raw": "March 22, 2018"},
            "original-date": {"date-parts": [[1990]], "raw": "about 1990"}, "event-date": {"literal": "June 2019"}}
    copy = prepared(item, "mla")
    assert copy["issued"] == {"literal": "03/04/2018"}
    assert copy["original-date"] == {"date-parts": [[1990]], "raw": "about 1990"}  # date-parts win
    assert copy["event-date"] == {"literal": "June 2019"}
    assert item["issued"] == {"raw": "03/04/2018"}
    assert prepared({"type": "book", "issued": {"raw": "n.d."}}, "apa").get("issued") is None  # n.d. is no date


# --- Unreadable dates: printed once, as typed ----------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_an_ambiguous_numeric_date_is_printed_as_typed_never_guessed(engine):
    page = {**PAGE, "issued": {"raw": "03/04/2018"}}
    assert one(page, "mla", engine) == "“Some Page.” *HISTORY*, 03/04/2018, www.history.com/x."
    assert one(page, "apa", engine) == "*Some page*. (03/04/2018). HISTORY. https://www.history.com/x"
    assert one(page, "apa", engine, "intext") == "(*Some Page*, 03/04/2018)"
    assert one(page, "chicago", engine) == "HISTORY. “Some Page.” 03/04/2018. https://www.history.com/x."
    assert one(page, "chicago-author-date", engine) == (
        "HISTORY. 03/04/2018. “Some Page.” https://www.history.com/x.")


def test_without_the_rule_pandoc_guesses_the_month():
    page = {**PAGE, "issued": {"raw": "03/04/2018"}}
    off = frozenset({"unreadable-date-as-written"})
    assert one(page, "mla", "pandoc", disabled_rules=off) == (
        "“Some Page.” *HISTORY*, 4 Mar. 2018, www.history.com/x.")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_readable_typed_date_is_formatted_by_the_style(engine):
    page = {**PAGE, "issued": {"raw": "March 22, 2018"}}
    assert one(page, "mla", engine) == "“Some Page.” *HISTORY*, 22 Mar. 2018, www.history.com/x."
    assert one(page, "apa", engine) == "*Some page*. (2018, March 22). HISTORY. https://www.history.com/x"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("typed", ["c. 1920", "ca. 1920", "circa 1920"])
def test_an_approximate_year_is_written_as_each_guide_writes_it(engine, typed):
    page = {**PAGE, "issued": {"raw": typed}}
    assert one(page, "apa", engine) == "*Some page*. (ca. 1920). HISTORY. https://www.history.com/x"
    assert one(page, "apa", engine, "intext") == "(*Some Page*, ca. 1920)"
    assert one(page, "mla", engine) == "“Some Page.” *HISTORY*, c. 1920, www.history.com/x."
    assert one(page, "chicago", engine) == "HISTORY. “Some Page.” ca. 1920. https://www.history.com/x."
    assert one(page, "chicago-author-date", engine) == "HISTORY. ca. 1920. “Some Page.” https://www.history.com/x."
    book = {**BOOK, "issued": {"raw": typed}}
    assert one(book, "apa", engine) == "Hale, E. (ca. 1920). *Hints for the home garden*. Seed Growers’ Association."
    assert one(book, "mla", engine) == "Hale, Edith. *Hints for the Home Garden*. Seed Growers’ Association, c. 1920."
    assert one(book, "chicago", engine, "note") == (
        "Edith Hale, *Hints for the Home Garden* (Seed Growers’ Association, ca. 1920).")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_literal_date_is_printed_once_even_with_every_rule_off(engine):
    # citeproc-js prints a literal date only from a date element that prints the year; both engines
    # printed it from APA's month-and-day element too: "(c. 1920, c. 1920)".
    from citekit.render.rules import RULE_CODES

    page = {**PAGE, "issued": {"literal": "c. 1920"}}
    off = frozenset(RULE_CODES)
    assert one(page, "apa", engine, disabled_rules=off) == (
        "*Some page*. (c. 1920). HISTORY. https://www.history.com/x")
    assert one(page, "chicago-author-date", engine, disabled_rules=off) == (
        "HISTORY. c. 1920. “Some Page.” https://www.history.com/x.")
    dated = {**PAGE, "issued": {"date-parts": [[2018, 3, 4]]}}
    assert one(dated, "apa", engine) == "*Some page*. (2018, March 4). HISTORY. https://www.history.com/x"


def test_the_literal_date_patch_skips_only_date_elements_without_a_year():
    csl = ('<macro name="d"><group delimiter=", ">'
           '<date variable="issued"><date-part name="year"/></date>'
           '<date variable="issued"><date-part name="month"/><date-part name="day" prefix=" "/></date>'
           '<date form="text" variable="accessed"/><date form="text" variable="issued" date-parts="year-month">'
           '<date-part name="month" form="short"/></date></group></macro>')
    assert literal_dates_need_a_year(csl) == csl.replace(
        '<date variable="issued"><date-part name="month"/><date-part name="day" prefix=" "/></date>',
        '<choose><if variable="citekit-literal-issued" match="none"><date variable="issued"><date-part name="month"/>'
        '<date-part name="day" prefix=" "/></date></if></choose>')


# --- Seasons ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("issued", [{"date-parts": [[2011]], "season": 3}, {"date-parts": [[2011, 23]]},
                                    {"raw": "Fall 2011"}, {"raw": "autumn 2011"}])
def test_season_three_is_fall_capitalised_by_apa_and_chicago_lower_case_in_mla(engine, issued):
    magazine = {**MAGAZINE, "issued": issued}
    assert one(magazine, "mla", engine) == (
        "Rivera, Lena. “Notes from a Seasonal Kitchen.” *Example Quarterly*, vol. 12, no. 3, fall 2011, pp. 34-39.")
    assert one(magazine, "apa", engine) == (
        "Rivera, L. (2011, Fall). Notes from a seasonal kitchen. *Example Quarterly*, *12*(3), 34–39.")
    assert one(magazine, "apa", engine, "intext") == "(Rivera, 2011)"
    assert one(magazine, "chicago", engine) == (
        "Rivera, Lena. “Notes from a Seasonal Kitchen.” *Example Quarterly*, Fall 2011.")
    assert one(magazine, "chicago", engine, "note") == (
        "Lena Rivera, “Notes from a Seasonal Kitchen,” *Example Quarterly*, Fall 2011.")


@pytest.mark.parametrize("engine", ENGINES)
def test_mla_lower_cases_every_season(engine):
    expected = "Rivera, Lena. “Notes from a Seasonal Kitchen.” *Example Quarterly*, vol. 12, no. 3, {} pp. 34-39."
    for season, name in ((1, "spring 2001,"), (2, "summer 2001,"), (4, "winter 2001,")):
        magazine = {**MAGAZINE, "issued": {"date-parts": [[2001]], "season": season}}
        assert one(magazine, "mla", engine) == expected.format(name)
    journal = {**MAGAZINE, "type": "article-journal", "issued": {"date-parts": [[2001, 21]]}}
    assert one(journal, "mla", engine) == expected.format("spring 2001,")
    off = frozenset({"mla-season-lowercase"})
    assert one(journal, "mla", engine, disabled_rules=off) == expected.format("Spring 2001,")


@pytest.mark.parametrize("engine", ENGINES)
def test_british_english_keeps_autumn(engine):
    magazine = {**MAGAZINE, "issued": {"date-parts": [[2011]], "season": 3}}
    assert one(magazine, "chicago", engine, locale="en-GB").endswith("*Example Quarterly*, Autumn 2011.")
    assert "autumn 2011" in one(magazine, "mla", engine, locale="en-GB")
    off = frozenset({"season-fall-in-american-english"})
    assert one(magazine, "chicago", engine, disabled_rules=off).endswith("*Example Quarterly*, Autumn 2011.")


def test_season_patches_add_terms_without_disturbing_the_style():
    style = '<style><info></info>\n  <locale xml:lang="en">\n    <terms>\n      <term name="x">y</term>'
    fall = american_fall(style + "</terms></locale></style>")
    assert fall == (style + '</terms></locale>\n  <locale xml:lang="en-US"><terms><term name="season-03">Fall</term>'
                    '</terms></locale>\n  <locale xml:lang="en-GB"><terms><term name="season-03">Autumn</term>'
                    "</terms></locale></style>")
    lowered = mla_season_lowercase(fall)
    assert '<term name="season-03">fall</term>' in lowered and '<term name="season-03">autumn</term>' in lowered
    assert ('<locale xml:lang="en">\n    <terms><term name="season-01">spring</term><term name="season-02">summer'
            '</term><term name="season-03">autumn</term><term name="season-04">winter</term>') in lowered
    assert american_fall("<style></style>") is None and mla_season_lowercase("<style></style>") is None

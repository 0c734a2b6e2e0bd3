"""The citeproc-py engine: expected strings follow APA 7, MLA 9 and Chicago (17th/18th) rules."""

from __future__ import annotations

import warnings

import pytest

from citekit.errors import CitekitError
from citekit.model import record_from_csl
from citekit.render import Rendered, render_citations
from citekit.render.citeproc_py_engine import (CiteprocPyEngine, american_punctuation, citeproc_item,
                                               marked_to_nodes)
from citekit.render.engine import Citing, get_engine
from citekit.render.richtext import Link, Str, Styled, to_html, to_markdown, to_text
from citekit.render.styles import resolve_style

WHITE_TEETH = {"id": "Smith2000", "type": "book", "title": "White Teeth",
               "author": [{"family": "Smith", "given": "Zadie"}], "publisher": "Hamish Hamilton",
               "issued": {"date-parts": [[2000]]}}
ON_BEAUTY = {"id": "Smith2005", "type": "book", "title": "On Beauty",
             "author": [{"family": "Smith", "given": "Zadie"}], "publisher": "Hamish Hamilton",
             "issued": {"date-parts": [[2005]]}}
ADAMS = {"id": "Adams2001", "type": "book", "title": "Watership Down",
         "author": [{"family": "Adams", "given": "Richard"}], "publisher": "Rex Collings",
         "issued": {"date-parts": [[2001]]}}
BROWN = {"id": "Brown1999", "type": "book", "title": "Angels and Demons",
         "author": [{"family": "Brown", "given": "Dan"}], "publisher": "Pocket Books",
         "issued": {"date-parts": [[1999]]}}
LENIN_URL = "https://www.history.com/this-day-in-history/new-russian-leader-lenin-calls-for-immediate-armistice"
LENIN = {"id": "lenin-armistice", "type": "webpage",
         "title": "New Russian Leader Lenin Calls for Immediate Armistice",
         "author": [{"literal": "HISTORY.com Editors"}], "container-title": "HISTORY",
         "publisher": "A+E Networks", "URL": LENIN_URL, "issued": {"date-parts": [[2009, 11, 24]]}}
ARTICLE = {"id": "Lee2019", "type": "article-journal", "title": "Reading Maps",
           "author": [{"family": "Lee", "given": "Min"}], "container-title": "Cartographica",
           "volume": "54", "issue": "2", "page": "101-119", "issued": {"date-parts": [[2019]]},
           "DOI": "10.3138/cart.54.2.2018-0010"}

ENGINE = CiteprocPyEngine()


def render(items, style="apa", mode="bib", locator=None, label="page", locale="en-US"):
    return ENGINE.render(items, resolve_style(style), Citing(mode=mode, locator=locator, label=label), locale)


def texts(items, **kwargs):
    return [to_text(entry.text) for entry in render(items, **kwargs)]


# --- APA 7 -------------------------------------------------------------------------------------

def test_apa_book_reference_as_text_html_and_tree():
    (entry,) = render([WHITE_TEETH])
    assert entry.record_id == "Smith2000"  # citeproc-py lower-cases ids; ours come back as written
    assert to_text(entry.text) == "Smith, Z. (2000). White Teeth. Hamish Hamilton."
    assert to_html(entry.text) == "Smith, Z. (2000). <i>White Teeth</i>. Hamish Hamilton."
    assert entry.text.nodes == [Str("Smith, Z. (2000). "), Styled("emph", (Str("White Teeth"),)),
                                Str(". Hamish Hamilton.")]


def test_apa_in_text_with_page_and_chapter_locators():
    assert texts([WHITE_TEETH], mode="intext", locator="23") == ["(Smith, 2000, p. 23)"]
    # APA 7 §8.13: labels other than page and paragraph are written out.
    assert texts([WHITE_TEETH], mode="intext", locator="4", label="chapter") == ["(Smith, 2000, Chapter 4)"]
    assert texts([WHITE_TEETH], mode="intext", locator="4", label="paragraph") == ["(Smith, 2000, para. 4)"]


def test_apa_reference_list_sorted_by_author_then_year():
    entries = render([ON_BEAUTY, BROWN, WHITE_TEETH, ADAMS])
    assert [e.record_id for e in entries] == ["Adams2001", "Brown1999", "Smith2000", "Smith2005"]


def test_in_text_citations_keep_input_order():
    entries = render([WHITE_TEETH, ADAMS], mode="intext")
    assert [(e.record_id, to_text(e.text)) for e in entries] == [
        ("Smith2000", "(Smith, 2000)"), ("Adams2001", "(Adams, 2001)")]


def test_markup_in_a_title_stays_text():
    item = {**WHITE_TEETH, "title": "White Teeth <script>alert(1)</script>"}
    (entry,) = render([item])
    assert to_text(entry.text) == "Smith, Z. (2000). White Teeth <script>alert(1)</script>. Hamish Hamilton."
    assert to_html(entry.text) == ("Smith, Z. (2000). <i>White Teeth &lt;script&gt;alert(1)&lt;/script&gt;</i>. "
                                   "Hamish Hamilton.")
    assert to_markdown(entry.text) == r"Smith, Z. (2000). *White Teeth \<script\>alert(1)\</script\>*. Hamish Hamilton."


def test_our_marker_characters_in_the_input_cannot_forge_styling():
    item = {**WHITE_TEETH, "title": "White \ufdd1Teeth\ufddf", "publisher": "Hamish \ufdd0Hamilton"}
    (entry,) = render([item])
    assert entry.text.nodes == [Str("Smith, Z. (2000). "), Styled("emph", (Str("White Teeth"),)),
                                Str(". Hamish Hamilton.")]


def test_doi_becomes_a_link():
    (entry,) = render([ARTICLE])
    doi = "https://doi.org/10.3138/cart.54.2.2018-0010"
    # APA 7 §9.25 journal article; no period after a DOI (§9.35).
    assert to_text(entry.text) == f"Lee, M. (2019). Reading Maps. Cartographica, 54(2), 101–119. {doi}"
    assert entry.text.nodes[-1] == Link(doi, (Str(doi),))


def test_a_title_ending_in_a_question_mark_takes_no_period():
    doi = "https://doi.org/10.3138/cart.54.2.2018-0010"
    assert texts([{**ARTICLE, "title": "Can We Read Maps?"}]) == [
        f"Lee, M. (2019). Can We Read Maps? Cartographica, 54(2), 101–119. {doi}"]
    # Also when the title is italic, so the "?" and the "." are on either side of the styling.
    (entry,) = render([{**WHITE_TEETH, "title": "Who Was Zadie?"}], style="chicago")
    assert to_html(entry.text) == "Smith, Zadie. <i>Who Was Zadie?</i> Hamish Hamilton, 2000."


# --- MLA 9 -------------------------------------------------------------------------------------

def test_mla_works_cited_spells_out_given_names():
    assert texts([WHITE_TEETH], style="mla") == ["Smith, Zadie. White Teeth. Hamish Hamilton, 2000."]


def test_mla_in_text_adds_the_title_only_when_the_author_has_two_works():
    assert texts([WHITE_TEETH, ADAMS], style="mla", mode="intext", locator="23") == ["(Smith 23)", "(Adams 23)"]
    entries = render([WHITE_TEETH, ON_BEAUTY, ADAMS], style="mla", mode="intext", locator="23")
    assert [to_html(e.text) for e in entries] == [
        "(Smith, <i>White Teeth</i> 23)", "(Smith, <i>On Beauty</i> 23)", "(Adams 23)"]


def test_mla_sorts_a_quoted_title_by_its_words():
    # Same author: MLA sorts by title, ignoring the quotation marks around an article's title.
    article = {"id": "Zebras", "type": "article-journal", "title": "Zebras", "container-title": "Nature",
               "author": [{"family": "Smith", "given": "Zadie"}], "issued": {"date-parts": [[2001]]}}
    book = {**WHITE_TEETH, "id": "Apples", "title": "Apples"}
    assert [e.record_id for e in render([article, book], style="mla")] == ["Apples", "Zebras"]


def test_authorless_work_is_refused_in_reference_lists_rather_than_printed_twice():
    authorless = {**LENIN, "id": "NoAuthor"}
    del authorless["author"]
    with pytest.raises(CitekitError, match="would print the title or publisher of 'NoAuthor' twice"):
        render([WHITE_TEETH, authorless], style="mla")
    # In-text citations of the same work are right, so they are not refused.
    assert texts([authorless], style="mla", mode="intext") == [
        "(“New Russian Leader Lenin Calls for Immediate Armistice”)"]


def test_mla_period_inside_the_title_quotes():
    (text,) = texts([LENIN], style="mla")
    assert text.startswith(
        "HISTORY.com Editors. “New Russian Leader Lenin Calls for Immediate Armistice.” HISTORY, ")


# --- Chicago -----------------------------------------------------------------------------------

def test_chicago_note_and_bibliography_for_a_book():
    assert texts([WHITE_TEETH], style="chicago", mode="note", locator="23") == [
        "Zadie Smith, White Teeth (Hamish Hamilton, 2000), 23."]
    (entry,) = render([WHITE_TEETH], style="chicago")
    assert to_html(entry.text) == "Smith, Zadie. <i>White Teeth</i>. Hamish Hamilton, 2000."


def test_chicago_note_comma_inside_the_quotes():
    (text,) = texts([LENIN], style="chicago", mode="note")
    assert text.startswith("HISTORY.com Editors, “New Russian Leader Lenin Calls for Immediate Armistice,” HISTORY")


def test_chicago_author_date_webpage_period_inside_quotes_and_url_link():
    (entry,) = render([LENIN], style="chicago-author-date")
    text = to_text(entry.text)
    assert text.startswith("HISTORY.com Editors. 2009. “New Russian Leader Lenin Calls for Immediate Armistice.” ")
    assert "”." not in text
    assert to_html(entry.text).endswith(f'<a href="{LENIN_URL}">{LENIN_URL}</a>.')  # the period is not in the URL


def test_british_locale_keeps_punctuation_outside_quotes():
    (text,) = texts([LENIN], style="chicago-author-date", locale="en-GB")
    assert "‘New Russian Leader Lenin Calls for Immediate Armistice’. " in text


# --- The pieces ----------------------------------------------------------------------------------

def test_american_punctuation():
    assert american_punctuation("“Title”. Next", "”") == "“Title.” Next"
    assert american_punctuation("“Title”, next", "”") == "“Title,” next"
    assert american_punctuation("“Why?”. Next", "”") == "“Why?” Next"
    assert american_punctuation("“Ends.”. Next", "”") == "“Ends.” Next"
    assert american_punctuation("“Title”: sub", "”") == "“Title”: sub"


def test_marked_text_to_nodes():
    assert marked_to_nodes("a\ufdd0b\ufdd1c\ufddf\ufddfd") == [
        Str("a"), Styled("emph", (Str("b"), Styled("strong", (Str("c"),)))), Str("d")]
    assert marked_to_nodes("\ufddfx\ufdd2y") == [Str("x"), Styled("smallcaps", (Str("y"),))]
    assert marked_to_nodes("\ufdd0\ufddfsee https://a.org/x.") == [
        Str("see "), Link("https://a.org/x", (Str("https://a.org/x"),)), Str(".")]


def test_items_reduced_to_what_citeproc_py_accepts():
    item = {"id": 7, "type": "book", "title": "T\ufdd0", "custom": {"a": 1}, "event-title": "E",
            "author": [{"family": "Smith", "given": "Zadie", "parse-names": False}, {"literal": "NASA", "family": "x"}],
            "issued": {"raw": "Nov. 2009"}, "accessed": {"date-parts": [["2020", "3", None]]}, "volume": 3}
    assert citeproc_item(item) == {
        "id": "7", "type": "book", "title": "T", "volume": "3",
        "author": [{"family": "Smith", "given": "Zadie"}, {"literal": "NASA"}],
        "issued": {"literal": "Nov. 2009"}, "accessed": {"date-parts": [[2020, 3]]}}


# --- Selection, errors, warnings -----------------------------------------------------------------

def test_selectable_through_render_citations():
    assert get_engine("citeproc-py").name == "citeproc-py"
    records = [record_from_csl(WHITE_TEETH)]
    assert render_citations(records, "apa", engine="citeproc-py") == [
        Rendered("Smith2000", "Smith, Z. (2000). White Teeth. Hamish Hamilton.")]


def test_no_warning_escapes():
    item = {**WHITE_TEETH, "custom": {"x": 1},
            "author": [{"family": "Smith", "given": "Zadie", "static-ordering": True}]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert texts([item]) == ["Smith, Z. (2000). White Teeth. Hamish Hamilton."]


def test_ids_that_differ_only_in_case_are_refused():
    with pytest.raises(CitekitError, match="differ only in case"):
        render([WHITE_TEETH, {**ON_BEAUTY, "id": "smith2000"}])


CSL_HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" '
            'class="in-text" version="1.0"><info><title>Test Style</title></info>')


def test_citeproc_py_failure_becomes_a_citekit_error(tmp_path):
    path = tmp_path / "broken.csl"
    path.write_text(CSL_HEAD + '<citation><layout><text variable="title"/></layout></citation>'
                    '<bibliography><layout><no-such-element/></layout></bibliography></style>', encoding="utf-8")
    with pytest.raises(CitekitError) as raised:
        render([WHITE_TEETH], style=str(path))
    message = str(raised.value)
    assert f"citeproc-py could not render style '{path}'" in message
    assert "--engine pandoc" in message
    # The citation layout is fine, so in-text citations still work.
    assert texts([WHITE_TEETH], style=str(path), mode="intext") == ["White Teeth"]


def test_style_without_bibliography(tmp_path):
    path = tmp_path / "nobib.csl"
    path.write_text(CSL_HEAD + '<citation><layout><text variable="title"/></layout></citation></style>',
                    encoding="utf-8")
    with pytest.raises(CitekitError, match="Test Style has no reference list"):
        render([WHITE_TEETH], style=str(path))

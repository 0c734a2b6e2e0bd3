"""The citeproc-py engine and its mending: expected strings follow APA 7, MLA 9 and Chicago (18th).

Each mended defect of citeproc-py 0.11.1 has a test here with the citation the guide prints;
tests/differential/test_agreement_citeproc_py.py measures the engine against citeproc-js.
"""

from __future__ import annotations

import warnings

import citeproc
import pytest
from citeproc import model
from citeproc.frontend import CitationStylesStyle

from citekit.errors import CitekitError
from citekit.model import record_from_csl
from citekit.render import Rendered, render_citations
from citekit.render.citeproc_py_engine import CiteprocPyEngine, check_version, citeproc_item, marked_to_nodes
from citekit.render.citeproc_py_mending import MENDED_VERSION, MendedStyle
from citekit.render.citeproc_py_mending import Text as MendedText
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
FAQ = {"id": "faq", "type": "webpage", "title": "Frequently Asked Questions", "container-title": "Library of Congress",
       "URL": "https://www.loc.gov/help/faq/", "accessed": {"date-parts": [[2022, 12, 8]]}}
MATUZ = {"id": "matuz", "type": "book", "title": "Contemporary Literary Criticism", "volume": "61",
         "editor": [{"family": "Matuz", "given": "Roger"}], "publisher": "Gale", "issued": {"date-parts": [[1990]]}}

ENGINE = CiteprocPyEngine()


def render(items, style="apa", mode="bib", locator=None, label="page", locale="en-US"):
    return ENGINE.render(items, resolve_style(style), Citing(mode=mode, locator=locator, label=label), locale)


def texts(items, **kwargs):
    return [to_text(entry.text) for entry in render(items, **kwargs)]


def htmls(items, **kwargs):
    return [to_html(entry.text) for entry in render(items, **kwargs)]


def book(key, title, family, given, year, publisher="P"):
    return {"id": key, "type": "book", "title": title, "author": [{"family": family, "given": given}],
            "publisher": publisher, "issued": {"date-parts": [[year]]}}


# --- The version the mending was written for -----------------------------------------------------

def test_the_installed_citeproc_py_is_the_one_the_mending_was_written_for():
    # The mending subclasses citeproc-py's internals. A new release must be measured again
    # (tests/differential) before the pin in pyproject.toml moves: fail loudly until then.
    assert MENDED_VERSION == "0.11.1"
    assert citeproc.__version__ == MENDED_VERSION, (
        f"citeproc-py {citeproc.__version__} is installed; citekit's mending was written for {MENDED_VERSION}")


def test_another_citeproc_py_version_is_refused():
    with pytest.raises(CitekitError) as raised:
        check_version("0.12.0")
    message = str(raised.value)
    assert "written for citeproc-py 0.11.1, and 0.12.0 is installed" in message
    assert "--engine pandoc" in message


def test_the_mending_touches_only_the_styles_citekit_renders():
    path = str(resolve_style("mla").path)
    namespaces = {"cs": model.CitationStylesElement.nsmap["cs"]}
    mended = MendedStyle(path, "en-US").root.xpath("//cs:text", namespaces=namespaces)
    plain = CitationStylesStyle(path, validate=False).root.xpath("//cs:text", namespaces=namespaces)
    assert isinstance(mended[0], MendedText)
    assert type(plain[0]) is model.Text


# --- The Lenin record: identical to the default engine ------------------------------------------

LENIN_PARSED = {"id": "lenin-armistice", "type": "webpage",
                "title": "November 08, 1917 : New Russian leader Lenin calls for immediate armistice",
                "author": [{"literal": "Staff"}], "publisher": "A+E Networks",
                "accessed": {"date-parts": [[2018, 3, 22]]}}
LENIN_COMPLETED = {**LENIN_PARSED, "container-title": "HISTORY", "URL": LENIN_URL}
STYLE_CITES = [("mla", "intext"), ("apa", "intext"), ("chicago", "note"), ("chicago-author-date", "intext")]


@pytest.mark.parametrize("record", [LENIN_PARSED, LENIN_COMPLETED], ids=["parsed", "completed"])
@pytest.mark.parametrize("style, cite_mode", STYLE_CITES)
@pytest.mark.parametrize("fmt", ["text", "html"])
def test_lenin_comes_out_as_from_the_default_engine(record, style, cite_mode, fmt):
    for mode in ("bib", cite_mode):
        ours = render_citations([record_from_csl(record)], style, mode=mode, fmt=fmt, engine="citeproc-py")
        assert ours == render_citations([record_from_csl(record)], style, mode=mode, fmt=fmt, engine="pandoc")


def test_lenin_completed_in_mla_and_apa():
    title = "November 08, 1917 : New Russian Leader Lenin Calls for Immediate Armistice"
    record = [record_from_csl(LENIN_COMPLETED)]
    # MLA 9: "Staff" is no author, so the title leads, in quotation marks; no https://; accessed, undated.
    assert render_citations(record, "mla", engine="citeproc-py") == [Rendered(
        "lenin-armistice", f"“{title}.” HISTORY, A+E Networks, {LENIN_URL.removeprefix('https://')}. "
                           "Accessed 22 Mar. 2018.")]
    # APA 7 9.12: a work with no author is cited by its title, italic for a web page, and "n.d.".
    assert render_citations(record, "apa", mode="intext", fmt="html", engine="citeproc-py") == [
        Rendered("lenin-armistice", "(<i>November 08, 1917</i>, n.d.)")]  # main title, shortened


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


def test_doi_becomes_a_link():
    (entry,) = render([ARTICLE])
    doi = "https://doi.org/10.3138/cart.54.2.2018-0010"
    # APA 7 §9.25 journal article; no period after a DOI (§9.35).
    assert to_text(entry.text) == f"Lee, M. (2019). Reading Maps. Cartographica, 54(2), 101–119. {doi}"
    assert entry.text.nodes[-1] == Link(doi, (Str(doi),))


def test_a_doi_with_angle_brackets_is_one_link():
    doi = "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P"
    (entry,) = render([{**ARTICLE, "DOI": doi}])
    assert entry.text.nodes[-1] == Link(f"https://doi.org/{doi}", (Str(f"https://doi.org/{doi}"),))


def test_a_title_ending_in_a_question_mark_takes_no_period():
    doi = "https://doi.org/10.3138/cart.54.2.2018-0010"
    assert texts([{**ARTICLE, "title": "Can We Read Maps?"}]) == [
        f"Lee, M. (2019). Can We Read Maps? Cartographica, 54(2), 101–119. {doi}"]
    # Also when the title is italic, so the "?" and the "." are on either side of the styling.
    (entry,) = render([{**WHITE_TEETH, "title": "Who Was Zadie?"}], style="chicago")
    assert to_html(entry.text) == "Smith, Zadie. <i>Who Was Zadie?</i> Hamish Hamilton, 2000."


def test_apa_same_author_and_year_take_letters_in_title_order():
    # APA 7 8.19 and 9.47: a, b after the year, in the order of the titles in the reference list.
    naps = {**ARTICLE, "id": "naps", "title": "Napping and exam performance",
            "author": [{"family": "Smith", "given": "Jane"}]}
    sleep = {**naps, "id": "sleep", "title": "Effects of sleep deprivation on memory"}
    assert texts([naps, sleep], mode="intext") == ["(Smith, 2019b)", "(Smith, 2019a)"]
    assert [t[:20] for t in texts([naps, sleep])] == ["Smith, J. (2019a). E", "Smith, J. (2019b). N"]
    undated = [{**FAQ, "id": key, "title": title, "author": [{"literal": "Staff"}]}
               for key, title in (("b", "Beta"), ("a", "Alpha"))]
    assert texts(undated, mode="intext") == ["(Staff, n.d.-b)", "(Staff, n.d.-a)"]


def test_apa_and_mla_tell_authors_with_one_surname_apart():
    jane, karl = book("jane", "A", "Smith", "Jane", 2019), book("karl", "B", "Smith", "Karl", 2020)
    # APA 7 8.20: initials for authors who share a surname, even when the years differ.
    assert texts([jane, karl], mode="intext") == ["(J. Smith, 2019)", "(K. Smith, 2020)"]
    # MLA 9: the first initial, or the whole first name when the initials are the same.
    assert texts([jane, karl], style="mla", mode="intext") == ["(J. Smith)", "(K. Smith)"]
    john = book("john", "C", "Smith", "John", 2021)
    assert texts([jane, john], style="mla", mode="intext") == ["(Jane Smith)", "(John Smith)"]
    # APA adds initials only when they differ.
    assert texts([jane, john], mode="intext") == ["(Smith, 2019)", "(Smith, 2021)"]


def test_et_al_citations_of_different_groups_show_more_names():
    def three(key, second):
        return {**book(key, key, "Smith", "Jane", 2019),
                "author": [{"family": "Smith", "given": "Jane"}, {"family": second, "given": "A."},
                           {"family": "Wu", "given": "B."}]}
    # APA 7 8.18: as many names as tell the works apart, then "et al."
    assert texts([three("a", "Jones"), three("b", "Lee")], mode="intext") == [
        "(Smith, Jones, et al., 2019)", "(Smith, Lee, et al., 2019)"]


def test_a_thesis_without_a_number_has_no_empty_number_group():
    thesis = {"id": "nguyen", "type": "thesis",
              "title": "Bilingual education and identity in Vietnamese American families", "genre": "PhD diss.",
              "publisher": "University of California, Berkeley",
              "author": [{"family": "Nguyen", "given": "Linh"}], "issued": {"date-parts": [[2018]]}}
    assert texts([thesis]) == ["Nguyen, L. (2018). Bilingual education and identity in Vietnamese American families "
                               "[PhD diss.]. University of California, Berkeley."]


# --- Authorless works: what stands in for the author is printed once -----------------------------

def test_authorless_web_page_title_once():
    # With no author the title leads (MLA 9; APA 7 9.12); Chicago 18 leads a web page with its site's owner.
    assert texts([FAQ], style="mla") == [
        "“Frequently Asked Questions.” Library of Congress, https://www.loc.gov/help/faq/. Accessed 8 Dec. 2022."]
    assert htmls([FAQ]) == [
        '<i>Frequently Asked Questions</i>. (n.d.). Library of Congress. Retrieved December 8, 2022, from '
        '<a href="https://www.loc.gov/help/faq/">https://www.loc.gov/help/faq/</a>']
    assert texts([FAQ], style="chicago") == [
        "Library of Congress. “Frequently Asked Questions.” Accessed December 8, 2022. "
        "https://www.loc.gov/help/faq/."]
    assert texts([FAQ], style="mla", mode="intext") == ["(“Frequently Asked Questions”)"]


def test_authorless_book_title_once():
    manual = {"id": "cms", "type": "book", "title": "The Chicago Manual of Style", "edition": "17",
              "publisher": "University of Chicago Press", "issued": {"date-parts": [[2017]]}}
    assert texts([manual], style="chicago") == [
        "The Chicago Manual of Style. 17th ed. University of Chicago Press, 2017."]
    assert texts([manual]) == ["The Chicago Manual of Style (17th ed.). (2017). University of Chicago Press."]


def test_editor_in_place_of_author_named_once():
    # The editor stands in for the author, with "ed." / "(Ed.)" (CMOS 18, APA 7), and is not repeated.
    assert texts([MATUZ], style="chicago") == [
        "Matuz, Roger, ed. Contemporary Literary Criticism. Vol. 61. Gale, 1990."]
    assert texts([MATUZ], style="chicago", mode="note") == [
        "Roger Matuz, ed., Contemporary Literary Criticism, vol. 61 (Gale, 1990)."]
    assert texts([MATUZ]) == ["Matuz, R. (Ed.). (1990). Contemporary Literary Criticism (Vol. 61). Gale."]
    assert texts([MATUZ], style="chicago-author-date", mode="intext") == ["(Matuz 1990)"]


def test_an_edited_book_sorts_by_title_among_its_editors_works():
    edited = {**MATUZ, "id": "edited", "title": "Alternative Modernities", "volume": None,
              "editor": [{"family": "Gaonkar", "given": "Dilip"}], "issued": {"date-parts": [[2001]]}}
    chapter = {**edited, "id": "chapter", "type": "chapter", "title": "On Alternative Modernities",
               "container-title": "Alternative Modernities", "author": edited["editor"]}
    assert [t[:30] for t in texts([chapter, edited])] == [
        "Gaonkar, D. (Ed.). (2001a). Al", "Gaonkar, D. (2001b). On Altern"]


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
    apples = {**WHITE_TEETH, "id": "Apples", "title": "Apples"}
    assert [e.record_id for e in render([article, apples], style="mla")] == ["Apples", "Zebras"]


def test_mla_three_dashes_for_the_same_author_whatever_the_role():
    # MLA 9 does not repeat the name of the entry above; a role still follows it ("---, editor.").
    edited = {**WHITE_TEETH, "id": "edited", "title": "The Book of Other People", "author": None,
              "editor": WHITE_TEETH["author"], "issued": {"date-parts": [[2007]]}}
    assert texts([edited, WHITE_TEETH], style="mla") == [
        "Smith, Zadie, editor. The Book of Other People. Hamish Hamilton, 2007.",
        "———. White Teeth. Hamish Hamilton, 2000."]


def test_mla_period_inside_the_title_quotes():
    (text,) = texts([LENIN], style="mla")
    assert text.startswith(
        "HISTORY.com Editors. “New Russian Leader Lenin Calls for Immediate Armistice.” HISTORY, ")


def test_mla_quotation_in_a_quoted_title_takes_single_marks():
    cake = {**ARTICLE, "id": "cake", "title": '"Let them eat cake": Marie Antoinette and the making of a myth',
            "author": [{"family": "Fraser", "given": "Antonia"}], "page": "1-22", "DOI": None}
    # A quotation inside a quoted title takes single marks (MLA 9, CMOS 18); in an unquoted one, double (APA 7).
    (mla,) = texts([cake], style="mla")
    assert mla.startswith("Fraser, Antonia. “‘Let Them Eat Cake’: Marie Antoinette and the Making of a Myth.” ")
    (apa,) = texts([cake])
    assert apa.startswith("Fraser, A. (2019). “Let them eat cake”: Marie Antoinette and the making of a myth. ")


def test_typographic_apostrophes():
    king = {**book("king", "Why We Can't Wait", "King", "Martin Luther", 1964, "Harper & Row")}
    king["author"][0]["suffix"] = "Jr."
    assert texts([king], style="mla") == ["King, Martin Luther, Jr. Why We Can’t Wait. Harper & Row, 1964."]
    oconnor = book("oc", "Free Will", "O'Connor", "Timothy", 2022)
    assert texts([oconnor], mode="intext") == ["(O’Connor, 2022)"]


def test_titles_within_titles():
    moby = {**ARTICLE, "id": "moby", "title": "Reading <i>Moby-Dick</i> in the Digital Age", "DOI": None}
    # A book's title inside an article's title stays italic (MLA 9, APA 7, CMOS 18).
    (mla,) = htmls([moby], style="mla")
    assert mla.startswith("Lee, Min. “Reading <i>Moby-Dick</i> in the Digital Age.” ")
    # Inside an italic title it is set in roman.
    teaching = {**MATUZ, "id": "teach", "title": "Approaches to Teaching Melville's <i>Moby-Dick</i>", "volume": None}
    (entry,) = render([teaching], style="chicago")
    assert to_text(entry.text) == "Matuz, Roger, ed. Approaches to Teaching Melville’s Moby-Dick. Gale, 1990."
    assert entry.text.nodes[1:3] == [Styled("emph", (Str("Approaches to Teaching Melville’s "),)), Str("Moby-Dick")]
    co2 = {**ARTICLE, "title": "The role of CO<sub>2</sub> in ocean acidification", "DOI": None}
    (apa,) = htmls([co2])
    assert apa.startswith("Lee, M. (2019). The role of CO<sub>2</sub> in ocean acidification. ")


def test_markup_in_a_title_stays_text():
    item = {**WHITE_TEETH, "title": "White Teeth <script>alert(1)</script>"}
    (entry,) = render([item])
    assert to_text(entry.text) == "Smith, Z. (2000). White Teeth <script>alert(1)</script>. Hamish Hamilton."
    assert to_html(entry.text) == ("Smith, Z. (2000). <i>White Teeth &lt;script&gt;alert(1)&lt;/script&gt;</i>. "
                                   "Hamish Hamilton.")
    assert to_markdown(entry.text) == r"Smith, Z. (2000). *White Teeth \<script\>alert(1)\</script\>*. Hamish Hamilton."


def test_our_marker_characters_in_the_input_cannot_forge_styling():
    item = {**WHITE_TEETH, "title": "White \ufdd1Teeth\ufddf", "publisher": "Hamish \ufdd0Hamilton\ufde0"}
    (entry,) = render([item])
    assert entry.text.nodes == [Str("Smith, Z. (2000). "), Styled("emph", (Str("White Teeth"),)),
                                Str(". Hamish Hamilton.")]


# --- Chicago -----------------------------------------------------------------------------------

def test_chicago_note_and_bibliography_for_a_book():
    assert texts([WHITE_TEETH], style="chicago", mode="note", locator="23") == [
        "Zadie Smith, White Teeth (Hamish Hamilton, 2000), 23."]
    (entry,) = render([WHITE_TEETH], style="chicago")
    assert to_html(entry.text) == "Smith, Zadie. <i>White Teeth</i>. Hamish Hamilton, 2000."


def test_chicago_note_comma_inside_the_quotes():
    (text,) = texts([LENIN], style="chicago", mode="note")
    assert text.startswith("HISTORY.com Editors, “New Russian Leader Lenin Calls for Immediate Armistice,” HISTORY")
    # CMOS 18 keeps the comma after a title that ends in a question mark.
    (asked,) = texts([{**LENIN, "title": "Why Did the Titanic Sink?"}], style="chicago", mode="note")
    assert "“Why Did the Titanic Sink?,” HISTORY" in asked


def test_chicago_newspaper_article_without_edition_has_no_edition_label():
    news = {"id": "post", "type": "article-newspaper", "title": "Senate Passes Infrastructure Bill",
            "container-title": "The Washington Post", "issued": {"date-parts": [[2021, 8, 11]]},
            "author": [{"family": "Kane", "given": "Paul"}, {"family": "Stein", "given": "Jeff"}]}
    assert texts([news], style="chicago", mode="note") == [
        "Paul Kane and Jeff Stein, “Senate Passes Infrastructure Bill,” The Washington Post, August 11, 2021."]


def test_chicago_18_title_case():
    # CMOS 18 8.160: prepositions of five letters or more are capitalized, shorter ones not; the
    # second part of a hyphenated compound is capitalized.
    coral = {**ARTICLE, "title": "Coral reef recovery after the 2016 bleaching event: a multi-site survey", "DOI": None}
    (chicago,) = texts([coral], style="chicago")
    assert "“Coral Reef Recovery After the 2016 Bleaching Event: A Multi-Site Survey.”" in chicago
    # MLA 9 lowercases prepositions whatever their length.
    (mla,) = texts([coral], style="mla")
    assert "“Coral Reef Recovery after the 2016 Bleaching Event: A Multi-Site Survey.”" in mla


def test_number_of_volumes():
    work = {"id": "vols", "type": "book", "title": "Las peregrinaciones a Santiago de Compostela", "language": "es",
            "number-of-volumes": "3", "publisher": "Iberdrola",
            "author": [{"family": "Vázques de Parga", "given": "Luis"}],
            "issued": {"date-parts": [[1993]]}}
    assert texts([work], style="chicago") == [
        "Vázques de Parga, Luis. Las peregrinaciones a Santiago de Compostela. 3 vols. Iberdrola, 1993."]
    assert texts([work]) == [
        "Vázques de Parga, L. (1993). Las peregrinaciones a Santiago de Compostela (Vols. 1–3). Iberdrola."]


def test_page_ranges_as_each_guide_writes_them():
    def pages(style, page):
        (text,) = texts([{**ARTICLE, "page": page, "DOI": None}], style=style)
        return text
    assert "(2019): 101–8." in pages("chicago", "101-108")  # CMOS 18's abbreviated inclusive numbers
    assert "(2019): 3–30." in pages("chicago", "3-30")
    assert ", 1–22." in pages("apa", "1-22")  # APA 7: all digits
    assert "pp. 1–22." in pages("mla", "1-22")


def test_names_in_chinese_script():
    mo_yan = {"id": "mo", "type": "book", "title": "红高粱家族", "author": [{"family": "莫", "given": "言"}],
              "publisher": "解放军文艺出版社", "issued": {"date-parts": [[1987]]}}
    # Family name first, no comma, no initials; Chinese characters are not italicized (CMOS 18).
    assert htmls([mo_yan], style="chicago", mode="note") == [
        "莫言, 红高粱家族 (解放军文艺出版社, 1987)."]
    assert texts([mo_yan], mode="intext") == ["(莫, 1987)"]


def test_chicago_author_date_webpage_period_inside_quotes_and_url_link():
    (entry,) = render([LENIN], style="chicago-author-date")
    text = to_text(entry.text)
    assert text.startswith("HISTORY.com Editors. 2009. “New Russian Leader Lenin Calls for Immediate Armistice.” ")
    assert "”." not in text
    assert to_html(entry.text).endswith(f'<a href="{LENIN_URL}">{LENIN_URL}</a>.')  # the period is not in the URL


def test_british_locale_keeps_punctuation_outside_quotes():
    (text,) = texts([LENIN], style="chicago-author-date", locale="en-GB")
    assert "‘New Russian Leader Lenin Calls for Immediate Armistice’. " in text


def test_marked_text_to_nodes():
    assert marked_to_nodes("a\ufdd0b\ufdd1c\ufddf\ufddfd") == [
        Str("a"), Styled("emph", (Str("b"), Styled("strong", (Str("c"),)))), Str("d")]
    assert marked_to_nodes("\ufddfx\ufdd2y") == [Str("x"), Styled("smallcaps", (Str("y"),))]
    assert marked_to_nodes("\ufdd0\ufddfsee https://a.org/x.") == [
        Str("see "), Link("https://a.org/x", (Str("https://a.org/x"),)), Str(".")]
    # The URL variable is a link also without its scheme (MLA prints www.…).
    assert marked_to_nodes("at \ufdd6www.a.org/x\ufddf.") == [
        Str("at "), Link("https://www.a.org/x", (Str("www.a.org/x"),)), Str(".")]


def test_items_in_the_shapes_citeproc_py_accepts():
    item = {"id": 7, "type": "book", "title": "T\ufdd0 it's", "custom": {"a": 1}, "event-title": "E",
            "author": [{"family": "Smith", "given": "Zadie", "parse-names": False}, {"literal": "NASA", "family": "x"}],
            "issued": {"raw": "Nov. 2009"}, "accessed": {"date-parts": [["2020", "3", None]]}, "volume": 3,
            "URL": "https://a.org/it's"}
    assert citeproc_item(item) == {
        "id": "7", "type": "book", "title": "T it’s", "volume": "3", "event-title": "E", "URL": "https://a.org/it's",
        "author": [{"family": "Smith", "given": "Zadie"}, {"literal": "NASA"}],
        "issued": {"literal": "Nov. 2009"}, "accessed": {"date-parts": [[2020, 3]]}}


# --- What is not mended is refused, by style -----------------------------------------------------

CSL_HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" '
            'class="in-text" version="1.0"><info><title>Test Style</title></info>')


def test_an_unmended_subsequent_author_rule_is_refused(tmp_path):
    path = tmp_path / "partial.csl"
    path.write_text(CSL_HEAD + '<citation><layout><text variable="title"/></layout></citation>'
                    '<bibliography subsequent-author-substitute="---"'
                    ' subsequent-author-substitute-rule="partial-first">'
                    '<layout><names variable="author"/><text variable="title" prefix=". "/></layout></bibliography>'
                    '</style>', encoding="utf-8")
    with pytest.raises(CitekitError) as raised:
        render([WHITE_TEETH, ON_BEAUTY], style=str(path))
    assert str(raised.value) == ("--engine: citeproc-py cannot cite 'Smith2005' correctly in Test Style: the "
                                 'subsequent-author-substitute rule "partial-first" (a dash for a repeated author) '
                                 "is not mended (use the default engine: --engine pandoc)")
    # Without a repeated author the rule has nothing to do (the style sorts nothing).
    assert texts([WHITE_TEETH, ADAMS], style=str(path)) == ["Zadie Smith. White Teeth", "Richard Adams. Watership Down"]


def test_co_authors_sharing_a_surname_under_an_all_names_rule_are_refused(tmp_path):
    path = tmp_path / "allnames.csl"
    path.write_text(CSL_HEAD + '<citation disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names">'
                    '<layout><names variable="author"><name form="short" and="text"/></names></layout></citation>'
                    '</style>', encoding="utf-8")
    first = {**WHITE_TEETH, "author": [{"family": "Smith", "given": "Zadie"}, {"family": "Lee", "given": "Ann"}]}
    second = {**ADAMS, "author": [{"family": "Adams", "given": "Richard"}, {"family": "Lee", "given": "Bo"}]}
    with pytest.raises(CitekitError, match="cannot cite correctly in Test Style: cited co-authors share a surname"):
        render([first, second], style=str(path), mode="intext")


def test_a_term_missing_in_a_form_falls_back_to_the_next(tmp_path):
    path = tmp_path / "verb.csl"
    path.write_text(CSL_HEAD + '<citation><layout><names variable="container-author">'
                    '<label form="verb-short" suffix=" "/><name/></names></layout></citation></style>',
                    encoding="utf-8")
    item = {**WHITE_TEETH, "container-author": [{"family": "Kant", "given": "Immanuel"}]}
    assert texts([item], style=str(path), mode="intext") == ["by Immanuel Kant"]


# --- Selection, errors, warnings -----------------------------------------------------------------

def test_selectable_through_render_citations():
    assert get_engine("citeproc-py").name == "citeproc-py"
    records = [record_from_csl(WHITE_TEETH)]
    assert render_citations(records, "apa", engine="citeproc-py") == [
        Rendered("Smith2000", "Smith, Z. (2000). White Teeth. Hamish Hamilton.")]


def test_no_warning_escapes_and_csl_1_0_2_variables_are_read():
    # `part-number` is a CSL 1.0.2 variable citeproc-py does not know (APA 7 abbreviates "Pt.").
    item = {**WHITE_TEETH, "custom": {"x": 1}, "keyword": "novels", "part-number": "2",
            "author": [{"family": "Smith", "given": "Zadie", "static-ordering": True}]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert texts([item]) == ["Smith, Z. (2000). White Teeth (Pt. 2). Hamish Hamilton."]


def test_ids_that_differ_only_in_case_are_refused():
    with pytest.raises(CitekitError, match="differ only in case"):
        render([WHITE_TEETH, {**ON_BEAUTY, "id": "smith2000"}])


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

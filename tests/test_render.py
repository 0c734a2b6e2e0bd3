"""Citations through the default engine (pandoc's citeproc), checked against the guides' rules.

citekit's own guide rules are tested in test_rules.py; the guides' cases in guides/.

Expected strings are written from the guides: MLA 9 web pages ("Title." *Website*, Publisher,
URL without https://. Accessed D Mon. YYYY.), APA 7 ("(n.d.)", italic page title in sentence
case, a retrieval date only with --retrieved), Chicago 18 (notes: title, site, owner, access date
for an undated page; bibliography and author-date: "n.d."). Punctuation goes inside quotes.
"""

from __future__ import annotations

import pytest

from citekit.errors import CitekitError
from citekit.render import render_citations
from citekit.render.richtext import Link, RichText, Str, Styled, to_html, to_markdown, to_text
from conftest import LENIN_AS_PARSED, LENIN_COMPLETED, LENIN_URL

TITLE_CASE = "November 08, 1917 : New Russian Leader Lenin Calls for Immediate Armistice"
SENTENCE_CASE = "November 08, 1917 : New Russian leader Lenin calls for immediate armistice"
BARE_URL = LENIN_URL.removeprefix("https://")

SMITH = {"id": "smith-2000", "type": "book", "title": "White teeth",
         "author": [{"family": "Smith", "given": "Zadie"}], "publisher": "Hamish Hamilton",
         "issued": {"date-parts": [[2000]]}}


def one(record: dict, style: str, **options) -> str:
    [entry] = render_citations([record], style, **options)
    return entry.text


# --- The Lenin record, completed with its website name and URL ------------------------------------

def test_mla_completed_web_page_title_in_quotes_site_italic_no_https():
    assert one(LENIN_COMPLETED, "mla", fmt="html") == (
        f"“{TITLE_CASE}.” <i>HISTORY</i>, A+E Networks, "
        f'<a href="{LENIN_URL}">{BARE_URL}</a>. Accessed 22 Mar. 2018.')


def test_mla_completed_plain_text():
    assert one(LENIN_COMPLETED, "mla") == (
        f"“{TITLE_CASE}.” HISTORY, A+E Networks, {BARE_URL}. Accessed 22 Mar. 2018.")


def test_mla_in_text_of_authorless_page_is_the_quoted_main_title():
    # A long title is shortened in the text to its main title, without the subtitle.
    assert one(LENIN_COMPLETED, "mla", mode="intext") == "(“November 08, 1917”)"
    assert one(LENIN_COMPLETED, "mla", mode="intext", locator="23") == "(“November 08, 1917” 23)"
    assert one(LENIN_COMPLETED, "mla", mode="intext", disabled_rules=frozenset({"short-title-is-main-title"})) == (
        f"(“{TITLE_CASE}”)")
    given = {**LENIN_COMPLETED, "title-short": "Lenin Calls for Armistice"}
    assert one(given, "mla", mode="intext") == "(“Lenin Calls for Armistice”)"  # the record's own short title


def test_apa_completed_undated_page_has_no_retrieval_date_unless_asked():
    # APA 7 9.16: a retrieval date only for pages designed to change, which the student says with --retrieved.
    assert one(LENIN_COMPLETED, "apa", fmt="markdown") == (
        f"*{SENTENCE_CASE}*. (n.d.). HISTORY. {LENIN_URL}")
    assert one(LENIN_COMPLETED, "apa", fmt="markdown", retrieved=True) == (
        f"*{SENTENCE_CASE}*. (n.d.). HISTORY. Retrieved March 22, 2018, from {LENIN_URL}")


def test_apa_in_text_of_authorless_page_is_the_italic_title_and_nd():
    assert one(LENIN_COMPLETED, "apa", mode="intext", fmt="html") == "(<i>November 08, 1917</i>, n.d.)"


def test_chicago_notes_completed():
    assert one(LENIN_COMPLETED, "chicago", mode="note") == (
        f"“{TITLE_CASE},” HISTORY, A+E Networks, accessed March 22, 2018, {LENIN_URL}.")
    # With no author the bibliography is led by the site's owner, as Chicago allows.
    assert one(LENIN_COMPLETED, "chicago") == (
        f"A+E Networks. “{TITLE_CASE}.” HISTORY. Accessed March 22, 2018. {LENIN_URL}.")


def test_chicago_author_date_completed_uses_nd():
    assert one(LENIN_COMPLETED, "chicago-author-date") == (
        f"A+E Networks. n.d. “{TITLE_CASE}.” HISTORY. Accessed March 22, 2018. {LENIN_URL}.")
    assert one(LENIN_COMPLETED, "chicago-author-date", mode="intext") == "(A+E Networks, n.d.)"


# --- The Lenin record as the block gives it: no site, no URL, no year ---------------------------

def test_mla_as_parsed_page_stands_alone_in_italics():
    assert one(LENIN_AS_PARSED, "mla", fmt="html") == (
        f"<i>{TITLE_CASE}</i>. A+E Networks. Accessed 22 Mar. 2018.")


def test_apa_as_parsed_has_title_first_and_nd():
    assert one(LENIN_AS_PARSED, "apa", fmt="html") == f"<i>{SENTENCE_CASE}</i>. (n.d.)."


def test_chicago_as_parsed_note_and_author_date():
    assert one(LENIN_AS_PARSED, "chicago", mode="note") == f"“{TITLE_CASE},” A+E Networks."
    assert one(LENIN_AS_PARSED, "chicago-author-date") == f"A+E Networks. n.d. “{TITLE_CASE}.”"


# --- Ordinary records, locators, sorting, formats -------------------------------------------------

def test_book_in_each_style_with_full_given_names_where_the_guide_wants_them():
    assert one(SMITH, "mla", fmt="markdown") == "Smith, Zadie. *White Teeth*. Hamish Hamilton, 2000."
    assert one(SMITH, "apa", fmt="markdown") == "Smith, Z. (2000). *White teeth*. Hamish Hamilton."
    assert one(SMITH, "chicago", fmt="markdown") == "Smith, Zadie. *White Teeth*. Hamish Hamilton, 2000."


def test_locators_in_each_style():
    assert one(SMITH, "mla", mode="intext", locator="23") == "(Smith 23)"
    assert one(SMITH, "apa", mode="intext", locator="23") == "(Smith, 2000, p. 23)"
    assert one(SMITH, "chicago-author-date", mode="intext", locator="23") == "(Smith 2000, 23)"
    assert one(SMITH, "chicago", mode="note", locator="23", fmt="markdown") == (
        "Zadie Smith, *White Teeth* (Hamish Hamilton, 2000), 23.")
    assert one(SMITH, "chicago-author-date", mode="intext", locator="4", label="chapter") == (
        "(Smith 2000, chap. 4)")


def test_several_records_give_one_bibliography_sorted_by_the_style():
    adams = {**SMITH, "id": "adams", "author": [{"family": "Adams", "given": "Douglas"}],
             "title": "The hitchhiker's guide to the galaxy", "issued": {"date-parts": [[1979]]},
             "publisher": "Pan Books"}
    entries = render_citations([SMITH, LENIN_COMPLETED, adams], "mla")
    assert [e.record_id for e in entries] == ["adams", "lenin-armistice", "smith-2000"]
    assert entries[0].text == "Adams, Douglas. The Hitchhiker’s Guide to the Galaxy. Pan Books, 1979."


def test_intext_keeps_the_order_given():
    entries = render_citations([SMITH, LENIN_COMPLETED], "apa", mode="intext")
    assert [e.record_id for e in entries] == ["smith-2000", "lenin-armistice"]


def test_field_values_are_escaped_in_html_and_markdown():
    hostile = {**SMITH, "title": 'Tricks <script>alert(1)</script> & "quotes" [x](http://evil)'}
    # APA keeps the title's case as given, so the hostile text arrives intact.
    html_text = one(hostile, "apa", fmt="html")
    assert "<script>" not in html_text
    assert "<i>Tricks &lt;script&gt;alert(1)&lt;/script&gt; &amp; “quotes” [x](http://evil)</i>" in html_text
    markdown = one(hostile, "apa", fmt="markdown")
    assert r"*Tricks \<script\>alert(1)\</script\> & “quotes” \[x\](http://evil)*" in markdown


def test_mode_that_the_style_does_not_have_is_refused():
    with pytest.raises(CitekitError, match="puts citations in the text, not in notes"):
        one(SMITH, "mla", mode="note")
    with pytest.raises(CitekitError, match="cites in footnotes"):
        one(SMITH, "chicago", mode="intext")


def test_unknown_style_suggests_close_names():
    with pytest.raises(CitekitError) as caught:
        one(SMITH, "chicago-author")
    assert "unknown style 'chicago-author'" in str(caught.value)
    assert "chicago-author-date" in str(caught.value)


def test_style_from_a_csl_path(tmp_path):
    from citekit.render.styles import resolve_style

    copy = tmp_path / "my-mla.csl"
    copy.write_bytes(resolve_style("mla").path.read_bytes())
    assert one(SMITH, str(copy), mode="intext", locator="23") == "(Smith 23)"


def test_chicago_17_is_offered():
    assert one(SMITH, "chicago-17", mode="note", locator="23") == (
        "Zadie Smith, White Teeth (Hamish Hamilton, 2000), 23.")


# --- Rich text backends, without an engine --------------------------------------------------

def test_backends_render_the_same_tree_three_ways():
    rich = RichText([Str("A <b> & "), Styled("emph", (Str("Title*"),)), Str(". "),
                     Link("https://x.org/?a=1&b=2", (Str("x.org"),))])
    assert to_text(rich) == "A <b> & Title*. x.org"
    assert to_html(rich) == 'A &lt;b&gt; &amp; <i>Title*</i>. <a href="https://x.org/?a=1&amp;b=2">x.org</a>'
    assert to_markdown(rich) == r"A \<b\> & *Title\**. x.org"

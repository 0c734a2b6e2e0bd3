"""citekit's guide rules (render/rules.py): each rule alone on a record copy, then end to end.

Expected values follow the guide each rule quotes in its `says` text.
"""

from __future__ import annotations

import pytest

from citekit.errors import CitekitError
from citekit.render import render_citations
from citekit.render.rules import (
    APA_RULES,
    CHICAGO_RULES,
    GUIDE_RULES,
    MLA_RULES,
    RULE_CODES,
    RenderOptions,
    apply_guide_rules,
    patch_style,
)
from citekit.render.rules_reference_works import apa_wiki_full_date
from citekit.render.style_patches import (
    american_fall,
    apa_retrieval_needs_accessed,
    mla_page_range_hyphen,
    version_label_once,
)
from citekit.render.styles import resolve_style
from conftest import LENIN_AS_PARSED, LENIN_COMPLETED, LENIN_URL

TITLE_CASE = "November 08, 1917 : New Russian Leader Lenin Calls for Immediate Armistice"
SENTENCE_CASE = "November 08, 1917 : New Russian leader Lenin calls for immediate armistice"
BARE_URL = LENIN_URL.removeprefix("https://")
APA_UNDATED = f"*{SENTENCE_CASE}*. (n.d.). HISTORY. {LENIN_URL}"
APA_RETRIEVED = f"*{SENTENCE_CASE}*. (n.d.). HISTORY. Retrieved March 22, 2018, from {LENIN_URL}"


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CITEKIT_CACHE_DIR", str(folder))
    return folder


def prepared(item: dict, family: str | None, **options) -> dict:
    [copy] = apply_guide_rules([{"id": "x", **item}], RenderOptions(family=family, **options))
    return copy


def one(record: dict, style: str, **options) -> str:
    [entry] = render_citations([record], style, fmt="markdown", **options)
    return entry.text


# --- The table ----------------------------------------------------------------------------------

def test_rules_are_data_one_table_per_family():
    assert len(set(RULE_CODES)) == len(RULE_CODES)
    for rule in GUIDE_RULES:
        assert rule.code == rule.code.lower() and " " not in rule.code
        assert rule.families <= {"mla", "apa", "chicago"}
        assert rule.says.strip().endswith((".", ")"))
    assert {r.families for r in MLA_RULES} == {frozenset({"mla"})}
    assert {r.families for r in APA_RULES} == {frozenset({"apa"})}
    assert {r.families for r in CHICAGO_RULES} == {frozenset({"chicago"})}
    assert {"generic-byline-is-no-author", "mla-url-without-scheme", "mla-organisation-author-is-publisher",
            "mla-publisher-repeats-site", "mla-access-date-undated-only", "apa-web-page-group-author",
            "apa-site-repeats-author", "apa-retrieval-date-only-when-asked", "chicago-access-date-undated-only",
            "no-date-marker-is-no-date"} <= set(RULE_CODES)


def test_rules_change_only_a_copy():
    record = dict(LENIN_COMPLETED)
    [copy] = apply_guide_rules([record], RenderOptions(family="mla"))
    assert copy["URL"] == BARE_URL and "author" not in copy
    assert record == LENIN_COMPLETED


def test_unknown_rule_is_a_usage_error():
    with pytest.raises(CitekitError, match="unknown rule 'no-such-rule'"):
        one(LENIN_AS_PARSED, "mla", disabled_rules=frozenset({"no-such-rule"}))


# --- Every guide --------------------------------------------------------------------------------

def test_generic_byline_rule_can_be_switched_off():
    text = one(LENIN_AS_PARSED, "mla", disabled_rules=frozenset({"generic-byline-is-no-author"}))
    assert text == f"Staff. *{TITLE_CASE}*. A+E Networks. Accessed 22 Mar. 2018."


GO_ASK_ALICE = {"id": "anon1", "type": "book", "title": "Go ask Alice", "author": [{"literal": "Anonymous"}],
                "publisher": "Prentice-Hall", "issued": {"date-parts": [[1971]]}}


@pytest.mark.parametrize("engine", ["pandoc", "citeproc-py"])
def test_apa_keeps_anonymous_as_the_author_of_a_work_signed_so(engine):
    # APA 7 9.12: "Anonymous" is the author when the work is signed "Anonymous"; MLA 9 (5.21) and
    # Chicago (14.79) begin with the title.
    assert one(GO_ASK_ALICE, "apa", engine=engine) == "Anonymous. (1971). *Go ask Alice*. Prentice-Hall."
    assert one(GO_ASK_ALICE, "apa", engine=engine, mode="intext") == "(Anonymous, 1971)"
    assert one(GO_ASK_ALICE, "mla", engine=engine) == "*Go Ask Alice*. Prentice-Hall, 1971."
    assert one(GO_ASK_ALICE, "mla", engine=engine, mode="intext") == "(*Go Ask Alice*)"
    assert one(GO_ASK_ALICE, "chicago", engine=engine) == "*Go Ask Alice*. Prentice-Hall, 1971."
    assert one(GO_ASK_ALICE, "chicago-author-date", engine=engine) == "*Go Ask Alice*. 1971. Prentice-Hall."


@pytest.mark.parametrize("name, kept", [
    ({"literal": "Anonymous"}, True), ({"literal": "Anon."}, True), ({"family": "Anonymous"}, True),
    ({"literal": "Staff"}, False), ({"literal": "Unknown author"}, False),
])
def test_apa_keeps_the_anonymous_byline_as_written_and_drops_other_placeholders(name, kept):
    copy = prepared({"type": "book", "author": [name]}, "apa")
    assert copy.get("author") == ([name] if kept else None)
    for family in ("mla", "chicago", None):
        assert "author" not in prepared({"type": "book", "author": [name]}, family)


@pytest.mark.parametrize("issued", [{"literal": "n.d."}, "n.d.", {"raw": "Undated"}, {"literal": "no date"}])
def test_a_no_date_marker_is_no_date(issued):
    assert "issued" not in prepared({"type": "webpage", "issued": issued}, "apa")


def test_a_real_literal_date_is_kept_and_unknown_styles_are_left_alone():
    assert prepared({"type": "book", "issued": {"literal": "Spring 2019"}}, "chicago")["issued"] == {
        "literal": "Spring 2019"}
    assert prepared({"type": "book", "issued": {"literal": "n.d."}}, None)["issued"] == {"literal": "n.d."}


@pytest.mark.parametrize("publisher, shorter", [
    ("Scholastic Inc.", "Scholastic"), ("Blackwell Publishing Ltd", "Blackwell Publishing"),
    ("Acme Books, LLC", "Acme Books"), ("Hachette Corporation", "Hachette"),
    ("W. W. Norton & Company", "W. W. Norton & Company"), ("Limited Editions Club", "Limited Editions Club"),
])
def test_business_words_leave_publisher_names(publisher, shorter):
    for family in ("mla", "apa", "chicago"):
        assert prepared({"type": "book", "publisher": publisher}, family)["publisher"] == shorter
    assert prepared({"type": "book", "publisher": publisher}, None)["publisher"] == publisher


# --- MLA 9 --------------------------------------------------------------------------------------

def test_mla_keeps_doi_urls_and_drops_a_publisher_that_repeats_the_site():
    item = {"type": "webpage", "URL": "https://doi.org/10.1000/182", "container-title": "The Atlantic",
            "publisher": "Atlantic"}
    copy = prepared(item, "mla")
    assert copy["URL"] == "https://doi.org/10.1000/182"
    assert "publisher" not in copy


@pytest.mark.parametrize("item, author_kept", [
    ({"container-title": "World Health Organization"}, False),
    ({"publisher": "The World Health Organization"}, False),
    ({"container-title": "Health Topics", "publisher": "WHO Press"}, True),
])
def test_mla_organisation_that_is_also_site_or_publisher_is_not_the_author(item, author_kept):
    copy = prepared({"type": "webpage", "author": [{"literal": "World Health Organization"}], **item}, "mla")
    assert ("author" in copy) is author_kept


def test_mla_gives_the_access_date_only_for_undated_sources():
    dated = {"type": "webpage", "issued": "2020", "accessed": {"date-parts": [[2021, 1, 2]]}}
    assert "accessed" not in prepared(dated, "mla")
    assert prepared({**dated, "issued": None}, "mla")["accessed"] == {"date-parts": [[2021, 1, 2]]}


@pytest.mark.parametrize("publisher, short", [
    ("Oxford University Press", "Oxford UP"), ("University of Chicago Press", "U of Chicago P"),
    ("The MIT Press", "MIT P"), ("Belknap Press of Harvard University Press", "Belknap P of Harvard UP"),
    ("University of North Carolina at Chapel Hill", "University of North Carolina at Chapel Hill"),
    ("Penguin Press", "Penguin Press"),
])
def test_mla_abbreviates_academic_presses(publisher, short):
    assert prepared({"type": "book", "publisher": publisher}, "mla")["publisher"] == short
    assert prepared({"type": "book", "publisher": publisher}, "apa")["publisher"] == publisher


def test_mla_page_ranges_take_a_hyphen():
    article = {"id": "g", "type": "article-journal", "title": "Questions of transport",
               "author": [{"family": "Goldman", "given": "Anne"}], "container-title": "Georgia Review",
               "volume": "64", "issue": "1", "page": "69-88", "issued": {"date-parts": [[2010]]}}
    expected = "Goldman, Anne. “Questions of Transport.” *Georgia Review*, vol. 64, no. 1, 2010, pp. {}."
    assert one(article, "mla") == expected.format("69-88")
    assert one(article, "mla", disabled_rules=frozenset({"mla-page-range-hyphen"})) == expected.format("69–88")
    assert mla_page_range_hyphen("<style><info></info></style>") == (
        '<style><info></info>\n  <locale><terms><term name="page-range-delimiter">-</term></terms></locale></style>')
    assert mla_page_range_hyphen("<style></style>") is None


# --- APA 7 --------------------------------------------------------------------------------------

def test_apa_authorless_web_page_has_its_publisher_as_group_author():
    copy = prepared({"type": "webpage", "publisher": "University of Somewhere", "container-title": "Writing Center"},
                    "apa")
    assert copy["author"] == [{"literal": "University of Somewhere"}] and "publisher" not in copy


def test_apa_web_page_with_an_author_names_its_site_not_a_publisher():
    item = {"type": "webpage", "author": [{"family": "Smith", "given": "Jane"}], "publisher": "Owner"}
    assert "publisher" not in prepared({**item, "container-title": "Site"}, "apa")
    assert prepared(item, "apa")["publisher"] == "Owner"  # no site name: the publisher stands in


def test_apa_site_and_publisher_that_repeat_the_group_author_are_left_out():
    who = {"type": "webpage", "author": [{"literal": "World Health Organization"}],
           "container-title": "World Health Organization", "publisher": "World Health Organization"}
    copy = prepared(who, "apa")
    assert "container-title" not in copy and "publisher" not in copy
    book = {"type": "book", "author": [{"literal": "American Psychological Association"}],
            "publisher": "American Psychological Association"}
    assert "publisher" not in prepared(book, "apa")


def test_apa_retrieval_date_only_when_asked():
    item = {"type": "webpage", "accessed": {"date-parts": [[2018, 3, 22]]}}
    assert "accessed" not in prepared(item, "apa")
    assert prepared(item, "apa", retrieved=True)["accessed"] == {"date-parts": [[2018, 3, 22]]}


def test_apa_lenin_page_without_and_with_retrieved():
    assert one(LENIN_COMPLETED, "apa") == APA_UNDATED
    assert one(LENIN_COMPLETED, "apa", retrieved=True) == APA_RETRIEVED
    # Switched off, apa.csl prints what it prints on its own: a retrieval date for every undated page.
    assert one(LENIN_COMPLETED, "apa", disabled_rules=frozenset({"apa-retrieval-date-only-when-asked"})) == (
        APA_RETRIEVED)


def test_apa_never_prints_a_bare_retrieved():
    no_access_date = {key: value for key, value in LENIN_COMPLETED.items() if key != "accessed"}
    assert one(no_access_date, "apa", retrieved=True) == APA_UNDATED
    dated = {**LENIN_COMPLETED, "issued": {"date-parts": [[2009, 11, 13]]}}
    assert one(dated, "apa", retrieved=True) == (
        f"*{SENTENCE_CASE}*. (2009, November 13). HISTORY. Retrieved March 22, 2018, from {LENIN_URL}")
    assert one(dated, "apa") == f"*{SENTENCE_CASE}*. (2009, November 13). HISTORY. {LENIN_URL}"


def test_apa_style_patch_changes_one_condition_in_a_cached_copy(cache_folder):
    style = resolve_style("apa")
    original = style.path.read_text(encoding="utf-8")
    patched = apa_retrieval_needs_accessed(original)
    assert patched is not None and patched != original
    assert patched.replace('<if variable="accessed">', '<if match="none" variable="issued status">', 1) == original
    assert apa_retrieval_needs_accessed(patched) is None  # the condition is found once, and only once
    used, disabled = patch_style(style, RenderOptions(family="apa"))
    # The copy keeps the file's name, in a folder named after the original and the patches.
    assert used.path.parent.parent == cache_folder / "styles" and used.path.name == "apa.csl"
    assert used.path.read_text(encoding="utf-8") == apa_wiki_full_date(
        apa_retrieval_needs_accessed(american_fall(version_label_once(original))))
    assert disabled == frozenset()
    again, _ = patch_style(style, RenderOptions(family="apa"))
    assert again.path == used.path
    one_patch, _ = patch_style(style, RenderOptions(family="apa"),
                               frozenset({"season-fall-in-american-english", "apa-wiki-entry", "version-label-once"}))
    assert one_patch.path != used.path and one_patch.path.read_text(encoding="utf-8") == patched
    off, _ = patch_style(style, RenderOptions(family="apa"),
                         frozenset({"apa-retrieval-date-only-when-asked", "season-fall-in-american-english",
                                    "apa-wiki-entry", "version-label-once"}))
    assert off.path == style.path


def test_apa_copy_the_patch_does_not_fit_keeps_its_own_behaviour(tmp_path):
    edited = resolve_style("apa").path.read_text(encoding="utf-8").replace(
        '<if match="none" variable="issued status">', '<if match="none" variable="issued">')
    local = tmp_path / "apa.csl"
    local.write_text(edited, encoding="utf-8")
    used, disabled = patch_style(resolve_style(str(local)), RenderOptions(family="apa"))
    assert "apa-retrieval-date-only-when-asked" in disabled
    assert used.path.read_text(encoding="utf-8") == apa_wiki_full_date(american_fall(version_label_once(edited)))  # the patches that fit still apply
    assert one(LENIN_COMPLETED, str(local)) == APA_RETRIEVED  # the access date is kept, never a bare "Retrieved"


# --- Chicago ------------------------------------------------------------------------------------

def test_chicago_drops_access_date_when_the_source_is_dated():
    item = {"type": "webpage", "issued": {"date-parts": [[2020]]}, "accessed": {"date-parts": [[2021, 1, 2]]}}
    assert "accessed" not in prepared(item, "chicago")
    assert prepared(item, None)["accessed"] == {"date-parts": [[2021, 1, 2]]}


def test_chicago_web_page_does_not_repeat_its_owner_but_a_book_does():
    page = {"type": "webpage", "author": [{"literal": "Yale University"}], "container-title": "Yale University",
            "publisher": "Yale University"}
    copy = prepared(page, "chicago")
    assert "container-title" not in copy and "publisher" not in copy
    book = {"type": "book", "author": [{"literal": "University of Chicago Press"}],
            "publisher": "University of Chicago Press"}
    assert prepared(book, "chicago")["publisher"] == "University of Chicago Press"


def test_chicago_newspaper_names_lose_an_initial_the():
    assert prepared({"type": "article-newspaper", "container-title": "The Guardian"}, "chicago")[
        "container-title"] == "Guardian"
    assert prepared({"type": "article-journal", "container-title": "The Georgia Review"}, "chicago")[
        "container-title"] == "The Georgia Review"
    assert prepared({"type": "article-newspaper", "container-title": "The Guardian"}, "mla")[
        "container-title"] == "The Guardian"


# --- Whichever way the style is named -------------------------------------------------------------

@pytest.mark.parametrize("name", ["apa", "apa-7", "LOCAL:apa.csl"])
def test_apa_rules_follow_the_family_whatever_the_name(name, tmp_path):
    if name.startswith("LOCAL:"):
        local = tmp_path / name.removeprefix("LOCAL:")
        local.write_bytes(resolve_style("apa").path.read_bytes())
        name = str(local)
    assert one(LENIN_COMPLETED, name) == APA_UNDATED


@pytest.mark.parametrize("name", ["chicago-author-date", "chicago-author-date-17th-edition", "chicago-author-date-17",
                                  "LOCAL:chicago-author-date.csl"])
def test_chicago_rules_follow_the_family_whatever_the_name(name, tmp_path):
    if name.startswith("LOCAL:"):
        local = tmp_path / name.removeprefix("LOCAL:")
        local.write_bytes(resolve_style("chicago-author-date").path.read_bytes())
        name = str(local)
    dated = {**LENIN_COMPLETED, "author": [{"family": "Smith", "given": "Jane"}], "issued": {"date-parts": [[2009]]}}
    assert one(dated, name) == f"Smith, Jane. 2009. “{TITLE_CASE}.” HISTORY, A+E Networks. {LENIN_URL}."


def test_a_doi_written_as_a_link_is_cited_once_with_its_resolver():
    article = {"id": "d", "type": "article-journal", "title": "Sleep and memory", "container-title": "Journal of Sleep Research",
               "author": [{"family": "Smith", "given": "Zadie"}], "issued": {"date-parts": [[2020]]},
               "DOI": "https://doi.org/10.1111/jsr.12345"}
    # APA 7 (9.34): the DOI as https://doi.org/ and the bare name, once.
    [entry] = render_citations([article], "apa")
    assert entry.text == "Smith, Z. (2020). Sleep and memory. Journal of Sleep Research. https://doi.org/10.1111/jsr.12345"
    [prepared] = apply_guide_rules([{**article, "DOI": "doi: 10.1111/jsr.12345"}], RenderOptions(family="mla"))
    assert prepared["DOI"] == "10.1111/jsr.12345"


def _authors(count: int) -> list[dict]:
    return [{"family": f"Author{chr(65 + n)}", "given": chr(65 + n)} for n in range(count)]


def test_apa_prints_three_spaced_periods_before_the_last_of_21_authors():
    item = {"id": "many", "type": "article-journal", "title": "Wait… what?", "issued": {"date-parts": [[2020]]},
            "container-title": "Memory", "author": _authors(21)}
    listed = ", ".join(f"Author{chr(65 + n)}, {chr(65 + n)}." for n in range(19))
    # The title's own ellipsis is the title's: only the one in the author list changes.
    assert one(item, "apa") == f"{listed}, . . . AuthorU, U. (2020). Wait… what? *Memory*."
    assert one(item, "apa", disabled_rules=frozenset({"apa-spaced-ellipsis"})) == (
        f"{listed}, \u2026 AuthorU, U. (2020). Wait… what? *Memory*.")

"""Guide rules for entries in online reference works (render/rules_reference_works.py, and the APA
retrieval date of an undated entry in rules_fields.apa_retrieval_date_only_when_asked).

Expected values follow APA 7 10.3 (Wikipedia example: "Oil painting. (2019, December 8). In
*Wikipedia*. https://en.wikipedia.org/w/index.php?title=Oil_painting&oldid=929802398", in the text
("Oil Painting," 2019); dictionary example: "Merriam-Webster. (n.d.). Semantics. In
*Merriam-Webster.com dictionary*. Retrieved May 5, 2019, from https://…") and APA 7 9.16, and the
MLA 9 forms of the same two entries.
"""

from __future__ import annotations

import json

import pytest

from citekit.ids import is_generic_byline
from citekit.render.rules_reference_works import FULL_DATE_FLAG, apa_wiki_full_date, is_wiki_entry
from rule_helpers import isolated_style_cache, one, prepared  # noqa: F401 (the fixture is autouse)

ENGINES = ["pandoc", "citeproc-py"]


OIL = {"type": "entry-encyclopedia", "title": "Oil painting", "container-title": "Wikipedia",
       "publisher": "Wikimedia Foundation", "issued": "2019-12-08",
       "URL": "https://en.wikipedia.org/w/index.php?title=Oil_painting&oldid=929802398", "accessed": "2020-01-15"}
OIL_URL = "https://en.wikipedia.org/w/index.php?title=Oil\\_painting&oldid=929802398"
TREATY = {"type": "entry-encyclopedia", "title": "Treaty of Versailles", "container-title": "Wikipedia",
          "publisher": "Wikimedia Foundation", "issued": "2024-02-14",
          "URL": "https://en.wikipedia.org/wiki/Treaty_of_Versailles", "accessed": "2024-03-01"}
SEMANTICS = {"type": "entry-dictionary", "title": "Semantics", "container-title": "Merriam-Webster.com dictionary",
             "publisher": "Merriam-Webster", "URL": "https://www.merriam-webster.com/dictionary/semantics",
             "accessed": "2024-03-10"}
SEMANTICS_APA = ("Merriam-Webster. (n.d.). Semantics. In *Merriam-Webster.com dictionary*. Retrieved March 10, 2024, "
                 "from https://www.merriam-webster.com/dictionary/semantics")


# --- What counts as a wiki ---------------------------------------------------------------------------

@pytest.mark.parametrize("changes", [
    {}, {"URL": "https://de.wikipedia.org/wiki/Versailler_Vertrag", "container-title": "Die freie Enzyklopädie"},
    {"URL": "en.wiktionary.org/wiki/semantics", "container-title": "Online dictionary"},
    {"URL": "https://minecraft.fandom.com/wiki/Creeper", "container-title": "Minecraft"},
    {"URL": None, "container-title": "Minecraft Wiki"}, {"type": "entry"}, {"type": "entry-dictionary"},
])
def test_a_wiki_is_told_by_its_url_or_its_name(changes):
    item = {key: value for key, value in {**TREATY, **changes}.items() if value is not None}
    assert is_wiki_entry(item)


@pytest.mark.parametrize("changes", [
    {"type": "webpage"}, {"type": "book"},
    {"URL": "https://www.britannica.com/event/Treaty-of-Versailles", "container-title": "Encyclopedia Britannica"},
    {"URL": "https://www.wikiwand.example.org/x", "container-title": "Wikiwandering"},  # not the word "wiki"
])
def test_other_entries_and_other_types_are_not_wikis(changes):
    assert not is_wiki_entry({**TREATY, **changes})


# --- APA 7: a wiki entry has no author and its full date -------------------------------------------

def test_apa_wiki_entry_copy_has_no_group_author_and_a_full_date_flag():
    copy = prepared(OIL, "apa")
    assert "publisher" not in copy and "author" not in copy
    assert copy[FULL_DATE_FLAG] == "true"
    assert "publisher" not in prepared(OIL, "apa")  # the student's record is untouched
    assert OIL["publisher"] == "Wikimedia Foundation"


def test_apa_wiki_entry_with_a_year_only_gets_no_full_date_flag():
    assert FULL_DATE_FLAG not in prepared({**OIL, "issued": "2019"}, "apa")


def test_apa_keeps_a_signed_wiki_entry_s_author_and_publisher():
    signed = {**OIL, "author": [{"family": "Ng", "given": "Ada"}]}
    copy = prepared(signed, "apa")
    assert copy["author"] == [{"family": "Ng", "given": "Ada"}] and copy["publisher"] == "Wikimedia Foundation"


@pytest.mark.parametrize("engine", ENGINES)
def test_apa_wikipedia_example(engine):
    assert one(OIL, "apa", engine=engine) == f"Oil painting. (2019, December 8). In *Wikipedia*. {OIL_URL}"
    assert one(OIL, "apa", mode="intext", engine=engine) == "(“Oil Painting,” 2019)"
    assert one(TREATY, "apa", engine=engine) == ("Treaty of Versailles. (2024, February 14). In *Wikipedia*. "
                                                "https://en.wikipedia.org/wiki/Treaty\\_of\\_Versailles")
    assert one(TREATY, "apa", mode="intext", engine=engine) == "(“Treaty of Versailles,” 2024)"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_wiki_byline_is_no_author_in_any_guide(engine):
    zotero = {**OIL, "author": [{"literal": "Contributors to Wikimedia projects"}]}
    assert one(zotero, "apa", engine=engine) == f"Oil painting. (2019, December 8). In *Wikipedia*. {OIL_URL}"
    assert one(zotero, "mla", engine=engine) == ("“Oil Painting.” *Wikipedia*, Wikimedia Foundation, 8 Dec. 2019, "
                                                 "en.wikipedia.org/w/index.php?title=Oil\\_painting&oldid=929802398.")
    for byline in ("Wikipedia contributors", "Contributors to Wikipedia", "Contributors to Wikimedia projects"):
        for family in ("mla", "apa", "chicago"):
            assert "author" not in prepared({**OIL, "author": [{"literal": byline}]}, family)


# A Wikipedia page saved as a web page (a browser connector's "webpage"): the byline is no author either.
OIL_PAGE = {**OIL, "type": "webpage", "issued": {"date-parts": [[2019, 12, 8]]},
            "author": [{"literal": "Contributors to Wikimedia projects"}]}


@pytest.mark.parametrize("engine", ENGINES)
def test_a_wiki_byline_is_no_author_of_a_wiki_page_typed_webpage(engine):
    # MLA 9 (title first, website in italics) and APA 7 10.16 (no author: "*Title*. (Year, Month Day). Site. URL").
    assert one(OIL_PAGE, "mla", engine=engine) == (
        "“Oil Painting.” *Wikipedia*, Wikimedia Foundation, 8 Dec. 2019, "
        "en.wikipedia.org/w/index.php?title=Oil\\_painting&oldid=929802398.")
    assert one(OIL_PAGE, "apa", engine=engine) == f"*Oil painting*. (2019, December 8). Wikipedia. {OIL_URL}"
    for style in ("chicago", "chicago-author-date", "chicago-17", "chicago-author-date-17"):
        assert "Contributors" not in one(OIL_PAGE, style, engine=engine)
    for family in ("mla", "apa", "chicago"):
        assert "author" not in prepared(OIL_PAGE, family)


def test_wiki_bylines_are_generic_bylines_that_validate_reports():
    from citekit.model import record_from_csl
    from citekit.validate import validate_records

    for byline in ("Wikipedia contributors", "Contributors to Wikimedia projects", "Contributors to Wikipedia"):
        assert is_generic_byline(byline)
    record = record_from_csl({**OIL_PAGE, "id": "oil"})
    assert "generic-author" in [finding.code for finding in validate_records([record], style="mla")]


def test_apa_wiki_rules_switched_off():
    off = frozenset({"apa-wiki-entry"})
    assert one(OIL, "apa", disabled_rules=off) == f"Wikimedia Foundation. (2019). Oil painting. In *Wikipedia*. {OIL_URL}"
    assert one(OIL, "apa", mode="intext", disabled_rules=off) == "(Wikimedia Foundation, 2019)"
    zotero = {**OIL, "author": [{"literal": "Contributors to Wikimedia projects"}]}
    assert one(zotero, "apa", disabled_rules=frozenset({"generic-byline-is-no-author"})).startswith(
        "Contributors to Wikimedia projects. (2019")
    assert one(OIL_PAGE, "mla", disabled_rules=frozenset({"generic-byline-is-no-author"})).startswith(
        "Contributors to Wikimedia projects. “Oil Painting.”")


def test_apa_wiki_entry_dated_by_a_season_gets_the_year_only():
    # APA 7 10.3 dates the revision cited: a full date with a real month, never a season.
    assert FULL_DATE_FLAG not in prepared({**OIL, "issued": "Fall 2019"}, "apa")
    assert FULL_DATE_FLAG not in prepared({**OIL, "issued": "2019-23"}, "apa")
    assert FULL_DATE_FLAG not in prepared({**OIL, "issued": {"date-parts": [[2019]], "season": 3}}, "apa")
    assert prepared({**OIL, "issued": "December 8, 2019"}, "apa")[FULL_DATE_FLAG] == "true"


# A URL whose host urlsplit cannot read ("Invalid IPv6 URL") is no wiki's address, and no crash.
BAD_URL = {**TREATY, "id": "w", "title": "X", "URL": "https://en.wikipedia.org]/wiki/X", "issued": "2020-05"}


def test_an_unreadable_url_is_no_wiki_s_and_does_not_crash():
    assert is_wiki_entry(BAD_URL)  # still a wiki by its container's name
    assert not is_wiki_entry({**BAD_URL, "container-title": "Encyclopedia Britannica"})
    for family in ("mla", "apa", "chicago"):
        prepared(BAD_URL, family)
        prepared({**BAD_URL, "container-title": "Encyclopedia Britannica"}, family)


def test_an_unreadable_url_does_not_crash_the_cli(tmp_path):
    from click.testing import CliRunner

    from citekit.cli import cli

    path = tmp_path / "w.json"
    path.write_text(json.dumps([{"id": "w", "type": "entry-encyclopedia", "title": "X", "container-title": "Wikipedia",
                                 "URL": "https://en.wikipedia.org]/wiki/X", "issued": "2020-05"}]), encoding="utf-8")
    for style, mode in (("mla", "bib"), ("apa", "bib"), ("chicago", "note")):
        result = CliRunner().invoke(cli, ["cite", str(path), "--style", style, "--mode", mode], prog_name="citekit")
        assert result.exit_code == 0 and "internal error" not in result.output, result.output
        assert "X" in result.output


def test_apa_full_date_patch_touches_only_the_date_macro_and_refuses_a_file_it_does_not_fit():
    csl = ('<macro name="date-issued-month-day"></macro><macro name="date"><group delimiter=", "><group>'
           '<text macro="date-issued-year"/><text variable="year-suffix"/></group></group></macro>'
           '<macro name="other"><group><text macro="date-issued-year"/><text variable="year-suffix"/></group></macro>')
    changed = apa_wiki_full_date(csl)
    assert changed.count(FULL_DATE_FLAG) == 1
    assert changed.index(FULL_DATE_FLAG) < changed.index('<macro name="other">')
    assert apa_wiki_full_date(csl.replace('<macro name="date">', '<macro name="dated">')) is None
    assert apa_wiki_full_date(csl.replace('<macro name="date-issued-month-day"></macro>', "")) is None
    # The year group of another macro is not taken for the date macro's.
    assert apa_wiki_full_date(csl.replace("<group><text", "<grp><text", 1)) is None


# --- APA 7 9.16: an undated online entry gets its retrieval date -----------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_apa_dictionary_example_has_its_retrieval_date_without_being_asked(engine):
    assert one(SEMANTICS, "apa", engine=engine) == SEMANTICS_APA
    assert one(SEMANTICS, "apa", engine=engine, retrieved=True) == SEMANTICS_APA
    assert one(SEMANTICS, "apa", mode="intext", engine=engine) == "(Merriam-Webster, n.d.)"


def test_apa_retrieval_date_stays_off_for_dated_entries_and_other_undated_pages():
    assert "accessed" not in prepared(OIL, "apa")  # dated (an archived revision): no retrieval date
    assert "accessed" not in prepared({**SEMANTICS, "type": "webpage"}, "apa")  # only with --retrieved
    assert "accessed" not in prepared({**SEMANTICS, "URL": None}, "apa")
    assert "accessed" in prepared({**SEMANTICS, "type": "entry"}, "apa")
    assert "accessed" in prepared({**SEMANTICS, "type": "webpage"}, "apa", retrieved=True)


def test_apa_retrieval_date_rule_switched_off_prints_what_apa_csl_prints():
    off = frozenset({"apa-retrieval-date-only-when-asked"})
    assert one(SEMANTICS, "apa", disabled_rules=off) == SEMANTICS_APA  # apa.csl's own form for an undated item


# --- MLA 9 forms (printed by the style and the existing MLA rules) -----------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_mla_forms_of_a_wiki_entry_and_a_dictionary_entry(engine):
    assert one(TREATY, "mla", engine=engine) == ("“Treaty of Versailles.” *Wikipedia*, Wikimedia Foundation, "
                                                 "14 Feb. 2024, en.wikipedia.org/wiki/Treaty\\_of\\_Versailles.")
    assert one(SEMANTICS, "mla", engine=engine) == (
        "“Semantics.” *Merriam-Webster.com Dictionary*, Merriam-Webster, www.merriam-webster.com/dictionary/semantics. "
        "Accessed 10 Mar. 2024.")
    assert one(SEMANTICS, "mla", mode="intext", engine=engine) == "(“Semantics”)"

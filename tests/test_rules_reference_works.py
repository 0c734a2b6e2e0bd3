"""Guide rules for entries in online reference works (render/rules_reference_works.py, and the APA
retrieval date of an undated entry in rules_fields.apa_retrieval_date_only_when_asked).

Expected values follow APA 7 10.3 (Wikipedia example: "Oil painting. (2019, December 8). In
*Wikipedia*. https://en.wikipedia.org/w/index.php?title=Oil_painting&oldid=929802398", in the text
("Oil Painting," 2019); dictionary example: "Merriam-Webster. (n.d.). Semantics. In
*Merriam-Webster.com dictionary*. Retrieved May 5, 2019, from https://…") and APA 7 9.16, and the
MLA 9 forms of the same two entries.
"""

from __future__ import annotations

import pytest

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
    for byline in ("Wikipedia contributors", "Contributors to Wikipedia"):
        assert "author" not in prepared({**OIL, "author": [{"literal": byline}]}, "chicago")


def test_apa_wiki_rules_switched_off():
    off = frozenset({"apa-wiki-entry"})
    assert one(OIL, "apa", disabled_rules=off) == f"Wikimedia Foundation. (2019). Oil painting. In *Wikipedia*. {OIL_URL}"
    assert one(OIL, "apa", mode="intext", disabled_rules=off) == "(Wikimedia Foundation, 2019)"
    zotero = {**OIL, "author": [{"literal": "Contributors to Wikimedia projects"}]}
    assert one(zotero, "apa", disabled_rules=frozenset({"wiki-byline-is-no-author"})).startswith(
        "Contributors to Wikimedia projects. (2019).")


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

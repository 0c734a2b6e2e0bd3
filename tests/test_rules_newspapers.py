"""Guide rules for print newspaper articles' editions and sections (render/rules_newspapers.py).

Expected values follow MLA 9 (version "late ed." after the newspaper's name; a section letter is part of
the page "p. A1"), APA 7 10.1 example 17 (page after the newspaper's name, no edition or section) and
CMOS 18 14.89 / CMOS 17 14.191 (pages omitted; "late edition, sec. A" after the date).
"""

from __future__ import annotations

import pytest

from citekit.render.rules_newspapers import mla_newspaper_edition_lowercase
from rule_helpers import isolated_style_cache, one, prepared  # noqa: F401 (the fixture is autouse)


LATE = {"type": "article-newspaper", "title": "Senate passes climate bill",
        "author": [{"family": "Davenport", "given": "Coral"}], "container-title": "The New York Times",
        "edition": "Late edition", "section": "A", "page": "A1", "issued": "2022-08-08"}
BUSINESS = {"type": "article-newspaper", "title": "Drought tightens grip on farms",
            "author": [{"family": "Nolan", "given": "Karen"}], "container-title": "Chicago Tribune",
            "section": "Business", "page": "3", "issued": "2021-08-04"}
ENGINES = ["pandoc", "citeproc-py"]


@pytest.mark.parametrize("edition, mla, chicago", [
    ("Late edition", "late ed.", "late edition"), ("late ed.", "late ed.", "late edition"),
    ("Late Edition", "late ed.", "late edition"), ("Late", "late ed.", "late edition"),
    ("National edition", "national ed.", "national edition"), ("Midwest edition", "Midwest ed.", "Midwest edition"),
    ("Late Edition (East Coast)", "late ed. (East Coast)", "late edition (East Coast)"),
])
def test_the_edition_is_written_as_each_guide_writes_it(edition, mla, chicago):
    item = {**LATE, "edition": edition, "section": ""}
    assert prepared(item, "mla")["edition"] == mla
    copy = prepared(item, "chicago")
    assert copy["number"] == chicago and "edition" not in copy


@pytest.mark.parametrize("section, chicago", [("A", "sec. A"), ("Section A", "sec. A"), ("sec. 2", "sec. 2"),
                                              ("b", "sec. B"), ("Business", None)])
def test_sections(section, chicago):
    item = {**LATE, "edition": "", "section": section}
    assert "section" not in prepared(item, "mla")
    copy = prepared(item, "chicago")
    assert copy.get("number") == chicago and "section" not in copy


def test_other_types_and_apa_are_left_alone():
    magazine = {**LATE, "type": "article-magazine"}
    for family in ("mla", "chicago"):
        copy = prepared(magazine, family)
        assert (copy["edition"], copy["section"]) == ("Late edition", "A") and "number" not in copy
    apa = prepared(LATE, "apa")
    assert (apa["edition"], apa["section"], apa["page"]) == ("Late edition", "A", "A1")


@pytest.mark.parametrize("engine", ENGINES)
def test_edition_and_section_end_to_end(engine):
    assert one(LATE, "mla", engine=engine) == \
        "Davenport, Coral. “Senate Passes Climate Bill.” *The New York Times*, late ed., 8 Aug. 2022, p. A1."
    assert one(LATE, "apa", engine=engine) == \
        "Davenport, C. (2022, August 8). Senate passes climate bill. *The New York Times*, A1."
    assert one(LATE, "chicago", engine=engine) == \
        "Davenport, Coral. “Senate Passes Climate Bill.” *New York Times*, August 8, 2022, late edition, sec. A."
    assert one(LATE, "chicago", mode="note", engine=engine) == \
        "Coral Davenport, “Senate Passes Climate Bill,” *New York Times*, August 8, 2022, late edition, sec. A."
    assert one(LATE, "chicago-author-date", engine=engine) == \
        "Davenport, Coral. 2022. “Senate Passes Climate Bill.” *New York Times*, August 8, late edition, sec. A."
    assert one(BUSINESS, "mla", engine=engine) == \
        "Nolan, Karen. “Drought Tightens Grip on Farms.” *Chicago Tribune*, 4 Aug. 2021, p. 3."
    assert one(BUSINESS, "chicago", engine=engine) == \
        "Nolan, Karen. “Drought Tightens Grip on Farms.” *Chicago Tribune*, August 4, 2021."


def test_switched_off():
    mla = one(LATE, "mla", disabled_rules=frozenset({"mla-newspaper-edition-and-section"}))
    assert "late ed." not in mla and mla.endswith("p. A1. A.")
    chicago = one(LATE, "chicago", disabled_rules=frozenset({"chicago-newspaper-edition-and-section"}))
    assert "late edition, sec. A" not in chicago and "Editions" in chicago


def test_the_mla_patch_fits_only_the_file_it_was_written_for():
    assert mla_newspaper_edition_lowercase("<style/>") is None


# Section B, page 3: the page does not carry the section letter (LATE's "A1" does, which hid a bug).
STORM = {"type": "article-newspaper", "title": "Storm", "container-title": "The Washington Post",
         "section": "B", "page": "3", "issued": {"date-parts": [[2021, 3, 2]]}}


@pytest.mark.parametrize("section, page, mla_page", [
    ("B", "3", "B3"), ("Section B", "3", "B3"), ("b", 3, "B3"), ("B", "3+", "B3+"),
    ("A", "A1", "A1"),  # already lettered
    ("B", "3-4", "3-4"),  # a range: as typed (see rules_newspapers._BARE_PAGE)
    ("Business", "3", "3"), ("2", "3", "3"), (5, "3", "3"),  # no letter to add
])
def test_mla_section_letter_joins_the_page(section, page, mla_page):
    copy = prepared({**STORM, "section": section, "page": page}, "mla")
    assert copy["page"] == mla_page and "section" not in copy


@pytest.mark.parametrize("engine", ENGINES)
def test_mla_page_with_the_section_letter_end_to_end(engine):
    # MLA 9: the section letter is part of the page number ("p. A1"); an unsigned article starts with its title.
    assert one(STORM, "mla", engine=engine) == "“Storm.” *The Washington Post*, 2 Mar. 2021, p. B3."


@pytest.mark.parametrize("engine", ENGINES)
def test_chicago_section_given_as_a_number(engine):
    assert prepared({**STORM, "section": 5}, "chicago")["number"] == "sec. 5"
    signed = {**LATE, "edition": "", "section": 5}
    assert one(signed, "chicago", engine=engine) == \
        "Davenport, Coral. “Senate Passes Climate Bill.” *New York Times*, August 8, 2022, sec. 5."
    assert prepared({**STORM, "section": True}, "chicago").get("number") is None  # not a section number


@pytest.mark.parametrize("edition", ["Édition tardive", "Ausgabe Nord", "Edición de la tarde"])
def test_an_edition_not_in_english_stays_as_written(edition):
    item = {**LATE, "edition": edition, "section": ""}
    assert prepared(item, "mla")["edition"] == edition
    copy = prepared(item, "chicago")
    assert copy["number"] == edition and "edition" not in copy


@pytest.mark.parametrize("engine", ENGINES)
def test_an_edition_not_in_english_end_to_end(engine):
    item = {**LATE, "edition": "Édition tardive", "section": ""}
    mla = one(item, "mla", engine=engine)
    assert "*The New York Times*, Édition tardive, 8 Aug. 2022" in mla and " ed." not in mla
    chicago = one(item, "chicago", engine=engine)
    assert chicago.endswith("August 8, 2022, Édition tardive.") and "Édition tardive edition" not in chicago

"""make_record_id and is_generic_byline."""

from __future__ import annotations

import pytest

from citekit.ids import GENERIC_BYLINES, is_generic_byline, make_record_id

LENIN_TITLE = "November 08, 1917 : New Russian leader Lenin calls for immediate armistice"


def test_lenin_record_without_real_author_or_year_uses_two_title_words():
    data = {"author": [{"literal": "Staff"}], "title": LENIN_TITLE}
    assert make_record_id(data) == "new-russian"


def test_author_year_and_first_significant_title_word():
    data = {"author": [{"family": "Smith", "given": "Zadie"}],
            "issued": {"date-parts": [[2000, 1, 27]]}, "title": "White Teeth"}
    assert make_record_id(data) == "smith-2000-white"


def test_articles_prepositions_and_conjunctions_are_skipped():
    data = {"author": [{"family": "Smith"}], "issued": {"date-parts": [[2020]]},
            "title": "On the Teeth of Sharks and Rays"}
    assert make_record_id(data) == "smith-2020-teeth"


def test_month_names_numbers_and_punctuation_are_skipped():
    data = {"issued": {"date-parts": [[2019]]}, "title": "— 22nd March, 1917: Petrograd"}
    assert make_record_id(data) == "2019-petrograd"


def test_year_without_author():
    data = {"author": [{"literal": "Staff"}], "issued": {"date-parts": [[2009, 11, 24]]},
            "title": LENIN_TITLE}
    assert make_record_id(data) == "2009-new"


def test_author_without_year():
    data = {"author": [{"family": "Smith", "given": "Zadie"}], "title": "White Teeth"}
    assert make_record_id(data) == "smith-white"


def test_year_from_edtf_string_and_from_raw_date():
    assert make_record_id({"author": [{"family": "Lee"}], "issued": "1999-05", "title": "Tea"}) \
        == "lee-1999-tea"
    assert make_record_id({"author": [{"family": "Lee"}], "issued": {"raw": "May 1999"},
                           "title": "Tea"}) == "lee-1999-tea"


def test_accents_are_transliterated():
    data = {"author": [{"family": "Brontë", "given": "Émilie"}], "issued": "1847",
            "title": "Élysée à Paris"}
    assert make_record_id(data) == "bronte-1847-elysee"
    assert make_record_id({"author": [{"family": "Straße"}], "title": "Øresund"}) == "strasse-oresund"


def test_family_with_apostrophe_and_particle():
    assert make_record_id({"author": [{"family": "O'Brien", "given": "Tim"}], "issued": "1990",
                           "title": "The Things They Carried"}) == "obrien-1990-things"
    assert make_record_id({"author": [{"family": "Gogh", "non-dropping-particle": "van",
                                       "given": "Vincent"}], "title": "Letters"}) == "vangogh-letters"


def test_organisation_author_gives_its_first_word():
    data = {"author": [{"literal": "The New York Times"}], "issued": "2001", "title": "Headlines"}
    assert make_record_id(data) == "new-2001-headlines"


def test_site_editors_byline_is_a_real_author_named_without_its_domain():
    data = {"author": [{"literal": "HISTORY.com Editors"}], "issued": {"date-parts": [[2009]]},
            "title": LENIN_TITLE}
    assert make_record_id(data) == "history-2009-new"


@pytest.mark.parametrize("byline", ["Staff", "Editors", "Admin", "Web Team", "Anonymous",
                                    "The Editors", "Staff Writer"])
def test_generic_bylines_are_not_used_as_author(byline):
    data = {"author": [{"literal": byline}], "issued": "2020", "title": "Teeth"}
    assert make_record_id(data) == "2020-teeth"


def test_generic_family_without_given_is_not_used():
    assert make_record_id({"author": [{"family": "Staff"}], "issued": "2020", "title": "Teeth"}) \
        == "2020-teeth"


def test_collisions_get_b_then_c_compared_case_insensitively():
    data = {"author": [{"family": "Smith"}], "issued": "2020", "title": "Teeth"}
    assert make_record_id(data, {"Smith-2020-Teeth"}) == "smith-2020-teeth-b"
    assert make_record_id(data, {"smith-2020-teeth", "smith-2020-teeth-b"}) == "smith-2020-teeth-c"


def test_collision_suffixes_continue_past_z():
    data = {"author": [{"family": "Smith"}], "issued": "2020", "title": "Teeth"}
    taken = {"smith-2020-teeth"} | {f"smith-2020-teeth-{c}" for c in "bcdefghijklmnopqrstuvwxyz"}
    assert make_record_id(data, taken) == "smith-2020-teeth-aa"


def test_fallback_when_nothing_is_usable():
    assert make_record_id({}) == "record"
    assert make_record_id({"author": [{"literal": "Staff"}], "title": "1917"}) == "record"
    assert make_record_id({}, {"record"}) == "record-b"


def test_single_significant_title_word_without_author_or_year():
    assert make_record_id({"title": "The Revolution"}) == "revolution"


@pytest.mark.parametrize("text", ["Staff", "staff", "STAFF.", "Staff Writer", "Editorial Staff",
                                  "Web Team", "Admin", "Editors", "The Editors", "Anonymous",
                                  "By Staff", "  web   team ", "Wikipedia contributors",
                                  "Contributors to Wikimedia projects", "Contributors to Wikipedia"])
def test_generic_bylines(text):
    assert is_generic_byline(text) is True


@pytest.mark.parametrize("text", ["HISTORY.com Editors", "Zadie Smith", "A+E Networks",
                                  "Staff Sergeant Jones", ""])
def test_real_names_are_not_generic(text):
    assert is_generic_byline(text) is False


def test_generic_bylines_constant_holds_normalised_entries():
    assert all(entry == entry.lower().strip() for entry in GENERIC_BYLINES)
    assert {"staff", "editors", "admin", "web team", "anonymous"} <= GENERIC_BYLINES


@pytest.mark.parametrize(("text", "expected"), [
    ("Vincent van Gogh", True), ("Osama bin Laden", True), ("Maria dos Santos", True),
    ("Luca della Robbia", True), ("Zadie Smith", True),
    ("Human rights watch", False), ("A+E Networks", False), ("The Guardian", False),
])
def test_looks_like_person_knows_the_name_particles(text, expected):
    from citekit.ids import looks_like_person

    assert looks_like_person(text) is expected

"""Citation keys (`citekit.export.citekeys`): the documented scheme, author + year + first
significant title word in lower-case ASCII, with a, b, c for collisions."""

from __future__ import annotations

import random

import pytest

from citekit.export.citekeys import assign_citekeys, citekey, generated_citekey, is_valid_citekey
from citekit.model import record_from_csl


def rec(**data):
    return record_from_csl({"id": "not a key!", "type": "book", **data})


@pytest.mark.parametrize("data, key", [
    ({"author": [{"family": "Smith", "given": "Jo"}], "issued": "2000", "title": "The White Queen"},
     "smith2000white"),
    ({"author": [{"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}],
      "issued": "1999", "title": "On islands"}, "berg1999islands"),
    ({"author": [{"family": "Müller"}], "issued": "2020", "title": "Über Äpfel"}, "muller2020uber"),
    ({"author": [{"literal": "Food and Agriculture Organization of the United Nations"}],
      "issued": "2020", "title": "The State of Food"}, "food2020state"),
    # A placeholder byline is no author; neither is a missing one: the editor, else nothing.
    # (Months and numbers are not significant words: "new", as in the README's id "new-russian".)
    ({"author": [{"literal": "Staff"}], "title": "November 08, 1917 : New Russian leader"}, "new"),
    ({"editor": [{"family": "Hunt", "given": "Lynn"}], "issued": "2004", "title": "Essays"}, "hunt2004essays"),
    ({"author": [{"family": "Ленин"}], "issued": "1917", "title": "Государство"}, "1917"),
    ({"title": "<i>Nature</i> at 150"}, "nature"),
    ({"author": [{"family": "Plato"}], "issued": {"date-parts": [[-380]]}, "title": "Republic"},
     "plato380bcrepublic"),
    ({"title": ""}, "ref"),
])
def test_generated_key_scheme(data, key):
    assert generated_citekey(rec(**data)) == key
    assert is_valid_citekey(key)


@pytest.mark.parametrize("key, valid", [
    ("lenin-armistice", True), ("knuth:ct:a", True), ("baez/online", True), ("a_b.c", True),
    ("1917", True), ("Müller2020", False), ("a b", False), ("a,b", False), ("a{b}", False),
    ("a%b", False), ("a#b", False), ("a~b", False), ("", False),
])
def test_valid_keys_are_letters_digits_and_five_marks(key, valid):
    assert is_valid_citekey(key) is valid


def test_user_set_keys_are_kept_citation_key_first():
    assert citekey(record_from_csl({"id": "lenin-armistice", "type": "webpage"})) == "lenin-armistice"
    both = record_from_csl({"id": "item-7", "citation-key": "smith2000white", "type": "book"})
    assert citekey(both) == "smith2000white"
    invalid = record_from_csl({"id": "item-7", "citation-key": "Smith 2000", "type": "book"})
    assert citekey(invalid) == "item-7"


def test_collisions_get_letters_that_do_not_depend_on_input_order():
    records = [rec(author=[{"family": "Smith"}], issued="2000", title=f"The white {word}")
               for word in ("queen", "king", "knight")]
    keys, findings = assign_citekeys(records)
    # Ordered by content ("king" < "knight" < "queen"), not by position.
    assert keys == ["smith2000whitec", "smith2000whitea", "smith2000whiteb"]
    shuffled = records[:]
    random.Random(4).shuffle(shuffled)
    again = dict(zip((r.title for r in shuffled), assign_citekeys(shuffled)[0]))
    assert again == dict(zip((r.title for r in records), keys))
    assert [f.code for f in findings] == ["export-key-changed"] * 3


def test_a_generated_key_never_takes_a_user_set_one():
    user = record_from_csl({"id": "smith2000white", "type": "book"})
    generated = rec(author=[{"family": "Smith"}], issued="2000", title="White")
    assert assign_citekeys([generated, user])[0] == ["smith2000whitea", "smith2000white"]


def test_duplicate_user_keys_are_compared_without_case_and_the_first_keeps_its_key():
    records = [record_from_csl({"id": i, "type": "book"}) for i in ("orwell", "Orwell", "orwell")]
    keys, findings = assign_citekeys(records)
    assert keys == ["orwell", "Orwella", "orwellb"]
    assert [(f.record_id, f.message) for f in findings] == [
        ("Orwell", "The record 'Orwell' is written with the key 'Orwella': another record already has this key."),
        ("orwell", "The record 'orwell' is written with the key 'orwellb': another record already has this key.")]

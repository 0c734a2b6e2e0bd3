"""Shared test data: the Lenin fixture and the records made from it, written out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

# The fuzz tests' Hypothesis profiles, registered before pytest reads --hypothesis-profile.
from fuzz import profiles as _fuzz_profiles  # noqa: E402,F401

FIXTURES = Path(__file__).parent / "fixtures"
LENIN_FIXTURE = FIXTURES / "lenin-article-details.txt"

LENIN_TITLE = "November 08, 1917 : New Russian leader Lenin calls for immediate armistice"
LENIN_URL = "https://www.history.com/this-day-in-history/new-russian-leader-lenin-calls-for-immediate-armistice"

# What the Article Details block says, as CSL-JSON (typed from the block, not from citekit's output).
LENIN_AS_PARSED = {
    "id": "lenin-armistice",
    "type": "webpage",
    "accessed": {"date-parts": [[2018, 3, 22]]},
    "author": [{"literal": "Staff"}],
    "publisher": "A+E Networks",
    "title": LENIN_TITLE,
}

# The same page with the two facts the block left empty: the website name and the URL.
LENIN_COMPLETED = {**LENIN_AS_PARSED, "container-title": "HISTORY", "URL": LENIN_URL}


@pytest.fixture
def lenin_text() -> str:
    return LENIN_FIXTURE.read_text(encoding="utf-8")

# Two records the library and CLI tests add, list and break (typed by hand, CSL-JSON).
WHITE_TEETH = {"id": "smith-2000-teeth", "type": "book", "title": "White Teeth",
               "author": [{"family": "Smith", "given": "Zadie"}], "issued": {"date-parts": [[2000]]},
               "publisher": "Hamish Hamilton"}
ZOLA = {"id": "zola-1898-accuse", "type": "article-newspaper", "title": "J’accuse…!",
        "author": [{"family": "Zola", "given": "Émile"}], "container-title": "L’Aurore",
        "issued": {"date-parts": [[1898, 1, 13]]}}

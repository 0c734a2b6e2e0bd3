"""The reference list's order: rule sort-ignores-initial-article (render/rules_sorting.py), both engines.

MLA 9 alphabetises "letter by letter, ignoring any initial A, An, or The"; APA 7 (9.47) and Chicago
(14.79) skip an initial article too, for works listed by title and for works of the same author
(which also decides APA's 2001a, 2001b). The article stays in the entry. A title in another language
is alphabetised as written here ("Die Zeit im Bild" under D). The merged (split) rendering of long
lists is checked in test_bibliography.py.
"""

from __future__ import annotations

import json
import re

import pytest

from citekit.render import render_citations

ENGINES = ("pandoc", "citeproc-py")
BAKER = {"family": "Baker", "given": "Ann"}
OFF = frozenset({"sort-ignores-initial-article"})


def book(ident: str, title: str, author: dict | None = None, publisher: str = "Penguin", year: int = 2001,
         **fields) -> dict:
    record = {"id": ident, "type": "book", "title": title, "publisher": publisher,
              "issued": {"date-parts": [[year]]}, **fields}
    if author:
        record["author"] = [author]
    return record


# Given in an order that is none of the styles' orders.
BOOKS = [
    book("zimmermann", "The Zimmermann telegram", publisher="HMSO", year=1917),
    book("baker-communism", "Communism", BAKER),
    book("young", "Mutiny", {"family": "Young", "given": "Zed"}),
    book("zeit", "Die Zeit im Bild", publisher="Ullstein", year=1925, language="de"),
    book("baker-bolshevik", "The Bolshevik regime", BAKER),
    book("brief", "A brief history of the Somme", publisher="BBC Books", year=2016),
    book("baker-armistice", "Armistice", BAKER),
]

EXPECTED = {
    "mla": [
        "Baker, Ann. Armistice. Penguin, 2001.",
        "---. The Bolshevik Regime. Penguin, 2001.",
        "---. Communism. Penguin, 2001.",
        "A Brief History of the Somme. BBC Books, 2016.",
        "Die Zeit im Bild. Ullstein, 1925.",
        "Young, Zed. Mutiny. Penguin, 2001.",
        "The Zimmermann Telegram. HMSO, 1917.",
    ],
    "apa": [
        "Baker, A. (2001a). Armistice. Penguin.",
        "Baker, A. (2001b). The Bolshevik regime. Penguin.",
        "Baker, A. (2001c). Communism. Penguin.",
        "A brief history of the Somme. (2016). BBC Books.",
        "Die Zeit im Bild. (1925). Ullstein.",
        "Young, Z. (2001). Mutiny. Penguin.",
        "The Zimmermann telegram. (1917). HMSO.",
    ],
    "chicago": [
        "Baker, Ann. Armistice. Penguin, 2001.",
        "Baker, Ann. The Bolshevik Regime. Penguin, 2001.",
        "Baker, Ann. Communism. Penguin, 2001.",
        "A Brief History of the Somme. BBC Books, 2016.",
        "Die Zeit im Bild. Ullstein, 1925.",
        "Young, Zed. Mutiny. Penguin, 2001.",
        "The Zimmermann Telegram. HMSO, 1917.",
    ],
    "chicago-author-date": [
        "Baker, Ann. 2001a. Armistice. Penguin.",
        "Baker, Ann. 2001b. The Bolshevik Regime. Penguin.",
        "Baker, Ann. 2001c. Communism. Penguin.",
        "A Brief History of the Somme. 2016. BBC Books.",
        "Die Zeit im Bild. 1925. Ullstein.",
        "Young, Zed. 2001. Mutiny. Penguin.",
        "The Zimmermann Telegram. 1917. HMSO.",
    ],
}

# The trial's list (sort.json): two web pages listed by title between two books.
WEB_PAGES = [
    {"id": "s1", "type": "webpage", "title": "The Zimmermann telegram", "container-title": "National Archives",
     "URL": "https://www.archives.gov/education/lessons/zimmermann", "accessed": {"date-parts": [[2024, 10, 3]]}},
    book("s2", "Armistice", BAKER),
    {"id": "s3", "type": "webpage", "title": "A brief history of the Somme", "container-title": "BBC Bitesize",
     "URL": "https://www.bbc.co.uk/bitesize/somme", "accessed": {"date-parts": [[2024, 10, 3]]}},
    book("s4", "Mutiny", {"family": "Young", "given": "Zed"}),
]


def texts(records: list[dict], style: str, engine: str, **options) -> list[str]:
    return [entry.text for entry in render_citations(records, style, engine=engine, **options)]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("style", sorted(EXPECTED))
def test_titles_are_alphabetised_after_an_initial_article(style, engine):
    assert texts(BOOKS, style, engine) == EXPECTED[style]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_trial_list_puts_titled_pages_where_their_first_significant_word_goes(engine):
    assert texts(WEB_PAGES, "mla", engine) == [
        "Baker, Ann. Armistice. Penguin, 2001.",
        "“A Brief History of the Somme.” BBC Bitesize, www.bbc.co.uk/bitesize/somme. Accessed 3 Oct. 2024.",
        "Young, Zed. Mutiny. Penguin, 2001.",
        "“The Zimmermann Telegram.” National Archives, www.archives.gov/education/lessons/zimmermann. "
        "Accessed 3 Oct. 2024.",
    ]
    assert texts(WEB_PAGES, "apa", engine) == [
        "Baker, A. (2001). Armistice. Penguin.",
        "A brief history of the Somme. (n.d.). BBC Bitesize. https://www.bbc.co.uk/bitesize/somme",
        "Young, Z. (2001). Mutiny. Penguin.",
        "The Zimmermann telegram. (n.d.). National Archives. https://www.archives.gov/education/lessons/zimmermann",
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_switched_off_the_engine_sorts_by_the_title_as_written(engine):
    # What both engines do on their own (citeproc-js skips the article, as the guides do).
    assert [text.split(".")[0] for text in texts(BOOKS, "mla", engine, disabled_rules=OFF)] == [
        "A Brief History of the Somme", "Baker, Ann", "---", "---", "Die Zeit im Bild",
        "The Zimmermann Telegram", "Young, Zed"]
    assert texts(BOOKS, "apa", engine, disabled_rules=OFF)[1:4] == [
        "Baker, A. (2001a). Armistice. Penguin.", "Baker, A. (2001b). Communism. Penguin.",
        "Baker, A. (2001c). The Bolshevik regime. Penguin."]


@pytest.mark.parametrize("engine", ENGINES)
def test_only_english_titles_lose_their_article_in_the_order(engine):
    records = [book("young", "Mutiny", {"family": "Young", "given": "Zed"}),
               book("zoo", "The Zoo", publisher="Puffin", language="en-GB"),
               book("die", "Die Welle", publisher="Ravensburger", language="de"),
               book("zenith", "The Zenith", publisher="Gallimard", language="fr")]
    # "The Zoo" (English) goes under Z; a record in another language keeps its first word, whatever it is.
    assert [text.split(".")[0] for text in texts(records, "mla", engine)] == [
        "Die Welle", "The Zenith", "Young, Zed", "The Zoo"]


@pytest.mark.parametrize("engine", ENGINES)
def test_the_engines_citations_and_years_follow_the_order(engine):
    # APA 9.47: the year suffixes follow the title order, so the citations do too.
    cited = texts([BOOKS[4], BOOKS[1], BOOKS[6]], "apa", engine, mode="intext")
    assert cited == ["(Baker, 2001b)", "(Baker, 2001c)", "(Baker, 2001a)"]


@pytest.mark.parametrize("fmt", ["text", "html", "markdown"])
@pytest.mark.parametrize("engine", ENGINES)
def test_no_hidden_character_reaches_the_output(fmt, engine):
    hidden = re.compile("[\U000e0000-\U000e007f]")
    for style, mode in (("mla", "bib"), ("mla", "intext"), ("apa", "intext"), ("chicago", "note")):
        for entry in render_citations(BOOKS, style, mode=mode, fmt=fmt, engine=engine):
            assert not hidden.search(entry.text), (style, mode, entry.text)
    assert render_citations([BOOKS[0]], "apa", mode="intext", engine=engine)[0].text == (
        "(The Zimmermann Telegram, 1917)")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_records_own_tag_characters_are_left_alone(engine):
    flag = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"  # Scotland's flag
    record = book("flag", f"The road north {flag}", {"family": "Reid", "given": "Ian"})
    assert texts([record], "apa", engine) == [f"Reid, I. (2001). The road north {flag}. Penguin."]


@pytest.mark.parametrize("engine", ENGINES)
def test_an_article_before_a_small_word_stays_in_the_order_and_the_title_case(engine):
    # Title case would capitalise the word after a hidden article as a first word ("A To Z"): such
    # a title keeps its article, and MLA 9's title case is right.
    record = book("atoz", "A to Z of the Western Front", publisher="Pen & Sword", year=2010)
    assert texts([record], "mla", engine) == ["A to Z of the Western Front. Pen & Sword, 2010."]


def test_the_records_are_never_changed():
    before = json.dumps(BOOKS, sort_keys=True)
    render_citations(BOOKS, "mla")
    assert json.dumps(BOOKS, sort_keys=True) == before

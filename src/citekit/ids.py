"""Record ids a student can read and type: "smith-2020-teeth", "new-russian".

An id is built from the first real author, the year and the first significant title word,
transliterated to lower-case ASCII, and made unique against the ids already taken.
"""

from __future__ import annotations

import re
import unicodedata
from typing import AbstractSet, Any, Iterable

# Bylines that name no one: a citation treats them as no author. Compared after
# `is_generic_byline`'s normalisation (lower case, punctuation dropped, a leading "by"
# dropped). A byline naming the site ("HISTORY.com Editors") is a real group author and
# is deliberately not here.
GENERIC_BYLINES = frozenset({
    "staff", "staff writer", "staff writers", "staff reporter", "staff reporters",
    "editorial staff", "news staff", "wire staff",
    "editor", "editors", "the editors", "editorial team", "the editorial team",
    "admin", "administrator", "site admin", "webmaster", "web editor", "web team",
    "anonymous", "anon", "unknown", "unknown author", "author", "no author", "n a", "none",
    "guest author", "contributor", "newsroom",
    # A wiki page's byline (Zotero's Wikipedia translator: "Contributors to Wikimedia projects"): written
    # by many hands, it names no one, and MLA 9, APA 7 (10.3) and Chicago cite the page by its title.
    "wikipedia contributors", "the wikipedia contributors", "contributors to wikipedia",
    "contributors to the wikipedia", "contributors to wikimedia projects", "contributors to wikimedia project",
    "contributors to the wikimedia projects", "wikipedian", "wikipedians",
})

# Words that say nothing about a title: articles, prepositions, conjunctions.
_INSIGNIFICANT_WORDS = frozenset("""
a an the
about above across after against along amid among around as at before behind below beneath
beside besides between beyond by despite down during except for from in inside into like near
of off on onto out outside over past per since than through throughout till to toward towards
under underneath until unto up upon via with within without
and but or nor so yet either neither both whether if because although though while whereas
""".split())

_MONTH_WORDS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

# Letters NFKD does not decompose into an ASCII letter plus accents.
_LETTERS = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "ı": "i",
})

_NUMBER = re.compile(r"^\d+(?:st|nd|rd|th|s)?$")  # 1917, 08, 22nd, 1990s

_WEB_DOMAIN_ENDING = re.compile(r"\.(?:com|org|net|gov|edu|info|io|co\.uk|org\.uk)$", re.IGNORECASE)

FALLBACK_ID = "record"


def ascii_fold(text: str) -> str:
    """Accented letters as their plain ASCII letter ("é" -> "e"); other non-ASCII dropped."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _slug(word: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(word).lower())


def _normalised_byline(text: str) -> str:
    words = re.sub(r"[^\w\s]", " ", text.lower()).split()
    if words and words[0] == "by":
        words = words[1:]
    return " ".join(words)


def is_generic_byline(name_text: str) -> bool:
    """True for a byline that names no one ("Staff", "The Editors", "Web Team", "By Admin")."""
    return _normalised_byline(name_text) in GENERIC_BYLINES


# Words that make a byline an organisation's ("A+E Networks", "Mozilla Foundation", "BBC News").
_ORGANISATION_WORDS = frozenset("""
editors staff team news network networks inc inc. llc ltd ltd. corp corp. corporation company press society
university college institute association foundation museum library archive archives department ministry office
agency council committee commission board group center centre media times magazine journal service services
organization organisation trust bureau channel broadcasting government school union federation studios
publishing publishers wikipedia contributors
""".split())

# Lower-case words that belong to a family name ("Vincent van Gogh", "Osama bin Laden"). One set
# for both guesses about names: `looks_like_person` and the byline splitting in citekit.names.
NAME_PARTICLES = frozenset({"van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "la", "le",
                            "ten", "ter", "bin", "ibn", "al", "el", "dos", "das"})
_PERSON_WORD = re.compile(r"^(?:[A-Z][a-z'’-]+|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+|"
                          + "|".join(sorted(NAME_PARTICLES)) + r")$")


_LEADING_ARTICLES = frozenset("the a an le la les el los las il lo die der das de het du des".split())


def looks_like_organisation(text: str) -> bool:
    """A generic byline, or a name with an organisation's word or mark ("A+E Networks", "NPS.gov")."""
    words = text.lower().split()
    return (is_generic_byline(text)
            or any(word.strip(",.") in _ORGANISATION_WORDS for word in words)
            or bool(re.search(r"[\d+&@/]|\.(?:com|org|net|gov|edu)\b", text.lower())))


def looks_like_person(text: str) -> bool:
    """Two to four capitalised words and no organisation's word: "Zadie Smith", "Mary W. Shelley".

    A guess, for warnings only: "Human Rights Watch" looks like a person too.
    """
    words = text.split()
    if words and words[0].lower() in _LEADING_ARTICLES:
        return False  # "Le Monde", "Die Zeit", "The Guardian": names of publications
    return (2 <= len(words) <= 4 and not looks_like_organisation(text)
            and all(_PERSON_WORD.match(word) for word in words) and words[-1][0].isupper())


def _author_part(data: dict[str, Any]) -> str:
    authors = data.get("author")
    if not isinstance(authors, list) or not authors or not isinstance(authors[0], dict):
        return ""
    first = authors[0]
    family, given, literal = first.get("family"), first.get("given"), first.get("literal")
    if isinstance(family, str) and family.strip():
        if not given and is_generic_byline(family):
            return ""
        particle = first.get("non-dropping-particle") or ""
        return _slug(f"{particle}{family}")
    if isinstance(literal, str) and literal.strip() and not is_generic_byline(literal):
        words = [w for w in literal.split() if w.lower() not in ("the", "a", "an")]
        for word in words:
            # "HISTORY.com Editors" is cited as the site's name: "history", not "historycom".
            slug = _slug(_WEB_DOMAIN_ENDING.sub("", word))
            if slug:
                return slug
    return ""


def _year_part(data: dict[str, Any]) -> str:
    issued = data.get("issued")
    if isinstance(issued, str):
        from citekit.model import date_from_edtf

        issued = date_from_edtf(issued)
    if not isinstance(issued, dict):
        return ""
    parts = issued.get("date-parts")
    if not parts:
        text = issued.get("raw") or issued.get("literal")
        if isinstance(text, str):
            from citekit.dates import parse_date

            parts = (parse_date(text) or {}).get("date-parts")
    try:
        return str(int(parts[0][0]))
    except (TypeError, ValueError, IndexError):
        return ""


def significant_title_words(title: str) -> list[str]:
    """Title words as slugs, without articles, prepositions, conjunctions, months, numbers."""
    from citekit.csl_markup import plain_text  # markup such as <span class="nocase"> is no word

    words = []
    for raw in plain_text(title).split():
        slug = _slug(raw)
        if not slug or slug in _INSIGNIFICANT_WORDS or slug in _MONTH_WORDS or _NUMBER.match(slug):
            continue
        words.append(slug)
    return words


def letter_suffixes(start: int = 0) -> Iterable[str]:
    """"a", "b", ... "z", "aa", "ab", ... from the `start`-th on (bijective base 26)."""
    number = start
    while True:
        letters, value = "", number
        while True:
            letters = chr(ord("a") + value % 26) + letters
            value = value // 26 - 1
            if value < 0:
                break
        yield letters
        number += 1


def _suffixes() -> Iterable[str]:
    """"b", "c", ...: the second record with a base id gets "-b"."""
    return letter_suffixes(start=1)


def make_record_id(data: dict[str, Any], taken: Iterable[str] = frozenset(), *,
                   taken_lower: AbstractSet[str] | None = None) -> str:
    """A stable, readable id for a CSL-JSON dict, unique among `taken` (case-insensitively).

    Author family (or first word of an organisation), year of `issued`, then the first
    significant title word; with neither a real author nor a year, two title words.
    A caller making many ids passes the ids so far, lower-cased, as the set `taken_lower`
    instead: folding `taken` again for every id made a 4 MB RIS file take minutes.
    """
    author = _author_part(data)
    year = _year_part(data)
    title = data.get("title") if isinstance(data.get("title"), str) else ""
    title_words = significant_title_words(title)[: 1 if (author or year) else 2]
    base = "-".join(part for part in (author, year, *title_words) if part) or FALLBACK_ID
    if taken_lower is None:
        taken_lower = {str(existing).lower() for existing in taken}
    if base not in taken_lower:
        return base
    for suffix in _suffixes():
        candidate = f"{base}-{suffix}"
        if candidate not in taken_lower:
            return candidate
    raise AssertionError("unreachable: the suffixes never run out")

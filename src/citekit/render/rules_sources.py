"""Guide rules for particular kinds of source (theses, films and videos, periodicals, reviews).

The rule table lives in rules.py; these are the functions it names, kept here so that rules.py
stays one screenful per guide. Like every guide rule, each changes only the copy of the item
handed to the engine (`item`), never the student's record; `options.family` is the guide.
"""

from __future__ import annotations

import re

# --- Theses and dissertations --------------------------------------------------------------------
# A student types the degree as the title page or the library catalogue gives it ("PhD dissertation",
# "Doctoral dissertation", "Ph.D. thesis"); each guide words it its own way and prints `genre` as given.
_DOCTORAL = re.compile(r"^\s*(?:ph\.?\s?d\.?|doctoral|doctor of philosophy)\s+(?:dissertation|diss\.?|thesis)\s*$", re.I)


def _is_published(item: dict) -> bool:
    """APA 7 (10.6): a dissertation from a database or an archive is published; else unpublished."""
    return any(item.get(name) for name in ("URL", "DOI", "archive"))


def _university_abbreviated(name: str) -> str:
    short = re.sub(r"^The\s+", "", name)
    return re.sub(r"\bUniversity\b", "U", short)


def thesis_degree_words(item: dict, options) -> None:
    genre = item.get("genre")
    if item.get("type") != "thesis" or not isinstance(genre, str) or not _DOCTORAL.match(genre):
        return
    if options.family == "mla":
        item["genre"] = "PhD dissertation"
        if isinstance(item.get("publisher"), str):
            item["publisher"] = _university_abbreviated(item["publisher"])
    elif options.family == "apa":
        item["genre"] = "Doctoral dissertation" if _is_published(item) else "Unpublished doctoral dissertation"
    elif options.family == "chicago":
        item["genre"] = "PhD diss."


# --- Films and online videos (APA 7) ---------------------------------------------------------------

def apa_film_and_video(item: dict, options) -> None:
    if item.get("type") != "motion_picture":
        return
    online = bool(item.get("URL"))
    if not item.get("genre") and not item.get("medium"):
        # apa.csl falls back on the locale's term ("Video recording"); APA 7 labels "[Film]" and "[Video]".
        item["genre"] = "Video" if online else "Film"
    if online and item.get("container-title") and not item.get("publisher"):
        # The platform a video is on (CSL: its container) is what APA names as its publisher.
        item["publisher"] = item.pop("container-title")


# --- Periodicals (Chicago) -------------------------------------------------------------------------
# CMOS 18 14.86 and 14.89: an initial "The" of a newspaper's or magazine's name is omitted in notes and
# bibliographies ("New York Times", "New Yorker"). Journals keep theirs here: a review (CSL review,
# review-book) may be in either, so it is left as given too.
_PERIODICAL_TYPES = frozenset({"article-newspaper", "article-magazine"})


def chicago_periodical_without_the(item: dict, options) -> None:
    name = item.get("container-title")
    language = str(item.get("language") or "en").strip().lower()
    if (item.get("type") in _PERIODICAL_TYPES and isinstance(name, str) and name.startswith("The ")
            and language.startswith("en")):
        item["container-title"] = name.removeprefix("The ")

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


# --- Films and online videos -----------------------------------------------------------------------

def _online(item: dict) -> bool:
    """A film or video watched online (CSL motion_picture with a URL): APA 7 labels it "[Video]"."""
    return item.get("type") == "motion_picture" and bool(item.get("URL"))


def _posted_video(item: dict) -> bool:
    """An online video no studio published: one on a platform (YouTube, Vimeo, TikTok: CSL container-title)
    or on its maker's site. A film with a production company (CSL publisher) stays a film wherever it streams."""
    return _online(item) and not item.get("publisher")


def apa_film_and_video(item: dict, options) -> None:
    if item.get("type") != "motion_picture":
        return
    if not item.get("genre") and not item.get("medium"):
        # apa.csl falls back on the locale's term ("Video recording"); APA 7 labels "[Film]" and "[Video]".
        item["genre"] = "Video" if _online(item) else "Film"
    if _posted_video(item) and item.get("container-title"):
        # The platform a video is on (CSL: its container) is what APA names as its publisher.
        item["publisher"] = item.pop("container-title")


# MLA 9 and Chicago (CMOS 18 14.267) cite a posted video as they cite any work on a website: the title in
# quotation marks, the platform as the site and the upload date in full. The MLA and Chicago CSL files date
# a motion_picture by its year, print its genre after the title and italicize its container, so the engine
# gets the video as a web page. MLA 9 names no medium; Chicago ends with the medium and the running time,
# which its CSL prints for a web page from `medium` ("Video, 1:05." in the bibliography, "video, 1:05," in
# a note).
_ORDINARY_FIRST_WORD = re.compile(r"^[A-Z][a-z]*(?![A-Za-z])")  # "Video", "Short film"; not "TikTok", "TED"


def online_video_as_web_page(item: dict, options) -> None:
    if not _posted_video(item):
        return
    item["type"] = "webpage"
    if options.family == "mla":
        item.pop("genre", None)
        item.pop("medium", None)
    elif options.family == "chicago":
        label = item.pop("genre", None)
        if not item.get("medium"):
            label = label.strip() if isinstance(label, str) and label.strip() else "video"
            item["medium"] = label[0].lower() + label[1:] if _ORDINARY_FIRST_WORD.match(label) else label


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

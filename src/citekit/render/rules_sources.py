"""Guide rules for particular kinds of source (theses, films and videos, periodicals, reviews).

The rule table lives in rules.py; these are the functions it names, kept here so that rules.py
stays one screenful per guide. Like every guide rule, each changes only the copy of the item
handed to the engine (`item`), never the student's record; `options.family` is the guide.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

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
# A film streamed on Netflix or Kanopy is still a film in every guide (APA 7 10.12 "[Film]", MLA 9 and
# CMOS 14.265 with its director and company); only a video posted on a video-sharing site, or one the
# record itself calls a video, is cited as an online video. The same test tells a talk watched as a video
# (TED, YouTube) from a conference paper with a link to its programme (rules_talks.py).
_VIDEO_SITE_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "tiktok.com", "dailymotion.com", "twitch.tv",
                     "facebook.com", "fb.watch", "instagram.com", "ted.com", "bilibili.com")
_VIDEO_SITE_NAME = re.compile(r"^(?:youtube|vimeo|tiktok|dailymotion|twitch|facebook|instagram|ted|tedx\w*|bilibili)\b",
                              re.I)
_SAYS_VIDEO = re.compile(r"\bvideo\b", re.I)


def _text(item: dict, name: str) -> str:
    value = item.get(name)
    return value.strip() if isinstance(value, str) else ""


def _on_video_sharing_site(item: dict) -> bool:
    """The site (CSL container-title) or the URL's host is a video-sharing site: YouTube, Vimeo, TikTok, TED…"""
    if _VIDEO_SITE_NAME.match(_text(item, "container-title")):
        return True
    url = _text(item, "URL")
    if "://" not in url:  # MLA's rule takes the scheme off before this one runs ("www.youtube.com/…")
        url = "//" + url
    host = (urlsplit(url).hostname or "").lower()
    return any(host == site or host.endswith("." + site) for site in _VIDEO_SITE_HOSTS)


def is_online_video(item: dict) -> bool:
    """Watched online as a video: a URL, and a video-sharing site or a genre or medium that says "video"."""
    if not _text(item, "URL"):
        return False
    return _on_video_sharing_site(item) or any(_SAYS_VIDEO.search(_text(item, name)) for name in ("genre", "medium"))


def _is_posted_video(item: dict) -> bool:
    """An online video no studio published: one on a platform (YouTube, Vimeo, TikTok: CSL container-title)
    or on its maker's site. A film with a production company (CSL publisher) stays a film wherever it streams,
    and so does a streamed film with no company given (Kanopy, Netflix)."""
    return item.get("type") == "motion_picture" and is_online_video(item) and not item.get("publisher")


def _streamed_film_service_after_the_film(item: dict) -> None:
    """A film streamed on a service (Kanopy, Netflix as CSL container-title) is still a film, its title in
    italics: the CSL files quote the title of a motion_picture in a container, so the service is handed to
    the engine as the place it was found (CSL archive), printed after the film's own elements."""
    if (item.get("type") == "motion_picture" and _text(item, "URL") and _text(item, "container-title")
            and not is_online_video(item) and not _text(item, "archive")):
        item["archive"] = item.pop("container-title")


def apa_film_and_video(item: dict, options) -> None:
    if item.get("type") != "motion_picture":
        return
    _streamed_film_service_after_the_film(item)
    if not item.get("genre") and not item.get("medium"):
        # apa.csl falls back on the locale's term ("Video recording"); APA 7 labels "[Film]" and "[Video]".
        item["genre"] = "Video" if is_online_video(item) else "Film"
    if _is_posted_video(item) and item.get("container-title"):
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
    if not _is_posted_video(item):
        _streamed_film_service_after_the_film(item)
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


# APA 7 (10.2, 10.3) leaves out an e-book's format, platform or device ("Kindle", "EPUB"): the book is
# the same book. apa.csl prints a book's or chapter's `medium` in brackets after the title.
_EBOOK_FORMAT = re.compile(r"^\s*(?:kindle(?:\s+(?:edition|ed\.|ebook|e-book))?|nook|kobo|apple books|ibooks|google play"
                           r"(?: books)?|epub|e-?book|electronic book|pdf|ebook edition)\s*$", re.I)


def apa_ebook_format_left_out(item: dict, options) -> None:
    if item.get("type") in ("book", "chapter") and _EBOOK_FORMAT.match(str(item.get("medium") or "")):
        del item["medium"]

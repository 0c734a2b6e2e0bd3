"""The guide rules that change the copy of an item handed to the engine, one function per rule.

`rules.py` holds the tables that name each rule, say which guide asks for it and pair it with these
functions (and with style patches); here is only what each rule does to a CSL-JSON item.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from citekit.dates import means_no_date
from citekit.ids import is_generic_byline
from citekit.render.style_patches import BLOG_FLAG, VERSION_FLAG

if TYPE_CHECKING:
    from citekit.render.rules import RenderOptions


# --- Helpers --------------------------------------------------------------------------------------

def _normalise(text: str) -> str:
    """"The Atlantic" and "Atlantic", "HISTORY.com" and "History" compare equal."""
    return re.sub(r"[^a-z0-9]", "", text.lower().removeprefix("the ")).removesuffix("com")


def _same(first: str | None, second: str | None) -> bool:
    return bool(first and second) and _normalise(first) == _normalise(second)


def _organisation_author(item: dict) -> str | None:
    """The name of the one group author of an item ({"literal": ...}), if that is what it has."""
    authors = item.get("author") or []
    if len(authors) == 1 and authors[0].get("literal") and not authors[0].get("family"):
        return authors[0]["literal"]
    return None


_ANONYMOUS = frozenset({"anonymous", "anon"})


def _is_placeholder(name: dict, family: str | None = None) -> bool:
    # "Staff" as a family name with a given name is a real person called Staff.
    text = name.get("literal") or ("" if name.get("given") else name.get("family") or "")
    if family == "apa" and re.sub(r"[^a-z]", "", text.lower()) in _ANONYMOUS:
        return False  # APA 7 9.12: a work signed "Anonymous" has that word as its author
    return bool(text) and is_generic_byline(text)


# --- Every guide ----------------------------------------------------------------------------------

def drop_generic_authors(item: dict, options: RenderOptions) -> None:
    authors = item.get("author") or []
    real = [a for a in authors if not _is_placeholder(a, options.family)]
    if len(real) == len(authors):
        return
    if real:
        item["author"] = real
        return
    item.pop("author", None)
    if options.family == "apa" and item.get("type") in ("webpage", "software"):
        # apa.csl names the publisher as the group author of an authorless web page; a page whose
        # byline was a placeholder is authorless, and APA 7 then moves the title to the front.
        item.pop("publisher", None)


_SUBTITLE_COLON = re.compile(r"\s*:\s+")


def short_title_is_main_title(item: dict, options: RenderOptions) -> None:
    # Only citations and short notes print the short title; the full title stays in the entry.
    title = item.get("title")
    if item.get("title-short") or not isinstance(title, str) or "<" in title:
        return
    main, colon, subtitle = _split_subtitle(title)
    if colon and main.strip() and subtitle.strip():
        item["title-short"] = main.strip()


def _split_subtitle(title: str) -> tuple[str, str, str]:
    match = _SUBTITLE_COLON.search(title)
    if not match:
        return title, "", ""
    return title[:match.start()], match.group(0), title[match.end():]


def date_marker_is_no_date(item: dict, options: RenderOptions) -> None:
    issued = item.get("issued")
    text = issued.get("literal") or issued.get("raw") if isinstance(issued, dict) else issued
    if isinstance(text, str) and means_no_date(text):
        item.pop("issued")


# MLA 9 (5.75), APA 7 (9.29) and Chicago (14.135 in the 17th edition) leave out business words.
# Only the designations all three leave out; "& Company" is kept (APA 7 prints "W. W. Norton & Company").
_BUSINESS_WORDS = re.compile(r",?\s+(?:Inc\.?|Incorporated|Ltd\.?|Limited|LLC|L\.L\.C\.|Corp\.?|Corporation)$", re.I)


def publisher_without_business_words(item: dict, options: RenderOptions) -> None:
    publisher = item.get("publisher")
    if isinstance(publisher, str):
        shorter = _BUSINESS_WORDS.sub("", publisher.strip())
        if shorter:
            item["publisher"] = shorter


# --- MLA 9 ----------------------------------------------------------------------------------------

def mla_url_without_scheme(item: dict, options: RenderOptions) -> None:
    url = item.get("URL")
    if url and not re.match(r"https?://(dx\.)?doi\.org/", url, re.I):
        item["URL"] = re.sub(r"^https?://", "", url, flags=re.I)


def mla_organisation_author_starts_with_title(item: dict, options: RenderOptions) -> None:
    organisation = _organisation_author(item)
    if organisation and (_same(organisation, item.get("publisher"))
                         or _same(organisation, item.get("container-title"))):
        item.pop("author")


def mla_publisher_repeats_site(item: dict, options: RenderOptions) -> None:
    if _same(item.get("container-title"), item.get("publisher")):
        item.pop("publisher")


def access_date_undated_only(item: dict, options: RenderOptions) -> None:
    if item.get("issued") and item.get("accessed"):
        item.pop("accessed")


_ACADEMIC_WITHOUT_UNIVERSITY = frozenset({"mitpress"})  # academic presses whose name says no "University"


def mla_academic_press_abbreviated(item: dict, options: RenderOptions) -> None:
    publisher = item.get("publisher")
    if not isinstance(publisher, str):
        return
    # Only presses: a university publishing a website is not abbreviated ("University of North Carolina").
    academic = re.search(r"\bUniversity\b", publisher) or _normalise(publisher) in _ACADEMIC_WITHOUT_UNIVERSITY
    if not academic or not re.search(r"\bPress\b", publisher):
        return
    short = re.sub(r"^The\s+", "", publisher)
    short = re.sub(r"\bUniversity\b", "U", short)
    short = re.sub(r"\bPress\b", "P", short)
    item["publisher"] = re.sub(r"\bU P\b", "UP", short)


# --- APA 7 ----------------------------------------------------------------------------------------

def apa_webpage_publisher(item: dict, options: RenderOptions) -> None:
    if item.get("type") != "webpage" or not item.get("publisher"):
        return
    if not item.get("author"):
        # An authorless page from an organisation has that organisation as its group author (9.11).
        item["author"] = [{"literal": item.pop("publisher")}]
    elif item.get("container-title"):
        item.pop("publisher")  # a web page reference names the site, never a publisher (10.16)


def apa_site_repeats_author(item: dict, options: RenderOptions) -> None:
    if item.get("type") == "webpage" and _same(_organisation_author(item), item.get("container-title")):
        item.pop("container-title")


def apa_publisher_repeats_author(item: dict, options: RenderOptions) -> None:
    if _same(_organisation_author(item), item.get("publisher")):
        item.pop("publisher")


def apa_retrieval_date_only_when_asked(item: dict, options: RenderOptions) -> None:
    from citekit.render.rules_reference_works import undated_online_entry

    # An undated entry in an online reference work is updated over time: APA 7 9.16 gives it a retrieval date.
    if not options.retrieved and not undated_online_entry(item):
        item.pop("accessed", None)


# --- Chicago --------------------------------------------------------------------------------------

def style_only(item: dict, options: RenderOptions) -> None:
    """For rules carried out by their `style_patch` alone."""


def chicago_site_and_owner_not_repeated(item: dict, options: RenderOptions) -> None:
    # Web pages only: for a book, Chicago names an organisation as author even when it is also the
    # publisher ("University of Chicago Press. The Chicago Manual of Style. ... University of Chicago Press").
    if item.get("type") != "webpage":
        return
    organisation = _organisation_author(item)
    if _same(organisation, item.get("container-title")):
        item.pop("container-title")
    if _same(organisation, item.get("publisher")) or _same(item.get("container-title"), item.get("publisher")):
        item.pop("publisher")


def chicago_blog_flag(item: dict, options: RenderOptions) -> None:
    # The flag tells the patched style (style_patches.chicago_blog_label) to print "(blog)"; only a name
    # without the word ("Sci-Ed", not "Freakonomics Blog" or "The Weblog") gets it.
    name = item.get("container-title")
    if item.get("type") == "post-weblog" and isinstance(name, str) and name.strip() and "blog" not in name.lower():
        item[BLOG_FLAG] = "true"


def leave_item(item: dict, options: RenderOptions) -> None:
    """For rules that change only the rendered text (see `GuideRule.finish`)."""


_DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def doi_without_resolver(item: dict, options: RenderOptions) -> None:
    doi = item.get("DOI")
    if isinstance(doi, str) and _DOI_PREFIX.match(doi):
        item["DOI"] = _DOI_PREFIX.sub("", doi)  # the styles add https://doi.org/ themselves


_SAYS_VERSION = re.compile(r"\bversion\b", re.I)


def flag_version_saying_version(item: dict, options: RenderOptions) -> None:
    if _SAYS_VERSION.search(str(item.get("version") or "")):
        item[VERSION_FLAG] = "true"

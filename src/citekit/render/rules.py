"""Guide rules the official CSL styles cannot express, applied to a copy of each record before rendering.

One table: each rule names the style families it belongs to, says what the guide asks, and
changes only the copy handed to the engine — the student's record is never touched. A rule
can be switched off by its code (`citekit cite --no-rule CODE`).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Callable

from citekit.ids import is_generic_byline

EVERY_STYLE: frozenset[str] = frozenset()  # a rule for every style, whatever its family


@dataclass(frozen=True)
class GuideRule:
    code: str
    families: frozenset[str]
    says: str  # the guide's rule, in a sentence
    apply: Callable[[dict, "RenderOptions"], None]  # changes the item copy in place


@dataclass(frozen=True)
class RenderOptions:
    family: str | None


def _is_placeholder(name: dict) -> bool:
    # "Staff" as a family name with a given name is a real person called Staff.
    text = name.get("literal") or ("" if name.get("given") else name.get("family") or "")
    return bool(text) and is_generic_byline(text)


def _drop_generic_authors(item: dict, options: RenderOptions) -> None:
    authors = item.get("author") or []
    real = [a for a in authors if not _is_placeholder(a)]
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


def _mla_url_without_scheme(item: dict, options: RenderOptions) -> None:
    url = item.get("URL")
    if url and not re.match(r"https?://(dx\.)?doi\.org/", url, re.I):
        item["URL"] = re.sub(r"^https?://", "", url, flags=re.I)


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower().removeprefix("the "))


def _mla_publisher_repeats_site(item: dict, options: RenderOptions) -> None:
    site, publisher = item.get("container-title"), item.get("publisher")
    if site and publisher and _normalise(site).removesuffix("com") == _normalise(publisher).removesuffix("com"):
        item.pop("publisher")


def _apa_site_repeats_author(item: dict, options: RenderOptions) -> None:
    authors = item.get("author") or []
    site = item.get("container-title")
    if item.get("type") == "webpage" and site and len(authors) == 1 and authors[0].get("literal") \
            and _normalise(authors[0]["literal"]) == _normalise(site):
        item.pop("container-title")


def _chicago_access_date_only_undated(item: dict, options: RenderOptions) -> None:
    if item.get("issued") and item.get("accessed"):
        item.pop("accessed")


GUIDE_RULES: tuple[GuideRule, ...] = (
    GuideRule("generic-byline-is-no-author", EVERY_STYLE,
              "A placeholder byline such as 'Staff' is not an author: the work is cited as authorless, "
              "title first.", _drop_generic_authors),
    GuideRule("mla-url-without-scheme", frozenset({"mla"}),
              "MLA 9 leaves http:// and https:// out of URLs (not out of DOIs).", _mla_url_without_scheme),
    GuideRule("mla-publisher-repeats-site", frozenset({"mla"}),
              "MLA 9 leaves the publisher out when it is the same as the website's name.",
              _mla_publisher_repeats_site),
    GuideRule("apa-site-repeats-author", frozenset({"apa"}),
              "APA 7 leaves the site name out when it is the same as the group author.",
              _apa_site_repeats_author),
    GuideRule("chicago-access-date-undated-only", frozenset({"chicago"}),
              "Chicago gives an access date only when the source has no publication or revision date.",
              _chicago_access_date_only_undated),
)

RULE_CODES = tuple(rule.code for rule in GUIDE_RULES)


def apply_guide_rules(items: list[dict], options: RenderOptions, disabled: frozenset[str] = frozenset()) -> list[dict]:
    """Copies of the items with the rules of the style's family applied (rule order is table order)."""
    rules = [r for r in GUIDE_RULES
             if (not r.families or options.family in r.families) and r.code not in disabled]
    prepared = []
    for item in items:
        item = copy.deepcopy(item)
        for rule in rules:
            rule.apply(item, options)
        prepared.append(item)
    return prepared

"""Guide rules for entries in reference works: encyclopedias, dictionaries and wikis (CSL entry,
entry-dictionary, entry-encyclopedia).

The rule table lives in rules.py; these are the functions it names and the style patch one of them
needs. Like every guide rule, each changes only the copy of the item handed to the engine (`item`),
never the student's record; `options.family` is the guide.
"""

from __future__ import annotations

import re

from citekit.dates import has_month_or_season
from citekit.newspapers import url_host

ENTRY_TYPES = frozenset({"entry", "entry-dictionary", "entry-encyclopedia"})

# --- Wikis -----------------------------------------------------------------------------------------
# APA 7 10.3 (Wikipedia example; apastyle.apa.org: "use this format to cite any wiki page"): a wiki
# entry is written by many hands and has no author: "Oil painting. (2019, December 8). In
# *Wikipedia*. URL", in the text ("Oil Painting," 2019), with the full date of the revision cited.
# apa.csl names the publisher of an authorless entry as its group author, which is right for a
# dictionary (APA's own example: "Merriam-Webster. (n.d.). Semantics. In *Merriam-Webster.com
# dictionary*.") but makes "Wikimedia Foundation" the author of a Wikipedia article; and it dates
# every entry by its year alone.
#
# A wiki is told by where the entry lives: a URL on a Wikimedia project (wikipedia.org, wiktionary.org,
# wikibooks.org, wikiquote.org, wikisource.org, wikiversity.org, wikivoyage.org, wikinews.org,
# wikidata.org, wikimedia.org) or on Fandom (fandom.com, wikia.com), or a container named as a wiki:
# "Wikipedia", "Wiktionary", "Wikibooks", ..., or a name with the word "Wiki" in it ("Minecraft Wiki").
_WIKI_HOSTS = re.compile(
    r"(?:^|\.)(?:wikipedia|wiktionary|wikibooks|wikiquote|wikisource|wikiversity|wikivoyage|wikinews|wikidata"
    r"|wikimedia|fandom|wikia)\.(?:org|com)$")
_WIKI_NAME = re.compile(
    r"\b(?:wiki|wikipedia|wiktionary|wikibooks|wikiquote|wikisource|wikiversity|wikivoyage|wikinews|wikidata"
    r"|wikimedia\s+commons)\b", re.I)
# The byline reference managers give a wiki page ("Wikipedia contributors"; Zotero's Wikipedia translator:
# "Contributors to Wikimedia projects") names no one: it is a generic byline (citekit.ids.GENERIC_BYLINES),
# dropped for every type by rule generic-byline-is-no-author and reported by validate's generic-author.

FULL_DATE_FLAG = "citekit-full-date"


def is_wiki_entry(item: dict) -> bool:
    """An entry (CSL entry types) on a wiki: see the note above for what counts as one."""
    if item.get("type") not in ENTRY_TYPES:
        return False
    if _WIKI_HOSTS.search(url_host(item.get("URL")) or ""):
        return True
    name = item.get("container-title")
    return isinstance(name, str) and bool(_WIKI_NAME.search(name))


def apa_wiki_entry(item: dict, options) -> None:
    """APA 7 10.3: a wiki entry has no group author, and is dated by its revision in full."""
    if not is_wiki_entry(item) or item.get("author"):
        return
    # The publisher is what apa.csl would make the group author; APA's example names none.
    item.pop("publisher", None)
    # APA 7 10.3 dates a wiki entry by its revision, a day; a season is no revision date: the year only.
    if has_month_or_season(item.get("issued"), season=False):
        item[FULL_DATE_FLAG] = "true"


# apa.csl, macro "date": the year (and year suffix) in a group, then a choose that adds the month and
# day for ephemeral types but not for entries. The copy adds the month and day after the year for an
# item that carries FULL_DATE_FLAG ("(2019, December 8)"), as for a web page.
_APA_DATE_YEAR = re.compile(
    r'(<macro name="date">(?:(?!</macro>).)*?'
    r'<group>\s*<text macro="date-issued-year"/>\s*<text variable="year-suffix"/>\s*</group>)',
    re.S)


def apa_wiki_full_date(csl: str) -> str | None:
    if '<macro name="date-issued-month-day">' not in csl:
        return None
    addition = f'<choose><if variable="{FULL_DATE_FLAG}"><text macro="date-issued-month-day"/></if></choose>'
    changed, count = _APA_DATE_YEAR.subn(lambda match: match.group(1) + addition, csl, count=1)
    return changed if count == 1 else None


# --- Retrieval dates (APA 7) ---------------------------------------------------------------------
# APA 7 9.16: a retrieval date for an unarchived work designed to change over time; the manual's own
# dictionary example ("Merriam-Webster. (n.d.). Semantics. In *Merriam-Webster.com dictionary*.
# Retrieved May 5, 2019, from https://…") gives one for an undated entry in an online reference work,
# which is updated over time. rules_fields.apa_retrieval_date_only_when_asked keeps such an entry's
# access date without --retrieved.

def undated_online_entry(item: dict) -> bool:
    """An undated entry in an online reference work with an access date (APA 7 9.16 retrieval date)."""
    return (item.get("type") in ENTRY_TYPES and bool(item.get("URL")) and bool(item.get("accessed"))
            and not item.get("issued") and not item.get("status"))

"""Finding records again: folded text, duplicate keys, search queries, likely pairs, close ids.

Comparisons ignore case and accents (`fold`). Search queries become SQL over the index's folded
columns (`library_index`), so searching 50,000 records reads no record file.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Iterable

from citekit.errors import CitekitError

if TYPE_CHECKING:
    from citekit.library_index import Entry

# Letters that NFKD does not split into a base letter and an accent, and the typographic
# apostrophes, quotes and dashes a student types on a keyboard as ' " and -.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th",
                          "ð": "d", "ı": "i", "’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"',
                          "–": "-", "—": "-"})
_NOT_WORD = re.compile(r"[\W_]+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi\.org/|doi:\s*)", re.IGNORECASE)
# Query parameters that say where a click came from, not what the page is.
_TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid"})
TAG_SEPARATOR = "\x1f"  # between tags in the index: a character no tag holds


def fold(text: str) -> str:
    """Text for comparing: lower case, accents dropped ("Émile Zola" -> "emile zola"), scripts kept."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise_doi(doi: str) -> str:
    """"https://doi.org/10.1000/ABC" and "doi:10.1000/abc" are the same DOI (DOIs ignore case)."""
    return _DOI_PREFIX.sub("", doi.strip()).strip().lower()


def normalise_url(url: str) -> str:
    """A URL as a key: no scheme, no "www.", host in lower case, no default port, no fragment,
    no trailing slash, no utm_* or click-id parameters. The path keeps its case (servers may care)."""
    from urllib.parse import parse_qsl, urlencode, urlsplit

    url = url.strip()
    if not url:
        return ""
    if "://" not in url:
        url = "http://" + url  # "www.history.com/…" as students paste it
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url.lower()
    host = (parts.hostname or "").removeprefix("www.")
    if port and not (parts.scheme == "http" and port == 80 or parts.scheme == "https" and port == 443):
        host += f":{port}"
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
             if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMETERS]
    return host + parts.path.rstrip("/") + ("?" + urlencode(query) if query else "")


def _words(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


def match_key(author: str, title: str, year: str) -> str:
    """First author's family name (or organisation) + title + year, folded, without punctuation."""
    return f"{_words(author)}|{_words(title)}|{year}" if title.strip() else ""


def duplicate_reason(entry: "Entry", other: "Entry") -> str | None:
    """Why two records are probably the same work, or None."""
    if entry.doi and entry.doi == other.doi:
        return f"same DOI {entry.doi}"
    if entry.url and entry.url == other.url:
        return f"same URL {entry.url}"
    if entry.match_key and entry.match_key == other.match_key:
        return "same first author, title and year"
    return None


# --- Search --------------------------------------------------------------------------------

# `field:value` looks in one field; a bare word in any of them. (index column, compare how)
SEARCH_FIELDS = {"author": ("names_f", "contains"), "title": ("title_f", "contains"),
                 "container": ("container_f", "contains"), "year": ("year", "equals"),
                 "tag": ("tags_f", "tag")}
_ANY_FIELD_COLUMNS = ("names_f", "title_f", "container_f", "year", "tags_f")
_ANY_FIELD = "(" + " OR ".join(f"instr({column}, ?) > 0" for column in _ANY_FIELD_COLUMNS) + ")"


def query_sql(query: str) -> tuple[str, list[Any]]:
    """A WHERE condition and its parameters: every word of the query must match.

    "lenin 1917" wants both words somewhere (author, title, container, year, tag);
    "author:smith", "title:teeth", "container:history" look in one field; "year:2000" and
    "tag:ww1" must be equal. Quotes keep words together: 'title:"white teeth"'.
    """
    try:
        words = shlex.split(query)
    except ValueError:
        words = query.split()  # an unbalanced quote: take the words as they are
    conditions, parameters = [], []
    for raw in words:
        field, colon, value = raw.partition(":")
        if colon and fold(field) in SEARCH_FIELDS and value.strip():
            column, how = SEARCH_FIELDS[fold(field)]
            word = fold(value.strip())
            if how == "equals":
                conditions.append(f"{column} = ?")
            elif how == "tag":
                conditions.append(f"instr({column}, ?) > 0")
                word = TAG_SEPARATOR + word + TAG_SEPARATOR
            else:
                conditions.append(f"instr({column}, ?) > 0")
            parameters.append(word)
        elif raw.strip():
            conditions.append(_ANY_FIELD)
            parameters.extend([fold(raw.strip())] * len(_ANY_FIELD_COLUMNS))
    if not conditions:
        raise CitekitError("the search is empty", location="QUERY",
                           hint="give words to look for, e.g. citekit search lenin 1917")
    return " AND ".join(conditions), parameters


# --- Duplicates and ids --------------------------------------------------------------------

def find_duplicates(entries: list["Entry"]) -> list[tuple[str, str, str]]:
    """Likely pairs in the library: (id, id, reason), each pair once, sorted by the ids."""
    groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        for kind, value in (("doi", entry.doi), ("url", entry.url), ("key", entry.match_key)):
            if value:
                groups[(kind, value)].append(entry)
    pairs: dict[tuple[str, str], str] = {}
    for members in groups.values():
        members = sorted(members, key=lambda e: (e.id.casefold(), e.id))
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                pairs.setdefault((first.id, second.id), duplicate_reason(first, second) or "same record")
    return [(a, b, reason) for (a, b), reason in sorted(
        pairs.items(), key=lambda item: (item[0][0].casefold(), item[0][1].casefold()))]


class FirstSeen:
    """The first record seen with each DOI, URL and author-title-year key."""

    def __init__(self, entries: Iterable["Entry"]):
        self._first: dict[tuple[str, str], "Entry"] = {}
        for entry in entries:
            self.remember(entry)

    @staticmethod
    def _keys(entry: "Entry") -> list[tuple[str, str]]:
        return [(kind, value) for kind, value in (("doi", entry.doi), ("url", entry.url), ("key", entry.match_key))
                if value]

    def remember(self, entry: "Entry") -> None:
        for key in self._keys(entry):
            self._first.setdefault(key, entry)

    def existing(self, entry: "Entry") -> tuple["Entry", str] | None:
        for key in self._keys(entry):
            if key in self._first:
                found = self._first[key]
                return found, duplicate_reason(entry, found) or "same record"
        return None


def close_ids(record_id: str, ids: list[str], limit: int = 3) -> list[str]:
    """Ids a mistyped one probably meant: the same letters and digits first, then similar ones."""
    import difflib

    wanted = _words(record_id)
    same = [known for known in ids if _words(known) == wanted]
    if same:
        return same[:limit]
    by_fold: dict[str, str] = {}
    for known in ids:
        by_fold.setdefault(fold(known), known)
    # Only ids with the same first letter: difflib over 50,000 ids would take seconds.
    head = fold(record_id)[:1]
    candidates = [key for key in by_fold if key[:1] == head] or list(by_fold)
    return [by_fold[key] for key in difflib.get_close_matches(fold(record_id), candidates, n=limit, cutoff=0.6)]

"""Title typography the guides do not use: a space before a colon, a day written "08".

Each check finds one thing and says what to write instead; each repair is that suggestion
applied. `validate` reports the checks; only `citekit validate --fix` applies the repairs.
"""

from __future__ import annotations

import re

from citekit.csl_markup import text_pieces
from citekit.model import Record

Hit = dict[str, str]

_SPACE_BEFORE_COLON = re.compile(r"\s+:(?=\s|$)")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
           "|Sept\\.?|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?")
_PADDED_DAY = re.compile(rf"\b(?:(?P<month>{_MONTHS})\s+0(?P<day>[1-9])\b"
                         rf"|0(?P<day_first>[1-9])\s+(?P<month_after>{_MONTHS}))")


def check_title_space_before_colon(record: Record) -> list[Hit]:
    title = record.title or ""
    language = str(record.get("language") or "").lower()
    if language.startswith("fr"):  # French typography does put a space before the colon
        return []
    match = re.search(r"(\S+)\s+:(?=\s|$)\s*(\S*)", title)
    if not match:
        return []
    return [{"found": match.group(0).strip(), "suggested": _SPACE_BEFORE_COLON.sub(":", title)}]


def repair_title_space_before_colon(record: Record, hit: Hit) -> dict[str, str]:
    return {"title": hit["suggested"]}  # the suggestion is the whole title


def check_title_zero_padded_day(record: Record) -> list[Hit]:
    match = _PADDED_DAY.search(record.title or "")
    if not match:
        return []
    if match["month"]:
        return [{"found": match.group(0), "suggested": f"{match['month']} {match['day']}"}]
    return [{"found": match.group(0), "suggested": f"{match['day_first']} {match['month_after']}"}]


def repair_title_zero_padded_day(record: Record, hit: Hit) -> dict[str, str]:
    # The suggestion is the date alone; the check reports the first one, so --fix repeats until none is left.
    return {"title": (record.title or "").replace(hit["found"], hit["suggested"], 1)}


# Title case versus sentence case. CSL styles title-case a title for MLA and Chicago but print it
# as stored for APA, which wants sentence case; a title stored in title case ("Why Some People Love
# Horror") therefore comes out wrong in APA only. Whether a capital is a proper noun cannot be
# known, so the sentence-case version is a suggestion to check, never applied by --fix.
_MINOR_WORDS = frozenset(
    "a an and as at but by down for from if in into like near nor of off on onto or out over past per so "
    "than that the till to up upon via vs with yet".split())
_WORD = re.compile(r"[^\W\d_][\w'’]*")
_SENTENCE_START = re.compile(r"(?:^|[:?!.]\s+|[—–]\s*)$")


def _lowerable_words(title: str) -> list[re.Match[str]]:
    """Capitalized words sentence case writes in lower case: not first, not after a colon, no acronyms."""
    words = []
    for match in _WORD.finditer(title):
        word = match.group(0)
        if _SENTENCE_START.search(title[:match.start()]) or not word[0].isupper():
            continue
        if word.isupper() or any(c.isupper() for c in word[1:]):
            continue  # NASA, iPhone, McDonald: kept as written in every case style
        words.append(match)
    return words


def _title_case_hits(value: str, language: str) -> list[Hit]:
    """The sentence-case suggestion for a value in title case, judged on its words without CSL markup.

    Words in a nocase span are the writer's proper nouns and acronyms (a BibTeX title's braces):
    they neither count as evidence of title case nor change in the suggestion, which keeps the
    value's markup so it can be stored as it is."""
    if not language.lower().startswith("en"):
        return []  # other languages have their own capitalization (German nouns)
    pieces = text_pieces(value)
    plain = "".join(piece.text for piece in pieces)
    # Per character of `plain`: its index in `value`, or None where case must not change (in a
    # nocase span) or cannot be changed in place (an entity such as "&#65;").
    where: list[int | None] = []
    for piece in pieces:
        editable = piece.literal and not piece.nocase
        where += range(piece.start, piece.end) if editable else [None] * len(piece.text)

    def free(match: re.Match[str]) -> bool:
        return all(where[i] is not None for i in range(match.start(), match.end()))

    major = [w for w in _WORD.finditer(plain) if free(w) and w.group(0).lower() not in _MINOR_WORDS
             and not _SENTENCE_START.search(plain[:w.start()]) and not w.group(0).isupper()]
    capitalised = [w for w in major if w.group(0)[0].isupper()]
    if len(capitalised) < 3 or len(capitalised) < 0.8 * len(major):
        return []
    suggested = list(value)
    for match in _lowerable_words(plain):
        if free(match):
            suggested[where[match.start()]] = match.group(0)[0].lower()
    return [{"suggested": "".join(suggested)}]


def check_title_case(record: Record) -> list[Hit]:
    return _title_case_hits(record.title or "", str(record.get("language") or "en"))


# Containers that are books (an edited book, a dictionary, an encyclopedia): APA 7 writes their
# titles in sentence case too. Periodical and website names keep title case (APA 7 6.17), and the
# APA CSL style title-cases those itself, so a journal's container-title is never flagged.
BOOK_CONTAINERS = {"chapter": "book", "entry-dictionary": "dictionary", "entry-encyclopedia": "encyclopedia"}


def check_container_title_case(record: Record) -> list[Hit]:
    container = BOOK_CONTAINERS.get(record.type)
    if container is None:
        return []
    hits = _title_case_hits(record.container_title or "", str(record.get("language") or "en"))
    return [{**hit, "container": container} for hit in hits]

"""Title typography the guides do not use: extra spaces, a space before a colon, a day written
"08", a subtitle starting in lower case, a title stored in title case for APA.

Each check finds one thing and says what to write instead; each repair is that suggestion
applied. `validate` reports the checks; only `citekit validate --fix` applies the repairs, one
at a time, each check run again on the title the previous repair left.
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

# Runs of white space; a no-break space is the writer's choice ("p.\u00a012") and is left alone.
_WHITE_SPACE_RUN = re.compile(r"[^\S\u00a0\u202f]+")


def _is_english(record: Record) -> bool:
    return str(record.get("language") or "en").lower().startswith("en")


def _extra_space_place(title: str, run: re.Match[str]) -> str | None:
    """Where a run of white space is one the guides do not write, in words; None for a plain space."""
    if run.start() == 0:
        return "a space before its first word"
    if run.end() == len(title):
        return "a space after its last word"
    if run.group(0) == " ":
        return None
    before, after = title[:run.start()].split()[-1], title[run.end():].split()[0]
    kind = "more than one space" if set(run.group(0)) == {" "} else "a line break or tab"
    return f'{kind} between "{before}" and "{after}"'


def check_title_extra_space(record: Record) -> list[Hit]:
    """Two spaces in a row, a line break or tab, or a space at either end; the suggestion is the
    whole title with one space between words, so a single repair tidies every run."""
    title = record.title or ""
    suggested = _WHITE_SPACE_RUN.sub(" ", title).strip(" ")
    if suggested == title or not suggested:  # an empty title is missing-title's to report
        return []
    places = (_extra_space_place(title, run) for run in _WHITE_SPACE_RUN.finditer(title))
    first = next(place for place in places if place)  # there is one: the suggestion differs
    return [{"place": first, "suggested": suggested}]


def repair_title_extra_space(record: Record, hit: Hit) -> dict[str, str]:
    return {"title": hit["suggested"]}  # the suggestion is the whole title


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


def _unpadded(match: re.Match[str]) -> str:
    if match["month"]:
        return f"{match['month']} {match['day']}"
    return f"{match['day_first']} {match['month_after']}"


def check_title_zero_padded_day(record: Record) -> list[Hit]:
    match = _PADDED_DAY.search(record.title or "")
    return [{"found": match.group(0), "suggested": _unpadded(match)}] if match else []


def repair_title_zero_padded_day(record: Record, hit: Hit) -> dict[str, str]:
    # The suggestion is the date alone. The first padded day is found again in the title as it now
    # is (the same text may stand earlier where the pattern does not match), and --fix repeats the
    # check until none is left.
    return {"title": _PADDED_DAY.sub(_unpadded, record.title or "", count=1)}


# Title case versus sentence case. CSL styles title-case a title for MLA and Chicago but print it
# as stored for APA, which wants sentence case; a title stored in title case ("Why Some People Love
# Horror") therefore comes out wrong in APA only. Whether a capital is a proper noun cannot be
# known, so the sentence-case version is a suggestion to check, never applied by --fix.
_MINOR_WORDS = frozenset(
    "a an and as at but by down for from if in into like near nor of off on onto or out over past per so "
    "than that the till to up upon via vs with yet".split())
_WORD = re.compile(r"[^\W\d_][\w'’]*")
_SENTENCE_START = re.compile(r"(?:^|[:?!.]\s+|[—–]\s*)$")

# The first word of a subtitle: after a colon, or after a question or exclamation mark ending the
# main title, or after a dash standing alone between title and subtitle ("Lenin — a life"; a pair
# of dashes encloses an aside instead: "The war — and the peace — in Russia"). Opening quotation
# marks and brackets may come before it. The text from the word before is kept to quote it.
_SUBTITLE_DASH = re.compile(r"—|(?<=\s)(?:–|--)(?=\s)")
_SUBTITLE_FIRST_WORD = re.compile(
    r"\S*\s*(?:[:?!]\s+|(?P<dash>—|(?<=\s)(?:–|--)(?=\s))\s*)[\"'“‘(\[]*(?P<word>[^\W\d_][\w'’]*)")
_WEB_ADDRESS_OR_ABBREVIATION = re.compile(r"\.\w")  # after the word: "amazon.com", "e.g."


def _editable_text(value: str) -> tuple[str, list[int | None]]:
    """The words of a CSL-JSON value without its markup, and for each character of them its index in
    `value`, or None where case must not change (a nocase span) or cannot change in place (an entity
    such as "&#65;")."""
    pieces = text_pieces(value)
    where: list[int | None] = []
    for piece in pieces:
        editable = piece.literal and not piece.nocase
        where += range(piece.start, piece.end) if editable else [None] * len(piece.text)
    return "".join(piece.text for piece in pieces), where


def _lowercase_subtitle_starts(plain: str, where: list[int | None]) -> list[re.Match[str]]:
    """Subtitles whose first word is in lower case where the guides capitalise it (group "word").

    A word written deliberately in lower case is left alone: one with capitals inside ("iPhone",
    "eBay"), one in a nocase span, a web address ("amazon.com")."""
    single_dash = len(_SUBTITLE_DASH.findall(plain)) == 1
    starts = []
    for match in _SUBTITLE_FIRST_WORD.finditer(plain):
        word = match.group("word")
        if match.group("dash") and not single_dash:
            continue
        if not word[0].islower() or any(c.isupper() for c in word[1:]):
            continue
        if any(where[i] is None for i in range(match.start("word"), match.end("word"))):
            continue
        if _WEB_ADDRESS_OR_ABBREVIATION.match(plain, match.end("word")):
            continue
        starts.append(match)
    return starts


def _capitalise_subtitle_starts(suggested: list[str], starts: list[re.Match[str]], where: list[int | None]) -> None:
    """Capitalise, in `suggested` (the value's characters), the first letter of each subtitle start."""
    for match in starts:
        index = where[match.start("word")]  # never None: only words whose case can change are kept
        suggested[index] = suggested[index].upper()


def _subtitle_hits(value: str) -> list[Hit]:
    plain, where = _editable_text(value)
    starts = _lowercase_subtitle_starts(plain, where)
    if not starts:
        return []
    suggested = list(value)
    _capitalise_subtitle_starts(suggested, starts, where)
    return [{"found": starts[0].group(0), "suggested": "".join(suggested)}]


def check_subtitle_starts_lowercase(record: Record) -> list[Hit]:
    """The first word of a subtitle in lower case, in an English title: every guide capitalises it
    (APA 7 6.17 in sentence case too). Other languages have their own rules (French writes it in
    lower case)."""
    return _subtitle_hits(record.title or "") if _is_english(record) else []


def repair_subtitle_starts_lowercase(record: Record, hit: Hit) -> dict[str, str]:
    return {"title": hit["suggested"]}  # the suggestion is the whole title


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
    value's markup so it can be stored as it is. A subtitle's first word is capitalised in it."""
    if not language.lower().startswith("en"):
        return []  # other languages have their own capitalization (German nouns)
    plain, where = _editable_text(value)

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
    _capitalise_subtitle_starts(suggested, _lowercase_subtitle_starts(plain, where), where)
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

"""Title typography the guides do not use: a space before a colon, a day written "08".

Each check finds one thing and says what to write instead; each repair is that suggestion
applied. `validate` reports the checks; only `citekit validate --fix` applies the repairs.
"""

from __future__ import annotations

import re

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

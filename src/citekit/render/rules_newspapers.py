"""Guide rules for print newspaper articles: the edition and the section (CSL `edition`, `section`).

The rule table lives in rules.py; these are the functions it names. Which sites are newspapers is
citekit.newspapers' business; these rules only word what a newspaper record already carries. Like
every guide rule, each changes only the copy of the item handed to the engine, never the record.

A student types the edition as the masthead or the database gives it ("Late Edition", "late ed.",
"Final") and the section as printed ("A", "Section A", "Business"). The official CSL files print
them badly: the Chicago files title-case the edition and add the term ("Late Edition Editions")
after a full stop, and put the section after the article's title as a sentence of its own ("A.");
the MLA file prints the edition as typed and the section after the page as a sentence ("p. A1. A.").
"""

from __future__ import annotations

import re

_NEWSPAPER = "article-newspaper"

# "Late edition", "late ed.", "Late Edition (East Coast)", "Final": the words naming the edition, and
# what follows the word "edition" (a region in parentheses, as ProQuest gives the Times' editions).
_EDITION = re.compile(r"^\s*(?P<name>.*?)\s*(?:\b(?:edition|edn\.?|ed\.?)(?=\W|$))?\s*(?P<rest>\(.*\))?\s*$", re.I)
# Ordinary words an edition is named by, written in lower case by both guides ("late edition", "late
# ed."); any other name ("Midwest", "East Coast") is a proper name and kept as typed.
_COMMON_EDITION_WORDS = frozenset({
    "late", "early", "final", "national", "international", "city", "metro", "home", "morning", "evening",
    "afternoon", "weekend", "daily", "regional", "local", "first", "second", "last", "special", "extra",
    "suburban", "state", "country", "overseas", "global", "digital", "print", "online", "updated",
})
# "A", "2", "Section A", "sec. 2", "Sect. B": a section named by a letter or a number.
_SECTION_MARK = re.compile(r"^\s*(?:(?:section|sect\.?|sec\.?)\s*)?(?P<mark>[A-Za-z]|\d{1,3})\s*$", re.I)


# The English word for an edition, as typed ("Late edition", "late ed.", "edn").
_ENGLISH_EDITION_WORD = re.compile(r"\b(?:edition|edn|ed)(?=\W|$)", re.I)


def _edition_name(edition) -> tuple[str, str | None] | None:
    """(the words naming a newspaper's edition as the guides write them: "late", "Midwest"; a region in
    parentheses or None); None when there is no edition, it is a number ("2nd", left to the style), or
    it is no English edition statement: the guides abbreviate and lower-case English ones only, and give
    any other ("Édition tardive", "Ausgabe Nord") as the newspaper prints it. An English statement says
    "edition" ("Midwest edition", "late ed.") or is made of ordinary edition words only ("Late", "Final")."""
    if not isinstance(edition, str) or not edition.strip() or re.fullmatch(r"\s*\d+\w*\s*", edition):
        return None
    match = _EDITION.match(edition)
    name = match.group("name").strip(" ,.") if match else ""
    if not name:
        return None
    words = name.split()
    english = bool(_ENGLISH_EDITION_WORD.search(edition.split("(")[0])) or all(
        word.lower() in _COMMON_EDITION_WORDS for word in words)
    if not english:
        return None
    words = [word.lower() if word.lower() in _COMMON_EDITION_WORDS else word for word in words]
    rest = match.group("rest")
    return " ".join(words), rest


def _foreign_edition(edition) -> bool:
    """An edition statement that is not English ("Édition tardive"): given as written."""
    return (isinstance(edition, str) and bool(edition.strip()) and _edition_name(edition) is None
            and not re.fullmatch(r"\s*\d+\w*\s*", edition) and bool(_EDITION.match(edition).group("name").strip(" ,.")))


def _section_mark(section) -> str | None:
    """The letter or number of a section ("Section A" -> "A", 5 or "5" -> "5"); None for a named section
    ("Business")."""
    if isinstance(section, int) and not isinstance(section, bool):
        section = str(section)  # CSL-JSON allows a number for a number variable: {"section": 5}
    match = _SECTION_MARK.match(section) if isinstance(section, str) else None
    return match.group("mark").upper() if match else None


# A page as a newspaper numbers it within its section, with no section letter: "3", "3+" (MLA 9: "+" for
# an article continued on a later page). A range ("3-4") is left as typed: how MLA 9 writes a lettered
# range is not settled here, and the engines shorten "B3-B4" differently.
_BARE_PAGE = re.compile(r"^\s*(?P<first>\d+)\s*(?P<plus>\+)?\s*$")


def _page_with_section_letter(page, mark: str | None):
    """MLA 9: a section letter is part of the page number ("p. B3"): the page with the letter added when
    the section is a letter and the page has none ("3" -> "B3", "3+" -> "B3+")."""
    if mark is None or not mark.isalpha():
        return page
    match = _BARE_PAGE.match(str(page)) if isinstance(page, (str, int)) and not isinstance(page, bool) else None
    if not match:
        return page  # "A1", "3-4", "Business 3": the page as printed
    return f"{mark}{match.group('first')}" + ("+" if match.group("plus") else "")


def mla_newspaper_edition_and_section(item: dict, options) -> None:
    """MLA 9: the edition is the version element, abbreviated and in lower case after the newspaper's
    name ("*The New York Times*, late ed., 8 Aug. 2022, p. A1."); a section is not an element of its own:
    a section letter is part of the page number ("p. A1"), and the section is not printed after the page."""
    if item.get("type") != _NEWSPAPER:
        return
    edition = _edition_name(item.get("edition"))
    if edition is not None:
        name, rest = edition
        item["edition"] = f"{name} ed." + (f" {rest}" if rest else "")
    if item.get("section") not in (None, ""):
        mark = _section_mark(item.pop("section"))
        if item.get("page") not in (None, ""):
            item["page"] = _page_with_section_letter(item["page"], mark)


def chicago_newspaper_edition_and_section(item: dict, options) -> None:
    """CMOS 18 14.89 (CMOS 17 14.191): page numbers of a newspaper article are omitted; an edition or
    a section may be added after the date, edition in lower case ("*New York Times*, August 8, 2022,
    late edition, sec. A."). Handed to the engine as the CSL `number`, which every Chicago file prints
    after the date with a comma; a section with a name of its own ("Business") is left out."""
    if item.get("type") != _NEWSPAPER:
        return
    parts = []
    edition = _edition_name(item.get("edition"))
    if edition is not None:
        name, rest = edition
        parts.append(f"{name} edition" + (f" {rest}" if rest else ""))
        item.pop("edition")
    elif _foreign_edition(item.get("edition")):
        parts.append(item.pop("edition").strip())  # "Édition tardive": as the newspaper prints it
    if item.get("section") not in (None, ""):
        mark = _section_mark(item.pop("section"))
        if mark:
            parts.append(f"sec. {mark}")
    if not parts:
        return
    number = item.get("number")
    if isinstance(number, (str, int)) and str(number).strip():
        parts.insert(0, str(number).strip())
    item["number"] = ", ".join(parts)


# modern-language-association.csl, macro "label-edition-capitalized": a non-numeric edition is printed
# capitalize-first ("*The New York Times*, Late ed., 8 Aug. 2022"), as after a full stop ("2nd ed."
# after a book's title). A newspaper's edition follows the newspaper's name and a comma, where MLA 9
# writes it in lower case ("late ed."); the copy prints a newspaper's edition as the item gives it.
_MLA_EDITION_MACRO = re.compile(
    r'(<macro name="label-edition-capitalized">.*?</if>)(\s*<else>\s*<text text-case="capitalize-first" '
    r'variable="edition"/>)', re.S)


def mla_newspaper_edition_lowercase(csl: str) -> str | None:
    changed, count = _MLA_EDITION_MACRO.subn(
        r'\1<else-if type="article-newspaper"><text variable="edition"/></else-if>\2', csl, count=1)
    return changed if count == 1 else None

"""Style patches for the Chicago CSL files (see style_patches.py for what a patch is and promises).

Each patch knows the shape of chicago-notes-bibliography.csl, chicago-author-date.csl and their
17th-edition files, and returns None for any other text, so the rule is left off there.
"""

from __future__ import annotations

import re

from citekit.dates import has_month_or_season

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_IN_MACRO = r"(?:(?!</macro>).)*?"  # any text that does not leave the macro


def _macro(name: str) -> re.Pattern:
    return re.compile(r'(<macro name="' + re.escape(name) + r'">)(' + _IN_MACRO + r')(</macro>)', re.S)


def _called_once(csl: str, name: str) -> bool:
    return _COMMENT.sub("", csl).count(f'<text macro="{name}"/>') == 1


# --- The year repeated in a full date (Chicago 17 author-date) -----------------------------------
# CMOS 17 (15.40-52) repeats the year in an author-date reference's full date: "HuffPost, October 31,
# 2019.", "June 2021."; CMOS 18 gives the month and day only ("October 31."). The 17th-edition CSL
# file gives periodicals their full date but prints a web page's (and any other dated monographic
# item's) month and day only, through macro "date-issued-month-day". CSL cannot test whether a date
# has a month, and a full date for a year-only page would repeat the bare year ("2018. ... 2018."),
# so the item copy carries a flag when its date has a month or season (`flag_issued_with_month`),
# and the patched macro "date-issued-month-day" prints the full date for a flagged item only (pandoc's
# citeproc and citeproc-py both take a variable name they do not know for one more item variable).
ISSUED_MONTH_FLAG = "citekit-issued-has-month"
_MONTH_DAY_MACRO = _macro("date-issued-month-day")
_SERIAL_FULL_DATE = '<text macro="source-date-issued-full-serial"/>'


def flag_issued_with_month(item: dict, options=None) -> None:
    # A season counts: CMOS 17 repeats the year after it too ("2019. ... Fall 2019.").
    if has_month_or_season(item.get("issued"), season=True):
        item[ISSUED_MONTH_FLAG] = "true"


def chicago17_author_date_full_date(csl: str) -> str | None:
    """The 17th-edition author-date file with the year in a month-and-day date of a flagged item."""
    without_comments = _COMMENT.sub("", csl)
    macro = _MONTH_DAY_MACRO.search(csl)
    if (macro is None or '<date variable="issued">' not in macro.group(2) or "<choose" in macro.group(2)
            or _SERIAL_FULL_DATE not in without_comments
            or '<macro name="date-issued-full">' not in without_comments):
        return None
    guarded = (f'<choose><if variable="{ISSUED_MONTH_FLAG}"><text macro="date-issued-full"/></if>'
               f'<else>{macro.group(2).strip()}</else></choose>')
    return csl[:macro.start(2)] + guarded + csl[macro.end(2):]


# --- Editor before edition (Chicago 17 and 18) --------------------------------------------------
# CMOS 14.2 lists the editor before the edition, and so does a chapter's book (14.8, 14.9 in the 17th
# edition): "In *Research Methods in Education*, edited by Louis Cohen and Lawrence Manion, 8th ed."
# (note: "ed. Louis Cohen and Lawrence Manion, 8th ed."). The Chicago CSL files print the container's
# edition first ("8th ed., edited by ..."), in macro "source-monographic-identifier-bib" (and "-note"),
# just before the macro with the container's contributors and volume. The edition is moved into that
# macro, right after the contributors: a volume or a number of volumes stays where the file has it.
_EDITION = '<text macro="identifier-edition-note"/>'
_EDITION_THEN_CONTRIBUTORS = re.compile(
    r'(<macro name="source-monographic-identifier-(bib|note)">' + _IN_MACRO + ')' + re.escape(_EDITION)
    + r'(\s*<text macro="(source-monographic-identifier-contributors-and-volume-[a-z-]+)"/>)', re.S)


def chicago_edition_after_editors(csl: str) -> str | None:
    """The Chicago file with a book's editors before its edition in a chapter's entry and note."""
    found = list(_EDITION_THEN_CONTRIBUTORS.finditer(csl))
    if "bib" not in [match.group(2) for match in found]:
        return None
    csl = _EDITION_THEN_CONTRIBUTORS.sub(r"\1\3", csl)
    for match in found:
        called, form = match.group(4), match.group(2)
        contributors = f'<text macro="source-monographic-identifier-contributors-{form}"/>'
        if not _called_once(csl, called):
            return None  # called from elsewhere too: the edition would turn up there
        macro = _macro(called).search(csl)
        if macro is None or macro.group(2).count(contributors) != 1:
            return None
        body = macro.group(2).replace(contributors, contributors + _EDITION)
        csl = csl[:macro.start(2)] + body + csl[macro.end(2):]
    return csl


# --- Editor or translator before edition in a whole book (Chicago 17 and 18) ---------------------
# The same order for a book cited as a whole (CMOS 14.2: author, title, editor or translator, edition,
# volume): "*The Second Sex*. Translated by Constance Borde and Sheila Malovany-Chevallier. 4th ed."
# (note: "trans. …, 4th ed."). The files print "identifier-edition-bib" (or "-note") just before
# "identifier-contributors-and-volume-bib" in macro "identifier-bib" (and "identifier-note"). For a book
# with no volume, part or number of volumes the edition is printed after that macro instead; any other
# item keeps the file's order (a volume comes after the edition, and is printed with the contributors).
# A book whose editor stands in the author position prints no contributors there, so its edition stays
# right after the title.
_VOLUME_VARIABLES = "number-of-volumes part-number part-title volume volume-title"
_BOOK_EDITION_THEN_CONTRIBUTORS = re.compile(
    r'<text macro="(identifier-edition-(bib|note))"/>(\s*)(<text macro="identifier-contributors-and-volume-\2"/>)')


def chicago_book_edition_after_editors(csl: str) -> str | None:
    """The Chicago file with a whole book's editors or translators before its edition."""
    forms = []
    for form in ("bib", "note"):
        macro = _macro(f"identifier-{form}").search(csl)
        if macro is None:
            continue
        found = _BOOK_EDITION_THEN_CONTRIBUTORS.findall(_COMMENT.sub("", macro.group(2)))
        if len(found) != 1 or found[0][1] != form:
            return None
        forms.append(form)
    if "bib" not in forms:
        return None

    def reorder(match: re.Match) -> str:
        edition, space, contributors = f'<text macro="{match.group(1)}"/>', match.group(3), match.group(4)
        before = (f'<choose><if type="book"><choose><if match="any" variable="{_VOLUME_VARIABLES}">{edition}</if>'
                  f'</choose></if><else>{edition}</else></choose>')
        after = (f'<choose><if type="book"><choose><if match="none" variable="{_VOLUME_VARIABLES}">{edition}</if>'
                 '</choose></if></choose>')
        return before + space + contributors + space + after

    for form in forms:
        macro = _macro(f"identifier-{form}").search(csl)
        body, count = _BOOK_EDITION_THEN_CONTRIBUTORS.subn(reorder, macro.group(2))
        if count != 1:
            return None  # the one call sits in a comment, next to a commented-out copy
        csl = csl[:macro.start(2)] + body + csl[macro.end(2):]
    return csl

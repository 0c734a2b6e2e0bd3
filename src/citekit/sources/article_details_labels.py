"""The labels of an "Article Details" / "Citation Information" block: one vocabulary, label -> CSL variable.

Matched longest first by `article_details`, so "Website Name" is never the label "Website" with a
value "Name". Sites' own wordings go here, each with the variable it fills.
"""

from __future__ import annotations

LAST_UPDATED = "note:last-updated"  # not a CSL variable: where "Last Updated" goes

# Label as printed (lower case, single spaces) -> the CSL variable it fills.
LABELS: dict[str, str] = {
    "author": "author", "authors": "author", "author name": "author", "written by": "author", "by": "author",
    # Library of Congress and National Archives catalogue records ("Citation Information" blocks)
    "creator": "author", "creator(s)": "author", "creators": "author", "contributor names": "author",
    "created / published": "issued", "created/published": "issued", "production date": "issued",
    "website name": "container-title", "site name": "container-title", "site title": "container-title",
    "website title": "container-title", "website": "container-title", "site": "container-title",
    "title": "title", "article title": "title", "page title": "title",
    "year published": "issued", "original published date": "issued", "date published": "issued",
    "published": "issued", "published date": "issued", "publication date": "issued",
    "date of publication": "issued", "publication year": "issued", "date": "issued",
    "url": "URL", "web address": "URL", "link": "URL",
    "access date": "accessed", "date accessed": "accessed", "accessed": "accessed",
    "accessed on": "accessed", "date retrieved": "accessed", "retrieved": "accessed",
    "publisher": "publisher",
    "last updated": LAST_UPDATED, "date updated": LAST_UPDATED, "updated": LAST_UPDATED,
    "last modified": LAST_UPDATED, "updated on": LAST_UPDATED, "modified": LAST_UPDATED,
    "original": "issued", "originally published": "issued", "first published": "issued",
}
# Labels that are everyday words starting many titles ("By the People", "Site of the Battle of
# Hastings"): see `_classify`.
WEAK_LABELS = frozenset({"by", "date", "site", "link", "modified", "original"})
DATE_LABEL_VARIABLES = ("issued", "accessed")
DATED = (*DATE_LABEL_VARIABLES, LAST_UPDATED)  # labels whose value is a date

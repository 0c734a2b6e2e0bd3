"""A saved web page (or one fetched from a URL) as a CSL-JSON record, from the metadata its
publisher embedded: Highwire `citation_*`, JSON-LD schema.org, Dublin Core, OpenGraph, and
the page's `<title>`.

Each variable comes from the most specific kind that states it, in the order of `SOURCES`:
Highwire tags are written for citation managers, JSON-LD describes the article as an object,
Dublin Core is bibliographic but loose, OpenGraph is written for link previews, and `<title>`
often carries the site's name. The URL is the page's canonical link when it has one.

Decisions worth knowing:
- `accessed` is today (the clock is injectable): the day citekit read the page.
- A "last modified" date has no CSL variable. With no publication date on the page it is the
  date cited (MLA 9, APA 7 and Chicago date such a page by its last update); next to a
  publication date it goes to `note` as "Last updated: <date>". Both are reported, as the
  Article Details parser does.
- The type is the most specific one a kind states (Highwire's journal: article-journal;
  JSON-LD NewsArticle: article-newspaper; BlogPosting: post-weblog), else webpage.
- Nothing is invented: a page without a title anywhere is an error, not a record.
"""

from __future__ import annotations

import datetime
from typing import Any, Callable

from citekit.errors import CitekitError
from citekit.findings import Finding, Parsed, Severity
from citekit.ids import make_record_id
from citekit.model import record_from_csl
from citekit.sources import html_sources as kinds

# Variables read from pages, in the order the sources finding lists them.
VARIABLES = ("title", "author", "issued", "container-title", "container-title-short", "publisher",
             "volume", "issue", "page", "number", "DOI", "ISSN", "ISBN", "language", "URL")


def today() -> datetime.date:
    """The access date; tests replace this function to fix the clock."""
    return datetime.date.today()


def _parse_tree(text: str, source: str) -> Any:
    import lxml.etree
    import lxml.html

    # Bytes with a fixed encoding: lxml refuses str input that declares its own encoding.
    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise CitekitError(f"cannot read the page as HTML: {exc}", source=source,
                           hint="save the page again as 'Webpage, HTML only'") from None


def _canonical_url(tree: Any, base: str | None) -> str | None:
    for link in tree.xpath("//link[@rel and @href]"):
        if "canonical" in link.get("rel").lower().split():
            return kinds.absolute_url(link.get("href"), base)
    return None


def _saved_from_url(tree: Any) -> str | None:
    """The address a browser notes when saving a page: `<!-- saved from url=(0047)https://... -->`."""
    from lxml import etree

    for node in tree.itersiblings(preceding=True):
        if node.tag is etree.Comment:
            text = (node.text or "").strip()
            if text.lower().startswith("saved from url="):
                address = text[len("saved from url="):]
                if address.startswith("("):
                    address = address.partition(")")[2]
                return kinds.absolute_url(address.strip(), None)
    return None


def _date(text: str) -> dict[str, Any]:
    from citekit.dates import parse_date

    return parse_date(text) or {"raw": text}


def parse_html_metadata(text: str, *, source: str = "<stdin>", page_url: str | None = None,
                        record_id: str | None = None,
                        clock: Callable[[], datetime.date] | None = None) -> Parsed:
    """One record from a page's embedded metadata; `page_url` is where it was fetched from."""
    tree = _parse_tree(text, source)
    saved_from = _saved_from_url(tree)
    base = page_url or saved_from
    metas = kinds.meta_by_name(tree)
    sources = [kinds.highwire(metas, base), kinds.json_ld(tree, base), kinds.dublin_core(tree, base),
               kinds.open_graph(tree, base), kinds.plain_html(tree, metas)]

    data: dict[str, Any] = {}
    given_by: dict[str, str] = {}
    for variable in VARIABLES:
        for kind in sources:
            value = kind.fields.get(variable)
            if value:
                data[variable], given_by[variable] = value, kind.name
                break
    canonical = _canonical_url(tree, base)
    fallbacks = [(canonical, "the canonical link"), (data.get("URL"), given_by.get("URL")),
                 (page_url, "the address it was fetched from"), (saved_from, "the browser's 'saved from' note"),
                 (sources[0].fields.get("pdf-url"), "Highwire citation_pdf_url")]
    url, url_source = next(((u, s) for u, s in fallbacks if u), (None, None))
    data.pop("URL", None)
    given_by.pop("URL", None)
    if url:
        data["URL"], given_by["URL"] = url, url_source

    if "title" not in data:
        raise CitekitError(
            "no citation metadata found: no title in citation_*, JSON-LD, Dublin Core or OpenGraph "
            "tags, and no <title>", source=source,
            hint="save the complete page from the browser (Save Page As, 'Webpage, HTML only'), "
                 "or paste the Article Details block printed under the article")

    reports: list[tuple[str, Severity, str, str | None, str | None, int | None]] = [
        ("page-metadata-sources", Severity.INFO, _sources_message(given_by), None, None, None)]
    for kind in sources:
        for code, message, line in kind.problems:
            reports.append((code, Severity.WARNING, message, None, None, line))
    if "issued" in data:
        date = _date(data["issued"])
        if "raw" in date:
            reports.append(("unparsed-date", Severity.WARNING,
                            f"the publication date '{data['issued']}' ({given_by['issued']}) is not a "
                            "date citekit can read; kept as written", "issued",
                            "write it as e.g. '2018-03-22'", None))
        data["issued"] = date
    _last_updated(sources, data, reports)

    data["type"] = next((kind.type_hint for kind in sources if kind.type_hint), "webpage")
    accessed = (clock or today)()
    data["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    if given_by["title"] == sources[-1].name:
        reports.append(("title-from-html-title", Severity.WARNING,
                        "the page has no citation metadata; the title is the page's <title>, which often "
                        "includes the site's name", "title",
                        "check the title against the heading of the article", None))
    reports.append(("accessed-today", Severity.INFO,
                    f"the access date is today ({accessed.isoformat()}), the day citekit read the page",
                    "accessed", "if you read the page on another day, set accessed to that day", None))

    data["id"] = record_id if record_id is not None else make_record_id(data)
    try:
        record = record_from_csl(data)
    except CitekitError as error:
        raise error.located(source) from None
    findings = [Finding(code, severity, message, field=field_name, record_id=record.id, fix=fix,
                        location=f"line {line}" if line else None)
                for code, severity, message, field_name, fix, line in reports]
    return Parsed(records=[record], findings=findings)


def _last_updated(sources: list[kinds.PageSource], data: dict[str, Any], reports: list) -> None:
    from citekit.dates import format_date_iso

    modified_by = next((kind for kind in sources if kind.modified), None)
    if modified_by is None:
        return
    modified = _date(modified_by.modified)
    shown = format_date_iso(modified) or modified_by.modified
    if "issued" not in data:
        data["issued"] = modified
        reports.append(("last-updated-as-date", Severity.INFO,
                        f"the page gives no publication date, so its last update ({shown}, "
                        f"{modified_by.name}) is used as the publication date, as MLA 9, APA 7 and "
                        "Chicago date a page that gives no other date", "issued", None, None))
        return
    if format_date_iso(data["issued"]) == shown:
        return  # updated the day it was published: nothing to add
    data["note"] = f"Last updated: {shown}"
    reports.append(("last-updated-kept-in-note", Severity.INFO,
                    f"the page was last updated {shown} ({modified_by.name}); CSL has no field for "
                    "that, so it is kept in note", "note",
                    "APA 7 cites the update date when the update changed what you cite: set issued "
                    "to it, and keep the publication date in note (\"note=Originally published ...\"), "
                    "as issued= replaces it", None))


def _sources_message(given_by: dict[str, str]) -> str:
    by_source: dict[str, list[str]] = {}
    for variable, name in given_by.items():
        by_source.setdefault(name, []).append(variable)
    parts = [f"{', '.join(variables)} from {name}" for name, variables in by_source.items()]
    return "read from the page: " + "; ".join(parts)

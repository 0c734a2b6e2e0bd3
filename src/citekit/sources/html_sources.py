"""What each kind of metadata a publisher embeds in a page says, read separately.

One function per kind, each returning a `PageSource`: CSL variables as the kind states them
(names as CSL name objects, dates as the text the page gives). `html_meta` decides which kind
wins for each variable. The page is parsed once with lxml; JSON-LD, OpenGraph and Dublin
Core are read from that tree; Highwire `citation_*` tags and `<title>` are read with XPath.
Nothing here guesses: a value a kind does not state is absent.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import urljoin, urlsplit

from citekit.names import parse_author_names


@dataclass
class PageSource:
    name: str  # as shown to the student: "Highwire citation_* tags"
    fields: dict[str, Any] = field(default_factory=dict)
    type_hint: str | None = None  # the CSL type this kind of metadata implies
    modified: str | None = None  # "last updated" date text
    problems: list[tuple[str, str, int | None]] = field(default_factory=list)  # (code, message, line)


def text_of(value: Any) -> str | None:
    """A metadata value as one line of text; None for empty. JSON-LD may name or list it."""
    if isinstance(value, list):
        return next((text for text in map(text_of, value) if text), None)
    if isinstance(value, dict):
        return text_of(value.get("name") or value.get("@value"))
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return None
    # JSON-LD and meta contents are text, but publishers often leave HTML entities in them.
    text = " ".join(html.unescape(value).split())
    return text or None


def is_web_url(text: str | None) -> bool:
    if not text:
        return False
    try:
        parts = urlsplit(text)
    except ValueError:  # "https://[::1": not an address at all
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def absolute_url(text: str | None, base: str | None) -> str | None:
    """An http(s) URL, resolved against the page's address when relative; None otherwise."""
    if not text:
        return None
    text = text.strip()
    if base and not is_web_url(text):
        try:
            text = urljoin(base, text)
        except ValueError:  # a base or link with a broken host ("https://[x")
            return None
    return text if is_web_url(text) else None


def names_from_text(values: Iterable[str]) -> list[dict]:
    """Names from bylines as meta tags give them; profile URLs are not names."""
    names: list[dict] = []
    for value in values:
        text = text_of(value)
        if text and not is_web_url(text):
            names.extend(parse_author_names(text))
    return names


def meta_by_name(tree: Any) -> dict[str, list[str]]:
    """`<meta name=... content=...>` values by lower-case name, in page order."""
    metas: dict[str, list[str]] = {}
    for element in tree.xpath("//meta[@name and @content]"):
        metas.setdefault(element.get("name").strip().lower(), []).append(element.get("content"))
    return metas


# --- Highwire Press citation_* (Google Scholar's tags) ------------------------------------

_HIGHWIRE_CONTAINERS = (  # tag, the CSL type it implies
    ("citation_journal_title", "article-journal"), ("citation_conference_title", "paper-conference"),
    ("citation_book_title", "chapter"), ("citation_inbook_title", "chapter"),
)
_HIGHWIRE_INSTITUTIONS = (("citation_dissertation_institution", "thesis"),
                          ("citation_technical_report_institution", "report"))


def highwire(metas: dict[str, list[str]], base: str | None) -> PageSource:
    source = PageSource("Highwire citation_* tags")
    get = lambda name: text_of(metas.get(name))  # noqa: E731 - a short local reader
    found = source.fields
    if get("citation_title"):
        found["title"] = get("citation_title")
    authors = list(metas.get("citation_author", []))
    for joined in metas.get("citation_authors", []):  # the older tag: names split by ";"
        authors.extend(part for part in joined.split(";") if part.strip())
    if authors:
        found["author"] = names_from_text(authors)
    for tag in ("citation_publication_date", "citation_date", "citation_cover_date", "citation_online_date"):
        if get(tag):
            found["issued"] = get(tag)
            break
    for tag, csl_type in _HIGHWIRE_CONTAINERS:
        if get(tag):
            found["container-title"], source.type_hint = get(tag), csl_type
            break
    for tag, csl_type in _HIGHWIRE_INSTITUTIONS:
        if get(tag) and source.type_hint is None:
            found["publisher"], source.type_hint = get(tag), csl_type
    if get("citation_publisher"):
        found["publisher"] = get("citation_publisher")
    for tag, variable in (("citation_journal_abbrev", "container-title-short"), ("citation_volume", "volume"),
                          ("citation_issue", "issue"), ("citation_issn", "ISSN"),
                          ("citation_isbn", "ISBN"), ("citation_language", "language"),
                          ("citation_technical_report_number", "number")):
        if get(tag):
            found[variable] = get(tag)
    if get("citation_doi"):
        found["DOI"] = doi_of(get("citation_doi")) or get("citation_doi")
    first, last = get("citation_firstpage"), get("citation_lastpage")
    if first:
        found["page"] = f"{first}-{last}" if last and last != first else first
    for tag in ("citation_abstract_html_url", "citation_fulltext_html_url", "citation_public_url"):
        url = absolute_url(get(tag), base)
        if url:
            found["URL"] = url
            break
    pdf = absolute_url(get("citation_pdf_url"), base)
    if pdf:
        found["pdf-url"] = pdf  # only a last resort for URL: the landing page is what one cites
    return source


# --- Dublin Core DC.* / dcterms.* ---------------------------------------------------------

_DC_PREFIXES = ("dc.", "dcterms.")
_DC_TERMS = {  # the term after the prefix -> CSL variable
    "title": "title", "creator": "author", "publisher": "publisher", "language": "language",
    "date.issued": "issued", "issued": "issued", "date": "issued", "created": "issued",
    "date.created": "issued", "relation.ispartof": "container-title", "ispartof": "container-title",
    "identifier": "identifier", "date.modified": "modified", "modified": "modified",
}


def _meta_contents(tree: Any, attribute: str) -> list[tuple[str, str]]:
    """(attribute value, content) of every `<meta ATTRIBUTE=… content=…>` in the page, in order."""
    pairs = []
    for meta in tree.iter("meta"):
        key, content = meta.get(attribute), meta.get("content")
        if key and content is not None:
            pairs.append((key.strip(), content))
    return pairs


def dublin_core(tree: Any, base: str | None) -> PageSource:
    source = PageSource("Dublin Core DC.* tags")
    values: dict[str, list[str]] = {}
    for name, content in _meta_contents(tree, "name"):
        name = name.lower()
        prefix = next((p for p in _DC_PREFIXES if name.startswith(p)), None)
        if prefix and content and name[len(prefix):] in _DC_TERMS:
            values.setdefault(_DC_TERMS[name[len(prefix):]], []).append(content)
    if "author" in values:
        source.fields["author"] = names_from_text(values.pop("author"))
    for variable in ("title", "publisher", "language", "issued", "container-title"):
        if text_of(values.get(variable)):
            source.fields[variable] = text_of(values.get(variable))
    source.modified = text_of(values.get("modified"))
    for identifier in values.get("identifier", []):
        text = text_of(identifier) or ""
        doi = doi_of(text)
        if doi:
            source.fields.setdefault("DOI", doi)
        elif absolute_url(text, None):
            source.fields.setdefault("URL", text)
    return source


def doi_of(text: str) -> str | None:
    """The DOI in "10.1234/x", "doi:10.1234/x" or "https://doi.org/10.1234/x"; None if none."""
    lowered = text.strip().lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"):
        if lowered.startswith(prefix):
            text = text.strip()[len(prefix):].strip()
            break
    return text.strip() if text.strip().startswith("10.") and "/" in text else None


# --- OpenGraph og:* and article:* ---------------------------------------------------------

def open_graph(tree: Any, base: str | None) -> PageSource:
    source = PageSource("OpenGraph og:* tags")
    values: dict[str, list[str]] = {}
    for prop, content in _meta_contents(tree, "property"):
        if prop.lower().startswith(("og:", "article:")):
            values.setdefault(prop.lower(), []).append(content)
    get = lambda name: text_of(values.get(name))  # noqa: E731 - a short local reader
    for prop, variable in (("og:title", "title"), ("og:site_name", "container-title"),
                           ("article:published_time", "issued")):
        if get(prop):
            source.fields[variable] = get(prop)
    authors = names_from_text(values.get("article:author", []))
    if authors:
        source.fields["author"] = authors
    url = absolute_url(get("og:url"), base)
    if url:
        source.fields["URL"] = url
    if get("og:locale"):
        source.fields["language"] = get("og:locale").replace("_", "-")
    source.modified = get("article:modified_time") or get("og:updated_time")
    return source


# --- plain HTML: <title>, <meta name=author>, <html lang> ----------------------------------

def plain_html(tree: Any, metas: dict[str, list[str]]) -> PageSource:
    source = PageSource("the page's HTML (<title>, lang, meta author)")
    titles = tree.xpath("//head/title")
    title = text_of(titles[0].text_content()) if titles else None
    if title:
        source.fields["title"] = title
    authors = names_from_text(metas.get("author", []))
    if authors:
        source.fields["author"] = authors
    language = text_of(tree.get("lang"))
    if language:
        source.fields["language"] = language
    return source


# --- JSON-LD schema.org -------------------------------------------------------------------

_NEWS_TYPES = {"NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
               "ReviewNewsArticle", "BackgroundNewsArticle", "AskPublicNewsArticle"}
_BLOG_TYPES = {"BlogPosting", "LiveBlogPosting"}
_ARTICLE_TYPES = _NEWS_TYPES | _BLOG_TYPES | {
    "Article", "ScholarlyArticle", "MedicalScholarlyArticle", "TechArticle", "Report",
    "SocialMediaPosting", "DiscussionForumPosting", "SatiricalArticle", "AdvertiserContentArticle"}
_PAGE_TYPES = {"WebPage", "ItemPage", "AboutPage", "CollectionPage", "FAQPage", "QAPage",
               "ProfilePage", "MedicalWebPage"}
# What an article is part of that names the container (the site, the journal, the paper).
_CONTAINER_TYPES = {"WebSite", "Periodical", "Newspaper", "Blog", "CreativeWorkSeries", "Book"}


def _types(node: Any) -> set[str]:
    if not isinstance(node, dict):
        return set()
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    # "schema:NewsArticle" and "http://schema.org/NewsArticle" name the same type.
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)}


class _Graph:
    """Every JSON-LD node of the page, so `{"@id": ...}` references can be followed."""

    def __init__(self, items: list[Any]):
        self.nodes: list[dict] = []
        self._walk(items, 0)
        self.by_id = {node["@id"]: node for node in self.nodes if isinstance(node.get("@id"), str)}

    def _walk(self, value: Any, depth: int) -> None:
        if depth > 4:
            return
        if isinstance(value, list):
            for item in value:
                self._walk(item, depth + 1)
        elif isinstance(value, dict):
            if "@graph" in value:
                self._walk(value["@graph"], depth + 1)
            if "@type" in value:
                self.nodes.append(value)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in self.by_id:
            return self.by_id[value["@id"]]
        return value

    def first(self, types: set[str]) -> dict | None:
        return next((node for node in self.nodes if _types(node) & types), None)


def _jsonld_names(graph: _Graph, value: Any) -> list[dict]:
    names: list[dict] = []
    for item in value if isinstance(value, list) else [value]:
        item = graph.resolve(item)
        if isinstance(item, str):
            names.extend(names_from_text([item]))
        elif isinstance(item, dict):
            family, given = text_of(item.get("familyName")), text_of(item.get("givenName"))
            name = text_of(item.get("name"))
            if "Person" in _types(item) and family:
                names.append({"family": family, **({"given": given} if given else {})})
            elif _types(item) and "Person" not in _types(item) and name:
                names.append({"literal": name})  # an Organization or one of its kinds
            elif name:
                names.extend(names_from_text([name]))
    return names


def _container(graph: _Graph, node: dict, found: dict) -> None:
    """Site, journal, volume and issue from the article's isPartOf chain."""
    current: Any = node
    for _ in range(5):
        current = graph.resolve(current.get("isPartOf")) if isinstance(current, dict) else None
        if isinstance(current, list):
            current = graph.resolve(current[0]) if current else None
        if not isinstance(current, dict):
            break
        kinds = _types(current)
        if "PublicationIssue" in kinds and text_of(current.get("issueNumber")):
            found.setdefault("issue", text_of(current.get("issueNumber")))
        if "PublicationVolume" in kinds and text_of(current.get("volumeNumber")):
            found.setdefault("volume", text_of(current.get("volumeNumber")))
        if kinds & _CONTAINER_TYPES and text_of(current.get("name")):
            found.setdefault("container-title", text_of(current.get("name")))
            return
    site = [n for n in graph.nodes if "WebSite" in _types(n) and text_of(n.get("name"))]
    if len(site) == 1 and "container-title" not in found:
        found["container-title"] = text_of(site[0].get("name"))


def json_ld(tree: Any, base: str | None) -> PageSource:
    source = PageSource("JSON-LD schema.org")
    items: list[Any] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        # Publishers wrap JSON-LD in HTML comments or CDATA markers now and then; JSON itself is strict.
        text = (script.text or "").strip()
        for opening, closing in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
            if text.startswith(opening) and text.endswith(closing):
                text = text[len(opening): -len(closing)].strip()
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # RecursionError: nested too deeply to read
            source.problems.append(("invalid-json-ld", "a JSON-LD block is not valid JSON; it is ignored",
                                    script.sourceline))
            continue
        items.extend(data if isinstance(data, list) else [data])
    graph = _Graph(items)
    node = graph.first(_ARTICLE_TYPES) or graph.first(_PAGE_TYPES)
    if node is None:
        return source
    kinds = _types(node)
    source.name = f"JSON-LD schema.org {sorted(kinds & (_ARTICLE_TYPES | _PAGE_TYPES))[0]}"
    found = source.fields
    title = text_of(node.get("headline")) or text_of(node.get("name"))
    if title:
        found["title"] = title
    authors = _jsonld_names(graph, node.get("author") or node.get("creator"))
    if authors:
        found["author"] = authors
    issued = text_of(node.get("datePublished")) or text_of(node.get("dateCreated"))
    if issued:
        found["issued"] = issued
    source.modified = text_of(node.get("dateModified"))
    publisher = node.get("publisher")
    publisher = [graph.resolve(p) for p in publisher] if isinstance(publisher, list) else graph.resolve(publisher)
    if text_of(publisher):
        found["publisher"] = text_of(publisher)
    for key, variable in (("volumeNumber", "volume"), ("issueNumber", "issue"), ("pagination", "page")):
        if text_of(node.get(key)):
            found[variable] = text_of(node.get(key))
    start, end = text_of(node.get("pageStart")), text_of(node.get("pageEnd"))
    if start and "page" not in found:
        found["page"] = f"{start}-{end}" if end and end != start else start
    _container(graph, node, found)
    main_page = graph.resolve(node.get("mainEntityOfPage"))
    for candidate in (node.get("url"), main_page.get("@id") if isinstance(main_page, dict) else main_page):
        url = absolute_url(candidate, base) if isinstance(candidate, str) else None
        if url:
            found["URL"] = url
            break
    for identifier in node.get("identifier") if isinstance(node.get("identifier"), list) else [node.get("identifier")]:
        if isinstance(identifier, dict) and str(identifier.get("propertyID", "")).lower() == "doi":
            identifier = identifier.get("value")
        doi = doi_of(identifier) if isinstance(identifier, str) else None
        if doi:
            found["DOI"] = doi
            break
    language = text_of(node.get("inLanguage")) if isinstance(node.get("inLanguage"), str) else None
    if language:
        found["language"] = language
    if kinds & _NEWS_TYPES:
        source.type_hint = "article-newspaper"
    elif kinds & _BLOG_TYPES:
        source.type_hint = "post-weblog"
    elif kinds & {"ScholarlyArticle", "MedicalScholarlyArticle"} and (
            {"volume", "issue"} & set(found) or graph.first({"Periodical"})):
        source.type_hint = "article-journal"
    return source

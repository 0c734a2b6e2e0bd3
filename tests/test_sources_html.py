"""Saved web pages: the metadata publishers embed, which kind wins, and pages without any."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from citekit.errors import CitekitError
from citekit.findings import Severity
from citekit.sources import detect_format, load
from citekit.sources.html_meta import parse_html_metadata

PAGES = Path(__file__).parent / "fixtures" / "pages"
TODAY = datetime.date(2024, 5, 1)
ACCESSED = {"date-parts": [[2024, 5, 1]]}

# What each page states, typed from the pages (tests/fixtures/pages), not from citekit's output.
NEWS_URL = "https://www.rivertonledger.example/news/2023/06/14/council-approves-river-crossing"
NEWS_RECORD = {
    "id": "okafor-2023-council",
    "type": "article-newspaper",
    "URL": NEWS_URL,
    "accessed": ACCESSED,
    "author": [{"family": "Okafor", "given": "Amara"}, {"family": "García Ruiz", "given": "Tomás"}],
    "container-title": "The Riverton Ledger",
    "issued": {"date-parts": [[2023, 6, 14]]},
    "language": "en-GB",
    "note": "Last updated: 2023-06-15",
    "publisher": "Riverton Ledger Media Group",
    "title": "Council approves river crossing after decade of debate",
}
JOURNAL_URL = "https://journals.example.org/jee/article/view/483"
JOURNAL_RECORD = {
    "id": "lindqvist-2021-tidal",
    "type": "article-journal",
    "DOI": "10.5555/jee.2021.0483",
    "ISSN": "2049-3630",
    "URL": JOURNAL_URL,
    "accessed": ACCESSED,
    "author": [{"family": "Lindqvist", "given": "Maja"}, {"family": "Okonkwo", "given": "Chidi E."},
               {"family": "Baker", "given": "Ruth"}],
    "container-title": "Journal of Estuarine Ecology",
    "container-title-short": "J. Estuar. Ecol.",
    "issue": "3",
    "issued": {"date-parts": [[2021, 9, 30]]},
    "language": "en",
    "page": "211-229",
    "publisher": "Coastal Science Press",
    "title": "Tidal mixing and the winter survival of estuarine copepods",
    "volume": "48",
}
HISTORY_URL = "https://www.history.com/this-day-in-history/new-russian-leader-lenin-calls-for-immediate-armistice"
HISTORY_RECORD = {
    "id": "history-2009-new",
    "type": "webpage",
    "URL": HISTORY_URL,
    "accessed": ACCESSED,
    "author": [{"literal": "HISTORY.com Editors"}],
    "container-title": "HISTORY",
    "issued": {"date-parts": [[2009, 11, 13]]},
    "language": "en",
    "note": "Last updated: 2020-11-05",
    "publisher": "A+E Networks",
    "title": "November 08, 1917 : New Russian leader Lenin calls for immediate armistice",
}


def parse(html, **kwargs):
    parsed = parse_html_metadata(html, source=kwargs.pop("source", "page.html"), clock=lambda: TODAY, **kwargs)
    assert len(parsed.records) == 1
    return parsed.records[0].to_csl(), parsed.findings


def page(head: str, body: str = "<p>text</p>") -> str:
    return f"<!DOCTYPE html>\n<html>\n<head>\n{head}\n</head>\n<body>{body}</body>\n</html>\n"


def messages(findings):
    return {f.code: f.message for f in findings}


def test_news_site_json_ld_news_article_with_open_graph():
    record, findings = parse((PAGES / "news-article.html").read_text(encoding="utf-8"))
    assert record == NEWS_RECORD
    assert [(f.code, f.severity, f.field) for f in findings] == [
        ("page-metadata-sources", Severity.INFO, None),
        ("last-updated-kept-in-note", Severity.INFO, "note"),
        ("accessed-today", Severity.INFO, "accessed"),
    ]
    assert messages(findings)["page-metadata-sources"] == (
        "read from the page: title, author, issued, publisher from JSON-LD schema.org NewsArticle; "
        "container-title, language from OpenGraph og:* tags; URL from the canonical link")
    assert messages(findings)["accessed-today"] == (
        "the access date is today (2024-05-01), the day citekit read the page")


def test_journal_page_highwire_wins_over_dublin_core_and_open_graph():
    record, findings = parse((PAGES / "journal-article.html").read_text(encoding="utf-8"))
    assert record == JOURNAL_RECORD
    assert [f.code for f in findings] == ["page-metadata-sources", "accessed-today"]
    assert messages(findings)["page-metadata-sources"] == (
        "read from the page: title, author, issued, container-title, container-title-short, publisher, "
        "volume, issue, page, DOI, ISSN, language from Highwire citation_* tags; URL from the canonical link")


def test_history_site_article_with_an_organisation_byline():
    record, findings = parse((PAGES / "history-article.html").read_text(encoding="utf-8"))
    assert record == HISTORY_RECORD
    assert [f.code for f in findings] == ["page-metadata-sources", "last-updated-kept-in-note", "accessed-today"]
    assert messages(findings)["last-updated-kept-in-note"] == (
        "the page was last updated 2020-11-05 (JSON-LD schema.org Article); CSL has no field for that, "
        "so it is kept in note")


@pytest.mark.parametrize(("kinds", "title_from"), [
    ({"highwire", "jsonld", "dc", "og", "title"}, "Highwire"),
    ({"jsonld", "dc", "og", "title"}, "JSON-LD"),
    ({"dc", "og", "title"}, "Dublin Core"),
    ({"og", "title"}, "OpenGraph"),
])
def test_each_variable_comes_from_the_most_specific_kind_that_states_it(kinds, title_from):
    parts = {
        "highwire": '<meta name="citation_title" content="Highwire">',
        "jsonld": '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Article",'
                  ' "headline": "JSON-LD", "datePublished": "2020-02-02"}</script>',
        "dc": '<meta name="dc.title" content="Dublin Core"><meta name="dcterms.issued" content="2020-03-03">',
        "og": '<meta property="og:title" content="OpenGraph"><meta property="og:site_name" content="Site">'
              '<meta property="article:published_time" content="2020-04-04T10:00:00Z">',
        "title": "<title>Title element</title>",
    }
    record, _ = parse(page("\n".join(parts[kind] for kind in parts if kind in kinds)))
    assert record["title"] == title_from
    expected_day = {"Highwire": 2, "JSON-LD": 2, "Dublin Core": 3, "OpenGraph": 4}[title_from]
    assert record["issued"] == {"date-parts": [[2020, expected_day, expected_day]]}
    assert record["container-title"] == "Site"  # only OpenGraph states it, so it fills the gap


def test_json_ld_graph_with_references_as_yoast_writes_it():
    graph = """{"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "@id": "https://blog.example/#website", "name": "Field Notes"},
      {"@type": "WebPage", "@id": "https://blog.example/winter-birds/", "name": "Winter birds - Field Notes",
       "isPartOf": {"@id": "https://blog.example/#website"}},
      {"@type": ["BlogPosting"], "@id": "https://blog.example/winter-birds/#article",
       "headline": "Winter birds &amp; where to find them", "datePublished": "2022-01-09T08:00:00+00:00",
       "author": {"@id": "https://blog.example/#/schema/person/1"},
       "publisher": {"@id": "https://blog.example/#organization"},
       "isPartOf": {"@id": "https://blog.example/winter-birds/"},
       "mainEntityOfPage": {"@id": "https://blog.example/winter-birds/"}, "inLanguage": "en-US"},
      {"@type": "Person", "@id": "https://blog.example/#/schema/person/1", "name": "Ines Duarte"},
      {"@type": "Organization", "@id": "https://blog.example/#organization", "name": "Field Notes Ltd"}
    ]}"""
    record, _ = parse(page(f'<script type="application/ld+json">{graph}</script>'))
    assert record == {
        "id": "duarte-2022-winter", "type": "post-weblog", "URL": "https://blog.example/winter-birds/",
        "accessed": ACCESSED, "author": [{"family": "Duarte", "given": "Ines"}],
        "container-title": "Field Notes", "issued": {"date-parts": [[2022, 1, 9]]}, "language": "en-US",
        "publisher": "Field Notes Ltd", "title": "Winter birds & where to find them"}


def test_scholarly_article_in_a_periodical_issue():
    data = """{"@context": "https://schema.org", "@type": "ScholarlyArticle", "name": "Salt marsh carbon",
      "author": [{"@type": "Person", "givenName": "Kofi", "familyName": "Mensah"}, "Lena Vogel"],
      "datePublished": "2019-05", "pageStart": "45", "pageEnd": "60",
      "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.5555/smc.45"},
      "isPartOf": {"@type": "PublicationIssue", "issueNumber": "2",
        "isPartOf": {"@type": "PublicationVolume", "volumeNumber": "7",
          "isPartOf": {"@type": "Periodical", "name": "Coastal Review"}}}}"""
    record, _ = parse(page(f'<script type="application/ld+json">{data}</script>'))
    assert record == {
        "id": "mensah-2019-salt", "type": "article-journal", "DOI": "10.5555/smc.45", "accessed": ACCESSED,
        "author": [{"family": "Mensah", "given": "Kofi"}, {"family": "Vogel", "given": "Lena"}],
        "container-title": "Coastal Review", "issue": "2", "issued": {"date-parts": [[2019, 5]]},
        "page": "45-60", "title": "Salt marsh carbon", "volume": "7"}


def test_dublin_core_alone_in_either_spelling():
    head = ('<meta name="dc.title" content="Parish registers of Kent"><meta name="DC.creator" content="Kent '
            'Archives Service"><meta name="DCTERMS.issued" content="2004"><meta name="dc.publisher" '
            'content="Kent County Council"><meta name="DC.identifier" content="https://archives.example/kent">')
    record, _ = parse(page(head))
    assert record == {"id": "kent-2004-parish", "type": "webpage", "URL": "https://archives.example/kent",
                      "accessed": ACCESSED, "author": [{"literal": "Kent Archives Service"}],
                      "issued": {"date-parts": [[2004]]}, "publisher": "Kent County Council",
                      "title": "Parish registers of Kent"}


def test_urls_canonical_relative_to_the_page_else_declared_else_saved_from():
    head = '<link rel="canonical" href="/articles/42"><meta property="og:url" content="https://site.example/og">' \
           '<meta property="og:title" content="T">'
    assert parse(page(head), page_url="https://site.example/a?utm=x")[0]["URL"] == "https://site.example/articles/42"
    assert parse(page(head))[0]["URL"] == "https://site.example/og"  # a relative link needs the page's address
    saved = "<!-- saved from url=(0033)https://site.example/saved-page -->\n" + page('<title>T</title>')
    record, findings = parse(saved)
    assert record["URL"] == "https://site.example/saved-page"
    assert "URL from the browser's 'saved from' note" in messages(findings)["page-metadata-sources"]


def test_profile_urls_are_not_authors_and_meta_author_is_the_last_resort():
    head = ('<meta property="og:title" content="T"><meta property="article:author" '
            'content="https://www.facebook.com/someone"><meta name="author" content="Priya Raman">')
    assert parse(page(head))[0]["author"] == [{"family": "Raman", "given": "Priya"}]


def test_only_a_title_element_is_used_and_said_to_be_weak():
    record, findings = parse(page("<title>Winter birds | Field Notes</title>"))
    assert record == {"id": "winter-birds", "type": "webpage", "accessed": ACCESSED,
                      "title": "Winter birds | Field Notes"}
    assert [(f.code, f.severity) for f in findings] == [
        ("page-metadata-sources", Severity.INFO), ("title-from-html-title", Severity.WARNING),
        ("accessed-today", Severity.INFO)]


def test_broken_json_ld_is_reported_by_line_and_the_other_kinds_still_count():
    html = page('<meta property="og:title" content="Still here">\n'
                '<script type="application/ld+json">{"@type": "Article", "headline": }</script>')
    record, findings = parse(html)
    assert record["title"] == "Still here"
    broken = [f for f in findings if f.code == "invalid-json-ld"]
    assert [(f.severity, f.location, f.message) for f in broken] == [
        (Severity.WARNING, "line 5", "a JSON-LD block is not valid JSON; it is ignored")]


def test_an_unreadable_date_is_kept_as_written_and_reported():
    record, findings = parse(page('<meta name="citation_title" content="T">'
                                  '<meta name="citation_date" content="sometime in spring">'))
    assert record["issued"] == {"raw": "sometime in spring"}
    assert [f.code for f in findings if f.severity == Severity.WARNING] == ["unparsed-date"]


def test_a_page_with_no_metadata_is_one_clear_error():
    with pytest.raises(CitekitError) as raised:
        parse_html_metadata(page("<meta charset='utf-8'>", "<h1>Hello</h1>"), source="saved/page.html")
    assert str(raised.value) == (
        "saved/page.html: no citation metadata found: no title in citation_*, JSON-LD, Dublin Core or "
        "OpenGraph tags, and no <title> (save the complete page from the browser (Save Page As, 'Webpage, "
        "HTML only'), or paste the Article Details block printed under the article)")


def test_an_xhtml_page_with_an_xml_declaration():
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            '<meta name="citation_title" content="Ünïcode title"/></head><body/></html>')
    assert parse(text)[0]["title"] == "Ünïcode title"


def test_load_reads_saved_pages_by_suffix_and_by_content(tmp_path, monkeypatch):
    monkeypatch.setattr("citekit.sources.html_meta.today", lambda: TODAY)
    assert [r.to_csl() for r in load(str(PAGES / "history-article.html")).records] == [HISTORY_RECORD]
    saved = tmp_path / "page-without-suffix"
    saved.write_text("<!-- saved from url=(0033)https://site.example/saved-page -->\n"
                     + (PAGES / "news-article.html").read_text(encoding="utf-8"), encoding="utf-8")
    assert detect_format(saved.read_text(encoding="utf-8")) == "html"
    assert [r.to_csl() for r in load(str(saved)).records] == [NEWS_RECORD]
    renamed = load(str(PAGES / "journal-article.html"), record_id="copepods")
    assert renamed.records[0].id == "copepods"


def test_dublin_core_is_read_even_beside_a_schema_link_without_an_address():
    # Dublin Core outranks OpenGraph, and a stray schema link does not stop the DC.* tags being read.
    record, findings = parse(page('<link rel="schema.DC"><meta name="DC.title" content="Lost">'
                                  '<meta property="og:title" content="Kept">'))
    assert record["title"] == "Lost"
    assert [f.code for f in findings if f.severity == Severity.WARNING] == []

def test_a_page_dated_only_by_its_last_update_is_cited_by_that_date():
    page = ('<html><head><meta property="og:title" content="The Treaty of Brest-Litovsk">'
            '<meta property="article:modified_time" content="2019-07-30T10:00:00Z"></head></html>')
    record, findings = parse(page)
    assert record["issued"] == {"date-parts": [[2019, 7, 30]]}
    assert "note" not in record
    assert [f.code for f in findings if f.code.startswith("last-updated")] == ["last-updated-as-date"]
    assert messages(findings)["last-updated-as-date"] == (
        "the page gives no publication date, so its last update (2019-07-30, OpenGraph og:* tags) is used as the "
        "publication date, as MLA 9, APA 7 and Chicago date a page that gives no other date")

"""`validate` on a page typed webpage that is on a newspaper's website: a suggestion, never a fix."""

from __future__ import annotations

import pytest

from citekit.findings import Finding, Severity
from citekit.model import record_from_csl
from citekit.newspapers import newspaper_of, url_host
from citekit.validate import repair_record, validate_record


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def find(findings: list[Finding], code: str) -> Finding:
    (finding,) = [f for f in findings if f.code == code]
    return finding


# --- A web page on a newspaper's site --------------------------------------------------------------

# The trial's news.txt, read from its Article Details block (typed webpage), its subtitle capitalised.
NEWS_PAGE = {"id": "smith-2019-why", "type": "webpage",
             "title": "Why the Treaty of Versailles still matters: A historian's view",
             "author": [{"family": "Smith", "given": "Jane"}], "container-title": "The New York Times",
             "URL": "https://www.nytimes.com/2019/06/28/opinion/versailles-treaty.html",
             "publisher": "The New York Times Company", "issued": "2019-06-28", "accessed": "2024-10-03"}


def test_a_page_on_a_newspapers_site_is_suggested_the_newspaper_article_type():
    record = record_from_csl(NEWS_PAGE)
    findings = validate_record(record)
    assert codes(findings) == ["looks-like-news-article"]
    [finding] = findings
    assert (finding.severity, finding.field) == (Severity.INFO, "type")
    assert finding.message == ("The page is on the website of The New York Times, a newspaper, but the record is "
                               "typed webpage.")
    assert finding.fix == ("If it is one of the newspaper's articles, type it as a newspaper article: citekit set "
                           "smith-2019-why type=article-newspaper. --fix leaves this to you, as the type says what "
                           "the work is (a newspaper's site also has blogs, recipes and games).")
    assert finding.styles == {
        "apa": "APA 7 cites an article from a newspaper's website as a newspaper article (10.1), with the newspaper "
               "in italics and the headline in plain type; typed webpage (10.16, meant for news sites without a "
               "newspaper, such as BBC News), the headline is in italics and the newspaper is not.",
        "chicago": 'Chicago prints a newspaper\'s name in italics, without its initial "The"; typed webpage, it is '
                   "printed as a website's name, in plain type."}
    # MLA 9 prints the two types alike (headline in quotation marks, site or newspaper in italics).
    assert validate_record(record, style="mla") == []
    assert repair_record(record) == (record, [])  # the type is never changed by --fix


@pytest.mark.parametrize("url, container, command", [
    ("https://www.washingtonpost.com/history/2019/11/09/berlin-wall/", "Washington Post",
     'citekit set smith-2019-why type=article-newspaper "container-title=The Washington Post"'),
    ("https://amp.theguardian.com/world/2018/nov/11/armistice", "The Guardian",
     "citekit set smith-2019-why type=article-newspaper"),
    ("https://www.history.com/news/versailles", "New York Times",
     'citekit set smith-2019-why type=article-newspaper "container-title=The New York Times"'),
    (None, "the new york times",
     'citekit set smith-2019-why type=article-newspaper "container-title=The New York Times"'),
])
def test_the_newspaper_is_known_by_its_host_or_its_name(url, container, command):
    record = record_from_csl({**NEWS_PAGE, "URL": url, "container-title": container})
    finding = find(validate_record(record), "looks-like-news-article")
    assert finding.fix.split(": ", 1)[1].split(". --fix", 1)[0] == command


@pytest.mark.parametrize("changes", [
    {"URL": "https://www.bbc.co.uk/news/world-46146781", "container-title": "BBC News"},  # APA 7 10.16: a web page
    {"URL": "https://edition.cnn.com/2018/11/11/europe/armistice", "container-title": "CNN"},
    {"URL": "https://www.notnytimes.com/2019/x", "container-title": "Not the Times"},
    {"type": "article-newspaper"},  # typed right already
])
def test_news_sites_without_a_newspaper_and_newspaper_articles_are_left_alone(changes):
    record = record_from_csl({**NEWS_PAGE, **changes})
    assert "looks-like-news-article" not in codes(validate_record(record))



@pytest.mark.parametrize("url, host", [
    ("https://www.NYTimes.com/2022/08/08/x.html", "nytimes.com"), ("nytimes.com/x", "nytimes.com"),
    ("//en.wikipedia.org/wiki/X", "en.wikipedia.org"), ("  serialpodcast.org/season-one  ", "serialpodcast.org"),
    ("https://[::1]/x", "::1"),
    # No URL, or a host urlsplit cannot read ("Invalid IPv6 URL"): None, never a ValueError.
    ("https://en.wikipedia.org]/wiki/X", None), ("https://[::1", None), ("", None), ("   ", None), (None, None),
    (42, None),
])
def test_url_host(url, host):
    assert url_host(url) == host


def test_a_newspaper_record_with_an_unreadable_url_is_known_by_its_name():
    record = record_from_csl({"id": "n", "type": "webpage", "title": "Storm", "container-title": "The Washington Post",
                              "URL": "https://www.washingtonpost.com]/x"})
    assert newspaper_of(record) == "The Washington Post"

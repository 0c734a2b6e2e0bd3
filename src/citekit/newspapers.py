"""Newspapers' websites: which newspaper a web page belongs to, by its address or its website name.

Data, kept short: the newspapers students cite most, each with the name it prints. `validate`
uses it to say that a page typed `webpage` on one of them is most likely a newspaper article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # pydantic is not imported by the render rules that read hosts here
    from citekit.model import Record

# Newspapers' websites, each with the name the newspaper prints. An article on one is a newspaper
# article (APA 7 10.1: the newspaper in italics), whatever a pasted block or a page's metadata
# typed it. News sites with no newspaper behind them (BBC News, CNN, Reuters) are left out on
# purpose: APA 7 (10.16) cites their articles as web pages on a news website, title in italics.
NEWSPAPER_SITES = {
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "wsj.com": "The Wall Street Journal",
    "latimes.com": "Los Angeles Times",
    "usatoday.com": "USA Today",
    "ft.com": "Financial Times",
    "thetimes.co.uk": "The Times",
    "telegraph.co.uk": "The Telegraph",
    "theglobeandmail.com": "The Globe and Mail",
}


def _newspaper_key(name: str) -> str:
    """A newspaper's name as compared: "The New York Times", "new york times" -> "new york times"."""
    words = name.lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


NEWSPAPER_NAMES = {_newspaper_key(name): name for name in NEWSPAPER_SITES.values()}


def url_host(url) -> str | None:
    """The host a URL is on, in lower case and without "www." ("https://www.NYTimes.com/x" and
    "nytimes.com/x" -> "nytimes.com"); None for no URL, or one whose host cannot be read
    ("https://en.wikipedia.org]/wiki/X", "https://[::1": urlsplit raises ValueError on these).

    The one place citekit reads a host from a URL a student typed: a scheme is optional, as MLA 9
    leaves it off ("serialpodcast.org/season-one/1/the-alibi")."""
    if not isinstance(url, str) or not url.strip():
        return None
    url = url.strip()
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower()
    return host[len("www."):] if host.startswith("www.") else host


def newspaper_of(record: Record) -> str | None:
    """The newspaper whose website the record's URL is on, or whose name is its container-title."""
    host = url_host(record.URL) or ""
    for domain, name in NEWSPAPER_SITES.items():
        if host == domain or host.endswith("." + domain):
            return name
    return NEWSPAPER_NAMES.get(_newspaper_key(record.container_title or ""))

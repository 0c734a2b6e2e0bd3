"""Fuzzing the page metadata reader: meta tags, JSON-LD (valid, broken, deep), titles, canonical links."""

from __future__ import annotations

import datetime

from hypothesis import example, given

from citekit.sources.html_meta import parse_html_metadata

from .properties import check_parse
from .strategies import html_text, url_text

SOURCE = "page.html"


def _clock() -> datetime.date:
    return datetime.date(2024, 5, 1)


@given(html_text, url_text)
# Found: urlsplit's ValueError ("Invalid IPv6 URL") escaped from a byline that looked like an address,
@example('<html><head><meta name="citation_author" content="A://["></head></html>', "http://")
@example('<html><head><link rel="canonical" href="x"></head></html>', "https://[x")  # and from urljoin
# and a RecursionError from a deeply nested JSON-LD block.
@example('<html><head><script type="application/ld+json">' + "[" * 3000 + "]" * 3000
         + "</script><title>T</title></head></html>", "https://a.example/")
def test_pages_give_a_valid_record_or_a_located_error(page, page_url):
    check_parse(lambda: parse_html_metadata(page, source=SOURCE, page_url=page_url, clock=_clock),
                source=SOURCE, text=page)

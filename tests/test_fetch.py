"""Fetching URLs, against a local HTTP server this test starts on 127.0.0.1 (port chosen by the OS).

The server serves the pages in tests/fixtures/pages as a news site, a journal and a history
site would, plus redirects, errors, a too-large body, a slow server and a trickling one.
No request leaves the machine: the one name lookup (a failing one) is simulated.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
from pathlib import Path

import pytest

from citekit.errors import CitekitError
from citekit.sources import load
from citekit.sources.fetch import fetch_url, is_url
from test_sources_html import HISTORY_RECORD, JOURNAL_RECORD, NEWS_RECORD, TODAY

PAGES = Path(__file__).parent / "fixtures" / "pages"
HTML = "text/html; charset=utf-8"
RIS = "TY  - BOOK\nAU  - Beard, Mary\nTI  - SPQR\nPY  - 2015\nER  - \n"
CSL_JSON = json.dumps([{"id": "beard-spqr", "type": "book", "title": "SPQR", "issued": {"date-parts": [[2015]]}}])


def _page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


class _Handler(http.server.BaseHTTPRequestHandler):
    # path -> (status, headers, body); bodies are bytes, or a callable that writes them itself.
    routes: dict = {}

    def do_GET(self):  # noqa: N802 - the name http.server calls
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": HTML}, b"<h1>Not found</h1>"))
        if callable(body):
            return body(self)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle(self):
        try:
            super().handle()
        except (ConnectionError, TimeoutError):
            pass  # the client gave up on purpose (timeouts, size limits)

    def log_message(self, *args):
        pass


def _slow(handler):
    time.sleep(1.0)  # longer than the 0.3 s timeout the test gives
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.end_headers()
    handler.wfile.write(b"<title>late</title>")


def _trickle(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.end_headers()
    for _ in range(30):  # one byte every 50 ms: each read is quick, the whole never ends in time
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(0.05)


def _dribbled_headers(handler):
    # The status line and then one header every 50 ms, never ending the headers: each read is
    # quick, so only a deadline over the whole fetch stops it.
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    for number in range(100):
        handler.wfile.write(b"X-Slow-%d: 1\r\n" % number)
        handler.wfile.flush()
        time.sleep(0.05)


def _endless_without_length(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.end_headers()  # no Content-Length: only reading tells the size
    for _ in range(20):
        handler.wfile.write(b"<p>" + b"x" * 1000 + b"</p>")


@pytest.fixture(scope="module")
def server():
    routes = {
        "/news/2023/06/14/council-approves-river-crossing": (200, {"Content-Type": HTML}, _page("news-article.html")),
        "/jee/article/view/483": (200, {"Content-Type": HTML}, _page("journal-article.html")),
        "/this-day-in-history/lenin": (200, {"Content-Type": HTML}, _page("history-article.html")),
        "/old-link": (301, {"Location": "/this-day-in-history/lenin"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/to-ftp": (302, {"Location": "ftp://files.example/x"}, b""),
        "/no-canonical": (200, {"Content-Type": HTML},
                          b"<html><head><meta property='og:title' content='Plain'></head></html>"),
        "/short": (302, {"Location": "/no-canonical"}, b""),
        "/broken": (500, {"Content-Type": HTML}, b"oops"),
        "/big": (200, {"Content-Type": HTML}, b"<p>" + b"x" * 6000),
        "/endless": (200, {}, _endless_without_length),
        "/slow": (200, {}, _slow),
        "/trickle": (200, {}, _trickle),
        "/paper.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7"),
        "/refs.json": (200, {"Content-Type": "application/vnd.citationstyles.csl+json"}, CSL_JSON.encode()),
        "/export": (200, {"Content-Type": "application/x-research-info-systems"}, RIS.encode()),
        "/export.ris": (200, {"Content-Type": "text/plain"}, RIS.encode()),
        "/latin1": (200, {"Content-Type": "text/html"},
                    "<html><head><meta charset='windows-1252'><title>Café crème</title></head></html>"
                    .encode("cp1252")),
        "/empty": (200, {"Content-Type": HTML}, b"  \n"),
        "/dribbled-headers": (200, {}, _dribbled_headers),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/to-javascript": (302, {"Location": "javascript:alert(1)"}, b""),
        "/to-data": (302, {"Location": "data:text/html,<title>x</title>"}, b""),
        "/to-gopher": (301, {"Location": "gopher://127.0.0.1/x"}, b""),
    }
    handler = type("Handler", (_Handler,), {"routes": routes})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy_and_fixed_clock(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("citekit.sources.html_meta.today", lambda: TODAY)


def error_of(call) -> str:
    with pytest.raises(CitekitError) as raised:
        call()
    return str(raised.value)


@pytest.mark.parametrize(("path", "expected"), [
    ("/news/2023/06/14/council-approves-river-crossing", NEWS_RECORD),
    ("/jee/article/view/483", JOURNAL_RECORD),
    ("/this-day-in-history/lenin", HISTORY_RECORD),
])
def test_the_three_sites_give_their_exact_records(server, path, expected):
    parsed = load(server + path)
    assert [record.to_csl() for record in parsed.records] == [expected]  # the canonical link is the URL


def test_redirects_are_followed_and_the_final_address_is_the_url_without_a_canonical_link(server):
    text, final_url, content_type = fetch_url(server + "/old-link")
    assert final_url == server + "/this-day-in-history/lenin" and content_type == "text/html"
    assert text == _page("history-article.html").decode("utf-8")
    record = load(server + "/short").records[0].to_csl()
    assert record == {"id": "plain", "type": "webpage", "URL": server + "/no-canonical",
                      "accessed": {"date-parts": [[2024, 5, 1]]}, "title": "Plain"}


def test_other_formats_by_content_type_and_by_suffix(server):
    assert [r.to_csl() for r in load(server + "/refs.json").records] == json.loads(CSL_JSON)
    expected = [{"id": "beard-2015-spqr", "type": "book", "author": [{"family": "Beard", "given": "Mary"}],
                 "issued": {"date-parts": [[2015]]}, "title": "SPQR"}]
    assert [r.to_csl() for r in load(server + "/export").records] == expected
    assert [r.to_csl() for r in load(server + "/export.ris").records] == expected


def test_a_charset_declared_only_in_the_page(server):
    assert fetch_url(server + "/latin1").text.endswith("<title>Café crème</title></head></html>")


@pytest.mark.parametrize(("path", "kwargs", "message"), [
    ("/missing", {}, "{url}: the server answered HTTP 404 Not Found (check the address in a browser)"),
    ("/broken", {}, "{url}: the server answered HTTP 500 Internal Server Error "
                    "(the site has a problem; try again later)"),
    ("/loop", {"max_redirects": 3}, "{url}: more than 3 redirects "
                                    "(open the address in a browser and give the address it ends at)"),
    ("/to-ftp", {}, "{url}: the site redirects to an address that is not http or https "
                    "(open the address in a browser and give the address it ends at)"),
    ("/big", {"max_bytes": 5000}, "{url}: the page is larger than 0.005 MB "
                                  "(save the page from the browser and give the saved file)"),
    ("/endless", {"max_bytes": 5000}, "{url}: the page is larger than 0.005 MB; stopped reading "
                                      "(save the page from the browser and give the saved file)"),
    ("/slow", {"timeout": 0.3}, "{url}: no complete answer within 0.3 seconds "
                                "(check that you are online, or try again later)"),
    ("/trickle", {"timeout": 0.5}, "{url}: no complete answer within 0.5 seconds "
                                   "(check that you are online, or try again later)"),
    ("/dribbled-headers", {"timeout": 0.5}, "{url}: no complete answer within 0.5 seconds "
                                            "(check that you are online, or try again later)"),
    ("/to-file", {}, "{url}: the site redirects to an address that is not http or https "
                     "(open the address in a browser and give the address it ends at)"),
    ("/to-javascript", {}, "{url}: the site redirects to an address that is not http or https "
                           "(open the address in a browser and give the address it ends at)"),
    ("/to-data", {}, "{url}: the site redirects to an address that is not http or https "
                     "(open the address in a browser and give the address it ends at)"),
    ("/to-gopher", {}, "{url}: the site redirects to an address that is not http or https "
                       "(open the address in a browser and give the address it ends at)"),
    ("/paper.pdf", {}, "{url}: the address gives application/pdf, not a web page or a text file "
                       "(cite the page that links to it, or save the file and describe it by hand)"),
    ("/empty", {}, "{url}: the server sent an empty page (check the address in a browser)"),
])
def test_each_failure_is_one_clear_line(server, path, kwargs, message):
    url = server + path
    started = time.monotonic()
    assert error_of(lambda: fetch_url(url, **kwargs)) == message.format(url=url)
    assert time.monotonic() - started < 1.5  # limits stop the fetch, they do not wait it out


ONLY_HTTP = "but citekit fetches only addresses starting with http:// or https://"
FROM_THE_BROWSER = "(copy the page's address from the browser's address bar)"
A_PATH = "(give the file's path instead of a file: address)"


@pytest.mark.parametrize(("url", "message"), [
    ("file:///etc/passwd", f"file:///etc/passwd: the address starts with 'file:', {ONLY_HTTP} {A_PATH}"),
    ("ftp://files.example/refs.ris",
     f"ftp://files.example/refs.ris: the address starts with 'ftp:', {ONLY_HTTP} {FROM_THE_BROWSER}"),
    ("data:text/html,<title>x</title>",
     f"data:text/html,<title>x</title>: the address starts with 'data:', {ONLY_HTTP} {FROM_THE_BROWSER}"),
    ("FILE:///etc/passwd", f"FILE:///etc/passwd: the address starts with 'file:', {ONLY_HTTP} {A_PATH}"),
    ("javascript:alert(1)",
     f"javascript:alert(1): the address starts with 'javascript:', {ONLY_HTTP} {FROM_THE_BROWSER}"),
    ("gopher://127.0.0.1/x", f"gopher://127.0.0.1/x: the address starts with 'gopher:', {ONLY_HTTP} {FROM_THE_BROWSER}"),
    ("http:///etc/passwd", "http:///etc/passwd: the address has no host name "
                           "(write the full address, e.g. https://www.example.com/page)"),
    ("https:///no-host", "https:///no-host: the address has no host name "
                         "(write the full address, e.g. https://www.example.com/page)"),
])
def test_only_http_and_https_are_fetched(url, message):
    assert is_url(url)
    assert error_of(lambda: fetch_url(url)) == message
    assert error_of(lambda: load(url)) == message  # not looked for as a file of that name


def test_offline_connection_refused_and_unknown_host(monkeypatch):
    with socket.socket() as probe:  # a port nothing listens on: bound, then released
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/page"
    assert error_of(lambda: fetch_url(url, timeout=2)) == (
        f"{url}: cannot connect to the server (check that you are online and that the address is right)")

    def no_such_name(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    assert error_of(lambda: load("https://no-such-host.invalid/article")) == (
        "https://no-such-host.invalid/article: cannot find the server 'no-such-host.invalid' "
        "(check the address, and that you are online)")


def test_paths_are_not_urls():
    assert not is_url("records/page.html") and not is_url("-") and not is_url(r"C:\essays\page.html")


@pytest.mark.parametrize(("url", "message"), [
    (" file:///etc/passwd", "file:///etc/passwd: the address starts with a space, so it is not read as a web "
                            "address (remove the space before the address)"),
    ("www.example.com/page", "www.example.com/page: the address does not start with http:// or https://, the only "
                             "addresses citekit fetches (write it in full, e.g. https://www.example.com/page)"),
    ("http:/etc/passwd", "http:/etc/passwd: the address has no host name "
                         "(write the full address, e.g. https://www.example.com/page)"),
])
def test_addresses_that_are_almost_urls_are_never_read_as_local_files(url, message):
    assert error_of(lambda: fetch_url(url)) == message
    # Given to `load`, they are paths (a file named so), never /etc/passwd.
    assert "no such file" in error_of(lambda: load(url))

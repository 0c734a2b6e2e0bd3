"""Fetching what a URL points to, for citing it: a web page, or a CSL-JSON/BibTeX/RIS file.

Only http and https are fetched. The whole fetch has a deadline (httpx's timeout applies to
each network step, so a server sending one byte a second would otherwise never time out):
every socket read, write and connect is given no more than the time left, from the status
line and headers (a server can dribble those too) to the last byte of the body. The body has
a size limit enforced while streaming, and redirects are followed up to a bound. Every failure is one `CitekitError` line naming the URL. httpx is imported inside
the functions, so commands that never fetch do not pay for it.
"""

from __future__ import annotations

import re
import time
from typing import NamedTuple

from citekit.errors import CitekitError
from citekit.findings import Parsed

MAX_REDIRECTS = 10
USER_AGENT = "citekit/0.1 (a citation manager reading one page for a student)"
ACCEPT = "text/html,application/xhtml+xml,application/vnd.citationstyles.csl+json,application/json;q=0.9,*/*;q=0.5"

# Content types citekit parses as something other than a web page.
FORMATS_BY_TYPE = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/json": "csljson", "application/vnd.citationstyles.csl+json": "csljson",
    "application/x-bibtex": "bibtex", "text/x-bibtex": "bibtex", "application/x-bibtex-text-file": "bibtex",
    "application/x-research-info-systems": "ris", "text/x-research-info-systems": "ris",
    "application/x-yaml": "csl-yaml", "application/yaml": "csl-yaml", "text/yaml": "csl-yaml",
    "text/x-yaml": "csl-yaml",
}
_TEXT_APPLICATION_TYPES = {"application/xml", "application/ld+json", "application/javascript"}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SCHEMES_WITHOUT_SLASHES = ("data:", "mailto:", "javascript:", "about:")


class Fetched(NamedTuple):
    text: str
    final_url: str  # after redirects
    content_type: str  # the media type, lower case, without parameters ("text/html")


def is_url(text: str) -> bool:
    """True for anything written as an address ("https://...", "file:///...", "data:..."),
    so that `load` fetches it or refuses it instead of looking for a file of that name."""
    return bool(_URL_LIKE.match(text)) or text.lower().startswith(_SCHEMES_WITHOUT_SLASHES)


def _check_address(url: str) -> None:
    from urllib.parse import urlsplit

    match = _SCHEME.match(url)
    scheme = match[1].lower() if match else ""
    if url[:1].isspace():
        raise CitekitError("the address starts with a space, so it is not read as a web address", source=url,
                           hint="remove the space before the address")
    if not scheme:
        raise CitekitError("the address does not start with http:// or https://, the only addresses citekit fetches",
                           source=url, hint="write it in full, e.g. https://www.example.com/page")
    if scheme not in ("http", "https"):
        hint = ("give the file's path instead of a file: address" if scheme == "file"
                else "copy the page's address from the browser's address bar")
        raise CitekitError(f"the address starts with '{scheme}:', but citekit fetches only addresses starting "
                           "with http:// or https://", source=url, hint=hint)
    if not urlsplit(url).hostname:
        raise CitekitError("the address has no host name", source=url,
                           hint="write the full address, e.g. https://www.example.com/page")


def _is_text(media_type: str) -> bool:
    return (media_type.startswith("text/") or media_type in FORMATS_BY_TYPE
            or media_type in _TEXT_APPLICATION_TYPES or media_type.endswith(("+json", "+xml")))


def _cause_is_dns(exc: BaseException) -> bool:
    import socket

    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return False
        if isinstance(seen, socket.gaierror):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _declared_charset(data: bytes) -> str | None:
    """The character set an HTML page declares in a <meta> tag, read by lxml."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(data)
    except Exception:  # lxml raises ParserError or ValueError for unusable input  # noqa: BLE001
        return None
    for meta in tree.xpath("//meta[@charset]"):
        return meta.get("charset").strip()
    for meta in tree.xpath("//meta[@http-equiv and @content]"):
        if meta.get("http-equiv").strip().lower() == "content-type":
            for parameter in meta.get("content").split(";")[1:]:
                key, _, value = parameter.partition("=")
                if key.strip().lower() == "charset":
                    return value.strip().strip("'\"")
    return None


def _decode(data: bytes, header_charset: str | None, media_type: str, url: str) -> str:
    import codecs

    candidates = [header_charset] if header_charset else []
    candidates.append("utf-8-sig")
    if "html" in media_type:
        candidates.append(_declared_charset(data))
    for charset in filter(None, candidates):
        try:
            codecs.lookup(charset)
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    raise CitekitError("the page is not UTF-8 text and names no character set citekit can use", source=url,
                       hint="save the page from the browser and give the saved file")


def _time_left(deadline: float, timeout: float | None, exception: type[Exception]) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise exception("the deadline of the whole fetch has passed")
    return remaining if timeout is None else min(timeout, remaining)


def _deadline_backend(backend, deadline: float):
    """httpcore's network backend with every socket operation cut at `deadline`."""
    import httpcore

    class Stream(httpcore.NetworkStream):
        def __init__(self, stream) -> None:
            self._stream = stream

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self._stream.read(max_bytes, _time_left(deadline, timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._stream.write(buffer, _time_left(deadline, timeout, httpcore.WriteTimeout))

        def close(self) -> None:
            self._stream.close()

        def start_tls(self, ssl_context, server_hostname=None, timeout=None):
            return Stream(self._stream.start_tls(ssl_context, server_hostname,
                                                 _time_left(deadline, timeout, httpcore.ConnectTimeout)))

        def get_extra_info(self, info: str):
            return self._stream.get_extra_info(info)

    class Backend(httpcore.NetworkBackend):
        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            return Stream(backend.connect_tcp(host, port, _time_left(deadline, timeout, httpcore.ConnectTimeout),
                                              local_address, socket_options))

        def connect_unix_socket(self, path, timeout=None, socket_options=None):
            return Stream(backend.connect_unix_socket(
                path, _time_left(deadline, timeout, httpcore.ConnectTimeout), socket_options))

        def sleep(self, seconds: float) -> None:
            backend.sleep(seconds)

    return Backend()


def _cut_at_deadline(client, deadline: float) -> None:
    """Give every connection pool of `client` (direct, and through proxies) the deadline.

    httpx 0.28 has no public way to hand its pools a network backend; its pools keep it in
    `_network_backend`. tests/test_fetch.py fails if that ever stops working.
    """
    for transport in [client._transport, *client._mounts.values()]:
        pool = getattr(transport, "_pool", None)
        if pool is not None and hasattr(pool, "_network_backend"):
            pool._network_backend = _deadline_backend(pool._network_backend, deadline)


def fetch_url(url: str, *, timeout: float = 10.0, max_bytes: int = 5_000_000,
              max_redirects: int = MAX_REDIRECTS) -> Fetched:
    """The text at an http(s) URL, the URL it ended at, and its media type."""
    _check_address(url)
    from urllib.parse import urlsplit

    import httpx

    try:
        httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise CitekitError(f"this is not a usable web address: {exc}", source=url,
                           hint="copy the address from the browser's address bar") from None
    deadline = time.monotonic() + timeout
    limit = f"{max_bytes / 1_000_000:g} MB"
    try:
        with httpx.Client(follow_redirects=True, max_redirects=max_redirects, timeout=timeout,
                          headers={"User-Agent": USER_AGENT, "Accept": ACCEPT}) as client:
            _cut_at_deadline(client, deadline)
            with client.stream("GET", url) as response:
                if response.status_code >= 300:
                    reason = f" {response.reason_phrase}" if response.reason_phrase else ""
                    raise CitekitError(f"the server answered HTTP {response.status_code}{reason}", source=url,
                                       hint="check the address in a browser" if response.status_code < 500
                                       else "the site has a problem; try again later")
                media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if media_type and not _is_text(media_type):
                    raise CitekitError(f"the address gives {media_type}, not a web page or a text file",
                                       source=url, hint="cite the page that links to it, or save the file "
                                                        "and describe it by hand")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise CitekitError(f"the page is larger than {limit}", source=url,
                                       hint="save the page from the browser and give the saved file")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise CitekitError(f"the page is larger than {limit}; stopped reading", source=url,
                                           hint="save the page from the browser and give the saved file")
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("deadline passed while reading")
                    chunks.append(chunk)
                final_url, charset = str(response.url), response.charset_encoding
    except httpx.TimeoutException:
        raise CitekitError(f"no complete answer within {timeout:g} seconds", source=url,
                           hint="check that you are online, or try again later") from None
    except httpx.TooManyRedirects:
        raise CitekitError(f"more than {max_redirects} redirects", source=url,
                           hint="open the address in a browser and give the address it ends at") from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL):  # InvalidURL: "Location: javascript:..."
        raise CitekitError("the site redirects to an address that is not http or https", source=url,
                           hint="open the address in a browser and give the address it ends at") from None
    except httpx.ConnectError as exc:
        if _cause_is_dns(exc):
            raise CitekitError(f"cannot find the server '{urlsplit(url).hostname}'", source=url,
                               hint="check the address, and that you are online") from None
        raise CitekitError("cannot connect to the server", source=url,
                           hint="check that you are online and that the address is right") from None
    except httpx.HTTPError as exc:
        raise CitekitError(f"cannot fetch the page: {exc}", source=url,
                           hint="check the address and your connection") from None
    text = _decode(b"".join(chunks), charset, media_type, url)
    if not text.strip():
        raise CitekitError("the server sent an empty page", source=url, hint="check the address in a browser")
    return Fetched(text, final_url, media_type)


def format_for(content_type: str, text: str, url: str) -> str:
    """The parser for a fetched body: by its content type, else as `detect_format` judges it."""
    from urllib.parse import urlsplit

    from citekit.sources import detect_format

    if content_type in FORMATS_BY_TYPE:
        return FORMATS_BY_TYPE[content_type]
    path = urlsplit(url).path
    return detect_format(text, path if "." in path.rsplit("/", 1)[-1] else None)


def load_url(url: str, *, record_id: str | None = None) -> Parsed:
    """Records from what an http(s) URL gives; a web page becomes one record of that page."""
    fetched = fetch_url(url)
    kind = format_for(fetched.content_type, fetched.text, fetched.final_url)
    if kind == "html":
        from citekit.sources.html_meta import parse_html_metadata

        return parse_html_metadata(fetched.text, source=url, page_url=fetched.final_url, record_id=record_id)
    from citekit.sources import parse_text

    return parse_text(fetched.text, url, record_id=record_id, kind=kind)

"""Reading what students give us: a file or stdin, recognised by its content, parsed into records.

Each format has its own module with one `parse_*` function returning `Parsed`; this module
only reads bytes safely and picks the parser.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from typing import BinaryIO

from citekit.errors import CitekitError
from citekit.findings import Parsed

STDIN_NAME = "<stdin>"
_MB = 1024 * 1024
# Inputs are read whole, then parsed into records, and a parser holds many times its input in
# memory. Each format's limit keeps one run near or under 1 GB of memory and about 20 s on a
# 2-core machine (peak RSS and time per size measured with bench/memory.py); larger
# inputs are refused with one line before they are parsed. A student's sources are far smaller:
# 20 MB of BibTeX is about 80,000 entries.
FORMAT_MAX_BYTES: dict[str, int] = {
    "csljson": 30 * _MB,  # 45 MB took 1.4 GB: about 31 bytes of memory per byte of input
    "csl-yaml": 2 * _MB,  # PyYAML's pure-Python loader: 10 MB took 92 s (and 0.8 GB)
    "bibtex": 20 * _MB,  # 45 MB took 2.1 GB and 53 s; 10 MB 0.5 GB and 9-12 s
    "ris": 10 * _MB,  # 10 MB took 0.5 GB and 14-27 s
    "html": 30 * _MB,  # 20 MB took 0.4 GB and 3 s (a saved page with images inlined can be large)
    "article-details": 20 * _MB,  # 45 MB (1,750,000 lines) took 1.0 GB and 15 s
}
MAX_INPUT_BYTES = max(FORMAT_MAX_BYTES.values())  # read at most this much of any input
_FORMAT_NAMES = {"csljson": "CSL-JSON", "csl-yaml": "CSL-YAML", "bibtex": "BibTeX", "ris": "RIS",
                 "html": "web page", "article-details": "Article Details text"}


def read_text(path: str, stdin: BinaryIO | None = None) -> tuple[str, str]:
    """(text, source name) from a path, or from stdin when the path is "-"."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data, source = stream.read(MAX_INPUT_BYTES + 1), STDIN_NAME
    else:
        source = path
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
        except FileNotFoundError:
            raise CitekitError("no such file", source=path, hint="check the path, or use - to read stdin") from None
        except IsADirectoryError:
            raise CitekitError("is a folder, not a file", source=path) from None
        except PermissionError as exc:
            raise CitekitError(f"cannot read the file: {exc.strerror}", source=path,
                               hint="check the permissions of the file and of its folder") from None
        except OSError as exc:
            raise CitekitError(f"cannot read the file: {exc.strerror}", source=path) from None
    if len(data) > MAX_INPUT_BYTES:
        raise CitekitError(f"input is larger than {MAX_INPUT_BYTES // _MB} MB, the most citekit reads at once",
                           source=source, hint="split it into smaller files")
    # Windows Notepad's "Unicode" is UTF-16 with a byte-order mark: the mark says how to read it.
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-16":
            raise CitekitError(f"byte {exc.start + 1} is not UTF-16 text, though the file starts as UTF-16",
                               source=source, hint="save the file as UTF-8") from None
        line = data[: exc.start].count(b"\n") + 1
        raise CitekitError(f"byte {exc.start + 1} is not UTF-8 text", source=source, location=f"line {line}",
                           hint="save the file as UTF-8") from None
    if "\x00" in text:
        raise CitekitError("contains NUL bytes: this looks like a binary file", source=source,
                           location=f"line {text[: text.index(chr(0))].count(chr(10)) + 1}",
                           hint="give a text file: Article Details, CSL-JSON or BibTeX")
    if not text.strip():
        raise CitekitError("is empty", source=source, hint="paste the Article Details block or give a CSL-JSON file")
    return text, source


# Each format: the module and function that parse it, `(text, *, source) -> Parsed`.
# Modules are imported only when their format is met, so start-up stays fast.
PARSERS: dict[str, tuple[str, str]] = {
    "csljson": ("citekit.sources.csljson", "parse_csljson"),
    "csl-yaml": ("citekit.sources.csl_yaml", "parse_csl_yaml"),
    "bibtex": ("citekit.sources.bibtex", "parse_bibtex"),
    "ris": ("citekit.sources.ris", "parse_ris"),
    "html": ("citekit.sources.html_meta", "parse_html_metadata"),
    "article-details": ("citekit.sources.article_details", "parse_article_details"),
}

SUFFIXES = {".json": "csljson", ".yaml": "csl-yaml", ".yml": "csl-yaml", ".bib": "bibtex",
            ".ris": "ris", ".html": "html", ".htm": "html", ".txt": "article-details"}

_BIBTEX_ENTRY = re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.M)
_RIS_START = re.compile(r"^\s*TY  - ", re.M)
# A saved page may open with comments, e.g. the browser's "<!-- saved from url=... -->".
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*(<!doctype html|<html|<head|<meta)", re.I | re.S)
_YAML_START = re.compile(r"^(---\s*$|references:\s*$|- (id|type):)", re.M)


def detect_format(text: str, path: str | None = None) -> str:
    """The format of an input: from its file suffix when it has a known one, else from its content."""
    if path and path != "-":
        suffix = os.path.splitext(path)[1].lower()
        if suffix in SUFFIXES:
            return SUFFIXES[suffix]
    head = text.lstrip()[:1]
    if head in ("[", "{"):
        return "csljson"
    if _HTML_START.match(text):
        return "html"
    if _RIS_START.match(text):
        return "ris"
    if _BIBTEX_ENTRY.search(text) and text.lstrip().startswith(("@", "%")):
        return "bibtex"
    if _YAML_START.match(text.lstrip()):
        return "csl-yaml"
    return "article-details"


def _check_size(text: str, kind: str, source: str) -> None:
    """Refuse an input too large for its parser to read in bounded memory (FORMAT_MAX_BYTES)."""
    limit = FORMAT_MAX_BYTES.get(kind, MAX_INPUT_BYTES)
    # Characters, not bytes: a parser's memory grows with what it holds, and the count is free.
    if len(text) > limit:
        size = f"{limit // _MB} MB" if limit % _MB == 0 else f"{limit:,} characters"
        raise CitekitError(f"{_FORMAT_NAMES.get(kind, kind)} input is larger than {size}, "
                           "the most citekit reads of it at once", source=source, hint="split it into smaller files")


def parse_text(text: str, source: str, *, record_id: str | None = None, kind: str | None = None) -> Parsed:
    """Records from text in any format citekit reads; `record_id` renames a single record."""
    kind = kind or detect_format(text, source if source != STDIN_NAME else None)
    _check_size(text, kind, source)
    module_name, function_name = PARSERS[kind]
    parse = getattr(importlib.import_module(module_name), function_name)
    if kind == "article-details":
        return parse(text, source=source, record_id=record_id)
    parsed = parse(text, source=source)
    if record_id is not None:
        if len(parsed.records) != 1:
            raise CitekitError(f"--id names one record, but the input has {len(parsed.records)}",
                               source=source, location="--id", hint="leave out --id for several records")
        from citekit.model import record_from_csl

        try:  # validated like any id: "" or half a character is no id
            parsed.records[0] = record_from_csl({**parsed.records[0].to_csl(), "id": record_id})
        except CitekitError as error:
            raise error.located(source=source, location="--id") from None
    return parsed


def load(path: str, *, stdin: BinaryIO | None = None, record_id: str | None = None) -> Parsed:
    """Records from a file, stdin ("-") or an address (fetched if http(s), refused otherwise)."""
    from citekit.sources.fetch import is_url

    if is_url(path):
        from citekit.sources.fetch import load_url

        return load_url(path, record_id=record_id)
    text, source = read_text(path, stdin)
    return parse_text(text, source, record_id=record_id)

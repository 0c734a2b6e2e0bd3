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
MAX_INPUT_BYTES = 50 * 1024 * 1024  # a citation source is never this large; refuse rather than exhaust memory


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
        except OSError as exc:
            raise CitekitError(f"cannot read the file: {exc.strerror}", source=path) from None
    if len(data) > MAX_INPUT_BYTES:
        raise CitekitError(f"input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB", source=source,
                           hint="split it into smaller files")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
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


def parse_text(text: str, source: str, *, record_id: str | None = None, kind: str | None = None) -> Parsed:
    """Records from text in any format citekit reads; `record_id` renames a single record."""
    kind = kind or detect_format(text, source if source != STDIN_NAME else None)
    module_name, function_name = PARSERS[kind]
    parse = getattr(importlib.import_module(module_name), function_name)
    if kind == "article-details":
        return parse(text, source=source, record_id=record_id)
    parsed = parse(text, source=source)
    if record_id is not None:
        if len(parsed.records) != 1:
            raise CitekitError(f"--id names one record, but the input has {len(parsed.records)}",
                               source=source, location="--id", hint="leave out --id for several records")
        parsed.records[0] = parsed.records[0].model_copy(update={"id": record_id})
    return parsed


def load(path: str, *, stdin: BinaryIO | None = None, record_id: str | None = None) -> Parsed:
    """Records from a file, stdin ("-") or an address (fetched if http(s), refused otherwise)."""
    from citekit.sources.fetch import is_url

    if is_url(path):
        from citekit.sources.fetch import load_url

        return load_url(path, record_id=record_id)
    text, source = read_text(path, stdin)
    return parse_text(text, source, record_id=record_id)

"""Fuzzing what comes before any parser: bytes (invalid UTF-8, NUL, BOMs, UTF-16), format detection."""

from __future__ import annotations

import io

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from citekit.errors import CitekitError
from citekit.sources import STDIN_NAME, detect_format, load, parse_text, read_text

from .properties import check_error, check_parse
from .strategies import article_details, bibtex_text, csl_json_text, csl_yaml_text, html_text, ris_text

# Well-formed samples of each format, to damage at the byte level.
SAMPLES = ["• Author Staff\n• Title\n  A title\n• Access Date\n  March 22, 2018\n",
           '[{"id": "a", "type": "book", "title": "T"}]', "@book{a, title = {T}, year = 2001}\n",
           "TY  - JOUR\nTI  - T\nER  - \n", "<html><head><title>T</title></head></html>", "- id: a\n  type: book\n"]

any_format_text = st.one_of(article_details, csl_json_text, csl_yaml_text, bibtex_text, ris_text, html_text,
                            st.sampled_from(SAMPLES))
input_bytes = st.one_of(
    st.binary(max_size=200),
    any_format_text.map(lambda value: value.encode("utf-8", "surrogatepass")),
    st.builds(lambda prefix, body: prefix + body.encode("utf-8", "surrogatepass"),
              st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\xef\xbb\xbf\xef\xbb\xbf",
                               b"\xc3", b"\x80", b"\xed\xa0\x80"]), any_format_text),
    st.builds(lambda body, codec: body.encode(codec, "replace"), st.sampled_from(SAMPLES),
              st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252"])),
    st.builds(lambda body, junk, at: body[:at] + junk + body[at:],
              st.sampled_from(SAMPLES).map(str.encode), st.sampled_from([b"\x00", b"\xff", b"\xc3\x28", b"\r"]),
              st.integers(0, 40)),
)
SUFFIXES = ["-", "refs.json", "refs.yaml", "refs.bib", "refs.ris", "page.html", "a.txt", "noext", "a.JSON", "a.md"]


@given(input_bytes)
@example(b'<html><head><script type="application/ld+json">' + b"[" * 3000 + b"]" * 3000 + b"</script></head></html>")
@example(b'[{"id": "a", "type": "book", "title": "\\udfff"}]')
def test_bytes_on_stdin_give_records_or_a_located_error(data):
    def parse():
        return load("-", stdin=io.BytesIO(data))

    result = check_parse(parse, source=STDIN_NAME)
    if isinstance(result, CitekitError) and "UTF-8" in result.message:
        assert result.location and result.location.startswith("line "), str(result)


@given(any_format_text, st.sampled_from(SUFFIXES), st.one_of(st.none(), st.sampled_from(["x", "", " ", "\ud800"])))
# Found: --id renamed a record without checking the new id, so "" (or half a character) became an id.
@example('[{"id": "a", "type": "book"}]', "refs.json", "")
@example("@book{a, title = {T}}", "refs.bib", "\ud800")
def test_any_text_under_any_name_gives_records_or_a_located_error(text, name, record_id):
    assert detect_format(text, name) in ("csljson", "csl-yaml", "bibtex", "ris", "html", "article-details")
    source = STDIN_NAME if name == "-" else name
    check_parse(lambda: parse_text(text, source, record_id=record_id), source=source, text=text)


# A 1 MB line in each format: a handful of fixed cases, so this stays fast.
MEGABYTE = 1024 * 1024
HUGE_INPUTS = {
    "article-details": "• Author Staff\n• Title " + "x" * MEGABYTE + "\n",
    "csljson": '[{"id": "a", "type": "book", "title": "' + "x" * MEGABYTE + '"}]',
    "bibtex": "@book{a, title = {" + "x" * MEGABYTE + "}}\n",
    "ris": "TY  - BOOK\nTI  - " + "x" * MEGABYTE + "\nER  - \n",
    "html": "<html><head><title>" + "x" * MEGABYTE + "</title></head></html>",
    "no-newline": "x" * MEGABYTE,
    "braces": "@book{a, title = " + "{" * MEGABYTE + "}\n",
}


@pytest.mark.parametrize("kind", sorted(HUGE_INPUTS))
def test_a_one_megabyte_line_gives_a_record_or_a_located_error(kind):
    data = HUGE_INPUTS[kind].encode()
    text, source = read_text("-", io.BytesIO(data))
    check_parse(lambda: parse_text(text, source), source=source, text=text)


@pytest.mark.parametrize("data", [b"", b"   \n", b"\xef\xbb\xbf", b"\x00", b"\xff\xfe", b"abc\xff"])
def test_unreadable_bytes_are_a_located_error(data):
    with pytest.raises(CitekitError) as caught:
        read_text("-", io.BytesIO(data))
    check_error(caught.value, STDIN_NAME)

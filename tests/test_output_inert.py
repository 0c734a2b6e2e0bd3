"""Output that cannot be turned against the user: hostile field values stay text in HTML, Markdown,
Word and line-oriented output, in both engines and the four styles.

HTML is parsed with lxml and its elements and attributes compared with what citekit writes
itself (italics and the other CSL styling, links to http(s) addresses only); its text must be
exactly the text rendering, so everything typed is shown and nothing is taken as markup.
Markdown is turned into HTML by pandoc (the pypandoc-binary one) and checked the same way.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
import zipfile

import lxml.html
import pytest

from citekit.bibliography import write_bibliography
from citekit.bibliography_formats import docx_bytes, html_page
from citekit.render import render_citations
from citekit.render.pandoc_engine import pandoc_path
from citekit.render.richtext import Link, RichText, Str, Styled, to_html, to_markdown, to_text

ENGINES = ("pandoc", "citeproc-py")
STYLES = ("mla", "apa", "chicago", "chicago-author-date")
TITLE = ("<script>alert(1)</script> <img src=x onerror=alert(1)> </i> &lt;b&gt; \"double\" 'single' "
         "<a href=\"javascript:alert(1)\">link</a> [x](javascript:alert(1)) ![i](http://e/i.png) "
         "<http://auto.link> *not emphasis* _nor this_ $math$ @citation")
HOSTILE = [
    {"id": "markup", "type": "article-journal", "title": TITLE,
     "container-title": "<b onclick=\"x()\">J</b> <span style=\"color:red\">red</span> <i>Fine</i>",
     "author": [{"family": "<svg onload=alert(1)>", "given": "\"><x y='"}],
     "issued": {"date-parts": [[2020]]}, "volume": "3", "page": "1-2",
     "DOI": "10.1000/\"onmouseover=alert(1) x=\""},
    {"id": "script-url", "type": "webpage", "title": "Script", "container-title": "Site",
     "URL": "javascript:alert(1)"},
    {"id": "quote-url", "type": "webpage", "title": "Quote", "container-title": "Site",
     "URL": "https://example.com/a\"onmouseover=alert(1)<b>"},
    {"id": "file-url", "type": "webpage", "title": "File", "container-title": "Site", "URL": " file:///etc/passwd"},
    {"id": "data-url", "type": "webpage", "title": "Data", "container-title": "Site",
     "URL": "DATA:text/html,<script>alert(1)</script>"},
    {"id": "lines", "type": "book", "title": "One\n# Heading\n- item\r\n1. one\u2028two\u0085three\u2029four\x0bfive",
     "author": [{"family": "Doe\nER  - ", "given": "J"}], "publisher": "P\x1b[2J\n\nTY  - JOUR",
     "issued": {"date-parts": [[2019]]}},
]
# Elements citekit itself writes, and the only attribute values it gives them.
ALLOWED = {"i", "b", "sup", "sub", "u", "span", "a"}


def _check_html_fragment(fragment: str) -> str:
    """Parse `fragment`; assert only our own markup is in it; return its text."""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iter():
        if element is root:
            continue
        assert element.tag in ALLOWED, (element.tag, fragment)
        attributes = dict(element.attrib)
        if element.tag == "a":
            assert set(attributes) == {"href"} and re.match(r"https?://", attributes["href"]), fragment
        elif element.tag == "span":
            assert attributes == {"style": "font-variant:small-caps;"}, fragment
        else:
            assert attributes == {}, fragment
    return root.text_content()


@pytest.fixture(scope="module")
def rendered():
    out = {}
    for engine in ENGINES:
        for style in STYLES:
            for fmt in ("text", "html", "markdown"):
                out[engine, style, fmt] = [(r.record_id, r.text) for r in
                                           render_citations(HOSTILE, style, fmt=fmt, engine=engine)]
    return out


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("style", STYLES)
def test_html_holds_only_our_markup_and_shows_every_character(rendered, engine, style):
    texts = dict(rendered[engine, style, "text"])
    for record_id, html_text in rendered[engine, style, "html"]:
        assert _check_html_fragment(html_text) == texts[record_id]
        assert "javascript:" not in html_text.lower().replace("&quot;", "") or \
            'href="javascript' not in html_text.lower()
        assert not re.search(r"href=\"(?!https?://)", html_text, re.IGNORECASE)


@pytest.mark.parametrize("engine", ENGINES)
def test_what_was_typed_stays_visible(rendered, engine):
    html_entries = dict(rendered[engine, "apa", "html"])
    shown = _check_html_fragment(html_entries["markup"])
    for typed in ("<script>alert(1)</script>", "&lt;b&gt;", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                  "*not emphasis*", "<svg onload=alert(1)>"):
        assert typed in shown, typed
    assert "javascript:alert(1)" in _check_html_fragment(html_entries["script-url"])  # shown, never linked
    assert "<a " not in html_entries["script-url"] and "<a " not in html_entries["data-url"]
    assert "<a " not in html_entries["file-url"]
    assert '<a href="https://example.com/a&quot;onmouseover=alert(1)&lt;b&gt;">' in html_entries["quote-url"]


@pytest.mark.parametrize(("target", "linked"), [
    ("https://example.com/x", True), ("HTTP://EXAMPLE.COM", True), ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False), (" https://example.com", False), ("https://javascript:alert(1)", False),
    ("data:text/html,x", False), ("file:///etc/passwd", False), ("https://exa mple.com", False),
    ("https://example.com/\nx", False), ("//example.com", False), ("vbscript:x", False),
])
def test_only_web_addresses_become_links(target, linked):
    html_text = to_html(RichText([Link(target, (Str("here"),))]))
    assert html_text == (f'<a href="{target}">here</a>' if linked else "here")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("style", ["apa", "mla"])
@pytest.mark.parametrize("reader", ["markdown-smart", "commonmark"])
def test_markdown_renders_inert(rendered, engine, style, reader):
    texts = dict(rendered[engine, style, "text"])
    for record_id, markdown in rendered[engine, style, "markdown"]:
        result = subprocess.run([pandoc_path(), f"--from={reader}", "--to=html", "--wrap=none"], input=markdown.encode(),
                                capture_output=True, check=True, timeout=60)
        root = lxml.html.fragment_fromstring(result.stdout.decode(), create_parent="div")
        tags = {element.tag for element in root.iter()} - {"div"}
        assert tags <= {"p", "em", "strong", "sup", "sub"}, (record_id, markdown, tags)
        assert all(not element.attrib for element in root.iter()), markdown
        assert root.text_content().strip() == texts[record_id], markdown


@pytest.mark.parametrize("text", ["# Heading", "- item", "+ item", "1. one", "2) two", "a) first", "(b) second",
                                  "iv. fourth", "% title block", "::: div", "| table |", "= x", "#. x"])
def test_markdown_line_starts_are_escaped(text):
    markdown = to_markdown(RichText([Str(text)]))
    for reader in ("markdown", "commonmark"):
        result = subprocess.run([pandoc_path(), f"--from={reader}", "--to=html", "--wrap=none"], input=markdown.encode(),
                                capture_output=True, check=True, timeout=60)
        html_text = result.stdout.decode().strip()
        assert html_text.startswith("<p>"), (reader, markdown, html_text)
        assert lxml.html.fragment_fromstring(html_text).text_content() == text


def test_markdown_keeps_our_own_emphasis():
    rich = RichText([Str("A "), Styled("emph", (Str("*B* & &amp;"),)), Str(" C")])
    assert to_markdown(rich) == r"A *\*B\* & \&amp;* C"


def _one_printable_line(text: str) -> bool:
    """No line break of any kind, no control character (a terminal's escape sequences)."""
    return not any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in text)


@pytest.mark.parametrize("engine", ENGINES)
def test_every_citation_is_one_line(rendered, engine):
    for style in STYLES:
        for fmt in ("text", "html", "markdown"):
            for record_id, text in rendered[engine, style, fmt]:
                assert _one_printable_line(text), (style, fmt, record_id, text)


def test_text_folds_every_line_break_and_drops_control_characters():
    rich = RichText([Str("a\nb\rc\r\nd\u2028e\u2029f\x85g\x0bh\x0ci\x1cj\tk\x1b[31ml\x00m")])
    assert to_text(rich) == "a b c d e f g h i j k[31mlm"


def test_a_bibliography_file_has_one_line_per_record(tmp_path):
    target = tmp_path / "refs.txt"
    write_bibliography(HOSTILE, style="apa", output=str(target))
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(HOSTILE)


def test_html_page_and_word_document(rendered, tmp_path):
    entries = [text for _, text in rendered["pandoc", "apa", "html"]]
    page = html_page(entries, title="</title><script>alert(1)</script>", lang='en"><script>')
    root = lxml.html.document_fromstring(page)
    tags = {element.tag for element in root.iter()}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "h1", "p"} | ALLOWED
    assert not root.xpath("//script") and not root.xpath("//@*[starts-with(name(), 'on')]")
    assert all(re.match(r"https?://", href) for href in root.xpath("//a/@href"))
    assert root.xpath("//h1")[0].text_content() == "</title><script>alert(1)</script>"
    document = docx_bytes(entries, title="References", bold_title=False, line_spacing=2.0, entry_spacing=0.0)
    with zipfile.ZipFile(io.BytesIO(document)) as docx:
        relations = docx.read("word/_rels/document.xml.rels").decode()
        body = docx.read("word/document.xml").decode()
    targets = re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', relations)
    assert targets and all(target.startswith("https://") for target in targets)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script" not in body


def test_library_table_keeps_one_row_per_record():
    from citekit.cli_library import format_table

    rows = [("a", "book", "Doe\u2028fake  row", "2020", "Title\x0bb  book  Forged\u0085x\x0cy\x1b[2J")]
    table = format_table(rows)
    assert len(table.splitlines()) == 2  # the header and one record, as Python and terminals split lines
    assert all(_one_printable_line(line) for line in table.splitlines())
    assert table.splitlines()[1].endswith("Title b book Forged x y[2J")

"""The files a reference list is written to: plain text, an HTML page, Markdown and Word.

Entries arrive already rendered and escaped for their format (`citekit.render.richtext`);
this module only lays them out. Word files are written by pandoc from the HTML entries, then
given the layout teachers ask for: a hanging indent of half an inch on every entry, the
style's line spacing, and a centred heading.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import zipfile

from citekit.errors import CitekitError

HANGING_INDENT_TWIPS = 720  # half an inch, as MLA, APA and Chicago ask
LINE_TWIPS = 240  # one line of Word's "auto" line spacing

HTML_STYLE = """\
  body { max-width: 42em; margin: 2em auto; font-family: serif; line-height: 1.5; }
  h1 { text-align: center; font-size: 1.2em; }
  .csl-entry { padding-left: 2em; text-indent: -2em; margin: 0 0 0.6em; }"""


def text_document(entries: list[str]) -> str:
    """One entry per line."""
    return "".join(f"{entry}\n" for entry in entries)


# At the start of a line these would make Markdown a heading, a list or a quotation.
_MD_LINE_START = re.compile(r"^(?:([#+\-|])|(\d+)([.)]))")


def markdown_document(entries: list[str]) -> str:
    """Entries as Markdown paragraphs: a blank line between them."""
    safe = [_MD_LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", e)
            for e in entries]
    return "\n\n".join(safe) + "\n" if safe else ""


def html_page(entries: list[str], *, title: str, lang: str) -> str:
    """A complete HTML5 page; `entries` are HTML already escaped by the html backend."""
    lines = [
        "<!doctype html>",
        f'<html lang="{html.escape(lang, quote=True)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>",
        "<style>",
        HTML_STYLE,
        "</style>",
        "</head>",
        "<body>",
        f"<h1>{html.escape(title)}</h1>",
        *(f'<p class="csl-entry">{entry}</p>' for entry in entries),
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def docx_bytes(entries: list[str], *, title: str, bold_title: bool, line_spacing: float,
               entry_spacing: float) -> bytes:
    """A Word document of the reference list, from HTML entries; pandoc writes the file."""
    from citekit.render.pandoc_engine import pandoc_path

    heading = f"<strong>{html.escape(title)}</strong>" if bold_title else html.escape(title)
    body = [f'<div custom-style="Bibliography Heading"><p>{heading}</p></div>']
    body += [f'<div custom-style="Bibliography"><p>{entry}</p></div>' for entry in entries]
    try:
        result = subprocess.run([pandoc_path(), "--from=html", "--to=docx", "--output=-"],
                                input="\n".join(body).encode("utf-8"), capture_output=True,
                                timeout=600, check=False)
    except OSError as exc:
        raise CitekitError(f"could not run pandoc to write Word: {exc.strerror}",
                           hint="reinstall citekit, or write .html and open it in Word") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CitekitError(f"pandoc could not write the Word file: {message[0] if message else result.returncode}",
                           hint="write .html instead and open it in Word")
    return _lay_out(result.stdout, line_spacing=line_spacing, entry_spacing=entry_spacing)


def _lay_out(docx: bytes, *, line_spacing: float, entry_spacing: float) -> bytes:
    """pandoc's document with the entries' hanging indent and spacing, and the heading centred.

    The layout goes into the "Bibliography" paragraph style (entries a student adds follow it)
    and onto each entry's paragraph too, so entries pasted into another document keep it.
    """
    line = round(LINE_TWIPS * line_spacing)
    after = round(LINE_TWIPS * line_spacing * entry_spacing)
    spacing = f'<w:spacing w:before="0" w:after="{after}" w:line="{line}" w:lineRule="auto" />'
    entry_layout = spacing + f'<w:ind w:left="{HANGING_INDENT_TWIPS}" w:hanging="{HANGING_INDENT_TWIPS}" />'
    heading_layout = spacing + '<w:jc w:val="center" />'

    def document(xml: str) -> str:
        xml = xml.replace('<w:pStyle w:val="Bibliography" />', '<w:pStyle w:val="Bibliography" />' + entry_layout)
        return xml.replace('<w:pStyle w:val="BibliographyHeading" />',
                           '<w:pStyle w:val="BibliographyHeading" />' + heading_layout)

    def styles(xml: str) -> str:
        return re.sub(r'(<w:style w:styleId="Bibliography" w:type="paragraph">.*?)<w:pPr />(.*?</w:style>)',
                      lambda m: f"{m.group(1)}<w:pPr>{entry_layout}</w:pPr>{m.group(2)}", xml, count=1, flags=re.S)

    changes = {"word/document.xml": document, "word/styles.xml": styles}
    source, target = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():  # same members, same order: [Content_Types].xml stays first
            data = source.read(info.filename)
            if info.filename in changes:
                data = changes[info.filename](data.decode("utf-8")).encode("utf-8")
            out.writestr(info, data)
    return target.getvalue()

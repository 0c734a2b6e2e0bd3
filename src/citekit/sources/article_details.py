"""The "Article Details" / "Citation Information" block a history site prints under an article.

    Article Details:
    November 08, 1917 : New Russian leader Lenin calls for immediate armistice
      • Author Staff
      • Website Name
      • Title
        November 08, 1917 : New Russian leader Lenin calls for immediate armistice
      • Access Date
        March 22, 2018

Labels come from one known vocabulary (`LABELS`), matched longest first, so "• Website Name"
with nothing after it is an empty website name, never a website called "Name". A value sits
after its label, or on the following line(s), or is missing. The block may be pasted with
the whole page above it; text before the block is ignored.

Decisions worth knowing:
- Nothing is read out of the title: the date in "November 08, 1917 : ..." is the event's.
- "Last Updated" has no CSL variable (CSL 1.0.2 has no revision date): it is kept in `note`
  as "Last updated: <text>" and reported (`last-updated-kept-in-note`, info).
- A bulleted label outside the vocabulary is kept verbatim in `note` and reported
  (`unknown-label`); a date that cannot be read is kept as {"raw": ...} (`unparsed-date`).
- Missing values produce no variable and no finding: saying what is missing is validation's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citekit.errors import CitekitError
from citekit.findings import Finding, Parsed, Severity
from citekit.ids import is_generic_byline, looks_like_organisation, make_record_id
from citekit.model import record_from_csl

LAST_UPDATED = "note:last-updated"  # not a CSL variable: where "Last Updated" goes

# Label as printed (lower case, single spaces) -> the CSL variable it fills.
LABELS: dict[str, str] = {
    "author": "author", "authors": "author", "author name": "author",
    "website name": "container-title", "site name": "container-title",
    "website title": "container-title", "website": "container-title",
    "title": "title", "article title": "title", "page title": "title",
    "year published": "issued", "original published date": "issued", "date published": "issued",
    "published": "issued", "published date": "issued", "publication date": "issued",
    "date of publication": "issued", "publication year": "issued",
    "url": "URL", "web address": "URL",
    "access date": "accessed", "date accessed": "accessed", "accessed": "accessed",
    "accessed on": "accessed", "date retrieved": "accessed", "retrieved": "accessed",
    "publisher": "publisher",
    "last updated": LAST_UPDATED, "date updated": LAST_UPDATED, "updated": LAST_UPDATED,
    "last modified": LAST_UPDATED,
}
DATE_LABEL_VARIABLES = ("issued", "accessed")

_HEADER = re.compile(r"^(?:article details|citation information)\s*:?$", re.IGNORECASE)
# Unicode bullets may touch the label; ASCII ones must be followed by a space ("-5" is no bullet).
_BULLET = re.compile(r"^(?:[•·‣◦▪●]\s*|[*\-–]\s+)")
_LABEL = re.compile(
    r"^(?P<label>"
    + "|".join(r"\s+".join(map(re.escape, label.split()))
               for label in sorted(LABELS, key=len, reverse=True))
    + r")(?=[\s:]|$)\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE)
# "Section: Politics" in a block written without bullets: a label we do not know.
_LABEL_SHAPED = re.compile(r"^[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3}\s*:(?:\s|$)")
_SPACES = str.maketrans({c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                         "\u2007\u2008\u2009\u200a\u202f\u205f\u3000"}
                        | {c: None for c in "\u200b\u2060\ufeff"})


@dataclass
class _Line:
    number: int  # 1-based, in the text as given
    indent: int
    text: str  # without indentation
    bullet: bool = False
    label: str | None = None  # a known label, as written
    variable: str | None = None
    value: str = ""  # what follows the label on the same line

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def body(self) -> str:
        """The text without its bullet."""
        return _BULLET.sub("", self.text, count=1) if self.bullet else self.text


@dataclass
class _Entry:
    line: _Line
    parts: list[str] = field(default_factory=list)
    closed: bool = False  # a blank line came after the value: the value is complete


def _classify(number: int, raw: str) -> _Line:
    expanded = raw.translate(_SPACES).expandtabs(4).rstrip()
    text = expanded.lstrip()
    line = _Line(number, len(expanded) - len(text), text)
    line.bullet = bool(_BULLET.match(text))
    if line.bullet and not line.body:
        line.text, line.bullet = "", False  # a bullet with nothing after it: a blank line
    match = _LABEL.match(line.body)
    if match:
        line.label = " ".join(match["label"].split())
        line.variable = LABELS[line.label.lower()]
        line.value = match["value"].strip()
    return line


def _block_start(lines: list[_Line]) -> tuple[int, bool, bool] | None:
    """(index where the block's lines begin, whether a header starts it, bullet style)."""
    labelled = [i for i, line in enumerate(lines) if line.variable]
    if not labelled:
        return None
    headers = [i for i, line in enumerate(lines) if _HEADER.match(line.text) and i < labelled[-1]]
    if headers:
        start = headers[-1] + 1
        bulleted = any(lines[i].bullet for i in labelled if i >= start)
        return start, True, bulleted
    bulleted_labels = [i for i in labelled if lines[i].bullet]
    return (bulleted_labels[0], False, True) if bulleted_labels else (labelled[0], False, False)


def _starts_entry(line: _Line, current: _Entry | None, bulleted: bool) -> bool:
    if bulleted:
        return line.bullet
    if current is not None and line.indent > current.line.indent:
        return False  # indented under a label: its value, whatever it looks like
    if line.variable:
        return True
    # An unknown "Name: value" line, unless it is the value of the label just above it. A label
    # written with its colon ("Author:") and nothing after it is empty: the next "Name: value" line
    # is an entry of its own, not the author.
    awaiting_value = current is not None and not current.parts and not current.line.text.endswith(":")
    return not awaiting_value and bool(_LABEL_SHAPED.match(line.text))


# --- names -------------------------------------------------------------------------------

_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"}
_PARTICLES = {"van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "la", "le",
              "ten", "ter", "bin", "ibn", "al", "el", "dos", "das"}
def _person(given_words: list[str], family_words: list[str], suffix: str | None) -> dict:
    name: dict[str, str] = {"family": " ".join(family_words)}
    if given_words:
        name["given"] = " ".join(given_words)
    if suffix:
        name["suffix"] = suffix
    return name


def _one_name(text: str) -> dict:
    if len(text.split()) == 1 or looks_like_organisation(text):
        return {"literal": text}
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    suffix = pieces.pop() if len(pieces) > 1 and pieces[-1].lower() in _SUFFIXES else None
    if len(pieces) == 2:  # "Smith, Zadie"
        return _person(pieces[1].split(), pieces[0].split(), suffix)
    if len(pieces) != 1:
        return {"literal": text}
    words = pieces[0].split()
    if suffix is None and len(words) > 2 and words[-1].lower() in _SUFFIXES:
        suffix = words.pop()
    if len(words) < 2:
        return {"literal": text}
    family_start = len(words) - 1  # "Vincent van Gogh": the particle stays with the family
    while family_start > 1 and words[family_start - 1] in _PARTICLES:
        family_start -= 1
    return _person(words[:family_start], words[family_start:], suffix)


def parse_author_names(text: str) -> list[dict]:
    """"Zadie Smith and Tom Jones", "Smith, Zadie; Jones, Tom", "Staff" as CSL names.

    One token, a generic byline or an organisation gives one `literal` name.
    """
    if looks_like_organisation(text):
        return [{"literal": text}]
    chunks = [c.strip() for c in re.split(r"\s*;\s*|,?\s+and\s+", text) if c.strip()]
    names: list[dict] = []
    for chunk in chunks:
        pieces = [p.strip() for p in chunk.split(",") if p.strip()]
        # "Zadie Smith, Tom Jones": every piece a full name, none a suffix, so a list.
        if len(pieces) > 1 and all(len(p.split()) > 1 for p in pieces) \
                and pieces[-1].lower() not in _SUFFIXES:
            names.extend(_one_name(p) for p in pieces)
        else:
            names.append(_one_name(chunk))
    return names


# --- the parser --------------------------------------------------------------------------

@dataclass
class _Report:
    code: str
    severity: Severity
    message: str
    line: int
    field: str | None = None
    fix: str | None = None


def _value_of(entry: _Entry) -> str:
    joiner = "" if entry.line.variable == "URL" else " "  # a wrapped URL has no spaces in it
    return " ".join(joiner.join(entry.parts).split())


def _walk(lines: list[_Line], bulleted: bool) -> tuple[list[_Entry], list[_Line], list[_Line], list[_Line]]:
    """(entries, heading lines before the first label, unattached lines, trailing lines)."""
    entries: list[_Entry] = []
    heading: list[_Line] = []
    unattached: list[_Line] = []
    pending: list[_Line] = []
    current: _Entry | None = None
    for line in lines:
        if line.blank:
            if current is not None and current.parts:
                current.closed = True
            continue
        if _starts_entry(line, current, bulleted):
            (unattached if entries else heading).extend(pending)
            pending = []
            current = _Entry(line, [line.value] if line.value else [])
            entries.append(current)
        elif current is not None and not current.closed:
            current.parts.append(line.text)
        else:
            pending.append(line)
    if not entries:
        heading, pending = pending, []
    return entries, heading, unattached, pending


def _no_labels(source: str) -> CitekitError:
    return CitekitError(
        "no 'Article Details' labels found (looked for Author, Title, Website Name, "
        "Year Published, URL, Access Date, Publisher)", source=source,
        hint="paste the block printed under the article, from 'Article Details:' or "
             "'Citation Information' to its last line, e.g. '• Author Staff'")


def parse_article_details(text: str, *, source: str = "<stdin>",
                          record_id: str | None = None) -> Parsed:
    """One web-page record from a pasted Article Details block, and what could not be read."""
    lines = [_classify(number, raw)
             for number, raw in enumerate(re.split(r"\r\n|\r|\n", text or ""), start=1)]
    found = _block_start(lines)
    if found is None:
        raise _no_labels(source)
    start, has_header, bulleted = found
    entries, heading, unattached, trailing = _walk(lines[start:], bulleted)
    if not any(entry.line.variable for entry in entries):
        raise _no_labels(source)

    data: dict = {"type": "webpage"}
    notes: list[tuple[int, str]] = []
    reports: list[_Report] = []
    kept: dict[str, tuple[_Entry, str]] = {}
    for entry in entries:
        line = entry.line
        if line.variable is None:
            note = " ".join(" ".join([line.body, *entry.parts]).split())
            notes.append((line.number, note))
            reports.append(_Report(
                "unknown-label", Severity.WARNING,
                f"'{note}' does not start with a label citekit knows; it is kept in note",
                line.number, "note",
                "if it belongs in the citation, move it to the right field by hand"))
            continue
        value = _value_of(entry)
        if not value:
            continue
        if line.variable in kept:
            first, first_value = kept[line.variable]
            if value != first_value:
                reports.append(_Report(
                    "duplicate-label", Severity.WARNING,
                    f"'{line.label}' on line {line.number} ('{value}') repeats '{first.line.label}' "
                    f"on line {first.line.number} ('{first_value}'); the first is kept",
                    line.number, _field_name(line.variable),
                    "delete the line that is wrong"))
            continue
        kept[line.variable] = (entry, value)

    for variable, (entry, value) in sorted(kept.items(), key=lambda item: item[1][0].line.number):
        line = entry.line
        if variable == "author":
            data["author"] = parse_author_names(value)
        elif variable in DATE_LABEL_VARIABLES:
            from citekit.dates import parse_date

            date = parse_date(value)
            data[variable] = date
            if "raw" in date:
                reports.append(_Report(
                    "unparsed-date", Severity.WARNING,
                    f"'{line.label}' value '{value}' is not a date citekit can read; kept as written",
                    line.number, variable,
                    "write it as e.g. 'March 22, 2018' or '2018-03-22'"))
        elif variable == LAST_UPDATED:
            notes.append((line.number, f"Last updated: {value}"))
            reports.append(_Report(
                "last-updated-kept-in-note", Severity.INFO,
                f"'{line.label}' ({value}) has no field in CSL; it is kept in note",
                line.number, "note",
                "if your style guide wants the update date, use it as the publication date"))
        else:
            data[variable] = value

    if "title" not in data and has_header and heading:
        data["title"] = " ".join(" ".join(line.text for line in heading).split())
        reports.append(_Report(
            "title-from-heading", Severity.INFO,
            "there is no Title label; the line under the header is taken as the title",
            heading[0].number, "title"))
    for line in unattached:
        reports.append(_Report(
            "unattached-text", Severity.WARNING,
            f"'{line.text}' follows no label and is not used", line.number, None,
            "put it after the label it belongs to, or delete it"))
    if trailing:
        reports.append(_Report(
            "text-after-block-ignored", Severity.INFO,
            f"{len(trailing)} line(s) after the last label are not part of the block and are ignored",
            trailing[0].number))
    if notes:
        data["note"] = "; ".join(note for _, note in sorted(notes))

    data["id"] = record_id if record_id is not None else make_record_id(data)
    try:
        record = record_from_csl(data)
    except CitekitError as error:
        raise error.located(source) from None
    findings = [Finding(code=r.code, severity=r.severity, message=r.message, field=r.field,
                        record_id=record.id, fix=r.fix, location=f"line {r.line}")
                for r in sorted(reports, key=lambda r: r.line)]
    return Parsed(records=[record], findings=findings)


def _field_name(variable: str) -> str:
    return "note" if variable == LAST_UPDATED else variable

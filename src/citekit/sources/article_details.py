"""The "Article Details" / "Citation Information" block a history site prints under an article.

    Article Details:
    November 08, 1917 : New Russian leader Lenin calls for immediate armistice
      • Author Staff
      • Website Name
      • Title
        November 08, 1917 : New Russian leader Lenin calls for immediate armistice
      • Access Date
        March 22, 2018

Labels come from one known vocabulary (`LABELS`, in article_details_labels.py), matched longest first, so "• Website Name"
with nothing after it is an empty website name, never a website called "Name". A value sits
after its label, or on the following line(s), or is missing. The block may be pasted with
the whole page above it; text before the block is ignored.

Decisions worth knowing:
- Nothing is read out of the title: the date in "November 08, 1917 : ..." is the event's.
- Everyday words that start many titles (`WEAK_LABELS`: "By", "Date", "Site", "Link", "Modified")
  are labels only with a colon, alone on their line, or on a bulleted line of a bulleted block
  before a value of the right shape ("• By Jane Doe"): "Date night in 1920s Paris" stays text.
- Authors are read by `citekit.names`: "By", honorifics and degrees are left out, as the guides
  cite names (`name-title-dropped`, info).
- "Last Updated" has no CSL variable (CSL 1.0.2 has no revision date). With no publication date
  in the block it is the date cited, as MLA 9, APA 7 and Chicago date a page that gives no other date
  (`last-updated-as-date`, info); next to a publication date it is kept in `note` as "Last
  updated: <text>" (`last-updated-kept-in-note`, info, with the `citekit set` command for APA 7
  that cites the update and keeps the publication date it replaces in note).
- Two publication dates that agree ("2009", "November 13, 2009") give the more precise one; two
  that differ keep the first (`duplicate-label`). "n.d.", "no date" or "undated" is no date: the
  variable is left out so each style prints its own no-date form (`no-date-marker`, info).
- A bulleted label outside the vocabulary is kept verbatim in `note` and reported
  (`unknown-label`); a date that cannot be read is kept as {"raw": ...} (`unparsed-date`).
- Missing values produce no variable and no finding: saying what is missing is validation's job.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from citekit.dates import format_date_iso, looks_like_date, means_no_date, more_precise, parse_date
from citekit.errors import CitekitError
from citekit.findings import Finding, Parsed, Severity
from citekit.ids import looks_like_organisation, make_record_id
from citekit.model import Record, record_from_csl
from citekit.names import read_author_names
from citekit.sources.article_details_labels import DATE_LABEL_VARIABLES, DATED, LABELS, LAST_UPDATED, WEAK_LABELS
from citekit.sources.article_details_refusals import no_labels_error, refuse_runaway_values

_HEADER = re.compile(r"^(?:article details|citation information)\s*:?$", re.IGNORECASE)
# Unicode bullets may touch the label; ASCII ones must be followed by a space ("-5" is no bullet).
_BULLET = re.compile(r"^(?:[•·‣◦▪●]\s*|[*\-–]\s+)")
_LABEL = re.compile(
    r"^(?P<label>"
    + "|".join(r"\s+".join(map(re.escape, label.split()))
               for label in sorted(LABELS, key=len, reverse=True))
    + r")(?=[\s:]|$)\s*(?P<colon>:?)\s*(?P<value>.*)$",
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
    bulleted_only: bool = False  # a weak label that counts only inside a bulleted block

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
        label, value = " ".join(match["label"].split()), match["value"].strip()
        if label.lower() in WEAK_LABELS and not match["colon"] and value:
            if not (line.bullet and _fits(LABELS[label.lower()], value)):
                return line  # "Date night in 1920s Paris": text, not a label
            line.bulleted_only = True
        line.label, line.variable, line.value = label, LABELS[label.lower()], value
    return line


def _classified_dates_apart(number: int, raw: str) -> list[_Line]:
    """A line as one `_Line`; a line of dates kept apart by "|", as History.com's byline writes
    them ("Last Updated: March 13, 2023 | Original: January 16, 2017"), as one `_Line` per date."""
    line = _classify(number, raw)
    inner = _LABEL.match(line.value) if line.variable in DATED else None
    if inner and inner["colon"] and inner["value"].strip():
        label = " ".join(inner["label"].split())
        if LABELS[label.lower()] in DATED:
            # "Published: Updated: 16 January 2017": the inner label, with its colon, says which date it is.
            line.label, line.variable, line.value = label, LABELS[label.lower()], inner["value"].strip()
            return [line]
    pieces = raw.split("|")
    if len(pieces) > 1:
        lines = [_classify(number, piece.strip()) for piece in pieces]
        if all(piece.variable in DATED and piece.value for piece in lines):
            for piece in lines:  # each stands where the line stands: none is a value of another
                piece.indent, piece.bullet = line.indent, line.bullet
            return lines
    return [line]


def _fits(variable: str, value: str) -> bool:
    """Whether `value` has the shape of what a weak label written without its colon gives."""
    if variable in DATED:
        return means_no_date(value) or looks_like_date(value)
    if variable == "URL":
        return len(value.split()) == 1
    # "By Jane Doe", "Site HISTORY", "By the Editors"; not "By the People", "Site of the Battle".
    return value[0].isupper() or value[0].isdigit() or looks_like_organisation(value)


def _block_start(lines: list[_Line]) -> tuple[int, bool, bool] | None:
    """(index where the block's lines begin, whether a header starts it, bullet style)."""
    # A weak label without its colon ("• By Any Means Necessary" in a list of related articles)
    # decides where the block starts only when the text has no other label.
    labelled = [i for i, line in enumerate(lines) if line.variable and not line.bulleted_only] \
        or [i for i, line in enumerate(lines) if line.variable]
    if not labelled:
        return None
    headers = [i for i, line in enumerate(lines) if _HEADER.match(line.text) and i < labelled[-1]]
    if headers:
        start = headers[-1] + 1
        bulleted = any(lines[i].bullet for i in labelled if i >= start)
        return start, True, bulleted
    bulleted_labels = [i for i in labelled if lines[i].bullet]
    if not bulleted_labels:
        return labelled[0], False, False
    start = bulleted_labels[0]  # moved up over weak labels: "• By Jane Doe" right above it is in the block
    for index in range(start - 1, -1, -1):
        if lines[index].bulleted_only:
            start = index
        elif not lines[index].blank:
            break
    return start, False, True


def _starts_entry(line: _Line, current: _Entry | None, bulleted: bool) -> bool:
    if bulleted:
        return line.bullet
    if current is not None and line.indent > current.line.indent:
        return False  # indented under a label: its value, whatever it looks like
    if line.variable and not line.bulleted_only:
        return True
    # An unknown "Name: value" line, unless it is the value of the label just above it. A label
    # written with its colon ("Author:") and nothing after it is empty: the next "Name: value" line
    # is an entry of its own, not the author.
    awaiting_value = current is not None and not current.parts and not current.line.text.endswith(":")
    return not awaiting_value and bool(_LABEL_SHAPED.match(line.text))


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


def parse_article_details(text: str, *, source: str = "<stdin>",
                          record_id: str | None = None) -> Parsed:
    """One web-page record from a pasted Article Details block, and what could not be read."""
    lines = [line for number, raw in enumerate(re.split(r"\r\n|\r|\n", text or ""), start=1)
             for line in _classified_dates_apart(number, raw)]
    found = _block_start(lines)
    if found is None:
        raise no_labels_error(source, text or "")
    start, has_header, bulleted = found
    entries, heading, unattached, trailing = _walk(lines[start:], bulleted)
    if not any(entry.line.variable for entry in entries):
        raise no_labels_error(source, text or "")
    refuse_runaway_values(entries, source)

    data: dict = {"type": "webpage"}
    notes: list[tuple[int, str]] = []
    reports: list[_Report] = []
    kept, no_dates = _kept_values(entries, notes, reports)
    for variable, (entry, value) in sorted(kept.items(), key=lambda item: item[1][0].line.number):
        if variable == "author":
            data["author"] = _authors(entry.line, value, reports)
        elif variable in DATE_LABEL_VARIABLES:
            data[variable] = _date(entry.line, value, variable, reports)
        elif variable != LAST_UPDATED:
            data[variable] = value
    update_in_note = _last_updated(kept, data, notes, reports)
    for variable, (line, value) in no_dates.items():
        if variable not in data and variable not in kept:  # no other label, nor "Last Updated", gave one
            reports.append(_Report("no-date-marker", Severity.INFO, f"'{value}' means no date; "
                                   + _LEFT_EMPTY[variable], line.number, _field_name(variable)))

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
    if update_in_note is not None:
        reports.append(_update_kept_in_note(*update_in_note, record))
    findings = [Finding(code=r.code, severity=r.severity, message=r.message, field=r.field,
                        record_id=record.id, fix=r.fix, location=f"line {r.line}")
                for r in sorted(reports, key=lambda r: r.line)]
    return Parsed(records=[record], findings=findings)


_LEFT_EMPTY = {"issued": "the field is left empty so each style prints its own no-date form",
               "accessed": "the access date is left empty", LAST_UPDATED: "there is no update date to keep"}


def _kept_values(entries: list[_Entry], notes: list[tuple[int, str]], reports: list[_Report]
                 ) -> tuple[dict[str, tuple[_Entry, str]], dict[str, tuple[_Line, str]]]:
    """The value kept for each variable, and the date labels whose value says "no date"."""
    kept: dict[str, tuple[_Entry, str]] = {}
    no_dates: dict[str, tuple[_Line, str]] = {}
    # Comparing two dates costs a dateutil parse; a block has a few date labels, and a text with
    # thousands of them must not take minutes, so past this many they are only told apart as text.
    comparisons_left = 10
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
        if line.variable in DATED and means_no_date(value):
            # Like an empty label: no date, and no conflict with a label that gives one.
            no_dates.setdefault(line.variable, (line, value))
            continue
        if line.variable in kept:
            first, first_value = kept[line.variable]
            if value == first_value:
                continue
            if line.variable in DATED and comparisons_left > 0:
                comparisons_left -= 1
                fuller = more_precise(first_value, value)
                if fuller is not None:  # the same date twice: keep the fuller one, nothing to report
                    if fuller:  # "Year Published 2009", then "Original Published Date November 13, 2009"
                        kept[line.variable] = (entry, value)
                    continue
            reports.append(_Report(
                "duplicate-label", Severity.WARNING,
                f"'{line.label}' on line {line.number} ('{value}') repeats '{first.line.label}' "
                f"on line {first.line.number} ('{first_value}'), which is kept",
                line.number, _field_name(line.variable),
                "delete the line that is wrong"))
            continue
        kept[line.variable] = (entry, value)
    return kept, no_dates


def _authors(line: _Line, value: str, reports: list[_Report]) -> list[dict]:
    found = read_author_names(value)
    for written, left_out in found.left_out:
        quoted = [f"'{word}'" for word in left_out]
        words = " and ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
        reports.append(_Report(
            "name-title-dropped", Severity.INFO,
            f"{words} left out of the author '{written}': the guides cite names without titles, "
            "degrees, life dates or roles (MLA 9, APA 7, Chicago)", line.number, "author"))
    return found.names


def _date(line: _Line, value: str, variable: str, reports: list[_Report]) -> dict:
    date = parse_date(value)
    if "raw" in date:
        reports.append(_Report(
            "unparsed-date", Severity.WARNING,
            f"'{line.label}' value '{value}' is not a date citekit can read; kept as written",
            line.number, variable,
            "write it as e.g. 'March 22, 2018' or '2018-03-22'"))
    return date


def _last_updated(kept: dict[str, tuple[_Entry, str]], data: dict, notes: list[tuple[int, str]],
                  reports: list[_Report]) -> tuple[_Line, str] | None:
    """Use "Last Updated" as the date when the block gives no other; else keep it in note.

    Returns the update kept in note, whose finding names the record id, known only later.
    """
    if LAST_UPDATED not in kept:
        return None
    entry, value = kept[LAST_UPDATED]
    line = entry.line
    if "issued" not in data:
        data["issued"] = _date(line, value, "issued", reports)
        reports.append(_Report(
            "last-updated-as-date", Severity.INFO,
            f"the block gives no publication date, so '{line.label}' ({value}) is used as the "
            "publication date, as MLA 9, APA 7 and Chicago date a page that gives no other date",
            line.number, "issued"))
        return None
    notes.append((line.number, f"Last updated: {value}"))
    return line, value


def _update_kept_in_note(line: _Line, value: str, record: Record) -> _Report:
    # The fix cites the update instead; that replaces the publication date, kept then only in note.
    update = format_date_iso(parse_date(value)) or "YYYY-MM-DD"
    published = format_date_iso(record.issued) or "YYYY-MM-DD"  # an ISO date needs no shell quoting
    return _Report(
        "last-updated-kept-in-note", Severity.INFO,
        f"'{line.label}' ({value}) has no field in CSL, so it is kept in note and the publication "
        "date is the one cited; APA 7 cites the update date instead when the update changed what "
        "you cite", line.number, "note",
        f'to cite the update instead: citekit set {shlex.quote(record.id)} issued={update} '
        f'"note=Originally published {published}" (issued= replaces the publication date, {published}, '
        "which is then kept only in the note this writes; note= replaces the whole note)")


def _field_name(variable: str) -> str:
    return "note" if variable == LAST_UPDATED else variable

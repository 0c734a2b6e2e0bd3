"""RIS files as Zotero, Mendeley, EndNote and publishers' "Export citation" buttons write them.

rispy reads the tags of each record; this module first walks the lines itself, because rispy
silently drops what it cannot place (a record without `ER`, lines outside a record) and knows
no line numbers. Every such problem becomes a finding with its line, and the records that
can be read still load. Tag meanings follow the RIS specification, where a few depend on
the reference type (T2 is the journal of a JOUR but the series of a BOOK).

Decisions worth knowing:
- A name without a comma is an organisation (`literal`): RIS writes people "Last, First".
- A tag citekit has no CSL variable for is reported (`ris-unused-tags`), not put in `note`.
- An unknown TY gives a generic `document`, reported; a repeated single-value tag keeps
  its first value, reported.
- ID gives the record's id (what citekit's RIS writer puts there), unless it is a bare number:
  that is another program's record number (Reference Manager, EndNote), and an id made from
  author, year and title serves better. An ID an earlier record of the file has is suffixed.
- KW gives both the CSL `keyword` and citekit's tags (`custom.tags`): RIS has one tag for the two,
  and reference managers write their tags there. The RIS writer writes the words of both as KW, so
  nothing is lost; so that a removed tag stays removed, `citekit tag --remove` also takes the word
  out of `keyword` (ignoring case, and saying so); `citekit tag` adds a tag without touching it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from citekit.errors import CitekitError
from citekit.findings import Finding, Parsed, Severity
from citekit.ids import letter_suffixes, make_record_id
from citekit.library_search import fold
from citekit.model import record_from_csl

# RIS reference type -> CSL type.
TYPES: dict[str, str] = {
    "JOUR": "article-journal", "EJOUR": "article-journal", "INPR": "article-journal",
    "ABST": "article-journal", "JFULL": "periodical", "SER": "periodical",
    "MGZN": "article-magazine", "NEWS": "article-newspaper",
    "BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CHAP": "chapter", "ECHAP": "chapter",
    "CONF": "paper-conference", "CPAPER": "paper-conference",
    "ELEC": "webpage", "WEB": "webpage", "BLOG": "post-weblog", "ICOMM": "personal_communication",
    "PCOMM": "personal_communication", "THES": "thesis", "RPRT": "report", "GOVDOC": "report",
    "GEN": "document", "UNPB": "manuscript", "MANSCPT": "manuscript", "PAMP": "pamphlet",
    "PAT": "patent", "BILL": "bill", "CASE": "legal_case", "STAT": "legislation",
    "LEGAL": "regulation", "HEAR": "hearing", "STAND": "standard", "MAP": "map",
    "ART": "graphic", "FIGURE": "figure", "CHART": "figure", "SLIDE": "speech",
    "COMP": "software", "DATA": "dataset", "DBASE": "dataset", "AGGR": "dataset",
    "MPCT": "motion_picture", "VIDEO": "motion_picture", "ADVS": "motion_picture",
    "MULTI": "motion_picture", "SOUND": "song", "MUSIC": "musical_score",
    "ENCYC": "entry-encyclopedia", "DICT": "entry-dictionary", "CLSWK": "classic",
    "ANCIENT": "classic", "CTLG": "document", "EQUA": "document", "GRANT": "document",
}
_BOOK_TYPES = {"BOOK", "EBOOK", "EDBOOK"}
_WHOLE_WORK_TYPES = _BOOK_TYPES | {"THES", "RPRT", "GOVDOC"}  # T2 is their series, not a container

# Tags that may repeat; every other tag keeps its first value.
LIST_TAGS = ("AU", "A1", "A2", "A3", "A4", "ED", "KW", "N1", "UR")
# Long free-text tags whose values are often wrapped over several lines.
_WRAPPING_TAGS = {"AB", "N1", "N2", "TI", "T1", "T2", "T3", "BT", "KW"}
# Tags this module reads; any other is reported as unused.
_NAME_TAGS = {"AU": "author", "A1": "author", "A2": "editor", "ED": "editor",
              "A3": "collection-editor", "A4": "translator"}
_TEXT_TAGS = {"VL": "volume", "IS": "issue", "NV": "number-of-volumes", "ET": "edition",
              "PB": "publisher", "CY": "publisher-place", "PP": "publisher-place",
              "LA": "language", "ST": "title-short", "M3": "genre", "SE": "section",
              "CN": "call-number", "DP": "source", "DB": "source", "AB": "abstract",
              "N2": "abstract"}
_READ_TAGS = (set(_NAME_TAGS) | set(_TEXT_TAGS)
              | {"TY", "ER", "ID", "TI", "T1", "CT", "BT", "T2", "T3", "JF", "JO", "JA", "J2", "J1",
                 "PY", "Y1", "DA", "Y2", "SP", "EP", "SN", "DO", "UR", "KW", "N1"})

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


@dataclass
class _RawRecord:
    start: int  # line number of its TY line
    lines: list[str] = field(default_factory=list)  # the record's lines, as rispy reads them
    tag_lines: dict[str, list[int]] = field(default_factory=dict)  # tag -> the lines it is on
    findings: list[tuple[int, str, Severity, str, str | None]] = field(default_factory=list)


def _split_records(text: str) -> tuple[list[_RawRecord], list[Finding]]:
    """The records between TY and ER, and what does not fit that shape, with line numbers."""
    records: list[_RawRecord] = []
    loose: list[Finding] = []
    current: _RawRecord | None = None
    last_tag: str | None = None
    stray: list[int] = []  # consecutive lines outside any record

    def flush_stray() -> None:
        if stray:
            where = f"line {stray[0]}" if len(stray) == 1 else f"lines {stray[0]}-{stray[-1]}"
            loose.append(Finding(
                "ris-text-outside-record", Severity.WARNING,
                f"{where} {'is' if len(stray) == 1 else 'are'} outside any record (not between a TY "
                "line and its ER line) and ignored", location=f"line {stray[0]}",
                fix="delete the text, or put it inside a record after a tag such as N1 (notes)"))
            stray.clear()

    def close(record: _RawRecord, ended: bool, line: int | None) -> None:
        if not ended:
            end = f"the next record on line {line}" if line else "the end of the file"
            record.findings.append((record.start, "ris-missing-er", Severity.WARNING,
                                    f"the record starting on line {record.start} has no ER line to "
                                    f"end it; it is read up to {end}", None))
        record.lines.append("ER  - ")
        records.append(record)

    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        line = raw.rstrip()
        match = _TAG_LINE.match(line)
        if match:
            tag = match[1]
            if tag == "TY":
                flush_stray()
                if current is not None:
                    close(current, False, number)
                current, last_tag = _RawRecord(number, [line]), "TY"
                current.tag_lines["TY"] = [number]
            elif current is None:
                stray.append(number)
            elif tag == "ER":
                close(current, True, None)
                current = last_tag = None
            else:
                current.lines.append(line)
                current.tag_lines.setdefault(tag, []).append(number)
                last_tag = tag
        elif not line.strip():
            continue
        elif current is None:
            stray.append(number)
        elif last_tag in _WRAPPING_TAGS:
            # A wrapped abstract or title: rispy joins it to its tag. The leading space keeps rispy
            # from reading "AU  -x" or "ER  -" in it as a tag line of its own (its test is looser
            # than ours); rispy strips it again.
            current.lines.append(" " + line)
        else:
            # Joined to a DOI or a year it would corrupt the value: left out, and said so.
            shown = line.strip() if len(line.strip()) <= 40 else line.strip()[:37] + "..."
            current.findings.append((number, "ris-line-without-tag", Severity.WARNING,
                                     f"line {number} ('{shown}') does not start with a RIS tag "
                                     f"and is ignored", None))
    flush_stray()
    if current is not None:
        close(current, False, None)
    return records, loose


# --- values ------------------------------------------------------------------------------

def _name(text: str) -> dict[str, str]:
    """"Smith, Zadie" / "Smith, Zadie, Jr." as a person; text without a comma as an organisation."""
    pieces = [piece.strip() for piece in text.split(",")]
    if len(pieces) == 1 or not pieces[0]:
        return {"literal": text.strip()}
    name = {"family": pieces[0]}
    if pieces[1]:
        name["given"] = pieces[1]
    suffix = ", ".join(piece for piece in pieces[2:] if piece)
    if suffix:
        name["suffix"] = suffix
    return name


def _date(text: str) -> dict[str, Any]:
    """RIS "2018/03/22/other" (any part may be empty), or another spelling via `parse_date`."""
    parts = text.strip().split("/")
    if re.fullmatch(r"\d{4}", parts[0]) and len(parts) <= 4 \
            and all(re.fullmatch(r"\d{1,2}|", part) for part in parts[1:3]):
        numbers = [int(parts[0])]
        for part in parts[1:3]:
            if not part:
                break
            numbers.append(int(part))
        valid = (len(numbers) < 2 or 1 <= numbers[1] <= 12) and (len(numbers) < 3 or 1 <= numbers[2] <= 31)
        if valid:
            date: dict[str, Any] = {"date-parts": [numbers]}
            other = parts[3].strip() if len(parts) == 4 else ""
            if other and len(numbers) == 1 and other.lower() in _SEASONS:
                date["season"] = _SEASONS[other.lower()]
            elif other:
                return {"raw": text.strip()}
            return date
    from citekit.dates import parse_date

    return parse_date(text) or {"raw": text.strip()}


def _first(values: Any) -> str | None:
    if isinstance(values, list):
        values = next((value for value in values if value and value.strip()), None)
    return values.strip() if isinstance(values, str) and values.strip() else None


# --- one record --------------------------------------------------------------------------

def _record_data(fields: dict[str, Any], raw: _RawRecord,
                 report: Any) -> dict[str, Any]:
    """CSL-JSON data for one record's tags (rispy's dict with tags as keys)."""
    ris_type = (_first(fields.get("TY")) or "").upper()
    csl_type = TYPES.get(ris_type)
    if csl_type is None:
        report(raw.start, "ris-unknown-type", Severity.WARNING,
               f"'{ris_type}' (line {raw.start}) is not a RIS type citekit knows; the record is read "
               "as a generic document", "type")
        csl_type = "document"
    data: dict[str, Any] = {"type": csl_type}

    for tag, variable in _NAME_TAGS.items():
        for value in fields.get(tag) or []:
            if value.strip():
                data.setdefault(variable, []).append(_name(value))

    title = _first(fields.get("TI")) or _first(fields.get("T1")) or _first(fields.get("CT"))
    if ris_type in _BOOK_TYPES:
        title = title or _first(fields.get("BT"))
    if title:
        data["title"] = title
    container = (_first(fields.get("T2")) if ris_type not in _WHOLE_WORK_TYPES else None) \
        or _first(fields.get("JF")) or _first(fields.get("JO"))
    if ris_type not in _BOOK_TYPES:
        container = container or _first(fields.get("BT"))
    abbreviation = _first(fields.get("J2")) or _first(fields.get("JA")) or _first(fields.get("J1"))
    if container:
        data["container-title"] = container
    elif abbreviation:
        data["container-title"] = abbreviation
        report(raw.tag_lines.get("JA", raw.tag_lines.get("J2", raw.tag_lines.get("J1", [raw.start])))[0],
               "ris-abbreviated-container", Severity.INFO,
               f"only an abbreviated journal name is given ('{abbreviation}'); it is used as the "
               "container title", "container-title")
    if abbreviation:
        data["container-title-short"] = abbreviation
    series = _first(fields.get("T3")) or (_first(fields.get("T2")) if ris_type in _WHOLE_WORK_TYPES else None)
    if series:
        data["collection-title"] = series

    for tag, variable in _TEXT_TAGS.items():
        value = _first(fields.get(tag))
        if value and variable not in data:
            data[variable] = value

    _pages(fields, ris_type, data, raw, report)
    _dates(fields, data, raw, report)

    serial = _first(fields.get("SN"))
    if serial:
        digits = re.sub(r"[^0-9Xx]", "", serial)
        is_book = len(digits) in (10, 13) or (len(digits) != 8 and ris_type in _BOOK_TYPES | {"CHAP", "ECHAP"})
        data["ISBN" if is_book else "ISSN"] = serial
    doi = _first(fields.get("DO"))
    if doi:
        bare = _DOI_PREFIX.sub("", doi)
        if bare != doi:
            report(raw.tag_lines["DO"][0], "doi-prefix-removed", Severity.INFO,
                   f"the DOI '{doi}' is stored without its prefix, as '{bare}'", "DOI")
        data["DOI"] = bare
    urls = [url for url in fields.get("UR") or [] if url]
    if urls:
        data["URL"] = urls[0]
        if len(urls) > 1:
            report(raw.tag_lines["UR"][0], "ris-extra-urls", Severity.INFO,
                   f"{len(urls)} URLs are given; the first is kept as URL, not: {', '.join(urls[1:])}", "URL")
    keywords = [keyword.strip() for keyword in fields.get("KW") or [] if keyword.strip()]
    if keywords:
        data["keyword"] = ", ".join(keywords)
        data["custom"] = {"tags": _tags(keywords)}
    notes = [note.strip() for note in fields.get("N1") or [] if note.strip()]
    if notes:
        data["note"] = "\n".join(notes)
    return data


def _tags(keywords: list[str]) -> list[str]:
    """Each keyword once (case and accents ignored) as a tag, spaces collapsed, as `citekit tag` stores them."""
    unique: dict[str, str] = {}
    for keyword in keywords:
        unique.setdefault(fold(" ".join(keyword.split())), " ".join(keyword.split()))
    return list(unique.values())


def _record_id(fields: dict[str, Any], data: dict[str, Any], raw: _RawRecord, taken: set[str],
               report: Any) -> str:
    """The ID tag's value as the id, unique in the file; else an id made from the record."""
    given = _first(fields.get("ID"))
    if not given or given.isdigit():
        return make_record_id(data, taken_lower=taken)
    if given.lower() not in taken:
        return given
    unique = next(f"{given}-{suffix}" for suffix in letter_suffixes(start=1)
                  if f"{given}-{suffix}".lower() not in taken)
    report(raw.tag_lines["ID"][0], "ris-duplicate-id", Severity.WARNING,
           f"the ID '{given}' is already the id of an earlier record; this record's id is '{unique}'", "id")
    return unique


def _pages(fields: dict[str, Any], ris_type: str, data: dict[str, Any], raw: _RawRecord, report: Any) -> None:
    start, end = _first(fields.get("SP")), _first(fields.get("EP"))
    if ris_type in _BOOK_TYPES:  # RIS: SP of a whole book is its number of pages
        if start:
            data["number-of-pages"] = start
        return
    if start and end and end != start:
        data["page"] = f"{start}-{end}"
    elif start:
        data["page"] = start
    elif end:
        report(raw.tag_lines["EP"][0], "ris-end-page-alone", Severity.WARNING,
               f"EP gives a last page ({end}) but no SP gives the first; the pages are left out",
               "page")


def _dates(fields: dict[str, Any], data: dict[str, Any], raw: _RawRecord, report: Any) -> None:
    read: dict[str, dict[str, Any]] = {}
    for tag in ("PY", "Y1", "DA", "Y2"):
        value = _first(fields.get(tag))
        if not value:
            continue
        date = _date(value)
        read[tag] = date
        if "raw" in date:
            report(raw.tag_lines[tag][0], "unparsed-date", Severity.WARNING,
                   f"{tag} '{value}' is not a date citekit can read; kept as written",
                   "accessed" if tag == "Y2" else "issued")
    year = read.get("PY") or read.get("Y1")
    full = read.get("DA")
    issued = year or full
    if year and full and "date-parts" in year and "date-parts" in full:
        if year["date-parts"][0][0] != full["date-parts"][0][0]:
            report(raw.tag_lines["DA"][0], "ris-dates-disagree", Severity.WARNING,
                   f"the year ({year['date-parts'][0][0]}) and the date (DA, "
                   f"{full['date-parts'][0][0]}) disagree; the year's date is used", "issued")
        elif len(full["date-parts"][0]) > len(year["date-parts"][0]):
            issued = full
    if issued:
        data["issued"] = issued
    if "Y2" in read:
        data["accessed"] = read["Y2"]


def _unused_tags(raw: _RawRecord, report: Any) -> None:
    unused = [(lines[0], tag) for tag, lines in raw.tag_lines.items() if tag not in _READ_TAGS]
    if unused:
        listed = ", ".join(f"{tag} (line {line})" for line, tag in sorted(unused))
        report(min(unused)[0], "ris-unused-tags", Severity.INFO,
               f"tags with no place in a citation are not kept: {listed}", None)
    for tag, lines in raw.tag_lines.items():
        if len(lines) > 1 and tag not in LIST_TAGS and tag in _READ_TAGS and tag != "TY":
            report(lines[1], "ris-repeated-tag", Severity.WARNING,
                   f"{tag} appears {len(lines)} times (lines {', '.join(map(str, lines))}); "
                   "the first value is kept", None)


def parse_ris(text: str, *, source: str = "<stdin>") -> Parsed:
    """Every record of a RIS file as CSL-JSON; a damaged record is reported and skipped."""
    import rispy

    raw_records, findings = _split_records(text)
    if not raw_records:
        raise CitekitError("no RIS record found: no line starts with the TY tag", source=source,
                           hint="each record starts with a TY line giving its type, such as JOUR, "
                                "and ends with an ER line")
    mapping = {tag: tag for raw in raw_records for tag in raw.tag_lines}
    mapping["UK"] = "UK"
    records = []
    taken: set[str] = set()  # the ids so far, lower-cased
    for raw in raw_records:
        reports: list[tuple[int, str, Severity, str, str | None]] = list(raw.findings)

        def report(line: int, code: str, severity: Severity, message: str, field: str | None) -> None:
            reports.append((line, code, severity, message, field))

        parsed = rispy.loads("\n".join(raw.lines), mapping=mapping, list_tags=list(LIST_TAGS),
                             delimiter_tags_mapping={}, enforce_list_tags=True)
        fields = parsed[0] if parsed else {}
        data = _record_data(fields, raw, report)
        _unused_tags(raw, report)
        data["id"] = _record_id(fields, data, raw, taken, report)
        try:
            record = record_from_csl(data)
        except CitekitError as error:
            findings.append(Finding("ris-record-skipped", Severity.ERROR,
                                    f"the record starting on line {raw.start} cannot be used and is "
                                    f"skipped: {error}", location=f"line {raw.start}"))
            continue
        taken.add(record.id.lower())
        records.append(record)
        findings.extend(Finding(code, severity, message, field=field_name, record_id=record.id,
                                location=f"line {line}")
                        for line, code, severity, message, field_name in sorted(reports, key=lambda r: r[0]))
    if not records:
        raise CitekitError("no RIS record could be used", source=source,
                           location=f"line {raw_records[0].start}",
                           hint="check the type on the TY line and the tags of each record")
    findings.sort(key=lambda finding: int(finding.location.split()[-1]) if finding.location else 0)
    return Parsed(records=records, findings=findings)

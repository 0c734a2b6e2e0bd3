"""BibTeX and biblatex writer. pybtex reads .bib files; its writer is not used (it double-
escapes LaTeX, breaks `$ ^ \\`, splits organisations, escapes `%` in URLs, loses capitals).

BibTeX is for pdflatex (non-ASCII as LaTeX commands), biblatex for biber (UTF-8 kept). Text
and names go through `citekit.export.latex`, titles (CSL rich text, math, protected capitals)
through `citekit.export.latex_titles`, keys through `citekit.export.citekeys`; types and
fields follow `TYPE_MAP` (`citekit.export.bibtex_types`).
BibTeX dates are `year` and a bare month macro (`month = mar`, which styles print as the
month's name), biblatex dates ISO/EDTF `date`; no date field without an issued date.
Fields come in the order of `BIBTEX_FIELDS` / `BIBLATEX_FIELDS`, as `  field = {value},` lines
(the last comma too, which BibTeX and biber allow); empty fields are left out. Characters
a plain pdflatex document does not know get an `@preamble` first, so it prints them, or a
placeholder, instead of failing (`citekit.export.latex.unicode_preamble`).
A record read from a .bib (`citekit.sources.bibtex`) keeps its entry type and the fields no
CSL variable took in its `bibtex` object; they are written back as they were.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from citekit.export.bibtex_types import (
    BIBLATEX_KEYS, BIBLATEX_TYPES, BIBTEX_TYPES, LANGIDS, TYPE_MAP, TYPE_MAP_DEFAULT,
    VERBATIM_FIELDS, accepts, container_field, publisher_field,
)
from citekit.export.citekeys import assign_citekeys, citekey
from citekit.export.latex import (
    bibtex_name, escape_latex_text, escape_text, format_name, latex_form, plain_template_knows,
    unicode_preamble,
)
from citekit.export.latex_titles import protect_capitals, rich_text_to_latex
from citekit.findings import Finding, Severity
from citekit.model import Date, Record

__all__ = ["TYPE_MAP", "BIBTEX_FIELDS", "BIBLATEX_FIELDS", "citekey", "escape_latex_text",
           "export_bibtex", "format_name", "protect_capitals", "write_biblatex", "write_bibtex"]

Dialect = Literal["bibtex", "biblatex"]

BIBTEX_FIELDS = ("author", "editor", "title", "journal", "booktitle", "series", "edition",
                 "volume", "number", "pages", "chapter", "howpublished", "type", "school",
                 "institution", "organization", "publisher", "address", "year", "month", "doi",
                 "isbn", "issn", "url", "note")
BIBLATEX_FIELDS = ("author", "bookauthor", "editor", "editortype", "translator", "title",
                   "shorttitle", "titleaddon", "maintitle", "journaltitle", "shortjournal",
                   "booktitle", "eventtitle", "venue", "eventdate", "origtitle", "series",
                   "edition", "volume", "volumes", "part", "number", "pages", "pagetotal",
                   "chapter", "howpublished", "type", "version", "institution", "organization",
                   "publisher", "location", "origpublisher", "origlocation", "date", "origdate",
                   "pubstate", "eprinttype", "eprint", "doi", "isbn", "issn", "url", "urldate",
                   "langid", "keywords", "abstract", "library", "note")
_BIBLATEX_LIST_FIELDS = {"publisher", "organization", "institution", "location",
                         "origpublisher", "origlocation"}
_MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Title variables are CSL rich text (markup, math); any other variable is plain text, where
# "$" is a dollar sign.
_RICH_FIELDS = {"title", "container-title", "collection-title", "volume-title", "title-short",
                "original-title", "event-title", "container-title-short"}
_PART_TYPES = {"inbook", "bookinbook", "suppbook", "incollection", "suppcollection",
               "inreference", "inproceedings", "conference"}
# CSL roles biblatex can name as an editortype (its bibstrings "bycompiler"...); others, such
# as director, have no string to print and are reported as not written.
_EDITOR_ROLES = (("compiler", "compiler"), ("organizer", "organizer"),
                 ("contributor", "collaborator"))


def _iso(parts: list[int]) -> str:
    year = f"{parts[0]:04d}" if parts[0] >= 0 else f"-{-parts[0]:04d}"
    return "-".join([year, *(f"{p:02d}" for p in parts[1:])])


class _Entry:
    """One entry being built: its fields, the CSL variables they used, and findings."""

    def __init__(self, record: Record, dialect: Dialect, findings: list[Finding]):
        self.record, self.dialect, self.findings = record, dialect, findings
        self.bibtex = dialect == "bibtex"
        self.data = record.to_csl()
        origin = self.data.get("bibtex") if isinstance(self.data.get("bibtex"), dict) else {}
        self.kept: dict[str, Any] = {k.lower(): v for k, v in origin.items() if k != "entrytype"}
        # Read from a .bib: its fields go back where they were, and its titles already mark
        # what they protect (nocase spans), so capitals are not guessed.
        self.from_bib = "entrytype" in origin
        self.type = self._entry_type(str(origin.get("entrytype", "")).lower())
        self.fields: dict[str, str] = {}
        self.used = {"id", "type", "bibtex", "citation-key"}
        self.unknown: dict[str, set[str]] = {}

    def _entry_type(self, original: str) -> str:
        if original in (BIBTEX_TYPES if self.bibtex else BIBLATEX_TYPES):
            return original  # read from a .bib: its own type, as written
        kind = TYPE_MAP.get(self.record.type, TYPE_MAP_DEFAULT)[0 if self.bibtex else 1]
        genre = str(self.data.get("genre", "")).lower()
        if kind == "phdthesis" and ("master" in genre or genre.startswith(("ma ", "msc", "m.a"))):
            return "mastersthesis"
        if kind == "incollection" and not self.bibtex and self.data.get("container-author"):
            return "inbook"  # biblatex's part of a book whose author is named (bookauthor)
        if kind == "collection" and self.data.get("author"):
            return "book"  # biblatex's @collection has editors only
        return kind

    def note(self, code: str, severity: Severity, message: str, **where: Any) -> None:
        self.findings.append(Finding(code, severity, message, record_id=self.record.id, **where))

    def accepts(self, field: str) -> bool:
        if self.bibtex:
            return field in BIBTEX_FIELDS
        return self.from_bib or accepts(self.type, field)

    def text(self, field: str, value: Any, variable: str | None = None) -> str:
        unknown = self.unknown.setdefault(field, set())
        if variable in _RICH_FIELDS:
            return rich_text_to_latex(str(value), ascii_only=self.bibtex, unknown=unknown)
        return escape_text(str(value), ascii_only=self.bibtex, unknown=unknown)

    def put(self, field: str, latex: str | None, *variables: str) -> None:
        if latex and field not in self.fields and self.accepts(field):
            self.fields[field] = latex
            self.used.update(variables)

    def copy(self, field: str, variable: str) -> None:
        value = self.data.get(variable)
        if value in (None, "", []):
            return
        key = None if self.bibtex else BIBLATEX_KEYS.get(field, {}).get(str(value).lower())
        self.put(field, key or self.text(field, value, variable), variable)

    def names(self, field: str, variable: str) -> None:
        unknown = self.unknown.setdefault(field, set())
        names = getattr(self.record, variable.replace("-", "_"), None) or []
        latex = " and ".join(bibtex_name(name, self.bibtex, unknown) for name in names)
        self.put(field, latex, variable)

    def date(self, variable: str) -> Date | None:
        date = getattr(self.record, variable.replace("-", "_"), None)
        if date is not None and not date.date_parts:
            self.used.add(variable)  # reported here, not again as "not written"
            self.note("export-date-not-written", Severity.WARNING,
                      f"The {variable} date '{date.literal or date.raw or date.season}' has no "
                      f"year, month and day, so {self.dialect} cannot hold it.",
                      field=variable, fix=f'give {variable} as "YYYY-MM-DD"')
            return None
        return date

    def verbatim(self, variable: str) -> str | None:
        text = str(self.data.get(variable) or "").strip()
        if "{" in text or "}" in text:  # would unbalance the entry; RFC 3986 encodes braces
            text = text.replace("{", "%7B").replace("}", "%7D")
            self.note("export-braces-encoded", Severity.WARNING,
                      f"{variable} has a brace, written percent-encoded (%7B, %7D).",
                      field=variable)
        if _UNSAFE_IN_VERBATIM.search(text):
            # A template without the url package reads these fields as LaTeX: a backslash (or
            # "^^5c", TeX's code for one) would start a command such as \input, and a line break
            # would end the field's line. None belongs in a URL or DOI unencoded (RFC 3986).
            text = _UNSAFE_IN_VERBATIM.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode("utf-8")), text)
            self.note("export-characters-encoded", Severity.WARNING,
                      f"{variable} has a backslash, a caret, a space or a control character, written "
                      "percent-encoded (%5C, %5E, %20...).", field=variable)
        return text or None


_UNSAFE_IN_VERBATIM = re.compile(r"[\\^\s\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _titles(entry: _Entry) -> None:
    data, kind = entry.data, entry.type
    title, volume_title = data.get("title"), data.get("volume-title")
    main = None
    if volume_title and entry.accepts("maintitle") and kind not in _PART_TYPES:
        main, title = title, volume_title  # a volume of a multi-volume work
    if title:
        latex = entry.text("title", title, "title")
        entry.put("title", latex if entry.from_bib else protect_capitals(latex), "title")
    if main:
        entry.put("maintitle", entry.text("maintitle", main, "title"), "volume-title")
    container = data.get("container-title")
    field = container_field(kind, entry.bibtex)
    if volume_title and kind in _PART_TYPES and entry.accepts("maintitle") and container:
        entry.put("maintitle", entry.text("maintitle", container, "container-title"),
                  "container-title")
        container = None
        entry.put("booktitle", entry.text("booktitle", volume_title, "volume-title"),
                  "volume-title")
    if container and field and field != "howpublished":
        entry.put(field, entry.text(field, container, "container-title"), "container-title")
    entry.copy("shorttitle", "title-short")
    if kind == "article":
        entry.copy("shortjournal", "container-title-short")
    entry.copy("series", "collection-title")
    entry.copy("origtitle", "original-title")
    entry.copy("eventtitle", "event-title")



def _people(entry: _Entry) -> None:
    entry.names("author", "author")
    entry.names("editor", "editor")
    if not entry.bibtex:
        entry.names("translator", "translator")
        entry.names("bookauthor", "container-author")
        for variable, role in _EDITOR_ROLES:
            if entry.data.get(variable) and "editor" not in entry.fields \
                    and entry.accepts("editortype"):
                entry.names("editor", variable)
                entry.put("editortype", role, variable)


def _publishing(entry: _Entry) -> None:
    data, kind, bibtex = entry.data, entry.type, entry.bibtex
    url = entry.verbatim("URL")
    container, publisher = data.get("container-title"), data.get("publisher")
    container_in, publisher_in = container_field(kind, bibtex), publisher_field(kind, bibtex)
    parts, used = [], []  # what goes to howpublished, in this order
    if container and container_in == "howpublished":
        parts.append(entry.text("howpublished", container, "container-title"))
        used.append("container-title")
    if publisher and publisher_in == "howpublished":
        parts.append(entry.text("howpublished", publisher))
        used.append("publisher")
    if bibtex and kind == "misc" and url:  # BibTeX @misc prints no url field
        parts.append(rf"\url{{{url}}}")
        used.append("URL")
    entry.put("howpublished", ", ".join(parts), *used)
    if publisher_in and publisher_in != "howpublished":
        entry.copy(publisher_in, "publisher")
    entry.copy("address" if bibtex else "location", "publisher-place")
    entry.copy("venue", "event-place")
    entry.copy("origpublisher", "original-publisher")
    entry.copy("origlocation", "original-publisher-place")
    entry.put("doi", entry.verbatim("DOI"), "DOI")
    entry.put("url", url, "URL")


def _numbers(entry: _Entry) -> None:
    data, kind = entry.data, entry.type
    if kind in ("techreport", "report", "phdthesis", "mastersthesis", "thesis", "manual",
                "patent", "misc", "booklet", "dataset", "software", "unpublished", "standard"):
        entry.copy("type", "genre")
    for field, variable in (("edition", "edition"), ("volume", "volume"), ("isbn", "ISBN"),
                            ("issn", "ISSN"), ("volumes", "number-of-volumes"),
                            ("pagetotal", "number-of-pages"), ("part", "part-number"),
                            ("chapter", "chapter-number"), ("version", "version")):
        entry.copy(field, variable)
    if kind in ("article", "periodical", "suppperiodical") and data.get("issue"):
        entry.copy("number", "issue")
    entry.copy("number", "number")
    entry.copy("number", "collection-number")
    if data.get("page"):  # a range takes BibTeX's en dash, "--"
        pages = re.sub(r"(?<=\w)\s*[-\u2010-\u2013]+\s*(?=\w)", "--", str(data["page"]))
        entry.put("pages", entry.text("pages", pages), "page")
    for variable, eprint_type in (("PMID", "pubmed"), ("PMCID", "pmcid")):
        if data.get(variable) and not entry.bibtex and "eprint" not in entry.fields:
            entry.put("eprinttype", eprint_type)
            entry.put("eprint", entry.verbatim(variable), variable)


def _extras(entry: _Entry) -> None:
    """biblatex-only variables: language, keywords, abstract, status."""
    if entry.bibtex:
        return
    language = str(entry.data.get("language") or "")
    langid = LANGIDS.get(language) or LANGIDS.get(language.split("-")[0].lower())
    entry.put("langid", langid, "language")
    entry.copy("keywords", "keyword")
    entry.copy("abstract", "abstract")
    entry.copy("pubstate", "status")


def _dates(entry: _Entry) -> None:
    issued = entry.date("issued")
    if issued is not None and not entry.bibtex:
        circa = "~" if issued.circa else ""
        entry.put("date", "/".join(_iso(p) + circa for p in issued.date_parts), "issued")
    elif issued is not None:
        parts = issued.date_parts
        entry.put("year", "--".join(sorted({str(p[0]) for p in parts}, key=int)), "issued")
        if len(parts) == 1 and len(parts[0]) > 1 and 1 <= parts[0][1] <= 12:
            entry.put("month", _MONTH_MACROS[parts[0][1] - 1], "issued")
        if issued.circa:
            entry.note("export-circa-not-written", Severity.INFO,
                       "BibTeX cannot mark a date as approximate; the year is written as exact.",
                       field="issued")
    if entry.bibtex:
        return
    for field, variable in (("urldate", "accessed"), ("origdate", "original-date"),
                            ("eventdate", "event-date")):
        date = entry.date(variable)
        if date is not None and entry.accepts(field):
            entry.put(field, "/".join(_iso(p) for p in date.date_parts), variable)


def _sentence(text: str) -> str:
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def _notes(entry: _Entry) -> None:
    note = entry.text("note", entry.data["note"]) if entry.data.get("note") else ""
    used = ["note"]
    # Where an unpublished work is held: biblatex's library field; BibTeX's @unpublished has
    # only its (required) note to say it.
    archive = ", ".join(str(entry.data[variable]) for variable in ("archive", "archive_location")
                        if entry.data.get(variable))
    if archive and not entry.bibtex:
        entry.put("library", entry.text("library", archive), "archive", "archive_location")
    elif archive and entry.type == "unpublished":
        note = " ".join(filter(None, (_sentence(note), entry.text("note", archive))))
        used += ["archive", "archive_location"]
    accessed = entry.record.accessed
    if entry.bibtex and accessed is not None and accessed.date_parts:
        note = " ".join(filter(None, (_sentence(note), f"Accessed {_iso(accessed.date_parts[0])}")))
        used.append("accessed")
    entry.put("note", note, *used)


def _kept_fields(entry: _Entry) -> None:
    """The fields a .bib entry had that no CSL variable took, written back as they were."""
    for field, value in entry.kept.items():
        if field in entry.fields or not isinstance(value, str) or not value.strip():
            continue
        if entry.bibtex and not value.isascii() and field not in VERBATIM_FIELDS:
            unknown = entry.unknown.setdefault(field, set())
            value = re.sub(r"[^\x00-\x7f]", lambda m: _ascii_form(m[0], unknown), value)
        entry.fields[field] = value


def _ascii_form(char: str, unknown: set[str]) -> str:
    form = latex_form(char)
    if form is None:
        unknown.add(char)
    return form or char


def _report(entry: _Entry) -> None:
    fields = [field for field, chars in entry.unknown.items() if chars]
    if fields and entry.bibtex:  # one finding per record, however many characters
        chars = sorted(set().union(*(entry.unknown[field] for field in fields)))
        shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in chars[:6])
        shown += f" and {len(chars) - 6} more" if len(chars) > 6 else ""
        entry.note("latex-no-equivalent", Severity.WARNING,
                   f"{shown} in {', '.join(fields)} {'has' if len(chars) == 1 else 'have'} no "
                   "LaTeX command a plain pdflatex document knows; kept as is. pdflatex prints "
                   "[U+...] in its place unless the document loads support for it.",
                   field=fields[0] if len(fields) == 1 else None,
                   fix="export biblatex and compile with biber and xelatex or lualatex, or "
                       "load the script's font encoding (e.g. \\usepackage[T2A,T1]{fontenc})")
    left = sorted(name for name, value in entry.data.items()
                  if name not in entry.used and value not in ("", None, [], {}))
    if left:
        entry.note("export-variables-not-written", Severity.INFO,
                   f"Not written to {entry.dialect} (no field for them here): {', '.join(left)}.")


def _build(entry: _Entry) -> None:
    _people(entry)
    _titles(entry)
    _publishing(entry)
    _numbers(entry)
    _dates(entry)
    _extras(entry)
    _notes(entry)
    for field in () if entry.bibtex else _BIBLATEX_LIST_FIELDS & entry.fields.keys():
        if re.search(r"\sand\s", entry.fields[field], re.IGNORECASE):  # a list field: keep whole
            entry.fields[field] = "{" + entry.fields[field] + "}"
    _kept_fields(entry)
    _report(entry)


def _unknown_to_pdflatex(values: list[str]) -> set[str]:
    chars = set().union(*(value for value in values if not value.isascii()))
    return {c for c in chars if not plain_template_knows(c)}


def export_bibtex(records: list[Record], dialect: Dialect = "bibtex") -> tuple[str, list[Finding]]:
    """The records as BibTeX ("bibtex") or biblatex ("biblatex") text, with findings.

    Findings: characters with no LaTeX form (BibTeX), keys changed, dates that cannot be
    written, CSL variables with no field.
    """
    if dialect not in ("bibtex", "biblatex"):
        raise ValueError(f"dialect must be 'bibtex' or 'biblatex', not {dialect!r}")
    keys, findings = assign_citekeys(records)
    order = BIBTEX_FIELDS if dialect == "bibtex" else BIBLATEX_FIELDS
    entries, verbatim_free = [], []
    for record, key in zip(records, keys):
        entry = _Entry(record, dialect, findings)
        _build(entry)
        lines = [f"@{entry.type}{{{key},"]
        names = [n for n in order if n in entry.fields]
        names += [n for n in entry.fields if n not in order]
        for name in names:
            value = entry.fields[name]
            # A month macro is written bare so BibTeX styles print the month's name.
            shown = value if name == "month" and dialect == "bibtex" else f"{{{value}}}"
            lines.append(f"  {name} = {shown},")
            if name not in VERBATIM_FIELDS and name not in ("url", "doi", "howpublished"):
                verbatim_free.append(value)
        lines.append("}")
        entries.append("\n".join(lines) + "\n")
    text = "\n".join(entries)
    # Characters a plain pdflatex template does not know (BibTeX's are those with no form).
    chars = _unknown_to_pdflatex(verbatim_free)
    if chars:
        forms = {c: (None if dialect == "bibtex" else latex_form(c)) for c in chars}
        text = f'@preamble{{ "{unicode_preamble(forms)}" }}\n\n' + text
    return text, findings


def write_bibtex(records: list[Record]) -> str:
    """BibTeX text for pdflatex (non-ASCII as LaTeX commands)."""
    return export_bibtex(records, "bibtex")[0]


def write_biblatex(records: list[Record]) -> str:
    """biblatex text for biber (UTF-8 kept, ISO dates, urldate)."""
    return export_bibtex(records, "biblatex")[0]

"""BibTeX and biblatex writer. pybtex reads .bib files; its writer is not used (it double-
escapes LaTeX, breaks `$ ^ \\`, splits organisations, escapes `%` in URLs, loses capitals).

BibTeX is for pdflatex (non-ASCII as LaTeX commands), biblatex for biber (UTF-8 kept); see
`escape_latex_text`, `protect_capitals`, `format_name`, and `TYPE_MAP` for types and fields.
BibTeX dates are `year` and a bare month macro (`month = mar`, which styles print as the
month's name), biblatex dates ISO/EDTF `date`; no date field without an issued date.
Fields come in the order of `BIBTEX_FIELDS` / `BIBLATEX_FIELDS`, as `  field = {value},` lines
(the last comma too, which BibTeX and biber allow); empty fields are left out.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, Literal

from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexencode import UnicodeToLatexEncoder

from citekit.findings import Finding, Severity
from citekit.model import Date, Name, Record

Dialect = Literal["bibtex", "biblatex"]


class _TypeMap(dict):
    """CSL type -> (BibTeX entry type, biblatex entry type); any other CSL type -> @misc.

    Where the CSL variables go (BibTeX / biblatex):
    - title -> title (capitals brace-protected); author, editor -> author, editor;
      translator -> biblatex translator.
    - container-title: @article -> journal / journaltitle; @incollection, @inproceedings ->
      booktitle; biblatex @misc -> howpublished; biblatex @online -> titleaddon (the website's
      name, printed right after the title); BibTeX @misc -> howpublished (below).
    - publisher: @techreport, @report, @thesis -> institution (BibTeX @phdthesis: school);
      biblatex @online and @misc -> organization (the manual's field for whoever published an
      online resource); BibTeX @misc -> howpublished (below); otherwise publisher.
    - BibTeX @misc prints only author, title, howpublished, year, month and note, so the site
      and the publisher go there, before the link: `howpublished = {HISTORY, A+E Networks,
      \\url{https://...}}`; `url` is written too, for styles that read it.
    - accessed: BibTeX has no urldate, so `note = {Accessed 2018-03-22}` (after any note);
      biblatex `urldate = {2018-03-22}`.
    - publisher-place -> address / location; collection-title -> series; volume; issue
      (articles) or number -> number; page -> pages (ranges with `--`); edition; genre
      (reports, theses) -> type; DOI -> doi; ISBN -> isbn; ISSN -> issn; URL -> url; note.
    - issued -> BibTeX year and month, biblatex date (ISO/EDTF); none when not issued.
    - Any other CSL variable (abstract included) is not written; an info finding names them.
    """


TYPE_MAP: dict[str, tuple[str, str]] = _TypeMap({
    "webpage": ("misc", "online"),
    "post": ("misc", "online"),
    "post-weblog": ("misc", "online"),
    "article-journal": ("article", "article"),
    "article-magazine": ("article", "article"),
    "article-newspaper": ("article", "article"),
    "book": ("book", "book"),
    "chapter": ("incollection", "incollection"),
    "paper-conference": ("inproceedings", "inproceedings"),
    "report": ("techreport", "report"),
    "thesis": ("phdthesis", "thesis"),
})
TYPE_MAP_DEFAULT = ("misc", "misc")

BIBTEX_FIELDS = ("author", "editor", "title", "journal", "booktitle", "series", "edition",
                 "volume", "number", "pages", "howpublished", "type", "school", "institution",
                 "organization", "publisher", "address", "year", "month", "doi", "isbn", "issn",
                 "url", "note")
BIBLATEX_FIELDS = ("author", "editor", "translator", "title", "titleaddon", "journaltitle",
                   "booktitle", "series", "edition", "volume", "number", "pages", "howpublished",
                   "type", "institution", "organization", "publisher", "location", "date", "doi",
                   "isbn", "issn", "url", "urldate", "note")
_BIBLATEX_LIST_FIELDS = {"publisher", "organization", "institution", "location"}
_MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# Not \textasciicircum for "^": pylatexenc 2.11's latex2text decodes that to U+02C6.
_ASCII_ESCAPES = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "^": r"{\string^}",
                  "~": r"{\textasciitilde}", "\\": r"{\textbackslash}"}
_BALANCED_BRACES = {"{": r"\{", "}": r"\}"}
# BibTeX and biber count `\{` as a brace too, so a lone one needs a brace-free command (the
# one LaTeX's own \textbraceleft falls back to; latex2text cannot decode \textbraceleft).
_UNBALANCED_BRACES = {"{": r"{\ensuremath{\lbrace}}", "}": r"{\ensuremath{\rbrace}}"}


@functools.lru_cache(maxsize=1)
def _unicode_encoder() -> UnicodeToLatexEncoder:
    return UnicodeToLatexEncoder(non_ascii_only=True, replacement_latex_protection="braces-all",
                                 unknown_char_policy="keep", unknown_char_warning=False)


@functools.lru_cache(maxsize=1)
def _latex_decoder() -> LatexNodes2Text:
    return LatexNodes2Text()


def _braces_balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "{") - (char == "}")
        if depth < 0:
            return False
    return depth == 0


def _escape(text: str, ascii_only: bool, unknown: set[str] | None = None) -> str:
    braces = _BALANCED_BRACES if _braces_balanced(text) else _UNBALANCED_BRACES
    escaped = "".join(_ASCII_ESCAPES.get(c) or braces.get(c) or c for c in " ".join(text.split()))
    if not ascii_only:
        return escaped
    latex = _unicode_encoder().unicode_to_latex(escaped)
    if unknown is not None:
        unknown.update(c for c in latex if ord(c) > 127)  # what pylatexenc had no command for
    return latex


def escape_latex_text(text: str, *, ascii_only: bool) -> str:
    """Plain text as LaTeX text; `pylatexenc.latex2text` decodes the result back to `text`.

    `& % $ # _` get a backslash; `~ \\ ^` become `{\\textasciitilde}`, `{\\textbackslash}`,
    `{\\string^}`; braces become `\\{ \\}`, or brace-free commands when they do not pair up
    (BibTeX would count them). Runs of whitespace become one space. With `ascii_only`,
    non-ASCII characters become LaTeX commands in braces (pdflatex-safe, via pylatexenc);
    one with no LaTeX form is kept as it is.
    """
    return _escape(text, ascii_only)


_LEADING_PUNCTUATION = "([\"'`"
_TRAILING_PUNCTUATION = ".,;:!?)]\"'"


def _visible(latex: str) -> str:
    return _latex_decoder().latex_to_text(latex) if "\\" in latex else latex


def protect_capitals(latex_title: str) -> str:
    """Brace the words of an escaped title whose capitals a lower-casing BibTeX style would lose.

    BibTeX's `change.case$` keeps only the first character of the title and the first after
    a colon and a space. So a word is protected when it has a capital anywhere except that
    kept first character: "New Russian leader Lenin" -> "New {Russian} leader {Lenin}";
    "NASA" and "iPhone" are protected even first. Words without letters are left alone;
    leading and trailing punctuation stays outside the braces.
    """
    protected = []
    sentence_start = True
    for word in latex_title.split(" "):
        core = word.lstrip(_LEADING_PUNCTUATION)
        lead = word[: len(word) - len(core)]
        stripped = core.rstrip(_TRAILING_PUNCTUATION)
        trail, core = core[len(stripped):], stripped
        kept_first = 1 if sentence_start else 0
        if core and any(c.isupper() for c in _visible(lead + core)[kept_first:]):
            word = f"{lead}{{{core}}}{trail}"
        protected.append(word)
        sentence_start = word.endswith(":")
    return " ".join(protected)


def _needs_group(text: str) -> bool:
    # BibTeX would read a lower-case word as a "von" part, a comma or "and" as separators.
    return "," in text or any(w[:1].islower() or w.lower() == "and" for w in text.split())


def _group_if(text: str, condition: bool, esc: Any) -> str:
    return "{" + esc(text) + "}" if condition and text else esc(text)


def _format_name(name: Name, ascii_only: bool, unknown: set[str] | None = None) -> str:
    esc = functools.partial(_escape, ascii_only=ascii_only, unknown=unknown)
    if name.literal and not name.family:
        return "{" + esc(name.literal) + "}"
    given = " ".join(p for p in (name.given, name.dropping_particle) if p)
    if not name.family:
        return "{" + esc(given) + "}"
    particle, family = name.non_dropping_particle or "", name.family
    attached = particle.endswith(("'", "’", "-"))  # "d'Alembert": one word, no "von" part
    von = esc(particle) + " " if particle[:1].islower() and not attached else ""
    if particle and not von:
        family = particle + ("" if attached else " ") + family
    last = esc(family)
    if _needs_group(family) or (not given and not name.suffix and " " in family):
        last = "{" + last + "}"
    # Lower-case words are fine in the given part: after a comma BibTeX reads it all as First.
    first = _group_if(given, "," in given or " and " in f" {given.lower()} ", esc)
    if name.suffix:
        return f"{von}{last}, {_group_if(name.suffix, ',' in name.suffix, esc)}, {first}"
    return f"{von}{last}, {first}" if first else f"{von}{last}"


def format_name(name: Name, *, ascii_only: bool = True) -> str:
    """One name in BibTeX syntax: "von Last, Jr, First" (BibTeX's three-part form).

    - non-dropping-particle -> the "von" part, kept only when it starts lower-case, as BibTeX
      recognises "von" words by their case; a capitalised one ("Van") joins the last name.
    - dropping-particle -> after the given names ("Beethoven, Ludwig van"), which BibTeX
      prints as "Ludwig van Beethoven" and inverts as CSL does.
    - suffix -> the "Jr" part; a family with lower-case words or a comma is brace-grouped.
    - an organisation (literal) is one brace group, so "and" inside it never splits it.
    """
    return _format_name(name, ascii_only)


def _iso(parts: list[int]) -> str:
    year = f"{parts[0]:04d}" if parts[0] >= 0 else f"-{-parts[0]:04d}"
    return "-".join([year, *(f"{p:02d}" for p in parts[1:])])


class _Entry:
    """One entry being built: its fields, the CSL variables they used, and findings."""

    def __init__(self, record: Record, dialect: Dialect, findings: list[Finding]):
        self.record, self.dialect, self.findings = record, dialect, findings
        self.bibtex = dialect == "bibtex"
        self.data = record.to_csl()
        self.type = TYPE_MAP.get(record.type, TYPE_MAP_DEFAULT)[0 if self.bibtex else 1]
        self.fields: dict[str, str] = {}
        self.used = {"id", "type"}
        self.unknown: dict[str, set[str]] = {}

    def note(self, code: str, severity: Severity, message: str, **where: Any) -> None:
        self.findings.append(Finding(code, severity, message, record_id=self.record.id, **where))

    def text(self, field: str, value: Any) -> str:
        return _escape(str(value), self.bibtex, self.unknown.setdefault(field, set()))

    def put(self, field: str, latex: str | None, *variables: str) -> None:
        if latex:
            self.fields[field] = latex
            self.used.update(variables)

    def copy(self, field: str, variable: str) -> None:
        if self.data.get(variable):
            self.put(field, self.text(field, self.data[variable]), variable)

    def names(self, field: str, variable: str) -> None:
        unknown = self.unknown.setdefault(field, set())
        names = getattr(self.record, variable) or []
        latex = " and ".join(_format_name(name, self.bibtex, unknown) for name in names)
        self.put(field, latex, variable)

    def date(self, variable: str) -> Date | None:
        date = getattr(self.record, variable)
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
        return text or None


_CONTAINER_FIELD = {"article": "journaltitle", "incollection": "booktitle",
                    "inproceedings": "booktitle", "online": "titleaddon", "misc": "howpublished"}
_PUBLISHER_FIELD = {"techreport": "institution", "report": "institution", "thesis": "institution",
                    "phdthesis": "school", "online": "organization", "misc": "organization"}


def _build(entry: _Entry) -> None:
    data, kind, bibtex = entry.data, entry.type, entry.bibtex
    for field in ("author", "editor") if bibtex else ("author", "editor", "translator"):
        entry.names(field, field)
    if entry.record.title:
        entry.put("title", protect_capitals(entry.text("title", entry.record.title)), "title")
    container, publisher = data.get("container-title"), data.get("publisher")
    url = entry.verbatim("URL")
    if kind in _CONTAINER_FIELD and not (bibtex and kind == "misc"):
        entry.copy("journal" if bibtex and kind == "article" else _CONTAINER_FIELD[kind],
                   "container-title")
    if bibtex and kind == "misc":
        parts = [entry.text("howpublished", v) for v in (container, publisher) if v]
        entry.put("howpublished", ", ".join(parts + ([rf"\url{{{url}}}"] if url else [])),
                  "container-title", "publisher", "URL")
    else:
        entry.copy(_PUBLISHER_FIELD.get(kind, "publisher"), "publisher")
    if kind in ("techreport", "report", "phdthesis", "thesis"):
        entry.copy("type", "genre")
    for field, variable in (("series", "collection-title"), ("edition", "edition"),
                            ("volume", "volume"), ("isbn", "ISBN"), ("issn", "ISSN"),
                            ("address" if bibtex else "location", "publisher-place")):
        entry.copy(field, variable)
    entry.copy("number", "issue" if kind == "article" and data.get("issue") else "number")
    if data.get("page"):  # a range takes BibTeX's en dash, "--"
        pages = re.sub(r"(?<=\w)\s*[-\u2010-\u2013]+\s*(?=\w)", "--", str(data["page"]))
        entry.put("pages", entry.text("pages", pages), "page")
    _dates(entry)
    entry.put("doi", entry.verbatim("DOI"), "DOI")
    entry.put("url", url, "URL")
    _notes(entry)
    _report(entry)
    for field in () if bibtex else _BIBLATEX_LIST_FIELDS & entry.fields.keys():
        if re.search(r"\sand\s", entry.fields[field], re.IGNORECASE):  # a list field: keep whole
            entry.fields[field] = "{" + entry.fields[field] + "}"


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
    accessed = entry.date("accessed")
    if accessed is not None and not entry.bibtex:
        entry.put("urldate", _iso(accessed.date_parts[0]), "accessed")


def _notes(entry: _Entry) -> None:
    note = entry.text("note", entry.data["note"]) if entry.data.get("note") else ""
    accessed = entry.record.accessed
    if entry.bibtex and accessed is not None and accessed.date_parts:
        if note and not note.endswith((".", "!", "?")):
            note += "."
        note = " ".join(filter(None, (note, f"Accessed {_iso(accessed.date_parts[0])}")))
        entry.used.add("accessed")
    entry.put("note", note, "note")


def _report(entry: _Entry) -> None:
    for field, chars in entry.unknown.items():
        if chars:
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in sorted(chars))
            entry.note("latex-no-equivalent", Severity.WARNING,
                       f"{shown} in {field} {'has' if len(chars) == 1 else 'have'} no LaTeX "
                       "command; kept as is, so pdflatex may fail on it.", field=field,
                       fix="export biblatex and compile with biber and xelatex or lualatex")
    left = sorted(set(entry.data) - entry.used)
    if left:
        entry.note("export-variables-not-written", Severity.INFO,
                   f"Not written to {entry.dialect} (no field for them here): {', '.join(left)}.")


_KEY = re.compile(r"[A-Za-z0-9_:./-]+")
# Letters NFKD does not split into a base letter and an accent.
_TRANSLITERATION = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i"})


def citekey(record_id: str) -> str:
    """The id if BibTeX and biber accept it as a key, else its letters, digits and `-_:./`.

    Accents are transliterated ("Müller" -> "Muller"); other characters are dropped.
    """
    if _KEY.fullmatch(record_id):
        return record_id
    decomposed = unicodedata.normalize("NFKD", record_id.translate(_TRANSLITERATION))
    return "".join(_KEY.findall(decomposed)) or "ref"


def _keys(records: list[Record], findings: list[Finding]) -> list[str]:
    # BibTeX and pybtex compare keys without case, so "Smith" and "smith" collide.
    taken: set[str] = set()
    keys = []
    for record in records:
        key = base = citekey(record.id)
        number = 1
        while key.lower() in taken:
            number += 1
            key = f"{base}-{number}"
        taken.add(key.lower())
        keys.append(key)
        if key != record.id:
            why = ("another record already has this key" if key != base
                   else "it has characters a BibTeX key cannot hold")
            findings.append(Finding(
                "export-key-changed", Severity.WARNING,
                f"The record '{record.id}' is written with the key '{key}': {why}.",
                field="id", record_id=record.id, fix=f"cite it as '{key}', or change its id"))
    return keys


def export_bibtex(records: list[Record], dialect: Dialect = "bibtex") -> tuple[str, list[Finding]]:
    """The records as BibTeX ("bibtex") or biblatex ("biblatex") text, with findings.

    Findings: characters with no LaTeX form (BibTeX), keys changed, dates that cannot be
    written, CSL variables with no field.
    """
    if dialect not in ("bibtex", "biblatex"):
        raise ValueError(f"dialect must be 'bibtex' or 'biblatex', not {dialect!r}")
    findings: list[Finding] = []
    order = BIBTEX_FIELDS if dialect == "bibtex" else BIBLATEX_FIELDS
    entries = []
    for record, key in zip(records, _keys(records, findings)):
        entry = _Entry(record, dialect, findings)
        _build(entry)
        lines = [f"@{entry.type}{{{key},"]
        for name in order:
            if name in entry.fields:
                value = entry.fields[name]
                # A month macro is written bare so BibTeX styles print the month's name.
                shown = value if name == "month" and dialect == "bibtex" else f"{{{value}}}"
                lines.append(f"  {name} = {shown},")
        lines.append("}")
        entries.append("\n".join(lines) + "\n")
    return "\n".join(entries), findings


def write_bibtex(records: list[Record]) -> str:
    """BibTeX text for pdflatex (non-ASCII as LaTeX commands)."""
    return export_bibtex(records, "bibtex")[0]


def write_biblatex(records: list[Record]) -> str:
    """biblatex text for biber (UTF-8 kept, ISO dates, urldate)."""
    return export_bibtex(records, "biblatex")[0]

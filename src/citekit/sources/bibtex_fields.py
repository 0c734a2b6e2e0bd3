"""One .bib entry (its type and fields) as a CSL-JSON item: the mapping, as data where it can be.

Entry types -> CSL types: `ENTRY_TYPES` (the inverse of `citekit.export.bibtex.TYPE_MAP` where
one exists). `@misc` with a URL (in `url`, or `howpublished = {\\url{…}}`) is a web page.
Theses and reports get their kind as `genre` ("PhD thesis", "Master's thesis", "Technical
report"), from the `type` field or else from the entry type that implies it.

Fields -> CSL variables:
- title + subtitle -> title "Title: Subtitle", then titleaddon after a period; shorttitle ->
  title-short. A volume of a multi-volume work (`maintitle` given): title <- maintitle,
  volume-title <- title. Titles keep case protection and markup (see `bibtex_latex`).
- journal/journaltitle (+journalsubtitle), booktitle (+booksubtitle, booktitleaddon) ->
  container-title (not a booktitle in books, periodicals, reports, theses or booklets: it is
  there for BibTeX's crossref); for a part of a volume of a multi-volume work, container-title <-
  maintitle and volume-title <- booktitle. `@online` titleaddon -> container-title (the
  website's name: our biblatex writer puts it there).
- series -> collection-title (biblatex's keys "newseries", "oldseries" as "new series"…);
  number -> issue (articles, periodicals), collection-number (books, chapters, papers: the
  number in the series) or number (reports, patents, others);
  issue -> issue; volume, volumes -> number-of-volumes, part -> part-number, edition,
  chapter -> chapter-number, pages -> page ("--" -> "-"), pagetotal -> number-of-pages,
  version.
- publisher, else institution, school, organization, else howpublished (less any URL) ->
  publisher; address/location -> publisher-place; eventtitle -> event-title, venue ->
  event-place; origtitle, origpublisher, origlocation -> original-*.
- author, editor, translator, bookauthor -> author, editor, translator, container-author;
  editor/editora/b/c whose editortype is compiler, organizer, director, collaborator
  (-> contributor) or chair go to that CSL role.
- date or year/month/day -> issued; urldate -> accessed; origdate/origyear -> original-date;
  eventdate -> event-date. A note ending "Accessed 2018-03-22" (what our BibTeX writer writes
  for lack of urldate) gives accessed when there is no urldate; reported.
- doi, url -> DOI, URL (verbatim, not LaTeX; `\\_`, `\\%` or a `\\url{}` around them are
  undone, reported);
  eprint with eprinttype pubmed/pmcid -> PMID/PMCID; isbn, issn; note (+ addendum) -> note;
  abstract; keywords -> keyword; langid (else language) -> language as a BCP 47 tag;
  pubstate -> status; type -> genre.
Everything else is kept, never dropped: the record's `bibtex` object holds the original
entry type (`"entrytype": "mvbook"`) and every field no CSL variable took, by its field name,
as written in the file (@string macros expanded, LaTeX kept, whitespace runs as one space),
so a BibTeX writer can put it back verbatim. Empty fields (`note = {}`) say nothing and are
not kept. `@set` (biblatex's group of entries) is kept as a "document" record holding its
`entryset`, and reported: CSL has no sets, but the writer can put it back.
"""

from __future__ import annotations

import re
from typing import Any

from citekit.findings import Severity
from citekit.langids import LANGUAGE_TAGS
from citekit.sources.bibtex_latex import latex_to_csl_title, latex_to_text
from citekit.sources.bibtex_values import Report, edtf_date, parse_names, year_date

ENTRY_TYPES: dict[str, str] = {
    "article": "article-journal", "suppperiodical": "article-journal", "periodical": "periodical",
    "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book",
    "proceedings": "book", "mvproceedings": "book", "reference": "book", "mvreference": "book",
    "booklet": "pamphlet",
    "inbook": "chapter", "incollection": "chapter", "bookinbook": "chapter",
    "suppbook": "chapter", "suppcollection": "chapter", "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "report": "report", "techreport": "report", "manual": "report",
    "thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis",
    "unpublished": "manuscript", "online": "webpage", "electronic": "webpage", "www": "webpage",
    "misc": "document", "set": "document",
    "patent": "patent", "dataset": "dataset", "software": "software", "standard": "standard",
    "artwork": "graphic", "image": "graphic", "audio": "song", "music": "song",
    "video": "motion_picture", "movie": "motion_picture", "letter": "personal_communication",
    "legislation": "legislation", "legal": "legislation", "jurisdiction": "legal_case",
    "review": "review", "performance": "performance",
}
UNKNOWN_ENTRY_TYPE = "document"  # biber treats an unknown entry type as @misc
# Parts of something bigger: their booktitle/maintitle name the container.
_CHAPTER_LIKE = {"inbook", "incollection", "bookinbook", "suppbook", "suppcollection",
                 "inreference", "inproceedings", "conference"}
_IMPLIED_GENRE = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis",
                  "techreport": "Technical report"}
# biblatex's localisation keys for the type field, as the English strings biblatex prints.
_TYPE_KEYS = {
    "phdthesis": "PhD thesis", "mathesis": "Master's thesis", "candthesis": "Candidate thesis",
    "techreport": "Technical report", "resreport": "Research report", "software": "Computer software",
    "datacd": "CD-ROM", "audiocd": "Audio CD", "patent": "Patent", "patentus": "U.S. patent",
    "patenteu": "European patent", "patentuk": "British patent", "patentde": "German patent",
    "patentfr": "French patent", "patreq": "Patent request", "patrequs": "U.S. patent request",
    "patreqeu": "European patent request", "patreqfr": "French patent request",
    "patreqde": "German patent request", "patrequk": "British patent request",
}
_PUBSTATE_KEYS = {"inpress": "in press", "inpreparation": "in preparation",
                  "forthcoming": "forthcoming", "submitted": "submitted", "prepublished": "pre-published"}
_EDITOR_ROLES = {"editor": "editor", "compiler": "compiler", "organizer": "organizer",
                 "director": "director", "collaborator": "contributor", "chair": "chair"}
_PERIODICAL_TYPES = {"article-journal", "article-magazine", "article-newspaper", "periodical"}
_SERIES_NUMBER_TYPES = {"book", "chapter", "paper-conference", "entry-encyclopedia", "pamphlet"}
# A booktitle in these is only there for BibTeX's crossref; they are not part of a book.
_STANDALONE_TYPES = {"book", "periodical", "report", "thesis", "pamphlet"}
_SERIES_KEYS = {"newseries": "new series", "oldseries": "old series"}
_ARTICLE_SUBTYPES = {"magazine": "article-magazine", "newspaper": "article-newspaper"}
# field -> (CSL variable, decoder): fields that map one to one.
_TEXT, _TITLE, _VERBATIM = "text", "title", "verbatim"
_DIRECT = {
    "volume": ("volume", _TEXT), "volumes": ("number-of-volumes", _TEXT),
    "part": ("part-number", _TEXT), "edition": ("edition", _TEXT),
    "chapter": ("chapter-number", _TEXT), "pagetotal": ("number-of-pages", _TEXT),
    "version": ("version", _TEXT), "isbn": ("ISBN", _TEXT), "issn": ("ISSN", _TEXT),
    "abstract": ("abstract", _TEXT), "keywords": ("keyword", _TEXT),
    "venue": ("event-place", _TEXT), "origpublisher": ("original-publisher", _TEXT),
    "origlocation": ("original-publisher-place", _TEXT), "series": ("collection-title", _TITLE),
    "shorttitle": ("title-short", _TITLE), "shortjournal": ("container-title-short", _TITLE),
    "eventtitle": ("event-title", _TITLE), "origtitle": ("original-title", _TITLE),
    "doi": ("DOI", _VERBATIM), "url": ("URL", _VERBATIM),
}
_URL_ESCAPE = re.compile(r"\\([_%&#$~])")
_URL_COMMAND = re.compile(r"\\url\s*\{([^{}]*)\}")
_ACCESSED_NOTE = re.compile(r"(?:^|(?<=[.;,]\s))\[?(?:online;\s*)?(?:last\s+)?accessed:?\s+"
                            r"(?P<date>\d{4}-\d{2}-\d{2})\]?\.?\s*$", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")


def _join(head: str | None, tail: str | None, separator: str) -> str | None:
    if not head or not tail:
        return head or tail
    ends_with_mark = _TAGS.sub("", head).rstrip()[-1:] in ("?", "!", ":", ".")
    return f"{head} {tail}" if ends_with_mark else f"{head}{separator}{tail}"


class _Entry:
    """Builds one CSL item: reads fields (remembering which it used), writes variables."""

    def __init__(self, key: str, entry_type: str, fields: dict[str, str], report: Report):
        self.entry_type, self.fields, self.report = entry_type, fields, report
        self.used: set[str] = set()
        self.csl: dict[str, Any] = {"id": key}

    def has(self, field: str) -> bool:
        return bool(self.fields.get(field, "").strip())

    def raw(self, field: str) -> str | None:
        if not self.has(field):
            return None
        self.used.add(field)
        return self.fields[field]

    def text(self, field: str) -> str | None:
        raw = self.raw(field)
        return (latex_to_text(raw) or None) if raw is not None else None

    def title(self, field: str) -> str | None:
        raw = self.raw(field)
        return (latex_to_csl_title(raw) or None) if raw is not None else None

    def put_title(self, variable: str, main: str, sub: str, addon: str | None) -> None:
        """Title, subtitle and title addon as one CSL title, unless `variable` is set."""
        if variable in self.csl or not self.has(main):
            return  # the fields stay unused, so they are kept under "bibtex"
        title = _join(self.title(main), self.title(sub), ": ")
        self.put(variable, _join(title, self.title(addon), ". ") if addon else title)

    def put(self, variable: str, value: Any) -> None:
        if value and variable not in self.csl:
            self.csl[variable] = value

    def first(self, *fields: str) -> str | None:
        return next((f for f in fields if self.has(f)), None)


def _entry_type(entry: _Entry) -> str:
    kind = entry.entry_type
    if kind == "misc" and (entry.has("url") or "\\url" in entry.fields.get("howpublished", "")):
        return "webpage"
    if kind == "article" and entry.fields.get("entrysubtype", "").strip().lower() in _ARTICLE_SUBTYPES:
        return _ARTICLE_SUBTYPES[entry.raw("entrysubtype").strip().lower()]
    if kind not in ENTRY_TYPES:
        entry.report("bibtex-unknown-entry-type", Severity.INFO,
                     f"@{kind} is not a BibTeX or biblatex entry type; read as a generic document "
                     "(the type is kept under \"bibtex\").", None)
    return ENTRY_TYPES.get(kind, UNKNOWN_ENTRY_TYPE)


def _titles(entry: _Entry, csl_type: str) -> None:
    chapter_like = entry.entry_type in _CHAPTER_LIKE
    web = csl_type == "webpage"
    addon = None if web else "titleaddon"
    main = ("maintitle", "mainsubtitle", "maintitleaddon")
    book = ("booktitle", "booksubtitle", "booktitleaddon")
    if entry.has("maintitle") and not chapter_like:
        entry.put_title("title", *main)
        entry.put_title("volume-title", "title", "subtitle", addon)
    else:
        entry.put_title("title", "title", "subtitle", addon)
    if chapter_like and entry.has("maintitle"):
        entry.put_title("container-title", *main)
        entry.put_title("volume-title", *book)
    if entry.has("booktitle") and csl_type not in _STANDALONE_TYPES:
        entry.put_title("container-title", *book)
    journal = entry.first("journaltitle", "journal")
    if journal:
        entry.put_title("container-title", journal, "journalsubtitle", "journaltitleaddon")
    if web and entry.has("titleaddon"):
        entry.put_title("container-title", "titleaddon", "", None)


def _names(entry: _Entry) -> None:
    for field, variable in (("author", "author"), ("bookauthor", "container-author"),
                            ("translator", "translator")):
        if entry.has(field):
            entry.put(variable, parse_names(entry.raw(field), field, entry.report))
    for field in ("editor", "editora", "editorb", "editorc"):
        role = entry.fields.get(field + "type", "editor" if field == "editor" else "").strip().lower()
        if entry.has(field) and role in _EDITOR_ROLES:
            entry.raw(field + "type")
            names = parse_names(entry.raw(field), field, entry.report)
            variable = _EDITOR_ROLES[role]
            entry.csl[variable] = entry.csl.get(variable, []) + names
            if not entry.csl[variable]:
                del entry.csl[variable]


def _dates(entry: _Entry) -> None:
    if entry.has("date"):
        entry.put("issued", edtf_date(entry.raw("date")))
    elif entry.has("year"):
        month = entry.fields.get("month")
        date = year_date(entry.raw("year"), month, entry.fields.get("day"), entry.report)
        parts = date.get("date-parts", [[]])
        if len(parts) == 1 and len(parts[0]) > 1:
            entry.raw("month")
        if len(parts) == 1 and len(parts[0]) > 2:
            entry.raw("day")
        if "raw" in date and month:
            entry.raw("month")
        entry.put("issued", date)
    for field, variable in (("urldate", "accessed"), ("origdate", "original-date"),
                            ("eventdate", "event-date")):
        if entry.has(field):
            entry.put(variable, edtf_date(entry.raw(field)))
    if entry.has("origyear") and "original-date" not in entry.csl:
        entry.put("original-date", year_date(entry.raw("origyear"), None, None, entry.report))


def _direct_fields_and_numbers(entry: _Entry, csl_type: str) -> None:
    for field, (variable, kind) in _DIRECT.items():
        if not entry.has(field):
            continue
        if kind == _VERBATIM:
            written = " ".join(entry.raw(field).split())
            wrapped = _URL_COMMAND.fullmatch(written)  # url = {\url{...}}
            value = _URL_ESCAPE.sub(r"\1", wrapped[1].strip() if wrapped else written)
            if value != written:
                entry.report("bibtex-url-unescaped", Severity.INFO,
                             f"The {field} field had LaTeX in it (such as \\_ or \\url), which is "
                             f"not part of the address; read as {value}.", variable)
            entry.put(variable, value)
        else:
            entry.put(variable, entry.title(field) if kind == _TITLE else entry.text(field))
    if entry.csl.get("collection-title") in _SERIES_KEYS:
        entry.csl["collection-title"] = _SERIES_KEYS[entry.csl["collection-title"]]
    if entry.has("pages"):
        entry.put("page", latex_to_text(entry.raw("pages").replace("--", "-")))
    if entry.has("number"):
        variable = ("issue" if csl_type in _PERIODICAL_TYPES else
                    "collection-number" if csl_type in _SERIES_NUMBER_TYPES else "number")
        entry.put(variable, entry.text("number"))
    if entry.has("issue") and csl_type in _PERIODICAL_TYPES and "issue" not in entry.csl:
        entry.put("issue", entry.text("issue"))
    if entry.has("eprint"):
        eprint_type = entry.fields.get("eprinttype", entry.fields.get("archiveprefix", "")).strip().lower()
        variable = {"pubmed": "PMID", "pmid": "PMID", "pmcid": "PMCID", "pmc": "PMCID"}.get(eprint_type)
        if variable:
            entry.raw("eprinttype" if entry.has("eprinttype") else "archiveprefix")
            entry.put(variable, entry.text("eprint"))


def _publisher(entry: _Entry) -> None:
    for field in ("publisher", "institution", "school", "organization"):
        if entry.has(field):
            entry.put("publisher", entry.text(field))
            break
    howpublished = entry.fields.get("howpublished", "")
    url = _URL_COMMAND.search(howpublished)
    if url and entry.csl.get("URL", url[1].strip()) == url[1].strip():
        # BibTeX's web page: howpublished = {Site, Publisher, \url{...}}; the URL is the link.
        rest = _URL_COMMAND.sub("", howpublished).strip(" ,;.")
        if not rest or "publisher" not in entry.csl:
            entry.raw("howpublished")
            entry.put("URL", url[1].strip())
            entry.put("publisher", latex_to_text(rest) if rest else None)
    elif howpublished.strip() and not url and "publisher" not in entry.csl:
        entry.put("publisher", entry.text("howpublished"))
    place = entry.first("location", "address")
    if place:
        entry.put("publisher-place", entry.text(place))
    if entry.has("type"):
        kind = latex_to_text(entry.raw("type"))
        entry.put("genre", _TYPE_KEYS.get(kind.lower(), kind))
    elif entry.entry_type in _IMPLIED_GENRE:
        entry.put("genre", _IMPLIED_GENRE[entry.entry_type])
    if entry.has("pubstate"):
        state = entry.text("pubstate")
        entry.put("status", _PUBSTATE_KEYS.get(state.lower(), state))


def _language(entry: _Entry) -> None:
    field = entry.first("langid", "hyphenation") or (
        "language" if entry.fields.get("language", "").strip().lower() in LANGUAGE_TAGS else None)
    if field:
        name = entry.text(field)
        entry.put("language", LANGUAGE_TAGS.get(name.lower(), name))


def _notes(entry: _Entry) -> None:
    note = _join(entry.text("note"), entry.text("addendum"), ". ")
    accessed = _ACCESSED_NOTE.search(note or "")
    if accessed and "accessed" not in entry.csl:
        entry.put("accessed", edtf_date(accessed["date"]))
        entry.report("bibtex-accessed-from-note", Severity.INFO,
                     f'The note "{accessed[0].strip()}" was read as the access date.', "accessed")
        note = note[:accessed.start()].strip() or None
    entry.put("note", note)


def entry_to_csl(key: str, entry_type: str, fields: dict[str, str], report: Report) -> dict[str, Any]:
    """A CSL-JSON item from an entry: lower-case type and field names, raw field values."""
    entry = _Entry(key, entry_type, fields, report)
    csl_type = _entry_type(entry)
    entry.csl["type"] = csl_type
    _titles(entry, csl_type)
    _names(entry)
    _dates(entry)
    _direct_fields_and_numbers(entry, csl_type)
    _publisher(entry)
    _language(entry)
    _notes(entry)
    if entry_type == "set":
        members = fields.get("entryset", "")
        report("bibtex-entry-set", Severity.WARNING,
               f"@set groups other entries ({members}) for biblatex; CSL styles have no sets, so "
               "cite its members. It is kept for BibTeX export.", None)
    kept = {name: value for name, value in fields.items() if name not in entry.used}
    entry.csl["bibtex"] = {"entrytype": entry_type, **kept}
    return entry.csl

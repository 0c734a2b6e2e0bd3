"""BibTeX and biblatex files (.bib) as CSL-JSON records.

pybtex reads the syntax, one top-level chunk at a time: the file is first split at every `@`
outside an entry (tracking each entry's line), so one malformed entry is reported
(`bibtex-entry-skipped`, with its line) and the rest of the file still loads. An entry that
never closes ends where the next line starting with `@type{` begins. `@string` macros apply to
the entries after them, as in BibTeX; an undefined macro is kept as its own name and reported.
`@comment` and `@preamble` are skipped (a preamble is reported).

Each entry becomes one record whose id is the entry key, exactly as written. Fields are
mapped to CSL variables by `bibtex_fields` (types, fields, and the `bibtex` object that keeps
the original entry type and every field no variable took), names and dates by
`bibtex_values`, LaTeX decoded by `bibtex_latex`.

Inheritance, resolved before mapping, as biber does (the child's own fields always win):
- `crossref = {parent}`: the child takes every parent field it lacks, except those biblatex
  never inherits (ids, crossref, xref, entryset, label, shorthand, sortkey, related…); for the
  usual pairs biblatex renames the parent's titles: a @book's title becomes an @inbook's
  booktitle, a @proceedings' title an @inproceedings' booktitle, an @mvbook's title a
  @book's maintitle, a @periodical's title an @article's journaltitle, and a @book's author
  an @inbook's bookauthor too. Parents may come before or after the child.
- `xdata = {a, b}`: the fields of those @xdata entries, unrenamed. @xdata entries are not
  works: they give no record (reported, `bibtex-xdata-entry`).
A record is complete after inheritance, so a crossref or xdata field that was applied is not
kept under "bibtex": written back, it would make biber inherit a second time (a booksubtitle
added to a booktitle that already has it). One whose parent is missing is kept, and reported.
Duplicate keys (compared without case, as BibTeX does): the first entry is kept, each later
one reported (`bibtex-duplicate-key`). A file with no entry at all, or none readable, is an
error naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from citekit.errors import CitekitError
from citekit.findings import Finding, Parsed, Severity
from citekit.model import record_from_csl
from citekit.sources.bibtex_fields import entry_to_csl

_COMMAND = re.compile(r"@[ \t]*([A-Za-z][\w:.+-]*)\s*([{(])")
_ENTRY_KEY = re.compile(r"@\s*\w+\s*[{(]\s*([^\s,{}()=\"]+)\s*,")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
NOT_ENTRIES = {"string", "preamble", "comment"}
_SYNTAX_FIX = ("An entry is @type{key, field = {value}, field = {value}}: each field but the last "
               "ends with a comma, every { has its }, and a value with spaces is in braces or quotes.")

_NEVER_INHERITED = {"ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute",
                    "label", "options", "presort", "related", "relatedoptions", "relatedstring",
                    "relatedtype", "shorthand", "shorthandintro", "sortkey"}
_TITLE_ONLY_FIELDS = {"shorttitle", "sorttitle", "indextitle", "indexsorttitle"}
_MAIN = {"title": ("maintitle",), "subtitle": ("mainsubtitle",), "titleaddon": ("maintitleaddon",)}
_BOOK = {"title": ("booktitle",), "subtitle": ("booksubtitle",), "titleaddon": ("booktitleaddon",)}
_JOURNAL = {"title": ("journaltitle",), "subtitle": ("journalsubtitle",)}
_AND_BOOKAUTHOR = {"author": ("author", "bookauthor")}
# (parent types, child types, renames): biblatex's default crossref setup.
_CROSSREF_RULES = (
    ({"mvbook"}, {"book", "inbook", "bookinbook", "suppbook"}, _MAIN | _AND_BOOKAUTHOR),
    ({"mvcollection", "mvreference"},
     {"collection", "reference", "incollection", "inreference", "suppcollection"}, _MAIN),
    ({"mvproceedings"}, {"proceedings", "inproceedings"}, _MAIN),
    ({"book"}, {"inbook", "bookinbook", "suppbook"}, _BOOK | _AND_BOOKAUTHOR),
    ({"collection", "reference"}, {"incollection", "inreference", "suppcollection"}, _BOOK),
    ({"proceedings"}, {"inproceedings"}, _BOOK),
    ({"periodical"}, {"article", "suppperiodical"}, _JOURNAL),
)
_TYPE_ALIASES = {"conference": "inproceedings", "electronic": "online", "www": "online",
                 "phdthesis": "thesis", "mastersthesis": "thesis", "techreport": "report"}


@dataclass
class _Chunk:
    kind: str  # the command in lower case: an entry type, or "string", "preamble", "comment"
    line: int  # of its "@"
    text: str
    # None when it closes; else what it runs into: "the next entry at line 12", "the end of the file"
    runs_into: str | None = None


@dataclass
class _Entry:
    key: str
    kind: str
    fields: dict[str, str]  # lower-case names -> values as written, macros expanded
    line: int


_DELIMITERS = re.compile(r'[{}()"]|\n(?=[ \t]*@[ \t]*[A-Za-z]+\s*[{(])')


def _chunk_end(text: str, start: int, opening: str, guarded: bool) -> int:
    """Where the chunk whose body starts at `start` ends (just after its closing delimiter)."""
    depth = 1 if opening == "{" else 0
    quoted = False
    for match in _DELIMITERS.finditer(text, start):
        char, index = match[0], match.start()
        if char == "\n":
            if guarded:
                return index  # still open when the next entry starts: this one is broken
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and opening == "{":
                return index + 1
            depth = max(depth, 0)
        elif opening == "(" and depth == 0:
            if char == '"':
                quoted = not quoted
            elif char == ")" and not quoted:
                return index + 1
    return len(text)


def split_chunks(text: str) -> list[_Chunk]:
    """The top-level `@` commands of a .bib text, each with its line; the rest is comment."""
    chunks: list[_Chunk] = []
    position, line, counted = 0, 1, 0
    while (at := text.find("@", position)) >= 0:
        match = _COMMAND.match(text, at)
        if not match:  # "@" in comment text, such as an e-mail address
            position = at + 1
            continue
        line += text.count("\n", counted, at)
        kind = match[1].lower()
        end = _chunk_end(text, match.end(), match[2], guarded=kind != "comment")
        chunks.append(_Chunk(kind, line, text[at:end]))
        if text[end - 1:end] != {"{": "}", "(": ")"}[match[2]]:
            chunks[-1].runs_into = (f"the next entry at line {line + text.count(chr(10), at, end) + 1}"
                                    if end < len(text) else "the end of the file")
        line += text.count("\n", at, end)
        position = counted = end
    return chunks


def _reader_class() -> Any:
    from pybtex.database.input.bibtex import LowLevelParser

    class Reader(LowLevelParser):
        """pybtex's parser for one chunk; an undefined macro is kept as its name, and noted."""

        undefined: list[str]

        def substitute_macro(self, name: str) -> str:
            try:
                return self.macros[name]
            except KeyError:
                self.undefined.append(name)
                return name

    return Reader


class _Loader:
    def __init__(self) -> None:
        from pybtex.database.input.bibtex import month_names
        from pybtex.utils import CaseInsensitiveDict

        self.macros = CaseInsensitiveDict(month_names)
        self.reader = _reader_class()
        self.entries: dict[str, _Entry] = {}  # casefolded key -> entry, in file order
        self.xdata: dict[str, _Entry] = {}
        self.findings: list[Finding] = []
        self.entry_count = 0

    def note(self, code: str, severity: Severity, message: str, line: int,
             key: str | None = None, field: str | None = None, fix: str | None = None) -> None:
        self.findings.append(Finding(code, severity, message, field=field, record_id=key,
                                     location=f"line {line}", fix=fix))

    def read(self, chunk: _Chunk) -> tuple[str | None, dict[str, str]] | None:
        """(key, fields) of an entry or @string chunk; None, reported, if pybtex cannot read it."""
        from pybtex.exceptions import PybtexError

        reader = self.reader(chunk.text, macros=self.macros)
        reader.lineno, reader.undefined = chunk.line, []
        key = _ENTRY_KEY.match(chunk.text)
        try:
            commands = list(reader)
        except PybtexError as error:
            reason = str(error)
            if chunk.runs_into:
                reason = f"a closing brace is missing, so it runs into {chunk.runs_into}"
            what = f"@{chunk.kind} entry '{key[1]}'" if key else f"@{chunk.kind} entry"
            if chunk.kind == "string":
                self.note("bibtex-string-skipped", Severity.ERROR,
                          f"The @string definition was not read: {reason}.", chunk.line)
            else:
                self.note("bibtex-entry-skipped", Severity.ERROR,
                          f"The {what} was not loaded: {reason}. The other entries were.",
                          chunk.line, key[1] if key else None, fix=_SYNTAX_FIX)
            return None
        for name in dict.fromkeys(reader.undefined):
            self.note("bibtex-undefined-string", Severity.WARNING,
                      f"'{name}' is neither a @string defined above it nor a month; kept as the "
                      "text itself.", chunk.line, key[1] if key else None)
        if chunk.kind == "string" or not commands:
            return None
        entry_key, raw_fields = commands[0][1]
        fields: dict[str, str] = {}
        for name, parts in raw_fields:
            value = _SPACES.sub(" ", "".join(parts)).strip()
            if name.lower() in fields:
                self.note("bibtex-duplicate-field", Severity.WARNING,
                          f"The entry '{entry_key}' has the field {name.lower()} twice; the first is used.",
                          chunk.line, entry_key)
            elif value:
                fields[name.lower()] = value
        return entry_key, fields

    def load(self, chunk: _Chunk) -> None:
        if chunk.kind == "comment":
            return
        if chunk.kind == "preamble":
            self.note("bibtex-preamble-ignored", Severity.INFO,
                      "The @preamble holds LaTeX for documents, not references; it was skipped.",
                      chunk.line)
            return
        if chunk.kind not in NOT_ENTRIES:
            self.entry_count += 1
        read = self.read(chunk)
        if read is None:
            return
        key, fields = read
        entry = _Entry(key, chunk.kind, fields, chunk.line)
        table = self.xdata if chunk.kind == "xdata" else self.entries
        first = self.entries.get(key.casefold()) or self.xdata.get(key.casefold())
        if first is not None:
            self.note("bibtex-duplicate-key", Severity.WARNING,
                      f"The key '{key}' is used again (first at line {first.line}); this "
                      "entry was not loaded.", chunk.line, key)
            return
        table[key.casefold()] = entry


def _keys(value: str) -> list[str]:
    return [key.strip() for key in value.split(",") if key.strip()]


def _inherit(child: dict[str, str], parent: dict[str, str], renames: dict[str, tuple[str, ...]],
             skipped: set[str]) -> None:
    for name, value in parent.items():
        if name in _NEVER_INHERITED or name in skipped:
            continue
        for target in renames.get(name, (name,)):
            child.setdefault(target, value)


class _Resolver:
    """Fields of each entry after xdata and crossref inheritance (parents resolved first)."""

    def __init__(self, loader: _Loader):
        self.loader = loader
        self.done: dict[int, dict[str, str]] = {}

    def fields(self, entry: _Entry, visiting: frozenset[int] = frozenset()) -> dict[str, str]:
        if id(entry) in self.done:
            return self.done[id(entry)]
        fields = dict(entry.fields)
        visiting = visiting | {id(entry)}
        sources = [self.parent(entry, key, "xdata", self.loader.xdata, visiting)
                   for key in _keys(entry.fields.get("xdata", ""))]
        for source in filter(None, sources):
            _inherit(fields, self.fields(source, visiting), {}, set())
        if sources and all(sources):
            del fields["xdata"]  # applied: a writer must not make biber apply it a second time
        parent_key = entry.fields.get("crossref", "").strip()
        parent = parent_key and self.parent(entry, parent_key, "crossref", self.loader.entries, visiting)
        if parent:
            del fields["crossref"]  # applied, as xdata above
            child_type = _TYPE_ALIASES.get(entry.kind, entry.kind)
            parent_type = _TYPE_ALIASES.get(parent.kind, parent.kind)
            rule = next(((renames, _TITLE_ONLY_FIELDS) for parents, children, renames in _CROSSREF_RULES
                         if parent_type in parents and child_type in children), ({}, set()))
            _inherit(fields, self.fields(parent, visiting), *rule)
        self.done[id(entry)] = fields
        return fields

    def parent(self, entry: _Entry, key: str, field: str, table: dict[str, _Entry],
               visiting: frozenset[int]) -> _Entry | None:
        parent = table.get(key.casefold())
        if parent is None or id(parent) in visiting:
            why = "no entry has that key" if parent is None else "it leads back to this entry"
            self.loader.note(f"bibtex-{field}-missing", Severity.WARNING,
                             f"The entry '{entry.key}' takes fields from '{key}' ({field}), but {why}; "
                             "it is loaded with its own fields.", entry.line, entry.key, field)
            return None
        return parent


def parse_bibtex(text: str, *, source: str = "<stdin>") -> Parsed:
    """Records from BibTeX/biblatex text, with what was noticed while reading it."""
    loader = _Loader()
    for chunk in split_chunks(text):
        loader.load(chunk)
    if loader.entry_count == 0:
        raise CitekitError("no BibTeX entry found", source=source,
                           hint="an entry looks like @article{key, title = {...}, ...}")
    resolver = _Resolver(loader)
    records = []
    for entry in loader.xdata.values():
        loader.note("bibtex-xdata-entry", Severity.INFO,
                    f"@xdata '{entry.key}' holds fields for other entries (given to them), not a "
                    "work of its own: it gives no record.", entry.line, entry.key)
    for entry in loader.entries.values():
        def report(code: str, severity: Severity, message: str, field: str | None,
                   entry: _Entry = entry) -> None:
            loader.note(code, severity, message, entry.line, entry.key, field)

        try:
            csl = entry_to_csl(entry.key, entry.kind, resolver.fields(entry), report)
            records.append(record_from_csl(csl))
        except CitekitError as error:
            loader.note("bibtex-entry-skipped", Severity.ERROR,
                        f"The @{entry.kind} entry '{entry.key}' was not loaded: {error}. "
                        "The other entries were.", entry.line, entry.key)
    if not records:
        first = next((f for f in _in_file_order(loader.findings) if f.severity is Severity.ERROR), None)
        if first is None:
            raise CitekitError("no entry that is a work (only @xdata)", source=source)
        reason = first.message.removesuffix(" The other entries were.")
        raise CitekitError(f"no entry could be loaded; the first problem: {reason}",
                           source=source, location=first.location, hint="fix the entries in the file")
    return Parsed(records=records, findings=_in_file_order(loader.findings))


def _in_file_order(findings: list[Finding]) -> list[Finding]:
    def line(finding: Finding) -> int:
        return int(finding.location.split()[-1]) if finding.location else 0

    return sorted(findings, key=line)  # stable: an entry's findings keep their order

"""The student's library: a folder of CSL-JSON files, one record per file, named by its id.

`records/smith-2020-teeth.json` holds `[{"id": "smith-2020-teeth", ...}]`, written exactly as
`citekit parse` prints it, so the folder reads, diffs and merges well in git.

- The files are the truth. `.citekit-index.sqlite` caches what listing and searching need
  (`library_index`); it is checked against the folder on every use and may be deleted.
- Writes take `.citekit.lock` (flock), then write each file to a temp file in the folder,
  fsync it and rename it over (`fileio.write_atomic`): concurrent `add`/`set`/`rm` from several
  processes are safe, and a reader sees a record whole or not at all. A writer killed mid-write
  leaves a hidden `.citekit-record-*.tmp`; only lock holders make those, so the next writer
  removes them.
- Adding a record that is already stored under its id with the same content is refused as a
  duplicate, even without a title, DOI or URL: re-running an `add` that was killed half-way
  stores only the rest, never "-b" copies.
- A file that is not JSON or not a valid record is reported (`problems()`), skipped, and never
  written over: its name stays taken.
- Ids are unique ignoring case (citeproc-py lower-cases them). A new record whose id is taken
  by another record is stored under the id with a suffix ("smith2020-b") and the result says
  so; with `keep_ids=True` (`--id`) it is refused instead. An id that cannot be a portable file
  name (a Zotero URI, "smith:2020") is replaced by a readable one made from the record.
- Tags live in the record, in CSL-JSON's `custom` object: `"custom": {"tags": ["ww1"]}`.
  CSL styles never print `custom`; the BibTeX writers leave it out.
"""

from __future__ import annotations

import contextlib
import errno
import os
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, TypeVar

from citekit.errors import CitekitError
from citekit.findings import Finding, Severity
from citekit.library_add import PORTABLE_ID, AddResult
from citekit.library_index import (RECORD_SUFFIX, Entry, Index, discard_index, open_index, read_record_file,
                                   record_row)
from citekit.library_lock import RECORD_TEMP_PREFIX, holding_lock, sync_folder, unreadable_folder
from citekit.library_search import TAG_SEPARATOR, fold

if TYPE_CHECKING:
    from citekit.model import Record

_T = TypeVar("_T")

DEFAULT_FOLDER = "records"
ENVIRONMENT_VARIABLE = "CITEKIT_LIBRARY"



def open_library(folder: str | None = None) -> "Library":
    """The library in `folder`, else in $CITEKIT_LIBRARY, else in ./records."""
    return Library(folder or os.environ.get(ENVIRONMENT_VARIABLE) or DEFAULT_FOLDER)


UNREADABLE_RECORD_FILE = "unreadable-record-file"  # the code of a skipped file whose record cannot be read
_UNREADABLE_FILE_FIX = "fix the file or move it out of the library; citekit never writes over it"


def _problems(folder: str, index: Index) -> list[Finding]:
    findings = []
    for name, problem, record_id, kept in index.problem_rows():
        where = os.path.join(folder, name)
        if problem is not None:
            findings.append(Finding(
                UNREADABLE_RECORD_FILE, Severity.WARNING, f"{problem}; skipped", location=where,
                fix=_UNREADABLE_FILE_FIX))
        elif kept is not None:
            findings.append(Finding(
                "record-id-used-twice", Severity.WARNING,
                f"holds the record '{record_id}', which {kept} holds too (ids ignore case); skipped",
                record_id=record_id, location=where, fix="give one of the two records another id"))
        else:
            findings.append(Finding(
                "file-not-named-by-id", Severity.WARNING,
                f"holds the record '{record_id}'; the file should be {record_id}{RECORD_SUFFIX}",
                record_id=record_id, location=where, fix=f"rename the file to {record_id}{RECORD_SUFFIX}"))
    return findings


def _find(library: str, index: Index, record_id: str) -> Entry:
    """The entry of a record id (ignoring case), or an error suggesting ids close to it."""
    from citekit.library_search import close_ids

    entry = index.find(record_id)
    if entry is not None:
        return entry
    wanted_file = (record_id + RECORD_SUFFIX).casefold()
    for name, problem, _, _ in index.problem_rows():
        if problem is not None and name.casefold() == wanted_file:
            # The file named by the id is there but unreadable: say so, not "no record".
            raise CitekitError(f"{problem}, so citekit cannot read the record '{record_id}' from it",
                               source=os.path.join(library, name), hint=_UNREADABLE_FILE_FIX)
    close = close_ids(record_id, index.ids())
    hint = ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else "see the ids with: citekit list"
    raise CitekitError(f"no record '{record_id}' in the library", source=library, hint=hint)


class Library:
    """A folder of record files. Every method looks at the folder afresh; nothing is kept stale."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = os.fspath(path)

    # --- Reading -----------------------------------------------------------------------------

    def _require_folder(self) -> None:
        if not os.path.isdir(self.path):
            what = "is not a folder" if os.path.exists(self.path) else "no library here"
            raise CitekitError(what, source=self.path,
                               hint=f"add a record with citekit add FILE, or give --library DIR or ${ENVIRONMENT_VARIABLE}")
        if not os.access(self.path, os.R_OK | os.X_OK):  # before any lock or index: say what is wrong first
            raise unreadable_folder(self.path, os.strerror(errno.EACCES))

    def _query(self, work: Callable[[Index], _T]) -> _T:
        """`work` on the index, brought up to date; an index found damaged is removed and rebuilt once."""
        import sqlite3

        self._require_folder()
        for attempt in (1, 2):
            index = open_index(self.path)
            try:
                return work(index)
            except sqlite3.DatabaseError as exc:
                if attempt == 2 or isinstance(exc, sqlite3.OperationalError):
                    raise
                discard_index(self.path)
            finally:
                index.close()
        raise AssertionError("unreachable")

    def scan(self, query: str | None = None) -> tuple[list[Entry], list[Finding]]:
        """`entries()` (or `search_entries(query)`) and `problems()` from one look at the folder."""
        from citekit.library_search import query_sql

        condition, parameters = query_sql(query) if query is not None else ("", [])
        return self._query(lambda index: (index.entries(condition, parameters), _problems(self.path, index)))

    def listing(self, query: str | None = None) -> tuple[list[tuple[str, str, str, str, str]], list[Finding]]:
        """(id, type, first author, year, title) of every record (or of the matches of `query`), sorted
        by id, and `problems()`: what `citekit list` and `search` print, without building entries."""
        from citekit.library_search import query_sql

        condition, parameters = query_sql(query) if query is not None else ("", [])
        return self._query(lambda index: (index.table(condition, parameters), _problems(self.path, index)))

    def entries(self) -> list[Entry]:
        """What the table shows of each valid record, sorted by id; reads only new or changed files."""
        return self._query(lambda index: index.entries())

    def problems(self) -> list[Finding]:
        """Files that are skipped (not JSON, not a valid record, an id used twice) or misnamed."""
        return self._query(lambda index: _problems(self.path, index))

    def _read(self, entry: Entry) -> "Record":
        path = os.path.join(self.path, entry.file)
        record, _, problem = read_record_file(path)
        if record is None:
            raise CitekitError(problem or "cannot read the record", source=path)
        return record

    def records(self) -> list["Record"]:
        """All valid records, sorted by id; files with problems are skipped (see `problems()`)."""
        found = []
        for entry in self.entries():
            record, _, _ = read_record_file(os.path.join(self.path, entry.file))
            if record is not None:  # a file broken since the index saw it is skipped too
                found.append(record)
        return found

    def find_entry(self, record_id: str) -> Entry:
        return self._query(lambda index: _find(self.path, index, record_id))

    def get(self, record_id: str) -> "Record":
        """One record by id, ignoring case. Reads one file when the file is named by the id (or the
        index, even unrefreshed, knows the file); looks at the whole folder only when that fails."""
        self._require_folder()
        if PORTABLE_ID.match(record_id):
            record, _, _ = read_record_file(os.path.join(self.path, record_id + RECORD_SUFFIX))
            if record is not None and record.id == record_id:
                return record
        import sqlite3

        index = Index(self.path)
        try:
            entry = index.find(record_id)
        except sqlite3.DatabaseError:
            entry = None  # damaged: find_entry below rebuilds it
        finally:
            index.close()
        if entry is not None:
            record, _, _ = read_record_file(os.path.join(self.path, entry.file))
            if record is not None and record.id.casefold() == record_id.casefold():
                return record
        return self._read(self.find_entry(record_id))

    def select(self, ids: Iterable[str] | None = None, tag: str | None = None) -> list["Record"]:
        """The records named by `ids` (in that order) and those tagged `tag`; everything when neither."""
        def choose(index: Index) -> dict[str, Entry]:
            if not ids and tag is None:
                return {entry.id: entry for entry in index.entries()}
            chosen: dict[str, Entry] = {}
            for record_id in ids or ():
                entry = _find(self.path, index, record_id)
                chosen.setdefault(entry.id, entry)
            if tag is not None:
                wanted = TAG_SEPARATOR + fold(tag.strip()) + TAG_SEPARATOR
                for entry in index.entries("instr(tags_f, ?) > 0", [wanted]):
                    chosen.setdefault(entry.id, entry)
            return chosen

        return [self._read(entry) for entry in self._query(choose).values()]

    def search_entries(self, query: str) -> list[Entry]:
        """Entries whose author, title, year, container or tags hold every word of the query
        (case and accents ignored; see `library_search.query_sql` for author:, year:, tag:…)."""
        from citekit.library_search import query_sql

        condition, parameters = query_sql(query)
        return self._query(lambda index: index.entries(condition, parameters))

    def search(self, query: str) -> list["Record"]:
        return [self._read(entry) for entry in self.search_entries(query)]

    def duplicates(self) -> list[tuple[str, str, str]]:
        """Likely duplicate pairs already in the library: (id, id, reason)."""
        from citekit.library_search import find_duplicates

        return find_duplicates(self.entries())

    # --- Writing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self, *, create: bool = False) -> Iterator[Index]:
        """Hold the library's lock; yields the index, up to date with the folder."""
        import sqlite3

        if create:
            try:
                os.makedirs(self.path, exist_ok=True)
            except OSError as exc:
                from citekit.fileio import write_error_hint

                raise CitekitError(f"cannot create the library folder: {exc.strerror}", source=self.path,
                                   hint=write_error_hint(exc, unchanged="nothing was written")) from None
        self._require_folder()
        with holding_lock(self.path):
            index = open_index(self.path)
            try:
                yield index
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError):
                    raise
                # Writes keep their index work in memory once it fails (Index._change), so this
                # comes from the first reads, before any record was written.
                discard_index(self.path)
                raise CitekitError("the library's index was damaged and has been removed", source=self.path,
                                   hint="run the command again; the records are safe") from None
            finally:
                index.close()
                sync_folder(self.path)

    def _write(self, file: str, record: "Record") -> tuple:
        """Write one record file; returns its index row."""
        from citekit.export.csljson import write_csljson
        from citekit.fileio import write_atomic

        path = os.path.join(self.path, file)
        write_atomic(path, write_csljson([record]), temp_prefix=RECORD_TEMP_PREFIX)
        info = os.stat(path)
        return record_row(file, (info.st_ino, info.st_mtime_ns, info.st_size), record.to_csl(), None)

    def add(self, records: Iterable["Record | dict[str, Any]"], *, force: bool = False,
            keep_ids: bool = False) -> list[AddResult]:
        """Store new records, one file each. A likely duplicate of a record already there is refused
        (its `AddResult` names that record) unless `force`; see the module docstring for ids."""
        from citekit.library_add import add_records
        from citekit.model import record_from_csl

        records = [r if hasattr(r, "to_csl") else record_from_csl(r) for r in records]
        with self._locked(create=True) as index:
            return add_records(self.path, index, records, write=self._write, force=force, keep_ids=keep_ids)

    def _rewrite(self, record_id: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> "Record":
        from citekit.model import record_from_csl

        with self._locked() as index:
            entry = _find(self.path, index, record_id)
            path = os.path.join(self.path, entry.file)
            record = self._read(entry)
            try:
                changed = record_from_csl(change(record.to_csl()))
            except CitekitError as exc:
                raise exc.located(source=path) from None
            index.store([self._write(entry.file, changed)])
            return changed

    def set_fields(self, record_id: str, assignments: list[str]) -> "Record":
        """Set CSL variables from FIELD=VALUE texts (`library_fields`); all are checked first, and on
        any error the file is left untouched."""
        from citekit.library_fields import apply_assignments, read_assignment

        if not assignments:
            raise CitekitError("nothing to set", source=record_id, hint="give FIELD=VALUE, e.g. issued=2018-03-22")
        # Read inside the rewrite so that an error names the record's file.
        return self._rewrite(record_id, lambda data: apply_assignments(
            data, [read_assignment(text) for text in assignments]))

    def tag(self, record_id: str, tags: Iterable[str], *, remove: bool = False) -> "Record":
        """Add tags to a record (or remove them); tags compare ignoring case and accents.

        A tag removed is also taken out of the CSL `keyword` when it is one of its words: a record
        read from RIS has its KW words in both, and the RIS writer writes both as KW, so the tag
        would otherwise come back with the next export and import (see `citekit.sources.ris`).
        Adding a tag leaves `keyword` as it is."""
        from citekit.library_fields import keyword_without
        from citekit.library_index import record_tags

        given = [" ".join(t.split()) for t in tags]
        if not given or not all(given):
            raise CitekitError("a tag cannot be empty", location="TAG", hint="e.g. citekit tag ID ww1 essay")

        def change(data: dict[str, Any]) -> dict[str, Any]:
            if not isinstance(data.get("custom", {}), dict):
                raise CitekitError("'custom' is not a JSON object, so it cannot hold tags", location="custom",
                                   hint='make it an object, e.g. "custom": {}')
            current = record_tags(data)
            keyword = data.get("keyword")
            if remove:
                unwanted = {fold(t) for t in given}
                removed = [t for t in current if fold(t) in unwanted]
                current = [t for t in current if fold(t) not in unwanted]
                if removed and isinstance(keyword, str):
                    keyword = keyword_without(keyword, removed)
            else:
                for new in given:
                    if fold(new) not in {fold(t) for t in current}:
                        current.append(new)
            custom = dict(data.get("custom") or {})
            if current:
                custom["tags"] = current
            else:
                custom.pop("tags", None)
            changed = {key: value for key, value in data.items() if key != "custom"}
            if keyword is None:
                changed.pop("keyword", None)
            elif "keyword" in changed:
                changed["keyword"] = keyword
            return {**changed, "custom": custom} if custom else changed

        return self._rewrite(record_id, change)

    def remove(self, record_id: str) -> str:
        """Delete a record's file; returns the id it had."""
        with self._locked() as index:
            entry = _find(self.path, index, record_id)
            path = os.path.join(self.path, entry.file)
            try:
                os.unlink(path)
            except OSError as exc:
                from citekit.fileio import write_error_hint

                raise CitekitError(f"cannot remove the file: {exc.strerror}", source=path,
                                   hint=write_error_hint(exc, unchanged="the record is still there")) from None
            index.store([], [entry.file])
            return entry.id

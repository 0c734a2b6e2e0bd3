"""What the library knows about its files without reading them all: an SQLite cache, one row per file.

The record files are the truth. `.citekit-index.sqlite` in the library folder (stdlib sqlite3)
caches what `list`, `search` and the duplicate checks need from each file, keyed by the file's
inode, modification time and size. Every use compares the folder listing with it: a file whose
signature changed is read again, a file that disappeared is dropped. Deleting the index loses
nothing. When the index cannot be written (a read-only folder, a damaged file, another process
holding it too long) the same work is done in memory.

Imports stay light (no pydantic): a warm `list` or `search` never builds the model.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import zlib
from typing import Any, Callable, Iterable, NamedTuple

from citekit.csl_markup import plain_text
from citekit.library_lock import unreadable_folder
from citekit.library_search import TAG_SEPARATOR, fold, match_key, normalise_doi, normalise_url

INDEX_NAME = ".citekit-index.sqlite"
RECORD_SUFFIX = ".json"
_FORMAT = "citekit-index 3"  # a new number rebuilds every index (3: titles without their CSL markup)
_FINGERPRINT_MODULUS = 2 ** 64

Signature = tuple[int, int, int]  # inode, mtime_ns, size


class Entry(NamedTuple):
    """What the table, the search and the duplicate checks need from one record file."""

    file: str  # the file name in the library folder, "smith-2020-teeth.json"
    id: str
    type: str
    author: str  # the first author as the table shows it: "Smith, Zadie", "A+E Networks"
    year: str
    title: str  # as the table shows it: without CSL markup ("DNA repair", not '<span class="nocase">DNA</span> repair')
    container: str  # likewise
    tags: list[str]
    doi: str  # normalised, "" when none
    url: str  # normalised, "" when none
    match_key: str  # normalised first author + title + year, "" without a title


_ENTRY_COLUMNS = "name, id, type, author, year, title, container, tags, doi, url, match_key"
_VALID = "problem IS NULL AND shadowed = 0"
_FLAGGED = f"problem IS NOT NULL OR shadowed = 1 OR name != id || '{RECORD_SUFFIX}'"
_FILE_COLUMNS = ("name", "name_key", "ino", "mtime", "size", "problem", "id", "id_key", "type", "author",
                 "year", "title", "container", "tags", "doi", "url", "match_key", "names_f", "title_f",
                 "container_f", "tags_f")
_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (
  name TEXT PRIMARY KEY, name_key TEXT NOT NULL, ino INTEGER, mtime INTEGER, size INTEGER,
  problem TEXT, shadowed INTEGER NOT NULL DEFAULT 0,
  id TEXT, id_key TEXT, type TEXT, author TEXT, year TEXT, title TEXT, container TEXT, tags TEXT,
  doi TEXT, url TEXT, match_key TEXT, names_f TEXT, title_f TEXT, container_f TEXT, tags_f TEXT);
CREATE INDEX files_by_id ON files (id_key, id);
CREATE INDEX files_by_name_key ON files (name_key);
-- The duplicate checks of `add`.
CREATE INDEX files_by_doi ON files (doi) WHERE doi != '';
CREATE INDEX files_by_url ON files (url) WHERE url != '';
CREATE INDEX files_by_match_key ON files (match_key) WHERE match_key != '';
-- What `list` prints, in its order: the listing reads this index alone, front to back.
CREATE INDEX files_listing ON files (id_key, id, type, author, year, title) WHERE problem IS NULL AND shadowed = 0;
-- The files `problems()` reports: skipped, or not named by their record's id.
CREATE INDEX files_flagged ON files (name) WHERE {_FLAGGED};
INSERT INTO meta VALUES ('format', '{_FORMAT}');
INSERT INTO meta VALUES ('fingerprint', '0 0');
"""


def _name_text(name: dict[str, Any], *, family_first: bool) -> str:
    if name.get("literal"):
        return str(name["literal"])
    family = " ".join(str(name[p]) for p in ("non-dropping-particle", "family") if name.get(p))
    given = " ".join(str(name[p]) for p in ("given", "dropping-particle") if name.get(p))
    if family_first:
        return f"{family}, {given}" if family and given else family or given
    return " ".join(part for part in (given, family) if part)


def record_year(data: dict[str, Any]) -> str:
    import re

    issued = data.get("issued")
    if not isinstance(issued, dict):
        return ""
    parts = issued.get("date-parts")
    if parts and parts[0]:
        return str(parts[0][0])
    match = re.search(r"(?<!\d)(\d{4})(?!\d)", str(issued.get("raw") or issued.get("literal") or ""))
    return match.group(1) if match else ""


def record_tags(data: dict[str, Any]) -> list[str]:
    """citekit's tags: CSL-JSON 1.0.2 keeps data without a CSL variable in `custom`; ours is `custom.tags`."""
    custom = data.get("custom")
    tags = custom.get("tags") if isinstance(custom, dict) else None
    return [tag for tag in tags if isinstance(tag, str) and tag] if isinstance(tags, list) else []


def record_row(name: str, signature: Signature, data: dict[str, Any] | None, problem: str | None) -> tuple:
    """The index row of a file, in `_FILE_COLUMNS` order; `data` is a valid record's `to_csl()`."""
    head = (name, name[: -len(RECORD_SUFFIX)].casefold(), *signature, problem)
    if data is None:
        return head + (None,) * (len(_FILE_COLUMNS) - len(head))
    authors = [n for n in data.get("author") or [] if isinstance(n, dict)]
    first_family = str(authors[0].get("family") or authors[0].get("literal") or "") if authors else ""
    # The table, search and duplicate key want the words, not a BibTeX title's case protection.
    title, container = plain_text(str(data.get("title") or "")), plain_text(str(data.get("container-title") or ""))
    year, tags = record_year(data), [t.replace(TAG_SEPARATOR, " ") for t in record_tags(data)]
    names = " ".join(_name_text(name, family_first=False) for name in authors)
    return head + (
        str(data["id"]), str(data["id"]).casefold(), str(data["type"]),
        _name_text(authors[0], family_first=True) if authors else "", year, title, container,
        TAG_SEPARATOR.join(tags), normalise_doi(str(data.get("DOI") or "")),
        normalise_url(str(data.get("URL") or "")), match_key(first_family, title, year),
        fold(names), fold(title), fold(container),
        TAG_SEPARATOR + TAG_SEPARATOR.join(fold(t) for t in tags) + TAG_SEPARATOR)


_ID_KEY = _FILE_COLUMNS.index("id_key")
_ENTRY_POSITIONS = [_FILE_COLUMNS.index(column) for column in _ENTRY_COLUMNS.split(", ")]


def entry_from_row(row: tuple) -> Entry:
    """The entry of a row made by `record_row` for a valid record."""
    return _entry(tuple(row[position] for position in _ENTRY_POSITIONS))


def _entry(row: tuple) -> Entry:
    tags = row[7]
    return Entry(*row[:7], tags.split(TAG_SEPARATOR) if tags else [], *row[8:])


def read_record_file(path: str) -> tuple[Any, Signature | None, str | None]:
    """(Record or None, the file's signature as read, problem or None). Never raises for bad content."""
    from citekit.errors import CitekitError
    from citekit.model import record_from_csl

    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            data = handle.read()
    except OSError as exc:
        return None, None, f"cannot read the file: {exc.strerror}"
    signature = (info.st_ino, info.st_mtime_ns, info.st_size)
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, signature, "not UTF-8 text"
    except json.JSONDecodeError as exc:
        return None, signature, f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
    if isinstance(content, list):
        if len(content) != 1:
            return None, signature, f"holds {len(content)} records; a library file holds exactly one"
        content = content[0]
    try:
        return record_from_csl(content), signature, None
    except CitekitError as exc:
        return None, signature, f"not a valid record: {exc}"


def file_hash(name: str, signature: Signature) -> int:
    """One file's share of a listing's fingerprint (the same in every process: no str hashing)."""
    return hash((zlib.crc32(name.encode("utf-8", "surrogateescape")), *signature))


def list_record_files(folder: str) -> tuple[dict[str, Signature], str]:
    """Record file name -> signature, and the listing's fingerprint (count and sum of `file_hash`).

    Hidden files (the index, the lock, temp files) never count. Stat relative to the open folder:
    this runs for every file on every command, so it is kept to one system call per file. A folder
    that cannot be listed, or whose files cannot be looked at, is an error: never an empty library.
    """
    listing, total = {}, 0
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise unreadable_folder(folder, exc.strerror) from None
    try:
        try:
            names = os.listdir(descriptor)
        except OSError as exc:
            raise unreadable_folder(folder, exc.strerror) from None
        for name in names:
            if name[0] == "." or not name.endswith(RECORD_SUFFIX):
                continue
            try:
                info = os.stat(name, dir_fd=descriptor)
            except PermissionError as exc:  # a folder that may be listed but not entered (no x)
                raise unreadable_folder(folder, exc.strerror) from None
            except OSError:
                continue  # removed between listing and stat
            if stat.S_ISREG(info.st_mode):
                signature = listing[name] = (info.st_ino, info.st_mtime_ns, info.st_size)
                total += file_hash(name, signature)
    finally:
        os.close(descriptor)
    return listing, f"{len(listing)} {total % _FINGERPRINT_MODULUS}"


def file_row(folder: str, name: str) -> tuple | None:
    """Read one record file into its index row; None if it vanished meanwhile."""
    path = os.path.join(folder, name)
    record, signature, problem = read_record_file(path)
    if signature is None and not os.path.exists(path):
        return None
    return record_row(name, signature or (0, 0, 0), record.to_csl() if record is not None else None, problem)


def _narrowed(condition: str) -> str:
    """FROM … WHERE for the valid records, narrowed by a search condition. A search reads the table
    front to back and sorts the few matches: walking the id order index and looking up every row
    takes three times as long."""
    if not condition:
        return f"files WHERE {_VALID}"
    return f"files NOT INDEXED WHERE {_VALID} AND ({condition})"


def discard_index(folder: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(os.path.join(folder, INDEX_NAME + suffix))
        except OSError:
            pass


def open_index(folder: str) -> "Index":
    """The folder's index, brought up to date; rebuilt from the files if it turns out damaged."""
    index = Index(folder)
    try:
        index.refresh()
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError):
            raise
        index.close()
        discard_index(folder)
        index = Index(folder)
        index.refresh()
    return index


class Index:
    """The cache of one library folder. Use `refresh()` before reading it."""

    def __init__(self, folder: str):
        self.folder = folder
        self.connection = self._connect()

    def _connect(self) -> sqlite3.Connection:
        path = os.path.join(self.folder, INDEX_NAME)
        for attempt in range(2):
            try:
                connection = sqlite3.connect(path, timeout=2.0, isolation_level=None)
                self._prepare(connection)
                # A cache needs no fsync: the record files are fsynced, and an index a power cut
                # damages is rebuilt from them (open_index, Library._query).
                connection.execute("PRAGMA synchronous = OFF")
                return connection
            except sqlite3.OperationalError:
                break  # cannot be created or opened now (read-only folder, busy): work in memory
            except sqlite3.DatabaseError:
                if attempt == 0:
                    discard_index(self.folder)  # damaged: it is only a cache
        connection = sqlite3.connect(":memory:", isolation_level=None)
        self._prepare(connection)
        return connection

    @staticmethod
    def _is_current(connection: sqlite3.Connection) -> bool:
        try:
            found = connection.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.OperationalError:
            return False  # a new index: no meta table yet
        return bool(found) and found[0] == _FORMAT

    @classmethod
    def _prepare(cls, connection: sqlite3.Connection) -> None:
        if cls._is_current(connection):
            return
        connection.execute("BEGIN IMMEDIATE")
        try:
            if not cls._is_current(connection):  # another process may have made it meanwhile
                connection.execute("DROP TABLE IF EXISTS meta")
                connection.execute("DROP TABLE IF EXISTS files")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer

    def close(self) -> None:
        self.connection.close()

    def _change(self, work: Callable[[sqlite3.Connection], None], *, wait_ms: int) -> None:
        """Run `work` in one write transaction, waiting up to `wait_ms` for another process's;
        in memory if the file cannot be written now."""
        for attempt in range(2):
            try:
                self.connection.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
                self.connection.execute("BEGIN IMMEDIATE")
                try:
                    work(self.connection)
                    self.connection.execute("COMMIT")
                except BaseException:
                    self.connection.execute("ROLLBACK")
                    raise
                return
            except sqlite3.DatabaseError:
                if attempt:
                    raise
                self._to_memory()

    def _to_memory(self) -> None:
        """Go on in memory, from a copy of the index if it can still be read, else from nothing
        (the caller then reads the files again)."""
        memory = sqlite3.connect(":memory:", isolation_level=None)
        try:
            self.connection.backup(memory)
        except sqlite3.DatabaseError:
            memory.close()
            memory = sqlite3.connect(":memory:", isolation_level=None)
            self._prepare(memory)
        self.connection.close()
        self.connection = memory

    def refresh(self) -> None:
        """Bring the cache up to date with the folder: read new and changed files, drop removed ones.

        The index keeps the fingerprint of the signatures it holds; when the folder's is the same,
        nothing changed and no row is even loaded.
        """
        listing, fingerprint = list_record_files(self.folder)
        if fingerprint == self._fingerprint():
            return
        stored = {row[0]: tuple(row[1:]) for row in self.connection.execute("SELECT name, ino, mtime, size FROM files")}
        rows = [file_row(self.folder, name) for name, signature in listing.items() if stored.get(name) != signature]
        removed = [name for name in stored if name not in listing]
        # A reader does not queue behind a writer's update: it goes on in memory instead.
        self.store([row for row in rows if row is not None], removed, wait_ms=50)

    def _fingerprint(self) -> str | None:
        found = self.connection.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        return found[0] if found else None

    def store(self, rows: list[tuple], removed: Iterable[str] = (), *, wait_ms: int = 10_000) -> None:
        """Write rows made by `record_row` and drop removed file names, in one transaction,
        keeping the fingerprint equal to that of the signatures held."""
        columns, placeholders = ", ".join(_FILE_COLUMNS), ", ".join("?" * len(_FILE_COLUMNS))

        def work(connection: sqlite3.Connection) -> None:
            count, total = (int(part) for part in (self._fingerprint() or "0 0").split())
            touched = {row[_ID_KEY] for row in rows if row[_ID_KEY] is not None}
            for name in [*removed, *(row[0] for row in rows)]:
                old = connection.execute("SELECT ino, mtime, size, id_key FROM files WHERE name = ?",
                                         (name,)).fetchone()
                if old is not None:
                    count, total = count - 1, total - file_hash(name, old[:3])
                    touched.add(old[3])
                    connection.execute("DELETE FROM files WHERE name = ?", (name,))
            connection.executemany(f"INSERT INTO files ({columns}) VALUES ({placeholders})", rows)
            count += len(rows)
            total += sum(file_hash(row[0], row[2:5]) for row in rows)
            connection.execute("UPDATE meta SET value = ? WHERE key = 'fingerprint'",
                               (f"{count} {total % _FINGERPRINT_MODULUS}",))
            self._mark_shadowed(connection, touched - {None})

        self._change(work, wait_ms=wait_ms)

    @staticmethod
    def _mark_shadowed(connection: sqlite3.Connection, keys: set[str]) -> None:
        """Two files holding one id (ignoring case): the one named by the id is kept, else the first
        by name. Only the ids a change touched can change; many changes recheck every id."""
        if len(keys) > 1000:
            connection.execute("UPDATE files SET shadowed = 0 WHERE shadowed != 0")
            keys = {key for (key,) in connection.execute("SELECT id_key FROM files WHERE problem IS NULL "
                                                         "GROUP BY id_key HAVING count(*) > 1")}
        for key in keys:
            holders = connection.execute("SELECT name, id FROM files WHERE problem IS NULL AND id_key = ? "
                                         "ORDER BY name", (key,)).fetchall()
            if not holders:
                continue
            kept = next((name for name, record_id in holders if name == record_id + RECORD_SUFFIX), holders[0][0])
            connection.execute("UPDATE files SET shadowed = (name != ?) WHERE problem IS NULL AND id_key = ?",
                               (kept, key))

    # --- Reading -------------------------------------------------------------------------------

    def entries(self, condition: str = "", parameters: list[Any] = ()) -> list[Entry]:
        """The valid records' entries, sorted by id (ignoring case), optionally narrowed by SQL."""
        return [_entry(row) for row in self.connection.execute(
            f"SELECT {_ENTRY_COLUMNS} FROM {_narrowed(condition)} ORDER BY id_key, id", parameters)]

    def table(self, condition: str = "", parameters: list[Any] = ()) -> list[tuple[str, str, str, str, str]]:
        """(id, type, first author, year, title) of the valid records, sorted by id: what `list` shows."""
        return self.connection.execute(f"SELECT id, type, author, year, title FROM {_narrowed(condition)} "
                                       "ORDER BY id_key, id", parameters).fetchall()

    def find(self, record_id: str) -> Entry | None:
        row = self.connection.execute(f"SELECT {_ENTRY_COLUMNS} FROM files WHERE {_VALID} AND id_key = ?",
                                      (record_id.casefold(),)).fetchone()
        return _entry(row) if row else None

    def ids(self) -> list[str]:
        return [row[0] for row in self.connection.execute(f"SELECT id FROM files WHERE {_VALID}")]

    def is_taken(self, key: str) -> bool:
        """Whether a case-folded id is in use as an id or a file name (a broken file's too: it is
        never written over)."""
        return self.connection.execute("SELECT 1 FROM files WHERE name_key = ? OR id_key = ? LIMIT 1",
                                       (key, key)).fetchone() is not None

    def first_with(self, kind: str, value: str) -> Entry | None:
        """The first valid record (by id) with this DOI, URL or match key (`kind`: doi, url, match_key)."""
        if kind not in ("doi", "url", "match_key") or not value:
            return None
        row = self.connection.execute(f"SELECT {_ENTRY_COLUMNS} FROM files WHERE {kind} = ? AND {_VALID} "
                                      f"AND {kind} != '' ORDER BY id_key, id LIMIT 1", (value,)).fetchone()
        return _entry(row) if row else None

    def problem_rows(self) -> list[tuple[str, str | None, str | None, str | None]]:
        """(file, problem, id, file kept instead) for skipped files and files not named by their id."""
        rows = []
        for name, problem, record_id, shadowed in self.connection.execute(
                f"SELECT name, problem, id, shadowed FROM files WHERE {_FLAGGED} ORDER BY name"):
            kept = None
            if shadowed:
                kept = self.connection.execute(f"SELECT name FROM files WHERE {_VALID} AND id_key = ?",
                                               (record_id.casefold(),)).fetchone()[0]
            rows.append((name, problem, record_id, kept))
        return rows

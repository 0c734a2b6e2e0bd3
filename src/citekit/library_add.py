"""`Library.add`: new records into the folder, duplicates refused, ids made unique.

Called with the library's lock held and its index open (see library.py for the rules on ids
and duplicates); writes each record file through `write` and stores the index rows in
transactions of at most 1,000 records.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

from citekit.errors import CitekitError
from citekit.library_index import RECORD_SUFFIX, Entry, Index, entry_from_row, read_record_file, record_row

if TYPE_CHECKING:
    from citekit.model import Record

# Ids that are file names on every system: no separators, no ":" (Windows), no leading dot (hidden).
PORTABLE_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,199}$")


@dataclass(frozen=True)
class AddResult:
    """What happened to one record given to `Library.add`."""

    given_id: str  # the id the record came with
    record_id: str | None  # the id it is stored under; None when refused
    duplicate_of: str | None = None  # the record already there, when refused
    reason: str | None = None  # why it is a duplicate ("same DOI 10.1000/xyz")
    note: str | None = None  # why the stored id differs from the given one

    @property
    def added(self) -> bool:
        return self.record_id is not None


def _with_suffixes(record_id: str) -> Iterator[str]:
    """"smith2020", then "smith2020-b", "smith2020-c"…: the suffixes make_record_id uses, so ids
    look alike however they were made."""
    from citekit.ids import _suffixes

    yield record_id
    for suffix in _suffixes():
        yield f"{record_id}-{suffix}"


def add_records(folder: str, index: Index, records: list["Record"], *, write: Callable[[str, "Record"], tuple],
                force: bool = False, keep_ids: bool = False) -> list[AddResult]:
    """Store `records` in `folder` (lock held, `index` open); one `AddResult` per record, in order."""
    from citekit.ids import make_record_id
    from citekit.library_search import FirstSeen, duplicate_reason

    results: list[AddResult] = []
    batch = FirstSeen([])  # this call's records; the library's are looked up in the index
    batch_ids: set[str] = set()

    def taken(candidate: str) -> bool:
        key = candidate.casefold()
        # The last check catches a file made outside citekit since the index looked.
        return (key in batch_ids or index.is_taken(key)
                or os.path.lexists(os.path.join(folder, candidate + RECORD_SUFFIX)))

    def stored_copy(data: dict[str, Any]) -> Entry | None:
        """The record stored earlier from this same data, under its id or the id `add` gave it
        then (made from the record, or with a suffix): what a killed run left behind."""
        base = data["id"] if PORTABLE_ID.match(data["id"]) else make_record_id(data)
        for candidate in _with_suffixes(base):
            if not index.is_taken(candidate.casefold()):
                return None
            stored = index.find(candidate)
            if stored is not None:
                record, _, _ = read_record_file(os.path.join(folder, stored.file))
                if record is not None and record.to_csl() == {**data, "id": record.id}:
                    return stored
        return None

    def duplicate_of(entry: Entry, data: dict[str, Any]) -> tuple[Entry, str] | None:
        stored = stored_copy(data)
        if stored is not None:
            return stored, "the same record"
        for kind in ("doi", "url", "match_key"):
            found = index.first_with(kind, getattr(entry, kind))
            if found is not None:
                return found, duplicate_reason(entry, found) or "same record"
        return batch.existing(entry)

    rows: list[tuple] = []
    try:
        for record in records:
            data = record.to_csl()
            existing = None if force else duplicate_of(entry_from_row(record_row("", (0, 0, 0), data, None)),
                                                       data)
            if existing is not None:
                results.append(AddResult(record.id, None, existing[0].id, existing[1]))
                continue
            record_id, note = record.id, None
            if not PORTABLE_ID.match(record_id):
                if keep_ids:
                    raise CitekitError(f"the id '{record_id}' cannot be a file name", location="--id",
                                       hint="use letters, digits and - _ . + only")
                base = make_record_id(data, taken_lower=batch_ids)
                record_id = next(candidate for candidate in _with_suffixes(base) if not taken(candidate))
                note = f"the id '{record.id}' cannot be a file name"
            elif taken(record_id):
                if keep_ids:
                    raise CitekitError(f"the id '{record_id}' is already in the library (ids ignore case)",
                                       source=folder, location="--id", hint="choose another --id")
                record_id = next(candidate for candidate in _with_suffixes(record.id)
                                 if not taken(candidate))
                note = f"the id '{record.id}' is taken; ids ignore case"
            if record_id != record.id:
                record = record.model_copy(update={"id": record_id})
            try:
                row = write(record_id + RECORD_SUFFIX, record)
            except CitekitError as exc:
                stored = sum(result.added for result in results)
                if stored:  # say what happened to the part of the batch already written
                    exc.hint = (f"{exc.hint}; {stored} of the records were added before it, "
                                "and running the add again skips them")
                raise
            rows.append(row)
            batch_ids.add(record_id.casefold())
            batch.remember(entry_from_row(row))
            results.append(AddResult(data["id"], record_id, note=note))
            if len(rows) >= 1000:  # keep the index's write transactions short
                index.store(rows)
                batch, batch_ids, rows = FirstSeen([]), set(), []
    finally:
        if rows:  # nothing written: the index file stays as it was
            index.store(rows)
    return results

"""The library when a write dies: SIGKILL of the installed `citekit` during add, set and rm, and a crash
at each step of a record write. Whatever the moment, every record file is whole, temp files are never
taken for records and are removed by the next writer, the index is sound or rebuilt, and the next
commands work without repair; re-running a killed `add` stores exactly the rest (no "-b" copies). Ctrl-C
(SIGINT) of an add is "citekit: interrupted", exit 130, and leaves the library as a kill does.

Full disks and read-only folders are in test_full_disk.py.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from citekit.library import RECORD_TEMP_PREFIX, Library
from citekit.library_index import INDEX_NAME, Index
from citekit.model import record_from_csl

SCRIPT = shutil.which("citekit", path=str(Path(sys.executable).parent)) or shutil.which("citekit")
pytestmark = pytest.mark.skipif(SCRIPT is None, reason="the citekit console script is not installed")

RECORDS = 3000


def make_record(number: int) -> dict:
    """Distinct records; every fifth has no title, DOI or URL, so only its id and content tell a
    re-added copy from a new record."""
    record = {"id": f"rec-{number:05d}", "type": "book", "author": [{"family": f"Author{number}", "given": "Ada"}],
              "issued": {"date-parts": [[1950 + number % 70]]}, "publisher": "Example Press"}
    if number % 5:
        record["title"] = f"Findings on question {number}"
    if number % 7 == 0:
        record.update({"type": "article-journal", "container-title": "Journal of Studies",
                       "DOI": f"10.5555/rec.{number}"})
    return record


def record_files(folder: Path) -> list[str]:
    """What every reader takes for record files: visible *.json."""
    return sorted(name for name in os.listdir(folder) if name.endswith(".json") and not name.startswith("."))


def assert_every_record_file_is_whole(folder: Path, expected: dict[str, dict]) -> None:
    """Each record file parses through the model and holds exactly one of the expected records, under
    its own name; the index, if any, passes SQLite's integrity check."""
    for name in record_files(folder):
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        assert isinstance(data, list) and len(data) == 1, name
        record = record_from_csl(data[0])
        assert name == f"{record.id}.json" and record.to_csl() == expected[record.id], name
    if (folder / INDEX_NAME).exists():
        connection = sqlite3.connect(folder / INDEX_NAME)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            connection.close()


def temp_files(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, timeout=120)


def kill_when(process: subprocess.Popen, ready, *, timeout: float = 60.0) -> bool:
    """SIGKILL `process` as soon as `ready()` holds; False if it finished first."""
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if ready():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.0005)
    process.wait(timeout=timeout)
    return False


def test_add_killed_at_random_moments_then_rerun_stores_each_record_once(tmp_path):
    rng = random.Random(6)
    records = [make_record(n) for n in range(RECORDS)]
    expected = {r["id"]: record_from_csl(r).to_csl() for r in records}
    source = tmp_path / "batch.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    library = tmp_path / "records"
    start_at = time.monotonic

    def count() -> int:
        try:
            return len(record_files(library))
        except FileNotFoundError:
            return 0

    def early():  # while the input is still being read and parsed, or the first files written
        wait = rng.uniform(0.05, 0.4)
        began = start_at()
        return lambda: start_at() - began >= wait

    def after_files(low: int, high: int):  # mid-run; 1000 is where add writes its index rows
        def make():
            target = count() + rng.randint(low, high)
            return lambda: count() >= target
        return make

    def mid_write():  # a record's temp file exists: between mkstemp and the rename
        def ready() -> bool:
            try:
                return any(name.startswith(RECORD_TEMP_PREFIX) for name in os.listdir(library))
            except FileNotFoundError:
                return False
        return ready

    kills = 0
    for condition in (early, after_files(100, 700), after_files(990, 1010), mid_write, after_files(50, 400)):
        process = subprocess.Popen([SCRIPT, "add", str(source), "--library", str(library)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        kills += kill_when(process, condition())
        if library.exists():
            assert_every_record_file_is_whole(library, expected)
            # A hidden temp file is never listed, whatever state the kill left it in.
            assert len(json.loads(run("list", "--json", "--library", str(library)).stdout or "[]")) == count()
    assert kills >= 4, "the add finished before most of the kills: make the batch larger"
    assert 0 < count() < RECORDS

    finished = run("add", str(source), "--library", str(library))
    refused = finished.stderr.splitlines()
    assert finished.returncode == 1  # the records already there are refused, as always
    assert all(line.endswith("(the same record; add it anyway with --force)") for line in refused), refused[:3]
    assert len(refused) + finished.stdout.count("added ") == RECORDS
    assert "-b" not in finished.stdout
    assert temp_files(library) == []  # the next writer removed what the kills left
    assert record_files(library) == sorted(f"{record_id}.json" for record_id in expected)
    assert_every_record_file_is_whole(library, expected)

    listed = run("list", "--json", "--library", str(library))
    assert listed.returncode == 0 and listed.stderr == ""
    assert [entry["id"] for entry in json.loads(listed.stdout)] == sorted(expected)
    shown = run("show", "REC-00035", "--library", str(library))
    assert json.loads(shown.stdout) == [expected["rec-00035"]]
    again = run("add", str(source), "--library", str(library))
    assert again.returncode == 1 and again.stdout == "" and len(again.stderr.splitlines()) == RECORDS
    bib = run("bib", "rec-00001", "rec-00005", "--style", "apa", "--library", str(library))
    # APA 7 book: Author, A. (Year). Title. Publisher. A work with no title is described in brackets.
    assert bib.returncode == 0, bib.stderr
    assert bib.stdout.splitlines()[0] == "Author1, A. (1951). Findings on question 1. Example Press."
    assert bib.stdout.splitlines()[1].startswith("Author5, A. (1955).")


def test_add_interrupted_with_ctrl_c_says_so_in_one_line_and_the_rerun_adds_the_rest(tmp_path):
    records = [make_record(n) for n in range(RECORDS)]
    expected = {r["id"]: record_from_csl(r).to_csl() for r in records}
    source = tmp_path / "batch.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    library = tmp_path / "records"
    process = subprocess.Popen([SCRIPT, "add", str(source), "--library", str(library)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if library.exists() and len(record_files(library)) >= 200:  # mid-run, as a student's Ctrl-C would be
            process.send_signal(signal.SIGINT)
            break
        time.sleep(0.001)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (130, "", "citekit: interrupted\n")
    stored = len(record_files(library))
    assert 200 <= stored < RECORDS
    assert_every_record_file_is_whole(library, expected)

    finished = run("add", str(source), "--library", str(library))
    assert finished.returncode == 1  # the records stored before Ctrl-C are refused as the same records
    assert finished.stdout.count("added ") == RECORDS - stored and len(finished.stderr.splitlines()) == stored
    assert temp_files(library) == []  # what the interrupted write left, the next writer removed
    assert record_files(library) == sorted(f"{record_id}.json" for record_id in expected)
    assert_every_record_file_is_whole(library, expected)


@pytest.mark.parametrize("command", ["set", "rm"])
def test_set_and_rm_killed_at_random_moments_leave_old_or_new_whole(tmp_path, command):
    rng = random.Random(f"kill {command}")
    library = tmp_path / "records"
    records = [make_record(n) for n in range(40)]
    Library(library).add(records)
    expected = {r["id"]: record_from_csl(r).to_csl() for r in records}
    changed = {}
    for round_number in range(8):
        target = f"rec-{round_number * 5 + 1:05d}"
        title = f"Changed title {round_number}"
        args = [target, f"title={title}"] if command == "set" else [target]
        process = subprocess.Popen([SCRIPT, command, *args, "--library", str(library)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait = rng.uniform(0.02, 0.45)
        began = time.monotonic()
        kill_when(process, lambda: time.monotonic() - began >= wait)
        path = library / f"{target}.json"
        if command == "set":
            new = {**expected[target], "title": title}
            stored = json.loads(path.read_text(encoding="utf-8"))[0]
            assert stored in (expected[target], new), round_number
            changed[target] = stored
        elif not path.exists():
            changed[target] = None
    for target, stored in changed.items():
        if stored is None:
            del expected[target]
        else:
            expected[target] = stored
    assert_every_record_file_is_whole(library, expected)
    listed = run("list", "--json", "--library", str(library))
    assert [entry["id"] for entry in json.loads(listed.stdout)] == sorted(expected)
    assert run("set", "rec-00002", "title=After the kills", "--library", str(library)).returncode == 0
    assert run("rm", "rec-00003", "--library", str(library)).returncode == 0
    assert temp_files(library) == []
    assert json.loads(run("show", "rec-00002", "--library", str(library)).stdout)[0]["title"] == "After the kills"


class Died(BaseException):
    """Stands for the process dying: no except clause of citekit's catches it, as none can catch SIGKILL."""


@pytest.mark.parametrize("step", ["fsync", "chmod", "replace"])
def test_death_at_each_step_of_a_record_write_leaves_the_old_file_and_a_temp_file_the_next_writer_removes(
        tmp_path, monkeypatch, step):
    library = Library(tmp_path / "records")
    library.add([make_record(1), make_record(2)])
    before = (tmp_path / "records" / "rec-00001.json").read_bytes()

    def die(*args, **kwargs):
        raise Died

    monkeypatch.setattr(os, step, die)
    with pytest.raises(Died):
        library.set_fields("rec-00001", ["title=Never stored"])
    monkeypatch.undo()
    folder = tmp_path / "records"
    left = temp_files(folder)
    assert len(left) == 1 and left[0].startswith(RECORD_TEMP_PREFIX)
    assert (folder / "rec-00001.json").read_bytes() == before
    assert [entry.id for entry in library.entries()] == ["rec-00001", "rec-00002"]  # readers skip it
    assert temp_files(folder) == left  # and leave it: only a writer holding the lock may remove it
    # Another command's temp file (`export -o records/x.bib` writes without the lock) is not touched.
    (folder / ".citekit-export1.tmp").write_text("partial", encoding="utf-8")
    library.set_fields("rec-00002", ["title=Stored"])
    assert temp_files(folder) == [".citekit-export1.tmp"]


def test_death_before_the_index_is_written_loses_nothing(tmp_path, monkeypatch):
    library = Library(tmp_path / "records")
    library.add([make_record(1)])

    def die(self, rows, removed=(), **kwargs):
        raise Died

    monkeypatch.setattr(Index, "store", die)
    with pytest.raises(Died):
        library.add([make_record(n) for n in range(2, 6)])
    monkeypatch.undo()
    assert [entry.id for entry in library.entries()] == [f"rec-{n:05d}" for n in range(1, 6)]
    results = library.add([make_record(n) for n in range(1, 8)])
    assert [(r.record_id, r.duplicate_of, r.reason) for r in results] == [
        *[(None, f"rec-{n:05d}", "the same record") for n in range(1, 6)], ("rec-00006", None, None),
        ("rec-00007", None, None)]


def test_a_rerun_recognises_records_stored_under_a_made_or_suffixed_id(tmp_path):
    library = Library(tmp_path / "records")
    untitled = {"id": "urn:x:1", "type": "book", "author": [{"family": "Okafor", "given": "Ada"}],
                "issued": {"date-parts": [[2019]]}}
    other = {"id": "okafor-2019", "type": "book", "author": [{"family": "Okafor", "given": "Ada"}],
             "issued": {"date-parts": [[2019]]}, "publisher": "Example Press"}
    clash = {**other, "publisher": "Other Press"}  # same id as `other`, different content: stored as -b
    first = library.add([untitled, other, clash])
    # The made id of the untitled record is author + year; the other two then take suffixes.
    assert [r.record_id for r in first] == ["okafor-2019", "okafor-2019-b", "okafor-2019-c"]
    stored = sorted(os.listdir(tmp_path / "records"))
    again = library.add([untitled, other, clash])
    assert [r.added for r in again] == [False, False, False]
    assert [r.reason for r in again] == ["the same record"] * 3
    assert sorted(os.listdir(tmp_path / "records")) == stored


def test_force_still_adds_a_copy(tmp_path):
    library = Library(tmp_path / "records")
    library.add([make_record(5)])
    assert [r.record_id for r in library.add([make_record(5)], force=True)] == ["rec-00005-b"]

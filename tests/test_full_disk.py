"""Writes that fail: a full disk (ENOSPC, and EFBIG under RLIMIT_FSIZE in a real process) and a read-only
folder (EROFS, EACCES, EPERM). Each gives exit status 2 and one line naming the file and what to do; every file
that was there stays byte for byte as it was (records, the index, an earlier output), and no temp file
or partial output is left behind. Commands: add, set, rm (the library) and export -o, validate --fix,
bib -o (outputs written by fileio.write_atomic).
"""

from __future__ import annotations

import errno
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from citekit.library import Library
from conftest import WHITE_TEETH, ZOLA

SCRIPT = shutil.which("citekit", path=str(Path(sys.executable).parent)) or shutil.which("citekit")

NEW = {"id": "okafor-2019-harbours", "type": "article-journal", "title": "Harbours of the Bight",
       "author": [{"family": "Okafor", "given": "Ada"}], "container-title": "Journal of Maritime History",
       "issued": {"date-parts": [[2019]]}, "DOI": "10.5555/harbours"}

READ_ONLY = "the folder is read-only for you: write somewhere else or make it writable"
HINTS = {errno.ENOSPC: "the disk is full or the file is larger than allowed: free some space and run the command again",
         errno.EROFS: READ_ONLY, errno.EACCES: READ_ONLY, errno.EPERM: READ_ONLY}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (the index and the lock included), by relative path."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def leftovers(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*.tmp"))


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A library of two records (index built), a CSL-JSON input, and earlier outputs of export and bib."""
    Library(tmp_path / "records").add([WHITE_TEETH, ZOLA])
    Library(tmp_path / "records").entries()
    (tmp_path / "new.json").write_text(json.dumps([NEW]), encoding="utf-8")
    # Title typography validate --fix would change (a space before the colon).
    (tmp_path / "fixable.json").write_text(json.dumps([{**NEW, "title": "Harbours : the Bight"}]), encoding="utf-8")
    (tmp_path / "refs.bib").write_text("% an earlier export\n", encoding="utf-8")
    (tmp_path / "refs.txt").write_text("an earlier bibliography\n", encoding="utf-8")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="citekit")


def fail_with(monkeypatch, step: str, code: int) -> None:
    """Make one system call of the write path fail as the disk or the folder would."""
    def failing(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    module = tempfile if step == "mkstemp" else os
    monkeypatch.setattr(module, step, failing)


# (command, the file the error must name); {} is the workspace.
COMMANDS = [
    (("add", "{}/new.json", "--library", "{}/records"), "{}/records/okafor-2019-harbours.json"),
    (("set", "smith-2000-teeth", "title=Changed", "--library", "{}/records"), "{}/records/smith-2000-teeth.json"),
    (("export", "{}/new.json", "-o", "{}/refs.bib"), "{}/refs.bib"),
    (("validate", "{}/fixable.json", "--fix"), "{}/fixable.json"),
    (("bib", "--style", "apa", "-o", "{}/refs.txt", "--library", "{}/records"), "{}/refs.txt"),
    (("bib", "--style", "apa", "-o", "{}/refs.bib", "--library", "{}/records"), "{}/refs.bib"),
]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM], ids=errno.errorcode.get)
@pytest.mark.parametrize("step", ["mkstemp", "fsync", "replace"])
@pytest.mark.parametrize("command, named", COMMANDS, ids=lambda c: c[0] if isinstance(c, tuple) else None)
def test_a_failed_write_is_one_line_naming_the_file_and_changes_nothing(workspace, monkeypatch, command, named,
                                                                         step, code):
    args = [part.format(workspace) for part in command]
    before = snapshot(workspace)
    fail_with(monkeypatch, step, code)
    result = run(*args)
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    verb = "cannot write here" if step == "mkstemp" else "could not write the file"
    assert len(lines) == 1 and lines[0].startswith(f"citekit: error: {named.format(workspace)}: {verb}: "
                                                   f"{os.strerror(code)} ({HINTS[code]}; "), lines
    assert snapshot(workspace) == before
    assert leftovers(workspace) == []


def test_rm_in_a_read_only_folder_says_what_to_do(workspace, monkeypatch):
    before = snapshot(workspace)
    fail_with(monkeypatch, "unlink", errno.EROFS)
    result = run("rm", "zola-1898-accuse", "--library", str(workspace / "records"))
    monkeypatch.undo()
    assert result.exit_code == 2
    assert result.stderr == (f"citekit: error: {workspace}/records/zola-1898-accuse.json: cannot remove the file: "
                             f"Read-only file system ({HINTS[errno.EROFS]}; the record is still there)\n")
    assert snapshot(workspace) == before


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM], ids=errno.errorcode.get)
def test_a_temp_folder_that_cannot_take_pandocs_input_is_one_line_whatever_the_cause(workspace, monkeypatch, code):
    """The working folder pandoc reads from (tempfile.TemporaryDirectory): a full disk and a folder not
    writable for you give the same line as every other write, never "internal error"."""
    def refused(*args, **kwargs):
        raise OSError(code, os.strerror(code), "/tmp/citekit-work")

    before = snapshot(workspace)
    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    result = run("bib", "--style", "apa", "-o", str(workspace / "refs.txt"), "--library", str(workspace / "records"))
    monkeypatch.undo()
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"citekit: error: /tmp/citekit-work: could not write a working file: {os.strerror(code)} "
                             f"({HINTS[code]}; no file of yours was changed)\n")
    assert snapshot(workspace) == before


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EPERM], ids=errno.errorcode.get)
def test_a_library_folder_that_cannot_be_made_says_what_to_do(workspace, monkeypatch, code):
    fail_with(monkeypatch, "mkdir", code)
    result = run("add", str(workspace / "new.json"), "--library", str(workspace / "new-records"))
    monkeypatch.undo()
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"citekit: error: {workspace}/new-records: cannot create the library folder: "
                             f"{os.strerror(code)} ({HINTS[code]}; nothing was written)\n")
    assert not (workspace / "new-records").exists()


def test_a_read_only_library_is_still_read(workspace):
    if os.geteuid() == 0:
        pytest.skip("root writes through permission bits; the in-process tests above cover the write path")
    folder = workspace / "records"
    before = snapshot(workspace)
    os.chmod(folder, 0o555)
    try:
        listed = subprocess.run([SCRIPT, "list", "--json", "--library", str(folder)], capture_output=True, text=True)
        added = subprocess.run([SCRIPT, "add", str(workspace / "new.json"), "--library", str(folder)],
                               capture_output=True, text=True)
    finally:
        os.chmod(folder, 0o755)
    assert [entry["id"] for entry in json.loads(listed.stdout)] == ["smith-2000-teeth", "zola-1898-accuse"]
    assert added.returncode == 2 and len(added.stderr.splitlines()) == 1 and "read-only" in added.stderr
    assert snapshot(workspace) == before


def limited(max_file_bytes: int):
    """A child whose files cannot grow past `max_file_bytes`: writes fail with EFBIG (SIGXFSZ ignored)."""
    def apply() -> None:
        # Python writes a .pyc with one unchecked write(): cut short by the limit, it would leave a
        # truncated cache file that breaks every later import of that module. No bytecode here.
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, resource.RLIM_INFINITY))
    return apply


def assert_unchanged_under_a_limit(workspace: Path, before: dict[str, bytes]) -> None:
    after = snapshot(workspace)
    assert {name: after[name] for name in before} == before
    # SQLite may leave the index's side files, cut short by the limit; the next command still reads it.
    assert set(after) - set(before) <= {"records/.citekit-index.sqlite-wal", "records/.citekit-index.sqlite-shm"}
    assert leftovers(workspace) == []
    listed = subprocess.run([SCRIPT, "list", "--json", "--library", str(workspace / "records")],
                            capture_output=True, text=True)
    assert [entry["id"] for entry in json.loads(listed.stdout)] == ["smith-2000-teeth", "zola-1898-accuse"]


@pytest.mark.skipif(SCRIPT is None, reason="the citekit console script is not installed")
def test_a_file_size_limit_stops_an_add_half_way_and_the_rerun_adds_the_rest(workspace):
    folder = workspace / "records"
    batch = [{**NEW, "id": f"small-{n}", "DOI": f"10.5555/small.{n}", "title": f"Harbours {n}"} for n in range(3)]
    batch.insert(2, {**NEW, "id": "large", "DOI": "10.5555/large", "abstract": "Harbour trade. " * 2000})
    (workspace / "batch.json").write_text(json.dumps(batch), encoding="utf-8")
    before = snapshot(folder)
    stopped = subprocess.run([SCRIPT, "add", str(workspace / "batch.json"), "--library", str(folder)],
                             capture_output=True, text=True, preexec_fn=limited(16_384))
    assert stopped.returncode == 2, stopped.stderr
    assert stopped.stderr == (f"citekit: error: {folder}/large.json: could not write the file: File too large "
                              f"({HINTS[errno.ENOSPC]}; the existing file, if any, is unchanged; "
                              "2 of the records were added before it, and running the add again skips them)\n")
    assert stopped.stdout == ""
    after = snapshot(folder)
    assert {name: data for name, data in after.items() if name in before and not name.startswith(".")} == {
        name: data for name, data in before.items() if not name.startswith(".")}
    assert leftovers(workspace) == []
    rerun = subprocess.run([SCRIPT, "add", str(workspace / "batch.json"), "--library", str(folder)],
                           capture_output=True, text=True)
    assert rerun.stdout == "added large\nadded small-2\n"
    assert rerun.returncode == 1 and rerun.stderr.count("(the same record;") == 2
    listed = subprocess.run([SCRIPT, "list", "--json", "--library", str(folder)], capture_output=True, text=True)
    assert [entry["id"] for entry in json.loads(listed.stdout)] == [
        "large", "small-0", "small-1", "small-2", "smith-2000-teeth", "zola-1898-accuse"]


@pytest.mark.skipif(SCRIPT is None, reason="the citekit console script is not installed")
@pytest.mark.parametrize("command, named", [COMMANDS[i] for i in (2, 3, 5)], ids=["export", "validate", "bib"])
def test_outputs_larger_than_the_file_size_limit_leave_the_earlier_output(workspace, command, named):
    args = [part.format(workspace) for part in command]
    before = snapshot(workspace)
    # Below every output here, above the earlier outputs and the files the commands read.
    result = subprocess.run([SCRIPT, *args], capture_output=True, text=True, preexec_fn=limited(30))
    assert result.returncode == 2, result.stderr
    assert result.stderr == (f"citekit: error: {named.format(workspace)}: could not write the file: File too large "
                             f"({HINTS[errno.ENOSPC]}; the existing file, if any, is unchanged)\n")
    assert_unchanged_under_a_limit(workspace, before)


@pytest.mark.skipif(SCRIPT is None, reason="the citekit console script is not installed")
def test_a_full_temp_folder_under_pandoc_is_a_user_error_not_a_bug(workspace):
    before = snapshot(workspace)
    result = subprocess.run([SCRIPT, "bib", "--style", "apa", "-o", str(workspace / "refs.txt"), "--library",
                             str(workspace / "records")], capture_output=True, text=True, preexec_fn=limited(30))
    assert result.returncode == 2
    assert result.stderr == (f"citekit: error: the temporary folder {tempfile.gettempdir()}: could not write a "
                             f"working file: File too large ({HINTS[errno.ENOSPC]}; no file of yours was changed)\n")
    assert_unchanged_under_a_limit(workspace, before)

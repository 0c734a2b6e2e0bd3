"""Reads the system refuses: a library folder or an input file not open to you is one line naming it,
exit status 2, saying to check its permissions. Only pandoc's working files in the temp folder are
called working files; a permission error nothing caught names the path the system gave, never the
temp folder."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import citekit.commands
import citekit.library_index
import citekit.render.pandoc_engine
from citekit.cli import cli
from citekit.library import Library
from conftest import WHITE_TEETH, ZOLA

FOLDER_HINT = ("check the folder's permissions: citekit needs read and execute permission on it to list it and "
               "open its files, e.g. chmod u+rx on the folder; nothing was changed")
not_as_root = pytest.mark.skipif(os.geteuid() == 0, reason="root reads through permission bits")


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), prog_name="citekit", env=env)


def unreadable_line(folder: Path) -> str:
    return f"citekit: error: {folder}: cannot read the library folder: Permission denied ({FOLDER_HINT})\n"


@pytest.fixture
def library(tmp_path) -> Path:
    Library(tmp_path / "records").add([WHITE_TEETH, ZOLA])
    return tmp_path / "records"


@pytest.fixture
def locked(library):
    """The library folder with no permissions at all, restored afterwards."""
    os.chmod(library, 0o000)
    yield library
    os.chmod(library, 0o755)


@not_as_root
@pytest.mark.parametrize("command", [("list",), ("bib", "--style", "apa"), ("show", "smith-2000-teeth"),
                                     ("tag", "smith-2000-teeth", "essay"), ("search", "teeth")])
def test_an_unreadable_library_folder_is_named_and_nothing_else(locked, command):
    result = run(*command, env={"CITEKIT_LIBRARY": str(locked)})
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", unreadable_line(locked))


@not_as_root
def test_an_unreadable_library_folder_given_with_library_is_named_the_same_way(locked):
    result = run("list", "--library", str(locked))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", unreadable_line(locked))


@not_as_root
def test_adding_to_an_unreadable_library_folder_says_it_cannot_be_read(locked, tmp_path):
    (tmp_path / "new.json").write_text(json.dumps([{**ZOLA, "id": "zola-b", "title": "Nana"}]), encoding="utf-8")
    result = run("add", str(tmp_path / "new.json"), env={"CITEKIT_LIBRARY": str(locked)})
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", unreadable_line(locked))


@not_as_root
def test_an_unreadable_input_file_is_named_with_what_to_check(tmp_path):
    path = tmp_path / "refs.json"
    path.write_text(json.dumps([ZOLA]), encoding="utf-8")
    os.chmod(path, 0o000)
    try:
        result = run("cite", str(path))
    finally:
        os.chmod(path, 0o644)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"citekit: error: {path}: cannot read the file: Permission denied "
                             "(check the permissions of the file and of its folder)\n")


@pytest.mark.parametrize("command", [("list",), ("bib", "--style", "apa"), ("duplicates",)])
def test_a_listing_refused_by_the_system_names_the_library_folder(library, monkeypatch, command):
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(citekit.library_index.os, "listdir", refused)
    result = run(*command, "--library", str(library))
    monkeypatch.undo()
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", unreadable_line(library))


def test_a_folder_that_may_be_listed_but_not_entered_is_no_empty_library(library, monkeypatch):
    real_stat = os.stat

    def stat(path, *args, dir_fd=None, **kwargs):
        if dir_fd is not None:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(citekit.library_index.os, "stat", stat)
    result = run("list", "--library", str(library))
    monkeypatch.undo()
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", unreadable_line(library))


@pytest.mark.parametrize("error, line", [
    (PermissionError(errno.EACCES, "Permission denied", "/srv/notes/refs.json"),
     "citekit: error: /srv/notes/refs.json: Permission denied (check the permissions of that file and of its "
     "folder)\n"),
    (PermissionError(errno.EPERM, "Operation not permitted"),
     "citekit: error: Operation not permitted (a file or folder citekit needed is not open to you: check the "
     "permissions of the files you named)\n"),
    (OSError(errno.ENOSPC, "No space left on device", "/srv/notes/out.txt"),
     "citekit: error: /srv/notes/out.txt: No space left on device (the disk is full or a file is larger than "
     "allowed: free some space and run the command again)\n"),
    (OSError(errno.EROFS, "Read-only file system", "/srv/notes"),
     "citekit: error: /srv/notes: Read-only file system (the disk is read-only: use a folder on another disk)\n"),
])
def test_an_os_error_no_command_caught_names_its_path_not_the_temp_folder(tmp_path, monkeypatch, error, line):
    def failing(*args, **kwargs):
        raise error

    monkeypatch.setattr(citekit.commands, "parse_records", failing)
    result = run("cite", str(tmp_path / "refs.json"))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", line)
    assert tempfile.gettempdir() not in result.stderr


def test_a_working_file_pandoc_reads_that_cannot_be_written_is_named_as_one(tmp_path, monkeypatch):
    real_open = open

    def refusing_open(path, *args, **kwargs):
        if str(path).endswith("references.json"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)

    (tmp_path / "refs.json").write_text(json.dumps([ZOLA]), encoding="utf-8")
    monkeypatch.setattr(citekit.render.pandoc_engine, "open", refusing_open, raising=False)
    result = run("cite", str(tmp_path / "refs.json"))
    assert (result.exit_code, result.stdout) == (2, "")
    [line] = result.stderr.splitlines()
    assert line.startswith(f"citekit: error: {tempfile.gettempdir()}/citekit-")
    assert line.endswith("/references.json: could not write a working file: Permission denied (the folder is "
                         "read-only for you: write somewhere else or make it writable; no file of yours was changed)")

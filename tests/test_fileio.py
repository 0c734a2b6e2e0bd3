"""Atomic writes: whole or nothing, no temp files left, permissions as a plain write would give."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from citekit.errors import CitekitError
from citekit.fileio import is_full_or_read_only, write_atomic, write_atomic_bytes, write_error_hint


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_new_file_gets_the_umask_permissions_and_no_temp_file_is_left(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(str(tmp_path / "a.json"), "é\n")
    finally:
        os.umask(old)
    assert (tmp_path / "a.json").read_bytes() == "é\n".encode("utf-8")
    assert mode(tmp_path / "a.json") == 0o644
    assert os.listdir(tmp_path) == ["a.json"]


def test_replacing_a_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "b.bin"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_atomic_bytes(str(target), b"new")
    assert target.read_bytes() == b"new" and mode(target) == 0o640


def test_a_missing_folder_is_a_clear_error_and_writes_nothing(tmp_path):
    with pytest.raises(CitekitError) as caught:
        write_atomic(str(tmp_path / "no" / "c.json"), "x")
    assert str(caught.value).startswith(f"{tmp_path / 'no' / 'c.json'}: cannot write here:")


@pytest.mark.parametrize(("error", "expected"), [
    (OSError(errno.ENOSPC, "No space left on device"), True),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), True),
    (OSError(errno.EFBIG, "File too large"), True),
    (OSError(errno.EROFS, "Read-only file system"), True),
    (PermissionError(errno.EACCES, "Permission denied"), True),
    (PermissionError(errno.EPERM, "Operation not permitted"), True),
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), False),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), False),
    (ValueError("not an OSError"), False),
])
def test_a_full_disk_and_a_read_only_folder_are_the_users_to_fix(error, expected):
    assert is_full_or_read_only(error) is expected


def test_a_full_disk_and_a_read_only_folder_each_have_one_hint_whatever_the_errno():
    full = {write_error_hint(OSError(code, "")) for code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)}
    read_only = {write_error_hint(OSError(code, "")) for code in (errno.EROFS, errno.EACCES, errno.EPERM)}
    assert full == {"the disk is full or the file is larger than allowed: free some space and run the command "
                    "again; the existing file, if any, is unchanged"}
    assert read_only == {"the folder is read-only for you: write somewhere else or make it writable; the existing "
                         "file, if any, is unchanged"}

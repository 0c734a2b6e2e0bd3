"""Writing files so that a reader never sees half of one: temp file in the same folder, fsync, rename."""

from __future__ import annotations

import errno
import os
import stat
import tempfile

from citekit.errors import CitekitError

TEMP_PREFIX = ".citekit-"
TEMP_SUFFIX = ".tmp"

# Why a write fails that the user can do something about; the existing file is always left as it was.
FULL_DISK_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)  # EFBIG: a file-size limit (ulimit -f)
READ_ONLY_ERRNOS = (errno.EROFS, errno.EACCES, errno.EPERM)  # a read-only disk, or a folder not writable for you


def is_full_or_read_only(error: BaseException) -> bool:
    """True for the OSError of a write to a full disk or a read-only folder: the user's to fix, not a bug."""
    return isinstance(error, OSError) and error.errno in FULL_DISK_ERRNOS + READ_ONLY_ERRNOS


def write_error_hint(error: OSError, *, unchanged: str = "the existing file, if any, is unchanged") -> str:
    """What to do about an OSError from a write, for the one-line error."""
    if error.errno in FULL_DISK_ERRNOS:
        return f"the disk is full or the file is larger than allowed: free some space and run the command again; {unchanged}"
    if error.errno in READ_ONLY_ERRNOS:
        return f"the folder is read-only for you: write somewhere else or make it writable; {unchanged}"
    return f"check that the folder exists and is writable; {unchanged}"


def unexpected_os_error(error: OSError) -> str:
    """The one-line error for a full disk or a permission refused that no command caught where it
    happened: it names the path the system named (it may have been read or written), never more."""
    where = f"{error.filename}: " if error.filename else ""
    if error.errno in FULL_DISK_ERRNOS:
        hint = "the disk is full or a file is larger than allowed: free some space and run the command again"
    elif error.errno == errno.EROFS:
        hint = "the disk is read-only: use a folder on another disk"
    else:
        hint = ("check the permissions of that file and of its folder" if where else
                "a file or folder citekit needed is not open to you: check the permissions of the files you named")
    return f"{where}{error.strerror} ({hint})"


def _mode_for(path: str) -> int:
    """The permissions the file should end up with: the existing file's, else what the umask gives."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic_bytes(path: str, data: bytes, *, temp_prefix: str = TEMP_PREFIX) -> None:
    """Write `data` to `path` whole or not at all; an existing file is replaced only once the new one is on disk.

    The temp file is `<temp_prefix>XXXXXXXX.tmp` in the same folder (hidden, so no reader takes it
    for a record); a process killed mid-write leaves it behind, never a half-written `path`. A symbolic
    link is written through: the file it points to gets the data and the link stays a link (as a
    shell's `>` does), so a linked file rewritten in place is never left unchanged behind a new file.
    """
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    try:
        descriptor, temp_path = tempfile.mkstemp(prefix=temp_prefix, suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise CitekitError(f"cannot write here: {exc.strerror}", source=path,
                           hint=write_error_hint(exc, unchanged="nothing was written")) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file readable by its owner only; give it the permissions a plain write would.
        os.chmod(temp_path, _mode_for(target))
        os.replace(temp_path, target)
    except OSError as exc:
        try:
            os.unlink(temp_path)
        except OSError:
            pass
        raise CitekitError(f"could not write the file: {exc.strerror}", source=path,
                           hint=write_error_hint(exc)) from None


def write_atomic(path: str, text: str, *, temp_prefix: str = TEMP_PREFIX) -> None:
    """`write_atomic_bytes` for text: UTF-8, with \\n line endings on every platform."""
    write_atomic_bytes(path, text.encode("utf-8"), temp_prefix=temp_prefix)

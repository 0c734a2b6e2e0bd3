"""Writing files so that a reader never sees half of one: temp file in the same folder, fsync, rename."""

from __future__ import annotations

import os
import stat
import tempfile

from citekit.errors import CitekitError


def _mode_for(path: str) -> int:
    """The permissions the file should end up with: the existing file's, else what the umask gives."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic_bytes(path: str, data: bytes) -> None:
    """Write `data` to `path` whole or not at all; an existing file is replaced only once the new one is on disk."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        descriptor, temp_path = tempfile.mkstemp(prefix=".citekit-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CitekitError(f"cannot write here: {exc.strerror}", source=path,
                           hint="check that the folder exists and is writable") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file readable by its owner only; give it the permissions a plain write would.
        os.chmod(temp_path, _mode_for(path))
        os.replace(temp_path, path)
    except OSError as exc:
        try:
            os.unlink(temp_path)
        except OSError:
            pass
        raise CitekitError(f"could not write the file: {exc.strerror}", source=path,
                           hint="the existing file, if any, is unchanged") from None


def write_atomic(path: str, text: str) -> None:
    """`write_atomic_bytes` for text: UTF-8, with \\n line endings on every platform."""
    write_atomic_bytes(path, text.encode("utf-8"))

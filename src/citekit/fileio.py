"""Writing files so that a reader never sees half of one: temp file in the same folder, fsync, rename."""

from __future__ import annotations

import os
import tempfile

from citekit.errors import CitekitError


def write_atomic(path: str, text: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    try:
        descriptor, temp_path = tempfile.mkstemp(prefix=".citekit-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CitekitError(f"cannot write here: {exc.strerror}", source=path,
                           hint="check that the folder exists and is writable") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_path, path)
    except OSError as exc:
        try:
            os.unlink(temp_path)
        except OSError:
            pass
        raise CitekitError(f"could not write the file: {exc.strerror}", source=path,
                           hint="the existing file, if any, is unchanged") from None

"""The library's lock: one writer at a time, across processes (flock on `<library>/.citekit.lock`).

Readers never take it: every write is a rename of a complete file, so a reader sees a record
whole or not at all. Record writes name their temp files `.citekit-record-*.tmp` and make them
only while holding the lock, so whoever takes the lock next removes those a killed writer left.
"""

from __future__ import annotations

import contextlib
import os
from typing import Iterator

from citekit.errors import CitekitError

LOCK_NAME = ".citekit.lock"
LOCK_TIMEOUT_SECONDS = 120.0
RECORD_TEMP_PREFIX = ".citekit-record-"


def unreadable_folder(folder: str, reason: str) -> CitekitError:
    """The error for a library folder that cannot be listed or whose files cannot be opened."""
    return CitekitError(f"cannot read the library folder: {reason}", source=folder,
                        hint="check the folder's permissions: citekit needs read and execute permission on it "
                             "to list it and open its files, e.g. chmod u+rx on the folder; nothing was changed")


@contextlib.contextmanager
def holding_lock(folder: str) -> Iterator[None]:
    """Hold the folder's lock for the `with` block (released when the file is closed, even on a crash)."""
    lock_path = os.path.join(folder, LOCK_NAME)
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        from citekit.fileio import write_error_hint

        raise CitekitError(f"cannot open the lock file: {exc.strerror}", source=lock_path,
                           hint=write_error_hint(exc, unchanged="nothing was changed")) from None
    try:
        wait_for_lock(descriptor, lock_path)
        remove_stale_temp_files(folder)
        yield
    finally:
        os.close(descriptor)


def remove_stale_temp_files(folder: str) -> None:
    """Remove the temp files of record writes killed before their rename. Only for a lock holder:
    no live writer then has one open. Readers never mistake them for records (they are hidden)."""
    from citekit.fileio import TEMP_SUFFIX

    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.startswith(RECORD_TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:
                pass  # a read-only folder: harmless, as above


class _LockTimeout(Exception):
    pass


def wait_for_lock(descriptor: int, lock_path: str) -> None:
    """Take the library's flock. Waiting is done by the kernel (a waiter wakes the moment the lock
    is free); in the main thread an alarm gives up after LOCK_TIMEOUT_SECONDS."""
    import fcntl
    import signal
    import threading

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    if threading.current_thread() is not threading.main_thread():
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        return

    def give_up(signum, frame):
        raise _LockTimeout

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, LOCK_TIMEOUT_SECONDS)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    except _LockTimeout:
        raise CitekitError(f"another citekit has held the library's lock for {LOCK_TIMEOUT_SECONDS:g} s",
                           source=lock_path, hint="wait for it to finish, then try again") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def sync_folder(folder: str) -> None:
    """Make the renames themselves durable (the files are already fsynced)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)

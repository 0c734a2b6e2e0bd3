"""Exit statuses and the one error type that reaches the user as a single line."""

from __future__ import annotations

import enum


class ExitStatus(enum.IntEnum):
    """What the process tells its caller (httpie-style: named, not magic numbers)."""

    OK = 0
    PROBLEMS_FOUND = 1  # input was usable, validation found problems
    BAD_INPUT = 2  # unusable input or wrong usage
    INTERNAL_ERROR = 3  # a bug in citekit, never the user's fault


class CitekitError(Exception):
    """An error the user can act on: where it is, what is wrong, what to do.

    `source` names the file (or "<stdin>"), `location` the line, record or field.
    Rendered by `str()` as one line: "source:location: message (hint)".
    """

    exit_status = ExitStatus.BAD_INPUT

    def __init__(self, message: str, *, source: str | None = None,
                 location: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.location = location
        self.hint = hint

    def located(self, source: str | None = None, location: str | None = None) -> "CitekitError":
        """Fill in where the error happened, keeping anything already known."""
        if self.source is None:
            self.source = source
        if self.location is None:
            self.location = location
        return self

    def __str__(self) -> str:
        where = ":".join(part for part in (self.source, self.location) if part)
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f" ({self.hint})"
        # One line, always: a value pasted from a web page may carry newlines.
        return " ".join(text.split())

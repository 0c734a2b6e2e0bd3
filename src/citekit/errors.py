"""Exit statuses and the one error type that reaches the user as a single line."""

from __future__ import annotations

import enum
import re
from typing import Iterable

# Characters that would change what a terminal shows: C0/C1 controls (an escape sequence from a pasted
# value could recolour or rewrite the screen) and bidirectional overrides (which reorder the text around them).
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The same in text of several lines, whose own line breaks and tabs stay (U+2028 and U+2029 do not).
_UNSHOWABLE_IN_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def escape_controls(text: str) -> str:
    """Text of several lines (a table) for a terminal: its own line breaks and tabs kept, any other
    line break or control character in a value shown as an escape."""
    return _UNSHOWABLE_IN_LINES.sub(_escape, text)


def one_line(text: str) -> str:
    """A message as one line of a terminal: every run of whitespace, line breaks of any kind included
    (\\n, \\r, \\v, \\f, U+0085, U+2028…), one space; other control characters shown as escapes."""
    text = " ".join(text.split())
    return _UNSHOWABLE.sub(_escape, text)


# Every whitespace character but the space (line breaks, tabs, no-break spaces...), and what `_UNSHOWABLE` escapes.
_HIDDEN_IN_A_VALUE = re.compile(r"[^\S ]|" + _UNSHOWABLE.pattern)


def visible_value(text: str) -> str:
    """A value quoted in a one-line message exactly as it is: its spaces kept as typed (runs, and at
    either end), every other whitespace or control character shown as an escape ("\\n", "\\t", "\\xa0"),
    so that a before and after differing only there are told apart."""
    return _HIDDEN_IN_A_VALUE.sub(_escape, text)


def or_list(words: Iterable[str]) -> str:
    """Words for a message or a help text: "a", "a or b", "a, b or c"."""
    words = list(words)
    return " or ".join(filter(None, (", ".join(words[:-1]), words[-1] if words else "")))


class ExitStatus(enum.IntEnum):
    """What the process tells its caller (httpie-style: named, not magic numbers)."""

    OK = 0
    PROBLEMS_FOUND = 1  # input was usable, validation found problems
    BAD_INPUT = 2  # unusable input or wrong usage
    INTERNAL_ERROR = 3  # a bug in citekit, never the user's fault
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it


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
        return one_line(text)

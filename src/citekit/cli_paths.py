"""The click types of citekit's path options (shared by `citekit.cli` and `citekit.cli_library`)."""

from __future__ import annotations

import click


class NamedPath(click.Path):
    """A path option that must name something: `-o ""` (an unset shell variable) is an error, never
    a silent fall-back to stdout, to rewriting the input in place, or to the default library."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail("the name is empty: give a file or folder name", param, ctx)
        return super().convert(value, param, ctx)


class OutputPath(NamedPath):
    """An output file option where "-" is stdout, as in click and most tools: `-o -` is the same as no
    -o. A file named "-" is written as ./-."""

    def convert(self, value, param, ctx):
        if value == "-":
            return None
        return super().convert(value, param, ctx)

"""`-o -` is stdout for every command with -o (click's convention), never a file named "-"; and
`validate --fix` shows each value it changed as it was, spaces as typed, so that a fix of a double space
is seen (tabs and line breaks as escapes, keeping the line one line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from citekit.errors import visible_value
from citekit.library import Library
from conftest import WHITE_TEETH, ZOLA

TOLSTOY = {"id": "tolstoy", "type": "book", "title": "War and  Peace", "author": [{"family": "Tolstoy", "given": "Leo"}],
           "issued": {"date-parts": [[1869]]}, "publisher": "The Russian Messenger"}


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, prog_name="citekit")


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    """The working directory: a record file and a library of two records."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "zola.json").write_text(json.dumps([ZOLA]), encoding="utf-8")
    Library(tmp_path / "records").add([WHITE_TEETH, ZOLA])
    return tmp_path


@pytest.mark.parametrize("command", [
    ("parse", "zola.json"),
    ("cite", "zola.json", "--style", "mla"),
    ("export", "zola.json"),
    ("export", "zola.json", "--to", "ris"),
    ("bib", "--library", "records", "--style", "apa"),
    ("bib", "--library", "records", "--format", "bibtex"),
], ids=" ".join)
def test_dash_is_stdout_exactly_as_without_o(workspace, command):
    plain, dashed = run(*command), run(*command, "-o", "-")
    assert (dashed.exit_code, dashed.stderr) == (plain.exit_code, plain.stderr) == (0, "")
    assert dashed.stdout == plain.stdout != ""
    assert sorted(path.name for path in workspace.iterdir()) == ["records", "zola.json"]


def test_dash_is_stdout_with_the_exact_text(workspace):
    result = run("cite", "zola.json", "--style", "mla", "-o", "-")
    assert result.stdout == "Zola, Émile. “J’accuse…!” L’Aurore, 13 Jan. 1898.\n"
    assert run("export", "zola.json", "--to", "ris", "-o", "-").stdout.splitlines()[:3] == [
        "TY  - NEWS", "ID  - zola-1898-accuse", "AU  - Zola, Émile"]


def test_a_file_named_dash_is_written_as_dot_slash_dash(workspace):
    result = run("parse", "zola.json", "-o", "./-")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert json.loads((workspace / "-").read_text(encoding="utf-8")) == [ZOLA]


def test_validate_fix_to_dash_prints_the_fixed_csl_json_and_leaves_the_file(workspace):
    original = json.dumps([TOLSTOY])
    (workspace / "tolstoy.json").write_text(original, encoding="utf-8")
    result = run("validate", "tolstoy.json", "--fix", "-o", "-")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [{**TOLSTOY, "title": "War and Peace"}]
    assert result.stderr == ("citekit: fixed: record 'tolstoy': title: \"War and  Peace\" -> \"War and Peace\" "
                             "(title-extra-space)\nNo problems found.\n")
    assert (workspace / "tolstoy.json").read_text(encoding="utf-8") == original
    assert sorted(path.name for path in workspace.iterdir()) == ["records", "tolstoy.json", "zola.json"]


def test_validate_fix_shows_tabs_and_line_breaks_as_escapes_and_spaces_as_typed(workspace):
    (workspace / "tolstoy.json").write_text(json.dumps([{**TOLSTOY, "title": " War\tand\n  Peace"}]), encoding="utf-8")
    result = run("validate", "tolstoy.json", "--fix", "-o", "fixed.json")
    assert result.exit_code == 0
    assert result.stderr == ("citekit: fixed: record 'tolstoy': title: \" War\\tand\\n  Peace\" -> \"War and Peace\" "
                             "(title-extra-space)\n")
    assert json.loads((workspace / "fixed.json").read_text(encoding="utf-8"))[0]["title"] == "War and Peace"


@pytest.mark.parametrize("value, shown", [
    ("War and  Peace", "War and  Peace"),
    ("  leading and trailing  ", "  leading and trailing  "),
    ("one\ntwo\r\nthree\tfour", "one\\ntwo\\r\\nthree\\tfour"),
    ("no-break\u00a0space, line\u2028separator, next\x85line", "no-break\\xa0space, line\\u2028separator, next\\x85line"),
    ("escape \x1b[31mred", "escape \\x1b[31mred"),
])
def test_visible_value_keeps_spaces_and_escapes_every_other_whitespace(value, shown):
    assert visible_value(value) == shown

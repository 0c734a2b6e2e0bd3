"""RIS keeps keywords and tags in one tag (KW): a record read from RIS has each KW word in both the CSL
`keyword` and its tags, and the RIS writer writes the words of both. `tag --remove` therefore takes the
word out of `keyword` too (and says so), so that a removed tag stays removed through export and import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from citekit.library_fields import keyword_without

MOVIE_RIS = """\
TY  - BOOK
ID  - eve
AU  - Mankiewicz, Joseph
TI  - All about Eve
PY  - 1950
KW  - To Read
KW  - film
ER  - 
"""

EXPORTED_AFTER_REMOVE = """\
TY  - BOOK
ID  - eve
AU  - Mankiewicz, Joseph
TI  - All about Eve
PY  - 1950
KW  - film
ER  - 
"""

INFO = ("citekit: info: eve: 'To Read' is also taken out of its keywords (\"keyword\"), "
        "which RIS exports write as tags (KW) too\n")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="citekit")


def show(library: Path, record_id: str) -> dict:
    return json.loads(run("show", record_id, "--library", str(library)).stdout)[0]


@pytest.fixture
def library(tmp_path) -> Path:
    (tmp_path / "m.ris").write_text(MOVIE_RIS, encoding="utf-8")
    added = run("add", str(tmp_path / "m.ris"), "--library", str(tmp_path / "records"))
    assert (added.exit_code, added.stdout) == (0, "added eve\n")
    record = show(tmp_path / "records", "eve")
    assert (record["keyword"], record["custom"]) == ("To Read, film", {"tags": ["To Read", "film"]})
    return tmp_path / "records"


def test_a_removed_tag_stays_removed_through_export_and_import(library, tmp_path):
    removed = run("tag", "--remove", "eve", "to  read", "--library", str(library))
    assert (removed.exit_code, removed.stdout, removed.stderr) == (0, "eve: film\n", INFO)
    record = show(library, "eve")
    assert (record["keyword"], record["custom"]) == ("film", {"tags": ["film"]})

    exported = run("bib", "eve", "--format", "ris", "-o", str(tmp_path / "out.ris"), "--library", str(library))
    assert exported.exit_code == 0, exported.stderr
    assert (tmp_path / "out.ris").read_text(encoding="utf-8") == EXPORTED_AFTER_REMOVE

    again = run("add", str(tmp_path / "out.ris"), "--library", str(tmp_path / "again"))
    assert (again.exit_code, again.stdout) == (0, "added eve\n")
    record = show(tmp_path / "again", "eve")
    assert (record["keyword"], record["custom"]) == ("film", {"tags": ["film"]})


def test_removing_the_last_tag_removes_the_keyword_too(library):
    removed = run("tag", "--remove", "eve", "TO READ", "Film", "--library", str(library))
    assert (removed.exit_code, removed.stdout) == (0, "eve: no tags\n")
    assert removed.stderr == INFO + INFO.replace("'To Read'", "'film'")
    record = show(library, "eve")
    assert "keyword" not in record and "custom" not in record


def test_adding_a_tag_leaves_the_keywords_as_they_are(library):
    added = run("tag", "eve", "essay", "--library", str(library))
    assert (added.exit_code, added.stdout, added.stderr) == (0, "eve: To Read, film, essay\n", "")
    assert show(library, "eve")["keyword"] == "To Read, film"


def test_a_keyword_that_is_not_a_tag_is_kept_and_the_typo_warned_about(library):
    assert run("set", "eve", "keyword=To Read, film, noir", "--library", str(library)).exit_code == 0
    result = run("tag", "--remove", "eve", "noir", "--library", str(library))
    assert (result.exit_code, result.stdout) == (0, "eve: To Read, film\n")
    assert result.stderr == "citekit: warning: eve had no tag 'noir'; its tags are listed above\n"
    assert show(library, "eve")["keyword"] == "To Read, film, noir"


@pytest.mark.parametrize("keyword, words, expected", [
    ("to read, film", ["to read"], "film"),
    ("film, to read", ["To Read"], "film"),
    ("film,to read,noir", ["to read"], "film,noir"),
    ("film;  noir, Émile", ["emile"], "film;  noir"),
    ("to  read", ["To Read"], None),
    ("film, noir", ["to read"], "film, noir"),
])
def test_keyword_without_keeps_the_other_words_as_written(keyword, words, expected):
    assert keyword_without(keyword, words) == expected

"""What the library commands say about a record file that is not valid JSON, where `bib -o` may write, and
how `set` reads organisations' names and types it does not know."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from conftest import WHITE_TEETH, ZOLA

BROKEN_RECORD = '{"id":"broken","type":"book","title":\n'  # cut off, as a killed editor leaves a file
UNREADABLE = "records/broken.json: not valid JSON: Expecting value at line 2 column 1"
FIX = "(fix the file or move it out of the library; citekit never writes over it)"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="citekit")


@pytest.fixture
def records(tmp_path, monkeypatch):
    """./records holding White Teeth (tagged "novel"), Zola, and broken.json."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CITEKIT_LIBRARY", raising=False)
    (tmp_path / "two.json").write_text(json.dumps([WHITE_TEETH, ZOLA]), encoding="utf-8")
    assert run("add", "two.json").exit_code == 0
    assert run("tag", "smith-2000-teeth", "novel").exit_code == 0
    (tmp_path / "records" / "broken.json").write_text(BROKEN_RECORD, encoding="utf-8")
    return tmp_path / "records"


# --- A record file that is not valid JSON ---------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ("set", "broken", "title=x"), ("show", "broken"), ("rm", "broken"), ("tag", "broken", "essay"),
    ("tag", "BROKEN", "essay", "--remove"), ("rm", "zola-1898-accuse", "broken"),
])
def test_an_id_whose_file_is_not_valid_json_is_named_with_the_file_not_as_missing(records, argv):
    result = run(*argv)
    assert (result.exit_code, result.stdout) == (2, "")
    asked = argv[1] if argv[0] != "rm" else "broken"
    assert result.stderr == (f"citekit: error: {UNREADABLE}, so citekit cannot read the record '{asked}' "
                             f"from it {FIX}\n")
    assert (records / "broken.json").read_text(encoding="utf-8") == BROKEN_RECORD
    assert (records / "zola-1898-accuse.json").exists()  # rm checks every id before removing any


def test_an_id_with_no_file_at_all_is_still_no_record(records):
    result = run("show", "nothing-here")
    assert result.stderr == ("citekit: error: records: no record 'nothing-here' in the library "
                             "(see the ids with: citekit list)\n")


def test_bib_says_which_file_it_skipped_and_that_the_list_lacks_its_record(records):
    whole = run("bib", "--style", "apa")
    assert whole.exit_code == 0 and whole.stdout.count("\n") == 2
    assert whole.stderr == (f"citekit: warning: {UNREADABLE}; skipped, so this bibliography lacks the record "
                            f"in it {FIX}\n")
    tagged = run("bib", "--tag", "novel", "--style", "apa")
    assert tagged.stderr == (f"citekit: warning: {UNREADABLE}; skipped, so this bibliography lacks the record "
                             f"in it if it is tagged 'novel' {FIX}\n")
    named = run("bib", "smith-2000-teeth", "--style", "apa")  # every record asked for is in the list
    assert named.stderr == f"citekit: warning: {UNREADABLE}; skipped {FIX}\n"


# --- bib -o -----------------------------------------------------------------------------------------

def test_bib_never_writes_over_a_record_file_or_adds_one(records, tmp_path):
    os.link(records / "zola-1898-accuse.json", tmp_path / "zola-link.json")
    before = {path.name: path.read_bytes() for path in records.glob("*.json")}
    for output, what in (("records/smith-2000-teeth.json", "a record file"),
                         ("zola-link.json", "a record file"),
                         ("records/bibliography.json", "a new record file")):
        result = run("bib", "--style", "apa", "-o", output)
        article = "of" if what == "a record file" else "in"
        assert (result.exit_code, result.stderr) == (2, (
            f"citekit: error: {output}: -o names {what} {article} the library records; writing the bibliography "
            "there would replace a record or add a file that is not one (write the bibliography outside the "
            "library folder, e.g. -o bibliography.json; the library is unchanged)\n")), output
    assert {path.name: path.read_bytes() for path in records.glob("*.json")} == before


def test_bib_refuses_a_format_its_file_name_contradicts(records, tmp_path):
    result = run("bib", "--style", "apa", "--format", "ris", "-o", "refs.bib")
    assert (result.exit_code, result.stderr) == (2, (
        "citekit: error: refs.bib: this would write RIS into a .bib file, which readers take for BibTeX "
        "(name the file refs.ris, or give --format bibtex; nothing was written)\n"))
    assert not (tmp_path / "refs.bib").exists()


# --- set: organisations' names, and types --------------------------------------------------------

def test_set_keeps_an_organisations_name_with_a_comma_whole_and_still_splits_a_person(records):
    result = run("set", "smith-2000-teeth",
                 "author=United Nations Educational, Scientific and Cultural Organization; Smith, Zadie")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["author"] == [
        {"literal": "United Nations Educational, Scientific and Cultural Organization"},
        {"family": "Smith", "given": "Zadie"}]
    person = run("set", "smith-2000-teeth", "author=Smith, Zadie")
    assert json.loads(person.stdout)[0]["author"] == [{"family": "Smith", "given": "Zadie"}]


@pytest.mark.parametrize(("typed", "meant"), [
    ("bok", "book"), ("Book", "book"), ("newspaper", "article-newspaper"), ("magazine", "article-magazine"),
    ("journal", "article-journal"), ("website", "webpage"), ("web page", "webpage"), ("blog", "post-weblog"),
    ("motion picture", "motion_picture"),
])
def test_set_refuses_a_type_that_is_not_a_csl_type_and_suggests_the_one_meant(records, typed, meant):
    before = (records / "smith-2000-teeth.json").read_bytes()
    result = run("set", "smith-2000-teeth", f"type={typed}")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"citekit: error: records/smith-2000-teeth.json:type: '{typed}' is not a CSL type (did you mean "
        f"type={meant}? the record is unchanged; the CSL types are listed at "
        "https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types)\n")
    assert (records / "smith-2000-teeth.json").read_bytes() == before


def test_a_type_like_no_csl_type_gets_no_suggestion(records):
    result = run("set", "smith-2000-teeth", "type=zzzz")
    assert result.stderr == (
        "citekit: error: records/smith-2000-teeth.json:type: 'zzzz' is not a CSL type (the record is unchanged; "
        "the CSL types are listed at "
        "https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types)\n")

"""Where `-o` may write: never over an input (whatever name, link or hard link reaches it), never under a
suffix that says another format; and a file missing entries that could not be read says so."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from conftest import LENIN_COMPLETED, LENIN_FIXTURE

# Four readable entries around one whose title never closes (a user trial's small.bib, cut down).
ONE_BROKEN_ENTRY = """\
@book{figes1996,
  author = {Figes, Orlando},
  title = {A People's Tragedy},
  publisher = {Viking},
  year = {1996}
}

@online{bbc,
  author = {{BBC News}},
  title = {The armistice: How {World War One} ended},
  url = {https://www.bbc.com/news/world-46146781},
  date = {2018-11-10},
}

@article{broken,
  author = {Doe, John},
  title = {Missing brace,
  year = 2001
}

@misc{nodate,
  title = {Treaty of Brest-Litovsk},
}
"""
BROKEN_ENTRY_ERROR = ("citekit: error: {}:line 15: The @article entry 'broken' was not loaded: a closing brace is "
                      "missing, so it runs into the next entry at line 21. The other entries were.\n")


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, prog_name="citekit")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The test's folder as the working directory, so that messages show short relative names."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def bib(folder):
    path = folder / "s2.bib"
    path.write_text(ONE_BROKEN_ENTRY, encoding="utf-8")
    return path


# --- -o naming an input ---------------------------------------------------------------------------

def test_export_over_its_own_input_is_refused_and_the_input_kept(bib):
    result = run("export", "s2.bib", "-o", "s2.bib")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("citekit: error: s2.bib: -o names the input file itself, and writing there would "
                             "replace what is being read (give another output file, e.g. -o s2-export.bib; "
                             "s2.bib is unchanged)\n")
    assert bib.read_text(encoding="utf-8") == ONE_BROKEN_ENTRY


def test_an_input_reached_through_a_symbolic_or_hard_link_is_refused_too(bib, folder):
    os.symlink("s2.bib", folder / "link.bib")
    os.link(bib, folder / "hard.bib")
    for other_name in ("link.bib", "hard.bib"):
        result = run("export", "s2.bib", "-o", other_name)
        assert (result.exit_code, result.stderr) == (2, (
            f"citekit: error: {other_name}: -o names the input file s2.bib under another name, and writing there "
            "would replace what is being read (give another output file, e.g. -o s2-export.bib; s2.bib is "
            "unchanged)\n")), other_name
    spelled_otherwise = run("export", "s2.bib", "-o", "./s2.bib")
    assert (spelled_otherwise.exit_code, spelled_otherwise.stderr) == (2, (
        "citekit: error: ./s2.bib: -o names the input file itself, and writing there would replace what is being "
        "read (give another output file, e.g. -o s2-export.bib; s2.bib is unchanged)\n"))
    assert bib.read_text(encoding="utf-8") == ONE_BROKEN_ENTRY
    assert os.path.islink(folder / "link.bib")


def test_parse_and_cite_over_their_input_are_refused(folder):
    details = folder / "l2.txt"
    details.write_text(LENIN_FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    before = details.read_bytes()
    parsed = run("parse", "l2.txt", "-o", "l2.txt")
    assert (parsed.exit_code, parsed.stderr) == (2, (
        "citekit: error: l2.txt: -o names the input file itself, and writing there would replace what is being "
        "read (give another output file, e.g. -o l2-records.json; l2.txt is unchanged)\n"))
    cited = run("cite", "l2.txt", "--style", "mla", "-o", "l2.txt")
    assert (cited.exit_code, cited.stderr) == (2, (
        "citekit: error: l2.txt: -o names the input file itself, and writing there would replace what is being "
        "read (give another output file, e.g. -o l2-citations.txt; l2.txt is unchanged)\n"))
    assert details.read_bytes() == before


def test_cite_never_writes_over_its_style_file(folder):
    (folder / "refs.json").write_text(json.dumps([LENIN_COMPLETED]), encoding="utf-8")
    from citekit.render.styles import resolve_style

    (folder / "mine.csl").write_bytes(resolve_style("apa").path.read_bytes())
    before = (folder / "mine.csl").read_bytes()
    result = run("cite", "refs.json", "--style", "mine.csl", "-o", "mine.csl")
    assert (result.exit_code, result.stderr) == (2, (
        "citekit: error: mine.csl: -o names the input file itself, and writing there would replace what is being "
        "read (give another output file, e.g. -o mine-citations.txt; mine.csl is unchanged)\n"))
    assert (folder / "mine.csl").read_bytes() == before


def test_validate_fix_never_turns_article_details_into_csl_json_in_place(folder):
    details = folder / "l2.txt"
    details.write_text(LENIN_FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    before = details.read_bytes()
    result = run("validate", "l2.txt", "--fix", "-o", "l2.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("citekit: error: l2.txt: -o names the input file itself, and writing there would "
                             "replace what is being read (give another output file, e.g. -o l2-fixed.json; "
                             "l2.txt is unchanged)\n")
    assert details.read_bytes() == before


def test_validate_fix_may_name_the_csl_json_file_it_fixes_also_through_a_link(folder):
    fixed_title = "November 8, 1917: New Russian leader Lenin calls for immediate armistice"
    for name, target in (("refs.json", "refs.json"), ("real.json", "link.json")):
        (folder / name).write_text(json.dumps([LENIN_COMPLETED]), encoding="utf-8")
        if target != name:
            os.symlink(name, folder / target)
        result = run("validate", target, "--fix", "-o", target)
        assert result.exit_code == 0, result.output
        assert json.loads((folder / name).read_text(encoding="utf-8")) == [{**LENIN_COMPLETED, "title": fixed_title}]
    assert os.path.islink(folder / "link.json")  # written through, not replaced by a copy


# --- -o whose suffix says another format ---------------------------------------------------------------

@pytest.mark.parametrize(("argv", "message"), [
    (("export", "refs.json", "--to", "ris", "-o", "out.json"),
     "out.json: this would write RIS into a .json file, which readers take for CSL-JSON "
     "(name the file out.ris, or give --to csljson; nothing was written)"),
    (("export", "refs.json", "--to", "csljson", "-o", "out.docx"),
     "out.docx: this would write CSL-JSON into a .docx file, which readers take for Word "
     "(name the file out.json; nothing was written)"),
    (("parse", "refs.json", "-o", "out.bib"),
     "out.bib: this would write CSL-JSON into a .bib file, which readers take for BibTeX "
     "(name the file out.json; nothing was written)"),
    (("validate", "refs.json", "--fix", "-o", "out.ris"),
     "out.ris: this would write CSL-JSON into a .ris file, which readers take for RIS "
     "(name the file out.json; nothing was written)"),
    (("cite", "refs.json", "-o", "out.bib"),
     "out.bib: this would write plain text into a .bib file, which readers take for BibTeX "
     "(name the file out.txt; nothing was written)"),
    (("cite", "refs.json", "--format", "markdown", "-o", "out.html"),
     "out.html: this would write Markdown into a .html file, which readers take for HTML "
     "(name the file out.md, or give --format html; nothing was written)"),
])
def test_a_suffix_that_says_another_format_is_refused(folder, argv, message):
    (folder / "refs.json").write_text(json.dumps([LENIN_COMPLETED]), encoding="utf-8")
    result = run(*argv)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"citekit: error: {message}\n")
    assert sorted(path.name for path in folder.iterdir()) == ["refs.json"]


def test_a_txt_file_takes_any_text_format_and_biblatex_a_bib_file(folder):
    (folder / "refs.json").write_text(json.dumps([LENIN_COMPLETED]), encoding="utf-8")
    assert run("export", "refs.json", "--to", "bibtex", "-o", "refs.txt").exit_code == 0
    assert run("export", "refs.json", "--to", "biblatex", "-o", "refs.bib").exit_code == 0
    assert (folder / "refs.txt").read_text(encoding="utf-8").startswith("@misc{lenin-armistice,")
    assert (folder / "refs.bib").read_text(encoding="utf-8").startswith("@online{lenin-armistice,")


# --- Entries that could not be read: the output says what it lacks ------------------------------------

def test_export_with_an_unreadable_entry_writes_the_rest_and_says_what_the_file_lacks(bib, folder):
    result = run("export", "s2.bib", "-o", "out.bib")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == BROKEN_ENTRY_ERROR.format("s2.bib") + (
        "citekit: warning: out.bib lacks 1 entry of s2.bib, which could not be read (see above); s2.bib itself "
        "is unchanged: fix it there and run the command again to include it\n")
    written = (folder / "out.bib").read_text(encoding="utf-8")
    assert [line for line in written.splitlines() if line.startswith("@")] == [
        "@book{figes1996,", "@misc{bbc,", "@misc{nodate,"]
    assert bib.read_text(encoding="utf-8") == ONE_BROKEN_ENTRY


def test_parse_and_cite_say_so_too_and_stdin_is_no_file_to_keep(bib):
    parsed = run("parse", "s2.bib")
    assert parsed.exit_code == 1 and [r["id"] for r in json.loads(parsed.stdout)] == ["figes1996", "bbc", "nodate"]
    assert parsed.stderr == BROKEN_ENTRY_ERROR.format("s2.bib") + (
        "citekit: warning: the output lacks 1 entry of s2.bib, which could not be read (see above); s2.bib itself "
        "is unchanged: fix it there and run the command again to include it\n")
    cited = run("cite", "-", "--style", "apa", stdin=ONE_BROKEN_ENTRY + ONE_BROKEN_ENTRY.replace("broken", "other"))
    assert cited.exit_code == 1
    assert cited.stderr.splitlines()[-1] == (
        "citekit: warning: the output lacks 2 entries of the input, which could not be read (see above): fix "
        "them and run the command again to include them")

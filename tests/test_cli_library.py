"""The library commands: add, list, show, set, rm, search, tag, duplicates (click runner and console script)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from conftest import LENIN_AS_PARSED, LENIN_FIXTURE, LENIN_TITLE, WHITE_TEETH, ZOLA

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = str(LENIN_FIXTURE)


# The sample library as `citekit list` shows it (typed by hand: id, type, author, year, title columns).
LENIN_TABLE = ("ID               TYPE     AUTHOR  YEAR  TITLE\n"
               f"lenin-armistice  webpage  Staff         {LENIN_TITLE}\n")


def run(*args: str, stdin: str | None = None, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, prog_name="citekit", env=env)


def assert_one_line_error(result, text: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("citekit: error: ") and text in lines[0], lines


@pytest.fixture
def sample(tmp_path, monkeypatch) -> Path:
    """A copy of the checkout's records/ folder, as ./records in the working directory."""
    shutil.copytree(ROOT / "records", tmp_path / "records")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CITEKIT_LIBRARY", raising=False)
    return tmp_path / "records"


@pytest.fixture
def inputs(tmp_path) -> Path:
    path = tmp_path / "two.json"
    path.write_text(json.dumps([ZOLA, WHITE_TEETH]), encoding="utf-8")
    return path


def test_list_in_a_checkout_shows_the_sample_library(sample):
    result = run("list")
    assert (result.exit_code, result.stdout, result.stderr) == (0, LENIN_TABLE, "")


def test_list_json(sample):
    result = run("list", "--json")
    assert json.loads(result.stdout) == [{
        "id": "lenin-armistice", "type": "webpage", "author": "Staff", "year": None, "title": LENIN_TITLE,
        "container-title": None, "tags": []}]


def test_library_option_and_environment_variable(tmp_path, sample):
    other = tmp_path / "thesis"
    assert run("add", FIXTURE, "--id", "lenin", "--library", str(other)).stdout == "added lenin\n"
    assert run("list", "--library", str(other)).stdout.splitlines()[1].startswith("lenin  webpage")
    assert run("list", env={"CITEKIT_LIBRARY": str(other)}).stdout.splitlines()[1].startswith("lenin  webpage")
    assert run("list").stdout == LENIN_TABLE


def test_add_several_inputs_then_show_them(sample, inputs):
    result = run("add", str(inputs), str(LENIN_FIXTURE), "--force")
    assert result.exit_code == 0, result.output
    assert result.stdout == "added zola-1898-accuse\nadded smith-2000-teeth\nadded new-russian\n"
    assert sorted(p.name for p in sample.glob("*.json")) == [
        "lenin-armistice.json", "new-russian.json", "smith-2000-teeth.json", "zola-1898-accuse.json"]
    shown = run("show", "SMITH-2000-TEETH")
    assert shown.stdout == (sample / "smith-2000-teeth.json").read_text(encoding="utf-8")
    assert json.loads(shown.stdout) == [WHITE_TEETH]


def test_add_reads_stdin(sample):
    result = run("add", "-", "--id", "lenin-again", "--force", stdin=LENIN_FIXTURE.read_text(encoding="utf-8"))
    assert (result.exit_code, result.stdout) == (0, "added lenin-again\n")
    assert json.loads((sample / "lenin-again.json").read_text(encoding="utf-8")) == [
        {**LENIN_AS_PARSED, "id": "lenin-again"}]


def test_add_refuses_a_duplicate_naming_the_record_already_there(sample):
    result = run("add", FIXTURE)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (f"citekit: error: {FIXTURE}: record 'new-russian' is already in the library as "
                             "'lenin-armistice' (same first author, title and year; add it anyway with --force)\n")
    assert run("add", FIXTURE, "--force").stdout == "added new-russian\n"
    assert run("duplicates").stdout == ("ID               ID           WHY\n"
                                        "lenin-armistice  new-russian  same first author, title and year\n")
    assert json.loads(run("duplicates", "--json").stdout) == [
        {"ids": ["lenin-armistice", "new-russian"], "reason": "same first author, title and year"}]


def test_add_gives_a_taken_id_a_suffix_unless_it_was_chosen_with_id(sample, tmp_path):
    page = tmp_path / "page.json"
    page.write_text(json.dumps({**WHITE_TEETH, "id": "Lenin-Armistice"}), encoding="utf-8")
    assert run("add", str(page)).stdout == (
        "added Lenin-Armistice-b (the id 'Lenin-Armistice' is taken; ids ignore case)\n")
    assert_one_line_error(run("add", str(page), "--id", "LENIN-armistice", "--force"),
                          "records:--id: the id 'LENIN-armistice' is already in the library (ids ignore case) "
                          "(choose another --id)")


@pytest.mark.parametrize("args, text", [
    (("add", FIXTURE, FIXTURE, "--id", "x"), "--id: --id names one record, but 2 inputs are given"),
    (("add", "missing.txt"), "missing.txt: no such file"),
    (("add",), "Missing argument 'INPUT…'"),
    (("show", "lenin-armistise"), "records: no record 'lenin-armistise' in the library "
                                  "(did you mean 'lenin-armistice'?)"),
    (("rm", "lenin-armistice", "nope"), "records: no record 'nope' in the library"),
    (("set", "lenin-armistice", "issued=22nd of Smarch"), "records/lenin-armistice.json:issued: cannot read the date"),
    (("set", "lenin-armistice", "websiet=HISTORY"), "'websiet' is not a CSL variable"),
    (("search", " "), "QUERY: the search is empty"),
    (("tag", "lenin-armistice", " "), "TAG: a tag cannot be empty"),
])
def test_user_errors_are_one_line_and_exit_2_and_change_nothing(sample, args, text):
    before = {p.name: p.read_bytes() for p in sample.glob("*.json")}
    assert_one_line_error(run(*args), text)
    assert {p.name: p.read_bytes() for p in sample.glob("*.json")} == before


def test_a_library_that_does_not_exist(tmp_path):
    assert_one_line_error(run("list", "--library", str(tmp_path / "none")),
                          f"{tmp_path / 'none'}: no library here (add a record with citekit add FILE, "
                          "or give --library DIR or $CITEKIT_LIBRARY)")


def test_set_prints_the_changed_record(sample):
    result = run("set", "lenin-armistice", "container-title=HISTORY", "issued=2009-11-13",
                 'author={"literal": "HISTORY.com Editors"}')
    assert result.exit_code == 0, result.output
    expected = {**LENIN_AS_PARSED, "author": [{"literal": "HISTORY.com Editors"}], "container-title": "HISTORY",
                "issued": {"date-parts": [[2009, 11, 13]]}}
    assert json.loads(result.stdout) == [expected]
    assert json.loads((sample / "lenin-armistice.json").read_text(encoding="utf-8")) == [expected]


UNSPLIT_WARNING = (
    'citekit: warning: The author "Zadie Smith" is stored as one name, the way an organisation is; a '
    "person's name is split into family and given names. If this is a person, store the name split, "
    '"Smith, Zadie" (citekit set ID "author=Smith, Zadie", names separated by ";"); if it is an '
    "organisation, leave it as it is.\n")


def test_set_warns_when_a_person_is_stored_as_one_name(sample):
    result = run("set", "lenin-armistice", "author=Zadie Smith")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["author"] == [{"literal": "Zadie Smith"}]  # stored as typed
    assert result.stderr == UNSPLIT_WARNING
    assert run("set", "lenin-armistice", "author=Smith, Zadie").stderr == ""


def test_set_warns_about_an_unsplit_name_only_when_it_sets_that_name(sample):
    assert run("set", "lenin-armistice", "author=Zadie Smith").stderr == UNSPLIT_WARNING
    # The name stays unsplit, but these set other variables (editor and translator too): no warning.
    for assignment in ("title=Armistice", "container-title=HISTORY", "issued=2009-11-13", "URL=https://example.org",
                       "editor=Smith, Zadie", "translator=Jones, Tom"):
        result = run("set", "lenin-armistice", assignment)
        assert (result.exit_code, result.stderr) == (0, ""), assignment
    # Setting the author again, in any case of its name, among other variables: the warning.
    again = run("set", "lenin-armistice", "title=Armistice", "AUTHOR=Zadie Smith")
    assert (again.exit_code, again.stderr) == (0, UNSPLIT_WARNING)


def test_rm_then_the_library_is_empty(sample):
    assert run("rm", "LENIN-ARMISTICE").stdout == "removed lenin-armistice\n"
    result = run("list")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == ("citekit: the library records holds no records yet "
                             "(add some with: citekit add FILE)\n")
    assert run("list", "--json").stdout == "[]\n"


def test_search_and_tag(sample, inputs):
    run("add", str(inputs))
    assert run("tag", "lenin-armistice", "WW1", "essay").stdout == "lenin-armistice: WW1, essay\n"
    assert run("tag", "zola-1898-accuse", "ww1").stdout == "zola-1898-accuse: ww1\n"
    assert run("search", "tag:ww1").stdout == (
        "ID                TYPE               AUTHOR       YEAR  TITLE\n"
        f"lenin-armistice   webpage            Staff              {LENIN_TITLE}\n"
        "zola-1898-accuse  article-newspaper  Zola, Émile  1898  J’accuse…!\n")
    assert [r["id"] for r in json.loads(run("search", "EMILE", "l'aurore", "--json").stdout)] == [
        "zola-1898-accuse"]
    removed = run("tag", "lenin-armistice", "ww1", "--remove")
    assert (removed.stdout, removed.stderr) == ("lenin-armistice: essay\n", "")
    typo = run("tag", "lenin-armistice", "esay", "--remove")
    assert (typo.exit_code, typo.stdout) == (0, "lenin-armistice: essay\n")
    assert typo.stderr == "citekit: warning: lenin-armistice had no tag 'esay'; its tags are listed above\n"
    nothing = run("search", "white", "1999")
    assert (nothing.exit_code, nothing.stdout, nothing.stderr) == (0, "", "citekit: no record matches\n")


def test_a_broken_file_is_named_and_skipped_and_list_goes_on(sample):
    (sample / "notes.json").write_text("these are my notes", encoding="utf-8")
    result = run("list")
    assert (result.exit_code, result.stdout) == (0, LENIN_TABLE)
    assert result.stderr == (
        "citekit: warning: records/notes.json: not valid JSON: Expecting value at line 1 column 1; skipped "
        "(fix the file or move it out of the library; citekit never writes over it)\n")
    assert (sample / "notes.json").read_text(encoding="utf-8") == "these are my notes"


def test_bib_prints_one_sorted_list_and_writes_files_by_suffix(sample, inputs):
    assert run("add", str(inputs)).exit_code == 0
    # MLA 9 works-cited order: by the first element (author, or title when there is none).
    result = run("bib", "--style", "mla")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "November 08, 1917 : New Russian Leader Lenin Calls for Immediate Armistice. A+E Networks. "
        "Accessed 22 Mar. 2018.",
        "Smith, Zadie. White Teeth. Hamish Hamilton, 2000.",
        "Zola, Émile. “J’accuse…!” L’Aurore, 13 Jan. 1898.",
    ]
    chosen = run("bib", "smith-2000-teeth", "--style", "apa", "--format", "markdown")
    assert chosen.stdout == "Smith, Z. (2000). *White Teeth*. Hamish Hamilton.\n"
    target = sample.parent / "refs.html"
    assert run("bib", "--style", "apa", "-o", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "text-indent: -2em" in page
    assert page.count('<p class="csl-entry">') == 3
    assert_one_line_error(run("bib", "no-such-id"), "no record 'no-such-id' in the library")


def test_every_library_command_has_help_with_an_example():
    for command in ("add", "list", "show", "set", "rm", "search", "tag", "duplicates", "bib"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Example" in result.stdout and "--library" in result.stdout, command


def test_the_library_commands_do_not_import_the_model_to_start():
    code = ("import sys; from citekit.cli import cli; "
            "print(sorted(m for m in ('pydantic', 'citekit.model', 'citekit.library', 'sqlite3') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


def test_four_console_scripts_adding_250_records_each_at_once(tmp_path):
    script = shutil.which("citekit", path=str(Path(sys.executable).parent)) or shutil.which("citekit")
    assert script, "the citekit console script is not installed"
    library = tmp_path / "records"
    batches = []
    for worker in range(4):
        path = tmp_path / f"batch{worker}.json"
        path.write_text(json.dumps([
            {"id": f"p{worker}-{n:03d}", "type": "webpage", "title": f"Page {n} from worker {worker}",
             "URL": f"https://example.org/{worker}/{n}"} for n in range(250)]), encoding="utf-8")
        batches.append(path)
    began = time.monotonic()
    processes = [subprocess.Popen([script, "add", str(path), "--library", str(library)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for path in batches]
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], outputs
    assert time.monotonic() - began < 60
    assert sum(out.count("added ") for out, _ in outputs) == 1000
    listed = json.loads(run("list", "--json", "--library", str(library)).stdout)
    assert len(listed) == 1000 and len({entry["id"] for entry in listed}) == 1000
    assert sorted(p.name for p in library.iterdir() if p.name.startswith(".")) == [
        ".citekit-index.sqlite", ".citekit.lock"]


def test_the_table_keeps_one_record_per_line_and_shortens_long_authors():
    from citekit.cli_library import format_table

    assert format_table([("a", "book", "Smith, Zadie", "2000", "White\nTeeth"),
                         ("bb", "webpage", "A very long organisation name that goes on", "", "T")]) == (
        "ID  TYPE     AUTHOR                        YEAR  TITLE\n"
        "a   book     Smith, Zadie                  2000  White Teeth\n"
        "bb  webpage  A very long organisation na…        T")


# --- What bib writes through an exporter, and records with nothing citable ---------------------------

OKAFOR = {"id": "okafor-2019-harbours", "type": "article-journal", "title": "Harbours of the Bight",
          "author": [{"family": "Okafor", "given": "Ada"}], "container-title": "Journal of Maritime History",
          "issued": {"date-parts": [[2019]]}, "number-of-pages": "24"}


def test_bib_through_an_exporter_reports_what_the_format_cannot_hold_as_export_does(sample, tmp_path):
    source = tmp_path / "okafor.json"
    source.write_text(json.dumps([OKAFOR]), encoding="utf-8")
    assert run("add", str(source)).exit_code == 0
    ris_note = "citekit: info: okafor-2019-harbours: RIS has no tag citekit writes for: number-of-pages\n"
    bibtex_note = "citekit: info: okafor-2019-harbours: Not written to bibtex (no field for them here): number-of-pages.\n"
    for target, note in (("refs.ris", ris_note), ("refs.bib", bibtex_note)):
        written = run("bib", "okafor-2019-harbours", "-o", str(tmp_path / target))
        assert (written.exit_code, written.stdout, written.stderr) == (0, "", note), target
        exported = run("export", str(source), "-o", str(tmp_path / f"export-{target}"))
        assert exported.stderr == written.stderr
        assert (tmp_path / target).read_text(encoding="utf-8") == (
            tmp_path / f"export-{target}").read_text(encoding="utf-8")
    printed = run("bib", "okafor-2019-harbours", "--format", "bibtex")
    assert printed.exit_code == 0 and printed.stdout.startswith("@article{okafor-2019-harbours,")
    assert printed.stderr == bibtex_note


def test_bib_warns_about_a_record_with_no_title_and_no_author(sample, tmp_path):
    source = tmp_path / "bare.json"
    source.write_text('[{"id": "bare", "type": "webpage"}]', encoding="utf-8")
    assert run("add", str(source)).stdout == "added bare\n"
    result = run("bib", "bare", "lenin-armistice", "--style", "apa")
    assert result.exit_code == 0
    assert result.stdout == f"(n.d.).\n{LENIN_TITLE}. (n.d.).\n"  # APA sorts the entry with nothing first
    assert result.stderr == ("citekit: warning: record 'bare' has no title and no author, so its citation cannot say "
                             'what the work is (add them: citekit set bare title="..." "author=Family, Given")\n')
    assert run("set", "bare", "title=Harbour records").exit_code == 0
    assert run("bib", "bare", "--style", "apa").stderr == ""

"""The `citekit` command through click's runner, and once as the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from conftest import LENIN_AS_PARSED, LENIN_COMPLETED, LENIN_FIXTURE, LENIN_URL

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = str(LENIN_FIXTURE)
TITLE_CASE = "November 08, 1917 : New Russian Leader Lenin Calls for Immediate Armistice"


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, prog_name="citekit")


@pytest.fixture
def completed_json(tmp_path) -> str:
    path = tmp_path / "lenin.json"
    path.write_text(json.dumps([LENIN_COMPLETED]), encoding="utf-8")
    return str(path)


def assert_one_line_error(result, text: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("citekit: error: ") and text in lines[0], lines


def test_parse_gives_the_record_kept_in_records():
    result = run("parse", FIXTURE, "--id", "lenin-armistice")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [LENIN_AS_PARSED]
    stored = json.loads((ROOT / "records" / "lenin-armistice.json").read_text(encoding="utf-8"))
    assert stored == json.loads(result.stdout)


def test_parse_reads_stdin_and_writes_a_file(tmp_path):
    target = tmp_path / "out.json"
    result = run("parse", "-", "--id", "lenin-armistice", "-o", str(target), stdin=LENIN_FIXTURE.read_text())
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8")) == [LENIN_AS_PARSED]
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temp file left behind


def test_validate_fixture_finds_errors_and_exits_1():
    result = run("validate", FIXTURE, "--json")
    assert result.exit_code == 1
    codes = [f["code"] for f in json.loads(result.stdout)]
    assert codes == ["missing-url", "missing-issued", "missing-container-title", "generic-author",
                     "title-space-before-colon", "title-zero-padded-day"]


def test_validate_completed_record_is_clean_unless_strict(completed_json):
    assert run("validate", completed_json).exit_code == 0
    assert run("validate", completed_json, "--strict").exit_code == 1


def test_validate_table_names_the_problem_and_the_styles():
    result = run("validate", FIXTURE, "--style", "mla")
    assert "error     missing-url" in result.stdout
    assert "  MLA: MLA 9 cannot set the page title in quotation marks" in result.stdout
    assert "  APA:" not in result.stdout


def test_cite_fixture_in_mla():
    result = run("cite", FIXTURE, "--style", "mla")
    assert result.exit_code == 0
    assert result.stdout == f"{TITLE_CASE}. A+E Networks. Accessed 22 Mar. 2018.\n"


def test_cite_completed_record_in_mla_html_and_intext_with_locator(completed_json):
    html = run("cite", completed_json, "--style", "mla", "--format", "html").stdout
    assert html.startswith(f"“{TITLE_CASE}.” <i>HISTORY</i>, A+E Networks, <a href=\"{LENIN_URL}\">")
    intext = run("cite", completed_json, "--style", "mla", "--mode", "intext", "--locator", "23").stdout
    assert intext == "(“November 08, 1917” 23)\n"


def test_cite_note_and_output_file(completed_json, tmp_path):
    target = tmp_path / "notes.txt"
    result = run("cite", completed_json, "--style", "chicago", "--mode", "note", "-o", str(target))
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8") == (
        f"“{TITLE_CASE},” HISTORY, A+E Networks, accessed March 22, 2018, {LENIN_URL}.\n")


def test_cite_with_citeproc_py_engine_is_selectable(tmp_path, completed_json):
    book = tmp_path / "book.json"
    book.write_text(json.dumps({"id": "Smith2000", "type": "book", "title": "White teeth",
                                "author": [{"family": "Smith", "given": "Zadie"}],
                                "publisher": "Hamish Hamilton", "issued": {"date-parts": [[2000]]}}))
    result = run("cite", str(book), "--style", "apa", "--engine", "citeproc-py", "--format", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Smith, Z. (2000). <i>White teeth</i>. Hamish Hamilton.\n"
    # The Lenin page has no real author: its title stands in, printed once, as by the default engine.
    lenin = run("cite", completed_json, "--style", "apa", "--engine", "citeproc-py")
    assert lenin.exit_code == 0 and lenin.stdout == run("cite", completed_json, "--style", "apa").stdout


def test_export_biblatex_and_suffix_choice(tmp_path):
    result = run("export", FIXTURE, "--id", "lenin-armistice", "--to", "biblatex")
    assert result.exit_code == 0
    assert result.stdout.startswith("@online{lenin-armistice,")
    assert "urldate = {2018-03-22}" in result.stdout
    target = tmp_path / "refs.bib"
    assert run("export", FIXTURE, "--id", "lenin-armistice", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("@misc{lenin-armistice,")


def test_styles_lists_aliases_and_searches():
    listing = run("styles").stdout
    assert "mla" in listing and "MLA Handbook 9th edition" in listing
    found = run("styles", "chicago author date").stdout
    assert "chicago-author-date-17th-edition" in found.split()


def test_report_shows_everything_for_the_fixture():
    result = run("report", FIXTURE, "--id", "lenin-armistice")
    assert result.exit_code == 0
    out = result.stdout
    for heading in ("Record (CSL-JSON):", "What is missing or doubtful:", "MLA 9 (--style mla):",
                    "APA 7 (--style apa):", "Chicago notes-bibliography (18th ed.) (--style chicago):",
                    "Chicago author-date (18th ed.) (--style chicago-author-date):", "BibTeX:"):
        assert heading in out
    assert f"  *{TITLE_CASE}*. A+E Networks. Accessed 22 Mar. 2018." in out
    assert "@misc{lenin-armistice," in out


@pytest.mark.parametrize("args, text", [
    (("cite", "no-such-file.txt"), "no-such-file.txt: no such file"),
    (("cite", FIXTURE, "--style", "nonexistent-style-xyz"), "--style: unknown style 'nonexistent-style-xyz'"),
    (("cite", FIXTURE, "--style", "mla", "--mode", "note"), "puts citations in the text, not in notes"),
    (("cite", FIXTURE, "--format", "pdf"), "Invalid value for '--format'"),
    (("cite", FIXTURE, "--label", "pagez", "--locator", "2", "--mode", "intext"), "unknown locator label 'pagez'"),
    (("parse", FIXTURE, "--bogus"), "No such option '--bogus'. (see 'citekit parse --help')"),
    (("export", FIXTURE, "--to", "docx"), "docx"),
])
def test_user_errors_are_one_line_and_exit_2(args, text):
    assert_one_line_error(run(*args), text)


def test_bad_json_names_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "a", "type": "book",}]', encoding="utf-8")
    assert_one_line_error(run("cite", str(bad)), f"{bad}:line 1 column 29: not valid JSON")


def test_invalid_record_names_the_record_and_field(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "a", "type": "book", "issued": 2018}]', encoding="utf-8")
    assert_one_line_error(run("validate", str(bad)), "record 'a': issued: a date cannot be the number 2018")


def test_binary_and_empty_input_are_refused(tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\xfe\x00junk\xff")
    assert_one_line_error(run("parse", str(binary)), "is not UTF-8 text")
    binary.write_bytes(b"\xff\xfe\x00junk")  # a UTF-16 byte-order mark, then an odd byte
    assert_one_line_error(run("parse", str(binary)), "is not UTF-16 text")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    assert_one_line_error(run("parse", str(empty)), "is empty")


def test_every_command_has_help_with_an_example():
    for command in ("parse", "validate", "cite", "export", "styles", "report"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Example" in result.stdout, command


def test_installed_console_script_in_a_subprocess():
    script = shutil.which("citekit", path=str(Path(sys.executable).parent)) or shutil.which("citekit")
    assert script, "the citekit console script is not installed"
    done = subprocess.run([script, "cite", FIXTURE, "--style", "apa", "--format", "markdown"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "*November 08, 1917 : New Russian leader Lenin calls for immediate armistice*. (n.d.).\n"
    failed = subprocess.run([script, "cite", "missing.txt"], capture_output=True, text=True, check=False)
    assert failed.returncode == 2
    assert failed.stderr == "citekit: error: missing.txt: no such file (check the path, or use - to read stdin)\n"


def test_cite_retrieved_gives_apa_its_retrieval_date(completed_json):
    plain = run("cite", completed_json, "--style", "apa", "--format", "markdown")
    assert plain.exit_code == 0
    assert plain.stdout == (
        f"*November 08, 1917 : New Russian leader Lenin calls for immediate armistice*. (n.d.). HISTORY. {LENIN_URL}\n")
    asked = run("cite", completed_json, "--style", "apa", "--format", "markdown", "--retrieved")
    assert asked.stdout == ("*November 08, 1917 : New Russian leader Lenin calls for immediate armistice*. (n.d.). "
                            f"HISTORY. Retrieved March 22, 2018, from {LENIN_URL}\n")


def test_validate_without_fix_changes_nothing(completed_json):
    before = Path(completed_json).read_bytes()
    assert run("validate", completed_json).exit_code == 0
    assert Path(completed_json).read_bytes() == before


def test_validate_fix_rewrites_a_csljson_file_in_place_changing_only_the_title(tmp_path):
    path = tmp_path / "lenin.json"
    original = json.dumps([LENIN_COMPLETED], indent=4)
    path.write_text(original, encoding="utf-8")
    result = run("validate", str(path), "--fix")
    assert result.exit_code == 0, result.output
    fixed_title = "November 8, 1917: New Russian leader Lenin calls for immediate armistice"
    assert path.read_text(encoding="utf-8") == original.replace(LENIN_COMPLETED["title"], fixed_title)
    assert result.stderr.splitlines() == [
        f"citekit: fixed: record 'lenin-armistice': title: \"{LENIN_COMPLETED['title']}\" -> "
        "\"November 08, 1917: New Russian leader Lenin calls for immediate armistice\" (title-space-before-colon)",
        "citekit: fixed: record 'lenin-armistice': title: \"November 08, 1917: New Russian leader Lenin calls for "
        f"immediate armistice\" -> \"{fixed_title}\" (title-zero-padded-day)",
    ]
    assert "title-space-before-colon" not in result.stdout and "generic-author" in result.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["lenin.json"]
    again = run("validate", str(path), "--fix")
    assert again.stderr == "" and path.read_text(encoding="utf-8").count(fixed_title) == 1


def test_validate_fix_never_rewrites_article_details(tmp_path):
    source = tmp_path / "details.txt"
    source.write_text(LENIN_FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    before = source.read_bytes()
    result = run("validate", str(source), "--fix", "--id", "lenin-armistice")
    assert result.exit_code == 1  # the URL is still missing
    assert source.read_bytes() == before
    [record] = json.loads(result.stdout)
    assert record == {**LENIN_AS_PARSED, "title": "November 8, 1917: New Russian leader Lenin calls for immediate armistice"}
    assert "error     missing-url" in result.stderr
    target = tmp_path / "fixed.json"
    written = run("validate", str(source), "--fix", "--id", "lenin-armistice", "-o", str(target))
    assert json.loads(target.read_text(encoding="utf-8")) == [record]
    assert "error     missing-url" in written.stdout and source.read_bytes() == before


def test_validate_fix_usage_errors(completed_json):
    assert_one_line_error(run("validate", completed_json, "-o", "x.json"), "-o is for the fixed records")
    assert_one_line_error(run("validate", completed_json, "--fix", "--id", "new"),
                          "--id renames records, which --fix does not do to a CSL-JSON file")


def test_styles_rules_lists_every_rule_with_its_guide():
    listing = run("styles", "--rules").stdout
    assert "apa-retrieval-date-only-when-asked" in listing and "(apa) APA 7 gives" in listing
    assert "mla-page-range-hyphen" in listing and "chicago-access-date-undated-only" in listing


def test_locator_without_a_citation_mode_is_refused():
    assert_one_line_error(run("cite", FIXTURE, "--locator", "23"),
                          "--locator: a locator belongs to a citation, not to a reference-list entry")


def test_a_record_the_style_prints_as_nothing_is_an_error_not_a_blank_line(tmp_path):
    untitled = tmp_path / "untitled.json"
    untitled.write_text(json.dumps([{"id": "x", "type": "webpage", "author": [{"literal": "Staff"}]}]))
    assert_one_line_error(run("cite", str(untitled), "--style", "mla"),
                          "record 'x': MLA Handbook 9th edition (in-text citations) prints nothing for 'x'")


def test_styles_search_takes_several_words_unquoted():
    assert "chicago-author-date-17th-edition" in run("styles", "chicago", "author", "date").stdout.split()


def test_an_unreadable_bibtex_entry_is_named_with_file_and_line_and_exits_1(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{good, title={Good}, author={Smith, Zadie}, year={2000}, publisher={P}}\n\n"
                   "@article{broken, title={Broken\n\n@book{also, title={Also}, author={Jones, Tom}, year={2001}}\n")
    result = run("cite", str(bib), "--style", "apa")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["Jones, T. (2001). Also.", "Smith, Z. (2000). Good. P."]
    assert result.stderr.startswith(f"citekit: error: {bib}:line 3: ")


# --- Help texts name every export format: they are built from the writer registry ---------------

def test_help_texts_list_every_export_format():
    assert " ".join(run("--help").stdout.split()).startswith(
        "Usage: citekit [OPTIONS] COMMAND [ARGS]... Checked MLA, APA and Chicago citations, and BibTeX, biblatex, "
        "CSL-JSON or RIS files, from pasted Article Details, CSL-JSON, BibTeX, RIS or a saved web page.")
    assert "  export      Write the records in INPUT as BibTeX, biblatex, CSL-JSON or RIS.\n" in run("--help").stdout
    assert run("export", "--help").stdout.splitlines()[2] == (
        "  Write the records in INPUT as BibTeX, biblatex, CSL-JSON or RIS.")
    export_help = {param.name: param.help for param in cli.commands["export"].params}
    assert export_help["writer"] == "bibtex, biblatex, csljson or ris (default: from the -o suffix, else bibtex)."
    assert export_help["output"] == "Write here (- for stdout); the format follows the suffix: .bib .json .ris."
    bib_help = {param.name: param.help for param in cli.commands["bib"].params}
    assert bib_help["output"] == ("Write here (- for stdout); the format follows the suffix: "
                                  ".txt .html .md .docx .bib .json .ris.")
    assert bib_help["fmt"] == ("text, html, markdown, docx, bibtex, biblatex, csljson or ris: when there is no -o, "
                               "or to override its suffix.")


def test_the_format_lists_follow_the_writer_registry(monkeypatch):
    from citekit import export
    from citekit.bibliography import format_names, format_suffixes

    endnote = export.WriterSpec("endnote", "citekit.export.ris", "write_ris", "export_ris", suffixes=(".enw",),
                                label="EndNote")
    monkeypatch.setitem(export.WRITERS, "endnote", endnote)
    assert export.writer_labels() == ["BibTeX", "biblatex", "CSL-JSON", "RIS", "EndNote"]
    assert format_names() == ["text", "html", "markdown", "docx", "bibtex", "biblatex", "csljson", "ris", "endnote"]
    assert format_suffixes() == [".txt", ".html", ".md", ".docx", ".bib", ".json", ".ris", ".enw"]


# --- A record with nothing citable -----------------------------------------------------------------

def test_cite_warns_about_a_record_with_no_title_and_no_author(tmp_path):
    bare = tmp_path / "bare.json"
    bare.write_text('[{"id": "x", "type": "webpage"}]', encoding="utf-8")
    result = run("cite", str(bare), "--style", "apa")
    assert (result.exit_code, result.stdout) == (0, "(n.d.).\n")  # a warning: the citation stays, exit 0
    assert result.stderr == (
        "citekit: warning: record 'x' has no title and no author, so its citation cannot say what the work is "
        f'(add "title", and "author" if the source names one, to the record in {bare}; citekit validate {bare} '
        "lists what else is missing)\n")
    piped = run("cite", "-", "--style", "chicago-author-date", stdin=bare.read_text(encoding="utf-8"))
    assert (piped.exit_code, piped.stdout) == (0, "n.d.\n")
    assert piped.stderr == (
        "citekit: warning: record 'x' has no title and no author, so its citation cannot say what the work is "
        '(add "title", and "author" if the source names one, to the record you gave on stdin; citekit validate - '
        "lists what else is missing)\n")


@pytest.mark.parametrize("added", [{"title": "Harbour records"}, {"author": [{"family": "Okafor", "given": "Ada"}]},
                                   {"editor": [{"family": "Okafor", "given": "Ada"}]}])
def test_a_title_or_a_name_is_enough_to_cite_without_a_warning(tmp_path, added):
    record = tmp_path / "record.json"
    record.write_text(json.dumps([{"id": "x", "type": "webpage", **added}]), encoding="utf-8")
    result = run("cite", str(record), "--style", "apa")
    assert (result.exit_code, result.stderr) == (0, "")


# --- Ctrl-C ------------------------------------------------------------------------------------------

def test_ctrl_c_in_a_command_is_one_line_and_exit_130(monkeypatch):
    from citekit import commands

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "cite_records", interrupted)
    result = run("cite", FIXTURE, "--style", "mla")
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "citekit: interrupted\n")


def test_ctrl_c_stops_the_console_script_with_exit_130():
    import signal
    import time

    script = shutil.which("citekit", path=str(Path(sys.executable).parent)) or shutil.which("citekit")
    assert script, "the citekit console script is not installed"
    # Waiting for stdin that never ends: interrupted as a student would, with SIGINT.
    process = subprocess.Popen([script, "cite", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    wchan = Path(f"/proc/{process.pid}/wchan")
    deadline = time.monotonic() + 30
    # Past start-up, into the read of stdin (the kernel's pipe read), or a while where /proc cannot say.
    while time.monotonic() < deadline and ("pipe" not in wchan.read_text() if wchan.exists() else False):
        time.sleep(0.05)
    if not wchan.exists():
        time.sleep(2)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert (process.returncode, out, err) == (130, b"", b"citekit: interrupted\n")

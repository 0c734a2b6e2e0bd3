"""Style names as students type them: aliases with case, spaces and edition numbers forgiven, editions
the package holds found by their number, and near misses refused in one line that suggests the
closest names (render/styles.py)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from citekit.cli import cli
from citekit.errors import CitekitError
from citekit.library import Library
from citekit.render.styles import find_stem, resolve_style, spellings, style_family
from conftest import LENIN_FIXTURE, WHITE_TEETH

SEARCH_HINT = "`citekit styles WORDS` searches every style"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="citekit")


@pytest.mark.parametrize(("typed", "expected"), [
    ("APA 7", ["apa 7", "apa-7"]),
    ("apa7", ["apa7", "apa-7"]),
    ("Chicago Author Date", ["chicago author date", "chicago-author-date"]),
    ("mla_9th_edition", ["mla_9th_edition", "mla-9th-edition", "mla-9"]),
    ("APA 7th ed.", ["apa 7th ed.", "apa-7th-ed.", "apa-7"]),
    ("mla", ["mla"]),
])
def test_spellings_go_from_as_typed_to_words_joined_and_a_bare_edition(typed, expected):
    assert spellings(typed) == expected


@pytest.mark.parametrize(("typed", "stem"), [
    # The spellings of the editions citekit has aliases for.
    ("apa7", "apa"), ("apa-7", "apa"), ("APA 7", "apa"), ("APA 7th edition", "apa"),
    ("mla9", "modern-language-association"), ("MLA 9", "modern-language-association"),
    ("chicago17", "chicago-notes-bibliography-17th-edition"),
    ("chicago-17", "chicago-notes-bibliography-17th-edition"),
    ("Chicago 18", "chicago-notes-bibliography"),
    ("chicago author date", "chicago-author-date"),
    ("Chicago Author Date 17", "chicago-author-date-17th-edition"),
    # Editions the package holds under their own name, found from the number.
    ("apa6", "apa-6th-edition"),
    ("Chicago 16", "chicago-notes-bibliography-16th-edition"),
    ("chicago-author-date 16", "chicago-author-date-16th-edition"),
    # Names of the package's files are taken as they are.
    ("apa-6th-edition", "apa-6th-edition"), ("ieee", "ieee"),
])
def test_obvious_spellings_of_a_style_find_its_file(typed, stem):
    assert find_stem(typed) == stem
    assert resolve_style(typed).path.stem == stem


@pytest.mark.parametrize("typed", ["mlaa", "mla8", "harvard", "", "apa 7 please"])
def test_names_that_are_no_spelling_of_a_style_find_nothing(typed):
    assert find_stem(typed) is None


@pytest.mark.parametrize(("typed", "family"), [
    ("APA 7", "apa"), ("apa7", "apa"), ("mla9", "mla"), ("chicago 17", "chicago"), ("apa6", None), ("ieee", None),
    ("chicago-whatever", "chicago"), ("/styles/chicago-local.csl", "chicago"), ("mlaa", None),
])
def test_the_family_of_a_typed_name_is_that_of_the_style_it_finds(typed, family):
    assert style_family(typed) == family


@pytest.mark.parametrize(("typed", "hint"), [
    ("mlaa", f"did you mean mla? {SEARCH_HINT}"),
    ("mla8", f"did you mean mla-9? {SEARCH_HINT}"),
    ("ieeee", f"did you mean ieee? {SEARCH_HINT}"),
    ("chicago-author", f"did you mean chicago-author-date, chicago-author-date-17 or chicago-author-date-fr? "
                       f"{SEARCH_HINT}"),
    (" ", f"`citekit styles` lists citekit's names, {SEARCH_HINT}"),
])
def test_an_unknown_style_suggests_the_closest_names_once_each(typed, hint):
    with pytest.raises(CitekitError) as caught:
        resolve_style(typed)
    assert str(caught.value) == f"--style: unknown style '{typed}' ({hint})"


@pytest.mark.parametrize(("typed", "advice"), [
    ("Turabian", "Turabian's Manual for Writers follows Chicago, and its 9th edition Chicago 17: use --style "
                 "chicago-17, or chicago-author-date-17 for Turabian's author-date style"),
    ("harvard", "there is no single Harvard style: search the variants with `citekit styles harvard` and use "
                "the one your school names"),
])
def test_a_guide_with_no_style_file_gets_advice_and_no_substitute(typed, advice):
    with pytest.raises(CitekitError) as caught:
        resolve_style(typed)
    assert str(caught.value) == f"--style: citekit has no style named '{typed}' ({advice})"


def test_cite_accepts_the_spellings_and_prints_what_the_alias_prints():
    expected = run("cite", str(LENIN_FIXTURE), "--style", "chicago-author-date")
    assert expected.exit_code == 0
    for typed in ("chicago author date", "Chicago Author-Date", "CHICAGO_AUTHOR_DATE"):
        assert run("cite", str(LENIN_FIXTURE), "--style", typed).stdout == expected.stdout, typed
    apa = run("cite", str(LENIN_FIXTURE), "--style", "apa").stdout
    assert [run("cite", str(LENIN_FIXTURE), "--style", typed).stdout for typed in ("apa7", "APA 7")] == [apa, apa]


@pytest.mark.parametrize("command", [["cite", str(LENIN_FIXTURE)], ["validate", str(LENIN_FIXTURE)], ["bib"]])
def test_a_near_miss_is_one_line_and_exit_2_in_every_command_taking_a_style(tmp_path, command):
    Library(tmp_path).add([WHITE_TEETH])
    result = run(*command, "--style", "mlaa", *(["--library", str(tmp_path)] if command == ["bib"] else []))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"citekit: error: --style: unknown style 'mlaa' (did you mean mla? {SEARCH_HINT})\n"


def test_validate_reads_a_spelling_as_its_style():
    assert run("validate", str(LENIN_FIXTURE), "--style", "MLA 9").stdout == run(
        "validate", str(LENIN_FIXTURE), "--style", "mla").stdout

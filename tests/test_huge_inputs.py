"""Huge inputs: refused at once with one line naming the limit, or read in bounded memory.

The limits per format are in sources/__init__.py with the measurements behind them; bench/memory.py
measures peak memory and time near them. Here only what is fast: inputs just over each limit
(padded with spaces, so they are refused before any parsing), a 2 GB sparse file, the limits'
exact boundary (with small limits patched in), one 10 MB line, 1,000,000 lines, a .bib with one
5 MB field, a CSL-JSON title of 1 MB, and JSON nested 100,000 deep.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import citekit.sources as sources
from citekit.cli import cli

MB = 1024 * 1024
SCRIPT = shutil.which("citekit", path=str(Path(sys.executable).parent)) or shutil.which("citekit")

# The limits chosen from bench/memory.py (about 1 GB and 20 s at most on a 2-core machine).
EXPECTED_LIMITS = {"csljson": 30 * MB, "csl-yaml": 2 * MB, "bibtex": 20 * MB, "ris": 10 * MB,
                   "html": 30 * MB, "article-details": 20 * MB}

# A start that makes each file its format, by suffix; the rest is padding.
HEADS = {
    "csljson": (".json", '[{"id": "a", "type": "book", "title": "A"}]'),
    "csl-yaml": (".yaml", "- id: a\n  type: book\n  title: A\n"),
    "bibtex": (".bib", "@book{a, title = {A}}\n"),
    "ris": (".ris", "TY  - BOOK\nTI  - A\nER  - \n"),
    "html": (".html", "<!doctype html><html><head><title>A</title></head><body>"),
    "article-details": (".txt", "Article Details:\n• Title A\n• Author Staff\n"),
}
NAMES = {"csljson": "CSL-JSON", "csl-yaml": "CSL-YAML", "bibtex": "BibTeX", "ris": "RIS", "html": "web page",
         "article-details": "Article Details text"}


def write_padded(path: Path, head: str, length: int) -> Path:
    """`head`, then spaces up to `length` characters (all ASCII: characters are bytes)."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(head)
        handle.write(" " * (length - len(head)))
    return path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="citekit")


# Runs the command in a grandchild and prints its peak RSS: a child forked straight from pytest would
# report pytest's own peak (ru_maxrss survives exec), which the tests here push past 200 MB.
_MEASURE = ("import os, subprocess, sys; child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL); "
            "_, status, usage = os.wait4(child.pid, 0); print(usage.ru_maxrss); "
            "sys.exit(os.waitstatus_to_exitcode(status))")


def run_measured(*args: str) -> tuple[int, str, int]:
    """(exit status, stderr, peak RSS in KB) of the installed citekit."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, SCRIPT, *args], capture_output=True, text=True,
                          timeout=120)
    return done.returncode, done.stderr, int(done.stdout)


def test_the_limits_are_the_measured_ones():
    assert sources.FORMAT_MAX_BYTES == EXPECTED_LIMITS
    assert sources.MAX_INPUT_BYTES == 30 * MB


@pytest.mark.parametrize("kind", list(HEADS))
def test_an_input_just_over_its_limit_is_refused_before_parsing(tmp_path, kind):
    suffix, head = HEADS[kind]
    path = write_padded(tmp_path / f"huge{suffix}", head, EXPECTED_LIMITS[kind] + 1)
    began = time.monotonic()
    result = run("parse", str(path))
    assert time.monotonic() - began < 10  # read and counted, never parsed
    assert result.exit_code == 2
    if EXPECTED_LIMITS[kind] == sources.MAX_INPUT_BYTES:  # refused while reading, before its format is known
        message = "input is larger than 30 MB, the most citekit reads at once"
    else:
        message = f"{NAMES[kind]} input is larger than {EXPECTED_LIMITS[kind] // MB} MB, the most citekit reads of it at once"
    assert result.stderr == f"citekit: error: {path}: {message} (split it into smaller files)\n"


def test_add_of_a_too_large_input_stores_nothing(tmp_path):
    path = write_padded(tmp_path / "refs.bib", HEADS["bibtex"][1], 20 * MB + 1)
    result = run("add", str(path), "--library", str(tmp_path / "records"))
    assert result.exit_code == 2 and "BibTeX input is larger than 20 MB" in result.stderr
    assert not (tmp_path / "records").exists()


def test_content_detection_applies_the_same_limits_to_stdin(tmp_path):
    text = HEADS["bibtex"][1] + " " * (20 * MB + 1 - len(HEADS["bibtex"][1]))
    result = CliRunner().invoke(cli, ["parse", "-"], input=text.encode("ascii"), prog_name="citekit")
    assert result.exit_code == 2
    assert result.stderr.startswith("citekit: error: <stdin>: BibTeX input is larger than 20 MB")


@pytest.mark.skipif(SCRIPT is None, reason="the citekit console script is not installed")
def test_a_2_gb_file_is_refused_fast_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(2 * 1024 * MB)  # sparse: costs no disk
    began = time.monotonic()
    status, stderr, peak_kb = run_measured("parse", str(path))
    assert status == 2
    assert stderr == (f"citekit: error: {path}: input is larger than 30 MB, the most citekit reads at once "
                      "(split it into smaller files)\n")
    assert time.monotonic() - began < 10
    assert peak_kb < 100 * 1024  # it read 30 MB + 1 byte, not 2 GB


@pytest.mark.parametrize("kind", ["bibtex", "csljson", "article-details"])
def test_the_limit_is_exact(tmp_path, monkeypatch, kind):
    suffix, head = HEADS[kind]
    monkeypatch.setitem(sources.FORMAT_MAX_BYTES, kind, 4000)
    at_limit = write_padded(tmp_path / f"at{suffix}", head, 4000)
    over = write_padded(tmp_path / f"over{suffix}", head, 4001)
    parsed = run("parse", str(at_limit))
    assert parsed.exit_code == 0, parsed.stderr
    assert json.loads(parsed.stdout)[0]["title"] == "A"
    refused = run("parse", str(over))
    assert refused.exit_code == 2
    assert refused.stderr == (f"citekit: error: {over}: {NAMES[kind]} input is larger than 4,000 characters, "
                              "the most citekit reads of it at once (split it into smaller files)\n")


@pytest.mark.skipif(SCRIPT is None, reason="the citekit console script is not installed")
@pytest.mark.parametrize("name, text, most_mb", [
    ("one-line.txt", "x" * (10 * MB) + "\n", 150),
    # 17 MB in 1,000,000 lines: measured 474 MB (the 20 MB limit keeps any such text near 0.6 GB).
    ("million-lines.txt", "• nothing to see\n" * 1_000_000, 700),
])
def test_a_10_mb_line_and_a_million_lines_of_junk_are_one_error_in_bounded_memory(tmp_path, name, text, most_mb):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    status, stderr, peak_kb = run_measured("parse", str(path))
    assert status == 2
    assert stderr.startswith(f"citekit: error: {path}: no 'Article Details' labels found")
    assert len(stderr.splitlines()) == 1
    assert peak_kb < most_mb * 1024


def test_a_bib_field_of_5_mb_is_kept_whole(tmp_path):
    value = "harbour " * (5 * MB // 8)
    path = tmp_path / "long.bib"
    path.write_text("@book{long, author = {Okafor, Ada}, title = {Harbours}, year = {2019}, note = {"
                    + value.strip() + "}}\n", encoding="utf-8")
    result = run("parse", str(path))
    assert result.exit_code == 0, result.stderr[:300]
    record = json.loads(result.stdout)[0]
    assert record["note"] == value.strip() and record["title"] == "Harbours"


def test_a_csl_json_title_of_1_mb_is_kept_whole(tmp_path):
    title = "Harbours of the Bight " * (MB // 22)
    path = tmp_path / "long.json"
    path.write_text(json.dumps([{"id": "long", "type": "book", "title": title}]), encoding="utf-8")
    result = run("parse", str(path))
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["title"] == title


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000])
def test_json_nested_100000_deep_is_one_error(tmp_path, text):
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    result = run("parse", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"citekit: error: {path}: the JSON is nested too deeply to read")

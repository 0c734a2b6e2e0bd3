"""How much memory and time does citekit need for a huge input? Peak RSS and wall time per input kind and size.

Generates each input in a temporary folder (streamed to disk, never held whole in this process):
  bib   a .bib of journal articles (two authors, title, journal, year, volume, pages, DOI)
  json  a CSL-JSON list of journal articles
  yaml  a CSL-YAML list of the same records
  ris   a RIS file of the same records
  txt   an Article Details-like text, blocks of 9 lines (about 780,000 lines at 20 MB, 1,750,000 at 45 MB)
  junk  plain text lines with no label at all
  runon one Article Details block with short lines under it and no blank line (1,000,000 lines at 9 MB):
        they run on as the last value, and citekit refuses it after 100 lines of one value
then runs `citekit parse FILE` (or `citekit add FILE` into a new library, with --command add;
stdout to /dev/null) in a child process, reads that child's peak
RSS from `os.wait4` (ru_maxrss) and its wall time, and the same for a peer reading the same file
in a child of the same interpreter: bibtexparser 2.1.0 `parse_file` (the `bench` extra) for .bib,
`json.load` for JSON, `yaml.safe_load` (PyYAML's C loader when built) for YAML, `rispy.load` for
RIS, a plain line-by-line read for text. Prints both and citekit's ratio to the peer.

By default citekit runs as installed, so an input above its size limit for that format is refused
(shown as "refused"). `--no-limits` lifts the limits in the child (sources.MAX_INPUT_BYTES and
FORMAT_MAX_BYTES) to measure the parsers themselves: how the limits in sources/__init__.py were chosen.

Sizes are in MB; "limit" is just under the format's limit and "over" just above it.

Usage: python bench/memory.py [--kinds bib json txt] [--sizes 1 10 limit over 45] [--command parse|add] [--no-limits]
Needs bibtexparser for the .bib peer: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, TextIO

MB = 1024 * 1024
KINDS = ("bib", "json", "yaml", "ris", "txt", "junk", "runon")
SUFFIX = {"bib": ".bib", "json": ".json", "yaml": ".yaml", "ris": ".ris", "txt": ".txt", "junk": ".txt",
          "runon": ".txt"}


def _bib(i: int) -> str:
    return (f"@article{{key{i},\n  author = {{Okafor{i}, Ada and Lindqvist, Bo}},\n"
            f"  title = {{Harbour trade on the coast, study {i}}},\n  journal = {{Journal of Maritime History}},\n"
            f"  year = {{{1950 + i % 70}}},\n  volume = {{{i % 40 + 1}}},\n  pages = {{1--10}},\n"
            f"  doi = {{10.5555/harbour.{i}}},\n}}\n\n")


def _csl(i: int) -> dict:
    return {"id": f"okafor-{i}", "type": "article-journal",
            "author": [{"family": f"Okafor{i}", "given": "Ada"}, {"family": "Lindqvist", "given": "Bo"}],
            "title": f"Harbour trade on the coast, study {i}", "container-title": "Journal of Maritime History",
            "issued": {"date-parts": [[1950 + i % 70]]}, "volume": str(i % 40 + 1), "page": "1-10",
            "DOI": f"10.5555/harbour.{i}"}


def _yaml(i: int) -> str:
    return (f"- id: okafor-{i}\n  type: article-journal\n  author:\n  - family: Okafor{i}\n    given: Ada\n"
            f"  - family: Lindqvist\n    given: Bo\n  title: 'Harbour trade on the coast, study {i}'\n"
            f"  container-title: Journal of Maritime History\n  issued:\n    date-parts:\n    - [{1950 + i % 70}]\n"
            f"  volume: '{i % 40 + 1}'\n  page: 1-10\n  DOI: 10.5555/harbour.{i}\n")


def _ris(i: int) -> str:
    return (f"TY  - JOUR\nAU  - Okafor{i}, Ada\nAU  - Lindqvist, Bo\nTI  - Harbour trade on the coast, study {i}\n"
            f"JO  - Journal of Maritime History\nPY  - {1950 + i % 70}\nVL  - {i % 40 + 1}\nSP  - 1\nEP  - 10\n"
            f"DO  - 10.5555/harbour.{i}\nER  - \n\n")


def _details(i: int) -> str:
    # 9 lines of 27 characters on average: about 39,000 lines per MB.
    return (f"Article Details:\n• Author Staff {i:07d}\n• Title Harbour trade on the coast, study {i}\n"
            f"• Website Name HISTORY\n• URL https://www.history.com/articles/harbour-{i}\n"
            f"• Access Date March 22, 2018\n• Publisher A+E Networks\n• Year Published 2018\n\n")


def _junk(i: int) -> str:
    return f"Line {i} of text that holds no Article Details label and no record at all.\n"


def _runon(i: int) -> str:
    return "Article Details:\n• Title Lenin\n• Author Staff\n" if i == 0 else f"x {i}\n"


def write_input(kind: str, size_mb: float, path: Path) -> int:
    """Write about `size_mb` MB of `kind` to `path`; returns the number of records (or lines)."""
    target = int(size_mb * MB)
    make: Callable[[int], str] = {"bib": _bib, "yaml": _yaml, "ris": _ris, "txt": _details, "junk": _junk,
                                  "runon": _runon}.get(kind)
    with open(path, "w", encoding="utf-8") as handle:
        written, count = 0, 0
        handle.write("[" if kind == "json" else "")
        while written < target:
            text = (("," if count else "") + json.dumps(_csl(count))) if kind == "json" else make(count)
            handle.write(text)
            written, count = written + len(text), count + 1
        handle.write("]\n" if kind == "json" else "")
    return count


# The limits become the file's size: read() allocates its whole argument up front.
_LIFT_LIMITS = ("import os, sys, citekit.sources as s; s.MAX_INPUT_BYTES = os.path.getsize(sys.argv[1]); "
                "s.FORMAT_MAX_BYTES.update(dict.fromkeys(s.FORMAT_MAX_BYTES, s.MAX_INPUT_BYTES)); "
                "from citekit.cli import main; sys.argv = ['citekit', 'parse', *sys.argv[1:]]; main()")

PEERS = {
    "bib": "import sys, bibtexparser; bibtexparser.parse_file(sys.argv[1])",
    "json": "import sys, json; json.load(open(sys.argv[1], encoding='utf-8'))",
    "yaml": ("import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), "
             "Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))"),
    "ris": "import sys, rispy; rispy.load(open(sys.argv[1], encoding='utf-8'))",
    "txt": "import sys\nfor line in open(sys.argv[1], encoding='utf-8'): pass",
    "junk": "import sys\nfor line in open(sys.argv[1], encoding='utf-8'): pass",
    "runon": "import sys\nfor line in open(sys.argv[1], encoding='utf-8'): pass",
}


def measure(command: list[str]) -> tuple[float, float, int]:
    """(peak RSS in MB, wall seconds, exit status) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, time.perf_counter() - start, child.returncode


def citekit_command(path: Path, command: str, no_limits: bool) -> list[str]:
    arguments = [str(path)] if command == "parse" else [str(path), "--library", str(path.with_suffix(".library"))]
    if no_limits:
        return [sys.executable, "-c", _LIFT_LIMITS.replace("'parse'", repr(command)), *arguments]
    script = Path(sys.executable).parent / "citekit"
    return [str(script), command, *arguments]


def size_in_mb(size: str, kind: str) -> float:
    """A size from the command line: MB, or "limit" / "over" the format's input limit."""
    from citekit.sources import FORMAT_MAX_BYTES

    limit = FORMAT_MAX_BYTES[{"bib": "bibtex", "json": "csljson", "yaml": "csl-yaml", "ris": "ris"}.get(
        kind, "article-details")] / MB
    return {"limit": limit - 0.05, "over": limit + 0.05}.get(size) or float(size)


def report(out: TextIO, kind: str, size_mb: float, count: int, ours: tuple, peer: tuple) -> None:
    rss, wall, status = ours
    outcome = {0: "ok", 1: "ok", 2: "exit 2"}.get(status, f"exit {status}")  # 2: refused, or no record in it
    print(f"{kind:<5} {size_mb:>6.2f} MB {count:>9,} {outcome:>8}  citekit {rss:8.0f} MB {wall:7.2f} s   "
          f"peer {peer[0]:7.0f} MB {peer[1]:6.2f} s   x{rss / peer[0]:5.1f} RSS x{wall / max(peer[1], 1e-3):6.1f} time",
          file=out, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=["bib", "json", "txt"])
    parser.add_argument("--sizes", nargs="+", default=["1", "10", "limit", "over", "45"],
                        help='Input sizes in MB, or "limit" / "over" (just under / over the format\'s limit).')
    parser.add_argument("--command", choices=["parse", "add"], default="parse")
    parser.add_argument("--no-limits", action="store_true", help="Lift citekit's input size limits in the child.")
    options = parser.parse_args()
    print(f"{'kind':<5} {'size':>9} {'records':>9} {'outcome':>8}  peak RSS and wall time; peer: "
          "bibtexparser / json.load / yaml / rispy / line read", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for kind in options.kinds:
            for size in options.sizes:
                size_mb = size_in_mb(size, kind)
                path = Path(folder) / f"input-{size_mb:g}{SUFFIX[kind]}"
                count = write_input(kind, size_mb, path)
                ours = measure(citekit_command(path, options.command, options.no_limits))
                peer = measure([sys.executable, "-c", PEERS[kind], str(path)])
                report(sys.stdout, kind, size_mb, count, ours, peer)
                path.unlink()
                shutil.rmtree(path.with_suffix(".library"), ignore_errors=True)


if __name__ == "__main__":
    main()

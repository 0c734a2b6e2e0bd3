"""How fast is the library? Adding 10,000 records, and list/search/show in a 50,000-record library.

Measures, with this interpreter and the installed `citekit` script, in a temporary folder:
  add:   `citekit add big.json` of one generated 10,000-record CSL-JSON file (whole process),
         and `Library.add` of the same 10,000 records through the Python API;
  build: a 50,000-record library through `Library.add` (5 calls of 10,000);
  query: `citekit list`, `citekit search`, `citekit show` on it, cold (no index, files not yet
         read) and warm (median of repeated runs), whole process, stdout to a pipe; wall time,
         and CPU time (user + system), which other work on the machine disturbs less;
  api:   `Library.records()` of all 50,000 (what a whole-library bibliography reads).
Target: list, search and show under 0.5 s once warm.

Usage: python bench/library.py [--records 50000] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_SYLLABLES = ["ka", "lo", "mi", "ren", "sto", "vel", "dra", "quin", "bas", "tor", "el", "fen", "gri", "hul",
              "jas", "nor", "pel", "ruk", "sav", "wen"]
_TYPES = ("article-journal", "book", "webpage", "chapter")


def family_name(number: int) -> str:
    """A distinct made-up family name per number: "Kalomi", "Lorensto", …"""
    parts = []
    for _ in range(4):
        number, digit = divmod(number, len(_SYLLABLES))
        parts.append(_SYLLABLES[digit])
    return "".join(parts).capitalize()


def make_record(number: int) -> dict:
    kind = _TYPES[number % len(_TYPES)]
    record = {"id": f"bench-{number:06d}", "type": kind,
              "author": [{"family": family_name(number), "given": "Ada"}],
              "title": f"Findings on question {number} of the survey", "issued": {"date-parts": [[1950 + number % 70]]}}
    if kind == "article-journal":
        record.update({"container-title": "Journal of Library Studies", "volume": str(number % 40 + 1),
                       "DOI": f"10.5555/bench.{number}"})
    elif kind == "webpage":
        record.update({"container-title": "Example History", "URL": f"https://example.org/articles/{number}"})
    else:
        record["publisher"] = "Example Press"
    return record


def run_seconds(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one whole process, stdout to a pipe."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timed(label: str, function):
    start = time.perf_counter()
    result = function()
    print(f"{label:<62} {time.perf_counter() - start:8.2f} s", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", help="Build the libraries in this folder and keep them.")
    args = parser.parse_args()
    citekit = shutil.which("citekit", path=str(Path(sys.executable).parent)) or shutil.which("citekit")
    if not citekit:
        sys.exit("citekit is not installed in this environment: pip install -e . first")
    from citekit.library import open_library
    from citekit.library_index import INDEX_NAME
    from citekit.model import records_from_csl

    work = Path(args.keep or tempfile.mkdtemp(prefix="citekit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    batch = [make_record(n) for n in range(10_000)]
    big = work / "big.json"
    big.write_text(json.dumps(batch), encoding="utf-8")

    print(f"in {work}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    wall, cpu = run_seconds([citekit, "add", str(big), "--library", str(work / "cli-library")])
    print(f"{'citekit add big.json (10,000 records, whole process)':<62} {wall:8.2f} s  (cpu {cpu:.2f} s)", flush=True)
    records = timed("parse 10,000 records (records_from_csl)", lambda: records_from_csl(batch))
    api_library = open_library(str(work / "api-library"))
    timed("Library.add of 10,000 records (Python API)", lambda: api_library.add(records))

    library = open_library(str(work / "library"))
    start = time.perf_counter()
    for first in range(0, args.records, 10_000):
        chunk = records_from_csl([make_record(n) for n in range(first, min(first + 10_000, args.records))])
        library.add(chunk)
    print(f"{f'build a {args.records:,}-record library (parse + Library.add)':<62} "
          f"{time.perf_counter() - start:8.2f} s", flush=True)

    folder = str(work / "library")
    middle = f"bench-{args.records // 2:06d}"
    queries = [
        ("list", [citekit, "list", "--library", folder]),
        ("list --json", [citekit, "list", "--json", "--library", folder]),
        ("search (one match: author:<name>)", [citekit, "search", f"author:{family_name(args.records // 2)}",
                                                "--library", folder]),
        ("search (1/70 match: 1999)", [citekit, "search", "1999", "--library", folder]),
        ("search (no match: zzz)", [citekit, "search", "zzz", "--library", folder]),
        (f"show {middle}", [citekit, "show", middle, "--library", folder]),
        (f"show {middle.upper()} (case differs: uses the index)", [citekit, "show", middle.upper(), "--library", folder]),
    ]
    for label, command in queries:
        os.unlink(os.path.join(folder, INDEX_NAME)) if os.path.exists(os.path.join(folder, INDEX_NAME)) else None
        cold, _ = run_seconds(command)
        warm = [run_seconds(command) for _ in range(args.runs)]
        print(f"{label:<62} cold {cold:6.2f} s   warm {statistics.median(w for w, _ in warm):6.3f} s "
              f"(cpu {statistics.median(c for _, c in warm):.3f} s)", flush=True)
    print(f"load average now {os.getloadavg()[0]:.1f}")
    count = len(timed(f"Library.records() of {args.records:,} (warm index)", lambda: open_library(folder).records()))
    assert count == args.records, count
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()

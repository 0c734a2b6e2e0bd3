"""How fast does one citation start and finish? Median wall time over repeated runs.

Runs, in this process tree and with this interpreter:
  floor:   python -c pass
  import:  python -c "import citekit"
  cite:    citekit cite tests/fixtures/lenin-article-details.txt --style mla
and prints each median with its ratio to the floor. Target: cite under 200 ms median.

Usage: python bench/cli_latency.py [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "lenin-article-details.txt"


# A student's pip install leaves compiled .pyc files beside the modules; a shell that sets
# PYTHONDONTWRITEBYTECODE would make every run recompile citekit from source and time the compiler.
BENCH_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def median_ms(command: list[str], runs: int) -> float:
    # The first run warms the file cache and writes any missing .pyc files.
    subprocess.run(command, check=True, capture_output=True, env=BENCH_ENV)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=BENCH_ENV)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    citekit = shutil.which("citekit", path=str(Path(sys.executable).parent)) or shutil.which("citekit")
    if not citekit:
        sys.exit("citekit is not installed in this environment: pip install -e . first")
    cases = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("python -c 'import citekit'", [sys.executable, "-c", "import citekit"]),
        ("citekit cite <fixture> --style mla", [citekit, "cite", str(FIXTURE), "--style", "mla"]),
        ("citekit cite <fixture> --style mla --engine citeproc-py",
         [citekit, "cite", str(FIXTURE), "--style", "mla", "--engine", "citeproc-py"]),
    ]
    floor = None
    print(f"median wall time over {args.runs} runs")
    for label, command in cases:
        ms = median_ms(command, args.runs)
        floor = floor or ms
        print(f"{label:<58} {ms:8.1f} ms  {ms / floor:6.1f}x floor")


if __name__ == "__main__":
    main()

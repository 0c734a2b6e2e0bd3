"""How fast is a long bibliography? citekit against citeproc-js, whole processes, same records and CSL file.

For APA and MLA, 1,000, 5,000 and 10,000 generated records, in two variants:
  distinct: every record has its own authors (the issue's benchmark);
  shared:   authors drawn from a small pool, a few years, so year suffixes ("2020a") and given
            names are needed — disambiguation has real work to do.
Each run is a fresh process: `citekit` (write_bibliography to a .txt file, pandoc engine, cold
cache) and `node tools/citeproc-js/render.js` (citeproc-js, the engine in Zotero), on the same
records and the same .csl file. citekit is also timed warm (same list again, cache kept) and
after adding one record. Then one whole pandoc run (no splitting) for APA at small sizes,
which shows why citekit splits: pandoc 3's citeproc is superlinear there.

Usage: python bench/bibliography.py [--sizes 1000 5000 10000] [--whole-sizes 250 500 1000]
                                    [--styles apa mla] [--variants distinct shared]
(`npm ci` in tools/citeproc-js first, if node_modules is missing.)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HARNESS = ROOT / "tools" / "citeproc-js" / "render.js"
FAMILIES = ["Smith", "Jones", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Johnson", "Roberts",
            "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood"]
GIVEN = ["Anna", "Ben", "Clara", "David", "Emma", "Frank", "Grace", "Henry", "Iris", "Jack", "Jane", "John"]
TOPICS = ["causes", "effects", "meaning", "memory", "politics", "economy"]


def make_records(count: int, variant: str, seed: int = 1) -> list[dict]:
    """Journal articles, books and web pages with one or two authors, reproducibly."""
    rnd = random.Random(seed)
    records = []
    for i in range(count):
        if variant == "shared":
            first = {"family": rnd.choice(FAMILIES), "given": rnd.choice(GIVEN)}
            second = {"family": rnd.choice(FAMILIES), "given": rnd.choice(GIVEN)}
            year = 2015 + rnd.randrange(8)
        else:
            first = {"family": f"Author{i:05d}", "given": GIVEN[i % len(GIVEN)]}
            second = {"family": f"Coauthor{i:05d}", "given": rnd.choice(GIVEN)}
            year = 1950 + i % 70
        kind = ("article-journal", "book", "webpage")[i % 3]
        title = f"On the history of topic {i} and its {rnd.choice(TOPICS)}"
        record = {"id": f"r{i:05d}", "type": kind, "title": title,
                  "author": [first, second] if i % 4 == 0 else [first], "issued": {"date-parts": [[year]]}}
        if kind == "article-journal":
            record.update({"container-title": "Journal of Social History", "volume": str(i % 40 + 1),
                           "issue": str(i % 4 + 1), "page": f"{i % 300 + 1}-{i % 300 + 25}",
                           "DOI": f"10.5555/jsh.{i}"})
        elif kind == "book":
            record["publisher"] = rnd.choice(["Oxford University Press", "Penguin", "Routledge"])
        else:
            record.update({"container-title": "History Today", "URL": f"https://www.example.org/articles/{i}",
                           "accessed": {"date-parts": [[2024, 3, 1]]}})
        records.append(record)
    return records


def timed(command: list[str], timeout: float = 3600) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command[:4])}…\n{result.stderr.decode()[-2000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def citekit_command(items: Path, style: Path, out: Path, cache: Path | None, whole: bool = False) -> list[str]:
    return [sys.executable, __file__, "--render-one", str(items), str(style), str(out), str(cache or ""),
            "whole" if whole else "split"]


def render_one(items: str, style: str, out: str, cache: str, mode: str) -> None:
    """One citekit bibliography, as `citekit bib` would make it (run in its own process)."""
    from citekit.bibliography import write_bibliography
    from citekit.render import pandoc_engine

    if mode == "whole":
        pandoc_engine.SPLIT_MIN_ITEMS = 10**9
    with open(items, encoding="utf-8") as handle:
        records = json.load(handle)
    write_bibliography(records, style=style, output=out, cache_dir=cache or None, progress=False)


def locales_folder() -> Path:
    spec = importlib.util.find_spec("citeproc")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "locales"


def style_file(name: str) -> Path:
    from citekit.render.styles import resolve_style

    return resolve_style(name).path


def row(label: str, count: int, measured: tuple[float, float], reference: tuple[float, float] | None = None) -> str:
    seconds, cpu = measured
    ratio = f"{reference[0] / seconds:6.2f}x" if reference else "       "
    return f"{label:<34} {count:>6} {seconds:8.2f} s {count / seconds:8.0f} rec/s  {ratio}  (cpu {cpu:6.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--whole-sizes", type=int, nargs="*", default=[250, 500, 1000])
    parser.add_argument("--styles", nargs="+", default=["apa", "mla"])
    parser.add_argument("--variants", nargs="+", default=["distinct", "shared"])
    parser.add_argument("--render-one", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.render_one:
        render_one(*args.render_one)
        return
    if not (HARNESS.parent / "node_modules").is_dir():
        raise SystemExit("run `npm ci` in tools/citeproc-js first")
    locales = locales_folder()
    print("wall-clock seconds; ratio = citeproc-js seconds / citekit seconds (above 1: citekit is faster);")
    print("cpu = CPU seconds of the whole process tree (pandoc runs on every core)\n")
    with tempfile.TemporaryDirectory(prefix="citekit-bench-") as folder:
        work = Path(folder)
        for style_name in args.styles:
            style = style_file(style_name)
            for variant in args.variants:
                print(f"== {style_name} ({style.name}), {variant} authors")
                for count in args.sizes:
                    records = make_records(count, variant)
                    items = work / f"{variant}-{count}.json"
                    items.write_text(json.dumps(records), encoding="utf-8")
                    js = timed(["node", str(HARNESS), "--style", str(style), "--locales", str(locales),
                                "--items", str(items), "--mode", "bib", "--format", "text"])
                    cache = work / f"cache-{style_name}-{variant}-{count}"
                    cold = timed(citekit_command(items, style, work / "out.txt", cache))
                    warm = timed(citekit_command(items, style, work / "out.txt", cache))
                    more = make_records(count + 1, variant)  # one more record, as after `citekit add`
                    items.write_text(json.dumps(more), encoding="utf-8")
                    added = timed(citekit_command(items, style, work / "out.txt", cache))
                    print(row("citeproc-js", count, js))
                    print(row("citekit (cold cache)", count, cold, js))
                    print(row("citekit (warm cache)", count, warm, js))
                    print(row("citekit (warm, one record added)", count + 1, added, js))
                    sys.stdout.flush()
                print()
        if "apa" in args.styles and args.whole_sizes:
            print("== apa, distinct authors, one whole pandoc run (what citekit avoids)")
            for count in args.whole_sizes:
                items = work / f"whole-{count}.json"
                items.write_text(json.dumps(make_records(count, "distinct")), encoding="utf-8")
                whole = timed(citekit_command(items, style_file("apa"), work / "out.txt", None, whole=True))
                split = timed(citekit_command(items, style_file("apa"), work / "out.txt", None))
                print(row("pandoc, one run", count, whole))
                print(row("citekit, split", count, split))
                sys.stdout.flush()


if __name__ == "__main__":
    main()

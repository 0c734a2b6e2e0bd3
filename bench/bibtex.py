"""How fast are citekit's .bib importer and BibTeX/biblatex writer? Entries per second, against
bibtexparser v2 on the same file.

Builds a 10,000-entry .bib in a temporary folder by repeating the entries of biblatex's own
biblatex-examples.bib with distinct keys (`key-2`, `key-3`... in the copies; crossref, xref,
related and entryset follow their renamed entries; the @string definitions come once, first),
then times, best of `--runs`:
  parse   citekit: `parse_bibtex` (entries -> CSL records: LaTeX decoded, names split, dates read)
          bibtexparser: `parse_string` with its default stack (macros resolved, braces removed),
          and again with LaTeX decoding and name splitting, closer to what citekit does
  export  citekit: `export_bibtex` of those records, as BibTeX and as biblatex
          bibtexparser: `write_string` of its library (its in-place unparse stack)
and prints entries per second for each, and citekit's over bibtexparser's.

Usage: python bench/bibtex.py [--entries 10000] [--runs 3] [--bib PATH]
Needs bibtexparser: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

EXAMPLES = Path("/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib")
_KEY = re.compile(r"^(@\s*\w+\s*[{(]\s*)([^\s,]+)(\s*,)")
_KEY_LISTS = re.compile(r"(\b(?:crossref|xref|related|entryset|xdata)\s*=\s*\{)([^}]*)(\})", re.IGNORECASE)


def build_bib(source: str, entries: int) -> str:
    """`entries` entries: the source's entries repeated with distinct keys, macros first."""
    from citekit.sources.bibtex import NOT_ENTRIES, split_chunks

    chunks = split_chunks(source)
    strings = [c.text for c in chunks if c.kind == "string"]
    works = [c.text for c in chunks if c.kind not in NOT_ENTRIES]
    out: list[str] = []
    copy = 1
    while len(out) < entries:
        suffix = "" if copy == 1 else f"-{copy}"
        for text in works[: entries - len(out)]:
            text = _KEY.sub(lambda m: m[1] + m[2] + suffix + m[3], text, count=1)
            if suffix:
                text = _KEY_LISTS.sub(lambda m: m[1] + ",".join(
                    k.strip() + suffix for k in m[2].split(",") if k.strip()) + m[3], text)
            out.append(text)
        copy += 1
    return "\n".join(strings) + "\n\n" + "\n\n".join(out) + "\n"


def best_time(function: Callable[..., Any], runs: int,
              setup: Callable[[], Any] | None = None) -> tuple[float, Any]:
    """The shortest of `runs` timings of `function()`, or `function(setup())` (setup untimed)."""
    best, result = float("inf"), None
    for _ in range(runs):
        arguments = (setup(),) if setup else ()
        start = time.perf_counter()
        result = function(*arguments)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bib", type=Path, default=EXAMPLES, help="the .bib to replicate")
    args = parser.parse_args()
    try:
        import bibtexparser
        from bibtexparser import middlewares
    except ImportError:
        sys.exit("bench/bibtex.py needs bibtexparser v2: pip install -e '.[bench]'")
    from citekit.export.bibtex import export_bibtex
    from citekit.sources.bibtex import parse_bibtex

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.bib"
        path.write_text(build_bib(args.bib.read_text(encoding="utf-8"), args.entries), encoding="utf-8")
        text = path.read_text(encoding="utf-8")

    rows: list[tuple[str, str, float, int]] = []
    seconds, parsed = best_time(lambda: parse_bibtex(text, source=str(path)), args.runs)
    rows.append(("parse", "citekit parse_bibtex", seconds, len(parsed.records)))
    seconds, library = best_time(lambda: bibtexparser.parse_string(text), args.runs)
    rows.append(("parse", "bibtexparser parse_string", seconds, len(library.entries)))
    decoding = [middlewares.LatexDecodingMiddleware(), middlewares.SeparateCoAuthors(),
                middlewares.SplitNameParts()]
    seconds, decoded = best_time(lambda: bibtexparser.parse_string(text, append_middleware=decoding),
                                 args.runs)
    rows.append(("parse", "bibtexparser + LaTeX decoding, names", seconds, len(decoded.entries)))
    for dialect in ("bibtex", "biblatex"):
        seconds, _ = best_time(lambda: export_bibtex(parsed.records, dialect), args.runs)
        rows.append(("export", f"citekit export_bibtex ({dialect})", seconds, len(parsed.records)))
    # Its fastest way to write: a fresh library each run, modified in place, not deep-copied.
    in_place = middlewares.default_unparse_stack(allow_inplace_modification=True)
    seconds, _ = best_time(lambda fresh: bibtexparser.write_string(fresh, unparse_stack=in_place),
                           args.runs, setup=lambda: bibtexparser.parse_string(text))
    rows.append(("export", "bibtexparser write_string", seconds, len(library.entries)))

    print(f"{args.entries} entries from {args.bib.name}, best of {args.runs} runs "
          f"(bibtexparser {bibtexparser.__version__}, Python {sys.version.split()[0]})\n")
    print(f"{'step':<7} {'what':<40} {'seconds':>8} {'entries/s':>10}")
    for step, what, seconds, count in rows:
        print(f"{step:<7} {what:<40} {seconds:>8.2f} {count / seconds:>10.0f}")
    rate = {what: count / seconds for _, what, seconds, count in rows}
    print("\ncitekit / bibtexparser, entries per second:")
    print(f"  parse:  {rate['citekit parse_bibtex'] / rate['bibtexparser parse_string']:.2f} "
          f"(against bibtexparser with LaTeX decoding and names: "
          f"{rate['citekit parse_bibtex'] / rate['bibtexparser + LaTeX decoding, names']:.2f})")
    print(f"  export: {rate['citekit export_bibtex (biblatex)'] / rate['bibtexparser write_string']:.2f} "
          f"(biblatex), {rate['citekit export_bibtex (bibtex)'] / rate['bibtexparser write_string']:.2f} "
          "(BibTeX)")


if __name__ == "__main__":
    main()

"""Agreement of citekit's pandoc engine with citeproc-js over the corpus, as a table.

    python tests/differential/report.py              # the table
    python tests/differential/report.py --diff       # and every difference, listed or not
    python tests/differential/report.py --draft      # TOML drafts for differences not yet listed
    python tests/differential/report.py --unmended   # pandoc without citekit's mending: the "before"

The test module (test_agreement_pandoc.py) checks the same comparison against
known-differences.toml; this script is for reading it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from agreement import (compare, draft_entries, format_table, load_corpus, load_known_differences,  # noqa: E402
                       render_all, summarise)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="print every difference")
    parser.add_argument("--draft", action="store_true", help="print TOML drafts for unlisted differences")
    parser.add_argument("--unmended", action="store_true",
                        help="pandoc as it is, without citekit's mending (render/pandoc_mending.py)")
    args = parser.parse_args()
    if args.unmended:
        from citekit.render import pandoc_mending

        pandoc_mending.prepare_items = lambda items, style: items
        pandoc_mending.mend_entries = lambda entries, style, items: entries
    items = load_corpus()
    differences, tallies = compare(*render_all(items))
    known = load_known_differences()
    listed = {(k.difference.key, k.difference.citeproc_js, k.difference.citekit) for k in known}
    print(f"{len(items)} records; citeproc-js vs citekit's pandoc engine, guide rules off")
    print("percent: identical entries; +guide: identical, or different where the guide supports citekit\n")
    print(format_table(summarise(differences, tallies, known)))
    if args.diff:
        for d in differences:
            mark = "listed" if (d.key, d.citeproc_js, d.citekit) in listed else "NEW"
            print(f"\n[{mark}] {d.record_id}  {d.style} {d.mode} {d.format}\n"
                  f"  citeproc-js: {d.citeproc_js}\n  citekit:     {d.citekit}")
    if args.draft:
        print()
        print("\n".join(draft_entries(d for d in differences
                                      if (d.key, d.citeproc_js, d.citekit) not in listed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

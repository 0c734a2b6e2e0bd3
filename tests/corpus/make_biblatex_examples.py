"""Regenerate biblatex-examples.json: biblatex's own example database, read by citekit's importer.

    python tests/corpus/make_biblatex_examples.py [PATH/TO/biblatex-examples.bib]

The .bib file comes with TeX Live (Debian: texlive-bibtex-extra); it is not kept in this
repository, only what citekit makes of it. The differential tests read the JSON, so they run
without TeX Live. Run this again when the importer changes, and review the diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DEFAULT_BIB = Path("/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib")
OUTPUT = Path(__file__).with_name("biblatex-examples.json")


def main(argv: list[str]) -> int:
    from citekit.fileio import write_atomic
    from citekit.sources.bibtex import parse_bibtex

    bib = Path(argv[1]) if len(argv) > 1 else DEFAULT_BIB
    if not bib.is_file():
        print(f"{bib}: not found (Debian: apt-get install texlive-bibtex-extra)", file=sys.stderr)
        return 2
    parsed = parse_bibtex(bib.read_text(encoding="utf-8"), source=str(bib))
    items = [record.to_csl() for record in parsed.records]
    # biblatex's @set entries only group other entries to be cited together: they are not works,
    # CSL has nothing like them, and no guide has a form for them.
    items = [item for item in items if (item.get("bibtex") or {}).get("entrytype") != "set"]
    for item in items:
        # citekit's note of the BibTeX fields CSL has no variable for: no engine reads it, and it
        # would carry biblatex's own annotations into this repository word for word.
        item.pop("bibtex", None)
        item.pop("abstract", None)  # biblatex's example prose; no citation prints an abstract
    write_atomic(OUTPUT, json.dumps(items, ensure_ascii=False, indent=1) + "\n")
    print(f"{OUTPUT.name}: {len(items)} records, {len(parsed.findings)} findings from {bib.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

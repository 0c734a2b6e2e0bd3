"""The default engine: pandoc's citeproc, run as the binary shipped in the pypandoc-binary wheel.

We talk to pandoc in its JSON document format both ways: citations are built as Cite elements
(no Markdown to escape) and the rendered result comes back as a tree we turn into rich text.
pypandoc itself is not imported: finding its binary is enough, and importing it costs ~40 ms.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from citekit.errors import CitekitError
from citekit.render.engine import Citing, Entry
from citekit.render.richtext import Link, Node, RichText, Str, Styled
from citekit.render.styles import Style

PANDOC_API_VERSION = [1, 23, 1]
SPLIT_MIN_ITEMS = 200  # shorter reference lists are one pandoc run (0.4 s for 200 APA entries)


def pandoc_path() -> str:
    spec = importlib.util.find_spec("pypandoc")
    if spec and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            for name in ("pandoc", "pandoc.exe"):
                candidate = Path(location) / "files" / name
                if candidate.is_file():
                    return str(candidate)
    found = shutil.which("pandoc")
    if found:
        return found
    raise CitekitError("pandoc was not found (it comes with the pypandoc-binary package)",
                       hint="reinstall citekit, or use --engine citeproc-py")


def _str_inlines(text: str) -> list[dict]:
    inlines: list[dict] = []
    for i, word in enumerate(text.split(" ")):
        if i:
            inlines.append({"t": "Space"})
        if word:
            inlines.append({"t": "Str", "c": word})
    return inlines


def _cite_block(record_id: str, number: int, citing: Citing) -> dict:
    suffix = []
    if citing.locator:
        # pandoc's citeproc reads the locator and its label from the suffix, as in "[@id, page 23]".
        suffix = [{"t": "Str", "c": ","}, {"t": "Space"},
                  *_str_inlines(f"{citing.label.replace('-', ' ')} {citing.locator}")]
    citation = {
        "citationId": record_id, "citationPrefix": [], "citationSuffix": suffix,
        "citationMode": {"t": "NormalCitation"}, "citationNoteNum": number, "citationHash": 0,
    }
    return {"t": "Para", "c": [{"t": "Cite", "c": [[citation], [{"t": "Str", "c": f"[@{record_id}]"}]]}]}


def _document(items: list[dict], citing: Citing, bibliography: str, style: Style, locale: str) -> dict:
    def meta_str(value: str) -> dict:
        return {"t": "MetaString", "c": value}

    return {
        "pandoc-api-version": PANDOC_API_VERSION,
        "meta": {
            "bibliography": meta_str(bibliography),
            "csl": meta_str(str(style.path)),
            "lang": meta_str(locale),
            # Keep URLs as plain text runs in the tree; the backends decide how to link.
            "link-citations": {"t": "MetaBool", "c": False},
            "suppress-bibliography": {"t": "MetaBool", "c": citing.mode != "bib"},
        },
        "blocks": [_cite_block(record_id, n, citing) for n, record_id in enumerate(_cited_ids(items, citing), start=1)],
    }


# A short note is what the style prints for a work cited before (CSL position "subsequent"): each
# work is cited once in full, then, after a note to this placeholder (so that no short note
# directly follows its own full note, which a style may print as "Ibid."), once more.
_SPACER = {"id": "citekit-spacer", "type": "document", "title": "citekit spacer note"}


def _cited_ids(items: list[dict], citing: Citing) -> list[str]:
    ids = [item["id"] for item in items]
    return [*ids, _SPACER["id"], *ids] if citing.mode == "short-note" else ids


def _cited_items(items: list[dict], citing: Citing) -> list[dict]:
    """The records pandoc reads: for short notes, the placeholder too (never printed: no reference list)."""
    return [*items, _SPACER] if citing.mode == "short-note" else items


_STYLED = {"Emph": "emph", "Strong": "strong", "SmallCaps": "smallcaps", "Superscript": "superscript",
           "Subscript": "subscript", "Underline": "underline"}
_QUOTES = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}


def _inlines_to_nodes(inlines: list[dict]) -> list[Node]:
    nodes: list[Node] = []
    for inline in inlines:
        kind, content = inline["t"], inline.get("c")
        if kind == "Str":
            nodes.append(Str(content))
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            nodes.append(Str(" "))
        elif kind in _STYLED:
            nodes.append(Styled(_STYLED[kind], tuple(_inlines_to_nodes(content))))
        elif kind == "Quoted":
            left, right = _QUOTES[content[0]["t"]]
            nodes.extend([Str(left), *_inlines_to_nodes(content[1]), Str(right)])
        elif kind == "Link":
            nodes.append(Link(content[2][0], tuple(_inlines_to_nodes(content[1]))))
        elif kind == "Span":
            nodes.extend(_inlines_to_nodes(content[1]))
            if "csl-left-margin" in content[0][1]:
                nodes.append(Str(" "))  # "[1]" then the entry: keep them apart in plain text
        elif kind == "Cite":
            nodes.extend(_inlines_to_nodes(content[1]))
        elif kind == "Note":
            nodes.extend(_blocks_to_nodes(content))
        elif kind in ("Code", "Math", "RawInline"):
            nodes.append(Str(content[-1]))
        elif kind == "Strikeout":
            nodes.extend(_inlines_to_nodes(content))
    return nodes


def _blocks_to_nodes(blocks: list[dict]) -> list[Node]:
    nodes: list[Node] = []
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            if nodes:
                nodes.append(Str(" "))
            nodes.extend(_inlines_to_nodes(block["c"]))
        elif block["t"] == "Div":
            nodes.extend(_blocks_to_nodes(block["c"][1]))
    return nodes


def _find_cites(blocks: list[dict]) -> list[dict]:
    """The Cite elements in document order (one per paragraph we wrote)."""
    cites = []
    for block in blocks:
        if block["t"] == "Para":
            cites.extend(inline for inline in block["c"] if inline["t"] == "Cite")
    return cites


def _bibliography_entries(blocks: list[dict]) -> list[Entry]:
    for block in blocks:
        if block["t"] == "Div" and block["c"][0][0] == "refs":
            entries = []
            for div in block["c"][1]:
                ident = div["c"][0][0]
                entries.append(Entry(ident.removeprefix("ref-"), RichText(_blocks_to_nodes(div["c"][1]))))
            return entries
    return []


class PandocEngine:
    name = "pandoc"
    # render() takes cache_dir= (entries cached by group, see pandoc_split) and progress=(done, total).
    caches_bibliographies = True

    def render(self, items: list[dict], style: Style, citing: Citing, locale: str, *,
               cache_dir: str | os.PathLike | None = None,
               progress: Callable[[int, int], None] | None = None) -> list[Entry]:
        # Where the guides side with citeproc-js against pandoc's citeproc (tests/differential/).
        from citekit.render.pandoc_mending import mend_entries, prepare_items, style_for

        prepared = prepare_items(items, style)
        style = style_for(style, prepared)
        return mend_entries(self._render(prepared, style, citing, locale, cache_dir=cache_dir,
                                         progress=progress), style, prepared)

    def _render(self, items: list[dict], style: Style, citing: Citing, locale: str, *,
                cache_dir: str | os.PathLike | None = None,
                progress: Callable[[int, int], None] | None = None) -> list[Entry]:
        if citing.mode == "bib":
            return self._bibliography(items, style, locale, cache_dir, progress)
        cites = _find_cites(run_pandoc(items, style, citing, locale)["blocks"])
        if citing.mode == "short-note":
            cites = cites[len(items) + 1:]  # the second citation of each work
        return [Entry(item["id"], RichText(_inlines_to_nodes(cite["c"][1])))
                for item, cite in zip(items, cites)]

    def _bibliography(self, items: list[dict], style: Style, locale: str, cache_dir, progress) -> list[Entry]:
        # pandoc 3's citeproc is superlinear for styles with given-name disambiguation (APA):
        # long lists are split into groups that cannot affect each other (see pandoc_split).
        if len(items) >= SPLIT_MIN_ITEMS and len({item["id"] for item in items}) == len(items):
            from citekit.render import pandoc_split
            from citekit.render.pandoc_cache import EntryCache

            plan = pandoc_split.plan_split(Path(style.path).read_text(encoding="utf-8"))
            if plan is not None:
                cache = None
                if cache_dir is not None:
                    cache = EntryCache(cache_dir, style, locale, engine_build())
                entries = pandoc_split.render_split(items, style, locale, plan, run_pandoc,
                                                    cache=cache, progress=progress)
                if cache is not None and entries is not None:
                    cache.save()
                if entries is not None:
                    return entries
        return _bibliography_entries(run_pandoc(items, style, Citing(), locale)["blocks"])


def engine_build() -> str:
    """What identifies the pandoc binary in use, for caches: its path, size and modification time."""
    path = pandoc_path()
    stat = os.stat(path)
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def working_file_error(error: OSError) -> CitekitError:
    """The one-line error for a working file pandoc reads (in the temp folder) that could not be
    written: a full disk, a temp folder not writable for you, a file-size limit."""
    from citekit.fileio import write_error_hint

    where = error.filename or f"the temporary folder {tempfile.gettempdir()}"
    return CitekitError(f"could not write a working file: {error.strerror}", source=str(where),
                        hint=write_error_hint(error, unchanged="no file of yours was changed"))


def run_pandoc(items: list[dict], style: Style, citing: Citing, locale: str) -> dict:
    """One pandoc run over `items`, one citation per item; pandoc's JSON output."""
    try:
        with tempfile.TemporaryDirectory(prefix="citekit-") as folder:
            bibliography = os.path.join(folder, "references.json")
            with open(bibliography, "w", encoding="utf-8") as handle:
                # json.dump is pure Python: 10x slower
                handle.write(json.dumps(_cited_items(items, citing), ensure_ascii=False))
            document = _document(items, citing, bibliography, style, locale)
            try:
                result = subprocess.run(
                    [pandoc_path(), "--from=json", "--to=json", "--citeproc"],
                    input=json.dumps(document, ensure_ascii=False).encode("utf-8"),
                    capture_output=True, timeout=600, check=False)
            except OSError as exc:
                raise CitekitError(f"could not run pandoc: {exc.strerror}",
                                   hint="reinstall citekit, or use --engine citeproc-py") from None
    except OSError as exc:  # making the folder or writing the bibliography pandoc reads
        raise working_file_error(exc) from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CitekitError(f"pandoc could not render with {style.path.name}: "
                           f"{message[0] if message else 'exit ' + str(result.returncode)}",
                           hint="check the style file, or try --engine citeproc-py")
    return json.loads(result.stdout)

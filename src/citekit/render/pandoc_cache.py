"""The pandoc engine's cache of rendered bibliography entries, kept between runs in a folder.

`citekit bib` keeps it in `<library>/.citekit-cache/`; deleting it loses nothing. What a group
of records renders to depends only on those records, the style file, the pandoc binary and the
locale (see `pandoc_split`), so that is what the keys are made of. Entries are stored as compact
rich text, never as formatted output, so one cache serves text, HTML and Markdown.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from citekit.render.engine import Entry
from citekit.render.richtext import Link, Node, RichText, Str, Styled
from citekit.render.styles import Style

CACHE_FORMAT = 1  # bump when what the cache stores, or how pandoc_split forms groups, changes


def _encode(nodes: list[Node] | tuple[Node, ...]) -> list:
    out: list = []
    for node in nodes:
        if isinstance(node, Str):
            if out and isinstance(out[-1], str):
                out[-1] += node.text  # backends escape text per character: joining runs is safe
            else:
                out.append(node.text)
        elif isinstance(node, Styled):
            out.append(["s", node.style, _encode(node.children)])
        else:
            out.append(["l", node.target, _encode(node.children)])
    return out


def _decode(data: list) -> list[Node]:
    nodes: list[Node] = []
    for part in data:
        if isinstance(part, str):
            nodes.append(Str(part))
        elif part[0] == "s":
            nodes.append(Styled(part[1], tuple(_decode(part[2]))))
        else:
            nodes.append(Link(part[1], tuple(_decode(part[2]))))
    return nodes


def digest(*parts: bytes | str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def item_json(item: dict) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


class EntryCache:
    """Rendered entries by group content, in one JSON file per (style file, pandoc build, locale).

    A group's entries, and the citations its records get before disambiguation, depend only on
    the group's records (in input order), the style file and the engine: a hash of those is the
    key, and a record that joins a group changes it. The style's order of the last list is kept
    too. The file is a cache: unreadable means empty, and failing to write it is not an error.
    """

    def __init__(self, folder: str | os.PathLike, style: Style, locale: str, engine_build: str) -> None:
        key = digest(str(CACHE_FORMAT), Path(style.path).read_bytes(), engine_build, locale)[:20]
        self.path = Path(folder) / f"pandoc-bib-{key}.json"
        self.groups: dict[str, dict] = {}
        self.order: dict = {}
        self.used: set[str] = set()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == CACHE_FORMAT:
                self.groups, self.order = dict(data["groups"]), dict(data.get("order") or {})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass

    def get(self, key: str) -> tuple[list[Entry], list[str]] | None:
        found = self.groups.get(key)
        try:
            entries = [Entry(ident, RichText(_decode(nodes))) for ident, nodes in found["entries"]]
            texts = [str(text) for text in found["texts"]]
        except (TypeError, KeyError, ValueError, IndexError):
            return None  # missing, or not what this version writes
        self.used.add(key)
        return entries, texts

    def put(self, key: str, entries: list[Entry], texts: list[str]) -> None:
        self.used.add(key)
        self.groups[key] = {"entries": [[e.record_id, _encode(e.text.nodes)] for e in entries], "texts": texts}

    def save(self) -> None:
        from citekit.errors import CitekitError
        from citekit.fileio import write_atomic

        groups = self.groups
        if len(groups) > max(20_000, 2 * len(self.used)):  # forget what this list no longer has
            groups = {key: value for key, value in groups.items() if key in self.used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(str(self.path), json.dumps(
                {"format": CACHE_FORMAT, "groups": groups, "order": self.order}, ensure_ascii=False))
        except (OSError, CitekitError):
            pass

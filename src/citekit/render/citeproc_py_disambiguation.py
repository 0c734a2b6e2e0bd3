"""CSL disambiguation for citeproc-py 0.11.1, which has none, and what is left said plainly.

Cites are told apart in CSL's order: names hidden by "et al." are added (`disambiguate-add-
names`: "Smith, Jones, et al., 2019"), first authors who share a surname get initials or given
names (`disambiguate-add-givenname` and its rule: APA's "J. Smith, 2019" and "K. Smith, 2020"),
then cites that still read the same get a year suffix when the style asks for one ("1986a",
"n.d.-b", letters in reference-list order) and the style's `disambiguate="true"` branches (MLA
adds the title). What this does not cover — co-authors sharing a surname under an "all-names"
rule, cites of different people that still read the same — raises `Unmended`, and the engine
refuses the style rather than print two people's works as one author's.
"""

from __future__ import annotations

from typing import Callable, Iterable

from citeproc.string import String

from citekit.render.citeproc_py_mending import MendedStyle, Unmended
from citekit.render.citeproc_py_text import MARKERS

GLOBAL_GIVENNAME_RULES = frozenset({"all-names", "all-names-with-initials", "primary-name",
                                    "primary-name-with-initials"})


def alike(texts: dict[str, str]) -> list[list[str]]:
    """Groups of keys whose cites read the same, in key order."""
    groups: dict[str, list[str]] = {}
    for key, text in texts.items():
        groups.setdefault(MARKERS.sub("", text), []).append(key)
    return [group for group in groups.values() if len(group) > 1]


def year_suffix(number: int) -> str:
    """a, b, ... z, aa, ab, ... (CSL year-suffix); 0 is "a"."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _family(person: tuple) -> tuple:
    parts = dict(person)
    return (parts.get("non-dropping-particle", ""), parts.get("family") or parts.get("literal", ""))


def _given(person: tuple) -> str:
    return dict(person).get("given", "")


def _initial(given: str) -> str:
    return given[:1]


class Disambiguation:
    """`cite(keys, ambiguous)` renders the cites of `keys` (in a document of all the keys), the
    cites of `ambiguous` keys taking the style's `disambiguate="true"` branches."""

    def __init__(self, style: MendedStyle, source, cite: Callable[[list[str], Iterable[str]], list[str]]):
        self.state, self.source, self.cite = style.state, source, cite
        citation = style.root.citation
        option = (lambda name: citation is not None and citation.get(name) == "true")
        self.year_suffix = option("disambiguate-add-year-suffix")
        self.by_people = option("disambiguate-add-givenname") or option("disambiguate-add-names")
        self.givenname = option("disambiguate-add-givenname")
        self.add_names = option("disambiguate-add-names")
        self.names_first = int(citation.get("et-al-use-first", style.root.get("et-al-use-first", "1"))) \
            if citation is not None else 1
        self.rule = citation.get("givenname-disambiguation-rule", "by-cite") if citation is not None else "by-cite"
        self.conditions = bool(style.root.xpath(".//*[@disambiguate='true']"))

    def run(self, keys: list[str], order: list[str], citing: bool = True
            ) -> tuple[dict[str, str] | None, frozenset[str]]:
        """(cites without locator by key, or None when none were needed; the ambiguous keys).
        `order` is the reference-list order, which year suffixes follow. For a reference list
        (`citing` false) only the year suffixes matter, which the entries print too."""
        conditions = citing and self.conditions
        if not (self.year_suffix or (citing and (self.conditions or self.by_people))):
            return None, frozenset()
        texts = dict(zip(keys, self.cite(keys, ())))
        self._more_names(texts)
        levels = self._given_names(texts)
        if levels:
            self.state.given_names = levels
            changed = [key for key in keys if key in levels]
            texts.update(zip(changed, self.cite(changed, ())))
        self._refuse_different_people_alike(texts)
        if self.year_suffix:
            position = {key: i for i, key in enumerate(order)}
            changed = []
            for group in alike(texts):
                for number, key in enumerate(sorted(group, key=lambda k: position.get(k, len(order)))):
                    self.source[key]["year_suffix"] = String(year_suffix(number))
                    changed.append(key)
            texts.update(zip(changed, self.cite(changed, ())))
        ambiguous: frozenset[str] = frozenset()
        if conditions:
            ambiguous = frozenset(key for group in alike(texts) for key in group)
            listed = [key for key in keys if key in ambiguous]
            texts.update(zip(listed, self.cite(listed, ambiguous)))
        return texts, ambiguous

    def _more_names(self, texts: dict[str, str]) -> None:
        """`disambiguate-add-names`: cites of different author lists that read the same because
        of "et al." show one more name at a time until they differ ("Smith, Jones, et al., 2019"
        and "Smith, Lee, et al., 2019"), or until every name is shown."""
        people = self.state.cited_names
        while self.add_names:
            changed = []
            for group in alike(texts):
                if len({people.get(key, ())[1:] for key in group}) < 2:
                    continue  # the same co-authors: more names cannot help
                for key in group:
                    shown = self.state.names_shown.get(key, self.names_first) + 1
                    if shown <= len(people.get(key, ())):
                        self.state.names_shown[key] = shown
                        changed.append(key)
            if not changed:
                return
            texts.update(zip(changed, self.cite(changed, ())))

    def _given_names(self, texts: dict[str, str]) -> dict[str, str]:
        """key -> "initials" or "full": how the first author of its cite is to be named, for
        `disambiguate-add-givenname`. A global rule (APA 7 8.20; Chicago author-date)
        names every cited first author whose surname another cited first author shares; the
        default "by-cite" only those of cites that read the same (MLA: "J. Smith 23"). Initials
        when they tell a person apart, else the full given name, but never more than initials
        with a "-with-initials" rule (APA 7 8.20 adds initials only when they differ). Cites that
        differ otherwise (in co-authors) are left to the refusal."""
        if not self.givenname:
            return {}
        people = self.state.cited_names
        if self.rule in GLOBAL_GIVENNAME_RULES:
            groups = [list(texts)]
            if self.rule.startswith("all-names"):
                self._refuse_shared_surnames_after_the_first(texts)
        else:
            groups = alike(texts)
        levels: dict[str, str] = {}
        for group in groups:
            by_family: dict[tuple, dict[str, list[str]]] = {}
            for key in group:
                for person in people.get(key, ())[:1]:
                    by_family.setdefault(_family(person), {}).setdefault(_given(person), []).append(key)
            for givens in by_family.values():
                if len(givens) < 2:
                    continue
                if "" in givens:  # an organisation, or a person known by one name, has no given name to add
                    raise Unmended("cited authors share a name and cannot be told apart by given names",
                                   [key for keys in givens.values() for key in keys])
                initials = [_initial(given) for given in givens]
                for given, keys in givens.items():
                    if initials.count(_initial(given)) == 1:
                        levels.update(dict.fromkeys(keys, "initials"))
                    elif not self.rule.endswith("with-initials"):
                        levels.update(dict.fromkeys(keys, "full"))
        return levels

    def _refuse_shared_surnames_after_the_first(self, texts: dict[str, str]) -> None:
        names: dict[tuple, set[str]] = {}
        for key in texts:
            for person in self.state.cited_names.get(key, ())[1:]:
                names.setdefault(_family(person), set()).add(_given(person))
        if any(len(givens) > 1 for givens in names.values()):
            raise Unmended("cited co-authors share a surname, and telling all names apart by given names "
                           "(CSL givenname-disambiguation-rule all-names) is not mended")

    def _refuse_different_people_alike(self, texts: dict[str, str]) -> None:
        """Cites of different people that still read the same when names and given names were
        added as far as citekit mends it. When only the first author differs, and not in surname
        (Jane and John Smith), year suffixes or `disambiguate` branches tell the cites apart as
        CSL goes on; without either, or when co-authors differ, they would print alike."""
        if not self.by_people:
            return
        people = self.state.cited_names
        for group in alike(texts):
            lists = {people.get(key, ()) for key in group}
            if len(lists) < 2:
                continue
            first_surnames = {_family(names[0]) if names else None for names in lists}
            if len({names[1:] for names in lists}) > 1 or len(first_surnames) > 1 \
                    or not (self.year_suffix or self.conditions):
                raise Unmended("cites of different authors read the same, and telling them apart beyond adding "
                               "names hidden by et al. and first authors' given names (CSL disambiguation) is "
                               "not mended", group)

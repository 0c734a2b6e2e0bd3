"""Long reference lists through pandoc's citeproc: independent groups, rendered in parallel.

Why: pandoc 3's citeproc (3.5 to 3.9 at least) slows down far faster than the list grows when
a style sets `disambiguate-add-givenname` with a global `givenname-disambiguation-rule` (APA's
primary-name-with-initials, Chicago author-date's primary-name): 500 APA records with distinct
authors take 2 s, 1,000 take 15 s, 2,000 over two minutes. The same records with only that
attribute removed take 0.3 s per 500, growing linearly, as MLA and Chicago notes (the default
by-cite rule) do; removing year suffixes, extra names or collapsing instead changes nothing.
The cost grows with the number of distinct family names in one run (1,000 records: 100
families 1.3 s, 1,000 families 13 s), whether or not any of them needs a given name, and with
the number of records whose citations read the same ("Smith, 2020"): 1,000 records of one
family take 2.4 s, 2,000 take 27 s.

What we do instead of one run, with a result identical to one run:
- Records that cannot affect each other's disambiguation are rendered in separate runs. Two
  records interact only if their citations could read the same (then year suffixes, extra
  names or given names tell them apart) or if their first names share a family name (given-
  name disambiguation looks at every such name). So records are grouped by the family names
  of their first names (every name, for the `all-names` rules), by the words of literal names,
  and by title for records without names; groups that share any of these merge. As a safety
  net, the citation every record gets before disambiguation is rendered too, and groups whose
  records' citations read the same are merged and rendered again, whatever the grouping thought.
- A record alone in its group, whose names all differ in family name, is rendered with the
  style's disambiguation switched off: alone, nothing is ambiguous, so the attributes change
  nothing — and without them pandoc is linear. Such records go in large runs; groups go in
  runs of a few hundred with the style as it is.
- The order is the style's: one sort run over the whole list, with the style's own sort keys
  (pandoc computes them before disambiguation, so they do not depend on it) and placeholders
  for citations and entries. When most records are in groups, that run renders the citations
  before disambiguation as well (a probe); otherwise small citation-only runs do it for them.
- A repeated author replaced by "———" (MLA's subsequent-author-substitute) compares an entry
  with the one before it; entries with the same names share a group, and anything sorted
  between two of them has the same names too, so each group sees the neighbours it would see
  in the whole list.
- Styles that number their entries, or whose CSL this cannot read safely, get one whole run.
  So does a group as a whole: one family name with thousands of records still costs what
  pandoc costs for that many. A style pandoc renders in linear time (MLA and Chicago notes use
  the by-cite rule) is split, for both cores and the cache, only when most records share no
  name: runs of large groups cost more than one run of the whole list.
- New records in a list whose order is cached are placed with two small sort runs each.
Each group's entries are cached by the group's content (see `pandoc_cache`): after one record is
added, only its group runs again, and the two small sort runs that place it.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from citekit.render.engine import Citing, Entry
from citekit.render.pandoc_cache import EntryCache, digest, item_json
from citekit.render.richtext import RichText
from citekit.render.styles import Style

FREE_CHUNK = 1000  # records per run with disambiguation off (about 0.45 s each)
GROUP_CHUNK = 150  # records per run with the style's own disambiguation
INSERT_PER_RECORDS = 1000  # place new records in a cached order one by one: up to one per 1,000

Progress = Callable[[int, int], None]

_UNSPLITTABLE = re.compile(r"citation-number|first-reference-note-number")
_CITATION_TAG = re.compile(r"<citation\b[^>]*>")
_DISAMBIGUATION_ATTRIBUTE = re.compile(
    r"""\s(?:disambiguate-add-givenname|disambiguate-add-names|disambiguate-add-year-suffix|"""
    r"""givenname-disambiguation-rule)\s*=\s*(?:"[^"]*"|'[^']*')""")
_GIVENNAME_RULE = re.compile(r"""givenname-disambiguation-rule\s*=\s*["']([^"']*)["']""")
_CITATION = re.compile(r"<citation\b.*?</citation>", re.S)
_BIBLIOGRAPHY = re.compile(r"<bibliography\b.*?</bibliography>", re.S)
_LAYOUT = re.compile(r"<layout\b[^>]*>.*?</layout>", re.S)


@dataclass(frozen=True)
class SplitPlan:
    """How a style's bibliography may be split: the CSL texts of the styles derived from it."""

    all_names: bool  # given-name disambiguation looks at every name, not just the first ones
    superlinear: bool  # a global given-name rule: one pandoc run slows down with the square or worse
    fast_csl: str  # the style with its disambiguation switched off
    texts_csl: str  # the same, with a bibliography layout that prints a placeholder: citations only
    sort_csl: str  # placeholders for citations and entries: only the style's sort order is left


_PLACEHOLDER = '<layout><text value="x"/></layout>'


def plan_split(csl: str) -> SplitPlan | None:
    """The plan for a style, or None when only one whole run gives the right list."""
    if _UNSPLITTABLE.search(csl):
        return None  # numbered entries depend on the whole list
    citation_tags, citations = _CITATION_TAG.findall(csl), _CITATION.findall(csl)
    bibliographies = _BIBLIOGRAPHY.findall(csl)
    if len(citation_tags) != 1 or len(citations) != 1 or len(bibliographies) != 1 \
            or len(_LAYOUT.findall(bibliographies[0])) != 1 or len(_LAYOUT.findall(citations[0])) != 1:
        return None  # CSL-M's several layouts, or something this reading does not understand
    rule = _GIVENNAME_RULE.search(citation_tags[0])
    fast = csl.replace(citation_tags[0], _DISAMBIGUATION_ATTRIBUTE.sub("", citation_tags[0]), 1)
    bibliography = _BIBLIOGRAPHY.search(fast).group(0)
    texts = fast.replace(bibliography, _LAYOUT.sub(_PLACEHOLDER, bibliography, count=1), 1)
    citation = _CITATION.search(texts).group(0)
    givenname = re.search(r"""disambiguate-add-givenname\s*=\s*["']true["']""", citation_tags[0])
    return SplitPlan(all_names=bool(rule and rule.group(1).startswith("all-names")),
                     superlinear=bool(givenname and rule and rule.group(1) != "by-cite"),
                     fast_csl=fast, texts_csl=texts,
                     sort_csl=texts.replace(citation, _LAYOUT.sub(_PLACEHOLDER, citation, count=1), 1))


# --- Grouping -------------------------------------------------------------------------------------

def _norm(text: str) -> str:
    """Case, accents, spaces and punctuation dropped; letters of every script kept."""
    text = re.sub(r"<[^>]*>", "", text)  # title markup such as nocase spans
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def _name_lists(item: dict) -> list[list[dict]]:
    return [value for value in item.values()
            if isinstance(value, list) and value and all(isinstance(n, dict) for n in value)
            and any(k in n for n in value for k in ("family", "literal", "given"))]


def _name_tokens(name: dict) -> set[str]:
    tokens = set()
    if name.get("literal"):
        literal = str(name["literal"])
        tokens |= {_norm(literal), *(_norm(word) for word in literal.split())}
    elif name.get("family"):
        tokens.add(_norm(str(name["family"])))
    elif name.get("given"):
        tokens.add(_norm(str(name["given"])))
    return tokens - {""}


def _title_tokens(item: dict) -> set[str]:
    tokens = set()
    for variable in ("title", "title-short", "publisher", "authority"):
        value = item.get(variable)
        if isinstance(value, str):
            tokens |= {_norm(value), _norm(re.split(r"[:?!.]", value, maxsplit=1)[0])}
    return tokens - {""}


def record_tokens(item: dict, all_names: bool) -> set[str]:
    """What a record's citation could share with another record's (see the module's docstring)."""
    tokens: set[str] = set()
    for names in _name_lists(item):
        for name in names if all_names else names[:1]:
            tokens |= _name_tokens(name)
    return tokens or _title_tokens(item) or {"\0nameless-untitled"}


def _families_distinct(item: dict) -> bool:
    families = [token for names in _name_lists(item) for name in names
                for token in [_norm(str(name.get("family") or name.get("literal") or name.get("given") or ""))]]
    return len(families) == len(set(families))


class _Union:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)

    def groups(self) -> list[list[int]]:
        members: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            members.setdefault(self.find(i), []).append(i)
        return sorted(members.values(), key=lambda group: group[0])


def group_records(items: list[dict], all_names: bool) -> list[list[int]]:
    """Indexes of records that may interact, in input order, groups in order of their first record."""
    union, owner = _Union(len(items)), {}
    for i, item in enumerate(items):
        for token in record_tokens(item, all_names):
            union.join(i, owner.setdefault(token, i))
    return union.groups()


# --- Rendering ------------------------------------------------------------------------------------

@dataclass
class _Task:
    kind: str  # "sort", "probe", "fast", "style" or "texts": which derived style, what is read back
    indexes: list[int]  # the records of this run, in input order


def _chunks(groups: list[list[int]], size: int) -> list[list[int]]:
    """Whole groups packed into runs of about `size` records, each run in input order."""
    chunks: list[list[int]] = [[]]
    for group in groups:
        if chunks[-1] and len(chunks[-1]) + len(group) > size:
            chunks.append([])
        chunks[-1].extend(group)
    return [sorted(chunk) for chunk in chunks if chunk]


class _SplitRender:
    """One split rendering: the runs to make, what they gave back, the cache around them."""

    def __init__(self, items: list[dict], style: Style, locale: str, plan: SplitPlan, run, cache, progress,
                 workers: int | None, folder: str) -> None:
        self.items, self.locale, self.run, self.cache, self.progress = items, locale, run, cache, progress
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.item_json = [item_json(item) for item in items]
        self.entries: dict[str, Entry] = {}
        self.texts: dict[int, str] = {}
        self.order: list[str] | None = None
        self.styles = {"style": style}
        derived = {"fast": plan.fast_csl, "texts": plan.texts_csl, "probe": plan.texts_csl, "sort": plan.sort_csl}
        for kind, text in derived.items():
            path = Path(folder) / kind / Path(style.path).name  # errors still name the user's style
            path.parent.mkdir()
            path.write_text(text, encoding="utf-8")
            self.styles[kind] = replace(style, path=path)

    def group_key(self, members: list[int]) -> str:
        return digest(*(self.item_json[i] for i in members))

    def render(self, groups: list[list[int]], *, with_order: bool) -> None:
        """Entries and first citations of every record of `groups`, from the cache or from runs."""
        todo = []
        for members in groups:
            found = self.cache.get(self.group_key(members)) if self.cache else None
            if found is None:
                todo.append(members)
                continue
            self.entries.update((entry.record_id, entry) for entry in found[0])
            self.texts.update(zip(members, found[1]))
        free = [m for m in todo if len(m) == 1 and _families_distinct(self.items[m[0]])]
        free_ids = {m[0] for m in free}
        shared = [m for m in todo if not (len(m) == 1 and m[0] in free_ids)]
        # The records rendered with the style's disambiguation need their first citations from
        # another run: the sort run gives them all when there are many (a probe), else small runs.
        need_texts = sorted(i for members in shared for i in members)
        probe = with_order and 4 * len(need_texts) > len(self.items)
        # Enough runs to keep every core busy, few enough that starting pandoc costs little.
        large = max(100, min(FREE_CHUNK, -(-len(free) // (2 * self.workers))))
        tasks = [_Task("probe" if probe else "sort", list(range(len(self.items))))] if with_order else []
        tasks += [_Task("style", chunk) for chunk in _chunks(shared, GROUP_CHUNK)]
        tasks += [_Task("fast", chunk) for chunk in _chunks(free, large)]
        if not probe:
            tasks += [_Task("texts", chunk) for chunk in _chunks([[i] for i in need_texts], FREE_CHUNK)]
        self._run_all(tasks)
        for members in todo if self.cache else ():
            ids = [self.items[i]["id"] for i in members]
            self.cache.put(self.group_key(members), [self.entries[i] for i in ids if i in self.entries],
                           [self.texts.get(i, "") for i in members])

    def _execute(self, task: _Task):
        from citekit.render.pandoc_engine import _bibliography_entries, _find_cites, _inlines_to_nodes

        output = self.run([self.items[i] for i in task.indexes], self.styles[task.kind], Citing(), self.locale)
        texts = {}
        if task.kind in ("fast", "texts", "probe"):
            cites = _find_cites(output["blocks"])
            texts = {i: RichText(_inlines_to_nodes(cite["c"][1])).plain().casefold()
                     for i, cite in zip(task.indexes, cites)}
        if task.kind in ("sort", "probe"):
            return [entry.record_id for entry in _bibliography_entries(output["blocks"])], texts
        return (_bibliography_entries(output["blocks"]) if task.kind != "texts" else []), texts

    def _run_all(self, tasks: list[_Task]) -> None:
        total, done = sum(len(task.indexes) for task in tasks), 0
        if self.progress and total:
            self.progress(0, total)
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            pending = {pool.submit(self._execute, task): task for task in tasks}
            try:
                while pending:
                    finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        task = pending.pop(future)
                        result, texts = future.result()
                        if task.kind in ("sort", "probe"):
                            self.order = result
                        else:
                            self.entries.update((entry.record_id, entry) for entry in result)
                        self.texts.update(texts)
                        done += len(task.indexes)
                        if self.progress:
                            self.progress(done, total)
            finally:
                for future in pending:
                    future.cancel()


    def sort(self, indexes: list[int]) -> list[str]:
        """The style's order of some records: pandoc sorts by the style's keys, ties in input order,
        so any subset given in input order comes back in the order the whole list gives it."""
        task = _Task("sort", sorted(indexes))
        return self._execute(task)[0]

    def order_from(self, saved: dict, hashes: list[str]) -> list[str] | None:
        """This list's order from the last list's (`saved`), or None when a whole sort is cheaper.

        Unchanged records keep their relative places; removed ones go; each new or changed one is
        placed by two small sort runs: among every k-th record (k = √n), then within its interval.
        """
        try:
            old = dict(zip(saved["ids"], saved["hashes"]))
            old_order, old_inputs = list(saved["order"]), list(saved["ids"])
        except (KeyError, TypeError):
            return None
        ids = [item["id"] for item in self.items]
        kept = {ident for ident, key in zip(ids, hashes) if old.get(ident) == key}
        fresh = [i for i, (ident, key) in enumerate(zip(ids, hashes)) if old.get(ident) != key]
        if [ident for ident in old_inputs if ident in kept] != [ident for ident in ids if ident in kept] \
                or len(fresh) * INSERT_PER_RECORDS > len(ids) or set(old_order) != set(old_inputs):
            return None  # reordered input (ties could fall otherwise), or too many to place one by one
        position = {ident: i for i, ident in enumerate(ids)}
        order = [ident for ident in old_order if ident in kept]
        for new in fresh:
            step = max(1, int(len(order) ** 0.5))
            samples = order[step - 1::step]
            at = self.sort([position[s] for s in samples] + [new]).index(ids[new])
            low = order.index(samples[at - 1]) + 1 if at else 0
            high = order.index(samples[at]) if at < len(samples) else len(order)
            window = order[low:high]
            at = low + self.sort([position[x] for x in window] + [new]).index(ids[new])
            order.insert(at, ids[new])
        return order


def render_split(items: list[dict], style: Style, locale: str, plan: SplitPlan,
                 run: Callable[[list[dict], Style, Citing, str], dict], *,
                 cache: EntryCache | None = None, progress: Progress | None = None,
                 workers: int | None = None) -> list[Entry] | None:
    """The reference list of `items`, identical to one pandoc run over all of them (see above), or
    None when one run is faster: a style pandoc renders in linear time, and a list whose records
    mostly share names (groups cost more, run by run, than the whole list in one run).

    `run(items, style, citing, locale)` runs pandoc once and returns its JSON output.
    """
    groups = group_records(items, plan.all_names)
    shared = sum(len(g) for g in groups if len(g) > 1 or not _families_distinct(items[g[0]]))
    if not plan.superlinear and 2 * shared > len(items):
        return None
    try:
        with tempfile.TemporaryDirectory(prefix="citekit-styles-") as folder:
            split = _SplitRender(items, style, locale, plan, run, cache, progress, workers, folder)
            hashes = [digest(text) for text in split.item_json]
            if cache and cache.order:
                split.order = split.order_from(cache.order, hashes)
            split.render(groups, with_order=split.order is None)
            # Safety net: records whose citations read the same before disambiguation must have
            # been rendered together. The grouping makes this so; if it ever did not, merge and redo.
            merged = _merge_same_citations(groups, [split.texts.get(i, "") for i in range(len(items))])
            if merged:
                for members in merged:
                    for i in members:
                        split.entries.pop(items[i]["id"], None)
                split.render(merged, with_order=False)
    except OSError as exc:  # the folder, or the style copies pandoc reads in it, could not be written
        from citekit.render.pandoc_engine import working_file_error

        raise working_file_error(exc) from None
    if cache:
        cache.order = {"ids": [item["id"] for item in items], "hashes": hashes, "order": split.order}
    return [split.entries[ident] for ident in split.order if ident in split.entries]


def _merge_same_citations(groups: list[list[int]], texts: list[str]) -> list[list[int]] | None:
    """The groups that must be merged because their records' citations read the same, or None."""
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    union, first = _Union(len(groups)), {}
    clash = False
    for i, text in enumerate(texts):
        if not text:
            continue
        other = first.setdefault(text, i)
        if group_of[other] != group_of[i]:
            union.join(group_of[other], group_of[i])
            clash = True
    if not clash:
        return None
    return [sorted(i for g in joined for i in groups[g]) for joined in union.groups() if len(joined) > 1]

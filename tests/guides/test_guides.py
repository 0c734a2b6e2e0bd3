"""The guide cases (cases.toml) through `render_citations` with the default engine, in Markdown.

Every expected string was written from MLA 9, APA 7 and Chicago's own rules and published example
shapes. A case citekit cannot meet yet is marked xfail(strict=True) in the data with the guide's
rule and what citekit prints instead, so it starts failing the day citekit gets it right.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from citekit.model import record_from_csl
from citekit.render import render_citations

CASES_FILE = Path(__file__).with_name("cases.toml")

# expected key -> (style, mode, extra render options)
STYLES = {
    "mla": ("mla", "bib", {}),
    "mla_intext": ("mla", "intext", {}),
    "apa": ("apa", "bib", {}),
    "apa_retrieved": ("apa", "bib", {"retrieved": True}),
    "apa_intext": ("apa", "intext", {}),
    "chicago": ("chicago", "bib", {}),
    "chicago_note": ("chicago", "note", {}),
    "chicago17": ("chicago-17", "bib", {}),
    "chicago17_note": ("chicago-17", "note", {}),
    "chicago_ad": ("chicago-author-date", "bib", {}),
    "chicago_ad_intext": ("chicago-author-date", "intext", {}),
    "chicago_ad17": ("chicago-author-date-17", "bib", {}),
    "chicago_ad17_intext": ("chicago-author-date-17", "intext", {}),
}
# Every case carries at least these: the three guides' entries and the author-date citations.
REQUIRED = {"mla", "mla_intext", "apa", "apa_intext", "chicago", "chicago_ad", "chicago_ad_intext"}
KINDS = {
    "web page, group author, no date", "web page, author and date", "web page, author, no date",
    "online news article", "online news article, no author", "journal article, DOI, 1 author",
    "journal article, DOI, 2 authors", "journal article, DOI, 3 authors", "journal article, DOI, 3+ authors",
    "book", "book with edition", "chapter in an edited book", "work with no author",
    "video", "film", "report", "encyclopedia entry", "thesis", "magazine article", "print newspaper article",
    "blog post", "book review", "journal article, article number", "translated book", "republished book",
    "non-English work", "dictionary entry", "podcast episode",
}


def load_cases() -> list[dict]:
    with open(CASES_FILE, "rb") as handle:
        cases = tomllib.load(handle)["case"]
    for case in cases:
        case["record"] = record_from_csl({"id": case["id"], **json.loads(case["record"])})
    return cases


CASES = load_cases()


def _params() -> list:
    return list(_each_param())


def _each_param():
    for case in CASES:
        for key, expected in case["expected"].items():
            marks = []
            reason = case.get("xfail", {}).get(key)
            if reason:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            yield pytest.param(case, key, expected, id=f"{case['id']}-{key}", marks=marks)


def test_the_cases_cover_what_students_cite():
    assert len(CASES) >= 45
    assert len({case["id"] for case in CASES}) == len(CASES)
    for case in CASES:
        assert case["kind"] in KINDS, case["id"]
        assert case["rule"].strip(), case["id"]
        # left_out.KEY: a required key whose guide form is not asserted, and why (e.g. a work Chicago
        # cites in notes only has no bibliography entry).
        assert REQUIRED - set(case.get("left_out", {})) <= set(case["expected"]), case["id"]
        assert not set(case.get("left_out", {})) & set(case["expected"]), case["id"]
        assert set(case["expected"]) <= set(STYLES), case["id"]
        assert set(case.get("xfail", {})) <= set(case["expected"]), case["id"]
    kinds = {case["kind"] for case in CASES}
    assert kinds == KINDS


def _render(case: dict, key: str) -> str:
    style, mode, options = STYLES[key]
    [entry] = render_citations([case["record"]], style, mode=mode, fmt="markdown", **options)
    return entry.text


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], str]:
    """Every case in every style, each record rendered alone (so no other record can change its
    disambiguation), pandoc runs side by side: the engine spends its time starting processes."""
    from concurrent.futures import ThreadPoolExecutor

    jobs = [(case, key) for case in CASES for key in case["expected"]]
    with ThreadPoolExecutor(max_workers=4) as pool:
        texts = list(pool.map(lambda job: _render(*job), jobs))
    return {(case["id"], key): text for (case, key), text in zip(jobs, texts)}


@pytest.mark.parametrize("case, key, expected", _params())
def test_guide_case(case, key, expected, rendered):
    assert rendered[(case["id"], key)] == expected

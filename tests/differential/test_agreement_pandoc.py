"""citekit's pandoc engine agrees with citeproc-js over the corpus, or the difference is listed.

Every difference after normalisation must be in known-differences.toml with the side the guide
supports and why; a listed difference that no longer occurs fails too, so the file stays true.
`python tests/differential/report.py --diff` shows the comparison; `--draft` drafts new entries.
"""

from __future__ import annotations

import pytest

from .agreement import FORMATS, RUNS, STYLE_MODES, summarise

SIDES = ("citekit", "citeproc-js", "neither", "taste")
RUN_IDS = [f"{style}-{mode}-{fmt}" for style, mode, fmt in RUNS]


def _listed(comparison) -> set[tuple]:
    return {(k.difference.key, k.difference.citeproc_js, k.difference.citekit) for k in comparison.known}


@pytest.mark.parametrize("run", RUNS, ids=RUN_IDS)
def test_every_difference_from_citeproc_js_is_listed(comparison, run):
    listed = _listed(comparison)
    new = [d for d in comparison.differences
           if (d.style, d.mode, d.format) == run and (d.key, d.citeproc_js, d.citekit) not in listed]
    if new:
        pytest.fail("differences from citeproc-js not in known-differences.toml (report.py --draft):\n" +
                    "\n".join(f"{d.record_id}:\n  citeproc-js: {d.citeproc_js}\n  citekit:     {d.citekit}"
                              for d in new), pytrace=False)


@pytest.mark.parametrize("run", RUNS, ids=RUN_IDS)
def test_every_listed_difference_still_occurs(comparison, run):
    occurring = {(d.key, d.citeproc_js, d.citekit) for d in comparison.differences}
    stale = [k.difference for k in comparison.known
             if (k.difference.style, k.difference.mode, k.difference.format) == run
             and (k.difference.key, k.difference.citeproc_js, k.difference.citekit) not in occurring]
    if stale:
        pytest.fail("listed in known-differences.toml but no longer occurring (remove or update):\n" +
                    "\n".join(f"{d.record_id}: {d.citekit}" for d in stale), pytrace=False)


@pytest.mark.parametrize("style", list(STYLE_MODES))
@pytest.mark.parametrize("fmt", FORMATS)
def test_at_least_97_percent_agree_or_differ_where_the_guide_supports_citekit(comparison, style, fmt):
    # Identical entries, plus listed differences where the guide supports citekit: where citeproc-js
    # is wrong (German titles title-cased, "NPS.Gov"), agreeing with it would be the error.
    rows = [r for r in summarise(comparison.differences, comparison.tallies, comparison.known)
            if (r.run[0], r.run[2]) == (style, fmt)]
    good = sum(r.agree + r.citekit_supported for r in rows)
    total = sum(r.total for r in rows)
    assert total > 0 and good / total >= 0.97, f"{style} {fmt}: {good}/{total}"


def test_each_run_compares_every_record(comparison):
    assert all(tally.total == comparison.record_count for tally in comparison.tallies.values())


def test_known_differences_say_which_side_the_guide_supports(comparison):
    keys = [k.difference.key for k in comparison.known]
    assert len(keys) == len(set(keys)), "a record is listed twice for the same style, mode and format"
    for known in comparison.known:
        d = known.difference
        assert (d.style, d.mode, d.format) in RUNS, d
        assert known.supported in SIDES, f"{d.record_id}: guide-supports must be one of {SIDES}"
        assert known.reason.strip() and "TODO" not in known.reason, f"{d.record_id}: give the guide's rule"

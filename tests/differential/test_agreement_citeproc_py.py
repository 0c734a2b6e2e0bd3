"""citekit's citeproc-py engine agrees with citeproc-js on at least 75% of the corpus, per style.

The same corpus, CSL files, locale and normalisation as the pandoc engine's test (agreement.py),
guide rules off: this measures the engine and its mending (render/citeproc_py_mending.py and
friends). The table printed at the end of the run counts identical entries; "+guide" adds the
differences where this engine prints what the pandoc engine prints and known-differences.toml (the
pandoc engine's list) says the guide supports citekit.
"""

from __future__ import annotations

import pytest

from .agreement import (FORMATS, RUNS, STYLE_MODES, check_citeproc_js, compare, format_table, load_corpus,
                        load_known_differences, render_all, summarise)

MINIMUM = 0.75
RUN_IDS = [f"{style}-{mode}-{fmt}" for style, mode, fmt in RUNS]


class _Table:
    """Prints the agreement table once the run is over (a plugin registered by the fixture)."""

    def __init__(self, record_count: int, rows: list) -> None:
        self.record_count, self.rows = record_count, rows

    def pytest_terminal_summary(self, terminalreporter) -> None:
        terminalreporter.write_sep("-", f"citekit (citeproc-py) vs citeproc-js over {self.record_count} records")
        terminalreporter.write_line("percent: identical entries; +guide: identical, or printed as the pandoc engine "
                                    "prints it where known-differences.toml says the guide supports citekit")
        terminalreporter.write_line(format_table(self.rows))


@pytest.fixture(scope="module")
def agreement(request):
    problem = check_citeproc_js()
    if problem:
        pytest.fail(f"the differential tests need citeproc-js: {problem}", pytrace=False)
    items = load_corpus()
    differences, tallies = compare(*render_all(items, engine="citeproc-py"))
    rows = summarise(differences, tallies, load_known_differences())
    request.config.pluginmanager.register(_Table(len(items), rows), "citekit-citeproc-py-agreement")
    return {"rows": rows, "record_count": len(items), "tallies": tallies}


@pytest.mark.parametrize("style", list(STYLE_MODES))
@pytest.mark.parametrize("fmt", FORMATS)
def test_at_least_75_percent_of_each_style_is_identical(agreement, style, fmt):
    rows = [row for row in agreement["rows"] if (row.run[0], row.run[2]) == (style, fmt)]
    identical = sum(row.agree for row in rows)
    total = sum(row.total for row in rows)
    assert total > 0 and identical / total >= MINIMUM, f"{style} {fmt}: {identical}/{total} identical"


@pytest.mark.parametrize("run", RUNS, ids=RUN_IDS)
def test_at_least_75_percent_of_each_run_is_identical(agreement, run):
    (row,) = [row for row in agreement["rows"] if row.run == run]
    assert row.agree / row.total >= MINIMUM, f"{run}: {row.agree}/{row.total} identical"


def test_each_run_compares_every_record(agreement):
    assert all(tally.total == agreement["record_count"] for tally in agreement["tallies"].values())

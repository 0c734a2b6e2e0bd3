"""One rendering of the whole corpus by both engines, shared by every test of the package.

citeproc-js runs once per style x mode x format over the whole corpus (16 node processes, in the
background while pandoc renders the same runs), not once per record.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from .agreement import (Difference, KnownDifference, Tally, check_citeproc_js, compare, format_table,
                        load_corpus, load_known_differences, render_all, summarise)


@dataclass
class Comparison:
    record_count: int
    differences: list[Difference]
    tallies: dict[tuple[str, str, str], Tally]
    known: list[KnownDifference]


_comparison: list[Comparison] = []  # kept for the summary printed at the end of the run


@pytest.fixture(scope="session")
def comparison() -> Comparison:
    problem = check_citeproc_js()
    if problem:
        pytest.fail(f"the differential tests need citeproc-js: {problem}", pytrace=False)
    items = load_corpus()
    differences, tallies = compare(*render_all(items))
    result = Comparison(len(items), differences, tallies, load_known_differences())
    _comparison.append(result)
    return result


def pytest_terminal_summary(terminalreporter) -> None:
    if not _comparison:
        return
    result = _comparison[0]
    terminalreporter.write_sep("-", f"citekit (pandoc) vs citeproc-js over {result.record_count} records")
    terminalreporter.write_line("percent: identical entries; +guide: identical, or different where "
                                "the guide supports citekit (known-differences.toml)")
    terminalreporter.write_line(format_table(summarise(result.differences, result.tallies, result.known)))

"""The README's two opening commands are the ones that work: CI runs the second verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def opening_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)[:2]


def test_readme_opens_with_install_and_run_then_install_and_test():
    run_command, test_command = opening_commands()
    assert "pip install" in run_command and "citekit report tests/fixtures/lenin-article-details.txt" in run_command
    assert "pip install -q -e '.[test]'" in test_command and "npm ci" in test_command and "pytest" in test_command


def test_ci_runs_the_readme_test_command_verbatim():
    _, test_command = opening_commands()
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci_script.splitlines()

"""What the guide-rule tests share: a style cache of their own, a rule-applied copy, one rendered entry.

A test module takes the fixture by importing it (`from rule_helpers import isolated_style_cache`):
pytest uses a fixture found among a module's names, and autouse applies it to every test there.
"""

from __future__ import annotations

import pytest

from citekit.model import record_from_csl
from citekit.render import render_citations
from citekit.render.rules import RenderOptions, apply_guide_rules


@pytest.fixture(autouse=True)
def isolated_style_cache(tmp_path, monkeypatch):
    """Patched copies of styles go to this test's folder, never to the user's cache."""
    monkeypatch.setenv("CITEKIT_CACHE_DIR", str(tmp_path / "cache"))


def prepared(item: dict, family: str, **options) -> dict:
    """The copy of `item` the engine is handed, with the rules of `family` applied."""
    [copy] = apply_guide_rules([{"id": "x", **item}], RenderOptions(family=family, **options))
    return copy


def one(record: dict, style: str, **options) -> str:
    """`record`, read as the CLI reads CSL-JSON, as one entry in `style`, in Markdown."""
    [entry] = render_citations([record_from_csl({"id": "x", **record})], style, **{"fmt": "markdown", **options})
    return entry.text

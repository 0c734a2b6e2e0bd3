"""The fuzz tests' Hypothesis profiles (see `profiles.py` for how to choose one)."""

from __future__ import annotations

from . import profiles  # noqa: F401  (registers and loads the profile)

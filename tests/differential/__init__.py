"""Differential tests: citekit's engines against citeproc-js, the reference CSL engine.

A package, so that its conftest and helpers do not shadow tests/conftest.py.
"""

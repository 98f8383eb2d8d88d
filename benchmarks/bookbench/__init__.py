"""Helpers for ``benchmarks/run.py``: the book's rerunnable performance benchmarks.

Each module measures one thing and returns plain dataclasses; :mod:`bookbench.report`
turns them into the Markdown written to ``benchmarks/results.md``.
"""

"""Benchmark 3: a full build from a clean ``_build`` against a rebuild after one edit.

Each round builds from scratch, then edits one markdown cell of one chapter and
rebuilds, then rebuilds once more with nothing changed (the fixed start-up cost of
``jupyter-book build``). Rounds interleave, so machine noise hits all three alike.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from .book import BuildRun, Page, append_to_markdown_cell, build, clean_build, largest_notebook


@dataclass(frozen=True)
class RebuildResult:
    """All build rounds, the edited chapter and the cell that was edited."""

    full: tuple[BuildRun, ...]
    edited: tuple[BuildRun, ...]
    unchanged: tuple[BuildRun, ...]
    chapter: Page
    cell_index: int

    @staticmethod
    def median_seconds(runs: tuple[BuildRun, ...]) -> float:
        """Median wall time of some runs."""
        return float(statistics.median(run.seconds for run in runs))

    @property
    def all_succeeded(self) -> bool:
        """True when every build exited 0 (no warning under ``-W``)."""
        return all(run.returncode == 0 for run in (*self.full, *self.edited, *self.unchanged))


def run_rebuild_benchmark(book: Path, pages: list[Page], rounds: int, logs: Path) -> RebuildResult:
    """Time ``rounds`` x (full build, rebuild after one markdown edit, unchanged rebuild).

    The edited notebook is restored afterwards and the book rebuilt, so
    ``book/_build/html`` finally holds the pages as committed, for the browser benchmarks.
    """
    chapter = largest_notebook(book, pages)
    notebook = book / chapter.source
    pristine = notebook.read_bytes()
    full, edited, unchanged = [], [], []
    cell_index = -1
    try:
        for round_ in range(1, rounds + 1):
            notebook.write_bytes(pristine)
            clean_build(book)
            full.append(build(book, logs / f"build-full-{round_}.log"))
            sentence = f"(This sentence was added by the rebuild benchmark, round {round_}.)"
            cell_index = append_to_markdown_cell(notebook, sentence)
            edited.append(build(book, logs / f"build-edit-{round_}.log"))
            unchanged.append(build(book, logs / f"build-unchanged-{round_}.log"))
    finally:
        notebook.write_bytes(pristine)
    final = build(book, logs / "build-restore.log")
    if not (book / "_build" / "html" / "index.html").exists():
        raise RuntimeError(f"the book copy did not build; see {final.log}")
    return RebuildResult(tuple(full), tuple(edited), tuple(unchanged), chapter, cell_index)

"""Reference costs measured in the same run: a matplotlib redraw, and import times.

The matplotlib reference is what a kernel-backed slider would pay before any round
trip: update a small likelihood figure (560 x 300 px, like the explorer's SVG) and
render it to PNG again. Import times are for fresh interpreters and explain fixed
costs of the test and build commands.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

import numpy as np
from matplotlib.figure import Figure

# Modules whose import every nbval worker, kernel or book build pays. nbformat and
# jupyter_book.sphinx import jsonschema, which imports rfc3987_syntax whenever it is
# installed.
IMPORTS = (
    "rfc3987_syntax",
    "nbformat",
    "jupyter_book.sphinx",
    "torch",
    "matplotlib.pyplot",
    "ipywidgets",
)


def matplotlib_png_ms(repeats: int) -> list[float]:
    """Milliseconds to move the marker of a small likelihood plot and render it to PNG.

    One warm-up render is not counted. Uses the Agg canvas directly (no pyplot).
    """
    if repeats < 1:
        raise ValueError(f"repeats must be >= 1, got {repeats}")
    fig = Figure(figsize=(5.6, 3.0), dpi=100)
    ax = fig.add_subplot()
    theta = np.linspace(0.0, 1.0, 241)
    ax.plot(theta, theta**9 * (1 - theta) ** 4)
    ax.axvline(9 / 13, linestyle="--", color="tab:red")
    (marker,) = ax.plot([0.5], [0.5**13], "o", color="tab:orange")
    ax.set_xlabel("θ (probability of heads)")
    ax.set_ylabel("likelihood L(θ)")
    fig.savefig(io.BytesIO(), format="png")
    times = []
    for i in range(repeats):
        value = 0.5 + 0.01 * (i % 2)
        start = time.perf_counter()
        marker.set_data([value], [value**9 * (1 - value) ** 4])
        ax.set_title(f"θ = {value:.2f}")
        fig.savefig(io.BytesIO(), format="png")
        times.append((time.perf_counter() - start) * 1000)
    return times


@dataclass(frozen=True)
class ImportTime:
    """Median seconds for ``python -c 'import <module>'`` in a fresh interpreter."""

    module: str
    seconds: float | None  # None: the module is not installed


def _fresh_python(code: str) -> float | None:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True)
    seconds = time.perf_counter() - start
    return seconds if done.returncode == 0 else None


def import_times(rounds: int, modules: tuple[str, ...] = IMPORTS) -> list[ImportTime]:
    """Fresh-interpreter import times (median of ``rounds``), with ``pass`` as baseline."""
    results = []
    for module in ("(interpreter start only)", *modules):
        code = "pass" if module.startswith("(") else f"import {module}"
        samples = [_fresh_python(code) for _ in range(rounds)]
        valid = [s for s in samples if s is not None]
        results.append(ImportTime(module, statistics.median(valid) if valid else None))
    return results

"""Summary statistics for repeated timings (no third-party dependencies)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``q`` % of values <= it.

    Nearest rank never interpolates, so the p95 of 20 timings is the 19th smallest,
    a value that was actually observed.

    Examples
    --------
    >>> percentile([5.0, 1.0, 3.0, 2.0, 4.0], 50)
    3.0
    >>> percentile(list(range(1, 21)), 95)
    19
    """
    if not values:
        raise ValueError("values must not be empty")
    if not 0 < q <= 100:
        raise ValueError(f"q must be in (0, 100], got {q}")
    ordered = sorted(values)
    rank = math.ceil(q / 100 * len(ordered))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Summary:
    """Median, 95th percentile, minimum and maximum of ``n`` timings (same unit)."""

    n: int
    median: float
    p95: float
    minimum: float
    maximum: float


def summarize(values: Sequence[float]) -> Summary:
    """Summarise repeated timings.

    Examples
    --------
    >>> s = summarize([3.0, 1.0, 2.0])
    >>> (s.n, s.median, s.p95, s.minimum, s.maximum)
    (3, 2.0, 3.0, 1.0, 3.0)
    """
    if not values:
        raise ValueError("values must not be empty")
    return Summary(
        n=len(values),
        median=float(statistics.median(values)),
        p95=float(percentile(values, 95)),
        minimum=float(min(values)),
        maximum=float(max(values)),
    )


def ratio(value: float, reference: float) -> float:
    """``value / reference``, or ``inf`` when the reference is not positive.

    Examples
    --------
    >>> ratio(3.0, 2.0)
    1.5
    >>> ratio(1.0, 0.0)
    inf
    """
    return value / reference if reference > 0 else math.inf

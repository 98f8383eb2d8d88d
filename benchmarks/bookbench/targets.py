"""The issue's targets, in one place."""

from __future__ import annotations

LATENCY_MEDIAN_MS = 4.0  # key press to last DOM change of the figure, per slider
LATENCY_P95_MS = 16.7  # one frame at 60 Hz
MIN_PRESSES = 20
VALIDATION_RATIO = 1.5  # pytest --nbval on all chapters / floor
REBUILD_RATIO = 0.4  # rebuild after one markdown edit / full build from a clean _build
WIDGET_PAGE_BYTES = 3_000_000  # 1 MB = 10**6 bytes (issue 15; was 6 MB)
PAGE_BYTES = 2_000_000
EXPLORERS_RATIO = 1.5  # explorers drawn / first contentful paint, median of loads, every page
EXPLORERS_RATIO_THROTTLED = 2.0  # the same with Chromium's CPU throttled 4x
THROTTLE_RATE = 4
LAYOUT_SHIFT = 0.02  # cumulative layout shift, median of loads, every page
MIN_LOAD_ROUNDS = 5

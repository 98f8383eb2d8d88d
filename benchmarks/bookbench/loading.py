"""Benchmark 5: how soon the explorers are on screen, and whether the page jumps.

Every page is loaded from ``file://`` in a fresh Chromium context (cache disabled)
several times, with and without CPU throttling (DevTools protocol
``Emulation.setCPUThrottlingRate``). A script installed before the page's own
(``add_init_script``) records:

- the first contentful paint (``performance`` paint entry);
- the time, from navigation start, of the first animation frame in which every
  explorer figure (``.mle-explorer``) of the page has drawn its SVG, whichever drew
  it: the first frame the page draws from the stored state while it loads
  (js/first-frame.js) or the live explorer (``explorers_ms``);
- the time of the first animation frame in which every widget output has been
  rendered by the widget manager, every slider live and every live explorer drawn
  (``interactive_ms``);
- the cumulative layout shift: the sum of ``layout-shift`` entries without recent
  input (``PerformanceObserver``, buffered), until the widgets, MathJax and the
  layout have settled.

One more load per widget page is traced (CDP ``Tracing``) to split the main
thread's time before the explorers are drawn into script evaluation per source,
HTML parsing, style and layout, paint and garbage collection.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from . import targets
from .book import Page as BookPage
from .browser import VIEWPORT, category_of, chromium

THROTTLE_RATE = targets.THROTTLE_RATE  # a mid-range phone (Chromium DevTools' "4x slowdown")
SETTLE_MS = 1000  # nothing moved for this long after explorers and MathJax were done
LOAD_TIMEOUT_MS = 60_000

# Installed before any page script: paint, layout shifts and the explorers' draw time.
_PROBE = """
(() => {
  const probe = window.__mleLoad = { cls: 0, shifts: [], interactiveMs: null, lastShiftMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      probe.cls += entry.value;
      probe.lastShiftMs = entry.startTime;
      probe.shifts.push([Math.round(entry.startTime), entry.value,
        (entry.sources || []).map((s) => s.node ? (s.node.className || s.node.nodeName) : "")
          .map(String).slice(0, 3)]);
    }
  }).observe({ type: "layout-shift", buffered: true });
  // Explorer figures drawn (the page's first frames or the live explorers), counted once
  // per widget output; reachedMs[n]: when n outputs first had a drawn figure. The page's
  // final count is read after it settles, so explorers not yet parsed are not missed.
  probe.reachedMs = [];
  const figuresDrawn = () => {
    const outputs = new Set();
    for (const figure of document.querySelectorAll(".mle-explorer")) {
      const svg = figure.shadowRoot && figure.shadowRoot.querySelector("svg");
      if (!svg || !svg.firstElementChild) continue;
      const box = figure.closest(".mle-widget-reserve") || figure.closest(".widget-subarea");
      outputs.add(box || figure);
    }
    return outputs.size;
  };
  probe.figuresDrawn = figuresDrawn;
  // Interactive: every widget output rendered by the widget manager, every live explorer drawn.
  const interactive = () => {
    const views = document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]');
    if (!views.length) return true;
    for (const view of views) {
      const area = view.previousElementSibling;
      if (!area || !area.classList.contains("widget-subarea") || !area.firstElementChild) {
        return false;
      }
    }
    // Each explorer's box (every explorer has one, _ext/offline_assets.py) holds its live
    // explorer, drawn, and no first frame.
    for (const box of document.querySelectorAll(".mle-reserve-figure")) {
      if (box.querySelector(".mle-first-frame")) return false;
      const figure = box.querySelector(".widget-subarea .mle-explorer");
      const svg = figure && figure.shadowRoot && figure.shadowRoot.querySelector("svg");
      if (!svg || !svg.firstElementChild) return false;
    }
    return true;
  };
  const tick = () => {
    const now = performance.now();
    const count = figuresDrawn();
    while (probe.reachedMs.length < count) probe.reachedMs.push(now);
    if (document.readyState !== "loading" && interactive()) {
      probe.interactiveMs = now;
    } else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""

_READ = """
() => {
  const p = window.__mleLoad;
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const mj = window.MathJax;
  return {
    fcp: fcp ? fcp.startTime : null,
    // When every explorer the settled page shows was first drawn (first frame or live).
    explorers: (() => {
      const n = document.querySelectorAll(".mle-reserve-figure").length || p.figuresDrawn();
      return n && p.reachedMs.length >= n ? p.reachedMs[n - 1] : (n ? null : p.interactiveMs);
    })(),
    interactive: p.interactiveMs,
    cls: p.cls,
    shifts: p.shifts,
    lastShift: p.lastShiftMs,
    now: performance.now(),
    explorerCount: document.querySelectorAll(".mle-explorer").length,
    views: document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]').length,
    mathPending: !!(document.querySelector(".math") && !document.querySelector("mjx-container")),
    mathjaxReady: !mj || !mj.startup || !mj.startup.promise ? true : (mj.__mleDone === true),
    phases: Object.fromEntries([
      ["DOM parsed", performance.getEntriesByType("navigation")[0].domInteractive],
      ...performance.getEntriesByType("mark").filter((m) => m.name.startsWith("mle:"))
        .map((m) => [m.name.slice(4), m.startTime]),
      ["MathJax typeset", mj && mj.__mleDoneMs !== undefined ? mj.__mleDoneMs : null],
    ].filter(([, t]) => t !== null && t > 0)),
  };
}
"""

_MARK_MATHJAX = """
() => { const mj = window.MathJax;
  if (mj && mj.startup && mj.startup.promise && !mj.__mleHooked) {
    mj.__mleHooked = true;
    mj.startup.promise.then(() => { mj.__mleDone = true; mj.__mleDoneMs = performance.now(); }); } }
"""


@dataclass(frozen=True)
class Load:
    """One page load: first contentful paint, explorers drawn (ms), layout shift."""

    fcp_ms: float
    explorers_ms: float | None
    cls: float
    shifts: tuple[tuple[float, float, tuple[str, ...]], ...] = ()
    explorer_count: int = 0
    phases: tuple[tuple[str, float], ...] = ()  # DOM parsed, the bundle's User Timing marks
    interactive_ms: float | None = None  # every widget drawn by the widget manager

    @property
    def interactive_ratio(self) -> float | None:
        """Interactive (every slider live) / first contentful paint (None without widgets)."""
        if self.interactive_ms is None or not self.fcp_ms:
            return None
        return self.interactive_ms / self.fcp_ms

    @property
    def ratio(self) -> float | None:
        """Explorers drawn / first contentful paint (None without explorers)."""
        if self.explorers_ms is None or not self.fcp_ms:
            return None
        return self.explorers_ms / self.fcp_ms


@dataclass(frozen=True)
class PageLoads:
    """Every load of one page at one CPU throttling rate."""

    docname: str
    throttle: int
    explorers: int
    loads: tuple[Load, ...]

    def phase_median(self, name: str) -> float | None:
        """Median over the loads of one phase's time (ms from navigation start), if any."""
        values = [dict(load.phases).get(name) for load in self.loads]
        present = [v for v in values if v is not None]
        return float(statistics.median(present)) if present else None

    def median(self, attr: str) -> float | None:
        """Median over the loads of ``fcp_ms``, ``explorers_ms``, ``interactive_ms``, ``cls``,
        ``ratio`` or ``interactive_ratio``."""
        values = [getattr(load, attr) for load in self.loads]
        values = [v for v in values if v is not None]
        return float(statistics.median(values)) if values else None

    @property
    def worst_cls(self) -> float:
        """The largest layout shift of any load."""
        return max((load.cls for load in self.loads), default=0.0)


@dataclass(frozen=True)
class Breakdown:
    """Main-thread milliseconds before the explorers were drawn, by activity."""

    docname: str
    explorers_ms: float | None
    fcp_ms: float | None
    parts: tuple[tuple[str, float], ...] = field(default=())


def _has_widgets(html: Path) -> bool:
    return "application/vnd.jupyter.widget-view+json" in html.read_text(encoding="utf-8")


def load_once(browser: Browser, url: str, throttle: int) -> Load:
    """Open ``url`` in a fresh context, wait until it settles, read the probe."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        if throttle > 1:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        page.add_init_script(_PROBE)
        page.goto(url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
        return _settle(page)
    finally:
        context.close()


def _settle(page: Page) -> Load:
    """Wait for explorers and MathJax, then for a quiet second of layout; read the probe."""
    deadline_ms = LOAD_TIMEOUT_MS
    while True:
        page.evaluate(_MARK_MATHJAX)
        state = page.evaluate(_READ)
        done = (
            state["explorers"] is not None
            and state["interactive"] is not None
            and state["mathjaxReady"]
            and not state["mathPending"]
        )
        quiet = state["now"] - max(state["lastShift"], state["interactive"] or 0) >= SETTLE_MS
        if (done and quiet) or state["now"] > deadline_ms:
            break
        page.wait_for_timeout(200)
    shifts = tuple((float(t), float(v), tuple(s)) for t, v, s in state["shifts"])
    return Load(
        float(state["fcp"] or 0.0),
        state["explorers"] if state["views"] else None,  # a page without widgets has none
        float(state["cls"]),
        shifts,
        int(state["explorerCount"]),
        tuple((str(k), float(v)) for k, v in (state.get("phases") or {}).items()),
        state["interactive"] if state["views"] else None,
    )


def measure_loads(
    browser: Browser,
    html_root: Path,
    pages: list[BookPage],
    rounds: int,
    throttles: tuple[int, ...],
) -> list[PageLoads]:
    """``rounds`` loads of every page at every throttling rate, rounds interleaved."""
    present = [(p, p.html(html_root)) for p in pages if p.html(html_root).exists()]
    results: dict[tuple[str, int], list[Load]] = defaultdict(list)
    for _ in range(rounds):
        for throttle in throttles:
            for book_page, html in present:
                if throttle > 1 and not _has_widgets(html):
                    continue  # the throttled target is about explorers
                results[(book_page.docname, throttle)].append(
                    load_once(browser, html.as_uri(), throttle)
                )
    return [
        PageLoads(doc, throttle, max(x.explorer_count for x in loads), tuple(loads))
        for (doc, throttle), loads in results.items()
    ]


# ---- trace breakdown ------------------------------------------------------------------------

_TRACE_CATEGORIES = (
    "devtools.timeline,v8.execute,disabled-by-default-devtools.timeline,blink.user_timing"
)
_ACTIVITY = {
    "ParseHTML": "parse HTML",
    "ParseAuthorStyleSheet": "style and layout",
    "UpdateLayoutTree": "style and layout",
    "RecalculateStyles": "style and layout",
    "Layout": "style and layout",
    "PrePaint": "paint",
    "Paint": "paint",
    "Layerize": "paint",
    "UpdateLayer": "paint",
    "MajorGC": "garbage collection",
    "MinorGC": "garbage collection",
    "V8.GC_SCAVENGER": "garbage collection",
}
_SCRIPT_EVENTS = {
    "EvaluateScript",
    "v8.compile",
    "FunctionCall",
    "TimerFire",
    "FireAnimationFrame",
    "EventDispatch",
    "v8.evaluateModule",
    "v8.compileModule",
    "RunMicrotasks",
    "XHRReadyStateChange",
    "FireIdleCallback",
    "V8.Execute",
}


def _script_url(event: dict[str, Any]) -> str:
    data = event.get("args", {}).get("data", {}) or {}
    return data.get("url") or data.get("fileName") or (event.get("args", {}).get("fileName") or "")


def trace_breakdown(browser: Browser, url: str, docname: str, throttle: int = 1) -> Breakdown:
    """Load ``url`` once under a DevTools trace; main-thread time before the explorers."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        if throttle > 1:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        events: list[dict[str, Any]] = []
        done: list[bool] = []
        cdp.on("Tracing.dataCollected", lambda e: events.extend(e["value"]))
        cdp.on("Tracing.tracingComplete", lambda _e: done.append(True))
        cdp.send("Tracing.start", {"categories": _TRACE_CATEGORIES, "transferMode": "ReportEvents"})
        page.add_init_script(_PROBE)
        page.goto(url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
        load = _settle(page)
        cdp.send("Tracing.end")
        while not done:
            page.wait_for_timeout(100)
    finally:
        context.close()
    return Breakdown(docname, load.explorers_ms, load.fcp_ms, tuple(_aggregate(events, url, load)))


def _classify(event: dict[str, Any], inner: list[dict[str, Any]], page_url: str) -> str | None:
    """The activity of one trace event (scripts by the source of their code), or None."""
    name = event["name"]
    if name in _ACTIVITY:
        return _ACTIVITY[name]
    if name not in _SCRIPT_EVENTS:
        return None
    url = _script_url(event) or next((_script_url(e) for e in inner if _script_url(e)), "")
    return f"script: {_label(url, page_url)}"


def _aggregate(events: list[dict[str, Any]], page_url: str, load: Load) -> list[tuple[str, float]]:
    """Main-thread time from navigation start until the explorers were drawn, by activity.

    Within each top-level task, the outermost events that have an activity are counted
    (a script by the URL of its own code or, for timers, microtasks and event handlers,
    of the first script they call); the rest of the task is "other".
    """
    nav = [e for e in events if e.get("name") == "navigationStart"]
    main = _main_thread(events)
    if not nav or main is None:
        return []
    start = min(e["ts"] for e in nav)
    end = start + (load.explorers_ms or load.fcp_ms) * 1000
    ordered = sorted(
        (
            e
            for e in events
            if e.get("ph") == "X" and (e["pid"], e["tid"]) == main and start <= e["ts"] < end
        ),
        key=lambda e: (e["ts"], -e.get("dur", 0)),
    )
    spans: dict[str, float] = defaultdict(float)
    busy = 0.0
    i = 0
    while i < len(ordered):
        task = ordered[i]
        task_end = task["ts"] + task.get("dur", 0)
        j = i + 1
        while j < len(ordered) and ordered[j]["ts"] < task_end:
            j += 1
        inner = ordered[i:j]
        counted, covered_until = 0.0, 0.0
        for k, event in enumerate(inner):
            if event["ts"] < covered_until:
                continue
            e_end = event["ts"] + event.get("dur", 0)
            nested = [e for e in inner[k + 1 :] if e["ts"] < e_end]
            label = _classify(event, nested, page_url)
            if label is None:
                continue
            dur = (min(e_end, end) - event["ts"]) / 1000
            spans[label] += dur
            counted += dur
            covered_until = e_end
        task_ms = (min(task_end, end) - task["ts"]) / 1000
        spans["other (task overhead, unlabelled)"] += max(task_ms - counted, 0.0)
        busy += task_ms
        i = j
    spans["idle or waiting (file reads, frames)"] = max((end - start) / 1000 - busy, 0.0)
    return sorted(spans.items(), key=lambda item: -item[1])


def _label(url: str, page_url: str) -> str:
    if not url:
        return "inline or unattributed"
    category = category_of(url, page_url)
    if category == "theme and Sphinx CSS/JS":
        return "theme and Sphinx"
    if category == "require.js":
        return "require.js (runs the widget manager's AMD modules)"
    return category


def _main_thread(events: list[dict[str, Any]]) -> tuple[int, int] | None:
    for event in events:
        if (
            event.get("name") == "thread_name"
            and event.get("args", {}).get("name") == "CrRendererMain"
        ):
            return event["pid"], event["tid"]
    return None


@dataclass(frozen=True)
class LoadResult:
    """Every page's loads and the traced breakdown of every page with widgets."""

    loads: tuple[PageLoads, ...]
    breakdowns: tuple[Breakdown, ...]


def run_load_benchmarks(html_root: Path, pages: list[BookPage], rounds: int) -> LoadResult:
    """``rounds`` loads of every page (and of widget pages with the CPU throttled), then traces."""
    with chromium() as browser:
        loads = measure_loads(browser, html_root, pages, rounds, (1, THROTTLE_RATE))
        breakdowns = tuple(
            trace_breakdown(browser, p.html(html_root).as_uri(), p.docname)
            for p in pages
            if p.html(html_root).exists() and _has_widgets(p.html(html_root))
        )
    return LoadResult(tuple(loads), breakdowns)


def dump(loads: list[PageLoads], path: Path) -> None:
    """Write the raw loads as JSON (for inspection)."""
    path.write_text(
        json.dumps(
            [
                {
                    "page": p.docname,
                    "throttle": p.throttle,
                    "loads": [[x.fcp_ms, x.explorers_ms, x.interactive_ms, x.cls] for x in p.loads],
                }
                for p in loads
            ],
            indent=1,
        ),
        encoding="utf-8",
    )

"""Benchmarks 1 and 4 in headless Chromium: slider latency and page weight.

Every page of the table of contents is opened from ``file://`` in a fresh browser
context with the cache disabled. Page weight is the sum of the bytes Chromium
reports for every response (CDP ``Network.loadingFinished.encodedDataLength``,
which covers ``file://`` too). Then, for every slider handle on the page, a
``MutationObserver`` on the slider's figure (``.mle-explorer``) records the time of
the last DOM change after each key press; the press time is ``performance.now()``
in a capture-phase ``keydown`` listener on ``window``, which runs before the slider's
own handler.
"""

from __future__ import annotations

import gzip
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .book import Page as BookPage
from .stats import Summary, summarize

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
VIEWPORT = {"width": 1200, "height": 900}
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
WIDGET_STATE = '<script type="application/vnd.jupyter.widget-state+json">'
WARM_UP_PRESSES = 2
QUIET_MS = 50  # a press is over once the figure has not changed for this long and 2 frames
PRESS_TIMEOUT_MS = 2000

# (URL fragment, category), first match wins; the page's own HTML is handled apart.
CATEGORIES = (
    ("/_static/offline/html-manager/", "widget manager (@jupyter-widgets/html-manager)"),
    ("/_static/offline/widgets/", "widget manager (book bundle, js/)"),
    ("/_static/offline/anywidget/", "anywidget AMD module"),
    ("/_static/offline/require", "require.js"),
    ("/_static/offline/mathjax/", "MathJax 3"),
    ("/_static/scripts/fontawesome", "theme icons (Font Awesome)"),
    ("/_static/vendor/fontawesome/", "theme icons (Font Awesome)"),
    ("/_images/", "figures (PNG)"),
    ("/_static/", "theme and Sphinx CSS/JS"),
    ("searchindex.js", "theme and Sphinx CSS/JS"),
)

_INSTALL_OBSERVER = """
([index, quietMs]) => {
  const old = window.__mleBench;
  if (old) { old.observer.disconnect(); window.removeEventListener("keydown", old.onKey, true); }
  const handle = document.querySelectorAll(".noUi-handle")[index];
  let node = handle, figure = null;
  while (node && !figure) {
    figure = node.querySelector ? node.querySelector(".mle-explorer") : null;
    node = node.parentElement;
  }
  const slider = handle.closest(".widget-slider, .jupyter-widgets");
  const labelNode = slider && slider.querySelector(".widget-label");
  const label = labelNode ? labelNode.textContent.trim() : `slider ${index + 1}`;
  if (!figure) return { label, figure: false };
  const state = { t0: null, last: null, count: 0 };
  const onKey = () => { state.t0 = performance.now(); state.last = null; state.count = 0; };
  const observer = new MutationObserver((records) => {
    if (state.t0 !== null) { state.last = performance.now(); state.count += records.length; }
  });
  const options = { subtree: true, childList: true, attributes: true, characterData: true };
  // An explorer drawn inside a shadow root would hide its changes from the document.
  for (const target of [figure, figure.shadowRoot]) if (target) observer.observe(target, options);
  window.addEventListener("keydown", onKey, true);
  const settle = (timeoutMs) => new Promise((resolve) => {
    const start = performance.now();
    let seen = state.last, frames = 0;
    const tick = () => {
      if (state.last !== seen) { seen = state.last; frames = 0; }
      frames += 1;
      const now = performance.now();
      const since = now - (state.last ?? state.t0 ?? start);
      const timedOut = now - start > timeoutMs;
      if ((frames >= 2 && since >= quietMs) || timedOut) {
        resolve({ t0: state.t0, last: state.last, count: state.count, timedOut });
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  window.__mleBench = { observer, onKey, settle };
  return { label, figure: true };
}
"""

_SETTLE = "(timeoutMs) => window.__mleBench.settle(timeoutMs)"

# Sliders inside a collapsed block (a solution dropdown, a toggle, <details>) are
# revealed the way a reader would: sphinx-togglebutton's own button, or opening <details>.
_REVEAL = """
() => {
  let opened = 0;
  for (const handle of document.querySelectorAll(".noUi-handle")) {
    for (let node = handle.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) { node.open = true; opened += 1; }
      if (node.classList.contains("toggle-hidden")) {
        const button = (node.id && document.querySelector(
          `button.toggle-button[data-target="${CSS.escape(node.id)}"]`))
          || node.querySelector("button.toggle-button");
        if (button) { button.click(); opened += 1; }
      }
    }
  }
  return opened;
}
"""

_SIGNATURE = """
() => [document.querySelectorAll(".noUi-handle").length,
       document.querySelectorAll(".mle-explorer").length,
       document.querySelectorAll("mjx-container").length,
       performance.getEntriesByType("resource").length].join(",")
"""


@dataclass(frozen=True)
class Resource:
    """One response loaded by a page."""

    url: str
    size: int
    category: str
    gzip_size: int | None = None


@dataclass(frozen=True)
class PageWeight:
    """Everything one page loaded, and whether it holds widgets."""

    docname: str
    has_widgets: bool
    resources: tuple[Resource, ...]
    widget_state_bytes: int
    failed: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        """Bytes loaded, all responses."""
        return sum(r.size for r in self.resources)

    @property
    def total_gzip(self) -> int:
        """Bytes a web server compressing with gzip would send (local files only)."""
        return sum(r.gzip_size if r.gzip_size is not None else r.size for r in self.resources)

    def by_category(self) -> list[tuple[str, int]]:
        """Bytes per category, largest first."""
        sums: dict[str, int] = defaultdict(int)
        for resource in self.resources:
            sums[resource.category] += resource.size
        return sorted(sums.items(), key=lambda item: (-item[1], item[0]))

    def top(self, count: int = 5) -> list[Resource]:
        """The ``count`` largest responses."""
        return sorted(self.resources, key=lambda r: (-r.size, r.url))[:count]


@dataclass(frozen=True)
class SliderLatency:
    """Key-press-to-last-DOM-change times (ms) of one slider's figure."""

    docname: str
    label: str
    handle: int
    latencies_ms: tuple[float, ...]
    unchanged_presses: int = 0
    has_figure: bool = True
    mutations: tuple[int, ...] = field(default=(), compare=False)

    @property
    def summary(self) -> Summary | None:
        """Median, p95, ... of the latencies, or None without any."""
        return summarize(self.latencies_ms) if self.latencies_ms else None


@dataclass(frozen=True)
class BrowserResult:
    """Chromium's version, every page's weight and every slider's latency."""

    version: str
    weights: tuple[PageWeight, ...]
    sliders: tuple[SliderLatency, ...]


def category_of(url: str, page_url: str) -> str:
    """The category of a loaded URL, for the page-weight breakdown.

    Examples
    --------
    >>> category_of("file:///b/_static/offline/mathjax/tex-chtml.js?v=1", "file:///b/a.html")
    'MathJax 3'
    >>> category_of("file:///b/a.html", "file:///b/a.html")
    'page HTML (incl. widget state)'
    """
    if url.split("#")[0] == page_url.split("#")[0]:
        return "page HTML (incl. widget state)"
    if url.startswith(("blob:", "data:")):
        return "inline (blob/data URLs)"
    for fragment, category in CATEGORIES:
        if fragment in url:
            return category
    return "other" if url.startswith("file:") else "external (network)"


def widget_state_bytes(html: str) -> int:
    """Bytes of the embedded widget-state JSON in a built page (0 without widgets).

    Examples
    --------
    >>> widget_state_bytes(WIDGET_STATE + '{"a": 1}</script>')
    8
    """
    start = html.find(WIDGET_STATE)
    if start < 0:
        return 0
    start += len(WIDGET_STATE)
    end = html.find("</script>", start)
    return len(html[start:end].encode("utf-8"))


@cache
def _gzip_size(path: str) -> int | None:
    file = Path(path)
    return len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else None


def gzip_size_of(url: str) -> int | None:
    """gzip -6 size of a ``file://`` URL's file, or None for other URLs."""
    if not url.startswith("file:"):
        return None
    return _gzip_size(unquote(urlparse(url).path))


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's headless Chromium, launched through Playwright."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_until_settled(page: Page, stable_ms: int = 750, timeout_s: float = 30) -> None:
    """Wait until widgets, MathJax and resource loads stop changing the page."""
    page.wait_for_load_state("load")
    try:  # some pages never report "networkidle" although no request is pending
        page.wait_for_load_state("networkidle", timeout=5000)
    except PlaywrightTimeoutError:
        pass
    deadline = time.monotonic() + timeout_s
    last, since = page.evaluate(_SIGNATURE), time.monotonic()
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        now = page.evaluate(_SIGNATURE)
        if now != last:
            last, since = now, time.monotonic()
        elif (time.monotonic() - since) * 1000 >= stable_ms:
            return


def _press(page: Page, key: str) -> dict[str, Any]:
    page.keyboard.press(key)
    return page.evaluate(_SETTLE, PRESS_TIMEOUT_MS)


def measure_slider(page: Page, docname: str, handle: int, presses: int) -> SliderLatency:
    """Press ArrowRight/ArrowLeft on one slider handle until ``presses`` presses changed it.

    Keys alternate, so each press moves the slider back or forth by one step. A press
    that changes nothing (a slider starting at its end) is counted apart; the first
    two changing presses are a warm-up and are not counted.
    """
    info = page.evaluate(_INSTALL_OBSERVER, [handle, QUIET_MS])
    if not info["figure"]:
        return SliderLatency(docname, info["label"], handle, (), has_figure=False)
    locator = page.locator(".noUi-handle").nth(handle)
    locator.scroll_into_view_if_needed()
    locator.focus()
    keys = ("ArrowRight", "ArrowLeft")
    latencies: list[float] = []
    mutations: list[int] = []
    unchanged, warm_up, attempt = 0, WARM_UP_PRESSES, 0
    while len(latencies) < presses and attempt < 2 * (presses + WARM_UP_PRESSES) + 4:
        result = _press(page, keys[attempt % 2])
        attempt += 1
        if result["last"] is None:
            unchanged += 1
        elif warm_up:
            warm_up -= 1
        else:
            latencies.append(result["last"] - result["t0"])
            mutations.append(int(result["count"]))
    return SliderLatency(
        docname, info["label"], handle, tuple(latencies), unchanged, True, tuple(mutations)
    )


def _collect_network(page: Page) -> tuple[dict[str, str], dict[str, int], list[str]]:
    """Record request URLs, finished sizes and failures of ``page`` through CDP."""
    cdp = page.context.new_cdp_session(page)
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    failed: list[str] = []
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    cdp.on("Network.loadingFailed", lambda e: failed.append(e["requestId"]))
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    return urls, sizes, failed


def page_weight(
    docname: str, page_url: str, html: Path, network: tuple, has_widgets: bool
) -> PageWeight:
    """Build the :class:`PageWeight` from the recorded network events."""
    urls, sizes, failed = network
    resources = tuple(
        Resource(urls[rid], size, category_of(urls[rid], page_url), gzip_size_of(urls[rid]))
        for rid, size in sizes.items()
        if rid in urls
    )
    state = widget_state_bytes(html.read_text(encoding="utf-8"))
    return PageWeight(docname, has_widgets, resources, state, tuple(urls.get(r, r) for r in failed))


def measure_page(
    browser: Browser, html: Path, docname: str, presses: int
) -> tuple[PageWeight, list[SliderLatency]]:
    """Load one page in a fresh context: its weight, then every slider's latency."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        network = _collect_network(page)
        page.goto(html.as_uri())
        wait_until_settled(page)
        has_widgets = page.locator(WIDGET_VIEW).count() > 0
        weight = page_weight(docname, html.as_uri(), html, network, has_widgets)
        if page.evaluate(_REVEAL):
            page.wait_for_timeout(300)
        handles = page.locator(".noUi-handle").count()
        sliders = [measure_slider(page, docname, i, presses) for i in range(handles)]
        return weight, sliders
    finally:
        context.close()


def run_browser_benchmarks(html_root: Path, pages: list[BookPage], presses: int) -> BrowserResult:
    """Weigh every page and time every slider of the built book under ``html_root``."""
    weights: list[PageWeight] = []
    sliders: list[SliderLatency] = []
    with chromium() as browser:
        for book_page in pages:
            html = book_page.html(html_root)
            if not html.exists():
                continue
            weight, page_sliders = measure_page(browser, html, book_page.docname, presses)
            weights.append(weight)
            sliders.extend(page_sliders)
        version = browser.version
    return BrowserResult(version, tuple(weights), tuple(sliders))

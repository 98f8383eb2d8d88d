"""The built book in a real browser: Debian Chromium driven by Playwright, from file://.

Builds the book once (warnings are errors) into a temporary folder, then checks that
every page loads nothing from the internet, typesets its math, and that every slider,
moved with the keyboard, redraws its figure; the coin page's new peak must be the one
the Python package computes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mle_book.likelihood import bernoulli_likelihood, bernoulli_mle

playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
CHAPTER_PAGES = ["01_principle", "02_coin", "03_log_likelihood", "04_continuous", "05_exercises"]
API_MODULES = [
    "likelihood",
    "bayes",
    "optimisation",
    "information",
    "continuous",
    "plots",
    "widgets",
    "exercises",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the book with warnings as errors, as `make book` does, into a temp folder."""
    out = tmp_path_factory.mktemp("book")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "-W", "--keep-going", "--path-output", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out / "_build" / "html"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is required for the browser tests (make test installs it)")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class PageVisit:
    """A page opened from file:// with every request and console error recorded."""

    def __init__(self, browser: object, path: Path) -> None:
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 1000})
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("requestfailed", lambda request: self.failed.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri(), wait_until="load")
        # Wait for MathJax's first typesetting pass, then for late requests (fonts).
        self.page.evaluate(
            "async () => { const mj = window.MathJax;"
            " if (mj && mj.startup && mj.startup.promise) await mj.startup.promise; }"
        )
        self.page.wait_for_timeout(300)

    def external_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]

    def wait_for_explorers(self) -> int:
        # The figure draws inside its shadow root (see explorer.js).
        self.page.wait_for_function(
            "[...document.querySelectorAll('.mle-explorer')]"
            ".some(e => e.shadowRoot && e.shadowRoot.querySelector('.mle-readout'))",
            timeout=15_000,
        )
        return self.page.locator(".mle-explorer").count()

    def open_solutions(self) -> None:
        """Open every folded solution (sphinx-exercise dropdowns), so its sliders show."""
        folded = self.page.locator("div.solution.dropdown.toggle-hidden > .admonition-title")
        for _ in range(folded.count()):
            folded.first.click()  # the opened one leaves the locator's matches

    def close(self) -> None:
        self.page.close()


def html_pages(site: Path) -> list[Path]:
    """Rendered pages; the theme's _static/*.html are template macros, not pages."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "_static")


def test_site_holds_only_the_books_pages(site: Path) -> None:
    pages = {str(p.relative_to(site)) for p in html_pages(site)}
    expected = {
        "index.html",
        "genindex.html",
        "search.html",
        "py-modindex.html",
        "chapters/index.html",
        "chapters/api.html",
        "chapters/summary.html",
        "chapters/bibliography.html",
    }
    expected |= {f"chapters/{name}.html" for name in CHAPTER_PAGES}
    expected |= {f"chapters/api/{module}.html" for module in API_MODULES}
    assert pages == expected


def test_every_page_is_offline_and_typesets_math(site: Path, browser: object) -> None:
    for path in html_pages(site):
        if path.name == "index.html" and path.parent == site:
            continue  # a redirect to chapters/index.html
        visit = PageVisit(browser, path)
        try:
            assert visit.external_requests() == [], path
            # The theme's 1.5 MB icon script is replaced by its webfonts (_ext/light_icons.py).
            assert not any("fontawesome.js" in url for url in visit.requests), path
            assert visit.failed == [], f"{path}: failed to load {visit.failed}"
            assert visit.errors == [], f"{path}: {visit.errors}"
            figures = visit.page.locator("main img") if "chapters" in path.parts else None
            for image in figures.all() if figures else []:
                alt = image.get_attribute("alt") or ""
                assert len(alt) > 20 and not alt.endswith(".png"), f"{path}: image without alt"
            has_math = visit.page.locator(".math").count() > 0
            if has_math:
                visit.page.wait_for_selector("mjx-container", timeout=15_000)
                raw = visit.page.locator(".math:not(:has(mjx-container))").count()
                assert raw == 0, f"{path}: {raw} formulas left as raw LaTeX"
        finally:
            visit.close()


def _readouts(visit: PageVisit) -> list[str]:
    return visit.page.locator(".mle-explorer .mle-readout").all_inner_texts()


@pytest.mark.parametrize("chapter", CHAPTER_PAGES)
def test_every_slider_redraws_its_figure(site: Path, browser: object, chapter: str) -> None:
    visit = PageVisit(browser, site / "chapters" / f"{chapter}.html")
    try:
        assert visit.wait_for_explorers() >= 1, f"{chapter} has no explorer"
        visit.open_solutions()
        boxes = visit.page.locator(
            ".widget-vbox:has(> * .mle-explorer), .widget-vbox:has(> .mle-explorer)"
        )
        assert boxes.count() >= 1
        for b in range(boxes.count()):
            box = boxes.nth(b)
            handles = box.locator(".noUi-handle")
            assert handles.count() >= 1, f"{chapter}: explorer {b} has no slider"
            for h in range(handles.count()):
                before = box.locator(".mle-readout").inner_text()
                handle = handles.nth(h)
                handle.focus()
                at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute(
                    "aria-valuemax"
                )
                handle.press("ArrowLeft" if at_max else "ArrowRight")
                visit.page.wait_for_function(
                    "([el, text]) => el.textContent !== text",
                    arg=[box.locator(".mle-readout").element_handle(), before],
                    timeout=5_000,
                )
                assert box.locator(".mle-readout").inner_text() != before
        assert visit.errors == []
    finally:
        visit.close()


def test_coin_slider_moves_the_peak_to_the_python_value(site: Path, browser: object) -> None:
    visit = PageVisit(browser, site / "chapters" / "02_coin.html")
    try:
        visit.wait_for_explorers()
        explorer = visit.page.locator(".mle-explorer").first
        assert float(explorer.get_attribute("data-peak")) == pytest.approx(bernoulli_mle(9, 4))
        heads, tails, theta = (
            visit.page.locator(".widget-vbox").first.locator(".noUi-handle").all()[:3]
        )
        heads.focus()
        heads.press("ArrowRight")  # 9 -> 10 heads
        visit.page.wait_for_function(
            "el => Math.abs(+el.dataset.peak - 10 / 14) < 1e-12", arg=explorer.element_handle()
        )
        assert float(explorer.get_attribute("data-peak")) == pytest.approx(
            bernoulli_mle(10, 4), rel=1e-12
        )
        assert "10 heads, 4 tails" in explorer.locator("svg .mle-title").text_content()
        theta.focus()
        theta.press("ArrowRight")  # 0.50 -> 0.51
        visit.page.wait_for_function(
            "el => el.dataset.value !== undefined && Math.abs(+el.dataset.value - 0) > 0",
            arg=explorer.element_handle(),
        )
        visit.page.wait_for_timeout(100)
        assert float(explorer.get_attribute("data-value")) == pytest.approx(
            bernoulli_likelihood(0.51, 10, 4), rel=1e-9
        )
    finally:
        visit.close()


def test_exercise_solutions_are_hidden_until_clicked(site: Path, browser: object) -> None:
    visit = PageVisit(browser, site / "chapters" / "05_exercises.html")
    try:
        solutions = visit.page.locator("div.solution.dropdown")
        assert solutions.count() >= 8
        for i in range(solutions.count()):
            solution = solutions.nth(i)
            body = solution.locator(
                ":scope > section, :scope > div, :scope > p:not(.admonition-title)"
            )
            assert body.count() >= 1
            assert not body.first.is_visible(), f"solution {i + 1} is shown before a click"
            solution.locator(":scope > .admonition-title").click()
            body.first.wait_for(state="visible", timeout=5_000)
            assert solution.locator(".cell_output").count() >= 1, "executed output expected"
            assert "Correct!" in solution.inner_text()
    finally:
        visit.close()

"""The built book in a real browser: Debian Chromium driven by Playwright, from file://.

Builds the book once (warnings are errors) into a temporary folder, then checks that
every page loads nothing from the internet, typesets its math, and that every slider,
moved with the keyboard, redraws its figure; the coin page's new peak must be the one
the Python package computes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import API_MODULES, CHAPTER_PAGES, PageVisit, html_pages

from mle_book.likelihood import bernoulli_likelihood, bernoulli_mle

pytest.importorskip("playwright.sync_api")


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

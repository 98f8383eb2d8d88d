"""Accessibility of every page, measured with axe-core, on a desktop and a phone, light and dark.

axe-core (the npm package pinned in package-lock.json) is injected from node_modules into
each page of the built book, opened from file:// in Debian Chromium. Every page must have
no serious or critical violation at 1280 and 360 px wide, in the light and the dark theme,
with the exercise solutions folded and opened, and log no console error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import ROOT, html_pages

pytest.importorskip("playwright.sync_api")

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def open_page(browser: object, path: Path, width: int, mode: str) -> tuple[object, list[str]]:
    """A page at ``width`` CSS px in the theme's ``mode``; returns it and its console errors."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    # The theme reads the reader's choice from localStorage before it paints.
    context.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(path.as_uri(), wait_until="load")
    page.evaluate(
        "async () => { const mj = window.MathJax;"
        " if (mj && mj.startup && mj.startup.promise) await mj.startup.promise; }"
    )
    if page.locator("script[type='application/vnd.jupyter.widget-state+json']").count():
        page.wait_for_function(
            "[...document.querySelectorAll('.mle-explorer')]"
            ".some(e => e.shadowRoot && e.shadowRoot.querySelector('.mle-readout'))",
            timeout=20_000,
        )
    page.wait_for_timeout(300)
    return page, errors


def axe_violations(page: object) -> list[str]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    # preload: false: axe would fetch the stylesheets again, which file:// forbids.
    result = page.evaluate("axe.run(document, {preload: false, resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:4]]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def open_solutions(page: object) -> int:
    folded = page.locator("div.solution.dropdown.toggle-hidden > .admonition-title")
    count = folded.count()
    for _ in range(count):
        # Its corner, away from its link to the exercise (which goes there instead).
        folded.first.click(position={"x": 10, "y": 10})
    if count:
        page.wait_for_timeout(800)
    return count


def test_axe_core_is_pinned_and_installed() -> None:
    assert AXE.exists(), "run `npm ci` (make test does)"
    assert '"axe-core": "4.' in (ROOT / "package.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_no_serious_violation_on_any_page(
    site: Path, browser: object, width: int, mode: str
) -> None:
    problems: list[str] = []
    for path in html_pages(site):
        if path.name == "index.html" and path.parent == site:
            continue  # a redirect to chapters/index.html
        name = str(path.relative_to(site))
        page, errors = open_page(browser, path, width, mode)
        try:
            assert page.evaluate("document.documentElement.dataset.theme") == mode
            problems += [f"{name} (folded): {v}" for v in axe_violations(page)]
            if open_solutions(page):
                problems += [f"{name} (solutions open): {v}" for v in axe_violations(page)]
            problems += [f"{name}: console error {e}" for e in errors]
        finally:
            page.context.close()
    assert problems == [], "\n".join(problems)


def test_every_slider_handle_and_value_box_has_a_name(site: Path, browser: object) -> None:
    for chapter in sorted((site / "chapters").glob("0*.html")):
        page, _ = open_page(browser, chapter, 1280, "light")
        try:
            open_solutions(page)
            page.wait_for_timeout(300)
            sliders = page.locator(".widget-slider")
            for i in range(sliders.count()):
                slider = sliders.nth(i)
                label = slider.locator(".widget-label").inner_text().strip()
                handle = slider.locator(".noUi-handle")
                assert handle.get_attribute("aria-label") == label, chapter.name
                # what a screen reader announces: the role and name, as Chromium computes them
                assert page.get_by_role("slider", name=label, exact=True).count() >= 1
                readout = slider.locator(".widget-readout")
                assert readout.get_attribute("aria-label") == f"{label}: value"
        finally:
            page.context.close()


def test_solution_toggles_are_named_after_their_exercise(site: Path, browser: object) -> None:
    page, _ = open_page(browser, site / "chapters" / "05_exercises.html", 1280, "light")
    try:
        buttons = page.locator("div.solution button.toggle-button")
        assert buttons.count() >= 8
        names = [buttons.nth(i).get_attribute("aria-label") for i in range(buttons.count())]
        # The visible hint first (label in name), then the solution it opens.
        assert all(name.startswith("Click to show: solution to") for name in names), names
        assert len(set(names)) == len(names)
    finally:
        page.context.close()


def test_explorer_figures_keep_their_role_and_live_description(
    site: Path, browser: object
) -> None:
    page, _ = open_page(browser, site / "chapters" / "02_coin.html", 360, "dark")
    try:
        info = page.evaluate(
            "[...document.querySelectorAll('.mle-explorer')].map(e => {"
            " const s = e.shadowRoot.querySelector('svg');"
            " const c = e.shadowRoot.querySelector('figcaption');"
            " return [s.getAttribute('role'), s.getAttribute('aria-label'),"
            " c.getAttribute('aria-live')]; })"
        )
        assert info
        for role, label, live in info:
            assert role == "img" and len(label) > 20 and live == "polite"
    finally:
        page.context.close()

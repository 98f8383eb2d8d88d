"""Every explorer is drawn while its page loads, before the widget manager starts.

js/first-frame.js draws each explorer's first frame from the widget state stored in the
page, with the explorer's own code (the state's ``_esm``), where the live figure will be;
js/widgets-entry.js removes it once the live explorer has drawn. These tests open the
built book from file:// in Chromium: with the widget manager switched off the first
frames alone must show every explorer with the same numbers as the live ones, in the
same place, and after a normal load no first frame may be left over.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from browser_support import CHAPTER_PAGES

# js/widgets-entry.js renders nothing when this flag is already set (it guards against a
# second copy of the manager on one page): the page then shows only its first frames.
NO_WIDGET_MANAGER = "window._jupyter_widget_embedder = true;"

FIGURES = """() => Array.from(document.querySelectorAll('.mle-reserve-figure')).map((box) => {
  const figure = box.querySelector('.mle-explorer');
  const svg = figure && figure.shadowRoot && figure.shadowRoot.querySelector('svg');
  if (!svg || !svg.firstElementChild) return null;
  const a = svg.getBoundingClientRect(), b = box.getBoundingClientRect();
  return {
    first: !!figure.closest('.mle-first-frame'),
    data: Object.assign({}, figure.dataset),
    readout: figure.shadowRoot.querySelector('.mle-readout').textContent,
    box: [a.left - b.left, a.top - b.top, a.width, a.height].map(Math.round),
  };
})"""


def _same(a: str, b: str) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-15)
    except ValueError:
        return a == b


def _figures(browser: object, site: Path, chapter: str, width: int, live: bool) -> list:
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        if not live:
            page.add_init_script(NO_WIDGET_MANAGER)
        page.goto((site / "chapters" / f"{chapter}.html").as_uri(), wait_until="load")
        expected = page.locator(".mle-reserve-figure").count()
        # Drawn: every box has a figure, and (live) the first frames are gone.
        page.wait_for_function(
            f"() => {{ const f = ({FIGURES})(); return f.length === {expected} && "
            f"f.every((x) => x && x.first === {str(not live).lower()}); }}",
            timeout=20_000,
        )
        page.wait_for_timeout(300)  # a late resize would redraw
        figures = page.evaluate(FIGURES)
        left = page.locator(".mle-first-frame").count()
    finally:
        page.close()
    assert not errors, errors
    return figures, left


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("chapter", CHAPTER_PAGES)
def test_first_frames_show_every_explorer_as_the_live_one_will(
    site: Path, browser: object, chapter: str, width: int
) -> None:
    first, _ = _figures(browser, site, chapter, width, live=False)
    live, left_over = _figures(browser, site, chapter, width, live=True)
    assert first, f"{chapter} has no explorer"
    assert left_over == 0, "a first frame stayed after the live explorer was drawn"
    assert len(first) == len(live)
    for a, b in zip(first, live, strict=True):
        assert a["first"] and not b["first"]
        # The live slider hands the figure its value as the slider computes it (0.1 may
        # arrive as 0.09999999999999999): equal to rounding, and the read-out is identical.
        assert a["data"].keys() == b["data"].keys()
        for key, value in a["data"].items():
            assert _same(value, b["data"][key]), (key, value, b["data"][key])
        assert a["readout"] == b["readout"]
        # Same place and size, to the pixel: swapping them moves nothing.
        assert all(abs(x - y) <= 1 for x, y in zip(a["box"], b["box"], strict=True)), (a, b)


def test_first_frames_are_hidden_from_assistive_technology(site: Path) -> None:
    # The live explorer, moments later, is the one a screen reader reads.
    for chapter in CHAPTER_PAGES:
        text = (site / "chapters" / f"{chapter}.html").read_text(encoding="utf-8")
        frames = text.count('<div class="mle-first-frame"')
        assert frames == text.count('class="mle-widget-reserve mle-reserve-figure"') > 0
        assert frames == text.count('<div class="mle-first-frame" aria-hidden="true"')


@pytest.mark.parametrize("chapter", CHAPTER_PAGES)
def test_the_widget_manager_starts_after_the_first_frames_are_drawn(
    site: Path, browser: object, chapter: str
) -> None:
    # Its bundle runs in one long task; the first frames must not wait behind it.
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto((site / "chapters" / f"{chapter}.html").as_uri(), wait_until="load")
        page.wait_for_function("performance.getEntriesByName('mle:views-drawn').length > 0")
        marks = page.evaluate(
            "() => Object.fromEntries(['mle:first-frame', 'mle:bundle-start'].map((name) =>"
            " [name, performance.getEntriesByName(name).map((m) => m.startTime)]))"
        )
    finally:
        page.close()
    frames, start = marks["mle:first-frame"], marks["mle:bundle-start"]
    boxes = (site / "chapters" / f"{chapter}.html").read_text(encoding="utf-8").count(
        'class="mle-widget-reserve mle-reserve-figure"'
    )
    assert len(frames) == boxes and len(start) == 1, marks
    assert max(frames) < start[0], marks

"""The built book in a real browser: Debian Chromium driven by Playwright, from file://.

Builds the book once (warnings are errors) into a temporary folder, then checks that
every page loads nothing from the internet, typesets its math, and that every slider,
moved with the keyboard, redraws its figure; the coin page's new peak must be the one
the Python package computes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser_support import API_MODULES, CHAPTER_PAGES, PageVisit, html_pages

from mle_book.likelihood import bernoulli_likelihood, bernoulli_mle

ROOT = Path(__file__).resolve().parents[1]

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
            # the title away from its link to the exercise (which goes there instead)
            solution.locator(":scope > .admonition-title").click(position={"x": 10, "y": 10})
            body.first.wait_for(state="visible", timeout=5_000)
            assert solution.locator(".cell_output").count() >= 1, "executed output expected"
            assert "Correct!" in solution.inner_text()
    finally:
        visit.close()


# ---- every reader, every device (issue 13) ------------------------------------------
PHONE, DESKTOP = 360, 1280


def _visit(browser: object, path: Path, width: int, mode: str = "light") -> object:
    """A page at ``width`` CSS px in the theme's ``mode`` (light/dark), explorers drawn."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    page = context.new_page()
    page.goto(path.as_uri(), wait_until="load")
    if page.locator("script[type='application/vnd.jupyter.widget-state+json']").count():
        page.wait_for_function(
            "[...document.querySelectorAll('.mle-explorer')]"
            ".some(e => e.shadowRoot && e.shadowRoot.querySelector('.mle-readout'))",
            timeout=20_000,
        )
    page.wait_for_timeout(300)
    return page


def _open_solutions(page: object) -> None:
    folded = page.locator("div.solution.dropdown.toggle-hidden > .admonition-title")
    count = folded.count()
    for _ in range(count):
        # its corner, away from its link to the exercise (which goes there instead)
        folded.first.click(position={"x": 10, "y": 10})
    if count:
        page.wait_for_timeout(500)


@pytest.mark.parametrize("width", [360, 390, 820, 1024, 1280])
def test_chapter_list_and_contents_open_from_their_visible_buttons(
    site: Path, browser: object, width: int
) -> None:
    page = _visit(browser, site / "chapters" / "02_coin.html", width)
    try:
        assert not page.locator("#pst-header").is_visible(), "duplicate header bar"
        assert page.locator(".search-button__button:visible").count() <= 1
        chapters = page.locator(".bd-header-article .primary-toggle")
        chapter_link = page.get_by_role("link", name="The continuous case")
        if width < 992:  # the chapter list opens as a dialog
            assert not chapter_link.is_visible()
            chapters.click()
            page.locator("#pst-primary-sidebar-modal[open]").wait_for(timeout=5_000)
            assert chapter_link.is_visible()
            page.keyboard.press("Escape")
            page.locator("#pst-primary-sidebar-modal[open]").wait_for(
                state="detached", timeout=5_000
            )
            chapter_link.wait_for(state="hidden", timeout=5_000)
        else:  # the sidebar folds away and comes back
            assert chapter_link.is_visible()
            chapters.click()
            page.wait_for_function(
                "!document.querySelector('#pst-primary-sidebar').checkVisibility("
                "{visibilityProperty: true})"
            )
            chapters.click()
            chapter_link.wait_for(state="visible", timeout=5_000)
        contents = page.locator(".bd-header-article .secondary-toggle")
        if contents.is_visible():  # narrow: "Contents" opens as a dialog
            contents.click()
            page.locator("#pst-secondary-sidebar-modal[open]").wait_for(timeout=5_000)
            assert page.locator("#pst-secondary-sidebar-modal a.nav-link").first.is_visible()
            page.keyboard.press("Escape")
            page.locator("#pst-secondary-sidebar-modal[open]").wait_for(
                state="detached", timeout=5_000
            )
        else:  # wide: the contents are always shown beside the page
            assert width >= 1200
            assert page.locator("#pst-secondary-sidebar nav a.nav-link").first.is_visible()
    finally:
        page.context.close()


# What sticks out past the viewport's right edge (named in the failure message): elements
# and runs of text (a long word in a heading is a text node) that no scrolling box of
# their own clips.
_STICKING_OUT = """
(width) => {
  const clipped = (node) => {
    const element = node.nodeType === 1 ? node : node.parentElement;
    const offPage = '.bd-sidebar-secondary, .bd-sidebar-primary, dialog';
    const forScreenReaders = 'mjx-assistive-mml, .sr-only, .visually-hidden';
    if (element.closest(`${offPage}, ${forScreenReaders}`)) return true;
    if (!element.checkVisibility({visibilityProperty: true})) return true;
    for (let p = node.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.position === 'fixed') return true;  // off-canvas sidebars never widen the page
      // A box that hides its overflow keeps the page narrow but cuts the text off (the
      // API page's "next" link did): only a box that scrolls lets the reader see it.
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
      if (p.getBoundingClientRect().right <= width + 0.5 && style.overflowX !== 'visible') {
        // ... except text hidden on purpose for screen readers (MathJax's MathML copy).
        return scrolls || p.tagName === 'MJX-ASSISTIVE-MML' || style.clip !== 'auto';
      }
    }
    return false;
  };
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('.bd-main') || document.body,
    NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node && out.length < 5; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const rect = node.nodeType === 1 ? node.getBoundingClientRect() : range.getBoundingClientRect();
    if (rect.width > 0 && rect.right > width + 0.5 && !clipped(node)) {
      out.push(`${node.nodeType === 1 ? node.tagName : '#text'} ${Math.round(rect.right)}px: `
        + node.textContent.trim().slice(0, 40));
    }
  }
  return out;
}
"""


@pytest.mark.parametrize("width", [PHONE, 390])
def test_nothing_overflows_sideways_on_a_phone(site: Path, browser: object, width: int) -> None:
    overflowing = []
    for path in html_pages(site):
        if path.name == "index.html" and path.parent == site:
            continue
        page = _visit(browser, path, width)
        try:
            _open_solutions(page)
            page.evaluate(  # measure typeset math, not its source
                "async () => { const mj = window.MathJax;"
                " if (mj && mj.startup && mj.startup.promise) await mj.startup.promise; }"
            )
            wide = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            boxes = page.evaluate(
                "[...document.querySelectorAll('.widget-vbox, .mle-explorer, .widget-slider')]"
                ".map(e => e.getBoundingClientRect()).filter(r => r.width > 0)"
                ".map(r => Math.round(r.right))"
            )
            readouts = page.evaluate(
                "[...document.querySelectorAll('.mle-explorer')].map(e => {"
                " const c = e.shadowRoot.querySelector('figcaption');"
                " return c.scrollWidth - c.clientWidth; })"
            )
            culprits = page.evaluate(_STICKING_OUT, width)
            if wide > 0 or any(right > width for right in boxes) or any(r > 0 for r in readouts):
                culprits = culprits or ["(none found)"]
            if culprits:
                overflowing.append(
                    f"{path.relative_to(site)}: page {wide}, {boxes}, {readouts}, {culprits}"
                )
        finally:
            page.context.close()
    assert overflowing == []


# In each explorer: every text's size as drawn (CSS px), its box, and the colours.
_FIGURE_FACTS = """
[...document.querySelectorAll('.mle-explorer')].filter(e => e.offsetParent).map(e => {
  const svg = e.shadowRoot.querySelector('svg');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const frame = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return { text: t.textContent, cls: t.getAttribute('class'),
      size: parseFloat(getComputedStyle(t).fontSize) * scale, fill: getComputedStyle(t).fill,
      box: [r.left, r.top, r.right, r.bottom] };
  });
  // Points every 2 px along the drawn curves and interval bars, in page pixels, kept only
  // where a panel frame shows them (curves are clipped to their panel).
  const frames = [...svg.querySelectorAll('.mle-frame')].map(f => f.getBoundingClientRect());
  const shown = (x, y) =>
    frames.some(f => x >= f.left && x <= f.right && y >= f.top && y <= f.bottom);
  const points = [];
  const drawn = 'path.mle-curve, path.mle-wald, line.mle-lr-bar, line.mle-wald-bar';
  for (const path of svg.querySelectorAll(drawn)) {
    const m = path.getScreenCTM(), length = path.getTotalLength();
    for (let s = 0; s <= length; s += 2 / scale) {
      const q = path.getPointAtLength(s);
      const x = m.a * q.x + m.c * q.y + m.e, y = m.b * q.x + m.d * q.y + m.f;
      if (shown(x, y)) points.push([x, y, path.getAttribute('class')]);
    }
  }
  return { texts, points, frame: [frame.left, frame.top, frame.right, frame.bottom],
    background: getComputedStyle(svg).backgroundColor };
})
"""


def _luminance(css: str) -> float:
    parts = [float(p) for p in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]

    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in parts)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _overlap(a: list[float], b: list[float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(w, 0) * max(h, 0)


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("chapter", CHAPTER_PAGES)
def test_explorer_text_is_legible_separate_and_contrasted(
    site: Path, browser: object, chapter: str, width: int, mode: str
) -> None:
    page = _visit(browser, site / "chapters" / f"{chapter}.html", width, mode)
    try:
        _open_solutions(page)
        figures = page.evaluate(_FIGURE_FACTS)
        assert figures, chapter
        for figure in figures:
            background = figure["background"]
            # no bright box on a dark page, no dark box on a light one
            assert (_luminance(background) < 0.05) == (mode == "dark"), background
            left, top, right, bottom = figure["frame"]
            texts = figure["texts"]
            for t in texts:
                assert t["size"] >= 11 - 1e-6, f"{chapter}: {t['text']!r} at {t['size']:.1f}px"
                assert _contrast(t["fill"], background) >= 4.5, f"{chapter}: {t['text']!r}"
                x0, y0, x1, y1 = t["box"]
                assert x0 >= left - 1 and x1 <= right + 1, f"{chapter}: {t['text']!r} cut off"
                assert y0 >= top - 1 and y1 <= bottom + 1, f"{chapter}: {t['text']!r} cut off"
            for i, a in enumerate(texts):
                for b in texts[i + 1 :]:
                    overlap = _overlap(a["box"], b["box"])
                    assert overlap < 4, f"{chapter}: {a['text']!r} overlaps {b['text']!r}"
            # no label sits on a curve or an interval bar (1 px of slack at the text's edges)
            for t in texts:
                x0, y0, x1, y1 = t["box"]
                crossing = [
                    cls
                    for x, y, cls in figure["points"]
                    if x0 + 1 < x < x1 - 1 and y0 + 1 < y < y1 - 1
                ]
                assert not crossing, f"{chapter}: {t['text']!r} covers {crossing[0]}"
    finally:
        page.context.close()


def test_markers_at_the_ends_of_a_slider_show_whole(site: Path, browser: object) -> None:
    page = _visit(browser, site / "chapters" / "02_coin.html", PHONE)
    try:
        box = page.locator(".widget-vbox:has(> .mle-explorer)").first
        theta = box.locator(".noUi-handle").nth(2)
        theta.focus()
        theta.press("Home")  # theta = 0: the marker sits on the panel's left edge
        page.wait_for_timeout(300)
        marker = page.evaluate(
            "(() => { const svg = document.querySelector('.mle-explorer').shadowRoot"
            ".querySelector('svg'); const m = svg.querySelector('.mle-marker');"
            " return [m.closest('[clip-path]') === null, m.getBoundingClientRect().width]; })()"
        )
        assert marker[0], "markers are drawn outside the clipped plot layer"
        assert marker[1] >= 9, marker
    finally:
        page.context.close()


def test_step_axis_has_only_whole_ticks(site: Path, browser: object) -> None:
    page = _visit(browser, site / "chapters" / "03_log_likelihood.html", DESKTOP)
    try:
        # The learning-rate explorer: the one whose figure reports a regime.
        box = page.locator(".widget-vbox:has(> .mle-explorer[data-regime])").first
        steps = box.locator(".noUi-handle").nth(1)
        steps.focus()
        steps.press("Home")  # one step
        page.wait_for_timeout(300)
        ticks = page.evaluate(
            "[...[...document.querySelector('.mle-explorer[data-regime]').shadowRoot"
            ".querySelectorAll('.mle-axes')][1].querySelectorAll('text.mle-ticklabel')]"
            ".filter(t => t.getAttribute('text-anchor') === 'middle').map(t => t.textContent)"
        )
        assert ticks == ["0", "1"], ticks
    finally:
        page.context.close()


def test_first_visit_logs_no_theme_error(site: Path, browser: object) -> None:
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        page.goto((site / "chapters" / "summary.html").as_uri(), wait_until="load")
        page.wait_for_timeout(500)
        assert errors == []
        assert page.evaluate("document.documentElement.dataset.mode") == "auto"
    finally:
        context.close()


def test_slider_handles_are_in_the_tab_order(site: Path, browser: object) -> None:
    """From one slider handle, Tab reaches the next (past its value box), Shift+Tab the one
    before: a keyboard reader gets to every slider of an explorer without a mouse."""
    page = _visit(browser, site / "chapters" / "02_coin.html", DESKTOP)
    try:
        handles = page.locator(".widget-vbox:has(> .mle-explorer)").first.locator(".noUi-handle")
        assert handles.count() == 3
        active = "document.activeElement"
        handles.first.focus()
        for key, order in [("Tab", [1, 2]), ("Shift+Tab", [1, 0])]:
            for want in order:
                for _ in range(3):  # the value box of a slider comes between two handles
                    page.keyboard.press(key)
                    if handles.nth(want).evaluate(f"h => h === {active}"):
                        break
                assert handles.nth(want).evaluate(f"h => h === {active}"), (key, want)
    finally:
        page.context.close()


def _saved_notebook(download: object, expected: Path) -> None:
    """The saved file is the chapter's notebook: valid JSON, nbformat 4, the same cells."""
    assert download.suggested_filename == expected.name
    saved = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    original = json.loads(expected.read_text(encoding="utf-8"))
    assert saved["nbformat"] == 4
    assert saved["cells"] == original["cells"]
    assert saved == original


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_notebook_download_saves_the_file_from_disk(site: Path, browser: object, how: str) -> None:
    """From file:// Chromium ignores the link's download attribute; the button must still
    save the notebook (not open its JSON), by mouse and by keyboard, loading nothing for
    it before the click."""
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto((site / "chapters" / "02_coin.html").as_uri(), wait_until="load")
        page.wait_for_timeout(300)
        assert not [url for url in requests if ".ipynb" in url], "notebook loaded before a click"
        url = page.url
        menu = page.locator(".dropdown-download-buttons > button")
        href = page.locator("a.btn-download-source-button").get_attribute("href")
        assert href.endswith("_sources/chapters/02_coin.ipynb")
        # Found by its role and name, as assistive technology finds it.
        link = page.get_by_role("link", name=re.compile(r"\.ipynb$"))
        for _ in range(2):  # a second press saves it again
            with page.expect_download(timeout=10_000) as download:
                if how == "mouse":
                    menu.click()
                    link.click()
                else:
                    menu.focus()
                    page.keyboard.press("Enter")
                    link.focus()
                    page.keyboard.press("Enter")
            _saved_notebook(download.value, ROOT / "chapters" / "02_coin.ipynb")
            assert page.url == url, "the page navigated away"
    finally:
        context.close()


def test_notebook_download_over_http_is_the_plain_link(site: Path, browser: object) -> None:
    """Over http(s) the link's own download attribute saves the file; no script needed."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": DESKTOP, "height": 900}, accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/chapters/02_coin.html", wait_until="load")
        page.locator(".dropdown-download-buttons > button").click()
        link = page.get_by_role("link", name=re.compile(r"\.ipynb$"))
        assert link.get_attribute("download") == "02_coin.ipynb"
        with page.expect_download(timeout=10_000) as download:
            link.click()
        _saved_notebook(download.value, ROOT / "chapters" / "02_coin.ipynb")
        assert not [url for url in requests if url.endswith(".ipynb.js")]
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_book_ships_the_helper_wheel_and_says_how_to_install_it(site: Path) -> None:
    import zipfile

    wheels = sorted(site.glob("mle_book-*.whl"))
    assert len(wheels) == 1
    names = zipfile.ZipFile(wheels[0]).namelist()
    assert "mle_book/__init__.py" in names and "mle_book/static/explorer.js" in names
    root_page = (site / "chapters" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{wheels[0].name}"' in root_page
    text = " ".join(re.sub(r"<[^>]+>", " ", root_page).split())
    assert f"pip install {wheels[0].name}" in text and "make serve" in text


# ---- reader findings, devices round 3 ------------------------------------------------
@pytest.mark.parametrize("how", ["click", "tap", "Enter"])
@pytest.mark.parametrize("width", [390, DESKTOP])
def test_theme_switch_keeps_the_page_where_it_is(
    site: Path, browser: object, width: int, how: str
) -> None:
    """Pressing the light/dark switch (or focusing any header button) never scrolls the page."""
    context = browser.new_context(viewport={"width": width, "height": 900}, has_touch=True)
    page = context.new_page()
    try:
        page.goto((site / "chapters" / "02_coin.html").as_uri(), wait_until="load")
        page.wait_for_timeout(500)
        switch = page.locator(".bd-header-article .theme-switch-button")
        modes = []
        for _ in range(3):  # every press, from every mode
            page.evaluate("document.activeElement && document.activeElement.blur()")
            page.evaluate("window.scrollTo(0, 1500)")
            page.wait_for_timeout(200)
            assert page.evaluate("scrollY") == 1500
            if how == "click":
                switch.click()
            elif how == "tap":
                switch.tap()
            else:
                switch.focus()  # as the Tab key does (focus alone scrolled the page)
                assert abs(page.evaluate("scrollY") - 1500) <= 3, "focus"
                page.keyboard.press("Enter")
            page.wait_for_timeout(300)
            modes.append(page.evaluate("document.documentElement.dataset.mode"))
            assert abs(page.evaluate("scrollY") - 1500) <= 3, (how, modes)
        assert len(set(modes)) == 3, modes  # the presses did switch the mode
        # The other header buttons take focus without scrolling either.
        for selector in [".primary-toggle", ".search-button__button", ".dropdown-toggle"]:
            button = page.locator(f".bd-header-article {selector}:visible")
            if not button.count():  # the search box sits in the sidebar on a desktop
                continue
            page.evaluate("window.scrollTo(0, 1500)")
            button.first.focus()
            page.wait_for_timeout(100)
            assert abs(page.evaluate("scrollY") - 1500) <= 3, selector
        # A link to a section still lands below the sticky header, not under it.
        page.evaluate("window.location.hash = document.querySelector('main section section').id")
        page.wait_for_timeout(300)
        header = page.evaluate(
            "document.querySelector('.bd-header-article').getBoundingClientRect().bottom"
        )
        heading = page.evaluate(
            "document.querySelector(':target > :is(h1,h2,h3,h4)').getBoundingClientRect().top"
        )
        assert heading >= header - 1, (heading, header)
    finally:
        context.close()


_HEADER_BUTTONS = ".bd-header-article :is(button, a.btn, .btn)"


def _outline(page: object, index: int) -> dict:
    return page.evaluate(
        f"(i) => {{ const b = [...document.querySelectorAll('{_HEADER_BUTTONS}')]"
        ".filter(e => e.checkVisibility())[i]; const s = getComputedStyle(b);"
        " return {name: b.getAttribute('aria-label') || b.textContent.trim() || b.title,"
        " style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,"
        " background: getComputedStyle(document.body).backgroundColor}; }",
        index,
    )


@pytest.mark.parametrize(
    ("width", "mode"), [(390, "dark"), (390, "light"), (DESKTOP, "light"), (DESKTOP, "dark")]
)
def test_header_buttons_show_keyboard_focus(
    site: Path, browser: object, width: int, mode: str
) -> None:
    """Each header button, focused from the keyboard, gets an outline of >= 3:1."""
    page = _visit(browser, site / "chapters" / "02_coin.html", width, mode)
    try:
        count = page.evaluate(
            f"[...document.querySelectorAll('{_HEADER_BUTTONS}')]"
            ".filter(e => e.checkVisibility()).length"
        )
        assert count >= 4
        for i in range(count):
            before = _outline(page, i)
            page.evaluate(
                f"(i) => [...document.querySelectorAll('{_HEADER_BUTTONS}')]"
                ".filter(e => e.checkVisibility())[i].focus()",
                i,
            )
            assert page.evaluate("document.activeElement.matches(':focus-visible')")
            after = _outline(page, i)
            page.evaluate("document.activeElement.blur()")
            name = after["name"]
            assert after["style"] != "none" and after["width"] >= 2, (name, after)
            assert (after["style"], after["width"], after["color"]) != (
                before["style"],
                before["width"],
                before["color"],
            ), name
            assert _contrast(after["color"], after["background"]) >= 3, (name, after)
    finally:
        page.context.close()


_SLIDER_FACTS = """
() => {
  const target = document.querySelector('.widget-slider .noUi-target');
  const handle = target.querySelector('.noUi-handle');
  let page = 'rgb(255, 255, 255)';
  for (let p = target.closest('.widget-slider'); p; p = p.parentElement) {
    const c = getComputedStyle(p).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)') { page = c; break; }
  }
  const h = getComputedStyle(handle);
  return { page, track: getComputedStyle(target.querySelector('.noUi-connects')).backgroundColor,
    trackHeight: target.getBoundingClientRect().height, fill: h.backgroundColor,
    border: h.borderTopColor, borderWidth: parseFloat(h.borderTopWidth),
    outline: h.outlineStyle === 'none' ? null : h.outlineColor };
}
"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_slider_track_and_handle_reach_3_to_1(site: Path, browser: object, mode: str) -> None:
    """WCAG 1.4.11: the slider's track and handle outline >= 3:1 against the page; focus
    shows (the handle fills and gets an outline, both >= 3:1 against the page)."""
    page = _visit(browser, site / "chapters" / "02_coin.html", 390, mode)
    try:
        page.locator(".widget-slider .noUi-handle").first.wait_for(timeout=20_000)
        rest = page.evaluate(_SLIDER_FACTS)
        assert (_luminance(rest["page"]) < 0.05) == (mode == "dark"), rest
        assert rest["trackHeight"] >= 3, rest
        assert _contrast(rest["track"], rest["page"]) >= 3, rest
        assert rest["borderWidth"] >= 1 and _contrast(rest["border"], rest["page"]) >= 3, rest
        page.locator(".widget-slider .noUi-handle").first.focus()
        focused = page.evaluate(_SLIDER_FACTS)
        assert focused["fill"] != rest["fill"], focused
        assert focused["outline"] and _contrast(focused["outline"], focused["page"]) >= 3, focused
        assert _contrast(focused["fill"], focused["page"]) >= 3, focused
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [360, 390])
def test_notation_table_is_readable_on_a_phone(site: Path, browser: object, width: int) -> None:
    """Every cell of the root page's notation table shows inside the screen, labelled."""
    page = _visit(browser, site / "chapters" / "index.html", width)
    try:
        cells = page.evaluate(
            "[...document.querySelectorAll('.mle-notation td')].map(td => {"
            " const r = td.getBoundingClientRect();"
            " return [r.left, r.right, td.textContent.trim(),"
            " getComputedStyle(td, '::before').content]; })"
        )
        assert len(cells) >= 60, len(cells)
        outside = [c[2] for c in cells if c[0] < -0.5 or c[1] > width + 0.5]
        assert outside == []
        scrolling = page.evaluate(
            "[...document.querySelectorAll('.mle-notation, .mle-notation *')]"
            ".filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))"
            ".filter(e => e.tagName !== 'MJX-CONTAINER')"
            ".filter(e => e.scrollWidth > e.clientWidth + 1).length"
        )
        assert scrolling == 0
        labels = {c[3] for c in cells}
        assert {'"symbol: "', '"name in the code: "'} <= labels, labels
    finally:
        page.context.close()

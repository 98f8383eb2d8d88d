"""Keyboard and screen-reader paths through the book (reader trial, accessibility round 4).

In the built book, opened from file:// in Debian Chromium:

1. no page of the book (every file in _toc.yml) has an ``id`` twice, and every
   ``aria-controls`` / ``aria-labelledby`` points at exactly one element;
2. every exercise and solution title is a heading in the accessibility tree, one level
   below the section it sits in (a solution one below its exercise), and still looks like
   the other admonition titles;
3. the "Exercise N" link in a solution's title goes to the exercise (mouse and Enter),
   while the rest of the title still opens and closes the solution;
4. the Tab stops before the coin chapter's first slider are only ones that help someone
   (header controls, copy buttons, code boxes that really scroll at this width), code
   boxes follow the window's width, and the skip link reaches the slider in 3 Tabs + Enter;
5. (round 5) an explorer's read-out is in the accessibility tree once (its caption), its
   image is named by description and title without doubled punctuation; a solution's
   toggle is named with the text it shows ("Click to show: solution to Exercise 1"); no
   name holds an icon glyph; a solution title's link starts at "Exercise"; on a phone no
   header tooltip is left over after a panel closes, and tooltips say the buttons' names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import ROOT
from test_a11y import open_page, open_solutions

pytest.importorskip("playwright.sync_api")
yaml = pytest.importorskip("yaml")


def toc_pages(site: Path) -> list[Path]:
    """The built page of every file listed in _toc.yml (root, chapters and sections)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    walk(toc.get("chapters", []))
    return [site / f"{name}.html" for name in files]


ID_PROBLEMS = """() => {
  const count = {};
  for (const el of document.querySelectorAll('[id]')) count[el.id] = (count[el.id] || 0) + 1;
  const problems = Object.entries(count).filter(([, n]) => n > 1)
    .map(([id, n]) => `id ${id} x${n}`);
  for (const attr of ['aria-controls', 'aria-labelledby', 'aria-describedby']) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (count[id] !== 1) problems.push(`${attr}=${id} -> ${count[id] || 0} elements`);
      }
    }
  }
  return problems;
}"""


def test_no_page_has_an_id_twice(site: Path, browser: object) -> None:
    pages = toc_pages(site)
    assert len(pages) >= 20 and all(p.exists() for p in pages), pages
    problems: list[str] = []
    for path in pages:
        page, _ = open_page(browser, path, 1280, "light")
        try:
            problems += [f"{path.name} (folded): {p}" for p in page.evaluate(ID_PROBLEMS)]
            if open_solutions(page):
                problems += [f"{path.name} (opened): {p}" for p in page.evaluate(ID_PROBLEMS)]
        finally:
            page.context.close()
    assert problems == [], "\n".join(problems)


# Each exercise/solution admonition: its title as a reader sees it (without the toggle
# button), the level of the section heading it sits under, and for a solution whether
# the exercise just before it is the one it solves.
TITLES = """() => [...document.querySelectorAll('main div.exercise, main div.solution')]
  .map(box => {
  const title = box.querySelector(':scope > .admonition-title').cloneNode(true);
  title.querySelectorAll('button').forEach(b => b.remove());
  let section = box.closest('section'), heading = null;
  while (section && !heading) {
    heading = section.querySelector(':scope > :is(h1, h2, h3, h4, h5, h6)');
    section = section.parentElement.closest('section');
  }
  let previous = box.previousElementSibling;
  while (previous && !previous.matches('div.exercise, div.solution')) {
    previous = previous.previousElementSibling;
  }
  const link = box.querySelector(':scope > .admonition-title a[href^="#"]');
  return {
    kind: box.matches('.exercise') ? 'exercise' : 'solution',
    title: title.textContent.replace(/\\s+/g, ' ').trim(),
    sectionLevel: heading ? Number(heading.tagName[1]) : 1,
    followsItsExercise: !!(previous && link && previous.matches('.exercise')
      && '#' + previous.id === link.getAttribute('href')),
  };
})"""


@pytest.mark.parametrize("chapter", ["05_exercises", "07_models"])
def test_exercise_and_solution_titles_are_headings(
    site: Path, browser: object, chapter: str
) -> None:
    page, _ = open_page(browser, site / "chapters" / f"{chapter}.html", 1280, "light")
    try:
        titles = page.evaluate(TITLES)
        assert sum(t["kind"] == "exercise" for t in titles) >= 1, chapter
        for t in titles:
            level = t["sectionLevel"] + 1 + (t["kind"] == "solution" and t["followsItsExercise"])
            heading = page.get_by_role("heading", name=t["title"], exact=True, level=level)
            assert heading.count() == 1, (t, level)
        # The page's outline (the accessibility tree's headings, in order) never skips a
        # level on the way down: h2 section > h3 exercise > h4 its solution.
        outline = [
            (int(level), name)
            for name, level in re.findall(
                r'- heading "(.*?)" \[level=(\d)\]', page.locator("main").aria_snapshot()
            )
        ]
        exercise_names = {t["title"] for t in titles}
        assert exercise_names <= {name for _, name in outline}
        for (before, _), (level, name) in zip(outline, outline[1:], strict=False):
            assert level <= before + 1, f"{name!r} at level {level} after level {before}"
        # The look is the admonitions' own: same font as a plain admonition title.
        style = (
            "el => { const s = getComputedStyle(el);"
            " return [el.tagName, s.fontSize, s.fontWeight, s.fontFamily, s.marginTop]; }"
        )
        exercise_title = page.locator("main div.exercise > .admonition-title").first
        assert exercise_title.evaluate(style)[0] == "P"
        plain = page.locator(
            "main div.admonition:not(.exercise):not(.solution) > .admonition-title"
        )
        if plain.count():
            assert exercise_title.evaluate(style) == plain.first.evaluate(style)
    finally:
        page.context.close()


STATE = "el => el.classList.contains('toggle-hidden')"


@pytest.mark.parametrize("width", [1280, 390])
def test_solution_title_link_goes_to_the_exercise(
    site: Path, browser: object, width: int
) -> None:
    path = site / "chapters" / "05_exercises.html"
    page, errors = open_page(browser, path, width, "light")
    try:
        solution = page.locator("main div.solution").first
        title = solution.locator(":scope > .admonition-title")
        link = title.locator("a[href^='#']")
        target = link.get_attribute("href")
        exercise = page.locator(target)
        button = title.locator("button.toggle-button")
        assert solution.evaluate(STATE) is True

        # Mouse: the link goes to the exercise and leaves the solution folded. (A click
        # where the pointer is, not Playwright's "click this element", which would wait
        # for whatever covers the link to go away.)
        link.scroll_into_view_if_needed()
        x, y = link.evaluate(  # its first line: on a phone the title wraps
            "el => { const r = el.getClientRects()[0];"
            " return [r.x + r.width / 2, r.y + r.height / 2]; }"
        )
        page.mouse.click(x, y)
        page.wait_for_timeout(300)
        assert page.evaluate("location.hash") == target
        assert solution.evaluate(STATE) is True
        top = exercise.evaluate("el => el.getBoundingClientRect().top")
        assert 0 <= top < page.viewport_size["height"] / 2, top

        # Mouse: the rest of the title ("Solution to ...") opens and closes the solution.
        title.scroll_into_view_if_needed()
        title.click(position={"x": 8, "y": 8})
        assert solution.evaluate(STATE) is False
        assert button.get_attribute("aria-expanded") == "true"
        title.click(position={"x": 8, "y": 8})
        assert solution.evaluate(STATE) is True

        # Keyboard: Enter on the link goes to the exercise; the solution stays folded.
        page.evaluate("history.replaceState(null, '', location.pathname); window.scrollTo(0, 0)")
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        assert page.evaluate("location.hash") == target
        assert solution.evaluate(STATE) is True
        # Keyboard: the toggle button (the next Tab stop) opens it.
        link.focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('toggle-button')")
        page.keyboard.press("Enter")
        assert solution.evaluate(STATE) is False
        assert errors == []
        # The toggle says what it opens: the solution's content.
        controls = button.get_attribute("aria-controls")
        assert controls and solution.locator(f"[id='{controls}']").count() == 1
    finally:
        page.context.close()


# The element focused now, as the kind of stop it is.
STOP = """() => {
  const el = document.activeElement;
  const overflows = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
  const kind = el.matches('.noUi-handle') ? 'slider'
    : el.closest('main .bd-article') === null ? 'page'
    : el.matches('button.copybtn') ? 'copy'
    : el.matches('pre') && overflows ? 'scroller'
    : 'other';
  return {kind, what: `${el.tagName.toLowerCase()}#${el.id}.${el.className}`.slice(0, 80),
          name: (el.getAttribute('aria-label') || el.textContent).trim().slice(0, 40)};
}"""

# Per code cell before the coin chapter's first explorer: a copy button, plus its code
# box when the code is wider than the column (scrollable by keyboard only if focusable).
CELL_STOPS = """() => {
  const first = document.querySelector('main .mle-explorer').closest('.cell');
  let copies = 0, scrollers = 0;
  for (const cell of document.querySelectorAll('main .cell')) {
    if (cell === first) { copies += 1; break; }  // its own code comes before its sliders
    copies += cell.querySelectorAll('button.copybtn').length;
    scrollers += [...cell.querySelectorAll('div.highlight pre')]
      .filter(p => p.scrollWidth > p.clientWidth + 1).length;
  }
  const pre = first.querySelector('div.highlight pre');
  scrollers += pre && pre.scrollWidth > pre.clientWidth + 1 ? 1 : 0;
  return {copies, scrollers};
}"""


def tab_to_first_slider(page: object, limit: int = 80) -> list[dict]:
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(STOP))
        if stops[-1]["kind"] == "slider":
            return stops
    raise AssertionError(f"no slider within {limit} Tab presses: {stops}")


# Tab presses to the first slider before this change (trial, 2026-11-30): 23 at 390 px
# and 32 at 1280 px; after it: the same by plain Tab (every stop helps someone, see the
# asserts), and 3 Tabs + Enter through the skip link.
@pytest.mark.parametrize("width", [390, 1280])
def test_tab_stops_before_the_first_slider_all_help(
    site: Path, browser: object, width: int
) -> None:
    page, _ = open_page(browser, site / "chapters" / "02_coin.html", width, "light")
    try:
        page.wait_for_timeout(700)  # the theme marks code boxes 300 ms after load
        stops = tab_to_first_slider(page)
        in_article = [s for s in stops[:-1] if s["kind"] != "page"]
        assert [s for s in in_article if s["kind"] == "other"] == [], stops
        cells = page.evaluate(CELL_STOPS)
        # Upper bound: the page's own controls (skip links, header, sidebar), then one
        # copy button per code cell and one code box per cell whose code is wider than
        # the column; nothing else in the article.
        page_stops = sum(s["kind"] == "page" for s in stops)
        assert len(in_article) == cells["copies"] + cells["scrollers"], stops
        assert len(stops) <= page_stops + cells["copies"] + cells["scrollers"] + 1
        print(f"{width} px: {len(stops)} Tab presses to the first slider "
              f"({page_stops} page controls, {cells['copies']} copy buttons, "
              f"{cells['scrollers']} scrolling code boxes)")

        # The skip link: Tab, Tab, Enter, Tab.
        page.goto(page.url.split("#")[0])
        page.wait_for_function("document.querySelector('main .mle-explorer')", timeout=20_000)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused == "Skip to the first explorer"
        assert page.locator("#pst-skip-link").evaluate(
            "el => el.getBoundingClientRect().bottom > 0"
        ), "the skip link shows while it has focus"
        page.keyboard.press("Enter")
        page.wait_for_timeout(200)
        page.keyboard.press("Tab")
        assert page.evaluate(STOP)["kind"] == "slider"
        handle = page.locator(".noUi-handle:focus")
        box = handle.bounding_box()
        assert box and 0 <= box["y"] < page.viewport_size["height"], "the slider is in view"
    finally:
        page.context.close()


PRE_STATE = """() => [...document.querySelectorAll('main div.highlight pre')].map(p =>
  [p.id, p.scrollWidth > p.clientWidth + 1, p.tabIndex >= 0])"""


def test_code_boxes_are_tab_stops_only_while_they_scroll(site: Path, browser: object) -> None:
    """axe's scrollable-region-focusable: a box whose code is wider than the column is
    focusable (so the keyboard can scroll it); one that fits is not a Tab stop. Checked
    after the window narrows and widens again."""
    page, _ = open_page(browser, site / "chapters" / "02_coin.html", 1280, "light")
    try:
        seen = set()
        for width in (1280, 390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(800)  # the theme re-marks code boxes 300 ms after a resize
            state = page.evaluate(PRE_STATE)
            assert state
            for box_id, scrolls, focusable in state:
                assert focusable == scrolls, (width, box_id, scrolls, focusable)
                seen.add((box_id, scrolls))
        # some box scrolls at one width and fits at the other
        assert {b for b, s in seen if s} & {b for b, s in seen if not s}
    finally:
        page.context.close()


# ---- round 5: names said once, label in name, no icon glyphs, phone tooltips ----------
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def ax_names(page: object) -> list[str]:
    """Every name, value and text of Chromium's own accessibility tree (what a screen
    reader gets), shadow roots included, as ``"role: text"`` with white space collapsed."""
    cdp = page.context.new_cdp_session(page)
    try:
        tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    out = []
    for node in tree:
        role = (node.get("role") or {}).get("value")
        if node.get("ignored") or role == "InlineTextBox":  # those repeat their StaticText
            continue
        for key in ("name", "value", "description"):
            value = (node.get(key) or {}).get("value")
            if isinstance(value, str) and value:
                out.append(f"{role}: {' '.join(value.split())}")
    return out


EXPLORERS = """() => [...document.querySelectorAll('.mle-explorer')].map(e => {
  const svg = e.shadowRoot.querySelector('svg');
  const caption = e.shadowRoot.querySelector('figcaption');
  return {label: svg.getAttribute('aria-label'), role: svg.getAttribute('role'),
          title: [...svg.querySelectorAll('.mle-title tspan')].map(t => t.textContent).join(' '),
          readout: caption.textContent, live: caption.getAttribute('aria-live')};
})"""


@pytest.mark.parametrize("chapter", ["02_coin", "05_exercises"])
def test_explorer_read_out_is_said_once(site: Path, browser: object, chapter: str) -> None:
    """The read-out is in the accessibility tree once (the caption, a live region), not
    also as the figure's name and inside the image's name; the image is named by the
    figure's description and title, with no doubled punctuation ("largest?.")."""
    page, _ = open_page(browser, site / "chapters" / f"{chapter}.html", 390, "light")
    try:
        open_solutions(page)
        page.wait_for_timeout(500)
        explorers = page.evaluate(EXPLORERS)
        assert explorers
        names = ax_names(page)
        for e in explorers:
            assert e["role"] == "img" and e["live"] == "polite", e
            assert e["readout"].strip() and e["readout"] not in e["label"], e
            assert e["label"].endswith(e["title"]) or e["label"].endswith(e["title"] + "."), e
            assert not re.search(r"[.?!:;…]\.", e["label"]), e
            readout = " ".join(e["readout"].split())
            assert f"StaticText: {readout}" in names, (e, names)
            named = [n for n in names if readout in n and not n.startswith("StaticText")]
            assert named == [], (e, named)
            assert page.get_by_role("img", name=e["label"], exact=True).count() >= 1
        # The exercises' exponential explorer: its title ends in a question mark.
        if chapter == "05_exercises":
            assert any(e["label"].endswith("largest?") for e in explorers), explorers
    finally:
        page.context.close()


TOGGLES = """() => [...document.querySelectorAll('div.solution button.toggle-button')].map(b => ({
  name: b.getAttribute('aria-label'), hint: b.dataset.toggleHint,
  shown: getComputedStyle(b, '::before').content.replace(/^"|"$/g, ''),
  heading: b.closest('.admonition-title').textContent.replace(/\\s+/g, ' ').trim()}))"""


def test_solution_toggle_names_hold_their_visible_text(site: Path, browser: object) -> None:
    """WCAG 2.5.3 (label in name): the toggle shows "Click to show" / "Click to hide";
    its accessible name starts with that text, says which solution, follows the state,
    and does not repeat the exercise's title the heading and its link already say."""
    page, _ = open_page(browser, site / "chapters" / "05_exercises.html", 1280, "light")
    try:
        toggles = page.evaluate(TOGGLES)
        assert len(toggles) >= 8
        names = [t["name"] for t in toggles]
        assert len(set(names)) == len(names), names
        for t in toggles:
            assert t["shown"] == t["hint"] == "Click to show", t
            assert re.fullmatch(r"Click to show: solution to Exercise \d+", t["name"]), t
            # the computed name, as assistive technology gets it
            assert page.get_by_role("button", name=t["name"], exact=True).count() == 1
        first = page.locator("div.solution button.toggle-button").first
        page.locator("div.solution > .admonition-title").first.click(position={"x": 10, "y": 10})
        page.wait_for_timeout(200)
        shown = first.evaluate("b => getComputedStyle(b, '::before').content")
        assert shown == '"Click to hide"'
        hide = names[0].replace("Click to show", "Click to hide")
        assert first.get_attribute("aria-label") == hide
        assert first.get_attribute("aria-expanded") == "true"
        # The heading is named by the title alone (not the button, not an icon).
        heading = page.get_by_role("heading", name=re.compile(r"^Solution to Exercise 1 \("))
        assert heading.count() == 1
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_no_icon_glyph_in_any_accessible_name(site: Path, browser: object, width: int) -> None:
    """Font Awesome glyphs (Unicode private-use characters, drawn by <i> tags or CSS
    ::before/::after) are not in the accessibility tree of any page of the book."""
    problems = []
    for path in toc_pages(site):
        page, _ = open_page(browser, path, width, "light")
        try:
            open_solutions(page)
            problems += [
                f"{path.name}: {n!r}" for n in ax_names(page) if PRIVATE_USE.search(n)
            ]
        finally:
            page.context.close()
    assert problems == [], "\n".join(problems[:40])


@pytest.mark.parametrize("chapter", ["05_exercises", "07_models"])
def test_solution_title_link_starts_at_its_first_word(
    site: Path, browser: object, chapter: str
) -> None:
    """The space between "Solution to" and "Exercise N" is outside the link, so the
    link's underline starts under the "E"."""
    page, _ = open_page(browser, site / "chapters" / f"{chapter}.html", 390, "light")
    try:
        links = page.evaluate(
            "() => [...document.querySelectorAll('div.solution > .admonition-title a')].map(a =>"
            " [a.textContent, a.previousSibling && a.previousSibling.textContent])"
        )
        assert links
        for text, before in links:
            assert text == text.lstrip() and text.startswith("Exercise"), links
            assert before.endswith(" ") and not before.endswith("  "), links
        title = page.locator("div.solution > .admonition-title").first
        words = " ".join(title.inner_text().split())
        assert re.fullmatch(r"Solution to Exercise \d+ \(.+\)", words), words
    finally:
        page.context.close()


# The tooltip shown now (Bootstrap puts it at the end of <body>), or None.
SHOWN_TIP = """() => { const tip = document.querySelector('.tooltip.show');
  return tip ? tip.textContent.trim() : null; }"""
OPEN_DIALOG = "() => [...document.querySelectorAll('dialog')].some(d => d.open)"


def phone(browser: object, path: Path) -> object:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    context.add_init_script("localStorage.setItem('mode', 'light');")
    page = context.new_page()
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(500)
    return page


@pytest.mark.parametrize("name", ["Chapters", "Contents of this page"])
@pytest.mark.parametrize("close", ["Escape", "tap outside"])
def test_no_tooltip_left_over_the_header_on_a_phone(
    site: Path, browser: object, name: str, close: str
) -> None:
    """Tap the header's button, close its panel: no tooltip stays over the header, and
    the next tap on the button opens the panel again (it only dismissed the tooltip)."""
    page = phone(browser, site / "chapters" / "02_coin.html")
    try:
        button = page.locator(".bd-header-article").get_by_role("button", name=name, exact=True)
        for _ in range(2):
            button.tap()
            page.wait_for_function(OPEN_DIALOG, timeout=3_000)
            page.wait_for_timeout(800)  # longer than the tooltip's 500 ms show delay
            assert page.evaluate(SHOWN_TIP) is None
            if close == "Escape":
                page.keyboard.press("Escape")
            else:
                box = page.evaluate(
                    "() => { const d = [...document.querySelectorAll('dialog')].find(d => d.open);"
                    " const r = d.getBoundingClientRect(); return [r.left, r.right]; }"
                )
                x = 385 if box[0] < 10 else 5  # the side the panel does not cover
                page.touchscreen.tap(x, 600)
            page.wait_for_function(f"!({OPEN_DIALOG})()", timeout=3_000)
            page.wait_for_timeout(800)
            assert page.evaluate(SHOWN_TIP) is None, f"tooltip left after {close}"
    finally:
        page.context.close()


@pytest.mark.parametrize("name", ["Chapters", "Contents of this page"])
def test_header_tooltips_say_the_buttons_names(site: Path, browser: object, name: str) -> None:
    """With a mouse, hovering the button shows its tooltip, which says the button's
    accessible name; a click hides it. Reaching the button with Tab shows it too."""
    # 1100 px: both buttons show (from 1200 px the page's contents are a sidebar).
    page, _ = open_page(browser, site / "chapters" / "02_coin.html", 1100, "light")
    try:
        button = page.locator(".bd-header-article").get_by_role("button", name=name, exact=True)
        button.hover()
        page.wait_for_function(SHOWN_TIP, timeout=3_000)
        assert page.evaluate(SHOWN_TIP) == name
        button.click()
        page.wait_for_timeout(800)
        assert page.evaluate(SHOWN_TIP) is None
        # Back as it was: close the panel (a dialog here) or show the sidebar again.
        if page.evaluate(OPEN_DIALOG):
            page.keyboard.press("Escape")
        else:
            button.click()
        page.mouse.move(600, 600)
        page.wait_for_timeout(300)
        # Keyboard: focus the control before it, then Tab onto the button.
        button.evaluate(
            "b => { const all = [...document.querySelectorAll('a[href], button, [tabindex]')]"
            ".filter(e => e.tabIndex >= 0 && e.offsetParent !== null);"
            " all[all.indexOf(b) - 1].focus(); }"
        )
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == name
        page.wait_for_function(SHOWN_TIP, timeout=3_000)
        assert page.evaluate(SHOWN_TIP) == name
    finally:
        page.context.close()

"""The answer boxes of the Exercises chapter in the built book, opened from file://.

Every answer of the shared table (tests/answer_table.py: right answers in several
forms, each known mistake, values outside the allowed range, too few figures, wrong
roundings, junk, empty and over-long text) is typed into the page, and the verdict and
message shown must be exactly what the Python ``check_*`` function returns for the same
text. Also: accessible names, Enter and the Check button, persistence across a reload,
the solved count and the Clear button, no request leaving the machine, no page error.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from answer_table import STATE, rows
from browser_support import PageVisit

from mle_book.exercises import EXERCISES, exercise_data

pytest.importorskip("playwright.sync_api")

PAGE = ("chapters", "05_exercises.html")


@pytest.fixture(scope="module")
def visit(site: Path, browser: object) -> Iterator[PageVisit]:
    page_visit = PageVisit(browser, site.joinpath(*PAGE))
    page_visit.page.wait_for_function(
        f"document.querySelectorAll('.mle-answer input').length === {len(EXERCISES)}",
        timeout=20_000,
    )
    yield page_visit
    page_visit.close()


def _box(visit: PageVisit, name: str):
    return visit.page.locator(f'.mle-answer[data-exercise="{name}"]')


def _submit(visit: PageVisit, name: str, text: str, *, how: str = "enter") -> tuple[str, str]:
    box = _box(visit, name)
    field = box.locator("input")
    feedback = box.locator(".mle-answer-feedback")
    # Clear first, so that a repeated message still shows as a change.
    visit.page.evaluate("el => { el.textContent = ''; }", feedback.element_handle())
    field.fill(text)
    if how == "enter":
        field.press("Enter")
    else:
        box.locator("button").click()
    visit.page.wait_for_function("el => el.textContent !== ''", arg=feedback.element_handle())
    return feedback.inner_text(), box.get_attribute("data-state")


def test_every_exercise_has_an_answer_box(visit: PageVisit) -> None:
    boxes = visit.page.locator(".mle-answer")
    assert boxes.count() == len(EXERCISES)
    assert [b.get_attribute("data-exercise") for b in boxes.all()] == list(EXERCISES)


def test_boxes_have_names_forms_and_a_live_region(visit: PageVisit) -> None:
    for number, name in enumerate(EXERCISES, start=1):
        field = visit.page.get_by_role(
            "textbox", name=f"Your answer to Exercise {number}", exact=True
        )
        assert field.count() == 1
        box = _box(visit, name)
        assert box.locator("input").get_attribute("id") == field.get_attribute("id")
        forms = box.locator(".mle-answer-forms").inner_text()
        assert "fraction" in forms and "Enter" in forms
        # The format examples fit the parameter: no negative example where none is allowed.
        lows = [
            c["lower"] for c in exercise_data()["exercises"][name]["constraints"] if "lower" in c
        ]
        assert ("−" not in forms) == bool(lows and max(lows) >= 0), (name, forms)
        live = box.locator(".mle-answer-feedback")
        assert live.get_attribute("aria-live") == "polite"
        assert live.get_attribute("role") == "status"
        assert box.get_by_role("button", name="Check").count() == 1


@pytest.mark.parametrize(
    "row", [pytest.param(r, id=f"{r.name}-{r.kind}-{r.text[:12]!r}") for r in rows()]
)
def test_page_gives_the_python_verdict_and_message(visit: PageVisit, row) -> None:
    message, state = _submit(visit, row.name, row.text)
    expected = EXERCISES[row.name](row.text)
    assert message == expected.message
    assert (state == "correct") is expected.correct
    assert state == STATE[row.kind]
    assert row.hint in message


# One answer per state of a box (and so per colour of its feedback text).
STATE_ANSWERS = {
    "correct": ("odds", "9/4"),
    "close": ("exponential_rate", "0.334"),
    "few_figures": ("standard_error", "0.13"),
    "mistake": ("poisson_rate", "18.0"),
    "constraint": ("odds", "-2.25"),
    "wrong": ("gaussian_mean", "1234.5"),
    "unreadable": ("odds", "0,333"),
}

_CONTRAST = """el => {
  const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  let node = el;
  let background = null;
  while (node) {  // the first opaque background behind the text
    const colour = rgb(getComputedStyle(node).backgroundColor);
    if (colour.length < 4 || colour[3] === 1) { background = colour; break; }
    node = node.parentElement;
  }
  background = background || [255, 255, 255];
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_feedback_text_contrast_in_every_state(site: Path, browser: object, mode: str) -> None:
    """Every feedback colour reaches WCAG AA (4.5:1) on its background, light and dark.

    The report: in light mode the "close" text was the theme's warning orange,
    rgb(246, 106, 10) on white, 3.0:1.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    page = context.new_page()
    try:
        page.goto(site.joinpath(*PAGE).as_uri(), wait_until="load")
        page.wait_for_function(
            f"document.querySelectorAll('.mle-answer input').length === {len(EXERCISES)}",
            timeout=20_000,
        )
        assert page.evaluate("document.documentElement.dataset.theme") == mode
        ratios = {}
        for state, (name, text) in STATE_ANSWERS.items():
            box = page.locator(f'.mle-answer[data-exercise="{name}"]')
            box.locator("input").fill(text)
            box.locator("input").press("Enter")
            page.wait_for_function(
                f"el => el.dataset.state === '{state}'", arg=box.element_handle(), timeout=5_000
            )
            feedback = box.locator(".mle-answer-feedback")
            ratios[state] = round(feedback.evaluate(_CONTRAST), 2)
        assert all(ratio >= 4.5 for ratio in ratios.values()), ratios
        page.evaluate("localStorage.clear()")
    finally:
        context.close()


def test_typing_with_the_keyboard_and_the_check_button(visit: PageVisit) -> None:
    box = _box(visit, "odds")
    field = box.locator("input")
    field.fill("")
    field.press_sequentially("9 / 4")
    box.locator("button").click()
    box.locator(".mle-answer-feedback").filter(has_text="Correct!").wait_for(timeout=5_000)
    assert box.get_attribute("data-state") == "correct"
    field.fill("")
    field.press_sequentially("\u22122.25")  # a typographic minus: outside the allowed range
    field.press("Enter")
    box.locator(".mle-answer-feedback").filter(has_text="Not possible.").wait_for(timeout=5_000)
    assert (
        box.locator(".mle-answer-feedback").inner_text() == EXERCISES["odds"]("\u22122.25").message
    )


def test_answers_persist_and_count_and_clear(site: Path, browser: object) -> None:
    visit = PageVisit(browser, site.joinpath(*PAGE))
    try:
        page = visit.page
        page.wait_for_selector(".mle-answer-progress p", timeout=20_000)
        status = page.locator(".mle-answer-progress p")
        assert status.inner_text().startswith(f"Solved 0 of {len(EXERCISES)} exercises")
        data = exercise_data()["exercises"]
        solved = ["exponential_rate", "odds"]
        for name in solved:
            _submit(visit, name, data[name]["exact_text"])
        _submit(visit, "all_heads", "6/7")  # a wrong answer is kept but not counted
        assert status.inner_text().startswith(f"Solved 2 of {len(EXERCISES)} exercises")
        page.reload(wait_until="load")
        page.wait_for_function(
            "document.querySelectorAll('.mle-answer-feedback:not(:empty)').length === 3",
            timeout=20_000,
        )
        for name in solved:
            box = _box(visit, name)
            assert box.locator("input").input_value() == data[name]["exact_text"]
            assert box.get_attribute("data-state") == "correct"
        assert _box(visit, "all_heads").locator("input").input_value() == "6/7"
        assert "Laplace" in _box(visit, "all_heads").locator(".mle-answer-feedback").inner_text()
        assert status.inner_text().startswith(f"Solved 2 of {len(EXERCISES)} exercises")
        page.get_by_role("button", name="Clear my answers").click()
        assert status.inner_text().startswith(f"Solved 0 of {len(EXERCISES)} exercises")
        # Clearing can be undone: the Undo button takes the focus, the status says so.
        undo = page.get_by_role("button", name="Undo clear")
        assert undo.is_visible() and undo.evaluate("b => b === document.activeElement")
        assert "Undo clear" in status.inner_text()
        undo.click()
        assert status.inner_text().startswith(f"Solved 2 of {len(EXERCISES)} exercises")
        assert not undo.is_visible()
        for name in solved:
            assert _box(visit, name).locator("input").input_value() == data[name]["exact_text"]
            assert _box(visit, name).get_attribute("data-state") == "correct"
        assert _box(visit, "all_heads").locator("input").input_value() == "6/7"
        page.get_by_role("button", name="Clear my answers").click()
        assert status.inner_text().startswith(f"Solved 0 of {len(EXERCISES)} exercises")
        for name in [*solved, "all_heads"]:
            box = _box(visit, name)
            assert box.locator("input").input_value() == ""
            assert box.locator(".mle-answer-feedback").inner_text() == ""
        page.reload(wait_until="load")
        page.wait_for_selector(".mle-answer-progress p", timeout=20_000)
        assert page.locator(".mle-answer-feedback:not(:empty)").count() == 0
        assert visit.external_requests() == []
        assert visit.errors == []
    finally:
        visit.close()


def test_no_request_leaves_the_machine_and_no_page_error(visit: PageVisit) -> None:
    assert visit.external_requests() == []
    assert visit.failed == []
    assert visit.errors == []


def test_odds_exercise_explorer_hides_the_peak_until_found(visit: PageVisit) -> None:
    """Issue 16: the odds exercise shows θ⁹(1−θ)⁴ with its peak hidden; find it by hand."""
    from mle_book.likelihood import bernoulli_likelihood, bernoulli_mle

    visit.wait_for_explorers()
    statement = visit.page.locator(".exercise:has(.mle-answer[data-exercise='odds'])")
    explorer = statement.locator(".mle-explorer")
    assert explorer.count() == 1
    assert float(explorer.get_attribute("data-peak")) == pytest.approx(bernoulli_mle(9, 4))
    readout = explorer.locator(".mle-readout")
    assert "peak" not in readout.inner_text()
    handle = statement.locator(".noUi-handle").first
    handle.focus()
    for _ in range(39):  # θ from 0.30 to 0.69 in steps of 0.01
        handle.press("ArrowRight")
    visit.page.wait_for_function(
        "el => el.textContent.includes('the peak!')", arg=readout.element_handle()
    )
    assert float(explorer.get_attribute("data-value")) == pytest.approx(
        bernoulli_likelihood(0.69, 9, 4), rel=1e-9
    )

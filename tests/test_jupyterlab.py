"""The coin explorer with a live kernel: real JupyterLab, real kernel, real Chromium.

Starts JupyterLab on the loopback interface, opens the coin chapter, runs every cell,
checks that every slider handle and value box has an accessible name, and moves the
heads slider with the keyboard: the figure must redraw to the new peak.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import slider_names
from live_server import TOKEN, jupyter_server, open_and_run_all

playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[1]
# The coin chapter's explorers and their sliders (heads, tails, θ (marker); data × k).
EXPLORERS_IN_COIN, SLIDERS_IN_COIN = 2, 4


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with jupyter_server("lab", ROOT / "chapters", tmp_path_factory.mktemp("lab-home")) as url:
        yield url


def test_coin_explorer_works_with_a_live_kernel(
    lab_url: str, browser: object, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        open_and_run_all(page, f"{lab_url}/lab/tree/02_coin.ipynb?token={TOKEN}")
        readout = page.locator(".jp-OutputArea .mle-explorer .mle-readout").first
        readout.wait_for(timeout=120_000)
        explorer = page.locator(".jp-OutputArea .mle-explorer").first
        assert float(explorer.get_attribute("data-peak")) == pytest.approx(9 / 13)
        # Every slider handle and value box has a name from its label (the page has no
        # reader-aids.js here: the explorer names the controls in its box).
        page.locator(".jp-OutputArea .mle-explorer").nth(EXPLORERS_IN_COIN - 1).wait_for()
        names = slider_names(page, ".jp-OutputArea")
        assert len(names) >= SLIDERS_IN_COIN
        assert [n for n in names if not n[0] or n[1:] != (1, 1)] == [], names
        vbox = page.locator(".jp-OutputArea .widget-vbox").first
        handle = vbox.locator(".noUi-handle").first
        handle.scroll_into_view_if_needed()
        handle.focus()
        handle.press("ArrowRight")  # 9 -> 10 heads
        page.wait_for_function(
            "el => Math.abs(+el.dataset.peak - 10 / 14) < 1e-12",
            arg=explorer.element_handle(),
            timeout=10_000,
        )
        # A screen reader hears the value as the read-out shows it ("0.52"), not
        # noUiSlider's raw float (the explorer's accessible-names rule, live here too).
        slider = vbox.locator(".widget-slider:has(.noUi-handle)").nth(2)
        theta = slider.locator(".noUi-handle")
        theta.focus()
        for _ in range(12):  # steps of 0.01 from 0.50: raw values such as 0.5700000000000001
            theta.press("ArrowRight")
            page.wait_for_function(
                "([h, r]) => h.getAttribute('aria-valuetext') === r.textContent.trim()",
                arg=[theta.element_handle(), slider.locator(".widget-readout").element_handle()],
                timeout=10_000,
            )
    except Exception:
        page.screenshot(path=str(tmp_path / "jupyterlab.png"))
        raise
    finally:
        page.close()


# ---------------------------------------------------------------- exercise answer boxes
# Appended for issue 9: the answer box of Exercise 1, live. Typing into it must reach
# the text box, not the notebook's command-mode shortcuts ("1" would turn a cell into a
# heading, Enter would enter edit mode). JupyterLab serves a copy of the notebook from a
# temporary folder, so that its autosave cannot touch chapters/.


@pytest.fixture(scope="module")
def exercises_lab_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import shutil

    notebooks = tmp_path_factory.mktemp("notebooks")
    shutil.copy(ROOT / "chapters" / "05_exercises.ipynb", notebooks / "05_exercises.ipynb")
    home = tmp_path_factory.mktemp("lab-home-exercises")
    with jupyter_server("lab", notebooks, home) as url:
        yield url


def test_answer_box_works_with_a_live_kernel(
    exercises_lab_url: str, browser: object, tmp_path: Path
) -> None:
    from mle_book.exercises import check_exponential_rate

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        open_and_run_all(page, f"{exercises_lab_url}/lab/tree/05_exercises.ipynb?token={TOKEN}")
        box = page.locator('.jp-OutputArea .mle-answer[data-exercise="exponential_rate"]')
        box.locator("input").wait_for(timeout=120_000)
        cells_before = page.locator(".jp-Notebook .jp-Cell").count()
        markdown_before = page.locator(".jp-Notebook .jp-MarkdownCell").count()
        field = page.get_by_role("textbox", name="Your answer to Exercise 1", exact=True)
        feedback = box.locator(".mle-answer-feedback")
        for text in ["3", "1/3"]:  # one wrong answer (a known mistake), one right
            field.click()
            field.fill("")
            field.press_sequentially(text)
            field.press("Enter")
            expected = check_exponential_rate(text).message
            page.wait_for_function(
                "([el, text]) => el.textContent === text",
                arg=[feedback.element_handle(), expected],
                timeout=10_000,
            )
            assert field.input_value() == text  # every key reached the box
        assert box.get_attribute("data-state") == "correct"
        # No key was taken as a notebook shortcut (new cells, cell-type changes).
        assert page.locator(".jp-Notebook .jp-Cell").count() == cells_before
        assert page.locator(".jp-Notebook .jp-MarkdownCell").count() == markdown_before
    except Exception:
        page.screenshot(path=str(tmp_path / "jupyterlab-exercises.png"))
        raise
    finally:
        page.close()


# ---------------------------------------------------------------- JupyterLab's own environment
# Appended for issue 15: JupyterLab and Notebook 7 run from .venv-lab (requirements-lab.txt),
# the notebooks on the book's kernel. The book's environment stays free of jupyter_server,
# whose jupyter-events makes jsonschema import rfc3987-syntax's grammars (~1.5 s) in every
# process that imports nbformat or jupyter_book: every nbval worker and every book build.


def test_the_server_offers_the_books_kernel(lab_url: str) -> None:
    import json
    import sys
    import urllib.request

    from live_server import LAB_VENV

    with urllib.request.urlopen(f"{lab_url}/api/kernelspecs?token={TOKEN}", timeout=30) as reply:
        specs = json.load(reply)
    assert specs["default"] == "python3"
    python = Path(specs["kernelspecs"]["python3"]["spec"]["argv"][0])
    assert python.parent.parent == Path(sys.prefix)  # the book's .venv, with mle_book
    assert Path(sys.prefix) != LAB_VENV


@pytest.mark.parametrize("module", ["jupyter_server", "jupyter_events", "rfc3987_syntax"])
def test_the_books_environment_has_no_jupyter_server(module: str) -> None:
    import importlib.util

    assert importlib.util.find_spec(module) is None, (
        f"{module} is installed in the book's environment; JupyterLab and Notebook 7 belong "
        "in requirements-lab.txt (`make lab-setup`), see the Makefile"
    )

"""The logistic-regression explorer of chapter 7 in a real browser, from file://.

Moves the intercept and slope sliders with the keyboard and checks that the NLL the
figure reads out (its ``data-value``) equals :func:`mle_book.models.logistic_nll` at the
sliders' positions, and that the MLE it marks is the Python one.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from browser_support import PageVisit

from mle_book.models import design_matrix, load_dataset, logistic_newton, logistic_nll

pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def gpa_model() -> tuple[np.ndarray, np.ndarray]:
    data = load_dataset("spector")
    gpa = data["GPA"].to_numpy()
    return design_matrix(gpa - gpa.mean()), data["GRADE"].to_numpy()


def _sliders_and_value(explorer: object) -> tuple[list[float], float]:
    """The (β₀, β₁) the figure drew with, parsed from its read-out, and its data-value."""
    text = explorer.locator(".mle-readout").inner_text().replace("−", "-")
    match = re.match(r"β₀ = (\S+), β₁ = (\S+):", text)
    assert match, text
    return [float(match[1]), float(match[2])], float(explorer.get_attribute("data-value"))


def test_logistic_explorer_reads_out_the_python_nll(
    site: Path, browser: object, gpa_model: tuple[np.ndarray, np.ndarray]
) -> None:
    X, y = gpa_model
    visit = PageVisit(browser, site / "chapters" / "07_models.html")
    try:
        assert visit.wait_for_explorers() == 1
        explorer = visit.page.locator(".mle-explorer").first
        fit = logistic_newton(X, y)
        assert float(explorer.get_attribute("data-min-value")) == pytest.approx(fit.nll, rel=1e-9)
        assert float(explorer.get_attribute("data-intercept-hat")) == pytest.approx(
            fit.beta[0], rel=1e-9
        )
        assert float(explorer.get_attribute("data-slope-hat")) == pytest.approx(
            fit.beta[1], rel=1e-9
        )
        intercept, slope = visit.page.locator(".widget-vbox").first.locator(".noUi-handle").all()
        moves = [
            (slope, "PageUp"),
            (slope, "ArrowRight"),
            (intercept, "ArrowLeft"),
            (intercept, "PageDown"),
            (slope, "PageUp"),
            (slope, "PageUp"),
        ]
        values, positions = [], []
        for handle, key in [(None, None), *moves]:
            if handle is not None:
                before = explorer.get_attribute("data-value")
                handle.focus()
                handle.press(key)
                visit.page.wait_for_function(
                    "([el, old]) => el.dataset.value !== old",
                    arg=[explorer.element_handle(), before],
                    timeout=5_000,
                )
            visit.page.wait_for_timeout(150)  # let a multi-step key move settle
            beta, value = _sliders_and_value(explorer)
            assert value == pytest.approx(logistic_nll(beta, X, y), rel=1e-9), beta
            assert value >= fit.nll
            values.append(value)
            positions.append(beta)
        assert len(set(values)) == len(values)  # every move changed the read-out
        assert len({tuple(b) for b in positions}) == len(positions)
        assert visit.errors == []
    finally:
        visit.close()

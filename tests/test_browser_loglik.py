"""Chapter 3's explorers in the built book: L and ln L side by side, and the learning rate.

Each new slider is moved with the keyboard in headless Chromium (from file://), and the
figure's read-outs (its ``data-*`` attributes, set by explorer.js) are compared with the
Python helpers at several positions: the peak with ``bernoulli_mle``, L and ln L with
``bernoulli_likelihood`` / ``bernoulli_log_likelihood``, the descent's last iterate with
``gradient_descent`` and its regime with ``learning_rate_regime``. The first tests need no
browser: they check the Python side of the new explorer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import pytest
from browser_support import PageVisit

from mle_book import widgets as explorers
from mle_book.likelihood import bernoulli_likelihood, bernoulli_log_likelihood, bernoulli_mle
from mle_book.optimisation import DivergenceError, gradient_descent, learning_rate_regime

COMBINING_HAT = "\u0302"
JS_SOURCE = (Path(explorers.__file__).parent / "static" / "explorer.js").read_text()

# ------------------------------------------------------------------ Python side, no browser


def test_log_likelihood_explorer_links_three_sliders_to_one_figure() -> None:
    *sliders, figure = explorers.log_likelihood_explorer(3, 7, theta=0.25, max_count=20).children
    assert isinstance(figure, explorers.LogLikelihoodFigure) and figure.kind == "loglik"
    assert (figure.n_heads, figure.n_tails, figure.theta) == (3, 7, 0.25)
    assert [s.max for s in sliders[:2]] == [20, 20]
    linked = {link.target[1] for link in figure.links}
    assert linked == {"n_heads", "n_tails", "theta"} == set(figure._redraw_on)
    assert all(isinstance(s, (widgets.IntSlider, widgets.FloatSlider)) for s in sliders)
    assert "loglik: drawLogLik" in JS_SOURCE
    assert repr(figure) == "LogLikelihoodFigure()"


@pytest.mark.parametrize(
    ("call", "error", "text"),
    [
        (lambda: explorers.log_likelihood_explorer(41, 4), ValueError, "n_heads must be"),
        (lambda: explorers.log_likelihood_explorer(9, -1), ValueError, "n_tails must be"),
        (lambda: explorers.log_likelihood_explorer(9, 4, theta=1.5), ValueError, "theta must"),
        (lambda: explorers.log_likelihood_explorer(9, 4, theta=[0.5]), TypeError, "theta must"),
        (lambda: explorers.log_likelihood_explorer(9, 4, max_count=0), ValueError, "max_count"),
        (lambda: explorers.log_likelihood_explorer("9", 4), TypeError, "n_heads must be"),
    ],
)
def test_log_likelihood_explorer_rejects_bad_input(
    call: Callable[[], object], error: type[Exception], text: str
) -> None:
    with pytest.raises(error, match=text):
        call()


def test_learning_rate_explorer_has_a_start_slider_in_its_range() -> None:
    box = explorers.learning_rate_explorer(9, 4, n_steps=30, theta0=0.2)
    *sliders, figure = box.children
    assert [s.description for s in sliders] == ["log₁₀ learning rate", "steps", "start θ₀"]
    assert (figure.n_steps, figure.theta0) == (30, 0.2)
    with pytest.raises(ValueError, match=r"theta0 must be in \[0.01, 0.99\]"):
        explorers.learning_rate_explorer(9, 4, theta0=0.001)
    with pytest.raises(ValueError, match="n_steps must be"):
        explorers.learning_rate_explorer(9, 4, n_steps=0)


# --------------------------------------------------------------------------- in a browser


def _explorer_box(visit: PageVisit, kind_attribute: str) -> object:
    """The VBox (sliders + figure) whose figure has the given data-* attribute."""
    box = visit.page.locator(
        f".widget-vbox:has(> .mle-explorer[{kind_attribute}])"
        f", .widget-vbox:has(> * .mle-explorer[{kind_attribute}])"
    ).first
    box.wait_for(state="attached", timeout=15_000)
    return box


def _press(visit: PageVisit, box: object, handle: object, key: str) -> None:
    before = box.locator(".mle-readout").inner_text()
    handle.focus()
    handle.press(key)
    visit.page.wait_for_function(
        "([el, text]) => el.textContent !== text",
        arg=[box.locator(".mle-readout").element_handle(), before],
        timeout=5_000,
    )


def _data(figure: object, name: str) -> float:
    return float(figure.get_attribute(f"data-{name}"))


def _check_loglik(figure: object) -> None:
    theta, heads, tails = (_data(figure, key) for key in ("theta", "n-heads", "n-tails"))
    heads, tails = int(heads), int(tails)
    assert _data(figure, "peak") == pytest.approx(bernoulli_mle(heads, tails), rel=1e-12)
    assert _data(figure, "likelihood") == pytest.approx(
        bernoulli_likelihood(theta, heads, tails), rel=1e-9
    )
    assert _data(figure, "log-likelihood") == pytest.approx(
        bernoulli_log_likelihood(theta, heads, tails), rel=1e-9
    )
    peak = bernoulli_mle(heads, tails)
    assert _data(figure, "peak-log") == pytest.approx(
        bernoulli_log_likelihood(peak, heads, tails), rel=1e-9, abs=1e-12
    )
    readout = figure.locator(".mle-readout").inner_text()
    title = figure.locator("svg .mle-title").text_content()
    assert f"{heads} heads, {tails} tails" in title
    assert f"= {heads}/{heads + tails} =" in readout
    assert COMBINING_HAT not in readout + title


def test_loglik_sliders_move_both_curves_and_keep_the_common_peak(
    site: Path, browser: object
) -> None:
    visit = PageVisit(browser, site / "chapters" / "03_log_likelihood.html")
    try:
        visit.wait_for_explorers()
        box = _explorer_box(visit, "data-peak-log")
        figure = box.locator(".mle-explorer")
        heads, tails, theta = box.locator(".noUi-handle").all()[:3]
        _check_loglik(figure)  # 9 heads, 4 tails, θ = 0.5
        assert _data(figure, "peak") == pytest.approx(9 / 13)
        for _ in range(3):  # θ = 0.51, 0.52, 0.53
            _press(visit, box, theta, "ArrowRight")
            _check_loglik(figure)
        assert _data(figure, "theta") == pytest.approx(0.53)
        _press(visit, box, heads, "ArrowRight")  # 10 heads
        _check_loglik(figure)
        assert _data(figure, "peak") == pytest.approx(10 / 14, rel=1e-12)
        for _ in range(2):  # 5, then 6 tails
            _press(visit, box, tails, "ArrowRight")
            _check_loglik(figure)
        assert _data(figure, "peak") == pytest.approx(10 / 16, rel=1e-12)
        assert visit.errors == []
    finally:
        visit.close()


def _check_descent(figure: object) -> str:
    lr, steps, theta0 = _data(figure, "lr"), int(_data(figure, "steps")), _data(figure, "theta0")
    status = figure.get_attribute("data-status")
    regime = figure.get_attribute("data-regime")
    readout = figure.locator(".mle-readout").inner_text()
    assert regime == learning_rate_regime(lr, 9, 4, mean=True)
    assert COMBINING_HAT not in readout
    assert " 1 steps" not in readout
    diverged_at = int(_data(figure, "diverged-at"))
    if diverged_at:
        assert status == "diverged", readout
        assert f"step {diverged_at} left (0, 1)" in readout
        with pytest.raises(DivergenceError) as caught:
            gradient_descent(9, 4, lr=lr, mean=True, n_steps=diverged_at, theta0=theta0)
        assert caught.value.iteration == diverged_at
        return status
    run = gradient_descent(9, 4, lr=lr, mean=True, n_steps=steps, theta0=theta0)
    assert _data(figure, "theta") == pytest.approx(run.theta, rel=1e-12, abs=1e-15)
    if regime == "unstable":
        assert status in ("not converging", "converged"), readout
    if status == "still descending":
        ratio = _data(figure, "ratio")
        assert ratio < 1 and not math.isnan(ratio)
    return status


def test_learning_rate_read_outs_match_python_and_name_what_happened(
    site: Path, browser: object
) -> None:
    visit = PageVisit(browser, site / "chapters" / "03_log_likelihood.html")
    try:
        visit.wait_for_explorers()
        box = _explorer_box(visit, "data-regime")
        figure = box.locator(".mle-explorer")
        lr_handle, steps_handle, start_handle = box.locator(".noUi-handle").all()[:3]
        statuses = {_check_descent(figure)}  # lr = 0.1, 20 steps, start 0.5
        # up the learning rate through the oscillating and unstable regimes
        for _ in range(14):  # log10 lr from -1.0 to -0.3 in steps of 0.05
            _press(visit, box, lr_handle, "ArrowRight")
            statuses.add(_check_descent(figure))
        assert "diverged" in statuses
        assert learning_rate_regime(_data(figure, "lr"), 9, 4, mean=True) == "unstable"
        # back to a stable lr; then one step only: "after 1 step", never "1 steps"
        for _ in range(14):
            _press(visit, box, lr_handle, "ArrowLeft")
        for _ in range(19):
            _press(visit, box, steps_handle, "ArrowLeft")
        assert int(_data(figure, "steps")) == 1
        assert "after 1 step θ" in figure.locator(".mle-readout").inner_text()
        _check_descent(figure)
        # a start far from the MLE: the start slider moves the run
        for _ in range(2):  # start 0.50 -> 0.48
            _press(visit, box, start_handle, "ArrowLeft")
            _check_descent(figure)
        assert _data(figure, "theta0") == pytest.approx(0.48)
        assert visit.errors == []
    finally:
        visit.close()

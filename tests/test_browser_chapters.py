"""Chapter explorers in a real browser, checked against SciPy and mle_book as the sliders move.

Uses the session fixtures ``site`` (the book built with -W) and ``browser`` (Debian
Chromium through Playwright) from tests/conftest.py. The figure's numbers are read from the
``data-*`` attributes the explorer writes on its element (see static/explorer.js), and its
words from the read-out under the figure.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from browser_support import PageVisit
from scipy import special, stats

from mle_book.bayes import log_posterior
from mle_book.likelihood import bernoulli_mle

EXPLORER_JS = Path(__file__).resolve().parents[1] / "code" / "mle_book" / "static" / "explorer.js"


# ----------------------------------------------------------- the JavaScript log-gamma


def _js_log_gamma_source() -> str:
    source = EXPLORER_JS.read_text(encoding="utf-8")
    match = re.search(r"const LANCZOS = .*?// end logGamma", source, re.DOTALL)
    assert match, "explorer.js must define LANCZOS and logGamma before '// end logGamma'"
    return match.group(0)


POINTS = [1e-8, 0.1, 0.5, 1.0, 1.5, 2.0, 3.7, 10.0, 14.0, 15.0, 42.5, 1001.0, 2002.0, 1e5]


def test_js_log_gamma_matches_math_lgamma() -> None:
    """The JS ln Γ behind B(n_H + 1, n_T + 1) agrees with the standard library to ~1e-13."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = _js_log_gamma_source() + f"\nconsole.log(JSON.stringify({POINTS}.map(logGamma)));"
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    values = json.loads(result.stdout)
    for x, value in zip(POINTS, values, strict=True):
        assert value == pytest.approx(math.lgamma(x), rel=1e-13, abs=1e-13), x
    # B(10, 5) = 1/10010, the normalising constant of chapter 4's Beta(10, 5) density
    log_beta = values[POINTS.index(10.0)] + math.lgamma(5.0) - values[POINTS.index(15.0)]
    assert math.exp(-log_beta) == pytest.approx(10010, rel=1e-12)


# ------------------------------------------------------------------- helpers


def _explorer_box(visit: PageVisit, selector: str) -> object:
    """The widget box (sliders + figure) whose figure matches ``selector``."""
    visit.wait_for_explorers()
    box = visit.page.locator(f".widget-vbox:has(> {selector})").first
    box.wait_for(state="attached", timeout=15_000)
    return box


def _press(visit: PageVisit, handle: object, key: str, times: int) -> None:
    handle.focus()
    for _ in range(times):
        handle.press(key)
        visit.page.wait_for_timeout(30)


def _wait_for_counts(visit: PageVisit, figure: object, heads: int, tails: int) -> None:
    visit.page.wait_for_function(
        "([el, text]) => el.shadowRoot.querySelector('.mle-title').textContent.startsWith(text)",
        arg=[figure.element_handle(), f"{heads} heads, {tails} tails" if heads + tails else "no "],
        timeout=5_000,
    )


def _expected_peak_and_height(heads: int, tails: int) -> tuple[float, float]:
    peak = bernoulli_mle(heads, tails)
    height = float(np.exp(log_posterior(peak, heads, tails)))  # flat prior: Beta(h+1, t+1)
    # SciPy agrees; at a boundary peak use the density's limit, (t + 1) or (h + 1).
    scipy_height = stats.beta(heads + 1, tails + 1).pdf(peak)
    assert height == pytest.approx(scipy_height, rel=1e-12)
    return peak, height


# ------------------------------------------------- chapter 4: the likelihood as a density


def test_posterior_explorer_reads_out_the_beta_peak_and_height(site: Path, browser: object) -> None:
    visit = PageVisit(browser, site / "chapters" / "04_continuous.html")
    try:
        box = _explorer_box(visit, ".mle-explorer[data-height]")
        figure = box.locator(".mle-explorer")
        heads_slider, tails_slider = box.locator(".noUi-handle").all()[:2]

        def check(heads: int, tails: int) -> None:
            _wait_for_counts(visit, figure, heads, tails)
            peak, height = _expected_peak_and_height(heads, tails)
            assert float(figure.get_attribute("data-peak")) == pytest.approx(peak, rel=1e-12)
            assert float(figure.get_attribute("data-height")) == pytest.approx(height, rel=1e-9)
            log_norm = float(figure.get_attribute("data-log-norm"))
            assert log_norm == pytest.approx(special.betaln(heads + 1, tails + 1), rel=1e-11)
            readout = box.locator(".mle-readout").inner_text()
            assert f"Beta({heads + 1}, {tails + 1})" in readout
            assert f"θ = {heads}/{heads + tails}" in readout
            assert "\u0302" not in readout

        check(9, 4)  # the running example: peak 9/13, height 3.2779 > 1
        assert float(figure.get_attribute("data-height")) > 3
        assert "above 1" in box.locator(".mle-readout").inner_text()
        _press(visit, heads_slider, "ArrowRight", 3)
        check(12, 4)
        _press(visit, tails_slider, "ArrowRight", 11)
        check(12, 15)
        _press(visit, heads_slider, "ArrowLeft", 12)
        check(0, 15)  # the peak moves to the boundary θ = 0, height n_T + 1 = 16
        _press(visit, tails_slider, "ArrowLeft", 15)
        _wait_for_counts(visit, figure, 0, 0)
        assert figure.get_attribute("data-peak") == "NaN"
        assert float(figure.get_attribute("data-height")) == pytest.approx(1.0)
        assert "undefined" in box.locator(".mle-readout").inner_text()
        _press(visit, heads_slider, "ArrowRight", 1)
        check(1, 0)
        assert visit.errors == []
    finally:
        visit.close()


# ------------------------------------------------------ chapter 2: no flips, no peak


def test_coin_explorer_with_no_flips_says_the_mle_is_undefined(site: Path, browser: object) -> None:
    visit = PageVisit(browser, site / "chapters" / "02_coin.html")
    try:
        box = _explorer_box(visit, ".mle-explorer")
        figure = box.locator(".mle-explorer")
        heads_slider, tails_slider = box.locator(".noUi-handle").all()[:2]
        assert float(figure.get_attribute("data-peak")) == pytest.approx(bernoulli_mle(9, 4))
        assert figure.locator(".mle-peak").count() == 1
        readout = box.locator(".mle-readout").inner_text()
        assert "MLE θ = 0.6923" in readout and "\u0302" not in readout
        _press(visit, heads_slider, "ArrowLeft", 9)
        _press(visit, tails_slider, "ArrowLeft", 4)
        visit.page.wait_for_function(
            "el => el.dataset.peak === 'NaN'", arg=figure.element_handle(), timeout=5_000
        )
        title = figure.locator("svg .mle-title").text_content()
        assert "MLE is undefined" in title
        assert "undefined" in box.locator(".mle-readout").inner_text()
        assert figure.locator(".mle-peak").count() == 0  # no peak line drawn
        with pytest.raises(ValueError, match="undefined"):
            bernoulli_mle(0, 0)  # the Python helper says the same
        _press(visit, tails_slider, "ArrowRight", 1)
        visit.page.wait_for_function(
            "el => el.dataset.peak === '0'", arg=figure.element_handle(), timeout=5_000
        )
        assert figure.locator(".mle-peak").count() == 1
    finally:
        visit.close()


# ------------------------------------- every slider: its value text is the visible value

# Chapters whose sliders step by fractions (0.1, 0.01, ...), where noUiSlider's own value
# text was float noise ("2.6999999999999997") while the read-out showed 2.70.
VALUE_TEXT_PAGES = [
    "03_log_likelihood",
    "04_continuous",
    "05_exercises",
    "06_uncertainty",
    "07_models",
]


@pytest.mark.parametrize("chapter", VALUE_TEXT_PAGES)
def test_slider_value_text_is_what_the_readout_shows(
    site: Path, browser: object, chapter: str
) -> None:
    """After arrow presses, each handle's aria-valuetext equals its slider's visible value."""
    visit = PageVisit(browser, site / "chapters" / f"{chapter}.html")
    try:
        visit.wait_for_explorers()
        visit.open_solutions()
        sliders = visit.page.locator(".widget-slider:has(.noUi-handle)")
        assert sliders.count() > 0
        for i in range(sliders.count()):
            slider = sliders.nth(i)
            slider.scroll_into_view_if_needed()
            handle = slider.locator(".noUi-handle").first
            readout = slider.locator(".widget-readout")
            for key in ["ArrowRight"] * 6 + ["ArrowLeft"] * 2:
                _press(visit, handle, key, 1)
                shown = readout.text_content().strip()
                visit.page.wait_for_function(
                    "([h, text]) => h.getAttribute('aria-valuetext') === text",
                    arg=[handle.element_handle(), shown],
                    timeout=2_000,
                )
            # the raw value can be float noise; the text a screen reader hears never is
            assert not re.search(r"\d{7,}", handle.get_attribute("aria-valuetext"))
        assert visit.errors == []
    finally:
        visit.close()


# ------------------------------------ chapter 2: the sharpening explorer reads what it plots


def test_sharpening_readout_gives_the_relative_likelihood(site: Path, browser: object) -> None:
    """At m = 50 the plot shows L(θ)/L(MLE); the read-out and data-relative say the same."""
    from mle_book.likelihood import bernoulli_log_likelihood

    visit = PageVisit(browser, site / "chapters" / "02_coin.html")
    try:
        visit.wait_for_explorers()
        box = (
            visit.page.locator(".widget-vbox:has(> .mle-explorer)")
            .filter(has=visit.page.locator(".widget-label", has_text="data × m"))
            .first
        )
        figure = box.locator(".mle-explorer")
        handle = box.locator(".noUi-handle").first
        _press(visit, handle, "End", 1)  # m = 50
        visit.page.wait_for_function(
            "el => el.dataset.peak !== undefined && el.shadowRoot.querySelector('.mle-title')"
            ".textContent.startsWith('450 heads')",
            arg=figure.element_handle(),
            timeout=5_000,
        )
        theta = 9 / 13  # the factory puts the marker at the m = 1 MLE, the peak for every m
        data = figure.evaluate("el => ({...el.dataset})")
        peak = bernoulli_mle(450, 200)
        expected = math.exp(
            bernoulli_log_likelihood(theta, 450, 200) - bernoulli_log_likelihood(peak, 450, 200)
        )
        assert float(data["peak"]) == pytest.approx(peak, rel=1e-12)
        assert float(data["relative"]) == pytest.approx(expected, rel=1e-9)
        readout = box.locator(".mle-readout").inner_text()
        assert "L(θ) / L(MLE) = " in readout and "e−" not in readout  # not the absolute 5.7e−175
        shown = float(re.search(r"L\(θ\) / L\(MLE\) = ([\d.]+)", readout)[1])
        assert shown == pytest.approx(expected, rel=1e-3)
        assert f"MLE θ = {peak:.4f}" in readout
        # The width of the peak (relative likelihood above 1/2), what the slider changes.
        from scipy.optimize import brentq

        def gap(x: float) -> float:
            return (
                bernoulli_log_likelihood(x, 450, 200)
                - bernoulli_log_likelihood(peak, 450, 200)
                + math.log(2)
            )

        low, high = brentq(gap, 1e-9, peak, xtol=1e-14), brentq(gap, peak, 1 - 1e-9, xtol=1e-14)
        assert float(data["halfLow"]) == pytest.approx(low, abs=1e-9)
        assert float(data["halfHigh"]) == pytest.approx(high, abs=1e-9)
        assert f"width {high - low:.3g}" in readout.replace("−", "-")
    finally:
        visit.close()

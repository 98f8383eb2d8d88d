"""The uncertainty chapter's explorers in a real browser, checked against mle_book.uncertainty.

Each slider is moved with the keyboard; after every move the figure's read-outs
(``data-*`` attributes written by explorer.js) must equal what the Python helpers give
for the same counts, level and theta: z and χ²₁, the Wald and likelihood-ratio intervals,
the exact coverage of both methods, and the Gaussian NLL, profile and intervals.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from browser_support import PageVisit

from mle_book.continuous import gaussian_nll
from mle_book.uncertainty import (
    chi2_quantile,
    coverage,
    gaussian_profile_interval,
    gaussian_profile_nll,
    gaussian_slice_interval,
    likelihood_ratio_interval,
    normal_quantile,
    wald_interval,
)

pytest.importorskip("playwright.sync_api")

BOXES = ".widget-vbox:has(> * .mle-explorer), .widget-vbox:has(> .mle-explorer)"


def _data(explorer: object) -> dict[str, float]:
    values = explorer.evaluate("el => ({...el.dataset})")
    return {key: float(value) for key, value in values.items()}


def _press(visit: PageVisit, handle: object, key: str, times: int) -> None:
    handle.focus()
    for _ in range(times):
        handle.press(key)
    visit.page.wait_for_timeout(150)


def _wait_for(visit: PageVisit, explorer: object, condition: str) -> dict[str, float]:
    visit.page.wait_for_function(
        f"el => {{ const d = el.dataset; return {condition}; }}",
        arg=explorer.element_handle(),
        timeout=5_000,
    )
    return _data(explorer)


def _check_intervals(data: dict[str, float], n_heads: int, n_tails: int) -> None:
    level = data["level"]
    assert data["z"] == pytest.approx(normal_quantile(level), rel=1e-8)
    assert data["chi2"] == pytest.approx(chi2_quantile(level), rel=2e-8)
    assert data["mle"] == pytest.approx(n_heads / (n_heads + n_tails), rel=1e-12)
    wald = wald_interval(n_heads, n_tails, level)
    lr = likelihood_ratio_interval(n_heads, n_tails, level)
    assert (data["waldLower"], data["waldUpper"]) == pytest.approx(tuple(wald), rel=1e-8, abs=1e-9)
    assert (data["lrLower"], data["lrUpper"]) == pytest.approx(tuple(lr), rel=1e-8, abs=1e-10)


def test_interval_explorer_matches_python(site: Path, browser: object) -> None:
    visit = PageVisit(browser, site / "chapters" / "06_uncertainty.html")
    try:
        visit.wait_for_explorers()
        box = visit.page.locator(BOXES).nth(0)
        explorer = box.locator(".mle-explorer")
        heads, tails, level = box.locator(".noUi-handle").all()
        _check_intervals(_data(explorer), 9, 4)
        assert _data(explorer)["level"] == pytest.approx(0.95)

        _press(visit, heads, "ArrowRight", 3)  # 12 heads, 4 tails
        _check_intervals(_wait_for(visit, explorer, "Math.abs(+d.mle - 12 / 16) < 1e-12"), 12, 4)

        _press(visit, tails, "ArrowLeft", 3)  # 12 heads, 1 tail: Wald leaves [0, 1]
        data = _wait_for(visit, explorer, "Math.abs(+d.mle - 12 / 13) < 1e-12")
        _check_intervals(data, 12, 1)
        assert data["waldUpper"] > 1 and data["lrUpper"] < 1

        _press(visit, tails, "ArrowLeft", 1)  # no tails: Wald is one point, LR reaches 1
        data = _wait_for(visit, explorer, "+d.mle === 1")
        _check_intervals(data, 12, 0)
        assert data["waldLower"] == data["waldUpper"] == 1 and data["lrUpper"] == 1
        assert "Wald is one point" in explorer.locator("svg .mle-title").text_content()

        _press(visit, level, "ArrowRight", 4)  # level 0.99
        data = _wait_for(visit, explorer, "Math.abs(+d.level - 0.99) < 1e-9")
        _check_intervals(data, 12, 0)

        _press(visit, level, "ArrowLeft", 19)  # level 0.80
        _press(visit, tails, "ArrowRight", 5)  # 12 heads, 5 tails
        data = _wait_for(
            visit, explorer, "Math.abs(+d.level - 0.8) < 1e-9 && Math.abs(+d.mle - 12 / 17) < 1e-12"
        )
        _check_intervals(data, 12, 5)
        assert "likelihood ratio (" in box.locator(".mle-readout").inner_text()
        assert visit.errors == []
    finally:
        visit.close()


def _check_coverage(data: dict[str, float], n: int) -> None:
    assert data["n"] == n
    level, theta = data["level"], data["theta"]
    assert data["waldAt"] == pytest.approx(coverage(n, theta, "wald", level), rel=1e-9)
    assert data["lrAt"] == pytest.approx(coverage(n, theta, "lr", level), rel=1e-9)


def test_coverage_explorer_matches_python(site: Path, browser: object) -> None:
    visit = PageVisit(browser, site / "chapters" / "06_uncertainty.html")
    try:
        visit.wait_for_explorers()
        box = visit.page.locator(BOXES).nth(1)
        explorer = box.locator(".mle-explorer")
        n, level, theta = box.locator(".noUi-handle").all()
        data = _data(explorer)
        _check_coverage(data, 13)
        assert data["waldAt"] == pytest.approx(0.7394, abs=5e-5)  # the chapter's 74 %

        _press(visit, theta, "ArrowRight", 20)  # θ = 0.30
        data = _wait_for(visit, explorer, "Math.abs(+d.theta - 0.3) < 1e-9")
        _check_coverage(data, 13)
        assert data["waldAt"] == pytest.approx(0.9181, abs=5e-5)  # the chapter's 92 %

        _press(visit, n, "ArrowRight", 7)  # n = 20
        _check_coverage(_wait_for(visit, explorer, "+d.n === 20"), 20)

        _press(visit, level, "ArrowLeft", 5)  # level 0.90
        _check_coverage(_wait_for(visit, explorer, "Math.abs(+d.level - 0.9) < 1e-9"), 20)

        _press(visit, theta, "ArrowLeft", 27)  # θ = 0.03, near the boundary
        data = _wait_for(visit, explorer, "Math.abs(+d.theta - 0.03) < 1e-9")
        _check_coverage(data, 20)
        assert data["waldAt"] < data["lrAt"]

        _press(visit, n, "ArrowLeft", 19)  # n = 1: two data sets only
        _check_coverage(_wait_for(visit, explorer, "+d.n === 1"), 1)
        assert visit.errors == []
    finally:
        visit.close()


def _check_surface(data: dict[str, float], sample: np.ndarray) -> None:
    mu, sigma, level = data["mu"], data["sigma"], data["level"]
    assert data["value"] == pytest.approx(gaussian_nll(sample, mu, sigma), rel=1e-10)
    assert data["profile"] == pytest.approx(gaussian_profile_nll(sample, mu), rel=1e-10)
    assert data["profileSigma"] == pytest.approx(np.sqrt(np.mean((sample - mu) ** 2)), rel=1e-10)
    profile, slice_ = (
        gaussian_profile_interval(sample, level),
        gaussian_slice_interval(sample, level),
    )
    assert (data["profileLower"], data["profileUpper"]) == pytest.approx(
        tuple(profile), rel=1e-8, abs=1e-8
    )
    assert (data["sliceLower"], data["sliceUpper"]) == pytest.approx(
        tuple(slice_), rel=1e-8, abs=1e-8
    )
    assert data["value"] >= data["profile"] - 1e-9


def test_surface_explorer_matches_python(site: Path, browser: object) -> None:
    sample = np.random.default_rng(2024).normal(loc=0.4, scale=1.0, size=20)  # as in the chapter
    visit = PageVisit(browser, site / "chapters" / "06_uncertainty.html")
    try:
        visit.wait_for_explorers()
        box = visit.page.locator(BOXES).nth(2)
        explorer = box.locator(".mle-explorer")
        mu, sigma, level = box.locator(".noUi-handle").all()
        start = _data(explorer)
        _check_surface(start, sample)

        _press(visit, mu, "ArrowRight", 30)
        data = _wait_for(visit, explorer, f"Math.abs(+d.mu - {start['mu'] + 0.3}) < 1e-9")
        _check_surface(data, sample)

        _press(visit, sigma, "ArrowLeft", 20)
        data = _wait_for(visit, explorer, f"Math.abs(+d.sigma - {start['sigma'] - 0.2}) < 1e-9")
        _check_surface(data, sample)

        _press(visit, level, "ArrowRight", 4)
        _check_surface(_wait_for(visit, explorer, "Math.abs(+d.level - 0.99) < 1e-9"), sample)
        assert visit.errors == []
    finally:
        visit.close()


_BAR_LABELS = """
el => {
  const svg = el.shadowRoot.querySelector('svg');
  const box = (n) => {
    const r = n.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  };
  const texts = Object.fromEntries(
    [...svg.querySelectorAll('text')].map(t => [t.textContent, box(t)]));
  return { texts, lr: box(svg.querySelector('.mle-lr-bar')),
    wald: box(svg.querySelector('.mle-wald-bar')) };
}
"""


@pytest.mark.parametrize("width", [360, 1280])
def test_surface_explorer_labels_its_interval_bars(site: Path, browser: object, width: int) -> None:
    """Like the interval explorer, the surface explorer names its two bars, next to each bar
    (size, contrast and overlaps of every label: test_browser.py's figure-facts test)."""
    visit = PageVisit(browser, site / "chapters" / "06_uncertainty.html")
    try:
        visit.page.set_viewport_size({"width": width, "height": 900})
        visit.wait_for_explorers()
        explorer = visit.page.locator(BOXES).nth(2).locator(".mle-explorer")
        explorer.scroll_into_view_if_needed()
        visit.page.wait_for_timeout(500)
        facts = explorer.evaluate(_BAR_LABELS)
        for name, bar in (("profile", facts["lr"]), ("slice", facts["wald"])):
            assert name in facts["texts"], f"no {name!r} label"
            x0, y0, x1, y1 = facts["texts"][name]
            middle = (bar[1] + bar[3]) / 2
            # beside its bar: within about a line of it, and across from some part of it
            assert min(abs(y0 - middle), abs(y1 - middle)) <= 22, (name, facts)
            assert x1 >= bar[0] - 60 and x0 <= bar[2] + 60, (name, facts)
    finally:
        visit.close()

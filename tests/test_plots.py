"""Tests of mle_book.plots: every figure has a title and labelled axes."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from mle_book import plots

FIGURES = {
    "likelihood": lambda: plots.plot_likelihood(9, 4),
    "likelihood-and-log": lambda: plots.plot_likelihood_and_log(9, 4),
    "sharpening": lambda: plots.plot_sharpening(9, 4, multipliers=(1, 2)),
    "descent": lambda: plots.plot_descent({"a": [0.5, 0.6, 9 / 13], "b": [0.5, 0.7]}, 9 / 13),
    "descent-linear": lambda: plots.plot_descent({"a": [0.5, 0.6]}, 0.6, log_error=False),
    "gaussian": lambda: plots.plot_gaussian_fit([0.0, 1.0, 2.5], 1.1, 1.0),
}


@pytest.mark.parametrize("name", FIGURES)
def test_figures_are_titled_and_labelled(name: str) -> None:
    figure = FIGURES[name]()
    try:
        for axes in figure.axes:
            assert axes.get_title()
            assert axes.get_xlabel() and axes.get_ylabel()
    finally:
        plt.close(figure)


def test_likelihood_plot_marks_the_mle() -> None:
    figure = plots.plot_likelihood(9, 4)
    peak_line = figure.axes[0].lines[1]
    assert peak_line.get_xdata()[0] == pytest.approx(9 / 13)
    plt.close(figure)


def test_exact_hit_stays_visible_on_log_axis() -> None:
    figure = plots.plot_descent({"exact": [0.5, 0.6]}, 0.6)
    assert np.all(figure.axes[0].lines[0].get_ydata() > 0)
    plt.close(figure)


def test_theta_grid_endpoints() -> None:
    grid = plots.theta_grid(11)
    assert grid[0] == 0.0 and grid[-1] == 1.0 and grid.size == 11


# ---- the prose pass: ε-windows, zoomed NLL panel, the log-odds and uniform notation ----


def test_epsilon_windows_have_area_epsilon_times_density() -> None:
    from mle_book.continuous import gaussian_log_density

    sample, eps = [-0.5, 0.3, 1.4], 0.25
    figure = plots.plot_epsilon_windows(sample, 0.2, 0.8, eps)
    try:
        rectangles = figure.axes[0].patches
        assert len(rectangles) == len(sample)
        for rectangle, x in zip(rectangles, sample, strict=True):
            assert rectangle.get_width() == pytest.approx(eps)
            assert rectangle.get_x() + eps / 2 == pytest.approx(x)
            density = np.exp(gaussian_log_density(x, 0.2, 0.8))
            assert rectangle.get_width() * rectangle.get_height() == pytest.approx(eps * density)
        assert "ε = 0.25" in figure.axes[0].get_title()
    finally:
        plt.close(figure)


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (([0.0], 0.0, 0.0, 0.1), ValueError, "sigma"),
        (([0.0], 0.0, 1.0, 0.0), ValueError, "epsilon"),
        (([], 0.0, 1.0, 0.1), ValueError, "sample"),
        ((list(range(201)), 0.0, 1.0, 0.1), ValueError, "len\\(sample\\)"),
    ],
)
def test_epsilon_windows_reject_bad_input(args, error, match) -> None:
    with pytest.raises(error, match=match):
        plots.plot_epsilon_windows(*args)


def test_nll_against_sigma_zoom_panel_shows_only_the_early_part() -> None:
    sigmas = np.logspace(0, -20, 21)
    curve = np.concatenate([[1.0, 2.0, 3.0], -np.arange(18.0) * 10])
    figure = plots.plot_nll_against_sigma(sigmas, {"NLL": curve}, zoom_to=1e-2)
    try:
        full, zoom = figure.axes
        assert full.lines[0].get_xdata().size == 21
        assert zoom.lines[0].get_xdata().min() == pytest.approx(1e-2)
        assert zoom.get_title().startswith("Zoom")
    finally:
        plt.close(figure)
    for bad in (1e-30, 1.0, 0.0):
        with pytest.raises(ValueError, match="zoom_to"):
            plots.plot_nll_against_sigma(sigmas, {"NLL": curve}, zoom_to=bad)


def test_log_odds_plot_uses_phi_and_keeps_the_old_keyword() -> None:
    new = plots.plot_logit_log_likelihood([(9, 4)], phi_range=(-1.0, 3.0))
    old = plots.plot_logit_log_likelihood([(9, 4)], eta_range=(-1.0, 3.0))
    try:
        for figure in (new, old):
            ax = figure.axes[0]
            assert ax.get_xlabel().startswith("φ")
            assert ax.lines[0].get_xdata()[0] == -1.0
            assert ax.lines[1].get_xdata()[0] == pytest.approx(np.log(9 / 4))
    finally:
        plt.close(new)
        plt.close(old)


def test_uniform_plot_names_the_upper_end_b() -> None:
    figure = plots.plot_uniform_likelihood([1.0, 3.0])
    try:
        ax = figure.axes[0]
        assert ax.get_xlabel().startswith("b ") and "Uniform(0, b)" in ax.get_title()
    finally:
        plt.close(figure)


def test_likelihood_legend_has_no_combining_hat() -> None:
    figure = plots.plot_likelihood(9, 4)
    try:
        labels = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
        assert labels == ["MLE θ = 9/13"]
    finally:
        plt.close(figure)

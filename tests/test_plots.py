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

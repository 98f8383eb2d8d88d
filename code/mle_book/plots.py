"""Static matplotlib figures for the chapters: titled, labelled, deterministic.

Every function returns the :class:`matplotlib.figure.Figure` so that a notebook
ends its cell with ``plt.show()`` and a test can inspect the axes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from ._validation import check_count, check_int_in_range, check_positive, check_real, check_sample
from .bayes import log_likelihood_in_log_odds
from .continuous import gaussian_log_density
from .exercises import uniform_log_likelihood
from .likelihood import bernoulli_log_likelihood, bernoulli_mle

__all__ = [
    "plot_uniform_likelihood",
    "plot_logit_log_likelihood",
    "plot_likelihood",
    "plot_likelihood_and_log",
    "plot_sharpening",
    "plot_descent",
    "plot_gaussian_fit",
    "theta_grid",
    "plot_exponential_fit",
    "plot_nll_against_sigma",
]

_PEAK_STYLE = {"color": "#c0392b", "linestyle": "--", "linewidth": 1.2}


def theta_grid(n_points: int = 1001) -> np.ndarray:
    """Evenly spaced theta values on [0, 1], endpoints included.

    Examples
    --------
    >>> theta_grid(5)
    array([0.  , 0.25, 0.5 , 0.75, 1.  ])
    """
    n_points = check_int_in_range(n_points, "n_points", 2, 10_000_000)
    return np.linspace(0.0, 1.0, n_points)


def plot_likelihood(n_heads: int, n_tails: int, *, ax: plt.Axes | None = None) -> Figure:
    r"""Plot :math:`\theta^{n_H}(1-\theta)^{n_T}` with its peak at the MLE marked.

    Examples
    --------
    >>> fig = plot_likelihood(9, 4)
    >>> fig.axes[0].get_xlabel()
    'θ (probability of heads)'
    """
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    theta_hat = bernoulli_mle(n_heads, n_tails)
    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
    fig = ax.figure
    theta = theta_grid()
    ax.plot(theta, np.exp(bernoulli_log_likelihood(theta, n_heads, n_tails)), color="#1f5fa8")
    ax.axvline(theta_hat, **_PEAK_STYLE, label=f"θ̂ = {n_heads}/{n_heads + n_tails}")
    ax.set(
        xlabel="θ (probability of heads)",
        ylabel="likelihood L(θ)",
        title=f"Likelihood of {n_heads} heads and {n_tails} tails",
    )
    ax.legend(frameon=False)
    return fig


def plot_likelihood_and_log(n_heads: int, n_tails: int) -> Figure:
    """The likelihood and the log-likelihood side by side: same peak, different shape.

    Examples
    --------
    >>> len(plot_likelihood_and_log(9, 4).axes)
    2
    """
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    theta_hat = bernoulli_mle(n_heads, n_tails)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")
    plot_likelihood(n_heads, n_tails, ax=left)
    theta = theta_grid()[1:-1]  # the log-likelihood is -inf at 0 and 1
    right.plot(theta, bernoulli_log_likelihood(theta, n_heads, n_tails), color="#1f5fa8")
    right.axvline(theta_hat, **_PEAK_STYLE)
    right.set(
        xlabel="θ (probability of heads)",
        ylabel="log-likelihood ln L(θ)",
        title="Log-likelihood: the same peak",
        ylim=(-40, 0),
    )
    return fig


def plot_sharpening(
    n_heads: int,
    n_tails: int,
    multipliers: Sequence[int] = (1, 4, 16, 64),
) -> Figure:
    """Relative likelihood L(θ)/L(θ̂) for k times the data: the peak narrows like 1/√k.

    Examples
    --------
    >>> len(plot_sharpening(9, 4).axes[0].lines)
    5
    """
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    theta_hat = bernoulli_mle(n_heads, n_tails)
    fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
    theta = theta_grid()
    for k in multipliers:
        k = check_int_in_range(k, "multipliers[i]", 1, 10**9)
        h, t = k * n_heads, k * n_tails
        relative = np.exp(
            bernoulli_log_likelihood(theta, h, t) - bernoulli_log_likelihood(theta_hat, h, t)
        )
        ax.plot(theta, relative, label=f"{h} H, {t} T")
    ax.axvline(theta_hat, **_PEAK_STYLE)
    ax.set(
        xlabel="θ (probability of heads)",
        ylabel="relative likelihood L(θ) / L(θ̂)",
        title="More flips, same ratio: a sharper peak",
    )
    ax.legend(frameon=False)
    return fig


def plot_descent(
    paths: dict[str, ArrayLike],
    target: float,
    *,
    log_error: bool = True,
) -> Figure:
    """Distance to the MLE per iteration for several optimiser runs.

    Parameters
    ----------
    paths : dict of str to array_like
        Label -> iterates (starting value first).
    target : float
        The closed-form MLE.
    log_error : bool
        Use a log scale for the error axis.

    Examples
    --------
    >>> fig = plot_descent({"run": [0.5, 0.6, 0.69]}, 9 / 13)
    >>> fig.axes[0].get_ylabel()
    '|θₖ − θ̂|'
    """
    if not isinstance(paths, dict) or not paths:
        raise TypeError("paths must be a non-empty dict of label -> iterates")
    fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
    for label, path in paths.items():
        iterates = check_sample(path, f"paths[{label!r}]")
        error = np.abs(iterates - target)
        if log_error:
            error = np.maximum(error, 1e-17)  # exact hits would vanish on a log axis
        ax.plot(np.arange(iterates.size), error, marker="o", markersize=3, label=label)
    if log_error:
        ax.set_yscale("log")
    ax.set(xlabel="iteration k", ylabel="|θₖ − θ̂|", title="Distance to the closed-form MLE")
    ax.legend(frameon=False)
    return fig


def plot_gaussian_fit(sample: ArrayLike, mu: float, sigma: float) -> Figure:
    """Histogram of a sample with the fitted Gaussian density on top.

    Examples
    --------
    >>> plot_gaussian_fit([0.0, 1.0, 2.0], 1.0, 1.0).axes[0].get_ylabel()
    'density'
    """
    data = check_sample(sample)
    sigma = check_positive(sigma, "sigma")
    fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
    ax.hist(data, bins="auto", density=True, color="#b8cfe8", edgecolor="white", label="sample")
    grid = np.linspace(data.min() - 3 * sigma, data.max() + 3 * sigma, 400)
    ax.plot(
        grid,
        np.exp(gaussian_log_density(grid, mu, sigma)),
        color="#1f5fa8",
        label=f"N(μ̂={mu:.2f}, σ̂={sigma:.2f})",
    )
    ax.set(xlabel="x", ylabel="density", title="Gaussian fitted by maximum likelihood")
    ax.legend(frameon=False)
    return fig


def plot_exponential_fit(sample: ArrayLike, rate: float) -> Figure:
    r"""Histogram of non-negative data under the fitted density :math:`\alpha e^{-\alpha x}`.

    Examples
    --------
    >>> plot_exponential_fit([0.5, 1.0, 3.0], 0.67).axes[0].get_ylabel()
    'density'
    """
    data = check_sample(sample, non_negative=True)
    rate = check_positive(rate, "rate")
    fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
    ax.hist(data, bins="auto", density=True, color="#b8cfe8", edgecolor="white", label="sample")
    grid = np.linspace(0.0, max(float(data.max()), 4.0 / rate) * 1.05, 400)
    label = f"α̂ e^(−α̂x), α̂ = {rate:.3g}"
    ax.plot(grid, rate * np.exp(-rate * grid), color="#1f5fa8", label=label)
    ax.set(
        xlabel="x",
        ylabel="density",
        title="Exponential density fitted by maximum likelihood",
        xlim=(0.0, grid[-1]),
    )
    ax.legend(frameon=False)
    return fig


def plot_nll_against_sigma(
    sigmas: ArrayLike,
    curves: dict[str, ArrayLike],
    *,
    title: str = "NLL as a standard deviation shrinks",
    xlabel: str = "σ (log scale, shrinking to the right)",
) -> Figure:
    """NLL curves against a standard deviation on a log axis that runs towards sigma -> 0.

    Parameters
    ----------
    sigmas : array_like
        Positive standard deviations, one per point of every curve.
    curves : dict of str to array_like
        Label -> NLL values (finite), as many as ``sigmas``.
    title, xlabel : str
        Figure title and x-axis label.

    Examples
    --------
    >>> fig = plot_nll_against_sigma([1.0, 0.1, 0.01], {"NLL": [3.0, 1.0, -1.0]})
    >>> fig.axes[0].get_xscale()
    'log'
    """
    scale = check_sample(sigmas, "sigmas")
    if np.any(scale <= 0):
        raise ValueError(f"sigmas must be in (0, inf), got {scale[scale <= 0][0]}")
    if not isinstance(curves, dict) or not curves:
        raise TypeError("curves must be a non-empty dict of label -> NLL values")
    fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
    for label, values in curves.items():
        nll = check_sample(values, f"curves[{label!r}]")
        if nll.size != scale.size:
            raise ValueError(f"curves[{label!r}] has {nll.size} values but sigmas has {scale.size}")
        ax.plot(scale, nll, label=label)
    ax.set_xscale("log")
    ax.set_xlim(scale.max(), scale.min())
    ax.set(xlabel=xlabel, ylabel="NLL", title=title)
    ax.legend(frameon=False)
    return fig


def plot_uniform_likelihood(sample: ArrayLike, *, ax: Axes | None = None) -> Figure:
    """Plot the relative Uniform(0, θ) likelihood L(θ)/L(θ̂): 0, then a jump, then (θ̂/θ)^N.

    The maximum is at the jump, θ̂ = max xᵢ, where the likelihood is not differentiable.

    Parameters
    ----------
    sample : array_like
        Observations: a non-empty 1-d array of values >= 0 with a positive maximum.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made if omitted.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the plot.

    Examples
    --------
    >>> plot_uniform_likelihood([1.0, 3.0]).axes[0].get_xlabel()
    'θ (upper end of the interval)'
    """
    data = check_sample(sample, non_negative=True)
    largest = float(data.max())
    if largest == 0.0:
        raise ValueError("sample must contain a value > 0; for all zeros the MLE is θ = 0")
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
    theta = np.linspace(0.5 * largest, 1.8 * largest, 1301)
    relative = np.exp(uniform_log_likelihood(theta, data) - uniform_log_likelihood(largest, data))
    below = theta < largest
    ax.plot(theta[below], relative[below], color="#1f5fa8")
    ax.plot(theta[~below], relative[~below], color="#1f5fa8")
    ax.plot([largest], [1.0], "o", color="#c0392b")
    ax.axvline(largest, **_PEAK_STYLE, label=f"θ̂ = max xᵢ = {largest:g}")
    ax.set(
        xlabel="θ (upper end of the interval)",
        ylabel="relative likelihood L(θ) / L(θ̂)",
        title=f"Uniform(0, θ) likelihood of {data.size} observations",
    )
    ax.legend(frameon=False)
    return ax.figure


def plot_logit_log_likelihood(
    counts: Sequence[tuple[int, int]] = ((9, 4), (5, 0)),
    eta_range: tuple[float, float] = (-4.0, 12.0),
) -> Figure:
    """One panel per (heads, tails) pair: the coin log-likelihood in the log-odds η.

    With both counts positive the curve has a peak at ln(n_H/n_T); with no tails it
    rises towards 0 for ever and has no maximiser.

    Parameters
    ----------
    counts : sequence of (int, int)
        ``(n_heads, n_tails)`` pairs, one panel each (1 to 4 pairs).
    eta_range : (float, float)
        Plotted interval of η, increasing.

    Returns
    -------
    matplotlib.figure.Figure
        The figure, one axes per pair.

    Examples
    --------
    >>> len(plot_logit_log_likelihood().axes)
    2
    """
    pairs = list(counts)
    check_int_in_range(len(pairs), "len(counts)", 1, 4)
    low, high = (check_real(value, "eta_range") for value in eta_range)
    if not low < high:
        raise ValueError(f"eta_range must be increasing, got ({low}, {high})")
    fig, axes = plt.subplots(
        1, len(pairs), figsize=(4.5 * len(pairs), 3.4), layout="constrained", squeeze=False
    )
    eta = np.linspace(low, high, 801)
    for ax, (n_heads, n_tails) in zip(axes[0], pairs, strict=True):
        ax.plot(eta, log_likelihood_in_log_odds(eta, n_heads, n_tails), color="#1f5fa8")
        if n_heads > 0 and n_tails > 0:
            peak = math.log(n_heads / n_tails)
            ax.axvline(peak, **_PEAK_STYLE, label=f"η̂ = ln({n_heads}/{n_tails})")
            title = f"{n_heads} heads, {n_tails} tails: a peak"
        else:
            ax.axhline(0.0, color="0.5", linestyle=":", label="sup = 0, never reached")
            title = f"{n_heads} heads, {n_tails} tails: no peak"
        ax.set(xlabel="η = ln(θ / (1 − θ))", ylabel="log-likelihood ℓ(η)", title=title)
        ax.legend(frameon=False)
    return fig

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

from ._validation import (
    check_count,
    check_flag,
    check_int_in_range,
    check_positive,
    check_real,
    check_sample,
)
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
    "plot_epsilon_windows",
]

_PEAK_STYLE = {"color": "#c0392b", "linestyle": "--", "linewidth": 1.2}


def theta_grid(n_points: int = 1001) -> np.ndarray:
    """Evenly spaced theta values on [0, 1], endpoints included.

    Parameters
    ----------
    n_points : int, default 1001
        Number of grid points, a whole number in [2, 10_000_000].

    Returns
    -------
    numpy.ndarray, shape (n_points,)
        Float64 values from 0.0 to 1.0 inclusive, equally spaced.

    Raises
    ------
    TypeError
        If ``n_points`` is not a real scalar (a ``bool`` included).
    ValueError
        If ``n_points`` is not a whole number or not in [2, 10_000_000].

    Examples
    --------
    >>> theta_grid(5)
    array([0.  , 0.25, 0.5 , 0.75, 1.  ])
    """
    n_points = check_int_in_range(n_points, "n_points", 2, 10_000_000)
    return np.linspace(0.0, 1.0, n_points)


def plot_likelihood(n_heads: int, n_tails: int, *, ax: plt.Axes | None = None) -> Figure:
    r"""Plot :math:`\theta^{n_H}(1-\theta)^{n_T}` with its peak at the MLE marked.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0, not both 0 (the MLE is then undefined).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made if omitted.

    Returns
    -------
    matplotlib.figure.Figure
        The figure; its first line is the curve, the second the dashed MLE line.

    Raises
    ------
    TypeError, ValueError
        If a count is not a whole number >= 0, or both are 0.

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
    ax.axvline(theta_hat, **_PEAK_STYLE, label=f"MLE θ = {n_heads}/{n_heads + n_tails}")
    ax.set(
        xlabel="θ (probability of heads)",
        ylabel="likelihood L(θ)",
        title=f"Likelihood of {n_heads} heads and {n_tails} tails",
    )
    ax.legend(frameon=False)
    return fig


def plot_likelihood_and_log(n_heads: int, n_tails: int) -> Figure:
    """The likelihood and the log-likelihood side by side: same peak, different shape.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0, not both 0.

    Returns
    -------
    matplotlib.figure.Figure
        Two axes: L(θ) and ℓ(θ) = ln L(θ), each with the MLE marked.

    Raises
    ------
    TypeError, ValueError
        If a count is not a whole number >= 0, or both are 0.

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
    """Relative likelihood L(θ)/L(MLE) for m times the data: the peak narrows like 1/√m.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0, not both 0.
    multipliers : sequence of int
        The factors m, each in [1, 10**9]; one curve each.

    Returns
    -------
    matplotlib.figure.Figure
        One axes: a curve per multiplier and the dashed MLE line.

    Raises
    ------
    TypeError, ValueError
        For a bad count or multiplier.

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
    for m in multipliers:
        m = check_int_in_range(m, "multipliers[i]", 1, 10**9)
        h, t = m * n_heads, m * n_tails
        relative = np.exp(
            bernoulli_log_likelihood(theta, h, t) - bernoulli_log_likelihood(theta_hat, h, t)
        )
        ax.plot(theta, relative, label=f"{h} H, {t} T")
    ax.axvline(theta_hat, **_PEAK_STYLE)
    ax.set(
        xlabel="θ (probability of heads)",
        ylabel=r"relative likelihood $L(\theta)\,/\,L(\hat\theta)$",
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
    r"""Distance to the MLE per iteration for several optimiser runs.

    Parameters
    ----------
    paths : dict of str to array_like
        Label -> iterates (starting value first).
    target : float
        The closed-form MLE.
    log_error : bool
        Use a log scale for the error axis.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, a line of distances per run.

    Raises
    ------
    TypeError
        If ``paths`` is not a non-empty dict, ``target`` is not a real number or
        ``log_error`` is not a bool.
    ValueError
        If a path holds non-finite values, ``target`` is NaN, inf or beyond the float
        range, or an error ``|iterate - target|`` overflows float64.

    Examples
    --------
    >>> fig = plot_descent({"run": [0.5, 0.6, 0.69]}, 9 / 13)
    >>> fig.axes[0].get_ylabel()
    '$|\\theta_k - \\hat\\theta|$'
    """
    if not isinstance(paths, dict) or not paths:
        raise TypeError("paths must be a non-empty dict of label -> iterates")
    target = check_real(target, "target")
    log_error = check_flag(log_error, "log_error")
    runs = {label: check_sample(path, f"paths[{label!r}]") for label, path in paths.items()}
    fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
    for label, iterates in runs.items():
        with np.errstate(over="ignore"):
            error = np.abs(iterates - target)
        if not np.all(np.isfinite(error)):
            plt.close(fig)
            raise ValueError(
                f"paths[{label!r}] and target are too far apart: |iterate - target| "
                "overflows float64"
            )
        if log_error:
            error = np.maximum(error, 1e-17)  # exact hits would vanish on a log axis
        ax.plot(np.arange(iterates.size), error, marker="o", markersize=3, label=label)
    if log_error:
        ax.set_yscale("log")
    ax.set(
        xlabel="iteration k",
        ylabel=r"$|\theta_k - \hat\theta|$",
        title="Distance to the closed-form MLE",
    )
    ax.legend(frameon=False)
    return fig


def plot_gaussian_fit(sample: ArrayLike, mu: float, sigma: float) -> Figure:
    """Histogram of a sample with the fitted Gaussian density on top.

    Parameters
    ----------
    sample : array_like
        One-dimensional, finite observations.
    mu : float
        Mean of the density drawn (usually the MLE, the sample mean).
    sigma : float
        Its standard deviation, in (0, inf).

    Returns
    -------
    matplotlib.figure.Figure
        One axes: the density histogram and the fitted curve.

    Raises
    ------
    TypeError, ValueError
        For a bad sample or ``sigma`` <= 0.

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
        label=rf"N($\hat\mu$={mu:.2f}, $\hat\sigma$={sigma:.2f})",
    )
    ax.set(xlabel="x", ylabel="density", title="Gaussian fitted by maximum likelihood")
    ax.legend(frameon=False)
    return fig


def plot_exponential_fit(sample: ArrayLike, alpha: float) -> Figure:
    r"""Histogram of non-negative data under the fitted density :math:`\alpha e^{-\alpha x}`.

    Parameters
    ----------
    sample : array_like
        One-dimensional, finite observations, each >= 0.
    alpha : float
        The exponential rate to draw, in (0, inf); usually the MLE ``1 / mean``.

    Returns
    -------
    matplotlib.figure.Figure
        One axes: the density histogram and the fitted curve.

    Raises
    ------
    TypeError, ValueError
        For a bad sample or ``alpha`` outside (0, inf).

    Examples
    --------
    >>> plot_exponential_fit([0.5, 1.0, 3.0], 0.67).axes[0].get_ylabel()
    'density'
    """
    data = check_sample(sample, non_negative=True)
    alpha = check_positive(alpha, "alpha")
    fig, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
    ax.hist(data, bins="auto", density=True, color="#b8cfe8", edgecolor="white", label="sample")
    grid = np.linspace(0.0, max(float(data.max()), 4.0 / alpha) * 1.05, 400)
    label = f"α e^(−αx), MLE α = {alpha:.3g}"
    ax.plot(grid, alpha * np.exp(-alpha * grid), color="#1f5fa8", label=label)
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
    zoom_to: float | None = None,
) -> Figure:
    """NLL curves against a standard deviation on a log axis that runs towards sigma -> 0.

    A curve that first rises a little and then falls a long way hides its rise at the
    full scale; ``zoom_to`` adds a second panel over ``sigmas >= zoom_to`` only, with its
    own vertical scale, so the early part is visible.

    Parameters
    ----------
    sigmas : array_like
        Positive standard deviations, one per point of every curve.
    curves : dict of str to array_like
        Label -> NLL values (finite), as many as ``sigmas``.
    title, xlabel : str
        Figure title and x-axis label.
    zoom_to : float, optional
        Smallest sigma of the zoomed right-hand panel, in (min(sigmas), max(sigmas));
        ``None`` (the default) draws one panel.

    Returns
    -------
    matplotlib.figure.Figure
        One axes, or two (full range, zoom) when ``zoom_to`` is given.

    Raises
    ------
    TypeError
        If ``curves`` is not a non-empty dict, or ``title`` or ``xlabel`` is not a str.
    ValueError
        If a sigma is not positive, a curve's length differs from ``sigmas``, or
        ``zoom_to`` leaves fewer than two points in the zoomed panel.

    Examples
    --------
    >>> fig = plot_nll_against_sigma([1.0, 0.1, 0.01], {"NLL": [3.0, 1.0, -1.0]})
    >>> fig.axes[0].get_xscale()
    'log'
    >>> len(plot_nll_against_sigma([1.0, 0.1, 0.01], {"NLL": [3.0, 1.0, -1.0]}, zoom_to=0.1).axes)
    2
    """
    for text, name in ((title, "title"), (xlabel, "xlabel")):
        if not isinstance(text, str):
            raise TypeError(f"{name} must be a str, got {type(text).__name__}")
    scale = check_sample(sigmas, "sigmas")
    if np.any(scale <= 0):
        raise ValueError(f"sigmas must be in (0, inf), got {scale[scale <= 0][0]}")
    if not isinstance(curves, dict) or not curves:
        raise TypeError("curves must be a non-empty dict of label -> NLL values")
    values = {}
    for label, curve_values in curves.items():
        nll = check_sample(curve_values, f"curves[{label!r}]")
        if nll.size != scale.size:
            raise ValueError(f"curves[{label!r}] has {nll.size} values but sigmas has {scale.size}")
        values[label] = nll
    windows = [np.ones(scale.size, dtype=bool)]
    if zoom_to is not None:
        zoom_to = check_positive(zoom_to, "zoom_to")
        inside = scale >= zoom_to
        if inside.sum() < 2 or inside.all():
            raise ValueError(
                f"zoom_to must leave at least two sigmas in the zoom and some outside it, "
                f"got zoom_to={zoom_to}"
            )
        windows.append(inside)
    fig, axes = plt.subplots(
        1, len(windows), figsize=(6 * len(windows), 3.4), layout="constrained", squeeze=False
    )
    for ax, window in zip(axes[0], windows, strict=True):
        for label, nll in values.items():
            ax.plot(scale[window], nll[window], label=label)
        ax.set_xscale("log")
        ax.set_xlim(scale[window].max(), scale[window].min())
        zoomed = not window.all()
        ax.set(
            xlabel=xlabel,
            ylabel="NLL",
            title=f"Zoom: σ down to {scale[window].min():.0e}" if zoomed else title,
        )
        ax.legend(frameon=False)
    return fig


def plot_uniform_likelihood(sample: ArrayLike, *, ax: Axes | None = None) -> Figure:
    """Plot the relative Uniform(0, b) likelihood L(b)/L(max xᵢ): 0, then a jump, then decay.

    For n observations the likelihood is 0 for b < max xᵢ and b^(−n) above it, so the
    maximum is at the jump, b = max xᵢ, where the likelihood is not differentiable.

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

    Raises
    ------
    TypeError
        If ``sample`` is not real-valued.
    ValueError
        If ``sample`` is not 1-d, is empty, holds NaN, inf or a negative value, or is
        all zeros.

    Examples
    --------
    >>> plot_uniform_likelihood([1.0, 3.0]).axes[0].get_xlabel()
    'b (upper end of the interval)'
    """
    data = check_sample(sample, non_negative=True)
    largest = float(data.max())
    if largest == 0.0:
        raise ValueError("sample must contain a value > 0; for all zeros the MLE is b = 0")
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.4), layout="constrained")
    upper = np.linspace(0.5 * largest, 1.8 * largest, 1301)
    relative = np.exp(uniform_log_likelihood(upper, data) - uniform_log_likelihood(largest, data))
    below = upper < largest
    ax.plot(upper[below], relative[below], color="#1f5fa8")
    ax.plot(upper[~below], relative[~below], color="#1f5fa8")
    ax.plot([largest], [1.0], "o", color="#c0392b")
    ax.axvline(largest, **_PEAK_STYLE, label=f"MLE b = max xᵢ = {largest:g}")
    ax.set(
        xlabel="b (upper end of the interval)",
        ylabel="relative likelihood L(b) / L(max xᵢ)",
        title=f"Uniform(0, b) likelihood of {data.size} observations",
    )
    ax.legend(frameon=False)
    return ax.figure


def _count_pairs(counts: object) -> list[tuple[int, int]]:
    """``counts`` as a list of validated (n_heads, n_tails) pairs, or raise naming it."""
    if isinstance(counts, (str, bytes)) or not isinstance(counts, Sequence):
        raise TypeError(f"counts must be a sequence of (n_heads, n_tails) pairs, got {counts!r}")
    pairs = []
    for pair in counts:
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise TypeError(f"counts must hold (n_heads, n_tails) pairs, got {pair!r}")
        pairs.append((check_count(pair[0], "n_heads"), check_count(pair[1], "n_tails")))
    return pairs


def plot_logit_log_likelihood(
    counts: Sequence[tuple[int, int]] = ((9, 4), (5, 0)),
    phi_range: tuple[float, float] = (-4.0, 12.0),
    *,
    eta_range: tuple[float, float] | None = None,
) -> Figure:
    """One panel per (heads, tails) pair: the coin log-likelihood in the log-odds φ.

    With both counts positive the curve has a peak at ln(n_H/n_T); with no tails it
    rises towards 0 for ever and has no maximiser.

    Parameters
    ----------
    counts : sequence of (int, int)
        ``(n_heads, n_tails)`` pairs, one panel each (1 to 4 pairs).
    phi_range : (float, float)
        Plotted interval of the log-odds φ, increasing, finite.
    eta_range : (float, float), optional
        Deprecated keyword spelling of ``phi_range`` (the book writes the log-odds φ);
        kept only for old callers.

    Returns
    -------
    matplotlib.figure.Figure
        The figure, one axes per pair.

    Raises
    ------
    ValueError
        For 0 or more than 4 pairs, a bad count, or a range that is not increasing.
    TypeError
        If ``counts`` is not a sequence of (int, int) pairs or ``phi_range`` not a pair
        of real numbers.

    Examples
    --------
    >>> len(plot_logit_log_likelihood().axes)
    2
    >>> plot_logit_log_likelihood([(9, 4)]).axes[0].get_xlabel()
    'φ = ln(θ / (1 − θ))'
    """
    if eta_range is not None:
        phi_range = eta_range
    pairs = _count_pairs(counts)
    check_int_in_range(len(pairs), "len(counts)", 1, 4)
    if isinstance(phi_range, (str, bytes)) or not isinstance(phi_range, Sequence) or len(
        phi_range
    ) != 2:
        raise TypeError(f"phi_range must be a (low, high) pair of numbers, got {phi_range!r}")
    low, high = (check_real(value, "phi_range") for value in phi_range)
    if not low < high:
        raise ValueError(f"phi_range must be increasing, got ({low}, {high})")
    fig, axes = plt.subplots(
        1, len(pairs), figsize=(4.5 * len(pairs), 3.4), layout="constrained", squeeze=False
    )
    phi = np.linspace(low, high, 801)
    for ax, (n_heads, n_tails) in zip(axes[0], pairs, strict=True):
        ax.plot(phi, log_likelihood_in_log_odds(phi, n_heads, n_tails), color="#1f5fa8")
        if n_heads > 0 and n_tails > 0:
            peak = math.log(n_heads / n_tails)
            ax.axvline(peak, **_PEAK_STYLE, label=f"MLE φ = ln({n_heads}/{n_tails})")
            title = f"{n_heads} heads, {n_tails} tails: a peak"
        else:
            ax.axhline(0.0, color="0.5", linestyle=":", label="sup = 0, never reached")
            title = f"{n_heads} heads, {n_tails} tails: no peak"
        ax.set(xlabel="φ = ln(θ / (1 − θ))", ylabel="log-likelihood ℓ(φ)", title=title)
        ax.legend(frameon=False)
    return fig


def plot_epsilon_windows(
    sample: ArrayLike, mu: float, sigma: float, epsilon: float, *, ax: Axes | None = None
) -> Figure:
    r"""The normal density over a sample, with a window of width ε around each observation.

    Each window is drawn as a rectangle of width ε and height :math:`p(x_i)`, so its area
    :math:`\epsilon\,p(x_i)` is (for small ε) the probability that the observation lands
    in the window; the exact probability, the area under the curve over the window, is
    shaded beneath it. The product of those areas is the probability of the data recorded
    to a resolution ε.

    Parameters
    ----------
    sample : array_like
        One-dimensional, finite observations (1 to 200 of them).
    mu : float
        Mean of the normal density drawn.
    sigma : float
        Its standard deviation, in (0, inf).
    epsilon : float
        Window width, in (0, inf).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made if omitted.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the plot; the rectangles are ``ax.patches``.

    Raises
    ------
    TypeError, ValueError
        For a bad sample, more than 200 observations, or ``sigma``/``epsilon`` <= 0.

    Examples
    --------
    >>> fig = plot_epsilon_windows([0.0, 1.0], 0.0, 1.0, 0.2)
    >>> len(fig.axes[0].patches)   # one rectangle per observation
    2
    """
    data = check_sample(sample)
    check_int_in_range(data.size, "len(sample)", 1, 200)
    mu = check_real(mu, "mu")
    sigma = check_positive(sigma, "sigma")
    epsilon = check_positive(epsilon, "epsilon")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.4), layout="constrained")
    low = min(float(data.min()), mu - 3 * sigma) - epsilon
    high = max(float(data.max()), mu + 3 * sigma) + epsilon
    grid = np.linspace(low, high, 800)
    ax.plot(
        grid,
        np.exp(gaussian_log_density(grid, mu, sigma)),
        color="#1f5fa8",
        label=f"density p(x), μ = {mu:g}, σ = {sigma:g}",
    )
    for index, x in enumerate(data):
        height = math.exp(gaussian_log_density(float(x), mu, sigma))
        ax.add_patch(
            plt.Rectangle(
                (x - epsilon / 2, 0.0),
                epsilon,
                height,
                facecolor="#e67e22",
                alpha=0.45,
                edgecolor="#7a3e00",
                linewidth=0.8,
                label="rectangle of area ε·p(xᵢ)" if index == 0 else None,
            )
        )
        window = np.linspace(x - epsilon / 2, x + epsilon / 2, 30)
        ax.fill_between(
            window,
            np.exp(gaussian_log_density(window, mu, sigma)),
            color="#1f5fa8",
            alpha=0.25,
            label="exact probability of the window" if index == 0 else None,
        )
    ax.plot(data, np.zeros_like(data), "|", color="black", markersize=12, label="observations")
    ax.set(
        xlabel="x",
        ylabel="density",
        title=f"{data.size} observations, each known to within ±ε/2 (ε = {epsilon:g})",
        xlim=(low, high),
    )
    ax.set_ylim(bottom=0.0)
    ax.legend(frameon=False, fontsize="small", loc="upper left")
    return ax.figure

"""Interactive explorers: one SVG figure design, redrawn in the browser, for every chapter.

An explorer is an :class:`ExplorerFigure` (an ``anywidget``) plus ordinary
``ipywidgets`` sliders connected to its traits with :func:`ipywidgets.jslink`.
The link and the drawing both run in the browser, so the same cell works in
JupyterLab with a kernel and in the static HTML book with none. The JavaScript in
``static/explorer.js`` mirrors this package's formulas; the browser tests check
that its read-outs match the Python functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import numpy as np
import traitlets
from numpy.typing import ArrayLike

from ._validation import (
    check_choice,
    check_count,
    check_flag,
    check_int_in_range,
    check_positive,
    check_probability_scalar,
    check_real,
    check_sample,
)

__all__ = [
    "ExplorerFigure",
    "CoinFigure",
    "DescentFigure",
    "GaussianFigure",
    "ExponentialFigure",
    "coin_explorer",
    "theta_explorer",
    "sharpening_explorer",
    "learning_rate_explorer",
    "gaussian_explorer",
    "exponential_explorer",
    "IntervalFigure",
    "CoverageFigure",
    "interval_explorer",
    "coverage_explorer",
    "SurfaceFigure",
    "surface_explorer",
    "posterior_explorer",
    "LogLikelihoodFigure",
    "log_likelihood_explorer",
    "LogisticFigure",
    "logistic_explorer",
]

_STATIC = Path(__file__).parent / "static"
#: What traitlets raises for a trait value of the wrong type (named in the Raises sections).
TraitError = traitlets.TraitError
# Sliders take the width they are given, up to the figure's (640 px); the book's
# stylesheet puts the label above the track on narrow screens.
_SLIDER_LAYOUT = {"width": "100%", "max_width": "640px"}
_SLIDER_STYLE = {"description_width": "150px"}


class ExplorerFigure(anywidget.AnyWidget):
    """Base class: the browser draws the ``kind`` of figure from the synced traits.

    Parameters
    ----------
    *args : Any
        Passed on to :class:`anywidget.AnyWidget` (none are needed).
    **kwargs : Any
        Initial values of the synced traits, by name (the factories set them).

    Raises
    ------
    TraitError
        If a trait is given a value of the wrong type (traitlets' own check; the
        factory functions validate values and ranges first).

    Examples
    --------
    >>> ExplorerFigure(kind="coin").kind
    'coin'
    """

    _esm = _STATIC / "explorer.js"
    _css = _STATIC / "explorer.css"
    kind = traitlets.Unicode().tag(sync=True)
    description = traitlets.Unicode("Interactive figure.").tag(sync=True)
    # Names of the traits whose change triggers a redraw in the browser.
    _redraw_on = traitlets.List(traitlets.Unicode()).tag(sync=True)
    #: The browser-side links from the sliders to this figure's traits (set by the factories).
    links: list[widgets.widget_link.Link]

    def __repr__(self) -> str:  # short and deterministic: notebooks' stored outputs show it
        return f"{type(self).__name__}()"


class CoinFigure(ExplorerFigure):
    """Bernoulli likelihood (or log-likelihood) in theta, with a marker and the peak.

    With ``normalise=True`` the curve is divided by B(n_H + 1, n_T + 1): the
    Beta(n_H + 1, n_T + 1) density, the posterior under a flat prior (see
    :func:`mle_book.bayes.log_posterior`), with its peak and height read out.

    Parameters
    ----------
    *args : Any
        Passed on to :class:`anywidget.AnyWidget` (none are needed).
    **kwargs : Any
        Initial values of the synced traits, by name (the factories set them).

    Raises
    ------
    TraitError
        If a trait is given a value of the wrong type (traitlets' own check; the
        factory functions validate values and ranges first).

    Examples
    --------
    >>> CoinFigure(n_heads=3).n_heads
    3
    """

    kind = traitlets.Unicode("coin").tag(sync=True)
    n_heads = traitlets.Int(9).tag(sync=True)
    n_tails = traitlets.Int(4).tag(sync=True)
    multiplier = traitlets.Int(1).tag(sync=True)
    theta = traitlets.Float(0.5).tag(sync=True)
    scale = traitlets.Unicode("linear").tag(sync=True)
    relative = traitlets.Bool(False).tag(sync=True)
    reveal_peak = traitlets.Bool(True).tag(sync=True)
    normalise = traitlets.Bool(False).tag(sync=True)
    _redraw_on = traitlets.List(
        [
            "n_heads",
            "n_tails",
            "multiplier",
            "theta",
            "scale",
            "relative",
            "reveal_peak",
            "normalise",
        ]
    ).tag(sync=True)


class DescentFigure(ExplorerFigure):
    """Gradient-descent iterates on the coin NLL for a learning rate ``10**log10_lr``.

    Traits: ``n_heads``, ``n_tails`` (counts), ``log10_lr``, ``n_steps``, ``theta0``, ``mean``.

    Parameters
    ----------
    *args : Any
        Passed on to :class:`anywidget.AnyWidget` (none are needed).
    **kwargs : Any
        Initial values of the synced traits, by name (the factories set them).

    Raises
    ------
    TraitError
        If a trait is given a value of the wrong type (traitlets' own check; the
        factory functions validate values and ranges first).

    Examples
    --------
    >>> DescentFigure(n_steps=5).n_steps
    5
    """

    kind = traitlets.Unicode("descent").tag(sync=True)
    n_heads = traitlets.Int(9).tag(sync=True)
    n_tails = traitlets.Int(4).tag(sync=True)
    log10_lr = traitlets.Float(-1.0).tag(sync=True)
    n_steps = traitlets.Int(20).tag(sync=True)
    theta0 = traitlets.Float(0.5).tag(sync=True)
    mean = traitlets.Bool(True).tag(sync=True)
    _redraw_on = traitlets.List(
        ["n_heads", "n_tails", "log10_lr", "n_steps", "theta0", "mean"]
    ).tag(sync=True)


class GaussianFigure(ExplorerFigure):
    """Gaussian density over a fixed sample, beside the NLL as a function of mu.

    Parameters
    ----------
    *args : Any
        Passed on to :class:`anywidget.AnyWidget` (none are needed).
    **kwargs : Any
        Initial values of the synced traits, by name (the factories set them).

    Raises
    ------
    TraitError
        If a trait is given a value of the wrong type (traitlets' own check; the
        factory functions validate values and ranges first).

    Examples
    --------
    >>> GaussianFigure(mu=0.5).mu
    0.5
    """

    kind = traitlets.Unicode("gaussian").tag(sync=True)
    sample = traitlets.List(traitlets.Float()).tag(sync=True)
    mu = traitlets.Float(0.0).tag(sync=True)
    sigma = traitlets.Float(1.0).tag(sync=True)
    x_range = traitlets.List(traitlets.Float(), [-4.0, 4.0]).tag(sync=True)
    _redraw_on = traitlets.List(["sample", "mu", "sigma", "x_range"]).tag(sync=True)


class ExponentialFigure(ExplorerFigure):
    """Likelihood of the exponential rate alpha for a fixed sample.

    Parameters
    ----------
    *args : Any
        Passed on to :class:`anywidget.AnyWidget` (none are needed).
    **kwargs : Any
        Initial values of the synced traits, by name (the factories set them).

    Raises
    ------
    TraitError
        If a trait is given a value of the wrong type (traitlets' own check; the
        factory functions validate values and ranges first).

    Examples
    --------
    >>> ExponentialFigure(alpha=0.5).alpha
    0.5
    """

    kind = traitlets.Unicode("exponential").tag(sync=True)
    sample = traitlets.List(traitlets.Float()).tag(sync=True)
    alpha = traitlets.Float(1.0).tag(sync=True)
    alpha_range = traitlets.List(traitlets.Float(), [0.01, 2.0]).tag(sync=True)
    reveal_peak = traitlets.Bool(True).tag(sync=True)
    _redraw_on = traitlets.List(["sample", "alpha", "alpha_range", "reveal_peak"]).tag(sync=True)


def _slider(kind: type[widgets.Widget], description: str, **kwargs: Any) -> widgets.Widget:
    return kind(
        description=description,
        continuous_update=True,
        layout=dict(_SLIDER_LAYOUT),
        style=dict(_SLIDER_STYLE),
        **kwargs,
    )


def _assemble(figure: ExplorerFigure, links: dict[str, widgets.Widget]) -> widgets.VBox:
    """Lay the controls above the figure and jslink each control to its trait."""
    figure.links = [
        widgets.jslink((control, "value"), (figure, trait)) for trait, control in links.items()
    ]
    return widgets.VBox([*links.values(), figure])


def coin_explorer(
    n_heads: int = 9,
    n_tails: int = 4,
    theta: float = 0.5,
    *,
    scale: str = "linear",
    max_count: int = 40,
) -> widgets.VBox:
    """Sliders for heads, tails and theta over the coin likelihood, with the peak marked.

    Parameters
    ----------
    n_heads, n_tails : int
        Initial counts, in ``[0, max_count]``.
    theta : float
        Initial marker position in [0, 1].
    scale : {"linear", "log"}
        Plot the likelihood or the log-likelihood.
    max_count : int
        Upper end of the count sliders, in ``[1, 1000]``.

    Returns
    -------
    ipywidgets.VBox
        Three sliders (heads, tails, marker) above a :class:`CoinFigure`, jslinked.

    Raises
    ------
    TypeError
        If an argument has the wrong type (a count or theta that is not a number,
        ``scale`` not a string).
    ValueError
        If a count, ``theta`` or ``max_count`` is out of range or ``scale`` unknown.

    Examples
    --------
    >>> box = coin_explorer(9, 4)
    >>> [child.description for child in box.children[:3]]
    ['heads n_H', 'tails n_T', 'θ (marker)']
    """
    max_count = check_int_in_range(max_count, "max_count", 1, 1000)
    n_heads = check_int_in_range(check_count(n_heads, "n_heads"), "n_heads", 0, max_count)
    n_tails = check_int_in_range(check_count(n_tails, "n_tails"), "n_tails", 0, max_count)
    theta = check_probability_scalar(theta)
    scale = check_choice(scale, "scale", ("linear", "log"))
    figure = CoinFigure(
        n_heads=n_heads,
        n_tails=n_tails,
        theta=theta,
        scale=scale,
        description="Coin likelihood explorer.",
    )
    return _assemble(
        figure,
        {
            "n_heads": _slider(widgets.IntSlider, "heads n_H", value=n_heads, min=0, max=max_count),
            "n_tails": _slider(widgets.IntSlider, "tails n_T", value=n_tails, min=0, max=max_count),
            "theta": _slider(
                widgets.FloatSlider,
                "θ (marker)",
                value=theta,
                min=0.0,
                max=1.0,
                step=0.01,
                readout_format=".2f",
            ),
        },
    )


def theta_explorer(
    n_heads: int = 9, n_tails: int = 4, theta: float = 0.3, *, reveal_peak: bool = False
) -> widgets.VBox:
    """A single theta slider moving a marker along a fixed likelihood: find the peak by hand.

    With ``reveal_peak=False`` (the default) the figure does not mark the maximum; the
    read-out says so once the marker is within 0.005 of it.

    Parameters
    ----------
    n_heads, n_tails : int
        The fixed counts, whole numbers >= 0.
    theta : float
        Initial marker position in [0, 1].
    reveal_peak : bool
        Mark the maximum (the MLE n_H / n) from the start.

    Returns
    -------
    ipywidgets.VBox
        One θ slider above a :class:`CoinFigure`, jslinked.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If a count is negative or fractional, or ``theta`` is outside [0, 1].

    Examples
    --------
    >>> theta_explorer().children[0].description
    'θ'
    """
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    theta = check_probability_scalar(theta)
    reveal_peak = check_flag(reveal_peak, "reveal_peak")
    figure = CoinFigure(
        n_heads=n_heads,
        n_tails=n_tails,
        theta=theta,
        reveal_peak=reveal_peak,
        description="Likelihood of theta for fixed data.",
    )
    return _assemble(
        figure,
        {
            "theta": _slider(
                widgets.FloatSlider,
                "θ",
                value=theta,
                min=0.0,
                max=1.0,
                step=0.01,
                readout_format=".2f",
            ),
        },
    )


def sharpening_explorer(
    n_heads: int = 9,
    n_tails: int = 4,
    max_multiplier: int = 50,
) -> widgets.VBox:
    """Relative likelihood for m times the data (same heads ratio): the peak sharpens with m.

    Parameters
    ----------
    n_heads, n_tails : int
        The counts for m = 1, whole numbers >= 0 with at least one flip.
    max_multiplier : int
        Upper end of the m slider, in [1, 1000].

    Returns
    -------
    ipywidgets.VBox
        One slider (m) above a :class:`CoinFigure` with ``relative=True``, jslinked.

    Raises
    ------
    TypeError
        If an argument is not a number.
    ValueError
        If a count is negative or fractional, there are no flips, or
        ``max_multiplier`` is out of range.

    Examples
    --------
    >>> sharpening_explorer().children[0].max
    50
    """
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    if n_heads + n_tails == 0:
        raise ValueError("n_heads + n_tails must be >= 1, got 0 flips")
    max_multiplier = check_int_in_range(max_multiplier, "max_multiplier", 1, 1000)
    figure = CoinFigure(
        n_heads=n_heads,
        n_tails=n_tails,
        theta=n_heads / (n_heads + n_tails),
        relative=True,
        description="Relative likelihood as the data grow.",
    )
    return _assemble(
        figure,
        {
            "multiplier": _slider(
                widgets.IntSlider, "data × m", value=1, min=1, max=max_multiplier
            ),
        },
    )


def learning_rate_explorer(
    n_heads: int = 9,
    n_tails: int = 4,
    *,
    mean: bool = True,
    log10_lr: float | None = None,
    n_steps: int = 20,
    theta0: float = 0.5,
) -> widgets.VBox:
    """A log10(learning rate) slider: gradient-descent iterates converge, oscillate or diverge.

    The figure shows the iterates on the NLL curve and their distance to the MLE per
    step; the read-out names what the run did (converged, still descending, oscillating
    in, error growing, not converging, diverged) and the last step's error ratio. The
    slider spans two decades below the stability limit ``2 / curvature`` at the MLE
    (see :func:`mle_book.optimisation.max_stable_learning_rate`) to half a decade
    above it, so every regime is in reach.

    Parameters
    ----------
    n_heads, n_tails : int
        Counts, both >= 1.
    mean : bool
        Descend on the mean NLL (True) or the summed NLL.
    log10_lr : float or None
        Initial slider value; None starts at about a quarter of the stability limit.
    n_steps : int
        Initial number of steps, in [1, 500].
    theta0 : float
        Initial starting point, in [0.01, 0.99].

    Returns
    -------
    ipywidgets.VBox
        The sliders (learning rate, steps, start) above a :class:`DescentFigure`. The
        start slider shows that the stability limit is local: from a start far from
        the MLE a learning rate below it can still leave (0, 1).

    Raises
    ------
    ValueError
        If a count is 0 or out of range, or ``n_steps``/``theta0`` is out of range.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> box = learning_rate_explorer()
    >>> box.children[0].description, box.children[0].min, box.children[0].max
    ('log₁₀ learning rate', -3.0, 0.5)
    """
    from .optimisation import max_stable_learning_rate

    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    if n_heads == 0 or n_tails == 0:
        raise ValueError("n_heads and n_tails must both be >= 1 for an interior optimum")
    # also rejects a non-bool ``mean`` with a TypeError naming it
    limit = float(np.log10(max_stable_learning_rate(n_heads, n_tails, mean=mean)))
    if log10_lr is None:
        log10_lr = round(limit - 0.6, 1)
    log10_lr = check_real(log10_lr, "log10_lr")
    n_steps = check_int_in_range(n_steps, "n_steps", 1, 500)
    theta0 = check_probability_scalar(theta0, "theta0", open_interval=True)
    if not 0.01 <= theta0 <= 0.99:
        raise ValueError(f"theta0 must be in [0.01, 0.99] (the start slider's range), got {theta0}")
    low = float(np.floor(min(limit - 2, log10_lr)))
    high = float(max(np.ceil(2 * (limit + 0.5)) / 2, log10_lr))
    figure = DescentFigure(
        n_heads=n_heads,
        n_tails=n_tails,
        mean=check_flag(mean, "mean"),
        log10_lr=log10_lr,
        n_steps=n_steps,
        theta0=theta0,
        description="Gradient descent on the coin NLL.",
    )
    return _assemble(
        figure,
        {
            "log10_lr": _slider(
                widgets.FloatSlider,
                "log₁₀ learning rate",
                value=log10_lr,
                min=low,
                max=high,
                step=0.05,
                readout_format=".2f",
            ),
            "n_steps": _slider(
                widgets.IntSlider, "steps", value=n_steps, min=1, max=max(100, n_steps)
            ),
            "theta0": _slider(
                widgets.FloatSlider,
                "start θ₀",
                value=theta0,
                min=0.01,
                max=0.99,
                step=0.01,
                readout_format=".2f",
            ),
        },
    )


def gaussian_explorer(sample: ArrayLike, mu: float = 0.0, sigma: float = 1.0) -> widgets.VBox:
    """Sliders for mu and sigma moving a Gaussian over a fixed sample, beside NLL(mu).

    Parameters
    ----------
    sample : array_like, shape (n,)
        Observations, finite, at least one.
    mu : float
        Initial mean μ, finite.
    sigma : float
        Initial standard deviation σ, in (0, inf).

    Returns
    -------
    ipywidgets.VBox
        Two sliders (μ, σ) above a :class:`GaussianFigure`, jslinked.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the sample is empty, not 1-d or not finite, ``mu`` is not finite or
        ``sigma`` is not positive.

    Examples
    --------
    >>> gaussian_explorer([0.5, 1.5, 1.0]).children[0].description
    'μ (mean)'
    """
    data = check_sample(sample)
    mu = check_real(mu, "mu")
    sigma = check_positive(sigma, "sigma")
    spread = max(float(np.ptp(data)), 1.0)
    low, high = float(data.min() - 0.6 * spread), float(data.max() + 0.6 * spread)
    figure = GaussianFigure(
        sample=[float(x) for x in data],
        mu=mu,
        sigma=sigma,
        x_range=[low, high],
        description="Gaussian fit to a sample.",
    )
    return _assemble(
        figure,
        {
            "mu": _slider(
                widgets.FloatSlider,
                "μ (mean)",
                value=mu,
                min=round(low, 1),
                max=round(high, 1),
                step=0.05,
                readout_format=".2f",
            ),
            "sigma": _slider(
                widgets.FloatSlider,
                "σ (std. dev.)",
                value=sigma,
                min=0.2,
                max=round(max(3.0, 2 * sigma), 1),
                step=0.05,
                readout_format=".2f",
            ),
        },
    )


def exponential_explorer(
    sample: ArrayLike,
    alpha: float = 1.0,
    max_alpha: float = 2.0,
    *,
    reveal_peak: bool = True,
    rate: float | None = None,
    max_rate: float | None = None,
) -> widgets.VBox:
    """A rate slider over the exponential likelihood of a fixed sample.

    With ``reveal_peak=False`` the maximum is not marked (for exercises); the read-out
    says so once the slider is within half a step of it.

    Parameters
    ----------
    sample : array_like
        One-dimensional, finite observations, each >= 0, at least one > 0.
    alpha : float
        Initial rate, in (0, max_alpha].
    max_alpha : float
        Upper end of the slider, in (0, inf); the lower end is ``max_alpha / 200``.
    reveal_peak : bool
        Mark the MLE 1/mean with a dashed line.
    rate, max_rate : float, optional
        Deprecated spellings of ``alpha`` and ``max_alpha`` (the book writes the rate α),
        kept only for old callers; they override ``alpha`` and ``max_alpha`` when given.

    Returns
    -------
    ipywidgets.VBox
        The slider above an :class:`ExponentialFigure`, jslinked to its ``alpha``.

    Raises
    ------
    TypeError, ValueError
        For a bad sample, a sample of zeros, or rates outside their ranges.

    Examples
    --------
    >>> exponential_explorer([3.0]).children[0].description
    'α (rate)'
    >>> exponential_explorer([3.0], alpha=0.5).children[-1].alpha
    0.5
    >>> exponential_explorer([3.0], rate=0.5, max_rate=1.0).children[0].max   # old spelling
    1.0
    """
    alpha_name = "alpha" if rate is None else "rate"
    max_name = "max_alpha" if max_rate is None else "max_rate"
    alpha = check_positive(alpha if rate is None else rate, alpha_name)
    max_alpha = check_positive(max_alpha if max_rate is None else max_rate, max_name)
    data = check_sample(sample, non_negative=True)
    reveal_peak = check_flag(reveal_peak, "reveal_peak")
    if data.max() == 0:
        raise ValueError("sample must contain a value > 0; with all zeros the MLE is infinite")
    if alpha > max_alpha:
        raise ValueError(f"{alpha_name} must be in (0, {max_name}={max_alpha}], got {alpha}")
    figure = ExponentialFigure(
        sample=[float(x) for x in data],
        alpha=alpha,
        alpha_range=[max_alpha / 200, max_alpha],
        reveal_peak=reveal_peak,
        description="Exponential likelihood.",
    )
    return _assemble(
        figure,
        {
            "alpha": _slider(
                widgets.FloatSlider,
                "α (rate)",
                value=alpha,
                min=round(max_alpha / 200, 3),
                max=max_alpha,
                step=0.01,
                readout_format=".2f",
            ),
        },
    )


# ---- confidence intervals and their exact coverage (mle_book.uncertainty) ----------


class IntervalFigure(ExplorerFigure):
    """Relative coin log-likelihood, its cut at -chi2_1(level)/2, the Wald parabola, both intervals.

    The browser computes z, the Wald interval and the likelihood-ratio interval itself
    (mirroring :func:`mle_book.uncertainty.wald_interval` and
    :func:`mle_book.uncertainty.likelihood_ratio_interval`) and exposes them as
    ``data-wald-lower`` ... ``data-lr-upper``.

    Parameters
    ----------
    *args : Any
        Passed on to :class:`anywidget.AnyWidget` (none are needed).
    **kwargs : Any
        Initial values of the synced traits, by name (the factories set them).

    Raises
    ------
    TraitError
        If a trait is given a value of the wrong type (traitlets' own check; the
        factory functions validate values and ranges first).

    Examples
    --------
    >>> IntervalFigure(level=0.9).level
    0.9
    """

    kind = traitlets.Unicode("interval").tag(sync=True)
    n_heads = traitlets.Int(9).tag(sync=True)
    n_tails = traitlets.Int(4).tag(sync=True)
    level = traitlets.Float(0.95).tag(sync=True)
    _redraw_on = traitlets.List(["n_heads", "n_tails", "level"]).tag(sync=True)


class CoverageFigure(ExplorerFigure):
    """Exact coverage of the Wald and likelihood-ratio intervals against the true theta.

    Mirrors :func:`mle_book.uncertainty.coverage`; the coverage of both methods at the
    marker ``theta`` is exposed as ``data-wald-at`` and ``data-lr-at``.

    Parameters
    ----------
    *args : Any
        Passed on to :class:`anywidget.AnyWidget` (none are needed).
    **kwargs : Any
        Initial values of the synced traits, by name (the factories set them).

    Raises
    ------
    TraitError
        If a trait is given a value of the wrong type (traitlets' own check; the
        factory functions validate values and ranges first).

    Examples
    --------
    >>> CoverageFigure(n=20).n
    20
    """

    kind = traitlets.Unicode("coverage").tag(sync=True)
    n = traitlets.Int(13).tag(sync=True)
    level = traitlets.Float(0.95).tag(sync=True)
    theta = traitlets.Float(0.1).tag(sync=True)
    _redraw_on = traitlets.List(["n", "level", "theta"]).tag(sync=True)


def _level_slider(level: float) -> widgets.FloatSlider:
    return _slider(
        widgets.FloatSlider,
        "confidence level γ",
        value=level,
        min=0.5,
        max=0.99,
        step=0.01,
        readout_format=".2f",
    )


def _check_slider_level(level: object) -> float:
    value = check_real(level, "level")
    if not 0.5 <= value <= 0.99:
        raise ValueError(f"level must be in [0.5, 0.99] (the slider's range), got {value}")
    return value


def interval_explorer(
    n_heads: int = 9, n_tails: int = 4, level: float = 0.95, *, max_count: int = 40
) -> widgets.VBox:
    """Sliders for heads, tails and the level over the Wald and likelihood-ratio intervals.

    Parameters
    ----------
    n_heads, n_tails : int
        Initial counts, in ``[0, max_count]``, at least one flip in all.
    level : float
        Initial confidence level γ, in [0.5, 0.99] (slider step 0.01).
    max_count : int
        Upper end of the count sliders, in ``[1, 1000]``.

    Returns
    -------
    ipywidgets.VBox
        The three sliders above an :class:`IntervalFigure`, jslinked in the browser.

    Raises
    ------
    ValueError
        If a count or the level is out of range, or there are no flips.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> box = interval_explorer()
    >>> [child.description for child in box.children[:3]]
    ['heads n_H', 'tails n_T', 'confidence level γ']
    """
    max_count = check_int_in_range(max_count, "max_count", 1, 1000)
    n_heads = check_int_in_range(check_count(n_heads, "n_heads"), "n_heads", 0, max_count)
    n_tails = check_int_in_range(check_count(n_tails, "n_tails"), "n_tails", 0, max_count)
    if n_heads + n_tails == 0:
        raise ValueError("n_heads + n_tails must be >= 1, got 0 flips")
    level = _check_slider_level(level)
    figure = IntervalFigure(
        n_heads=n_heads,
        n_tails=n_tails,
        level=level,
        description="Wald and likelihood-ratio intervals for the coin.",
    )
    return _assemble(
        figure,
        {
            "n_heads": _slider(widgets.IntSlider, "heads n_H", value=n_heads, min=0, max=max_count),
            "n_tails": _slider(widgets.IntSlider, "tails n_T", value=n_tails, min=0, max=max_count),
            "level": _level_slider(level),
        },
    )


def coverage_explorer(
    n: int = 13, level: float = 0.95, theta: float = 0.1, *, max_n: int = 100
) -> widgets.VBox:
    """Sliders for n, the confidence level and a marker theta over the exact coverage curves.

    Parameters
    ----------
    n : int
        Initial number of flips, in ``[1, max_n]``.
    level : float
        Initial nominal level γ, in [0.5, 0.99] (slider step 0.01).
    theta : float
        Initial marker position, in [0.01, 0.99] (slider step 0.01).
    max_n : int
        Upper end of the n slider, in [2, 500].

    Returns
    -------
    ipywidgets.VBox
        The three sliders above a :class:`CoverageFigure`, jslinked in the browser.

    Raises
    ------
    ValueError
        If an argument is out of range.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> box = coverage_explorer()
    >>> [child.description for child in box.children[:3]]
    ['flips n', 'confidence level γ', 'true θ (marker)']
    """
    max_n = check_int_in_range(max_n, "max_n", 2, 500)
    n = check_int_in_range(n, "n", 1, max_n)
    level = _check_slider_level(level)
    theta = check_probability_scalar(theta)
    if not 0.01 <= theta <= 0.99:
        raise ValueError(f"theta must be in [0.01, 0.99] (the slider's range), got {theta}")
    figure = CoverageFigure(
        n=n, level=level, theta=theta, description="Exact coverage of binomial intervals."
    )
    return _assemble(
        figure,
        {
            "n": _slider(widgets.IntSlider, "flips n", value=n, min=1, max=max_n),
            "level": _level_slider(level),
            "theta": _slider(
                widgets.FloatSlider,
                "true θ (marker)",
                value=theta,
                min=0.01,
                max=0.99,
                step=0.01,
                readout_format=".2f",
            ),
        },
    )


class SurfaceFigure(ExplorerFigure):
    """Gaussian NLL contours in (mu, sigma) with a movable point, beside profile and slice in mu.

    Mirrors :func:`mle_book.uncertainty.gaussian_profile_nll`,
    :func:`mle_book.uncertainty.gaussian_profile_interval` and
    :func:`mle_book.uncertainty.gaussian_slice_interval`.

    Parameters
    ----------
    *args : Any
        Passed on to :class:`anywidget.AnyWidget` (none are needed).
    **kwargs : Any
        Initial values of the synced traits, by name (the factories set them).

    Raises
    ------
    TraitError
        If a trait is given a value of the wrong type (traitlets' own check; the
        factory functions validate values and ranges first).

    Examples
    --------
    >>> SurfaceFigure(sigma=1.5).sigma
    1.5
    """

    kind = traitlets.Unicode("surface").tag(sync=True)
    sample = traitlets.List(traitlets.Float()).tag(sync=True)
    mu = traitlets.Float(0.0).tag(sync=True)
    sigma = traitlets.Float(1.0).tag(sync=True)
    level = traitlets.Float(0.95).tag(sync=True)
    mu_range = traitlets.List(traitlets.Float(), [-1.0, 1.0]).tag(sync=True)
    sigma_range = traitlets.List(traitlets.Float(), [0.5, 2.0]).tag(sync=True)
    _redraw_on = traitlets.List(["sample", "mu", "sigma", "level", "mu_range", "sigma_range"]).tag(
        sync=True
    )


def surface_explorer(sample: ArrayLike, level: float = 0.95) -> widgets.VBox:
    """Sliders for mu, sigma and the level over the Gaussian NLL surface, its profile and slice.

    The point (mu, sigma) starts at the MLE. The ranges are the MLE of mu plus or minus
    1.3 widths of its 95 % profile interval, and 0.45 to 2.2 times the MLE of sigma.

    Parameters
    ----------
    sample : array_like, shape (n,)
        Observations, finite, at least two distinct values.
    level : float
        Initial confidence level γ, in [0.5, 0.99] (slider step 0.01).

    Returns
    -------
    ipywidgets.VBox
        The three sliders above a :class:`SurfaceFigure`, jslinked in the browser.

    Raises
    ------
    ValueError
        If the sample is invalid (empty, not finite, all ties) or the level is out of range.
    TypeError
        If an argument is not numeric.

    Examples
    --------
    >>> box = surface_explorer([0.3, 1.9, -0.4, 1.2, 0.8])
    >>> [child.description for child in box.children[:3]]
    ['μ (mean)', 'σ (std. dev.)', 'confidence level γ']
    """
    from .continuous import gaussian_mle
    from .uncertainty import gaussian_profile_interval

    data = check_sample(sample)
    level = _check_slider_level(level)
    fit = gaussian_mle(data)
    spread = 1.3 * gaussian_profile_interval(data, 0.95).width
    mu_range = [round(fit.mu - spread, 2), round(fit.mu + spread, 2)]
    sigma_range = [round(0.45 * fit.sigma, 2), round(2.2 * fit.sigma, 2)]
    mu, sigma = round(fit.mu, 2), round(fit.sigma, 2)
    figure = SurfaceFigure(
        sample=[float(x) for x in data],
        mu=mu,
        sigma=sigma,
        level=level,
        mu_range=mu_range,
        sigma_range=sigma_range,
        description="Gaussian log-likelihood surface, profile and slice.",
    )
    return _assemble(
        figure,
        {
            "mu": _slider(
                widgets.FloatSlider,
                "μ (mean)",
                value=mu,
                min=mu_range[0],
                max=mu_range[1],
                step=0.01,
                readout_format=".2f",
            ),
            "sigma": _slider(
                widgets.FloatSlider,
                "σ (std. dev.)",
                value=sigma,
                min=sigma_range[0],
                max=sigma_range[1],
                step=0.01,
                readout_format=".2f",
            ),
            "level": _level_slider(level),
        },
    )


# ---- appended by the prose pass (issue 16): the coin likelihood as a density over θ ----


def posterior_explorer(n_heads: int = 9, n_tails: int = 4, *, max_count: int = 40) -> widgets.VBox:
    r"""Sliders for heads and tails over the coin likelihood divided by its area.

    The likelihood :math:`\theta^{n_H}(1-\theta)^{n_T}` has area
    :math:`B(n_H + 1, n_T + 1)` over [0, 1]; divided by it, it is the
    Beta(n_H + 1, n_T + 1) density, the posterior under a flat prior
    (:func:`mle_book.bayes.log_posterior` with ``a = b = 1``). The figure draws that
    density, marks its peak (the MLE n_H / n, undefined with no flips) and reads out the
    peak and its height, which exceeds 1 as soon as the data favour some θ: a density,
    not a probability.

    Parameters
    ----------
    n_heads, n_tails : int
        Initial counts, whole numbers in ``[0, max_count]``.
    max_count : int
        Upper end of the count sliders, in ``[1, 1000]``.

    Returns
    -------
    ipywidgets.VBox
        Two sliders (heads, tails) above a :class:`CoinFigure` with ``normalise=True``.

    Raises
    ------
    TypeError, ValueError
        If a count is not a whole number in ``[0, max_count]`` or ``max_count`` is out of range.

    Examples
    --------
    >>> box = posterior_explorer(9, 4)
    >>> [child.description for child in box.children[:2]]
    ['heads n_H', 'tails n_T']
    >>> box.children[-1].normalise
    True
    """
    max_count = check_int_in_range(max_count, "max_count", 1, 1000)
    n_heads = check_int_in_range(check_count(n_heads, "n_heads"), "n_heads", 0, max_count)
    n_tails = check_int_in_range(check_count(n_tails, "n_tails"), "n_tails", 0, max_count)
    figure = CoinFigure(
        n_heads=n_heads,
        n_tails=n_tails,
        theta=n_heads / (n_heads + n_tails) if n_heads + n_tails else 0.5,
        normalise=True,
        description="Coin likelihood divided by its area: the flat-prior posterior density.",
    )
    return _assemble(
        figure,
        {
            "n_heads": _slider(widgets.IntSlider, "heads n_H", value=n_heads, min=0, max=max_count),
            "n_tails": _slider(widgets.IntSlider, "tails n_T", value=n_tails, min=0, max=max_count),
        },
    )


# ---- the likelihood and the log-likelihood side by side (chapter 3) --------------------


class LogLikelihoodFigure(ExplorerFigure):
    """L(theta) and ln L(theta) of coin data in two panels, with a marker and the common peak.

    Traits: ``n_heads``, ``n_tails`` (counts) and ``theta`` (the marker, in [0, 1]).

    Parameters
    ----------
    *args : Any
        Passed on to :class:`anywidget.AnyWidget` (none are needed).
    **kwargs : Any
        Initial values of the synced traits, by name (the factories set them).

    Raises
    ------
    TraitError
        If a trait is given a value of the wrong type (traitlets' own check; the
        factory functions validate values and ranges first).

    Examples
    --------
    >>> LogLikelihoodFigure(theta=0.25).theta
    0.25
    """

    kind = traitlets.Unicode("loglik").tag(sync=True)
    n_heads = traitlets.Int(9).tag(sync=True)
    n_tails = traitlets.Int(4).tag(sync=True)
    theta = traitlets.Float(0.5).tag(sync=True)
    _redraw_on = traitlets.List(["n_heads", "n_tails", "theta"]).tag(sync=True)


def log_likelihood_explorer(
    n_heads: int = 9, n_tails: int = 4, theta: float = 0.5, *, max_count: int = 40
) -> widgets.VBox:
    """Sliders for heads, tails and theta over L(theta) and ln L(theta) side by side.

    The log changes the shape and the scale of the curve but not the location of its
    peak: both panels peak at the MLE n_H / n (see
    :func:`mle_book.likelihood.bernoulli_log_likelihood`). The read-out gives L and ln L
    at the marker and at the peak.

    Parameters
    ----------
    n_heads, n_tails : int
        Initial counts, in ``[0, max_count]``.
    theta : float
        Initial marker position in [0, 1].
    max_count : int
        Upper end of the count sliders, in ``[1, 1000]``.

    Returns
    -------
    ipywidgets.VBox
        Three sliders above a :class:`LogLikelihoodFigure`.

    Raises
    ------
    ValueError
        If a count or ``theta`` is out of range.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> box = log_likelihood_explorer(9, 4)
    >>> [child.description for child in box.children[:3]]
    ['heads n_H', 'tails n_T', 'θ (marker)']
    """
    max_count = check_int_in_range(max_count, "max_count", 1, 1000)
    n_heads = check_int_in_range(check_count(n_heads, "n_heads"), "n_heads", 0, max_count)
    n_tails = check_int_in_range(check_count(n_tails, "n_tails"), "n_tails", 0, max_count)
    theta = check_probability_scalar(theta)
    figure = LogLikelihoodFigure(
        n_heads=n_heads,
        n_tails=n_tails,
        theta=theta,
        description="Likelihood and log-likelihood of coin data, side by side.",
    )
    return _assemble(
        figure,
        {
            "n_heads": _slider(widgets.IntSlider, "heads n_H", value=n_heads, min=0, max=max_count),
            "n_tails": _slider(widgets.IntSlider, "tails n_T", value=n_tails, min=0, max=max_count),
            "theta": _slider(
                widgets.FloatSlider,
                "θ (marker)",
                value=theta,
                min=0.0,
                max=1.0,
                step=0.01,
                readout_format=".2f",
            ),
        },
    )


# ---- logistic regression on one feature (chapter 7, mle_book.models) ----------------


class LogisticFigure(ExplorerFigure):
    """Probability curve of a one-feature logistic regression over 0/1 data, beside the NLL.

    Parameters
    ----------
    *args : Any
        Passed on to :class:`anywidget.AnyWidget` (none are needed).
    **kwargs : Any
        Initial values of the synced traits, by name (the factories set them).

    Raises
    ------
    TraitError
        If a trait is given a value of the wrong type (traitlets' own check; the
        factory functions validate values and ranges first).

    Examples
    --------
    >>> LogisticFigure(slope=1.5).slope
    1.5
    """

    kind = traitlets.Unicode("logistic").tag(sync=True)
    x = traitlets.List(traitlets.Float()).tag(sync=True)
    y = traitlets.List(traitlets.Int()).tag(sync=True)
    center = traitlets.Float(0.0).tag(sync=True)
    intercept = traitlets.Float(0.0).tag(sync=True)
    slope = traitlets.Float(0.0).tag(sync=True)
    beta_hat = traitlets.List(traitlets.Float(), [0.0, 0.0]).tag(sync=True)
    x_range = traitlets.List(traitlets.Float(), [0.0, 1.0]).tag(sync=True)
    slope_range = traitlets.List(traitlets.Float(), [-1.0, 1.0]).tag(sync=True)
    feature = traitlets.Unicode("x").tag(sync=True)
    _redraw_on = traitlets.List(
        ["x", "y", "center", "intercept", "slope", "beta_hat", "x_range", "slope_range"]
    ).tag(sync=True)


def logistic_explorer(
    x: ArrayLike,
    y: ArrayLike,
    *,
    feature: str = "x",
    intercept: float = 0.0,
    slope: float = 0.0,
) -> widgets.VBox:
    r"""Intercept and slope sliders for logistic regression on one feature, with the NLL.

    The model is :math:`P(y_i = 1) = \mathrm{sigmoid}(\beta_0 + \beta_1 (x_i - \bar x))`:
    the feature is centred, so β₀ is the log-odds at the average x and the two sliders
    act nearly independently. The figure draws the data, the probability curve at the
    sliders and the MLE's curve (dashed); beside it, the NLL along β₁ at the current β₀.
    The read-out is :func:`mle_book.models.logistic_nll` with
    ``X = design_matrix(x - x.mean())`` (the browser tests check this).

    Parameters
    ----------
    x : array_like, shape (n,)
        The feature, finite reals, not all equal.
    y : array_like, shape (n,)
        0 or 1; the MLE must exist (no separation), or a ValueError is raised.
    feature : str
        Axis label for x.
    intercept, slope : float
        Initial slider values, finite.

    Returns
    -------
    ipywidgets.VBox
        The two sliders and the :class:`LogisticFigure`.

    Raises
    ------
    TypeError, ValueError
        For bad inputs, or data for which the MLE does not exist.

    Examples
    --------
    >>> box = logistic_explorer([1.0, 2.0, 3.0, 4.0], [0, 1, 0, 1], feature="hours")
    >>> [child.description for child in box.children[:2]]
    ['β₀ (intercept)', 'β₁ (slope)']
    """
    from .models import design_matrix, logistic_newton

    data = check_sample(x, "x")
    if np.ptp(data) == 0:
        raise ValueError("x must not be constant: the slope is then not identified")
    if not isinstance(feature, str):
        raise TypeError(f"feature must be a str (the axis label), got {type(feature).__name__}")
    intercept = check_real(intercept, "intercept")
    slope = check_real(slope, "slope")
    center = float(data.mean())
    fit = logistic_newton(design_matrix(data - center), y)  # validates y
    labels = np.asarray(y, dtype=float)
    ones, zeros = data[labels == 1], data[labels == 0]
    # With one feature and an intercept the MLE exists exactly when the classes overlap
    # (Albert and Anderson 1984): neither lies (weakly) on one side of a threshold.
    if not (ones.size and zeros.size and ones.max() > zeros.min() and zeros.max() > ones.min()):
        raise ValueError("the MLE does not exist for these data (the classes are separated)")
    if not fit.converged:  # pragma: no cover - overlapping classes give a finite optimum
        raise ValueError("Newton's method did not converge for these data")
    b0, b1 = (float(b) for b in fit.beta)
    spread = float(np.ptp(data))
    x_range = [float(data.min() - 0.1 * spread), float(data.max() + 0.1 * spread)]
    reach_0 = max(3.0, 2 * abs(b0), abs(intercept) + 0.5)
    reach_1 = max(3.0, 2 * abs(b1), abs(slope) + 0.5)
    low_0, high_0 = round(min(b0, 0.0) - reach_0, 1), round(max(b0, 0.0) + reach_0, 1)
    low_1, high_1 = round(min(b1, 0.0) - reach_1, 1), round(max(b1, 0.0) + reach_1, 1)
    figure = LogisticFigure(
        x=[float(v) for v in data],
        y=[int(v) for v in np.asarray(y, dtype=float)],
        center=center,
        intercept=intercept,
        slope=slope,
        beta_hat=[b0, b1],
        x_range=x_range,
        slope_range=[low_1, high_1],
        feature=feature,
        description="Logistic regression explorer.",
    )
    return _assemble(
        figure,
        {
            "intercept": _slider(
                widgets.FloatSlider,
                "β₀ (intercept)",
                value=intercept,
                min=low_0,
                max=high_0,
                step=0.05,
                readout_format=".2f",
            ),
            "slope": _slider(
                widgets.FloatSlider,
                "β₁ (slope)",
                value=slope,
                min=low_1,
                max=high_1,
                step=0.05,
                readout_format=".2f",
            ),
        },
    )

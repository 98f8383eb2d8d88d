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
    check_count,
    check_int_in_range,
    check_positive,
    check_probability,
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
]

_STATIC = Path(__file__).parent / "static"
# Sliders take the width they are given, up to the figure's (640 px); the book's
# stylesheet puts the label above the track on narrow screens.
_SLIDER_LAYOUT = {"width": "100%", "max_width": "640px"}
_SLIDER_STYLE = {"description_width": "150px"}


class ExplorerFigure(anywidget.AnyWidget):
    """Base class: the browser draws the ``kind`` of figure from the synced traits."""

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
    """Bernoulli likelihood (or log-likelihood) in theta, with a marker and the peak."""

    kind = traitlets.Unicode("coin").tag(sync=True)
    n_heads = traitlets.Int(9).tag(sync=True)
    n_tails = traitlets.Int(4).tag(sync=True)
    multiplier = traitlets.Int(1).tag(sync=True)
    theta = traitlets.Float(0.5).tag(sync=True)
    scale = traitlets.Unicode("linear").tag(sync=True)
    relative = traitlets.Bool(False).tag(sync=True)
    reveal_peak = traitlets.Bool(True).tag(sync=True)
    _redraw_on = traitlets.List(
        ["n_heads", "n_tails", "multiplier", "theta", "scale", "relative", "reveal_peak"]
    ).tag(sync=True)


class DescentFigure(ExplorerFigure):
    """Gradient-descent iterates on the coin NLL for a learning rate ``10**log10_lr``."""

    kind = traitlets.Unicode("descent").tag(sync=True)
    n_heads = traitlets.Int(9).tag(sync=True)
    n_tails = traitlets.Int(4).tag(sync=True)
    log10_lr = traitlets.Float(-1.0).tag(sync=True)
    n_iterations = traitlets.Int(20).tag(sync=True)
    theta0 = traitlets.Float(0.5).tag(sync=True)
    mean = traitlets.Bool(True).tag(sync=True)
    _redraw_on = traitlets.List(
        ["n_heads", "n_tails", "log10_lr", "n_iterations", "theta0", "mean"]
    ).tag(sync=True)


class GaussianFigure(ExplorerFigure):
    """Gaussian density over a fixed sample, beside the NLL as a function of mu."""

    kind = traitlets.Unicode("gaussian").tag(sync=True)
    sample = traitlets.List(traitlets.Float()).tag(sync=True)
    mu = traitlets.Float(0.0).tag(sync=True)
    sigma = traitlets.Float(1.0).tag(sync=True)
    x_range = traitlets.List(traitlets.Float(), [-4.0, 4.0]).tag(sync=True)
    _redraw_on = traitlets.List(["sample", "mu", "sigma", "x_range"]).tag(sync=True)


class ExponentialFigure(ExplorerFigure):
    """Likelihood of the exponential rate alpha for a fixed sample."""

    kind = traitlets.Unicode("exponential").tag(sync=True)
    sample = traitlets.List(traitlets.Float()).tag(sync=True)
    rate = traitlets.Float(1.0).tag(sync=True)
    rate_range = traitlets.List(traitlets.Float(), [0.01, 2.0]).tag(sync=True)
    reveal_peak = traitlets.Bool(True).tag(sync=True)
    _redraw_on = traitlets.List(["sample", "rate", "rate_range", "reveal_peak"]).tag(sync=True)


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

    Examples
    --------
    >>> box = coin_explorer(9, 4)
    >>> [child.description for child in box.children[:3]]
    ['heads n_H', 'tails n_T', 'θ (marker)']
    """
    max_count = check_int_in_range(max_count, "max_count", 1, 1000)
    n_heads = check_int_in_range(check_count(n_heads, "n_heads"), "n_heads", 0, max_count)
    n_tails = check_int_in_range(check_count(n_tails, "n_tails"), "n_tails", 0, max_count)
    theta = float(check_probability(theta))
    if scale not in ("linear", "log"):
        raise ValueError(f"scale must be 'linear' or 'log', got {scale!r}")
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

    Examples
    --------
    >>> theta_explorer().children[0].description
    'θ'
    """
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    theta = float(check_probability(theta))
    figure = CoinFigure(
        n_heads=n_heads,
        n_tails=n_tails,
        theta=theta,
        reveal_peak=bool(reveal_peak),
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
    """Relative likelihood for k times the data (same heads ratio): the peak sharpens with k.

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
                widgets.IntSlider, "data × k", value=1, min=1, max=max_multiplier
            ),
        },
    )


def learning_rate_explorer(
    n_heads: int = 9,
    n_tails: int = 4,
    *,
    mean: bool = True,
    log10_lr: float | None = None,
    n_iterations: int = 20,
    theta0: float = 0.5,
) -> widgets.VBox:
    """A log10(learning rate) slider: gradient-descent iterates converge, oscillate or diverge.

    The figure shows the iterates on the NLL curve and their distance to the MLE per
    step. The slider spans two decades below the stability limit ``2 / curvature``
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
    n_iterations : int
        Initial number of steps, in [1, 500].
    theta0 : float
        Starting point in (0, 1).

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
    n_iterations = check_int_in_range(n_iterations, "n_iterations", 1, 500)
    theta0 = float(check_probability(theta0, "theta0", open_interval=True))
    low = float(np.floor(min(limit - 2, log10_lr)))
    high = float(max(np.ceil(2 * (limit + 0.5)) / 2, log10_lr))
    figure = DescentFigure(
        n_heads=n_heads,
        n_tails=n_tails,
        mean=bool(mean),
        log10_lr=log10_lr,
        n_iterations=n_iterations,
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
            "n_iterations": _slider(
                widgets.IntSlider, "steps", value=n_iterations, min=1, max=max(100, n_iterations)
            ),
        },
    )


def gaussian_explorer(sample: ArrayLike, mu: float = 0.0, sigma: float = 1.0) -> widgets.VBox:
    """mu and sigma sliders moving a Gaussian over a fixed sample, beside NLL(mu).

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
    rate: float = 1.0,
    max_rate: float = 2.0,
    *,
    reveal_peak: bool = True,
) -> widgets.VBox:
    """A rate slider over the exponential likelihood of a fixed sample.

    With ``reveal_peak=False`` the maximum is not marked (for exercises); the read-out
    says so once the slider is within half a step of it.

    Examples
    --------
    >>> exponential_explorer([3.0]).children[0].description
    'α (rate)'
    """
    data = check_sample(sample, non_negative=True)
    if data.sum() == 0:
        raise ValueError("sample must contain a value > 0; with all zeros the MLE is infinite")
    max_rate = check_positive(max_rate, "max_rate")
    rate = check_positive(rate, "rate")
    if rate > max_rate:
        raise ValueError(f"rate must be in (0, max_rate={max_rate}], got {rate}")
    figure = ExponentialFigure(
        sample=[float(x) for x in data],
        rate=rate,
        rate_range=[max_rate / 200, max_rate],
        reveal_peak=bool(reveal_peak),
        description="Exponential likelihood.",
    )
    return _assemble(
        figure,
        {
            "rate": _slider(
                widgets.FloatSlider,
                "α (rate)",
                value=rate,
                min=round(max_rate / 200, 3),
                max=max_rate,
                step=0.01,
                readout_format=".2f",
            ),
        },
    )

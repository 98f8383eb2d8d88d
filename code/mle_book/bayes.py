"""The Bayesian view of the coin: priors, posteriors, MAP, and reparametrisation.

The posterior over the heads probability theta is proportional to likelihood times
prior. With a Beta(a, b) prior and ``n_heads`` heads, ``n_tails`` tails it is the
Beta(n_heads + a, n_tails + b) distribution. Its mode (the MAP estimate) equals
the MLE only for the flat prior a = b = 1, and *only in the theta coordinate*:
a density picks up a Jacobian factor when the parameter is changed to the
log-odds ``phi = ln(theta / (1 - theta))``, so its mode moves; the likelihood is
a function, not a density, so its peak does not.

Everything is computed in log space with numerically stable formulas
(``ln sigmoid(phi) = -softplus(-phi)``), so large ``|phi|`` gives no NaN.

Notation (the book's): the log-odds is phi, its inverse is written out as ``sigmoid``
(never sigma, which is a standard deviation), and ln is the natural log.
"""

from __future__ import annotations

import math
import numbers
from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike, NDArray

from ._validation import (
    _as_float_array,
    check_count,
    check_finite_result,
    check_int_in_range,
    check_probability,
    check_real,
)
from .likelihood import bernoulli_log_likelihood, bernoulli_mle, likelihood_integral

__all__ = [
    "logit",
    "sigmoid",
    "sequence_probability_total",
    "beta_log_prior",
    "log_posterior",
    "map_estimate",
    "map_under_flat_log_odds_prior",
    "log_likelihood_in_log_odds",
    "mle_in_log_odds",
    "log_posterior_in_log_odds",
    "map_in_log_odds",
    "plot_likelihood_area",
    "plot_posteriors",
    "plot_two_parametrisations",
]

_LIKELIHOOD_COLOUR = "#1f5fa8"
_POSTERIOR_COLOUR = "#c0392b"
_PEAK_STYLE = {"color": "#555555", "linestyle": "--", "linewidth": 1.0}


# ----------------------------------------------------------------- small helpers


def _result(array: NDArray[np.float64], like: ArrayLike) -> NDArray[np.float64] | float:
    return float(array) if np.ndim(like) == 0 else array


#: Largest Beta prior parameter: ln B(a, b) needs lgamma(a + b), which overflows
#: float64 near 2.6e305.
_MAX_PRIOR = 1e300


def _check_prior_parameter(value: object, name: str, *, positive: bool = False) -> float:
    """A Beta prior parameter: a real number in [0, 1e300] (or (0, 1e300])."""
    result = check_real(value, name)
    low = "(0" if positive else "[0"
    if result < 0 or (positive and result == 0) or result > _MAX_PRIOR:
        raise ValueError(f"{name} must be in {low}, 1e300], got {result}")
    return result


def _posterior_parameters(n_heads: int, n_tails: int, a: float, b: float) -> tuple[float, float]:
    """Validated Beta(n_heads + a, n_tails + b) posterior parameters, both > 0."""
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    a = _check_prior_parameter(a, "a")
    b = _check_prior_parameter(b, "b")
    if n_heads + a <= 0:
        raise ValueError(
            "n_heads + a must be > 0 for a proper posterior (got n_heads = 0 and a = 0)"
        )
    if n_tails + b <= 0:
        raise ValueError(
            "n_tails + b must be > 0 for a proper posterior (got n_tails = 0 and b = 0)"
        )
    return n_heads + a, n_tails + b


def _log_beta_function(alpha: float, beta: float) -> float:
    return math.lgamma(alpha) + math.lgamma(beta) - math.lgamma(alpha + beta)


def _coefficient_times_log(coefficient: float, value: NDArray[np.float64]) -> NDArray[np.float64]:
    """``coefficient * ln(value)`` with ``0 * ln(0) = 0`` and no numpy warnings."""
    if coefficient == 0:
        return np.zeros_like(value)
    with np.errstate(divide="ignore"):
        return coefficient * np.log(value)


def _beta_log_density(theta: NDArray[np.float64], alpha: float, beta: float) -> NDArray[np.float64]:
    return (
        _coefficient_times_log(alpha - 1.0, theta)
        + _coefficient_times_log(beta - 1.0, 1.0 - theta)
        - _log_beta_function(alpha, beta)
    )


def _softplus(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """``ln(1 + exp(x))`` without overflow."""
    return np.logaddexp(0.0, x)


_PHI_OVERFLOW = (
    "phi is too far from 0 for these counts: the log density overflows float64 "
    "(it is about -count * |phi|; keep |phi| * (n_heads + n_tails + a + b) below 1e308)"
)


def _check_phi(phi: ArrayLike, name: str = "phi") -> NDArray[np.float64]:
    array = _as_float_array(phi, name)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite real numbers, got NaN or inf")
    return array


# ------------------------------------------------------------------- log-odds


def logit(theta: ArrayLike) -> NDArray[np.float64] | float:
    r"""Log-odds :math:`\phi = \ln\big(\theta / (1-\theta)\big)` of a probability.

    Parameters
    ----------
    theta : float or array_like
        Probabilities in the open interval (0, 1); the log-odds of 0 and 1 are
        infinite. Vectorised.

    Returns
    -------
    float or ndarray
        Real numbers, same shape as ``theta``.

    Raises
    ------
    ValueError
        If an entry of ``theta`` is NaN, inf or outside (0, 1).
    TypeError
        If ``theta`` is not real-valued (a string, a bool, complex, ...).

    Examples
    --------
    >>> logit(0.5)
    0.0
    >>> round(logit(9 / 13), 4)   # ln(9/4)
    0.8109
    """
    theta_array = check_probability(theta, open_interval=True)
    return _result(np.log(theta_array) - np.log1p(-theta_array), theta)


def sigmoid(phi: ArrayLike) -> NDArray[np.float64] | float:
    r"""Inverse of :func:`logit`: :math:`\theta = 1 / (1 + e^{-\phi})`.

    Parameters
    ----------
    phi : float or array_like
        Finite real numbers (log-odds). Vectorised; no overflow for large ``|phi|``.

    Returns
    -------
    float or ndarray
        Probabilities in [0, 1] (1 or 0 once ``|phi|`` is beyond about 37 or 745 in
        float64), same shape as ``phi``.

    Raises
    ------
    ValueError
        If an entry of ``phi`` is NaN or inf.
    TypeError
        If ``phi`` is not real-valued (a string, a bool, complex, ...).

    Examples
    --------
    >>> sigmoid(0.0)
    0.5
    >>> round(sigmoid(math.log(9 / 4)), 4)
    0.6923
    """
    phi_array = _check_phi(phi)
    return _result(np.exp(-_softplus(-phi_array)), phi)


# ------------------------------------------- probability over data, for fixed theta


def sequence_probability_total(theta: float | Fraction, n_flips: int) -> Fraction:
    r"""Exact sum of :math:`P(X \mid \theta)` over all :math:`2^n` flip sequences X.

    The sequences with k heads all have probability :math:`\theta^k(1-\theta)^{n-k}`
    and there are :math:`\binom{n}{k}` of them, so the sum is
    :math:`\sum_k \binom{n}{k}\theta^k(1-\theta)^{n-k}`. It is computed in exact
    rational arithmetic (a float theta is converted exactly), so the result is
    exactly 1: for fixed theta, P(X | theta) *is* a distribution over the data X.

    Parameters
    ----------
    theta : float or Fraction
        Probability of heads in [0, 1].
    n_flips : int
        Length of the sequences, in [0, 500].

    Returns
    -------
    Fraction
        The exact sum, ``Fraction(1, 1)`` for every theta and n_flips.

    Raises
    ------
    ValueError
        If ``theta`` is NaN, inf or outside [0, 1], or ``n_flips`` is not a whole number
        in [0, 500].
    TypeError
        If ``theta`` is not a single real number or ``n_flips`` not a number.

    Notes
    -----
    With theta = p/q in lowest terms the sum is
    :math:`\sum_k \binom{n}{k} p^k (q-p)^{n-k} / q^n`: the numerator is summed in integer
    arithmetic (Horner's rule in q - p) and divided once, so the cost stays well under
    a second even when q is :math:`2^{1074}` (theta near 0), where summing ``Fraction``
    terms takes minutes.

    Examples
    --------
    >>> sequence_probability_total(0.3, 13)
    Fraction(1, 1)
    """
    if isinstance(theta, Fraction):
        if not 0 <= theta <= 1:
            raise ValueError(f"theta must be in [0, 1], got {theta}")
        exact = theta
    elif isinstance(theta, numbers.Real) and not isinstance(theta, (bool, np.bool_)):
        exact = Fraction(float(check_probability(theta)))
    else:
        raise TypeError(f"theta must be a real number in [0, 1], got {type(theta).__name__}")
    n_flips = check_int_in_range(n_flips, "n_flips", 0, 500)
    p, q = exact.numerator, exact.denominator
    # Horner in (q - p): numerator = sum_k C(n, k) p**k (q - p)**(n - k), integers only
    numerator, heads_power = 0, 1
    for k in range(n_flips + 1):
        numerator = numerator * (q - p) + math.comb(n_flips, k) * heads_power
        heads_power *= p
    return Fraction(numerator, q**n_flips)


# ------------------------------------------------------ priors and posteriors in theta


def beta_log_prior(theta: ArrayLike, a: float = 1.0, b: float = 1.0) -> NDArray[np.float64] | float:
    r"""Log density of the Beta(a, b) prior, :math:`\theta^{a-1}(1-\theta)^{b-1}/B(a,b)`.

    Parameters
    ----------
    theta : float or array_like
        Points in [0, 1]. Vectorised. The density may be infinite at 0 or 1
        (``a < 1`` or ``b < 1``); the result is then ``inf``, never NaN.
    a, b : float
        Prior parameters, each in (0, 1e300]. ``a = b = 1`` is the flat prior.

    Returns
    -------
    float or ndarray
        :math:`\ln` of the Beta(a, b) density at ``theta``, same shape as ``theta``.

    Raises
    ------
    ValueError
        If ``theta`` is outside [0, 1] or NaN, or ``a`` or ``b`` is not in (0, 1e300].
    TypeError
        If an argument is not real (a string, a bool, complex, ...).

    Examples
    --------
    >>> beta_log_prior(0.3)          # flat: density 1 everywhere
    0.0
    >>> round(float(np.exp(beta_log_prior(0.5, 2, 2))), 4)   # 6 θ(1-θ) at 1/2
    1.5
    """
    theta_array = check_probability(theta)
    a = _check_prior_parameter(a, "a", positive=True)
    b = _check_prior_parameter(b, "b", positive=True)
    return _result(_beta_log_density(theta_array, a, b), theta)


def log_posterior(
    theta: ArrayLike, n_heads: int, n_tails: int, a: float = 1.0, b: float = 1.0
) -> NDArray[np.float64] | float:
    r"""Normalised log posterior density of theta: Beta(n_heads + a, n_tails + b).

    By Bayes' rule the posterior is likelihood times prior divided by the
    evidence; with a Beta(a, b) prior that is the Beta(n_heads + a, n_tails + b)
    density, which integrates to 1 over [0, 1].

    Parameters
    ----------
    theta : float or array_like
        Points in [0, 1]. Vectorised.
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0.
    a, b : float
        Prior parameters in [0, 1e300]. ``a = b = 0`` is the improper prior that is
        flat in the log-odds; it is allowed as long as the posterior is proper
        (``n_heads + a > 0`` and ``n_tails + b > 0``).

    Returns
    -------
    float or ndarray
        The log posterior density at ``theta`` (a float for a scalar ``theta``, else
        an array of the same shape); ``-inf`` where the density is 0 and ``inf`` where
        it is unbounded (theta = 0 or 1 with ``n_heads + a < 1`` or ``n_tails + b < 1``).

    Raises
    ------
    TypeError
        If ``theta``, a count or a prior parameter is not real-valued.
    ValueError
        If ``theta`` is not in [0, 1], a count is not a whole number >= 0, ``a`` or
        ``b`` is not in [0, 1e300], or the posterior would be improper
        (``n_heads + a == 0`` or ``n_tails + b == 0``).

    Examples
    --------
    >>> round(float(np.exp(log_posterior(9 / 13, 9, 4))), 4)
    3.2779
    """
    theta_array = check_probability(theta)
    alpha, beta = _posterior_parameters(n_heads, n_tails, a, b)
    return _result(_beta_log_density(theta_array, alpha, beta), theta)


def map_estimate(n_heads: int, n_tails: int, a: float = 1.0, b: float = 1.0) -> float:
    r"""MAP estimate in theta: the mode of the Beta(n_H + a, n_T + b) posterior.

    .. math:: \hat\theta_{\text{MAP}} = \frac{n_H + a - 1}{n + a + b - 2}

    With the flat prior (a = b = 1) this is the MLE :math:`n_H / n`.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0.
    a, b : float
        Prior parameters in [0, 1e300].

    Returns
    -------
    float
        The posterior mode, in [0, 1].

    Raises
    ------
    TypeError
        If a count or prior parameter is not a real number.
    ValueError
        If a count or prior parameter is out of range, or the posterior density has
        no maximum: ``n_heads + a < 1`` (or
        ``n_tails + b < 1``) makes it unbounded at theta = 0 (or 1), and
        ``n_heads + n_tails + a + b == 2`` with both at 1 makes it flat.

    Examples
    --------
    >>> round(map_estimate(9, 4), 4)          # flat prior: the MLE 9/13
    0.6923
    >>> round(map_estimate(9, 4, 2, 2), 4)    # Beta(2, 2): 10/15
    0.6667
    """
    alpha, beta = _posterior_parameters(n_heads, n_tails, a, b)
    if alpha < 1:
        raise ValueError(
            f"n_heads + a must be >= 1 for the posterior to have a maximum, got {alpha}: "
            "its density is unbounded near theta = 0"
        )
    if beta < 1:
        raise ValueError(
            f"n_tails + b must be >= 1 for the posterior to have a maximum, got {beta}: "
            "its density is unbounded near theta = 1"
        )
    if alpha + beta <= 2:
        raise ValueError(
            "n_heads + n_tails + a + b must be > 2 for a unique MAP: "
            "the posterior is flat (every theta is a mode)"
        )
    return (alpha - 1.0) / (alpha + beta - 2.0)


def map_under_flat_log_odds_prior(n_heads: int, n_tails: int) -> float:
    r"""MAP in theta when the prior is flat in the log-odds phi.

    A flat prior on phi is, in theta, the density :math:`1/(\theta(1-\theta))`
    (the improper "Beta(0, 0)"), so the posterior in theta is
    Beta(n_H, n_T) with mode :math:`(n_H - 1)/(n - 2)` -- not the MLE.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, whole numbers >= 1 with ``n_heads + n_tails > 2``.

    Returns
    -------
    float
        The posterior mode :math:`(n_H - 1)/(n - 2)`, in [0, 1].

    Raises
    ------
    TypeError
        If a count is not a real number.
    ValueError
        If a count is not a whole number >= 0, or unless ``n_heads >= 1``,
        ``n_tails >= 1`` and ``n_heads + n_tails > 2``.

    Examples
    --------
    >>> round(map_under_flat_log_odds_prior(9, 4), 4)   # 8/11
    0.7273
    """
    return map_estimate(n_heads, n_tails, 0.0, 0.0)


# ------------------------------------------------------------ the log-odds coordinate


def log_likelihood_in_log_odds(
    phi: ArrayLike, n_heads: int, n_tails: int
) -> NDArray[np.float64] | float:
    r"""Coin log-likelihood in the log-odds: :math:`\ln L(\operatorname{sigmoid}(\phi))`.

    Uses :math:`\ln\operatorname{sigmoid}(\phi) = -\operatorname{softplus}(-\phi)`, so it
    stays finite for any finite phi (plugging ``sigmoid(phi)`` into the theta version
    would give ``-inf`` once ``sigmoid(phi)`` rounds to 1).

    Parameters
    ----------
    phi : float or array_like
        Finite log-odds, any shape.
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0.

    Returns
    -------
    float or ndarray
        :math:`-n_H\,\operatorname{softplus}(-\phi) - n_T\,\operatorname{softplus}(\phi)`,
        same shape as ``phi``.

    Raises
    ------
    TypeError, ValueError
        If ``phi`` is not finite or a count is not a whole number >= 0; ValueError also
        if the result overflows float64 (``|phi|`` times a count above about 1e308).

    Examples
    --------
    >>> round(log_likelihood_in_log_odds(0.0, 9, 4), 4)   # theta = 1/2
    -9.0109
    """
    phi_array = _check_phi(phi)
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    with np.errstate(over="ignore"):
        log_lik = -n_heads * _softplus(-phi_array) - n_tails * _softplus(phi_array)
    check_finite_result(log_lik, _PHI_OVERFLOW)
    return _result(log_lik, phi)


def mle_in_log_odds(n_heads: int, n_tails: int) -> float:
    r"""Maximiser of the likelihood over phi: :math:`\hat\phi = \ln(n_H / n_T)`.

    ``sigmoid`` of it is the MLE :math:`n_H / n` in theta: the MLE does not depend
    on the parametrisation.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, whole numbers >= 1.

    Returns
    -------
    float
        :math:`\ln n_H - \ln n_T`, finite.

    Raises
    ------
    TypeError
        If a count is not a real number.
    ValueError
        If a count is not a whole number >= 0, or ``n_heads`` or ``n_tails`` is 0
        (the maximiser is then at infinity).

    Examples
    --------
    >>> round(sigmoid(mle_in_log_odds(9, 4)), 4)
    0.6923
    """
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    if n_heads == 0 or n_tails == 0:
        raise ValueError(
            f"n_heads and n_tails must both be >= 1 for a finite log-odds MLE, "
            f"got n_heads = {n_heads}, n_tails = {n_tails}"
        )
    return math.log(n_heads) - math.log(n_tails)


def log_posterior_in_log_odds(
    phi: ArrayLike, n_heads: int, n_tails: int, a: float = 1.0, b: float = 1.0
) -> NDArray[np.float64] | float:
    r"""Normalised log posterior density of phi, for a Beta(a, b) prior on theta.

    Changing variables multiplies a density by the Jacobian
    :math:`d\theta/d\phi = \theta(1-\theta)`, so the posterior density of phi is
    :math:`\theta^{n_H+a}(1-\theta)^{n_T+b}/B(n_H+a, n_T+b)` at
    :math:`\theta = \operatorname{sigmoid}(\phi)`. With a = b = 0 the prior is flat in phi.

    Parameters
    ----------
    phi : float or array_like
        Finite log-odds. Vectorised.
    n_heads, n_tails : int
        Observed counts.
    a, b : float
        Prior parameters in [0, 1e300] with ``n_heads + a > 0`` and ``n_tails + b > 0``.

    Returns
    -------
    float or ndarray
        The log density of phi, same shape as ``phi``; it integrates to 1 over the real line.

    Raises
    ------
    TypeError, ValueError
        If ``phi`` is not finite, a count is bad, ``a`` or ``b`` is not in [0, 1e300],
        the posterior would be improper, or the result overflows float64.

    Examples
    --------
    >>> round(float(np.exp(log_posterior_in_log_odds(0.0, 0, 0))), 4)   # prior density at phi = 0
    0.25
    """
    phi_array = _check_phi(phi)
    alpha, beta = _posterior_parameters(n_heads, n_tails, a, b)
    with np.errstate(over="ignore"):
        log_density = (
            -alpha * _softplus(-phi_array)
            - beta * _softplus(phi_array)
            - _log_beta_function(alpha, beta)
        )
    check_finite_result(log_density, _PHI_OVERFLOW)
    return _result(log_density, phi)


def map_in_log_odds(n_heads: int, n_tails: int, a: float = 1.0, b: float = 1.0) -> float:
    r"""MAP estimate computed in phi: the mode of :func:`log_posterior_in_log_odds`.

    .. math:: \hat\phi_{\text{MAP}} = \ln\frac{n_H + a}{n_T + b}

    Map it back with :func:`sigmoid` to get :math:`(n_H + a)/(n + a + b)`, which
    differs from :func:`map_estimate` for the same prior: MAP is not invariant.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0.
    a, b : float
        Prior parameters (Beta(a, b) on theta) in [0, 1e300], with
        ``n_heads + a > 0`` and ``n_tails + b > 0``.

    Returns
    -------
    float
        The posterior mode in phi, :math:`\ln(n_H + a) - \ln(n_T + b)`, finite.

    Raises
    ------
    TypeError
        If a count or prior parameter is not a real number.
    ValueError
        If a count is not a whole number >= 0, ``a`` or ``b`` is not in [0, 1e300], or
        the posterior would be improper (``n_heads + a == 0`` or ``n_tails + b == 0``).

    Examples
    --------
    >>> round(sigmoid(map_in_log_odds(9, 4)), 4)          # flat prior on theta: 10/15
    0.6667
    >>> round(sigmoid(map_in_log_odds(9, 4, 0, 0)), 4)    # flat prior on phi: the MLE
    0.6923
    """
    alpha, beta = _posterior_parameters(n_heads, n_tails, a, b)
    return math.log(alpha) - math.log(beta)


# -------------------------------------------------------------------------- figures


def plot_likelihood_area(n_heads: int, n_tails: int) -> Figure:
    """The likelihood beside the same curve rescaled to area 1 (the flat-prior posterior).

    The area of :math:`\theta^{n_H}(1-\theta)^{n_T}` over [0, 1] is
    :math:`B(n_H + 1, n_T + 1)` (:func:`mle_book.likelihood.likelihood_integral`);
    dividing by it gives the Beta(n_H + 1, n_T + 1) density.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0.

    Returns
    -------
    matplotlib.figure.Figure
        Two axes: the likelihood with its area shaded, and the posterior density.

    Raises
    ------
    TypeError, ValueError
        If a count is not a whole number >= 0.

    Examples
    --------
    >>> fig = plot_likelihood_area(9, 4)
    >>> [ax.get_ylabel() for ax in fig.axes]
    ['likelihood L(θ)', 'posterior density p(θ | x)']
    """
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    area = likelihood_integral(n_heads, n_tails)
    theta = np.linspace(0.0, 1.0, 1001)
    likelihood = np.exp(bernoulli_log_likelihood(theta, n_heads, n_tails))
    posterior = np.exp(log_posterior(theta, n_heads, n_tails))
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")
    left.plot(theta, likelihood, color=_LIKELIHOOD_COLOUR)
    left.fill_between(theta, likelihood, color=_LIKELIHOOD_COLOUR, alpha=0.25)
    left.set(
        xlabel="θ (probability of heads)",
        ylabel="likelihood L(θ)",
        title=f"Likelihood: area {area}",
    )
    right.plot(theta, posterior, color=_POSTERIOR_COLOUR)
    right.fill_between(theta, posterior, color=_POSTERIOR_COLOUR, alpha=0.25)
    right.set(
        xlabel="θ (probability of heads)",
        ylabel="posterior density p(θ | x)",
        title="Rescaled to area 1: the flat-prior posterior",
    )
    return fig


def plot_posteriors(
    n_heads: int,
    n_tails: int,
    priors: dict[str, tuple[float, float]] | None = None,
) -> Figure:
    """Posterior densities in theta for several Beta priors, each mode (MAP) marked.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts.
    priors : dict of str to (a, b), optional
        Label -> Beta prior parameters. Default: flat in theta, Beta(2, 2), and
        flat in the log-odds (a = b = 0). Each a, b is a real in [0, 1e300].

    Returns
    -------
    matplotlib.figure.Figure
        One axes: a posterior curve and a dotted MAP line per prior, then the dashed
        MLE line.

    Raises
    ------
    TypeError
        If ``priors`` is not a non-empty dict, a value of it is not iterable, or a
        count or prior parameter is not real-valued.
    ValueError
        If a value of ``priors`` does not hold exactly two items, a count is not a
        whole number >= 0, both counts are 0, a prior parameter is out of range, or a
        posterior is improper or has no mode (see :func:`map_estimate`).

    Examples
    --------
    >>> len(plot_posteriors(9, 4).axes[0].lines)   # three curves, three MAP lines, the MLE
    7
    """
    if priors is None:
        priors = {
            "flat in θ: Beta(1, 1)": (1.0, 1.0),
            "Beta(2, 2)": (2.0, 2.0),
            "flat in log-odds φ": (0.0, 0.0),
        }
    if not isinstance(priors, dict) or not priors:
        raise TypeError("priors must be a non-empty dict of label -> (a, b)")
    theta_hat = bernoulli_mle(n_heads, n_tails)
    theta = np.linspace(0.0, 1.0, 1001)
    fig, ax = plt.subplots(figsize=(6.5, 3.6), layout="constrained")
    for label, (a, b) in priors.items():
        density = np.exp(log_posterior(theta, n_heads, n_tails, a, b))
        mode = map_estimate(n_heads, n_tails, a, b)
        (line,) = ax.plot(theta, density, label=f"{label}: MAP {mode:.4f}")
        ax.axvline(mode, color=line.get_color(), linestyle=":", linewidth=1.2)
    ax.axvline(theta_hat, **_PEAK_STYLE, label=f"MLE {theta_hat:.4f}")
    ax.set(
        xlabel="θ (probability of heads)",
        ylabel="posterior density p(θ | x)",
        title=f"Posteriors after {n_heads} heads, {n_tails} tails, for three priors",
    )
    ax.legend(frameon=False, fontsize="small", loc="upper left")
    return fig


def plot_two_parametrisations(n_heads: int, n_tails: int, a: float = 1.0, b: float = 1.0) -> Figure:
    """One posterior and one likelihood, drawn over theta and over the log-odds phi.

    Each curve is divided by its maximum so the two share an axis. Over theta
    (left) with the flat prior the posterior is the likelihood; over phi (right)
    the posterior density gains the Jacobian theta(1 - theta) and its mode moves,
    while the likelihood's peak stays at the MLE.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, whole numbers >= 1 (the log-odds MLE must be finite).
    a, b : float
        Beta(a, b) prior parameters in [0, 1e300]; the posterior in theta must have a
        mode (see :func:`map_estimate`).

    Returns
    -------
    matplotlib.figure.Figure
        Two axes: over theta (left) and over phi (right).

    Raises
    ------
    TypeError
        If a count or prior parameter is not a real number.
    ValueError
        If a count is not a whole number >= 1, ``a`` or ``b`` is out of range, or the
        posterior in theta has no mode.

    Examples
    --------
    >>> [ax.get_xlabel() for ax in plot_two_parametrisations(9, 4).axes]
    ['θ (probability of heads)', 'φ = log-odds ln(θ / (1 − θ))']
    """
    theta_map = map_estimate(n_heads, n_tails, a, b)
    phi_map = map_in_log_odds(n_heads, n_tails, a, b)
    phi_hat = mle_in_log_odds(n_heads, n_tails)
    theta_hat = bernoulli_mle(n_heads, n_tails)
    theta = np.linspace(0.0, 1.0, 1001)
    phi = np.linspace(phi_hat - 2.5, phi_hat + 2.5, 1001)
    curves = {
        "θ": (
            theta,
            bernoulli_log_likelihood(theta, n_heads, n_tails),
            log_posterior(theta, n_heads, n_tails, a, b),
            theta_hat,
            theta_map,
        ),
        "φ": (
            phi,
            log_likelihood_in_log_odds(phi, n_heads, n_tails),
            log_posterior_in_log_odds(phi, n_heads, n_tails, a, b),
            phi_hat,
            phi_map,
        ),
    }
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained")
    xlabels = {"θ": "θ (probability of heads)", "φ": "φ = log-odds ln(θ / (1 − θ))"}
    for ax, (name, (x, log_lik, log_post, mle, mode)) in zip(axes, curves.items(), strict=True):
        ax.plot(x, np.exp(log_lik - log_lik.max()), color=_LIKELIHOOD_COLOUR, label="likelihood")
        ax.plot(
            x,
            np.exp(log_post - log_post.max()),
            color=_POSTERIOR_COLOUR,
            linestyle="--",
            label="posterior density",
        )
        ax.axvline(mle, color=_LIKELIHOOD_COLOUR, linewidth=1.0, label=f"MLE {name} = {mle:.3f}")
        ax.axvline(
            mode,
            color=_POSTERIOR_COLOUR,
            linestyle=":",
            linewidth=1.5,
            label=f"MAP {name} = {mode:.3f}",
        )
        mode_in_theta = float(sigmoid(mode)) if name == "φ" else mode
        ax.set(
            xlabel=xlabels[name],
            ylabel="relative to its maximum",
            ylim=(0.0, 1.6),  # headroom for the legend above the curves
            title=f"Over {name}: the MAP is θ = {mode_in_theta:.4f}",
        )
        ax.set_yticks(np.linspace(0.0, 1.0, 5))
        ax.legend(frameon=False, fontsize="small", loc="upper left", ncols=2)
    return fig

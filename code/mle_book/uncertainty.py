r"""How sure are we? Information, standard errors, intervals and their exact coverage.

The coin first: the score :math:`U(\theta) = \ell'(\theta)`, the observed information
:math:`J(\theta) = -\ell''(\theta)`, the Wald and likelihood-ratio intervals for θ and
for the log-odds φ, the exact coverage of an interval method (a finite binomial sum)
and sampling simulations. Then the Gaussian with both parameters unknown: the profile
log-likelihood of μ, its interval, the too-narrow slice at σ = σ̂, the t interval, and
the exact coverage of all three (from the t pivot).

A confidence level is written γ (``level``), e.g. γ = 0.95; the two-sided normal
quantile is :math:`z = \Phi^{-1}((1+\gamma)/2)` and the chi-square quantile
:math:`\chi^2_1(\gamma) = z^2`. Sources: Casella & Berger (2002), sections 9.2 and 10.3
to 10.4, and Brown, Cai & DasGupta (2001) for the coverage of binomial intervals.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike, NDArray
from scipy import optimize, stats

from ._validation import (
    _as_float_array,
    check_choice,
    check_count,
    check_finite_result,
    check_int_in_range,
    check_non_negative,
    check_probability,
    check_probability_scalar,
    check_real,
    check_rng,
    check_sample,
)
from .continuous import gaussian_mle, gaussian_nll_grid
from .likelihood import bernoulli_log_likelihood, bernoulli_mle, standard_error

__all__ = [
    "Interval",
    "Intervals",
    "score",
    "observed_information",
    "normal_quantile",
    "chi2_quantile",
    "wald_interval",
    "likelihood_ratio_interval",
    "interval",
    "coverage",
    "simulate_heads",
    "delta_method_se",
    "log_odds_wald_interval",
    "log_odds_likelihood_ratio_interval",
    "gaussian_profile_nll",
    "gaussian_profile_interval",
    "gaussian_slice_interval",
    "t_interval",
    "gaussian_coverage",
    "gaussian_intervals",
    "plot_intervals",
    "plot_sampling_distribution",
    "plot_coverage",
    "plot_profile_and_slice",
]

METHODS = ("wald", "lr")


class Interval(NamedTuple):
    """A confidence interval ``[lower, upper]`` (endpoints may be infinite or leave [0, 1]).

    Parameters
    ----------
    lower : float
        The lower end (``-inf`` only for :func:`log_odds_likelihood_ratio_interval`
        with no heads).
    upper : float
        The upper end (``inf`` only for :func:`log_odds_likelihood_ratio_interval`
        with no tails).

    Raises
    ------
    TypeError
        If a field is missing or unknown (the tuple's constructor); the values are
        not checked here, the function that builds it validates its inputs.

    Examples
    --------
    >>> Interval(0.25, 0.75).width, Interval(0.25, 0.75).contains(0.5)
    (0.5, True)
    """

    lower: float
    upper: float

    @property
    def width(self) -> float:
        """``upper - lower``."""
        return self.upper - self.lower

    def contains(self, value: float) -> bool:
        """True if ``lower <= value <= upper`` (a closed interval)."""
        return self.lower <= value <= self.upper


class Intervals(NamedTuple):
    """Many confidence intervals at once: arrays of lower and upper ends, one per sample.

    What :func:`gaussian_intervals` returns; entry i is the :class:`Interval` of sample i.

    Parameters
    ----------
    lower : ndarray of float, shape (n_samples,)
        The lower ends.
    upper : ndarray of float, shape (n_samples,)
        The upper ends, ``upper >= lower`` entry by entry.

    Raises
    ------
    TypeError
        If a field is missing or unknown (the tuple's constructor); the arrays are not
        checked here, the function that builds them validates its inputs.

    Examples
    --------
    >>> found = Intervals(np.array([0.0, 1.0]), np.array([2.0, 1.5]))
    >>> found.width.tolist(), found.contains(1.2).tolist()
    ([2.0, 0.5], [True, True])
    """

    lower: NDArray[np.float64]
    upper: NDArray[np.float64]

    @property
    def width(self) -> NDArray[np.float64]:
        """``upper - lower``, entry by entry."""
        return self.upper - self.lower

    def contains(self, value: float) -> NDArray[np.bool_]:
        """Boolean array: ``lower <= value <= upper`` for each interval (closed intervals).

        ``value`` is one real number (the true parameter); ``TypeError``/``ValueError``
        naming it otherwise.
        """
        point = check_real(value, "value")
        return (self.lower <= point) & (point <= self.upper)


def _check_level(level: object) -> float:
    value = check_real(level, "level")
    if not 0.0 < value < 1.0:
        raise ValueError(f"level must be in (0, 1), e.g. 0.95, got {value}")
    if 0.5 + value / 2 == 1.0:  # (1 + level)/2 rounds to 1: the normal quantile is inf
        raise ValueError(f"level must be in (0, 1 - 1e-15] (a finite quantile), got {value!r}")
    return value


def _counts(n_heads: object, n_tails: object) -> tuple[int, int]:
    heads, tails = check_count(n_heads, "n_heads"), check_count(n_tails, "n_tails")
    if heads + tails == 0:
        raise ValueError("n_heads + n_tails must be >= 1, got 0 flips")
    return heads, tails


def _term(count: int, base: NDArray[np.float64], power: int) -> NDArray[np.float64]:
    """``count / base**power``, exactly 0 where ``count`` is 0 (even if ``base**power`` is 0)."""
    if count == 0:
        return np.zeros_like(base)
    return count / base / base if power == 2 else count / base


def _check_no_overflow(values: NDArray[np.float64], quantity: str, theta: NDArray) -> None:
    """``ValueError`` naming theta if a value overflowed (theta within ~1e-308 of 0 or 1)."""
    if not np.all(np.isfinite(values)):
        worst = float(theta.flat[np.argmin(np.minimum(theta, 1.0 - theta))])
        raise ValueError(
            f"the {quantity} overflows the float range at theta = {worst!r}: "
            "theta is too close to 0 or 1 for these counts"
        )


def _result(array: NDArray[np.float64], like: ArrayLike) -> NDArray[np.float64] | float:
    return float(array) if np.ndim(like) == 0 else array


def score(theta: ArrayLike, n_heads: int, n_tails: int) -> NDArray[np.float64] | float:
    r"""The score :math:`U(\theta) = \ell'(\theta) = n_H/\theta - n_T/(1-\theta)`.

    Parameters
    ----------
    theta : float or array_like
        Probability of heads, each in the open interval (0, 1). Vectorised.
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0.

    Returns
    -------
    float or ndarray
        Same shape as ``theta``. Zero at the MLE :math:`n_H/n`.

    Raises
    ------
    ValueError
        If a theta is outside (0, 1) or a count is negative or fractional.
    TypeError
        If an argument is not a number.

    Notes
    -----
    Derivative of :math:`\ell(\theta) = n_H\ln\theta + n_T\ln(1-\theta)`; at the true θ
    its expectation is 0 and its variance is the Fisher information
    :math:`n/(\theta(1-\theta))` (Casella & Berger 2002, section 7.3).

    Examples
    --------
    >>> score(9 / 13, 9, 4)
    0.0
    >>> round(score(0.5, 9, 4), 4)
    10.0
    """
    theta_array = check_probability(theta, open_interval=True)
    n_heads, n_tails = check_count(n_heads, "n_heads"), check_count(n_tails, "n_tails")
    with np.errstate(all="ignore"):
        values = _term(n_heads, theta_array, 1) - _term(n_tails, 1.0 - theta_array, 1)
    _check_no_overflow(values, "score", theta_array)
    values = np.where(np.isclose(values, 0.0, rtol=0.0, atol=1e-12), 0.0, values)
    return _result(values, theta)


def observed_information(
    theta: ArrayLike, n_heads: int, n_tails: int
) -> NDArray[np.float64] | float:
    r"""Observed information :math:`J(\theta) = -\ell''(\theta) = n_H/\theta^2 + n_T/(1-\theta)^2`.

    Parameters
    ----------
    theta : float or array_like
        Probability of heads, each in (0, 1). Vectorised.
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0.

    Returns
    -------
    float or ndarray
        The curvature of the log-likelihood's hill at theta (same shape as ``theta``).
        At the MLE it equals the Fisher information :math:`n/(\hat\theta(1-\hat\theta))`.

    Raises
    ------
    ValueError
        If a theta is outside (0, 1) or a count is negative or fractional.
    TypeError
        If an argument is not a number.

    Examples
    --------
    >>> round(observed_information(9 / 13, 9, 4), 4)
    61.0278
    """
    theta_array = check_probability(theta, open_interval=True)
    n_heads, n_tails = check_count(n_heads, "n_heads"), check_count(n_tails, "n_tails")
    with np.errstate(all="ignore"):
        values = _term(n_heads, theta_array, 2) + _term(n_tails, 1.0 - theta_array, 2)
    _check_no_overflow(values, "observed information", theta_array)
    return _result(values, theta)


def normal_quantile(level: float) -> float:
    r"""Two-sided normal quantile :math:`z = \Phi^{-1}((1+\gamma)/2)` for confidence level γ.

    Parameters
    ----------
    level : float
        Confidence level γ in (0, 1).

    Returns
    -------
    float
        z > 0 with :math:`P(|Z| \le z) = \gamma` for a standard normal Z.

    Raises
    ------
    ValueError
        If ``level`` is not in (0, 1).
    TypeError
        If ``level`` is not a real number.

    Examples
    --------
    >>> round(normal_quantile(0.95), 4)
    1.96
    """
    return float(stats.norm.ppf(0.5 + _check_level(level) / 2))


def chi2_quantile(level: float) -> float:
    r"""Quantile :math:`\chi^2_1(\gamma)` of the chi-square distribution with one degree of freedom.

    It equals :math:`z^2` with z from :func:`normal_quantile`, because a :math:`\chi^2_1`
    variable is the square of a standard normal one.

    Parameters
    ----------
    level : float
        Confidence level γ in (0, 1).

    Returns
    -------
    float
        c > 0 with :math:`P(\chi^2_1 \le c) = \gamma`.

    Raises
    ------
    ValueError
        If ``level`` is not in (0, 1).
    TypeError
        If ``level`` is not a real number.

    Examples
    --------
    >>> round(chi2_quantile(0.95), 4)
    3.8415
    """
    return float(stats.chi2.ppf(_check_level(level), df=1))


def wald_interval(n_heads: int, n_tails: int, level: float = 0.95) -> Interval:
    r"""Wald interval θ̂ ± z·SE, with :math:`\mathrm{SE} = J(\hat\theta)^{-1/2}`.

    The endpoints are *not* clipped to [0, 1], so the failures show: with no tails the
    standard error :math:`\sqrt{\hat\theta(1-\hat\theta)/n}` is 0 and the interval is the
    single point 1.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0 with at least one flip.
    level : float
        Confidence level γ in (0, 1).

    Returns
    -------
    Interval
        ``(lower, upper)``.

    Raises
    ------
    ValueError
        If a count is negative or fractional, there are no flips, or ``level`` is not in (0, 1).
    TypeError
        If an argument is not a number.

    Notes
    -----
    Casella & Berger (2002), section 10.4.1; Brown, Cai & DasGupta (2001), eq. (1).

    Examples
    --------
    >>> [round(x, 3) for x in wald_interval(9, 4)]
    [0.441, 0.943]
    """
    n_heads, n_tails = _counts(n_heads, n_tails)
    z = normal_quantile(level)
    theta_hat, se = bernoulli_mle(n_heads, n_tails), standard_error(n_heads, n_tails)
    return Interval(theta_hat - z * se, theta_hat + z * se)


def likelihood_ratio_interval(n_heads: int, n_tails: int, level: float = 0.95) -> Interval:
    r"""Likelihood-ratio interval for θ, the set where ℓ(θ) is within χ²₁(γ)/2 of its maximum.

    In symbols :math:`\{\theta: 2(\ell(\hat\theta) - \ell(\theta)) \le \chi^2_1(\gamma)\}`.

    The log-likelihood is concave, so the set is an interval; its ends are the roots of
    :math:`\ell(\theta) = \ell(\hat\theta) - \chi^2_1(\gamma)/2` on either side of the
    MLE, found with Brent's method to 1e-13. With no heads the lower end is 0 (and with
    no tails the upper end is 1), because the MLE sits on that end itself.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0 with at least one flip.
    level : float
        Confidence level γ in (0, 1).

    Returns
    -------
    Interval
        ``(lower, upper)``, always inside [0, 1].

    Raises
    ------
    ValueError
        If a count is negative or fractional, there are no flips, or ``level`` is not in (0, 1).
    TypeError
        If an argument is not a number.

    Notes
    -----
    Wilks' theorem gives the :math:`\chi^2_1` calibration (Casella & Berger 2002,
    section 10.3.1 and 10.4.1).

    Examples
    --------
    >>> [round(x, 3) for x in likelihood_ratio_interval(9, 4)]
    [0.423, 0.893]
    """
    n_heads, n_tails = _counts(n_heads, n_tails)
    half_cut = chi2_quantile(level) / 2
    theta_hat = n_heads / (n_heads + n_tails)
    top = float(bernoulli_log_likelihood(theta_hat, n_heads, n_tails))

    def gap(theta: float) -> float:
        return float(bernoulli_log_likelihood(theta, n_heads, n_tails)) - top + half_cut

    lower = 0.0 if n_heads == 0 else optimize.brentq(gap, 0.0, theta_hat, xtol=1e-13)
    upper = 1.0 if n_tails == 0 else optimize.brentq(gap, theta_hat, 1.0, xtol=1e-13)
    return Interval(float(lower), float(upper))


def interval(n_heads: int, n_tails: int, method: str = "wald", level: float = 0.95) -> Interval:
    """The interval of ``method`` ("wald" or "lr") for the counts: a dispatcher.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0 with at least one flip.
    method : {"wald", "lr"}
        :func:`wald_interval` or :func:`likelihood_ratio_interval`.
    level : float
        Confidence level γ in (0, 1).

    Returns
    -------
    Interval
        The chosen method's interval ``(lower, upper)``.

    Raises
    ------
    TypeError
        If ``method`` is not a string, or a count or the level is not a number.
    ValueError
        If ``method`` is unknown, or as the chosen function raises.

    Examples
    --------
    >>> interval(9, 4, "lr") == likelihood_ratio_interval(9, 4)
    True
    """
    check_choice(method, "method", METHODS)
    if method == "wald":
        return wald_interval(n_heads, n_tails, level)
    return likelihood_ratio_interval(n_heads, n_tails, level)


def coverage(
    n: int, theta: ArrayLike, method: str = "wald", level: float = 0.95
) -> NDArray[np.float64] | float:
    r"""Exact coverage of an interval method for n flips at true θ: a finite binomial sum.

    .. math::

        \sum_{n_H=0}^{n} \binom{n}{n_H}\theta^{n_H}(1-\theta)^{n-n_H}
        \,\mathbf 1\{\theta \in C(n_H)\}

    The probability, when the true probability of heads is θ, that the interval
    :math:`C(n_H)` computed from :math:`n_H` heads in n flips contains θ. There are only
    n + 1 possible data sets, so this is a finite sum with no simulation noise. The binomial
    probabilities are computed in log space (``scipy.stats.binom.logpmf``).

    Parameters
    ----------
    n : int
        Number of flips, in [1, 100000].
    theta : float or array_like
        True probabilities of heads, each in [0, 1]. Vectorised.
    method : {"wald", "lr"}
        Interval method, see :func:`interval`.
    level : float
        Nominal confidence level γ in (0, 1).

    Returns
    -------
    float or ndarray
        Coverage probabilities in [0, 1], same shape as ``theta``.

    Raises
    ------
    ValueError
        If ``n`` or a theta is out of range, or ``method``/``level`` is invalid.
    TypeError
        If an argument has the wrong type.

    Notes
    -----
    Brown, Cai & DasGupta (2001), section 2: the coverage of the Wald interval
    oscillates and can be far below γ, even for large n.

    Examples
    --------
    >>> round(coverage(13, 0.1, "wald"), 4)
    0.7394
    """
    n = check_int_in_range(n, "n", 1, 100_000)
    theta_array = check_probability(theta)
    check_choice(method, "method", METHODS)
    level = _check_level(level)
    bounds = np.array([interval(heads, n - heads, method, level) for heads in range(n + 1)])
    every_heads = np.arange(n + 1)
    flat = theta_array.reshape(-1, 1)
    inside = (bounds[:, 0] <= flat) & (flat <= bounds[:, 1])
    with np.errstate(divide="ignore"):
        probabilities = np.exp(stats.binom.logpmf(every_heads, n, flat))
    total = np.clip(np.sum(probabilities * inside, axis=1), 0.0, 1.0)
    return _result(total.reshape(theta_array.shape), theta)


def simulate_heads(
    n: int, theta: float, n_sims: int, rng: np.random.Generator
) -> NDArray[np.int64]:
    """Numbers of heads in ``n_sims`` independent repetitions of ``n`` flips.

    Parameters
    ----------
    n : int
        Flips per repetition, in [1, 10**9].
    theta : float
        True probability of heads in [0, 1].
    n_sims : int
        Number of repetitions, in [1, 10**8].
    rng : numpy.random.Generator
        Seeded by the caller, e.g. ``np.random.default_rng(0)``.

    Returns
    -------
    ndarray of int, shape (n_sims,)
        Binomial(n, θ) draws; ``heads / n`` are the MLEs.

    Raises
    ------
    ValueError
        If a size or theta is out of range.
    TypeError
        If ``rng`` is not a Generator or a size is not an integer.

    Examples
    --------
    >>> heads = simulate_heads(13, 0.7, 4, np.random.default_rng(0))
    >>> heads.shape, bool(((0 <= heads) & (heads <= 13)).all())
    ((4,), True)
    """
    n = check_int_in_range(n, "n", 1, 10**9)
    theta_value = check_probability_scalar(theta)
    n_sims = check_int_in_range(n_sims, "n_sims", 1, 10**8)
    return check_rng(rng).binomial(n, theta_value, size=n_sims).astype(np.int64)


def delta_method_se(se: float, derivative: float) -> float:
    r"""Delta-method standard error :math:`|g'(\hat\theta)|\,\mathrm{SE}(\hat\theta)` of g(θ̂).

    From the first-order expansion :math:`g(\hat\theta) \approx g(\theta) +
    g'(\theta)(\hat\theta-\theta)` (Casella & Berger 2002, section 5.5.4).

    Parameters
    ----------
    se : float
        Standard error of θ̂, >= 0.
    derivative : float
        :math:`g'(\hat\theta)`, any finite real.

    Returns
    -------
    float
        The standard error of :math:`g(\hat\theta)`.

    Raises
    ------
    ValueError
        If ``se`` is negative or an argument is not finite.
    TypeError
        If an argument is not a real number.

    Examples
    --------
    >>> delta_method_se(0.128, -2.0)
    0.256
    """
    se_value = check_non_negative(se, "se")
    return abs(check_real(derivative, "derivative")) * se_value


def log_odds_wald_interval(n_heads: int, n_tails: int, level: float = 0.95) -> Interval:
    r"""Wald interval for the log-odds φ = ln(θ/(1−θ)).

    It is :math:`\hat\phi \pm z/\sqrt{n\hat\theta(1-\hat\theta)}`.

    The standard error is the delta method's: :math:`d\phi/d\theta = 1/(\theta(1-\theta))`
    times :math:`\sqrt{\hat\theta(1-\hat\theta)/n}`. (It equals :math:`1/\sqrt{J}` for the
    log-likelihood written in φ.)

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, both >= 1 (otherwise φ̂ is infinite).
    level : float
        Confidence level γ in (0, 1).

    Returns
    -------
    Interval
        ``(lower, upper)`` on the log-odds scale.

    Raises
    ------
    ValueError
        If a count is 0, negative or fractional, or ``level`` is not in (0, 1).
    TypeError
        If an argument is not a number.

    Examples
    --------
    >>> [round(x, 3) for x in log_odds_wald_interval(9, 4)]
    [-0.367, 1.989]
    """
    n_heads, n_tails = _counts(n_heads, n_tails)
    if n_heads == 0 or n_tails == 0:
        raise ValueError(
            "n_heads and n_tails must both be >= 1: otherwise the log-odds MLE is infinite"
        )
    theta_hat = n_heads / (n_heads + n_tails)
    phi_hat = math.log(n_heads / n_tails)
    se = delta_method_se(standard_error(n_heads, n_tails), 1.0 / (theta_hat * (1.0 - theta_hat)))
    z = normal_quantile(level)
    return Interval(phi_hat - z * se, phi_hat + z * se)


def log_odds_likelihood_ratio_interval(n_heads: int, n_tails: int, level: float = 0.95) -> Interval:
    r"""Likelihood-ratio interval for the log-odds φ, found by root-finding *in φ*.

    The log-likelihood in φ is :math:`n_H\phi - n\ln(1+e^{\phi})`. The interval is
    computed from it directly (not by transforming the θ interval), so comparing it with
    :func:`likelihood_ratio_interval` checks the invariance: it is the logit of that interval.

    Parameters
    ----------
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0 with at least one flip.
    level : float
        Confidence level γ in (0, 1).

    Returns
    -------
    Interval
        ``(lower, upper)`` for φ; ``-inf`` below if there are no heads, ``inf`` above if
        there are no tails.

    Raises
    ------
    ValueError
        If a count is negative or fractional, there are no flips, or ``level`` is not in (0, 1).
    TypeError
        If an argument is not a number.

    Examples
    --------
    >>> [round(x, 3) for x in log_odds_likelihood_ratio_interval(9, 4)]
    [-0.311, 2.117]
    """
    n_heads, n_tails = _counts(n_heads, n_tails)
    n = n_heads + n_tails
    half_cut = chi2_quantile(level) / 2

    def log_lik(phi: float) -> float:
        return n_heads * phi - n * float(np.logaddexp(0.0, phi))

    if n_heads == 0 or n_tails == 0:
        top, phi_hat = 0.0, (-math.inf if n_heads == 0 else math.inf)
    else:
        phi_hat = math.log(n_heads / n_tails)
        top = log_lik(phi_hat)

    def gap(phi: float) -> float:
        return log_lik(phi) - top + half_cut

    def root(start: float, direction: float) -> float:
        step = 1.0
        while gap(start + direction * step) > 0:
            step *= 2
        ends = sorted((start, start + direction * step))
        return float(optimize.brentq(gap, *ends, xtol=1e-13))

    # a point inside the interval: the MLE, or far out where the MLE is at infinity
    centre = phi_hat if math.isfinite(phi_hat) else math.copysign(50.0, phi_hat)
    lower = -math.inf if n_heads == 0 else root(centre, -1.0)
    upper = math.inf if n_tails == 0 else root(centre, 1.0)
    return Interval(lower, upper)


def _finite_interval(centre: float, half: float) -> Interval:
    """``centre -/+ half``, or ``ValueError`` if an end leaves the float range."""
    with np.errstate(all="ignore"):
        ends = np.float64(centre) + np.array([-1.0, 1.0]) * np.float64(half)
    check_finite_result(
        ends, "the interval's ends overflow the float range for this sample and level"
    )
    return Interval(float(ends[0]), float(ends[1]))


def gaussian_profile_nll(sample: ArrayLike, mu: ArrayLike) -> NDArray[np.float64] | float:
    r"""Profile NLL of μ: the Gaussian NLL minimised over σ for each μ.

    For fixed μ the best σ² is :math:`\hat\sigma^2(\mu) = \frac1n\sum_i (x_i-\mu)^2`, so

    .. math:: \mathrm{NLL}_p(\mu) = \frac n2\ln\big(2\pi\hat\sigma^2(\mu)\big) + \frac n2 .

    Parameters
    ----------
    sample : array_like, shape (n,)
        Observations, finite, at least two distinct values.
    mu : float or array_like
        Values of μ (finite reals). Vectorised.

    Returns
    -------
    float or ndarray
        Same shape as ``mu``; its minimum, at :math:`\bar x`, is the overall minimum NLL.

    Raises
    ------
    ValueError
        If the sample is empty, not 1-d, not finite, or all ties; or a μ is not finite.
    TypeError
        If an argument is not numeric.

    Examples
    --------
    >>> round(gaussian_profile_nll([0.0, 1.0, 2.0], 1.0), 4)
    3.6486
    """
    data = check_sample(sample)
    gaussian_mle(data)  # rejects ties with a clear message
    mu_array = _as_float_array(mu, "mu")
    if not np.all(np.isfinite(mu_array)):
        raise ValueError("mu must hold finite values only; found NaN or inf")
    n = data.size
    # ln of the mean square deviation, scaled by c = max |value| so that nothing overflows:
    # mean((x - mu)^2) = c^2 mean(((x - mu)/c)^2), and the scaled deviations are in [-2, 2]
    with np.errstate(all="ignore"):
        scale = np.maximum(np.max(np.abs(data)), np.abs(mu_array))[..., None]
        deviations = data / scale - mu_array[..., None] / scale
        log_spread = 2 * np.log(scale[..., 0]) + np.log(np.mean(deviations**2, axis=-1))
        values = n / 2 * (np.log(2 * np.pi) + log_spread) + n / 2
    check_finite_result(values, "the profile NLL is out of the float range for this sample and mu")
    return _result(values, mu_array)


def gaussian_profile_interval(sample: ArrayLike, level: float = 0.95) -> Interval:
    r"""Profile-likelihood interval for μ (σ unknown): x̄ ± σ̂·sqrt(exp(c/n) − 1).

    Solving :math:`2(\mathrm{NLL}_p(\mu) - \mathrm{NLL}_p(\bar x))
    = n\ln(1 + (\bar x-\mu)^2/\hat\sigma^2) \le c`, with :math:`c = \chi^2_1(\gamma)`,
    gives :math:`\bar x \pm \hat\sigma\sqrt{e^{c/n}-1}`.

    Parameters
    ----------
    sample : array_like, shape (n,)
        Observations, finite, at least two distinct values.
    level : float
        Confidence level γ in (0, 1).

    Returns
    -------
    Interval
        ``(lower, upper)`` for μ, in the units of the sample.

    Raises
    ------
    ValueError
        For a bad sample (see :func:`gaussian_profile_nll`) or ``level`` outside (0, 1).
    TypeError
        If an argument is not numeric.

    Notes
    -----
    The χ²₁ calibration of the profile likelihood is Wilks' theorem with σ as a nuisance
    parameter (Casella & Berger 2002, section 10.3.1); its exact coverage is given by
    :func:`gaussian_coverage`.

    Examples
    --------
    >>> [round(x, 3) for x in gaussian_profile_interval([0.0, 1.0, 2.0, 3.0])]
    [0.08, 2.92]
    """
    data = check_sample(sample)
    fit = gaussian_mle(data)
    half = fit.sigma * math.sqrt(math.expm1(chi2_quantile(level) / data.size))
    return _finite_interval(fit.mu, half)


def gaussian_slice_interval(sample: ArrayLike, level: float = 0.95) -> Interval:
    r"""Interval for μ from the *slice* of the NLL at σ = σ̂: :math:`\bar x \pm z\hat\sigma/\sqrt n`.

    Treats σ̂ as if it were the known σ, so it ignores the uncertainty in σ and is too
    narrow.

    Parameters
    ----------
    sample : array_like, shape (n,)
        Observations, finite, at least two distinct values.
    level : float
        Confidence level γ in (0, 1).

    Returns
    -------
    Interval
        ``(lower, upper)`` for μ, in the units of the sample.

    Raises
    ------
    ValueError
        For a bad sample or ``level`` outside (0, 1).
    TypeError
        If an argument is not numeric.

    Examples
    --------
    >>> [round(x, 3) for x in gaussian_slice_interval([0.0, 1.0, 2.0, 3.0])]
    [0.404, 2.596]
    """
    data = check_sample(sample)
    fit = gaussian_mle(data)
    half = normal_quantile(level) * fit.sigma / math.sqrt(data.size)
    return _finite_interval(fit.mu, half)


def t_interval(sample: ArrayLike, level: float = 0.95) -> Interval:
    r"""Student's t interval :math:`\bar x \pm t_{n-1}\,s/\sqrt n`, exact for Gaussian data.

    Here :math:`s^2 = \frac{1}{n-1}\sum_i (x_i-\bar x)^2` and :math:`t_{n-1}` is the
    :math:`(1+\gamma)/2` quantile of Student's t with n − 1 degrees of freedom
    (``scipy.stats.t``).

    Parameters
    ----------
    sample : array_like, shape (n,)
        Observations, finite, at least two distinct values.
    level : float
        Confidence level γ in (0, 1).

    Returns
    -------
    Interval
        ``(lower, upper)`` for μ, in the units of the sample.

    Raises
    ------
    ValueError
        For a bad sample or ``level`` outside (0, 1).
    TypeError
        If an argument is not numeric.

    Notes
    -----
    :math:`(\bar x-\mu)/(s/\sqrt n)` is a pivot with Student's t distribution
    (Casella & Berger 2002, Theorem 5.3.1 and section 9.2.2).

    Examples
    --------
    >>> [round(x, 3) for x in t_interval([0.0, 1.0, 2.0, 3.0])]
    [-0.554, 3.554]
    """
    data = check_sample(sample)
    fit = gaussian_mle(data)
    n = data.size
    quantile = float(stats.t.ppf(0.5 + _check_level(level) / 2, df=n - 1))
    with np.errstate(all="ignore"):
        # s / sqrt(n) = sigma_hat / sqrt(n - 1)
        half = float(np.float64(quantile) * fit.sigma / math.sqrt(n - 1))
    return _finite_interval(fit.mu, half)


GAUSSIAN_METHODS = ("slice", "profile", "t")


def gaussian_coverage(n: int, method: str = "profile", level: float = 0.95) -> float:
    r"""Exact coverage of a Gaussian interval for μ (σ unknown) from n observations.

    Each method's interval is :math:`\bar x \pm q\,\hat\sigma` with a factor q that depends
    only on n and γ: :math:`z/\sqrt n` for the slice, :math:`\sqrt{e^{\chi^2_1(\gamma)/n}-1}`
    for the profile and :math:`t_{n-1}/\sqrt{n-1}` for Student's t. Since
    :math:`\hat\sigma = s\sqrt{(n-1)/n}`, it contains μ exactly when
    :math:`|T| \le q\sqrt{n-1}`, where :math:`T = (\bar x-\mu)/(s/\sqrt n)` has Student's
    t distribution with n − 1 degrees of freedom whatever μ and σ. So the coverage is

    .. math:: 2\,F_{t,n-1}\big(q\sqrt{n-1}\big) - 1,

    the same for every μ and σ, and exactly γ for the t interval.

    Parameters
    ----------
    n : int
        Sample size, in [2, 10**7].
    method : {"slice", "profile", "t"}
        :func:`gaussian_slice_interval`, :func:`gaussian_profile_interval` or
        :func:`t_interval`.
    level : float
        Nominal confidence level γ in (0, 1).

    Returns
    -------
    float
        The coverage probability, in (0, 1).

    Raises
    ------
    ValueError
        If ``n`` or ``level`` is out of range or ``method`` is unknown.
    TypeError
        If ``n`` is not an integer or ``level`` not a real number.

    Notes
    -----
    The t pivot: Casella & Berger (2002), Theorem 5.3.1 and section 9.2.2.

    Examples
    --------
    >>> round(gaussian_coverage(5, "profile"), 4)
    0.9021
    >>> round(gaussian_coverage(5, "t"), 4)
    0.95
    """
    n = check_int_in_range(n, "n", 2, 10**7)
    check_choice(method, "method", GAUSSIAN_METHODS)
    level = _check_level(level)
    if method == "slice":
        factor = normal_quantile(level) / math.sqrt(n)
    elif method == "profile":
        factor = math.sqrt(math.expm1(chi2_quantile(level) / n))
    else:
        factor = float(stats.t.ppf(0.5 + level / 2, df=n - 1)) / math.sqrt(n - 1)
    return float(2 * stats.t.cdf(factor * math.sqrt(n - 1), df=n - 1) - 1)


def _check_samples(samples: object) -> NDArray[np.float64]:
    """``samples`` as a finite float array of shape (n_samples, n), n >= 2, or raise."""
    data = _as_float_array(samples, "samples")
    if data.ndim != 2:
        raise ValueError(
            "samples must be two-dimensional, shape (n_samples, n) with one sample per row, "
            f"got shape {data.shape}"
        )
    if data.shape[0] == 0 or data.shape[1] < 2:
        raise ValueError(
            "samples must hold at least one row of at least two observations, "
            f"got shape {data.shape}"
        )
    if not np.all(np.isfinite(data)):
        raise ValueError("samples must hold finite values only; found NaN or inf")
    return data


def _gaussian_fits(data: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Row-wise Gaussian MLEs (mean, sigma), computed as :func:`gaussian_mle` does.

    Each row is divided by its largest absolute value before averaging, exactly as in
    ``gaussian_mle``, so every row gets the same floating-point operations (and the same
    result, to the last bit) as the scalar function.
    """
    with np.errstate(all="ignore"):
        scale = np.max(np.abs(data), axis=1)
        scaled = data / scale[:, None]
        centre = np.mean(scaled, axis=1)
        spread = np.sqrt(np.mean((scaled - centre[:, None]) ** 2, axis=1))
    tied = ~(spread > 0)  # also all-zero rows, whose scaled values are NaN
    if np.any(tied):
        row = int(np.flatnonzero(tied)[0])
        raise ValueError(
            "samples must hold at least two distinct values in every row: with sigma = 0 "
            f"the likelihood is unbounded; row {row} has only one value "
            f"({int(np.sum(tied))} such rows)"
        )
    return scale * centre, scale * spread


def gaussian_intervals(
    samples: ArrayLike, method: str = "profile", level: float = 0.95
) -> Intervals:
    r"""Intervals for μ (σ unknown) from many Gaussian samples at once, one per row.

    The vectorised form of :func:`gaussian_slice_interval` (``"slice"``),
    :func:`gaussian_profile_interval` (``"profile"``) and :func:`t_interval` (``"t"``):
    row i of the result is, to the last bit, the scalar function's interval for
    ``samples[i]``, with no Python loop over the rows. Made for coverage simulations.

    Each interval is :math:`\bar x \pm q\,\hat\sigma` with
    :math:`\hat\sigma^2 = \frac1n\sum_i (x_i-\bar x)^2` (the MLE, divisor n) and a factor
    q that depends only on n and γ:

    - slice: :math:`q = z/\sqrt n`, with :math:`z = \Phi^{-1}((1+\gamma)/2)`;
    - t: :math:`q = t_{n-1}/\sqrt{n-1}`, since :math:`s/\sqrt n = \hat\sigma/\sqrt{n-1}`;
    - profile: :math:`q = \sqrt{e^{c/n}-1}` with :math:`c = \chi^2_1(\gamma)`, a closed
      form, no root finding. Derivation: since
      :math:`\sum_i (x_i-\mu)^2 = \sum_i (x_i-\bar x)^2 + n(\bar x-\mu)^2`, the best σ² at μ is
      :math:`\hat\sigma^2(\mu) = \hat\sigma^2 + (\bar x-\mu)^2` and the profile NLL is
      :math:`\frac n2\ln(2\pi\hat\sigma^2(\mu)) + \frac n2`. Twice its rise above the
      minimum at :math:`\bar x` is :math:`n\ln\big(1 + (\bar x-\mu)^2/\hat\sigma^2\big)`,
      which is at most c exactly when :math:`|\bar x-\mu| \le \hat\sigma\sqrt{e^{c/n}-1}`.
      (This is the likelihood ratio test of :math:`H_0\colon \mu = \mu_0` with σ a
      nuisance parameter, Casella & Berger 2002, section 8.2.1, inverted into an
      interval as in their section 9.2.1; the cut c is Wilks' χ²₁ calibration, their
      section 10.3.1.)

    Parameters
    ----------
    samples : array_like, shape (n_samples, n)
        One sample per row: n_samples >= 1 rows of n >= 2 finite observations, each row
        holding at least two distinct values (otherwise σ̂ = 0).
    method : {"slice", "profile", "t"}
        Which interval (see above and :func:`gaussian_coverage`).
    level : float
        Confidence level γ in (0, 1).

    Returns
    -------
    Intervals
        ``lower`` and ``upper``, float arrays of shape (n_samples,), in the units of the
        samples; ``.contains(mu)`` gives which intervals cover μ.

    Raises
    ------
    ValueError
        If ``samples`` is not two-dimensional, has no rows or fewer than two columns,
        holds NaN or inf, or has a row without two distinct values; if ``method`` is
        unknown or ``level`` is not in (0, 1); or if an end overflows the float range.
    TypeError
        If ``samples`` is not real-valued, ``method`` is not a string or ``level`` is
        not a real number.

    Notes
    -----
    With ``samples`` drawn from N(μ, σ²), ``np.mean(found.contains(mu))`` estimates the
    coverage that :func:`gaussian_coverage` gives exactly.

    Examples
    --------
    >>> samples = np.array([[0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 2.0, 5.0]])
    >>> found = gaussian_intervals(samples, "profile")
    >>> found.lower.round(3).tolist(), found.upper.round(3).tolist()
    ([0.08, 0.595], [2.92, 4.405])
    >>> Interval(found.lower[0], found.upper[0]) == gaussian_profile_interval(samples[0])
    True
    >>> found.contains(0.5).tolist()
    [True, False]
    """
    data = _check_samples(samples)
    check_choice(method, "method", GAUSSIAN_METHODS)
    level = _check_level(level)
    n = data.shape[1]
    mu, sigma = _gaussian_fits(data)
    # the same operations, in the same order, as the scalar functions
    with np.errstate(all="ignore"):
        if method == "slice":
            half = normal_quantile(level) * sigma / math.sqrt(n)
        elif method == "profile":
            half = sigma * math.sqrt(math.expm1(chi2_quantile(level) / n))
        else:
            quantile = float(stats.t.ppf(0.5 + level / 2, df=n - 1))
            half = np.float64(quantile) * sigma / math.sqrt(n - 1)
        lower, upper = mu - half, mu + half
    check_finite_result(
        lower, "the intervals' ends overflow the float range for these samples and level"
    )
    check_finite_result(
        upper, "the intervals' ends overflow the float range for these samples and level"
    )
    return Intervals(lower, upper)


# ---- figures ----------------------------------------------------------------------

_CUT_STYLE = {"color": "#555555", "linestyle": ":", "linewidth": 1.2}


def plot_intervals(n_heads: int, n_tails: int, level: float = 0.95) -> Figure:
    r"""Relative log-likelihood ℓ(θ) − ℓ(θ̂), its Wald parabola, the cut and both intervals.

    Parameters
    ----------
    n_heads, n_tails : int
        Counts, whole numbers >= 0 with at least one flip.
    level : float
        Confidence level γ in (0, 1).

    Returns
    -------
    matplotlib.figure.Figure
        The figure (also the current one, for ``plt.show()``).

    Raises
    ------
    ValueError, TypeError
        As :func:`wald_interval`.

    Examples
    --------
    >>> fig = plot_intervals(9, 4)
    >>> fig.axes[0].get_xlabel()
    'θ (probability of heads)'
    """
    wald = wald_interval(n_heads, n_tails, level)
    lr = likelihood_ratio_interval(n_heads, n_tails, level)
    theta_hat, se = bernoulli_mle(n_heads, n_tails), standard_error(n_heads, n_tails)
    cut = -chi2_quantile(level) / 2
    grid = np.linspace(0.0, 1.0, 2001)
    top = float(bernoulli_log_likelihood(theta_hat, n_heads, n_tails))
    with np.errstate(divide="ignore"):
        relative = np.asarray(bernoulli_log_likelihood(grid, n_heads, n_tails)) - top
        parabola = (
            -((grid - theta_hat) ** 2) / (2 * se**2) if se > 0 else np.full_like(grid, -np.inf)
        )
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.plot(
        grid,
        relative,
        color="#1f5fa8",
        linewidth=2,
        label=r"log-likelihood $\ell(\theta) - \ell(\hat\theta)$",
    )
    ax.plot(grid, parabola, color="#e67e22", linestyle="--", label="Wald parabola")
    ax.axhline(cut, **_CUT_STYLE, label=f"cut at −χ²₁({level:g})/2 = −{-cut:.3f}")
    ax.hlines(
        cut - 0.35, *lr, color="#1f5fa8", linewidth=5, label=f"LR ({lr.lower:.3f}, {lr.upper:.3f})"
    )
    ax.hlines(
        cut - 0.7,
        *wald,
        color="#e67e22",
        linewidth=5,
        label=f"Wald ({wald.lower:.3f}, {wald.upper:.3f})",
    )
    ax.set_ylim(cut - 1.5, 0.3)
    ax.set_xlim(min(0.0, wald.lower - 0.02), max(1.0, wald.upper + 0.02))
    ax.set_xlabel("θ (probability of heads)")
    ax.set_ylabel(r"$\ell(\theta) - \ell(\hat\theta)$")
    ax.set_title(f"{n_heads} heads, {n_tails} tails: {100 * level:g} % intervals")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    return fig


def plot_sampling_distribution(
    heads: ArrayLike, n: int, theta: float, *, ax: plt.Axes | None = None
) -> Figure:
    r"""Histogram of simulated MLEs ``heads / n`` against the normal density N(θ, 1/I(θ)).

    Each possible value :math:`n_H/n` gets a bar of width 1/n, so bar heights are densities
    comparable with the normal curve.

    Parameters
    ----------
    heads : array_like of int
        Simulated numbers of heads, each in [0, n] (from :func:`simulate_heads`).
    n : int
        Flips per repetition, >= 1.
    theta : float
        True probability of heads in (0, 1).
    ax : matplotlib Axes, optional
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.figure.Figure
        The figure (also the current one, for ``plt.show()``).

    Raises
    ------
    ValueError
        If ``heads`` holds values outside [0, n], or n or theta are out of range.
    TypeError
        If an argument is not numeric.

    Examples
    --------
    >>> fig = plot_sampling_distribution([8, 9, 10], 13, 0.7)
    >>> fig.axes[0].get_ylabel()
    'density'
    """
    n = check_int_in_range(n, "n", 1, 10**9)
    theta_value = check_probability_scalar(theta, open_interval=True)
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    counts = check_sample(heads, "heads", non_negative=True)
    if np.any(counts > n) or np.any(counts != np.floor(counts)):
        raise ValueError(f"heads must hold whole numbers in [0, n={n}]")
    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 3.6))
    else:
        fig = ax.figure
    values, tallies = np.unique(counts, return_counts=True)
    ax.bar(
        values / n,
        tallies / counts.size * n,
        width=1 / n,
        color="#9ecae1",
        edgecolor="#1f5fa8",
        label=r"simulated MLE $\hat\theta = n_H/n$",
    )
    se = math.sqrt(theta_value * (1 - theta_value) / n)
    grid = np.linspace(
        max(0.0, theta_value - 5 * se) - 0.05, min(1.0, theta_value + 5 * se) + 0.05, 600
    )
    ax.plot(grid, stats.norm.pdf(grid, theta_value, se), color="#c0392b", label="N(θ, 1/I(θ))")
    ax.set_xlabel(r"MLE $\hat\theta$")
    ax.set_ylabel("density")
    ax.set_title(f"n = {n}, θ = {theta_value:g}")
    ax.legend(fontsize=8)
    return fig


def plot_coverage(n: int, level: float = 0.95, n_points: int = 999) -> Figure:
    """Exact coverage of the Wald and likelihood-ratio intervals against θ, for n flips.

    Parameters
    ----------
    n : int
        Number of flips, in [1, 100000].
    level : float
        Nominal level γ in (0, 1), drawn as a horizontal line.
    n_points : int
        Number of θ values in (0, 1), in [10, 100000].

    Returns
    -------
    matplotlib.figure.Figure
        The figure (also the current one, for ``plt.show()``).

    Raises
    ------
    ValueError, TypeError
        As :func:`coverage`.

    Examples
    --------
    >>> fig = plot_coverage(13, n_points=50)
    >>> fig.axes[0].get_ylabel()
    'coverage probability'
    """
    n_points = check_int_in_range(n_points, "n_points", 10, 100_000)
    thetas = np.linspace(0.0, 1.0, n_points + 2)[1:-1]
    fig, ax = plt.subplots(figsize=(7, 3.8))
    styles = {"wald": ("#e67e22", "Wald"), "lr": ("#1f5fa8", "likelihood ratio")}
    for method, (color, label) in styles.items():
        ax.plot(thetas, coverage(n, thetas, method, level), color=color, linewidth=1.2, label=label)
    ax.axhline(level, **_CUT_STYLE, label=f"nominal {100 * level:g} %")
    ax.set_ylim(0.0, 1.02)
    ax.set_xlabel("true θ")
    ax.set_ylabel("coverage probability")
    ax.set_title(f"Exact coverage for n = {n}")
    ax.legend(loc="lower center", fontsize=8)
    fig.tight_layout()
    return fig


def plot_profile_and_slice(sample: ArrayLike, level: float = 0.95) -> Figure:
    r"""Left: contours of the Gaussian NLL in (μ, σ). Right: the profile and the slice at σ̂ in μ.

    Both curves on the right are shifted by the minimum NLL, and the cut
    :math:`\chi^2_1(\gamma)/2` marks the profile and slice intervals.

    Parameters
    ----------
    sample : array_like, shape (n,)
        Observations, finite, at least two distinct values.
    level : float
        Confidence level γ in (0, 1).

    Returns
    -------
    matplotlib.figure.Figure
        The figure (also the current one, for ``plt.show()``).

    Raises
    ------
    ValueError, TypeError
        As :func:`gaussian_profile_interval`.

    Examples
    --------
    >>> fig = plot_profile_and_slice([0.0, 1.0, 2.0, 3.0])
    >>> [ax.get_xlabel() for ax in fig.axes[:2]]
    ['μ', 'μ']
    """
    data = check_sample(sample)
    fit = gaussian_mle(data)
    profile = gaussian_profile_interval(data, level)
    spread = 2.2 * profile.width
    mus = np.linspace(fit.mu - spread, fit.mu + spread, 401)
    sigmas = np.linspace(0.45 * fit.sigma, 2.2 * fit.sigma, 401)
    minimum = float(gaussian_nll_grid(data, fit.mu, fit.sigma))
    surface = gaussian_nll_grid(data, mus[None, :], sigmas[:, None]) - minimum
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    contours = left.contour(mus, sigmas, surface, levels=[0.5, 1, 2, 4, 8, 16], cmap="viridis")
    left.clabel(contours, fontsize=7)
    best_sigma = np.sqrt(np.mean((data - mus[:, None]) ** 2, axis=1))
    left.plot(
        mus, best_sigma, color="#c0392b", label=r"the profile's path: $\hat\sigma$ at each $\mu$"
    )
    left.axhline(fit.sigma, color="#e67e22", linestyle="--", label=r"slice $\sigma = \hat\sigma$")
    left.plot([fit.mu], [fit.sigma], "o", color="black", label="MLE")
    left.set_xlabel("μ")
    left.set_ylabel("σ")
    left.set_title("NLL(μ, σ) − min (contours)")
    left.legend(fontsize=7, loc="upper right")
    cut = chi2_quantile(level) / 2
    right.plot(
        mus, np.asarray(gaussian_profile_nll(data, mus)) - minimum, color="#c0392b", label="profile"
    )
    right.plot(
        mus,
        np.asarray(gaussian_nll_grid(data, mus, fit.sigma)) - minimum,
        color="#e67e22",
        linestyle="--",
        label=r"slice at $\sigma = \hat\sigma$",
    )
    right.axhline(cut, **_CUT_STYLE, label=f"cut χ²₁({level:g})/2 = {cut:.2f}")
    right.set_ylim(0, 2.5 * cut)
    right.set_xlim(profile.lower - 0.5 * profile.width, profile.upper + 0.5 * profile.width)
    right.set_xlabel("μ")
    right.set_ylabel("NLL − min")
    right.set_title("Profile versus slice")
    right.legend(fontsize=7)
    fig.tight_layout()
    return fig

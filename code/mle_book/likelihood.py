"""The Bernoulli (coin) likelihood: data, likelihood, log-likelihood and the MLE.

Everything is computed in log space with :func:`numpy.log1p` for
:math:`\\ln(1-\\theta)` and the convention ``0 * ln(0) = 0``, so ``theta = 0`` or ``1``
is exact when the other side has a zero count, ``theta`` within 1e-15 of 0 or 1 keeps
every digit, and huge counts (up to ``2**53``) neither overflow nor lose accuracy.
Arguments follow the package's rules (see :mod:`mle_book`).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validation import (
    check_count,
    check_flag,
    check_probability,
    describe,
)

__all__ = [
    "FlipCounts",
    "parse_flips",
    "bernoulli_log_likelihood",
    "bernoulli_likelihood",
    "bernoulli_nll",
    "bernoulli_mle",
    "likelihood_derivative",
    "likelihood_integral",
    "log_likelihood_integral",
    "fisher_information",
    "standard_error",
]

#: Largest ``n_heads + n_tails`` for the exact :func:`likelihood_integral` (its
#: denominator then has about 3000 digits and takes milliseconds).
MAX_EXACT_FLIPS = 10_000


class _Counts(NamedTuple):
    n_heads: int
    n_tails: int


class FlipCounts(_Counts):
    """Numbers of heads and tails in a sequence of coin flips.

    A named tuple ``(n_heads, n_tails)``; the counts are checked when it is made.

    Parameters
    ----------
    n_heads : int
        Number of heads, a whole number in [0, 2**53].
    n_tails : int
        Number of tails, a whole number in [0, 2**53].

    Raises
    ------
    TypeError
        If a count is not a real number.
    ValueError
        If a count is not a whole number in [0, 2**53].

    Examples
    --------
    >>> counts = FlipCounts(9, 4)
    >>> counts.n_heads, counts.n_flips
    (9, 13)
    """

    __slots__ = ()

    def __new__(cls, n_heads: int, n_tails: int) -> FlipCounts:
        heads, tails = check_count(n_heads, "n_heads"), check_count(n_tails, "n_tails")
        return super().__new__(cls, heads, tails)

    @property
    def n_flips(self) -> int:
        """Total number of flips, ``n_heads + n_tails``."""
        return self.n_heads + self.n_tails


_NOT_A_FLIP = re.compile(r"[^HhTt\s]")


def parse_flips(sequence: str) -> FlipCounts:
    """Count heads and tails in a flip sequence such as ``"HHHTHTTHHHHHT"``.

    Parameters
    ----------
    sequence : str
        Letters ``H`` (heads) and ``T`` (tails). Lower case is accepted and white
        space is ignored, so ``"hht t"`` is the same as ``"HHTT"``. Any length; the
        cost is linear in it.

    Returns
    -------
    FlipCounts
        ``(n_heads, n_tails)``.

    Raises
    ------
    TypeError
        If ``sequence`` is not a string.
    ValueError
        If it contains any other character (the message names it and its
        0-based position) or no flips at all.

    Examples
    --------
    >>> parse_flips("HHHTHTTHHHHHT")
    FlipCounts(n_heads=9, n_tails=4)
    """
    if not isinstance(sequence, str):
        raise TypeError(f"sequence must be a str of H/T letters, got {describe(sequence)}")
    bad = _NOT_A_FLIP.search(sequence)
    if bad is not None:
        raise ValueError(
            f"sequence may contain only 'H' and 'T' (any case, white space ignored); "
            f"found {bad.group()!r} at position {bad.start()}"
        )
    n_heads = sequence.count("H") + sequence.count("h")
    n_tails = sequence.count("T") + sequence.count("t")
    if n_heads + n_tails == 0:
        raise ValueError(f"sequence must contain at least one flip, got {describe(sequence)}")
    return FlipCounts(n_heads, n_tails)


def _result(array: NDArray[np.float64], like: ArrayLike) -> NDArray[np.float64] | float:
    """A float for a scalar ``like`` (a number or 0-d array), else the array."""
    return float(array) if np.ndim(like) == 0 else array


def _log_likelihood(theta: NDArray[np.float64], n_heads: int, n_tails: int) -> NDArray[np.float64]:
    """``n_heads ln(theta) + n_tails ln(1 - theta)`` with ``0 ln 0 = 0``, silently."""
    with np.errstate(divide="ignore"):
        heads = n_heads * np.log(theta) if n_heads else np.zeros_like(theta)
        tails = n_tails * np.log1p(-theta) if n_tails else np.zeros_like(theta)
    return heads + tails + 0.0  # + 0.0 turns -0.0 into 0.0


def bernoulli_log_likelihood(
    theta: ArrayLike, n_heads: int, n_tails: int
) -> NDArray[np.float64] | float:
    r"""Log-likelihood :math:`n_H \ln\theta + n_T \ln(1-\theta)` (natural log).

    This is :math:`\ln P(X \mid \theta)` for one particular sequence X with these
    counts (no binomial coefficient), that is SciPy's
    ``xlogy(n_heads, theta) + xlog1py(n_tails, -theta)``.

    Parameters
    ----------
    theta : float or array_like
        Probability of heads, each in [0, 1]. Vectorised, any shape.
    n_heads : int
        Number of heads, a whole number in [0, 2**53].
    n_tails : int
        Number of tails, a whole number in [0, 2**53].

    Returns
    -------
    float or numpy.ndarray
        Same shape as ``theta`` (a float for a scalar), accurate to a few units in
        the last place (``ln(1 - theta)`` is taken with ``log1p``). ``-inf`` where the
        data are impossible (``theta = 0`` with at least one head, or ``theta = 1``
        with at least one tail); ``0 * ln(0)`` counts as 0.

    Raises
    ------
    TypeError
        If ``theta`` is not real-valued or a count is not a real number.
    ValueError
        If a ``theta`` is NaN or outside [0, 1], or a count is not a whole number
        in [0, 2**53].

    Examples
    --------
    >>> round(bernoulli_log_likelihood(0.5, 9, 4), 4)
    -9.0109
    >>> bernoulli_log_likelihood(1e-20, 0, 1)
    -1e-20
    """
    theta_array = check_probability(theta)
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    return _result(_log_likelihood(theta_array, n_heads, n_tails), theta)


def bernoulli_likelihood(
    theta: ArrayLike, n_heads: int, n_tails: int
) -> NDArray[np.float64] | float:
    r"""Likelihood :math:`\theta^{n_H}(1-\theta)^{n_T}` of one particular flip sequence.

    Computed as ``exp`` of :func:`bernoulli_log_likelihood`, so it underflows to
    exactly ``0.0`` (never NaN) when the true value is below the smallest float.

    Parameters
    ----------
    theta : float or array_like
        Probability of heads, each in [0, 1]. Vectorised, any shape.
    n_heads : int
        Number of heads, a whole number in [0, 2**53].
    n_tails : int
        Number of tails, a whole number in [0, 2**53].

    Returns
    -------
    float or numpy.ndarray
        Same shape as ``theta``, in [0, 1]. The relative error is at most
        :math:`(4|\ell| + 2)\,2^{-53}` where :math:`\ell` is the log-likelihood
        (``exp`` turns the log-likelihood's absolute error into a relative one): a
        few units in the last place near :math:`\ell = 0`, up to about 3e-13 near the
        underflow threshold.

    Raises
    ------
    TypeError
        If ``theta`` is not real-valued or a count is not a real number.
    ValueError
        If a ``theta`` is NaN or outside [0, 1], or a count is not a whole number
        in [0, 2**53].

    Examples
    --------
    >>> round(bernoulli_likelihood(9 / 13, 9, 4), 6)
    0.000327
    """
    log_lik = bernoulli_log_likelihood(theta, n_heads, n_tails)
    return _result(np.exp(np.asarray(log_lik)), theta)


def bernoulli_nll(
    theta: ArrayLike, n_heads: int, n_tails: int, *, mean: bool = False
) -> NDArray[np.float64] | float:
    r"""Negative log-likelihood :math:`-\ell(\theta)`, summed (default) or averaged.

    Parameters
    ----------
    theta : float or array_like
        Probability of heads, each in [0, 1]. Vectorised, any shape.
    n_heads : int
        Number of heads, a whole number in [0, 2**53].
    n_tails : int
        Number of tails, a whole number in [0, 2**53].
    mean : bool, default False
        Divide by the number of flips :math:`n`. The mean NLL has curvature O(1)
        whatever the data size, which is what makes an O(1) learning rate work.

    Returns
    -------
    float or numpy.ndarray
        Same shape as ``theta``, >= 0 (natural log, nats); ``+inf`` where the data
        are impossible (see :func:`bernoulli_log_likelihood`).

    Raises
    ------
    TypeError
        If ``theta`` is not real-valued, a count is not a real number, or ``mean``
        is not ``True``/``False``.
    ValueError
        If a ``theta`` is outside [0, 1], a count is not a whole number in
        [0, 2**53], or ``mean=True`` with no flips.

    Examples
    --------
    >>> round(bernoulli_nll(0.5, 9, 4), 4)
    9.0109
    >>> round(bernoulli_nll(0.5, 9, 4, mean=True), 4)
    0.6931
    """
    mean = check_flag(mean, "mean")
    theta_array = check_probability(theta)
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    nll = -_log_likelihood(theta_array, n_heads, n_tails) + 0.0
    if mean:
        if n_heads + n_tails == 0:
            raise ValueError("mean=True needs n_heads + n_tails >= 1, got 0 flips")
        nll = nll / (n_heads + n_tails)
    return _result(nll, theta)


def bernoulli_mle(n_heads: int, n_tails: int) -> float:
    r"""The maximum likelihood estimate :math:`\hat\theta = n_H / (n_H + n_T)`.

    Parameters
    ----------
    n_heads : int
        Number of heads, a whole number in [0, 2**53].
    n_tails : int
        Number of tails, a whole number in [0, 2**53].

    Returns
    -------
    float
        The proportion of heads in [0, 1], correctly rounded (exact integer division).

    Raises
    ------
    TypeError
        If a count is not a real number.
    ValueError
        If a count is not a whole number in [0, 2**53], or there are no flips
        (every theta is then equally likely).

    Examples
    --------
    >>> round(bernoulli_mle(9, 4), 4)
    0.6923
    """
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    if n_heads + n_tails == 0:
        raise ValueError("n_heads + n_tails must be >= 1; with no flips the MLE is undefined")
    return n_heads / (n_heads + n_tails)


def likelihood_derivative(
    theta: ArrayLike, n_heads: int, n_tails: int
) -> NDArray[np.float64] | float:
    r"""Derivative of the likelihood in theta.

    .. math:: \frac{d}{d\theta}\theta^{h}(1-\theta)^{t}
              = \theta^{h-1}(1-\theta)^{t-1}\,(h - (h+t)\theta)

    For 9 heads and 4 tails this is :math:`\theta^8(1-\theta)^3(9-13\theta)`.
    With a zero count the single power is differentiated directly, so
    :math:`\theta^{-1}` never appears.

    Parameters
    ----------
    theta : float or array_like
        Probability of heads, each in [0, 1]. Vectorised, any shape.
    n_heads : int
        Number of heads, a whole number in [0, 2**53].
    n_tails : int
        Number of tails, a whole number in [0, 2**53].

    Returns
    -------
    float or numpy.ndarray
        Same shape as ``theta``; finite (it underflows to 0 far from the peak).

    Raises
    ------
    TypeError
        If ``theta`` is not real-valued or a count is not a real number.
    ValueError
        If a ``theta`` is NaN or outside [0, 1], or a count is not a whole number
        in [0, 2**53].

    Examples
    --------
    >>> likelihood_derivative(9 / 13, 9, 4)
    0.0
    >>> likelihood_derivative(0.5, 0, 1)
    -1.0
    """
    theta_array = check_probability(theta)
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    with np.errstate(under="ignore"):
        if n_heads == 0 or n_tails == 0:
            power, sign, base = (
                (n_tails, -1.0, 1.0 - theta_array) if n_heads == 0 else (n_heads, 1.0, theta_array)
            )
            derivative = sign * power * base ** max(power - 1, 0) if power else 0.0 * base
        else:
            derivative = (
                theta_array ** (n_heads - 1)
                * (1.0 - theta_array) ** (n_tails - 1)
                * (n_heads - (n_heads + n_tails) * theta_array)
            )
    derivative = np.asarray(derivative, dtype=np.float64) + 0.0  # -0.0 -> 0.0
    return _result(derivative, theta)


def likelihood_integral(n_heads: int, n_tails: int) -> Fraction:
    r"""Exact :math:`\int_0^1 \theta^{h}(1-\theta)^{t}\,d\theta = B(h+1, t+1)`.

    It is not 1: the likelihood is a function of theta, not a distribution over it.
    Computed exactly as :math:`1 / \big((n+1)\binom{n}{h}\big)` with :math:`n = h + t`.

    Parameters
    ----------
    n_heads : int
        Number of heads, a whole number >= 0.
    n_tails : int
        Number of tails, a whole number >= 0, with ``n_heads + n_tails`` at most
        10000 (the exact denominator then has about 3000 digits); use
        :func:`log_likelihood_integral` for more flips.

    Returns
    -------
    fractions.Fraction
        The exact value, in (0, 1].

    Raises
    ------
    TypeError
        If a count is not a real number.
    ValueError
        If a count is not a whole number >= 0, or there are more than 10000 flips.

    Examples
    --------
    >>> likelihood_integral(9, 4)
    Fraction(1, 10010)
    """
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    n_flips = n_heads + n_tails
    if n_flips > MAX_EXACT_FLIPS:
        raise ValueError(
            f"n_heads + n_tails must be at most {MAX_EXACT_FLIPS} for the exact integral, "
            f"got {n_flips}; use log_likelihood_integral for more flips"
        )
    return Fraction(1, (n_flips + 1) * math.comb(n_flips, n_heads))


def _stirling_correction(x: float) -> float:
    """``lgamma(x) - ((x - 1/2) ln x - x + ln(2 pi) / 2)`` for x >= 1e6 (error < 1e-30)."""
    return 1.0 / (12.0 * x) - 1.0 / (360.0 * x**3)


def log_likelihood_integral(n_heads: int, n_tails: int) -> float:
    r"""Natural log of :math:`\int_0^1 \theta^{h}(1-\theta)^{t}\,d\theta = B(h+1, t+1)`.

    The log-space companion of :func:`likelihood_integral` for any number of flips.
    With :math:`k = \min(h, t)` and :math:`m = \max(h, t)`:

    - for :math:`k \le 10^6`, :math:`\ln B = -\ln(n+1) - \sum_{i=1}^{k}
      \ln(1 + m/i)` (a sum of positive terms, each from ``log1p``);
    - otherwise Stirling's series with :math:`a = h+1`, :math:`b = t+1`:
      :math:`\ln B = \tfrac12\ln 2\pi - a\ln(1 + b/a) - b\ln(1 + a/b)
      + \tfrac12\ln\frac{a+b}{ab} + \delta(a) + \delta(b) - \delta(a+b)`, with
      :math:`\delta(x) = 1/(12x) - 1/(360x^3)` (DLMF 5.11.1), written so that no
      large terms cancel.

    Parameters
    ----------
    n_heads : int
        Number of heads, a whole number in [0, 2**53].
    n_tails : int
        Number of tails, a whole number in [0, 2**53].

    Returns
    -------
    float
        :math:`\ln B(h+1, t+1) \le 0`, to a relative accuracy of about 1e-14
        (SciPy: ``scipy.special.betaln(h + 1, t + 1)``).

    Raises
    ------
    TypeError
        If a count is not a real number.
    ValueError
        If a count is not a whole number in [0, 2**53].

    Examples
    --------
    >>> round(log_likelihood_integral(9, 4), 4)   # ln(1/10010)
    -9.2113
    >>> round(log_likelihood_integral(10**12, 10**12) / 10**12, 6)   # about -2 ln 2
    -1.386294
    """
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    small, large = sorted((n_heads, n_tails))
    if small <= 1_000_000:
        terms = np.log1p(large / np.arange(1.0, small + 1.0))
        return -math.log1p(n_heads + n_tails) - float(terms.sum())
    a, b = float(n_heads + 1), float(n_tails + 1)
    return (
        0.5 * math.log(2.0 * math.pi)
        - a * math.log1p(b / a)
        - b * math.log1p(a / b)
        + 0.5 * (math.log(a + b) - math.log(a) - math.log(b))
        + _stirling_correction(a)
        + _stirling_correction(b)
        - _stirling_correction(a + b)
    )


def fisher_information(theta: ArrayLike, n_flips: int) -> NDArray[np.float64] | float:
    r"""Fisher information :math:`n / (\theta(1-\theta))` of ``n_flips`` Bernoulli flips.

    Parameters
    ----------
    theta : float or array_like
        Probability of heads, each in the open interval (0, 1) (the information
        is infinite at 0 and 1). Vectorised, any shape.
    n_flips : int
        Number of flips :math:`n`, a whole number in [0, 2**53].

    Returns
    -------
    float or numpy.ndarray
        Same shape as ``theta``, >= 0, to within a few units in the last place.

    Raises
    ------
    TypeError
        If ``theta`` is not real-valued or ``n_flips`` is not a real number.
    ValueError
        If a ``theta`` is not in (0, 1), ``n_flips`` is not a whole number in
        [0, 2**53], or the information exceeds the float range (``theta`` within
        about ``n_flips * 5.6e-309`` of 0 or 1).

    Examples
    --------
    >>> round(fisher_information(0.5, 13), 1)
    52.0
    """
    theta_array = check_probability(theta, open_interval=True)
    n_flips = check_count(n_flips, "n_flips")
    with np.errstate(over="ignore"):
        information = n_flips / (theta_array * (1.0 - theta_array))
    if not np.all(np.isfinite(information)):
        closest = theta_array.flat[np.argmax(~np.isfinite(information))]
        raise ValueError(
            f"the Fisher information n_flips / (theta (1 - theta)) exceeds the float range "
            f"for n_flips = {n_flips} and theta = {closest}: theta is too close to 0 or 1"
        )
    return _result(information, theta)


def standard_error(n_heads: int, n_tails: int) -> float:
    r"""Standard error :math:`\sqrt{\hat\theta(1-\hat\theta)/n}` of the coin MLE.

    Computed as :math:`\sqrt{h t / n^3}` with the fraction taken exactly, so the
    result is within one unit in the last place. It is the Wald standard error from
    the Fisher information at :math:`\hat\theta`; it is 0 when every flip agrees,
    where that approximation says nothing useful.

    Parameters
    ----------
    n_heads : int
        Number of heads, a whole number in [0, 2**53].
    n_tails : int
        Number of tails, a whole number in [0, 2**53].

    Returns
    -------
    float
        The standard error, in [0, 0.5].

    Raises
    ------
    TypeError
        If a count is not a real number.
    ValueError
        If a count is not a whole number in [0, 2**53], or there are no flips.

    Examples
    --------
    >>> round(standard_error(9, 4), 4)
    0.128
    """
    bernoulli_mle(n_heads, n_tails)  # checks the counts and that n >= 1
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    return math.sqrt(n_heads * n_tails / (n_heads + n_tails) ** 3)


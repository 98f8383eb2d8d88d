"""The Bernoulli (coin) likelihood: data, likelihood, log-likelihood and the MLE.

Everything is computed in log space, with the convention ``0 * log(0) = 0``, so
``theta = 0`` or ``1`` is exact when the other side has a zero count, and huge
counts (``1e12``) do not overflow.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validation import check_count, check_probability

__all__ = [
    "FlipCounts",
    "parse_flips",
    "bernoulli_log_likelihood",
    "bernoulli_likelihood",
    "bernoulli_nll",
    "bernoulli_mle",
    "likelihood_derivative",
    "likelihood_integral",
    "fisher_information",
    "standard_error",
]


class FlipCounts(NamedTuple):
    """Numbers of heads and tails in a sequence of coin flips."""

    n_heads: int
    n_tails: int

    @property
    def n_flips(self) -> int:
        """Total number of flips."""
        return self.n_heads + self.n_tails


def parse_flips(sequence: str) -> FlipCounts:
    """Count heads and tails in a flip sequence such as ``"HHHTHTTHHHHHT"``.

    Parameters
    ----------
    sequence : str
        Letters ``H`` (heads) and ``T`` (tails). Lower case is accepted and spaces
        are ignored, so ``"hht t"`` is the same as ``"HHTT"``.

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
        raise TypeError(f"sequence must be a str of H/T letters, got {type(sequence).__name__}")
    n_heads = n_tails = 0
    for position, letter in enumerate(sequence):
        upper = letter.upper()
        if upper == "H":
            n_heads += 1
        elif upper == "T":
            n_tails += 1
        elif not letter.isspace():
            raise ValueError(
                f"sequence may contain only 'H' and 'T' (any case, spaces ignored); "
                f"found {letter!r} at position {position}"
            )
    if n_heads + n_tails == 0:
        raise ValueError("sequence must contain at least one flip, got none")
    return FlipCounts(n_heads, n_tails)


def _xlogy(count: float, value: NDArray[np.float64]) -> NDArray[np.float64]:
    """``count * log(value)`` with ``0 * log(0) = 0`` and no numpy warnings."""
    if count == 0:
        return np.zeros_like(value)
    with np.errstate(divide="ignore"):
        return count * np.log(value)


def _result(array: NDArray[np.float64], like: ArrayLike) -> NDArray[np.float64] | float:
    return float(array) if np.ndim(like) == 0 else array


def bernoulli_log_likelihood(
    theta: ArrayLike, n_heads: int, n_tails: int
) -> NDArray[np.float64] | float:
    r"""Log-likelihood :math:`n_H \ln\theta + n_T \ln(1-\theta)` (natural log).

    Parameters
    ----------
    theta : float or array_like
        Probability of heads, each in [0, 1]. Vectorised.
    n_heads, n_tails : int
        Observed counts, whole numbers >= 0.

    Returns
    -------
    float or ndarray
        Same shape as ``theta``; ``-inf`` where the data are impossible
        (e.g. ``theta = 0`` with at least one head).

    Examples
    --------
    >>> round(bernoulli_log_likelihood(0.5, 9, 4), 4)
    -9.0109
    """
    theta_array = check_probability(theta)
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    log_lik = _xlogy(n_heads, theta_array) + _xlogy(n_tails, 1.0 - theta_array)
    return _result(log_lik, theta)


def bernoulli_likelihood(
    theta: ArrayLike, n_heads: int, n_tails: int
) -> NDArray[np.float64] | float:
    r"""Likelihood :math:`\theta^{n_H}(1-\theta)^{n_T}` of one particular flip sequence.

    Computed as ``exp`` of the log-likelihood, so it underflows to exactly ``0.0``
    (never NaN) when the true value is below the smallest float.

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
    """Negative log-likelihood, summed (default) or averaged over the flips.

    Parameters
    ----------
    mean : bool
        Divide by the number of flips. The mean NLL has curvature O(1) whatever
        the data size, which is what makes an O(1) learning rate work.

    Examples
    --------
    >>> round(bernoulli_nll(0.5, 9, 4, mean=True), 4)
    0.6931
    """
    nll = -np.asarray(bernoulli_log_likelihood(theta, n_heads, n_tails))
    if mean:
        n_flips = check_count(n_heads, "n_heads") + check_count(n_tails, "n_tails")
        if n_flips == 0:
            raise ValueError("mean=True needs n_heads + n_tails >= 1, got 0 flips")
        nll = nll / n_flips
    return _result(nll, theta)


def bernoulli_mle(n_heads: int, n_tails: int) -> float:
    r"""The maximum likelihood estimate :math:`\hat\theta = n_H / (n_H + n_T)`.

    Raises
    ------
    ValueError
        If there are no flips (every theta is then equally likely).

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

    Examples
    --------
    >>> likelihood_derivative(9 / 13, 9, 4)
    0.0
    """
    theta_array = check_probability(theta)
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    if n_heads == 0 or n_tails == 0:
        # theta**(-1) would appear: differentiate the single power directly.
        power, sign, base = (
            (n_tails, -1.0, 1.0 - theta_array) if n_heads == 0 else (n_heads, 1.0, theta_array)
        )
        derivative = sign * power * base ** max(power - 1, 0) if power else np.zeros_like(base)
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

    Examples
    --------
    >>> likelihood_integral(9, 4)
    Fraction(1, 10010)
    """
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    return Fraction(
        math.factorial(n_heads) * math.factorial(n_tails),
        math.factorial(n_heads + n_tails + 1),
    )


def fisher_information(theta: ArrayLike, n_flips: int) -> NDArray[np.float64] | float:
    r"""Fisher information :math:`n / (\theta(1-\theta))` of ``n_flips`` Bernoulli flips.

    Examples
    --------
    >>> round(fisher_information(0.5, 13), 1)
    52.0
    """
    theta_array = check_probability(theta, open_interval=True)
    n_flips = check_count(n_flips, "n_flips")
    return _result(n_flips / (theta_array * (1.0 - theta_array)), theta)


def standard_error(n_heads: int, n_tails: int) -> float:
    r"""Standard error :math:`\sqrt{\hat\theta(1-\hat\theta)/n}` of the coin MLE.

    Examples
    --------
    >>> round(standard_error(9, 4), 4)
    0.128
    """
    theta_hat = bernoulli_mle(n_heads, n_tails)
    return math.sqrt(theta_hat * (1.0 - theta_hat) / (n_heads + n_tails))

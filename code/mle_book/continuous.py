"""Continuous models: the Gaussian and the exponential, their densities, NLLs and MLEs."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validation import check_positive, check_real, check_sample

__all__ = [
    "GaussianFit",
    "gaussian_log_density",
    "gaussian_nll",
    "gaussian_mle",
    "exponential_log_density",
    "exponential_nll",
    "exponential_mle",
    "interval_probability",
]

_HALF_LOG_TWO_PI = 0.5 * math.log(2 * math.pi)


class GaussianFit(NamedTuple):
    """Maximum likelihood estimates of a Gaussian's mean and standard deviation."""

    mu: float
    sigma: float

    @property
    def variance(self) -> float:
        """The MLE of the variance, sigma**2 (divides by N, not N - 1)."""
        return self.sigma**2


def gaussian_log_density(x: ArrayLike, mu: float, sigma: float) -> NDArray[np.float64] | float:
    r"""Natural log of the normal density :math:`\mathcal N(x;\mu,\sigma^2)`. Vectorised in x.

    It can be positive: a density above 1 (small sigma) has a positive log.

    Examples
    --------
    >>> round(gaussian_log_density(0.0, 0.0, 0.1), 4)
    1.3836
    """
    if isinstance(x, (str, bytes)):
        raise TypeError(f"x must be a real number or array of reals, got {type(x).__name__}")
    mu = check_real(mu, "mu")
    sigma = check_positive(sigma, "sigma")
    points = np.asarray(x, dtype=float)
    if not np.all(np.isfinite(points)):
        raise ValueError("x must be finite; found NaN or inf")
    z = (points - mu) / sigma
    result = -0.5 * z**2 - math.log(sigma) - _HALF_LOG_TWO_PI
    return float(result) if result.ndim == 0 else result


def gaussian_nll(sample: ArrayLike, mu: float, sigma: float) -> float:
    """Negative log-likelihood of a sample under N(mu, sigma**2), natural log.

    Examples
    --------
    >>> round(gaussian_nll([0.0], 0.0, 1.0), 4)
    0.9189
    """
    data = check_sample(sample)
    return float(-np.sum(gaussian_log_density(data, mu, sigma)))


def gaussian_mle(sample: ArrayLike) -> GaussianFit:
    r"""MLE of a Gaussian: the sample mean and :math:`\sqrt{\frac1N\sum (x_i-\bar x)^2}`.

    The variance estimate divides by N: biased (its mean is (N-1)/N sigma**2) but
    consistent. ``sigma`` is the MLE of the standard deviation by invariance.

    Raises
    ------
    ValueError
        If the sample has fewer than two distinct values (sigma would be 0).

    Examples
    --------
    >>> gaussian_mle([1.0, 2.0, 3.0])
    GaussianFit(mu=2.0, sigma=0.816496580927726)
    """
    data = check_sample(sample)
    mu = float(np.mean(data))
    sigma = float(np.sqrt(np.mean((data - mu) ** 2)))
    if sigma == 0.0:
        raise ValueError(
            "sample must hold at least two distinct values: with sigma = 0 the "
            "likelihood is unbounded"
        )
    return GaussianFit(mu, sigma)


def exponential_log_density(x: ArrayLike, rate: float) -> NDArray[np.float64] | float:
    r"""Log of :math:`\alpha e^{-\alpha x}` for x >= 0 (``-inf`` for x < 0).

    Examples
    --------
    >>> round(exponential_log_density(3.0, 1 / 3), 4)
    -2.0986
    """
    if isinstance(x, (str, bytes)):
        raise TypeError(f"x must be a real number or array of reals, got {type(x).__name__}")
    rate = check_positive(rate, "rate")
    points = np.asarray(x, dtype=float)
    if not np.all(np.isfinite(points)):
        raise ValueError("x must be finite; found NaN or inf")
    result = np.where(points >= 0, math.log(rate) - rate * points, -np.inf)
    return float(result) if result.ndim == 0 else result


def exponential_nll(sample: ArrayLike, rate: float) -> float:
    """Negative log-likelihood of a non-negative sample under the exponential(rate).

    Examples
    --------
    >>> round(exponential_nll([3.0], 1 / 3), 4)
    2.0986
    """
    data = check_sample(sample, non_negative=True)
    return float(-np.sum(exponential_log_density(data, rate)))


def exponential_mle(sample: ArrayLike) -> float:
    r"""MLE of the exponential rate: :math:`\hat\alpha = N / \sum x_i = 1/\bar x`.

    Examples
    --------
    >>> round(exponential_mle([3.0]), 4)
    0.3333
    """
    data = check_sample(sample, non_negative=True)
    total = float(np.sum(data))
    if total == 0.0:
        raise ValueError("sample must contain a value > 0; for all zeros the MLE is infinite")
    return data.size / total


def interval_probability(x: float, mu: float, sigma: float, epsilon: float) -> float:
    r"""Exact :math:`P(x - \epsilon/2 < X < x + \epsilon/2)` for X ~ N(mu, sigma**2).

    For small epsilon it is close to ``epsilon * density(x)``, which is the
    argument for replacing probabilities by densities in the likelihood.

    Examples
    --------
    >>> round(interval_probability(0.0, 0.0, 1.0, 0.01) / 0.01, 5)
    0.39894
    """
    x = check_real(x, "x")
    mu = check_real(mu, "mu")
    sigma = check_positive(sigma, "sigma")
    epsilon = check_positive(epsilon, "epsilon")
    upper = (x + epsilon / 2 - mu) / (sigma * math.sqrt(2))
    lower = (x - epsilon / 2 - mu) / (sigma * math.sqrt(2))
    return 0.5 * (math.erf(upper) - math.erf(lower))

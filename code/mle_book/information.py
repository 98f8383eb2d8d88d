"""Entropy, cross-entropy and KL divergence, with the unit made explicit.

``base=2`` measures in bits, ``base=math.e`` (the default, matching the natural-log
NLL used everywhere in this book) in nats. 1 bit = ln 2 nats.

For coin data the mean NLL at theta is the cross-entropy of the model
``coin_distribution(theta)`` relative to the data's ``empirical_distribution``:
``H(p̂, p_θ) = H(p̂) + KL(p̂ ‖ p_θ)``, smallest (KL = 0) at the MLE.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validation import check_positive, check_probability

__all__ = [
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "empirical_distribution",
    "coin_distribution",
]


def _check_distribution(p: ArrayLike, name: str) -> NDArray[np.float64]:
    if isinstance(p, (str, bytes)):
        raise TypeError(f"{name} must be an array of probabilities, got str")
    array = np.asarray(p, dtype=float)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-d array of probabilities")
    if not np.all(np.isfinite(array)) or np.any(array < 0) or np.any(array > 1):
        raise ValueError(f"{name} must hold probabilities in [0, 1]")
    if not math.isclose(float(array.sum()), 1.0, rel_tol=0, abs_tol=1e-9):
        raise ValueError(f"{name} must sum to 1, got {array.sum():.12g}")
    return array


def _check_base(base: float) -> float:
    base = check_positive(base, "base")
    if base == 1.0:
        raise ValueError("base must be in (0, 1) or (1, inf), got 1")
    return base


def cross_entropy(p: ArrayLike, q: ArrayLike, base: float = math.e) -> float:
    r"""Cross-entropy :math:`H(p, q) = -\sum_i p_i \log q_i`, with 0 log 0 = 0.

    Infinite if q gives zero probability to an outcome that p does not.

    Examples
    --------
    >>> round(cross_entropy([0.5, 0.5], [0.5, 0.5], base=2), 6)
    1.0
    """
    p_array = _check_distribution(p, "p")
    q_array = _check_distribution(q, "q")
    if p_array.shape != q_array.shape:
        raise ValueError(
            f"p and q must have the same length, got {p_array.size} and {q_array.size}"
        )
    base = _check_base(base)
    support = p_array > 0
    if np.any(q_array[support] == 0):
        return math.inf
    return float(-np.sum(p_array[support] * np.log(q_array[support])) / math.log(base))


def entropy(p: ArrayLike, base: float = math.e) -> float:
    r"""Entropy :math:`H(p) = -\sum_i p_i \log p_i` (nats by default, bits with base=2).

    Examples
    --------
    >>> round(entropy([0.5, 0.5], base=2), 6)
    1.0
    >>> round(entropy([0.5, 0.5]), 6)
    0.693147
    """
    return cross_entropy(p, p, base)


def kl_divergence(p: ArrayLike, q: ArrayLike, base: float = math.e) -> float:
    r"""Kullback-Leibler divergence :math:`KL(p\|q) = H(p, q) - H(p) \ge 0`.

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    """
    value = cross_entropy(p, q, base) - entropy(p, base)
    return max(value, 0.0)  # rounding can leave -1e-17 where the exact value is 0


def empirical_distribution(n_heads: int, n_tails: int) -> NDArray[np.float64]:
    """The data's own distribution p̂ = (n_H/n, n_T/n) over (heads, tails).

    Raises
    ------
    ValueError
        If a count is negative or not whole, or there are no flips.

    Examples
    --------
    >>> empirical_distribution(9, 4).round(4)
    array([0.6923, 0.3077])
    """
    from .likelihood import bernoulli_mle

    theta_hat = bernoulli_mle(n_heads, n_tails)
    return np.array([theta_hat, 1.0 - theta_hat])


def coin_distribution(theta: float) -> NDArray[np.float64]:
    """The model's distribution p_θ = (θ, 1 − θ) over (heads, tails).

    Examples
    --------
    >>> coin_distribution(0.25)
    array([0.25, 0.75])
    """
    if np.ndim(theta) != 0:
        raise ValueError(f"theta must be a single number, got shape {np.shape(theta)}")
    theta = float(check_probability(theta))
    return np.array([theta, 1.0 - theta])

"""Entropy, cross-entropy and KL divergence, with the unit made explicit.

``base=2`` measures in bits, ``base=math.e`` (the default, matching the natural-log
NLL used everywhere in this book) in nats. 1 bit = ln 2 nats.

For coin data the mean NLL at theta is the cross-entropy of the model
``coin_distribution(theta)`` relative to the data's ``empirical_distribution``:
H(p_data, p_theta) = H(p_data) + KL(p_data ‖ p_theta), smallest (KL = 0) at the MLE.

Every sum uses the convention 0 ln 0 = 0 (SciPy's ``xlogy``), and the KL divergence is
computed directly from its definition, sum of p_i ln(p_i / q_i), never as a difference
of two entropies (which loses every digit when KL is small). Sources: Cover and
Thomas, *Elements of Information Theory*, 2nd ed., 2006, define entropy in section 2.1
and the KL divergence (relative entropy) in section 2.3. The identity
H(p, q) = H(p) + KL(p ‖ q) follows from those definitions (add and subtract
sum of p_i ln p_i); the same sum of p_i ln(1/q_i) appears in their "wrong code"
result, Theorem 5.4.3, as the expected code length when data from p are coded for q.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validation import _as_float_array, check_positive, check_probability_scalar

__all__ = [
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "empirical_distribution",
    "coin_distribution",
]

#: Largest number of outcomes of a distribution (keeps every call well under a second).
_MAX_OUTCOMES = 10**6


def _check_distribution(p: ArrayLike, name: str) -> NDArray[np.float64]:
    if isinstance(p, (str, bytes)):
        raise TypeError(f"{name} must be an array of probabilities, got {type(p).__name__}")
    try:
        is_complex = np.iscomplexobj(p)
    except Exception:  # ragged lists, tensors with gradient: reported below
        is_complex = False
    if is_complex:
        raise TypeError(f"{name} must hold real probabilities, got complex values")
    try:
        array = _as_float_array(p, name)
    except TypeError as error:
        raise TypeError(f"{name} must be an array of real probabilities ({error})") from None
    except ValueError:  # an integer beyond the float range
        raise ValueError(f"{name} must hold probabilities in [0, 1]; got a huge integer") from None
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-d array of probabilities")
    if array.size > _MAX_OUTCOMES:
        raise ValueError(f"{name} must have at most {_MAX_OUTCOMES:,} outcomes, got {array.size:,}")
    if not np.all(np.isfinite(array)) or np.any(array < 0) or np.any(array > 1):
        raise ValueError(f"{name} must hold probabilities in [0, 1]")
    total = math.fsum(array.tolist())
    if not math.isclose(total, 1.0, rel_tol=0, abs_tol=1e-9):
        raise ValueError(f"{name} must sum to 1 (within 1e-9), got {total:.12g}")
    return array


def _check_pair(p: ArrayLike, q: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    p_array = _check_distribution(p, "p")
    q_array = _check_distribution(q, "q")
    if p_array.shape != q_array.shape:
        raise ValueError(
            f"p and q must have the same length, got {p_array.size} and {q_array.size}"
        )
    return p_array, q_array


def _check_base(base: float) -> float:
    base = check_positive(base, "base")  # huge ints: ValueError naming base
    if base == 1.0:
        raise ValueError("base must be in (0, 1) or (1, inf), got 1")
    return base


def _xlogy_sum(p: NDArray[np.float64], q: NDArray[np.float64]) -> float:
    """Sum of p_i ln q_i over p_i > 0 (0 ln 0 = 0); -inf if some q_i = 0 < p_i."""
    support = p > 0
    if np.any(q[support] == 0):
        return -math.inf
    return math.fsum((p[support] * np.log(q[support])).tolist())


def _deviation_terms(p: NDArray[np.float64], q: NDArray[np.float64]) -> NDArray[np.float64]:
    """p ln(p/q) - (p - q) = q g(r) >= 0, r = (p - q)/q, for q > 0; a few ulps near p = q.

    g(r) = (1 + r) ln(1 + r) - r; for |r| >= 1/2 the direct form loses at most 3 bits.
    """
    r = (p - q) / q
    small = np.abs(r) < 0.5
    out = np.empty_like(p)
    far_p, far_q = p[~small], q[~small]
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(far_p > 0, np.log(np.where(far_p > 0, far_p, 1.0) / far_q), 0.0)
    out[~small] = far_p * logs - (far_p - far_q)
    out[small] = q[small] * _series(r[small])
    return out


def _series(rs: NDArray[np.float64]) -> NDArray[np.float64]:
    """g(r) = (1 + r) ln(1 + r) - r for |r| < 1/2, by its power series."""
    # g(r) = sum_{k>=2} (-1)^k r^k / (k (k - 1)), alternating or positive; 60 terms
    # bring the remainder below 0.5**60 / 3600, far under one ulp of g(r) ~ r**2 / 2.
    series = np.zeros_like(rs)
    power = rs * rs
    for k in range(2, 62):
        series += power / (k * (k - 1))
        power = -power * rs
    return series


def cross_entropy(p: ArrayLike, q: ArrayLike, base: float = math.e) -> float:
    r"""Cross-entropy :math:`H(p, q) = -\sum_i p_i \ln q_i`, with 0 ln 0 = 0.

    Parameters
    ----------
    p, q : array_like, shape (k,)
        Probabilities over the same k outcomes (1 <= k <= 10**6), each in [0, 1] and
        summing to 1 within 1e-9.
    base : float
        Logarithm base: ``math.e`` (nats, the default) or 2 (bits); > 0 and not 1.

    Returns
    -------
    float
        :math:`H(p, q) \ge 0` in the chosen unit; ``inf`` (documented, not an error) if q
        gives zero probability to an outcome that p does not.

    Raises
    ------
    ValueError
        If p or q is not a probability vector, their lengths differ, or base is out of range.
    TypeError
        If p or q is a string, complex or not numeric, or base is not a real number.

    Examples
    --------
    >>> round(cross_entropy([0.5, 0.5], [0.5, 0.5], base=2), 6)
    1.0
    >>> cross_entropy([0.5, 0.5], [1.0, 0.0])
    inf
    """
    p_array, q_array = _check_pair(p, q)
    base = _check_base(base)
    total = _xlogy_sum(p_array, q_array)
    return math.inf if total == -math.inf else -total / math.log(base) + 0.0


def entropy(p: ArrayLike, base: float = math.e) -> float:
    r"""Entropy :math:`H(p) = -\sum_i p_i \ln p_i` (nats by default, bits with base=2).

    Terms with :math:`p_i = 0` contribute 0 (the limit of :math:`x \ln x`), as in
    ``scipy.stats.entropy``.

    Parameters
    ----------
    p : array_like, shape (k,)
        Probabilities (1 <= k <= 10**6), each in [0, 1] and summing to 1 within 1e-9.
    base : float
        Logarithm base, > 0 and not 1; ``math.e`` gives nats, 2 gives bits.

    Returns
    -------
    float
        :math:`H(p)`, between 0 and :math:`\ln k` (in nats).

    Raises
    ------
    ValueError
        If p is not a probability vector or base is out of range.
    TypeError
        If p is a string, complex or not numeric, or base is not a real number.

    Examples
    --------
    >>> round(entropy([0.5, 0.5], base=2), 6)
    1.0
    >>> round(entropy([0.5, 0.5]), 6)
    0.693147
    >>> entropy([1.0, 0.0])
    0.0
    """
    p_array = _check_distribution(p, "p")
    base = _check_base(base)
    return -_xlogy_sum(p_array, p_array) / math.log(base) + 0.0


def kl_divergence(p: ArrayLike, q: ArrayLike, base: float = math.e) -> float:
    r"""Kullback–Leibler divergence :math:`\mathrm{KL}(p\,\|\,q) = \sum_i p_i \ln(p_i/q_i)`.

    Computed directly from this definition with 0 ln(0/q) = 0, never as
    :math:`H(p, q) - H(p)`. Each term is written as
    :math:`q_i\,g(r_i) + (p_i - q_i)` with :math:`r_i = (p_i - q_i)/q_i` and
    :math:`g(r) = (1+r)\ln(1+r) - r \ge 0` (a power series for :math:`|r| < 1/2`), so a
    tiny divergence keeps its digits: the result is within a few ulps of the exact value
    for the given inputs. (``scipy.special.rel_entr`` summed naively loses about
    :math:`\epsilon/|r|` relative accuracy when p is close to q.)

    Parameters
    ----------
    p, q : array_like, shape (k,)
        Probabilities over the same k outcomes, each in [0, 1], summing to 1 within 1e-9.
    base : float
        Logarithm base, > 0 and not 1.

    Returns
    -------
    float
        :math:`\mathrm{KL}(p\,\|\,q) \ge 0`, zero exactly when p = q; ``inf`` (documented)
        if some :math:`q_i = 0 < p_i`. A negative rounding result (possible only when p and
        q sum to 1 differently, within the 1e-9 allowed) is returned as 0.

    Raises
    ------
    ValueError
        If p or q is not a probability vector, their lengths differ, or base is out of range.
    TypeError
        If p or q is a string, complex or not numeric, or base is not a real number.

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    >>> f"{kl_divergence([0.5 + 2**-30, 0.5 - 2**-30], [0.5, 0.5]):.6e}"
    '1.734723e-18'
    """
    p_array, q_array = _check_pair(p, q)
    base = _check_base(base)
    support = p_array > 0
    if np.any(q_array[support] == 0):
        return math.inf
    both = q_array > 0  # outcomes with q_i = 0 have p_i = 0 here and contribute 0
    p_pos, q_pos = p_array[both], q_array[both]
    deviations = _deviation_terms(p_pos, q_pos).tolist()
    # sum of (p_i - q_i), exactly rounded (0 when both sum to 1 exactly)
    difference = math.fsum([*p_pos.tolist(), *(-q_pos).tolist()])
    value = math.fsum([*deviations, difference])
    return max(value, 0.0) / math.log(base)


def empirical_distribution(n_heads: int, n_tails: int) -> NDArray[np.float64]:
    """The data's own distribution (n_H/n, n_T/n) over (heads, tails).

    Parameters
    ----------
    n_heads, n_tails : int
        Counts, whole numbers in [0, 1e300], not both 0.

    Returns
    -------
    ndarray, shape (2,)
        ``[n_H/n, 1 - n_H/n]``.

    Raises
    ------
    ValueError
        If a count is negative or not whole, or there are no flips.
    TypeError
        If a count is not a number.

    Examples
    --------
    >>> empirical_distribution(9, 4).round(4)
    array([0.6923, 0.3077])
    """
    from .likelihood import bernoulli_mle

    for value, name in ((n_heads, "n_heads"), (n_tails, "n_tails")):
        if isinstance(value, int) and not isinstance(value, bool) and value > 10**300:
            raise ValueError(f"{name} must be a whole number in [0, 1e300], got a larger integer")
    theta_hat = bernoulli_mle(n_heads, n_tails)
    return np.array([theta_hat, 1.0 - theta_hat])


def coin_distribution(theta: float) -> NDArray[np.float64]:
    """The model's distribution (θ, 1 − θ) over (heads, tails).

    Parameters
    ----------
    theta : float
        Probability of heads, in [0, 1].

    Returns
    -------
    ndarray, shape (2,)
        ``[theta, 1 - theta]``.

    Raises
    ------
    ValueError
        If theta is NaN, inf or outside [0, 1].
    TypeError
        If theta is not a single real number (an array, a bool, a string, ...).

    Examples
    --------
    >>> coin_distribution(0.25)
    array([0.25, 0.75])
    """
    theta = check_probability_scalar(theta, "theta")
    return np.array([theta, 1.0 - theta])

"""Numerical maximum likelihood for the coin: gradient descent, Newton's method, and why logs.

The gradient descent here is the seed text's algorithm, written twice: once with
the gradient derived by hand (NumPy) and once with PyTorch autograd. Both stop
with a :class:`DivergenceError` that says what happened, instead of returning NaN,
when an iterate leaves (0, 1).

Near the MLE a gradient step multiplies the error by ``1 - lr * c``, where ``c`` is
the NLL's curvature there (:func:`contraction_factor`): the iterates approach the MLE
monotonically for ``lr < 1/c``, overshoot and oscillate in for ``1/c < lr < 2/c``,
and do not converge above ``2/c`` (:func:`learning_rate_regime`). These limits are
*local*: they describe the dynamics near the MLE, not from any start (far from the
MLE the NLL is steeper, and a step that is stable near the MLE can leave (0, 1)).

Convergence is judged at the returned point, never by the size of the last step: a run
has converged when the gradient scaled by the inverse Fisher information at the iterate,
``|U(theta)| / I(theta)`` with ``I(theta) = n / (theta (1 - theta))``, is at most the
tolerance. That is the length of a Fisher-scoring step (McCullagh and Nelder,
*Generalized Linear Models*, 2nd ed., 1989, section 2.5), in units of theta and the same
for the summed and the mean NLL; for the coin it equals ``|theta - n_H / n|`` exactly.
(The Newton step ``|NLL'| / NLL''`` is no such measure: next to the boundary it is about
``theta`` itself, tiny although the MLE is far away.)

:func:`product_derivative` differentiates a product of probabilities three ways and
counts the arithmetic operations, to show that the product rule does not force an
O(n^2) cost: the reasons to take logs are underflow and additivity.

Counts are whole numbers in ``[0, 10**15]`` (so that ``n_H + n_T`` and ``n * theta`` are
computed without losing whole units in float64).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from ._validation import (
    check_choice,
    check_count,
    check_int_in_range,
    check_probability,
    check_probability_scalar,
    check_rng,
)
from ._validation import check_positive as _check_positive
from ._validation import check_real as _check_real


def _real(value: object, name: str) -> float:
    """``_validation.check_real``, with an int too large for float64 a ValueError."""
    try:
        return _check_real(value, name)
    except OverflowError:
        raise ValueError(f"{name} must be finite, got an integer too large for float64") from None


def _positive(value: object, name: str) -> float:
    """``_validation.check_positive``, with an int too large for float64 a ValueError."""
    try:
        return _check_positive(value, name)
    except OverflowError:
        raise ValueError(f"{name} must be finite, got an integer too large for float64") from None


__all__ = [
    "DivergenceError",
    "OptimisationResult",
    "CountedValue",
    "nll_gradient",
    "nll_gradient_autograd",
    "nll_curvature",
    "max_stable_learning_rate",
    "contraction_factor",
    "learning_rate_regime",
    "error_ratios",
    "gradient_descent",
    "gradient_descent_torch",
    "minibatch_gradient_descent",
    "minibatch_jitter",
    "predicted_minibatch_jitter",
    "newton",
    "product_derivative",
]

_DTYPES = {"float32": np.float32, "float64": np.float64}
_PRODUCT_METHODS = ("naive", "ratio", "reverse")
_MAX_COUNT = 10**15
#: Largest step counts, so that every call ends within about a second on a busy 2-core
#: machine (measured: ~18 µs per NumPy step, ~5 µs per Newton step, up to ~1 ms per torch
#: step, ~25 µs per minibatch step plus ~1 µs per run and step in minibatch_jitter).
_MAX_STEPS = 50_000
_MAX_STEPS_TORCH = 1_000
_MAX_STEPS_NEWTON = 10_000
_MAX_STEPS_SGD = 20_000
_MAX_JITTER_WORK = 2_000_000


class DivergenceError(ValueError):
    """An iterate left (0, 1), where the log-likelihood is undefined.

    A subclass of ``ValueError``, raised by the optimisers of this module.

    Parameters
    ----------
    iteration : int
        1-based number of the step that left the interval.
    last_theta : float
        The last iterate that was still inside (0, 1).
    bad_theta : float
        The offending iterate (may be NaN or infinite).
    advice : str
        What to change, appended to the message.

    Attributes
    ----------
    iteration : int
        1-based number of the step that left the interval.
    last_theta : float
        The last iterate that was still inside (0, 1).
    bad_theta : float
        The offending iterate.

    Raises
    ------
    ValueError
        If ``last_theta`` or ``bad_theta`` cannot be formatted as a number with the
        ``.6g`` format (e.g. a ``str``).
    TypeError
        If ``last_theta`` or ``bad_theta`` has no numeric format at all (e.g. ``None``).

    Examples
    --------
    >>> error = DivergenceError(2, 0.9, 1.2, "Use a smaller lr.")
    >>> str(error)
    'diverged at step 2: theta went from 0.9 to 1.2, outside (0, 1). Use a smaller lr.'
    """

    def __init__(self, iteration: int, last_theta: float, bad_theta: float, advice: str) -> None:
        self.iteration = iteration
        self.last_theta = last_theta
        self.bad_theta = bad_theta
        super().__init__(
            f"diverged at step {iteration}: theta went from {last_theta:.6g} to "
            f"{bad_theta:.6g}, outside (0, 1). {advice}"
        )


@dataclass(frozen=True)
class OptimisationResult:
    """Outcome of an optimiser run.

    Made by the optimisers of this module; the fields are not validated.

    Parameters
    ----------
    theta : float
        The final iterate, in (0, 1).
    path : ndarray, shape (n_steps + 1,)
        Every iterate, starting with the initial value.
    n_steps : int
        Number of steps taken, >= 0.
    converged : bool
        Whether ``distance`` is at most the tolerance at the returned ``theta``.
    distance : float
        ``|U(theta)| / I(theta)`` at the returned ``theta``, >= 0.

    Attributes
    ----------
    theta : float
        The final iterate, in (0, 1).
    path : ndarray, shape (n_steps + 1,)
        Every iterate, starting with the initial value.
    n_steps : int
        Number of steps taken.
    converged : bool
        Whether ``distance`` is at most the tolerance at the returned ``theta`` (never
        judged by the size of the last step).
    distance : float
        ``|U(theta)| / I(theta)`` at the returned ``theta``: the gradient scaled by the
        inverse Fisher information (a Fisher-scoring step), which for the coin is exactly
        ``|theta - n_H / n|``.

    Raises
    ------
    TypeError
        If a field is missing or an unknown one is given.
    AttributeError
        On assigning to a field (the dataclass is frozen; ``FrozenInstanceError``).

    Examples
    --------
    >>> result = gradient_descent(9, 4, lr=0.1, mean=True, n_steps=3)
    >>> result.n_steps, result.converged, len(result.path)
    (3, False, 4)
    """

    theta: float
    path: NDArray[np.floating] = field(repr=False)
    n_steps: int
    converged: bool
    distance: float


class CountedValue(NamedTuple):
    """A computed value together with the number of arithmetic operations it took.

    Parameters
    ----------
    value : float
        The computed number (not validated).
    n_operations : int
        Additions, multiplications and divisions used, >= 0 (not validated).

    Attributes
    ----------
    value : float
        The computed number.
    n_operations : int
        Additions, multiplications and divisions used.

    Raises
    ------
    TypeError
        If a field is missing or an unknown one is given (the values themselves are
        not checked).

    Examples
    --------
    >>> CountedValue(0.12, 8).n_operations
    8
    """

    value: float
    n_operations: int


# ----------------------------------------------------------------------- argument checks


def _count(value: object, name: str) -> int:
    """A count in [0, 10**15]; never an OverflowError for a huge int or Fraction."""
    message = f"{name} must be a whole number in [0, {_MAX_COUNT:.0e}], got {value!r}"
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
        if int(value) > _MAX_COUNT:
            raise ValueError(message)
    try:
        result = check_count(value, name)
    except OverflowError:
        raise ValueError(message) from None
    if result > _MAX_COUNT:
        raise ValueError(message)
    return result


def _check_counts(n_heads: object, n_tails: object) -> tuple[int, int]:
    n_heads = _count(n_heads, "n_heads")
    n_tails = _count(n_tails, "n_tails")
    if n_heads == 0 or n_tails == 0:
        raise ValueError(
            "n_heads and n_tails must both be >= 1 for an interior optimum; "
            f"got n_heads={n_heads}, n_tails={n_tails} (the MLE is then on the boundary)"
        )
    return n_heads, n_tails


def _check_flag(value: object, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__}")
    return bool(value)


def _check_dtype(dtype: object) -> str:
    if not isinstance(dtype, str):
        raise TypeError(f"dtype must be one of {sorted(_DTYPES)}, got {type(dtype).__name__}")
    if dtype not in _DTYPES:
        raise ValueError(f"dtype must be one of {sorted(_DTYPES)}, got {dtype!r}")
    return dtype


def _check_tol(tol: object) -> float:
    tol = _real(tol, "tol")
    if tol < 0:
        raise ValueError(f"tol must be in [0, inf), got {tol}")
    return tol


def _check_theta(theta: object, name: str = "theta") -> float:
    return check_probability_scalar(theta, name, open_interval=True)


def _check_run(
    lr: object,
    n_steps: object,
    theta0: object,
    mean: object,
    dtype: object,
    tol: object,
    max_steps: int = _MAX_STEPS,
) -> tuple[float, int, float, bool, str, float]:
    return (
        _positive(lr, "lr"),
        check_int_in_range(n_steps, "n_steps", 1, max_steps),
        _check_theta(theta0, "theta0"),
        _check_flag(mean, "mean"),
        _check_dtype(dtype),
        _check_tol(tol),
    )


# ------------------------------------------------------ exact formulas used by the optimisers


def _mean_curvature_at_mle(n_heads: int, n_tails: int) -> float:
    """1 / (θ̂(1 − θ̂)) = n² / (n_H n_T), the mean NLL's curvature at the MLE."""
    n = n_heads + n_tails
    return (n / n_heads) * (n / n_tails)


def _newton_step(theta: float, n_heads: int, n_tails: int) -> float:
    """NLL'(θ) / NLL''(θ) = θ(1−θ)(nθ − n_H) / (n_H(1−θ)² + n_Tθ²), finite for every θ in (0, 1)."""
    one_minus = 1.0 - theta
    n = n_heads + n_tails
    return (
        theta
        * one_minus
        * (n * theta - n_heads)
        / (n_heads * one_minus * one_minus + n_tails * theta * theta)
    )


def _converged(
    theta: float, n_heads: int, n_tails: int, tol: float, dtype: str
) -> tuple[bool, float]:
    """|U(θ)| / I(θ) = |nθ − n_H| / n at theta, and whether it is at most tol (or 4 ulps)."""
    n = n_heads + n_tails
    distance = abs(n * theta - n_heads) / n
    float_type = _DTYPES[dtype]
    floor = 4.0 * float(np.spacing(float_type(theta)))
    return distance <= max(tol, floor), distance


def _lr_advice(lr: float, n_heads: int, n_tails: int, mean: bool, last_theta: float) -> str:
    limit = max_stable_learning_rate(n_heads, n_tails, mean=mean)
    if lr >= limit:
        advice = (
            f"lr={lr:.3g} is at or above 2/curvature = {limit:.3g} at the MLE, so even "
            "near the MLE the steps would not settle; use a smaller lr"
        )
        if mean:
            return advice + "."
        mean_limit = max_stable_learning_rate(n_heads, n_tails, mean=True)
        return advice + (f", or the mean NLL (stable near the MLE below lr = {mean_limit:.3g}).")
    scale = 1.0 / (n_heads + n_tails) if mean else 1.0
    here = scale * (n_heads / last_theta / last_theta + n_tails / (1 - last_theta) ** 2)
    return (
        f"lr={lr:.3g} is below 2/curvature = {limit:.3g} at the MLE, but that limit holds "
        f"only near the MLE: at theta = {last_theta:.3g} the curvature is {here:.3g} "
        f"(2/curvature = {2 / here:.3g}), so the step overshot. Use a smaller lr, start "
        "closer to the MLE, or use newton(..., line_search=True)."
    )


# ----------------------------------------------------------------- derivatives of the NLL


def _finite(value: float, what: str, theta: float) -> float:
    if not math.isfinite(value):
        raise ValueError(
            f"theta={theta!r} is too close to 0 or 1: the {what} overflows float64 there "
            "(choose theta farther from the boundary)"
        )
    return value


def nll_gradient(theta: float, n_heads: int, n_tails: int, *, mean: bool = False) -> float:
    r"""Hand-derived gradient of the NLL: :math:`-n_H/\theta + n_T/(1-\theta)`.

    The NLL is :math:`-(n_H\ln\theta + n_T\ln(1-\theta))`; its derivative is minus the
    score :math:`U(\theta)`.

    Parameters
    ----------
    theta : float
        Probability of heads, in (0, 1).
    n_heads, n_tails : int
        Counts, whole numbers in [0, 10**15].
    mean : bool
        Differentiate the mean NLL (the sum divided by the number of flips n).

    Returns
    -------
    float
        :math:`\mathrm{NLL}'(\theta)`, per flip if ``mean``; zero at the MLE n_H / n.

    Raises
    ------
    ValueError
        If ``theta`` is not in (0, 1), a count is negative, not whole or above 10**15,
        ``mean=True`` with no flips, or the gradient overflows float64 (theta within
        about 1e-308 times the counts of 0 or 1).
    TypeError
        If an argument has the wrong type (``mean`` must be a bool).

    Examples
    --------
    >>> round(nll_gradient(0.5, 9, 4), 6)
    -10.0
    >>> nll_gradient(9 / 13, 9, 4, mean=True) == 0
    True
    """
    theta = _check_theta(theta)
    n_heads = _count(n_heads, "n_heads")
    n_tails = _count(n_tails, "n_tails")
    mean = _check_flag(mean, "mean")
    if mean and n_heads + n_tails == 0:
        raise ValueError("mean=True needs n_heads + n_tails >= 1, got 0 flips")
    gradient = _finite(-n_heads / theta + n_tails / (1.0 - theta), "gradient", theta)
    if mean:
        gradient /= n_heads + n_tails
    return gradient


def nll_gradient_autograd(theta: float, n_heads: int, n_tails: int, *, mean: bool = False) -> float:
    """The NLL gradient computed by PyTorch autograd (float64), to check :func:`nll_gradient`.

    Needs ``torch``.

    Parameters
    ----------
    theta : float
        Probability of heads, in (0, 1).
    n_heads, n_tails : int
        Counts, whole numbers in [0, 10**15].
    mean : bool
        Differentiate the mean NLL.

    Returns
    -------
    float
        The derivative of the NLL that ``loss.backward()`` computes.

    Raises
    ------
    ValueError
        As :func:`nll_gradient`.
    TypeError
        As :func:`nll_gradient`.

    Examples
    --------
    >>> round(nll_gradient_autograd(0.5, 9, 4), 6)
    -10.0
    """
    import torch  # imported lazily: the rest of the package does not need it

    expected = nll_gradient(theta, n_heads, n_tails, mean=mean)  # validates, checks overflow
    theta = float(theta)
    n_heads, n_tails = int(n_heads), int(n_tails)
    scale = 1.0 / (n_heads + n_tails) if mean else 1.0
    point = torch.tensor(theta, dtype=torch.float64, requires_grad=True)
    loss = -scale * (n_heads * torch.log(point) + n_tails * torch.log(1 - point))
    loss.backward()
    value = float(point.grad)
    return value if math.isfinite(value) else expected


def nll_curvature(theta: float, n_heads: int, n_tails: int, *, mean: bool = False) -> float:
    r"""Second derivative of the NLL: :math:`n_H/\theta^2 + n_T/(1-\theta)^2`.

    It is positive for every theta in (0, 1) (the NLL is convex), and at the MLE it
    equals the observed information :math:`J(\hat\theta) = -\ell''(\hat\theta)`.

    Parameters
    ----------
    theta : float
        Probability of heads, in (0, 1).
    n_heads, n_tails : int
        Counts, whole numbers in [0, 10**15].
    mean : bool
        The curvature of the mean NLL (divided by n).

    Returns
    -------
    float
        :math:`\mathrm{NLL}''(\theta) \ge 0`.

    Raises
    ------
    ValueError
        If an argument is out of range, or the curvature overflows float64 (theta too
        close to 0 or 1, e.g. ``theta=1e-200``).
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> round(nll_curvature(9 / 13, 9, 4), 2)
    61.03
    """
    theta = _check_theta(theta)
    n_heads = _count(n_heads, "n_heads")
    n_tails = _count(n_tails, "n_tails")
    mean = _check_flag(mean, "mean")
    if mean and n_heads + n_tails == 0:
        raise ValueError("mean=True needs n_heads + n_tails >= 1, got 0 flips")
    one_minus = 1.0 - theta
    curvature = _finite(
        n_heads / theta / theta + n_tails / one_minus / one_minus, "curvature", theta
    )
    if mean:
        curvature /= n_heads + n_tails
    return curvature


def max_stable_learning_rate(n_heads: int, n_tails: int, *, mean: bool = False) -> float:
    r"""Largest learning rate for which gradient descent is stable *near the MLE*: 2 / curvature.

    Near the optimum a step multiplies the error by ``1 - lr * c`` with c the curvature
    at the MLE, :math:`c = n/(\hat\theta(1-\hat\theta))` (divided by n for the mean NLL);
    this shrinks only while ``lr < 2 / c``. The limit is local: from a start far from
    the MLE, where the NLL is steeper, a smaller lr can be needed.

    Parameters
    ----------
    n_heads, n_tails : int
        Counts, both in [1, 10**15].
    mean : bool
        For the mean NLL (then the limit is :math:`2\hat\theta(1-\hat\theta)`, whatever n).

    Returns
    -------
    float
        ``2 / c`` in units of lr.

    Raises
    ------
    ValueError
        If a count is 0 (no interior MLE), negative, not whole or above 10**15.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> f"{max_stable_learning_rate(8675309, 256245):.2e}"
    '6.24e-09'
    >>> round(max_stable_learning_rate(9, 4, mean=True), 4)
    0.426
    """
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    mean = _check_flag(mean, "mean")
    curvature = _mean_curvature_at_mle(n_heads, n_tails)
    if not mean:
        curvature *= n_heads + n_tails
    return 2.0 / curvature


def contraction_factor(lr: float, n_heads: int, n_tails: int, *, mean: bool = False) -> float:
    """Factor ``1 - lr * c`` by which one step multiplies the error near the MLE.

    From the linearisation ``NLL'(theta) ≈ c (theta - MLE)``, with c the curvature at
    the MLE. Its absolute value below 1 means convergence from close enough to the MLE;
    a negative value means each step overshoots, so the iterates alternate sides.

    Parameters
    ----------
    lr : float
        Learning rate, > 0.
    n_heads, n_tails : int
        Counts, both in [1, 10**15].
    mean : bool
        For the mean NLL.

    Returns
    -------
    float
        ``1 - lr * c``.

    Raises
    ------
    ValueError
        If an argument is out of range, or ``lr * c`` overflows float64.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> round(contraction_factor(0.1, 9, 4, mean=True), 4)
    0.5306
    """
    lr = _positive(lr, "lr")
    limit = max_stable_learning_rate(n_heads, n_tails, mean=mean)
    product = lr * (2.0 / limit)
    if not math.isfinite(product):
        raise ValueError(f"lr={lr} times the curvature {2.0 / limit:.3g} overflows float64")
    return 1.0 - product


def learning_rate_regime(lr: float, n_heads: int, n_tails: int, *, mean: bool = False) -> str:
    """Classify a learning rate by the linearised dynamics near the MLE.

    Parameters
    ----------
    lr : float
        Learning rate, > 0.
    n_heads, n_tails : int
        Counts, both in [1, 10**15].
    mean : bool
        For the mean NLL.

    Returns
    -------
    str
        ``"monotone"`` (lr < 1/c: the error shrinks without changing sign),
        ``"oscillating"`` (1/c <= lr < 2/c: it shrinks while alternating sides) or
        ``"unstable"`` (lr >= 2/c: it does not shrink), where c is the curvature at the
        MLE. These describe the iterates near the MLE only.

    Raises
    ------
    ValueError
        As :func:`contraction_factor`.
    TypeError
        As :func:`contraction_factor`.

    Examples
    --------
    >>> [learning_rate_regime(lr, 9, 4, mean=True) for lr in (0.1, 0.3, 0.5)]
    ['monotone', 'oscillating', 'unstable']
    """
    factor = contraction_factor(lr, n_heads, n_tails, mean=mean)
    if factor > 0:
        return "monotone"
    return "oscillating" if factor > -1 else "unstable"


def error_ratios(path: object, n_heads: int, n_tails: int) -> NDArray[np.float64]:
    r"""Per-step error ratios :math:`|\theta_{k+1}-\hat\theta| / |\theta_k-\hat\theta|` of a run.

    Near the MLE a gradient step's ratio tends to :math:`|1 - \eta c|`
    (:func:`contraction_factor`); far from it the local curvature differs, and so does the
    ratio. Steps that start exactly at the MLE have no ratio and are dropped.

    Parameters
    ----------
    path : array_like, shape (k + 1,)
        Iterates in (0, 1), e.g. ``gradient_descent(...).path``; at least two.
    n_heads, n_tails : int
        Counts, both in [1, 10**15]; the MLE is n_H / n.

    Returns
    -------
    ndarray, shape (m,)
        One ratio per step whose starting error is not zero (m <= k).

    Raises
    ------
    ValueError
        If ``path`` is not 1-d, has fewer than two entries, or leaves (0, 1), or a count
        is out of range.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> run = gradient_descent(9, 4, lr=0.1, mean=True, n_steps=30)
    >>> error_ratios(run.path, 9, 4)[-1].round(3)
    np.float64(0.531)
    """
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    values = check_probability(path, "path", open_interval=True)
    if values.ndim != 1 or values.size < 2:
        raise ValueError(
            f"path must be a 1-d array of at least 2 iterates, got shape {values.shape}"
        )
    errors = np.abs(values - n_heads / (n_heads + n_tails))
    keep = errors[:-1] > 0
    return errors[1:][keep] / errors[:-1][keep]


# --------------------------------------------------------------------------- optimisers


def gradient_descent(
    n_heads: int,
    n_tails: int,
    *,
    lr: float,
    n_steps: int = 100,
    theta0: float = 0.5,
    mean: bool = False,
    dtype: str = "float64",
    tol: float = 0.0,
) -> OptimisationResult:
    r"""Minimise the coin NLL by gradient descent with the hand-derived gradient.

    Repeats :math:`\theta_{k+1} = \theta_k - \eta\,\mathrm{NLL}'(\theta_k)` with the
    learning rate :math:`\eta` = ``lr``.

    Parameters
    ----------
    n_heads, n_tails : int
        Counts, both in [1, 10**15].
    lr : float
        Learning rate, > 0 (keyword only).
    n_steps : int
        Maximum number of steps, in [1, 50000] (about 20 µs each, so up to about a second).
    theta0 : float
        Starting point in (0, 1).
    mean : bool
        Use the mean NLL (gradient divided by the number of flips).
    dtype : {"float64", "float32"}
        Floating type of every iterate and of the arithmetic.
    tol : float
        Stop once the scaled gradient ``|U(theta)| / I(theta)`` (see the module
        docstring; here ``|theta - n_H/n|``) is at most ``tol``, in units of theta
        (>= 0), or once an iterate repeats exactly; ``tol=0`` runs every step unless
        an iterate repeats. The run has converged if, at the returned theta, the
        scaled gradient is at most ``tol`` or at most 4 units in the last place of
        theta in ``dtype`` (what rounding allows).

    Returns
    -------
    OptimisationResult
        The last iterate, the path, the number of steps, whether it converged (the
        scaled gradient at the returned theta is at most ``tol``, or at rounding level),
        and that scaled gradient.

    Raises
    ------
    DivergenceError
        If an iterate leaves (0, 1) or stops being finite.
    ValueError
        If an argument is out of range.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> result = gradient_descent(9, 4, lr=0.1, mean=True, n_steps=200)
    >>> round(result.theta, 4), result.converged
    (0.6923, True)
    >>> gradient_descent(9, 4, lr=1e-20).converged   # stuck at 0.5, far from 9/13
    False
    """
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    lr, n_steps, theta0, mean, dtype, tol = _check_run(lr, n_steps, theta0, mean, dtype, tol)
    float_type = _DTYPES[dtype]
    with np.errstate(all="ignore"):  # divergence is reported below, not as a warning
        scale = float_type(1.0 / (n_heads + n_tails) if mean else 1.0)
        heads, tails, step = float_type(n_heads), float_type(n_tails), float_type(lr)
        one = float_type(1.0)
        theta = float_type(theta0)
        path = [theta]
        for iteration in range(1, n_steps + 1):
            gradient = scale * (-heads / theta + tails / (one - theta))
            new_theta = float_type(theta - step * gradient)
            if not (np.isfinite(new_theta) and 0 < new_theta < 1):
                raise DivergenceError(
                    iteration,
                    float(theta),
                    float(new_theta),
                    _lr_advice(lr, n_heads, n_tails, mean, float(theta)),
                )
            stalled = new_theta == theta
            theta = new_theta
            path.append(theta)
            if stalled or _converged(float(theta), n_heads, n_tails, tol, dtype)[1] <= tol:
                break
    converged, distance = _converged(float(theta), n_heads, n_tails, tol, dtype)
    return OptimisationResult(
        float(theta), np.array(path, dtype=float_type), len(path) - 1, converged, distance
    )


def gradient_descent_torch(
    n_heads: int,
    n_tails: int,
    *,
    lr: float,
    n_steps: int = 100,
    theta0: float = 0.5,
    mean: bool = False,
    dtype: str = "float64",
    tol: float = 0.0,
) -> OptimisationResult:
    """The same gradient descent with the gradient from PyTorch autograd.

    Needs ``torch``.

    Parameters
    ----------
    n_heads, n_tails : int
        Counts, both in [1, 10**15].
    lr : float
        Learning rate, > 0 (keyword only).
    n_steps : int
        Maximum number of steps, in [1, 1000] (up to about 1 ms each with autograd).
    theta0 : float
        Starting point in (0, 1).
    mean : bool
        Use the mean NLL.
    dtype : {"float64", "float32"}
        Torch floating type of the parameter.
    tol : float
        Convergence tolerance on the scaled gradient at the iterate, >= 0, as in
        :func:`gradient_descent`.

    Returns
    -------
    OptimisationResult
        As :func:`gradient_descent`.

    Raises
    ------
    DivergenceError
        If an iterate leaves (0, 1).
    ValueError
        If an argument is out of range.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> result = gradient_descent_torch(9, 4, lr=0.1, mean=True, n_steps=200)
    >>> round(result.theta, 4)
    0.6923
    """
    import torch  # imported lazily: the rest of the package does not need it

    n_heads, n_tails = _check_counts(n_heads, n_tails)
    lr, n_steps, theta0, mean, dtype, tol = _check_run(
        lr, n_steps, theta0, mean, dtype, tol, _MAX_STEPS_TORCH
    )
    torch_dtype = {"float32": torch.float32, "float64": torch.float64}[dtype]
    theta = torch.tensor(theta0, dtype=torch_dtype, requires_grad=True)
    scale = 1.0 / (n_heads + n_tails) if mean else 1.0
    path = [theta.item()]
    for iteration in range(1, n_steps + 1):
        loss = -scale * (n_heads * torch.log(theta) + n_tails * torch.log(1 - theta))
        loss.backward()
        with torch.no_grad():
            last = theta.item()
            theta -= lr * theta.grad
            if not (bool(torch.isfinite(theta)) and 0 < theta.item() < 1):
                raise DivergenceError(
                    iteration, last, theta.item(), _lr_advice(lr, n_heads, n_tails, mean, last)
                )
        theta.grad.zero_()
        path.append(theta.item())
        if path[-1] == last or _converged(path[-1], n_heads, n_tails, tol, dtype)[1] <= tol:
            break
    converged, distance = _converged(path[-1], n_heads, n_tails, tol, dtype)
    return OptimisationResult(
        float(path[-1]), np.array(path, dtype=_DTYPES[dtype]), len(path) - 1, converged, distance
    )


def minibatch_gradient_descent(
    n_heads: int,
    n_tails: int,
    *,
    lr: float,
    batch_size: int,
    rng: np.random.Generator,
    n_steps: int = 100,
    theta0: float = 0.5,
) -> OptimisationResult:
    """Stochastic gradient descent on the mean NLL, one random minibatch of flips per step.

    Each step draws ``batch_size`` flips at random (with replacement) from the data
    and follows the gradient of *their* mean NLL, an unbiased estimate of the full
    mean-NLL gradient. This works because the NLL is a sum over independent flips.
    With a constant ``lr`` the iterates end up fluctuating around the MLE, by an
    amount that shrinks with a smaller ``lr`` or a larger ``batch_size``
    (:func:`predicted_minibatch_jitter`); so every run reports ``converged=False``.

    Parameters
    ----------
    n_heads, n_tails : int
        Counts, both in [1, 10**15].
    lr : float
        Learning rate on the mean NLL, > 0.
    batch_size : int
        Flips per minibatch, in [1, 10**9].
    rng : numpy.random.Generator
        The seeded source of the minibatches, e.g. ``np.random.default_rng(0)``.
    n_steps : int
        Number of steps, in [1, 20000] (about 25 µs each).
    theta0 : float
        Starting point in (0, 1).

    Returns
    -------
    OptimisationResult
        The path of the run (``converged`` is always False; ``distance`` is the
        scaled full-data gradient at the last iterate, as in :func:`gradient_descent`).

    Raises
    ------
    DivergenceError
        If an iterate leaves (0, 1).
    ValueError
        If an argument is out of range.
    TypeError
        If an argument has the wrong type (``rng`` must be a Generator).

    Examples
    --------
    >>> result = minibatch_gradient_descent(9, 4, lr=0.05, batch_size=100, n_steps=300,
    ...                                     rng=np.random.default_rng(0))
    >>> abs(result.theta - 9 / 13) < 0.02
    True
    """
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    lr, n_steps, theta0, _, _, _ = _check_run(
        lr, n_steps, theta0, True, "float64", 0, _MAX_STEPS_SGD
    )
    batch_size = check_int_in_range(batch_size, "batch_size", 1, 10**9)
    rng = check_rng(rng)
    theta_hat = n_heads / (n_heads + n_tails)
    theta = theta0
    path = [theta]
    for iteration in range(1, n_steps + 1):
        heads = int(rng.binomial(batch_size, theta_hat))  # heads among the sampled flips
        gradient = (-heads / theta + (batch_size - heads) / (1.0 - theta)) / batch_size
        new_theta = theta - lr * gradient
        if not (math.isfinite(new_theta) and 0 < new_theta < 1):
            raise DivergenceError(
                iteration, theta, new_theta, _lr_advice(lr, n_heads, n_tails, True, theta)
            )
        theta = new_theta
        path.append(theta)
    distance = _converged(theta, n_heads, n_tails, 0.0, "float64")[1]
    return OptimisationResult(theta, np.array(path), n_steps, False, distance)


def minibatch_jitter(
    n_heads: int,
    n_tails: int,
    *,
    lr: float,
    batch_size: int,
    rng: np.random.Generator,
    n_runs: int = 200,
    n_steps: int = 300,
    n_late: int = 100,
    theta0: float = 0.5,
    decay: float = 0.0,
) -> float:
    r"""RMS distance of minibatch-SGD iterates from the MLE, over many independent runs.

    Runs ``n_runs`` copies of :func:`minibatch_gradient_descent` at once (vectorised,
    each with its own minibatches from ``rng``) and returns
    :math:`\sqrt{\operatorname{mean}(\theta_k - \hat\theta)^2}` over the last ``n_late``
    steps of all runs: the typical size of the jitter that one lucky or unlucky run hides.
    Step k (1-based) uses the learning rate ``lr / (1 + decay * (k - 1))``; ``decay=0``
    keeps it constant, and then the result is close to
    :func:`predicted_minibatch_jitter`.

    Parameters
    ----------
    n_heads, n_tails : int
        Counts, both in [1, 10**15]; minibatches are drawn from these flips with replacement.
    lr : float
        Initial learning rate on the mean NLL, > 0.
    batch_size : int
        Flips per minibatch, in [1, 10**9].
    rng : numpy.random.Generator
        The seeded source of the minibatches, e.g. ``np.random.default_rng(0)``.
    n_runs : int
        Independent runs, in [1, 100000].
    n_steps : int
        Steps per run, in [1, 20000]; ``n_runs * n_steps`` at most 2 000 000 (each
        step costs about 25 µs plus 1 µs per run: at most about a second).
    n_late : int
        How many final steps to average over, in [1, n_steps].
    theta0 : float
        Starting point of every run, in (0, 1).
    decay : float
        Learning-rate decay, in [0, inf).

    Returns
    -------
    float
        The RMS distance from the MLE, in units of theta.

    Raises
    ------
    DivergenceError
        If an iterate of any run leaves (0, 1).
    ValueError
        If an argument is out of range.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> rms = minibatch_jitter(900, 400, lr=0.05, batch_size=100,
    ...                        rng=np.random.default_rng(0))
    >>> round(rms / predicted_minibatch_jitter(900, 400, lr=0.05, batch_size=100), 1)
    1.0
    """
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    lr, n_steps, theta0, _, _, _ = _check_run(
        lr, n_steps, theta0, True, "float64", 0, _MAX_STEPS_SGD
    )
    batch_size = check_int_in_range(batch_size, "batch_size", 1, 10**9)
    rng = check_rng(rng)
    n_runs = check_int_in_range(n_runs, "n_runs", 1, 100_000)
    if n_runs * n_steps > _MAX_JITTER_WORK:
        raise ValueError(
            f"n_runs * n_steps must be at most {_MAX_JITTER_WORK:,}, got "
            f"{n_runs} * {n_steps} = {n_runs * n_steps:,}"
        )
    n_late = check_int_in_range(n_late, "n_late", 1, n_steps)
    decay = _real(decay, "decay")
    if decay < 0:
        raise ValueError(f"decay must be in [0, inf), got {decay}")
    theta_hat = n_heads / (n_heads + n_tails)
    theta = np.full(n_runs, theta0)
    sum_squares = 0.0
    with np.errstate(all="ignore"):  # a step out of (0, 1) is reported below
        for iteration in range(1, n_steps + 1):
            heads = rng.binomial(batch_size, theta_hat, size=n_runs)
            gradient = (-heads / theta + (batch_size - heads) / (1.0 - theta)) / batch_size
            new_theta = theta - lr / (1.0 + decay * (iteration - 1)) * gradient
            outside = ~((new_theta > 0) & (new_theta < 1))
            if np.any(outside):
                run = int(np.argmax(outside))
                raise DivergenceError(
                    iteration,
                    float(theta[run]),
                    float(new_theta[run]),
                    _lr_advice(lr, n_heads, n_tails, True, float(theta[run])),
                )
            theta = new_theta
            if iteration > n_steps - n_late:
                sum_squares += float(np.sum((theta - theta_hat) ** 2))
    return float(np.sqrt(sum_squares / (n_runs * n_late)))


def predicted_minibatch_jitter(n_heads: int, n_tails: int, *, lr: float, batch_size: int) -> float:
    r"""Long-run RMS distance from the MLE of constant-``lr`` minibatch SGD, linear theory.

    Near the MLE a step multiplies the error by :math:`1 - \eta c` (``c`` the mean-NLL
    curvature at the MLE) and subtracts :math:`\eta` times the minibatch gradient's noise
    :math:`\xi_k` (mean 0, independent of the error). A
    minibatch of B flips drawn from the data has a mean-NLL gradient at the MLE with
    variance :math:`c/B`: one flip's gradient is minus its score, whose variance under
    the data's own distribution is the per-flip Fisher information
    :math:`1/(\hat\theta(1-\hat\theta)) = c`. The stationary variance of the recursion
    :math:`e_{k+1} = (1-\eta c) e_k - \eta \xi_k` is
    :math:`\eta^2 (c/B) / (1 - (1-\eta c)^2) = \eta / (B\,(2 - \eta c))`: the jitter
    shrinks like :math:`1/\sqrt{B}` and like :math:`\sqrt{\eta}` for small ``lr``.

    Parameters
    ----------
    n_heads, n_tails : int
        Counts, both in [1, 10**15].
    lr : float
        Learning rate on the mean NLL, in (0, 2/c).
    batch_size : int
        Flips per minibatch, in [1, 10**9].

    Returns
    -------
    float
        :math:`\sqrt{\eta / (B (2 - \eta c))}`, in units of theta.

    Raises
    ------
    ValueError
        If ``lr >= 2/c`` (the iterates then do not settle, so there is no stationary
        jitter) or another argument is out of range.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> round(predicted_minibatch_jitter(9, 4, lr=0.1, batch_size=10), 4)
    0.0808
    """
    lr = _positive(lr, "lr")
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    batch_size = check_int_in_range(batch_size, "batch_size", 1, 10**9)
    limit = max_stable_learning_rate(n_heads, n_tails, mean=True)
    if lr >= limit:
        raise ValueError(
            f"lr must be in (0, {limit:.6g}) (below 2/curvature of the mean NLL), got {lr}"
        )
    curvature = _mean_curvature_at_mle(n_heads, n_tails)
    return float(np.sqrt(lr / (batch_size * (2.0 - lr * curvature))))


def newton(
    n_heads: int,
    n_tails: int,
    *,
    theta0: float = 0.5,
    tol: float = 1e-12,
    n_steps: int = 100,
    line_search: bool = False,
) -> OptimisationResult:
    r"""Newton's method on the NLL: ``theta -= NLL'(theta) / NLL''(theta)``.

    The step is the gradient times 1/curvature, so it needs no learning rate and is the
    same for the summed and the mean NLL; close to the MLE the number of correct digits
    roughly doubles per step (quadratic convergence). Far from the MLE the full step can
    overshoot out of (0, 1). The step is computed as
    :math:`\theta(1-\theta)(n\theta-n_H)/(n_H(1-\theta)^2+n_T\theta^2)`, finite for every
    theta in (0, 1).

    Parameters
    ----------
    n_heads, n_tails : int
        Counts, both in [1, 10**15].
    theta0 : float
        Starting point in (0, 1).
    tol : float
        Converged once the scaled gradient ``|U(theta)| / I(theta)`` at the iterate is
        at most ``tol`` (or within 4 rounding units of theta), >= 0. Not the Newton step
        itself, which is about theta next to the boundary, however far the MLE.
    n_steps : int
        Maximum number of steps, in [1, 10000].
    line_search : bool
        Halve the step until the new iterate is inside (0, 1) and has a smaller
        gradient (a backtracking line search), so no start leaves (0, 1); from next to
        the boundary the iterates still approach the MLE only by doublings.

    Returns
    -------
    OptimisationResult
        The last iterate, the path, the steps taken, whether the scaled gradient at the
        returned theta is within ``tol``, and that scaled gradient. A start next to the
        boundary (``theta0=1e-300``) moves by doublings and reports ``converged=False``
        if ``n_steps`` runs out.

    Raises
    ------
    DivergenceError
        If a full step leaves (0, 1) and ``line_search`` is False.
    ValueError
        If an argument is out of range.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> result = newton(9, 4, theta0=0.3)
    >>> round(result.theta, 6), result.converged
    (0.692308, True)
    >>> newton(9, 4, theta0=1e-300).converged
    False
    """
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    theta = _check_theta(theta0, "theta0")
    tol = _check_tol(tol)
    n_steps = check_int_in_range(n_steps, "n_steps", 1, _MAX_STEPS_NEWTON)
    line_search = _check_flag(line_search, "line_search")
    n = n_heads + n_tails

    def size(point: float) -> float:  # |NLL'(point)|, compared (not returned) by the search
        return abs(n * point - n_heads) / (point * (1.0 - point))

    path = [theta]
    for iteration in range(1, n_steps + 1):
        step = _newton_step(theta, n_heads, n_tails)
        new_theta = theta - step
        if line_search:
            # Shorten the step until it stays inside (0, 1) and brings the gradient closer
            # to zero. (Comparing NLL values instead fails near the minimum, where the NLL's
            # decrease is smaller than its rounding error.)
            now = size(theta)
            while not (0 < new_theta < 1 and size(new_theta) <= now):
                step /= 2
                new_theta = theta - step
                if new_theta == theta:  # the step no longer moves theta
                    break
        elif not 0 < new_theta < 1:
            raise DivergenceError(
                iteration,
                theta,
                new_theta,
                "Newton's full step overshoots from this start; start closer to the MLE "
                "or use line_search=True.",
            )
        path.append(new_theta)
        stalled = new_theta == theta
        theta = new_theta
        converged, distance = _converged(theta, n_heads, n_tails, tol, "float64")
        if converged or stalled:
            return OptimisationResult(theta, np.array(path), iteration, converged, distance)
    converged, distance = _converged(theta, n_heads, n_tails, tol, "float64")
    return OptimisationResult(theta, np.array(path), n_steps, converged, distance)


# ------------------------------------------------------ differentiating a product of n terms


def _flip_factors(theta: float, flips: str) -> tuple[list[float], list[float]]:
    """Per-flip probabilities p_i (theta or 1 - theta) and their derivatives (+1 or -1)."""
    if not isinstance(flips, str):
        raise TypeError(f"flips must be a str of H/T letters, got {type(flips).__name__}")
    letters = flips.upper()
    if not letters or set(letters) - {"H", "T"}:
        bad = next((c for c in flips if c.upper() not in "HT"), None)
        raise ValueError(
            "flips must be a non-empty str of the letters H and T"
            + (f"; found {bad!r}" if bad is not None else "; got an empty string")
        )
    probabilities = [theta if c == "H" else 1.0 - theta for c in letters]
    derivatives = [1.0 if c == "H" else -1.0 for c in letters]
    return probabilities, derivatives


def product_derivative(theta: float, flips: str, *, method: str = "ratio") -> CountedValue:
    r"""Derivative in theta of :math:`P = \prod_i p_i(\theta)`, counting arithmetic operations.

    ``p_i`` is theta for a head and 1 - theta for a tail. Three ways:

    - ``"naive"``: the product rule term by term,
      :math:`\sum_i p_i' \prod_{j \ne i} p_j`: about n² operations;
    - ``"ratio"``: :math:`P \sum_i p_i'/p_i`: about 3n operations;
    - ``"reverse"``: reverse-mode differentiation (what autograd does): a forward
      pass storing the running products, then one backward pass: about 5n operations
      (Griewank and Walther, *Evaluating Derivatives*, 2nd ed., 2008, chapter 3).

    All three give the same number, and all three underflow to 0 when P does.

    Parameters
    ----------
    theta : float
        Probability of heads, in (0, 1).
    flips : str
        The sequence, letters H and T (any case); at most 1500 letters for
        ``"naive"`` (2.25 million operations, up to about a second) and 100000 for the
        others.
    method : {"naive", "ratio", "reverse"}
        How to differentiate.

    Returns
    -------
    CountedValue
        ``(value, n_operations)``: the derivative (finite; 0 once P underflows) and the
        number of additions, multiplications and divisions used.

    Raises
    ------
    ValueError
        If theta is not in (0, 1), flips holds other letters, is empty or too long,
        method is not one of the three names, or the derivative overflows float64.
    TypeError
        If flips or method is not a str, or theta is not a single real number.

    Examples
    --------
    >>> [round(product_derivative(0.6, "HHT", method=m).value, 6)
    ...  for m in ("naive", "ratio", "reverse")]
    [0.12, 0.12, 0.12]
    >>> product_derivative(0.6, "HHT", method="naive").n_operations
    8
    """
    theta = _check_theta(theta)
    method = check_choice(method, "method", list(_PRODUCT_METHODS))
    longest = 1500 if method == "naive" else 100_000
    if isinstance(flips, str) and len(flips) > longest:
        raise ValueError(
            f"flips must hold at most {longest:,} letters for method={method!r}, got {len(flips):,}"
        )
    p, dp = _flip_factors(theta, flips)
    n = len(p)
    operations = 0
    if method == "naive":
        total = 0.0
        for i in range(n):
            term = dp[i]
            for j in range(n):
                if j != i:
                    term *= p[j]
                    operations += 1
            total = term if i == 0 else total + term
            operations += i > 0
        return CountedValue(total, operations)
    if method == "ratio":
        product = p[0]
        for value in p[1:]:
            product *= value
            operations += 1
        ratio_sum = 0.0
        for i in range(n):
            ratio_sum = dp[i] / p[i] if i == 0 else ratio_sum + dp[i] / p[i]
            operations += 1 if i == 0 else 2
        value = product * ratio_sum if product != 0 else 0.0  # P underflowed: so does P'
        if not math.isfinite(value):  # some 1/p_i overflowed (theta within 1e-308 of 0 or 1)
            value = math.fsum(product / p_i * d_i for p_i, d_i in zip(p, dp, strict=True))
        return CountedValue(value, operations + 1)
    # reverse mode: forward pass keeps prefix products P_k = p_0 ... p_k ...
    prefix = [p[0]]
    for k in range(1, n):
        prefix.append(prefix[-1] * p[k])
        operations += 1
    # ... backward pass: adjoint = dP/dP_k; dP/dp_k = adjoint * P_{k-1}; dp_k/dθ = dp_k.
    adjoint, gradient = 1.0, 0.0
    for k in range(n - 1, 0, -1):
        gradient += adjoint * prefix[k - 1] * dp[k]
        adjoint *= p[k]
        operations += 4
    gradient += adjoint * dp[0]
    operations += 2
    return CountedValue(gradient, operations)

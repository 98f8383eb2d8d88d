"""Numerical maximum likelihood for the coin: gradient descent, Newton's method, and why logs.

The gradient descent here is the seed text's algorithm, written twice: once with
the gradient derived by hand (NumPy) and once with PyTorch autograd. Both stop
with a :class:`DivergenceError` that says what happened, instead of returning NaN,
when an iterate leaves (0, 1).

Near the MLE a gradient step multiplies the error by ``1 - lr * c``, where ``c`` is
the NLL's curvature there (:func:`contraction_factor`): the iterates approach the MLE
monotonically for ``lr < 1/c``, overshoot and oscillate in for ``1/c < lr < 2/c``,
and do not converge above ``2/c`` (:func:`learning_rate_regime`).

:func:`product_derivative` differentiates a product of probabilities three ways and
counts the arithmetic operations, to show that the product rule does not force an
O(n^2) cost: the reasons to take logs are underflow and additivity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from ._validation import (
    check_count,
    check_int_in_range,
    check_positive,
    check_probability,
    check_real,
    check_rng,
)
from .likelihood import bernoulli_mle

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


class DivergenceError(ValueError):
    """An iterate left (0, 1), where the log-likelihood is undefined.

    Attributes
    ----------
    iteration : int
        1-based number of the step that left the interval.
    last_theta : float
        The last iterate that was still inside (0, 1).
    bad_theta : float
        The offending iterate.
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

    Attributes
    ----------
    theta : float
        The final iterate.
    path : ndarray
        Every iterate, starting with the initial value.
    n_iterations : int
        Number of steps taken.
    converged : bool
        Whether the last step moved theta by at most the tolerance.
    """

    theta: float
    path: NDArray[np.floating] = field(repr=False)
    n_iterations: int
    converged: bool


class CountedValue(NamedTuple):
    """A computed value together with the number of arithmetic operations it took."""

    value: float
    n_operations: int


# ----------------------------------------------------------------------- argument checks


def _check_counts(n_heads: int, n_tails: int) -> tuple[int, int]:
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
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
    tol = check_real(tol, "tol")
    if tol < 0:
        raise ValueError(f"tol must be in [0, inf), got {tol}")
    return tol


def _check_run(
    lr: float, n_iterations: int, theta0: float, mean: bool, dtype: str, tol: float
) -> tuple[float, int, float, bool, str, float]:
    return (
        check_positive(lr, "lr"),
        check_int_in_range(n_iterations, "n_iterations", 1, 10_000_000),
        float(check_probability(theta0, "theta0", open_interval=True)),
        _check_flag(mean, "mean"),
        _check_dtype(dtype),
        _check_tol(tol),
    )


def _lr_advice(lr: float, n_heads: int, n_tails: int, mean: bool) -> str:
    limit = max_stable_learning_rate(n_heads, n_tails, mean=mean)
    if lr >= limit:
        advice = (
            f"The learning rate lr={lr:.3g} is above 2/curvature = {limit:.3g}, the largest "
            "stable value for these data"
        )
    else:
        advice = (
            f"The learning rate lr={lr:.3g} is below 2/curvature = {limit:.3g} at the MLE, "
            "but the NLL is steeper where the run started"
        )
    if mean:
        return advice + "; use a smaller lr or start closer to the MLE."
    mean_limit = max_stable_learning_rate(n_heads, n_tails, mean=True)
    return advice + f"; use a smaller lr, or the mean NLL (stable below lr = {mean_limit:.3g})."


# ----------------------------------------------------------------- derivatives of the NLL


def nll_gradient(theta: float, n_heads: int, n_tails: int, *, mean: bool = False) -> float:
    r"""Hand-derived gradient of the NLL: :math:`-n_H/\theta + n_T/(1-\theta)`.

    Parameters
    ----------
    theta : float
        Probability of heads, in (0, 1).
    n_heads, n_tails : int
        Counts, whole numbers >= 0.
    mean : bool
        Differentiate the mean NLL (the sum divided by the number of flips).

    Examples
    --------
    >>> round(nll_gradient(0.5, 9, 4), 6)
    -10.0
    """
    theta = float(check_probability(theta, open_interval=True))
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    mean = _check_flag(mean, "mean")
    gradient = -n_heads / theta + n_tails / (1.0 - theta)
    if mean:
        if n_heads + n_tails == 0:
            raise ValueError("mean=True needs n_heads + n_tails >= 1, got 0 flips")
        gradient /= n_heads + n_tails
    return gradient


def nll_gradient_autograd(theta: float, n_heads: int, n_tails: int, *, mean: bool = False) -> float:
    """The NLL gradient computed by PyTorch autograd (float64), to check :func:`nll_gradient`.

    Needs ``torch``. Same parameters as :func:`nll_gradient`.

    Examples
    --------
    >>> round(nll_gradient_autograd(0.5, 9, 4), 6)
    -10.0
    """
    import torch  # imported lazily: the rest of the package does not need it

    theta = float(check_probability(theta, open_interval=True))
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    mean = _check_flag(mean, "mean")
    if mean and n_heads + n_tails == 0:
        raise ValueError("mean=True needs n_heads + n_tails >= 1, got 0 flips")
    scale = 1.0 / (n_heads + n_tails) if mean else 1.0
    point = torch.tensor(theta, dtype=torch.float64, requires_grad=True)
    loss = -scale * (n_heads * torch.log(point) + n_tails * torch.log(1 - point))
    loss.backward()
    return float(point.grad)


def nll_curvature(theta: float, n_heads: int, n_tails: int, *, mean: bool = False) -> float:
    r"""Second derivative of the NLL: :math:`n_H/\theta^2 + n_T/(1-\theta)^2`.

    It is positive for every theta in (0, 1) (the NLL is convex), and at the MLE it
    equals the observed Fisher information.

    Examples
    --------
    >>> round(nll_curvature(9 / 13, 9, 4), 2)
    61.03
    """
    theta = float(check_probability(theta, open_interval=True))
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    mean = _check_flag(mean, "mean")
    curvature = n_heads / theta**2 + n_tails / (1.0 - theta) ** 2
    if mean:
        if n_heads + n_tails == 0:
            raise ValueError("mean=True needs n_heads + n_tails >= 1, got 0 flips")
        curvature /= n_heads + n_tails
    return curvature


def max_stable_learning_rate(n_heads: int, n_tails: int, *, mean: bool = False) -> float:
    """Largest learning rate for which gradient descent is stable near the MLE: 2 / curvature.

    Near the optimum a step multiplies the error by ``1 - lr * curvature``; this
    shrinks only while ``lr < 2 / curvature``.

    Examples
    --------
    >>> f"{max_stable_learning_rate(8675309, 256245):.2e}"
    '6.24e-09'
    >>> round(max_stable_learning_rate(9, 4, mean=True), 4)
    0.426
    """
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    return 2.0 / nll_curvature(bernoulli_mle(n_heads, n_tails), n_heads, n_tails, mean=mean)


def contraction_factor(lr: float, n_heads: int, n_tails: int, *, mean: bool = False) -> float:
    """Factor ``1 - lr * curvature`` by which one step multiplies the error near the MLE.

    Its absolute value below 1 means convergence; a negative value means each step
    overshoots the MLE, so the iterates alternate sides.

    Examples
    --------
    >>> round(contraction_factor(0.1, 9, 4, mean=True), 4)
    0.5306
    """
    lr = check_positive(lr, "lr")
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    curvature = nll_curvature(bernoulli_mle(n_heads, n_tails), n_heads, n_tails, mean=mean)
    return 1.0 - lr * curvature


def learning_rate_regime(lr: float, n_heads: int, n_tails: int, *, mean: bool = False) -> str:
    """Classify a learning rate by the linearised dynamics near the MLE.

    Returns
    -------
    str
        ``"monotone"`` (lr < 1/c: the error shrinks without changing sign),
        ``"oscillating"`` (1/c <= lr < 2/c: it shrinks while alternating sides) or
        ``"unstable"`` (lr >= 2/c: it does not shrink), where c is the curvature at the MLE.

    Examples
    --------
    >>> [learning_rate_regime(lr, 9, 4, mean=True) for lr in (0.1, 0.3, 0.5)]
    ['monotone', 'oscillating', 'unstable']
    """
    factor = contraction_factor(lr, n_heads, n_tails, mean=mean)
    if factor > 0:
        return "monotone"
    return "oscillating" if factor > -1 else "unstable"


# --------------------------------------------------------------------------- optimisers


def gradient_descent(
    n_heads: int,
    n_tails: int,
    *,
    lr: float,
    n_iterations: int = 100,
    theta0: float = 0.5,
    mean: bool = False,
    dtype: str = "float64",
    tol: float = 0.0,
) -> OptimisationResult:
    """Minimise the coin NLL by gradient descent with the hand-derived gradient.

    Parameters
    ----------
    n_heads, n_tails : int
        Counts, both >= 1.
    lr : float
        Learning rate, > 0.
    n_iterations : int
        Maximum number of steps.
    theta0 : float
        Starting point in (0, 1).
    mean : bool
        Use the mean NLL (gradient divided by the number of flips).
    dtype : {"float64", "float32"}
        Floating type of every iterate and of the arithmetic.
    tol : float
        Stop early once a step moves theta by at most ``tol`` (0 runs every step
        unless an iterate repeats exactly).

    Raises
    ------
    DivergenceError
        If an iterate leaves (0, 1) or stops being finite.

    Examples
    --------
    >>> result = gradient_descent(9, 4, lr=0.1, mean=True, n_iterations=200)
    >>> round(result.theta, 4)
    0.6923
    """
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    lr, n_iterations, theta0, mean, dtype, tol = _check_run(
        lr, n_iterations, theta0, mean, dtype, tol
    )
    float_type = _DTYPES[dtype]
    scale = float_type(1.0 / (n_heads + n_tails) if mean else 1.0)
    heads, tails, step = float_type(n_heads), float_type(n_tails), float_type(lr)
    one = float_type(1.0)
    theta = float_type(theta0)
    path = [theta]
    converged = False
    with np.errstate(all="ignore"):  # divergence is reported below, not as a warning
        for iteration in range(1, n_iterations + 1):
            gradient = scale * (-heads / theta + tails / (one - theta))
            new_theta = float_type(theta - step * gradient)
            if not (np.isfinite(new_theta) and 0 < new_theta < 1):
                raise DivergenceError(
                    iteration,
                    float(theta),
                    float(new_theta),
                    _lr_advice(lr, n_heads, n_tails, mean),
                )
            moved = abs(float(new_theta) - float(theta))
            theta = new_theta
            path.append(theta)
            if moved <= tol:
                converged = True
                break
    return OptimisationResult(
        float(theta), np.array(path, dtype=float_type), len(path) - 1, converged
    )


def gradient_descent_torch(
    n_heads: int,
    n_tails: int,
    *,
    lr: float,
    n_iterations: int = 100,
    theta0: float = 0.5,
    mean: bool = False,
    dtype: str = "float64",
    tol: float = 0.0,
) -> OptimisationResult:
    """The same gradient descent with the gradient from PyTorch autograd.

    Needs ``torch``. Same parameters and errors as :func:`gradient_descent`.

    Examples
    --------
    >>> result = gradient_descent_torch(9, 4, lr=0.1, mean=True, n_iterations=200)
    >>> round(result.theta, 4)
    0.6923
    """
    import torch  # imported lazily: the rest of the package does not need it

    n_heads, n_tails = _check_counts(n_heads, n_tails)
    lr, n_iterations, theta0, mean, dtype, tol = _check_run(
        lr, n_iterations, theta0, mean, dtype, tol
    )
    torch_dtype = {"float32": torch.float32, "float64": torch.float64}[dtype]
    theta = torch.tensor(theta0, dtype=torch_dtype, requires_grad=True)
    scale = 1.0 / (n_heads + n_tails) if mean else 1.0
    path = [theta.item()]
    converged = False
    for iteration in range(1, n_iterations + 1):
        loss = -scale * (n_heads * torch.log(theta) + n_tails * torch.log(1 - theta))
        loss.backward()
        with torch.no_grad():
            last = theta.item()
            theta -= lr * theta.grad
            if not (bool(torch.isfinite(theta)) and 0 < theta.item() < 1):
                raise DivergenceError(
                    iteration, last, theta.item(), _lr_advice(lr, n_heads, n_tails, mean)
                )
        theta.grad.zero_()
        path.append(theta.item())
        if abs(path[-1] - last) <= tol:
            converged = True
            break
    return OptimisationResult(
        float(path[-1]), np.array(path, dtype=_DTYPES[dtype]), len(path) - 1, converged
    )


def minibatch_gradient_descent(
    n_heads: int,
    n_tails: int,
    *,
    lr: float,
    batch_size: int,
    n_iterations: int = 100,
    theta0: float = 0.5,
    seed: int = 0,
) -> OptimisationResult:
    """Stochastic gradient descent on the mean NLL, one random minibatch of flips per step.

    Each step draws ``batch_size`` flips at random (with replacement) from the data
    and follows the gradient of *their* mean NLL, an unbiased estimate of the full
    mean-NLL gradient. This works because the NLL is a sum over independent flips.
    With a constant ``lr`` the iterates end up fluctuating around the MLE, by an
    amount that shrinks with a smaller ``lr`` or a larger ``batch_size``. The other
    parameters are as in :func:`gradient_descent` (always the mean NLL, float64).

    Parameters
    ----------
    batch_size : int
        Flips per minibatch, in [1, 10**9].
    seed : int
        Seed of the NumPy generator that draws the minibatches.

    Raises
    ------
    DivergenceError
        If an iterate leaves (0, 1).

    Examples
    --------
    >>> result = minibatch_gradient_descent(9, 4, lr=0.05, batch_size=100, n_iterations=300)
    >>> abs(result.theta - 9 / 13) < 0.02
    True
    """
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    lr, n_iterations, theta0, _, _, _ = _check_run(lr, n_iterations, theta0, True, "float64", 0)
    batch_size = check_int_in_range(batch_size, "batch_size", 1, 10**9)
    seed = check_int_in_range(seed, "seed", 0, 2**63 - 1)
    rng = np.random.default_rng(seed)
    theta_hat = bernoulli_mle(n_heads, n_tails)
    theta = theta0
    path = [theta]
    for iteration in range(1, n_iterations + 1):
        heads = int(rng.binomial(batch_size, theta_hat))  # heads among the sampled flips
        gradient = (-heads / theta + (batch_size - heads) / (1.0 - theta)) / batch_size
        new_theta = theta - lr * gradient
        if not 0 < new_theta < 1:
            raise DivergenceError(
                iteration, theta, new_theta, _lr_advice(lr, n_heads, n_tails, True)
            )
        theta = new_theta
        path.append(theta)
    return OptimisationResult(theta, np.array(path), n_iterations, False)


def minibatch_jitter(
    n_heads: int,
    n_tails: int,
    *,
    lr: float,
    batch_size: int,
    rng: np.random.Generator,
    n_runs: int = 200,
    n_iterations: int = 300,
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
        Counts, both >= 1; minibatches are drawn from these flips with replacement.
    lr : float
        Initial learning rate on the mean NLL, > 0.
    batch_size : int
        Flips per minibatch, in [1, 10**9].
    rng : numpy.random.Generator
        The seeded source of the minibatches, e.g. ``np.random.default_rng(0)``.
    n_runs : int
        Independent runs, in [1, 100000].
    n_iterations : int
        Steps per run, in [1, 1000000].
    n_late : int
        How many final steps to average over, in [1, n_iterations].
    theta0 : float
        Starting point of every run, in (0, 1).
    decay : float
        Learning-rate decay, >= 0.

    Raises
    ------
    DivergenceError
        If an iterate of any run leaves (0, 1).

    Examples
    --------
    >>> rms = minibatch_jitter(900, 400, lr=0.05, batch_size=100,
    ...                        rng=np.random.default_rng(0))
    >>> round(rms / predicted_minibatch_jitter(900, 400, lr=0.05, batch_size=100), 1)
    1.0
    """
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    lr, n_iterations, theta0, _, _, _ = _check_run(lr, n_iterations, theta0, True, "float64", 0)
    batch_size = check_int_in_range(batch_size, "batch_size", 1, 10**9)
    rng = check_rng(rng)
    n_runs = check_int_in_range(n_runs, "n_runs", 1, 100_000)
    n_late = check_int_in_range(n_late, "n_late", 1, n_iterations)
    decay = check_real(decay, "decay")
    if decay < 0:
        raise ValueError(f"decay must be in [0, inf), got {decay}")
    theta_hat = bernoulli_mle(n_heads, n_tails)
    theta = np.full(n_runs, theta0)
    sum_squares = 0.0
    for iteration in range(1, n_iterations + 1):
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
                _lr_advice(lr, n_heads, n_tails, True),
            )
        theta = new_theta
        if iteration > n_iterations - n_late:
            sum_squares += float(np.sum((theta - theta_hat) ** 2))
    return float(np.sqrt(sum_squares / (n_runs * n_late)))


def predicted_minibatch_jitter(n_heads: int, n_tails: int, *, lr: float, batch_size: int) -> float:
    r"""Long-run RMS distance from the MLE of constant-``lr`` minibatch SGD, linear theory.

    Near the MLE a step multiplies the error by :math:`1 - \eta c` (``c`` the mean-NLL
    curvature at the MLE) and adds the minibatch's gradient noise, whose variance is
    :math:`c/B` for a batch of ``B`` flips. The stationary variance of that recursion is
    :math:`\eta / (B\,(2 - \eta c))`: the jitter shrinks like :math:`1/\sqrt{B}`
    and like :math:`\sqrt{\eta}` for small ``lr``.

    Raises
    ------
    ValueError
        If ``lr >= 2/c``: the iterates then do not settle, so there is no stationary jitter.

    Examples
    --------
    >>> round(predicted_minibatch_jitter(9, 4, lr=0.1, batch_size=10), 4)
    0.0808
    """
    lr = check_positive(lr, "lr")
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    batch_size = check_int_in_range(batch_size, "batch_size", 1, 10**9)
    limit = max_stable_learning_rate(n_heads, n_tails, mean=True)
    if lr >= limit:
        raise ValueError(
            f"lr must be in (0, {limit:.6g}) (below 2/curvature of the mean NLL), got {lr}"
        )
    curvature = 2.0 / limit
    return float(np.sqrt(lr / (batch_size * (2.0 - lr * curvature))))


def newton(
    n_heads: int,
    n_tails: int,
    *,
    theta0: float = 0.5,
    tol: float = 1e-12,
    max_iterations: int = 100,
    line_search: bool = False,
) -> OptimisationResult:
    """Newton's method on the NLL: ``theta -= gradient / curvature``.

    The step is scale-free, so it needs no learning rate, and close to the MLE the
    number of correct digits roughly doubles per step (quadratic convergence).
    Far from the MLE the full step can overshoot out of (0, 1).

    Parameters
    ----------
    theta0 : float
        Starting point in (0, 1).
    tol : float
        Stop once a step is at most ``tol``.
    max_iterations : int
        Maximum number of steps, in [1, 10000].
    line_search : bool
        Halve the step until the new iterate is inside (0, 1) and has a smaller
        gradient (a backtracking line search), so every start converges.

    Raises
    ------
    DivergenceError
        If a full step leaves (0, 1) and ``line_search`` is False.

    Examples
    --------
    >>> result = newton(9, 4, theta0=0.3)
    >>> round(result.theta, 6), result.converged
    (0.692308, True)
    """
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    theta = float(check_probability(theta0, "theta0", open_interval=True))
    tol = _check_tol(tol)
    max_iterations = check_int_in_range(max_iterations, "max_iterations", 1, 10_000)
    line_search = _check_flag(line_search, "line_search")
    path = [theta]
    for iteration in range(1, max_iterations + 1):
        step = nll_gradient(theta, n_heads, n_tails) / nll_curvature(theta, n_heads, n_tails)
        new_theta = theta - step
        if line_search:
            # Shorten the step until it stays inside (0, 1) and brings the gradient closer
            # to zero. (Comparing NLL values instead fails near the minimum, where the NLL's
            # decrease is smaller than its rounding error.)
            size = abs(nll_gradient(theta, n_heads, n_tails))
            while not (
                0 < new_theta < 1 and abs(nll_gradient(new_theta, n_heads, n_tails)) <= size
            ):
                step /= 2
                new_theta = theta - step
                if abs(step) <= tol:  # no improvement is possible any more: at the minimum
                    new_theta = theta
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
        theta = new_theta
        if abs(step) <= tol:
            return OptimisationResult(theta, np.array(path), iteration, True)
    return OptimisationResult(theta, np.array(path), max_iterations, False)


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
      pass storing the running products, then one backward pass: about 5n operations.

    All three give the same number, and all three underflow to 0 when P does.

    Parameters
    ----------
    theta : float
        Probability of heads, in (0, 1).
    flips : str
        The sequence, letters H and T (any case).
    method : {"naive", "ratio", "reverse"}

    Returns
    -------
    CountedValue
        ``(value, n_operations)``: the derivative and the number of additions,
        multiplications and divisions used.

    Examples
    --------
    >>> [round(product_derivative(0.6, "HHT", method=m).value, 6)
    ...  for m in ("naive", "ratio", "reverse")]
    [0.12, 0.12, 0.12]
    >>> product_derivative(0.6, "HHT", method="naive").n_operations
    8
    """
    theta = float(check_probability(theta, open_interval=True))
    if not isinstance(method, str) or method not in _PRODUCT_METHODS:
        raise ValueError(f"method must be one of {list(_PRODUCT_METHODS)}, got {method!r}")
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
        return CountedValue(product * ratio_sum, operations + 1)
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

"""Numerical maximum likelihood for the coin: gradient descent and Newton's method.

The gradient descent here is the seed text's algorithm, written twice: once with
the gradient derived by hand (NumPy) and once with PyTorch autograd. Both stop
with a :class:`DivergenceError` that says what happened, instead of returning NaN,
when an iterate leaves (0, 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ._validation import check_count, check_int_in_range, check_positive, check_probability
from .likelihood import bernoulli_mle

__all__ = [
    "DivergenceError",
    "OptimisationResult",
    "nll_gradient",
    "nll_curvature",
    "max_stable_learning_rate",
    "gradient_descent",
    "gradient_descent_torch",
    "newton",
]

_DTYPES = {"float32": np.float32, "float64": np.float64}


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


def _lr_advice(lr: float) -> str:
    return (
        f"The learning rate lr={lr:.3g} is too large for this curvature; "
        "use a smaller lr or the mean NLL."
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
        Whether the last step moved theta by less than the tolerance.
    """

    theta: float
    path: NDArray[np.floating] = field(repr=False)
    n_iterations: int
    converged: bool


def _check_counts(n_heads: int, n_tails: int) -> tuple[int, int]:
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    if n_heads == 0 or n_tails == 0:
        raise ValueError(
            "n_heads and n_tails must both be >= 1 for an interior optimum; "
            f"got n_heads={n_heads}, n_tails={n_tails} (the MLE is then on the boundary)"
        )
    return n_heads, n_tails


def nll_gradient(theta: float, n_heads: int, n_tails: int, *, mean: bool = False) -> float:
    r"""Hand-derived gradient of the NLL: :math:`-n_H/\theta + n_T/(1-\theta)`.

    Examples
    --------
    >>> round(nll_gradient(0.5, 9, 4), 6)
    -10.0
    """
    theta = float(check_probability(theta, open_interval=True))
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    gradient = -n_heads / theta + n_tails / (1.0 - theta)
    if mean:
        gradient /= n_heads + n_tails
    return gradient


def nll_curvature(theta: float, n_heads: int, n_tails: int, *, mean: bool = False) -> float:
    r"""Second derivative of the NLL: :math:`n_H/\theta^2 + n_T/(1-\theta)^2`.

    At the MLE this equals the observed Fisher information.

    Examples
    --------
    >>> round(nll_curvature(9 / 13, 9, 4), 2)
    61.03
    """
    theta = float(check_probability(theta, open_interval=True))
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    curvature = n_heads / theta**2 + n_tails / (1.0 - theta) ** 2
    return curvature / (n_heads + n_tails) if mean else curvature


def max_stable_learning_rate(n_heads: int, n_tails: int, *, mean: bool = False) -> float:
    """Largest learning rate for which gradient descent is stable near the MLE: 2 / curvature.

    Near the optimum a step multiplies the error by ``1 - lr * curvature``; this
    shrinks only while ``lr < 2 / curvature``.

    Examples
    --------
    >>> f"{max_stable_learning_rate(8675309, 256245):.2e}"
    '6.24e-09'
    """
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    return 2.0 / nll_curvature(bernoulli_mle(n_heads, n_tails), n_heads, n_tails, mean=mean)


def _check_run(lr: float, n_iterations: int, theta0: float, dtype: str) -> None:
    check_positive(lr, "lr")
    check_int_in_range(n_iterations, "n_iterations", 1, 10_000_000)
    check_probability(theta0, "theta0", open_interval=True)
    if dtype not in _DTYPES:
        raise ValueError(f"dtype must be one of {sorted(_DTYPES)}, got {dtype!r}")


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
        Floating type of every iterate.
    tol : float
        Stop early once a step moves theta by at most ``tol`` (0 runs every step).

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
    _check_run(lr, n_iterations, theta0, dtype)
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
                raise DivergenceError(iteration, float(theta), float(new_theta), _lr_advice(lr))
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
    _check_run(lr, n_iterations, theta0, dtype)
    torch_dtype = {"float32": torch.float32, "float64": torch.float64}[dtype]
    theta = torch.tensor(theta0, dtype=torch_dtype, requires_grad=True)
    scale = 1.0 / (n_heads + n_tails) if mean else 1.0
    path = [theta.item()]
    for iteration in range(1, n_iterations + 1):
        loss = -scale * (n_heads * torch.log(theta) + n_tails * torch.log(1 - theta))
        loss.backward()
        with torch.no_grad():
            last = theta.item()
            theta -= lr * theta.grad
            if not (torch.isfinite(theta) and 0 < theta.item() < 1):
                raise DivergenceError(iteration, last, theta.item(), _lr_advice(lr))
        theta.grad.zero_()
        path.append(theta.item())
    float_type = _DTYPES[dtype]
    return OptimisationResult(
        float(path[-1]), np.array(path, dtype=float_type), n_iterations, False
    )


def newton(
    n_heads: int,
    n_tails: int,
    *,
    theta0: float = 0.5,
    tol: float = 1e-12,
    max_iterations: int = 100,
) -> OptimisationResult:
    """Newton's method on the NLL: ``theta -= gradient / curvature``.

    The step is scale-free, so it needs no learning rate and converges
    quadratically from any start where the step stays inside (0, 1).

    Raises
    ------
    DivergenceError
        If a step leaves (0, 1) (possible from a start far from the MLE).

    Examples
    --------
    >>> result = newton(9, 4)
    >>> round(result.theta, 6), result.converged
    (0.692308, True)
    """
    n_heads, n_tails = _check_counts(n_heads, n_tails)
    check_probability(theta0, "theta0", open_interval=True)
    check_int_in_range(max_iterations, "max_iterations", 1, 10_000)
    if not tol >= 0:
        raise ValueError(f"tol must be in [0, inf), got {tol}")
    theta = float(theta0)
    path = [theta]
    for iteration in range(1, max_iterations + 1):
        step = nll_gradient(theta, n_heads, n_tails) / nll_curvature(theta, n_heads, n_tails)
        new_theta = theta - step
        if not 0 < new_theta < 1:
            raise DivergenceError(
                iteration,
                theta,
                new_theta,
                "Newton overshoots from this start; start closer to the MLE.",
            )
        path.append(new_theta)
        theta = new_theta
        if abs(step) <= tol:
            return OptimisationResult(theta, np.array(path), iteration, True)
    return OptimisationResult(theta, np.array(path), max_iterations, False)

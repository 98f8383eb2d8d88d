"""Statistical models as likelihoods: linear, logistic and softmax regression.

Every fit here is a maximum likelihood estimate:

- linear regression with Gaussian errors (least squares is its MLE);
- logistic regression (Bernoulli likelihood; the NLL is the binary cross-entropy),
  fitted by gradient descent with a hand-derived gradient, by PyTorch autograd with a
  ``torch.optim`` optimiser, and by Newton's method (IRLS);
- softmax regression (categorical likelihood; the NLL is ``nn.CrossEntropyLoss``).

The data are real, published sets that ship inside the ``statsmodels`` wheel, loaded
offline with :func:`load_dataset`. Formulas follow McCullagh and Nelder (1989),
*Generalized Linear Models*, ch. 2 and 4, and Casella and Berger (2002), ch. 11-12.

Notation (the book's): ``X`` is the n-by-p design matrix (a column of ones for the
intercept), ``y`` the response, ``beta`` the coefficients, ``phi = X @ beta`` the
log-odds, and ``sigmoid(phi) = 1 / (1 + exp(-phi))``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

from ._torch import one_thread
from ._validation import (
    _as_float_array,
    check_choice,
    check_finite_result,
    check_flag,
    check_int_in_range,
    check_non_negative,
    check_positive,
    check_rng,
    check_sample,
)

__all__ = [
    "DATASETS",
    "OLSFit",
    "LogisticFit",
    "SoftmaxTraining",
    "load_dataset",
    "design_matrix",
    "gaussian_regression_nll",
    "ols_mle",
    "logistic_probability",
    "logistic_nll",
    "logistic_gradient",
    "observed_information",
    "standard_errors",
    "logistic_gradient_descent",
    "logistic_torch",
    "logistic_newton",
    "softmax",
    "categorical_nll",
    "train_softmax_classifier",
]

#: The statsmodels data sets this chapter uses, with what each holds.
DATASETS = {
    "spector": "32 students: GRADE improved (1/0), GPA, TUCE score, PSI teaching method",
    "engel": "235 Belgian households: annual income and food expenditure (francs)",
    "strikes": "62 US manufacturing strikes: duration in days, industrial production",
    "anes96": "944 respondents, 1996 US election study: party identification 0-6 and covariates",
}


class OLSFit(NamedTuple):
    """Result of :func:`ols_mle`: the Gaussian-regression MLE and the usual variance.

    Parameters
    ----------
    beta : ndarray, shape (p,)
        The least-squares coefficients, the MLE of β.
    rss : float
        Residual sum of squares at ``beta``.
    variance_mle : float
        RSS / n, the MLE of σ² (biased).
    variance_unbiased : float
        RSS / (n − p), the usual unbiased estimator.
    n : int
        Number of observations.
    p : int
        Number of coefficients.
    nll : float
        The NLL at the MLE, in nats.

    Raises
    ------
    TypeError
        If a field is missing or unknown (the tuple's constructor); the values are
        not checked here, the function that builds it validates its inputs.

    Examples
    --------
    >>> ols_mle([[1.0], [1.0], [1.0]], [1.0, 2.0, 3.0]).variance_unbiased
    1.0
    """

    beta: NDArray[np.float64]
    rss: float
    variance_mle: float
    variance_unbiased: float
    n: int
    p: int
    nll: float


class LogisticFit(NamedTuple):
    """Result of the logistic-regression fitters.

    Parameters
    ----------
    beta : ndarray, shape (p,)
        The coefficients, in the coordinates of the ``X`` that was passed in.
    nll : float
        The NLL at ``beta``, in nats.
    n_steps : int
        The number of steps taken.
    gradient_norm : float
        The largest absolute entry of the gradient of the *mean* NLL at ``beta``.
    converged : bool
        Whether ``gradient_norm`` fell below the fitter's tolerance.

    Raises
    ------
    TypeError
        If a field is missing or unknown (the tuple's constructor); the values are
        not checked here, the function that builds it validates its inputs.

    Examples
    --------
    >>> logistic_newton(design_matrix([0.0, 1.0, 2.0, 3.0]), [0, 1, 0, 1]).converged
    True
    """

    beta: NDArray[np.float64]
    nll: float
    n_steps: int
    gradient_norm: float
    converged: bool


class SoftmaxTraining(NamedTuple):
    """Result of :func:`train_softmax_classifier`.

    Parameters
    ----------
    weight : ndarray, shape (n_classes, p)
        The trained weights, as in ``torch.nn.Linear``.
    bias : ndarray, shape (n_classes,)
        The trained biases.
    losses : ndarray, shape (n_steps,)
        The minibatch loss (mean NLL, nats) of each step.

    Raises
    ------
    TypeError
        If a field is missing or unknown (the tuple's constructor); the values are
        not checked here, the function that builds it validates its inputs.

    Examples
    --------
    >>> run = train_softmax_classifier([[0.0], [1.0]], [0, 1], n_classes=2,
    ...     rng=np.random.default_rng(0), n_steps=3, batch_size=2)
    >>> run.bias.shape
    (2,)
    """

    weight: NDArray[np.float64]
    bias: NDArray[np.float64]
    losses: NDArray[np.float64]


# ---------------------------------------------------------------------- validation


def _check_matrix(X: ArrayLike, name: str = "X") -> NDArray[np.float64]:
    """A 2-d float array of finite reals with at least one row and one column."""
    array = _as_float_array(X, name)  # TypeError for non-real kinds, naming ``name``
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be two-dimensional (n rows, p columns), got shape {array.shape}"
        )
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f"{name} must have at least one row and one column, got {array.shape}")
    flat = check_sample(array.reshape(-1), name)
    return flat.reshape(array.shape)


def _check_vector(values: ArrayLike, name: str, length: int, length_name: str) -> NDArray[Any]:
    vector = check_sample(values, name)
    if vector.size != length:
        raise ValueError(f"{name} must have {length} entries ({length_name}), got {vector.size}")
    return vector


def _check_binary(y: ArrayLike, n: int) -> NDArray[np.float64]:
    vector = _check_vector(y, "y", n, "one per row of X")
    if not np.all((vector == 0) | (vector == 1)):
        bad = vector[(vector != 0) & (vector != 1)][0]
        raise ValueError(f"y must hold only 0 and 1, got {bad}")
    return vector


def _check_design(X: ArrayLike, y: ArrayLike, *, binary: bool) -> tuple[NDArray, NDArray]:
    matrix = _check_matrix(X)
    n = matrix.shape[0]
    response = _check_binary(y, n) if binary else _check_vector(y, "y", n, "one per row of X")
    return matrix, response


def _check_beta(beta: ArrayLike, p: int) -> NDArray[np.float64]:
    return _check_vector(beta, "beta", p, "one per column of X")


def _check_labels(labels: ArrayLike, n: int, n_classes: int) -> NDArray[np.int64]:
    vector = _check_vector(labels, "labels", n, "one per row")
    if not np.all((vector == np.floor(vector)) & (vector >= 0) & (vector < n_classes)):
        bad = vector[(vector != np.floor(vector)) | (vector < 0) | (vector >= n_classes)][0]
        raise ValueError(f"labels must be whole numbers in [0, {n_classes - 1}], got {bad}")
    return vector.astype(np.int64)


# ---------------------------------------------------------------------- data


def load_dataset(name: str) -> pd.DataFrame:
    """Load one of the real data sets that ship inside the ``statsmodels`` wheel.

    No network is used: statsmodels reads a CSV file installed with the package.

    Parameters
    ----------
    name : {"spector", "engel", "strikes", "anes96"}
        Which data set (see :data:`DATASETS`). Sources: Spector and Mazzeo (1980),
        Koenker and Bassett (1982), Kennan (1985), the American National Election
        Studies 1996 (each statsmodels module's ``SOURCE``).

    Returns
    -------
    pandas.DataFrame
        A fresh copy of the data, one row per observation.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If ``name`` is not one of the four names.

    Examples
    --------
    >>> load_dataset("spector").shape
    (32, 4)
    >>> list(load_dataset("engel").columns)
    ['income', 'foodexp']
    """
    check_choice(name, "name", sorted(DATASETS))
    from statsmodels import datasets

    return getattr(datasets, name).load_pandas().data.copy()


def design_matrix(features: ArrayLike, *, intercept: bool = True) -> NDArray[np.float64]:
    """Stack the features as columns of X, with a leading column of ones for the intercept.

    Parameters
    ----------
    features : array_like, shape (n,) or (n, k)
        One feature (1-d) or k features (columns); finite reals.
    intercept : bool
        Prepend the column of ones (default True).

    Returns
    -------
    ndarray, shape (n, k + 1) or (n, k)
        The design matrix X as float64, the column of ones first if ``intercept``.

    Raises
    ------
    TypeError, ValueError
        For non-numeric, non-finite or empty features, or more than two dimensions.

    Examples
    --------
    >>> design_matrix([2.0, 3.0])
    array([[1., 2.],
           [1., 3.]])
    """
    intercept = check_flag(intercept, "intercept")
    array = _as_float_array(features, "features")
    if array.ndim == 1:
        array = check_sample(array, "features")[:, None]
    matrix = _check_matrix(array, "features")
    if intercept:
        matrix = np.column_stack([np.ones(matrix.shape[0]), matrix])
    return matrix


# ---------------------------------------------------------------------- linear regression


def gaussian_regression_nll(beta: ArrayLike, X: ArrayLike, y: ArrayLike, sigma: float) -> float:
    r"""NLL of the linear model :math:`y_i = x_i^\top\beta + \varepsilon_i`, ε ~ N(0, σ²).

    .. math::
        \mathrm{NLL}(\beta, \sigma) = \frac{\mathrm{RSS}(\beta)}{2\sigma^2} + n\ln\sigma
        + \frac{n}{2}\ln(2\pi), \qquad \mathrm{RSS}(\beta) = \lVert y - X\beta\rVert^2 .

    (Casella and Berger 2002, sec. 11.3.)

    Parameters
    ----------
    beta : array_like, shape (p,)
        Coefficients, finite.
    X : array_like, shape (n, p)
        Design matrix, finite.
    y : array_like, shape (n,)
        Response, finite.
    sigma : float
        Error standard deviation, in (0, inf), in the units of ``y``.

    Returns
    -------
    float
        The NLL in nats (natural log).

    Raises
    ------
    TypeError, ValueError
        For inputs of the wrong kind, shape or range.

    Examples
    --------
    >>> round(gaussian_regression_nll([0.0], [[1.0]], [0.0], 1.0), 6)  # ln(2π)/2
    0.918939
    """
    matrix, response = _check_design(X, y, binary=False)
    coefficients = _check_beta(beta, matrix.shape[1])
    sigma = check_positive(sigma, "sigma")
    n = response.size
    with np.errstate(all="ignore"):
        residuals = response - matrix @ coefficients
        scaled = float(np.sum((residuals / sigma) ** 2))  # RSS / sigma**2, no sigma**2
        value = 0.5 * scaled + n * math.log(sigma) + 0.5 * n * math.log(2 * math.pi)
    return float(
        check_finite_result(
            value, "the NLL overflows the float range for these beta, X, y and sigma"
        )
    )


def ols_mle(X: ArrayLike, y: ArrayLike) -> OLSFit:
    r"""Maximum likelihood fit of the Gaussian linear model: least squares, and σ̂² = RSS/n.

    For every σ the NLL is smallest where RSS(β) is, so β̂ is the least-squares solution;
    then :math:`\hat\sigma^2 = \mathrm{RSS}(\hat\beta)/n` minimises over σ. It is biased:
    :math:`E[\hat\sigma^2] = \frac{n-p}{n}\sigma^2`; the usual estimator divides by n − p
    (Casella and Berger 2002, sec. 11.3; Seber and Lee 2003, thm. 3.3).

    Parameters
    ----------
    X : array_like, shape (n, p)
        Design matrix of full column rank, with n > p.
    y : array_like, shape (n,)
        Response.

    Returns
    -------
    OLSFit
        ``beta`` (p,), ``rss``, ``variance_mle`` = RSS/n, ``variance_unbiased`` =
        RSS/(n − p), ``n``, ``p`` and ``nll`` (the NLL at the MLE, nats).

    Raises
    ------
    TypeError, ValueError
        For bad inputs, n <= p, or X without full column rank (β̂ not unique).

    Examples
    --------
    >>> fit = ols_mle([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], [1.0, 2.0, 4.0])
    >>> fit.beta.round(4).tolist(), round(fit.variance_mle, 4)
    ([0.8333, 1.5], 0.0556)
    """
    matrix, response = _check_design(X, y, binary=False)
    n, p = matrix.shape
    if n <= p:
        raise ValueError(f"X must have more rows than columns (n > p), got n = {n}, p = {p}")
    beta, _, rank, _ = np.linalg.lstsq(matrix, response, rcond=None)
    if rank < p:
        raise ValueError(f"X must have full column rank {p}, got rank {rank}: beta is not unique")
    rss = float(np.sum((response - matrix @ beta) ** 2))
    variance = rss / n
    nll = 0.5 * n * (math.log(2 * math.pi * variance) + 1) if rss > 0 else -math.inf
    return OLSFit(beta, rss, variance, rss / (n - p), n, p, nll)


# ---------------------------------------------------------------------- logistic regression


def _softplus(phi: NDArray[np.float64]) -> NDArray[np.float64]:
    """ln(1 + e^phi) without overflow."""
    return np.logaddexp(0.0, phi)


def _sigmoid(phi: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.exp(-_softplus(-phi))


def logistic_probability(beta: ArrayLike, X: ArrayLike) -> NDArray[np.float64]:
    r"""Fitted probabilities :math:`\theta_i = \mathrm{sigmoid}(x_i^\top\beta)`.

    Parameters
    ----------
    beta : array_like, shape (p,)
        Coefficients, finite reals.
    X : array_like, shape (n, p)
        Design matrix, finite reals.

    Returns
    -------
    ndarray, shape (n,)
        Probabilities in [0, 1] (computed as exp(−ln(1 + e^{−φ})), no overflow).

    Raises
    ------
    TypeError, ValueError
        For inputs of the wrong kind, shape or range.

    Examples
    --------
    >>> logistic_probability([0.0, 1.0], [[1.0, 0.0], [1.0, 2.0]]).round(4)
    array([0.5   , 0.8808])
    """
    matrix = _check_matrix(X)
    return _sigmoid(matrix @ _check_beta(beta, matrix.shape[1]))


def logistic_nll(beta: ArrayLike, X: ArrayLike, y: ArrayLike, *, mean: bool = False) -> float:
    r"""Bernoulli NLL of logistic regression, the binary cross-entropy.

    With :math:`\varphi_i = x_i^\top\beta`,

    .. math::
        \mathrm{NLL}(\beta) = -\sum_i \big[y_i\ln\theta_i + (1-y_i)\ln(1-\theta_i)\big]
        = \sum_i \big[\ln(1+e^{\varphi_i}) - y_i\varphi_i\big]

    (McCullagh and Nelder 1989, sec. 4.4), computed with ``logaddexp`` so that no
    term overflows or takes ln 0.

    Parameters
    ----------
    beta : array_like, shape (p,)
        Coefficients, finite reals.
    X : array_like, shape (n, p)
        Design matrix, finite reals.
    y : array_like, shape (n,)
        0 or 1 only.
    mean : bool
        Return NLL/n (the loss PyTorch's ``BCEWithLogitsLoss`` reports) instead of the sum.

    Returns
    -------
    float
        In nats, >= 0.

    Raises
    ------
    TypeError, ValueError
        For inputs of the wrong kind, shape or range.

    Examples
    --------
    >>> round(logistic_nll([0.0], [[1.0], [1.0]], [1, 0]), 6)  # 2 ln 2
    1.386294
    """
    matrix, response = _check_design(X, y, binary=True)
    mean = check_flag(mean, "mean")
    phi = matrix @ _check_beta(beta, matrix.shape[1])
    total = float(np.sum(_softplus(phi) - response * phi))
    return total / response.size if mean else total


def logistic_gradient(
    beta: ArrayLike, X: ArrayLike, y: ArrayLike, *, mean: bool = False
) -> NDArray[np.float64]:
    r"""Gradient of :func:`logistic_nll`, derived by hand: :math:`X^\top(\theta - y)`.

    Since :math:`d\ln(1+e^{\varphi})/d\varphi = \mathrm{sigmoid}(\varphi) = \theta`, the
    derivative of term i in β is :math:`(\theta_i - y_i)\,x_i`.

    Parameters
    ----------
    beta : array_like, shape (p,)
        Coefficients, finite reals.
    X : array_like, shape (n, p)
        Design matrix, finite reals.
    y : array_like, shape (n,)
        0 or 1 only.
    mean : bool
        Return the gradient of NLL/n instead of the sum's.

    Returns
    -------
    ndarray, shape (p,)
        The gradient of the NLL (or of the mean NLL) at ``beta``.

    Raises
    ------
    TypeError, ValueError
        For inputs of the wrong kind, shape or range.

    Examples
    --------
    >>> logistic_gradient([0.0], [[1.0], [1.0], [1.0]], [1, 1, 0])
    array([-0.5])
    """
    matrix, response = _check_design(X, y, binary=True)
    mean = check_flag(mean, "mean")
    residual = _sigmoid(matrix @ _check_beta(beta, matrix.shape[1])) - response
    gradient = matrix.T @ residual
    return gradient / response.size if mean else gradient


def observed_information(beta: ArrayLike, X: ArrayLike) -> NDArray[np.float64]:
    r"""Hessian of the logistic NLL, the observed information :math:`J(\beta) = X^\top W X`.

    :math:`W = \mathrm{diag}(\theta_i(1-\theta_i))`. It does not depend on y, so taking
    its expectation over y changes nothing: for this model (logit, the canonical link of
    the Bernoulli) the observed and the expected (Fisher) information coincide (canonical
    links: McCullagh and Nelder 1989, ch. 2).

    Parameters
    ----------
    beta : array_like, shape (p,)
        Coefficients, finite reals.
    X : array_like, shape (n, p)
        Design matrix, finite reals.

    Returns
    -------
    ndarray, shape (p, p)
        Symmetric, positive semi-definite (definite if X has full column rank).

    Raises
    ------
    TypeError, ValueError
        For inputs of the wrong kind, shape or range.

    Examples
    --------
    >>> observed_information([0.0], [[1.0], [1.0]])
    array([[0.5]])
    """
    matrix = _check_matrix(X)
    theta = _sigmoid(matrix @ _check_beta(beta, matrix.shape[1]))
    return matrix.T @ (matrix * (theta * (1 - theta))[:, None])


def standard_errors(information: ArrayLike) -> NDArray[np.float64]:
    r"""Standard errors from an information matrix: :math:`\sqrt{\mathrm{diag}(J^{-1})}`.

    At the MLE, :math:`J(\hat\beta)^{-1}` estimates the covariance of β̂ for large n
    (Casella and Berger 2002, sec. 10.1.3).

    Parameters
    ----------
    information : array_like, shape (p, p)
        Symmetric positive definite, e.g. :func:`observed_information` at β̂.

    Returns
    -------
    ndarray, shape (p,)
        The standard error of each coefficient.

    Raises
    ------
    TypeError, ValueError
        If the matrix is not square, not symmetric, or not positive definite (then the
        curvature does not pin β down, e.g. under separation).

    Examples
    --------
    >>> standard_errors([[4.0, 0.0], [0.0, 0.25]])
    array([0.5, 2. ])
    """
    matrix = _check_matrix(information, "information")
    if matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"information must be square, got shape {matrix.shape}")
    if not np.allclose(matrix, matrix.T, rtol=1e-10, atol=0.0):
        raise ValueError("information must be symmetric")
    try:
        factor = np.linalg.cholesky(matrix)
    except np.linalg.LinAlgError as error:
        raise ValueError("information must be positive definite (is the MLE finite?)") from error
    inverse_factor = np.linalg.solve(factor, np.eye(matrix.shape[0]))
    return np.sqrt(np.sum(inverse_factor**2, axis=0))


def _standardisation(matrix: NDArray[np.float64]) -> tuple[NDArray, NDArray, NDArray]:
    """Centre and scale every non-constant column; return (Z, centre, scale)."""
    spread = matrix.std(axis=0)
    constant = spread == 0
    centre = np.where(constant, 0.0, matrix.mean(axis=0))
    scale = np.where(constant, 1.0, spread)
    return (matrix - centre) / scale, centre, scale


def _to_original(gamma: NDArray, centre: NDArray, scale: NDArray, matrix: NDArray) -> NDArray:
    r"""Map coefficients fitted on Z = (X − centre)/scale back to X: same linear predictor."""
    beta = gamma / scale
    offset = float(centre @ beta)
    ones = np.flatnonzero(np.all(matrix == 1.0, axis=0))
    if offset != 0.0:
        if ones.size == 0:
            raise ValueError("standardise=True needs an intercept column of ones in X")
        beta[ones[0]] -= offset
    return beta


def _check_run(lr: object, n_steps: object) -> tuple[float, int]:
    return check_positive(lr, "lr"), check_int_in_range(n_steps, "n_steps", 1, 10_000_000)


def _finish(
    beta: NDArray, matrix: NDArray, response: NDArray, steps: int, tol: float
) -> LogisticFit:
    gradient = logistic_gradient(beta, matrix, response, mean=True)
    norm = float(np.max(np.abs(gradient)))
    nll = logistic_nll(beta, matrix, response)
    return LogisticFit(beta, nll, steps, norm, norm < tol)


def logistic_gradient_descent(
    X: ArrayLike,
    y: ArrayLike,
    *,
    lr: float = 1.0,
    n_steps: int = 2000,
    standardise: bool = True,
    tol: float = 1e-8,
) -> LogisticFit:
    r"""Fit logistic regression by gradient descent on the mean NLL, gradient by hand.

    Each step is :math:`\beta \leftarrow \beta - \eta\,X^\top(\theta - y)/n` from β = 0
    (:func:`logistic_gradient`). With ``standardise=True`` the steps run on centred and
    scaled columns Z and the result is mapped back to X's coordinates (the same linear
    predictor). Standardising changes only the conditioning of the problem, not the
    MLE; on raw columns of very different scale, gradient descent crawls.

    Parameters
    ----------
    X : array_like, shape (n, p)
        Design matrix; with ``standardise=True`` it must contain a column of ones.
    y : array_like, shape (n,)
        0 or 1.
    lr : float
        Learning rate η in (0, inf). Near the optimum the iterates settle only below
        2 / (largest eigenvalue of the mean NLL's Hessian there); below 2 / (largest
        eigenvalue of ZᵀZ / (4n)), Z the matrix the steps run on, the curvature bound at
        every β (θ(1 − θ) <= 1/4), they converge from any start when the MLE exists
        (Nesterov 2018, ch. 2).
    n_steps : int
        Number of steps K, in [1, 10⁷]; all are taken (no early stop), so runs are
        reproducible.
    standardise : bool
        Run on standardised columns (default True).
    tol : float
        ``converged`` is True when every entry of the gradient of the mean NLL is below
        tol in absolute value.

    Returns
    -------
    LogisticFit
        The coefficients after ``n_steps`` steps (in X's coordinates), their NLL, the
        steps taken, the gradient norm and whether it is below ``tol``.

    Raises
    ------
    TypeError, ValueError
        For bad inputs, or if the iterates overflow (learning rate too large).

    Examples
    --------
    >>> X = design_matrix([0.0, 1.0, 2.0, 3.0])
    >>> fit = logistic_gradient_descent(X, [0, 1, 0, 1], lr=1.0, n_steps=500)
    >>> fit.beta.round(4), fit.converged
    (array([-1.3623,  0.9082]), True)
    """
    matrix, response = _check_design(X, y, binary=True)
    lr, n_steps = _check_run(lr, n_steps)
    standardise = check_flag(standardise, "standardise")
    tol = check_positive(tol, "tol")
    if standardise:
        work, centre, scale = _standardisation(matrix)
    else:
        work, centre, scale = matrix, np.zeros(matrix.shape[1]), np.ones(matrix.shape[1])
    n = response.size
    gamma = np.zeros(matrix.shape[1])
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(n_steps):
            gamma = gamma - lr * (work.T @ (_sigmoid(work @ gamma) - response)) / n
            if not np.all(np.isfinite(gamma)):
                raise ValueError(f"gradient descent overflowed: lr = {lr} is too large")
    beta = _to_original(gamma, centre, scale, matrix)
    return _finish(beta, matrix, response, n_steps, tol)


def logistic_torch(
    X: ArrayLike,
    y: ArrayLike,
    *,
    lr: float = 1.0,
    n_steps: int = 2000,
    standardise: bool = True,
    tol: float = 1e-8,
) -> LogisticFit:
    r"""Fit logistic regression with PyTorch: autograd and ``torch.optim.SGD``, float64.

    The loss is ``torch.nn.functional.binary_cross_entropy_with_logits`` (mean), which
    is :func:`logistic_nll` with ``mean=True``; autograd supplies its gradient. With the
    same ``lr``, ``n_steps`` and ``standardise`` as :func:`logistic_gradient_descent`,
    the iterates are the same up to rounding, since plain full-batch SGD is gradient
    descent.

    Parameters
    ----------
    X : array_like, shape (n, p)
        Design matrix; with ``standardise=True`` it must contain a column of ones.
    y : array_like, shape (n,)
        0 or 1.
    lr : float
        Learning rate η in (0, inf).
    n_steps : int
        Number of SGD steps K, in [1, 10⁷].
    standardise : bool
        Run on standardised columns (default True).
    tol : float
        Tolerance on the mean NLL's gradient for ``converged``, > 0.

    Returns
    -------
    LogisticFit
        As :func:`logistic_gradient_descent` returns it.

    Raises
    ------
    TypeError, ValueError
        For bad inputs, or if the iterates overflow.

    Examples
    --------
    >>> X = design_matrix([0.0, 1.0, 2.0, 3.0])
    >>> logistic_torch(X, [0, 1, 0, 1], lr=1.0, n_steps=500).beta.round(4)
    array([-1.3623,  0.9082])
    """
    import torch

    matrix, response = _check_design(X, y, binary=True)
    lr, n_steps = _check_run(lr, n_steps)
    standardise = check_flag(standardise, "standardise")
    tol = check_positive(tol, "tol")
    if standardise:
        work, centre, scale = _standardisation(matrix)
    else:
        work, centre, scale = matrix, np.zeros(matrix.shape[1]), np.ones(matrix.shape[1])
    features = torch.tensor(work, dtype=torch.float64)
    target = torch.tensor(response, dtype=torch.float64)
    gamma = torch.zeros(matrix.shape[1], dtype=torch.float64, requires_grad=True)
    optimiser = torch.optim.SGD([gamma], lr=lr)
    with one_thread():  # tiny tensors: threads only add waiting
        for _ in range(n_steps):
            optimiser.zero_grad()
            loss = torch.nn.functional.binary_cross_entropy_with_logits(features @ gamma, target)
            loss.backward()
            optimiser.step()
    result = gamma.detach().numpy().copy()
    if not np.all(np.isfinite(result)):
        raise ValueError(f"SGD overflowed: lr = {lr} is too large")
    beta = _to_original(result, centre, scale, matrix)
    return _finish(beta, matrix, response, n_steps, tol)


def logistic_newton(
    X: ArrayLike,
    y: ArrayLike,
    *,
    n_steps: int = 50,
    tol: float = 1e-8,
    penalty: float = 0.0,
) -> LogisticFit:
    r"""Fit logistic regression by Newton's method, i.e. iteratively reweighted least squares.

    From β = 0, each step solves :math:`J(\beta)\,\delta = U(\beta)` with the score
    :math:`U(\beta) = X^\top(y - \theta)` (minus the NLL's gradient) and the Hessian
    :math:`J = X^\top W X`, and sets β ← β + δ. Written as a weighted least-squares
    problem this is IRLS (McCullagh and Nelder 1989, sec. 2.5). It stops when every entry
    of the gradient of the mean objective is below ``tol`` in absolute value, or after
    ``n_steps``.

    With ``penalty`` = ρ > 0 it minimises
    :math:`\mathrm{NLL}(\beta) + \frac{\rho}{2}\sum_{j\ge 1}\beta_j^2`, which is the MAP
    estimate under independent N(0, 1/ρ) priors on the coefficients other than the first
    (the intercept, flat prior). It exists under separation too, as long as y holds both
    classes (the intercept is not penalised).

    Parameters
    ----------
    X : array_like, shape (n, p)
        Design matrix; its first column is taken as the (unpenalised) intercept.
    y : array_like, shape (n,)
        0 or 1.
    n_steps : int
        At most this many Newton steps K, in [1, 10⁶].
    tol : float
        Stopping tolerance on the mean objective's gradient, > 0.
    penalty : float
        ρ >= 0, the prior precision (0: maximum likelihood).

    Returns
    -------
    LogisticFit
        ``nll`` is the NLL (without the penalty); ``gradient_norm`` is that of the
        mean penalised objective; ``n_steps`` the steps taken. If the Hessian becomes
        numerically singular (as under separation) it stops there with
        ``converged=False``.

    Raises
    ------
    TypeError, ValueError
        For bad inputs.

    Examples
    --------
    >>> X = design_matrix([0.0, 1.0, 2.0, 3.0])
    >>> fit = logistic_newton(X, [0, 1, 0, 1])
    >>> fit.beta.round(4), fit.n_steps
    (array([-1.3623,  0.9082]), 4)
    """
    matrix, response = _check_design(X, y, binary=True)
    n_steps = check_int_in_range(n_steps, "n_steps", 1, 1_000_000)
    tol = check_positive(tol, "tol")
    penalty = check_non_negative(penalty, "penalty")
    n, p = matrix.shape
    prior = penalty * np.eye(p)
    prior[0, 0] = 0.0
    beta = np.zeros(p)

    def gradient_of(b: NDArray) -> NDArray:
        return matrix.T @ (_sigmoid(matrix @ b) - response) + prior @ b

    gradient = gradient_of(beta)
    steps = 0
    converged = False
    while steps < n_steps:
        if np.max(np.abs(gradient)) / n < tol:
            converged = True
            break
        hessian = observed_information(beta, matrix) + prior
        if np.linalg.cond(hessian) > 1e14:
            break
        beta = beta - np.linalg.solve(hessian, gradient)
        steps += 1
        gradient = gradient_of(beta)
    norm = float(np.max(np.abs(gradient)) / n)
    converged = converged or norm < tol
    return LogisticFit(beta, logistic_nll(beta, matrix, response), steps, norm, converged)


# ---------------------------------------------------------------------- softmax regression


def softmax(logits: ArrayLike) -> NDArray[np.float64]:
    r"""Row-wise softmax :math:`p_{ic} = e^{z_{ic}} / \sum_{c'} e^{z_{ic'}}`, overflow-free.

    With two classes and logits (0, φ) it is (1 − sigmoid(φ), sigmoid(φ)): the
    logistic model is the two-class case (Bishop 2006, sec. 4.2, eqs. 4.57 and 4.62).

    Parameters
    ----------
    logits : array_like, shape (n, C)
        Finite reals, C >= 1 classes.

    Returns
    -------
    ndarray, shape (n, C)
        Each row is a probability distribution.

    Raises
    ------
    TypeError, ValueError
        For non-numeric, non-finite or non-2-d logits.

    Examples
    --------
    >>> softmax([[0.0, 0.0], [0.0, math.log(3.0)]]).round(4)
    array([[0.5 , 0.5 ],
           [0.25, 0.75]])
    """
    matrix = _check_matrix(logits, "logits")
    shifted = matrix - matrix.max(axis=1, keepdims=True)
    weights = np.exp(shifted)
    return weights / weights.sum(axis=1, keepdims=True)


def categorical_nll(logits: ArrayLike, labels: ArrayLike, *, mean: bool = True) -> float:
    r"""Categorical NLL of softmax probabilities, the multiclass cross-entropy.

    .. math::
        \mathrm{NLL} = -\sum_i \ln p_{i,y_i}
        = \sum_i \Big[\ln\sum_c e^{z_{ic}} - z_{i,y_i}\Big],

    the quantity ``torch.nn.CrossEntropyLoss`` computes from raw logits (mean by
    default). Computed with a log-sum-exp, no overflow.

    Parameters
    ----------
    logits : array_like, shape (n, C)
        Unnormalised scores, finite.
    labels : array_like, shape (n,)
        Class indices, whole numbers in [0, C − 1].
    mean : bool
        Average over the n rows (default True, like PyTorch) or sum.

    Returns
    -------
    float
        In nats, >= 0.

    Raises
    ------
    TypeError, ValueError
        For inputs of the wrong kind, shape or range.

    Examples
    --------
    >>> round(categorical_nll([[0.0, 0.0, 0.0]], [2]), 6)  # ln 3
    1.098612
    """
    matrix = _check_matrix(logits, "logits")
    classes = _check_labels(labels, matrix.shape[0], matrix.shape[1])
    mean = check_flag(mean, "mean")
    top = matrix.max(axis=1)
    log_normaliser = top + np.log(np.exp(matrix - top[:, None]).sum(axis=1))
    total = float(np.sum(log_normaliser - matrix[np.arange(classes.size), classes]))
    return total / classes.size if mean else total


def train_softmax_classifier(
    X: ArrayLike,
    labels: ArrayLike,
    *,
    n_classes: int,
    rng: np.random.Generator,
    lr: float = 0.1,
    n_steps: int = 500,
    batch_size: int = 64,
    weight_decay: float = 0.0,
) -> SoftmaxTraining:
    r"""Train ``torch.nn.Linear`` + ``torch.nn.CrossEntropyLoss`` by minibatch SGD.

    Each step draws a minibatch of B rows without replacement (from ``rng``) and takes
    an SGD step on the mean categorical NLL of that batch. ``weight_decay`` = ρ adds
    ρ·w to the gradient of every parameter w (PyTorch's SGD convention, weights and
    biases alike), so the objective is the mean NLL + ρ/2 ·‖w‖², which is 1/n times the
    negative log-posterior under independent N(0, 1/(nρ)) priors: its minimiser is a MAP
    estimate. Minibatch SGD with a fixed η only wanders near that minimiser.

    Parameters
    ----------
    X : array_like, shape (n, p)
        Features (no column of ones: the layer has a bias).
    labels : array_like, shape (n,)
        Class indices in [0, n_classes − 1].
    n_classes : int
        The number of classes C, in [2, 1000].
    rng : numpy.random.Generator
        Seeds torch's initialisation and draws the minibatches.
    lr : float
        Learning rate η > 0.
    n_steps : int
        Number of SGD steps K, in [1, 10⁶].
    batch_size : int
        B, in [1, n].
    weight_decay : float
        ρ >= 0.

    Returns
    -------
    SoftmaxTraining
        Final weight (C, p), bias (C,), and the loss of each step's minibatch.

    Raises
    ------
    TypeError, ValueError
        For bad inputs.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> run = train_softmax_classifier([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1],
    ...     n_classes=2, rng=rng, n_steps=5, batch_size=2)
    >>> run.weight.shape, run.losses.shape
    ((2, 1), (5,))
    """
    import torch

    matrix = _check_matrix(X)
    n, p = matrix.shape
    n_classes = check_int_in_range(n_classes, "n_classes", 2, 1000)
    classes = _check_labels(labels, n, n_classes)
    rng = check_rng(rng)
    lr, n_steps = check_positive(lr, "lr"), check_int_in_range(n_steps, "n_steps", 1, 1_000_000)
    batch_size = check_int_in_range(batch_size, "batch_size", 1, n)
    weight_decay = check_non_negative(weight_decay, "weight_decay")
    torch.manual_seed(int(rng.integers(2**31)))
    model = torch.nn.Linear(p, n_classes, dtype=torch.float64)
    loss_fn = torch.nn.CrossEntropyLoss()
    optimiser = torch.optim.SGD(model.parameters(), lr=lr, weight_decay=weight_decay)
    features = torch.tensor(matrix, dtype=torch.float64)
    target = torch.tensor(classes)
    losses = np.empty(n_steps)
    with one_thread():  # tiny tensors: threads only add waiting
        for step in range(n_steps):
            batch = torch.tensor(rng.choice(n, size=batch_size, replace=False))
            optimiser.zero_grad()
            loss = loss_fn(model(features[batch]), target[batch])
            loss.backward()
            optimiser.step()
            losses[step] = loss.item()
    weight, bias = model.weight.detach().numpy().copy(), model.bias.detach().numpy().copy()
    message = f"SGD overflowed: lr = {lr} or weight_decay = {weight_decay} is too large"
    check_finite_result(weight, message)
    check_finite_result(bias, message)
    check_finite_result(losses, message)
    return SoftmaxTraining(weight, bias, losses)

"""Continuous models: the Gaussian and the exponential, their densities, NLLs and MLEs.

Besides the densities and the closed-form estimates, the module computes the *exact*
probability of small intervals around the data (the argument for using densities, and
the honest likelihood of rounded data), Gaussian mixtures (whose likelihood is
unbounded), NLL curves on grids of parameters, a seeded simulation of the bias of
the variance MLE, and the Box-Cox profile likelihood with and without its Jacobian.

Notation (the book's): sample size n, exponential rate alpha, Box-Cox parameter kappa,
natural log ln.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

from ._validation import (
    _as_float_array,
    check_finite_result,
    check_int_in_range,
    check_positive,
    check_real,
    check_rng,
    check_sample,
)

__all__ = [
    "GaussianFit",
    "VarianceSimulation",
    "gaussian_log_density",
    "gaussian_nll",
    "gaussian_nll_grid",
    "gaussian_mle",
    "gaussian_variance_bias",
    "exponential_log_density",
    "exponential_nll",
    "exponential_nll_grid",
    "exponential_mle",
    "interval_probability",
    "gaussian_interval_nll",
    "gaussian_rounded_mle",
    "gaussian_mixture_nll",
    "box_cox_profile_nll",
]

_HALF_LOG_TWO_PI = 0.5 * math.log(2 * math.pi)
_SQRT2 = math.sqrt(2.0)
_erf = np.vectorize(math.erf, otypes=[float])
_erfc = np.vectorize(math.erfc, otypes=[float])


class GaussianFit(NamedTuple):
    """Maximum likelihood estimates of a Gaussian's mean and standard deviation.

    Returned by :func:`gaussian_mle` and :func:`gaussian_rounded_mle`; the fields are
    not validated.

    Parameters
    ----------
    mu : float
        Estimated mean, a finite real.
    sigma : float
        Estimated standard deviation, > 0.

    Attributes
    ----------
    mu : float
        Estimated mean.
    sigma : float
        Estimated standard deviation.

    Raises
    ------
    TypeError
        If a field is missing or an unknown one is given (the values themselves are
        not checked).

    Examples
    --------
    >>> fit = GaussianFit(2.0, 0.5)
    >>> fit.mu, fit.sigma, fit.variance
    (2.0, 0.5, 0.25)
    """

    mu: float
    sigma: float

    @property
    def variance(self) -> float:
        """The MLE of the variance, sigma**2 (divides by n, not n - 1)."""
        return self.sigma**2


class VarianceSimulation(NamedTuple):
    r"""Averages over many seeded Gaussian samples of size ``n`` (true variance ``sigma**2``).

    Returned by :func:`gaussian_variance_bias`; the fields are not validated.

    Parameters
    ----------
    n : int
        Size of each sample, >= 2.
    n_repeats : int
        Number of samples simulated, >= 1.
    mean_variance_mle : float
        Average of the MLE of the variance, >= 0.
    mean_variance_unbiased : float
        Average of the unbiased variance estimate, >= 0.
    mean_sigma_mle : float
        Average of the MLE of the standard deviation, >= 0.
    expected_variance_mle : float
        Exact expectation of the MLE of the variance, >= 0.
    se_variance_mle : float
        Monte Carlo standard error of ``mean_variance_mle``, >= 0.
    sd_variance_mle : float
        Standard deviation of the MLE of the variance across the samples, >= 0.
    mse_variance_mle : float
        Mean squared error of the MLE of the variance, >= 0.

    Attributes
    ----------
    n : int
        Size of each sample.
    n_repeats : int
        Number of samples simulated.
    mean_variance_mle : float
        Average of the MLE :math:`\hat\sigma^2 = \frac1n\sum (x_i-\bar x)^2`.
    mean_variance_unbiased : float
        Average of :math:`s^2 = \frac1{n-1}\sum (x_i-\bar x)^2`.
    mean_sigma_mle : float
        Average of :math:`\hat\sigma = \sqrt{\hat\sigma^2}`.
    expected_variance_mle : float
        The exact expectation :math:`E[\hat\sigma^2] = \frac{n-1}{n}\sigma^2`.
    se_variance_mle : float
        Monte Carlo standard error of ``mean_variance_mle``.
    sd_variance_mle : float
        Standard deviation of :math:`\hat\sigma^2` across the samples; exactly
        :math:`\sqrt{2(n-1)}\,\sigma^2/n` for Gaussian data, so it tends to 0 as n grows.
    mse_variance_mle : float
        Mean squared error :math:`E[(\hat\sigma^2-\sigma^2)^2]` over the samples; exactly
        :math:`(2n-1)\sigma^4/n^2` (variance plus squared bias), so it tends to 0 as well.

    Raises
    ------
    TypeError
        If a field is missing or an unknown one is given (the values themselves are
        not checked).

    Examples
    --------
    >>> sim = gaussian_variance_bias(2, 1000, np.random.default_rng(0))
    >>> sim.n, sim.n_repeats
    (2, 1000)
    """

    n: int
    n_repeats: int
    mean_variance_mle: float
    mean_variance_unbiased: float
    mean_sigma_mle: float
    expected_variance_mle: float
    se_variance_mle: float
    sd_variance_mle: float
    mse_variance_mle: float


# ---------------------------------------------------------------- validation helpers


def _check_points(x: ArrayLike, name: str = "x") -> NDArray[np.float64]:
    """A real scalar or array of any shape, all finite."""
    points = _as_float_array(x, name)
    if not np.all(np.isfinite(points)):
        raise ValueError(f"{name} must be finite; found NaN or inf")
    return points


def _check_positive_array(x: ArrayLike, name: str) -> NDArray[np.float64]:
    values = _check_points(x, name)
    if np.any(values <= 0):
        raise ValueError(f"{name} must be in (0, inf), got {values[values <= 0].flat[0]}")
    return values


def _result(array: NDArray[np.float64]) -> NDArray[np.float64] | float:
    return float(array) if array.ndim == 0 else array


# ------------------------------------------------------------------------ Gaussian


_GAUSSIAN_OVERFLOW = (
    "the Gaussian log-likelihood is beyond the float range (1.8e308): x - mu is too "
    "large for sigma (a z-score above about 1e154); use a larger sigma or rescale x"
)


def gaussian_log_density(x: ArrayLike, mu: float, sigma: float) -> NDArray[np.float64] | float:
    r"""Natural log of the normal density :math:`\mathcal N(x;\mu,\sigma^2)`. Vectorised in x.

    It can be positive: a density above 1 (small sigma) has a positive log.

    Parameters
    ----------
    x : float or array_like
        Finite points, any shape.
    mu : float
        The mean, a finite real number.
    sigma : float
        The standard deviation, in (0, inf).

    Returns
    -------
    float or ndarray
        :math:`-\tfrac12 z^2 - \ln\sigma - \tfrac12\ln 2\pi` with
        :math:`z = (x-\mu)/\sigma`, same shape as ``x``; a float for a scalar x.

    Raises
    ------
    TypeError, ValueError
        If ``x`` or ``mu`` is not finite real numbers or ``sigma`` is not in (0, inf);
        ValueError also if the result is below the float range (a z-score beyond
        about 1e154, e.g. ``x - mu`` huge or ``sigma`` tiny).

    Examples
    --------
    >>> round(gaussian_log_density(0.0, 0.0, 0.1), 4)
    1.3836
    """
    points = _check_points(x)
    mu = check_real(mu, "mu")
    sigma = check_positive(sigma, "sigma")
    with np.errstate(over="ignore"):
        z = (points - mu) / sigma
        result = -0.5 * z**2 - math.log(sigma) - _HALF_LOG_TWO_PI
    check_finite_result(result, _GAUSSIAN_OVERFLOW)
    return _result(result)


def gaussian_nll(sample: ArrayLike, mu: float, sigma: float) -> float:
    r"""Negative log-likelihood of a sample under N(mu, sigma**2), natural log.

    Parameters
    ----------
    sample : array_like
        One-dimensional, finite observations.
    mu : float
        The mean, a finite real number.
    sigma : float
        The standard deviation, in (0, inf).

    Returns
    -------
    float
        :math:`-\sum_i \ln \mathcal N(x_i; \mu, \sigma^2)`.

    Raises
    ------
    TypeError, ValueError
        For an empty or non-finite sample, a non-finite ``mu`` or ``sigma`` outside
        (0, inf); ValueError also if the NLL overflows float64 (see
        :func:`gaussian_log_density`).

    Examples
    --------
    >>> round(gaussian_nll([0.0], 0.0, 1.0), 4)
    0.9189
    """
    data = check_sample(sample)
    with np.errstate(over="ignore"):
        value = -np.sum(gaussian_log_density(data, mu, sigma))
    return float(check_finite_result(value, _GAUSSIAN_OVERFLOW))


def gaussian_nll_grid(
    sample: ArrayLike, mus: ArrayLike, sigmas: ArrayLike = 1.0
) -> NDArray[np.float64] | float:
    r"""The Gaussian NLL at every (mu, sigma) of a grid, by broadcasting ``mus`` with ``sigmas``.

    Uses :math:`\sum_i (x_i-\mu)^2 = \sum_i (x_i-\bar x)^2 + n(\bar x-\mu)^2`, so each grid
    point costs O(1) whatever the sample size. Pass ``mus[:, None]`` and ``sigmas[None, :]``
    for a 2-d table.

    Parameters
    ----------
    sample : array_like
        One-dimensional, finite observations.
    mus : float or array_like
        Means, finite, any shape broadcastable with ``sigmas``.
    sigmas : float or array_like, default 1.0
        Standard deviations, each in (0, inf).

    Returns
    -------
    float or ndarray
        The NLL at each (mu, sigma), of the broadcast shape; a float for scalars.

    Raises
    ------
    TypeError, ValueError
        For a bad sample, a non-finite mean, a sigma outside (0, inf), shapes that do
        not broadcast, or an NLL that overflows float64.

    Examples
    --------
    >>> gaussian_nll_grid([0.0, 2.0], [0.0, 1.0, 2.0], 1.0).round(4)
    array([3.8379, 2.8379, 3.8379])
    """
    data = check_sample(sample)
    mu = _check_points(mus, "mus")
    sigma = _check_positive_array(sigmas, "sigmas")
    n = data.size
    try:
        np.broadcast_shapes(mu.shape, sigma.shape)
    except ValueError:
        raise ValueError(
            f"mus and sigmas must broadcast together, got shapes {mu.shape} and {sigma.shape}"
        ) from None
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        mean = float(np.mean(data))
        spread = float(np.sum((data - mean) ** 2))
        squares = spread + n * (mean - mu) ** 2
        result = n * (np.log(sigma) + _HALF_LOG_TWO_PI) + squares / (2 * sigma**2)
    check_finite_result(
        result,
        "the Gaussian NLL is beyond the float range (1.8e308): sample - mus is too large "
        "for sigmas (a z-score above about 1e154); use larger sigmas or rescale the sample",
    )
    return _result(np.asarray(result, dtype=float))


def gaussian_mle(sample: ArrayLike) -> GaussianFit:
    r"""MLE of a Gaussian: the sample mean and :math:`\sqrt{\frac1n\sum (x_i-\bar x)^2}`.

    The variance estimate divides by n: biased (its mean is (n-1)/n sigma**2) but
    consistent (its variance tends to 0 as well as its bias). ``sigma`` is the MLE of
    the standard deviation by invariance.
    The computation is scaled, so huge or tiny values neither overflow nor underflow.

    Parameters
    ----------
    sample : array_like
        Observations: a non-empty 1-d array of finite real values, at least two distinct.

    Returns
    -------
    GaussianFit
        ``mu``, the sample mean, and ``sigma`` (> 0), the root mean squared deviation
        from it (divisor n).

    Raises
    ------
    TypeError
        If ``sample`` is not real-valued.
    ValueError
        If ``sample`` is not 1-d, is empty, holds NaN or inf, or has fewer than two
        distinct values (sigma would be 0).

    Examples
    --------
    >>> gaussian_mle([1.0, 2.0, 3.0])
    GaussianFit(mu=2.0, sigma=0.816496580927726)
    """
    data = check_sample(sample)
    scale = float(np.max(np.abs(data)))
    if scale > 0:
        scaled = data / scale
        centre = float(np.mean(scaled))
        spread = float(np.sqrt(np.mean((scaled - centre) ** 2)))
    else:
        centre = spread = 0.0
    if spread == 0.0:
        raise ValueError(
            "sample must hold at least two distinct values: with sigma = 0 the "
            "likelihood is unbounded"
        )
    return GaussianFit(scale * centre, scale * spread)  # spread <= 1: no overflow


def gaussian_variance_bias(
    n: int,
    n_repeats: int,
    rng: np.random.Generator,
    *,
    mu: float = 0.0,
    sigma: float = 1.0,
) -> VarianceSimulation:
    r"""Simulate ``n_repeats`` samples of size ``n`` from N(mu, sigma**2); average the estimates.

    Shows that the variance MLE is biased, :math:`E[\hat\sigma^2]=\frac{n-1}{n}\sigma^2`, and
    that both the bias and the spread vanish as n grows (so the mean squared error
    tends to 0: the estimator is consistent). Vectorised, in chunks of about a million numbers.

    Parameters
    ----------
    n : int
        Sample size, in [2, 10**7].
    n_repeats : int
        Number of simulated samples, in [1, 10**8].
    rng : numpy.random.Generator
        The seeded source of randomness, e.g. ``np.random.default_rng(0)``.
    mu, sigma : float
        The true mean, ``|mu| <= 1e50``, and standard deviation, in (0, 1e50] (so that
        the squared errors of 10**8 variances stay inside the float range).

    Returns
    -------
    VarianceSimulation
        Averages of the estimates, the exact expectation, the Monte Carlo standard error,
        and the spread and mean squared error of the variance MLE.

    Raises
    ------
    TypeError, ValueError
        For an ``n`` or ``n_repeats`` out of range, an ``rng`` that is not a
        ``numpy.random.Generator``, ``|mu| > 1e50``, or ``sigma`` outside (0, 1e50].

    Examples
    --------
    >>> sim = gaussian_variance_bias(2, 100_000, np.random.default_rng(0))
    >>> sim.expected_variance_mle, round(sim.mean_variance_mle, 1)
    (0.5, 0.5)
    """
    n = check_int_in_range(n, "n", 2, 10**7)
    n_repeats = check_int_in_range(n_repeats, "n_repeats", 1, 10**8)
    rng = check_rng(rng)
    mu = check_real(mu, "mu")
    sigma = check_positive(sigma, "sigma")
    if abs(mu) > 1e50:
        raise ValueError(f"mu must be in [-1e50, 1e50], got {mu}")
    if sigma > 1e50:
        raise ValueError(f"sigma must be in (0, 1e50], got {sigma}")
    rows = max(1, 2**20 // n)
    sum_variance = sum_squares = sum_sigma = sum_error2 = 0.0
    for start in range(0, n_repeats, rows):
        batch = rng.normal(mu, sigma, size=(min(rows, n_repeats - start), n))
        variance = np.var(batch, axis=1)
        sum_variance += float(np.sum(variance))
        sum_squares += float(np.sum(variance**2))
        sum_sigma += float(np.sum(np.sqrt(variance)))
        sum_error2 += float(np.sum((variance - sigma**2) ** 2))
    mean_variance = sum_variance / n_repeats
    spread = max(sum_squares / n_repeats - mean_variance**2, 0.0)
    return VarianceSimulation(
        n=n,
        n_repeats=n_repeats,
        mean_variance_mle=mean_variance,
        mean_variance_unbiased=mean_variance * n / (n - 1),
        mean_sigma_mle=sum_sigma / n_repeats,
        expected_variance_mle=(n - 1) / n * sigma**2,
        se_variance_mle=math.sqrt(spread / n_repeats),
        sd_variance_mle=math.sqrt(spread),
        mse_variance_mle=sum_error2 / n_repeats,
    )


# --------------------------------------------------------------------- exponential


_EXPONENTIAL_OVERFLOW = (
    "the exponential NLL overflows float64: alpha * sum(sample) is beyond 1.8e308 "
    "(use a smaller rate alpha or rescale the sample)"
)


def exponential_log_density(x: ArrayLike, alpha: float) -> NDArray[np.float64] | float:
    r"""Natural log of the exponential density :math:`\alpha e^{-\alpha x}`.

    Parameters
    ----------
    x : float or array_like
        Finite points, any shape. For x < 0 the density is 0 and the result ``-inf``.
    alpha : float
        The rate, in (0, inf) (events per unit of x).

    Returns
    -------
    float or ndarray
        :math:`\ln\alpha - \alpha x` for x >= 0, ``-inf`` for x < 0; a float for a scalar x.

    Raises
    ------
    TypeError, ValueError
        If ``x`` is not finite real numbers or ``alpha`` is not in (0, inf).

    Examples
    --------
    >>> round(exponential_log_density(3.0, 1 / 3), 4)
    -2.0986
    """
    points = _check_points(x)
    alpha = check_positive(alpha, "alpha")
    with np.errstate(over="ignore"):
        result = np.where(points >= 0, math.log(alpha) - alpha * points, -np.inf)
    return _result(result)


def exponential_nll(sample: ArrayLike, alpha: float) -> float:
    r"""Negative log-likelihood :math:`-n\ln\alpha + \alpha\sum_i x_i` of an exponential sample.

    Parameters
    ----------
    sample : array_like
        One-dimensional, finite observations, each >= 0.
    alpha : float
        The rate, in (0, inf).

    Returns
    -------
    float
        The NLL (natural log).

    Raises
    ------
    TypeError, ValueError
        For an empty, non-finite or negative sample, or ``alpha`` outside (0, inf);
        ValueError also if the NLL overflows float64 (alpha times the sum of the sample
        beyond 1.8e308).

    Examples
    --------
    >>> round(exponential_nll([3.0], 1 / 3), 4)
    2.0986
    """
    data = check_sample(sample, non_negative=True)
    alpha = check_positive(alpha, "alpha")
    with np.errstate(over="ignore"):
        value = -data.size * math.log(alpha) + alpha * float(np.sum(data))
    return float(check_finite_result(value, _EXPONENTIAL_OVERFLOW))


def exponential_nll_grid(sample: ArrayLike, alphas: ArrayLike) -> NDArray[np.float64] | float:
    r"""The exponential NLL :math:`-n\ln\alpha + \alpha\sum_i x_i` at every rate of a grid.

    Parameters
    ----------
    sample : array_like
        One-dimensional, finite observations, each >= 0.
    alphas : float or array_like
        Rates, each in (0, inf), any shape.

    Returns
    -------
    float or ndarray
        The NLL at each rate, same shape as ``alphas``.

    Raises
    ------
    TypeError, ValueError
        For a bad sample or a rate outside (0, inf); ValueError also if the NLL
        overflows float64 (a rate times the sum of the sample beyond 1.8e308).

    Examples
    --------
    >>> exponential_nll_grid([3.0], [0.25, 1 / 3, 0.5]).round(4)
    array([2.1363, 2.0986, 2.1931])
    """
    data = check_sample(sample, non_negative=True)
    alpha = _check_positive_array(alphas, "alphas")
    with np.errstate(over="ignore"):
        total = float(np.sum(data))
        result = -data.size * np.log(alpha) + alpha * total
    check_finite_result(result, _EXPONENTIAL_OVERFLOW.replace("alpha", "alphas"))
    return _result(np.asarray(result, dtype=float))


def exponential_mle(sample: ArrayLike) -> float:
    r"""MLE of the exponential rate: :math:`\hat\alpha = n / \sum_i x_i = 1/\bar x`.

    Parameters
    ----------
    sample : array_like
        One-dimensional, finite observations, each >= 0, at least one > 0.

    Returns
    -------
    float
        The rate that maximises the likelihood.

    Raises
    ------
    ValueError
        If every value is 0 (the likelihood then grows without bound in alpha), or the
        mean is so small that 1/mean overflows.

    Examples
    --------
    >>> round(exponential_mle([3.0]), 4)
    0.3333
    """
    data = check_sample(sample, non_negative=True)
    scale = float(np.max(data))
    if scale == 0.0:
        raise ValueError("sample must contain a value > 0; for all zeros the MLE is infinite")
    mean = scale * float(np.mean(data / scale))  # no overflow in the sum
    with np.errstate(over="ignore"):
        alpha = float(np.float64(1.0) / np.float64(mean))
    if not math.isfinite(alpha):
        raise ValueError(f"sample mean {mean:.3g} is too small: the MLE 1/mean exceeds the floats")
    return alpha


# ------------------------------------------------- exact interval probabilities


def _normal_mass(lower: ArrayLike, upper: ArrayLike) -> NDArray[np.float64]:
    """P(lower < Z < upper) for a standard normal Z, elementwise, accurate in both tails."""
    low, high = np.broadcast_arrays(np.asarray(lower, dtype=float), np.asarray(upper, dtype=float))
    right = low >= 0
    left = high <= 0
    middle = ~(right | left)
    mass = np.empty(low.shape)
    # In a tail, the difference of two erfc values keeps its relative accuracy.
    mass[right] = 0.5 * (_erfc(low[right] / _SQRT2) - _erfc(high[right] / _SQRT2))
    mass[left] = 0.5 * (_erfc(-high[left] / _SQRT2) - _erfc(-low[left] / _SQRT2))
    mass[middle] = 0.5 * (_erf(high[middle] / _SQRT2) - _erf(low[middle] / _SQRT2))
    return np.clip(mass, 0.0, 1.0)  # rounding could otherwise step just outside [0, 1]


#: Gauss-Legendre rule on [-1, 1] for the narrow-interval branch of _log_normal_mass
#: (the integrand there is entire and nearly constant, so 8 nodes reach machine precision).
_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(8)


def _standard_offset(
    x: NDArray[np.float64], mu: NDArray[np.float64], sigma: NDArray[np.float64]
) -> NDArray[np.float64]:
    r""":math:`-|x - \mu|/\sigma` elementwise (-inf only beyond the float range).

    A difference that overflows is recomputed from halved inputs (exact for the normal
    floats involved), so e.g. x = 1e308, mu = -1e308, sigma = 1e308 gives -2.
    """
    with np.errstate(over="ignore", under="ignore"):
        offset = -np.abs(x - mu) / sigma
        wide = np.isneginf(offset) & np.isfinite(sigma)
        if np.any(wide):
            offset[wide] = -np.abs(x[wide] / 2 - mu[wide] / 2) / sigma[wide] * 2
    return offset


def _standardised_interval(
    x: ArrayLike, mu: ArrayLike, sigma: ArrayLike, epsilon: float
) -> tuple[NDArray[np.float64], ...]:
    r"""The interval x +- epsilon/2 in standard units, reflected to the left of the mean.

    Returns ``(a, b, c, w, log_w)``: the ends a <= b, the centre c <= 0 and the width w
    of :math:`((x - \mu) \mp \epsilon/2)/\sigma` after the reflection
    :math:`x - \mu \to -|x - \mu|` (which leaves the probability unchanged), and
    :math:`\ln w` (finite even where w under- or overflows).
    A difference that overflows is recomputed from halved inputs (exact for normal
    floats); ends beyond the float range come out as +-inf, never NaN.
    """
    x, mu, sigma = np.broadcast_arrays(
        np.asarray(x, dtype=float), np.asarray(mu, dtype=float), np.asarray(sigma, dtype=float)
    )
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        offset = -np.abs(x - mu)
        low = offset - epsilon / 2
        c, a, b = offset / sigma, low / sigma, (offset + epsilon / 2) / sigma
        wide = ~np.isfinite(low)  # |x - mu| + epsilon/2 beyond the float range
        if np.any(wide):
            half = -np.abs(x[wide] / 2 - mu[wide] / 2)
            c[wide] = half / sigma[wide] * 2
            a[wide] = (half - epsilon / 4) / sigma[wide] * 2
            b[wide] = (half + epsilon / 4) / sigma[wide] * 2
        w = epsilon / sigma
        # ln w directly where w is a normal float (a difference of two large logs would
        # lose digits), from the logs where w under- or overflowed
        normal = (w >= np.finfo(float).tiny) & np.isfinite(w)
        log_w = np.where(
            normal, np.log(np.where(normal, w, 1.0)), math.log(epsilon) - np.log(sigma)
        )
    return a, b, c, w, log_w


def _log_normal_mass(
    a: NDArray[np.float64],
    b: NDArray[np.float64],
    c: NDArray[np.float64],
    w: NDArray[np.float64],
    log_w: NDArray[np.float64],
) -> NDArray[np.float64]:
    r""":math:`\ln P(a < Z < b)` for a standard normal Z, from :func:`_standardised_interval`.

    Three cases, each free of cancellation (Z's law is symmetric, and c <= 0 here):

    - *narrow* (:math:`w \le 1` and :math:`w|c| \le 1`): :math:`\ln w + \ln\varphi(c) +
      \ln\frac1w\int_{-w/2}^{w/2} e^{-cs - s^2/2}\,ds`, the last integral by
      Gauss-Legendre quadrature (its integrand is entire and within a factor
      :math:`e^{0.625}` of 1);
    - *left tail* (b <= 0, not narrow): :math:`\ln\Phi(b) + \ln(1 - e^{d})` with
      :math:`d = \ln\Phi(a) - \ln\Phi(b) = wc + \ln\operatorname{erfcx}(-a/\sqrt2) -
      \ln\operatorname{erfcx}(-b/\sqrt2)`, using :math:`\Phi(t) =
      \tfrac12 e^{-t^2/2}\operatorname{erfcx}(-t/\sqrt2)`; here :math:`d \le -1/2`;
    - *straddling* (a < 0 < b, not narrow, so w > 1): :math:`\ln(1 - \Phi(a) - \Phi(-b))`
      with ``log1p``; the probability is > 0.3 there.

    The result is -inf only where the log-probability is below the float range.
    """
    result = np.empty(np.shape(c))
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        narrow = _is_narrow(c, w)
        left = ~narrow & (b <= 0)
        middle = ~narrow & ~left
        # narrow: ln w + ln phi(c) + ln(mean of exp(-c s - s^2/2) over the interval)
        mean = _narrow_mean(c[narrow], w[narrow])
        result[narrow] = log_w[narrow] - c[narrow] ** 2 / 2 - _HALF_LOG_TWO_PI + np.log(mean)
        # left tail: ln Phi(b) + ln(1 - exp(d)), d <= -1/2
        al, bl = a[left], b[left]
        d = w[left] * c[left] + np.log(special.erfcx(-al / _SQRT2))
        d = np.where(np.isneginf(al), -np.inf, d - np.log(special.erfcx(-bl / _SQRT2)))
        result[left] = special.log_ndtr(bl) + np.log(-np.expm1(d))
        # straddling 0: ln(1 - Phi(a) - Phi(-b))
        result[middle] = np.log1p(-(_lower_tail(a[middle]) + _lower_tail(-b[middle])))
    return result


def _is_narrow(c: NDArray[np.float64], w: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Where the window (centre c <= 0, width w) is narrow: w <= 1 and w|c| <= 1."""
    with np.errstate(over="ignore", invalid="ignore"):  # inf or 0 * inf: not narrow
        return (w <= 1) & (w * np.abs(c) <= 1)


def _narrow_mean(c: NDArray[np.float64], w: NDArray[np.float64]) -> NDArray[np.float64]:
    """(1/w) * integral of exp(-c s - s**2/2) over |s| <= w/2, by Gauss-Legendre.

    For a narrow window the integrand is entire and within a factor e**0.625 of 1, so the
    8-node rule is exact to rounding; the window's probability is w * phi(c) * this.
    """
    s = w[:, None] / 2 * _GL_NODES
    return np.exp(-c[:, None] * s - s**2 / 2) @ (_GL_WEIGHTS / 2)


def _lower_tail(t: NDArray[np.float64]) -> NDArray[np.float64]:
    r""":math:`\Phi(t)` for t <= 0 to a few ulps: :math:`\tfrac12
    \operatorname{erfcx}(-t/\sqrt2)\,e^{-t^2/2}` with :math:`t^2` split exactly into two
    floats (Dekker), so the exponential does not amplify the rounding of :math:`t^2`
    (``scipy.special.ndtr`` errs by about :math:`t^2` ulps there).
    """
    t = np.maximum(t, -40.0)  # Phi(-40) < 1e-349: 0 either way, and no overflow below
    big = t * 134217729.0  # 2**27 + 1
    high = big - (big - t)
    low = t - high
    square = t * t
    error = ((high * high - square) + 2 * high * low) + low * low  # t*t = square + error
    return 0.5 * special.erfcx(-t / _SQRT2) * np.exp(-square / 2) * (1 - error / 2)


def _log_interval_mass(
    x: ArrayLike, mu: ArrayLike, sigma: ArrayLike, epsilon: float
) -> NDArray[np.float64]:
    """ln P(x - epsilon/2 < X < x + epsilon/2) for X ~ N(mu, sigma**2), elementwise."""
    return _log_normal_mass(*_standardised_interval(x, mu, sigma, epsilon))


def _interval_mass(
    x: NDArray[np.float64], mu: ArrayLike, sigma: ArrayLike, epsilon: float
) -> NDArray[np.float64]:
    with np.errstate(over="ignore"):
        lower = (x - epsilon / 2 - mu) / sigma
        upper = (x + epsilon / 2 - mu) / sigma
    return _normal_mass(lower, upper)


_TOO_FAR = (
    "the NLL exceeds the float range (about 1.8e308): the sample lies too far from "
    "{where}; each observation adds about ((x - mu) / sigma)**2 / 2, so |x - mu| / sigma "
    "must stay well below 1.9e154; move {mu} closer to the sample or make {sigma} larger"
)


def _minus_sum(log_terms: NDArray[np.float64], mu: str, sigma: str, where: str) -> float:
    """-sum(log_terms), or a ValueError naming ``mu`` and ``sigma`` if beyond the floats."""
    with np.errstate(over="ignore"):
        total = 0.0 - float(np.sum(log_terms))  # 0.0 - 0.0 is +0.0, never -0.0
    if not math.isfinite(total):
        raise ValueError(_TOO_FAR.format(mu=mu, sigma=sigma, where=where))
    return total


def interval_probability(x: float, mu: float, sigma: float, epsilon: float) -> float:
    r"""Exact :math:`P(x - \epsilon/2 < X < x + \epsilon/2)` for X ~ N(mu, sigma**2).

    For small epsilon it is close to ``epsilon * density(x)``, which is the
    argument for replacing probabilities by densities in the likelihood. Accurate
    (relative error a few ulps, beyond what rounding the window's ends in standard
    units implies) in both tails and for windows of any width: a narrow window is
    ``w * phi(c) * (a quadrature correction)``, any other the exponential of the
    log-probability of :func:`gaussian_interval_nll`, never a difference of two
    nearly equal probabilities.

    Parameters
    ----------
    x : float
        Centre of the interval, any finite real.
    mu : float
        Mean of the Gaussian, any finite real.
    sigma : float
        Standard deviation, finite and > 0.
    epsilon : float
        Width of the interval, finite and > 0.

    Returns
    -------
    float
        The probability, in [0, 1] (0 only if it underflows).

    Raises
    ------
    TypeError
        If an argument is not a real scalar.
    ValueError
        If ``x`` or ``mu`` is not finite, or ``sigma`` or ``epsilon`` is not finite
        and > 0.

    Examples
    --------
    >>> round(interval_probability(0.0, 0.0, 1.0, 0.01) / 0.01, 5)
    0.39894
    """
    x = check_real(x, "x")
    mu = check_real(mu, "mu")
    sigma = check_positive(sigma, "sigma")
    epsilon = check_positive(epsilon, "epsilon")
    a, b, c, w, log_w = _standardised_interval([x], mu, sigma, epsilon)
    if _is_narrow(c, w)[0]:  # w * phi(c) * mean: no cancellation, and no exp of a big log
        with np.errstate(over="ignore", under="ignore"):
            density = np.exp(-(c[0] ** 2) / 2) / math.sqrt(2 * math.pi)
            return float(w[0] * density * _narrow_mean(c, w)[0])
    return math.exp(float(_log_normal_mass(a, b, c, w, log_w)[0]))


def gaussian_interval_nll(sample: ArrayLike, mu: float, sigma: float, epsilon: float) -> float:
    r"""Exact :math:`-\sum_i \ln P(x_i-\epsilon/2 < X < x_i+\epsilon/2)` for X ~ N(mu, sigma**2).

    For small epsilon this is :math:`-n\ln\epsilon` plus the density NLL. It is never
    negative (each probability is at most 1), and it is the honest NLL of data recorded
    to a resolution ``epsilon``. Each log-probability is computed in log space without
    cancellation (see the Notes), so the result is accurate to a few ulps even where the
    probabilities themselves underflow (an interval 40 standard deviations out, or
    ``epsilon = 5e-324``).

    Parameters
    ----------
    sample : array_like
        Recorded values: a non-empty 1-d array of finite reals.
    mu : float
        Mean of the Gaussian, any finite real.
    sigma : float
        Standard deviation, finite and > 0.
    epsilon : float
        Width of each recording interval, finite and > 0.

    Returns
    -------
    float
        The negative log-likelihood, finite and >= 0.

    Raises
    ------
    TypeError
        If an argument is not real-valued.
    ValueError
        If ``sample`` is not a non-empty 1-d finite array, ``mu`` is not finite, or
        ``sigma`` or ``epsilon`` is not finite and > 0; or if the NLL exceeds the float
        range (about 1.8e308), which takes an observation more than about 1.9e154
        standard deviations from ``mu``.

    Notes
    -----
    With the interval in standard units, centre :math:`c = -|x - \mu|/\sigma` (reflected
    to the left of the mean, which leaves its probability unchanged) and width
    :math:`w = \epsilon/\sigma`, the log-probability is computed as
    :math:`\ln w + \ln\varphi(c) + \ln\frac1w\int_{-w/2}^{w/2}e^{-cs - s^2/2}ds`
    (Gauss-Legendre) for a narrow interval (:math:`w \le 1`, :math:`w|c| \le 1`); as
    :math:`\ln\Phi(b) + \ln(1 - e^{\ln\Phi(a) - \ln\Phi(b)})` with SciPy's
    ``log_ndtr`` and ``erfcx`` (:math:`\Phi(t) = \tfrac12 e^{-t^2/2}
    \operatorname{erfcx}(-t/\sqrt2)`, so the difference of the two logs needs no
    subtraction of large numbers) for an interval in the tail; and as
    :math:`\ln(1 - \Phi(a) - \Phi(-b))` with ``log1p`` for a wide one around the mean.
    Tested against 60-digit mpmath.

    Examples
    --------
    >>> round(gaussian_interval_nll([0.0], 0.0, 1.0, 1e-3), 4)
    7.8267
    >>> round(-math.log(1e-3) + gaussian_nll([0.0], 0.0, 1.0), 4)
    7.8267

    Far in the tail the probability underflows but its logarithm does not:

    >>> round(gaussian_interval_nll([40.0], 0.0, 1.0, 0.1), 4)
    802.6269
    """
    data = check_sample(sample)
    mu = check_real(mu, "mu")
    sigma = check_positive(sigma, "sigma")
    epsilon = check_positive(epsilon, "epsilon")
    return _minus_sum(_log_interval_mass(data, mu, sigma, epsilon), "mu", "sigma", "mu")


def gaussian_mixture_nll(
    sample: ArrayLike,
    weights: ArrayLike,
    mus: ArrayLike,
    sigmas: ArrayLike,
    *,
    epsilon: float | None = None,
) -> float:
    r"""NLL of a sample under the mixture :math:`\sum_k w_k\,\mathcal N(\mu_k, \sigma_k^2)`.

    With ``epsilon=None`` this is the density NLL, :math:`-\sum_i\ln\sum_k w_k
    \mathcal N(x_i;\mu_k,\sigma_k^2)`. It is unbounded below: a component centred on one
    observation with sigma -> 0 drives it to -inf. With an ``epsilon`` it is the exact
    NLL of the intervals :math:`x_i\pm\epsilon/2`, which stays >= 0. Both are computed
    in log space (log-sum-exp over the components of :math:`\ln w_k` plus each
    component's log-density or interval log-probability, the latter as in
    :func:`gaussian_interval_nll`), so they stay finite and accurate where every density
    or probability underflows.

    Parameters
    ----------
    sample : array_like
        One-dimensional, finite observations.
    weights : array_like
        Mixture weights, >= 0, summing to 1.
    mus, sigmas : array_like
        Component means and standard deviations (> 0), as many as the weights.
    epsilon : float, optional
        Interval width; ``None`` for the density NLL.

    Returns
    -------
    float
        The negative log-likelihood, finite; >= 0 with an ``epsilon``, possibly very
        negative for the density NLL.

    Raises
    ------
    TypeError
        If an argument is not real-valued.
    ValueError
        If an array is not a non-empty 1-d finite array, a weight is negative, the
        weights do not sum to 1, ``weights``, ``mus`` and ``sigmas`` differ in length,
        a sigma is not > 0, or ``epsilon`` is given and not > 0; or if the NLL exceeds
        the float range (about 1.8e308), which takes an observation more than about
        1.9e154 standard deviations from every component with a positive weight.

    Examples
    --------
    >>> round(gaussian_mixture_nll([0.0], [1.0], [0.0], [1.0]), 4)
    0.9189
    >>> round(gaussian_mixture_nll([0.0, 3.0], [0.5, 0.5], [0.0, 3.0], [1e-6, 1.0]), 2)
    -10.59

    Densities of 1e-348 (which underflow) still give the right NLL:

    >>> round(gaussian_mixture_nll([40.0], [0.5, 0.5], [0.0, 1.0], [1.0, 1.0]), 4)
    762.1121
    """
    data = check_sample(sample)
    weight = check_sample(weights, "weights", non_negative=True)
    mu = check_sample(mus, "mus")
    sigma = check_sample(sigmas, "sigmas")
    if not weight.size == mu.size == sigma.size:
        raise ValueError(
            "weights, mus and sigmas must have the same length, got "
            f"{weight.size}, {mu.size} and {sigma.size}"
        )
    if abs(float(np.sum(weight)) - 1.0) > 1e-9:
        raise ValueError(f"weights must sum to 1, got {float(np.sum(weight))}")
    if np.any(sigma <= 0):
        raise ValueError(f"sigmas must be in (0, inf), got {sigma[sigma <= 0][0]}")
    kept = weight > 0  # a component of weight 0 contributes nothing (and ln 0 = -inf)
    weight, mu, sigma = weight[kept], mu[kept], sigma[kept]
    if epsilon is not None:
        epsilon = check_positive(epsilon, "epsilon")
        logs = _log_interval_mass(data[:, None], mu[None, :], sigma[None, :], epsilon)
    else:
        x, m, s = np.broadcast_arrays(data[:, None], mu[None, :], sigma[None, :])
        with np.errstate(over="ignore"):
            logs = -0.5 * _standard_offset(x, m, s) ** 2 - np.log(sigma) - _HALF_LOG_TWO_PI
    terms = logs + np.log(weight)
    top = np.max(terms, axis=1)
    with np.errstate(over="ignore", invalid="ignore"):
        rows = top + np.log(np.sum(np.exp(terms - top[:, None]), axis=1))
    return _minus_sum(rows, "mus", "sigmas", "every component (mus, in units of sigmas)")


def _rounded_nll(
    values: NDArray[np.float64],
    counts: NDArray[np.float64],
    mus: NDArray[np.float64],
    sigmas: NDArray[np.float64],
    resolution: float,
) -> NDArray[np.float64]:
    mass = _interval_mass(values, mus[..., None], sigmas[..., None], resolution)
    with np.errstate(divide="ignore"):
        return -np.sum(counts * np.log(mass), axis=-1)


def gaussian_rounded_mle(
    sample: ArrayLike, resolution: float, *, n_grid: int = 41, n_rounds: int = 8
) -> GaussianFit:
    r"""MLE of (mu, sigma) for Gaussian data recorded to a ``resolution`` (e.g. rounded).

    A recorded value x means the true value lies in :math:`[x - r/2, x + r/2)`, so the
    likelihood is the product of those intervals' exact probabilities (see
    :func:`gaussian_interval_nll`), not of densities. It is maximised by a grid in
    (mu, log sigma) that zooms in ``n_rounds`` times around its best point; the cost
    grows with the number of *distinct* values, which rounding keeps small.

    Parameters
    ----------
    sample : array_like
        The recorded values: their differences must be whole multiples of ``resolution``.
    resolution : float
        The recording step r > 0.
    n_grid : int
        Grid points per axis per round, in [11, 401].
    n_rounds : int
        Number of zoom rounds, in [1, 50]; each narrows the grid to four steps of the last
        one around its best point (tenfold for the default ``n_grid``).

    Returns
    -------
    GaussianFit
        The maximising ``mu`` and ``sigma`` (> 0), to the final grid's step.

    Raises
    ------
    TypeError
        If ``sample``, ``resolution``, ``n_grid`` or ``n_rounds`` is not real-valued.
    ValueError
        If ``sample`` is not a non-empty 1-d finite array, ``resolution`` is not > 0,
        ``n_grid`` or ``n_rounds`` is out of range, the sample has more than 10,000
        distinct values, the values are not on a grid of step ``resolution``, or they
        fill fewer than three cells and no two non-adjacent ones: then the likelihood increases
        without bound as sigma -> 0, and no MLE exists.

    Examples
    --------
    >>> fit = gaussian_rounded_mle([0.0, 1.0, 1.0, 2.0], 1.0)
    >>> round(fit.mu, 6), round(fit.sigma, 4)
    (1.0, 0.641)
    """
    data = check_sample(sample)
    resolution = check_positive(resolution, "resolution")
    n_grid = check_int_in_range(n_grid, "n_grid", 11, 401)
    n_rounds = check_int_in_range(n_rounds, "n_rounds", 1, 50)
    values, counts = np.unique(data, return_counts=True)
    steps = (values - values[0]) / resolution
    if not np.allclose(steps, np.round(steps), rtol=0, atol=1e-6):
        raise ValueError(f"sample values must differ by whole multiples of resolution={resolution}")
    if values.size > 10_000:
        raise ValueError(
            f"sample has {values.size} distinct values; so fine a resolution is "
            "indistinguishable from exact data: use gaussian_mle"
        )
    cells = np.round(steps)
    if values.size == 1 or (values.size == 2 and cells[1] == 1):
        raise ValueError(
            "sample fills fewer than three cells of the resolution grid (and no two "
            "non-adjacent ones): the likelihood grows without bound as sigma -> 0"
        )
    counts = counts.astype(float)
    span = float(values[-1] - values[0])
    mu_low, mu_high = float(values[0]), float(values[-1])
    log_low, log_high = math.log(resolution / 100), math.log(span + resolution)
    mu_best = log_best = 0.0
    for _ in range(n_rounds):
        mu_axis = np.linspace(mu_low, mu_high, n_grid)
        log_axis = np.linspace(log_low, log_high, n_grid)
        table = _rounded_nll(
            values, counts, mu_axis[:, None], np.exp(log_axis)[None, :], resolution
        )
        i, j = np.unravel_index(np.argmin(table), table.shape)
        mu_best, log_best = float(mu_axis[i]), float(log_axis[j])
        mu_half = 2 * (mu_axis[1] - mu_axis[0])
        log_half = 2 * (log_axis[1] - log_axis[0])
        mu_low, mu_high = mu_best - mu_half, mu_best + mu_half
        log_low, log_high = log_best - log_half, log_best + log_half
    return GaussianFit(mu_best, math.exp(log_best))


# ------------------------------------------------------------------------ Box-Cox


def box_cox_profile_nll(
    sample: ArrayLike, kappas: ArrayLike, *, jacobian: bool = True
) -> NDArray[np.float64] | float:
    r"""Profile NLL of the Box-Cox parameter kappa for positive data, at every kappa given.

    The model says that :math:`y = (x^\kappa - 1)/\kappa` (:math:`\ln x` at
    :math:`\kappa = 0`) is Gaussian with unknown mean and variance. For each kappa those
    two *nuisance* parameters are replaced by their MLE given kappa, which is what makes
    this a **profile** likelihood, and the NLL of the *original* data x is returned
    (Box and Cox, 1964):

    .. math::

        \frac n2\big(\ln(2\pi\hat\sigma_\kappa^2) + 1\big) - (\kappa - 1)\sum_i \ln x_i,

    where the last term is the log of the Jacobian :math:`dy/dx = x^{\kappa-1}`. With
    it, the minimiser does not depend on the units of x. ``jacobian=False`` drops that
    term, which is wrong because it depends on kappa: shown for teaching only.

    Parameters
    ----------
    sample : array_like
        One-dimensional, finite, positive observations, at least two distinct.
    kappas : float or array_like
        Finite values of kappa, any shape.
    jacobian : bool
        Keep the Jacobian term (the correct likelihood).

    Returns
    -------
    float or ndarray
        The profile NLL at each kappa, same shape as ``kappas``.

    Raises
    ------
    TypeError
        If ``jacobian`` is not a bool, or the inputs are not real numbers.
    ValueError
        If the sample holds a value <= 0 or fewer than two distinct values, a kappa is not
        finite or has ``|kappa| * max|ln x| > 1e300``, or at some kappa the transformed
        values cannot be told apart in floating point.

    Examples
    --------
    >>> box_cox_profile_nll([1.0, 2.0, 4.0], [0.0, 1.0]).round(4)
    array([4.6285, 4.9196])
    """
    data = check_sample(sample)
    if np.any(data <= 0):
        raise ValueError(f"sample must hold values in (0, inf), got {data[data <= 0][0]}")
    if np.unique(data).size < 2:
        raise ValueError(
            "sample must hold at least two distinct values: otherwise the fitted "
            "variance is 0 and the likelihood is unbounded"
        )
    kappa = _check_points(kappas, "kappas")
    if not isinstance(jacobian, (bool, np.bool_)):
        raise TypeError(f"jacobian must be True or False, got {type(jacobian).__name__}")
    logs = np.log(data)
    n = data.size
    log_variance = np.empty(kappa.shape)
    for index, value in np.ndenumerate(kappa):
        if abs(value) * float(np.max(np.abs(logs))) > 1e300:
            raise ValueError(
                f"kappas must satisfy |kappa| * max|ln x| <= 1e300 (kappa ln x must stay in "
                f"the float range), got kappa={value:g}"
            )
        if abs(value) * float(np.max(np.abs(logs))) < 1e-10:  # the limit kappa -> 0: ln x
            top, spread, divisor = 0.0, float(np.var(logs)), 0.0
        else:
            # var((x^k - 1)/k) = exp(2m) var(expm1(z - m)) / k^2 with z = k ln x, m = max z:
            # no overflow for any kappa, and expm1 keeps the small differences accurate.
            z = value * logs
            top = float(np.max(z))
            spread = float(np.var(np.expm1(z - top)))
            divisor = 2 * math.log(abs(value))
        if not spread > 0:
            raise ValueError(
                f"at kappa={value:g} the transformed sample values cannot be told apart in "
                "floating point (variance 0); use values that differ more, or a smaller |kappa|"
            )
        log_variance[index] = 2 * top + math.log(spread) - divisor
    result = 0.5 * n * (log_variance + math.log(2 * math.pi) + 1.0)
    if jacobian:
        result = result - (kappa - 1.0) * float(np.sum(logs))
    return _result(np.asarray(result, dtype=float))

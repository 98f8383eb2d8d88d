"""Tests for mle_book.continuous (and the two continuous-case figures in mle_book.plots).

Reference values come from SciPy (a test-only dependency) or from formulas written out
here, never from the module under test.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pytest
from bad_input import BadCase, assert_rejected, bad_input_cases
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import optimize, stats
from scipy.special import logsumexp

from mle_book import continuous as C
from mle_book.plots import plot_exponential_fit, plot_nll_against_sigma

RNG = np.random.default_rng


@pytest.fixture(autouse=True)
def _warnings_are_errors() -> Any:
    """A helper must raise a clear error or return a value, never emit a numpy warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield
    plt.close("all")


# ---------------------------------------------------------------------- bad inputs

_GOOD = [0.5, 1.5, 3.0]
_GRID = [0.0, 2.0, 4.0]

# (id, call, expected exception, text the message must contain)
BAD_INPUTS: list[BadCase] = [
    ("logpdf x str", lambda: C.gaussian_log_density("1.0", 0.0, 1.0), TypeError, "x"),
    ("logpdf x list of str", lambda: C.gaussian_log_density(["a"], 0.0, 1.0), TypeError, "x"),
    ("logpdf x nan", lambda: C.gaussian_log_density([1.0, np.nan], 0.0, 1.0), ValueError, "x"),
    ("logpdf x inf", lambda: C.gaussian_log_density(np.inf, 0.0, 1.0), ValueError, "x"),
    ("logpdf x bool", lambda: C.gaussian_log_density(True, 0.0, 1.0), TypeError, "x"),
    ("logpdf mu inf", lambda: C.gaussian_log_density(0.0, np.inf, 1.0), ValueError, "mu"),
    ("logpdf mu str", lambda: C.gaussian_log_density(0.0, "0", 1.0), TypeError, "mu"),
    ("logpdf sigma 0", lambda: C.gaussian_log_density(0.0, 0.0, 0.0), ValueError, "sigma"),
    ("logpdf sigma < 0", lambda: C.gaussian_log_density(0.0, 0.0, -1.0), ValueError, "sigma"),
    ("logpdf sigma nan", lambda: C.gaussian_log_density(0.0, 0.0, np.nan), ValueError, "sigma"),
    ("logpdf sigma None", lambda: C.gaussian_log_density(0.0, 0.0, None), TypeError, "sigma"),
    ("nll empty", lambda: C.gaussian_nll([], 0.0, 1.0), ValueError, "sample"),
    ("nll 2-d", lambda: C.gaussian_nll([[1.0, 2.0]], 0.0, 1.0), ValueError, "sample"),
    ("nll nan", lambda: C.gaussian_nll([1.0, np.nan], 0.0, 1.0), ValueError, "sample"),
    ("nll -inf", lambda: C.gaussian_nll([-np.inf], 0.0, 1.0), ValueError, "sample"),
    ("nll str", lambda: C.gaussian_nll("123", 0.0, 1.0), TypeError, "sample"),
    ("nll None", lambda: C.gaussian_nll(None, 0.0, 1.0), TypeError, "sample"),
    ("nll sigma 0", lambda: C.gaussian_nll(_GOOD, 0.0, 0.0), ValueError, "sigma"),
    ("grid mus nan", lambda: C.gaussian_nll_grid(_GOOD, [0.0, np.nan]), ValueError, "mus"),
    ("grid mus str", lambda: C.gaussian_nll_grid(_GOOD, "0"), TypeError, "mus"),
    ("grid sigmas 0", lambda: C.gaussian_nll_grid(_GOOD, 0.0, [1.0, 0.0]), ValueError, "sigmas"),
    ("grid sigmas inf", lambda: C.gaussian_nll_grid(_GOOD, 0.0, np.inf), ValueError, "sigmas"),
    ("grid sample empty", lambda: C.gaussian_nll_grid([], 0.0), ValueError, "sample"),
    ("mle empty", lambda: C.gaussian_mle([]), ValueError, "sample"),
    ("mle one value", lambda: C.gaussian_mle([5.0]), ValueError, "distinct"),
    ("mle ties", lambda: C.gaussian_mle([0.1] * 7), ValueError, "distinct"),
    ("mle zeros", lambda: C.gaussian_mle([0.0, 0.0]), ValueError, "distinct"),
    ("mle 2-d", lambda: C.gaussian_mle(np.ones((2, 2))), ValueError, "sample"),
    ("mle inf", lambda: C.gaussian_mle([1.0, np.inf]), ValueError, "sample"),
    ("mle strings", lambda: C.gaussian_mle(["1", "2"]), TypeError, "sample"),
    ("mle complex", lambda: C.gaussian_mle([1j, 2j]), TypeError, "sample"),
    ("bias n 1", lambda: C.gaussian_variance_bias(1, 10, RNG(0)), ValueError, "n"),
    ("bias n float", lambda: C.gaussian_variance_bias(2.5, 10, RNG(0)), ValueError, "n"),
    ("bias repeats 0", lambda: C.gaussian_variance_bias(2, 0, RNG(0)), ValueError, "n_repeats"),
    ("bias rng None", lambda: C.gaussian_variance_bias(2, 10, None), TypeError, "rng"),
    ("bias rng int", lambda: C.gaussian_variance_bias(2, 10, 0), TypeError, "rng"),
    (
        "bias rng legacy",
        lambda: C.gaussian_variance_bias(2, 10, np.random.RandomState(0)),
        TypeError,
        "rng",
    ),
    (
        "bias sigma 0",
        lambda: C.gaussian_variance_bias(2, 10, RNG(0), sigma=0.0),
        ValueError,
        "sigma",
    ),
    ("bias mu nan", lambda: C.gaussian_variance_bias(2, 10, RNG(0), mu=np.nan), ValueError, "mu"),
    ("exp logpdf rate 0", lambda: C.exponential_log_density(1.0, 0.0), ValueError, "alpha"),
    ("exp logpdf rate < 0", lambda: C.exponential_log_density(1.0, -2.0), ValueError, "alpha"),
    ("exp logpdf x nan", lambda: C.exponential_log_density(np.nan, 1.0), ValueError, "x"),
    ("exp nll negative", lambda: C.exponential_nll([1.0, -0.5], 1.0), ValueError, "sample"),
    ("exp nll rate inf", lambda: C.exponential_nll([1.0], np.inf), ValueError, "alpha"),
    ("exp nll empty", lambda: C.exponential_nll([], 1.0), ValueError, "sample"),
    ("exp grid rates 0", lambda: C.exponential_nll_grid([1.0], [0.5, 0.0]), ValueError, "alphas"),
    ("exp grid rates str", lambda: C.exponential_nll_grid([1.0], "1"), TypeError, "alphas"),
    ("exp grid negative", lambda: C.exponential_nll_grid([-1.0], 1.0), ValueError, "sample"),
    ("exp mle zeros", lambda: C.exponential_mle([0.0, 0.0]), ValueError, "value > 0"),
    ("exp mle negative", lambda: C.exponential_mle([2.0, -1.0]), ValueError, "sample"),
    ("exp mle 2-d", lambda: C.exponential_mle([[1.0], [2.0]]), ValueError, "sample"),
    ("exp mle nan", lambda: C.exponential_mle([np.nan]), ValueError, "sample"),
    ("exp mle tiny mean", lambda: C.exponential_mle([5e-324]), ValueError, "too small"),
    ("interval eps 0", lambda: C.interval_probability(0.0, 0.0, 1.0, 0.0), ValueError, "epsilon"),
    (
        "interval sigma < 0",
        lambda: C.interval_probability(0.0, 0.0, -1.0, 0.1),
        ValueError,
        "sigma",
    ),
    ("interval x nan", lambda: C.interval_probability(np.nan, 0.0, 1.0, 0.1), ValueError, "x"),
    ("interval x str", lambda: C.interval_probability("0", 0.0, 1.0, 0.1), TypeError, "x"),
    ("interval x array", lambda: C.interval_probability([0.0], 0.0, 1.0, 0.1), TypeError, "x"),
    (
        "interval nll eps < 0",
        lambda: C.gaussian_interval_nll(_GOOD, 0.0, 1.0, -0.1),
        ValueError,
        "epsilon",
    ),
    (
        "interval nll 2-d",
        lambda: C.gaussian_interval_nll([[1.0]], 0.0, 1.0, 0.1),
        ValueError,
        "sample",
    ),
    (
        "interval nll sigma 0",
        lambda: C.gaussian_interval_nll(_GOOD, 0.0, 0.0, 0.1),
        ValueError,
        "sigma",
    ),
    (
        "interval nll mu inf",
        lambda: C.gaussian_interval_nll(_GOOD, np.inf, 1.0, 0.1),
        ValueError,
        "mu",
    ),
    (
        "mixture weights sum",
        lambda: C.gaussian_mixture_nll(_GOOD, [0.5, 0.6], [0.0, 1.0], [1.0, 1.0]),
        ValueError,
        "sum to 1",
    ),
    (
        "mixture weight < 0",
        lambda: C.gaussian_mixture_nll(_GOOD, [1.5, -0.5], [0.0, 1.0], [1.0, 1.0]),
        ValueError,
        "weights",
    ),
    (
        "mixture lengths",
        lambda: C.gaussian_mixture_nll(_GOOD, [0.5, 0.5], [0.0], [1.0, 1.0]),
        ValueError,
        "same length",
    ),
    (
        "mixture sigma 0",
        lambda: C.gaussian_mixture_nll(_GOOD, [0.5, 0.5], [0.0, 1.0], [1.0, 0.0]),
        ValueError,
        "sigmas",
    ),
    (
        "mixture mus nan",
        lambda: C.gaussian_mixture_nll(_GOOD, [1.0], [np.nan], [1.0]),
        ValueError,
        "mus",
    ),
    (
        "mixture weights str",
        lambda: C.gaussian_mixture_nll(_GOOD, "1", [0.0], [1.0]),
        TypeError,
        "weights",
    ),
    (
        "mixture epsilon 0",
        lambda: C.gaussian_mixture_nll(_GOOD, [1.0], [0.0], [1.0], epsilon=0.0),
        ValueError,
        "epsilon",
    ),
    (
        "mixture sample empty",
        lambda: C.gaussian_mixture_nll([], [1.0], [0.0], [1.0]),
        ValueError,
        "sample",
    ),
    ("box-cox zero", lambda: C.box_cox_profile_nll([0.0, 1.0], 1.0), ValueError, "(0, inf)"),
    ("box-cox negative", lambda: C.box_cox_profile_nll([2.0, -1.0], 1.0), ValueError, "sample"),
    ("box-cox ties", lambda: C.box_cox_profile_nll([2.0, 2.0], 1.0), ValueError, "distinct"),
    ("box-cox empty", lambda: C.box_cox_profile_nll([], 1.0), ValueError, "sample"),
    ("box-cox nan", lambda: C.box_cox_profile_nll([1.0, np.nan], 1.0), ValueError, "sample"),
    ("box-cox lambda nan", lambda: C.box_cox_profile_nll(_GOOD, np.nan), ValueError, "kappas"),
    ("box-cox lambda str", lambda: C.box_cox_profile_nll(_GOOD, "1"), TypeError, "kappas"),
    (
        "box-cox jacobian",
        lambda: C.box_cox_profile_nll(_GOOD, 1.0, jacobian=1),
        TypeError,
        "jacobian must be True or False",
    ),
    (
        "box-cox indistinguishable",
        lambda: C.box_cox_profile_nll([1e300, 1.0000000000000002e300], 1.0),
        ValueError,
        "cannot be told apart",
    ),
    (
        "rounded off grid",
        lambda: C.gaussian_rounded_mle([0.0, 1.0, 2.5], 1.0),
        ValueError,
        "multiples",
    ),
    ("rounded one value", lambda: C.gaussian_rounded_mle([3.0, 3.0], 1.0), ValueError, "cells"),
    ("rounded adjacent", lambda: C.gaussian_rounded_mle([3.0, 4.0, 4.0], 1.0), ValueError, "cells"),
    ("rounded resolution 0", lambda: C.gaussian_rounded_mle(_GRID, 0.0), ValueError, "resolution"),
    ("rounded n_grid", lambda: C.gaussian_rounded_mle(_GRID, 1.0, n_grid=5), ValueError, "n_grid"),
    (
        "rounded n_rounds",
        lambda: C.gaussian_rounded_mle(_GRID, 1.0, n_rounds=0),
        ValueError,
        "n_rounds",
    ),
    (
        "rounded too many values",
        lambda: C.gaussian_rounded_mle(np.arange(10_001.0), 1.0),
        ValueError,
        "distinct",
    ),
    ("rounded nan", lambda: C.gaussian_rounded_mle([0.0, np.nan], 1.0), ValueError, "sample"),
    ("plot exp rate 0", lambda: plot_exponential_fit([1.0, 2.0], 0.0), ValueError, "alpha"),
    ("plot exp negative", lambda: plot_exponential_fit([-1.0, 2.0], 1.0), ValueError, "sample"),
    (
        "plot sigma 0",
        lambda: plot_nll_against_sigma([1.0, 0.0], {"a": [1, 2]}),
        ValueError,
        "sigmas",
    ),
    ("plot curves empty", lambda: plot_nll_against_sigma([1.0], {}), TypeError, "curves"),
    ("plot curves list", lambda: plot_nll_against_sigma([1.0], [[1.0]]), TypeError, "curves"),
    (
        "plot curves length",
        lambda: plot_nll_against_sigma([1.0, 0.1], {"a": [1.0]}),
        ValueError,
        "curves['a']",
    ),
    (
        "plot curves nan",
        lambda: plot_nll_against_sigma([1.0, 0.1], {"a": [1.0, np.nan]}),
        ValueError,
        "curves['a']",
    ),
]


@bad_input_cases(BAD_INPUTS)
def test_bad_input_raises_a_clear_error(
    call: Callable[[], object], error: type[Exception], text: str
) -> None:
    assert_rejected(call, error, text)


# ------------------------------------------------------------------- known values


def test_log_density_matches_scipy_and_can_be_positive() -> None:
    x = np.linspace(-3.0, 5.0, 17)
    np.testing.assert_allclose(
        C.gaussian_log_density(x, 1.0, 2.0), stats.norm.logpdf(x, 1.0, 2.0), rtol=1e-13
    )
    assert C.gaussian_log_density(0.0, 0.0, 0.1) == pytest.approx(
        math.log(1 / (0.1 * math.sqrt(2 * math.pi)))
    )
    assert C.gaussian_log_density(0.0, 0.0, 0.1) > 0
    assert isinstance(C.gaussian_log_density(0.0, 0.0, 1.0), float)
    assert C.gaussian_log_density(np.zeros((2, 3)), 0.0, 1.0).shape == (2, 3)


def test_far_tails_are_a_named_error_without_warnings() -> None:
    # a z-score beyond ~1e154 puts the log density below the float range: a ValueError
    # naming mu and sigma, not a silent infinity
    with pytest.raises(ValueError, match="too large for sigma"):
        C.gaussian_log_density(1e300, -1e300, 1e-300)
    with pytest.raises(ValueError, match="too large for sigma"):
        C.gaussian_nll([1e300], -1e300, 1e-300)
    with pytest.raises(ValueError, match="too large for sigmas"):
        C.gaussian_nll_grid([1e300], -1e300, 1e-300)
    assert C.exponential_log_density(1e300, 1e300) == -math.inf


def test_exponential_log_density() -> None:
    x = np.array([0.0, 0.5, 3.0])
    np.testing.assert_allclose(
        C.exponential_log_density(x, 2.0), stats.expon.logpdf(x, scale=0.5), rtol=1e-13
    )
    assert C.exponential_log_density(-1.0, 2.0) == -math.inf
    assert C.exponential_nll([3.0], 1 / 3) == pytest.approx(math.log(3) + 1)


def test_gaussian_fit_variance_property() -> None:
    fit = C.gaussian_mle([1.0, 2.0, 3.0])
    assert fit.variance == pytest.approx(2 / 3)
    assert fit.mu == 2.0


@pytest.mark.parametrize(
    "sample",
    [[1e300, -1e300, 5e299], [1e-310, 3e-310, 2e-310], [1.7e308, 1.7e308, -1.7e308], [-4.0, -2.0]],
)
def test_gaussian_mle_scales_extreme_values(sample: list[float]) -> None:
    fit = C.gaussian_mle(sample)
    assert math.isfinite(fit.mu) and math.isfinite(fit.sigma) and fit.sigma > 0
    scale = max(abs(v) for v in sample)
    scaled = np.array(sample) / scale
    assert fit.mu / scale == pytest.approx(scaled.mean(), rel=1e-12, abs=1e-15)
    assert fit.sigma / scale == pytest.approx(scaled.std(), rel=1e-12)


def test_exponential_mle_survives_a_sum_that_overflows() -> None:
    assert C.exponential_mle([1e308] * 10) == pytest.approx(1e-308)


def test_interval_probability_is_accurate_in_both_tails() -> None:
    right = C.interval_probability(10.0, 0.0, 1.0, 0.1)
    assert right == pytest.approx(stats.norm.sf(9.95) - stats.norm.sf(10.05), rel=1e-12)
    left = C.interval_probability(-10.0, 0.0, 1.0, 0.1)
    assert left == pytest.approx(right, rel=1e-14)
    middle = C.interval_probability(0.0, 0.0, 1.0, 0.5)
    assert middle == pytest.approx(stats.norm.cdf(0.25) - stats.norm.cdf(-0.25), rel=1e-14)
    assert C.interval_probability(0.0, 0.0, 1e-9, 1.0) == 1.0


def test_interval_nll_tends_to_density_nll_plus_constant() -> None:
    sample = RNG(1).normal(0.4, 1.0, size=20)
    for eps in (1e-3, 1e-4):
        exact = C.gaussian_interval_nll(sample, 0.0, 1.0, eps)
        approx = -sample.size * math.log(eps) + C.gaussian_nll(sample, 0.0, 1.0)
        assert exact == pytest.approx(approx, abs=100 * eps**2)


def test_interval_nll_stays_finite_where_a_window_has_no_float_mass() -> None:
    # P(99.9995 < X < 100.0005) for X ~ N(0, 1e-6) is about exp(-5e9): 0 as a float,
    # but its log is finite; the second window is 1e5 standard deviations out.
    value = C.gaussian_interval_nll([0.0, 100.0], 0.0, 1e-3, 1e-3)
    log_mass_0 = math.log(stats.norm.cdf(0.5) - stats.norm.cdf(-0.5))
    upper, lower = -99_999.5, -100_000.5  # the window in standard units, reflected
    log_mass_100 = stats.norm.logcdf(upper) + math.log(
        -math.expm1(stats.norm.logcdf(lower) - stats.norm.logcdf(upper))
    )
    assert value == pytest.approx(-(log_mass_0 + log_mass_100), rel=1e-12)


@pytest.mark.parametrize(
    ("sample", "mu", "sigma"),
    [([0.5], -1e308, 1.0), ([1e308], 0.0, 1.0), ([0.5, 1.5], 1.0, 5e-324), ([1.0], 0.0, 1e-300)],
)
def test_interval_nll_beyond_the_float_range_is_a_value_error(sample, mu, sigma) -> None:
    with pytest.raises(ValueError, match=r"float range.*mu.*sigma"):
        C.gaussian_interval_nll(sample, mu, sigma, 0.1)


def test_interval_nll_survives_differences_that_overflow() -> None:
    # x - mu = 2e308 overflows, but (x - mu) / sigma = 2 (halved inputs are exact)
    value = C.gaussian_interval_nll([1e308], -1e308, 1e308, 1.0)
    expected = -(stats.norm.logpdf(2.0) + math.log(1.0) - math.log(1e308))
    assert value == pytest.approx(expected, rel=1e-14)


def test_interval_nll_of_a_certain_window_is_plus_zero() -> None:
    value = C.gaussian_interval_nll([0.0], 0.0, 1e-9, 1.0)
    assert value == 0.0 and math.copysign(1.0, value) == 1.0


def test_mixture_with_one_component_is_the_gaussian() -> None:
    sample = RNG(2).normal(size=15)
    assert C.gaussian_mixture_nll(sample, [1.0], [0.3], [1.2]) == pytest.approx(
        C.gaussian_nll(sample, 0.3, 1.2), rel=1e-13
    )
    assert C.gaussian_mixture_nll(sample, [1.0], [0.3], [1.2], epsilon=0.01) == pytest.approx(
        C.gaussian_interval_nll(sample, 0.3, 1.2, 0.01), rel=1e-13
    )


def test_mixture_matches_scipy_logsumexp() -> None:
    sample = RNG(3).normal(size=12)
    weights, mus, sigmas = (
        np.array([0.2, 0.5, 0.3]),
        np.array([-1.0, 0.0, 2.0]),
        np.array([0.5, 1.0, 2.0]),
    )
    expected = -np.sum(
        logsumexp(stats.norm.logpdf(sample[:, None], mus, sigmas) + np.log(weights), axis=1)
    )
    assert C.gaussian_mixture_nll(sample, weights, mus, sigmas) == pytest.approx(
        expected, rel=1e-13
    )
    masses = stats.norm.cdf(sample[:, None] + 0.05, mus, sigmas) - stats.norm.cdf(
        sample[:, None] - 0.05, mus, sigmas
    )
    assert C.gaussian_mixture_nll(sample, weights, mus, sigmas, epsilon=0.1) == pytest.approx(
        -np.sum(np.log(masses @ weights)), rel=1e-10
    )


def test_mixture_density_nll_is_unbounded_but_window_nll_is_not() -> None:
    sample = RNG(4).normal(size=10)
    args = {"weights": [0.5, 0.5], "mus": [sample[0], 0.0]}
    density = [
        C.gaussian_mixture_nll(sample, sigmas=[s, 1.0], **args) for s in (1e-10, 1e-100, 1e-300)
    ]
    assert density[0] > density[1] > density[2] < -600
    window = [
        C.gaussian_mixture_nll(sample, sigmas=[s, 1.0], epsilon=1e-3, **args)
        for s in (1e-10, 1e-100, 1e-300)
    ]
    assert min(window) >= 0 and max(window) - min(window) < 1e-9


def test_mixture_zero_weight_component_is_ignored() -> None:
    sample = [0.0, 1.0]
    assert C.gaussian_mixture_nll(sample, [1.0, 0.0], [0.0, 5.0], [1.0, 1.0]) == pytest.approx(
        C.gaussian_nll(sample, 0.0, 1.0)
    )


def test_mixture_far_from_every_component_is_finite_or_a_value_error() -> None:
    # 2e600 standard deviations: the NLL itself is beyond the float range
    with pytest.raises(ValueError, match=r"float range.*mus.*sigmas"):
        C.gaussian_mixture_nll([1e300], [1.0], [-1e300], [1e-300])
    with pytest.raises(ValueError, match=r"float range.*mus.*sigmas"):
        C.gaussian_mixture_nll([1e308] * 3, [0.5, 0.5], [0.0, 2.0], [1.0, 2.0])
    # 5e4 standard deviations: every probability underflows, the NLL does not
    value = C.gaussian_mixture_nll([0.0, 50.0], [1.0], [0.0], [1e-3], epsilon=1e-3)
    assert value == pytest.approx(C.gaussian_interval_nll([0.0, 50.0], 0.0, 1e-3, 1e-3))
    assert 1.2e9 < value < 1.3e9
    # densities that underflow: log-sum-exp of the log-densities
    sample, mus = [40.0, -41.0], [0.0, 1.0]
    expected = -np.sum(
        logsumexp(stats.norm.logpdf(np.subtract.outer(sample, mus)) + math.log(0.5), axis=1)
    )
    assert C.gaussian_mixture_nll(sample, [0.5, 0.5], mus, [1.0, 1.0]) == pytest.approx(
        expected, rel=1e-14
    )


def test_mixture_interval_nll_with_the_smallest_epsilon_is_finite() -> None:
    sample = [0.5, 1.5, 2.0, 3.5]
    value = C.gaussian_mixture_nll(sample, [0.5, 0.5], [0.0, 2.0], [1.0, 2.0], epsilon=5e-324)
    # a window of width 5e-324 has probability 5e-324 * density (to rounding)
    dens = C.gaussian_mixture_nll(sample, [0.5, 0.5], [0.0, 2.0], [1.0, 2.0])
    assert value == pytest.approx(dens - len(sample) * math.log(5e-324), rel=1e-14)


def test_nll_grids_return_floats_for_scalars_and_broadcast() -> None:
    assert isinstance(C.gaussian_nll_grid([0.0, 1.0], 0.5, 1.0), float)
    assert C.gaussian_nll_grid([0.0, 1.0], np.zeros((3, 1)), np.ones((1, 4))).shape == (3, 4)
    assert isinstance(C.exponential_nll_grid([1.0], 1.0), float)


def test_rounded_mle_matches_scipy_optimiser() -> None:
    readings = np.round(RNG(5).normal(21.3, 0.4, size=300))
    fit = C.gaussian_rounded_mle(readings, 1.0)

    def nll(params: np.ndarray) -> float:
        mu, sigma = params[0], math.exp(params[1])
        mass = stats.norm.cdf(readings + 0.5, mu, sigma) - stats.norm.cdf(readings - 0.5, mu, sigma)
        return float(-np.sum(np.log(mass)))

    best = optimize.minimize(
        nll, [21.0, math.log(0.5)], method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-12}
    )
    assert fit.mu == pytest.approx(best.x[0], abs=1e-6)
    assert fit.sigma == pytest.approx(math.exp(best.x[1]), rel=1e-6)
    assert nll(np.array([fit.mu, math.log(fit.sigma)])) <= best.fun + 1e-9


def test_rounded_mle_exists_for_two_non_adjacent_cells() -> None:
    fit = C.gaussian_rounded_mle([0.0, 0.0, 2.0, 2.0], 1.0)
    assert fit.mu == pytest.approx(1.0, abs=1e-9)
    assert 0.3 < fit.sigma < 2.0


def test_rounded_mle_agrees_with_density_mle_for_fine_resolution() -> None:
    raw = RNG(6).normal(3.0, 2.0, size=200)
    fine = np.round(raw, 3)
    fit, dense = C.gaussian_rounded_mle(fine, 1e-3), C.gaussian_mle(fine)
    assert fit.mu == pytest.approx(dense.mu, abs=1e-6)
    assert fit.sigma == pytest.approx(dense.sigma, rel=1e-6)


def test_variance_bias_simulation() -> None:
    sim = C.gaussian_variance_bias(5, 100_000, RNG(7), mu=3.0, sigma=2.0)
    assert (sim.n, sim.n_repeats) == (5, 100_000)
    assert sim.expected_variance_mle == pytest.approx(4 * 4 / 5)
    assert abs(sim.mean_variance_mle - sim.expected_variance_mle) < 5 * sim.se_variance_mle
    assert abs(sim.mean_variance_unbiased - 4.0) < 5 * sim.se_variance_mle * 5 / 4
    assert sim.mean_variance_unbiased == pytest.approx(sim.mean_variance_mle * 5 / 4)
    assert sim.mean_sigma_mle < math.sqrt(sim.mean_variance_mle)  # Jensen
    # exact SE for N(0, σ²) samples: Var(σ̂²) = 2(N-1)σ⁴/N²
    assert sim.se_variance_mle == pytest.approx(math.sqrt(2 * 4 * 16 / 25 / 100_000), rel=0.05)


def test_variance_bias_is_reproducible_and_chunked() -> None:
    first = C.gaussian_variance_bias(3, 1000, RNG(8))
    assert first == C.gaussian_variance_bias(3, 1000, RNG(8))
    # n = 2**19 gives two rows per chunk, so five repeats take three chunks
    big = C.gaussian_variance_bias(2**19, 5, RNG(9))
    assert big.mean_variance_mle == pytest.approx(1.0, abs=0.01)


def _box_cox_reference(sample: list[float], lam: float) -> float:
    """NLL from SciPy's Box-Cox log-likelihood, which leaves out the constant N/2 (1 + ln 2π)."""
    data = np.asarray(sample)
    return -float(stats.boxcox_llf(lam, data)) + data.size / 2 * (1 + math.log(2 * math.pi))


@pytest.mark.parametrize("lam", [-2.5, -1.0, 0.0, 0.3, 1.0, 2.0])
def test_box_cox_profile_nll_matches_scipy(lam: float) -> None:
    sample = RNG(1).lognormal(0.5, 0.7, size=40).tolist()
    assert C.box_cox_profile_nll(sample, lam) == pytest.approx(
        _box_cox_reference(sample, lam), rel=1e-10
    )


def test_box_cox_without_jacobian_drops_exactly_the_jacobian_term() -> None:
    sample = RNG(2).lognormal(0.0, 0.5, size=30)
    lambdas = np.array([-1.0, 0.0, 0.5, 2.0])
    with_term = C.box_cox_profile_nll(sample, lambdas)
    without = C.box_cox_profile_nll(sample, lambdas, jacobian=False)
    np.testing.assert_allclose(with_term - without, -(lambdas - 1) * np.sum(np.log(sample)))


def test_box_cox_minimum_matches_scipy_and_the_wrong_one_runs_to_the_grid_edge() -> None:
    sample = RNG(8).lognormal(1.0, 0.5, size=200)
    lambdas = np.linspace(-2.0, 3.0, 5001)
    best = lambdas[np.argmin(C.box_cox_profile_nll(sample, lambdas))]
    assert best == pytest.approx(stats.boxcox_normmax(sample, method="mle"), abs=1e-3)
    for scale, edge in ((1.0, -2.0), (0.01, 3.0)):
        wrong = C.box_cox_profile_nll(sample * scale, lambdas, jacobian=False)
        assert lambdas[np.argmin(wrong)] == edge


def test_box_cox_is_continuous_at_lambda_zero_and_keeps_the_shape() -> None:
    sample = [0.5, 1.5, 3.0, 7.0]
    at_zero = C.box_cox_profile_nll(sample, 0.0)
    assert isinstance(at_zero, float)
    near = C.box_cox_profile_nll(sample, [[1e-13, -1e-13], [1e-7, -1e-7]])
    assert near.shape == (2, 2)
    np.testing.assert_allclose(near, at_zero, rtol=1e-6)


def test_box_cox_extreme_lambdas_stay_finite() -> None:
    values = C.box_cox_profile_nll([1e-300, 1.0, 1e300], [-400.0, 400.0])
    assert np.all(np.isfinite(values))


# -------------------------------------------------------------------- hypothesis

_finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
_positive = st.floats(min_value=0.0, max_value=1e6, allow_nan=False, allow_infinity=False)
_samples = st.lists(_finite, min_size=2, max_size=50)


def _spread_out(sample: list[float]) -> bool:
    values = np.array(sample)
    return float(np.ptp(values)) > 1e-6 * (float(np.max(np.abs(values))) + 1.0)


@settings(deadline=None)  # properties, not timings (the machine is shared)
@given(_samples)
def test_gaussian_mle_equals_scipy_norm_fit(sample: list[float]) -> None:
    assume(_spread_out(sample))
    fit = C.gaussian_mle(sample)
    loc, scale = stats.norm.fit(sample)
    size = float(np.max(np.abs(sample)))
    assert fit.mu == pytest.approx(loc, rel=1e-9, abs=1e-12 * size)
    assert fit.sigma == pytest.approx(scale, rel=1e-7)


@settings(deadline=None)  # properties, not timings (the machine is shared)
@given(st.lists(_positive, min_size=1, max_size=50))
def test_exponential_mle_equals_scipy_expon_fit(sample: list[float]) -> None:
    assume(max(sample) > 1e-6)
    _loc, scale = stats.expon.fit(sample, floc=0)
    assert C.exponential_mle(sample) == pytest.approx(1 / scale, rel=1e-9)


@settings(deadline=None)  # properties, not timings (the machine is shared)
@given(
    _samples,
    st.floats(min_value=-2.0, max_value=2.0),
    st.floats(min_value=0.25, max_value=4.0),
)
def test_gaussian_nll_is_smallest_at_the_mle(
    sample: list[float], shift: float, factor: float
) -> None:
    assume(_spread_out(sample))
    fit = C.gaussian_mle(sample)
    best = C.gaussian_nll(sample, fit.mu, fit.sigma)
    other = C.gaussian_nll(sample, fit.mu + shift * fit.sigma, fit.sigma * factor)
    assert best <= other + 1e-9 * abs(best) + 1e-9


@settings(deadline=None)  # properties, not timings (the machine is shared)
@given(st.lists(_positive, min_size=1, max_size=50), st.floats(min_value=0.1, max_value=10.0))
def test_exponential_nll_is_smallest_at_the_mle(sample: list[float], factor: float) -> None:
    assume(max(sample) > 1e-6)
    rate = C.exponential_mle(sample)
    best = C.exponential_nll(sample, rate)
    assert best <= C.exponential_nll(sample, rate * factor) + 1e-9 * abs(best) + 1e-9


@settings(deadline=None)  # properties, not timings (the machine is shared)
@given(
    _samples, st.lists(_finite, min_size=1, max_size=5), st.floats(min_value=0.01, max_value=1e3)
)
def test_gaussian_nll_grid_equals_pointwise_nll(
    sample: list[float], mus: list[float], sigma: float
) -> None:
    grid = C.gaussian_nll_grid(sample, mus, sigma)
    for mu, value in zip(mus, np.atleast_1d(grid), strict=True):
        assert value == pytest.approx(C.gaussian_nll(sample, mu, sigma), rel=1e-8, abs=1e-6)


@settings(deadline=None)  # properties, not timings (the machine is shared)
@given(
    st.lists(_positive, min_size=1, max_size=50),
    st.lists(st.floats(0.01, 100.0), min_size=1, max_size=5),
)
def test_exponential_nll_grid_equals_pointwise_nll(sample: list[float], rates: list[float]) -> None:
    grid = C.exponential_nll_grid(sample, rates)
    for rate, value in zip(rates, np.atleast_1d(grid), strict=True):
        assert value == pytest.approx(C.exponential_nll(sample, rate), rel=1e-9, abs=1e-9)


@settings(max_examples=50, deadline=None)
@given(
    st.floats(min_value=-20.0, max_value=20.0),
    st.floats(min_value=-5.0, max_value=5.0),
    st.floats(min_value=0.1, max_value=10.0),
    st.floats(min_value=1e-3, max_value=10.0),
)
def test_interval_probability_matches_scipy(x: float, mu: float, sigma: float, eps: float) -> None:
    lower, upper = (x - eps / 2 - mu) / sigma, (x + eps / 2 - mu) / sigma
    if lower >= 0:
        expected = stats.norm.sf(lower) - stats.norm.sf(upper)
    else:
        expected = stats.norm.cdf(upper) - stats.norm.cdf(lower)
    got = C.interval_probability(x, mu, sigma, eps)
    assert 0.0 <= got <= 1.0
    assert got == pytest.approx(expected, rel=1e-6, abs=1e-300)


@settings(deadline=None)  # properties, not timings (the machine is shared)
@given(_samples, st.floats(-10.0, 10.0), st.floats(1e-3, 1e3), st.floats(1e-6, 1e3))
def test_interval_nll_is_never_negative(
    sample: list[float], mu: float, sigma: float, eps: float
) -> None:
    assert C.gaussian_interval_nll(sample, mu, sigma, eps) >= 0.0


# ------------------------------------------------------------------------ figures


def test_exponential_fit_figure() -> None:
    sample = RNG(10).exponential(4.0, size=60)
    fig = plot_exponential_fit(sample, C.exponential_mle(sample))
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() == "x" and ax.get_ylabel() == "density"
    x, y = ax.lines[0].get_data()
    rate = C.exponential_mle(sample)
    np.testing.assert_allclose(y, rate * np.exp(-rate * x))
    assert ax.get_xlim()[0] == 0.0


def test_nll_against_sigma_figure() -> None:
    fig = plot_nll_against_sigma([1.0, 0.1, 0.01], {"a": [3.0, 2.0, 1.0], "b": [3.0, 3.0, 3.0]})
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and len(ax.lines) == 2
    low, high = ax.get_xlim()
    assert low > high  # sigma shrinks to the right
    assert ax.get_title() and ax.get_ylabel() == "NLL"


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(0.01, 100.0), min_size=2, max_size=30),
    st.floats(1e-3, 1e3),
    st.lists(st.floats(-3.0, 3.0), min_size=2, max_size=5),
)
def test_box_cox_with_jacobian_is_unit_free_and_without_is_not(
    sample: list[float], scale: float, lambdas: list[float]
) -> None:
    """Rescaling x by a shifts the NLL by N ln a for every lambda; the wrong one by N λ ln a."""
    data = np.array(sample)
    assume(float(np.ptp(np.log(data))) > 1e-3)
    lam = np.array(lambdas)
    shift = C.box_cox_profile_nll(data * scale, lam) - C.box_cox_profile_nll(data, lam)
    np.testing.assert_allclose(shift, data.size * math.log(scale), rtol=1e-6, atol=1e-6)
    wrong = C.box_cox_profile_nll(data * scale, lam, jacobian=False) - C.box_cox_profile_nll(
        data, lam, jacobian=False
    )
    np.testing.assert_allclose(wrong, data.size * lam * math.log(scale), rtol=1e-6, atol=1e-6)


def test_variance_mle_spread_and_mse_vanish_consistency() -> None:
    """Consistency needs the spread to vanish, not only the bias: check both exactly."""
    for size in (5, 50, 500):
        sim = C.gaussian_variance_bias(size, 40_000, RNG(size))
        exact_sd = math.sqrt(2 * (size - 1)) / size
        exact_mse = (2 * size - 1) / size**2
        assert sim.sd_variance_mle == pytest.approx(exact_sd, rel=0.03)
        assert sim.mse_variance_mle == pytest.approx(exact_mse, rel=0.05)
        assert sim.mse_variance_mle == pytest.approx(
            sim.sd_variance_mle**2 + (sim.mean_variance_mle - 1.0) ** 2, rel=1e-9
        )

"""Tests for mle_book.uncertainty: information, intervals, exact coverage, profile likelihood.

References: SciPy's norm, chi2, t and binomtest; numerical derivatives of the
log-likelihood; and, for the exact coverage, a brute-force sum over every flip sequence.
"""

from __future__ import annotations

import itertools
import math
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from bad_input import BadCase, assert_rejected, bad_input_cases
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mle_book import uncertainty as unc
from mle_book.bayes import logit
from mle_book.likelihood import bernoulli_log_likelihood, fisher_information
from mle_book.widgets import coverage_explorer, interval_explorer, surface_explorer

NAN = float("nan")
SAMPLE = np.array([0.3, 1.9, -0.4, 1.2, 0.8, 2.6, 0.1, 1.4])

BAD_INPUTS: list[BadCase] = [
    ("score theta 0", lambda: unc.score(0.0, 9, 4), ValueError, "theta must be in (0, 1)"),
    ("score heads str", lambda: unc.score(0.5, "9", 4), TypeError, "n_heads must be"),
    ("info theta 1", lambda: unc.observed_information(1.0, 9, 4), ValueError, "theta must be"),
    ("level 1", lambda: unc.normal_quantile(1.0), ValueError, "level must be in (0, 1)"),
    ("level 0", lambda: unc.chi2_quantile(0), ValueError, "level must be in (0, 1)"),
    ("level nan", lambda: unc.chi2_quantile(NAN), ValueError, "level must be finite"),
    ("level str", lambda: unc.normal_quantile("0.95"), TypeError, "level must be a real"),
    ("wald no flips", lambda: unc.wald_interval(0, 0), ValueError, "n_heads + n_tails"),
    ("lr negative", lambda: unc.likelihood_ratio_interval(-1, 4), ValueError, "n_heads must"),
    ("lr fraction", lambda: unc.likelihood_ratio_interval(9, 4.5), ValueError, "n_tails must"),
    ("method", lambda: unc.interval(9, 4, "score"), ValueError, "method must be"),
    ("coverage n 0", lambda: unc.coverage(0, 0.5), ValueError, "n must be an integer in"),
    ("coverage n fraction", lambda: unc.coverage(13.5, 0.5), ValueError, "n must be an integer"),
    ("coverage theta", lambda: unc.coverage(13, 1.2), ValueError, "theta must be in [0, 1]"),
    ("coverage method", lambda: unc.coverage(13, 0.5, "x"), ValueError, "method must be"),
    ("coverage level", lambda: unc.coverage(13, 0.5, "lr", 95), ValueError, "level must be"),
    ("sim rng", lambda: unc.simulate_heads(13, 0.5, 10, 0), TypeError, "rng must be a numpy"),
    (
        "sim n_sims",
        lambda: unc.simulate_heads(13, 0.5, 0, np.random.default_rng(0)),
        ValueError,
        "n_sims must be",
    ),
    ("delta se", lambda: unc.delta_method_se(-1.0, 2.0), ValueError, "se must be in [0, inf)"),
    ("delta derivative", lambda: unc.delta_method_se(1.0, NAN), ValueError, "derivative must"),
    ("log-odds wald 0", lambda: unc.log_odds_wald_interval(13, 0), ValueError, "both be >= 1"),
    ("profile ties", lambda: unc.gaussian_profile_nll([1.0, 1.0], 0.0), ValueError, "distinct"),
    ("profile mu nan", lambda: unc.gaussian_profile_nll(SAMPLE, NAN), ValueError, "mu must"),
    ("t sample", lambda: unc.t_interval([]), ValueError, "sample must hold at least one"),
    ("t level", lambda: unc.t_interval(SAMPLE, 1.5), ValueError, "level must be in (0, 1)"),
    (
        "hist heads",
        lambda: unc.plot_sampling_distribution([14], 13, 0.5),
        ValueError,
        "heads must hold whole numbers",
    ),
    ("hist theta", lambda: unc.plot_sampling_distribution([3], 13, 0.0), ValueError, "theta"),
    ("plot points", lambda: unc.plot_coverage(13, n_points=2), ValueError, "n_points must"),
    ("explorer flips", lambda: interval_explorer(0, 0), ValueError, "n_heads + n_tails"),
    ("explorer level", lambda: interval_explorer(level=0.999), ValueError, "level must be in"),
    ("coverage explorer n", lambda: coverage_explorer(n=101), ValueError, "n must be an"),
    ("coverage explorer theta", lambda: coverage_explorer(theta=0.0), ValueError, "theta must"),
    ("gaussian coverage n", lambda: unc.gaussian_coverage(1), ValueError, "n must be an"),
    ("gaussian coverage method", lambda: unc.gaussian_coverage(5, "wald"), ValueError, "method"),
    ("gaussian coverage level", lambda: unc.gaussian_coverage(5, "t", 1.0), ValueError, "level"),
    ("surface ties", lambda: surface_explorer([2.0, 2.0]), ValueError, "distinct"),
    ("surface level", lambda: surface_explorer(SAMPLE, 0.3), ValueError, "level must be in"),
    # gaussian_intervals: many samples at once, one per row
    ("many 1-d", lambda: unc.gaussian_intervals(SAMPLE), ValueError, "samples must be two-dim"),
    ("many 3-d", lambda: unc.gaussian_intervals(np.ones((2, 2, 2))), ValueError, "shape (2, 2, 2)"),
    ("many one column", lambda: unc.gaussian_intervals([[1.0], [2.0]]), ValueError, "at least two"),
    ("many no rows", lambda: unc.gaussian_intervals(np.ones((0, 5))), ValueError, "one row"),
    ("many nan", lambda: unc.gaussian_intervals([[0.0, NAN]]), ValueError, "samples must hold fin"),
    ("many inf", lambda: unc.gaussian_intervals([[0.0, math.inf]]), ValueError, "finite"),
    (
        "many ties",
        lambda: unc.gaussian_intervals([[0.0, 1.0], [2.0, 2.0], [0.0, 0.0]]),
        ValueError,
        "row 1 has only one value (2 such rows)",
    ),
    ("many bool", lambda: unc.gaussian_intervals(np.ones((2, 3), bool)), TypeError, "samples must"),
    ("many str", lambda: unc.gaussian_intervals([["a", "b"]]), TypeError, "samples must"),
    ("many None", lambda: unc.gaussian_intervals(None), TypeError, "samples must"),
    ("many method", lambda: unc.gaussian_intervals([[0, 1]], "wald"), ValueError, "method must"),
    ("many method type", lambda: unc.gaussian_intervals([[0, 1]], 1), TypeError, "method must"),
    ("many level", lambda: unc.gaussian_intervals([[0, 1]], "t", 1.0), ValueError, "level must"),
    ("many level str", lambda: unc.gaussian_intervals([[0, 1]], "t", "0.9"), TypeError, "level"),
    (
        "many overflow",
        lambda: unc.gaussian_intervals([[-1e308, 1e308]], "t"),
        ValueError,
        "ends overflow the float range for these samples and level",
    ),
    (
        "contains str",
        lambda: unc.gaussian_intervals([[0, 1]]).contains("0"),
        TypeError,
        "value must be",
    ),
    ("contains nan", lambda: unc.gaussian_intervals([[0, 1]]).contains(NAN), ValueError, "value"),
]


@bad_input_cases(BAD_INPUTS)
def test_bad_inputs_are_rejected_with_a_clear_message(call, error, text) -> None:
    assert_rejected(call, error, text)


def test_whole_valued_float_counts_are_counts() -> None:
    """The package rule: 13.0 is the count 13 (only fractional counts raise)."""
    assert unc.coverage(13.0, 0.5) == unc.coverage(13, 0.5)
    assert unc.wald_interval(9.0, 4.0) == unc.wald_interval(9, 4)


def test_overflow_and_extreme_levels_raise_naming_the_argument() -> None:
    with pytest.raises(ValueError, match="theta"):
        unc.observed_information(5e-324, 9, 4)
    assert unc.observed_information(5e-324, 0, 4) == pytest.approx(4.0)
    with pytest.raises(ValueError, match="level"):
        unc.normal_quantile(1 - 2**-53)
    assert np.isfinite(unc.gaussian_profile_nll([0.0, 1.0, 2.0], 1e308))


def test_quantiles_match_scipy() -> None:
    for level in (0.5, 0.8, 0.9, 0.95, 0.99, 0.999):
        z = unc.normal_quantile(level)
        assert stats.norm.cdf(z) - stats.norm.cdf(-z) == pytest.approx(level, rel=1e-12)
        assert unc.chi2_quantile(level) == pytest.approx(stats.chi2.ppf(level, 1), rel=1e-12)
        assert unc.chi2_quantile(level) == pytest.approx(z * z, rel=1e-10)


@given(
    theta=st.floats(0.01, 0.99),
    heads=st.integers(0, 60),
    tails=st.integers(0, 60),
)
@settings(max_examples=60, deadline=None)
def test_score_and_information_are_derivatives_of_the_log_likelihood(theta, heads, tails) -> None:
    h = 1e-5
    ell = lambda x: float(bernoulli_log_likelihood(x, heads, tails))  # noqa: E731
    numeric_score = (ell(theta + h) - ell(theta - h)) / (2 * h)
    numeric_curvature = (ell(theta + h) - 2 * ell(theta) + ell(theta - h)) / h**2
    assert unc.score(theta, heads, tails) == pytest.approx(numeric_score, rel=1e-6, abs=1e-4)
    assert unc.observed_information(theta, heads, tails) == pytest.approx(
        -numeric_curvature, rel=1e-3, abs=1e-1
    )


def test_observed_information_at_the_mle_is_the_fisher_information() -> None:
    for heads, tails in [(9, 4), (1, 12), (500, 332)]:
        theta_hat = heads / (heads + tails)
        assert unc.observed_information(theta_hat, heads, tails) == pytest.approx(
            fisher_information(theta_hat, heads + tails), rel=1e-12
        )
    assert unc.score(9 / 13, 9, 4) == 0.0
    assert unc.score(np.array([0.5]), 9, 4).shape == (1,)


def test_intervals_for_nine_heads_in_thirteen() -> None:
    wald, lr = unc.wald_interval(9, 4), unc.likelihood_ratio_interval(9, 4)
    se = math.sqrt(9 / 13 * 4 / 13 / 13)
    assert wald.lower == pytest.approx(9 / 13 - stats.norm.ppf(0.975) * se, rel=1e-12)
    assert (round(wald.lower, 3), round(wald.upper, 3)) == (0.441, 0.943)
    assert (round(lr.lower, 3), round(lr.upper, 3)) == (0.423, 0.893)
    assert wald.contains(0.5) and not wald.contains(0.95)
    assert wald.width == pytest.approx(2 * stats.norm.ppf(0.975) * se)


@pytest.mark.parametrize(("heads", "tails"), [(9, 4), (1, 12), (0, 13), (13, 0), (40, 2), (3, 3)])
@pytest.mark.parametrize("level", [0.8, 0.95, 0.99])
def test_likelihood_ratio_ends_sit_on_the_cut_and_agree_with_scipy(heads, tails, level) -> None:
    lr = unc.likelihood_ratio_interval(heads, tails, level)
    theta_hat = heads / (heads + tails)
    top = float(bernoulli_log_likelihood(theta_hat, heads, tails))
    threshold = stats.chi2.ppf(level, 1)
    for end in lr:
        if 0 < end < 1:
            drop = 2 * (top - float(bernoulli_log_likelihood(end, heads, tails)))
            assert drop == pytest.approx(threshold, rel=1e-9)
    assert lr.lower <= theta_hat <= lr.upper
    assert (lr.lower == 0) == (heads == 0) and (lr.upper == 1) == (tails == 0)
    # Inverting the likelihood-ratio test: theta is inside iff the test's p-value (from
    # scipy's chi2_1 survival function) is at least 1 - level.
    grid = np.linspace(0.0005, 0.9995, 1000)
    drops = 2 * (top - np.asarray(bernoulli_log_likelihood(grid, heads, tails)))
    accepted = stats.chi2.sf(drops, 1) >= 1 - level
    inside = (lr.lower <= grid) & (grid <= lr.upper)
    assert np.array_equal(accepted, inside)


def test_wald_collapses_with_no_tails() -> None:
    assert unc.wald_interval(13, 0) == (1.0, 1.0)
    assert unc.wald_interval(40, 2).upper > 1


def _brute_force_coverage(n: int, theta: float, method: str, level: float) -> float:
    """Sum P(sequence) over all 2**n flip sequences whose interval contains theta."""
    total = 0.0
    for flips in itertools.product((0, 1), repeat=n):
        heads = sum(flips)
        if unc.interval(heads, n - heads, method, level).contains(theta):
            total += theta**heads * (1 - theta) ** (n - heads)
    return total


@pytest.mark.parametrize("method", ["wald", "lr"])
@pytest.mark.parametrize(("n", "theta", "level"), [(5, 0.3, 0.95), (8, 0.1, 0.9), (10, 0.55, 0.8)])
def test_exact_coverage_matches_a_brute_force_sum(method, n, theta, level) -> None:
    expected = _brute_force_coverage(n, theta, method, level)
    assert unc.coverage(n, theta, method, level) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_coverage_numbers_of_the_chapter() -> None:
    assert unc.coverage(13, 0.1, "wald") == pytest.approx(0.7394, abs=5e-5)
    assert unc.coverage(13, 0.3, "wald") == pytest.approx(0.9181, abs=5e-5)
    curve = unc.coverage(13, np.array([0.1, 0.9]), "lr")
    assert curve.shape == (2,) and curve[0] == pytest.approx(curve[1], rel=1e-12)  # symmetry
    # A simulation agrees within its Monte Carlo error.
    heads = unc.simulate_heads(13, 0.3, 200_000, np.random.default_rng(1))
    covering = [k for k in range(14) if unc.wald_interval(k, 13 - k).contains(0.3)]
    simulated = np.mean(np.isin(heads, covering))
    assert simulated == pytest.approx(unc.coverage(13, 0.3, "wald"), abs=4 * math.sqrt(0.25 / 2e5))


def test_simulated_score_has_mean_zero_and_variance_the_information() -> None:
    n, theta = 50, 0.3
    heads = unc.simulate_heads(n, theta, 400_000, np.random.default_rng(2))
    scores = heads / theta - (n - heads) / (1 - theta)
    information = fisher_information(theta, n)
    assert abs(scores.mean()) < 4 * math.sqrt(information / heads.size)
    assert scores.var() == pytest.approx(information, rel=0.01)


def test_log_odds_intervals_and_invariance() -> None:
    lr_theta, lr_phi = (
        unc.likelihood_ratio_interval(9, 4),
        unc.log_odds_likelihood_ratio_interval(9, 4),
    )
    assert lr_phi.lower == pytest.approx(logit(lr_theta.lower), rel=1e-9)
    assert lr_phi.upper == pytest.approx(logit(lr_theta.upper), rel=1e-9)
    wald_phi = unc.log_odds_wald_interval(9, 4)
    se_phi = 1 / math.sqrt(13 * 9 / 13 * 4 / 13)
    assert wald_phi.upper - wald_phi.lower == pytest.approx(2 * stats.norm.ppf(0.975) * se_phi)
    wald_theta = unc.wald_interval(9, 4)
    assert wald_phi.lower != pytest.approx(logit(wald_theta.lower), abs=1e-3)
    edge = unc.log_odds_likelihood_ratio_interval(0, 13)
    assert edge.lower == -math.inf and edge.upper == pytest.approx(
        logit(unc.likelihood_ratio_interval(0, 13).upper), rel=1e-9
    )
    assert unc.log_odds_likelihood_ratio_interval(13, 0).upper == math.inf


def test_gaussian_profile_interval_and_t_interval() -> None:
    level, n = 0.95, SAMPLE.size
    mean, s = SAMPLE.mean(), SAMPLE.std(ddof=1)
    t = unc.t_interval(SAMPLE, level)
    reference = stats.t.interval(level, n - 1, loc=mean, scale=s / math.sqrt(n))
    assert t == pytest.approx(reference, rel=1e-12)
    profile = unc.gaussian_profile_interval(SAMPLE, level)
    minimum = unc.gaussian_profile_nll(SAMPLE, mean)
    for end in profile:
        assert 2 * (unc.gaussian_profile_nll(SAMPLE, end) - minimum) == pytest.approx(
            stats.chi2.ppf(level, 1), rel=1e-9
        )
    # the profile minimises over sigma: brute force on a grid
    sigmas = np.linspace(0.05, 5, 200_001)
    for mu in (0.0, 1.0, 2.0):
        nll = -stats.norm.logpdf(SAMPLE[:, None], mu, sigmas).sum(axis=0)
        assert unc.gaussian_profile_nll(SAMPLE, mu) == pytest.approx(nll.min(), rel=1e-7)
    assert unc.gaussian_profile_nll(SAMPLE, np.array([0.0, 1.0])).shape == (2,)
    slice_ = unc.gaussian_slice_interval(SAMPLE, level)
    assert slice_.width < profile.width < t.width


def test_delta_method() -> None:
    assert unc.delta_method_se(0.128, -2.0) == pytest.approx(0.256)


FIGURES = {
    "intervals": lambda: unc.plot_intervals(9, 4),
    "intervals-no-tails": lambda: unc.plot_intervals(13, 0),
    "sampling": lambda: unc.plot_sampling_distribution([8, 9, 9, 10], 13, 0.7),
    "sampling-ax": lambda: unc.plot_sampling_distribution([8], 13, 0.7, ax=plt.subplots()[1]),
    "coverage": lambda: unc.plot_coverage(5, n_points=20),
    "profile": lambda: unc.plot_profile_and_slice(SAMPLE),
}


@pytest.mark.parametrize("name", FIGURES)
def test_figures_are_titled_and_labelled(name: str) -> None:
    figure = FIGURES[name]()
    try:
        for axes in figure.axes:
            assert axes.get_title() and axes.get_xlabel() and axes.get_ylabel()
    finally:
        plt.close(figure)


def test_explorers_link_every_slider() -> None:
    boxes = (
        interval_explorer(13, 0, 0.9),
        coverage_explorer(20, 0.8, 0.5),
        surface_explorer(SAMPLE),
    )
    for box in boxes:
        figure = box.children[-1]
        assert len(figure.links) == len(box.children) - 1
        assert repr(figure) in ("IntervalFigure()", "CoverageFigure()", "SurfaceFigure()")
    surface = boxes[2].children[-1]
    mu_slider, sigma_slider = boxes[2].children[:2]
    assert mu_slider.min <= surface.mu <= mu_slider.max
    assert sigma_slider.min <= surface.sigma <= sigma_slider.max


@pytest.mark.parametrize("level", [0.5, 0.8, 0.9, 0.95, 0.99])
def test_slice_is_narrower_than_profile_is_narrower_than_t(level) -> None:
    # the widths are sigma_hat times factors that depend on n and level only
    rng = np.random.default_rng(0)
    for n in range(2, 2001):
        sample = rng.normal(size=n)
        widths = [
            unc.gaussian_slice_interval(sample, level).width,
            unc.gaussian_profile_interval(sample, level).width,
            unc.t_interval(sample, level).width,
        ]
        assert widths[0] < widths[1] < widths[2], (n, widths)


@pytest.mark.parametrize("level", [0.8, 0.95])
@pytest.mark.parametrize("n", [2, 5])
def test_gaussian_coverage_is_exact(n, level) -> None:
    # t is exact; all three agree with a simulation of the interval functions themselves
    assert unc.gaussian_coverage(n, "t", level) == pytest.approx(level, rel=1e-12)
    samples = np.random.default_rng(n).normal(loc=3.0, scale=2.0, size=(4_000, n))
    methods = {
        "slice": unc.gaussian_slice_interval,
        "profile": unc.gaussian_profile_interval,
        "t": unc.t_interval,
    }
    exact = {}
    for name, method in methods.items():
        exact[name] = unc.gaussian_coverage(n, name, level)
        simulated = np.mean([method(sample, level).contains(3.0) for sample in samples])
        error = math.sqrt(exact[name] * (1 - exact[name]) / len(samples))
        assert simulated == pytest.approx(exact[name], abs=4 * error), name
    assert exact["slice"] < exact["profile"] < exact["t"]


# ---- gaussian_intervals: the three Gaussian intervals for many samples at once ----

SCALAR_INTERVALS = {
    "slice": unc.gaussian_slice_interval,
    "profile": unc.gaussian_profile_interval,
    "t": unc.t_interval,
}


def _scalar_ends(samples: np.ndarray, method: str, level: float) -> np.ndarray:
    return np.array([SCALAR_INTERVALS[method](row, level) for row in samples])


@pytest.mark.parametrize("method", sorted(SCALAR_INTERVALS))
@pytest.mark.parametrize("n", [2, 3, 5, 8, 9, 20, 129, 1000])
def test_gaussian_intervals_equal_the_scalar_intervals_row_by_row(method, n) -> None:
    """Same operations in the same order: equal to the last bit, at every scale."""
    rng = np.random.default_rng(n)
    for scale in (1e-300, 1e-6, 1.0, 1e5, 1e300):
        samples = rng.normal(loc=3.0 * scale, scale=scale, size=(200, n))
        samples[0, 0] = 0.0  # a zero, and a row whose largest |value| is exactly 1 * scale
        samples[1] = np.linspace(-scale, scale, n)
        for level in (0.5, 0.9, 0.95, 0.999):
            found = unc.gaussian_intervals(samples, method, level)
            reference = _scalar_ends(samples, method, level)
            assert found.lower.shape == found.upper.shape == (200,)
            np.testing.assert_array_equal(found.lower, reference[:, 0])
            np.testing.assert_array_equal(found.upper, reference[:, 1])


@given(
    rows=st.lists(
        st.lists(
            st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False), min_size=4, max_size=4
        ).filter(lambda row: len(set(row)) >= 2),
        min_size=1,
        max_size=6,
    ),
    level=st.floats(0.01, 0.999),
    method=st.sampled_from(sorted(SCALAR_INTERVALS)),
)
@settings(max_examples=80, deadline=None)
def test_gaussian_intervals_agree_with_the_scalar_helpers_on_any_rows(rows, level, method) -> None:
    samples = np.array(rows)
    found = unc.gaussian_intervals(samples, method, level)
    reference = _scalar_ends(samples, method, level)
    np.testing.assert_allclose(found.lower, reference[:, 0], rtol=1e-12, atol=0)
    np.testing.assert_allclose(found.upper, reference[:, 1], rtol=1e-12, atol=0)


def test_gaussian_t_intervals_match_scipy() -> None:
    samples = np.random.default_rng(7).normal(loc=-2.0, scale=0.5, size=(500, 6))
    for level in (0.8, 0.95, 0.99):
        found = unc.gaussian_intervals(samples, "t", level)
        mean, s = samples.mean(axis=1), samples.std(axis=1, ddof=1)
        lower, upper = stats.t.interval(level, 5, loc=mean, scale=s / math.sqrt(6))
        np.testing.assert_allclose(found.lower, lower, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(found.upper, upper, rtol=1e-12, atol=1e-12)
        slice_ = unc.gaussian_intervals(samples, "slice", level)
        z = stats.norm.ppf(0.5 + level / 2)
        sigma_hat = samples.std(axis=1)
        np.testing.assert_allclose(slice_.width, 2 * z * sigma_hat / math.sqrt(6), rtol=1e-12)


def test_gaussian_profile_ends_sit_on_the_chi_square_cut() -> None:
    """The closed form solves 2 (NLL_p(mu) - NLL_p(x bar)) = chi2_1(level) at both ends."""
    samples = np.random.default_rng(3).normal(loc=1.0, scale=3.0, size=(40, 7))
    for level in (0.8, 0.95):
        found = unc.gaussian_intervals(samples, "profile", level)
        for row, lower, upper in zip(samples, found.lower, found.upper, strict=True):
            minimum = unc.gaussian_profile_nll(row, row.mean())
            rises = 2 * (np.asarray(unc.gaussian_profile_nll(row, [lower, upper])) - minimum)
            np.testing.assert_allclose(rises, stats.chi2.ppf(level, 1), rtol=1e-9)


def test_gaussian_intervals_give_the_same_simulated_coverage_as_the_scalar_loop() -> None:
    """The chapter's check, smaller: identical draws, identical coverage; near the exact one."""
    samples = np.random.default_rng(55).normal(size=(3_000, 5))
    for method, scalar in SCALAR_INTERVALS.items():
        found = unc.gaussian_intervals(samples, method, 0.95).contains(0.0)
        looped = np.array([scalar(sample, 0.95).contains(0.0) for sample in samples])
        np.testing.assert_array_equal(found, looped)
        exact = unc.gaussian_coverage(5, method, 0.95)
        error = math.sqrt(exact * (1 - exact) / len(samples))
        assert np.mean(found) == pytest.approx(exact, abs=4 * error), method


def test_intervals_record() -> None:
    found = unc.Intervals(np.array([0.0, 1.0, -1.0]), np.array([2.0, 1.0, 0.0]))
    assert found.width.tolist() == [2.0, 0.0, 1.0]
    assert found.contains(1).tolist() == [True, True, False]  # closed intervals
    assert found.contains(0.0).tolist() == [True, False, True]
    assert found.contains(0.0).dtype == bool


def test_gaussian_intervals_accept_lists_float32_and_leak_no_warnings() -> None:
    rows = [[0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 2.0, 5.0]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from_list = unc.gaussian_intervals(rows, "slice", 0.9)
        from_f32 = unc.gaussian_intervals(np.array(rows, dtype=np.float32), "slice", 0.9)
        tiny = unc.gaussian_intervals([[0.0, 5e-324], [1e-310, -1e-310]], "profile")
        with pytest.raises(ValueError, match="row 0"):
            unc.gaussian_intervals([[0.0, 0.0], [1.0, 2.0]])
    np.testing.assert_array_equal(from_list.lower, from_f32.lower)
    # subnormal data: the half-width may underflow to 0, exactly as in the scalar function
    np.testing.assert_array_equal(
        np.c_[tiny.lower, tiny.upper],
        _scalar_ends(np.array([[0.0, 5e-324], [1e-310, -1e-310]]), "profile", 0.95),
    )
    assert from_list.lower.dtype == np.float64

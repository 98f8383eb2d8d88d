"""Tests for mle_book.bayes: priors, posteriors, MAP and the log-odds reparametrisation.

Expected values come from closed forms written out here, from scipy.stats, or from
brute force (grids, enumeration of all flip sequences), never from the module itself.
"""

from __future__ import annotations

import itertools
import math
import warnings
from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from mle_book.bayes import (
    beta_log_prior,
    log_likelihood_in_log_odds,
    log_posterior,
    log_posterior_in_log_odds,
    logit,
    map_estimate,
    map_in_log_odds,
    map_under_flat_log_odds_prior,
    mle_in_log_odds,
    plot_likelihood_area,
    plot_posteriors,
    plot_two_parametrisations,
    sequence_probability_total,
    sigmoid,
)
from mle_book.likelihood import bernoulli_log_likelihood, bernoulli_mle

counts = st.integers(min_value=0, max_value=200)
positive_counts = st.integers(min_value=1, max_value=200)
prior_parameters = st.floats(min_value=0.0, max_value=20.0, allow_nan=False)
open_probabilities = st.floats(min_value=1e-6, max_value=1 - 1e-6)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# ------------------------------------------------------------------ the chapter's numbers


def test_coin_numbers_of_the_chapter() -> None:
    assert map_estimate(9, 4) == pytest.approx(9 / 13, rel=1e-15)
    assert map_estimate(9, 4, 2, 2) == pytest.approx(10 / 15, rel=1e-15)
    assert map_under_flat_log_odds_prior(9, 4) == pytest.approx(8 / 11, rel=1e-15)
    assert mle_in_log_odds(9, 4) == pytest.approx(math.log(9 / 4), rel=1e-15)
    assert sigmoid(mle_in_log_odds(9, 4)) == pytest.approx(9 / 13, rel=1e-15)
    assert sigmoid(map_in_log_odds(9, 4)) == pytest.approx(10 / 15, rel=1e-15)
    assert sigmoid(map_in_log_odds(9, 4, 0, 0)) == pytest.approx(9 / 13, rel=1e-15)


# ------------------------------------------------------------------------- logit/sigmoid


@pytest.mark.parametrize(
    ("theta", "phi"),
    [(0.5, 0.0), (0.75, math.log(3)), (0.25, -math.log(3)), (9 / 13, math.log(9 / 4))],
)
def test_logit_and_sigmoid_known_values(theta: float, phi: float) -> None:
    assert logit(theta) == pytest.approx(phi, abs=1e-15)
    assert sigmoid(phi) == pytest.approx(theta, rel=1e-15)


def test_logit_sigmoid_vectorised_and_shape_preserving() -> None:
    theta = np.array([[0.1, 0.5], [0.9, 0.99]])
    assert logit(theta).shape == (2, 2)
    np.testing.assert_allclose(sigmoid(logit(theta)), theta, rtol=1e-14)
    assert isinstance(logit(0.3), float)
    assert isinstance(sigmoid(np.float64(0.3)), float)


def test_sigmoid_saturates_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = sigmoid(np.array([-1000.0, 1000.0]))
    np.testing.assert_array_equal(values, [0.0, 1.0])


@given(open_probabilities)
def test_sigmoid_inverts_logit(theta: float) -> None:
    assert sigmoid(logit(theta)) == pytest.approx(theta, rel=1e-12, abs=1e-15)


@given(st.floats(min_value=-15, max_value=15))
def test_logit_inverts_sigmoid(phi: float) -> None:
    # beyond |phi| ~ 15, 1 - sigmoid(phi) keeps too few digits for a round trip
    assert logit(sigmoid(phi)) == pytest.approx(phi, rel=1e-8, abs=1e-8)


# ------------------------------------------------------------ sums over all sequences


def test_sequence_total_matches_enumeration_of_all_sequences() -> None:
    theta = Fraction(3, 10)
    brute = sum(
        theta ** flips.count("H") * (1 - theta) ** flips.count("T")
        for flips in itertools.product("HT", repeat=10)
    )
    assert brute == 1
    assert sequence_probability_total(theta, 10) == brute


@given(st.floats(min_value=0.0, max_value=1.0), st.integers(min_value=0, max_value=60))
@settings(max_examples=40, deadline=None)  # exact rationals: big denominators for tiny floats
def test_sequence_total_is_exactly_one(theta: float, n_flips: int) -> None:
    total = sequence_probability_total(theta, n_flips)
    assert isinstance(total, Fraction)
    assert total == 1


@pytest.mark.parametrize("theta", [0, 1, Fraction(0), Fraction(1), np.float64(0.25)])
def test_sequence_total_edges(theta) -> None:
    assert sequence_probability_total(theta, 13) == 1


# ----------------------------------------------------------------- priors, posteriors


@pytest.mark.parametrize(("a", "b"), [(1, 1), (2, 2), (0.5, 0.5), (3, 7.5)])
def test_beta_log_prior_matches_scipy(a: float, b: float) -> None:
    theta = np.linspace(0.01, 0.99, 37)
    np.testing.assert_allclose(beta_log_prior(theta, a, b), stats.beta.logpdf(theta, a, b))


def test_beta_log_prior_at_the_boundary() -> None:
    assert beta_log_prior(0.0) == 0.0  # flat: 0 * log 0 = 0
    assert beta_log_prior(0.0, 0.5, 1) == math.inf
    assert beta_log_prior(1.0, 2, 2) == -math.inf


@pytest.mark.parametrize(
    ("n_heads", "n_tails", "a", "b"),
    [(9, 4, 1, 1), (9, 4, 2, 2), (9, 4, 0, 0), (0, 5, 1, 1), (3, 0, 0.5, 2), (30, 70, 1, 1)],
)
def test_log_posterior_is_the_beta_posterior_and_integrates_to_one(
    n_heads: int, n_tails: int, a: float, b: float
) -> None:
    theta = np.linspace(0.01, 0.99, 51)
    expected = stats.beta.logpdf(theta, n_heads + a, n_tails + b)
    np.testing.assert_allclose(log_posterior(theta, n_heads, n_tails, a, b), expected)
    grid = np.linspace(0.0, 1.0, 200_001)
    density = np.exp(log_posterior(grid, n_heads, n_tails, a, b))
    if np.all(np.isfinite(density)):
        assert np.trapezoid(density, grid) == pytest.approx(1.0, abs=1e-6)


@given(positive_counts, counts, st.floats(0.5, 10), st.floats(0.5, 10))
@settings(max_examples=40)
def test_bayes_rule_posterior_minus_likelihood_minus_prior_is_constant(
    n_heads: int, n_tails: int, a: float, b: float
) -> None:
    theta = np.linspace(0.05, 0.95, 19)
    gap = (
        log_posterior(theta, n_heads, n_tails, a, b)
        - bernoulli_log_likelihood(theta, n_heads, n_tails)
        - beta_log_prior(theta, a, b)
    )
    np.testing.assert_allclose(gap, gap[0], rtol=1e-9, atol=1e-7)


# ------------------------------------------------------------------------------ MAP


@given(counts, counts)
def test_map_with_flat_prior_is_the_mle(n_heads: int, n_tails: int) -> None:
    if n_heads + n_tails == 0:
        return
    assert map_estimate(n_heads, n_tails, 1, 1) == pytest.approx(bernoulli_mle(n_heads, n_tails))


@given(positive_counts, positive_counts, st.floats(1, 10), st.floats(1, 10))
@settings(max_examples=40)
def test_map_closed_form_is_the_grid_argmax(n_heads: int, n_tails: int, a: float, b: float) -> None:
    grid = np.linspace(0.0, 1.0, 100_001)
    on_grid = grid[np.argmax(log_posterior(grid, n_heads, n_tails, a, b))]
    assert map_estimate(n_heads, n_tails, a, b) == pytest.approx(on_grid, abs=1e-5)


def test_map_on_the_boundary() -> None:
    assert map_estimate(0, 4) == 0.0  # posterior (1-θ)^4 decreases
    assert map_estimate(4, 0) == 1.0
    assert map_under_flat_log_odds_prior(1, 4) == 0.0


def test_map_under_flat_log_odds_prior_is_the_mode_of_beta_h_t() -> None:
    grid = np.linspace(0.0, 1.0, 100_001)[1:-1]
    log_density = bernoulli_log_likelihood(grid, 9, 4) - np.log(grid) - np.log1p(-grid)
    on_grid = grid[np.argmax(log_density)]
    assert map_under_flat_log_odds_prior(9, 4) == pytest.approx(on_grid, abs=1e-5)


# -------------------------------------------------------------------- the log-odds view


@given(counts, counts, st.floats(min_value=-15, max_value=15))
def test_log_likelihood_in_log_odds_matches_theta_version(
    n_heads: int, n_tails: int, phi: float
) -> None:
    theta = 1.0 / (1.0 + math.exp(-phi))  # naive, so only moderate phi
    expected = bernoulli_log_likelihood(theta, n_heads, n_tails)
    got = log_likelihood_in_log_odds(phi, n_heads, n_tails)
    assert got == pytest.approx(expected, rel=1e-6, abs=1e-6)


def test_log_likelihood_in_log_odds_is_finite_far_out() -> None:
    values = log_likelihood_in_log_odds(np.array([-1000.0, 1000.0]), 9, 4)
    np.testing.assert_allclose(values, [-9000.0, -4000.0], rtol=1e-12)


@given(positive_counts, positive_counts)
def test_mle_is_invariant_under_logit(n_heads: int, n_tails: int) -> None:
    phi_hat = mle_in_log_odds(n_heads, n_tails)
    assert sigmoid(phi_hat) == pytest.approx(bernoulli_mle(n_heads, n_tails), rel=1e-12)
    assert phi_hat == pytest.approx(logit(bernoulli_mle(n_heads, n_tails)), abs=1e-12)


@given(positive_counts, positive_counts)
@settings(max_examples=30)
def test_mle_in_log_odds_is_the_grid_argmax(n_heads: int, n_tails: int) -> None:
    phi = np.linspace(-8.0, 8.0, 160_001)
    on_grid = phi[np.argmax(log_likelihood_in_log_odds(phi, n_heads, n_tails))]
    assert mle_in_log_odds(n_heads, n_tails) == pytest.approx(on_grid, abs=2e-4)


@given(positive_counts, positive_counts)
def test_map_with_flat_log_odds_prior_computed_in_phi_is_the_mle(
    n_heads: int, n_tails: int
) -> None:
    assert map_in_log_odds(n_heads, n_tails, 0, 0) == pytest.approx(
        mle_in_log_odds(n_heads, n_tails), abs=1e-12
    )


@settings(deadline=None)  # no timing assertion: the machine is shared and its speed varies
@given(positive_counts, positive_counts)
def test_map_is_not_invariant(n_heads: int, n_tails: int) -> None:
    in_theta = map_estimate(n_heads, n_tails, 1, 1)
    in_phi = sigmoid(map_in_log_odds(n_heads, n_tails, 1, 1))
    assert in_phi == pytest.approx((n_heads + 1) / (n_heads + n_tails + 2), rel=1e-12)
    if n_heads != n_tails:
        assert in_phi != pytest.approx(in_theta, rel=1e-9)


@pytest.mark.parametrize(
    ("n_heads", "n_tails", "a", "b"), [(9, 4, 1, 1), (9, 4, 0, 0), (0, 0, 1, 1)]
)
def test_log_posterior_in_log_odds_is_a_density_with_the_stated_mode(
    n_heads: int, n_tails: int, a: float, b: float
) -> None:
    phi = np.linspace(-40.0, 40.0, 400_001)
    log_density = log_posterior_in_log_odds(phi, n_heads, n_tails, a, b)
    assert np.trapezoid(np.exp(log_density), phi) == pytest.approx(1.0, abs=1e-6)
    assert map_in_log_odds(n_heads, n_tails, a, b) == pytest.approx(
        phi[np.argmax(log_density)], abs=1e-3
    )


def test_change_of_variables_adds_the_jacobian() -> None:
    phi = np.linspace(-5, 5, 11)
    theta = sigmoid(phi)
    expected = log_posterior(theta, 9, 4, 2, 3) + np.log(theta * (1 - theta))
    np.testing.assert_allclose(log_posterior_in_log_odds(phi, 9, 4, 2, 3), expected, rtol=1e-12)
    assert isinstance(log_posterior_in_log_odds(0.0, 9, 4), float)


# --------------------------------------------------------------------------- figures


def test_plot_likelihood_area() -> None:
    fig = plot_likelihood_area(9, 4)
    left, right = fig.axes
    assert left.get_title() == "Likelihood: area 1/10010"
    assert right.get_title() == "Rescaled to area 1: the flat-prior posterior"
    assert all(ax.get_xlabel() == "θ (probability of heads)" for ax in fig.axes)


def test_plot_posteriors_default_and_custom() -> None:
    ax = plot_posteriors(9, 4).axes[0]
    labels = ax.get_legend_handles_labels()[1]
    assert labels == [
        "flat in θ: Beta(1, 1): MAP 0.6923",
        "Beta(2, 2): MAP 0.6667",
        "flat in log-odds φ: MAP 0.7273",
        "MLE 0.6923",
    ]
    assert ax.get_title() == "Posteriors after 9 heads, 4 tails, for three priors"
    custom = plot_posteriors(3, 7, {"Beta(5, 5)": (5, 5)}).axes[0]
    assert len(custom.lines) == 3


def test_plot_two_parametrisations() -> None:
    left, right = plot_two_parametrisations(9, 4).axes
    assert left.get_title() == "Over θ: the MAP is θ = 0.6923"
    assert right.get_title() == "Over φ: the MAP is θ = 0.6667"
    assert left.get_ylabel() == right.get_ylabel() == "relative to its maximum"


# ------------------------------------------------------------------------ bad inputs

BAD_INPUTS = [
    # (call, exception, fragment of the message)
    (lambda: logit(0.0), ValueError, "theta must be in (0, 1)"),
    (lambda: logit(1.0), ValueError, "theta must be in (0, 1)"),
    (lambda: logit(1.5), ValueError, "theta must be in (0, 1)"),
    (lambda: logit(float("nan")), ValueError, "theta must be finite"),
    (lambda: logit("0.5"), TypeError, "theta must be a real number"),
    (lambda: logit(True), TypeError, "theta must be a real number"),
    (lambda: sigmoid(float("inf")), ValueError, "phi must be finite"),
    (lambda: sigmoid(np.array([0.0, np.nan])), ValueError, "phi must be finite"),
    (lambda: sigmoid(None), TypeError, "phi must be a real number"),
    (lambda: sigmoid("1"), TypeError, "phi must be a real number"),
    (lambda: sequence_probability_total(1.2, 3), ValueError, "theta must be in [0, 1]"),
    (lambda: sequence_probability_total(Fraction(3, 2), 3), ValueError, "theta must be in [0, 1]"),
    (lambda: sequence_probability_total(-0.1, 3), ValueError, "theta must be in [0, 1]"),
    (lambda: sequence_probability_total("0.5", 3), TypeError, "theta must be a real number"),
    (lambda: sequence_probability_total(True, 3), TypeError, "theta must be a real number"),
    (lambda: sequence_probability_total(0.5, -1), ValueError, "n_flips must be an integer"),
    (lambda: sequence_probability_total(0.5, 501), ValueError, "n_flips must be an integer"),
    (lambda: sequence_probability_total(0.5, 3.5), ValueError, "n_flips must be an integer"),
    (lambda: beta_log_prior(0.5, 0, 1), ValueError, "a must be in (0, 1e300]"),
    (lambda: beta_log_prior(0.5, 1, -2), ValueError, "b must be in (0, 1e300]"),
    (lambda: beta_log_prior(-0.5), ValueError, "theta must be in [0, 1]"),
    (lambda: beta_log_prior(0.5, "1"), TypeError, "a must be a real number"),
    (lambda: log_posterior(0.5, -1, 4), ValueError, "n_heads must be a whole number"),
    (lambda: log_posterior(0.5, 9, 4.5), ValueError, "n_tails must be a whole number"),
    (lambda: log_posterior(0.5, 9, 4, -1, 1), ValueError, "a must be in [0, 1e300]"),
    (lambda: log_posterior(0.5, 9, 4, 1, float("inf")), ValueError, "b must be finite"),
    (lambda: log_posterior(0.5, 0, 4, 0, 1), ValueError, "n_heads + a must be > 0"),
    (lambda: log_posterior(0.5, 4, 0, 1, 0), ValueError, "n_tails + b must be > 0"),
    (lambda: log_posterior(2.0, 9, 4), ValueError, "theta must be in [0, 1]"),
    (lambda: map_estimate(0, 4, 0.5, 1), ValueError, "n_heads + a must be >= 1"),
    (lambda: map_estimate(4, 0, 1, 0.5), ValueError, "n_tails + b must be >= 1"),
    (lambda: map_estimate(0, 0), ValueError, "must be > 2 for a unique MAP"),
    (lambda: map_estimate(9, 4, None, 1), TypeError, "a must be a real number"),
    (lambda: map_under_flat_log_odds_prior(0, 4), ValueError, "n_heads + a must be > 0"),
    (lambda: map_under_flat_log_odds_prior(1, 1), ValueError, "must be > 2 for a unique MAP"),
    (lambda: mle_in_log_odds(0, 4), ValueError, "n_heads and n_tails must both be >= 1"),
    (lambda: mle_in_log_odds(4, 0), ValueError, "n_heads and n_tails must both be >= 1"),
    (lambda: mle_in_log_odds("9", 4), TypeError, "n_heads must be a whole number"),
    (lambda: log_likelihood_in_log_odds(float("nan"), 9, 4), ValueError, "phi must be finite"),
    (lambda: log_likelihood_in_log_odds(0.0, 9, -4), ValueError, "n_tails must be a whole"),
    (lambda: log_posterior_in_log_odds(0.0, 0, 4, 0, 0), ValueError, "n_heads + a must be > 0"),
    (lambda: map_in_log_odds(9, 0, 1, 0), ValueError, "n_tails + b must be > 0"),
    (lambda: plot_likelihood_area(-1, 4), ValueError, "n_heads must be a whole number"),
    (lambda: plot_posteriors(9, 4, {}), TypeError, "priors must be a non-empty dict"),
    (lambda: plot_posteriors(9, 4, [(1, 1)]), TypeError, "priors must be a non-empty dict"),
    (lambda: plot_posteriors(0, 0), ValueError, "n_heads + n_tails must be >= 1"),
    (lambda: plot_two_parametrisations(9, 0), ValueError, "n_heads and n_tails must both"),
]


@pytest.mark.parametrize(
    ("call", "error", "fragment"), BAD_INPUTS, ids=[f"bad-{i}" for i in range(len(BAD_INPUTS))]
)
def test_bad_inputs_raise_named_errors(call, error: type[Exception], fragment: str) -> None:
    with pytest.raises(error) as caught:
        call()
    assert fragment in str(caught.value)


# Moved from the exercises tests: the exercises use this one implementation.
@pytest.mark.parametrize("eta", [-5.0, -0.3, 0.0, 0.8, 4.0])
@pytest.mark.parametrize(("heads", "tails"), [(9, 4), (5, 0), (0, 3), (0, 0)])
def test_log_likelihood_in_log_odds_matches_theta_parametrisation(eta, heads, tails) -> None:
    theta = 1 / (1 + math.exp(-eta))
    expected = bernoulli_log_likelihood(theta, heads, tails)
    assert log_likelihood_in_log_odds(eta, heads, tails) == pytest.approx(
        expected, rel=1e-12, abs=1e-14
    )


def test_log_likelihood_in_log_odds_is_stable_and_has_no_maximum_for_all_heads() -> None:
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        values = log_likelihood_in_log_odds(np.array([-1000.0, 0.0, 10.0, 50.0, 1000.0]), 5, 0)
    assert values[0] == pytest.approx(-5000.0)
    assert np.all(np.isfinite(values)) and np.all(values <= 0)
    assert np.all(np.diff(values) >= 0)
    assert log_likelihood_in_log_odds(30.0, 5, 0) < 0  # approaches 0 without reaching it
    grid = np.linspace(-5, 5, 10_001)
    peak = grid[np.argmax(log_likelihood_in_log_odds(grid, 9, 4))]
    assert peak == pytest.approx(math.log(9 / 4), abs=1e-3)

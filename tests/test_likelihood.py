"""Tests of mle_book.likelihood: parsing, likelihood, log-likelihood, MLE."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mle_book.likelihood import (
    FlipCounts,
    bernoulli_likelihood,
    bernoulli_log_likelihood,
    bernoulli_mle,
    bernoulli_nll,
    fisher_information,
    likelihood_derivative,
    likelihood_integral,
    log_likelihood_integral,
    parse_flips,
    standard_error,
)

counts = st.integers(min_value=0, max_value=500)


@pytest.mark.parametrize(
    ("sequence", "expected"),
    [
        ("HHHTHTTHHHHHT", (9, 4)),
        ("hhhthtthhhhht", (9, 4)),
        ("H H T", (2, 1)),
        ("T", (0, 1)),
    ],
)
def test_parse_flips_counts(sequence: str, expected: tuple[int, int]) -> None:
    result = parse_flips(sequence)
    assert result == expected
    assert result.n_flips == sum(expected)


@pytest.mark.parametrize(
    ("sequence", "letter", "position"),
    [("HHXT", "'X'", "position 2"), ("H1", "'1'", "position 1"), ("hT-", "'-'", "position 2")],
)
def test_parse_flips_names_bad_letter_and_position(
    sequence: str,
    letter: str,
    position: str,
) -> None:
    with pytest.raises(ValueError) as error:
        parse_flips(sequence)
    assert letter in str(error.value) and position in str(error.value)


@pytest.mark.parametrize(
    ("bad", "exception"),
    [("", ValueError), ("   ", ValueError), (None, TypeError), (13, TypeError), (["H"], TypeError)],
)
def test_parse_flips_rejects(bad: object, exception: type[Exception]) -> None:
    with pytest.raises(exception, match="sequence"):
        parse_flips(bad)  # type: ignore[arg-type]


def test_coin_example_values() -> None:
    assert bernoulli_mle(9, 4) == pytest.approx(9 / 13)
    assert bernoulli_likelihood(9 / 13, 9, 4) == pytest.approx((9 / 13) ** 9 * (4 / 13) ** 4)
    assert likelihood_integral(9, 4) == Fraction(1, 10010)


def test_log_likelihood_matches_direct_formula_vectorised() -> None:
    theta = np.linspace(0.01, 0.99, 99)
    direct = 9 * np.log(theta) + 4 * np.log(1 - theta)
    np.testing.assert_allclose(bernoulli_log_likelihood(theta, 9, 4), direct, rtol=1e-12)
    assert bernoulli_log_likelihood(theta, 9, 4).shape == theta.shape


def test_zero_log_zero_convention_is_exact_and_silent() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert bernoulli_log_likelihood(1.0, 5, 0) == 0.0
        assert bernoulli_log_likelihood(0.0, 0, 5) == 0.0
        assert bernoulli_likelihood(1.0, 5, 0) == 1.0
        assert bernoulli_log_likelihood(0.0, 1, 5) == -math.inf
        assert bernoulli_likelihood(0.0, 1, 5) == 0.0


def test_huge_counts_stay_finite() -> None:
    n = 10**12
    value = bernoulli_log_likelihood(0.5, n, n)
    assert value == pytest.approx(-2 * n * math.log(2))
    assert bernoulli_likelihood(0.5, n, n) == 0.0  # underflows to exactly zero, not NaN
    assert bernoulli_mle(n, n) == 0.5


def test_nll_mean_and_sum() -> None:
    assert bernoulli_nll(0.5, 9, 4) == pytest.approx(13 * math.log(2))
    assert bernoulli_nll(0.5, 9, 4, mean=True) == pytest.approx(math.log(2))
    with pytest.raises(ValueError, match="mean=True"):
        bernoulli_nll(0.5, 0, 0, mean=True)


def test_derivative_formula_and_autograd() -> None:
    torch = pytest.importorskip("torch")
    points = torch.tensor([0.05, 0.3, 0.5, 0.77, 0.95], dtype=torch.float64, requires_grad=True)
    (points**9 * (1 - points) ** 4).sum().backward()
    np.testing.assert_allclose(
        likelihood_derivative(points.detach().numpy(), 9, 4), points.grad.numpy(), rtol=1e-12
    )
    assert likelihood_derivative(9 / 13, 9, 4) == pytest.approx(0.0, abs=1e-15)


@pytest.mark.parametrize(("heads", "tails"), [(0, 3), (3, 0), (0, 1), (1, 0), (0, 0)])
def test_derivative_on_one_sided_data(heads: int, tails: int) -> None:
    theta = np.array([0.0, 0.25, 0.5, 1.0])
    step = 1e-6
    inner = np.array([0.25, 0.5])
    numeric = (
        bernoulli_likelihood(inner + step, heads, tails)
        - bernoulli_likelihood(inner - step, heads, tails)
    ) / (2 * step)
    result = likelihood_derivative(theta, heads, tails)
    np.testing.assert_allclose(result[1:3], numeric, rtol=1e-6, atol=1e-9)
    assert np.all(np.isfinite(result))


def test_fisher_information_and_standard_error() -> None:
    assert fisher_information(0.5, 13) == pytest.approx(52.0)
    np.testing.assert_allclose(fisher_information(np.array([0.5, 0.25]), 4), [16.0, 64 / 3])
    theta_hat = 8675309 / (8675309 + 256245)
    assert standard_error(8675309, 256245) == pytest.approx(
        math.sqrt(theta_hat * (1 - theta_hat) / (8675309 + 256245))
    )
    assert 5.5e-5 < standard_error(8675309, 256245) < 5.7e-5


@settings(max_examples=150, deadline=None)
@given(heads=counts, tails=counts)
def test_grid_argmax_is_the_closed_form(heads: int, tails: int) -> None:
    if heads + tails == 0:
        return
    grid = np.linspace(0.0, 1.0, 2001)
    best = grid[np.argmax(bernoulli_log_likelihood(grid, heads, tails))]
    assert abs(best - bernoulli_mle(heads, tails)) <= (grid[1] - grid[0]) / 2 + 1e-12


@settings(max_examples=100, deadline=None)
@given(heads=st.integers(1, 10**6), tails=st.integers(1, 10**6))
def test_nll_is_convex(heads: int, tails: int) -> None:
    theta = np.linspace(0.001, 0.999, 400)
    nll = bernoulli_nll(theta, heads, tails)
    second_difference = nll[:-2] - 2 * nll[1:-1] + nll[2:]
    assert np.all(second_difference >= -1e-9 * np.abs(nll[1:-1]))


@settings(max_examples=60, deadline=None)
@given(heads=st.integers(0, 40), tails=st.integers(0, 40))
def test_integral_is_beta_function(heads: int, tails: int) -> None:
    exact = likelihood_integral(heads, tails)
    beta = math.exp(
        math.lgamma(heads + 1) + math.lgamma(tails + 1) - math.lgamma(heads + tails + 2)
    )
    assert float(exact) == pytest.approx(beta, rel=1e-10)


def test_flip_counts_is_a_tuple() -> None:
    assert FlipCounts(2, 3).n_flips == 5


# ------------------------------------------------- the package's rules, applied here


def test_flip_counts_checks_its_counts() -> None:
    assert FlipCounts(9.0, np.int64(4)) == (9, 4)
    assert repr(FlipCounts(9, 4)) == "FlipCounts(n_heads=9, n_tails=4)"
    with pytest.raises(ValueError, match="n_heads must be a whole number >= 0"):
        FlipCounts(-1, 4)
    with pytest.raises(TypeError, match="n_tails"):
        FlipCounts(9, "4")


def test_parse_flips_is_linear_time() -> None:
    assert parse_flips("hT" * 500_000 + " \n") == (500_000, 500_000)
    with pytest.raises(ValueError, match="found 'x' at position 1000000"):
        parse_flips("H" * 1_000_000 + "x")


@pytest.mark.parametrize("flag", ["no", 1, None, np.array(True)])
def test_mean_must_be_a_bool(flag: object) -> None:
    with pytest.raises(TypeError, match="mean must be True or False"):
        bernoulli_nll(0.5, 9, 4, mean=flag)
    assert bernoulli_nll(0.5, 9, 4, mean=np.True_) == pytest.approx(math.log(2))


@pytest.mark.parametrize("count", [10**400, 2**53 + 1, 1e300])
def test_huge_counts_are_value_errors_naming_the_count(count: object) -> None:
    for call in (bernoulli_mle, standard_error, likelihood_integral):
        with pytest.raises(ValueError, match="n_heads must be a whole number >= 0"):
            call(count, 1)
    with pytest.raises(ValueError, match="n_flips must be a whole number >= 0"):
        fisher_information(0.5, count)


def test_counts_up_to_2_to_the_53() -> None:
    n = 2**53
    assert bernoulli_mle(n, 0) == 1.0
    assert bernoulli_log_likelihood(0.5, n, 0) == pytest.approx(-n * math.log(2))
    assert fisher_information(0.5, n) == 4.0 * n
    assert standard_error(n // 2, n // 2) == pytest.approx(0.5 / math.sqrt(n))


def test_fisher_information_overflow_is_a_named_error() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="theta is too close to 0 or 1"):
            fisher_information(1e-310, 10**6)
        with pytest.raises(ValueError, match="theta = 1e-310"):
            fisher_information([0.5, 1e-310], 10**6)
        assert fisher_information(0.5, 10**15) == 4e15
        assert fisher_information(np.array([]), 3).shape == (0,)


def test_exact_integral_is_capped_and_log_integral_is_not() -> None:
    assert likelihood_integral(5_000, 5_000) > 0
    with pytest.raises(ValueError, match="use log_likelihood_integral"):
        likelihood_integral(5_001, 5_000)
    assert log_likelihood_integral(9, 4) == pytest.approx(-math.log(10010), rel=1e-15)
    assert log_likelihood_integral(0, 0) == 0.0
    assert log_likelihood_integral(2**53, 2**53) == pytest.approx(-(2**54) * math.log(2), rel=1e-12)


def test_scalar_forms_give_floats_and_arrays_keep_their_shape() -> None:
    for theta in (0.25, np.float32(0.25), np.array(0.25), Fraction(1, 4)):
        assert type(bernoulli_log_likelihood(theta, 9, 4)) is float
    grid = np.full((2, 3), 0.25)
    assert bernoulli_likelihood(grid, 9, 4).shape == (2, 3)
    assert likelihood_derivative(grid, 0, 0).tolist() == [[0.0] * 3] * 2
    torch = pytest.importorskip("torch")
    assert bernoulli_nll(torch.tensor([0.5, 0.25]), 1, 1).shape == (2,)


def test_nothing_warns_at_the_edges() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert bernoulli_nll(0.0, 1, 0) == math.inf
        assert bernoulli_log_likelihood(-0.0, 0, 3) == 0.0
        assert likelihood_derivative(5e-324, 10**12, 10**12) == 0.0
        assert bernoulli_likelihood(5e-324, 1, 0) == 5e-324

"""Table-driven bad inputs: every public helper names the argument and its allowed range."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from mle_book import continuous, information, likelihood, optimisation, plots, widgets
from mle_book._validation import (
    check_count,
    check_int_in_range,
    check_positive,
    check_probability,
    check_real,
    check_sample,
)

NAN, INF = math.nan, math.inf

# (call, exception type, text the message must contain)
BAD_CALLS: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    # likelihood
    (
        "theta > 1",
        lambda: likelihood.bernoulli_likelihood(1.5, 9, 4),
        ValueError,
        "theta must be in [0, 1]",
    ),
    (
        "theta < 0",
        lambda: likelihood.bernoulli_log_likelihood(-0.1, 9, 4),
        ValueError,
        "theta must be in [0, 1]",
    ),
    ("theta NaN", lambda: likelihood.bernoulli_nll(NAN, 9, 4), ValueError, "theta must be finite"),
    (
        "theta in array",
        lambda: likelihood.bernoulli_likelihood([0.2, 2.0], 9, 4),
        ValueError,
        "theta",
    ),
    ("theta str", lambda: likelihood.bernoulli_likelihood("0.5", 9, 4), TypeError, "theta"),
    ("theta bool", lambda: likelihood.bernoulli_likelihood(True, 9, 4), TypeError, "theta"),
    ("theta list of str", lambda: likelihood.bernoulli_likelihood(["a"], 9, 4), TypeError, "theta"),
    (
        "negative count",
        lambda: likelihood.bernoulli_likelihood(0.5, -1, 4),
        ValueError,
        "n_heads must be a whole number >= 0",
    ),
    (
        "fractional count",
        lambda: likelihood.bernoulli_likelihood(0.5, 9, 4.5),
        ValueError,
        "n_tails must be a whole number >= 0",
    ),
    ("NaN count", lambda: likelihood.bernoulli_mle(NAN, 4), ValueError, "n_heads"),
    ("inf count", lambda: likelihood.bernoulli_mle(9, INF), ValueError, "n_tails"),
    ("str count", lambda: likelihood.bernoulli_mle("9", 4), TypeError, "n_heads"),
    (
        "no flips",
        lambda: likelihood.bernoulli_mle(0, 0),
        ValueError,
        "n_heads + n_tails must be >= 1",
    ),
    (
        "fisher theta 0",
        lambda: likelihood.fisher_information(0.0, 10),
        ValueError,
        "theta must be in (0, 1)",
    ),
    ("bad flip", lambda: likelihood.parse_flips("HHQ"), ValueError, "position 2"),
    # optimisation
    (
        "lr zero",
        lambda: optimisation.gradient_descent(9, 4, lr=0.0),
        ValueError,
        "lr must be in (0, inf)",
    ),
    (
        "lr negative",
        lambda: optimisation.gradient_descent(9, 4, lr=-1e-3),
        ValueError,
        "lr must be in (0, inf)",
    ),
    (
        "lr NaN",
        lambda: optimisation.gradient_descent(9, 4, lr=NAN),
        ValueError,
        "lr must be finite",
    ),
    (
        "theta0 out",
        lambda: optimisation.gradient_descent(9, 4, lr=0.1, theta0=1.0),
        ValueError,
        "theta0 must be in (0, 1)",
    ),
    (
        "iterations",
        lambda: optimisation.gradient_descent(9, 4, lr=0.1, n_iterations=0),
        ValueError,
        "n_iterations must be an integer in [1,",
    ),
    (
        "dtype",
        lambda: optimisation.gradient_descent(9, 4, lr=0.1, dtype="float16"),
        ValueError,
        "dtype must be one of",
    ),
    (
        "boundary data",
        lambda: optimisation.newton(5, 0),
        ValueError,
        "n_heads and n_tails must both be >= 1",
    ),
    (
        "newton start",
        lambda: optimisation.newton(9, 4, theta0=0.0),
        ValueError,
        "theta0 must be in (0, 1)",
    ),
    (
        "gradient theta",
        lambda: optimisation.nll_gradient(1.0, 9, 4),
        ValueError,
        "theta must be in (0, 1)",
    ),
    # continuous
    (
        "sigma zero",
        lambda: continuous.gaussian_nll([1.0, 2.0], 0.0, 0.0),
        ValueError,
        "sigma must be in (0, inf)",
    ),
    (
        "sigma NaN",
        lambda: continuous.gaussian_log_density(0.0, 0.0, NAN),
        ValueError,
        "sigma must be finite",
    ),
    ("mu inf", lambda: continuous.gaussian_nll([1.0], INF, 1.0), ValueError, "mu must be finite"),
    (
        "empty sample",
        lambda: continuous.gaussian_mle([]),
        ValueError,
        "sample must hold at least one",
    ),
    (
        "NaN in sample",
        lambda: continuous.gaussian_mle([1.0, NAN]),
        ValueError,
        "sample must hold finite values",
    ),
    ("2-d sample", lambda: continuous.gaussian_mle([[1.0, 2.0]]), ValueError, "one-dimensional"),
    ("str sample", lambda: continuous.gaussian_mle("1,2"), TypeError, "sample"),
    (
        "constant sample",
        lambda: continuous.gaussian_mle([2.0, 2.0]),
        ValueError,
        "two distinct values",
    ),
    (
        "rate zero",
        lambda: continuous.exponential_nll([1.0], 0.0),
        ValueError,
        "alpha must be in (0, inf)",
    ),
    ("negative data", lambda: continuous.exponential_mle([-1.0, 2.0]), ValueError, "[0, inf)"),
    ("all zero", lambda: continuous.exponential_mle([0.0, 0.0]), ValueError, "value > 0"),
    (
        "epsilon",
        lambda: continuous.interval_probability(0.0, 0.0, 1.0, -0.1),
        ValueError,
        "epsilon must be in (0, inf)",
    ),
    # information
    ("not a distribution", lambda: information.entropy([0.5, 0.6]), ValueError, "p must sum to 1"),
    (
        "negative prob",
        lambda: information.entropy([1.5, -0.5]),
        ValueError,
        "p must hold probabilities",
    ),
    ("base one", lambda: information.entropy([0.5, 0.5], base=1), ValueError, "base must be in"),
    (
        "length mismatch",
        lambda: information.cross_entropy([1.0], [0.5, 0.5]),
        ValueError,
        "same length",
    ),
    # plots and widgets
    ("grid points", lambda: plots.theta_grid(1), ValueError, "n_points must be an integer in [2,"),
    ("plot sigma", lambda: plots.plot_gaussian_fit([1.0, 2.0], 0.0, -1.0), ValueError, "sigma"),
    ("plot paths", lambda: plots.plot_descent({}, 0.5), TypeError, "paths"),
    (
        "explorer count",
        lambda: widgets.coin_explorer(50, 4),
        ValueError,
        "n_heads must be an integer in [0, 40]",
    ),
    (
        "explorer theta",
        lambda: widgets.coin_explorer(9, 4, theta=2.0),
        ValueError,
        "theta must be in [0, 1]",
    ),
    (
        "explorer scale",
        lambda: widgets.coin_explorer(9, 4, scale="loglog"),
        ValueError,
        "scale must be",
    ),
    ("explorer sample", lambda: widgets.gaussian_explorer([]), ValueError, "sample"),
    ("explorer sigma", lambda: widgets.gaussian_explorer([1.0], sigma=0.0), ValueError, "sigma"),
    (
        "explorer rate",
        lambda: widgets.exponential_explorer([3.0], rate=5.0),
        ValueError,
        "alpha must be in (0, max_alpha",
    ),
    ("explorer zeros", lambda: widgets.exponential_explorer([0.0]), ValueError, "value > 0"),
    (
        "explorer lr data",
        lambda: widgets.learning_rate_explorer(0, 4),
        ValueError,
        "n_heads and n_tails",
    ),
    (
        "explorer sharpen",
        lambda: widgets.sharpening_explorer(0, 0),
        ValueError,
        "n_heads + n_tails",
    ),
]


@pytest.mark.parametrize(
    ("label", "call", "exception", "text"), BAD_CALLS, ids=[row[0] for row in BAD_CALLS]
)
def test_bad_input_is_named(
    label: str, call: Callable[[], object], exception: type[Exception], text: str
) -> None:
    with pytest.raises(exception) as error:
        call()
    assert text in str(error.value), f"{label}: {error.value}"


@pytest.mark.parametrize("value", [1, 2.5, np.float32(0.25), np.int64(3)])
def test_check_real_accepts_reals(value: object) -> None:
    assert check_real(value, "x") == float(value)


def test_checks_return_clean_values() -> None:
    assert check_count(9.0, "n") == 9 and isinstance(check_count(9.0, "n"), int)
    assert check_positive(2, "s") == 2.0
    assert check_int_in_range(np.int64(4), "k", 1, 5) == 4
    np.testing.assert_array_equal(check_probability([0, 1]), [0.0, 1.0])
    np.testing.assert_array_equal(check_sample([1, 2]), [1.0, 2.0])


@pytest.mark.parametrize(
    ("call", "exception"),
    [
        (lambda: check_count(True, "n"), TypeError),
        (lambda: check_int_in_range(2.0, "k", 0, 3), TypeError),
        (lambda: check_int_in_range(7, "k", 0, 3), ValueError),
        (lambda: check_real(None, "x"), TypeError),
        (lambda: check_probability(object(), "p"), TypeError),
        (lambda: check_probability([0.0, 1.0], "p", open_interval=True), ValueError),
        (lambda: check_sample([1.0, -1.0], "s", non_negative=True), ValueError),
    ],
)
def test_checks_reject(call: Callable[[], object], exception: type[Exception]) -> None:
    with pytest.raises(exception):
        call()

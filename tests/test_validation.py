"""Table-driven bad inputs: every public helper names the argument and its allowed range."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pytest

from mle_book import continuous, information, likelihood, optimisation, plots, widgets
from mle_book._validation import (
    MAX_COUNT,
    check_choice,
    check_count,
    check_finite_result,
    check_flag,
    check_int_in_range,
    check_non_negative,
    check_positive,
    check_probability,
    check_real,
    check_rng,
    check_sample,
    describe,
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
        "n_steps",
        lambda: optimisation.gradient_descent(9, 4, lr=0.1, n_steps=0),
        ValueError,
        "n_steps must be an integer in [1,",
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
        lambda: widgets.exponential_explorer([3.0], alpha=5.0),
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


# ----------------------------------------------------------- the package's type rules

#: Every form of a real scalar the rules accept, with the float it stands for.
REAL_FORMS = [
    (3, 3.0),
    (3.0, 3.0),
    (np.int64(3), 3.0),
    (np.uint8(3), 3.0),
    (np.float32(3.0), 3.0),
    (np.float16(3.0), 3.0),
    (Fraction(6, 2), 3.0),
    (np.array(3.0), 3.0),
    (np.array(3, dtype=np.int32), 3.0),
]

#: Values no scalar check accepts (wrong kind: TypeError), with the word the message shows.
NOT_REAL = [
    (True, "bool"),
    (np.False_, "bool"),
    (1 + 0j, "complex"),
    (np.complex128(1.0), "complex"),
    ("3", "str"),
    (None, "None"),
    ([3.0], "shape"),
    (np.array([3.0]), "shape"),
    (np.array(True), "bool"),
    (object(), "object"),
]


@pytest.mark.parametrize(("value", "expected"), REAL_FORMS)
@pytest.mark.parametrize("check", [check_real, check_positive, check_non_negative])
def test_every_real_form_is_accepted_by_every_real_check(check, value, expected) -> None:
    result = check(value, "x")
    assert result == expected and type(result) is float


@pytest.mark.parametrize(("value", "expected"), REAL_FORMS)
def test_every_real_form_with_a_whole_value_is_a_count(value, expected) -> None:
    assert check_count(value, "n") == 3 and type(check_count(value, "n")) is int
    assert check_int_in_range(value, "n_steps", 1, 10) == 3
    assert type(check_int_in_range(value, "n_steps", 1, 10)) is int


@pytest.mark.parametrize(("value", "word"), NOT_REAL)
@pytest.mark.parametrize(
    "check",
    [
        check_real,
        check_positive,
        check_non_negative,
        lambda value, name: check_count(value, name),
        lambda value, name: check_int_in_range(value, name, 0, 5),
    ],
)
def test_wrong_kinds_are_type_errors_naming_argument_and_value(check, value, word) -> None:
    with pytest.raises(TypeError) as error:
        check(value, "my_arg")
    assert "my_arg must be" in str(error.value)
    assert word in str(error.value)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (10**400, "integer with 401 digits"),
        (-(10**400), "negative integer with 401 digits"),
        (Fraction(10**400, 3), "Fraction"),
        (np.longdouble(10) ** 400, "float range"),
        (math.nan, "finite"),
        (-math.inf, "finite"),
        (np.float32("inf"), "finite"),
    ],
)
def test_huge_or_non_finite_reals_are_value_errors_never_overflow(value, text) -> None:
    for check in (check_real, check_positive, check_non_negative):
        with pytest.raises(ValueError) as error:
            check(value, "mu")
        assert str(error.value).startswith("mu must be")
        assert text in str(error.value) or "float range" in str(error.value)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (-1, "-1"),
        (-1e-300, "-1e-300"),
        (Fraction(-1, 3), "Fraction(-1, 3)"),
        (np.float32(-0.5), "-0.5"),
    ],
)
def test_non_negative_rejects_negatives_naming_the_range(value, shown) -> None:
    with pytest.raises(ValueError) as error:
        check_non_negative(value, "penalty")
    assert str(error.value) == f"penalty must be in [0, inf), got {shown}"


@pytest.mark.parametrize("value", [0, 0.0, -0.0, Fraction(0), 5e-324, 1e308])
def test_non_negative_accepts_zero_and_positives_as_plus_floats(value) -> None:
    result = check_non_negative(value, "penalty")
    assert result == float(value) and math.copysign(1.0, result) == 1.0


@pytest.mark.parametrize(
    "value", [2.5, Fraction(5, 2), np.float32(0.5), -1, -1.0, 10**400, MAX_COUNT + 1, math.inf]
)
def test_counts_must_be_whole_non_negative_and_at_most_max_count(value) -> None:
    with pytest.raises(ValueError, match="n_heads must be a whole number >= 0"):
        check_count(value, "n_heads")
    with pytest.raises(ValueError, match=r"n_steps must be an integer in \[0, 5\]"):
        check_int_in_range(value, "n_steps", 0, 5)


def test_count_limits() -> None:
    assert MAX_COUNT == 2**53
    assert check_count(MAX_COUNT, "n") == MAX_COUNT
    assert check_count(float(MAX_COUNT), "n") == MAX_COUNT
    with pytest.raises(ValueError, match="at most 2\\*\\*53"):
        check_count(MAX_COUNT + 1, "n")
    with pytest.raises(ValueError, match="at most 40"):
        check_count(41, "n", high=40)


@pytest.mark.parametrize("value", [True, False, np.True_, np.bool_(False)])
def test_flags_accept_only_bools(value) -> None:
    assert check_flag(value, "mean") is bool(value)


@pytest.mark.parametrize("value", [1, 0, "no", "yes", None, 1.0, np.array(True), [True]])
def test_flags_never_truth_test(value) -> None:
    with pytest.raises(TypeError, match="mean must be True or False, got"):
        check_flag(value, "mean")


def test_choices() -> None:
    assert check_choice("a", "method", ["a", "b"]) == "a"
    with pytest.raises(ValueError, match="method must be one of 'a', 'b', got the str 'c'"):
        check_choice("c", "method", ["a", "b"])
    with pytest.raises(TypeError, match="method must be one of"):
        check_choice(None, "method", ["a", "b"])


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ([0.5, 0.25], True),
        ((0.5,), True),
        (np.array([[0.5]], dtype=np.float32), True),
        ([Fraction(1, 2), 1], True),
        (np.array([], dtype=float), True),
        ([True, False], False),
        ([1j], False),
        (["a"], False),
        ([[0.5], [0.5, 0.2]], False),
        ([None], False),
        (np.array([0.5], dtype=object), True),
        (np.array([object()], dtype=object), False),
    ],
)
def test_array_rules(value, accepted) -> None:
    if accepted:
        assert check_probability(value, "p").dtype == np.float64
    else:
        with pytest.raises(TypeError, match="p must be"):
            check_probability(value, "p")


def test_arrays_with_huge_entries_are_value_errors() -> None:
    with pytest.raises(ValueError, match="p must be"):
        check_probability([10**400], "p")
    with pytest.raises(ValueError, match="sample must"):
        check_sample(np.array([np.longdouble(10) ** 400]), "sample")


def test_torch_tensors_follow_the_array_rules() -> None:
    torch = pytest.importorskip("torch")
    np.testing.assert_array_equal(check_probability(torch.tensor([0.5, 0.25])), [0.5, 0.25])
    assert check_real(torch.tensor(0.5), "mu") == 0.5
    assert check_count(torch.tensor(3), "n") == 3
    with pytest.raises(TypeError, match="theta"):
        check_probability(torch.tensor([0.5], requires_grad=True))
    with pytest.raises(TypeError, match="mu"):
        check_real(torch.tensor([0.5]), "mu")


def test_rng_and_finite_results() -> None:
    rng = np.random.default_rng(0)
    assert check_rng(rng) is rng
    with pytest.raises(TypeError, match="rng must be a numpy Generator .* got 0"):
        check_rng(0)
    assert check_finite_result(1.0, "x") == 1.0
    with pytest.raises(ValueError, match="overflows"):
        check_finite_result(np.array([1.0, math.inf]), "the information overflows")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2.5, "2.5"),
        (10**400, "an integer with 401 digits"),
        pytest.param(2**20000, "an integer of about 2**20001", id="2**20000"),
        (Fraction(1, 3), "Fraction(1, 3)"),
        (np.float32(0.5), "0.5"),
        ("x" * 100, "..."),
        (np.zeros((2, 3)), "shape (2, 3)"),
        (np.array(2.5), "0-d array holding 2.5"),
        (None, "None"),
        (True, "bool True"),
        (1j, "complex"),
        ({}, "a dict"),
    ],
)
def test_describe_is_short_and_safe(value, text) -> None:
    shown = describe(value)
    assert text in shown and len(shown) < 80


def test_checks_return_clean_values() -> None:
    assert check_count(9.0, "n") == 9 and isinstance(check_count(9.0, "n"), int)
    assert check_positive(2, "s") == 2.0
    assert check_int_in_range(np.int64(4), "k", 1, 5) == 4
    np.testing.assert_array_equal(check_probability([0, 1]), [0.0, 1.0])
    np.testing.assert_array_equal(check_sample([1, 2]), [1.0, 2.0])


@pytest.mark.parametrize(
    ("call", "exception"),
    [
        (lambda: check_int_in_range(7, "k", 0, 3), ValueError),
        (lambda: check_probability(object(), "p"), TypeError),
        (lambda: check_probability([0.0, 1.0], "p", open_interval=True), ValueError),
        (lambda: check_probability([math.nan], "p"), ValueError),
        (lambda: check_sample([1.0, -1.0], "s", non_negative=True), ValueError),
        (lambda: check_sample([[1.0]], "s"), ValueError),
        (lambda: check_sample([], "s"), ValueError),
        (lambda: check_sample([math.inf], "s"), ValueError),
        (lambda: check_positive(0.0, "s"), ValueError),
        (lambda: check_positive(math.inf, "s"), ValueError),
    ],
)
def test_checks_reject(call: Callable[[], object], exception: type[Exception]) -> None:
    with pytest.raises(exception):
        call()


def test_scalar_probability() -> None:
    from mle_book._validation import check_probability_scalar

    assert check_probability_scalar(Fraction(1, 2)) == 0.5
    assert check_probability_scalar(0.0) == 0.0
    with pytest.raises(ValueError, match=r"theta0 must be in \(0, 1\), got 0.0"):
        check_probability_scalar(0.0, "theta0", open_interval=True)
    with pytest.raises(TypeError, match=r"theta must be a real number \(a single number\)"):
        check_probability_scalar(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="theta must be finite"):
        check_probability_scalar(math.nan)

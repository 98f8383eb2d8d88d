"""Tests for mle_book.exercises: the self-checking answers of the Exercises chapter.

Expected values are computed here independently of the module (by hand or with numpy),
so a slip in the module's solutions cannot hide behind itself.
"""

from __future__ import annotations

import builtins
import dataclasses
import doctest
import json
import math
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from mle_book import exercises
from mle_book.exercises import (
    EXERCISES,
    RELATIVE_TOLERANCE,
    Feedback,
    exponential_sample,
    gaussian_mean_sample,
    gaussian_variance_sample,
    logit_gradient_ascent,
    parse_answer,
    poisson_counts,
    poisson_log_likelihood,
    solution_value,
    uniform_gradient_ascent,
    uniform_log_likelihood,
    uniform_sample,
)
from mle_book.plots import plot_logit_log_likelihood, plot_uniform_likelihood

# ------------------------------------------------------------------ expected answers

_GAUSSIAN_X = np.random.default_rng(0).normal(loc=2.0, scale=1.0, size=10)
_SE = math.sqrt(36 / 2197)  # sqrt(θ̂(1 - θ̂)/n) with θ̂ = 9/13, n = 13

# name -> (exact value, exact fraction or None)
SOLUTIONS: dict[str, tuple[float, Fraction | None]] = {
    "exponential_rate": (1 / 3, Fraction(1, 3)),
    "gaussian_mean": (float(_GAUSSIAN_X.mean()), None),
    "exponential_rate_sample": (5 / 7, Fraction(5, 7)),
    "poisson_rate": (18 / 7, Fraction(18, 7)),
    "gaussian_variance": (2.365, Fraction(473, 200)),
    "uniform_upper": (7.4, Fraction(37, 5)),
    "all_heads": (1.0, Fraction(1)),
    "odds": (2.25, Fraction(9, 4)),
    "standard_error": (_SE, None),
}


def _accepted_forms(name: str) -> list[tuple[str, object]]:
    value, fraction = SOLUTIONS[name]
    forms: list[tuple[str, object]] = [
        ("float", value),
        ("rounded 4 s.f.", float(f"{value:.4g}")),
        ("rounded 5 s.f. string", f"{value:.5g}"),
        ("padded string", f"  {value:.6g}\t"),
        ("numpy float64", np.float64(value)),
        ("numpy float32", np.float32(value)),
        ("0-d array", np.array(value)),
    ]
    if fraction is not None:
        forms += [
            ("Fraction", fraction),
            ("a/b string", f"{fraction.numerator}/{fraction.denominator}"),
            ("a / b string", f" {fraction.numerator} / {fraction.denominator} "),
            ("scaled a/b string", f"{3 * fraction.numerator}/{3 * fraction.denominator}"),
        ]
    return forms


ACCEPTED = [
    pytest.param(name, answer, id=f"{name}-{form}")
    for name in SOLUTIONS
    for form, answer in _accepted_forms(name)
]

# (exercise, wrong answer, distinctive substring of its specific hint)
WRONG = [
    # 1. one exponential observation x = 3
    ("exponential_rate", 3, "observation itself"),
    ("exponential_rate", "3.0", "observation itself"),
    ("exponential_rate", "-1/3", "Check the sign"),
    ("exponential_rate", -0.3333, "Check the sign"),
    ("exponential_rate", 0, "boundary of the parameter space"),
    ("exponential_rate", "-2", "rate must be positive"),
    ("exponential_rate", 0.001, "log L(α) = log α - α·x"),
    # 2. Gaussian mean
    ("gaussian_mean", float(np.median(_GAUSSIAN_X)), "squared loss"),
    ("gaussian_mean", float(_GAUSSIAN_X.sum()), "forgot to divide by N"),
    ("gaussian_mean", float(_GAUSSIAN_X.sum() / 9), "N - 1 = 9"),
    ("gaussian_mean", 0, "differentiate with respect to μ"),
    # 4. Poisson rate
    ("poisson_rate", 124 / 49, "sample variance. In a Poisson model"),
    ("poisson_rate", "124/49", "sample variance. In a Poisson model"),
    ("poisson_rate", 62 / 21, "sample variance (with N - 1)"),
    ("poisson_rate", 18, "total count"),
    ("poisson_rate", -1, "must be positive"),
    ("poisson_rate", 10, "differentiate with respect to λ"),
    # 6. Uniform(0, θ) upper end
    ("uniform_upper", 302 / 35, "method-of-moments"),
    ("uniform_upper", 296 / 35, "bias-corrected"),
    ("uniform_upper", 5, "likelihood 0"),
    ("uniform_upper", 7.39, "impossible under Uniform(0, θ)"),
    ("uniform_upper", 7.41, "decreases as θ grows"),
    ("uniform_upper", 100, "decreases as θ grows"),
    ("uniform_upper", -1, "length of the interval"),
    # 5. Gaussian variance
    ("gaussian_variance", 18.92 / 7, "unbiased estimator"),
    ("gaussian_variance", math.sqrt(2.365), "standard deviation σ̂"),
    ("gaussian_variance", math.sqrt(18.92 / 7), "standard deviation (computed with N - 1)"),
    ("gaussian_variance", 18.92, "sum of squared deviations"),
    ("gaussian_variance", -2.365, "must be positive"),
    ("gaussian_variance", 100, "σ² as the variable"),
    # 7. five heads in five flips
    ("all_heads", "5/6", "prior"),
    ("all_heads", 5 / 6, "prior"),
    ("all_heads", "6/7", "Laplace"),
    ("all_heads", 0.5, "fair coin"),
    ("all_heads", 0, "all five flips came up heads"),
    ("all_heads", 1.5, "must lie in [0, 1]"),
    ("all_heads", -0.2, "must lie in [0, 1]"),
    ("all_heads", 0.7, "need not be where its derivative is zero"),
    # 8. odds after 9 heads, 4 tails
    ("odds", "9/13", "probability of heads"),
    ("odds", 0.6923, "probability of heads"),
    ("odds", "4/9", "wrong way up"),
    ("odds", "4/13", "probability of tails"),
    ("odds", -2.25, "positive"),
    ("odds", 5, "invariance"),
    # 9. standard error after 9 heads, 4 tails
    ("standard_error", 36 / 2197, "forgot the square root"),
    ("standard_error", "36/2197", "forgot the square root"),
    ("standard_error", 2197 / 36, "Fisher information"),
    ("standard_error", math.sqrt(2197 / 36), "invert first"),
    ("standard_error", "6/13", "single flip"),
    ("standard_error", math.sqrt(0.25 / 13), "θ = 0.5"),
    ("standard_error", -_SE, "positive"),
    ("standard_error", 0.5, "Var(θ̂) ≈ 1/I(θ̂)"),
    # 3. exponential rate from a sample
    ("exponential_rate_sample", 1.4, "mean waiting time"),
    ("exponential_rate_sample", "9/14", "bias-corrected"),
    ("exponential_rate_sample", 1 / 1.2, "median"),
    ("exponential_rate_sample", 14, "total waiting time"),
    ("exponential_rate_sample", 0, "rate must be positive"),
    ("exponential_rate_sample", 3, "N log α - α Σxᵢ"),
]

# Answers that are right but rounded too early: feedback asks for more digits.
NEAR_MISSES = [
    ("exponential_rate", "0.33"),
    ("poisson_rate", 2.6),
    ("standard_error", "0.13"),
    ("exponential_rate_sample", 0.71),
]

BAD_INPUTS = [
    pytest.param("abc", id="letters"),
    pytest.param("", id="empty"),
    pytest.param("   ", id="blank"),
    pytest.param("nan", id="nan-text"),
    pytest.param("inf", id="inf-text"),
    pytest.param("1/0", id="divide-by-zero"),
    pytest.param("0/0", id="zero-over-zero"),
    pytest.param("1e999", id="overflow-text"),
    pytest.param("1/2/3", id="double-fraction"),
    pytest.param("1,5", id="decimal-comma"),
    pytest.param("2**3", id="power"),
    pytest.param("__import__('os')", id="code"),
    pytest.param(float("nan"), id="nan"),
    pytest.param(float("inf"), id="inf"),
    pytest.param(-math.inf, id="minus-inf"),
    pytest.param([1], id="list"),
    pytest.param((1,), id="tuple"),
    pytest.param(None, id="None"),
    pytest.param(True, id="True"),
    pytest.param(False, id="False"),
    pytest.param(np.bool_(True), id="numpy-bool"),
    pytest.param({}, id="dict"),
    pytest.param(1 + 0j, id="complex"),
    pytest.param(b"1", id="bytes"),
    pytest.param(np.array([0.5, 0.5]), id="array"),
    pytest.param(object(), id="object"),
]


def _check(name: str):
    return EXERCISES[name]


# ------------------------------------------------------------------- check functions


def test_registry_has_every_exercise_in_order() -> None:
    assert list(EXERCISES) == list(SOLUTIONS)
    for name, check in EXERCISES.items():
        assert check is getattr(exercises, f"check_{name}")
        assert f"check_{name}" in exercises.__all__


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_solution_value_matches_independent_answer(name: str) -> None:
    expected, fraction = SOLUTIONS[name]
    assert solution_value(name) == pytest.approx(expected, rel=1e-12)
    if fraction is not None:
        assert solution_value(name) == pytest.approx(float(fraction), rel=1e-12)
    assert _check(name)(solution_value(name)).correct


@pytest.mark.parametrize(("name", "answer"), ACCEPTED)
def test_right_answer_accepted_in_every_form(name: str, answer: object) -> None:
    feedback = _check(name)(answer)
    assert isinstance(feedback, Feedback)
    assert feedback.correct, feedback.message
    assert feedback.message.startswith("Correct!")


@pytest.mark.parametrize(("name", "answer", "hint"), WRONG)
def test_common_mistake_gets_its_specific_hint(name: str, answer: object, hint: str) -> None:
    feedback = _check(name)(answer)
    assert not feedback.correct
    assert feedback.message.startswith("Not quite.")
    assert hint in feedback.message


@pytest.mark.parametrize(("name", "answer", "hint"), WRONG)
def test_hint_does_not_give_the_answer_away(name: str, answer: object, hint: str) -> None:
    value, fraction = SOLUTIONS[name]
    message = _check(name)(answer).message
    # The echo of the reader's own value may resemble the answer (e.g. a sign slip).
    message = message.replace(f"You entered {parse_answer(answer):.6g}.", "")
    giveaways = {f"{value:.3g}", f"{value:.4f}"}
    if fraction is not None:
        giveaways.add(f"{fraction.numerator}/{fraction.denominator}")
    for text in giveaways:
        if len(text) >= 3:  # "1" (all heads) appears in any formula
            assert text not in message


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_mistakes_lie_outside_the_tolerance(name: str) -> None:
    value, _ = SOLUTIONS[name]
    for wrong_name, answer, _hint in WRONG:
        if wrong_name == name:
            wrong = parse_answer(answer)
            assert not math.isclose(wrong, value, rel_tol=RELATIVE_TOLERANCE)


@pytest.mark.parametrize(("name", "answer"), NEAR_MISSES)
def test_near_miss_asks_for_more_digits(name: str, answer: object) -> None:
    feedback = _check(name)(answer)
    assert not feedback.correct
    assert "Very close" in feedback.message
    assert "four significant figures" in feedback.message


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_tolerance_is_relative_1e_3(name: str) -> None:
    value, _ = SOLUTIONS[name]
    check = _check(name)
    assert check(value * (1 + 0.9 * RELATIVE_TOLERANCE)).correct
    assert check(value * (1 - 0.9 * RELATIVE_TOLERANCE)).correct
    assert not check(value * (1 + 1.5 * RELATIVE_TOLERANCE)).correct
    assert not check(value * (1 - 1.5 * RELATIVE_TOLERANCE)).correct


@pytest.mark.parametrize("name", list(SOLUTIONS))
@pytest.mark.parametrize("answer", BAD_INPUTS)
def test_bad_input_gives_feedback_not_exception(name: str, answer: object) -> None:
    feedback = _check(name)(answer)
    assert isinstance(feedback, Feedback)
    assert not feedback.correct
    assert feedback.message.startswith("Could not read your answer: answer")


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_general_hint_for_unrecognised_wrong_answer(name: str) -> None:
    feedback = _check(name)(1234.5)
    assert not feedback.correct
    assert "You entered 1234.5." in feedback.message


# --------------------------------------------------------------------------- Feedback


def test_feedback_prints_one_clean_line() -> None:
    feedback = Feedback(False, "Not quite. Try again.")
    assert str(feedback) == "Not quite. Try again."
    assert repr(feedback) == "Not quite. Try again."
    assert not hasattr(feedback, "_repr_html_")


def test_feedback_repr_is_deterministic() -> None:
    first = exercises.check_odds("9/13")
    second = exercises.check_odds("9/13")
    assert repr(first) == repr(second) == first.message
    assert first == second
    assert "\n" not in first.message


def test_feedback_is_frozen() -> None:
    feedback = Feedback(True, "Correct!")
    with pytest.raises(dataclasses.FrozenInstanceError):
        feedback.correct = False  # type: ignore[misc]


@pytest.mark.parametrize(("correct", "message"), [("yes", "ok"), (1, "ok"), (True, None)])
def test_feedback_rejects_wrong_field_types(correct: object, message: object) -> None:
    with pytest.raises(TypeError):
        Feedback(correct, message)  # type: ignore[arg-type]


# ------------------------------------------------------------------------ parse_answer

PARSED = [
    ("0.3333", 0.3333),
    ("1/3", 1 / 3),
    (" -2.5 ", -2.5),
    ("1e-3", 0.001),
    ("3/9", 1 / 3),
    ("+4", 4.0),
    ("-1/4", -0.25),
    ("1 / 4", 0.25),
    ("\t1/4\n", 0.25),
    (".5", 0.5),
    ("5.", 5.0),
    ("2.5e-1", 0.25),
    ("1E3", 1000.0),
    ("1.5/0.5", 3.0),
    ("1e-3/1e-3", 1.0),
    ("\u22122.5", -2.5),  # typographic minus sign
    ("-0", 0.0),
    ("1e-999", 0.0),
    (3, 3.0),
    (-2, -2.0),
    (0.25, 0.25),
    (Fraction(1, 3), 1 / 3),
    (Decimal("0.1"), 0.1),
    (np.float64(0.5), 0.5),
    (np.float32(0.25), 0.25),
    (np.int64(7), 7.0),
    (np.uint8(7), 7.0),
    (np.array(0.5), 0.5),
]


@pytest.mark.parametrize(("answer", "expected"), PARSED)
def test_parse_answer_reads_numbers_and_fractions(answer: object, expected: float) -> None:
    result = parse_answer(answer)
    assert type(result) is float
    assert result == pytest.approx(expected, rel=1e-15, abs=0)


UNPARSABLE = [
    ("abc", ValueError),
    ("", ValueError),
    ("   ", ValueError),
    ("nan", ValueError),
    ("NaN", ValueError),
    ("inf", ValueError),
    ("-infinity", ValueError),
    ("1/0", ValueError),
    ("0/0", ValueError),
    ("1/0.0", ValueError),
    ("1e999", ValueError),
    ("1e9999", ValueError),
    ("1" * 200, ValueError),
    ("1/2/3", ValueError),
    ("1,5", ValueError),
    ("1 2", ValueError),
    ("1+1", ValueError),
    ("2**3", ValueError),
    ("0x1F", ValueError),
    ("1_000", ValueError),
    ("\u0663", ValueError),  # ARABIC-INDIC DIGIT THREE: only ASCII digits are numbers
    ("1/3)", ValueError),
    ("(1/3)", ValueError),
    ("__import__('os')", ValueError),
    ("__import__('os').system('echo hacked')", ValueError),
    ("globals().update(x=1)", ValueError),
    (float("nan"), ValueError),
    (float("inf"), ValueError),
    (-math.inf, ValueError),
    (np.float64("nan"), ValueError),
    (Decimal("NaN"), ValueError),
    (Decimal("Infinity"), ValueError),
    (Fraction(10**400), ValueError),
    (10**400, ValueError),
    (True, TypeError),
    (False, TypeError),
    (np.bool_(True), TypeError),
    ([1], TypeError),
    ((1,), TypeError),
    (None, TypeError),
    ({}, TypeError),
    ({"answer": 1}, TypeError),
    (1 + 0j, TypeError),
    (b"1", TypeError),
    (np.array([1.0, 2.0]), TypeError),
    (np.array(True), TypeError),
    (object(), TypeError),
]


@pytest.mark.parametrize(("answer", "error"), UNPARSABLE)
def test_parse_answer_rejects_naming_the_argument(answer: object, error: type) -> None:
    with pytest.raises(error, match="alpha_hat"):
        parse_answer(answer, name="alpha_hat")
    with pytest.raises(error, match="answer"):
        parse_answer(answer)


@pytest.mark.parametrize(
    "text", ["__import__('os').system('touch /tmp/x')", "exec('x=1')", "open('/etc/passwd')"]
)
def test_parse_answer_never_evaluates_code(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("parse_answer must not evaluate its input")

    for builtin in ("eval", "exec", "compile", "__import__"):
        monkeypatch.setattr(builtins, builtin, forbidden)
    try:
        with pytest.raises(ValueError, match="answer"):
            parse_answer(text)
        assert parse_answer("1/4") == 0.25
    finally:
        monkeypatch.undo()
    assert not exercises.check_all_heads(text).correct


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_parse_answer_round_trips_float_repr(value: float) -> None:
    assert parse_answer(repr(value)) == value
    assert parse_answer(value) == value


@given(st.text(max_size=30))
def test_parse_answer_returns_finite_float_or_raises_value_error(text: str) -> None:
    error: ValueError | None = None
    result = 0.0
    try:
        result = parse_answer(text)
    except ValueError as caught:
        error = caught
    if error is None:
        assert math.isfinite(result)
    else:
        assert "answer" in str(error)


@given(st.one_of(st.text(max_size=30), st.floats(), st.integers(), st.none(), st.booleans()))
def test_checks_never_raise(answer: object) -> None:
    for check in EXERCISES.values():
        assert isinstance(check(answer), Feedback)


# ------------------------------------------------------------------------- data, misc


def test_gaussian_mean_sample_is_seeded_draw() -> None:
    np.testing.assert_array_equal(gaussian_mean_sample(), _GAUSSIAN_X)


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        (poisson_counts, [2, 4, 3, 0, 5, 1, 3]),
        (uniform_sample, [2.1, 7.4, 0.9, 5.3, 6.8, 3.2, 4.5]),
        (gaussian_variance_sample, [4.2, 6.1, 3.5, 7.8, 5.0, 2.9, 6.6, 4.7]),
        (exponential_sample, [0.8, 2.3, 0.4, 1.7, 3.1, 0.2, 1.1, 0.6, 2.5, 1.3]),
    ],
)
def test_fixed_samples(sample, expected: list[float]) -> None:
    assert sample().tolist() == expected


@pytest.mark.parametrize(
    ("sample", "name"),
    [
        (gaussian_mean_sample, "gaussian_mean"),
        (poisson_counts, "poisson_rate"),
        (uniform_sample, "uniform_upper"),
        (gaussian_variance_sample, "gaussian_variance"),
        (exponential_sample, "exponential_rate_sample"),
    ],
)
def test_editing_a_sample_cannot_change_the_exercise(sample, name: str) -> None:
    before = solution_value(name)
    data = sample()
    data[:] = 0
    assert solution_value(name) == before
    assert not np.all(sample() == 0)


def test_solution_value_rejects_unknown_names() -> None:
    with pytest.raises(ValueError, match="name") as info:
        solution_value("no_such_exercise")
    assert "odds" in str(info.value)
    with pytest.raises(TypeError, match="name"):
        solution_value(3)  # type: ignore[arg-type]


def test_all_public_names_exist() -> None:
    for public in exercises.__all__:
        assert hasattr(exercises, public)
    assert len([n for n in exercises.__all__ if n.startswith("check_")]) >= 9


def test_docstring_examples() -> None:
    results = doctest.testmod(exercises, optionflags=doctest.ELLIPSIS)
    assert results.attempted > 0
    assert results.failed == 0


# --------------------------------------------------- helpers for the worked solutions


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("rate", [0.5, 18 / 7, 10.0])
def test_poisson_log_likelihood_matches_scipy(rate: float) -> None:
    counts = [2, 4, 3, 0, 5, 1, 3]
    expected = stats.poisson.logpmf(counts, rate).sum()
    assert poisson_log_likelihood(rate, counts) == pytest.approx(expected, rel=1e-12)
    assert type(poisson_log_likelihood(rate, counts)) is float


def test_poisson_log_likelihood_is_vectorised_and_peaks_at_the_mean() -> None:
    rates = np.linspace(0.5, 6, 12)
    values = poisson_log_likelihood(rates, poisson_counts())
    assert values.shape == rates.shape
    mean = float(poisson_counts().mean())
    at_mean = poisson_log_likelihood(mean, poisson_counts())
    for nearby in (mean * 0.999, mean * 1.001):
        assert poisson_log_likelihood(nearby, poisson_counts()) < at_mean


@given(st.lists(st.integers(0, 50), min_size=1, max_size=20).filter(lambda c: sum(c) > 0))
def test_poisson_log_likelihood_maximised_by_mean_count(counts: list[int]) -> None:
    mean = sum(counts) / len(counts)
    at_mean = poisson_log_likelihood(mean, counts)
    assert poisson_log_likelihood(mean * 1.01, counts) <= at_mean
    assert poisson_log_likelihood(mean * 0.99, counts) <= at_mean


@pytest.mark.parametrize(
    ("rate", "counts", "error", "match"),
    [
        (0.0, [1], ValueError, "lam"),
        (-1.0, [1], ValueError, "lam"),
        (float("nan"), [1], ValueError, "lam"),
        ([1.0, math.inf], [1], ValueError, "lam"),
        ("2", [1], TypeError, "lam"),
        (True, [1], TypeError, "lam"),
        (1.0, [], ValueError, "counts"),
        (1.0, [1.5], ValueError, "counts"),
        (1.0, [-1], ValueError, "counts"),
        (1.0, [[1, 2]], ValueError, "counts"),
        (1.0, [float("nan")], ValueError, "counts"),
        (1.0, "abc", TypeError, "counts"),
    ],
)
def test_poisson_log_likelihood_rejects_bad_input(rate, counts, error, match) -> None:
    with pytest.raises(error, match=match):
        poisson_log_likelihood(rate, counts)


def test_uniform_log_likelihood_values() -> None:
    sample = uniform_sample()
    assert uniform_log_likelihood(10.0, sample) == pytest.approx(-7 * math.log(10.0))
    assert uniform_log_likelihood(7.4, sample) == pytest.approx(-7 * math.log(7.4))
    assert uniform_log_likelihood(7.39, sample) == -math.inf
    values = uniform_log_likelihood(np.array([5.0, 7.4, 8.0]), sample)
    assert values.shape == (3,)
    assert values[0] == -math.inf and np.isfinite(values[1:]).all()
    assert int(np.argmax(uniform_log_likelihood(np.linspace(1, 20, 1901), sample))) == 640


@pytest.mark.parametrize(
    ("theta", "sample", "error", "match"),
    [
        (0.0, [1.0], ValueError, "upper"),
        (-2.0, [1.0], ValueError, "upper"),
        (math.nan, [1.0], ValueError, "upper"),
        ("3", [1.0], TypeError, "upper"),
        (3.0, [], ValueError, "sample"),
        (3.0, [-1.0, 2.0], ValueError, "sample"),
        (3.0, [math.inf], ValueError, "sample"),
    ],
)
def test_uniform_log_likelihood_rejects_bad_input(theta, sample, error, match) -> None:
    with pytest.raises(error, match=match):
        uniform_log_likelihood(theta, sample)


def test_uniform_gradient_ascent_overshoots_the_maximum() -> None:
    sample = uniform_sample()
    path = uniform_gradient_ascent(sample, 10.0, lr=2.0, n_steps=100)
    assert path[0] == 10.0
    assert np.all(np.diff(path) < 0)  # every step moves down: the slope is never zero
    assert np.all(path[:-1] >= 7.4) and path[-1] < 7.4  # stops at the first overshoot
    np.testing.assert_allclose(path[1:], path[:-1] - 2.0 / path[:-1])
    assert np.all(np.isfinite(uniform_log_likelihood(path[:-1], sample)))
    assert uniform_log_likelihood(path[-1], sample) == -math.inf


@pytest.mark.parametrize("lr", [2.0, 0.5, 0.1])
def test_smaller_learning_rates_still_overshoot(lr: float) -> None:
    path = uniform_gradient_ascent(uniform_sample(), 10.0, lr=lr, n_steps=10_000)
    assert path[-1] < 7.4 < path[-2]


def test_uniform_gradient_ascent_runs_all_steps_when_it_never_overshoots() -> None:
    path = uniform_gradient_ascent(uniform_sample(), 10.0, lr=1e-3, n_steps=5)
    assert path.size == 6 and path[-1] > 7.4


def test_uniform_gradient_ascent_leaving_through_zero_stops() -> None:
    path = uniform_gradient_ascent([1.0], 1.0, lr=5.0, n_steps=10)
    assert path.tolist() == [1.0, -4.0]


def test_projected_uniform_gradient_ascent_reaches_the_mle() -> None:
    path = uniform_gradient_ascent(uniform_sample(), 10.0, lr=2.0, n_steps=30, project=True)
    assert path.size == 31
    assert path[-1] == 7.4 and np.all(path >= 7.4)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"upper0": 7.0}, ValueError, "upper0"),
        ({"upper0": math.nan}, ValueError, "upper0"),
        ({"upper0": "10"}, TypeError, "upper0"),
        ({"lr": 0.0}, ValueError, "lr"),
        ({"lr": -1.0}, ValueError, "lr"),
        ({"n_steps": 0}, ValueError, "n_steps"),
        ({"n_steps": 2_000_000}, ValueError, "n_steps"),
        ({"n_steps": 2.5}, ValueError, "n_steps"),
        ({"sample": [0.0, 0.0]}, ValueError, "sample"),
        ({"sample": [-1.0]}, ValueError, "sample"),
    ],
)
def test_uniform_gradient_ascent_rejects_bad_input(kwargs, error, match) -> None:
    arguments = {"sample": uniform_sample(), "upper0": 10.0, "lr": 1.0, "n_steps": 10}
    arguments.update(kwargs)
    with pytest.raises(error, match=match):
        uniform_gradient_ascent(**arguments)


def test_logit_gradient_ascent_converges_with_both_outcomes() -> None:
    path = logit_gradient_ascent(9, 4, lr=1.0, n_steps=1_000)
    assert path.shape == (1_001,)
    assert path[-1] == pytest.approx(math.log(9 / 4), abs=1e-10)
    path = logit_gradient_ascent(4, 9, lr=1.0, n_steps=1_000, phi0=3.0)
    assert path[0] == 3.0 and path[-1] == pytest.approx(math.log(4 / 9), abs=1e-10)


@pytest.mark.parametrize(("heads", "tails", "sign"), [(5, 0, 1), (0, 5, -1)])
def test_logit_gradient_ascent_diverges_like_log_k(heads, tails, sign) -> None:
    path = logit_gradient_ascent(heads, tails, lr=1.0, n_steps=100_000)
    assert np.all(sign * np.diff(path) > 0)  # the gradient never vanishes
    for k in (1_000, 10_000, 100_000):
        assert sign * path[k] == pytest.approx(math.log(k), abs=0.01)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ((0, 0, 1.0, 10), {}, ValueError, "n_heads \\+ n_tails"),
        ((1, 1, 0.0, 10), {}, ValueError, "lr"),
        ((1, 1, 1.0, 0), {}, ValueError, "n_steps"),
        ((1, 1, 1.0, True), {}, TypeError, "n_steps"),
        ((1, 1, 1.0, 10), {"phi0": math.inf}, ValueError, "phi0"),
        ((-1, 1, 1.0, 10), {}, ValueError, "n_heads"),
    ],
)
def test_logit_gradient_ascent_rejects_bad_input(args, kwargs, error, match) -> None:
    with pytest.raises(error, match=match):
        logit_gradient_ascent(*args, **kwargs)


def test_plot_uniform_likelihood_shows_the_jump() -> None:
    fig = plot_uniform_likelihood(uniform_sample())
    ax = fig.axes[0]
    assert ax.get_title() == "Uniform(0, θ) likelihood of 7 observations"
    assert ax.get_ylabel() == "relative likelihood L(θ) / L(θ̂)"
    below, above = ax.lines[0].get_ydata(), ax.lines[1].get_ydata()
    assert np.all(below == 0) and above.max() == pytest.approx(1.0)
    assert ax.lines[1].get_xdata()[0] == pytest.approx(7.4)
    _, existing = plt.subplots()
    assert plot_uniform_likelihood([1.0, 2.0], ax=existing) is existing.figure
    with pytest.raises(ValueError, match="sample"):
        plot_uniform_likelihood([0.0])


def test_plot_logit_log_likelihood_panels() -> None:
    fig = plot_logit_log_likelihood()
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["9 heads, 4 tails: a peak", "5 heads, 0 tails: no peak"]
    assert all(ax.get_xlabel().startswith("η") for ax in fig.axes)
    assert len(plot_logit_log_likelihood([(1, 1)], eta_range=(-2.0, 2.0)).axes) == 1


@pytest.mark.parametrize(
    ("counts", "eta_range", "error", "match"),
    [
        ([], (-1.0, 1.0), ValueError, "len\\(counts\\)"),
        ([(1, 1)] * 5, (-1.0, 1.0), ValueError, "len\\(counts\\)"),
        ([(1, 1)], (1.0, -1.0), ValueError, "eta_range"),
        ([(1, 1)], (math.nan, 1.0), ValueError, "eta_range"),
        ([(-1, 1)], (-1.0, 1.0), ValueError, "n_heads"),
    ],
)
def test_plot_logit_log_likelihood_rejects_bad_input(counts, eta_range, error, match) -> None:
    with pytest.raises(error, match=match):
        plot_logit_log_likelihood(counts, eta_range)


# ------------------------------------------------------------------------- the chapter

NOTEBOOK = Path(__file__).resolve().parents[1] / "chapters" / "05_exercises.ipynb"


def _cells() -> list[dict]:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def _label(name: str) -> str:
    return "ex-" + name.replace("_", "-")


def _block(cells: list[dict], start: str, end: str) -> list[dict]:
    """The cells from the one containing ``start`` to the next one containing ``end``."""
    first = next(i for i, cell in enumerate(cells) if start in _source(cell))
    last = next(i for i in range(first, len(cells)) if end in _source(cells[i]))
    return cells[first : last + 1]


def _text_output(cell: dict) -> str:
    texts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            texts.append(output["text"])
        elif "text/plain" in output.get("data", {}):
            texts.append(output["data"]["text/plain"])
    return "".join("".join(text) for text in texts)


def test_chapter_has_at_least_eight_exercises_in_registry_order() -> None:
    markdown = "\n".join(_source(c) for c in _cells() if c["cell_type"] == "markdown")
    labels = re.findall(r"```\{exercise-start\}[^\n]*\n:label: (\S+)", markdown)
    assert len(EXERCISES) >= 8
    assert labels == [_label(name) for name in EXERCISES]
    assert markdown.count("{exercise-end}") == markdown.count("{exercise-start}")
    assert markdown.count("{solution-end}") == markdown.count("{solution-start}")


@pytest.mark.parametrize("name", list(EXERCISES))
def test_every_exercise_has_a_check_cell_with_example_feedback(name: str) -> None:
    cells = _block(_cells(), f":label: {_label(name)}", "{exercise-end}")
    checks = [
        c for c in cells if c["cell_type"] == "code" and f"check_{name}(answer)" in _source(c)
    ]
    assert len(checks) == 1, f"exercise {name} needs exactly one check cell"
    source = _source(checks[0])
    assert re.search(r"^answer = .+#", source, flags=re.MULTILINE), "answer line with a comment"
    feedback = _text_output(checks[0])
    # The stored output is an example of a hint, never the right answer.
    assert feedback.startswith(("Not quite.", "Could not read", "Very close."))
    assert "\n" not in feedback.strip()


@pytest.mark.parametrize("name", list(EXERCISES))
def test_every_exercise_has_a_folded_executed_solution(name: str) -> None:
    cells = _block(_cells(), f"{{solution-start}} {_label(name)}", "{solution-end}")
    opening = _source(cells[0])
    directive = r"\{solution-start\} " + re.escape(_label(name)) + r"\n:class: dropdown"
    assert re.search(directive, opening), "the solution must be folded (a dropdown)"
    code = [c for c in cells if c["cell_type"] == "code"]
    assert len(code) >= 2, "a worked solution computes its numbers"
    assert all(c.get("outputs") for c in code), "every solution cell was executed"
    final = [c for c in code if f"check_{name}(" in _source(c)]
    assert final and _text_output(final[-1]).startswith("Correct!")


def test_chapter_is_executed_in_order() -> None:
    code = [c for c in _cells() if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))

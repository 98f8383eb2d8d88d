"""Tests for mle_book.exercises: the self-checking answers of the Exercises chapter.

Expected values are computed here independently of the module and of its data file
(by hand, with fractions or with numpy), so a slip in the data cannot hide behind
itself. The table of typed answers (tests/answer_table.py) is shared with the
browser tests, which require the page to give the same verdicts and messages.
"""

from __future__ import annotations

import builtins
import dataclasses
import doctest
import inspect
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
from answer_table import GAUSSIAN_X, MISTAKES, PREFIX, SOLUTIONS, rows
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from mle_book import exercises
from mle_book.exercises import (
    EXERCISES,
    MAX_SIGNIFICANT_FIGURES,
    MIN_SIGNIFICANT_FIGURES,
    Feedback,
    exercise_data,
    exponential_sample,
    gaussian_mean_sample,
    gaussian_variance_sample,
    logit_gradient_ascent,
    matches,
    parse_answer,
    poisson_counts,
    poisson_log_likelihood,
    solution_value,
    uniform_gradient_ascent,
    uniform_log_likelihood,
    uniform_sample,
)
from mle_book.plots import plot_logit_log_likelihood, plot_uniform_likelihood

RETIRED = ["\u0302", "log L", "log α", "log λ", "log σ", " N ", "N - 1", "N/(N", "η", "yᵢ"]


def _check(name: str):
    return EXERCISES[name]


def _accepted_forms(name: str) -> list[tuple[str, object]]:
    value, fraction = SOLUTIONS[name]
    forms: list[tuple[str, object]] = [
        ("float", value),
        ("rounded 4 s.f.", float(f"{value:.4g}")),
        ("rounded 3 s.f. string", f"{value:.3g}"),
        ("rounded 5 s.f. string", f"{value:.5g}"),
        ("padded string", f"  {value:.6g}\t"),
        ("numpy float64", np.float64(value)),
        ("numpy float32", np.float32(value)),
        ("0-d array", np.array(value)),
        ("Decimal", Decimal(f"{value:.5g}")),
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
TABLE = [pytest.param(row, id=f"{row.name}-{row.kind}-{row.text[:12]!r}") for row in rows()]

# ------------------------------------------------------------------- the data file


def test_data_file_lists_every_exercise_in_chapter_order() -> None:
    data = exercise_data()
    assert list(data["exercises"]) == list(EXERCISES) == list(SOLUTIONS)
    for number, spec in enumerate(data["exercises"].values(), start=1):
        assert spec["number"] == number


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_exact_values_match_an_independent_computation(name: str) -> None:
    value, fraction = SOLUTIONS[name]
    exact = exercise_data()["exercises"][name]["exact"]
    if fraction is not None:
        assert exact == float(fraction)  # correctly rounded
    assert exact == pytest.approx(value, rel=1e-15)
    assert solution_value(name) == exact


def test_gaussian_mean_is_the_exact_mean_of_the_stored_floats() -> None:
    sample = exercise_data()["exercises"]["gaussian_mean"]["sample"]
    np.testing.assert_array_equal(sample, GAUSSIAN_X)  # the seeded draw rounded to 3 decimals
    exact_mean = sum(Fraction(x) for x in sample) / len(sample)
    assert solution_value("gaussian_mean") == float(exact_mean)


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_mistake_values_match_an_independent_computation(name: str) -> None:
    stored = [m["value"] for m in exercise_data()["exercises"][name]["mistakes"]]
    expected = [value for value, _ in MISTAKES[name]]
    assert len(stored) == len(expected)
    np.testing.assert_allclose(stored, expected, rtol=1e-14)


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_no_three_figure_answer_matches_both_the_answer_and_a_mistake(name: str) -> None:
    exact = solution_value(name)
    for mistake, _ in MISTAKES[name]:
        for figures in (3, 4, 5):
            assert not matches(f"{mistake:.{figures}g}", exact)
            if mistake != 0:
                assert not matches(f"{exact:.{figures}g}", mistake)


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_messages_use_the_books_notation(name: str) -> None:
    spec = exercise_data()["exercises"][name]
    texts = [spec["hint"], spec["explanation"]]
    texts += [m["hint"] for m in spec["mistakes"]] + [c["hint"] for c in spec["constraints"]]
    for text in texts:
        for retired in RETIRED:
            assert retired not in text, (retired, text)


def test_rule_messages_use_the_books_notation() -> None:
    for text in exercise_data()["rules"]["messages"].values():
        for retired in RETIRED:
            assert retired not in text


def test_exercise_data_is_a_copy() -> None:
    data = exercise_data()
    data["exercises"]["odds"]["exact"] = 0.0
    assert solution_value("odds") == 2.25
    assert exercises.check_odds("9/4").correct


# ------------------------------------------------------------------- check functions


def test_registry_has_every_exercise_in_order() -> None:
    assert list(EXERCISES) == list(SOLUTIONS)
    for name, check in EXERCISES.items():
        assert check is getattr(exercises, f"check_{name}")
        assert f"check_{name}" in exercises.__all__


@pytest.mark.parametrize("row", TABLE)
def test_answer_table(row) -> None:
    feedback = _check(row.name)(row.text)
    assert isinstance(feedback, Feedback)
    assert feedback.correct is (row.kind == "correct")
    assert feedback.message.startswith(PREFIX[row.kind]), feedback.message
    assert row.hint in feedback.message
    assert "\n" not in feedback.message


def test_table_has_at_least_ten_answers_per_exercise() -> None:
    kinds: dict[str, set[str]] = {}
    for row in rows():
        kinds.setdefault(row.name, set()).add(row.kind)
    assert all(sum(r.name == name for r in rows()) >= 10 for name in SOLUTIONS)
    for name, seen in kinds.items():
        assert {"correct", "mistake", "wrong", "unreadable"} <= seen, name


@pytest.mark.parametrize(("name", "answer"), ACCEPTED)
def test_right_answer_accepted_in_every_form(name: str, answer: object) -> None:
    feedback = _check(name)(answer)
    assert feedback.correct, feedback.message
    assert feedback.message.startswith("Correct!")


@pytest.mark.parametrize(
    "row", [pytest.param(r, id=f"{r.name}-{r.text}") for r in rows() if r.kind == "mistake"]
)
def test_hint_does_not_give_the_answer_away(row) -> None:
    value, fraction = SOLUTIONS[row.name]
    message = _check(row.name)(row.text).message
    message = re.sub(r"You entered [^ ]+\.", "", message)
    giveaways = {f"{value:.3g}", f"{value:.4f}"}
    if fraction is not None:
        giveaways.add(f"{fraction.numerator}/{fraction.denominator}")
    for text in giveaways:
        if len(text) >= 3:  # "1" (all heads) appears in any formula
            assert text not in message


# The rounding rule, on every exercise: the exact value correctly rounded to 3..6
# figures is right; one unit off in the last figure is not; fewer than three figures
# are not judged (unless exactly right or exactly a known mistake); digits after the
# sixth are not checked.


@pytest.mark.parametrize("name", list(SOLUTIONS))
@pytest.mark.parametrize("figures", [3, 4, 5, 6])
def test_rounding_rule_on_every_exercise(name: str, figures: int) -> None:
    value, _ = SOLUTIONS[name]
    check = _check(name)
    text = f"{value:.{figures - 1}e}"  # `figures` significant figures, correctly rounded
    assert check(text).correct, (text, check(text).message)
    unit = 10.0 ** (math.floor(math.log10(value)) - figures + 1)
    for off in (-1, 1):
        shifted = f"{float(text) + off * unit:.{figures - 1}e}"
        if abs(float(shifted) - value) > 0.5 * unit * (1 + 1e-6):  # not a tie
            feedback = check(shifted)
            assert not feedback.correct, (shifted, feedback.message)


def _without_echo(message: str) -> str:
    return re.sub(r"You entered [^ ]+\.", "You entered ….", message)


@pytest.mark.parametrize("name", [n for n, (v, _) in SOLUTIONS.items() if float(f"{v:.2g}") != v])
def test_two_figures_are_not_judged_close_or_not(name: str) -> None:
    """One or two figures get one message, whether they agree at that precision or not."""
    value, _ = SOLUTIONS[name]
    check = _check(name)
    agreeing = [f"{value:.1g}", f"{value:.2g}", f"{value:.1e}"]
    others = [f"{value * factor:.2g}" for factor in (0.9, 0.95, 1.05, 1.5, 3)]
    mistakes = {m for m, _ in MISTAKES[name]}
    messages = set()
    for text in agreeing + others:
        if float(text) in mistakes or float(text) == value:  # exactly a mistake: its hint
            continue
        feedback = check(text)
        if feedback.message.startswith("Not possible."):  # e.g. all heads: "2" > 1
            continue
        assert not feedback.correct, text
        assert feedback.message.startswith("Too few significant figures to check."), text
        assert f"You entered {text}. " in feedback.message
        assert "at least three significant figures" in feedback.message
        assert "close." not in feedback.message.split(".")[0]
        messages.add(_without_echo(feedback.message))
    assert len(messages) == 1, messages


def test_reported_cases_agree_with_themselves() -> None:
    """The reader's report: the same number gets the same verdict however it is typed."""
    poisson = exercises.check_poisson_rate
    assert _without_echo(poisson("3").message) == _without_echo(poisson("3.0").message)
    assert "You entered 3.0." in poisson("3.0").message  # not reformatted to 3
    assert "You entered 3.0." in poisson(" 3.0\t").message  # trimmed
    se = [exercises.check_standard_error(t).message for t in ("0.1", "0.12", "0.13")]
    assert len({_without_echo(m) for m in se}) == 1 and se[0].startswith("Too few")
    assert exercises.check_gaussian_mean("2").message.startswith("Too few significant")
    for text in ("3", "3.0", "3.00", "30/10", 3, 3.0, Fraction(3), Decimal("3.0")):
        assert "observation itself" in exercises.check_exponential_rate(text).message, text
    assert "You entered 3.0." in exercises.check_exponential_rate(Decimal("3.0")).message
    assert "You entered 3.0." in exercises.check_exponential_rate(3.0).message
    assert "You entered 3." in exercises.check_exponential_rate(np.int64(3)).message
    assert "You entered 30/10." in exercises.check_exponential_rate("30/10").message
    assert "You entered 3." in exercises.check_exponential_rate(Fraction(3)).message
    assert "You entered 1e+150." in exercises.check_gaussian_mean(10**150).message  # long int
    assert "You entered 2.5." in exercises.check_gaussian_mean(np.float64(2.5)).message
    assert "You entered 5/2." in exercises.check_gaussian_mean(Fraction(5, 2)).message
    assert "You entered 2.5." in exercises.check_gaussian_mean(np.array(2.5)).message


@pytest.mark.parametrize("text", ["0,333", "2,5", " 1,5e-1 ", "\u22120,5", "1/3,0", "1,"])
def test_a_decimal_comma_is_named(text: str) -> None:
    for check in EXERCISES.values():
        message = check(text).message
        assert message.startswith("Could not read your answer: answer has a comma"), message
        assert "decimal point, e.g. 0.333" in message
    with pytest.raises(ValueError, match="alpha_hat has a comma"):
        parse_answer(text, name="alpha_hat")


@pytest.mark.parametrize("text", ["1,2,3", "1,,5", ",", "a,5", "1, 5", "0,5.5"])
def test_other_commas_are_not_a_number(text: str) -> None:
    assert "is not a number" in exercises.check_odds(text).message


def test_the_rule_text_names_each_rule() -> None:
    rule = exercise_data()["rules"]["rounding_rule"]
    for part in (
        "exactly the answer",
        "at least three significant figures",
        "correctly rounded",
        "exactly equal to a common mistake",
        "however many figures",
        "is not judged, whether or not it agrees",
        "within 1%",
        "sixth significant figure",
        "not a comma",
    ):
        assert part in rule, part
    assert "mistake_min_figures" not in exercise_data()["rules"]


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_digits_after_the_sixth_are_not_checked(name: str) -> None:
    value, _ = SOLUTIONS[name]
    sign = -1 if name == "all_heads" else 1  # stay inside [0, 1]
    assert _check(name)(f"{value * (1 + sign * 2e-7):.11e}").correct
    assert not _check(name)(f"{value * (1 + sign * 2e-5):.11e}").correct


def test_a_tie_may_round_either_way() -> None:
    # 2.365 exactly: at three figures both 2.36 and 2.37 are correct roundings.
    assert exercises.check_gaussian_variance("2.37").correct
    assert exercises.check_gaussian_variance("2.36").correct
    assert not exercises.check_gaussian_variance("2.38").correct


def test_constraints_come_before_the_tolerance() -> None:
    # Issue 9: 1.0005 is within 0.1 % of 1 but is not a probability.
    feedback = exercises.check_all_heads("1.0005")
    assert not feedback.correct and "must lie in [0, 1]" in feedback.message
    assert not exercises.check_uniform_upper("7.3999").correct
    assert exercises.check_uniform_upper("7.40").correct


def test_laplace_hint_says_posterior_mean() -> None:
    message = exercises.check_all_heads("6/7").message
    assert "posterior mean of θ under a uniform prior" in message
    assert "Beta(2, 2)" in message
    assert "posterior mode is the MLE itself" in message


def test_matches_states_the_rule_alone() -> None:
    assert MIN_SIGNIFICANT_FIGURES == 3 and MAX_SIGNIFICANT_FIGURES == 6
    assert [matches(t, 2 / 3) for t in ("0.667", "0.6667", "2/3", "0.67", "0.666")] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert matches("-1", -1.0) and matches(0, 0.0)
    with pytest.raises(ValueError, match="exact"):
        matches("1", math.nan)
    with pytest.raises(ValueError, match="answer"):
        matches("abc", 1.0)


@pytest.mark.parametrize("name", list(SOLUTIONS))
@pytest.mark.parametrize(
    "answer",
    [
        pytest.param("abc", id="letters"),
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("nan", id="nan-text"),
        pytest.param("inf", id="inf-text"),
        pytest.param("1/0", id="divide-by-zero"),
        pytest.param("0/0", id="zero-over-zero"),
        pytest.param("1e999", id="overflow-text"),
        pytest.param("1e-999", id="underflow-text"),
        pytest.param("1e-300/1e300", id="underflow-fraction"),
        pytest.param("1/2/3", id="double-fraction"),
        pytest.param("__import__('os')", id="code"),
        pytest.param(float("nan"), id="nan"),
        pytest.param(-math.inf, id="minus-inf"),
        pytest.param([1], id="list"),
        pytest.param(None, id="None"),
        pytest.param(..., id="Ellipsis"),
        pytest.param(True, id="True"),
        pytest.param(np.bool_(True), id="numpy-bool"),
        pytest.param(1 + 0j, id="complex"),
        pytest.param(b"1", id="bytes"),
        pytest.param(np.array([0.5, 0.5]), id="array"),
        pytest.param(object(), id="object"),
        pytest.param(Fraction(1, 10**400), id="tiny-fraction"),
        pytest.param(10**400, id="huge-int"),
    ],
)
def test_bad_input_gives_feedback_not_exception(name: str, answer: object) -> None:
    feedback = _check(name)(answer)
    assert isinstance(feedback, Feedback)
    assert not feedback.correct
    assert feedback.message.startswith("Could not read your answer: answer")


def test_a_fraction_is_checked_to_six_figures() -> None:
    assert exercises.check_exponential_rate("1000001/3000000").correct  # 6 figures agree
    feedback = exercises.check_exponential_rate("1/3.01")  # not exact, within 1 %
    assert not feedback.correct
    # a fraction is exact, so no digit was rounded away: the general hint, not "rounding"
    assert feedback.message.startswith("Not quite.")
    assert "differentiate with respect to α" in feedback.message


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("uniform_upper", "7.41", "wrong"),  # 7.4 needs no third figure
        ("all_heads", "0.999", "wrong"),
        ("odds", "2.251", "wrong"),
        ("exponential_rate", "0.334", "close"),  # 1/3 has digits after the third
        ("standard_error", "0.1281", "close"),
        ("gaussian_variance", "2.38", "close"),  # 2.365 has a fourth figure
    ],
)
def test_rounding_message_only_when_the_exact_value_needs_more_digits(
    name: str, text: str, kind: str
) -> None:
    message = EXERCISES[name](text).message
    assert ("correctly rounded" in message) == (kind == "close"), message


def test_other_real_numbers_are_read_as_floats() -> None:
    import numbers

    class Real:
        def __float__(self) -> float:
            return 1 / 3

    numbers.Real.register(Real)
    assert parse_answer(Real()) == 1 / 3
    assert exercises.check_exponential_rate(Real()).correct


def test_underflow_is_unreadable_not_zero() -> None:
    feedback = exercises.check_all_heads("1e-999")
    assert feedback.message.startswith("Could not read your answer")
    assert "too small" in feedback.message
    assert "all five flips" in exercises.check_all_heads("0").message


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_general_hint_for_unrecognised_wrong_answer(name: str) -> None:
    answer = 0.625 if name == "all_heads" else 1234.5
    feedback = _check(name)(answer)
    assert not feedback.correct
    assert f"You entered {answer}." in feedback.message
    assert exercise_data()["exercises"][name]["hint"] in feedback.message


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
    ("0e-999", 0.0),
    ("1e-310", 1e-310),  # subnormal, not zero: readable
    ("\u00a01/4\u2009", 0.25),  # no-break and thin spaces
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
    ("1e-999", ValueError),  # underflows to 0: unreadable, not zero
    ("1e-300/1e300", ValueError),
    ("1e300/1e-300", ValueError),
    (Decimal("1e-1000"), ValueError),
    (Decimal("1e+1000"), ValueError),
    ("1/1e-999", ValueError),
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
    (Fraction(1, 10**400), ValueError),
    (Decimal("1e-999"), ValueError),
    (True, TypeError),
    (False, TypeError),
    (np.bool_(True), TypeError),
    ([1], TypeError),
    ((1,), TypeError),
    (None, TypeError),
    (..., TypeError),
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


@pytest.mark.parametrize("name", ["alpha_hat", "fit.mu", "x1"])
def test_parse_answer_messages_call_the_answer_by_the_given_name(name: str) -> None:
    with pytest.raises(TypeError, match=rf"^{re.escape(name)} must be a number"):
        parse_answer(None, name=name)
    with pytest.raises(ValueError, match=rf"^{re.escape(name)} is not a number"):
        parse_answer("abc", name=name)
    assert parse_answer("1/4", name=name) == 0.25


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("", ValueError),
        ("0.5", ValueError),
        ("my answer", ValueError),
        ("a.", ValueError),
        (None, TypeError),
        (b"x", TypeError),
    ],
)
def test_parse_answer_rejects_a_name_that_is_not_a_name(name: object, error: type) -> None:
    # a message "0.5 must be a number" would name nothing the reader can find
    with pytest.raises(error, match=r"^name must be"):
        parse_answer("1/4", name=name)


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
    np.testing.assert_array_equal(gaussian_mean_sample(), GAUSSIAN_X)


def test_gaussian_mean_from_the_printed_data_is_right_in_every_form() -> None:
    """The page prints the sample to three decimals; a reader works from those."""
    printed = np.round(gaussian_mean_sample(), 3)
    np.testing.assert_array_equal(printed, gaussian_mean_sample())
    total = f"{printed.sum():.3f}"  # 20.847
    for text in [f"{total}/10", f"{printed.mean():.6g}", f"{printed.mean():.6f}", "2.08470"]:
        assert EXERCISES["gaussian_mean"](text).correct, text


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

# The starting log-odds is keyword-only; its name is being renamed (eta0 -> phi0).
_PARAMETERS = inspect.signature(logit_gradient_ascent).parameters
_START = next(name for name in ("phi0", "eta0") if name in _PARAMETERS)


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
    path = logit_gradient_ascent(9, 4, 1.0, 1_000)
    assert path.shape == (1_001,)
    assert path[-1] == pytest.approx(math.log(9 / 4), abs=1e-10)
    path = logit_gradient_ascent(4, 9, lr=1.0, n_steps=1_000, phi0=3.0)
    assert path[0] == 3.0 and path[-1] == pytest.approx(math.log(4 / 9), abs=1e-10)


@pytest.mark.parametrize(("heads", "tails", "sign"), [(5, 0, 1), (0, 5, -1)])
def test_logit_gradient_ascent_diverges_like_log_k(heads, tails, sign) -> None:
    path = logit_gradient_ascent(heads, tails, 1.0, 100_000)
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
    assert ax.get_title() == "Uniform(0, b) likelihood of 7 observations"
    assert ax.get_ylabel() == "relative likelihood L(b) / L(max xᵢ)"
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
    assert all(ax.get_xlabel().startswith("φ") for ax in fig.axes)
    assert len(plot_logit_log_likelihood([(1, 1)], phi_range=(-2.0, 2.0)).axes) == 1


@pytest.mark.parametrize(
    ("counts", "phi_range", "error", "match"),
    [
        ([], (-1.0, 1.0), ValueError, "len\\(counts\\)"),
        ([(1, 1)] * 5, (-1.0, 1.0), ValueError, "len\\(counts\\)"),
        ([(1, 1)], (1.0, -1.0), ValueError, "phi_range"),
        ([(1, 1)], (math.nan, 1.0), ValueError, "phi_range"),
        ([(-1, 1)], (-1.0, 1.0), ValueError, "n_heads"),
    ],
)
def test_plot_logit_log_likelihood_rejects_bad_input(counts, phi_range, error, match) -> None:
    with pytest.raises(error, match=match):
        plot_logit_log_likelihood(counts, phi_range)


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
def test_every_exercise_has_an_answer_box_and_a_python_check_cell(name: str) -> None:
    cells = _block(_cells(), f":label: {_label(name)}", "{exercise-end}")
    code = [c for c in cells if c["cell_type"] == "code"]
    boxes = [c for c in code if _source(c).strip() == f'answer_box("{name}")']
    assert len(boxes) == 1, f"exercise {name} needs its answer box"
    assert any(
        "application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in boxes[0]["outputs"]
    ), "the answer box is stored as a widget"
    checks = [c for c in code if f"check_{name}(answer)" in _source(c)]
    assert len(checks) == 1, f"exercise {name} needs exactly one Python check cell"
    source = _source(checks[0])
    # No canned answer: the cell holds a placeholder until the reader fills it in.
    assert re.search(r"^answer = \.\.\.  # ", source, flags=re.MULTILINE), source
    feedback = _text_output(checks[0])
    assert feedback.startswith("Could not read your answer: answer is still ...")
    assert "remove-output" in checks[0]["metadata"].get("tags", [])


def test_chapter_states_the_rules_and_shows_progress() -> None:
    cells = _cells()
    text = "\n".join(_source(c) for c in cells)
    assert "answer_progress()" in text
    assert "at least three" in text and "significant figure" in text
    assert "fraction of two" in text


def test_odds_exercise_shows_the_theta_explorer_with_the_peak_hidden() -> None:
    cells = _block(_cells(), ":label: ex-odds", "{exercise-end}")
    sources = [_source(c) for c in cells if c["cell_type"] == "code"]
    assert "theta_explorer(9, 4, reveal_peak=False)" in sources


def test_printed_outputs_use_the_books_notation() -> None:
    for cell in _cells():
        if cell["cell_type"] != "code":
            continue
        output = _text_output(cell)
        assert "\u0302" not in output, output  # no combining hat in printed outputs
        assert not re.search(r"\bN = |\blog L\b|η", output), output


def test_markdown_uses_the_books_notation() -> None:
    for cell in _cells():
        if cell["cell_type"] != "markdown":
            continue
        text = re.sub(r"\\mathcal N", "", _source(cell))
        # η is the learning rate (chapters/index.md); tests/test_notation.py keeps it
        # from naming the log-odds.
        assert not re.search(r"\$N\b|\bN\$|\{N\}|y_i|\\bar y|u_i", text), text[:200]


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

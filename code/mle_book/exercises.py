"""Self-checking answers for the Exercises chapter.

Every exercise has a check function ``check_<name>(answer)`` that returns a
:class:`Feedback`: whether the answer is right and a one-line message. A wrong answer
that matches a common mistake gets a hint aimed at that mistake (without giving the
answer away); any other wrong answer gets a general hint. Input that cannot be read
as a number (``"abc"``, ``None``, NaN, ...) also gets feedback, never a traceback.

Answers may be numbers (int, float, :class:`fractions.Fraction`, numpy scalars) or
the text a reader types: ``"0.3333"``, ``"1/3"``, ``" -2.5 "``, ``"1e-3"``. Text is
parsed with a regular expression and :class:`~fractions.Fraction`; it is never
evaluated as code.

Answers are accepted within a relative tolerance of :data:`RELATIVE_TOLERANCE`
(0.1 %), so four significant figures or an exact fraction always count.

Examples
--------
>>> from mle_book.exercises import check_exponential_rate, solution_value
>>> check_exponential_rate("1/3").correct
True
>>> check_exponential_rate(3).correct
False
>>> round(solution_value("poisson_rate"), 4)
2.5714
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validation import (
    MAX_COUNT,
    _as_float_array,
    check_count,
    check_flag,
    check_int_in_range,
    check_positive,
    check_real,
    check_sample,
)

__all__ = [
    "EXERCISES",
    "RELATIVE_TOLERANCE",
    "Feedback",
    "check_all_heads",
    "check_exponential_rate",
    "check_exponential_rate_sample",
    "check_gaussian_mean",
    "check_gaussian_variance",
    "check_odds",
    "check_poisson_rate",
    "check_standard_error",
    "check_uniform_upper",
    "exponential_sample",
    "gaussian_mean_sample",
    "gaussian_variance_sample",
    "logit_gradient_ascent",
    "parse_answer",
    "poisson_counts",
    "poisson_log_likelihood",
    "solution_value",
    "uniform_gradient_ascent",
    "uniform_log_likelihood",
    "uniform_sample",
]

RELATIVE_TOLERANCE: float = 1e-3
"""Relative tolerance for accepting an answer (and for recognising a known mistake)."""

# Answers within this relative distance (but outside RELATIVE_TOLERANCE) are "close":
# the reader most likely rounded too early, so we ask for more digits.
_CLOSE_TOLERANCE = 2e-2
_ABSOLUTE_FLOOR = 1e-12
_MAX_TEXT_LENGTH = 100

# One decimal number: optional sign, digits with an optional point, and an optional
# exponent of at most three digits (so "1e999999999" cannot build a huge integer).
_DECIMAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?"
_ANSWER_PATTERN = re.compile(rf"(?P<numerator>{_DECIMAL})(?:\s*/\s*(?P<denominator>{_DECIMAL}))?")
_EXPECTED_FORM = "a number such as 0.25, 1/4 or 2.5e-1"


# --------------------------------------------------------------------------- parsing


def parse_answer(answer: object, name: str = "answer") -> float:
    """Read a reader's answer as a finite float.

    Parameters
    ----------
    answer : int, float, Fraction, Decimal, numpy scalar or str
        The answer. A string may be a decimal (``"0.25"``, ``"-2.5"``, ``"1e-3"``) or
        a fraction of two decimals (``"1/4"``, ``"-3 / 9"``); surrounding whitespace
        is ignored. Strings are parsed, never evaluated.
    name : str, default "answer"
        Name of the argument, used in error messages.

    Returns
    -------
    float
        The answer as a finite float.

    Raises
    ------
    TypeError
        If ``answer`` is not a number or a string (``None``, a bool, a list, ...).
    ValueError
        If the text is not a number or a fraction, divides by zero, or the value is
        NaN or infinite.

    Examples
    --------
    >>> parse_answer("1/4")
    0.25
    >>> parse_answer(" -2.5 ")
    -2.5
    >>> parse_answer("abc")
    Traceback (most recent call last):
    ...
    ValueError: answer must be a number such as 0.25, 1/4 or 2.5e-1, got 'abc'
    """
    if isinstance(answer, str):
        return _parse_text(answer, name)
    if isinstance(answer, (bool, np.bool_)):
        raise TypeError(f"{name} must be {_EXPECTED_FORM}, got a bool ({answer})")
    if isinstance(answer, np.ndarray) and answer.ndim == 0 and answer.dtype.kind in "iuf":
        answer = answer.item()
    if isinstance(answer, Decimal):
        if not answer.is_finite():
            raise ValueError(f"{name} must be finite, got {answer}")
        answer = Fraction(answer)
    if isinstance(answer, numbers.Real):
        try:
            return check_real(answer, name)
        except OverflowError as error:  # e.g. a Fraction too large for a float
            raise ValueError(f"{name} is too large to be an answer here") from error
    if isinstance(answer, (list, tuple, np.ndarray)):
        raise TypeError(f"{name} must be a single number, got a {type(answer).__name__}")
    if answer is None:
        raise TypeError(f"{name} must be {_EXPECTED_FORM}, got None (nothing was returned)")
    advice = " (convert it with float(...) first)" if hasattr(answer, "__float__") else ""
    raise TypeError(f"{name} must be {_EXPECTED_FORM}, got {type(answer).__name__}{advice}")


def _parse_text(text: str, name: str) -> float:
    stripped = text.strip().replace("\u2212", "-")  # accept a typographic minus sign
    if not stripped:
        raise ValueError(f"{name} is empty; type {_EXPECTED_FORM}")
    if len(stripped) > _MAX_TEXT_LENGTH:
        raise ValueError(f"{name} is too long ({len(stripped)} characters) to be a number")
    match = _ANSWER_PATTERN.fullmatch(stripped)
    if match is None:
        raise ValueError(f"{name} must be {_EXPECTED_FORM}, got {text!r}")
    value = Fraction(match["numerator"])
    if match["denominator"] is not None:
        denominator = Fraction(match["denominator"])
        if denominator == 0:
            raise ValueError(f"{name} divides by zero: {text!r}")
        value /= denominator
    try:
        return float(value)
    except OverflowError as error:
        raise ValueError(f"{name} is too large to be an answer here: {text!r}") from error


# -------------------------------------------------------------------------- feedback


@dataclass(frozen=True, repr=False)
class Feedback:
    """The verdict on one answer.

    Both ``str`` and ``repr`` return the message, so a notebook cell that ends with a
    check call (or prints it) shows one clean line.

    Parameters
    ----------
    correct : bool
        Whether the answer was accepted.
    message : str
        What to tell the reader: confirmation, a hint, or why the input was unreadable.

    Examples
    --------
    >>> Feedback(True, "Correct!")
    Correct!
    >>> str(Feedback(False, "Not quite.")), Feedback(False, "Not quite.").correct
    ('Not quite.', False)
    """

    correct: bool
    message: str

    def __post_init__(self) -> None:
        if not isinstance(self.correct, (bool, np.bool_)):
            raise TypeError(f"correct must be a bool, got {type(self.correct).__name__}")
        if not isinstance(self.message, str):
            raise TypeError(f"message must be a str, got {type(self.message).__name__}")
        object.__setattr__(self, "correct", bool(self.correct))

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return self.message


# ---------------------------------------------------------------------- exercise data

_GAUSSIAN_MEAN_SAMPLE = np.random.default_rng(0).normal(loc=2.0, scale=1.0, size=10)
_POISSON_COUNTS = np.array([2, 4, 3, 0, 5, 1, 3], dtype=np.int64)
_UNIFORM_SAMPLE = np.array([2.1, 7.4, 0.9, 5.3, 6.8, 3.2, 4.5])
_GAUSSIAN_VARIANCE_SAMPLE = np.array([4.2, 6.1, 3.5, 7.8, 5.0, 2.9, 6.6, 4.7])
_EXPONENTIAL_SAMPLE = np.array([0.8, 2.3, 0.4, 1.7, 3.1, 0.2, 1.1, 0.6, 2.5, 1.3])
for _array in (
    _GAUSSIAN_MEAN_SAMPLE,
    _POISSON_COUNTS,
    _UNIFORM_SAMPLE,
    _GAUSSIAN_VARIANCE_SAMPLE,
    _EXPONENTIAL_SAMPLE,
):
    _array.flags.writeable = False

_EXPONENTIAL_OBSERVATION = 3  # exercise 1: one waiting time
_HEADS, _TAILS = 9, 4  # exercises 8 (odds) and 9 (standard error)


def gaussian_mean_sample() -> NDArray[np.float64]:
    """Return the sample for :func:`check_gaussian_mean`.

    Ten draws from a Gaussian with mean 2 and standard deviation 1, made with
    ``np.random.default_rng(0)``. A fresh copy is returned on every call, so editing
    it cannot change the exercise.

    Returns
    -------
    numpy.ndarray
        Shape ``(10,)``, float64.

    Examples
    --------
    >>> gaussian_mean_sample().shape
    (10,)
    """
    return _GAUSSIAN_MEAN_SAMPLE.copy()


def poisson_counts() -> NDArray[np.int64]:
    """Return the counts for :func:`check_poisson_rate` (a fresh copy).

    Returns
    -------
    numpy.ndarray
        ``[2, 4, 3, 0, 5, 1, 3]`` as int64.

    Examples
    --------
    >>> poisson_counts().tolist()
    [2, 4, 3, 0, 5, 1, 3]
    """
    return _POISSON_COUNTS.copy()


def uniform_sample() -> NDArray[np.float64]:
    """Return the Uniform(0, theta) sample for :func:`check_uniform_upper` (a fresh copy).

    Returns
    -------
    numpy.ndarray
        Seven observations, float64.

    Examples
    --------
    >>> uniform_sample().tolist()
    [2.1, 7.4, 0.9, 5.3, 6.8, 3.2, 4.5]
    """
    return _UNIFORM_SAMPLE.copy()


def gaussian_variance_sample() -> NDArray[np.float64]:
    """Return the Gaussian sample for :func:`check_gaussian_variance` (a fresh copy).

    Returns
    -------
    numpy.ndarray
        Eight observations, float64.

    Examples
    --------
    >>> gaussian_variance_sample().tolist()
    [4.2, 6.1, 3.5, 7.8, 5.0, 2.9, 6.6, 4.7]
    """
    return _GAUSSIAN_VARIANCE_SAMPLE.copy()


def exponential_sample() -> NDArray[np.float64]:
    """Return the waiting times for :func:`check_exponential_rate_sample` (a fresh copy).

    Returns
    -------
    numpy.ndarray
        Ten positive observations, float64.

    Examples
    --------
    >>> exponential_sample().size
    10
    """
    return _EXPONENTIAL_SAMPLE.copy()


# ------------------------------------------------------------------- checking engine


def _close(value: float, target: float, rel_tol: float = RELATIVE_TOLERANCE) -> bool:
    return math.isclose(value, target, rel_tol=rel_tol, abs_tol=_ABSOLUTE_FLOOR)


def _equals(target: float) -> Callable[[float], bool]:
    """Predicate: the answer matches ``target`` within the tolerance."""
    return lambda value: _close(value, target)


@dataclass(frozen=True)
class _Exercise:
    """The data behind one check function.

    ``mistakes`` are tried in order after the correct answer; the first predicate that
    holds picks the hint. Then a near miss asks for more digits, and anything else gets
    the general ``hint``.
    """

    solution: float
    explanation: str
    mistakes: tuple[tuple[Callable[[float], bool], str], ...]
    hint: str


def _judge(exercise: _Exercise, answer: object) -> Feedback:
    try:
        value = parse_answer(answer)
    except (TypeError, ValueError, ArithmeticError) as error:
        return Feedback(False, f"Could not read your answer: {error}.")
    if _close(value, exercise.solution):
        return Feedback(True, f"Correct! {exercise.explanation}")
    entered = f"You entered {value:.6g}."
    for applies, hint in exercise.mistakes:
        if applies(value):
            return Feedback(False, f"Not quite. {entered} {hint}")
    if _close(value, exercise.solution, _CLOSE_TOLERANCE):
        return Feedback(
            False,
            f"Very close. {entered} Answers must be within {RELATIVE_TOLERANCE:.1%} of the "
            "exact value: keep at least four significant figures, or type an exact "
            "fraction a/b.",
        )
    return Feedback(False, f"Not quite. {entered} {exercise.hint}")


def _is_zero(value: float) -> bool:
    return abs(value) <= _ABSOLUTE_FLOOR


def _not_positive(value: float) -> bool:
    return value <= 0


def _negative(value: float) -> bool:
    return value < 0


# ------------------------------------------------------------------------- exercises

_theta_heads = Fraction(_HEADS, _HEADS + _TAILS)
_n_flips = _HEADS + _TAILS
_theta_variance = float(_theta_heads * (1 - _theta_heads) / _n_flips)
_fisher_information = float(_n_flips / (_theta_heads * (1 - _theta_heads)))

_gaussian_mean = float(np.mean(_GAUSSIAN_MEAN_SAMPLE))
_poisson_mean = Fraction(int(_POISSON_COUNTS.sum()), _POISSON_COUNTS.size)
_uniform_max = float(_UNIFORM_SAMPLE.max())
_gaussian_variance = float(np.var(_GAUSSIAN_VARIANCE_SAMPLE))
_exponential_mean = float(np.mean(_EXPONENTIAL_SAMPLE))

_RATE_POSITIVE = "A rate must be positive: α e^(-αx) is not a density for α ≤ 0."

_EXERCISE_DATA: dict[str, _Exercise] = {
    "exponential_rate": _Exercise(
        solution=1 / _EXPONENTIAL_OBSERVATION,
        explanation=(
            "d/dα (log α - 3α) = 1/α - 3 = 0 gives α̂ = 1/3 ≈ 0.3333: the fitted rate is "
            "the reciprocal of the observed waiting time."
        ),
        mistakes=(
            (
                _equals(_EXPONENTIAL_OBSERVATION),
                (
                    "3 is the observation itself, a waiting time (here also the sample mean). "
                    "α is a rate, events per unit time: a large α means short waits. How is a "
                    "rate related to a typical waiting time?"
                ),
            ),
            (
                _equals(-1 / _EXPONENTIAL_OBSERVATION),
                (
                    "Check the sign. A rate must be positive, and the minus sign already sits "
                    "in e^(-αx); redo the derivative of log L(α) = log α - αx."
                ),
            ),
            (
                _is_zero,
                (
                    "α = 0 is the boundary of the parameter space: there the density "
                    "α e^(-αx) is 0 everywhere, so the likelihood is 0, its smallest value. "
                    "The maximum lies inside (0, ∞)."
                ),
            ),
            (_negative, _RATE_POSITIVE),
        ),
        hint=(
            "Write the log-likelihood of the single observation, log L(α) = log α - α·x "
            "with x = 3, differentiate with respect to α and set the derivative to zero."
        ),
    ),
    "gaussian_mean": _Exercise(
        solution=_gaussian_mean,
        explanation=(
            f"μ̂ is the sample mean, Σxᵢ/N ≈ {_gaussian_mean:.4f}: it minimises the "
            "squared loss Σ(xᵢ - μ)² that sits in the Gaussian log-likelihood."
        ),
        mistakes=(
            (
                _equals(float(np.median(_GAUSSIAN_MEAN_SAMPLE))),
                (
                    "That is the median, which minimises the sum of absolute deviations. The "
                    "Gaussian log-likelihood is -Σ(xᵢ - μ)²/(2σ²) + const, a squared loss. "
                    "Which value of μ minimises a sum of squares?"
                ),
            ),
            (
                _equals(float(np.sum(_GAUSSIAN_MEAN_SAMPLE))),
                "That is the sum of the observations: you forgot to divide by N (here N = 10).",
            ),
            (
                _equals(float(np.sum(_GAUSSIAN_MEAN_SAMPLE)) / (_GAUSSIAN_MEAN_SAMPLE.size - 1)),
                (
                    "You divided by N - 1 = 9. Setting the derivative of the log-likelihood to "
                    "zero gives Σ(xᵢ - μ) = 0; count the terms of that sum."
                ),
            ),
        ),
        hint=(
            "Maximise log L(μ) = -Σ(xᵢ - μ)²/(2σ²) + const: differentiate with respect to "
            "μ and set the derivative to zero. Use the array from gaussian_mean_sample()."
        ),
    ),
    "poisson_rate": _Exercise(
        solution=float(_poisson_mean),
        explanation=(
            f"λ̂ is the mean count, {_poisson_mean.numerator}/{_poisson_mean.denominator} "
            f"≈ {float(_poisson_mean):.4f}."
        ),
        mistakes=(
            (
                _equals(float(np.var(_POISSON_COUNTS))),
                (
                    "That is the sample variance. In a Poisson model the mean and the variance "
                    "both equal λ, so the variance is a (method-of-moments) estimate of λ, but "
                    "it is not the one that maximises the likelihood."
                ),
            ),
            (
                _equals(float(np.var(_POISSON_COUNTS, ddof=1))),
                (
                    "That is the sample variance (with N - 1). In a Poisson model the variance "
                    "also equals λ, but the variance is not what maximises the likelihood."
                ),
            ),
            (
                _equals(float(np.sum(_POISSON_COUNTS))),
                (
                    "That is the total count Σkᵢ. The likelihood has one factor per "
                    "observation; did you divide by the number of observations?"
                ),
            ),
            (_not_positive, "λ is an average count per interval and must be positive here."),
        ),
        hint=(
            "Write log L(λ) = Σ(kᵢ log λ - λ) + const, differentiate with respect to λ and "
            "set the derivative to zero. Use the array from poisson_counts()."
        ),
    ),
    "uniform_upper": _Exercise(
        solution=_uniform_max,
        explanation=(
            f"θ̂ = max xᵢ = {_uniform_max:g}. The likelihood is θ^(-N) for θ ≥ every "
            "observation and 0 otherwise, so it is largest at the smallest allowed θ."
        ),
        mistakes=(
            (
                _equals(2 * float(np.mean(_UNIFORM_SAMPLE))),
                (
                    "That is the method-of-moments estimate 2x̄ (it matches the mean θ/2). The "
                    "MLE instead maximises L(θ) = θ^(-N) over the θ values under which every "
                    "observation is possible."
                ),
            ),
            (
                _equals(_uniform_max * (_UNIFORM_SAMPLE.size + 1) / _UNIFORM_SAMPLE.size),
                (
                    "That looks like a bias-corrected estimate: unbiased, but not where the "
                    "likelihood peaks. Maximise L(θ) itself."
                ),
            ),
            (_not_positive, "θ is the length of the interval (0, θ) and must be positive."),
            (
                lambda value: value < _uniform_max,
                (
                    "With this θ at least one observation lies above θ, which is impossible "
                    "under Uniform(0, θ): the data have likelihood 0. θ must be at least as "
                    "large as every observation."
                ),
            ),
            (
                lambda value: value > _uniform_max,
                (
                    "With this θ every observation is possible, but L(θ) = θ^(-N) decreases as "
                    "θ grows, so a smaller θ has a higher likelihood. How small can θ go?"
                ),
            ),
        ),
        hint=(
            "L(θ) = θ^(-N) if every observation is ≤ θ, and 0 otherwise. Sketch L as a "
            "function of θ. Use the array from uniform_sample()."
        ),
    ),
    "gaussian_variance": _Exercise(
        solution=_gaussian_variance,
        explanation=(
            f"σ̂² = Σ(xᵢ - x̄)²/N ≈ {_gaussian_variance:.4f} (np.var with its default ddof=0)."
        ),
        mistakes=(
            (
                _equals(float(np.var(_GAUSSIAN_VARIANCE_SAMPLE, ddof=1))),
                (
                    "You divided by N - 1. That is the unbiased estimator s², not the MLE: "
                    "setting the derivative of the log-likelihood to zero gives a different "
                    "divisor."
                ),
            ),
            (
                _equals(float(np.std(_GAUSSIAN_VARIANCE_SAMPLE))),
                "That is a standard deviation σ̂; the exercise asks for the variance σ².",
            ),
            (
                _equals(float(np.std(_GAUSSIAN_VARIANCE_SAMPLE, ddof=1))),
                (
                    "That is a standard deviation (computed with N - 1); the exercise asks for "
                    "the variance σ², and the MLE's divisor is not N - 1."
                ),
            ),
            (
                _equals(float(np.var(_GAUSSIAN_VARIANCE_SAMPLE)) * _GAUSSIAN_VARIANCE_SAMPLE.size),
                (
                    "That is the sum of squared deviations; a variance is an average, so you "
                    "still have to divide."
                ),
            ),
            (_not_positive, "A variance is an average of squares, so it must be positive here."),
        ),
        hint=(
            "Replace μ by x̄ and maximise log L(σ²) = -(N/2) log σ² - Σ(xᵢ - x̄)²/(2σ²) "
            "with σ² as the variable. Use the array from gaussian_variance_sample()."
        ),
    ),
    "all_heads": _Exercise(
        solution=1.0,
        explanation=(
            "θ̂ = 5/5 = 1. L(θ) = θ⁵ increases on [0, 1], so the maximum sits on the "
            "boundary: an extreme estimate that motivates priors and smoothing."
        ),
        mistakes=(
            (
                _equals(5 / 6),
                (
                    "That is a smoothed estimate. Adding pseudo-counts amounts to using a prior "
                    "(a Bayesian or MAP estimate); the MLE uses the data alone."
                ),
            ),
            (
                _equals(6 / 7),
                (
                    "That is Laplace's rule of succession, (heads + 1)/(flips + 2). The added "
                    "counts amount to a uniform prior; the MLE uses the data alone."
                ),
            ),
            (
                _equals(0.5),
                (
                    "0.5 is what you might believe about a fair coin before flipping. The MLE "
                    "ignores such beliefs and asks which θ makes five heads most probable."
                ),
            ),
            (_is_zero, "θ is the probability of heads, and all five flips came up heads."),
            (
                lambda value: value < 0 or value > 1,
                "θ is a probability, so it must lie in [0, 1].",
            ),
        ),
        hint=(
            "L(θ) = θ⁵ on [0, 1]. Where is it largest? The maximum of a function on an "
            "interval need not be where its derivative is zero."
        ),
    ),
    "odds": _Exercise(
        solution=_HEADS / _TAILS,
        explanation=(
            "θ̂ = 9/13, and by invariance the MLE of the odds is θ̂/(1 - θ̂) = 9/4 = 2.25: "
            "simply heads over tails."
        ),
        mistakes=(
            (
                _equals(float(_theta_heads)),
                (
                    "That is θ̂, the probability of heads. The exercise asks for the odds "
                    "θ/(1 - θ). By invariance, the MLE of g(θ) is g(θ̂)."
                ),
            ),
            (
                _equals(_TAILS / _HEADS),
                "Those are the odds the wrong way up: (1 - θ)/θ, the odds of tails.",
            ),
            (
                _equals(float(1 - _theta_heads)),
                "That is 1 - θ̂, the estimated probability of tails, not the odds of heads.",
            ),
            (_not_positive, "Odds θ/(1 - θ) are positive for 0 < θ < 1."),
        ),
        hint=(
            "Use invariance: if θ̂ is the MLE of θ, then g(θ̂) is the MLE of g(θ). Find θ̂ "
            "for 9 heads and 4 tails first, then apply g(θ) = θ/(1 - θ)."
        ),
    ),
    "standard_error": _Exercise(
        solution=math.sqrt(_theta_variance),
        explanation=(
            f"SE = √(θ̂(1 - θ̂)/n) with θ̂ = 9/13 and n = 13, ≈ {math.sqrt(_theta_variance):.4f}: "
            "the square root of the inverse Fisher information."
        ),
        mistakes=(
            (
                _equals(_theta_variance),
                (
                    "That is the variance of θ̂. A standard error is on the scale of θ itself: "
                    "you forgot the square root."
                ),
            ),
            (
                _equals(_fisher_information),
                (
                    "That is the Fisher information I(θ̂) = n/(θ̂(1 - θ̂)). More information "
                    "means less uncertainty: the variance of θ̂ is approximately its inverse."
                ),
            ),
            (
                _equals(math.sqrt(_fisher_information)),
                (
                    "That is √I(θ̂), the square root of the Fisher information. The standard "
                    "error shrinks as information grows: invert first."
                ),
            ),
            (
                _equals(math.sqrt(float(_theta_heads * (1 - _theta_heads)))),
                (
                    "That is the standard deviation of a single flip (n = 1). The standard "
                    "error of θ̂ uses all n = 13 flips."
                ),
            ),
            (
                _equals(math.sqrt(0.25 / _n_flips)),
                "You used θ = 0.5. Plug in the estimate θ̂ from the data instead.",
            ),
            (_not_positive, "A standard error is a standard deviation, so it is positive."),
        ),
        hint=(
            "SE = √Var(θ̂) with Var(θ̂) ≈ 1/I(θ̂), where I(θ) = n/(θ(1 - θ)) is the Fisher "
            "information of n flips. Plug in θ̂ for 9 heads and 4 tails."
        ),
    ),
    "exponential_rate_sample": _Exercise(
        solution=1 / _exponential_mean,
        explanation=(
            f"α̂ = N/Σxᵢ = 1/x̄ ≈ {1 / _exponential_mean:.4f}: the reciprocal of the mean "
            "waiting time."
        ),
        mistakes=(
            (
                _equals(_exponential_mean),
                (
                    "That is the mean waiting time x̄. α is a rate, events per unit time: a "
                    "large α means short waits. How is a rate related to the mean waiting time?"
                ),
            ),
            (
                _equals((_EXPONENTIAL_SAMPLE.size - 1) / float(np.sum(_EXPONENTIAL_SAMPLE))),
                (
                    "That is the bias-corrected estimate (N - 1)/Σxᵢ: unbiased, but not the "
                    "value that maximises the likelihood."
                ),
            ),
            (
                _equals(1 / float(np.median(_EXPONENTIAL_SAMPLE))),
                (
                    "You used the median. The log-likelihood N log α - αΣxᵢ depends on the data "
                    "only through their sum."
                ),
            ),
            (
                _equals(float(np.sum(_EXPONENTIAL_SAMPLE))),
                "That is the total waiting time Σxᵢ, not a rate.",
            ),
            (_not_positive, _RATE_POSITIVE),
        ),
        hint=(
            "log L(α) = N log α - α Σxᵢ. Differentiate with respect to α and set the "
            "derivative to zero. Use the array from exponential_sample()."
        ),
    ),
}


# ------------------------------------------------------------------- check functions


def check_exponential_rate(answer: object) -> Feedback:
    """Check the MLE of the exponential rate from one observation.

    The density is α e^(-αx) and a single waiting time x = 3 is observed. Answers are
    accepted within a relative tolerance of 1e-3 (0.1 %): tight enough to tell the
    right value from every common mistake, loose enough for four significant figures.

    Parameters
    ----------
    answer : number or str
        The reader's value for α̂, e.g. ``0.3333`` or ``"1/3"``.

    Returns
    -------
    Feedback
        ``correct`` and a one-line message with a hint when wrong.

    Examples
    --------
    >>> check_exponential_rate("1/3").correct
    True
    >>> check_exponential_rate(3).correct
    False
    """
    return _judge(_EXERCISE_DATA["exponential_rate"], answer)


def check_gaussian_mean(answer: object) -> Feedback:
    """Check the MLE of a Gaussian mean for :func:`gaussian_mean_sample`.

    Answers are accepted within a relative tolerance of 1e-3 (0.1 %), so four
    significant figures suffice and the median or sum is never mistaken for the mean.

    Parameters
    ----------
    answer : number or str
        The reader's value for μ̂.

    Returns
    -------
    Feedback
        ``correct`` and a one-line message with a hint when wrong.

    Examples
    --------
    >>> check_gaussian_mean(gaussian_mean_sample().mean()).correct
    True
    >>> check_gaussian_mean(gaussian_mean_sample().sum()).correct
    False
    """
    return _judge(_EXERCISE_DATA["gaussian_mean"], answer)


def check_poisson_rate(answer: object) -> Feedback:
    """Check the MLE of a Poisson rate for :func:`poisson_counts`.

    Answers are accepted within a relative tolerance of 1e-3 (0.1 %). The sample
    variance is only about 1.6 % away from the answer, so the tolerance must be
    tighter than that to tell the two apart.

    Parameters
    ----------
    answer : number or str
        The reader's value for λ̂, e.g. ``2.571`` or ``"18/7"``.

    Returns
    -------
    Feedback
        ``correct`` and a one-line message with a hint when wrong.

    Examples
    --------
    >>> check_poisson_rate("18/7").correct
    True
    >>> check_poisson_rate(18).correct
    False
    """
    return _judge(_EXERCISE_DATA["poisson_rate"], answer)


def check_uniform_upper(answer: object) -> Feedback:
    """Check the MLE of θ for Uniform(0, θ) data from :func:`uniform_sample`.

    Answers are accepted within a relative tolerance of 1e-3 (0.1 %). A wrong answer
    below the largest observation and one above it get different hints.

    Parameters
    ----------
    answer : number or str
        The reader's value for θ̂.

    Returns
    -------
    Feedback
        ``correct`` and a one-line message with a hint when wrong.

    Examples
    --------
    >>> check_uniform_upper(uniform_sample().max()).correct
    True
    >>> check_uniform_upper(5).correct
    False
    """
    return _judge(_EXERCISE_DATA["uniform_upper"], answer)


def check_gaussian_variance(answer: object) -> Feedback:
    """Check the MLE of a Gaussian variance for :func:`gaussian_variance_sample`.

    Answers are accepted within a relative tolerance of 1e-3 (0.1 %), far tighter than
    the N/(N - 1) ≈ 14 % gap between the MLE and the unbiased estimator.

    Parameters
    ----------
    answer : number or str
        The reader's value for σ̂² (the variance, not the standard deviation).

    Returns
    -------
    Feedback
        ``correct`` and a one-line message with a hint when wrong.

    Examples
    --------
    >>> check_gaussian_variance(gaussian_variance_sample().var()).correct
    True
    >>> check_gaussian_variance(gaussian_variance_sample().var(ddof=1)).correct
    False
    """
    return _judge(_EXERCISE_DATA["gaussian_variance"], answer)


def check_all_heads(answer: object) -> Feedback:
    """Check the MLE of P(heads) after five flips that all came up heads.

    Answers are accepted within a relative tolerance of 1e-3 (0.1 %).

    Parameters
    ----------
    answer : number or str
        The reader's value for θ̂.

    Returns
    -------
    Feedback
        ``correct`` and a one-line message with a hint when wrong.

    Examples
    --------
    >>> check_all_heads(1).correct
    True
    >>> check_all_heads("6/7").correct
    False
    """
    return _judge(_EXERCISE_DATA["all_heads"], answer)


def check_odds(answer: object) -> Feedback:
    """Check the MLE of the odds θ/(1 - θ) after 9 heads and 4 tails.

    Answers are accepted within a relative tolerance of 1e-3 (0.1 %).

    Parameters
    ----------
    answer : number or str
        The reader's value for the odds, e.g. ``2.25`` or ``"9/4"``.

    Returns
    -------
    Feedback
        ``correct`` and a one-line message with a hint when wrong.

    Examples
    --------
    >>> check_odds("9/4").correct
    True
    >>> check_odds("9/13").correct
    False
    """
    return _judge(_EXERCISE_DATA["odds"], answer)


def check_standard_error(answer: object) -> Feedback:
    """Check the standard error of θ̂ after 9 heads and 4 tails.

    The expected value is √(θ̂(1 - θ̂)/n) ≈ 0.1280. Answers are accepted within a
    relative tolerance of 1e-3 (0.1 %), so ``0.128`` counts.

    Parameters
    ----------
    answer : number or str
        The reader's value for the standard error.

    Returns
    -------
    Feedback
        ``correct`` and a one-line message with a hint when wrong.

    Examples
    --------
    >>> check_standard_error(0.128).correct
    True
    >>> check_standard_error(0.0164).correct
    False
    """
    return _judge(_EXERCISE_DATA["standard_error"], answer)


def check_exponential_rate_sample(answer: object) -> Feedback:
    """Check the MLE of the exponential rate for :func:`exponential_sample`.

    Answers are accepted within a relative tolerance of 1e-3 (0.1 %).

    Parameters
    ----------
    answer : number or str
        The reader's value for α̂, e.g. ``0.7143`` or ``"5/7"``.

    Returns
    -------
    Feedback
        ``correct`` and a one-line message with a hint when wrong.

    Examples
    --------
    >>> check_exponential_rate_sample("5/7").correct
    True
    >>> check_exponential_rate_sample(exponential_sample().mean()).correct
    False
    """
    return _judge(_EXERCISE_DATA["exponential_rate_sample"], answer)


EXERCISES: dict[str, Callable[[object], Feedback]] = {
    "exponential_rate": check_exponential_rate,
    "gaussian_mean": check_gaussian_mean,
    "exponential_rate_sample": check_exponential_rate_sample,
    "poisson_rate": check_poisson_rate,
    "gaussian_variance": check_gaussian_variance,
    "uniform_upper": check_uniform_upper,
    "all_heads": check_all_heads,
    "odds": check_odds,
    "standard_error": check_standard_error,
}
"""Exercise name -> check function, in the order of the Exercises chapter."""


def solution_value(name: str) -> float:
    """Return the exact answer to an exercise, for worked solutions and tests.

    Parameters
    ----------
    name : str
        A key of :data:`EXERCISES`, e.g. ``"odds"``.

    Returns
    -------
    float
        The value the check function accepts.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If ``name`` is not a known exercise; the message lists the known names.

    Examples
    --------
    >>> solution_value("odds")
    2.25
    >>> check_odds(solution_value("odds")).correct
    True
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    if name not in _EXERCISE_DATA:
        raise ValueError(f"name must be one of {', '.join(EXERCISES)}; got {name!r}")
    return float(_EXERCISE_DATA[name].solution)


# ------------------------------------------------------- helpers for worked solutions

_MAX_STEPS = 1_000_000


def _positive_values(value: ArrayLike, name: str) -> NDArray[np.float64]:
    """``value`` as a float array with every entry finite and > 0."""
    array = _as_float_array(value, name)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite and in (0, inf); got NaN or inf")
    if np.any(array <= 0):
        raise ValueError(f"{name} must be in (0, inf), got {array[array <= 0].flat[0]}")
    return array


def _shaped(array: NDArray[np.float64], like: ArrayLike) -> NDArray[np.float64] | float:
    return float(array) if np.ndim(like) == 0 else array


def poisson_log_likelihood(lam: ArrayLike, counts: ArrayLike) -> NDArray[np.float64] | float:
    r"""Poisson log-likelihood :math:`\sum_i (x_i \ln\lambda - \lambda - \ln x_i!)`.

    Computed as :math:`S\ln\lambda - n\lambda - \sum_i \ln x_i!` with
    :math:`S = \sum_i x_i`, the log-factorials from :func:`math.lgamma` (once per
    distinct count); the same as summing SciPy's ``poisson.logpmf(counts, lam)``.

    Parameters
    ----------
    lam : float or array_like
        The Poisson mean λ, each value in (0, inf). Vectorised: one
        log-likelihood per value, same shape.
    counts : array_like
        Observed counts :math:`x_1, \dots, x_n`: a non-empty 1-d array of whole
        numbers in [0, 2**53].

    Returns
    -------
    float or numpy.ndarray
        Same shape as ``lam`` (natural log).

    Raises
    ------
    TypeError
        If ``lam`` or ``counts`` is not real-valued.
    ValueError
        If a ``lam`` is not in (0, inf), ``counts`` is empty, not 1-d or holds a
        value that is not a whole number in [0, 2**53], or :math:`n\lambda`
        exceeds the float range.

    Examples
    --------
    >>> round(poisson_log_likelihood(2.0, [2]), 4)
    -1.3069
    >>> poisson_log_likelihood([1.0, 2.0], [0, 1]).round(4)
    array([-2.    , -3.3069])
    """
    lams = _positive_values(lam, "lam")
    data = check_sample(counts, "counts", non_negative=True)
    if np.any(data != np.floor(data)) or np.any(data > MAX_COUNT):
        raise ValueError(
            "counts must hold whole numbers in [0, 2**53] (a Poisson variable counts events)"
        )
    values, multiplicity = np.unique(data, return_counts=True)
    log_factorials = math.fsum(
        int(times) * math.lgamma(value + 1.0)
        for value, times in zip(values, multiplicity, strict=True)
    )
    with np.errstate(over="ignore", invalid="ignore"):
        log_lik = data.sum() * np.log(lams) - data.size * lams - log_factorials
    if not np.all(np.isfinite(log_lik)):
        raise ValueError(
            f"lam is too large: n * lam exceeds the float range for n = {data.size} "
            f"and lam up to {lams.max()}"
        )
    return _shaped(log_lik, lam)


def uniform_log_likelihood(upper: ArrayLike, sample: ArrayLike) -> NDArray[np.float64] | float:
    r"""Log-likelihood of Uniform(0, b): :math:`-n\ln b` if b ≥ max xᵢ, else ``-inf``.

    Each observation has density 1/b on [0, b] and 0 outside it, so an upper end
    below the largest observation makes the data impossible.

    Parameters
    ----------
    upper : float or array_like
        Upper end b of the interval, each value in (0, inf). Vectorised, any shape.
    sample : array_like
        Observations :math:`x_1, \dots, x_n`: a non-empty 1-d array of finite
        values >= 0.

    Returns
    -------
    float or numpy.ndarray
        Same shape as ``upper``; ``-inf`` where b < max xᵢ (the log of a zero
        likelihood).

    Raises
    ------
    TypeError
        If ``upper`` or ``sample`` is not real-valued.
    ValueError
        If an ``upper`` is not in (0, inf), or ``sample`` is empty, not 1-d, or
        holds NaN, inf or a negative value.

    Examples
    --------
    >>> round(uniform_log_likelihood(2.0, [0.5, 1.5]), 4)
    -1.3863
    >>> uniform_log_likelihood(1.0, [0.5, 1.5])
    -inf
    """
    uppers = _positive_values(upper, "upper")
    data = check_sample(sample, non_negative=True)
    log_lik = np.where(uppers >= data.max(), -data.size * np.log(uppers), -np.inf) + 0.0
    return _shaped(log_lik, upper)


def uniform_gradient_ascent(
    sample: ArrayLike,
    upper0: float,
    lr: float,
    n_steps: int,
    *,
    project: bool = False,
) -> NDArray[np.float64]:
    r"""Gradient ascent on the mean Uniform(0, b) log-likelihood, which never levels off.

    Wherever the likelihood is positive (b ≥ max xᵢ) the mean log-likelihood is
    :math:`-\ln b`, with derivative :math:`-1/b`: never zero. Each step
    :math:`b \leftarrow b - \text{lr}/b` raises the likelihood, until a step jumps
    below the largest observation, where the likelihood is 0. The run stops at that
    iterate. With ``project=True`` every iterate is clipped back to max xᵢ
    (projected gradient ascent), which reaches the MLE and stays there (the rest of
    the path is filled in without further steps).

    Parameters
    ----------
    sample : array_like
        Observations: a non-empty 1-d array of finite values >= 0 with a positive
        maximum.
    upper0 : float
        Starting upper end, at least max xᵢ (so that the likelihood is positive).
    lr : float
        Learning rate in (0, inf).
    n_steps : int
        Largest number of steps, a whole number in [1, 1000000]. Each step costs a
        fraction of a microsecond: a full million-step run takes well under a second.

    project : bool, default False
        Clip every iterate to ``max(b, max(sample))``.

    Returns
    -------
    numpy.ndarray
        The iterates, ``upper0`` first: ``n_steps + 1`` of them with projection.
        Without projection the run ends early at the first iterate below max xᵢ
        (which may be at or below 0).

    Raises
    ------
    TypeError
        If ``sample``, ``upper0``, ``lr`` or ``n_steps`` is not real-valued, or
        ``project`` is not ``True``/``False``.
    ValueError
        If ``sample`` is empty, not 1-d, holds NaN, inf or a negative value, or is
        all zeros; if ``upper0`` is not finite or below max xᵢ; if ``lr`` is not in
        (0, inf); if ``n_steps`` is not a whole number in [1, 1000000]; or if a step
        ``lr / b`` exceeds the float range.

    Examples
    --------
    >>> uniform_gradient_ascent([1.0, 3.0], 4.0, lr=4.0, n_steps=5).round(4).tolist()
    [4.0, 3.0, 1.6667]
    >>> uniform_gradient_ascent([1.0, 3.0], 4.0, lr=4.0, n_steps=3, project=True).tolist()
    [4.0, 3.0, 3.0, 3.0]
    """
    project = check_flag(project, "project")
    data = check_sample(sample, non_negative=True)
    largest = float(data.max())
    if largest == 0.0:
        raise ValueError("sample must contain a value > 0; for all zeros the MLE is b = 0")
    upper = check_real(upper0, "upper0")
    if upper < largest:
        raise ValueError(
            f"upper0 must be >= max(sample) = {largest:g} (else the likelihood is 0), "
            f"got {upper}"
        )
    lr = check_positive(lr, "lr")
    n_steps = check_int_in_range(n_steps, "n_steps", 1, _MAX_STEPS)
    path = np.empty(n_steps + 1)
    path[0] = upper
    for step in range(1, n_steps + 1):
        upper = upper - lr / upper  # upper + lr * d/db(-ln b)
        if project and upper <= largest:
            path[step:] = largest  # the MLE is a fixed point of the projected step
            return path
        if not math.isfinite(upper):
            raise ValueError(
                f"the step lr / b exceeds the float range (lr = {lr}, b = {path[step - 1]}); "
                f"use a smaller lr"
            )
        path[step] = upper
        if upper < largest:
            return path[: step + 1].copy()
    return path


def logit_gradient_ascent(
    n_heads: int,
    n_tails: int,
    lr: float,
    n_steps: int,
    *,
    phi0: float = 0.0,
) -> NDArray[np.float64]:
    r"""Gradient ascent on the mean log-likelihood of a coin in the log-odds φ.

    The gradient is :math:`(n_H\,\mathrm{sigmoid}(-\phi) - n_T\,\mathrm{sigmoid}(\phi))
    / n = \hat\theta - \mathrm{sigmoid}(\phi)`. With both counts positive the
    iterates converge to :math:`\ln(n_H/n_T)` (for ``lr`` below
    :math:`2/(\hat\theta(1-\hat\theta))`); with no tails the gradient stays positive,
    so φ grows without bound (about like the log of the number of steps).

    Once the iterates reach a fixed point or a two-cycle of floating-point numbers,
    the rest of the path is filled in without further steps (it would repeat
    exactly), so converging runs cost little whatever ``n_steps`` is.

    Parameters
    ----------
    n_heads : int
        Number of heads, a whole number in [0, 2**53].
    n_tails : int
        Number of tails, a whole number in [0, 2**53]; at least one flip in total.
    lr : float
        Learning rate in (0, inf).
    n_steps : int
        Number of steps, a whole number in [1, 1000000]. A run that does not
        settle costs a fraction of a microsecond per step: a full million steps
        take well under a second.
    phi0 : float, default 0.0
        Starting log-odds, a finite real number (0 means θ = 1/2).

    Returns
    -------
    numpy.ndarray
        ``n_steps + 1`` iterates, ``phi0`` first, all finite.

    Raises
    ------
    TypeError
        If an argument is not a real number.
    ValueError
        If a count is not a whole number in [0, 2**53], there are no flips,
        ``lr`` is not in (0, inf), ``n_steps`` is not in [1, 1000000], ``phi0``
        is not finite, or the iterates leave the float range (``lr`` too large).

    Examples
    --------
    >>> round(float(logit_gradient_ascent(9, 4, lr=1.0, n_steps=500)[-1]), 4)
    0.8109
    >>> logit_gradient_ascent(5, 0, lr=1.0, n_steps=3).round(4).tolist()
    [0.0, 0.5, 0.8775, 1.1712]
    """
    n_heads = check_count(n_heads, "n_heads")
    n_tails = check_count(n_tails, "n_tails")
    n_flips = n_heads + n_tails
    if n_flips == 0:
        raise ValueError("n_heads + n_tails must be >= 1, got 0 flips")
    lr = check_positive(lr, "lr")
    n_steps = check_int_in_range(n_steps, "n_steps", 1, _MAX_STEPS)
    phi = check_real(phi0, "phi0")
    path = np.empty(n_steps + 1)
    path[0] = phi
    exp = math.exp
    previous = before = math.nan
    for step in range(1, n_steps + 1):
        # sigmoid(phi) and sigmoid(-phi) without overflow: exp of a non-positive number
        if phi >= 0.0:
            decay = exp(-phi)
            gradient = (n_heads * decay - n_tails) / ((1.0 + decay) * n_flips)
        else:
            decay = exp(phi)
            gradient = (n_heads - n_tails * decay) / ((1.0 + decay) * n_flips)
        phi = phi + lr * gradient
        path[step] = phi
        if phi == previous:  # fixed point: every later iterate is the same
            path[step + 1 :] = phi
            break
        if phi == before:  # two-cycle: the later iterates alternate
            path[step + 1 :: 2] = previous
            path[step + 2 :: 2] = phi
            break
        before, previous = previous, phi
    if not np.all(np.isfinite(path)):
        raise ValueError(f"the iterates leave the float range: lr = {lr} is too large")
    return path

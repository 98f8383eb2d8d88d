"""Self-checking answers for the Exercises chapter.

Every exercise has a check function ``check_<name>(answer)`` that returns a
:class:`Feedback`: whether the answer is right and a one-line message. The exercises
themselves are plain data in ``exercise_data.json`` (shipped with the package): the
exact answer, the allowed range of the parameter, known mistakes (values with their
hints), a general hint and an explanation. The same file is synced to the answer boxes
of the web book (:mod:`mle_book.answers`), whose JavaScript applies the same rules to
the same data, so the page and the notebook give the same verdict and message.

The rules, in order:

1. **Reading.** Text is a decimal (``"0.25"``, ``"-2.5"``, ``"2.5e-1"``) or a fraction
   of two decimals (``"1/4"``); surrounding spaces are ignored and a typographic minus
   (U+2212) is accepted. It is parsed, never evaluated. Empty, over-long or unreadable
   text, division by zero, and a number too large or too small for a float (``"1e-999"``
   underflows: that is unreadable, not zero) give a "Could not read" message; a number
   written with a decimal comma (``"0,333"``) is told to use a decimal point.
2. **Allowed range.** An answer outside the parameter space (a probability above 1, a
   negative rate, an upper end below the largest observation) is never right, however
   close: the hint of the range it breaks is shown.
3. **Exact values.** A value exactly equal to the exact answer is right, and one
   exactly equal to a known mistake gets that mistake's hint, however many significant
   figures were typed (``"3"`` and ``"3.0"`` alike).
4. **Too few figures.** Any other non-zero answer with fewer than
   :data:`MIN_SIGNIFICANT_FIGURES` significant figures is not judged: at that precision
   values far apart look alike (``"0.1"`` and ``"0.13"`` both "agree" with 0.128), so the
   reader is asked for more figures, with the same message whether or not it agrees.
5. **Rounding.** An answer is right when it agrees with the exact value to every
   significant figure typed: the exact value must lie within half a unit of the last
   typed digit (a tie may round either way). A fraction is compared to
   :data:`MAX_SIGNIFICANT_FIGURES` figures, and digits after the
   :data:`MAX_SIGNIFICANT_FIGURES`-th are not checked. A Python float is read through its
   shortest representation (``repr``).
6. **Near misses and known mistakes.** Known mistakes matched by the same rounding rule
   get their hint; a value within 1 % that is wrongly rounded gets "Close, but not
   correctly rounded." (only when the exact value needs more digits than were typed:
   ``"7.41"`` for 7.4, or a fraction, is not a rounding slip); anything else gets the
   general hint.

Messages echo what the reader gave: the typed text, trimmed (``"3.0"`` stays ``3.0``),
or the ``repr`` of a number passed from Python.

Examples
--------
>>> from mle_book.exercises import check_exponential_rate, solution_value
>>> check_exponential_rate("1/3").correct, check_exponential_rate("0.333").correct
(True, True)
>>> check_exponential_rate("0.334").correct
False
>>> round(solution_value("poisson_rate"), 4)
2.5714
"""

from __future__ import annotations

import copy
import json
import math
import numbers
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

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
    "MAX_SIGNIFICANT_FIGURES",
    "MIN_SIGNIFICANT_FIGURES",
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
    "exercise_data",
    "exponential_sample",
    "gaussian_mean_sample",
    "gaussian_variance_sample",
    "logit_gradient_ascent",
    "matches",
    "parse_answer",
    "poisson_counts",
    "poisson_log_likelihood",
    "solution_value",
    "uniform_gradient_ascent",
    "uniform_log_likelihood",
    "uniform_sample",
]

_DATA_FILE = Path(__file__).with_name("exercise_data.json")
_DATA: dict[str, Any] = json.loads(_DATA_FILE.read_text(encoding="utf-8"))
_RULES: dict[str, Any] = _DATA["rules"]
_MESSAGES: dict[str, str] = _RULES["messages"]
_SPEC: dict[str, dict[str, Any]] = _DATA["exercises"]

MIN_SIGNIFICANT_FIGURES: int = _RULES["min_figures"]
"""Significant figures an answer needs, unless it is exact (3)."""

MAX_SIGNIFICANT_FIGURES: int = _RULES["max_figures"]
"""Significant figures that are checked at most (6): later digits are not checked."""

_SPACE_CLASS = "[" + "".join(f"\\u{ord(c):04x}" for c in _RULES["space"]) + "]"
_NUMBER = _RULES["number"]
_ANSWER_PATTERN = re.compile(
    rf"(?P<numerator>{_NUMBER})(?:{_SPACE_CLASS}*/{_SPACE_CLASS}*(?P<denominator>{_NUMBER}))?"
)
_NONZERO_DIGIT = re.compile("[1-9]")


def exercise_data() -> dict[str, Any]:
    """Return the exercises and the checking rules as plain data (a deep copy).

    This is the content of ``exercise_data.json``: ``rules`` (grammar, rounding rule,
    message templates) and ``exercises`` (per exercise: ``number``, ``label``,
    ``symbol``, ``exact``, ``constraints``, ``mistakes``, ``hint``, ``explanation`` and,
    where the exercise has data, ``sample``).

    Returns
    -------
    dict
        A fresh copy: editing it cannot change the checks.

    Examples
    --------
    >>> data = exercise_data()
    >>> data["exercises"]["odds"]["exact"], data["rules"]["min_figures"]
    (2.25, 3)
    """
    return copy.deepcopy(_DATA)


# --------------------------------------------------------------------------- parsing


def _message(key: str, **fields: object) -> str:
    text = _MESSAGES[key]
    for field, value in fields.items():
        text = text.replace("{" + field + "}", str(value))
    return text


@dataclass(frozen=True)
class _Reading:
    """An answer read as a float, with the places of its first and last digit.

    ``first`` is the power of ten of the first non-zero digit (``None`` for zero);
    ``last`` that of the last digit typed (``None`` for an exact form: a fraction).
    """

    value: float
    first: int | None
    last: int | None

    @property
    def figures(self) -> float:
        if self.last is None:
            return math.inf
        if self.first is None:
            return 0
        return self.first - self.last + 1

    def tolerance(self) -> float:
        """Half a unit of the last checked digit."""
        if self.first is None:
            return 0.0 if self.last is None else float(f"5e{self.last - 1}")
        cap = self.first - (MAX_SIGNIFICANT_FIGURES - 1)
        place = cap if self.last is None else max(self.last, cap)
        return float(f"5e{place - 1}")

    def agrees(self, target: float) -> bool:
        gap = abs(self.value - target)
        return self.value == target or gap <= self.tolerance() * (1 + _RULES["tie_slack"])


def _places(decimal: str) -> tuple[int | None, int]:
    """Places (powers of ten) of the first non-zero digit and of the last digit."""
    mantissa, _, exponent = decimal.lower().lstrip("+-").partition("e")
    shift = int(exponent) if exponent else 0
    whole, _, fraction = mantissa.partition(".")
    last = shift - len(fraction)
    digits = whole + fraction
    match = _NONZERO_DIGIT.search(digits)
    if match is None:
        return None, last
    return shift + len(whole) - 1 - match.start(), last


def _read_decimal(part: str, name: str) -> float:
    value = float(part)
    if math.isinf(value):
        raise ValueError(_message("too_large", name=name))
    if value == 0 and _NONZERO_DIGIT.search(part.lower().partition("e")[0]):
        raise ValueError(_message("too_small", name=name))
    return value


def _read_text(text: str, name: str) -> _Reading:
    stripped = text.strip(_RULES["space"]).replace("\u2212", "-")
    if not stripped:
        raise ValueError(_message("empty", name=name))
    if len(stripped) > _RULES["max_length"]:
        raise ValueError(_message("too_long", name=name, length=len(stripped)))
    match = _ANSWER_PATTERN.fullmatch(stripped)
    if match is None:
        if "," in stripped and _ANSWER_PATTERN.fullmatch(stripped.replace(",", ".")):
            raise ValueError(_message("decimal_comma", name=name))
        raise ValueError(_message("not_a_number", name=name))
    numerator = _read_decimal(match["numerator"], name)
    if match["denominator"] is None:
        return _Reading(numerator, *_places(match["numerator"]))
    denominator_text = match["denominator"]
    if not _NONZERO_DIGIT.search(denominator_text.lower().partition("e")[0]):
        raise ValueError(_message("divide_by_zero", name=name))
    value = numerator / _read_decimal(denominator_text, name)
    if math.isinf(value):
        raise ValueError(_message("too_large", name=name))
    if value == 0 and numerator != 0:
        raise ValueError(_message("too_small", name=name))
    return _exact_form(value)


def _exact_form(value: float) -> _Reading:
    """A value that counts as exact (a fraction): only its magnitude matters."""
    first, _ = _places(repr(value)) if value != 0 else (None, 0)
    return _Reading(value, first, None)


def _read_exact(value: Fraction, name: str) -> _Reading:
    try:
        result = float(value)
    except OverflowError as error:
        raise ValueError(_message("too_large", name=name)) from error
    if result == 0 and value != 0:
        raise ValueError(_message("too_small", name=name))
    return _exact_form(result)


_EXPECTED_FORM = "a number such as 0.25, 1/4 or 2.5e-1"


def _read(answer: object, name: str) -> _Reading:
    if isinstance(answer, str):
        return _read_text(answer, name)
    if isinstance(answer, (bool, np.bool_)):
        raise TypeError(f"{name} must be {_EXPECTED_FORM}, got a bool ({answer})")
    if isinstance(answer, np.ndarray) and answer.ndim == 0 and answer.dtype.kind in "iuf":
        answer = answer.item()
    if isinstance(answer, np.integer):
        answer = int(answer)
    if isinstance(answer, np.floating):
        answer = float(answer)
    if isinstance(answer, Decimal):
        if not answer.is_finite():
            raise ValueError(f"{name} must be finite, got {answer}")
        if _ANSWER_PATTERN.fullmatch(str(answer)):  # a Decimal keeps its typed digits
            return _read_text(str(answer), name)
        return _read_exact(Fraction(answer), name)
    if isinstance(answer, int):
        try:
            value = float(answer)
        except OverflowError as error:
            raise ValueError(_message("too_large", name=name)) from error
        return _Reading(value, *_places(str(answer)))
    if isinstance(answer, float):
        value = check_real(answer, name)
        return _Reading(value, *_places(repr(value)))
    if isinstance(answer, numbers.Rational):
        return _read_exact(Fraction(answer), name)
    if isinstance(answer, numbers.Real):
        return _read(float(answer), name)
    if isinstance(answer, (list, tuple, np.ndarray)):
        raise TypeError(f"{name} must be a single number, got a {type(answer).__name__}")
    if answer is None:
        raise TypeError(f"{name} must be {_EXPECTED_FORM}, got None (nothing was returned)")
    if answer is Ellipsis:
        raise TypeError(f"{name} is still ... (a placeholder): replace ... with your answer")
    advice = " (convert it with float(...) first)" if hasattr(answer, "__float__") else ""
    raise TypeError(f"{name} must be {_EXPECTED_FORM}, got {type(answer).__name__}{advice}")


def parse_answer(answer: object, name: str = "answer") -> float:
    """Read a reader's answer as a finite float.

    Parameters
    ----------
    answer : int, float, Fraction, Decimal, numpy scalar or str
        The answer. A string may be a decimal (``"0.25"``, ``"-2.5"``, ``"1e-3"``) or
        a fraction of two decimals (``"1/4"``, ``"-3 / 9"``); surrounding whitespace
        is ignored and a typographic minus (U+2212) is read as ``-``. Strings are
        parsed, never evaluated. A fraction is computed as a float division of its two
        parts.
    name : str, default "answer"
        The name the error messages give ``answer``: the name under which the caller
        received it (a wrapper's argument or the reader's variable, e.g.
        ``"alpha_hat"``), so that a message names what the caller gave. A Python
        identifier, or dotted identifiers such as ``"fit.mu"``.

    Returns
    -------
    float
        The answer as a finite float.

    Raises
    ------
    TypeError
        If ``answer`` is not a number or a string (``None``, a bool, a list, ...), or
        ``name`` is not a str.
    ValueError
        If ``name`` is not an identifier (or dotted identifiers); if the text is empty,
        too long, not a number or a fraction, divides by zero, or is too large or too
        small (non-zero but rounding to 0) for a float; or if a number is NaN or
        infinite. Every message about ``answer`` calls it by ``name``.

    Examples
    --------
    >>> parse_answer("1/4")
    0.25
    >>> parse_answer(" \u22122.5 ")
    -2.5
    >>> parse_answer("1e-999")
    Traceback (most recent call last):
    ...
    ValueError: answer is too small to read as a number (it rounds to zero); type 0 if you mean zero
    >>> parse_answer(True, name="alpha_hat")
    Traceback (most recent call last):
    ...
    TypeError: alpha_hat must be a number such as 0.25, 1/4 or 2.5e-1, got a bool (True)
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str (the argument's name), got {type(name).__name__}")
    if not all(part.isidentifier() for part in name.split(".")):
        raise ValueError(
            "name must be the answer's name in the caller's code, a Python identifier "
            f"such as 'alpha_hat' (or dotted, 'fit.mu'), got {name!r}"
        )
    return _read(answer, name).value


def matches(answer: object, exact: float) -> bool:
    """Whether ``answer`` is right for ``exact`` under the book's rounding rule alone.

    The rule of every check (step 3 of the module docstring): the answer agrees with
    ``exact`` to every significant figure typed, with at least
    :data:`MIN_SIGNIFICANT_FIGURES` of them unless it equals ``exact``; a fraction counts
    as exact; figures after the :data:`MAX_SIGNIFICANT_FIGURES`-th are not checked.
    No allowed range is applied here.

    Parameters
    ----------
    answer : number or str
        As for :func:`parse_answer`.
    exact : float
        The exact value, finite.

    Returns
    -------
    bool
        True if ``answer`` agrees with ``exact`` under the rounding rule above.

    Raises
    ------
    TypeError, ValueError
        If ``answer`` cannot be read (see :func:`parse_answer`) or ``exact`` is not a
        finite real number.

    Examples
    --------
    >>> [matches(text, 2 / 3) for text in ["0.667", "0.6667", "2/3", "0.67", "0.666"]]
    [True, True, True, False, False]
    """
    target = check_real(exact, "exact")
    reading = _read(answer, "answer")
    return reading.value == target or (
        reading.agrees(target) and reading.figures >= MIN_SIGNIFICANT_FIGURES
    )


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

    Raises
    ------
    TypeError
        If ``correct`` is not a ``bool`` (or ``numpy.bool_``) or ``message`` is not a
        ``str``.

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


# ------------------------------------------------------------------- checking engine


def _entered(answer: object, value: float) -> str:
    """What the reader gave, as given: typed text trimmed, a number by its ``repr``.

    ``answer`` has been read (its value is ``value``). Text keeps its figures (``"3.0"``
    stays ``3.0``, mirrored by answer.js); only readable text reaches here, so the echo
    holds digits, signs, points, ``e``, ``/`` and spaces, never markup.
    """
    if isinstance(answer, str):
        return answer.strip(_RULES["space"])
    if isinstance(answer, (np.ndarray, np.generic)):
        answer = answer.item()
    if isinstance(answer, (int, Decimal)):
        text = str(answer)
    elif isinstance(answer, numbers.Rational):
        text = str(Fraction(answer))
    else:
        text = repr(value)
    return text if len(text) <= _RULES["max_length"] else repr(value)


def _violates(constraint: dict[str, Any], value: float) -> bool:
    if "lower" in constraint:
        lower = constraint["lower"]
        if value < lower or (value == lower and not constraint["lower_inclusive"]):
            return True
    if "upper" in constraint:
        upper = constraint["upper"]
        if value > upper or (value == upper and not constraint["upper_inclusive"]):
            return True
    return False


def _needs_more_digits(exact: float, reading: _Reading) -> bool:
    """Whether ``exact`` has digits after the last one typed (so rounding can be the slip)."""
    if reading.last is None:  # a fraction is exact: no digits were rounded away
        return False
    return _places(repr(exact))[1] < reading.last


def _judge(name: str, answer: object) -> Feedback:
    """Apply the rules of the module docstring to one answer (mirrored by answer.js)."""
    spec = _SPEC[name]
    try:
        reading = _read(answer, "answer")
    except (TypeError, ValueError) as error:
        return Feedback(False, _message("unreadable", error=error))
    value = reading.value
    entered = _entered(answer, value)
    for constraint in spec["constraints"]:
        if _violates(constraint, value):
            return Feedback(False, _message("constraint", entered=entered, hint=constraint["hint"]))
    exact = spec["exact"]
    if value == exact:
        return Feedback(True, _message("correct", explanation=spec["explanation"]))
    for mistake in spec["mistakes"]:
        if value == mistake["value"]:
            return Feedback(False, _message("mistake", entered=entered, hint=mistake["hint"]))
    enough = reading.figures >= MIN_SIGNIFICANT_FIGURES
    if reading.first is not None and not enough:  # not judged, close or not
        return Feedback(False, _message("few_figures", entered=entered))
    if enough and reading.agrees(exact):
        return Feedback(True, _message("correct", explanation=spec["explanation"]))
    for mistake in spec["mistakes"]:
        if enough and reading.agrees(mistake["value"]):
            return Feedback(False, _message("mistake", entered=entered, hint=mistake["hint"]))
    near = abs(value - exact) <= _RULES["near_relative"] * abs(exact)
    if near and _needs_more_digits(exact, reading):
        figures = int(min(reading.figures, MAX_SIGNIFICANT_FIGURES))
        return Feedback(False, _message("rounding", entered=entered, figures=figures))
    return Feedback(False, _message("wrong", entered=entered, hint=spec["hint"]))


# ---------------------------------------------------------------------- exercise data


def _sample(name: str, dtype: type) -> NDArray[Any]:
    return np.array(_SPEC[name]["sample"], dtype=dtype)


def gaussian_mean_sample() -> NDArray[np.float64]:
    """Return the sample for :func:`check_gaussian_mean`.

    Ten draws from a Gaussian with mean 2 and standard deviation 1, made with
    ``np.random.default_rng(0)`` and rounded to three decimals, so the values the
    chapter prints are the whole data (stored in ``exercise_data.json``; a test redraws
    them). A fresh copy is returned on every call, so editing it cannot change the
    exercise.

    Returns
    -------
    numpy.ndarray
        Shape ``(10,)``, float64.

    Examples
    --------
    >>> gaussian_mean_sample().shape
    (10,)
    """
    return _sample("gaussian_mean", np.float64)


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
    return _sample("poisson_rate", np.int64)


def uniform_sample() -> NDArray[np.float64]:
    """Return the Uniform(0, b) sample for :func:`check_uniform_upper` (a fresh copy).

    Returns
    -------
    numpy.ndarray
        Seven observations, float64.

    Examples
    --------
    >>> uniform_sample().tolist()
    [2.1, 7.4, 0.9, 5.3, 6.8, 3.2, 4.5]
    """
    return _sample("uniform_upper", np.float64)


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
    return _sample("gaussian_variance", np.float64)


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
    return _sample("exponential_rate_sample", np.float64)


# ------------------------------------------------------------------- check functions


def check_exponential_rate(answer: object) -> Feedback:
    """Check the MLE of the exponential rate α from one waiting time x = 3.

    The rules (allowed range α > 0 first, then agreement at the significant figures
    typed) are those of the module docstring.

    Parameters
    ----------
    answer : number or str
        The reader's value for the MLE of α, e.g. ``0.3333`` or ``"1/3"``.

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
    return _judge("exponential_rate", answer)


def check_gaussian_mean(answer: object) -> Feedback:
    """Check the MLE of a Gaussian mean μ for :func:`gaussian_mean_sample`.

    Parameters
    ----------
    answer : number or str
        The reader's value for the MLE of μ.

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
    return _judge("gaussian_mean", answer)


def check_poisson_rate(answer: object) -> Feedback:
    """Check the MLE of a Poisson mean λ for :func:`poisson_counts`.

    The sample variance is only about 1.6 % away from the answer; at three significant
    figures the two differ (2.57 and 2.53), and it gets its own hint.

    Parameters
    ----------
    answer : number or str
        The reader's value for the MLE of λ, e.g. ``2.571`` or ``"18/7"``.

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
    return _judge("poisson_rate", answer)


def check_uniform_upper(answer: object) -> Feedback:
    """Check the MLE of the upper end b for Uniform(0, b) data from :func:`uniform_sample`.

    An answer below the largest observation breaks the allowed range (the data would
    be impossible) and gets that hint; one above it gets the general hint.

    Parameters
    ----------
    answer : number or str
        The reader's value for the MLE of b.

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
    return _judge("uniform_upper", answer)


def check_gaussian_variance(answer: object) -> Feedback:
    """Check the MLE of a Gaussian variance σ² for :func:`gaussian_variance_sample`.

    Parameters
    ----------
    answer : number or str
        The reader's value for the MLE of σ² (the variance, not the standard deviation).

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
    return _judge("gaussian_variance", answer)


def check_all_heads(answer: object) -> Feedback:
    """Check the MLE of the probability of heads θ after five flips that all came up heads.

    An answer outside [0, 1] is never right (``"1.0005"`` is not a probability).

    Parameters
    ----------
    answer : number or str
        The reader's value for the MLE of θ.

    Returns
    -------
    Feedback
        ``correct`` and a one-line message with a hint when wrong.

    Examples
    --------
    >>> check_all_heads(1).correct
    True
    >>> check_all_heads("1.0005").correct
    False
    """
    return _judge("all_heads", answer)


def check_odds(answer: object) -> Feedback:
    """Check the MLE of the odds ψ = θ/(1 − θ) after 9 heads and 4 tails.

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
    return _judge("odds", answer)


def check_standard_error(answer: object) -> Feedback:
    """Check the standard error of the MLE of θ after 9 heads and 4 tails.

    The expected value is √(θ(1 − θ)/n) at θ = 9/13, n = 13, about 0.1280; ``0.128``
    counts.

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
    return _judge("standard_error", answer)


def check_exponential_rate_sample(answer: object) -> Feedback:
    """Check the MLE of the exponential rate α for :func:`exponential_sample`.

    Parameters
    ----------
    answer : number or str
        The reader's value for the MLE of α, e.g. ``0.7143`` or ``"5/7"``.

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
    return _judge("exponential_rate_sample", answer)


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

assert list(EXERCISES) == list(_SPEC), "exercise_data.json and EXERCISES disagree"


def solution_value(name: str) -> float:
    """Return the exact answer to an exercise, for worked solutions and tests.

    Parameters
    ----------
    name : str
        A key of :data:`EXERCISES`, e.g. ``"odds"``.

    Returns
    -------
    float
        The exact value (correctly rounded to a float), which the check accepts.

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
    if name not in _SPEC:
        raise ValueError(f"name must be one of {', '.join(EXERCISES)}; got {name!r}")
    return float(_SPEC[name]["exact"])


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

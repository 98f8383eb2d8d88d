"""The table of typed answers shared by the Python tests and the browser tests.

For every exercise: the right answer in several forms, each known mistake, a value
outside the allowed range, too few figures, a wrong rounding, an unrecognised value,
junk, empty and over-long text; then the answers of a reader's report on the boxes
(``REPORTED``), each of which was judged inconsistently before. Each row says which
kind of verdict the Python check must give (``kind``); the browser tests then require
the page to show exactly the message Python returns for the same text.

The expected values are computed here, independently of ``exercise_data.json``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import NamedTuple

import numpy as np

# rounded to three decimals, as the page prints them: the printed data are the data
GAUSSIAN_X = np.round(np.random.default_rng(0).normal(loc=2.0, scale=1.0, size=10), 3)
POISSON_X = np.array([2, 4, 3, 0, 5, 1, 3])
UNIFORM_X = np.array([2.1, 7.4, 0.9, 5.3, 6.8, 3.2, 4.5])
VARIANCE_X = np.array([4.2, 6.1, 3.5, 7.8, 5.0, 2.9, 6.6, 4.7])
EXPONENTIAL_X = np.array([0.8, 2.3, 0.4, 1.7, 3.1, 0.2, 1.1, 0.6, 2.5, 1.3])
SE = math.sqrt(36 / 2197)  # sqrt(θ(1 − θ)/n) at θ = 9/13, n = 13

# name -> (exact value, exact fraction or None)
SOLUTIONS: dict[str, tuple[float, Fraction | None]] = {
    "exponential_rate": (1 / 3, Fraction(1, 3)),
    "gaussian_mean": (float(GAUSSIAN_X.mean()), Fraction(20847, 10000)),
    "exponential_rate_sample": (5 / 7, Fraction(5, 7)),
    "poisson_rate": (18 / 7, Fraction(18, 7)),
    "gaussian_variance": (2.365, Fraction(473, 200)),
    "uniform_upper": (7.4, Fraction(37, 5)),
    "all_heads": (1.0, Fraction(1)),
    "odds": (2.25, Fraction(9, 4)),
    "standard_error": (SE, None),
}

# name -> [(known mistake, distinctive part of its hint)]
MISTAKES: dict[str, list[tuple[float, str]]] = {
    "exponential_rate": [(3.0, "observation itself")],
    "gaussian_mean": [
        (float(np.median(GAUSSIAN_X)), "That is the median"),
        (float(GAUSSIAN_X.sum()), "forgot to divide by n"),
        (float(GAUSSIAN_X.sum() / 9), "divided by n − 1 = 9"),
    ],
    "exponential_rate_sample": [
        (1.4, "mean waiting time"),
        (9 / 14, "bias-corrected"),
        (1 / 1.2, "median"),
        (14.0, "total waiting time"),
    ],
    "poisson_rate": [
        (float(POISSON_X.var()), "sample variance. In a Poisson model"),
        (float(POISSON_X.var(ddof=1)), "sample variance (with n − 1)"),
        (18.0, "total count"),
    ],
    "gaussian_variance": [
        (float(VARIANCE_X.var(ddof=1)), "unbiased estimator"),
        (float(VARIANCE_X.std()), "That is a standard deviation;"),
        (float(VARIANCE_X.std(ddof=1)), "computed with n − 1"),
        (float(((VARIANCE_X - VARIANCE_X.mean()) ** 2).sum()), "sum of squared deviations"),
    ],
    "uniform_upper": [
        (2 * float(UNIFORM_X.mean()), "method-of-moments"),
        (7.4 * 8 / 7, "bias-corrected"),
    ],
    "all_heads": [
        (5 / 6, "one extra tail"),
        (6 / 7, "posterior mean of θ under a uniform prior"),
        (0.5, "fair coin"),
        (0.0, "all five flips came up heads"),
    ],
    "odds": [
        (9 / 13, "the probability of heads"),
        (4 / 9, "wrong way up"),
        (4 / 13, "probability of tails"),
    ],
    "standard_error": [
        (36 / 2197, "forgot the square root"),
        (2197 / 36, "Fisher information I(θ)"),
        (math.sqrt(2197 / 36), "invert first"),
        (6 / 13, "single flip"),
        (math.sqrt(0.25 / 13), "θ = 0.5"),
    ],
}

# name -> [(value outside the allowed range, distinctive part of its hint)]
OUT_OF_RANGE: dict[str, list[tuple[str, str]]] = {
    "exponential_rate": [("-1/3", "cannot be negative"), ("0", "boundary of the parameter space")],
    "gaussian_mean": [],
    "exponential_rate_sample": [("\u22120.7143", "cannot be negative"), ("0.0", "boundary")],
    "poisson_rate": [("-2.571", "cannot be negative"), ("0", "no e-mail ever arrives")],
    "gaussian_variance": [("-2.365", "must be positive"), ("0", "must be positive")],
    "uniform_upper": [("7.39", "impossible under Uniform(0, b)"), ("-7.4", "must be positive")],
    "all_heads": [("1.0005", "must lie in [0, 1]"), ("-0.2", "must lie in [0, 1]")],
    "odds": [("-2.25", "positive"), ("0", "positive")],
    "standard_error": [("-0.128", "positive"), ("0", "positive")],
}

# name -> near misses of an exact value that is a short decimal (7.4, 1, 2.25, ...): the
# typed figures could write the exact value, so they get the general hint, not "rounding"
SHORT_DECIMALS: dict[str, list[str]] = {
    "gaussian_mean": ["2.0848", "20848/10000"],
    "gaussian_variance": ["2.366", "2.3649"],
    "uniform_upper": ["7.41", "7.401", "741/100"],
    "all_heads": ["0.999", "0.9999"],
    "odds": ["2.251", "2.26"],
}

JUNK = [
    "abc", "2**3", "1,5", "1,000,000", "0,5/2,5", "__import__('os')",
    "1/0", "1e-999", "1e999", "", "   ", "1" * 101,
]


class Row(NamedTuple):
    name: str
    text: str
    kind: str  # correct | mistake | constraint | few_figures | close | wrong | unreadable
    hint: str = ""


# A reader's report (2026-11-30), with what each answer gets now. Before: "3" was "very
# close" and "3.0" the hint for the variance with n − 1 (Exercise 4); 0.1 and 0.13 "very
# close" but 0.12 "not quite" (Exercise 9); "2" "very close" though 4 % off (Exercise 2);
# "0,333" only "not a number"; the echo turned "3.0" into "3".
COMMA = "decimal point, e.g. 0.333 rather than 0,333"
FEW = "Type at least three significant figures"
REPORTED: list[Row] = [
    # fewer than three significant figures: not judged, close or not, with the same message
    Row("poisson_rate", "3", "few_figures", "You entered 3. " + FEW),
    Row("poisson_rate", "3.0", "few_figures", "You entered 3.0. " + FEW),
    Row("poisson_rate", "2.9", "few_figures", FEW),  # near the variance with n − 1 (2.95)
    Row("standard_error", "0.1", "few_figures", FEW),
    Row("standard_error", "0.12", "few_figures", "You entered 0.12. " + FEW),
    Row("standard_error", "0.13", "few_figures", FEW),
    Row("standard_error", "0.46", "few_figures", FEW),  # near a single flip's SD (0.4615)
    Row("gaussian_mean", "2", "few_figures", "You entered 2. " + FEW),
    Row("gaussian_mean", "2.1", "few_figures", FEW),
    Row("odds", "2.3", "few_figures", FEW),
    Row("odds", "5", "few_figures", FEW),
    # at three figures they are judged: right, a mistake, wrongly rounded or wrong
    Row("poisson_rate", "2.57", "correct"),
    Row("poisson_rate", "2.95", "mistake", "You entered 2.95. That is the sample variance (with"),
    Row("poisson_rate", "2.59", "close", "You entered 2.59, within 1%"),
    Row("poisson_rate", "2.60", "wrong", "You entered 2.60. "),
    Row("standard_error", "0.128", "correct"),
    Row("standard_error", "0.129", "close", "correctly rounded to 3 significant figures"),
    Row("standard_error", "0.120", "wrong", "You entered 0.120. "),
    Row("gaussian_mean", "2.00", "wrong", "You entered 2.00. "),
    # a value exactly equal to a listed mistake gets its hint, at any number of figures
    Row("exponential_rate", "3", "mistake", "You entered 3. 3 is the observation itself"),
    Row("exponential_rate", "3.0", "mistake", "You entered 3.0. 3 is the observation itself"),
    Row("exponential_rate", "3.000", "mistake", "observation itself"),
    Row("exponential_rate", "30e-1", "mistake", "You entered 30e-1. 3 is the observation"),
    Row("poisson_rate", "18", "mistake", "total count"),
    Row("poisson_rate", "18.0", "mistake", "You entered 18.0. That is the total count"),
    Row("exponential_rate_sample", "14", "mistake", "total waiting time"),
    Row("exponential_rate_sample", "1.4", "mistake", "mean waiting time"),
    Row("all_heads", ".5", "mistake", "You entered .5. 0.5 is what you might believe"),
    Row("all_heads", "0.50", "mistake", "fair coin"),
    Row("all_heads", "1/2", "mistake", "fair coin"),
    # a value exactly equal to the exact answer is right, at any number of figures
    Row("uniform_upper", "7.4", "correct"),
    Row("uniform_upper", "74e-1", "correct"),
    Row("gaussian_variance", "2.365", "correct"),
    # zero is exact: judged as it is (a mistake, outside the range, or wrong)
    Row("all_heads", "0.0", "mistake", "all five flips"),
    Row("gaussian_mean", "0", "wrong", "You entered 0. "),
    Row("gaussian_mean", "0.00", "wrong", "You entered 0.00. "),
    # the echo is the trimmed text as typed, in every message that shows it
    Row("odds", "  -2.250 ", "constraint", "You entered -2.250. "),
    Row("poisson_rate", "\u22122.50", "constraint", "You entered \u22122.50. "),
    Row("gaussian_mean", "1234.50", "wrong", "You entered 1234.50. "),
    Row("odds", "9 / 13", "mistake", "You entered 9 / 13. "),
    # a decimal comma gets its own message
    Row("exponential_rate", "0,333", "unreadable", COMMA),
    Row("poisson_rate", "2,5", "unreadable", COMMA),
    Row("gaussian_mean", " 2,0847 ", "unreadable", COMMA),
    Row("odds", "9,0/4", "unreadable", COMMA),
    Row("standard_error", "1,000", "unreadable", "no thousands separators"),
    Row("standard_error", "1,000,000", "unreadable", "is not a number"),
    Row("standard_error", "1,", "unreadable", COMMA),
]


def _sig(value: float, figures: int) -> str:
    return f"{value:.{figures}g}" if figures <= 6 else repr(value)


def _wrong_rounding(value: float) -> str:
    """The value at four significant figures with the last digit off by one."""
    exponent = math.floor(math.log10(abs(value)))
    unit = 10.0 ** (exponent - 3)
    return f"{round(value / unit) * unit + unit:.{max(0, 3 - exponent)}f}"


def rows() -> list[Row]:
    table: list[Row] = []
    for name, (value, fraction) in SOLUTIONS.items():
        right = [_sig(value, 3), _sig(value, 4), _sig(value, 6), repr(value)]
        right.append(f"  {_sig(value, 5)}\t")
        if fraction is not None:
            right += [
                f"{fraction.numerator}/{fraction.denominator}",
                f"{3 * fraction.numerator} / {3 * fraction.denominator}",
            ]
        if name == "all_heads":
            right = ["1", "1.0", "1.000", "5/5", " 1 "]
        table += [Row(name, text, "correct") for text in dict.fromkeys(right)]
        table += [Row(name, _sig(mistake, 4), "mistake", hint) for mistake, hint in MISTAKES[name]]
        table += [Row(name, text, "constraint", hint) for text, hint in OUT_OF_RANGE[name]]
        if name not in ("all_heads", "uniform_upper", "odds"):
            table.append(Row(name, _sig(value, 2), "few_figures", "at least three significant"))
        if name in SHORT_DECIMALS:  # the exact value needs no more digits: not a rounding slip
            table += [Row(name, text, "wrong") for text in SHORT_DECIMALS[name]]
        else:
            table.append(Row(name, _wrong_rounding(value), "close", "correctly rounded"))
        table.append(Row(name, "0.625" if name == "all_heads" else "1234.5", "wrong"))
        table += [Row(name, text, "unreadable") for text in JUNK]
    return table + REPORTED


PREFIX = {
    "correct": "Correct!",
    "mistake": "Not quite.",
    "constraint": "Not possible.",
    "few_figures": "Too few significant figures to check.",
    "close": "Close, but not correctly rounded.",
    "wrong": "Not quite.",
    "unreadable": "Could not read your answer:",
}

STATE = {kind: kind for kind in PREFIX}
"""The ``data-state`` an answer box shows for each kind of verdict (answer.js)."""

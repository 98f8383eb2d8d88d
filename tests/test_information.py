"""Tests for mle_book.information: entropy, cross-entropy and KL divergence, in bits and nats.

Expected values are computed here from the definitions (with plain math/numpy), and the
central identity of the chapter is checked as a property: mean NLL = H(p̂, p_θ) =
H(p̂) + KL(p̂ ‖ p_θ), smallest at the MLE.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from bad_input import BadCase, assert_rejected, bad_input_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from mle_book.information import (
    coin_distribution,
    cross_entropy,
    empirical_distribution,
    entropy,
    kl_divergence,
)
from mle_book.likelihood import bernoulli_nll

NAN = float("nan")

BAD_INPUTS: list[BadCase] = [
    ("p sums above 1", lambda: entropy([0.5, 0.6]), ValueError, "p must sum to 1"),
    ("p sums below 1", lambda: entropy([0.2, 0.3]), ValueError, "p must sum to 1"),
    ("p negative", lambda: entropy([1.5, -0.5]), ValueError, "p must hold probabilities"),
    ("p nan", lambda: entropy([NAN, 1.0]), ValueError, "p must hold probabilities"),
    ("p inf", lambda: entropy([math.inf, 0.0]), ValueError, "p must hold probabilities"),
    ("p 2-d", lambda: entropy([[0.5, 0.5]]), ValueError, "p must be a non-empty 1-d array"),
    ("p empty", lambda: entropy([]), ValueError, "p must be a non-empty 1-d array"),
    ("p scalar", lambda: entropy(1.0), ValueError, "p must be a non-empty 1-d array"),
    ("p str", lambda: entropy("0.5,0.5"), TypeError, "p must be an array of probabilities"),
    ("q bad", lambda: cross_entropy([0.5, 0.5], [0.9, 0.2]), ValueError, "q must sum to 1"),
    (
        "q length",
        lambda: cross_entropy([0.5, 0.5], [0.2, 0.3, 0.5]),
        ValueError,
        "p and q must have the same length",
    ),
    ("q bytes", lambda: kl_divergence([0.5, 0.5], b"ab"), TypeError, "q must be an array"),
    ("base one", lambda: entropy([0.5, 0.5], base=1), ValueError, "base must be in (0, 1) or"),
    ("base zero", lambda: entropy([0.5, 0.5], base=0), ValueError, "base must be in (0, inf)"),
    ("base negative", lambda: entropy([0.5, 0.5], base=-2), ValueError, "base must be in (0, inf)"),
    ("base nan", lambda: entropy([0.5, 0.5], base=NAN), ValueError, "base must be finite"),
    ("base str", lambda: entropy([0.5, 0.5], base="e"), TypeError, "base must be a real number"),
    ("base bool", lambda: entropy([0.5, 0.5], base=True), TypeError, "base must be a real number"),
    ("base huge", lambda: entropy([0.5, 0.5], base=10**400), ValueError, "base must be a real"),
    ("p huge int", lambda: entropy(10**400), ValueError, "p must hold probabilities"),
    ("heads huge", lambda: empirical_distribution(10**400, 1), ValueError, "n_heads must be"),
    ("heads negative", lambda: empirical_distribution(-1, 3), ValueError, "n_heads must be"),
    ("tails fraction", lambda: empirical_distribution(2, 1.5), ValueError, "n_tails must be"),
    ("heads nan", lambda: empirical_distribution(NAN, 3), ValueError, "n_heads must be"),
    ("heads str", lambda: empirical_distribution("9", 4), TypeError, "n_heads must be"),
    ("no flips", lambda: empirical_distribution(0, 0), ValueError, "n_heads + n_tails must be"),
    ("theta above 1", lambda: coin_distribution(1.5), ValueError, "theta must be in [0, 1]"),
    ("theta negative", lambda: coin_distribution(-0.1), ValueError, "theta must be in [0, 1]"),
    ("theta nan", lambda: coin_distribution(NAN), ValueError, "theta must be finite"),
    ("theta str", lambda: coin_distribution("0.5"), TypeError, "theta must be a real number"),
    ("theta array", lambda: coin_distribution([0.2, 0.3]), TypeError, "theta must be a real"),
]


@bad_input_cases(BAD_INPUTS)
def test_bad_inputs_raise_naming_the_argument(
    call: Callable[[], object], error: type[Exception], text: str
) -> None:
    assert_rejected(call, error, text)


def test_units_one_bit_is_ln2_nats() -> None:
    fair = [0.5, 0.5]
    assert entropy(fair, base=2) == pytest.approx(1.0)
    assert entropy(fair) == pytest.approx(math.log(2))
    assert entropy(fair, base=10) == pytest.approx(math.log10(2))
    p_hat = [9 / 13, 4 / 13]
    in_bits = -(9 / 13) * math.log2(9 / 13) - (4 / 13) * math.log2(4 / 13)
    assert entropy(p_hat, base=2) == pytest.approx(in_bits)
    assert entropy(p_hat) == pytest.approx(in_bits * math.log(2))
    assert entropy(p_hat) == pytest.approx(0.6172, abs=5e-5)


def test_zero_probabilities_follow_the_0_log_0_convention() -> None:
    assert entropy([1.0, 0.0]) == 0.0
    assert cross_entropy([1.0, 0.0], [0.5, 0.5], base=2) == pytest.approx(1.0)
    assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert kl_divergence([1.0, 0.0], [0.5, 0.5], base=2) == pytest.approx(1.0)


def test_kl_divergence_is_zero_for_equal_distributions_and_asymmetric() -> None:
    assert kl_divergence([0.3, 0.7], [0.3, 0.7]) == 0.0
    forward = kl_divergence([0.9, 0.1], [0.5, 0.5])
    backward = kl_divergence([0.5, 0.5], [0.9, 0.1])
    assert forward == pytest.approx(0.9 * math.log(1.8) + 0.1 * math.log(0.2))
    assert backward == pytest.approx(0.5 * math.log(0.5 / 0.9) + 0.5 * math.log(5.0))
    assert forward != pytest.approx(backward)


def test_coin_and_empirical_distributions() -> None:
    np.testing.assert_allclose(coin_distribution(0.25), [0.25, 0.75])
    np.testing.assert_allclose(coin_distribution(np.float64(1.0)), [1.0, 0.0])
    np.testing.assert_allclose(empirical_distribution(9, 4), [9 / 13, 4 / 13])
    np.testing.assert_allclose(empirical_distribution(0, 5), [0.0, 1.0])


def test_mean_nll_equals_cross_entropy_for_the_chapters_coin() -> None:
    p_hat = empirical_distribution(9, 4)
    for theta in (0.3, 0.5, 9 / 13, 0.9):
        mean_nll = bernoulli_nll(theta, 9, 4, mean=True)
        q = coin_distribution(theta)
        assert cross_entropy(p_hat, q) == pytest.approx(mean_nll, rel=1e-12)
        assert entropy(p_hat) + kl_divergence(p_hat, q) == pytest.approx(mean_nll, rel=1e-12)
    assert kl_divergence(p_hat, coin_distribution(9 / 13)) == pytest.approx(0.0, abs=1e-15)


# -------------------------------------------------------------------------- properties


@st.composite
def distributions(draw: st.DrawFn, size: int | None = None, positive: bool = False) -> np.ndarray:
    k = size or draw(st.integers(1, 6))
    low = 1e-3 if positive else 0.0
    weights = np.array(draw(st.lists(st.floats(low, 1.0), min_size=k, max_size=k)))
    if weights.sum() == 0:
        weights[0] = 1.0
    return weights / weights.sum()


@settings(deadline=None, max_examples=100)
@given(data=st.data())
def test_cross_entropy_is_entropy_plus_kl(data: st.DataObject) -> None:
    p = data.draw(distributions())
    q = data.draw(distributions(size=p.size, positive=True))
    base = data.draw(st.sampled_from([2.0, math.e, 10.0]))
    assert cross_entropy(p, q, base) == pytest.approx(
        entropy(p, base) + kl_divergence(p, q, base), rel=1e-9, abs=1e-12
    )
    assert kl_divergence(p, q, base) >= 0  # Gibbs' inequality


@settings(deadline=None)
@given(p=distributions())
def test_bits_and_nats_differ_by_ln2(p: np.ndarray) -> None:
    assert entropy(p) == pytest.approx(entropy(p, base=2) * math.log(2), abs=1e-12)
    assert 0 <= entropy(p, base=2) <= math.log2(p.size) + 1e-12


@settings(deadline=None, max_examples=100)
@given(
    n_heads=st.integers(0, 10**6),
    n_tails=st.integers(0, 10**6),
    theta=st.floats(1e-3, 1 - 1e-3),
)
def test_mean_nll_is_cross_entropy_and_is_smallest_at_the_mle(
    n_heads: int, n_tails: int, theta: float
) -> None:
    if n_heads + n_tails == 0:
        n_heads = 1
    p_hat = empirical_distribution(n_heads, n_tails)
    q = coin_distribution(theta)
    mean_nll = bernoulli_nll(theta, n_heads, n_tails, mean=True)
    assert cross_entropy(p_hat, q) == pytest.approx(mean_nll, rel=1e-9)
    theta_hat = n_heads / (n_heads + n_tails)
    assert kl_divergence(p_hat, coin_distribution(theta_hat)) == pytest.approx(0, abs=1e-12)
    assert cross_entropy(p_hat, q) >= entropy(p_hat) - 1e-12


# ------------------------------------------- accuracy: SciPy and 60-digit mpmath references


def _kl_exact(p: list[float], q: list[float]) -> float:
    """Σ p ln(p/q) of the given floats, in 60-digit arithmetic (0 ln 0 = 0)."""
    mpmath = pytest.importorskip("mpmath")
    with mpmath.workdps(60):
        total = mpmath.fsum(
            mpmath.mpf(a) * mpmath.log(mpmath.mpf(a) / mpmath.mpf(b))
            for a, b in zip(p, q, strict=True)
            if a > 0
        )
        return float(total)


@pytest.mark.parametrize("shift", [2.0**-k for k in (3, 10, 20, 26, 30, 40, 50)])
def test_small_kl_keeps_its_digits(shift: float) -> None:
    # p and q sum to exactly 1 in binary, so the exact KL is that of the given floats
    p, q = [0.5 + shift, 0.5 - shift], [0.5, 0.5]
    exact = _kl_exact(p, q)
    assert exact > 0
    assert kl_divergence(p, q) == pytest.approx(exact, rel=8 * np.finfo(float).eps)
    # the difference of two entropies, the circular formula, loses every digit here
    if shift <= 2.0**-30:
        difference = cross_entropy(p, q) - entropy(p)
        assert abs(difference - exact) > 0.01 * exact


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_kl_matches_60_digit_reference_to_a_few_ulps(data: st.DataObject) -> None:
    p = data.draw(distributions())
    q = data.draw(distributions(size=p.size, positive=True))
    exact = _kl_exact(p.tolist(), q.tolist())
    value = kl_divergence(p, q)
    # the floats may sum to 1 differently by an ulp or so; allow that much absolutely
    assert value == pytest.approx(max(exact, 0.0), rel=16 * np.finfo(float).eps, abs=4e-16)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_entropy_and_kl_match_scipy(data: st.DataObject) -> None:
    scipy_stats = pytest.importorskip("scipy.stats")
    special = pytest.importorskip("scipy.special")
    p = data.draw(distributions())
    q = data.draw(distributions(size=p.size, positive=True))
    # scipy.stats.entropy renormalises p by its float sum (off 1 by an ulp or two) and
    # sums naively: it is itself off by up to ~1e-14 relative near an entropy of 0.08
    # (ours is within ~2e-16 of a 50-digit mpmath value), so compare at 1e-13. Near a
    # point mass (entropy ~1e-12) renormalising an unnormalised p costs an ulp of the
    # largest probability, so the error there is absolute, about 1e-16.
    assert entropy(p) == pytest.approx(scipy_stats.entropy(p), rel=1e-13, abs=1e-15)
    assert entropy(p, base=2) == pytest.approx(
        scipy_stats.entropy(p, base=2), rel=1e-13, abs=1e-15
    )
    expected = -float(np.sum(special.xlogy(p, q)))
    assert cross_entropy(p, q) == pytest.approx(expected, rel=1e-14, abs=1e-300)
    # rel_entr is accurate when KL is not tiny
    reference = float(np.sum(special.rel_entr(p, q)))
    assert kl_divergence(p, q) == pytest.approx(reference, rel=1e-9, abs=1e-12)


def test_kl_with_extreme_probabilities_is_finite_and_right() -> None:
    assert kl_divergence([1e-300, 1 - 1e-300], [0.5, 0.5]) == pytest.approx(math.log(2))
    assert kl_divergence([0.0, 1.0], [0.3, 0.7]) == pytest.approx(-math.log(0.7))
    assert kl_divergence([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]) == pytest.approx(math.log(2))
    assert entropy([1e-300, 1 - 1e-300]) == pytest.approx(1e-300 * (1 + 300 * math.log(10)))


def test_no_warnings_for_zeros_and_complex_is_a_type_error() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert entropy([0.0, 1.0, 0.0]) == 0.0
        assert kl_divergence([0.0, 1.0], [1.0, 0.0]) == math.inf
        assert cross_entropy([0.0, 1.0], [1.0, 0.0]) == math.inf
    with pytest.raises(TypeError, match="p must hold real probabilities"):
        entropy(np.array([0.5 + 0j, 0.5]))
    with pytest.raises(TypeError, match="q must be an array of real probabilities"):
        kl_divergence([0.5, 0.5], ["a", 0.5])
    with pytest.raises(ValueError, match="at most 1,000,000 outcomes"):
        entropy(np.full(1_000_001, 1 / 1_000_001))


def test_every_public_function_has_a_complete_docstring() -> None:
    from mle_book import information

    for name in information.__all__:
        doc = getattr(information, name).__doc__ or ""
        for section in ("Parameters", "Returns", "Raises", "Examples"):
            assert f"{section}\n    ----" in doc, f"{name} lacks {section}"

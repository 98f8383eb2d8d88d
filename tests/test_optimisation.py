"""Tests for mle_book.optimisation: gradient descent, Newton, and the product-rule argument.

Expected values come from the closed forms (θ̂ = n_H / n, curvature n / (θ̂ (1 − θ̂)),
the derivative of θ^h (1 − θ)^t), from PyTorch autograd, or from the JavaScript explorer
run in Node, never from the module itself.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import warnings
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import torch
from bad_input import BadCase, assert_rejected, bad_input_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from mle_book import optimisation as opt
from mle_book.likelihood import bernoulli_nll, likelihood_derivative
from mle_book.optimisation import DivergenceError

BIG_H, BIG_T = 8675309, 256245
BIG_N = BIG_H + BIG_T
BIG_MLE = BIG_H / BIG_N
NAN = float("nan")
JS_PATH = Path(opt.__file__).parent / "static" / "explorer.js"

# ------------------------------------------------------------------------------ bad inputs

GD = opt.gradient_descent
GDT = opt.gradient_descent_torch


def _jit(**changes: object) -> float:
    """minibatch_jitter on the small coin, with one argument changed."""
    arguments: dict[str, object] = dict(
        n_heads=9, n_tails=4, lr=0.1, batch_size=5, rng=np.random.default_rng(0), n_runs=3
    )
    arguments.update(changes)
    return opt.minibatch_jitter(**arguments)  # type: ignore[arg-type]


def _sgd(**changes: object) -> object:
    """minibatch_gradient_descent on the small coin, with one argument changed."""
    arguments: dict[str, object] = dict(
        n_heads=9, n_tails=4, lr=0.1, batch_size=5, rng=np.random.default_rng(0)
    )
    arguments.update(changes)
    return opt.minibatch_gradient_descent(**arguments)  # type: ignore[arg-type]


def _pred(**changes: object) -> float:
    """predicted_minibatch_jitter on the small coin, with one argument changed."""
    arguments: dict[str, object] = dict(n_heads=9, n_tails=4, lr=0.1, batch_size=5)
    arguments.update(changes)
    return opt.predicted_minibatch_jitter(**arguments)  # type: ignore[arg-type]


# (id, call, exception type, text the message must contain: the argument's name)
BAD_INPUTS: list[BadCase] = [
    # learning rate
    ("gd lr zero", lambda: GD(9, 4, lr=0.0), ValueError, "lr must be in (0, inf)"),
    ("gd lr negative", lambda: GD(9, 4, lr=-0.1), ValueError, "lr must be in (0, inf)"),
    ("gd lr nan", lambda: GD(9, 4, lr=NAN), ValueError, "lr must be finite"),
    ("gd lr inf", lambda: GD(9, 4, lr=math.inf), ValueError, "lr must be finite"),
    ("gd lr str", lambda: GD(9, 4, lr="0.1"), TypeError, "lr must be a real number"),
    ("gd lr bool", lambda: GD(9, 4, lr=True), TypeError, "lr must be a real number"),
    ("torch lr zero", lambda: GDT(9, 4, lr=0.0), ValueError, "lr must be in (0, inf)"),
    # starting point
    (
        "gd theta0 zero",
        lambda: GD(9, 4, lr=0.1, theta0=0.0),
        ValueError,
        "theta0 must be in (0, 1)",
    ),
    ("gd theta0 one", lambda: GD(9, 4, lr=0.1, theta0=1.0), ValueError, "theta0 must be in (0, 1)"),
    ("gd theta0 big", lambda: GD(9, 4, lr=0.1, theta0=1.5), ValueError, "theta0 must be in (0, 1)"),
    ("gd theta0 nan", lambda: GD(9, 4, lr=0.1, theta0=NAN), ValueError, "theta0 must be finite"),
    ("gd theta0 str", lambda: GD(9, 4, lr=0.1, theta0="x"), TypeError, "theta0 must be a real"),
    ("torch theta0", lambda: GDT(9, 4, lr=0.1, theta0=1.0), ValueError, "theta0 must be in (0, 1)"),
    # counts
    ("gd heads negative", lambda: GD(-1, 4, lr=0.1), ValueError, "n_heads must be a whole number"),
    ("gd heads fraction", lambda: GD(2.5, 4, lr=0.1), ValueError, "n_heads must be a whole number"),
    ("gd heads nan", lambda: GD(NAN, 4, lr=0.1), ValueError, "n_heads must be a whole number"),
    ("gd heads str", lambda: GD("9", 4, lr=0.1), TypeError, "n_heads must be a whole number"),
    ("gd heads bool", lambda: GD(True, 4, lr=0.1), TypeError, "n_heads must be a whole number"),
    ("gd tails negative", lambda: GD(9, -4, lr=0.1), ValueError, "n_tails must be a whole number"),
    (
        "gd tails zero",
        lambda: GD(9, 0, lr=0.1),
        ValueError,
        "n_heads and n_tails must both be >= 1",
    ),
    (
        "gd heads zero",
        lambda: GD(0, 4, lr=0.1),
        ValueError,
        "n_heads and n_tails must both be >= 1",
    ),
    ("torch tails inf", lambda: GDT(9, math.inf, lr=0.1), ValueError, "n_tails must be a whole"),
    # iterations, dtype, mean, tol
    ("gd iterations 0", lambda: GD(9, 4, lr=0.1, n_steps=0), ValueError, "n_steps must"),
    ("gd iterations float", lambda: GD(9, 4, lr=0.1, n_steps=2.5), ValueError, "n_steps"),
    ("gd dtype unknown", lambda: GD(9, 4, lr=0.1, dtype="float16"), ValueError, "dtype must be"),
    ("gd dtype type", lambda: GD(9, 4, lr=0.1, dtype=np.float32), TypeError, "dtype must be"),
    ("gd dtype list", lambda: GD(9, 4, lr=0.1, dtype=["float32"]), TypeError, "dtype must be"),
    ("torch dtype", lambda: GDT(9, 4, lr=0.1, dtype="bfloat16"), ValueError, "dtype must be"),
    ("gd mean str", lambda: GD(9, 4, lr=0.1, mean="yes"), TypeError, "mean must be True or False"),
    ("gd mean int", lambda: GD(9, 4, lr=0.1, mean=1), TypeError, "mean must be True or False"),
    ("gd tol negative", lambda: GD(9, 4, lr=0.1, tol=-1e-9), ValueError, "tol must be in [0, inf)"),
    ("gd tol nan", lambda: GD(9, 4, lr=0.1, tol=NAN), ValueError, "tol must be finite"),
    ("torch tol str", lambda: GDT(9, 4, lr=0.1, tol="0"), TypeError, "tol must be a real"),
    # minibatch gradient descent
    (
        "sgd batch zero",
        lambda: _sgd(batch_size=0),
        ValueError,
        "batch_size must be an integer in [1,",
    ),
    (
        "sgd batch float",
        lambda: _sgd(batch_size=2.5),
        ValueError,
        "batch_size must be an integer",
    ),
    (
        "sgd rng seed",
        lambda: _sgd(rng=7),
        TypeError,
        "rng must be a numpy Generator",
    ),
    (
        "sgd lr",
        lambda: _sgd(lr=-1.0),
        ValueError,
        "lr must be in (0, inf)",
    ),
    (
        "sgd tails zero",
        lambda: _sgd(n_tails=0),
        ValueError,
        "n_heads and n_tails",
    ),
    # minibatch jitter over many runs
    ("jitter rng seed", lambda: _jit(rng=0), TypeError, "rng must be a numpy Generator"),
    ("jitter rng none", lambda: _jit(rng=None), TypeError, "rng must be a numpy Generator"),
    ("jitter lr", lambda: _jit(lr=0.0), ValueError, "lr must be in (0, inf)"),
    ("jitter batch", lambda: _jit(batch_size=0), ValueError, "batch_size must be an integer in"),
    ("jitter runs", lambda: _jit(n_runs=0), ValueError, "n_runs must be an integer in [1,"),
    ("jitter runs float", lambda: _jit(n_runs=2.5), ValueError, "n_runs must be an integer"),
    (
        "jitter late zero",
        lambda: _jit(n_late=0),
        ValueError,
        "n_late must be an integer in [1, 300]",
    ),
    (
        "jitter late too many",
        lambda: _jit(n_steps=50, n_late=51),
        ValueError,
        "n_late must be an integer in [1, 50]",
    ),
    ("jitter decay negative", lambda: _jit(decay=-0.1), ValueError, "decay must be in [0, inf)"),
    ("jitter decay nan", lambda: _jit(decay=NAN), ValueError, "decay must be finite"),
    ("jitter decay str", lambda: _jit(decay="0.1"), TypeError, "decay must be a real number"),
    ("jitter theta0", lambda: _jit(theta0=1.0), ValueError, "theta0 must be in (0, 1)"),
    ("jitter counts", lambda: _jit(n_tails=0), ValueError, "n_heads and n_tails"),
    ("predicted lr zero", lambda: _pred(lr=0.0), ValueError, "lr must be in (0, inf)"),
    ("predicted lr unstable", lambda: _pred(lr=0.5), ValueError, "lr must be in (0, 0.426"),
    ("predicted batch", lambda: _pred(batch_size=1.5), ValueError, "batch_size must be an integer"),
    ("predicted counts", lambda: _pred(n_heads=0), ValueError, "n_heads and n_tails"),
    # Newton
    ("newton theta0", lambda: opt.newton(9, 4, theta0=0.0), ValueError, "theta0 must be in (0, 1)"),
    ("newton tol", lambda: opt.newton(9, 4, tol=-1.0), ValueError, "tol must be in [0, inf)"),
    ("newton tol str", lambda: opt.newton(9, 4, tol="1e-9"), TypeError, "tol must be a real"),
    ("newton max it", lambda: opt.newton(9, 4, n_steps=0), ValueError, "n_steps"),
    (
        "newton line search",
        lambda: opt.newton(9, 4, line_search="yes"),
        TypeError,
        "line_search must be True or False",
    ),
    ("newton counts", lambda: opt.newton(5, 0), ValueError, "n_heads and n_tails must both"),
    # derivatives and learning-rate theory
    ("grad theta one", lambda: opt.nll_gradient(1.0, 9, 4), ValueError, "theta must be in (0, 1)"),
    ("grad theta nan", lambda: opt.nll_gradient(NAN, 9, 4), ValueError, "theta must be finite"),
    ("grad heads", lambda: opt.nll_gradient(0.5, -9, 4), ValueError, "n_heads must be"),
    ("grad mean", lambda: opt.nll_gradient(0.5, 9, 4, mean=None), TypeError, "mean must be"),
    (
        "grad mean empty",
        lambda: opt.nll_gradient(0.5, 0, 0, mean=True),
        ValueError,
        "n_heads + n_tails >= 1",
    ),
    (
        "autograd theta",
        lambda: opt.nll_gradient_autograd(0.0, 9, 4),
        ValueError,
        "theta must be in (0, 1)",
    ),
    (
        "autograd mean empty",
        lambda: opt.nll_gradient_autograd(0.5, 0, 0, mean=True),
        ValueError,
        "n_heads + n_tails >= 1",
    ),
    ("curv theta", lambda: opt.nll_curvature(0.0, 9, 4), ValueError, "theta must be in (0, 1)"),
    ("curv tails", lambda: opt.nll_curvature(0.5, 9, 4.5), ValueError, "n_tails must be"),
    (
        "curv mean empty",
        lambda: opt.nll_curvature(0.5, 0, 0, mean=True),
        ValueError,
        "n_heads + n_tails >= 1",
    ),
    ("limit counts", lambda: opt.max_stable_learning_rate(9, 0), ValueError, "n_heads and n_tails"),
    ("factor lr", lambda: opt.contraction_factor(0.0, 9, 4), ValueError, "lr must be in (0, inf)"),
    ("regime lr", lambda: opt.learning_rate_regime(NAN, 9, 4), ValueError, "lr must be finite"),
    ("regime mean", lambda: opt.learning_rate_regime(0.1, 9, 4, mean=0), TypeError, "mean must"),
    # product rule
    (
        "product theta",
        lambda: opt.product_derivative(1.0, "HT"),
        ValueError,
        "theta must be in (0, 1)",
    ),
    ("product flips type", lambda: opt.product_derivative(0.5, 101), TypeError, "flips must be"),
    ("product flips letter", lambda: opt.product_derivative(0.5, "HXT"), ValueError, "'X'"),
    ("product flips empty", lambda: opt.product_derivative(0.5, ""), ValueError, "flips must be"),
    (
        "product method",
        lambda: opt.product_derivative(0.5, "HT", method="fast"),
        ValueError,
        "method must be one of",
    ),
    (
        "product method type",
        lambda: opt.product_derivative(0.5, "HT", method=None),
        TypeError,
        "method must be one of",
    ),
]


@bad_input_cases(BAD_INPUTS)
def test_bad_inputs_raise_naming_the_argument(
    call: Callable[[], object], error: type[Exception], text: str
) -> None:
    assert_rejected(call, error, text)


# ------------------------------------------------------------------- the seed's numbers


def test_seed_gradient_descent_matches_closed_form_by_hand_and_autograd() -> None:
    by_hand = opt.gradient_descent(BIG_H, BIG_T, lr=1e-9, n_steps=100)
    by_autograd = opt.gradient_descent_torch(BIG_H, BIG_T, lr=1e-9, n_steps=100)
    assert by_hand.theta == pytest.approx(BIG_MLE, abs=1e-10)
    np.testing.assert_allclose(by_autograd.path, by_hand.path, rtol=1e-12)
    assert by_hand.n_steps == by_autograd.n_steps == 100
    assert not by_hand.converged and not by_autograd.converged
    assert by_hand.path[0] == 0.5 and by_hand.path.size == 101


def test_curvature_and_stable_learning_rate_of_the_big_coin() -> None:
    curvature = opt.nll_curvature(BIG_MLE, BIG_H, BIG_T)
    assert curvature == pytest.approx(BIG_N / (BIG_MLE * (1 - BIG_MLE)), rel=1e-12)
    assert curvature == pytest.approx(3.205e8, rel=1e-3)
    limit = opt.max_stable_learning_rate(BIG_H, BIG_T)
    assert limit == pytest.approx(6.24e-9, rel=1e-3)
    assert 1e-9 < limit < 1e-8
    mean_limit = opt.max_stable_learning_rate(BIG_H, BIG_T, mean=True)
    assert mean_limit == pytest.approx(2 * BIG_MLE * (1 - BIG_MLE), rel=1e-12)
    assert opt.contraction_factor(1e-9, BIG_H, BIG_T) == pytest.approx(1 - 1e-9 * curvature)


def test_learning_rate_regimes_of_the_small_coin() -> None:
    curvature = 1 / ((9 / 13) * (4 / 13))
    assert opt.nll_curvature(9 / 13, 9, 4, mean=True) == pytest.approx(curvature)
    assert opt.max_stable_learning_rate(9, 4, mean=True) == pytest.approx(2 / curvature)
    below, between, above = 0.99 / curvature, 1.5 / curvature, 2.01 / curvature
    assert opt.learning_rate_regime(below, 9, 4, mean=True) == "monotone"
    assert opt.learning_rate_regime(between, 9, 4, mean=True) == "oscillating"
    assert opt.learning_rate_regime(above, 9, 4, mean=True) == "unstable"
    errors = np.abs(opt.gradient_descent(9, 4, lr=between, mean=True, n_steps=6).path - 9 / 13)
    signs = np.sign(opt.gradient_descent(9, 4, lr=between, mean=True).path[2:8] - 9 / 13)
    assert np.all(signs[1:] == -signs[:-1])  # oscillating: sides alternate
    assert errors[-1] < errors[0]


def test_lr_1e8_bounces_without_converging_and_2e8_diverges_with_a_clear_message() -> None:
    bouncing = opt.gradient_descent(BIG_H, BIG_T, lr=1e-8, n_steps=100)
    assert np.all((bouncing.path > 0) & (bouncing.path < 1))
    assert abs(bouncing.theta - BIG_MLE) > 1e-4
    with pytest.raises(DivergenceError) as caught:
        opt.gradient_descent(BIG_H, BIG_T, lr=2e-8)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.iteration == 2 and 0 < error.last_theta < 1 and error.bad_theta > 1
    message = str(error)
    for text in ("diverged at step 2", "outside (0, 1)", "lr=2e-08", "2/curvature = 6.24e-09"):
        assert text in message
    assert "mean NLL (stable near the MLE below lr = 0.0557)" in message
    with pytest.raises(DivergenceError, match="diverged at step 2"):
        opt.gradient_descent_torch(BIG_H, BIG_T, lr=2e-8)


def test_divergence_advice_when_lr_is_below_the_limit_but_the_start_is_steep() -> None:
    with pytest.raises(DivergenceError) as caught:
        opt.gradient_descent(9, 4, lr=0.4, mean=True, theta0=0.001)
    message = str(caught.value)
    assert "is below 2/curvature" in message and "start closer to the MLE" in message
    assert "mean NLL (stable" not in message


def test_mean_nll_converges_with_an_order_one_learning_rate() -> None:
    run = opt.gradient_descent(BIG_H, BIG_T, lr=0.025, mean=True, n_steps=100, tol=1e-15)
    assert run.converged and run.n_steps < 100
    assert run.theta == pytest.approx(BIG_MLE, abs=1e-15)
    torch_run = opt.gradient_descent_torch(
        BIG_H, BIG_T, lr=0.025, mean=True, n_steps=100, tol=1e-15
    )
    assert torch_run.converged and torch_run.theta == pytest.approx(BIG_MLE, abs=1e-14)
    # the summed-NLL lr that plays the same role is tiny: lr_sum = lr_mean / n
    same = opt.gradient_descent(BIG_H, BIG_T, lr=0.025 / BIG_N, n_steps=5)
    np.testing.assert_allclose(same.path, run.path[:6], rtol=1e-12)


def test_stable_learning_rate_of_the_mean_nll_does_not_depend_on_n() -> None:
    mean_limits = [opt.max_stable_learning_rate(9 * k, 4 * k, mean=True) for k in (1, 100, 10**6)]
    sum_limits = [opt.max_stable_learning_rate(9 * k, 4 * k) for k in (1, 100, 10**6)]
    assert mean_limits == pytest.approx([mean_limits[0]] * 3, rel=1e-12)
    assert sum_limits == pytest.approx([mean_limits[0] / (13 * k) for k in (1, 100, 10**6)])


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_single_and_double_precision_land_inside_the_standard_error(dtype: str) -> None:
    standard_error = math.sqrt(BIG_MLE * (1 - BIG_MLE) / BIG_N)
    for run in (
        opt.gradient_descent(BIG_H, BIG_T, lr=0.025, mean=True, n_steps=200, dtype=dtype),
        opt.gradient_descent_torch(BIG_H, BIG_T, lr=0.025, mean=True, n_steps=200, dtype=dtype),
    ):
        assert run.path.dtype == np.dtype(dtype)
        assert abs(run.theta - BIG_MLE) < 1e-3 * standard_error
        assert abs(run.theta - BIG_MLE) <= 2 * np.finfo(dtype).eps


def test_newton_converges_quadratically() -> None:
    run = opt.newton(BIG_H, BIG_T, theta0=0.99)
    assert run.converged and run.theta == pytest.approx(BIG_MLE, abs=1e-12)
    assert run.distance == pytest.approx(abs(run.theta - BIG_MLE), rel=1e-3)
    exact = opt.newton(BIG_H, BIG_T, theta0=0.99, tol=0.0)
    assert exact.converged and exact.theta == pytest.approx(BIG_MLE, abs=1e-15)
    errors = np.abs(run.path - BIG_MLE)
    close = [(a, b) for a, b in zip(errors, errors[1:], strict=False) if 1e-12 < a < 1e-3]
    assert len(close) >= 2
    curvature = opt.nll_curvature(BIG_MLE, BIG_H, BIG_T)
    third = 2 * BIG_H / BIG_MLE**3 - 2 * BIG_T / (1 - BIG_MLE) ** 3
    constant = abs(third) / (2 * curvature)  # e_{k+1} ≈ (f'''/(2 f'')) e_k²
    for before, after in close:
        assert after <= 2 * constant * before**2


def test_newton_from_one_half_is_exact_in_one_step() -> None:
    run = opt.newton(BIG_H, BIG_T, theta0=0.5)
    assert run.path[1] == pytest.approx(BIG_MLE, abs=1e-15)
    assert opt.newton(9, 4).theta == pytest.approx(9 / 13, abs=1e-15)


def test_newton_overshoot_raises_and_line_search_repairs_it() -> None:
    with pytest.raises(DivergenceError, match="line_search=True") as caught:
        opt.newton(BIG_H, BIG_T, theta0=0.6)
    assert caught.value.iteration == 1 and caught.value.bad_theta > 1
    for start in (1e-6, 0.1, 0.6, 0.9, 1 - 1e-6):
        run = opt.newton(BIG_H, BIG_T, theta0=start, line_search=True)
        assert run.converged and run.theta == pytest.approx(BIG_MLE, abs=1e-12)
        sizes = [abs(opt.nll_gradient(theta, BIG_H, BIG_T)) for theta in run.path]
        assert all(b <= a for a, b in zip(sizes, sizes[1:], strict=False))


def test_newton_line_search_with_zero_tolerance_stops_at_the_minimum() -> None:
    run = opt.newton(9, 4, theta0=0.3, tol=0.0, line_search=True)
    assert run.converged and run.theta == pytest.approx(9 / 13, abs=1e-15)


def test_newton_stops_when_a_step_no_longer_moves_theta() -> None:
    # Started at the MLE the step rounds away: one step, the same theta, converged
    # because the scaled gradient there is zero.
    for line_search in (False, True):
        run = opt.newton(9, 4, theta0=9 / 13, tol=0.0, line_search=line_search)
        assert run.converged and run.n_steps == 1 and run.distance == 0.0
        np.testing.assert_array_equal(run.path, [9 / 13, 9 / 13])


def test_newton_reports_non_convergence_when_out_of_iterations() -> None:
    run = opt.newton(9, 4, theta0=0.1, n_steps=2)
    assert not run.converged and run.n_steps == 2 and run.path.size == 3


def test_minibatch_descent_is_reproducible_and_close() -> None:
    def run(seed: int) -> opt.OptimisationResult:
        return opt.minibatch_gradient_descent(
            BIG_H, BIG_T, lr=0.02, batch_size=10_000, rng=np.random.default_rng(seed)
        )

    first, second, other = run(7), run(7), run(8)
    np.testing.assert_array_equal(first.path, second.path)
    assert not np.array_equal(first.path, other.path)
    assert abs(first.theta - BIG_MLE) < 0.01
    assert first.n_steps == 100 and not first.converged


def test_minibatch_descent_diverges_with_a_clear_error() -> None:
    with pytest.raises(DivergenceError, match="diverged at step 1"):
        _sgd(lr=50.0, batch_size=13)


def _stationary_rms(lr: float, batch: int, n_heads: int, n_tails: int) -> float:
    """sqrt(lr / (B (2 - lr c))) with c = 1 / (θ̂ (1 − θ̂)), the mean-NLL curvature."""
    mle = n_heads / (n_heads + n_tails)
    curvature = 1 / (mle * (1 - mle))
    return math.sqrt(lr / (batch * (2 - lr * curvature)))


@pytest.mark.parametrize(("lr", "batch"), [(0.02, 1000), (0.02, 10_000), (0.05, 1), (1e-4, 7)])
def test_predicted_jitter_is_the_stationary_rms_of_the_linear_recursion(
    lr: float, batch: int
) -> None:
    expected = _stationary_rms(lr, batch, BIG_H, BIG_T)
    assert opt.predicted_minibatch_jitter(BIG_H, BIG_T, lr=lr, batch_size=batch) == pytest.approx(
        expected, rel=1e-12
    )


def test_predicted_jitter_shrinks_like_one_over_root_batch() -> None:
    small = opt.predicted_minibatch_jitter(BIG_H, BIG_T, lr=0.02, batch_size=1000)
    large = opt.predicted_minibatch_jitter(BIG_H, BIG_T, lr=0.02, batch_size=10_000)
    assert small / large == pytest.approx(math.sqrt(10), rel=1e-12)


def test_jitter_over_many_runs_matches_the_linear_theory_and_root_ten() -> None:
    rms = {
        batch: opt.minibatch_jitter(
            BIG_H, BIG_T, lr=0.02, batch_size=batch, rng=np.random.default_rng(1)
        )
        for batch in (1000, 10_000)
    }
    for batch, value in rms.items():
        assert value == pytest.approx(_stationary_rms(0.02, batch, BIG_H, BIG_T), rel=0.08)
    assert rms[1000] / rms[10_000] == pytest.approx(math.sqrt(10), rel=0.1)
    standard_error = math.sqrt(BIG_MLE * (1 - BIG_MLE) / BIG_N)
    assert rms[10_000] > 10 * standard_error  # a constant lr leaves the optimiser's noise


def test_jitter_is_reproducible_and_depends_on_the_generator() -> None:
    def run(seed: int) -> float:
        return opt.minibatch_jitter(9, 4, lr=0.1, batch_size=20, rng=np.random.default_rng(seed))

    assert run(3) == run(3)
    assert run(3) != run(4)


def test_decaying_learning_rate_reduces_the_jitter() -> None:
    def run(decay: float) -> float:
        return opt.minibatch_jitter(
            BIG_H, BIG_T, lr=0.02, batch_size=1000, decay=decay, rng=np.random.default_rng(2)
        )

    constant, decaying = run(0.0), run(0.1)
    assert decaying < constant / 3


def test_jitter_of_a_single_run_agrees_with_its_path() -> None:
    """One run, one late step: the RMS is the distance of that run's last iterate."""
    rng_a, rng_b = np.random.default_rng(5), np.random.default_rng(5)
    rms = opt.minibatch_jitter(
        9, 4, lr=0.1, batch_size=20, rng=rng_a, n_runs=1, n_steps=40, n_late=1
    )
    theta, mle = 0.5, 9 / 13
    for _ in range(40):  # the same recursion, written out with the same draws
        heads = rng_b.binomial(20, mle, size=1)[0]
        theta -= 0.1 * (-heads / theta + (20 - heads) / (1 - theta)) / 20
    assert rms == pytest.approx(abs(theta - mle), rel=1e-12)


def test_jitter_divergence_is_a_clear_error() -> None:
    with pytest.raises(DivergenceError, match="diverged at step 1"):
        opt.minibatch_jitter(9, 4, lr=50.0, batch_size=13, rng=np.random.default_rng(0))


def test_result_repr_omits_the_path() -> None:
    text = repr(opt.gradient_descent(9, 4, lr=0.1, mean=True, n_steps=3))
    assert "OptimisationResult(theta=" in text and "path" not in text


# --------------------------------------------------------- the product-rule argument


def test_product_derivative_three_ways_agree_with_calculus_and_autograd() -> None:
    flips = "HHHTHTTHHHHHT"
    exact = likelihood_derivative(0.6, 9, 4)
    theta = torch.tensor(0.6, dtype=torch.float64, requires_grad=True)
    heads = torch.tensor([c == "H" for c in flips])
    torch.where(heads, theta, 1 - theta).prod().backward()
    for method in ("naive", "ratio", "reverse"):
        value, _ = opt.product_derivative(0.6, flips, method=method)
        assert value == pytest.approx(exact, rel=1e-12)
        assert value == pytest.approx(theta.grad.item(), rel=1e-12)
    assert opt.product_derivative(0.6, "hht t".replace(" ", "")).value == pytest.approx(
        likelihood_derivative(0.6, 2, 2)
    )


@pytest.mark.parametrize("n", [1, 2, 13, 50])
def test_operation_counts_grow_quadratically_only_for_the_naive_sum(n: int) -> None:
    flips = ("HHT" * n)[:n]
    assert opt.product_derivative(0.3, flips, method="naive").n_operations == n * n - 1
    assert opt.product_derivative(0.3, flips, method="ratio").n_operations == 3 * n - 1
    assert opt.product_derivative(0.3, flips, method="reverse").n_operations == 5 * n - 3


def test_product_derivative_underflows_with_the_product() -> None:
    flips = "HHHTHTTHHHHHT" * 100
    for method in ("naive", "ratio", "reverse"):
        assert opt.product_derivative(0.6, flips, method=method).value == 0.0
    assert math.isfinite(opt.nll_gradient(0.6, 900, 400))


# ------------------------------------------- convergence is judged at the returned point


def test_a_tiny_learning_rate_does_not_claim_convergence() -> None:
    run = opt.gradient_descent(9, 4, lr=1e-20)  # the step rounds away: theta stays at 0.5
    assert run.theta == 0.5 and run.n_steps == 1
    assert not run.converged
    assert run.distance == pytest.approx(abs(0.5 - 9 / 13), rel=1e-15)
    torch_run = opt.gradient_descent_torch(9, 4, lr=1e-20)
    assert not torch_run.converged and torch_run.theta == 0.5


def test_converged_means_the_scaled_gradient_is_small_at_the_returned_point() -> None:
    run = opt.gradient_descent(9, 4, lr=0.1, mean=True, n_steps=500, tol=1e-9)
    assert run.converged and run.n_steps < 500
    # scaled gradient |U| / I = |NLL'| theta (1 - theta) / n, from the closed-form gradient
    gradient = opt.nll_gradient(run.theta, 9, 4)
    assert abs(gradient) * run.theta * (1 - run.theta) / 13 == pytest.approx(run.distance)
    assert run.distance <= 1e-9
    short = opt.gradient_descent(9, 4, lr=0.1, mean=True, n_steps=5, tol=1e-9)
    assert not short.converged and short.distance > 1e-9


@pytest.mark.parametrize("theta0", [1e-300, 1e-12, 1 - 1e-16])
def test_newton_next_to_the_boundary_reports_what_it_reached(theta0: float) -> None:
    run = opt.newton(9, 4, theta0=theta0, n_steps=5)
    assert not run.converged  # five doublings from next to 0 (or 1) are still far away
    assert run.distance == pytest.approx(abs(run.theta - 9 / 13), rel=1e-12)
    far = opt.newton(9, 4, theta0=theta0, n_steps=10_000, line_search=True)
    assert far.converged and far.theta == pytest.approx(9 / 13, abs=1e-12)


def test_float32_converges_only_to_float32_precision() -> None:
    run = opt.gradient_descent(BIG_H, BIG_T, lr=0.025, mean=True, n_steps=300, dtype="float32")
    assert run.converged
    assert run.distance <= 4 * np.finfo(np.float32).eps * run.theta


# ---------------------------------------------------------- local stability and ratios


def test_stability_is_local_a_far_start_leaves_the_interval() -> None:
    lr = 0.05
    assert lr < opt.max_stable_learning_rate(9, 4, mean=True)
    assert opt.learning_rate_regime(lr, 9, 4, mean=True) == "monotone"
    near = opt.gradient_descent(9, 4, lr=lr, mean=True, n_steps=2000, theta0=0.5)
    assert near.converged
    with pytest.raises(DivergenceError) as caught:
        opt.gradient_descent(9, 4, lr=lr, mean=True, theta0=0.01)
    error = caught.value
    assert error.iteration == 1 and error.bad_theta > 1
    message = str(error)
    assert "only near the MLE" in message and "at theta = 0.01" in message
    # the curvature it quotes is the mean NLL's at the start: 9/0.01² + 4/0.99², over 13
    assert f"{(9 / 0.01**2 + 4 / 0.99**2) / 13:.3g}" in message


def test_error_ratios_approach_the_contraction_factor_only_near_the_mle() -> None:
    run = opt.gradient_descent(BIG_H, BIG_T, lr=1e-9, n_steps=100)
    ratios = opt.error_ratios(run.path, BIG_H, BIG_T)
    factor = opt.contraction_factor(1e-9, BIG_H, BIG_T)
    assert ratios.size == 100
    assert ratios[0] > 0.95  # at theta = 1/2 the curvature is far smaller
    assert ratios[-1] == pytest.approx(factor, rel=1e-3)
    curvature_half = opt.nll_curvature(0.5, BIG_H, BIG_T)
    assert ratios[0] == pytest.approx(1 - 1e-9 * curvature_half, rel=0.05)


def test_error_ratios_skip_steps_from_the_mle_and_check_input() -> None:
    ratios = opt.error_ratios([9 / 13, 9 / 13, 0.7, 9 / 13 + 0.004], 9, 4)
    assert ratios.size == 1 and ratios[0] == pytest.approx(0.004 / (0.7 - 9 / 13))
    with pytest.raises(ValueError, match="path must be a 1-d array of at least 2"):
        opt.error_ratios([0.5], 9, 4)
    with pytest.raises(ValueError, match="path must be in"):
        opt.error_ratios([0.5, 1.0], 9, 4)


# --------------------------------------------- hostile values: errors, never silent NaN


@pytest.mark.parametrize(
    ("call", "error", "text"),
    [
        (lambda: opt.gradient_descent(10**400, 1, lr=0.1), ValueError, "n_heads must be"),
        (lambda: opt.nll_gradient(0.5, 10**16, 4), ValueError, "n_heads must be"),
        (lambda: opt.max_stable_learning_rate(10**18, 4), ValueError, "n_heads must be"),
        (lambda: opt.nll_curvature(0.5, 9, Fraction(10**400)), ValueError, "n_tails must be"),
        (lambda: opt.nll_curvature(1e-200, 9, 4), ValueError, "curvature overflows"),
        (lambda: opt.nll_gradient(5e-324, 9, 4), ValueError, "gradient overflows"),
        (lambda: opt.nll_gradient([0.5], 9, 4), TypeError, "theta must be a real"),
        (lambda: opt.contraction_factor(1e308, 9, 4), ValueError, "overflows"),
        (lambda: GD(9, 4, lr=0.1, n_steps=50_001), ValueError, "n_steps must be"),
        (lambda: GDT(9, 4, lr=0.1, n_steps=1_001), ValueError, "n_steps must be"),
        (lambda: opt.newton(9, 4, n_steps=10_001), ValueError, "n_steps must be"),
        (lambda: _jit(n_runs=1000, n_steps=10_000), ValueError, "n_runs * n_steps"),
        (lambda: opt.product_derivative(0.5, "H" * 1501, method="naive"), ValueError, "flips"),
        (lambda: opt.max_stable_learning_rate(9, 4, mean="no"), TypeError, "mean must be"),
        (lambda: GD(9, 4, lr=10**400), ValueError, "lr must be a real number"),
        (lambda: opt.newton(9, 4, tol=10**400), ValueError, "tol must be a finite real"),
        (lambda: _jit(decay=10**400), ValueError, "decay must be a"),
    ],
)
def test_hostile_values_are_clear_errors(
    call: Callable[[], object], error: type[Exception], text: str
) -> None:
    assert_rejected(call, error, text)


def test_no_silent_nan_and_no_warnings_near_the_boundary() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value, _ = opt.product_derivative(5e-324, "HHT", method="ratio")
        assert math.isfinite(value) and value == 0.0  # P underflows, and so does P'
        value, _ = opt.product_derivative(1e-200, "HT", method="ratio")
        assert value == pytest.approx(1.0)  # d/dθ θ(1 − θ) at 0, via P / p_i
        assert math.isfinite(opt.nll_curvature(1e-150, 9, 4))
        run = opt.newton(10**15, 1, theta0=0.5)
        assert run.converged and run.theta == pytest.approx(1 - 1e-15, abs=1e-26)
        for start in (1e-300, 1 - 1e-16):
            assert math.isfinite(opt.newton(9, 4, theta0=start, n_steps=3).theta)
        with pytest.raises(DivergenceError):
            opt.gradient_descent(9, 4, lr=1e300, dtype="float32")
        with pytest.raises(DivergenceError):
            _jit(lr=1e300)


def test_every_public_function_has_a_complete_docstring() -> None:
    for name in opt.__all__:
        doc = getattr(opt, name).__doc__ or ""
        assert "Examples" in doc, name
        if name in ("OptimisationResult", "CountedValue", "DivergenceError"):
            assert "Attributes" in doc, name
            continue
        for section in ("Parameters", "Returns", "Raises"):
            assert f"{section}\n    ----" in doc, f"{name} lacks {section}"


# -------------------------------------------------------------------------- properties

counts = st.integers(min_value=1, max_value=10**6)
interior = st.floats(min_value=1e-3, max_value=1 - 1e-3)


@settings(max_examples=60, deadline=None)
@given(
    n_flips=st.integers(2, 10**6),
    fraction=st.floats(0.05, 0.95),
    theta0=st.floats(0.05, 0.95),
)
def test_gradient_descent_on_the_mean_nll_converges_to_the_closed_form(
    n_flips: int, fraction: float, theta0: float
) -> None:
    n_heads = min(max(round(fraction * n_flips), 1), n_flips - 1)
    n_tails = n_flips - n_heads
    theta_hat = n_heads / n_flips
    # lr below 1 / (largest curvature between theta0 and the MLE): monotone convergence
    steepest = max(
        opt.nll_curvature(theta0, n_heads, n_tails, mean=True),
        opt.nll_curvature(theta_hat, n_heads, n_tails, mean=True),
    )
    run = opt.gradient_descent(
        n_heads,
        n_tails,
        lr=0.9 / steepest,
        mean=True,
        n_steps=50_000,
        theta0=theta0,
        tol=1e-14,
    )
    assert run.converged
    assert run.theta == pytest.approx(theta_hat, abs=1e-10)


@settings(max_examples=60, deadline=None)
@given(n_heads=counts, n_tails=counts, theta0=interior)
def test_newton_with_line_search_converges_to_the_closed_form(
    n_heads: int, n_tails: int, theta0: float
) -> None:
    run = opt.newton(n_heads, n_tails, theta0=theta0, line_search=True, n_steps=500)
    assert run.converged
    assert run.theta == pytest.approx(n_heads / (n_heads + n_tails), rel=1e-9, abs=1e-12)


@settings(max_examples=80, deadline=None)
@given(
    theta=interior,
    n_heads=st.integers(0, 10**7),
    n_tails=st.integers(0, 10**7),
    mean=st.booleans(),
)
def test_hand_gradient_equals_autograd(
    theta: float, n_heads: int, n_tails: int, mean: bool
) -> None:
    if mean and n_heads + n_tails == 0:
        n_tails = 1
    by_hand = opt.nll_gradient(theta, n_heads, n_tails, mean=mean)
    by_torch = opt.nll_gradient_autograd(theta, n_heads, n_tails, mean=mean)
    scale = (n_heads / theta + n_tails / (1 - theta)) / ((n_heads + n_tails) if mean else 1)
    assert by_hand == pytest.approx(by_torch, rel=1e-12, abs=1e-12 * scale + 1e-300)


@settings(max_examples=80, deadline=None)
@given(theta=interior, n_heads=counts, n_tails=counts, mean=st.booleans())
def test_curvature_matches_torch_second_derivative(
    theta: float, n_heads: int, n_tails: int, mean: bool
) -> None:
    point = torch.tensor(theta, dtype=torch.float64, requires_grad=True)
    scale = 1 / (n_heads + n_tails) if mean else 1.0
    loss = -scale * (n_heads * torch.log(point) + n_tails * torch.log(1 - point))
    (gradient,) = torch.autograd.grad(loss, point, create_graph=True)
    (second,) = torch.autograd.grad(gradient, point)
    assert opt.nll_curvature(theta, n_heads, n_tails, mean=mean) == pytest.approx(
        second.item(), rel=1e-10
    )


@settings(deadline=None)  # the machine is shared: no per-example time limit
@given(
    a=interior,
    b=interior,
    n_heads=st.integers(0, 10**6),
    n_tails=st.integers(0, 10**6),
)
def test_nll_is_convex(a: float, b: float, n_heads: int, n_tails: int) -> None:
    if n_heads + n_tails == 0:
        return
    assert opt.nll_curvature(a, n_heads, n_tails) > 0
    middle = bernoulli_nll((a + b) / 2, n_heads, n_tails)
    chord = (bernoulli_nll(a, n_heads, n_tails) + bernoulli_nll(b, n_heads, n_tails)) / 2
    assert middle <= chord * (1 + 1e-12) + 1e-9


@settings(max_examples=80, deadline=None)
@given(
    n_heads=st.integers(1, 10**5),
    n_tails=st.integers(1, 10**5),
    log10_lr=st.floats(-6, 3),
    theta0=interior,
    mean=st.booleans(),
    dtype=st.sampled_from(["float32", "float64"]),
)
def test_gradient_descent_raises_divergence_error_rather_than_returning_nan(
    n_heads: int, n_tails: int, log10_lr: float, theta0: float, mean: bool, dtype: str
) -> None:
    try:
        run = opt.gradient_descent(
            n_heads,
            n_tails,
            lr=10**log10_lr,
            n_steps=50,
            theta0=theta0,
            mean=mean,
            dtype=dtype,
        )
    except DivergenceError as error:
        assert 1 <= error.iteration <= 50
        assert 0 < error.last_theta < 1
        assert not 0 < error.bad_theta < 1 or math.isnan(error.bad_theta)
        return
    assert np.all(np.isfinite(run.path)) and np.all((run.path > 0) & (run.path < 1))


@settings(max_examples=40, deadline=None)
@given(n_heads=st.integers(1, 1000), n_tails=st.integers(1, 1000), theta0=interior)
def test_a_first_step_beyond_the_boundary_is_a_divergence_error(
    n_heads: int, n_tails: int, theta0: float
) -> None:
    gradient = opt.nll_gradient(theta0, n_heads, n_tails)
    if abs(gradient) < 1e-6:
        return
    # a step of this size moves theta by more than 1: it must leave (0, 1)
    lr = 1.01 / abs(gradient)
    for optimiser in (opt.gradient_descent, opt.gradient_descent_torch):
        with pytest.raises(DivergenceError) as caught:
            optimiser(n_heads, n_tails, lr=lr, theta0=theta0)
        assert caught.value.iteration == 1


@settings(deadline=None)
@given(flips=st.text(alphabet="HT", min_size=1, max_size=30), theta=interior)
def test_product_derivative_methods_agree(flips: str, theta: float) -> None:
    heads, tails = flips.count("H"), flips.count("T")
    exact = likelihood_derivative(theta, heads, tails)
    # rounding scale: n terms of size P / min(theta, 1 - theta)
    scale = len(flips) * theta**heads * (1 - theta) ** tails / min(theta, 1 - theta)
    for method in ("naive", "ratio", "reverse"):
        value = opt.product_derivative(theta, flips, method=method).value
        assert value == pytest.approx(exact, rel=1e-9, abs=1e-12 * scale)


# ---------------------------------------------- the explorer's JavaScript, run in Node

_NODE = shutil.which("node")


def _js_descent_paths(cases: list[dict]) -> list[dict]:
    source = JS_PATH.read_text(encoding="utf-8")
    match = re.search(r"^function descentPath\(.*?^}\n", source, re.MULTILINE | re.DOTALL)
    assert match, "descentPath not found in explorer.js"
    script = (
        match.group(0)
        + f"const cases = {json.dumps(cases)};\n"
        + "console.log(JSON.stringify(cases.map((c) => { const r = descentPath(c.h, c.t, c.lr, "
        + "c.steps, c.theta0, c.mean); return { path: r.path, divergedAt: r.divergedAt }; })));\n"
    )
    result = subprocess.run(
        [_NODE, "-e", script], capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(result.stdout)


@pytest.mark.skipif(_NODE is None, reason="Node.js is not installed")
def test_explorer_descent_path_matches_python_gradient_descent() -> None:
    cases = [
        {"h": 9, "t": 4, "lr": lr, "steps": 20, "theta0": 0.5, "mean": True}
        for lr in (0.001, 0.1, 0.3, 0.4, 0.5, 1.0)
    ] + [
        {"h": 9, "t": 4, "lr": 0.01, "steps": 30, "theta0": 0.2, "mean": False},
        {"h": BIG_H, "t": BIG_T, "lr": 1e-9, "steps": 100, "theta0": 0.5, "mean": False},
        {"h": BIG_H, "t": BIG_T, "lr": 2e-8, "steps": 100, "theta0": 0.5, "mean": False},
    ]
    for case, js in zip(cases, _js_descent_paths(cases), strict=True):
        kwargs = {"lr": case["lr"], "n_steps": case["steps"], "theta0": case["theta0"]}
        try:
            run = opt.gradient_descent(case["h"], case["t"], mean=case["mean"], **kwargs)
        except DivergenceError as error:
            assert js["divergedAt"] == error.iteration, case
            assert len(js["path"]) == error.iteration
            continue
        assert js["divergedAt"] == 0, case
        np.testing.assert_allclose(js["path"], run.path, rtol=1e-13, atol=0)

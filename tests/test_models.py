"""Tests for mle_book.models.

References: statsmodels OLS, Logit and MNLogit (the field's reference implementations),
SciPy's optimiser and distributions, and PyTorch's own loss functions; never the module
under test.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import statsmodels.api as sm
import torch
from bad_input import BadCase, assert_rejected, bad_input_cases
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, stats

from mle_book import models as M


@pytest.fixture(autouse=True)
def _warnings_are_errors() -> Any:
    """A helper must raise a clear error or return a value, never emit a numpy warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@pytest.fixture(scope="module")
def spector() -> tuple[np.ndarray, np.ndarray, Any]:
    with warnings.catch_warnings():
        data = M.load_dataset("spector")
        X = M.design_matrix(data[["GPA", "TUCE", "PSI"]].to_numpy())
        y = data["GRADE"].to_numpy()
        reference = sm.Logit(y, X).fit(disp=0)
    return X, y, reference


@pytest.fixture(scope="module")
def engel() -> tuple[np.ndarray, np.ndarray, Any]:
    with warnings.catch_warnings():
        data = M.load_dataset("engel")
        X = M.design_matrix(data["income"].to_numpy())
        y = data["foodexp"].to_numpy()
        reference = sm.OLS(y, X).fit()
    return X, y, reference


SEPARATED_X = M.design_matrix([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
SEPARATED_Y = np.array([0, 0, 0, 1, 1, 1])


# ---------------------------------------------------------------------- data


@pytest.mark.parametrize(
    ("name", "shape"),
    [("spector", (32, 4)), ("engel", (235, 2)), ("strikes", (62, 2)), ("anes96", (944, 11))],
)
def test_datasets_load_offline_with_their_shape(name: str, shape: tuple[int, int]) -> None:
    assert M.load_dataset(name).shape == shape


def test_load_dataset_returns_a_copy() -> None:
    first = M.load_dataset("strikes")
    first.iloc[0, 0] = -1.0
    assert M.load_dataset("strikes").iloc[0, 0] != -1.0


def test_design_matrix_two_dimensional_and_without_intercept() -> None:
    features = [[1.0, 2.0], [3.0, 4.0]]
    assert M.design_matrix(features).tolist() == [[1.0, 1.0, 2.0], [1.0, 3.0, 4.0]]
    assert M.design_matrix(features, intercept=False).tolist() == features


# ---------------------------------------------------------------------- linear regression


def test_ols_matches_statsmodels(engel: tuple) -> None:
    X, y, reference = engel
    fit = M.ols_mle(X, y)
    np.testing.assert_allclose(fit.beta, reference.params, rtol=1e-10)
    assert fit.rss == pytest.approx(reference.ssr, rel=1e-10)
    # statsmodels' log-likelihood uses sigma^2 = RSS/n: the MLE
    assert fit.nll == pytest.approx(-reference.llf, rel=1e-10)
    assert fit.variance_unbiased == pytest.approx(reference.scale, rel=1e-10)
    assert fit.variance_mle == pytest.approx(reference.scale * (fit.n - fit.p) / fit.n, rel=1e-10)


def test_gaussian_regression_nll_against_scipy_and_its_minimum(engel: tuple) -> None:
    X, y, _ = engel
    fit = M.ols_mle(X, y)
    sigma = math.sqrt(fit.variance_mle)
    expected = -stats.norm.logpdf(y, X @ fit.beta, sigma).sum()
    assert M.gaussian_regression_nll(fit.beta, X, y, sigma) == pytest.approx(expected, rel=1e-12)
    assert M.gaussian_regression_nll(fit.beta, X, y, sigma) == pytest.approx(fit.nll, rel=1e-12)
    for shift in ([1.0, 0.0], [0.0, 0.001]):
        assert M.gaussian_regression_nll(fit.beta + shift, X, y, sigma) > fit.nll
    for factor in (0.99, 1.01):
        assert M.gaussian_regression_nll(fit.beta, X, y, factor * sigma) > fit.nll


def test_ols_variance_mle_is_biased_by_n_minus_p_over_n() -> None:
    rng = np.random.default_rng(5)
    X = M.design_matrix(rng.normal(size=(8, 2)))
    draws = [M.ols_mle(X, X @ [1.0, 2.0, -1.0] + rng.normal(size=8)) for _ in range(20_000)]
    mle = np.mean([fit.variance_mle for fit in draws])
    unbiased = np.mean([fit.variance_unbiased for fit in draws])
    assert mle == pytest.approx(5 / 8, abs=0.02)
    assert unbiased == pytest.approx(1.0, abs=0.03)


def test_ols_perfect_fit_has_minus_infinite_nll() -> None:
    fit = M.ols_mle(M.design_matrix([0.0, 1.0, 2.0]), [1.0, 3.0, 5.0])
    assert fit.rss == pytest.approx(0.0, abs=1e-20) or fit.nll == -math.inf


# ---------------------------------------------------------------------- logistic regression


def test_logistic_nll_is_bernoulli_nll_and_torch_bce(spector: tuple) -> None:
    X, y, reference = spector
    beta = np.array([-10.0, 2.5, 0.1, 2.0])
    theta = 1 / (1 + np.exp(-(X @ beta)))
    expected = -stats.bernoulli.logpmf(y, theta).sum()
    assert M.logistic_nll(beta, X, y) == pytest.approx(expected, rel=1e-12)
    torch_loss = torch.nn.functional.binary_cross_entropy_with_logits(
        torch.tensor(X @ beta), torch.tensor(y, dtype=torch.float64)
    ).item()
    assert M.logistic_nll(beta, X, y, mean=True) == pytest.approx(torch_loss, rel=1e-12)
    assert M.logistic_nll(reference.params, X, y) == pytest.approx(-reference.llf, rel=1e-12)
    np.testing.assert_allclose(M.logistic_probability(beta, X), theta, rtol=1e-12)


def test_logistic_nll_never_overflows() -> None:
    X = M.design_matrix([-1000.0, 1000.0])
    assert M.logistic_nll([0.0, 1.0], X, [1, 0]) == pytest.approx(2000.0)
    assert M.logistic_nll([0.0, 1.0], X, [0, 1]) == pytest.approx(0.0, abs=1e-300)


def test_hand_gradient_matches_autograd_and_finite_differences(spector: tuple) -> None:
    X, y, _ = spector
    beta = np.array([-5.0, 1.0, 0.05, 1.0])
    gradient = M.logistic_gradient(beta, X, y)
    numeric = optimize.approx_fprime(beta, lambda b: M.logistic_nll(b, X, y), 1e-7)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-4, atol=1e-5)
    weights = torch.tensor(beta, requires_grad=True)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(
        torch.tensor(X) @ weights, torch.tensor(y, dtype=torch.float64), reduction="sum"
    )
    loss.backward()
    np.testing.assert_allclose(gradient, weights.grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(M.logistic_gradient(beta, X, y, mean=True), gradient / y.size)


def test_observed_information_is_the_hessian(spector: tuple) -> None:
    X, y, reference = spector
    beta = reference.params
    hessian = torch.autograd.functional.hessian(
        lambda b: torch.nn.functional.binary_cross_entropy_with_logits(
            torch.tensor(X) @ b, torch.tensor(y, dtype=torch.float64), reduction="sum"
        ),
        torch.tensor(beta),
    ).numpy()
    np.testing.assert_allclose(M.observed_information(beta, X), hessian, rtol=1e-10)
    np.testing.assert_allclose(M.observed_information(beta, X), -reference.model.hessian(beta))


@pytest.mark.parametrize("fitter", ["gradient_descent", "torch", "newton"])
def test_three_fitters_agree_with_statsmodels_logit(spector: tuple, fitter: str) -> None:
    X, y, reference = spector
    if fitter == "newton":
        fit = M.logistic_newton(X, y)
    else:
        fit = getattr(M, f"logistic_{fitter}")(X, y, lr=4.0, n_steps=1000)
    assert fit.converged
    np.testing.assert_allclose(fit.beta, reference.params, rtol=1e-8, atol=1e-10)
    assert fit.nll == pytest.approx(-reference.llf, rel=1e-12)


def test_gradient_descent_and_torch_sgd_take_the_same_steps(spector: tuple) -> None:
    X, y, _ = spector
    for n_steps in (1, 7, 40):
        hand = M.logistic_gradient_descent(X, y, lr=2.0, n_steps=n_steps)
        auto = M.logistic_torch(X, y, lr=2.0, n_steps=n_steps)
        np.testing.assert_allclose(hand.beta, auto.beta, rtol=1e-10, atol=1e-12)


def test_raw_columns_make_gradient_descent_crawl(spector: tuple) -> None:
    X, y, reference = spector
    raw = M.logistic_gradient_descent(X, y, lr=0.02, n_steps=2000, standardise=False)
    assert not raw.converged
    assert np.max(np.abs(raw.beta - reference.params)) > 1.0
    same = M.logistic_torch(X, y, lr=0.02, n_steps=50, standardise=False)
    hand = M.logistic_gradient_descent(X, y, lr=0.02, n_steps=50, standardise=False)
    np.testing.assert_allclose(same.beta, hand.beta, rtol=1e-10)


def test_newton_converges_in_a_few_steps_and_matches_scipy(spector: tuple) -> None:
    X, y, _ = spector
    fit = M.logistic_newton(X, y)
    assert fit.n_steps <= 10
    best = optimize.minimize(
        lambda b: M.logistic_nll(b, X, y),
        np.zeros(4),
        jac=lambda b: M.logistic_gradient(b, X, y),
        method="BFGS",
        options={"gtol": 1e-10},
    )
    np.testing.assert_allclose(fit.beta, best.x, rtol=1e-5, atol=1e-6)


def test_standard_errors_match_statsmodels(spector: tuple) -> None:
    X, y, reference = spector
    fit = M.logistic_newton(X, y)
    errors = M.standard_errors(M.observed_information(fit.beta, X))
    np.testing.assert_allclose(errors, reference.bse, rtol=1e-8)


def test_standard_errors_of_a_diagonal_and_a_full_matrix() -> None:
    matrix = np.array([[2.0, 0.5], [0.5, 1.0]])
    np.testing.assert_allclose(
        M.standard_errors(matrix), np.sqrt(np.diag(np.linalg.inv(matrix))), rtol=1e-12
    )


def test_separation_no_fitter_converges_and_coefficients_grow() -> None:
    slopes = [
        M.logistic_gradient_descent(SEPARATED_X, SEPARATED_Y, lr=1.0, n_steps=k).beta[1]
        for k in (100, 1000, 10_000)
    ]
    assert slopes[0] < slopes[1] < slopes[2]
    nlls = [
        M.logistic_gradient_descent(SEPARATED_X, SEPARATED_Y, lr=1.0, n_steps=k).nll
        for k in (100, 1000, 10_000)
    ]
    assert nlls[0] > nlls[1] > nlls[2] > 0
    # Newton's gradient test is fooled: the gradient -> 0 as beta -> infinity, so it
    # "converges", to an answer set by the tolerance, with exploding standard errors.
    fits = [M.logistic_newton(SEPARATED_X, SEPARATED_Y, tol=tol) for tol in (1e-4, 1e-8)]
    assert all(fit.converged for fit in fits)
    assert fits[1].beta[1] > fits[0].beta[1] + 10
    errors = [M.standard_errors(M.observed_information(f.beta, SEPARATED_X)) for f in fits]
    assert errors[1][1] > 50 * errors[0][1] > 1000
    # With no tolerance left it stops where the Hessian is numerically singular.
    last = M.logistic_newton(SEPARATED_X, SEPARATED_Y, n_steps=500, tol=1e-300)
    assert not last.converged and last.n_steps < 500


def test_penalty_gives_a_finite_map_under_separation() -> None:
    fit = M.logistic_newton(SEPARATED_X, SEPARATED_Y, penalty=1.0)
    assert fit.converged
    # the MAP solves gradient(NLL) + penalty * beta (slopes only) = 0
    gradient = M.logistic_gradient(fit.beta, SEPARATED_X, SEPARATED_Y)
    np.testing.assert_allclose(gradient + [0.0, fit.beta[1]], 0.0, atol=1e-6)
    assert 0 < fit.beta[1] < 10


def test_penalised_newton_matches_scipy_on_the_penalised_objective(spector: tuple) -> None:
    X, y, _ = spector
    fit = M.logistic_newton(X, y, penalty=2.0)

    def objective(b: np.ndarray) -> float:
        return M.logistic_nll(b, X, y) + 1.0 * np.sum(b[1:] ** 2)

    best = optimize.minimize(objective, np.zeros(4), method="BFGS", options={"gtol": 1e-9})
    np.testing.assert_allclose(fit.beta, best.x, rtol=1e-4, atol=1e-5)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(-300, 300).map(lambda k: k / 100), min_size=6, max_size=30),
    st.integers(0, 2**32 - 1),
)
def test_newton_agrees_with_statsmodels_when_the_mle_exists(xs: list[float], seed: int) -> None:
    x = np.array(xs)
    if np.ptp(x) < 0.1:
        return
    y = (np.random.default_rng(seed).random(x.size) < 1 / (1 + np.exp(-x))).astype(float)
    X = M.design_matrix(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = M.logistic_newton(X, y)
        separated = y.min() == y.max() or x[y == 1].min() >= x[y == 0].max()
        separated = separated or x[y == 0].min() >= x[y == 1].max()
        if separated or not fit.converged:
            return
        reference = sm.Logit(y, X).fit(disp=0, method="newton", tol=1e-12, maxiter=200)
    np.testing.assert_allclose(fit.beta, reference.params, rtol=1e-5, atol=1e-6)


# ---------------------------------------------------------------------- softmax


def test_softmax_two_classes_is_the_sigmoid() -> None:
    phi = np.linspace(-30, 30, 13)
    probabilities = M.softmax(np.column_stack([np.zeros_like(phi), phi]))
    np.testing.assert_allclose(probabilities[:, 1], 1 / (1 + np.exp(-phi)), rtol=1e-12)
    np.testing.assert_allclose(M.softmax([[1000.0, 0.0]]), [[1.0, 0.0]])


def test_categorical_nll_matches_torch_cross_entropy() -> None:
    rng = np.random.default_rng(11)
    logits = rng.normal(scale=3.0, size=(50, 7))
    labels = rng.integers(0, 7, size=50)
    loss = torch.nn.CrossEntropyLoss()(torch.tensor(logits), torch.tensor(labels)).item()
    assert M.categorical_nll(logits, labels) == pytest.approx(loss, rel=1e-12)
    total = torch.nn.CrossEntropyLoss(reduction="sum")(
        torch.tensor(logits), torch.tensor(labels)
    ).item()
    assert M.categorical_nll(logits, labels, mean=False) == pytest.approx(total, rel=1e-12)
    hand = -np.mean(np.log(M.softmax(logits)[np.arange(50), labels]))
    assert M.categorical_nll(logits, labels) == pytest.approx(hand, rel=1e-10)


def test_softmax_training_reaches_the_multinomial_mle_region() -> None:
    data = M.load_dataset("anes96")
    features = data[["selfLR", "age", "educ", "income"]].to_numpy()
    features = (features - features.mean(axis=0)) / features.std(axis=0)
    labels = (data["PID"].to_numpy() >= 4).astype(int)  # two classes: a logit check
    run = M.train_softmax_classifier(
        features,
        labels,
        n_classes=2,
        rng=np.random.default_rng(0),
        lr=0.5,
        n_steps=3000,
        batch_size=len(labels),
    )
    logits = features @ run.weight.T + run.bias
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = sm.Logit(labels, M.design_matrix(features)).fit(disp=0)
    assert M.categorical_nll(logits, labels, mean=False) == pytest.approx(-reference.llf, rel=1e-6)
    # the class-1 minus class-0 score is the logistic linear predictor
    slope = run.weight[1] - run.weight[0]
    np.testing.assert_allclose(slope, reference.params[1:], rtol=1e-3)


def test_softmax_training_is_reproducible_and_weight_decay_shrinks() -> None:
    data = M.load_dataset("spector")
    features = data[["GPA", "TUCE", "PSI"]].to_numpy()
    features = (features - features.mean(axis=0)) / features.std(axis=0)
    labels = data["GRADE"].to_numpy()

    def run(decay: float) -> M.SoftmaxTraining:
        return M.train_softmax_classifier(
            features,
            labels,
            n_classes=2,
            rng=np.random.default_rng(3),
            lr=0.3,
            n_steps=400,
            batch_size=8,
            weight_decay=decay,
        )

    first, again, shrunk = run(0.0), run(0.0), run(0.1)
    np.testing.assert_array_equal(first.losses, again.losses)
    assert np.linalg.norm(shrunk.weight) < np.linalg.norm(first.weight)


# ---------------------------------------------------------------------- bad inputs

_X = [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]
_Y = [0, 1, 1]
BAD_INPUTS: list[BadCase] = [
    ("dataset name int", lambda: M.load_dataset(3), TypeError, "name"),
    ("dataset unknown", lambda: M.load_dataset("iris"), ValueError, "name"),
    ("design str", lambda: M.design_matrix("abc"), TypeError, "features"),
    ("design 3-d", lambda: M.design_matrix(np.zeros((2, 2, 2))), ValueError, "features"),
    ("design empty", lambda: M.design_matrix([]), ValueError, "features"),
    ("design nan", lambda: M.design_matrix([1.0, np.nan]), ValueError, "features"),
    ("design intercept", lambda: M.design_matrix([1.0], intercept=1), TypeError, "intercept"),
    ("X ragged", lambda: M.logistic_nll([0.0], [[1.0], [1.0, 2.0]], [0, 1]), TypeError, "X"),
    ("X 1-d", lambda: M.logistic_nll([0.0], [1.0, 2.0], [0, 1]), ValueError, "X"),
    ("X no columns", lambda: M.logistic_nll([], np.zeros((2, 0)), [0, 1]), ValueError, "X"),
    ("X str", lambda: M.logistic_nll([0.0], "X", [0, 1]), TypeError, "X"),
    ("X inf", lambda: M.logistic_nll([0.0], [[np.inf], [1.0]], [0, 1]), ValueError, "X"),
    ("y not binary", lambda: M.logistic_nll([0.0, 0.0], _X, [0, 2, 1]), ValueError, "y"),
    ("y wrong length", lambda: M.logistic_nll([0.0, 0.0], _X, [0, 1]), ValueError, "y"),
    ("beta wrong length", lambda: M.logistic_nll([0.0], _X, _Y), ValueError, "beta"),
    ("beta nan", lambda: M.logistic_gradient([np.nan, 0.0], _X, _Y), ValueError, "beta"),
    ("mean not bool", lambda: M.logistic_nll([0.0, 0.0], _X, _Y, mean=1), TypeError, "mean"),
    ("grad mean", lambda: M.logistic_gradient([0.0, 0.0], _X, _Y, mean="y"), TypeError, "mean"),
    ("ols y nan", lambda: M.ols_mle(_X, [1.0, np.nan, 2.0]), ValueError, "y"),
    ("ols n <= p", lambda: M.ols_mle([[1.0, 2.0]], [1.0]), ValueError, "n > p"),
    ("ols rank", lambda: M.ols_mle([[1.0, 2.0]] * 3, [1.0, 2.0, 3.0]), ValueError, "rank"),
    ("gauss sigma 0", lambda: M.gaussian_regression_nll([0, 0], _X, _Y, 0.0), ValueError, "sigma"),
    ("gd lr 0", lambda: M.logistic_gradient_descent(_X, _Y, lr=0.0), ValueError, "lr"),
    ("gd steps 0", lambda: M.logistic_gradient_descent(_X, _Y, n_steps=0), ValueError, "n_steps"),
    ("gd steps fraction", lambda: M.logistic_torch(_X, _Y, n_steps=2.5), ValueError, "n_steps"),
    ("gd tol", lambda: M.logistic_gradient_descent(_X, _Y, tol=-1.0), ValueError, "tol"),
    ("gd flag", lambda: M.logistic_torch(_X, _Y, standardise=None), TypeError, "standardise"),
    (
        "gd overflow",
        lambda: M.logistic_gradient_descent(
            [[1.0, 0.0], [1.0, 1e200]], [0, 1], lr=1e200, standardise=False
        ),
        ValueError,
        "lr",
    ),
    (
        "gd no intercept",
        lambda: M.logistic_gradient_descent([[2.0], [3.0], [5.0]], _Y),
        ValueError,
        "intercept",
    ),
    (
        "torch overflow",
        lambda: M.logistic_torch([[1.0, 0.0], [1.0, 1e200]], [0, 1], lr=1e200, standardise=False),
        ValueError,
        "lr",
    ),
    ("newton penalty", lambda: M.logistic_newton(_X, _Y, penalty=-1.0), ValueError, "penalty"),
    ("newton steps", lambda: M.logistic_newton(_X, _Y, n_steps=0), ValueError, "n_steps"),
    ("se not square", lambda: M.standard_errors([[1.0, 2.0]]), ValueError, "square"),
    ("se asymmetric", lambda: M.standard_errors([[1.0, 2.0], [0.0, 1.0]]), ValueError, "symmetric"),
    (
        "se singular",
        lambda: M.standard_errors([[1.0, 1.0], [1.0, 1.0]]),
        ValueError,
        "positive definite",
    ),
    ("softmax 1-d", lambda: M.softmax([1.0, 2.0]), ValueError, "logits"),
    ("ce label range", lambda: M.categorical_nll([[0.0, 1.0]], [2]), ValueError, "labels"),
    ("ce label frac", lambda: M.categorical_nll([[0.0, 1.0]], [0.5]), ValueError, "labels"),
    ("ce label count", lambda: M.categorical_nll([[0.0, 1.0]], [0, 1]), ValueError, "labels"),
    ("ce mean", lambda: M.categorical_nll([[0.0, 1.0]], [0], mean=0), TypeError, "mean"),
    ("train rng", lambda: M.train_softmax_classifier(_X, _Y, n_classes=2, rng=0), TypeError, "rng"),
    (
        "train classes",
        lambda: M.train_softmax_classifier(_X, _Y, n_classes=1, rng=np.random.default_rng(0)),
        ValueError,
        "n_classes",
    ),
    (
        "train batch",
        lambda: M.train_softmax_classifier(
            _X, _Y, n_classes=2, rng=np.random.default_rng(0), batch_size=4
        ),
        ValueError,
        "batch_size",
    ),
    (
        "train decay",
        lambda: M.train_softmax_classifier(
            _X, _Y, n_classes=2, rng=np.random.default_rng(0), batch_size=2, weight_decay=-1.0
        ),
        ValueError,
        "weight_decay",
    ),
]


@bad_input_cases(BAD_INPUTS)
def test_bad_inputs_are_rejected_with_a_clear_message(call: Any, error: type, text: str) -> None:
    assert_rejected(call, error, text)


# ---------------------------------------------------------------------- the explorer
# (kept here, not in test_widgets.py, so that the chapter-7 branch touches one test file)


def test_logistic_explorer_sliders_are_linked_and_mle_is_python_s() -> None:
    from mle_book.widgets import LogisticFigure, logistic_explorer

    data = M.load_dataset("spector")
    gpa, grade = data["GPA"].to_numpy(), data["GRADE"].to_numpy()
    box = logistic_explorer(gpa, grade, feature="GPA", intercept=0.5, slope=1.0)
    intercept, slope, figure = box.children
    assert isinstance(figure, LogisticFigure)
    assert {(link.source[0], link.target[1]) for link in figure.links} == {
        (intercept, "intercept"),
        (slope, "slope"),
    }
    assert set(figure._redraw_on) <= set(figure.traits())
    fit = M.logistic_newton(M.design_matrix(gpa - gpa.mean()), grade)
    np.testing.assert_allclose(figure.beta_hat, fit.beta, rtol=1e-12)
    assert figure.center == pytest.approx(gpa.mean())
    assert (figure.intercept, figure.slope) == (0.5, 1.0)
    assert intercept.min <= fit.beta[0] <= intercept.max
    assert slope.min <= fit.beta[1] <= slope.max
    assert figure.slope_range == [slope.min, slope.max]
    assert figure.x_range[0] < gpa.min() and figure.x_range[1] > gpa.max()
    js = (Path(M.__file__).parent / "static" / "explorer.js").read_text(encoding="utf-8")
    assert "logistic: drawLogistic" in js


@bad_input_cases(
    [
        ("separated", lambda: _explorer(SEPARATED_X[:, 1], SEPARATED_Y), ValueError, "separated"),
        ("constant x", lambda: _explorer([1.0, 1.0, 1.0], [0, 1, 0]), ValueError, "constant"),
        ("feature", lambda: _explorer([1.0, 2.0, 3.0], [0, 1, 0], feature=1), TypeError, "feature"),
        ("slope", lambda: _explorer([1.0, 2.0, 3.0], [0, 1, 0], slope=np.nan), ValueError, "slope"),
        ("y", lambda: _explorer([1.0, 2.0, 3.0], [0, 1, 2]), ValueError, "y"),
    ]
)
def test_logistic_explorer_rejects_bad_input(call: Any, error: type, text: str) -> None:
    assert_rejected(call, error, text)


def _explorer(*args: Any, **kwargs: Any) -> Any:
    from mle_book.widgets import logistic_explorer

    return logistic_explorer(*args, **kwargs)


# ------------------------------------------------ torch threads (mle_book._torch)


def test_torch_training_runs_on_one_thread_and_restores_the_setting(monkeypatch) -> None:
    from mle_book import _torch

    seen: list[int] = []
    real_step = torch.optim.SGD.step

    def step(self, *args, **kwargs):  # record the thread count the loop runs with
        seen.append(torch.get_num_threads())
        return real_step(self, *args, **kwargs)

    monkeypatch.setattr(torch.optim.SGD, "step", step)
    original = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        M.train_softmax_classifier(
            [[0.0], [1.0], [2.0], [3.0]],
            [0, 0, 1, 1],
            n_classes=2,
            rng=np.random.default_rng(0),
            n_steps=3,
            batch_size=2,
        )
        M.logistic_torch(M.design_matrix([0.0, 1.0, 2.0, 3.0]), [0, 1, 0, 1], lr=1.0, n_steps=3)
        assert seen == [1] * 6
        assert torch.get_num_threads() == 2
        with pytest.raises(RuntimeError), _torch.one_thread():
            raise RuntimeError("inside")
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(original)

"""Tests of mle_book.widgets: each explorer is sliders jslinked to one figure's traits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import pytest

from mle_book import widgets as explorers
from mle_book.widgets import ExplorerFigure

FACTORIES: dict[str, Callable[[], widgets.VBox]] = {
    "coin": lambda: explorers.coin_explorer(9, 4, theta=0.5),
    "coin-log": lambda: explorers.coin_explorer(9, 4, scale="log"),
    "theta": lambda: explorers.theta_explorer(9, 4),
    "sharpening": lambda: explorers.sharpening_explorer(9, 4),
    "learning-rate": lambda: explorers.learning_rate_explorer(9, 4),
    "gaussian": lambda: explorers.gaussian_explorer([0.1, 1.2, 2.3, 0.7]),
    "exponential": lambda: explorers.exponential_explorer([3.0]),
}


JS_SOURCE = (Path(explorers.__file__).parent / "static" / "explorer.js").read_text()


def _links_of(figure: ExplorerFigure) -> list[widgets.widget_link.Link]:
    assert all(link.target[0] is figure for link in figure.links)
    return figure.links


@pytest.mark.parametrize("name", FACTORIES)
def test_explorer_is_sliders_linked_to_one_figure(name: str) -> None:
    box = FACTORIES[name]()
    *controls, figure = box.children
    assert isinstance(figure, ExplorerFigure)
    assert controls, "an explorer needs at least one slider"
    links = _links_of(figure)
    linked = {(link.source[0].model_id, link.target[1]) for link in links}
    for control in controls:
        assert isinstance(control, (widgets.IntSlider, widgets.FloatSlider))
        assert control.continuous_update
        traits = [trait for model_id, trait in linked if model_id == control.model_id]
        assert len(traits) == 1, f"{control.description} must drive exactly one trait"
        assert getattr(figure, traits[0]) == control.value
        assert traits[0] in figure._redraw_on


@pytest.mark.parametrize("name", FACTORIES)
def test_figure_redraws_on_traits_that_exist(name: str) -> None:
    figure = FACTORIES[name]().children[-1]
    for trait in figure._redraw_on:
        assert figure.has_trait(trait) and figure.trait_metadata(trait, "sync")
    assert f"{figure.kind}: draw" in JS_SOURCE  # the JS draws this kind


def test_repr_is_short_and_deterministic() -> None:
    first = repr(explorers.coin_explorer(9, 4))
    second = repr(explorers.coin_explorer(9, 4))
    assert first == second and "CoinFigure()" in first


def test_coin_explorer_initial_state() -> None:
    *sliders, figure = explorers.coin_explorer(3, 7, theta=0.25, max_count=20).children
    assert (figure.n_heads, figure.n_tails, figure.theta) == (3, 7, 0.25)
    assert [s.max for s in sliders[:2]] == [20, 20]


def test_gaussian_explorer_range_covers_sample() -> None:
    sample = [-3.0, 0.0, 4.0]
    mu_slider, _sigma, figure = explorers.gaussian_explorer(sample).children
    low, high = figure.x_range
    assert low < min(sample) and high > max(sample)
    assert mu_slider.min <= min(sample) and mu_slider.max >= max(sample)


def test_static_assets_ship_with_the_package() -> None:
    assert "export default" in JS_SOURCE and "render" in JS_SOURCE
    assert figure_css().exists()


def figure_css() -> Path:
    return Path(explorers.__file__).parent / "static" / "explorer.css"

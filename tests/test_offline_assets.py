"""The build-time parts of _ext/offline_assets.py: reserved boxes for widgets and formulas.

The browser side (the boxes really match, nothing moves) is measured by `make bench`
(layout shift) and exercised by tests/test_browser.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))
offline_assets = pytest.importorskip("offline_assets")

VIEW = '<script type="application/vnd.jupyter.widget-view+json">{}</script>'


def _view(model_id: str) -> str:
    return VIEW.format(json.dumps({"version_major": 2, "version_minor": 0, "model_id": model_id}))


def _state() -> dict:
    def model(name: str, **state: object) -> dict:
        return {"model_name": name, "model_module": "x", "state": state}

    return {
        "box": model("VBoxModel", children=["IPY_MODEL_s1", "IPY_MODEL_s2", "IPY_MODEL_fig"]),
        "s1": model("FloatSliderModel"),
        "s2": model("IntSliderModel"),
        "fig": model("AnyModel", kind="coin"),
        "lonely": model("FloatSliderModel"),
        "layout": model("LayoutModel"),
    }


def test_a_view_of_sliders_and_an_explorer_reserves_rows_and_a_figure():
    body = "<p>a</p>" + _view("box") + "<p>b</p>"
    out = offline_assets.reserve_widget_boxes(body, _state())
    assert (
        '<div class="mle-widget-reserve mle-reserve-figure" style="--mle-rows: 2; '
        '--mle-panels: 1;">' in out
    )
    assert out.count(_view("box")) == 1 and out.startswith("<p>a</p>")
    assert out.count('<div class="mle-reserve-box" aria-hidden="true"></div>') == 1


def test_an_explorer_reserves_the_panels_its_own_code_draws():
    state = _state()
    state["fig"]["state"]["_esm"] = (
        "function drawCoin(svg) { const [a, b] = boxes(2); }\nconst KINDS = { coin: drawCoin };"
    )
    out = offline_assets.reserve_widget_boxes(_view("box"), state)
    assert "--mle-panels: 2;" in out


def test_the_book_explorers_panel_counts():
    esm = (Path(__file__).resolve().parents[1] / "code/mle_book/static/explorer.js").read_text()
    assert offline_assets.explorer_panels(esm, "coin") == 1
    assert offline_assets.explorer_panels(esm, "gaussian") == 2
    assert offline_assets.explorer_panels(esm, "no such kind") == 1


def test_repeated_widget_code_is_stored_once_and_the_state_is_not_modified():
    code, rules = "x" * 600, {"messages": ["m" * 600]}
    document = {
        "version_major": 2,
        "state": {
            "a": {"model_name": "AnyModel", "state": {"_esm": code, "rules": rules, "n": 1}},
            "b": {"model_name": "AnyModel", "state": {"_esm": code, "rules": rules, "n": 1}},
            "c": {"model_name": "AnyModel", "state": {"_esm": "short", "n": 1}},
        },
    }
    before = json.dumps(document)
    shared = offline_assets.share_repeated_values(document)
    assert json.dumps(document) == before
    assert shared["state"]["a"] == document["state"]["a"]
    assert shared["state"]["b"]["state"] == {
        "_esm": {"$mle_same_as": ["a", "_esm"]},
        "rules": {"$mle_same_as": ["a", "rules"]},
        "n": 1,
    }
    assert shared["state"]["c"] == document["state"]["c"]


@pytest.mark.parametrize(
    ("model_id", "expected"), [("lonely", 1), ("layout", None), ("nope", None)]
)
def test_other_views_reserve_their_rows_or_nothing(model_id: str, expected: int | None):
    body = _view(model_id)
    out = offline_assets.reserve_widget_boxes(body, _state())
    if expected is None:
        assert out == body
    else:
        assert f'class="mle-widget-reserve" style="--mle-rows: {expected};"' in out
        assert out.endswith('<div class="mle-reserve-box" aria-hidden="true"></div></div>')


def test_display_math_heights_grow_with_fractions_limits_and_rows():
    plain = offline_assets.display_math_height(r"\[ x = 1 \]")
    fraction = offline_assets.display_math_height(r"\[ \frac{a}{b} \]")
    limits = offline_assets.display_math_height(r"\[ \sum_{i=1}^n x_i \]")
    two_rows = offline_assets.display_math_height(r"\[\begin{split} a &= b \\ &= c \end{split}\]")
    assert plain < fraction < limits
    assert two_rows > plain


def test_every_formula_gets_its_reservation():
    body = (
        '<div class="math notranslate nohighlight">\\[ \\frac12 \\]</div>'
        '<p>so <span class="math notranslate nohighlight">\\(\\theta\\)</span>.</p>'
    )
    out = offline_assets.reserve_inline_math(offline_assets.reserve_display_math(body))
    assert 'style="min-height: 87px"' in out
    assert 'style="--mle-math-width: ' in out
    assert out.count("\\frac12") == 1 and out.count("\\theta") == 1


def test_inline_width_grows_with_the_formula_and_shrinks_in_scripts():
    width = offline_assets.inline_math_width
    assert width(r"\(n\)") < width(r"\(n_H\)") < width(r"\(n_H + n_T\)")
    assert width(r"\(x^{abc}\)") < width(r"\(x\,abc\)")
    assert width(r"\(\hat\theta\)") == width(r"\(\theta\)")


def test_an_explorer_box_holds_a_first_frame_for_its_explorer_model():
    out = offline_assets.reserve_widget_boxes(_view("box"), _state())
    frame = '<div class="mle-first-frame" aria-hidden="true" data-model-id="fig"></div>'
    assert out.count(frame) == 1
    # Drawn at once: the call follows the frame, inside the reserved box.
    assert out.index(frame) < out.index("window.mleFirstFrame()") < out.rindex("</div>")
    # Boxes without exactly one explorer get none.
    assert "mle-first-frame" not in offline_assets.reserve_widget_boxes(_view("lonely"), _state())


def test_the_first_frame_script_can_be_inlined():
    # An inline script ends at the first "</script": the file must not contain one.
    assert "</script" not in offline_assets.FIRST_FRAME.lower()
    assert "window.mleFirstFrame" in offline_assets.FIRST_FRAME

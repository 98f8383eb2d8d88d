"""Structural checks nbval cannot make: order, freshness and completeness of the chapters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = [
    ("01_principle", "maximum likelihood principle"),
    ("02_coin", "coin"),
    ("03_log_likelihood", "log-likelihood"),
    ("04_continuous", "continuous"),
    ("05_exercises", "exercises"),
    ("06_uncertainty", "sure"),
    ("07_models", "models"),
]
SLIDER_MODELS = {"IntSliderModel", "FloatSliderModel"}
WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json"


def load(name: str) -> dict:
    return json.loads((ROOT / "chapters" / f"{name}.ipynb").read_text(encoding="utf-8"))


def code_cells(notebook: dict) -> list[dict]:
    return [
        c for c in notebook["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()
    ]


def test_toc_lists_the_chapters_in_order() -> None:
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    names = [name for name, _ in CHAPTERS]
    # other pages (the summary, the API pages) may sit between the chapters
    files = [f for f in re.findall(r"file:\s*chapters/(\w+)", toc) if f in names]
    assert files == names


@pytest.mark.parametrize(("name", "topic"), CHAPTERS)
def test_chapter_title_names_its_topic(name: str, topic: str) -> None:
    first = "".join(load(name)["cells"][0]["source"])
    title = next(line for line in first.splitlines() if line.startswith("# "))
    assert topic in title.lower()


@pytest.mark.parametrize(("name", "_topic"), CHAPTERS)
def test_executed_top_to_bottom(name: str, _topic: str) -> None:
    counts = [cell["execution_count"] for cell in code_cells(load(name))]
    assert counts == list(range(1, len(counts) + 1)), f"re-execute {name} (make execute)"


@pytest.mark.parametrize(("name", "_topic"), CHAPTERS)
def test_cells_that_show_something_have_outputs(name: str, _topic: str) -> None:
    for cell in code_cells(load(name)):
        source = "".join(cell["source"])
        last_line = source.strip().splitlines()[-1]
        shows = "print(" in source or "plt.show()" in source or re.match(r"^\w+\(", last_line)
        if shows:
            assert cell["outputs"], f"{name}: no stored output for\n{source}"
        for output in cell["outputs"]:
            assert output["output_type"] != "error", f"{name}: stored error in\n{source}"
            assert output.get("name") != "stderr", f"{name}: warning leaked in\n{source}"


@pytest.mark.parametrize(("name", "_topic"), CHAPTERS)
def test_no_cell_is_skipped_by_nbval(name: str, _topic: str) -> None:
    for cell in load(name)["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        assert not any(tag.startswith("nbval-skip") for tag in tags)
        assert "NBVAL_SKIP" not in "".join(cell["source"])


@pytest.mark.parametrize(("name", "_topic"), CHAPTERS)
def test_imports_helpers_from_the_package(name: str, _topic: str) -> None:
    sources = "\n".join("".join(c["source"]) for c in code_cells(load(name)))
    assert re.search(r"^from mle_book(\.\w+)? import", sources, re.MULTILINE)
    assert not re.search(r"^\s*(import code\b|from code\b)", sources, re.MULTILINE)


@pytest.mark.parametrize(("name", "_topic"), CHAPTERS)
def test_stored_widget_state_has_a_linked_explorer(name: str, _topic: str) -> None:
    state = load(name)["metadata"]["widgets"][WIDGET_STATE_MIME]["state"]
    models = {model_id: entry["model_name"] for model_id, entry in state.items()}
    figures = [
        m
        for m, entry in state.items()
        if "explorer" in entry["state"].get("_esm", "") and entry["state"].get("kind")
    ]
    assert figures, f"{name}: no explorer figure in the stored widget state"
    sliders = {m for m, model in models.items() if model in SLIDER_MODELS}
    assert sliders, f"{name}: no slider"
    links = [entry["state"] for entry in state.values() if entry["model_name"] == "LinkModel"]
    linked = {
        link["source"][0].removeprefix("IPY_MODEL_")
        for link in links
        if link["target"][0].removeprefix("IPY_MODEL_") in figures
    }
    assert sliders <= linked, f"{name}: a slider is not jslinked to a figure"


@pytest.mark.parametrize(("name", "_topic"), CHAPTERS)
def test_every_figure_has_alt_text_and_a_caption(name: str, _topic: str) -> None:
    cells = load(name)["cells"]
    for index, cell in enumerate(cells):
        outputs = cell.get("outputs", [])
        if not any("image/png" in output.get("data", {}) for output in outputs):
            continue
        alt = cell["metadata"].get("mystnb", {}).get("image", {}).get("alt", "")
        assert len(alt) > 20, f"{name}: figure cell {index} needs alt text (mystnb.image.alt)"
        caption = "".join(cells[index + 1]["source"])
        assert cells[index + 1]["cell_type"] == "markdown" and caption.startswith("*"), (
            f"{name}: figure cell {index} needs a caption right below it"
        )


# The running example in every core chapter (issue 16): an explorer whose figure is the
# likelihood of 9 heads and 4 tails, with at least one slider jslinked to it.
LIKELIHOOD_KINDS = {"coin", "loglik"}


@pytest.mark.parametrize(("name", "_topic"), CHAPTERS[:5])
def test_core_chapter_stores_the_running_example_explorer(name: str, _topic: str) -> None:
    state = load(name)["metadata"]["widgets"][WIDGET_STATE_MIME]["state"]
    figures = {
        model_id
        for model_id, model in state.items()
        if model["state"].get("kind") in LIKELIHOOD_KINDS
        and model["state"].get("n_heads") == 9
        and model["state"].get("n_tails") == 4
    }
    assert figures, f"{name}: no explorer of the 9-heads, 4-tails likelihood"
    linked = [
        model
        for model in state.values()
        if model["model_name"] == "LinkModel"
        and model["state"]["target"][0].removeprefix("IPY_MODEL_") in figures
        and state[model["state"]["source"][0].removeprefix("IPY_MODEL_")]["model_name"]
        in SLIDER_MODELS
    ]
    assert linked, f"{name}: the likelihood explorer has no slider linked to it"

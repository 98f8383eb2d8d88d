"""The notebook clients readers use: Notebook 7 with a live kernel, and any MPLBACKEND.

Starts Jupyter Notebook 7 on the loopback interface, opens the coin chapter, runs every
cell, checks that every slider handle and value box has an accessible name, and moves
the heads slider with the keyboard: the figure must redraw to the new peak, and focus
must stay on the slider. The matplotlib tests start kernels the way
JupyterLab/Notebook/nbconvert (the book's kernelspec) and nbval (--nbval-current-env)
do, with MPLBACKEND=agg in the environment: figures must still be shown.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from browser_support import slider_names
from live_server import TOKEN, jupyter_server, open_and_run_all
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
# The coin chapter's explorers and their sliders (heads, tails, θ (marker); data × k).
EXPLORERS_IN_COIN, SLIDERS_IN_COIN = 2, 4
PLOT = "import matplotlib.pyplot as plt\nplt.plot([0, 1], [1, 0])\nplt.show()"


@pytest.fixture(scope="module")
def notebook_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("notebook-home")
    with jupyter_server("notebook", ROOT / "chapters", home) as url:
        yield url


def test_coin_slider_takes_the_arrow_keys_in_notebook7(
    notebook_url: str, browser: object, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        open_and_run_all(page, f"{notebook_url}/notebooks/02_coin.ipynb?token={TOKEN}")
        readout = page.locator(".jp-OutputArea .mle-explorer .mle-readout").first
        readout.wait_for(timeout=120_000)
        explorer = page.locator(".jp-OutputArea .mle-explorer").first
        assert float(explorer.get_attribute("data-peak")) == pytest.approx(9 / 13)
        # Every slider handle and value box has a name from its label (no reader-aids.js
        # in a live client: the explorer names the controls in its box).
        page.locator(".jp-OutputArea .mle-explorer").nth(EXPLORERS_IN_COIN - 1).wait_for()
        names = slider_names(page, ".jp-OutputArea")
        assert len(names) >= SLIDERS_IN_COIN
        assert [n for n in names if not n[0] or n[1:] != (1, 1)] == [], names
        # Which cell is active, by position (its class list also carries transient
        # styling such as jp-toolbar-overlap).
        active_index = (
            "[...document.querySelectorAll('.jp-Notebook .jp-Cell')]"
            ".findIndex(c => c.classList.contains('jp-mod-active'))"
        )
        handle = page.locator(".jp-OutputArea .widget-vbox").first.locator(".noUi-handle").first
        handle.scroll_into_view_if_needed()
        handle.click()  # by mouse: the slider takes focus
        cell_before = page.evaluate(active_index)
        handle.focus()
        handle.press("ArrowRight")  # 9 -> 10 heads
        page.wait_for_function(
            "el => Math.abs(+el.dataset.peak - 10 / 14) < 1e-12",
            arg=explorer.element_handle(),
            timeout=10_000,
        )
        handle.press("ArrowLeft")  # and back: the key went to the slider, not the notebook
        page.wait_for_function(
            "el => Math.abs(+el.dataset.peak - 9 / 13) < 1e-12",
            arg=explorer.element_handle(),
            timeout=10_000,
        )
        assert page.evaluate("document.activeElement.classList.contains('noUi-handle')")
        assert page.evaluate(active_index) == cell_before
    except Exception:
        page.screenshot(path=str(tmp_path / "notebook7.png"))
        raise
    finally:
        page.close()


def _plot_outputs(client: NotebookClient) -> list[dict]:
    notebook = client.execute()
    return [
        output
        for output in notebook.cells[0].outputs
        if output.get("output_type") == "display_data" and "image/png" in output.get("data", {})
    ]


def test_figures_show_with_the_books_kernelspec_under_agg(monkeypatch: pytest.MonkeyPatch) -> None:
    """JupyterLab, Notebook 7 and `make execute` start the kernelspec `python3`."""
    monkeypatch.setenv("MPLBACKEND", "agg")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PLOT)])
    client = NotebookClient(notebook, kernel_name="python3", timeout=120)
    assert len(_plot_outputs(client)) == 1


def test_figures_show_with_nbvals_current_env_kernel_under_agg(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`pytest --nbval --nbval-current-env` starts ipykernel's own spec for this Python."""
    kernel = pytest.importorskip("nbval.kernel")
    monkeypatch.setenv("MPLBACKEND", "agg")
    manager, client = kernel.start_new_kernel(kernel_name=kernel.CURRENT_ENV_KERNEL_NAME)
    outputs: list[dict] = []
    try:
        client.execute_interactive(
            PLOT,
            timeout=120,
            output_hook=lambda msg: (
                outputs.append(msg["content"]) if msg["msg_type"] == "display_data" else None
            ),
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert [o for o in outputs if "image/png" in o.get("data", {})], outputs


def test_nbval_passes_on_a_chapter_under_agg(tmp_path: Path) -> None:
    """The whole strict nbval check of one chapter, with MPLBACKEND=agg set."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-current-env",
            "--nbval-sanitize-with",
            "tests/sanitize.cfg",
            "chapters/01_principle.ipynb",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=",
            "-q",
        ],
        cwd=ROOT,
        env={**os.environ, "MPLBACKEND": "agg"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]

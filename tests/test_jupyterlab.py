"""The coin explorer with a live kernel: real JupyterLab, real kernel, real Chromium.

Starts JupyterLab on the loopback interface, opens the coin chapter, runs every cell
and moves the heads slider with the keyboard: the figure must redraw to the new peak.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "mle-book-test"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    home = tmp_path_factory.mktemp("lab-home")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "HOME": str(home),
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("jupyter")),
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={ROOT / 'chapters'}",
            "--allow-root",
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("JupyterLab did not start")
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_coin_explorer_works_with_a_live_kernel(lab_url: str, tmp_path: Path) -> None:
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(f"{lab_url}/lab/tree/02_coin.ipynb?token={TOKEN}")
            page.wait_for_selector(".jp-Notebook", timeout=60_000)
            # JupyterLab asks which kernel to start for a notebook it has not opened before.
            select = page.get_by_role("button", name="Select", exact=True)
            try:
                select.wait_for(timeout=20_000)
                select.click()
            except playwright.TimeoutError:
                pass  # the kernel started without asking
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']",
                                   timeout=60_000)
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            readout = page.locator(".jp-OutputArea .mle-explorer .mle-readout").first
            readout.wait_for(timeout=120_000)
            explorer = page.locator(".jp-OutputArea .mle-explorer").first
            assert float(explorer.get_attribute("data-peak")) == pytest.approx(9 / 13)
            vbox = page.locator(".jp-OutputArea .widget-vbox").first
            handle = vbox.locator(".noUi-handle").first
            handle.scroll_into_view_if_needed()
            handle.focus()
            handle.press("ArrowRight")  # 9 -> 10 heads
            page.wait_for_function(
                "el => Math.abs(+el.dataset.peak - 10 / 14) < 1e-12",
                arg=explorer.element_handle(),
                timeout=10_000,
            )
        except Exception:
            page.screenshot(path=str(tmp_path / "jupyterlab.png"))
            raise
        finally:
            browser.close()

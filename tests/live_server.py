"""A Jupyter server (JupyterLab or Notebook 7) on the loopback interface, for live tests.

The server runs from JupyterLab's own environment, ``.venv-lab`` (``make lab-setup``;
``make test`` creates it), as ``make lab`` runs it; the notebooks run on the book's
kernel, the ``python3`` kernelspec of the environment running the tests, found with the
widget extensions through ``JUPYTER_PATH``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

TOKEN = "mle-book-test"
ROOT = Path(__file__).resolve().parents[1]
LAB_VENV = ROOT / ".venv-lab"
# The book's environment (this Python's): its share/jupyter holds the kernelspec and
# the widget extensions (ipywidgets', anywidget's) that the server must find.
BOOK_DATA = Path(sys.prefix) / "share" / "jupyter"
# Per application: the command and the options that keep it from reaching the internet.
_APPS = {
    "lab": [
        "lab",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ],
    "notebook": ["notebook", "--JupyterNotebookApp.news_url="],
}


def lab_jupyter() -> Path:
    """The ``jupyter`` command of JupyterLab's environment; fails the test when it is missing."""
    command = LAB_VENV / "bin" / "jupyter"
    if not command.exists():
        pytest.fail(
            f"JupyterLab's environment {LAB_VENV} is missing: run `make lab-setup` "
            "(`make test` creates it)"
        )
    return command


def server_env(home: Path) -> dict[str, str]:
    """The server's environment: its own ``home``, and the book's kernel and extensions first."""
    paths = [str(BOOK_DATA), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    return {
        **os.environ,
        "JUPYTER_PATH": os.pathsep.join(paths),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "HOME": str(home),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def jupyter_server(app: str, root_dir: Path, home: Path) -> Iterator[str]:
    """Start ``jupyter <app>`` serving ``root_dir`` with its own ``home``; yield its base URL."""
    command, *options = _APPS[app]
    port = _free_port()
    env = server_env(home)
    server = subprocess.Popen(
        [
            str(lab_jupyter()),
            command,
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={root_dir}",
            "--allow-root",
            *options,
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
                    pytest.fail(f"jupyter {command} did not start")
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def open_and_run_all(page: object, url: str) -> None:
    """Open a notebook at ``url`` in a live client, start its kernel and run every cell.

    Works for JupyterLab 4 and Notebook 7 alike: both may ask which kernel to start
    for a notebook they have not opened before, and both have Run → Run All Cells.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.goto(url)
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    select = page.get_by_role("button", name="Select", exact=True)
    try:
        select.wait_for(timeout=20_000)
        select.click()
    except PlaywrightTimeout:
        pass  # the kernel started without asking
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

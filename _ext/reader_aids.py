"""What the book adds for every reader and device: a page script and the helper wheel.

``reader-aids.js`` (put on every page) makes the theme's visible sidebar buttons work
at every width, names what assistive technology would otherwise announce without a
name (slider handles, value boxes, solution toggles, the table-of-contents chevron),
makes wide boxes that scroll (math, code, API signatures) reachable by keyboard, and
lets the ".ipynb" download button save the file. It is copied, like light_icons' CSS,
to its own folder under ``_build/`` so that Jupyter Book does not also pick it up from
``_ext/``. The theme's colour mode defaults to the reader's system setting.

The helper package in ``code/`` is built into a wheel at build time and published
at the top of the built book (``html_extra_path``), so a reader who downloads a
chapter notebook can ``pip install`` the helpers it imports from there. The wheel is
rebuilt only when a file of the package is newer than it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

SCRIPT = Path(__file__).with_name("reader-aids.js")
PACKAGE = Path(__file__).resolve().parents[1] / "code"


def _package_sources() -> list[Path]:
    return [
        p
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and ".egg-info" not in str(p)
    ]


def build_wheel(target: Path) -> Path:
    """Build the helper package's wheel into ``target`` (unless an up-to-date one is there).

    Uses the environment's setuptools (``--no-build-isolation``) and no index, so the
    build stays offline; the package is copied first so its folder gets no build files.
    """
    target.mkdir(parents=True, exist_ok=True)
    wheels = sorted(target.glob("mle_book-*.whl"))
    newest = max(p.stat().st_mtime for p in _package_sources())
    if len(wheels) == 1 and wheels[0].stat().st_mtime >= newest:
        return wheels[0]
    for old in wheels:
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "code"
        shutil.copytree(
            PACKAGE, source, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
        )
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
             "--no-build-isolation", "--no-index", "--wheel-dir", str(target), str(source)],
            capture_output=True,
            text=True,
            check=False,
        )
    wheels = sorted(target.glob("mle_book-*.whl"))
    if result.returncode != 0 or len(wheels) != 1:
        raise ExtensionError(f"reader_aids: building the mle_book wheel failed:\n{result.stderr}")
    return wheels[0]


def _on_config_inited(app: Sphinx, config: Config) -> None:
    root = Path(app.outdir).parent / ".reader-aids"
    static = root / "static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SCRIPT, static / SCRIPT.name)
    config.html_static_path = [*config.html_static_path, str(static)]
    # The theme's colour mode until the reader picks one: their system's. Without it
    # every first visit logs "Got invalid theme mode" (the theme reads this from the
    # template context, not from html_theme_options).
    config.html_context = {"default_mode": "auto", **config.html_context}
    build_wheel(root / "wheel")
    config.html_extra_path = [*config.html_extra_path, str(root / "wheel")]


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("config-inited", _on_config_inited)
    app.add_js_file(SCRIPT.name, defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""What the book adds for every reader and device: a page script and the helper wheel.

``reader-aids.js`` (put on every page) makes the theme's visible sidebar buttons work
at every width, names what assistive technology would otherwise announce without a
name (slider handles and value boxes, by the explorer's own rule, which the build
copies in from explorer.js; solution toggles; the table-of-contents chevron),
makes wide boxes that scroll (math, code, API signatures) reachable by keyboard, and
lets the ".ipynb" download button save the file. It is copied, like light_icons' CSS,
to its own folder under ``_build/`` so that Jupyter Book does not also pick it up from
``_ext/``. The theme's colour mode defaults to the reader's system setting.

Saving a notebook from a book opened from ``file://``: Chromium ignores a link's
``download`` attribute there (every file is its own origin) and opens the JSON instead.
So, after the build, each notebook under ``_sources/`` gets a small script beside it
(``NN_name.ipynb.js``) that puts the notebook's text in a global; reader-aids.js loads
it only when the reader presses the button and saves the text through a ``blob:`` link,
which the browser does treat as a download. Over http(s) the plain link is kept.

The helper package in ``code/`` is built into a wheel at build time and published
at the top of the built book (``html_extra_path``), so a reader who downloads a
chapter notebook can ``pip install`` the helpers it imports from there. The wheel is
rebuilt only when a file of the package is newer than it.
"""

from __future__ import annotations

import json
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
EXPLORER = PACKAGE / "mle_book" / "static" / "explorer.js"
# reader-aids.js names sliders with the explorer's own rule: this line of it is replaced
# by that section of explorer.js (one rule for the static book and the live clients).
INCLUDE = "/* @include explorer.js: accessible names (live clients) */"
SECTION_START = "// ---- accessible names (live clients) ----"
SECTION_END = "// ---- end accessible names ----"


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


def page_script() -> str:
    """reader-aids.js with the explorer's slider-naming section put in place of INCLUDE."""
    script = SCRIPT.read_text(encoding="utf-8")
    explorer = EXPLORER.read_text(encoding="utf-8")
    start, end = explorer.find(SECTION_START), explorer.find(SECTION_END)
    if script.count(INCLUDE) != 1 or start < 0 or end < start:
        raise ExtensionError(
            f"reader_aids: {SCRIPT.name} must hold {INCLUDE!r} once and {EXPLORER} the "
            f"section {SECTION_START!r} ... {SECTION_END!r}"
        )
    return script.replace(INCLUDE, explorer[start : end + len(SECTION_END)])


def write_notebook_script(notebook: Path) -> Path:
    """Write ``<notebook>.js``, which files the notebook's text under its own URL.

    The script, loaded by reader-aids.js from the page's download button, runs
    ``window.mleNotebooks[<notebook URL>] = <text>``; the key is the script's own URL
    without ``.js``, i.e. exactly the link's resolved ``href``. The text is a JSON string
    literal with every non-ASCII character escaped, so it is valid JavaScript whatever
    the notebook holds.
    """
    text = notebook.read_text(encoding="utf-8")
    script = notebook.with_name(notebook.name + ".js")
    script.write_text(
        f"// {notebook.name}, for the book's download button (see _ext/reader_aids.py).\n"
        "(window.mleNotebooks = window.mleNotebooks || {})"
        f"[document.currentScript.src.replace(/\\.js$/, '')] = {json.dumps(text)};\n",
        encoding="utf-8",
    )
    return script


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for notebook in sorted((Path(app.outdir) / "_sources").rglob("*.ipynb")):
        write_notebook_script(notebook)


def _on_config_inited(app: Sphinx, config: Config) -> None:
    root = Path(app.outdir).parent / ".reader-aids"
    static = root / "static"
    static.mkdir(parents=True, exist_ok=True)
    (static / SCRIPT.name).write_text(page_script(), encoding="utf-8")
    config.html_static_path = [*config.html_static_path, str(static)]
    # The theme's colour mode until the reader picks one: their system's. Without it
    # every first visit logs "Got invalid theme mode" (the theme reads this from the
    # template context, not from html_theme_options).
    config.html_context = {"default_mode": "auto", **config.html_context}
    build_wheel(root / "wheel")
    config.html_extra_path = [*config.html_extra_path, str(root / "wheel")]


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("config-inited", _on_config_inited)
    app.connect("build-finished", _on_build_finished)
    app.add_js_file(SCRIPT.name, defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}

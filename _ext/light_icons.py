"""Draw the theme's icons with its Font Awesome webfonts instead of a 1.5 MB script.

pydata-sphinx-theme puts ``_static/scripts/fontawesome.js`` (Font Awesome 6's
SVG framework, ~1.5 MB) on every page, as a literal ``<script>`` in its
``static/webpack-macros.html`` template, not through ``script_files``. The book
needs no custom icons, and the theme's own stylesheet already carries Font
Awesome 6's webfont CSS (``@font-face``, ``.fa-solid``, ``.fa-bars::before``...),
so the ``<i class="fa-...">`` tags render from the webfonts without the script.

On ``config-inited`` this extension writes a copy of that template without the
script tag to ``_build/.light-icons/templates/static/`` and puts the folder first
in ``templates_path`` (templates there override the theme's); the copy is made
from the installed theme at each build, so it follows theme upgrades.
``light-icons.css`` keeps widget pages' Font Awesome 5 CSS off the theme's icons and
restores the few sizes and places that theme rules gave the SVGs. After the build
the unused script, its source map and licence file are deleted from the output.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pydata_sphinx_theme
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

THEME = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
MACROS = THEME / "static" / "webpack-macros.html"
CSS = Path(__file__).with_name("light-icons.css")


def _strip_script(template: str) -> str:
    """Return ``template`` without the lines that load fontawesome.js (and its comment)."""
    lines = template.splitlines(keepends=True)
    kept = [
        line
        for line in lines
        if "scripts/fontawesome.js" not in line and "So that users can add custom icons" not in line
    ]
    if len(lines) - len(kept) != 2:
        # A new theme version changed the template: fail loudly rather than ship a broken head.
        raise ExtensionError(f"light_icons: unexpected fontawesome.js markup in {MACROS}")
    return "".join(kept)


def _on_config_inited(app: Sphinx, config: Config) -> None:
    root = Path(app.outdir).parent / ".light-icons"
    macros = root / "templates" / "static" / "webpack-macros.html"
    macros.parent.mkdir(parents=True, exist_ok=True)
    text = _strip_script(MACROS.read_text(encoding="utf-8"))
    # Rewrite only on change: a newer template makes Sphinx rewrite every page.
    if not macros.exists() or macros.read_text(encoding="utf-8") != text:
        macros.write_text(text, encoding="utf-8")
    # Its own folder, not _ext/: every .css/.js under a static path lands on every page.
    static = root / "static"
    static.mkdir(exist_ok=True)
    shutil.copy2(CSS, static / CSS.name)
    config.templates_path = [str(root / "templates"), *config.templates_path]
    config.html_static_path = [*config.html_static_path, str(static)]


def _drop_unused_script(app: Sphinx, exception: Exception | None) -> None:
    """Delete the now unreferenced fontawesome.js (1.5 MB), its map (1.7 MB) and licence."""
    if exception is None and app.builder.format == "html":
        for path in (Path(app.outdir) / "_static" / "scripts").glob("fontawesome.js*"):
            path.unlink()


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("config-inited", _on_config_inited)
    app.connect("build-finished", _drop_unused_script)
    app.add_css_file(CSS.name)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

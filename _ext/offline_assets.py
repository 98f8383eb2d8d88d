"""Serve the browser assets the book needs from the book itself, never from a CDN.

A default Jupyter Book 1 page loads require.js, the Jupyter widget manager and
MathJax from CDNs, so opened offline it shows no widget and raw LaTeX. This
extension gathers those files, installed by package managers at build time
(npm: ``package-lock.json``; PyPI: the ``anywidget`` wheel), into
``_build/.offline-assets/offline/`` and adds that folder to ``html_static_path``,
so they are published under ``_static/offline/``. It runs on ``config-inited``
(after Jupyter Book has computed its configuration) and keeps the vendored trees
out of the book's own ``_static/``, whose every .js/.css Jupyter Book puts on
every page.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

OFFLINE = "offline"

# Runs after require.js, before the widget manager (see the file for why).
REQUIRE_CONFIG = Path(__file__).with_name("require-config.js")


def _copy_tree(source: Path, target: Path, ignore=None) -> None:
    if not source.exists():
        raise ExtensionError(
            f"offline_assets: {source} is missing; run `npm ci` in the book folder "
            "(`make book` does this) so the book can serve its own scripts"
        )
    shutil.copytree(source, target, dirs_exist_ok=True, ignore=ignore)


def gather_assets(book_root: Path, target: Path) -> Path:
    """Copy require.js, the widget manager, anywidget's AMD build and MathJax 3 to ``target``."""
    node_modules = book_root / "node_modules"
    offline = target / OFFLINE
    offline.mkdir(parents=True, exist_ok=True)
    require_js = node_modules / "requirejs" / "require.js"
    if not require_js.exists():
        raise ExtensionError(f"offline_assets: {require_js} is missing; run `npm ci`")
    shutil.copy2(require_js, offline / "require.js")
    _copy_tree(
        node_modules / "@jupyter-widgets" / "html-manager" / "dist",
        offline / "html-manager",
        ignore=shutil.ignore_patterns("*.map", "embed.js", "embed.js.LICENSE.txt"),
    )
    spec = importlib.util.find_spec("anywidget")
    if spec is None or spec.origin is None:
        raise ExtensionError("offline_assets: the anywidget package is not installed")
    _copy_tree(Path(spec.origin).parent / "nbextension", offline / "anywidget")
    mathjax = node_modules / "mathjax" / "es5"
    # MathJax: the startup module and the components it loads (see mathjax3_config in
    # _config.yml), not the all-in-one bundles, whose menu alone is 0.4 MB per page.
    bundles = {p.name for p in mathjax.glob("*.js")} - {"startup.js", "core.js"}
    _copy_tree(
        mathjax, offline / "mathjax", ignore=lambda _d, names: [n for n in names if n in bundles]
    )
    shutil.copy2(REQUIRE_CONFIG, offline / "require-config.js")
    return target


def _on_config_inited(app: Sphinx, config: Config) -> None:
    book_root = Path(app.srcdir)
    target = gather_assets(book_root, Path(app.outdir).parent / ".offline-assets")
    config.html_static_path = [*config.html_static_path, str(target)]


def _drop_thebe(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict,
    doctree: object,
) -> None:
    """Remove sphinx-thebe's scripts, which Jupyter Book 1 always adds.

    Thebe would run cells on a remote Binder kernel: the book is offline by design,
    and sphinx-thebe's inline config is added twice (a page error) with a CDN address.
    """
    scripts = context.get("script_files", [])
    context["script_files"] = [
        js
        for js in scripts
        if "thebe" not in str(js)
        and "THEBE_JS_URL" not in getattr(js, "attributes", {}).get("body", "")
    ]
    context["css_files"] = [css for css in context.get("css_files", []) if "thebe" not in str(css)]


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("config-inited", _on_config_inited)
    app.connect("html-page-context", _drop_thebe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

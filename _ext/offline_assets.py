"""Serve the browser assets the book needs from the book itself, never from a CDN.

A default Jupyter Book 1 page loads require.js, the Jupyter widget manager and
MathJax from CDNs, so opened offline it shows no widget and raw LaTeX. This
extension gathers what the pages need, installed by package managers at build time
(npm: ``package-lock.json``; PyPI: the ``anywidget`` wheel), into
``_build/.offline-assets/offline/`` and adds that folder to ``html_static_path``,
so they are published under ``_static/offline/``. It runs on ``config-inited``
(after Jupyter Book has computed its configuration) and keeps the vendored trees
out of the book's own ``_static/``, whose every .js/.css Jupyter Book puts on
every page.

- The widget manager is the book's own bundle (``js/widgets-entry.js``), built with
  esbuild from the pinned npm packages and anywidget's browser build
  (``js/build-widgets.mjs``) when it is missing or older than its inputs: 0.56 MB
  instead of html-manager's 3.6 MB ``embed-amd.js`` plus require.js, and it draws
  the widgets when the document is parsed rather than after the window's ``load``.
  The HTML sanitizer it needs only for labels that allow HTML is a separate script,
  loaded by the pages that have such a label (:func:`needs_html_sanitizer`).
- Each widget output gets its box reserved before anything draws
  (:func:`reserve_widget_boxes`): the height of its controls and figure is known
  from the widget state stored in the page, so the text below does not jump.
- On a page with widgets, repeated long values of the stored state (every explorer's
  code) are stored once (:func:`share_repeated_values`) and MathJax typesets after the
  widgets are drawn (``MATH_AFTER_WIDGETS``).
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

OFFLINE = "offline"
JS_DIR = Path(__file__).resolve().parent.parent / "js"
WIDGETS_JS = f"{OFFLINE}/widgets/widgets.js"  # relative to _static; added by LOAD_WIDGETS
WIDGETS_CSS = f"{OFFLINE}/widgets/widgets.css"
SANITIZE_JS = f"{OFFLINE}/widgets/sanitize.js"  # only on pages with a label that allows HTML
STATE_TYPE = "application/vnd.jupyter.widget-state+json"
VIEW_SCRIPT = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-view\+json">(.*?)</script>', re.DOTALL
)


def _copy_tree(source: Path, target: Path, ignore=None) -> None:
    if not source.exists():
        raise ExtensionError(
            f"offline_assets: {source} is missing; run `npm ci` in the book folder "
            "(`make book` does this) so the book can serve its own scripts"
        )
    shutil.copytree(source, target, dirs_exist_ok=True, ignore=ignore)


def anywidget_browser_module() -> Path:
    """anywidget's browser build (one AMD module) from its installed PyPI wheel."""
    spec = importlib.util.find_spec("anywidget")
    if spec is None or spec.origin is None:
        raise ExtensionError("offline_assets: the anywidget package is not installed")
    return Path(spec.origin).parent / "nbextension" / "index.js"


def build_widget_bundle(book_root: Path, target: Path) -> Path:
    """Bundle the widget manager into ``target`` with esbuild, unless it is up to date.

    Inputs: ``js/*`` (entry and build script), ``package-lock.json`` (the npm
    packages) and anywidget's browser module; the bundle is rebuilt when any is newer.
    """
    bundle = target / "widgets.js"
    esbuild = book_root / "node_modules" / "esbuild"
    if not esbuild.exists():
        raise ExtensionError(
            "offline_assets: node_modules/esbuild is missing; run `npm ci` in the book folder "
            "(`make book` does this) so the build can bundle the widget manager"
        )
    anywidget = anywidget_browser_module()
    inputs = [*JS_DIR.iterdir(), book_root / "package-lock.json", anywidget]
    newest = max(p.stat().st_mtime for p in inputs if p.is_file())
    outputs = [bundle, target / "sanitize.js"]
    if all(p.exists() for p in outputs) and min(p.stat().st_mtime for p in outputs) >= newest:
        return bundle
    node = shutil.which("node")
    if node is None:
        raise ExtensionError("offline_assets: Node.js is needed to bundle the widget manager")
    done = subprocess.run(
        [node, str(JS_DIR / "build-widgets.mjs"), str(anywidget), str(target)],
        cwd=book_root,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not bundle.exists():
        raise ExtensionError(f"offline_assets: bundling the widget manager failed:\n{done.stderr}")
    return bundle


def gather_assets(book_root: Path, target: Path) -> Path:
    """Put the widget bundle and MathJax 3 into ``target``/offline."""
    node_modules = book_root / "node_modules"
    offline = target / OFFLINE
    offline.mkdir(parents=True, exist_ok=True)
    build_widget_bundle(book_root, offline / "widgets")
    copy_mathjax(node_modules, offline / "mathjax")
    shutil.copy2(MATH_CSS, offline / MATH_CSS.name)
    return target


# ---- build-time cost: work done once, not on every build (issue 15) -------------------------

MATHJAX_STAMP = ".copied-from"


def copy_mathjax(node_modules: Path, target: Path) -> Path:
    """Copy MathJax 3's startup module and components into ``target``, unless already there.

    Only the startup module and the components it loads (see ``mathjax3_config`` in
    _config.yml), not the all-in-one bundles, whose menu alone is 0.4 MB per page. The
    copy (some 120 files) is skipped when ``target`` holds a copy of the same installed
    package: the stamp records MathJax's ``package.json`` (its version) and the list of
    files with their sizes and times, so a different ``npm ci`` result is copied again.
    """
    mathjax = node_modules / "mathjax" / "es5"
    if not mathjax.exists():
        _copy_tree(mathjax, target)  # raises the "run npm ci" error
    bundles = {p.name for p in mathjax.glob("*.js")} - {"startup.js", "core.js"}
    key = _tree_key(mathjax, skip=bundles)
    stamp = target / MATHJAX_STAMP
    if stamp.exists() and stamp.read_text(encoding="utf-8") == key:
        return target
    _copy_tree(mathjax, target, ignore=lambda _d, names: [n for n in names if n in bundles])
    stamp.write_text(key, encoding="utf-8")
    return target


def _tree_key(root: Path, skip: set[str]) -> str:
    """A fingerprint of ``root``'s package.json and files (name, size, mtime), top-level
    names in ``skip`` left out."""
    package = root.parent / "package.json"
    lines = [package.read_text(encoding="utf-8") if package.exists() else ""]
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] in skip or not path.is_file():
            continue
        info = path.stat()
        lines.append(f"{relative.as_posix()} {info.st_size} {info.st_mtime_ns}")
    return "\n".join(lines)


def adopt_nested_nodes(doctree: Any) -> int:
    """Point every node of ``doctree`` at ``doctree`` itself; return how many pointed elsewhere.

    myst-parser parses an ``eval-rst`` block (the API pages' ``automodule``) into a scratch
    document that shares the page's settings, and moves its nodes into the page still
    pointing at that scratch document. Sphinx pickles each page with ``settings.env``
    cleared on a copy of the settings, so through those nodes every API page's pickle
    also held the whole build environment (1.7 MB each, 20 MB in all). Every build, a
    rebuild with nothing changed too, unpickles all pages to number figures and
    exercises, so those copies cost seconds; pointed at their page they are not pickled.
    """
    moved = 0
    for node in doctree.findall():
        owner = node.__dict__.get("_document")
        if owner is not None and owner is not doctree:
            node._document = doctree
            moved += 1
    return moved


def _on_doctree_read(app: Sphinx, doctree: Any) -> None:
    adopt_nested_nodes(doctree)


# ---- reserved boxes for widget outputs -------------------------------------------------------

# Heights in CSS pixels, measured in Chromium with the book's theme (see widgets.css).
ROW_PX = 32  # one ipywidgets control row: 28 px inline height + 2 x 2 px margin
CONTROL_MODELS = (
    "SliderModel",
    "CheckboxModel",
    "DropdownModel",
    "TextModel",
    "ButtonModel",
    "ToggleButtonModel",
    "LabelModel",
    "HTMLModel",
    "RadioButtonsModel",
    "FloatTextModel",
    "IntTextModel",
    "BoundedFloatTextModel",
    "BoundedIntTextModel",
)


def _layout_of(state: dict[str, Any], model_id: str) -> tuple[int, int]:
    """(control rows, explorer figures) that a view of ``model_id`` stacks vertically."""
    entry = state.get(model_id)
    if entry is None:
        return 0, 0
    name = entry.get("model_name", "")
    values = entry.get("state", {})
    if name == "AnyModel":
        return (0, 1) if values.get("kind") else (0, 0)
    if name in ("VBoxModel", "BoxModel", "GridBoxModel", "HBoxModel"):
        parts = [
            _layout_of(state, str(child).removeprefix("IPY_MODEL_"))
            for child in values.get("children", [])
        ]
        if name == "HBoxModel":  # side by side: the tallest child
            return max((p for p in parts), default=(0, 0))
        return sum(p[0] for p in parts), sum(p[1] for p in parts)
    if name.endswith(CONTROL_MODELS):
        return 1, 0
    return 0, 0


_KINDS = re.compile(r"const KINDS\s*=\s*\{([^}]*)\}")
_KIND_ENTRY = re.compile(r"(\w+)\s*:\s*(\w+)")
_BOXES = re.compile(r"\bboxes\((\d+)\)")


def explorer_panels(esm: str, kind: str) -> int:
    """How many panels an explorer of ``kind`` draws, read from its own JavaScript.

    ``esm`` is the explorer's code as stored in the widget state (``_esm``): its
    ``KINDS`` table names the draw function of each kind, which asks ``boxes(n)``
    for its ``n`` panels. 1 when the code does not say.

    Examples
    --------
    >>> js = "function drawA(svg) { boxes(2); }\\nfunction drawB(svg) { boxes(1)[0]; }\\n"
    >>> js += "const KINDS = { a: drawA, b: drawB };"
    >>> explorer_panels(js, "a"), explorer_panels(js, "b"), explorer_panels(js, "c")
    (2, 1, 1)
    """
    table = _KINDS.search(esm)
    function = dict(_KIND_ENTRY.findall(table.group(1))).get(kind) if table else None
    if function is None:
        return 1
    body = re.search(rf"function {function}\((.*?)(?=^function |^const |\Z)", esm, re.S | re.M)
    counts = [int(n) for n in _BOXES.findall(body.group(0))] if body else []
    return max(counts, default=1)


def explorer_ids(state: dict[str, Any], model_id: str) -> list[str]:
    """Ids of the explorer models a view of ``model_id`` shows, in page order.

    Examples
    --------
    >>> state = {"box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_f"]}},
    ...          "f": {"model_name": "AnyModel", "state": {"kind": "coin"}}}
    >>> explorer_ids(state, "box"), explorer_ids(state, "f"), explorer_ids(state, "x")
    (['f'], ['f'], [])
    """
    entry = state.get(model_id) or {}
    values = entry.get("state", {})
    if entry.get("model_name") == "AnyModel" and values.get("kind"):
        return [model_id]
    return [
        found
        for child in values.get("children", []) or []
        for found in explorer_ids(state, str(child).removeprefix("IPY_MODEL_"))
    ]


def reserve_widget_boxes(body: str, state: dict[str, Any]) -> str:
    """Wrap each widget view of ``body`` in a box as tall as the view will be.

    ``state`` is the page's widget-state ``state`` mapping. The box holds an empty
    ``mle-reserve-box`` whose height js/reserve.css computes from ``--mle-rows``
    (control rows) and, for one explorer figure (class ``mle-reserve-figure``), its
    number of panels ``--mle-panels`` at the width the reader's screen gives it: the
    explorer stacks its panels below 480 px. The widget manager adds
    ``mle-widget-ready`` when the view is attached, which drops the placeholder.

    A box with one explorer also gets a ``mle-first-frame`` for that explorer's
    model, which js/first-frame.js draws while the page loads (see :data:`FIRST_FRAME`).
    """

    def wrap(match: re.Match[str]) -> str:
        try:
            model_id = json.loads(html.unescape(match.group(1)))["model_id"]
        except (ValueError, KeyError, TypeError):
            return match.group(0)
        rows, figures = _layout_of(state, model_id)
        if not rows and not figures:
            return match.group(0)
        classes = "mle-widget-reserve" + (" mle-reserve-figure" if figures == 1 else "")
        style = f"--mle-rows: {rows};"
        first_frame = ""
        if figures == 1:
            explorer_id = explorer_ids(state, model_id)[0]
            explorer = state[explorer_id]["state"]
            panels = explorer_panels(str(explorer.get("_esm", "")), str(explorer["kind"]))
            style += f" --mle-panels: {panels};"
            # Drawn by js/first-frame.js as soon as the parser is here (a copy, hidden
            # from assistive technology: the live explorer replaces it moments later).
            first_frame = (
                f'<div class="mle-first-frame" aria-hidden="true" '
                f'data-model-id="{html.escape(explorer_id)}"></div>'
                "<script>window.mleFirstFrame && window.mleFirstFrame();</script>"
            )
        elif figures > 1:
            style += f" --mle-figures: {figures};"
        return (
            f'<div class="{classes}" style="{style}">{match.group(0)}'
            f'<div class="mle-reserve-box" aria-hidden="true"></div>{first_frame}</div>'
        )

    return VIEW_SCRIPT.sub(wrap, body)


# ---- reserved height for display math --------------------------------------------------------

DISPLAY_MATH = re.compile(r'<div class="math notranslate nohighlight">(.*?)</div>', re.DOTALL)
# Heights (CSS px, including MathJax's 1 em margins) of typeset display math in the book's
# theme, measured in Chromium: one plain line, a line with fractions or big delimiters, a
# line with big operators carrying limits (sums, products, limits).
MATH_LINE_PX, MATH_FRACTION_PX, MATH_LIMITS_PX = 67, 87, 105
_FRACTION = re.compile(r"\\(d?t?frac|binom|left|int|mathop|sqrt)")
_LIMITS = re.compile(r"\\(sum|prod|lim|max|min|sup|inf)_")


def display_math_height(tex: str) -> int:
    """Estimated height in px of a typeset display formula (its rows stacked).

    Examples
    --------
    >>> display_math_height(r"\\[ x = 1 \\]"), display_math_height(r"\\[ \\frac12 \\]")
    (67, 87)
    >>> display_math_height(r"\\[\\begin{split} a &= \\sum_{i=1}^n b_i \\\\ &= c \\end{split}\\]")
    132
    """
    rows = re.split(r"\\\\(?![a-zA-Z])", tex)
    heights = []
    for row in rows:
        if _LIMITS.search(row):
            heights.append(MATH_LIMITS_PX)
        elif _FRACTION.search(row):
            heights.append(MATH_FRACTION_PX)
        else:
            heights.append(MATH_LINE_PX)
    # Rows after the first add their own height without the formula's margins (2 x 20 px).
    return heights[0] + sum(h - 40 for h in heights[1:]) if heights else MATH_LINE_PX


def reserve_display_math(body: str) -> str:
    """Give each display formula its typeset height before MathJax has typeset it.

    MathJax replaces the TeX source (one line of text) by the typeset formula, two to
    four times taller, which would push the text below down after the first paint.
    """

    def reserve(match: re.Match[str]) -> str:
        height = display_math_height(html.unescape(match.group(1)))
        return (
            f'<div class="math notranslate nohighlight" style="min-height: {height}px">'
            f"{match.group(1)}</div>"
        )

    return DISPLAY_MATH.sub(reserve, body)


INLINE_MATH = re.compile(r'<span class="math notranslate nohighlight">(.*?)</span>', re.DOTALL)
MATH_CSS = Path(__file__).with_name("math-reserve.css")
# Widths (em) of TeX tokens in MathJax's CHTML output, and a factor fitted to 234 inline
# formulas of the book typeset in Chromium (median error 0.16 em, 90 % within 0.55 em).
_MATH_TOKEN = re.compile(r"\\[a-zA-Z]+|\\.|[{}^_]|\S")
_RELATIONS = {"=", "<", ">", r"\le", r"\ge", r"\approx", r"\propto", r"\sim", r"\ne", r"\to"}
_BINARY = {"+", "-", r"\times", r"\pm", r"\in"}
_NO_WIDTH = {
    r"\hat",
    r"\bar",
    r"\tilde",
    r"\vec",
    r"\mathrm",
    r"\mathbf",
    r"\mathbb",
    r"\mathcal",
    r"\text",
    r"\operatorname",
    r"\left",
    r"\right",
    r"\big",
    r"\Big",
    r"\displaystyle",
    r"\boldsymbol",
    r"\!",
}
_SPACES = {r"\,": 0.17, r"\;": 0.28, r"\:": 0.22, r"\quad": 1.0, r"\qquad": 2.0, "~": 0.33}
_NAMED = {
    r"\ln": 1.0,
    r"\log": 1.5,
    r"\exp": 1.6,
    r"\sum": 1.2,
    r"\prod": 1.2,
    r"\int": 0.8,
    r"\max": 1.8,
    r"\min": 1.6,
    r"\lim": 1.3,
    r"\top": 0.8,
    r"\infty": 1.0,
    r"\mid": 0.84,
    r"\cdot": 0.72,
    r"\frac": 0.3,
    r"\binom": 0.8,
}
_MATH_FIT = 1.26


def _token_width(token: str, script: bool) -> float:
    if token in _NO_WIDTH:
        return 0.0
    if token in _SPACES:
        return _SPACES[token]
    if token in _RELATIONS:
        return 0.78 if script else 1.33
    if token in _BINARY:
        return 0.78 if script else 1.22
    if token in _NAMED:
        return _NAMED[token]
    if token.startswith("\\"):
        return 0.6
    if token in ",.":
        return 0.45
    if token in "()[]|/":
        return 0.39
    if token == "'":
        return 0.3
    if token.isdigit():
        return 0.5
    return 0.72 if token.isupper() else 0.55


def inline_math_width(tex: str) -> float:
    """Estimated width (em) of an inline formula ``\\(...\\)`` once MathJax has typeset it.

    Examples
    --------
    >>> inline_math_width(r"\\(n_H\\)"), inline_math_width(r"\\(\\hat\\theta = 9/13\\)")
    (1.33, 4.81)
    """
    body = tex.strip().removeprefix("\\(").removesuffix("\\)")
    total, scale, stack, script = 0.0, 1.0, [], None
    for token in _MATH_TOKEN.findall(body):
        if token in ("^", "_"):
            script = scale * 0.7
        elif token == "{":
            stack.append(scale)
            if script is not None:
                scale, script = script, None
        elif token == "}":
            scale = stack.pop() if stack else 1.0
        else:
            size = script if script is not None else scale
            script = None
            total += _token_width(token, size < 1.0) * size
    return round(total * _MATH_FIT, 2)


def reserve_inline_math(body: str) -> str:
    """Give each inline formula its estimated typeset width (see math-reserve.css)."""

    def reserve(match: re.Match[str]) -> str:
        width = inline_math_width(html.unescape(match.group(1)))
        return (
            f'<span class="math notranslate nohighlight" style="--mle-math-width: {width}em">'
            f"{match.group(1)}</span>"
        )

    return INLINE_MATH.sub(reserve, body)


def _reserve_math(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    if "body" in context:
        context["body"] = reserve_inline_math(reserve_display_math(context["body"]))


def _widget_state(context: dict) -> dict[str, Any] | None:
    for js in context.get("script_files", []):
        attributes = getattr(js, "attributes", {})
        if attributes.get("type") == STATE_TYPE and attributes.get("body"):
            try:
                return json.loads(attributes["body"]).get("state", {})
            except ValueError:
                return None
    return None


def needs_html_sanitizer(state: dict[str, Any]) -> bool:
    """True when a widget of the page shows its label as HTML (``description_allow_html``).

    Only then does the widget manager sanitize HTML, with sanitize-html: a separate
    script (js/sanitize-entry.js, 0.26 MB) that such a page loads before the bundle.

    Examples
    --------
    >>> needs_html_sanitizer({"a": {"state": {"description_allow_html": False}}})
    False
    >>> needs_html_sanitizer({"a": {"state": {"description_allow_html": True}}})
    True
    """
    return any(
        (entry.get("state") or {}).get("description_allow_html") is True for entry in state.values()
    )


# ---- one copy of each widget's code in the page ----------------------------------------------

SHARED = "$mle_same_as"  # js/widgets-entry.js puts the original value back before set_state
SHARED_MIN_CHARS = 512


def share_repeated_values(document: dict[str, Any]) -> dict[str, Any]:
    """Replace repeated long values of the widget state by a reference to their first copy.

    Every explorer model stores the explorer's whole JavaScript and CSS (``_esm``,
    ``_css``), every answer box the same checking rules: a page with four explorers
    held four copies. Strings, lists and objects of at least 512 characters (as JSON)
    are shared. A later copy becomes
    ``{"$mle_same_as": [model_id, trait]}``; the book's widget manager restores it
    before it creates the models. ``document`` is the page's widget-state JSON
    (``{"version_major": ..., "state": {...}}``); it is not modified.

    Examples
    --------
    >>> code = "x" * 600
    >>> doc = {"state": {"a": {"state": {"_esm": code}}, "b": {"state": {"_esm": code}}}}
    >>> share_repeated_values(doc)["state"]["b"]["state"]["_esm"]
    {'$mle_same_as': ['a', '_esm']}
    """
    first: dict[str, list[str]] = {}
    models = {}
    for model_id, entry in document.get("state", {}).items():
        values = dict(entry.get("state", {}))
        for trait, value in values.items():
            if not isinstance(value, (str, dict, list)):
                continue
            key = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
            if len(key) < SHARED_MIN_CHARS:
                continue
            if key in first:
                values[trait] = {SHARED: first[key]}
            else:
                first[key] = [model_id, trait]
        models[model_id] = {**entry, "state": values}
    return {**document, "state": models}


def _share_widget_code(context: dict) -> None:
    for js in context.get("script_files", []):
        attributes = getattr(js, "attributes", {})
        if attributes.get("type") == STATE_TYPE and attributes.get("body"):
            try:
                document = json.loads(attributes["body"])
            except ValueError:
                return
            shared = json.dumps(share_repeated_values(document))
            attributes["body"] = shared.replace("</script>", r"<\/script>")
            return


def _widget_page(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    """On a page with widgets: the widget CSS in the head, every view's box reserved, and
    one copy of each widget's code in the stored state."""
    state = _widget_state(context)
    if state is None:
        return
    app.add_css_file(WIDGETS_CSS)
    app.add_js_file(None, body=MATH_AFTER_WIDGETS, priority=500)
    app.add_js_file(None, body=FIRST_FRAME, priority=500)
    bundle = context["pathto"](f"_static/{WIDGETS_JS}", 1) if "pathto" in context else WIDGETS_JS
    app.add_js_file(None, body=LOAD_WIDGETS.replace("{bundle}", bundle), priority=500)
    # Fetched from the start over HTTP; run only once the first frames are painted.
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="preload" href="{html.escape(bundle)}" as="script">'
    )
    if needs_html_sanitizer(state):  # before the bundle (deferred scripts run in order)
        app.add_js_file(SANITIZE_JS, defer="defer", priority=499)
    if "body" in context:
        context["body"] = reserve_widget_boxes(context["body"], state)
    _share_widget_code(context)


# Draws each explorer's first frame from the stored state while the page is parsed (see the
# file). Inline in the head: the inline calls after each explorer need it at once.
FIRST_FRAME = (JS_DIR / "first-frame.js").read_text(encoding="utf-8")
if "</script" in FIRST_FRAME.lower():  # it would end the inline script early
    raise ExtensionError("offline_assets: js/first-frame.js must not contain '</script'")

# The widget manager's bundle spends 0.1 s (0.4 s on a slow phone) in one task compiling
# and evaluating its modules; as a deferred script it ran right after parsing, before the
# browser had painted the explorers' first frames. Loaded instead once the page is parsed
# and the first frames are drawn, one frame later, so they are on screen first. (Deferred
# scripts such as sanitize.js have run by DOMContentLoaded, so the order is unchanged.)
LOAD_WIDGETS = """(function () {
  var started = false;
  function start() {
    if (started) return;
    started = true;
    var script = document.createElement("script");
    script.src = "{bundle}";
    document.head.appendChild(script);
  }
  function afterPaint() {
    requestAnimationFrame(function () { setTimeout(start, 0); });
    setTimeout(start, 250);  // no frames in a background tab
  }
  function whenFramesDrawn() {
    var drawn = window.mleFirstFramesDrawn ? window.mleFirstFramesDrawn(1000) : Promise.resolve();
    drawn.then(afterPaint, afterPaint);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", whenFramesDrawn);
  } else {
    whenFramesDrawn();
  }
})();"""

# On a page with widgets, MathJax typesets once the widgets are drawn: its components load
# while the widget bundle runs, and typesetting a chapter's formulas (0.1-0.4 s of main
# thread, 4x that on a slow phone) would otherwise land between the widget manager's
# tasks and hold the explorers back. Each formula already has its typeset size reserved
# (math-reserve.css), so the text does not move when it is typeset. The widget bundle
# calls window.mleWidgetsDrawn when it is done (or failed); without it (the bundle did not
# load) MathJax starts 2 s after the window's load event. Runs after MathJax's inline
# configuration and before its deferred startup script.
MATH_AFTER_WIDGETS = """(function () {
  var mathjax = window.MathJax;
  if (!mathjax || typeof mathjax !== "object") return;
  var drawn = new Promise(function (resolve) {
    window.mleWidgetsDrawn = resolve;
    window.addEventListener("load", function () { setTimeout(resolve, 2000); });
  });
  mathjax.startup = mathjax.startup || {};
  mathjax.startup.pageReady = function () {
    return drawn.then(function () { return window.MathJax.startup.defaultPageReady(); });
  };
})();"""


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
    # In place: these are the builder's per-page lists, which later handlers add to.
    scripts = context.get("script_files", [])
    scripts[:] = [
        js
        for js in scripts
        if "thebe" not in str(js)
        and "THEBE_JS_URL" not in getattr(js, "attributes", {}).get("body", "")
    ]
    styles = context.get("css_files", [])
    styles[:] = [css for css in styles if "thebe" not in str(css)]


# pydata-sphinx-theme sets <html data-theme> from localStorage in the head, which is empty
# on a first visit (then "auto" with the book's default_mode, see _ext/reader_aids.py);
# its deferred script later resolves it to "light" or "dark", and the theme's colour
# rules (code cells' borders and padding among them) then move the text (a layout shift
# of 0.08-0.12 on pages with code at the top). Pick the same value the theme's script
# would (mode "auto": the system's colour scheme) before the first paint; a stored
# choice is left alone.
EARLY_THEME = """(function () {
  var html = document.documentElement;
  if (html.dataset.theme && html.dataset.theme !== "auto") return;
  var mode = html.dataset.mode || "auto";
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  html.dataset.theme = mode === "auto" ? (dark ? "dark" : "light") : mode;
})();"""


def setup(app: Sphinx) -> dict[str, object]:
    app.add_js_file(None, body=EARLY_THEME, priority=100)
    app.add_css_file(f"{OFFLINE}/{MATH_CSS.name}")
    app.connect("config-inited", _on_config_inited)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("html-page-context", _drop_thebe)
    # After myst-nb (priority 500) has put the page's widget state in its scripts.
    app.connect("html-page-context", _widget_page, priority=600)
    app.connect("html-page-context", _reserve_math)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""What the book adds for every reader and device: a page script and the helper wheel.

``reader-aids.js`` (put on every page) makes the theme's visible sidebar buttons work
at every width, names what assistive technology would otherwise announce without a
name (slider handles and value boxes, by the explorer's own rule, which the build
copies in from explorer.js; solution toggles; the table-of-contents chevron),
makes wide boxes that scroll (math, code, API signatures) reachable by keyboard, lets
the ".ipynb" download button save the file, lets a solution title's link to its
exercise go there (the rest of the title still opens the solution), and adds a
"Skip to the first explorer" link beside the theme's "Skip to main content". It is
copied, like light_icons' CSS, to its own folder under ``_build/`` so that Jupyter Book
does not also pick it up from ``_ext/``. The theme's colour mode defaults to the
reader's system setting.

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

Exercises and solutions (sphinx-exercise) get two build-time fixes here. Their content
sections all carried the same ``id`` (``exercise-content`` / ``solution-content``, once per
exercise): each now takes its admonition's id plus ``-content``, so the ids of a page are
unique and the solution's toggle can point at its content (``aria-controls``, set by
reader-aids.js). And their titles, paragraphs until now, become headings in the page's
outline without changing their look: ``<p class="admonition-title" role="heading"
aria-level="N">``, N one below the section the exercise sits in, and a solution one below
the exercise it follows (``Exercise 3`` > ``Solution to Exercise 3``). The title's text is
wrapped in a span that names the heading (``aria-labelledby``), so the toggle button that
sphinx-togglebutton puts inside a solution's title does not repeat itself in the
heading's name. The space sphinx-exercise puts at the start of the title's link to its
exercise (``Solution to<a> Exercise 3</a>``) moves out of the link, so the link's underline
starts at its first word.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docutils import nodes
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


# ---- exercises and solutions: unique ids, titles as headings --------------------------
CONTENT_IDS = {"exercise-content", "solution-content"}


class exercise_heading(nodes.title):  # a docutils node class: lower-case like theirs
    """An exercise's or solution's title, written as a heading of level ``node["level"]``.

    Builders other than HTML find no visitor for it and fall back (by the node's class
    hierarchy) to their ``visit_title``, so they write it as before.
    """


def _is_exercise(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Admonition) and "exercise" in node.get("classes", [])


def _is_solution(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Admonition) and "solution" in node.get("classes", [])


def _section_depth(node: nodes.Node) -> int:
    """How many sections hold ``node``: its section's heading is h<depth>."""
    depth, parent = 0, node.parent
    while parent is not None:
        depth += isinstance(parent, nodes.section)
        parent = parent.parent
    return depth


def _solved_exercise_before(solution: nodes.Element) -> bool:
    """Whether the exercise this solution solves is the last exercise before it, in the
    same parent (then the solution's heading goes one level below the exercise's)."""
    parent = solution.parent
    siblings = parent.children[: parent.index(solution)]
    exercises = [n for n in siblings if _is_exercise(n)]
    target = solution.get("target_label")
    return bool(exercises) and target is not None and target in exercises[-1].get("ids", [])


def heading_level(node: nodes.Element) -> int:
    """The outline level of an exercise's or solution's title (see the module's notes)."""
    level = _section_depth(node) + 1
    if _is_solution(node) and _solved_exercise_before(node):
        level += 1
    return level


def fix_exercises(doctree: nodes.document) -> None:
    """Unique content ids and heading titles for every exercise and solution of a page."""
    for node in list(doctree.findall(lambda n: _is_exercise(n) or _is_solution(n))):
        if not node.get("ids"):
            continue
        own = node["ids"][0]
        for child in node.children:
            if isinstance(child, nodes.section) and CONTENT_IDS & set(child["ids"]):
                child["ids"] = [f"{own}-content"]
        title = node.children[0] if node.children else None
        if isinstance(title, nodes.title) and not isinstance(title, exercise_heading):
            heading = exercise_heading(title.rawsource, "", *title.children, **title.attributes)
            heading["level"] = heading_level(node)
            heading["label_id"] = f"{own}-title"
            node.replace(title, heading)
            title = heading
        if isinstance(title, exercise_heading):
            space_outside_links(title)


def space_outside_links(title: nodes.Element) -> None:
    """Move the space a link's text starts with to before the link.

    sphinx-exercise writes a solution's title as ``Solution to`` + a link whose text is
    `` Exercise 3 (...)``: the space was inside the link, so its underline started with it.
    """
    for ref in list(title.findall(nodes.reference)):
        first = ref.children[0] if ref.children else None
        if not isinstance(first, nodes.Text) or not first.astext()[:1].isspace():
            continue
        ref.replace(first, nodes.Text(first.astext().lstrip()))
        parent = ref.parent
        index = parent.index(ref)
        before = parent.children[index - 1] if index else None
        if not (isinstance(before, nodes.Text) and before.astext()[-1:].isspace()):
            parent.insert(index, nodes.Text(" "))


def visit_exercise_heading(self: object, node: exercise_heading) -> None:
    """``<p class="admonition-title" role="heading" aria-level="N"
    aria-labelledby="..."><span id="...">[number] title</span> ... </p>``."""
    self.body.append(
        self.starttag(
            node,
            "p",
            "",
            CLASS="admonition-title",
            # Upper-case keys: pydata-sphinx-theme's translator sets ARIA-LEVEL="2" on
            # every role="heading" that has no ARIA-LEVEL key.
            ROLE="heading",
            **{"ARIA-LEVEL": str(node["level"]), "ARIA-LABELLEDBY": node["label_id"]},
        )
    )
    self.body.append(f'<span class="mle-title-text" id="{node["label_id"]}">')
    self.add_fignumber(node.parent)  # "Exercise 3 ", as Sphinx writes a numbered title
    self.context.append("</span></p>\n")


def depart_exercise_heading(self: object, node: exercise_heading) -> None:
    self.depart_title(node)


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    fix_exercises(doctree)


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
    app.connect("doctree-resolved", _on_doctree_resolved)
    app.add_node(exercise_heading, html=(visit_exercise_heading, depart_exercise_heading))
    app.add_js_file(SCRIPT.name, defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""The build-time parts of _ext/reader_aids.py: the page script and the notebook scripts.

The browser side (the download saves the file from file://, sliders are named) is
exercised by tests/test_browser.py, tests/test_a11y.py and the live-client tests.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))
reader_aids = pytest.importorskip("reader_aids")
ExtensionError = pytest.importorskip("sphinx.errors").ExtensionError


def test_page_script_holds_the_explorers_naming_rule_once() -> None:
    script = reader_aids.page_script()
    explorer = reader_aids.EXPLORER.read_text(encoding="utf-8")
    start = explorer.index(reader_aids.SECTION_START)
    end = explorer.index(reader_aids.SECTION_END) + len(reader_aids.SECTION_END)
    assert reader_aids.INCLUDE not in script
    assert script.count(explorer[start:end]) == 1
    assert script.count("function nameSliderControls(") == 1
    assert "nameSliderControls(document)" in script


def test_page_script_fails_loudly_without_the_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    explorer = tmp_path / "explorer.js"
    explorer.write_text("export default {};\n", encoding="utf-8")
    monkeypatch.setattr(reader_aids, "EXPLORER", explorer)
    with pytest.raises(ExtensionError, match="accessible names"):
        reader_aids.page_script()


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_notebook_script_gives_back_the_exact_text(tmp_path: Path) -> None:
    """Whatever the notebook holds (non-ASCII, line separators, quotes, </script>), the
    script files exactly its text under its own URL without ``.js``."""
    text = json.dumps(
        {
            "cells": [{"source": ['θ̂ = 9/13 \u2028 \u2029 "quoted" \\ </script> `${x}`\n']}],
            "nbformat": 4,
        },
        ensure_ascii=False,
        indent=1,
    )
    notebook = tmp_path / "01_x.ipynb"
    notebook.write_text(text, encoding="utf-8")
    script = reader_aids.write_notebook_script(notebook)
    assert script == tmp_path / "01_x.ipynb.js"
    url = "file:///book/_sources/chapters/01_x.ipynb"
    runner = (
        "const fs = require('fs'); globalThis.window = {};"
        f"globalThis.document = {{currentScript: {{src: {json.dumps(url + '.js')}}}}};"
        f"eval(fs.readFileSync({json.dumps(str(script))}, 'utf8'));"
        f"process.stdout.write(JSON.stringify(window.mleNotebooks[{json.dumps(url)}]));"
    )
    result = subprocess.run(
        ["node", "-e", runner], capture_output=True, text=True, check=True, encoding="utf-8"
    )
    assert json.loads(result.stdout) == text
    assert script.read_text(encoding="utf-8").isascii()


# ---- exercises and solutions (build time): unique ids, titles as headings -------------
def _exercise_page() -> tuple[object, object, object, object]:
    """document > section (h1) > section (h2) > exercise, its solution, another solution."""
    nodes = pytest.importorskip("docutils.nodes")

    def admonition(kind: str, ident: str, content_id: str, **extra: str) -> object:
        box = nodes.admonition(classes=[kind], ids=[ident], **extra)
        box += nodes.title("", "", nodes.Text(f"{kind} {ident}"))
        box += nodes.section(ids=[content_id])
        return box

    document = nodes.document(None, None)
    chapter = nodes.section(ids=["chapter"])
    part = nodes.section(ids=["part"])
    exercise = admonition("exercise", "ex-a", "exercise-content")
    solution = admonition("solution", "sol-1", "solution-content", target_label="ex-a")
    elsewhere = admonition("solution", "sol-2", "solution-content", target_label="ex-b")
    part += [exercise, solution, elsewhere]
    chapter += part
    document += chapter
    return document, exercise, solution, elsewhere


def test_exercise_content_ids_become_unique() -> None:
    document, exercise, solution, elsewhere = _exercise_page()
    reader_aids.fix_exercises(document)
    ids = [box.children[1]["ids"] for box in (exercise, solution, elsewhere)]
    assert ids == [["ex-a-content"], ["sol-1-content"], ["sol-2-content"]]


def test_exercise_titles_become_headings_one_below_their_section() -> None:
    document, exercise, solution, elsewhere = _exercise_page()
    reader_aids.fix_exercises(document)
    reader_aids.fix_exercises(document)  # idempotent
    titles = [box.children[0] for box in (exercise, solution, elsewhere)]
    assert all(isinstance(t, reader_aids.exercise_heading) for t in titles)
    # h2 section > exercise at 3 > its solution at 4; a solution of another exercise: 3
    assert [t["level"] for t in titles] == [3, 4, 3]
    assert [t.astext() for t in titles] == ["exercise ex-a", "solution sol-1", "solution sol-2"]
    assert titles[0]["label_id"] == "ex-a-title"


def test_a_solution_titles_link_starts_with_its_first_word() -> None:
    """sphinx-exercise's ``Solution to`` + link `` Exercise 1 (...)``: the space goes
    before the link (its underline started with it), once, and the title reads the same."""
    nodes = pytest.importorskip("docutils.nodes")
    document, _, solution, _ = _exercise_page()
    link = nodes.reference("", "", nodes.Text(" Exercise 1"), nodes.Text(" ("),
                           nodes.Text("One waiting time"), nodes.Text(")"), refid="ex-a")
    solution.children[0].replace_self(
        nodes.title("", "", nodes.Text("Solution to"), link)
    )
    reader_aids.fix_exercises(document)
    reader_aids.fix_exercises(document)  # idempotent
    title = solution.children[0]
    assert title.astext() == "Solution to Exercise 1 (One waiting time)"
    (ref,) = title.findall(nodes.reference)
    assert ref.astext() == "Exercise 1 (One waiting time)"
    before = title.children[title.index(ref) - 1]
    assert before.astext().endswith(" ") and not before.astext().endswith("  ")

"""Tests for mle_book.answers: the answer boxes and their JavaScript checker.

The JavaScript (static/answer.js) is run under Node.js on the shared answer table and
on thousands of random strings: every verdict and message must equal what the Python
check returns. The browser tests (tests/test_browser_exercises.py) then type the table
into the built page.
"""

from __future__ import annotations

import doctest
import json
import random
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from answer_table import REPORTED, STATE, rows

from mle_book import answers
from mle_book.answers import AnswerBox, AnswerProgress, answer_box, answer_progress
from mle_book.exercises import EXERCISES, exercise_data

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "code" / "mle_book" / "static"
NODE = shutil.which("node")


# ------------------------------------------------------------------------- widgets


@pytest.mark.parametrize("name", list(EXERCISES))
def test_answer_box_carries_the_exercise_data(name: str) -> None:
    box = answer_box(name)
    data = exercise_data()
    spec = dict(data["exercises"][name])
    spec.pop("sample", None)
    assert isinstance(box, AnswerBox)
    assert box.exercise == name and box.role == "box"
    assert box.spec == spec
    assert box.rules == data["rules"]
    assert box.names == list(EXERCISES)
    assert box.number == list(EXERCISES).index(name) + 1
    assert repr(box) == f"AnswerBox(exercise={name!r})"
    assert box.check(repr(spec["exact"])).correct
    assert box.check("abc").message == EXERCISES[name]("abc").message


def test_answer_box_traits_are_synced_and_use_answer_js() -> None:
    box = answer_box("odds")
    for trait in ("role", "exercise", "number", "spec", "rules", "names", "storage_prefix"):
        assert box.trait_metadata(trait, "sync"), trait
    assert "export default" in box._esm and ".mle-answer" in box._css
    assert box.storage_prefix == answers.STORAGE_PREFIX


def test_answer_progress() -> None:
    progress = answer_progress()
    assert isinstance(progress, AnswerProgress)
    assert progress.role == "progress" and progress.names == list(EXERCISES)
    assert repr(progress) == "AnswerProgress()"


@pytest.mark.parametrize(
    ("name", "error"), [("no_such", ValueError), (3, TypeError), (None, TypeError)]
)
def test_answer_box_rejects_unknown_exercises(name: object, error: type) -> None:
    with pytest.raises(error, match="name"):
        answer_box(name)  # type: ignore[arg-type]


def test_docstring_examples() -> None:
    results = doctest.testmod(answers)
    assert results.attempted > 0 and results.failed == 0


def test_data_file_and_assets_are_package_data() -> None:
    config = tomllib.loads((ROOT / "code" / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["mle_book"]
    assert "exercise_data.json" in patterns
    assert "static/*.js" in patterns and "static/*.css" in patterns


def test_javascript_holds_no_exercise_specific_value_or_text() -> None:
    script = (STATIC / "answer.js").read_text(encoding="utf-8")
    data = exercise_data()
    for name, spec in data["exercises"].items():
        assert name not in script
        texts = [spec["hint"], spec["explanation"]]
        texts += [m["hint"] for m in spec["mistakes"]] + [c["hint"] for c in spec["constraints"]]
        for text in texts:
            assert text[:25] not in script
    for text in data["rules"]["messages"].values():
        assert text[:25] not in script  # the messages come from the data too
    numbers = {float(token) for token in __import__("re").findall(r"\d+\.\d+", script)}
    assert not numbers, f"no decimal constants in answer.js, found {numbers}"


# ----------------------------------------------------------- the same rules in Node.js


def _run_node(cases: list[tuple[str, str]], tmp_path: Path) -> list[dict]:
    if NODE is None:
        pytest.skip("Node.js is needed to run answer.js outside a browser")
    module = tmp_path / "answer.mjs"
    module.write_text((STATIC / "answer.js").read_text(encoding="utf-8"), encoding="utf-8")
    data_path = tmp_path / "data.json"
    data_path.write_text(json.dumps({"data": exercise_data(), "cases": cases}), encoding="utf-8")
    runner = tmp_path / "run.mjs"
    runner.write_text(
        "import { judge } from './answer.mjs';\n"
        "import { readFileSync } from 'node:fs';\n"
        f"const input = JSON.parse(readFileSync({json.dumps(str(data_path))}, 'utf8'));\n"
        "const out = input.cases.map(([name, text]) =>\n"
        "  judge(text, input.data.exercises[name], input.data.rules));\n"
        "process.stdout.write(JSON.stringify(out));\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [NODE, str(runner)], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(result.stdout)


def _compare(cases: list[tuple[str, str]], tmp_path: Path) -> None:
    verdicts = _run_node(cases, tmp_path)
    mismatches = []
    for (name, text), verdict in zip(cases, verdicts, strict=True):
        feedback = EXERCISES[name](text)
        if (verdict["correct"], verdict["message"]) != (feedback.correct, feedback.message):
            mismatches.append((name, text, verdict["message"], feedback.message))
    assert not mismatches, mismatches[:5]


def test_javascript_agrees_with_python_on_the_answer_table(tmp_path: Path) -> None:
    _compare([(row.name, row.text) for row in rows()], tmp_path)


def test_javascript_states_are_the_table_kinds(tmp_path: Path) -> None:
    """The box's data-state (which sets its colour) is the kind of verdict in the table."""
    table = rows()
    verdicts = _run_node([(row.name, row.text) for row in table], tmp_path)
    wrong = [
        (row.name, row.text, row.kind, verdict["state"])
        for row, verdict in zip(table, verdicts, strict=True)
        if verdict["state"] != STATE[row.kind] or row.hint not in verdict["message"]
    ]
    assert not wrong, wrong[:5]


def test_javascript_on_the_reported_cases(tmp_path: Path) -> None:
    """The reader's report, in the browser's checker: one verdict per number, typed text echoed."""
    cases = [
        ("poisson_rate", "3"),
        ("poisson_rate", "3.0"),
        ("standard_error", "0.1"),
        ("standard_error", "0.12"),
        ("standard_error", "0.13"),
        ("gaussian_mean", "2"),
        ("exponential_rate", "3"),
        ("exponential_rate", "3.0"),
        ("odds", "0,333"),
        ("odds", "2,5"),
    ]
    states = [v["state"] for v in _run_node(cases, tmp_path)]
    assert states[:6] == ["few_figures"] * 6
    assert states[6:8] == ["mistake", "mistake"]
    assert states[8:] == ["unreadable", "unreadable"]
    messages = [v["message"] for v in _run_node(cases, tmp_path)]
    assert "You entered 3.0. " in messages[1] and "You entered 3.0. " in messages[7]
    assert messages[0].replace("3.", "3.0.") == messages[1]
    pairs = zip(messages[2:5], cases[2:5], strict=True)
    assert len({m.replace(t, "…") for m, (_, t) in pairs}) == 1
    assert "decimal point, e.g. 0.333" in messages[8] and messages[8] == messages[9]
    assert len(REPORTED) >= 40


def test_javascript_agrees_with_python_on_random_text(tmp_path: Path) -> None:
    generator = random.Random(20261130)
    alphabet = "0123456789" * 3 + "..//eE+-  \u2212\t\u00a0x,"
    cases = []
    names = list(EXERCISES)
    for i in range(6000):
        size = generator.randint(0, 14)
        text = "".join(generator.choice(alphabet) for _ in range(size))
        cases.append((names[i % len(names)], text))
    for i in range(3000):  # numbers near each exact answer and mistake, at 1..8 figures
        name = names[i % len(names)]
        spec = exercise_data()["exercises"][name]
        targets = [spec["exact"]] + [m["value"] for m in spec["mistakes"]]
        value = generator.choice(targets) * (1 + generator.uniform(-0.02, 0.02))
        figures = generator.randint(1, 8)
        cases.append((name, f"{value:.{figures}g}"))
        cases.append((name, f"{value:.{figures}e}"))
        cases.append((name, f"{value:.{figures}g}".replace(".", ",")))  # decimal comma
    _compare(cases, tmp_path)


@pytest.mark.parametrize(
    "text",
    [
        "1234565",
        "-0",
        "0.00001234567",
        "123456789",
        "1e21",
        "-1e-7",
        "9.999995",
        " 3.0 ",
        "\u22122.50",
        "+2.0e0",
        "\u00a03.\u2009",
        "1 / 4",
        "00012.30",
    ],
)
def test_the_typed_text_is_echoed_trimmed(text: str, tmp_path: Path) -> None:
    _compare([("gaussian_mean", text)], tmp_path)
    [verdict] = _run_node([("gaussian_mean", text)], tmp_path)
    trimmed = text.strip(exercise_data()["rules"]["space"])
    assert f"You entered {trimmed}" in verdict["message"]

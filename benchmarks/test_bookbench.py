"""Tests of the benchmark helpers: parsing, statistics, tables, pass/fail rules.

No test measures or asserts a timing; the browser, build and nbval runs are
exercised by ``make bench`` itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
import run
from bookbench import report, targets
from bookbench.book import (
    BuildRun,
    Page,
    append_to_markdown_cell,
    find_pages,
    largest_notebook,
    parse_build_log,
    toc_docnames,
)
from bookbench.browser import (
    BrowserResult,
    PageWeight,
    Resource,
    SliderLatency,
    category_of,
    widget_state_bytes,
)
from bookbench.builds import RebuildResult
from bookbench.loading import Load, PageLoads, _aggregate
from bookbench.stats import percentile, ratio, summarize
from bookbench.validation import TimedRun, parse_durations, pytest_command, pytest_outcome
from hypothesis import given
from hypothesis import strategies as st

floats = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=60)


# ---- statistics ---------------------------------------------------------------------------


@given(floats, st.floats(0.1, 100))
def test_percentile_is_an_observed_value_between_min_and_max(values: list[float], q: float):
    p = percentile(values, q)
    assert p in values
    assert min(values) <= p <= max(values)


@given(floats)
def test_summary_is_ordered(values: list[float]):
    s = summarize(values)
    assert s.minimum <= s.median <= s.maximum
    assert s.minimum <= s.p95 <= s.maximum
    assert s.n == len(values)


@pytest.mark.parametrize(
    ("values", "q", "error"),
    [([], 50, "empty"), ([1.0], 0, "q must"), ([1.0], 101, "q must"), ([1.0], -5, "q must")],
)
def test_percentile_rejects_bad_input(values: list[float], q: float, error: str):
    with pytest.raises(ValueError, match=error):
        percentile(values, q)


def test_p95_of_twenty_is_the_nineteenth():
    assert percentile([float(i) for i in range(20, 0, -1)], 95) == 19.0


def test_ratio_with_zero_reference_is_infinite():
    assert ratio(1.0, 0.0) == float("inf")


# ---- the book: table of contents, logs, edits -----------------------------------------------


def test_toc_docnames_walks_parts_chapters_and_sections():
    toc = {
        "format": "jb-book",
        "root": "chapters/index",
        "chapters": [
            {"file": "chapters/01_principle.ipynb"},
            {"file": "chapters/02_coin", "sections": [{"file": "chapters/02b.md"}]},
            {"url": "https://example.org", "title": "x"},
        ],
    }
    assert toc_docnames(toc) == [
        "chapters/index",
        "chapters/01_principle",
        "chapters/02_coin",
        "chapters/02b",
    ]


def _notebook(path: Path, markdown: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(text) for text in markdown]
    nb.cells.insert(1, nbformat.v4.new_code_cell("1 + 1"))
    nbformat.write(nb, path)


def test_find_pages_keeps_existing_sources_in_toc_order(tmp_path: Path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "_toc.yml").write_text(
        "root: chapters/index\nchapters:\n- file: chapters/b\n- file: chapters/missing\n"
        "- file: chapters/a\n"
    )
    (tmp_path / "chapters" / "index.md").write_text("# Index\n")
    _notebook(tmp_path / "chapters" / "a.ipynb", ["# A"])
    _notebook(tmp_path / "chapters" / "b.ipynb", ["# B", "more text " * 50])
    pages = find_pages(tmp_path)
    assert [p.docname for p in pages] == ["chapters/index", "chapters/b", "chapters/a"]
    assert [p.is_notebook for p in pages] == [False, True, True]
    assert largest_notebook(tmp_path, pages).docname == "chapters/b"
    assert pages[1].html(Path("/h")) == Path("/h/chapters/b.html")


def test_largest_notebook_needs_a_notebook(tmp_path: Path):
    with pytest.raises(ValueError, match="no notebook"):
        largest_notebook(tmp_path, [Page("index", Path("index.md"))])


def test_append_to_markdown_cell_changes_only_the_last_markdown_cell(tmp_path: Path):
    path = tmp_path / "x.ipynb"
    _notebook(path, ["# Title", "Last paragraph."])
    before = nbformat.read(path, as_version=4)
    index = append_to_markdown_cell(path, "Edited.")
    after = nbformat.read(path, as_version=4)
    assert index == 2
    assert after.cells[2].source == "Last paragraph.\n\nEdited."
    assert [c.source for c in after.cells[:2]] == [c.source for c in before.cells[:2]]


def test_append_to_markdown_cell_needs_a_markdown_cell(tmp_path: Path):
    path = tmp_path / "x.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1")]
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match="no markdown cell"):
        append_to_markdown_cell(path, "Edited.")


def test_parse_build_log_strips_colours():
    log = (
        "\x1b[01mreading sources... \x1b[39;49;00m[100%] \x1b[35mchapters/02_coin\x1b[39;49;00m\n"
        "\x1b[01mwriting output... \x1b[39;49;00m[ 50%] \x1b[32mchapters/02_coin\x1b[39;49;00m\n"
        "\x1b[01mwriting output... \x1b[39;49;00m[100%] \x1b[32mchapters/index\x1b[39;49;00m\n"
    )
    assert parse_build_log(log) == (("chapters/02_coin",), ("chapters/02_coin", "chapters/index"))


# ---- browser helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "category"),
    [
        ("file:///b/_static/offline/html-manager/embed-amd.js?v=1", "widget manager"),
        ("file:///b/_static/offline/anywidget/index.js", "anywidget AMD module"),
        ("file:///b/_static/offline/require.js?v=2", "require.js"),
        ("file:///b/_static/scripts/fontawesome.js?digest=x", "theme icons (Font Awesome)"),
        ("file:///b/_images/abc.png", "figures (PNG)"),
        ("file:///b/_static/basic.css", "theme and Sphinx CSS/JS"),
        ("file:///b/searchindex.js", "theme and Sphinx CSS/JS"),
        ("blob:null/123", "inline (blob/data URLs)"),
        ("https://cdn.example.org/x.js", "external (network)"),
        ("file:///b/chapters/x.html#top", "page HTML (incl. widget state)"),
    ],
)
def test_category_of(url: str, category: str):
    assert category_of(url, "file:///b/chapters/x.html").startswith(category)


def test_widget_state_bytes_is_zero_without_widgets():
    assert widget_state_bytes("<html><body>no widgets</body></html>") == 0


def _weight(name: str, widgets: bool, sizes: dict[str, int]) -> PageWeight:
    resources = tuple(
        Resource(f"file:///b/{u}", s, category_of(f"file:///b/{u}", "")) for u, s in sizes.items()
    )
    return PageWeight(name, widgets, resources, 0)


def test_page_weight_totals_and_breakdown():
    w = _weight(
        "p",
        True,
        {"_static/offline/mathjax/a.js": 3, "_static/offline/mathjax/b": 4, "_images/c.png": 5},
    )
    assert w.total == 12
    assert w.total_gzip == 12  # sizes unknown: counted as sent
    assert w.by_category() == [("MathJax 3", 7), ("figures (PNG)", 5)]
    assert [r.size for r in w.top(2)] == [5, 4]


# ---- pass/fail rules and the report ---------------------------------------------------------


def _slider(label: str, values: list[float]) -> SliderLatency:
    return SliderLatency("chapters/x", label, 0, tuple(values))


def test_latency_checks_use_the_slowest_slider():
    reference = summarize([30.0] * 20)
    fast = _slider("fast", [1.0] * 20)
    slow = _slider("slow", [3.0] * 18 + [20.0, 20.0])
    median, p95 = report.latency_checks([fast, slow], reference)
    assert (median.passed, p95.passed) == (True, False)
    assert "slow" in median.what and median.measured == "3.00 ms"
    assert p95.measured == "20.00 ms" and p95.result == "**miss**"
    assert median.ratio == "0.1×"


def test_latency_checks_without_sliders_are_not_applicable():
    (check,) = report.latency_checks(
        [SliderLatency("p", "s", 0, (), has_figure=False)], summarize([1.0])
    )
    assert check.passed is None and check.result == "n/a"


def test_slider_passes_needs_median_and_p95():
    assert report.slider_passes(summarize([targets.LATENCY_MEDIAN_MS] * 20))
    assert not report.slider_passes(summarize([targets.LATENCY_MEDIAN_MS + 0.01] * 20))


def test_weight_checks_use_each_group_budget():
    light = _weight("a", False, {"x.js": targets.PAGE_BYTES})
    heavy = _weight("b", False, {"x.js": targets.PAGE_BYTES + 1})
    widgets = _weight("c", True, {"x.js": targets.WIDGET_PAGE_BYTES})
    with_widgets, others = report.weight_checks([light, heavy, widgets])
    assert with_widgets.passed and not others.passed
    assert "1 of 2 over" in others.what and "heaviest: b" in others.what


def test_validation_checks_compare_medians_to_the_serial_floor():
    runs = [
        TimedRun("floor serial", 10.0, True, "", 1),
        TimedRun("nbval serial", 14.0, True, "5 passed", 1),
        TimedRun("nbval -n 2 --dist loadscope", 20.0, False, "1 failed", 1),
        TimedRun("floor serial", 20.0, True, "", 2),  # a busy round: both slower
        TimedRun("nbval serial", 32.0, True, "5 passed", 2),
        TimedRun("nbval -n 2 --dist loadscope", 40.0, False, "1 failed", 2),
    ]
    checks = {c.what: c for c in report.validation_checks(runs)}
    serial = checks["Validation: pytest --nbval, serial"]
    assert serial.passed and serial.ratio == "1.5×"
    spread = checks["Validation: pytest --nbval, -n 2 --dist loadscope (tests failed)"]
    assert not spread.passed


def test_markdown_table_escapes_pipes_and_newlines():
    table = report.markdown_table(["a"], [["x|y\nz"]])
    assert table.splitlines()[-1] == "| x\\|y z |"


def test_pytest_command_and_outcome():
    serial = pytest_command([Path("chapters/a.ipynb")], 1)
    assert "-n" not in serial and serial[-1] == "chapters/a.ipynb"
    assert "--nbval-current-env" in serial and "addopts=" in serial
    assert pytest_outcome("x\n===== 3 passed, 1 warning in 2.10s =====\n") == "3 passed, 1 warning"
    assert pytest_outcome("crashed\n") == "crashed"


@pytest.mark.parametrize("argv", [["--rounds", "0"], ["--presses", "19"]])
def test_run_rejects_too_few_rounds_or_presses(argv: list[str]):
    with pytest.raises(SystemExit):
        run.parse_args(argv)


def test_run_renders_a_document_with_partial_results():
    results = run.Results(run.dt.datetime(2026, 1, 1, tzinfo=run.dt.UTC), 1, 1, 20)
    text = run.render(results)
    assert text.startswith("# Performance benchmarks")
    assert "Validation (skipped" in text
    json.dumps(text)  # plain text, no objects leaked into the document


def _build_run(seconds: float, read: tuple[str, ...] = ()) -> BuildRun:
    return BuildRun(seconds, 0, read, read, Path("log"))


def test_rebuild_checks_pair_each_edit_with_its_round():
    result = RebuildResult(
        full=(_build_run(10.0), _build_run(30.0), _build_run(10.0)),
        edited=(_build_run(3.0, ("a",)), _build_run(12.0, ("a",)), _build_run(5.0, ("a",))),
        unchanged=(_build_run(2.0),) * 3,
        chapter=Page("a", Path("a.ipynb")),
        cell_index=4,
    )
    (check,) = report.rebuild_checks(result)
    assert check.ratio == "0.4×" and check.passed  # ratios 0.3, 0.4, 0.5
    assert "re-read: a" in check.what
    assert "markdown cell 4 of `a.ipynb`" in report.rebuild_section(result)


def test_parse_durations_and_phases_table():
    output = (
        "== slowest durations ==\n"
        "4.86s call     chapters/02_coin.ipynb::Cell 0\n"
        "0.76s setup    chapters/02_coin.ipynb::Cell 0\n"
        "0.10s call     chapters/02_coin.ipynb::Cell 3\n"
        "0.00s teardown chapters/02_coin.ipynb::Cell 3\n"
        "14 passed in 6.84s\n"
    )
    phases = parse_durations(output)
    assert [(p.phase, p.seconds) for p in phases][:2] == [("call", 4.86), ("setup", 0.76)]
    run_ = TimedRun("nbval serial", 7.0, True, "14 passed", 1, phases)
    assert run_.phase_seconds("call") == pytest.approx(4.96)
    table = report.phases_table(run_)
    assert "| `chapters/02_coin.ipynb` | 0.76 | 4.96 | 2 | Cell 0 (4.86 s) | 0.00 |" in table
    assert table.endswith("reporting): 1.28 s of 7.00 s.")


def test_weight_findings_name_the_heaviest_category():
    heavy = _weight("p", True, {"_static/offline/html-manager/e.js": 5_000_000, "x.css": 2_000_000})
    light = _weight("q", False, {"x.css": 1_000})
    browser = BrowserResult("1", (heavy, light), ())
    (note,) = run.weight_findings(browser)
    assert note.startswith("1 of 1 pages with widgets exceed their budget")
    assert "widget manager" in note and "71%" in note


# ---- 5-6. page load: explorers on screen, layout shift ---------------------------------------


def _loads(doc: str, throttle: int, rows: list[tuple[float, float | None, float]]) -> PageLoads:
    return PageLoads(doc, throttle, 1, tuple(Load(f, e, c) for f, e, c in rows))


def test_load_ratio_is_explorers_over_first_paint_and_none_without_explorers():
    assert Load(400.0, 600.0, 0.0).ratio == 1.5
    assert Load(400.0, None, 0.0).ratio is None
    assert Load(400.0, 600.0, 0.0, interactive_ms=1000.0).interactive_ratio == 2.5
    assert Load(400.0, 600.0, 0.0).interactive_ratio is None
    page = _loads("p", 1, [(400, 600, 0.0), (500, 1000, 0.01), (400, 400, 0.2)])
    assert page.median("ratio") == 1.5 and page.median("cls") == 0.01 and page.worst_cls == 0.2


def test_load_checks_use_the_worst_page_at_each_cpu_rate():
    loads = [
        _loads("fast", 1, [(400, 500, 0.0)] * 5),
        _loads("slow", 1, [(400, 800, 0.03)] * 5),
        _loads("slow", targets.THROTTLE_RATE, [(1000, 1900, 0.0)] * 5),
        _loads("text", 1, [(300, None, 0.0)] * 5),
    ]
    plain, throttled, shift = report.load_checks(loads)
    assert "worst: slow; 1 of 2" in plain.what and plain.ratio == "2×" and not plain.passed
    assert throttled.passed and throttled.ratio == "1.9×"
    assert "worst: slow; 1 of 3" in shift.what and not shift.passed
    assert "chapters" not in report.load_section(loads)  # names as given, one row per page
    assert report.shift_sources(loads) == []  # no shift records to name
    moved = Load(400.0, 800.0, 0.03, ((900.0, 0.03, ("SECTION", "P")),))
    (note,) = report.shift_sources([PageLoads("slow", 1, 1, (moved,) * 5)])
    assert note == "slow: the largest shift (0.030) came at 900 ms and moved SECTION, P."


def test_phases_are_medians_per_page_and_only_for_pages_with_explorers():
    def load(fcp: float, drawn: float | None, start: float) -> Load:
        phases = (("DOM parsed", start - 10), ("bundle-start", start)) if drawn else ()
        return Load(fcp, drawn, 0.0, (), 1, phases, drawn and drawn + 100)

    loads = [
        PageLoads("ch", 1, 1, (load(400, 600, 450), load(500, 700, 470), load(400, 800, 900))),
        PageLoads("text", 1, 0, (load(300, None, 0),)),
    ]
    assert loads[0].phase_median("bundle-start") == 470
    assert loads[0].phase_median("views-drawn") is None
    table = report.phases_section(loads)
    # FCP, parsed, (no first frame), bundle start, 3 bundle marks, explorers, interactive, MathJax
    assert "| ch | 1× | 400 | 460 |  | 470 |  |  |  | 700 | 800 |  |" in table
    assert "text" not in table


def test_run_names_pages_it_could_not_measure(tmp_path: Path):
    results = run.Results(run.dt.datetime(2026, 1, 1), 1, 1, 20)
    results.toc_pages, results.unmeasured = 3, ["chapters/x (not built)"]
    (coverage,) = [c for c in run.checks_of(results) if c.number == 0]
    assert coverage.measured == "2 of 3" and not coverage.passed
    assert "chapters/x (not built)" in coverage.what


def test_trace_aggregate_counts_outermost_activities_until_the_explorers():
    main = {"pid": 1, "tid": 2}

    def event(name: str, ts: int, dur: int, url: str = "") -> dict:
        args = {"data": {"url": url}} if url else {}
        return {"name": name, "ph": "X", "ts": ts, "dur": dur, "args": args, **main}

    events = [
        {"name": "thread_name", "ph": "M", "args": {"name": "CrRendererMain"}, **main},
        {"name": "navigationStart", "ph": "R", "ts": 0, **main},
        event("RunTask", 0, 100_000),
        event("ParseHTML", 0, 40_000),
        event("EvaluateScript", 50_000, 30_000, "file:///b/_static/offline/widgets/widgets.js"),
        event("FunctionCall", 55_000, 10_000, "file:///b/_static/offline/widgets/widgets.js"),
        event("RunTask", 150_000, 100_000),
        event("Layout", 150_000, 100_000),
    ]
    parts = dict(_aggregate(events, "file:///b/p.html", Load(100.0, 200.0, 0.0)))
    assert parts["parse HTML"] == 40.0
    assert parts["script: widget manager (book bundle, js/)"] == 30.0
    assert parts["style and layout"] == 50.0  # cut at the explorers (200 ms)
    assert parts["other (task overhead, unlabelled)"] == 30.0
    assert parts["idle or waiting (file reads, frames)"] == 50.0

"""Markdown for ``benchmarks/results.md``: a summary of targets, then one table per benchmark."""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import targets
from .book import BuildRun
from .browser import PageWeight, SliderLatency
from .builds import RebuildResult
from .loading import Breakdown, PageLoads
from .reference import ImportTime
from .stats import Summary, ratio
from .validation import TimedRun

PACKAGES = (
    "jupyter-book",
    "sphinx",
    "myst-nb",
    "nbval",
    "pytest-xdist",
    "matplotlib",
    "playwright",
)


@dataclass(frozen=True)
class Check:
    """One row of the summary: a target, what was measured and whether it was met."""

    number: int
    what: str
    target: str
    measured: str
    reference: str
    ratio: str
    passed: bool | None  # None: nothing to measure

    @property
    def result(self) -> str:
        """``pass``, ``**miss**`` or ``n/a``."""
        return "n/a" if self.passed is None else "pass" if self.passed else "**miss**"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table (``|`` in cells is escaped).

    Examples
    --------
    >>> print(markdown_table(["a", "b"], [[1, "x|y"]]))
    | a | b |
    |---|---|
    | 1 | x\\|y |
    """

    def cell(value: object) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def ms(value: float) -> str:
    """Milliseconds with 2 decimals.

    Examples
    --------
    >>> ms(1.23456)
    '1.23 ms'
    """
    return f"{value:.2f} ms"


def sec(value: float) -> str:
    """Seconds with 2 decimals.

    Examples
    --------
    >>> sec(6.4631)
    '6.46 s'
    """
    return f"{value:.2f} s"


def mb(value: float) -> str:
    """Bytes as decimal megabytes (1 MB = 10**6 bytes).

    Examples
    --------
    >>> mb(7_660_010)
    '7.66 MB'
    """
    return f"{value / 1e6:.2f} MB"


def times(value: float) -> str:
    """A ratio with 3 significant digits, such as ``0.741×``.

    Examples
    --------
    >>> times(0.7412), times(12.345), times(0.02634), times(2.0)
    ('0.741×', '12.3×', '0.0263×', '2×')
    """
    return f"{value:.3g}×"


# ---- machine ------------------------------------------------------------------------------


def _proc_field(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def machine_info(chromium_version: str | None) -> list[tuple[str, str]]:
    """(label, value) pairs describing the machine and the tool versions."""
    memory = _proc_field("/proc/meminfo", "MemTotal")
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return [
        ("CPU", f"{_proc_field('/proc/cpuinfo', 'model name') or platform.processor()}"),
        ("Cores", str(os.cpu_count())),
        ("Memory", f"{int(memory.split()[0]) / 2**20:.1f} GiB" if memory else "unknown"),
        ("OS", platform.platform()),
        ("Python", platform.python_version()),
        ("Chromium", chromium_version or "not run"),
        ("Packages", ", ".join(versions)),
    ]


def load_average() -> str:
    """The 1-minute load average (how busy the machine was)."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"


# ---- 1. slider latency ----------------------------------------------------------------------


def slider_passes(summary: Summary) -> bool:
    """A slider meets the target when its median and its p95 both do."""
    return summary.median <= targets.LATENCY_MEDIAN_MS and summary.p95 <= targets.LATENCY_P95_MS


def latency_checks(sliders: Sequence[SliderLatency], reference: Summary) -> list[Check]:
    """Summary rows for the worst slider median and the worst slider p95."""
    timed = [(s, s.summary) for s in sliders if s.summary is not None]
    if not timed:
        none = "no slider found"
        return [Check(1, "Slider latency", "median ≤ 4 ms, p95 ≤ 16.7 ms", none, "", "", None)]
    where = f"{len(timed)} sliders"
    worst_median = max(timed, key=lambda item: item[1].median)
    worst_p95 = max(timed, key=lambda item: item[1].p95)
    return [
        Check(
            1,
            f"Slider latency, median (slowest of {where}: {worst_median[0].label})",
            f"≤ {targets.LATENCY_MEDIAN_MS:g} ms",
            ms(worst_median[1].median),
            f"matplotlib PNG re-render, median {ms(reference.median)}",
            times(ratio(worst_median[1].median, reference.median)),
            all(s.median <= targets.LATENCY_MEDIAN_MS for _, s in timed),
        ),
        Check(
            1,
            f"Slider latency, p95 (slowest of {where}: {worst_p95[0].label})",
            f"≤ {targets.LATENCY_P95_MS:g} ms (one 60 Hz frame)",
            ms(worst_p95[1].p95),
            f"matplotlib PNG re-render, p95 {ms(reference.p95)}",
            times(ratio(worst_p95[1].p95, reference.p95)),
            all(s.p95 <= targets.LATENCY_P95_MS for _, s in timed),
        ),
    ]


def latency_section(sliders: Sequence[SliderLatency], reference: Summary) -> str:
    """Per-slider table plus the matplotlib reference."""
    rows = []
    for slider in sliders:
        s = slider.summary
        if s is None:
            why = "no figure found" if not slider.has_figure else "value never changed"
            rows.append([slider.docname, slider.label, 0, "", "", "", "", why])
            continue
        per_press = statistics.median(slider.mutations) if slider.mutations else 0
        rows.append(
            [
                slider.docname,
                slider.label,
                s.n,
                f"{s.median:.2f}",
                f"{s.p95:.2f}",
                f"{s.maximum:.2f}",
                f"{per_press:g}",
                "pass" if slider_passes(s) else "**miss**",
            ]
        )
    rows.append(
        [
            "(reference)",
            "matplotlib: move marker, re-render 560×300 PNG",
            reference.n,
            f"{reference.median:.2f}",
            f"{reference.p95:.2f}",
            f"{reference.maximum:.2f}",
            "",
            "",
        ]
    )
    headers = [
        "Page",
        "Slider",
        "Presses",
        "Median (ms)",
        "p95 (ms)",
        "Max (ms)",
        "DOM mutation records / press",
        "Result",
    ]
    return markdown_table(headers, rows)


# ---- 2. validation --------------------------------------------------------------------------


def _median_of(runs: Sequence[TimedRun], config: str) -> float | None:
    values = [run.seconds for run in runs if run.config == config]
    return float(statistics.median(values)) if values else None


def paired_ratios(runs: Sequence[TimedRun], config: str, reference: str) -> list[float]:
    """``config``'s time over ``reference``'s time in the same round, for every round.

    Runs of one round are seconds apart, so a busy spell slows both alike.

    Examples
    --------
    >>> runs = [TimedRun("a", 2.0, True, "", 1), TimedRun("f", 1.0, True, "", 1),
    ...         TimedRun("a", 9.0, True, "", 2), TimedRun("f", 3.0, True, "", 2)]
    >>> paired_ratios(runs, "a", "f")
    [2.0, 3.0]
    """
    base = {run.round: run.seconds for run in runs if run.config == reference}
    return [
        ratio(run.seconds, base[run.round])
        for run in runs
        if run.config == config and run.round in base
    ]


def validation_checks(runs: Sequence[TimedRun]) -> list[Check]:
    """One summary row per nbval configuration, against the serial floor."""
    floor = _median_of(runs, "floor serial")
    checks = []
    for config in sorted({run.config for run in runs if run.config.startswith("nbval")}):
        value = _median_of(runs, config)
        ratios = paired_ratios(runs, config, "floor serial")
        if value is None or floor is None or not ratios:
            continue
        ok = all(run.ok for run in runs if run.config == config)
        paired = float(statistics.median(ratios))
        checks.append(
            Check(
                2,
                f"Validation: pytest --nbval, {config.removeprefix('nbval ')}"
                + ("" if ok else " (tests failed)"),
                f"≤ {targets.VALIDATION_RATIO:g}× floor",
                sec(value),
                f"floor (kernel + imports per notebook, serial) {sec(floor)}",
                times(paired),
                paired <= targets.VALIDATION_RATIO,
            )
        )
    return checks


def validation_section(runs: Sequence[TimedRun], notebooks: Sequence[Path]) -> str:
    """Table of every configuration's rounds, median and ratios, then where nbval spends time."""
    rows = []
    for config in dict.fromkeys(run.config for run in runs):
        mine = [run for run in runs if run.config == config]
        width = config.split(" ", 1)[1]
        to_floor = paired_ratios(runs, config, "floor serial")
        to_same = paired_ratios(runs, config, f"floor {width}")
        rows.append(
            [
                config,
                ", ".join(f"{run.seconds:.2f}" for run in mine),
                f"{_median_of(runs, config) or 0.0:.2f}",
                times(statistics.median(to_floor)) if to_floor else "",
                times(statistics.median(to_same)) if to_same else "",
                "; ".join(sorted({run.outcome for run in mine})),
            ]
        )
    headers = [
        "Configuration",
        "Rounds (s)",
        "Median (s)",
        "÷ serial floor (median of rounds)",
        "÷ floor of same width",
        "Outcome",
    ]
    listed = ", ".join(f"`{nb}`" for nb in notebooks)
    parts = [f"Notebooks: {listed}.", markdown_table(headers, rows)]
    serial = sorted((r for r in runs if r.config == "nbval serial"), key=lambda r: r.seconds)
    if serial and serial[len(serial) // 2].phases:
        parts += [
            "Where the serial nbval run of median length spends its time "
            "(pytest `--durations`; a notebook's first setup starts its kernel, its first "
            "cell usually does the imports):",
            phases_table(serial[len(serial) // 2]),
        ]
    return "\n\n".join(parts)


def phases_table(run: TimedRun) -> str:
    """Per-notebook kernel start, cells and slowest cell of one nbval run, then the rest."""
    rows = []
    for notebook in sorted({p.notebook for p in run.phases}):
        mine = [p for p in run.phases if p.notebook == notebook]
        calls = [p for p in mine if p.phase == "call"]
        slowest = max(calls, key=lambda p: p.seconds, default=None)
        rows.append(
            [
                f"`{notebook}`",
                f"{sum(p.seconds for p in mine if p.phase == 'setup'):.2f}",
                f"{sum(p.seconds for p in calls):.2f}",
                len(calls),
                f"{slowest.item} ({slowest.seconds:.2f} s)" if slowest else "",
                f"{sum(p.seconds for p in mine if p.phase == 'teardown'):.2f}",
            ]
        )
    rest = run.seconds - sum(p.seconds for p in run.phases)
    headers = ["Notebook", "Setup (s)", "Cells (s)", "Cells", "Slowest cell", "Teardown (s)"]
    return (
        markdown_table(headers, rows)
        + f"\n\nOutside the tests (pytest start-up, plugins, collection, reporting): {sec(rest)} "
        + f"of {sec(run.seconds)}."
    )


# ---- 3. rebuild -----------------------------------------------------------------------------


def build_ratios(runs: Sequence[BuildRun], full: Sequence[BuildRun]) -> list[float]:
    """Each round's build time over the same round's full build."""
    return [ratio(run.seconds, base.seconds) for run, base in zip(runs, full, strict=True)]


def rebuild_checks(result: RebuildResult) -> list[Check]:
    """The rebuild-after-edit ratio (median of the rounds' ratios)."""
    full = result.median_seconds(result.full)
    edited = result.median_seconds(result.edited)
    paired = float(statistics.median(build_ratios(result.edited, result.full)))
    read = sorted({doc for run in result.edited for doc in run.docs_read})
    return [
        Check(
            3,
            f"Rebuild after editing one markdown cell (re-read: {', '.join(read) or 'none'})",
            f"≤ {targets.REBUILD_RATIO:g}× full build",
            sec(edited),
            f"full build from a clean _build {sec(full)}",
            times(paired),
            paired <= targets.REBUILD_RATIO,
        )
    ]


def rebuild_section(result: RebuildResult) -> str:
    """Table of full, after-edit and unchanged builds."""
    kinds = (
        ("full build, clean `_build`", result.full),
        (
            f"after editing markdown cell {result.cell_index} of `{result.chapter.source}`",
            result.edited,
        ),
        ("again, nothing changed (fixed cost)", result.unchanged),
    )
    rows = []
    for label, runs in kinds:
        value = result.median_seconds(runs)
        rows.append(
            [
                label,
                ", ".join(f"{run.seconds:.2f}" for run in runs),
                f"{value:.2f}",
                times(statistics.median(build_ratios(runs, result.full))),
                max(len(run.docs_read) for run in runs),
                max(len(run.docs_written) for run in runs),
                ", ".join(sorted({str(run.returncode) for run in runs})),
            ]
        )
    headers = [
        "Build",
        "Rounds (s)",
        "Median (s)",
        "÷ full (median of rounds)",
        "Docs re-read",
        "Docs written",
        "Exit code",
    ]
    return markdown_table(headers, rows)


# ---- 4. page weight -------------------------------------------------------------------------


def budget(weight: PageWeight) -> int:
    """The page's byte budget: more for pages with widgets."""
    return targets.WIDGET_PAGE_BYTES if weight.has_widgets else targets.PAGE_BYTES


def weight_checks(weights: Sequence[PageWeight]) -> list[Check]:
    """The heaviest page with widgets and the heaviest page without, against their budgets."""
    checks = []
    for has_widgets, label in ((True, "pages with widgets"), (False, "other pages")):
        group = [w for w in weights if w.has_widgets == has_widgets]
        limit = targets.WIDGET_PAGE_BYTES if has_widgets else targets.PAGE_BYTES
        if not group:
            checks.append(Check(4, f"Page weight, {label}", f"≤ {mb(limit)}", "none", "", "", None))
            continue
        heaviest = max(group, key=lambda w: w.total)
        over = sum(w.total > limit for w in group)
        checks.append(
            Check(
                4,
                f"Page weight, {label} (heaviest: {heaviest.docname}; {over} of {len(group)} over)",
                f"≤ {mb(limit)}",
                mb(heaviest.total),
                f"budget {mb(limit)}; gzip would send {mb(heaviest.total_gzip)}",
                times(ratio(heaviest.total, limit)),
                over == 0,
            )
        )
    return checks


def weight_section(weights: Sequence[PageWeight]) -> str:
    """Per-page table with the top categories, then the largest files in the book."""
    rows = []
    for w in weights:
        top = "; ".join(f"{name} {mb(size)}" for name, size in w.by_category()[:3])
        rows.append(
            [
                w.docname,
                "yes" if w.has_widgets else "no",
                len(w.resources),
                mb(w.total),
                mb(budget(w)),
                "pass" if w.total <= budget(w) else "**miss**",
                mb(w.total_gzip),
                mb(w.widget_state_bytes) if w.has_widgets else "",
                top,
            ]
        )
    headers = [
        "Page",
        "Widgets",
        "Requests",
        "Bytes loaded",
        "Budget",
        "Result",
        "If served gzip",
        "Widget state in HTML",
        "Largest contributors",
    ]
    table = markdown_table(headers, rows)
    files: dict[str, tuple[int, str, int]] = {}
    for w in weights:
        for r in w.resources:
            key = r.url.split("?")[0].split("/_build/html/")[-1]
            count = files.get(key, (0, "", 0))[2] + 1
            files[key] = (r.size, r.category, count)
    largest = sorted(files.items(), key=lambda item: -item[1][0])[:8]
    file_rows = [
        [f"`{name}`", category, mb(size), count] for name, (size, category, count) in largest
    ]
    files_table = markdown_table(["File", "Category", "Bytes", "Pages loading it"], file_rows)
    return table + "\n\nLargest files loaded (any page):\n\n" + files_table


def split_section(weights: Sequence[PageWeight]) -> str:
    """Bytes of every page with widgets, split by what loads them (one column per category)."""
    group = [w for w in weights if w.has_widgets]
    if not group:
        return "No page with widgets."
    totals: dict[str, int] = {}
    for w in group:
        for name, size in w.by_category():
            totals[name] = totals.get(name, 0) + size
    names = sorted(totals, key=lambda n: -totals[n])
    rows = []
    for w in group:
        sizes = dict(w.by_category())
        rows.append([w.docname, *(mb(sizes.get(n, 0)) for n in names), mb(w.total)])
    return markdown_table(["Page", *names, "Total"], rows)


# ---- 5. page load: explorers on screen, layout shift -----------------------------------------


def _worst(loads: Sequence[PageLoads], attr: str) -> tuple[PageLoads, float] | None:
    values = [(p, p.median(attr)) for p in loads]
    present = [(p, v) for p, v in values if v is not None]
    return max(present, key=lambda item: item[1]) if present else None


def load_checks(loads: Sequence[PageLoads]) -> list[Check]:
    """Time to explorers / FCP (unthrottled and throttled) and layout shift, worst page."""
    checks = []
    for throttle, limit in (
        (1, targets.EXPLORERS_RATIO),
        (targets.THROTTLE_RATE, targets.EXPLORERS_RATIO_THROTTLED),
    ):
        group = [p for p in loads if p.throttle == throttle and p.median("ratio") is not None]
        worst = _worst(group, "ratio")
        label = "no CPU throttling" if throttle == 1 else f"CPU throttled {throttle}×"
        if worst is None:
            checks.append(
                Check(5, f"Time to explorers, {label}", f"≤ {limit:g}× FCP", "none", "", "", None)
            )
            continue
        page, value = worst
        over = sum((p.median("ratio") or 0) > limit for p in group)
        checks.append(
            Check(
                5,
                f"Time to explorers, {label} (worst: {page.docname}; {over} of {len(group)} "
                "pages over)",
                f"≤ {limit:g}× first contentful paint",
                f"{page.median('explorers_ms') or 0:.0f} ms",
                f"first contentful paint {page.median('fcp_ms') or 0:.0f} ms",
                times(value),
                over == 0,
            )
        )
        slowest = _worst(group, "interactive_ratio")
        if slowest is not None:
            page, value = slowest
            checks.append(
                Check(
                    5,
                    f"Time to interactive (every widget drawn by the widget manager), {label} "
                    f"(slowest: {page.docname})",
                    "reported (no target)",
                    f"{page.median('interactive_ms') or 0:.0f} ms",
                    f"first contentful paint {page.median('fcp_ms') or 0:.0f} ms",
                    times(value),
                    None,
                )
            )
    plain = [p for p in loads if p.throttle == 1]
    worst = _worst(plain, "cls")
    if worst is not None:
        page, value = worst
        over = sum((p.median("cls") or 0) > targets.LAYOUT_SHIFT for p in plain)
        checks.append(
            Check(
                6,
                f"Cumulative layout shift (worst: {page.docname}; {over} of {len(plain)} pages "
                "over)",
                f"≤ {targets.LAYOUT_SHIFT:g}",
                f"{value:.3f}",
                f"worst single load {max(p.worst_cls for p in plain):.3f}",
                "",
                over == 0,
            )
        )
    return checks


def load_section(loads: Sequence[PageLoads]) -> str:
    """Per page and throttling rate: medians of FCP, explorers drawn, their ratio, CLS."""
    rows = []
    for p in sorted(loads, key=lambda p: (p.throttle, p.docname)):
        ratio_ = p.median("ratio")
        limit = targets.EXPLORERS_RATIO if p.throttle == 1 else targets.EXPLORERS_RATIO_THROTTLED
        ok_ratio = ratio_ is None or ratio_ <= limit
        ok_cls = p.throttle != 1 or (p.median("cls") or 0) <= targets.LAYOUT_SHIFT
        rows.append(
            [
                p.docname,
                f"{p.throttle}×",
                len(p.loads),
                p.explorers,
                f"{p.median('fcp_ms') or 0:.0f}",
                "" if ratio_ is None else f"{p.median('explorers_ms') or 0:.0f}",
                "" if ratio_ is None else times(ratio_),
                ", ".join(f"{x.ratio:.2f}" for x in p.loads if x.ratio is not None),
                "" if ratio_ is None else f"{p.median('interactive_ms') or 0:.0f}",
                "" if ratio_ is None else times(p.median("interactive_ratio") or 0),
                f"{p.median('cls') or 0:.3f}",
                f"{p.worst_cls:.3f}",
                "pass" if ok_ratio and ok_cls else "**miss**",
            ]
        )
    headers = [
        "Page",
        "CPU",
        "Loads",
        "Explorers",
        "FCP (ms)",
        "Explorers drawn (ms)",
        "Ratio (median)",
        "Ratio per load",
        "Interactive (ms)",
        "Interactive ÷ FCP",
        "CLS (median)",
        "CLS (worst load)",
        "Result",
    ]
    return markdown_table(headers, rows)


PHASES = (
    ("DOM parsed", "HTML parsed (`domInteractive`)"),
    ("first-frame", "last first frame drawn (js/first-frame.js)"),
    ("bundle-start", "widget bundle starts running"),
    ("bundle-evaluated", "bundle's modules evaluated"),
    ("models-created", "widget models created"),
    ("views-drawn", "every view drawn"),
    ("MathJax typeset", "MathJax has typeset the page"),
)


def phases_section(loads: Sequence[PageLoads]) -> str:
    """Per page with explorers: when each loading phase ended (median of loads, ms)."""
    rows = []
    for p in sorted(loads, key=lambda p: (p.throttle, p.docname)):
        if p.median("ratio") is None:
            continue
        fcp = p.median("fcp_ms") or 0.0
        cells = [p.docname, f"{p.throttle}×", f"{fcp:.0f}"]
        for name, _label in PHASES[:-1]:
            value = p.phase_median(name)
            cells.append("" if value is None else f"{value:.0f}")
        cells.append(f"{p.median('explorers_ms') or 0:.0f}")
        interactive = p.median("interactive_ms")
        cells.append("" if interactive is None else f"{interactive:.0f}")
        mathjax = p.phase_median(PHASES[-1][0])
        cells.append("" if mathjax is None else f"{mathjax:.0f}")
        rows.append(cells)
    headers = [
        "Page",
        "CPU",
        "first contentful paint",
        *(label for _name, label in PHASES[:-1]),
        "explorers drawn (first frame or live)",
        "interactive (every widget live)",
        PHASES[-1][1],
    ]
    return markdown_table(headers, rows)


def shift_sources(loads: Sequence[PageLoads]) -> list[str]:
    """What moved, for pages over the layout-shift target (largest shift of the worst load)."""
    notes = []
    for p in loads:
        if p.throttle != 1 or (p.median("cls") or 0) <= targets.LAYOUT_SHIFT:
            continue
        worst = max(p.loads, key=lambda x: x.cls)
        if not worst.shifts:
            continue
        at, value, sources = max(worst.shifts, key=lambda s: s[1])
        notes.append(
            f"{p.docname}: the largest shift ({value:.3f}) came at {at:.0f} ms and moved "
            f"{', '.join(sources) or 'unnamed nodes'}."
        )
    return notes


def breakdown_section(breakdowns: Sequence[Breakdown]) -> str:
    """Main-thread time until the explorers were drawn, by activity, one column per page."""
    if not breakdowns:
        return "No trace."
    names: dict[str, float] = {}
    for b in breakdowns:
        for name, value in b.parts:
            names[name] = names.get(name, 0.0) + value
    order = sorted(names, key=lambda n: -names[n])
    rows = [[name, *(f"{dict(b.parts).get(name, 0.0):.0f}" for b in breakdowns)] for name in order]
    rows.append(["**first contentful paint**", *(f"{b.fcp_ms or 0:.0f}" for b in breakdowns)])
    rows.append(["**explorers drawn**", *(f"{b.explorers_ms or 0:.0f}" for b in breakdowns)])
    return markdown_table(["Main thread (ms)", *(b.docname for b in breakdowns)], rows)


# ---- fixed costs ----------------------------------------------------------------------------


def imports_section(results: Sequence[ImportTime]) -> str:
    """Fresh-interpreter import times."""
    rows = [
        [
            f"`{r.module}`" if not r.module.startswith("(") else r.module,
            "not installed" if r.seconds is None else f"{r.seconds:.2f}",
        ]
        for r in results
    ]
    return markdown_table(["python -c 'import …'", "Median wall time (s)"], rows)


def summary_table(checks: Sequence[Check]) -> str:
    """The table of targets."""
    rows = [
        [c.number, c.what, c.target, c.measured, c.reference, c.ratio, c.result] for c in checks
    ]
    headers = ["#", "What", "Target", "Measured", "Same-run reference", "Ratio", "Result"]
    return markdown_table(headers, rows)

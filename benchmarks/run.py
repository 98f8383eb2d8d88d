"""Rerunnable performance benchmarks for the book: ``make bench``.

Measures, in one run and as ratios to references measured in the same run:

1. slider latency in the static book (headless Chromium) against a matplotlib
   PNG re-render;
2. ``pytest --nbval`` on every chapter against the floor (kernel start + imports);
3. a rebuild after editing one markdown cell against a full build;
4. the bytes every page loads, against the page budgets, split by what loads them;
5. how soon every explorer is drawn, against the same page's first contentful
   paint (Chromium as it is, and with the CPU throttled 4x), with a DevTools trace
   of where the main thread's time goes;
6. the cumulative layout shift of every page while it loads.

The book is copied to a temporary folder and built there; nothing in the
repository changes except ``benchmarks/results.md``, which is also printed.
Exits non-zero only when a benchmark could not run, never for a missed target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml
from bookbench import report, targets
from bookbench.book import (
    BUILD_FLAGS,
    Page,
    copy_book,
    find_pages,
    toc_docnames,
    unmeasurable_pages,
)
from bookbench.browser import BrowserResult, run_browser_benchmarks
from bookbench.builds import RebuildResult, run_rebuild_benchmark
from bookbench.loading import LoadResult, run_load_benchmarks
from bookbench.reference import ImportTime, import_times, matplotlib_png_ms
from bookbench.stats import Summary, summarize
from bookbench.validation import TimedRun, run_validation_benchmark

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.md"
T = TypeVar("T")


@dataclass
class Results:
    """Everything one run measured (a part is None when it was not run)."""

    started: dt.datetime
    rounds: int
    build_rounds: int
    presses: int
    pages: list[Page] = field(default_factory=list)
    rebuild: RebuildResult | None = None
    browser: BrowserResult | None = None
    matplotlib: Summary | None = None
    validation: list[TimedRun] | None = None
    notebooks: list[Path] = field(default_factory=list)
    imports: list[ImportTime] | None = None
    load: list[str] = field(default_factory=list)
    loads: LoadResult | None = None
    load_rounds: int = targets.MIN_LOAD_ROUNDS
    toc_pages: int = 0
    unmeasured: list[str] = field(default_factory=list)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="rounds of the validation and import timings (default 3)",
    )
    parser.add_argument(
        "--presses",
        type=int,
        default=30,
        help=f"key presses timed per slider (>= {targets.MIN_PRESSES}, default 30)",
    )
    parser.add_argument(
        "--build-rounds",
        type=int,
        default=5,
        help="rounds of (full build, rebuild after an edit, unchanged rebuild) (default 5)",
    )
    parser.add_argument(
        "--load-rounds",
        type=int,
        default=targets.MIN_LOAD_ROUNDS,
        help=f"loads of every page per CPU rate (>= {targets.MIN_LOAD_ROUNDS}, default "
        f"{targets.MIN_LOAD_ROUNDS})",
    )
    parser.add_argument(
        "--skip-validation",
        action="store_true",
        help="skip benchmark 2 (the slowest); the table says it was skipped",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="Markdown file to write")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary book copy (its path is printed)"
    )
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.build_rounds < 1:
        parser.error("--rounds and --build-rounds must be >= 1")
    if args.presses < targets.MIN_PRESSES:
        parser.error(f"--presses must be >= {targets.MIN_PRESSES}")
    if args.load_rounds < targets.MIN_LOAD_ROUNDS:
        parser.error(f"--load-rounds must be >= {targets.MIN_LOAD_ROUNDS}")
    return args


def step(title: str, action: Callable[[], T]) -> T:
    """Run one benchmark step, saying so on stderr."""
    print(f"[bench] {title} ...", file=sys.stderr, flush=True)
    return action()


def measure(args: argparse.Namespace, work: Path) -> Results:
    """Copy the book into ``work`` and run every benchmark there."""
    results = Results(dt.datetime.now(dt.UTC), args.rounds, args.build_rounds, args.presses)
    results.load.append(report.load_average())
    book = copy_book(REPO, work / "book")
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    results.pages = find_pages(book)
    results.rebuild = step(
        f"3. builds: {args.build_rounds} x (full, after one edit, unchanged)",
        lambda: run_rebuild_benchmark(book, results.pages, args.build_rounds, logs),
    )
    # Every page of _toc.yml is measured: name any the browser benchmarks cannot open.
    results.toc_pages = len(toc_docnames(yaml.safe_load((book / "_toc.yml").read_text())))
    results.unmeasured = unmeasurable_pages(book, results.pages, book / "_build" / "html")
    for name in results.unmeasured:
        print(f"[bench] WARNING: {name}: not measured", file=sys.stderr)
    results.matplotlib = step(
        "1. matplotlib reference",
        lambda: summarize(matplotlib_png_ms(max(args.presses, 30))),
    )
    results.browser = step(
        f"1+4. Chromium: page weight and {args.presses} presses per slider",
        lambda: run_browser_benchmarks(book / "_build" / "html", results.pages, args.presses),
    )
    results.load_rounds = args.load_rounds
    results.loads = step(
        f"5+6. Chromium: {args.load_rounds} loads per page (1x and {targets.THROTTLE_RATE}x CPU), "
        "traces",
        lambda: run_load_benchmarks(book / "_build" / "html", results.pages, args.load_rounds),
    )
    results.notebooks = [page.source for page in results.pages if page.is_notebook]
    if not args.skip_validation:
        results.validation = step(
            f"2. validation: {args.rounds} x (floor, nbval) x (serial, -n 2)",
            lambda: run_validation_benchmark(book, results.notebooks, args.rounds),
        )
    results.imports = step(
        "fixed costs: fresh-interpreter imports", lambda: import_times(args.rounds)
    )
    results.load.append(report.load_average())
    return results


def checks_of(results: Results) -> list[report.Check]:
    """Every summary row, in the issue's order."""
    checks: list[report.Check] = []
    if results.toc_pages:
        measured = results.toc_pages - len(results.unmeasured)
        checks.append(
            report.Check(
                0,
                "Pages of `_toc.yml` measured by the browser benchmarks"
                + (f" (missing: {', '.join(results.unmeasured)})" if results.unmeasured else ""),
                "every page",
                f"{measured} of {results.toc_pages}",
                "",
                "",
                not results.unmeasured,
            )
        )
    if results.browser and results.matplotlib:
        checks += report.latency_checks(results.browser.sliders, results.matplotlib)
    if results.validation:
        checks += report.validation_checks(results.validation)
    else:
        checks.append(
            report.Check(
                2,
                "Validation (skipped with --skip-validation)",
                "≤ 1.5× floor",
                "not run",
                "",
                "",
                None,
            )
        )
    if results.rebuild:
        checks += report.rebuild_checks(results.rebuild)
    if results.browser:
        checks += report.weight_checks(results.browser.weights)
    if results.loads:
        checks += report.load_checks(results.loads.loads)
    return checks


def findings(results: Results) -> list[str]:
    """Plain-language observations computed from this run's numbers."""
    notes = []
    if results.browser:
        notes += latency_findings(results.browser)
        notes += weight_findings(results.browser)
    if results.loads:
        notes += report.shift_sources(results.loads.loads)
    if results.validation:
        spread = report.paired_ratios(
            results.validation, "nbval -n 2 --dist loadscope", "nbval serial"
        )
        if spread:
            notes.append(
                "nbval with `-n 2 --dist loadscope` takes "
                f"{report.times(statistics.median(spread))} the serial run (median of rounds)."
            )
    if results.rebuild:
        full = results.rebuild.full
        fixed = statistics.median(report.build_ratios(results.rebuild.unchanged, full))
        notes.append(
            f"A rebuild that changes nothing costs {report.times(fixed)} the full build "
            "(median of rounds): start-up (imports, Sphinx extensions, loading the pickled "
            "environment) is a floor under any rebuild."
        )
    return notes


def latency_findings(browser: BrowserResult) -> list[str]:
    """Which sliders miss the latency target."""
    slow = [
        s for s in browser.sliders if s.summary is not None and not report.slider_passes(s.summary)
    ]
    if not slow:
        return []
    listed = ", ".join(
        f"{s.docname} {s.label} (median {report.ms(s.summary.median)}, "
        f"{statistics.median(s.mutations):g} mutation records per press)"
        for s in slow
        if s.summary is not None
    )
    return [f"Sliders over the latency target: {listed}."]


def span(low: str, high: str) -> str:
    """``low–high``, or one value when both read the same.

    Examples
    --------
    >>> span("1 MB", "2 MB"), span("47%", "47%")
    ('1 MB–2 MB', '47%')
    """
    return low if low == high else f"{low}–{high}"


def weight_findings(browser: BrowserResult) -> list[str]:
    """For each group of pages over budget, the category that weighs most."""
    notes = []
    for has_widgets, label in ((True, "pages with widgets"), (False, "other pages")):
        group = [w for w in browser.weights if w.has_widgets == has_widgets]
        over = [w for w in group if w.total > report.budget(w)]
        if not over:
            continue
        totals: dict[str, int] = defaultdict(int)
        for weight in over:
            for category, size in weight.by_category():
                totals[category] += size
        name = max(totals, key=totals.__getitem__)
        shares = [dict(w.by_category()).get(name, 0) / w.total for w in over]
        sizes = [dict(w.by_category()).get(name, 0) for w in over]
        size_span = span(report.mb(min(sizes)), report.mb(max(sizes)))
        share_span = span(f"{min(shares):.0%}", f"{max(shares):.0%}")
        notes.append(
            f"{len(over)} of {len(group)} {label} exceed their budget; the largest part is "
            f"{name}: {size_span} ({share_span} of the page)."
        )
    return notes


def render(results: Results) -> str:
    """The whole Markdown document."""
    version = results.browser.version if results.browser else None
    machine = "\n".join(f"- {label}: {value}" for label, value in report.machine_info(version))
    parts = [
        "# Performance benchmarks",
        f"Last run {results.started:%Y-%m-%d %H:%M} UTC by `make bench` "
        f"(`.venv/bin/python benchmarks/run.py --rounds {results.rounds} --build-rounds "
        f"{results.build_rounds} --presses {results.presses} --load-rounds "
        f"{results.load_rounds}`). Each timing is the median of "
        "its rounds. References are measured in the same run, and build, validation and "
        "page-load ratios are medians of per-round ratios (a run and its reference are seconds "
        "apart), so a busy machine moves the ratios much less than the absolute times (see the "
        "load averages below: the machine is shared). With one round, a build or validation "
        "ratio is a single measurement. In the summary the ratio of a page-load row is the "
        "median of its per-load ratios, not the ratio of the two medians shown beside it.",
        f"{machine}\n- 1-minute load average at start / end: {' / '.join(results.load)}",
        "## Summary",
        report.summary_table(checks_of(results)),
    ]
    notes = findings(results)
    if notes:
        parts += ["Findings:", "\n".join(f"- {note}" for note in notes)]
    parts += sections(results)
    return "\n\n".join(parts) + "\n"


def sections(results: Results) -> list[str]:
    """One section per benchmark, with its method."""
    parts = []
    if results.browser and results.matplotlib:
        parts += [
            "## 1. Slider latency in the static book",
            "Every page of `_toc.yml` is opened from `file://` in headless Chromium. For every "
            "slider handle, a `MutationObserver` on its figure (`.mle-explorer`) timestamps DOM "
            "changes; `performance.now()` in a capture-phase `keydown` listener marks the press. "
            "ArrowRight and ArrowLeft alternate on the focused `.noUi-handle`; a press ends when "
            "the figure has not changed for 50 ms and 2 animation frames. Two warm-up presses per "
            "slider are not counted; sliders inside a collapsed solution are revealed first. "
            "Observer callbacks run in registration order, so the time also covers the page's "
            "earlier document-wide MutationObservers (the theme's Font Awesome, Bootstrap and "
            "pydata-sphinx-theme scripts) reacting to the redraw, work the next frame waits for "
            "too. The reference re-renders a 560×300 px matplotlib figure (marker moved) to PNG, "
            "before any kernel round trip.",
            report.latency_section(results.browser.sliders, results.matplotlib),
        ]
    if results.validation:
        parts += [
            "## 2. Validation cost",
            "`pytest -q -p no:cacheprovider -o addopts= --nbval --nbval-current-env "
            "--nbval-sanitize-with tests/sanitize.cfg <every chapter notebook>` (wall time, "
            "including pytest start-up), serial and with `-n 2 --dist loadscope`. The floor "
            "starts, for each notebook, a kernel the way nbval does and runs "
            "`import numpy, matplotlib, torch, ipywidgets`, one or two kernels at a time.",
            report.validation_section(results.validation, results.notebooks),
        ]
    if results.rebuild:
        parts += [
            "## 3. Rebuild time",
            f"`jupyter-book build <copy> {' '.join(BUILD_FLAGS)}` on a copy of the book "
            "(`execute_notebooks: off`, stored outputs). Each round: delete `_build` and build; "
            "append a sentence to the last markdown cell of the largest chapter and build; build "
            "again with nothing changed.",
            report.rebuild_section(results.rebuild),
        ]
    if results.browser:
        parts += [
            "## 4. Page weight",
            "Bytes of every response while the page loads and settles (CDP "
            "`Network.loadingFinished.encodedDataLength`, `file://` included, cache disabled). "
            "Pages are served uncompressed from `file://`; the gzip column estimates what a web "
            "server compressing at level 6 would send. 1 MB = 10⁶ bytes.",
            report.weight_section(results.browser.weights),
            "Bytes of every page with widgets, split by what loads them:",
            report.split_section(results.browser.weights),
        ]
    if results.loads:
        parts += [
            "## 5–6. Explorers on screen, and layout shift",
            f"Every page is loaded {results.load_rounds} times from `file://` in a fresh "
            "context with the cache disabled (pages with widgets also with "
            f"`Emulation.setCPUThrottlingRate` {targets.THROTTLE_RATE}×), rounds interleaved. "
            "A script installed before the page's own records the first contentful paint "
            "(FCP); the first animation frame in which every explorer figure "
            "(`.mle-explorer`) of the page has drawn its SVG, whether the page drew it from "
            "the stored state while loading (its first frame, js/first-frame.js: the same "
            "explorer.js, no sliders yet) or the widget manager drew the live explorer "
            "(*explorers drawn*); the first frame in which the widget manager has drawn every "
            "widget output, sliders included (*interactive*, reported without a target); and "
            "the sum of `layout-shift` entries without recent input (a buffered "
            "`PerformanceObserver`) until the page is interactive, MathJax is done and "
            "nothing has moved for a second. The ratio is explorers drawn ÷ FCP per load; "
            "the table gives the median of those ratios.",
            report.load_section(results.loads.loads),
            "When each step of loading a page with explorers ended (ms from navigation start, "
            "median of the loads above): the HTML parsed, the last first frame drawn, then "
            "the widget bundle, loaded once the first frames are drawn "
            "(User Timing marks it sets: started, its modules evaluated, the widget models "
            "created from the page's stored state, every view drawn), the explorers drawn and "
            "the page interactive (the probe's frames) and MathJax done (it waits for the "
            "widgets).",
            report.phases_section(results.loads.loads),
            "Where the main thread's time goes from navigation start until the explorers are "
            "drawn (one load per page with widgets under a DevTools `Tracing` session, no "
            "throttling): per top-level task, its outermost events with a known activity, "
            "scripts by the file their code comes from (timers, promise jobs and event handlers "
            "by the first script they call).",
            report.breakdown_section(results.loads.breakdowns),
        ]
    if results.imports:
        parts += [
            "## Fixed costs: imports in a fresh interpreter",
            "Paid by every kernel (torch, matplotlib, ipywidgets), every pytest process "
            "(nbformat, through nbval) and every book build (`jupyter_book.sphinx`). nbformat "
            "and jupyter-book import jsonschema, which imports `rfc3987_syntax` whenever it is "
            "installed (it compiles its grammars at import).",
            report.imports_section(results.imports),
        ]
    return parts


KEEP_MARKER = "<!-- Written by hand below this line; make bench keeps it. -->"


def kept_notes(path: Path) -> str:
    """The hand-written part of an existing results file (from KEEP_MARKER on), or ''.

    Examples
    --------
    >>> import tempfile
    >>> old = Path(tempfile.mkdtemp()) / "results.md"
    >>> _ = old.write_text("tables\\n\\n" + KEEP_MARKER + "\\n\\n## Notes\\n")
    >>> kept_notes(old) == "\\n" + KEEP_MARKER + "\\n\\n## Notes\\n"
    True
    >>> kept_notes(old.with_name("missing.md"))
    ''
    """
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    start = text.find(KEEP_MARKER)
    return "" if start < 0 else "\n" + text[start:]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks, print the Markdown and write it to ``--output``."""
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="mle-bench-"))
    try:
        results = measure(args, work)
    finally:
        if args.keep:
            print(f"[bench] kept the book copy in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    text = render(results) + kept_notes(args.output)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark 2: ``pytest --nbval`` on every chapter against the floor.

The floor is what no notebook test can avoid: for each notebook, start a kernel the
way nbval does (``--nbval-current-env``) and import numpy, matplotlib, torch and
ipywidgets, then stop it. Floor and nbval runs interleave round by round.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

FLOOR_CODE = "import numpy, matplotlib, torch, ipywidgets"
NBVAL_FLAGS = (
    "--nbval",
    "--nbval-current-env",
    "--nbval-sanitize-with",
    "tests/sanitize.cfg",
)
_SUMMARY = re.compile(r"=*\s*(\d+ (passed|failed|error|skipped).*?) in [\d.]+s")
_DURATION = re.compile(r"^\s*([\d.]+)s (setup|call|teardown)\s+(\S+?)::(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Phase:
    """Seconds pytest reports for one test phase (``--durations``)."""

    notebook: str
    phase: str  # setup (starts the kernel for a notebook's first cell), call, teardown
    item: str
    seconds: float


@dataclass(frozen=True)
class TimedRun:
    """One timed run of a configuration: wall time, success, outcome and pytest's phases."""

    config: str
    seconds: float
    ok: bool
    outcome: str
    round: int = 0
    phases: tuple[Phase, ...] = ()

    def phase_seconds(self, phase: str) -> float:
        """Total seconds of one phase over all notebooks."""
        return sum(p.seconds for p in self.phases if p.phase == phase)


def parse_durations(output: str) -> tuple[Phase, ...]:
    """The ``--durations=0`` lines of pytest's output.

    Examples
    --------
    >>> parse_durations("4.86s call     chapters/02_coin.ipynb::Cell 0\\n")
    (Phase(notebook='chapters/02_coin.ipynb', phase='call', item='Cell 0', seconds=4.86),)
    """
    return tuple(
        Phase(notebook, phase, item, float(seconds))
        for seconds, phase, notebook, item in _DURATION.findall(output)
    )


def pytest_command(notebooks: list[Path], workers: int) -> list[str]:
    """The nbval command for ``workers`` processes (1: no xdist; 2+: ``--dist loadscope``).

    ``-o addopts=`` drops pytest.ini's coverage and doctest options, so only the
    notebooks run; ``-p no:cacheprovider`` keeps the run from writing a cache;
    ``--durations=0`` reports each cell's time.

    Examples
    --------
    >>> pytest_command([Path("chapters/a.ipynb")], 2)[-4:]
    ['-n', '2', '--dist', 'loadscope']
    """
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts="]
    command += ["--durations=0", "--durations-min=0"]
    command += [*NBVAL_FLAGS, *(str(nb) for nb in notebooks)]
    if workers > 1:
        command += ["-n", str(workers), "--dist", "loadscope"]
    return command


def config_name(workers: int) -> str:
    """A short label for a worker count.

    Examples
    --------
    >>> config_name(1), config_name(2)
    ('serial', '-n 2 --dist loadscope')
    """
    return "serial" if workers == 1 else f"-n {workers} --dist loadscope"


def pytest_outcome(output: str) -> str:
    """The ``N passed ...`` part of pytest's last summary line, or its last line.

    Examples
    --------
    >>> pytest_outcome("....\\n14 passed in 4.84s\\n")
    '14 passed'
    """
    found = _SUMMARY.findall(output)
    if found:
        return found[-1][0].strip()
    lines = [line for line in output.splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no output"


def run_nbval(book: Path, notebooks: list[Path], workers: int, round_: int = 0) -> TimedRun:
    """Time ``pytest --nbval`` on ``notebooks`` (paths relative to ``book``)."""
    start = time.perf_counter()
    done = subprocess.run(
        pytest_command(notebooks, workers), cwd=book, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    output = done.stdout + done.stderr
    return TimedRun(
        f"nbval {config_name(workers)}",
        seconds,
        done.returncode == 0,
        pytest_outcome(output),
        round_,
        parse_durations(output),
    )


def kernel_start_and_imports(cwd: Path, timeout: float = 600) -> None:
    """Start a kernel as nbval does, run :data:`FLOOR_CODE`, stop the kernel."""
    from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel

    kernel = RunningKernel(CURRENT_ENV_KERNEL_NAME, cwd=str(cwd))
    try:
        reply = kernel.kc.execute_interactive(
            FLOOR_CODE, store_history=False, timeout=timeout, output_hook=lambda _msg: None
        )
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the floor imports failed: {reply['content']}")
    finally:
        kernel.stop()


def run_floor(book: Path, notebooks: list[Path], workers: int, round_: int = 0) -> TimedRun:
    """Time the floor for every notebook, ``workers`` kernels at a time."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda nb: kernel_start_and_imports((book / nb).parent), notebooks))
    seconds = time.perf_counter() - start
    n = len(notebooks)
    return TimedRun(f"floor {config_name(workers)}", seconds, True, f"{n} kernels", round_)


def run_validation_benchmark(
    book: Path, notebooks: list[Path], rounds: int, workers: tuple[int, ...] = (1, 2)
) -> list[TimedRun]:
    """Interleave, ``rounds`` times: the floor and nbval for each worker count."""
    runs: list[TimedRun] = []
    for round_ in range(1, rounds + 1):
        for count in workers:
            runs.append(run_floor(book, notebooks, count, round_))
            runs.append(run_nbval(book, notebooks, count, round_))
    return runs

"""The book as the benchmarks see it: its pages, a scratch copy, builds and edits.

Nothing here writes inside the repository: the benchmarks build a copy of the book
(tracked and untracked-but-not-ignored files, so chapters being written count too)
in a temporary folder, with ``node_modules`` symlinked.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import yaml

SOURCE_SUFFIXES = (".ipynb", ".md", ".rst")
BUILD_FLAGS = ("-W", "--keep-going")  # the Makefile's BOOK_FLAGS: warnings are errors
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_READING = re.compile(r"reading sources\.\.\. \[\s*\d+%\] (\S+)")
_WRITING = re.compile(r"writing output\.\.\. \[\s*\d+%\] (\S+)")


@dataclass(frozen=True)
class Page:
    """One page of the table of contents: its Sphinx docname and its source file."""

    docname: str
    source: Path

    @property
    def is_notebook(self) -> bool:
        """True for a Jupyter notebook page."""
        return self.source.suffix == ".ipynb"

    def html(self, html_root: Path) -> Path:
        """The page's built HTML file under ``html_root`` (``_build/html``)."""
        return html_root / f"{self.docname}.html"


@dataclass(frozen=True)
class BuildRun:
    """One ``jupyter-book build``: wall time, exit code and the documents Sphinx re-read."""

    seconds: float
    returncode: int
    docs_read: tuple[str, ...]
    docs_written: tuple[str, ...]
    log: Path = field(compare=False)


def toc_docnames(toc: dict[str, Any]) -> list[str]:
    """Docnames of a Jupyter Book 1 ``_toc.yml`` in reading order (root first).

    Handles ``chapters``, ``parts`` and nested ``sections``; URL entries are skipped.

    Examples
    --------
    >>> toc_docnames({"root": "intro", "parts": [{"chapters": [
    ...     {"file": "a.ipynb", "sections": [{"file": "b"}]}, {"url": "https://x"}]}]})
    ['intro', 'a', 'b']
    """
    names: list[str] = []

    def walk(entry: Any) -> None:
        if isinstance(entry, dict):
            for key in ("root", "file"):
                if isinstance(entry.get(key), str):
                    names.append(_strip_suffix(entry[key]))
            for key in ("parts", "chapters", "sections"):
                for child in entry.get(key) or []:
                    walk(child)

    walk(toc)
    return names


def _strip_suffix(name: str) -> str:
    for suffix in SOURCE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def find_pages(book: Path) -> list[Page]:
    """The pages listed in ``book/_toc.yml`` whose source file exists, in reading order."""
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    pages = []
    for docname in toc_docnames(toc):
        for suffix in SOURCE_SUFFIXES:
            source = Path(f"{docname}{suffix}")
            if (book / source).is_file():
                pages.append(Page(docname, source))
                break
    return pages


def unmeasurable_pages(book: Path, pages: Iterable[Page], html_root: Path) -> list[str]:
    """Docnames of ``_toc.yml`` that the benchmarks cannot open: no source file, or no
    built page under ``html_root``. Every benchmark covers every page of the table of
    contents; this names the ones it could not.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "_toc.yml").write_text("root: a\\nchapters:\\n- file: b\\n- file: c\\n")
    >>> for name in ("a.md", "b.md", "_build/html/a.html"):
    ...     (root / name).parent.mkdir(parents=True, exist_ok=True)
    ...     _ = (root / name).write_text("x")
    >>> unmeasurable_pages(root, find_pages(root), root / "_build" / "html")
    ['b (not built)', 'c (no source)']
    """
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    found = {page.docname: page for page in pages}
    missing = []
    for docname in toc_docnames(toc):
        if docname not in found:
            missing.append(f"{docname} (no source)")
        elif not found[docname].html(html_root).exists():
            missing.append(f"{docname} (not built)")
    return missing


def book_files(repo: Path) -> list[str]:
    """Files a fresh clone plus the work in progress would have: tracked and untracked,
    minus ignored files, deleted files and the benchmarks folder itself."""
    listing = subprocess.run(
        ["git", "-C", str(repo), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        check=True,
        capture_output=True,
    ).stdout.decode()
    names = sorted({name for name in listing.split("\0") if name})
    return [n for n in names if not n.startswith("benchmarks/") and (repo / n).is_file()]


def copy_book(repo: Path, dest: Path) -> Path:
    """Copy the book's files from ``repo`` into ``dest`` and symlink ``node_modules``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in book_files(repo):
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(repo / name, target)
    if (repo / "node_modules").is_dir() and not (dest / "node_modules").exists():
        (dest / "node_modules").symlink_to((repo / "node_modules").resolve())
    return dest


def jupyter_book() -> str:
    """The ``jupyter-book`` script of the running virtual environment."""
    script = Path(sys.executable).with_name("jupyter-book")
    return str(script) if script.exists() else "jupyter-book"


def parse_build_log(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Docnames Sphinx read and wrote, from a build log (colour codes allowed).

    Examples
    --------
    >>> log = "reading sources... [100%] chapters/02_coin\\nwriting output... [ 50%] a\\n"
    >>> parse_build_log(log)
    (('chapters/02_coin',), ('a',))
    """
    plain = _ANSI.sub("", text)
    return tuple(_READING.findall(plain)), tuple(_WRITING.findall(plain))


def build(book: Path, log: Path) -> BuildRun:
    """Run ``jupyter-book build <book> -W --keep-going`` and time it (wall clock)."""
    command = [jupyter_book(), "build", str(book), *BUILD_FLAGS]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=book, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    text = done.stdout + done.stderr
    log.write_text(text, encoding="utf-8")
    read, written = parse_build_log(text)
    return BuildRun(seconds, done.returncode, read, written, log)


def clean_build(book: Path) -> None:
    """Remove ``book/_build`` (the copy's, never the repository's)."""
    shutil.rmtree(book / "_build", ignore_errors=True)


def largest_notebook(book: Path, pages: Iterable[Page]) -> Page:
    """The notebook page with the largest source file: the fullest chapter."""
    notebooks = [page for page in pages if page.is_notebook]
    if not notebooks:
        raise ValueError("the table of contents lists no notebook")
    return max(notebooks, key=lambda page: ((book / page.source).stat().st_size, page.docname))


def append_to_markdown_cell(notebook: Path, sentence: str) -> int:
    """Append ``sentence`` as a new paragraph to the notebook's last markdown cell.

    Returns the index of the edited cell. Only that cell's source changes.
    """
    nb = nbformat.read(notebook, as_version=nbformat.NO_CONVERT)
    indices = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"]
    if not indices:
        raise ValueError(f"{notebook} has no markdown cell to edit")
    cell = nb.cells[indices[-1]]
    cell.source = cell.source.rstrip("\n") + "\n\n" + sentence
    nbformat.write(nb, notebook)
    return indices[-1]

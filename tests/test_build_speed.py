"""What keeps a rebuild cheap (issue 15): the build-time work of _ext/offline_assets.py that is
done once rather than on every build, and doctrees that do not carry the build environment.

The timings themselves are measured by `make bench` (benchmarks/results.md, section 3).
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))
offline_assets = pytest.importorskip("offline_assets")


class _Environment:
    """Stands for Sphinx's BuildEnvironment: large, and must not reach a page's pickle."""

    def __init__(self) -> None:
        self.payload = "ENVIRONMENT " * 10_000


def _page_with_nested_parse() -> tuple[nodes.document, nodes.document]:
    """A page and the scratch document an ``eval-rst`` block is parsed into (as myst does)."""
    settings = get_default_settings(Parser)
    page = new_document("page.md", settings)
    scratch = new_document("page.md", settings)
    scratch.settings.env = _Environment()  # shared settings, as in myst-parser
    paragraph = nodes.paragraph("", "")
    scratch += paragraph
    paragraph += nodes.literal("", "beta_log_prior")
    paragraph += nodes.Text(" from autodoc")
    page += nodes.section("", nodes.title("", "API"))
    page.children[0].extend(scratch.children)
    return page, scratch


def _pickled_as_sphinx_does(page: nodes.document) -> bytes:
    """Sphinx's write_doctree: env cleared on a copy of the settings, then pickled."""
    page.reporter = None
    page.transformer = None
    page.settings = page.settings.copy()
    page.settings.warning_stream = None
    page.settings.env = None
    return pickle.dumps(page)


def test_nodes_from_a_nested_parse_drag_the_environment_into_the_pickle() -> None:
    page, _scratch = _page_with_nested_parse()
    assert b"ENVIRONMENT" in _pickled_as_sphinx_does(page)  # the leak being fixed


def test_adopted_nodes_leave_the_environment_out_of_the_pickle() -> None:
    page, scratch = _page_with_nested_parse()
    # Moving the paragraph re-points it, not what it contains (as in the book's API pages).
    foreign = [node for node in page.findall() if node.__dict__.get("_document") is scratch]
    assert len(foreign) == 2  # the literal and the text added to the paragraph
    assert offline_assets.adopt_nested_nodes(page) == len(foreign)
    assert all(node.document is page for node in page.findall())
    assert b"ENVIRONMENT" not in _pickled_as_sphinx_does(page)
    assert offline_assets.adopt_nested_nodes(page) == 0
    assert scratch.settings.env is not None  # the scratch document itself is untouched


def _fake_mathjax(root: Path) -> Path:
    es5 = root / "node_modules" / "mathjax" / "es5"
    (es5 / "input").mkdir(parents=True)
    (root / "node_modules" / "mathjax" / "package.json").write_text('{"version": "3.2.2"}')
    (es5 / "startup.js").write_text("startup")
    (es5 / "tex-chtml.js").write_text("an all-in-one bundle")
    (es5 / "input" / "tex.js").write_text("tex")
    return es5


def test_mathjax_is_copied_once_and_again_when_the_installed_files_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    es5 = _fake_mathjax(tmp_path)
    target = tmp_path / "offline" / "mathjax"
    offline_assets.copy_mathjax(tmp_path / "node_modules", target)
    copied = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert copied == [offline_assets.MATHJAX_STAMP, "input/tex.js", "startup.js"]

    copies: list[Path] = []
    real_copy = offline_assets._copy_tree
    monkeypatch.setattr(
        offline_assets, "_copy_tree", lambda s, t, **kw: (copies.append(s), real_copy(s, t, **kw))
    )
    offline_assets.copy_mathjax(tmp_path / "node_modules", target)
    assert copies == []  # unchanged inputs: nothing copied

    (es5 / "input" / "tex.js").write_text("tex, another version")
    offline_assets.copy_mathjax(tmp_path / "node_modules", target)
    assert copies == [es5]
    assert (target / "input" / "tex.js").read_text() == "tex, another version"


def test_no_page_of_the_built_book_pickles_the_build_environment(site: Path) -> None:
    doctrees = sorted((site.parent / ".doctrees").rglob("*.doctree"))
    assert len(doctrees) > 10
    heavy = [p.name for p in doctrees if b"BuildEnvironment" in p.read_bytes()]
    assert heavy == []

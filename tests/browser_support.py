"""Shared pieces of the browser tests: the built book, Debian Chromium, a recorded page visit.

The ``site`` and ``browser`` fixtures (tests/conftest.py) are session-scoped, so every
browser test file in a pytest worker reuses one build of the book and one browser.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
CHAPTER_PAGES = [
    "01_principle",
    "02_coin",
    "03_log_likelihood",
    "04_continuous",
    "05_exercises",
    "06_uncertainty",
    "07_models",
]
API_MODULES = [
    "likelihood",
    "bayes",
    "optimisation",
    "information",
    "continuous",
    "plots",
    "widgets",
    "exercises",
    "answers",
    "uncertainty",
    "models",
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def build_site(out: Path) -> Path:
    """Build the book with warnings as errors, as `make book` does, into ``out``."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "-W", "--keep-going", "--path-output", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out / "_build" / "html"


class PageVisit:
    """A page opened from file:// with every request and console error recorded."""

    def __init__(self, browser: object, path: Path) -> None:
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 1000})
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("requestfailed", lambda request: self.failed.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri(), wait_until="load")
        # Wait for MathJax's first typesetting pass, then for late requests (fonts).
        self.page.evaluate(
            "async () => { const mj = window.MathJax;"
            " if (mj && mj.startup && mj.startup.promise) await mj.startup.promise; }"
        )
        self.page.wait_for_timeout(300)

    def external_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]

    def wait_for_explorers(self) -> int:
        # The figure draws inside its shadow root (see explorer.js).
        self.page.wait_for_function(
            "[...document.querySelectorAll('.mle-explorer')]"
            ".some(e => e.shadowRoot && e.shadowRoot.querySelector('.mle-readout'))",
            timeout=15_000,
        )
        return self.page.locator(".mle-explorer").count()

    def open_solutions(self) -> None:
        """Open every folded solution (sphinx-exercise dropdowns), so its sliders show."""
        folded = self.page.locator("div.solution.dropdown.toggle-hidden > .admonition-title")
        for _ in range(folded.count()):
            # Its corner, away from its link to the exercise (which goes there instead).
            folded.first.click(position={"x": 10, "y": 10})  # the opened one leaves the matches

    def close(self) -> None:
        self.page.close()


def html_pages(site: Path) -> list[Path]:
    """Rendered pages; the theme's _static/*.html are template macros, not pages."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "_static")


def slider_names(page: object, scope: str) -> list[tuple[str, int, int]]:
    """Each slider under ``scope``: its label, and how many slider handles and value boxes
    assistive technology finds by that name (role and accessible name, as Playwright
    computes them). Waits up to 10 s for the names, which are set after the sliders draw.
    Every entry of a well-named page is ``(label, 1, 1)``; an unnamed handle is counted
    under the label ``""``."""
    sliders = page.locator(f"{scope} .widget-slider")
    try:
        page.wait_for_function(
            f"[...document.querySelectorAll('{scope} .widget-slider .noUi-handle')]"
            ".every(h => h.getAttribute('aria-label'))",
            timeout=10_000,
        )
    except Exception:  # report what is missing below instead
        pass
    names = []
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        # JupyterLab and Notebook 7 skip rendering cells out of view (content-visibility),
        # and what is not rendered has no text or role to compute: look at it first.
        slider.scroll_into_view_if_needed()
        label = " ".join(slider.locator(":scope > .widget-label").text_content().split())
        handles = slider.get_by_role("slider", name=label, exact=True).count() if label else 0
        boxes = slider.get_by_role("textbox", name=f"{label}: value", exact=True).count()
        names.append((label, handles, boxes))
    # Handles whose computed name is empty (every handle must be counted above).
    handles = page.locator(f"{scope} .widget-slider .noUi-handle").count()
    unnamed = handles - sum(n[1] for n in names)
    names += [("", 0, 0)] * unnamed
    return names

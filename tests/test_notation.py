"""The book's one notation (the "Notation" table on chapters/index.md) is used everywhere.

Scans what a reader sees for the symbols the book retired: the prose (markdown cells of
every chapter and every .md page, with code spans and code blocks removed), the printed
outputs of every chapter, every string the package ``mle_book`` can show (error and checker
messages, figure labels, slider descriptions; docstrings excluded) and the string literals
of the explorer's JavaScript (titles and read-outs). Retired:

- η as the log-odds (the log-odds is φ; η is the learning rate);
- σ as the sigmoid (write "sigmoid"; σ is a standard deviation);
- λ as the Box–Cox parameter (it is κ; λ is a Poisson mean);
- θ as the upper end of a Uniform(0, b);
- N as a sample size (n; ``N(0, 1)`` for the normal distribution is fine);
- "log" for the natural log in prose and messages (ln; log₁₀ and log₂ carry their base);
- the combining circumflex U+0302 (θ̂) in printed outputs and explorer read-outs
  (monospace fonts put the hat on the wrong letter; write "MLE θ = ...");
- X for the data or a scalar random variable (the data are x; X is the design matrix);
- k as a multiplier of the data ("data × k"; k is the iteration index, the multiplier m);
- λ as a penalty, weight decay or prior precision (it is ρ; λ is a Poisson mean).

Each rule is a regular expression chosen to match the retired use and not its neighbours
(``log-likelihood``, ``log scale``, ``\\log_{10}``, ``N(0, 1)``, the learning rate η, the
Gaussian σ). ``test_rules_catch_what_they_should`` keeps them honest in both directions.
"""

from __future__ import annotations

import ast
import inspect
import json
import re
from pathlib import Path

import pytest

import mle_book

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
PACKAGE = Path(mle_book.__file__).parent
EXPLORER_JS = PACKAGE / "static" / "explorer.js"

HAT = "\u0302"

# ----------------------------------------------------------------------------- rules

_GREEK_OR_LETTER = r"[A-Za-zθφμσαλℓκψ]"
RULES: dict[str, list[re.Pattern[str]]] = {
    "η as the log-odds (use φ)": [
        re.compile(r"(η|\\eta)\s*(=|:=)\s*(\\ln|ln|\\log|log|logit)\b"),
        re.compile(r"log-odds,?\s*\$?\s*(η|\\eta)\b"),
        re.compile(r"η" + HAT + r"|\\hat\s*\{?\\eta"),
        re.compile(r"(sigmoid|σ|\\sigma)\s*\(\s*(η|\\eta)"),
    ],
    "σ as the sigmoid (write sigmoid)": [
        re.compile(
            r"(σ|\\sigma)\s*(\(|\\left\s*\(|\\big\s*\()\s*(φ|\\varphi|\\phi|η|\\eta|z\b|w\b|−|-)"
        ),
        re.compile(r"(σ|\\sigma)\((?!std)"),
        re.compile(r"(sigmoid|logistic)(\s+function)?,?\s*\$?(σ|\\sigma)\b"),
    ],
    "θ as the upper end of a uniform (use b)": [
        re.compile(r"(Uniform|U)\s*\(\s*0\s*,\s*(θ|\\theta)\s*\)"),
    ],
    "N as the sample size (use n)": [
        re.compile(r"(?<![A-Za-z0-9_\\])N(?![A-Za-z0-9_(₀-₉])"),
    ],
    "X as the data (use x; X is the design matrix)": [
        re.compile(r"\bP\s*\(\s*X\s*(\\mid|\||∣|\))"),  # P(X | θ), P(X)
        re.compile(r"(\\mid|\||∣)\s*X\s*\)"),  # p(θ | X)
        re.compile(r"\b(observed data|the data)\s+\$?X\b"),
        re.compile(r"\bP\s*\(\s*\|\s*X\s*[−-]|<\s*X\s*<"),  # a scalar random variable X
    ],
    "k as a multiplier of the data (use m; k is the iteration index)": [
        re.compile(r"(×|\\times)\s*\$?k\b"),
        re.compile(r"\bslide k\b", re.IGNORECASE),
    ],
    "log for the natural log (use ln)": [
        re.compile(r"\\log(?![_a-zA-Z])"),
        re.compile(r"(?<![\w\\.-])log\s*\("),
        re.compile(r"(?<![\w\\.-])log\s+(of\b|" + _GREEK_OR_LETTER + r"(?![\w-]))"),
    ],
}
# Box–Cox: λ is retired only near Box–Cox (λ stays the Poisson mean), so it is a rule on
# a whole paragraph (prose) or cell (outputs), not on a single match.
BOX_COX = re.compile(r"box[ _–-]?cox", re.IGNORECASE)
LAMBDA = re.compile(r"λ|\\lambda\b")
# A penalty's strength (weight decay, a Gaussian prior's precision) is ρ, not λ: the same
# paragraph rule as for Box–Cox.
PENALTY = re.compile(r"weight[ _-]?decay|penal|regulari[sz]|prior precision", re.IGNORECASE)
# "N(" is the normal distribution; \mathcal N is its symbol in formulas.
_NORMAL_SYMBOL = re.compile(r"\\mathcal\s*\{?\s*N\s*\}?")


def violations(text: str) -> list[str]:
    """Rule names and matched snippets for one piece of reader-visible text."""
    text = _NORMAL_SYMBOL.sub("𝒩", text)
    found = []
    for name, patterns in RULES.items():
        for pattern in patterns:
            for match in pattern.finditer(text):
                start = max(match.start() - 30, 0)
                found.append(f"{name}: …{text[start : match.end() + 30]}…")
    for paragraph in re.split(r"\n\s*\n|\n(?=\|)", text):  # table rows count alone
        if BOX_COX.search(paragraph) and LAMBDA.search(paragraph):
            found.append(f"λ as the Box–Cox parameter (use κ): …{paragraph[:120]}…")
        if PENALTY.search(paragraph) and LAMBDA.search(paragraph):
            found.append(f"λ as a penalty or weight decay (use ρ): …{paragraph[:120]}…")
    return found


def hats(text: str) -> list[str]:
    return [
        f"U+0302 (combining hat): …{text[max(i - 20, 0) : i + 20]}…"
        for i, char in enumerate(text)
        if char == HAT
    ]


# ------------------------------------------------------------------- what a reader sees

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LABEL = re.compile(r"^\(.*\)=\s*$", re.MULTILINE)
_DIRECTIVE_OPTION = re.compile(r"^:\w[\w-]*:.*$", re.MULTILINE)


def prose(markdown: str) -> str:
    """Markdown without code blocks, code spans, targets and directive options."""
    for pattern in (_FENCE, _CODE_SPAN, _LABEL, _DIRECTIVE_OPTION):
        markdown = pattern.sub(" ", markdown)
    return markdown


def notebook_parts(path: Path) -> tuple[list[str], list[str]]:
    """(markdown prose of each cell, printed text of each code cell) of a notebook."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    markdown, outputs = [], []
    for cell in cells:
        if cell["cell_type"] == "markdown":
            markdown.append(prose("".join(cell["source"])))
        elif cell["cell_type"] == "code":
            texts = []
            for output in cell.get("outputs", []):
                if "text" in output:
                    texts.append("".join(output["text"]))
                for mime in ("text/plain", "text/html", "text/markdown"):
                    if mime in output.get("data", {}):
                        texts.append("".join(output["data"][mime]))
                if output.get("output_type") == "error":
                    texts.append(f"{output['ename']}: {output['evalue']}")
            source = "".join(cell["source"])
            tags = "".join(
                tag
                for pattern, tag in ((BOX_COX, "BOX-COX CELL\n"), (PENALTY, "PENALTY CELL\n"))
                if pattern.search(source)
            )
            outputs.append(tags + "\n".join(texts))
    return markdown, outputs


def package_strings(path: Path) -> list[str]:
    """Every string a module can show: constants and f-string pieces, docstrings excluded."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    strings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            strings.append(
                "".join(
                    part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
                )
            )
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            strings.append(node.value)
    return strings


_JS_LINE_COMMENT = re.compile(r"(^|\s)//.*$", re.MULTILINE)
_JS_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`[^`]*`')


def explorer_strings(source: str) -> list[str]:
    """The JavaScript's string and template literals (titles, labels, read-outs)."""
    return _JS_STRING.findall(_JS_LINE_COMMENT.sub(" ", source))


# ------------------------------------------------------------------------------- tests

NOTEBOOKS = sorted(CHAPTERS.glob("*.ipynb"))
PAGES = sorted(CHAPTERS.rglob("*.md"))
MODULES = sorted(p for p in PACKAGE.glob("*.py"))

# Files another engineer is converting in a parallel branch when this test was written;
# strict, so the test reports the day they are clean and the entry must go.
PENDING_ELSEWHERE: set[str] = set()
PENDING_CODE_NAMES: set[str] = set()


def _param(path: Path, pending: set[str] = PENDING_ELSEWHERE) -> object:
    marks = []
    if path.name in pending:
        marks.append(pytest.mark.xfail(strict=True, reason="converted in another branch"))
    return pytest.param(path, id=path.name, marks=marks)


@pytest.mark.parametrize("path", [_param(p) for p in NOTEBOOKS])
def test_notebook_prose_and_outputs_use_the_notation(path: Path) -> None:
    markdown, outputs = notebook_parts(path)
    found = [v for text in markdown for v in violations(text)]
    found += [v for text in outputs for v in violations(text) + hats(text)]
    assert not found, f"{path.name}:\n" + "\n".join(found)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(CHAPTERS)))
def test_pages_use_the_notation(path: Path) -> None:
    found = violations(prose(path.read_text(encoding="utf-8")))
    assert not found, f"{path.name}:\n" + "\n".join(found)


@pytest.mark.parametrize("path", [_param(p) for p in MODULES])
def test_package_messages_and_labels_use_the_notation(path: Path) -> None:
    found = [v for text in package_strings(path) for v in violations(text) + hats(text)]
    assert not found, f"{path.name}:\n" + "\n".join(found)


@pytest.mark.parametrize("path", [_param(EXPLORER_JS)])
def test_explorer_readouts_use_the_notation(path: Path) -> None:
    found = [
        v
        for text in explorer_strings(path.read_text(encoding="utf-8"))
        for v in violations(text) + hats(text)
    ]
    assert not found, "\n".join(found)


_RETIRED_PARAMETERS = re.compile(r"^(eta\w*|\w*_eta|seed|n_iterations|max_iterations|lambdas?)$")


# Deprecated keyword aliases kept on purpose for old callers, and one factory owned by the
# log-likelihood chapter's branch.
_ALLOWED_PARAMETERS = {
    "plots.plot_logit_log_likelihood(eta_range=...)",
    "widgets.learning_rate_explorer(n_iterations=...)",
}


@pytest.mark.parametrize(
    "path", [_param(p, PENDING_CODE_NAMES) for p in MODULES if not p.name.startswith("_")]
)
def test_public_functions_use_the_code_names(path: Path) -> None:
    """Keyword names a reader types: lr not eta, rng not seed, n_steps, kappa not lambda."""
    import importlib

    module = importlib.import_module(f"mle_book.{path.stem}")
    bad = []
    for name in getattr(module, "__all__", []):
        function = getattr(module, name)
        if not callable(function) or inspect.isclass(function):
            continue
        for parameter in inspect.signature(function).parameters:
            call = f"{path.stem}.{name}({parameter}=...)"
            if _RETIRED_PARAMETERS.match(parameter) and call not in _ALLOWED_PARAMETERS:
                bad.append(call)
    assert bad == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (r"$\eta = \ln\frac{\theta}{1-\theta}$", "η as the log-odds"),
        ("the log-odds η of the coin", "η as the log-odds"),
        (r"$\theta = \sigma(\varphi)$", "σ as the sigmoid"),
        ("θ = σ(φ)", "σ as the sigmoid"),
        ("the sigmoid σ maps", "σ as the sigmoid"),
        ("data from Uniform(0, θ)", "θ as the upper end"),
        (r"$\frac{N}{2}\ln(2\pi)$", "N as the sample size"),
        ("for N independent observations", "N as the sample size"),
        ("    N    MLE σ²", "N as the sample size"),
        ("take the log of the likelihood", "log for the natural log"),
        (r"$\log L(\theta)$", "log for the natural log"),
        ("log L(θ) is concave", "log for the natural log"),
        ("log(θ) and log(1 − θ)", "log for the natural log"),
        ("The Box–Cox transform with λ = 0", "λ as the Box–Cox"),
        (r"$\hat\theta = \mathop{\mathrm{argmax}}_\theta P(X \mid \theta)$", "X as the data"),
        (r"$p(\theta \mid X) \propto L(\theta)$ and $P(X)$", "X as the data"),
        ("Call the observed data X and the parameter θ", "X as the data"),
        ("P(|X − 1.43| < ε/2)", "X as the data"),
        (r"$P(x-\epsilon/2 < X < x+\epsilon/2)$", "X as the data"),
        ("data × k", "k as a multiplier"),
        (r"$n \times k$ flips", "k as a multiplier"),
        ("Slide k to multiply the data", "k as a multiplier"),
        ("Weight decay λ adds λ/2·‖w‖² to the mean NLL", "λ as a penalty"),
        ("With a N(0, 1/λ) prior on the slope (`penalty=1.0`)", "λ as a penalty"),
        ("L2 regularisation with strength λ = 0.01", "λ as a penalty"),
    ],
)
def test_rules_catch_what_they_should(text: str, rule: str) -> None:
    assert any(v.startswith(rule) for v in violations(text)), (text, violations(text))


@pytest.mark.parametrize(
    "text",
    [
        "the log-likelihood ℓ(θ) = ln L(θ)",
        "plotted on a log scale, in log space",
        r"$\log_{10} L$ and log₁₀ L and log₂ p",
        "a standard normal N(0, 1), and N(0.4, 1)",
        r"$\mathcal N(x;\mu,\sigma^2)$ and $\mathcal{N}$",
        "learning rate η = 0.1; lr",
        "σ (std. dev.), N(μ, σ²), σ = 0.4",
        "φ = ln(θ/(1−θ)), sigmoid(φ) = 1/(1 + e^(−φ))",
        "Poisson mean λ = 3.2",
        "Uniform(0, b) with b = max xᵢ",
        "n = 20 observations; NLL; NaN",
        "np.log(x)",
        r"the rows of the design matrix X; $X^\top W X$; $X\beta$; X @ beta",
        r"$P(x \mid \theta)$ and $p(\theta \mid x)$; P(|Z − 1.43| < ε/2)",
        "data × m; step k of K; θ_k",
        "weight decay ρ adds ρ/2·‖w‖²; a N(0, 1/ρ) prior (penalty)",
    ],
)
def test_rules_leave_the_book_notation_alone(text: str) -> None:
    assert violations(text) == []


def test_hats_are_found_in_outputs() -> None:
    assert hats("θ̂ = 0.6923") and not hats("MLE θ = 0.6923")

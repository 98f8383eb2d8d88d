// One explorer for every chapter: an SVG figure redrawn in the browser from the
// widget's synced traits. Sliders are ordinary ipywidgets jslinked to those traits,
// so the figure responds with no kernel (static book) and with one (JupyterLab).
// Each "kind" below mirrors a function of the Python package mle_book; the browser
// tests check that the two agree.

const SVG = "http://www.w3.org/2000/svg";
// The default (wide) figure; kept for reference only: draw functions get their panels
// from boxes() and never place anything from these.
const WIDTH = 560, HEIGHT = 300;
const MARGIN = { left: 64, right: 14, top: 34, bottom: 46 };
const N_POINTS = 241;

// Responsive layout. The figure is drawn in CSS pixels at the width it is given
// (render measures it), so its text keeps its size on a phone: narrow figures get
// fewer ticks and panels stacked in one column instead of being scaled down.
const MIN_WIDTH = 260, MAX_WIDTH = 640, NARROW = 480;
const FONT = { tick: 11, label: 13, title: 14 };
const TITLE_LINE = 18;

function layoutFor(width, titleLines = 1) {
  const w = Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width || WIDTH)));
  const narrow = w < NARROW;
  return {
    width: w, narrow, titleLines,
    margin: { ...MARGIN, top: 16 + TITLE_LINE * titleLines },
    panelHeight: narrow ? Math.round(Math.min(220, Math.max(180, 0.62 * w))) : HEIGHT - MARGIN.top - MARGIN.bottom,
    height: HEIGHT,
  };
}
// The layout of the figure being drawn now (render sets it before each draw).
let LAYOUT = layoutFor(WIDTH);

// The one place that decides where panels go: every draw function asks for its panel
// boxes here (never from WIDTH/HEIGHT directly). Side by side when the figure is wide,
// one under the other when it is narrow; the figure's height follows.
function boxes(count) {
  const L = LAYOUT, m = L.margin, h = L.panelHeight;
  if (count === 1 || L.narrow) {
    const w = L.width - m.left - m.right, step = h + m.bottom + 8;
    L.height = m.top + count * step - 8;
    return Array.from({ length: count }, (_, i) => ({ x: m.left, y: m.top + i * step, w, h }));
  }
  // Each panel keeps a left margin as wide as the first one's, for its own tick
  // labels and y label, so nothing of it reaches into the panel on its left.
  const gap = m.left, w = (L.width - m.left - m.right - gap * (count - 1)) / count;
  L.height = m.top + h + m.bottom;
  return Array.from({ length: count }, (_, i) => ({ x: m.left + i * (w + gap), y: m.top, w, h }));
}

function xlogy(x, y) { return x === 0 ? 0 : x * Math.log(y); }

function el(tag, attrs, parent) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

function fmt(value, digits = 4) {
  if (!Number.isFinite(value)) return value > 0 ? "∞" : value < 0 ? "−∞" : "undefined";
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(digits - 1).replace("-", "−");
  return Number(value.toPrecision(digits)).toString().replace("-", "−");
}

// Ticks at 1, 2, 2.5 or 5 times a power of ten, about `count` of them; on an integer
// axis (counts, steps) never closer than 1 apart.
function niceTicks(lo, hi, count = 5, integer = false) {
  const span = hi - lo || 1;
  const raw = span / Math.max(count, 1), power = Math.pow(10, Math.floor(Math.log10(raw)));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => span / s <= count + 0.5);
  if (integer) step = Math.max(1, Math.round(step));
  const ticks = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) ticks.push(+t.toPrecision(12));
  ticks.step = step; // an array (as always), which also knows its step
  return ticks;
}

const SUPERSCRIPT = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

// Tick labels with only the digits the step needs. Very large or small values share
// one power of ten, written once after the axis label (matplotlib's offset text), so
// labels stay short: "2" with "×10⁻²²", not "2.00e−22".
function tickLabels(ticks) {
  if (!ticks.length) return { labels: [], suffix: "" };
  const step = ticks.step || (ticks.length > 1 ? ticks[1] - ticks[0] : 1);
  const top = Math.max(...ticks.map(Math.abs));
  const exponent = top !== 0 && (top >= 1e4 || top < 1e-2) ? Math.floor(Math.log10(top)) : 0;
  const scale = Math.pow(10, exponent), s = step / scale;
  let decimals = Math.max(0, -Math.floor(Math.log10(s) + 1e-9));
  if (Math.abs(s / Math.pow(10, -decimals) - Math.round(s / Math.pow(10, -decimals))) > 1e-6) decimals += 1;
  const labels = ticks.map((t) => {
    const v = Math.abs(t / scale) < 1e-9 * s ? 0 : t / scale;
    return v.toFixed(Math.min(decimals, 10)).replace("-", "−");
  });
  const suffix = exponent ? ` ×10${String(exponent).split("").map((c) => SUPERSCRIPT[c]).join("")}` : "";
  return { labels, suffix };
}

// Width of a text in CSS pixels, estimated on the generous side (no layout pass per
// redraw): digits are up to 0.64 em wide in common system fonts, the minus sign 0.84 em.
function textWidth(text, size) {
  let w = 0;
  for (const c of text) w += ".,:;!|il'".includes(c) ? 0.32 : c === " " ? 0.32 : c === "−" ? 0.84 : /[A-Z]/.test(c) ? 0.72 : 0.64;
  return w * size;
}

// A panel: axes with ticks and labels, and scales from data to pixels.
// options.xInteger / options.yInteger: the axis counts something (no fractional ticks).
function panel(svg, box, xDomain, yDomain, xLabel, yLabel, options = {}) {
  const [x0, x1] = xDomain, [y0, y1] = yDomain;
  const sx = (x) => box.x + ((x - x0) / (x1 - x0)) * box.w;
  const sy = (y) => box.y + box.h - ((y - y0) / (y1 - y0)) * box.h;
  const g = el("g", { class: "mle-axes" }, svg);
  el("rect", { x: box.x, y: box.y, width: box.w, height: box.h, class: "mle-frame" }, g);
  // As many ticks as fit: about one per 70 px across, one per 45 px up.
  const xt = niceTicks(x0, x1, Math.max(2, Math.floor(box.w / 70)), options.xInteger);
  const xl = tickLabels(xt);
  xt.forEach((t, i) => {
    el("line", { x1: sx(t), x2: sx(t), y1: box.y + box.h, y2: box.y + box.h + 5, class: "mle-tick" }, g);
    el("text", { x: sx(t), y: box.y + box.h + 18, class: "mle-ticklabel", "text-anchor": "middle" }, g).textContent = xl.labels[i];
  });
  const yt = niceTicks(y0, y1, Math.max(2, Math.floor(box.h / 45)), options.yInteger);
  const yl = tickLabels(yt);
  let widest = 0;
  yt.forEach((t, i) => {
    el("line", { x1: box.x - 5, x2: box.x, y1: sy(t), y2: sy(t), class: "mle-tick" }, g);
    el("text", { x: box.x - 8, y: sy(t) + 4, class: "mle-ticklabel", "text-anchor": "end" }, g).textContent = yl.labels[i];
    widest = Math.max(widest, textWidth(yl.labels[i], FONT.tick));
  });
  el("text", { x: box.x + box.w / 2, y: box.y + box.h + 38, class: "mle-label", "text-anchor": "middle" }, g).textContent = xLabel + xl.suffix;
  // The y label stands just left of the widest tick label (its glyphs reach about one
  // font size left of its baseline), and never left of the panel's margin.
  const yx = Math.max(box.x - 8 - widest - 8, box.x - LAYOUT.margin.left + FONT.label);
  el("text", { class: "mle-label", "text-anchor": "middle",
    transform: `translate(${yx},${box.y + box.h / 2}) rotate(-90)` }, g).textContent = yLabel + yl.suffix;
  const clip = `clip-${Math.random().toString(36).slice(2)}`;
  const defs = el("defs", {}, svg);
  el("rect", { x: box.x, y: box.y, width: box.w, height: box.h }, el("clipPath", { id: clip }, defs));
  const plot = el("g", { "clip-path": `url(#${clip})` }, svg);
  // Markers go on an unclipped layer above the plot, so one at the end of a slider's
  // range shows whole.
  const marks = el("g", { class: "mle-marks" }, svg);
  return { sx, sy, plot, marks, box };
}

function curve(p, xs, ys, cls) {
  let d = "", pen = false;
  xs.forEach((x, i) => {
    const y = ys[i];
    if (!Number.isFinite(y)) { pen = false; return; }
    d += `${pen ? "L" : "M"}${p.sx(x).toFixed(2)},${p.sy(Math.max(Math.min(y, 1e300), -1e300)).toFixed(2)}`;
    pen = true;
  });
  return el("path", { d, class: cls }, p.plot);
}

function vline(p, x, cls) { return el("line", { x1: p.sx(x), x2: p.sx(x), y1: p.box.y, y2: p.box.y + p.box.h, class: cls }, p.plot); }
// A marker, kept inside its panel's frame (its centre on the frame at the worst).
function dot(p, x, y, cls, r = 5) {
  const clamp = (v, lo, hi) => (Number.isFinite(v) ? Math.min(Math.max(v, lo), hi) : v);
  const cx = clamp(p.sx(x), p.box.x, p.box.x + p.box.w), cy = clamp(p.sy(y), p.box.y, p.box.y + p.box.h);
  return el("circle", { cx, cy, r, class: cls }, p.marks || p.plot);
}
function range(lo, hi, n = N_POINTS) { return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1)); }

function finiteExtent(values, fallback) {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return fallback;
  let lo = Math.min(...finite), hi = Math.max(...finite);
  if (hi - lo < 1e-12) { lo -= 1; hi += 1; }
  return [lo, hi];
}

// ---- the Bernoulli (coin) likelihood: mle_book.likelihood ----------------------
function coinLogLik(theta, h, t) { return xlogy(h, theta) + xlogy(t, 1 - theta); }

function drawCoin(svg, m) {
  const k = m.get("multiplier"), h = m.get("n_heads") * k, t = m.get("n_tails") * k;
  const theta = m.get("theta"), scale = m.get("scale"), relative = m.get("relative");
  const n = h + t, peak = n > 0 ? h / n : 0.5;
  const logMax = n > 0 ? coinLogLik(peak, h, t) : 0;
  const xs = range(0, 1);
  const transform = (ll) => scale === "log" ? (relative ? ll - logMax : ll) : Math.exp(relative ? ll - logMax : ll);
  const ys = xs.map((x) => transform(coinLogLik(x, h, t)));
  let yDomain;
  if (scale === "log") { const top = transform(logMax); yDomain = [top - Math.max(10, 0.25 * Math.abs(top) + 5), top + 1]; }
  else yDomain = [0, 1.08 * transform(logMax) || 1];
  const what = relative ? "L(θ) / L(θ̂)" : "L(θ)";
  const yLabel = scale === "log" ? (relative ? "ln L(θ) − ln L(θ̂)" : "log-likelihood ln L(θ)") : (relative ? "relative likelihood " + what : "likelihood L(θ)");
  const p = panel(svg, boxes(1)[0],
    [0, 1], yDomain, "θ (probability of heads)", yLabel);
  curve(p, xs, ys, "mle-curve");
  const reveal = m.get("reveal_peak");
  if (reveal) vline(p, peak, "mle-peak");
  const value = transform(coinLogLik(theta, h, t));
  dot(p, theta, Number.isFinite(value) ? Math.max(value, yDomain[0]) : yDomain[0], "mle-marker");
  const valueText = scale === "log" ? `ln L(θ) = ${fmt(coinLogLik(theta, h, t))}` : `L(θ) = ${fmt(Math.exp(coinLogLik(theta, h, t)))}`;
  return {
    title: reveal ? `${h} heads, ${t} tails: peak at θ̂ = ${h}/${n} = ${fmt(peak)}`
      : `${h} heads, ${t} tails: where is L(θ) largest?`,
    readout: reveal ? `θ = ${fmt(theta, 3)}:  ${valueText};  peak θ̂ = ${fmt(peak)}`
      : `θ = ${fmt(theta, 3)}:  ${valueText}${Math.abs(theta - peak) <= 0.005 ? "  ← the peak!" : ""}`,
    data: { peak, value: scale === "log" ? coinLogLik(theta, h, t) : Math.exp(coinLogLik(theta, h, t)) },
  };
}

// ---- gradient descent on the coin NLL: mle_book.optimisation -------------------
function descentPath(h, t, lr, steps, theta0, mean) {
  // mle_book.optimisation.gradient_descent (float64, tol = 0): stop when theta leaves (0, 1).
  const scale = mean ? 1 / (h + t) : 1;
  const path = [theta0];
  let theta = theta0;
  for (let i = 1; i <= steps; i++) {
    const next = theta - lr * (scale * (-h / theta + t / (1 - theta)));
    if (!(Number.isFinite(next) && next > 0 && next < 1)) return { path, divergedAt: i, bad: next };
    path.push(next);
    theta = next;
  }
  return { path, divergedAt: 0, bad: NaN };
}

// Left: the NLL curve with the iterates zig-zagging on it. Right: log10 of the distance to
// the MLE per step, on a fixed scale, so convergence speed can be compared across lr.
function drawDescent(svg, m) {
  const h = m.get("n_heads"), t = m.get("n_tails"), mean = m.get("mean");
  const lr = Math.pow(10, m.get("log10_lr")), steps = m.get("n_iterations"), theta0 = m.get("theta0");
  const n = h + t, mle = h / n, scale = mean ? 1 / n : 1;
  const nll = (x) => -scale * coinLogLik(x, h, t);
  // mle_book.optimisation.contraction_factor / learning_rate_regime
  const curvature = scale * (h / (mle * mle) + t / ((1 - mle) * (1 - mle)));
  const factor = 1 - lr * curvature, limit = 2 / curvature;
  const regime = !Number.isFinite(curvature) ? "n/a" : factor > 0 ? "monotone" : factor > -1 ? "oscillating" : "unstable";
  const run = descentPath(h, t, lr, steps, theta0, mean);

  const [leftBox, rightBox] = boxes(2);
  const lo = Math.max(1e-4, Math.min(mle, ...run.path) - 0.05), hi = Math.min(1 - 1e-4, Math.max(mle, ...run.path) + 0.05);
  const xs = range(lo, hi);
  const ys = xs.map(nll);
  const left = panel(svg, leftBox,
    [lo, hi], finiteExtent(ys, [0, 1]), "θ", mean ? "mean NLL" : "NLL (sum)");
  curve(left, xs, ys, "mle-curve");
  vline(left, mle, "mle-peak");
  let d = "";
  run.path.forEach((x, i) => { d += `${i ? "L" : "M"}${left.sx(x).toFixed(2)},${left.sy(nll(x)).toFixed(2)}`; });
  el("path", { d, class: "mle-path" }, left.plot);
  run.path.forEach((x) => dot(left, x, nll(x), "mle-iterate", 3));

  const floor = -16;
  const logErrors = run.path.map((x) => Math.max(Math.log10(Math.abs(x - mle)), floor));
  const right = panel(svg, rightBox,
    [0, Math.max(steps, 1)], [floor, 0], "step k", "log₁₀ |θₖ − θ̂|", { xInteger: true });
  curve(right, run.path.map((_, k) => k), logErrors, "mle-path");
  logErrors.forEach((y, k) => dot(right, k, y, "mle-iterate", 2.5));

  const last = run.path[run.path.length - 1];
  const error = Math.abs(last - mle);
  let status;
  if (run.divergedAt) status = `diverged: step ${run.divergedAt} left (0, 1)`;
  else if (error < 1e-6) status = "converged";
  else if (run.path.length > 2 && (run.path[run.path.length - 1] - mle) * (run.path[run.path.length - 2] - mle) < 0) status = "oscillating";
  else status = "still descending";
  return {
    title: `lr = ${fmt(lr, 3)} (stable below ${fmt(limit, 3)}): ${status}`,
    readout: `lr = ${fmt(lr, 3)}, after ${run.path.length - 1} steps θ = ${fmt(last, 6)} (MLE ${fmt(mle, 6)}); `
      + `near the MLE each step multiplies the error by 1 − lr·c = ${fmt(factor, 3)} (${regime}); ${status}`,
    data: { status: status.split(":")[0], regime, theta: last, steps: run.path.length - 1, limit },
  };
}

// ---- a Gaussian over a fixed sample: mle_book.continuous -----------------------
function gaussLogPdf(x, mu, sigma) { const z = (x - mu) / sigma; return -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI); }

function drawGaussian(svg, m) {
  const sample = m.get("sample"), mu = m.get("mu"), sigma = m.get("sigma");
  const n = sample.length, mean = sample.reduce((a, b) => a + b, 0) / n;
  const sigmaHat = Math.sqrt(sample.reduce((acc, x) => acc + (x - mean) * (x - mean), 0) / n);
  const nll = (mu_, s_) => -sample.reduce((acc, x) => acc + gaussLogPdf(x, mu_, s_), 0);
  const [xmin, xmax] = m.get("x_range");
  const [leftBox, rightBox] = boxes(2);
  // Left: the density over the sample; each stem is one factor p(x_i) of the likelihood.
  const xs = range(xmin, xmax);
  const dens = xs.map((x) => Math.exp(gaussLogPdf(x, mu, sigma)));
  const fitPeak = sigmaHat > 0 ? 1 / (sigmaHat * Math.sqrt(2 * Math.PI)) : 0.5;
  const left = panel(svg, leftBox,
    [xmin, xmax], [0, Math.max(1.1 * Math.max(...dens), 1.3 * fitPeak)], "x", "density p(x | μ, σ)");
  vline(left, mu, "mle-peak");
  sample.forEach((x) => {
    const top = Math.exp(gaussLogPdf(x, mu, sigma));
    el("line", { x1: left.sx(x), x2: left.sx(x), y1: left.sy(0), y2: left.sy(top), class: "mle-stem" }, left.plot);
    dot(left, x, top, "mle-iterate", 2.5);
  });
  curve(left, xs, dens, "mle-curve");
  sample.forEach((x) => el("line", { x1: left.sx(x), x2: left.sx(x), y1: left.box.y + left.box.h, y2: left.box.y + left.box.h - 12, class: "mle-rug" }, left.plot));
  // Right: NLL(μ) at the current σ. Its floor is the lowest NLL over μ and σ, so the
  // curve's bottom touches the dotted line only when σ = σ̂.
  const mus = range(xmin, xmax);
  const nlls = mus.map((v) => nll(v, sigma));
  const best = sigmaHat > 0 ? nll(mean, sigmaHat) : -Infinity;
  const [lo, hi] = finiteExtent(nlls, [0, 1]);
  const floor = Number.isFinite(best) ? Math.min(best, lo) : lo;
  const pad = 0.06 * (Math.max(hi, floor + 1) - floor);
  const right = panel(svg, rightBox,
    [xmin, xmax], [floor - pad, Math.max(hi, floor + 1)], "μ", "NLL(μ) at this σ");
  if (Number.isFinite(best)) {
    el("line", { x1: right.box.x, x2: right.box.x + right.box.w, y1: right.sy(best), y2: right.sy(best), class: "mle-floor" }, right.plot);
  }
  curve(right, mus, nlls, "mle-curve");
  vline(right, mean, "mle-peak");
  const label = el("text", { x: right.sx(mean) + 4, y: right.box.y + 14, class: "mle-ticklabel",
    "text-anchor": right.sx(mean) > right.box.x + 0.6 * right.box.w ? "end" : "start" }, right.plot);
  label.textContent = `μ̂ = x̄ = ${fmt(mean, 3)}`;
  if (label.getAttribute("text-anchor") === "end") label.setAttribute("x", right.sx(mean) - 4);
  const value = nll(mu, sigma), atBest = nll(mean, sigma);
  dot(right, mu, value, "mle-marker");
  return {
    title: `N = ${n}: NLL is lowest at μ̂ = x̄ = ${fmt(mean)}, σ̂ = ${fmt(sigmaHat)}`,
    readout: `μ = ${fmt(mu, 3)}, σ = ${fmt(sigma, 3)}:  NLL = ${fmt(value)};  ` +
      `lowest at this σ: ${fmt(atBest)} (μ = x̄);  lowest overall: ${fmt(best)} (σ = ${fmt(sigmaHat)})`,
    data: { peak: mean, value, sigmaHat, minAtSigma: atBest, minValue: best },
  };
}

// ---- the exponential rate: mle_book.continuous ---------------------------------
function drawExponential(svg, m) {
  const sample = m.get("sample"), rate = m.get("rate"), [a0, a1] = m.get("rate_range");
  const n = sample.length, total = sample.reduce((a, b) => a + b, 0), best = n / total;
  const logLik = (a) => n * Math.log(a) - a * total;
  const xs = range(a0, a1);
  const ys = xs.map((a) => Math.exp(logLik(a)));
  const p = panel(svg, boxes(1)[0],
    [a0, a1], [0, 1.1 * Math.exp(logLik(best))], "α (rate)", "likelihood L(α)");
  curve(p, xs, ys, "mle-curve");
  const reveal = m.get("reveal_peak");
  if (reveal) vline(p, best, "mle-peak");
  const value = Math.exp(logLik(rate));
  dot(p, rate, value, "mle-marker");
  const data = n === 1 ? "x = " + fmt(total) : n + " observations";
  const atPeak = Math.abs(rate - best) <= 0.005 ? "  ← the peak!" : "";
  return {
    title: reveal ? `Exponential likelihood for ${data}: peak at α̂ = ${fmt(best)}`
      : `Exponential likelihood for ${data}: where is L(α) largest?`,
    readout: reveal ? `α = ${fmt(rate, 3)}:  L(α) = ${fmt(value)};  peak α̂ = ${fmt(best)}`
      : `α = ${fmt(rate, 3)}:  L(α) = ${fmt(value)}${atPeak}`,
    data: { peak: best, value },
  };
}

const KINDS = { coin: drawCoin, descent: drawDescent, gaussian: drawGaussian, exponential: drawExponential };

// Keyboard: Notebook 7 (JupyterLab 4's notebook) binds command-mode shortcuts such as
// ArrowRight = notebook:move-cursor-heading-below-or-expand to the selector
// ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus", which a focused
// slider handle matches; Lumino runs them before the slider sees the key, so the arrow
// keys moved between cells instead of moving the slider. Lumino skips any element marked
// data-lm-suppress-shortcuts (checked on the key's target first): mark the explorer's
// controls, handles included (they are the figure's siblings in the explorer's VBox).
function keepKeysInControls(root) {
  const box = root.parentElement && root.parentElement.closest(".widget-vbox, .widget-box");
  if (!box) return false;
  const mark = () => {
    for (const control of box.querySelectorAll(".widget-slider, .noUi-handle, .widget-readout")) {
      control.setAttribute("data-lm-suppress-shortcuts", "true");
    }
  };
  mark();
  box.addEventListener("focusin", mark);  // controls rendered after the figure, too
  return true;
}

// Split a title into lines that fit the figure's width.
// `ratio`: the drawn title's measured width over its estimate (fonts differ).
function wrapTitle(text, width, ratio = 1.1) {
  const words = text.split(" "), lines = [];
  let line = "";
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, FONT.title) * ratio > width - 16) { lines.push(line); line = word; }
    else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function render({ model, el: root }) {
  root.classList.add("mle-explorer");
  // Draw inside a shadow root: page-wide DOM observers (the theme's icon scripts) then
  // never see the redraws, which keeps a slider step well within one frame.
  const shadow = root.shadowRoot || root.attachShadow({ mode: "open" });
  shadow.replaceChildren();
  const style = document.createElement("style");
  style.textContent = model.get("_css") || "";
  const figure = document.createElement("figure");
  figure.className = "mle-figure";
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("role", "img");
  const caption = document.createElement("figcaption");
  caption.setAttribute("aria-live", "polite");
  caption.className = "mle-readout";
  figure.append(svg, caption);
  shadow.append(style, figure);

  let width = 0, titleLines = 1, ratio = 0;
  const draw = () => {
    svg.replaceChildren();
    LAYOUT = layoutFor(width, titleLines);
    const out = KINDS[model.get("kind")](svg, model);
    if (!ratio && width > 0) {
      // Once per figure, measure how wide the reader's font sets a title (bold fonts
      // differ a lot), so titles wrap where they would overflow.
      const probe = el("text", { class: "mle-title" }, svg);
      probe.textContent = out.title;
      const measured = probe.getComputedTextLength();
      if (measured > 0) ratio = measured / textWidth(out.title, FONT.title);
      probe.remove();
    }
    return { out, lines: wrapTitle(out.title, LAYOUT.width, ratio || 1.1) };
  };
  const redraw = () => {
    if (!KINDS[model.get("kind")]) { caption.textContent = `unknown explorer kind ${model.get("kind")}`; return; }
    let { out, lines } = draw();
    if (lines.length !== titleLines) { titleLines = lines.length; ({ out, lines } = draw()); }
    const title = el("text", { x: LAYOUT.width / 2, y: 20, class: "mle-title", "text-anchor": "middle" }, svg);
    lines.forEach((line, i) => { el("tspan", { x: LAYOUT.width / 2, dy: i ? TITLE_LINE : 0 }, title).textContent = line; });
    svg.setAttribute("viewBox", `0 0 ${LAYOUT.width} ${LAYOUT.height}`);
    svg.dataset.layout = LAYOUT.narrow ? "stacked" : "wide";
    svg.setAttribute("aria-label", `${model.get("description")} ${out.title}. ${out.readout}`);
    caption.textContent = out.readout;
    for (const [key, value] of Object.entries(out.data)) root.dataset[key] = String(value);
  };
  // Lay the figure out for the width it is given, again whenever that width changes.
  const measure = () => Math.round(figure.getBoundingClientRect().width);
  width = measure();
  let marked = false;
  const sizes = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => {
    if (!marked) marked = keepKeysInControls(root);  // now the figure is in the page
    const now = measure();
    if (now > 0 && Math.abs(now - width) >= 1) { width = now; redraw(); }
  });
  if (sizes) sizes.observe(figure);
  for (const name of model.get("_redraw_on")) model.on(`change:${name}`, redraw);
  redraw();
  return () => {
    if (sizes) sizes.disconnect();
    for (const name of model.get("_redraw_on")) model.off(`change:${name}`, redraw);
  };
}

export default { render };

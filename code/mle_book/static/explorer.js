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

// ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error ~1e-15), with the reflection
// formula below 1/2. Used for the Beta function B(a, b) = Γ(a)Γ(b)/Γ(a + b), as in
// mle_book.bayes.log_posterior. tests/test_browser_chapters.py checks it against math.lgamma.
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7];
function logGamma(x) {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const tt = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(tt) - tt + Math.log(a);
}
// end logGamma

function logBeta(a, b) { return logGamma(a) + logGamma(b) - logGamma(a + b); }

// The likelihood θ^h (1 − θ)^t, its log, its ratio to the peak, or (normalise) the same
// curve divided by B(h + 1, t + 1): the Beta(h + 1, t + 1) density, the posterior under a
// flat prior. With no flips (h = t = 0) the MLE is undefined, as in bernoulli_mle: no peak.
function drawCoin(svg, m) {
  const k = m.get("multiplier"), h = m.get("n_heads") * k, t = m.get("n_tails") * k;
  const theta = m.get("theta"), scale = m.get("scale"), relative = m.get("relative");
  const normalise = m.get("normalise");
  const n = h + t, defined = n > 0, peak = defined ? h / n : NaN;
  const shift = normalise ? -logBeta(h + 1, t + 1) : 0;  // ln of the normalising factor
  const logMax = (defined ? coinLogLik(peak, h, t) : 0) + shift;
  const xs = range(0, 1);
  const logCurve = (x) => coinLogLik(x, h, t) + shift;
  const transform = (ll) => scale === "log" ? (relative ? ll - logMax : ll) : Math.exp(relative ? ll - logMax : ll);
  const ys = xs.map((x) => transform(logCurve(x)));
  let yDomain;
  if (scale === "log") { const top = transform(logMax); yDomain = [top - Math.max(10, 0.25 * Math.abs(top) + 5), top + 1]; }
  else yDomain = [0, 1.08 * transform(logMax) || 1];
  const what = relative ? "L(θ) / L(MLE)" : "L(θ)";
  let yLabel = scale === "log" ? (relative ? "ln L(θ) − ln L(MLE)" : "log-likelihood ln L(θ)") : (relative ? "relative likelihood " + what : "likelihood L(θ)");
  if (normalise) yLabel = scale === "log" ? "ln posterior density" : "posterior density p(θ | x)";
  const p = panel(svg, boxes(1)[0],
    [0, 1], yDomain, "θ (probability of heads)", yLabel);
  curve(p, xs, ys, "mle-curve");
  const reveal = m.get("reveal_peak");
  if (reveal && defined) vline(p, peak, "mle-peak");
  const counts = `${h} heads, ${t} tails`;
  if (normalise) {
    // The marker sits on the peak; with no flips the density is flat at 1 (no single peak).
    if (scale !== "log") {
      el("line", { x1: p.sx(0), x2: p.sx(1), y1: p.sy(1), y2: p.sy(1), class: "mle-reference" }, p.plot);
    }
    const height = Math.exp(logMax);
    if (defined) dot(p, peak, transform(logMax), "mle-marker");
    const beta = `Beta(${h + 1}, ${t + 1})`;
    return {
      title: defined ? `${counts}: ${beta} density, peak ${fmt(height)} at θ = ${fmt(peak)}`
        : `no flips: ${beta} density, flat at height 1`,
      readout: defined
        ? `${beta} = likelihood / B(${h + 1}, ${t + 1});  peak at θ = ${h}/${n} = ${fmt(peak)}, height ${fmt(height)}`
          + (height > 1 ? " (above 1: a density, not a probability)" : "")
        : `${beta} is flat (height 1): no data, so the MLE is undefined and no θ is the peak`,
      data: { peak, height, logNorm: -shift },
    };
  }
  const value = transform(logCurve(theta));
  dot(p, theta, Number.isFinite(value) ? Math.max(value, yDomain[0]) : yDomain[0], "mle-marker");
  // The read-out names what is plotted: with `relative`, the ratio to the peak at θ.
  const logRelative = coinLogLik(theta, h, t) - logMax;
  const valueText = relative
    ? (scale === "log" ? `ln L(θ) − ln L(MLE) = ${fmt(logRelative)}` : `L(θ) / L(MLE) = ${fmt(Math.exp(logRelative))}`)
    : (scale === "log" ? `ln L(θ) = ${fmt(coinLogLik(theta, h, t))}` : `L(θ) = ${fmt(Math.exp(coinLogLik(theta, h, t)))}`);
  const data = { peak, value: scale === "log" ? coinLogLik(theta, h, t) : Math.exp(coinLogLik(theta, h, t)) };
  if (relative && defined) Object.assign(data, { relative: Math.exp(logRelative), logRelative });
  // With `relative`, how wide the peak is: where the curve is above half its height
  // (ln L(θ) − ln L(MLE) ≥ −ln 2), found by bisection on each side of the peak. This is
  // what narrows as the data grow (like 1/√n), while the ratio at the MLE stays 1.
  let halfText = "";
  if (relative && defined) {
    const above = (x) => coinLogLik(x, h, t) - logMax >= -Math.LN2;
    const edge = (inside, outside) => {
      if (above(outside)) return outside;  // the curve never drops to 1/2 on this side
      for (let i = 0; i < 60; i++) {
        const mid = (inside + outside) / 2;
        if (above(mid)) inside = mid; else outside = mid;
      }
      return (inside + outside) / 2;
    };
    const low = edge(peak, 0), high = edge(peak, 1);
    Object.assign(data, { halfLow: low, halfHigh: high });
    const cut = scale === "log" ? "ln L(θ) − ln L(MLE) ≥ −ln 2" : "L(θ) / L(MLE) ≥ 1/2";
    halfText = `;  ${cut} for θ in [${fmt(low, 3)}, ${fmt(high, 3)}] (width ${fmt(high - low, 3)})`;
  }
  if (!defined) {
    return {
      title: "0 heads, 0 tails: no data, the MLE is undefined",
      readout: `θ = ${fmt(theta, 3)}:  ${valueText};  with no flips every θ fits equally: MLE undefined`,
      data,
    };
  }
  return {
    title: reveal ? `${counts}: MLE θ = ${h}/${n} = ${fmt(peak)}`
      : `${counts}: where is L(θ) largest?`,
    readout: reveal ? `θ = ${fmt(theta, 3)}:  ${valueText};  MLE θ = ${fmt(peak)}${halfText}`
      : `θ = ${fmt(theta, 3)}:  ${valueText}${Math.abs(theta - peak) <= 0.005 ? "  ← the peak!" : ""}`,
    data,
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
  const lr = Math.pow(10, m.get("log10_lr")), steps = m.get("n_steps"), theta0 = m.get("theta0");
  const n = h + t, mle = h / n, scale = mean ? 1 / n : 1;
  const nll = (x) => -scale * coinLogLik(x, h, t);
  // mle_book.optimisation.contraction_factor / learning_rate_regime (near the MLE only)
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
    [0, Math.max(steps, 1)], [floor, 0], "step k", "log₁₀ |θₖ − MLE|", { xInteger: true });
  curve(right, run.path.map((_, k) => k), logErrors, "mle-path");
  logErrors.forEach((y, k) => dot(right, k, y, "mle-iterate", 2.5));

  // The status describes what the run did; "still descending" only when the error shrank
  // on the last step without changing side, and never in the unstable regime.
  const k = run.path.length - 1, last = run.path[k];
  const error = Math.abs(last - mle);
  const before = k >= 1 ? run.path[k - 1] - mle : NaN;
  const ratio = k >= 1 && before !== 0 ? error / Math.abs(before) : NaN;
  const sideChanged = k >= 1 && (last - mle) * before < 0;
  let status;
  if (run.divergedAt) status = `diverged: step ${run.divergedAt} left (0, 1)`;
  else if (error < 1e-6) status = "converged: within 10⁻⁶ of the MLE";
  else if (regime === "unstable") status = "not converging: unstable near the MLE";
  else if (ratio >= 1) status = "error growing";
  else if (sideChanged) status = "oscillating in";
  else status = "still descending";
  const stepsText = `${k} step${k === 1 ? "" : "s"}`;
  const ratioText = Number.isFinite(ratio) ? `; last step's error ratio ${fmt(ratio, 3)}` : "";
  return {
    title: `lr = ${fmt(lr, 3)}, stable near the MLE below ${fmt(limit, 3)}: ${status.split(":")[0]}`,
    readout: `lr = ${fmt(lr, 3)}, from θ₀ = ${fmt(theta0, 3)} after ${stepsText} θ = ${fmt(last, 6)} (MLE ${fmt(mle, 6)})${ratioText}; `
      + `near the MLE each step multiplies the error by 1 − lr·c = ${fmt(factor, 3)} (${regime}); ${status}`,
    data: { status: status.split(":")[0], regime, theta: last, steps: k, limit, ratio,
      lr, theta0, nHeads: h, nTails: t, mean, divergedAt: run.divergedAt },
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
  // curve's bottom touches the dotted line only when σ is the MLE.
  const mus = range(xmin, xmax);
  const nlls = mus.map((v) => nll(v, sigma));
  const best = sigmaHat > 0 ? nll(mean, sigmaHat) : -Infinity;
  const [lo, hi] = finiteExtent(nlls, [0, 1]);
  const floor = Number.isFinite(best) ? Math.min(best, lo) : lo;
  const pad = 0.06 * (Math.max(hi, floor + 1) - floor);
  const right = panel(svg, rightBox,
    [xmin, xmax], [floor - pad, Math.max(hi, floor + 1)], "μ", "NLL(μ) at this σ");
  if (Number.isFinite(best)) {
    el("line", { x1: right.box.x, x2: right.box.x + right.box.w, y1: right.sy(best), y2: right.sy(best),
      class: "mle-reference" }, right.plot);
  }
  curve(right, mus, nlls, "mle-curve");
  vline(right, mean, "mle-peak");
  // The label sits beside the MLE line near the top, on whichever side is free (a narrow
  // phone panel gets the short form); placed by label()'s layout rule. 6.5 px a character
  // is generous for 11 px text.
  let text = `MLE μ = mean = ${fmt(mean, 3)}`;
  if (6.5 * text.length > right.box.w - 8) text = `MLE μ = ${fmt(mean, 3)}`;
  const at = right.sx(mean), spots = [];
  for (let i = 0; i < 3; i++) {
    const y = right.box.y + 14 + i * (FONT.tick + 5);
    spots.push({ x: at + 4, y, anchor: "start" }, { x: at - 4, y, anchor: "end" });
  }
  label(right, null, null, text, "start", spots);
  const value = nll(mu, sigma), atBest = nll(mean, sigma);
  dot(right, mu, value, "mle-marker");
  return {
    title: `n = ${n}: NLL is lowest at MLE μ = ${fmt(mean)} (the mean), σ = ${fmt(sigmaHat)}`,
    readout: `μ = ${fmt(mu, 3)}, σ = ${fmt(sigma, 3)}:  NLL = ${fmt(value)};  ` +
      `lowest at this σ: ${fmt(atBest)} (μ = mean);  lowest overall: ${fmt(best)} (σ = ${fmt(sigmaHat)})`,
    data: { peak: mean, value, sigmaHat, minAtSigma: atBest, minValue: best },
  };
}

// ---- the exponential rate: mle_book.continuous ---------------------------------
function drawExponential(svg, m) {
  const sample = m.get("sample"), rate = m.get("alpha"), [a0, a1] = m.get("alpha_range");
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
    title: reveal ? `Exponential likelihood for ${data}: MLE α = ${fmt(best)}`
      : `Exponential likelihood for ${data}: where is L(α) largest?`,
    readout: reveal ? `α = ${fmt(rate, 3)}:  L(α) = ${fmt(value)};  MLE α = ${fmt(best)}`
      : `α = ${fmt(rate, 3)}:  L(α) = ${fmt(value)}${atPeak}`,
    data: { peak: best, value },
  };
}

// ---- confidence intervals and their exact coverage: mle_book.uncertainty --------
// Two-sided normal quantile z = Φ⁻¹((1+γ)/2) by Acklam's rational approximation
// (relative error below 1.2e-9; the browser tests compare it with scipy.stats.norm.ppf).
// χ²₁(γ) = z², since a χ²₁ variable is the square of a standard normal one.
function normalQuantile(p) {
  const a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
    1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
  const b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
    6.680131188771972e+01, -1.328068155288572e+01];
  const c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
    -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
  const d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
  const tail = (q) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

function twoSidedZ(level) { return normalQuantile(0.5 + level / 2); }

// mle_book.uncertainty.wald_interval: θ̂ ± z·sqrt(θ̂(1−θ̂)/n), not clipped to [0, 1].
function waldInterval(h, t, z) {
  const n = h + t, mle = h / n, se = Math.sqrt(mle * (1 - mle) / n);
  return [mle - z * se, mle + z * se];
}

// mle_book.uncertainty.likelihood_ratio_interval: the roots of ℓ(θ) = ℓ(θ̂) − χ²₁/2 on each
// side of θ̂, by bisection to machine precision (ℓ is monotone on each side).
function lrInterval(h, t, chi2) {
  const n = h + t, mle = h / n, top = coinLogLik(mle, h, t);
  const inside = (x) => coinLogLik(x, h, t) - top + chi2 / 2 >= 0;
  const root = (outer, inner) => {
    for (let i = 0; i < 200 && Math.abs(inner - outer) > 1e-15; i++) {
      const mid = (outer + inner) / 2;
      if (inside(mid)) inner = mid; else outer = mid;
    }
    return (outer + inner) / 2;
  };
  return [h === 0 ? 0 : root(0, mle), t === 0 ? 1 : root(1, mle)];
}

// mle_book.uncertainty.coverage: Σ_k P(K = k | n, θ) · 1{θ ∈ C(k)}, the binomial
// probabilities in log space (log C(n, k) built up term by term).
function coverageCurve(n, intervals, thetas) {
  const logChoose = [0];
  for (let k = 1; k <= n; k++) logChoose.push(logChoose[k - 1] + Math.log((n - k + 1) / k));
  return thetas.map((theta) => {
    let total = 0;
    for (let k = 0; k <= n; k++) {
      const [lo, hi] = intervals[k];
      if (lo <= theta && theta <= hi) total += Math.exp(logChoose[k] + xlogy(k, theta) + xlogy(n - k, 1 - theta));
    }
    return Math.min(Math.max(total, 0), 1);
  });
}

function bar(p, lo, hi, y, cls) {
  return el("line", { x1: p.sx(lo), x2: p.sx(hi), y1: p.sy(y), y2: p.sy(y), class: cls }, p.plot);
}

// In-plot labels are placed by one layout rule, the same at every width: the first spot,
// of the caller's preferred one, then the ones it offers beside its mark (`spots`, in
// pixels: {x, y, anchor}), then the panel's free corners, whose text box stays inside the
// panel and covers no curve or bar drawn so far and no label placed before it. If every
// spot is taken, the one that covers the fewest points wins. Draw curves first, then labels.
function obstaclePoints(p) {
  const points = [];
  const segment = (x0, y0, x1, y1) => {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 3));
    for (let i = 0; i <= steps; i++) points.push([x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps]);
  };
  for (const path of p.plot.querySelectorAll("path.mle-curve, path.mle-wald")) {
    let last = null;
    for (const [, cmd, x, y] of (path.getAttribute("d") || "").matchAll(/([ML])(-?[\d.]+),(-?[\d.]+)/g)) {
      if (cmd === "L" && last) segment(last[0], last[1], +x, +y); else points.push([+x, +y]);
      last = [+x, +y];
    }
  }
  for (const line of p.plot.querySelectorAll("line.mle-lr-bar, line.mle-wald-bar")) {
    const [x1, y1, x2, y2] = ["x1", "y1", "x2", "y2"].map((k) => +line.getAttribute(k));
    for (const dy of [-3, 0, 3]) segment(x1 - 3, y1 + dy, x2 + 3, y2 + dy);  // the bar's stroke
  }
  const b = p.box;
  return points.filter(([x, y]) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h);
}

function label(p, x, y, text, anchor = "start", spots = []) {
  const w = textWidth(text, FONT.tick), b = p.box, pad = 2, row = FONT.tick + 5;
  if (!p.placed) p.placed = [];
  const points = obstaclePoints(p);
  const corners = [];
  for (let i = 0; i < 3; i++) {
    const top = b.y + 4 + FONT.tick + i * row, bottom = b.y + b.h - 6 - i * row;
    corners.push({ x: b.x + 6, y: top, anchor: "start" }, { x: b.x + b.w - 6, y: top, anchor: "end" },
      { x: b.x + 6, y: bottom, anchor: "start" }, { x: b.x + b.w - 6, y: bottom, anchor: "end" });
  }
  // x === null: no preferred spot, only the given ones and the corners
  const candidates = [...(x === null ? [] : [{ x: p.sx(x), y: p.sy(y) + 4, anchor }]), ...spots, ...corners];
  const boxOf = (c) => {
    const left = c.anchor === "end" ? c.x - w : c.anchor === "middle" ? c.x - w / 2 : c.x;
    return [left - pad, c.y - FONT.tick - pad, left + w + pad, c.y + 3 + pad];
  };
  const cost = (r) => {
    if (r[0] < b.x || r[2] > b.x + b.w || r[1] < b.y || r[3] > b.y + b.h) return Infinity;
    let hits = points.filter(([px, py]) => px > r[0] && px < r[2] && py > r[1] && py < r[3]).length;
    for (const q of p.placed) if (r[0] < q[2] && q[0] < r[2] && r[1] < q[3] && q[1] < r[3]) hits += 1000;
    return hits;
  };
  let best = candidates[0], bestCost = Infinity;
  for (const c of candidates) {
    const k = cost(boxOf(c));
    if (k < bestCost) { best = c; bestCost = k; }
    if (k === 0) break;
  }
  p.placed.push(boxOf(best));
  const node = el("text", { x: best.x, y: best.y, class: "mle-ticklabel", "text-anchor": best.anchor }, p.plot);
  node.textContent = text;
  return node;
}

// Spots beside a horizontal bar from lo to hi at height y (data units): above it (at its
// start, middle, end), past its right end, before its left end, below it (middle, start, end).
function barSpots(p, lo, hi, y) {
  const gap = 6, base = p.sy(y) + 4, above = p.sy(y) - 10, below = p.sy(y) + 17;
  const a = p.sx(lo), b = p.sx(hi), mid = (a + b) / 2;
  return [{ x: a, y: above, anchor: "start" }, { x: mid, y: above, anchor: "middle" }, { x: b, y: above, anchor: "end" },
    { x: b + gap, y: base, anchor: "start" }, { x: a - gap, y: base, anchor: "end" },
    { x: mid, y: below, anchor: "middle" }, { x: a, y: below, anchor: "start" }, { x: b, y: below, anchor: "end" }];
}

// The relative log-likelihood ℓ(θ) − ℓ(θ̂) with the cut at −χ²₁(γ)/2 and the Wald
// parabola −(θ − θ̂)²/(2 SE²); the two intervals as bars below the curves.
function drawInterval(svg, m) {
  const h = m.get("n_heads"), t = m.get("n_tails"), level = m.get("level"), n = h + t;
  const z = twoSidedZ(level), chi2 = z * z;
  if (n === 0) {
    panel(svg, boxes(1)[0], [0, 1], [-3, 0.5], "θ (probability of heads)", "ℓ(θ) − max ℓ");
    return { title: "No flips: the likelihood is flat, no interval", readout: "no flips: move a slider",
      data: { level, z, chi2, mle: NaN, se: NaN, waldLower: NaN, waldUpper: NaN, lrLower: NaN, lrUpper: NaN } };
  }
  const mle = h / n, se = Math.sqrt(mle * (1 - mle) / n), top = coinLogLik(mle, h, t);
  const wald = waldInterval(h, t, z), lr = lrInterval(h, t, chi2);
  const cut = -chi2 / 2, yLow = Math.min(3 * cut, -3);
  const x0 = Math.max(Math.min(0, wald[0] - 0.03), -0.5), x1 = Math.min(Math.max(1, wald[1] + 0.03), 1.5);
  const p = panel(svg, boxes(1)[0], [x0, x1], [yLow, 0.4], "θ (probability of heads)", "ℓ(θ) − max ℓ");
  if (x0 < 0) el("rect", { x: p.sx(x0), y: p.box.y, width: p.sx(0) - p.sx(x0), height: p.box.h, class: "mle-outside" }, p.plot);
  if (x1 > 1) el("rect", { x: p.sx(1), y: p.box.y, width: p.sx(x1) - p.sx(1), height: p.box.h, class: "mle-outside" }, p.plot);
  const xs = range(0, 1);
  curve(p, xs, xs.map((x) => coinLogLik(x, h, t) - top), "mle-curve");
  const wx = range(x0, x1);
  if (se > 0) curve(p, wx, wx.map((x) => -((x - mle) ** 2) / (2 * se * se)), "mle-wald");
  el("line", { x1: p.box.x, x2: p.box.x + p.box.w, y1: p.sy(cut), y2: p.sy(cut), class: "mle-cut" }, p.plot);
  vline(p, mle, "mle-peak");
  const yLr = cut + 0.45 * (yLow - cut), yWald = cut + 0.75 * (yLow - cut);
  bar(p, lr[0], lr[1], yLr, "mle-lr-bar");
  bar(p, wald[0], wald[1], yWald, "mle-wald-bar");
  // Each label prefers the spot just above the left end of its bar (or of the panel); label()
  // moves it beside the bar or to a free corner when a curve or another label is there.
  const above = 0.07 * (0.4 - yLow), left = (x) => Math.max(x, x0 + 0.01 * (x1 - x0));
  label(p, left(Math.min(lr[0], 0.75 * x1)), yLr + above, "likelihood ratio", "start", barSpots(p, lr[0], lr[1], yLr));
  label(p, left(Math.min(wald[0], 0.75 * x1)), yWald + above, se > 0 ? "Wald" : "Wald: one point", "start",
    barSpots(p, wald[0], wald[1], yWald));
  const cutY = p.sy(cut);  // the cut's label: just above or below the line, at either end
  label(p, x0 + 0.01 * (x1 - x0), cut + above, `cut at −χ²₁/2 = ${fmt(cut, 3)}`, "start", [
    { x: p.box.x + p.box.w - 6, y: cutY - 5, anchor: "end" }, { x: p.box.x + 6, y: cutY + 15, anchor: "start" },
    { x: p.box.x + p.box.w - 6, y: cutY + 15, anchor: "end" }]);
  const pct = `${fmt(100 * level, 3)} %`;
  const outside = wald[0] < 0 || wald[1] > 1 ? ", Wald leaves [0, 1]" : se === 0 ? ", Wald is one point" : "";
  return {
    title: `${h} head${h === 1 ? "" : "s"}, ${t} tail${t === 1 ? "" : "s"}: ${pct} intervals, MLE θ = ${fmt(mle)}${outside}`,
    readout: `${pct}: z = ${fmt(z)}, χ²₁ = ${fmt(chi2)};  Wald (${fmt(wald[0], 3)}, ${fmt(wald[1], 3)});  `
      + `likelihood ratio (${fmt(lr[0], 3)}, ${fmt(lr[1], 3)})`,
    data: { level, z, chi2, mle, se, waldLower: wald[0], waldUpper: wald[1], lrLower: lr[0], lrUpper: lr[1] },
  };
}

// Exact coverage of both methods against the true θ, with a marker θ read out.
function drawCoverage(svg, m) {
  const n = m.get("n"), level = m.get("level"), theta = m.get("theta");
  const z = twoSidedZ(level), chi2 = z * z;
  const ks = Array.from({ length: n + 1 }, (_, k) => k);
  const wald = ks.map((k) => waldInterval(k, n - k, z)), lr = ks.map((k) => lrInterval(k, n - k, chi2));
  const thetas = range(0, 1, 401).slice(1, -1);
  const p = panel(svg, boxes(1)[0], [0, 1], [0, 1.02], "true θ", "coverage probability");
  el("line", { x1: p.box.x, x2: p.box.x + p.box.w, y1: p.sy(level), y2: p.sy(level), class: "mle-cut" }, p.plot);
  curve(p, thetas, coverageCurve(n, wald, thetas), "mle-wald");
  curve(p, thetas, coverageCurve(n, lr, thetas), "mle-curve");
  const [waldAt] = coverageCurve(n, wald, [theta]), [lrAt] = coverageCurve(n, lr, [theta]);
  vline(p, theta, "mle-peak");
  dot(p, theta, waldAt, "mle-iterate", 4);
  dot(p, theta, lrAt, "mle-marker", 4);
  label(p, 0.5, 0.12, "solid: likelihood ratio; dashed: Wald", "middle");
  const pct = (x) => `${fmt(100 * x, 3)} %`;
  return {
    title: `n = ${n}: exact coverage of nominal ${pct(level)} intervals`,
    readout: `θ = ${fmt(theta, 3)}, n = ${n}, nominal ${pct(level)}:  Wald covers ${pct(waldAt)};  `
      + `likelihood ratio covers ${pct(lrAt)}`,
    data: { n, level, theta, z, waldAt, lrAt },
  };
}

// ---- two parameters: profile versus slice for the Gaussian (mle_book.uncertainty) ----
// With Σ(x − μ)² = n(σ̂² + (x̄ − μ)²), the NLL above its minimum is
// n ln(σ/σ̂) + n(σ̂² + (x̄ − μ)²)/(2σ²) − n/2; each contour is solved for μ at every σ.
function drawSurface(svg, m) {
  const sample = m.get("sample"), mu = m.get("mu"), sigma = m.get("sigma"), level = m.get("level");
  const [m0, m1] = m.get("mu_range"), [s0, s1] = m.get("sigma_range");
  const n = sample.length, mean = sample.reduce((a, b) => a + b, 0) / n;
  const sigmaHat = Math.sqrt(sample.reduce((acc, x) => acc + (x - mean) ** 2, 0) / n);
  const nll = (mu_, s_) => -sample.reduce((acc, x) => acc + gaussLogPdf(x, mu_, s_), 0);
  const minValue = nll(mean, sigmaHat);
  const profileSigma = (mu_) => Math.sqrt(sigmaHat * sigmaHat + (mean - mu_) ** 2);
  const profileRel = (mu_) => (n / 2) * Math.log1p(((mean - mu_) / sigmaHat) ** 2);
  const sliceRel = (mu_) => (n * (mean - mu_) ** 2) / (2 * sigmaHat * sigmaHat);
  const z = twoSidedZ(level), half = (z * z) / 2;
  const profileHalf = sigmaHat * Math.sqrt(Math.expm1((z * z) / n)), sliceHalf = (z * sigmaHat) / Math.sqrt(n);
  const [leftBox, rightBox] = boxes(2);

  const left = panel(svg, leftBox, [m0, m1], [s0, s1], "μ", "σ");
  const sigmas = range(s0, s1, 401);
  for (const height of [0.5, 2, 4.5, 8]) {
    const right = [], leftSide = [];
    for (const s of sigmas) {
      const w2 = (2 * s * s * (height - n * Math.log(s / sigmaHat) + n / 2)) / n - sigmaHat * sigmaHat;
      if (w2 >= 0) { right.push([mean + Math.sqrt(w2), s]); leftSide.push([mean - Math.sqrt(w2), s]); }
    }
    const points = right.concat(leftSide.reverse());
    if (points.length) {
      const d = points.map(([x, y], i) => `${i ? "L" : "M"}${left.sx(x).toFixed(2)},${left.sy(y).toFixed(2)}`).join("") + "Z";
      el("path", { d, class: "mle-contour" }, left.plot);
    }
  }
  const mus = range(m0, m1);
  curve(left, mus, mus.map(profileSigma), "mle-curve");
  el("line", { x1: left.box.x, x2: left.box.x + left.box.w, y1: left.sy(sigmaHat), y2: left.sy(sigmaHat), class: "mle-wald" }, left.plot);
  dot(left, mean, sigmaHat, "mle-iterate", 4);
  dot(left, mu, sigma, "mle-marker");

  const right = panel(svg, rightBox, [m0, m1], [0, 2.5 * half], "μ", "NLL − min");
  curve(right, mus, mus.map(profileRel), "mle-curve");
  curve(right, mus, mus.map(sliceRel), "mle-wald");
  el("line", { x1: right.box.x, x2: right.box.x + right.box.w, y1: right.sy(half), y2: right.sy(half), class: "mle-cut" }, right.plot);
  bar(right, mean - profileHalf, mean + profileHalf, 1.8 * half, "mle-lr-bar");
  bar(right, mean - sliceHalf, mean + sliceHalf, 1.55 * half, "mle-wald-bar");
  vline(right, mu, "mle-peak");
  dot(right, mu, Math.min(profileRel(mu), 2.5 * half), "mle-marker", 4);
  // The bars are labelled like the interval explorer's, beside each bar.
  label(right, mean - profileHalf, 1.8 * half + 0.12 * half, "profile", "start",
    barSpots(right, mean - profileHalf, mean + profileHalf, 1.8 * half));
  label(right, mean - sliceHalf, 1.55 * half - 0.22 * half, "slice", "start",
    barSpots(right, mean - sliceHalf, mean + sliceHalf, 1.55 * half));

  const value = nll(mu, sigma), profile = minValue + profileRel(mu);
  const pct = `${fmt(100 * level, 3)} %`;
  return {
    title: `n = ${n}: profile (solid) versus slice at σ = ${fmt(sigmaHat, 3)} (dashed)`,
    readout: `μ = ${fmt(mu, 3)}, σ = ${fmt(sigma, 3)}: NLL − min = ${fmt(value - minValue)};  `
      + `profile at μ: ${fmt(profileRel(mu))} (best σ = ${fmt(profileSigma(mu))});  ${pct} intervals: `
      + `profile (${fmt(mean - profileHalf)}, ${fmt(mean + profileHalf)}), slice (${fmt(mean - sliceHalf)}, ${fmt(mean + sliceHalf)})`,
    data: { mu, sigma, level, value, minValue, profile, profileSigma: profileSigma(mu),
      profileLower: mean - profileHalf, profileUpper: mean + profileHalf,
      sliceLower: mean - sliceHalf, sliceUpper: mean + sliceHalf },
  };
}

// ---- the likelihood and its logarithm side by side: mle_book.likelihood -----------
// Left: L(θ) = θ^n_H (1 − θ)^n_T; right: ln L(θ). The log changes the shape and the scale
// of the curve but not where it peaks: both peak at the MLE n_H / n.
function drawLogLik(svg, m) {
  const h = m.get("n_heads"), t = m.get("n_tails"), theta = m.get("theta");
  const n = h + t, peak = n > 0 ? h / n : NaN;
  const logPeak = n > 0 ? coinLogLik(peak, h, t) : 0;
  const xs = range(0, 1);
  const logs = xs.map((x) => coinLogLik(x, h, t));
  const [leftBox, rightBox] = boxes(2);
  const left = panel(svg, leftBox, [0, 1], [0, 1.08 * Math.exp(logPeak)], "θ", "likelihood L(θ)");
  curve(left, xs, logs.map(Math.exp), "mle-curve");
  const span = Math.max(10, 0.25 * Math.abs(logPeak) + 5);
  const right = panel(svg, rightBox, [0, 1], [logPeak - span, logPeak + 0.08 * span], "θ", "ln L(θ)");
  curve(right, xs, logs, "mle-curve");
  if (n > 0) { vline(left, peak, "mle-peak"); vline(right, peak, "mle-peak"); }
  const logValue = coinLogLik(theta, h, t), value = Math.exp(logValue);
  dot(left, theta, value, "mle-marker");
  dot(right, theta, Number.isFinite(logValue) ? Math.max(logValue, logPeak - span) : logPeak - span, "mle-marker");
  const where = n > 0 ? `both peak at the MLE θ = ${h}/${n} = ${fmt(peak)}` : "no flips: L(θ) = 1 for every θ, so the MLE is undefined";
  return {
    title: `${h} heads, ${t} tails: ${where}`,
    readout: `θ = ${fmt(theta, 3)}:  L(θ) = ${fmt(value)},  ln L(θ) = ${fmt(logValue)};  ${where}`
      + (n > 0 ? `, where L = ${fmt(Math.exp(logPeak))} and ln L = ${fmt(logPeak)}` : ""),
    data: { peak, likelihood: value, logLikelihood: logValue, peakLikelihood: Math.exp(logPeak), peakLog: logPeak,
      theta, nHeads: h, nTails: t },
  };
}

// ---- logistic regression on one feature: mle_book.models ---------------------
function softplus(phi) { return phi > 0 ? phi + Math.log1p(Math.exp(-phi)) : Math.log1p(Math.exp(phi)); }
function logisticNll(xs, ys, center, b0, b1) {
  // mle_book.models.logistic_nll with X = [1, x − center]
  let total = 0;
  xs.forEach((x, i) => { const phi = b0 + b1 * (x - center); total += softplus(phi) - ys[i] * phi; });
  return total;
}

// Left: the data (0/1) with the probability curve at the sliders and the MLE's curve.
// Right: the NLL along the slope at the current intercept, with the MLE's slope marked.
function drawLogistic(svg, m) {
  const xs = m.get("x"), ys = m.get("y"), center = m.get("center");
  const b0 = m.get("intercept"), b1 = m.get("slope"), [h0, h1] = m.get("beta_hat");
  const [xmin, xmax] = m.get("x_range"), [s0, s1] = m.get("slope_range"), feature = m.get("feature");
  const n = xs.length;
  const prob = (x, a, b) => 1 / (1 + Math.exp(-(a + b * (x - center))));
  const [leftBox, rightBox] = boxes(2);
  const left = panel(svg, leftBox, [xmin, xmax], [-0.05, 1.05], feature, "P(y = 1)");
  const grid = range(xmin, xmax);
  curve(left, grid, grid.map((x) => prob(x, h0, h1)), "mle-fit");
  curve(left, grid, grid.map((x) => prob(x, b0, b1)), "mle-curve");
  xs.forEach((x, i) => dot(left, x, ys[i], "mle-iterate", 3));

  const slopes = range(s0, s1);
  const nlls = slopes.map((b) => logisticNll(xs, ys, center, b0, b));
  const best = logisticNll(xs, ys, center, h0, h1);
  const [lo, hi] = finiteExtent(nlls, [0, 1]);
  const floor = Math.min(best, lo), pad = 0.06 * (hi - floor || 1);
  const right = panel(svg, rightBox, [s0, s1], [floor - pad, hi], "slope β₁", "NLL at this β₀");
  el("line", { x1: right.box.x, x2: right.box.x + right.box.w, y1: right.sy(best), y2: right.sy(best),
    class: "mle-floor" }, right.plot);
  curve(right, slopes, nlls, "mle-curve");
  vline(right, h1, "mle-peak");
  const value = logisticNll(xs, ys, center, b0, b1);
  dot(right, b1, value, "mle-marker");
  return {
    title: `${n} observations: NLL ${fmt(value)} here, lowest ${fmt(best)} at the MLE (dashed)`,
    readout: `β₀ = ${fmt(b0, 3)}, β₁ = ${fmt(b1, 3)}:  NLL = ${fmt(value)};  ` +
      `MLE β₀ = ${fmt(h0)}, β₁ = ${fmt(h1)}, NLL = ${fmt(best)}`,
    data: { value, minValue: best, interceptHat: h0, slopeHat: h1 },
  };
}

const KINDS = { coin: drawCoin, descent: drawDescent, gaussian: drawGaussian, exponential: drawExponential,
  interval: drawInterval, coverage: drawCoverage, surface: drawSurface, loglik: drawLogLik, logistic: drawLogistic };

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

// ---- accessible names (live clients) ----
// ipywidgets 8 sliders render a role="slider" handle (noUiSlider) that is not tied to the
// slider's <label class="widget-label">, and a contenteditable value box without a name:
// a screen reader hears only "slider". The one naming rule of the book is here: each
// handle is named by its label, and the value box is a textbox "<label>: value". The
// explorer applies it to the controls in its own box (JupyterLab, Notebook 7, the static
// book); the book build copies this section into _ext/reader-aids.js, which applies it
// to every slider of a page. Idempotent; it writes only names that are missing or stale.
// The handle's value text is what the slider's own read-out shows ("2.70", not noUiSlider's
// raw "2.6999999999999997"), kept so by a watch on the handle and the read-out.
function voiceSliderValue(slider) {
  const readout = slider.querySelector(".widget-readout");
  const text = readout ? readout.textContent.replace(/\s+/g, " ").trim() : "";
  if (!text) return;
  for (const handle of slider.querySelectorAll(".noUi-handle")) {
    if (handle.getAttribute("aria-valuetext") !== text) handle.setAttribute("aria-valuetext", text);
  }
}

function nameSliderControls(root) {
  for (const slider of root.querySelectorAll(".widget-slider")) {
    const label = slider.querySelector(":scope > .widget-label");
    const name = label ? label.textContent.replace(/\s+/g, " ").trim() : "";
    if (!name) continue;
    for (const handle of slider.querySelectorAll(".noUi-handle")) {
      if (handle.getAttribute("aria-label") !== name) handle.setAttribute("aria-label", name);
    }
    const readout = slider.querySelector(".widget-readout");
    if (readout && readout.getAttribute("aria-label") !== `${name}: value`) {
      readout.setAttribute("role", "textbox");
      readout.setAttribute("aria-label", `${name}: value`);
    }
    voiceSliderValue(slider);
    if (!slider.hasAttribute("data-mle-voiced") && typeof MutationObserver !== "undefined") {
      slider.setAttribute("data-mle-voiced", "");  // one watch per slider, whichever copy of the rule
      new MutationObserver(() => voiceSliderValue(slider)).observe(slider, {
        subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["aria-valuetext"],
      });
    }
  }
}

// Name the controls in the explorer's box once the figure is placed in it, and again
// when controls render after the figure. Returns a handle whose stop() ends the watch.
function nameControlsNear(root) {
  let watcher = null, frames = 0, frame = 0;
  const look = () => {
    const box = root.parentElement && root.parentElement.closest(".widget-vbox, .widget-box");
    if (!box) { if (++frames < 600) frame = requestAnimationFrame(look); return; }
    nameSliderControls(box);
    watcher = new MutationObserver((records) => {
      if (records.some((r) => [...r.addedNodes].some((n) => n.nodeType === 1))) nameSliderControls(box);
    });
    watcher.observe(box, { childList: true, subtree: true });
  };
  look();
  return { stop: () => { cancelAnimationFrame(frame); if (watcher) watcher.disconnect(); } };
}
// ---- end accessible names ----

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
  const names = nameControlsNear(root);  // see "accessible names" above
  // Draw inside a shadow root: page-wide DOM observers (the theme's icon scripts) then
  // never see the redraws, which keeps a slider step well within one frame.
  const shadow = root.shadowRoot || root.attachShadow({ mode: "open" });
  shadow.replaceChildren();
  const style = document.createElement("style");
  style.textContent = model.get("_css") || "";
  const figure = document.createElement("figure");
  figure.className = "mle-figure";
  // Said once: the figure's SVG is named by its description and title, the read-out is
  // read from the caption (a live region, so changes are announced). An HTML figure takes
  // its name from its figcaption, which would say the read-out a second time: role none.
  figure.setAttribute("role", "none");
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("role", "img");
  const caption = document.createElement("figcaption");
  caption.setAttribute("aria-live", "polite");
  caption.className = "mle-readout";
  figure.append(svg, caption);
  shadow.append(style, figure);

  let width = 0, titleLines = 1, ratio = 0;
  const draw = () => {
    // Drawn off the page, then swapped in at once: one DOM change per redraw for the
    // page's observers and one style pass, not one per node (load time, slider latency).
    const scratch = document.createElementNS(SVG, "svg");
    LAYOUT = layoutFor(width, titleLines);
    const out = KINDS[model.get("kind")](scratch, model);
    svg.replaceChildren(...scratch.childNodes);
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
    const sentence = (words) => { const t = String(words).trim(); return /[.?!:;…]$/.test(t) ? t : `${t}.`; };
    svg.setAttribute("aria-label", `${sentence(model.get("description"))} ${sentence(out.title)}`);
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
    names.stop();
    for (const name of model.get("_redraw_on")) model.off(`change:${name}`, redraw);
  };
}

export default { render };

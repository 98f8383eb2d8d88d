// Answer boxes of the Exercises chapter (mle_book.answers).
//
// The same rules as mle_book.exercises (Python), applied in the browser to the same data
// (exercise_data.json, synced as the widget's `spec` and `rules` traits). This file holds
// no exercise-specific value or text. Rendered in the light DOM (not a shadow root), so
// that JupyterLab and Notebook 7 see key presses in the text box as typing, not as
// notebook shortcuts; key events are also kept from bubbling out of the box.

// ---- reading an answer (mirrors exercises._read_text) ----

function spaceClass(space) {
  return "[" + [...space].map((c) => "\\u" + c.codePointAt(0).toString(16).padStart(4, "0")).join("") + "]";
}

function message(rules, key, fields) {
  let text = rules.messages[key];
  for (const [field, value] of Object.entries(fields)) text = text.split("{" + field + "}").join(String(value));
  return text;
}

class Unreadable extends Error {}

function strip(text, space) {
  const chars = [...text];
  let start = 0;
  let end = chars.length;
  while (start < end && space.includes(chars[start])) start += 1;
  while (end > start && space.includes(chars[end - 1])) end -= 1;
  return chars.slice(start, end).join("");
}

function places(decimal) {
  const [mantissa, exponent] = decimal.toLowerCase().replace(/^[+-]+/, "").split("e");
  const shift = exponent === undefined ? 0 : parseInt(exponent, 10);
  const [whole, fraction = ""] = mantissa.split(".");
  const last = shift - fraction.length;
  const index = (whole + fraction).search(/[1-9]/);
  return { first: index < 0 ? null : shift + whole.length - 1 - index, last };
}

function hasNonzeroDigit(part) {
  return /[1-9]/.test(part.toLowerCase().split("e")[0]);
}

function readDecimal(part, rules) {
  const value = Number(part);
  if (!Number.isFinite(value)) throw new Unreadable(message(rules, "too_large", { name: "answer" }));
  if (value === 0 && hasNonzeroDigit(part)) throw new Unreadable(message(rules, "too_small", { name: "answer" }));
  return value;
}

function exactForm(value) {
  return { value, first: value === 0 ? null : places(String(Math.abs(value))).first, last: null };
}

function readText(text, rules) {
  const name = "answer";
  const trimmed = strip(text, rules.space);
  const stripped = trimmed.split("\u2212").join("-");
  if (!stripped) throw new Unreadable(message(rules, "empty", { name }));
  const length = [...stripped].length;
  if (length > rules.max_length) throw new Unreadable(message(rules, "too_long", { name, length }));
  const space = spaceClass(rules.space);
  const pattern = new RegExp(`^(${rules.number})(?:${space}*/${space}*(${rules.number}))?$`);
  const match = pattern.exec(stripped);
  if (!match) {
    if (stripped.includes(",") && pattern.test(stripped.split(",").join("."))) {
      throw new Unreadable(message(rules, "decimal_comma", { name }));
    }
    throw new Unreadable(message(rules, "not_a_number", { name }));
  }
  const numerator = readDecimal(match[1], rules);
  if (match[2] === undefined) return { value: numerator, text: trimmed, ...places(match[1]) };
  if (!hasNonzeroDigit(match[2])) throw new Unreadable(message(rules, "divide_by_zero", { name }));
  const value = numerator / readDecimal(match[2], rules);
  if (!Number.isFinite(value)) throw new Unreadable(message(rules, "too_large", { name }));
  if (value === 0 && numerator !== 0) throw new Unreadable(message(rules, "too_small", { name }));
  return { ...exactForm(value), text: trimmed };
}

// ---- judging (mirrors exercises._judge) ----

function figures(reading) {
  if (reading.last === null) return Infinity;
  if (reading.first === null) return 0;
  return reading.first - reading.last + 1;
}

function tolerance(reading, rules) {
  if (reading.first === null) return reading.last === null ? 0 : Number(`5e${reading.last - 1}`);
  const cap = reading.first - (rules.max_figures - 1);
  const place = reading.last === null ? cap : Math.max(reading.last, cap);
  return Number(`5e${place - 1}`);
}

function agrees(reading, target, rules) {
  const gap = Math.abs(reading.value - target);
  return reading.value === target || gap <= tolerance(reading, rules) * (1 + rules.tie_slack);
}

function violates(constraint, value) {
  if ("lower" in constraint) {
    const lower = constraint.lower;
    if (value < lower || (value === lower && !constraint.lower_inclusive)) return true;
  }
  if ("upper" in constraint) {
    const upper = constraint.upper;
    if (value > upper || (value === upper && !constraint.upper_inclusive)) return true;
  }
  return false;
}

// Whether the exact value has digits after the last one typed (so rounding can be the slip);
// a fraction is exact, no digits were rounded away. String(x) is Python's repr(x) digits.
function needsMoreDigits(exact, reading) {
  if (reading.last === null) return false;
  return places(String(Math.abs(exact))).last < reading.last;
}

export function judge(text, spec, rules) {
  let reading;
  try {
    reading = readText(text, rules);
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error;
    return { correct: false, state: "unreadable", message: message(rules, "unreadable", { error: error.message }) };
  }
  const value = reading.value;
  const entered = reading.text; // what the reader typed, trimmed (shown as text, not HTML)
  for (const constraint of spec.constraints) {
    if (violates(constraint, value)) {
      return { correct: false, state: "constraint", message: message(rules, "constraint", { entered, hint: constraint.hint }) };
    }
  }
  const exact = spec.exact;
  const correct = { correct: true, state: "correct", message: message(rules, "correct", { explanation: spec.explanation }) };
  const mistaken = (mistake) => ({ correct: false, state: "mistake", message: message(rules, "mistake", { entered, hint: mistake.hint }) });
  if (value === exact) return correct;
  for (const mistake of spec.mistakes) if (value === mistake.value) return mistaken(mistake);
  const enough = figures(reading) >= rules.min_figures;
  if (reading.first !== null && !enough) {
    // not judged, close or not: at one or two figures values far apart round alike
    return { correct: false, state: "few_figures", message: message(rules, "few_figures", { entered }) };
  }
  if (enough && agrees(reading, exact, rules)) return correct;
  for (const mistake of spec.mistakes) if (enough && agrees(reading, mistake.value, rules)) return mistaken(mistake);
  if (needsMoreDigits(exact, reading) && Math.abs(value - exact) <= rules.near_relative * Math.abs(exact)) {
    const shown = Math.min(figures(reading), rules.max_figures);
    return { correct: false, state: "close", message: message(rules, "rounding", { entered, figures: shown }) };
  }
  return { correct: false, state: "wrong", message: message(rules, "wrong", { entered, hint: spec.hint }) };
}

// ---- storage: the reader's answers survive a reload (one entry per exercise) ----

const CHANGED = "mle-answers-changed";

function load(key) {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch (error) {
    return null; // storage blocked or entry corrupt: start empty
  }
}

function save(key, entry) {
  try {
    if (entry === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(entry));
  } catch (error) {
    // storage blocked (private mode, quota): the box still works, it just forgets
  }
  window.dispatchEvent(new CustomEvent(CHANGED));
}

let counter = 0;

function keepKeysInside(node) {
  // Notebook shortcuts (JupyterLab 4, Notebook 7) listen for keys on the document.
  for (const type of ["keydown", "keypress", "keyup"]) node.addEventListener(type, (event) => event.stopPropagation());
}

function renderBox(model, root) {
  const name = model.get("exercise");
  const spec = model.get("spec");
  const rules = model.get("rules");
  const key = model.get("storage_prefix") + name;
  counter += 1;
  const id = `mle-answer-${name}-${counter}`;

  const box = document.createElement("div");
  box.className = "mle-answer";
  box.dataset.exercise = name;
  box.dataset.state = "empty";
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = `Your answer to Exercise ${model.get("number")}`;
  const row = document.createElement("div");
  row.className = "mle-answer-row";
  const input = document.createElement("input");
  input.type = "text";
  input.id = id;
  input.className = "mle-answer-input";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.setAttribute("inputmode", "decimal");
  input.setAttribute("aria-describedby", `${id}-forms ${id}-feedback`);
  const button = document.createElement("button");
  button.type = "button";
  button.className = "mle-answer-check";
  button.textContent = "Check";
  row.append(input, button);
  const forms = document.createElement("p");
  forms.id = `${id}-forms`;
  forms.className = "mle-answer-forms";
  // An exercise whose parameter can't be negative shows examples without a minus sign.
  forms.textContent = `Type ${spec.quantity}: ${spec.accepted_forms || rules.accepted_forms}. Press Enter to check.`;
  const feedback = document.createElement("p");
  feedback.id = `${id}-feedback`;
  feedback.className = "mle-answer-feedback";
  feedback.setAttribute("role", "status");
  feedback.setAttribute("aria-live", "polite");
  box.append(label, row, forms, feedback);
  keepKeysInside(box);
  root.replaceChildren(box);
  root.classList.add("mle-answer-widget");

  const show = (verdict) => {
    box.dataset.state = verdict ? verdict.state : "empty";
    feedback.textContent = verdict ? verdict.message : "";
    input.setAttribute("aria-invalid", verdict && !verdict.correct ? "true" : "false");
  };
  const check = () => {
    const verdict = judge(input.value, spec, rules);
    show(verdict);
    save(key, { text: input.value, correct: verdict.correct });
  };
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      check();
    }
  });
  button.addEventListener("click", check);

  const restore = () => {
    const entry = load(key);
    if (entry && typeof entry.text === "string") {
      input.value = entry.text;
      show(judge(entry.text, spec, rules));
    } else if (box.dataset.state !== "empty" || input.value) {
      input.value = "";
      show(null);
    }
  };
  // Cleared answers empty the box; "Undo" (see renderProgress) brings them back.
  const onChange = (event) => { if (load(key) === null || (event.detail && event.detail.restored)) restore(); };
  window.addEventListener(CHANGED, onChange);
  restore();
  return () => window.removeEventListener(CHANGED, onChange);
}

function renderProgress(model, root) {
  const names = model.get("names");
  const prefix = model.get("storage_prefix");
  const box = document.createElement("div");
  box.className = "mle-answer-progress";
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Clear my answers";
  // Clearing can be undone: the cleared answers are kept in memory until the page closes.
  const undo = document.createElement("button");
  undo.type = "button";
  undo.className = "mle-answer-undo";
  undo.textContent = "Undo clear";
  undo.hidden = true;
  let cleared = null;
  box.append(status, button, undo);
  keepKeysInside(box);
  root.replaceChildren(box);
  root.classList.add("mle-answer-widget");

  const update = () => {
    const solved = names.filter((name) => { const entry = load(prefix + name); return entry && entry.correct === true; });
    const note = cleared ? " Your answers were cleared; press Undo clear to bring them back." : "";
    status.textContent = `Solved ${solved.length} of ${names.length} exercises (your answers are kept in this browser).${note}`;
    box.dataset.solved = String(solved.length);
  };
  button.addEventListener("click", () => {
    const kept = names.map((name) => [name, load(prefix + name)]).filter(([, entry]) => entry !== null);
    cleared = kept.length ? kept : null;
    for (const name of names) save(prefix + name, null);
    undo.hidden = !cleared;
    update();
    if (cleared) undo.focus();
  });
  undo.addEventListener("click", () => {
    const entries = cleared || [];
    cleared = null;
    // An answer typed since the clear is kept.
    for (const [name, entry] of entries) if (load(prefix + name) === null) save(prefix + name, entry);
    window.dispatchEvent(new CustomEvent(CHANGED, { detail: { restored: true } }));
    undo.hidden = true;
    update();
    button.focus();
  });
  window.addEventListener(CHANGED, update);
  update();
  return () => window.removeEventListener(CHANGED, update);
}

function render({ model, el }) {
  return model.get("role") === "progress" ? renderProgress(model, el) : renderBox(model, el);
}

export default { render };

// The book's widget manager: renders the widgets stored in a page (ipywidgets 8 base
// and controls, and anywidget for the explorers) without require.js. Bundled by
// js/build-widgets.mjs with esbuild from the pinned npm packages (package-lock.json) and
// anywidget's own browser build from its PyPI wheel; the bundle is generated at build
// time, never committed. It replaces html-manager's embed-amd.js (3.6 MB: AMD modules
// through require.js, rendering only after the window's `load` event).
//
// The manager is html-manager's HTMLManager without what a static page of this book
// never uses (ipywidgets 7 copies, the Output widget and JupyterLab's rendermime,
// about 0.5 MB minified): the ManagerBase from @jupyter-widgets/base-manager with a
// loadClass that knows exactly three modules. Any other module is reported as an
// error widget in place of the output.
import { ManagerBase } from "@jupyter-widgets/base-manager";
import * as base from "@jupyter-widgets/base";
import * as controls from "@jupyter-widgets/controls";
import { MessageLoop } from "@lumino/messaging";
import { Widget } from "@lumino/widgets";
import anywidgetFactory from "anywidget-amd";
import "@lumino/widgets/style/index.css";
import "@jupyter-widgets/controls/css/widgets-base.css";
import "@jupyter-widgets/controls/css/labvariables.css";
import "./reserve.css";

const STATE = 'script[type="application/vnd.jupyter.widget-state+json"]';
const VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]';

let anywidget;
function moduleNamed(name) {
  if (name === "@jupyter-widgets/base") return base;
  if (name === "@jupyter-widgets/controls") return controls;
  if (name === "anywidget") return (anywidget = anywidget || anywidgetFactory(base));
  return null;
}

class BookManager extends ManagerBase {
  constructor() {
    super();
    this._views = new Set();
    window.addEventListener("resize", () => {
      for (const view of this._views) {
        MessageLoop.postMessage(view.luminoWidget, Widget.ResizeMessage.UnknownSize);
      }
    });
  }

  loadClass(className, moduleName, moduleVersion) {
    const module = moduleNamed(moduleName);
    if (module && module[className]) return Promise.resolve(module[className]);
    return Promise.reject(new Error(
      `${className} from ${moduleName}@${moduleVersion} is not part of the book's widget bundle`));
  }

  async display_view(view, el) {
    let shown;
    try {
      shown = await view;
    } catch (error) {
      const ErrorModel = base.createErrorWidgetModel(error, "Could not create a view");
      shown = new base.ErrorWidgetView({ model: new ErrorModel() });
      shown.render();
    }
    Widget.attach(shown.luminoWidget, el);
    this._views.add(shown);
    shown.once("remove", () => this._views.delete(shown));
  }

  // No kernel in a static page: comms go nowhere.
  _create_comm() {
    return Promise.resolve({ on_close() {}, on_msg() {}, close() {} });
  }

  _get_comm_info() {
    return Promise.resolve({});
  }
}

// Each view's box was reserved in the page (see js/reserve.css). Its height is read
// once, before anything is drawn. While the widgets draw, each box is a fixed-size,
// fully contained island (CSS `contain: strict`): the controls measure themselves as
// they are built, and containment keeps each of those forced layouts inside the box
// instead of re-laying out the whole (long) page. When every view is drawn the boxes
// keep their reserved height as min-height, so nothing below moves unless a view
// turned out taller than reserved. A window resize lets the boxes follow their content.
const RESERVE = ".mle-widget-reserve";
function isolate(viewTags) {
  const boxes = viewTags.map((tag) => tag.closest(RESERVE));
  const heights = boxes.map((box) => (box ? box.getBoundingClientRect().height : 0));
  boxes.forEach((box, i) => {
    if (!box || heights[i] <= 0) return;
    box.style.height = `${heights[i]}px`;
    box.style.contain = "strict";
  });
  return () => boxes.forEach((box, i) => {
    if (!box) return;
    box.style.height = "";
    box.style.contain = "";
    if (heights[i] > 0) box.style.minHeight = `${heights[i]}px`;
  });
}
function markReady(viewTag) {
  const box = viewTag.closest(RESERVE);
  if (box) box.classList.add("mle-widget-ready");
}
window.addEventListener("resize", () => {
  for (const box of document.querySelectorAll(RESERVE)) box.style.minHeight = "";
}, { once: true });

// The first frame of an explorer (js/first-frame.js) stays over the live one until the
// live explorer has drawn its figure (anywidget loads the explorer's code
// asynchronously after the view is attached), so the figure never blinks out.
const FRAME_WAIT_MS = 5000;
function dropFirstFrameWhenDrawn(viewTag, area) {
  const wrapper = viewTag.closest(RESERVE);
  const frames = wrapper ? Array.from(wrapper.querySelectorAll(":scope > .mle-first-frame")) : [];
  if (!frames.length) return;
  const start = performance.now();
  const drawn = () => {
    const live = area.querySelectorAll(".mle-explorer");
    return live.length > 0 && Array.from(live).every((figure) => {
      const svg = figure.shadowRoot && figure.shadowRoot.querySelector("svg");
      return svg && svg.firstElementChild;
    });
  };
  const check = () => {
    if (drawn() || performance.now() - start > FRAME_WAIT_MS) {
      for (const frame of frames) {
        if (typeof window.mleDropFirstFrame === "function") window.mleDropFirstFrame(frame);
        else frame.remove();
      }
    } else requestAnimationFrame(check);
  };
  check();
}

async function renderViews(manager, models) {
  const byId = new Map(models.map((model) => [model.model_id, model]));
  const viewTags = Array.from(document.querySelectorAll(VIEW));
  const release = isolate(viewTags);
  try {
    await Promise.all(viewTags.map(async (viewTag) => {
      let id;
      try { id = JSON.parse(viewTag.textContent).model_id; } catch (error) { return; }
      const model = byId.get(id);
      if (!model || !viewTag.parentElement) return;
      const view = await manager.create_view(model);
      const area = document.createElement("div");
      area.className = "widget-subarea";
      viewTag.parentElement.insertBefore(area, viewTag);
      markReady(viewTag);
      await manager.display_view(view, area);
      dropFirstFrameWhenDrawn(viewTag, area);
    }));
  } finally {
    release();
  }
}

// The controls typeset widget labels with MathJax 2's API (MathJax.Hub.Queue) while the
// book loads MathJax 3 (ipywidgets#3829): translate the call, once MathJax has started.
// Installed when rendering starts: every deferred script, MathJax's startup included,
// has run by then.
function mathjaxHub() {
  const mathjax = window.MathJax;
  if (!mathjax || mathjax.Hub) return;
  mathjax.Hub = {
    Queue(...jobs) {
      for (const job of jobs) {
        if (!Array.isArray(job) || job[0] !== "Typeset" || !job[2]) continue;
        const ready = (window.MathJax.startup && window.MathJax.startup.promise) || Promise.resolve();
        ready.then(() => window.MathJax.typesetPromise && window.MathJax.typesetPromise([job[2]]))
          .catch(() => {});
      }
    },
  };
}

// User Timing marks (mle:*) for the benchmarks' breakdown: the bundle's modules are
// evaluated, the widget models are created from the page's state, every view is drawn.
const mark = (name) => { try { performance.mark(`mle:${name}`); } catch (error) { /* old browsers */ } };

// The build stores each repeated long value of the state once (every explorer model
// carries the same _esm and _css, every answer box the same rules): a later copy is {"$mle_same_as": [model_id, trait]}
// (see share_repeated_values in _ext/offline_assets.py). Put the values back.
function restoreShared(stored) {
  const models = stored.state || {};
  for (const entry of Object.values(models)) {
    const values = entry.state || {};
    for (const [trait, value] of Object.entries(values)) {
      const ref = value && typeof value === "object" && value.$mle_same_as;
      if (!Array.isArray(ref) || !models[ref[0]]) continue;
      const original = models[ref[0]].state[ref[1]];
      // Each model gets its own copy of a shared object, as it had in the notebook.
      values[trait] = typeof original === "object" ? JSON.parse(JSON.stringify(original)) : original;
    }
  }
  return stored;
}

async function renderAll() {
  mark("bundle-evaluated");
  mathjaxHub();
  await Promise.all(Array.from(document.querySelectorAll(STATE), async (tag) => {
    const manager = new BookManager();
    const models = await manager.set_state(restoreShared(JSON.parse(tag.textContent)));
    mark("models-created");
    await renderViews(manager, models);
  }));
  mark("views-drawn");
}

if (!window._jupyter_widget_embedder) {
  window._jupyter_widget_embedder = true;
  // Render as soon as the document is parsed, not after every image and font has loaded.
  // Then let MathJax typeset (see MATH_AFTER_WIDGETS in _ext/offline_assets.py).
  const render = () => renderAll().catch(console.error).finally(() => {
    if (typeof window.mleWidgetsDrawn === "function") window.mleWidgetsDrawn();
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
}

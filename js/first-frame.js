// The first frame of every explorer, drawn while the page is still being read.
//
// The widget manager (js/widgets-entry.js, 0.56 MB with Lumino, the controls, jQuery and
// Backbone) starts only once the whole page is parsed, and on a slow phone it takes
// about a second more before the explorers appear. Each explorer's figure is fully
// described by its stored widget state, and is drawn by its own code, which the state
// also holds (`_esm`: code/mle_book/static/explorer.js). So as soon as the parser has
// passed an explorer, this script draws that figure with the same `render` the widget
// manager will call, from a read-only copy of the stored state, in the place the real
// figure will take (js/reserve.css: below the reserved control rows). When the widget
// manager has drawn the live explorer of that output (sliders and all),
// js/widgets-entry.js removes the first frame.
//
// _ext/offline_assets.py puts this script in the head of every page with widgets and,
// after each explorer's view, an empty `.mle-first-frame` with the explorer model's id
// followed by an inline script that calls `mleFirstFrame()`.
(function () {
  "use strict";
  var STATE = 'script[type="application/vnd.jupyter.widget-state+json"]';
  var SHARED = "$mle_same_as";  // see share_repeated_values in _ext/offline_assets.py
  var models = null;
  var modules = {};
  var drawing = [];  // one promise per first frame started

  function stored() {
    if (models) return models;
    models = {};
    var tags = document.querySelectorAll(STATE);
    for (var i = 0; i < tags.length; i++) {
      try {
        var state = JSON.parse(tags[i].textContent).state || {};
        for (var id in state) models[id] = state[id];
      } catch (error) { /* the widget manager reports a broken state */ }
    }
    return models;
  }

  function trait(id, name) {
    var entry = stored()[id];
    var value = entry && entry.state ? entry.state[name] : undefined;
    var ref = value && typeof value === "object" ? value[SHARED] : null;
    return Array.isArray(ref) ? trait(ref[0], ref[1]) : value;
  }

  // One module per distinct explorer code on the page, loaded the way anywidget loads it
  // (a blob: URL). `loaded[esm]` holds the module once it has arrived, so a frame the
  // parser reaches later is drawn at once, not a task later.
  var loaded = {};
  function load(esm) {
    if (!modules[esm]) {
      var url = URL.createObjectURL(new Blob([esm], { type: "text/javascript" }));
      modules[esm] = import(url).then(function (module) { loaded[esm] = module; return module; });
    }
    return modules[esm];
  }

  // The stored state, read-only: nothing moves a first frame, so no events.
  function frozenModel(id) {
    var none = function () {};
    return {
      get: function (name) { return trait(id, name); },
      on: none, off: none, set: none, save_changes: none, send: none,
    };
  }

  function drawWith(module, frame, id) {
    if (!frame.isConnected) return;  // the live explorer came first
    var el = document.createElement("div");
    frame.appendChild(el);
    var cleanup = module.default.render({ model: frozenModel(id), el: el });
    if (typeof cleanup === "function") frame.mleCleanup = cleanup;
    try { performance.mark("mle:first-frame"); } catch (error) { /* old browsers */ }
  }

  function draw(frame) {
    frame.setAttribute("data-mle-started", "");
    var id = frame.getAttribute("data-model-id");
    var esm = trait(id, "_esm");
    if (typeof esm !== "string") return;
    if (loaded[esm]) { drawWith(loaded[esm], frame, id); return; }
    drawing.push(load(esm).then(function (module) { drawWith(module, frame, id); })
      .catch(function (error) { console.error("first frame", id, error); }));
  }

  // Start loading every explorer's code now, from the head, while the parser reads the
  // text above the first explorer.
  var all = stored();
  for (var id in all) {
    var esm = all[id].model_name === "AnyModel" && all[id].state && all[id].state.kind
      ? trait(id, "_esm") : null;
    if (typeof esm === "string") load(esm).catch(function () { /* reported when drawn */ });
  }

  // Draw every first frame the parser has reached and that is not drawn yet.
  window.mleFirstFrame = function () {
    var frames = document.querySelectorAll(".mle-first-frame:not([data-mle-started])");
    for (var i = 0; i < frames.length; i++) draw(frames[i]);
  };

  // Resolves when every first frame started so far is drawn (at most `waitMs` later): the
  // page loads the widget manager after that, so the frames are painted before it runs.
  window.mleFirstFramesDrawn = function (waitMs) {
    var late = new Promise(function (resolve) { setTimeout(resolve, waitMs || 1000); });
    return Promise.race([Promise.all(drawing), late]);
  };

  // Called by the widget manager once the live explorer of this output is drawn.
  window.mleDropFirstFrame = function (frame) {
    if (typeof frame.mleCleanup === "function") frame.mleCleanup();
    frame.remove();
  };
})();

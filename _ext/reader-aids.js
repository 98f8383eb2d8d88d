// Reader aids on every page of the book (added by _ext/reader_aids.py).
// Each part fixes one thing readers hit; all of them are idempotent, so they can run
// again whenever new content (widgets render late) appears.
(function () {
  "use strict";

  // ---- 1. The sidebar buttons work at every width ----------------------------------
  // pydata-sphinx-theme binds its click handlers to the FIRST .primary-toggle and
  // .secondary-toggle of the page, which sit in its own header (#pst-header, hidden by
  // book.css); the visible buttons in sphinx-book-theme's article header only show a
  // tooltip (pydata-sphinx-theme #2451, sphinx-book-theme #988). Forward their clicks.
  function forwardToggles() {
    for (const kind of ["primary", "secondary"]) {
      const [bound, ...visible] = document.querySelectorAll(`.${kind}-toggle`);
      if (!bound) continue;
      for (const button of visible) {
        if (button.dataset.mleForwarded) continue;
        button.dataset.mleForwarded = "1";
        button.setAttribute("aria-label", kind === "primary" ? "Chapters" : "Contents of this page");
        button.addEventListener("click", (event) => {
          event.preventDefault();
          event.stopImmediatePropagation();
          const tip = window.bootstrap && window.bootstrap.Tooltip && window.bootstrap.Tooltip.getInstance(button);
          if (tip) tip.hide();
          bound.click();
          // The theme gives focus back to the element focused before it opened the
          // dialog: make that the button the reader pressed.
          if (document.activeElement !== button) button.focus({ preventScroll: true });
        }, true);
      }
    }
  }

  // ---- 2. Names for what screen readers would announce without one ---------------
  const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : "");

  // Sliders: the handle and the value box, named from the slider's label. The naming rule
  // is the explorer's (code/mle_book/static/explorer.js, "accessible names (live
  // clients)"), which the build copies in place of the next line, so the static book and
  // the live notebook clients name sliders the same way. It defines nameSliderControls.
  /* @include explorer.js: accessible names (live clients) */

  // sphinx-togglebutton names every button "Toggle hidden content", and on wide screens
  // shows its hint beside it ("Click to show" / "Click to hide", a ::before of its
  // data-toggle-hint). The name starts with that visible text (WCAG 2.5.3, label in name)
  // and says what it opens: "Click to show: solution to Exercise 3". The exercise's own
  // title is left out of it, as the heading just before and its link say it already; it
  // stays when the name would not be unique without it. The name follows the hint.
  const hints = new MutationObserver((records) => records.forEach((r) => labelToggle(r.target)));
  function labelToggle(button) {
    const what = button.dataset.mleWhat;
    if (!what) return;
    const hint = (button.dataset.toggleHint || "").trim();
    const name = hint ? `${hint}: ${what}` : what;
    if (button.getAttribute("aria-label") !== name) button.setAttribute("aria-label", name);
  }
  function nameToggles(root) {
    const buttons = [...root.querySelectorAll("button.toggle-button:not([data-mle-named])")];
    const fullNames = new Map();
    for (const button of buttons) {
      const title = button.closest(".admonition-title");
      if (!title) continue;
      const clone = title.cloneNode(true);
      clone.querySelectorAll("button").forEach((b) => b.remove());
      const name = text(clone);
      if (name) fullNames.set(button, name);
    }
    const short = (name) => name.replace(/\s*\([^()]*\)$/, "");
    const taken = [...document.querySelectorAll("button.toggle-button[data-mle-what]")]
      .map((b) => b.dataset.mleWhat.toLowerCase());
    const shorts = [...fullNames.values()].map((n) => short(n).toLowerCase()).concat(taken);
    for (const [button, name] of fullNames) {
      let what = short(name);
      if (shorts.filter((n) => n === what.toLowerCase()).length > 1) what = name;
      button.dataset.mleNamed = "1";
      button.dataset.mleWhat = what.charAt(0).toLowerCase() + what.slice(1);
      labelToggle(button);
      hints.observe(button, { attributes: true, attributeFilter: ["data-toggle-hint"] });
      // What it opens: the solution's content (its id is unique, see _ext/reader_aids.py).
      const content = button.closest(".admonition-title").parentElement.querySelector(":scope > section[id]");
      if (content) button.setAttribute("aria-controls", content.id);
    }
  }

  // A solution's title opens and closes the solution, except its link to the exercise
  // ("Exercise 3"), which goes to the exercise: keep the link's click (mouse, tap or
  // Enter) from reaching the title's toggle handler. book.css lets the pointer through
  // the rest of the title's text to the title itself.
  function exerciseLinks(root) {
    for (const link of root.querySelectorAll(".solution > .admonition-title a[href]:not([data-mle-link])")) {
      link.dataset.mleLink = "1";
      link.addEventListener("click", (event) => event.stopPropagation());
    }
  }

  function nameStatic() {
    // The chevron that folds a chapter's sections in the sidebar.
    for (const summary of document.querySelectorAll("nav summary:not([aria-label])")) {
      const link = summary.closest("li") && summary.closest("li").querySelector(":scope > a");
      summary.setAttribute("aria-label", `Sections of ${text(link) || "this chapter"}`);
    }
    // The bibliography: docutils marks entries doc-biblioentry inside a role="list",
    // which ARIA 1.2 no longer allows as a list's children; they are list items.
    for (const entry of document.querySelectorAll("[role='list'] > [role='doc-biblioentry']")) {
      entry.setAttribute("role", "listitem");
    }
    // Icons (Font Awesome glyphs, characters of Unicode's private-use area) are
    // decoration: keep them out of the names of the links and buttons they sit in
    // ("\uf104 previous ..."). book.css does the same for the icons drawn by CSS.
    for (const icon of document.querySelectorAll("i[class*='fa-']:not([aria-hidden]), span[class*='fa-']:not([aria-hidden])")) {
      icon.setAttribute("aria-hidden", "true");
    }
    // Search buttons: their name must contain the text they show ("Search Ctrl + K").
    for (const button of document.querySelectorAll(".search-button__button[aria-label]")) {
      if (text(button.querySelector(".search-button__default-text"))) button.removeAttribute("aria-label");
    }
  }

  // ---- 3. Wide math and tables scroll in their own box, reachable by keyboard -------
  const SCROLLERS = "main mjx-container[display='true'], main .table-wrapper, main .pst-scrollable-table-container, main .cell_output pre, main div.highlight pre, main dl > dt, main span.math > mjx-container";
  // An inline formula scrolls only when it is wider than its column (it then fills it,
  // max-width 100%): glyphs that overhang a short formula's box by a pixel or two must
  // not turn it into a clipped scroll box.
  function markWideInlineMath(box) {
    if (!box.matches("span.math > mjx-container:not([display='true'])")) return;
    const block = box.closest("p, li, dd, dt, td, th, div");
    const wide = !!block && box.getBoundingClientRect().width >= block.clientWidth - 1 &&
      box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("mle-wide-math", wide);
  }
  function updateScroller(box) {
    markWideInlineMath(box);
    const scrolls = box.scrollWidth > box.clientWidth + 1 &&
      (!box.matches("span.math > mjx-container") || box.classList.contains("mle-wide-math"));
    const focusable = box.hasAttribute("tabindex") && box.tabIndex >= 0;
    if (scrolls && !focusable) {
      box.dataset.mleScroller = box.getAttribute("tabindex") || "none";
      box.setAttribute("tabindex", "0");
    } else if (!scrolls && box.dataset.mleScroller) {
      // Give back what the box had (the theme marks some code blocks tabindex="-1").
      if (box.dataset.mleScroller === "none") box.removeAttribute("tabindex");
      else box.setAttribute("tabindex", box.dataset.mleScroller);
      delete box.dataset.mleScroller;
    }
  }
  // A box can start scrolling when the window narrows or when folded content opens:
  // watch each one's size.
  const sizes = new ResizeObserver((entries) => entries.forEach((entry) => updateScroller(entry.target)));
  function focusScrollers() {
    for (const box of document.querySelectorAll(SCROLLERS)) {
      if (box.dataset.mleWatched) continue;
      box.dataset.mleWatched = "1";
      sizes.observe(box);
    }
  }

  // ---- 4. The ".ipynb" download saves the file (also from file://) ------------------
  // Over http(s) the link's download attribute does it. From file:// Chromium ignores
  // that attribute (every file is its own origin) and opens the JSON; so on a click
  // there, load the notebook's text from the script the build put beside it
  // (NN_name.ipynb.js, see _ext/reader_aids.py; nothing is loaded before the click) and
  // save it through a blob: link, whose download attribute is honoured. The button stays
  // the theme's link: same name, focus and Enter key for every reader.
  function saveNotebook(link) {
    const url = link.href, name = link.getAttribute("download");
    const open = () => { window.location.href = url; };  // if the script is missing
    const save = () => {
      const text = window.mleNotebooks && window.mleNotebooks[url];
      if (typeof text !== "string") { open(); return; }
      const blobUrl = URL.createObjectURL(new Blob([text], { type: "application/x-ipynb+json" }));
      const temporary = document.createElement("a");
      temporary.href = blobUrl;
      temporary.download = name;
      temporary.hidden = true;
      document.body.append(temporary);
      temporary.click();
      temporary.remove();
      setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
    };
    if (window.mleNotebooks && typeof window.mleNotebooks[url] === "string") { save(); return; }
    const script = document.createElement("script");
    script.src = `${url}.js`;
    script.onload = () => { script.remove(); save(); };
    script.onerror = () => { script.remove(); open(); };
    document.head.append(script);
  }

  function downloadLinks() {
    for (const link of document.querySelectorAll("a.btn-download-source-button[href$='.ipynb']")) {
      if (link.dataset.mleDownload) continue;
      link.dataset.mleDownload = "1";
      link.setAttribute("download", link.getAttribute("href").split("/").pop());
      link.removeAttribute("target");
      link.addEventListener("click", (event) => {
        if (window.location.protocol !== "file:") return;
        event.preventDefault();
        saveNotebook(link);
      });
    }
  }

  // ---- 5. A skip link to the first explorer ----------------------------------------
  // Every code cell before a page's first explorer is one or two Tab stops (its copy
  // button, and its code box when the code is wider than the column, so that it can be
  // scrolled); on the coin chapter that is ~20 stops before the first slider. A second
  // link in the theme's skip-link bar ("Skip to main content") goes straight to the
  // output of the first explorer (focusable, tabindex -1): the next Tab is its first slider.
  const SKIP_ID = "mle-first-explorer";
  function explorerOutput() {
    const first = document.querySelector("main .mle-explorer, main .widget-slider") ||
      document.querySelector("main .cell_output script[type='application/vnd.jupyter.widget-view+json']");
    return first && first.closest(".cell_output");
  }
  function skipToExplorer() {
    const output = explorerOutput();
    if (!output) return;
    const previous = document.getElementById(SKIP_ID);
    if (previous !== output) {
      if (previous) { previous.removeAttribute("id"); previous.removeAttribute("tabindex"); }
      output.id = SKIP_ID;
      output.setAttribute("tabindex", "-1");
    }
    if (document.querySelector(`a[href='#${SKIP_ID}']`)) return;
    const bar = document.getElementById("pst-skip-link");
    const link = document.createElement("a");
    link.href = `#${SKIP_ID}`;
    link.className = "mle-skip-explorer";
    link.textContent = "Skip to the first explorer";
    if (bar) bar.append(link);
    else { link.classList.add("skip-link"); document.body.prepend(link); }
  }

  // ---- 6. Header tooltips: for a hovering mouse and for keyboard focus only ---------
  // The theme gives the header's buttons Bootstrap tooltips that show on hover and on
  // focus. On a phone a tap counts as both, and closing the Chapters or Contents panel
  // gives focus back to its button: the tooltip then stayed over the header icons until
  // the next tap, which only dismissed it. Here a tooltip shows only while a mouse
  // hovers its button or when the button was reached with Tab; a click or tap on it (or
  // a panel closing) hides it. Its text is the button's accessible name ("Chapters", not
  // "Toggle primary sidebar").
  const TIP = "[data-bs-toggle='tooltip']";
  const tipOf = (el) => window.bootstrap && window.bootstrap.Tooltip && window.bootstrap.Tooltip.getInstance(el);
  const triggerOf = (node) => (node && node.closest ? node.closest(TIP) : null);
  let hovered = null, tabbing = false, tabbed = null;
  function hideTips() {
    for (const trigger of document.querySelectorAll(TIP)) { const tip = tipOf(trigger); if (tip) tip.hide(); }
  }
  function watchTooltips() {
    if (document.documentElement.dataset.mleTips) return;
    document.documentElement.dataset.mleTips = "1";
    document.addEventListener("pointerover", (event) => {
      const trigger = triggerOf(event.target);
      if (trigger && trigger.contains(event.relatedTarget)) return;  // moving inside it
      hovered = trigger && event.pointerType === "mouse" ? trigger : null;
    }, true);
    document.addEventListener("pointerout", (event) => {
      const trigger = triggerOf(event.target);
      if (trigger && !trigger.contains(event.relatedTarget) && hovered === trigger) hovered = null;
    }, true);
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Tab") return;
      tabbing = true;  // the focus moves as this key's default action, before the timeout
      setTimeout(() => { tabbing = false; });
    }, true);
    document.addEventListener("focusin", (event) => { tabbed = tabbing ? triggerOf(event.target) : null; }, true);
    document.addEventListener("focusout", (event) => { if (triggerOf(event.target) === tabbed) tabbed = null; }, true);
    document.addEventListener("click", (event) => {
      const trigger = triggerOf(event.target);
      if (!trigger) return;
      hovered = tabbed = null;
      const tip = tipOf(trigger);
      if (tip) tip.hide();
    }, true);
    // Bootstrap's show event is cancelable (it fires when the show delay has passed).
    document.addEventListener("show.bs.tooltip", (event) => {
      if (event.target !== hovered && event.target !== tabbed) event.preventDefault();
    }, true);
    // The sidebars are <dialog>s: hide every tooltip when one closes ("close" does not
    // bubble; a capturing listener still sees it).
    document.addEventListener("close", hideTips, true);
  }
  function tooltipTexts() {
    for (const trigger of document.querySelectorAll(`${TIP}[aria-label]`)) {
      const name = trigger.getAttribute("aria-label");
      for (const attr of ["title", "data-bs-original-title", "data-bs-title"]) {
        if (trigger.hasAttribute(attr) && trigger.getAttribute(attr) !== name) trigger.setAttribute(attr, name);
      }
      const tip = tipOf(trigger);
      if (tip && trigger.dataset.mleTipText !== name) {
        trigger.dataset.mleTipText = name;
        tip.setContent({ ".tooltip-inner": name });
      }
    }
  }

  function fixAll() {
    forwardToggles();
    watchTooltips();
    tooltipTexts();
    nameStatic();
    nameSliderControls(document);
    nameToggles(document);
    exerciseLinks(document);
    downloadLinks();
    focusScrollers();
    skipToExplorer();
  }

  let pending = false;
  const observer = new MutationObserver((records) => {
    if (pending || !records.some((r) => r.addedNodes.length)) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      nameSliderControls(document);
      nameToggles(document);
      exerciseLinks(document);
      focusScrollers();  // formulas MathJax has just typeset
      skipToExplorer();  // explorers that have just rendered
    });
  });

  function start() {
    fixAll();
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener("load", () => {
      fixAll();
      const mathjax = window.MathJax;
      if (mathjax && mathjax.startup && mathjax.startup.promise) mathjax.startup.promise.then(focusScrollers);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => setTimeout(start));
  else start();
})();

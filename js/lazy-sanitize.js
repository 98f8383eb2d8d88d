// sanitize-html, required on first use. html-manager's ManagerBase imports it to clean
// widget labels that allow HTML (inline_sanitize); with htmlparser2, postcss and the
// entities tables it is about a quarter of the bundle, and evaluating it on every page
// load costs 20-30 ms of main thread before any widget is drawn. Bundled all the same
// (js/build-widgets.mjs points the manager's import here); it runs when first called.
let sanitizeHtml;
export default function sanitize(...args) {
  sanitizeHtml = sanitizeHtml || require("sanitize-html");
  return sanitizeHtml(...args);
}

// html-manager's ManagerBase imports sanitize-html to clean widget labels that allow
// HTML (`description_allow_html`, through inline_sanitize). With htmlparser2, postcss
// and two copies of the entities tables it is about 0.25 MB, a quarter of the bundle,
// and it is never called on a page whose widgets all show their labels as text (every
// page of the book today). So it is a separate script, js/sanitize-entry.js, that
// _ext/offline_assets.py puts before the bundle only on a page storing a label that
// allows HTML. Without it a label is shown as escaped text, never as unsanitized HTML.
export default function sanitize(html, options) {
  if (typeof window.mleSanitizeHtml === "function") return window.mleSanitizeHtml(html, options);
  const text = document.createElement("span");
  text.textContent = String(html);
  return text.innerHTML;
}

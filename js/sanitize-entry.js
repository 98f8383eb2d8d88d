// sanitize-html for the book's widget bundle, loaded only by pages whose widgets have a
// label that allows HTML (see js/lazy-sanitize.js and _ext/offline_assets.py).
import sanitizeHtml from "sanitize-html";

window.mleSanitizeHtml = sanitizeHtml;

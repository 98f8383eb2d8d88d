// Bundle js/widgets-entry.js with esbuild (pinned in package.json/package-lock.json).
// Usage: node js/build-widgets.mjs <anywidget nbextension/index.js> <output folder>
// Run by _ext/offline_assets.py when a build finds the bundle missing or older than
// its inputs. Writes widgets.js, widgets.css and sanitize.js to the output folder.
import { build } from "esbuild";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [anywidgetAmd, outdir] = process.argv.slice(2);
if (!anywidgetAmd || !outdir) {
  console.error("usage: node js/build-widgets.mjs <anywidget nbextension/index.js> <outdir>");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const LOAD_ESM = /async function loadEsm\(esm\) \{/;
const ESM_ONCE = `const esmOnce = new Map();
function loadEsm(esm) {
  if (!esmOnce.has(esm)) esmOnce.set(esm, loadEsmUncached(esm));
  return esmOnce.get(esm);
}
async function loadEsmUncached(esm) {`;
const AMD_TAIL = /define\(\["@jupyter-widgets\/base"\],\s*(\w+)\);\s*$/;

const plugin = {
  name: "book-widgets",
  setup(b) {
    // anywidget ships its browser code as one AMD module (PyPI wheel, same version as
    // the kernel side): `define(["@jupyter-widgets/base"], factory)`. Export the factory.
    b.onResolve({ filter: /^anywidget-amd$/ }, () => ({ path: path.resolve(anywidgetAmd) }));
    b.onLoad({ filter: /nbextension[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const match = source.match(AMD_TAIL);
      if (!match) throw new Error(`${args.path}: no AMD define(...) at the end; anywidget changed`);
      // anywidget imports each widget's ESM from a new blob: URL, so a page with N
      // explorers (same code) compiled and evaluated it N times: load each source once.
      if (!LOAD_ESM.test(source)) throw new Error(`${args.path}: no loadEsm(); anywidget changed`);
      const contents = source.replace(AMD_TAIL, `export default ${match[1]};`)
        .replace(LOAD_ESM, ESM_ONCE);
      return { contents, loader: "js" };
    });
    // sanitize-html is a separate script, loaded only where a label allows HTML
    // (js/lazy-sanitize.js, js/sanitize-entry.js).
    b.onResolve({ filter: /^sanitize-html$/ }, (args) =>
      args.importer.endsWith("sanitize-entry.js") ? undefined : { path: path.join(here, "lazy-sanitize.js") });
    // The book's widgets are ipywidgets 8: leave out html-manager's ipywidgets 7 copies.
    b.onResolve({ filter: /^@jupyter-widgets\/(base7|controls7)(\/.*)?$/ }, (args) => ({
      path: args.path, namespace: "widgets7",
    }));
    b.onLoad({ filter: /.*/, namespace: "widgets7" }, (args) => ({
      contents: args.path.endsWith(".css") ? "" :
        "throw new Error('ipywidgets 7 widgets are not part of the book bundle');",
      loader: args.path.endsWith(".css") ? "css" : "js",
    }));
  },
};

await build({
  entryPoints: {
    widgets: path.join(here, "widgets-entry.js"),
    sanitize: path.join(here, "sanitize-entry.js"),
  },
  outdir,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "linked",
  // A User Timing mark when the bundle starts running (js/widgets-entry.js adds the others).
  banner: { js: 'try{performance.mark("mle:bundle-start")}catch(e){}' },
  define: { "process.env.NODE_ENV": '"production"', global: "window" },
  loader: { ".woff": "file", ".woff2": "file", ".ttf": "file", ".eot": "file", ".svg": "file" },
  assetNames: "assets/[name]-[hash]",
  plugins: [plugin],
  logLevel: "warning",
});

// Loaded after require.js and before the Jupyter widget manager (embed-amd.js) on
// every page with widgets. Copied to _static/offline/ by offline_assets.py.
(function () {
  // Point AMD module names at the book's own copies. The widget manager asks
  // require.js for a widget module ("anywidget") before it would try a CDN, and
  // finds its FontAwesome fonts relative to its own module path.
  var root = document.documentElement.dataset.content_root || "";
  var base = root + "_static/offline/";
  requirejs.config({
    paths: {
      "anywidget": base + "anywidget/index",
      "@jupyter-widgets/html-manager/dist": base + "html-manager"
    }
  });

  // The widget manager typesets widget labels with the MathJax 2 API
  // (MathJax.Hub.Queue) while the book loads MathJax 3 (ipywidgets#3829). Translate
  // that call, and hold labels queued before MathJax 3 has started.
  var pending = [];
  function hub() {
    return {
      Queue: function () {
        Array.prototype.forEach.call(arguments, function (job) {
          if (!Array.isArray(job) || job[0] !== "Typeset" || !job[2]) return;
          var mathjax = window.MathJax;
          if (mathjax && mathjax.typesetPromise) {
            mathjax.typesetPromise([job[2]]).catch(function () {});
          } else {
            pending.push(job[2]);
          }
        });
      }
    };
  }
  var config = window.MathJax || (window.MathJax = {});
  config.Hub = hub();
  config.startup = Object.assign({}, config.startup, {
    ready: function () {
      window.MathJax.startup.defaultReady();
      window.MathJax.Hub = hub();
      window.MathJax.startup.promise.then(function () {
        if (pending.length) return window.MathJax.typesetPromise(pending.splice(0));
      });
    }
  });
})();

// The engine host: boots Pyodide, loads pycore, and answers compute requests.
// Shared by worker.js (the served site runs it in a Web Worker) and offline.html (which
// runs it on the main thread). Every number comes from pycore.compute_json; nothing here
// knows a formula. It only defines two globals, startPycore and serveEngine, so it runs
// as a module (imported by worker.js) or as an inline script (offline.html) alike.


// Boot Pyodide with `options` and return pycore's two JSON entry points. pycore ships
// precompiled inside the page's python_stdlib.zip (see tools/pyodide_stdlib.mjs), so it
// imports like any standard module: no separate download, unpacking or compiling.
async function startPycore(loadPyodide, options) {
  const pyodide = await loadPyodide(options);
  const pycore = pyodide.pyimport("pycore");
  return { computeJson: pycore.compute_json, exportJson: pycore.export_json };
}

// Wire a started engine to a message channel: `post` sends replies to the page; the
// returned function takes the page's messages. Protocol in: {type: "compute", id, params}
// or {type: "export", id, params, format}. Out: {type: "ready"}, {type: "failed", reason},
// {type: "result", id, report}, {type: "export", id, format, text}, {type: "error", id, reason}.
function serveEngine(started, post) {
  let pycore = null;
  started.then(
    (entries) => {
      pycore = entries;
      post({ type: "ready" });
    },
    (error) => post({ type: "failed", reason: String((error && error.message) || error) }),
  );
  return (message) => {
    if (pycore === null || !message) return;
    const request = JSON.stringify(message.params);
    try {
      if (message.type === "compute") {
        post({ type: "result", id: message.id, report: JSON.parse(pycore.computeJson(request)) });
      } else if (message.type === "export") {
        const text = pycore.exportJson(request, message.format);
        post({ type: "export", id: message.id, format: message.format, text });
      }
    } catch (error) {
      post({ type: "error", id: message.id, reason: String(error) });
    }
  };
}

self.startPycore = startPycore;
self.serveEngine = serveEngine;

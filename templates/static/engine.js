// The engine host: boots Pyodide, loads pycore, and answers compute requests.
// Shared by worker.js (the served site runs it in a Web Worker) and offline.html (which
// runs it on the main thread). Every number comes from pycore.compute_json; nothing here
// knows a formula. It only defines two globals, startPycore and serveEngine, so it runs
// as a module (imported by worker.js) or as an inline script (offline.html) alike.


const PYCORE_DIR = "/tmp/pycore-dist";

// Boot Pyodide with `options`, unpack the pycore zip (an ArrayBuffer promise) and return
// pycore's JSON entry point.
async function startPycore(loadPyodide, options, archive) {
  const [pyodide, zip] = await Promise.all([loadPyodide(options), archive]);
  pyodide.unpackArchive(zip, "zip", { extractDir: PYCORE_DIR });
  pyodide.pyimport("sys").path.insert(0, PYCORE_DIR);
  return pyodide.pyimport("pycore").compute_json;
}

// Wire a started engine to a message channel: `post` sends replies to the page; the
// returned function takes the page's messages. Protocol: {type: "compute", id, params}
// in; {type: "ready"}, {type: "failed", reason}, {type: "result", id, report} or
// {type: "error", id, reason} out.
function serveEngine(started, post) {
  let computeJson = null;
  started.then(
    (entry) => {
      computeJson = entry;
      post({ type: "ready" });
    },
    (error) => post({ type: "failed", reason: String((error && error.message) || error) }),
  );
  return (message) => {
    if (computeJson === null || !message || message.type !== "compute") return;
    try {
      const report = JSON.parse(computeJson(JSON.stringify(message.params)));
      post({ type: "result", id: message.id, report });
    } catch (error) {
      post({ type: "error", id: message.id, reason: String(error) });
    }
  };
}

self.startPycore = startPycore;
self.serveEngine = serveEngine;

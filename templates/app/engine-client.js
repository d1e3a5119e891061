// The engine client: starts the engine (pycore in a Web Worker, or on the main thread in
// offline.html) and speaks its message protocol (templates/static/engine.js). At most one
// request is in flight and the newest input wins. It knows nothing of the page: what to
// do with each answer comes in as handlers (main.js).

const BOOT_TIMEOUT_MS = 15000;
const engine = {
  worker: null,
  handlers: null,
  ready: false,
  failed: false,
  busy: false,
  pending: null,
  sent: null, // the last request computed, for the simulation that follows it
  nextId: 0,
};

// Start the engine. `handlers`: ready(), failed(reason), result(report), odds(odds),
// exported(format, text) and error(reason), each called as its message arrives.
export function startEngine(handlers) {
  engine.handlers = handlers;
  let worker;
  let early = [];
  try {
    if (window.createOfflineEngine) {
      worker = window.createOfflineEngine(); // offline.html: same interface, main thread
    } else if (window.earlyEngine) {
      ({ worker, early } = window.earlyEngine.adopt()); // started by boot.js in <head>
    } else {
      worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    }
  } catch (error) {
    fail(String(error.message || error));
    return;
  }
  engine.worker = worker;
  const timer = setTimeout(() => fail("it took longer than 15 seconds to load"), BOOT_TIMEOUT_MS);
  const onError = (event) => {
    event.preventDefault();
    clearTimeout(timer);
    fail(event.message || "the worker script failed to load");
  };
  const onMessage = (event) => {
    const message = event.data;
    if (message.type === "ready") {
      clearTimeout(timer);
      engine.ready = true;
      handlers.ready();
      flush();
    } else if (message.type === "failed") {
      clearTimeout(timer);
      fail(message.reason);
    } else if (message.type === "result") {
      engine.busy = false;
      handlers.result(message.report);
      flush();
      // The odds from the ranges come after, as their own message, unless newer input waits.
      if (message.report.uncertainty_pending && !engine.busy && engine.pending === null) {
        engine.worker.postMessage({ type: "simulate", id: ++engine.nextId, params: engine.sent });
      }
    } else if (message.type === "odds") {
      handlers.odds(message.odds);
    } else if (message.type === "export") {
      handlers.exported(message.format, message.text);
    } else if (message.type === "error") {
      engine.busy = false;
      handlers.error(message.reason);
      flush();
    }
  };
  worker.addEventListener("error", onError);
  worker.addEventListener("message", onMessage);
  for (const event of early) (event.type === "error" ? onError : onMessage)(event);
}

// The engine cannot start: tell the page once, and stop the worker.
function fail(reason) {
  if (engine.failed) return;
  engine.failed = true;
  engine.handlers.failed(reason);
  if (engine.worker) engine.worker.terminate();
}

// Ask for a report on `fields` (name -> the field's text, shares in percent). `query` (the
// URL's query string, on load) is read by pycore, which repairs and explains bad values.
// Until the first answer, the link's scenario stays queued with any newer input.
export function requestCompute(fields, query = "") {
  const queued = engine.pending ? engine.pending.query : "";
  engine.pending = { fields, query: query || queued };
  flush();
}

function flush() {
  if (!engine.ready || engine.busy || engine.pending === null) return;
  engine.busy = true;
  const params = engine.pending;
  engine.pending = null;
  engine.sent = params;
  engine.worker.postMessage({ type: "compute", id: ++engine.nextId, params });
}

// Ask for the scenario the `fields` hold as a file in `format` ("csv" or "json"); the
// answer comes to handlers.exported. Nothing happens before the engine is ready.
export function requestExport(format, fields) {
  if (!engine.ready) return;
  const params = { fields, query: "" };
  engine.worker.postMessage({ type: "export", id: ++engine.nextId, format, params });
}

// The engine client: starts the engine (pycore in a Web Worker, or on the main thread in
// offline.html) and speaks its message protocol (templates/static/engine.js). At most one
// request is in flight and the newest input wins. It knows nothing of the page: what to
// do with each answer comes in as handlers (main.js).

import { skippedParts } from "./optional-parts.js";

const BOOT_TIMEOUT_MS = 15000;
const engine = {
  worker: null,
  handlers: null,
  ready: false,
  failed: false,
  busy: false,
  pending: null,
  sent: null, // the last request computed, for the simulation that follows it
  explaining: null, // the last explanation asked for: {id, sent}
  nextId: 0,
};

// Start the engine. `handlers`: ready(), failed(reason), result(report), odds(odds),
// exported(format, text), explained(explanations) and error(reason), each called as its
// message arrives.
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
    } else if (message.type === "explained") {
      // An explanation of a scenario no longer on show is dropped: the page asks again
      // after the newer result.
      const asked = engine.explaining;
      if (asked && asked.id === message.id && asked.sent === engine.sent && engine.pending === null) {
        handlers.explained(message.explained);
      }
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
// Until the first answer, the link's scenario stays queued with any newer input. `pinned`,
// the query string of a pinned scenario, makes the report compare with it (report.compare).
export function requestCompute(fields, query = "", pinned = null) {
  const queued = engine.pending ? engine.pending.query : "";
  engine.pending = { fields, query: query || queued };
  if (pinned) engine.pending.pinned = pinned;
  flush();
}

// Whether the engine is ready with nothing to compute: the time for work that can wait.
export function engineIdle() {
  return engine.ready && !engine.busy && engine.pending === null;
}

function flush() {
  if (!engine.ready || engine.busy || engine.pending === null) return;
  engine.busy = true;
  // the optional parts whose place is out of view are left out, as they are at sending
  const params = { ...engine.pending, skip: skippedParts() };
  engine.pending = null;
  engine.sent = params;
  engine.worker.postMessage({ type: "compute", id: ++engine.nextId, params });
}

// Ask for the scenario the `fields` hold as a file in `format` ("csv", "json", "md": the
// memo in Markdown, with `link` under its title; "memo": the memo's parts as JSON, for the
// print layout); the answer comes to handlers.exported. Nothing happens before the engine
// is ready.
export function requestExport(format, fields, link = "") {
  if (!engine.ready) return;
  const params = { fields, query: "" };
  engine.worker.postMessage({ type: "export", id: ++engine.nextId, format, params, link });
}

// Ask how each result of the scenario last computed is computed (pycore's explain_json);
// the answer comes to handlers.explained, unless newer input has been sent since.
export function requestExplain() {
  if (!engine.ready || engine.sent === null) return;
  engine.explaining = { id: ++engine.nextId, sent: engine.sent };
  engine.worker.postMessage({ type: "explain", id: engine.nextId, params: engine.sent });
}

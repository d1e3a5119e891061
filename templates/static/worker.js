// Web Worker of the served site (a module worker, as Pyodide requires): loads the
// vendored Pyodide and the shared engine host (engine.js), and relays messages.
import { loadPyodide } from "./vendor/pyodide/pyodide.mjs";
import "./engine.js";

const receive = self.serveEngine(
  self.startPycore(loadPyodide, { indexURL: new URL("./vendor/pyodide/", import.meta.url).href }),
  (reply) => self.postMessage(reply),
);
self.addEventListener("message", (event) => receive(event.data));

// Pyodide can fail outside the promise loadPyodide returns (a runtime file that does not
// download): report that at once, with its real reason, instead of waiting for the timeout.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  const reason = event.reason;
  self.postMessage({ type: "failed", reason: String((reason && reason.message) || reason) });
});

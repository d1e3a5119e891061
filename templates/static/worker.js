// Web Worker of the served site (a module worker, as Pyodide requires): loads the
// vendored Pyodide and the shared engine host (engine.js), and relays messages.
import { loadPyodide } from "./vendor/pyodide/pyodide.mjs";
import "./engine.js";

async function fetchArchive(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} answered HTTP ${response.status}`);
  return response.arrayBuffer();
}

const receive = self.serveEngine(
  self.startPycore(
    loadPyodide,
    { indexURL: new URL("./vendor/pyodide/", import.meta.url).href },
    fetchArchive(new URL("./pycore.zip", import.meta.url)),
  ),
  (reply) => self.postMessage(reply),
);
self.addEventListener("message", (event) => receive(event.data));

// Web Worker of the served site (a module worker, as Pyodide requires): loads the
// vendored Pyodide and the shared engine host (engine.js), and relays messages.
// Pyodide's module factory (pyodide.asm.mjs, 1.2 MB) is a static import, so the browser
// fetches and parses it alongside the rest of this module graph instead of after
// loadPyodide has started (measured: about 70 ms sooner ready).
import * as nanotar from "./vendor/nanotar.mjs";
import { loadPyodide } from "./vendor/pyodide/pyodide.mjs";
import createPyodideModule from "./vendor/pyodide/pyodide.asm.mjs";
import "./engine.js";

// Pyodide can fail outside the promise loadPyodide returns, or wait forever (a wasm that
// does not download, or comes with the wrong MIME type): check each runtime download and
// report a failure at once, with its real reason, instead of waiting for the timeout.
const fail = (reason) => self.postMessage({ type: "failed", reason });
const networkFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  const name = url.split(/[?#]/)[0].split("/").pop();
  let response;
  try {
    response = await networkFetch(input, init);
  } catch (error) {
    fail(`${name}: ${error.message || error}`);
    throw error;
  }
  const type = response.headers.get("Content-Type") || "no type";
  if (!response.ok) {
    fail(`${name} answered HTTP ${response.status}`);
  } else if (name.endsWith(".wasm") && !type.startsWith("application/wasm")) {
    fail(`${name} was served as ${type}, not application/wasm`);
  }
  return response;
};
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  const reason = event.reason;
  fail(String((reason && reason.message) || reason));
});

// Start the engine (after the checks above are in place: the library is fetched at once).
const indexURL = new URL("./vendor/pyodide/", import.meta.url).href;
const library = fetch(`${indexURL}python_stdlib.tar.gz`).then((response) => {
  if (!response.ok) throw new Error(`python_stdlib.tar.gz answered HTTP ${response.status}`);
  return response.arrayBuffer();
});
const options = { indexURL, createPyodideModule };
const receive = self.serveEngine(
  self.startPycore(loadPyodide, options, self.pythonLibrary(library, nanotar)),
  (reply) => self.postMessage(reply),
);
self.addEventListener("message", (event) => receive(event.data));

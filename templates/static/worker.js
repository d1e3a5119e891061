// Web Worker of the served site (a module worker, as Pyodide requires): loads the
// vendored Pyodide and the shared engine host (engine.js), and relays messages.
// Pyodide's module factory (pyodide.asm.mjs, 1 MB minified) is a static import, so the
// browser fetches and parses it alongside the rest of this module graph instead of after
// loadPyodide has started (measured: about 70 ms sooner ready).
import * as nanotar from "./vendor/nanotar.mjs";
import { loadPyodide } from "./vendor/pyodide/pyodide.mjs";
import createPyodideModule from "./vendor/pyodide/pyodide.asm.mjs";
import "./engine.js";

// Pyodide can fail outside the promise loadPyodide returns, or wait forever (a wasm that
// does not download, or comes with the wrong MIME type): check each runtime download and
// report a failure at once, with its real reason, instead of waiting for the timeout.
const fail = (reason) => self.postMessage({ type: "failed", reason });
const WASM = "pyodide.asm.wasm";
const networkFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  const name = url.split(/[?#]/)[0].split("/").pop();
  // The site ships the wasm pre-compressed (pyodide.asm.wasm.gz, by zopfli): fetch that.
  const wasm = name === WASM;
  const target = wasm ? `${url.split(/[?#]/)[0]}.gz` : input;
  const shown = wasm ? `${WASM}.gz` : name;
  let response;
  try {
    response = await networkFetch(target, init);
  } catch (error) {
    fail(`${shown}: ${error.message || error}`);
    throw error;
  }
  const type = response.headers.get("Content-Type") || "no type";
  if (!response.ok) {
    fail(`${shown} answered HTTP ${response.status}`);
  } else if (wasm) {
    return inflatedWasm(response, type);
  } else if (name.endsWith(".wasm") && !type.startsWith("application/wasm")) {
    fail(`${name} was served as ${type}, not application/wasm`);
  }
  return response;
};

// The wasm from the response to pyodide.asm.wasm.gz, as a streamed Response with the wasm
// MIME type (so WebAssembly.instantiateStreaming compiles it as it arrives). The body's
// first bytes tell gzip (inflated here with DecompressionStream) from a wasm that the host
// already decoded (a .gz sent with `Content-Encoding: gzip`); anything else fails at once.
async function inflatedWasm(response, type) {
  const reader = response.body.getReader();
  let first = await reader.read();
  while (!first.done && first.value.length < 4) {
    const more = await reader.read();
    if (more.done) break;
    first = { done: false, value: concat(first.value, more.value) };
  }
  const head = first.done ? new Uint8Array(0) : first.value;
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  const plain = head[0] === 0x00 && head[1] === 0x61 && head[2] === 0x73 && head[3] === 0x6d;
  if (!gzipped && !plain) {
    const reason = `${WASM}.gz was served as ${type} and is neither gzip nor WebAssembly`;
    fail(reason);
    throw new Error(reason);
  }
  const body = new ReadableStream({
    start(controller) {
      if (head.length) controller.enqueue(head);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const wasm = gzipped ? body.pipeThrough(new DecompressionStream("gzip")) : body;
  return new Response(wasm, { headers: { "Content-Type": "application/wasm" } });
}

function concat(a, b) {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

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

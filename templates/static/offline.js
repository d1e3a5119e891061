// offline.html only: the runtime and pycore are embedded in the page as gzip+base64 data
// blocks. This script answers Pyodide's fetches for them from memory (the wasm with its
// MIME type, without which instantiation hangs) and offers a main-thread engine with the
// same message interface as the Web Worker of the served site.

const MIME_TYPES = {
  "pyodide.asm.wasm": "application/wasm",
  "python_stdlib.zip": "application/zip",
  "pycore.zip": "application/zip",
};
const decoded = new Map();

function blockText(name) {
  const block = document.getElementById(`asset-${name}`);
  if (!block) throw new Error(`offline.html is missing its embedded ${name}`);
  return block.textContent;
}

function fromBase64(text) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// The embedded file `name`, inflated once: a promise of an ArrayBuffer.
function embedded(name) {
  if (!decoded.has(name)) {
    const stream = new Blob([fromBase64(blockText(name))]).stream();
    decoded.set(name, new Response(stream.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
  }
  return decoded.get(name);
}

const networkFetch = window.fetch.bind(window);
window.fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  const name = url.split(/[?#]/)[0].split("/").pop();
  if (name in MIME_TYPES) {
    return new Response(await embedded(name), { headers: { "Content-Type": MIME_TYPES[name] } });
  }
  return networkFetch(input, init);
};

window.createOfflineEngine = () => {
  const listeners = [];
  const post = (data) => setTimeout(() => listeners.forEach((listener) => listener({ data })), 0);
  const receive = serveEngine(
    Promise.resolve().then(() =>
      startPycore(
        loadPyodide,
        {
          indexURL: "./",
          createPyodideModule: globalThis.createPyodideModule,
          lockFileContents: blockText("pyodide-lock.json"),
          packageBaseUrl: "./",
        },
        embedded("pycore.zip"),
      ),
    ),
    post,
  );
  return {
    addEventListener(type, listener) {
      if (type === "message") listeners.push(listener);
    },
    postMessage: (message) => receive(message),
    terminate() {},
  };
};

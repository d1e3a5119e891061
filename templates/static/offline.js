// offline.html only: the runtime and the Python library are embedded in the page as
// gzip+base85 data blocks. This script answers Pyodide's fetches for them from memory
// (the wasm with its MIME type, without which instantiation hangs) and offers a
// main-thread engine with the same message interface as the Web Worker of the served site.

const MIME_TYPES = {
  "pyodide.asm.wasm": "application/wasm",
  "python_stdlib.zip": "application/zip",
};
const decoded = new Map();

function blockText(name) {
  const block = document.getElementById(`asset-${name}`);
  if (!block) throw new Error(`offline.html is missing its embedded ${name}`);
  return block.textContent;
}

// Base85 digits, as sitegen/assets.py BASE85_DIGITS: "#" to "y" without "<" and "\\".
const BASE85_DIGITS = "#$%&'()*+,-./0123456789:;=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxy";

// Decode base85 text: each 5 digits are 4 bytes, big-endian; a final group of n + 1
// digits holds n bytes (padded with the highest digit, as in Ascii85).
function fromBase85(text) {
  const value = new Uint8Array(128);
  for (let i = 0; i < BASE85_DIGITS.length; i += 1) value[BASE85_DIGITS.charCodeAt(i)] = i;
  const rest = text.length % 5;
  const padded = rest ? text + "y".repeat(5 - rest) : text;
  const bytes = new Uint8Array((padded.length / 5) * 4);
  for (let i = 0, o = 0; i < padded.length; i += 5, o += 4) {
    let group = 0;
    for (let j = 0; j < 5; j += 1) group = group * 85 + value[padded.charCodeAt(i + j)];
    bytes[o] = group >>> 24;
    bytes[o + 1] = (group >>> 16) & 255;
    bytes[o + 2] = (group >>> 8) & 255;
    bytes[o + 3] = group & 255;
  }
  return rest ? bytes.subarray(0, bytes.length - (5 - rest)) : bytes;
}

// Each embedded block carries the SHA-256 of its text (data-sha256, written by the build).
// A copy of the file damaged on its way (one changed character will do) would otherwise
// fail deep inside Pyodide ("Failed to fetch") or hang until the boot timeout: every block
// is checked first, and a mismatch fails the engine at once, saying what to do. Where the
// page is not a secure context (offline.html served over plain HTTP), crypto.subtle is
// missing and the blocks are used unchecked.
let checked = null;

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

function checkBlocks() {
  if (checked === null) {
    const blocks = [...document.querySelectorAll("script[type='application/octet-stream'][id^='asset-']")];
    checked = !crypto.subtle
      ? Promise.resolve()
      : Promise.all(
          blocks.map(async (block) => {
            const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(block.textContent));
            if (hex(digest) === block.dataset.sha256) return;
            const name = block.id.slice("asset-".length);
            const what = `its embedded ${name} does not match its checksum`;
            throw new Error(`offline.html is damaged (${what}): download the file again`);
          }),
        );
  }
  return checked;
}

// The embedded file `name`, checked and inflated once: a promise of an ArrayBuffer.
function embedded(name) {
  if (!decoded.has(name)) {
    const inflate = () => {
      const stream = new Blob([fromBase85(blockText(name))]).stream();
      return new Response(stream.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    };
    decoded.set(name, checkBlocks().then(inflate));
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
  const options = () => ({
    indexURL: "./",
    createPyodideModule: globalThis.createPyodideModule,
    lockFileContents: blockText("pyodide-lock.json"),
    packageBaseUrl: "./",
  });
  const receive = serveEngine(
    checkBlocks().then(() =>
      startPycore(loadPyodide, options(), pythonLibrary(embedded("python_stdlib.tar.gz"), globalThis.nanotar)),
    ),
    post,
  );
  // As in worker.js: a failure outside loadPyodide's promise ends the boot at once.
  let booted = false;
  const bootFailed = (event) => {
    if (booted) return;
    event.preventDefault();
    const reason = event.reason;
    post({ type: "failed", reason: String((reason && reason.message) || reason) });
  };
  window.addEventListener("unhandledrejection", bootFailed);
  listeners.push((event) => {
    if (event.data.type === "ready") booted = true;
  });
  return {
    addEventListener(type, listener) {
      if (type === "message") listeners.push(listener);
    },
    postMessage: (message) => receive(message),
    terminate() {},
  };
};

// Web Worker: boots Pyodide from the vendored runtime, loads pycore, and answers
// {type: "compute", id, params} with {type: "result", id, report}. No formula lives here:
// every number comes from pycore.compute_json.
import { loadPyodide } from "./vendor/pyodide/pyodide.mjs";

const PYCORE_DIR = "/tmp/pycore-dist";
let computeJson = null;

async function fetchArchive(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} answered HTTP ${response.status}`);
  return response.arrayBuffer();
}

async function boot() {
  const indexURL = new URL("./vendor/pyodide/", import.meta.url).href;
  const [pyodide, archive] = await Promise.all([
    loadPyodide({ indexURL, fullStdLib: false }),
    fetchArchive(new URL("./pycore.zip", import.meta.url)),
  ]);
  pyodide.unpackArchive(archive, "zip", { extractDir: PYCORE_DIR });
  pyodide.pyimport("sys").path.insert(0, PYCORE_DIR);
  computeJson = pyodide.pyimport("pycore").compute_json;
}

self.addEventListener("message", (event) => {
  const { type, id, params } = event.data;
  if (type !== "compute" || computeJson === null) return;
  try {
    const report = JSON.parse(computeJson(JSON.stringify(params)));
    self.postMessage({ type: "result", id, report });
  } catch (error) {
    self.postMessage({ type: "error", id, reason: String(error) });
  }
});

boot().then(
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "failed", reason: String(error && error.message || error) }),
);

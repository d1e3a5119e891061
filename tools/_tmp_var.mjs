import { readFile } from "node:fs/promises";
import * as nanotar from "nanotar";
import { loadPyodide } from "pyodide";
globalThis.self = globalThis;
await import("/work/main/templates/static/engine.js");
const library = self.pythonLibrary(readFile("/tmp/sN2/vendor/pyodide/python_stdlib.tar.gz"), nanotar);
const py = await loadPyodide({ stdout: () => {}, stdLibURL: "/tmp/sN2/vendor/pyodide/python_stdlib.zip", ...library.options });
const pycore = py.pyimport("pycore");
const gcOff = process.argv[2] === "nogc";
if (gcOff) py.runPython("import gc; gc.disable()");
const req = (v) => JSON.stringify({ fields: { monthly_inferences: String(v) }, query: "?view=detailed&gpu_model=aws%2Fh100-80gb" });
pycore.compute_json(req(1200000));
const ts = [];
for (let i = 0; i < 300; i++) {
  const v = 1200000 + 10000 * (i + 1) + Math.floor(Math.random() * 5000);
  const t = performance.now(); pycore.compute_json(req(v)); ts.push(performance.now() - t);
}
const late = ts.slice(100).sort((a, b) => a - b);
console.log("first20", ts.slice(0,20).map((x)=>x.toFixed(1)).join(" ")); console.log(gcOff ? "nogc" : "gc", "p50", late[100].toFixed(2), "p95", late[190].toFixed(2), "max", late[199].toFixed(2), "first", ts.slice(0, 12).map((x) => x.toFixed(1)).join(" "));
console.log(py.runPython("import gc; str(gc.get_threshold()) + ' ' + str(gc.get_count())"));

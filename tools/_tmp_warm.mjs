import { readFile } from "node:fs/promises";
import * as nanotar from "nanotar";
import { loadPyodide } from "pyodide";
globalThis.self = globalThis;
await import("/work/main/templates/static/engine.js");
const library = self.pythonLibrary(readFile("/tmp/sS/vendor/pyodide/python_stdlib.tar.gz"), nanotar);
const py = await loadPyodide({ stdout: () => {}, stdLibURL: "/tmp/sS/vendor/pyodide/python_stdlib.zip", ...library.options });
const pycore = py.pyimport("pycore");
const skip = ["sensitivity", "api_ranking"];
const req = (v) => JSON.stringify({ fields: { monthly_inferences: String(v) }, query: "?view=detailed&gpu_model=aws%2Fh100-80gb", skip });
const warm = Number(process.argv[2] || 0);
pycore.compute_json(req(1200000));
const w0 = performance.now();
for (let i = 0; i < warm; i++) pycore.compute_json(req(1200000));
const w1 = performance.now();
const ts = [];
for (let i = 0; i < 20; i++) { const t = performance.now(); pycore.compute_json(req(1300000 + 10000 * i)); ts.push(performance.now() - t); }
console.log("warm", warm, "took", (w1 - w0).toFixed(0), "then", ts.map((x) => x.toFixed(1)).join(" "));

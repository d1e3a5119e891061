import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadPyodide } from "pyodide";
const mode = process.argv[2];
const t0 = performance.now();
const opts = { stdLibURL: "/tmp/exp/empty.zip", env: { PYTHONPATH: "/lib/python" } };
opts.fsInit = (FS) => {
  const walk = (src, dst) => { for (const name of readdirSync(src)) { const s = join(src, name), d = dst + "/" + name; if (statSync(s).isDirectory()) { FS.mkdirTree(d); walk(s, d); } else FS.writeFile(d, readFileSync(s)); } };
  FS.mkdirTree("/lib/python");
  walk("/tmp/exp/lazylib", "/lib/python");
  if (mode === "lazy") FS.writeFile("/lib/python/sitecustomize.py", readFileSync("/tmp/exp/sitecustomize.py"));
};
const pyodide = await loadPyodide(opts);
const t1 = performance.now();
const pycore = pyodide.pyimport("pycore");
pycore.compute_json(JSON.stringify({parameters: {}, query: ""}));
const t2 = performance.now();
let info = "";
if (mode === "lazy") info = pyodide.runPython(`
import sys, importlib.util
import sitecustomize as s
still = [n for n in s.LAZY if isinstance(sys.modules.get(n), importlib.util._LazyModule)]
f"lazy {len(s.LAZY)} still-unloaded {len(still)}: {' '.join(sorted(still))}"
`);
console.log(mode, "boot", (t1 - t0).toFixed(0), "pycore+compute", (t2 - t1).toFixed(0), info);

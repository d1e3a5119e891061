import { readdirSync, readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";
const py = await loadPyodide({ stdout: (l) => console.log(l) });
py.FS.mkdirTree("/src/pycore");
for (const n of readdirSync("/work/main/pycore").filter((f) => f.endsWith(".py"))) py.FS.writeFile(`/src/pycore/${n}`, readFileSync(`/work/main/pycore/${n}`));
py.runPython(`
import sys, time
sys.dont_write_bytecode = False
sys.path.insert(0, "/src")
import pycore
for k in [k for k in sys.modules if k.startswith("pycore")]: del sys.modules[k]
import cProfile, pstats
t=time.perf_counter()
cProfile.run("import pycore", "/tmp/p.prof")
for k in [k for k in sys.modules if k.startswith("pycore")]: del sys.modules[k]
t=time.perf_counter(); import pycore; print("plain reimport ms", (time.perf_counter()-t)*1000)
s = pstats.Stats("/tmp/p.prof"); s.sort_stats("tottime").print_stats(45)
`);

import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import * as nanotar from "nanotar";
import { loadPyodide } from "pyodide";
globalThis.self = globalThis;
await import("/work/main/templates/static/engine.js");
const library = self.pythonLibrary(readFile("/work/main/site/vendor/pyodide/python_stdlib.tar.gz"), nanotar);
const orig = library.options.fsInit;
const SC = readFileSync("/work/main/tools/sitecustomize.py", "utf8");
const timer = `
import time as _t, sys as _s
_REC = []
_DEPTH = [0]
class _TimingFinder:
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        for f in _s.meta_path:
            if f is cls: continue
            spec = f.find_spec(name, path, target) if hasattr(f, "find_spec") else None
            if spec is not None:
                break
        else:
            return None
        if spec.loader is None or not hasattr(spec.loader, "exec_module"): return spec
        inner = spec.loader
        class L:
            def create_module(self, spec): return inner.create_module(spec)
            def exec_module(self, module):
                t = _t.perf_counter(); _DEPTH[0] += 1
                try: inner.exec_module(module)
                finally:
                    _DEPTH[0] -= 1; _REC.append((name, _DEPTH[0], (_t.perf_counter() - t) * 1000))
        spec.loader = L()
        return spec
_s.meta_path.insert(0, _TimingFinder)
`;
library.options.fsInit = async (FS) => {
  await orig(FS);
  FS.writeFile("/lib/python/sitecustomize.py", timer + SC);
};
const t0 = performance.now();
const py = await loadPyodide({ stdout: () => {}, stdLibURL: "/work/main/site/vendor/pyodide/python_stdlib.zip", ...library.options });
const t1 = performance.now();
py.runPython("import sitecustomize as s; s._BOOT=len(s._REC)");
py.pyimport("pycore");
const t2 = performance.now();
console.log(JSON.stringify({ boot: t1 - t0, pycore: t2 - t1 }));
console.log(py.runPython(`
import sitecustomize as s
rows = s._REC
boot = rows[:s._BOOT]; pyc = rows[s._BOOT:]
def selfs(rows):
    res=[]; stack=[]
    for n,d,ms in rows:
        # children: items in stack with depth d+1 finished after last same-or-lower depth
        child=0.0
        while stack and stack[-1][1]>d:
            child+=stack.pop()[2] if stack[-1][1]==d+1 else (stack.pop() and 0)
        res.append((n,d,ms-child)); stack.append((n,d,ms))
    return res
boot=selfs(boot); pyc=selfs(pyc)
out = []
out.append("BOOT top-level total %.1f" % sum(r[2] for r in boot if r[1]==0))
for n,d,ms in sorted(boot, key=lambda r:-r[2])[:40]: out.append("  %-40s d%d %.1f" % (n,d,ms))
out.append("PYCORE top-level total %.1f" % sum(r[2] for r in pyc if r[1]==0))
for n,d,ms in sorted(pyc, key=lambda r:-r[2])[:45]: out.append("  %-40s d%d %.1f" % (n,d,ms))
"\\n".join(out)
`));

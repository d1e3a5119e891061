// Build step (run by build.py under Node): make a small, precompiled standard library
// for the page's Pyodide, and/or check pycore on Pyodide's own Python.
//
//   node tools/pyodide_stdlib.mjs trim PYCORE_ZIP SCENARIOS_JSON OUT_ZIP
//     Boots the vendored Pyodide, runs pycore through every scenario (as the page would),
//     records every stdlib module that boot and pycore import, and writes OUT_ZIP with
//     just those modules compiled to .pyc by Pyodide's Python (bytecode must come from
//     the same Python version as the runtime, which this machine's CPython is not).
//
//   node tools/pyodide_stdlib.mjs run PYCORE_ZIP SCENARIOS_JSON [STDLIB_ZIP]
//     Boots Pyodide (with STDLIB_ZIP as its standard library when given), runs every
//     scenario and prints {"python": version, "answers": [...]} as JSON on stdout.
//
// SCENARIOS_JSON holds [{"kind": "compute" | "export", "request": "...", "format": "csv"}].
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [mode, pycoreZip, scenariosPath, stdlibZip] = process.argv.slice(2);
if (!["trim", "run"].includes(mode) || !pycoreZip || !scenariosPath) {
  console.error("usage: pyodide_stdlib.mjs trim|run PYCORE_ZIP SCENARIOS_JSON [ZIP]");
  process.exit(2);
}

const options = { stdout: () => {}, stderr: (line) => console.error(line) };
if (mode === "run" && stdlibZip) options.stdLibURL = stdlibZip;
const pyodide = await loadPyodide(options);
pyodide.unpackArchive(new Uint8Array(readFileSync(pycoreZip)), "zip", { extractDir: "/tmp/pycore-dist" });
pyodide.pyimport("sys").path.insert(0, "/tmp/pycore-dist");
pyodide.globals.set("SCENARIOS", readFileSync(scenariosPath, "utf8"));

// The same calls the page makes (engine.js), plus the error path that formats a traceback.
const answers = pyodide.runPython(`
import json, sys, traceback
import pycore
answers = []
for scenario in json.loads(SCENARIOS):
    try:
        if scenario["kind"] == "compute":
            answers.append(pycore.compute_json(scenario["request"]))
        else:
            answers.append(pycore.export_json(scenario["request"], scenario["format"]))
    except Exception as error:  # the page shows these; keep their formatting code too
        answers.append("error: " + traceback.format_exception_only(error)[-1].strip())
json.dumps({"python": sys.version.split()[0], "answers": answers})
`);

if (mode === "run") {
  // Let a piped stdout drain before Node exits (process.exit would cut it short).
  process.stdout.write(answers, () => process.exit(0));
} else {

  const trimmed = pyodide.runPython(`
import importlib.util, io, marshal, sys, zipfile

def stdlib_sources():
    """Yield (path inside the zip, source) for every loaded module from the stdlib zip.

    Frozen modules (built into the runtime) are skipped: they never read the zip.
    """
    archives = {}
    for module in list(sys.modules.values()):
        spec = getattr(module, "__spec__", None)
        path = getattr(module, "__file__", None) or ""
        if spec is None or spec.origin == "frozen" or ".zip/" not in path:
            continue
        archive, inner = path.split(".zip/", 1)
        if not inner.endswith(".py"):
            continue
        if archive not in archives:
            archives[archive] = zipfile.ZipFile(archive + ".zip")
        yield inner, archives[archive].read(inner).decode("utf-8")

def without_line_numbers(code):
    """Drop the line-number tables (debug info only: tracebacks show no line numbers)."""
    constants = tuple(
        without_line_numbers(c) if isinstance(c, type(code)) else c for c in code.co_consts
    )
    return code.replace(co_linetable=b"", co_consts=constants)

buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
    for inner, source in sorted(set(stdlib_sources())):
        code = without_line_numbers(compile(source, inner, "exec", dont_inherit=True, optimize=2))
        # An unchecked timestamp .pyc: with no .py beside it, zipimport uses it as is.
        data = importlib.util.MAGIC_NUMBER + bytes(12) + marshal.dumps(code)
        info = zipfile.ZipInfo(inner[:-3] + ".pyc", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        out.writestr(info, data)
bytes(buffer.getbuffer())
`);
  writeFileSync(stdlibZip, trimmed.toJs());
  console.error(`pyodide_stdlib: wrote ${stdlibZip} (${trimmed.toJs().length} bytes)`);
}

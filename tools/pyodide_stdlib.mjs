// Build step (run under Node by sitegen/runtime.py): make the page's Python library, a small
// precompiled standard library with pycore inside, and check pycore on Pyodide's Python.
//
//   node tools/pyodide_stdlib.mjs trim PYCORE_DIR SCENARIOS_JSON OUT_TAR_GZ
//     Boots the vendored Pyodide, imports pycore from PYCORE_DIR and runs it through every
//     scenario (as the page would), records every stdlib module that boot and pycore
//     import, and writes OUT_TAR_GZ with just those modules, pycore's and the start-up
//     hook tools/sitecustomize.py, compiled to .pyc by Pyodide's own Python (bytecode
//     must come from the runtime's Python version, which this machine's CPython is not),
//     and the code of the methods dataclasses writes for pycore's records, compiled as
//     they were written (dataclass_code.marshal, keyed by the SHA-256 of their source
//     text, which the start-up hook hands back).
//
//   node tools/pyodide_stdlib.mjs run SCENARIOS_JSON LIBRARY_TAR_GZ
//     Boots Pyodide the way the page does (engine.js: the library unpacked before Python
//     starts; Pyodide's stdlib zip is the site's empty one, python_stdlib.zip beside
//     LIBRARY_TAR_GZ, and so is the site's module factory, pyodide.asm.mjs, if it is
//     there), imports pycore from it, runs every scenario and prints {"python": version,
//     "answers": [...], "deferred_at_ready": [...], "dataclass_code": {...}, "web_loop":
//     name} as JSON on stdout; "deferred_at_ready" lists the modules sitecustomize defers
//     that were still unloaded after the first scenario, "dataclass_code" counts the
//     dataclass methods it handed back precompiled ("precompiled") and compiled afresh
//     ("compiled") by then, and "web_loop" names the class of asyncio's event loop once
//     asyncio is used, after the scenarios.
//
// SCENARIOS_JSON holds [{"kind": "compute" | "export" | "simulate", "request": "...",
// "format": "csv"}]; a simulation runs in slices of 500 draws (the worker slices by time).
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as nanotar from "nanotar";
import { loadPyodide } from "pyodide";

const USAGE = "usage: pyodide_stdlib.mjs trim PYCORE_DIR SCENARIOS OUT | run SCENARIOS LIBRARY";
const [mode, ...args] = process.argv.slice(2);
if (!(mode === "trim" && args.length === 3) && !(mode === "run" && args.length === 2)) {
  console.error(USAGE);
  process.exit(2);
}
const [scenariosPath, archivePath] = mode === "trim" ? args.slice(1) : args;

// engine.js defines its helpers on `self`, as in a worker.
globalThis.self = globalThis;
const here = dirname(fileURLToPath(import.meta.url));
await import(join(here, "..", "templates", "static", "engine.js"));

let options = { stdout: () => {}, stderr: (line) => console.error(line) };
let library = { files: Promise.resolve([]), options: {} };
// The stand-in for Pyodide's package loader (tools/package_loader.py), which the library
// ships in its place: while recording, a start-up finder imports it instead of the real
// one, so that only what it imports is recorded. The same finder leaves out `ssl`, which
// asyncio imports only if it can (`try: import ssl`) and the page never uses: with it go
// pathlib, glob and fnmatch, which Pyodide's ssl module imports (about 38 KB of gzip).
const STAND_IN = "/tmp/stand-in";
const PACKAGE_LOADER = readFileSync(join(here, "package_loader.py"), "utf8");
// The stand-in for the pyodide package's start (tools/pyodide_init.py), which leaves
// asyncio and the web loop to their first use: recorded with Pyodide's own, so that they
// are in the library for then, and shipped in its place.
const PYODIDE_INIT = readFileSync(join(here, "pyodide_init.py"), "utf8");
if (mode === "trim") {
  options = {
    ...options,
    env: { PYTHONPATH: STAND_IN },
    fsInit(FS) {
      FS.mkdirTree(STAND_IN);
      FS.writeFile(`${STAND_IN}/package_loader.py`, PACKAGE_LOADER);
      FS.writeFile(
        `${STAND_IN}/sitecustomize.py`,
        [
          "import sys",
          "from importlib.util import spec_from_file_location",
          "class StandIn:",
          "    @classmethod",
          "    def find_spec(cls, name, path=None, target=None):",
          '        if name == "ssl":',
          '            raise ModuleNotFoundError("left out of the page\'s library", name=name)',
          '        if name == "pyodide._package_loader":',
          `            return spec_from_file_location(name, "${STAND_IN}/package_loader.py")`,
          "        return None",
          "sys.meta_path.insert(0, StandIn)",
          // The methods dataclasses writes for the records (__init__, __eq__, __hash__...),
          // recorded with their code as they are compiled, from the start as in the page
          // (tools/sitecustomize.py): shipped precompiled like the modules. exec(text)
          // compiles with its caller's future flags: dataclasses has none, nor has this.
          "import builtins, dataclasses",
          'assert "annotations" not in vars(dataclasses), "dataclasses has a future import"',
          "DATACLASS_CODE = {}",
          "def recording_exec(source, globals=None, locals=None, /):",
          '    code = DATACLASS_CODE[source] = compile(source, "<string>", "exec")',
          "    builtins.exec(code, globals, locals)",
          "dataclasses.exec = recording_exec",
          "",
        ].join("\n"),
      );
    },
  };
}
if (mode === "run") {
  // As the site: Pyodide's stdlib zip emptied, the library unpacked before Python starts.
  library = self.pythonLibrary(readFile(archivePath), nanotar);
  options = { ...options, stdLibURL: join(dirname(archivePath), "python_stdlib.zip") };
  const factory = join(dirname(archivePath), "pyodide.asm.mjs");
  if (existsSync(factory)) options.createPyodideModule = (await import(factory)).default;
}
const [pyodide] = await Promise.all([loadPyodide({ ...options, ...library.options }), library.files]);
if (mode === "trim") {
  // Written straight into the virtual file system: no Python import is spent on it.
  pyodide.FS.mkdirTree("/tmp/pycore-src/pycore");
  for (const name of readdirSync(args[0]).filter((file) => file.endsWith(".py"))) {
    pyodide.FS.writeFile(`/tmp/pycore-src/pycore/${name}`, readFileSync(join(args[0], name)));
  }
  pyodide.pyimport("sys").path.insert(0, "/tmp/pycore-src");
}
pyodide.globals.set("SCENARIOS", readFileSync(scenariosPath, "utf8"));
pyodide.globals.set("SITECUSTOMIZE", readFileSync(join(here, "sitecustomize.py"), "utf8"));
pyodide.globals.set("PACKAGE_LOADER", PACKAGE_LOADER);
pyodide.globals.set("PYODIDE_INIT", PYODIDE_INIT);

// run: what the engine has left unloaded once it is ready (pycore imported, one scenario
// answered) of the modules sitecustomize defers. Asked by a module imported as the engine
// imports pycore: runPython would first load one of them (tokenize, to read the source).
const AT_READY = `
import __main__, importlib.util, json, sys
import pycore
pycore.compute_json(json.loads(__main__.SCENARIOS)[0]["request"])
deferred = sys.modules["sitecustomize"].DEFERRED if "sitecustomize" in sys.modules else ()
LAZY = sorted(n for n in deferred if isinstance(sys.modules.get(n), importlib.util._LazyModule))
`;
let deferredAtReady = [];
if (mode === "run") {
  pyodide.FS.mkdirTree("/tmp/at-ready");
  pyodide.FS.writeFile("/tmp/at-ready/at_ready.py", AT_READY);
  pyodide.pyimport("sys").path.append("/tmp/at-ready");
  deferredAtReady = pyodide.pyimport("at_ready").LAZY.toJs();
}
const dataclassCode = mode !== "run" ? {} : JSON.parse(pyodide.runPython(`
import json, sys
json.dumps(getattr(sys.modules.get("sitecustomize"), "DATACLASS_CODE_USED", {}))
`));

// The same calls the page makes (engine.js), plus the error path that formats a traceback.
const answers = pyodide.runPython(`
import json, sys, traceback
import pycore
answers = []
for scenario in json.loads(SCENARIOS):
    try:
        if scenario["kind"] == "compute":
            answers.append(pycore.compute_json(scenario["request"]))
        elif scenario["kind"] == "simulate":
            simulation = pycore.simulation_start(scenario["request"])
            if simulation is None:
                answers.append("no range")
            else:
                while not simulation.run(500):
                    pass
                answers.append(pycore.simulation_json(simulation))
        else:
            answers.append(pycore.export_json(scenario["request"], scenario["format"]))
    except Exception as error:  # the page shows these; keep their formatting code too
        answers.append("error: " + traceback.format_exception_only(error)[-1].strip())
json.dumps({"python": sys.version.split()[0], "answers": answers})
`);

if (mode === "run") {
  // asyncio, deferred at start-up, runs on Pyodide's web event loop once used.
  const webLoop = pyodide.runPython(`
import asyncio
type(asyncio.get_event_loop()).__name__
`);
  const ready = { deferred_at_ready: deferredAtReady, dataclass_code: dataclassCode, web_loop: webLoop };
  const report = JSON.stringify({ ...JSON.parse(answers), ...ready });
  // Let a piped stdout drain before Node exits (process.exit would cut it short).
  process.stdout.write(report, () => process.exit(0));
} else {
  // What was imported, taken before the packing below imports anything of its own.
  pyodide.runPython(`
LOADED = sorted(
    (module.__name__, module.__file__)
    for module in list(sys.modules.values())
    if getattr(module, "__spec__", None) is not None
    and module.__spec__.origin != "frozen"  # built into the runtime: never read from a zip
    and (getattr(module, "__file__", None) or "").endswith(".py")
)
`);
  const packed = pyodide.runPython(`
import gzip, importlib.util, io, marshal, sys, tarfile, zipfile
from _sha2 import sha256

def without_line_numbers(code):
    """Drop the line-number tables (debug info only: tracebacks show no line numbers)."""
    constants = tuple(
        without_line_numbers(c) if isinstance(c, type(code)) else c for c in code.co_consts
    )
    return code.replace(co_linetable=b"", co_consts=constants)

def sources():
    """Yield (path inside the library, source) for each loaded stdlib and pycore module,
    and for the start-up hook."""
    yield "sitecustomize.py", SITECUSTOMIZE
    archives = {}
    for name, path in LOADED:
        if name == "pyodide._package_loader":
            yield "pyodide/_package_loader.py", PACKAGE_LOADER
        elif name == "pyodide":
            yield "pyodide/__init__.py", PYODIDE_INIT
        elif path.startswith("/tmp/pycore-src/"):
            inner = path.removeprefix("/tmp/pycore-src/")
            yield inner, open(path, encoding="utf-8").read()
        elif ".zip/" in path:
            archive, inner = path.split(".zip/", 1)
            if archive not in archives:
                archives[archive] = zipfile.ZipFile(archive + ".zip")
            yield inner, archives[archive].read(inner).decode("utf-8")

def members():
    """Yield (path inside the library, bytes): each module as an unchecked timestamp .pyc
    (with no .py beside it, Python uses it as is), then the dataclass methods' code."""
    for inner, source in sorted(set(sources())):
        code = without_line_numbers(compile(source, inner, "exec", dont_inherit=True, optimize=2))
        yield inner[:-3] + ".pyc", importlib.util.MAGIC_NUMBER + bytes(12) + marshal.dumps(code)
    recorded = sys.modules["sitecustomize"].DATACLASS_CODE
    code = {sha256(source.encode()).digest(): without_line_numbers(c) for source, c in recorded.items()}
    yield "dataclass_code.marshal", marshal.dumps(code)

# A plain ustar archive (regular files, names under 100 characters, no metadata), so
# that any tar reader, nanotar in the page included, gets the same files back.
buffer = io.BytesIO()
with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as out:
    for name, data in members():
        info = tarfile.TarInfo(name)
        if len(info.name) >= 100:
            raise ValueError(f"{info.name}: name too long for a plain ustar header")
        info.size, info.mode = len(data), 0o644
        out.addfile(info, io.BytesIO(data))
gzip.compress(buffer.getvalue(), compresslevel=9, mtime=0)
`);
  writeFileSync(archivePath, packed.toJs());
  console.error(`pyodide_stdlib: wrote ${archivePath} (${packed.toJs().length} bytes)`);
}

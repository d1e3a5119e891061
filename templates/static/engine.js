// The engine host: boots Pyodide, loads pycore, and answers compute requests.
// Shared by worker.js (the served site runs it in a Web Worker), offline.html (which runs
// it on the main thread) and tools/pyodide_stdlib.mjs (the build and the tests, under
// Node). Every number comes from pycore.compute_json; nothing here knows a formula. It
// only defines globals (pythonLibrary, startPycore, serveEngine), so it runs as a module
// or as an inline script alike.

// Where the page's Python library (pycore and the stdlib modules it needs, precompiled)
// is unpacked; PYTHONPATH puts it first on sys.path.
const LIBRARY_DIR = "/lib/python";

// The page's Python library, from `library`, a promise of its bytes (python_stdlib.tar.gz,
// a gzipped tar of .pyc files); `nanotar` holds nanotar's parseTar and parseTarGzip.
// Returns {files, options}: `files`, the archive read as soon as it arrives; `options`,
// for loadPyodide, whose fsInit (run before Python starts) writes them into LIBRARY_DIR.
// Plain files import faster than Pyodide's stdlib zip, whose directory and members
// zipimport reads in Python code (measured with bench/ab.py: 40 to 80 ms sooner ready);
// the site ships that zip empty. A host that sends the archive with `Content-Encoding:
// gzip` hands fetch the tar itself: both are accepted.
function pythonLibrary(library, nanotar) {
  const files = Promise.resolve(library).then((data) => {
    const bytes = new Uint8Array(data);
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    return gzipped ? nanotar.parseTarGzip(bytes) : nanotar.parseTar(bytes);
  });
  const options = {
    env: { PYTHONPATH: LIBRARY_DIR },
    async fsInit(FS) {
      // A library that cannot be read fails the engine through `files` (startPycore);
      // Python must not start without it, so the boot stops here.
      const list = await files.catch(() => new Promise(() => {}));
      const made = new Set();
      for (const file of list) {
        if (file.type !== "file") continue;
        const path = `${LIBRARY_DIR}/${file.name}`;
        const folder = path.slice(0, path.lastIndexOf("/"));
        if (!made.has(folder)) {
          FS.mkdirTree(folder);
          made.add(folder);
        }
        FS.writeFile(path, file.data);
      }
    },
  };
  return { files, options };
}

// Boot Pyodide with `options` and the Python library (pythonLibrary), and return pycore's
// JSON entry points. pycore is part of the library, so it imports like any standard
// module. A library that cannot be read fails at once, with its reason.
async function startPycore(loadPyodide, options, library) {
  const booted = loadPyodide({ ...options, ...library.options });
  await library.files;
  const pyodide = await booted;
  const pycore = pyodide.pyimport("pycore");
  return {
    computeJson: pycore.compute_json,
    exportJson: pycore.export_json,
    explainJson: pycore.explain_json,
    simulationStart: pycore.simulation_start,
    simulationJson: pycore.simulation_json,
  };
}

// The Monte Carlo runs in chunks of draws until a slice of time is used up, then looks at
// the message queue, so an input waits at most about one slice behind it whatever the
// machine's speed (a fixed 500 draws took 10 to 25 ms once the draws got faster). Slices
// of 1 ms (chunks of 25 draws, about 0.5 ms here) against 4 ms (chunks of 100): input
// during a simulation p50 15.3 to 12.4 ms, p95 19.4 to 17.2 ms, the simulation 223 to
// 234 ms (bench/method.py's Levers).
const SIMULATION_CHUNK = 25;
const SIMULATION_SLICE_MS = 1;

// A way to yield to the event loop without the 4 ms clamp of nested timers.
function yieldToMessages(callback) {
  if (typeof MessageChannel === "undefined") return setTimeout(callback, 0);
  const channel = new MessageChannel();
  channel.port1.onmessage = () => callback();
  channel.port2.postMessage(null);
}

// Wire a started engine to a message channel: `post` sends replies to the page; the
// returned function takes the page's messages. Protocol in: {type: "compute", id, params},
// {type: "export", id, params, format, link}, {type: "explain", id, params} or {type:
// "simulate", id, params}. Out: {type: "ready"}, {type: "failed", reason}, {type: "result",
// id, report}, {type: "export", id, format, text}, {type: "explained", id, explained},
// {type: "odds", id, odds} and {type: "error", id, reason}. A simulation runs in slices,
// yielding to the queue between them (SIMULATION_SLICE_MS); a newer compute or simulation
// stops it, so an input never waits behind it (the page asks again after the new result).
function serveEngine(started, post) {
  let pycore = null;
  let running = null; // the simulation under way: {id, simulation}

  function stopSimulation() {
    if (running === null) return;
    running.simulation.destroy();
    running = null;
  }

  function simulate(message, request) {
    const simulation = pycore.simulationStart(request);
    if (simulation === undefined || simulation === null) return;
    const mine = { id: message.id, simulation };
    running = mine;
    const step = () => {
      if (running !== mine) return; // superseded: stopSimulation destroyed it
      try {
        const deadline = performance.now() + SIMULATION_SLICE_MS;
        let finished = simulation.run(SIMULATION_CHUNK);
        while (!finished && performance.now() < deadline) finished = simulation.run(SIMULATION_CHUNK);
        if (!finished) {
          yieldToMessages(step);
          return;
        }
        post({ type: "odds", id: message.id, odds: JSON.parse(pycore.simulationJson(simulation)) });
      } catch (error) {
        post({ type: "error", id: message.id, reason: String(error) });
      }
      stopSimulation();
    };
    yieldToMessages(step);
  }

  started.then(
    (entries) => {
      pycore = entries;
      post({ type: "ready" });
    },
    (error) => post({ type: "failed", reason: String((error && error.message) || error) }),
  );
  return (message) => {
    if (pycore === null || !message) return;
    if (message.type === "compute" || message.type === "simulate") stopSimulation();
    const request = JSON.stringify(message.params);
    try {
      if (message.type === "simulate") {
        simulate(message, request);
      } else if (message.type === "compute") {
        post({ type: "result", id: message.id, report: JSON.parse(pycore.computeJson(request)) });
      } else if (message.type === "export") {
        const text = pycore.exportJson(request, message.format, message.link || "");
        post({ type: "export", id: message.id, format: message.format, text });
      } else if (message.type === "explain") {
        post({ type: "explained", id: message.id, explained: JSON.parse(pycore.explainJson(request)) });
      }
    } catch (error) {
      post({ type: "error", id: message.id, reason: String(error) });
    }
  };
}

self.pythonLibrary = pythonLibrary;
self.startPycore = startPycore;
self.serveEngine = serveEngine;

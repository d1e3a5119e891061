"""BENCHMARKS.md's fixed prose: how each figure is measured, the levers, the commands.

Uses nothing; ``report`` puts it after the figures.
"""

METHOD = """\
## Method

- **Pages.** (a) `bare/bare.html`, written at bench time: a module script that imports the
  stock `loadPyodide()` from the npm package (`node_modules/pyodide/*` copied beside it),
  calls `loadPyodide({indexURL})` on the main thread, stores `performance.now()` in
  `window.__bareReadyAt` and sets `<html data-engine="ready">`. (b) `site/index.html`, built
  by the bench itself with `build.py --out <tmp>/site`. Both are served side by side by one
  `http.server.ThreadingHTTPServer` on 127.0.0.1 (no compression, `Cache-Control: no-store`).
- **Cold runs.** Each run opens a new browser context (empty HTTP cache, no storage) in one
  headless Chromium, viewport 1280x720; runs alternate a, b, a, b… Each time is the median
  over the runs, in ms since navigation start (`performance.now()` in the page).
- **FCP**: the `first-contentful-paint` entry of `performance.getEntriesByName`.
- **Default results painted**: Element Timing. The init script `bench/probe.js` (injected
  through CDP, so the page's CSP does not apply) watches the parser with a
  MutationObserver and adds `elementtiming="default-results"` to
  `[data-output=api_monthly]` as soon as it is inserted, before its first paint; the
  figure is that entry's `renderTime`. Chromium attributes painted text to its nearest
  block container, so the `<dd>` around the inline `<output>` is tagged too. At the top of
  the page the results sit below the fold (Chromium still reports their paint, with an
  empty intersection rectangle), so the "in view" figure comes from separate cold visits
  of `index.html#analyzer` (same number of runs, no wait for the engine); the "page top"
  figure comes from the main cold runs. The element is pre-rendered, so both are ≈ FCP.
- **Engine ready**: for (b), the same probe's MutationObserver records `performance.now()`
  when `<html data-engine>` becomes `ready` (`window.__bench.readyAt`); for (a), the page's
  own `__bareReadyAt`. The ratio is median(b) / median(a).
- **Input latency** (b only), in the detailed view with a GPU preset, opened at the
  analyzer (`index.html?view=detailed&gpu_model=aws%2Fh100-80gb#analyzer`, the cost chart
  in view beside the inputs), so that each input computes the fleet's latency (queueing),
  the options table and routing: after ready, the engine's first render and the cost
  chart's drawing, a function run in the page sets
  `input[name=monthly_inferences]` to a new value (each one different), takes t0,
  dispatches an `input` event, and a MutationObserver on `[data-output=api_monthly]`'s
  `data-value` takes t1 when the value changes. The page's handler of a result
  (`templates/app/main.js`) renders it and updates the Chart.js chart synchronously
  (`update("none")`, no animation) before the observer's callback runs, so t1 includes
  the chart (the run checks, per event, that the chart's volume marker shows the new
  volume at t1; charts out of view are updated when they come into view); t2 is the next
  `requestAnimationFrame` callback, a bound for the frame that
  shows it. Events are sequential (each waits for its update and one more frame). p50/p95
  use linear interpolation. The target scales with the machine: 0.008 x the bare page's
  median ready time in the same run (16 ms where stock boots in 2 s).
- **Monte Carlo** (b only): the same view with ranges on the GPU-hour price, growth and
  decode speed (`gpu_hourly_low=2&gpu_hourly_high=5&...`), so that every result is followed
  by a simulation of 10,000 draws in the worker. The probe wraps the page's `Worker` and
  times each `simulate` message the page posts and the `odds` message that answers it;
  the figure is the median over 7 inputs, each waiting for its odds. Then the input events
  above are repeated on that page: each comes about two frames after the previous result,
  while the simulation it started runs in the worker (engine.js runs it in slices of about 1 ms
  and stops it on a newer compute); the figure is the p95 of input → DOM and chart
  updated over the events made while a simulation was running, against one frame (16.7 ms).
- **First-visit bytes**: every file the server was asked for from navigation until
  `data-engine=ready` in the first cold visit (recorded by the server, so the worker's
  fetches count too; each request's arrival time, on the same clock as the page's
  `performance.timeOrigin`, against the page's ready time, so that a file asked for just
  after ready, while Playwright notices it, does not count; HTTP headers and bodiless
  304/404 answers excluded), raw and each
  body compressed with Python's `gzip` at level 6 (as a host that compresses on the fly
  would send it). The site ships its wasm, and its Python library, already gzipped by
  zopfli (`pyodide.asm.wasm.gz`, `python_stdlib.tar.gz`), served as `application/gzip`
  with no `Content-Encoding` and inflated by the worker, so gzip -6 barely changes them.
  For the bare page the stock `.wasm` counts at its gzip -6 size: GitHub Pages gzips
  `.wasm` (`application/wasm`) on the fly, as a public report of a Pages deployment
  observed (maxence-charriere/go-app#866). MB = 10^6 bytes.
- **offline.html**: size of the build's `offline.html` (raw, and gzip -6), and its time to
  `data-engine=ready` from `file://` with every http(s) request aborted, median of 5,
  compared with 1.5 x the served page's median ready.
- **Build**: wall time of `python build.py --out <tmp>/site` (a fresh process, content
  reading, validation, rendering and copying the runtime), median of 3.
- **Lighthouse**: `node_modules/.bin/lighthouse URL --output=json` with its default
  configuration (mobile emulation, simulated throttling), `CHROME_PATH=/usr/bin/chromium`,
  one run on the served (b); skipped, with a note, when it is not installed.
- **Noise.** The machine is shared: the 1-minute load average at the start and end of the
  run is recorded with the machine; compare figures from runs with similar load.
"""

COMMANDS = """\
## Commands

```sh
make bench   # installs deps and Chromium, builds site/, then runs:
.venv/bin/python bench/run.py [--runs N] [--events N] [--out bench/results.json]
```
"""

LEVERS = """## Levers

What the page does to reach ready sooner, and what was tried and dropped. Ready-time
effects come from `bench/ab.py`: interleaved cold visits (25 or more each, medians) of the
built site and of a copy with that one lever undone by hand. The machine is noisy, so
effects under about 20 ms are approximate. Figures marked "one-off" come from throw-away
scripts that are not in the repository.

Kept:

- The standard library precompiled to `.pyc` by Pyodide's own Python under Node:
  2.26 s to 0.91 s (DESIGN.md). Trimmed to the modules that boot and pycore import, with
  pycore inside: 0.85 s (DESIGN.md).
- That library shipped as `python_stdlib.tar.gz` and unpacked into plain files before
  Python starts (nanotar, in `fsInit`), instead of a zip that `zipimport` reads in Python
  code: 40 to 80 ms sooner (two comparisons with the zip build, 12 and 25 visits each).
- Start-up modules the page never uses loaded lazily (`tools/sitecustomize.py`,
  `importlib.util.LazyLoader`): 803 against 822 ms without the hook.
- Chart.js loaded, and each chart drawn, when its canvas nears the viewport or once the
  engine is ready and the page idle: 803 against 840 ms with Chart.js loaded by the page
  and every chart drawn at once, when the page opens at the top.
- The worker started first thing in `<head>` (`boot.js`), with Pyodide's factory as a
  static import of the worker: about 70 ms sooner for the static import (first session).
- A minimal lock file (no packages); inputs coalesced (one request in flight, the newest
  wins); charts updated in place (`update("none")`); the URL rewrite debounced.
- The second session's levers together (the library as files, lazy modules, lazy
  charts): 940 to 802 ms against the site before them (25 visits each). The bare page's
  own ready time drifts between runs (1.7 to 2.0 s has been seen here), which moves the
  ratio too: compare the page's ready time.

Tried and dropped:

- Pyodide's module factory wrapped in parentheses, so that V8 compiles it with the
  module: its own start reached the wasm about 25 ms sooner (one-off timing marks in
  the worker), but ready did not move (782 against 782 ms, 30 visits each): the wasm
  download gates that step anyway.
- Fetching and compiling the wasm at the top of the worker (`compileStreaming`), with
  dynamic imports: no gain (the download is throughput-bound on this machine, and the
  imports got slower). Compiling it on the page and handing it to the worker: no gain.
- A `//# allFunctionsCalledOnLoad` compile hint on Pyodide's factory: the module loaded
  about 65 ms slower (one-off timing marks), no net gain.
- `content-visibility: auto` on the sections, and `boot.js` inlined with a CSP hash: no
  measurable gain. `-S` (no `site` at start-up): no gain, and it would skip the start-up
  hook.
- A memory snapshot of the booted interpreter (`_makeSnapshot`): it would skip about
  400 ms, but it weighs 4.2 MB gzip, 2.7 MB as a difference from the initial memory
  (one-off Node script), over the 5 MB first-visit budget.
- Minifying Pyodide's factory (esbuild, terser): only 16% smaller (one-off), since most of
  it is Emscripten's library code. (Taken up again for issue 17, below: the bytes count now.)
- `<link rel=preload>` of the wasm in the page: the worker does not share the page's
  preload cache, so it would download twice.

Issue 17 (bytes, the Monte Carlo, input latency in the detailed view). Kept:

- The wasm shipped pre-compressed by zopfli (one iteration), as `pyodide.asm.wasm.gz`
  only, fetched by worker.js's `fetch` wrapper and inflated with
  `DecompressionStream("gzip")` as it streams into `instantiateStreaming` (a host that
  already decoded it, `Content-Encoding: gzip`, is recognised by its first bytes):
  3,546 KB at gzip -6 to 3,415 KB (3,400 KB as the bench counts it). Ready time
  unchanged: 2,456 against 2,496 ms for the plain `.wasm` (bench/ab.py, 15 interleaved
  visits each, load average 5 to 7). zopfli's output is cached in `.cache/` by the input's
  hash (about 16 s cold; a warm build reads it back).
- The Python library recompressed by zopfli: 778 to 752 KB.
- Pyodide's factory (`pyodide.asm.mjs`) minified by esbuild, cached likewise: 261 to
  243 KB at gzip -6, 1,250 to 1,049 KB raw. offline.html embeds the zopfli bytes as they
  are (no second gzip layer) and the minified factory: 7.20 to 6.85 MB.
  Together: first visit 4.73 to 4.54 MB (gzip -6; the first figure is the same visit's
  files with the stock wasm, library compression and factory).
- The Monte Carlo's draws: each draw's replica speed from `serving.profile_at_speeds`
  (the profile's formula with the draw's speeds) instead of a new `Scenario` per draw
  (`dataclasses.replace`, which also flushed the per-scenario memory every 64 draws), and
  the month loop's replica count inlined; the odds are byte-identical. 10,000 draws of
  the bench's ranged scenario, CPython: 937 to 323 ms (wall, loaded machine); the
  inlining alone 293 to 229 ms CPU. Then each draw's seconds per request without building
  a profile (`serving.request_s_at_speeds`), the growing-volume loop in its own method
  without `min()` calls, the draw's inputs prepared once: 230 to 150 ms CPU (best of 8).
  In the worker, same scenario, request to odds: median 1,330 ms before (7 simulations,
  973 to 3,566, load average 6.7); 480 ms after the first round (load average 8 to 10)
  and 354 ms on a quiet machine (load average 2); the Results table has the final figure.
- Charts out of view wait: an input updates only the charts near the viewport (Chart.js
  lays out and paints each chart it updates); the others take the latest report as they
  come into view. Input to DOM and chart updated in the detailed view at `#analyzer`
  (cost chart in view), 100 events each, interleaved: p50 32.6 to 25.0 ms, p95 54.7 to
  48.4 ms.
- `scenario.with_changes`: `dataclasses.replace` without its per-field checks, for the
  thirty-odd scenario copies a report makes (sensitivity, the API ranking, routing):
  4.45 to 4.08 ms CPU per detailed request in CPython (200 requests, best of 5, two
  interleaved rounds), same JSON.
- The Monte Carlo sliced by time (chunks of 100 draws until 4 ms have passed, then a look
  at the message queue) instead of every 500 draws, which took 10 to 25 ms once the draws
  got faster: input during a simulation p50 33.1 to 26.9 ms, p95 46.6 to 35.4 ms (87
  events each, interleaved), the simulation itself unchanged (352 against 342 ms).
- A stand-in for Pyodide's package loader (`tools/package_loader.py`: the page loads no
  packages, so it only answers the start-up's questions, with `os` and `site`), and `ssl`
  left out of the library (asyncio imports it in a `try`; Pyodide's ssl module imports
  pathlib, glob and base64): zipfile, shutil, tempfile, pathlib, glob, fnmatch, the
  compression modules, ipaddress and the rest neither ship nor run at boot. The library
  754 to 643 KB (zopfli). With it, the bench counts the files asked for until ready by each
  request's arrival time: Chart.js, asked for in idle time just after ready, had counted
  because it arrived before Playwright noticed ready. First visit 4.55 to 4.36 MB (gzip
  -6; the Results table has the final figure). The earlier attempt to defer these modules
  is below.

- The detailed view's inputs (their groups: 96 fields with sliders, help and sources) in a
  file of their own, `detailed-inputs.html`, which app.js fetches with its SRI after the
  first frame and puts into the form before it wires the page (offline.html keeps them
  inline): index.html 287 to 135 KB. Lighthouse (one run each, this session's
  `bench/lighthouse.py` on the served site): performance 90 to 92 with the file fetched at
  once (its request, started before the first paint, lengthens the simulated LCP, 1.9 to
  2.7 s), 97 when fetched after the first frame and wired in a task of its own (LCP 1.9 s,
  total blocking time 210 to 150 ms); at the final code 95 in `make bench` and 98, 98 and
  97 in three later runs (total blocking time 80 to 120 ms). Ready time unchanged: 1,428
  against 1,363 ms in a first comparison, 1,440 against 1,438 ms in a second, with
  everything below (15 interleaved visits each).
- `urllib.parse` (and the `ipaddress` it imports, about 10 ms of Python under Pyodide)
  imported only when the request has a query: the page asks with an empty one unless it
  opened from a link.
- Each report written into the page only where it changed (`templates/app/dom.js`: texts,
  attributes and table rows compared before they are written; the outputs looked up once):
  the result handler 9.2 to 7.4 ms (median of 60 inputs in the detailed view, one run each).
- The report's sensitivity and API ranking left out of a request while their places are
  out of view (`skip`, `pycore.results.OPTIONAL_PARTS`; `optional-parts.js` watches them
  and asks again when one comes within a screen): pycore's compute in the worker 8.7 to
  5.9 ms, input to DOM and chart updated 18.5 to 14.5 ms (median of 60 inputs each in the
  bench's detailed view, one run each). Its p95 stays about twice the median: the first
  ten inputs after ready take 20 to 40 ms while V8 compiles the engine's hot paths (after
  them, p95 21.7 ms).
- The cost chart's curve, and the break-evens, remembered for the scenario's inputs other
  than its volume (`remember.across_volumes`): each cost on the curve is taken at the
  curve's own volumes, and each break-even is a volume found afresh, so the scenario's
  volume only moves the curve's range (281 of 300 fuzzed scenarios kept their range at
  1.37 times the volume, every curve identical; all 300 break-evens identical;
  `test_fast_paths` holds remembered results to fresh ones). Moving the volume, the
  commonest input, computes them once: pycore's detailed compute 2.32 to 1.78 ms in
  CPython with the curve, 1.73 ms with the break-evens (200 inputs); 6.2 to 4.8 ms in the
  worker, input to DOM and chart updated 14.3 to 13.0 ms with the curve (medians of 60
  inputs, two runs each, one-off). The p95 stays at about 30 ms: the first eight inputs.

Issue 17, third session. Kept:

- Charts drawn only as their canvas comes within a screen of the viewport (or, in idle
  time, when a reader switches to the detailed view), no longer every chart in idle time
  once the engine is ready: the page prints only the memo, whose charts are images drawn
  apart, so the idle drawing served no printout, and Chart.js's evaluation was the page's
  longest task. Lighthouse performance 95 and 96 to 98, 98 and 98 (total blocking time
  190 to 220 ms to 20 to 30 ms; one-off runs of the Lighthouse step). The first inputs
  after ready no longer share the main thread with the other charts' drawing: input to
  DOM and chart updated, the bench's own measurement on the site before this session and
  on the site with this lever and the compute ones below, two interleaved runs of 60
  inputs each: p95 32.3 to 25.1 ms, and 27.8 to 24.7 ms during a simulation (one-off).
- Each field's value, as read and repaired by `clamp_parameters`, remembered by its text
  (`inputs._resolved`, an `lru_cache`: the page sends every field on each input, and all
  but one keep their text); the report's flat records as dicts field by field
  (`results.record`) instead of `dataclasses.asdict`'s deep copies; the small-tier API
  model and the cost table beside the chart remembered across volumes; an option's payback
  pricing each distinct month once. Same JSON for 150 varied requests; pycore's detailed
  compute 2.16 to 1.50 ms in CPython (best of 5), 4.8 to 4.2 ms in the worker (median of
  60 inputs, two runs each; one-off). `test_fast_paths` holds each memory to a fresh
  result.
- The methods `dataclasses` writes for pycore's records (`__init__`, `__eq__`,
  `__hash__`...) shipped precompiled: the build records their code as it is compiled
  (tools/pyodide_stdlib.mjs) into `dataclass_code.marshal`, and the start-up hook hands
  it back to `dataclasses` by the SHA-256 of the source text (any other text is compiled
  as before). Their compiling was about half of `import pycore` under Pyodide: 130 to
  75 ms under Node; engine ready 1,364 to 1,243 ms (bench/ab.py, 15 interleaved visits
  each). The library grows by 12 KB (645 to 657 KB; keyed by the source text itself, 21 KB).

- The address bar follows the scenario once the results have been still for 200 ms (a
  debounce), no longer every 200 ms while inputs stream (a throttle): each rewrite (the
  query string, `history.replaceState`, the embed snippet) took about 2 ms of the main
  thread in the middle of a slider drag, and a result that arrived meanwhile waited.
  Input to DOM and chart updated, the bench's own measurements (medians of three
  interleaved runs, twice): p95 30.7 and 32.8 ms to 22.8 and 27.4 ms; p50 15.0 and
  15.2 ms to 13.8 and 13.5 ms; during a simulation p95 29.2 and 29.3 ms to 22.9 and
  23.4 ms.

- Table rows updated in place (`dom.js`: `replaceWhenChanged` morphs the rows already
  there into the new ones, texts and attributes where the shape matches, instead of
  replacing the table body), and the odds table and summary written only when they
  change: each input's layout 2.9 to 2.1 ms (200 to 120 dirty layout objects, Chromium's
  trace); input to DOM and chart updated p50 13.2 to 12.5 ms and p95 26.6 to 24.4 ms
  (three interleaved runs, medians, one-off).

Issue 17, fourth session. Kept:

- asyncio deferred until it is first used. Pyodide's package start (`pyodide/__init__.py`)
  imports `pyodide.webloop`, which subclasses asyncio's classes, so every boot ran asyncio
  and `concurrent.futures`, `logging`, `socket`, `subprocess`, `selectors` and the rest
  (70 to 90 ms of module code under Node, timed per module by a start-up hook). The
  library now ships a stand-in package start (`tools/pyodide_init.py`) that leaves the web
  event loop to the start-up hook's `when_loaded`, which installs it once asyncio first
  runs; asyncio joins the hook's lazy modules. The C core imports asyncio twice while it
  starts, and `import` reads a module's `__spec__` at the second import, which runs a
  plain lazy module: the hook's lazy module hands `__spec__` out without running.
  `tests/test_pyodide.py` checks that asyncio is unloaded at ready and runs on the web loop
  once used. Engine ready 1,266 to 1,192 ms (bench/ab.py, 15 interleaved visits each).
- Pyodide's factory links its main module lazily (`sitegen/factory.py`'s `LAZY_GOT`):
  Emscripten gave all 8,560 exports a function-table slot and a GOT entry at start-up, for
  side modules the page never loads; now only the 280 entries the main module imports
  (the rest would be made on a side module's first import, from the same exports). The
  start's linking under Node: updateGOT 32 to 0.4 ms (the table scan moves to the few
  lookups left, about 30 ms). Engine ready 1,266 to 1,240 ms alone, 1,192 to 1,177 ms with
  asyncio deferred (bench/ab.py, 15 interleaved visits each).
- The JavaScript functions whose address Pyodide's main module takes (259) wrapped for the
  function table in batches of 64, one small wasm module per batch, instead of one module
  each (`sitegen/factory.py`'s `BATCH_CONVERSION`): `reportUndefinedSymbols` 39 to 20 to
  30 ms under Node; engine ready 1,214 to 1,188 ms (25 visits each).
- Pyodide's factory wrapped in parentheses again (`sitegen/factory.py`'s `eager`), so that
  V8 compiles it with its module instead of on its first call, which took 160 to 210 ms of
  the worker's thread before the factory asked for the wasm: 1,213 to 1,192 ms (quartiles
  overlapping), then 1,188 to 1,154 ms (25 visits each). (Dropped in the first session,
  when the wasm's download gated that step.)
- The charts' compact number formats (`Intl.NumberFormat`) made when a chart first needs
  one, no longer as app.js loads: making the first one loads ICU's locale data on the main
  thread while the engine boots. app.js's top level 72 to 14 ms a load (Chromium's
  profiler, 4 cold loads, one-off); engine ready 1,194 to 1,172 ms.
- The Monte Carlo in slices of 1 ms (chunks of 25 draws, about 0.5 ms each here) instead of
  4 ms (chunks of 100): input during a simulation p50 15.3 to 12.4 ms, p95 19.4 to 17.2 ms;
  the simulation 223 to 234 ms (medians of four interleaved runs of the bench's own
  measurement, one-off). Slices of 2 ms: p50 13.3, p95 19.6, 226 ms.

Measured and left alone (issue 17):

- Where the ready time goes (timing marks in an instrumented copy of worker.js, median of
  7 cold visits, one-off): the worker starts at 107 ms; its modules are fetched and run by
  278 ms; the wasm arrives and compiles by 685 ms; Emscripten's start-up until 831 ms;
  Python's start and Pyodide's bootstrap until 1,190 ms; `import pycore` until 1,395 ms.
  Under Node, Pyodide's own boot imports take about 220 ms of Python (tokenize, textwrap,
  re, enum, asyncio, inspect...) and pycore's about 130 ms, most of it building the
  dataclasses.
- The page's own work during the boot competes with the worker on two cores: an index.html
  with an empty `<main>` (and no app.js) reached ready 150 ms sooner than the same page
  with its content (15 visits each), a page without the analyzer section 92 ms sooner, one
  without the other sections 53 ms sooner; removing only the hidden detailed groups, or
  app.js, or adding `content-visibility: auto`, did not move it. The content is the page.
- A stand-in for `pyodide.webloop`, to skip asyncio at boot: asyncio is imported anyway,
  by the C core's own start-up (`_pyodide_core`). (Taken up again in the fourth session,
  above: the core only imports it, and a lazy module that keeps `__spec__` readable
  survives that.)
- The wasm served plain instead of inflated in the worker: 1,418 against 1,427 ms (15
  visits each): the inflation is not on the critical path.
- The wasm fetched, inflated and compiled by a helper worker from the start of the
  engine's worker, its `WebAssembly.Module` posted to the engine (Pyodide asks for the
  wasm at once, but compiles it only when its factory has run, about 200 ms later, and
  the inflation waits for the busy worker's thread meanwhile): 1,418 against 1,380 ms
  (15 visits each). On two cores the boot is bound by the total work, not its order.

- Where the ready time goes now (timing marks in an instrumented copy of worker.js and
  engine.js, median of 7 cold visits, one-off): the worker's module runs at 273 ms and
  asks for the runtime's files at once, but it answers their responses only at 440 ms
  (its thread runs Pyodide's module factory meanwhile); the wasm is inflated by 662 ms;
  the file system is written at 820 to 833 ms; Python and Pyodide's bootstrap run until
  1,192 ms and `import pycore` until 1,260 ms. What is left is Pyodide's own start-up:
  its Emscripten glue (about 100 ms of JavaScript), and about 360 ms of Python that runs
  in V8's baseline tier while each function is compiled on first call.
- Each input repaints two layers as large as the whole page (Chromium's trace: about 3.5 ms
  each per input at 1280 px), after the result handler, in the next frame; removing the
  masthead's `backdrop-filter` did not change it (p95 26.7 against 26.4 ms, one-off).

Tried and dropped (issue 17):

- The engine warmed up in idle time: after the first compute of a new kind of request,
  the worker computed it again 10 times at volumes near the page's, then the page's own
  request, one compute per task, stopping at the first message. The first inputs are slow
  because V8 runs Pyodide's wasm in its baseline tier (Liftoff) until each function has
  run often enough to be optimized: under Node, 20 computes of the detailed scenario take
  24.9, 8.2, 11.2, 9.1 ... ms, and about 7 ms each with `--no-liftoff` (optimized from the
  start); after 10 repeats of one request (57 ms), 4.1 to 5 ms from the first (one-off).
  In the page, with 1.5 s of quiet after the first render, input to DOM and chart updated
  (p95 of 60 inputs, one-off runs): 32.3 and 26.1 ms without, 22.8, 23.0 and 22.7 ms with
  it. Not kept: in `make bench` the inputs start as soon as the cost chart is drawn, which
  stops the warm-up early (p95 31.2 ms, its first seven inputs 20 to 38 ms), and the
  warm-up's computes, in the worker while the page loads Chart.js, lengthen the page's own
  tasks on two cores: Lighthouse performance 92, 92 and 89 with it against 97, 95 and 97
  without (total blocking time 290 to 380 ms against 140 to 200 ms; interleaved runs).
- Deferring more of the modules Pyodide imports at boot (zipfile, subprocess, shutil, ssl,
  socket, tempfile, logging, inspect, pathlib, parts of asyncio, about 250 KB of the
  library) with the start-up hook's lazy loader, so that a second archive could hold them:
  none stays unloaded until ready, since Pyodide's own modules use them while it boots
  (`from zipfile import ZipFile`, `from tempfile import NamedTemporaryFile` in
  `pyodide._package_loader`, whose `SITE_PACKAGES` the JS reads at once; `inspect` in
  `pyodide.code` and `dataclasses`; asyncio for `pyodide.webloop`), and a lazy
  `threading` or `typing` breaks the boot (circular import). Moving them out would need
  stand-in modules for Pyodide's own imports: not done (one-off runs of
  tools/pyodide_stdlib.mjs with a wider DEFERRED).
- The report's sensitivity and API ranking computed after the rest, as their own message
  (the request asking `"defer": true`, then `details_json` in the worker once the queue
  was looked at): pycore's compute per detailed input 3.85 to 2.2 ms CPU in CPython, the
  worker's round trip about 14.8 to 11 ms (median, one run each), but input to DOM and
  chart updated did not move: p50 26.9 against 26.0 ms and p95 50.6 against 49.4 ms
  (150 events each, interleaved), and 23.8 against 24.0 ms p50 in a second comparison.
  Not kept: a protocol with partial reports for no measured gain.
- Updating the charts before the DOM writes in the result handler (so that Chart.js
  would not read sizes from a dirty layout): p50 25.3 to 24.3 ms, p95 49.5 to 47.3 ms
  (100 events each), within the noise; not kept. The handler's own time, median of 40
  inputs: charts 3.8 ms, the DOM 3.6 ms, the decision 0.5 ms, then 5.7 ms of layout at the
  next frame.
- Chart.js tree-shaken again, for Lighthouse's total blocking time (its evaluation, in
  idle time after ready, is the page's longest task): 98, 98 and 97 for the stock build
  against 95, 98 and 94 with the 177 KB bundle (interleaved one-off runs): no gain.
- Chart.js tree-shaken (an esbuild bundle registering only the line, bar and scatter
  controllers, their elements, the linear, logarithmic and category scales, legend,
  tooltip and title): 71.1 to 61.2 KB at gzip -6, 210 to 177 KB raw (one-off). Not kept:
  10 KB does not change any figure's status, for a build step of its own.
- The report's records as shallow dicts instead of `dataclasses.asdict`: 3.80 to 3.62 ms
  per detailed request (one-off), same JSON; not kept for 5%, since `asdict` also copies
  nested records that a shallow copy would hand to the JSON encoder as they are.

- The regular expressions compiled at boot (22 patterns: textwrap, tokenize, fractions,
  json, pycore.explain; 16 ms under Node) shipped in their compiled form like the
  dataclass methods (the arguments `re._compiler` hands `_sre.compile`, recorded by the
  build, 3.5 KB): 16 to 2 ms under Node, but engine ready 1,332 against 1,302 ms in a
  first comparison and 1,297 against 1,294 ms in a second (15 interleaved visits each):
  within the noise, for a hook into `re`'s private compiler. Not kept.
- `content-visibility: auto` on every section but the analyzer, to shorten each input's
  layout and paint: input to DOM and chart updated p95 29.2, 25.0 and 25.9 ms against
  26.1, 28.5 and 27.9 ms without (the bench's own measurement, three interleaved runs of
  60 inputs); the two page-sized layers are still painted on each input. Not kept.
- The log axes' ticks cut to the powers of ten (`afterBuildTicks`): the cost chart's update
  4.1 to 3.3 ms (median of 60 inputs, two runs each), but the chart loses its minor grid
  lines, which help read a log scale. Not kept.
- Two extra updates of each chart as it is created, so that V8 has optimized the update
  before the first input: the cost chart's first five updates 6 to 13 ms with them,
  7 to 14 ms without (two runs each; they compete with the worker). Not kept.
- The Monte Carlo in slices of 2 ms instead of 4: input during a simulation p95 26.3
  against 26.2 ms (three interleaved runs, medians; the simulation 232 against 228 ms).
- Chart.js's own speed-ups for the cost chart (`normalized: true`; tick rotation fixed at
  0; unchanged datasets kept rather than replaced): the chart's update, median of 60
  inputs, 4.0 to 4.15 ms against 4.1 to 4.25 ms, within the noise (one-off runs).

Tried and dropped (issue 17, fourth session; bench/ab.py, 15 interleaved visits each,
unless said):

- Deferring `inspect` too (and `dis`, `opcode`), with a stand-in for Pyodide's docstring
  helper that writes the built-in methods' signatures from their code objects (the same
  text as `inspect.signature` for all 216 callables of `_pyodide._core_docs`): the C core
  still takes `inspect.iscoroutinefunction` while it starts, and `asyncio.graph`'s
  dataclasses have no docstring, so `dataclasses` asks `inspect` for one. About 13 ms of
  module code under Node; not worth three stand-ins.
- `<link rel=preload as=fetch>` of the worker's modules (its script, Pyodide's factory and
  loader, engine.js, nanotar) in the page's head: the worker fetched every one again
  (Chromium's trace), so the factory downloaded twice.
- The wasm fetched and inflated by a helper worker started in `boot.js`, its bytes
  transferred to the engine's worker through a `MessageChannel`: 1,225 against 1,216 ms;
  the bytes arrived at 562 ms, after the factory asked for them (492 ms), on two busy
  cores. Inflating under Chromium takes about 80 to 160 ms for the 9.6 MB (zlib under
  Node, 32 to 47 ms), compiling the bytes 37 to 54 ms (one-off, on an idle page).
- Chart.js's update moved before the page's DOM writes in the result handler: no
  difference (p50 11.5 against 12.2 ms, p95 within the noise; one-off).
- V8's compile hint (`//# allFunctionsCalledOnLoad`) on app.js and Chart.js, so that the
  first inputs find their functions compiled: worse, input p95 25.0 against 20.0 ms and
  the first six inputs 26.3 against 23.2 ms on average (medians of five interleaved runs
  of the bench's measurement, one-off).
- `content-visibility: auto` on the sections below the first screen, again: the first
  layout 81 to 31 ms, but the page then lays out in more steps and the main thread was as
  busy until ready (562 to 675 ms against 568 to 591 ms, two traced loads each).

Issue 17, fifth session. Kept:

- The cost chart's "Your volume" moved in place when only it changed (a volume input within
  the chart's range: the other datasets identical, both points inside their ranges, so the
  scales are the same): its two points take the new values, its controller places them
  (`update("none")` on that dataset alone) and the chart is redrawn (`render()`), with no
  Chart.js layout, which measured every tick label (`templates/app/cost-chart.js`; a
  browser test holds the points to a full update's pixels). Chart.js's share of an input
  3.8 to 1.2 ms warm, 10 to 4 ms in the first five after ready (Chromium's profiler,
  one-off); input to DOM and chart updated p50 12.3 to 8.8 ms, p95 22.3 to 16.6 ms (six
  interleaved runs of the bench's measurement, one-off). The first inputs were slow because
  V8 compiles the engine's hot wasm functions to its top tier on the second core then
  (Chromium's trace: the main thread's result handler 31.7 ms of wall time for 11.5 ms of
  CPU): less work per input is what helps.
- Pyodide's last start-up step without Python source (`sitegen/factory.py`'s
  `CORE_BY_IMPORT` and `OBJECTS_BY_IMPORT`): `import _pyodide_core` through the C import
  instead of `PyRun_SimpleString`, and a new dict, `importlib` and the namespaces of
  `__main__` and `builtins` through `importlib.import_module` instead of `eval_code`, which
  tokenized, parsed and compiled a line for each; `tokenize` is then deferred (the start-up
  hook). Engine ready 1,126 to 1,088 ms (21 interleaved visits, a prototype), then 1,139
  against 1,113 ms (17 visits, the build); a third comparison 1,122 against 1,136 ms (21
  visits): about 20 ms, near the noise.

Tried and dropped (issue 17, fifth session):

- A `metadata.code.compilation_priority` section in the wasm (the compilation hints
  proposal) listing the 2,384 functions the boot compiles lazily, one at a time on the
  worker's thread (123 ms of CPU in Chromium's trace): Chromium 156 ignores the section
  (the same 2,385 lazy compilations), as V8 reads it only behind an experimental flag.
- Pyodide's eval helper (`_pyodide._base`) without its one parse at import: the CPython
  parser runs at start-up anyway, for the 15 named tuples of the standard library (about
  14 ms under Node, one-off); precompiling those as the dataclasses' methods are is left
  for later.

Engine compute per input (`make bench-engine`: `bench/engine_fuzz.py`, pycore's
`compute()` in CPython, CPU time, every remembered result forgotten before each input,
300 scenarios of the expert review's fuzzer, seed 0, against main's pycore in the same run;
every one of the 304 reports byte-identical to main's): median 17.4 to 5.8 ms, p95 2,551
to 16.4 ms, max 3,451 to 43 ms; over 50 ms: 95 to 0. The review's cases: 2,837 to 12 ms
(A10G, Mistral Large, 974 M requests), 210 to 5 ms and 253 to 5 ms (H100, Luna, 10^10 and
10^12), 260 to 11 ms (10^12, scaled to zero). Kept (each exact: same floats):

- Best routed share by branch and bound over the 2,000 hosting steps, runs of steps
  bounded from below along `max_rate_ceiling` (the prefill's limit): at most about 15
  capacity searches instead of 2,000 (a first bound without the ceiling needed up to 68).
- `max_rate`'s bisection replayed (`search.largest_within`): each step's test taken
  from exact values already found on the same side, found by Brent's method from where
  the Halfin-Whitt estimate crosses the target: 13 exact waits on average instead of 40
  (Illinois regula falsi from the whole range needed 26).
- Fleet sizing (`search.smallest`) from the estimate's count, each count tested first
  with bounds on the wait in constant time (`wait_quantile_bounds`, from the Poisson
  mass): 0 to 2 exact waits a fleet; exact waits remembered (`lru_cache`).
- Break-evens: one test of the time to first token per replica count (`serving.serves`),
  from a guess, with "no break-even below 10^12" checked first: 3 tests instead of 13 to
  48.
- The curve and the horizon size only the fleets whose size may change (counts never
  fall as the volume grows: `costs.hosting_costs`) and never their latency
  (`serving.billed_hours`); fleets, profiles and API prices remembered per scenario
  object (`pycore.remember`).

Tried and dropped (engine): the Erlang B integral as chained `map`s and one `reduce`
(same floats): no faster on CPython 3.11 (35 against 44 us, one-off); square-root
staffing as the fleet search's first guess: more estimates, not fewer, with one-slot
replicas; a normal (Halfin-Whitt) approximation of Erlang C in the results: its error
cannot be shown below the display precision, so it only picks where searches start.
"""

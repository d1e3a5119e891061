"""Benchmark the built page against a bare ``loadPyodide()`` page in headless Chromium.

Usage: ``python bench/run.py [--runs N] [--events N] [--out bench/results.json]``.

It builds the site into a temporary folder (timing the build), writes a bare page that only
calls the stock ``loadPyodide()`` of the vendored npm package beside it, serves both from
one local HTTP server and loads each page cold (a new browser context per run) ``--runs``
times, alternating. It writes the figures to ``--out`` (JSON) and a Markdown table to
``--markdown`` (BENCHMARKS.md), and prints the table. The method is described in the
Markdown it writes.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import http.server
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, astuple, dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PROBE = BENCH / "probe.js"
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 720}
MB = 1_000_000
BOOT_TIMEOUT_MS = 30_000
GZIP_LEVEL = 6
BUILDS = 3
OFFLINE_RUNS = 5
BASE_VOLUME = 1_200_000
VOLUME_STEP = 10_000

MIME_TYPES = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".gz": "application/gzip",
    ".svg": "image/svg+xml",
    ".map": "application/json",
}

BARE_HTML = """<!doctype html>
<html lang="en" data-engine="loading">
<head><meta charset="utf-8"><title>Bare loadPyodide()</title></head>
<body>
<h1>Bare loadPyodide() from the npm package</h1>
<script type="module">
import { loadPyodide } from "./pyodide/pyodide.mjs";
const indexURL = new URL("./pyodide/", import.meta.url).href;
loadPyodide({ indexURL }).then(
  () => {
    window.__bareReadyAt = performance.now();
    document.documentElement.dataset.engine = "ready";
  },
  (error) => {
    window.__bareError = String(error);
    document.documentElement.dataset.engine = "failed";
  },
);
</script>
</body>
</html>
"""

# Runs in the page (a function, not a string predicate, so the page's CSP allows it).
READ_TIMES_JS = """() => ({
  fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
  bareReadyAt: window.__bareReadyAt ?? null,
  bench: window.__bench,
})"""

FIRST_RENDER_JS = "() => window.__bench.firstRenderAt"

# app.js draws each chart lazily and marks its canvas data-chart="drawn".
COST_CHART_DRAWN_JS = "() => document.getElementById('cost-chart').dataset.chart === 'drawn'"

RESULTS_PAINT_JS = """() => ({
  fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
  element: window.__bench.elements.find((entry) => entry.identifier === "default-results") ?? null,
})"""

FAILURE_JS = """() => document.querySelector("[data-engine-status]")?.textContent ?? null"""

# Per event: set the volume, dispatch `input`, t1 = the MutationObserver callback that sees
# api_monthly's data-value change (render() draws the chart synchronously before it returns,
# so t1 comes after the chart update), t2 = the next requestAnimationFrame callback.
LATENCY_JS = """async ({ values, timeoutMs }) => {
  const field = document.querySelector("input[name=monthly_inferences]");
  const output = document.querySelector("[data-output=api_monthly]");
  const nextFrame = () =>
    new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const samples = [];
  for (const value of values) {
    const before = output.dataset.value;
    let observer = null;
    let timer = null;
    const updated = new Promise((resolve, reject) => {
      observer = new MutationObserver(() => {
        if (output.dataset.value === before) return;
        const t1 = performance.now();
        clearTimeout(timer);
        observer.disconnect();
        resolve(t1);
      });
      observer.observe(output, { attributes: true, attributeFilter: ["data-value"] });
      timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`no update within ${timeoutMs} ms for volume ${value}`));
      }, timeoutMs);
    });
    field.value = String(value);
    const t0 = performance.now();
    field.dispatchEvent(new Event("input", { bubbles: true }));
    const t1 = await updated;
    const t2 = await nextFrame();
    samples.push({ value, dom: t1 - t0, frame: t2 - t0, text: output.textContent });
    await nextFrame();
  }
  return samples;
}"""


def log(message: str) -> None:
    """Print a progress line at once (the run takes a few minutes)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---- the local server ----


@dataclass
class Served:
    """One request answered by the local server."""

    path: str
    status: int
    size: int
    file: str | None


@dataclass
class RequestLog:
    """Requests seen by the server, thread-safe; cleared before each measured visit."""

    entries: list[Served] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, entry: Served) -> None:
        with self.lock:
            self.entries.append(entry)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()

    def snapshot(self) -> list[Served]:
        with self.lock:
            return list(self.entries)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with correct module and wasm MIME types; records every GET."""

    extensions_map = MIME_TYPES
    request_log: RequestLog

    status = 0

    def send_response(self, code: int, message: str | None = None) -> None:
        self.status = code
        super().send_response(code, message)

    def do_GET(self) -> None:
        source = self.send_head()
        if source is None:  # 404, or 304 for a revalidation within the same context
            self.request_log.add(Served(self.path, self.status, 0, None))
            return
        try:
            path = self.translate_path(self.path)
            size = os.fstat(source.fileno()).st_size
            self.request_log.add(Served(self.path, 200, size, path))
            self.copyfile(source, self.wfile)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser dropped the request (Lighthouse does): nothing to answer
        finally:
            source.close()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the console for progress lines."""


@contextmanager
def serve(root: Path, request_log: RequestLog) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 (a free port) in a thread; yield the base URL."""
    handler = type("BenchHandler", (Handler,), {"request_log": request_log})
    factory = functools.partial(handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), factory)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# ---- preparing the two pages ----


@dataclass
class BuildResult:
    """Timed builds of the site; ``error`` is set when the last build failed."""

    seconds: list[float]
    error: str | None = None


def build_site(out: Path, builds: int) -> BuildResult:
    """Run ``build.py --out OUT`` ``builds`` times, timing each full build."""
    seconds: list[float] = []
    for index in range(builds):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            return BuildResult(seconds, f"build.py exited {done.returncode}: {done.stderr[-800:]}")
        seconds.append(elapsed)
        log(f"build {index + 1}/{builds}: {elapsed:.2f} s")
    return BuildResult(seconds)


def prepare_bare(folder: Path) -> None:
    """Write bare.html and copy the npm package's runtime files beside it."""
    runtime = folder / "pyodide"
    runtime.mkdir(parents=True)
    for source in PYODIDE_PACKAGE.iterdir():
        if source.is_file():
            shutil.copyfile(source, runtime / source.name)
    (folder / "bare.html").write_text(BARE_HTML, encoding="utf-8")


@functools.cache
def gzip_size(path: str) -> int:
    """Size of the file gzip-compressed at level 6 (as a static host would send it)."""
    return len(gzip.compress(Path(path).read_bytes(), compresslevel=GZIP_LEVEL))


# ---- measuring in the browser ----


@dataclass
class Visit:
    """One cold visit: times in ms since navigation start, and what was served until ready."""

    fcp: float | None
    ready: float | None
    results_painted: float | None
    first_render: float | None
    requests: list[Served]
    state: str


@contextmanager
def new_page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh browser context (empty cache), with the probe installed."""
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    context.add_init_script(path=str(PROBE))
    try:
        yield context.new_page()
    finally:
        context.close()


def wait_engine(page: Page) -> str:
    """Wait until <html data-engine> leaves "loading"; return the state it reached."""
    settled = page.locator("html[data-engine=ready], html[data-engine=failed]")
    try:
        expect(settled).to_have_count(1, timeout=BOOT_TIMEOUT_MS)
    except AssertionError:
        return f"still loading after {BOOT_TIMEOUT_MS // 1000} s"
    return page.locator("html").get_attribute("data-engine") or "missing"


def visit(browser: Browser, url: str, request_log: RequestLog, bare: bool) -> Visit:
    """Load ``url`` cold, wait for the engine, and read the page's own timings."""
    with new_page(browser) as page:
        request_log.clear()
        page.goto(url)
        state = wait_engine(page)
        requests = request_log.snapshot()
        if not bare and state == "ready":
            wait_first_render(page)
        times = page.evaluate(READ_TIMES_JS)
    bench = times["bench"]
    ready = times["bareReadyAt"] if bare else bench["readyAt"]
    return Visit(
        fcp=times["fcp"],
        ready=ready if state == "ready" else None,
        results_painted=None if bare else results_paint(bench),
        first_render=bench["firstRenderAt"],
        requests=requests,
        state=state,
    )


def results_paint(bench: dict[str, Any]) -> float | None:
    """Render time of the tagged results, from the probe's Element Timing entries."""
    times = [
        entry["renderTime"] or entry["startTime"]
        for entry in bench["elements"]
        if entry["identifier"] == "default-results"
    ]
    return min(times) if times else None


def wait_first_render(page: Page) -> None:
    """Wait for the engine's first render of the defaults (so the engine is idle)."""
    if poll(page, FIRST_RENDER_JS, lambda value: value is not None) is None:
        raise TimeoutError("the engine never rendered the default scenario")


def measure_results_paint(browser: Browser, url: str, runs: int) -> list[dict[str, Any]]:
    """Cold visits of ``url#analyzer``: when the pre-rendered results are first painted.

    Element Timing only reports what is painted inside the viewport, and the results sit
    below the fold at the top of the page, so these visits open the analyzer's anchor.
    """
    samples: list[dict[str, Any]] = []
    for _ in range(runs):
        with new_page(browser) as page:
            page.goto(f"{url}#analyzer")
            found = poll(page, RESULTS_PAINT_JS, lambda found: found["element"] is not None)
        element = found["element"]
        painted = element and (element["renderTime"] or element["startTime"])
        samples.append({"fcp": found["fcp"], "results_painted": painted})
    return samples


def poll(page: Page, script: str, done: Callable[[Any], bool], timeout: float = 10.0) -> Any:
    """Evaluate ``script`` every 50 ms until ``done`` accepts its value or time runs out."""
    deadline = time.monotonic() + timeout
    value = page.evaluate(script)
    while not done(value) and time.monotonic() < deadline:
        time.sleep(0.05)
        value = page.evaluate(script)
    return value


def measure_latency(browser: Browser, url: str, events: int) -> list[dict[str, Any]]:
    """Time ``events`` input events on the volume field, each to its updated DOM."""
    values = [BASE_VOLUME + VOLUME_STEP * i for i in range(events)]
    with new_page(browser) as page:
        page.goto(url)
        if wait_engine(page) != "ready":
            raise RuntimeError("the engine did not start")
        wait_first_render(page)
        if not poll(page, COST_CHART_DRAWN_JS, bool):
            raise TimeoutError("the cost chart was never drawn")
        samples: list[dict[str, Any]] = page.evaluate(
            LATENCY_JS, {"values": values, "timeoutMs": 5000}
        )
    return samples


def measure_offline(browser: Browser, path: Path, runs: int) -> list[dict[str, Any]]:
    """Boot offline.html from file:// ``runs`` times, with every http(s) request refused."""
    samples: list[dict[str, Any]] = []
    for index in range(runs):
        sample = boot_offline(browser, path)
        samples.append(sample)
        log(f"offline.html {index + 1}/{runs}: {sample['state']}, ready {fmt_ms(sample['ready'])}")
    return samples


def boot_offline(browser: Browser, path: Path) -> dict[str, Any]:
    """One cold boot of offline.html from file://; the reason is kept when it fails."""
    errors: list[str] = []
    with new_page(browser) as page:
        page.context.route("http://**/*", lambda route: route.abort())
        page.context.route("https://**/*", lambda route: route.abort())
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(path.as_uri())
        state = wait_engine(page)
        ready = page.evaluate("() => window.__bench.readyAt") if state == "ready" else None
        reason = None if state == "ready" else page.evaluate(FAILURE_JS)
    return {"state": state, "ready": ready, "reason": reason, "errors": errors[:3]}


# ---- Lighthouse ----


def run_lighthouse(url: str, binary: Path, work: Path) -> dict[str, Any]:
    """Run Lighthouse (default config: mobile, simulated throttling) on ``url``."""
    if not binary.exists():
        shown = binary.relative_to(ROOT) if binary.is_relative_to(ROOT) else binary
        return {"skipped": f"not installed: {shown} missing"}
    report = work / "lighthouse.json"
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        str(binary),
        url,
        f"--chrome-flags={flags}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=240, check=False
        )
    except subprocess.TimeoutExpired:
        return {"skipped": "Lighthouse did not finish within 240 s"}
    if done.returncode != 0 or not report.exists():
        return {"skipped": f"Lighthouse exited {done.returncode}: {done.stderr[-400:]}"}
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {
        name: round(category["score"] * 100) if category["score"] is not None else None
        for name, category in data["categories"].items()
    }
    return {"version": data.get("lighthouseVersion"), "scores": scores}


# ---- figures ----


def median(values: Sequence[float | None]) -> float | None:
    """Median of the measured values (None when nothing was measured)."""
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def percentile(values: Sequence[float], q: int) -> float:
    """The q-th percentile (linear interpolation between closest ranks)."""
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def fmt_ms(value: float | None) -> str:
    """A time in ms for progress lines and the table."""
    return "—" if value is None else f"{value:,.0f} ms"


def fmt_mb(value: float | None) -> str:
    """A size in MB (10^6 bytes)."""
    return "—" if value is None else f"{value / MB:.2f} MB"


def transfer(requests: list[Served]) -> dict[str, Any]:
    """Raw and gzip bytes and file count of the files served in one visit."""
    files = [entry for entry in requests if entry.file is not None]
    return {
        "raw_bytes": sum(entry.size for entry in files),
        "gzip_bytes": sum(gzip_size(entry.file) for entry in files if entry.file),
        "files": len(files),
        "bodiless_responses": [
            f"{entry.path} ({entry.status})" for entry in requests if entry.file is None
        ],
        "by_file": [
            {"path": entry.path, "raw": entry.size, "gzip": gzip_size(entry.file)}
            for entry in files
            if entry.file
        ],
    }


def page_summary(visits: list[Visit]) -> dict[str, Any]:
    """Medians over the cold visits of one page, with every sample kept."""
    return {
        "runs": len(visits),
        "states": [v.state for v in visits],
        "fcp_ms": median([v.fcp for v in visits]),
        "ready_ms": median([v.ready for v in visits]),
        "results_painted_ms": median([v.results_painted for v in visits]),
        "first_render_ms": median([v.first_render for v in visits]),
        "samples": [{k: v for k, v in asdict(one).items() if k != "requests"} for one in visits],
        "first_visit": transfer(visits[0].requests) if visits else None,
        "same_bytes_every_run": len({sum(r.size for r in v.requests) for v in visits}) <= 1,
    }


def latency_summary(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """p50/p95 of input -> DOM updated and input -> next frame."""
    dom = [sample["dom"] for sample in samples]
    frame = [sample["frame"] for sample in samples]
    return {
        "events": len(samples),
        "dom_p50_ms": percentile(dom, 50),
        "dom_p95_ms": percentile(dom, 95),
        "frame_p50_ms": percentile(frame, 50),
        "frame_p95_ms": percentile(frame, 95),
        "samples": samples,
    }


def offline_summary(path: Path, samples: list[dict[str, Any]] | None) -> dict[str, Any]:
    """Size of offline.html (raw and gzip) and its boot time from file://."""
    if samples is None:
        return {"skipped": "not built yet (the build wrote no offline.html)"}
    failures = [sample for sample in samples if sample["ready"] is None]
    return {
        "raw_bytes": path.stat().st_size,
        "gzip_bytes": gzip_size(str(path)),
        "boot_ms": median([sample["ready"] for sample in samples]),
        "failed_runs": len(failures),
        "failure": failures[0]["reason"] if failures else None,
        "samples": samples,
    }


def machine_info(browser_version: str) -> dict[str, Any]:
    """What this run ran on."""
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if "model name" in line),
        platform.processor() or "unknown",
    )
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8").split()
    memory_kb = int(meminfo[meminfo.index("MemTotal:") + 1])
    release = platform.freedesktop_os_release().get("PRETTY_NAME", platform.platform())
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
    pyodide = json.loads((PYODIDE_PACKAGE / "package.json").read_text(encoding="utf-8"))
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "os": f"{release}, Linux {platform.release()}",
        "python": platform.python_version(),
        "node": node.stdout.strip() or "not found",
        "chromium": browser_version,
        "pyodide": pyodide["version"],
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


# ---- the table ----


@dataclass
class Row:
    """One line of the Markdown table."""

    figure: str
    bare: str
    page: str
    target: str
    status: str


def status(value: float | None, ok: Callable[[float], bool], reason: str = "") -> str:
    """'met', 'not met' or why it was not measured."""
    if value is None:
        return f"not measured{f' ({reason})' if reason else ''}"
    return "met" if ok(value) else "**not met**"


def failed_runs(name: str, summary: dict[str, Any]) -> str:
    """'' when every cold run of a page reached ready, else how many did not."""
    failed = [state for state in summary["states"] if state != "ready"]
    return f"{name}: {len(failed)} of {summary['runs']} runs {failed[0]}" if failed else ""


def timing_rows(results: dict[str, Any]) -> list[Row]:
    """FCP, results visible, ready and the ratio."""
    bare, page = results["bare"], results["page"]
    ratio = results["ready_ratio"]
    painted = results["results_paint"]["results_painted_ms"]
    return [
        Row(
            "First contentful paint",
            fmt_ms(bare["fcp_ms"]),
            fmt_ms(page["fcp_ms"]),
            "≤ 300 ms",
            status(page["fcp_ms"], lambda v: v <= 300),
        ),
        Row(
            "Default results painted, in view (`#analyzer`, Element Timing)",
            "n/a",
            fmt_ms(painted),
            "— (≈ FCP)",
            "info" if painted is not None else "not measured",
        ),
        Row(
            "Default results painted, page top (below the fold)",
            "n/a",
            fmt_ms(page["results_painted_ms"]),
            "— (≈ FCP)",
            "info" if page["results_painted_ms"] is not None else "not measured",
        ),
        Row(
            "Engine ready (`data-engine=ready`)",
            fmt_ms(bare["ready_ms"]),
            fmt_ms(page["ready_ms"]),
            "—",
            "; ".join(filter(None, (failed_runs(n, results[n]) for n in ("bare", "page"))))
            or "info",
        ),
        Row(
            "Ready ratio b/a",
            "",
            "—" if ratio is None else f"{ratio:.2f}",
            "≤ 0.45",
            status(ratio, lambda v: v <= 0.45),
        ),
    ]


def latency_rows(results: dict[str, Any]) -> list[Row]:
    """Input-to-update latency."""
    latency = results["latency"]
    if "error" in latency:
        return [
            Row("Input → update", "n/a", "—", "p95 ≤ 16 ms", f"not measured ({latency['error']})")
        ]
    events = latency["events"]
    # The page updates the DOM and redraws the chart in the same task (app.js render());
    # the mutation observer fires after that task, so "DOM updated" includes the chart.
    return [
        Row(
            f"Input → DOM and chart updated, p50 ({events} events)",
            "n/a",
            fmt_ms2(latency["dom_p50_ms"]),
            "—",
            "info",
        ),
        Row(
            f"Input → DOM and chart updated, p95 ({events} events)",
            "n/a",
            fmt_ms2(latency["dom_p95_ms"]),
            "≤ 16 ms",
            status(latency["dom_p95_ms"], lambda v: v <= 16),
        ),
        Row(
            "Input → next frame painted, p50",
            "n/a",
            fmt_ms2(latency["frame_p50_ms"]),
            "—",
            "info",
        ),
        Row(
            "Input → next frame painted, p95",
            "n/a",
            fmt_ms2(latency["frame_p95_ms"]),
            "—",
            "info (adds up to one frame, 16.7 ms, of waiting)",
        ),
    ]


def fmt_ms2(value: float | None) -> str:
    """A short time with one decimal."""
    return "—" if value is None else f"{value:.1f} ms"


def bytes_rows(results: dict[str, Any]) -> list[Row]:
    """First-visit transfer of both pages."""
    bare = results["bare"]["first_visit"] or {}
    page = results["page"]["first_visit"] or {}
    gzip_page = page.get("gzip_bytes")
    return [
        Row(
            "First visit until ready, raw",
            fmt_mb(bare.get("raw_bytes")),
            fmt_mb(page.get("raw_bytes")),
            "—",
            "info",
        ),
        Row(
            "First visit until ready, gzip -6",
            fmt_mb(bare.get("gzip_bytes")),
            fmt_mb(gzip_page),
            "≤ 5.00 MB",
            status(gzip_page, lambda v: v <= 5 * MB),
        ),
        Row(
            "First visit until ready, files",
            str(bare.get("files", "—")),
            str(page.get("files", "—")),
            "—",
            "info",
        ),
    ]


def offline_rows(results: dict[str, Any]) -> list[Row]:
    """offline.html size and boot."""
    offline = results["offline"]
    if "skipped" in offline:
        note = offline["skipped"]
        return [
            Row("offline.html size", "n/a", "—", "≤ 7 MB", f"not measured ({note})"),
            Row(
                "offline.html boot from file://",
                "n/a",
                "—",
                "≤ 1.5 x served ready",
                f"not measured ({note})",
            ),
        ]
    ready = results["page"]["ready_ms"]
    limit = 1.5 * ready if ready is not None else None
    boot = offline["boot_ms"] if limit is not None else None
    failed = offline["failed_runs"]
    reason = f"{failed} of {len(offline['samples'])} boots failed: {offline['failure']}"
    return [
        Row(
            "offline.html size (raw / gzip)",
            "n/a",
            f"{fmt_mb(offline['raw_bytes'])} / {fmt_mb(offline['gzip_bytes'])}",
            "≤ 7 MB (raw)",
            status(offline["raw_bytes"], lambda v: v <= 7 * MB),
        ),
        Row(
            "offline.html boot from file://",
            "n/a",
            fmt_ms(boot),
            f"≤ 1.5 x served ready ({fmt_ms(limit)})",
            status(boot, lambda v: v <= (limit or 0), reason if failed else "")
            + (f"; {reason}" if failed and boot is not None else ""),
        ),
    ]


def build_rows(results: dict[str, Any]) -> list[Row]:
    """Build time and Lighthouse."""
    build = results["build"]
    rows = [
        Row(
            f"Full build (`build.py`, median of {len(build['seconds'])})",
            "n/a",
            "—" if build["median_s"] is None else f"{build['median_s']:.2f} s",
            "≤ 3 s",
            status(build["median_s"], lambda v: v <= 3, build.get("error") or ""),
        )
    ]
    lighthouse = results["lighthouse"]
    targets = {"performance": 95.0, "accessibility": 100.0, "best-practices": 100.0, "seo": 100.0}
    for name, target in targets.items():
        score = lighthouse.get("scores", {}).get(name)
        reason = lighthouse.get("skipped", "")
        rows.append(
            Row(
                f"Lighthouse {name}",
                "n/a",
                "—" if score is None else str(score),
                f"≥ {target:.0f}" if target < 100 else "100",
                status(score, target.__le__, reason),
            )
        )
    return rows


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table(results: dict[str, Any]) -> str:
    """The comparison table."""
    rows = [
        *timing_rows(results),
        *latency_rows(results),
        *bytes_rows(results),
        *offline_rows(results),
        *build_rows(results),
    ]
    lines = [
        "| Figure | (a) bare `loadPyodide()` | (b) this page | Target | Status |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    lines += ["| " + " | ".join(map(cell, astuple(row))) + " |" for row in rows]
    return "\n".join(lines)


def markdown_machine(machine: dict[str, Any]) -> str:
    """The machine description as a list."""
    return "\n".join(f"- **{key.replace('_', ' ')}**: {value}" for key, value in machine.items())


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
- **Input latency** (b only): after ready, the engine's first render of the defaults and
  the cost chart's drawing (app.js draws charts lazily: in idle time after ready when
  the page opens at the top, as here), a function run in the page sets
  `input[name=monthly_inferences]` to a new value (each one different), takes t0,
  dispatches an `input` event, and a MutationObserver on `[data-output=api_monthly]`'s
  `data-value` takes t1 when the value changes. `render()`
  updates the Chart.js chart synchronously (`update("none")`, no animation) before the
  observer's callback runs, so t1 includes the chart; t2 is the next
  `requestAnimationFrame` callback, a bound for the frame that shows it. Events are
  sequential (each waits for its update and one more frame). p50/p95 use linear
  interpolation.
- **First-visit bytes**: every file the server sent from navigation until
  `data-engine=ready` in the first cold visit (recorded by the server, so the worker's
  fetches count too; HTTP headers and bodiless 304/404 answers excluded), raw and each
  body compressed with Python's
  `gzip` at level 6. Assumption: GitHub Pages gzips text types and also `.wasm`
  (`application/wasm`) on the fly; a public report of a Pages deployment observed
  `content-encoding: gzip` on wasm (maxence-charriere/go-app#866). The page's Python
  library (`.tar.gz`) and the stock stdlib `.zip` are already compressed, so gzip barely
  changes them either way. MB = 10^6 bytes.
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
  it is Emscripten's library code.
- `<link rel=preload>` of the wasm in the page: the worker does not share the page's
  preload cache, so it would download twice.
"""


def markdown_document(results: dict[str, Any]) -> str:
    """BENCHMARKS.md."""
    settings = results["settings"]
    return (
        "\n\n".join(
            [
                "# Benchmarks",
                "Generated by `make bench` (`python bench/run.py`); do not edit by hand. "
                f"Cold runs per page: {settings['runs']}; input events: {settings['events']}.",
                "## Results",
                markdown_table(results),
                "## Machine",
                markdown_machine(results["machine"]),
                METHOD.rstrip(),
                LEVERS.rstrip(),
                COMMANDS.rstrip(),
            ]
        )
        + "\n"
    )


# ---- the run ----


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold runs per page (at least 5)")
    parser.add_argument("--events", type=int, default=60, help="input events (at least 50)")
    parser.add_argument("--out", type=Path, default=BENCH / "results.json", help="JSON output")
    parser.add_argument("--markdown", type=Path, default=ROOT / "BENCHMARKS.md", help="table")
    parser.add_argument("--lighthouse", type=Path, default=LIGHTHOUSE, help="lighthouse binary")
    args = parser.parse_args(argv)
    if args.runs < 5 or args.events < 50:
        parser.error("--runs must be at least 5 and --events at least 50")
    return args


def measure_pages(
    browser: Browser, base: str, request_log: RequestLog, runs: int
) -> tuple[list[Visit], list[Visit]]:
    """Alternate cold visits of the bare page and the site."""
    bare: list[Visit] = []
    page: list[Visit] = []
    for index in range(runs):
        for name, url, sink in (
            ("bare", f"{base}/bare/bare.html", bare),
            ("page", f"{base}/site/index.html", page),
        ):
            one = visit(browser, url, request_log, bare=name == "bare")
            sink.append(one)
            log(
                f"run {index + 1}/{runs} {name}: {one.state}, FCP {fmt_ms(one.fcp)}, "
                f"ready {fmt_ms(one.ready)}"
            )
    return bare, page


def measure_all(args: argparse.Namespace, work: Path, build: BuildResult) -> dict[str, Any]:
    """Everything measured in the browser, plus Lighthouse, on the prepared folder."""
    load_start = os.getloadavg()[0]
    request_log = RequestLog()
    offline_path = work / "site" / "offline.html"
    with serve(work, request_log) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        log(f"serving {work} on {base}; Chromium {browser.version}")
        bare, page = measure_pages(browser, base, request_log, args.runs)
        log(f"input latency: {args.events} events")
        try:
            latency = latency_summary(measure_latency(browser, f"{base}/site/", args.events))
        except Exception as error:  # reported as not measured
            latency = {"error": str(error).splitlines()[0]}
        log(f"default results painted: {args.runs} cold visits of index.html#analyzer")
        paint = measure_results_paint(browser, f"{base}/site/index.html", args.runs)
        offline_times = None
        if offline_path.exists():
            offline_times = measure_offline(browser, offline_path, OFFLINE_RUNS)
        else:
            log("offline.html: not built yet, skipped")
        machine = machine_info(browser.version)
        browser.close()
        log("Lighthouse")
        lighthouse = run_lighthouse(f"{base}/site/index.html", args.lighthouse, work)
    bare_summary, page_summary_ = page_summary(bare), page_summary(page)
    ready_a, ready_b = bare_summary["ready_ms"], page_summary_["ready_ms"]
    return {
        "machine": {
            **machine,
            "load_average_1min": f"{load_start:.2f} at start, {os.getloadavg()[0]:.2f} at end",
        },
        "settings": {"runs": args.runs, "events": args.events, "viewport": VIEWPORT},
        "bare": bare_summary,
        "page": page_summary_,
        "ready_ratio": ready_b / ready_a if ready_a and ready_b else None,
        "latency": latency,
        "results_paint": {
            "url": "site/index.html#analyzer",
            "fcp_ms": median([sample["fcp"] for sample in paint]),
            "results_painted_ms": median([sample["results_painted"] for sample in paint]),
            "samples": paint,
        },
        "offline": offline_summary(offline_path, offline_times),
        "build": {**asdict(build), "median_s": median(build.seconds)},
        "lighthouse": lighthouse,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit code (0 when every figure was written)."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        work = Path(temp)
        log(f"building the site {BUILDS} times into {work / 'site'}")
        build = build_site(work / "site", BUILDS)
        if build.error is not None:
            log(f"build failed: {build.error}")
            return 1
        prepare_bare(work / "bare")
        results = measure_all(args, work, build)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    args.markdown.write_text(markdown_document(results), encoding="utf-8")
    log(f"wrote {args.out} and {args.markdown}")
    print(markdown_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

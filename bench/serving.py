"""Serving what the bench visits: the site built (and timed) by build.py, the bare
``loadPyodide()`` page beside it, and a local server that records every file it sends.

Uses ``figures`` (progress lines).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.figures import log

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"

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


@dataclass
class Served:
    """One request answered by the local server; ``at``: when it arrived, in ms since the
    Unix epoch (the page's ``performance.timeOrigin`` uses the same clock)."""

    path: str
    status: int
    size: int
    file: str | None
    at: float = 0.0


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
        arrived = time.time() * 1000
        source = self.send_head()
        if source is None:  # 404, or 304 for a revalidation within the same context
            self.request_log.add(Served(self.path, self.status, 0, None, arrived))
            return
        try:
            path = self.translate_path(self.path)
            size = os.fstat(source.fileno()).st_size
            self.request_log.add(Served(self.path, 200, size, path, arrived))
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

"""``make serve``: serve site/, rebuild when a source changes, and reload the browser.

Uses ``layout``; the build itself comes in as a function (``rebuild``), so this module
does not import build.py. Browsers built with ``dev`` load dev-reload.js, which listens on
the ``__reload`` event stream served here: ``data: reload`` after a good rebuild, and an
event ``problems`` whose data is ``{"problems": [line, ...]}`` after a failed one (and on
connecting while the last build failed), which the script shows in an overlay.
"""

from __future__ import annotations

import importlib
import json
import signal
import sys
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import watchfiles

from sitegen.layout import PYCORE, TOOLS


class ReloadChannel:
    """Counts rebuilds and keeps the last one's problems; the event stream waits on it."""

    def __init__(self) -> None:
        self.version = 0
        self.problems: list[str] = []
        self.changed = threading.Condition()

    def bump(self, problems: list[str] | None = None) -> None:
        """Record a rebuild (failed when it has ``problems``) and wake every browser."""
        with self.changed:
            self.version += 1
            self.problems = list(problems or [])
            self.changed.notify_all()

    def current(self) -> tuple[int, list[str]]:
        """Return the version and the last rebuild's problems."""
        with self.changed:
            return self.version, self.problems

    def wait(self, seen: int, timeout: float) -> tuple[int, list[str]]:
        """Wait until the version passes ``seen`` (or ``timeout`` seconds); return it and
        the last rebuild's problems."""
        with self.changed:
            self.changed.wait_for(lambda: self.version > seen, timeout=timeout)
            return self.version, self.problems


def event(problems: list[str]) -> bytes:
    """The event-stream message for a rebuild: reload, or the problems that stopped it."""
    if not problems:
        return b"data: reload\n\n"
    return b"event: problems\ndata: " + json.dumps({"problems": problems}).encode() + b"\n\n"


def dev_handler(out_dir: Path, channel: ReloadChannel) -> type[SimpleHTTPRequestHandler]:
    """Make a request handler serving ``out_dir`` plus the ``__reload`` event stream."""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(out_dir), **kwargs)

        def do_GET(self) -> None:
            if self.path.split("?")[0].endswith("/__reload"):
                self.stream_reloads()
            else:
                super().do_GET()

        def stream_reloads(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen, problems = channel.current()
            try:
                if problems:  # the page is the last good build: say why it is not newer
                    self.wfile.write(event(problems))
                    self.wfile.flush()
                while True:
                    version, problems = channel.wait(seen, timeout=15)
                    self.wfile.write(event(problems) if version > seen else b": keep-alive\n\n")
                    self.wfile.flush()
                    seen = version
            except (BrokenPipeError, ConnectionResetError):
                return

        def log_message(self, format: str, *args: Any) -> None:
            del format, args  # keep the terminal for build output

    return Handler


def serve(
    rebuild: Callable[[bool], list[str]],
    out_dir: Path,
    sources: list[Path],
    host: str,
    port: int,
) -> int:
    """Build, serve ``out_dir`` on ``host:port``, and rebuild and reload on every change.

    ``rebuild(dev)`` builds the site once and returns the problems that stopped it (none
    on success); ``sources`` are the folders watched besides pycore/ and tools/. On Ctrl-C
    (or SIGTERM) the site is built once more without the live-reload script; the exit
    status is returned (1 if that build failed).
    """
    channel = ReloadChannel()
    problems = rebuild(True)
    if problems:
        print("serve: fix the problems above; watching for changes", file=sys.stderr)
        channel.bump(problems)
    server = ThreadingHTTPServer((host, port), dev_handler(out_dir, channel))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serve: http://{host}:{server.server_port}/ (Ctrl-C to stop)", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        for changes in watchfiles.watch(*sources, PYCORE, TOOLS, raise_interrupt=True):
            names = sorted({Path(path).name for _, path in changes})
            print(f"serve: changed {', '.join(names)}; rebuilding", flush=True)
            reload_pycore()
            channel.bump(rebuild(True))
    except KeyboardInterrupt:
        print("serve: stopping; rebuilding site/ without the live-reload script", flush=True)
    finally:
        server.shutdown()
    return 1 if rebuild(False) else 0


def reload_pycore() -> None:
    """Re-import pycore from scratch so the next build pre-renders with the edited model.

    Every module of this package refers to it as ``pycore.NAME``; each one's ``pycore``
    is pointed at the fresh import.
    """
    for name in [name for name in sys.modules if name.split(".")[0] == "pycore"]:
        del sys.modules[name]
    fresh = importlib.import_module("pycore")
    for name, module in list(sys.modules.items()):
        if name.startswith("sitegen.") and isinstance(vars(module).get("pycore"), ModuleType):
            module.pycore = fresh  # type: ignore[attr-defined]

"""Shared fixtures: the built site, a local server for it, and the browser set-up.

``site_dir`` builds the site once per session; ``site_url`` serves it on 127.0.0.1.
Browser tests (marked ``browser``) run Debian's Chromium when it is installed, since
Playwright cannot download its own browsers here, and ``page_errors`` fails a test whose
page logs a console error, throws, or requests anything outside the local site.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - needs the root on sys.path


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once per session into a temporary folder and return that folder."""
    import build  # noqa: PLC0415 - imported late so sys.path holds the repo root

    path = tmp_path_factory.mktemp("site") / "site"
    assert build.main(["--out", str(path)]) == 0, "build.main failed; see captured output"
    assert (path / "index.html").is_file()
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        del format, args


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 (a free port) and yield its base URL, ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium when present, with flags that keep it quiet and offline."""
    args = {**browser_type_launch_args}
    if Path(CHROMIUM).exists():
        args["executable_path"] = CHROMIUM
    args["args"] = [*args.get("args", []), *CHROMIUM_ARGS]
    return args


@dataclass
class PageWatch:
    """What went wrong on the watched pages: console errors, uncaught errors, foreign requests."""

    site_url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    _contexts: list[Any] = field(default_factory=list, repr=False)

    def attach(self, page: Any) -> Any:
        """Watch ``page`` (and its context, so workers count too); return the page."""
        context = page.context
        if all(seen is not context for seen in self._contexts):
            self._contexts.append(context)
            context.on("console", self._on_console)
            context.on("request", self._on_request)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        return page

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            where = message.location or {}
            self.console_errors.append(f"{message.text} ({where.get('url', '?')})")

    def _on_request(self, request: Any) -> None:
        if not request.url.startswith(self.site_url):
            self.foreign_requests.append(f"{request.method} {request.url}")

    def problems(self) -> str:
        """Describe everything recorded, or return '' when the pages were clean."""
        parts = []
        for title, items in (
            ("console errors", self.console_errors),
            ("page errors", self.page_errors),
            ("requests outside the site", self.foreign_requests),
        ):
            if items:
                parts.append(f"{title} ({len(items)}):\n  " + "\n  ".join(items))
        return "\n".join(parts)


@pytest.fixture
def page_errors(page: Any, site_url: str) -> Iterator[PageWatch]:
    """Record console errors, page errors and off-site requests of ``page``; fail if any.

    Tests that open more pages (other contexts) can watch them too with
    ``page_errors.attach(other_page)``.
    """
    watch = PageWatch(site_url)
    watch.attach(page)
    yield watch
    problems = watch.problems()
    assert not problems, f"the page misbehaved:\n{problems}"

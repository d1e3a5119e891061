"""Cold visits in headless Chromium: the probe, the page's own timings and offline.html's
boot from file://.

Uses ``figures`` and ``serving`` (the request log). bench/probe.js, added as an init
script, records the page's times into ``window.__bench``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from bench.figures import fmt_ms, log
from bench.serving import RequestLog, Served

PROBE = Path(__file__).resolve().parent / "probe.js"
VIEWPORT = {"width": 1280, "height": 720}
BOOT_TIMEOUT_MS = 30_000

# Runs in the page (a function, not a string predicate, so the page's CSP allows it).
READ_TIMES_JS = """() => ({
  fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
  bareReadyAt: window.__bareReadyAt ?? null,
  timeOrigin: performance.timeOrigin,
  bench: window.__bench,
})"""

FIRST_RENDER_JS = "() => window.__bench.firstRenderAt"

RESULTS_PAINT_JS = """() => ({
  fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
  element: window.__bench.elements.find((entry) => entry.identifier === "default-results") ?? null,
})"""

FAILURE_JS = """() => document.querySelector("[data-engine-status]")?.textContent ?? null"""


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
    if ready is not None:  # the files asked for until ready, not while Playwright looked
        requests = [served for served in requests if served.at <= times["timeOrigin"] + ready]
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

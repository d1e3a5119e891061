"""The page when the in-browser engine cannot start: it says so and keeps the build's numbers.

Pyodide's files are fetched by the Web Worker. Playwright's ``page.route`` sees only the
page's own requests; ``context.route`` (on ``page.context``) also sees a dedicated worker's
fetches in Chromium, which :func:`test_context_route_sees_worker_fetches` checks first, so
the other tests can break the runtime on the wire. These tests cause failures on purpose, so
they collect console messages themselves instead of using ``page_errors``: the only console
errors allowed are the failed loads of the file a test broke.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from pagehelpers import READY_TIMEOUT_MS, output
from playwright.sync_api import BrowserContext, Page, Route, expect

pytestmark = pytest.mark.browser

FAIL_TIMEOUT_MS = 20_000
MINUS = "\u2212"
DEFAULTS = {
    "api_monthly": ("2000", "$2,000"),
    "finetuned_monthly": ("3000", "$3,000"),
    "monthly_savings": ("-1000", f"{MINUS}$1,000"),
    "breakeven_inferences": ("1500000", "1,500,000"),
}


@dataclass
class Watch:
    """Console errors, uncaught page errors, off-site requests and routed URLs of one page."""

    site_url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    routed: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        """Start watching ``page`` and its context (so the worker counts too)."""
        page.context.on("console", self._console)
        page.context.on("request", self._request)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _request(self, request: Any) -> None:
        if not request.url.startswith(self.site_url):
            self.foreign.append(request.url)

    def assert_only_expected_errors(
        self, allowed: Callable[[str], bool], page_errors: tuple[str, ...] = ()
    ) -> None:
        """Fail on an off-site request, a console error ``allowed`` rejects, or a page error
        not listed in ``page_errors``."""
        unexpected_page_errors = [text for text in self.page_errors if text not in page_errors]
        assert not unexpected_page_errors, unexpected_page_errors
        assert not self.foreign, self.foreign
        unexpected = [text for text in self.console_errors if not allowed(text)]
        assert not unexpected, f"unexpected console errors: {unexpected}"


#: The uncaught error Pyodide leaves in the worker when the wasm fetch fails; its own
#: strict test is :func:`test_aborted_wasm_fails_at_once_with_the_real_reason`.
WASM_FETCH_ERROR = ("Failed to fetch",)


def failed_load(text: str) -> bool:
    """Tell whether a console error is Chromium's note of a resource that failed to load."""
    return text.startswith("Failed to load resource")


def watch(page: Page, site_url: str) -> Watch:
    """Watch ``page`` for errors and return the record."""
    record = Watch(site_url)
    record.attach(page)
    return record


def route(
    context: BrowserContext, pattern: str, record: Watch, handler: Callable[[Route], None]
) -> None:
    """Route ``pattern`` on the whole context (worker requests included), noting each hit."""

    def on_route(route: Route) -> None:
        record.routed.append(route.request.url)
        handler(route)

    context.route(pattern, on_route)


def abort(route: Route) -> None:
    """Fail the request as a network error."""
    route.abort()


def not_wasm(route: Route) -> None:
    """Answer with a 200 that is not WebAssembly and has the wrong MIME type."""
    route.fulfill(status=200, body=b"not wasm", content_type="text/plain")


def expect_failed_with_defaults(page: Page) -> float:
    """Wait for data-engine=failed; check the defaults, status line and paused inputs.

    Returns the seconds from the call until the page said it failed.
    """
    start = time.monotonic()
    expect(page.locator("html")).to_have_attribute("data-engine", "failed", timeout=FAIL_TIMEOUT_MS)
    elapsed = time.monotonic() - start
    for name, (raw, text) in DEFAULTS.items():
        expect(output(page, name)).to_have_attribute("data-value", raw)
        expect(output(page, name)).to_have_text(text)
    status = page.locator("[data-engine-status]")
    expect(status).to_be_visible()
    expect(status).to_contain_text("The in-browser engine could not start (")
    expect(status).to_contain_text("The numbers shown are the defaults")
    expect(status).to_contain_text("the inputs are paused")
    for name in ("monthly_inferences", "api_cost_per_1k", "hosting_monthly"):
        expect(page.locator(f"input[name={name}]")).to_be_disabled()
        expect(page.locator(f"input[type=range][data-param={name}]")).to_be_disabled()
    for control in page.locator("[data-needs-engine]").all():
        expect(control).to_be_disabled()
    text = page.evaluate("() => document.body.innerText")
    for bad in ("NaN", "Infinity", "undefined"):
        assert bad not in text
    return elapsed


def test_context_route_sees_worker_fetches(page: Page, site_url: str) -> None:
    """A context route intercepts the worker's fetches of the wasm and of the Python library."""
    record = watch(page, site_url)
    route(page.context, "**/pyodide.asm.wasm.gz", record, lambda r: r.continue_())
    route(page.context, "**/python_stdlib.tar.gz", record, lambda r: r.continue_())
    page.goto(site_url)
    expect(page.locator("html")).to_have_attribute("data-engine", "ready", timeout=READY_TIMEOUT_MS)
    assert any(url.endswith("/vendor/pyodide/pyodide.asm.wasm.gz") for url in record.routed)
    assert any(url.endswith("/python_stdlib.tar.gz") for url in record.routed)
    record.assert_only_expected_errors(lambda text: False)


def test_aborted_wasm_fails_visibly_with_defaults(page: Page, site_url: str) -> None:
    """With the wasm blocked the page turns failed, keeps the build's numbers and says why."""
    record = watch(page, site_url)
    route(page.context, "**/pyodide.asm.wasm.gz", record, abort)
    page.goto(site_url)
    expect_failed_with_defaults(page)
    assert record.routed, "the wasm request was never intercepted"
    expect(page.locator("input[name=monthly_inferences]")).to_have_value("1000000")
    record.assert_only_expected_errors(failed_load, WASM_FETCH_ERROR)


def test_aborted_wasm_fails_at_once_with_the_real_reason(page: Page, site_url: str) -> None:
    """A blocked wasm fails the engine at once, naming the network error, with no uncaught error.

    Pyodide 314 rejects the wasm fetch inside its own set-up, outside the promise
    loadPyodide returns: the error goes uncaught in the worker and loadPyodide never
    settles, so today the page waits the whole 15 s boot timeout and then blames slowness.
    """
    record = watch(page, site_url)
    route(page.context, "**/pyodide.asm.wasm.gz", record, abort)
    page.goto(site_url)
    elapsed = expect_failed_with_defaults(page)
    status = page.locator("[data-engine-status]")
    assert "longer than 15 seconds" not in status.inner_text(), status.inner_text()
    expect(status).to_contain_text("Failed to fetch")
    assert elapsed < 10, f"took {elapsed:.1f} s to report a failure known at once"
    record.assert_only_expected_errors(failed_load)


def test_non_wasm_response_fails_within_20_seconds(page: Page, site_url: str) -> None:
    """A 200 text/plain answer instead of the wasm's .gz ends in failed at once, naming the
    MIME type: its first bytes are neither gzip nor WebAssembly."""
    record = watch(page, site_url)
    route(page.context, "**/pyodide.asm.wasm.gz", record, not_wasm)
    start = time.monotonic()
    page.goto(site_url)
    expect_failed_with_defaults(page)
    elapsed = time.monotonic() - start
    assert record.routed, "the wasm request was never intercepted"
    assert elapsed <= 10, f"took {elapsed:.1f} s to say the engine failed"
    # Pyodide would catch a compile error and hang; the worker checks the bytes first.
    expect(page.locator("[data-engine-status]")).to_contain_text(
        "pyodide.asm.wasm.gz was served as text/plain and is neither gzip nor WebAssembly"
    )
    record.assert_only_expected_errors(failed_load)


def test_aborted_python_library_fails_visibly(page: Page, site_url: str) -> None:
    """With the Python library (stdlib and pycore) blocked the page fails with the defaults."""
    record = watch(page, site_url)
    route(page.context, "**/python_stdlib.tar.gz", record, abort)
    page.goto(site_url)
    expect_failed_with_defaults(page)
    assert record.routed, "the python_stdlib.tar.gz request was never intercepted"
    expect(page.locator("[data-engine-status]")).to_contain_text(
        "(python_stdlib.tar.gz: Failed to fetch)"
    )
    record.assert_only_expected_errors(failed_load)


def test_failed_engine_with_scenario_shows_the_defaults_it_computed(
    page: Page, site_url: str
) -> None:
    """A link's scenario that cannot be computed leaves the fields on the defaults shown."""
    record = watch(page, site_url)
    route(page.context, "**/pyodide.asm.wasm.gz", record, abort)
    page.goto(f"{site_url}?monthly_inferences=10000000")
    expect_failed_with_defaults(page)
    expect(page.locator("input[name=monthly_inferences]")).to_have_value("1000000")
    expect(page.locator("input[name=api_cost_per_1k]")).to_have_value("2")
    expect(page.locator("input[name=hosting_monthly]")).to_have_value("3000")
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "2000")
    expect(output(page, "api_monthly")).to_have_text("$2,000")
    summary = page.locator("[data-output-summary]")
    expect(summary).to_contain_text("At 1,000,000 requests a month")
    record.assert_only_expected_errors(failed_load, WASM_FETCH_ERROR)


def test_blocked_chart_library_leaves_the_tables(page: Page, site_url: str) -> None:
    """Without Chart.js the engine still works; the charts are marked failed, the tables
    under them keep the figures, and nothing is thrown."""
    record = watch(page, site_url)
    route(page.context, "**/vendor/chart.umd.min.js", record, abort)
    page.goto(f"{site_url}#analyzer")
    expect(page.locator("html")).to_have_attribute("data-engine", "ready", timeout=READY_TIMEOUT_MS)
    expect(page.locator("#cost-chart")).to_have_attribute("data-chart", "failed")
    page.locator("input[name=monthly_inferences]").fill("10000000")
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "20000")
    expect(page.locator("[data-curve-table]")).to_contain_text("$20,000")
    assert record.routed, "the Chart.js request was never intercepted"
    record.assert_only_expected_errors(failed_load)


def stall(route: Route) -> None:
    """Never answer: the request hangs until the page gives up on it."""


@pytest.mark.parametrize("broken", [abort, stall], ids=["blocked", "stalled"])
def test_missing_detailed_inputs_leave_the_simple_view(
    page: Page, site_url: str, broken: Callable[[Route], None]
) -> None:
    """Without detailed-inputs.html (a copy of index.html alone, a blocked request, one
    that never answers: given up after 10 s) the simple view still computes; the page
    says why the detailed view is missing, disables its switch, and a link asking for
    that view gets the simple one."""
    record = watch(page, site_url)
    route(page.context, "**/detailed-inputs.html", record, broken)
    page.goto(f"{site_url}?view=detailed&monthly_inferences=10000000#analyzer")
    expect(page.locator("html")).to_have_attribute("data-engine", "ready", timeout=READY_TIMEOUT_MS)
    assert record.routed, "the detailed inputs' request was never intercepted"
    slot = page.locator("[data-detailed-inputs]")
    expect(slot).to_be_visible()
    expect(slot).to_contain_text("detailed view's inputs could not be loaded")
    expect(page.locator("[data-view-switch][value=detailed]")).to_be_disabled()
    expect(page.locator("form[data-analyzer]")).to_have_attribute("data-view", "simple")
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "20000")
    page.locator("input[name=hosting_monthly]").fill("5000")
    expect(output(page, "finetuned_monthly")).to_have_attribute("data-value", "5000")
    assert page.locator("input[name=gpu_hourly]").count() == 0
    record.assert_only_expected_errors(failed_load)

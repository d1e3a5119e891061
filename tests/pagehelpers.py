"""Helpers shared by the browser tests: locating the page contract and waiting for the engine."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

#: Generous: a cold Pyodide boot on a busy 2-core machine.
READY_TIMEOUT_MS = 30_000


def wait_ready(page: Page) -> None:
    """Wait until the in-browser engine says it is ready (``html[data-engine=ready]``)."""
    expect(page.locator("html")).to_have_attribute("data-engine", "ready", timeout=READY_TIMEOUT_MS)


def output(page: Page, name: str) -> Locator:
    """Return the locator of result ``name`` (``[data-output=NAME]``)."""
    return page.locator(f"[data-output={name}]")


def field(page: Page, name: str) -> Locator:
    """Return the locator of the number field of parameter ``name`` (``input[name=NAME]``)."""
    return page.locator(f"input[name={name}]")


def wait_chart(page: Page, canvas_id: str) -> None:
    """Bring chart ``canvas_id`` into view and wait until app.js has drawn it.

    Charts are drawn lazily (when near the viewport, or in idle time after a switch to the
    detailed view); a drawn chart's canvas has ``data-chart="drawn"``.
    """
    canvas = page.locator(f"#{canvas_id}")
    canvas.scroll_into_view_if_needed()
    expect(canvas).to_have_attribute("data-chart", "drawn", timeout=READY_TIMEOUT_MS)


def open_group(page: Page, name: str) -> None:
    """Open the group of inputs (a ``<details>``, some closed at first) holding field ``name``,
    as a reader would, by its summary; nothing happens when it is open already."""
    closed = page.locator(f"details.group:not([open]):has(input[name={name}]) > summary")
    if closed.count():
        closed.click()
    expect(field(page, name)).to_be_visible()

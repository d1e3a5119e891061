"""Chromium as the tests and the bench launch it: Debian's browser and its flags.

Uses nothing. Playwright cannot download its own browsers here, so both launch
/usr/bin/chromium with these flags (tests/conftest.py, bench/visits.py, Lighthouse).
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
#: Flags that keep the browser quiet and offline: no sandbox (root), no GPU, no
#: background requests or component updates, no first-run pages.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

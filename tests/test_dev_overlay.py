"""`make serve` shows a content error in the browser, not only in the terminal.

The dev server's reload channel carries the problems of a failed rebuild; the dev reload
script lists them in an overlay, which a good rebuild clears (the page reloads).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[1]
REBUILD_TIMEOUT_MS = 60_000


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Run `build.py --serve` on a copy of content/; yield its URL and the copy."""
    content = Path(shutil.copytree(ROOT / "content", tmp_path / "content"))
    process = subprocess.Popen(
        [
            sys.executable,
            "build.py",
            "--serve",
            "--port",
            "0",
            "--content",
            str(content),
            "--out",
            str(tmp_path / "site"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = ""
        deadline = time.monotonic() + 60
        while not url and time.monotonic() < deadline:
            match = re.search(r"serve: (http://\S+/)", process.stdout.readline())
            url = match.group(1) if match else ""
        assert url, "the dev server did not print its URL"
        yield url, content
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.browser
def test_content_error_shows_in_the_browser(
    page: Page, new_context: Any, dev_server: tuple[str, Path]
) -> None:
    """A content error under `make serve` shows in an overlay naming the file and line; a page
    opened while the build is broken shows it too; a good rebuild clears it."""
    url, content = dev_server
    page.goto(url)
    overlay = page.locator("[data-dev-problems]")
    expect(overlay).to_have_count(0)
    expect(page.locator("html")).to_have_attribute("data-engine", "ready", timeout=30_000)
    site = content / "site.yaml"
    good = site.read_text(encoding="utf-8")
    site.write_text(good.replace("lang: en", "lang: [en"), encoding="utf-8")
    expect(overlay).to_be_visible(timeout=REBUILD_TIMEOUT_MS)
    expect(overlay).to_contain_text("site.yaml")
    expect(overlay).to_contain_text("content problem")
    expect(overlay).to_have_attribute("role", "alert")
    later = new_context().new_page()
    later.goto(url)
    expect(later.locator("[data-dev-problems]")).to_contain_text("site.yaml")
    site.write_text(good, encoding="utf-8")
    expect(overlay).to_have_count(0, timeout=REBUILD_TIMEOUT_MS)
    expect(later.locator("[data-dev-problems]")).to_have_count(0, timeout=REBUILD_TIMEOUT_MS)


def test_production_build_has_no_overlay(site_dir: Path) -> None:
    """The deployable site carries no dev script, so no overlay code."""
    assert not (site_dir / "dev-reload.js").exists()
    for name in ("index.html", "embed.html", "offline.html"):
        html = (site_dir / name).read_text(encoding="utf-8")
        assert "dev-reload" not in html
        assert "data-dev-problems" not in html

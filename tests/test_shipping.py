"""Shipping the page: offline file, Pages sub-path, embed, share, export, print, dev server."""

from __future__ import annotations

import csv
import functools
import gzip
import html as html_module
import io
import json
import re
import shutil
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pagehelpers import wait_ready
from playwright.sync_api import Page, Response, Route, expect

import build
import pycore

ROOT = Path(__file__).resolve().parents[1]


class QuietHandler(SimpleHTTPRequestHandler):
    """A static handler that keeps test output clean."""

    def log_message(self, format: str, *args: Any) -> None:
        del format, args


@pytest.fixture(scope="module")
def subpath_url(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the built site under /some/sub/path/, as GitHub Pages serves a project site."""
    root = tmp_path_factory.mktemp("pages")
    shutil.copytree(site_dir, root / "some" / "sub" / "path")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/some/sub/path/"
    server.shutdown()


@pytest.mark.browser
def test_offline_file_boots_with_network_blocked(new_context: Any, site_dir: Path) -> None:
    """offline.html from file:// boots and recomputes with every other request aborted."""
    context = new_context()
    blocked: list[str] = []

    def only_files(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site_dir / "offline.html").as_uri())
    expect(page.locator("[data-output=api_monthly]")).to_have_attribute("data-value", "2000")
    wait_ready(page)
    page.locator("input[name=monthly_inferences]").fill("10000000")
    expect(page.locator("[data-output=api_monthly]")).to_have_attribute("data-value", "20000")
    expect(page.locator("[data-output=monthly_savings]")).to_have_text("$17,000")
    page.locator("[data-view-switch][value=detailed]").check()
    page.locator("select[name=gpu_model]").select_option("runpod/h100-80gb")
    expect(page.locator("[data-output=replicas]")).to_have_attribute("data-value", "1")
    assert blocked == []
    assert errors == []


def test_offline_file_is_self_contained(site_dir: Path) -> None:
    """offline.html references no other file: every script and style is inline, allowed by hash."""
    html = (site_dir / "offline.html").read_text()
    assert re.search(r"<script[^>]+src=", html) is None
    assert re.search(r"<link[^>]+stylesheet", html) is None
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    policy = html_module.unescape(csp.group(1))
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")
    inline = re.findall(r"<script(?: type=\"module\")?>", html)
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert script_src.count("'sha256-") == len(inline) == 7  # Chart.js .. app.js, nanotar
    size = len(html.encode())
    print(f"offline.html: {size / 1e6:.2f} MB")
    assert size < 12e6


@pytest.mark.browser
def test_site_works_under_a_sub_path(page: Page, subpath_url: str) -> None:
    """Served under /some/sub/path/, every request stays under it and succeeds."""
    failures: list[str] = []
    outside: list[str] = []
    page.on("response", lambda r: failures.append(r.url) if r.status >= 400 else None)
    page.on("request", lambda r: None if r.url.startswith(subpath_url) else outside.append(r.url))
    page.goto(subpath_url + "?monthly_inferences=10000000")
    wait_ready(page)
    expect(page.locator("[data-output=api_monthly]")).to_have_attribute("data-value", "20000")
    assert failures == []
    assert outside == []


@pytest.mark.browser
@pytest.mark.usefixtures("page_errors")
@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        # the Python library: fetch hands over the tar itself, which the engine unpacks too
        ("python_stdlib.tar.gz", "application/x-tar"),
        # the wasm: fetch hands over the wasm itself, compiled whatever its MIME type
        ("pyodide.asm.wasm.gz", "application/gzip"),
    ],
)
def test_precompressed_file_sent_with_content_encoding_gzip(
    page: Page, site_url: str, site_dir: Path, name: str, content_type: str
) -> None:
    """A host that marks a pre-compressed file `Content-Encoding: gzip` makes fetch decode
    it; the engine boots from the decoded bytes as well."""
    packed = (site_dir / "vendor" / "pyodide" / name).read_bytes()
    served: list[str] = []

    def decoded(route: Route) -> None:
        served.append(route.request.url)
        route.fulfill(body=gzip.decompress(packed), content_type=content_type)

    page.context.route(f"**/{name}", decoded)
    page.goto(site_url + "?monthly_inferences=10000000")
    wait_ready(page)
    expect(page.locator("[data-output=api_monthly]")).to_have_attribute("data-value", "20000")
    assert len(served) == 1


@pytest.mark.browser
@pytest.mark.usefixtures("page_errors")
def test_served_page_boots_from_the_precompressed_wasm(page: Page, site_url: str) -> None:
    """The worker fetches pyodide.asm.wasm.gz (no .wasm at all), served as application/gzip
    with no Content-Encoding, as Python's http.server and GitHub Pages send it, and boots."""
    answers: dict[str, str] = {}

    def seen(response: Response) -> None:
        if "pyodide.asm.wasm" in response.url:
            name = response.url.rsplit("/", 1)[-1]
            answers[name] = response.headers.get("content-encoding") or response.headers.get(
                "content-type", ""
            )

    page.context.on("response", seen)
    page.goto(site_url + "?monthly_inferences=10000000")
    wait_ready(page)
    expect(page.locator("[data-output=api_monthly]")).to_have_attribute("data-value", "20000")
    assert answers == {"pyodide.asm.wasm.gz": "application/gzip"}


@pytest.mark.browser
@pytest.mark.usefixtures("page_errors")
def test_embed_reads_the_query_string(page: Page, site_url: str) -> None:
    """embed.html shows the analyzer alone and computes the scenario in its query string."""
    page.goto(f"{site_url}embed.html?monthly_inferences=10000000&hosting_monthly=5000")
    wait_ready(page)
    expect(page.locator("[data-output=monthly_savings]")).to_have_attribute("data-value", "15000")
    expect(page.locator("nav")).to_have_count(0)
    expect(page.locator("#use-cases")).to_have_count(0)
    expect(page.locator("#analyzer")).to_be_visible()
    link = page.locator(".embed-credit a")
    expect(link).to_have_attribute("href", re.compile(r"^index\.html\?.*hosting_monthly=5000"))


@pytest.mark.browser
@pytest.mark.usefixtures("page_errors")
def test_copy_link_and_embed_snippet(page: Page, site_url: str) -> None:
    """The copy-link control copies the scenario's URL; the snippet embeds the same scenario."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{site_url}?monthly_inferences=2500000")
    wait_ready(page)
    expect(page).to_have_url(re.compile(r"monthly_inferences=2500000"))
    page.locator("[data-action=copy-link]").click()
    expect(page.locator("[data-share-status]")).to_contain_text("Link copied")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == page.url
    snippet = page.locator("[data-embed-snippet]").input_value()
    assert snippet.startswith(f'<script src="{site_url}embed-host.js" defer></script>\n')
    assert f'<iframe src="{site_url}embed.html?' in snippet
    assert "monthly_inferences=2500000" in snippet


@pytest.mark.browser
@pytest.mark.usefixtures("page_errors")
def test_csv_download_holds_parameters_results_and_curves(page: Page, site_url: str) -> None:
    """The CSV export lists the scenario's parameters, results and both cost curves."""
    page.goto(f"{site_url}?monthly_inferences=10000000")
    wait_ready(page)
    with page.expect_download() as info:
        page.locator("[data-action=export-csv]").click()
    download = info.value
    assert download.suggested_filename == "fine-tune-or-api-scenario.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text())))
    by_name = {(row["section"], row["name"]): row for row in rows if not row["requests_per_month"]}
    assert by_name[("parameter", "monthly_inferences")]["value"] == "10000000"
    assert by_name[("parameter", "hosting_monthly")]["unit"] == "USD per month"
    assert by_name[("result", "api_monthly")]["value"] == "20000"
    assert by_name[("result", "breakeven_inferences")]["value"] == "1500000"
    assert by_name[("result", "replicas")]["value"] == ""
    curve = [row for row in rows if row["section"] == "curve" and row["name"] == "api_monthly"]
    expected = pycore.compute({"monthly_inferences": 10_000_000})["curve"]
    assert isinstance(expected, dict)
    assert len(curve) == len(expected["volumes"])
    for row in curve:  # whole requests, and USD in cents
        assert row["requests_per_month"].isdigit()
        expected_usd = float(row["requests_per_month"]) * 2 / 1000
        assert float(row["value"]) == pytest.approx(expected_usd, abs=0.0061)


@pytest.mark.browser
@pytest.mark.usefixtures("page_errors")
def test_json_download_is_the_scenario(page: Page, site_url: str) -> None:
    """The JSON export holds the parameters and results the page shows."""
    page.goto(f"{site_url}?monthly_inferences=10000000&api_cost_per_1k=3")
    wait_ready(page)
    with page.expect_download() as info:
        page.locator("[data-action=export-json]").click()
    scenario = json.loads(Path(info.value.path()).read_text())
    assert scenario["parameters"]["api_cost_per_1k"] == 3
    assert scenario["results"]["api_monthly"] == 30000
    assert scenario["mode"] == {"api_pricing": "per_request", "hosting": "fixed"}


@pytest.mark.browser
@pytest.mark.usefixtures("page_errors")
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_print_layout(page: Page, site_url: str, paper: str) -> None:
    """In print, the page gives way to the decision memo, which fits three A4 or Letter
    pages (issue 16: the memo replaces the seven-page printout of the whole page)."""
    page.goto(f"{site_url}?monthly_inferences=10000000")
    wait_ready(page)
    page.emulate_media(media="print")
    expect(page.locator(".share")).to_be_hidden()
    expect(page.locator(".masthead")).to_be_hidden()
    expect(page.locator("[data-output=api_monthly]")).to_be_hidden()
    expect(page.locator("[data-memo]")).to_be_visible()
    expect(page.locator("[data-memo-part=verdict]")).to_be_visible()
    pdf = page.pdf(format=paper, print_background=False)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 3, pages


def test_pages_files_and_meta(tmp_path: Path) -> None:
    """The site has .nojekyll, a 404 page, a 1200x630 preview and absolute meta with --base-url."""
    out = tmp_path / "site"
    assert build.main(["--out", str(out), "--base-url", "https://team.github.io/analyzer"]) == 0
    assert (out / ".nojekyll").exists()
    not_found = (out / "404.html").read_text()
    assert 'href="https://team.github.io/analyzer/"' in not_found
    png = (out / "preview.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 630)
    index = (out / "index.html").read_text()
    assert '<link rel="canonical" href="https://team.github.io/analyzer/">' in index
    assert (
        '<meta property="og:image" content="https://team.github.io/analyzer/preview.png">' in index
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in index
    embed = (out / "embed.html").read_text()
    assert '<link rel="canonical" href="https://team.github.io/analyzer/embed.html">' in embed


def test_only_relative_urls_without_base_url(site_dir: Path) -> None:
    """Without --base-url no page names an absolute or root-relative URL of its own."""
    for name in ("index.html", "embed.html", "404.html"):
        html = (site_dir / name).read_text()
        for url in re.findall(r'(?:src|href)="([^"]*)"', html):
            assert not url.startswith("/"), (name, url)
            assert not url.startswith("http") or "github.com" in url, (name, url)


def test_pages_workflow_uses_official_actions() -> None:
    """The GitHub Pages workflow builds site/ and deploys it with the official actions."""
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text()
    assert "actions/upload-pages-artifact@" in workflow
    assert "actions/deploy-pages@" in workflow
    assert "python build.py --base-url" in workflow
    assert "path: site" in workflow


def test_dev_server_rebuilds_and_signals_reload(tmp_path: Path) -> None:
    """`build.py --serve` serves the site and pushes a reload event after a content change."""
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
        import urllib.request  # noqa: PLC0415 - only this test speaks HTTP directly

        page = urllib.request.urlopen(url, timeout=10).read().decode()
        assert 'src="dev-reload.js"' in page
        events = urllib.request.urlopen(url + "__reload", timeout=30)
        site = content / "site.yaml"
        site.write_text(site.read_text().replace("lang: en", "lang: en\n"))
        assert events.readline() == b"data: reload\n"
    finally:
        process.terminate()
        process.wait(timeout=10)

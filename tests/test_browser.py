"""Browser tests: the built page in headless Chromium, against the page contract.

The contract (see DESIGN.md): ``input[name=PARAM]`` fields, optional log sliders
``input[type=range][data-param=PARAM]``, ``[data-output=NAME]`` results whose
``data-value`` is the raw number, ``<html data-engine>``, and the scenario in the query
string. Seed figures: $3,000 hosting and $2.00 per 1,000 requests break even at
1,500,000 requests a month; at 10,000,000 requests the API costs $20,000.

The page's strict CSP refuses string predicates, so waits use locator assertions or
``page.evaluate`` with a function.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from pagehelpers import field, output, wait_chart, wait_ready
from PIL import Image
from playwright.sync_api import Page, expect

import pycore

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("page_errors")]

ROOT = Path(__file__).resolve().parents[1]
MINUS = "\u2212"

CHART_DATASETS_JS = """() => {
  const chart = Chart.getChart(document.getElementById('cost-chart'));
  return chart.data.datasets.map(d => ({label: d.label, data: d.data}));
}"""


def value_of(page: Page, name: str) -> float:
    """Read result ``name``'s raw number from its data-value attribute."""
    raw = output(page, name).get_attribute("data-value")
    assert raw, f"{name} has no data-value"
    return float(raw)


def open_page(page: Page, site_url: str, query: str = "") -> Page:
    """Open the site (with an optional query string) and wait for the engine."""
    page.goto(site_url + query)
    wait_ready(page)
    return page


def expect_value(page: Page, name: str, raw: str, text: str | None = None) -> None:
    """Wait until result ``name`` has data-value ``raw`` (and text ``text`` if given)."""
    expect(output(page, name)).to_have_attribute("data-value", raw)
    if text is not None:
        expect(output(page, name)).to_have_text(text)


def test_prerendered_numbers_without_javascript(new_context: Any, site_url: str, page_errors: Any):
    """With JavaScript off, the page already shows the default scenario computed at build time."""
    context = new_context(java_script_enabled=False)
    page = page_errors.attach(context.new_page())
    page.goto(site_url)
    expect(page.locator("html")).to_have_attribute("data-engine", "loading")
    expected = {
        "api_monthly": ("2000", "$2,000"),
        "finetuned_monthly": ("3000", "$3,000"),
        "monthly_savings": ("-1000", f"{MINUS}$1,000"),
        "breakeven_inferences": ("1500000", "1,500,000"),
    }
    for name, (raw, text) in expected.items():
        expect(output(page, name)).to_have_attribute("data-value", raw)
        expect(output(page, name)).to_have_text(text)
    expect(field(page, "monthly_inferences")).to_have_value("1000000")
    expect(field(page, "api_cost_per_1k")).to_have_value("2")
    expect(field(page, "hosting_monthly")).to_have_value("3000")
    summary = page.locator("[data-output-summary]").inner_text()
    for figure in ("1,000,000", "$2,000", "$3,000", "$1,000", "1,500,000"):
        assert figure in summary, f"{figure!r} missing from summary {summary!r}"
    assert "stay on the API" in summary
    assert summary == pycore.compute({})["summary"]
    assert page.locator("[data-notices]").is_hidden()


def test_engine_becomes_ready(page: Page, site_url: str):
    """The Pyodide engine boots within 30 s, hides the status line and keeps the defaults."""
    page.goto(site_url)
    wait_ready(page)
    expect(page.locator("[data-engine-status]")).to_be_hidden()
    expect_value(page, "api_monthly", "2000", "$2,000")
    expect_value(page, "monthly_savings", "-1000", f"{MINUS}$1,000")
    expect_value(page, "breakeven_inferences", "1500000", "1,500,000")
    wait_chart(page, "cost-chart")
    assert page.evaluate("() => typeof Chart.getChart(document.getElementById('cost-chart'))")


def test_typing_volume_recomputes(page: Page, site_url: str):
    """Typing 10,000,000 requests recomputes the API cost, savings, summary and URL."""
    open_page(page, site_url)
    field(page, "monthly_inferences").fill("10000000")
    expect_value(page, "api_monthly", "20000", "$20,000")
    expect_value(page, "finetuned_monthly", "3000", "$3,000")
    expect_value(page, "monthly_savings", "17000", "$17,000")
    expect(page.locator("[data-output-summary]")).to_contain_text("$17,000")
    expect(page).to_have_url(re.compile(r"[?&]monthly_inferences=10000000(&|$|#)"))
    expect(field(page, "monthly_inferences")).to_have_value("10000000")


def test_hosting_slider_is_log_scaled(page: Page, site_url: str):
    """The hosting slider moves the field and results, and spans $100 to $1,000,000 (log scale)."""
    open_page(page, site_url)
    slider = page.locator("input[type=range][data-param=hosting_monthly]")
    hosting = field(page, "hosting_monthly")
    slider.focus()
    slider.press("ArrowRight")
    expect(hosting).not_to_have_value("3000")
    moved = float(hosting.input_value())
    assert 3000 < moved < 3100, moved  # one step of 1,000 on a log track from 100 to 1e6
    expect_value(page, "finetuned_monthly", hosting.input_value())
    assert value_of(page, "finetuned_monthly") == moved
    assert value_of(page, "breakeven_inferences") == pytest.approx(moved * 1000 / 2.0)

    slider.press("End")
    expect(hosting).to_have_value("1000000")
    expect_value(page, "finetuned_monthly", "1000000", "$1,000,000")
    expect_value(page, "breakeven_inferences", "500000000", "500,000,000")

    slider.press("Home")
    expect(hosting).to_have_value("100")
    expect_value(page, "finetuned_monthly", "100", "$100")
    expect_value(page, "breakeven_inferences", "50000", "50,000")
    expect(page).to_have_url(re.compile(r"[?&]hosting_monthly=100(&|$|#)"))

    # Halfway along a log track is the geometric mean: sqrt(100 * 1e6) = 10,000.
    for _ in range(500):
        slider.press("ArrowRight")
    expect(hosting).to_have_value("10000")
    expect_value(page, "finetuned_monthly", "10000", "$10,000")


def test_query_string_read_on_load_and_kept_on_reload(page: Page, site_url: str):
    """A scenario in the query string fills the fields and results, and survives a reload."""
    page.goto(site_url + "?monthly_inferences=10000000&api_cost_per_1k=3&hosting_monthly=5000")
    for attempt in ("load", "reload"):
        if attempt == "reload":
            page.reload()
        wait_ready(page)
        expect(field(page, "monthly_inferences")).to_have_value("10000000")
        expect(field(page, "api_cost_per_1k")).to_have_value("3")
        expect(field(page, "hosting_monthly")).to_have_value("5000")
        expect_value(page, "api_monthly", "30000", "$30,000")
        expect_value(page, "finetuned_monthly", "5000", "$5,000")
        expect_value(page, "monthly_savings", "25000", "$25,000")
        expect(output(page, "breakeven_inferences")).to_have_attribute(
            "data-value",
            "1666666.67",  # to a hundredth of a request
        )
        assert value_of(page, "breakeven_inferences") == pytest.approx(5000 * 1000 / 3)
        expect(output(page, "breakeven_inferences")).to_have_text("1,666,667")
        expect(page).to_have_url(re.compile(r"[?&]api_cost_per_1k=3(&|$|#)"))


def test_cost_chart_data(page: Page, site_url: str):
    """The cost chart plots pycore's curve: API linear in volume, hosting flat, one break-even."""
    open_page(page, site_url)
    field(page, "monthly_inferences").fill("10000000")
    expect_value(page, "api_monthly", "20000")
    wait_chart(page, "cost-chart")
    datasets = {d["label"]: d["data"] for d in page.evaluate(CHART_DATASETS_JS)}
    api = datasets["General-purpose API"]
    finetuned = datasets["Fine-tuned model"]
    assert len(api) == len(finetuned) >= 20
    for point in api:
        assert point["y"] == pytest.approx(point["x"] * 2.0 / 1000)
    assert all(point["y"] == 3000 for point in finetuned)
    xs = [point["x"] for point in api]
    assert xs == sorted(xs)
    assert xs[0] <= 1e4 * (1 + 1e-9)
    assert xs[-1] >= 1e9 * (1 - 1e-9)
    assert [p["x"] for p in finetuned] == xs
    (breakeven,) = datasets["Break-even"]
    assert breakeven["x"] == pytest.approx(1.5e6)
    assert breakeven["y"] == pytest.approx(3000)
    marks = datasets["Your volume"]
    assert [(p["x"], p["y"]) for p in marks] == [(1e7, 20000), (1e7, 3000)]


# The cost chart's "Your volume" points: their values and pixels. Counting plugin: Chart.js
# runs afterLayout in each full update (a plugin registered now joins at the next one).
MARKER_PIXELS_JS = """() => {
  const chart = Chart.getChart(document.getElementById('cost-chart'));
  return chart.getDatasetMeta(3).data.flatMap((point) => [point.x, point.y]);
}"""
COUNT_LAYOUTS_JS = """() => {
  window.__layouts = 0;
  Chart.register({ id: 'countLayouts', afterLayout: () => { window.__layouts += 1; } });
}"""
FULL_UPDATE_JS = "() => Chart.getChart(document.getElementById('cost-chart')).update('none')"


def test_volume_input_moves_the_marker_without_a_layout(page: Page, site_url: str):
    """A volume within the chart's range moves "Your volume" in place (cost-chart.js): no
    layout, and its points land on the pixels a full update gives them. A volume beyond
    the range widens it with a full update."""
    open_page(page, site_url + "#cost-chart")
    wait_chart(page, "cost-chart")
    page.evaluate(COUNT_LAYOUTS_JS)
    page.evaluate(FULL_UPDATE_JS)  # the counting plugin joins the chart
    assert page.evaluate("() => window.__layouts") == 1
    field(page, "monthly_inferences").fill("10000000")
    expect_value(page, "api_monthly", "20000")
    assert page.evaluate("() => window.__layouts") == 1  # moved in place
    datasets = {d["label"]: d["data"] for d in page.evaluate(CHART_DATASETS_JS)}
    assert datasets["Your volume"] == [{"x": 1e7, "y": 20000}, {"x": 1e7, "y": 3000}]
    moved = page.evaluate(MARKER_PIXELS_JS)
    page.evaluate(FULL_UPDATE_JS)
    assert page.evaluate(MARKER_PIXELS_JS) == pytest.approx(moved, abs=1e-6)
    assert moved[0] > 0
    assert moved[1] < moved[3]  # the API's point above the other (pixels grow downwards)
    # 5 billion a month: beyond the range (10^9), which widens to 10^11
    field(page, "monthly_inferences").fill("5000000000")
    expect_value(page, "api_monthly", "10000000")
    assert page.evaluate("() => window.__layouts") == 3
    scale_max = "() => Chart.getChart(document.getElementById('cost-chart')).scales.x.max"
    assert page.evaluate(scale_max) == pytest.approx(1e11)


def test_hostile_query_values(page: Page, site_url: str, site_dir: Path):
    """Bad query values are repaired and reported as text, never shown as NaN nor run as HTML."""
    static_scripts = (site_dir / "index.html").read_text(encoding="utf-8").count("<script")
    page.goto(site_url + "?monthly_inferences=NaN&api_cost_per_1k=-5&foo=<script>x</script>")
    wait_ready(page)
    # each field's notice beside it; the box under the form, the unknown setting only
    expect(page.locator("[data-field-notice=monthly_inferences]")).to_contain_text("Monthly volume")
    expect(page.locator("[data-field-notice=api_cost_per_1k]")).to_contain_text("'-5'")
    notices = page.locator("[data-notices]")
    expect(notices).to_be_visible()
    expect(notices.locator("p")).to_have_count(1)
    expect(field(page, "api_cost_per_1k")).to_have_value("0")
    expect(field(page, "monthly_inferences")).to_have_value("1000000")
    expect_value(page, "api_monthly", "0", "$0.00")
    expect_value(page, "breakeven_inferences", "", "never")
    texts = page.locator("[data-output], [data-output-summary]").all_inner_texts()
    assert len(texts) >= 5  # the four seed results and the summary, at least
    for text in texts:
        for bad in ("NaN", "Infinity", "undefined"):
            assert bad not in text, f"{bad!r} shown in {text!r}"
    scripts = page.evaluate(
        "() => [...document.querySelectorAll('script')]"
        ".map(s => s.getAttribute('src') || s.textContent.trim())"
    )
    # the page's own scripts, plus Chart.js, which app.js adds itself
    added = [s for s in scripts if s == "vendor/chart.umd.min.js"]
    assert len(scripts) - len(added) == static_scripts
    assert len(added) <= 1
    assert "x" not in scripts
    assert page.evaluate("() => document.querySelector('[data-notices] script')") is None
    expect(page).not_to_have_url(re.compile("script|foo"))


def test_hostile_query_values_are_quoted_in_notices(page: Page, site_url: str):
    """The notices quote the URL's own bad values as plain text: a field's beside the field,
    an unknown setting's in the box under the form."""
    page.goto(site_url + "?monthly_inferences=NaN&api_cost_per_1k=-5&foo=<script>x</script>")
    wait_ready(page)
    expect(page.locator("[data-field-notice=api_cost_per_1k]")).to_contain_text("'-5'")
    expect(page.locator("[data-field-notice=monthly_inferences]")).to_contain_text("'NaN'")
    notices = page.locator("[data-notices]")
    expect(notices).to_contain_text("'foo'", timeout=2000)
    expect(notices.locator("p")).to_have_count(1)


def test_query_value_with_separators_is_accepted(page: Page, site_url: str):
    """A volume written with thousands separators in the URL is read as that number."""
    page.goto(site_url + "?monthly_inferences=10,000,000")
    wait_ready(page)
    expect_value(page, "api_monthly", "20000", "$20,000")


def test_load_use_case(page: Page, site_url: str):
    """The first use case's button loads its 10,000,000-request scenario into the analyzer."""
    open_page(page, site_url)
    button = page.locator("[data-action=load-use-case]:visible").first
    button.click()
    expect(field(page, "monthly_inferences")).to_have_value("10000000")
    expect_value(page, "api_monthly", "20000", "$20,000")
    expect_value(page, "monthly_savings", "17000", "$17,000")
    expect(page).to_have_url(re.compile(r"[?&]monthly_inferences=10000000(&|$|#)"))


def test_use_cases_factors_strategy_and_nav(page: Page, site_url: str):
    """Cards show $20,000 against $3,000, the factor chart matches its table, nav links resolve."""
    open_page(page, site_url)
    cards = page.locator(".card")
    assert cards.count() >= 3
    for index in range(cards.count()):
        costs = cards.nth(index).locator(".card-costs:visible")
        expect(costs.locator("dt:text-is('API')").locator("+ dd")).to_contain_text("$20,000")
        expect(costs.locator("dt:text-is('Fine-tuned')").locator("+ dd")).to_contain_text("$3,000")
    rows = page.locator("table.factors tbody tr").count()
    assert rows >= 6
    wait_chart(page, "factors-chart")
    lengths = page.evaluate(
        "() => Chart.getChart(document.getElementById('factors-chart'))"
        ".data.datasets.map(d => d.data.length)"
    )
    assert lengths == [rows, rows]
    expect(page.locator(".steps li")).to_have_count(3)
    targets = page.evaluate(
        "() => [...document.querySelectorAll(\"nav a[href^='#']\")]"
        ".map(a => [a.getAttribute('href'), !!document.getElementById(a.hash.slice(1))])"
    )
    assert len(targets) >= 6
    missing = [href for href, found in targets if not found]
    assert not missing, f"nav links without a target: {missing}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [(1280, 900), (360, 800)], ids=["1280", "360"])
def test_screenshots(
    new_context: Any,
    site_url: str,
    page_errors: Any,
    tmp_path: Path,
    size: tuple[int, int],
    scheme: str,
):
    """Full-page screenshots, light and dark, render as PNG, and 360 px does not overflow."""
    width, height = size
    context = new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = page_errors.attach(context.new_page())
    open_page(page, site_url)
    expect_value(page, "api_monthly", "2000")
    for canvas in ("cost-chart", "factors-chart"):  # drawn as each comes near the viewport
        wait_chart(page, canvas)
    name = f"screenshot-{width}-{scheme}.png"
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == ("rgb(17, 21, 28)" if scheme == "dark" else "rgb(247, 248, 250)")
    png = page.screenshot(full_page=True, path=tmp_path / name)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 10_000
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width, f"horizontal overflow: {scroll_width}px in a {width}px viewport"
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        docs = ROOT / "docs"
        docs.mkdir(exist_ok=True)
        # 256 colours keep the README's full-page screenshots small
        image = Image.open(io.BytesIO(png)).convert("RGB")
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(docs / name, optimize=True)


READY_AT_SCRIPT = """
new MutationObserver(() => {
  if (document.documentElement.dataset.engine === "ready" && window.__readyAt === undefined) {
    window.__readyAt = performance.now();
  }
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-engine"] });
"""

CHART_JS_REQUESTED_AT = """() => {
  const entry = performance.getEntriesByType("resource")
    .find((e) => e.name.endsWith("/vendor/chart.umd.min.js"));
  return entry ? entry.startTime : null;
}"""


def test_charts_wait_until_they_come_near_at_the_page_top(page: Page, site_url: str):
    """Opened at the top, no chart is near: Chart.js does not load, not even once the engine
    is ready and the page idle (its evaluation was the page's longest task); scrolling a
    chart near loads it and draws that chart; switching to the detailed view draws its
    charts in idle time."""
    page.add_init_script(script=READY_AT_SCRIPT)
    page.goto(site_url)
    wait_ready(page)
    page.evaluate("() => new Promise((done) => requestIdleCallback(() => setTimeout(done, 500)))")
    assert page.evaluate(CHART_JS_REQUESTED_AT) is None
    for canvas in ("cost-chart", "factors-chart"):
        expect(page.locator(f"#{canvas}")).not_to_have_attribute("data-chart", "drawn")
    wait_chart(page, "cost-chart")
    requested_at = page.evaluate(CHART_JS_REQUESTED_AT)
    assert requested_at is not None
    assert requested_at >= page.evaluate("() => window.__readyAt")
    expect(page.locator("#factors-chart")).not_to_have_attribute("data-chart", "drawn")
    # a theme change redraws the drawn charts in the new colours, and no hidden one
    color = (
        "() => Chart.getChart(document.getElementById('cost-chart')).data.datasets[0].borderColor"
    )
    light = page.evaluate(color)
    page.emulate_media(color_scheme="dark")
    for _ in range(50):  # the redraw follows the media query's change event
        if page.evaluate(color) != light:
            break
        page.wait_for_timeout(100)
    assert page.evaluate(color) != light
    # the detailed view's charts are hidden: drawn when that view shows them
    expect(page.locator("#timeline-chart")).not_to_have_attribute("data-chart", "drawn")
    assert page.evaluate("() => Chart.getChart(document.getElementById('timeline-chart'))") is None
    page.locator("[data-view-switch][value=detailed]").check()
    expect(page.locator("#timeline-chart")).to_have_attribute("data-chart", "drawn")
    expect(page.locator("#tornado-chart")).to_have_attribute("data-chart", "drawn")


def test_chart_in_view_is_drawn_before_the_engine_is_ready(page: Page, site_url: str):
    """Opened at the cost chart, it is drawn from the pre-rendered report at once."""
    # hold the engine back: the worker's wasm request is never answered (a context route
    # sees the worker's requests; a page route would not)
    page.context.route("**/pyodide.asm.wasm.gz", lambda route: None)
    # at #cost-chart, not #analyzer: the analyzer's prose puts the chart more than a
    # screen below its heading at 1280 x 720, out of the lazy drawing's reach
    page.goto(f"{site_url}#cost-chart")
    expect(page.locator("#cost-chart")).to_have_attribute("data-chart", "drawn")
    assert page.locator("html").get_attribute("data-engine") == "loading"
    volume = page.evaluate(
        "() => Chart.getChart(document.getElementById('cost-chart')).data.datasets[3].data"
    )
    assert volume == [{"x": 1_000_000, "y": 2000}, {"x": 1_000_000, "y": 3000}]

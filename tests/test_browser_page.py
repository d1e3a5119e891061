"""Browser tests of the page as a decision tool (issue 16, points 1 to 7): the answer in the
first screen, input groups that open and close, results that stay in view, a pinned
scenario compared with the one on show (and restored from the link), "how this is
computed" under each result, the volume marker on the cost chart, and the decision memo,
printed (at most three A4 or Letter pages) or downloaded as Markdown.
"""

from __future__ import annotations

import io
import re
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from pagehelpers import READY_TIMEOUT_MS, field, output, wait_ready
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

import pycore

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("page_errors")]

FRONTIER = next(key for key, model in pycore.API_MODELS.items() if model["tier"] == "frontier")
#: The engineering manager's scenario: 8,000,000 requests a month on a frontier API, an H100.
MANAGER = {
    "monthly_inferences": 8_000_000,
    "api_model": FRONTIER,
    "gpu_model": "runpod/h100-80gb",
}
MANAGER_QUERY = "?view=detailed&" + urllib.parse.urlencode(MANAGER)

#: Counts window.print() calls instead of opening the print dialog.
COUNT_PRINTS = "window.__prints = 0; window.print = () => { window.__prints += 1; };"


def within(box: dict[str, float] | None, width: int, height: int) -> bool:
    """Whether a bounding box lies wholly inside a viewport of ``width`` x ``height``."""
    assert box is not None
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= width
        and box["y"] + box["height"] <= height
    )


def chart_drawn(page: Page) -> None:
    """Wait until the cost chart is drawn (and its volume marker placed)."""
    expect(page.locator("#cost-chart")).to_have_attribute(
        "data-chart", "drawn", timeout=READY_TIMEOUT_MS
    )
    expect(page.locator("[data-chart-marker]")).to_be_visible()


# 1. The answer first.


def test_answer_first_screen_at_1280(new_context: Any, site_url: str, page_errors: Any) -> None:
    """At 1280 x 800, jumping to the analyzer shows the verdict, the options table and the
    cost chart together, without scrolling."""
    context = new_context(viewport={"width": 1280, "height": 800})
    page = page_errors.attach(context.new_page())
    page.goto(f"{site_url}#analyzer")
    wait_ready(page)
    chart_drawn(page)
    for selector in ("[data-verdict]", "table[data-options]", "#cost-chart"):
        box = page.locator(selector).bounding_box()
        assert within(box, 1280, 800), f"{selector} is not in the first screen: {box}"


def test_engineering_manager_finds_the_recommendation_and_thresholds(
    new_context: Any, site_url: str, page_errors: Any
) -> None:
    """8,000,000 requests a month on a frontier API with an H100: the first screen says to
    fine-tune and self-host, and what would change it (GPU price, API price, volume)."""
    context = new_context(viewport={"width": 1280, "height": 800})
    page = page_errors.attach(context.new_page())
    page.goto(f"{site_url}{MANAGER_QUERY}#analyzer")
    wait_ready(page)
    expected = pycore.compute(MANAGER)
    verdict = page.locator("[data-verdict]")
    expect(verdict).to_have_text(str(expected["verdict"]))
    expect(verdict).to_have_attribute("data-recommended", "self_hosted")
    text = verdict.inner_text()
    assert text.startswith("Fine-tune and self-host")
    assert re.search(r"if GPUs cost over \$[\d.,]+ an hour", text), text
    assert re.search(r"every volume above [\d,]+ requests a month", text), text
    recommended = page.locator("table[data-options] tr[data-recommended]")
    expect(recommended).to_have_attribute("data-option", "self_hosted")
    for locator in (verdict, recommended):
        assert within(locator.bounding_box(), 1280, 800)


# 2. Input groups, sticky results, the phone bar.


def test_closed_group_shows_its_digest(page: Page, site_url: str) -> None:
    """A closed group of inputs shows pycore's one-line digest of its values; opened (by
    keyboard), it shows its fields instead."""
    page.goto(f"{site_url}?view=detailed")
    wait_ready(page)
    digests = pycore.compute({})["digests"]
    assert isinstance(digests, dict)
    horizon = page.locator("details[data-group=horizon]")
    expect(horizon).not_to_have_attribute("open", "")
    digest = horizon.locator("[data-digest=horizon]")
    expect(digest).to_be_visible()
    expect(digest).to_have_text(digests["horizon"])
    expect(field(page, "horizon_months")).to_be_hidden()
    page.locator("details[data-group=horizon] > summary").focus()
    page.keyboard.press("Enter")
    expect(field(page, "horizon_months")).to_be_visible()
    expect(digest).to_be_hidden()
    # an open group closes to its digest, which follows the scenario
    tokens = page.locator("details[data-group=tokens]")
    expect(tokens.locator("[data-digest]")).to_be_hidden()
    page.locator("details[data-group=tokens] > summary").click()
    expect(tokens.locator("[data-digest]")).to_be_visible()
    page.locator("select[name=gpu_model]").select_option("runpod/h100-80gb")
    capacity = page.locator("details[data-group=capacity]")
    page.locator("details[data-group=capacity] > summary").click()
    expect(capacity.locator("[data-digest]")).to_contain_text("H100")
    expect(capacity.locator("[data-digest]")).to_contain_text("busy")


def test_results_stay_in_view_while_inputs_scroll(
    new_context: Any, site_url: str, page_errors: Any
) -> None:
    """At 1280 px the cost chart and the verdict's results stay in view beside an input far
    down the detailed view's list."""
    context = new_context(viewport={"width": 1280, "height": 800})
    page = page_errors.attach(context.new_page())
    page.goto(f"{site_url}?view=detailed")
    wait_ready(page)
    deep = field(page, "ops_monthly")
    deep.scroll_into_view_if_needed()
    chart_drawn(page)  # drawn as it comes into view beside the inputs
    assert within(deep.bounding_box(), 1280, 800)
    assert page.evaluate("() => window.scrollY") > 1500
    assert within(page.locator("#cost-chart").bounding_box(), 1280, 800)
    deep.fill("5000")
    expect(output(page, "finetuned_monthly")).to_have_attribute("data-value", "8000")


def test_phone_bar_keeps_verdict_and_savings(
    new_context: Any, site_url: str, page_errors: Any
) -> None:
    """At 360 px a compact bar keeps the recommendation and the savings in view while the
    inputs scroll, and follows the scenario."""
    context = new_context(viewport={"width": 360, "height": 800})
    page = page_errors.attach(context.new_page())
    page.goto(f"{site_url}?view=detailed")
    wait_ready(page)
    deep = field(page, "ops_monthly")
    deep.scroll_into_view_if_needed()
    bar = page.locator(".live-summary")
    expect(bar).to_be_visible()
    assert within(bar.bounding_box(), 360, 800)
    expect(bar.locator("[data-live-verdict]")).to_have_text("Stay on the API")
    expect(bar.locator("[data-live=monthly_savings]")).to_have_text(
        output(page, "monthly_savings").inner_text()
    )
    field(page, "monthly_inferences").fill("10000000")
    expect(bar.locator("[data-live-verdict]")).to_have_text("Fine-tune and self-host")
    expect(bar.locator("[data-live=monthly_savings]")).to_have_text("$17,000")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360


# 3. Compare a pinned scenario.


def test_pin_compare_reload_and_unpin(page: Page, site_url: str) -> None:
    """Pinning keeps the scenario as A; after a change the page shows A against the current
    one (rows with differences, A's verdict, A's dashed lines on the chart); the link
    restores the comparison; unpinning ends it."""
    page.goto(site_url)
    wait_ready(page)
    compare = page.locator("[data-compare]")
    expect(compare).to_be_hidden()
    page.locator("[data-action=pin-scenario]").click()
    expect(page.locator("[data-action=unpin-scenario]")).to_be_visible()
    field(page, "monthly_inferences").fill("10000000")
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "20000")
    expect(compare).to_be_visible()
    expect(compare.locator("[data-compare-verdict]")).to_contain_text("Stay on the API")
    first = compare.locator("[data-compare-body] tr").first
    expect(first).to_contain_text("API cost")
    expect(first.locator("td")).to_have_text(["$2,000", "$20,000", "+$18,000"])
    lines = "() => Chart.getChart(document.getElementById('cost-chart')).data.datasets.slice(4)"
    expect(page.locator("#cost-chart")).to_have_attribute("data-chart", "drawn")
    pinned_lines = page.evaluate(lines)
    assert [line["label"] for line in pinned_lines] == ["A: API", "A: fine-tuned"]
    assert pinned_lines[0]["borderDash"] == [7, 5]
    assert len(pinned_lines[0]["data"]) > 10
    expect(page).to_have_url(re.compile(r"pinned=%3Fmonthly_inferences%3D1000000"))
    expect(page).to_have_url(re.compile(r"[?&]monthly_inferences=10000000"))
    # the link restores both scenarios and the comparison
    page.reload()
    wait_ready(page)
    expect(field(page, "monthly_inferences")).to_have_value("10000000")
    expect(compare).to_be_visible()
    expect(first.locator("td")).to_have_text(["$2,000", "$20,000", "+$18,000"])
    expect(page.locator("[data-notices]")).to_be_hidden()  # "pinned" is no unknown setting
    page.locator("[data-action=unpin-scenario]").click()
    expect(compare).to_be_hidden()
    expect(page.locator("[data-action=pin-scenario]")).to_be_focused()
    expect(page).not_to_have_url(re.compile("pinned="))
    assert page.evaluate(lines)[0]["data"] == []


# 4. How each result is computed.


def test_how_this_is_computed(page: Page, site_url: str) -> None:
    """A result's "how this is computed" shows pycore's formula with the scenario's numbers
    and the source and date of its inputs, and follows the scenario while open."""
    page.goto(site_url)
    wait_ready(page)
    how = page.locator("details[data-explain=api_monthly]")
    how.locator("summary").click()
    body = how.locator("[data-explain-body]")
    expect(body).to_contain_text("api_monthly = monthly_inferences × effective_api_cost_per_1k")
    expect(body).to_contain_text("1,000,000 requests per month × $2.00 / 1,000 = $2,000")
    source = re.compile(r"Monthly volume: 1,000,000 requests per month\..*as of 2026-")
    expect(body).to_contain_text(source)
    field(page, "monthly_inferences").fill("10000000")
    expect(body).to_contain_text("10,000,000 requests per month × $2.00 / 1,000 = $20,000")


# 5. The volume marker.


def marker_value(marker: Locator) -> float:
    """The volume the marker says (aria-valuenow)."""
    return float(marker.get_attribute("aria-valuenow") or "nan")


def test_volume_marker_by_keyboard_and_mouse(page: Page, site_url: str) -> None:
    """The marker on the cost chart is a slider: the arrow keys, Home and End, and a mouse
    drag move the volume input, and the results follow."""
    page.goto(site_url)
    wait_ready(page)
    page.locator("#cost-chart").scroll_into_view_if_needed()
    chart_drawn(page)
    marker = page.locator("[data-chart-marker]")
    expect(marker).to_have_attribute("role", "slider")
    expect(marker).to_have_attribute("aria-valuenow", "1000000")
    volume = field(page, "monthly_inferences")
    marker.focus()
    # a step is 10 of the slider's 1,000 steps over 10^4 to 10^9: 0.05 of a decade
    page.keyboard.press("ArrowRight")
    expect(volume).to_have_value("1120000")  # 10^6.05, to 3 significant digits
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "2240")
    expect(marker).to_have_attribute("aria-valuenow", "1120000")
    expect(marker).to_have_attribute("aria-valuetext", re.compile(r"the API \$2,240"))
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(volume).to_have_value("891000")  # 10^5.95
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "1782")
    page.keyboard.press("End")
    expect(volume).to_have_value("1000000000")
    page.keyboard.press("Home")
    expect(volume).to_have_value("10000")
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "20")
    # the focus is visible: the handle is outlined
    outline = page.locator(".chart-marker-handle").evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid"
    # a mouse drag to the right raises the volume
    box = marker.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] - 8
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y, steps=6)
    page.mouse.up()
    # the volume is where the slider now stands (the marker moves it): 10^position, to 3
    # significant digits; older answers may pass through the field before the last one
    position = float(page.locator("input[type=range][data-param=monthly_inferences]").input_value())
    dragged = float(f"{10**position:.3g}")
    assert dragged > 20_000
    expect(volume).to_have_value(f"{dragged:g}" if dragged < 1e6 else str(int(dragged)))
    expect(marker).to_have_attribute("aria-valuenow", str(int(dragged)))
    assert value_of_output(page, "api_monthly") == pytest.approx(dragged * 2 / 1000, rel=1e-6)


def value_of_output(page: Page, name: str) -> float:
    """The raw number of result ``name`` once it is computed."""
    return float(output(page, name).get_attribute("data-value") or "nan")


# 6. The decision memo.


def pdf_text(pdf: bytes) -> tuple[int, str]:
    """The number of pages of a PDF and its text, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_print_memo_fits_three_pages(page: Page, site_url: str, paper: str) -> None:
    """The button "Print the decision memo" fills the memo for the scenario on show (the charts as
    images) and opens the print dialog; printed, the page is the memo alone, in at most
    three pages holding the verdict and every assumption's source and date."""
    page.add_init_script(script=COUNT_PRINTS)
    page.goto(site_url + MANAGER_QUERY)
    wait_ready(page)
    memo = page.locator("[data-memo]")
    page.locator("[data-action=print-memo]").click()
    expect(memo).to_have_attribute("data-state", "ready")
    assert page.evaluate("() => window.__prints") == 1
    page.emulate_media(media="print")
    expect(memo).to_be_visible()
    expect(page.locator("#analyzer")).to_be_hidden()
    expect(memo.locator("[data-memo-image=cost]")).to_be_visible()
    expect(memo.locator("[data-memo-image=timeline]")).to_be_visible()
    pages, text = pdf_text(page.pdf(format=paper))
    assert pages <= 3, f"the memo takes {pages} {paper} pages"
    verdict = str(pycore.compute(MANAGER)["verdict"])
    assert verdict[:80] in text
    assert "Fine-tune or API: decision memo" in text
    assert "as of 2026-" in text
    assert "genai-prices" in text  # the API preset's source
    assert "silybench" in text  # the GPU profile's source


def test_plain_print_is_the_memo(page: Page, site_url: str) -> None:
    """Printing without the button prints the memo too: the build's, then the scenario on
    show once the results have settled."""
    page.goto(site_url)
    wait_ready(page)
    page.emulate_media(media="print")
    pages, text = pdf_text(page.pdf(format="A4"))
    assert pages <= 3
    assert "Stay on the API: at 1,000,000 requests a month" in text
    assert "Self-hosting would win above 1,500,000 requests a month" in text
    page.emulate_media(media="screen")
    field(page, "monthly_inferences").fill("10000000")
    memo = page.locator("[data-memo]")
    expect(memo.locator("[data-memo-part=verdict]")).to_contain_text(
        "at 10,000,000 requests a month", timeout=10_000
    )
    expect(memo).to_have_attribute("data-state", "ready")
    page.emulate_media(media="print")
    pages, text = pdf_text(page.pdf(format="A4"))
    assert pages <= 3
    assert "Fine-tune and self-host: at 10,000,000 requests a month" in text


def test_download_memo_markdown(page: Page, site_url: str, tmp_path: Path) -> None:
    """The button "Download memo" saves pycore's memo of the scenario on show as Markdown, with the
    page's link."""
    page.goto(f"{site_url}?monthly_inferences=10000000")
    wait_ready(page)
    with page.expect_download() as info:
        page.locator("[data-action=export-md]").click()
    download = info.value
    assert download.suggested_filename == "fine-tune-or-api-memo.md"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.startswith("# Fine-tune or API: decision memo\n")
    assert re.search(r"Scenario: <http://127\.0\.0\.1:\d+/\?monthly_inferences=10000000", text)
    assert "Fine-tune and self-host: at 10,000,000 requests a month" in text
    assert "## Assumptions" in text

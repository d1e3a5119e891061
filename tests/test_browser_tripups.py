"""Browser tests of what a new reader tripped over (issue 16, point 8).

Each test reproduces one defect on the built page: hidden units that still show, a use case
that resets the reader's own inputs, a clipped table and a radio parted from its label at
phone widths, notices shown twice, a results list that announces every result, an embed of
fixed height, typed text that is not a number, a shared link that shows the defaults as if
they were its numbers, and a damaged offline.html.
"""

from __future__ import annotations

import contextlib
import http.server
import re
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pagehelpers import READY_TIMEOUT_MS, field, open_group, output, wait_ready
from playwright.sync_api import Page, Route, expect

import pycore
from sitegen.content import detailed_parameters

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]

#: Elements carrying the hidden attribute that are still laid out (display is not none).
SHOWN_BUT_HIDDEN_JS = """() => [...document.querySelectorAll('[hidden]')]
  .filter(e => getComputedStyle(e).display !== 'none')
  .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 60)}`)"""


def field_notice(page: Page, name: str) -> Any:
    """Return the locator of the message beside field ``name``."""
    return page.locator(f"[data-field-notice={name}]")


def change(page: Page, name: str, value: str) -> None:
    """Type ``value`` into field ``name`` (its group opened) and commit it (the change event)."""
    open_group(page, name)
    page.locator(f"input[name={name}]").fill(value)
    page.locator(f"input[name={name}]").dispatch_event("change")


# 1. The hidden attribute wins over the stylesheet.


@pytest.mark.usefixtures("page_errors")
@pytest.mark.parametrize("query", ["?view=detailed", "?view=detailed&gpu_model=aws%2Fh100-80gb"])
def test_hidden_elements_are_not_shown(page: Page, site_url: str, query: str) -> None:
    """No element with the hidden attribute is displayed: not the unit of an 'n/a' result in
    the detailed view (fixed hosting has no replicas), nor of a payback that never comes."""
    page.goto(site_url + query)
    wait_ready(page)
    if "gpu_model" not in query:
        expect(output(page, "replicas")).to_have_attribute("data-value", "")
        expect(page.locator(".result-replicas .unit")).to_be_hidden()
        expect(page.locator(".result-payback_months .unit")).to_be_hidden()
    assert page.evaluate(SHOWN_BUT_HIDDEN_JS) == []
    change(page, "monthly_inferences", "100")  # no payback at 100 requests a month
    expect(output(page, "payback_months")).to_have_attribute("data-value", "")
    expect(page.locator(".result-payback_months .unit")).to_be_hidden()
    assert page.evaluate(SHOWN_BUT_HIDDEN_JS) == []


# 2. Loading a use case applies its scenario only, says what changed, and moves focus.


@pytest.mark.usefixtures("page_errors")
def test_use_case_keeps_the_readers_horizon_and_upfront(page: Page, site_url: str) -> None:
    """Loading a use case with the keyboard applies its volume, prices, tokens and presets,
    keeps the reader's horizon, growth and upfront inputs, says so, and focuses the analyzer."""
    page.goto(f"{site_url}?view=detailed")
    wait_ready(page)
    change(page, "horizon_months", "24")
    change(page, "monthly_growth", "5")
    change(page, "engineering_upfront", "50000")
    expect(page).to_have_url(re.compile(r"[?&]engineering_upfront=50000(&|$)"))
    card = page.locator("[data-use-case=travel-support] [data-view-only=detailed]")
    button = card.locator("[data-action=load-use-case]")
    button.focus()
    page.keyboard.press("Enter")
    expect(field(page, "monthly_inferences")).to_have_value("10000000")
    expect(page.locator("select[name=api_model]")).to_have_value("google/gemini-3.8-flash")
    expect(page.locator("select[name=gpu_model]")).to_have_value("runpod/h100-80gb")
    expect(field(page, "avg_input_tokens")).to_have_value("5300")
    expect(field(page, "cached_input_share")).to_have_value("94")
    # the reader's own planning inputs are kept, in the fields and in the engine's answer
    expect(field(page, "horizon_months")).to_have_value("24")
    expect(field(page, "monthly_growth")).to_have_value("5")
    expect(field(page, "engineering_upfront")).to_have_value("50000")
    case = next(c for c in _use_cases() if c["id"] == "travel-support")
    expected = pycore.compute(
        {
            **detailed_parameters(case),
            "horizon_months": 24,
            "monthly_growth": 0.05,
            "engineering_upfront": 50000,
        }
    )["results"]
    assert isinstance(expected, dict)
    expect(output(page, "tco_api")).to_have_attribute("data-value", _raw(expected["tco_api"]))
    # the monthly costs are the card's
    card_api = card.locator(".card-costs span").first.get_attribute("data-value")
    expect(output(page, "api_monthly")).to_have_attribute("data-value", card_api or "?")
    status = page.locator("[data-load-status]")
    expect(status).to_be_visible()
    expect(status).to_contain_text("Customer support chatbot")
    changed, kept = status.inner_text().split("Kept")
    for group in ("Volume, API price and hosting", "The API bill", "Serving the fine-tuned"):
        assert group in changed
    assert "Horizon" not in changed  # kept inputs are not listed as changed
    headings = dict(pycore.GROUPS)  # the groups' headings, as pycore names them
    assert headings["upfront"] in kept
    assert headings["horizon"] in kept
    heading = page.locator("#analyzer-title")
    expect(heading).to_be_focused()
    expect(heading).to_have_attribute("tabindex", "-1")


@pytest.mark.usefixtures("page_errors")
def test_simple_use_case_leaves_the_detailed_inputs(page: Page, site_url: str) -> None:
    """In the simple view a use case sets the three seed inputs only; a detailed input the
    reader set stays as it was."""
    page.goto(f"{site_url}?view=detailed")
    wait_ready(page)
    change(page, "avg_output_tokens", "333")
    page.locator("input[data-view-switch][value=simple]").check()
    page.locator("[data-action=load-use-case]:visible").first.click()
    expect(field(page, "monthly_inferences")).to_have_value("10000000")
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "20000")
    expect(page.locator("[data-load-status]")).to_contain_text(
        "Changed inputs under: Volume, API price and hosting."
    )
    page.locator("input[data-view-switch][value=detailed]").check()
    expect(field(page, "avg_output_tokens")).to_have_value("333")


# 3. Phones: the factors table fits or scrolls by keyboard; radios stay with their labels.


#: For each radio of the view switch: its box, and the box of its label's first line of text.
RADIO_LINES_JS = """() => [...document.querySelectorAll('.view-switch label')].map(label => {
  const radio = label.querySelector('input').getBoundingClientRect();
  const text = [...label.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
  const range = document.createRange();
  range.selectNodeContents(text);
  const line = range.getClientRects()[0];
  return {radio: [radio.left, radio.top, radio.right, radio.bottom],
          line: [line.left, line.top, line.right, line.bottom]};
})"""

#: Widths of the factors table's scroll box, and cells whose text is wider than the cell
#: (a header row that is only for screen readers excepted).
TABLE_FIT_JS = """() => {
  const box = document.querySelector('table.factors').closest('.table-scroll');
  const seen = (cell) => !cell.closest('thead') || cell.closest('thead').offsetWidth > 1;
  const clipped = [...box.querySelectorAll('th, td, caption')].filter(seen)
    .filter(cell => cell.scrollWidth > cell.clientWidth + 1)
    .map(cell => cell.textContent.slice(0, 40));
  return {scroll: box.scrollWidth, client: box.clientWidth, clipped};
}"""


@pytest.mark.usefixtures("page_errors")
@pytest.mark.parametrize("width", [360, 390])
def test_phone_factors_table_and_view_switch(
    new_context: Any, site_url: str, page_errors: Any, width: int
) -> None:
    """At phone widths the factors table fits its box, which is a focusable, labelled region,
    and each view radio sits on the first line of its own label."""
    context = new_context(viewport={"width": width, "height": 800})
    page = page_errors.attach(context.new_page())
    page.goto(site_url)
    wait_ready(page)
    region = page.locator("table.factors").locator("xpath=..")
    expect(region).to_have_attribute("role", "region")
    expect(region).to_have_attribute("tabindex", "0")
    expect(region).to_have_attribute("aria-label", re.compile(r"\w"))
    region.focus()
    expect(region).to_be_focused()
    fit = page.evaluate(TABLE_FIT_JS)
    assert fit["scroll"] <= fit["client"], fit
    assert fit["clipped"] == [], fit
    for item in page.evaluate(RADIO_LINES_JS):
        radio, line = item["radio"], item["line"]
        middle = (radio[1] + radio[3]) / 2
        assert line[1] <= middle <= line[3], f"radio apart from its label's first line: {item}"
        assert radio[2] <= line[0] + 1, item


# 5. A field's notice shows beside the field only.


@pytest.mark.usefixtures("page_errors")
def test_field_notice_shows_once(page: Page, site_url: str) -> None:
    """A repaired value's notice shows beside its field and not again below the form; the
    box below the form keeps the notices of no field (an unknown setting)."""
    page.goto(f"{site_url}?api_cost_per_1k=-5&foo=1")
    wait_ready(page)
    expect(field_notice(page, "api_cost_per_1k")).to_be_visible()
    expect(field_notice(page, "api_cost_per_1k")).to_contain_text("'-5'")
    box = page.locator("[data-notices]")
    expect(box).to_be_visible()
    expect(box.locator("p")).to_have_count(1)
    expect(box).to_contain_text("Ignored unknown setting 'foo'")
    expect(box).not_to_contain_text("'-5'")
    page.goto(f"{site_url}?api_cost_per_1k=-5")
    wait_ready(page)
    expect(field_notice(page, "api_cost_per_1k")).to_be_visible()
    expect(page.locator("[data-notices]")).to_be_hidden()


@pytest.mark.usefixtures("page_errors")
def test_notice_of_a_field_out_of_view_stays_in_the_box(page: Page, site_url: str) -> None:
    """In the simple view a detailed input's notice has no visible field: the box shows it."""
    page.goto(f"{site_url}?cached_input_share=5")
    wait_ready(page)
    box = page.locator("[data-notices]")
    expect(box).to_be_visible()
    expect(box).to_contain_text("'5'")
    expect(field_notice(page, "cached_input_share")).to_be_hidden()
    page.goto(f"{site_url}?view=detailed&cached_input_share=5")
    wait_ready(page)
    expect(field_notice(page, "cached_input_share")).to_be_visible()
    expect(field_notice(page, "cached_input_share")).to_contain_text("'5'")
    expect(box).to_be_hidden()


# 6. One polite live region: the summary.


#: Every live region of the page (aria-live, or a role that implies it) holding a result.
LIVE_RESULTS_JS = """() => [...document.querySelectorAll(
    '[aria-live], [role=status], [role=alert], [role=log]')]
  .filter(region => region.getAttribute('aria-live') !== 'off')
  .filter(region => region.querySelector('[data-output]'))
  .map(region => region.outerHTML.slice(0, 80))"""


@pytest.mark.usefixtures("page_errors")
def test_only_the_summary_is_announced(page: Page, site_url: str) -> None:
    """No live region holds the results: a slider step announces the summary sentence only."""
    page.goto(f"{site_url}?view=detailed")
    wait_ready(page)
    assert page.evaluate(LIVE_RESULTS_JS) == []
    live = page.locator(".outputs [aria-live]")
    expect(live).to_have_count(1)
    expect(live).to_have_attribute("data-output-summary", "")
    expect(live).to_have_attribute("aria-live", "polite")


# 7. The embed sizes itself, may copy, and links to the full analysis with its scenario.


class HostPages:
    """Pages of a documentation site on another origin than the analyzer's: a server on
    127.0.0.1 with its own port (Chromium refuses frames and scripts from 127.0.0.1 in a
    page it does not know to be local, such as one answered by a Playwright route)."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        pages = self.pages

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path, "").encode()
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                del format, args

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def host_pages() -> Iterator[HostPages]:
    """Serve pages of another origin (``host_pages.pages[path] = html``) for the test."""
    host = HostPages()
    yield host
    host.server.shutdown()
    host.server.server_close()


HOST_PAGE = """<!doctype html><html><head><title>Host</title>
<style>body {{ margin: 0 }}</style></head><body><h1>Our docs</h1>
{snippet}
<p id="after">after the embed</p></body></html>"""


def test_embed_snippet_resizes_its_iframe(page: Page, site_url: str, host_pages: HostPages) -> None:
    """The snippet (a script line and an iframe allowed to write the clipboard) pasted in a
    page of another origin grows the iframe to the analyzer's full height."""
    page.goto(f"{site_url}?view=detailed&monthly_inferences=2500000")
    wait_ready(page)
    expect(page.locator("[data-embed-snippet]")).to_have_value(re.compile("2500000"))
    snippet = page.locator("[data-embed-snippet]").input_value()
    assert 'allow="clipboard-write"' in snippet
    assert re.search(rf'<script src="{re.escape(site_url)}embed-host\.js" defer></script>', snippet)
    assert "<script>" not in snippet  # no inline script to allow in the host's CSP
    host_pages.pages["/docs.html"] = HOST_PAGE.format(snippet=snippet)
    page.goto(host_pages.url + "docs.html")
    frame_element = page.locator("iframe")
    frame = page.frame_locator("iframe")
    expect(frame.locator("html")).to_have_attribute(
        "data-engine", "ready", timeout=READY_TIMEOUT_MS
    )
    inner = page.frames[1]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        content = inner.evaluate("() => document.body.getBoundingClientRect().height")
        box = frame_element.bounding_box()
        assert box is not None
        if abs(box["height"] - content) <= 2:
            break
        page.wait_for_timeout(100)
    assert content > 900, "the detailed analyzer is taller than the old fixed height"
    assert abs(box["height"] - content) <= 2, (box, content)
    expect(frame_element).to_have_attribute("allow", "clipboard-write")


def test_embed_host_ignores_other_origins(page: Page, site_url: str, host_pages: HostPages) -> None:
    """embed-host.js resizes only frames of its own origin, from their documented message."""
    other = host_pages.url + "other.html"
    host_pages.pages["/other.html"] = "<p>a frame of another origin than the analyzer</p>"
    host_pages.pages["/docs.html"] = (
        f'<script src="{site_url}embed-host.js" defer></script>'
        f'<iframe id="ours" src="{site_url}embed.html" height="300"></iframe>'
        f'<iframe id="theirs" src="{other}" height="300"></iframe>'
    )
    page.goto(host_pages.url + "docs.html")
    theirs = page.frame(url=other)
    assert theirs is not None
    theirs.evaluate("() => parent.postMessage({type: 'finetune-or-api:height', height: 5000}, '*')")
    expect(page.locator("#ours")).to_have_attribute("style", re.compile(r"height: \d+px"))
    page.wait_for_timeout(300)
    assert page.locator("#theirs").evaluate("e => e.style.height") == ""
    assert page.locator("#theirs").evaluate("e => e.getBoundingClientRect().height") < 400


@pytest.mark.usefixtures("page_errors")
def test_embed_links_to_the_full_analysis_with_its_scenario(page: Page, site_url: str) -> None:
    """embed.html's link to the full page carries the scenario on show, as it changes."""
    page.goto(f"{site_url}embed.html?monthly_inferences=10000000&hosting_monthly=5000")
    wait_ready(page)
    link = page.locator(".embed-credit a")
    expect(link).to_have_attribute(
        "href", re.compile(r"^index\.html\?.*monthly_inferences=10000000")
    )
    change(page, "hosting_monthly", "7000")
    expect(link).to_have_attribute("href", re.compile(r"hosting_monthly=7000"))
    href = link.get_attribute("href")
    assert href is not None
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)
    assert query["monthly_inferences"] == ["10000000"]


# 8. Text that is not a number is refused beside the field.


@pytest.mark.usefixtures("page_errors")
def test_typed_suffix_is_refused_with_a_hint(page: Page, site_url: str) -> None:
    """'8M' typed in the volume field is refused beside it, with the number to type."""
    page.goto(site_url)
    wait_ready(page)
    volume = field(page, "monthly_inferences")
    volume.click()
    volume.press("Control+a")
    volume.press("Delete")
    page.keyboard.type("8M")
    notice = field_notice(page, "monthly_inferences")
    expect(notice).to_be_visible()
    expect(notice).to_have_text("'8M' is not a number: type 8000000")
    expect(volume).to_have_attribute("aria-invalid", "true")
    volume.press("Tab")
    expect(notice).to_have_text("'8M' is not a number: type 8000000")
    # a separator typed on the way to "1,000" gets no digits to type: it is no number yet
    volume.press("Control+a")
    page.keyboard.type("1,")
    expect(notice).to_have_text(
        "'1,' is not a number: type digits only, with no separators or units"
    )
    # typing a number again clears it
    volume.fill("8000000")
    volume.dispatch_event("change")
    expect(notice).to_be_hidden()
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "16000")


@pytest.mark.usefixtures("page_errors")
def test_pasted_text_is_refused_and_the_value_kept(page: Page, site_url: str) -> None:
    """Pasting '2.5k' or '1,500' into a number field leaves its value and explains why."""
    page.goto(site_url)
    wait_ready(page)
    hosting = field(page, "hosting_monthly")
    hosting.click()
    hosting.press("Control+a")
    page.keyboard.insert_text("2.5k")
    notice = field_notice(page, "hosting_monthly")
    expect(notice).to_have_text("'2.5k' is not a number: type 2500")
    expect(hosting).to_have_value("3000")
    expect(output(page, "finetuned_monthly")).to_have_attribute("data-value", "3000")
    hosting.press("Control+a")
    page.keyboard.insert_text("$1,500")
    expect(notice).to_have_text("'$1,500' is not a number: type 1500")


@pytest.mark.usefixtures("page_errors")
def test_unfinished_number_is_refused_on_change(page: Page, site_url: str) -> None:
    """'8e' (the browser's badInput) is not sent as an empty field: the page says it is not a
    number, keeps the text for the reader to correct, and computes with the last number
    the field held (8), also when another input changes."""
    page.goto(site_url)
    wait_ready(page)
    volume = field(page, "monthly_inferences")
    volume.click()
    volume.press("Control+a")
    page.keyboard.type("8e")
    volume.press("Tab")
    notice = field_notice(page, "monthly_inferences")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("is not a number")
    expect(volume).to_have_attribute("aria-invalid", "true")
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "0.02")
    expect(page.locator("[data-notices]")).to_be_hidden()
    change(page, "hosting_monthly", "4000")
    expect(output(page, "finetuned_monthly")).to_have_attribute("data-value", "4000")
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "0.02")
    expect(notice).to_contain_text("is not a number")
    assert volume.evaluate("e => e.validity.badInput"), "the reader's text was replaced"


# 10. A shared link: its values at once, the results pending until the engine answers.


@pytest.fixture
def held_wasm(page: Page) -> Iterator[list[Route]]:
    """Hold the engine's wasm download until the test lets it go (``route.continue_()``)."""
    held: list[Route] = []

    def hold(route: Route) -> None:  # Playwright refuses a bound builtin as a handler
        held.append(route)

    page.context.route("**/pyodide.asm.wasm.gz", hold)
    yield held
    for route in held:
        with contextlib.suppress(Exception):  # the page may be gone already
            route.continue_()


@pytest.mark.usefixtures("page_errors")
def test_link_values_show_at_once_and_results_wait(
    page: Page, site_url: str, held_wasm: list[Route]
) -> None:
    """Before the engine is ready the fields hold the link's values (shares in percent, the
    preset named) and the results are marked pending; the engine's answer replaces them."""
    query = (
        "view=detailed&monthly_inferences=10000000&cached_input_share=0.5"
        "&api_model=anthropic%2Fclaude-sonnet-5-5"
    )
    page.goto(f"{site_url}?{query}")
    expect(field(page, "monthly_inferences")).to_have_value("10000000")
    expect(field(page, "cached_input_share")).to_have_value("50")
    expect(page.locator("select[name=api_model]")).to_have_value("anthropic/claude-sonnet-5-5")
    expect(field(page, "output_price_per_mtok")).to_have_value(
        _raw(pycore.API_MODELS["anthropic/claude-sonnet-5-5"]["values"]["output_price_per_mtok"])
    )
    results = page.locator(".outputs")
    expect(results).to_have_attribute("aria-busy", "true")
    assert float(page.locator(".outputs .results").evaluate("e => getComputedStyle(e).opacity")) < 1
    position = page.locator("input[type=range][data-param=monthly_inferences]").input_value()
    assert float(position) == 7  # log slider: log10 of 10,000,000
    expect(page.locator("html")).to_have_attribute("data-engine", "loading")
    expect(page.locator("[data-engine-status]")).to_contain_text("scenario in the link")
    deadline = time.monotonic() + 10
    while not held_wasm and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert held_wasm, "the wasm request was never made"
    held_wasm.pop().continue_()
    wait_ready(page)
    expected = pycore.compute(
        {
            "monthly_inferences": 10_000_000,
            "cached_input_share": 0.5,
            "api_model": "anthropic/claude-sonnet-5-5",
        }
    )["results"]
    assert isinstance(expected, dict)
    expect(output(page, "api_monthly")).to_have_attribute(
        "data-value", _raw(expected["api_monthly"])
    )
    expect(results).not_to_have_attribute("aria-busy", "true")
    expect(page.locator(".outputs .results")).to_have_css("opacity", "1")


def test_link_with_failed_engine_restores_the_defaults(page: Page, site_url: str) -> None:
    """When the engine cannot start, a link's pending values give way to the build's defaults,
    undimmed, and the status line says the link's scenario could not be computed."""
    page.context.route("**/pyodide.asm.wasm.gz", lambda route: route.abort())
    page.goto(f"{site_url}?monthly_inferences=10000000")
    expect(page.locator("html")).to_have_attribute("data-engine", "failed", timeout=20_000)
    expect(field(page, "monthly_inferences")).to_have_value("1000000")
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "2000")
    expect(page.locator(".outputs")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator(".outputs .results")).to_have_css("opacity", "1")
    expect(page.locator("input[type=range][data-param=monthly_inferences]")).to_have_value("6")
    status = page.locator("[data-engine-status]")
    expect(status).to_contain_text("could not start")
    expect(status).to_contain_text("the link's scenario")


# 11. A damaged offline.html fails at once and says so.


@pytest.fixture
def damaged_offline(site_dir: Path, tmp_path: Path) -> Path:
    """A copy of offline.html with one character changed in its embedded wasm."""
    html = (site_dir / "offline.html").read_text(encoding="utf-8")
    start = html.index('id="asset-pyodide.asm.wasm"')
    start = html.index(">", start) + 1
    at = start + (html.index("</script>", start) - start) // 2
    replacement = "A" if html[at] != "A" else "B"
    path = tmp_path / "offline.html"
    path.write_text(html[:at] + replacement + html[at + 1 :], encoding="utf-8")
    return path


def test_damaged_offline_file_fails_at_once(new_context: Any, damaged_offline: Path) -> None:
    """One changed character in offline.html's embedded runtime fails the engine within a few
    seconds, saying the file is damaged and should be downloaded again."""
    context = new_context()
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
    )
    page = context.new_page()
    start = time.monotonic()
    page.goto(damaged_offline.as_uri())
    expect(page.locator("html")).to_have_attribute("data-engine", "failed", timeout=20_000)
    elapsed = time.monotonic() - start
    status = page.locator("[data-engine-status]")
    expect(status).to_contain_text("damaged")
    expect(status).to_contain_text("download")
    assert elapsed < 5, f"took {elapsed:.1f} s to notice the damage"
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "2000")


def _use_cases() -> list[dict[str, Any]]:
    """The use cases of content/use_cases.yaml."""
    import yaml  # noqa: PLC0415 - only the use-case tests read it

    cases: list[dict[str, Any]] = yaml.safe_load(
        (ROOT / "content" / "use_cases.yaml").read_text(encoding="utf-8")
    )
    return cases


def _raw(value: object) -> str:
    """A number as data-value holds it (no trailing .0)."""
    assert isinstance(value, int | float), value
    return str(value).removesuffix(".0")

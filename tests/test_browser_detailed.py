"""Browser tests of the detailed view: presets, capacity, horizon, sensitivity, CLI parity."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import yaml
from pagehelpers import wait_chart, wait_ready
from playwright.sync_api import Page, expect

import pycore

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("page_errors")]

ROOT = Path(__file__).resolve().parents[1]


def data_value(page: Page, name: str) -> str:
    """Return result ``name``'s raw data-value attribute."""
    value = page.locator(f"[data-output={name}]").get_attribute("data-value")
    assert value is not None
    return value


def cli_results(parameters: dict[str, str]) -> dict[str, Any]:
    """Run ``python -m pycore ... --format json`` for the same parameters."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pycore",
            *(f"{k}={v}" for k, v in parameters.items()),
            "--format",
            "json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    results: dict[str, Any] = json.loads(done.stdout)
    return results


SCENARIO = {
    "monthly_inferences": "25000000",
    "input_price_per_mtok": "2",
    "output_price_per_mtok": "10",
    "cached_input_price_per_mtok": "0.1",
    "avg_input_tokens": "1500",
    "avg_output_tokens": "250",
    "cached_input_share": "0.5",
    "gpu_hourly": "1.59",
    "replica_throughput_tps": "1400",
    "peak_to_average": "4",
    "min_replicas": "2",
    "ops_monthly": "2000",
    "horizon_months": "18",
    "monthly_growth": "0.05",
}


def test_page_matches_cli_for_same_query(page: Page, site_url: str) -> None:
    """For one query string the page shows exactly the numbers the CLI prints."""
    page.goto(f"{site_url}?view=detailed&{urlencode(SCENARIO)}")
    wait_ready(page)
    expected = cli_results(SCENARIO)
    # replicas measured at 1,400 tok/s: 250 tokens take 0.179 s; the peak, 25,000,000 x 4 /
    # 2,628,000 s = 38.05 requests a second, keeps 6.79 replicas busy; at most 70% busy each
    # (the utilization cap), that is 10 replicas
    assert expected["replicas"] == 10
    expect(page.locator("[data-output=replicas]")).to_have_attribute("data-value", "10")
    for name, value in expected.items():
        shown = data_value(page, name)
        if value is None:
            assert shown == "", name
        else:
            assert float(shown) == pytest.approx(value, rel=1e-12), name
    report = pycore.compute(SCENARIO)
    text = report["text"]
    assert isinstance(text, dict)
    for name, formatted in text.items():
        expect(page.locator(f"[data-output={name}]")).to_have_text(formatted)
    expect(page.locator("[data-output-horizon-summary]")).to_have_text(
        str(report["horizon_summary"])
    )


def test_view_switch_shows_detailed_groups_and_url(page: Page, site_url: str) -> None:
    """Switching to the detailed view reveals its groups and results and records it in the URL."""
    page.goto(site_url)
    wait_ready(page)
    expect(page.locator("[data-group=tokens]")).to_be_hidden()
    expect(page.locator(".result-payback_months")).to_be_hidden()
    page.locator("[data-view-switch][value=detailed]").check()
    expect(page.locator("[data-group=tokens]")).to_be_visible()
    expect(page.locator("[data-group=capacity]")).to_be_visible()
    expect(page.locator(".result-payback_months")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]view=detailed"))
    # simple-view numbers do not change: the seed's defaults still hold
    expect(page.locator("[data-output=breakeven_inferences]")).to_have_attribute(
        "data-value", "1500000"
    )
    page.locator("[data-view-switch][value=simple]").check()
    expect(page.locator("[data-group=tokens]")).to_be_hidden()
    expect(page).not_to_have_url(re.compile(r"view=detailed"))


def test_presets_fill_fields_and_recompute(page: Page, site_url: str) -> None:
    """Picking an API model and a GPU fills their fields, which stay editable."""
    page.goto(f"{site_url}?view=detailed&monthly_inferences=10000000")
    wait_ready(page)
    page.locator("select[name=api_model]").select_option("openai/gpt-6.1-sol")
    expect(page.locator("input[name=input_price_per_mtok]")).to_have_value("2")
    expect(page.locator("input[name=output_price_per_mtok]")).to_have_value("10")
    # 1000 x (800 x 2 + 200 x 10) / 1e6 = 3.60 USD per 1,000 requests
    expect(page.locator("[data-output=effective_api_cost_per_1k]")).to_have_attribute(
        "data-value", "3.6"
    )
    expect(page).to_have_url(re.compile(r"[?&]api_model=openai%2Fgpt-6\.1-sol(&|$)"))
    page.locator("select[name=gpu_model]").select_option("runpod/h100-80gb")
    expect(page.locator("input[name=gpu_hourly]")).to_have_value("3.49")
    expect(page.locator("input[name=kv_cache_tokens]")).to_have_value("377024")
    expect(page.locator("[data-output=replicas]")).to_have_attribute("data-value", "1")
    # one H100 replica: 3.49 x 730 = 2,547.70 USD per month
    expect(page.locator("[data-output=finetuned_monthly]")).to_have_text("$2,548")
    page.locator("input[name=gpu_hourly]").fill("7")
    expect(page.locator("[data-output=finetuned_monthly]")).to_have_attribute("data-value", "5110")
    # a price that differs from the preset's makes the choice custom; the API stays named
    expect(page.locator("select[name=gpu_model]")).to_have_value("custom")
    expect(page.locator("select[name=api_model]")).to_have_value("openai/gpt-6.1-sol")
    page.locator("select[name=gpu_model]").select_option("fixed")
    expect(page.locator("input[name=gpu_hourly]")).to_have_value("")
    expect(page.locator("[data-output=replicas]")).to_have_attribute("data-value", "")
    expect(page.locator("[data-output=finetuned_monthly]")).to_have_attribute("data-value", "3000")


def test_detailed_charts_hold_engine_data(page: Page, site_url: str) -> None:
    """The cumulative chart marks the payback month and the tornado lists inputs by swing."""
    page.goto(f"{site_url}?view=detailed&monthly_inferences=10000000")
    wait_ready(page)
    expect(page.locator("[data-output=payback_months]")).to_have_attribute("data-value", "2")
    wait_chart(page, "timeline-chart")
    wait_chart(page, "tornado-chart")
    timeline = page.evaluate(
        "() => Chart.getChart(document.getElementById('timeline-chart')).data.datasets"
        ".map(d => d.data)"
    )
    api, finetuned, payback = timeline
    assert len(api) == 13  # months 0..12
    expected = pycore.compute({"monthly_inferences": 10_000_000})["timeline"]
    assert isinstance(expected, dict)
    # 12 months of $20,000 falling 20% a year (api_price_decline): $217,114
    assert api[12]["y"] == pytest.approx(expected["cumulative_api"][12])
    assert round(api[12]["y"]) == 217_114
    assert finetuned[0]["y"] == pytest.approx(22_024)
    # month 2: the upfront cost and two months of hosting, the second 0.85^(1/12) cheaper
    assert payback == [{"x": 2, "y": pytest.approx(22_024 + 3000 + 3000 * 0.85 ** (1 / 12))}]
    # the sensitivity comes with the report asked for as the tornado nears the viewport
    wait_labels(page, ["Monthly volume", "API price", "Hosting cost"])
    rows = page.locator("[data-sensitivity-table] tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("8,000,000")


TORNADO_LABELS_JS = "() => Chart.getChart(document.getElementById('tornado-chart')).data.labels"
COST_MARKER_JS = (
    "() => Chart.getChart(document.getElementById('cost-chart')).data.datasets[3].data[0].x"
)
# Type a volume without scrolling (Playwright's fill would scroll the field into view).
SET_VOLUME_JS = """(value) => {
  const field = document.querySelector("input[name=monthly_inferences]");
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
}"""
IN_VIEW_JS = """(id) => {
  const box = document.getElementById(id).getBoundingClientRect();
  return box.bottom > 0 && box.top < innerHeight;
}"""


def wait_labels(page: Page, labels: list[str]) -> None:
    """Wait until the tornado chart shows ``labels`` (the IntersectionObserver answers within
    a frame or two, then the engine's report)."""
    for _ in range(100):
        if page.evaluate(TORNADO_LABELS_JS) == labels:
            break
        page.wait_for_timeout(50)
    assert page.evaluate(TORNADO_LABELS_JS) == labels


def test_chart_out_of_view_catches_up_when_shown(page: Page, site_url: str) -> None:
    """An input updates the cost chart in view at once; the tornado, drawn but out of view,
    shows the same report once scrolled into view (charts.js updates only charts in view)."""
    page.goto(f"{site_url}?view=detailed#analyzer")
    wait_ready(page)
    wait_chart(page, "cost-chart")
    wait_chart(page, "tornado-chart")
    # at 1,000,000 requests the hosting cost swings the savings most; drawn from the report
    # that left the sensitivity out (its place was out of view), the tornado has its bars
    # once the report that includes it comes back (optional-parts.js)
    at_first = pycore.compute({"monthly_inferences": 1_000_000})["sensitivity"]
    assert isinstance(at_first, list)
    wait_labels(page, [bar["label"] for bar in at_first])
    assert page.evaluate(TORNADO_LABELS_JS)[0] == "Hosting cost"
    page.locator("#cost-chart").scroll_into_view_if_needed()  # wait_chart scrolls to each
    page.wait_for_timeout(200)  # the IntersectionObserver's answer for the new scroll
    assert page.evaluate(IN_VIEW_JS, "cost-chart")
    assert not page.evaluate(IN_VIEW_JS, "tornado-chart")
    page.evaluate(SET_VOLUME_JS, "10000000")
    expect(page.locator("[data-output=api_monthly]")).to_have_attribute("data-value", "20000")
    assert page.evaluate(COST_MARKER_JS) == 10_000_000
    assert page.evaluate(TORNADO_LABELS_JS)[0] == "Hosting cost"  # out of view: not yet
    page.locator("#tornado-chart").scroll_into_view_if_needed()
    expected = pycore.compute({"monthly_inferences": 10_000_000})["sensitivity"]
    assert isinstance(expected, list)
    labels = [bar["label"] for bar in expected]
    assert labels[0] == "Monthly volume"
    wait_labels(page, labels)


def test_use_case_loads_detailed_profile(page: Page, site_url: str) -> None:
    """In the detailed view a use case loads its token profile and names its presets."""
    page.goto(f"{site_url}?view=detailed")
    wait_ready(page)
    card = page.locator("[data-use-case=education-tutor] [data-view-only=detailed]")
    expect(card).to_be_visible()
    card.locator("[data-action=load-use-case]").click()
    cases = yaml.safe_load((ROOT / "content" / "use_cases.yaml").read_text(encoding="utf-8"))
    tutor = next(case for case in cases if case["id"] == "education-tutor")
    detailed = {name: str(value) for name, value in tutor["detailed"]["parameters"].items()}
    expect(page.locator("input[name=avg_input_tokens]")).to_have_value(detailed["avg_input_tokens"])
    expect(page.locator("input[name=cached_input_share]")).to_have_value("67")  # percent
    expect(page.locator("select[name=gpu_model]")).to_have_value("runpod/a100-80gb")
    expect(page.locator("select[name=api_model]")).to_have_value("openai/gpt-6.1-sol")
    expected = cli_results({**detailed, "monthly_inferences": "10000000"})
    expect(page.locator("[data-output=api_monthly]")).to_have_attribute(
        "data-value", str(expected["api_monthly"]).removesuffix(".0")
    )
    card_api = card.locator(".card-costs span").first.get_attribute("data-value")
    assert card_api is not None
    assert float(card_api) == pytest.approx(expected["api_monthly"])
    expect(page).to_have_url(re.compile(r"[?&]gpu_model=runpod%2Fa100-80gb(&|$)"))


def test_preset_override_keeps_the_preset_and_returns_to_it(page: Page, site_url: str) -> None:
    """A link naming GPT-6 Luna with a $0.20 input price prices (800 x 0.2 + 200 x 0.5) /
    1,000 = $0.26 per 1,000 requests: the preset's other values stay, the menu says custom
    and a note beside it names what came from the preset. Typing the preset's $0.10 back
    makes the menu return to GPT-6 Luna, as the CLI and a link read it."""
    page.goto(f"{site_url}?view=detailed&api_model=openai/gpt-6-luna&input_price_per_mtok=0.2")
    wait_ready(page)
    expect(page.locator("[data-output=effective_api_cost_per_1k]")).to_have_text("$0.26")
    expect(page.locator("input[name=output_price_per_mtok]")).to_have_value("0.5")
    menu = page.locator("select[name=api_model]")
    expect(menu).to_have_value("custom")
    note = page.locator("[data-preset-note=api_model]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Custom: GPT-6 Luna (OpenAI) with your input token price")
    expect(note).to_contain_text("Kept from the preset: output token price $0.5 per MTok")
    price = page.locator("input[name=input_price_per_mtok]")
    price.click()
    page.keyboard.press("Control+a")
    page.keyboard.type("0.1")
    expect(menu).to_have_value("openai/gpt-6-luna")
    expect(note).to_be_hidden()
    expect(page.locator("[data-output=effective_api_cost_per_1k]")).to_have_text("$0.18")


def test_address_follows_typing_before_the_field_is_left(page: Page, site_url: str) -> None:
    """The address bar holds what the results show while the reader is still typing (the
    review read Playwright's page.url, which misses replaceState; location.search does not)."""
    page.goto(f"{site_url}?view=detailed&monthly_growth=0.05")
    wait_ready(page)
    growth = page.locator("input[name=monthly_growth]")
    growth.click()
    page.keyboard.press("Control+a")
    page.keyboard.type("7")
    # API prices falling 20% a year (api_price_decline's default): $35,777 with flat prices
    expect(page.locator("[data-output=tco_api]")).to_have_text("$31,887")
    for _ in range(50):
        if "monthly_growth=0.07" in page.evaluate("location.search"):
            break
        page.wait_for_timeout(100)
    assert "monthly_growth=0.07" in page.evaluate("location.search")
    assert growth.evaluate("field => field === document.activeElement")


@pytest.mark.parametrize("width", [360, 1280])
def test_preset_menus_fit_their_labels(page: Page, site_url: str, width: int) -> None:
    """No preset menu cuts its label short, on a phone (360 px) or a desktop (1280 px): each
    option's text, in the menu's font, is narrower than the menu less its arrow."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_url}?view=detailed")
    for name in ("api_model", "gpu_model"):
        cut = page.locator(f"select[name={name}]").evaluate(
            """select => {
                const style = getComputedStyle(select);
                const context = document.createElement("canvas").getContext("2d");
                context.font = style.font;
                const room = select.clientWidth - parseFloat(style.paddingLeft)
                  - parseFloat(style.paddingRight) - 24;
                return [...select.options].map((o) => o.text)
                  .filter((text) => context.measureText(text).width > room);
            }"""
        )
        assert cut == [], (name, width, cut)


def test_model_documentation_is_published_and_linked(page: Page, site_url: str) -> None:
    """The analyzer links "How the analyzer computes" to model.html, built from
    docs/model.md: every formula with its units and sources, on the site itself."""
    page.goto(site_url)
    page.locator(".analyzer-notes summary").click()  # "How to read the analyzer"
    link = page.locator("#analyzer a[href='model.html']")
    expect(link).to_have_text("How the analyzer computes")
    link.click()
    expect(page.locator("h1")).to_have_text("How the analyzer computes")
    expect(page.locator("main")).to_contain_text("t_req = input / prefill_tps")


def test_api_ranking_catches_up_when_scrolled_to(page: Page, site_url: str) -> None:
    """The API ranking, below the first screen, is left out of each input's compute until
    its table comes near the viewport (optional-parts.js); then it shows pycore's ranking
    of the scenario on show."""
    page.goto(f"{site_url}?view=detailed#analyzer")
    wait_ready(page)
    page.evaluate(SET_VOLUME_JS, "10000000")
    expect(page.locator("[data-output=api_monthly]")).to_have_attribute("data-value", "20000")
    expected = pycore.compute({"monthly_inferences": 10_000_000})["api_ranking"]
    assert isinstance(expected, list)
    page.locator("[data-api-ranking]").scroll_into_view_if_needed()
    rows = page.locator("[data-api-ranking-body] tr")
    expect(rows).to_have_count(len(expected))
    for row, rank in zip(rows.all(), expected, strict=True):
        expect(row).to_have_attribute("data-api-model", rank["id"])
        expect(row).to_contain_text(rank["text"]["monthly"])

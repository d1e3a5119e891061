"""Browser tests of the model's terms on the page: named presets, shares in percent, the
latency of both options side by side, and the two break-evens."""

from __future__ import annotations

import re

import pytest
from pagehelpers import wait_ready
from playwright.sync_api import Page, expect

import pycore

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("page_errors")]


def test_chosen_api_model_is_named_not_guessed(page: Page, site_url: str) -> None:
    """Claude Sonnet 5.5 stays Sonnet in the menu and the link, though GPT-6.1 Sol has the same
    $2 / $10 prices (the old page matched presets back by price and showed Sol)."""
    page.goto(f"{site_url}?view=detailed")
    wait_ready(page)
    menu = page.locator("select[name=api_model]")
    menu.select_option("anthropic/claude-sonnet-5-5")
    expect(page).to_have_url(re.compile(r"[?&]api_model=anthropic%2Fclaude-sonnet-5-5(&|$)"))
    expect(menu).to_have_value("anthropic/claude-sonnet-5-5")
    page.reload()
    wait_ready(page)
    expect(page.locator("select[name=api_model]")).to_have_value("anthropic/claude-sonnet-5-5")
    expect(page.locator("input[name=cached_input_price_per_mtok]")).to_have_value("0.1")


def test_finance_card_loads_as_sonnet(page: Page, site_url: str) -> None:
    """The finance use case names Claude Sonnet 5.5 and loads as Sonnet, with its own volume."""
    page.goto(f"{site_url}?view=detailed")
    wait_ready(page)
    card = page.locator("[data-use-case=finance-extraction] [data-view-only=detailed]")
    expect(card).to_contain_text("Claude Sonnet 5.5")
    expect(card).to_contain_text("64,000 tokens")
    card.locator("[data-action=load-use-case]").click()
    expect(page.locator("select[name=api_model]")).to_have_value("anthropic/claude-sonnet-5-5")
    expect(page.locator("input[name=monthly_inferences]")).to_have_value("320000")


def test_growth_is_typed_as_a_percentage(page: Page, site_url: str) -> None:
    """Typing 5 into monthly growth means 5% a month: the link says 0.05, nothing is clamped."""
    page.goto(f"{site_url}?view=detailed&monthly_inferences=10000000&horizon_months=24")
    wait_ready(page)
    growth = page.locator("input[name=monthly_growth]")
    expect(page.locator("[data-field=monthly_growth] .unit")).to_have_text("(% a month)")
    growth.fill("5")
    growth.dispatch_event("change")
    expect(page).to_have_url(re.compile(r"[?&]monthly_growth=0\.05(&|$)"))
    expected = pycore.compute(
        {"monthly_inferences": 10_000_000, "horizon_months": 24, "monthly_growth": 0.05}
    )["results"]
    assert isinstance(expected, dict)
    expect(page.locator("[data-output=tco_api]")).to_have_attribute(
        "data-value", str(expected["tco_api"])
    )
    expect(page.locator("[data-notices]")).to_be_hidden()
    expect(growth).to_have_value("5")


def test_latency_of_both_options_side_by_side(page: Page, site_url: str) -> None:
    """With GPUs sized for a latency target the page shows both p95 times to first token."""
    page.goto(f"{site_url}?view=detailed&gpu_model=runpod%2Fh100-80gb&monthly_inferences=50000000")
    wait_ready(page)
    ours = page.locator("[data-output=p95_ttft_ms]")
    expect(ours).to_be_visible()
    expect(ours).to_have_text(re.compile(r"^\d[\d,]* ms$"))
    expect(page.locator("[data-output=api_p95_latency_ms]")).to_have_text("2,200 ms")
    expect(page.locator("[data-output-latency-summary]")).to_contain_text(
        "the API's p95 time to first token is 2,200 ms"
    )
    expect(page.locator("[data-output=utilization]")).to_have_text(re.compile(r"%$"))


def test_both_breakevens_are_explained(page: Page, site_url: str) -> None:
    """When an added replica makes the API cheaper again, the page gives both break-evens."""
    query = "api_cost_per_1k=0.2&gpu_hourly=3.49&replica_throughput_tps=2800&view=detailed"
    page.goto(f"{site_url}?{query}")
    wait_ready(page)
    first = page.locator("[data-output=breakeven_inferences]")
    sustained = page.locator("[data-output=sustained_breakeven_inferences]")
    expect(first).to_have_attribute("data-value", "12738500")
    expect(sustained).not_to_have_attribute("data-value", "12738500")
    expect(page.locator("[data-output-summary]")).to_contain_text("cheaper at every volume above")

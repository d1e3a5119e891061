"""Browser tests of planning: the pilot planner and the odds from ranges, computed in the
worker after the main update."""

from __future__ import annotations

import pytest
from pagehelpers import wait_ready
from playwright.sync_api import Page, expect

import pycore

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("page_errors")]


def test_pilot_planner(page: Page, site_url: str) -> None:
    """The pilot section gives the pairs, the days and the cost, and what it cannot show."""
    page.goto(f"{site_url}?monthly_inferences=100000#pilot")
    wait_ready(page)
    expect(page.locator("[data-output=pilot_sample_size]")).to_have_attribute("data-value", "1544")
    # 100,000 x 1% / 30.42 days = 32.9 pairs a day: 47 days
    expect(page.locator("[data-output=pilot_days]")).to_have_text("47 days")
    expect(page.locator("[data-pilot-limits]")).to_contain_text("unloaded latency")
    share = page.locator("input[name=pilot_traffic_share]")
    expect(share).to_have_value("1")  # percent on the page
    share.fill("5")
    # 100,000 x 5% / 30.42 = 164 a day: 1,544 pairs in 10 days, so the two-week floor
    expect(page.locator("[data-output=pilot_days]")).to_have_text("14 days")
    expected = pycore.compute({"monthly_inferences": 100_000, "pilot_traffic_share": 0.05})
    expect(page.locator("[data-output=pilot_cost]")).to_have_attribute(
        "data-value",
        str(expected["results"]["pilot_cost"]),  # type: ignore[index]
    )


RANGED = {
    "monthly_inferences": 10_000_000,
    "monthly_inferences_low": 3_000_000,
    "monthly_inferences_high": 30_000_000,
}


def test_odds_arrive_after_the_main_update(page: Page, site_url: str) -> None:
    """With a range the odds come as their own message, equal to the CLI's, with a chart."""
    query = "&".join(f"{name}={value}" for name, value in RANGED.items())
    page.goto(f"{site_url}?view=detailed&{query}")
    wait_ready(page)
    expected = pycore.compute(RANGED)["results"]
    assert isinstance(expected, dict)
    odds = page.locator("[data-output=payback_probability]")
    expect(odds).to_have_attribute("data-value", str(expected["payback_probability"]))
    expect(page.locator("[data-output=savings_probability]")).to_have_attribute(
        "data-value", str(expected["savings_probability"])
    )
    expect(page.locator("[data-odds-table] tr")).to_have_count(20)
    expect(page.locator("[data-odds-summary]")).to_contain_text("10,000 draws")
    page.locator("#odds-chart").scroll_into_view_if_needed()
    expect(page.locator("#odds-chart")).to_have_attribute("data-chart", "drawn")


def test_input_during_a_simulation_wins(page: Page, site_url: str) -> None:
    """An input made while the odds are computed is answered, and the odds shown are those
    of the newest scenario: a stale simulation is dropped, never queued ahead of input."""
    slow = {**RANGED, "monthly_growth_low": 0, "monthly_growth_high": 0.1, "horizon_months": 60}
    query = "&".join(f"{name}={value}" for name, value in slow.items())
    page.goto(f"{site_url}?view=detailed&{query}")
    wait_ready(page)
    volume = page.locator("input[name=monthly_inferences]")
    volume.fill("20000000")
    expect(page.locator("[data-output=api_monthly]")).to_have_attribute("data-value", "40000")
    newest = pycore.compute({**slow, "monthly_inferences": 20_000_000})["results"]
    assert isinstance(newest, dict)
    expect(page.locator("[data-output=tco_savings_p50]")).to_have_attribute(
        "data-value", str(newest["tco_savings_p50"]), timeout=20_000
    )

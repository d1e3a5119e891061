"""Browser tests of the decision: the verdict and the options table, for the seed's scenario
and each use case, exactly as pycore computes them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pagehelpers import open_group, wait_ready
from playwright.sync_api import Page, expect

import pycore
from sitegen.content import detailed_parameters

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("page_errors")]

ROOT = Path(__file__).resolve().parents[1]
CASES: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "content" / "use_cases.yaml").read_text(encoding="utf-8")
)


def test_seed_verdict_and_options(page: Page, site_url: str) -> None:
    """At the seed's defaults the page says to stay on the API, and what would change it."""
    page.goto(site_url)
    wait_ready(page)
    verdict = page.locator("[data-verdict]")
    expect(verdict).to_contain_text("Stay on the API")
    expect(verdict).to_contain_text("Self-hosting would win above 1,500,000 requests a month")
    expect(verdict).to_have_attribute("data-recommended", "api")
    rows = page.locator("table[data-options] tbody tr")
    expect(rows).to_have_count(5)
    expect(page.locator("table[data-options] tr[data-recommended]")).to_have_attribute(
        "data-option", "api"
    )
    page.locator("input[name=monthly_inferences]").fill("10000000")
    expect(verdict).to_contain_text("Fine-tune and self-host")
    expect(page.locator("table[data-options] tr[data-recommended]")).to_have_attribute(
        "data-option", "self_hosted"
    )
    # the rows are updated in place (dom.js): the badge moved, none is left behind, and
    # every figure is the new scenario's
    expect(page.locator("table[data-options] .badge")).to_have_count(1)
    expect(page.locator("table[data-options] tr[data-option=self_hosted] .badge")).to_have_count(1)
    options = pycore.compute({"monthly_inferences": 10_000_000})["options"]
    assert isinstance(options, list)
    for index, option in enumerate(options):
        cells = rows.nth(index).locator("td")
        expect(cells.nth(0)).to_have_text(option["text"]["monthly_with_failures"])
        expect(cells.nth(5)).to_have_text(option["text"]["payback_months"])


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_use_case_verdict_and_options(page: Page, site_url: str, case: dict[str, Any]) -> None:
    """Each use case's detailed view shows pycore's verdict and options, row by row."""
    page.goto(f"{site_url}?view=detailed")
    wait_ready(page)
    card = page.locator(f"[data-use-case={case['id']}] [data-view-only=detailed]")
    card.locator("[data-action=load-use-case]").click()
    expected = pycore.compute(detailed_parameters(case))
    expect(page.locator("[data-verdict]")).to_have_text(str(expected["verdict"]))
    options = expected["options"]
    assert isinstance(options, list)
    rows = page.locator("table[data-options] tbody tr")
    expect(rows).to_have_count(len(options))
    for index, option in enumerate(options):
        row = rows.nth(index)
        expect(row).to_have_attribute("data-option", option["id"])
        expect(row.locator("td").nth(0)).to_have_text(option["text"]["monthly_with_failures"])
        expect(row.locator("td").nth(1)).to_have_text(option["text"]["cost_per_1k_success"])
    # the API ranking is computed while its table is near the viewport: go and read it
    page.locator("table[data-api-ranking]").scroll_into_view_if_needed()
    ranking = page.locator("table[data-api-ranking] tbody tr")
    expect(ranking).to_have_count(len(pycore.API_MODELS))
    expect(page.locator("table[data-api-ranking] tr[data-chosen]")).to_have_attribute(
        "data-api-model", case["detailed"]["parameters"]["api_model"]
    )


def test_weights_move_the_factor_summary(page: Page, site_url: str) -> None:
    """Weighing data privacy heavily makes the factors favour the fine-tuned model, and the
    page says when that disagrees with the cost."""
    page.goto(f"{site_url}?view=detailed&monthly_inferences=1000000")
    wait_ready(page)
    summary = page.locator("[data-factors-summary]")
    open_group(page, "weight_data_privacy")  # "What matters to you" opens on demand
    page.locator("input[name=weight_data_privacy]").fill("5")
    expect(summary).to_contain_text("decide which matters more")
    # (cost 1 + 4 x 2,000 / 3,000 + 5 + 5 x 5 + 4 + 2 + 2 + 2 + 3 + 5) / 13 = 51.67 / 13
    expect(page.locator("[data-output=finetuned_weighted_score]")).to_have_attribute(
        "data-value", "3.9744"
    )
    expect(page.locator("[data-output=finetuned_weighted_score]")).to_have_text("4.0 / 5")

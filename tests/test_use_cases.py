"""The use cases survive scrutiny: physically consistent profiles, the seed's figures kept in
the simple view, and the small-tier API each is compared with."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

import pycore
from pycore.options import small_api_model
from sitegen.content import detailed_parameters, use_case_parameters

ROOT = Path(__file__).resolve().parents[1]
CASES: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "content" / "use_cases.yaml").read_text(encoding="utf-8")
)
#: Tokens in the text of a median 10-K: 49,000 words in 2013 (Dyer, Lang and Stice-Lawrence,
#: "The Evolution of 10-K Textual Disclosure", Journal of Accounting and Economics, 2017),
#: at 1.3 tokens a word.
TEN_K_TOKENS = 49_000 * 1.3


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_cached_prefix_reaches_the_providers_minimum(case: dict[str, Any]) -> None:
    """A profile caches nothing, or a prefix at least as long as its provider caches."""
    parameters = pycore.validate_parameters(detailed_parameters(case))
    prefix = parameters["cached_input_share"] * parameters["avg_input_tokens"]  # type: ignore[operator]
    assert prefix == 0 or prefix >= parameters["min_cacheable_tokens"]  # type: ignore[operator]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_simple_view_keeps_the_seed(case: dict[str, Any]) -> None:
    """The simple view prices each case at the seed's $2.00 per 1,000 and $3,000 hosting."""
    parameters = use_case_parameters(case)
    assert parameters["monthly_inferences"] == 10_000_000
    results = pycore.compute(parameters)["results"]
    assert isinstance(results, dict)
    assert results["api_monthly"] == 20_000
    assert results["finetuned_monthly"] == 3_000


def test_finance_reads_no_more_than_a_filing_holds() -> None:
    """Each 10-K is read once: its chunks hold no more tokens than the filing's text.

    The seed's 1,000 chunks of 3,000 tokens would be 3,000,000 tokens per report.
    """
    case = next(case for case in CASES if case["id"] == "finance-extraction")
    detailed = case["detailed"]
    reports = detailed["drivers"][0]["value"]
    chunks = math.prod(driver["value"] for driver in detailed["drivers"]) / reports
    parameters = pycore.validate_parameters(detailed_parameters(case))
    prefix = parameters["cached_input_share"] * parameters["avg_input_tokens"]  # type: ignore[operator]
    document_tokens = parameters["avg_input_tokens"] - prefix  # type: ignore[operator]
    assert chunks * document_tokens <= TEN_K_TOKENS
    assert "64,000 tokens" in detailed["departs"]


def test_each_case_is_compared_with_a_small_tier_api(site_dir: Path) -> None:
    """Each detailed card names the small-tier API and what it would cost for the same
    requests, the very row of the analyzer's options table for that scenario (one pick, in
    pycore): the travel case's is Groq's Llama 3.1 8B at $1,563 a month, its cached prompt
    billed at half the input price (Groq's 50% discount), not GPT-6 Luna at $1,703."""
    soup = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    for case in CASES:
        report = pycore.compute(detailed_parameters(case))
        row = next(row for row in report["options"] if row["id"] == "small_api")  # type: ignore[attr-defined]
        small_id = small_api_model(pycore.scenario_from(report["parameters"]))  # type: ignore[arg-type]
        assert pycore.API_MODELS[small_id]["tier"] == "small"
        assert row["name"] == f"Small-tier API: {pycore.API_MODELS[small_id]['name']}"
        card = soup.select_one(f"[data-use-case={case['id']}] [data-small-api]")
        assert card is not None
        assert card["data-small-api"] == small_id
        assert pycore.API_MODELS[small_id]["name"] in card.get_text()
        assert row["text"]["monthly"] in card.get_text()
    travel = soup.select_one("[data-use-case=travel-support] [data-small-api]")
    assert travel is not None
    assert travel["data-small-api"] == "groq/llama-3.1-8b-instant"
    assert "$1,563" in travel.get_text()


def test_groq_bills_cached_input_at_half_price() -> None:
    """The price catalog gives Groq no cached price; Groq's implicit caching takes 50% off
    cached input (vercel/ai pull request #17117, 2026-07-11), so its presets carry half the
    input price, not pycore's tenth."""
    for model_id in ("groq/llama-3.1-8b-instant", "groq/llama-3.3-70b-versatile"):
        values = pycore.API_MODELS[model_id]["values"]
        assert values["cached_input_price_per_mtok"] == values["input_price_per_mtok"] / 2
    assert (
        "vercel/ai pull request #17117"
        in pycore.API_MODELS["groq/llama-3.1-8b-instant"]["caching_source"]
    )

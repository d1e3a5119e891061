"""The API bill as providers send it: cache minimums and writes, tiers, reasoning tokens."""

from __future__ import annotations

from typing import Any

import pytest

import pycore
from pycore import Scenario


def bill(**changes: Any) -> pycore.ApiBill:
    """The bill of one request with token prices and the given changes."""
    base: dict[str, Any] = {
        "monthly_inferences": 1_000_000,
        "api_cost_per_1k": 2.0,
        "hosting_monthly": 3000,
        "input_price_per_mtok": 2.0,
        "output_price_per_mtok": 10.0,
        "avg_input_tokens": 3000,
        "avg_output_tokens": 200,
        "cache_write_share": 0.0,
    }
    return pycore.api_bill(Scenario(**{**base, **changes}))


def test_no_cache_below_the_provider_minimum() -> None:
    """A cached prefix shorter than the provider's minimum is billed as ordinary input."""
    # 30% of 3,000 = 900 tokens: below OpenAI's 1,024, so nothing is cached
    short = bill(cached_input_share=0.3, min_cacheable_tokens=1024)
    assert short.cached_tokens == 0
    assert short.total == pytest.approx((3000 * 2.0 + 200 * 10.0) / 1e6)
    # 40% = 1,200 tokens: cached, at a tenth of the input price when none is given
    long = bill(cached_input_share=0.4, min_cacheable_tokens=1024)
    assert long.cached_tokens == 1200
    assert long.total == pytest.approx((1800 * 2.0 + 1200 * 0.2 + 200 * 10.0) / 1e6)


def test_cache_writes_pay_the_write_price() -> None:
    """A share of the prefix is written at the write price, the rest read at the cached price."""
    parts = bill(
        cached_input_share=0.5,
        min_cacheable_tokens=0,
        cached_input_price_per_mtok=0.2,
        cache_write_price_per_mtok=2.5,  # Anthropic's 1.25x the input price
        cache_write_share=0.1,
    )
    # 1,500 uncached x 2.0 + 1,350 read x 0.2 + 150 written x 2.5 + 200 x 10
    assert parts.uncached_input == pytest.approx(1500 * 2.0 / 1e6)
    assert parts.cache_read == pytest.approx(1350 * 0.2 / 1e6)
    assert parts.cache_write == pytest.approx(150 * 2.5 / 1e6)
    assert parts.total == pytest.approx((3000 + 270 + 375 + 2000) / 1e6)


def test_cache_write_defaults_to_the_input_price() -> None:
    """With no write price a write costs what uncached input costs (no premium)."""
    parts = bill(cached_input_share=0.5, min_cacheable_tokens=0, cache_write_share=1.0)
    assert parts.cache_write == pytest.approx(1500 * 2.0 / 1e6)


def test_cached_price_defaults_to_a_tenth_of_input() -> None:
    """A $0.10 model's cached tokens cost $0.01, never more than uncached ones.

    Today's audit: cached input defaulted to $0.125 per MTok whatever the input price.
    """
    scenario = Scenario(1e6, 2.0, 3000, input_price_per_mtok=0.10, output_price_per_mtok=0.5)
    cheap = bill(input_price_per_mtok=0.10, cached_input_share=0.5, min_cacheable_tokens=0)
    assert cheap.cache_read == pytest.approx(1500 * 0.01 / 1e6)
    assert cheap.cache_read < cheap.uncached_input
    assert scenario.cached_input_price_per_mtok is None


def test_long_context_tier_bills_the_whole_request() -> None:
    """Above the threshold every token pays the tier price, cache prices scaled alike.

    Claude Haiku 5.5 in genai-prices 0.2.3: $0.10 / $0.50, and $0.50 / $2.50 (5x) for
    prompts over 100,000 tokens.
    """
    values = pycore.API_MODELS["anthropic/claude-haiku-5-5"]["values"]
    haiku = {name: values[name] for name in values}
    under = bill(**haiku, avg_input_tokens=100_000, avg_output_tokens=1000)
    over = bill(**haiku, avg_input_tokens=100_001, avg_output_tokens=1000)
    assert not under.long_context
    assert under.total == pytest.approx((100_000 * 0.10 + 1000 * 0.50) / 1e6)
    assert over.long_context
    assert over.total == pytest.approx((100_001 * 0.50 + 1000 * 2.50) / 1e6)
    cached = bill(**haiku, avg_input_tokens=150_000, cached_input_share=0.5)
    assert cached.cache_read == pytest.approx(75_000 * 0.05 / 1e6)  # 0.01 x 5


def test_reasoning_tokens_are_billed_as_output() -> None:
    """Hidden reasoning tokens add to the output bill."""
    plain = bill()
    thinking = bill(reasoning_tokens=800)
    assert thinking.output - plain.output == pytest.approx(800 * 10.0 / 1e6)


def test_batch_discount_applies_to_the_whole_bill() -> None:
    """A 50% batch discount halves the request's price."""
    assert bill(batch_discount=0.5).total == pytest.approx(bill().total / 2)


def test_old_travel_profile_caches_nothing_at_gemini() -> None:
    """The audit's travel case: a 420-token prefix is below every provider's minimum.

    600 input tokens, 70% cached, on Gemini 3.8 Flash (minimum 4,096 tokens): billed as
    600 uncached tokens, which turns the verdict from the API to the fine-tuned model.
    """
    report = pycore.compute(
        {
            "api_model": "google/gemini-3.8-flash",
            "gpu_model": "runpod/h100-80gb",
            "monthly_inferences": 10_000_000,
            "avg_input_tokens": 600,
            "avg_output_tokens": 120,
            "cached_input_share": 0.7,
            "peak_to_average": 3,
            "min_replicas": 2,
            "ops_monthly": 2000,
        }
    )
    results = report["results"]
    assert isinstance(results, dict)
    # 1000 x (600 x 0.75 + 120 x 3.75) / 1e6 = 0.90 USD per 1,000 requests
    assert results["effective_api_cost_per_1k"] == pytest.approx(0.90)
    assert results["monthly_savings"] > 0

"""Hand-worked examples for the detailed model: tokens, capacity, upfront, horizon."""

from __future__ import annotations

import json
import math

import pytest

import pycore
from pycore import Scenario


def test_token_pricing_hand_worked() -> None:
    """The effective price per 1,000 requests follows from token counts and prices."""
    scenario = Scenario(
        monthly_inferences=1_000_000,
        api_cost_per_1k=99,  # ignored once token prices are given
        hosting_monthly=3000,
        input_price_per_mtok=3.0,
        cached_input_price_per_mtok=0.3,
        output_price_per_mtok=15.0,
        avg_input_tokens=2000,
        avg_output_tokens=400,
        cached_input_share=0.5,
        min_cacheable_tokens=1000,
        cache_write_share=0.0,
        batch_discount=0.5,
    )
    # the cached prefix, 1,000 tokens, reaches the provider's minimum: it is cached
    # input:  2000 x (0.5 x 3.0 + 0.5 x 0.3) = 2000 x 1.65 = 3,300 USD per million requests
    # output:  400 x 15.0                    = 6,000 USD per million requests
    # per 1,000 requests: 1000 x 9,300 / 1,000,000 = 9.30, then x (1 - 0.5) = 4.65
    assert pycore.effective_api_cost_per_1k(scenario) == pytest.approx(4.65)
    # 1,000,000 requests / 1,000 x 4.65 = 4,650 USD per month
    assert pycore.api_monthly(scenario) == pytest.approx(4650)


def test_token_defaults_reproduce_the_seed_price() -> None:
    """At the suggested $1.25 input price the token defaults cost the seed's $2.00 per 1,000."""
    report = pycore.compute({"input_price_per_mtok": 1.25})
    # 1000 x (800 x 1.25 + 200 x 5.00) / 1,000,000 = 1000 x 2,000 / 1,000,000 = 2.00
    assert report["results"]["effective_api_cost_per_1k"] == pytest.approx(2.0)  # type: ignore[index]
    assert report["mode"] == {"api_pricing": "tokens", "hosting": "fixed"}


def capacity_scenario(volume: float, **changes: float) -> Scenario:
    """A capacity-hosted scenario whose replica serves one request in exactly 0.1 s."""
    base: dict[str, float] = {
        "monthly_inferences": volume,
        "api_cost_per_1k": 2.0,
        "hosting_monthly": 3000,
        "gpu_hourly": 2.0,
        "gpus_per_replica": 1,
        "replica_throughput_tps": 2000,  # 200 output tokens / 2,000 tok/s = 0.1 s
        "avg_output_tokens": 200,
        "peak_to_average": 1.0,
        "latency_slo_ms": 2000,
        "min_replicas": 1,
    }
    base.update(changes)
    return Scenario(**base)  # type: ignore[arg-type]


def test_capacity_hosting_cost_hand_worked() -> None:
    """Hosting is replicas x GPUs per replica x GPU-hour price x 730 hours."""
    scenario = capacity_scenario(1_000_000, gpus_per_replica=2, ops_monthly=500, min_replicas=3)
    # 3 replicas x 2 GPUs x 2.00 USD x 730 h = 8,760 USD; plus 500 ops = 9,260
    assert pycore.replicas(scenario) == 3
    assert pycore.hosting_cost(scenario) == pytest.approx(8_760)
    assert pycore.finetuned_monthly(scenario) == pytest.approx(9_260)


def test_replicas_grow_with_volume_and_never_saturate() -> None:
    """Each replica is kept below saturation: 1 / t_req = 10 requests per second at most."""
    for volume in (1e6, 1e7, 5e7, 2e8):
        scenario = capacity_scenario(volume)
        count = pycore.replicas(scenario)
        assert count is not None
        rate = volume / pycore.SECONDS_PER_MONTH
        assert rate * 0.1 < count  # busy share below 1
        assert count - 1 <= rate * 0.1 * 1.5 + 1  # and not grossly oversized


def test_capacity_breakeven_hand_worked() -> None:
    """The break-even is solved on the first capacity step where the API catches up."""
    scenario = capacity_scenario(0, ops_monthly=5000)
    # one replica: 1 x 2.00 x 730 = 1,460 USD/month; catches up at (1,460 + 5,000) / 0.002
    # = 3,230,000 requests, which one replica serves (1.23 per second, 12% busy)
    breakeven = pycore.breakeven_inferences(scenario)
    assert breakeven == pytest.approx(3_230_000)
    assert pycore.replicas(scenario, breakeven) == 1
    assert pycore.finetuned_monthly(scenario, breakeven) == pytest.approx(
        pycore.api_monthly(scenario, breakeven)
    )


def test_capacity_with_no_breakeven() -> None:
    """When a saturated replica costs more than the API would for its traffic, there is none."""
    # 10 requests per second for a month = 26,280,000 requests; the API charges 52,560 for
    # them; a replica at 100.00 an hour costs 73,000
    scenario = capacity_scenario(0, gpu_hourly=100.0)
    assert pycore.breakeven_inferences(scenario) is None
    assert pycore.no_breakeven_reason(scenario) == "replica_costs_more"


def test_upfront_cost_hand_worked() -> None:
    """Upfront is labelling plus training compute plus engineering."""
    scenario = Scenario(
        1e6,
        2.0,
        3000,
        training_examples=1000,
        labeling_cost_per_example=2.0,
        training_gpu_hours=8,
        training_gpu_hourly=3.0,
        engineering_upfront=20_000,
    )
    # 1,000 x 2.00 + 8 x 3.00 + 20,000 = 2,000 + 24 + 20,000 = 22,024 USD
    assert pycore.upfront_cost(scenario) == pytest.approx(22_024)


def test_horizon_tco_and_payback_hand_worked() -> None:
    """TCO sums each month's cost; payback is the first month cumulative costs cross."""
    scenario = Scenario(
        10_000_000,
        2.0,
        3000,
        training_examples=0,
        training_gpu_hours=0,
        engineering_upfront=50_000,
        horizon_months=12,
        api_price_decline=0,
        gpu_price_decline=0,
        retrain_every_months=0,
    )
    # flat prices and no retraining (test_planning works those by hand)
    # each month the API costs 20,000 and fine-tuned 3,000: it saves 17,000 a month
    # cumulative fine-tuned after m months: 50,000 + 3,000 m; API: 20,000 m
    # 50,000 + 3,000 m <= 20,000 m  <=>  m >= 50,000 / 17,000 = 2.94 -> month 3
    result = pycore.horizon(scenario)
    assert result.payback_months == 3
    assert result.tco_api == pytest.approx(240_000)  # 12 x 20,000
    assert result.tco_finetuned == pytest.approx(86_000)  # 50,000 + 12 x 3,000
    assert result.cumulative_finetuned[0] == 50_000
    assert result.cumulative_api[3] == pytest.approx(60_000)


def test_horizon_with_growth_hand_worked() -> None:
    """Month m serves V x (1 + growth)^(m - 1) requests."""
    scenario = Scenario(
        1_000_000, 2.0, 3000, monthly_growth=0.5, horizon_months=3, api_price_decline=0
    )
    result = pycore.horizon(scenario)
    # volumes 1.0M, 1.5M, 2.25M -> API 2,000 + 3,000 + 4,500 = 9,500 USD
    assert result.volumes == pytest.approx((1_000_000, 1_500_000, 2_250_000))
    assert result.tco_api == pytest.approx(9_500)


def test_no_payback_within_horizon() -> None:
    """Below break-even the fine-tuned model never pays back."""
    result = pycore.horizon(Scenario(1_000_000, 2.0, 3000))
    assert result.payback_months is None
    report = pycore.compute({})
    assert report["text"]["payback_months"] == "not within 12 months"  # type: ignore[index]


def test_sensitivity_sorted_by_swing() -> None:
    """Each main input moves savings at -20% and +20%; bars are sorted by swing."""
    bars = pycore.sensitivity(Scenario(10_000_000, 2.0, 3000))
    assert [bar.name for bar in bars] == [
        "monthly_inferences",
        "api_cost_per_1k",
        "hosting_monthly",
    ]
    volume, price, hosting = bars
    # volume 8M and 12M: savings 16,000 - 3,000 = 13,000 and 24,000 - 3,000 = 21,000
    assert (volume.savings_low, volume.savings_high) == pytest.approx((13_000, 21_000))
    assert volume.swing == pytest.approx(8_000)
    # price 1.60 and 2.40: break-even 3,000 / 0.0016 = 1,875,000 and 3,000 / 0.0024 = 1,250,000
    assert price.breakeven_low == pytest.approx(1_875_000)
    assert price.breakeven_high == pytest.approx(1_250_000)
    # hosting 2,400 and 3,600: savings 17,600 and 16,400
    assert hosting.swing == pytest.approx(1_200)


def test_sensitivity_clamps_to_range() -> None:
    """A +20% change that would leave the input's range is clamped to its bound."""
    scenario = Scenario(
        1e7, 2.0, 3000, input_price_per_mtok=2.0, cached_input_share=0.9, min_cacheable_tokens=0
    )
    bars = pycore.sensitivity(scenario)
    share = next(bar for bar in bars if bar.name == "cached_input_share")
    assert share.high_value == 1.0
    assert share.low_value == pytest.approx(0.72)


def test_results_cover_every_named_result() -> None:
    """compute() returns every result the issue names (and the later issues' results), with
    null where empty."""
    report = pycore.compute({"gpu_hourly": 2.0})
    results = report["results"]
    assert isinstance(results, dict)
    assert set(results) == {spec.name for spec in pycore.RESULTS}
    assert set(results) >= {
        "effective_api_cost_per_1k",
        "api_monthly",
        "finetuned_monthly",
        "monthly_savings",
        "breakeven_inferences",
        "sustained_breakeven_inferences",
        "replica_cost_per_1k",
        "replicas",
        "utilization",
        "p95_ttft_ms",
        "api_p95_latency_ms",
        "p50_itl_ms",
        "p95_e2e_ms",
        "api_monthly_with_failures",
        "finetuned_monthly_with_failures",
        "api_cost_per_1k_success",
        "finetuned_cost_per_1k_success",
        "hybrid_monthly",
        "hybrid_success_rate",
        "best_routed_share",
        "breakeven_api_cost_per_1k",
        "breakeven_gpu_hourly",
        "api_weighted_score",
        "finetuned_weighted_score",
        "upfront_cost",
        "tco_api",
        "tco_finetuned",
        "payback_months",
        "npv",
        "pilot_sample_size",
        "pilot_days",
        "pilot_cost",
        "payback_probability",
        "savings_probability",
        "tco_savings_p10",
        "tco_savings_p50",
        "tco_savings_p90",
    }
    # 1,000,000 requests a month of 800 + 200 tokens on the default H100 profile: one replica
    assert results["replicas"] == 1
    assert results["finetuned_monthly"] == pytest.approx(1460)  # 1 x 1 x 2.00 x 730
    assert math.isclose(results["upfront_cost"], 22_024)


def test_skipped_parts_are_left_out_and_nothing_else_changes() -> None:
    """compute_json's ``skip`` leaves the sensitivity and the API ranking out (None) and
    changes nothing else; unknown names and a ``skip`` that is not a list are ignored."""
    query = "?view=detailed&gpu_model=aws%2Fh100-80gb&monthly_inferences=3e6"
    full = json.loads(pycore.compute_json(json.dumps({"query": query})))
    assert [bar["name"] for bar in full["sensitivity"]] == [
        "monthly_inferences",
        "api_cost_per_1k",
        "gpu_hourly",
    ]
    assert len(full["api_ranking"]) == 10
    skip = ["sensitivity", "api_ranking", "results"]
    part = json.loads(pycore.compute_json(json.dumps({"query": query, "skip": skip})))
    assert part["sensitivity"] is None
    assert part["api_ranking"] is None
    assert {k: v for k, v in part.items() if k not in skip[:2]} == {
        k: v for k, v in full.items() if k not in skip[:2]
    }
    for garbage in ("sensitivity", {"sensitivity": 1}, None, 3):
        ignored = pycore.compute_json(json.dumps({"query": query, "skip": garbage}))
        assert json.loads(ignored) == full

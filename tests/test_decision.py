"""The decision layer: quality, every option side by side, routing, the verdict's thresholds
and the weighted factors."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import pycore
from pycore import Scenario
from pycore.options import cheapest, managed_months_left, options, small_api_model
from pycore.quality import cost_per_1k_success
from pycore.routing import best_routed_share, hybrid
from pycore.verdict import factor_scores, thresholds, weighted_scores


def scenario(**changes: Any) -> Scenario:
    """A scenario with the defaults and the given changes."""
    return Scenario(
        **{
            "monthly_inferences": 10_000_000,
            "api_cost_per_1k": 2.0,
            "hosting_monthly": 3000,
            **changes,
        }
    )


def test_cost_per_successful_answer_hand_worked() -> None:
    """Failures cost failure_cost each, and the bill is spread over the successful answers."""
    found = pycore.compute(
        {
            "monthly_inferences": 1_000_000,
            "api_success_rate": 0.8,
            "finetuned_success_rate": 0.95,
            "failure_cost": 0.5,
        }
    )["results"]
    assert isinstance(found, dict)
    # API: 2,000 + 1,000,000 x 0.2 x 0.50 = 102,000 a month; per 1,000 of 800,000 successes
    assert found["api_monthly_with_failures"] == 102_000
    assert found["api_cost_per_1k_success"] == pytest.approx(127.5)
    # fine-tuned: 3,000 + 1,000,000 x 0.05 x 0.50 = 28,000; per 1,000 of 950,000 successes
    assert found["finetuned_monthly_with_failures"] == 28_000
    assert found["finetuned_cost_per_1k_success"] == pytest.approx(28_000 / 950, abs=1e-6)


def test_hybrid_hand_worked() -> None:
    """The hybrid pays the API for the unrouted and escalated requests, hosting and a router."""
    s = scenario(
        routed_share=0.6,
        fallback_share=0.2,
        router_cost_per_1k=0.05,
        api_success_rate=0.9,
        finetuned_success_rate=0.85,
    )
    mixed = hybrid(s)
    # API calls: 10M x (0.4 + 0.6 x 0.2) = 5.2M at 0.002 = 10,400; hosting 3,000; router 500
    assert mixed.monthly == pytest.approx(13_900)
    # routed: 0.85 + min(0.2, 0.15) x 0.9 - (0.2 - 0.15) x (1 - 0.9) = 0.85 + 0.135 - 0.005
    assert mixed.success_rate == pytest.approx(0.4 * 0.9 + 0.6 * 0.98)


def ratio(s: Scenario, share: float) -> float:
    """Cost per 1,000 successful answers of the hybrid at ``share``."""
    cost = hybrid(s, share).cost_per_1k_success
    return math.inf if cost is None else cost


routing_scenarios = st.builds(
    scenario,
    monthly_inferences=st.floats(min_value=1e4, max_value=3e8),
    api_cost_per_1k=st.floats(min_value=0.05, max_value=10),
    gpu_hourly=st.one_of(st.none(), st.floats(min_value=0.5, max_value=8)),
    replica_throughput_tps=st.floats(min_value=200, max_value=5000),
    min_replicas=st.integers(min_value=0, max_value=3).map(float),
    api_success_rate=st.floats(min_value=0.5, max_value=1),
    finetuned_success_rate=st.floats(min_value=0.5, max_value=1),
    min_success_rate=st.floats(min_value=0.4, max_value=0.95),
    fallback_share=st.floats(min_value=0, max_value=0.5),
    router_cost_per_1k=st.floats(min_value=0, max_value=0.5),
    failure_cost=st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=2)),
)


@settings(max_examples=60, deadline=None)
@given(routing_scenarios)
@example(
    scenario(gpu_hourly=3.49, replica_throughput_tps=1000, monthly_inferences=3e7, min_replicas=2)
)
def test_best_routed_share_beats_a_brute_force_scan(s: Scenario) -> None:
    """No share on a fine grid is both feasible and cheaper per success than the solved one."""
    best = best_routed_share(s)
    grid = [i / 400 for i in range(401)]
    feasible = [r for r in grid if hybrid(s, r).success_rate >= s.min_success_rate]
    if best is None:
        assert feasible == []
        return
    assert hybrid(s, best).success_rate >= s.min_success_rate * (1 - 1e-12)
    solved = ratio(s, best)
    for share in feasible:
        assert solved <= ratio(s, share) * (1 + 1e-9), share


def test_thresholds_substituted_back_tie() -> None:
    """At each reverse-solved threshold the API and self-hosting cost the same per success."""
    base = scenario(
        gpu_model="runpod/h100-80gb",
        **pycore.GPU_MODELS["runpod/h100-80gb"]["values"],
        monthly_inferences=4e6,
        api_success_rate=0.85,
        finetuned_success_rate=0.93,
        failure_cost=0.002,
    )
    limits = thresholds(base)
    assert limits.api_cost_per_1k is not None
    assert limits.gpu_hourly is not None
    assert limits.volume is not None

    def per_success(s: Scenario) -> tuple[float, float]:
        volume = s.monthly_inferences
        api = pycore.api_monthly(s) + volume * (1 - s.api_success_rate) * s.failure_cost
        mine = (
            pycore.finetuned_monthly(s) + volume * (1 - s.finetuned_success_rate) * s.failure_cost
        )
        return api / (volume * s.api_success_rate), mine / (volume * s.finetuned_success_rate)

    api, mine = per_success(dataclasses.replace(base, api_cost_per_1k=limits.api_cost_per_1k))
    assert api == pytest.approx(mine, rel=1e-9)
    api, mine = per_success(dataclasses.replace(base, gpu_hourly=limits.gpu_hourly))
    assert api == pytest.approx(mine, rel=1e-9)
    api, mine = per_success(dataclasses.replace(base, monthly_inferences=limits.volume))
    assert api == pytest.approx(mine, rel=1e-9)


def test_plain_thresholds_match_the_seed() -> None:
    """With equal quality and free failures the thresholds are the bills': $3,000 hosting
    against $2.00 per 1,000 ties at 1,500,000 requests, or at $0.30 per 1,000 at 10M."""
    limits = thresholds(scenario())
    assert limits.volume == pytest.approx(1_500_000)
    assert limits.api_cost_per_1k == pytest.approx(0.3)
    assert limits.gpu_hourly is None  # fixed hosting


def test_recommendation_is_the_cheapest_that_meets_every_constraint() -> None:
    """The recommended option misses nothing, and no cheaper option meets every constraint."""
    s = scenario(
        input_price_per_mtok=2,
        output_price_per_mtok=10,
        gpu_model="runpod/h100-80gb",
        **pycore.GPU_MODELS["runpod/h100-80gb"]["values"],
    )
    rows = options(s)
    chosen = cheapest(rows)
    assert chosen is not None
    assert chosen.misses == ()
    for row in rows:
        if not row.misses:
            assert chosen.cost_per_1k_success <= row.cost_per_1k_success  # type: ignore[operator]
    small = next(row for row in rows if row.id == "small_api")
    assert small.misses == ("quality",)  # 80% against an 85% floor, by default
    slow = options(dataclasses.replace(s, latency_slo_ms=1000))
    assert "latency" in next(row for row in slow if row.id == "api").misses


def test_small_tier_is_the_cheapest_small_model_for_these_tokens() -> None:
    """The small-tier option is the small catalog model with the lowest bill."""
    s = scenario(input_price_per_mtok=1.0, avg_input_tokens=3000, avg_output_tokens=100)
    pick = small_api_model(s)
    assert pycore.API_MODELS[pick]["tier"] == "small"
    row = next(row for row in options(s) if row.id == "small_api")
    for model_id, model in pycore.API_MODELS.items():
        if model["tier"] == "small":
            priced = dataclasses.replace(s, **model["values"])
            assert row.monthly <= pycore.api_monthly(priced) * (1 + 1e-12), model_id


def test_managed_fine_tune_hand_worked() -> None:
    """The provider-served fine-tune bills its own prompt and the answer per token."""
    s = scenario(input_price_per_mtok=2.0, finetuned_input_tokens=300, avg_output_tokens=200)
    row = next(row for row in options(s) if row.id == "managed")
    # 10M x (300 x 0.30 + 200 x 1.20) / 1e6 = 10M x 0.00033 = 3,300 USD a month
    assert row.monthly == pytest.approx(3300)
    # labelling 2,000 + engineering 20,000 + 1,000 x 500 tokens x 3 epochs x 3.00 / 1e6 = 4.50
    assert row.upfront == pytest.approx(22_004.5)


def test_weighted_factors_hand_worked() -> None:
    """Weighted scores average each option's scores; cost at scale follows the scenario."""
    s = scenario(monthly_inferences=1_000_000)  # the API is cheaper: 2,000 against 3,000
    rows = factor_scores(s, {"cost-at-scale": 5, **{f["id"]: 0.0 for f in pycore.FACTORS[1:]}})
    cost = rows[0]
    assert cost.from_scenario
    assert cost.api == 5
    assert cost.finetuned == pytest.approx(1 + 4 * 2000 / 3000)
    api, mine = weighted_scores(rows)
    assert (api, mine) == (pytest.approx(5), pytest.approx(1 + 4 * 2000 / 3000))


def test_factors_and_cost_disagreeing_is_said() -> None:
    """When the weighted factors favour one option and cost the other, the page says so."""
    report = pycore.compute({"monthly_inferences": 1_000_000, "weight_data_privacy": 5})
    factors = report["factors"]
    assert isinstance(factors, dict)
    assert "decide which matters more" in factors["summary"]


def test_verdict_names_option_reason_and_thresholds() -> None:
    """At 2M requests on the seed's prices: stay on the API, and what would change it."""
    verdict = pycore.compute({"monthly_inferences": 2_000_000, "hosting_monthly": 5000})["verdict"]
    # 2M x 0.002 = 4,000 against 5,000: the API; self-hosting wins above 5,000 / 0.002 = 2.5M,
    # or if the API cost over 5,000 / 2,000,000 x 1,000 = $2.50 per 1,000
    assert verdict == (
        "Stay on the API: at 2,000,000 requests a month it costs $2.22 per 1,000 successful "
        "answers, $1,000 a month less than self-hosting. Self-hosting would win above "
        "2,500,000 requests a month or if the API cost over $2.50 per 1,000 requests."
    )


def test_api_models_ranked_with_their_breakevens() -> None:
    """Every catalog model is priced at the scenario's tokens, cheapest first."""
    report = pycore.compute(
        {"input_price_per_mtok": 2, "gpu_hourly": 3.49, "monthly_inferences": 1e7}
    )
    ranking = report["api_ranking"]
    assert isinstance(ranking, list)
    assert len(ranking) == len(pycore.API_MODELS)
    monthly = [row["monthly"] for row in ranking]
    assert monthly == sorted(monthly)
    for row in ranking:
        above = row["self_hosting_cheaper_above"]
        assert above is None or above > 0


def test_scale_to_zero_says_why_it_misses_and_what_hosting_costs() -> None:
    """One H100 scaled to zero at 1,000 requests a month: 98% of requests find no replica
    running and wait about 60 s for one, which is why the latency target is missed (not the
    22 ms prefill); the summary never calls billed hosting free, and the verdict, which stays
    on the API although self-hosting is $86 a month cheaper, says why."""
    found = pycore.compute(
        {
            "gpu_model": "runpod/h100-80gb",
            "api_cost_per_1k": 200,
            "min_replicas": 0,
            "monthly_inferences": 1000,
        }
    )
    latency = str(found["latency_summary"])
    assert "98% of requests find no replica running and wait about 60 s" in latency
    assert "reading the prompt" not in latency
    summary = str(found["summary"])
    assert "free hosting" not in summary
    assert "billed only while a replica runs" in summary
    assert found["results"]["finetuned_monthly"] == pytest.approx(113.75, abs=0.01)  # type: ignore[index]
    assert found["recommended"] == "api"
    verdict = str(found["verdict"])
    assert verdict.startswith("Stay on the API")
    assert "Self-hosting would cost $86.25 a month less, but it misses the 2,500 ms" in verdict
    assert "wait about 60 s for one to start" in verdict
    assert "The API would win" not in verdict  # no threshold that contradicts the choice


def test_managed_fine_tune_is_not_recommended_past_its_shutdown() -> None:
    """OpenAI stops serving fine-tuned GPT-4o mini on 2027-01-14, 1.4 months after the
    analyzer's figures (2026-12-03): over a 12-month horizon the option is marked as ending
    and never recommended; over a single month it is available."""
    assert pycore.MANAGED["stops_serving"] == "2027-01-14"
    assert managed_months_left() == pytest.approx(42 / (365.25 / 12))
    parameters = {
        "monthly_inferences": 1_000_000,
        "api_model": "openai/gpt-6.1-sol",
        "finetuned_input_tokens": 200,
    }
    found = pycore.compute(parameters)
    rows = {row["id"]: row for row in found["options"]}  # type: ignore[attr-defined]
    assert "retired" in rows["managed"]["misses"]
    assert rows["managed"]["text"]["misses"] == "stops serving on 2027-01-14, within the horizon"
    assert found["recommended"] != "managed"
    short = pycore.compute({**parameters, "horizon_months": 1})
    short_rows = {row["id"]: row for row in short["options"]}  # type: ignore[attr-defined]
    assert "retired" not in short_rows["managed"]["misses"]


def test_gpu_presets_are_buyable_as_billed() -> None:
    """Every GPU preset bills a unit one can rent: AWS sells the A100 80GB only as an 8-GPU
    p4de.24xlarge ($27.45 an hour), so its single-GPU preset is gone; each other preset
    names a one-GPU product."""
    assert "aws/a100-80gb" not in pycore.GPU_MODELS
    for preset in pycore.GPU_MODELS.values():
        assert "sold only as 8" not in preset["price_source"]
        assert preset["values"]["gpus_per_replica"] == 1


def test_a_vanishing_success_rate_has_no_cost_per_success() -> None:
    """Hypothesis found api_success_rate=5e-324: 1,000 x bill / successes overflows to inf,
    which JSON cannot carry; the figure is n/a, as with no successes at all."""
    assert cost_per_1k_success(1000.0, 1e6, 5e-324, 0.0) is None
    assert cost_per_1k_success(1000.0, 1e6, 0.0, 0.0) is None
    assert cost_per_1k_success(1000.0, 1e6, 0.5, 0.0) == pytest.approx(2.0)
    report = pycore.compute({"api_success_rate": 5e-324})
    assert report["results"]["api_cost_per_1k_success"] is None

"""Planning the switch: the pilot's size, duration and cost; the odds from ranges; NPV and
the finance terms of the horizon."""

from __future__ import annotations

import dataclasses
import math
import random
from statistics import NormalDist

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pycore
from pycore import Scenario
from pycore.pilot import paired_sample_size, pilot, unpaired_sample_size
from pycore.uncertainty import Simulation


def test_mcnemar_sample_size_hand_worked() -> None:
    """p_d = 0.10, a 2-point difference, one-sided 5%, power 80%: about 1,544 pairs.

    [1.6449 x sqrt(0.10) + 0.8416 x sqrt(0.10 - 0.0004)]^2 / 0.0004 = 0.6174 / 0.0004 = 1,543.6
    """
    assert paired_sample_size(0.10, 0.02, 0.95, 0.80) == 1544
    # a difference as large as the disagreement allows cannot be detected
    assert paired_sample_size(0.0004, 0.02, 0.95, 0.80) is None
    # an unpaired A/B test of 90% against 92% needs far more answers (both arms)
    unpaired = unpaired_sample_size(0.90, 0.02, 0.95, 0.80)
    assert unpaired == 5062
    assert unpaired > 3 * 1544


def test_pilot_duration_and_cost_hand_worked() -> None:
    """100,000 requests a month at 1%: 32.9 pairs a day, so 1,544 pairs take 47 days."""
    plan = pilot(Scenario(100_000, 2.0, 3000))
    # 100,000 x 0.01 / (730 / 24 days) = 32.88 a day; 1,544 / 32.88 = 46.96
    assert plan.days == 47
    # fine-tuning 1,000 x 2 + 8 x 3 + 20,000; hosting 3,000 x 47 / 30.42 days; grading
    assert plan.finetune_cost == pytest.approx(22_024)
    assert plan.serving_cost == pytest.approx(3000 * 47 / (730 / 24))
    # two answers graded per pair at AlpacaEval's crowd rate, $0.30 (the default)
    assert plan.grading == pytest.approx(2 * 1544 * 0.3)
    assert plan.cost == pytest.approx(22_024 + 3000 * 47 / (730 / 24) + 926.4)
    # at 10,000,000 requests the pairs come in a day, but a pilot runs two weeks at least
    assert pilot(Scenario(10_000_000, 2.0, 3000)).days == 14


def test_pilot_names_the_load_test_rate() -> None:
    """At 1% the latency seen is unloaded: the page gives the peak a load test must reach."""
    report = pycore.compute({"monthly_inferences": 10_000_000, "peak_to_average": 3})
    text = report["pilot"]["text"]  # type: ignore[index]
    # 10,000,000 x 3 / 2,628,000 s = 11.4 requests a second
    assert "11.4 requests a second" in text["limits"]
    assert "unloaded latency" in text["limits"]


@settings(max_examples=25, deadline=None)
@given(
    st.floats(min_value=2e5, max_value=2e7),
    st.floats(min_value=1.2, max_value=8.0),
)
def test_savings_probability_matches_the_closed_form(median: float, spread: float) -> None:
    """Fixed hosting, only the volume uncertain (log-normal, P10 to P90 = median / spread to
    median x spread): the chance of month-one savings is 1 - Phi((ln BE - ln median) / sigma)."""
    low, high = median / spread, median * spread
    report = pycore.compute(
        {
            "monthly_inferences": round(median),
            "monthly_inferences_low": round(low),
            "monthly_inferences_high": round(high),
        }
    )
    results = report["results"]
    assert isinstance(results, dict)
    sigma = (math.log(round(high)) - math.log(round(low))) / (2 * NormalDist().inv_cdf(0.9))
    centre = (math.log(round(high)) + math.log(round(low))) / 2
    expected = 1 - NormalDist().cdf((math.log(1_500_000) - centre) / sigma)
    assert results["savings_probability"] == pytest.approx(expected, abs=0.01)


def test_same_scenario_same_draws() -> None:
    """The simulation is seeded by the scenario: the same inputs give the same odds."""
    parameters = {
        "gpu_model": "runpod/h100-80gb",
        "monthly_inferences_low": 1e6,
        "monthly_inferences_high": 2e7,
        "gpu_hourly_low": 2,
        "gpu_hourly_high": 5,
    }
    first, second = pycore.compute(parameters), pycore.compute(parameters)
    assert first["uncertainty"] == second["uncertainty"]
    assert first["results"] == second["results"]
    other = pycore.compute({**parameters, "gpu_hourly_high": 6})
    assert other["uncertainty"] != first["uncertainty"]


def test_each_draw_prices_the_horizon_exactly() -> None:
    """A draw's TCO savings are what horizon() gives for the same inputs (growth, declines,
    retraining, reserved GPUs, scale to zero)."""
    generator = random.Random(7)
    for min_replicas in (0, 1, 2):
        base = Scenario(
            5e6,
            2.0,
            3000,
            input_price_per_mtok=1.0,
            gpu_hourly=3.0,
            min_replicas=min_replicas,
            horizon_months=18,
            api_price_decline=0.4,
            gpu_price_decline=0.2,
            retrain_every_months=6,
            retrain_cost=4000,
            reserved_share=0.5,
        )
        values = {
            **pycore.defaults(),
            **{f.name: getattr(base, f.name) for f in dataclasses.fields(base)},
            "monthly_inferences_low": 1e4,
            "monthly_inferences_high": 1e8,
            "monthly_growth_low": -0.1,
            "monthly_growth_high": 0.3,
            "gpu_hourly_low": 1,
            "gpu_hourly_high": 6,
            "input_price_per_mtok_low": 0.2,
            "input_price_per_mtok_high": 4,
        }
        simulation = Simulation(base, values)
        for _ in range(20):
            drawn = {
                "monthly_inferences": generator.uniform(1e4, 1e8),
                "monthly_growth": generator.uniform(-0.1, 0.3),
                "gpu_hourly": generator.uniform(1, 6),
                "input_price_per_mtok": generator.uniform(0.2, 4),
            }
            month_one, tco = simulation._savings(drawn)
            exact = pycore.horizon(dataclasses.replace(base, **drawn))
            assert tco == pytest.approx(exact.tco_api - exact.tco_finetuned, rel=1e-9, abs=1e-6)
            same = dataclasses.replace(base, **drawn)
            assert month_one == pytest.approx(pycore.monthly_savings(same), rel=1e-9, abs=1e-6)


def test_npv_hand_worked() -> None:
    """10M requests a month saves 17,000 a month after 22,024 upfront; at 10% a year each
    month's saving is discounted by 1.1^(m / 12). Prices held flat and no retraining, so
    every month saves the same."""
    flat = {"api_price_decline": 0, "gpu_price_decline": 0, "retrain_every_months": 0}
    report = pycore.compute({"monthly_inferences": 10_000_000, "discount_rate": 0.1, **flat})
    expected = -22_024 + sum(17_000 / 1.1 ** (m / 12) for m in range(1, 13))
    assert report["results"]["npv"] == pytest.approx(expected, abs=0.01)  # type: ignore[index]


def test_finance_terms_in_the_horizon_hand_worked() -> None:
    """Price declines, retraining and reserved GPUs enter the total cost of ownership."""
    base = Scenario(
        10_000_000,
        2.0,
        3000,
        horizon_months=13,
        api_price_decline=0.5,
        gpu_price_decline=0,
        retrain_every_months=0,
    )
    # the API's month-13 bill is half of month 1's: 20,000 x 0.5
    result = pycore.horizon(base)
    assert result.cumulative_api[13] - result.cumulative_api[12] == pytest.approx(10_000)
    retrained = pycore.horizon(dataclasses.replace(base, retrain_every_months=6, retrain_cost=1000))
    assert retrained.tco_finetuned - result.tco_finetuned == pytest.approx(2000)  # months 6, 12
    reserved = dataclasses.replace(base, reserved_share=0.5, reserved_discount=0.3)
    # half the hosting at 30% off: 3,000 x (1 - 0.15) = 2,550 a month
    assert pycore.finetuned_monthly(reserved) == pytest.approx(2550)

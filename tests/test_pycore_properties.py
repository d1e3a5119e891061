"""Hypothesis properties of the cost model: invariants over random scenarios."""

from __future__ import annotations

import json
import math

from hypothesis import given
from hypothesis import strategies as st

import pycore
from pycore import Scenario

volumes = st.floats(min_value=0, max_value=1e12, allow_nan=False)
# Zero or at least a millionth of a dollar per 1,000 requests / a cent a month: smaller
# (denormal) amounts only exercise float underflow, not the model.
prices = st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=10_000))
hosting = st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=1e9))


@given(prices.filter(lambda p: p > 1e-6), hosting.filter(lambda h: h > 1e-6))
def test_both_costs_equal_at_breakeven(price: float, monthly_hosting: float) -> None:
    """At the break-even volume the API and the fine-tuned model cost the same."""
    scenario = Scenario(0, price, monthly_hosting)
    breakeven = pycore.breakeven_inferences(scenario)
    if breakeven is None:  # beyond 10^12 requests a month: the API is still cheaper there
        assert pycore.monthly_savings(scenario, pycore.BREAKEVEN_LIMIT) < 0
        return
    at_breakeven = Scenario(breakeven, price, monthly_hosting)
    api = pycore.api_monthly(at_breakeven)
    assert abs(api - pycore.finetuned_monthly(at_breakeven)) <= 1e-9 * max(1.0, api)


@given(volumes, volumes, prices, hosting)
def test_savings_never_fall_as_volume_rises(a: float, b: float, price: float, h: float) -> None:
    """Monthly savings from fine-tuning are non-decreasing in monthly volume."""
    low, high = sorted((a, b))
    assert pycore.monthly_savings(Scenario(low, price, h)) <= pycore.monthly_savings(
        Scenario(high, price, h)
    )


@given(volumes, prices, hosting)
def test_cheaper_side_matches_breakeven(volume: float, price: float, h: float) -> None:
    """Above the break-even the fine-tuned model is no dearer; below it the API is cheaper."""
    scenario = Scenario(volume, price, h)
    breakeven = pycore.breakeven_inferences(scenario)
    savings = pycore.monthly_savings(scenario)
    if breakeven is None:
        assert savings < 0 or volume >= pycore.BREAKEVEN_LIMIT
    elif volume > breakeven * (1 + 1e-9):
        assert savings >= 0
    elif volume < breakeven * (1 - 1e-9):
        assert savings < 0


names = st.one_of(st.sampled_from([spec.name for spec in pycore.PARAMETERS]), st.text(max_size=20))
raw_values = st.one_of(
    st.text(max_size=20),
    st.floats(),
    st.integers(),
    st.none(),
    st.sampled_from(["NaN", "Infinity", "-1e400", "1e400", "", " 12 ", "1,000"]),
)


@given(st.dictionaries(names, raw_values))
def test_lenient_compute_always_answers_in_range(raw: dict[str, object]) -> None:
    """Whatever the input, the lenient engine returns in-range, finite, JSON-safe values."""
    report = pycore.compute_lenient(raw)
    json.dumps(report, allow_nan=False)
    parameters = report["parameters"]
    assert isinstance(parameters, dict)
    for spec in pycore.PARAMETERS:
        value = parameters[spec.name]
        if value is None:
            assert spec.optional, spec.name
        else:
            assert spec.minimum <= value <= spec.maximum, spec.name
    text = json.dumps(report["text"]) + str(report["summary"])
    for bad in ("nan", "inf", "None", "undefined"):
        assert bad not in text.lower().replace("infer", "")


capacity_scenarios = st.builds(
    Scenario,
    monthly_inferences=st.just(0.0),
    api_cost_per_1k=st.floats(min_value=0.01, max_value=20),
    hosting_monthly=st.just(3000.0),
    gpu_hourly=st.floats(min_value=0.1, max_value=10),
    gpus_per_replica=st.integers(min_value=1, max_value=8).map(float),
    replica_throughput_tps=st.floats(min_value=50, max_value=20_000),
    target_utilization=st.floats(min_value=0.05, max_value=1),
    peak_to_average=st.floats(min_value=1, max_value=10),
    avg_output_tokens=st.integers(min_value=1, max_value=5_000).map(float),
    min_replicas=st.integers(min_value=0, max_value=5).map(float),
    # whole cents: sub-cent denormals only test float underflow, not the model
    ops_monthly=st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=50_000)),
)


def brute_force_breakeven(scenario: Scenario, max_steps: int = 400) -> float | None:
    """Scan every candidate volume directly with the cost functions; return the smallest.

    The smallest positive volume with fine-tuned <= API is either a step boundary
    k x capacity or a point where the API line meets a step's flat cost; check them all.
    """
    capacity = pycore.replica_capacity(scenario)
    per_request = pycore.effective_api_cost_per_1k(scenario) / 1000
    candidates: set[float] = set()
    for k in range(max_steps + 1):
        candidates.add(k * capacity)
        flat = pycore.finetuned_monthly(scenario, k * capacity)
        candidates.add(flat / per_request)
    for volume in sorted(v for v in candidates if v > 0):  # break-even is over traffic > 0
        if volume > max_steps * capacity:
            return None
        fine = pycore.finetuned_monthly(scenario, volume)
        if fine <= pycore.api_monthly(scenario, volume) * (1 + 1e-9):
            return volume
    return None


@given(capacity_scenarios)
def test_stepwise_breakeven_matches_brute_force(scenario: Scenario) -> None:
    """The exact step-wise break-even equals a brute-force scan over all candidate volumes."""
    exact = pycore.breakeven_inferences(scenario)
    brute = brute_force_breakeven(scenario)
    if brute is None:
        # none within 400 steps: the solver either finds none or one further out
        assert exact is None or exact > 399 * pycore.replica_capacity(scenario)
    else:
        assert exact is not None
        assert math.isclose(exact, brute, rel_tol=1e-9, abs_tol=1e-6)


@given(capacity_scenarios)
def test_capacity_breakeven_is_smallest(scenario: Scenario) -> None:
    """At the break-even fine-tuned costs no more than the API; just below it, more."""
    breakeven = pycore.breakeven_inferences(scenario)
    if breakeven is None or breakeven == 0:
        return
    fine = pycore.finetuned_monthly(scenario, breakeven)
    api = pycore.api_monthly(scenario, breakeven)
    assert fine <= api * (1 + 1e-9)
    below = breakeven * (1 - 1e-6)
    assert pycore.finetuned_monthly(scenario, below) > pycore.api_monthly(scenario, below)

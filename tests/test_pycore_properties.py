"""Hypothesis properties of the cost model: invariants over random scenarios."""

from __future__ import annotations

import dataclasses
import json
import math

from hypothesis import example, given, settings
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
    replica_throughput_tps=st.one_of(st.none(), st.floats(min_value=50, max_value=20_000)),
    avg_input_tokens=st.integers(min_value=0, max_value=20_000).map(float),
    avg_output_tokens=st.integers(min_value=1, max_value=5_000).map(float),
    latency_slo_ms=st.floats(min_value=200, max_value=10_000),
    peak_to_average=st.floats(min_value=1, max_value=10),
    min_replicas=st.integers(min_value=1, max_value=5).map(float),
    # whole cents: sub-cent denormals only test float underflow, not the model
    ops_monthly=st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=50_000)),
)

STEPS = 40


def brute_force_breakevens(scenario: Scenario) -> tuple[float | None, float | None, bool]:
    """Walk the first ``STEPS`` replica steps one by one; return (first, last, conclusive).

    Step ``r`` covers volumes up to ``max_volume(r)`` at a flat fine-tuned cost; the API
    catches up inside it at ``(r x replica cost + ops) / price`` if that is in the step.
    ``last`` is the last such crossing; ``conclusive`` is True when the walk's last step
    starts with the fine-tuned model no dearer and each further replica earns more than it
    costs (the most a fleet serves grows at least in proportion to its replicas, so no
    later step can start below the API again).
    """
    price = pycore.effective_api_cost_per_1k(scenario) / 1000
    replica = pycore.replica_monthly(scenario)
    least = int(scenario.min_replicas)
    edges = [0.0] + [pycore.max_volume(scenario, r) for r in range(least, least + STEPS)]
    first = last = None
    starts_below = True
    for index, count in enumerate(range(least, least + STEPS)):
        low, high = edges[index], edges[index + 1]
        catch_up = (count * replica + scenario.ops_monthly) / price
        starts_below = price * low < count * replica + scenario.ops_monthly
        if low < catch_up <= high:
            first = catch_up if first is None else first
            last = catch_up
    margin = price * (edges[-1] - edges[-2]) - replica
    return first, last, not starts_below and margin > 0


#: The audit's sawtooth, replicas run up to fully busy (with the 70% cap a replica earns so
#: little more than it costs that the sawtooth runs past the walk's steps).
SAWTOOTH = Scenario(
    0.0,
    0.2,
    3000.0,
    gpu_hourly=3.49,
    replica_throughput_tps=2800,
    peak_to_average=2.0,
    max_utilization=1.0,
)


@settings(max_examples=60, deadline=None)
@given(capacity_scenarios)
@example(SAWTOOTH)
def test_stepwise_breakevens_match_brute_force(scenario: Scenario) -> None:
    """Both solved break-evens equal a step-by-step walk over the replica steps."""
    first, last, conclusive = brute_force_breakevens(scenario)
    if scenario is SAWTOOTH:  # the audit's case: the two differ and the walk is conclusive
        assert conclusive
        assert first is not None
        assert last is not None
        assert last > first
    exact = pycore.breakeven_inferences(scenario)
    if first is not None:
        assert exact is not None
        assert math.isclose(exact, first, rel_tol=1e-9)
        if conclusive:
            sustained = pycore.sustained_breakeven_inferences(scenario)
            assert sustained is not None
            assert math.isclose(sustained, last, rel_tol=1e-9)  # type: ignore[arg-type]
    else:
        assert exact is None or exact > pycore.max_volume(
            scenario, int(scenario.min_replicas) + STEPS - 1
        )


@settings(max_examples=60, deadline=None)
@given(capacity_scenarios, st.booleans())
def test_breakevens_bound_where_fine_tuning_is_cheaper(scenario: Scenario, zero: bool) -> None:
    """Just below the first break-even the API is cheaper; above the sustained one, never."""
    if zero:
        scenario = dataclasses.replace(scenario, min_replicas=0.0)
    breakeven = pycore.breakeven_inferences(scenario)
    if breakeven is None or breakeven == 0:
        return
    assert pycore.monthly_savings(scenario, breakeven) >= -1e-6 * pycore.api_monthly(
        scenario, breakeven
    )
    below = breakeven * (1 - 1e-6)
    assert pycore.monthly_savings(scenario, below) < 0
    sustained = pycore.sustained_breakeven_inferences(scenario)
    if sustained is None:
        return
    for factor in (1.0001, 1.37, 2.9, 7.1, 23.0, 111.0):
        volume = sustained * factor
        if volume < pycore.BREAKEVEN_LIMIT:
            assert pycore.monthly_savings(scenario, volume) >= -1e-6 * pycore.api_monthly(
                scenario, volume
            )


@given(
    st.floats(min_value=1e4, max_value=1e9),
    st.floats(min_value=-0.5, max_value=0.3),
    st.integers(min_value=1, max_value=60),
)
def test_payback_month_stays_ahead(volume: float, growth: float, months: int) -> None:
    """From the payback month on the fine-tuned model is ahead every month; before it, not."""
    result = pycore.horizon(
        Scenario(volume, 2.0, 3000, monthly_growth=growth, horizon_months=months)
    )
    ahead = [
        f <= a for f, a in zip(result.cumulative_finetuned, result.cumulative_api, strict=True)
    ]
    if result.payback_months is None:
        assert not ahead[-1]
        return
    assert all(ahead[result.payback_months :])
    if result.payback_months > 1:
        assert not ahead[result.payback_months - 1]

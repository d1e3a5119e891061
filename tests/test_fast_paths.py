"""The engine's fast searches give the same floats as the slow ones they replaced.

Each fast path (the fleet's size, the most traffic a fleet serves, the break-even over
replica counts, the best routed share, the curve's and the horizon's costs) is held to its
earlier implementation (tests/reference_engine.py) on random inputs, and whole reports are
compared byte for byte. The search helpers of :mod:`pycore.queueing` are checked against
plain scans and bisections, and the bounds on the wait against the exact wait. Speed is not
asserted here (the machine is noisy): ``python bench/engine_fuzz.py`` measures it.
"""

from __future__ import annotations

import dataclasses
import json
import math
import sys
from typing import Any

import pytest
import reference_engine as reference
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import pycore
from bench.engine_fuzz import REVIEW_CASES
from pycore.analysis import sensitivity
from pycore.catalog import API_MODELS, GPU_MODELS
from pycore.costs import hosting_cost, hosting_costs
from pycore.curve import cost_curve
from pycore.options import options
from pycore.pilot import pilot
from pycore.queueing import wait_quantile, wait_quantile_bounds, wait_quantile_estimate
from pycore.remember import SCENARIOS, forget_all, per_scenario
from pycore.replica import ServingProfile
from pycore.report import scenario_from
from pycore.results import record
from pycore.routing import best_routed_share
from pycore.scenario import Scenario
from pycore.search import largest, largest_within, smallest
from pycore.serving import billed_hours, fleet, fleet_size, max_rate, max_rate_ceiling

serving = sys.modules["pycore.serving"]
routing = sys.modules["pycore.routing"]

#: Fewer routing steps than the engine's 2,000, so that the reference scan stays quick;
#: both engines use the same number.
STEPS = 150

# A scenario as the page can send it: a catalog GPU and API model (or a price), volumes
# from 1 to 10^12 a month, prompts, answers, targets and peaks over their ranges.
parameters = st.fixed_dictionaries(
    {
        "gpu_model": st.sampled_from(sorted(GPU_MODELS)),
        "monthly_inferences": st.integers(0, 12).flatmap(
            lambda exponent: st.floats(10.0**exponent / 10, 10.0**exponent).map(round)
        ),
        "avg_input_tokens": st.integers(1, 200_000),
        "avg_output_tokens": st.integers(1, 20_000),
        "min_replicas": st.sampled_from([0, 1, 2, 5, 100]),
        "latency_slo_ms": st.floats(1, 400_000),
        "peak_to_average": st.floats(1, 100),
        "horizon_months": st.sampled_from([12, 60]),
        "monthly_growth": st.sampled_from([0, 0.05, 0.5, -0.5]),
    },
    optional={
        "api_model": st.sampled_from(sorted(API_MODELS)),
        "replica_throughput_tps": st.floats(1, 1e6),
        "cached_input_share": st.floats(0, 1),
        "finetuned_input_tokens": st.integers(1, 200_000),
        "ops_monthly": st.floats(0, 1e6),
        "finetuned_success_rate": st.floats(0.5, 1),
        "failure_cost": st.floats(0, 2),
    },
)


def scenario_of(raw: dict[str, Any]) -> Scenario:
    """The scenario of raw parameters (validated as compute() does)."""
    return scenario_from(pycore.validate_parameters(raw))


@pytest.fixture(autouse=True)
def _fewer_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both engines search the same, smaller number of routing steps."""
    monkeypatch.setattr(routing, "_MAX_STEPS", STEPS)


#: The case of the review: a prompt far beyond the A10G's KV cache, at peak 54x.
REVIEW_CASE = REVIEW_CASES[0]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parameters)
@example(REVIEW_CASE)
@example(
    {
        "gpu_model": "runpod/h100-80gb",
        "api_model": "openai/gpt-6-luna",
        "monthly_inferences": 10**12,
    }
)
@example(
    {
        "gpu_model": "runpod/h100-80gb",
        "api_model": "openai/gpt-6-luna",
        "monthly_inferences": 10**12,
        "min_replicas": 0,
    }
)
def test_reports_are_the_reference_engines(raw: dict[str, Any]) -> None:
    """The whole report, every float of it, is the one the slow paths give."""
    reference.forget()
    fast = json.dumps(pycore.compute(raw), sort_keys=True)
    with reference.reference_engine():
        slow = json.dumps(pycore.compute(raw), sort_keys=True)
    assert fast == slow


@settings(max_examples=40, deadline=None)
@given(parameters, st.data())
def test_fleet_sizes_and_capacities_are_the_reference_ones(
    raw: dict[str, Any], data: st.DataObject
) -> None:
    """The fewest replicas at a rate, and the most a fleet serves, as the slow searches."""
    s = scenario_of(raw)
    profile = serving.serving_profile(s)
    if profile.request_s <= 0:
        return
    limits = serving._limits(s, profile)
    volume = data.draw(st.floats(1, 1e12))
    rate = serving._peak_rate(s, volume)
    least = data.draw(st.sampled_from([0, 1, 3, 100]))
    reference.forget()
    fast = serving._replicas_for.__wrapped__(rate, profile, limits, least)
    assert fast == reference.replicas_for(rate, profile, limits, least)
    replicas = data.draw(st.integers(1, 3000))
    reference.forget()
    fast_rate = serving._max_rate.__wrapped__(profile, replicas, limits, 0.95)
    assert fast_rate == reference.max_rate(profile, replicas, limits, 0.95)
    # (routing's branch and bound counts on this ceiling, in proportion to the replicas)
    assert max_rate(s, replicas) <= replicas * max_rate_ceiling(s) * (1 + 1e-12)
    assert max_rate_ceiling(s, replicas) == pytest.approx(replicas * max_rate_ceiling(s))


@settings(max_examples=30, deadline=None)
@given(parameters)
@example(REVIEW_CASE)
def test_routing_break_even_curve_and_sensitivity_are_the_reference_ones(
    raw: dict[str, Any],
) -> None:
    """best_routed_share, both break-evens, the curve and the tornado, float for float."""
    s = scenario_of(raw)
    reference.forget()
    fast = (
        best_routed_share(s),
        pycore.breakeven_inferences(s),
        pycore.sustained_breakeven_inferences(s),
        cost_curve(s),
        sensitivity(s),
    )
    with reference.reference_engine():
        s = scenario_of(raw)
        slow = (
            reference.best_routed_share(s),
            pycore.breakeven_inferences(s),
            pycore.sustained_breakeven_inferences(s),
            cost_curve(s),
            sensitivity(s),
        )
    assert fast == slow


# Routing whose best share is often a hosting step inside the feasible range (a replica's
# throughput given, prices near the break-even), where pruning a run could change it.
routing_scenarios = st.builds(
    Scenario,
    monthly_inferences=st.floats(1e4, 1e9),
    api_cost_per_1k=st.floats(0.05, 10),
    hosting_monthly=st.just(3000.0),
    gpu_hourly=st.floats(0.5, 8),
    replica_throughput_tps=st.floats(200, 5000),
    min_replicas=st.integers(0, 3).map(float),
    peak_to_average=st.floats(1, 10),
    api_success_rate=st.floats(0.5, 1),
    finetuned_success_rate=st.floats(0.5, 1),
    min_success_rate=st.floats(0.4, 0.95),
    fallback_share=st.floats(0, 0.5),
    router_cost_per_1k=st.floats(0, 0.5),
    failure_cost=st.one_of(st.just(0.0), st.floats(0.01, 2)),
)


def routed(volume: float, price: float, hourly: float, tps: float, least: float) -> Scenario:
    """A routing scenario with the defaults but for the given inputs."""
    return Scenario(
        monthly_inferences=volume,
        api_cost_per_1k=price,
        hosting_monthly=3000.0,
        gpu_hourly=hourly,
        replica_throughput_tps=tps,
        min_replicas=least,
    )


@settings(max_examples=300, deadline=None)
@given(routing_scenarios)
@example(routed(16206389.88, 3.5842, 3.0896, 822.5, 2.0))
@example(routed(2099068.18, 2.7627, 3.5109, 1066.8, 0.0))
@example(routed(12808077.48, 0.06821, 4.3115, 2504.3, 0.0))
def test_best_routed_share_is_the_scans(s: Scenario) -> None:
    """The branch and bound picks the very share the scan of every candidate picks."""
    reference.forget()
    fast = best_routed_share(s)
    assert fast == reference.best_routed_share(s)


@settings(max_examples=30, deadline=None)
@given(parameters, st.lists(st.floats(0, 1e12), min_size=1, max_size=60))
def test_hosting_costs_are_each_volumes_own(raw: dict[str, Any], volumes: list[float]) -> None:
    """hosting_costs sizes fewer fleets but prices every volume as hosting_cost does, and
    fleet_size and billed_hours are the fleet's own."""
    s = scenario_of(raw)
    assert hosting_costs(s, volumes) == tuple(hosting_cost(s, volume) for volume in volumes)
    for volume in volumes[:5]:
        assert fleet_size(s, volume) == fleet(s, volume).replicas
        assert billed_hours(s, volume) == fleet(s, volume).billed_hours


@settings(max_examples=40, deadline=None)
@given(parameters, st.floats(0.5, 2.0))
@example({"gpu_model": "aws/a10g-24gb", "monthly_inferences": 500_000_000_001}, 2.0)
def test_a_remembered_curve_is_the_fresh_one(raw: dict[str, Any], factor: float) -> None:
    """The curve, the break-evens and the small-tier API model are remembered for the
    scenario's inputs other than its volume (remember.across_volumes): remembered at one
    volume, they are, float for float, those computed afresh at another volume (for the
    curve, of the same range)."""
    first = scenario_of(raw)
    volume = min(10**12, max(1, round(first.monthly_inferences * factor)))  # in its range
    other = scenario_of({**raw, "monthly_inferences": volume})

    def results(s: Scenario) -> tuple[Any, ...]:
        return (
            cost_curve(s),
            pycore.breakeven_inferences(s),
            pycore.sustained_breakeven_inferences(s),
            sys.modules["pycore.options"]._small_tier(s),
        )

    forget_all()
    fresh = results(other)
    forget_all()
    remembered = results(first)
    assert results(other)[1:] == fresh[1:] == remembered[1:]
    assume(fresh[0].volumes == remembered[0].volumes)  # the same range (most volumes keep it)
    assert results(other)[0] is remembered[0]
    assert remembered[0] == fresh[0]


def test_review_case_routing_steps() -> None:
    """The expert review's slow case: every one of the 2,000 steps, as the scan finds."""
    s = scenario_of(REVIEW_CASE)
    reference.forget()
    fast = best_routed_share(s)
    routing._MAX_STEPS = 2000
    try:
        reference.forget()
        assert best_routed_share(s) == reference.best_routed_share(s)
    finally:
        routing._MAX_STEPS = STEPS
    assert fast is not None


# The search helpers on their own.


@settings(max_examples=200, deadline=None)
@given(st.integers(-5, 500), st.integers(0, 600), st.integers(-50, 700), st.booleans())
def test_smallest_is_the_first_that_fits(low: int, edge: int, guess: int, bounded: bool) -> None:
    """smallest() is the first integer from ``low`` that fits, from any guess."""
    calls: list[int] = []

    def fits(n: int) -> bool:
        calls.append(n)
        return n >= edge

    high = max(low, edge) + 3 if bounded else None
    found = smallest(fits, low, guess, high)
    assert found == max(low, edge)
    assert all(n >= low for n in calls)
    if high is not None:
        assert all(n <= high for n in calls)


@settings(max_examples=200, deadline=None)
@given(
    st.floats(1e-6, 1e6),
    st.floats(0.01, 0.99),
    st.floats(0.1, 50),
    st.floats(0, 5),
    st.sampled_from(["power", "log", "kink"]),
)
def test_largest_within_is_the_bisections_float(
    high: float, where: float, steep: float, offset: float, shape: str
) -> None:
    """largest_within() returns the float largest() does, for growing functions of
    several shapes (smooth, logarithmic, flat then steep), with or without an estimate."""
    crossing = where * high

    def value(x: float) -> float:
        u = x / crossing
        if shape == "power":
            return offset + u**steep
        if shape == "log":
            return offset + 1 + math.log1p(steep * (u - 1)) if u > 1 - 1 / steep else -1e300
        return offset + (1.0 if u <= 1 else 1 + steep * (u - 1))

    target = value(crossing)
    expected = largest(lambda x: value(x) <= target, high)
    assert largest_within(value, target, high) == expected
    assert largest_within(value, target, high, lambda x: value(x * 1.01)) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.integers(1, 2000), st.integers(2001, 10**8)),
    st.floats(0.2, 1.0, exclude_max=True),
    st.floats(1e-3, 1e4),
    st.sampled_from([0.5, 0.9, 0.95, 0.99]),
)
@example(10, 0.8, 1.0, 0.95)
@example(2000, 0.995, 3.0, 0.95)
def test_wait_bounds_hold_the_exact_wait(
    servers: int, utilization: float, service_s: float, quantile: float
) -> None:
    """low <= wait_quantile <= high, for the summed and the integrated Erlang B."""
    load = servers * utilization
    low, high = wait_quantile_bounds(servers, load, service_s, quantile)
    exact = wait_quantile.__wrapped__(servers, load, service_s, quantile)
    assert low <= exact <= high
    assert math.isfinite(wait_quantile_estimate(servers, load, service_s, quantile))


def test_remembered_per_scenario_object() -> None:
    """per_scenario remembers per object (not per equal value) and forgets old scenarios."""
    calls: list[float] = []

    @per_scenario
    def volume_twice(scenario: Scenario, factor: float = 2.0) -> float:
        calls.append(factor)
        return scenario.monthly_inferences * factor

    one = Scenario(monthly_inferences=5.0, api_cost_per_1k=2.0, hosting_monthly=3000.0)
    twin = Scenario(monthly_inferences=5.0, api_cost_per_1k=2.0, hosting_monthly=3000.0)
    assert volume_twice(one) == volume_twice(one) == 10.0
    assert volume_twice(one, 3.0) == volume_twice(one, factor=3.0) == 15.0
    assert len(calls) == 3  # (positional and keyword arguments are remembered apart)
    assert volume_twice(twin) == 10.0
    assert len(calls) == 4
    for _ in range(SCENARIOS):
        volume_twice(Scenario(monthly_inferences=1.0, api_cost_per_1k=2.0, hosting_monthly=1))
    volume_twice(one)
    assert len(calls) == 4 + SCENARIOS + 1


def test_max_rate_of_a_scenario_is_the_references() -> None:
    """max_rate for the review's H100 case at several fleet sizes, as the bisection."""
    s = scenario_of({"gpu_model": "runpod/h100-80gb", "avg_output_tokens": 4000})
    profile = serving.serving_profile(s)
    limits = serving._limits(s, profile)
    for replicas in (1, 2, 7, 50, 400):
        reference.forget()
        assert max_rate(s, replicas) == reference.max_rate(profile, replicas, limits, 0.95)
    assert isinstance(profile, ServingProfile)


# Values as the page's fields, a link and the CLI send them: text (numbers, bad text,
# blanks, "off"), floats of both signs and zero, ints and booleans.
field_value = st.one_of(
    st.sampled_from(["", " ", "off", "abc", "1e400", "-1e400", "NaN", "0", "-0", "2.5", "1,000"]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**6), 10**13),
    st.booleans(),
    st.floats(-1e6, 1e6).map(str),
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.sampled_from([spec.name for spec in pycore.PARAMETERS]), field_value),
    st.booleans(),
)
@example({"monthly_growth": -0.0, "cached_input_share": 0.0}, False)
@example({"monthly_growth": True, "min_replicas": 1.0}, False)
def test_remembered_field_values_are_fresh_ones(raw: dict[str, Any], page_units: bool) -> None:
    """clamp_parameters remembers each field's resolved value and repair message (the page
    re-sends every field on each input): read twice, in both units, a request gives what
    each field's fresh resolution gives, bit for bit (the sign of a zero included)."""
    inputs_module = sys.modules["pycore.inputs"]
    for units in (page_units, not page_units, page_units):
        values, notices = pycore.clamp_parameters(raw, page_units=units)
        messages = []
        for name, value in raw.items():
            fresh, message = inputs_module._resolved(name, value, units)
            assert repr(values[name]) == repr(fresh)
            messages += [] if message is None else [message]
        assert [notice.message for notice in notices] == messages


def test_zeros_keep_their_sign_after_a_remembered_zero() -> None:
    """A zero of either sign read after the other keeps its own sign (the memory's keys
    would take -0.0 for 0.0), and a boolean after its number is refused (True == 1.0)."""
    inputs_module = sys.modules["pycore.inputs"]
    for first, second, expected in ((0.0, -0.0, "-0.0"), (-0.0, 0.0, "0.0"), (1.0, True, "0.0")):
        pycore.clamp_parameters({"monthly_growth": first})
        values, _ = pycore.clamp_parameters({"monthly_growth": second})
        fresh, _ = inputs_module._resolved("monthly_growth", second, False)
        assert repr(values["monthly_growth"]) == repr(fresh) == expected


def test_a_record_is_its_asdict() -> None:
    """results.record gives dataclasses.asdict's dict for the report's flat records."""
    s = scenario_of({"gpu_model": "aws/h100-80gb", "monthly_inferences": 3_000_000})
    rows = [*options(s), *sensitivity(s), pilot(s)]
    for row in rows:
        assert record(row) == dataclasses.asdict(row)
        assert list(record(row)) == [field.name for field in dataclasses.fields(row)]

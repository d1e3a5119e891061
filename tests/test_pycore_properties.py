"""Hypothesis properties of the cost model: invariants over random scenarios."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

import pycore
from pycore import Scenario

volumes = st.floats(min_value=0, max_value=1e12, allow_nan=False)
prices = st.floats(min_value=0, max_value=10_000, allow_nan=False)
hosting = st.floats(min_value=0, max_value=1e9, allow_nan=False)


@given(prices.filter(lambda p: p > 1e-6), hosting.filter(lambda h: h > 1e-6))
def test_both_costs_equal_at_breakeven(price: float, monthly_hosting: float) -> None:
    """At the break-even volume the API and the fine-tuned model cost the same."""
    scenario = Scenario(0, price, monthly_hosting)
    breakeven = pycore.breakeven_inferences(scenario)
    assert breakeven is not None
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
        assert savings < 0
    elif volume > breakeven * (1 + 1e-9):
        assert savings >= 0
    elif volume < breakeven * (1 - 1e-9):
        assert savings < 0


@given(st.dictionaries(st.text(max_size=20), st.one_of(st.text(max_size=20), st.floats())))
def test_lenient_compute_always_answers_in_range(raw: dict[str, object]) -> None:
    """Whatever the input, the lenient engine returns in-range, finite, JSON-safe values."""
    report = pycore.compute_lenient(raw)
    json.dumps(report, allow_nan=False)
    parameters = report["parameters"]
    assert isinstance(parameters, dict)
    for spec in pycore.PARAMETERS:
        assert spec.minimum <= parameters[spec.name] <= spec.maximum
    text = json.dumps(report["text"]) + str(report["summary"])
    for bad in ("nan", "inf", "None", "undefined"):
        assert bad not in text.lower().replace("infer", "")

"""Sensitivity: how much each main input moves the answer (for the tornado chart).

For each main input of the scenario's mode, the input is set 20% lower and 20% higher
(clamped to its range) and the monthly savings (USD per month) and the break-even volume
(requests per month) are recomputed. Inputs are sorted by swing, the absolute difference
between the two savings figures, largest first.
"""

from __future__ import annotations

from dataclasses import dataclass

from pycore.breakeven import breakeven_inferences
from pycore.costs import monthly_savings
from pycore.inputs import parameter_spec
from pycore.scenario import Scenario, with_value

__all__ = ["SENSITIVITY_STEP", "Sensitivity", "main_inputs", "sensitivity"]

#: The relative change applied to each input: -20% and +20%.
SENSITIVITY_STEP = 0.2


@dataclass(frozen=True, slots=True)
class Sensitivity:
    """One bar of the tornado chart.

    ``low_value``/``high_value`` are the input at -20%/+20% (its own unit);
    ``savings_low``/``savings_high`` the monthly savings there (USD per month);
    ``breakeven_low``/``breakeven_high`` the break-even volume there (requests per
    month, None when there is none); ``swing`` = |savings_high - savings_low|.
    """

    name: str
    label: str
    low_value: float
    high_value: float
    savings_low: float
    savings_high: float
    breakeven_low: float | None
    breakeven_high: float | None
    swing: float


def main_inputs(scenario: Scenario) -> tuple[str, ...]:
    """Return the inputs that drive the result in this scenario's pricing and hosting mode."""
    names = ["monthly_inferences"]
    if scenario.token_pricing:
        names += ["input_price_per_mtok", "output_price_per_mtok"]
        names += ["avg_input_tokens", "avg_output_tokens"]
        if scenario.cached_input_share > 0:
            names += ["cached_input_share"]
    else:
        names += ["api_cost_per_1k"]
    if scenario.capacity_hosting:
        names += ["gpu_hourly", "peak_to_average", "latency_slo_ms"]
        if scenario.replica_throughput_tps is not None:
            names += ["replica_throughput_tps"]
        else:
            names += ["prefill_tps", "decode_tps", "decode_step_ms"]
        if not scenario.token_pricing:
            names += ["avg_output_tokens"]
    else:
        names += ["hosting_monthly"]
    if scenario.ops_monthly > 0:
        names += ["ops_monthly"]
    return tuple(names)


def sensitivity(scenario: Scenario) -> list[Sensitivity]:
    """Return a :class:`Sensitivity` per main input that moves the answer, largest swing first."""
    bars = []
    for name in main_inputs(scenario):
        spec = parameter_spec(name)
        base = getattr(scenario, name)
        low, high = (
            min(max(base * factor, spec.minimum), spec.maximum)
            for factor in (1 - SENSITIVITY_STEP, 1 + SENSITIVITY_STEP)
        )
        at_low, at_high = with_value(scenario, name, low), with_value(scenario, name, high)
        savings_low, savings_high = monthly_savings(at_low), monthly_savings(at_high)
        bars.append(
            Sensitivity(
                name=name,
                label=spec.label,
                low_value=low,
                high_value=high,
                savings_low=savings_low,
                savings_high=savings_high,
                breakeven_low=breakeven_inferences(at_low),
                breakeven_high=breakeven_inferences(at_high),
                swing=abs(savings_high - savings_low),
            )
        )
    # An input that moves neither savings nor break-even has nothing to show.
    bars = [bar for bar in bars if bar.swing > 0 or bar.breakeven_low != bar.breakeven_high]
    bars.sort(key=lambda bar: bar.swing, reverse=True)
    return bars

"""The cost model: what the API and the fine-tuned model cost per month, and where they meet.

Simple (seed) model, all amounts in USD per month and volumes in requests per month:

- ``api_monthly = monthly_inferences * api_cost_per_1k / 1000``
- ``finetuned_monthly = hosting_monthly`` (a fixed GPU server, whatever the volume)
- ``monthly_savings = api_monthly - finetuned_monthly`` (positive: fine-tuning saves)
- ``breakeven_inferences = hosting_monthly * 1000 / api_cost_per_1k``, the volume at
  which both cost the same; ``None`` when the API is free (it never breaks even).

With the seed's defaults ($3,000 hosting, $2.00 per 1,000 requests) the break-even is
1,500,000 requests a month, and at 10,000,000 requests the API costs $20,000 against $3,000.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "CostCurve",
    "Scenario",
    "api_monthly",
    "breakeven_inferences",
    "cost_curve",
    "finetuned_monthly",
    "log_volumes",
    "monthly_savings",
]

#: The chart's default volume range, requests per month (10 thousand to 1 billion).
CURVE_MIN = 1e4
CURVE_MAX = 1e9
#: The widest range the chart may stretch to, so any valid scenario stays in view.
CURVE_LIMIT = 1e12


@dataclass(frozen=True, slots=True)
class Scenario:
    """One set of model inputs.

    ``monthly_inferences`` in requests per month, ``api_cost_per_1k`` in USD per 1,000
    requests, ``hosting_monthly`` in USD per month. Build one from untrusted input with
    :func:`pycore.validate_parameters` or :func:`pycore.clamp_parameters` first.
    """

    monthly_inferences: float
    api_cost_per_1k: float
    hosting_monthly: float


@dataclass(frozen=True, slots=True)
class CostCurve:
    """Both monthly costs sampled over volume, for the chart.

    Three equal-length tuples: ``volumes`` (requests per month, log-spaced, ascending),
    ``api_monthly`` and ``finetuned_monthly`` (USD per month at each volume).
    """

    volumes: tuple[float, ...]
    api_monthly: tuple[float, ...]
    finetuned_monthly: tuple[float, ...]


def api_monthly(scenario: Scenario, volume: float | None = None) -> float:
    """Return the API's cost in USD per month at ``volume`` (default: the scenario's)."""
    requests = scenario.monthly_inferences if volume is None else volume
    return requests * scenario.api_cost_per_1k / 1000


def finetuned_monthly(scenario: Scenario, volume: float | None = None) -> float:
    """Return the fine-tuned model's cost in USD per month; fixed, so ``volume`` is unused."""
    del volume  # the seed model's hosting does not depend on volume
    return scenario.hosting_monthly


def monthly_savings(scenario: Scenario) -> float:
    """Return API minus fine-tuned cost in USD per month (negative: the API is cheaper)."""
    return api_monthly(scenario) - finetuned_monthly(scenario)


def breakeven_inferences(scenario: Scenario) -> float | None:
    """Return the monthly volume (requests) at which both options cost the same.

    Below it the API is cheaper, above it the fine-tuned model is. Returns ``0.0`` when
    hosting is free (self-hosting is never the dearer option) and ``None`` when the API
    is free and hosting is not (the API is cheaper at every volume: no break-even).
    """
    if scenario.hosting_monthly == 0:
        return 0.0
    if scenario.api_cost_per_1k == 0:
        return None
    return scenario.hosting_monthly * 1000 / scenario.api_cost_per_1k


def log_volumes(low: float, high: float, per_decade: int = 12) -> tuple[float, ...]:
    """Return volumes from ``low`` to ``high`` (requests per month), evenly spaced in log10.

    ``per_decade`` points per factor of ten, both ends included. Raises ``ValueError``
    unless ``0 < low < high``.
    """
    if not 0 < low < high:
        raise ValueError(f"log_volumes: expected 0 < low < high, got {low!r}, {high!r}")
    start, stop = math.log10(low), math.log10(high)
    count = max(2, math.ceil((stop - start) * per_decade) + 1)
    step = (stop - start) / (count - 1)
    return tuple(10 ** (start + i * step) for i in range(count))


def curve_range(scenario: Scenario) -> tuple[float, float]:
    """Return the chart's volume range: 10^4 to 10^9, widened to show the scenario.

    The range grows by a factor of ten around the scenario's volume and break-even
    when they fall outside it, within 1 to 10^12 requests per month.
    """
    marks = [scenario.monthly_inferences]
    breakeven = breakeven_inferences(scenario)
    if breakeven:
        marks.append(breakeven)
    positive = [mark for mark in marks if mark > 0]
    low = min([CURVE_MIN, *(mark / 10 for mark in positive)])
    high = max([CURVE_MAX, *(mark * 10 for mark in positive)])
    low = 10 ** math.floor(math.log10(max(low, 1.0)))
    high = 10 ** math.ceil(math.log10(min(high, CURVE_LIMIT)))
    return low, high


def cost_curve(scenario: Scenario) -> CostCurve:
    """Sample both monthly costs over :func:`curve_range` for the chart."""
    volumes = log_volumes(*curve_range(scenario))
    return CostCurve(
        volumes=volumes,
        api_monthly=tuple(api_monthly(scenario, v) for v in volumes),
        finetuned_monthly=tuple(finetuned_monthly(scenario, v) for v in volumes),
    )

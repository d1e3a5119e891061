"""The cost chart's data: both monthly costs sampled over a log-spaced range of volumes.

The range runs from 10^4 to 10^9 requests a month, widened by a factor of ten around the
scenario's volume and its break-even volumes when they fall outside it, within 1 to 10^12.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from pycore.breakeven import BREAKEVEN_LIMIT, breakeven_inferences, sustained_breakeven_inferences
from pycore.costs import api_monthly, hosting_costs
from pycore.formatting import format_requests, format_usd
from pycore.remember import across_volumes
from pycore.scenario import Scenario

__all__ = ["CostCurve", "cost_curve", "curve_range", "curve_table", "log_volumes"]

#: The chart's default volume range, requests per month (10 thousand to 1 billion).
CURVE_MIN = 1e4
CURVE_MAX = 1e9


@dataclass(frozen=True, slots=True)
class CostCurve:
    """Both monthly costs sampled over volume, for the chart.

    Three equal-length tuples: ``volumes`` (requests per month, log-spaced, ascending),
    ``api_monthly`` and ``finetuned_monthly`` (USD per month at each volume).
    """

    volumes: tuple[float, ...]
    api_monthly: tuple[float, ...]
    finetuned_monthly: tuple[float, ...]


def log_volumes(low: float, high: float, per_decade: int = 24) -> tuple[float, ...]:
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


def curve_range(
    scenario: Scenario, marks: tuple[float | None, ...] | None = None
) -> tuple[float, float]:
    """Return the chart's volume range (requests per month); see the module docstring.

    ``marks`` are the volumes to show (default: the scenario's volume and both break-evens).
    """
    if marks is None:
        marks = (
            scenario.monthly_inferences,
            breakeven_inferences(scenario),
            sustained_breakeven_inferences(scenario),
        )
    positive = [mark for mark in marks if mark]
    low = min([CURVE_MIN, *(mark / 10 for mark in positive)])
    high = max([CURVE_MAX, *(mark * 10 for mark in positive)])
    low = 10 ** math.floor(math.log10(max(low, 1.0)))
    high = 10 ** math.ceil(math.log10(min(high, BREAKEVEN_LIMIT)))
    return low, high


def cost_curve(scenario: Scenario, marks: tuple[float | None, ...] | None = None) -> CostCurve:
    """Sample both monthly costs over :func:`curve_range` for the chart (the fine-tuned
    cost is :func:`pycore.costs.finetuned_monthly`, from :func:`pycore.costs.hosting_costs`:
    the fleet is sized only where its size may change)."""
    return _sampled(scenario, *curve_range(scenario, marks))


@across_volumes  # each cost is taken at the curve's volumes, never at the scenario's own
def _sampled(scenario: Scenario, low: float, high: float) -> CostCurve:
    """Both monthly costs at :func:`log_volumes` from ``low`` to ``high``."""
    volumes = log_volumes(low, high)
    ops = scenario.ops_monthly
    return CostCurve(
        volumes=volumes,
        api_monthly=tuple(api_monthly(scenario, v) for v in volumes),
        finetuned_monthly=tuple(cost + ops for cost in hosting_costs(scenario, volumes)),
    )


@lru_cache(maxsize=8)  # the curve itself is remembered across volumes (_sampled)
def curve_table(curve: CostCurve, *, unfit: bool = False) -> tuple[tuple[str, str, str], ...]:
    """The cost table beside the chart: the curve's rows at powers of ten, as text
    (requests per month, API and fine-tuned USD per month; the fine-tuned cost left out,
    "n/a", when ``unfit``: the GPU cannot serve these requests)."""
    return tuple(
        (format_requests(volume), format_usd(api_cost), format_usd(None if unfit else mine))
        for volume, api_cost, mine in zip(
            curve.volumes, curve.api_monthly, curve.finetuned_monthly, strict=True
        )
        if _is_power_of_ten(volume)
    )


def _is_power_of_ten(volume: float) -> bool:
    """Tell whether a curve volume sits on a power of ten (within float noise)."""
    exponent = math.log10(volume)
    return abs(exponent - round(exponent)) < 1e-9

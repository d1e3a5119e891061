"""Monthly and upfront costs of both options at a given volume.

Units: USD, requests per month. The API costs ``volume * effective_api_cost_per_1k / 1000``
a month (:mod:`pycore.billing`). The fine-tuned model costs its hosting plus
``ops_monthly``: hosting is ``hosting_monthly`` (fixed, the seed's model) or, when
``gpu_hourly`` is given, the billed replica-hours of the fleet sized in
:mod:`pycore.serving` times ``gpus_per_replica * gpu_hourly``; either way times
``1 - reserved_share * reserved_discount`` (a share on a one-year commitment). The upfront
cost of fine-tuning is ``training_examples * labeling_cost_per_example + training_gpu_hours *
training_gpu_hourly + engineering_upfront``.

With the seed's defaults ($3,000 hosting, $2.00 per 1,000 requests) the two break even at
1,500,000 requests a month, and at 10,000,000 requests the API costs $20,000 against $3,000.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pycore.billing import effective_api_cost_per_1k
from pycore.scenario import HOURS_PER_MONTH, Scenario
from pycore.serving import billed_hours, fleet_size

__all__ = [
    "always_on_hosting",
    "api_monthly",
    "finetuned_monthly",
    "hosting_cost",
    "hosting_costs",
    "monthly_savings",
    "replicas",
    "upfront_cost",
]


def api_monthly(scenario: Scenario, volume: float | None = None) -> float:
    """Return the API's cost in USD per month at ``volume`` (default: the scenario's)."""
    requests = scenario.monthly_inferences if volume is None else volume
    return requests * effective_api_cost_per_1k(scenario) / 1000


def replicas(scenario: Scenario, volume: float | None = None) -> int | None:
    """Return the replicas running at the peak of ``volume`` (None with fixed hosting)."""
    if not scenario.capacity_hosting:
        return None
    return fleet_size(scenario, volume)


def hosting_cost(scenario: Scenario, volume: float | None = None) -> float:
    """Return hosting in USD per month at ``volume``: fixed, or billed GPU time; a share
    ``reserved_share`` of it on a one-year commitment costs ``reserved_discount`` less."""
    s = scenario
    reserved = 1 - s.reserved_share * s.reserved_discount
    if not s.capacity_hosting:
        return s.hosting_monthly * reserved
    hours = billed_hours(s, volume)
    return hours * s.gpus_per_replica * (s.gpu_hourly or 0.0) * reserved


def always_on_hosting(scenario: Scenario, replicas: int) -> float:
    """Return hosting in USD per month for ``replicas`` always-on replicas (capacity hosting):
    730 hours each, times ``gpus_per_replica * gpu_hourly`` and the reserved share's discount.
    """
    s = scenario
    reserved = 1 - s.reserved_share * s.reserved_discount
    return replicas * HOURS_PER_MONTH * s.gpus_per_replica * (s.gpu_hourly or 0.0) * reserved


def hosting_costs(scenario: Scenario, volumes: Sequence[float]) -> tuple[float, ...]:
    """Return :func:`hosting_cost` at each of ``volumes``, the same floats, sizing fewer
    fleets: the fleet never shrinks as the volume grows, so between two volumes whose fleets
    run the same number of always-on replicas every fleet runs that many, and costs the
    same. The sorted volumes are split at their middle until each run's ends agree (a
    replica scaled to zero is billed by the volume: each of its volumes is priced)."""
    s = scenario
    if not s.capacity_hosting or not volumes:
        return tuple(hosting_cost(s, volume) for volume in volumes)
    order = sorted(set(volumes))
    known = {volume: hosting_cost(s, volume) for volume in (order[0], order[-1])}

    def same(volume: float, count: int) -> bool:
        return fleet_size(s, volume) == count and not (s.min_replicas == 0 and count <= 1)

    def fill(low: int, high: int) -> None:  # both ends known; price the volumes between
        if high - low <= 1:
            return
        count = fleet_size(s, order[low])
        if same(order[high], count):
            for index in range(low + 1, high):
                known[order[index]] = known[order[low]]
            return
        middle = (low + high) // 2
        known[order[middle]] = hosting_cost(s, order[middle])
        fill(low, middle)
        fill(middle, high)

    fill(0, len(order) - 1)
    return tuple(known[volume] for volume in volumes)


def finetuned_monthly(scenario: Scenario, volume: float | None = None) -> float:
    """Return the fine-tuned model's cost in USD per month: hosting plus operations."""
    return hosting_cost(scenario, volume) + scenario.ops_monthly


def monthly_savings(scenario: Scenario, volume: float | None = None) -> float:
    """Return API minus fine-tuned cost in USD per month (negative: the API is cheaper)."""
    return api_monthly(scenario, volume) - finetuned_monthly(scenario, volume)


def upfront_cost(scenario: Scenario) -> float:
    """Return the one-off cost of fine-tuning in USD: labelling, training and engineering."""
    s = scenario
    return math.fsum(
        (
            s.training_examples * s.labeling_cost_per_example,
            s.training_gpu_hours * s.training_gpu_hourly,
            s.engineering_upfront,
        )
    )

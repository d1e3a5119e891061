"""The engine's slow paths, as they were before the searches were made fast: the reference
that tests/test_fast_paths.py holds the fast paths to, float for float.

Each function is the earlier implementation, unchanged but for its name: the fleet's
replica walk (``serving._replicas_for``), the bisection for the most traffic a fleet
serves (``serving._max_rate``), the break-even's doubling and bisection over replica
counts (``breakeven._steps``), the scan of every routing candidate
(``routing.best_routed_share``) and the fine-tuned cost at each volume of the curve and
the horizon, one fleet each. :func:`reference_engine` swaps them in for the fast ones.
"""

from __future__ import annotations

import functools
import math
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pytest

import pycore
from pycore.breakeven import BREAKEVEN_LIMIT, _catch_up, _marginal_gain
from pycore.queueing import QUANTILE
from pycore.remember import forget_all
from pycore.replica import ServingProfile
from pycore.routing import _feasible, hybrid
from pycore.scenario import Scenario
from pycore.search import largest
from pycore.serving import fleet, max_volume, ttft_s

# The modules, by name (the package's attributes of the same names are functions).
serving = sys.modules["pycore.serving"]
breakeven = sys.modules["pycore.breakeven"]
routing = sys.modules["pycore.routing"]
decision = sys.modules["pycore.decision"]
curve = sys.modules["pycore.curve"]
horizon = sys.modules["pycore.horizon"]
SLACK = serving._SLACK


def replicas_for(
    rate: float,
    profile: ServingProfile,
    limits: tuple[float, float | None, float],
    least: int,
) -> int:
    """The fewest replicas (at least ``least``) that meet the ``limits`` at ``rate``: walk up."""
    if rate <= 0 or profile.request_s <= 0:
        return max(least, 1 if rate > 0 else 0)
    target_s = limits[0]
    work = rate * profile.request_s
    ceiling = serving._ceiling(profile, *limits, QUANTILE)
    start = max(math.ceil(work / ceiling * (1 - SLACK)), math.floor(work) + 1)
    low = max(least, 1, start)
    step = 1
    while ttft_s(profile, low, rate) > target_s * (1 + SLACK):
        low += step
        step *= 2
    if step == 1:
        return low
    high, low = low, low - step // 2
    while high - low > 1:
        middle = (low + high) // 2
        if ttft_s(profile, middle, rate) <= target_s * (1 + SLACK):
            high = middle
        else:
            low = middle
    return high


def max_rate(
    profile: ServingProfile,
    replicas: int,
    limits: tuple[float, float | None, float],
    quantile: float,
) -> float:
    """The most requests a second ``replicas`` replicas serve within the limits: bisection."""
    target_s = limits[0]
    limit = replicas * serving._ceiling(profile, *limits, quantile) / profile.request_s
    if (
        pycore.wait_quantile(
            replicas * profile.slots, limit * profile.service_s, profile.service_s, quantile
        )
        == 0.0
    ):
        return limit
    return largest(
        lambda rate: ttft_s(profile, replicas, rate, quantile) <= target_s * (1 + SLACK), limit
    )


def steps(scenario: Scenario, price: float, first: int, *, sustained: bool) -> float | None:
    """Break-even over always-on steps ``r >= first``: doubling, then bisection."""

    def holds(count: int) -> bool:
        needed = fleet(scenario, _catch_up(scenario, price, count)).replicas
        return needed < count if sustained else needed <= count

    if sustained and _marginal_gain(scenario) <= 0:
        return None
    if not sustained and holds(first):
        return _catch_up(scenario, price, first)
    low, high = first, max(first * 2, first + 1)
    while not holds(high):
        if _catch_up(scenario, price, high) > BREAKEVEN_LIMIT * 10:
            return None
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle
    return _catch_up(scenario, price, low if sustained else high)


def best_routed_share(scenario: Scenario) -> float | None:
    """The best routed share: every candidate of the first ``_MAX_STEPS`` steps evaluated."""
    s = scenario
    volume = s.monthly_inferences
    bounds = _feasible(s)
    if volume <= 0 or bounds is None:
        return None
    low, high = bounds
    candidates = {low, high}
    if s.capacity_hosting:
        first = max(1, int(s.min_replicas))
        for count in range(first, first + routing._MAX_STEPS):
            share = max_volume(s, count) / volume
            if share >= high:
                break
            if share > low:
                candidates.add(share)

    def value(share: float) -> float:
        cost = hybrid(s, share).cost_per_1k_success
        return float("inf") if cost is None else cost

    return min(sorted(candidates), key=value)


def hosting_costs(scenario: Scenario, volumes: Sequence[float]) -> tuple[float, ...]:
    """Hosting at each volume, one fleet each (as ``costs.hosting_cost`` was)."""
    s = scenario
    reserved = 1 - s.reserved_share * s.reserved_discount
    if not s.capacity_hosting:
        return tuple(s.hosting_monthly * reserved for _ in volumes)
    return tuple(
        fleet(s, volume).billed_hours * s.gpus_per_replica * (s.gpu_hourly or 0.0) * reserved
        for volume in volumes
    )


#: Forget every remembered result of pycore.
forget = forget_all


@contextmanager
def reference_engine() -> Iterator[None]:
    """Run pycore on the slow paths inside the ``with`` block (each remembered result is
    forgotten on the way in and out, so neither engine sees the other's)."""
    with pytest.MonkeyPatch.context() as patch:
        forget()
        patch.setattr(serving, "_replicas_for", functools.lru_cache(maxsize=4096)(replicas_for))
        patch.setattr(serving, "_max_rate", functools.lru_cache(maxsize=4096)(max_rate))
        patch.setattr(breakeven, "_steps", steps)
        patch.setattr(routing, "best_routed_share", best_routed_share)
        patch.setattr(decision, "best_routed_share", best_routed_share)
        patch.setattr(curve, "hosting_costs", hosting_costs)
        patch.setattr(horizon, "hosting_costs", hosting_costs)
        try:
            yield
        finally:
            forget()
    forget()

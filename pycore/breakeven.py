"""Break-even volumes: where self-hosting first costs no more than the API, and from where
it stays that way.

With fixed hosting both are ``(hosting_monthly + ops_monthly) / price per request``. With
hosting sized from GPU capacity the fine-tuned cost is a staircase: each extra replica adds
``replica_monthly``, so the API can be cheaper again just after a step, a sawtooth. Two
volumes say what is true (requests per month):

- ``breakeven_inferences``: the first volume at which the fine-tuned model costs no more
  than the API (the seed's break-even);
- ``sustained_breakeven_inferences``: the volume above which the fine-tuned model is no
  dearer at every volume.

Both are solved exactly. In step ``r`` (``r`` replicas at the peak) the fine-tuned cost is
``F(r) = r * replica_monthly + ops`` and the API catches up at ``V(r) = F(r) / price``. The
first break-even is ``V(r)`` for the smallest ``r`` whose fleet at ``V(r)`` needs no more than
``r`` replicas; the sustained one is ``V(r)`` for the largest ``r`` whose fleet at ``V(r)``
still needs ``r``: past it, every step starts below the API. Both conditions change value
once as ``r`` grows, because the most a fleet serves within the latency target grows at
least in proportion to its replicas (a larger queue pools better), so a search over ``r``
finds them (from a guess, see :func:`_steps`). With scale to zero (``min_replicas = 0``)
the single-replica range is continuous (busy time plus warm windows, concave in volume),
so its crossing is found by bisection on the volume.
"""

from __future__ import annotations

import math

from pycore.billing import effective_api_cost_per_1k
from pycore.costs import finetuned_monthly
from pycore.remember import across_volumes
from pycore.replica import replica_monthly, serving_profile
from pycore.scenario import SECONDS_PER_MONTH, Scenario
from pycore.search import largest, smallest
from pycore.serving import max_volume, scaled_to_zero_seconds, serves

__all__ = [
    "BREAKEVEN_LIMIT",
    "breakeven_inferences",
    "no_breakeven_reason",
    "sustained_breakeven_inferences",
]

#: No break-even is reported at or beyond this volume (requests per month).
BREAKEVEN_LIMIT = 1e12
#: Replica counts searched stop below this many (2^200).
_MOST = 2**200


def breakeven_inferences(scenario: Scenario) -> float | None:
    """Return the smallest monthly volume (requests) at which fine-tuned <= API cost.

    Returns ``0.0`` when the fine-tuned model is never dearer, and None when there is no
    break-even below :data:`BREAKEVEN_LIMIT`; :func:`no_breakeven_reason` says why.
    """
    return _limited(_solve(scenario, sustained=False))


def sustained_breakeven_inferences(scenario: Scenario) -> float | None:
    """Return the volume (requests per month) above which fine-tuned <= API cost throughout.

    Equal to :func:`breakeven_inferences` with fixed hosting; None when the API is cheaper
    again at large volumes (a fully loaded replica costs more than the API charges for its
    traffic) or only beyond :data:`BREAKEVEN_LIMIT`.
    """
    return _limited(_solve(scenario, sustained=True))


def no_breakeven_reason(scenario: Scenario) -> str:
    """Say why there is no break-even: "free_api", "replica_costs_more" (a fully loaded
    replica costs more than the API charges for its traffic) or "beyond_limit"."""
    if effective_api_cost_per_1k(scenario) <= 0:
        return "free_api"
    if scenario.capacity_hosting and _marginal_gain(scenario) <= 0:
        return "replica_costs_more"
    return "beyond_limit"


def _limited(volume: float | None) -> float | None:
    """Drop volumes at or beyond the limit."""
    return volume if volume is not None and volume < BREAKEVEN_LIMIT else None


def _price(scenario: Scenario) -> float:
    """The API's price in USD per request."""
    return effective_api_cost_per_1k(scenario) / 1000


def _marginal_gain(scenario: Scenario) -> float:
    """USD a month the API would charge for a saturated replica's traffic, less its cost."""
    request_s = serving_profile(scenario).request_s
    if request_s <= 0:
        return math.inf
    saturated = SECONDS_PER_MONTH / (request_s * scenario.peak_to_average)
    return saturated * _price(scenario) - replica_monthly(scenario)


@across_volumes  # each break-even is a volume found afresh: never the scenario's own
def _solve(scenario: Scenario, *, sustained: bool) -> float | None:
    """Dispatch on the hosting mode; see the module docstring."""
    price = _price(scenario)
    if not scenario.capacity_hosting or replica_monthly(scenario) == 0:
        fixed = finetuned_monthly(scenario, 0) if scenario.capacity_hosting else None
        monthly = scenario.hosting_monthly + scenario.ops_monthly if fixed is None else fixed
        if scenario.capacity_hosting:
            monthly = scenario.ops_monthly
        if monthly == 0:
            return 0.0
        return monthly / price if price > 0 else None
    if price <= 0:
        return None
    if scenario.min_replicas == 0:
        return _scale_to_zero(scenario, price, sustained=sustained)
    return _steps(scenario, price, int(scenario.min_replicas), sustained=sustained)


def _catch_up(scenario: Scenario, price: float, count: int) -> float:
    """Volume at which the API's bill reaches the cost of ``count`` always-on replicas."""
    return (count * replica_monthly(scenario) + scenario.ops_monthly) / price


def _steps(scenario: Scenario, price: float, first: int, *, sustained: bool) -> float | None:
    """Solve over always-on steps ``r >= first`` (see the module docstring).

    ``holds(r)``: the fleet at ``V(r)`` needs at most ``r`` replicas (fewer than ``r`` for
    the sustained break-even); false up to some ``r``, true beyond. The smallest ``r > first``
    where it holds, ``n``, gives the answer, ``V(n)`` (``V(n - 1)`` sustained); there is none
    when ``holds`` fails at the first count of the doubling ``2 first, 4 first, ...`` whose
    ``V`` passes ten times :data:`BREAKEVEN_LIMIT`. ``n`` is found from a guess made with
    the quick estimate of the wait, then checked and corrected with the exact wait
    (:func:`pycore.search.smallest`): one test of the time to first token per count.
    """

    def holds(count: int, *, estimate: bool = False) -> bool:
        volume = _catch_up(scenario, price, count)
        return serves(scenario, volume, count - 1 if sustained else count, estimate=estimate)

    if sustained and _marginal_gain(scenario) <= 0:
        return None
    if not sustained and holds(first):
        return _catch_up(scenario, price, first)
    top = max(first * 2, first + 1)
    while _catch_up(scenario, price, top) <= BREAKEVEN_LIMIT * 10 and top < _MOST:
        top *= 2  # (a replica priced near 0 would take the count past any float)
    if not holds(top, estimate=True) and not holds(top):
        return None  # (the usual way to no break-even: checked first, at once)
    guess = smallest(lambda count: holds(count, estimate=True), first + 1, first + 1, top)
    found = smallest(holds, first + 1, guess, top)
    if found == top and not holds(top):
        return None
    return _catch_up(scenario, price, found - 1 if sustained else found)


def _scale_to_zero(scenario: Scenario, price: float, *, sustained: bool) -> float | None:
    """Solve when one replica scales to zero below its capacity, always-on steps above."""
    single = max_volume(scenario, 1)
    profile = serving_profile(scenario)
    per_second = replica_monthly(scenario) / SECONDS_PER_MONTH

    def gap(volume: float) -> float:  # API minus fine-tuned, one scale-to-zero replica
        cost = per_second * scaled_to_zero_seconds(profile, volume) + scenario.ops_monthly
        return price * volume - cost

    if not math.isfinite(single):  # requests take no replica time: one replica at most
        single = BREAKEVEN_LIMIT * 10
    in_single = gap(single) >= 0
    if sustained:
        later = _steps(scenario, price, 2, sustained=True) if single < BREAKEVEN_LIMIT else None
        if later is not None and later > single:
            return later
        if later is None and _marginal_gain(scenario) <= 0 and single < BREAKEVEN_LIMIT:
            return None
    elif not in_single:
        return _steps(scenario, price, 2, sustained=False)
    if not in_single:
        return None
    if scenario.ops_monthly == 0 and gap(single * 1e-12) >= 0:
        return 0.0
    # The gap is convex on [0, single] and starts at -ops: negative up to its root, then not.
    return largest(lambda volume: gap(volume) < 0, single)

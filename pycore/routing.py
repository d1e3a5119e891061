"""Hybrid routing: the fine-tuned model answers a share of the traffic, the API the rest.

A router sends ``routed_share`` of the requests to the self-hosted fine-tuned model; a check
escalates ``fallback_share`` of those to the API, which then answers them too (they are
paid twice). Every request passes the router, at ``router_cost_per_1k`` USD per 1,000.

- **Bill** at volume ``V`` (USD a month): ``API price x V x ((1 - r) + r f)`` + hosting
  sized for the routed volume ``r V`` (with its operations cost) + ``V x router_cost_per_1k
  / 1000``; with ``r = 0`` there is no fine-tuned model and no router.
- **Success rate**: the check flags failed answers first, so of the routed requests
  ``p_ft + min(f, 1 - p_ft) x p_api`` succeed, less ``max(0, f - (1 - p_ft)) x (1 - p_api)``
  for good answers escalated by mistake; the others succeed at ``p_api``.
- **best_routed_share** minimizes the cost per 1,000 successful answers (failures included)
  subject to ``min_success_rate``, exactly. The success rate is linear in the share, and the
  bill is linear between two hosting steps (within the one replica that scales to zero it is
  concave): a ratio of such functions takes its least value at an end of each piece, and a
  step's left end is never better than the previous step's right end. So the candidates are
  the ends of the feasible range and the volumes at which each added replica is full. They
  are searched by branch and bound (:func:`_best_steps`): a run of steps is left out only
  when a lower bound on every one of its costs exceeds a cost already found, so the answer
  is the one a scan of every candidate gives.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

from pycore.billing import effective_api_cost_per_1k
from pycore.costs import always_on_hosting, finetuned_monthly
from pycore.quality import cost_per_1k_success, with_failures
from pycore.scenario import SECONDS_PER_MONTH, Scenario, with_changes
from pycore.serving import max_rate_ceiling, max_volume

__all__ = ["Hybrid", "best_routed_share", "hybrid", "routed_success"]

#: Above this many routed shares of the traffic the best share is not searched step by step
#: (a fleet of this many replicas changes cost by under 0.1% per step); see best_routed_share.
_MAX_STEPS = 2000


@dataclass(frozen=True, slots=True)
class Hybrid:
    """Hybrid routing at one routed share: ``monthly`` (USD a month, the bill),
    ``success_rate`` (0 to 1), ``monthly_with_failures`` and ``cost_per_1k_success``
    (USD per 1,000 successful answers, None with no traffic)."""

    routed_share: float
    monthly: float
    success_rate: float
    monthly_with_failures: float
    cost_per_1k_success: float | None


def routed_success(scenario: Scenario) -> float:
    """Return the success rate of the routed requests, fallbacks included (0 to 1)."""
    s = scenario
    failed = 1 - s.finetuned_success_rate
    caught = min(s.fallback_share, failed) * s.api_success_rate
    spoiled = max(0.0, s.fallback_share - failed) * (1 - s.api_success_rate)
    return s.finetuned_success_rate + caught - spoiled


def _success(scenario: Scenario, share: float) -> float:
    """Return the hybrid's success rate at ``share`` (0 to 1)."""
    return (1 - share) * scenario.api_success_rate + share * routed_success(scenario)


def _bill(scenario: Scenario, share: float, volume: float) -> float:
    """Return the hybrid's bill in USD a month at ``share`` of ``volume`` routed."""
    s = scenario
    price = effective_api_cost_per_1k(s) / 1000
    api_calls = volume * ((1 - share) + share * s.fallback_share)
    if share <= 0:
        return api_calls * price
    return (
        api_calls * price
        + finetuned_monthly(s, share * volume)
        + volume * s.router_cost_per_1k / 1000
    )


def hybrid(scenario: Scenario, share: float | None = None, volume: float | None = None) -> Hybrid:
    """Return the hybrid at ``share`` (default ``routed_share``) of ``volume`` (default the
    scenario's) requests a month."""
    s = scenario
    share = s.routed_share if share is None else share
    requests = s.monthly_inferences if volume is None else volume
    bill = _bill(s, share, requests)
    success = _success(s, share)
    return Hybrid(
        routed_share=share,
        monthly=bill,
        success_rate=success,
        monthly_with_failures=with_failures(bill, requests, success, s.failure_cost),
        cost_per_1k_success=cost_per_1k_success(bill, requests, success, s.failure_cost),
    )


def _feasible(scenario: Scenario) -> tuple[float, float] | None:
    """Return the range of shares whose success rate meets ``min_success_rate`` (or None)."""
    low_rate, high_rate = _success(scenario, 0.0), _success(scenario, 1.0)
    floor = scenario.min_success_rate
    slope = high_rate - low_rate
    if slope == 0:
        return (0.0, 1.0) if low_rate >= floor else None
    crossing = min(1.0, max(0.0, (floor - low_rate) / slope))
    if slope > 0:
        return (crossing, 1.0) if high_rate >= floor else None
    return (0.0, crossing) if low_rate >= floor else None


def best_routed_share(scenario: Scenario) -> float | None:
    """Return the routed share (0 to 1) with the least cost per 1,000 successful answers
    that meets ``min_success_rate``; None when no share meets it or there is no traffic.

    Solved exactly over the candidates of the module docstring: the feasible range's ends
    and the shares at which each of the first 2,000 hosting steps is full (beyond, each step
    changes the cost by under 0.1%). The steps are searched by branch and bound
    (:func:`_best_steps`): a run of steps is skipped only when a lower bound on the cost of
    every step in it exceeds the best cost found, so the answer is the full scan's.
    """
    s = scenario
    volume = s.monthly_inferences
    bounds = _feasible(s)
    if volume <= 0 or bounds is None:
        return None
    low, high = bounds
    values = {share: _value(s, share) for share in (low, high)}
    if s.capacity_hosting and min(values.values()) < math.inf:
        _best_steps(s, low, high, values)
    # The least value, the smallest share on a tie (the candidates in ascending order).
    return min(sorted(values), key=values.__getitem__)


def _value(scenario: Scenario, share: float) -> float:
    """The cost per 1,000 successful answers at ``share`` (infinite with no success)."""
    cost = hybrid(scenario, share).cost_per_1k_success
    return math.inf if cost is None else cost


def _floor(scenario: Scenario, share: float, replicas: int) -> float:
    """A lower bound on :func:`_value` at ``share`` when the routed volume needs at least
    ``replicas`` (2 or more) always-on replicas; -inf when there is no bound."""
    s = scenario
    volume = s.monthly_inferences
    price = effective_api_cost_per_1k(s) / 1000
    api_calls = volume * ((1 - share) + share * s.fallback_share)
    bill = (
        api_calls * price
        + always_on_hosting(s, replicas)
        + s.ops_monthly
        + volume * s.router_cost_per_1k / 1000
    )
    cost = cost_per_1k_success(bill, volume, _success(s, share), s.failure_cost)
    return -math.inf if cost is None else cost


#: A bound must exceed the best cost by this share to rule steps out (rounding's margin).
_MARGIN = 1e-9


def _best_steps(scenario: Scenario, low: float, high: float, values: dict[float, float]) -> None:
    """Add to ``values`` the hosting steps' candidate shares that may beat the best one.

    The candidates are the shares ``max_volume(count) / volume`` strictly between ``low`` and
    ``high``, for ``count`` from ``max(1, min_replicas)`` over the next 2,000 counts (the
    full scan stops at the first share at or above ``high``; the shares grow with ``count``).
    A run of counts ``a..b`` lies between the shares of its neighbours, and each count's
    fleet runs at least that many always-on replicas (``a >= 2``), so each candidate costs
    at least :func:`_floor` at its count and its share. With the count fixed that bound is
    a ratio of linear functions of the share, monotonic between the ends of the range; and
    no count's share passes ``count`` times :func:`pycore.serving.max_rate_ceiling`'s share,
    along which the bound is again such a ratio, now of the count: so a few points bound the
    whole run (:func:`_run_floor`). Runs are split at their middle, the lowest bound first,
    until every run left is bounded above the best cost found. Every candidate left out
    costs strictly more than the answer.
    """
    s = scenario
    volume = s.monthly_inferences
    first = max(1, int(s.min_replicas))
    last = first + _MAX_STEPS - 1
    best = min(values.values())

    def share_of(count: int) -> float:
        return max_volume(s, count) / volume

    def consider(count: int, share: float) -> None:
        nonlocal best
        if not low < share < high:
            return
        if count >= 2 and _floor(s, share, count) > best + abs(best) * _MARGIN:
            return
        values[share] = _value(s, share)
        best = min(best, values[share])

    # No count's share passes count * per_count (with rounding's margin).
    per_count = max_rate_ceiling(s) * SECONDS_PER_MONTH / s.peak_to_average / volume
    per_count *= 1 + _MARGIN

    def push(a: int, b: int, lo: float, hi: float) -> None:
        lo, hi = max(lo, low), min(hi, high)
        if a > b or lo >= hi:
            return
        bound = _run_floor(s, (a, b), (lo, hi), per_count)
        heapq.heappush(runs, (bound, a, b, lo, hi))

    runs: list[tuple[float, int, int, float, float]] = []
    share = share_of(first)
    consider(first, share)
    if share < high:
        push(first + 1, last, share, high)
    while runs:
        bound, a, b, lo, hi = heapq.heappop(runs)
        if bound > best + abs(best) * _MARGIN:
            break  # every run left is bounded at least as high
        middle = (a + b) // 2
        share = share_of(middle)
        consider(middle, share)
        push(a, middle - 1, lo, share)
        push(middle + 1, b, share, hi)


def _run_floor(
    scenario: Scenario, counts: tuple[int, int], shares: tuple[float, float], per_count: float
) -> float:
    """A lower bound on the cost per success of the hosting steps ``a..b`` (``a >= 2``)
    whose shares lie in ``lo..hi``, when no count's share passes ``count * per_count``.

    At its lowest share a step costs at least :func:`_floor` at ``lo`` and ``a`` replicas
    (the bound grows with the count). Higher, its share is at most ``min(hi, count *
    per_count)``: where that is ``count * per_count`` the bound is a ratio of linear
    functions of the count, least at an end of those counts (taken a count wider either
    side, for rounding); where it is ``hi``, the bound grows with the count.
    """
    (a, b), (lo, hi) = counts, shares
    bound = _floor(scenario, lo, a)
    if not math.isfinite(per_count) or per_count <= 0:
        return min(bound, _floor(scenario, hi, a))
    first = min(b, max(a, math.floor(lo / per_count)))
    last = min(b, max(a, math.ceil(hi / per_count)))
    beyond = min(b, max(a, math.floor(hi / per_count)))
    return min(
        bound,
        _floor(scenario, first * per_count, first),
        _floor(scenario, last * per_count, last),
        _floor(scenario, hi, beyond),
    )


def with_share(scenario: Scenario, share: float) -> Scenario:
    """Return the scenario with another routed share (for the options table)."""
    return with_changes(scenario, routed_share=share)

"""Serving the fine-tuned model: fleet size, latency and billed time at a monthly volume.

The replica itself (its decode step, time per request and slots) is :mod:`pycore.replica`.

**Latency at the busiest hour.** Traffic peaks at ``rate = monthly_inferences *
peak_to_average / seconds per month``; with ``replicas`` replicas each is busy ``u = rate *
t_req / replicas`` of the time, and runs ``B = u * slots`` requests on average.

- Inter-token latency: the median time between two output tokens is ``step(B)``
  (``p50_itl_ms``); compared with silybench's median inter-token latency at each measured
  concurrency it comes out within 0.85 to 1.15 (tests/test_serving.py).
- Time to first token, p95: the wait for a free slot (Erlang C over every slot of the fleet,
  :mod:`pycore.queueing`), plus the prompt's prefill and the wait behind other prompts, plus
  the step that emits the first token, ``step(B)``. Prompts queue for the GPU time the batch
  leaves, as in an M/M/1 queue at load ``u``: the q-quantile of that wait is
  ``prefill_s / (1 - u) * ln(u / (1 - q))`` when ``u > 1 - q``, else 0 (q = 0.95; Kleinrock,
  *Queueing Systems*, vol. 1, 1975, section 3.2). Prompts of one fixed length wait less (an
  M/D/1 queue), so this leans high. With nobody waiting, time to first token is the prefill
  plus one step: silybench measured 14, 34, 61 and 254 ms for 128, 1,024, 2,048 and 8,192
  prompt tokens at concurrency 1 on the H100.
- Full answer, p95 (an estimate): the p95 time to first token plus ``output * step(B) / (1 -
  u_prefill)``: each token waits for a step, and the steps give way to other requests'
  prompts for a share ``u_prefill = rate * prefill_s / replicas`` of the time. Against
  silybench's p95 end-to-end latency (with its measured p95 time to first token) this comes
  out within 0.9 to 1.3 at the concurrencies the model's slots hold (tests/test_serving.py).

**Fleet.** The fleet is the smallest number of replicas (at least ``min_replicas``) that
keeps, at the peak, the p95 time to first token within ``latency_slo_ms``, the median
inter-token latency within ``itl_slo_ms`` and each replica's busy share at most
``max_utilization``. The cap is headroom for what the queue does not see: bursts within the
busiest hour, a replica lost or restarting. A target out of reach at any load (a prompt
whose prefill and first step alone exceed ``latency_slo_ms``; a single request's step
longer than ``itl_slo_ms``) is reported as missed, and the fleet is sized without it (for
twice the unloaded time to first token). A measured ``replica_throughput_tps`` says nothing
of the batch it was measured at, so the inter-token latency is not modelled for it. Always-on
replicas are billed 730 hours a month; ``utilization`` is the busy share of the billed time,
``volume * t_req / billed seconds``.

**Scale to zero** (``min_replicas = 0``): while one replica carries the peak, it runs only
when requests keep it warm. Each request keeps it on for a window of ``COLD_START_S +
IDLE_WINDOW_S`` seconds (start-up, then the idle time before it scales down again); windows
that overlap are billed once, so for requests arriving at random at the month's average
rate ``r`` the billed time is ``busy + month * (1 - exp(-r * window))``, at most the whole
month. A request that finds the replica cold (a share ``exp(-r * IDLE_WINDOW_S)``) waits
for the start-up; when that share exceeds 5%, p95 time to first token includes it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

from pycore.queueing import (
    QUANTILE,
    wait_quantile,
    wait_quantile_estimate,
    wait_quantile_high,
    wait_quantile_low,
)
from pycore.remember import per_scenario
from pycore.replica import ServingProfile, serving_profile, step_s
from pycore.scenario import SECONDS_PER_MONTH, Scenario
from pycore.search import largest, largest_within, smallest

__all__ = [
    "COLD_START_S",
    "IDLE_WINDOW_S",
    "Fleet",
    "billed_hours",
    "busy_ceiling",
    "fleet",
    "fleet_size",
    "max_rate",
    "max_rate_ceiling",
    "max_volume",
    "scaled_to_zero_seconds",
    "scaled_to_zero_seconds_at",
    "serves",
    "ttft_s",
]

#: Seconds to start a replica of an 8B model from zero (container, weights, CUDA graphs):
#: an estimate of this analyzer, in the 30 to 90 s that serverless GPU platforms report.
COLD_START_S = 60.0
#: Seconds a scale-to-zero replica stays up after its last request: Modal's default
#: scale-down window (modal.com/docs, checked November 2026).
IDLE_WINDOW_S = 60.0
#: Relative slack when comparing a latency or a busy share with its target.
_SLACK = 1e-9


@dataclass(frozen=True, slots=True)
class Fleet:
    """The self-hosted fleet at one monthly volume.

    ``replicas``: replicas running at the peak (0 only when scaled to zero with no traffic);
    ``billed_hours``: replica-hours billed a month; ``utilization``: busy share of the billed
    time (0 to 1); ``peak_utilization``: busy share of the replicas at the peak;
    ``p95_ttft_s`` and ``p95_e2e_s``: p95 time to first token and (an estimate) to the last
    token at the peak, seconds; ``p50_itl_s``: median time between output tokens at the
    peak (None with a measured throughput); ``meets_slo``: whether ``p95_ttft_s`` is within
    ``latency_slo_ms``; ``meets_itl``: whether ``p50_itl_s`` is within ``itl_slo_ms`` (True
    when not modelled); ``cold_share``: share of requests that find a scaled-to-zero replica
    cold; ``fits``: whether a request's context fits a replica's KV cache at all.
    """

    replicas: int
    billed_hours: float
    utilization: float
    peak_utilization: float
    p95_ttft_s: float
    p95_e2e_s: float
    p50_itl_s: float | None
    meets_slo: bool
    meets_itl: bool
    cold_share: float
    fits: bool


def _prefill_wait_s(profile: ServingProfile, busy: float, quantile: float) -> float:
    """The ``quantile`` of a prompt's prefill and its wait behind other prompts, seconds."""
    tail = 1 - quantile
    if busy <= tail:
        return profile.prefill_s
    if busy >= 1:
        return math.inf
    return profile.prefill_s * (1 + math.log(busy / tail) / (1 - busy))


def _unloaded_s(profile: ServingProfile) -> float:
    """Time to first token with nobody else running: the prefill and one step with one
    request (:func:`step_s` at no load: the least that :func:`ttft_s` can give, so that a
    fleet sized for twice this always exists)."""
    return profile.prefill_s + step_s(profile, 0.0)


def _target_s(scenario: Scenario, profile: ServingProfile) -> float:
    """The p95 time-to-first-token target in seconds (twice the unloaded time when out of
    reach)."""
    target = scenario.latency_slo_ms / 1000
    unloaded = _unloaded_s(profile)
    return target if unloaded < target else 2 * unloaded


def _itl_reachable(scenario: Scenario, profile: ServingProfile) -> bool:
    """Whether the inter-token latency target can be met at all (a single request's step)."""
    return profile.measured or step_s(profile, 0.0) < scenario.itl_slo_ms / 1000


def _peak_rate(scenario: Scenario, volume: float) -> float:
    """Requests per second at the busiest hour for ``volume`` requests a month."""
    return volume * scenario.peak_to_average / SECONDS_PER_MONTH


def ttft_s(
    profile: ServingProfile,
    replicas: int,
    rate: float,
    quantile: float = QUANTILE,
    wait: Callable[[int, float, float, float], float] = wait_quantile,
) -> float:
    """Return the ``quantile`` of time to first token, seconds, at ``rate`` requests/second.

    Wait for a slot (Erlang C over ``replicas * slots`` slots), the prefill and its wait
    behind other prompts, and the step that emits the first token; ``math.inf`` when the
    replicas cannot keep up. ``wait`` gives the wait's quantile:
    :func:`pycore.queueing.wait_quantile`, or for a search a bound on it or a quick
    estimate of it.
    """
    if replicas <= 0:
        return math.inf if rate > 0 else 0.0
    busy = rate * profile.request_s / replicas
    if busy >= 1:
        return math.inf
    slots = replicas * profile.slots
    waiting = wait(slots, rate * profile.service_s, profile.service_s, quantile)
    return waiting + _prefill_wait_s(profile, busy, quantile) + step_s(profile, busy)


def _first_token_s(profile: ServingProfile, busy: float, quantile: float) -> float:
    """Time to first token without the wait for a slot, at busy share ``busy``."""
    return _prefill_wait_s(profile, busy, quantile) + step_s(profile, busy)


@functools.lru_cache(maxsize=4096)
def _ceiling(
    profile: ServingProfile, target_s: float, itl_s: float | None, cap: float, quantile: float
) -> float:
    """The highest busy share a replica may run at (a pure function: remembered).

    The least of ``cap``, the share at which the median step reaches ``itl_s`` (None: no
    inter-token target) and the share at which time to first token without a slot wait
    reaches ``target_s``; each grows with the busy share, so a bisection finds it.
    """
    ceiling = cap
    if itl_s is not None and not profile.measured:
        room = itl_s - profile.min_step_s
        batch = itl_s / profile.token_s
        if profile.cache_step_s > 0:
            batch = min(batch, room / profile.cache_step_s)
        ceiling = min(ceiling, batch / profile.slots)
    if _first_token_s(profile, ceiling, quantile) > target_s:
        ceiling = largest(lambda busy: _first_token_s(profile, busy, quantile) <= target_s, ceiling)
    return max(ceiling, 1e-9)


def busy_ceiling(scenario: Scenario, quantile: float = QUANTILE) -> float:
    """Return the busy share (0 to 1) at which a replica still meets the scenario's targets
    and its utilization cap, leaving aside the wait for a slot (see the module docstring)."""
    profile = serving_profile(scenario)
    return _ceiling(profile, *_limits(scenario, profile), quantile)


def _limits(scenario: Scenario, profile: ServingProfile) -> tuple[float, float | None, float]:
    """The time-to-first-token target, the inter-token target (None when out of reach or
    not modelled) and the utilization cap, in seconds and a share."""
    itl = scenario.itl_slo_ms / 1000 if _itl_reachable(scenario, profile) else None
    return _target_s(scenario, profile), itl, scenario.max_utilization


def _fewest_possible(
    rate: float, profile: ServingProfile, limits: tuple[float, float | None, float], least: int
) -> int:
    """The fleet's size when requests take no time, else the fewest replicas (at least
    ``least`` and 1) whose busy share is within the ceiling (:func:`busy_ceiling`)."""
    if rate <= 0 or profile.request_s <= 0:
        return max(least, 1 if rate > 0 else 0)
    work = rate * profile.request_s
    ceiling = _ceiling(profile, *limits, QUANTILE)
    start = max(math.ceil(work / ceiling * (1 - _SLACK)), math.floor(work) + 1)
    return max(least, 1, start)


@functools.lru_cache(maxsize=4096)
def _replicas_for(
    rate: float,
    profile: ServingProfile,
    limits: tuple[float, float | None, float],
    least: int,
) -> int:
    """Return the fewest replicas (at least ``least``) that meet the ``limits`` at ``rate``.

    A pure function of its arguments, remembered: an input that does not change the
    serving profile finds the curve's fleets already sized. No fewer replicas fit than
    those whose busy share is within the ceiling (:func:`busy_ceiling`). When a bound on
    the wait for a slot shows that they fit, that is the answer; else the search
    (:func:`pycore.search.smallest`) starts from where a quick estimate of the wait fits,
    testing each count with bounds on the wait and, when they do not settle it, the exact
    wait.
    """
    low = _fewest_possible(rate, profile, limits, least)
    if rate <= 0 or profile.request_s <= 0:
        return low
    allowed = limits[0] * (1 + _SLACK)
    if ttft_s(profile, low, rate, wait=wait_quantile_high) <= allowed:
        return low  # (settled by a bound: the usual case)
    guess = smallest(
        lambda count: ttft_s(profile, count, rate, wait=wait_quantile_estimate) <= allowed,
        low,
        low,
    )
    return smallest(lambda count: _fits(profile, count, rate, allowed), low, guess)


def _fits(profile: ServingProfile, replicas: int, rate: float, allowed_s: float) -> bool:
    """Tell whether ``ttft_s(profile, replicas, rate) <= allowed_s``: the same answer, from
    bounds on the wait in constant time when they settle it, else from the exact wait."""
    if ttft_s(profile, replicas, rate, wait=wait_quantile_high) <= allowed_s:
        return True
    if ttft_s(profile, replicas, rate, wait=wait_quantile_low) > allowed_s:
        return False
    return ttft_s(profile, replicas, rate) <= allowed_s


def max_rate(scenario: Scenario, replicas: int = 1, quantile: float = QUANTILE) -> float:
    """Return the most requests per second ``replicas`` replicas serve within the targets.

    The highest arrival rate at which the ``quantile`` of time to first token is within
    ``latency_slo_ms`` (or twice the unloaded time, when that is out of reach), the median
    inter-token latency within ``itl_slo_ms`` and the busy share within ``max_utilization``;
    ``math.inf`` when requests take no replica time, 0 for no replicas.
    """
    profile = serving_profile(scenario)
    if replicas <= 0:
        return 0.0
    if profile.request_s <= 0:
        return math.inf
    return _max_rate(profile, replicas, _limits(scenario, profile), quantile)


@functools.lru_cache(maxsize=4096)
def _max_rate(
    profile: ServingProfile,
    replicas: int,
    limits: tuple[float, float | None, float],
    quantile: float,
) -> float:
    """Solve :func:`max_rate` (a pure function of its arguments: remembered).

    The busy ceiling allows at most ``replicas * ceiling / t_req`` requests a second; when no
    request waits for a slot at that rate, it is the answer. Otherwise, bisection (replayed
    with few evaluations by :func:`pycore.search.largest_within`: the same float).
    """
    target_s = limits[0]
    limit = replicas * _ceiling(profile, *limits, quantile) / profile.request_s
    if (
        wait_quantile(
            replicas * profile.slots, limit * profile.service_s, profile.service_s, quantile
        )
        == 0.0
    ):
        return limit
    return largest_within(
        lambda rate: ttft_s(profile, replicas, rate, quantile),
        target_s * (1 + _SLACK),
        limit,
        lambda rate: ttft_s(profile, replicas, rate, quantile, wait_quantile_estimate),
    )


def max_rate_ceiling(scenario: Scenario, replicas: int = 1) -> float:
    """Return an upper bound on :func:`max_rate`, in constant time: the rate at which the
    replicas run at the busy ceiling (:func:`busy_ceiling`), ``replicas * ceiling / t_req``
    (requests per second; ``math.inf`` when requests take no replica time)."""
    profile = serving_profile(scenario)
    if profile.request_s <= 0:
        return math.inf
    return replicas * busy_ceiling(scenario) / profile.request_s


def max_volume(scenario: Scenario, replicas: int) -> float:
    """Return the most requests a month ``replicas`` always-on replicas serve in target.

    :func:`max_rate` at the peak, as a monthly volume (requests per month).
    """
    return max_rate(scenario, replicas) * SECONDS_PER_MONTH / scenario.peak_to_average


def serves(scenario: Scenario, volume: float, replicas: int, *, estimate: bool = False) -> bool:
    """Tell whether ``fleet(scenario, volume).replicas <= replicas``, from one test of the
    time to first token at ``replicas`` (the fleet is the fewest replicas that pass it).

    With ``estimate``, the wait is the quick estimate: only to start a search from.
    """
    s = scenario
    profile = serving_profile(s)
    rate = _peak_rate(s, volume)
    limits = _limits(s, profile)
    low = _fewest_possible(rate, profile, limits, _least(s, volume))
    if low > replicas:
        return False
    if rate <= 0 or profile.request_s <= 0:
        return True
    allowed = limits[0] * (1 + _SLACK)
    if estimate:
        return ttft_s(profile, replicas, rate, wait=wait_quantile_estimate) <= allowed
    return _fits(profile, replicas, rate, allowed)


def scaled_to_zero_seconds(profile: ServingProfile, volume: float) -> float:
    """Return the seconds a month one scale-to-zero replica is billed at ``volume``.

    Busy time plus the warm windows that requests at random times keep open, at most the
    whole month (see the module docstring).
    """
    return scaled_to_zero_seconds_at(profile.request_s, volume)


def scaled_to_zero_seconds_at(request_s: float, volume: float) -> float:
    """:func:`scaled_to_zero_seconds` for a replica taking ``request_s`` per request."""
    window = COLD_START_S + IDLE_WINDOW_S
    warm = SECONDS_PER_MONTH * -math.expm1(-volume / SECONDS_PER_MONTH * window)
    return min(float(SECONDS_PER_MONTH), volume * request_s + warm)


def _sized(scenario: Scenario, requests: float) -> tuple[ServingProfile, float, int]:
    """The serving profile, the peak rate and the replicas at ``requests`` a month."""
    s = scenario
    profile = serving_profile(s)
    rate = _peak_rate(s, requests)
    return profile, rate, _replicas_for(rate, profile, _limits(s, profile), _least(s, requests))


def _least(scenario: Scenario, requests: float) -> int:
    """The fewest replicas the fleet runs: ``min_replicas``, and one for any traffic."""
    return max(int(scenario.min_replicas), 1 if requests else 0)


def _billed(
    scenario: Scenario, profile: ServingProfile, count: int, requests: float
) -> tuple[float, float]:
    """Seconds billed a month and the share of requests that find a replica cold."""
    if scenario.min_replicas == 0 and count <= 1 and requests:
        billed = scaled_to_zero_seconds(profile, requests)
        return billed, math.exp(-requests / SECONDS_PER_MONTH * IDLE_WINDOW_S)
    return float(count * SECONDS_PER_MONTH), 0.0


@per_scenario
def fleet_size(scenario: Scenario, volume: float | None = None) -> int:
    """Return ``fleet(scenario, volume).replicas``, without sizing the fleet's latency."""
    requests = scenario.monthly_inferences if volume is None else volume
    return _sized(scenario, requests)[2]


@per_scenario
def billed_hours(scenario: Scenario, volume: float | None = None) -> float:
    """Return ``fleet(scenario, volume).billed_hours``, without sizing the fleet's latency."""
    requests = scenario.monthly_inferences if volume is None else volume
    profile, _, count = _sized(scenario, requests)
    return _billed(scenario, profile, count, requests)[0] / 3600


@per_scenario
def fleet(scenario: Scenario, volume: float | None = None) -> Fleet:
    """Size the fleet for ``volume`` requests a month (default: the scenario's).

    See the module docstring for the model; the cost is ``billed_hours * gpus_per_replica
    * gpu_hourly``.
    """
    s = scenario
    requests = s.monthly_inferences if volume is None else volume
    profile, rate, count = _sized(s, requests)
    busy = requests * profile.request_s
    billed, cold_share = _billed(s, profile, count, requests)
    cold = COLD_START_S if cold_share > 1 - QUANTILE else 0.0
    peak_busy = rate * profile.request_s / count if count else 0.0
    ttft = cold + (ttft_s(profile, count, rate) if count else _unloaded_s(profile))
    step = step_s(profile, peak_busy)
    itl = None if profile.measured else step
    prefilling = min(rate * profile.prefill_s / count, 0.99) if count else 0.0
    decode = s.avg_output_tokens * step / (1 - prefilling)
    if profile.measured:  # the answer's tokens at the measured pace of the running batch
        decode = max(decode, peak_busy * profile.service_s)
    return Fleet(
        replicas=count,
        billed_hours=billed / 3600,
        utilization=min(1.0, busy / billed) if billed else 0.0,
        peak_utilization=peak_busy,
        p95_ttft_s=ttft,
        p95_e2e_s=ttft + decode,
        p50_itl_s=itl,
        meets_slo=ttft <= s.latency_slo_ms / 1000 * (1 + 1e-12),
        meets_itl=itl is None or itl <= s.itl_slo_ms / 1000 * (1 + 1e-12),
        cold_share=cold_share,
        fits=profile.fits,
    )

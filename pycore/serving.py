"""Serving the fine-tuned model: replica time per request, fleet size, latency and cost.

**Replica time per request** (seconds of one replica, ``t_req``), from the GPU's own numbers
(the reference form of DistServe, Splitwise and the KV-cache analyses of the serving
literature)::

    t_req = uncached_input / prefill_tps                        # prefill
          + output / decode_tps                                 # decode
          + (decode_step_ms / 1000 / kv_cache_tokens) * output * (input + output / 2)

``input`` is the fine-tuned model's prompt (``finetuned_input_tokens``, the API's prompt by
default) and ``output`` is ``avg_output_tokens``. The last term is the decode time spent
attending the context: a decode step over a full KV cache takes ``decode_step_ms``, and each
output token's share of it is the share of the cache its context fills (on average
``input + output / 2`` tokens). ``uncached_input`` is the part of the prompt that must be
prefilled: the shared prefix is reused (vLLM's automatic prefix caching) and a fine-tuned
model drops shared instructions first, so it is ``min(input, (1 - cached_input_share) *
avg_input_tokens)``. A user's ``replica_throughput_tps``, measured at their own request shape,
overrides the profile: ``t_req = output / replica_throughput_tps``.

**Slots and service time.** A replica holds ``slots = min(256, floor(kv_cache_tokens /
(input + output)))`` requests at once (each needs KV room for its whole context; 256 is
vLLM's default ``max_num_seqs``), at least 1. By Little's law a request holds its slot for
``service_s = slots * t_req`` seconds when the replica runs flat out.

**Fleet.** Traffic peaks at ``rate = monthly_inferences * peak_to_average / seconds per
month`` requests per second. A request's time to first token is its wait for a free slot
plus its prefill, which shares the GPU with the batch already running: with the replica
busy a share ``u = rate * t_req / replicas`` of the time, prefill takes ``prefill_s / (1 -
u)`` (the response time of a job in a processor-sharing server, Kleinrock 1967). The wait
for a slot treats every slot of the fleet as one M/M/N queue (:mod:`pycore.queueing`). The
fleet is the smallest number of replicas (at least ``min_replicas``) whose p95 time to first
token is within ``latency_slo_ms``. When the prefill alone exceeds the target, the fleet is
sized for twice the prefill time instead, and the target is reported as missed. p95
end-to-end latency adds ``avg_output_tokens * decode_step_ms`` (every token at the pace of a
step over a full KV cache: an upper bound). Always-on replicas are billed 730 hours a month;
``utilization`` is the busy share of the billed time, ``volume * t_req / billed seconds``.

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
    largest_within,
    smallest,
    wait_quantile,
    wait_quantile_estimate,
    wait_quantile_high,
    wait_quantile_low,
)
from pycore.remember import per_scenario
from pycore.scenario import HOURS_PER_MONTH, SECONDS_PER_MONTH, Scenario

__all__ = [
    "COLD_START_S",
    "IDLE_WINDOW_S",
    "MAX_SLOTS",
    "Fleet",
    "ServingProfile",
    "billed_hours",
    "fleet",
    "fleet_size",
    "max_rate",
    "max_rate_ceiling",
    "max_volume",
    "replica_monthly",
    "scaled_to_zero_seconds",
    "serves",
    "serving_profile",
    "ttft_s",
]

#: vLLM's default ``max_num_seqs``: requests one replica decodes at once (engine arguments,
#: docs.vllm.ai, checked November 2026).
MAX_SLOTS = 256
#: Seconds to start a replica of an 8B model from zero (container, weights, CUDA graphs):
#: an estimate of this analyzer, in the 30 to 90 s that serverless GPU platforms report.
COLD_START_S = 60.0
#: Seconds a scale-to-zero replica stays up after its last request: Modal's default
#: scale-down window (modal.com/docs, checked November 2026).
IDLE_WINDOW_S = 60.0


@dataclass(frozen=True, slots=True)
class ServingProfile:
    """How one replica serves the scenario's requests (see the module docstring).

    ``request_s``: replica seconds per request (``t_req``); ``prefill_s``: one request's
    prefill alone, seconds; ``slots``: requests held at once; ``service_s``: seconds a
    request holds its slot at full load (``slots * request_s``).
    """

    request_s: float
    prefill_s: float
    slots: int
    service_s: float


@dataclass(frozen=True, slots=True)
class Fleet:
    """The self-hosted fleet at one monthly volume.

    ``replicas``: replicas running at the peak (0 only when scaled to zero with no traffic);
    ``billed_hours``: replica-hours billed a month; ``utilization``: busy share of the billed
    time (0 to 1); ``peak_utilization``: busy share of the replicas at the peak;
    ``p95_ttft_s`` and ``p95_e2e_s``: p95 time to first token and to the last token at the
    peak, seconds; ``meets_slo``: whether ``p95_ttft_s`` is within ``latency_slo_ms``;
    ``cold_share``: share of requests that find a scaled-to-zero replica cold.
    """

    replicas: int
    billed_hours: float
    utilization: float
    peak_utilization: float
    p95_ttft_s: float
    p95_e2e_s: float
    meets_slo: bool
    cold_share: float


@per_scenario
def serving_profile(scenario: Scenario) -> ServingProfile:
    """Return the replica's time per request, prefill time, slots and service time."""
    s = scenario
    prompt = s.finetuned_prompt_tokens
    output = s.avg_output_tokens
    uncached = min(prompt, (1 - s.cached_input_share) * s.avg_input_tokens)
    prefill_s = uncached / s.prefill_tps
    if s.replica_throughput_tps is not None:
        request_s = output / s.replica_throughput_tps
    else:
        attention = s.decode_step_ms / 1000 / s.kv_cache_tokens * output * (prompt + output / 2)
        request_s = math.fsum((prefill_s, output / s.decode_tps, attention))
    context = prompt + output
    slots = MAX_SLOTS if context <= 0 else max(1, min(MAX_SLOTS, int(s.kv_cache_tokens // context)))
    return ServingProfile(
        request_s=request_s, prefill_s=prefill_s, slots=slots, service_s=slots * request_s
    )


def replica_monthly(scenario: Scenario) -> float:
    """Return one always-on replica's cost in USD per month: GPUs x hourly price x 730."""
    return scenario.gpus_per_replica * (scenario.gpu_hourly or 0.0) * HOURS_PER_MONTH


def _target_s(scenario: Scenario, profile: ServingProfile) -> float:
    """The p95 time-to-first-token target in seconds (twice the prefill when out of reach)."""
    target = scenario.latency_slo_ms / 1000
    return target if profile.prefill_s < target else 2 * profile.prefill_s


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

    Wait for a slot (Erlang C over ``replicas * slots`` slots) plus the prefill slowed by
    the replicas' busy share; ``math.inf`` when the replicas cannot keep up. ``wait``
    gives the wait's quantile: :func:`pycore.queueing.wait_quantile`, or for a search a
    bound on it or a quick estimate of it.
    """
    if replicas <= 0:
        return math.inf if rate > 0 else 0.0
    busy = rate * profile.request_s / replicas
    if busy >= 1:
        return math.inf
    slots = replicas * profile.slots
    waiting = wait(slots, rate * profile.service_s, profile.service_s, quantile)
    return waiting + profile.prefill_s / (1 - busy)


def _fewest_possible(rate: float, profile: ServingProfile, target_s: float, least: int) -> int:
    """The fleet's size when requests take no time, else the fewest replicas (at least
    ``least`` and 1) whose prefill slowdown alone fits the target: no fewer can fit."""
    if rate <= 0 or profile.request_s <= 0:
        return max(least, 1 if rate > 0 else 0)
    work = rate * profile.request_s
    room = 1 - profile.prefill_s / target_s
    start = max(math.ceil(work / room), math.floor(work) + 1)
    return max(least, 1, start)


@functools.lru_cache(maxsize=4096)
def _replicas_for(rate: float, profile: ServingProfile, target_s: float, least: int) -> int:
    """Return the fewest replicas (at least ``least``) whose p95 TTFT at ``rate`` fits.

    A pure function of its arguments, remembered: an input that does not change the
    serving profile finds the curve's fleets already sized. No fewer replicas fit than
    those whose prefill slowdown alone fits the target (busy share at most ``1 - prefill /
    target``). When a bound on the wait shows that they fit, that is the answer; else the
    search (:func:`pycore.queueing.smallest`) starts from where a quick estimate of the
    wait fits, testing each count with bounds on the wait and, when they do not settle
    it, the exact wait.
    """
    low = _fewest_possible(rate, profile, target_s, least)
    if rate <= 0 or profile.request_s <= 0:
        return low
    if ttft_s(profile, low, rate, wait=wait_quantile_high) <= target_s:
        return low  # (settled by a bound: the usual case)
    guess = smallest(
        lambda count: ttft_s(profile, count, rate, wait=wait_quantile_estimate) <= target_s,
        low,
        low,
    )
    return smallest(lambda count: _fits(profile, count, rate, target_s), low, guess)


def _fits(profile: ServingProfile, replicas: int, rate: float, target_s: float) -> bool:
    """Tell whether ``ttft_s(profile, replicas, rate) <= target_s``: the same answer, from
    bounds on the wait in constant time when they settle it, else from the exact wait."""
    if ttft_s(profile, replicas, rate, wait=wait_quantile_high) <= target_s:
        return True
    if ttft_s(profile, replicas, rate, wait=wait_quantile_low) > target_s:
        return False
    return ttft_s(profile, replicas, rate) <= target_s


def max_rate(scenario: Scenario, replicas: int = 1, quantile: float = QUANTILE) -> float:
    """Return the most requests per second ``replicas`` replicas serve within the target.

    The highest arrival rate whose ``quantile`` of time to first token is within
    ``latency_slo_ms`` (or twice the prefill, when that is out of reach); ``math.inf``
    when requests take no replica time, 0 for no replicas.
    """
    profile = serving_profile(scenario)
    if replicas <= 0:
        return 0.0
    if profile.request_s <= 0:
        return math.inf
    return _max_rate(profile, replicas, _target_s(scenario, profile), quantile)


@functools.lru_cache(maxsize=4096)
def _max_rate(profile: ServingProfile, replicas: int, target_s: float, quantile: float) -> float:
    """Solve :func:`max_rate` (a pure function of its arguments: remembered).

    The prefill's slowdown alone allows at most ``replicas * (1 - prefill / target) / t_req``
    requests a second; when no request waits for a slot at that rate, it is the answer
    (the time to first token there is exactly the target). Otherwise, bisection (replayed
    with few evaluations by :func:`pycore.queueing.largest_within`: the same float).
    """
    limit = replicas * (1 - profile.prefill_s / target_s) / profile.request_s
    if wait_quantile(
        replicas * profile.slots, limit * profile.service_s, profile.service_s, quantile
    ) == 0.0 and ttft_s(profile, replicas, limit, quantile) <= target_s * (1 + 1e-12):
        return limit
    return largest_within(
        lambda rate: ttft_s(profile, replicas, rate, quantile),
        target_s,
        limit,
        lambda rate: ttft_s(profile, replicas, rate, quantile, wait_quantile_estimate),
    )


def max_rate_ceiling(scenario: Scenario, replicas: int = 1) -> float:
    """Return an upper bound on :func:`max_rate`, in constant time: the rate at which the
    prefill's slowdown alone takes the target, ``replicas * (1 - prefill / target) /
    t_req`` (requests per second; ``math.inf`` when requests take no replica time)."""
    profile = serving_profile(scenario)
    if profile.request_s <= 0:
        return math.inf
    target_s = _target_s(scenario, profile)
    return replicas * (1 - profile.prefill_s / target_s) / profile.request_s


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
    target_s = _target_s(s, profile)
    low = _fewest_possible(rate, profile, target_s, _least(s, volume))
    if low > replicas:
        return False
    if rate <= 0 or profile.request_s <= 0:
        return True
    if estimate:
        return ttft_s(profile, replicas, rate, wait=wait_quantile_estimate) <= target_s
    return _fits(profile, replicas, rate, target_s)


def scaled_to_zero_seconds(profile: ServingProfile, volume: float) -> float:
    """Return the seconds a month one scale-to-zero replica is billed at ``volume``.

    Busy time plus the warm windows that requests at random times keep open, at most the
    whole month (see the module docstring).
    """
    window = COLD_START_S + IDLE_WINDOW_S
    warm = SECONDS_PER_MONTH * -math.expm1(-volume / SECONDS_PER_MONTH * window)
    return min(float(SECONDS_PER_MONTH), volume * profile.request_s + warm)


def _sized(scenario: Scenario, requests: float) -> tuple[ServingProfile, float, int]:
    """The serving profile, the peak rate and the replicas at ``requests`` a month."""
    s = scenario
    profile = serving_profile(s)
    rate = _peak_rate(s, requests)
    return profile, rate, _replicas_for(rate, profile, _target_s(s, profile), _least(s, requests))


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
    ttft = cold + (ttft_s(profile, count, rate) if count else 0.0)
    return Fleet(
        replicas=count,
        billed_hours=billed / 3600,
        utilization=min(1.0, busy / billed) if billed else 0.0,
        peak_utilization=rate * profile.request_s / count if count else 0.0,
        p95_ttft_s=ttft,
        p95_e2e_s=ttft + s.avg_output_tokens * s.decode_step_ms / 1000,
        meets_slo=ttft <= s.latency_slo_ms / 1000 * (1 + 1e-12),
        cold_share=cold_share,
    )

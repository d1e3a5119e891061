"""One replica of the self-hosted model: its decode step, time per request, slots and price.

**A decode step** (one output token for every request running on a replica) takes the
longer of reading memory and computing (the roofline of Williams, Waterman and Patterson,
2009): with ``B`` requests running whose contexts average ``ctx`` tokens::

    memory(B)  = min_decode_step_ms
                 + (decode_step_ms - min_decode_step_ms) * B * ctx / kv_cache_tokens
    compute(B) = B / decode_tps
    step(B)    = max(memory(B), compute(B))                                    [milliseconds]

``min_decode_step_ms`` is a step with one request: reading the model's weights once.
``decode_step_ms`` is a step whose batch fills the KV cache: the weights plus the whole
cache. ``decode_tps`` is the output tokens per second the GPU computes when memory does not
limit it. ``ctx`` is ``input + output / 2`` (the context grows from the prompt to the whole
exchange), ``input`` the fine-tuned model's prompt (``finetuned_input_tokens``, the API's
prompt by default) and ``output`` ``avg_output_tokens``.

**Replica time per request** (seconds of one replica at full load, ``t_req``): its prefill
and its share of the decode steps at the full batch, ``slots`` requests::

    t_req = input / prefill_tps + output * step(slots) / slots

The whole prompt is prefilled: the self-hosted model has no provider's cache, and no prefix
caching is assumed (vLLM can reuse a shared prefix, but a fine-tuned model's prompt usually
drops the shared instructions that would make one). Because every step reads the weights
and the batch's cache at no more than the GPU's bandwidth, the throughput ``1 / t_req`` stays
under the memory-bandwidth ceiling at the KV-limited batch whenever the profile's two step
times are at least the bytes read divided by the bandwidth (tests/test_serving.py checks
every preset). A user's ``replica_throughput_tps``, measured at their own request shape,
overrides the profile's throughput: ``t_req = output / replica_throughput_tps``.

**Slots and fit.** A replica holds ``slots = min(256, floor(kv_cache_tokens / (input +
output)))`` requests at once (each needs KV room for its whole context; 256 is vLLM's default
``max_num_seqs``). A request whose context is larger than the whole KV cache does not fit:
the replica cannot serve it at all (``fits`` is false; the report says so instead of sizing a
fleet). By Little's law a request holds its slot for ``service_s = slots * t_req`` seconds at
full load.

Fleet size, latency and billed time, built on this, are :mod:`pycore.serving`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pycore.remember import per_scenario
from pycore.scenario import HOURS_PER_MONTH, Scenario

__all__ = [
    "MAX_SLOTS",
    "ServingProfile",
    "profile_at_speeds",
    "replica_monthly",
    "request_s_at_speeds",
    "serving_profile",
    "step_s",
]

#: vLLM's default ``max_num_seqs``: requests one replica decodes at once (engine arguments,
#: docs.vllm.ai, checked November 2026).
MAX_SLOTS = 256


@dataclass(frozen=True, slots=True)
class ServingProfile:
    """How one replica serves the scenario's requests (see the module docstring).

    ``request_s``: replica seconds per request at full load (``t_req``); ``prefill_s``: one
    request's prefill alone, seconds; ``slots``: requests held at once; ``service_s``:
    seconds a request holds its slot at full load (``slots * request_s``); ``min_step_s``:
    a decode step with one request; ``cache_step_s``: what each running request adds to a
    step's memory time (seconds, its context's share of the KV-cache read); ``token_s``: the
    compute time of one output token (``1 / decode_tps``); ``measured``: the throughput was
    measured (``replica_throughput_tps``), so steps are not modelled; ``context``: tokens a
    request needs in the KV cache; ``fits``: whether that context fits the cache at all.
    """

    request_s: float
    prefill_s: float
    slots: int
    service_s: float
    min_step_s: float
    cache_step_s: float
    token_s: float
    measured: bool
    context: float
    fits: bool


@per_scenario
def serving_profile(scenario: Scenario) -> ServingProfile:
    """Return the replica's time per request, prefill time, slots and step terms."""
    s = scenario
    return profile_at_speeds(s, s.prefill_tps, s.decode_tps, s.replica_throughput_tps)


def profile_at_speeds(
    scenario: Scenario,
    prefill_tps: float,
    decode_tps: float,
    replica_throughput_tps: float | None,
) -> ServingProfile:
    """Return :func:`serving_profile` of ``scenario`` with these speeds (tokens per second)
    instead of its own."""
    s = scenario
    prompt = s.finetuned_prompt_tokens
    output = s.avg_output_tokens
    context = prompt + output
    slots = MAX_SLOTS if context <= 0 else max(1, min(MAX_SLOTS, int(s.kv_cache_tokens // context)))
    prefill_s = prompt / prefill_tps
    min_step_s = s.min_decode_step_ms / 1000
    cache_step_s = (
        max(0.0, s.decode_step_ms - s.min_decode_step_ms)
        / 1000
        / s.kv_cache_tokens
        * (prompt + output / 2)
    )
    token_s = 1 / decode_tps
    request_s = _request_s(
        output,
        prefill_s,
        token_s,
        min_step_s=min_step_s,
        cache_step_s=cache_step_s,
        slots=slots,
        replica_throughput_tps=replica_throughput_tps,
    )
    return ServingProfile(
        request_s=request_s,
        prefill_s=prefill_s,
        slots=slots,
        service_s=slots * request_s,
        min_step_s=min_step_s,
        cache_step_s=cache_step_s,
        token_s=token_s,
        measured=replica_throughput_tps is not None,
        context=context,
        fits=context <= s.kv_cache_tokens,
    )


def request_s_at_speeds(
    scenario: Scenario,
    profile: ServingProfile,
    prefill_tps: float,
    decode_tps: float,
    replica_throughput_tps: float | None,
) -> float:
    """Return ``profile_at_speeds(scenario, ...).request_s`` from ``profile``, the scenario's
    own (its step terms and slots do not depend on the speeds), without building a profile:
    the Monte Carlo asks this for each of its 10,000 draws."""
    return _request_s(
        scenario.avg_output_tokens,
        scenario.finetuned_prompt_tokens / prefill_tps,
        1 / decode_tps,
        min_step_s=profile.min_step_s,
        cache_step_s=profile.cache_step_s,
        slots=profile.slots,
        replica_throughput_tps=replica_throughput_tps,
    )


def _request_s(
    output: float,
    prefill_s: float,
    token_s: float,
    *,
    min_step_s: float,
    cache_step_s: float,
    slots: int,
    replica_throughput_tps: float | None,
) -> float:
    """A replica's seconds per request: the prefill and the request's share of the decode
    steps at a full batch, or the output over a measured throughput."""
    if replica_throughput_tps is not None:
        return output / replica_throughput_tps
    step = max(min_step_s + cache_step_s * slots, token_s * slots)
    return math.fsum((prefill_s, output * step / slots))


def step_s(profile: ServingProfile, busy: float) -> float:
    """Return one decode step in seconds when the replica is busy a share ``busy`` (0 to 1).

    The running batch is ``busy * slots`` requests (at least one); with a measured
    throughput only the single-request step is known.
    """
    batch = max(1.0, busy * profile.slots)
    if profile.measured:
        return profile.min_step_s
    return max(profile.min_step_s + profile.cache_step_s * batch, profile.token_s * batch)


def replica_monthly(scenario: Scenario) -> float:
    """Return one always-on replica's cost in USD per month: GPUs x hourly price x 730."""
    return scenario.gpus_per_replica * (scenario.gpu_hourly or 0.0) * HOURS_PER_MONTH

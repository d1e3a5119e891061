"""The scenario: one set of model inputs, as a frozen dataclass with one field per parameter.

Units and sources of every field are in :data:`pycore.PARAMETERS` (the field names are
the parameter names). Only the seed's three inputs are required; every other field
defaults to the parameter table's default, which a test keeps in step.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

__all__ = [
    "HOURS_PER_MONTH",
    "SECONDS_PER_MONTH",
    "Scenario",
    "scenario_fields",
    "with_changes",
    "with_value",
]

#: Hours in an average month: 8,760 a year / 12.
HOURS_PER_MONTH = 730
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600


@dataclass(frozen=True, slots=True)
class Scenario:
    """One set of model inputs; see :data:`pycore.PARAMETERS` for units and defaults.

    ``input_price_per_mtok`` switches on token pricing and ``gpu_hourly`` hosting sized
    from GPU capacity; left as None they keep the seed's per-request price and fixed
    hosting. ``api_model`` and ``gpu_model`` name the presets the values came from (None:
    custom). Build one from untrusted input with :func:`pycore.scenario_from` after
    :func:`pycore.validate_parameters` or :func:`pycore.clamp_parameters`.
    """

    monthly_inferences: float
    api_cost_per_1k: float
    hosting_monthly: float
    # the API bill
    api_model: str | None = None
    input_price_per_mtok: float | None = None
    cached_input_price_per_mtok: float | None = None
    cache_write_price_per_mtok: float | None = None
    output_price_per_mtok: float = 5.0
    long_context_tokens: float | None = None
    long_context_input_price_per_mtok: float | None = None
    long_context_output_price_per_mtok: float | None = None
    avg_input_tokens: float = 800
    avg_output_tokens: float = 200
    reasoning_tokens: float = 0
    cached_input_share: float = 0.0
    min_cacheable_tokens: float = 1024
    cache_write_share: float = 0.05
    batch_discount: float = 0.0
    api_p95_latency_ms: float = 2200
    # serving the fine-tuned model
    gpu_model: str | None = None
    gpu_hourly: float | None = None
    gpus_per_replica: float = 1
    finetuned_input_tokens: float | None = None
    prefill_tps: float = 39_952
    decode_tps: float = 23_327
    kv_cache_tokens: float = 377_024
    decode_step_ms: float = 28.71
    min_decode_step_ms: float = 6.83
    replica_throughput_tps: float | None = None
    latency_slo_ms: float = 2500
    itl_slo_ms: float = 50
    max_utilization: float = 0.7
    peak_to_average: float = 2.0
    min_replicas: float = 1
    ops_monthly: float = 0.0
    # upfront cost, and a fine-tune served by a provider
    training_examples: float = 1000
    labeling_cost_per_example: float = 2.0
    training_gpu_hours: float = 8
    training_gpu_hourly: float = 3.0
    engineering_upfront: float = 20_000
    managed_input_price_per_mtok: float = 0.3
    managed_output_price_per_mtok: float = 1.2
    managed_training_price_per_mtok: float = 3.0
    # quality and routing
    api_success_rate: float = 0.9
    small_api_success_rate: float = 0.82
    finetuned_success_rate: float = 0.9
    min_success_rate: float = 0.85
    failure_cost: float = 0.0
    routed_share: float = 0.5
    fallback_share: float = 0.1
    router_cost_per_1k: float = 0.02
    # the pilot
    pilot_traffic_share: float = 0.01
    pilot_examples: float = 1000
    quality_difference: float = 0.02
    confidence: float = 0.95
    power: float = 0.8
    discordant_share: float = 0.1
    grading_cost: float = 0.3
    # horizon and finance
    horizon_months: float = 12
    monthly_growth: float = 0.0
    discount_rate: float = 0.1
    api_price_decline: float = 0.2
    gpu_price_decline: float = 0.15
    retrain_every_months: float = 3
    retrain_cost: float = 7.0
    reserved_share: float = 0.0
    reserved_discount: float = 0.35

    @property
    def token_pricing(self) -> bool:
        """True when the API is priced from tokens (``input_price_per_mtok`` given)."""
        return self.input_price_per_mtok is not None

    @property
    def capacity_hosting(self) -> bool:
        """True when hosting is sized from GPU capacity (``gpu_hourly`` given)."""
        return self.gpu_hourly is not None

    @property
    def finetuned_prompt_tokens(self) -> float:
        """The fine-tuned model's prompt length: ``finetuned_input_tokens``, else the API's."""
        if self.finetuned_input_tokens is None:
            return self.avg_input_tokens
        return self.finetuned_input_tokens


def scenario_fields() -> tuple[str, ...]:
    """Return the names of :class:`Scenario`'s fields, in order."""
    return tuple(f.name for f in fields(Scenario))


_FIELDS = scenario_fields()
_FIELD_SET = frozenset(_FIELDS)


def with_changes(scenario: Scenario, /, **changes: object) -> Scenario:
    """Return a copy of ``scenario`` with some inputs changed: ``dataclasses.replace``
    without its per-field checks, about twice as fast (a report makes some thirty copies;
    Scenario has no ``__post_init__`` to run). Raises TypeError for an unknown name."""
    unknown = changes.keys() - _FIELD_SET
    if unknown:
        raise TypeError(f"Scenario has no field {sorted(unknown)[0]!r}")
    changed = object.__new__(Scenario)
    assign = object.__setattr__
    for name in _FIELDS:
        assign(changed, name, changes[name] if name in changes else getattr(scenario, name))
    return changed


def with_value(scenario: Scenario, name: str, value: float) -> Scenario:
    """Return a copy of ``scenario`` with one input changed (for sensitivity)."""
    return with_changes(scenario, **{name: value})

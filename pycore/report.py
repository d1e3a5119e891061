"""The report: every result of one scenario, with its text, charts' data and notices.

:func:`report` turns validated values into the plain, JSON-safe dict that the page renders,
the CLI prints and the exports write. It computes nothing itself: it calls the model's
modules and words their numbers with :mod:`pycore.formatting`.
"""

from __future__ import annotations

from collections.abc import Mapping

from pycore.analysis import sensitivity
from pycore.billing import effective_api_cost_per_1k
from pycore.breakeven import (
    breakeven_inferences,
    no_breakeven_reason,
    sustained_breakeven_inferences,
)
from pycore.costs import api_monthly, finetuned_monthly, upfront_cost
from pycore.curve import cost_curve, curve_table
from pycore.decision import decision
from pycore.digest import digests
from pycore.explain import value_text
from pycore.formatting import (
    context_too_long,
    does_not_fit,
    format_number,
    format_requests,
    format_result,
    format_usd,
    summarize,
    summarize_horizon,
    summarize_latency,
)
from pycore.horizon import horizon
from pycore.inputs import (
    Notice,
    PresetOrigin,
    Values,
    field_values,
    parameter_spec,
    preset_origins,
    preset_spec,
)
from pycore.parameters import PRESETS
from pycore.planning import ODDS, odds, planning, simulate
from pycore.replica import replica_monthly, serving_profile
from pycore.results import RESULTS, Report, record, rounded
from pycore.scenario import Scenario, scenario_fields
from pycore.serving import COLD_START_S, Fleet, fleet
from pycore.uncertainty import ranged_inputs

__all__ = ["inactive_parameters", "preset_note", "report", "scenario_from"]


def scenario_from(values: Mapping[str, object]) -> Scenario:
    """Build a :class:`Scenario` from validated values (one per parameter name)."""
    return Scenario(**{name: values[name] for name in scenario_fields()})  # type: ignore[arg-type]


#: The results of the fleet itself: None with fixed hosting.
_FLEET = (
    "replicas",
    "utilization",
    "p95_ttft_ms",
    "p50_itl_ms",
    "p95_e2e_ms",
    "replica_cost_per_1k",
)
#: The results that price or rate self-hosting: not shown when a request does not fit a
#: replica's KV cache (the replica cannot serve it at all).
_SELF_HOSTED = (
    *_FLEET,
    "finetuned_monthly",
    "monthly_savings",
    "breakeven_inferences",
    "sustained_breakeven_inferences",
    "finetuned_monthly_with_failures",
    "finetuned_cost_per_1k_success",
    "hybrid_monthly",
    "hybrid_success_rate",
    "best_routed_share",
    "breakeven_api_cost_per_1k",
    "breakeven_gpu_hourly",
    "finetuned_weighted_score",
    "tco_finetuned",
    "payback_months",
    "npv",
)


def _serving_results(scenario: Scenario, at_volume: Fleet | None) -> dict[str, float | None]:
    """Replicas, utilization, latency and full-load cost; None with fixed hosting."""
    if at_volume is None:
        return dict.fromkeys(_FLEET)
    per_second = replica_monthly(scenario) / 730 / 3600
    return {
        "replicas": at_volume.replicas,
        "utilization": at_volume.utilization,
        "p95_ttft_ms": at_volume.p95_ttft_s * 1000,
        "p50_itl_ms": None if at_volume.p50_itl_s is None else at_volume.p50_itl_s * 1000,
        "p95_e2e_ms": at_volume.p95_e2e_s * 1000,
        "replica_cost_per_1k": per_second * serving_profile(scenario).request_s * 1000,
    }


def _latency(scenario: Scenario, at_volume: Fleet | None) -> dict[str, float | bool | None] | None:
    """What :func:`pycore.formatting.summarize_latency` says of the fleet (None: fixed)."""
    if at_volume is None:
        return None
    s = scenario
    profile = serving_profile(s)
    return {
        "replicas": at_volume.replicas,
        "ttft_ms": at_volume.p95_ttft_s * 1000,
        "target_ms": s.latency_slo_ms,
        "meets": at_volume.meets_slo,
        "unloaded_ms": (profile.prefill_s + profile.min_step_s) * 1000,
        "cold_share": at_volume.cold_share,
        "cold_start_ms": COLD_START_S * 1000,
        "busy": at_volume.peak_utilization,
        "cap": s.max_utilization,
        "itl_ms": None if at_volume.p50_itl_s is None else at_volume.p50_itl_s * 1000,
        "itl_target_ms": s.itl_slo_ms,
        "min_step_ms": s.min_decode_step_ms,
        "fits": at_volume.fits,
        "context": profile.context,
        "kv_cache_tokens": s.kv_cache_tokens,
    }


def _in_words(name: str, value: object, *, labelled: bool = True) -> str:
    """A parameter's label and value, short: "output token price $0.5 per MTok"."""
    spec = parameter_spec(name)
    label = spec.label if spec.label[1:2].isupper() else spec.label[0].lower() + spec.label[1:]
    if not isinstance(value, float | int):
        shown = spec.empty_means
    elif spec.unit.startswith("USD per "):
        unit = spec.unit.removeprefix("USD per ").replace("million tokens", "MTok")
        shown = f"${format_number(value)} per {unit}"
    else:
        shown = value_text(name, value)
    return f"{label} {shown}" if labelled else shown


def preset_note(origin: PresetOrigin, values: Mapping[str, object]) -> str:
    """Say which values of a custom scenario came from the preset it started from and which
    were changed ("" when the preset holds, or there is none)."""
    if origin.base is None or not origin.changed:
        return ""
    spec = preset_spec(origin.name)
    sets = spec.values(origin.base)
    changed = ", ".join(_in_words(name, values[name]) for name in origin.changed)
    before = ", ".join(_in_words(name, sets[name], labelled=False) for name in origin.changed)
    text = f"Custom: {spec.presets[origin.base]['name']} with your {changed} (the preset's: "
    text += f"{before})."
    if origin.kept:
        kept = ", ".join(_in_words(name, sets[name]) for name in origin.kept)
        text += f" Kept from the preset: {kept}."
    return text


def report(
    values: Values,
    notices: list[Notice],
    *,
    simulate_odds: bool = True,
    bases: Mapping[str, str | None] | None = None,
    skip: frozenset[str] = frozenset(),
) -> Report:
    """Compute every result for validated ``values`` (one value per parameter).

    ``bases`` names the preset each preset parameter's input started from
    (:func:`pycore.inputs.preset_bases`); by default the presets ``values`` name. The
    parts in ``skip`` (:data:`pycore.results.OPTIONAL_PARTS`) are None, not computed: the
    page asks for them only while their place is in view.

    Returns a JSON-safe dict:

    - ``parameters``: ``{name: float | str | None}``, the values used (shares as fractions);
    - ``presets``: ``{api_model | gpu_model: {"base", "changed", "kept", "note"}}``: the
      preset the input started from (None: none), the parameters it sets that were changed
      and kept, and a sentence saying so when the scenario is custom ("" otherwise);
    - ``fields``: the same as the page's fields show them (shares in percent);
    - ``mode``: ``{"api_pricing": "per_request" | "tokens", "hosting": "fixed" | "capacity"}``;
    - ``inactive``: the inputs the current modes do not use (:func:`inactive_parameters`);
    - ``results``: ``{name: number | None}`` for each of :data:`RESULTS`, rounded (None when
      undefined: no break-even, no replicas in fixed hosting, no payback);
    - ``text``: ``{name: str}``, each result formatted for display;
    - ``summary``, ``horizon_summary`` and ``latency_summary``: one sentence or two each;
    - ``curve``: ``{"volumes", "api_monthly", "finetuned_monthly"}``, equal-length lists
      (requests per month; USD per month) for the cost chart, and ``breakeven`` and
      ``sustained``, the points ``[requests per month, USD per month]`` of both break-evens
      (None when none or 0);
    - ``table``: the curve at each power of ten, as rows of display text
      ``[volume, api, fine-tuned]`` (the chart's text alternative);
    - ``timeline``: ``{"months", "cumulative_api", "cumulative_finetuned", "table"}``;
    - ``sensitivity``: bars (see :class:`pycore.Sensitivity`) as dicts, each with ``text``;
    - ``options``, ``recommended``, ``verdict``, ``api_ranking`` and ``factors``: the
      decision (see :func:`pycore.decision.decision`);
    - ``digests``: ``{group: one line}``, the input groups' values in brief
      (:func:`pycore.digest.digests`);
    - ``pilot``: the pilot plan with its sentences (:func:`pycore.planning.planning`);
    - ``uncertainty``: the odds' histogram and summary, or None (no range given, or
      ``simulate_odds`` false: the page's worker runs the simulation apart, in slices,
      and the odds' results are then None with the text "computing");
    - ``notices`` and ``field_notices``: the repairs made to the input, as sentences, all
      and by parameter.
    """
    scenario = scenario_from(values)
    api = api_monthly(scenario)
    finetuned = finetuned_monthly(scenario)
    breakeven = breakeven_inferences(scenario)
    sustained = sustained_breakeven_inferences(scenario)
    costs = horizon(scenario)
    at_volume = fleet(scenario) if scenario.capacity_hosting else None
    raw: dict[str, float | None] = {
        "api_monthly": api,
        "finetuned_monthly": finetuned,
        "monthly_savings": api - finetuned,
        "breakeven_inferences": breakeven,
        "sustained_breakeven_inferences": sustained,
        "effective_api_cost_per_1k": effective_api_cost_per_1k(scenario),
        **_serving_results(scenario, at_volume),
        "api_p95_latency_ms": scenario.api_p95_latency_ms,
        "upfront_cost": upfront_cost(scenario),
        "tco_api": costs.tco_api,
        "tco_finetuned": costs.tco_finetuned,
        "payback_months": costs.payback_months,
    }
    decided, parts = decision(scenario, values, ranking="api_ranking" not in skip)
    planned, plan_parts = planning(scenario)
    raw |= decided | planned | {"npv": costs.npv}
    parts |= plan_parts
    ranged = bool(ranged_inputs(values))
    if simulate_odds:
        simulated, odds_part = odds(simulate(scenario, values))
        raw |= simulated
        parts |= odds_part
    else:
        parts["uncertainty"] = None
    parts["uncertainty_pending"] = ranged and not simulate_odds
    unfit = at_volume is not None and not at_volume.fits
    if unfit:  # the replica cannot serve these requests: no self-hosted figures
        raw |= dict.fromkeys(_SELF_HOSTED)
    results = {spec.name: rounded(spec, raw[spec.name]) for spec in RESULTS}
    text = {
        spec.name: format_result(spec.kind, raw[spec.name], scenario.horizon_months)
        for spec in RESULTS
    }
    if unfit:
        profile = serving_profile(scenario)
        text |= dict.fromkeys(_SELF_HOSTED, "n/a")
        text["replicas"] = f"n/a ({does_not_fit(profile.context, scenario.kv_cache_tokens)})"
    if raw["payback_probability"] is None:
        pending = "computing\u2026" if ranged else "give a range"
        text |= dict.fromkeys(ODDS, pending)
    curve = cost_curve(scenario, (scenario.monthly_inferences, breakeven, sustained))
    reason = no_breakeven_reason(scenario) if breakeven is None else "beyond_limit"
    latency = _latency(scenario, at_volume)
    summary = summarize(
        scenario.monthly_inferences,
        api,
        finetuned,
        breakeven,
        reason,
        sustained=sustained,
        scaled_to_zero=scenario.capacity_hosting and scenario.min_replicas == 0,
    )
    if unfit:
        profile = serving_profile(scenario)
        summary = (
            f"At {format_requests(scenario.monthly_inferences)} requests a month the API costs "
            f"{format_usd(api)} a month. Self-hosting on this GPU cannot serve these requests "
            f"({context_too_long(profile.context, scenario.kv_cache_tokens)}), so no "
            "self-hosted cost is shown: choose a GPU with more memory, or shorter prompts."
        )
    finetuned_curve: list[float | None] = (
        [None] * len(curve.volumes) if unfit else list(curve.finetuned_monthly)
    )
    cumulative: list[float | None] = (
        [None] * len(costs.cumulative_finetuned) if unfit else list(costs.cumulative_finetuned)
    )
    if bases is None:
        bases = {spec.name: values[spec.name] for spec in PRESETS}  # type: ignore[misc]
    origins = preset_origins(values, bases)
    return {
        "parameters": dict(values),
        "presets": {
            name: {
                "base": origin.base,
                "changed": list(origin.changed),
                "kept": list(origin.kept),
                "note": preset_note(origin, values),
            }
            for name, origin in origins.items()
        },
        "fields": field_values(values),
        "mode": {
            "api_pricing": "tokens" if scenario.token_pricing else "per_request",
            "hosting": "capacity" if scenario.capacity_hosting else "fixed",
        },
        "results": results,
        "text": text,
        "summary": summary,
        "horizon_summary": (
            f"Over {scenario.horizon_months:g} months the API costs {format_usd(costs.tco_api)} "
            "in total; self-hosting on this GPU cannot serve these requests."
        )
        if unfit
        else summarize_horizon(
            scenario.horizon_months,
            costs.tco_api,
            costs.tco_finetuned,
            costs.payback_months,
            lead=costs.lead,
            capped_month=costs.capped_month,
        ),
        "latency_summary": summarize_latency(scenario.api_p95_latency_ms, latency),
        "inactive": inactive_parameters(scenario),
        "curve": {
            "volumes": list(curve.volumes),
            "api_monthly": list(curve.api_monthly),
            "finetuned_monthly": finetuned_curve,
            "breakeven": None if unfit else _point(scenario, breakeven),
            "sustained": None if unfit or sustained == breakeven else _point(scenario, sustained),
        },
        "table": [list(row) for row in curve_table(curve, unfit=unfit)],
        "timeline": {
            "months": list(range(len(costs.cumulative_api))),
            "cumulative_api": list(costs.cumulative_api),
            "cumulative_finetuned": cumulative,
            "table": [
                [str(month), format_usd(api_total), format_usd(finetuned_total)]
                for month, (api_total, finetuned_total) in enumerate(
                    zip(costs.cumulative_api, cumulative, strict=True)
                )
            ],
        },
        "sensitivity": [
            {
                **record(bar),
                "text": {
                    "low_value": _with_unit(bar.name, bar.low_value),
                    "high_value": _with_unit(bar.name, bar.high_value),
                    "savings_low": format_usd(bar.savings_low),
                    "savings_high": format_usd(bar.savings_high),
                    "breakeven_low": _breakeven_text(bar.breakeven_low),
                    "breakeven_high": _breakeven_text(bar.breakeven_high),
                },
            }
            for bar in ([] if unfit else sensitivity(scenario))
        ]
        if "sensitivity" not in skip
        else None,
        **parts,
        "digests": digests(scenario, values, text),
        "notices": [notice.message for notice in notices],
        "field_notices": _by_field(notices),
    }


def _point(scenario: Scenario, volume: float | None) -> list[float] | None:
    """A break-even as a chart point ``[requests per month, USD per month]``."""
    if not volume:
        return None
    return [volume, api_monthly(scenario, volume)]


def _by_field(notices: list[Notice]) -> dict[str, str]:
    """Join the notices about each named parameter into one message per field."""
    by_field: dict[str, list[str]] = {}
    for notice in notices:
        if notice.name is not None:
            by_field.setdefault(notice.name, []).append(notice.message)
    return {name: " ".join(messages) for name, messages in by_field.items()}


#: Inputs used only when the API is priced from tokens.
_TOKEN_ONLY = (
    "cached_input_price_per_mtok",
    "cache_write_price_per_mtok",
    "output_price_per_mtok",
    "long_context_tokens",
    "long_context_input_price_per_mtok",
    "long_context_output_price_per_mtok",
    "reasoning_tokens",
    "min_cacheable_tokens",
    "cache_write_share",
    "batch_discount",
)
#: Inputs used only when hosting is sized from GPU capacity.
_CAPACITY_ONLY = (
    "gpus_per_replica",
    "finetuned_input_tokens",
    "prefill_tps",
    "decode_tps",
    "kv_cache_tokens",
    "decode_step_ms",
    "replica_throughput_tps",
    "min_decode_step_ms",
    "latency_slo_ms",
    "itl_slo_ms",
    "max_utilization",
    "peak_to_average",
    "min_replicas",
)


def inactive_parameters(scenario: Scenario) -> list[str]:
    """Return the inputs that have no effect in this scenario's modes, for the page to mark.

    Per-request pricing ignores the token inputs, token pricing ignores
    ``api_cost_per_1k``; fixed hosting ignores the capacity inputs, capacity hosting
    ignores ``hosting_monthly``; prompt and answer lengths and the cached share count
    when either mode uses them.
    """
    names = list(_TOKEN_ONLY if not scenario.token_pricing else ["api_cost_per_1k"])
    names += _CAPACITY_ONLY if not scenario.capacity_hosting else ["hosting_monthly"]
    if not scenario.token_pricing and not scenario.capacity_hosting:
        names += ["avg_input_tokens", "avg_output_tokens", "cached_input_share"]
    return names


def _with_unit(name: str, value: float) -> str:
    """Word an input's value with its unit ("2.4 USD per 1,000 requests", "6% a month")."""
    spec = parameter_spec(name)
    if spec.percent:
        return f"{format_number(value * 100)} {spec.percent_unit}"
    return f"{format_number(value)} {spec.unit}"


def _breakeven_text(volume: float | None) -> str:
    """Word a break-even volume with its unit ("1,500,000 requests per month")."""
    return "no break-even" if volume is None else f"{format_requests(volume)} requests per month"

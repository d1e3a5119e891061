"""How each result is computed: its formula, the scenario's own numbers in it, and where
every input came from.

:data:`FORMULAS` is the one statement of each result's formula (docs/model.md shows this
table, the page's "how this is computed" shows it with numbers). A formula names
parameters, results and the intermediate quantities of :func:`intermediates`; substituting
writes each as the scenario's value with its unit.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from pycore.billing import cached_prefix_tokens, effective_api_cost_per_1k
from pycore.catalog import API_MODELS, GPU_MODELS
from pycore.formatting import format_ms, format_number, format_requests, format_usd
from pycore.inputs import parameter_spec, same_value
from pycore.parameters import PARAMETERS
from pycore.replica import replica_monthly, serving_profile, step_s
from pycore.results import RESULTS
from pycore.scenario import Scenario
from pycore.serving import fleet

__all__ = [
    "FORMULAS",
    "REQUEST_FORMULAS",
    "TOKEN_FORMULAS",
    "assumptions",
    "explain",
    "formulas_markdown",
    "intermediates",
    "preset_sources",
    "value_text",
    "with_bases",
]

#: Each result's formula, in words a reader can follow, by result name. Names in a formula
#: are parameters, results or the intermediates of :func:`intermediates`.
FORMULAS: dict[str, str] = {
    "api_monthly": "monthly_inferences × effective_api_cost_per_1k / 1,000",
    "finetuned_monthly": "hosting + ops_monthly",
    "monthly_savings": "api_monthly − finetuned_monthly",
    "breakeven_inferences": "(fine-tuned cost at break-even) / price_per_request, the first "
    "volume where fine-tuning costs no more than the API",
    "sustained_breakeven_inferences": "the volume above which finetuned_monthly ≤ "
    "api_monthly at every volume (the last crossing of the replica steps)",
    "effective_api_cost_per_1k": "1,000 × price_per_request",
    "replica_cost_per_1k": "gpus_per_replica × gpu_hourly / 3,600 × t_req × 1,000",
    "replicas": "the fewest replicas (at least min_replicas) whose p95 time to first token "
    "at peak_rate is within latency_slo_ms, median time between tokens within itl_slo_ms and "
    "busy share within max_utilization",
    "utilization": "monthly_inferences × t_req / billed_seconds",
    "p95_ttft_ms": "p95 wait for one of replicas × slots (Erlang C) + prefill_s × (1 + "
    "max(0, ln(peak_busy / 0.05)) / (1 − peak_busy)) + step",
    "api_p95_latency_ms": "api_p95_latency_ms, your input",
    "p50_itl_ms": "step = max(min_decode_step_ms + (decode_step_ms − min_decode_step_ms) × "
    "batch × context / kv_cache_tokens, batch / decode_tps), batch = peak_busy × slots",
    "p95_e2e_ms": "p95_ttft_ms + avg_output_tokens × step / (1 − peak_prefill), an estimate",
    "api_monthly_with_failures": "api_monthly + monthly_inferences × (1 − api_success_rate) "
    "× failure_cost",
    "finetuned_monthly_with_failures": "finetuned_monthly + monthly_inferences × (1 − "
    "finetuned_success_rate) × failure_cost",
    "api_cost_per_1k_success": "1,000 × api_monthly_with_failures / (monthly_inferences × "
    "api_success_rate)",
    "finetuned_cost_per_1k_success": "1,000 × finetuned_monthly_with_failures / "
    "(monthly_inferences × finetuned_success_rate)",
    "hybrid_monthly": "price_per_request × monthly_inferences × ((1 − routed_share) + "
    "routed_share × fallback_share) + hosting of routed_share × monthly_inferences + "
    "monthly_inferences × router_cost_per_1k / 1,000",
    "hybrid_success_rate": "(1 − routed_share) × api_success_rate + routed_share × "
    "(finetuned_success_rate + fallbacks that the API answers)",
    "best_routed_share": "the routed_share with the least cost per 1,000 successful answers "
    "that meets min_success_rate",
    "breakeven_api_cost_per_1k": "1,000 × (finetuned_cost_per_1k_success / 1,000 × "
    "api_success_rate − (1 − api_success_rate) × failure_cost)",
    "breakeven_gpu_hourly": "(api_cost_per_1k_success / 1,000 × monthly_inferences × "
    "finetuned_success_rate − failures − ops_monthly) / (billed_hours × gpus_per_replica)",
    "api_weighted_score": "Σ weight × API score / Σ weight, cost at scale scored from the scenario",
    "finetuned_weighted_score": "Σ weight × fine-tuned score / Σ weight, cost at scale "
    "scored from the scenario",
    "upfront_cost": "training_examples × labeling_cost_per_example + training_gpu_hours × "
    "training_gpu_hourly + engineering_upfront",
    "npv": "−upfront_cost + Σ month m of (API − fine-tuned) / (1 + discount_rate)^(m / 12)",
    "payback_probability": "share of 10,000 draws in which fine-tuning is ahead at the end "
    "of horizon_months",
    "savings_probability": "share of 10,000 draws with monthly_savings above 0",
    "tco_savings_p10": "10th percentile of tco_api − tco_finetuned over 10,000 draws",
    "tco_savings_p50": "median of tco_api − tco_finetuned over 10,000 draws",
    "tco_savings_p90": "90th percentile of tco_api − tco_finetuned over 10,000 draws",
    "pilot_sample_size": "[z(confidence) × √discordant_share + z(power) × √(discordant_share "
    "− quality_difference²)]² / quality_difference²",
    "pilot_days": "max(14, pilot_sample_size / (monthly_inferences × pilot_traffic_share / "
    "30.42 days))",
    "pilot_cost": "fine-tuning on pilot_examples + one replica for pilot_days + 2 × "
    "pilot_sample_size × grading_cost",
    "tco_api": "Σ month m of api_monthly at month m's volume × (1 − api_price_decline)^((m − "
    "1) / 12)",
    "tco_finetuned": "upfront_cost + Σ month m of (hosting × (1 − gpu_price_decline)^((m − "
    "1) / 12) + ops_monthly + retraining)",
    "payback_months": "the month from which cumulative fine-tuned cost ≤ cumulative API cost "
    "to the end of horizon_months",
}

#: The formulas that read differently when the API is priced from tokens.
TOKEN_FORMULAS: dict[str, str] = {
    "effective_api_cost_per_1k": "1,000 × [(avg_input_tokens − cached) × "
    "input_price_per_mtok + cached × cache reads and writes + (avg_output_tokens + "
    "reasoning_tokens) × output_price_per_mtok] / 1,000,000 × (1 − batch_discount)",
}
#: The formulas that read differently with per-request pricing.
REQUEST_FORMULAS: dict[str, str] = {"effective_api_cost_per_1k": "api_cost_per_1k"}

_NAMES = re.compile(
    r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b(?:hosting|replicas|slots|batch|context|step)\b"
)
_SPECS = {spec.name: spec for spec in PARAMETERS}


def intermediates(scenario: Scenario) -> dict[str, str]:
    """The intermediate quantities the formulas name, as text with units."""
    s = scenario
    values = {
        "price_per_request": f"${effective_api_cost_per_1k(s) / 1000:.6g} a request",
        "cached": f"{format_number(cached_prefix_tokens(s))} tokens",
    }
    if not s.capacity_hosting:
        values["hosting"] = format_usd(s.hosting_monthly) + " a month (fixed)"
        return values
    profile = serving_profile(s)
    at_volume = fleet(s)
    rate = s.monthly_inferences * s.peak_to_average / 2_628_000
    batch = max(1.0, at_volume.peak_utilization * profile.slots)
    prefilling = rate * profile.prefill_s / at_volume.replicas if at_volume.replicas else 0.0
    values |= {
        "hosting": f"{at_volume.replicas} × {format_usd(replica_monthly(s))} a month",
        "t_req": f"{profile.request_s:.4g} s of a replica per request",
        "slots": f"{profile.slots} slots",
        "prefill_s": format_ms(profile.prefill_s * 1000) + " of prefill",
        "peak_rate": f"{rate:,.2f} requests a second",
        "peak_busy": f"{at_volume.peak_utilization:.0%} busy",
        "batch": f"{batch:,.1f} requests running",
        "context": f"{format_number(s.finetuned_prompt_tokens + s.avg_output_tokens / 2)} tokens",
        "step": format_ms(step_s(profile, at_volume.peak_utilization) * 1000) + " a step",
        "peak_prefill": f"{prefilling:.0%} of the time prefilling",
        "billed_seconds": f"{at_volume.billed_hours * 3600:,.0f} s",
        "billed_hours": f"{at_volume.billed_hours:,.0f} hours",
    }
    return values


def value_text(name: str, value: object) -> str:
    """A parameter's value with its unit, shares in percent."""
    spec = _SPECS[name]
    if value is None:
        return f"{spec.empty_means}"
    number = float(value)  # type: ignore[arg-type]
    if spec.percent:
        gap = "" if spec.percent_unit.startswith("%") else " "  # "2%", "2 percentage points"
        return f"{format_number(number * 100)}{gap}{spec.percent_unit}"
    if spec.unit.startswith("USD"):
        # an input shows as given: $0.125, not the cents of a result ($0.12)
        exact = 0.1 <= abs(number) < 100 and round(number, 2) != number
        money = f"${number:.4g}" if exact else format_usd(number)
        return f"{money} ({spec.unit})"
    if spec.unit.startswith("requests"):
        return f"{format_requests(number)} {spec.unit}"
    return f"{format_number(number)} {spec.unit}"


def with_bases(
    parameters: Mapping[str, object], bases: Mapping[str, str | None]
) -> dict[str, object]:
    """The scenario's parameters with each custom preset parameter (None) set to the preset
    it started from (``bases``, :func:`pycore.inputs.preset_bases`), so that the values
    kept from that preset cite it (:func:`_preset_source` cites a preset only for a value
    that still equals the preset's own, :func:`pycore.inputs.same_value`)."""
    cited = dict(parameters)
    for name, base in bases.items():
        if cited.get(name) is None and base is not None:
            cited[name] = base
    return cited


def _preset_source(name: str, parameters: Mapping[str, object]) -> tuple[str, str] | None:
    """The preset that set a parameter, as ``(what, its source)``: the API model's price or
    caching page, the GPU's price or serving profile; None when no preset set it (or the
    reader changed the preset's value)."""
    api, gpu = parameters.get("api_model"), parameters.get("gpu_model")
    api_values = API_MODELS[api]["values"] if isinstance(api, str) and api in API_MODELS else {}
    gpu_values = GPU_MODELS[gpu]["values"] if isinstance(gpu, str) and gpu in GPU_MODELS else {}
    if name in api_values and same_value(parameters.get(name), api_values[name]):
        model = API_MODELS[str(api)]
        if name == "min_cacheable_tokens":
            return f"{model['name']} preset, caching", str(model["caching_source"])
        return f"{model['name']} preset, prices", str(model["source"])
    if name in gpu_values and same_value(parameters.get(name), gpu_values[name]):
        model = GPU_MODELS[str(gpu)]
        if name == "gpu_hourly":
            return f"{model['name']} preset, price", str(model["price_source"])
        return f"{model['name']} preset, serving profile", str(model["profile_source"])
    return None


def _dated(text: str) -> str:
    """The latest ISO date a source names, or ""."""
    dates: list[str] = sorted(re.findall(r"\b20\d\d-\d\d-\d\d\b", text))
    return dates[-1] if dates else ""


def _source(name: str, parameters: Mapping[str, object], *, brief: bool = False) -> str:
    """Where a parameter's value came from: a preset (``brief``: its name and date only),
    the default's source and its date, or the reader."""
    spec = parameter_spec(name)
    preset = _preset_source(name, parameters)
    if preset is not None:
        what, source = preset
        if brief:
            date = _dated(source)
            return f"{what}{f' (as of {date})' if date else ''}: see Presets."
        return f"{what}: {source}"
    value = parameters.get(name)
    default = spec.default
    if value is None or (default is not None and value == float(default)):
        return f"Default. {spec.source} (as of {spec.as_of})"
    return "Your input."


def preset_sources(parameters: Mapping[str, object]) -> list[list[str]]:
    """Each preset source the scenario uses, once: ``[[what, source]]``."""
    seen: dict[str, str] = {}
    for spec in PARAMETERS:
        preset = _preset_source(spec.name, parameters)
        if preset is not None:
            seen.setdefault(*preset)
    return [[what, source] for what, source in seen.items()]


def explain(
    scenario: Scenario, parameters: Mapping[str, object], text: Mapping[str, str]
) -> dict[str, dict[str, object]]:
    """Return, for each result, its ``formula``, the formula ``with_numbers`` (each name
    replaced by the scenario's value) and ``inputs`` (name, label, value, source) for every
    parameter the formula names."""
    known = intermediates(scenario)
    variants = TOKEN_FORMULAS if scenario.token_pricing else REQUEST_FORMULAS
    explained: dict[str, dict[str, object]] = {}
    for result, general in FORMULAS.items():
        formula = variants.get(result, general)
        inputs = []
        for name in dict.fromkeys(_NAMES.findall(formula)):
            if name in _SPECS:
                inputs.append(
                    {
                        "name": name,
                        "label": _SPECS[name].label,
                        "value": value_text(name, parameters.get(name)),
                        "source": _source(name, parameters),
                    }
                )

        def number(match: re.Match[str], result: str = result) -> str:
            name = match.group(0)
            if name in _SPECS:
                return value_text(name, parameters.get(name))
            if name in text and name != result:
                return str(text[name])
            return known.get(name, name)

        explained[result] = {
            "formula": f"{result} = {formula}",
            "with_numbers": f"{_NAMES.sub(number, formula)} = {text[result]}",
            "inputs": inputs,
        }
    return explained


def assumptions(
    parameters: Mapping[str, object], inactive: Collection[str] = ()
) -> list[dict[str, str]]:
    """Every input of the scenario as ``{"name", "label", "group", "value", "source"}``,
    in page order: what a decision memo lists as its assumptions. Leaves out the
    ``inactive`` inputs (those the scenario's modes do not use) and ranges and weights
    left at their defaults; a preset's values cite it briefly (see :func:`preset_sources`)."""
    rows = []
    for spec in PARAMETERS:
        value = parameters.get(spec.name)
        if spec.name in inactive:
            continue
        if spec.group in ("ranges", "factors") and (value is None or value == spec.default):
            continue
        rows.append(
            {
                "name": spec.name,
                "label": spec.label,
                "group": spec.group,
                "value": value_text(spec.name, value),
                "source": _source(spec.name, parameters, brief=True),
            }
        )
    return rows


def formulas_markdown() -> str:
    """The table of every result's formula, as docs/model.md shows it (Markdown)."""
    labels = {spec.name: spec for spec in RESULTS}
    lines = ["| Result | Unit | Formula |", "| --- | --- | --- |"]
    for spec in RESULTS:
        formula = FORMULAS[spec.name]
        if spec.name in TOKEN_FORMULAS:
            formula = (
                f"per-request pricing: {REQUEST_FORMULAS[spec.name]}; token pricing: "
                f"{TOKEN_FORMULAS[spec.name]}"
            )
        lines.append(f"| `{spec.name}` ({labels[spec.name].label}) | {spec.unit} | {formula} |")
    return "\n".join(lines) + "\n"

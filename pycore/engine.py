"""The one entry point: a plain dict of parameters in, a plain JSON-safe dict of results out.

Used three ways: the build calls :func:`compute` in CPython to pre-render the page, the
browser's Web Worker calls :func:`compute_json` through Pyodide on every input, and the
CLI (``python -m pycore``) prints the same results.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from pycore.analysis import sensitivity
from pycore.formatting import (
    format_count,
    format_months,
    format_number,
    format_requests,
    format_usd,
    summarize,
    summarize_horizon,
)
from pycore.model import (
    Scenario,
    api_monthly,
    breakeven_inferences,
    cost_curve,
    effective_api_cost_per_1k,
    finetuned_monthly,
    horizon,
    no_breakeven_reason,
    replicas,
    scenario_fields,
    upfront_cost,
)
from pycore.parameters import (
    Notice,
    Values,
    clamp_parameters,
    parameter_spec,
    parse_query,
    validate_parameters,
)

__all__ = [
    "RESULTS",
    "ResultSpec",
    "compute",
    "compute_json",
    "compute_lenient",
    "export_json",
    "report",
    "scenario_from",
]


@dataclass(frozen=True, slots=True)
class ResultSpec:
    """One result as the page contract and the CLI name it: ``[data-output=NAME]``.

    ``kind`` says how its text is formatted: "usd", "requests", "count" or "months".
    ``simple`` results are the seed's four, shown in the simple view.
    """

    name: str
    label: str
    unit: str
    kind: str
    simple: bool = False


RESULTS: tuple[ResultSpec, ...] = (
    ResultSpec("api_monthly", "API cost", "USD per month", "usd", simple=True),
    ResultSpec("finetuned_monthly", "Fine-tuned model cost", "USD per month", "usd", simple=True),
    ResultSpec("monthly_savings", "Savings with fine-tuning", "USD per month", "usd", simple=True),
    ResultSpec(
        "breakeven_inferences", "Break-even volume", "requests per month", "requests", simple=True
    ),
    ResultSpec("effective_api_cost_per_1k", "Effective API price", "USD per 1,000 requests", "usd"),
    ResultSpec("replicas", "GPU replicas", "replicas at this volume", "count"),
    ResultSpec("upfront_cost", "Upfront cost", "USD, one-off", "usd"),
    ResultSpec("tco_api", "API total cost", "USD over the horizon", "usd"),
    ResultSpec("tco_finetuned", "Fine-tuned total cost", "USD over the horizon", "usd"),
    ResultSpec("payback_months", "Payback", "month of the horizon", "months"),
)

Report = dict[str, object]


def compute(parameters: Mapping[str, object]) -> Report:
    """Validate ``parameters`` strictly and return the full report.

    ``parameters`` maps parameter names (see :data:`pycore.PARAMETERS`) to numbers or
    numeric strings; missing ones take their defaults. Raises
    :class:`pycore.ParameterError` for an unknown name, a non-numeric or non-finite
    value, or a value out of range. See :func:`report` for the returned shape.
    """
    return report(validate_parameters(parameters), notices=[])


def compute_lenient(parameters: Mapping[str, object]) -> Report:
    """Like :func:`compute`, but repair bad input instead of raising.

    For untrusted input (the URL, the page's fields): unknown names are dropped and
    bad values clamped or reset, each repair explained in the report's ``notices``
    (and, for a known parameter, in ``field_notices`` under its name).
    """
    values, notices = clamp_parameters(parameters)
    return report(values, notices=notices)


def compute_json(request: str) -> str:
    """Browser entry point: a JSON request in, the report as JSON out.

    The request is ``{"parameters": {name: raw value}, "query": "?name=value&..."}``,
    both optional: the form's values, then the URL's query string read by
    :func:`pycore.parse_query`, whose entries win. Never raises: a request that is not
    a JSON object is answered with the defaults and a notice, so the page always has
    numbers to show.
    """
    return json.dumps(_lenient_request(request), allow_nan=False, separators=(",", ":"))


def _lenient_request(request: str) -> Report:
    """Compute a JSON request leniently; garbage gets the defaults and a notice."""
    try:
        raw = json.loads(request)
    except ValueError:
        raw = None
    parameters = raw.get("parameters", {}) if isinstance(raw, dict) else None
    query = raw.get("query", "") if isinstance(raw, dict) else None
    if not isinstance(parameters, dict) or not isinstance(query, str):
        result = compute_lenient({})
        result["notices"] = ["The engine received an unreadable request; showing defaults."]
        return result
    return compute_lenient({**parameters, **parse_query(query)})


def export_json(request: str, file_format: str) -> str:
    """Browser entry point for downloads: raw parameters as JSON in, CSV or JSON text out.

    ``file_format`` is "csv" (see :func:`pycore.scenario_csv`) or "json" (see
    :func:`pycore.scenario_json`); raises ValueError for any other.
    """
    from pycore.export import scenario_csv, scenario_json  # noqa: PLC0415 - avoids a cycle

    writers = {"csv": scenario_csv, "json": scenario_json}
    if file_format not in writers:
        raise ValueError(f"export: expected a format of {sorted(writers)}, got {file_format!r}")
    return writers[file_format](_lenient_request(request))


def scenario_from(values: Values) -> Scenario:
    """Build a :class:`Scenario` from validated values (one per parameter name)."""
    return Scenario(**{name: values[name] for name in scenario_fields()})  # type: ignore[arg-type]


def report(values: Values, notices: list[Notice]) -> Report:
    """Compute every result for validated ``values`` (one float or None per parameter).

    Returns a JSON-safe dict:

    - ``parameters``: ``{name: float | None}``, the values used;
    - ``mode``: ``{"api_pricing": "per_request" | "tokens", "hosting": "fixed" | "capacity"}``;
    - ``inactive``: the inputs the current modes do not use (see
      :func:`inactive_parameters`);
    - ``results``: ``{name: float | None}`` for each of :data:`RESULTS` (None when
      undefined: no break-even, no replicas in fixed hosting, no payback);
    - ``text``: ``{name: str}``, each result formatted for display;
    - ``summary`` and ``horizon_summary``: one sentence each, for the monthly and the
      horizon view;
    - ``curve``: ``{"volumes", "api_monthly", "finetuned_monthly"}``, equal-length lists
      (requests per month; USD per month) for the cost chart, and ``breakeven``, the
      point ``[requests per month, USD per month]`` where they meet (None when none or 0);
    - ``table``: the curve at each power of ten, as rows of display text
      ``[volume, api, fine-tuned]`` (the chart's text alternative);
    - ``timeline``: ``{"months", "cumulative_api", "cumulative_finetuned", "table"}``:
      months 0..H and cumulative USD for the payback chart, and the same as rows of
      display text ``[month, api, fine-tuned]``;
    - ``sensitivity``: a list of bars (see :class:`pycore.Sensitivity`) as dicts, each
      with ``text``, its values formatted for display;
    - ``notices``: the repairs made to the input, as sentences;
    - ``field_notices``: ``{name: sentence}``, the same repairs by parameter, for the
      message beside each field.
    """
    scenario = scenario_from(values)
    api = api_monthly(scenario)
    finetuned = finetuned_monthly(scenario)
    breakeven = breakeven_inferences(scenario)
    costs = horizon(scenario)
    replica_count = replicas(scenario)
    results: dict[str, float | int | None] = {
        "api_monthly": api,
        "finetuned_monthly": finetuned,
        "monthly_savings": api - finetuned,
        "breakeven_inferences": breakeven,
        "effective_api_cost_per_1k": effective_api_cost_per_1k(scenario),
        "replicas": replica_count,
        "upfront_cost": upfront_cost(scenario),
        "tco_api": costs.tco_api,
        "tco_finetuned": costs.tco_finetuned,
        "payback_months": costs.payback_months,
    }
    curve = cost_curve(scenario)
    return {
        "parameters": dict(values),
        "mode": {
            "api_pricing": "tokens" if scenario.token_pricing else "per_request",
            "hosting": "capacity" if scenario.capacity_hosting else "fixed",
        },
        "results": results,
        "text": {
            spec.name: _format(spec, results[spec.name], scenario.horizon_months)
            for spec in RESULTS
        },
        "summary": summarize(
            scenario.monthly_inferences,
            api,
            finetuned,
            breakeven,
            no_breakeven_reason(scenario) if breakeven is None else "beyond_limit",
        ),
        "inactive": inactive_parameters(scenario),
        "horizon_summary": summarize_horizon(
            scenario.horizon_months, costs.tco_api, costs.tco_finetuned, costs.payback_months
        ),
        "curve": {
            "volumes": list(curve.volumes),
            "api_monthly": list(curve.api_monthly),
            "finetuned_monthly": list(curve.finetuned_monthly),
            "breakeven": None
            if not breakeven
            else [breakeven, finetuned_monthly(scenario, breakeven)],
        },
        "table": [
            [format_requests(volume), format_usd(api_cost), format_usd(finetuned_cost)]
            for volume, api_cost, finetuned_cost in zip(
                curve.volumes, curve.api_monthly, curve.finetuned_monthly, strict=True
            )
            if _is_power_of_ten(volume)
        ],
        "timeline": {
            "months": list(range(len(costs.cumulative_api))),
            "cumulative_api": list(costs.cumulative_api),
            "cumulative_finetuned": list(costs.cumulative_finetuned),
            "table": [
                [str(month), format_usd(api_total), format_usd(finetuned_total)]
                for month, (api_total, finetuned_total) in enumerate(
                    zip(costs.cumulative_api, costs.cumulative_finetuned, strict=True)
                )
            ],
        },
        "sensitivity": [
            {
                **asdict(bar),
                "text": {
                    "low_value": _with_unit(bar.name, bar.low_value),
                    "high_value": _with_unit(bar.name, bar.high_value),
                    "savings_low": format_usd(bar.savings_low),
                    "savings_high": format_usd(bar.savings_high),
                    "breakeven_low": _breakeven_text(bar.breakeven_low),
                    "breakeven_high": _breakeven_text(bar.breakeven_high),
                },
            }
            for bar in sensitivity(scenario)
        ],
        "notices": [notice.message for notice in notices],
        "field_notices": _by_field(notices),
    }


def _by_field(notices: list[Notice]) -> dict[str, str]:
    """Join the notices about each named parameter into one message per field."""
    by_field: dict[str, list[str]] = {}
    for notice in notices:
        if notice.name is not None:
            by_field.setdefault(notice.name, []).append(notice.message)
    return {name: " ".join(messages) for name, messages in by_field.items()}


#: Inputs that the current pricing or hosting mode does not use (their group is off).
_TOKEN_INPUTS = (
    "cached_input_price_per_mtok",
    "output_price_per_mtok",
    "avg_input_tokens",
    "cached_input_share",
    "batch_discount",
)
_CAPACITY_INPUTS = (
    "gpus_per_replica",
    "replica_throughput_tps",
    "target_utilization",
    "peak_to_average",
    "min_replicas",
)


def inactive_parameters(scenario: Scenario) -> list[str]:
    """Return the inputs that have no effect in this scenario's modes, for the page to dim.

    Per-request pricing ignores the token inputs, token pricing ignores
    ``api_cost_per_1k``; fixed hosting ignores the capacity inputs, capacity hosting
    ignores ``hosting_monthly``; ``avg_output_tokens`` counts when either mode uses it.
    """
    names = list(_TOKEN_INPUTS if not scenario.token_pricing else ["api_cost_per_1k"])
    names += _CAPACITY_INPUTS if not scenario.capacity_hosting else ["hosting_monthly"]
    if not scenario.token_pricing and not scenario.capacity_hosting:
        names.append("avg_output_tokens")
    return names


def _with_unit(name: str, value: float) -> str:
    """Word an input's value with its unit ("2.4 USD per 1,000 requests")."""
    return f"{format_number(value)} {parameter_spec(name).unit}"


def _breakeven_text(volume: float | None) -> str:
    """Word a break-even volume with its unit ("1,500,000 requests per month")."""
    return "no break-even" if volume is None else f"{format_requests(volume)} requests per month"


def _format(spec: ResultSpec, value: float | None, horizon_months: float) -> str:
    """Format one result by its kind."""
    if spec.kind == "usd":
        return format_usd(value)
    if spec.kind == "requests":
        return format_requests(value)
    if spec.kind == "count":
        return format_count(value, none="n/a (fixed hosting)")
    return format_months(value, horizon_months)


def _is_power_of_ten(volume: float) -> bool:
    """Tell whether a curve volume sits on a power of ten (within float noise)."""
    exponent = math.log10(volume)
    return abs(exponent - round(exponent)) < 1e-9

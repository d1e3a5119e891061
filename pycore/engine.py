"""The one entry point: a plain dict of parameters in, a plain JSON-safe dict of results out.

Used three ways: the build calls :func:`compute` in CPython to pre-render the page, the
browser's Web Worker calls :func:`compute_json` through Pyodide on every input, and the
CLI (``python -m pycore``) prints the same results.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass

from pycore.formatting import format_requests, format_usd, summarize
from pycore.model import (
    Scenario,
    api_monthly,
    breakeven_inferences,
    cost_curve,
    finetuned_monthly,
)
from pycore.parameters import clamp_parameters, validate_parameters

__all__ = ["RESULTS", "ResultSpec", "compute", "compute_json", "compute_lenient"]


@dataclass(frozen=True, slots=True)
class ResultSpec:
    """One result as the page contract names it: ``[data-output=NAME]``."""

    name: str
    label: str
    unit: str
    kind: str  # "usd" or "requests": how its text is formatted


RESULTS: tuple[ResultSpec, ...] = (
    ResultSpec("api_monthly", "API cost", "USD per month", "usd"),
    ResultSpec("finetuned_monthly", "Fine-tuned model cost", "USD per month", "usd"),
    ResultSpec("monthly_savings", "Monthly savings with fine-tuning", "USD per month", "usd"),
    ResultSpec("breakeven_inferences", "Break-even volume", "requests per month", "requests"),
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
    bad values clamped or reset, each repair explained in the report's ``notices``.
    """
    values, notices = clamp_parameters(parameters)
    return report(values, notices=notices)


def compute_json(request: str) -> str:
    """Browser entry point: a JSON object of raw parameters in, the report as JSON out.

    Never raises: a request that is not a JSON object is answered with the defaults and
    a notice, so the page always has numbers to show.
    """
    try:
        raw = json.loads(request)
    except ValueError:
        raw = None
    if not isinstance(raw, dict):
        result = compute_lenient({})
        result["notices"] = ["The engine received an unreadable request; showing defaults."]
    else:
        result = compute_lenient(raw)
    return json.dumps(result, allow_nan=False, separators=(",", ":"))


def report(values: Mapping[str, float], notices: list[str]) -> Report:
    """Compute every result for validated ``values`` (one float per parameter name).

    Returns a JSON-safe dict:

    - ``parameters``: ``{name: float}``, the values used;
    - ``results``: ``{name: float | None}`` for each of :data:`RESULTS` (``None`` when
      undefined, e.g. no break-even), USD per month or requests per month;
    - ``text``: ``{name: str}``, each result formatted for display;
    - ``summary``: one sentence saying which option is cheaper and by how much;
    - ``curve``: ``{"volumes", "api_monthly", "finetuned_monthly"}``, equal-length lists
      (requests per month; USD per month) for the chart;
    - ``table``: the curve at each power of ten, as rows of display text
      ``[volume, api, fine-tuned]`` (the chart's text alternative);
    - ``notices``: the repairs made to the input, as sentences.
    """
    scenario = Scenario(
        monthly_inferences=values["monthly_inferences"],
        api_cost_per_1k=values["api_cost_per_1k"],
        hosting_monthly=values["hosting_monthly"],
    )
    api = api_monthly(scenario)
    finetuned = finetuned_monthly(scenario)
    breakeven = breakeven_inferences(scenario)
    results: dict[str, float | None] = {
        "api_monthly": api,
        "finetuned_monthly": finetuned,
        "monthly_savings": api - finetuned,
        "breakeven_inferences": breakeven,
    }
    curve = cost_curve(scenario)
    return {
        "parameters": dict(values),
        "results": results,
        "text": {spec.name: _format(spec, results[spec.name]) for spec in RESULTS},
        "summary": summarize(scenario.monthly_inferences, api, finetuned, breakeven),
        "curve": {
            "volumes": list(curve.volumes),
            "api_monthly": list(curve.api_monthly),
            "finetuned_monthly": list(curve.finetuned_monthly),
        },
        "table": [
            [format_requests(volume), format_usd(api_cost), format_usd(finetuned_cost)]
            for volume, api_cost, finetuned_cost in zip(
                curve.volumes, curve.api_monthly, curve.finetuned_monthly, strict=True
            )
            if _is_power_of_ten(volume)
        ],
        "notices": list(notices),
    }


def _is_power_of_ten(volume: float) -> bool:
    """Tell whether a curve volume sits on a power of ten (within float noise)."""
    exponent = math.log10(volume)
    return abs(exponent - round(exponent)) < 1e-9


def _format(spec: ResultSpec, value: float | None) -> str:
    """Format one result by its kind."""
    return format_usd(value) if spec.kind == "usd" else format_requests(value)

"""Comparing two scenarios: a pinned one (A) and the one on show, result by result.

The page pins a scenario by its query string; :func:`compare` lines up both reports' main
results with the difference (the one on show minus A), in each result's own unit.
"""

from __future__ import annotations

from collections.abc import Mapping

from pycore.formatting import format_ms, format_requests, format_usd
from pycore.results import RESULTS, Report

__all__ = ["COMPARED", "compare"]

#: The results a comparison shows, in order.
COMPARED = (
    "api_monthly",
    "finetuned_monthly",
    "monthly_savings",
    "breakeven_inferences",
    "sustained_breakeven_inferences",
    "effective_api_cost_per_1k",
    "replicas",
    "p95_ttft_ms",
    "api_cost_per_1k_success",
    "finetuned_cost_per_1k_success",
    "upfront_cost",
    "tco_api",
    "tco_finetuned",
    "payback_months",
    "npv",
)
_KINDS = {spec.name: spec for spec in RESULTS}


def _difference(kind: str, delta: float) -> str:
    """Word a difference in a result's unit, with its sign ("+$1,200", "−3 months")."""
    sign = "+" if delta > 0 else ("\u2212" if delta < 0 else "\u00b1")
    size = abs(delta)
    if kind == "usd":
        return sign + format_usd(size)
    if kind == "requests":
        return sign + format_requests(size)
    if kind == "ms":
        return sign + format_ms(size)
    if kind == "months":
        return f"{sign}{size:,.0f} months"
    return f"{sign}{size:,.0f}"


def compare(pinned: Report, current: Report, query: str) -> dict[str, object]:
    """Return the comparison: ``query`` (A's), A's ``verdict``, ``rows`` of display text
    ``[label, A, current, difference]`` and A's cost ``curve``."""
    a_results, b_results = pinned["results"], current["results"]
    a_text, b_text = pinned["text"], current["text"]
    assert isinstance(a_results, Mapping)
    assert isinstance(b_results, Mapping)
    assert isinstance(a_text, Mapping)
    assert isinstance(b_text, Mapping)
    rows = []
    for name in COMPARED:
        spec = _KINDS[name]
        before, after = a_results[name], b_results[name]
        change = (
            _difference(spec.kind, float(after) - float(before))
            if isinstance(before, int | float) and isinstance(after, int | float)
            else "n/a"
        )
        rows.append([spec.label, str(a_text[name]), str(b_text[name]), change])
    curve = pinned["curve"]
    assert isinstance(curve, Mapping)
    return {
        "query": query,
        "verdict": pinned["verdict"],
        "rows": rows,
        "curve": {key: curve[key] for key in ("volumes", "api_monthly", "finetuned_monthly")},
    }

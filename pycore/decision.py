"""The decision part of the report: quality, the options table, routing, the verdict with
its thresholds, every API model ranked, and the weighted factors.

It gathers :mod:`pycore.quality`, :mod:`pycore.options`, :mod:`pycore.routing` and
:mod:`pycore.verdict` into the results and the parts of the report the page shows; it
computes nothing itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from pycore.catalog import MANAGED
from pycore.costs import api_monthly, finetuned_monthly
from pycore.formatting import format_months, format_ms, format_requests, format_share, format_usd
from pycore.options import Option, api_ranking, cheapest, options
from pycore.parameters import WEIGHTS
from pycore.quality import cost_per_1k_success, with_failures
from pycore.results import record
from pycore.routing import best_routed_share, hybrid
from pycore.scenario import Scenario
from pycore.verdict import factor_scores, thresholds, verdict_text, weighted_scores

__all__ = ["decision"]

_MISSES = {
    "quality": "below the quality floor",
    "latency": "misses the latency target",
    "itl": "misses the inter-token latency target",
    "fit": "cannot serve: a request does not fit the GPU's KV cache",
    "retired": f"stops serving on {MANAGED['stops_serving']}, within the horizon",
    "not comparable": "priced from tokens: set token prices to compare",
}


def decision(
    scenario: Scenario, values: Mapping[str, object], *, ranking: bool = True
) -> tuple[dict[str, float | None], dict[str, object]]:
    """Return (raw results, report parts) for the decision layer.

    The results are :data:`pycore.RESULTS`' decision entries, unrounded; the parts are
    ``options`` (rows with their text), ``recommended`` (an option id or None),
    ``verdict`` (sentences), ``api_ranking`` (rows; None unless ``ranking``) and
    ``factors`` (rows, and ``summary``).
    """
    s = scenario
    volume = s.monthly_inferences
    rows = options(s)
    chosen = cheapest(rows)
    limits = thresholds(s)
    weights = {
        spec.name.removeprefix("weight_").replace("_", "-"): float(values[spec.name])  # type: ignore[arg-type]
        for spec in WEIGHTS
    }
    factors = factor_scores(s, weights)
    api_score, mine_score = weighted_scores(factors)
    routed = hybrid(s)
    raw: dict[str, float | None] = {
        "api_monthly_with_failures": with_failures(
            api_monthly(s), volume, s.api_success_rate, s.failure_cost
        ),
        "finetuned_monthly_with_failures": with_failures(
            finetuned_monthly(s), volume, s.finetuned_success_rate, s.failure_cost
        ),
        "api_cost_per_1k_success": cost_per_1k_success(
            api_monthly(s), volume, s.api_success_rate, s.failure_cost
        ),
        "finetuned_cost_per_1k_success": cost_per_1k_success(
            finetuned_monthly(s), volume, s.finetuned_success_rate, s.failure_cost
        ),
        "hybrid_monthly": routed.monthly,
        "hybrid_success_rate": routed.success_rate,
        "best_routed_share": best_routed_share(s),
        "breakeven_api_cost_per_1k": limits.api_cost_per_1k,
        "breakeven_gpu_hourly": limits.gpu_hourly,
        "api_weighted_score": api_score,
        "finetuned_weighted_score": mine_score,
    }
    parts: dict[str, object] = {
        "options": [_option_row(row, row is chosen, s.horizon_months) for row in rows],
        "recommended": None if chosen is None else chosen.id,
        "verdict": verdict_text(s, chosen, rows, limits),
        "api_ranking": [
            {
                **record(rank),
                "monthly": round(rank.monthly, 2),
                "cost_per_1k": round(rank.cost_per_1k, 6),
                "self_hosting_cheaper_above": _round(rank.self_hosting_cheaper_above, 2),
                "chosen": rank.id == s.api_model,
                "text": {
                    "monthly": format_usd(rank.monthly),
                    "cost_per_1k": format_usd(rank.cost_per_1k),
                    "self_hosting_cheaper_above": "never"
                    if rank.self_hosting_cheaper_above is None
                    else format_requests(rank.self_hosting_cheaper_above),
                },
            }
            for rank in api_ranking(s)
        ]
        if ranking
        else None,
        "factors": {
            "rows": [record(row) for row in factors],
            "summary": _factors_summary(rows, api_score, mine_score),
        },
    }
    return raw, parts


def _option_row(row: Option, recommended: bool, horizon_months: float) -> dict[str, object]:
    """One option as the report carries it: its values, whether chosen, and its text."""
    return {
        **record(row),
        "monthly": round(row.monthly, 2),
        "monthly_with_failures": round(row.monthly_with_failures, 2),
        "success_rate": round(row.success_rate, 6),
        "cost_per_1k_success": _round(row.cost_per_1k_success, 6),
        "p95_ms": _round(row.p95_ms, 1),
        "upfront": round(row.upfront, 2),
        "misses": list(row.misses),
        "recommended": recommended,
        "text": {
            "monthly": format_usd(row.monthly),
            "monthly_with_failures": format_usd(row.monthly_with_failures),
            "success_rate": format_share(row.success_rate),
            "cost_per_1k_success": format_usd(row.cost_per_1k_success),
            "p95_ms": "not sized" if row.p95_ms is None else format_ms(row.p95_ms),
            "upfront": format_usd(row.upfront),
            "payback_months": "baseline"
            if row.id == "api"
            else format_months(row.payback_months, horizon_months),
            "misses": "; ".join(_MISSES[miss] for miss in row.misses),
        },
    }


def _round(value: float | None, decimals: int) -> float | None:
    """Round a value that may be missing (no float noise in the report)."""
    return None if value is None else round(value, decimals)


def _factors_summary(rows: list[Option], api_score: float | None, mine_score: float | None) -> str:
    """Say whether the weighted factors and the cost point to the same option."""
    if api_score is None or mine_score is None:
        return "Every factor has weight 0: the factors do not weigh in."
    by_id = {row.id: row for row in rows}
    api_cost = by_id["api"].cost_per_1k_success
    mine_cost = by_id["self_hosted"].cost_per_1k_success
    if api_cost is None or mine_cost is None or abs(api_score - mine_score) < 0.05:
        return (
            f"The weighted factors score the API {api_score:.1f} and the fine-tuned model "
            f"{mine_score:.1f} out of 5: a tie."
        )
    by_factors = "the fine-tuned model" if mine_score > api_score else "the API"
    by_cost = "the fine-tuned model" if mine_cost < api_cost else "the API"
    scores = f"{api_score:.1f} for the API, {mine_score:.1f} for the fine-tuned model"
    if by_factors == by_cost:
        return f"Cost and the weighted factors ({scores}) both favour {by_cost}."
    return (
        f"The weighted factors ({scores}) favour {by_factors}, while the cost per successful "
        f"answer favours {by_cost}: decide which matters more."
    )

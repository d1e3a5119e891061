"""The results: each one's name, label, unit, display kind and rounding, declared once.

The page contract names each result ``[data-output=NAME]``; the CLI prints them in this
order. Values are rounded to their ``decimals`` before they leave pycore (the page's
``data-value``, JSON and CSV), so no float noise such as 2547.7000000000003 reaches a reader.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

__all__ = ["RESULTS", "Report", "ResultSpec", "record", "rounded"]

Report = dict[str, object]


@dataclass(frozen=True, slots=True)
class ResultSpec:
    """One result as the page contract and the CLI name it: ``[data-output=NAME]``.

    ``kind`` says how its text is formatted: "usd", "requests", "count", "replicas",
    "days", "months", "share", "ms" or "score". ``decimals`` is the rounding of its raw
    value. ``simple`` results are the seed's four, shown in the simple view. ``unit`` is the
    raw value's unit (the exports' and ``data-value``'s); ``note`` is shown beside a result
    whose text carries its own unit (durations: "850 ms", "28.3 s").
    """

    name: str
    label: str
    unit: str
    kind: str
    decimals: int
    simple: bool = False
    note: str = ""

    @property
    def shown_unit(self) -> str:
        """What the page and the CLI show beside the result's text: its unit, or for a
        duration (whose text says ms or s) its note."""
        return self.note if self.kind == "ms" else self.unit


RESULTS: tuple[ResultSpec, ...] = (
    ResultSpec("api_monthly", "API cost", "USD per month", "usd", 2, simple=True),
    ResultSpec(
        "finetuned_monthly", "Fine-tuned model cost", "USD per month", "usd", 2, simple=True
    ),
    ResultSpec(
        "monthly_savings", "Savings with fine-tuning", "USD per month", "usd", 2, simple=True
    ),
    ResultSpec(
        "breakeven_inferences",
        "Break-even volume",
        "requests per month",
        "requests",
        2,
        simple=True,
    ),
    ResultSpec(
        "sustained_breakeven_inferences",
        "Cheaper at every volume above",
        "requests per month",
        "requests",
        2,
    ),
    ResultSpec(
        "effective_api_cost_per_1k", "Effective API price", "USD per 1,000 requests", "usd", 6
    ),
    ResultSpec(
        "replica_cost_per_1k",
        "GPU cost at full load",
        "USD per 1,000 requests",
        "usd",
        6,
    ),
    ResultSpec("replicas", "GPU replicas", "replicas at the busiest hour", "replicas", 0),
    ResultSpec("utilization", "GPU utilization", "busy share of billed GPU time", "share", 6),
    ResultSpec(
        "p95_ttft_ms",
        "Self-hosted p95 time to first token",
        "milliseconds",
        "ms",
        1,
        note="at the busiest hour",
    ),
    ResultSpec(
        "api_p95_latency_ms",
        "API p95 time to first token",
        "milliseconds",
        "ms",
        1,
        note="your input, for comparison",
    ),
    ResultSpec(
        "p50_itl_ms",
        "Self-hosted time between tokens",
        "milliseconds",
        "ms",
        1,
        note="median, at the busiest hour",
    ),
    ResultSpec(
        "p95_e2e_ms",
        "Self-hosted p95 full answer",
        "milliseconds",
        "ms",
        1,
        note="estimate: p95 first token, then the answer at the median pace",
    ),
    ResultSpec("api_monthly_with_failures", "API cost with failures", "USD per month", "usd", 2),
    ResultSpec(
        "finetuned_monthly_with_failures",
        "Fine-tuned cost with failures",
        "USD per month",
        "usd",
        2,
    ),
    ResultSpec(
        "api_cost_per_1k_success",
        "API per successful answer",
        "USD per 1,000 successful answers",
        "usd",
        6,
    ),
    ResultSpec(
        "finetuned_cost_per_1k_success",
        "Fine-tuned per successful answer",
        "USD per 1,000 successful answers",
        "usd",
        6,
    ),
    ResultSpec("hybrid_monthly", "Hybrid routing cost", "USD per month", "usd", 2),
    ResultSpec(
        "hybrid_success_rate", "Hybrid success rate", "share of requests answered", "share", 6
    ),
    ResultSpec(
        "best_routed_share",
        "Best share to route",
        "share of requests to the fine-tuned model",
        "share",
        6,
    ),
    ResultSpec(
        "breakeven_api_cost_per_1k",
        "API price that ties",
        "USD per 1,000 requests",
        "usd",
        6,
    ),
    ResultSpec("breakeven_gpu_hourly", "GPU price that ties", "USD per GPU-hour", "usd", 6),
    ResultSpec("api_weighted_score", "API, weighted factors", "score from 1 to 5", "score", 4),
    ResultSpec(
        "finetuned_weighted_score",
        "Fine-tuned, weighted factors",
        "score from 1 to 5",
        "score",
        4,
    ),
    ResultSpec("upfront_cost", "Upfront cost", "USD, one-off", "usd", 2),
    ResultSpec("npv", "Net present value of fine-tuning", "USD today", "usd", 2),
    ResultSpec(
        "payback_probability",
        "Chance fine-tuning pays back",
        "probability, within the horizon",
        "share",
        4,
    ),
    ResultSpec("savings_probability", "Chance of savings in month one", "probability", "share", 4),
    ResultSpec("tco_savings_p10", "Savings over the horizon, P10", "USD", "usd", 2),
    ResultSpec("tco_savings_p50", "Savings over the horizon, P50", "USD", "usd", 2),
    ResultSpec("tco_savings_p90", "Savings over the horizon, P90", "USD", "usd", 2),
    ResultSpec("pilot_sample_size", "Pilot: pairs of answers", "pairs (paired test)", "count", 0),
    ResultSpec("pilot_days", "Pilot: duration", "days", "days", 0),
    ResultSpec("pilot_cost", "Pilot: cost", "USD", "usd", 2),
    ResultSpec("tco_api", "API total cost", "USD over the horizon", "usd", 2),
    ResultSpec("tco_finetuned", "Fine-tuned total cost", "USD over the horizon", "usd", 2),
    ResultSpec("payback_months", "Payback", "month of the horizon", "months", 0),
)


def rounded(spec: ResultSpec, value: float | None) -> float | int | None:
    """Round a result's raw value to its ``decimals``: whole counts are ints, None stays None
    and -0.0 becomes 0.0."""
    if value is None:
        return None
    if spec.decimals == 0:
        return round(value)
    return round(value, spec.decimals) + 0.0


#: The report's parts that a request may skip (:func:`pycore.report.report`): each is
#: about a fifth of a detailed report's compute, and the page shows them lower down.
OPTIONAL_PARTS = ("sensitivity", "api_ranking")


def record(row: Any) -> dict[str, object]:
    """A flat record (a dataclass whose fields hold numbers, text, None or tuples of them)
    as a dict, field by field: :func:`dataclasses.asdict` without its deep copies, which
    take a tenth of a detailed report's compute. A nested record would stay an object,
    which the JSON encoder refuses (a TypeError), so none can pass unseen."""
    names = _FIELD_NAMES.get(type(row))
    if names is None:
        names = _FIELD_NAMES[type(row)] = tuple(item.name for item in fields(row))
    return {name: getattr(row, name) for name in names}


#: The field names of each record type :func:`record` has seen, in order.
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}

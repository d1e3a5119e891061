"""Every real option side by side, and every API model ranked, at the scenario's volume.

The options (their ``id``):

- ``api``: the general-purpose API the scenario prices;
- ``small_api``: the cheapest small-tier model of the catalog at the scenario's tokens
  (success rate ``small_api_success_rate``);
- ``managed``: the fine-tuned model on a provider's per-token serving: the fine-tuned
  prompt and the answer at ``managed_input_price_per_mtok`` / ``managed_output_price_per_mtok``,
  upfront the labelling and engineering plus the provider's training job (``training_examples``
  of prompt plus answer, :data:`EPOCHS` epochs, at ``managed_training_price_per_mtok``);
- ``self_hosted``: the fine-tuned model on your GPUs (:mod:`pycore.serving`);
- ``hybrid``: routing at ``routed_share`` (:mod:`pycore.routing`).

Each row gives the monthly bill, the cost with failures and per 1,000 successful answers
(:mod:`pycore.quality`), the p95 time to first token, the upfront cost, the payback month
against the API (failures included), whether data leaves your cloud and the operations
effort. An option misses the quality floor when its success rate is below
``min_success_rate`` and the latency target when its p95 time to first token is above
``latency_slo_ms`` (unknown with fixed hosting: not held against it); self-hosting (and
routing to it) also misses when its median inter-token latency is above ``itl_slo_ms``, and
cannot serve at all when a request's context does not fit a replica's KV cache. The managed
fine-tune is unavailable when its provider stops serving it before the horizon ends (the
horizon starts on :data:`pycore.parameters.ESTIMATES_SET`, the day this analyzer's figures
were last reviewed: pycore reads no clock). The small-tier and managed options are priced
from tokens: with per-request API pricing (the simple view) they are listed as not
comparable and never recommended.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass

from pycore.billing import effective_api_cost_per_1k
from pycore.breakeven import sustained_breakeven_inferences
from pycore.catalog import API_MODELS, MANAGED
from pycore.costs import api_monthly, finetuned_monthly, upfront_cost
from pycore.horizon import VOLUME_LIMIT
from pycore.parameters import ESTIMATES_SET
from pycore.quality import cost_per_1k_success, with_failures
from pycore.remember import across_volumes
from pycore.routing import hybrid
from pycore.scenario import Scenario, with_changes
from pycore.serving import fleet

__all__ = [
    "EPOCHS",
    "ApiRank",
    "Option",
    "api_ranking",
    "managed_months_left",
    "options",
    "small_api_model",
]

#: Epochs a managed fine-tuning job runs over the examples (OpenAI's default is "auto", which
#: picks 3 for about 1,000 examples; an assumption of this analyzer).
EPOCHS = 3
#: The bill of each option that depends on the volume, for the horizon and payback.
_Bill = Callable[[float], float]


@dataclass(frozen=True, slots=True)
class Option:
    """One row of the options table (see the module docstring). Money in USD; ``p95_ms``
    is the p95 time to first token (None when unknown); ``misses`` names the constraints it
    misses ("quality", "latency", "itl") or why it is unavailable ("fit": a request does not
    fit the KV cache; "retired": its provider stops serving it within the horizon; "not
    comparable"); ``payback_months`` is the month from which it stays ahead of the API over
    the horizon (None when it does not)."""

    id: str
    name: str
    monthly: float
    success_rate: float
    monthly_with_failures: float
    cost_per_1k_success: float | None
    p95_ms: float | None
    upfront: float
    payback_months: int | None
    data_leaves_cloud: str
    operations: str
    misses: tuple[str, ...]


def small_api_model(scenario: Scenario) -> str:
    """Return the id of the small-tier catalog model with the lowest bill for these tokens."""
    return _small_tier(scenario)[0]


@across_volumes
def _small_tier(scenario: Scenario) -> tuple[str, float]:
    """The small-tier model with the lowest bill for these tokens, and its USD per 1,000
    requests: a price per request, which the volume does not change."""
    small = [model_id for model_id, model in API_MODELS.items() if model["tier"] == "small"]
    prices = {model_id: _api_price(scenario, model_id) for model_id in small}
    chosen = min(small, key=prices.__getitem__)
    return chosen, prices[chosen]


def _with_model(scenario: Scenario, model_id: str) -> Scenario:
    """The scenario priced by another API model of the catalog (same tokens)."""
    values = API_MODELS[model_id]["values"]
    return with_changes(scenario, api_model=model_id, **values)


def _api_price(scenario: Scenario, model_id: str) -> float:
    """USD per 1,000 requests for the scenario's tokens at ``model_id``'s prices."""
    return effective_api_cost_per_1k(_with_model(scenario, model_id))


def _managed_price(scenario: Scenario) -> float:
    """USD per request of the fine-tuned model on a provider's per-token serving."""
    s = scenario
    return (
        s.finetuned_prompt_tokens * s.managed_input_price_per_mtok
        + s.avg_output_tokens * s.managed_output_price_per_mtok
    ) / 1_000_000


def _managed_upfront(scenario: Scenario) -> float:
    """USD: labelling, engineering and the provider's training job."""
    s = scenario
    tokens = s.training_examples * (s.finetuned_prompt_tokens + s.avg_output_tokens) * EPOCHS
    return (
        s.training_examples * s.labeling_cost_per_example
        + s.engineering_upfront
        + tokens * s.managed_training_price_per_mtok / 1_000_000
    )


def _payback(scenario: Scenario, bill: _Bill, upfront: float, success: float) -> int | None:
    """The month from which an option stays ahead of the API, failures included."""
    s = scenario
    months = int(s.horizon_months)
    growth = 1 + s.monthly_growth
    ahead_from: int | None = None
    mine, theirs = upfront, 0.0
    months_at: dict[float, tuple[float, float]] = {}  # without growth, every month is one
    for month in range(1, months + 1):
        volume = min(s.monthly_inferences * growth ** (month - 1), VOLUME_LIMIT)
        if volume not in months_at:
            months_at[volume] = (
                with_failures(bill(volume), volume, success, s.failure_cost),
                with_failures(api_monthly(s, volume), volume, s.api_success_rate, s.failure_cost),
            )
        mine += months_at[volume][0]
        theirs += months_at[volume][1]
        ahead = mine <= theirs
        ahead_from = (month if ahead_from is None else ahead_from) if ahead else None
    return ahead_from


def managed_months_left() -> float:
    """Months (of 30.44 days) from the horizon's start (:data:`ESTIMATES_SET`) to the day the
    managed fine-tune stops serving (``MANAGED["stops_serving"]``)."""
    start = datetime.date.fromisoformat(ESTIMATES_SET)
    end = datetime.date.fromisoformat(str(MANAGED["stops_serving"]))
    return (end - start).days / (365.25 / 12)


def _row(
    scenario: Scenario,
    option: tuple[str, str],
    bill: _Bill,
    success: float,
    p95_ms: float | None,
    *,
    upfront: float,
    where: tuple[str, str],
    comparable: bool = True,
    unavailable: tuple[str, ...] = (),
) -> Option:
    """Build one row; ``where`` is (data leaves your cloud, operations effort);
    ``unavailable`` names further misses ("fit", "itl", "retired")."""
    s = scenario
    volume = s.monthly_inferences
    monthly = bill(volume)
    misses: list[str] = [name for name in unavailable if name != "itl"]
    if not comparable:
        misses.append("not comparable")
    if success < s.min_success_rate:
        misses.append("quality")
    if p95_ms is not None and p95_ms > s.latency_slo_ms * (1 + 1e-12):
        misses.append("latency")
    if "itl" in unavailable:
        misses.append("itl")
    option_id, name = option
    return Option(
        id=option_id,
        name=name,
        monthly=monthly,
        success_rate=success,
        monthly_with_failures=with_failures(monthly, volume, success, s.failure_cost),
        cost_per_1k_success=cost_per_1k_success(monthly, volume, success, s.failure_cost),
        p95_ms=p95_ms,
        upfront=upfront,
        payback_months=None if option_id == "api" else _payback(s, bill, upfront, success),
        data_leaves_cloud=where[0],
        operations=where[1],
        misses=tuple(misses),
    )


def options(scenario: Scenario) -> list[Option]:
    """Return the five options at the scenario's volume (see the module docstring)."""
    s = scenario
    api_name = API_MODELS[s.api_model]["name"] if s.api_model else "General-purpose API"
    small_id, small_price_per_1k = _small_tier(s)
    small_price = small_price_per_1k / 1000
    managed_price = _managed_price(s)
    at_volume = fleet(s) if s.capacity_hosting else None
    self_p95 = None if at_volume is None else at_volume.p95_ttft_s * 1000
    serving: tuple[str, ...] = ()
    if at_volume is not None and not at_volume.fits:
        serving = ("fit",)
    elif at_volume is not None and not at_volume.meets_itl:
        serving = ("itl",)
    retired = ("retired",) if s.horizon_months > managed_months_left() else ()
    routed = s.routed_share
    fallbacks = routed * s.fallback_share
    hybrid_p95: float | None = None
    if at_volume is not None:
        hybrid_p95 = max(s.api_p95_latency_ms, at_volume.p95_ttft_s * 1000)
        if fallbacks > 0.05:  # more than 5% wait for a full answer, then for the API
            hybrid_p95 = at_volume.p95_e2e_s * 1000 + s.api_p95_latency_ms
    return [
        _row(
            s,
            ("api", api_name),
            lambda v: api_monthly(s, v),
            s.api_success_rate,
            s.api_p95_latency_ms,
            upfront=0.0,
            where=("yes", "none: the provider runs it"),
        ),
        _row(
            s,
            ("small_api", f"Small-tier API: {API_MODELS[small_id]['name']}"),
            lambda v: v * small_price,
            s.small_api_success_rate,
            s.api_p95_latency_ms,
            upfront=0.0,
            where=("yes", "none: the provider runs it"),
            comparable=s.token_pricing,
        ),
        _row(
            s,
            ("managed", "Fine-tuned, served by a provider per token"),
            lambda v: v * managed_price,
            s.finetuned_success_rate,
            s.api_p95_latency_ms,
            upfront=_managed_upfront(s),
            where=("yes", "low: data and evaluation; the provider serves it"),
            comparable=s.token_pricing,
            unavailable=retired,
        ),
        _row(
            s,
            ("self_hosted", "Fine-tuned, self-hosted"),
            lambda v: finetuned_monthly(s, v),
            s.finetuned_success_rate,
            self_p95,
            upfront=upfront_cost(s),
            where=("no", "high: GPUs, serving, monitoring, retraining"),
            unavailable=serving,
        ),
        _row(
            s,
            ("hybrid", f"Hybrid: {routed:.0%} routed to the fine-tuned model"),
            lambda v: hybrid(s, volume=v).monthly,
            hybrid(s).success_rate,
            hybrid_p95,
            upfront=upfront_cost(s) if routed > 0 else 0.0,
            where=(
                "partly" if 0 < routed < 1 else ("no" if routed else "yes"),
                "high: both, and a router",
            ),
            unavailable=serving if routed > 0 else (),
        ),
    ]


@dataclass(frozen=True, slots=True)
class ApiRank:
    """One API model of the catalog at the scenario's tokens: ``monthly`` USD a month,
    ``cost_per_1k`` USD per 1,000 requests, ``self_hosting_cheaper_above`` the volume
    (requests per month) above which self-hosting is cheaper for good (None: never below
    10^12, or with fixed hosting when the API is free)."""

    id: str
    name: str
    tier: str
    monthly: float
    cost_per_1k: float
    self_hosting_cheaper_above: float | None


def api_ranking(scenario: Scenario) -> list[ApiRank]:
    """Rank every API model of the catalog by its bill for the scenario's tokens, cheapest
    first, with the volume above which self-hosting beats each."""
    ranks = []
    for model_id, model in API_MODELS.items():
        priced = _with_model(scenario, model_id)
        ranks.append(
            ApiRank(
                id=model_id,
                name=model["name"],
                tier=model["tier"],
                monthly=api_monthly(priced),
                cost_per_1k=effective_api_cost_per_1k(priced),
                self_hosting_cheaper_above=sustained_breakeven_inferences(priced),
            )
        )
    ranks.sort(key=lambda rank: (rank.monthly, rank.id))
    return ranks


def cheapest(rows: list[Option]) -> Option | None:
    """Return the recommended option: the least cost per 1,000 successful answers among
    those that miss nothing (None when every option misses a constraint)."""
    fit = [row for row in rows if not row.misses and row.cost_per_1k_success is not None]
    if not fit:
        return None
    return min(fit, key=lambda row: row.cost_per_1k_success or math.inf)

"""The verdict: the recommended option, why, and the thresholds at which it would change;
and the qualitative factors, weighted by the reader.

**Recommendation.** The option with the least cost per 1,000 successful answers (failures
included) among those that meet the quality floor and the latency target
(:func:`pycore.options.cheapest`).

**Thresholds** between the general-purpose API and self-hosting, reverse-solved exactly at
the scenario's volume ``V``, per successful answer (with equal success rates and no failure
cost they are the plain bills' thresholds). With ``C_x`` an option's cost per successful
answer, ``s_x`` its success rate and ``F`` the failure cost:

- ``breakeven_api_cost_per_1k`` (USD per 1,000 requests): the API price at which
  ``C_api = C_self``: ``1000 x (C_self x s_api - (1 - s_api) x F)``;
- ``breakeven_gpu_hourly`` (USD per GPU-hour): the GPU price at which ``C_self = C_api``,
  the fleet unchanged: ``(C_api x V x s_self - V (1 - s_self) F - ops) / (billed hours x
  GPUs per replica)``; None with fixed hosting or when even free GPUs lose;
- the volume above which self-hosting is cheaper per successful answer for good: the
  sustained break-even against the API's effective price per request
  ``(p + (1 - s_api) F) s_self / s_api - (1 - s_self) F``.

**Factors.** Each factor of content/factors.yaml scores both options from 1 to 5; the reader
weighs them (``weight_<factor>``, 0 to 5). "Cost at scale" is scored from the scenario: the
cheaper option per successful answer gets 5, the other ``1 + 4 x cheaper / dearer``. Each
option's weighted score is ``sum(weight x score) / sum(weight)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from pycore.billing import effective_api_cost_per_1k
from pycore.breakeven import sustained_breakeven_inferences
from pycore.catalog import FACTORS, MANAGED
from pycore.costs import api_monthly, finetuned_monthly
from pycore.formatting import context_too_long, format_ms, format_requests, format_usd
from pycore.options import Option
from pycore.quality import cost_per_1k_success
from pycore.replica import serving_profile
from pycore.scenario import Scenario
from pycore.serving import COLD_START_S, fleet

__all__ = [
    "COST_FACTOR",
    "FactorScore",
    "Thresholds",
    "factor_scores",
    "thresholds",
    "verdict_text",
    "weighted_scores",
]

#: The factor scored from the scenario rather than from content.
COST_FACTOR = "cost-at-scale"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where the API and self-hosting trade places, per successful answer, at the scenario's
    volume: ``api_cost_per_1k`` (USD per 1,000 requests), ``gpu_hourly`` (USD per GPU-hour,
    None with fixed hosting or when free GPUs would lose) and ``volume`` (requests a month,
    None when self-hosting never stays cheaper below 10^12); ``api_cost_per_1k`` is None when
    no positive API price ties (the API's failures alone cost more)."""

    api_cost_per_1k: float | None
    gpu_hourly: float | None
    volume: float | None


def _per_success(scenario: Scenario) -> tuple[float | None, float | None]:
    """USD per successful answer of the API and of self-hosting at the scenario's volume."""
    s = scenario
    volume = s.monthly_inferences
    api = cost_per_1k_success(api_monthly(s), volume, s.api_success_rate, s.failure_cost)
    mine = cost_per_1k_success(
        finetuned_monthly(s), volume, s.finetuned_success_rate, s.failure_cost
    )
    return (None if api is None else api / 1000), (None if mine is None else mine / 1000)


def thresholds(scenario: Scenario) -> Thresholds:
    """Reverse-solve the API price, the GPU price and the volume of the module docstring."""
    s = scenario
    volume = s.monthly_inferences
    api, mine = _per_success(s)
    api_price = (
        None
        if mine is None
        else 1000 * (mine * s.api_success_rate - (1 - s.api_success_rate) * s.failure_cost)
    )
    gpu: float | None = None
    if s.capacity_hosting and api is not None and volume > 0:
        hours = fleet(s).billed_hours * s.gpus_per_replica
        needed = (
            api * volume * s.finetuned_success_rate
            - volume * (1 - s.finetuned_success_rate) * s.failure_cost
        )
        if hours > 0 and needed - s.ops_monthly > 0:
            gpu = (needed - s.ops_monthly) / hours
    price = effective_api_cost_per_1k(s) / 1000
    effective = (price + (1 - s.api_success_rate) * s.failure_cost) * (
        s.finetuned_success_rate / s.api_success_rate if s.api_success_rate > 0 else 0.0
    ) - (1 - s.finetuned_success_rate) * s.failure_cost
    adjusted = replace(s, input_price_per_mtok=None, api_cost_per_1k=max(0.0, effective) * 1000)
    return Thresholds(
        api_cost_per_1k=None if api_price is None or api_price <= 0 else api_price,
        gpu_hourly=gpu,
        volume=sustained_breakeven_inferences(adjusted) if effective > 0 else None,
    )


@dataclass(frozen=True, slots=True)
class FactorScore:
    """One qualitative factor: the reader's ``weight`` (0 to 5) and both options' scores
    (1 to 5); ``from_scenario`` when the score comes from the numbers, not from content."""

    id: str
    name: str
    weight: float
    api: float
    finetuned: float
    from_scenario: bool


def factor_scores(scenario: Scenario, weights: Mapping[str, float]) -> list[FactorScore]:
    """Return each factor's weight and both scores (the cost factor from the scenario).

    ``weights`` maps factor id to the reader's weight (missing: 1).
    """
    api, mine = _per_success(scenario)
    rows = []
    for factor in FACTORS:
        scores = (float(factor["api"]), float(factor["finetuned"]))
        derived = factor["id"] == COST_FACTOR and bool(api) and bool(mine)
        if derived and api is not None and mine is not None:
            cheaper = min(api, mine)
            scores = (1 + 4 * cheaper / api, 1 + 4 * cheaper / mine)
        rows.append(
            FactorScore(
                id=str(factor["id"]),
                name=str(factor["name"]),
                weight=weights.get(str(factor["id"]), 1.0),
                api=scores[0],
                finetuned=scores[1],
                from_scenario=derived,
            )
        )
    return rows


def weighted_scores(rows: list[FactorScore]) -> tuple[float | None, float | None]:
    """Return each option's weighted score, 1 to 5 (None when every weight is 0)."""
    total = sum(row.weight for row in rows)
    if total <= 0:
        return None, None
    api = sum(row.weight * row.api for row in rows) / total
    mine = sum(row.weight * row.finetuned for row in rows) / total
    return api, mine


def verdict_text(
    scenario: Scenario, chosen: Option | None, rows: list[Option], limits: Thresholds
) -> str:
    """Say which option to choose, why, and what would change it (a few sentences)."""
    s = scenario
    volume = format_requests(s.monthly_inferences)
    by_id = {row.id: row for row in rows}
    if chosen is None:
        return (
            f"No option meets both the {s.min_success_rate:.0%} quality floor and the "
            f"{format_ms(s.latency_slo_ms)} latency target at {volume} requests a month: "
            "lower one of them, or improve the fine-tuned model."
        )
    runner = min(
        (row for row in rows if row is not chosen and not row.misses and row.cost_per_1k_success),
        key=lambda row: row.cost_per_1k_success or 0.0,
        default=None,
    )
    head = _headline(chosen, runner, volume)
    passed = _ruled_out(s, chosen, rows)
    return " ".join(part for part in (head, passed, _changes(s, by_id, limits)) if part)


def _ruled_out(scenario: Scenario, chosen: Option, rows: list[Option]) -> str:
    """Say why the cheapest option that costs less than the chosen one per successful answer
    is not recommended ("" when none does)."""
    cheaper = [
        row
        for row in rows
        if row.misses
        and "not comparable" not in row.misses
        and row.cost_per_1k_success is not None
        and chosen.cost_per_1k_success is not None
        and row.cost_per_1k_success < chosen.cost_per_1k_success
    ]
    if not cheaper:
        return ""
    row = min(cheaper, key=lambda option: option.cost_per_1k_success or 0.0)
    gap = chosen.monthly_with_failures - row.monthly_with_failures
    saving = (
        f"would cost {format_usd(gap)} a month less"
        if gap > 0
        else "would cost less per successful answer"
    )
    reasons = " and ".join(_why_not(scenario, row, miss) for miss in row.misses)
    name = _SHORT[row.id]
    return f"{name[0].upper()}{name[1:]} {saving}, but {reasons}."


def _why_not(scenario: Scenario, row: Option, miss: str) -> str:
    """One reason an option is not recommended, in words."""
    s = scenario
    target = format_ms(s.latency_slo_ms)
    if miss == "quality":
        return (
            f"it answers {row.success_rate:.0%} of requests acceptably, under the "
            f"{s.min_success_rate:.0%} floor"
        )
    if miss == "fit":
        return "a request does not fit the GPU's KV cache"
    if miss == "retired":
        return f"its provider stops serving it on {MANAGED['stops_serving']}, within the horizon"
    at_volume = fleet(s) if s.capacity_hosting and row.id in ("self_hosted", "hybrid") else None
    if miss == "itl" and at_volume is not None and at_volume.p50_itl_s is not None:
        return (
            f"its tokens follow every {format_ms(at_volume.p50_itl_s * 1000)} (median), over "
            f"the {format_ms(s.itl_slo_ms)} target: one request's decode step alone takes "
            f"{format_ms(s.min_decode_step_ms)} on this GPU"
        )
    if at_volume is not None and at_volume.cold_share > 0.05:
        return (
            f"it misses the {target} latency target: scaled to zero, "
            f"{at_volume.cold_share:.0%} of requests find no replica running and wait about "
            f"{format_ms(COLD_START_S * 1000)} for one to start"
        )
    return f"its p95 time to first token, {format_ms(row.p95_ms)}, is over the {target} target"


def _headline(chosen: Option, runner: Option | None, volume: str) -> str:
    """The recommendation and its deciding reason."""
    names = {
        "api": "Stay on the API",
        "small_api": "Use the small-tier API",
        "managed": "Fine-tune and let a provider serve it",
        "self_hosted": "Fine-tune and self-host",
        "hybrid": "Route between the fine-tuned model and the API",
    }
    cost = format_usd(chosen.cost_per_1k_success)
    text = (
        f"{names[chosen.id]}: at {volume} requests a month it costs {cost} per 1,000 "
        "successful answers"
    )
    if runner is not None:
        gap = runner.monthly_with_failures - chosen.monthly_with_failures
        word = "less" if gap >= 0 else "more"
        text += f", {format_usd(abs(gap))} a month {word} than {_SHORT[runner.id]}"
    return text + "."


#: How the verdict names an option in passing.
_SHORT = {
    "api": "the API",
    "small_api": "the small-tier API",
    "managed": "a fine-tune served by a provider",
    "self_hosted": "self-hosting",
    "hybrid": "hybrid routing",
}


def _changes(scenario: Scenario, by_id: Mapping[str, Option], limits: Thresholds) -> str:
    """What would tip the choice between the API and self-hosting."""
    s = scenario
    api, mine = by_id["api"], by_id["self_hosted"]
    if "fit" in mine.misses:
        profile = serving_profile(s)
        return (
            "Self-hosting on this GPU is not possible: "
            f"{context_too_long(profile.context, s.kv_cache_tokens)}."
        )
    self_cheaper = (mine.cost_per_1k_success or 0.0) <= (api.cost_per_1k_success or 0.0)
    if self_cheaper and mine.misses:
        return ""  # cheaper but ruled out: the sentence before says why
    prices = []
    if limits.gpu_hourly is not None:
        word = "over" if self_cheaper else "under"
        prices.append(f"if GPUs cost {word} {format_usd(limits.gpu_hourly)} an hour")
    if limits.api_cost_per_1k is not None:
        word = "under" if self_cheaper else "over"
        prices.append(
            f"if the API cost {word} {format_usd(limits.api_cost_per_1k)} per 1,000 requests"
        )
    text = ""
    if self_cheaper:
        if prices:
            text = f"The API would win {' or '.join(prices)}."
        if limits.volume:
            where = format_requests(limits.volume)
            if s.monthly_inferences >= limits.volume:
                text += (
                    f" Self-hosting stays cheaper at every volume above {where} requests a month."
                )
            else:
                text += f" Self-hosting is cheaper for good only above {where} requests a month."
        return text.strip()
    reasons = (
        [f"above {format_requests(limits.volume)} requests a month"] if limits.volume else []
    ) + prices
    if not reasons:
        return "Self-hosting does not win at any volume below 10^12 requests a month."
    joined = ", ".join(reasons[:-1]) + (" or " if len(reasons) > 1 else "") + reasons[-1]
    if mine.misses:  # cheaper or not, it is ruled out: say why
        why = " and ".join(_why_not(s, mine, miss) for miss in mine.misses)
        return f"Self-hosting would cost less {joined}, but it is ruled out: {why}."
    return f"Self-hosting would win {joined}."

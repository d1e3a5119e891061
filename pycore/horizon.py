"""Costs over the horizon, month by month: total cost of ownership, payback and NPV.

Month ``m`` (1 to ``horizon_months``) serves ``monthly_inferences * (1 + monthly_growth) **
(m - 1)`` requests, held at :data:`VOLUME_LIMIT` (10^12 a month) once growth reaches it.
Prices move over time: the API's month-``m`` bill is multiplied by
``(1 - api_price_decline) ** ((m - 1) / 12)`` and the GPUs' (hosting) by
``(1 - gpu_price_decline) ** ((m - 1) / 12)`` (yearly declines, applied monthly). Every
``retrain_every_months`` months (0: never) the fine-tuned model is retrained at
``retrain_cost``.

Each option's cumulative cost is summed exactly (``math.fsum``); the fine-tuned model starts
at its upfront cost. ``payback_months`` is the month from which fine-tuning stays ahead (its
cumulative cost no more than the API's) to the end of the horizon; None when it is behind
at the end. When it leads for a while and then falls behind, ``lead`` says from which month
to which. ``npv`` is the net present value of choosing fine-tuning over the API, in USD:
``-upfront + sum_m (api_m - finetuned_m) / (1 + discount_rate) ** (m / 12)``, each month's
difference counted at the month's end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pycore.costs import api_monthly, hosting_costs, upfront_cost
from pycore.scenario import Scenario

__all__ = ["VOLUME_LIMIT", "Horizon", "horizon", "month_terms"]

#: The largest monthly volume the model computes with (requests per month).
VOLUME_LIMIT = 1e12


@dataclass(frozen=True, slots=True)
class Horizon:
    """Costs over the horizon, month by month.

    ``volumes`` has one entry per month 1..H (requests per month). ``cumulative_api`` and
    ``cumulative_finetuned`` have H + 1 entries, month 0 to H, in USD: month 0 is 0 for
    the API and ``upfront_cost`` for the fine-tuned model. ``payback_months``: the month
    from which fine-tuning stays ahead to month H (None when behind at H). ``lead``: the
    first and last month of a lead that does not last to month H (None when there is
    none). ``capped_month``: the first month whose volume was held at
    :data:`VOLUME_LIMIT` (None when none was). ``npv``: USD today of choosing fine-tuning.
    """

    volumes: tuple[float, ...]
    cumulative_api: tuple[float, ...]
    cumulative_finetuned: tuple[float, ...]
    tco_api: float
    tco_finetuned: float
    payback_months: int | None
    lead: tuple[int, int] | None
    capped_month: int | None
    npv: float


def month_terms(scenario: Scenario, month: int) -> tuple[float, float, float]:
    """Return month ``month``'s (API price factor, GPU price factor, retraining USD)."""
    s = scenario
    years = (month - 1) / 12
    retrain = (
        s.retrain_cost
        if s.retrain_every_months > 0 and month % int(s.retrain_every_months) == 0
        else 0.0
    )
    return (1 - s.api_price_decline) ** years, (1 - s.gpu_price_decline) ** years, retrain


def _running(costs: list[float], start: float) -> tuple[float, ...]:
    """Cumulative sums, each exact: ``start``, start + c1, start + c1 + c2, ..."""
    return tuple(math.fsum([start, *costs[:month]]) for month in range(len(costs) + 1))


def horizon(scenario: Scenario) -> Horizon:
    """Sum both options month by month over ``horizon_months``; see :class:`Horizon`."""
    s = scenario
    months = int(s.horizon_months)
    growth = 1 + s.monthly_growth
    raw = [s.monthly_inferences * growth**m for m in range(months)]
    capped = next((m + 1 for m, volume in enumerate(raw) if volume > VOLUME_LIMIT), None)
    volumes = tuple(min(volume, VOLUME_LIMIT) for volume in raw)
    api_costs: list[float] = []
    finetuned_costs: list[float] = []
    hosting = hosting_costs(s, volumes)
    for month, volume in enumerate(volumes, start=1):
        api_factor, gpu_factor, retrain = month_terms(s, month)
        api_costs.append(api_monthly(s, volume) * api_factor)
        finetuned_costs.append(math.fsum((hosting[month - 1] * gpu_factor, s.ops_monthly, retrain)))
    upfront = upfront_cost(s)
    api = _running(api_costs, 0.0)
    finetuned = _running(finetuned_costs, upfront)
    ahead = [finetuned[m] <= api[m] for m in range(months + 1)]
    payback: int | None = None
    if ahead[months]:
        payback = months
        while payback > 1 and ahead[payback - 1]:
            payback -= 1
    lead: tuple[int, int] | None = None
    first = next((m for m in range(1, months + 1) if ahead[m]), None)
    if first is not None and first != payback:
        last = first
        while ahead[last + 1]:
            last += 1
        lead = (first, last)
    discount = 1 + s.discount_rate
    npv = math.fsum(
        [-upfront]
        + [
            (api_cost - finetuned_cost) / discount ** (month / 12)
            for month, (api_cost, finetuned_cost) in enumerate(
                zip(api_costs, finetuned_costs, strict=True), start=1
            )
        ]
    )
    return Horizon(
        volumes=volumes,
        cumulative_api=api,
        cumulative_finetuned=finetuned,
        tco_api=api[-1],
        tco_finetuned=finetuned[-1],
        payback_months=payback,
        lead=lead,
        capped_month=capped,
        npv=npv,
    )

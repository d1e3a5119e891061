"""The cost model: what each option costs per month, up front and over a horizon.

Units: money in USD, volumes in requests per month, tokens per request, time in months.
``HOURS_PER_MONTH = 730`` (8,760 hours a year / 12).

API price per 1,000 requests (``effective_api_cost_per_1k``):

- per request (default): ``api_cost_per_1k``;
- from tokens, when ``input_price_per_mtok`` is given::

    1000 * [avg_input_tokens * ((1 - cached_input_share) * input_price_per_mtok
                                + cached_input_share * cached_input_price_per_mtok)
            + avg_output_tokens * output_price_per_mtok] / 1,000,000 * (1 - batch_discount)

Hosting of the fine-tuned model (USD per month):

- fixed (default): ``hosting_monthly``;
- from GPU capacity, when ``gpu_hourly`` is given::

    replicas = max(min_replicas, ceil(V * avg_output_tokens / (730 * 3600) * peak_to_average
                                      / (replica_throughput_tps * target_utilization)))
    hosting  = replicas * gpus_per_replica * gpu_hourly * 730

Monthly costs at volume V: ``api_monthly = V * effective_api_cost_per_1k / 1000``;
``finetuned_monthly = hosting + ops_monthly``; ``monthly_savings = api - finetuned``.

Upfront: ``training_examples * labeling_cost_per_example
+ training_gpu_hours * training_gpu_hourly + engineering_upfront``.

Horizon: month m (1..horizon_months) serves ``V * (1 + monthly_growth) ** (m - 1)``
requests; ``tco_api`` and ``tco_finetuned`` (upfront included) sum the months, and
``payback_months`` is the first month whose cumulative fine-tuned cost is no more than
the cumulative API cost.

With the seed's defaults ($3,000 hosting, $2.00 per 1,000 requests) the break-even is
1,500,000 requests a month, and at 10,000,000 requests the API costs $20,000 against $3,000.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

__all__ = [
    "BREAKEVEN_LIMIT",
    "HOURS_PER_MONTH",
    "CostCurve",
    "Horizon",
    "Scenario",
    "api_monthly",
    "breakeven_inferences",
    "cost_curve",
    "curve_range",
    "effective_api_cost_per_1k",
    "finetuned_monthly",
    "horizon",
    "hosting_cost",
    "log_volumes",
    "monthly_savings",
    "no_breakeven_reason",
    "replica_capacity",
    "replicas",
    "upfront_cost",
]

#: Hours in an average month: 8,760 a year / 12.
HOURS_PER_MONTH = 730
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600
#: No break-even is reported at or beyond this volume (requests per month).
BREAKEVEN_LIMIT = 1e12
#: The chart's default volume range, requests per month (10 thousand to 1 billion).
CURVE_MIN = 1e4
CURVE_MAX = 1e9


@dataclass(frozen=True, slots=True)
class Scenario:
    """One set of model inputs; see :data:`pycore.PARAMETERS` for units and defaults.

    Only the seed's three inputs are required; the rest default to the seed's behaviour
    (per-request API price, fixed hosting, nothing upfront beyond the defaults shown).
    ``input_price_per_mtok`` switches on token pricing and ``gpu_hourly`` capacity-based
    hosting. Build one from untrusted input with :func:`pycore.scenario_from` after
    :func:`pycore.validate_parameters` or :func:`pycore.clamp_parameters`.
    """

    monthly_inferences: float
    api_cost_per_1k: float
    hosting_monthly: float
    input_price_per_mtok: float | None = None
    cached_input_price_per_mtok: float = 0.125
    output_price_per_mtok: float = 5.0
    avg_input_tokens: float = 800
    avg_output_tokens: float = 200
    cached_input_share: float = 0.0
    batch_discount: float = 0.0
    gpu_hourly: float | None = None
    gpus_per_replica: float = 1
    replica_throughput_tps: float = 2000
    target_utilization: float = 0.6
    peak_to_average: float = 2.0
    min_replicas: float = 1
    ops_monthly: float = 0.0
    training_examples: float = 1000
    labeling_cost_per_example: float = 2.0
    training_gpu_hours: float = 8
    training_gpu_hourly: float = 3.0
    engineering_upfront: float = 20_000
    horizon_months: float = 12
    monthly_growth: float = 0.0

    @property
    def token_pricing(self) -> bool:
        """True when the API is priced from tokens (``input_price_per_mtok`` given)."""
        return self.input_price_per_mtok is not None

    @property
    def capacity_hosting(self) -> bool:
        """True when hosting is sized from GPU capacity (``gpu_hourly`` given)."""
        return self.gpu_hourly is not None


def scenario_fields() -> tuple[str, ...]:
    """Return the names of :class:`Scenario`'s fields, in order."""
    return tuple(f.name for f in fields(Scenario))


@dataclass(frozen=True, slots=True)
class CostCurve:
    """Both monthly costs sampled over volume, for the chart.

    Three equal-length tuples: ``volumes`` (requests per month, log-spaced, ascending),
    ``api_monthly`` and ``finetuned_monthly`` (USD per month at each volume).
    """

    volumes: tuple[float, ...]
    api_monthly: tuple[float, ...]
    finetuned_monthly: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Horizon:
    """Costs over the horizon, month by month.

    ``volumes`` has one entry per month 1..H (requests per month). ``cumulative_api``
    and ``cumulative_finetuned`` have H + 1 entries, month 0 to H, in USD: month 0 is
    0 for the API and ``upfront_cost`` for the fine-tuned model. ``payback_months`` is
    None when the fine-tuned model does not pay back within the horizon.
    """

    volumes: tuple[float, ...]
    cumulative_api: tuple[float, ...]
    cumulative_finetuned: tuple[float, ...]
    tco_api: float
    tco_finetuned: float
    payback_months: int | None


def effective_api_cost_per_1k(scenario: Scenario) -> float:
    """Return the API's price in USD per 1,000 requests (see the module formulas)."""
    s = scenario
    if s.input_price_per_mtok is None:
        return s.api_cost_per_1k
    input_price = (1 - s.cached_input_share) * s.input_price_per_mtok + (
        s.cached_input_share * s.cached_input_price_per_mtok
    )
    per_request = s.avg_input_tokens * input_price + s.avg_output_tokens * s.output_price_per_mtok
    return 1000 * per_request / 1_000_000 * (1 - s.batch_discount)


def api_monthly(scenario: Scenario, volume: float | None = None) -> float:
    """Return the API's cost in USD per month at ``volume`` (default: the scenario's)."""
    requests = scenario.monthly_inferences if volume is None else volume
    return requests * effective_api_cost_per_1k(scenario) / 1000


def replica_capacity(scenario: Scenario) -> float:
    """Return the monthly volume one replica serves at target utilization (requests).

    ``replica_throughput_tps * target_utilization * 730 * 3600
    / (avg_output_tokens * peak_to_average)``; infinite when requests produce no
    output tokens.
    """
    s = scenario
    if s.avg_output_tokens == 0:
        return math.inf
    served_tokens = s.replica_throughput_tps * s.target_utilization * SECONDS_PER_MONTH
    return served_tokens / (s.avg_output_tokens * s.peak_to_average)


def replicas(scenario: Scenario, volume: float | None = None) -> int | None:
    """Return the replicas needed at ``volume`` (None with fixed hosting).

    ``max(min_replicas, ceil(volume / replica_capacity))``, the formula in the module
    docstring rearranged.
    """
    if not scenario.capacity_hosting:
        return None
    requests = scenario.monthly_inferences if volume is None else volume
    needed = requests / replica_capacity(scenario)
    return max(int(scenario.min_replicas), _ceil(needed))


def _ceil(value: float) -> int:
    """Ceil that ignores float noise just above an integer (3.0000000000000004 -> 3)."""
    nearest = round(value)
    return nearest if abs(value - nearest) <= 1e-9 * abs(value) else math.ceil(value)


def _replica_monthly(scenario: Scenario) -> float:
    """Return one replica's cost in USD per month: GPUs x hourly price x 730."""
    return scenario.gpus_per_replica * (scenario.gpu_hourly or 0.0) * HOURS_PER_MONTH


def hosting_cost(scenario: Scenario, volume: float | None = None) -> float:
    """Return hosting in USD per month at ``volume``: fixed, or replicas x replica cost."""
    count = replicas(scenario, volume)
    if count is None:
        return scenario.hosting_monthly
    return count * _replica_monthly(scenario)


def finetuned_monthly(scenario: Scenario, volume: float | None = None) -> float:
    """Return the fine-tuned model's cost in USD per month: hosting plus operations."""
    return hosting_cost(scenario, volume) + scenario.ops_monthly


def monthly_savings(scenario: Scenario, volume: float | None = None) -> float:
    """Return API minus fine-tuned cost in USD per month (negative: the API is cheaper)."""
    return api_monthly(scenario, volume) - finetuned_monthly(scenario, volume)


def upfront_cost(scenario: Scenario) -> float:
    """Return the one-off cost of fine-tuning in USD: labelling, training and engineering."""
    s = scenario
    return (
        s.training_examples * s.labeling_cost_per_example
        + s.training_gpu_hours * s.training_gpu_hourly
        + s.engineering_upfront
    )


def breakeven_inferences(scenario: Scenario) -> float | None:
    """Return the smallest monthly volume (requests) at which fine-tuned <= API cost.

    Volumes are positive: serving any traffic at all needs at least one replica.
    Fixed hosting: ``(hosting_monthly + ops_monthly) * 1000 / effective_api_cost_per_1k``.
    Capacity hosting is a step function of volume, solved exactly step by step: with
    ``r`` replicas covering volumes up to ``r * capacity``, the candidate for step ``r``
    is ``(r * replica_cost + ops) * 1000 / price``, valid when it is within the step.
    Returns ``0.0`` when the fine-tuned model costs nothing at any volume, and None
    when there is no break-even below :data:`BREAKEVEN_LIMIT`; see
    :func:`no_breakeven_reason` for why.
    """
    per_request = effective_api_cost_per_1k(scenario) / 1000
    if not scenario.capacity_hosting:
        fixed = finetuned_monthly(scenario)
        if fixed == 0:
            return 0.0
        found = fixed / per_request if per_request > 0 else None
    else:
        found = _capacity_breakeven(scenario, per_request)
    return found if found is not None and found < BREAKEVEN_LIMIT else None


def no_breakeven_reason(scenario: Scenario) -> str:
    """Say why :func:`breakeven_inferences` found none: "free_api", "replica_costs_more"
    (a full replica costs more than the API charges for its traffic) or "beyond_limit"."""
    if effective_api_cost_per_1k(scenario) / 1000 <= 0:
        return "free_api"
    if scenario.capacity_hosting:
        full_load_api = replica_capacity(scenario) * effective_api_cost_per_1k(scenario) / 1000
        if full_load_api <= _replica_monthly(scenario):
            return "replica_costs_more"
    return "beyond_limit"


def _capacity_breakeven(scenario: Scenario, per_request: float) -> float | None:
    """Solve the break-even over capacity steps; ``per_request`` is USD per request.

    Step ``r`` (r >= min_replicas) covers volumes up to ``r * capacity`` at a cost of
    ``F(r) = r * replica_cost + ops``; its break-even candidate ``F(r) / per_request``
    is the answer for the first ``r`` where it fits in the step, i.e. where
    ``F(r) <= r * capacity * per_request``. That inequality is linear in ``r``, so the
    first such ``r`` follows from one division, then is checked against its neighbours.
    """
    capacity = replica_capacity(scenario)
    replica_cost = _replica_monthly(scenario)
    ops = scenario.ops_monthly
    if math.isinf(capacity):
        # Requests without output tokens need no more than the minimum fleet.
        flat = int(scenario.min_replicas) * replica_cost + ops
        if flat == 0:
            return 0.0
        return flat / per_request if per_request > 0 else None
    if per_request <= 0:
        return None
    # Any positive volume needs a replica, even when min_replicas is 0 (scale to zero).
    first = max(int(scenario.min_replicas), 1)

    def fits(r: int) -> bool:
        return r * replica_cost + ops <= r * capacity * per_request * (1 + 1e-12)

    margin = capacity * per_request - replica_cost  # net gain of one more full replica
    if fits(first):
        r = first
    elif margin <= 0:
        return None
    else:
        estimate = max(first, math.ceil(ops / margin))
        if estimate * capacity > BREAKEVEN_LIMIT * 10:
            return None
        r = estimate
        while r > first and fits(r - 1):
            r -= 1
        while not fits(r):
            r += 1
    return (r * replica_cost + ops) / per_request


def horizon(scenario: Scenario) -> Horizon:
    """Sum both options month by month over ``horizon_months``; see :class:`Horizon`."""
    months = int(scenario.horizon_months)
    growth = 1 + scenario.monthly_growth
    volumes = tuple(scenario.monthly_inferences * growth**m for m in range(months))
    upfront = upfront_cost(scenario)
    cumulative_api = [0.0]
    cumulative_finetuned = [upfront]
    payback: int | None = None
    for month, volume in enumerate(volumes, start=1):
        cumulative_api.append(cumulative_api[-1] + api_monthly(scenario, volume))
        cumulative_finetuned.append(cumulative_finetuned[-1] + finetuned_monthly(scenario, volume))
        if payback is None and cumulative_finetuned[-1] <= cumulative_api[-1]:
            payback = month
    return Horizon(
        volumes=volumes,
        cumulative_api=tuple(cumulative_api),
        cumulative_finetuned=tuple(cumulative_finetuned),
        tco_api=cumulative_api[-1],
        tco_finetuned=cumulative_finetuned[-1],
        payback_months=payback,
    )


def log_volumes(low: float, high: float, per_decade: int = 24) -> tuple[float, ...]:
    """Return volumes from ``low`` to ``high`` (requests per month), evenly spaced in log10.

    ``per_decade`` points per factor of ten, both ends included. Raises ``ValueError``
    unless ``0 < low < high``.
    """
    if not 0 < low < high:
        raise ValueError(f"log_volumes: expected 0 < low < high, got {low!r}, {high!r}")
    start, stop = math.log10(low), math.log10(high)
    count = max(2, math.ceil((stop - start) * per_decade) + 1)
    step = (stop - start) / (count - 1)
    return tuple(10 ** (start + i * step) for i in range(count))


def curve_range(scenario: Scenario) -> tuple[float, float]:
    """Return the chart's volume range: 10^4 to 10^9, widened to show the scenario.

    The range grows by a factor of ten around the scenario's volume and break-even
    when they fall outside it, within 1 to 10^12 requests per month.
    """
    marks = [scenario.monthly_inferences]
    breakeven = breakeven_inferences(scenario)
    if breakeven:
        marks.append(breakeven)
    positive = [mark for mark in marks if mark > 0]
    low = min([CURVE_MIN, *(mark / 10 for mark in positive)])
    high = max([CURVE_MAX, *(mark * 10 for mark in positive)])
    low = 10 ** math.floor(math.log10(max(low, 1.0)))
    high = 10 ** math.ceil(math.log10(min(high, BREAKEVEN_LIMIT)))
    return low, high


def cost_curve(scenario: Scenario) -> CostCurve:
    """Sample both monthly costs over :func:`curve_range` for the chart."""
    volumes = log_volumes(*curve_range(scenario))
    return CostCurve(
        volumes=volumes,
        api_monthly=tuple(api_monthly(scenario, v) for v in volumes),
        finetuned_monthly=tuple(finetuned_monthly(scenario, v) for v in volumes),
    )


def with_value(scenario: Scenario, name: str, value: float) -> Scenario:
    """Return a copy of ``scenario`` with one input changed (for sensitivity)."""
    changed: Scenario = replace(scenario, **{name: value})
    return changed

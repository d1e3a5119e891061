"""Uncertainty: the odds that fine-tuning pays off, from ranges on the main inputs.

An input of :data:`pycore.parameters.UNCERTAIN` given a range ``<name>_low`` to
``<name>_high`` is read as its 10th and 90th percentiles: log-normal for volumes, prices and
speeds (median ``sqrt(low * high)``), normal for shares and growth (mean ``(low + high) / 2``),
clipped to the input's bounds. The middle value the scenario gives is not used for a ranged
input; inputs without a range keep their value.

A Monte Carlo of :data:`DRAWS` draws, stratified (Latin hypercube: each input's draws take one
value in each of ``DRAWS`` equal-probability slices, in an order shuffled per input), seeded
from the scenario itself (the same scenario gives the same draws), computes in each draw:

- month-one savings, API minus fine-tuned (USD);
- TCO savings over the horizon, API minus fine-tuned with its upfront cost (USD), with the
  horizon's own terms (growth, price declines, retraining, the volume cap);

and gives ``savings_probability`` (month-one savings above 0), ``payback_probability``
(fine-tuning pays back within the horizon, that is it is ahead at its end: TCO savings of 0
or more), the 10th, 50th and 90th percentiles of TCO savings, and their histogram.

Each draw prices the fleet from the replica steps of the scenario's own serving profile (the
volumes at which each added replica is full, :func:`pycore.serving.max_volume`), so that
10,000 draws take a fraction of a second; a draw whose GPU speeds differ scales those volumes
by its speed over the scenario's (an approximation for speed ranges only). A test checks each
draw's TCO against :func:`pycore.horizon.horizon` for the same inputs.

The simulation runs in slices (:meth:`Simulation.run`), so that the page's worker can answer
an input between two slices and drop a simulation that input made stale.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, replace
from statistics import NormalDist

from pycore.billing import effective_api_cost_per_1k
from pycore.costs import upfront_cost
from pycore.horizon import VOLUME_LIMIT, month_terms
from pycore.inputs import parameter_spec
from pycore.parameters import UNCERTAIN
from pycore.replica import request_s_at_speeds, serving_profile
from pycore.scenario import HOURS_PER_MONTH, SECONDS_PER_MONTH, Scenario
from pycore.serving import max_volume, scaled_to_zero_seconds_at

__all__ = ["DRAWS", "Outcome", "Simulation", "ranged_inputs"]

#: Draws of the Monte Carlo.
DRAWS = 10_000
#: z of the 90th percentile: a range from P10 to P90 spans 2 x 1.2816 standard deviations.
_Z90 = NormalDist().inv_cdf(0.9)
_BINS = 20
#: The ranged inputs that change the replica's speed.
_SPEEDS = ("prefill_tps", "decode_tps", "replica_throughput_tps")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the simulation found: ``savings_probability`` and ``payback_probability`` (0 to
    1); ``tco_savings_p10``, ``p50`` and ``p90`` (USD over the horizon); ``histogram``: the
    edges (``bins + 1`` USD values) and counts of TCO savings between its 1st and 99th
    percentiles; ``draws`` made."""

    savings_probability: float
    payback_probability: float
    tco_savings_p10: float
    tco_savings_p50: float
    tco_savings_p90: float
    edges: tuple[float, ...]
    counts: tuple[int, ...]
    draws: int


def ranged_inputs(values: Mapping[str, object]) -> list[tuple[str, str, float, float]]:
    """Return (name, kind, low, high) for each input given both ends of a range."""
    ranged = []
    for name, kind in UNCERTAIN:
        low, high = values.get(f"{name}_low"), values.get(f"{name}_high")
        if isinstance(low, float | int) and isinstance(high, float | int) and low != high:
            ranged.append((name, kind, float(min(low, high)), float(max(low, high))))
    return ranged


_NORMAL = NormalDist()


def _quantile(kind: str, low: float, high: float, probability: float) -> float:
    """The value of an input at ``probability`` of its distribution (see the docstring)."""
    z = _NORMAL.inv_cdf(probability)
    if kind == "log" and low > 0:
        centre = (math.log(low) + math.log(high)) / 2
        spread = (math.log(high) - math.log(low)) / (2 * _Z90)
        # a range spanning hundreds of orders of magnitude (low = 5e-324) would overflow:
        # the draw is clamped to the input's bounds afterwards anyway
        return math.exp(min(centre + spread * z, 709.0))
    return (low + high) / 2 + (high - low) / (2 * _Z90) * z


class Simulation:
    """A seeded, stratified Monte Carlo over a scenario's ranges, run in slices.

    ``scenario`` holds the middle values; ``values`` the validated parameters (with the
    ranges). Raises ValueError when no input has a range. What does not depend on a ranged
    input (the month-by-month price factors, retraining, the upfront cost, the replica
    steps) is worked out once; each draw then walks the horizon's months.
    """

    def __init__(self, scenario: Scenario, values: Mapping[str, object]) -> None:
        s = scenario
        self.scenario = s
        self.ranged = ranged_inputs(values)
        if not self.ranged:
            raise ValueError("simulation: expected at least one input with a range, found none")
        seed = hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).digest()
        generator = random.Random(int.from_bytes(seed[:8], "big"))
        self._orders = []
        for _ in self.ranged:
            order = list(range(DRAWS))
            generator.shuffle(order)
            self._orders.append(order)
        self._jitter = generator
        self._specs = [parameter_spec(name) for name, _, _, _ in self.ranged]
        # per ranged input, all a draw needs: (name, kind, low, high, order, minimum, maximum)
        self._inputs = [
            (*ranged, order, spec.minimum, spec.maximum)
            for ranged, order, spec in zip(self.ranged, self._orders, self._specs, strict=True)
        ]
        months = range(1, int(s.horizon_months) + 1)
        terms = [month_terms(s, month) for month in months]
        self._api_factors = [api for api, _, _ in terms]
        self._gpu_factors = [gpu for _, gpu, _ in terms]
        factors = zip(self._api_factors, self._gpu_factors, strict=True)
        self._months = [(month, api, gpu) for month, (api, gpu) in enumerate(factors)]
        self._api_sum = math.fsum(self._api_factors)
        self._gpu_sum = math.fsum(self._gpu_factors)
        self._fixed = math.fsum([upfront_cost(s), *(retrain for _, _, retrain in terms)])
        self._price = effective_api_cost_per_1k(s) / 1000
        self._price_slopes = {
            name: effective_api_cost_per_1k(replace(s, **{name: getattr(s, name) + 1.0})) / 1000
            - self._price
            for name in ("input_price_per_mtok", "output_price_per_mtok")
            if s.token_pricing
        }
        self._profile = serving_profile(s) if s.capacity_hosting else None
        self._speeds = [name for name, _, _, _ in self.ranged if name in _SPEEDS]
        self._steps: list[float] = []
        self.month_one: list[float] = []
        self.tco: list[float] = []

    @property
    def done(self) -> bool:
        """True once every draw is made."""
        return len(self.tco) >= DRAWS

    def run(self, count: int) -> bool:
        """Make up to ``count`` more draws; return :attr:`done`."""
        for _ in range(min(count, DRAWS - len(self.tco))):
            self._draw(len(self.tco))
        return self.done

    def _draw(self, index: int) -> None:
        """Make draw ``index``: take each ranged input's value, then price both options."""
        drawn: dict[str, float] = {}
        jitter = self._jitter.random
        for name, kind, low, high, order, minimum, maximum in self._inputs:
            probability = (order[index] + jitter()) / DRAWS
            value = _quantile(kind, low, high, min(max(probability, 1e-12), 1 - 1e-12))
            drawn[name] = min(max(value, minimum), maximum)
        month_one, tco = self._savings(drawn)
        self.month_one.append(month_one)
        self.tco.append(tco)

    def _value(self, drawn: Mapping[str, float], name: str) -> float:
        """A ranged input's drawn value, else the scenario's."""
        value = drawn.get(name, getattr(self.scenario, name))
        return 0.0 if value is None else float(value)

    def _price_of(self, drawn: Mapping[str, float]) -> float:
        """The draw's API price per request: the bill is linear in each token price."""
        s = self.scenario
        if not s.token_pricing:
            return self._value(drawn, "api_cost_per_1k") / 1000
        return self._price + math.fsum(
            slope * (drawn[name] - getattr(s, name))
            for name, slope in self._price_slopes.items()
            if name in drawn
        )

    def _speed(self, drawn: Mapping[str, float]) -> tuple[float, float]:
        """How much faster the draw's replica is than the scenario's, and its seconds per
        request (0 with fixed hosting)."""
        profile = self._profile
        if profile is None:
            return 1.0, 0.0
        if not self._speeds:
            return 1.0, profile.request_s
        s = self.scenario
        request_s = request_s_at_speeds(
            s,
            profile,
            drawn.get("prefill_tps", s.prefill_tps),
            drawn.get("decode_tps", s.decode_tps),
            drawn.get("replica_throughput_tps", s.replica_throughput_tps),
        )
        return profile.request_s / max(request_s, 1e-300), request_s

    def _replicas(self, volume: float) -> int:
        """Replicas the scenario's fleet runs at ``volume``, from its replica steps."""
        s = self.scenario
        first = max(1, int(s.min_replicas))
        while not self._steps or self._steps[-1] < volume:
            self._steps.append(max_volume(s, first + len(self._steps)))
            if math.isinf(self._steps[-1]):
                break
        return first + bisect.bisect_left(self._steps, volume)

    def _savings(self, drawn: Mapping[str, float]) -> tuple[float, float]:
        """Month-one and horizon (TCO) savings of fine-tuning for one draw, USD."""
        s = self.scenario
        price = self._price_of(drawn)
        ops = self._value(drawn, "ops_monthly")
        reserved = 1 - s.reserved_share * s.reserved_discount
        growth = 1 + self._value(drawn, "monthly_growth")
        volume = self._value(drawn, "monthly_inferences")
        speed, request_s = self._speed(drawn)
        fixed = self._profile is None
        if fixed:
            unit = self._value(drawn, "hosting_monthly") * reserved
        else:
            unit = s.gpus_per_replica * self._value(drawn, "gpu_hourly") * HOURS_PER_MONTH
            unit *= reserved

        def replicas(current: float) -> float:
            """Replicas billed at ``current`` requests a month (a share when scaled to zero)."""
            if fixed:
                return 1.0
            if not current:
                return float(s.min_replicas)
            count = max(int(s.min_replicas), self._replicas(current / speed))
            if s.min_replicas == 0 and count <= 1:
                return scaled_to_zero_seconds_at(request_s, current) / SECONDS_PER_MONTH
            return float(count)

        months = len(self._api_factors)
        if growth == 1:  # flat volume: every month alike, only the prices move
            current = min(volume, VOLUME_LIMIT)
            first_host = replicas(current)
            api_total = current * self._api_sum
            host_total = first_host * self._gpu_sum
        elif fixed or not volume or s.min_replicas == 0:
            api_total = host_total = first_host = 0.0
            for month, (api_factor, gpu_factor) in enumerate(
                zip(self._api_factors, self._gpu_factors, strict=True)
            ):
                current = min(volume * growth**month, VOLUME_LIMIT)
                api_total += current * api_factor
                billed = replicas(current)
                host_total += billed * gpu_factor
                if month == 0:
                    first_host = billed
        else:
            api_total, host_total = self._growing(volume, growth, speed)
            first_host = replicas(min(volume, VOLUME_LIMIT))
        tco = price * api_total - unit * host_total - ops * months - self._fixed
        month_one = price * volume - unit * first_host - ops
        return month_one, tco

    def _growing(self, volume: float, growth: float, speed: float) -> tuple[float, float]:
        """The horizon's API requests and replica-months, each month weighted by its price
        factor, for a volume growing by ``growth`` a month on a fleet at least
        ``min_replicas`` (1 or more) strong: the same sums as the loop in :meth:`_savings`
        with its ``replicas()`` inlined, since this is the hot loop of 10,000 draws."""
        api_total = host_total = 0.0
        least = int(self.scenario.min_replicas)
        first = max(1, least)
        steps = self._steps
        if not steps:
            self._replicas(0.0)  # the first replica step
        for month, api_factor, gpu_factor in self._months:
            current = volume * growth**month
            if current > VOLUME_LIMIT:  # noqa: PLR1730 - min() costs a call in the hot loop
                current = VOLUME_LIMIT
            api_total += current * api_factor
            needed = current / speed
            if steps[-1] < needed:
                self._replicas(needed)  # adds the replica steps up to it
            count = first + bisect.bisect_left(steps, needed)
            host_total += (count if count > least else least) * gpu_factor
        return api_total, host_total

    def outcome(self) -> Outcome:
        """Sum up the draws made so far (at least one)."""
        draws = len(self.tco)
        ordered = sorted(self.tco)

        def percentile(share: float) -> float:
            return ordered[min(draws - 1, max(0, round(share * (draws - 1))))]

        low, high = percentile(0.01), percentile(0.99)
        width = (high - low) / _BINS if high > low else 1.0
        counts = [0] * _BINS
        for value in ordered:
            if low <= value <= high:
                counts[min(_BINS - 1, int((value - low) / width))] += 1
        return Outcome(
            savings_probability=sum(1 for value in self.month_one if value > 0) / draws,
            payback_probability=sum(1 for value in self.tco if value >= 0) / draws,
            tco_savings_p10=percentile(0.1),
            tco_savings_p50=percentile(0.5),
            tco_savings_p90=percentile(0.9),
            edges=tuple(low + width * i for i in range(_BINS + 1)),
            counts=tuple(counts),
            draws=draws,
        )

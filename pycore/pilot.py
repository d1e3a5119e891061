"""The pilot: the seed's parallel test, planned. How many answers it needs, how long it runs
at the pilot's share of traffic, what it costs, and what it cannot show.

**Sample size.** Both models answer the same requests, so the test is paired (McNemar's).
To detect a difference ``D`` (``quality_difference``) in success rate, one-sided at
``confidence`` with ``power``, when the models disagree on a share ``p_d``
(``discordant_share``) of the requests, the normal approximation needs::

    n = [z(confidence) * sqrt(p_d) + z(power) * sqrt(p_d - D^2)]^2 / D^2

pairs (Connor 1987; Fleiss, Statistical Methods for Rates and Proportions, 3rd ed., 2003,
ch. 13). An unpaired A/B test of the same difference, from the API's success rate ``p`` to
``p + D``, needs per arm::

    [z(confidence) * sqrt(2 p_bar (1 - p_bar)) + z(power) * sqrt(p (1 - p) + q (1 - q))]^2 / D^2

with ``q = p + D`` and ``p_bar = (p + q) / 2``; both arms are counted.

**Duration.** The pilot sees ``pilot_traffic_share`` of the month's requests (a month is
730 / 24 days); it runs until it has the pairs, and never less than 14 days, so that every
day of the week is seen twice.

**Cost.** Fine-tuning on ``pilot_examples`` (the upfront inputs with that many examples),
one replica for the pilot's days (or the fixed hosting cost pro rata), and grading both
answers of every pair at ``grading_cost``.

**What it cannot show.** At a small share of traffic the fine-tuned model runs nearly idle:
its latency there is unloaded latency. A load test must reach the scenario's peak,
``monthly_inferences x peak_to_average`` per month, in requests per second.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from statistics import NormalDist

from pycore.costs import upfront_cost
from pycore.scenario import HOURS_PER_MONTH, SECONDS_PER_MONTH, Scenario

__all__ = ["MIN_PILOT_DAYS", "Pilot", "paired_sample_size", "pilot", "unpaired_sample_size"]

#: The shortest pilot, in days: two full weeks, so weekly cycles are seen.
MIN_PILOT_DAYS = 14
_DAYS_PER_MONTH = HOURS_PER_MONTH / 24


@dataclass(frozen=True, slots=True)
class Pilot:
    """The planned pilot: ``sample_size`` pairs (paired test) and ``unpaired_size`` answers
    (an A/B test, both arms); ``days`` it runs (None with no traffic); ``cost`` in USD and its
    parts ``finetune_cost``, ``serving_cost`` and ``grading``; ``load_test_rate``, the peak
    in requests per second a load test must reach. Sizes are None when the difference cannot
    be detected (``D^2 >= p_d``)."""

    sample_size: int | None
    unpaired_size: int | None
    days: int | None
    finetune_cost: float
    serving_cost: float
    grading: float
    cost: float
    load_test_rate: float


def paired_sample_size(
    discordant: float, difference: float, confidence: float, power: float
) -> int | None:
    """Return McNemar's pairs for a one-sided test (see the module docstring), rounded up."""
    if difference <= 0 or difference**2 >= discordant:
        return None
    normal = NormalDist()
    root = normal.inv_cdf(confidence) * math.sqrt(discordant) + normal.inv_cdf(power) * math.sqrt(
        discordant - difference**2
    )
    return math.ceil(root**2 / difference**2 - 1e-9)


def unpaired_sample_size(
    baseline: float, difference: float, confidence: float, power: float
) -> int | None:
    """Return the answers of an unpaired A/B test, both arms (see the module docstring)."""
    other = baseline + difference
    if difference <= 0 or not 0 < baseline < 1 or not 0 < other < 1:
        return None
    normal = NormalDist()
    middle = (baseline + other) / 2
    root = normal.inv_cdf(confidence) * math.sqrt(2 * middle * (1 - middle)) + normal.inv_cdf(
        power
    ) * math.sqrt(baseline * (1 - baseline) + other * (1 - other))
    return 2 * math.ceil(root**2 / difference**2 - 1e-9)


def pilot(scenario: Scenario) -> Pilot:
    """Plan the pilot for ``scenario`` (see the module docstring)."""
    s = scenario
    pairs = paired_sample_size(s.discordant_share, s.quality_difference, s.confidence, s.power)
    per_day = s.monthly_inferences * s.pilot_traffic_share / _DAYS_PER_MONTH
    days = (
        max(MIN_PILOT_DAYS, math.ceil(pairs / per_day - 1e-9))
        if pairs is not None and per_day > 0
        else None
    )
    finetune = upfront_cost(replace(s, training_examples=s.pilot_examples))
    running = days or MIN_PILOT_DAYS
    if s.capacity_hosting:
        serving = s.gpus_per_replica * (s.gpu_hourly or 0.0) * 24 * running
    else:
        serving = s.hosting_monthly * running / _DAYS_PER_MONTH
    grading = 2 * (pairs or 0) * s.grading_cost
    return Pilot(
        sample_size=pairs,
        unpaired_size=unpaired_sample_size(
            s.api_success_rate, s.quality_difference, s.confidence, s.power
        ),
        days=days,
        finetune_cost=finetune,
        serving_cost=serving,
        grading=grading,
        cost=math.fsum((finetune, serving, grading)),
        load_test_rate=s.monthly_inferences * s.peak_to_average / SECONDS_PER_MONTH,
    )

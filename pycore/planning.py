"""The planning part of the report: the pilot, the net present value, and the odds from the
ranges given (the Monte Carlo of :mod:`pycore.uncertainty`).

It gathers :mod:`pycore.pilot`, :mod:`pycore.horizon` and :mod:`pycore.uncertainty` into the
results and the parts of the report the page shows; it computes nothing itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from pycore.formatting import format_count, format_requests, format_share, format_usd
from pycore.pilot import MIN_PILOT_DAYS, Pilot, pilot
from pycore.results import record
from pycore.scenario import Scenario
from pycore.uncertainty import DRAWS, Outcome, Simulation, ranged_inputs

__all__ = ["ODDS", "odds", "planning", "simulate"]

#: The results the simulation gives.
ODDS = (
    "payback_probability",
    "savings_probability",
    "tco_savings_p10",
    "tco_savings_p50",
    "tco_savings_p90",
)


def planning(scenario: Scenario) -> tuple[dict[str, float | None], dict[str, object]]:
    """Return (raw results, report parts) for the pilot; the odds are left empty (None):
    :func:`simulate` fills them."""
    plan = pilot(scenario)
    raw: dict[str, float | None] = {
        "pilot_sample_size": plan.sample_size,
        "pilot_days": plan.days,
        "pilot_cost": plan.cost,
        **dict.fromkeys(ODDS),
    }
    return raw, {"pilot": {**record(plan), "text": _pilot_text(scenario, plan)}}


def _pilot_text(scenario: Scenario, plan: Pilot) -> dict[str, str]:
    """The pilot's sentences: what to run, what it costs, and what it cannot show."""
    s = scenario
    share = format_share(s.pilot_traffic_share)
    if plan.sample_size is None or plan.days is None:
        run = (
            "A difference this small cannot be told apart from the disagreement between the "
            "models: raise the smallest difference worth detecting, or lower the disagreement."
            if plan.sample_size is None
            else "With no traffic the pilot cannot collect answers."
        )
    else:
        pairs = format_count(plan.sample_size)
        unpaired = format_count(plan.unpaired_size) if plan.unpaired_size else "n/a"
        run = (
            f"Send {share} of requests to both models and grade both answers: {pairs} pairs "
            f"detect a {s.quality_difference * 100:.1f}-point difference in success rate "
            f"({s.confidence:.0%} confidence, {s.power:.0%} power), against {unpaired} answers "
            f"for an unpaired A/B test. At {format_requests(s.monthly_inferences)} requests a "
            f"month that takes {plan.days} days"
            + (
                f" (never under {MIN_PILOT_DAYS}, to see each weekday twice)."
                if plan.days == MIN_PILOT_DAYS
                else "."
            )
        )
    cost = (
        f"It costs {format_usd(plan.cost)}: {format_usd(plan.finetune_cost)} to fine-tune on "
        f"{format_count(s.pilot_examples)} examples, {format_usd(plan.serving_cost)} of serving "
        f"and {format_usd(plan.grading)} of grading."
    )
    limits = (
        f"What it cannot show: at {share} of traffic the fine-tuned model runs nearly idle, so "
        "its latency there is unloaded latency. Load-test it at the busiest hour's rate, "
        f"{plan.load_test_rate:,.1f} requests a second, before moving all traffic."
    )
    return {"run": run, "cost": cost, "limits": limits}


def simulate(scenario: Scenario, values: Mapping[str, object]) -> Outcome | None:
    """Run the whole Monte Carlo at once (the CLI and the build); None without ranges."""
    if not ranged_inputs(values):
        return None
    simulation = Simulation(scenario, values)
    simulation.run(DRAWS)
    return simulation.outcome()


def odds(outcome: Outcome | None) -> tuple[dict[str, float | None], dict[str, object]]:
    """Return (raw results, report part ``uncertainty``) for a simulation's outcome."""
    if outcome is None:
        return dict.fromkeys(ODDS), {"uncertainty": None}
    raw: dict[str, float | None] = {
        "payback_probability": outcome.payback_probability,
        "savings_probability": outcome.savings_probability,
        "tco_savings_p10": outcome.tco_savings_p10,
        "tco_savings_p50": outcome.tco_savings_p50,
        "tco_savings_p90": outcome.tco_savings_p90,
    }
    summary = (
        f"Over {outcome.draws:,} draws, fine-tuning pays back within the horizon with a "
        f"chance of {format_share(outcome.payback_probability)} and saves money in month one "
        f"with a chance of {format_share(outcome.savings_probability)}. Savings over the "
        f"horizon: {format_usd(outcome.tco_savings_p10)} (P10), "
        f"{format_usd(outcome.tco_savings_p50)} (P50), {format_usd(outcome.tco_savings_p90)} "
        "(P90)."
    )
    return raw, {
        "uncertainty": {
            "edges": list(outcome.edges),
            "counts": list(outcome.counts),
            "labels": [format_usd(edge) for edge in outcome.edges],
            "summary": summary,
        }
    }

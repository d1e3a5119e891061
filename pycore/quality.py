"""Quality: what a month costs once failed answers are counted, and the cost per success.

An option that answers a share ``s`` of requests acceptably (its success rate, measured on
an evaluation set) costs, at ``volume`` requests a month:

- with failures: ``bill + volume * (1 - s) * failure_cost`` USD a month (a failed answer
  costs ``failure_cost``: an escalation to a person, a refund);
- per 1,000 successful answers: ``1000 * cost with failures / (volume * s)`` USD.

The default success rates are placeholders for your own evaluation (see
:data:`pycore.PARAMETERS` for their sources).
"""

from __future__ import annotations

import math

__all__ = ["cost_per_1k_success", "with_failures"]


def with_failures(bill: float, volume: float, success_rate: float, failure_cost: float) -> float:
    """Return a month's cost in USD with failed answers priced at ``failure_cost`` each."""
    return bill + volume * (1 - success_rate) * failure_cost


def cost_per_1k_success(
    bill: float, volume: float, success_rate: float, failure_cost: float
) -> float | None:
    """Return USD per 1,000 successful answers, failures included (None with none, or so
    few that the figure is beyond a float: a success rate of 5e-324)."""
    successes = volume * success_rate
    if successes <= 0:
        return None
    cost = 1000 * with_failures(bill, volume, success_rate, failure_cost) / successes
    return cost if math.isfinite(cost) else None

"""Queueing: how long a request waits for a free slot in a fleet of replicas (Erlang C).

The fleet is modelled as one M/M/N queue: ``N`` identical servers (every concurrent slot of
every replica, fed by one load balancer), Poisson arrivals at ``rate`` requests per second,
and a mean service time of ``service_s`` seconds. Its offered load is
``A = rate * service_s`` erlangs; it is stable only while ``A < N``.

- Erlang B (the blocking probability) is computed to double precision: up to
  :data:`SUM_LIMIT` slots from its defining sum ``1 / B(N, A) = sum_{j=0..N} prod_{i<j}
  (N - i) / A``, stopping when the remaining terms cannot change a double; beyond, from its
  integral form ``1 / B(N, A) = integral_0^inf exp(-t) (1 + t / A)^N dt`` (Jagerman 1974),
  whose integrand is a smooth bump of width ``sqrt(N)`` around ``t = N - A``, by
  Gauss-Legendre quadrature over +-10 widths in 12 panels of 8 points. The two agree to
  10^-13 wherever both run (tests/test_serving.py), and the quadrature costs the same at any
  size, so a fleet of millions of slots is sized as fast as one of ten.
- Erlang C, the probability that an arriving request has to wait:
  ``C = N * B / (N - A * (1 - B))``.
- The waiting time ``W`` has ``P(W > t) = C * exp(-(N - A) * t / service_s)``, so its
  ``q``-quantile (0.95 for p95) is ``0`` when ``C <= 1 - q`` and
  ``service_s * ln(C / (1 - q)) / (N - A)`` otherwise.

Source: Kleinrock, *Queueing Systems*, vol. 1 (1975), section 3.5 (M/M/m); the sum form of
Erlang B is the reciprocal of the truncated Poisson series. No approximation (Allen-Cunneen,
Halfin-Whitt) is used for any result.

**Searching fast, with the same answers.** Sizing a fleet, or finding the most traffic it
serves, tests the exact wait at many points. Three helpers cut the number of exact tests
without changing a single answer: :func:`wait_quantile_bounds` bounds the exact value in
constant time (from the Poisson mass ``P(X = N)``), so a test that the bounds settle is
settled; :func:`wait_quantile_estimate` (the Halfin-Whitt limit) only says where a search
(:mod:`pycore.search`) starts. Each exact wait is also remembered
(``functools.lru_cache``), as the fleet's own latency asks for it again.
"""

from __future__ import annotations

import functools
import math

__all__ = [
    "QUANTILE",
    "SUM_LIMIT",
    "erlang_b",
    "erlang_c",
    "wait_quantile",
    "wait_quantile_bounds",
    "wait_quantile_estimate",
    "wait_quantile_high",
    "wait_quantile_low",
]

#: The latency percentile the fleet is sized for: p95 (a share of 0.05 may wait longer).
QUANTILE = 0.95
#: Up to this many slots Erlang B is summed; beyond, integrated (same result, fixed cost).
SUM_LIMIT = 2000
_HUGE = 1e300


def erlang_b(servers: int, load: float) -> float:
    """Return the Erlang B blocking probability for ``servers`` slots at ``load`` erlangs.

    To double precision (see the module docstring). ``load`` must be >= 0; returns 1 for
    zero servers and 0 for zero load.
    """
    if servers <= 0:
        return 1.0
    if load <= 0:
        return 0.0
    if servers > SUM_LIMIT:
        return _erlang_b_integral(servers, load)
    return _erlang_b_sum(servers, load)


def _erlang_b_sum(servers: int, load: float) -> float:
    """Erlang B from its defining sum (exact; cost grows with the number of slots)."""
    total = term = 1.0
    for j in range(servers):
        term *= (servers - j) / load
        total += term
        if total > _HUGE:
            return 0.0
        if term < total * 1e-17 and servers - j < load:
            break  # terms only shrink from here (their ratio is below 1 and falling)
    return 1.0 / total


#: Gauss-Legendre nodes and weights of order 8 on [-1, 1], the positive half.
_NODES = (0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363)
_WEIGHTS = (0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763)


def _erlang_b_integral(servers: int, load: float) -> float:
    """Erlang B from its integral form by Gauss-Legendre quadrature (any number of slots)."""
    centre = max(0.0, servers - load)
    width = 10 * math.sqrt(servers)
    low, high = max(0.0, centre - width), centre + width
    peak = -centre + servers * math.log1p(centre / load)
    if peak > 700:  # B is below 10^-300
        return 0.0
    half = (high - low) / 24
    total = 0.0
    for panel in range(12):
        middle = low + (2 * panel + 1) * half
        for node, weight in zip(_NODES, _WEIGHTS, strict=True):
            for t in (middle - half * node, middle + half * node):
                total += weight * math.exp(-t + servers * math.log1p(t / load) - peak)
    return math.exp(-peak) / (total * half)


def _waiting_bound(servers: int, load: float) -> float:
    """An upper bound on Erlang C, in constant time, for ``load < servers``.

    ``B = P(X = N) / P(X <= N)`` for ``X`` Poisson with mean ``A``; ``P(X <= N) >= 1/2``
    when ``N >= A + 1`` (the Poisson median is below its mean plus one), so
    ``B <= 2 P(X = N)`` and ``C <= N B / (N - A)``. When the bound is below the tail the
    exact value is not needed: the wait quantile is 0 either way.
    """
    if servers < load + 1:
        return 1.0
    log_mass = servers * math.log(load) - load - math.lgamma(servers + 1)
    return min(1.0, 2 * math.exp(log_mass) * servers / (servers - load))


def erlang_c(servers: int, load: float) -> float:
    """Return the probability that a request waits (Erlang C); 1 when ``load >= servers``."""
    if load >= servers:
        return 1.0
    if load <= 0:
        return 0.0
    blocking = erlang_b(servers, load)
    return servers * blocking / (servers - load * (1 - blocking))


@functools.lru_cache(maxsize=8192)
def wait_quantile(servers: int, load: float, service_s: float, quantile: float = QUANTILE) -> float:
    """Return the ``quantile`` of the wait for a slot in seconds (``math.inf`` if unstable).

    ``servers`` slots, ``load`` erlangs, mean service time ``service_s`` seconds;
    ``quantile`` from 0 to 1 (0.95 for p95). Remembered: a search that tests a fleet and
    the fleet's own latency ask for the same value.
    """
    if load >= servers:
        return math.inf
    tail = 1 - quantile
    if load <= 0 or _waiting_bound(servers, load) <= tail:
        return 0.0
    waiting = erlang_c(servers, load)
    if waiting <= tail:
        return 0.0
    return service_s * math.log(waiting / tail) / (servers - load)


#: The share by which :func:`wait_quantile_bounds` widens its bounds: far more than the
#: exact value's own error (10^-13) and the rounding of the bounds themselves.
_SLACK = 1e-9


def wait_quantile_bounds(
    servers: int, load: float, service_s: float, quantile: float = QUANTILE
) -> tuple[float, float]:
    """Return bounds ``(low, high)`` on :func:`wait_quantile`'s value, in constant time.

    ``B = P(X = N) / P(X <= N)`` for ``X`` Poisson with mean ``A``. ``P(X <= N) <= 1``
    gives ``B >= P(X = N)``; past ``N`` each Poisson term is at most ``A / (N + 1)`` times
    the one before, so ``P(X > N) <= P(X = N) A / (N + 1 - A)``, and ``P(X <= N) >= 1/2``
    when ``N >= A + 1``: the larger of the two lower bounds on ``P(X <= N)`` bounds ``B``
    above. Erlang C and the wait grow with ``B``. ``P(X = N)`` comes from ``lgamma``, with
    its rounding (relative to the size of the logarithms) allowed for, and every bound is
    widened by a share :data:`_SLACK`. Where the exact value takes a shortcut the bounds
    take the same one, so ``low <= wait_quantile(...) <= high`` always.
    """
    if load >= servers:
        return math.inf, math.inf
    tail = 1 - quantile
    if load <= 0 or _waiting_bound(servers, load) <= tail:
        return 0.0, 0.0
    terms = servers * math.log(load), load, math.lgamma(servers + 1)
    log_mass = terms[0] - terms[1] - terms[2]
    rounding = 4e-15 * (abs(terms[0]) + terms[1] + abs(terms[2])) + 1e-15
    if log_mass + rounding > 0:  # (a Poisson mass is below 1: bounds this loose are useless)
        return 0.0, math.inf
    mass_low = math.exp(log_mass - rounding) * (1 - _SLACK)
    mass_high = math.exp(log_mass + rounding) * (1 + _SLACK)
    below = 0.5 if servers >= load + 1 else 0.0
    if servers + 1 > load:
        below = max(below, 1 - mass_high * load / (servers + 1 - load))
    blocking_low = min(1.0, mass_low)
    blocking_high = 1.0 if below <= 0 else min(1.0, mass_high / below)

    def waiting(blocking: float) -> float:
        return servers * blocking / (servers - load * (1 - blocking))

    def wait(chance: float) -> float:
        if chance <= tail:
            return 0.0
        return service_s * math.log(chance / tail) / (servers - load)

    low = wait(waiting(blocking_low) * (1 - _SLACK)) * (1 - _SLACK)
    high = wait(min(1.0, waiting(blocking_high) * (1 + _SLACK))) * (1 + _SLACK)
    return low, high


def wait_quantile_low(
    servers: int, load: float, service_s: float, quantile: float = QUANTILE
) -> float:
    """The lower of :func:`wait_quantile_bounds`."""
    return wait_quantile_bounds(servers, load, service_s, quantile)[0]


def wait_quantile_high(
    servers: int, load: float, service_s: float, quantile: float = QUANTILE
) -> float:
    """The higher of :func:`wait_quantile_bounds`."""
    return wait_quantile_bounds(servers, load, service_s, quantile)[1]


#: Up to this many slots the estimate is the exact wait (a short sum; the limit is poor).
_FEW = 64


def wait_quantile_estimate(
    servers: int, load: float, service_s: float, quantile: float = QUANTILE
) -> float:
    """An estimate of :func:`wait_quantile` in constant time, only to start a search from.

    Erlang C from the Halfin-Whitt heavy-traffic limit, ``C = 1 / (1 + b Phi(b) / phi(b))``
    with ``b = (N - A) / sqrt(A)``; no result of the model is taken from it. Up to
    :data:`_FEW` slots, where the limit is poor and the sum short, the exact wait.
    """
    if servers <= _FEW:
        return wait_quantile(servers, load, service_s, quantile)
    if load >= servers:
        return math.inf
    if load <= 0:
        return 0.0
    spare = (servers - load) / math.sqrt(load)
    if spare > 30:  # Erlang C below 10^-190
        return 0.0
    mills = math.sqrt(2 * math.pi) * 0.5 * math.erfc(-spare / math.sqrt(2)) * math.exp(spare**2 / 2)
    waiting = 1 / (1 + spare * mills)
    tail = 1 - quantile
    if waiting <= tail:
        return 0.0
    return service_s * math.log(waiting / tail) / (servers - load)

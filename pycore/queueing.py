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
starts; :func:`smallest` gallops from that start to the fewest servers that fit, and
:func:`largest_within` replays :func:`largest`'s bisection, taking each step's test from
exact values already found on the same side of the crossing. Each exact wait is also
remembered (``functools.lru_cache``), as the fleet's own latency asks for it again.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

__all__ = [
    "QUANTILE",
    "SUM_LIMIT",
    "erlang_b",
    "erlang_c",
    "largest",
    "largest_within",
    "smallest",
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


def largest(fits: Callable[[float], bool], high: float) -> float:
    """Return the largest ``x`` in ``[0, high)`` with ``fits(x)``, for a ``fits`` that holds
    up to some point and fails beyond it; bisection to a relative 10^-12."""
    low = 0.0
    for _ in range(200):
        middle = (low + high) / 2
        if fits(middle):
            low = middle
        else:
            high = middle
        if high - low <= 1e-12 * high:
            break
    return low


#: Values within this share of the target are too close to it to vouch for their neighbours.
_NEAR = 1e-12


def largest_within(
    value: Callable[[float], float],
    target: float,
    high: float,
    estimate: Callable[[float], float] | None = None,
) -> float:
    """Return ``largest(lambda x: value(x) <= target, high)``, the same float, calling
    ``value`` far fewer times; for a ``value`` that grows continuously with ``x``.

    The bisection of :func:`largest` is replayed step by step, but a step's test is taken
    from a point already evaluated when one vouches for it: ``value(a) < target`` by more
    than a share :data:`_NEAR` of the target vouches that every ``x <= a`` fits, and
    ``value(b) > target`` by as much that every ``x >= b`` does not (rounding moves the
    value by far less). The vouching points are found first (:func:`_close_in`: Brent's
    method, from around where ``estimate``, a quick approximation of ``value``, crosses
    the target), so the replay evaluates only the few steps that fall between them. A
    ``value`` that is not finite at ``0`` or ``high``, or a target that is not positive,
    leaves only the replay, evaluating every step as :func:`largest` does.
    """
    near = _NEAR * target
    if not near > 0:
        return largest(lambda x: value(x) <= target, high)
    fits_below, fails_above = 0.0, high  # the bisection's own ends: never tested

    def test(x: float) -> float:
        nonlocal fits_below, fails_above
        excess = value(x) - target
        if excess < -near:
            fits_below = max(fits_below, x)
        elif excess > near:
            fails_above = min(fails_above, x)
        return excess

    guess = None if estimate is None else _zero(lambda x: estimate(x) - target, 0.0, high)
    _close_in(test, high, near, guess)
    low = 0.0
    for _ in range(200):
        middle = (low + high) / 2
        if middle <= fits_below:
            fits = True
        elif middle >= fails_above:
            fits = False
        else:
            fits = test(middle) <= 0
        if fits:
            low = middle
        else:
            high = middle
        if high - low <= 1e-12 * high:
            break
    return low


def _zero(function: Callable[[float], float], a: float, b: float) -> float | None:
    """Where a growing ``function`` crosses zero in ``[a, b]`` (Brent's method), or None
    when it does not cross there or is not finite at the ends."""
    fa, fb = function(a), function(b)
    if not (math.isfinite(fa) and math.isfinite(fb) and fa <= 0 < fb):
        return None
    return _brent(function, a, fa, b, fb)[0]


def _close_in(
    test: Callable[[float], float], high: float, near: float, guess: float | None
) -> None:
    """Evaluate ``test`` (``value - target``, growing) at points closing in on its zero in
    ``(0, high)``: Brent's method finds where ``test`` is ``-2 near``, which vouches for
    all below, and one more point as far past the zero vouches for all above. The search
    starts from a bracket around ``guess`` (:func:`_around`), else from ``(0, high)``."""
    shift = 2 * near

    def shifted(x: float) -> float:
        return test(x) + shift

    ends = _around(shifted, high, guess) if guess is not None and 0 < guess < high else None
    if ends is None:
        a, b = 0.0, high
        fa, fb = shifted(a), shifted(b)
        if not (math.isfinite(fa) and math.isfinite(fb) and fa < 0 < fb):
            return
        ends = a, fa, b, fb
    b, fb, c, fc = _brent(shifted, *ends)
    slope = (fc - fb) / (c - b) if c != b else 0.0
    if slope > 0 and math.isfinite(slope) and fb <= 0 and b + 2 * shift / slope < high:
        test(b + 2 * shift / slope)


def _around(
    function: Callable[[float], float], high: float, guess: float
) -> tuple[float, float, float, float] | None:
    """A bracket ``(a, f(a), b, f(b))`` with ``f(a) < 0 < f(b)`` in ``[0, high]`` around
    ``guess``: 0.1% either side, then galloping (widths times eight) towards the zero;
    None when a value is not finite."""
    width = 1e-3
    a, b = guess * (1 - width), min(high, guess * (1 + width))
    fa = function(a)
    if not math.isfinite(fa):
        return None
    if fa >= 0:  # the zero is below: gallop down
        b, fb = a, fa
        while fa >= 0 and a > 0:
            b, fb = a, fa
            width *= 8
            a = max(0.0, guess * (1 - width))
            fa = function(a)
        return (a, fa, b, fb) if math.isfinite(fa) and fa < 0 else None
    fb = function(b)
    while math.isfinite(fb) and fb <= 0 and b < high:
        a, fa = b, fb
        width *= 8
        b = min(high, guess * (1 + width))
        fb = function(b)
    return (a, fa, b, fb) if math.isfinite(fb) and fb > 0 else None


def _brent(
    function: Callable[[float], float], a: float, fa: float, b: float, fb: float
) -> tuple[float, float, float, float]:
    """Brent's method (zeroin: inverse quadratic interpolation safeguarded by bisection)
    for the zero of ``function`` between ``a`` and ``b`` (``fa <= 0 < fb``), to about
    four units in the last place; returns the best point and the other end of the last
    bracket, each with its value."""
    c, fc = a, fa
    step = previous = b - a
    for _ in range(100):
        if (fb > 0) == (fc > 0):
            c, fc = a, fa
            step = previous = b - a
        if abs(fc) < abs(fb):
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tolerance = 4e-16 * abs(b) + 1e-300
        middle = (c - b) / 2
        if abs(middle) <= tolerance or fb == 0:
            break
        step, previous = _brent_step((a, fa), (b, fb), (c, fc), (step, previous), tolerance)
        a, fa = b, fb
        b += step if abs(step) > tolerance else math.copysign(tolerance, middle)
        fb = function(b)
        if not math.isfinite(fb):
            break
    return b, fb, c, fc


def _brent_step(
    last: tuple[float, float],
    best: tuple[float, float],
    other: tuple[float, float],
    steps: tuple[float, float],
    tolerance: float,
) -> tuple[float, float]:
    """One step of :func:`_brent` from its points (each ``(x, f(x))``: the last best, the
    best and the bracket's other end) and its last two steps: interpolation when it is
    safe, else bisection; returns (this step, the step before)."""
    (a, fa), (b, fb), (c, fc) = last, best, other
    step, previous = steps
    middle = (c - b) / 2
    if abs(previous) < tolerance or abs(fa) <= abs(fb):
        return middle, middle
    ratio = fb / fa
    if a == c:  # secant
        p, q = 2 * middle * ratio, 1 - ratio
    else:  # inverse quadratic interpolation
        q, r = fa / fc, fb / fc
        p = ratio * (2 * middle * q * (q - r) - (b - a) * (r - 1))
        q = (q - 1) * (r - 1) * (ratio - 1)
    if p > 0:
        q = -q
    p = abs(p)
    if 2 * p < min(3 * middle * q - abs(tolerance * q), abs(previous * q)):
        return p / q, step
    return middle, middle


def smallest(fits: Callable[[int], bool], low: int, guess: int, high: int | None = None) -> int:
    """Return the smallest integer ``n >= low`` with ``fits(n)``, for a ``fits`` that fails
    up to some point and holds beyond it; ``fits(low - 1)`` is taken to fail, and
    ``fits(high)`` to hold (``high`` is returned, untested, when nothing below it fits;
    without ``high``, ``fits`` must hold somewhere). Gallops from ``guess`` (steps doubling,
    up or down) to a pair of neighbours that fail and fit, then bisects: a good guess costs
    two calls of ``fits``.
    """
    start = max(low, guess) if high is None else min(max(low, guess), high)
    if start == high or fits(start):
        fail, fit = low - 1, start
        step = 1
        while fit - fail > 1:
            probe = max(fail + 1, fit - step)
            if fits(probe):
                fit = probe
                step *= 2
            else:
                fail = probe
                break
    else:
        fail, step = start, 1
        while True:
            probe = fail + step if high is None else min(fail + step, high)
            if probe == high or fits(probe):
                break
            fail = probe
            step *= 2
        fit = probe
    while fit - fail > 1:  # fail fails, fit fits
        middle = (fail + fit) // 2
        if fits(middle):
            fit = middle
        else:
            fail = middle
    return fit

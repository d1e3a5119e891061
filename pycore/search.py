"""Searches over a monotone test: the largest value that fits, the smallest count that fits.

Sizing a fleet, or finding the most traffic it serves, tests an exact latency at many
points; these searches give the same answers as plain bisection with far fewer tests.
:func:`largest` bisects a real interval to a relative 10^-12; :func:`largest_within`
returns the same float, replaying that bisection but taking each step's test from points
already evaluated on the same side of the crossing (found first by Brent's method, from
around where a quick estimate crosses); :func:`smallest` gallops from a guess to the fewest
servers that fit, then bisects. Uses only the standard library.

Source: Brent, *Algorithms for Minimization without Derivatives* (1973), chapter 4
(zeroin).
"""

from __future__ import annotations

import math
from collections.abc import Callable

__all__ = ["largest", "largest_within", "smallest"]


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

    def fits(x: float) -> bool:
        """The bisection's test at ``x``, from a vouching point when one covers it."""
        if x <= fits_below:
            return True
        if x >= fails_above:
            return False
        return test(x) <= 0

    guess = None if estimate is None else _zero(lambda x: estimate(x) - target, 0.0, high)
    _close_in(test, high, near, guess)
    return largest(fits, high)


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

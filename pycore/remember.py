"""Remembering a function's results for the scenario object it was given.

A :class:`pycore.Scenario` is frozen, so a function of the scenario (and of a few plain
arguments) returns the same result for the same scenario object. One report asks for the
same fleet many times (the result, the horizon's months, each option's payback, the
explanation) and hashing a scenario's eighty fields each time would cost more than the
lookup saves: :func:`per_scenario` recognises the object itself (``is``), keeping it alive
while it is remembered, for the last :data:`SCENARIOS` scenarios seen.

A few results never depend on the scenario's own volume (``monthly_inferences``): the
break-evens, and the cost chart's curve at its own volumes. :func:`across_volumes`
remembers them for the scenario's other inputs, so that moving the volume, the page's
commonest input, computes them once.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from pycore.scenario import Scenario, with_changes

__all__ = ["SCENARIOS", "VOLUMES", "across_volumes", "forget_all", "per_scenario"]

#: Scenarios remembered at once (all are forgotten when one more arrives).
SCENARIOS = 64
#: Results remembered per scenario (all are forgotten when one more arrives).
RESULTS = 4096
#: Results remembered across volumes, per function (all forgotten when one more arrives).
VOLUMES = 64

P = ParamSpec("P")
R = TypeVar("R")


def per_scenario(
    function: Callable[Concatenate[Scenario, P], R],
) -> Callable[Concatenate[Scenario, P], R]:
    """Remember ``function(scenario, *args, **kwargs)`` per scenario object and arguments
    (which must be hashable); ``cache_clear()`` forgets everything."""
    entries: dict[int, tuple[Scenario, dict[object, R]]] = {}

    @functools.wraps(function)
    def remembered(scenario: Scenario, /, *args: P.args, **kwargs: P.kwargs) -> R:
        entry = entries.get(id(scenario))
        if entry is None or entry[0] is not scenario:
            if len(entries) >= SCENARIOS:
                entries.clear()
            entry = entries[id(scenario)] = (scenario, {})
        results = entry[1]
        key: object = (args, tuple(sorted(kwargs.items()))) if kwargs else args
        try:
            return results[key]
        except KeyError:
            pass
        if len(results) >= RESULTS:
            results.clear()
        result = results[key] = function(scenario, *args, **kwargs)
        return result

    remembered.cache_clear = entries.clear  # type: ignore[attr-defined]
    return remembered


def across_volumes(
    function: Callable[Concatenate[Scenario, P], R],
) -> Callable[Concatenate[Scenario, P], R]:
    """Remember ``function(scenario, *args, **kwargs)`` for the scenario's inputs other
    than its volume (and the arguments, which must be hashable): only for a function that
    never reads ``scenario.monthly_inferences`` (tests/test_fast_paths.py holds each use to
    a fresh result). ``cache_clear()`` forgets everything."""
    results: dict[object, R] = {}

    @functools.wraps(function)
    def remembered(scenario: Scenario, /, *args: P.args, **kwargs: P.kwargs) -> R:
        key = (_without_volume(scenario), args, tuple(sorted(kwargs.items())))
        try:
            return results[key]
        except KeyError:
            pass
        if len(results) >= VOLUMES:
            results.clear()
        result = results[key] = function(scenario, *args, **kwargs)
        return result

    remembered.cache_clear = results.clear  # type: ignore[attr-defined]
    return remembered


@per_scenario
def _without_volume(scenario: Scenario) -> Scenario:
    """The scenario with its volume set to 0: the key of :func:`across_volumes`."""
    return with_changes(scenario, monthly_inferences=0.0)


def forget_all() -> None:
    """Forget every remembered result of the loaded pycore: each ``cache_clear`` of its
    modules (:func:`per_scenario` and ``functools.lru_cache`` alike). For timing a cold
    computation (bench/engine_fuzz.py) and for comparing with a reference (the tests)."""
    for name, module in list(sys.modules.items()):
        if name == "pycore" or name.startswith("pycore."):
            for value in vars(module).values():
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()

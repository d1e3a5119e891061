"""The entry points: parameters in, the report (a plain JSON-safe dict) out.

Used three ways: the build calls :func:`compute` in CPython to pre-render the page, the
browser's Web Worker calls :func:`compute_json` and :func:`export_json` through Pyodide on
every input, and the CLI (``python -m pycore``) prints the same results.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import lru_cache

from pycore.compare import compare
from pycore.explain import explain, with_bases
from pycore.export import scenario_csv, scenario_json
from pycore.formatting import format_result
from pycore.inputs import (
    Notice,
    Values,
    clamp_parameters,
    parse_query,
    preset_bases,
    validate_parameters,
)
from pycore.memo import memo, memo_markdown
from pycore.parameters import PRESETS
from pycore.planning import odds
from pycore.report import report, scenario_from
from pycore.results import OPTIONAL_PARTS, RESULTS, Report, rounded
from pycore.uncertainty import Simulation, ranged_inputs

__all__ = [
    "compute",
    "compute_json",
    "compute_lenient",
    "explain_json",
    "export_json",
    "simulation_json",
    "simulation_start",
]


def compute(parameters: Mapping[str, object], *, allow_empty: bool = True) -> Report:
    """Validate ``parameters`` strictly and return the full report.

    ``parameters`` maps parameter names (see :data:`pycore.PARAMETERS`) to numbers or
    numeric strings, shares as fractions, and ``api_model``/``gpu_model`` to preset ids;
    missing ones take their defaults. Raises :class:`pycore.ParameterError` for an unknown
    name, a non-numeric or non-finite value, a value out of range, or (unless
    ``allow_empty``) an empty value. See :func:`pycore.report.report` for the shape.
    """
    values = validate_parameters(parameters, allow_empty=allow_empty)
    return report(values, notices=[], bases=preset_bases(parameters))


def compute_lenient(
    parameters: Mapping[str, object], *, page_units: bool = False, simulate_odds: bool = True
) -> Report:
    """Like :func:`compute`, but repair bad input instead of raising.

    For untrusted input (the URL, the page's fields): unknown names are dropped and bad
    values clamped or reset, each repair explained in the report's ``notices`` (and, for a
    known parameter, in ``field_notices`` under its name). With ``page_units`` shares are
    percentages, as the page's fields hold them.
    """
    values, notices = clamp_parameters(parameters, page_units=page_units)
    return report(
        values, notices=notices, simulate_odds=simulate_odds, bases=preset_bases(parameters)
    )


def compute_json(request: str) -> str:
    """Browser entry point: a JSON request in, the report as JSON out.

    The request is ``{"fields": {name: raw value}, "query": "?name=value&...", "pinned":
    "?name=value&...", "skip": [part, ...]}``, all optional: the form's values (shares in
    percent), then the URL's query string (shares as fractions) read by
    :func:`pycore.parse_query`, whose entries win. ``pinned`` is a pinned scenario's query
    string: the report's ``compare`` then sets it beside this one
    (:func:`pycore.compare.compare`), else ``compare`` is None. ``skip`` names report parts
    of :data:`pycore.results.OPTIONAL_PARTS` to leave out (None): others are ignored.
    Never raises: a request that is not a JSON object is answered with the defaults and a
    notice, so the page always has numbers to show.
    """
    raw = _parsed(request)
    answer = _lenient_request(request, simulate_odds=False, skip=_skipped(raw))
    pinned = _pinned_query(raw)
    answer["compare"] = None if pinned is None else compare(_pinned(pinned), answer, pinned)
    _LAST.clear()
    _LAST[request] = answer
    return json.dumps(answer, allow_nan=False, separators=(",", ":"))


#: The last request of :func:`compute_json` and its report, which :func:`explain_json`
#: and the memo export reuse.
_LAST: dict[str, Report] = {}


def _last_report(request: str) -> Report:
    """The report of ``request``: the last one computed if it is the same request."""
    if request in _LAST:
        return _LAST[request]
    return _lenient_request(request, simulate_odds=False)


def _parsed(request: str) -> object:
    """The request read as JSON, or None when it is not JSON."""
    try:
        return json.loads(request)
    except ValueError:
        return None


def _entry(raw: object, name: str) -> object:
    """The entry ``name`` of a request read by :func:`_parsed`, or None."""
    return raw.get(name) if isinstance(raw, dict) else None


def _skipped(raw: object) -> frozenset[str]:
    """The optional report parts the request's ``skip`` names (unknown names ignored)."""
    skip = _entry(raw, "skip")
    names = skip if isinstance(skip, list) else []
    return frozenset(name for name in names if name in OPTIONAL_PARTS)


def _pinned_query(raw: object) -> str | None:
    """The request's ``pinned`` query string, or None."""
    pinned = _entry(raw, "pinned")
    return pinned if isinstance(pinned, str) and pinned.strip("?") else None


@lru_cache(maxsize=2)
def _pinned(query: str) -> Report:
    """The pinned scenario's report (computed once per pin)."""
    return _lenient_request(json.dumps({"query": query}), simulate_odds=False)


def explain_json(request: str) -> str:
    """Browser entry point: how each result of the request's scenario is computed, as
    JSON ``{result: {"formula", "with_numbers", "inputs"}}`` (:func:`pycore.explain.explain`).
    Asked for when a reader opens "how this is computed", not on every input."""
    answer = _last_report(request)
    values, _, _, bases = _lenient_values(request)
    text = answer["text"]
    assert isinstance(text, Mapping)
    explained = explain(scenario_from(values), with_bases(values, bases), text)
    return json.dumps(explained, allow_nan=False, separators=(",", ":"))


def _lenient_values(request: str) -> tuple[Values, list[Notice], bool, dict[str, str | None]]:
    """Read a JSON request leniently into values, notices, False when unreadable, and the
    preset each preset parameter started from (:func:`pycore.inputs.preset_bases`)."""
    raw = _parsed(request)
    fields = raw.get("fields", {}) if isinstance(raw, dict) else None
    query = raw.get("query", "") if isinstance(raw, dict) else None
    if not isinstance(fields, dict) or not isinstance(query, str):
        values, notices = clamp_parameters({})
        return values, notices, False, preset_bases({})
    from_query = parse_query(query)
    if not from_query:
        values, notices = clamp_parameters(fields, page_units=True)
        return values, notices, True, preset_bases(fields)
    # The link's values are fractions; the form's are percentages: convert the form's
    # through a first pass, then let the link's win. A preset the form names is passed on
    # as the form named it, so that a custom scenario keeps the preset it started from.
    values, form_notices = clamp_parameters(fields, page_units=True)
    given = {name: values[name] for name in fields if name in values and name not in from_query}
    for spec in PRESETS:
        if spec.name in given:
            given[spec.name] = fields[spec.name]
        named = from_query.get(spec.name)  # a preset the link names sets its values
        if isinstance(named, str) and named in spec.presets:
            for name in spec.values(named):
                given.pop(name, None)
    merged_raw = {**given, **from_query}
    merged, notices = clamp_parameters(merged_raw)
    kept = [notice for notice in form_notices if notice.name not in from_query]
    return merged, kept + notices, True, preset_bases(merged_raw)


def _lenient_request(
    request: str, *, simulate_odds: bool, skip: frozenset[str] = frozenset()
) -> Report:
    """Compute a JSON request leniently; garbage gets the defaults and a notice."""
    values, notices, readable, bases = _lenient_values(request)
    result = report(values, notices=notices, simulate_odds=simulate_odds, bases=bases, skip=skip)
    if not readable:
        result["notices"] = ["The engine received an unreadable request; showing defaults."]
    return result


def simulation_start(request: str) -> Simulation | None:
    """Browser entry point: the Monte Carlo for the request of :func:`compute_json`, not yet
    run (the worker calls its ``run`` in slices); None when no input has a range."""
    values, _, _, _ = _lenient_values(request)
    if not ranged_inputs(values):
        return None
    return Simulation(scenario_from(values), values)


def simulation_json(simulation: Simulation) -> str:
    """Browser entry point: a finished simulation's results, texts and histogram as JSON:
    ``{"results": {name: number}, "text": {name: str}, "uncertainty": {...}}``."""
    raw, part = odds(simulation.outcome())
    specs = {spec.name: spec for spec in RESULTS}
    answer = {
        "results": {name: rounded(specs[name], value) for name, value in raw.items()},
        "text": {
            name: format_result(specs[name].kind, value, simulation.scenario.horizon_months)
            for name, value in raw.items()
        },
        **part,
    }
    return json.dumps(answer, allow_nan=False, separators=(",", ":"))


def export_json(request: str, file_format: str, link: str = "") -> str:
    """Browser entry point for downloads and the printed memo: the request of
    :func:`compute_json` in, text out. ``file_format`` is "csv" or "json" (the scenario),
    "md" (the decision memo in Markdown, with ``link``, the scenario's address) or "memo"
    (the memo's parts as JSON, for the print layout); raises ValueError for any other."""
    writers: dict[str, Callable[[Report], str]] = {
        "csv": scenario_csv,
        "json": scenario_json,
        "md": lambda answer: memo_markdown(memo(answer), link),
        "memo": lambda answer: json.dumps(memo(answer), separators=(",", ":")),
    }
    if file_format not in writers:
        raise ValueError(f"export: expected a format of {sorted(writers)}, got {file_format!r}")
    return writers[file_format](_lenient_request(request, simulate_odds=True))

"""Exports of a scenario: CSV (parameters, results, cost curves) and JSON.

Both take a report from :func:`pycore.compute` and return text; the page offers them as
downloads and the CLI prints them (``--format csv`` / ``--format json``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

from pycore.parameters import PARAMETERS, PRESETS
from pycore.results import RESULTS, Report

__all__ = ["CSV_COLUMNS", "scenario_csv", "scenario_json"]

#: Columns of the CSV export, one row per value ("tidy" long format).
CSV_COLUMNS = ("section", "name", "requests_per_month", "month", "value", "unit")


def _mapping(report: Report, key: str) -> Mapping[str, object]:
    """Return one dict-valued part of a report (raises TypeError if it is not one)."""
    part = report[key]
    if not isinstance(part, Mapping):
        raise TypeError(f"report[{key!r}]: expected a mapping, got {type(part).__name__}")
    return part


def _cell(value: object, decimals: int = 6) -> str:
    """Write a number for CSV: plain digits to ``decimals`` places (a millionth by default;
    no float noise), empty for None."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = round(value, decimals) + 0.0
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    return str(value)


def scenario_csv(report: Report) -> str:
    """Return the scenario as CSV text with the header :data:`CSV_COLUMNS`.

    Rows: one ``parameter`` row per input (its unit), one ``result`` row per result
    (empty value when undefined), then the ``curve`` (monthly cost of each option at
    each chart volume, USD per month) and the ``timeline`` (cumulative USD by month). Curve
    volumes are whole requests and its costs and the timeline's are in cents.
    """
    parameters = _mapping(report, "parameters")
    results = _mapping(report, "results")
    curve = _mapping(report, "curve")
    timeline = _mapping(report, "timeline")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for preset in PRESETS:
        writer.writerow(
            ("parameter", preset.name, "", "", _cell(parameters[preset.name]), "preset")
        )
    for spec in PARAMETERS:
        writer.writerow(("parameter", spec.name, "", "", _cell(parameters[spec.name]), spec.unit))
    for result in RESULTS:
        writer.writerow(("result", result.name, "", "", _cell(results[result.name]), result.unit))
    for name in ("api_monthly", "finetuned_monthly"):
        for volume, cost in zip(curve["volumes"], curve[name], strict=True):  # type: ignore[call-overload]
            row = ("curve", name, _cell(volume, 0), "", _cell(cost, 2), "USD per month")
            writer.writerow(row)
    for name in ("cumulative_api", "cumulative_finetuned"):
        for month, total in zip(timeline["months"], timeline[name], strict=True):  # type: ignore[call-overload]
            writer.writerow(("timeline", name, "", _cell(month), _cell(total, 2), "USD"))
    return buffer.getvalue()


def scenario_json(report: Report) -> str:
    """Return the scenario as indented JSON: its parameters, mode, results and summaries."""
    scenario = {
        "parameters": report["parameters"],
        "mode": report["mode"],
        "results": report["results"],
        "summary": report["summary"],
        "horizon_summary": report["horizon_summary"],
        "latency_summary": report["latency_summary"],
        "verdict": report["verdict"],
        "recommended": report["recommended"],
        "options": report["options"],
    }
    return json.dumps(scenario, indent=2, allow_nan=False) + "\n"

"""The page's data: pycore run in CPython for the default scenario and every use case.

Uses ``content`` and pycore. What it returns is the templates' context for the analyzer
and the use cases; the same numbers the browser's engine computes, pre-rendered.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pycore
from pycore.options import small_api_model
from sitegen.content import Content, detailed_parameters, use_case_parameters


def compute_page_data(content: Content) -> dict[str, Any]:
    """Run pycore in CPython for the default scenario and for every use case; the default
    scenario's decision memo too (the print layout, before the engine refreshes it)."""
    report = pycore.compute({})
    return {
        "report": report,
        "memo": pycore.memo(report),
        "parameters": pycore.PARAMETERS,
        "groups": pycore.GROUPS,
        "results": pycore.RESULTS,
        "use_cases": [use_case(case) for case in content.data["use_cases"]],
        "api_models": preset_options(pycore.API_MODELS),
        "gpu_models": preset_options(pycore.GPU_MODELS),
        "api_catalog": pycore.CATALOG,
        "managed": pycore.MANAGED,
    }


def preset_options(presets: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The presets as the page's menus offer them: the values each sets, as fields hold them."""
    return [
        {"id": preset_id, **preset, "fields": pycore.field_values(preset["values"])}
        for preset_id, preset in presets.items()
    ]


#: The groups of inputs that are the reader's own plans rather than a use case's: loading a
#: use case into the analyzer leaves them as the reader set them.
READER_GROUPS = ("upfront", "horizon")

#: The groups each view's use case sets when loaded into the analyzer.
VIEW_GROUPS = {
    "simple": ("simple",),
    "detailed": tuple(group for group, _ in pycore.GROUPS if group not in READER_GROUPS),
}


def view(parameters: Mapping[str, Any], name: str) -> dict[str, Any]:
    """One view (``name``) of a use case: its link's parameters, its fields, its report, the
    verdict that opens its summary, and what loading it sets and keeps.

    ``scenario`` holds the fields of the groups the view sets (VIEW_GROUPS) and the presets
    among them, as the fields hold them; ``kept`` names the other groups, by heading.
    """
    report = pycore.compute(parameters)
    fields, summary = report["fields"], report["summary"]
    assert isinstance(fields, dict)
    assert isinstance(summary, str)
    groups = VIEW_GROUPS[name]
    specs: tuple[pycore.ParameterSpec | pycore.PresetSpec, ...] = (
        *pycore.PARAMETERS,
        *pycore.PRESETS,
    )
    names = {spec.name for spec in specs if spec.group in groups}
    return {
        "query": dict(parameters),
        "fields": fields,
        "scenario": {key: value for key, value in fields.items() if key in names},
        "kept": [heading for group, heading in pycore.GROUPS if group not in groups],
        "report": report,
        "verdict": verdict(summary),
    }


def verdict(summary: str) -> str:
    """Return the sentence that opens pycore's summary: which option is cheaper at this
    volume, and by how much (the sentences after it say where the two break even)."""
    return summary.split(". ", maxsplit=1)[0].rstrip(".") + "."


def small_api(report: Mapping[str, Any]) -> dict[str, Any]:
    """The small-tier API row of a detailed report's options (pycore's pick: the cheapest
    small-tier model at the scenario's tokens), with its model and price per 1,000."""
    row = next(row for row in report["options"] if row["id"] == "small_api")
    model_id = small_api_model(pycore.scenario_from(report["parameters"]))
    volume = report["parameters"]["monthly_inferences"]
    return {
        "id": model_id,
        "name": pycore.API_MODELS[model_id]["name"],
        "monthly": row["monthly"],
        "text": row["text"]["monthly"],
        "per_1k": pycore.format_usd(row["monthly"] / volume * 1000) if volume else "n/a",
    }


def use_case(case: Mapping[str, Any]) -> dict[str, Any]:
    """A use case with both views computed, the presets named and the small-tier API priced
    (the options table's row)."""
    detailed = view(detailed_parameters(case), "detailed")
    return {
        **case,
        "api_name": pycore.API_MODELS[detailed["query"]["api_model"]]["name"],
        "gpu_name": pycore.GPU_MODELS[detailed["query"]["gpu_model"]]["name"],
        "small_api": small_api(detailed["report"]),
        "detailed_drivers": case["detailed"].get("drivers", case["drivers"]),
        "views": {
            "simple": view(use_case_parameters(case), "simple"),
            "detailed": detailed,
        },
    }

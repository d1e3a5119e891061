"""The page's data: pycore run in CPython for the default scenario and every use case.

Uses ``content`` and pycore. What it returns is the templates' context for the analyzer
and the use cases; the same numbers the browser's engine computes, pre-rendered.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pycore
from sitegen.content import Content, detailed_parameters, use_case_parameters


def compute_page_data(content: Content) -> dict[str, Any]:
    """Run pycore in CPython for the default scenario and for every use case."""
    return {
        "report": pycore.compute({}),
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


def view(parameters: Mapping[str, Any]) -> dict[str, Any]:
    """One view of a use case: its link's parameters, its fields and its report."""
    report = pycore.compute(parameters)
    return {"query": dict(parameters), "fields": report["fields"], "report": report}


def use_case(case: Mapping[str, Any]) -> dict[str, Any]:
    """A use case with both views computed, the presets named and the small-tier API priced."""
    detailed = detailed_parameters(case)
    small_id = case["detailed"]["small_api_model"]
    small = pycore.compute({**detailed, "api_model": small_id})
    return {
        **case,
        "api_name": pycore.API_MODELS[detailed["api_model"]]["name"],
        "gpu_name": pycore.GPU_MODELS[detailed["gpu_model"]]["name"],
        "small_api": {
            "id": small_id,
            "name": pycore.API_MODELS[small_id]["name"],
            "report": small,
        },
        "detailed_drivers": case["detailed"].get("drivers", case["drivers"]),
        "views": {"simple": view(use_case_parameters(case)), "detailed": view(detailed)},
    }

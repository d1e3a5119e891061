"""The page's data: pycore run in CPython for the default scenario and every use case.

Uses ``content`` and pycore. What it returns is the templates' context for the analyzer
and the use cases; the same numbers the browser's engine computes, pre-rendered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pycore
from sitegen.content import Content, use_case_parameters


def compute_page_data(content: Content) -> dict[str, Any]:
    """Run pycore in CPython for the default scenario and for every use case."""
    use_cases = []
    for case in content.data["use_cases"]:
        simple = use_case_parameters(case)
        detailed = detailed_parameters(case, content)
        detailed_spec = case["detailed"]
        use_cases.append(
            {
                **case,
                "api_name": preset_name(content.data["api_models"], detailed_spec["api_preset"]),
                "gpu_name": preset_name(
                    content.data["gpu_presets"]["presets"], detailed_spec["gpu_preset"]
                ),
                "views": {
                    "simple": {"query": simple, "report": pycore.compute(simple)},
                    "detailed": {"query": detailed, "report": pycore.compute(detailed)},
                },
            }
        )
    return {
        "report": pycore.compute({}),
        "parameters": pycore.PARAMETERS,
        "groups": pycore.GROUPS,
        "results": pycore.RESULTS,
        "use_cases": use_cases,
        "api_models": content.data["api_models"],
        "api_catalog": content.data["api_presets"]["catalog"],
        "gpu_presets": [
            {**gpu, "values": gpu_values(gpu)} for gpu in content.data["gpu_presets"]["presets"]
        ],
    }


def detailed_parameters(case: Mapping[str, Any], content: Content) -> dict[str, float]:
    """Return a use case's detailed-view parameters: presets, then its own overrides."""
    detailed = case["detailed"]
    api = next(m for m in content.data["api_models"] if m["id"] == detailed["api_preset"])
    gpu = next(
        g for g in content.data["gpu_presets"]["presets"] if g["id"] == detailed["gpu_preset"]
    )
    return {
        **use_case_parameters(case),
        **api["values"],
        **gpu_values(gpu),
        **detailed["parameters"],
    }


def gpu_values(gpu: Mapping[str, Any]) -> dict[str, float]:
    """Return the pycore parameters a GPU preset sets."""
    return {
        name: gpu[name] for name in ("gpu_hourly", "replica_throughput_tps", "gpus_per_replica")
    }


def preset_name(presets: Sequence[Mapping[str, Any]], preset_id: str) -> str:
    """Return the display name of the preset with id ``preset_id``."""
    return str(next(preset["name"] for preset in presets if preset["id"] == preset_id))

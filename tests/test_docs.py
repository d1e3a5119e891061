"""docs/model.md publishes the model: every parameter and result, and the H100 fit as the tool
computes it; the presets pycore holds match content/."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import yaml

import pycore
from sitegen.catalog import differences
from sitegen.content import load_content

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")


def fit_tool() -> ModuleType:
    """Import tools/fit_gpu_profile.py as a module."""
    spec = importlib.util.spec_from_file_location(
        "fit_gpu_profile", ROOT / "tools" / "fit_gpu_profile.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_parameter_and_result_is_documented() -> None:
    """Each parameter and result name appears in docs/model.md."""
    names = [spec.name for spec in (*pycore.PARAMETERS, *pycore.RESULTS)]
    assert [name for name in names if not re.search(rf"\b{name}\b", DOC)] == []


def test_fit_table_in_docs_is_the_tool_output() -> None:
    """The table of the H100 fit in docs/model.md is what tools/fit_gpu_profile.py prints."""
    tool = fit_tool()
    data = yaml.safe_load((ROOT / "content" / "gpu_presets.yaml").read_text(encoding="utf-8"))
    h100 = next(gpu for gpu in data["gpus"] if gpu["id"] == "h100-80gb")
    profile = {name: h100["profile"][name] for name in tool.PROFILE_NAMES}
    assert tool.table(h100, profile, data["fit"]) in DOC


def test_gpu_profiles_are_the_fit() -> None:
    """content/gpu_presets.yaml holds the profiles the fit tool computes (--check)."""
    assert fit_tool().main(["--check"]) == 0


def test_pycore_catalog_matches_content() -> None:
    """pycore/catalog.py holds the presets content/ describes (make catalog regenerates it)."""
    content = load_content(ROOT / "content", check_catalog=False)
    assert content.problems == []
    assert differences(content.data["catalog"]) == []

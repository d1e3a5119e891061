"""Read and validate everything in content/: the YAML data files and the Markdown sections.

Uses ``errors``, ``schema``, ``catalog`` and pycore (to check the use cases' parameters
against its ranges, and its preset catalog against content/). Nothing is raised for a
content mistake: every problem is collected in ``Content.problems``, located (file, line,
field), so the build can list them all.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import pycore
from sitegen.catalog import build_catalog, differences, read_api_models, read_managed
from sitegen.errors import BuildError, ContentProblem
from sitegen.schema import check_yaml, load_schema, problem_at

#: Data files in content/, each validated by content/schema/<stem>.schema.yaml.
DATA_FILES = (
    "site",
    "options",
    "use_cases",
    "factors",
    "strategy",
    "api_presets",
    "gpu_presets",
)


@dataclass
class Content:
    """Everything read from content/: parsed data plus the problems met on the way.

    ``nodes`` keeps each file's YAML node tree, so later checks can name lines.
    """

    data: dict[str, Any] = field(default_factory=dict)
    sections: list[dict[str, Any]] = field(default_factory=list)
    problems: list[ContentProblem] = field(default_factory=list)
    nodes: dict[Path, yaml.Node | None] = field(default_factory=dict)

    def check(self, path: Path, text: str, first_line: int, schema: dict[str, Any]) -> Any:
        """Parse and validate YAML ``text`` of ``path``; keep its nodes and problems."""
        data, node, problems = check_yaml(path, text, first_line, schema)
        self.nodes[path] = node
        self.problems += problems
        return data


def load_content(content_dir: Path, *, check_catalog: bool = True) -> Content:
    """Read and validate every data file and section of ``content_dir``.

    The presets are kept in ``data["catalog"]``; with ``check_catalog`` a pycore/catalog.py
    that no longer matches them is a problem (``make catalog`` regenerates it).
    """
    content = Content()
    if not content_dir.is_dir():
        raise BuildError(f"{content_dir}: content folder not found")
    for stem in DATA_FILES:
        path = content_dir / f"{stem}.yaml"
        if not path.is_file():
            content.problems.append(ContentProblem(path, None, "(file)", "file is missing"))
            continue
        text = read_text(path, content)
        if text is not None:
            content.data[stem] = content.check(path, text, 1, load_schema(content_dir, stem))
    section_paths = sorted((content_dir / "sections").glob("*.md"))
    if not section_paths:
        content.problems.append(
            ContentProblem(content_dir / "sections", None, "(folder)", "no *.md sections found")
        )
    schema = load_schema(content_dir, "section")
    for path in section_paths:
        section = read_section(path, schema, content)
        if section is not None:
            content.sections.append(section)
    content.sections.sort(key=lambda section: section["order"])
    if not content.problems:
        presets = content_dir / "api_presets.yaml"
        models, problems = read_api_models(
            presets, content.data["api_presets"], content.nodes[presets]
        )
        managed, managed_problems = read_managed(
            presets, content.data["api_presets"], content.nodes[presets]
        )
        problems += managed_problems
        content.problems += problems
        content.data["catalog"] = build_catalog(content.data, models, managed)
        stale = differences(content.data["catalog"]) if check_catalog and not problems else []
        if stale:
            message = (
                f"expected pycore/catalog.py to hold these presets (run `make catalog`), "
                f"found different {', '.join(stale)}"
            )
            content.problems.append(ContentProblem(presets, None, "(presets)", message))
    if not content.problems:
        check_use_case_parameters(content_dir / "use_cases.yaml", content)
    return content


def read_text(path: Path, content: Content) -> str | None:
    """Read a content file as UTF-8, or record why it cannot be read and return None."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        found = f"byte {error.object[error.start]:#04x} at offset {error.start}"
        content.problems.append(
            ContentProblem(path, None, "(file)", f"expected UTF-8 text, found {found}")
        )
    except OSError as error:
        content.problems.append(ContentProblem(path, None, "(file)", f"cannot be read: {error}"))
    return None


def read_section(path: Path, schema: dict[str, Any], content: Content) -> dict[str, Any] | None:
    """Split a Markdown file into front matter (validated) and body."""
    text = read_text(path, content)
    if text is None:
        return None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        content.problems.append(
            ContentProblem(path, 1, "(front matter)", "expected a first line '---', found none")
        )
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        content.problems.append(
            ContentProblem(path, 1, "(front matter)", "expected a closing '---' line, found none")
        )
        return None
    known_problems = len(content.problems)
    meta = content.check(path, "".join(lines[1:end]), 2, schema)
    if not isinstance(meta, dict) or len(content.problems) > known_problems:
        return None
    return {**meta, "body": "".join(lines[end + 1 :]), "path": path}


def check_use_case_parameters(path: Path, content: Content) -> None:
    """Check each use case's presets, parameters and volumes against pycore's ranges."""
    node = content.nodes[path]

    def report(where: list[str | int], message: str) -> None:
        content.problems.append(problem_at(path, node, where, message))

    for index, case in enumerate(content.data["use_cases"]):
        for view, parameters in (
            ("parameters", use_case_parameters(case)),
            ("detailed", detailed_parameters(case)),
        ):
            try:
                pycore.validate_parameters(parameters)
            except pycore.ParameterError as error:
                where: list[str | int] = [index, view, error.name]
                if view == "detailed":
                    where = [index, "detailed", "parameters", error.name]
                if error.name == "monthly_inferences":
                    where = [index, "drivers"] if view == "parameters" else [index, "detailed"]
                report(where, f"expected {error.expected}, found {error.found!r}")


def use_case_parameters(case: Mapping[str, Any]) -> dict[str, Any]:
    """Return a use case's simple-view parameters, its volume the product of its drivers."""
    volume = math.prod(driver["value"] for driver in case["drivers"])
    return {"monthly_inferences": volume, **case["parameters"]}


def detailed_parameters(case: Mapping[str, Any]) -> dict[str, Any]:
    """Return a use case's detailed-view parameters (presets named, not expanded).

    Its volume is the product of the detailed view's own drivers, else the seed's.
    """
    detailed = case["detailed"]
    drivers = detailed.get("drivers", case["drivers"])
    return {
        "monthly_inferences": math.prod(driver["value"] for driver in drivers),
        **detailed["parameters"],
    }

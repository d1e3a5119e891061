"""YAML checked against a JSON Schema, with every problem located: file, line and field.

Uses ``errors``. The schemas are JSON Schema (draft 2020-12) written in YAML, one per kind
of content file (content/schema/<stem>.schema.yaml); each schema error is worded as
``expected X, found Y``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from sitegen.errors import BuildError, ContentProblem


def load_schema(content_dir: Path, stem: str) -> dict[str, Any]:
    """Load the JSON Schema (written in YAML) for one kind of content file."""
    path = content_dir / "schema" / f"{stem}.schema.yaml"
    try:
        schema: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise BuildError(f"{path}: cannot read schema: {error}") from error
    return schema


def check_yaml(
    path: Path, text: str, first_line: int, schema: dict[str, Any]
) -> tuple[Any, yaml.Node | None, list[ContentProblem]]:
    """Parse YAML ``text`` and validate it; return its data, its node tree and the problems.

    ``first_line`` is the file line on which ``text`` starts (front matter starts on 2).
    The data and the node tree are None when the text does not parse.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        return None, None, [ContentProblem(path, line, "(syntax)", f"invalid YAML: {problem}")]
    validator = jsonschema.Draft202012Validator(schema)
    problems = [
        problem_at(path, node, list(error.absolute_path), describe(error), first_line)
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
    ]
    return data, node, problems


def problem_at(
    path: Path, node: yaml.Node | None, where: list[str | int], message: str, first_line: int = 1
) -> ContentProblem:
    """Record ``message`` about the field at ``where``, on the line of its YAML node."""
    line = node_line(node, where)
    return ContentProblem(
        path, line + first_line if line is not None else None, dotted(where), message
    )


def node_line(node: yaml.Node | None, where: Sequence[str | int]) -> int | None:
    """Return the 0-based line of the YAML node at ``where``, or of its nearest parent."""
    line = node.start_mark.line if node is not None else None
    for step in where:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            child = next((value for key, value in node.value if key.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            child = node.value[step] if step < len(node.value) else None
        if child is None:
            break
        node, line = child, child.start_mark.line
    return line


def dotted(where: Sequence[str | int]) -> str:
    """Name a field by its path: ['drivers', 0, 'value'] -> 'drivers[0].value'."""
    text = ""
    for step in where:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text or "(top level)"


def describe(error: jsonschema.ValidationError) -> str:
    """Word a schema error as 'expected X, found Y'."""
    found = json.dumps(error.instance, default=str)
    if len(found) > 60:
        found = found[:57] + "..."
    if error.validator == "additionalProperties":
        schema = error.schema if isinstance(error.schema, dict) else {}
        known = schema.get("properties", {})
        instance = error.instance if isinstance(error.instance, dict) else {}
        extra = sorted(set(instance) - set(known))
        allowed = ", ".join(known)
        return f"expected only the keys ({allowed}), found unknown key {', '.join(extra)}"
    if error.validator == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        required = error.validator_value if isinstance(error.validator_value, list) else []
        missing = [key for key in required if key not in present]
        return f"expected a key {', '.join(missing)}, found none"
    expected = {
        "type": f"a value of type {error.validator_value}",
        "enum": f"one of {error.validator_value}",
        "minimum": f"a number of at least {error.validator_value}",
        "maximum": f"a number of at most {error.validator_value}",
        "exclusiveMinimum": f"a number above {error.validator_value}",
        "minLength": "a non-empty text",
        "maxLength": f"a text of at most {error.validator_value} characters",
        "minItems": f"at least {error.validator_value} item(s)",
        "maxItems": f"at most {error.validator_value} item(s)",
        "pattern": f"a text matching {error.validator_value}",
        "const": f"the value {error.validator_value}",
    }.get(str(error.validator), error.message)
    return f"expected {expected}, found {found}"

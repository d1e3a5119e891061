"""Command line: ``python -m pycore PARAM=VALUE ... [--format table|json|csv]``.

Prints every result of :func:`pycore.compute` for the given parameters (the rest take their
defaults). Shares are fractions (``monthly_growth=0.05`` is 5% a month); ``api_model`` and
``gpu_model`` take a preset id; ``off`` switches an optional parameter off. JSON keys are the
result names, with null for an empty result; CSV is the page's export. An unknown name, an
empty or bad value is reported on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from pycore.engine import compute
from pycore.export import scenario_csv
from pycore.formatting import format_number
from pycore.parameters import PARAMETERS, PRESETS
from pycore.results import RESULTS
from pycore.specs import ParameterError


def parse_assignments(items: Sequence[str]) -> dict[str, str]:
    """Turn ``["NAME=VALUE", ...]`` into a dict; raise ParameterError on a malformed item."""
    parameters: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ParameterError(item, "NAME=VALUE", item)
        parameters[name.strip()] = value
    return parameters


def table(report: dict[str, object]) -> str:
    """Format the presets and results as an aligned two-column table with units."""
    text, parameters = report["text"], report["parameters"]
    assert isinstance(text, dict)
    assert isinstance(parameters, dict)
    width = max(
        len(label) for label in [spec.label for spec in RESULTS] + [p.label for p in PRESETS]
    )
    rows = [
        f"{spec.label:<{width}}  {parameters[spec.name] or 'custom'}  (preset)" for spec in PRESETS
    ]
    rows += [f"{spec.label:<{width}}  {text[spec.name]}  ({spec.shown_unit})" for spec in RESULTS]
    sentences = [
        report[key] for key in ("verdict", "summary", "latency_summary", "horizon_summary")
    ]
    return "\n".join([*rows, "", *map(str, sentences)])


def _epilog() -> str:
    """List every parameter with its unit, range and default for --help."""
    lines = ["parameters (unit; range; default):"]
    lines += [f"  {spec.name} (preset id, or custom; default custom)" for spec in PRESETS]
    for spec in PARAMETERS:
        default = "off" if spec.default is None else format_number(spec.default)
        lines.append(
            f"  {spec.name} ({spec.unit}; {format_number(spec.minimum)} to "
            f"{format_number(spec.maximum)}; default {default})"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 2 bad parameters)."""
    parser = argparse.ArgumentParser(
        prog="python -m pycore",
        description="Compare a pay-per-call LLM API with a self-hosted fine-tuned model.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("assignments", nargs="*", metavar="PARAM=VALUE")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    args = parser.parse_args(argv)
    try:
        report = compute(parse_assignments(args.assignments), allow_empty=False)
    except ParameterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    presets = report["presets"]
    assert isinstance(presets, dict)
    for spec in PRESETS:
        note = presets[spec.name]["note"]
        if note:
            print(f"note: {spec.name}: {note}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(report["results"], indent=2, allow_nan=False))
    elif args.format == "csv":
        sys.stdout.write(scenario_csv(report))
    else:
        print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

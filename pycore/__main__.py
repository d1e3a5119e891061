"""Command line: ``python -m pycore PARAM=VALUE ... [--format table|json|csv]``.

Prints every result of :func:`pycore.compute` for the given parameters (the rest take
their defaults). JSON keys are the result names, with null for an empty result; CSV is
the page's export (parameters, results and cost curves). An unknown name or a bad value
is reported on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from pycore.engine import RESULTS, compute
from pycore.export import scenario_csv
from pycore.formatting import format_number
from pycore.parameters import PARAMETERS, ParameterError


def parse_assignments(items: Sequence[str]) -> dict[str, str]:
    """Turn ``["NAME=VALUE", ...]`` into a dict; raise ParameterError on a malformed item."""
    parameters: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise ParameterError(item, "NAME=VALUE", item)
        parameters[name.strip()] = value
    return parameters


def table(report: dict[str, object]) -> str:
    """Format the results as an aligned two-column table with units."""
    text = report["text"]
    assert isinstance(text, dict)
    width = max(len(spec.label) for spec in RESULTS)
    rows = [f"{spec.label:<{width}}  {text[spec.name]}  ({spec.unit})" for spec in RESULTS]
    return "\n".join([*rows, "", str(report["summary"]), str(report["horizon_summary"])])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code (0 ok, 2 bad parameters)."""
    parser = argparse.ArgumentParser(
        prog="python -m pycore",
        description="Compare a pay-per-call LLM API with a self-hosted fine-tuned model.",
        epilog="parameters (unit; range; default):\n"
        + "\n".join(
            f"  {spec.name} ({spec.unit}; {format_number(spec.minimum)} to "
            f"{format_number(spec.maximum)}; "
            f"default {'off' if spec.default is None else format_number(spec.default)})"
            for spec in PARAMETERS
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("assignments", nargs="*", metavar="PARAM=VALUE")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    args = parser.parse_args(argv)
    try:
        report = compute(parse_assignments(args.assignments))
    except ParameterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(report["results"], indent=2, allow_nan=False))
    elif args.format == "csv":
        sys.stdout.write(scenario_csv(report))
    else:
        print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

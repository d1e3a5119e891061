"""The decision memo: the verdict, what would change it, every option, the costs, the pilot
and every assumption with its source, on at most three printed pages or as Markdown.

:func:`memo` gathers the memo's parts from a report (plain text, ready to print);
:func:`memo_markdown` writes the same parts as a Markdown document ("Download memo").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pycore.explain import assumptions, preset_sources, with_bases
from pycore.parameters import GROUPS
from pycore.results import RESULTS, Report

__all__ = ["OPTION_COLUMNS", "THRESHOLDS", "memo", "memo_markdown"]

#: The results that say what would change the verdict, in the memo's order.
THRESHOLDS = (
    "breakeven_inferences",
    "sustained_breakeven_inferences",
    "breakeven_api_cost_per_1k",
    "breakeven_gpu_hourly",
    "best_routed_share",
    "payback_months",
)
#: The options table's columns: (key of each option's ``text``, heading).
OPTION_COLUMNS = (
    ("monthly", "Per month"),
    ("success_rate", "Success rate"),
    ("cost_per_1k_success", "Per 1,000 successful answers"),
    ("p95_ms", "p95 first token"),
    ("upfront", "Upfront"),
    ("payback_months", "Payback"),
)
_SPECS = {spec.name: spec for spec in RESULTS}
_HEADINGS = dict(GROUPS)


def _with_unit(name: str, text: str) -> str:
    """A threshold's text with its unit ("14,153,889 requests per month", "$1.97 per
    GPU-hour"); shares and sentences already read whole."""
    unit = _SPECS[name].unit
    if text[:1].isdigit() and not text.endswith("%"):
        return f"{text} {unit}"
    if text.startswith("$"):
        return f"{text} {unit.removeprefix('USD ')}"
    return text


def _part(report: Report, key: str) -> Mapping[str, object]:
    part = report[key]
    assert isinstance(part, Mapping), key
    return part


def _rows(report: Report, key: str) -> Sequence[Mapping[str, object]]:
    part = report[key]
    assert isinstance(part, list), key
    return part


def memo(report: Report) -> dict[str, object]:
    """Return the memo's parts as display text:

    - ``verdict``: the verdict sentence; ``summary`` and ``horizon``: the cost and horizon
      sentences; ``latency``: the latency sentence;
    - ``thresholds``: ``[[label, value]]``, what would change the verdict;
    - ``options``: ``{"columns": [heading], "rows": [[name, cells..., note]]}``;
    - ``costs``: the cost table ``[[volume, API, fine-tuned]]`` at each power of ten;
    - ``timeline``: cumulative costs at the end of each year and of the horizon;
    - ``pilot``: the pilot plan's sentences; ``uncertainty``: the odds' summary or None;
    - ``assumptions``: ``[[group, label, value, source]]`` for every input the scenario
      uses (:func:`pycore.explain.assumptions`), and ``presets``: ``[[preset, source]]``,
      the full source of each preset they cite.
    """
    text = _part(report, "text")
    options = _rows(report, "options")
    timeline = _part(report, "timeline")
    months = timeline["table"]
    assert isinstance(months, list)
    last = len(months) - 1
    pilot = _part(report, "pilot")["text"]
    assert isinstance(pilot, Mapping)
    uncertainty = report["uncertainty"]
    presets = _part(report, "presets")
    parameters = with_bases(
        _part(report, "parameters"),
        {
            name: origin.get("base")
            for name, origin in presets.items()
            if isinstance(origin, Mapping)
        },
    )
    inactive = report["inactive"]
    assert isinstance(inactive, list)
    return {
        "verdict": report["verdict"],
        "summary": report["summary"],
        "horizon": report["horizon_summary"],
        "latency": report["latency_summary"],
        "thresholds": [
            [_SPECS[name].label, _with_unit(name, str(text[name]))] for name in THRESHOLDS
        ],
        "options": {
            "columns": ["Option", *(heading for _, heading in OPTION_COLUMNS), "Note"],
            "rows": [
                [
                    str(option["name"]) + (" (recommended)" if option["recommended"] else ""),
                    *(str(option["text"][key]) for key, _ in OPTION_COLUMNS),  # type: ignore[index]
                    str(option["text"]["misses"]),  # type: ignore[index]
                ]
                for option in options
            ],
        },
        "costs": report["table"],
        "timeline": [row for month, row in enumerate(months) if month % 12 == 0 or month == last],
        "pilot": [str(pilot[key]) for key in ("run", "cost", "limits")],
        "uncertainty": None if not isinstance(uncertainty, Mapping) else uncertainty.get("summary"),
        "assumptions": [
            [_HEADINGS[row["group"]], row["label"], row["value"], row["source"]]
            for row in assumptions(parameters, inactive)
        ],
        "presets": preset_sources(parameters),
    }


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A Markdown table (pipes in cells escaped)."""

    def line(cells: Sequence[object]) -> str:
        return "| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |"

    return [line(header), line(["---"] * len(header)), *(line(row) for row in rows), ""]


def memo_markdown(parts: Mapping[str, object], link: str = "") -> str:
    """Write the memo of :func:`memo` as Markdown; ``link`` (the scenario's address) is
    printed under the title when given."""
    options = parts["options"]
    assert isinstance(options, Mapping)
    lines = ["# Fine-tune or API: decision memo", ""]
    if link:
        lines += [f"Scenario: <{link}>", ""]
    lines += ["## Verdict", "", str(parts["verdict"]), "", str(parts["summary"]), ""]
    lines += ["## What would change it", ""]
    lines += _table(["Threshold", "Value"], parts["thresholds"])  # type: ignore[arg-type]
    lines += ["## Every option", ""]
    lines += _table(options["columns"], options["rows"])
    lines += ["## Monthly cost by volume", ""]
    lines += _table(["Requests a month", "API", "Fine-tuned"], parts["costs"])  # type: ignore[arg-type]
    lines += ["## Over the horizon", "", str(parts["horizon"]), ""]
    lines += _table(["Month", "API, cumulative", "Fine-tuned, cumulative"], parts["timeline"])  # type: ignore[arg-type]
    lines += ["## Latency", "", str(parts["latency"]), ""]
    if parts["uncertainty"]:
        lines += ["## Uncertainty", "", str(parts["uncertainty"]), ""]
    lines += ["## The pilot", ""]
    lines += [f"{sentence}\n" for sentence in parts["pilot"]]  # type: ignore[attr-defined]
    lines += ["## Assumptions", ""]
    lines += _table(["Group", "Input", "Value", "Source"], parts["assumptions"])  # type: ignore[arg-type]
    if parts["presets"]:
        lines += ["### Presets", ""]
        lines += [f"- **{what}**: {source}" for what, source in parts["presets"]]  # type: ignore[attr-defined]
        lines += [""]
    return "\n".join(lines)

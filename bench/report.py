"""The report: the Markdown table of figures against targets, and BENCHMARKS.md.

Uses ``figures`` and ``method`` (the document's fixed prose).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple, dataclass
from typing import Any

from bench.figures import MB, fmt_mb, fmt_ms, fmt_ms2
from bench.method import COMMANDS, LEVERS, METHOD

#: Engine ready, as a share of the stock loadPyodide()'s ready time in the same run.
READY_RATIO = 0.40
#: Input to DOM and chart updated, p95, as a share of the stock boot time of the same run
#: (16 ms where stock boots in 2 s), so that a busier machine neither passes nor fails by luck.
LATENCY_SHARE = 0.008
#: The Monte Carlo of 10,000 draws in the worker, from request to odds (median).
SIMULATION_MS = 300
#: One frame at 60 Hz: an input during a simulation updates within it (p95).
FRAME_MS = 1000 / 60
#: First visit until ready, gzip -6; offline.html, raw.
FIRST_VISIT_MB = 4.4
OFFLINE_MB = 7


@dataclass
class Row:
    """One line of the Markdown table."""

    figure: str
    bare: str
    page: str
    target: str
    status: str


def status(value: float | None, ok: Callable[[float], bool], reason: str = "") -> str:
    """'met', 'not met' or why it was not measured."""
    if value is None:
        return f"not measured{f' ({reason})' if reason else ''}"
    return "met" if ok(value) else "**not met**"


def failed_runs(name: str, summary: dict[str, Any]) -> str:
    """'' when every cold run of a page reached ready, else how many did not."""
    failed = [state for state in summary["states"] if state != "ready"]
    return f"{name}: {len(failed)} of {summary['runs']} runs {failed[0]}" if failed else ""


def timing_rows(results: dict[str, Any]) -> list[Row]:
    """FCP, results visible, ready and the ratio."""
    bare, page = results["bare"], results["page"]
    ratio = results["ready_ratio"]
    painted = results["results_paint"]["results_painted_ms"]
    return [
        Row(
            "First contentful paint",
            fmt_ms(bare["fcp_ms"]),
            fmt_ms(page["fcp_ms"]),
            "≤ 300 ms",
            status(page["fcp_ms"], lambda v: v <= 300),
        ),
        Row(
            "Default results painted, in view (`#analyzer`, Element Timing)",
            "n/a",
            fmt_ms(painted),
            "— (≈ FCP)",
            "info" if painted is not None else "not measured",
        ),
        Row(
            "Default results painted, page top (below the fold)",
            "n/a",
            fmt_ms(page["results_painted_ms"]),
            "— (≈ FCP)",
            "info" if page["results_painted_ms"] is not None else "not measured",
        ),
        Row(
            "Engine ready (`data-engine=ready`)",
            fmt_ms(bare["ready_ms"]),
            fmt_ms(page["ready_ms"]),
            "—",
            "; ".join(filter(None, (failed_runs(n, results[n]) for n in ("bare", "page"))))
            or "info",
        ),
        Row(
            "Ready ratio b/a",
            "",
            "—" if ratio is None else f"{ratio:.2f}",
            f"≤ {READY_RATIO:.2f}",
            status(ratio, lambda v: v <= READY_RATIO),
        ),
    ]


def latency_target(results: dict[str, Any]) -> float | None:
    """The input-latency target of this run: LATENCY_SHARE x the stock boot's median."""
    stock = results["bare"]["ready_ms"]
    return None if stock is None else LATENCY_SHARE * stock


def latency_rows(results: dict[str, Any]) -> list[Row]:
    """Input-to-update latency in the detailed view."""
    latency = results["latency"]
    limit = latency_target(results)
    target = f"≤ {LATENCY_SHARE} x stock boot" + (
        "" if limit is None else f" ({fmt_ms(results['bare']['ready_ms'])}) = {limit:.1f} ms"
    )
    if "error" in latency:
        return [Row("Input → update", "n/a", "—", target, f"not measured ({latency['error']})")]
    events = latency["events"]
    where = "detailed view, GPU preset"
    charted = latency.get("chart_updated", 0)
    if not latency.get("chart_in_view") or charted < events:
        where += f"; cost chart updated in {charted} of {events} events"
    # The page updates the DOM and redraws the chart in the same task (main.js, on a result);
    # the mutation observer fires after that task, so "DOM updated" includes the chart.
    return [
        Row(
            f"Input → DOM and chart updated, p50 ({events} events, {where})",
            "n/a",
            fmt_ms2(latency["dom_p50_ms"]),
            "—",
            "info",
        ),
        Row(
            f"Input → DOM and chart updated, p95 ({events} events, {where})",
            "n/a",
            fmt_ms2(latency["dom_p95_ms"]),
            target,
            status(latency["dom_p95_ms"] if limit else None, lambda v: v <= (limit or 0)),
        ),
        Row(
            "Input → next frame painted, p50",
            "n/a",
            fmt_ms2(latency["frame_p50_ms"]),
            "—",
            "info",
        ),
        Row(
            "Input → next frame painted, p95",
            "n/a",
            fmt_ms2(latency["frame_p95_ms"]),
            "—",
            "info (adds up to one frame, 16.7 ms, of waiting)",
        ),
    ]


def simulation_rows(results: dict[str, Any]) -> list[Row]:
    """The Monte Carlo in the worker, and inputs made while it runs."""
    simulation = results.get("simulation") or {"error": "not run"}
    if "error" in simulation:
        reason = f"not measured ({simulation['error']})"
        return [
            Row("Monte Carlo, 10,000 draws", "n/a", "—", f"≤ {SIMULATION_MS} ms", reason),
            Row("Input during a simulation", "n/a", "—", f"p95 ≤ {FRAME_MS:.1f} ms", reason),
        ]
    runs, during = simulation["runs"], simulation["during_events"]
    return [
        Row(
            f"Monte Carlo, 10,000 draws, request → odds in the worker (median of {runs})",
            "n/a",
            fmt_ms(simulation["simulation_p50_ms"]),
            f"≤ {SIMULATION_MS} ms",
            status(simulation["simulation_p50_ms"], lambda v: v <= SIMULATION_MS),
        ),
        Row(
            f"Input during a simulation → DOM and chart updated, p95 ({during} events)",
            "n/a",
            fmt_ms2(simulation["during_p95_ms"]),
            f"≤ {FRAME_MS:.1f} ms (one frame)",
            status(simulation["during_p95_ms"], lambda v: v <= FRAME_MS),
        ),
    ]


def bytes_rows(results: dict[str, Any]) -> list[Row]:
    """First-visit transfer of both pages."""
    bare = results["bare"]["first_visit"] or {}
    page = results["page"]["first_visit"] or {}
    gzip_page = page.get("gzip_bytes")
    return [
        Row(
            "First visit until ready, raw",
            fmt_mb(bare.get("raw_bytes")),
            fmt_mb(page.get("raw_bytes")),
            "—",
            "info",
        ),
        Row(
            "First visit until ready, gzip -6",
            fmt_mb(bare.get("gzip_bytes")),
            fmt_mb(gzip_page),
            f"≤ {FIRST_VISIT_MB:.2f} MB",
            status(gzip_page, lambda v: v <= FIRST_VISIT_MB * MB),
        ),
        Row(
            "First visit until ready, files",
            str(bare.get("files", "—")),
            str(page.get("files", "—")),
            "—",
            "info",
        ),
    ]


def offline_rows(results: dict[str, Any]) -> list[Row]:
    """offline.html size and boot."""
    offline = results["offline"]
    if "skipped" in offline:
        note = offline["skipped"]
        return [
            Row("offline.html size", "n/a", "—", "≤ 7 MB", f"not measured ({note})"),
            Row(
                "offline.html boot from file://",
                "n/a",
                "—",
                "≤ 1.5 x served ready",
                f"not measured ({note})",
            ),
        ]
    ready = results["page"]["ready_ms"]
    limit = 1.5 * ready if ready is not None else None
    boot = offline["boot_ms"] if limit is not None else None
    failed = offline["failed_runs"]
    reason = f"{failed} of {len(offline['samples'])} boots failed: {offline['failure']}"
    return [
        Row(
            "offline.html size (raw / gzip)",
            "n/a",
            f"{fmt_mb(offline['raw_bytes'])} / {fmt_mb(offline['gzip_bytes'])}",
            f"≤ {OFFLINE_MB} MB (raw)",
            status(offline["raw_bytes"], lambda v: v <= OFFLINE_MB * MB),
        ),
        Row(
            "offline.html boot from file://",
            "n/a",
            fmt_ms(boot),
            f"≤ 1.5 x served ready ({fmt_ms(limit)})",
            status(boot, lambda v: v <= (limit or 0), reason if failed else "")
            + (f"; {reason}" if failed and boot is not None else ""),
        ),
    ]


def build_rows(results: dict[str, Any]) -> list[Row]:
    """Build time and Lighthouse."""
    build = results["build"]
    rows = [
        Row(
            f"Full build (`build.py`, median of {len(build['seconds'])})",
            "n/a",
            "—" if build["median_s"] is None else f"{build['median_s']:.2f} s",
            "≤ 3 s",
            status(build["median_s"], lambda v: v <= 3, build.get("error") or ""),
        )
    ]
    lighthouse = results["lighthouse"]
    targets = {"performance": 95.0, "accessibility": 100.0, "best-practices": 100.0, "seo": 100.0}
    for name, target in targets.items():
        score = lighthouse.get("scores", {}).get(name)
        reason = lighthouse.get("skipped", "")
        rows.append(
            Row(
                f"Lighthouse {name}",
                "n/a",
                "—" if score is None else str(score),
                f"≥ {target:.0f}" if target < 100 else "100",
                status(score, target.__le__, reason),
            )
        )
    return rows


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table(results: dict[str, Any]) -> str:
    """The comparison table."""
    rows = [
        *timing_rows(results),
        *latency_rows(results),
        *simulation_rows(results),
        *bytes_rows(results),
        *offline_rows(results),
        *build_rows(results),
    ]
    lines = [
        "| Figure | (a) bare `loadPyodide()` | (b) this page | Target | Status |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    lines += ["| " + " | ".join(map(cell, astuple(row))) + " |" for row in rows]
    return "\n".join(lines)


def markdown_machine(machine: dict[str, Any]) -> str:
    """The machine description as a list."""
    return "\n".join(f"- **{key.replace('_', ' ')}**: {value}" for key, value in machine.items())


def markdown_document(results: dict[str, Any]) -> str:
    """BENCHMARKS.md."""
    settings = results["settings"]
    return (
        "\n\n".join(
            [
                "# Benchmarks",
                "Generated by `make bench` (`python bench/run.py`); do not edit by hand. "
                f"Cold runs per page: {settings['runs']}; input events: {settings['events']}.",
                "## Results",
                markdown_table(results),
                "## Machine",
                markdown_machine(results["machine"]),
                METHOD.rstrip(),
                LEVERS.rstrip(),
                COMMANDS.rstrip(),
            ]
        )
        + "\n"
    )

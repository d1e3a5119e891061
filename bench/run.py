"""Benchmark the built page against a bare ``loadPyodide()`` page in headless Chromium.

Usage: ``python bench/run.py [--runs N] [--events N] [--out bench/results.json]``.

It builds the site into a temporary folder (timing the build), writes a bare page that only
calls the stock ``loadPyodide()`` of the vendored npm package beside it, serves both from
one local HTTP server and loads each page cold (a new browser context per run) ``--runs``
times, alternating. It writes the figures to ``--out`` (JSON) and a Markdown table to
``--markdown`` (BENCHMARKS.md), and prints the table. The method is described in the
Markdown it writes. The parts live in the ``bench`` package beside this script.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

if __package__ in {None, ""}:  # run as a script (python bench/run.py): import bench.* from the root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from bench.figures import fmt_ms, log, median
from bench.latency import DETAILED_QUERY, RANGED_QUERY, measure_latency, measure_simulation
from bench.lighthouse import LIGHTHOUSE, run_lighthouse
from bench.report import markdown_document, markdown_table
from bench.serving import ROOT, BuildResult, RequestLog, build_site, prepare_bare, serve
from bench.summary import (
    latency_summary,
    machine_info,
    offline_summary,
    page_summary,
    simulation_summary,
)
from bench.visits import VIEWPORT, Visit, measure_offline, measure_results_paint, visit

BENCH = ROOT / "bench"
BUILDS = 3
OFFLINE_RUNS = 5
SIMULATION_RUNS = 7


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="cold runs per page (at least 7)")
    parser.add_argument("--events", type=int, default=60, help="input events (at least 50)")
    parser.add_argument("--out", type=Path, default=BENCH / "results.json", help="JSON output")
    parser.add_argument("--markdown", type=Path, default=ROOT / "BENCHMARKS.md", help="table")
    parser.add_argument("--lighthouse", type=Path, default=LIGHTHOUSE, help="lighthouse binary")
    args = parser.parse_args(argv)
    if args.runs < 7 or args.events < 50:
        parser.error("--runs must be at least 7 and --events at least 50")
    return args


def measure_pages(
    browser: Browser, base: str, request_log: RequestLog, runs: int
) -> tuple[list[Visit], list[Visit]]:
    """Alternate cold visits of the bare page and the site."""
    bare: list[Visit] = []
    page: list[Visit] = []
    for index in range(runs):
        for name, url, sink in (
            ("bare", f"{base}/bare/bare.html", bare),
            ("page", f"{base}/site/index.html", page),
        ):
            one = visit(browser, url, request_log, bare=name == "bare")
            sink.append(one)
            log(
                f"run {index + 1}/{runs} {name}: {one.state}, FCP {fmt_ms(one.fcp)}, "
                f"ready {fmt_ms(one.ready)}"
            )
    return bare, page


def measure_all(args: argparse.Namespace, work: Path, build: BuildResult) -> dict[str, Any]:
    """Everything measured in the browser, plus Lighthouse, on the prepared folder."""
    load_start = os.getloadavg()[0]
    request_log = RequestLog()
    offline_path = work / "site" / "offline.html"
    with serve(work, request_log) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        log(f"serving {work} on {base}; Chromium {browser.version}")
        bare, page = measure_pages(browser, base, request_log, args.runs)
        log(f"input latency: {args.events} events in the detailed view")
        detailed = f"{base}/site/index.html{DETAILED_QUERY}"
        try:
            latency = latency_summary(measure_latency(browser, detailed, args.events))
        except Exception as error:  # reported as not measured
            latency = {"error": str(error).splitlines()[0]}
        log(f"Monte Carlo: {SIMULATION_RUNS} simulations, then {args.events} inputs during one")
        ranged = f"{base}/site/index.html{RANGED_QUERY}"
        try:
            simulation = simulation_summary(
                measure_simulation(browser, ranged, SIMULATION_RUNS, args.events)
            )
        except Exception as error:  # reported as not measured
            simulation = {"error": str(error).splitlines()[0]}
        log(f"default results painted: {args.runs} cold visits of index.html#analyzer")
        paint = measure_results_paint(browser, f"{base}/site/index.html", args.runs)
        offline_times = None
        if offline_path.exists():
            offline_times = measure_offline(browser, offline_path, OFFLINE_RUNS)
        else:
            log("offline.html: not built yet, skipped")
        machine = machine_info(browser.version)
        browser.close()
        log("Lighthouse")
        lighthouse = run_lighthouse(f"{base}/site/index.html", args.lighthouse, work)
    bare_summary, page_summary_ = page_summary(bare), page_summary(page)
    ready_a, ready_b = bare_summary["ready_ms"], page_summary_["ready_ms"]
    return {
        "machine": {
            **machine,
            "load_average_1min": f"{load_start:.2f} at start, {os.getloadavg()[0]:.2f} at end",
        },
        "settings": {"runs": args.runs, "events": args.events, "viewport": VIEWPORT},
        "bare": bare_summary,
        "page": page_summary_,
        "ready_ratio": ready_b / ready_a if ready_a and ready_b else None,
        "latency": latency,
        "simulation": simulation,
        "results_paint": {
            "url": "site/index.html#analyzer",
            "fcp_ms": median([sample["fcp"] for sample in paint]),
            "results_painted_ms": median([sample["results_painted"] for sample in paint]),
            "samples": paint,
        },
        "offline": offline_summary(offline_path, offline_times),
        "build": {**asdict(build), "median_s": median(build.seconds)},
        "lighthouse": lighthouse,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit code (0 when every figure was written)."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        work = Path(temp)
        log(f"building the site {BUILDS} times into {work / 'site'}")
        build = build_site(work / "site", BUILDS)
        if build.error is not None:
            log(f"build failed: {build.error}")
            return 1
        prepare_bare(work / "bare")
        results = measure_all(args, work, build)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    args.markdown.write_text(markdown_document(results), encoding="utf-8")
    log(f"wrote {args.out} and {args.markdown}")
    print(markdown_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

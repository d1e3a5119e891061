"""Compare the engine's ready time of built site variants, in interleaved cold visits.

Usage: ``python bench/ab.py [--runs N] SITE_DIR [SITE_DIR ...]``.

Each SITE_DIR is a built site (``python build.py --out DIR``, then edited as the
experiment needs). One local server per site; every round visits each site once, in turn,
in a new browser context (empty cache), so that the machine's drifting load falls on all
of them alike. The figure is the time from navigation to ``<html data-engine="ready">``,
taken by bench/probe.js as in bench/run.py (bench/visits.py); the table gives the median
and quartiles. This is how the levers in BENCHMARKS.md were kept or dropped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import sync_playwright

if __package__ in {None, ""}:  # run as a script (python bench/ab.py): import bench.* from the root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from bench.figures import log, percentile
from bench.serving import RequestLog, serve
from bench.visits import visit


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path, help="built site folders to compare")
    parser.add_argument("--runs", type=int, default=25, help="cold visits per site (default 25)")
    args = parser.parse_args(argv)
    if args.runs < 2:
        parser.error("--runs must be at least 2 (the table gives quartiles)")
    for site in args.sites:
        if not (site / "index.html").is_file():
            parser.error(f"{site}: no index.html (build it with `python build.py --out {site}`)")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Visit every site ``--runs`` times, interleaved, and print the ready times."""
    args = parse_args(argv)
    times: dict[Path, list[float]] = {site: [] for site in args.sites}
    requests = RequestLog()
    with ExitStack() as stack, sync_playwright() as playwright:
        urls = [stack.enter_context(serve(site, requests)) + "/" for site in args.sites]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for round_number in range(1, args.runs + 1):
            for site, url in zip(args.sites, urls, strict=True):
                one = visit(browser, url, requests, bare=False)
                if one.ready is None:
                    print(f"{site}: {one.state}", file=sys.stderr)
                    return 1
                times[site].append(one.ready)
            log(f"round {round_number}/{args.runs}")
        browser.close()
    print("| site | ready, median | p25 | p75 | runs |\n| --- | ---: | ---: | ---: | ---: |")
    for site, values in times.items():
        q1, q2, q3 = (percentile(values, q) for q in (25, 50, 75))
        print(f"| {site} | {q2:,.0f} ms | {q1:,.0f} ms | {q3:,.0f} ms | {len(values)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time pycore's compute for one input over seeded random scenarios (CPython, no browser).

Usage: ``python bench/engine_fuzz.py [--n 300] [--seed 0] [--ref DIR | --baseline FILE]
[--save FILE] [--check] [--top 5]``.

Each scenario is drawn at random (a GPU and an API model from the catalog, a volume from 1
to 10^12 requests a month, prompts, answers, latency targets, peaks, growth and the optional
inputs over their whole ranges; the draw of the expert review's fuzzer), and
:func:`pycore.compute` runs once on it with every remembered result of pycore forgotten
first, as a cold input. The script prints the median, p95 and max of the compute time in
milliseconds and the slowest scenarios. With ``--ref DIR`` it runs the same scenarios on the
``pycore`` package found in ``DIR`` as well (for example the main branch's, unpacked with
``git archive main pycore | tar -x -C DIR``) and prints both side by side; with ``--check``
it also compares the two reports, JSON text for JSON text, and lists every scenario whose
report differs. ``--save FILE`` writes this run's times and report digests (JSON), and
``--baseline FILE`` compares with a run saved so, instead of running ``--ref`` again.
Times are CPU time of the process (``time.process_time``), so that other work on a busy
machine counts less; they are not asserted anywhere: the machine is noisy, so measure twice.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def scenarios(count: int, seed: int) -> list[dict[str, object]]:
    """Draw ``count`` scenarios with ``seed`` (the catalog's ids are sorted: stable draws)."""
    from pycore.catalog import API_MODELS, GPU_MODELS  # noqa: PLC0415 - whichever pycore runs

    rng = random.Random(seed)
    gpus, apis = sorted(GPU_MODELS), sorted(API_MODELS)
    drawn: list[dict[str, object]] = []
    for _ in range(count):
        p: dict[str, object] = {"gpu_model": rng.choice(gpus)}
        api = rng.choice([*apis, None])
        if api is not None:
            p["api_model"] = api
        p["monthly_inferences"] = round(10 ** rng.uniform(0, 12))
        p["avg_input_tokens"] = round(10 ** rng.uniform(0, 6.2))
        p["avg_output_tokens"] = round(10 ** rng.uniform(0, 5.2))
        p["min_replicas"] = rng.choice([0, 1, 2, 5, 100])
        p["latency_slo_ms"] = 10 ** rng.uniform(0, 5.7)
        p["peak_to_average"] = rng.uniform(1, 100)
        p["horizon_months"] = rng.choice([12, 60, 120])
        p["monthly_growth"] = rng.choice([0, 0.05, 0.5, 1, -0.5])
        if rng.random() < 0.3:
            p["replica_throughput_tps"] = 10 ** rng.uniform(0, 7)
        if rng.random() < 0.3:
            p["cached_input_share"] = rng.random()
        if rng.random() < 0.3:
            p["finetuned_input_tokens"] = round(10 ** rng.uniform(0, 6))
        if rng.random() < 0.3:
            p["ops_monthly"] = 10 ** rng.uniform(0, 6)
        if rng.random() < 0.3:
            p["api_cost_per_1k"] = 10 ** rng.uniform(-3, 3)
            p.pop("api_model", None)
        drawn.append(p)
    return drawn


#: The expert review's reproduction cases (review 12, item 4).
REVIEW_CASES: list[dict[str, object]] = [
    {
        "gpu_model": "lambda/a10g-24gb",
        "api_model": "mistral/mistral-large-4",
        "monthly_inferences": 974312600,
        "avg_input_tokens": 13,
        "avg_output_tokens": 35,
        "latency_slo_ms": 96,
        "peak_to_average": 54,
        "cached_input_share": 0.46,
        "finetuned_input_tokens": 72647,
    },
    {"gpu_model": "runpod/h100-80gb", "api_model": "openai/gpt-6-luna", "monthly_inferences": 1e10},
    {"gpu_model": "runpod/h100-80gb", "api_model": "openai/gpt-6-luna", "monthly_inferences": 1e12},
    {
        "gpu_model": "runpod/h100-80gb",
        "api_model": "openai/gpt-6-luna",
        "monthly_inferences": 1e12,
        "min_replicas": 0,
    },
]


def run(cases: Sequence[dict[str, object]]) -> list[dict[str, Any]]:
    """Compute each case cold; return its time (ms), its report's digest or its error."""
    import pycore  # noqa: PLC0415 - this one, or --ref's in a worker
    from pycore.remember import forget_all  # noqa: PLC0415

    rows: list[dict[str, Any]] = []
    for case in cases:
        forget_all()
        start = time.process_time()
        try:
            report = pycore.compute(case)
        except Exception as error:  # an out-of-range draw: reported, not timed
            rows.append({"ms": None, "digest": f"{type(error).__name__}: {error}"})
            continue
        elapsed = (time.process_time() - start) * 1000
        text = json.dumps(report, sort_keys=True, allow_nan=False)
        rows.append({"ms": elapsed, "digest": hashlib.sha256(text.encode()).hexdigest()})
    return rows


def run_elsewhere(directory: Path, cases: Sequence[dict[str, object]]) -> list[dict[str, Any]]:
    """Run :func:`run` in a fresh interpreter whose ``pycore`` is the one in ``directory``."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(directory)]
    answer = subprocess.run(
        command, input=json.dumps(cases), capture_output=True, text=True, check=True
    )
    rows: list[dict[str, Any]] = json.loads(answer.stdout)
    return rows


def quantile(values: Sequence[float], share: float) -> float:
    """The ``share`` quantile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def stats(rows: Sequence[dict[str, Any]]) -> tuple[float, float, float, int]:
    """Median, p95 and max (ms), and how many took over 50 ms."""
    times = [row["ms"] for row in rows if row["ms"] is not None]
    return (
        quantile(times, 0.5),
        quantile(times, 0.95),
        max(times),
        sum(1 for t in times if t > 50),
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="random scenarios (default 300)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the draws")
    parser.add_argument("--ref", type=Path, help="a folder holding another pycore to compare")
    parser.add_argument("--baseline", type=Path, help="a run saved with --save, to compare")
    parser.add_argument("--save", type=Path, help="write this run's times and digests here")
    parser.add_argument("--check", action="store_true", help="compare reports with --ref's")
    parser.add_argument("--top", type=int, default=5, help="slowest scenarios to list")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return 1 when ``--check`` finds a differing report."""
    args = parse_args(argv)
    if args.worker is not None:  # a child of run_elsewhere: cases on stdin, rows on stdout
        sys.path.insert(0, str(args.worker.resolve()))
        print(json.dumps(run(json.loads(sys.stdin.read()))))
        return 0
    sys.path.insert(0, str(ROOT))
    cases = [*REVIEW_CASES, *scenarios(args.n, args.seed)]
    mine = run(cases)
    if args.save is not None:
        args.save.write_text(json.dumps({"cases": cases, "rows": mine}))
    theirs, label = None, ""
    if args.ref is not None:
        theirs, label = run_elsewhere(args.ref, cases), f"ref {args.ref}"
    elif args.baseline is not None:
        saved = json.loads(args.baseline.read_text())
        if saved["cases"] != json.loads(json.dumps(cases)):
            print("--baseline holds other scenarios (another --n or --seed)")
            return 2
        theirs, label = saved["rows"], f"baseline {args.baseline.name}"
    columns = [("this pycore", mine)] + ([(label, theirs)] if theirs else [])
    print(f"{args.n} random scenarios (seed {args.seed}), compute() per input, caches cleared")
    print(f"{'':24}{'median ms':>10}{'p95 ms':>10}{'max ms':>10}{'>50 ms':>8}")
    for label, rows in columns:
        median, p95, top, slow = stats(rows[len(REVIEW_CASES) :])
        print(f"{label[:24]:24}{median:10.2f}{p95:10.2f}{top:10.1f}{slow:8d}")
    print("\nreview cases (ms):")
    for index, case in enumerate(REVIEW_CASES):
        cells = "  ".join(f"{rows[index]['ms']:9.1f}" for _, rows in columns)
        print(f"  {cells}   {json.dumps(case)}")
    errors = sum(1 for row in mine if row["ms"] is None)
    if errors:
        print(f"\n{errors} draws out of range (not timed)")
    order = sorted(range(len(REVIEW_CASES), len(cases)), key=lambda i: -(mine[i]["ms"] or 0.0))
    print(f"\nslowest {args.top} with this pycore (ms):")
    for index in order[: args.top]:
        cells = "  ".join(f"{rows[index]['ms'] or 0.0:9.1f}" for _, rows in columns)
        print(f"  {cells}   {json.dumps(cases[index])}")
    if args.check and theirs is not None:
        differ = [i for i in range(len(cases)) if mine[i]["digest"] != theirs[i]["digest"]]
        print(f"\nreports differing from {label}'s: {len(differ)} of {len(cases)}")
        for index in differ[:20]:
            print(f"  {json.dumps(cases[index])}")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

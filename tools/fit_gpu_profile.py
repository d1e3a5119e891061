"""Fit the GPU serving profiles of content/gpu_presets.yaml and print the fit, shape by shape.

Usage: ``python tools/fit_gpu_profile.py [--check]``.

The measured GPU (the one with ``measurements``) gets ``prefill_tps``, ``decode_tps`` and
``decode_step_ms`` fitted to its measured shapes, ``kv_cache_tokens`` and
``min_decode_step_ms`` being its own measured figures. The fit minimizes the sum of squared
log-ratios between pycore's predictions and the measurements, at each shape, of two
figures: the saturated throughput (``1 / t_req``, requests per second) and the highest load
meeting the benchmark's latency criterion (one replica run flat out, the ``fit`` section's
quantile of time to first token and median inter-token latency within its targets). The
minimizer is Nelder-Mead in log space, written out here: the fit is a tool, not a page
feature, and needs no library.

Every other GPU's profile is estimated from the fitted one and its published hardware
figures (the roofline of pycore/serving.py):

- ``prefill_tps`` and ``decode_tps`` (the compute side) scale with dense BF16 compute;
  ``decode_tps`` is also held to ``MAX_SLOTS / min_decode_step_ms``, the most tokens a step
  that reads the weights once can yield;
- ``min_decode_step_ms`` reads the weights: the H100's measured figure times the H100's
  memory bandwidth over the GPU's (the same weights at a slower read);
- ``decode_step_ms`` adds the read of a full KV cache: the H100's (``decode_step_ms -
  min_decode_step_ms``) times the GPU's KV cache over the H100's, times the bandwidths'
  ratio. Both reads thus run at the share of peak bandwidth the H100 reached.

Without ``--check`` it prints each GPU's profile (rounded as the YAML keeps it) and the
Markdown table of predictions against measurements that docs/model.md shows. With
``--check`` it exits 1 when content/gpu_presets.yaml differs from what it computes.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pycore.replica import MAX_SLOTS, serving_profile  # noqa: E402
from pycore.scenario import Scenario  # noqa: E402 - after the path is set
from pycore.serving import max_rate  # noqa: E402

PRESETS = ROOT / "content" / "gpu_presets.yaml"
FITTED = ("prefill_tps", "decode_tps", "decode_step_ms")
MEASURED = ("kv_cache_tokens", "min_decode_step_ms")
PROFILE_NAMES = (*FITTED, *MEASURED)


def shape_scenario(
    profile: Mapping[str, float], shape: Mapping[str, Any], target_ms: float, itl_ms: float
) -> Scenario:
    """A scenario with one request shape and one profile, nothing cached, run flat out
    (no utilization cap) against the benchmark's targets."""
    return Scenario(
        1.0,
        1.0,
        1.0,
        avg_input_tokens=shape["input_tokens"],
        avg_output_tokens=shape["output_tokens"],
        prefill_tps=profile["prefill_tps"],
        decode_tps=profile["decode_tps"],
        kv_cache_tokens=profile["kv_cache_tokens"],
        decode_step_ms=profile["decode_step_ms"],
        min_decode_step_ms=profile["min_decode_step_ms"],
        latency_slo_ms=target_ms,
        itl_slo_ms=itl_ms,
        max_utilization=1.0,
    )


def predictions(
    profile: Mapping[str, float], shape: Mapping[str, Any], fit: Mapping[str, Any]
) -> tuple[float, float]:
    """Return (requests/s within the latency criterion, saturated requests/s) for one shape."""
    scenario = shape_scenario(profile, shape, fit["ttft_target_ms"], fit["itl_target_ms"])
    return max_rate(scenario, 1, fit["quantile"]), 1 / serving_profile(scenario).request_s


def loss(
    profile: Mapping[str, float], shapes: Sequence[Mapping[str, Any]], fit: Mapping[str, Any]
) -> float:
    """Sum of squared log-ratios of both predictions against the measurements."""
    total = 0.0
    for shape in shapes:
        within, saturated = predictions(profile, shape, fit)
        total += math.log(within / shape["slo_requests_per_s"]) ** 2
        total += math.log(saturated / shape["saturated_requests_per_s"]) ** 2
    return total


def nelder_mead(objective: Callable[[list[float]], float], start: list[float]) -> list[float]:
    """Minimize ``objective`` from ``start`` (standard coefficients, 400 iterations)."""
    size = len(start)
    points = [list(start)] + [
        [value + (0.2 if i == j else 0.0) for j, value in enumerate(start)] for i in range(size)
    ]
    values = [objective(point) for point in points]
    for _ in range(400):
        order = sorted(range(size + 1), key=values.__getitem__)
        points, values = [points[i] for i in order], [values[i] for i in order]
        centre = [sum(point[i] for point in points[:-1]) / size for i in range(size)]

        worst = points[-1]

        def along(
            factor: float, centre: list[float] = centre, worst: list[float] = worst
        ) -> list[float]:
            return [c + factor * (c - w) for c, w in zip(centre, worst, strict=True)]

        reflected = along(1.0)
        value = objective(reflected)
        if value < values[0]:
            expanded = along(2.0)
            expanded_value = objective(expanded)
            points[-1], values[-1] = (
                (expanded, expanded_value) if expanded_value < value else (reflected, value)
            )
        elif value < values[-2]:
            points[-1], values[-1] = reflected, value
        else:
            contracted = along(-0.5)
            contracted_value = objective(contracted)
            if contracted_value < values[-1]:
                points[-1], values[-1] = contracted, contracted_value
            else:
                for k in range(1, size + 1):
                    points[k] = [(a + b) / 2 for a, b in zip(points[0], points[k], strict=True)]
                    values[k] = objective(points[k])
    return points[min(range(size + 1), key=values.__getitem__)]


def rounded(profile: Mapping[str, float]) -> dict[str, float]:
    """Round a profile as the YAML keeps it: whole tokens per second, 0.01 ms."""
    return {
        "prefill_tps": round(profile["prefill_tps"]),
        "decode_tps": round(profile["decode_tps"]),
        "kv_cache_tokens": round(profile["kv_cache_tokens"]),
        "decode_step_ms": round(profile["decode_step_ms"], 2),
        "min_decode_step_ms": round(profile["min_decode_step_ms"], 2),
    }


def fit_measured(gpu: Mapping[str, Any], fit: Mapping[str, Any]) -> dict[str, float]:
    """Fit the three free numbers of a measured GPU; its KV cache and its single-request
    step are its own measured figures."""
    measured = {name: gpu["profile"][name] for name in MEASURED}
    start = [math.log(gpu["profile"][name]) for name in FITTED]

    def objective(point: list[float]) -> float:
        profile = {name: math.exp(v) for name, v in zip(FITTED, point, strict=True)}
        return loss({**profile, **measured}, gpu["measurements"], fit)

    best = nelder_mead(objective, start)
    return rounded({**{n: math.exp(v) for n, v in zip(FITTED, best, strict=True)}, **measured})


def estimate(
    reference: Mapping[str, Any], fitted: Mapping[str, float], gpu: Mapping[str, Any]
) -> dict[str, float]:
    """Scale the fitted profile to another GPU by compute and memory bandwidth (the module
    docstring says how)."""
    compute = gpu["hardware"]["bf16_tflops"] / reference["hardware"]["bf16_tflops"]
    slower = reference["hardware"]["memory_gbps"] / gpu["hardware"]["memory_gbps"]
    kv = gpu["profile"]["kv_cache_tokens"]
    weights = fitted["min_decode_step_ms"] * slower
    cache = fitted["decode_step_ms"] - fitted["min_decode_step_ms"]
    return rounded(
        {
            "prefill_tps": fitted["prefill_tps"] * compute,
            "decode_tps": min(fitted["decode_tps"] * compute, MAX_SLOTS / weights * 1000),
            "kv_cache_tokens": kv,
            "decode_step_ms": weights + cache * kv / fitted["kv_cache_tokens"] * slower,
            "min_decode_step_ms": weights,
        }
    )


def profiles(data: Mapping[str, Any]) -> dict[str, dict[str, float]]:
    """Return every GPU's profile as this tool computes it, by GPU id."""
    reference = next(gpu for gpu in data["gpus"] if gpu.get("measurements"))
    fitted = fit_measured(reference, data["fit"])
    return {
        gpu["id"]: fitted if gpu is reference else estimate(reference, fitted, gpu)
        for gpu in data["gpus"]
    }


def table(gpu: Mapping[str, Any], profile: Mapping[str, float], fit: Mapping[str, Any]) -> str:
    """The Markdown table of predictions against measurements for one measured GPU."""
    rows = [
        "| shape (in/out tokens) | within the criterion: measured | predicted | ratio "
        "| saturated: measured | predicted | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for shape in gpu["measurements"]:
        within, saturated = predictions(profile, shape, fit)
        bound = " (lower bound)" if shape["lower_bound"] else ""
        rows.append(
            f"| {shape['input_tokens']}/{shape['output_tokens']}{bound} "
            f"| {shape['slo_requests_per_s']:.3f} | {within:.3f} "
            f"| {within / shape['slo_requests_per_s']:.2f} "
            f"| {shape['saturated_requests_per_s']:.3f} | {saturated:.3f} "
            f"| {saturated / shape['saturated_requests_per_s']:.2f} |"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the profiles and the fit table, or check them against the YAML."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the YAML differs")
    args = parser.parse_args(argv)
    data = yaml.safe_load(PRESETS.read_text(encoding="utf-8"))
    computed = profiles(data)
    stale = []
    for gpu in data["gpus"]:
        kept = {name: gpu["profile"][name] for name in computed[gpu["id"]]}
        if kept != computed[gpu["id"]]:
            stale.append(f"{gpu['id']}: YAML has {kept}, fit gives {computed[gpu['id']]}")
        if not args.check:
            print(f"{gpu['id']}: {computed[gpu['id']]}")
    if args.check:
        for line in stale:
            print(line, file=sys.stderr)
        return 1 if stale else 0
    for gpu in data["gpus"]:
        if gpu.get("measurements"):
            print(f"\n{gpu['name']}:\n{table(gpu, computed[gpu['id']], data['fit'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The samples summed up: medians per page, bytes served, latency percentiles, offline.html,
and the machine the run ran on.

Uses ``figures``, ``serving`` and ``visits``.
"""

from __future__ import annotations

import datetime
import functools
import gzip
import json
import os
import platform
import subprocess
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.figures import median, percentile
from bench.serving import PYODIDE_PACKAGE, Served
from bench.visits import Visit

GZIP_LEVEL = 6


@functools.cache
def gzip_size(path: str) -> int:
    """Size of the file gzip-compressed at level 6 (as a static host would send it)."""
    return len(gzip.compress(Path(path).read_bytes(), compresslevel=GZIP_LEVEL))


def transfer(requests: list[Served]) -> dict[str, Any]:
    """Raw and gzip bytes and file count of the files served in one visit."""
    files = [entry for entry in requests if entry.file is not None]
    return {
        "raw_bytes": sum(entry.size for entry in files),
        "gzip_bytes": sum(gzip_size(entry.file) for entry in files if entry.file),
        "files": len(files),
        "bodiless_responses": [
            f"{entry.path} ({entry.status})" for entry in requests if entry.file is None
        ],
        "by_file": [
            {"path": entry.path, "raw": entry.size, "gzip": gzip_size(entry.file)}
            for entry in files
            if entry.file
        ],
    }


def page_summary(visits: list[Visit]) -> dict[str, Any]:
    """Medians over the cold visits of one page, with every sample kept."""
    return {
        "runs": len(visits),
        "states": [v.state for v in visits],
        "fcp_ms": median([v.fcp for v in visits]),
        "ready_ms": median([v.ready for v in visits]),
        "results_painted_ms": median([v.results_painted for v in visits]),
        "first_render_ms": median([v.first_render for v in visits]),
        "samples": [{k: v for k, v in asdict(one).items() if k != "requests"} for one in visits],
        "first_visit": transfer(visits[0].requests) if visits else None,
        "same_bytes_every_run": len({sum(r.size for r in v.requests) for v in visits}) <= 1,
    }


def latency_summary(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """p50/p95 of input -> DOM updated and input -> next frame."""
    dom = [sample["dom"] for sample in samples]
    frame = [sample["frame"] for sample in samples]
    return {
        "events": len(samples),
        "chart_in_view": all(sample["chartInView"] for sample in samples),
        "chart_updated": sum(1 for sample in samples if sample["chart"]),
        "dom_p50_ms": percentile(dom, 50),
        "dom_p95_ms": percentile(dom, 95),
        "frame_p50_ms": percentile(frame, 50),
        "frame_p95_ms": percentile(frame, 95),
        "samples": samples,
    }


def simulation_summary(measured: dict[str, Any]) -> dict[str, Any]:
    """The Monte Carlo's time from request to odds, and input latency while one runs."""
    times = measured["simulation_ms"]
    during = [sample["dom"] for sample in measured["during"]]
    return {
        "runs": len(times),
        "simulation_p50_ms": median(times),
        "simulation_max_ms": max(times, default=None),
        "during_events": len(during),
        "during_p50_ms": percentile(during, 50) if len(during) >= 2 else None,
        "during_p95_ms": percentile(during, 95) if len(during) >= 2 else None,
        "simulation_samples": times,
        "during_samples": during,
    }


def offline_summary(path: Path, samples: list[dict[str, Any]] | None) -> dict[str, Any]:
    """Size of offline.html (raw and gzip) and its boot time from file://."""
    if samples is None:
        return {"skipped": "not built yet (the build wrote no offline.html)"}
    failures = [sample for sample in samples if sample["ready"] is None]
    return {
        "raw_bytes": path.stat().st_size,
        "gzip_bytes": gzip_size(str(path)),
        "boot_ms": median([sample["ready"] for sample in samples]),
        "failed_runs": len(failures),
        "failure": failures[0]["reason"] if failures else None,
        "samples": samples,
    }


def machine_info(browser_version: str) -> dict[str, Any]:
    """What this run ran on."""
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if "model name" in line),
        platform.processor() or "unknown",
    )
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8").split()
    memory_kb = int(meminfo[meminfo.index("MemTotal:") + 1])
    release = platform.freedesktop_os_release().get("PRETTY_NAME", platform.platform())
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
    pyodide = json.loads((PYODIDE_PACKAGE / "package.json").read_text(encoding="utf-8"))
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "os": f"{release}, Linux {platform.release()}",
        "python": platform.python_version(),
        "node": node.stdout.strip() or "not found",
        "chromium": browser_version,
        "pyodide": pyodide["version"],
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }

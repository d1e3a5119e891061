"""One Lighthouse run (its default configuration) on the served page, in Debian's Chromium.

Uses ``chromium``; Lighthouse comes from node_modules (pinned in package-lock.json).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from bench.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


def run_lighthouse(url: str, binary: Path, work: Path) -> dict[str, Any]:
    """Run Lighthouse (default config: mobile, simulated throttling) on ``url``."""
    if not binary.exists():
        shown = binary.relative_to(ROOT) if binary.is_relative_to(ROOT) else binary
        return {"skipped": f"not installed: {shown} missing"}
    report = work / "lighthouse.json"
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        str(binary),
        url,
        f"--chrome-flags={flags}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=240, check=False
        )
    except subprocess.TimeoutExpired:
        return {"skipped": "Lighthouse did not finish within 240 s"}
    if done.returncode != 0 or not report.exists():
        return {"skipped": f"Lighthouse exited {done.returncode}: {done.stderr[-400:]}"}
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {
        name: round(category["score"] * 100) if category["score"] is not None else None
        for name, category in data["categories"].items()
    }
    return {"version": data.get("lighthouseVersion"), "scores": scores}

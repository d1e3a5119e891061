"""Progress lines, medians, percentiles and the formats of the figures.

Uses nothing of the bench.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence

MB = 1_000_000


def log(message: str) -> None:
    """Print a progress line at once (the run takes a few minutes)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def median(values: Sequence[float | None]) -> float | None:
    """Median of the measured values (None when nothing was measured)."""
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def percentile(values: Sequence[float], q: int) -> float:
    """The q-th percentile (linear interpolation between closest ranks)."""
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def fmt_ms(value: float | None) -> str:
    """A time in ms for progress lines and the table."""
    return "—" if value is None else f"{value:,.0f} ms"


def fmt_ms2(value: float | None) -> str:
    """A short time with one decimal."""
    return "—" if value is None else f"{value:.1f} ms"


def fmt_mb(value: float | None) -> str:
    """A size in MB (10^6 bytes)."""
    return "—" if value is None else f"{value / MB:.2f} MB"

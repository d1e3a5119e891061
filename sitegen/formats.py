"""The text forms the build writes into pages and requests: compact JSON, raw numbers.

Uses nothing of the package.
"""

from __future__ import annotations

import json
from typing import Any


def compact_json(data: Any) -> str:
    """Serialize ``data`` as compact, strict JSON (no NaN or Infinity)."""
    return json.dumps(data, separators=(",", ":"), allow_nan=False)


def raw_number(value: float | None) -> str:
    """Write a number for a ``data-value`` attribute: no separators, '' when undefined."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e21 else repr(value)

"""pycore: the pure-Python cost model behind the fine-tune-or-API analyzer.

Stdlib only and free of I/O, so the same code runs in CPython (the build, the CLI, the
tests) and in the browser under Pyodide. Start with :func:`compute`.
"""

from pycore.engine import RESULTS, ResultSpec, compute, compute_json, compute_lenient, report
from pycore.formatting import format_requests, format_usd, summarize
from pycore.model import (
    CostCurve,
    Scenario,
    api_monthly,
    breakeven_inferences,
    cost_curve,
    curve_range,
    finetuned_monthly,
    log_volumes,
    monthly_savings,
)
from pycore.parameters import (
    PARAMETERS,
    ParameterError,
    ParameterSpec,
    clamp_parameters,
    defaults,
    parameter_spec,
    validate_parameters,
)

__all__ = [
    "PARAMETERS",
    "RESULTS",
    "CostCurve",
    "ParameterError",
    "ParameterSpec",
    "ResultSpec",
    "Scenario",
    "api_monthly",
    "breakeven_inferences",
    "clamp_parameters",
    "compute",
    "compute_json",
    "compute_lenient",
    "cost_curve",
    "curve_range",
    "defaults",
    "finetuned_monthly",
    "format_requests",
    "format_usd",
    "log_volumes",
    "monthly_savings",
    "parameter_spec",
    "report",
    "summarize",
    "validate_parameters",
]

"""pycore: the pure-Python cost model behind the fine-tune-or-API analyzer.

Stdlib only and free of I/O, so the same code runs in CPython (the build, the CLI, the
tests) and in the browser under Pyodide. Start with :func:`compute`. The model is split by
concern: :mod:`pycore.billing` (the API bill), :mod:`pycore.serving` and
:mod:`pycore.queueing` (the self-hosted fleet), :mod:`pycore.costs`, :mod:`pycore.breakeven`
and :mod:`pycore.horizon` (what each option costs, where they cross, over time).
"""

from pycore.analysis import Sensitivity, main_inputs, sensitivity
from pycore.billing import ApiBill, api_bill, cached_prefix_tokens, effective_api_cost_per_1k
from pycore.breakeven import (
    BREAKEVEN_LIMIT,
    breakeven_inferences,
    no_breakeven_reason,
    sustained_breakeven_inferences,
)
from pycore.catalog import API_MODELS, CATALOG, FACTORS, GPU_MODELS, MANAGED
from pycore.compare import COMPARED, compare
from pycore.costs import (
    api_monthly,
    finetuned_monthly,
    hosting_cost,
    monthly_savings,
    replicas,
    upfront_cost,
)
from pycore.curve import CostCurve, cost_curve, curve_range, log_volumes
from pycore.digest import digests
from pycore.engine import (
    compute,
    compute_json,
    compute_lenient,
    explain_json,
    export_json,
    simulation_json,
    simulation_start,
)
from pycore.explain import FORMULAS, assumptions, explain, formulas_markdown
from pycore.export import CSV_COLUMNS, scenario_csv, scenario_json
from pycore.formatting import (
    format_requests,
    format_usd,
    summarize,
    summarize_horizon,
    summarize_latency,
)
from pycore.horizon import VOLUME_LIMIT, Horizon, horizon
from pycore.inputs import (
    PAGE_KEYS,
    Notice,
    Values,
    clamp_parameters,
    defaults,
    field_values,
    parameter_spec,
    parse_query,
    preset_spec,
    to_field,
    validate_parameters,
)
from pycore.memo import memo, memo_markdown
from pycore.parameters import GROUPS, PARAMETERS, PRESETS, RANGES, UNCERTAIN, WEIGHTS
from pycore.queueing import erlang_b, erlang_c, wait_quantile
from pycore.replica import MAX_SLOTS, ServingProfile, replica_monthly, serving_profile
from pycore.report import report, scenario_from
from pycore.results import RESULTS, Report, ResultSpec
from pycore.scenario import HOURS_PER_MONTH, SECONDS_PER_MONTH, Scenario, with_value
from pycore.serving import COLD_START_S, IDLE_WINDOW_S, Fleet, fleet, max_rate, max_volume
from pycore.specs import ParameterError, ParameterSpec, PresetSpec

__all__ = [
    "API_MODELS",
    "BREAKEVEN_LIMIT",
    "CATALOG",
    "COLD_START_S",
    "COMPARED",
    "CSV_COLUMNS",
    "FACTORS",
    "FORMULAS",
    "GPU_MODELS",
    "GROUPS",
    "HOURS_PER_MONTH",
    "IDLE_WINDOW_S",
    "MANAGED",
    "MAX_SLOTS",
    "PAGE_KEYS",
    "PARAMETERS",
    "PRESETS",
    "RANGES",
    "RESULTS",
    "SECONDS_PER_MONTH",
    "UNCERTAIN",
    "VOLUME_LIMIT",
    "WEIGHTS",
    "ApiBill",
    "CostCurve",
    "Fleet",
    "Horizon",
    "Notice",
    "ParameterError",
    "ParameterSpec",
    "PresetSpec",
    "Report",
    "ResultSpec",
    "Scenario",
    "Sensitivity",
    "ServingProfile",
    "Values",
    "api_bill",
    "api_monthly",
    "assumptions",
    "breakeven_inferences",
    "cached_prefix_tokens",
    "clamp_parameters",
    "compare",
    "compute",
    "compute_json",
    "compute_lenient",
    "cost_curve",
    "curve_range",
    "defaults",
    "digests",
    "effective_api_cost_per_1k",
    "erlang_b",
    "erlang_c",
    "explain",
    "explain_json",
    "export_json",
    "field_values",
    "finetuned_monthly",
    "fleet",
    "format_requests",
    "format_usd",
    "formulas_markdown",
    "horizon",
    "hosting_cost",
    "log_volumes",
    "main_inputs",
    "max_rate",
    "max_volume",
    "memo",
    "memo_markdown",
    "monthly_savings",
    "no_breakeven_reason",
    "parameter_spec",
    "parse_query",
    "preset_spec",
    "replica_monthly",
    "replicas",
    "report",
    "scenario_csv",
    "scenario_from",
    "scenario_json",
    "sensitivity",
    "serving_profile",
    "simulation_json",
    "simulation_start",
    "summarize",
    "summarize_horizon",
    "summarize_latency",
    "sustained_breakeven_inferences",
    "to_field",
    "upfront_cost",
    "validate_parameters",
    "wait_quantile",
    "with_value",
]

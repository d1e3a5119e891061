"""The command line: python -m pycore PARAM=VALUE ... [--format table|json]."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m pycore`` in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "pycore", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_json_output_has_every_result_with_null_for_empty() -> None:
    """--format json prints each result by name, null where it is empty."""
    done = run_cli("monthly_inferences=10000000", "--format", "json")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert results == {
        "api_monthly": 20000.0,
        "finetuned_monthly": 3000.0,
        "monthly_savings": 17000.0,
        "breakeven_inferences": 1500000.0,
        "sustained_breakeven_inferences": 1500000.0,  # fixed hosting: one crossing
        "effective_api_cost_per_1k": 2.0,
        "replica_cost_per_1k": None,  # fixed hosting: no GPUs sized
        "replicas": None,
        "utilization": None,
        "p95_ttft_ms": None,
        "api_p95_latency_ms": 2200.0,  # the input, shown beside the self-hosted figure
        "p50_itl_ms": None,
        "p95_e2e_ms": None,
        # quality: 90% success for both by default, failures cost nothing
        "api_monthly_with_failures": 20000.0,
        "finetuned_monthly_with_failures": 3000.0,
        "api_cost_per_1k_success": 2.222222,  # 20,000 / 9,000,000 successes x 1,000
        "finetuned_cost_per_1k_success": 0.333333,  # 3,000 / 9,000,000 x 1,000
        # 50% routed: API 10,000 + fallbacks 0.5 x 0.1 x 20,000 + hosting 3,000 + router 200
        "hybrid_monthly": 14200.0,
        "hybrid_success_rate": 0.945,  # 0.5 x 0.9 + 0.5 x (0.9 + 0.1 x 0.9)
        "best_routed_share": 1.0,
        "breakeven_api_cost_per_1k": 0.3,  # 3,000 / 10,000,000 x 1,000
        "breakeven_gpu_hourly": None,  # fixed hosting: no GPU price
        "api_weighted_score": 3.4,  # equal weights; cost scored 1 + 4 x 0.333 / 2.222
        "finetuned_weighted_score": 3.6667,
        "upfront_cost": 22024.0,  # 1,000 x 2.00 + 8 x 3.00 + 20,000
        # -22,024 + 17,000 a month for 12 months, discounted at 10% a year
        "npv": 152758.01,  # each month's saving discounted by 1.1^(m / 12), less upfront
        # no range given: no simulation, so no odds
        "payback_probability": None,
        "savings_probability": None,
        "tco_savings_p10": None,
        "tco_savings_p50": None,
        "tco_savings_p90": None,
        # McNemar: 1,544 pairs; at 1% of 10M requests they take a day, the pilot two weeks
        "pilot_sample_size": 1544,
        "pilot_days": 14,
        "pilot_cost": 24331.22,  # 22,024 + 3,000 x 14 / 30.42 days + 1,544 x 2 x 0.30
        "tco_api": 217114.36,  # sum of 20,000 x 0.8^((m - 1) / 12), m = 1 to 12
        # 22,024 + sum of 3,000 x 0.85^((m - 1) / 12) + 4 retrainings at $7
        "tco_finetuned": 55504.41,
        "payback_months": 2,  # 22,024 + 3,000 m <= 20,000 m from m = 1.3 -> month 2
    }


def test_table_output_labels_and_units() -> None:
    """The default table names each result with its unit and ends with the summaries."""
    done = run_cli("gpu_hourly=2.5", "monthly_inferences=10000000")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    # one H100-profile replica: 2.50 x 730 = 1,825 USD; / 0.002 USD per request = 912,500
    assert "GPU replicas                         1  (replicas at the busiest hour)" in lines
    assert "Break-even volume                    912,500  (requests per month)" in lines
    assert "API model                            custom  (preset)" in lines
    assert "fine-tuning pays back in month 2 and stays ahead." in done.stdout
    assert "the API's p95 time to first token is 2,200 ms." in done.stdout
    # a duration's text carries its unit; beside it, what it measures (not "milliseconds")
    assert "API p95 time to first token          2,200 ms  (your input, for comparison)" in lines


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("volume=5", "error: volume: expected one of the parameter names"),
        ("hosting_monthly=-3", "error: hosting_monthly: expected a number from 0 to 1,000,000,000"),
        ("monthly_inferences=lots", "expected a number, got 'lots'"),
        ("monthly_inferences", "error: monthly_inferences: expected NAME=VALUE"),
        ("gpu_hourly=", "error: gpu_hourly: expected a number, got ''"),
        ("api_model=acme/gpt", "error: api_model: expected one of groq/llama-3.1-8b-instant"),
    ],
)
def test_bad_input_exits_2_with_message(argument: str, message: str) -> None:
    """An unknown name or a bad value is reported on stderr with exit code 2."""
    done = run_cli(argument)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""

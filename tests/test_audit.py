"""The audit's findings, one test each: every one failed on the model before issue 12.

Each reproduces the audit's command (``python -m pycore ...``) and checks the honest answer.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import pycore

ROOT = Path(__file__).resolve().parents[1]


def report(**parameters: Any) -> dict[str, Any]:
    """compute() with the parameters given."""
    return pycore.compute(parameters)


def test_capacity_counts_prompt_tokens() -> None:
    """3,000-token prompts at 10^9 requests a month need the GPUs to read 3 x 10^12 tokens.

    The old model sized one GPU from output tokens alone; one H100 prefills about 37,000
    tokens a second (silybench fit), so at least 3e12 / (37,000 x 2,628,000 s) = 31 replicas.
    """
    found = report(
        avg_input_tokens=3000,
        avg_output_tokens=1,
        monthly_inferences=1e9,
        gpu_hourly=3.49,
        input_price_per_mtok=1,
    )["results"]
    prompt_tokens = 1e9 * 3000
    prefill_capacity = found["replicas"] * 36_974 * pycore.SECONDS_PER_MONTH
    assert prefill_capacity >= prompt_tokens
    assert found["replicas"] >= 31


def test_payback_is_where_fine_tuning_stays_ahead() -> None:
    """With traffic halving every month fine-tuning leads for a while, then falls behind.

    The old model said "pays back in month 2" beside a 24-month TCO of $94,024 against
    $40,000 for the API.
    """
    found = report(
        monthly_inferences=1e7,
        monthly_growth=-0.5,
        horizon_months=24,
        api_price_decline=0,  # the audit's case: flat prices
        gpu_price_decline=0,
        retrain_every_months=0,
    )
    assert found["results"]["payback_months"] is None
    assert found["results"]["tco_api"] == 40_000.0  # float noise gone: was 39999.99761581421
    assert "leads only for a while, in months 2 to " in found["horizon_summary"]
    horizon = pycore.horizon(pycore.scenario_from(found["parameters"]))
    assert horizon.lead is not None
    assert horizon.lead[0] == 2


def test_payback_month_stays_ahead_to_the_end() -> None:
    """When fine-tuning pays back, it is ahead in every month from then to the horizon."""
    found = report(monthly_inferences=1e7, horizon_months=24)
    timeline = found["timeline"]
    payback = found["results"]["payback_months"]
    assert payback == 2
    for month in range(payback, 25):
        assert timeline["cumulative_finetuned"][month] <= timeline["cumulative_api"][month]


def test_sawtooth_gives_two_breakevens() -> None:
    """Above the first break-even the API can be cheaper again just after a replica is added.

    $0.20 per 1,000 requests against $3.49 H100s at a measured 2,800 tok/s: fine-tuning first
    ties at 12,738,500 requests a month on one replica, but the second replica makes the API
    cheaper again; only above the sustained break-even is fine-tuning cheaper throughout.
    """
    scenario = pycore.Scenario(
        0, 0.2, 0, gpu_hourly=3.49, replica_throughput_tps=2800, peak_to_average=2.0
    )
    first = pycore.breakeven_inferences(scenario)
    sustained = pycore.sustained_breakeven_inferences(scenario)
    assert first == pytest.approx(3.49 * 730 / 0.0002)
    assert sustained is not None
    assert sustained > first
    two_replicas = pycore.max_volume(scenario, 1) * 1.0001
    assert pycore.monthly_savings(scenario, two_replicas) < 0  # the API is cheaper here
    for volume in (sustained * 1.0001, sustained * 1.7, sustained * 3.1, sustained * 10):
        assert pycore.monthly_savings(scenario, volume) >= 0
    summary = pycore.compute(
        {"api_cost_per_1k": 0.2, "gpu_hourly": 3.49, "replica_throughput_tps": 2800}
    )["summary"]
    assert "cheaper at every volume above" in str(summary)


def test_scale_to_zero_is_not_an_always_on_gpu() -> None:
    """min_replicas=0: one request a month no longer bills a GPU for 730 hours."""
    found = report(monthly_inferences=1, gpu_hourly=3.49, min_replicas=0)["results"]
    assert found["finetuned_monthly"] < 1.0  # 730 h would be $2,547.70


def test_fine_tuned_prompt_length_is_its_own() -> None:
    """A fine-tuned model without few-shot examples reads a shorter prompt: fewer GPUs."""
    long = report(gpu_hourly=3.49, monthly_inferences=1e9, avg_input_tokens=4000)
    short = report(
        gpu_hourly=3.49, monthly_inferences=1e9, avg_input_tokens=4000, finetuned_input_tokens=500
    )
    assert short["results"]["replicas"] < long["results"]["replicas"]
    assert short["results"]["api_monthly"] == long["results"]["api_monthly"]


def test_presets_are_named_not_guessed() -> None:
    """The chosen API and GPU presets are parameters: Claude Sonnet 5.5 stays Sonnet.

    The old page matched presets back by their prices, so Sonnet 5.5 (the same $2 / $10
    as GPT-6.1 Sol) showed as GPT-6.1 Sol.
    """
    found = report(api_model="anthropic/claude-sonnet-5-5", gpu_model="aws/h100-80gb")
    parameters = found["parameters"]
    assert parameters["api_model"] == "anthropic/claude-sonnet-5-5"
    assert parameters["gpu_model"] == "aws/h100-80gb"
    assert parameters["cached_input_price_per_mtok"] == 0.1  # Sonnet's, not Sol's
    assert parameters["gpu_hourly"] == 6.88
    link = pycore.compute_lenient(pycore.parse_query("?api_model=anthropic%2Fclaude-sonnet-5-5"))
    assert link["parameters"]["api_model"] == "anthropic/claude-sonnet-5-5"  # type: ignore[index]


def test_a_changed_price_makes_the_preset_custom() -> None:
    """A price that differs from the preset's means the preset no longer names the scenario,
    but its other values stay: Claude Sonnet 5.5 with $2.50 input keeps its $10 output, its
    cache prices and its 1,024-token minimum prefix."""
    found = report(api_model="anthropic/claude-sonnet-5-5", input_price_per_mtok=2.5)
    parameters = found["parameters"]
    assert parameters["api_model"] is None
    assert parameters["input_price_per_mtok"] == 2.5
    assert parameters["output_price_per_mtok"] == 10.0
    assert parameters["cached_input_price_per_mtok"] == 0.1
    assert parameters["cache_write_price_per_mtok"] == 2.5
    assert parameters["min_cacheable_tokens"] == 1024
    origin = found["presets"]["api_model"]
    assert origin["base"] == "anthropic/claude-sonnet-5-5"
    assert origin["changed"] == ["input_price_per_mtok"]
    assert "output_price_per_mtok" in origin["kept"]
    assert origin["note"].startswith(
        "Custom: Claude Sonnet 5.5 (Anthropic) with your input token price $2.5 per MTok "
        "(the preset's: $2 per MTok). Kept from the preset: output token price $10 per MTok"
    )


def test_preset_override_keeps_the_rest_cli_url_and_page() -> None:
    """The reviewer's cases: GPT-6 Luna with a $0.20 input price costs (800 x 0.2 + 200 x 0.5)
    / 1,000 = $0.26 per 1,000 requests (not $1.16 with the default $5 output), from the CLI,
    a link and the page's fields alike; an H100 preset with a measured throughput keeps its
    $3.49 GPU-hour, so hosting is sized from capacity (one replica, $2,547.70 a month)."""
    strict = report(api_model="openai/gpt-6-luna", input_price_per_mtok=0.2)
    assert strict["results"]["effective_api_cost_per_1k"] == pytest.approx(0.26)
    link = json.loads(
        pycore.compute_json(
            json.dumps({"query": "?api_model=openai/gpt-6-luna&input_price_per_mtok=0.2"})
        )
    )
    assert link["results"]["effective_api_cost_per_1k"] == pytest.approx(0.26)
    assert link["presets"]["api_model"]["base"] == "openai/gpt-6-luna"
    fields = json.loads(
        pycore.compute_json(
            json.dumps(
                {"fields": {"api_model": "openai/gpt-6-luna", "input_price_per_mtok": "0.2"}}
            )
        )
    )
    assert fields["results"]["effective_api_cost_per_1k"] == pytest.approx(0.26)
    assert fields["parameters"]["api_model"] is None
    gpu = report(
        gpu_model="runpod/h100-80gb", replica_throughput_tps=2800, monthly_inferences=10_000_000
    )
    assert gpu["parameters"]["gpu_hourly"] == 3.49
    assert gpu["mode"]["hosting"] == "capacity"
    assert gpu["results"]["replicas"] == 1
    assert gpu["results"]["finetuned_monthly"] == pytest.approx(2547.7)


def test_a_value_set_back_makes_the_preset_hold_again() -> None:
    """A value given equal to the preset's is the preset's: the preset holds and no note is
    written (the page sends the preset it started from, so its menu returns to it)."""
    found = json.loads(
        pycore.compute_json(
            json.dumps(
                {"fields": {"api_model": "openai/gpt-6-luna", "input_price_per_mtok": "0.1"}}
            )
        )
    )
    assert found["parameters"]["api_model"] == "openai/gpt-6-luna"
    assert found["presets"]["api_model"] == {
        "base": "openai/gpt-6-luna",
        "changed": [],
        "kept": list(pycore.API_MODELS["openai/gpt-6-luna"]["values"]),
        "note": "",
    }


def test_growth_typed_as_percent_on_the_page() -> None:
    """The page's fields hold shares in percent: 5 is 5% a month, not clamped to 100%."""
    found = json.loads(pycore.compute_json(json.dumps({"fields": {"monthly_growth": "5"}})))
    assert found["parameters"]["monthly_growth"] == 0.05
    assert found["fields"]["monthly_growth"] == 5
    assert found["notices"] == []
    too_much = json.loads(pycore.compute_json(json.dumps({"fields": {"monthly_growth": "150"}})))
    assert too_much["parameters"]["monthly_growth"] == 1.0
    assert "not a number from -50 to 100 (% a month)" in too_much["notices"][0]


def test_no_float_noise_in_exports() -> None:
    """Exports hold 2547.7, not 2547.7000000000003 (3.49 x 730)."""
    found = report(api_cost_per_1k=0.3, gpu_hourly=3.49)
    assert found["results"]["finetuned_monthly"] == 2547.7
    noise = re.compile(r"\.\d*(0{6,}|9{6,})[1-9]")  # 2547.7000000000003, 39999.999999997
    assert not noise.search(pycore.scenario_json(found))
    assert not noise.search(pycore.scenario_csv(found))
    assert noise.search("2547.7000000000003")


def test_volumes_over_the_limit_are_held_with_a_notice() -> None:
    """Growth that would pass 10^12 requests a month is held there, and the page says so."""
    found = report(monthly_inferences=1e11, monthly_growth=1, horizon_months=12)
    assert max(pycore.horizon(pycore.scenario_from(found["parameters"])).volumes) == 1e12
    assert "held at 10^12 requests a month" in found["horizon_summary"]


def test_cli_rejects_an_empty_value() -> None:
    """`gpu_hourly=` used to mean the default silently; it is an error like any bad value."""
    done = subprocess.run(
        [sys.executable, "-m", "pycore", "gpu_hourly="],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "gpu_hourly: expected a number" in done.stderr
    switched_off = subprocess.run(
        [sys.executable, "-m", "pycore", "gpu_hourly=off", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert switched_off.returncode == 0
    assert json.loads(switched_off.stdout)["replicas"] is None


def test_csv_rounds_curve_volumes_and_timeline_money() -> None:
    """The CSV export writes the curve's volumes as whole requests and money in cents: no
    "1000000.000001" volumes nor six-decimal dollars (the review's export)."""
    found = report(gpu_model="runpod/h100-80gb", monthly_growth=0.07, monthly_inferences=1e7)
    rows = list(csv.DictReader(io.StringIO(pycore.scenario_csv(found))))
    curve = [row for row in rows if row["section"] == "curve"]
    timeline = [row for row in rows if row["section"] == "timeline"]
    assert curve
    assert timeline
    assert all(re.fullmatch(r"\d+", row["requests_per_month"]) for row in curve)
    for row in curve + timeline:
        assert re.fullmatch(r"-?\d+(\.\d{1,2})?", row["value"]), row

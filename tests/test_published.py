"""Golden cases from published results: inputs in, the published figure out (relative 1e-4).

Each test names the publication and the figure. Where a publication rounds its figure, the
test checks the exact value of its own formula and that it rounds to the published one.
"""

from __future__ import annotations

import pytest

import pycore


def results(parameters: dict[str, object]) -> dict[str, float]:
    """compute() the parameters and return its results."""
    found = pycore.compute(parameters)["results"]
    assert isinstance(found, dict)
    return found


SILYBENCH_FP8 = {
    # silybench: Qwen3-8B FP8 on 1x H100 (run 20260924T225750Z_h100-80gbx1_qwen3-8b_fp8),
    # balanced-2048-2048, 3,653.1 output tok/s at its latency-target capacity, RunPod
    # Community Cloud at $2.69 an hour; API: Fireworks Qwen3-8B at $0.20 per MTok in and out.
    "gpu_hourly": 2.69,
    "replica_throughput_tps": 3653.1,
    "avg_input_tokens": 2048,
    "avg_output_tokens": 2048,
    "input_price_per_mtok": 0.20,
    "output_price_per_mtok": 0.20,
    "peak_to_average": 1,
}


def test_silybench_cost_per_thousand_requests() -> None:
    """silybench derived/csv/comparisons.csv: $0.418908 per 1,000 requests self-hosted."""
    found = results(SILYBENCH_FP8)
    assert found["replica_cost_per_1k"] == pytest.approx(0.418908, rel=1e-4)
    assert found["effective_api_cost_per_1k"] == pytest.approx(0.8192, rel=1e-4)


def test_silybench_breakeven_per_day() -> None:
    """silybench comparisons.csv: break-even at 78,808.59 requests a day (730-hour month).

    $2.69 x 24 h / $0.0008192 per request; the model's monthly break-even is the same
    GPU-day count times 730 / 24 days.
    """
    breakeven = results(SILYBENCH_FP8)["breakeven_inferences"]
    assert breakeven / (pycore.HOURS_PER_MONTH / 24) == pytest.approx(78_808.59, rel=1e-4)


def test_llmtco_cost_per_million_tokens() -> None:
    """llmtco.com/self-hosting/throughput-cost (rate verified 2026-06-25): $1.50 an hour at
    2,000 tok/s is $0.2083 per MTok at full utilization (1.50 / (2,000 x 3600) x 1e6)."""
    found = results({"gpu_hourly": 1.50, "replica_throughput_tps": 2000, "avg_output_tokens": 1000})
    # 1,000 requests of 1,000 output tokens are one million tokens
    assert found["replica_cost_per_1k"] == pytest.approx(1.50 / (2000 * 3600) * 1e6, rel=1e-4)
    assert round(found["replica_cost_per_1k"], 4) == 0.2083


def test_llmtco_breakeven_tokens() -> None:
    """llmtco.com/methodology (2026-06-25): a $320 a month GPU against $3 per MTok breaks even
    at 106.7M tokens a month ($320 / $3 x 1M = 106,666,667)."""
    found = results(
        {
            "hosting_monthly": 320,
            "input_price_per_mtok": 3,
            "output_price_per_mtok": 3,
            "avg_input_tokens": 0,
            "avg_output_tokens": 1000,
        }
    )
    tokens = found["breakeven_inferences"] * 1000
    assert tokens == pytest.approx(106_666_667, rel=1e-4)
    assert round(tokens / 1e6, 1) == 106.7


def test_four_a100_cost_per_million_tokens_at_70_percent() -> None:
    """neelmishra.github.io, 'LLM Inference Cost: Tokens/Dollar': 4 x A100 at $2.21 per
    GPU-hour, 2,400 tok/s at 70% utilization is $1.46 per MTok.

    (2.21 x 4 / 3600) / (2,400 x 0.7) x 1e6 = 1.4616: the model reaches 70% utilization at
    the volume one replica keeps busy 70% of the month, and its cost per MTok there.
    """
    request_s = 1000 / 2400  # 1,000 output tokens at 2,400 tok/s
    volume = 0.7 * pycore.SECONDS_PER_MONTH / request_s
    found = results(
        {
            "gpu_hourly": 2.21,
            "gpus_per_replica": 4,
            "replica_throughput_tps": 2400,
            "avg_output_tokens": 1000,
            "peak_to_average": 1,
            "latency_slo_ms": 60_000,
            "monthly_inferences": round(volume),
        }
    )
    assert found["replicas"] == 1
    assert found["utilization"] == pytest.approx(0.7, rel=1e-4)
    per_mtok = found["finetuned_monthly"] / (round(volume) * 1000 / 1e6)
    assert per_mtok == pytest.approx(1.4616402, rel=1e-4)
    assert round(per_mtok, 2) == 1.46


def test_induwara_api_bill() -> None:
    """induwara.lk self-hosting calculator (updated 2026-06-09): 120M input and 40M output
    tokens at $0.25 / $2 per MTok is an API bill of $110 a month."""
    found = results(
        {
            "monthly_inferences": 1_000_000,
            "input_price_per_mtok": 0.25,
            "output_price_per_mtok": 2,
            "avg_input_tokens": 120,
            "avg_output_tokens": 40,
        }
    )
    assert found["api_monthly"] == pytest.approx(110, rel=1e-4)

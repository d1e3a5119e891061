"""Issue 16 in pycore: every result explained (formula, numbers, sources with dates), the
pinned scenario compared with the current one, one line per input group, and the memo."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import pycore
from pycore.engine import compute_json, explain_json, export_json
from pycore.explain import FORMULAS, assumptions, explain, value_text
from pycore.report import scenario_from

ROOT = Path(__file__).resolve().parents[1]
DETAILED = "?gpu_model=runpod/h100-80gb&api_model=openai/gpt-6-luna&monthly_inferences=8000000"


def explained(query: str = "") -> dict[str, dict[str, object]]:
    request = json.dumps({"query": query})
    compute_json(request)
    return json.loads(explain_json(request))


def test_every_result_has_one_formula() -> None:
    """FORMULAS names each result once, and nothing else."""
    assert sorted(FORMULAS) == sorted(spec.name for spec in pycore.RESULTS)


def test_docs_show_pycores_formulas() -> None:
    """docs/model.md's formula table is the one pycore writes (make docs)."""
    check = subprocess.run(
        [sys.executable, "tools/docs_formulas.py", "--check"], cwd=ROOT, check=False
    )
    assert check.returncode == 0
    doc = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    assert pycore.formulas_markdown() in doc


def test_seed_api_cost_is_explained_with_its_numbers() -> None:
    """The default API cost: 1,000,000 × the seed's $2.00 / 1,000 = $2,000, each input with
    its source and date."""
    api = explained()["api_monthly"]
    assert api["formula"] == "api_monthly = monthly_inferences × effective_api_cost_per_1k / 1,000"
    assert api["with_numbers"] == "1,000,000 requests per month × $2.00 / 1,000 = $2,000"
    [volume] = api["inputs"]  # type: ignore[misc]
    assert volume["name"] == "monthly_inferences"
    assert volume["source"].startswith("Default. ")
    assert volume["source"].endswith("(as of 2026-12-03)")
    price = explained()["effective_api_cost_per_1k"]["inputs"][0]  # type: ignore[index]
    assert price["name"] == "api_cost_per_1k"
    assert price["source"] == (
        "Default. Seed report: a sample average of $2.00 per 1,000 inferences. (as of 2026-11-29)"
    )


def test_savings_and_breakeven_name_the_seed_figures() -> None:
    """$2,000 − $3,000 = −$1,000 at the default volume; break-even at 1,500,000 a month."""
    parts = explained()
    assert parts["monthly_savings"]["with_numbers"] == "$2,000 − $3,000 = −$1,000"
    assert parts["breakeven_inferences"]["with_numbers"].endswith("= 1,500,000")


def test_a_preset_is_named_as_the_source() -> None:
    """With the GPT-6 Luna preset, token prices cite its catalog entry, not the default."""
    parts = explained(DETAILED)
    sources = {
        row["name"]: row["source"]
        for row in parts["effective_api_cost_per_1k"]["inputs"]  # type: ignore[attr-defined]
    }
    assert sources["input_price_per_mtok"].startswith("GPT-6 Luna (OpenAI) preset, prices:")
    assert sources["avg_input_tokens"].startswith("Default. ")


def test_capacity_formula_substitutes_the_fleet() -> None:
    """The p95 first token of one H100 at 8M requests: the fleet's numbers in the formula."""
    ttft = explained(DETAILED)["p95_ttft_ms"]["with_numbers"]
    assert re.search(r"^p95 wait for one of 1 × \d+ slots", str(ttft))
    assert "ms of prefill" in str(ttft)
    assert "busy" in str(ttft)


def test_every_explanation_is_fully_substituted() -> None:
    """No parameter name is left in a formula with numbers (each became its value)."""
    for query in ("", DETAILED):
        for name, part in explained(query).items():
            leftovers = [
                word
                for word in re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", str(part["with_numbers"]))
                if word in {spec.name for spec in pycore.PARAMETERS}
            ]
            assert leftovers == [], name


def test_every_default_has_a_date() -> None:
    """Each parameter's source carries the ISO date it was read or set."""
    undated = [
        spec.name for spec in pycore.PARAMETERS if not re.fullmatch(r"\d{4}-\d\d-\d\d", spec.as_of)
    ]
    assert undated == []
    assert pycore.parameter_spec("prefill_tps").as_of == "2026-09-24"  # silybench's H100 run
    assert pycore.parameter_spec("hosting_monthly").as_of == "2026-11-29"  # the seed


def test_assumptions_list_every_input_once() -> None:
    """The memo's assumptions: each main input once, ranges and weights only when set."""
    values = pycore.compute({})["parameters"]
    rows = assumptions(values)  # type: ignore[arg-type]
    names = [row["name"] for row in rows]
    assert len(names) == len(set(names))
    assert "monthly_inferences" in names
    assert not any(name.endswith(("_low", "_high")) or name.startswith("weight_") for name in names)
    with_range = pycore.compute({"monthly_inferences_low": 5e6, "weight_latency": 3})
    names = [row["name"] for row in assumptions(with_range["parameters"])]  # type: ignore[arg-type]
    assert "monthly_inferences_low" in names
    assert "weight_latency" in names


def test_compare_lines_up_the_pinned_scenario() -> None:
    """Pinning the seed (10M requests) and showing 3M: the API cost falls by $14,000."""
    request = json.dumps({"query": "?monthly_inferences=3000000", "pinned": "?"})
    assert json.loads(compute_json(request))["compare"] is None
    request = json.dumps(
        {"query": "?monthly_inferences=3000000", "pinned": "?monthly_inferences=10000000"}
    )
    answer = json.loads(compute_json(request))
    rows = {row[0]: row[1:] for row in answer["compare"]["rows"]}
    assert rows["API cost"] == ["$20,000", "$6,000", "\u2212$14,000"]
    assert rows["Savings with fine-tuning"] == ["$17,000", "$3,000", "\u2212$14,000"]
    assert rows["Break-even volume"] == ["1,500,000", "1,500,000", "\u00b10"]
    assert answer["compare"]["query"] == "?monthly_inferences=10000000"
    assert answer["compare"]["curve"]["api_monthly"] == answer["curve"]["api_monthly"]


def test_digests_sum_up_each_group() -> None:
    """One line per group, with the scenario's own numbers."""
    digests = pycore.compute({})["digests"]
    assert set(digests) == {name for name, _ in pycore.GROUPS} | {"latency"}  # type: ignore[arg-type]
    assert digests["simple"] == (  # type: ignore[index]
        "1,000,000 requests a month · $2.00 per 1,000 · $3,000 hosting"
    )
    detailed = pycore.compute({"gpu_model": "runpod/h100-80gb", "monthly_inferences": 8e6})[
        "digests"
    ]
    assert re.fullmatch(
        r"NVIDIA H100 80GB on RunPod \(specialist\) × 1 · p95 first token \d+ ms · \d+% busy",
        detailed["capacity"],  # type: ignore[index]
    )


def test_memo_markdown_has_the_decision_and_the_sources() -> None:
    """The Markdown memo: verdict, thresholds with units, options, pilot, dated sources."""
    request = json.dumps({"query": DETAILED})
    text = export_json(request, "md", "https://example.org/?monthly_inferences=8000000")
    verdict = pycore.compute(
        {
            "gpu_model": "runpod/h100-80gb",
            "api_model": "openai/gpt-6-luna",
            "monthly_inferences": 8e6,
        }
    )["verdict"]
    assert str(verdict) in text
    assert "Scenario: <https://example.org/?monthly_inferences=8000000>" in text
    assert re.search(r"\| Break-even volume \| [\d,]+ requests per month \|", text)
    assert re.search(r"\| GPU price that ties \| \$[\d.]+ per GPU-hour \|", text)
    assert "| Fine-tuned, self-hosted |" in text
    assert "1,544 pairs" in text  # McNemar at the defaults, see test_planning
    assert "serving profile (as of 2026-09-24): see Presets." in text  # silybench's H100
    assert "- **GPT-6 Luna (OpenAI) preset, prices**: genai-prices" in text
    assert "| Hosting cost |" not in text  # fixed hosting is not used with a GPU price


def test_memo_parts_for_the_print_layout() -> None:
    """The memo's parts as JSON: the same verdict and every option."""
    parts = json.loads(export_json(json.dumps({"query": DETAILED}), "memo"))
    assert parts["verdict"].startswith(("Stay on the API", "Fine-tune", "Route"))
    assert [row[0].removesuffix(" (recommended)") for row in parts["options"]["rows"]][-2] == (
        "Fine-tuned, self-hosted"
    )
    assert len(parts["options"]["columns"]) == len(parts["options"]["rows"][0])


def test_unknown_export_format_is_refused() -> None:
    with pytest.raises(ValueError, match="expected a format of"):
        export_json("{}", "pdf")


def test_explain_runs_for_the_scenario_object() -> None:
    """explain() on its own: one entry per result with formula, numbers and inputs."""
    report = pycore.compute({})
    values = report["parameters"]
    parts = explain(scenario_from(values), values, report["text"])  # type: ignore[arg-type]
    assert set(parts) == set(FORMULAS)
    assert all(set(part) == {"formula", "with_numbers", "inputs"} for part in parts.values())


def test_values_read_with_their_units() -> None:
    """A share reads in percent, "%" written close and a word unit spaced."""
    assert value_text("quality_difference", 0.02) == "2 percentage points"
    assert value_text("cached_input_share", 0.5) == "50% of input tokens"
    assert value_text("monthly_inferences", 1_000_000) == "1,000,000 requests per month"


def test_values_kept_from_a_preset_cite_it() -> None:
    """A custom scenario that changed one preset price cites the preset for the prices it
    kept, and the reader for the one changed, in the memo and in "how this is computed"."""
    request = json.dumps(
        {"query": "?view=detailed&api_model=openai/gpt-6-luna&input_price_per_mtok=0.5"}
    )
    compute_json(request)
    rows = {
        row.split(" | ")[1]: row
        for row in export_json(request, "md", "").splitlines()
        if "|" in row
    }
    assert "Your input" in rows["Input token price"]
    assert (
        "$0.125 (USD per million tokens) | GPT-6 Luna (OpenAI) preset, prices"
        in rows["Cache write price"]
    )
    inputs = {
        row["name"]: row["source"]
        for row in json.loads(explain_json(request))["effective_api_cost_per_1k"]["inputs"]
    }  # type: ignore[index]
    assert inputs["input_price_per_mtok"] == "Your input."
    assert inputs["output_price_per_mtok"].startswith("GPT-6 Luna (OpenAI) preset, prices: ")

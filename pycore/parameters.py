"""The model's parameters: every name, unit, range, default and source, declared once.

The build reads these specs to label the page's fields and sliders, the browser engine uses
them to clamp hostile input, and the CLI uses them to reject bad values; so a name, a unit or
a range is never written twice. :mod:`pycore.inputs` checks values against them.

Default figures come from the seed report ("Fine-Tuning LLMs for Cost-Effectiveness"): a
fixed $3,000 a month to host the fine-tuned model on a GPU server, and a sample average of
$2.00 per 1,000 requests for a general-purpose API. The GPU profile defaults are the H100
preset's (content/gpu_presets.yaml), fitted to silybench's measurements.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pycore.catalog import API_MODELS, FACTORS, GPU_MODELS, MANAGED
from pycore.specs import ParameterSpec, PresetSpec

__all__ = ["GROUPS", "PARAMETERS", "PRESETS", "RANGES", "UNCERTAIN", "WEIGHTS"]

_ASSUMPTION = "Estimate of this analyzer, not a measured figure; set your own."
_MANAGED = f"{MANAGED['name']}: {MANAGED['source']}."
_QUALITY = (
    "Placeholder for your own evaluation: measure it on a few hundred real requests. "
    "LoRA Land (Zhao et al., Predibase, arXiv 2405.00732, 2024), 31 narrow tasks: GPT-4 "
    "averaged 0.661, GPT-3.5 0.599, LoRA fine-tuned 7B models 0.685 (the best per task 0.756)."
)
_H100 = (
    "The H100 80GB preset's profile (content/gpu_presets.yaml), fitted to silybench's "
    "vLLM measurements of Qwen3-8B on one H100 at five request shapes (2026-09-24)."
)


def _spec(
    name: str,
    label: str,
    unit: str,
    default: float | None,
    *,
    bounds: tuple[float, float],
    slider: tuple[float, float],
    group: str,
    help: str,
    source: str,
    log_scale: bool = True,
    integer: bool = False,
    suggested: float | None = None,
    percent_unit: str = "",
    empty_means: str = "off",
) -> ParameterSpec:
    """Declare one parameter (a compact constructor for the table below).

    Giving ``percent_unit`` makes the parameter a share: a fraction in the URL and the
    CLI, a percentage on the page.
    """
    return ParameterSpec(
        name=name,
        label=label,
        unit=unit,
        default=default,
        minimum=bounds[0],
        maximum=bounds[1],
        slider_min=slider[0],
        slider_max=slider[1],
        log_scale=log_scale and not percent_unit,
        integer=integer,
        group=group,
        help=help,
        source=source,
        suggested=default if suggested is None else suggested,
        percent=bool(percent_unit),
        percent_unit=percent_unit,
        empty_means=empty_means,
    )


#: Every numeric parameter, in the order the page shows them. ``group`` places each on the
#: page: "simple" (the seed's three inputs), "tokens" (the API bill), "capacity" (serving
#: the fine-tuned model), "upfront" or "horizon".
PARAMETERS: tuple[ParameterSpec, ...] = (
    _spec(
        "monthly_inferences",
        "Monthly volume",
        "requests per month",
        1_000_000,
        bounds=(0, 1e12),
        slider=(1e4, 1e9),
        group="simple",
        integer=True,
        help="How many requests (inferences) the feature serves in a month.",
        source="Analyzer default; the seed's use cases run at 10,000,000 requests a month.",
    ),
    _spec(
        "api_cost_per_1k",
        "API price",
        "USD per 1,000 requests",
        2.0,
        bounds=(0, 10_000),
        slider=(0.01, 100),
        group="simple",
        help="What the API charges on average for 1,000 requests (per-request pricing).",
        source="Seed report: a sample average of $2.00 per 1,000 inferences.",
    ),
    _spec(
        "hosting_monthly",
        "Hosting cost",
        "USD per month",
        3_000,
        bounds=(0, 1e9),
        slider=(100, 1e6),
        group="simple",
        help="What it costs each month to host the fine-tuned model (fixed GPU server).",
        source="Seed report: a fixed $3,000 a month for the fine-tuned model's GPU server.",
    ),
    _spec(
        "input_price_per_mtok",
        "Input token price",
        "USD per million tokens",
        None,
        bounds=(0, 1_000),
        slider=(0.01, 100),
        group="tokens",
        suggested=1.25,
        help="Price of uncached input tokens. Leave empty to price the API per request.",
        source="Empty by default (per-request pricing); presets come from the price catalog.",
    ),
    _spec(
        "cached_input_price_per_mtok",
        "Cached input price",
        "USD per million tokens",
        None,
        bounds=(0, 1_000),
        slider=(0.001, 100),
        group="tokens",
        suggested=0.125,
        empty_means="a tenth of input",
        help="Price of prompt tokens read from the provider's cache. Empty: a tenth of the "
        "input price.",
        source="Empty by default: OpenAI, Anthropic and Google bill cache reads at a tenth of "
        "the input price or less (pricing pages, November 2026); presets use the catalog's.",
    ),
    _spec(
        "cache_write_price_per_mtok",
        "Cache write price",
        "USD per million tokens",
        None,
        bounds=(0, 1_000),
        slider=(0.01, 100),
        group="tokens",
        suggested=1.5625,
        empty_means="the input price",
        help="Price of prompt tokens written to the cache. Empty: the input price (no premium).",
        source="Empty by default (no premium, as Google's implicit caching); Anthropic and "
        "OpenAI's GPT-5.6 and later charge 1.25 times the input price (catalog presets).",
    ),
    _spec(
        "output_price_per_mtok",
        "Output token price",
        "USD per million tokens",
        5.0,
        bounds=(0, 1_000),
        slider=(0.01, 200),
        group="tokens",
        help="Price of generated (output) tokens, reasoning tokens included.",
        source="Default chosen so that 800 input and 200 output tokens cost the seed's "
        "$2.00 per 1,000 requests at $1.25 input.",
    ),
    _spec(
        "long_context_tokens",
        "Long-context threshold",
        "input tokens",
        None,
        bounds=(1, 10_000_000),
        slider=(1_000, 1_000_000),
        group="tokens",
        integer=True,
        suggested=200_000,
        empty_means="no tier",
        help="Prompts longer than this are billed at the long-context prices below, whole "
        "request. Empty: one price at any length.",
        source="Empty by default; presets carry the catalog's tiers (272,000 tokens for "
        "GPT-6 models, 100,000 for Claude Haiku 5.5).",
    ),
    _spec(
        "long_context_input_price_per_mtok",
        "Long-context input price",
        "USD per million tokens",
        None,
        bounds=(0, 1_000),
        slider=(0.01, 200),
        group="tokens",
        suggested=2.5,
        empty_means="no tier",
        help="Input price above the long-context threshold; cache prices scale with it.",
        source="Empty by default; presets carry the catalog's tier prices.",
    ),
    _spec(
        "long_context_output_price_per_mtok",
        "Long-context output price",
        "USD per million tokens",
        None,
        bounds=(0, 1_000),
        slider=(0.01, 400),
        group="tokens",
        suggested=10.0,
        empty_means="no tier",
        help="Output price above the long-context threshold.",
        source="Empty by default; presets carry the catalog's tier prices.",
    ),
    _spec(
        "avg_input_tokens",
        "Input tokens",
        "tokens per request",
        800,
        bounds=(0, 2_000_000),
        slider=(10, 1_000_000),
        group="tokens",
        integer=True,
        help="Average prompt sent to the API: instructions, examples, context and user text.",
        source=_ASSUMPTION,
    ),
    _spec(
        "avg_output_tokens",
        "Output tokens",
        "tokens per request",
        200,
        bounds=(0, 200_000),
        slider=(1, 10_000),
        group="tokens",
        integer=True,
        help="Average answer length, for both models. Also sizes the GPU fleet.",
        source=_ASSUMPTION,
    ),
    _spec(
        "reasoning_tokens",
        "Reasoning tokens",
        "tokens per request",
        0,
        bounds=(0, 200_000),
        slider=(0, 20_000),
        group="tokens",
        integer=True,
        log_scale=False,
        help="Hidden 'thinking' tokens a reasoning model adds to each answer; billed as "
        "output by OpenAI, Anthropic and Google.",
        source="Default 0: a model without reasoning. Billing rule from the providers' "
        "documentation (OpenAI reasoning guide, Anthropic extended thinking, Gemini pricing).",
    ),
    _spec(
        "cached_input_share",
        "Cached share of input",
        "fraction of input tokens (0 to 1)",
        0.0,
        bounds=(0, 1),
        slider=(0, 1),
        group="tokens",
        percent_unit="% of input tokens",
        help="Share of each prompt that is a shared prefix (system prompt, examples) the "
        "provider can cache.",
        source="Default 0: no prompt caching.",
    ),
    _spec(
        "min_cacheable_tokens",
        "Minimum cacheable prefix",
        "tokens",
        1024,
        bounds=(0, 100_000),
        slider=(0, 8192),
        group="tokens",
        integer=True,
        log_scale=False,
        help="Providers cache nothing shorter: a prefix below this is billed as input.",
        source="OpenAI's 1,024 tokens (prompt caching guide, 2026); Anthropic 512 to 4,096 by "
        "model, Gemini 3.x Flash 4,096 (their caching pages): presets carry their provider's.",
    ),
    _spec(
        "cache_write_share",
        "Cache writes",
        "fraction of cached-prefix tokens (0 to 1)",
        0.05,
        bounds=(0, 1),
        slider=(0, 1),
        group="tokens",
        percent_unit="% of cached-prefix tokens",
        help="Share of the cached prefix written to the cache (a miss or an expiry) rather "
        "than read from it.",
        source=_ASSUMPTION + " About one request in twenty finds its prefix expired.",
    ),
    _spec(
        "batch_discount",
        "Batch discount",
        "fraction off (0 to 1)",
        0.0,
        bounds=(0, 1),
        slider=(0, 1),
        group="tokens",
        percent_unit="% off",
        help="Discount for asynchronous batch processing (50% at OpenAI, Anthropic, Google).",
        source="Default 0: real-time requests.",
    ),
    _spec(
        "api_p95_latency_ms",
        "API p95 time to first token",
        "milliseconds",
        2200,
        bounds=(1, 600_000),
        slider=(100, 30_000),
        group="tokens",
        help="How long the API takes to start answering, 95th percentile, as you measure it.",
        source="J. Wrede, 'I monitored 6 LLM APIs for 7 days' (about 10,000 probes per model, "
        "2026): p95 time to first token 2,221 ms for Llama 3.3 70B, 2,313 ms for Gemini 2.0 "
        "Flash, about 1,100 ms for small models; short prompts, so long ones take longer.",
    ),
    _spec(
        "gpu_hourly",
        "GPU price",
        "USD per GPU-hour",
        None,
        bounds=(0, 1_000),
        slider=(0.1, 20),
        group="capacity",
        suggested=3.49,
        help="On-demand price of one GPU. Leave empty to use the fixed hosting cost.",
        source="Empty by default (fixed hosting); presets list a source and date each.",
    ),
    _spec(
        "gpus_per_replica",
        "GPUs per replica",
        "GPUs",
        1,
        bounds=(1, 64),
        slider=(1, 8),
        group="capacity",
        integer=True,
        log_scale=False,
        help="GPUs one copy of the model needs (1 for an 8B model).",
        source="Default 1: an 8B model fits on one 24 to 80 GB GPU.",
    ),
    _spec(
        "finetuned_input_tokens",
        "Fine-tuned prompt",
        "tokens per request",
        None,
        bounds=(0, 2_000_000),
        slider=(10, 1_000_000),
        group="capacity",
        integer=True,
        suggested=400,
        empty_means="the API's",
        help="The fine-tuned model's own prompt: it needs no examples or long instructions. "
        "Empty: the same as the API's.",
        source="Empty by default: the API's prompt length.",
    ),
    _spec(
        "prefill_tps",
        "Prefill speed",
        "prompt tokens per second",
        39_952,
        bounds=(1, 10_000_000),
        slider=(500, 500_000),
        group="capacity",
        help="Prompt tokens one replica reads per second at full load.",
        source=_H100,
    ),
    _spec(
        "decode_tps",
        "Decode compute",
        "output tokens per second",
        23_327,
        bounds=(1, 10_000_000),
        slider=(500, 500_000),
        group="capacity",
        help="Output tokens per second one replica computes when memory reads do not hold it "
        "back: the compute side of a decode step.",
        source=_H100,
    ),
    _spec(
        "kv_cache_tokens",
        "KV cache",
        "tokens",
        377_024,
        bounds=(100, 1e9),
        slider=(1_000, 10_000_000),
        group="capacity",
        integer=True,
        help="Tokens of context one replica keeps in GPU memory (vLLM prints it at start-up).",
        source="silybench's H100 run (vLLM 0.30.0, Qwen3-8B BF16, memory share 0.9): "
        "377,024 tokens.",
    ),
    _spec(
        "decode_step_ms",
        "Decode step, full cache",
        "milliseconds",
        28.71,
        bounds=(0, 10_000),
        slider=(1, 1_000),
        group="capacity",
        help="Time of one decode step whose batch fills the KV cache: reading the weights and "
        "the whole cache. The cost of long contexts.",
        source=_H100,
    ),
    _spec(
        "min_decode_step_ms",
        "Decode step, one request",
        "milliseconds",
        6.83,
        bounds=(0, 10_000),
        slider=(1, 1_000),
        group="capacity",
        help="Time of one decode step with a single request: reading the model's weights "
        "once. The fastest an answer streams, and part of every time to first token.",
        source="silybench's H100 run 20260924T125045Z (vLLM 0.30.0, Qwen3-8B BF16): median "
        "inter-token latency 6.83 ms at concurrency 1, 128 tokens in and out (2026-09-24).",
    ),
    _spec(
        "replica_throughput_tps",
        "Measured throughput",
        "output tokens per second",
        None,
        bounds=(1, 1e7),
        slider=(50, 50_000),
        group="capacity",
        suggested=2_800,
        empty_means="the profile",
        help="Output tokens per second you measured for one replica at your own prompt and "
        "answer lengths, at saturation. Overrides the speeds above; empty: use them.",
        source="Empty by default: the GPU profile above.",
    ),
    _spec(
        "latency_slo_ms",
        "Latency target",
        "milliseconds (p95 time to first token)",
        2500,
        bounds=(1, 600_000),
        slider=(100, 30_000),
        group="capacity",
        help="95% of requests must start answering within this time: the fleet is sized for "
        "it, and an option slower than it is not recommended.",
        source="Estimate of this analyzer for a chat feature: measured API p95 times to first "
        "token run from about 1.1 s (small models) to 2.3 s (J. Wrede, 2026), and silybench "
        "sizes capacity for 2 s at p99.",
    ),
    _spec(
        "itl_slo_ms",
        "Inter-token latency target",
        "milliseconds (median time between output tokens)",
        50,
        bounds=(1, 60_000),
        slider=(5, 1_000),
        group="capacity",
        help="Half of the gaps between two output tokens must be shorter than this at the "
        "busiest hour: a fuller batch streams each answer more slowly.",
        source="silybench's capacity criterion: median inter-token latency at most 50 ms, "
        "beside p99 time to first token at most 2 s (tgarg01/silybench-data, "
        "derived/csv/capacity.csv, 2026-09-24).",
    ),
    _spec(
        "max_utilization",
        "Utilization cap",
        "busy share of each replica at the busiest hour (0 to 1)",
        0.7,
        bounds=(0.01, 1),
        slider=(0.1, 1),
        group="capacity",
        percent_unit="% busy at the busiest hour",
        help="The fleet adds a replica before any runs busier than this at the peak: headroom "
        "for bursts within the hour and for a replica lost or restarting, which the queue "
        "model does not see.",
        source="Knative Serving's autoscaler (used by KServe) targets 70% of a replica's "
        "capacity by default, container-concurrency-target-percentage 70 (knative.dev, "
        "'Configuring concurrency'; Alibaba Cloud ACS guide to Knative, updated 2026-09-25).",
    ),
    _spec(
        "peak_to_average",
        "Peak-to-average ratio",
        "ratio",
        2.0,
        bounds=(1, 100),
        slider=(1, 10),
        group="capacity",
        log_scale=False,
        help="Busiest hour's traffic divided by the month's average.",
        source=_ASSUMPTION,
    ),
    _spec(
        "min_replicas",
        "Minimum replicas",
        "replicas",
        1,
        bounds=(0, 10_000),
        slider=(0, 10),
        group="capacity",
        integer=True,
        log_scale=False,
        help="Replicas kept running at any volume (2 for redundancy). 0 scales to zero: a "
        "replica starts on demand (about 60 s) and stops after 60 s without requests, billed "
        "for its busy time and those windows.",
        source="Default 1: one always-on server, as in the seed.",
    ),
    _spec(
        "ops_monthly",
        "Operations cost",
        "USD per month",
        0,
        bounds=(0, 1e8),
        slider=(0, 50_000),
        group="capacity",
        log_scale=False,
        help="Monthly MLOps staff time, monitoring and storage for the self-hosted model.",
        source="Default 0, as in the seed, whose hosting figure is all-in.",
    ),
    _spec(
        "training_examples",
        "Training examples",
        "examples",
        1_000,
        bounds=(0, 1e8),
        slider=(100, 1e6),
        group="upfront",
        integer=True,
        help="Labelled examples collected for fine-tuning.",
        source="Seed report: fine-tune a small model on 1,000 real-world examples.",
    ),
    _spec(
        "labeling_cost_per_example",
        "Labelling cost",
        "USD per example",
        2.0,
        bounds=(0, 10_000),
        slider=(0, 20),
        group="upfront",
        log_scale=False,
        help="Cost to collect, clean and review one example.",
        source=_ASSUMPTION,
    ),
    _spec(
        "training_gpu_hours",
        "Training compute",
        "GPU-hours",
        8,
        bounds=(0, 1e7),
        slider=(1, 10_000),
        group="upfront",
        help="GPU-hours for fine-tuning runs, evaluation and retries.",
        source=_ASSUMPTION,
    ),
    _spec(
        "training_gpu_hourly",
        "Training GPU price",
        "USD per GPU-hour",
        3.0,
        bounds=(0, 1_000),
        slider=(0.1, 20),
        group="upfront",
        help="Price of the GPUs used for training.",
        source=_ASSUMPTION,
    ),
    _spec(
        "engineering_upfront",
        "Engineering effort",
        "USD",
        20_000,
        bounds=(0, 1e9),
        slider=(0, 200_000),
        group="upfront",
        log_scale=False,
        help="One-off engineering to build the data pipeline, evaluation and serving.",
        source=_ASSUMPTION + " About four engineer-weeks.",
    ),
    _spec(
        "managed_input_price_per_mtok",
        "Managed fine-tune: input price",
        "USD per million tokens",
        MANAGED["values"]["managed_input_price_per_mtok"],
        bounds=(0, 1_000),
        slider=(0.01, 100),
        group="upfront",
        help="Price of input tokens when a provider serves your fine-tuned model per token.",
        source=_MANAGED,
    ),
    _spec(
        "managed_output_price_per_mtok",
        "Managed fine-tune: output price",
        "USD per million tokens",
        MANAGED["values"]["managed_output_price_per_mtok"],
        bounds=(0, 1_000),
        slider=(0.01, 200),
        group="upfront",
        help="Price of output tokens from the provider-served fine-tuned model.",
        source=_MANAGED,
    ),
    _spec(
        "managed_training_price_per_mtok",
        "Managed fine-tune: training price",
        "USD per million training tokens",
        MANAGED["values"]["managed_training_price_per_mtok"],
        bounds=(0, 1_000),
        slider=(0.1, 100),
        group="upfront",
        help="What the provider's fine-tuning job charges per token of training data, each "
        "epoch counted (3 epochs over your examples).",
        source=_MANAGED,
    ),
    _spec(
        "api_success_rate",
        "API success rate",
        "fraction of requests answered acceptably (0 to 1)",
        0.9,
        bounds=(0, 1),
        slider=(0, 1),
        group="quality",
        percent_unit="% of requests",
        help="Share of requests the general-purpose API answers acceptably on your evaluation.",
        source=_QUALITY + " 90% is a placeholder, equal to the fine-tuned model's.",
    ),
    _spec(
        "small_api_success_rate",
        "Small-tier API success rate",
        "fraction of requests answered acceptably (0 to 1)",
        0.82,
        bounds=(0, 1),
        slider=(0, 1),
        group="quality",
        percent_unit="% of requests",
        help="The same for the small-tier API model, without fine-tuning.",
        source=_QUALITY
        + " 82% is the API's 90% scaled by LoRA Land's GPT-3.5 to GPT-4 ratio (0.599 / 0.661).",
    ),
    _spec(
        "finetuned_success_rate",
        "Fine-tuned success rate",
        "fraction of requests answered acceptably (0 to 1)",
        0.9,
        bounds=(0, 1),
        slider=(0, 1),
        group="quality",
        percent_unit="% of requests",
        help="The same for your fine-tuned model.",
        source=_QUALITY + " 90% is a placeholder, equal to the API's.",
    ),
    _spec(
        "min_success_rate",
        "Quality floor",
        "fraction of requests (0 to 1)",
        0.85,
        bounds=(0, 1),
        slider=(0, 1),
        group="quality",
        percent_unit="% of requests",
        help="No option answering fewer requests acceptably than this is recommended.",
        source=_ASSUMPTION,
    ),
    _spec(
        "failure_cost",
        "Cost of a failed answer",
        "USD per failed answer",
        0.0,
        bounds=(0, 10_000),
        slider=(0, 50),
        group="quality",
        log_scale=False,
        help="What a failed answer costs you: a person takes over, a refund, a lost sale.",
        source="Default 0: failures cost nothing beyond the request itself; set your own.",
    ),
    _spec(
        "routed_share",
        "Routed to the fine-tuned model",
        "fraction of requests (0 to 1)",
        0.5,
        bounds=(0, 1),
        slider=(0, 1),
        group="quality",
        percent_unit="% of requests",
        help="Hybrid routing: the share of requests a router sends to the fine-tuned model.",
        source=_ASSUMPTION + " RouteLLM sent 87% of MT Bench requests to a small model and kept "
        "95% of GPT-4's score; half is a cautious start.",
    ),
    _spec(
        "fallback_share",
        "Escalated to the API",
        "fraction of routed requests (0 to 1)",
        0.1,
        bounds=(0, 1),
        slider=(0, 1),
        group="quality",
        percent_unit="% of routed requests",
        help="Routed requests a check sends on to the API after a failed answer (paid twice).",
        source=_ASSUMPTION + " A check that flags the fine-tuned model's 10% failures.",
    ),
    _spec(
        "router_cost_per_1k",
        "Router cost",
        "USD per 1,000 requests",
        0.02,
        bounds=(0, 1_000),
        slider=(0.001, 10),
        group="quality",
        help="What routing and checking cost per 1,000 requests (a small classifier call).",
        source="RouteLLM (Ong et al., LMSYS, 2024): its matrix-factorization router costs "
        "$3.32 per million requests plus an embedding call of about $0.016 per 1,000 prompts "
        "of 800 tokens.",
    ),
    _spec(
        "horizon_months",
        "Horizon",
        "months",
        12,
        bounds=(1, 120),
        slider=(1, 60),
        group="horizon",
        integer=True,
        log_scale=False,
        help="How many months the total cost of ownership covers.",
        source="Seed report: project volume 6 to 12 months out.",
    ),
    _spec(
        "monthly_growth",
        "Monthly growth",
        "fraction per month",
        0.0,
        bounds=(-0.5, 1),
        slider=(-0.1, 0.3),
        group="horizon",
        percent_unit="% a month",
        help="Month-on-month change in volume (5 is 5% a month; negative for decline).",
        source="Default 0: flat volume.",
    ),
    _spec(
        "discount_rate",
        "Discount rate",
        "fraction a year",
        0.1,
        bounds=(-0.5, 1),
        slider=(0, 0.3),
        group="horizon",
        percent_unit="% a year",
        help="What money is worth to you a year from now: the rate the NPV discounts by.",
        source="Damodaran's cost of capital by industry (NYU Stern, data as of January 2026): "
        "US software (system and application) 9.34% a year, internet software 10.66%; a firm's "
        "own hurdle rate is often 13 to 15% (Jagannathan et al., J. Financial Economics, 2016), "
        "worth trying. Read 2026-11-10.",
    ),
    _spec(
        "api_price_decline",
        "API price decline",
        "fraction a year",
        0.2,
        bounds=(0, 0.99),
        slider=(0, 0.9),
        group="horizon",
        percent_unit="% a year",
        help="How much cheaper the API gets each year (applied month by month).",
        source="Estimate from list prices, read 2026-11-10 (genai-prices 0.2.3 and earlier "
        "catalogs): the same vendor's tier fell 14 to 46% a year in 2023-2026 (Anthropic's Sonnet "
        "14%, Opus 39%, OpenAI's flagship 22 to 46%), with long flat spells. Prices at a fixed "
        "capability fell far faster (a median 50x a year, Epoch AI, 2025-03-12), but only if you "
        "keep switching models.",
    ),
    _spec(
        "gpu_price_decline",
        "GPU price decline",
        "fraction a year",
        0.15,
        bounds=(0, 0.99),
        slider=(0, 0.9),
        group="horizon",
        percent_unit="% a year",
        help="How much cheaper GPU-hours get each year (applied month by month).",
        source="Estimate from rental prices, read 2026-11-10: AWS's H100 list price fell 17% a "
        "year (2023-07 to 2026-09), its A100 12%; specialist clouds' H100 rate fell about 30% a "
        "year from $8 (2023) but rose about 40% in 2026. Epoch AI: GPU price-performance "
        "improves about 28% a year (2022).",
    ),
    _spec(
        "retrain_every_months",
        "Retrain every",
        "months (0: never)",
        3,
        bounds=(0, 120),
        slider=(0, 24),
        group="horizon",
        integer=True,
        log_scale=False,
        help="How often the fine-tuned model is retrained on fresh examples.",
        source="91% of models degrade over time (Vela et al., Scientific Reports 12, 11654, "
        "2022); practitioners retrain every 1 to 3 months. Estimate: quarterly. Read 2026-11-10.",
    ),
    _spec(
        "retrain_cost",
        "Cost of a retraining",
        "USD each time",
        7,
        bounds=(0, 1e8),
        slider=(0, 50_000),
        group="horizon",
        log_scale=False,
        help="A fine-tuning run each time; add your new examples and evaluation if you pay "
        "for them apart.",
        source="Estimate: 2 H100-hours at $3.49 for a LoRA run of an 8B model on 3 to 30 million "
        "tokens (NVIDIA NeMo's measured 24,824 tokens a second per GPU; about 3,000 with common "
        "tools); Predibase's LoRA Land adapters cost under $8 each (2024-02-20). Read 2026-11-10.",
    ),
    _spec(
        "reserved_share",
        "Reserved share of GPUs",
        "fraction of hosting (0 to 1)",
        0.0,
        bounds=(0, 1),
        slider=(0, 1),
        group="horizon",
        percent_unit="% of hosting",
        help="Share of the GPU bill on a one-year commitment instead of on demand.",
        source="Default 0: all on demand.",
    ),
    _spec(
        "reserved_discount",
        "Reserved discount",
        "fraction off (0 to 1)",
        0.35,
        bounds=(0, 0.99),
        slider=(0, 0.8),
        group="horizon",
        percent_unit="% off",
        help="What a one-year commitment takes off the on-demand price.",
        source="Google Cloud's one-year commitment takes 37% off A100 machines (mid-2026); AWS's "
        "one-year p5 reservation about 41% (Next Platform, 2023-07-27); specialist clouds' "
        "one-year H100 contracts run 25 to 40% under on-demand. Read 2026-11-10.",
    ),
    _spec(
        "pilot_traffic_share",
        "Pilot share of traffic",
        "fraction of requests (0 to 1)",
        0.01,
        bounds=(0.0001, 1),
        slider=(0.001, 0.2),
        group="pilot",
        percent_unit="% of requests",
        help="Share of live requests both models answer during the parallel test.",
        source="Seed report: send 1% of traffic to both models.",
    ),
    _spec(
        "pilot_examples",
        "Pilot training examples",
        "examples",
        1_000,
        bounds=(0, 1e7),
        slider=(100, 100_000),
        group="pilot",
        integer=True,
        help="Real examples the pilot's fine-tune is trained on.",
        source="Seed report: fine-tune a small model on about 1,000 real-world examples.",
    ),
    _spec(
        "quality_difference",
        "Smallest difference worth detecting",
        "fraction of requests (0 to 1)",
        0.02,
        bounds=(0.001, 0.5),
        slider=(0.005, 0.2),
        group="pilot",
        percent_unit="percentage points",
        help="The smallest gap in success rate between the models that would change your mind.",
        source=_ASSUMPTION + " Two points of success rate.",
    ),
    _spec(
        "confidence",
        "Confidence",
        "probability (0 to 1)",
        0.95,
        bounds=(0.5, 0.9999),
        slider=(0.8, 0.999),
        group="pilot",
        percent_unit="%",
        help="One-sided: how sure the test must be that the fine-tuned model is not worse.",
        source="Convention: 95% (a 5% false-positive rate).",
    ),
    _spec(
        "power",
        "Power",
        "probability (0 to 1)",
        0.8,
        bounds=(0.5, 0.9999),
        slider=(0.5, 0.99),
        group="pilot",
        percent_unit="%",
        help="The chance the test detects a real difference of that size.",
        source="Convention: 80% (Cohen, Statistical Power Analysis, 1988).",
    ),
    _spec(
        "discordant_share",
        "Requests the models disagree on",
        "fraction of requests (0 to 1)",
        0.1,
        bounds=(0.001, 1),
        slider=(0.01, 0.5),
        group="pilot",
        percent_unit="% of requests",
        help="Share of requests where one model succeeds and the other fails (from a small "
        "first sample).",
        source=_ASSUMPTION + " 10% disagreement.",
    ),
    _spec(
        "grading_cost",
        "Grading cost",
        "USD per graded answer",
        0.3,
        bounds=(0, 1_000),
        slider=(0, 10),
        group="pilot",
        log_scale=False,
        help="What judging one answer costs: a person's time, or a judge model's call.",
        source="AlpacaEval's crowd annotators: $300 per 1,000 pairwise judgments, 36.8 s each "
        "(tatsu-lab/alpaca_eval, 2023). A judge model costs about $0.004 (1,000 tokens in and "
        "200 out at Claude Sonnet 5.5's price of 2026-11-10); experts $1 to $2.",
    ),
)


def _weight(factor: dict[str, object]) -> ParameterSpec:
    """The reader's weight of one qualitative factor of content/factors.yaml."""
    name = str(factor["name"])
    return _spec(
        "weight_" + str(factor["id"]).replace("-", "_"),
        f"Importance: {name}",
        "weight (0 to 5)",
        1,
        bounds=(0, 5),
        slider=(0, 5),
        group="factors",
        log_scale=False,
        help=f"How much {name.lower()} matters to you (0: not at all).",
        source="Default 1: every factor counts the same.",
    )


#: The reader's importance weight of each qualitative factor (content/factors.yaml).
WEIGHTS: tuple[ParameterSpec, ...] = tuple(_weight(factor) for factor in FACTORS)
PARAMETERS += WEIGHTS

#: The inputs that may be given a range, and how a range is read: "log" (log-normal, for
#: volumes, prices and speeds) or "normal" (for shares and growth, clipped to the bounds).
UNCERTAIN: tuple[tuple[str, str], ...] = (
    ("monthly_inferences", "log"),
    ("monthly_growth", "normal"),
    ("api_cost_per_1k", "log"),
    ("input_price_per_mtok", "log"),
    ("output_price_per_mtok", "log"),
    ("hosting_monthly", "log"),
    ("gpu_hourly", "log"),
    ("ops_monthly", "log"),
    ("prefill_tps", "log"),
    ("decode_tps", "log"),
    ("replica_throughput_tps", "log"),
)


def _bound(spec: ParameterSpec, end: str) -> ParameterSpec:
    """The ``<name>_low`` or ``<name>_high`` end of a range: optional, same unit and range."""
    word = "lower" if end == "low" else "upper"
    percentile = "10th" if end == "low" else "90th"
    return ParameterSpec(
        name=f"{spec.name}_{end}",
        label=f"{spec.label}: {word} end",
        unit=spec.unit,
        default=None,
        minimum=spec.minimum,
        maximum=spec.maximum,
        slider_min=spec.slider_min,
        slider_max=spec.slider_max,
        log_scale=spec.log_scale,
        integer=spec.integer,
        group="ranges",
        help=f"The {percentile} percentile of {spec.label.lower()}, if you are unsure of it.",
        source="Empty by default: the value above, without doubt.",
        suggested=spec.suggested,
        percent=spec.percent,
        percent_unit=spec.percent_unit,
        empty_means="no range",
    )


_BY_NAME = {spec.name: spec for spec in PARAMETERS}
#: ``<name>_low`` and ``<name>_high`` for each input of :data:`UNCERTAIN`.
RANGES: tuple[ParameterSpec, ...] = tuple(
    _bound(_BY_NAME[name], end) for name, _ in UNCERTAIN for end in ("low", "high")
)
PARAMETERS += RANGES

#: When the analyzer adopted the seed report's figures (the report itself is undated).
SEED_READ = "2026-11-29"
#: When the analyzer's own estimates and conventions were last reviewed.
ESTIMATES_SET = "2026-12-03"
#: The dates of sources that name only their year or month: the day each was read.
_READ_ON = {
    "cached_input_price_per_mtok": "2026-11-10",
    "min_cacheable_tokens": "2026-10-14",
    "api_p95_latency_ms": "2026-11-20",
    "latency_slo_ms": "2026-11-20",
    "kv_cache_tokens": "2026-09-24",
}


def _as_of(spec: ParameterSpec) -> str:
    """The date of a default's source: the latest ISO date the source names, the day a
    source naming only its year was read, the seed's adoption, or the estimate's review."""
    named: list[str] = sorted(re.findall(r"\b20\d\d-\d\d-\d\d\b", spec.source))
    if named:
        return named[-1]
    if spec.name in _READ_ON:
        return _READ_ON[spec.name]
    if spec.source.startswith("Seed report"):
        return SEED_READ
    return ESTIMATES_SET


PARAMETERS = tuple(replace(spec, as_of=_as_of(spec)) for spec in PARAMETERS)

#: The parameters that name a preset (a partial scenario) instead of holding a number.
PRESETS: tuple[PresetSpec, ...] = (
    PresetSpec(
        "api_model",
        "API model",
        "tokens",
        "Sets the token prices, the long-context tier and the provider's minimum cacheable "
        "prefix; editing one of them makes the prices custom.",
        API_MODELS,
    ),
    PresetSpec(
        "gpu_model",
        "GPU and cloud",
        "capacity",
        "Sets the GPU-hour price and the GPU's serving profile; editing one makes it custom.",
        GPU_MODELS,
    ),
)

#: The parameter groups, in page order, with their headings.
GROUPS: tuple[tuple[str, str], ...] = (
    ("simple", "Volume, API price and hosting"),
    ("tokens", "The API bill"),
    ("capacity", "Serving the fine-tuned model"),
    ("upfront", "Fine-tuning: upfront, or served by a provider"),
    ("quality", "Quality and routing"),
    ("horizon", "Horizon, growth and finance"),
    ("ranges", "What you are unsure of"),
    ("factors", "What matters to you"),
    ("pilot", "The pilot"),
)

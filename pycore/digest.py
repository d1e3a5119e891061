"""One line for each group of inputs, to show in place of the group while it is closed
("H100 on RunPod × 2 · p95 first token 180 ms · 64% busy")."""

from __future__ import annotations

from collections.abc import Mapping

from pycore.catalog import API_MODELS, GPU_MODELS
from pycore.formatting import format_ms, format_requests, format_share, format_usd
from pycore.scenario import Scenario

__all__ = ["digests"]


def digests(
    scenario: Scenario, values: Mapping[str, object], text: Mapping[str, str]
) -> dict[str, str]:
    """Return ``{group: one line}`` for the page's input groups (see pycore.GROUPS)."""
    s = scenario
    api = API_MODELS[s.api_model]["name"] if s.api_model else "custom token prices"
    pricing = (
        f"{api} · {text['effective_api_cost_per_1k']} per 1,000 requests"
        if s.token_pricing
        else f"{format_usd(s.api_cost_per_1k)} per 1,000 requests"
    )
    if s.capacity_hosting:
        gpu = GPU_MODELS[s.gpu_model]["name"] if s.gpu_model else "custom GPU"
        hosting = (
            f"{gpu} × {text['replicas']} · p95 first token {text['p95_ttft_ms']} · "
            f"{text['utilization']} busy"
        )
    else:
        hosting = f"fixed {format_usd(s.hosting_monthly)} a month"
    ranged = sum(1 for name in values if name.endswith("_low") and values[name] is not None)
    weights = [values[name] for name in values if name.startswith("weight_")]
    return {
        "simple": f"{format_requests(s.monthly_inferences)} requests a month · "
        f"{format_usd(s.api_cost_per_1k)} per 1,000 · {format_usd(s.hosting_monthly)} hosting",
        "tokens": f"{pricing} · {format_share(s.cached_input_share)} cached",
        "capacity": hosting,
        "upfront": f"{text['upfront_cost']} upfront · managed fine-tune "
        f"${s.managed_input_price_per_mtok:g} / ${s.managed_output_price_per_mtok:g} per MTok",
        "quality": f"{format_share(s.api_success_rate)} API · "
        f"{format_share(s.finetuned_success_rate)} fine-tuned · floor "
        f"{format_share(s.min_success_rate)} · {format_share(s.routed_share)} routed",
        "horizon": f"{s.horizon_months:g} months · growth {format_share(s.monthly_growth)} a "
        f"month · NPV {text['npv']}",
        "ranges": "no ranges"
        if not ranged
        else f"{ranged} input{'s' if ranged > 1 else ''} with a range",
        "factors": "every factor weighs the same"
        if len(set(weights)) <= 1
        else "factors weighed as you set them",
        "pilot": f"{text['pilot_sample_size']} pairs · {text['pilot_days']} · {text['pilot_cost']}",
        "latency": format_ms(s.latency_slo_ms),
    }

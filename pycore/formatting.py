"""Human-readable numbers and the one-sentence verdict, shared by the build and the browser.

The build pre-renders these strings into the HTML and the browser engine returns the
same strings on every input, so the page reads identically before and after Pyodide
boots. Nothing here computes a cost: it only words numbers it is given.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "context_too_long",
    "does_not_fit",
    "format_count",
    "format_months",
    "format_ms",
    "format_number",
    "format_requests",
    "format_result",
    "format_share",
    "format_usd",
    "summarize",
    "summarize_horizon",
    "summarize_latency",
]

MINUS = "\u2212"


def format_usd(amount: float | None) -> str:
    """Format USD: whole dollars from $100 up ("$20,000"), cents below ("$2.00"), and three
    significant digits below 10 cents, so a small rate keeps its size ("$0.0137").

    Amounts from 10^15 use powers of ten ("$2.66 \u00d7 10^45"). Negative amounts get
    a true minus sign (U+2212, as in "\u2212$1,000"); ``None`` gives "n/a".
    """
    if amount is None:
        return "n/a"
    magnitude = abs(amount)
    small = 5e-7 <= magnitude < 0.1
    sign = MINUS if amount < 0 and (small or round(magnitude, 2) != 0) else ""
    if magnitude >= 1e15:  # beyond any real budget (runaway growth): keep it readable
        return f"{sign}${magnitude:.3g}".replace("e+", " \u00d7 10^")
    if small:
        return f"{sign}${magnitude:.3g}" if magnitude >= 1e-4 else f"{sign}${magnitude:.6f}"
    digits = f"{magnitude:,.0f}" if magnitude >= 100 else f"{magnitude:,.2f}"
    return f"{sign}${digits}"


def format_requests(volume: float | None) -> str:
    """Format a volume in requests as a whole number with separators ("1,500,000")."""
    if volume is None:
        return "never"
    return f"{round(volume):,}"


def format_number(value: float) -> str:
    """Format a plain quantity: separators from 1,000 up ("12,500"), 4 significant digits below."""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def format_count(count: float | None, none: str = "n/a") -> str:
    """Format a whole count ("12"); ``none`` is shown for None."""
    return none if count is None else f"{round(count):,}"


def format_months(months: float | None, horizon_months: float) -> str:
    """Format a payback month ("month 4"), or say it is beyond the horizon."""
    if months is None:
        return f"not within {round(horizon_months)} months"
    return f"month {round(months)}"


def format_share(share: float | None) -> str:
    """Format a share of 0 to 1 as a percentage ("47%", "0.4%"); None gives "n/a"."""
    if share is None:
        return "n/a"
    percent = share * 100
    return f"{percent:.0f}%" if percent >= 1 or percent == 0 else f"{percent:.1g}%"


def format_ms(milliseconds: float | None) -> str:
    """Format a duration given in milliseconds, with its unit: "850 ms" and "9,240 ms" below
    10 seconds, "28.3 s" up to 100 seconds, "250 s" beyond; None gives "n/a"."""
    if milliseconds is None:
        return "n/a"
    if milliseconds >= 100_000:
        return f"{milliseconds / 1000:,.0f} s"
    if milliseconds >= 10_000:
        return f"{milliseconds / 1000:.1f}".removesuffix(".0") + " s"
    return f"{milliseconds:,.0f} ms"


def summarize_horizon(
    horizon_months: float,
    tco_api: float,
    tco_finetuned: float,
    payback_months: int | None,
    *,
    lead: tuple[int, int] | None = None,
    capped_month: int | None = None,
) -> str:
    """Say what each option costs over the horizon and from when fine-tuning stays ahead.

    Takes the horizon (months), both totals (USD over the horizon, upfront included for
    the fine-tuned model), the payback month (from which fine-tuning stays ahead; None when
    it is behind at the end), a lead that did not last (first and last month) and the first
    month whose volume was held at 10^12 requests.
    """
    months = round(horizon_months)
    totals = (
        f"Over {months} months the API costs {format_usd(tco_api)} in total and the "
        f"fine-tuned model {format_usd(tco_finetuned)}, upfront cost included"
    )
    if payback_months is not None:
        text = f"{totals}: fine-tuning pays back in month {payback_months} and stays ahead."
        if lead is not None:
            text += f" It was also ahead in months {lead[0]} to {lead[1]}, then fell behind."
    elif lead is not None:
        during = f"month {lead[0]}" if lead[0] == lead[1] else f"months {lead[0]} to {lead[1]}"
        text = (
            f"{totals}: fine-tuning leads only for a while, in {during}, then falls "
            "behind and does not pay back within the horizon."
        )
    else:
        text = f"{totals}: fine-tuning does not pay back within the horizon."
    if capped_month is not None:
        text += f" From month {capped_month} the volume is held at 10^12 requests a month."
    return text


#: Why there is no break-even (see pycore.breakeven.no_breakeven_reason), in words.
NO_BREAKEVEN = {
    "free_api": "With a free API, self-hosting never breaks even.",
    "replica_costs_more": (
        "Self-hosting never breaks even: a fully loaded replica costs more than the API "
        "charges for the same traffic."
    ),
    "beyond_limit": "Self-hosting does not break even below 10^12 requests a month.",
}


def _where(  # noqa: PLR0911 - one sentence per case
    breakeven: float | None,
    sustained: float | str | None,
    no_breakeven: str,
    *,
    scaled_to_zero: bool = False,
) -> str:
    """Say where the options cross, with both break-evens when they differ."""
    if not isinstance(sustained, float | int | None):
        raise ValueError(f"summarize: expected a volume, None or 'same', got {sustained!r}")
    if breakeven is None:
        return NO_BREAKEVEN[no_breakeven]
    if breakeven == 0 and not scaled_to_zero:
        return "With free hosting, the fine-tuned model is never the dearer option."
    if breakeven == 0:
        start = (
            "Scaled to zero, the fine-tuned model is billed only while a replica runs, so at "
            "low volumes it costs no more than the API"
        )
        if sustained is not None and round(sustained) == 0:
            return f"{start}, and it stays no dearer at every volume."
        if sustained is None:
            return (
                f"{start}; at larger volumes the API is cheaper again: a fully loaded replica "
                "costs more than the API charges for its traffic."
            )
        return (
            f"{start}, and it is cheaper at every volume above {format_requests(sustained)}; "
            "in between, the replicas it keeps running can make the API cheaper for a while."
        )
    first = format_requests(breakeven)
    if sustained is not None and round(sustained) == round(breakeven):
        return f"The two break even at {first} requests a month."
    if sustained is None:
        return (
            f"Self-hosting first costs no more than the API at {first} requests a month, but "
            "the API is cheaper again at larger volumes: a fully loaded replica costs more "
            "than the API charges for its traffic."
        )
    return (
        f"Self-hosting first costs no more than the API at {first} requests a month and is "
        f"cheaper at every volume above {format_requests(sustained)}; in between, each "
        "replica added for more traffic can make the API cheaper again for a while."
    )


def summarize(
    monthly_inferences: float,
    api: float,
    finetuned: float,
    breakeven: float | None,
    no_breakeven: str = "beyond_limit",
    *,
    sustained: float | str | None = "same",
    scaled_to_zero: bool = False,
) -> str:
    """Say in one sentence which option is cheaper at this volume, by how much, and why.

    Takes the volume (requests per month), both monthly costs (USD per month), the first
    break-even volume (requests per month, or ``None`` when there is none), for ``None``
    the reason code of :data:`NO_BREAKEVEN`, the sustained break-even (the volume above
    which self-hosting is cheaper throughout; None when the API is cheaper again at large
    volumes; "same", the default, when it is the first break-even), and whether the
    self-hosted replica scales to zero (a break-even of 0 then means it is billed only while
    it runs, not that hosting is free).
    """
    volume = format_requests(monthly_inferences)
    savings = api - finetuned
    where = _where(
        breakeven,
        breakeven if sustained == "same" else sustained,
        no_breakeven,
        scaled_to_zero=scaled_to_zero,
    )
    if round(savings, 2) == 0:
        verdict = f"At {volume} requests a month both options cost {format_usd(api)} a month."
    elif savings > 0:
        share = f" ({savings / api:.0%} less)" if api > 0 else ""
        verdict = (
            f"At {volume} requests a month the fine-tuned model costs {format_usd(finetuned)} "
            f"against {format_usd(api)} for the API: it saves {format_usd(savings)} "
            f"a month{share}."
        )
    else:
        verdict = (
            f"At {volume} requests a month the API costs {format_usd(api)} against "
            f"{format_usd(finetuned)} for hosting a fine-tuned model: stay on the API, "
            f"which is {format_usd(-savings)} a month cheaper."
        )
    return f"{verdict} {where}"


def format_result(kind: str, value: float | None, horizon_months: float) -> str:
    """Format one result by its kind ("usd", "requests", "count", "replicas", "days",
    "share", "ms", "score", "months")."""
    if kind == "months":
        return format_months(value, horizon_months)
    if kind == "replicas":
        return format_count(value, none="n/a (fixed hosting)")
    if kind == "count":
        return format_count(value)
    if kind == "days":
        return "n/a" if value is None else f"{format_count(value)} days"
    if kind == "score":
        return "n/a" if value is None else f"{value:.1f} / 5"
    formats = {"usd": format_usd, "requests": format_requests, "share": format_share}
    return formats.get(kind, format_ms)(value)


def does_not_fit(context_tokens: float, kv_cache_tokens: float) -> str:
    """Say that a request's context does not fit a replica's KV cache, with both sizes."""
    return (
        f"does not fit: {format_requests(context_tokens)} tokens of context against a "
        f"{format_requests(kv_cache_tokens)}-token KV cache"
    )


def context_too_long(context_tokens: float, kv_cache_tokens: float) -> str:
    """Say, as a clause, that a request's context is larger than a replica's KV cache."""
    return (
        f"a request's {format_requests(context_tokens)} tokens of context (prompt and answer) "
        f"do not fit a replica's {format_requests(kv_cache_tokens)}-token KV cache"
    )


def summarize_latency(api_ms: float, fleet: Mapping[str, float | bool | None] | None) -> str:
    """Say how fast the self-hosted fleet answers at the busiest hour, beside the API.

    ``api_ms`` is the API's p95 time to first token (ms); ``fleet`` is None with fixed
    hosting, else ``replicas``, ``ttft_ms`` (p95), ``target_ms``, ``meets`` (whether the
    target is met), ``unloaded_ms`` (time to first token on an idle replica: the prefill
    and one step), ``cold_share`` (share of requests that find a scaled-to-zero replica
    cold), ``busy`` and ``cap`` (busy share of each replica at the peak, and its cap),
    ``itl_ms`` (median time between tokens, None when not modelled), ``itl_target_ms``,
    ``min_step_ms`` (one request's step), ``fits``, ``context`` and ``kv_cache_tokens``.
    """
    api = format_ms(api_ms)
    if fleet is None:
        return (
            "Fixed hosting has no latency model: give a GPU price to size the fleet for a "
            f"latency target. The API's p95 time to first token: {api}."
        )

    def number(key: str) -> float:
        return float(fleet[key] or 0.0)

    if not fleet["fits"]:
        return (
            f"Self-hosting on this GPU cannot serve these requests: "
            f"{context_too_long(number('context'), number('kv_cache_tokens'))}. Choose a GPU "
            f"with more memory or shorter prompts. The API's p95 time to first token: {api}."
        )
    count = round(number("replicas"))
    replicas = f"{format_count(count)} replica{'s' if count != 1 else ''}"
    ttft, target = format_ms(number("ttft_ms")), format_ms(number("target_ms"))
    if fleet["meets"]:
        verb = "keeps" if count == 1 else "keep"
        text = f"At the busiest hour {replicas} {verb} the p95 time to first token at {ttft}"
        text += f", within the {target} target"
        if count:
            text += f" ({format_share(number('busy'))} busy, cap {format_share(number('cap'))})"
    elif number("cold_share") > 0.05:
        text = (
            f"The {target} target is missed: scaled to zero, "
            f"{format_share(number('cold_share'))} of requests find no replica running and "
            f"wait about {format_ms(number('cold_start_ms'))} for one to start, so the p95 "
            f"time to first token is {ttft}. Keep one replica running (minimum replicas 1) to "
            "meet it"
        )
    else:
        text = (
            f"The {target} target is out of reach: reading the prompt and emitting the first "
            f"token take {format_ms(number('unloaded_ms'))} even on an idle replica, so at the "
            f"busiest hour the p95 time to first token is {ttft} with {replicas}"
        )
    if fleet["itl_ms"] is not None:
        itl = number("itl_ms")
        pace = f"tokens then follow every {format_ms(itl)} (median)"
        limit = format_ms(number("itl_target_ms"))
        if itl <= number("itl_target_ms") * (1 + 1e-9):
            text += f"; {pace}, within the {limit} target"
        else:
            text += (
                f"; {pace}, over the {limit} target: one request's decode step alone takes "
                f"{format_ms(number('min_step_ms'))} on this GPU"
            )
    return f"{text}; the API's p95 time to first token is {api}."

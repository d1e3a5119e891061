"""Human-readable numbers and the one-sentence verdict, shared by the build and the browser.

The build pre-renders these strings into the HTML and the browser engine returns the
same strings on every input, so the page reads identically before and after Pyodide
boots. Nothing here computes a cost: it only words numbers it is given.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
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
    """Format USD: whole dollars from $100 up ("$20,000"), cents below ("$2.00").

    Amounts from 10^15 use powers of ten ("$2.66 \u00d7 10^45"). Negative amounts get
    a true minus sign (U+2212, as in "\u2212$1,000"); ``None`` gives "n/a".
    """
    if amount is None:
        return "n/a"
    sign = MINUS if amount < 0 and round(abs(amount), 2) != 0 else ""
    magnitude = abs(amount)
    if magnitude >= 1e15:  # beyond any real budget (runaway growth): keep it readable
        return f"{sign}${magnitude:.3g}".replace("e+", " \u00d7 10^")
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
    """Format a duration in milliseconds ("850 ms", "1,240 ms", "42 s"); None gives "n/a"."""
    if milliseconds is None:
        return "n/a"
    if milliseconds >= 10_000:
        return f"{milliseconds / 1000:,.0f} s"
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


def _where(breakeven: float | None, sustained: float | str | None, no_breakeven: str) -> str:
    """Say where the options cross, with both break-evens when they differ."""
    if breakeven is None:
        return NO_BREAKEVEN[no_breakeven]
    if breakeven == 0:
        return "With free hosting, the fine-tuned model is never the dearer option."
    first = format_requests(breakeven)
    if not isinstance(sustained, float | int | None):
        raise ValueError(f"summarize: expected a volume, None or 'same', got {sustained!r}")
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
) -> str:
    """Say in one sentence which option is cheaper at this volume, by how much, and why.

    Takes the volume (requests per month), both monthly costs (USD per month), the first
    break-even volume (requests per month, or ``None`` when there is none), for ``None``
    the reason code of :data:`NO_BREAKEVEN`, and the sustained break-even (the volume above
    which self-hosting is cheaper throughout; None when the API is cheaper again at large
    volumes; "same", the default, when it is the first break-even).
    """
    volume = format_requests(monthly_inferences)
    savings = api - finetuned
    where = _where(breakeven, breakeven if sustained == "same" else sustained, no_breakeven)
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


def summarize_latency(api_ms: float, fleet: Mapping[str, float | bool] | None) -> str:
    """Say how fast the self-hosted fleet answers at the busiest hour, beside the API.

    ``api_ms`` is the API's p95 time to first token (ms); ``fleet`` is None with fixed
    hosting, else ``replicas``, ``ttft_ms`` (p95), ``target_ms``, ``meets`` (whether the
    target is met), ``prefill_ms`` (one prompt's prefill) and ``cold_share`` (share of
    requests that find a scaled-to-zero replica cold).
    """
    api = format_ms(api_ms)
    if fleet is None:
        return (
            "Fixed hosting has no latency model: give a GPU price to size the fleet for a "
            f"latency target. The API's p95 time to first token: {api}."
        )
    count = round(fleet["replicas"])
    replicas = f"{format_count(count)} replica{'s' if count != 1 else ''}"
    ttft, target = format_ms(fleet["ttft_ms"]), format_ms(fleet["target_ms"])
    if fleet["meets"]:
        verb = "keeps" if count == 1 else "keep"
        text = f"At the busiest hour {replicas} {verb} the p95 time to first token at {ttft}"
        text += f", within the {target} target"
    else:
        text = (
            f"The {target} target is out of reach: reading the prompt alone takes "
            f"{format_ms(fleet['prefill_ms'])}, so at the busiest hour the p95 time to first "
            f"token is {ttft} with {replicas}"
        )
    text += f"; the API's is {api}."
    if fleet["cold_share"] > 0.05:
        text += (
            f" Scaled to zero, {format_share(fleet['cold_share'])} of requests wait for a "
            "replica to start."
        )
    return text

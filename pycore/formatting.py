"""Human-readable numbers and the one-sentence verdict, shared by the build and the browser.

The build pre-renders these strings into the HTML and the browser engine returns the
same strings on every input, so the page reads identically before and after Pyodide
boots. Nothing here computes a cost: it only words numbers it is given.
"""

from __future__ import annotations

__all__ = [
    "format_count",
    "format_months",
    "format_number",
    "format_requests",
    "format_usd",
    "summarize",
    "summarize_horizon",
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


def summarize_horizon(
    horizon_months: float, tco_api: float, tco_finetuned: float, payback_months: int | None
) -> str:
    """Say in one sentence what each option costs over the horizon and when fine-tuning pays back.

    Takes the horizon (months), both totals (USD over the horizon, upfront included for
    the fine-tuned model) and the payback month (None when there is none).
    """
    months = round(horizon_months)
    totals = (
        f"Over {months} months the API costs {format_usd(tco_api)} in total and the "
        f"fine-tuned model {format_usd(tco_finetuned)}, upfront cost included"
    )
    if payback_months is None:
        return f"{totals}: fine-tuning does not pay back within the horizon."
    return f"{totals}: fine-tuning pays back in month {payback_months}."


#: Why there is no break-even (see pycore.model.no_breakeven_reason), in words.
NO_BREAKEVEN = {
    "free_api": "With a free API, self-hosting never breaks even.",
    "replica_costs_more": (
        "Self-hosting never breaks even: a fully loaded replica costs more than the API "
        "charges for the same traffic."
    ),
    "beyond_limit": "Self-hosting does not break even below 10^12 requests a month.",
}


def summarize(
    monthly_inferences: float,
    api: float,
    finetuned: float,
    breakeven: float | None,
    no_breakeven: str = "beyond_limit",
) -> str:
    """Say in one sentence which option is cheaper at this volume, by how much, and why.

    Takes the volume (requests per month), both monthly costs (USD per month), the
    break-even volume (requests per month, or ``None`` when there is none) and, for
    ``None``, the reason code of :data:`NO_BREAKEVEN`.
    """
    volume = format_requests(monthly_inferences)
    savings = api - finetuned
    if breakeven is None:
        where = NO_BREAKEVEN[no_breakeven]
    elif breakeven == 0:
        where = "With free hosting, the fine-tuned model is never the dearer option."
    else:
        where = f"The two break even at {format_requests(breakeven)} requests a month."
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

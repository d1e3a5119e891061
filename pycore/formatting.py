"""Human-readable numbers and the one-sentence verdict, shared by the build and the browser.

The build pre-renders these strings into the HTML and the browser engine returns the
same strings on every input, so the page reads identically before and after Pyodide
boots. Nothing here computes a cost: it only words numbers it is given.
"""

from __future__ import annotations

__all__ = ["format_requests", "format_usd", "summarize"]

MINUS = "\u2212"


def format_usd(amount: float | None) -> str:
    """Format USD: whole dollars from $100 up ("$20,000"), cents below ("$2.00").

    Negative amounts get a true minus sign (U+2212, as in "\u2212$1,000"); ``None`` gives "n/a".
    """
    if amount is None:
        return "n/a"
    sign = MINUS if amount < 0 and round(abs(amount), 2) != 0 else ""
    magnitude = abs(amount)
    digits = f"{magnitude:,.0f}" if magnitude >= 100 else f"{magnitude:,.2f}"
    return f"{sign}${digits}"


def format_requests(volume: float | None) -> str:
    """Format a volume in requests as a whole number with separators ("1,500,000")."""
    if volume is None:
        return "never"
    return f"{round(volume):,}"


def summarize(
    monthly_inferences: float,
    api: float,
    finetuned: float,
    breakeven: float | None,
) -> str:
    """Say in one sentence which option is cheaper at this volume, by how much, and why.

    Takes the volume (requests per month), both monthly costs (USD per month) and the
    break-even volume (requests per month, or ``None`` when there is none).
    """
    volume = format_requests(monthly_inferences)
    savings = api - finetuned
    if breakeven is None:
        where = "With a free API, self-hosting never breaks even."
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

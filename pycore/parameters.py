"""The model's parameters: names, units, ranges and defaults, and their validation.

Every parameter is declared once here. The build reads these specs to label the page's
fields and sliders, the browser engine uses them to clamp hostile input, and the CLI uses
them to reject bad values; so a name, a unit or a range is never written twice.

Default figures come from the seed report ("Fine-Tuning LLMs for Cost-Effectiveness"):
a fixed $3,000 a month to host the fine-tuned model on a GPU server, and a sample
average of $2.00 per 1,000 requests for a general-purpose API.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "PARAMETERS",
    "ParameterError",
    "ParameterSpec",
    "clamp_parameters",
    "defaults",
    "parameter_spec",
    "validate_parameters",
]


class ParameterError(ValueError):
    """A parameter is unknown, of the wrong type, or outside its range.

    Raised by :func:`pycore.validate_parameters` and :func:`pycore.compute`. The message
    reads ``NAME: expected EXPECTED, got FOUND``; the parts are kept as attributes.
    """

    def __init__(self, name: str, expected: str, found: object) -> None:
        self.name = name
        self.expected = expected
        self.found = found
        super().__init__(f"{name}: expected {expected}, got {found!r}")


@dataclass(frozen=True, slots=True)
class ParameterSpec:
    """One model parameter as the page, the URL and the CLI know it.

    ``minimum``/``maximum`` bound the number field (and what the engine accepts);
    ``slider_min``/``slider_max`` bound the slider, which is log-scaled when
    ``log_scale`` is true. ``integer`` parameters are rounded to whole numbers.
    ``source`` says where the default figure comes from.
    """

    name: str
    label: str
    unit: str
    default: float
    minimum: float
    maximum: float
    slider_min: float
    slider_max: float
    step: float
    log_scale: bool
    integer: bool
    help: str
    source: str

    def check(self, value: object) -> float:
        """Return ``value`` as a float inside the range, or raise :class:`ParameterError`.

        Accepts ints, floats and numeric strings (as they come from a URL or a CLI);
        rejects booleans, NaN, infinities and anything outside ``[minimum, maximum]``.
        """
        number = _to_number(self.name, value)
        if not self.minimum <= number <= self.maximum:
            raise ParameterError(
                self.name,
                f"a number from {_plain(self.minimum)} to {_plain(self.maximum)} ({self.unit})",
                value,
            )
        return float(round(number)) if self.integer else number


def _to_number(name: str, value: object) -> float:
    """Parse ``value`` as a finite number or raise :class:`ParameterError`."""
    if isinstance(value, bool):
        raise ParameterError(name, "a number", value)
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "").replace("_", ""))
        except ValueError:
            raise ParameterError(name, "a number", value) from None
    else:
        raise ParameterError(name, "a number", value)
    if not math.isfinite(number):
        raise ParameterError(name, "a finite number", value)
    return number


def _plain(number: float) -> str:
    """Format a bound without exponent noise: 1000000 -> '1,000,000', 0.5 -> '0.5'."""
    if number == int(number):
        return f"{int(number):,}"
    return f"{number:,.4g}"


PARAMETERS: tuple[ParameterSpec, ...] = (
    ParameterSpec(
        name="monthly_inferences",
        label="Monthly volume",
        unit="requests per month",
        default=1_000_000,
        minimum=0,
        maximum=1e12,
        slider_min=1e4,
        slider_max=1e9,
        step=1,
        log_scale=True,
        integer=True,
        help="How many requests (inferences) the feature serves in a month.",
        source="Analyzer default; the seed's use cases run at 10,000,000 requests a month.",
    ),
    ParameterSpec(
        name="api_cost_per_1k",
        label="API price",
        unit="USD per 1,000 requests",
        default=2.0,
        minimum=0,
        maximum=10_000,
        slider_min=0.01,
        slider_max=100,
        step=0.01,
        log_scale=True,
        integer=False,
        help="What the general-purpose API charges, on average, for 1,000 requests.",
        source="Seed report: a sample average of $2.00 per 1,000 inferences.",
    ),
    ParameterSpec(
        name="hosting_monthly",
        label="Hosting cost",
        unit="USD per month",
        default=3_000,
        minimum=0,
        maximum=1e9,
        slider_min=100,
        slider_max=1e6,
        step=1,
        log_scale=True,
        integer=False,
        help="What it costs each month to host the fine-tuned model (GPU server, fixed).",
        source="Seed report: a fixed $3,000 a month for the fine-tuned model's GPU server.",
    ),
)


def parameter_spec(name: str) -> ParameterSpec:
    """Return the spec of parameter ``name``; raise :class:`ParameterError` if unknown."""
    for spec in PARAMETERS:
        if spec.name == name:
            return spec
    known = ", ".join(spec.name for spec in PARAMETERS)
    raise ParameterError(name, f"one of the parameter names ({known})", name)


def defaults() -> dict[str, float]:
    """Return ``{name: default}`` for every parameter (units as in :data:`PARAMETERS`)."""
    return {spec.name: float(spec.default) for spec in PARAMETERS}


def validate_parameters(raw: Mapping[str, object]) -> dict[str, float]:
    """Check a partial parameter mapping and complete it with defaults.

    Takes ``{name: value}`` where values are numbers or numeric strings, and returns
    ``{name: float}`` for every parameter. Raises :class:`ParameterError` for the first
    unknown name, non-numeric value or out-of-range value (strict: nothing is clamped).
    """
    values = defaults()
    for name, value in raw.items():
        values[name] = parameter_spec(name).check(value)
    return values


def clamp_parameters(raw: Mapping[str, object]) -> tuple[dict[str, float], list[str]]:
    """Resolve untrusted input (URL, form fields) without ever failing.

    Returns ``({name: float}, notices)``: unknown names are dropped, unreadable values
    fall back to the default, and out-of-range values are clamped to the nearest bound;
    each such repair adds one human-readable notice.
    """
    values = defaults()
    notices: list[str] = []
    for name, value in raw.items():
        try:
            spec = parameter_spec(name)
        except ParameterError:
            notices.append(f"Ignored unknown setting {_shorten(name)!r}.")
            continue
        try:
            values[name] = spec.check(value)
        except ParameterError:
            repaired = _repair(spec, value)
            values[name] = repaired
            notices.append(
                f"{spec.label}: {_shorten(str(value))!r} is not a number from "
                f"{_plain(spec.minimum)} to {_plain(spec.maximum)}; using {_plain(repaired)}."
            )
    return values, notices


def _repair(spec: ParameterSpec, value: object) -> float:
    """Clamp a number (infinities included) into range; anything else becomes the default."""
    try:
        number = _to_number(spec.name, value)
    except ParameterError:
        infinite = _infinity(value)
        if infinite is None:
            return spec.default
        number = infinite
    clamped = min(max(number, spec.minimum), spec.maximum)
    return float(round(clamped)) if spec.integer else clamped


def _infinity(value: object) -> float | None:
    """Return +/-inf for an infinite number or numeric text ("1e400", "-Infinity"), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value.strip() if isinstance(value, str) else value)
    except ValueError:
        return None
    return number if math.isinf(number) else None


def _shorten(text: str, limit: int = 40) -> str:
    """Cut untrusted text to ``limit`` characters for display in a notice."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"

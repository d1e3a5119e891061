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
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "GROUPS",
    "PAGE_KEYS",
    "PARAMETERS",
    "Notice",
    "ParameterError",
    "ParameterSpec",
    "Values",
    "clamp_parameters",
    "defaults",
    "parameter_spec",
    "parse_query",
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
    ``default`` is None for an optional parameter: leaving it empty keeps its feature
    off (per-request API pricing, fixed hosting); ``suggested`` is the value the page
    offers when it is switched on. ``source`` says where the default figure comes from.
    """

    name: str
    label: str
    unit: str
    default: float | None
    minimum: float
    maximum: float
    slider_min: float
    slider_max: float
    log_scale: bool
    integer: bool
    group: str
    help: str
    source: str
    suggested: float | None

    @property
    def optional(self) -> bool:
        """An optional parameter defaults to None: the feature it switches on is off."""
        return self.default is None

    def check(self, value: object) -> float | None:
        """Return ``value`` as a float inside the range, or raise :class:`ParameterError`.

        Accepts ints, floats and numeric strings (as they come from a URL or a CLI);
        rejects booleans, NaN, infinities, fractions for whole-number parameters and
        anything outside ``[minimum, maximum]``.
        An optional parameter also accepts None or an empty string, meaning "not given".
        """
        if self.optional and (value is None or (isinstance(value, str) and not value.strip())):
            return None
        number = _to_number(self.name, value)
        if self.integer and not number.is_integer():
            raise ParameterError(self.name, f"a whole number ({self.unit})", value)
        if not self.minimum <= number <= self.maximum:
            raise ParameterError(
                self.name,
                f"a number from {_plain(self.minimum)} to {_plain(self.maximum)} ({self.unit})",
                value,
            )
        return number


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
) -> ParameterSpec:
    """Declare one parameter (a compact constructor for the table below)."""
    return ParameterSpec(
        name=name,
        label=label,
        unit=unit,
        default=default,
        minimum=bounds[0],
        maximum=bounds[1],
        slider_min=slider[0],
        slider_max=slider[1],
        log_scale=log_scale,
        integer=integer,
        group=group,
        help=help,
        source=source,
        suggested=default if suggested is None else suggested,
    )


_ASSUMPTION = "Illustrative assumption of this analyzer, not a measured figure; set your own."

#: Every parameter, in the order the page shows them. ``group`` places each in the page:
#: "simple" (the seed's three inputs), "tokens", "capacity", "upfront" or "horizon".
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
        0.125,
        bounds=(0, 1_000),
        slider=(0.001, 100),
        group="tokens",
        help="Price of input tokens served from the provider's prompt cache.",
        source="Default: a tenth of the suggested input price, a common cache-read discount.",
    ),
    _spec(
        "output_price_per_mtok",
        "Output token price",
        "USD per million tokens",
        5.0,
        bounds=(0, 1_000),
        slider=(0.01, 200),
        group="tokens",
        help="Price of generated (output) tokens.",
        source="Default chosen so that 800 input and 200 output tokens cost the seed's "
        "$2.00 per 1,000 requests at $1.25 input.",
    ),
    _spec(
        "avg_input_tokens",
        "Input tokens",
        "tokens per request",
        800,
        bounds=(0, 2_000_000),
        slider=(10, 100_000),
        group="tokens",
        integer=True,
        help="Average prompt length: instructions, context and user text.",
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
        help="Average answer length. Also sizes the GPU fleet in capacity mode.",
        source=_ASSUMPTION,
    ),
    _spec(
        "cached_input_share",
        "Cached share of input",
        "fraction of input tokens (0 to 1)",
        0.0,
        bounds=(0, 1),
        slider=(0, 1),
        group="tokens",
        log_scale=False,
        help="Share of input tokens billed at the cached price (a shared system prompt).",
        source="Default 0: no prompt caching.",
    ),
    _spec(
        "batch_discount",
        "Batch discount",
        "fraction off (0 to 1)",
        0.0,
        bounds=(0, 1),
        slider=(0, 1),
        group="tokens",
        log_scale=False,
        help="Discount for asynchronous batch processing (often 0.5).",
        source="Default 0: real-time requests.",
    ),
    _spec(
        "gpu_hourly",
        "GPU price",
        "USD per GPU-hour",
        None,
        bounds=(0, 1_000),
        slider=(0.1, 20),
        group="capacity",
        suggested=2.5,
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
        help="GPUs one copy of the model needs (1 for a small model).",
        source="Default 1: a 7-8B model fits on one 24-80 GB GPU.",
    ),
    _spec(
        "replica_throughput_tps",
        "Replica throughput",
        "output tokens per second",
        2_000,
        bounds=(1, 1e6),
        slider=(50, 50_000),
        group="capacity",
        help="Output tokens per second one replica sustains with batching, measured at "
        "your prompt length: long prompts (prefill) lower it.",
        source="Default in the range of published vLLM figures for an 8B model on one GPU; "
        "GPU presets carry their own sourced figure.",
    ),
    _spec(
        "target_utilization",
        "Target utilization",
        "fraction of throughput (0 to 1)",
        0.6,
        bounds=(0.05, 1),
        slider=(0.05, 1),
        group="capacity",
        log_scale=False,
        help="How hard each replica is driven at peak; headroom keeps p95 latency low.",
        source=_ASSUMPTION,
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
        help="Replicas kept running at any volume (2 for redundancy).",
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
        log_scale=False,
        help="Month-on-month change in volume (0.05 is 5% a month).",
        source="Default 0: flat volume.",
    ),
)

#: The parameter groups, in page order, with their headings.
GROUPS: tuple[tuple[str, str], ...] = (
    ("simple", "Volume, API price and hosting"),
    ("tokens", "API price from tokens"),
    ("capacity", "Hosting from GPU capacity"),
    ("upfront", "Upfront cost of fine-tuning"),
    ("horizon", "Horizon and growth"),
)


def parameter_spec(name: str) -> ParameterSpec:
    """Return the spec of parameter ``name``; raise :class:`ParameterError` if unknown."""
    for spec in PARAMETERS:
        if spec.name == name:
            return spec
    known = ", ".join(spec.name for spec in PARAMETERS)
    raise ParameterError(name, f"one of the parameter names ({known})", name)


Values = dict[str, float | None]


def defaults() -> Values:
    """Return ``{name: default}`` for every parameter (units as in :data:`PARAMETERS`).

    Optional parameters map to None.
    """
    return {spec.name: None if spec.default is None else float(spec.default) for spec in PARAMETERS}


def validate_parameters(raw: Mapping[str, object]) -> Values:
    """Check a partial parameter mapping and complete it with defaults.

    Takes ``{name: value}`` where values are numbers or numeric strings, and returns
    ``{name: float | None}`` for every parameter. Raises :class:`ParameterError` for the first
    unknown name, non-numeric value or out-of-range value (strict: nothing is clamped).
    """
    values = defaults()
    for name, value in raw.items():
        values[name] = parameter_spec(name).check(value)
    return values


@dataclass(frozen=True, slots=True)
class Notice:
    """One repair made to untrusted input: the parameter it concerns (None for an unknown
    name) and a sentence saying what was wrong and what is used instead."""

    name: str | None
    message: str


def clamp_parameters(raw: Mapping[str, object]) -> tuple[Values, list[Notice]]:
    """Resolve untrusted input (URL, form fields) without ever failing.

    Returns ``({name: float | None}, notices)``: unknown names are dropped, unreadable
    values fall back to the default, out-of-range values are clamped to the nearest
    bound, and a name given several times (a list of values) takes the last; each such
    repair adds one :class:`Notice`.
    """
    values = defaults()
    notices: list[Notice] = []
    for name, given in raw.items():
        try:
            spec = parameter_spec(name)
        except ParameterError:
            notices.append(Notice(None, f"Ignored unknown setting {_shorten(name)!r}."))
            continue
        value = given
        if isinstance(given, list | tuple):
            value = given[-1] if given else ""
            if len(given) > 1:
                notices.append(
                    Notice(name, f"{spec.label} was given {len(given)} times; using the last.")
                )
        try:
            values[name] = spec.check(value)
        except ParameterError:
            repaired = _repair(spec, value)
            values[name] = repaired
            using = "the default" if repaired is None else _plain(repaired)
            notices.append(Notice(name, _repair_message(spec, value, using)))
    return values, notices


#: Keys of the query string that are page settings, not model parameters.
PAGE_KEYS = ("view",)


def parse_query(query: str) -> dict[str, object]:
    """Read a URL query string (with or without its "?") into raw parameters.

    Returns ``{name: value}`` with values as text, or a list of texts for a name given
    more than once (so :func:`clamp_parameters` can say so); page settings such as
    ``view`` are left out. Percent-escapes and "+" are decoded; nothing is validated here.
    """
    raw: dict[str, object] = {}
    for name, value in urllib.parse.parse_qsl(query.lstrip("?"), keep_blank_values=True):
        if name in PAGE_KEYS:
            continue
        previous = raw.get(name)
        if previous is None:
            raw[name] = value
        elif isinstance(previous, list):
            previous.append(value)
        else:
            raw[name] = [previous, value]
    return raw


def _repair_message(spec: ParameterSpec, value: object, using: str) -> str:
    """Say what was wrong with ``value`` for ``spec`` and what is used instead."""
    if isinstance(value, str) and not value.strip():
        return f"{spec.label} is empty; using {using}."
    shown = _shorten(str(value))
    try:
        number = _to_number(spec.name, value)
    except ParameterError:
        number = math.nan
    if spec.integer and spec.minimum <= number <= spec.maximum:
        return f"{spec.label}: {shown!r} is not a whole number; using {using}."
    return (
        f"{spec.label}: {shown!r} is not a number from {_plain(spec.minimum)} to "
        f"{_plain(spec.maximum)}; using {using}."
    )


def _repair(spec: ParameterSpec, value: object) -> float | None:
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

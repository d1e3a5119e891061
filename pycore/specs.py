"""What a parameter is: its spec (name, unit, range, source) and how one value is checked.

The table of every parameter is :data:`pycore.PARAMETERS` (:mod:`pycore.parameters`); the
presets that ``api_model`` and ``gpu_model`` name are in :mod:`pycore.catalog`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["OFF_WORDS", "ParameterError", "ParameterSpec", "PresetSpec", "plain", "to_number"]

#: Words that switch an optional parameter off in a URL or on the command line.
OFF_WORDS = ("off", "none")


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
    """One numeric model parameter as the page, the URL and the CLI know it.

    ``minimum``/``maximum`` bound the value (what the engine accepts); ``slider_min``/
    ``slider_max`` bound the slider, log-scaled when ``log_scale``. ``integer`` parameters
    are whole numbers. ``default`` is None for an optional parameter: leaving it empty
    keeps its feature off (per-request API pricing, fixed hosting) or lets a rule decide
    (the cached price is a tenth of the input price); ``suggested`` is the value the page
    offers for it. ``percent`` parameters are fractions in the URL and the CLI and
    percentages on the page (5 means 5%), in ``percent_unit``. ``source`` says where the
    default comes from and ``as_of`` when it was read or set (an ISO date);
    ``empty_means`` what an optional parameter left empty stands for.
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
    percent: bool = False
    percent_unit: str = ""
    empty_means: str = "off"
    as_of: str = ""

    @property
    def optional(self) -> bool:
        """An optional parameter defaults to None: the feature it switches on is off."""
        return self.default is None

    @property
    def field_unit(self) -> str:
        """The unit of the page's field: ``percent_unit`` for shares, else ``unit``."""
        return self.percent_unit if self.percent else self.unit

    @property
    def page_scale(self) -> float:
        """What a value is multiplied by to show it on the page (100 for percentages)."""
        return 100.0 if self.percent else 1.0

    def check(self, value: object, *, allow_empty: bool = True) -> float | None:
        """Return ``value`` as a float inside the range, or raise :class:`ParameterError`.

        Accepts ints, floats and numeric strings (as they come from a URL or a CLI);
        rejects booleans, NaN, infinities, fractions for whole-number parameters and
        anything outside ``[minimum, maximum]``. An optional parameter also accepts None,
        "off" or "none" (and, with ``allow_empty``, an empty string), meaning "not given".
        """
        if self.optional and _is_off(value, allow_empty=allow_empty):
            return None
        number = to_number(self.name, value)
        if self.integer and not number.is_integer():
            raise ParameterError(self.name, f"a whole number ({self.unit})", value)
        if not self.minimum <= number <= self.maximum:
            raise ParameterError(
                self.name,
                f"a number from {plain(self.minimum)} to {plain(self.maximum)} ({self.unit})",
                value,
            )
        return number


def _is_off(value: object, *, allow_empty: bool) -> bool:
    """Tell whether ``value`` means "not given" for an optional parameter."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    text = value.strip().lower()
    return text in OFF_WORDS or (allow_empty and not text)


@dataclass(frozen=True, slots=True)
class PresetSpec:
    """A parameter that names a preset: ``api_model`` or ``gpu_model``.

    ``presets`` maps each preset id to ``{"name": display name, "values": {parameter:
    value}}``; a preset is a partial scenario. The value None (or empty) means custom.
    """

    name: str
    label: str
    group: str
    help: str
    presets: Mapping[str, Mapping[str, object]] = field(repr=False)

    def check(self, value: object, *, allow_empty: bool = True) -> str | None:
        """Return the preset id, None for custom, or raise :class:`ParameterError`."""
        if _is_off(value, allow_empty=allow_empty) or value == "custom":
            return None
        if isinstance(value, str) and value.strip() in self.presets:
            return value.strip()
        known = ", ".join(self.presets)
        raise ParameterError(self.name, f"one of {known}, or custom", value)

    def values(self, preset: str) -> Mapping[str, float | None]:
        """Return the parameters preset ``preset`` sets (a KeyError if it is unknown)."""
        values = self.presets[preset]["values"]
        assert isinstance(values, Mapping)
        return values


def to_number(name: str, value: object) -> float:
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


def plain(number: float) -> str:
    """Format a bound without exponent noise: 1000000 -> '1,000,000', 0.5 -> '0.5'."""
    if number == int(number):
        return f"{int(number):,}"
    return f"{number:,.4g}"

"""Reading parameter values: strictly (the CLI), leniently (the URL, the page's fields),
with presets expanded and shares converted between fractions and percentages.

Values are ``{name: float | str | None}``: a float per numeric parameter (None when an
optional one is off), a preset id or None (custom) for ``api_model`` and ``gpu_model``.
A preset fills in the parameters it sets, and a value given beside it overrides the
preset's: when one differs, the preset no longer describes the scenario and becomes custom
(None), its other values kept. :func:`preset_bases` says which preset the input started
from, and :func:`preset_origins` which values came from it and which were changed; a value
set back to the preset's counts as the preset's again.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from pycore.parameters import PARAMETERS, PRESETS
from pycore.specs import ParameterError, ParameterSpec, PresetSpec, plain, to_number

__all__ = [
    "PAGE_KEYS",
    "Notice",
    "PresetOrigin",
    "Values",
    "clamp_parameters",
    "defaults",
    "field_values",
    "parameter_spec",
    "parse_query",
    "preset_bases",
    "preset_origins",
    "preset_spec",
    "same_value",
    "to_field",
    "validate_parameters",
]

Values = dict[str, float | str | None]

_NUMBERS = {spec.name: spec for spec in PARAMETERS}
_PRESETS = {spec.name: spec for spec in PRESETS}

#: Keys of the query string that are page settings, not model parameters: the view, and
#: the pinned scenario the page compares with (its own query string, URL-encoded).
PAGE_KEYS = ("view", "pinned")


@dataclass(frozen=True, slots=True)
class Notice:
    """One repair made to untrusted input: the parameter it concerns (None for an unknown
    name) and a sentence saying what was wrong and what is used instead."""

    name: str | None
    message: str


def parameter_spec(name: str) -> ParameterSpec:
    """Return the spec of numeric parameter ``name``; raise :class:`ParameterError` if unknown."""
    if name in _NUMBERS:
        return _NUMBERS[name]
    known = ", ".join([*_NUMBERS, *_PRESETS])
    raise ParameterError(name, f"one of the parameter names ({known})", name)


def preset_spec(name: str) -> PresetSpec:
    """Return the spec of preset parameter ``name`` (``api_model`` or ``gpu_model``)."""
    return _PRESETS[name]


def defaults() -> Values:
    """Return ``{name: default}`` for every parameter; optional ones and presets map to None."""
    return dict(_DEFAULTS)


_DEFAULTS: Values = dict.fromkeys(_PRESETS)
_DEFAULTS.update(
    {spec.name: None if spec.default is None else float(spec.default) for spec in PARAMETERS}
)


def _page_spec(spec: ParameterSpec) -> ParameterSpec:
    """The spec of a share as the page's field holds it: in percent."""
    return replace(
        spec,
        default=None if spec.default is None else spec.default * 100,
        minimum=spec.minimum * 100,
        maximum=spec.maximum * 100,
        unit=spec.percent_unit,
        percent=False,
    )


#: The shares' specs as the page's fields hold them (:func:`_page_spec`), by name.
_PAGE_SPECS = {spec.name: _page_spec(spec) for spec in PARAMETERS if spec.percent}


def _resolved(name: str, value: object, page_units: bool) -> tuple[float | None, str | None]:
    """One numeric parameter's untrusted value resolved as :func:`clamp_parameters` says:
    the value (a fraction for a share, whatever ``page_units``) and the repair's message,
    or None when the value needed none."""
    spec, divisor = _NUMBERS[name], 1.0
    if page_units and spec.percent:
        spec, divisor = _PAGE_SPECS[name], 100.0
    try:
        checked = spec.check(value)
        message = None
    except ParameterError:
        checked = _repair(spec, value)
        message = _repair_message(spec, value, "the default" if checked is None else plain(checked))
    return (None if checked is None else checked / divisor), message


#: :func:`_resolved` remembered (the page's fields and the URL send text; a link's values
#: come back as floats from the form's pass): between two inputs all but one field keep
#: their value, so each request re-reads only the field that changed. Keys are typed
#: (``True == 1``), and zero is left out (``-0.0 == 0.0``).
_resolved_again = lru_cache(maxsize=1024, typed=True)(_resolved)


def _remembered(value: object) -> bool:
    """Tell whether :func:`_resolved` may be remembered for ``value``."""
    return isinstance(value, str) or (type(value) is float and value != 0.0)


def validate_parameters(raw: Mapping[str, object], *, allow_empty: bool = True) -> Values:
    """Check a partial parameter mapping and complete it with presets and defaults.

    Takes ``{name: value}`` (numbers or numeric strings; preset ids for ``api_model`` and
    ``gpu_model``), shares as fractions. Raises :class:`ParameterError` for the first
    unknown name, unreadable or out-of-range value; an empty value is refused unless
    ``allow_empty`` (the CLI refuses it: say ``off`` to switch a feature off).
    """
    given: Values = {}
    for name, value in raw.items():
        if name in _PRESETS:
            given[name] = _PRESETS[name].check(value, allow_empty=allow_empty)
        else:
            given[name] = parameter_spec(name).check(value, allow_empty=allow_empty)
    return _complete(given)


def clamp_parameters(
    raw: Mapping[str, object], *, page_units: bool = False
) -> tuple[Values, list[Notice]]:
    """Resolve untrusted input (URL, form fields) without ever failing.

    Returns ``({name: value}, notices)``: unknown names are dropped, unreadable values
    fall back to the default, out-of-range values are clamped to the nearest bound, and a
    name given several times (a list of values) takes the last; each repair adds one
    :class:`Notice`. With ``page_units`` shares are read as percentages (the page's
    fields), and notices speak in percent.
    """
    given: Values = {}
    notices: list[Notice] = []
    for name, value_or_list in raw.items():
        if name not in _NUMBERS and name not in _PRESETS:
            notices.append(Notice(None, f"Ignored unknown setting {_shorten(name)!r}."))
            continue
        value = value_or_list
        if isinstance(value_or_list, list | tuple):
            value = value_or_list[-1] if value_or_list else ""
            if len(value_or_list) > 1:
                given_times = f"was given {len(value_or_list)} times; using the last."
                notices.append(Notice(name, f"{_label(name)} {given_times}"))
        if name in _PRESETS:
            try:
                given[name] = _PRESETS[name].check(value)
            except ParameterError:
                given[name] = None
                shown = _shorten(str(value))
                notices.append(
                    Notice(name, f"{_label(name)}: no preset {shown!r}; using custom values.")
                )
            continue
        resolve = _resolved_again if _remembered(value) else _resolved
        given[name], message = resolve(name, value, page_units)
        if message is not None:
            notices.append(Notice(name, message))
    return _complete(given), notices


def _label(name: str) -> str:
    """The label of parameter ``name`` (numeric or preset), for a notice."""
    return _PRESETS[name].label if name in _PRESETS else _NUMBERS[name].label


def _complete(given: Values) -> Values:
    """Expand presets into the values they set, let the given values override them, then
    fill the rest with defaults. A preset whose values are not all kept becomes custom."""
    values = defaults()
    for spec in PRESETS:
        preset = given.get(spec.name)
        if not isinstance(preset, str):
            continue
        sets = spec.values(preset)
        values.update(sets)
        if any(
            name in given and not same_value(given[name], value) for name, value in sets.items()
        ):
            given[spec.name] = None  # a value differs from the preset's: custom, the rest kept
    values.update(given)
    return values


@dataclass(frozen=True, slots=True)
class PresetOrigin:
    """Where the values a preset parameter covers came from.

    ``name``: the preset parameter (``api_model`` or ``gpu_model``); ``base``: the preset
    the input named (None: none); ``changed``: the parameters it sets whose value was given
    otherwise; ``kept``: those that still hold the preset's value.
    """

    name: str
    base: str | None
    changed: tuple[str, ...]
    kept: tuple[str, ...]


def preset_bases(raw: Mapping[str, object]) -> dict[str, str | None]:
    """Return the preset each preset parameter of ``raw`` input names (None when it names
    none, or an unknown one). A name given several times counts by its last value."""
    bases: dict[str, str | None] = {}
    for spec in PRESETS:
        value = raw.get(spec.name)
        if isinstance(value, list | tuple):
            value = value[-1] if value else None
        try:
            bases[spec.name] = spec.check(value)
        except ParameterError:
            bases[spec.name] = None
    return bases


def preset_origins(
    values: Mapping[str, object], bases: Mapping[str, str | None]
) -> dict[str, PresetOrigin]:
    """Say, for each preset parameter, which of the values its base preset sets were kept
    and which were changed (both empty without a base)."""
    origins = {}
    for spec in PRESETS:
        base = bases.get(spec.name)
        if base is None or base not in spec.presets:
            origins[spec.name] = PresetOrigin(spec.name, None, (), ())
            continue
        sets = spec.values(base)
        changed = tuple(name for name, value in sets.items() if not same_value(values[name], value))
        kept = tuple(name for name in sets if name not in changed)
        origins[spec.name] = PresetOrigin(spec.name, base, changed, kept)
    return origins


def same_value(a: object, b: object) -> bool:
    """Tell whether two parameter values agree (numbers to a relative 10^-9)."""
    if a is None or b is None:
        return a is b
    if isinstance(a, float | int) and isinstance(b, float | int):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def to_field(spec: ParameterSpec, value: float | None) -> float | None:
    """Return one value as the page's field shows it: shares in percent, no float noise."""
    return None if value is None else float(f"{value * spec.page_scale:.12g}")


def field_values(values: Mapping[str, object]) -> Values:
    """Return the values as the page's fields show them (see :func:`to_field`)."""
    shown: Values = {}
    for name, value in values.items():
        if name in _NUMBERS and isinstance(value, float | int):
            shown[name] = to_field(_NUMBERS[name], value)
        elif isinstance(value, str | float) or value is None:
            shown[name] = value
    return shown


def parse_query(query: str) -> dict[str, object]:
    """Read a URL query string (with or without its "?") into raw parameters.

    Returns ``{name: value}`` with values as text, or a list of texts for a name given
    more than once (so :func:`clamp_parameters` can say so); page settings
    (:data:`PAGE_KEYS`: ``view``, ``pinned``) are left out. Percent-escapes and "+" are
    decoded; nothing is validated here.
    """
    if not query.lstrip("?"):
        return {}
    # Imported here: the page asks with an empty query unless it opened from a link, and
    # urllib.parse (with ipaddress) is about 10 ms of the engine's start under Pyodide.
    import urllib.parse  # noqa: PLC0415

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
        number = to_number(spec.name, value)
    except ParameterError:
        number = math.nan
    if spec.integer and spec.minimum <= number <= spec.maximum:
        return f"{spec.label}: {shown!r} is not a whole number; using {using}."
    return (
        f"{spec.label}: {shown!r} is not a number from {plain(spec.minimum)} to "
        f"{plain(spec.maximum)} ({spec.unit}); using {using}."
    )


def _repair(spec: ParameterSpec, value: object) -> float | None:
    """Clamp a number (infinities included) into range; anything else becomes the default."""
    try:
        number = to_number(spec.name, value)
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

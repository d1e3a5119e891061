"""Properties of the URL path into pycore: parse_query and compute_json on arbitrary links.

The page hands the raw query string to pycore (``compute_json({"query": ...})``), so any
text a link can hold must come back as strict JSON with every parameter in range and no
"nan", "inf" or "undefined" in the numbers shown.
"""

from __future__ import annotations

import json
import math
import urllib.parse
from typing import Any

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import pycore

SPECS = {spec.name: spec for spec in pycore.PARAMETERS}
NAMES = sorted(SPECS)
HOSTILE_VALUES = [
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "-inf",
    "1e400",
    "-1e400",
    "1e-400",
    "",
    " ",
    "-5",
    "0x10",
    "1_000",
    "1,000,000",
    "+7",
    "\u0661\u0662",  # Arabic-Indic digits: float() reads them
    "\uff11\uff12",  # full-width digits
    "true",
    "None",
    "null",
    "undefined",
    "<img src=x onerror=alert(1)>",
    "%",
    "%zz",
    "=",
    "&",
    "1e308",
    "-0",
    "9" * 400,
]
BAD_WORDS = ("nan", "inf", "undefined")

settings.register_profile("query", max_examples=200, deadline=None)

#: Query text from any characters, weighted towards the ones a query string gives meaning to.
query_chars = st.one_of(
    st.sampled_from("&=%+?;#"),
    st.sampled_from("0123456789abcdefABCDEF"),
    st.characters(codec="utf-8"),
)
any_query = st.text(query_chars, max_size=80)

#: Query strings built from real and junk names with hostile values, raw or percent-encoded.
pair = st.tuples(
    st.one_of(st.sampled_from([*NAMES, "view", "foo", ""]), st.text(max_size=8)),
    st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=12), st.floats()),
)
structured_query = st.builds(
    lambda pairs, encode, mark: (
        mark
        + (
            urllib.parse.urlencode([(k, str(v)) for k, v in pairs])
            if encode
            else "&".join(f"{k}={v}" for k, v in pairs)
        )
    ),
    st.lists(pair, max_size=6),
    st.booleans(),
    st.sampled_from(["", "?"]),
)
queries = st.one_of(any_query, structured_query)


def in_range_value(name: str) -> st.SearchStrategy[float]:
    """Finite numbers inside parameter ``name``'s range (whole numbers when it is integer)."""
    spec = SPECS[name]
    if spec.integer:
        return st.integers(int(spec.minimum), int(spec.maximum)).map(float)
    return st.floats(spec.minimum, spec.maximum, allow_nan=False, allow_infinity=False)


in_range_parameters = st.sets(st.sampled_from(NAMES), max_size=len(NAMES)).flatmap(
    lambda names: st.fixed_dictionaries({name: in_range_value(name) for name in sorted(names)})
)


def strict_json(text: str) -> object:
    """Parse ``text`` as JSON, refusing the NaN/Infinity extensions Python accepts."""

    def refuse(constant: str) -> object:
        raise AssertionError(f"non-standard JSON constant {constant} in the answer")

    return json.loads(text, parse_constant=refuse)


def shown_texts(report: dict[str, Any]) -> list[str]:
    """Every formatted number of a report: result texts and table cells."""
    texts = list(report["text"].values())
    texts += [cell for row in report["table"] for cell in row]
    texts += [cell for row in report["timeline"]["table"] for cell in row]
    texts += [value for bar in report["sensitivity"] for value in bar["text"].values()]
    return texts


@settings(settings.get_profile("query"))
@given(queries)
@example("?monthly_inferences=5&monthly_inferences=7&view=detailed&view=simple")
@example("view=1&view")
@example("%")
@example("&&&===&")
@example("a=%E0%A4%A")  # truncated percent-escape of a multibyte character
@example("\ud800=1".encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
def test_parse_query_never_raises_and_returns_text(query: str) -> None:
    """parse_query reads any text into str or list-of-str values and never keeps "view"."""
    raw = pycore.parse_query(query)
    assert isinstance(raw, dict)
    assert "view" not in raw
    for name, value in raw.items():
        assert isinstance(name, str)
        if isinstance(value, list):
            assert len(value) >= 2
            assert all(isinstance(item, str) for item in value)
        else:
            assert isinstance(value, str)


@settings(settings.get_profile("query"))
@given(in_range_parameters, st.booleans())
def test_urlencoded_parameters_round_trip(parameters: dict[str, float], question: bool) -> None:
    """Finite in-range parameters survive urlencode, parse_query and compute_lenient unchanged."""
    query = ("?" if question else "") + urllib.parse.urlencode(
        {name: repr(value) for name, value in parameters.items()}
    )
    report = pycore.compute_lenient(pycore.parse_query(query))
    assert report["notices"] == []
    assert report["field_notices"] == {}
    assert report["parameters"] == pycore.validate_parameters(parameters)
    for name, value in parameters.items():
        assert report["parameters"][name] == value


@settings(settings.get_profile("query"))
@given(st.sampled_from(NAMES), st.lists(st.integers(0, 100), min_size=2, max_size=5))
def test_duplicate_keys_keep_the_last_value(name: str, values: list[int]) -> None:
    """A name given several times takes its last value, with one notice naming the count."""
    spec = SPECS[name]
    assume(math.ceil(spec.minimum) <= spec.maximum)  # a whole number fits (not power's 0.5-0.9999)
    values = [min(max(v, math.ceil(spec.minimum)), int(spec.maximum)) for v in values]
    query = "&".join(f"{name}={value}" for value in values)
    assert pycore.parse_query(query) == {name: [str(value) for value in values]}
    answer = strict_json(pycore.compute_json(json.dumps({"query": query})))
    assert isinstance(answer, dict)
    assert answer["parameters"][name] == float(values[-1])
    message = f"{spec.label} was given {len(values)} times; using the last."
    assert answer["notices"] == [message]
    assert answer["field_notices"] == {name: message}


@settings(settings.get_profile("query"))
@given(queries)
@example("?monthly_inferences=NaN&api_cost_per_1k=-Infinity&hosting_monthly=1e400")
@example("?api_cost_per_1k=0&hosting_monthly=0&monthly_inferences=0")
@example("?monthly_inferences=1e12&api_cost_per_1k=10000&hosting_monthly=0")
@example("?gpu_hourly=1000&replica_throughput_tps=1&monthly_inferences=1e12&min_replicas=0")
@example("?input_price_per_mtok=1000&avg_input_tokens=2000000&monthly_growth=1&horizon_months=120")
@example("?monthly_growth=-0.5&horizon_months=1&monthly_inferences=0")
@example("?gpu_hourly=&input_price_per_mtok=")
def test_compute_json_answers_any_query_in_range(query: str) -> None:
    """compute_json answers any query with strict JSON, in-range parameters and clean texts."""
    answer = strict_json(pycore.compute_json(json.dumps({"query": query})))
    assert isinstance(answer, dict)
    parameters = answer["parameters"]
    presets = {spec.name: spec for spec in pycore.PRESETS}
    assert set(parameters) == set(SPECS) | set(presets)
    for name, value in parameters.items():
        if name in presets:
            assert value is None or value in presets[name].presets, (name, value)
            continue
        spec = SPECS[name]
        if value is None:
            assert spec.optional, f"{name} is None but not optional"
            continue
        assert isinstance(value, int | float)
        assert not isinstance(value, bool)
        assert spec.minimum <= value <= spec.maximum, (name, value)
        if spec.integer:
            assert value == int(value), (name, value)
    for name, value in answer["results"].items():
        assert value is None or math.isfinite(value), (name, value)
    for text in shown_texts(answer):
        assert isinstance(text, str)
        assert text
        for bad in BAD_WORDS:
            assert bad not in text.lower(), f"{bad!r} in shown text {text!r} for {query!r}"
    assert isinstance(answer["notices"], list)
    assert all(isinstance(notice, str) for notice in answer["notices"])
    for name in answer["field_notices"]:
        assert name in SPECS or name in presets


def test_pinned_scenario_is_a_page_setting() -> None:
    """A link's ``pinned`` (the page's pinned scenario, its own query string URL-encoded) is
    no unknown setting: the link's scenario is computed as if it were absent, and the
    comparison comes from the request's ``pinned``."""
    pinned = "?monthly_inferences=1000000"
    link = "?monthly_inferences=10000000&" + urllib.parse.urlencode({"pinned": pinned})
    assert "pinned" not in pycore.parse_query(link)
    answer = json.loads(pycore.compute_json(json.dumps({"query": link, "pinned": pinned})))
    assert answer["notices"] == []
    assert answer["results"]["api_monthly"] == 20000
    assert answer["compare"]["query"] == pinned
    assert answer["compare"]["rows"][0][1:] == ["$2,000", "$20,000", "+$18,000"]

"""Unit tests for pycore: the seed's figures and hand-worked examples."""

from __future__ import annotations

import json
import math

import pytest

import pycore
from pycore import ParameterError, Scenario

SEED_PARAMETERS = ("monthly_inferences", "api_cost_per_1k", "hosting_monthly")
SEED_RESULTS = ("api_monthly", "finetuned_monthly", "monthly_savings", "breakeven_inferences")


def seed(monthly_inferences: float = 1_000_000) -> Scenario:
    """The seed report's scenario: $2.00 per 1,000 requests, $3,000 a month hosting."""
    return Scenario(
        monthly_inferences=monthly_inferences, api_cost_per_1k=2.0, hosting_monthly=3000
    )


def test_seed_breakeven_is_one_and_a_half_million() -> None:
    """With the seed defaults both options cost the same at 1,500,000 requests a month."""
    # 3,000 USD / (2.00 USD / 1,000 requests) = 3,000 / 0.002 = 1,500,000 requests
    assert pycore.breakeven_inferences(seed()) == 1_500_000


def test_seed_costs_at_ten_million_requests() -> None:
    """At 10,000,000 requests the API costs $20,000 a month against $3,000 fine-tuned."""
    scenario = seed(10_000_000)
    # 10,000,000 / 1,000 x 2.00 = 20,000 USD
    assert pycore.api_monthly(scenario) == 20_000
    assert pycore.finetuned_monthly(scenario) == 3_000
    assert pycore.monthly_savings(scenario) == 17_000


def test_api_cost_hand_worked() -> None:
    """The API bill is volume / 1,000 times the price per 1,000 requests."""
    # 250,000 / 1,000 x 0.40 = 100 USD
    scenario = Scenario(monthly_inferences=250_000, api_cost_per_1k=0.40, hosting_monthly=10)
    assert pycore.api_monthly(scenario) == pytest.approx(100.0)
    # 100 - 10 = 90 USD saved per month
    assert pycore.monthly_savings(scenario) == pytest.approx(90.0)


def test_free_api_never_breaks_even() -> None:
    """A zero API price gives no break-even rather than a division error."""
    scenario = Scenario(monthly_inferences=1e6, api_cost_per_1k=0, hosting_monthly=3000)
    assert pycore.breakeven_inferences(scenario) is None
    report = pycore.compute({"api_cost_per_1k": 0})
    assert report["results"]["breakeven_inferences"] is None
    assert report["text"]["breakeven_inferences"] == "never"
    assert "never breaks even" in str(report["summary"])


def test_free_hosting_breaks_even_at_zero() -> None:
    """Zero hosting makes the fine-tuned model never the dearer option: break-even at 0."""
    report = pycore.compute({"hosting_monthly": 0})
    assert report["results"]["breakeven_inferences"] == 0
    assert "never the dearer option" in str(report["summary"])


def test_compute_default_report() -> None:
    """compute({}) returns the seed defaults with formatted text and a summary."""
    report = pycore.compute({})
    parameters = report["parameters"]
    assert isinstance(parameters, dict)
    assert {name: parameters[name] for name in SEED_PARAMETERS} == {
        "monthly_inferences": 1_000_000,
        "api_cost_per_1k": 2.0,
        "hosting_monthly": 3000,
    }
    results = report["results"]
    assert isinstance(results, dict)
    assert {name: results[name] for name in SEED_RESULTS} == {
        "api_monthly": 2000,
        "finetuned_monthly": 3000,
        "monthly_savings": -1000,
        "breakeven_inferences": 1_500_000,
    }
    text = report["text"]
    assert isinstance(text, dict)
    assert {name: text[name] for name in SEED_RESULTS} == {
        "api_monthly": "$2,000",
        "finetuned_monthly": "$3,000",
        "monthly_savings": "\u2212$1,000",
        "breakeven_inferences": "1,500,000",
    }
    assert report["summary"] == (
        "At 1,000,000 requests a month the API costs $2,000 against $3,000 for hosting a "
        "fine-tuned model: stay on the API, which is $1,000 a month cheaper. "
        "The two break even at 1,500,000 requests a month."
    )
    assert report["notices"] == []


def test_compute_report_is_json_safe() -> None:
    """The report survives a strict JSON round trip unchanged."""
    report = pycore.compute({"monthly_inferences": 10_000_000})
    assert json.loads(json.dumps(report, allow_nan=False)) == report


def test_curve_spans_ten_thousand_to_a_billion() -> None:
    """The chart's curve runs log-spaced from 10^4 to 10^9 requests a month by default."""
    curve = pycore.cost_curve(seed())
    assert curve.volumes[0] == pytest.approx(1e4)
    assert curve.volumes[-1] == pytest.approx(1e9)
    ratios = {round(b / a, 9) for a, b in zip(curve.volumes, curve.volumes[1:], strict=False)}
    assert len(ratios) == 1  # evenly spaced in log10
    assert curve.api_monthly[-1] == pytest.approx(2_000_000)  # 1e9 / 1000 x 2.00
    assert set(curve.finetuned_monthly) == {3000}


def test_curve_widens_to_show_a_large_volume() -> None:
    """A volume beyond 10^9 widens the chart's range to keep it in view."""
    low, high = pycore.curve_range(seed(5e10))
    assert low == 1e4
    assert high == 1e12  # 5e10 x 10 = 5e11, rounded up to a power of ten


def test_table_rows_at_each_power_of_ten() -> None:
    """The chart's table alternative has one formatted row per power of ten."""
    table = pycore.compute({})["table"]
    assert table[0] == ["10,000", "$20.00", "$3,000"]
    assert table[3] == ["10,000,000", "$20,000", "$3,000"]
    assert len(table) == 6


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"volume": 5}, "volume: expected one of the parameter names"),
        ({"monthly_inferences": "lots"}, "monthly_inferences: expected a number, got 'lots'"),
        ({"monthly_inferences": True}, "monthly_inferences: expected a number, got True"),
        ({"api_cost_per_1k": math.nan}, "api_cost_per_1k: expected a finite number, got nan"),
        ({"hosting_monthly": -1}, "hosting_monthly: expected a number from 0 to 1,000,000,000"),
        ({"monthly_inferences": 1e13}, "expected a number from 0 to 1,000,000,000,000"),
    ],
)
def test_compute_rejects_bad_parameters(raw: dict[str, object], message: str) -> None:
    """compute() names the parameter, what it expected and what it got."""
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        pycore.compute(raw)


def test_numeric_strings_are_accepted() -> None:
    """Values from a URL or CLI may be strings with separators."""
    report = pycore.compute({"monthly_inferences": "10,000,000", "api_cost_per_1k": " 2.5 "})
    assert report["results"]["api_monthly"] == 25_000  # 10,000 x 2.5


def test_whole_number_parameters_reject_fractions() -> None:
    """compute() refuses a fraction of a request; the lenient engine rounds and says so."""
    with pytest.raises(ParameterError, match="monthly_inferences: expected a whole number"):
        pycore.compute({"monthly_inferences": 1234.6})
    report = pycore.compute_lenient({"monthly_inferences": "1234.6"})
    assert report["parameters"]["monthly_inferences"] == 1235  # type: ignore[index]
    assert report["notices"] == ["Monthly volume: '1234.6' is not a whole number; using 1,235."]


def test_lenient_compute_repairs_and_explains() -> None:
    """compute_lenient clamps, resets and drops bad input, with one notice per repair."""
    report = pycore.compute_lenient(
        {"monthly_inferences": "NaN", "api_cost_per_1k": "-5", "hosting_monthly": "1e400", "x": 1}
    )
    parameters = report["parameters"]
    assert isinstance(parameters, dict)
    assert {name: parameters[name] for name in SEED_PARAMETERS} == {
        "monthly_inferences": 1_000_000,  # unreadable: back to the default
        "api_cost_per_1k": 0.0,  # clamped to the minimum
        "hosting_monthly": 1e9,  # 1e400 is infinite: clamped to the maximum
    }
    notices = report["notices"]
    assert isinstance(notices, list)
    assert len(notices) == 4
    assert "Ignored unknown setting 'x'." in notices


def test_compute_json_never_raises() -> None:
    """The browser entry point answers garbage with the defaults and a notice."""
    answer = json.loads(pycore.compute_json("not json"))
    assert answer["results"]["api_monthly"] == 2000
    assert answer["notices"] == ["The engine received an unreadable request; showing defaults."]


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (20_000, "$20,000"),
        (2, "$2.00"),
        (99.994, "$99.99"),
        (1234.5, "$1,234"),  # banker's rounding of .5 by format(), whole dollars from $100
        (-1000, "\u2212$1,000"),
        (-0.001, "\u2212$0.001"),  # under 10 cents: three significant digits
        (0.0137, "$0.0137"),  # the H100's GPU cost per 1,000 requests, not "$0.01"
        (-1e-12, "$0.00"),  # float noise: no sign, no digits
        (None, "n/a"),
    ],
)
def test_format_usd(amount: float | None, text: str) -> None:
    """USD amounts read as whole dollars from $100, cents below, with a true minus."""
    assert pycore.format_usd(amount) == text


def test_every_parameter_default_is_in_range() -> None:
    """Each declared default lies within its field's and its slider's range."""
    for spec in pycore.PARAMETERS:
        value = spec.suggested if spec.default is None else spec.default
        assert value is not None, spec.name
        assert spec.minimum <= value <= spec.maximum, spec.name
        assert spec.slider_min <= value <= spec.slider_max, spec.name
        assert spec.source, spec.name


def test_scenario_defaults_match_parameter_defaults() -> None:
    """The Scenario dataclass and the parameter table declare the same defaults."""
    scenario = pycore.scenario_from(pycore.defaults())
    assert scenario == pycore.Scenario(1_000_000, 2.0, 3000)

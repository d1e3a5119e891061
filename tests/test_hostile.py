"""Hostile input in the browser: bad query strings and typed values are repaired, never run.

Every case opens the built page, waits for the Pyodide engine, and checks that pycore's
repair is shown (the field's own ``[data-field-notice=NAME]``, or for what belongs to no
field the page-wide ``[data-notices]`` box), that no "NaN", "Infinity" or "undefined" leaks into the
page text outside the quoted input, and that markup in the input never becomes markup
in the page. ``page_errors`` fails any test whose page logs a console error.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

import pytest
from pagehelpers import READY_TIMEOUT_MS, field, output
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("page_errors")]

PAYLOAD = '<img src=x onerror="window.__pwned=1">'
BAD_WORDS = ("NaN", "Infinity", "undefined")

#: Count <img> elements and read the canary the payload would set if it ran.
PROBE_JS = """() => ({
  images: document.querySelectorAll('img').length,
  pwned: typeof window.__pwned,
  injected: document.querySelectorAll('[data-notices] *:not(p), [data-field-notice] *').length,
})"""

#: The page's visible text, and the text of every notice (whose quotes may hold input).
TEXTS_JS = """() => ({
  body: document.body.innerText,
  notices: [...document.querySelectorAll('[data-notices] p, [data-field-notice]')]
    .map(e => e.innerText).filter(t => t),
})"""

#: Set a number field's value as typing would, then fire input and change.
TYPE_JS = """([name, value]) => {
  const input = document.querySelector(`input[name=${name}]`);
  input.value = value;
  const kept = input.value;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new Event('change', {bubbles: true}));
  return kept;
}"""


def field_notice(page: Page, name: str) -> Any:
    """Return the locator of the message beside field ``name``."""
    return page.locator(f"[data-field-notice={name}]")


def open_ready(page: Page, url: str) -> dict[str, Any]:
    """Open ``url``, wait for the engine, and return the probe taken before any script ran."""
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("data-engine", "ready", timeout=READY_TIMEOUT_MS)
    probe: dict[str, Any] = page.evaluate(PROBE_JS)
    return probe


def assert_clean_text(page: Page) -> None:
    """Assert no NaN/Infinity/undefined shows anywhere, except inside a notice's quotes."""
    texts = page.evaluate(TEXTS_JS)
    body: str = texts["body"]
    for notice in texts["notices"]:
        # A notice may quote the user's own input ('NaN'); only the quoted part may.
        unquoted = re.sub(r"'[^']*'", "''", notice)
        assert all(bad not in unquoted for bad in BAD_WORDS), notice
        body = body.replace(notice, unquoted)
    for bad in BAD_WORDS:
        assert bad not in body, f"{bad!r} shown in the page: ...{_around(body, bad)}..."


def _around(text: str, word: str) -> str:
    """Return a little context around ``word`` in ``text`` for a failure message."""
    at = text.find(word)
    return text[max(0, at - 60) : at + 60]


def assert_not_injected(page: Page, before: dict[str, Any]) -> None:
    """Assert the payload ran no script and added no element."""
    after = page.evaluate(PROBE_JS)
    assert after["pwned"] == "undefined", "an injected handler ran"
    assert after["images"] == before["images"], (before, after)
    assert after["injected"] == 0, "a notice holds markup"


# (query, parameter, value the field shows, text of its notice)
QUERY_CASES = [
    ("api_cost_per_1k=-5", "api_cost_per_1k", "0", "API price: '-5' is not a number"),
    (
        "monthly_inferences=1e400",
        "monthly_inferences",
        "1000000000000",
        "'1e400' is not a number from 0 to 1,000,000,000,000 (requests per month); using "
        "1,000,000,000,000.",
    ),
    (
        "hosting_monthly=NaN",
        "hosting_monthly",
        "3000",
        "Hosting cost: 'NaN' is not a number from 0 to 1,000,000,000 (USD per month); using 3,000.",
    ),
    (
        "hosting_monthly=Infinity",
        "hosting_monthly",
        "1000000000",
        "'Infinity' is not a number from 0 to 1,000,000,000 (USD per month); using 1,000,000,000.",
    ),
    ("api_cost_per_1k=-Infinity", "api_cost_per_1k", "0", "'-Infinity' is not a number"),
    ("monthly_inferences=-3", "monthly_inferences", "0", "'-3' is not a number"),
    (
        "monthly_inferences=1000000.4",
        "monthly_inferences",
        "1000000",
        "Monthly volume: '1000000.4' is not a whole number; using 1,000,000.",
    ),
    (
        "monthly_inferences=",
        "monthly_inferences",
        "1000000",
        "Monthly volume is empty; using 1,000,000.",
    ),
    (
        "monthly_inferences=5&monthly_inferences=7",
        "monthly_inferences",
        "7",
        "Monthly volume was given 2 times; using the last.",
    ),
    (
        "hosting_monthly=" + urllib.parse.quote(PAYLOAD),
        "hosting_monthly",
        "3000",
        "Hosting cost: '<img src=x onerror=\"window.__pwned=1\">' is not a number",
    ),
]


@pytest.mark.parametrize(
    ("query", "name", "shown", "notice"), QUERY_CASES, ids=[c[0][:40] for c in QUERY_CASES]
)
def test_hostile_query_value_is_repaired_with_notice(
    page: Page, site_url: str, query: str, name: str, shown: str, notice: str
) -> None:
    """A bad query value is clamped or reset, the field shows it, and its notice beside the
    field explains it (once: not again in the box under the form)."""
    before = open_ready(page, f"{site_url}?{query}")
    expect(field(page, name)).to_have_value(shown)
    expect(field_notice(page, name)).to_be_visible()
    expect(page.locator("[data-notices]")).to_be_hidden()
    expect(field_notice(page, name)).to_contain_text(notice)
    expect(field(page, name)).to_have_attribute("aria-invalid", "true")
    for other in ("monthly_inferences", "api_cost_per_1k", "hosting_monthly"):
        if other != name:
            expect(field_notice(page, other)).to_be_hidden()
    assert_clean_text(page)
    assert_not_injected(page, before)
    # The URL is rewritten to the repaired value.
    expect(page).to_have_url(re.compile(rf"[?&]{name}={re.escape(shown)}(&|$|#)"))


def test_all_hostile_values_at_once(page: Page, site_url: str) -> None:
    """Several bad values in one link are each repaired and each get their own notice."""
    query = "api_cost_per_1k=-5&monthly_inferences=1e400&hosting_monthly=NaN"
    before = open_ready(page, f"{site_url}?{query}")
    expect(field(page, "api_cost_per_1k")).to_have_value("0")
    expect(field(page, "monthly_inferences")).to_have_value("1000000000000")
    expect(field(page, "hosting_monthly")).to_have_value("3000")
    expect(field_notice(page, "api_cost_per_1k")).to_contain_text("'-5'")
    expect(field_notice(page, "monthly_inferences")).to_contain_text("'1e400'")
    expect(field_notice(page, "hosting_monthly")).to_contain_text("'NaN'")
    expect(page.locator("[data-notices]")).to_be_hidden()
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "0")
    expect(output(page, "api_monthly")).to_have_text("$0.00")
    expect(output(page, "breakeven_inferences")).to_have_attribute("data-value", "")
    assert_clean_text(page)
    assert_not_injected(page, before)


@pytest.mark.parametrize(
    "query",
    [
        urllib.parse.quote(PAYLOAD) + "=1",
        "foo=" + urllib.parse.quote(PAYLOAD),
        "x=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E",
    ],
    ids=["payload-as-key", "payload-under-unknown-key", "script-under-unknown-key"],
)
def test_unknown_key_is_ignored_with_plain_text_notice(
    page: Page, site_url: str, query: str
) -> None:
    """An unknown setting (markup included) is dropped, quoted as text, and leaves the defaults."""
    before = open_ready(page, f"{site_url}?{query}")
    notices = page.locator("[data-notices]")
    expect(notices).to_be_visible()
    expect(notices.locator("p")).to_have_count(1)
    expect(notices).to_contain_text("Ignored unknown setting '")
    if query.endswith("=1"):
        expect(notices).to_contain_text("'<img src=x onerror=\"window.__pwned=1\">'")
    for name in ("monthly_inferences", "api_cost_per_1k", "hosting_monthly"):
        expect(field_notice(page, name)).to_be_hidden()
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "2000")
    expect(output(page, "api_monthly")).to_have_text("$2,000")
    expect(field(page, "monthly_inferences")).to_have_value("1000000")
    assert_clean_text(page)
    assert_not_injected(page, before)
    expect(page).not_to_have_url(re.compile(r"img|script|foo|onerror|pwned"))


# (parameter, typed text, what the number field keeps, value after repair, notice text)
TYPED_CASES = [
    ("api_cost_per_1k", "-5", "-5", "0", "API price: '-5' is not a number from 0 to 10,000"),
    ("monthly_inferences", "-1", "-1", "0", "'-1' is not a number"),
    ("hosting_monthly", "NaN", "", "3000", "Hosting cost is empty; using 3,000."),
    ("hosting_monthly", "Infinity", "", "3000", "Hosting cost is empty; using 3,000."),
    ("monthly_inferences", "", "", "1000000", "Monthly volume is empty; using 1,000,000."),
    ("monthly_inferences", PAYLOAD, "", "1000000", "Monthly volume is empty; using 1,000,000."),
    (
        "monthly_inferences",
        "2e12",
        "2e12",
        "1000000000000",
        "'2e12' is not a number from 0 to 1,000,000,000,000 (requests per month); using "
        "1,000,000,000,000.",
    ),
]


@pytest.mark.parametrize(
    ("name", "typed", "kept", "repaired", "notice"),
    TYPED_CASES,
    ids=[f"{c[0]}={c[1][:12]}" for c in TYPED_CASES],
)
def test_hostile_typed_value_is_repaired_with_notice(
    page: Page, site_url: str, name: str, typed: str, kept: str, repaired: str, notice: str
) -> None:
    """A bad value typed into a number field is repaired, with a notice beside the field."""
    before = open_ready(page, site_url)
    assert page.evaluate(TYPE_JS, [name, typed]) == kept  # type=number drops non-numbers
    expect(field(page, name)).to_have_value(repaired)
    expect(page.locator("[data-notices]")).to_be_hidden()
    expect(field_notice(page, name)).to_be_visible()
    expect(field_notice(page, name)).to_contain_text(notice)
    assert_clean_text(page)
    assert_not_injected(page, before)
    # A good value afterwards clears the notices again.
    page.evaluate(TYPE_JS, [name, "10"])
    expect(field_notice(page, name)).to_be_hidden()
    expect(page.locator("[data-notices]")).to_be_hidden()
    expect(field(page, name)).not_to_have_attribute("aria-invalid", "true")


def test_typed_value_above_double_range(page: Page, site_url: str) -> None:
    """A typed 1e400 (beyond a double) is sanitized or clamped and never shown as Infinity."""
    before = open_ready(page, site_url)
    kept = page.evaluate(TYPE_JS, ["monthly_inferences", "1e400"])
    assert kept in ("", "1e400")  # Chromium sanitizes it to "" (it is not a finite double)
    if kept:
        shown, notice = "1000000000000", "'1e400' is not a number"
    else:
        shown, notice = "1000000", "Monthly volume is empty; using 1,000,000."
    expect(field(page, "monthly_inferences")).to_have_value(shown)
    expect(field_notice(page, "monthly_inferences")).to_be_visible()
    expect(field_notice(page, "monthly_inferences")).to_contain_text(notice)
    assert_clean_text(page)
    assert_not_injected(page, before)


def test_free_api_never_breaks_even(page: Page, site_url: str) -> None:
    """With a free API the break-even is 'never' (empty data-value) and the summary says so."""
    open_ready(page, f"{site_url}?api_cost_per_1k=0")
    expect(output(page, "breakeven_inferences")).to_have_attribute("data-value", "")
    expect(output(page, "breakeven_inferences")).to_have_text("never")
    expect(output(page, "api_monthly")).to_have_text("$0.00")
    expect(page.locator("[data-output-summary]")).to_contain_text("never breaks even")
    expect(page.locator("[data-notices]")).to_be_hidden()
    assert_clean_text(page)


def test_free_hosting_is_never_dearer(page: Page, site_url: str) -> None:
    """With free hosting the break-even volume is 0 and the summary says it is never dearer."""
    open_ready(page, f"{site_url}?hosting_monthly=0")
    expect(output(page, "breakeven_inferences")).to_have_attribute("data-value", "0")
    expect(output(page, "breakeven_inferences")).to_have_text("0")
    expect(output(page, "finetuned_monthly")).to_have_text("$0.00")
    expect(output(page, "monthly_savings")).to_have_attribute("data-value", "2000")
    expect(page.locator("[data-output-summary]")).to_contain_text("never the dearer option")
    expect(page.locator("[data-notices]")).to_be_hidden()
    assert_clean_text(page)


def test_zero_volume_costs_nothing_on_the_api(page: Page, site_url: str) -> None:
    """At zero requests the API costs $0.00, break-even stays 1,500,000, and no NaN appears."""
    open_ready(page, f"{site_url}?monthly_inferences=0")
    expect(output(page, "api_monthly")).to_have_attribute("data-value", "0")
    expect(output(page, "api_monthly")).to_have_text("$0.00")
    expect(output(page, "monthly_savings")).to_have_attribute("data-value", "-3000")
    expect(output(page, "breakeven_inferences")).to_have_attribute("data-value", "1500000")
    expect(page.locator("[data-output-summary]")).to_contain_text("At 0 requests a month")
    expect(page.locator("[data-notices]")).to_be_hidden()
    assert_clean_text(page)

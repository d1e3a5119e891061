"""Accessibility tests: axe-core on the built page, plus checks axe cannot make alone.

axe-core comes from node_modules (pinned in package.json, ``npm ci``). The page's CSP
(``script-src 'self'``) refuses inline scripts, so the library is not added with a
``<script>`` tag: ``page.evaluate`` runs its source through the DevTools protocol, which
the page's CSP does not bind, and ``axe.run`` is then called with a function.

axe runs in light and dark colour schemes, in the simple and the detailed view (and with a
pinned scenario compared), with every ``<details>`` opened so that the charts' tables, the
groups of inputs and "how this is computed" are checked too. A test fails on
any violation of impact "serious" or "critical"; lesser ones are listed in the message.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pagehelpers import wait_ready
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("page_errors")]

ROOT = Path(__file__).resolve().parents[1]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
MIN_RULES_CHECKED = 20

RUN_AXE_JS = """async (tags) => {
  const result = await axe.run(document, {
    resultTypes: ["violations"],
    runOnly: {type: "tag", values: tags},
  });
  const brief = (r) => ({
    id: r.id,
    impact: r.impact,
    help: r.help,
    helpUrl: r.helpUrl,
    nodes: r.nodes.map((n) => ({
      target: n.target.map(String).join(" "),
      html: n.html,
      summary: n.failureSummary || "",
    })),
  });
  return {
    version: axe.version,
    violations: result.violations.map(brief),
    passes: result.passes.map((r) => r.id),
    incomplete: result.incomplete.map((r) => r.id),
    inapplicable: result.inapplicable.map((r) => r.id),
  };
}"""

OPEN_ALL_DETAILS_JS = """() => {
  for (const details of document.querySelectorAll("details")) details.open = true;
}"""

# Accessible name of a form control, by the usual precedence (enough for this page:
# aria-labelledby, aria-label, <label> elements, title).
ACCESSIBLE_NAMES_JS = """(elements) => elements.map((el) => {
  const text = (node) => (node ? node.textContent.replace(/\\s+/g, " ").trim() : "");
  let name = "";
  const labelledby = el.getAttribute("aria-labelledby");
  if (labelledby) {
    name = labelledby.split(/\\s+/).map((id) => text(document.getElementById(id))).join(" ").trim();
  }
  if (!name) name = (el.getAttribute("aria-label") || "").trim();
  if (!name && el.labels) name = Array.from(el.labels).map(text).join(" ").trim();
  if (!name) name = (el.getAttribute("title") || "").trim();
  const id = el.id ? "#" + el.id : "";
  const key = el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : "";
  return {
    what: `${el.tagName.toLowerCase()}${el.type ? "[type=" + el.type + "]" : ""}${id}${key}`,
    name,
  };
})"""

SLIDER_TEXTS_JS = "(all) => all.map((s) => [s.id, s.getAttribute('aria-valuetext')])"

CANVASES_JS = """(canvases) => canvases.map((canvas) => {
  const figure = canvas.closest("figure");
  return {
    id: canvas.id,
    role: canvas.getAttribute("role"),
    label: (canvas.getAttribute("aria-label") || "").trim(),
    in_figure: figure !== null,
    tables: figure ? figure.querySelectorAll("table").length : 0,
  };
})"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    """Return the source of axe-core from node_modules (fails if `npm ci` was not run)."""
    assert AXE_JS.is_file(), f"{AXE_JS} missing: run `npm ci`"
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page: Page, axe_source: str) -> dict[str, Any]:
    """Inject axe-core into ``page`` (past its CSP) and return a digest of ``axe.run``."""
    page.evaluate(axe_source)
    assert page.evaluate("() => typeof axe") == "object", "axe-core did not load in the page"
    return page.evaluate(RUN_AXE_JS, AXE_TAGS)


def describe(violations: list[dict[str, Any]]) -> str:
    """Format violations as one block each: rule, impact, help, then each node."""
    lines = []
    for rule in violations:
        lines.append(f"- {rule['id']} [{rule['impact']}]: {rule['help']} ({rule['helpUrl']})")
        for node in rule["nodes"]:
            lines.append(f"    target {node['target']}")
            lines.append(f"      html {node['html'][:300]}")
            for detail in node["summary"].splitlines():
                lines.append(f"      {detail}")
    return "\n".join(lines)


#: A detailed view comparing with a pinned scenario (the comparison table and A's lines).
PINNED = "?view=detailed&monthly_inferences=3000000&pinned=%3Fmonthly_inferences%3D1000000"


@pytest.mark.parametrize(
    ("query", "scheme"),
    [
        ("", "light"),
        ("", "dark"),
        ("?view=detailed", "light"),
        ("?view=detailed", "dark"),
        (PINNED, "light"),
    ],
    ids=["simple-light", "simple-dark", "detailed-light", "detailed-dark", "pinned-light"],
)
def test_axe_finds_no_serious_violation(
    page: Page, site_url: str, axe_source: str, query: str, scheme: str
):
    """axe-core (WCAG 2.2 AA and best practice) finds no serious or critical violation."""
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + query)
    wait_ready(page)
    dark = page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches")
    assert dark == (scheme == "dark"), f"the {scheme} colour scheme was not applied"
    if query:
        expect(page.locator("input[name=view][value=detailed]")).to_be_checked()
        expect(page.locator("#timeline-chart")).to_be_visible()
    if "pinned" in query:
        expect(page.locator("[data-compare]")).to_be_visible()
    page.evaluate(OPEN_ALL_DETAILS_JS)
    # the groups of inputs and "how this is computed" are open: wait for the explanations
    expect(page.locator("[data-explain=api_monthly] [data-explain-body]")).to_contain_text("=")
    result = run_axe(page, axe_source)
    checked = len(result["passes"]) + len(result["incomplete"]) + len(result["violations"])
    assert checked > MIN_RULES_CHECKED, f"axe checked only {checked} rules: {result}"
    blocking = [rule for rule in result["violations"] if rule["impact"] in BLOCKING]
    lesser = [rule for rule in result["violations"] if rule["impact"] not in BLOCKING]
    assert not blocking, (
        f"axe {result['version']} ({scheme}, {query or 'simple view'}) found serious or critical "
        f"violations:\n{describe(blocking)}\nlesser ones:\n{describe(lesser) or '  none'}"
    )


def test_controls_have_accessible_names(page: Page, site_url: str):
    """Every slider, number field and select has an accessible name."""
    page.goto(site_url)
    wait_ready(page)
    controls = page.locator("input[type=range], input[type=number], select")
    assert controls.count() > 3, "no form controls found"
    names = controls.evaluate_all(ACCESSIBLE_NAMES_JS)
    unnamed = [control["what"] for control in names if not control["name"]]
    assert not unnamed, f"controls without an accessible name: {unnamed}"


def test_sliders_announce_numbers(page: Page, site_url: str):
    """Every slider's aria-valuetext holds a number, so screen readers say the real value."""
    page.goto(site_url + "?view=detailed")
    wait_ready(page)
    sliders = page.locator("input[type=range]")
    assert sliders.count() >= 3, "expected a slider for each seed input"
    texts = sliders.evaluate_all(SLIDER_TEXTS_JS)
    mute = [f"#{ident}: {text!r}" for ident, text in texts if not re.search(r"\d", text or "")]
    assert not mute, f"sliders whose aria-valuetext holds no number: {mute}"


def test_volume_slider_works_by_keyboard(page: Page, site_url: str):
    """ArrowRight on the focused volume slider changes the volume field and its valuetext."""
    page.goto(site_url)
    wait_ready(page)
    slider = page.locator("input[type=range][data-param=monthly_inferences]")
    field = page.locator("input[name=monthly_inferences]")
    before_value = field.input_value()
    before_text = slider.get_attribute("aria-valuetext") or ""
    slider.focus()
    expect(slider).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(field).not_to_have_value(before_value)
    expect(slider).not_to_have_attribute("aria-valuetext", before_text)
    expect(slider).to_have_attribute("aria-valuetext", re.compile(r"\d"))


def test_charts_have_text_alternatives(page: Page, site_url: str):
    """Every chart canvas is a labelled image whose figure holds a table of its figures."""
    page.goto(site_url)
    wait_ready(page)
    canvases = page.locator("canvas").evaluate_all(CANVASES_JS)
    assert canvases, "no chart canvas on the page"
    problems = []
    for canvas in canvases:
        where = f"canvas#{canvas['id']}"
        if canvas["role"] != "img":
            problems.append(f"{where}: role is {canvas['role']!r}, not 'img'")
        if not canvas["label"]:
            problems.append(f"{where}: no aria-label")
        if not canvas["in_figure"]:
            problems.append(f"{where}: not inside a <figure>")
        elif not canvas["tables"]:
            problems.append(f"{where}: its <figure> holds no <table> with the chart's figures")
    assert not problems, "charts without a text alternative:\n  " + "\n  ".join(problems)

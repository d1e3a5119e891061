"""Input latency in the detailed view, the Monte Carlo's time in the worker, and input
latency while a simulation runs.

Uses ``figures`` and ``visits`` (pages with the probe, the engine's wait). The probe
(bench/probe.js) times the worker's messages: each "simulate" the page posts and each
"odds" it gets back.
"""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Browser, Page

from bench.visits import new_page, poll, wait_engine, wait_first_render

BASE_VOLUME = 1_200_000
VOLUME_STEP = 10_000
#: The detailed view with a GPU preset: serving latency (queueing), the options table and
#: routing are all computed on each input.
DETAILED_QUERY = "?view=detailed&gpu_model=aws%2Fh100-80gb"
#: Where the page opens for the input events: the analyzer, as someone moving its inputs
#: sees it, with the cost chart in view (charts out of view are updated as they come in).
AT_ANALYZER = "#analyzer"
#: The same with ranges on three inputs: each result is followed by a Monte Carlo of
#: 10,000 draws (pycore.uncertainty.DRAWS) in the worker.
RANGED_QUERY = (
    DETAILED_QUERY + "&gpu_hourly_low=2&gpu_hourly_high=5&monthly_growth_low=0"
    "&monthly_growth_high=0.05&decode_tps_low=30000&decode_tps_high=50000"
)
#: One frame at 60 Hz.
FRAME_MS = 1000 / 60

# app.js draws each chart lazily and marks its canvas data-chart="drawn".
COST_CHART_DRAWN_JS = "() => document.getElementById('cost-chart').dataset.chart === 'drawn'"

# Per event: set the volume, dispatch `input`, t1 = the MutationObserver callback that sees
# api_monthly's data-value change (the page's result handler, templates/app/main.js, updates
# the chart in the same task, so t1 comes after the chart update; `chart` records that the
# cost chart's volume marker shows the new volume by then), t2 = the next
# requestAnimationFrame callback.
LATENCY_JS = """async ({ values, timeoutMs }) => {
  const field = document.querySelector("input[name=monthly_inferences]");
  const output = document.querySelector("[data-output=api_monthly]");
  const canvas = document.getElementById("cost-chart");
  const box = canvas.getBoundingClientRect();
  const chartInView = box.bottom > 0 && box.top < innerHeight;
  // the cost chart's "Your volume" marker: the volume it shows
  const charted = () => window.Chart?.getChart(canvas)?.data.datasets[3].data[0]?.x ?? null;
  const nextFrame = () =>
    new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const samples = [];
  for (const value of values) {
    const before = output.dataset.value;
    let observer = null;
    let timer = null;
    const updated = new Promise((resolve, reject) => {
      observer = new MutationObserver(() => {
        if (output.dataset.value === before) return;
        const t1 = performance.now();
        clearTimeout(timer);
        observer.disconnect();
        resolve(t1);
      });
      observer.observe(output, { attributes: true, attributeFilter: ["data-value"] });
      timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`no update within ${timeoutMs} ms for volume ${value}`));
      }, timeoutMs);
    });
    field.value = String(value);
    const t0 = performance.now();
    field.dispatchEvent(new Event("input", { bubbles: true }));
    const t1 = await updated;
    const chart = charted() === value;
    const t2 = await nextFrame();
    const text = output.textContent;
    samples.push({ value, t0, dom: t1 - t0, frame: t2 - t0, chart, chartInView, text });
    await nextFrame();
  }
  return samples;
}"""

# Per event: set the volume, dispatch `input`, and wait until the simulation that follows
# its result has answered (the probe's message log holds an "odds" after the input).
SIMULATION_JS = """async ({ values, timeoutMs }) => {
  const field = document.querySelector("input[name=monthly_inferences]");
  const messages = window.__bench.messages;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  for (const value of values) {
    const from = messages.length;
    field.value = String(value);
    field.dispatchEvent(new Event("input", { bubbles: true }));
    const deadline = performance.now() + timeoutMs;
    while (!messages.slice(from).some((message) => message.type === "odds")) {
      if (performance.now() > deadline) throw new Error(`no odds within ${timeoutMs} ms`);
      await sleep(20);
    }
  }
  return messages;
}"""


def open_ready(page: Page, url: str) -> None:
    """Open ``url`` at the analyzer; wait for the engine, its first render and the cost
    chart."""
    page.goto(url + AT_ANALYZER)
    if wait_engine(page) != "ready":
        raise RuntimeError("the engine did not start")
    wait_first_render(page)
    if not poll(page, COST_CHART_DRAWN_JS, bool):
        raise TimeoutError("the cost chart was never drawn")


def volumes(events: int) -> list[int]:
    """A different volume for each event."""
    return [BASE_VOLUME + VOLUME_STEP * i for i in range(events)]


def measure_latency(browser: Browser, url: str, events: int) -> list[dict[str, Any]]:
    """Time ``events`` input events on the volume field of ``url``, each to its updated DOM."""
    with new_page(browser) as page:
        open_ready(page, url)
        samples: list[dict[str, Any]] = page.evaluate(
            LATENCY_JS, {"values": volumes(events), "timeoutMs": 5000}
        )
    return samples


def simulation_times(messages: list[dict[str, Any]]) -> list[float]:
    """ms from each "simulate" the page posted to its "odds" reply (finished ones only)."""
    sent = {m["id"]: m["at"] for m in messages if m["type"] == "simulate"}
    return [m["at"] - sent[m["id"]] for m in messages if m["type"] == "odds" and m["id"] in sent]


def running_at(messages: list[dict[str, Any]], moment: float) -> bool:
    """Whether a simulation had been asked for before ``moment`` and not yet answered."""
    answered = {m["id"] for m in messages if m["type"] == "odds" and m["at"] <= moment}
    asked = [m for m in messages if m["type"] == "simulate" and m["at"] < moment]
    return bool(asked) and asked[-1]["id"] not in answered


def measure_simulation(browser: Browser, url: str, runs: int, events: int) -> dict[str, Any]:
    """On ``url`` (ranges set): ``runs`` simulations timed from request to odds, then
    ``events`` inputs, each sent while the previous input's simulation runs."""
    with new_page(browser) as page:
        open_ready(page, url)
        time.sleep(1.0)  # let the first simulation, of the link's scenario, finish
        messages = page.evaluate(SIMULATION_JS, {"values": volumes(runs), "timeoutMs": 10_000})
        durations = simulation_times(messages)[-runs:]
        base = BASE_VOLUME * 2  # volumes not seen above, so each input changes the results
        samples = page.evaluate(
            LATENCY_JS,
            {"values": [base + VOLUME_STEP * i for i in range(events)], "timeoutMs": 5000},
        )
        messages = page.evaluate("() => window.__bench.messages")
    during = [sample for sample in samples if running_at(messages, sample["t0"])]
    return {"simulation_ms": durations, "inputs": samples, "during": during}

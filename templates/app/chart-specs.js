// The charts' definitions (Chart.js): for each chart, its canvas, how to draw it from a
// report and how to update it in place. The cost chart is in cost-chart.js; what the
// charts share in chart-kit.js.

import { axis, baseOptions, cssColor, line, marker, points, replaceData, usdCompact } from "./chart-kit.js";
import { createCostChart, updateCostChart } from "./cost-chart.js";

export { withColorsFrom } from "./chart-kit.js";

function timelineData(report) {
  const t = report.timeline;
  const payback = report.results.payback_months;
  return [
    points(t.months, t.cumulative_api),
    points(t.months, t.cumulative_finetuned),
    payback === null ? [] : [{ x: payback, y: t.cumulative_finetuned[payback] }],
  ];
}

function createTimelineChart(canvas, report, overrides = {}) {
  const data = timelineData(report);
  return new window.Chart(canvas, {
    type: "line",
    data: {
      datasets: [
        line("General-purpose API", data[0], cssColor("--api")),
        line("Fine-tuned model (upfront included)", data[1], cssColor("--finetuned")),
        marker("Payback", data[2], cssColor("--ink"), "rectRot", 7),
      ],
    },
    options: {
      ...baseOptions(
        {
          x: axis("Month", { type: "linear", min: 0, ticks: { stepSize: 1 } }),
          y: axis("Cumulative USD", { type: "linear", ticks: { callback: (v) => usdCompact.format(v) } }),
        },
        {
          title: (items) => `Month ${items[0].parsed.x}`,
          label: (item) => `${item.dataset.label}: ${usdCompact.format(item.parsed.y)}`,
        },
      ),
      ...overrides,
    },
  });
}

// Tornado: for each input, a bar from the base savings to the savings at -20% and +20%.
function tornadoData(report) {
  const base = report.results.monthly_savings;
  const bars = report.sensitivity ?? []; // left out while out of view: asked for as it nears
  return {
    labels: bars.map((bar) => bar.label),
    low: bars.map((bar) => [base, bar.savings_low]),
    high: bars.map((bar) => [base, bar.savings_high]),
  };
}

function createTornadoChart(canvas, report) {
  const data = tornadoData(report);
  return new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: "Input 20% lower", data: data.low, backgroundColor: cssColor("--low") },
        { label: "Input 20% higher", data: data.high, backgroundColor: cssColor("--high") },
      ],
    },
    options: {
      ...baseOptions(
        {
          x: axis("Monthly savings with fine-tuning (USD per month)", { ticks: { callback: (v) => usdCompact.format(v) } }),
          y: { stacked: true, ticks: { color: cssColor("--ink") }, grid: { display: false } },
        },
        {
          label: (item) => `${item.dataset.label}: ${usdCompact.format(item.raw[1])} per month`,
        },
      ),
      parsing: true,
      indexAxis: "y",
    },
  });
}

function updateTornadoChart(chart, report) {
  if (!report.sensitivity) return; // left out of this report: the bars drawn stay
  const tornado = tornadoData(report);
  chart.data.labels = tornado.labels;
  replaceData(chart, [tornado.low, tornado.high]);
}

// The factors chart draws content (factors-data), not a report: it never changes.
function createFactorsChart(canvas) {
  const factors = JSON.parse(document.getElementById("factors-data").textContent);
  const ink = cssColor("--ink");
  return new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: factors.factors.map((f) => f.name),
      datasets: [
        { label: "General-purpose API", data: factors.factors.map((f) => f.api.score), backgroundColor: cssColor("--api") },
        { label: "Fine-tuned model", data: factors.factors.map((f) => f.finetuned.score), backgroundColor: cssColor("--finetuned") },
      ],
    },
    options: {
      indexAxis: "y",
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { min: 0, max: factors.scale.max, ticks: { stepSize: 1, color: ink }, grid: { color: cssColor("--grid") } },
        y: { ticks: { color: ink }, grid: { display: false } },
      },
      plugins: { legend: { labels: { color: ink } } },
    },
  });
}

// The simulation's histogram: how many draws saved each amount over the horizon.
function oddsData(report) {
  const odds = report.uncertainty;
  return odds ? { labels: odds.labels.slice(0, -1), counts: odds.counts } : { labels: [], counts: [] };
}

function createOddsChart(canvas, report) {
  const data = oddsData(report);
  return new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{ label: "Draws", data: data.counts, backgroundColor: cssColor("--finetuned") }],
    },
    options: {
      ...baseOptions({
        x: axis("Savings of fine-tuning over the horizon (USD, from)"),
        y: axis("Draws out of 10,000"),
      }),
      parsing: true,
    },
  });
}

function updateOddsChart(chart, report) {
  const data = oddsData(report);
  chart.data.labels = data.labels;
  chart.data.datasets[0].data = data.counts;
  chart.update("none");
}

// Each chart: its canvas id, create(canvas, report[, overrides]) -> chart, update(chart, report).
export const CHARTS = {
  cost: { canvas: "cost-chart", create: createCostChart, update: updateCostChart },
  timeline: {
    canvas: "timeline-chart",
    create: createTimelineChart,
    update: (c, r) => replaceData(c, timelineData(r)),
  },
  tornado: { canvas: "tornado-chart", create: createTornadoChart, update: updateTornadoChart },
  factors: { canvas: "factors-chart", create: createFactorsChart, update: () => {} },
  odds: { canvas: "odds-chart", create: createOddsChart, update: updateOddsChart },
};

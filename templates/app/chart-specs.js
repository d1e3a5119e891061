// The charts' definitions (Chart.js): for each chart, its canvas, how to draw it from a
// report and how to update it in place. Colours come from the page's CSS at creation: from
// the root, or from the element withColorsFrom names (the printed memo's own palette).

// Compact number formats for the axes and tooltips, made when a chart first needs one:
// making an Intl.NumberFormat loads the locale's data on the main thread, which the page
// did while the engine booted (app.js's top level 72 to 14 ms a load without it;
// Chromium's profiler, 4 cold loads, one-off).
let compactFormats = null;
function compact(kind) {
  compactFormats ??= {
    usd: new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact" }),
    count: new Intl.NumberFormat("en-US", { notation: "compact" }),
  };
  return compactFormats[kind];
}
const usdCompact = { format: (value) => compact("usd").format(value) };
const countCompact = { format: (value) => compact("count").format(value) };

let colorSource = document.documentElement;

function cssColor(name) {
  return getComputedStyle(colorSource).getPropertyValue(name).trim();
}

// Run `draw` with the colours (CSS custom properties) of `element`, and return its result.
export function withColorsFrom(element, draw) {
  const before = colorSource;
  colorSource = element;
  try {
    return draw();
  } finally {
    colorSource = before;
  }
}

function points(xs, ys) {
  return xs.map((x, i) => ({ x, y: ys[i] }));
}

function axis(title, { ticks = {}, ...extra } = {}) {
  const ink = cssColor("--ink");
  return {
    title: { display: true, text: title, color: ink },
    grid: { color: cssColor("--grid") },
    ...extra,
    ticks: { color: ink, ...ticks },
  };
}

// A legend entry only for a dataset with points (a pinned scenario's lines come and go).
function hasPoints(item, data) {
  return data.datasets[item.datasetIndex].data.length > 0;
}

function baseOptions(scales, tooltip = {}) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    scales,
    plugins: {
      legend: { labels: { color: cssColor("--ink"), usePointStyle: true, filter: hasPoints } },
      tooltip: { callbacks: tooltip },
    },
  };
}

function logTick(format) {
  return (value) => (Math.abs(Math.log10(value) % 1) < 1e-9 ? format.format(value) : "");
}

function line(label, data, color) {
  return {
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    pointRadius: 0,
    pointStyle: "line", // in the legend: a line, not a dot
    borderWidth: 2.5,
  };
}

function marker(label, data, color, pointStyle, radius) {
  return { label, data, type: "scatter", pointStyle, pointRadius: radius, borderColor: color, backgroundColor: color };
}

// Put each dataset of `data` into the drawn `chart`, in order, and redraw it at once.
function replaceData(chart, data) {
  data.forEach((points, i) => {
    chart.data.datasets[i].data = points;
  });
  chart.update("none");
}

// Datasets of the cost chart: API line, fine-tuned line, break-even point, your volume, and
// the pinned scenario A's two lines (report.compare), empty when nothing is pinned.
function costData(report) {
  const r = report.results;
  const volume = report.parameters.monthly_inferences;
  const breakeven = report.curve.breakeven;
  const pinned = report.compare ? report.compare.curve : null;
  return [
    points(report.curve.volumes, report.curve.api_monthly),
    points(report.curve.volumes, report.curve.finetuned_monthly),
    breakeven === null ? [] : [{ x: breakeven[0], y: breakeven[1] }],
    volume > 0 ? [{ x: volume, y: r.api_monthly }, { x: volume, y: r.finetuned_monthly }] : [],
    pinned ? points(pinned.volumes, pinned.api_monthly) : [],
    pinned ? points(pinned.volumes, pinned.finetuned_monthly) : [],
  ];
}

function dashed(label, data, color) {
  return { ...line(label, data, color), borderDash: [7, 5], borderWidth: 2 };
}

// After each drawing of the cost chart (an update, a resize), tell the volume marker
// (marker.js) to follow the chart's scales.
const TELL_MARKER = {
  id: "volumeMarker",
  afterRender: (chart) => chart.canvas.dispatchEvent(new Event("chartrender")),
};

// `overrides`: options for a chart drawn off screen (the memo's image).
function createCostChart(canvas, report, overrides = {}) {
  const ink = cssColor("--ink");
  const data = costData(report);
  return new window.Chart(canvas, {
    type: "line",
    data: {
      datasets: [
        line("General-purpose API", data[0], cssColor("--api")),
        line("Fine-tuned model", data[1], cssColor("--finetuned")),
        marker("Break-even", data[2], ink, "rectRot", 7),
        marker("Your volume", data[3], ink, "circle", 5),
        dashed("A: API", data[4], cssColor("--api")),
        dashed("A: fine-tuned", data[5], cssColor("--finetuned")),
      ],
    },
    options: {
      ...baseOptions(
        {
          x: axis("Requests per month (log scale)", { type: "logarithmic", ticks: { callback: logTick(countCompact) } }),
          y: axis("USD per month (log scale)", { type: "logarithmic", ticks: { callback: logTick(usdCompact) } }),
        },
        {
          title: (items) => `${countCompact.format(items[0].parsed.x)} requests per month`,
          label: (item) => `${item.dataset.label}: ${usdCompact.format(item.parsed.y)} per month`,
        },
      ),
      ...overrides,
    },
    plugins: [TELL_MARKER],
  });
}

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
  cost: { canvas: "cost-chart", create: createCostChart, update: (c, r) => replaceData(c, costData(r)) },
  timeline: {
    canvas: "timeline-chart",
    create: createTimelineChart,
    update: (c, r) => replaceData(c, timelineData(r)),
  },
  tornado: { canvas: "tornado-chart", create: createTornadoChart, update: updateTornadoChart },
  factors: { canvas: "factors-chart", create: createFactorsChart, update: () => {} },
  odds: { canvas: "odds-chart", create: createOddsChart, update: updateOddsChart },
};

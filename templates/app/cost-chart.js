// The cost chart: both monthly costs over volume, the break-even point, "Your volume" and
// a pinned scenario's lines; drawn from a report and updated in place.

import {
  axis,
  baseOptions,
  countCompact,
  cssColor,
  dashed,
  line,
  logTick,
  marker,
  points,
  replaceData,
  usdCompact,
} from "./chart-kit.js";

// The cost chart's "Your volume" dataset.
const MARKER = 3;

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

// The cost chart's points other than "Your volume" (dataset 3): each dataset's x and y
// values, for comparing two reports' charts.
function fixedValues(data) {
  return data.filter((_, i) => i !== MARKER).flatMap((points) => points.flatMap((p) => [p.x, p.y]));
}

// Whether moving "Your volume" from `before` to `after` (its points) leaves the chart's
// scales as they are: both lie within the other datasets' ranges, which set the scales.
function withinScales(data, before, after) {
  const others = data.filter((points, i) => i !== MARKER && points.length > 0).flat();
  const inside = (axis) => {
    const values = others.map((p) => p[axis]);
    const low = Math.min(...values);
    const high = Math.max(...values);
    return [...before, ...after].every((p) => p[axis] >= low && p[axis] <= high);
  };
  return others.length > 0 && inside("x") && inside("y");
}

// Update the drawn cost chart to `report`. When only "Your volume" moved (a volume input,
// the commonest), its two points move in place and the chart is redrawn without Chart.js
// laying it out again (its update measures every tick label): the scales, legend and
// other datasets are the same. Chart.js's share of an input, Chromium's profiler, one-off:
// 3.8 to 1.2 ms warm (inputs 20 to 40), 10 to 4 ms in the first five after ready.
export function updateCostChart(chart, report) {
  const data = costData(report);
  const shown = chart.data.datasets.map((dataset) => dataset.data);
  const before = shown[MARKER];
  const after = data[MARKER];
  const same =
    before.length === after.length &&
    before.length > 0 &&
    fixedValues(shown).join() === fixedValues(data).join() &&
    withinScales(data, before, after);
  if (!same) {
    replaceData(chart, data);
    return;
  }
  after.forEach((point, i) => Object.assign(before[i], point)); // parsing: false reads these
  chart.getDatasetMeta(MARKER).controller.update("none"); // the points' pixels, same scales
  chart.render();
}

// After each drawing of the cost chart (an update, a resize), tell the volume marker
// (marker.js) to follow the chart's scales.
const TELL_MARKER = {
  id: "volumeMarker",
  afterRender: (chart) => chart.canvas.dispatchEvent(new Event("chartrender")),
};

// `overrides`: options for a chart drawn off screen (the memo's image).
export function createCostChart(canvas, report, overrides = {}) {
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

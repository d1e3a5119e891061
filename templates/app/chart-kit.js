// What the page's charts (Chart.js) share: compact number formats, colours from the
// page's CSS (from the root, or from the element withColorsFrom names: the printed memo's
// own palette), axes, options, datasets, and replacing a drawn chart's data.

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
export const usdCompact = { format: (value) => compact("usd").format(value) };
export const countCompact = { format: (value) => compact("count").format(value) };

let colorSource = document.documentElement;

export function cssColor(name) {
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

export function points(xs, ys) {
  return xs.map((x, i) => ({ x, y: ys[i] }));
}

export function axis(title, { ticks = {}, ...extra } = {}) {
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

export function baseOptions(scales, tooltip = {}) {
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

export function logTick(format) {
  return (value) => (Math.abs(Math.log10(value) % 1) < 1e-9 ? format.format(value) : "");
}

export function line(label, data, color) {
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

export function marker(label, data, color, pointStyle, radius) {
  return { label, data, type: "scatter", pointStyle, pointRadius: radius, borderColor: color, backgroundColor: color };
}

// Put each dataset of `data` into the drawn `chart`, in order, and redraw it at once.
export function replaceData(chart, data) {
  data.forEach((points, i) => {
    chart.data.datasets[i].data = points;
  });
  chart.update("none");
}

export function dashed(label, data, color) {
  return { ...line(label, data, color), borderDash: [7, 5], borderWidth: 2 };
}

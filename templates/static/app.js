// Page glue: moves values between the form, the engine (pycore in a Web Worker) and the
// charts. It never computes a cost: every number shown comes back from pycore.

const BOOT_TIMEOUT_MS = 15000;
const root = document.documentElement;
const form = document.querySelector("[data-analyzer]");
const statusLine = document.querySelector("[data-engine-status]");
const noticeBox = document.querySelector("[data-notices]");
const initial = JSON.parse(document.getElementById("initial-report").textContent);
const fields = new Map(
  [...form.querySelectorAll("input[type=number][name]")].map((input) => [input.name, input]),
);
const sliders = new Map(
  [...form.querySelectorAll("input[type=range][data-param]")].map((s) => [s.dataset.param, s]),
);
const simpleNames = new Set(
  [...form.querySelectorAll("[data-group=simple] input[type=number][name]")].map((i) => i.name),
);

// ---- view: simple (the seed's three inputs) or detailed (every group) ----

function currentView() {
  return form.dataset.view;
}

function setView(view) {
  form.dataset.view = view === "detailed" ? "detailed" : "simple";
  const detailed = form.dataset.view === "detailed";
  for (const element of document.querySelectorAll("[data-detailed]")) element.hidden = !detailed;
  for (const element of document.querySelectorAll("[data-view-only]")) {
    element.hidden = element.dataset.viewOnly !== form.dataset.view;
  }
  for (const radio of document.querySelectorAll("[data-view-switch]")) {
    radio.checked = radio.value === form.dataset.view;
  }
  // Its charts are drawn as they come near the viewport (drawChartsWhenNear), and after
  // the boot in idle time, so that a printout has them too.
  if (detailed && root.dataset.engine !== "loading") whenIdle(drawAllCharts);
}

// ---- sliders: map the 0..1000 track to the parameter's value (log or linear) ----

function sliderToValue(slider) {
  const low = Number(slider.dataset.min);
  const high = Number(slider.dataset.max);
  const t = Number(slider.value) / Number(slider.max);
  const value = slider.dataset.scale === "log" ? low * (high / low) ** t : low + (high - low) * t;
  return Number(value.toPrecision(3));
}

function valueToSlider(slider, value) {
  const low = Number(slider.dataset.min);
  const high = Number(slider.dataset.max);
  const v = Math.min(Math.max(value, low), high);
  const t =
    slider.dataset.scale === "log" ? Math.log(v / low) / Math.log(high / low) : (v - low) / (high - low);
  return String(Math.round(t * Number(slider.max)));
}

// ---- the engine ----

const engine = { worker: null, ready: false, busy: false, pending: null, nextId: 0 };

function setEngineState(state, message) {
  root.dataset.engine = state;
  if (message !== undefined) statusLine.textContent = message;
  statusLine.hidden = state === "ready";
  // The boot is over (either way): draw the charts still waiting, in idle time.
  whenIdle(drawAllCharts);
}

function failEngine(reason) {
  if (root.dataset.engine === "failed") return;
  setEngineState(
    "failed",
    `The in-browser engine could not start (${reason}). The numbers shown are the defaults ` +
      "computed when this page was built; the inputs are paused.",
  );
  applyValues(initial.parameters); // the fields show what the results were computed from
  for (const control of form.querySelectorAll("input, select")) control.disabled = true;
  for (const button of document.querySelectorAll("[data-needs-engine]")) button.disabled = true;
  if (engine.worker) engine.worker.terminate();
}

function startEngine() {
  let worker;
  let early = [];
  try {
    if (window.createOfflineEngine) {
      worker = window.createOfflineEngine(); // offline.html: same interface, main thread
    } else if (window.earlyEngine) {
      ({ worker, early } = window.earlyEngine.adopt()); // started by boot.js in <head>
    } else {
      worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    }
  } catch (error) {
    failEngine(String(error.message || error));
    return;
  }
  engine.worker = worker;
  const timer = setTimeout(() => failEngine("it took longer than 15 seconds to load"), BOOT_TIMEOUT_MS);
  const onError = (event) => {
    event.preventDefault();
    clearTimeout(timer);
    failEngine(event.message || "the worker script failed to load");
  };
  const onMessage = (event) => {
    const message = event.data;
    if (message.type === "ready") {
      clearTimeout(timer);
      engine.ready = true;
      setEngineState("ready");
      flush();
    } else if (message.type === "failed") {
      clearTimeout(timer);
      failEngine(message.reason);
    } else if (message.type === "result") {
      engine.busy = false;
      render(message.report);
      flush();
    } else if (message.type === "export") {
      download(message.format, message.text);
    } else if (message.type === "error") {
      engine.busy = false;
      showNotices([`The engine could not compute this scenario: ${message.reason}`]);
      flush();
    }
  };
  worker.addEventListener("error", onError);
  worker.addEventListener("message", onMessage);
  for (const event of early) (event.type === "error" ? onError : onMessage)(event);
}

// The parameters the current view sends: the simple view uses only the seed's inputs,
// so its numbers never depend on hidden detailed fields.
function currentParams() {
  const params = {};
  for (const [name, input] of fields) {
    if (currentView() === "detailed" || simpleNames.has(name)) params[name] = input.value;
  }
  return params;
}

// Coalesce: at most one request in flight; the newest input wins. `query` (the URL's
// query string, on load) is read by pycore, which repairs and explains bad values.
function requestCompute(query = "") {
  // Until the first answer, keep the link's scenario queued with any newer input.
  const queued = engine.pending ? engine.pending.query : "";
  engine.pending = { parameters: currentParams(), query: query || queued };
  flush();
}

function flush() {
  if (!engine.ready || engine.busy || engine.pending === null) return;
  engine.busy = true;
  const params = engine.pending;
  engine.pending = null;
  engine.worker.postMessage({ type: "compute", id: ++engine.nextId, params });
}

// ---- rendering a report from pycore ----

// The number field being typed in is not rewritten until its change event, so that a
// half-typed value ("1e") is not replaced under the cursor.
let editing = null;

function setParameter(name, value) {
  const field = fields.get(name);
  if (field && field !== editing) field.value = value === null ? "" : String(value);
  const slider = sliders.get(name);
  if (!slider) return;
  if (value === null) {
    slider.setAttribute("aria-valuetext", slider.dataset.offText);
    return;
  }
  if (slider !== document.activeElement) slider.value = valueToSlider(slider, value);
  slider.setAttribute("aria-valuetext", `${value} ${slider.dataset.unit}`);
}

function render(report) {
  const view = currentView();
  for (const [name, value] of Object.entries(report.parameters)) {
    if (view === "detailed" || simpleNames.has(name)) setParameter(name, value);
  }
  for (const [name, value] of Object.entries(report.results)) {
    for (const output of document.querySelectorAll(`[data-output="${name}"]`)) {
      output.dataset.value = value === null ? "" : String(value);
      output.textContent = report.text[name];
      const unit = output.parentElement.querySelector(".unit");
      if (unit) unit.hidden = value === null;
    }
  }
  for (const copy of form.querySelectorAll("[data-live]")) copy.textContent = report.text[copy.dataset.live];
  markInactive(report.inactive);
  syncPresets(report.parameters);
  document.querySelector("[data-output-summary]").textContent = report.summary;
  document.querySelector("[data-output-horizon-summary]").textContent = report.horizon_summary;
  fillRows(document.querySelector("[data-curve-table]"), report.table);
  fillRows(document.querySelector("[data-timeline-table]"), report.timeline.table);
  fillRows(
    document.querySelector("[data-sensitivity-table]"),
    report.sensitivity.map((bar) => [
      bar.label,
      `${bar.text.low_value}; ${bar.text.savings_low}; ${bar.text.breakeven_low}`,
      `${bar.text.high_value}; ${bar.text.savings_high}; ${bar.text.breakeven_high}`,
    ]),
  );
  showNotices(report.notices, report.field_notices);
  writeUrl(report.parameters);
  updateCharts(report);
}

// Inputs that the current pricing or hosting mode does not use are dimmed, as the
// engine says (report.inactive); the simple view uses all three of its inputs.
function markInactive(inactive) {
  const off = new Set(currentView() === "detailed" ? inactive : []);
  for (const [name, field] of fields) {
    field.closest(".field").classList.toggle("inactive", off.has(name));
  }
}

// The values each preset option sets, parsed once (syncPresets runs on every update).
const presetValues = new Map(
  [...form.querySelectorAll("[data-preset] option")].map((o) => [o, JSON.parse(o.dataset.values)]),
);

// Each preset menu shows the preset whose values the fields hold, else "Custom".
function syncPresets(parameters) {
  for (const select of form.querySelectorAll("[data-preset]")) {
    const match = [...select.options].find((option) => {
      const values = presetValues.get(option);
      const names = Object.keys(values);
      return (
        names.length > 0 &&
        names.every((name) => (values[name] === "" ? null : values[name]) === parameters[name])
      );
    });
    select.value = match ? match.value : "custom";
  }
}

function fillRows(body, rows) {
  body.replaceChildren(
    ...rows.map((row) => {
      const tr = document.createElement("tr");
      for (const cell of row) {
        const td = document.createElement("td");
        td.textContent = cell;
        tr.append(td);
      }
      return tr;
    }),
  );
}

function showNotices(notices, byField = {}) {
  for (const box of form.querySelectorAll("[data-field-notice]")) {
    // no verdict on a value still being typed ("1e"): it comes with the change event
    const typing = editing && editing.name === box.dataset.fieldNotice;
    const message = typing ? "" : byField[box.dataset.fieldNotice];
    box.textContent = message || "";
    box.hidden = !message;
    const field = fields.get(box.dataset.fieldNotice);
    if (message) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
  }
  noticeBox.replaceChildren(
    ...notices.map((text) => {
      const p = document.createElement("p");
      p.textContent = text;
      return p;
    }),
  );
  noticeBox.hidden = notices.length === 0;
}

// The address bar follows the scenario, written at most every 200 ms: browsers throttle
// (and warn about) bursts of history updates while a slider is dragged.
let urlTimer = null;
let urlParameters = null;

function writeUrl(parameters) {
  urlParameters = parameters;
  if (urlTimer === null) urlTimer = setTimeout(flushUrl, 200);
}

function flushUrl() {
  urlTimer = null;
  const parameters = urlParameters;
  const query = new URLSearchParams();
  if (currentView() === "detailed") query.set("view", "detailed");
  for (const [name, value] of Object.entries(parameters)) {
    if (value === null) continue;
    if (currentView() === "detailed" || simpleNames.has(name)) query.set(name, String(value));
  }
  const url = `${location.pathname}?${query}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, "", url);
  updateEmbedSnippet();
}

// ---- sharing and export ----

const shareStatus = document.querySelector("[data-share-status]");
const EXPORT_TYPES = { csv: "text/csv", json: "application/json" };

// The iframe snippet points at embed.html beside this page, with the current scenario.
function updateEmbedSnippet() {
  const box = document.querySelector("[data-embed-snippet]");
  if (!box) return;
  if (location.protocol === "file:") {
    box.closest("[data-embed-help]").hidden = true; // a file on disk cannot be embedded
    return;
  }
  const src = new URL(`embed.html${location.search}`, location.href).href;
  box.value =
    `<iframe src="${src}" title="API or fine-tuned model: cost analyzer" ` +
    'width="100%" height="900" style="border:0" loading="lazy"></iframe>';
}

async function copyLink() {
  if (urlTimer !== null) {
    clearTimeout(urlTimer);
    flushUrl();
  }
  const link = location.href;
  try {
    await navigator.clipboard.writeText(link);
    shareStatus.textContent = "Link copied: it opens this exact scenario.";
  } catch {
    shareStatus.textContent = `Copy this link: ${link}`;
  }
}

function requestExport(format) {
  if (!engine.ready) return;
  const params = { parameters: currentParams(), query: "" };
  engine.worker.postMessage({ type: "export", id: ++engine.nextId, format, params });
}

function download(format, text) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type: EXPORT_TYPES[format] }));
  link.download = `fine-tune-or-api-scenario.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  shareStatus.textContent = `Downloaded ${link.download}.`;
}

// ---- charts (Chart.js, vendored) ----
// Chart.js (210 kB) loads, and each chart is drawn, only when its canvas comes near the
// viewport, or once the engine is ready and the page idle: on a 2-core machine that work
// would otherwise compete with the engine's boot (measured with bench/ab.py: the engine
// is ready about 40 ms sooner). offline.html inlines Chart.js, so it is there at once.

const charts = {};
let chartLibrary = null;

function loadChartLibrary() {
  if (window.Chart) return Promise.resolve();
  const block = document.getElementById("chart-library");
  if (!block) return Promise.reject(new Error("Chart.js is missing")); // offline.html, if its copy failed
  if (chartLibrary === null) {
    const source = JSON.parse(block.textContent);
    chartLibrary = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = source.src;
      script.integrity = source.integrity;
      script.addEventListener("load", resolve);
      script.addEventListener("error", () => reject(new Error(`${source.src} did not load`)));
      document.head.append(script);
    });
  }
  return chartLibrary;
}

const usdCompact = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact" });
const countCompact = new Intl.NumberFormat("en-US", { notation: "compact" });

function cssColor(name) {
  return getComputedStyle(root).getPropertyValue(name).trim();
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

function baseOptions(scales, tooltip = {}) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    scales,
    plugins: {
      legend: { labels: { color: cssColor("--ink"), usePointStyle: true } },
      tooltip: { callbacks: tooltip },
    },
  };
}

function logTick(format) {
  return (value) => (Math.abs(Math.log10(value) % 1) < 1e-9 ? format.format(value) : "");
}

// Datasets of the cost chart: API line, fine-tuned line, break-even point, your volume.
function costData(report) {
  const r = report.results;
  const volume = report.parameters.monthly_inferences;
  const breakeven = report.curve.breakeven;
  return [
    points(report.curve.volumes, report.curve.api_monthly),
    points(report.curve.volumes, report.curve.finetuned_monthly),
    breakeven === null ? [] : [{ x: breakeven[0], y: breakeven[1] }],
    volume > 0 ? [{ x: volume, y: r.api_monthly }, { x: volume, y: r.finetuned_monthly }] : [],
  ];
}

function createCostChart(report) {
  const ink = cssColor("--ink");
  const data = costData(report);
  charts.cost = new window.Chart(document.getElementById("cost-chart"), {
    type: "line",
    data: {
      datasets: [
        line("General-purpose API", data[0], cssColor("--api")),
        line("Fine-tuned model", data[1], cssColor("--finetuned")),
        marker("Break-even", data[2], ink, "rectRot", 7),
        marker("Your volume", data[3], ink, "circle", 5),
      ],
    },
    options: baseOptions(
      {
        x: axis("Requests per month (log scale)", { type: "logarithmic", ticks: { callback: logTick(countCompact) } }),
        y: axis("USD per month (log scale)", { type: "logarithmic", ticks: { callback: logTick(usdCompact) } }),
      },
      {
        title: (items) => `${countCompact.format(items[0].parsed.x)} requests per month`,
        label: (item) => `${item.dataset.label}: ${usdCompact.format(item.parsed.y)} per month`,
      },
    ),
  });
}

function line(label, data, color) {
  return { label, data, borderColor: color, backgroundColor: color, pointRadius: 0, borderWidth: 2.5 };
}

function marker(label, data, color, pointStyle, radius) {
  return { label, data, type: "scatter", pointStyle, pointRadius: radius, borderColor: color, backgroundColor: color };
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

function createTimelineChart(report) {
  const data = timelineData(report);
  charts.timeline = new window.Chart(document.getElementById("timeline-chart"), {
    type: "line",
    data: {
      datasets: [
        line("General-purpose API", data[0], cssColor("--api")),
        line("Fine-tuned model (upfront included)", data[1], cssColor("--finetuned")),
        marker("Payback", data[2], cssColor("--ink"), "rectRot", 7),
      ],
    },
    options: baseOptions(
      {
        x: axis("Month", { type: "linear", min: 0, ticks: { stepSize: 1 } }),
        y: axis("Cumulative USD", { type: "linear", ticks: { callback: (v) => usdCompact.format(v) } }),
      },
      {
        title: (items) => `Month ${items[0].parsed.x}`,
        label: (item) => `${item.dataset.label}: ${usdCompact.format(item.parsed.y)}`,
      },
    ),
  });
}

// Tornado: for each input, a bar from the base savings to the savings at -20% and +20%.
function tornadoData(report) {
  const base = report.results.monthly_savings;
  const bars = report.sensitivity;
  return {
    labels: bars.map((bar) => bar.label),
    low: bars.map((bar) => [base, bar.savings_low]),
    high: bars.map((bar) => [base, bar.savings_high]),
  };
}

function createTornadoChart(report) {
  const data = tornadoData(report);
  charts.tornado = new window.Chart(document.getElementById("tornado-chart"), {
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

function createFactorsChart() {
  const canvas = document.getElementById("factors-chart");
  if (!canvas) return; // embed.html shows the analyzer only
  const factors = JSON.parse(document.getElementById("factors-data").textContent);
  const ink = cssColor("--ink");
  charts.factors = new window.Chart(canvas, {
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

let lastReport = initial;

// Each chart: its canvas, how to draw it from the latest report, and how to update it.
const CHARTS = {
  cost: { canvas: "cost-chart", create: () => createCostChart(lastReport), update: updateCostChart },
  timeline: { canvas: "timeline-chart", create: () => createTimelineChart(lastReport), update: updateTimelineChart },
  tornado: { canvas: "tornado-chart", create: () => createTornadoChart(lastReport), update: updateTornadoChart },
  factors: { canvas: "factors-chart", create: createFactorsChart, update: () => {} },
};

// Draw chart `name` once Chart.js is there, unless it is drawn already or its canvas is
// missing (embed.html has no factors) or hidden (a hidden canvas has no size to draw at;
// the detailed charts are drawn when that view shows them). The canvas is then marked
// data-chart="drawn" (or "failed" if Chart.js could not load).
function drawChart(name) {
  const canvas = document.getElementById(CHARTS[name].canvas);
  if (charts[name] || !canvas || canvas.closest("[hidden]")) return Promise.resolve();
  return loadChartLibrary().then(
    () => {
      if (charts[name] || canvas.closest("[hidden]")) return;
      CHARTS[name].create();
      canvas.dataset.chart = "drawn";
    },
    (error) => {
      // The chart's table gives the same figures: show it instead (style.css hides the box).
      canvas.dataset.chart = "failed";
      canvas.closest("figure")?.querySelector("details")?.setAttribute("open", "");
      console.warn(`Chart not drawn: ${error.message}`);
    },
  );
}

function drawAllCharts() {
  return Promise.all(Object.keys(CHARTS).map(drawChart));
}

function whenIdle(task) {
  if (window.requestIdleCallback) requestIdleCallback(() => task(), { timeout: 2000 });
  else setTimeout(task, 0);
}

// Draw each chart as its canvas comes within about a screen of the viewport.
function drawChartsWhenNear() {
  const names = new Map(); // canvas -> chart name
  const near = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) drawChart(names.get(entry.target));
      }
    },
    { rootMargin: "100% 0px" },
  );
  for (const [name, chart] of Object.entries(CHARTS)) {
    const canvas = document.getElementById(chart.canvas);
    if (!canvas) continue;
    names.set(canvas, name);
    near.observe(canvas);
  }
}

function updateCostChart(report) {
  costData(report).forEach((data, i) => {
    charts.cost.data.datasets[i].data = data;
  });
  charts.cost.update("none");
}

function updateTimelineChart(report) {
  timelineData(report).forEach((data, i) => {
    charts.timeline.data.datasets[i].data = data;
  });
  charts.timeline.update("none");
}

function updateTornadoChart(report) {
  const tornado = tornadoData(report);
  charts.tornado.data.labels = tornado.labels;
  charts.tornado.data.datasets[0].data = tornado.low;
  charts.tornado.data.datasets[1].data = tornado.high;
  charts.tornado.update("none");
}

function updateCharts(report) {
  lastReport = report;
  for (const [name, chart] of Object.entries(CHARTS)) {
    if (charts[name]) chart.update(report);
  }
}

// ---- wiring ----

function onSlider(event) {
  const slider = event.target;
  fields.get(slider.dataset.param).value = String(sliderToValue(slider));
  requestCompute();
}

function applyValues(values) {
  for (const [name, value] of Object.entries(values)) {
    const field = fields.get(name);
    if (field) field.value = value === null ? "" : String(value);
  }
}

function onPreset(event) {
  const option = event.target.selectedOptions[0];
  applyValues(presetValues.get(option));
  requestCompute();
}

function loadUseCase(event) {
  event.preventDefault();
  const button = event.currentTarget;
  applyValues(initial.parameters); // start from the defaults, then apply the use case
  applyValues(JSON.parse(button.dataset.params)); // the preset menus follow (syncPresets)
  requestCompute();
  document.getElementById("analyzer").scrollIntoView({ behavior: "smooth", block: "start" });
}

// Charts take their colours from CSS at creation: redraw them when the theme changes.
function redrawCharts() {
  const drawn = Object.keys(charts);
  for (const name of drawn) {
    charts[name].destroy();
    delete charts[name];
  }
  drawn.forEach(drawChart); // a chart hidden since (the other view) waits until it shows
}

function main() {
  // The engine boots first, while the page wires its controls and draws its charts.
  form.dataset.view = new URLSearchParams(location.search).get("view") === "detailed" ? "detailed" : "simple";
  requestCompute(location.search);
  startEngine();
  setView(form.dataset.view);
  drawChartsWhenNear();
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redrawCharts);
  for (const slider of sliders.values()) slider.addEventListener("input", onSlider);
  for (const field of fields.values()) {
    field.addEventListener("input", () => {
      editing = field;
      requestCompute();
    });
    field.addEventListener("change", () => {
      editing = null;
      requestCompute();
    });
  }
  for (const select of form.querySelectorAll("[data-preset]")) select.addEventListener("change", onPreset);
  for (const radio of document.querySelectorAll("[data-view-switch]")) {
    radio.addEventListener("change", () => {
      setView(radio.value);
      requestCompute();
    });
  }
  form.addEventListener("submit", (event) => event.preventDefault());
  document.querySelector("[data-action=copy-link]").addEventListener("click", copyLink);
  document.querySelector("[data-action=export-csv]").addEventListener("click", () => requestExport("csv"));
  document.querySelector("[data-action=export-json]").addEventListener("click", () => requestExport("json"));
  updateEmbedSnippet();
  for (const button of document.querySelectorAll("[data-action=load-use-case]")) {
    button.addEventListener("click", loadUseCase);
  }
  if (location.search.length > 1 && root.dataset.engine === "loading") {
    statusLine.textContent = "Loading the in-browser engine to compute the scenario in the link…";
  }
}

main();

// Page glue: moves values between the form, the engine (pycore in a Web Worker) and the
// charts. It never computes a cost: every number shown comes back from pycore.

const BOOT_TIMEOUT_MS = 15000;
const root = document.documentElement;
const form = document.querySelector("[data-analyzer]");
const statusLine = document.querySelector("[data-engine-status]");
const noticeBox = document.querySelector("[data-notices]");
const fields = new Map(
  [...form.querySelectorAll("input[type=number][name]")].map((input) => [input.name, input]),
);
const sliders = new Map(
  [...form.querySelectorAll("input[type=range][data-param]")].map((s) => [s.dataset.param, s]),
);

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
  const t = slider.dataset.scale === "log" ? Math.log(v / low) / Math.log(high / low) : (v - low) / (high - low);
  return String(Math.round(t * Number(slider.max)));
}

// ---- the engine ----

const engine = {
  worker: null,
  ready: false,
  busy: false,
  pending: null,
  nextId: 0,
};

function setEngineState(state, message) {
  root.dataset.engine = state;
  if (message !== undefined) statusLine.textContent = message;
  statusLine.hidden = state === "ready";
}

function failEngine(reason) {
  if (root.dataset.engine === "failed") return;
  setEngineState(
    "failed",
    `The in-browser engine could not start (${reason}). The numbers shown are the defaults ` +
      "computed when this page was built; the inputs are paused.",
  );
  for (const input of form.querySelectorAll("input")) input.disabled = true;
  if (engine.worker) engine.worker.terminate();
}

function startEngine() {
  let worker;
  try {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  } catch (error) {
    failEngine(String(error.message || error));
    return;
  }
  engine.worker = worker;
  const timer = setTimeout(() => failEngine("it took longer than 15 seconds to load"), BOOT_TIMEOUT_MS);
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    failEngine(event.message || "the worker script failed to load");
  });
  worker.addEventListener("message", (event) => {
    const message = event.data;
    if (message.type === "ready") {
      clearTimeout(timer);
      engine.ready = true;
      setEngineState("ready");
      requestCompute();
    } else if (message.type === "failed") {
      clearTimeout(timer);
      failEngine(message.reason);
    } else if (message.type === "result") {
      engine.busy = false;
      render(message.report);
      flush();
    } else if (message.type === "error") {
      engine.busy = false;
      showNotices([`The engine could not compute this scenario: ${message.reason}`]);
      flush();
    }
  });
}

function currentParams() {
  const params = {};
  for (const [name, input] of fields) params[name] = input.value;
  return params;
}

// Coalesce: at most one request in flight; the newest input wins.
function requestCompute(extra = {}) {
  engine.pending = { ...currentParams(), ...extra };
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

function render(report) {
  for (const [name, value] of Object.entries(report.parameters)) {
    const field = fields.get(name);
    if (field && field !== editing) field.value = String(value);
    const slider = sliders.get(name);
    if (!slider) continue;
    if (slider !== document.activeElement) slider.value = valueToSlider(slider, value);
    slider.setAttribute("aria-valuetext", `${value} ${slider.dataset.unit}`);
  }
  for (const [name, value] of Object.entries(report.results)) {
    for (const output of document.querySelectorAll(`[data-output="${name}"]`)) {
      output.dataset.value = value === null ? "" : String(value);
      output.textContent = report.text[name];
    }
  }
  document.querySelector("[data-output-summary]").textContent = report.summary;
  renderTable(report.table);
  showNotices(report.notices);
  writeUrl(report.parameters);
  updateCostChart(report);
}

function renderTable(rows) {
  const body = document.querySelector("[data-curve-table]");
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

function showNotices(notices) {
  noticeBox.replaceChildren(
    ...notices.map((text) => {
      const p = document.createElement("p");
      p.textContent = text;
      return p;
    }),
  );
  noticeBox.hidden = notices.length === 0;
}

function writeUrl(parameters) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) query.set(name, String(value));
  const url = `${location.pathname}?${query}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, "", url);
}

function readUrl() {
  const raw = {};
  for (const [name, value] of new URLSearchParams(location.search)) {
    raw[name] = value;
    const field = fields.get(name);
    if (field) field.value = value;
  }
  return raw;
}

// ---- charts (Chart.js, vendored) ----

let costChart = null;

function cssColor(name) {
  return getComputedStyle(root).getPropertyValue(name).trim();
}

function points(xs, ys) {
  return xs.map((x, i) => ({ x, y: ys[i] }));
}

function costDatasets(report) {
  const r = report.results;
  const breakeven = r.breakeven_inferences;
  const markBreakeven = breakeven !== null && breakeven > 0;
  return [
    points(report.curve.volumes, report.curve.api_monthly),
    points(report.curve.volumes, report.curve.finetuned_monthly),
    markBreakeven ? [{ x: breakeven, y: r.finetuned_monthly }] : [],
    report.parameters.monthly_inferences > 0
      ? [
          { x: report.parameters.monthly_inferences, y: r.api_monthly },
          { x: report.parameters.monthly_inferences, y: r.finetuned_monthly },
        ]
      : [],
  ];
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact" });
const count = new Intl.NumberFormat("en-US", { notation: "compact" });

function createCostChart(report) {
  const canvas = document.getElementById("cost-chart");
  if (!window.Chart || !canvas) return;
  const data = costDatasets(report);
  const api = cssColor("--api");
  const ft = cssColor("--finetuned");
  const ink = cssColor("--ink");
  costChart = new window.Chart(canvas, {
    type: "line",
    data: {
      datasets: [
        { label: "General-purpose API", data: data[0], borderColor: api, backgroundColor: api, pointRadius: 0, borderWidth: 2.5 },
        { label: "Fine-tuned model", data: data[1], borderColor: ft, backgroundColor: ft, pointRadius: 0, borderWidth: 2.5 },
        { label: "Break-even", data: data[2], type: "scatter", pointRadius: 7, pointStyle: "rectRot", borderColor: ink, backgroundColor: ink },
        { label: "Your volume", data: data[3], type: "scatter", pointRadius: 5, borderColor: ink, backgroundColor: "transparent", borderWidth: 2 },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      interaction: { mode: "nearest", intersect: false },
      scales: {
        x: {
          type: "logarithmic",
          title: { display: true, text: "Requests per month (log scale)", color: ink },
          ticks: { color: ink, callback: (v) => (Math.log10(v) % 1 === 0 ? count.format(v) : "") },
          grid: { color: cssColor("--grid") },
        },
        y: {
          type: "logarithmic",
          title: { display: true, text: "USD per month (log scale)", color: ink },
          ticks: { color: ink, callback: (v) => (Math.log10(v) % 1 === 0 ? usd.format(v) : "") },
          grid: { color: cssColor("--grid") },
        },
      },
      plugins: {
        legend: { labels: { color: ink } },
        tooltip: {
          callbacks: {
            title: (items) => `${count.format(items[0].parsed.x)} requests per month`,
            label: (item) => `${item.dataset.label}: ${usd.format(item.parsed.y)} per month`,
          },
        },
      },
    },
  });
}

function updateCostChart(report) {
  if (!costChart) return;
  costDatasets(report).forEach((data, i) => {
    costChart.data.datasets[i].data = data;
  });
  costChart.update("none");
}

function createFactorsChart() {
  const canvas = document.getElementById("factors-chart");
  const source = document.getElementById("factors-data");
  if (!window.Chart || !canvas || !source) return;
  const factors = JSON.parse(source.textContent);
  const ink = cssColor("--ink");
  new window.Chart(canvas, {
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

// ---- wiring ----

function onSlider(event) {
  const slider = event.target;
  const field = fields.get(slider.dataset.param);
  field.value = String(sliderToValue(slider));
  requestCompute();
}

function loadUseCase(event) {
  event.preventDefault();
  const params = JSON.parse(event.currentTarget.dataset.params);
  for (const [name, value] of Object.entries(params)) {
    const field = fields.get(name);
    if (field) field.value = String(value);
  }
  requestCompute();
  document.getElementById("analyzer").scrollIntoView({ behavior: "smooth", block: "start" });
}

function main() {
  const initial = JSON.parse(document.getElementById("initial-report").textContent);
  const fromUrl = readUrl();
  createCostChart(initial);
  createFactorsChart();
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
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const button of document.querySelectorAll("[data-action=load-use-case]")) {
    button.addEventListener("click", loadUseCase);
  }
  engine.pending = { ...currentParams(), ...fromUrl };
  if (Object.keys(fromUrl).length > 0) statusLine.textContent = "Loading the in-browser engine to compute the scenario in the link…";
  startEngine();
}

main();

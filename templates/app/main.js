// Page glue, bundled into app.js: wires the controls to the engine (pycore, in a Web
// Worker) and its answers to the page. It never computes a cost: every number shown
// comes back from pycore.

import { drawChartsWhenIdle, drawChartsWhenNear, redrawCharts, updateCharts } from "./charts.js";
import { renderDecision } from "./decision.js";
import { renderOdds, renderPlanning } from "./planning.js";
import { requestCompute, requestExport, startEngine } from "./engine-client.js";
import { render, showEngineState, showNotices, showView } from "./render.js";
import { copyLink, download, updateEmbedSnippet, writeUrl } from "./share.js";
import { sliderValue } from "./slider.js";
import {
  applyValues,
  currentParams,
  currentReport,
  currentView,
  engineState,
  fields,
  form,
  initial,
  presetValues,
  presets,
  setEditing,
  setEngineState,
  setReport,
  setView,
  sliders,
  viewInUrl,
} from "./state.js";

// What the page does with each of the engine's answers.
const engineHandlers = {
  ready() {
    setEngineState("ready");
    showEngineState();
    drawChartsWhenIdle(); // the boot is over: draw the charts still waiting
  },
  failed(reason) {
    setEngineState("failed");
    showEngineState(
      `The in-browser engine could not start (${reason}). The numbers shown are the defaults ` +
        "computed when this page was built; the inputs are paused.",
    );
    drawChartsWhenIdle();
    applyValues(initial.fields); // the fields show what the results were computed from
    for (const control of form.querySelectorAll("input, select")) control.disabled = true;
    for (const button of document.querySelectorAll("[data-needs-engine]")) button.disabled = true;
  },
  result(report) {
    setReport(report);
    render(report);
    renderDecision(report);
    renderPlanning(report);
    writeUrl(report.parameters);
    updateCharts(report);
  },
  odds(odds) {
    const report = currentReport();
    renderOdds(report, odds);
    updateCharts(report);
  },
  exported: download,
  error(reason) {
    showNotices([`The engine could not compute this scenario: ${reason}`]);
  },
};

// Ask the engine for the scenario the fields hold (and, on load, the link's `query`).
function compute(query = "") {
  requestCompute(currentParams(), query);
}

function switchView(view) {
  setView(view);
  showView();
  // The detailed view's charts are drawn as they come near the viewport
  // (drawChartsWhenNear), and after the boot in idle time, so that a printout has them too.
  if (currentView() === "detailed" && engineState() !== "loading") drawChartsWhenIdle();
}

function onSlider(event) {
  const slider = event.target;
  fields.get(slider.dataset.param).value = String(sliderValue(slider));
  compute();
}

// A preset's values go into the fields; the engine is told which preset they are.
function onPreset(event) {
  const option = event.target.selectedOptions[0];
  applyValues(presetValues.get(option));
  compute();
}

// Editing a value a preset set makes it custom: the engine sees the difference and says so
// (report.parameters), and the menu follows.
function loadUseCase(event) {
  event.preventDefault();
  const button = event.currentTarget;
  const values = JSON.parse(button.dataset.fields); // as the fields hold them, presets named
  applyValues(initial.fields); // start from the defaults, then apply the use case
  applyValues(values);
  for (const [name, select] of presets) select.value = values[name] ?? select.options[0].value;
  compute();
  document.getElementById("analyzer").scrollIntoView({ behavior: "smooth", block: "start" });
}

function main() {
  // The engine boots first, while the page wires its controls and draws its charts.
  setView(viewInUrl());
  compute(location.search);
  startEngine(engineHandlers);
  switchView(currentView());
  drawChartsWhenNear();
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redrawCharts);
  for (const slider of sliders.values()) slider.addEventListener("input", onSlider);
  for (const field of fields.values()) {
    field.addEventListener("input", () => {
      setEditing(field);
      compute();
    });
    field.addEventListener("change", () => {
      setEditing(null);
      compute();
    });
  }
  for (const select of form.querySelectorAll("[data-preset]")) select.addEventListener("change", onPreset);
  for (const radio of document.querySelectorAll("[data-view-switch]")) {
    radio.addEventListener("change", () => {
      switchView(radio.value);
      compute();
    });
  }
  form.addEventListener("submit", (event) => event.preventDefault());
  document.querySelector("[data-action=copy-link]").addEventListener("click", copyLink);
  document
    .querySelector("[data-action=export-csv]")
    .addEventListener("click", () => requestExport("csv", currentParams()));
  document
    .querySelector("[data-action=export-json]")
    .addEventListener("click", () => requestExport("json", currentParams()));
  updateEmbedSnippet();
  for (const button of document.querySelectorAll("[data-action=load-use-case]")) {
    button.addEventListener("click", loadUseCase);
  }
  if (location.search.length > 1 && engineState() === "loading") {
    showEngineState("Loading the in-browser engine to compute the scenario in the link…");
  }
}

main();

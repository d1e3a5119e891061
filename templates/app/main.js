// Page glue, bundled into app.js: wires the controls to the engine (pycore, in a Web
// Worker) and its answers to the page. It never computes a cost: every number shown
// comes back from pycore.

import { drawChartsWhenIdle, drawChartsWhenNear, redrawCharts, updateCharts } from "./charts.js";
import { pin, renderCompare, unpin } from "./compare.js";
import { renderDecision } from "./decision.js";
import { explanationsStale, showExplanations, watchExplanations } from "./explain.js";
import { renderOdds, renderPlanning } from "./planning.js";
import { reportEmbedHeight } from "./embed-size.js";
import { requestCompute, requestExport, startEngine } from "./engine-client.js";
import { markPending, showLinkScenario } from "./link-scenario.js";
import { updateMarker, watchMarker } from "./marker.js";
import { memoStale, printMemo, showMemo } from "./memo.js";
import { missingParts, watchParts } from "./optional-parts.js";
import { render, showEngineState, showNotices, showView } from "./render.js";
import { copyLink, currentLink, download, updateEmbedLinks, writeUrl } from "./share.js";
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
  pinnedQuery,
  presetId,
  presetValues,
  presets,
  setBase,
  setEditing,
  setEngineState,
  setReport,
  setView,
  sliders,
  viewInUrl,
} from "./state.js";
import { acceptTyped, watchTypedText } from "./typed-input.js";
import { loadUseCase } from "./use-cases.js";

let linkPending = false; // the link's scenario is in the inputs, not yet in the results
const marker = document.querySelector("[data-chart-marker]");

// What the page does with each of the engine's answers.
const engineHandlers = {
  ready() {
    setEngineState("ready");
    showEngineState();
  },
  failed(reason) {
    setEngineState("failed");
    const link = linkPending ? ", so the link's scenario could not be computed" : "";
    showEngineState(
      `The in-browser engine could not start (${reason})${link}. The numbers shown are the ` +
        "defaults computed when this page was built; the inputs are paused.",
    );
    drawChartsWhenIdle();
    applyValues(initial.fields); // the fields show what the results were computed from
    for (const [name, select] of presets) {
      select.value = initial.parameters[name] ?? select.options[0].value;
      setBase(name, presetId(select));
    }
    linkPending = false;
    markPending(false);
    for (const control of form.querySelectorAll("input, select")) control.disabled = true;
    for (const button of document.querySelectorAll("[data-needs-engine]")) button.disabled = true;
    marker.hidden = true; // it moves an input that no longer computes
  },
  result(report) {
    // a part whose place is near, left out of this request: ask again, with it
    if (missingParts(report)) compute();
    setReport(report);
    render(report);
    renderDecision(report);
    renderPlanning(report);
    renderCompare(report);
    updateMarker(report);
    writeUrl(report);
    updateCharts(report);
    explanationsStale();
    memoStale();
    if (linkPending) {
      linkPending = false;
      markPending(false);
    }
  },
  odds(odds) {
    const report = currentReport();
    renderOdds(report, odds);
    updateCharts(report);
  },
  exported(format, text) {
    if (format === "memo") showMemo(text);
    else download(format, text);
  },
  explained: showExplanations,
  error(reason) {
    showNotices([`The engine could not compute this scenario: ${reason}`]);
  },
};

// Ask the engine for the scenario the fields hold (and, on load, the link's `query`),
// compared with the pinned one, if any.
function compute(query = "") {
  requestCompute(currentParams(), query, pinnedQuery());
}

function switchView(view) {
  setView(view);
  showView();
  // The detailed view's charts are drawn as they come near the viewport
  // (drawChartsWhenNear), and, once a reader switches to that view, in idle time.
  if (currentView() === "detailed" && engineState() !== "loading") drawChartsWhenIdle();
}

function onSlider(event) {
  const slider = event.target;
  fields.get(slider.dataset.param).value = String(sliderValue(slider));
  compute();
}

// A preset's values go into the fields; the engine is told which preset they are.
function onPreset(event) {
  const select = event.target;
  setBase(select.name, presetId(select));
  applyValues(presetValues.get(select.selectedOptions[0]));
  compute();
}

// Show the notices again when a field's refusal of typed text changes (typed-input.js).
function showRefusals() {
  const report = currentReport();
  showNotices(report.notices, report.field_notices);
}

function main() {
  // The engine boots first, while the page wires its controls and draws its charts.
  setView(viewInUrl());
  linkPending = showLinkScenario(); // the link's values in the inputs at once
  compute(location.search);
  startEngine(engineHandlers);
  switchView(currentView());
  if (linkPending && engineState() === "loading") markPending(true);
  reportEmbedHeight();
  drawChartsWhenNear();
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redrawCharts);
  for (const slider of sliders.values()) slider.addEventListener("input", onSlider);
  for (const field of fields.values()) {
    // Editing a value a preset set makes it custom: the engine sees the difference and
    // says so (report.parameters), and the menu follows.
    field.addEventListener("input", () => {
      setEditing(field);
      if (acceptTyped(field, false)) compute();
      else showRefusals();
    });
    field.addEventListener("change", () => {
      setEditing(null);
      if (acceptTyped(field, true)) compute();
      else showRefusals();
    });
    watchTypedText(field, showRefusals);
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
  document
    .querySelector("[data-action=export-md]")
    .addEventListener("click", () => requestExport("md", currentParams(), currentLink()));
  document.querySelector("[data-action=print-memo]").addEventListener("click", printMemo);
  document.querySelector("[data-action=pin-scenario]").addEventListener("click", () => {
    pin();
    compute();
  });
  document.querySelector("[data-action=unpin-scenario]").addEventListener("click", () => {
    unpin();
    compute();
  });
  watchMarker();
  watchParts(() => {
    if (missingParts(currentReport())) compute();
  });
  watchExplanations();
  updateEmbedLinks();
  for (const button of document.querySelectorAll("[data-action=load-use-case]")) {
    button.addEventListener("click", (event) => loadUseCase(event, compute));
  }
  if (location.search.length > 1 && engineState() === "loading") {
    showEngineState("Loading the in-browser engine to compute the scenario in the link…");
  }
}

main();

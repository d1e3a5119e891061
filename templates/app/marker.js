// The volume marker on the cost chart ([data-chart-marker], role="slider"): a handle on a
// line at your monthly volume, placed from the chart's own scales after each drawing. It
// can be dragged (mouse, pen or touch: pointer events; a mouse press elsewhere on the chart
// jumps there) and moved with the keys when focused: the arrows by a hundredth of the
// range, Page Up and Page Down by a tenth, Home and End to the ends. It moves the volume
// slider, whose log scale and bounds it shares (slider.js), and the page recomputes as for
// the slider itself.

import { sliderPosition } from "./slider.js";
import { currentReport, engineState, sliders } from "./state.js";

const canvas = document.getElementById("cost-chart");
const marker = document.querySelector("[data-chart-marker]");
const KEY_STEPS = { ArrowRight: 10, ArrowUp: 10, ArrowLeft: -10, ArrowDown: -10, PageUp: 100, PageDown: -100 };
let dragging = null; // {pointer, volume} while the marker is dragged

function drawnChart() {
  return window.Chart ? window.Chart.getChart(canvas) : undefined;
}

// Put the volume slider at `position` (its own units: log10 of the volume) and let the
// page react as to the slider (main.js: the field, then the engine).
function moveSlider(position) {
  const slider = sliders.get("monthly_inferences");
  const before = slider.value;
  slider.value = String(position); // the browser keeps it on the slider's steps and bounds
  if (slider.value !== before) slider.dispatchEvent(new Event("input", { bubbles: true }));
}

// Place the marker at `volume` (requests a month) on the drawn chart's x scale.
function place(chart, volume) {
  const area = chart.chartArea;
  const x = Math.min(Math.max(chart.scales.x.getPixelForValue(volume), area.left), area.right);
  marker.style.left = `${x}px`;
  marker.style.top = `${area.top}px`;
  marker.style.height = `${area.bottom - area.top}px`;
  marker.hidden = engineState() === "failed"; // with no engine the inputs are paused
}

// After each drawing of the chart: follow the scenario's volume (or the pointer's).
function follow() {
  const chart = drawnChart();
  if (!chart) return;
  place(chart, dragging ? dragging.volume : currentReport().parameters.monthly_inferences);
}

// Say the marker's value: the volume and both monthly costs, as the report writes them.
export function updateMarker(report) {
  const volume = report.parameters.monthly_inferences;
  marker.setAttribute("aria-valuenow", String(volume));
  marker.setAttribute(
    "aria-valuetext",
    `${volume} requests per month: the API ${report.text.api_monthly}, ` +
      `the fine-tuned model ${report.text.finetuned_monthly} a month`,
  );
}

function dragTo(event) {
  const chart = drawnChart();
  if (!chart) return;
  const area = chart.chartArea;
  const x = Math.min(Math.max(event.clientX - canvas.getBoundingClientRect().left, area.left), area.right);
  const volume = chart.scales.x.getValueForPixel(x);
  dragging.volume = volume;
  place(chart, volume);
  moveSlider(sliderPosition(sliders.get("monthly_inferences"), volume));
}

function startDrag(event) {
  if (event.button !== 0 || !drawnChart()) return;
  event.preventDefault();
  dragging = { pointer: event.pointerId, volume: currentReport().parameters.monthly_inferences };
  marker.setPointerCapture(event.pointerId);
  marker.classList.add("dragging");
  marker.focus({ preventScroll: true });
  dragTo(event);
}

function endDrag(event) {
  if (!dragging || event.pointerId !== dragging.pointer) return;
  dragging = null;
  marker.classList.remove("dragging");
  if (marker.hasPointerCapture(event.pointerId)) marker.releasePointerCapture(event.pointerId);
  follow();
}

function onKey(event) {
  const slider = sliders.get("monthly_inferences");
  const step = Number(slider.step);
  const position = Number(slider.value);
  let next;
  if (event.key in KEY_STEPS) next = position + KEY_STEPS[event.key] * step;
  else if (event.key === "Home") next = Number(slider.min);
  else if (event.key === "End") next = Number(slider.max);
  else return;
  event.preventDefault();
  moveSlider(next);
}

export function watchMarker() {
  canvas.addEventListener("chartrender", follow);
  marker.addEventListener("pointerdown", startDrag);
  marker.addEventListener("pointermove", (event) => {
    if (dragging && event.pointerId === dragging.pointer) dragTo(event);
  });
  marker.addEventListener("pointerup", endDrag);
  marker.addEventListener("pointercancel", endDrag);
  marker.addEventListener("keydown", onKey);
  // A mouse press on the chart moves the marker there and drags it (touch scrolls the page).
  canvas.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse") startDrag(event);
  });
}

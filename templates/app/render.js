// Rendering: shows a report from pycore, the view, the engine's state and the notices.
// It reads the page's state (state.js) and writes the DOM; it never computes a number.

import { outputsOf, replaceWhenChanged, setAttr, setHidden, setOutput, setText } from "./dom.js";
import { sliderPosition } from "./slider.js";
import {
  currentView,
  editingField,
  engineState,
  fields,
  form,
  inView,
  presets,
  refusalOf,
  sliders,
} from "./state.js";

const statusLine = document.querySelector("[data-engine-status]");
const noticeBox = document.querySelector("[data-notices]");

// Show the parts of the page that belong to the current view, and hide the others.
export function showView() {
  const view = currentView();
  const detailed = view === "detailed";
  for (const element of document.querySelectorAll("[data-detailed]")) element.hidden = !detailed;
  for (const element of document.querySelectorAll("[data-view-only]")) {
    element.hidden = element.dataset.viewOnly !== view;
  }
  for (const radio of document.querySelectorAll("[data-view-switch]")) {
    radio.checked = radio.value === view;
  }
}

// The status line says how the engine is doing (`message`, when given); hidden once ready.
export function showEngineState(message) {
  if (message !== undefined) statusLine.textContent = message;
  statusLine.hidden = engineState() === "ready";
}

export function render(report) {
  for (const [name, value] of Object.entries(report.fields)) {
    if (inView(name)) setParameter(name, value);
  }
  for (const [name, value] of Object.entries(report.results)) {
    for (const output of outputsOf(name)) {
      setOutput(output, value, report.text[name]);
      const unit = output.parentElement.querySelector(".unit");
      if (unit) setHidden(unit, value === null);
    }
  }
  for (const copy of document.querySelectorAll("[data-live]")) setText(copy, report.text[copy.dataset.live]);
  // the compact bar's verdict: the recommendation, as the verdict sentence opens
  setText(document.querySelector("[data-live-verdict]"), report.verdict.split(":")[0]);
  for (const digest of form.querySelectorAll("[data-digest]")) {
    setText(digest, report.digests[digest.dataset.digest] ?? "");
  }
  markInactive(report.inactive);
  syncPresets(report);
  setText(document.querySelector("[data-output-summary]"), report.summary);
  setText(document.querySelector("[data-output-latency-summary]"), report.latency_summary);
  setText(document.querySelector("[data-output-horizon-summary]"), report.horizon_summary);
  fillRows(document.querySelector("[data-curve-table]"), report.table);
  fillRows(document.querySelector("[data-timeline-table]"), report.timeline.table);
  if (report.sensitivity) {
    // left out (null) while its place is out of view: the rows shown stay until it comes
    fillRows(
      document.querySelector("[data-sensitivity-table]"),
      report.sensitivity.map((bar) => [
        bar.label,
        `${bar.text.low_value}; ${bar.text.savings_low}; ${bar.text.breakeven_low}`,
        `${bar.text.high_value}; ${bar.text.savings_high}; ${bar.text.breakeven_high}`,
      ]),
    );
  }
  showNotices(report.notices, report.field_notices);
}

// The number field being typed in is not rewritten until its change event, so that a
// half-typed value ("1e") is not replaced under the cursor; nor is one holding text that
// is not a number (badInput), which stays for the reader to correct beside its message.
// `value` is as the field holds it (report.fields: shares in percent).
function setParameter(name, value) {
  const field = fields.get(name);
  const text = value === null ? "" : String(value);
  if (field && field !== editingField() && !field.validity.badInput && field.value !== text) {
    field.value = text;
  }
  const slider = sliders.get(name);
  if (!slider) return;
  if (value === null) {
    setAttr(slider, "aria-valuetext", slider.dataset.offText);
    return;
  }
  const position = String(sliderPosition(slider, value));
  if (!moving(slider) && slider.value !== position) slider.value = position;
  setAttr(slider, "aria-valuetext", `${value} ${slider.dataset.unit}`);
}

// Open the group of inputs (a closed <details>) that holds `control`.
export function openGroupOf(control) {
  const group = control.closest("details.group");
  if (group) group.open = true;
}

// Whether `slider` is being moved: focused, or moved through a control that says it moves
// it (data-moves: the cost chart's volume marker). An older answer does not put it back.
function moving(slider) {
  const active = document.activeElement;
  return active === slider || (active !== null && active.dataset.moves === slider.dataset.param);
}

// Inputs that the current pricing or hosting mode does not use are dimmed, as the
// engine says (report.inactive); the simple view uses all three of its inputs.
function markInactive(inactive) {
  const off = new Set(currentView() === "detailed" ? inactive : []);
  for (const [name, field] of fields) {
    field.closest(".field").classList.toggle("inactive", off.has(name));
  }
}

// Each preset menu shows the preset the engine names (report.parameters), else whether the
// feature is off (per-request pricing, fixed hosting: report.mode) or custom.
const OFF_CHOICES = { api_model: ["api_pricing", "per_request", "per-request"], gpu_model: ["hosting", "fixed", "fixed"] };

function syncPresets(report) {
  for (const [name, select] of presets) {
    const [mode, off, choice] = OFF_CHOICES[name];
    select.value = report.parameters[name] ?? (report.mode[mode] === off ? choice : "custom");
    // which values of a custom scenario are still the preset's, as pycore says
    const note = document.querySelector(`[data-preset-note="${name}"]`);
    if (note) {
      setText(note, report.presets[name].note);
      setHidden(note, !report.presets[name].note);
    }
  }
}

// Replace the rows of a table body `body` with `rows`, each a list of cell texts.
export function fillRows(body, rows) {
  replaceWhenChanged(body, rows, () =>
    rows.map((row) => {
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

// The page's notices, and each field's own (`byField`: parameter name -> message). A
// field's notice shows beside the field only; the box below the form keeps the notices
// of no field in view (an unknown setting, a detailed input in the simple view). Text the
// field refused (typed-input.js) is said beside it instead of the engine's notice.
export function showNotices(notices, byField = {}) {
  const editing = editingField();
  const beside = new Set();
  for (const box of form.querySelectorAll("[data-field-notice]")) {
    const name = box.dataset.fieldNotice;
    // no verdict on a value still being typed ("1e"): it comes with the change event
    const typing = editing && editing.name === name;
    const own = byField[name];
    if (own && inView(name)) beside.add(own);
    const message = refusalOf(name) || (typing ? "" : own);
    setText(box, message || "");
    setHidden(box, !message);
    const field = fields.get(name);
    if (message) setAttr(field, "aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
    if (message) openGroupOf(field); // a closed group would hide the message
  }
  const rest = notices.filter((text) => !beside.has(text));
  replaceWhenChanged(noticeBox, rest, () =>
    rest.map((text) => {
      const p = document.createElement("p");
      p.textContent = text;
      return p;
    }),
  );
  setHidden(noticeBox, rest.length === 0);
}

// The page's state, in one place: the form's controls, the view, the engine's state, the
// number field being typed in, the pinned scenario, and the report on show. Other modules read it here rather
// than from the DOM; the attributes that CSS and tests read (<html data-engine>,
// <form data-view>) are written here as the state changes.

// First: it puts the detailed view's inputs in the form before the lookups below run.
import { detailedInputs } from "./detailed-inputs.js";
import { sliderPosition } from "./slider.js";

export const root = document.documentElement;
export const form = document.querySelector("[data-analyzer]");
// The forms whose fields make the scenario: the analyzer, and elsewhere on the page (the
// pilot's inputs) forms marked data-scenario-extra, whose fields every view sends.
const extras = [...document.querySelectorAll("[data-scenario-extra]")];
const extraNames = new Set(
  extras.flatMap((extra) => [...extra.querySelectorAll("input[type=number][name]")].map((i) => i.name)),
);
export const fields = new Map(
  [form, ...extras].flatMap((container) =>
    [...container.querySelectorAll("input[type=number][name]")].map((input) => [input.name, input]),
  ),
);
// The menus of the preset parameters (api_model, gpu_model): an option with data-preset-id
// names a preset; the others ("per-request", "fixed", "custom") mean no preset.
export const presets = new Map(
  [...form.querySelectorAll("select[data-preset]")].map((select) => [select.name, select]),
);
export const sliders = new Map(
  [form, ...extras].flatMap((container) =>
    [...container.querySelectorAll("input[type=range][data-param]")].map((s) => [s.dataset.param, s]),
  ),
);
const simpleNames = new Set(
  [...form.querySelectorAll("[data-group=simple] input[type=number][name]")].map((i) => i.name),
);
// The build's report of the default scenario, pre-rendered into the page.
export const initial = JSON.parse(document.getElementById("initial-report").textContent);
// The values each preset option sets (as the fields hold them), parsed once.
export const presetValues = new Map(
  [...form.querySelectorAll("[data-preset] option")].map((o) => [o, JSON.parse(o.dataset.values)]),
);

const state = {
  view: form.dataset.view, // "simple" (the seed's three inputs) or "detailed" (every group)
  engine: root.dataset.engine, // "loading", "ready" or "failed"
  editing: null, // the number field being typed in, until its change event
  report: initial, // the latest report from pycore
  // the pinned scenario A, compared with the one on show: its query string ("?name=value&...")
  // as the URL's `pinned` parameter carries it, or null
  pinned: new URLSearchParams(location.search).get("pinned") || null,
};

// The view a link asks for (?view=detailed), else the simple view.
export function viewInUrl() {
  return new URLSearchParams(location.search).get("view") === "detailed" ? "detailed" : "simple";
}

export function currentView() {
  return state.view;
}

// Without the detailed view's inputs (detailed-inputs.js), every view is the simple one.
export function setView(view) {
  state.view = view === "detailed" && detailedInputs ? "detailed" : "simple";
  form.dataset.view = state.view;
}

// Whether parameter `name` belongs to the current view: the simple view uses only the
// seed's inputs, so its numbers never depend on hidden detailed fields.
export function inView(name) {
  return state.view === "detailed" || simpleNames.has(name) || extraNames.has(name);
}

// The parameters the current view sends to the engine, as the fields hold them (shares
// in percent), with the preset each menu started from ("" for none). A field holding text that
// is not a number (badInput, refused by typed-input.js) counts as its last number, as the
// latest report has it, not as empty.
export function currentParams() {
  const params = {};
  for (const [name, input] of fields) {
    if (!inView(name)) continue;
    const last = state.report.fields[name];
    params[name] = input.validity.badInput ? (last === null ? "" : String(last)) : input.value;
  }
  for (const name of presets.keys()) {
    if (inView(name)) params[name] = bases.get(name) ?? "";
  }
  return params;
}

// The preset a menu names, or "" when its choice is not a preset.
export function presetId(select) {
  const option = select.selectedOptions[0];
  return option && option.hasAttribute("data-preset-id") ? option.value : "";
}

// The preset each menu started from: the one last chosen (from the menu, a link or a use
// case), kept while the menu shows "custom" because a value it sets was changed, so that
// the engine keeps the preset's other values and names the preset again once every value
// is the preset's; "" when the choice is not a preset.
const bases = new Map([...presets].map(([name, select]) => [name, presetId(select)]));

export function setBase(name, id) {
  bases.set(name, id);
}

export function engineState() {
  return state.engine;
}

export function setEngineState(engine) {
  state.engine = engine;
  root.dataset.engine = engine;
}

export function editingField() {
  return state.editing;
}

export function setEditing(field) {
  state.editing = field;
}

export function pinnedQuery() {
  return state.pinned;
}

export function setPinned(query) {
  state.pinned = query || null;
}

export function currentReport() {
  return state.report;
}

export function setReport(report) {
  state.report = report;
}

// Put `values` (parameter name -> value as the field holds it, null for empty) into the
// number fields and their sliders.
export function applyValues(values) {
  for (const [name, value] of Object.entries(values)) {
    const field = fields.get(name);
    if (field) field.value = value === null ? "" : String(value);
    const slider = sliders.get(name);
    if (slider && value !== null && value !== "") slider.value = sliderPosition(slider, Number(value));
  }
}

// Text a number field could not hold (typed-input.js): parameter name -> {message, kind},
// kind "text" (characters refused as typed or pasted) or "unfinished" (the browser's
// badInput, such as "8e"). Shown beside the field instead of the engine's notice.
const refusals = new Map();

export function refuse(name, message, kind) {
  refusals.set(name, { message, kind });
}

export function clearRefusal(name) {
  refusals.delete(name);
}

// The message refusing what field `name` holds, or "". An unfinished number stops being
// refused once the field holds a number again (the engine's answer rewrote it).
export function refusalOf(name) {
  const refusal = refusals.get(name);
  if (!refusal) return "";
  if (refusal.kind === "unfinished" && !fields.get(name).validity.badInput) {
    refusals.delete(name);
    return "";
  }
  return refusal.message;
}

// Loading a use case into the analyzer. A card's button carries the use case's own
// scenario for its view (data-fields: the fields of the groups it sets, presets named, as
// the fields hold them; built by sitegen/pagedata.py) and the headings of the groups it
// leaves alone (data-kept: the reader's upfront cost, horizon and growth). Only those
// values change; a short status line names the groups whose inputs changed and those
// kept, and the keyboard focus moves to the analyzer's heading.

import { applyValues, fields, presetId, presets, setBase } from "./state.js";

const statusLine = document.querySelector("[data-load-status]");
const heading = document.getElementById("analyzer-title");

// What each input holds now, and the heading of its group, by parameter name.
function snapshot() {
  const inputs = new Map();
  for (const [name, control] of [...fields, ...presets]) {
    const group = control.closest("fieldset").querySelector("legend").textContent.trim();
    inputs.set(name, { group, value: control.value });
  }
  return inputs;
}

// Put the use case's `values` into the fields and the preset menus it names.
function apply(values) {
  for (const [name, value] of Object.entries(values)) {
    const select = presets.get(name);
    if (select) {
      select.value = value ?? select.options[0].value; // none named: not a preset
      setBase(name, presetId(select));
    } else applyValues({ [name]: value });
  }
}

// The click (or Enter) on a card's "Load into the analyzer": apply its scenario, say what
// changed, focus the analyzer, and ask the engine (`compute`) for the new numbers.
export function loadUseCase(event, compute) {
  event.preventDefault();
  const button = event.currentTarget;
  const before = snapshot();
  apply(JSON.parse(button.dataset.fields));
  const changed = new Set(); // group headings, in page order
  for (const [name, after] of snapshot()) {
    if (after.value !== before.get(name).value) changed.add(after.group);
  }
  const kept = JSON.parse(button.dataset.kept);
  const what = changed.size
    ? `Changed inputs under: ${[...changed].join("; ")}.`
    : "The analyzer already held it.";
  statusLine.textContent =
    `Loaded the use case “${button.dataset.title}”. ${what}` +
    (kept.length ? ` Kept yours under: ${kept.join("; ")}.` : "");
  compute();
  heading.focus({ preventScroll: true });
  heading.closest("section").scrollIntoView({ behavior: "smooth", block: "start" });
}

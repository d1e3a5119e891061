// A shared link, shown at once. The page is built with the default scenario's numbers;
// until the engine has computed the link's scenario, the inputs take the link's values
// and the results are marked pending (dimmed by style.css, aria-busy), so that nobody
// reads the defaults as the link's numbers. The engine's first answer, or its failure,
// ends the wait (main.js). The link's values are in the URL's units: a field's
// data-page-scale (100 for shares, put there by the build) converts them, rounded as pycore
// rounds a field (12 significant digits). Values that are not numbers stay for the engine
// to repair and explain. A group of inputs closed by default opens where the link sets a
// value of its own.

import { openGroupOf } from "./render.js";
import { applyValues, fields, initial, inView, presetValues, presets, setBase } from "./state.js";

// What shows results of the scenario: marked pending together.
const PENDING = ".answer, .options-panel, .outputs, .live-summary, #analyzer .chart-figure";
// Keys of the query string that are page settings, not the scenario (pycore's PAGE_KEYS).
const PAGE_KEYS = ["view", "pinned"];

function fieldValue(field, raw) {
  const value = Number(raw.replaceAll(",", "")); // pycore reads "10,000,000" as a number
  if (raw.trim() === "" || !Number.isFinite(value)) return null;
  return String(Number((value * Number(field.dataset.pageScale || 1)).toPrecision(12)));
}

// Put the link's scenario into the inputs of the current view: a named preset's values
// first, then the link's own values, the last of a repeated one winning (as in pycore).
// Returns whether the link holds any parameter, so the results wait for the engine.
export function showLinkScenario(search = location.search) {
  const query = new URLSearchParams(search);
  let scenario = false;
  for (const [name, select] of presets) {
    const id = query.get(name);
    if (id === null) continue;
    scenario = true;
    const option = [...select.options].find((o) => o.value === id && o.hasAttribute("data-preset-id"));
    if (!option || !inView(name)) continue;
    select.value = id;
    setBase(name, id);
    applyValues(presetValues.get(option));
  }
  for (const [name, field] of fields) {
    const raw = query.getAll(name).at(-1);
    if (raw === undefined) continue;
    scenario = true;
    const value = inView(name) ? fieldValue(field, raw) : null;
    if (value === null) continue;
    applyValues({ [name]: value });
    // a value of the link's own, not the default, shows in its group, opened
    if (Number(value) !== initial.fields[name]) openGroupOf(field);
  }
  return scenario || [...query.keys()].some((name) => !PAGE_KEYS.includes(name));
}

// Mark the results pending (dimmed, aria-busy) or done.
export function markPending(pending) {
  for (const element of document.querySelectorAll(PENDING)) {
    if (pending) element.setAttribute("aria-busy", "true");
    else element.removeAttribute("aria-busy");
  }
}

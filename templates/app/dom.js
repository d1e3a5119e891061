// Writing the DOM only where something changed. Each report rewrites about a hundred texts,
// attributes and table rows, most of them as they were; skipping those keeps the style and
// layout work of an input to what moved (the page's input-to-update time, BENCHMARKS.md).

export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

export function setAttr(node, name, value) {
  if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

export function setHidden(node, hidden) {
  if (node.hidden !== hidden) node.hidden = hidden;
}

// A result's outputs: its value in data-value (raw) and its text.
export function setOutput(output, value, text) {
  const raw = value === null ? "" : String(value);
  if (output.dataset.value !== raw) output.dataset.value = raw;
  setText(output, text);
}

// The elements [data-output=NAME] of each NAME, looked up once (the page's outputs never
// change; detailed-inputs.js has put every part of the form in place before this runs).
let outputs = null;
export function outputsOf(name) {
  if (outputs === null) {
    outputs = new Map();
    for (const output of document.querySelectorAll("[data-output]")) {
      const list = outputs.get(output.dataset.output) ?? [];
      list.push(output);
      outputs.set(output.dataset.output, list);
    }
  }
  return outputs.get(name) ?? [];
}

// Replace `parent`'s children with `make()`'s, unless `data` (what they show, as JSON-able
// values) is what they were made from last time.
const madeFrom = new WeakMap();
export function replaceWhenChanged(parent, data, make) {
  const key = JSON.stringify(data);
  if (madeFrom.get(parent) === key) return;
  madeFrom.set(parent, key);
  parent.replaceChildren(...make());
}

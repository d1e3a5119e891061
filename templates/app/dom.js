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

// Give `parent` the children `make()` returns, unless `data` (what they show, as JSON-able
// values) is what they were made from last time. The children already there are updated
// in place where they have the same shape (a table row whose figures changed keeps its
// cells, and only their texts change), so an input lays out what moved, not a new table.
// For plain content: elements, attributes and texts, no listeners or form state.
const madeFrom = new WeakMap();
export function replaceWhenChanged(parent, data, make) {
  const key = JSON.stringify(data);
  if (madeFrom.get(parent) === key) return;
  madeFrom.set(parent, key);
  morphChildren(parent, make());
}

function morphChildren(parent, fresh) {
  const old = [...parent.childNodes];
  fresh.forEach((node, index) => {
    if (index < old.length) morph(old[index], node);
    else parent.append(node);
  });
  for (const extra of old.slice(fresh.length)) extra.remove();
}

function morph(node, fresh) {
  if (node.nodeType !== fresh.nodeType || node.nodeName !== fresh.nodeName) {
    node.replaceWith(fresh);
  } else if (node.nodeType === Node.TEXT_NODE) {
    if (node.data !== fresh.data) node.data = fresh.data;
  } else {
    for (const name of node.getAttributeNames()) {
      if (!fresh.hasAttribute(name)) node.removeAttribute(name);
    }
    for (const name of fresh.getAttributeNames()) setAttr(node, name, fresh.getAttribute(name));
    morphChildren(node, [...fresh.childNodes]);
  }
}

// "How this is computed", under each result: pycore's formula, the same with the scenario's
// own numbers, and every input it used with its source and date (pycore's explain_json).
// Too big to come with every report, the explanations are asked for when a reader opens
// one, and again after each new result while any is open.

import { requestExplain } from "./engine-client.js";

const disclosures = [...document.querySelectorAll("details[data-explain]")];
let latest = null; // the explanations of the scenario on show, or null until they come
let asked = false; // asked for them already (one request for any number of disclosures)

function ask() {
  if (asked) return;
  asked = true;
  requestExplain();
}

function paragraph(className, text) {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  return p;
}

// Write result `details.dataset.explain`'s explanation into its disclosure.
function fill(details) {
  const explained = latest[details.dataset.explain];
  if (!explained) return;
  const parts = [
    paragraph("formula", explained.formula),
    paragraph("with-numbers", explained.with_numbers),
  ];
  if (explained.inputs.length) {
    const list = document.createElement("ul");
    for (const input of explained.inputs) {
      const item = document.createElement("li");
      const name = document.createElement("strong");
      name.textContent = input.label;
      item.append(name, `: ${input.value}. ${input.source}`);
      list.append(item);
    }
    parts.push(list);
  }
  details.querySelector("[data-explain-body]").replaceChildren(...parts);
}

function anyOpen() {
  return disclosures.some((details) => details.open);
}

export function watchExplanations() {
  for (const details of disclosures) {
    details.addEventListener("toggle", () => {
      if (!details.open) return;
      if (latest) fill(details);
      else ask();
    });
  }
}

// A new result: the explanations on show are out of date; ask again if any is open.
export function explanationsStale() {
  latest = null;
  asked = false;
  if (anyOpen()) ask();
}

// The engine's explanations (result name -> {formula, with_numbers, inputs}).
export function showExplanations(explained) {
  latest = explained;
  asked = false;
  for (const details of disclosures) {
    if (details.open) fill(details);
  }
}

// Planning: writes pycore's pilot plan and, when the simulation's odds arrive as their own
// message, its results, histogram table and summary (templates pre-render the same).

import { outputsOf, setOutput, setText } from "./dom.js";
import { fillRows } from "./render.js";

function fillOddsTable(uncertainty) {
  const body = document.querySelector("[data-odds-table]");
  if (!body) return;
  const rows = uncertainty
    ? uncertainty.counts.map((count, index) => [uncertainty.labels[index], String(count)])
    : [];
  fillRows(body, rows);
}

const NO_RANGE =
  "Give a range to an input under \u201cWhat you are unsure of\u201d to see the odds that fine-tuning pays off.";

export function renderPlanning(report) {
  for (const part of ["run", "cost", "limits"]) {
    const paragraph = document.querySelector(`[data-pilot-${part}]`);
    if (paragraph) setText(paragraph, report.pilot.text[part]);
  }
  const summary = document.querySelector("[data-odds-summary]");
  if (summary && !report.uncertainty) {
    setText(summary, report.uncertainty_pending ? "Simulating 10,000 draws\u2026" : NO_RANGE);
  }
  if (!report.uncertainty) fillOddsTable(null);
}

// The simulation's answer: its results into their outputs, the table and the summary. The
// report on show takes them in, so the charts can draw them.
export function renderOdds(report, odds) {
  Object.assign(report.results, odds.results);
  Object.assign(report.text, odds.text);
  report.uncertainty = odds.uncertainty;
  for (const [name, value] of Object.entries(odds.results)) {
    for (const output of outputsOf(name)) setOutput(output, value, odds.text[name]);
  }
  fillOddsTable(odds.uncertainty);
  const summary = document.querySelector("[data-odds-summary]");
  if (summary) setText(summary, odds.uncertainty.summary);
}

// Comparing scenarios: "Pin" keeps the scenario on show as A (its query string, which the
// URL carries as `pinned`, so a shared link restores the comparison); every report then
// holds pycore's comparison of A with the scenario on show (report.compare), shown here as
// a table with the differences and A's verdict. The cost chart draws A's lines dashed
// (chart-specs.js). Nothing is computed here.

import { currentReport, pinnedQuery, setPinned } from "./state.js";
import { scenarioQuery } from "./share.js";

const panel = document.querySelector("[data-compare]");
const pinButton = document.querySelector("[data-action=pin-scenario]");
const unpinButton = document.querySelector("[data-action=unpin-scenario]");
const PIN = "Pin this scenario as A to compare";
const REPIN = "Pin this one as A instead";

// Pin the scenario on show as A.
export function pin() {
  setPinned(`?${scenarioQuery(currentReport())}`);
  showPinControls();
}

export function unpin() {
  setPinned(null);
  showPinControls();
  panel.hidden = true;
  pinButton.focus(); // the unpin button hides under the keyboard focus
}

function showPinControls() {
  const pinned = pinnedQuery() !== null;
  pinButton.textContent = pinned ? REPIN : PIN;
  unpinButton.hidden = !pinned;
}

function row(cells) {
  const tr = document.createElement("tr");
  cells.forEach((text, index) => {
    const cell = document.createElement(index === 0 ? "th" : "td");
    if (index === 0) cell.scope = "row";
    cell.textContent = text;
    tr.append(cell);
  });
  return tr;
}

// Show the report's comparison with A, or hide the panel when nothing is pinned.
export function renderCompare(report) {
  showPinControls();
  const compare = report.compare;
  panel.hidden = !compare || pinnedQuery() === null;
  if (panel.hidden) return;
  panel.querySelector("[data-compare-verdict]").textContent = compare.verdict;
  panel.querySelector("[data-compare-body]").replaceChildren(...compare.rows.map(row));
}

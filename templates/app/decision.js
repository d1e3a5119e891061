// The decision: writes pycore's verdict, options table, API ranking and factors summary
// into the page (templates/_decision.html.j2 pre-renders the same). It computes nothing.

import { replaceWhenChanged, setAttr, setText } from "./dom.js";

function cell(tag, text, attributes = {}) {
  const element = document.createElement(tag);
  element.textContent = text;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

// The option's name, a "recommended" badge, and the constraints it misses.
function optionName(row) {
  const th = cell("th", row.name, { scope: "row" });
  if (row.recommended) {
    th.append(" ", cell("strong", "recommended", { class: "badge" }));
  }
  if (row.text.misses) th.append(cell("span", row.text.misses, { class: "misses" }));
  return th;
}

// The options table's column headings after the option's name: each cell carries its own
// (data-label), which phones show beside the value.
const optionColumns = [...document.querySelectorAll("table[data-options] thead th")]
  .slice(1)
  .map((th) => th.textContent);

function optionRow(row) {
  const tr = document.createElement("tr");
  tr.dataset.option = row.id;
  if (row.recommended) tr.dataset.recommended = "";
  tr.append(
    optionName(row),
    ...[
      row.text.monthly_with_failures,
      row.text.cost_per_1k_success,
      row.text.success_rate,
      row.text.p95_ms,
      row.text.upfront,
      row.text.payback_months,
      row.data_leaves_cloud,
      row.operations,
    ].map((text, index) => cell("td", text, { "data-label": optionColumns[index] })),
  );
  return tr;
}

function rankingRow(row) {
  const tr = document.createElement("tr");
  tr.dataset.apiModel = row.id;
  if (row.chosen) tr.dataset.chosen = "";
  const th = cell("th", row.name, { scope: "row" });
  if (row.chosen) th.append(" ", cell("strong", "chosen", { class: "badge" }));
  tr.append(
    th,
    ...[row.tier, row.text.monthly, row.text.cost_per_1k, row.text.self_hosting_cheaper_above].map(
      (text) => cell("td", text),
    ),
  );
  return tr;
}

export function renderDecision(report) {
  const verdict = document.querySelector("[data-verdict]");
  setText(verdict, report.verdict);
  setAttr(verdict, "data-recommended", report.recommended ?? "");
  const options = document.querySelector("[data-options-body]");
  replaceWhenChanged(options, report.options, () => report.options.map(optionRow));
  const ranking = document.querySelector("[data-api-ranking-body]");
  if (report.api_ranking) {
    // left out (null) while its place is out of view: the rows shown stay until it comes
    replaceWhenChanged(ranking, report.api_ranking, () => report.api_ranking.map(rankingRow));
  }
  setText(document.querySelector("[data-factors-summary]"), report.factors.summary);
}

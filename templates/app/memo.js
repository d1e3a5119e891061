// The decision memo ([data-memo], templates/_memo.html.j2): what the page prints. The build
// pre-renders it for the default scenario; here its slots take pycore's memo of the
// scenario on show (the engine's "memo" export): after the results have settled for a
// while, so that a plain Ctrl+P prints the scenario too, and at once for "Print the
// decision memo", which then opens the print dialog. The cost and horizon charts go in as
// images drawn off screen in the memo's own colours (charts.js), each table staying when
// its chart cannot be drawn. Nothing is computed here.

import { chartImages } from "./charts.js";
import { engineIdle, requestExport } from "./engine-client.js";
import { fillRows } from "./render.js";
import { currentLink } from "./share.js";
import { currentParams, currentReport, engineState } from "./state.js";

const memo = document.querySelector("[data-memo]");
const SETTLED_MS = 2000; // quiet time after the last result before the memo follows it
const CHARTS = { cost: "cost", timeline: "timeline" }; // memo figure -> chart (chart-specs.js)
let timer = null;
// the fields of the memo on the page, as JSON: at first the build's (the default scenario)
let asked = JSON.stringify(currentParams());
let printing = false; // "Print the decision memo" waits for the memo

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

// The assumptions: a heading for each group, then one line for each input.
function assumptionLines(assumptions) {
  const lines = [];
  assumptions.forEach(([group, label, value, source], index) => {
    if (index === 0 || assumptions[index - 1][0] !== group) lines.push(element("h3", group));
    const line = document.createElement("p");
    line.append(element("strong", label), `: ${value}. ${source}`);
    lines.push(line);
  });
  return lines;
}

// Fill the memo's slots with pycore's memo parts (export "memo"), for the page at `link`.
function fillMemo(parts, link) {
  for (const slot of memo.querySelectorAll("[data-memo-part]")) {
    const text = parts[slot.dataset.memoPart];
    slot.textContent = text || "";
    slot.hidden = !text;
  }
  const tables = { ...parts, options: parts.options.rows };
  for (const body of memo.querySelectorAll("[data-memo-rows]")) {
    fillRows(body, tables[body.dataset.memoRows]);
  }
  memo.querySelector("[data-memo-pilot]").replaceChildren(...parts.pilot.map((text) => element("p", text)));
  memo.querySelector("[data-memo-assumptions]").replaceChildren(...assumptionLines(parts.assumptions));
  memo.querySelector("[data-memo-presets-title]").hidden = parts.presets.length === 0;
  memo
    .querySelector("[data-memo-presets]")
    .replaceChildren(
      ...parts.presets.map(([what, source]) => {
        const item = document.createElement("li");
        item.append(element("strong", what), `: ${source}`);
        return item;
      }),
    );
  // the scenario's link, clickable in a saved PDF; its text is short (a whole scenario
  // makes a long address)
  const anchor = memo.querySelector("[data-memo-link]");
  const url = new URL(link);
  anchor.href = link;
  anchor.textContent = `${url.host}${url.pathname}?… (the link holds every input)`;
}

// Draw the memo's charts from `report` as images (the tables stay where one cannot be drawn).
function drawMemoCharts(report) {
  const shown = { ...report, compare: null }; // the memo is about the scenario on show
  return chartImages(shown, Object.values(CHARTS), memo, 440, 250).then((images) => {
    for (const [figure, chart] of Object.entries(CHARTS)) {
      const image = memo.querySelector(`[data-memo-image=${figure}]`);
      const table = memo.querySelector(`[data-memo-table=${figure}]`);
      if (images[chart]) image.src = images[chart];
      image.hidden = !images[chart];
      table.hidden = Boolean(images[chart]);
    }
  });
}

function askForMemo() {
  const fields = currentParams();
  asked = JSON.stringify(fields);
  memo.dataset.state = "pending";
  requestExport("memo", fields);
}

// A new result: the memo follows it once the results have settled and the engine is idle.
export function memoStale() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const idle = () => {
      if (!engineIdle()) return memoStale();
      if (JSON.stringify(currentParams()) !== asked) askForMemo();
    };
    if (window.requestIdleCallback) requestIdleCallback(idle, { timeout: 2000 });
    else idle();
  }, SETTLED_MS);
}

// The engine's memo of the scenario (export "memo"): into the page, then the printout.
export function showMemo(text) {
  fillMemo(JSON.parse(text), currentLink());
  drawMemoCharts(currentReport()).then(() => {
    memo.dataset.state = "ready";
    if (printing) {
      printing = false;
      window.print();
    }
  });
}

// "Print the decision memo": the memo of the scenario on show, then the print dialog. With
// no engine (not started, or failed) the memo printed is the build's, as are the numbers.
export function printMemo() {
  if (engineState() !== "ready") {
    window.print();
    return;
  }
  clearTimeout(timer);
  printing = true;
  askForMemo();
}

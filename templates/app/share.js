// Sharing and export: the address bar as a link to the scenario (and to the pinned one,
// `pinned`), the embed snippet that follows it, Copy link, and the downloaded files (CSV,
// JSON, the memo in Markdown) that the engine writes.

import { currentView, inView, pinnedQuery } from "./state.js";

const shareStatus = document.querySelector("[data-share-status]");
const EXPORT_FILES = {
  csv: ["text/csv", "fine-tune-or-api-scenario.csv"],
  json: ["application/json", "fine-tune-or-api-scenario.json"],
  md: ["text/markdown", "fine-tune-or-api-memo.md"],
};

// The scenario's query string (no "?") from pycore's `report`: the view, then each
// parameter of the view (in the URL's units). A custom scenario that started from a preset
// names that preset, with the values changed from it ("off" for one switched off), so that
// the link keeps the preset's other values as pycore reads them.
export function scenarioQuery(report) {
  const { parameters, presets } = report;
  const query = new URLSearchParams();
  if (currentView() === "detailed") query.set("view", "detailed");
  const off = new Set();
  for (const [name, origin] of Object.entries(presets)) {
    if (parameters[name] !== null || !origin.base || !inView(name)) continue;
    query.set(name, origin.base);
    for (const changed of origin.changed) off.add(changed);
  }
  for (const [name, value] of Object.entries(parameters)) {
    if (!inView(name) || query.has(name)) continue;
    if (value !== null) query.set(name, String(value));
    else if (off.has(name)) query.set(name, "off");
  }
  return query;
}

// The address bar follows the scenario once the results have been still for 200 ms: not
// while a slider is dragged, when browsers throttle (and warn about) bursts of history
// updates, and the rewrite (about 2 ms) would delay the next result.
let urlTimer = null;
let urlReport = null;

// Write the scenario of `report` (pycore's) into the address bar, with the pinned one.
export function writeUrl(report) {
  urlReport = report;
  clearTimeout(urlTimer);
  urlTimer = setTimeout(flushUrl, 200);
}

function flushUrl() {
  urlTimer = null;
  const query = scenarioQuery(urlReport);
  if (pinnedQuery()) query.set("pinned", pinnedQuery());
  const url = `${location.pathname}?${query}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, "", url);
  updateEmbedLinks();
}

// The links that follow the scenario: embed.html's link to the full page, and the embed
// snippet, which points at embed.html beside this page. The snippet's script line loads
// embed-host.js, which sizes the iframe to the analyzer (see embed-size.js); its height
// attribute is the size until then. The iframe may write the clipboard (Copy link).
export function updateEmbedLinks() {
  const full = document.querySelector("[data-full-analysis]");
  if (full) full.href = `index.html${location.search}`;
  const box = document.querySelector("[data-embed-snippet]");
  if (!box) return;
  if (location.protocol === "file:") {
    box.closest("[data-embed-help]").hidden = true; // a file on disk cannot be embedded
    return;
  }
  const src = new URL(`embed.html${location.search}`, location.href).href;
  const host = new URL("embed-host.js", location.href).href;
  const script = "script"; // spelled apart: offline.html inlines this code, so no tag here
  box.value =
    `<${script} src="${host}" defer></${script}>\n` +
    `<iframe src="${src}" title="API or fine-tuned model: cost analyzer" ` +
    'width="100%" height="900" style="border:0" loading="lazy" allow="clipboard-write"></iframe>';
}

// The page's address, with any rewrite still waiting written first.
export function currentLink() {
  if (urlTimer !== null) {
    clearTimeout(urlTimer);
    flushUrl();
  }
  return location.href;
}

export async function copyLink() {
  const link = currentLink();
  try {
    await navigator.clipboard.writeText(link);
    shareStatus.textContent = "Link copied: it opens this exact scenario.";
  } catch {
    shareStatus.textContent = `Copy this link: ${link}`;
  }
}

// Save the engine's export of the scenario (`text`, in `format`) as a file.
export function download(format, text) {
  const [type, name] = EXPORT_FILES[format];
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  shareStatus.textContent = `Downloaded ${link.download}.`;
}

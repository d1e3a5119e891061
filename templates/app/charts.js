// Drawing the charts: Chart.js (vendored, 210 kB) loads, and each chart is drawn, only when
// its canvas comes near the viewport (or, in idle time, when a reader switches to the
// detailed view, or the engine fails). Loaded at once, it would compete with the engine's
// boot on a 2-core machine (bench/ab.py: the engine is ready about 40 ms sooner without);
// loaded in idle time after the boot, its evaluation was the page's longest task (most of
// Lighthouse's total blocking time) and slowed a reader's first inputs. The page prints
// only the memo, whose charts are images drawn apart (chartImages). offline.html inlines
// Chart.js, so it is there at once. What each chart shows is in chart-specs.js.

import { CHARTS, withColorsFrom } from "./chart-specs.js";
import { currentReport } from "./state.js";

const charts = {}; // chart name -> the drawn Chart
const stale = new Set(); // drawn charts out of view that have not seen the latest report
let chartLibrary = null;

// Whether each drawn chart's canvas is within about a quarter screen of the viewport: an
// input updates only those at once (Chart.js lays out and paints each chart it updates,
// several ms apiece); the others take the latest report as they come into view.
const inView = new Map(); // canvas -> whether it is near the viewport
const viewWatch =
  typeof IntersectionObserver === "undefined"
    ? null
    : new IntersectionObserver(
        (entries) => {
          for (const entry of entries) inView.set(entry.target, entry.isIntersecting);
          for (const name of [...stale]) {
            if (inView.get(charts[name]?.canvas)) refresh(name);
          }
        },
        { rootMargin: "25% 0px" },
      );

function refresh(name) {
  stale.delete(name);
  CHARTS[name].update(charts[name], currentReport());
}

function loadChartLibrary() {
  if (window.Chart) return Promise.resolve();
  const block = document.getElementById("chart-library");
  if (!block) return Promise.reject(new Error("Chart.js is missing")); // offline.html, if its copy failed
  if (chartLibrary === null) {
    const source = JSON.parse(block.textContent);
    chartLibrary = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = source.src;
      script.integrity = source.integrity;
      script.addEventListener("load", resolve);
      script.addEventListener("error", () => reject(new Error(`${source.src} did not load`)));
      document.head.append(script);
    });
  }
  return chartLibrary;
}

// Draw chart `name` from the latest report once Chart.js is there, unless it is drawn
// already or its canvas is missing (embed.html has no factors) or hidden (a hidden canvas
// has no size to draw at; the detailed charts are drawn when that view shows them). The
// canvas is then marked data-chart="drawn" (or "failed" if Chart.js could not load).
function drawChart(name) {
  const spec = CHARTS[name];
  const canvas = document.getElementById(spec.canvas);
  if (charts[name] || !canvas || canvas.closest("[hidden]")) return Promise.resolve();
  return loadChartLibrary().then(
    () => {
      if (charts[name] || canvas.closest("[hidden]")) return;
      charts[name] = spec.create(canvas, currentReport());
      canvas.dataset.chart = "drawn";
      if (viewWatch && !inView.has(canvas)) {
        inView.set(canvas, true); // until the observer's first answer
        viewWatch.observe(canvas);
      }
    },
    (error) => {
      // The chart's table gives the same figures: show it instead (style.css hides the box).
      canvas.dataset.chart = "failed";
      canvas.closest("figure")?.querySelector("details")?.setAttribute("open", "");
      console.warn(`Chart not drawn: ${error.message}`);
    },
  );
}

function drawAllCharts() {
  return Promise.all(Object.keys(CHARTS).map(drawChart));
}

// Draw every chart not drawn yet (and not hidden) when the page is idle.
export function drawChartsWhenIdle() {
  if (window.requestIdleCallback) requestIdleCallback(() => drawAllCharts(), { timeout: 2000 });
  else setTimeout(drawAllCharts, 0);
}

// Draw each chart as its canvas comes within about a screen of the viewport.
export function drawChartsWhenNear() {
  const names = new Map(); // canvas -> chart name
  const near = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) drawChart(names.get(entry.target));
      }
    },
    { rootMargin: "100% 0px" },
  );
  for (const [name, chart] of Object.entries(CHARTS)) {
    const canvas = document.getElementById(chart.canvas);
    if (!canvas) continue;
    names.set(canvas, name);
    near.observe(canvas);
  }
}

// Show `report` in every chart drawn so far and in view; a chart out of view takes the
// latest report when it comes into view, one not drawn yet when it is drawn.
export function updateCharts(report) {
  for (const [name, spec] of Object.entries(CHARTS)) {
    if (!charts[name]) continue;
    if (inView.get(charts[name].canvas) === false) stale.add(name);
    else spec.update(charts[name], report);
  }
}

// Charts take their colours from CSS at creation: redraw them when the theme changes.
export function redrawCharts() {
  const drawn = Object.keys(charts);
  for (const name of drawn) {
    charts[name].destroy();
    delete charts[name];
    stale.delete(name);
  }
  drawn.forEach(drawChart); // a chart hidden since (the other view) waits until it shows
}

// The charts of the printed memo, as PNG data URLs: chart name -> URL, drawn off screen
// from `report` in the colours of `element` (the memo's own palette, for paper) at `width`
// x `height` CSS pixels and twice the resolution. Resolves to {} when Chart.js is missing.
export function chartImages(report, names, element, width, height) {
  return loadChartLibrary().then(
    () =>
      Object.fromEntries(
        names.map((name) => {
          const canvas = document.createElement("canvas");
          canvas.width = width;
          canvas.height = height;
          const overrides = { responsive: false, devicePixelRatio: 2 };
          const chart = withColorsFrom(element, () => CHARTS[name].create(canvas, report, overrides));
          const url = chart.toBase64Image("image/png");
          chart.destroy();
          return [name, url];
        }),
      ),
    () => ({}),
  );
}

// The report's optional parts (pycore.results.OPTIONAL_PARTS: the sensitivity and the API
// ranking) are asked of the engine only while their place on the page is in view or
// within a screen of it: each is about a fifth of a detailed input's compute. A report
// that lacks a part whose place is near (the place came into view, or the request left
// early) is followed by one that has it (missingParts).

// Where each part shows: the figure or table around these elements.
const PLACES = { sensitivity: "#tornado-chart", api_ranking: "[data-api-ranking]" };
const near = new Set();

// The parts to leave out of the next request: those whose place is not near.
export function skippedParts() {
  return Object.keys(PLACES).filter((part) => !near.has(part));
}

// Whether `report` lacks a part whose place is near (so the page should ask again).
export function missingParts(report) {
  return [...near].some((part) => report[part] === null);
}

// Watch the parts' places; `onNear(part)` runs when one comes within a screen.
export function watchParts(onNear) {
  const parts = new Map();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const part = parts.get(entry.target);
        if (!entry.isIntersecting) near.delete(part);
        else if (!near.has(part)) {
          near.add(part);
          onNear(part);
        }
      }
    },
    { rootMargin: "100% 0px" }, // as the charts: drawn within a screen (charts.js)
  );
  for (const [part, selector] of Object.entries(PLACES)) {
    const place = document.querySelector(selector)?.closest("figure, table");
    if (!place) continue;
    parts.set(place, part);
    observer.observe(place);
  }
}

// Benchmark probe, added with Playwright's add_init_script: it runs before any script of the
// page. Init scripts come through the DevTools protocol, so the page's CSP does not apply.
// It only records times (performance.now(), ms since navigation start) into window.__bench:
//   readyAt / failedAt  when <html data-engine> becomes "ready" / "failed"
//   firstRenderAt       when the page has handled the engine's first "result" message (its
//                       first render: the page writes only what changed, so the defaults'
//                       report, equal to the pre-rendered page, may change nothing)
//   elements            Element Timing entries: the probe tags [data-output=api_monthly] and its
//                       parent with `elementtiming` as the parser inserts it, before its first paint
//   lcp                 Largest Contentful Paint entries, for reference
//   messages            the engine worker's traffic: {type, id, at} for each "simulate" and
//                       "compute" the page posts and each "odds" and "result" it receives
(() => {
  const RESULT = "[data-output=api_monthly]";
  const bench = { readyAt: null, failedAt: null, firstRenderAt: null, elements: [], lcp: [] };
  window.__bench = bench;

  const tag = (node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const found = node.matches(RESULT) ? [node] : [...node.querySelectorAll(RESULT)];
    // Chromium attributes painted text to its nearest block container (here the <dd>
    // around the inline <output>), so the parent is tagged too.
    for (const element of found) {
      element.setAttribute("elementtiming", "default-results");
      element.parentElement?.setAttribute("elementtiming", "default-results");
    }
  };

  const onMutations = (records) => {
    for (const record of records) {
      if (record.type === "childList") {
        record.addedNodes.forEach(tag);
      } else if (record.attributeName === "data-engine" && record.target === document.documentElement) {
        const state = document.documentElement.dataset.engine;
        if (state === "ready" && bench.readyAt === null) bench.readyAt = performance.now();
        if (state === "failed" && bench.failedAt === null) bench.failedAt = performance.now();
      }
    }
  };
  new MutationObserver(onMutations).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["data-engine"],
  });

  const observe = (type, sink) => {
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) sink.push(entry.toJSON());
      }).observe({ type, buffered: true });
    } catch {
      // entry type not supported by this browser: the figure is reported as not measured
    }
  };
  // The engine's messages, timed where the page sends and receives them: a Worker whose
  // postMessage and first message listener record the simulation's requests and answers.
  const TIMED = new Set(["compute", "simulate", "result", "odds"]);
  bench.messages = [];
  const record = (message) => {
    if (message && TIMED.has(message.type)) {
      bench.messages.push({ type: message.type, id: message.id, at: performance.now() });
    }
  };
  const PageWorker = window.Worker;
  if (PageWorker) {
    window.Worker = class extends PageWorker {
      constructor(...args) {
        super(...args);
        this.addEventListener("message", (event) => {
          record(event.data);
          // this listener comes first: the page's handler runs before this timer fires
          if (event.data && event.data.type === "result" && bench.firstRenderAt === null) {
            setTimeout(() => {
              if (bench.firstRenderAt === null) bench.firstRenderAt = performance.now();
            }, 0);
          }
        });
      }

      postMessage(message, ...rest) {
        record(message);
        return super.postMessage(message, ...rest);
      }
    };
  }

  observe("element", bench.elements);
  observe("largest-contentful-paint", bench.lcp);
})();

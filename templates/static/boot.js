// The first script of the served pages (classic, in <head>): it starts the engine's Web
// Worker before the rest of the page has loaded, since Pyodide's boot is the long pole.
// app.js adopts the worker with window.earlyEngine.adopt(), which hands over any messages
// or errors that arrived before it listened.
(() => {
  const early = [];
  const keep = (event) => {
    event.preventDefault();
    early.push(event);
  };
  try {
    const worker = new Worker(new URL("worker.js", document.baseURI), { type: "module" });
    worker.addEventListener("message", keep);
    worker.addEventListener("error", keep);
    window.earlyEngine = {
      adopt() {
        worker.removeEventListener("message", keep);
        worker.removeEventListener("error", keep);
        return { worker, early };
      },
    };
  } catch (error) {
    window.earlyEngine = {
      adopt() {
        throw error;
      },
    };
  }
})();

// embed.html in an iframe: tell the page around it how tall the analyzer is, so that the
// host's embed-host.js (templates/static/) can size the iframe to its content. The message,
// posted to the parent window whenever the height changes, and again when the host asks
// with {type: "finetune-or-api:measure"}:
//   {type: "finetune-or-api:height", height: <the document's height in CSS pixels, an integer>}
// It carries no data of the scenario, so it goes to any origin.

export const HEIGHT_MESSAGE = "finetune-or-api:height";
export const MEASURE_MESSAGE = "finetune-or-api:measure";

export function reportEmbedHeight() {
  if (window.parent === window || !document.documentElement.classList.contains("embed")) return;
  let last = -1;
  const post = (always) => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last && !always) return;
    last = height;
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, "*");
  };
  new ResizeObserver(() => post(false)).observe(document.body);
  window.addEventListener("message", (event) => {
    if (event.source === window.parent && event.data && event.data.type === MEASURE_MESSAGE) post(true);
  });
}

// embed-host.js: for a page that embeds the analyzer (embed.html) in an <iframe>. Load it
// with one line, no inline script needed:
//   <script src="https://<the analyzer's site>/embed-host.js" defer></script>
// It sizes every iframe showing a page of this script's own site to the height that page
// reports, so the analyzer is never cut off and never leaves a gap. The embed posts
//   {type: "finetune-or-api:height", height: <CSS pixels>}
// to its parent window whenever its height changes; this script answers only messages
// from its own origin, and on start asks each frame to report again
// ({type: "finetune-or-api:measure"}), in case a frame spoke before this script listened.
(() => {
  const script = document.currentScript;
  const origin = new URL(script ? script.src : location.href).origin;
  const MAX_HEIGHT = 100000; // CSS pixels: a bound on what a frame may ask for

  window.addEventListener("message", (event) => {
    const data = event.data;
    if (event.origin !== origin || !data || data.type !== "finetune-or-api:height") return;
    const height = Number(data.height);
    if (!Number.isFinite(height) || height <= 0) return;
    for (const frame of document.getElementsByTagName("iframe")) {
      if (frame.contentWindow === event.source) {
        frame.style.height = `${Math.min(Math.ceil(height), MAX_HEIGHT)}px`;
      }
    }
  });

  // The question holds nothing private, and a frame still loading is not yet of this
  // origin: it goes to any origin (a frame that is not the embed ignores it).
  const askFrames = () => {
    for (const frame of document.getElementsByTagName("iframe")) {
      if (frame.src && new URL(frame.src, location.href).origin === origin && frame.contentWindow) {
        frame.contentWindow.postMessage({ type: "finetune-or-api:measure" }, "*");
      }
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", askFrames);
  else askFrames();
})();

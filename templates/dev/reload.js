// `make serve` only: reload the page when the dev server has rebuilt the site, and show
// the problems of a failed rebuild in an overlay (the page is still the last good build).
// The next good rebuild reloads the page, which clears it. Served anywhere else (no event
// stream), it stops after the first failed attempt. Styles are set through the CSSOM,
// which the page's CSP allows (no inline style attribute), and stay out of style.css.
const events = new EventSource("__reload");
let opened = false;
events.addEventListener("open", () => {
  opened = true;
});
events.addEventListener("message", () => location.reload());
events.addEventListener("problems", (event) => showProblems(JSON.parse(event.data).problems));
events.addEventListener("error", () => {
  if (!opened) events.close();
});

function showProblems(problems) {
  document.querySelector("[data-dev-problems]")?.remove();
  const overlay = document.createElement("div");
  overlay.dataset.devProblems = "";
  overlay.setAttribute("role", "alert");
  Object.assign(overlay.style, {
    position: "fixed",
    inset: "1rem",
    zIndex: "1000",
    overflow: "auto",
    padding: "1rem 1.25rem",
    background: "#2b0b0b",
    color: "#ffe4e4",
    border: "3px solid #e5484d",
    borderRadius: "10px",
    font: "14px/1.5 ui-monospace, 'DejaVu Sans Mono', monospace",
    boxShadow: "0 8px 30px rgba(0, 0, 0, 0.4)",
  });
  const heading = document.createElement("h2");
  heading.textContent = "The last rebuild failed: this page is the previous build";
  Object.assign(heading.style, { margin: "0 0 0.75rem", font: "inherit", fontWeight: "700", fontSize: "16px" });
  const list = document.createElement("ul");
  Object.assign(list.style, { margin: "0", paddingLeft: "1.25rem" });
  for (const problem of problems) {
    const item = document.createElement("li");
    item.textContent = problem;
    Object.assign(item.style, { whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: "0.25rem 0" });
    list.append(item);
  }
  const hint = document.createElement("p");
  hint.textContent = "Fix them and save: the page reloads after the next good build.";
  Object.assign(hint.style, { margin: "0.75rem 0 0" });
  overlay.append(heading, list, hint);
  document.body.append(overlay);
}

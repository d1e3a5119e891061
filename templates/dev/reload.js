// `make serve` only: reload the page when the dev server has rebuilt the site. Served
// anywhere else (no event stream), it stops after the first failed attempt.
const events = new EventSource("__reload");
let opened = false;
events.addEventListener("open", () => {
  opened = true;
});
events.addEventListener("message", () => location.reload());
events.addEventListener("error", () => {
  if (!opened) events.close();
});

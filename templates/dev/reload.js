// `make serve` only: reload the page when the dev server has rebuilt the site.
const events = new EventSource("__reload");
events.addEventListener("message", () => location.reload());

// The detailed view's inputs on the served pages. They are about half of the page's HTML
// and only the detailed view shows them, so the build keeps them in a file of their own
// (detailed-inputs.html), named with its integrity by an empty slot in the analyzer's form.
// This module fetches that file and puts its groups in the slot before any other module
// reads the form (state.js imports it first; its top-level await holds them back).
// offline.html has the groups inline and no slot: nothing to do.
//
// If the file cannot be had, the simple view works as before: the slot says why, the
// detailed view's switch is disabled, and a link asking for that view gets the simple one.

const slot = document.querySelector("[data-detailed-inputs]");
// Whether the page has the detailed view's inputs (set below, before anything reads it).
export let detailedInputs = true;

// Resolves after the page's first frame (or after 200 ms where frames are paused, as in a
// background tab), so that the fetch never competes with the first screen's paint.
function afterFirstFrame() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 200);
  });
}

// Resolves in a task of its own: parsing the groups and wiring the page are two tasks,
// each shorter than a long one (Lighthouse: total blocking time).
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// The page waits for them before it wires its inputs: a stalled request gives up after this.
const FETCH_TIMEOUT_MS = 10000;

async function fetchGroups(src, integrity) {
  const signal = AbortSignal.timeout ? AbortSignal.timeout(FETCH_TIMEOUT_MS) : undefined;
  const response = await fetch(src, { integrity, signal });
  if (!response.ok) throw new Error(`${src} answered HTTP ${response.status}`);
  const template = document.createElement("template");
  template.innerHTML = await response.text();
  return template.content;
}

if (slot) {
  try {
    await afterFirstFrame();
    slot.replaceWith(await fetchGroups(slot.dataset.detailedInputs, slot.dataset.integrity));
    await nextTask();
  } catch (error) {
    detailedInputs = false;
    slot.removeAttribute("data-detailed"); // shown in either view
    slot.hidden = false;
    slot.setAttribute("role", "alert");
    const message = document.createElement("p"); // the slot is styled as a notice box
    message.textContent =
      `The detailed view's inputs could not be loaded (${error.message || error}); ` +
      "the simple view works. Reload the page to try again.";
    slot.replaceChildren(message);
    for (const radio of document.querySelectorAll("[data-view-switch][value=detailed]")) {
      radio.disabled = true;
    }
  }
}

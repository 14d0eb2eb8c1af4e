// Pages with an exercise: starts the checking engine's worker from the page's head, while the browser
// is still reading the rest of the page (overrides/main.html puts this module there, async and marked
// data-selfcheck-start, on those pages only). selfcheck.js takes the worker over when it runs, with the
// messages the worker sent before that.
// Only when the site's service worker controls the page, that is when the site (and, once its offline
// copy is made, the engine) is on this device: on a first visit the page's own files come first, as
// they should on a slow connection, and selfcheck.js starts the worker once the page has been read.
// On any other page, importing this module starts nothing; nor under save-data, where selfcheck.js
// asks the reader first.

/** True when the browser asks sites to save data (selfcheck.js and offline.js read it here too). */
export const saveData = Boolean(navigator.connection && navigator.connection.saveData);
const installed = Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);
let early = null;

function startEarly() {
  if (saveData || !installed || !document.querySelector("script[data-selfcheck-start]")) return;
  try {
    const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    const held = [];
    worker.onmessage = (event) => held.push(event);
    worker.onerror = (event) => {
      event.preventDefault(); // reported by selfcheck.js when it takes the worker over
      held.push(event);
    };
    early = { worker, held };
  } catch {
    early = null; // selfcheck.js tries again, and says why it cannot
  }
}

/** The worker started from the head with the events it sent so far, once; null when none was started. */
export function takeWorker() {
  const taken = early;
  early = null;
  return taken;
}

startEarly();

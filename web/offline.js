// The offline copy: registers the service worker, has it copy the checking engine in the background
// after the first page has loaded (unless the browser asks to save data), says when an update is
// ready, and runs the About page's "available offline" status and button.
// Loaded on every page; it sends nothing anywhere and stores nothing the reader typed.

import { saveData } from "./boot.js";
import { format, megabytes } from "./messages.js";
import { MESSAGES, whenApproved, whenReady } from "./selfcheck.js";

const root = new URL("../../", import.meta.url);
const supported = "serviceWorker" in navigator && window.isSecureContext;
const panel = document.querySelector("[data-offline-status]");

function showUpdate(registration) {
  if (document.querySelector("[data-update-ready]")) return;
  const bar = document.createElement("div");
  bar.className = "sc-update sc-no-print";
  bar.dataset.updateReady = "";
  bar.setAttribute("role", "status");
  const text = document.createElement("span");
  text.textContent = MESSAGES.updateReady;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button";
  button.textContent = MESSAGES.updateButton;
  button.addEventListener("click", () => {
    if (registration.waiting) registration.waiting.postMessage({ type: "skip-waiting" });
  });
  bar.append(text, " ", button);
  document.body.append(bar);
}

function register() {
  return navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).then((registration) => {
    if (registration.waiting && navigator.serviceWorker.controller) showUpdate(registration);
    registration.addEventListener("updatefound", () => {
      const installing = registration.installing;
      if (!installing) return;
      installing.addEventListener("statechange", () => {
        if (installing.state === "installed" && navigator.serviceWorker.controller) showUpdate(registration);
      });
    });
    return registration;
  });
}

/** Ask the active service worker to store every file not yet stored (pages and the checking engine). */
function copyEverything() {
  return navigator.serviceWorker.ready.then((ready) => ready.active && ready.active.postMessage({ type: "cache-everything" }));
}

/** The About page's panel: "Available offline: yes / in progress / no", a button, and progress. */
function attachStatus(panel, started) {
  const state = panel.querySelector("[data-offline-state]");
  const detail = panel.querySelector("[data-offline-detail]");
  const button = panel.querySelector("[data-offline-make]");
  const progress = panel.querySelector("[data-offline-progress]");
  const bar = progress.querySelector("progress");
  const text = progress.querySelector("[data-offline-progress-text]");
  const show = (status) => {
    panel.dataset.offlineState = status.state;
    state.textContent = MESSAGES.offline[status.state];
    if (status.state === "yes") detail.textContent = MESSAGES.offlineYes;
    else if (status.state === "in progress") detail.textContent = "";
    else if (status.failed) detail.textContent = MESSAGES.offlineError;
    else detail.textContent = saveData ? MESSAGES.offlineSaveData : MESSAGES.offlineNo;
    button.disabled = status.state === "in progress";
    if (status.total && (status.state === "in progress" || !progress.hidden)) {
      progress.hidden = false;
      bar.max = status.total;
      bar.value = status.done;
      text.textContent = status.state === "yes" ? format(MESSAGES.offlineStored, { total: megabytes(status.total) })
        : format(MESSAGES.offlineProgress, { done: megabytes(status.done), total: megabytes(status.total) });
    }
  };
  const unsupported = () => {
    show({ state: "no" });
    detail.textContent = MESSAGES.offlineUnsupported;
    button.hidden = true;
  };
  if (!supported) {
    unsupported();
    return;
  }
  button.hidden = false;
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data && event.data.type === "offline-status") show(event.data);
  });
  button.addEventListener("click", () => {
    show({ state: "in progress" });
    copyEverything();
  });
  started.then(
    (registration) => {
      if (!registration.active) show({ state: "in progress" }); // first visit: the site is being stored
      return navigator.serviceWorker.ready.then((ready) => ready.active.postMessage({ type: "offline-status" }));
    },
    unsupported,
  );
}

if (supported) {
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading || !document.querySelector("[data-update-ready]")) return;
    reloading = true;
    window.location.reload();
  });
  // After the page has loaded, so the offline copy never competes with what the reader is opening.
  const loaded = new Promise((resolve) => {
    if (document.readyState === "complete") resolve();
    else window.addEventListener("load", resolve, { once: true });
  });
  const started = loaded.then(register);
  if (panel) attachStatus(panel, started);
  // Then copy the checking engine too, so every exercise works offline from the first visit. On a
  // page with an exercise, wait until its runtime has loaded: the files then come from the HTTP
  // cache instead of being downloaded twice. When the browser asks to save data, only after the
  // reader has agreed to download the engine on an exercise page (the page promised "offline too").
  const exercise = document.querySelector("[data-exercise]");
  if (!saveData || exercise) {
    const pageDone = exercise ? whenApproved().then(whenReady) : Promise.resolve();
    Promise.all([pageDone, started]).then(copyEverything).catch(() => {
      // no offline copy (private mode, storage disabled): the site works online as before
    });
  } else {
    started.catch(() => {});
  }
} else if (panel) {
  attachStatus(panel, null);
}

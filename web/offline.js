// Registers the service worker that keeps the site usable offline, and says when an update is ready.
// Loaded on every page; it sends nothing anywhere and stores nothing the reader typed.

const root = new URL("../../", import.meta.url);

function showUpdate(registration) {
  if (document.querySelector("[data-update-ready]")) return;
  const bar = document.createElement("div");
  bar.className = "sc-update sc-no-print";
  bar.dataset.updateReady = "";
  bar.setAttribute("role", "status");
  const text = document.createElement("span");
  text.textContent = "An updated version of this site is ready. ";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button";
  button.textContent = "Reload to update";
  button.addEventListener("click", () => {
    if (registration.waiting) registration.waiting.postMessage({ type: "skip-waiting" });
  });
  bar.append(text, button);
  document.body.append(bar);
}

if ("serviceWorker" in navigator && window.isSecureContext) {
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading || !document.querySelector("[data-update-ready]")) return;
    reloading = true;
    window.location.reload();
  });
  const register = () =>
    navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).then((registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) showUpdate(registration);
      registration.addEventListener("updatefound", () => {
        const installing = registration.installing;
        if (!installing) return;
        installing.addEventListener("statechange", () => {
          if (installing.state === "installed" && navigator.serviceWorker.controller) showUpdate(registration);
        });
      });
    });
  // After the page has loaded, so the offline copy never competes with what the reader is opening.
  const started = new Promise((resolve) => {
    if (document.readyState === "complete") resolve();
    else window.addEventListener("load", resolve, { once: true });
  }).then(register);
  started.catch(() => {
    // no offline copy (private mode, storage disabled): the site works online as before
  });
  // Once this page's runtime has loaded (so its files are in the HTTP cache, not fetched twice),
  // ask the service worker to keep a copy for offline use.
  if (document.querySelector("[data-exercise]")) {
    Promise.all([import("./selfcheck.js").then((adapter) => adapter.whenReady()), started])
      .then(() => navigator.serviceWorker.ready)
      .then((ready) => ready.active && ready.active.postMessage({ type: "cache-runtime" }))
      .catch(() => {});
  }
}

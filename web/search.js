// Every page: tells the theme's search worker when it may build its search index (web/search/worker.js
// holds it until then): at once when the reader opens or focuses the search box; otherwise once the
// page has loaded, its checking engine (if any) is ready or has failed, and the page has then been
// quiet for QUIET_MS. Building the index takes a core for about half a second (longer on a phone):
// a starting exercise should not share it, nor should the next page when the reader moves on at once
// (an index built for a page left within a second or two is never used).
// The channel is local to this site in this browser; nothing is sent anywhere. Every open tab of the
// site hears it: a tab still starting its engine may then build its index early, which is harmless.

import { whenSettled } from "./selfcheck.js";

const CHANNEL = "selfcheck-search"; // web/search/worker.js listens on it
const QUIET_MS = 2000;
const CLOSE_AFTER_MS = 15_000; // longer than the worker waits on its own (LATEST_MS)

function start() {
  let channel;
  try {
    channel = new BroadcastChannel(CHANNEL);
  } catch {
    return; // no BroadcastChannel here, nor in the worker, which then builds at once (as without it)
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    channel.postMessage("build");
    setTimeout(() => channel.close(), CLOSE_AFTER_MS);
  };
  // a worker that started after this page settled asks once
  channel.onmessage = (event) => {
    if (released && event.data === "waiting") channel.postMessage("build");
  };

  // the reader reaches for the search: build now (tapping the search icon ticks the theme's __search box)
  const toggle = document.getElementById("__search");
  if (toggle) toggle.addEventListener("change", release);
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-md-component=search]")) release();
  });

  const loaded = document.readyState === "complete"
    ? Promise.resolve()
    : new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
  const idle = (callback) => ("requestIdleCallback" in window
    ? window.requestIdleCallback(callback, { timeout: 2000 })
    : setTimeout(callback, 200));
  Promise.all([loaded, whenSettled()]).then(() => setTimeout(() => idle(release), QUIET_MS));
}

start();

// The theme's search worker, started when the page is settled. scripts/search.py writes this file next
// to the theme's own search worker (filling in its name) and points the page's theme config at it.
//
// The theme starts its search worker on every page as soon as the page has loaded, and the worker at
// once turns the whole search index into a lunr index: about 0.6 s of one core's work for the English
// edition, more for the others. On a page with an exercise that is just when Python starts in its own
// worker; on a machine with two cores it slowed every start by a quarter of a second. This wrapper runs
// the theme's worker unchanged but holds the first message the page sends it (the index) until:
// - the page says it is settled (web/search.js: the checking engine is ready or has failed, or the page
//   has none and has loaded, or the reader has opened the search box), or
// - a second message arrives (a query: Material sends none before the index is built, another theme might), or
// - LATEST_MS have passed (should the page never say so).
// The theme's worker listens with addEventListener("message") (Material) or self.onmessage (Zensical);
// both are caught. Should neither be, the theme's worker gets its messages directly, as without this file.
// The channel (CHANNEL, the same name as in web/search.js) is local to this site in this browser;
// nothing is sent anywhere.
"use strict";

(() => {
  const CHANNEL = "selfcheck-search";
  const LATEST_MS = 10_000;
  const listen = self.addEventListener.bind(self);
  let theme = null; // the theme worker's message listener
  self.addEventListener = (type, listener, options) => {
    if (type === "message" && !theme) theme = listener;
    else listen(type, listener, options);
  };
  Object.defineProperty(self, "onmessage", {
    configurable: true,
    get: () => theme,
    set: (listener) => {
      theme = listener;
    },
  });
  try {
    importScripts("__THEME_SEARCH_WORKER__");
  } catch {
    // not loaded: the reader left the page while it loaded (the build checks that the file exists)
  } finally {
    delete self.addEventListener; // the global scope's own again
    delete self.onmessage;
  }
  if (!theme) return;

  const deliver = (event) => (typeof theme === "function" ? theme.call(self, event) : theme.handleEvent(event));
  const held = [];
  let open = false;
  let channel = null;
  let timer = 0;
  const release = () => {
    if (open) return;
    open = true;
    clearTimeout(timer);
    if (channel) channel.close();
    held.splice(0).forEach(deliver);
  };
  listen("message", (event) => {
    if (open) {
      deliver(event);
      return;
    }
    held.push(event);
    if (held.length > 1) release(); // a query: the reader is searching
  });
  timer = setTimeout(release, LATEST_MS);
  try {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event) => {
      if (event.data === "build") release();
    };
    channel.postMessage("waiting"); // a page that settled before this worker started answers at once
  } catch {
    release(); // no BroadcastChannel here: as without this file
  }
})();

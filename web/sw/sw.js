// Service worker: keeps the site usable offline. Written into the site root by scripts/offline.py,
// which fills in the build's version and file lists. It never reads or stores what readers type:
// it caches only the site's own files.
//
// - Pages, styles, scripts and the search index are cached when the worker installs (first visit).
// - The Python runtime (Pyodide and the selfcheck wheel, ~13 MB) is cached the first time a page
//   with an exercise loads it, so pages without an exercise never download it.
// - Each build has its own cache name; activating a new build deletes the old caches.

const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const RUNTIME_FILES = __RUNTIME_FILES__;
const SITE_CACHE = "selfcheck-site-" + VERSION;
const RUNTIME_CACHE = "selfcheck-runtime";

const scope = new URL(self.registration.scope);
const runtimePaths = new Set(RUNTIME_FILES.map((path) => new URL(path, scope).pathname));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SITE_CACHE).then((cache) => cache.addAll(PRECACHE.map((path) => new URL(path, scope).href))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("selfcheck-site-") && name !== SITE_CACHE) await caches.delete(name);
      }
      // keep only this build's runtime files (older wheels and Pyodide versions go)
      const runtime = await caches.open(RUNTIME_CACHE);
      for (const request of await runtime.keys()) {
        if (!runtimePaths.has(new URL(request.url).pathname)) await runtime.delete(request);
      }
      await self.clients.claim();
    })(),
  );
});

// Cache the runtime files a page with an exercise has just loaded (its first load may have
// happened before this worker controlled the page). They come from the HTTP cache, so this
// costs nothing on the network in the usual case.
async function cacheRuntime() {
  const cache = await caches.open(RUNTIME_CACHE);
  for (const path of RUNTIME_FILES) {
    const url = new URL(path, scope).href;
    if (await cache.match(url)) continue;
    const response = await fetch(url);
    if (response.ok) await cache.put(url, response);
  }
}

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "skip-waiting") self.skipWaiting();
  else if (type === "cache-runtime") event.waitUntil(cacheRuntime());
});

async function fromRuntimeCache(request) {
  const cache = await caches.open(RUNTIME_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function fromSiteCache(request) {
  const cache = await caches.open(SITE_CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode === "navigate") {
      const fallback = await cache.match(new URL("404.html", scope).href);
      if (fallback) return fallback;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin) return;
  event.respondWith(runtimePaths.has(url.pathname) ? fromRuntimeCache(request) : fromSiteCache(request));
});

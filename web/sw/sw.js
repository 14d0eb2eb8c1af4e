// Service worker: keeps the site usable offline. Written into the site root by scripts/offline.py,
// which fills in the build's version, file lists and file sizes. It never reads or stores what
// readers type: it caches only the site's own files.
//
// - One worker, at the site's root, covers every edition (English at the root, others at /ro/, /bg/ …).
//   Our shared scripts and the pages, styles and search index of the editions a reader opens are
//   cached: when the worker installs (the editions of the open pages, and those the previous build's
//   cache held), and when a page asks for the offline copy. Not every edition: a Romanian reader
//   does not need the Bulgarian pages on their device.
// - The Python runtime (Pyodide and the selfcheck wheel, ~13 MB, ~6 MB compressed) is copied in the
//   background after the first page has loaded, whatever the page, unless the browser asks to save
//   data (offline.js decides, and then asks for it with "cache-everything"). The About page's
//   button asks for the same thing and shows the progress this worker reports.
// - Each build has its own cache name; activating a new build deletes the old caches.

const VERSION = "__VERSION__";
const SHARED = __SHARED__; // our scripts at the site's root, loaded by every edition
const EDITIONS = __EDITIONS__; // edition folder ("" at the root, "ro/" …) -> its pages and assets
const RUNTIME_FILES = __RUNTIME_FILES__;
const SIZES = __SIZES__;
const SITE_CACHE = "selfcheck-site-" + VERSION;
const RUNTIME_CACHE = "selfcheck-runtime";

const scope = new URL(self.registration.scope);
const runtimePaths = new Set(RUNTIME_FILES.map((path) => new URL(path, scope).pathname));
const hrefOf = (path) => new URL(path, scope).href;
const prefixes = Object.keys(EDITIONS).sort((a, b) => b.length - a.length); // "" (any path) last

/** The edition a URL belongs to (its folder, "" for the edition at the root). */
function editionOf(url) {
  const path = new URL(url).pathname;
  const inside = path.startsWith(scope.pathname) ? path.slice(scope.pathname.length) : "";
  return prefixes.find((prefix) => inside.startsWith(prefix)) ?? "";
}

/** The site files one edition needs: the shared scripts and its own pages and assets. */
const siteFiles = (edition) => [...SHARED, ...(EDITIONS[edition] || [])];

/** The editions of the open pages, and of the pages an older build's cache holds. */
async function editionsInUse() {
  const found = new Set();
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    found.add(editionOf(client.url));
  }
  for (const name of await caches.keys()) {
    if (!name.startsWith("selfcheck-site-") || name === SITE_CACHE) continue;
    for (const request of await (await caches.open(name)).keys()) {
      if (!new URL(request.url).pathname.startsWith(scope.pathname + "assets/selfcheck/")) found.add(editionOf(request.url));
    }
  }
  return [...found].filter((edition) => edition in EDITIONS);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const files = new Set(SHARED);
      for (const edition of await editionsInUse()) for (const path of EDITIONS[edition]) files.add(path);
      await (await caches.open(SITE_CACHE)).addAll([...files].map(hrefOf));
    })(),
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

/** The files of one cache's list that it does not hold yet. */
async function missing(cacheName, list) {
  const cache = await caches.open(cacheName);
  const held = new Set((await cache.keys()).map((request) => request.url));
  return list.filter((path) => !held.has(hrefOf(path)));
}

const sizeOf = (list) => list.reduce((sum, path) => sum + SIZES[path], 0);
const totalOf = (edition) => sizeOf([...siteFiles(edition), ...RUNTIME_FILES]);
let copying = null; // the running copy, if any
let copyFailed = false;

/** Where one edition's offline copy stands: state "yes" | "in progress" | "no", with bytes done and total. */
async function status(edition) {
  const absent = [...(await missing(SITE_CACHE, siteFiles(edition))), ...(await missing(RUNTIME_CACHE, RUNTIME_FILES))];
  const total = totalOf(edition);
  const state = copying ? "in progress" : absent.length ? "no" : "yes";
  return { type: "offline-status", state, done: total - sizeOf(absent), total, failed: copyFailed && state === "no" };
}

async function tell(message) {
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    client.postMessage(message);
  }
}

// Runtime files being stored right now (href -> promise), so a page that asks for one while the
// background copy fetches it waits for that download instead of starting a second one.
const inflight = new Map();

/** Copy every file of an edition and the runtime not yet held (on a page with an exercise, they usually come from the HTTP cache). */
async function copyEverything(edition) {
  const lists = [[SITE_CACHE, await missing(SITE_CACHE, siteFiles(edition))],
    [RUNTIME_CACHE, await missing(RUNTIME_CACHE, RUNTIME_FILES)]];
  const total = totalOf(edition);
  let { done } = await status(edition);
  let reported = done;
  for (const [cacheName, paths] of lists) {
    const cache = await caches.open(cacheName);
    for (const path of paths) {
      const href = hrefOf(path);
      if (await cache.match(href)) {
        done += SIZES[path]; // a page has just loaded it
        continue;
      }
      const copied = (async () => {
        const response = await fetch(href);
        if (!response.ok) throw new Error(path + ": " + response.status);
        // count the bytes as they arrive, so a long download shows progress
        const reader = response.clone().body.getReader();
        const stored = cache.put(href, response);
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          done += chunk.value.length;
          if (done - reported > 250_000) {
            reported = done;
            tell({ type: "offline-status", state: "in progress", done: Math.min(done, total), total });
          }
        }
        await stored;
      })();
      inflight.set(href, copied);
      try {
        await copied;
      } finally {
        inflight.delete(href);
      }
    }
  }
}

function startCopy(edition) {
  if (!copying) {
    copyFailed = false;
    copying = copyEverything(edition)
      .catch(() => {
        copyFailed = true;
      })
      .then(async () => {
        copying = null;
        await tell(await status(edition));
      });
  }
  return copying;
}

// Warm start: a page hands over the memory snapshot its worker made, packed without its zero pages
// (web/snapshot.js packs it and reads it back). Kept here, it is stored even when the reader has
// already gone on to another page.
const SNAPSHOT_CACHE = "selfcheck-snapshot";
const snapshotsAt = hrefOf("assets/selfcheck/snapshots/");

/** Keep a snapshot under key, replacing any other. Resolves true once stored; never rejects. */
async function keepSnapshot(key, bytes) {
  try {
    if (typeof key !== "string" || !key.startsWith(snapshotsAt) || !(bytes instanceof Uint8Array)) return false;
    const cache = await caches.open(SNAPSHOT_CACHE);
    await cache.put(key, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
    for (const request of await cache.keys()) {
      if (request.url !== key) await cache.delete(request);
    }
    return true;
  } catch (error) {
    return false;
  }
}

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "keep-snapshot") {
    const [reply] = event.ports;
    event.waitUntil(keepSnapshot(event.data.key, event.data.bytes).then((stored) => reply && reply.postMessage({ stored })));
    return;
  }
  const edition = event.source && event.source.url ? editionOf(event.source.url) : "";
  if (type === "skip-waiting") self.skipWaiting();
  else if (type === "cache-everything") event.waitUntil(startCopy(edition).then(() => undefined));
  else if (type === "offline-status" && event.source) {
    event.waitUntil(status(edition).then((s) => event.source.postMessage(s)));
  }
});

async function fromRuntimeCache(event) {
  const request = event.request;
  const cache = await caches.open(RUNTIME_CACHE);
  const copying = inflight.get(request.url);
  if (copying) await copying.catch(() => {});
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) event.waitUntil(cache.put(request, response.clone()));
  return response;
}

/**
 * The cached copy of a site file. An exact match first: Cache Storage answers it from its index,
 * while ignoreSearch compares every entry of the cache (tens of milliseconds a file with several
 * editions cached), so it is asked only for an address with a query (a search result's "?h=term").
 */
async function cachedSiteFile(cache, request) {
  const exact = await cache.match(request);
  if (exact || !new URL(request.url).search) return exact;
  return cache.match(request, { ignoreSearch: true });
}

async function fromSiteCache(request) {
  const cache = await caches.open(SITE_CACHE);
  const cached = await cachedSiteFile(cache, request);
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode === "navigate") {
      const fallback = await cache.match(new URL(editionOf(request.url) + "404.html", scope).href);
      if (fallback) return fallback;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== scope.origin) return;
  event.respondWith(runtimePaths.has(url.pathname) ? fromRuntimeCache(event) : fromSiteCache(request));
});

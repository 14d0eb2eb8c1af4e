// Warm start: the one module that touches Pyodide's private memory-snapshot API
// (the loadPyodide options _makeSnapshot and _loadSnapshot, and pyodide.makeMemorySnapshot()).
// That API is undocumented and may change with any release, which is why Pyodide's version is
// pinned (package.json) and why every function here fails soft: on any error the worker starts
// Python the normal way, and a snapshot that could not be restored is deleted.
//
// A snapshot is the memory of a Python that has just imported selfcheck. The worker makes one
// during a normal start (cheap: a copy of the memory) and hands it over at "ready"; the service
// worker (web/sw/sw.js, "keep-snapshot") compresses it with gzip and keeps it in Cache Storage under
// a key naming the Pyodide version and the wheel's path (which holds its content hash), so a new
// build never restores an old snapshot. This module reads it back.
// Nothing here leaves the browser; no reader input is ever part of a snapshot.

const CACHE = "selfcheck-snapshot"; // the service worker writes to the same cache
const FORMAT = 1; // bump when the way snapshots are made changes
const FAILED = ".failed";

/** True when this browser has what snapshots need (Cache Storage, gzip streams). */
function supported() {
  return typeof caches === "object" && typeof CompressionStream === "function" &&
    typeof DecompressionStream === "function";
}

/** The Cache Storage key for this Pyodide version and wheel. */
export function keyFor(baseURL, pyodideVersion, wheelPath) {
  return new URL(`snapshots/${FORMAT}/${pyodideVersion}/${wheelPath}.gz`, baseURL).href;
}

/**
 * Try a warm start. Resolves with { pyodide } when the snapshot restored and answers, or with
 * { pyodide: null, make, failed } otherwise: make says whether the normal start should capture a
 * snapshot, failed that a stored one did not restore (it has been deleted). Never rejects.
 */
export async function restore(loadPyodide, options, key) {
  if (!supported()) return { pyodide: null, make: false, failed: false };
  let cache;
  try {
    cache = await caches.open(CACHE);
    if (await cache.match(key + FAILED)) return { pyodide: null, make: false, failed: false };
    const stored = await cache.match(key);
    if (!stored) return { pyodide: null, make: true, failed: false };
    // gunzip while Pyodide fetches and compiles its WebAssembly (it takes a promise)
    const raw = stored.body.pipeThrough(new DecompressionStream("gzip"));
    const bytes = new Response(raw).arrayBuffer().then((buffer) => new Uint8Array(buffer));
    const pyodide = await loadPyodide({ ...options, _loadSnapshot: bytes });
    // the restored Python must answer like a fresh one before anyone relies on it
    const reply = JSON.parse(pyodide.pyimport("selfcheck").handle("{}"));
    if (reply.ok !== false || typeof reply.error !== "string") throw new Error("unexpected reply");
    return { pyodide };
  } catch (error) {
    try {
      if (cache) await cache.delete(key);
    } catch (ignored) {
      // storage unavailable: nothing to delete
    }
    return { pyodide: null, make: false, failed: true };
  }
}

/**
 * Remember that this key's snapshot did not restore although a normal start then worked (so the
 * fault was the snapshot's, not the network's): no more snapshots for this build in this browser.
 */
export async function markFailed(key) {
  try {
    await (await caches.open(CACHE)).put(key + FAILED, new Response("did not restore"));
  } catch (error) {
    // storage unavailable: the next start simply tries again
  }
}

/** loadPyodide's options for a normal start (one that can be snapshotted when make is true). */
export function startOptions(options, make) {
  return make ? { ...options, _makeSnapshot: true } : options;
}

/**
 * The memory of a freshly started Python, or null. Must run before anything holds a JavaScript
 * reference into Python (pyimport, loadPackage): Pyodide refuses to snapshot after that.
 */
export function capture(pyodide) {
  try {
    return pyodide.makeMemorySnapshot();
  } catch (error) {
    return null;
  }
}

/** The snapshot's bytes in an ArrayBuffer of their own, so that they can be transferred, not copied. */
export function detached(bytes) {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

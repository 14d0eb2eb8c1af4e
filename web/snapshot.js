// Warm start: the one module that touches Pyodide's private memory-snapshot API
// (the loadPyodide options _makeSnapshot and _loadSnapshot, and pyodide.makeMemorySnapshot()).
// That API is undocumented and may change with any release, which is why Pyodide's version is
// pinned (package.json) and why every function here fails soft: on any error the worker starts
// Python the normal way, and a snapshot that could not be restored is deleted.
//
// A snapshot is the memory of a Python that has just imported selfcheck: 31 MB, of which about 14 MB
// are pages of zeros. The worker makes one during a normal start (cheap: a copy of the memory), packs
// it without its zero pages (pack: about 17 MB) and hands it over at "ready"; the service worker
// (web/sw/sw.js, "keep-snapshot") keeps it in Cache Storage under a key naming the format, the Pyodide
// version and the wheel's path (which holds its content hash), so a new build never restores an old
// snapshot. This module reads it back (unpack: the zero pages are simply not copied). Not gzip: on a
// two-core machine, gunzipping 31 MB took the worker's thread 0.15 s at every start.
// Nothing here leaves the browser; no reader input is ever part of a snapshot.

const CACHE = "selfcheck-snapshot"; // the service worker writes to the same cache
const FORMAT = 2; // bump when the way snapshots are made or packed changes (1: gzip)
const FAILED = ".failed";
// The packed form: MAGIC and the memory's length (little-endian 32-bit), one bit per PAGE bytes of
// memory (set: the page holds a byte that is not zero), then those pages' bytes in order.
const MAGIC = 0x31534353; // "SCS1"
const PAGE = 4096;
const HEADER = 8;

/** True when this browser has what snapshots need (Cache Storage). */
function supported() {
  return typeof caches === "object";
}

/** The Cache Storage key for this format, Pyodide version and wheel. */
export function keyFor(baseURL, pyodideVersion, wheelPath) {
  return new URL(`snapshots/${FORMAT}/${pyodideVersion}/${wheelPath}.snapshot`, baseURL).href;
}

/** True when bytes[start, end) are all zero (whole pages are read 4 bytes at a time). */
function zeros(bytes, words, start, end) {
  if (words && end - start === PAGE) {
    for (let i = start >>> 2, stop = end >>> 2; i < stop; i++) if (words[i]) return false;
    return true;
  }
  for (let i = start; i < end; i++) if (bytes[i]) return false;
  return true;
}

/** A snapshot's bytes packed without its zero pages (see MAGIC), in an ArrayBuffer of their own. */
export function pack(bytes) {
  const pages = Math.ceil(bytes.length / PAGE);
  const used = new Uint8Array(Math.ceil(pages / 8));
  const words = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2) : null;
  let size = 0;
  for (let page = 0; page < pages; page++) {
    const start = page * PAGE;
    const end = Math.min(bytes.length, start + PAGE);
    if (!zeros(bytes, words, start, end)) {
      used[page >>> 3] |= 1 << (page & 7);
      size += end - start;
    }
  }
  const packed = new Uint8Array(HEADER + used.length + size);
  const header = new DataView(packed.buffer);
  header.setUint32(0, MAGIC, true);
  header.setUint32(4, bytes.length, true);
  packed.set(used, HEADER);
  let at = HEADER + used.length;
  for (let page = 0; page < pages; page++) {
    if (!(used[page >>> 3] & (1 << (page & 7)))) continue;
    const start = page * PAGE;
    const end = Math.min(bytes.length, start + PAGE);
    packed.set(bytes.subarray(start, end), at);
    at += end - start;
  }
  return packed;
}

/** The snapshot's bytes from their packed form; throws on anything that is not exactly one. */
export function unpack(packed) {
  if (packed.length < HEADER) throw new Error("not a snapshot");
  const header = new DataView(packed.buffer, packed.byteOffset, HEADER);
  if (header.getUint32(0, true) !== MAGIC) throw new Error("not a snapshot");
  const length = header.getUint32(4, true);
  const pages = Math.ceil(length / PAGE);
  const used = packed.subarray(HEADER, HEADER + Math.ceil(pages / 8));
  const bytes = new Uint8Array(length);
  let at = HEADER + used.length;
  for (let page = 0; page < pages; page++) {
    if (!(used[page >>> 3] & (1 << (page & 7)))) continue;
    const start = page * PAGE;
    const end = Math.min(length, start + PAGE);
    if (at + end - start > packed.length) throw new Error("snapshot cut short");
    bytes.set(packed.subarray(at, at + end - start), start);
    at += end - start;
  }
  if (at !== packed.length) throw new Error("snapshot has extra bytes");
  return bytes;
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
    // read while Pyodide fetches and compiles its WebAssembly (it takes a promise)
    const bytes = stored.arrayBuffer().then((buffer) => unpack(new Uint8Array(buffer)));
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


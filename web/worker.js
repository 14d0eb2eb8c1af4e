// Web Worker: runs selfcheck (Python) in Pyodide. JSON in, JSON out.
// It holds no scoring logic: every answer goes to selfcheck.handle().
//
// Start-up: from a memory snapshot of an earlier start when this browser keeps one (warm start,
// see snapshot.js), otherwise the normal way, which then captures a snapshot for next time: the
// page hands it to the service worker, which keeps it.
import { loadPyodide } from "../pyodide/__PYODIDE_VERSION__/pyodide.mjs";
import * as snapshot from "./snapshot.js";

// Download progress for the page ("Downloading the checking engine, once: 4.2 of 13.1 MB"): the bytes of
// every response this worker reads, counted as they arrive. Pyodide fetches its WebAssembly, standard
// library and lock file with fetch(), which is wrapped here; the one file it imports as a module is
// counted when it has arrived (resource timing). Only bytes are counted: nothing is read or kept.
let received = 0;
let reported = 0;
const counted = new Set();
function report(force) {
  if (!force && received - reported < 64 * 1024) return;
  reported = received;
  postMessage({ type: "progress", done: received });
}
const plainFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const response = await plainFetch(input, init);
  if (!response.ok || !response.body) return response;
  counted.add(new URL(typeof input === "string" ? input : input.url, self.location.href).href);
  const reader = response.body.getReader();
  const body = new ReadableStream({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        report(true);
        controller.close();
        return;
      }
      received += value.byteLength;
      report(false);
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
};
if (typeof PerformanceObserver === "function") {
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (counted.has(entry.name) || !entry.decodedBodySize) continue;
        counted.add(entry.name);
        received += entry.decodedBodySize;
        report(true);
      }
    }).observe({ type: "resource", buffered: true });
  } catch {
    // no resource timing in workers here: the bar then moves with the fetched files only
  }
}

const PYODIDE_VERSION = "__PYODIDE_VERSION__";
const WHEEL_PATH = "__SELFCHECK_WHEEL__";
const WHEEL = new URL(WHEEL_PATH, import.meta.url).href;
const WHEEL_FILE = "/tmp/selfcheck.whl";
const quiet = () => {};
const OPTIONS = {
  indexURL: new URL("../pyodide/__PYODIDE_VERSION__/", import.meta.url).href,
  stdout: quiet,
  stderr: quiet,
};

// The wheel is unpacked by Python itself, not with pyodide.loadPackage: a snapshot cannot be made
// after loadPackage or pyimport. Every module of the package is imported here and its data files
// read (preload), so that a Python restored from the snapshot (whose file system no longer holds
// the package) never needs its files.
const INSTALL = `
def _install(path):
    import importlib, site, zipfile
    with zipfile.ZipFile(path) as wheel:
        wheel.extractall(site.getsitepackages()[0])
        names = [n[:-3].replace("/", ".") for n in wheel.namelist() if n.startswith("selfcheck/") and n.endswith(".py")]
    for name in sorted(names):
        if not name.endswith(("__main__", "__init__")):
            importlib.import_module(name)
    importlib.import_module("selfcheck._bridge").preload()  # every language's text and rules, into memory
_install("${WHEEL_FILE}")
del _install
`;

async function fetchWheel() {
  const response = await fetch(WHEEL);
  // the page words the reasons it knows (reason, status); the message is for the console
  if (!response.ok) throw Object.assign(new Error("selfcheck wheel: HTTP " + response.status), { reason: "package", status: response.status });
  return new Uint8Array(await response.arrayBuffer());
}

async function normalStart(make) {
  const wheel = fetchWheel();
  wheel.catch(() => {}); // reported below, once Pyodide is loaded
  const pyodide = await loadPyodide(snapshot.startOptions(OPTIONS, make));
  pyodide.FS.writeFile(WHEEL_FILE, await wheel);
  pyodide.runPython(INSTALL);
  pyodide.FS.unlink(WHEEL_FILE);
  const captured = make ? snapshot.capture(pyodide) : null;
  return { handle: pyodide.pyimport("selfcheck").handle, captured };
}

const key = snapshot.keyFor(import.meta.url, PYODIDE_VERSION, WHEEL_PATH);

const started = (async () => {
  if (typeof WebAssembly !== "object") {
    throw Object.assign(new Error("no WebAssembly"), { reason: "wasm" });
  }
  const warm = await snapshot.restore(loadPyodide, OPTIONS, key);
  if (warm.pyodide) return { handle: warm.pyodide.pyimport("selfcheck").handle, start: "snapshot", captured: null };
  const runtime = await normalStart(warm.make);
  if (warm.failed) await snapshot.markFailed(key);
  return { ...runtime, start: "normal" };
})();
const handlePromise = started.then((runtime) => runtime.handle);

// A snapshot made by this start goes to the page at once (packed: without its zero pages), which hands
// it to the service worker: that keeps it, even when the reader leaves this page right away.
started.then(
  (runtime) => {
    postMessage({ type: "ready", start: runtime.start });
    const captured = runtime.captured;
    runtime.captured = null;
    if (captured) {
      const bytes = snapshot.pack(captured);
      postMessage({ type: "snapshot-made", key, bytes }, [bytes.buffer]);
    }
  },
  (error) => postMessage({
    type: "failed", reason: error && error.reason, status: error && error.status,
    message: String((error && error.message) || error),
  }),
);

self.onmessage = async (event) => {
  const { id, request } = event.data;
  let response;
  try {
    const handle = await handlePromise;
    response = handle(request);
  } catch (error) {
    response = JSON.stringify({ ok: false, unavailable: String((error && error.message) || error) }); // worded by the page
  }
  postMessage({ type: "response", id, response });
};

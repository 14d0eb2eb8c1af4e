// Web Worker: runs selfcheck (Python) in Pyodide. JSON in, JSON out.
// It holds no scoring logic: every answer goes to selfcheck.handle().
import { loadPyodide } from "../pyodide/__PYODIDE_VERSION__/pyodide.mjs";

const WHEEL = new URL("__SELFCHECK_WHEEL__", import.meta.url).href;
const quiet = () => {};

const handlePromise = (async () => {
  if (typeof WebAssembly !== "object") {
    throw new Error("this browser cannot run WebAssembly");
  }
  const pyodide = await loadPyodide({
    indexURL: new URL("../pyodide/__PYODIDE_VERSION__/", import.meta.url).href,
    stdout: quiet,
    stderr: quiet,
  });
  await pyodide.loadPackage(WHEEL, { messageCallback: quiet, errorCallback: quiet });
  return pyodide.pyimport("selfcheck").handle;
})();

handlePromise.then(
  () => postMessage({ type: "ready" }),
  (error) => postMessage({ type: "failed", message: String((error && error.message) || error) }),
);

self.onmessage = async (event) => {
  const { id, request } = event.data;
  let response;
  try {
    const handle = await handlePromise;
    response = handle(request);
  } catch (error) {
    response = JSON.stringify({ ok: false, error: "The checking engine is not available: " + String((error && error.message) || error) });
  }
  postMessage({ type: "response", id, response });
};

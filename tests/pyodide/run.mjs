// Runs selfcheck's unit tests inside Pyodide (the browser's CPython 3.14) under Node.
// The pinned npm package provides the runtime; pytest and its pure-Python dependencies come from
// the project's pinned venv and are mounted read-only, as are src/, tests/, exercises/ and content/.
// Usage: node tests/pyodide/run.mjs [pytest args...]   (make test runs it)

import { loadPyodide } from "pyodide";
import path from "node:path";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const venvLib = path.join(root, ".venv", "lib");
const pythonDir = fs.readdirSync(venvLib).find((name) => name.startsWith("python3"));
const sitePackages = path.join(venvLib, pythonDir, "site-packages");
const PURE = ["pytest", "_pytest", "pluggy", "iniconfig", "packaging", "pygments", "py.py"];

// Subprocess-based tests (the CLI run as a program) and the browser and build tests cannot run here, nor
// test_layers.py, which reads the source tree's imports (scripts/ included) rather than running anything.
const DEFAULT_ARGS = ["tests", "-q", "-p", "no:cacheprovider", "--ignore=tests/ui", "--ignore=tests/scripts",
  "--ignore=tests/content", "--ignore=tests/pyodide", "--ignore=tests/test_layers.py",
  "--deselect=tests/test_init.py::test_every_module_imports",
  "-k", "not cli and not subprocess"];

const pyodide = await loadPyodide();
const decoder = new TextDecoder();
pyodide.setStdout({ write: (buffer) => (process.stdout.write(decoder.decode(buffer)), buffer.length) });
pyodide.setStderr({ write: (buffer) => (process.stderr.write(decoder.decode(buffer)), buffer.length) });
const { FS } = pyodide;
function mount(host, target) {
  FS.mkdirTree(target);
  FS.mount(FS.filesystems.NODEFS, { root: host }, target);
}
mount(path.join(root, "src"), "/project/src");
mount(path.join(root, "tests"), "/project/tests");
mount(path.join(root, "exercises"), "/project/exercises");
mount(path.join(root, "content"), "/project/content");
FS.writeFile("/project/pyproject.toml", fs.readFileSync(path.join(root, "pyproject.toml")));
FS.mkdirTree("/deps");
for (const name of PURE) {
  const host = path.join(sitePackages, name);
  if (!fs.existsSync(host)) continue;
  if (fs.statSync(host).isDirectory()) mount(host, "/deps/" + name);
  else FS.writeFile("/deps/" + name, fs.readFileSync(host));
}
const args = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_ARGS;
pyodide.globals.set("ARGS", pyodide.toPy(args));
const status = await pyodide.runPythonAsync(`
import os, sys
sys.path[:0] = ["/deps", "/project/src", "/project/tests", "/project"]
os.chdir("/project")
print("selfcheck tests in Pyodide, Python", sys.version.split()[0])
import pytest
int(pytest.main(list(ARGS)))
`);
process.exit(status);

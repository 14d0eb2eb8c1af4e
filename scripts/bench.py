"""``make bench``: how fast and how heavy the exercise runtime is, as medians of several runs.

Measured in Debian's Chromium against the built ``site/`` served on 127.0.0.1:

- cold: a fresh browser context (empty cache), navigation start to ``data-exercise-status="ready"``;
- warm: a reload in the same context (HTTP cache filled);
- submit-to-result once ready: submit event to the ``selfcheck:result`` event;
- bytes: response bodies the server sent for the page and everything it loaded
  (cold, warm), and for a page without an exercise, which must load no Pyodide.

Timings are not asserted anywhere: this is a measurement, not a test.
"""

from __future__ import annotations

import platform
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .serve import ByteCounter, serving

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
EXERCISE_PAGE = "modules/01-what-trafficking-is/"
EXERCISE = "palermo-definition"
PLAIN_PAGE = "glossary/"

READY_MS = """(id) => new Promise((resolve) => {
  const root = document.querySelector(`[data-exercise="${id}"]`);
  const check = () => {
    const status = root.dataset.exerciseStatus;
    if (status === "ready") resolve(performance.now());
    else if (status === "error") resolve(-1);
    else setTimeout(check, 5);
  };
  check();
})"""

SUBMIT_MS = """(id) => new Promise((resolve) => {
  const root = document.querySelector(`[data-exercise="${id}"]`);
  for (const item of root.querySelectorAll("[data-item]")) {
    const input = item.querySelector("input");
    if (input) input.checked = true;
  }
  root.addEventListener("selfcheck:result", () => resolve(performance.now() - start), { once: true });
  const start = performance.now();
  root.querySelector("form").requestSubmit();
})"""


@dataclass
class Samples:
    """Named lists of measurements."""

    values: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, value: float) -> None:
        """Record one measurement."""
        self.values.setdefault(name, []).append(value)


def _settle(counter: ByteCounter) -> int:
    """Wait until the server has been quiet for a moment, then return the bytes sent."""
    total = counter.take()
    while True:
        time.sleep(0.3)
        more = counter.take()
        if not more:
            return total
        total += more


def measure(site: Path, runs: int) -> tuple[Samples, list[str]]:
    """Run every measurement ``runs`` times; returns the samples and any problems seen."""
    from playwright.sync_api import sync_playwright

    samples, problems = Samples(), []
    counter = ByteCounter()
    with serving(site, counter) as base, sync_playwright() as playwright:
        for _ in range(runs):
            # a fresh profile on disk per run: an empty cache for "cold", and a disk cache like
            # a reader's browser for "warm" (incognito memory caches refuse the 9 MB wasm file)
            profile = tempfile.mkdtemp(prefix="selfcheck-bench-")
            context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS)
            page = context.pages[0] if context.pages else context.new_page()
            pyodide_requests: list[str] = []
            page.on("request", lambda r, seen=pyodide_requests: seen.append(r.url) if "pyodide" in r.url else None)
            counter.take()
            page.goto(base + PLAIN_PAGE, wait_until="networkidle")
            samples.add("plain page, bytes", _settle(counter))
            if pyodide_requests:
                problems.append(f"the page without an exercise requested {pyodide_requests[0]}")

            page.goto(base + EXERCISE_PAGE, wait_until="domcontentloaded")
            ready = page.evaluate(READY_MS, EXERCISE)
            if ready < 0:
                problems.append("the runtime reported an error")
                break
            samples.add("cold navigation to ready, ms", ready)
            samples.add("cold exercise page, bytes", _settle(counter))
            samples.add("submit to result, ms", page.evaluate(SUBMIT_MS, EXERCISE))

            page.reload(wait_until="domcontentloaded")
            samples.add("warm (reload) navigation to ready, ms", page.evaluate(READY_MS, EXERCISE))
            samples.add("warm exercise page, bytes", _settle(counter))
            context.close()
            shutil.rmtree(profile, ignore_errors=True)
    return samples, problems


def report(samples: Samples, runs: int) -> str:
    """A plain-text table of medians (and ranges) with the machine it was taken on."""
    lines = [
        f"selfcheck benchmark: {runs} runs, medians (min to max)",
        f"machine: {platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}",
        "",
    ]
    for name, values in samples.values.items():
        median = statistics.median(values)
        if name.endswith("bytes"):
            shown = f"{median / 1024:,.0f} KiB"
            spread = f"{min(values) / 1024:,.0f}–{max(values) / 1024:,.0f} KiB"
        else:
            shown = f"{median:,.0f} ms" if median >= 10 else f"{median:.1f} ms"
            spread = f"{min(values):.1f}–{max(values):.1f} ms"
        lines.append(f"  {name:<40} {shown:>12}   ({spread})")
    return "\n".join(lines)


def main(runs: int = 5) -> None:
    """Measure and print; the site must have been built (``make bench`` does)."""
    if not (paths.SITE / EXERCISE_PAGE / "index.html").is_file():
        raise SystemExit("error: no built site: run 'make build' first")
    samples, problems = measure(paths.SITE, runs)
    print(report(samples, runs))
    for problem in problems:
        print(f"PROBLEM: {problem}")
    if problems:
        raise SystemExit(1)

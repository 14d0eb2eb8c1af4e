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

import json
import platform
import shutil
import statistics
import subprocess
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
    // a knowledge check is ready to answer once Python's drawn attempt is on screen
    const drawn = root.dataset.exerciseKind !== "quiz" || root.dataset.quizAttempt !== undefined;
    if (status === "ready" && drawn) resolve(performance.now());
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
            samples.add("page without exercise, first visit (with offline copy), bytes", _settle(counter))
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


LIGHTHOUSE = paths.NODE_MODULES / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = {"home": "", "module page": "modules/03-survivors-needs/", "exercise page": "distinction/quiz/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(site: Path, runs: int) -> dict[str, dict[str, float]]:
    """Median Lighthouse category scores per page (pinned npm package, Debian's Chromium)."""
    scores: dict[str, dict[str, float]] = {}
    flags = " ".join(arg if " " not in arg else f"'{arg}'" for arg in ARGS)
    with serving(site) as base, tempfile.TemporaryDirectory() as out:
        for name, path in LIGHTHOUSE_PAGES.items():
            found: dict[str, list[float]] = {}
            for run in range(runs):
                report_path = Path(out) / f"{run}.json"
                subprocess.run(
                    [str(LIGHTHOUSE), base + path, f"--chrome-path={CHROMIUM}", f"--chrome-flags={flags}",
                     "--output=json", f"--output-path={report_path}", "--quiet",
                     f"--only-categories={','.join(CATEGORIES)}"],
                    check=True, cwd=paths.ROOT,
                )
                categories = json.loads(report_path.read_text(encoding="utf-8"))["categories"]
                for category in CATEGORIES:
                    found.setdefault(category, []).append(float(categories[category]["score"]))
            scores[name] = {category: statistics.median(values) for category, values in found.items()}
    return scores


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
        lines.append(f"  {name:<58} {shown:>12}   ({spread})")
    return "\n".join(lines)


def main(runs: int = 5) -> None:
    """Measure and print; the site must have been built (``make bench`` does)."""
    if not (paths.SITE / EXERCISE_PAGE / "index.html").is_file():
        raise SystemExit("error: no built site: run 'make build' first")
    samples, problems = measure(paths.SITE, runs)
    print(report(samples, runs))
    misses: list[str] = []
    lighthouse_runs = min(runs, 3)
    print(f"\nLighthouse 12 (simulated slow 4G, median of {lighthouse_runs} runs):")
    for name, scores in lighthouse(paths.SITE, lighthouse_runs).items():
        shown = "  ".join(f"{category} {score:.2f}" for category, score in scores.items())
        print(f"  {name:<14} {shown}")
        misses.extend(f"Lighthouse {name}: {c} {s:.2f} is below 0.95" for c, s in scores.items() if s < 0.95)
    submit = statistics.median(samples.values.get("submit to result, ms", [0.0]))
    if submit >= 50:
        misses.append(f"submit to result {submit:.0f} ms is not under 50 ms")
    for miss in misses:
        print(f"BELOW TARGET: {miss}")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    if problems:
        raise SystemExit(1)

"""``make bench``: how fast and how heavy the exercise runtime is, as medians of several runs.

Measured in Debian's Chromium against the built ``site/`` served on 127.0.0.1,
each run in fresh browser profiles on disk (like a reader's browser):

- cold: a first visit straight to an exercise page (empty caches), navigation
  start to ``data-exercise-status="ready"``; Python starts the normal way and
  captures a memory snapshot, which the worker stores after the page is ready;
- first warm: once the snapshot is stored, the first reload (Python starts
  from the snapshot; the browser's compiled-WebAssembly cache is still cold);
- warm: the reloads after that;
- submit-to-result once ready: submit event to the ``selfcheck:result`` event;
- bytes: response bodies the server sent: for the exercise page (cold, warm),
  and for a first visit to a page without an exercise, which loads no Pyodide
  itself, then the offline copy the service worker makes in the background.

Timings are not asserted anywhere: this is a measurement, not a test. The
machine may be shared, so single runs are noisy; medians are what to compare.
"""

from __future__ import annotations

import json
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths
from .serve import ByteCounter, serving

if TYPE_CHECKING:
    from playwright.sync_api import Page, Playwright

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
WARM_RELOADS = 3
COLD = "cold (first visit), navigation to ready, ms"
FIRST_WARM = "first warm (first reload), navigation to ready, ms"
WARM = "warm (later reloads), navigation to ready, ms"
#: Targets of issue 15 (medians): warm start, and warm start as a share of cold start.
WARM_TARGET_MS = 800
WARM_COLD_TARGET = 0.35

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

START = """(id) => document.querySelector(`[data-exercise="${id}"]`).dataset.exerciseStart"""

SNAPSHOT_STORED = """(id) => document.querySelector(`[data-exercise="${id}"]`).dataset.exerciseSnapshot === "stored" """

#: True once the service worker holds every runtime file its list names (the offline copy is complete).
RUNTIME_STORED = """async (base) => {
  const source = await (await fetch(base + "sw.js")).text();
  const wanted = JSON.parse(source.match(/const RUNTIME_FILES = (\\[.*?\\]);/)[1]).length;
  const cache = await caches.open("selfcheck-runtime");
  return (await cache.keys()).length >= wanted;
}"""

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


@contextmanager
def _fresh_page(playwright: Playwright) -> Iterator[Page]:
    """A page in a new browser profile on disk (empty caches; a disk cache like a reader's browser).

    Incognito contexts keep their cache in memory and refuse the 9 MB WebAssembly file.
    """
    profile = tempfile.mkdtemp(prefix="selfcheck-bench-")
    context = playwright.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=ARGS)
    try:
        yield context.pages[0] if context.pages else context.new_page()
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(page: Page, function: str, arg: object = None, timeout_ms: float = 60_000) -> bool:
    """Evaluate a page function every 100 ms until it returns true; False on timeout.

    Unlike ``page.wait_for_function`` this awaits a function that returns a promise (an
    ``async`` function reading Cache Storage, say) instead of taking the promise as true.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(function, arg):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _ready_ms(page: Page, samples: Samples, name: str, problems: list[str]) -> str:
    """Record navigation-to-ready of the exercise in ``name``; returns how Python started."""
    ready = page.evaluate(READY_MS, EXERCISE)
    if ready < 0:
        problems.append(f"{name}: the runtime reported an error")
        return "error"
    samples.add(name, ready)
    return str(page.evaluate(START, EXERCISE))


def _plain_page(page: Page, base: str, counter: ByteCounter, samples: Samples, problems: list[str]) -> None:
    """First visit to a page without an exercise: its own bytes, then the offline copy made after it."""
    own: list[str] = []
    page.on("request", lambda r: own.append(r.url) if r.service_worker is None and "pyodide" in r.url else None)
    counter.take()
    page.goto(base + PLAIN_PAGE, wait_until="load")
    samples.add("page without exercise, first visit, bytes", counter.take())
    if own:
        problems.append(f"the page without an exercise requested {own[0]} itself")
    if not wait_for(page, RUNTIME_STORED, base, 120_000):
        problems.append("the offline copy of the runtime was not completed after a page without an exercise")
    samples.add("offline copy made in the background after it, bytes", _settle(counter))


def _exercise_page(page: Page, base: str, counter: ByteCounter, samples: Samples, problems: list[str]) -> None:
    """Cold visit to an exercise page, then the first warm and further warm reloads."""
    counter.take()
    page.goto(base + EXERCISE_PAGE, wait_until="domcontentloaded")
    if _ready_ms(page, samples, COLD, problems) != "normal":
        problems.append("the cold start did not start Python the normal way")
    samples.add("cold exercise page (with offline copy), bytes", _settle(counter))
    samples.add("submit to result, ms", page.evaluate(SUBMIT_MS, EXERCISE))
    if not wait_for(page, SNAPSHOT_STORED, EXERCISE, 60_000):
        problems.append("no snapshot was stored after the cold start")
    for reload in range(1 + WARM_RELOADS):
        name = FIRST_WARM if reload == 0 else WARM
        page.reload(wait_until="domcontentloaded")
        start = _ready_ms(page, samples, name, problems)
        samples.add("warm starts from the snapshot, %", 100.0 if start == "snapshot" else 0.0)
    samples.add("warm exercise page, bytes", _settle(counter))


def measure(site: Path, runs: int) -> tuple[Samples, list[str]]:
    """Run every measurement ``runs`` times; returns the samples and any problems seen."""
    from playwright.sync_api import sync_playwright

    samples, problems = Samples(), []
    counter = ByteCounter()
    with serving(site, counter) as base, sync_playwright() as playwright:
        for _ in range(runs):
            with _fresh_page(playwright) as page:
                _exercise_page(page, base, counter, samples, problems)
            with _fresh_page(playwright) as page:
                _plain_page(page, base, counter, samples, problems)
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
        if name.endswith("%"):
            shown, spread = f"{statistics.mean(values):.0f} %", f"{len(values)} starts"
        elif name.endswith("bytes"):
            shown = f"{median / 1024:,.0f} KiB"
            spread = f"{min(values) / 1024:,.0f}–{max(values) / 1024:,.0f} KiB"
        else:
            shown = f"{median:,.0f} ms" if median >= 10 else f"{median:.1f} ms"
            spread = f"{min(values):.1f}–{max(values):.1f} ms"
        lines.append(f"  {name:<58} {shown:>12}   ({spread})")
    cold, warm = (statistics.median(samples.values.get(name, [0.0])) for name in (COLD, WARM))
    if cold:
        lines.append(f"  {'warm / cold':<58} {warm / cold:>12.2f}")
    return "\n".join(lines)


def targets(samples: Samples) -> list[str]:
    """The start-up targets this build misses (medians)."""
    misses = []
    cold, warm = (statistics.median(samples.values.get(name, [0.0])) for name in (COLD, WARM))
    if warm > WARM_TARGET_MS:
        misses.append(f"warm start {warm:.0f} ms is above {WARM_TARGET_MS} ms")
    if cold and warm / cold > WARM_COLD_TARGET:
        misses.append(f"warm / cold {warm / cold:.2f} is above {WARM_COLD_TARGET}")
    return misses


def main(runs: int = 5) -> None:
    """Measure and print; the site must have been built (``make bench`` does)."""
    if not (paths.SITE / EXERCISE_PAGE / "index.html").is_file():
        raise SystemExit("error: no built site: run 'make build' first")
    samples, problems = measure(paths.SITE, runs)
    print(report(samples, runs))
    misses = targets(samples)
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

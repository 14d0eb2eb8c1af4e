"""web/boot.js in Chromium: on a page with an exercise, the checking engine's worker starts from the page's head.

Only once the site's service worker controls the page (a first visit loads the page's own files
first). selfcheck.js runs once the page has been read; it takes the worker over, with the messages
the worker sent before (its progress, and "ready" when Python was faster than the page).
"""

from __future__ import annotations

from playwright.sync_api import Page, Worker

from scripts.bench import SNAPSHOT_STORED
from support import answer_attempt, submit, wait_ready

MODULE = "modules/01-what-trafficking-is/"
EXERCISE = "palermo-definition"
#: Replaces the service worker's copy of selfcheck.js with one that first waits 6 seconds (a module's
#: top-level await: everything that imports it waits too) and says so on the console.
HOLD_SELFCHECK = """async (url) => {
  const name = (await caches.keys()).find((key) => key.startsWith("selfcheck-site-"));
  const cache = await caches.open(name);
  const source = await (await cache.match(url)).text();
  const held = 'console.log("selfcheck.js runs"); await new Promise((resolve) => setTimeout(resolve, 6000));\\n';
  await cache.put(url, new Response(held + source, { headers: { "Content-Type": "text/javascript" } }));
}"""


def test_engine_starts_from_the_head_and_selfcheck_takes_it_over(first_visit: Page, site_url: str) -> None:
    """With the site installed, the worker starts before selfcheck.js runs, which takes it over.

    First visit: no head start (the page is not yet controlled by the service worker): the worker is
    asked for only after the page's last script, the theme's, has been. Then the
    service worker's copy of selfcheck.js is made to wait 6 seconds before it runs, and the page is
    reloaded: the engine's worker is created before selfcheck.js runs and its messages ("ready"
    among them: a warm start takes about a second) reach the page before anything listens. boot.js
    keeps them and hands them over (were they lost, the exercise would never be ready). Then it
    scores like CPython.
    """
    page = first_visit  # nothing on the device yet
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url.rsplit("/", 1)[-1]))
    events: list[str] = []
    page.on("worker", lambda worker: events.append("worker " + worker.url) if worker.url.endswith("/worker.js")
            else None)
    page.on("console", lambda message: events.append(message.text) if message.text == "selfcheck.js runs"
            else None)
    page.goto(site_url + MODULE)
    wait_ready(page, EXERCISE)
    assert page.locator("script[data-selfcheck-start]").count() == 1
    assert events == ["worker " + site_url + "assets/selfcheck/worker.js"]  # started by selfcheck.js,
    bundle = next(i for i, name in enumerate(requests) if name.startswith("bundle."))
    assert bundle < requests.index("worker.js")  # once the page had been read: its own files came first
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
    page.wait_for_function(SNAPSHOT_STORED, arg=EXERCISE, polling=100, timeout=60_000)

    page.evaluate(HOLD_SELFCHECK, site_url + "assets/selfcheck/selfcheck.js")
    events.clear()
    page.reload()
    wait_ready(page, EXERCISE)
    assert events == ["worker " + site_url + "assets/selfcheck/worker.js", "selfcheck.js runs"], events
    root = page.locator(f'[data-exercise="{EXERCISE}"]')
    assert root.get_attribute("data-exercise-start") == "snapshot"
    expected = answer_attempt(page, EXERCISE, right=None)  # what CPython scores for these answers
    assert submit(page, EXERCISE).locator(".sc-summary").inner_text() == expected["summary"]


def test_pages_without_an_exercise_start_nothing_from_the_head(page: Page, site_url: str) -> None:
    """The glossary carries no head start, and no engine worker runs there (the page imports boot.js all the same)."""
    started: list[Worker] = []
    page.on("worker", lambda worker: started.append(worker))
    page.goto(site_url + "glossary/")
    assert page.locator("script[data-selfcheck-start]").count() == 0
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert not [worker.url for worker in started if worker.url.endswith("/assets/selfcheck/worker.js")]

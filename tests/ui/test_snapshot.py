"""Warm start in Chromium (web/snapshot.js): Python restored from a stored memory snapshot.

A reload scores like CPython; a damaged snapshot is deleted and the page starts the normal way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from scripts import paths
from scripts.bench import SNAPSHOT_STORED
from scripts.runtime import pyodide_version
from support import answer, attempt_answers, attempt_seed, cli_json, feedback, submit, wait_ready

MODULE = "modules/01-what-trafficking-is/"
EXERCISE = "palermo-definition"
SNAPSHOTS = """async () => (await (await caches.open("selfcheck-snapshot")).keys()).map((request) => request.url)"""
DAMAGE = """async () => {
  const cache = await caches.open("selfcheck-snapshot");
  for (const request of await cache.keys()) await cache.put(request, new Response("not a snapshot"));
}"""


def start_of(page: Page) -> str | None:
    """How the page's Python started: "snapshot" (warm) or "normal"."""
    return page.locator(f'[data-exercise="{EXERCISE}"]').get_attribute("data-exercise-start")


def scored_like_cpython(page: Page, lang: str = "en") -> None:
    """Answer the knowledge check's attempt on screen; the page must show exactly CPython's feedback in ``lang``."""
    seed = attempt_seed(page, EXERCISE)
    answers: dict[str, Any] = attempt_answers(EXERCISE, seed, right=None)
    expected = cli_json("score", EXERCISE, "-", "--seed", str(seed), "--lang", lang, stdin=json.dumps(answers))
    answer(page, EXERCISE, answers)
    result = submit(page, EXERCISE)
    assert result.locator(".sc-summary").inner_text() == expected["summary"]  # selfcheck's own words, in lang
    if lang == "en":  # the feedback is the definition's text: the English catalog's here, the edition's there
        assert feedback(result) == {item["id"]: item["message"] for item in expected["items"]}


def test_reload_starts_from_the_snapshot_and_a_damaged_one_is_dropped(first_visit: Page, site_url: str,
                                                                     built_site: Path) -> None:
    """A reload starts from the snapshot; a damaged snapshot falls back to a normal start and is dropped.

    First visit: normal start, then one snapshot is stored (keyed by Pyodide version and wheel).
    Reload: Python comes from the snapshot and scores as CPython does, in English and, on the
    Romanian and Bulgarian pages, in their language (the package's text was read before the
    snapshot was taken: the restored Python has no package files). Damaged snapshot: the page
    still gets ready (normal start), the snapshot is deleted and a marker stops new ones for this build.
    """
    page = first_visit  # nothing on the device yet
    page.goto(site_url + MODULE)
    wait_ready(page, EXERCISE)
    assert start_of(page) == "normal"
    page.wait_for_function(SNAPSHOT_STORED, arg=EXERCISE, polling=100, timeout=60_000)
    [wheel] = (built_site / paths.SITE_SELFCHECK / "wheels").glob("*/*.whl")
    [key] = page.evaluate(SNAPSHOTS)
    assert key.endswith(f"/{pyodide_version()}/{wheel.relative_to(built_site / paths.SITE_SELFCHECK)}.gz")

    page.reload()
    wait_ready(page, EXERCISE)
    assert start_of(page) == "snapshot"
    scored_like_cpython(page)
    for lang in ("ro", "bg"):  # made on an English page, the snapshot answers in each edition's language
        page.goto(site_url + f"{lang}/{MODULE}")
        wait_ready(page, EXERCISE)
        assert start_of(page) == "snapshot"
        scored_like_cpython(page, lang)
    page.goto(site_url + MODULE)
    wait_ready(page, EXERCISE)

    page.evaluate(DAMAGE)
    page.reload()
    wait_ready(page, EXERCISE)
    assert start_of(page) == "normal"
    scored_like_cpython(page)
    assert page.evaluate(SNAPSHOTS) == [key + ".failed"]  # deleted, and marked: none is made again for this build

"""Offline use in Chromium: after a first visit to any page, the site and its exercises work with the network off."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from playwright.sync_api import Page, expect

from scripts import offline
from scripts.bench import RUNTIME_STORED, wait_for
from scripts.serve import serving
from support import answer_attempt, submit

RUNTIME_COUNT = """async () => (await (await caches.open("selfcheck-runtime")).keys()).length"""
SAVE_DATA = """Object.defineProperty(Object.getPrototypeOf(navigator.connection), "saveData", { get: () => true });"""


def test_home_page_alone_makes_every_exercise_work_offline(first_visit: Page, site_url: str) -> None:
    """Only the home page opened, then offline: other pages open, and a never-visited exercise is scored.

    A page also opens from a search result's address, which carries the words to highlight (``?h=``).

    The exercise gets exactly the summary CPython's selfcheck computes for the same answers.
    """
    page = first_visit  # nothing on the device yet
    page.goto(site_url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
    assert wait_for(page, RUNTIME_STORED, site_url, 120_000), "the runtime was not stored for offline use"

    page.context.set_offline(True)
    # a search result's address carries the words to highlight (?h=): the cached page still answers
    for path in ("glossary/", "checklists/", "wellbeing/cbi/", "glossary/?h=smuggling"):
        page.goto(site_url + path)
        expect(page.locator("h1").first).to_be_visible()

    page.goto(site_url + "modules/02-identification-obstacles/")
    expected = answer_attempt(page, "kc-02-identification", right=None)
    expect(submit(page, "kc-02-identification").locator(".sc-summary")).to_have_text(expected["summary"])
    page.context.set_offline(False)


def test_about_page_button_stores_everything_when_the_browser_saves_data(first_visit: Page, site_url: str) -> None:
    """Saving data: no background download and About says "no"; its button stores everything.

    The button shows progress (a full bar, sizes in MB) and the status becomes "yes".
    """
    page = first_visit  # nothing on the device yet
    page.add_init_script(SAVE_DATA)
    page.goto(site_url + "about/")
    panel = page.locator("[data-offline-status]")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
    expect(panel.locator("[data-offline-detail]")).to_contain_text("save data", timeout=30_000)
    expect(panel.locator("[data-offline-state]")).to_have_text("no")
    assert page.evaluate(RUNTIME_COUNT) == 0

    button = panel.get_by_role("button", name="Make everything available offline")
    button.click()
    expect(panel.locator("[data-offline-state]")).to_have_text("yes", timeout=120_000)
    assert wait_for(page, RUNTIME_STORED, site_url, 10_000)
    bar = panel.locator("progress")
    expect(bar).to_be_visible()
    assert bar.evaluate("el => el.value === el.max && el.max > 1e6")
    expect(panel.locator("[data-offline-progress-text]")).to_contain_text("Stored for offline use")
    expect(button).to_be_enabled()


def test_service_worker_lists_this_build(built_site: Path) -> None:
    """sw.js names a build version and lists the pages of the edition at the root, but not the Pyodide runtime."""
    source = (built_site / "sw.js").read_text(encoding="utf-8")
    assert "__VERSION__" not in source and "__EDITIONS__" not in source and "__SHARED__" not in source
    editions = json.loads(source.split("const EDITIONS = ", 1)[1].split(";", 1)[0])
    precache = editions[""]
    assert "./" in precache and "modules/01-what-trafficking-is/" in precache
    assert not [url for url in precache if "pyodide" in url or url.endswith(".whl")]
    sizes = json.loads(source.split("const SIZES = ", 1)[1].split(";\n", 1)[0])
    runtime = json.loads(source.split("const RUNTIME_FILES = ", 1)[1].split(";\n", 1)[0])
    assert sizes["./"] == (built_site / "index.html").stat().st_size
    assert all(sizes[url] > 0 for url in runtime)


def test_new_build_is_announced_and_replaces_the_old_cache(page: Page, built_site: Path, tmp_path: Path) -> None:
    """After a new build is deployed the page says an update is ready; accepting it leaves only the new cache."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    with serving(site) as base:
        page.goto(base + "glossary/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
        old = page.evaluate("() => caches.keys()")
        assert len([name for name in old if name.startswith("selfcheck-site-")]) == 1

        glossary = site / "glossary" / "index.html"
        glossary.write_text(glossary.read_text(encoding="utf-8").replace("</h1>", " (new build)</h1>", 1),
                            encoding="utf-8")
        version = offline.write(site)
        page.reload()
        bar = page.locator("[data-update-ready]")
        expect(bar).to_contain_text("update")
        bar.get_by_role("button").click()
        expect(page.locator("h1").first).to_contain_text("(new build)", timeout=30_000)
        names = page.evaluate("() => caches.keys()")
        assert [name for name in names if name.startswith("selfcheck-site-")] == [f"selfcheck-site-{version}"]

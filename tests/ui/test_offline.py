"""Offline use in Chromium: after a first visit the site and its exercises work with the network off."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from playwright.sync_api import Page, expect

from scripts import offline
from scripts.serve import serving
from support import answer_attempt, submit, wait_ready

RUNTIME_CACHED = """async (base) => {
  const source = await (await fetch(base + "sw.js")).text();
  const wanted = JSON.parse(source.match(/const RUNTIME_FILES = (\\[.*?\\]);/)[1]).length;
  const cache = await caches.open("selfcheck-runtime");
  return (await cache.keys()).length >= wanted;
}"""


def test_pages_and_exercises_work_offline(page: Page, site_url: str) -> None:
    """With the network off, other pages open and a different exercise is scored like CPython scores it."""
    page.goto(site_url + "modules/01-what-trafficking-is/")
    wait_ready(page, "palermo-definition")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
    page.wait_for_function(RUNTIME_CACHED, arg=site_url, polling=250, timeout=60_000)

    page.context.set_offline(True)
    for path in ("glossary/", "checklists/", "wellbeing/cbi/"):
        page.goto(site_url + path)
        expect(page.locator("h1").first).to_be_visible()

    page.goto(site_url + "modules/02-identification-obstacles/")
    expected = answer_attempt(page, "kc-02-identification", right=None)
    expect(submit(page, "kc-02-identification").locator(".sc-summary")).to_have_text(expected["summary"])
    page.context.set_offline(False)


def test_service_worker_lists_this_build(built_site: Path) -> None:
    """sw.js names a build version and precaches pages but not the Pyodide runtime."""
    source = (built_site / "sw.js").read_text(encoding="utf-8")
    assert "__VERSION__" not in source and "__PRECACHE__" not in source
    precache = json.loads(source.split("const PRECACHE = ", 1)[1].split(";\n", 1)[0])
    assert "./" in precache and "modules/01-what-trafficking-is/" in precache
    assert not [url for url in precache if "pyodide" in url or url.endswith(".whl")]


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

"""The site's search: what a new specialist types finds the page or glossary term that answers it.

Forms, status lines and paper versions are left out of the index (``data-search-exclude``, written by
``scripts/fragments.py``), and every glossary term has its own heading, so a result lands on the term.
The index is built when the page is settled or the reader reaches for the search (``web/search.js``,
``web/search/worker.js``, ``scripts/search.py``), not beside a starting exercise.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote_plus, urlparse

from playwright.sync_api import Page, expect

from scripts import search as search_step

#: Material marks each result link with ``?h=<query>``; a result list is current once a link carries it.
CURRENT = """h => Array.from(document.querySelectorAll('.md-search-result__list a'))
  .some(a => a.href.includes('h=' + h))"""
RESULTS = """() => Array.from(document.querySelectorAll('.md-search-result__list > .md-search-result__item'))
  .map(item => Array.from(item.querySelectorAll('a')).map(a => ({
    path: new URL(a.href).pathname, hash: new URL(a.href).hash,
    title: (a.querySelector('h1, h2') || a).textContent.trim() })))"""


def search(page: Page, query: str) -> list[list[dict[str, str]]]:
    """Type ``query`` in the search box; returns the results: per page, its links (the page, then sections)."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.type(query)  # the theme searches on key presses
    page.wait_for_function(CURRENT, arg=quote_plus(query.lower()))
    results: list[list[dict[str, str]]] = page.evaluate(RESULTS)
    return results


def test_three_searches_find_their_answer_first(phone: Page, site_url: str) -> None:
    """Three searches a newcomer makes find their answer first.

    "reflection period" lands on its glossary term; "smuggling" and "burnout" open the pages about
    them, not the glossary's top; tapping the first result of the first search shows the term's heading.

    (That forms and status lines stay out of the index is checked on the built index, in
    tests/scripts/test_site.py.)
    """
    phone.goto(site_url)
    phone.locator(".md-header__button[for=__search]").first.tap()
    prefix = urlparse(site_url).path

    first = search(phone, "reflection period")[0]
    assert first[0]["path"] == prefix + "glossary/"
    assert first[1]["hash"] == "#reflection-period-recovery-and-reflection-period", first
    assert first[1]["title"].startswith("Reflection period")

    first = search(phone, "smuggling")[0]
    assert "smuggling" in first[0]["title"].lower() and first[0]["path"] != prefix + "glossary/", first

    first = search(phone, "burnout")[0]
    assert "burnout" in first[0]["title"].lower() and first[0]["path"] != prefix + "glossary/", first

    search(phone, "reflection period")
    phone.locator(".md-search-result__list a[href*='#reflection-period-']").first.tap()
    heading = phone.locator("h2#reflection-period-recovery-and-reflection-period")
    expect(heading).to_be_in_viewport()
    assert phone.evaluate("() => location.pathname").endswith("/glossary/")


#: Installed before a page's own scripts: when its exercise became ready and when the theme's search
#: said it is ready (its result line turns from "Initializing search" to the placeholder).
WATCH = """(() => {
  const times = (window.__times = {});
  const placeholder = () => JSON.parse(document.getElementById("__config").textContent)
    .translations["search.result.placeholder"];
  const check = () => {
    const root = document.querySelector("[data-exercise]");
    if (root && root.dataset.exerciseStatus === "ready" && !times.engine) times.engine = performance.now();
    const meta = document.querySelector(".md-search-result__meta");
    if (meta && !times.search && meta.textContent.trim() === placeholder()) times.search = performance.now();
  };
  new MutationObserver(check)
    .observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})()"""
EXERCISE_PAGE = "modules/01-what-trafficking-is/"


def test_an_exercise_page_builds_its_search_index_after_the_engine_is_ready(first_visit: Page, site_url: str) -> None:
    """The theme's search index is built only once the exercise's engine is ready, not beside its start.

    A first visit (Python starts the long way): the search reports ready after the exercise does. The
    theme alone builds its index as soon as the page has loaded, seconds before the engine is ready.
    """
    page = first_visit
    page.add_init_script(WATCH)
    page.goto(site_url + EXERCISE_PAGE)
    page.wait_for_function("() => window.__times.engine && window.__times.search", timeout=90_000, polling=100)
    times = page.evaluate("() => window.__times")
    assert times["search"] > times["engine"], times


def test_reaching_for_the_search_builds_the_index_at_once(first_visit: Page, site_url: str) -> None:
    """A reader who searches while the exercise's engine is still starting gets results straight away.

    Typing in the search box (which focuses it) tells the search worker to build its index now.
    """
    page = first_visit
    page.goto(site_url + EXERCISE_PAGE, wait_until="domcontentloaded")
    results = search(page, "burnout")
    assert any("burnout" in link["title"].lower() for result in results for link in result), results
    root = page.locator('[data-exercise="palermo-definition"]')
    assert root.get_attribute("data-exercise-status") == "loading"  # the engine had not got there yet


def test_every_page_starts_the_search_through_the_wrapper(built_site: Path) -> None:
    """Every page's theme config names the wrapper worker, which sits next to the theme's own and loads it.

    Every search index is plain UTF-8 (no escaped Cyrillic letters).
    """
    pages = 0
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if 'id="__config"' not in html:
            continue
        config = json.loads(html.split('<script id="__config" type="application/json">', 1)[1].split("</script>", 1)[0])
        assert config["search"].endswith(f"{search_step.WORKERS}/{search_step.WRAPPER}"), page
        pages += 1
    assert pages > 300
    themes = sorted(built_site.rglob(f"{search_step.WORKERS}/search.*.min.js"))
    assert themes  # one per edition
    for theme in themes:
        wrapper = theme.parent / search_step.WRAPPER
        assert f'importScripts("{theme.name}")' in wrapper.read_text(encoding="utf-8")
    for index in built_site.rglob("search/search_index.json"):
        assert "\\u04" not in index.read_text(encoding="utf-8"), index

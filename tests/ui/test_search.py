"""The site's search on a phone: what a new specialist types finds the page or glossary term that answers it.

Forms, status lines and paper versions are left out of the index (``data-search-exclude``, written by
``scripts/fragments.py``), and every glossary term has its own heading, so a result lands on the term.
"""

from __future__ import annotations

from urllib.parse import quote_plus, urlparse

from playwright.sync_api import Page, expect

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

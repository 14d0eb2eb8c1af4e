"""Onboarding progress in Chromium: kept only in this browser, shown on the path page, clearable."""

from __future__ import annotations

import json

from playwright.sync_api import Page

from support import answer_attempt, submit

KEY = "selfcheck:progress"


def test_visit_and_pass_show_on_the_path(page: Page, site_url: str) -> None:
    """Visiting module 1 and passing its check is shown on the onboarding page; clearing resets it.

    "Undo", offered after the one-click clear, puts the record back.
    """
    page.goto(site_url + "onboarding/")
    visited = page.locator('[data-progress-visited="modules/01-what-trafficking-is/"]')
    passed = page.locator('[data-progress-passed="palermo-definition"]')
    assert visited.inner_text() == "not yet"
    page.goto(site_url + "modules/01-what-trafficking-is/")
    assert answer_attempt(page, "palermo-definition")["passed"] is True
    submit(page, "palermo-definition")
    page.goto(site_url + "onboarding/")
    assert visited.inner_text().startswith("visited ")
    assert passed.inner_text().startswith("passed ")
    kept = page.evaluate(f"localStorage.getItem('{KEY}')")
    page.locator("[data-progress-clear]").click()
    assert visited.inner_text() == "not yet"
    assert passed.inner_text() == "not yet"
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    page.locator("[data-undo-button]").click()  # one click cleared it: "Undo" puts the record back
    assert passed.inner_text().startswith("passed ")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == kept
    page.locator("[data-progress-clear]").click()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_corrupt_progress_is_reset_with_a_message(page: Page, site_url: str) -> None:
    """Damaged or old-version stored progress is discarded with a visible message, not a broken page."""
    page.goto(site_url + "onboarding/")
    for bad in ("{not json", json.dumps({"v": 0, "visited": {}, "passed": {}})):
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, bad])
        page.reload()
        assert "reset" in page.locator("[data-progress-message]").inner_text()
        assert page.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_a_later_pass_keeps_the_first_pass_date(page: Page, site_url: str) -> None:
    """Passing a check again leaves the date it was first passed (the date the onboarding record shows)."""
    page.goto(site_url + "onboarding/")
    first = {"v": 1, "visited": {}, "passed": {"palermo-definition": "2026-11-01"}}
    page.evaluate("([key, value]) => localStorage.setItem(key, JSON.stringify(value))", [KEY, first])
    page.goto(site_url + "modules/01-what-trafficking-is/")
    assert answer_attempt(page, "palermo-definition")["passed"] is True
    submit(page, "palermo-definition")
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert stored["passed"] == {"palermo-definition": "2026-11-01"}
    assert "modules/01-what-trafficking-is/" in stored["visited"]


def test_a_visit_in_another_edition_shows_on_its_path(page: Page, site_url: str) -> None:
    """A Romanian module page visited shows on the Romanian onboarding page (paths from the edition's root)."""
    page.goto(site_url + "ro/modules/02-identification-obstacles/")
    page.wait_for_function(f"() => (localStorage.getItem('{KEY}') || '').includes('modules/02-')")
    assert list(json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))["visited"]) == [
        "modules/02-identification-obstacles/"]
    page.goto(site_url + "ro/onboarding/")
    cell = page.locator('[data-progress-visited="modules/02-identification-obstacles/"]')
    assert cell.locator("time").count() == 1


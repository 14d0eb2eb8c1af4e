"""A knowledge check in Chromium: the drawn attempt is scored by Python in the browser, same as CPython."""

from __future__ import annotations

from playwright.sync_api import Page

from support import answer_attempt, feedback, submit

MODULE = "modules/01-what-trafficking-is/"


def test_knowledge_check_matches_cpython(page: Page, site_url: str) -> None:
    """Answers given in the browser get exactly the feedback CPython's selfcheck computes for the same attempt."""
    page.goto(site_url + MODULE)
    expected = answer_attempt(page, "palermo-definition", right=None)  # the first option shown of each item
    result = submit(page, "palermo-definition")
    assert result.locator(".sc-summary").inner_text() == expected["summary"]
    assert feedback(result) == {item["id"]: item["message"] for item in expected["items"]}


def test_right_and_wrong_are_told_in_words(page: Page, site_url: str) -> None:
    """Each feedback entry carries its verdict as text (not only a colour), taken from Python's label."""
    page.goto(site_url + MODULE)
    expected = answer_attempt(page, "palermo-definition", right=False)
    result = submit(page, "palermo-definition")
    labels = [entry.locator(".sc-fb-label").inner_text() for entry in result.locator(".sc-fb").all()]
    assert labels == [item["label"] for item in expected["items"]]
    assert all(label.strip() for label in labels)
    assert {item["status"] for item in expected["items"]} - {"correct"}, "the answers should include a wrong one"

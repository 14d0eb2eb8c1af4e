"""The foundation's exercise in Chromium: scored by Python in the browser, same as CPython."""

from __future__ import annotations

import json

from playwright.sync_api import Page

from support import answer, cli_json, feedback, option_answers, submit, wait_ready

MODULE = "modules/01-what-trafficking-is/"


def test_knowledge_check_matches_cpython(page: Page, site_url: str) -> None:
    """Answers given in the browser get exactly the feedback CPython's selfcheck computes."""
    answers = option_answers("palermo-definition")  # a deliberately mixed answer: the first option of each
    expected = cli_json("score", "palermo-definition", "-", stdin=json.dumps(answers))
    page.goto(site_url + MODULE)
    answer(page, "palermo-definition", answers)
    wait_ready(page, "palermo-definition")
    result = submit(page, "palermo-definition")
    assert result.locator(".sc-summary").inner_text() == expected["summary"]
    assert feedback(result) == {item["id"]: item["message"] for item in expected["items"]}


def test_right_and_wrong_are_told_in_words(page: Page, site_url: str) -> None:
    """Each feedback entry carries its verdict as text (not only a colour), taken from Python's label."""
    answers = option_answers("palermo-definition", -1)
    expected = cli_json("score", "palermo-definition", "-", stdin=json.dumps(answers))
    page.goto(site_url + MODULE)
    answer(page, "palermo-definition", answers)
    wait_ready(page, "palermo-definition")
    result = submit(page, "palermo-definition")
    labels = [entry.locator(".sc-fb-label").inner_text() for entry in result.locator(".sc-fb").all()]
    assert labels == [item["label"] for item in expected["items"]]
    assert all(label.strip() for label in labels)
    assert {item["status"] for item in expected["items"]} - {"correct"}, "the answers should include a wrong one"

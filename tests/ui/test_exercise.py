"""The foundation's exercise in Chromium: scored by Python in the browser, same as CPython."""

from __future__ import annotations

import json

from playwright.sync_api import Page

from support import cli_json, wait_ready

MODULE = "modules/01-what-trafficking-is/"


def answer(page: Page, exercise: str, answers: dict[str, str | list[str]]) -> None:
    """Tick the inputs for ``answers`` (item id -> option id or ids) in the exercise's form."""
    root = page.locator(f'[data-exercise="{exercise}"]')
    for item, chosen in answers.items():
        for option in [chosen] if isinstance(chosen, str) else chosen:
            root.locator(f'[data-item="{item}"] input[value="{option}"]').check()


def test_knowledge_check_matches_cpython(page: Page, site_url: str, watch: object, tmp_path: object) -> None:
    """Answers given in the browser get exactly the feedback CPython's selfcheck computes."""
    described = cli_json("describe", "palermo-definition")
    # a deliberately mixed answer: first option of every item
    answers: dict[str, str | list[str]] = {
        item["id"]: (item["options"][0]["id"] if item["type"] == "single" else [item["options"][0]["id"]])
        for item in described["items"]
    }
    expected = cli_json("score", "palermo-definition", "-", stdin=json.dumps(answers))
    page.goto(site_url + MODULE)
    answer(page, "palermo-definition", answers)
    wait_ready(page, "palermo-definition")
    page.locator('[data-exercise="palermo-definition"] button[type="submit"]').click()
    result = page.locator('[data-exercise="palermo-definition"] [data-exercise-result]')
    result.locator(".sc-summary").wait_for()
    assert result.locator(".sc-summary").inner_text() == expected["summary"]
    shown = {
        entry.get_attribute("data-item"): entry.locator(".sc-fb-message").inner_text()
        for entry in result.locator(".sc-fb").all()
    }
    assert shown == {item["id"]: item["message"] for item in expected["items"]}


def test_right_and_wrong_are_told_in_words(page: Page, site_url: str) -> None:
    """Each feedback entry carries its verdict as text (not only a colour), taken from Python's label."""
    described = cli_json("describe", "palermo-definition")
    answers: dict[str, str | list[str]] = {
        item["id"]: (item["options"][-1]["id"] if item["type"] == "single" else [item["options"][-1]["id"]])
        for item in described["items"]
    }
    expected = cli_json("score", "palermo-definition", "-", stdin=json.dumps(answers))
    page.goto(site_url + MODULE)
    answer(page, "palermo-definition", answers)
    wait_ready(page, "palermo-definition")
    page.locator('[data-exercise="palermo-definition"] button[type="submit"]').click()
    entries = page.locator('[data-exercise="palermo-definition"] .sc-fb')
    entries.first.wait_for()
    labels = [entry.locator(".sc-fb-label").inner_text() for entry in entries.all()]
    assert labels == [item["label"] for item in expected["items"]]
    assert all(label.strip() for label in labels)
    assert {item["status"] for item in expected["items"]} - {"correct"}, "the answers should include a wrong one"

"""The distinction pages in Chromium: the scenario quiz and the decision aid, scored by Python in the browser."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import Page, expect

from support import answer, cli_json, feedback, submit, wait_ready

QUIZ = "distinction/quiz/"
AID = "distinction/decision-aid/"


def shown_ids(page: Page) -> list[str]:
    """Ids of the scenario sections visible at one moment (read in one go: Python's sample may replace the set)."""
    ids: list[str] = page.evaluate("""() => Array.from(document.querySelectorAll(
        '[data-exercise="scenarios"] section[data-section]'))
        .filter((s) => s.checkVisibility()).map((s) => s.dataset.section)""")
    return ids


def wait_drawn(page: Page) -> None:
    """Wait until Python has drawn the random set of cases."""
    wait_ready(page, "scenarios")
    page.wait_for_selector('[data-exercise="scenarios"][data-distinction-ready="true"]', timeout=60_000)


def test_quiz_shows_ten_and_scores_like_cpython(page: Page, site_url: str, watch: Any) -> None:
    """Ten cases are shown; answering them gives exactly the CLI's feedback; the best score is stored as returned."""
    page.goto(site_url + QUIZ)
    page.wait_for_selector('[data-exercise="scenarios"][data-distinction-shown]')  # the script has attached
    assert len(shown_ids(page)) == 10  # the bank's first ten until Python's draw, then Python's ten
    wait_drawn(page)
    ids = shown_ids(page)
    assert len(ids) == 10
    assert page.locator('[data-exercise="scenarios"]').get_attribute("data-distinction-shown") == " ".join(ids)
    answers: dict[str, object] = {}
    for n, ident in enumerate(ids):
        answers[f"{ident}-category"] = ["trafficking", "smuggling", "undetermined"][n % 3]
        answers[f"{ident}-elements"] = ["act", "purpose"] if n % 2 else ["act", "means", "purpose"]
    expected = cli_json("score", "scenarios", "-", stdin=json.dumps(answers))
    answer(page, "scenarios", answers)
    result = submit(page, "scenarios")
    assert result.locator(".sc-summary").inner_text() == expected["summary"]
    assert feedback(result) == {i["id"]: i["message"] for i in expected["items"]}
    page.wait_for_function("() => localStorage.getItem('selfcheck:distinction:best') !== null")
    stored = json.loads(page.evaluate("() => localStorage.getItem('selfcheck:distinction:best')"))
    assert stored == {"v": 1, "best": expected["score"]}
    assert str(expected["score"]) in page.locator("[data-distinction-best]").inner_text()
    assert watch.foreign(site_url) == []
    assert watch.errors == []


def test_retry_shows_a_new_set(page: Page, site_url: str, watch: Any) -> None:
    """'New set of cases' clears the form and shows ten other cases drawn by Python."""
    page.goto(site_url + QUIZ)
    wait_drawn(page)
    before = shown_ids(page)
    root = page.locator('[data-exercise="scenarios"]')
    root.locator(f'[data-item="{before[0]}-category"] input[value="none"]').check()
    root.locator("[data-distinction-new]").click()
    page.wait_for_function(
        "old => document.querySelector('[data-exercise=\"scenarios\"]').dataset.distinctionShown !== old",
        arg=" ".join(before),
    )
    after = shown_ids(page)
    assert len(after) == 10 and not set(after) & set(before)
    assert root.locator("input:checked").count() == 0
    assert watch.foreign(site_url) == []
    assert watch.errors == []


def test_unreadable_best_score_is_discarded(page: Page, site_url: str, watch: Any) -> None:
    """A stored value of the wrong version is removed with a short visible message, and the page still works."""
    page.goto(site_url + QUIZ)
    wait_drawn(page)  # distinction.js has read storage on this load: write behind it
    page.evaluate("() => localStorage.setItem('selfcheck:distinction:best', '{\"v\": 7}')")
    page.reload()
    wait_drawn(page)
    line = page.locator("[data-distinction-best]")
    expect(line).to_contain_text("discarded")
    assert page.evaluate("() => localStorage.getItem('selfcheck:distinction:best')") is None
    assert watch.errors == []


def aid_result(page: Page, site_url: str, choices: dict[str, str]) -> Any:
    """Open the decision aid, choose the given answers (yes / no / unknown), submit; returns the result region."""
    page.goto(site_url + AID)
    root = page.locator('[data-exercise="decision-aid"]')
    for fact, choice in choices.items():
        root.locator(f'[data-item="{fact}"] input[value="{choice}"]').check()
    wait_ready(page, "decision-aid")
    root.locator('button[type="submit"]').click()
    result = root.locator("[data-exercise-result]")
    result.locator(".sc-summary, .sc-error").first.wait_for()
    return result


def shown_items(result: Any) -> list[str]:
    """The ids of the result's items, in the order shown."""
    return [e.get_attribute("data-item") or "" for e in result.locator(".sc-fb").all()]


def test_decision_aid_matches_cli_classify(page: Page, site_url: str, watch: Any) -> None:
    """The decision aid's summary, notices, reasons and find-out list equal 'python -m selfcheck classify'."""
    choices = {"under_18": "no", "act": "yes", "means": "unknown", "exploitation_purpose": "yes",
               "irregular_border_crossing": "yes", "facilitator_benefit": "yes", "own_livelihood_sex_work": "no"}
    value = {"yes": True, "no": False, "unknown": None}
    expected = cli_json("classify", "-", stdin=json.dumps({fact: value[c] for fact, c in choices.items()}))
    result = aid_result(page, site_url, choices)
    assert expected["verdict"] == "undetermined"
    assert result.locator(".sc-summary").inner_text() == expected["summary"]
    infos = result.locator(".sc-fb--info:not([data-item='how-to-ask'])")
    reasons = [e.locator(".sc-fb-message").inner_text() for e in infos.all()]
    assert reasons == [*expected["reasons"], expected["next_step"]["message"]]
    finding = [e.locator(".sc-fb-message").inner_text() for e in result.locator("[data-item^='find-out-']").all()]
    assert finding == expected["find_out"] and expected["missing"] == ["means"]
    items = shown_items(result)
    assert items == ([n["id"] for n in expected["notices"]] + [f"reason-{n}" for n in range(1, len(reasons))]
                     + [f"find-out-{m}" for m in expected["missing"]] + ["how-to-ask", "next-step"])
    assert "never replaces that identification" in result.inner_text()
    page.emulate_media(media="print")  # the printable summary: the answered questions and the result
    expect(result).to_be_visible()
    expect(page.locator('[data-exercise="decision-aid"] [data-item="act"]')).to_be_visible()
    page.emulate_media(media="screen")
    assert watch.foreign(site_url) == []
    assert watch.errors == []


def test_decision_aid_settled_trafficking_with_smuggling(page: Page, site_url: str, watch: Any) -> None:
    """All trafficking and smuggling facts 'yes' show trafficking with smuggling also established, like the CLI."""
    facts = {"under_18": False, "act": True, "means": True, "exploitation_purpose": True,
             "irregular_border_crossing": True, "facilitator_benefit": True, "own_livelihood_sex_work": False}
    expected = cli_json("classify", "-", stdin=json.dumps(facts))
    result = aid_result(page, site_url, {fact: "yes" if known else "no" for fact, known in facts.items()})
    summary = result.locator(".sc-summary").inner_text()
    assert expected["verdict"] == "trafficking" and expected["also"] == ["smuggling"]
    assert summary == expected["summary"]
    assert "trafficking in human beings" in summary and "migrant smuggling" in summary
    assert watch.errors == []


def test_decision_aid_child_who_sells_sex_shows_child_protection_never_none(
    page: Page, site_url: str, watch: Any
) -> None:
    """A 16-year-old who sells sex: the page shows child protection and never 'none of the three'.

    Nothing else answered: suspected trafficking, the child-protection route (DGASPC, Child Protection Department),
    and the next step last.
    """
    result = aid_result(page, site_url, {"under_18": "yes", "own_livelihood_sex_work": "yes"})
    summary = result.locator(".sc-summary").inner_text()
    assert "suspected trafficking" in summary and "none of the three" not in summary
    assert "none of the three" not in result.inner_text().casefold()
    protection = result.locator('[data-item="child-protection"]')
    expect(protection).to_be_visible()
    assert "DGASPC" in protection.inner_text() and "Child Protection Department" in protection.inner_text()
    items = shown_items(result)
    assert items[:2] == ["child-in-commercial-sex", "child-protection"] and items[-1] == "next-step"
    assert watch.foreign(site_url) == []
    assert watch.errors == []


def test_decision_aid_bad_answer_gets_a_clear_message(page: Page, site_url: str, watch: Any) -> None:
    """An answer the aid does not offer (a tampered form) gets one clear line naming the question, not a result."""
    page.goto(site_url + AID)
    root = page.locator('[data-exercise="decision-aid"]')
    wait_ready(page, "decision-aid")
    root.locator('[data-item="act"] input[value="yes"]').evaluate("input => { input.value = 'maybe'; }")
    root.locator('[data-item="act"] input[value="maybe"]').check()
    root.locator('button[type="submit"]').click()
    error = root.locator("[data-exercise-result] .sc-error")
    expect(error).to_contain_text("question 2 (Did someone recruit")
    expect(error).to_contain_text("'maybe' is not an answer; choose yes, no or don't know")
    assert root.locator("[data-exercise-result] .sc-summary").count() == 0
    assert watch.errors == []

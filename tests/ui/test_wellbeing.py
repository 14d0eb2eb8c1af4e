"""Wellbeing self-checks in Chromium: same results as the CLI, private by default, opt-in trend, deletion."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from playwright.sync_api import Page, expect

from support import answer, cli_json, feedback, in_reader_format, pdf_pages, submit, wait_ready

CBI_PAGE = "wellbeing/cbi/"
SIGNS_PAGE = "wellbeing/burnout-signs/"
PLAN_PAGE = "wellbeing/prevention-plan/"

#: A partial CBI: personal fully answered, work with 4 of 7 (item 13 reverse-scored), client below threshold.
CBI_ANSWERS = {
    "q1": "often", "q2": "sometimes", "q3": "always", "q4": "seldom", "q5": "never", "q6": "often",
    "q7": "high", "q10": "sometimes", "q11": "seldom", "q13": "always",
    "q14": "very-high", "q15": "low",
}


def stored(page: Page) -> dict[str, Any]:
    """Every localStorage entry of the page's origin whose key starts with selfcheck:wellbeing:."""
    data: dict[str, Any] = page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('selfcheck:wellbeing:'))"
        ".map(k => [k, localStorage.getItem(k)]))"
    )
    return data


def test_cbi_page_shows_what_the_cli_computes(page: Page, site_url: str, watch: Any) -> None:
    """The CBI page's summary, scale notes and displayed scores equal the CLI's; no request leaves the origin."""
    expected = cli_json("score", "cbi", "-", stdin=json.dumps(CBI_ANSWERS))
    assert expected["client"] is None and expected["work"] is not None
    page.goto(site_url + CBI_PAGE)
    wait_ready(page, "cbi")
    answer(page, "cbi", CBI_ANSWERS)
    region = submit(page, "cbi")
    assert region.locator(".sc-summary").inner_text() == expected["summary"]
    notes = [n.inner_text() for n in region.locator(".sc-scale .sc-note").all()]
    assert notes == [s["note"] for s in expected["scales"]]
    titles = [t.inner_text() for t in region.locator(".sc-scale-title").all()]
    assert titles == [f"{s['title']}: {s['display']}" for s in expected["scales"]]
    assert stored(page) == {}, "nothing may be stored without opt-in"
    page.wait_for_timeout(1000)
    assert watch.foreign(site_url) == []
    assert watch.errors == []


def test_cbi_opt_in_stores_only_scores_and_shows_a_trend(page: Page, site_url: str, watch: Any) -> None:
    """With opt-in each result stores the date and Python's three scores; the trend appears; delete clears it."""
    expected = cli_json("score", "cbi", "-", stdin=json.dumps(CBI_ANSWERS))
    page.goto(site_url + CBI_PAGE)
    wait_ready(page, "cbi")
    optin = page.locator("[data-history-optin]")
    expect(optin).not_to_be_checked()
    optin.check()
    answer(page, "cbi", CBI_ANSWERS)
    trend = page.locator("[data-history-trend]")
    submit(page, "cbi")
    expect(trend.locator("table tbody tr")).to_have_count(1)
    submit(page, "cbi")
    expect(trend.locator("table tbody tr")).to_have_count(2)
    raw = stored(page)
    assert list(raw) == ["selfcheck:wellbeing:cbi"]
    data = json.loads(raw["selfcheck:wellbeing:cbi"])
    assert data["v"] == 1 and len(data["entries"]) == 2
    entry = data["entries"][-1]
    assert entry["date"] == date.today().isoformat()
    assert entry["values"] == {k: expected[k] for k in ("personal", "work", "client")}
    assert "q1" not in raw["selfcheck:wellbeing:cbi"] and "often" not in raw["selfcheck:wellbeing:cbi"]
    expect(trend.locator("svg")).to_be_visible()
    page.reload()
    wait_ready(page, "cbi")
    expect(page.locator("[data-history-optin]")).to_be_checked()
    expect(page.locator("[data-history-trend] table tbody tr")).to_have_count(2)
    page.locator("[data-history-delete]").click()
    assert stored(page) == {}
    expect(page.locator("[data-history-optin]")).not_to_be_checked()
    expect(page.locator("[data-history-trend] svg")).to_have_count(0)
    assert watch.foreign(site_url) == []


def test_corrupt_or_old_history_is_reset_with_a_message(page: Page, site_url: str) -> None:
    """Unparseable or wrong-version stored data is discarded with a visible message, and the page still works."""
    for value in ("{not json", json.dumps({"v": 0, "entries": []})):
        page.goto(site_url + CBI_PAGE)
        page.locator("[data-history-optin]").wait_for(state="attached")  # wellbeing.js has read storage
        page.evaluate("v => localStorage.setItem('selfcheck:wellbeing:cbi', v)", value)
        page.reload()
        message = page.locator("[data-history-message]")
        expect(message).to_contain_text("cleared")
        assert stored(page) == {}
        expect(page.locator("[data-history-optin]")).not_to_be_checked()


def test_reflection_counts_match_cli_and_opt_in_stores_counts(page: Page, site_url: str, watch: Any) -> None:
    """The burnout-signs result equals the CLI's; with opt-in only the per-group counts are stored."""
    ticks = {"fatigue": True, "pain": True, "helpless": True, "cynical": True, "isolating": True}
    described = cli_json("describe", "burnout-signs")
    answers = {i["id"]: i["id"] in ticks for i in described["items"]}
    expected = cli_json("score", "burnout-signs", "-", stdin=json.dumps(answers))
    page.goto(site_url + SIGNS_PAGE)
    wait_ready(page, "burnout-signs")
    page.locator("[data-history-optin]").check()
    answer(page, "burnout-signs", ticks)
    region = submit(page, "burnout-signs")
    assert region.locator(".sc-summary").inner_text() == expected["summary"]
    assert expected["suggest_talking"] is True and "supervisor" in expected["summary"]
    assert feedback(region) == {i["id"]: i["message"] for i in expected["items"]}
    expect(page.locator("[data-history-trend] table tbody tr")).to_have_count(1)
    data = json.loads(stored(page)["selfcheck:wellbeing:burnout-signs"])
    assert data["entries"][0]["values"] == expected["counts"]
    assert "fatigue" not in json.dumps(data)
    expect(page.locator("[data-history-trend] svg")).to_be_visible()
    assert watch.foreign(site_url) == []


def test_plan_prefills_today_and_matches_cli(page: Page, site_url: str, watch: Any) -> None:
    """The plan fills today's date, returns the CLI's plan, stores nothing, and sends nothing anywhere."""
    page.goto(site_url + PLAN_PAGE)
    wait_ready(page, "prevention-plan")
    today = page.locator('[data-item="today"] input').input_value()
    assert today == date.today().isoformat()
    answers = {"caseload-actions": ["review"], "caseload-who": "my manager", "leisure-lifestyle-actions": ["sleep"]}
    answer(page, "prevention-plan", answers)
    expected = cli_json("score", "prevention-plan", "-", stdin=json.dumps({**answers, "today": today}))
    region = submit(page, "prevention-plan")
    checkin = expected["suggested_checkin"]
    assert checkin in expected["summary"]
    shown = region.locator(f'.sc-summary time[datetime="{checkin}"]')  # the date in the reader's format
    expect(shown).to_have_text(in_reader_format(page, checkin))
    assert region.locator(".sc-summary").inner_text() == in_reader_format(page, expected["summary"])
    messages = [e.locator(".sc-fb-message").inner_text() for e in region.locator(".sc-fb").all()]
    assert messages == [in_reader_format(page, i["message"]) for i in expected["items"]]
    assert page.evaluate("() => Object.keys(localStorage).length") == 0
    page.emulate_media(media="print")  # the reader's plan prints (before the blank paper form)
    expect(region).to_be_visible()
    expect(region).to_contain_text("my manager")
    expect(page.locator('[data-exercise="prevention-plan"] form')).to_be_hidden()
    page.emulate_media(media="screen")
    page.wait_for_timeout(500)
    assert watch.foreign(site_url) == []
    assert watch.errors == []


def test_cbi_paper_version_prints_as_a_grid_on_two_a4_pages(page: Page, site_url: str) -> None:
    """Printed, the CBI is its paper version: 19 questions in answer grids and the key, on at most 2 A4 pages."""
    page.goto(site_url + CBI_PAGE)
    page.emulate_media(media="print")
    paper = page.locator('[data-paper="cbi"]')
    expect(paper).to_be_visible()
    expect(page.locator('[data-exercise="cbi"] form')).to_be_hidden()
    rows = paper.locator("table.sc-paper-answers tbody tr")
    assert rows.count() == 19
    assert rows.nth(12).locator("td").count() == 5  # question 13: a circle under each of its five answers
    expect(paper.locator(".sc-paper-key")).to_contain_text("Question 13 (reverse-scored)")
    assert 1 <= pdf_pages(page.pdf(format="A4")) <= 2


def drafts(page: Page) -> dict[str, Any]:
    """What the page keeps of forms as they are filled in (localStorage keys selfcheck:draft:*), parsed."""
    data: dict[str, Any] = page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('selfcheck:draft:'))"
        ".map(k => [k, JSON.parse(localStorage.getItem(k))]))"
    )
    return data


def test_plan_is_kept_and_restored_only_with_the_opt_in(phone: Page, site_url: str) -> None:
    """On a phone the prevention plan comes back after a reload only with its opt-in.

    Without the opt-in it is kept nowhere, and leaving with typed text asks first; with it the plan
    is back after a reload, with no question; one tap deletes it, and "Undo" puts it back.
    """
    dialogs: list[str] = []

    def answer_dialog(dialog: Any) -> None:
        dialogs.append(dialog.type)
        dialog.accept()

    phone.on("dialog", answer_dialog)
    phone.goto(site_url + PLAN_PAGE)
    root = phone.locator('[data-exercise="prevention-plan"]')
    optin = root.locator("[data-draft-optin]")
    expect(optin).not_to_be_checked()
    who = root.locator('[data-item="caseload-who"] textarea')
    who.tap()
    phone.keyboard.type("my manager, on Mondays")
    root.locator('[data-item="caseload-actions"] input[value="review"]').tap()
    phone.reload()
    assert dialogs == ["beforeunload"], "leaving with unsaved text must ask first"
    expect(who).to_have_value("")
    assert drafts(phone) == {}

    optin.tap()
    who.tap()
    phone.keyboard.type("my manager, on Mondays")
    root.locator('[data-item="caseload-actions"] input[value="review"]').tap()
    phone.wait_for_function("() => (localStorage.getItem('selfcheck:draft:prevention-plan') || '').includes('Mondays')")
    kept = drafts(phone)["selfcheck:draft:prevention-plan"]
    assert kept["v"] == 1 and kept["entries"][0]["answers"] == {
        "caseload-actions": ["review"], "caseload-who": "my manager, on Mondays"}  # never "today"
    phone.reload()
    assert dialogs == ["beforeunload"], "a kept plan is not lost: no question on leaving"
    expect(who).to_have_value("my manager, on Mondays")
    expect(root.locator('[data-item="caseload-actions"] input[value="review"]')).to_be_checked()
    expect(optin).to_be_checked()
    expect(root.locator("[data-draft-message]")).to_have_text("Your plan kept on this device is back on the page.")
    expect(root.locator("[data-draft-saved]")).to_contain_text("Last kept on ")

    root.locator("[data-draft-delete]").tap()
    assert drafts(phone) == {}
    expect(optin).not_to_be_checked()
    root.locator("[data-undo-button]").tap()
    assert drafts(phone) != {}
    expect(optin).to_be_checked()
    optin.tap()  # unticking deletes too
    assert drafts(phone) == {}
    phone.reload()
    expect(who).to_have_value("")


def test_reflection_ticks_come_back_only_with_their_opt_in(phone: Page, site_url: str) -> None:
    """The burnout signs: ticks are back after a reload only when "Keep what I tick here" was ticked."""
    phone.goto(site_url + SIGNS_PAGE)
    root = phone.locator('[data-exercise="burnout-signs"]')
    sign = root.locator('[data-item="fatigue"] input')
    sign.tap()
    phone.reload()
    expect(sign).not_to_be_checked()
    root.locator("[data-draft-optin]").tap()
    sign.tap()
    phone.wait_for_function("() => (localStorage.getItem('selfcheck:draft:burnout-signs') || '').includes('true')")
    answers = drafts(phone)["selfcheck:draft:burnout-signs"]["entries"][0]["answers"]
    assert {item for item, ticked in answers.items() if ticked} == {"fatigue"}
    phone.reload()
    expect(sign).to_be_checked()
    assert stored(phone) == {}, "keeping the ticks keeps no result history"

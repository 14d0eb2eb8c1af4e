"""Checklists in Chromium: ticks kept locally, free text never stored, logic scored by Python, clean A4 print."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from scripts.paper import CHECKLIST_ORDER
from support import answer, cli_json, feedback, pdf_pages, submit, wait_ready

REFERRAL = "cl-referral"
PLAN = "cl-support-plan"
KEY = "selfcheck:checklist:cl-referral"


def test_ticks_survive_reload_and_clear_works(page: Page, site_url: str, watch: object) -> None:
    """Ticks are stored as {"v":1,"ticks":{...}}, restored after reload, and removed by "Clear ticks".

    "Undo", offered after the one-click clear, puts them back (and keeps them again).
    """
    page.goto(site_url + f"checklists/{REFERRAL}/")
    root = page.locator(f'[data-exercise="{REFERRAL}"]')
    root.locator('[data-item="consent"] input').check()
    root.locator('[data-item="risks"] input').check()
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert stored == {"v": 1, "ticks": {"consent": True, "risks": True}}
    page.reload()
    expect(root.locator('[data-item="consent"] input')).to_be_checked()  # restored by the page's script
    assert not root.locator('[data-item="no-overlap"] input').is_checked()
    root.locator("[data-checklist-clear]").click()
    assert not root.locator('[data-item="consent"] input').is_checked()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None
    root.locator("[data-undo-button]").click()  # one click cleared them: "Undo" puts them back, kept again
    assert root.locator('[data-item="consent"] input').is_checked()
    assert json.loads(page.evaluate(f"localStorage.getItem('{KEY}')")) == stored
    root.locator("[data-checklist-clear]").click()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_free_text_is_never_stored(page: Page, site_url: str) -> None:
    """A typed case reference and date never reach localStorage and are gone after reload."""
    page.goto(site_url + f"checklists/{REFERRAL}/")
    root = page.locator(f'[data-exercise="{REFERRAL}"]')
    root.locator('[data-item="case-ref"] textarea').fill("CASE-SECRET-77")
    root.locator('[data-item="date"] input').fill("2024-05-01")
    root.locator('[data-item="consent"] input').check()
    dump = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert "CASE-SECRET-77" not in dump and "2024-05-01" not in dump
    page.reload()
    assert root.locator('[data-item="case-ref"] textarea').input_value() == ""


def test_corrupt_storage_is_discarded_with_a_message(page: Page, site_url: str) -> None:
    """An unreadable stored value is removed and a short message is shown; the page still works."""
    page.goto(site_url + f"checklists/{REFERRAL}/")
    notice = page.locator(f'[data-exercise="{REFERRAL}"] [data-checklist-notice]')
    notice.wait_for(state="attached")  # checklist.js has read storage on this load: write behind it
    page.evaluate(f"localStorage.setItem('{KEY}', '{{not json')")
    page.reload()
    expect(notice).to_contain_text("could not be read")
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_support_plan_in_browser_equals_cli(page: Page, site_url: str) -> None:
    """The support-plan completeness shown in the browser is exactly what the CLI computes."""
    answers = {"housing-chosen": True, "housing-provider": "Shelter", "legal-chosen": True,
               "legal-provider": "Lawyer", "legal-duration": "6 months", "legal-monitoring": "Monthly call"}
    described = cli_json("describe", PLAN)
    full = {i["id"]: False for i in described["items"] if i["type"] == "check"} | answers
    expected = cli_json("score", PLAN, "-", stdin=json.dumps(full))
    page.goto(site_url + f"checklists/{PLAN}/")
    answer(page, PLAN, answers)
    wait_ready(page, PLAN)
    result = submit(page, PLAN)
    assert result.locator(".sc-summary").inner_text() == expected["summary"]
    assert feedback(result) == {i["id"]: i["message"] for i in expected["items"]}


def test_print_hides_navigation_and_shows_paper(page: Page, site_url: str) -> None:
    """In print media the header, navigation and buttons are hidden and only the paper version shows."""
    page.goto(site_url + f"checklists/{REFERRAL}/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", f'[data-exercise="{REFERRAL}"]'):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(f'[data-paper="{REFERRAL}"]').is_visible()
    page.emulate_media(media="screen")
    assert not page.locator(f'[data-paper="{REFERRAL}"]').is_visible()


def test_checklist_prints_on_one_a4_page(page: Page, site_url: str) -> None:
    """A checklist prints to a one-page A4 PDF whose text has no navigation."""
    page.goto(site_url + f"checklists/{REFERRAL}/")
    pdf = page.pdf(format="A4")
    assert pdf_pages(pdf) == 1


def test_booklet_prints_one_page_per_checklist(page: Page, site_url: str) -> None:
    """The booklet prints every checklist starting on its own page: at least one page, at most 2, per checklist."""
    page.goto(site_url + "checklists/booklet/")
    page.emulate_media(media="print")
    total = len(CHECKLIST_ORDER)
    assert page.locator("article.sc-paper").count() == total
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-nav").first.is_visible()
    count = pdf_pages(page.pdf(format="A4"))
    assert total <= count <= 2 * total

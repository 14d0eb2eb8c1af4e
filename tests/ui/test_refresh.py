"""Refreshers on the built site in Chromium: opt-in storage, one-click clearing, and refreshers falling due.

The clock is Playwright's (``page.clock``): the page's "today" is mocked, Python computes what is due.
"""

from __future__ import annotations

import datetime
import json

from playwright.sync_api import Page, expect

from support import answer_attempt, in_reader_format, submit
from tests.ui.conftest import Watch

KEY = "selfcheck:refresh"
MODULE = "modules/02-identification-obstacles/"
BANK = "kc-02-identification"
DAY0 = datetime.datetime(2026, 12, 1, 9, 0)
#: How long to wait for an answer that needs the Python runtime (started by the page on a busy machine).
PYTHON = 120_000


def stored(page: Page) -> object:
    """The refresh record in this browser's localStorage (parsed), or None."""
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return None if raw is None else json.loads(raw)


def pass_module(page: Page, site_url: str) -> None:
    """Pass module 2's knowledge check (its own key) and wait for what the page says about keeping it."""
    page.goto(site_url + MODULE)
    assert answer_attempt(page, BANK)["passed"] is True
    submit(page, BANK)


def opt_in(page: Page, site_url: str) -> None:
    """Tick the opt-in on the Refresh page."""
    page.goto(site_url + "refresh/")
    page.locator("[data-refresh-optin-box]").check()
    expect(page.locator("[data-refresh-message]")).to_have_text("Your knowledge-check results will be kept on this "
                                                                  "device.")


def test_nothing_is_kept_without_opt_in(page: Page, site_url: str) -> None:
    """Passing a module without opting in keeps no refresh record, and the opt-in box is unticked."""
    pass_module(page, site_url)
    assert stored(page) is None
    assert not page.locator("[data-refresh-optin-box]").is_checked()


def test_opt_in_keeps_results_and_one_click_clears_them(first_visit: Page, site_url: str) -> None:
    """With opt-in a pass is kept (date, best score, box; no answers); "Delete" removes it all at once."""
    page = first_visit  # a browser of its own: the mocked clock is the whole context's
    page.clock.install(time=DAY0)
    opt_in(page, site_url)
    assert stored(page) == {"v": 1, "banks": {}}
    pass_module(page, site_url)
    message = page.locator(f'[data-exercise="{BANK}"] [data-refresh-message]')
    expect(message).to_have_text(
        in_reader_format(page, "Passed. Your first refresher for this module falls due in 2 days, on 2026-12-03."),
        timeout=PYTHON)
    record = stored(page)
    assert record == {"v": 1, "banks": {BANK: {"passed": "2026-12-01", "best": 1, "box": 1, "since": "2026-12-01",
                                               "refreshers": 0}}}
    page.goto(site_url + "refresh/")
    expect(page.locator("[data-refresh-summary]")).to_contain_text("No refresher is due today", timeout=PYTHON)
    page.locator("[data-refresh-delete]").click()
    assert stored(page) is None
    assert not page.locator("[data-refresh-optin-box]").is_checked()
    expect(page.locator("[data-refresh-message]")).to_contain_text("deleted")


def test_unticking_the_opt_in_deletes_the_record(page: Page, site_url: str) -> None:
    """Turning the opt-in off deletes what was kept."""
    opt_in(page, site_url)
    page.locator("[data-refresh-optin-box]").uncheck()
    assert stored(page) is None


def test_a_damaged_record_is_cleared_with_a_message(page: Page, site_url: str) -> None:
    """A record selfcheck cannot read is removed, with a visible message, instead of breaking the page."""
    page.goto(site_url + "refresh/")
    page.evaluate(f"localStorage.setItem('{KEY}', JSON.stringify({{v: 1, banks: {{x: {{box: 'three'}}}}}}))")
    page.reload()
    expect(page.locator("[data-refresh-summary]")).to_contain_text("could not be read", timeout=PYTHON)
    page.wait_for_function(f"() => localStorage.getItem('{KEY}') === null")


def test_home_starts_no_runtime_without_opt_in(page: Page, site_url: str, watch: Watch) -> None:
    """Without opt-in (or with nothing kept) home and onboarding show nothing extra and load no Pyodide."""
    for path in ("", "onboarding/"):
        page.goto(site_url + path, wait_until="networkidle")
        assert page.locator("[data-refresh=due]").is_hidden()
    page.evaluate(f"localStorage.setItem('{KEY}', JSON.stringify({{v: 1, banks: {{}}}}))")
    page.goto(site_url, wait_until="networkidle")
    assert page.locator("[data-refresh=due]").is_hidden()
    assert not [url for url in watch.page_requests if "/assets/pyodide/" in url]


def test_refreshers_fall_due_and_move_through_the_boxes(first_visit: Page, site_url: str) -> None:
    """A pass makes a refresher due in 2 days (home, onboarding, Refresh page); failed it returns in 2, passed in 7."""
    page = first_visit  # a browser of its own: the mocked clock is the whole context's
    page.clock.install(time=DAY0)
    opt_in(page, site_url)
    pass_module(page, site_url)

    summary = page.locator("[data-refresh=due] [data-refresh-summary]")
    page.clock.set_system_time(DAY0 + datetime.timedelta(days=2))
    for path in ("", "onboarding/"):
        page.goto(site_url + path)
        expect(summary).to_have_text("1 refresher is due.", timeout=PYTHON)
        expect(page.locator("[data-refresh=due] [data-refresh-bank]")).to_have_attribute("data-refresh-bank", BANK)
    page.goto(site_url + "refresh/")
    start = page.locator(f'[data-refresh-due-list] [data-refresh-bank="{BANK}"] a')
    expect(start).to_have_text("Start the refresher", timeout=PYTHON)

    start.click()
    expected = answer_attempt(page, BANK, right=False, refresher=True)
    root = page.locator(f'[data-exercise="{BANK}"]')
    assert root.get_attribute("data-quiz-mode") == "refresher"
    assert 3 <= expected["total"] <= 5 and expected["passed"] is False
    submit(page, BANK)
    expect(root.locator("[data-refresh-message]")).to_have_text(
        in_reader_format(page, "Refresher not passed yet, so it comes back sooner: in 2 days, on 2026-12-05."),
        timeout=PYTHON)
    assert stored(page)["banks"][BANK]["box"] == 1  # type: ignore[index]

    page.clock.set_system_time(DAY0 + datetime.timedelta(days=3))
    page.goto(site_url + "refresh/")
    expect(page.locator("[data-refresh-summary]")).to_have_text(in_reader_format(
        page, "No refresher is due today. The next one: Module 2: Why survivors go unidentified, on 2026-12-05 "
        "(tomorrow)."), timeout=PYTHON)
    page.clock.set_system_time(DAY0 + datetime.timedelta(days=4))
    page.goto(site_url + MODULE + "?refresher#knowledge-check")
    answer_attempt(page, BANK, right=True, refresher=True)
    submit(page, BANK)
    expect(root.locator("[data-refresh-message]")).to_have_text(
        in_reader_format(page, "Refresher passed. The next one falls due in 7 days, on 2026-12-12."), timeout=PYTHON)
    assert stored(page)["banks"][BANK]["box"] == 2  # type: ignore[index]
    assert stored(page)["banks"][BANK]["refreshers"] == 2  # type: ignore[index]

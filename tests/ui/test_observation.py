"""Observation rubrics in Chromium: Python's outcome on screen, opt-in keeping of outcome and date, one A4 page."""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from support import answer, cli_json, in_reader_format, submit, wait_ready
from test_observation import RUBRICS
from tests.ui.test_checklists import pdf_pages

RUBRIC = "obs-referral"
PAGE = "practice/referral/"
KEY = f"selfcheck:observation:{RUBRIC}"
NOTE = "SECRET-OBSERVATION-NOTE-31"
PAGES = {
    "obs-first-interview": "practice/first-interview/",
    "obs-crisis-intervention": "practice/crisis-intervention/",
    "obs-needs-assessment": "practice/needs-assessment/",
    "obs-referral": PAGE,
    "obs-family-involvement": "practice/family-involvement/",
    "obs-return-risk-assessment": "practice/return-risk-assessment/",
    "obs-sharing-a-case": "practice/sharing-a-case/",
}


@cache
def described(rubric: str) -> dict[str, Any]:
    """``python -m selfcheck describe RUBRIC``, run once per rubric."""
    result: dict[str, Any] = cli_json("describe", rubric)
    return result


def criteria(rubric: str) -> list[str]:
    """The criterion ids of a rubric (its single-choice items), in published order."""
    return [i["id"] for i in described(rubric)["items"] if i["type"] == "single"]


def levels(value: str, **overrides: str) -> dict[str, str]:
    """Every criterion of the referral rubric at ``value``, except the ones given."""
    return dict.fromkeys(criteria(RUBRIC), value) | overrides


def kept(page: Page) -> dict[str, Any]:
    """Every localStorage entry of the origin whose key starts with selfcheck:observation:."""
    data: dict[str, Any] = page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('selfcheck:observation:'))"
        ".map(k => [k, localStorage.getItem(k)]))"
    )
    return data


def test_pages_exist_for_every_rubric() -> None:
    """The test's page map covers exactly the rubrics defined under exercises/observation/."""
    assert sorted(PAGES) == sorted(RUBRICS)


def test_outcome_equals_cli_and_links_to_module_sections(page: Page, site_url: str, watch: Any) -> None:
    """The browser shows the CLI's outcome and feedback, links each section to revisit, and keeps nothing."""
    answers = levels("independently", **{"consent-to-share": "with-support", "choices": "not-yet"})
    expected = cli_json("score", RUBRIC, "-", stdin=json.dumps(answers))
    assert expected["outcome"] == "not-yet"
    page.goto(site_url + PAGE)
    wait_ready(page, RUBRIC)
    answer(page, RUBRIC, {**answers, "notes": NOTE})
    region = submit(page, RUBRIC)
    assert region.locator(".sc-summary").inner_text() == expected["summary"]
    shown = [(e.locator(".sc-fb-label").inner_text(), e.locator(".sc-fb-message").inner_text())
             for e in region.locator(".sc-fb").all()]
    assert shown == [(i["label"], i["message"]) for i in expected["items"]]
    assert region.locator(".sc-fb[data-item]").count() == 0, "results carry no internal ids"
    assert NOTE not in region.inner_text()
    links = region.locator("[data-observation-revisit] a")
    assert links.all_inner_texts() == [t["title"] for t in expected["revisit"]]
    hrefs = [links.nth(n).get_attribute("href") for n in range(links.count())]
    assert hrefs == [site_url + t["href"] for t in expected["revisit"]]
    assert kept(page) == {} and NOTE not in json.dumps(page.evaluate("() => Object.assign({}, localStorage)"))
    assert watch.foreign(site_url) == [] and watch.errors == []
    for href in hrefs:  # every link lands on an existing heading of a module page
        assert href is not None
        page.goto(href)
        anchor = href.split("#", 1)[1]
        expect(page.locator(f"[id='{anchor}']")).to_have_count(1)
        assert re.search(r"/modules/0[1-8]-", href)


def test_opt_in_keeps_only_outcome_and_date_and_clearing_works(page: Page, site_url: str) -> None:
    """Off by default; opt-in keeps only {date, outcome}, never for no outcome; reload shows it; untick/Delete clear."""
    page.goto(site_url + PAGE)
    wait_ready(page, RUBRIC)
    optin = page.locator("[data-observation-optin]")
    message = page.locator("[data-observation-message]")
    expect(optin).not_to_be_checked()
    optin.check()
    answer(page, RUBRIC, {"consent": "independently", "notes": NOTE})
    submit(page, RUBRIC)
    expect(message).to_contain_text("Nothing was kept")
    assert json.loads(kept(page)[KEY]) == {"v": 1, "entries": []}

    answers = levels("independently", consent="with-support")
    answer(page, RUBRIC, answers)
    expected = cli_json("score", RUBRIC, "-", stdin=json.dumps(answers))
    submit(page, RUBRIC)
    expect(message).to_contain_text("kept on this device")
    today = date.today().isoformat()
    raw = kept(page)[KEY]
    assert json.loads(raw) == {"v": 1, "entries": [{"date": today, "outcome": expected["outcome"]}]}
    assert NOTE not in raw and "with-support" not in raw and "consent" not in raw
    rows = page.locator("[data-observation-kept] li")
    expect(rows).to_have_text([in_reader_format(page, f"{today}: {expected['outcome_label']}")])

    page.reload()
    wait_ready(page, RUBRIC)
    expect(page.locator("[data-observation-optin]")).to_be_checked()
    expect(rows).to_have_count(1)
    answer(page, RUBRIC, levels("independently"))
    submit(page, RUBRIC)
    expect(rows).to_have_count(2)
    assert [e["outcome"] for e in json.loads(kept(page)[KEY])["entries"]] == ["not-yet", "ready"]

    page.locator("[data-observation-optin]").uncheck()
    assert kept(page) == {}
    expect(message).to_contain_text("Keeping outcomes is off")
    expect(rows).to_have_count(0)
    page.locator("[data-observation-optin]").check()
    submit(page, RUBRIC)
    expect(rows).to_have_count(1)
    page.locator("[data-observation-delete]").click()
    assert kept(page) == {}
    expect(page.locator("[data-observation-optin]")).not_to_be_checked()
    expect(message).to_contain_text("deleted")


@pytest.mark.parametrize("value", ["{not json", json.dumps({"v": 1, "entries": [{"date": "2026-11-30",
                                                                                   "outcome": "excellent"}]})])
def test_unreadable_kept_outcomes_are_cleared(page: Page, site_url: str, value: str) -> None:
    """Damaged storage, or entries Python refuses, are removed with a message; the opt-in is off again."""
    page.goto(site_url + PAGE)
    page.locator("[data-observation-optin]").wait_for(state="attached")  # observation.js has read storage
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value])
    page.reload()
    wait_ready(page, RUBRIC)
    expect(page.locator("[data-observation-message]")).to_contain_text("could not be read")
    expect(page.locator("[data-observation-optin]")).not_to_be_checked()
    assert kept(page) == {}


@pytest.mark.parametrize("rubric", RUBRICS)
def test_rubric_prints_on_one_a4_page_with_its_rule(page: Page, site_url: str, rubric: str) -> None:
    """Each rubric prints to a one-page A4 PDF: the paper version replaces the form and shows the readiness rule."""
    page.goto(site_url + PAGES[rubric])
    assert pdf_pages(page.pdf(format="A4")) == 1
    page.emulate_media(media="print")
    paper = page.locator(f'[data-paper="{rubric}"]')
    expect(paper).to_be_visible()
    expect(page.locator(f'[data-exercise="{rubric}"]')).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    for line in described(rubric)["rules"]:
        expect(paper).to_contain_text(line)
    expect(paper.locator(".sc-paper-choice")).to_have_count(3 * len(criteria(rubric)))  # a circle per level

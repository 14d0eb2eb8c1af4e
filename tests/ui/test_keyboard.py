"""Keyboard only, in Chromium: every kind of exercise can be answered and submitted without a mouse.

The test tabs from the top of the page into the exercise, selects with the space bar (the first
option of each radio group, every checkbox), tabs on to the submit button and presses Enter. The
result must appear in the live region, which then receives focus so it is read out.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from support import wait_ready

CASES = [
    ("modules/01-what-trafficking-is/", "palermo-definition"),
    ("distinction/quiz/", "scenarios"),
    ("distinction/decision-aid/", "decision-aid"),
    ("wellbeing/cbi/", "cbi"),
    ("wellbeing/burnout-signs/", "burnout-signs"),
    ("wellbeing/prevention-plan/", "prevention-plan"),
    ("checklists/cl-referral/", "cl-referral"),
    ("checklists/cl-support-plan/", "cl-support-plan"),
    ("checklists/cl-social-services-access/", "cl-social-services-access"),
    ("checklists/cl-health-insurance/", "cl-health-insurance"),
    ("practice/referral/", "obs-referral"),
]

FOCUS = """(id) => {
  const el = document.activeElement;
  const root = document.querySelector(`[data-exercise="${id}"]`);
  if (!el || !root.contains(el)) return { inside: false };
  const group = el.type === "radio" ? root.querySelectorAll(`input[name="${el.name}"]:checked`).length : 0;
  return { inside: true, tag: el.tagName, type: el.type || "", checked: !!el.checked, groupChecked: group > 0,
           submit: el.type === "submit", visibleOutline: getComputedStyle(el).outlineStyle !== "none" };
}"""


@pytest.mark.parametrize(("path", "exercise"), CASES, ids=[case[1] for case in CASES])
def test_complete_with_keyboard_alone(page: Page, site_url: str, path: str, exercise: str) -> None:
    """Tab, space and Enter alone answer and submit the exercise; focus is visible and lands on the result."""
    page.goto(site_url + path)
    wait_ready(page, exercise)
    if exercise == "scenarios":
        page.locator('[data-exercise="scenarios"][data-distinction-ready="true"]').wait_for()
    outlines = []
    for _ in range(1500):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS, exercise)
        if not state["inside"]:
            continue
        # a date field's last tab stop is Chromium's own calendar button, which draws its own ring
        if state["type"] != "date":
            outlines.append(state["visibleOutline"] or f"{state['tag']}/{state['type']}")
        if state["submit"]:
            page.keyboard.press("Enter")
            break
        if (state["type"] == "radio" and not state["groupChecked"]) or (
            state["type"] == "checkbox" and not state["checked"]
        ):
            page.keyboard.press("Space")
    else:
        pytest.fail("never reached the submit button with Tab")
    region = page.locator(f'[data-exercise="{exercise}"] [data-exercise-result]')
    expect(region.locator("> *").first).to_be_visible()
    # focus goes to the result's first line (or to the help, when it comes first), so it is read out first
    assert region.evaluate("el => el.querySelector('.sc-help--first') ? el === document.activeElement"
                           " : document.activeElement.matches('[data-result-summary]')"
                           " && el.contains(document.activeElement)")
    assert [shown for shown in outlines if shown is not True] == [], "focus outline missing"

"""Privacy in Chromium: what a reader types or answers is never stored unless they opted in."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page

from support import wait_ready
from tests.ui.test_keyboard import CASES

SECRET = "SECRET-NAME-4711"
DUMP = """() => JSON.stringify({
  local: Object.assign({}, localStorage), session: Object.assign({}, sessionStorage), cookies: document.cookie,
})"""
#: What may be kept without asking: which checklist boxes are ticked, the quiz's best score, module progress.
ALLOWED_PREFIXES = ("selfcheck:checklist:", "selfcheck:distinction:best", "selfcheck:progress")
#: For the length of a visit (sessionStorage): the seed of the knowledge-check attempt on screen, nothing else.
ALLOWED_SESSION = re.compile(r'^selfcheck:attempt:[a-z0-9-]+:(attempt|refresher)$')


@pytest.mark.parametrize(("path", "exercise"), CASES, ids=[case[1] for case in CASES])
def test_answers_and_typed_text_stay_out_of_storage(page: Page, site_url: str, path: str, exercise: str) -> None:
    """Typing into every field, ticking and submitting stores no typed text and no self-check answers."""
    page.goto(site_url + path)
    wait_ready(page, exercise)
    root = page.locator(f'[data-exercise="{exercise}"]')
    for field in root.locator("form textarea:visible, form input[type=text]:visible").all():
        field.fill(SECRET)
    for box in root.locator("form input[type=checkbox]:visible, form input[type=radio]:visible").all():
        box.check()
    root.locator('button[type="submit"]').click()
    root.locator("[data-exercise-result] > *").first.wait_for()
    page.reload()
    stored = json.loads(page.evaluate(DUMP))
    assert SECRET not in json.dumps(stored)
    assert stored["cookies"] == ""
    for key, value in stored["session"].items():
        assert ALLOWED_SESSION.match(key), key
        assert set(json.loads(value)) == {"v", "seed"}, value
    assert [key for key in stored["local"] if not key.startswith(ALLOWED_PREFIXES)] == []

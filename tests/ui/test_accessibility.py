"""axe-core (pinned npm package) on every page of the built site, exercises answered: no violations."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page

from support import wait_ready
from tests.ui.test_pages import site_pages

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text(encoding="utf-8") + "\n;true"
RUN_AXE = """async () => {
  const results = await axe.run(document, { resultTypes: ["violations"] });
  return results.violations.map((v) => ({
    id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""


def answer_everything(page: Page) -> None:
    """Tick the first option of every item of every exercise on the page and submit each one."""
    for root in page.locator("[data-exercise]").all():
        wait_ready(page, root.get_attribute("data-exercise") or "")
        if root.get_attribute("data-exercise-kind") == "distinction-quiz":  # wait for Python's random draw
            root.and_(page.locator('[data-distinction-ready="true"]')).wait_for()
        for item in root.locator("[data-item]").all():
            if not item.is_visible():
                continue
            box = item.locator("input[type=radio], input[type=checkbox]").first
            if box.count():
                box.check()
        root.locator('button[type="submit"]').first.click()
        root.locator("[data-exercise-result] > *").first.wait_for()


def test_axe_finds_no_violations_on_any_page(page: Page, site_url: str, built_site: Path) -> None:
    """Every page, in its answered state where it has exercises, passes axe-core's checks."""
    problems = {}
    for path in site_pages(built_site):
        page.goto(site_url + path)
        answer_everything(page)
        page.evaluate(AXE_SOURCE)  # evaluated by the test driver: the page's CSP rightly refuses inline scripts
        violations = page.evaluate(RUN_AXE)
        if violations:
            problems[path or "/"] = violations
    assert not problems, json.dumps(problems, indent=1)

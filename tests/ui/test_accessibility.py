"""Every page of the built site, exercises answered: axe-core finds no violation, and every control has a name.

One crawl serves both checks (each exercise page starts Python once): axe-core
(pinned npm package) runs in the page, and Chromium's own accessibility tree
gives the name a screen reader announces for each form control.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

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
CONTROLS = {"INPUT", "SELECT", "TEXTAREA", "BUTTON"}
GROUPS = {"group", "radiogroup"}


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


def _dom_controls(node: dict[str, Any], found: set[int]) -> set[int]:
    """The backend node ids of every form control in a CDP DOM tree (hidden inputs left out)."""
    attributes = node.get("attributes", [])
    kind = dict(zip(attributes[::2], attributes[1::2], strict=True)).get("type")
    if node.get("nodeName") in CONTROLS and kind != "hidden":
        found.add(node["backendNodeId"])
    for child in node.get("children", []):
        _dom_controls(child, found)
    return found


def control_names(page: Page) -> list[tuple[str, ...]]:
    """Each form control a screen reader can reach: the names of its enclosing groups, then its own name.

    Names are Chromium's computed accessible names (its accessibility tree, through the DevTools
    protocol); a control hidden from assistive technology is left out.
    """
    cdp = page.context.new_cdp_session(page)
    try:
        controls = _dom_controls(cdp.send("DOM.getDocument", {"depth": -1})["root"], set())
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    by_id = {node["nodeId"]: node for node in nodes}
    named = []
    for node in nodes:
        if node.get("backendDOMNodeId") not in controls or node.get("ignored"):
            continue
        path = [node.get("name", {}).get("value", "").strip()]
        parent = by_id.get(node.get("parentId", ""))
        while parent is not None:
            name = parent.get("name", {}).get("value", "").strip()
            if parent.get("role", {}).get("value") in GROUPS and name:
                path.append(name)
            parent = by_id.get(parent.get("parentId", ""))
        named.append(tuple(reversed(path)))
    return named


@dataclass(frozen=True)
class Audit:
    """What one page showed, exercises answered: axe violations and the named path of each control."""

    violations: list[dict[str, Any]]
    names: list[tuple[str, ...]]


@pytest.fixture(scope="module")
def audits(browser: Browser, site_url: str, built_site: Path) -> Iterator[dict[str, Audit]]:
    """Every page of the site, answered, audited once for this module's tests."""
    context = browser.new_context()
    page = context.new_page()
    found = {}
    try:
        for path in site_pages(built_site):
            page.goto(site_url + path)
            answer_everything(page)
            page.evaluate(AXE_SOURCE)  # evaluated by the test driver: the page's CSP rightly refuses inline scripts
            found[path or "/"] = Audit(page.evaluate(RUN_AXE), control_names(page))
        yield found
    finally:
        context.close()


def test_axe_finds_no_violations_on_any_page(audits: dict[str, Audit]) -> None:
    """Every page, in its answered state where it has exercises, passes axe-core's checks."""
    problems = {path: audit.violations for path, audit in audits.items() if audit.violations}
    assert not problems, json.dumps(problems, indent=1)


def test_every_control_has_a_name_unique_on_its_page(audits: dict[str, Audit]) -> None:
    """Every form control has an accessible name, and no two controls of a page are announced alike.

    A control is told apart by its own name within its named groups (a question's fieldset, a need's
    or a vignette's section, the exercise), as a screen reader announces it: "Housing, group; Part of
    this plan, checkbox". The support plan repeats "Part of this plan" and "Duration" for every need,
    so each need must be a group of its own.
    """
    assert sum(len(a.names) for a in audits.values()) > 500  # the crawl really reached the exercises' controls
    unnamed = {path: [n for n in audit.names if not n[-1]] for path, audit in audits.items()}
    assert not {path: n for path, n in unnamed.items() if n}, "controls without an accessible name"
    repeated = {
        path: [" › ".join(name) for name, count in Counter(audit.names).items() if count > 1]
        for path, audit in audits.items()
    }
    repeated = {path: names for path, names in repeated.items() if names}
    assert not repeated, json.dumps(repeated, indent=1, ensure_ascii=False)

"""One visit per page of the built site, shared by the per-page checks (origin, CSP, layout, accessibility).

Each page is opened once at 1280 px: the visit records the requests it made, console and page errors
and Content-Security-Policy violations while its exercise runtime starts and every exercise is
answered, runs axe-core (its colour-contrast rule on one page of each kind: see ``crawl``) and
Chromium's accessibility tree on the answered page, then measures
sideways overflow, results on screen, at 320 CSS px (a small phone) and at 640 (a 1280 px window at
200 % zoom). The tests in
``test_pages.py``, ``test_csp.py``, ``test_layout.py`` and ``test_accessibility.py`` assert on what the
visits found; one navigation (and one Python start on an exercise page) per page instead of five keeps
``make test`` within its budget.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, ConsoleMessage, Page, Request

from support import wait_ready

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text(encoding="utf-8") + "\n;true"
RUN_AXE = """async (contrast) => {
  const rules = contrast ? {} : { "color-contrast": { enabled: false } };
  const results = await axe.run(document, { resultTypes: ["violations"], rules });
  return results.violations.map((v) => ({
    id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""
RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll(".md-content *")) {
    if (el.closest(".md-typeset__scrollwrap, pre, .sc-paper, [hidden]")) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) wide.push(el.tagName + "." + el.className);
  }
  return { page: document.documentElement.scrollWidth - width, wide: wide.slice(0, 3) };
}"""
#: The widths the layout check measures: a small phone, and a 1280 px window at 200 % zoom.
WIDTHS = (320, 640)
DESKTOP = {"width": 1280, "height": 800}
CONTROLS = {"INPUT", "SELECT", "TEXTAREA", "BUTTON"}
GROUPS = {"group", "radiogroup"}


@dataclass
class Visit:
    """What one page did and showed.

    ``requests``: every request of the context during the visit (page, workers, service worker);
    ``page_requests``: those of the page and its workers only; ``errors``: console errors and
    uncaught page errors; ``csp``: policy violations (events and console reports);
    ``overflow``: by width, how far the page scrolls sideways and the first wide elements;
    ``violations``: axe-core's, exercises answered; ``names``: each control's named path.
    """

    path: str
    exercises: int = 0
    requests: list[str] = field(default_factory=list)
    page_requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    overflow: dict[int, dict[str, Any]] = field(default_factory=dict)
    violations: list[dict[str, Any]] = field(default_factory=list)
    names: list[tuple[str, ...]] = field(default_factory=list)


#: Tick the first box of every visible item of one exercise and submit it, in one call to the page
#: (the crawl only needs answered results on screen; the exercise tests answer through Playwright).
TICK_AND_SUBMIT = """(root) => {
  for (const item of root.querySelectorAll("[data-item]")) {
    if (!item.checkVisibility()) continue;
    const box = item.querySelector("input[type=radio], input[type=checkbox]");
    if (box && !box.checked) box.click();
  }
  root.querySelector('button[type="submit"]').click();
}"""


def answer_everything(page: Page) -> None:
    """Tick the first option of every item of every exercise on the page and submit each one."""
    for root in page.locator("[data-exercise]").all():
        wait_ready(page, root.get_attribute("data-exercise") or "")  # a drawn attempt or sample: on screen
        root.evaluate(TICK_AND_SUBMIT)
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


def visit(page: Page, site_url: str, path: str, current: Callable[[], Visit], contrast: bool = True) -> Visit:
    """Open one page and record everything the per-page checks need (see the module's docstring).

    ``contrast``: whether axe-core also runs its colour-contrast rule, the slowest of its rules (see
    :func:`crawl`).
    """
    found = current()
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + path, wait_until="load")
    exercises = page.locator("[data-exercise]")
    found.exercises = exercises.count()
    if found.exercises:
        wait_ready(page, exercises.first.get_attribute("data-exercise") or "")
    answer_everything(page)
    page.evaluate(AXE_SOURCE)  # evaluated by the test driver: the page's CSP rightly refuses inline scripts
    found.violations = page.evaluate(RUN_AXE, contrast)
    found.names = control_names(page)
    found.csp += page.evaluate("window.__cspViolations")
    for width in WIDTHS:  # last, with the results on screen: they must fit a phone too
        page.set_viewport_size({"width": width, "height": 800})
        found.overflow[width] = page.evaluate(OVERFLOW)
    return found


def crawl(browser: Browser, site_url: str, paths: Iterable[str],
          contrast: Container[str] | None = None) -> dict[str, Visit]:
    """Visit every path in one browser context (as a reader going from page to page); results by path.

    ``contrast``: the paths on which axe-core checks colour contrast too (every path when None). The
    colours come from the site's style sheets alone, never from a page's words, so one page of each
    kind finds what every page would, and the rule takes more than half of axe-core's time.
    """
    context = browser.new_context()
    visits: dict[str, Visit] = {}
    current: list[Visit] = []

    def now() -> Visit:
        return current[-1]

    def on_request(request: Request) -> None:
        now().requests.append(request.url)
        if request.service_worker is None:
            now().page_requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            now().errors.append(message.text)
        if "Content Security Policy" in message.text:
            now().csp.append(message.text)

    context.add_init_script(RECORD_CSP)
    context.on("request", on_request)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda error: now().errors.append(str(error)))
    try:
        for path in paths:
            current.append(Visit(path))
            visits[path] = visit(page, site_url, path, now, contrast is None or path in contrast)
    finally:
        context.close()
    return visits

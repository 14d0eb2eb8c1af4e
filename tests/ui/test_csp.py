"""The Content-Security-Policy in Chromium: every page (with its runtime) runs without a violation."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from support import wait_ready
from tests.ui.test_pages import site_pages

RECORD = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_pages_carry_the_policy_and_no_inline_script(built_site: Path) -> None:
    """Every built page has the policy meta tag and no executable inline script."""
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html, page
        assert "<script>" not in html, page


def test_no_violation_on_any_page(page: Page, site_url: str, built_site: Path) -> None:
    """No page, and no exercise runtime (worker and WebAssembly included), triggers a CSP violation."""
    page.add_init_script(RECORD)
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    for path in site_pages(built_site):
        page.goto(site_url + path, wait_until="networkidle")
        exercises = page.locator("[data-exercise]")
        if exercises.count():
            wait_ready(page, exercises.first.get_attribute("data-exercise") or "")
        assert page.evaluate("window.__cspViolations") == [], path
    assert messages == []

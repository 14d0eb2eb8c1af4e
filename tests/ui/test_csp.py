"""The Content-Security-Policy in Chromium: every page (with its runtime) runs without a violation."""

from __future__ import annotations

from pathlib import Path

from tests.ui.crawl import Visit


def test_pages_carry_the_policy_and_no_inline_script(built_site: Path) -> None:
    """Every built page has the policy meta tag and no executable inline script."""
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html, page
        assert "<script>" not in html, page


def test_no_violation_on_any_page(visits: dict[str, Visit]) -> None:
    """No page, and no exercise runtime (worker and WebAssembly included, answered), triggers a CSP violation."""
    assert {path: seen.csp for path, seen in visits.items() if seen.csp} == {}

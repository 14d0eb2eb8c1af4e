"""Small screens and zoom in Chromium: pages fit 320 px and 200 % zoom without sideways scrolling."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.ui.test_pages import site_pages

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


@pytest.mark.parametrize("width", [320, 640], ids=["320px", "200-percent-zoom"])
def test_no_sideways_scrolling(page: Page, site_url: str, built_site: Path, width: int) -> None:
    """At 320 CSS px (a small phone) and 640 (a 1280 px window at 200 %), no page scrolls sideways."""
    page.set_viewport_size({"width": width, "height": 800})
    problems = {}
    for path in site_pages(built_site):
        page.goto(site_url + path)
        found = page.evaluate(OVERFLOW)
        if found["page"] > 0 or found["wide"]:
            problems[path or "/"] = found
    assert problems == {}

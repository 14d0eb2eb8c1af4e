"""Small screens and zoom in Chromium: pages fit 320 px and 200 % zoom without sideways scrolling."""

from __future__ import annotations

import pytest

from tests.ui.crawl import WIDTHS, Visit


@pytest.mark.parametrize("width", WIDTHS, ids=["320px", "200-percent-zoom"])
def test_no_sideways_scrolling(visits: dict[str, Visit], width: int) -> None:
    """At 320 CSS px (a small phone) and 640 (a 1280 px window at 200 %), no page scrolls sideways."""
    problems = {path or "/": seen.overflow[width] for path, seen in visits.items()
                if seen.overflow[width]["page"] > 0 or seen.overflow[width]["wide"]}
    assert problems == {}

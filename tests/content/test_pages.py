"""Every page of the site cites its sources and keeps to the project's content rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
#: Proprietary or permission-only instruments that must never appear on the site.
FORBIDDEN = ("Maslach Burnout Inventory", "TABS", "Secondary Traumatic Stress Scale", "Vicarious Trauma Scale")


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_page_cites_a_source(page: Path) -> None:
    """Each page has a 'Source:' or 'Sources:' line (or cites sources in its text)."""
    assert re.search(r"\bSources?\b", page.read_text(encoding="utf-8")), page


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_no_proprietary_instrument_or_external_asset(page: Path) -> None:
    """No page reproduces a proprietary instrument by name as content, or loads an image from another host."""
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"!\[[^\]]*\]\(https?://", text), "images must come from the site itself"
    assert not re.search(r"<(img|script|iframe)[^>]+src=\"https?://", text)
    for name in FORBIDDEN:
        for match in re.finditer(re.escape(name), text):
            line = text[text.rfind("\n", 0, match.start()) + 1 : text.find("\n", match.end())]
            assert re.search(r"not (reproduced|included|used)|proprietar|permission", line, re.IGNORECASE), line


CHECKLISTS = sorted((DOCS.parent / "exercises" / "checklists").glob("*.toml"))


@pytest.mark.parametrize("definition", CHECKLISTS, ids=[p.stem for p in CHECKLISTS])
def test_checklist_and_module_link_both_ways(definition: Path) -> None:
    """Each checklist page links to a module that teaches it, and that module links back to the checklist."""
    page = DOCS / "checklists" / f"{definition.stem}.md"
    modules = set(re.findall(r"\.\./modules/(\d{2}-[^)#]*\.md)", page.read_text(encoding="utf-8")))
    assert modules, f"{page.name} links to no module"
    linking_back = [m for m in modules if f"checklists/{definition.stem}.md" in (DOCS / "modules" / m).read_text()]
    assert linking_back, f"none of {sorted(modules)} links back to {definition.stem}"

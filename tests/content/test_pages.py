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


SOP_PAGES = [p for p in PAGES if re.search(r"\bSOP\b", p.read_text(encoding="utf-8"))]
COUNTRY = re.compile(r"\b(Romania|Bulgaria)n?\b")


def first_paragraph(page: Path) -> str:
    """The first paragraph of prose after the title, skipping admonitions (such as content notes)."""
    blocks = page.read_text(encoding="utf-8").split("\n\n")
    for block in blocks[1:]:
        text = block.strip()
        if text and not text.startswith(("#", "!!!", "    ", "{{")):
            return text
    return ""


@pytest.mark.parametrize("page", SOP_PAGES, ids=[p.relative_to(DOCS).as_posix() for p in SOP_PAGES])
def test_page_citing_the_sop_names_bulgaria(page: Path) -> None:
    """The SOP is Bulgarian: every page that cites it says so, so a reader in Romania does not take it for theirs."""
    assert re.search(r"\bBulgaria(n)?\b", page.read_text(encoding="utf-8")), f"{page.name} cites the SOP"


def test_some_pages_cite_the_sop() -> None:
    """The SOP check above has pages to check (module 7 and its five checklists at least)."""
    names = {p.name for p in SOP_PAGES}
    assert "07-long-term-psychological-support.md" in names and "cl-health-insurance.md" in names


PROCEDURE_PAGES = sorted((DOCS / "modules").glob("*.md")) + sorted((DOCS / "checklists").glob("cl-*.md"))


@pytest.mark.parametrize("page", PROCEDURE_PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PROCEDURE_PAGES])
def test_procedure_page_says_whose_procedure_before_it_teaches(page: Path) -> None:
    """Each module and checklist page names Romania (the guide) or Bulgaria (the SOP) before its first section."""
    text = page.read_text(encoding="utf-8")
    head = re.split(r"^## |^\{\{ exercise", text, maxsplit=1, flags=re.MULTILINE)[0]
    assert COUNTRY.search(head), f"{page.name}: say at the top whose procedure it is (Romanian guide, Bulgarian SOP)"
    if re.search(r"^\*\*Source:\*\* SOP|^Source: SOP", text, re.MULTILINE):
        assert "Bulgaria" in first_paragraph(page), f"{page.name}: an SOP page names Bulgaria in its first paragraph"


CONFLICT_MARKER = re.compile(r"^(<{7}|>{7}) |^={7}$", re.MULTILINE)
TEXT_FILES = sorted(
    p for folder in ("docs", "exercises", "content", "includes", "src", "scripts", "web", "tests")
    for p in (DOCS.parent / folder).rglob("*")
    if p.suffix in {".md", ".toml", ".py", ".js", ".css", ".html", ".yml"} and p.is_file()
)


def test_no_file_keeps_a_merge_conflict_marker() -> None:
    """No page, definition, source or test file still holds a merge-conflict marker (the build would publish it)."""
    left = [p.relative_to(DOCS.parent).as_posix() for p in TEXT_FILES if CONFLICT_MARKER.search(p.read_text("utf-8"))]
    assert not left, f"merge-conflict markers left in: {left}"

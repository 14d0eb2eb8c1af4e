"""The glossary: one heading per term, and an entry for every abbreviation the site uses.

A tapped abbreviation links to its entry (``web/page.js``; the build finds the entry's anchor by the
abbreviation, ``scripts/editions.py``), and the search lands on a term's own heading, so both must exist.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "glossary.md"
ABBREVIATIONS = ROOT / "includes" / "abbreviations.md"
#: Names written in capitals that are not abbreviations a reader needs spelled out (a project's name).
NAMES = {"TACT"}


def abbreviations() -> dict[str, str]:
    """The site's abbreviations (``*[ABBR]: meaning``), as Markdown's abbr extension reads them."""
    text = ABBREVIATIONS.read_text(encoding="utf-8")
    return dict(re.findall(r"^\*\[([^\]]+)\]:\s*(.+)$", text, re.MULTILINE))


def headings() -> list[tuple[str, str | None]]:
    """The glossary's entries: each second-level heading's words and its explicit anchor, if any."""
    text = GLOSSARY.read_text(encoding="utf-8")
    return [(words, anchor) for words, anchor in re.findall(r"^## (.+?)(?: \{#([a-z0-9-]+)\})?$", text, re.MULTILINE)]


def test_every_abbreviation_has_its_own_glossary_heading() -> None:
    """Each abbreviation has a heading that starts with it and whose anchor is its lower-case form."""
    entries = {anchor: words for words, anchor in headings() if anchor}
    missing = [abbr for abbr in abbreviations() if abbr.lower() not in entries]
    assert missing == []
    wrong = [abbr for abbr in abbreviations() if abbr not in entries[abbr.lower()]]
    assert wrong == []


def test_glossary_terms_are_headings_with_unique_anchors() -> None:
    """Every term is a heading of its own (no terms as bold list items), each anchor used once."""
    text = GLOSSARY.read_text(encoding="utf-8")
    assert not re.search(r"^[-*] \*\*[^*]+\*\*", text, re.MULTILINE), "a term written as a list item"
    found = headings()
    assert len(found) > 100
    slugs = [anchor or re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-") for words, anchor in found]
    assert len(slugs) == len(set(slugs))


def test_every_abbreviation_spelled_out_in_the_text_is_in_the_list() -> None:
    """An abbreviation a page or definition introduces, as in "National Revenue Agency (NRA)", is listed."""
    known = set(abbreviations()) | NAMES
    sources = [*sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "exercises").rglob("*.toml"))]
    unlisted = {
        (abbr, path.relative_to(ROOT).as_posix())
        for path in sources
        for abbr in re.findall(r"\(([A-Z][A-Za-z]*[A-Z])\)", path.read_text(encoding="utf-8"))
        if abbr not in known
    }
    assert unlisted == set()

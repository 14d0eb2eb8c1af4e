"""The coverage map (content/coverage.toml) against the pages and the two source documents.

The expected headings and lists are data in the map. These tests check that every mapped
page (and anchor) exists, that every mapped heading and list really is in its source, and,
by two simple extraction rules, that no heading or bulleted list of a source is missing.

Extraction rules (deliberately plain):
- guide headings: a line ``N. Title`` or ``N.N. Title`` (a space after the number, the title
  starting with a capital letter; table-of-contents lines use tabs and are skipped);
- SOP headings: the first line (the title), lines in capitals, lines starting ``Step N``,
  and short lines (under 60 characters) ending with a colon;
- lists: a run of lines that open with ``-``, ``•`` or ``➤`` (also after a tab or ``<ul>``);
  a line starting with a lower-case letter continues the line before it, and a line holding
  only a number (the guide numbers its interview recommendations that way) is ignored.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown.extensions.toc import slugify

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
MAP = ROOT / "content" / "coverage.toml"
SOURCES_DIR = Path(os.environ.get("SELFCHECK_SOURCES", ROOT.parent / "shared" / "seeds"))
SOURCE_FILES = {"guide": "000_0f8c828163cf3a3b.txt", "sop": "003_3e2e7302fba6a35a.txt"}

GUIDE_HEADING = re.compile(r"^(?P<section>\d+(?:\.\d+)?)\. (?P<title>[A-Z].*?)\s*$")
SOP_STEP = re.compile(r"^Step \d+[.:]")
BULLET = re.compile(r"(?:^|\t)\s*(?:<ul[^>]*>\s*)?[-•➤]\s*(?P<text>\S.*)$")
HEADING_LINE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")


def entries() -> list[dict[str, str]]:
    """The map's entries, as plain dictionaries."""
    with MAP.open("rb") as handle:
        data = tomllib.load(handle)
    assert data.get("schema") == 1, "content/coverage.toml: schema must be 1"
    found = data.get("entry")
    assert isinstance(found, list) and found, "content/coverage.toml has no [[entry]] tables"
    return found


def norm(text: str) -> str:
    """Text with runs of whitespace collapsed, for comparing source lines."""
    return " ".join(text.split())


def source_text(name: str) -> str:
    """The text of a source document, or skip when the sources are not available here."""
    path = SOURCES_DIR / SOURCE_FILES[name]
    if not path.is_file():
        pytest.skip(f"source documents not found in {SOURCES_DIR} (set SELFCHECK_SOURCES)")
    return path.read_text(encoding="utf-8")


def logical_lines(text: str) -> list[str]:
    """Source lines with lower-case continuation lines joined and number-only lines dropped."""
    out: list[str] = []
    for line in text.splitlines():
        if line.strip().isdigit():
            continue
        if out and line[:1].islower():
            out[-1] = f"{out[-1]} {line.strip()}"
            continue
        out.append(line)
    return out


def heading_of(name: str, line: str, first: str) -> str | None:
    """The heading text if ``line`` is a heading of source ``name`` by the rules above, else None."""
    text = line.strip()
    if not text:
        return None
    if name == "guide":
        match = GUIDE_HEADING.match(line)
        return norm(match.group("title")) if match and "\t" not in line else None
    capitals = any(c.isalpha() for c in text) and text.upper() == text
    if text == first or capitals or SOP_STEP.match(text) or (len(text) < 60 and text.endswith(":")):
        return norm(text)
    return None


def first_line(name: str) -> str:
    """The first non-blank line of a source (the SOP's title)."""
    return next(line.strip() for line in source_text(name).splitlines() if line.strip())


def extracted_headings(name: str) -> list[str]:
    """The source's headings by the rules in the module docstring, in document order."""
    first = first_line(name)
    return [h for line in logical_lines(source_text(name)) if (h := heading_of(name, line, first))]


@dataclass(frozen=True)
class ListRun:
    """A bulleted list found in a source: the heading it sits under and its first item."""

    heading: str
    first_item: str


def extracted_lists(name: str) -> Iterator[ListRun]:
    """Every run of bulleted lines, with the most recent extracted heading above it."""
    first = first_line(name)
    current = ""
    in_run = False
    for line in logical_lines(source_text(name)):
        if not line.strip():
            continue
        heading = heading_of(name, line, first)
        if heading:
            current, in_run = heading, False
            continue
        bullet = BULLET.search(line)
        if bullet and not in_run:
            yield ListRun(current, norm(bullet.group("text")))
        in_run = bullet is not None


def anchors(page: Path) -> set[str]:
    """The heading ids of a Markdown page, as the toc extension makes them (explicit {#id} too)."""
    found = set()
    in_code = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        match = None if in_code else HEADING_LINE.match(line)
        if match:
            title = match.group("title")
            explicit = re.search(r"\{\s*#(?P<id>[\w-]+)[^}]*\}\s*$", title)
            found.add(explicit.group("id") if explicit else slugify(re.sub(r"[*_`]", "", title), "-"))
    return found


def mapped_headings(name: str) -> dict[str, dict[str, str]]:
    """Heading and subheading entries of one source, keyed by their normalised heading text."""
    return {norm(e["heading"]): e for e in entries() if e["source"] == name and e["kind"] != "list"}


def test_every_entry_is_well_formed() -> None:
    """Each entry names a known source and kind, a section, a page, and a heading or a list name and first item."""
    for number, entry in enumerate(entries(), start=1):
        where = f"entry {number} ({entry.get('heading') or entry.get('name')!r})"
        assert entry.get("source") in SOURCE_FILES, f"{where}: unknown source {entry.get('source')!r}"
        assert entry.get("kind") in {"heading", "subheading", "list"}, f"{where}: unknown kind {entry.get('kind')!r}"
        assert entry.get("section"), f"{where}: no section"
        assert entry.get("page"), f"{where}: no page"
        wanted = {"name", "first"} if entry["kind"] == "list" else {"heading"}
        allowed = {"source", "section", "kind", "page"} | wanted
        assert wanted <= entry.keys(), f"{where}: needs {', '.join(sorted(wanted))}"
        assert entry.keys() <= allowed, f"{where}: unknown fields {sorted(entry.keys() - allowed)}"


def test_every_mapped_page_and_anchor_exists() -> None:
    """Every entry's page is a Markdown file under docs/, and its #anchor, if any, is a heading of that page."""
    for entry in entries():
        page, _, anchor = entry["page"].partition("#")
        path = DOCS / page
        label = entry.get("heading") or entry.get("name")
        assert path.suffix == ".md" and path.is_file(), f"{label!r}: page {page} does not exist under docs/"
        if anchor:
            assert anchor in anchors(path), f"{label!r}: {page} has no heading with id #{anchor}"


@pytest.mark.parametrize("name", sorted(SOURCE_FILES))
def test_every_source_heading_has_an_entry(name: str) -> None:
    """Every heading extracted from the source by the plain rule has a heading entry in the map."""
    mapped = mapped_headings(name)
    extracted = extracted_headings(name)
    assert extracted, f"no headings extracted from the {name}: the extraction rule no longer fits"
    missing = [h for h in extracted if norm(h) not in mapped]
    assert not missing, f"{name} headings without an entry in content/coverage.toml: {missing}"


def test_guide_numbered_headings_carry_their_section_number() -> None:
    """Each numbered guide heading is mapped under its own section number (so §5.4 cannot point to §5.3's page)."""
    mapped = mapped_headings("guide")
    for line in logical_lines(source_text("guide")):
        match = GUIDE_HEADING.match(line)
        if match is None or "\t" in line:
            continue
        entry = mapped.get(norm(match.group("title")))
        assert entry is not None, f"{line!r} has no entry"
        assert entry["section"] == match.group("section"), f"{line!r} is mapped under section {entry['section']}"


@pytest.mark.parametrize("name", sorted(SOURCE_FILES))
def test_every_mapped_heading_and_list_is_in_the_source(name: str) -> None:
    """Mapped headings are whole source lines (guide ones after their number); list first items occur in the text."""
    lines = {norm(line) for line in logical_lines(source_text(name))}
    lines |= {norm(m.group("title")) for line in lines if (m := GUIDE_HEADING.match(line))}
    text = norm(" ".join(logical_lines(source_text(name))))
    for entry in entries():
        if entry["source"] != name:
            continue
        if entry["kind"] == "list":
            assert norm(entry["first"]) in text, f"{name}: list {entry['name']!r}: {entry['first']!r} not in the source"
        else:
            assert norm(entry["heading"]) in lines, f"{name}: heading {entry['heading']!r} is not a line of the source"


@pytest.mark.parametrize("name", sorted(SOURCE_FILES))
def test_every_bulleted_list_has_an_entry(name: str) -> None:
    """Every bulleted list of the source has a list entry in the same section whose first item matches."""
    mapped = mapped_headings(name)
    lists = [e for e in entries() if e["source"] == name and e["kind"] == "list"]
    runs = list(extracted_lists(name))
    assert runs, f"no lists extracted from the {name}: the extraction rule no longer fits"
    for run in runs:
        section = mapped[norm(run.heading)]["section"] if run.heading else None
        matches = [
            e
            for e in lists
            if run.first_item.startswith(norm(e["first"])) and (section is None or e["section"] == section)
        ]
        assert matches, f"{name}: list starting {run.first_item[:60]!r} (under {run.heading!r}) has no entry"


def test_the_extraction_rules_find_the_known_structure() -> None:
    """The rules find the 28 numbered guide headings, the 8 SOP steps and the SOP's 6 bulleted lists."""
    guide = extracted_headings("guide")
    sop = extracted_headings("sop")
    assert len(guide) == 28, guide
    assert guide[0] == "Introduction" and guide[-1] == "References"
    assert sum(1 for h in sop if SOP_STEP.match(h)) == 8
    assert len(list(extracted_lists("sop"))) == 6

"""The country pages (docs/countries/) and the telephone numbers of the whole site.

Telephone numbers are data in ``content/contacts.toml``. These tests check both directions:
every number the site shows is on that list, and every listed number is on its country page
with the date it was checked, written "checked on YYYY-MM-DD" on the same line.

What counts as a telephone number here (deliberately plain):
- two or more groups of digits separated by single spaces, optionally after a "+", six digits or more
  in all ("0800 800 678", "+359 2 807 80 50", "116 111");
- a three-digit short code right after a word such as "call", "dial", "helpline" or "number"
  ("call **112**"), or alone in the first cell of a table row ("| 119 |").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
COUNTRIES = DOCS / "countries"
CONTACTS = ROOT / "content" / "contacts.toml"
COUNTRY_PAGES = {"romania": COUNTRIES / "romania.md", "bulgaria": COUNTRIES / "bulgaria.md"}
WHAT_CHANGED = DOCS / "facilitators" / "what-changed.md"

#: Every file whose text readers see: the pages, the exercise definitions (feedback and help texts)
#: and the snippets appended to every page.
READER_TEXT = sorted(
    [*DOCS.rglob("*.md"), *(ROOT / "exercises").rglob("*.toml"), *(ROOT / "includes").rglob("*.md")]
)

LONG_NUMBER = re.compile(r"(?<![\w.,/:+-])\+?\d{1,4}(?: \d{1,4}){1,5}(?![\w/:-]|[.,]\d)")
SHORT_AFTER_WORD = re.compile(
    r"\b(?:call|calls|calling|dial|ring|phone|telephone|helpline|hotline|line|number)\b[\s*_:]+"
    r"(?:[A-Za-z]+\s+){0,2}[*_]*(?P<code>\d{3})(?!\d)(?! \d)",
    re.IGNORECASE,
)
SHORT_IN_TABLE = re.compile(r"^\|\s*[*_]*(?P<code>\d{3})[*_]*\s*\|")
CHECKED = re.compile(r"checked on (?P<date>\d{4}-\d{2}-\d{2})", re.IGNORECASE)
H2 = re.compile(r"^##\s+(?P<title>.+?)\s*$")
SOURCES_LINE = re.compile(r"^\**Sources?:?\**:?\s+\S", re.IGNORECASE)


@dataclass(frozen=True)
class Contact:
    """One entry of content/contacts.toml."""

    number: str
    countries: tuple[str, ...]
    holder: str
    what: str
    source: str
    checked: str

    @property
    def digits(self) -> str:
        """The number with everything but digits (and a leading plus) removed, for comparing spellings."""
        return digits(self.number)


def digits(number: str) -> str:
    """``number`` reduced to a leading "+" (if any) and its digits."""
    return ("+" if number.lstrip().startswith("+") else "") + re.sub(r"\D", "", number)


def contacts() -> list[Contact]:
    """The entries of content/contacts.toml, checked for shape as they are read."""
    with CONTACTS.open("rb") as handle:
        data = tomllib.load(handle)
    assert data.get("schema") == 1, "content/contacts.toml: schema must be 1"
    found = []
    for index, entry in enumerate(data.get("contact", [])):
        where = f"content/contacts.toml: contact {index + 1}"
        for field in ("number", "countries", "holder", "what", "source", "checked"):
            assert entry.get(field), f"{where}: field '{field}' is missing or empty"
        known = {"number", "countries", "holder", "what", "source", "checked", "wellbeing"}
        assert set(entry) <= known, f"{where}: unknown field"
        assert entry.get("wellbeing", False) in (True, False), f"{where}: wellbeing must be true or false"
        found.append(Contact(entry["number"], tuple(entry["countries"]), entry["holder"], entry["what"],
                             entry["source"], entry["checked"]))
    return found


def phone_numbers(line: str) -> list[str]:
    """The telephone numbers written on ``line``, by the rules in this module's docstring."""
    found = [match.group(0) for match in LONG_NUMBER.finditer(line) if len(re.sub(r"\D", "", match.group(0))) >= 6]
    masked = LONG_NUMBER.sub(lambda match: " " * len(match.group(0)), line)
    found += [match.group("code") for match in SHORT_AFTER_WORD.finditer(masked)]
    table = SHORT_IN_TABLE.match(masked)
    if table:
        found.append(table.group("code"))
    return found


def lines_outside_code(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of ``path``, skipping fenced code blocks."""
    out, in_code = [], False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if not in_code:
            out.append((number, line))
    return out


def sections(path: Path) -> list[tuple[str, list[str]]]:
    """The page's level-2 sections as (title, lines); the text before the first one is titled "(intro)"."""
    found: list[tuple[str, list[str]]] = [("(intro)", [])]
    for _, line in lines_outside_code(path):
        match = H2.match(line)
        if match:
            found.append((match.group("title"), []))
        else:
            found[-1][1].append(line)
    return found


def test_contacts_are_well_formed() -> None:
    """Each listed number has a known country page, a real ISO date and appears once."""
    entries = contacts()
    assert entries, "content/contacts.toml lists no numbers"
    seen: set[str] = set()
    for entry in entries:
        assert entry.countries and set(entry.countries) <= set(COUNTRY_PAGES), entry
        date.fromisoformat(entry.checked)
        assert entry.digits not in seen, f"{entry.number} is listed twice"
        seen.add(entry.digits)


def test_phone_number_rules_find_numbers_and_ignore_the_rest() -> None:
    """The detection rules catch the ways numbers are written on the site and skip dates, laws and articles."""
    assert phone_numbers("call **112** (free)") == ["112"]
    assert phone_numbers("| 0800 800 678 | ANITP |") == ["0800 800 678"]
    assert phone_numbers("| 119 | DGASPC |") == ["119"]
    assert phone_numbers("the office, +359 2 807 80 50, in Sofia") == ["+359 2 807 80 50"]
    assert phone_numbers("the child line 116 111 answers") == ["116 111"]
    for text in ("checked on 2026-11-30", "Law 678/2001, art. 2", "Official Gazette no. 170 of 7 March 2016",
                 "arts 159a to 159d", "doi:10.1080/02678370500297720", "19(3):192–207", "from 2020 to 2024"):
        assert phone_numbers(text) == [], text


@pytest.mark.parametrize("path", READER_TEXT, ids=[p.relative_to(ROOT).as_posix() for p in READER_TEXT])
def test_every_number_on_the_site_is_listed(path: Path) -> None:
    """A telephone number anywhere readers see it is in content/contacts.toml (so it has a country page and a date)."""
    listed = {entry.digits for entry in contacts()}
    unknown = [
        f"{path.relative_to(ROOT)}:{number}: {found}"
        for number, line in lines_outside_code(path)
        for found in phone_numbers(line)
        if digits(found) not in listed
    ]
    assert not unknown, "numbers not in content/contacts.toml: " + "; ".join(unknown)


@pytest.mark.parametrize("country", sorted(COUNTRY_PAGES))
def test_country_page_shows_each_number_with_its_date(country: str) -> None:
    """Each number listed for a country is on that page, on a line that says "checked on" with the listed date."""
    page = COUNTRY_PAGES[country]
    lines = [line for _, line in lines_outside_code(page)]
    for entry in contacts():
        if country not in entry.countries:
            continue
        showing = [line for line in lines if entry.digits in {digits(found) for found in phone_numbers(line)}]
        assert showing, f"{page.name} does not show {entry.number}"
        dated = [line for line in showing if any(m.group("date") == entry.checked for m in CHECKED.finditer(line))]
        assert dated, f"{page.name}: {entry.number} is never shown with 'checked on {entry.checked}'"


@pytest.mark.parametrize("country", sorted(COUNTRY_PAGES))
def test_every_number_on_a_country_page_is_dated(country: str) -> None:
    """On a country page, every line that shows a telephone number also says "checked on" and the listed date."""
    page = COUNTRY_PAGES[country]
    checked = {entry.digits: entry.checked for entry in contacts()}
    for number, line in lines_outside_code(page):
        for found in phone_numbers(line):
            dates = {m.group("date") for m in CHECKED.finditer(line)}
            assert checked.get(digits(found)) in dates, f"{page.name}:{number}: {found} without 'checked on' its date"


CITED_PAGES = [*COUNTRY_PAGES.values(), COUNTRIES / "index.md", WHAT_CHANGED]


@pytest.mark.parametrize("page", CITED_PAGES, ids=[p.relative_to(DOCS).as_posix() for p in CITED_PAGES])
def test_every_section_cites_its_sources(page: Path) -> None:
    """The opening text and every level-2 section of these pages has its own "Sources:" line."""
    missing = [title for title, lines in sections(page) if not any(SOURCES_LINE.match(line) for line in lines)]
    assert not missing, f"{page.name}: sections without a 'Sources:' line: {missing}"


@pytest.mark.parametrize("country", sorted(COUNTRY_PAGES))
def test_country_page_says_which_procedures_are_whose(country: str) -> None:
    """Each country page names both sources' countries and links to the other country's page."""
    text = COUNTRY_PAGES[country].read_text(encoding="utf-8")
    other = "bulgaria" if country == "romania" else "romania"
    assert f"]({other}.md" in text, f"{country}.md does not link to {other}.md"
    assert re.search(r"\bguide\b", text) and "SOP" in text
    assert re.search(r"Bulgaria", text) and re.search(r"Romania", text)


def test_what_changed_links_both_country_pages_and_covers_the_review() -> None:
    """The trainers' page links to both country pages and has a numbered section for each of the review's points."""
    text = WHAT_CHANGED.read_text(encoding="utf-8")
    assert "../countries/romania.md" in text and "../countries/bulgaria.md" in text
    numbered = [title for title, _ in sections(WHAT_CHANGED) if re.match(r"\d+\. ", title)]
    assert [int(title.split(".")[0]) for title in numbered] == list(range(1, 9)), numbered

"""The decision-aid page explains every safety rule of selfcheck/safety.toml in plain words, with its sources."""

from __future__ import annotations

import re
from pathlib import Path

from selfcheck._classify import RULES

PAGE = Path(__file__).resolve().parents[2] / "docs" / "distinction" / "decision-aid.md"


def page_text() -> str:
    """The page's Markdown with line breaks folded, so phrases can wrap across lines."""
    return " ".join(PAGE.read_text(encoding="utf-8").split())


def test_page_explains_every_safety_rule_by_its_title() -> None:
    """Each rule's title, and the next step's, appears on the page: adding a rule without explaining it fails."""
    text = page_text().casefold()
    for title in [r.title for r in RULES.rules] + [RULES.next_step.title]:
        assert title.casefold() in text, title


def test_page_cites_every_source_the_rules_cite() -> None:
    """Every law, convention and guide section a rule cites is cited on the page, with the checked-on date."""
    text = page_text()
    cited = set()
    for source in [r.source for r in RULES.rules] + [RULES.next_step.source]:
        cited |= set(re.findall(r"CETS 197|Directive (?:\(EU\) )?\d{4}/\d+(?:/EU)?|Law \d+/\d{4}|"
                                r"Government Decision \d+/\d{4}|Child Protection Act|guide §\d\.\d|"
                                r"Criminal Code art\. \d+[a-z]?", source))
    assert cited >= {"CETS 197", "Directive 2011/36/EU", "Directive (EU) 2024/1712", "Law 272/2004",
                     "Government Decision 1434/2004", "Child Protection Act",
                     "Criminal Code art. 159a", "Criminal Code art. 213"}
    for name in cited:
        assert name in text, name
    assert "checked on 2026-11-30" in text


def test_page_says_what_the_aid_is_and_is_not() -> None:
    """The page has a content note and says what the aid is for, and that it never replaces identification.

    It supports a conversation with a supervisor and never replaces identification by the competent bodies.
    """
    text = page_text()
    assert '!!! note "Content note"' in PAGE.read_text(encoding="utf-8")
    assert "conversation with your supervisor" in text
    assert "never replaces identification by the competent bodies" in text.replace("**", "")



def test_page_links_to_both_country_pages() -> None:
    """The child-protection section sends the reader to both country pages, where bodies and numbers are kept."""
    text = PAGE.read_text(encoding="utf-8")
    assert "../countries/romania.md" in text
    assert "../countries/bulgaria.md" in text

"""scripts.record: the record page's fragment embeds the onboarding path and carries the printable sheet."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import pytest

from scripts import onboarding, paths, record
from selfcheck import RECORD_TEXT, load_catalogue


def embedded(html: str) -> dict[str, object]:
    """The JSON the fragment embeds for web/record.js."""
    found = re.search(r'<script type="application/json" data-record-data>(.*?)</script>', html)
    assert found
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_fragment_embeds_the_path_in_order_with_the_rubrics_and_schedule(tmp_path: Path) -> None:
    """The site's modules in path order, every rubric with its module, the schedule and the script's texts."""
    target = record.write(load_catalogue(paths.EXERCISES), tmp_path)
    assert target == tmp_path / "onboarding-record.html"
    data = embedded(target.read_text(encoding="utf-8"))
    assert [m["page"] for m in data["modules"]] == [m.page for m in onboarding.modules()]  # type: ignore[attr-defined]
    modules = {m["page"] for m in data["modules"]}  # type: ignore[attr-defined]
    rubrics = {r["id"]: r["module"] for r in data["rubrics"]}  # type: ignore[attr-defined]
    assert len(rubrics) == 7 and set(rubrics.values()) <= modules
    assert rubrics["obs-return-risk-assessment"] == "modules/13-return-and-transnational-referral.md"
    assert rubrics["obs-sharing-a-case"] == "modules/15-case-files-and-data-protection.md"
    assert data["schedule"] == record.banks.settings().refresh.to_json()
    assert data["text"] == {key: RECORD_TEXT[key] for key in record.SCRIPT_TEXTS}


def test_sheet_says_it_is_no_certificate_and_has_room_to_sign() -> None:
    """The printable sheet: statement, name and organisation fields (never stored), supervisor's lines."""
    html = record.render({"modules": [], "rubrics": [], "schedule": {}})
    assert escape(RECORD_TEXT["statement"]) in html and "not an accredited certificate" in html
    for key in ("name", "organisation", "supervisor", "supervisor_name", "signature", "date", "comments"):
        assert escape(RECORD_TEXT[key]) in html, key
    assert html.count('autocomplete="off"') == 2
    assert 'data-record-empty hidden' in html and 'data-record-sheet aria-labelledby="sc-record-heading" hidden' in html
    assert "<script>" not in html and "onclick" not in html


def test_links_from_the_empty_message_resolve_to_pages() -> None:
    """Each link of 'how to start' is a directory URL, from the edition's root, of an existing docs page."""
    html = record.render({"modules": [], "rubrics": [], "schedule": {}})
    found = re.findall(r'<a data-edition-path="([^"]+)">', html)  # web/record.js makes them links
    assert found == ["onboarding/", "refresh/", "practice/"]
    for target in record.LINKS.values():
        assert (paths.DOCS / target).is_file()


def test_a_missing_linked_page_stops_the_build(tmp_path: Path) -> None:
    """write() names the pages the record links to that do not exist."""
    (tmp_path / "docs").mkdir()
    with pytest.raises(record.RecordPageError, match=r"record\.md, onboarding\.md, refresh\.md, practice/index\.md"):
        record.write(load_catalogue(paths.EXERCISES), tmp_path / "out", tmp_path / "docs")

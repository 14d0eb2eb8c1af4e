"""Tests for the paper versions and the booklet (scripts/paper.py) and their fragments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts import fragments, paper
from selfcheck import load_catalogue
from support import EXERCISES


def test_checklist_paper_has_boxes_fields_signature_and_footer() -> None:
    """A checklist's paper version has a box per item, lines for text, date and signature, and the source footer."""
    catalogue = load_catalogue(EXERCISES)
    exercise = catalogue.get("cl-referral")
    html = paper.render_paper(exercise, catalogue.data["cl-referral"])
    checks = [i for i in exercise.describe()["items"] if i["type"] == "check"]
    assert html.count("□") == len(checks)
    assert html.count('class="sc-line"') == 2 + 3  # case reference (2 lines) and notes (3 lines)
    for item in checks:
        assert item["prompt"] in html
    assert "Signature:" in html and "Date:" in html
    assert f"Source: {exercise.source} · {paper.SITE_NAME}" in html


def test_choice_items_list_options() -> None:
    """Choice items print every option with a box (○ for one answer)."""
    catalogue = load_catalogue(EXERCISES)
    html = paper.render_paper(catalogue.get("cl-health-insurance"), catalogue.data["cl-health-insurance"])
    assert "Not sure yet" in html and "(tick one)" in html and html.count("○") == 5


def test_support_plan_prints_as_a_table() -> None:
    """The support plan prints its needs as table rows (need, tick, provider, duration, monitoring)."""
    catalogue = load_catalogue(EXERCISES)
    html = paper.render_paper(catalogue.get("cl-support-plan"), catalogue.data["cl-support-plan"])
    assert html.count("<tr>") == 12  # header + 11 needs
    assert '<th scope="row">Money management</th>' in html


@dataclass(frozen=True)
class Keyed:
    """A stand-in exercise with a scoring key."""

    id: str = "keyed"
    kind: str = "test"
    title: str = "Keyed"
    source: str = "guide §6"

    def describe(self) -> dict[str, Any]:
        """One single-choice item."""
        return {"id": self.id, "items": [{"id": "q", "type": "single", "prompt": "Q?",
                                          "options": [{"id": "a", "label": "A"}]}]}

    def score(self, answers: Mapping[str, object]) -> dict[str, Any]:
        """Not used."""
        return {}

    def scoring_key(self) -> dict[str, Any]:
        """A one-row key."""
        return {"title": "How to score", "header": ["Answer", "Points"], "rows": [["A", 100]], "notes": ["Add up."]}


def test_scoring_key_table() -> None:
    """An exercise with scoring_key() gets a key table on paper."""
    html = paper.render_paper(Keyed(), {})
    assert "How to score" in html and "<td>100</td>" in html and "Add up." in html


def test_booklet_in_site_order_with_every_checklist() -> None:
    """The booklet holds every checklist in site order (the order lists them all), and only checklists."""
    catalogue = load_catalogue(EXERCISES)
    html = paper.render_booklet(catalogue)
    positions = [html.index(f'data-paper="{i}"') for i in paper.CHECKLIST_ORDER]
    assert positions == sorted(positions)
    assert set(paper.CHECKLIST_ORDER) == {e.id for e in catalogue if e.id.startswith("cl-")}
    assert html.count('<article class="sc-paper"') == len(paper.CHECKLIST_ORDER)


def test_write_fragments_writes_paper_versions_and_booklet(tmp_path: Path) -> None:
    """write_fragments writes a paper version for every exercise and the booklet fragment."""
    catalogue = load_catalogue(EXERCISES)
    fragments.write_fragments(catalogue, tmp_path)
    for exercise in catalogue:
        assert (tmp_path / "paper-version" / f"{exercise.id}.html").is_file()
    assert (tmp_path / "checklist-booklet.html").read_text(encoding="utf-8").startswith('<div class="sc-booklet"')

"""Tests for the paper versions and the booklet (scripts/paper.py) and their fragments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from scripts import editions, fragments, paper, paths
from scripts.editions import english_ui
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
    assert f"Source: {exercise.source} · {english_ui()['paper.site_name']}" in html


def test_choice_items_list_options() -> None:
    """Choice items print every option with a box (○ for one answer)."""
    catalogue = load_catalogue(EXERCISES)
    html = paper.render_paper(catalogue.get("cl-health-insurance"), catalogue.data["cl-health-insurance"])
    assert "Not sure yet" in html and "(tick one)" in html
    assert html.count("○") == 3 + 2 + 3  # exempted (yes/no/not sure), unpaid-other (yes/no), benefits (3)


def test_questions_sharing_their_answers_print_as_a_grid() -> None:
    """The CBI prints as answer grids: a row per question (numbered), a column and a circle per answer."""
    catalogue = load_catalogue(EXERCISES)
    cbi = catalogue.get("cbi")
    html = paper.render_paper(cbi, catalogue.data["cbi"])
    grids = [g.split("</table>")[0] for g in html.split('<table class="sc-paper-answers">')[1:]]
    assert len(grids) == 5  # personal; work by degree, then by frequency; client likewise
    assert sum(g.count("<tr>") - 1 for g in grids) == 19
    assert "sc-paper-options" not in html  # no question is followed by its own list of answers
    assert '<th scope="col">To a very high degree</th>' in grids[1] and '<th scope="col">Always</th>' in grids[0]
    assert html.count(paper.CIRCLE) == 19 * 5
    first = grids[0].split("<tbody>")[1]
    assert first.startswith('<tr><th scope="row"><span class="sc-paper-number">1.</span> How often do you feel tired?')


def test_a_lone_choice_question_stays_a_list() -> None:
    """A single-choice item whose answers no neighbour shares keeps its list of options."""
    items = [
        {"id": "a", "type": "single", "prompt": "A?",
         "options": [{"id": "y", "label": "Yes"}, {"id": "n", "label": "No"}]},
        {"id": "b", "type": "single", "prompt": "B?", "options": [{"id": "y", "label": "Yes"}]},
        {"id": "c", "type": "check", "prompt": "C"},
    ]
    html = paper.render_items(items)
    assert "sc-paper-answers" not in html and html.count('class="sc-paper-options"') == 2
    both = paper.render_items([items[0], {**items[0], "id": "d", "prompt": "D?"}, items[2]])
    assert both.startswith('<table class="sc-paper-answers">') and both.endswith("</ul>")


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

    def describe(self, *, lang: str = "en") -> dict[str, Any]:
        """One single-choice item."""
        return {"id": self.id, "items": [{"id": "q", "type": "single", "prompt": "Q?",
                                          "options": [{"id": "a", "label": "A"}]}]}

    def score(self, answers: Mapping[str, object], *, lang: str = "en") -> dict[str, Any]:
        """Not used."""
        return {}

    def scoring_key(self, *, lang: str = "en") -> dict[str, Any]:
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


def test_rubric_prints_as_a_grid_with_its_rule_and_key() -> None:
    """A rubric prints as a grid (a circle per level) with its rules, outcome and revisit key; no notes box."""
    catalogue = load_catalogue(EXERCISES)
    exercise = catalogue.get("obs-crisis-intervention")
    described = exercise.describe()
    html = paper.render_paper(exercise, catalogue.data[exercise.id])
    criteria = [i for i in described["items"] if i["type"] == "single"]
    assert html.count('class="sc-paper-choice"') == 3 * len(criteria)
    assert html.count('class="sc-paper-grid-heading"') == len(described["sections"]) - 1  # the notes section has none
    for line in described["rules"]:
        assert f'<p class="sc-paper-rule">{escape(line)}</p>' in html
    assert "Readiness rule: every critical criterion" in html and "(critical)" in html
    assert "Outcome (tick one)" in html and "Module 4: The seven steps (criteria" in html
    assert "What you saw (optional)" not in html and "sc-paper-keytable" not in html
    assert '<p class="sc-paper-label">Notes</p>' in html and "Signature:" in html


def test_paper_version_and_booklet_in_the_editions_words() -> None:
    """Another edition's paper version and booklet: its labels and site name around the (localised) text."""
    bulgarian = editions.load_ui("bg", paths.I18N, editions.base_config(paths.CONFIG)["nav"])
    catalogue = load_catalogue(EXERCISES)
    exercise = catalogue.get("cl-referral")
    html = paper.render_paper(exercise, catalogue.data["cl-referral"], bulgarian)
    assert "Подпис: ___" in html and "Дата: ___" in html and ">Бележки<" in html
    assert f"Източник: {escape(exercise.source)} · Подкрепа за пострадали от трафик на хора – обучителен сайт" in html
    assert "Signature" not in html and "Notes" not in html
    booklet = paper.render_booklet(catalogue, bulgarian)
    assert 'aria-label="Контролните списъци в тази брошура"' in booklet

"""Tests for the checklist kind (src/selfcheck/_checklist.py) and the site's checklist definitions."""

from __future__ import annotations

from typing import Any

import pytest

from selfcheck import AnswerError, DefinitionError, load_catalogue, parse_definition
from support import EXERCISES

SITE_MAP_IDS = {
    "cl-trafficking-signs", "cl-identification-information", "cl-interview-recommendations", "cl-child-pathway",
    "cl-immediate-intervention", "cl-suicide-risk", "cl-needs-assessment", "cl-support-plan", "cl-recovery-principles",
    "cl-referral",
    "cl-reintegration", "cl-monitoring", "cl-case-completion", "cl-social-services-access",
    "cl-risk-assessment-update", "cl-family-involvement", "cl-skills-empowerment", "cl-health-insurance",
    "cl-safe-return", "cl-sharing-a-case", "cl-online-safety", "cl-interpreter", "cl-home-visit-safety",
    "cl-self-care",
}


def definition(**extra: Any) -> dict[str, Any]:
    """A small valid checklist definition."""
    base: dict[str, Any] = {
        "schema": 2, "id": "cl-test", "kind": "checklist", "title": "Test", "source": "guide §5.6",
        "fields": [{"id": "case-ref", "type": "text", "prompt": "Case reference"},
                   {"id": "date", "type": "date", "prompt": "Date"}],
        "sections": [{"id": "a", "title": "Part A"}, {"id": "b", "title": "Part B"}],
        "items": [{"id": "a1", "section": "a", "prompt": "First"}, {"id": "a2", "section": "a", "prompt": "Second"},
                  {"id": "b1", "section": "b", "prompt": "Third"}],
    }
    base.update(extra)
    return base


def test_every_site_map_checklist_exists_and_cites_a_source() -> None:
    """Every checklist id of the site map loads from exercises/ and names a guide or SOP section."""
    catalogue = load_catalogue(EXERCISES)
    ids = {e.id for e in catalogue if e.id.startswith("cl-")}
    assert ids == SITE_MAP_IDS
    for ident in ids:
        assert catalogue.get(ident).source.startswith(("guide §", "SOP measure 3.1"))


def test_describe_puts_fields_first_then_checks_by_section() -> None:
    """describe() lists the page-only fields first and every check under its section."""
    described = parse_definition(definition(), "t").describe()
    assert [i["id"] for i in described["items"]] == ["case-ref", "date", "a1", "a2", "b1"]
    assert [i["type"] for i in described["items"]] == ["text", "date", "check", "check", "check"]
    assert described["items"][2]["section"] == "a"


def test_score_reports_ticked_and_open_per_section() -> None:
    """Progress is counted per section; open items are listed by prompt."""
    result = parse_definition(definition(), "t").score({"a1": True, "a2": False})
    assert result["ticked"] == 1 and result["total"] == 3
    assert result["open"] == ["a2", "b1"]
    by_id = {i["id"]: i for i in result["items"]}
    assert by_id["a"]["status"] == "partial" and "Second" in by_id["a"]["message"]
    assert by_id["b"]["status"] == "info"
    assert not result["complete"]


def test_all_ticked_is_complete() -> None:
    """Ticking every item makes the checklist complete and every section correct."""
    result = parse_definition(definition(), "t").score({"a1": True, "a2": True, "b1": True})
    assert result["complete"] and result["summary"].startswith("All 3")
    assert {i["status"] for i in result["items"]} == {"correct"}


def test_free_text_is_accepted_but_never_echoed() -> None:
    """A case reference is validated as text but does not appear anywhere in the result."""
    result = parse_definition(definition(), "t").score({"case-ref": "SECRET-REF-42", "date": "2024-05-01"})
    assert "SECRET-REF-42" not in repr(result)


@pytest.mark.parametrize(
    ("answers", "fragment"),
    [({"zz": True}, "unknown item id 'zz'"), ({"a1": "yes"}, "expected true or false"),
     ({"date": "01/05/2024"}, "choose a real date"), ({"case-ref": 3}, "expected text")],
)
def test_bad_answers_raise(answers: dict[str, object], fragment: str) -> None:
    """Unknown ids, wrong types and malformed dates raise AnswerError with a clear message."""
    with pytest.raises(AnswerError, match=fragment):
        parse_definition(definition(), "t").score(answers)


def test_definition_errors_name_the_problem() -> None:
    """Duplicate ids, unknown sections, empty sections and unknown fields are rejected."""
    with pytest.raises(DefinitionError, match="used twice"):
        parse_definition(definition(fields=[{"id": "a1", "type": "text", "prompt": "x"}]), "t")
    with pytest.raises(DefinitionError, match="section"):
        parse_definition(definition(items=[{"id": "x", "section": "nope", "prompt": "x"}]), "t")
    with pytest.raises(DefinitionError, match="has no items"):
        parse_definition(definition(sections=[{"id": "a", "title": "A"}, {"id": "b", "title": "B"},
                                              {"id": "c", "title": "C"}]), "t")
    with pytest.raises(DefinitionError, match="not a known field"):
        parse_definition(definition(colour="red"), "t")

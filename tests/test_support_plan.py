"""Tests for the support-plan kind (src/selfcheck/_support_plan.py)."""

from __future__ import annotations

import tomllib

import pytest

from selfcheck import DefinitionError, load_file, parse_definition
from support import EXERCISES

PLAN = EXERCISES / "checklists" / "cl-support-plan.toml"


def test_all_eleven_needs_of_the_guide_are_rows() -> None:
    """The plan has the guide's 11 needs, each with a tick and three fields, and a table layout for paper."""
    described = load_file(PLAN).describe()
    rows = described["table"]["rows"]
    assert len(rows) == 11
    assert rows[3]["label"] == "Housing"
    assert rows[3]["items"] == ["housing-chosen", "housing-provider", "housing-duration", "housing-monitoring"]
    types = {i["id"]: i["type"] for i in described["items"]}
    assert types["housing-chosen"] == "check" and types["housing-monitoring"] == "text"


def test_chosen_need_missing_parts_is_incomplete() -> None:
    """A ticked need without duration and monitoring is reported with exactly what is missing."""
    result = load_file(PLAN).score({"housing-chosen": True, "housing-provider": "Municipal shelter"})
    item = next(i for i in result["items"] if i["id"] == "housing")
    assert item["status"] == "incorrect"
    assert "a duration" in item["message"] and "monitor" in item["message"]
    assert "provider" not in item["message"]
    assert result["incomplete_needs"] == 1 and not result["complete"]
    assert "Municipal shelter" not in repr(result)


def test_complete_plan() -> None:
    """Every ticked need with all three parts filled, plus the extra points ticked, is complete."""
    answers: dict[str, object] = {"communication": True, "survivor-agreed": True}
    for need in ("medical", "legal"):
        answers |= {f"{need}-chosen": True, f"{need}-provider": "p", f"{need}-duration": "3 months",
                    f"{need}-monitoring": "monthly review"}
    result = load_file(PLAN).score(answers)
    assert result["complete"] and result["complete_needs"] == 2
    assert result["summary"].startswith("All 2 needs")


def test_blank_text_does_not_count_and_details_without_tick_are_flagged() -> None:
    """Whitespace-only fields count as empty; details for an unticked need give a warning."""
    result = load_file(PLAN).score({"job-chosen": True, "job-provider": "  ", "job-duration": "x",
                                    "job-monitoring": "y", "legal-provider": "lawyer"})
    by_id = {i["id"]: i for i in result["items"]}
    assert by_id["job"]["status"] == "incorrect" and "provider" in by_id["job"]["message"]
    assert by_id["legal"]["status"] == "warning"
    assert result["unticked_with_details"] == 1


def test_nothing_chosen_is_not_complete() -> None:
    """An empty plan is not complete and says what to do."""
    result = load_file(PLAN).score({})
    assert not result["complete"] and result["chosen"] == 0
    assert "No need is ticked yet" in result["summary"]


def test_column_count_is_checked() -> None:
    """A definition must give exactly three column titles."""
    data = tomllib.loads(PLAN.read_text(encoding="utf-8"))
    data["columns"] = ["one", "two"]
    with pytest.raises(DefinitionError, match="column"):
        parse_definition(data, "plan")

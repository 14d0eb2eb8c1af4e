"""Reflection checklists (src/selfcheck/_reflection.py): burnout signs and vicarious traumatisation."""

from __future__ import annotations

import json
from typing import Any

import pytest

from selfcheck import AnswerError, DefinitionError, load_file, parse_definition
from selfcheck._reflection import Reflection
from support import EXERCISES, cli_json

BURNOUT_FILE = EXERCISES / "wellbeing" / "burnout-signs.toml"
VT_FILE = EXERCISES / "wellbeing" / "vicarious-trauma.toml"


def load(path: Any) -> Reflection:
    """A reflection checklist from exercises/."""
    exercise = load_file(path)
    assert isinstance(exercise, Reflection)
    return exercise


@pytest.fixture(scope="module")
def burnout() -> Reflection:
    """The burnout signs checklist."""
    return load(BURNOUT_FILE)


@pytest.fixture(scope="module")
def vt() -> Reflection:
    """The vicarious traumatisation checklist."""
    return load(VT_FILE)


def test_burnout_signs_follow_guide_domains(burnout: Reflection) -> None:
    """Guide §6 lists 4 physical, 6 emotional and 5 behavioural burnout signs; describe() groups them so."""
    described = burnout.describe()
    assert [s["id"] for s in described["sections"]] == ["physical", "emotional", "behavioural"]
    counts = {d.id: len(burnout.domain_signs(d.id)) for d in burnout.domains}
    assert counts == {"physical": 4, "emotional": 6, "behavioural": 5}
    assert all(i["type"] == "check" for i in described["items"])


def test_vicarious_trauma_has_the_eleven_guide_symptoms(vt: Reflection) -> None:
    """The vicarious traumatisation list has the 11 symptoms of guide §6 and the single-interaction point."""
    assert len(vt.signs) == 11
    assert "single interaction" in vt.intro and "gradually" in vt.intro


def test_both_say_they_are_not_validated(burnout: Reflection, vt: Reflection) -> None:
    """Intro and result notes say this is not a validated instrument and not a diagnosis, with help and 112."""
    for exercise in (burnout, vt):
        assert "not a validated instrument" in exercise.intro
        result = exercise.score({})
        notes = " ".join(result["notes"])
        assert "not a validated instrument" in notes and "not a diagnosis" in notes
        assert "112" in result["help"]["text"] and result["help"]["first"] is False


def test_counts_per_domain_and_strategies(burnout: Reflection) -> None:
    """Ticked signs are counted per domain; only domains with signs point to their strategies."""
    result = burnout.score({"fatigue": True, "pain": True, "helpless": True, "isolating": False})
    assert result["counts"] == {"physical": 2, "emotional": 1, "behavioural": 0}
    assert result["total"] == 3
    pointed = [s["id"] for s in result["strategies"]]
    physical = next(d for d in burnout.domains if d.id == "physical")
    emotional = next(d for d in burnout.domains if d.id == "emotional")
    assert pointed == list(dict.fromkeys([*physical.strategies, *emotional.strategies]))
    by_id = {i["id"]: i for i in result["items"]}
    assert by_id["physical"]["status"] == "warning" and by_id["physical"]["label"] == "Physical signs: 2 of 4"
    assert by_id["behavioural"]["status"] == "info"
    assert "I feel helpless or overwhelmed; " not in by_id["emotional"]["message"]
    assert "I feel helpless or overwhelmed." in by_id["emotional"]["message"]


def test_several_signs_suggest_talking_to_someone(burnout: Reflection) -> None:
    """At the talk threshold the summary suggests a supervisor, peer-support group or health professional."""
    ids = [s.id for s in burnout.signs]
    below = burnout.score({i: True for i in ids[: burnout.talk_threshold - 1]})
    at = burnout.score({i: True for i in ids[: burnout.talk_threshold]})
    assert below["suggest_talking"] is False and at["suggest_talking"] is True
    assert "supervisor" in at["summary"] and "peer-support group" in at["summary"]
    assert "health professional" in at["summary"]
    assert burnout.talk_message not in below["summary"]


def test_nothing_ticked_is_a_valid_answer(vt: Reflection) -> None:
    """No ticks (or all false) give the 'none' message and zero counts, not an error."""
    result = vt.score({s.id: False for s in vt.signs})
    assert result["total"] == 0 and result["summary"] == vt.none_message
    assert result["strategies"] == []


def test_bad_answers_are_rejected(vt: Reflection) -> None:
    """An unknown item id or a non-boolean answer raises AnswerError."""
    with pytest.raises(AnswerError, match="unknown item id"):
        vt.score({"nope": True})
    with pytest.raises(AnswerError, match="expected true or false"):
        vt.score({"fear": "yes"})


def test_domain_pointing_to_unknown_strategy_fails() -> None:
    """A definition whose domain names an unknown strategy is rejected with the field named."""
    raw: dict[str, Any] = {
        "schema": 2, "id": "x", "kind": "reflection", "title": "T", "source": "S", "intro": "I",
        "talk_threshold": 1, "talk_message": "t", "some_message": "s", "none_message": "n", "notes": ["n"],
        "help": {"title": "h", "text": "t", "urgent": "u"},
        "strategies": [{"id": "a", "title": "A", "text": "a", "source": "s"}],
        "domains": [{"id": "d", "title": "D", "strategies": ["b"]}],
        "items": [{"id": "i", "section": "d", "prompt": "P"}],
    }
    with pytest.raises(DefinitionError, match="field 'strategies'"):
        parse_definition(raw, "x.toml")


def test_scoring_key_has_a_row_per_domain(burnout: Reflection) -> None:
    """The paper counting key lists every domain with its sign count and strategies."""
    key = burnout.scoring_key()
    rows = key["rows"]
    assert isinstance(rows, list)
    assert [r[0] for r in rows] == [d.title for d in burnout.domains]
    assert rows[0][1] == "___ of 4"
    notes = key["notes"]
    assert isinstance(notes, list)
    assert any(f"With {burnout.talk_threshold} or more" in n for n in notes)


def test_cli_matches_library(vt: Reflection) -> None:
    """The CLI prints the same result as the library for the same ticks."""
    answers = {"fear": True, "insomnia": True, "avoiding": True}
    assert cli_json("score", "vicarious-trauma", "-", stdin=json.dumps(answers)) == json.loads(
        json.dumps(vt.score(answers))
    )


def test_hopelessness_puts_help_first_and_sources_are_named_once(vt: Reflection, burnout: Reflection) -> None:
    """Ticking "I feel hopeless" puts help first, quoting the sign; sources are listed once, not per group."""
    calm = vt.score({"fear": True})
    assert calm["help"]["first"] is False
    urgent = vt.score({"hopelessness": True, "fear": True})
    assert urgent["help"]["first"] is True
    assert urgent["help"]["urgent"].startswith("You ticked “I feel hopeless”.") and "112" in urgent["help"]["urgent"]
    assert urgent["sources"][0] == "guide §6" and len(urgent["sources"]) == len(set(urgent["sources"]))
    assert all("source" not in item for item in urgent["items"])
    assert "Source" not in " ".join(urgent["notes"])
    assert burnout.distress == () and burnout.score({"helpless": True})["help"]["first"] is False
    feelings = urgent["items"][0]
    assert feelings["message"].startswith("You noticed 2 signs here: I feel hopeless; I feel afraid. What may help:")

"""Tests for selfcheck._quiz: parsing knowledge checks and scoring answers against the key."""

from __future__ import annotations

import copy
import json
import tomllib
from typing import Any

import pytest

from selfcheck._base import Common
from selfcheck._errors import AnswerError, DefinitionError
from selfcheck._fields import Table
from selfcheck._quiz import KIND, Quiz, parse
from support import EXERCISES

ORIGIN = "exercises/demo.toml"
COMMON = Common(id="demo", title="Demo quiz", source="guide §2.1")


def definition() -> dict[str, Any]:
    """A small valid quiz body (without the common fields): one single, one multiple question."""
    return {
        "intro": "Two questions.",
        "pass_mark": 0.5,
        "items": [
            {
                "id": "one",
                "type": "single",
                "prompt": "Pick A",
                "correct": ["a"],
                "explanation": "A is right.",
                "source": "guide §2.1",
                "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B", "feedback": "B is a trap."}],
            },
            {
                "id": "two",
                "type": "multiple",
                "prompt": "Pick X and Y",
                "correct": ["x", "y"],
                "explanation": "X and Y both apply.",
                "source": "guide §2.2",
                "options": [
                    {"id": "x", "label": "X"},
                    {"id": "y", "label": "Y"},
                    {"id": "z", "label": "Z", "feedback": "Z does not apply."},
                ],
            },
        ],
    }


def build(data: dict[str, Any] | None = None) -> Quiz:
    """Parse a quiz body with the common fields of COMMON."""
    return parse(Table(definition() if data is None else data, ORIGIN), COMMON)


def test_parse_reads_common_and_items() -> None:
    """parse() keeps the common fields, the intro, the pass mark and the items with their answer keys."""
    quiz = build()
    assert (quiz.id, quiz.title, quiz.source, quiz.kind) == ("demo", "Demo quiz", "guide §2.1", KIND)
    assert quiz.intro == "Two questions."
    assert quiz.pass_mark == 0.5
    assert [i.choice.id for i in quiz.items] == ["one", "two"]
    assert quiz.items[1].correct == frozenset({"x", "y"})
    assert quiz.items[1].source == "guide §2.2"


def test_pass_mark_defaults_to_eighty_percent() -> None:
    """Without pass_mark the quiz needs 80 % to pass."""
    data = definition()
    del data["pass_mark"]
    assert build(data).pass_mark == 0.8


def test_describe_hides_answer_key() -> None:
    """describe() publishes items and options in order, but no answer key, explanation or feedback."""
    described = build().describe()
    assert described["id"] == "demo" and described["kind"] == "quiz"
    assert [i["id"] for i in described["items"]] == ["one", "two"]
    assert [o["id"] for o in described["items"][1]["options"]] == ["x", "y", "z"]
    text = json.dumps(described)
    for secret in ("correct", "explanation", "B is a trap", "X and Y both apply"):
        assert secret not in text


def test_all_correct_passes() -> None:
    """All answers right: every item correct, passed, and the summary says so."""
    result = build().score({"one": "a", "two": ["y", "x"]})
    assert result["exercise"] == "demo" and result["kind"] == "quiz"
    assert (result["correct"], result["total"], result["passed"]) == (2, 2, True)
    assert result["summary"] == "2 of 2 correct. Passed."
    assert [i["status"] for i in result["items"]] == ["correct", "correct"]
    assert result["items"][0]["label"] == "Correct"


def test_partial_and_incorrect_statuses() -> None:
    """Some right options of a multiple item is 'partial'; a wrong single answer is 'incorrect'."""
    result = build().score({"one": "b", "two": ["x", "z"]})
    one, two = result["items"]
    assert (one["status"], one["label"]) == ("incorrect", "Not quite")
    assert (two["status"], two["label"]) == ("partial", "Partly right")
    assert result["correct"] == 0 and result["passed"] is False


def test_no_hit_on_multiple_is_incorrect() -> None:
    """A multiple-choice answer with none of the correct options is 'incorrect'."""
    assert build().score({"one": "a", "two": ["z"]})["items"][1]["status"] == "incorrect"


def test_superset_of_key_is_not_correct() -> None:
    """Choosing every option of a multiple item (a superset of the key) is only partly right."""
    assert build().score({"one": "a", "two": ["x", "y", "z"]})["items"][1]["status"] == "partial"


def test_feedback_of_chosen_options_precedes_explanation() -> None:
    """An item's message is the feedback of the chosen options followed by the explanation; source is cited."""
    result = build().score({"one": "b", "two": ["x", "y"]})
    one, two = result["items"]
    assert one["message"] == "B is a trap. A is right."
    assert two["message"] == "X and Y both apply."
    assert one["source"] == "guide §2.1" and two["source"] == "guide §2.2"
    assert one["chosen"] == ["b"] and one["expected"] == ["a"] and one["expected_labels"] == ["A"]
    assert one["prompt"] == "Pick A"


def test_pass_mark_threshold() -> None:
    """With pass mark 0.5 and two questions, one right passes; with 1.0 it fails and says how many are needed."""
    answers = {"one": "a", "two": ["z"]}
    assert build().score(answers)["passed"] is True
    strict = definition()
    strict["pass_mark"] = 1.0
    result = build(strict).score(answers)
    assert result["passed"] is False
    assert result["summary"] == "1 of 2 correct. To pass, get at least 2 right; read the feedback and try again."


def test_missing_answer_is_refused() -> None:
    """Scoring with an unanswered question fails, naming the missing item."""
    with pytest.raises(AnswerError) as info:
        build().score({"one": "a"})
    assert str(info.value) == "missing answer for item 'two': answer every question"


def test_empty_multiple_counts_as_missing() -> None:
    """An empty list for a multiple item is unanswered, so scoring is refused."""
    with pytest.raises(AnswerError, match="missing answer for item 'two'"):
        build().score({"one": "a", "two": []})


def test_unknown_item_is_refused() -> None:
    """An answer for an item the quiz does not have fails, naming it."""
    with pytest.raises(AnswerError, match=r"unknown item id 'three' \(items: one, two\)"):
        build().score({"one": "a", "two": ["x"], "three": "a"})


def test_wrong_types_are_refused() -> None:
    """A list for a single item and a string for a multiple item both fail with the item named."""
    with pytest.raises(AnswerError, match="item 'one': expected one option id"):
        build().score({"one": ["a"], "two": ["x"]})
    with pytest.raises(AnswerError, match="item 'two': expected a list of option ids"):
        build().score({"one": "a", "two": "x"})


def mutated(path: tuple[Any, ...], value: Any = None, delete: bool = False) -> dict[str, Any]:
    """A copy of definition() with one field changed or deleted."""
    data = copy.deepcopy(definition())
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (mutated(("items", 0, "correct"), ["q"]),
         "item 'one': field 'correct': unknown option 'q' in the answer key (offered: a, b)"),
        (mutated(("items", 1, "correct"), ["x", "x"]), "item 'two': field 'correct': lists an option more than once"),
        (mutated(("items", 0, "correct"), ["a", "b"]),
         "item 'one': field 'correct': a single-choice question needs exactly one correct option"),
        (mutated(("items", 1, "options"), [{"id": "x", "label": "X"}]),
         "item 'two': field 'correct': unknown option 'y' in the answer key (offered: x)"),
        (mutated(("items", 0, "explanation"), delete=True), "item 'one': field 'explanation': is missing"),
        (mutated(("items", 0, "source"), delete=True), "item 'one': field 'source': is missing"),
        (mutated(("items", 0, "type"), "ranking"),
         "item 'one': field 'type': must be one of single, multiple (got 'ranking')"),
        (mutated(("items", 0, "hint"), "extra"), "item 'one': field 'hint': is not a known field"),
        (mutated(("items", 1, "id"), "one"), "item 'one': field 'id': duplicate id 'one'"),
        (mutated(("pass_mark",), 0), "field 'pass_mark': must be a fraction above 0 and at most 1"),
        (mutated(("pass_mark",), 1.5), "field 'pass_mark': must be a fraction above 0 and at most 1"),
        (mutated(("colour",), "red"), "field 'colour': is not a known field"),
        (mutated(("items",), delete=True), "field 'items': is missing"),
    ],
)
def test_malformed_quiz_names_item_and_field(data: dict[str, Any], expected: str) -> None:
    """Each malformed quiz fails with a message naming the file, the item (when any) and the field."""
    with pytest.raises(DefinitionError) as info:
        build(data)
    assert str(info.value) == f"{ORIGIN}: {expected}"


def test_multiple_needs_two_options() -> None:
    """A multiple-choice question with a single option is rejected on its options field."""
    data = mutated(("items", 1, "options"), [{"id": "x", "label": "X"}])
    data["items"][1]["correct"] = ["x"]
    with pytest.raises(DefinitionError) as info:
        build(data)
    assert str(info.value) == (
        f"{ORIGIN}: item 'two': field 'options': a multiple-choice question needs at least two options"
    )


def test_real_knowledge_check_scores_its_own_key() -> None:
    """The published Palermo knowledge check passes when answered with its own key, and fails with wrong answers."""
    from selfcheck._loader import load_file

    path = EXERCISES / "knowledge-checks" / "palermo-definition.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    quiz = load_file(path)
    assert len(raw["items"]) >= 5
    key = {i["id"]: (i["correct"][0] if i["type"] == "single" else i["correct"]) for i in raw["items"]}
    result = quiz.score(key)
    assert result["passed"] is True and result["correct"] == result["total"] == len(raw["items"])
    wrong = {
        i["id"]: next(o["id"] for o in i["options"] if o["id"] not in i["correct"])
        if i["type"] == "single" else [next(o["id"] for o in i["options"] if o["id"] not in i["correct"])]
        for i in raw["items"]
    }
    failed = quiz.score(wrong)
    assert failed["passed"] is False and failed["correct"] == 0
    assert all(item["source"] for item in failed["items"])

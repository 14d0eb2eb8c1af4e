"""Tests for selfcheck._quiz: parsing knowledge-check banks (schema 2), describing them, refusing undrawn scoring."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from banks import OBJECTIVES, bank, quiz
from selfcheck._errors import AnswerError, DefinitionError
from selfcheck._quiz import KIND, Quiz, percent_of

ORIGIN = "exercises/knowledge-checks/demo-bank.toml"


def test_parse_reads_bank_fields() -> None:
    """parse() keeps the common fields, the page, the draw size, the objectives and each item's objective and style."""
    parsed = quiz()
    assert (parsed.id, parsed.kind, parsed.page, parsed.size, parsed.pass_mark) == (
        "demo-bank", KIND, "modules/demo.md", 8, 0.8)
    assert [o.id for o in parsed.objectives] == list(OBJECTIVES)
    assert parsed.objectives[0].section == "section-define"
    first = parsed.items[0]
    assert (first.choice.id, first.objective, first.style) == ("q01", "define", "application")
    assert all(o.feedback for i in parsed.items for o in i.choice.options)


def test_pass_mark_and_draw_default_to_eighty_percent_and_eight() -> None:
    """Without pass_mark and draw a bank passes at 80 % and draws 8 items."""
    data = bank()
    del data["draw"]
    assert (quiz(data).pass_mark, quiz(data).size) == (0.8, 8)
    data["pass_mark"] = 0.75
    assert quiz(data).pass_mark == 0.75


def test_page_url_follows_directory_urls() -> None:
    """The module page's URL is MkDocs' directory URL of the docs-relative page."""
    data = bank()
    assert quiz(data).page_url() == "modules/demo/"
    data["page"] = "index.md"
    assert quiz(data).page_url() == ""
    data["page"] = "modules/index.md"
    assert quiz(data).page_url() == "modules/"


def test_describe_is_the_whole_bank_in_published_order_without_answers() -> None:
    """describe() lists every item and option in file order, with objectives, and no key, explanation or feedback."""
    described = quiz().describe()
    assert [i["id"] for i in described["items"]] == [i["id"] for i in bank()["items"]]
    assert [o["id"] for o in described["items"][0]["options"]] == [o["id"] for o in bank()["items"][0]["options"]]
    assert described["objectives"][0] == {"id": "define", "text": "Objective define: what the reader can do.",
                                          "section": "section-define"}
    assert described["draw"] == 8 and described["page"] == "modules/demo.md"
    (rules,) = described["rules"]
    assert "8 of the 16 questions" in rules and "80%" in rules
    text = json.dumps(described)
    for secret in ('"correct"', "explanation", "Why answer", "The rule behind"):
        assert secret not in text


def test_answer_key_has_answers_feedback_and_sources() -> None:
    """answer_key() adds, to the published bank, the right options, every option's feedback and the explanation."""
    key = quiz().answer_key()
    first = key["items"][0]
    assert first["correct"] == ["q01-a"] and first["source"] == "guide §1"
    assert [o["correct"] for o in first["options"]] == [True, False, False, False]
    assert first["options"][1]["feedback"] == "Why answer B is wrong (guide §1)."
    assert first["explanation"].startswith("The rule behind question 01")


def test_score_without_a_drawn_attempt_is_refused() -> None:
    """A bank is never scored as a whole: score() asks for the attempt's seed."""
    with pytest.raises(AnswerError, match="scored for one drawn attempt"):
        quiz().score({"q01": "q01-a"})


def test_percent_rounds_down() -> None:
    """Percentages shown to readers round down, so 79.9 % never reads as 80 %."""
    assert (percent_of(0.8), percent_of(0.7999), percent_of(1.0), percent_of(0.0)) == (80, 79, 100, 0)


def mutated(path: tuple[Any, ...], value: Any = None, delete: bool = False) -> dict[str, Any]:
    """A copy of bank() with one field changed or deleted."""
    data = copy.deepcopy(bank())
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


def without_items_of(objective: str) -> dict[str, Any]:
    """bank() with no item testing ``objective``."""
    data = bank()
    data["items"] = [i for i in data["items"] if i["objective"] != objective]
    return data


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (mutated(("items", 0, "correct"), ["q"]),
         "item 'q01': field 'correct': unknown option 'q' in the answer key (offered: q01-a, q01-b, q01-c, q01-d)"),
        (mutated(("items", 3, "correct"), ["q04-a", "q04-a"]),
         "item 'q04': field 'correct': lists an option more than once"),
        (mutated(("items", 0, "correct"), ["q01-a", "q01-b"]),
         "item 'q01': field 'correct': a single-choice question needs exactly one correct option"),
        (mutated(("items", 3, "correct"), []),
         "item 'q04': field 'correct': a multiple-choice question needs at least one correct option"),
        (mutated(("items", 0, "explanation"), delete=True), "item 'q01': field 'explanation': is missing"),
        (mutated(("items", 0, "source"), delete=True), "item 'q01': field 'source': is missing"),
        (mutated(("items", 0, "objective"), delete=True), "item 'q01': field 'objective': is missing"),
        (mutated(("items", 0, "objective"), "dream"),
         "item 'q01': field 'objective': unknown objective 'dream' (objectives: define, spot, act, refer)"),
        (mutated(("items", 0, "style"), "trivia"),
         "item 'q01': field 'style': must be one of application, recall (got 'trivia')"),
        (mutated(("items", 0, "options", 1, "feedback"), delete=True),
         "item 'q01/q01-b': field 'feedback': is missing"),
        (mutated(("items", 0, "options", 1, "feedback"), "  "),
         "item 'q01/q01-b': field 'feedback': must be a non-empty string"),
        (mutated(("items", 0, "type"), "ranking"),
         "item 'q01': field 'type': must be one of single, multiple (got 'ranking')"),
        (mutated(("items", 0, "hint"), "extra"), "item 'q01': field 'hint': is not a known field"),
        (mutated(("items", 1, "id"), "q01"), "item 'q01': field 'id': duplicate id 'q01'"),
        (mutated(("objectives", 0, "section"), "Not An Anchor"),
         "item 'define': field 'section': 'Not An Anchor' is not a valid id (use a-z, 0-9, '-' and '_')"),
        (mutated(("objectives", 1, "id"), "define"), "item 'define': field 'id': duplicate id 'define'"),
        (mutated(("objectives",), delete=True), "field 'objectives': is missing"),
        (without_items_of("act"),
         "item 'act': field 'objectives': no item tests this objective, so an attempt cannot cover it"),
        (mutated(("draw",), 3),
         "field 'draw': must be at least the number of objectives (4, so every attempt can cover them all) and at "
         "most the number of items (16), got 3"),
        (mutated(("draw",), 17),
         "field 'draw': must be at least the number of objectives (4, so every attempt can cover them all) and at "
         "most the number of items (16), got 17"),
        (mutated(("page",), delete=True), "field 'page': is missing"),
        (mutated(("page",), "../secret.md"),
         "field 'page': '../secret.md' must be a docs-relative Markdown page such as 'modules/01-x.md'"),
        (mutated(("page",), "modules/demo"),
         "field 'page': 'modules/demo' must be a docs-relative Markdown page such as 'modules/01-x.md'"),
        (mutated(("pass_mark",), 0), "field 'pass_mark': must be a fraction above 0 and at most 1"),
        (mutated(("pass_mark",), 1.5), "field 'pass_mark': must be a fraction above 0 and at most 1"),
        (mutated(("colour",), "red"), "field 'colour': is not a known field"),
        (mutated(("items",), delete=True), "field 'items': is missing"),
    ],
)
def test_malformed_bank_names_item_and_field(data: dict[str, Any], expected: str) -> None:
    """Each malformed bank fails with a message naming the file, the item (when any) and the field."""
    with pytest.raises(DefinitionError) as info:
        quiz(data)
    assert str(info.value) == f"{ORIGIN}: {expected}"


def test_multiple_needs_two_options() -> None:
    """A multiple-choice question with a single option is rejected on its options field."""
    data = bank()
    data["items"][3]["options"] = data["items"][3]["options"][:1]
    data["items"][3]["correct"] = [data["items"][3]["options"][0]["id"]]
    with pytest.raises(DefinitionError) as info:
        quiz(data)
    assert str(info.value) == (
        f"{ORIGIN}: item 'q04': field 'options': a multiple-choice question needs at least two options"
    )


def test_parsed_bank_is_a_quiz() -> None:
    """The bank parses into the Quiz class the public API exports."""
    assert isinstance(quiz(), Quiz)

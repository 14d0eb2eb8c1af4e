"""Tests for selfcheck._choice: choice items, reading a reader's answer, option parsing."""

from __future__ import annotations

import pytest

from selfcheck._choice import MULTIPLE, SINGLE, ChoiceItem, Option, check_answer_keys, parse_options
from selfcheck._errors import AnswerError, DefinitionError
from selfcheck._fields import Table

OPTIONS = (Option("a", "Alpha", "fb-a"), Option("b", "Beta"), Option("c", "Gamma"))
SINGLE_ITEM = ChoiceItem(id="q1", type=SINGLE, prompt="Pick one", options=OPTIONS)
MULTI_ITEM = ChoiceItem(id="q2", type=MULTIPLE, prompt="Pick some", options=OPTIONS)


def test_option_ids_in_published_order() -> None:
    """option_ids() lists option ids in the order they were defined."""
    assert SINGLE_ITEM.option_ids() == ["a", "b", "c"]


def test_describe_publishes_no_feedback() -> None:
    """describe() gives id, type, prompt and options (id and label only, in order); feedback stays private."""
    assert MULTI_ITEM.describe() == {
        "id": "q2",
        "type": "multiple",
        "prompt": "Pick some",
        "options": [{"id": "a", "label": "Alpha"}, {"id": "b", "label": "Beta"}, {"id": "c", "label": "Gamma"}],
    }


def test_single_answer_read() -> None:
    """A single-choice answer is one offered option id, returned as a one-element list."""
    assert SINGLE_ITEM.read_answer({"q1": "b"}) == ["b"]


def test_multiple_answer_read_keeps_order() -> None:
    """A multiple-choice answer is a list of offered option ids, returned in the reader's order."""
    assert MULTI_ITEM.read_answer({"q2": ["c", "a"]}) == ["c", "a"]


@pytest.mark.parametrize("answers", [{}, {"q1": None}, {"other": "a"}])
def test_unanswered_single_is_none(answers: dict[str, object]) -> None:
    """An absent or null single-choice answer reads as unanswered (None)."""
    assert SINGLE_ITEM.read_answer(answers) is None


def test_empty_multiple_is_unanswered() -> None:
    """An empty list for a multiple-choice item counts as unanswered."""
    assert MULTI_ITEM.read_answer({"q2": []}) is None


@pytest.mark.parametrize(
    ("value", "described"),
    [(["a"], "a list"), (1, "a number"), (True, "true/false"), ({"a": 1}, "an object"), (1.5, "a number")],
)
def test_single_wrong_type(value: object, described: str) -> None:
    """A single-choice answer that is not a string fails, naming the item and the JSON type given."""
    with pytest.raises(AnswerError) as info:
        SINGLE_ITEM.read_answer({"q1": value})
    assert str(info.value) == f"item 'q1': expected one option id as a string, got {described}"


@pytest.mark.parametrize(("value", "described"), [("a", "a string"), (3, "a number"), (["a", 2], "a list")])
def test_multiple_wrong_type(value: object, described: str) -> None:
    """A multiple-choice answer that is not a list of strings fails, naming the item and the type given."""
    with pytest.raises(AnswerError) as info:
        MULTI_ITEM.read_answer({"q2": value})
    assert str(info.value) == f"item 'q2': expected a list of option ids, got {described}"


def test_option_not_offered() -> None:
    """An option id the item does not offer fails, naming the item, the option and the offered ids."""
    with pytest.raises(AnswerError) as info:
        SINGLE_ITEM.read_answer({"q1": "z"})
    assert str(info.value) == "item 'q1': option 'z' is not offered (offered: a, b, c)"
    with pytest.raises(AnswerError, match="option 'z' is not offered"):
        MULTI_ITEM.read_answer({"q2": ["a", "z"]})


def test_repeated_option_in_multiple() -> None:
    """Giving the same option twice in a multiple-choice answer fails."""
    with pytest.raises(AnswerError, match=r"item 'q2': an option is given more than once"):
        MULTI_ITEM.read_answer({"q2": ["a", "a"]})


def test_check_answer_keys_unknown_item() -> None:
    """check_answer_keys() accepts known item ids and names an unknown one together with the known ids."""
    check_answer_keys({"q1": "a"}, ["q1", "q2"])
    with pytest.raises(AnswerError) as info:
        check_answer_keys({"q1": "a", "q9": "b"}, ["q1", "q2"])
    assert str(info.value) == "unknown item id 'q9' (items: q1, q2)"


def test_parse_options_reads_id_label_feedback() -> None:
    """parse_options() reads each option's id, label and optional feedback, in order."""
    table = Table({"options": [{"id": "x", "label": " X ", "feedback": "why"}, {"id": "y", "label": "Y"}]}, "f.toml",
                  item="q1")
    assert parse_options(table) == (Option("x", "X", "why"), Option("y", "Y", ""))


def test_parse_options_duplicate_option_id() -> None:
    """Two options with the same id fail, naming file, the item/option and field id."""
    table = Table({"options": [{"id": "x", "label": "X"}, {"id": "x", "label": "X again"}]}, "f.toml", item="q1")
    with pytest.raises(DefinitionError) as info:
        parse_options(table)
    assert str(info.value) == "f.toml: item 'q1/x': field 'id': duplicate id 'x'"


def test_parse_options_unknown_field() -> None:
    """An option with an unknown field (a typo) fails, naming the option and the field."""
    table = Table({"options": [{"id": "x", "lable": "X", "label": "X"}]}, "f.toml", item="q1")
    with pytest.raises(DefinitionError) as info:
        parse_options(table)
    assert str(info.value) == "f.toml: item 'q1/x': field 'lable': is not a known field"


def test_parse_options_missing_label() -> None:
    """An option without a label fails, naming the option and the field label."""
    table = Table({"options": [{"id": "x"}]}, "f.toml", item="q1")
    with pytest.raises(DefinitionError) as info:
        parse_options(table)
    assert str(info.value) == "f.toml: item 'q1/x': field 'label': is missing"

"""Single- and multiple-choice items: parsing and checking a reader's answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ._base import JSONObject
from ._errors import AnswerError
from ._fields import Table, unique_ids

SINGLE = "single"
MULTIPLE = "multiple"


@dataclass(frozen=True)
class Option:
    """One answer option."""

    id: str
    label: str
    feedback: str = ""


@dataclass(frozen=True)
class ChoiceItem:
    """A question with options; ``type`` is ``single`` or ``multiple``."""

    id: str
    type: str
    prompt: str
    options: tuple[Option, ...]

    def option_ids(self) -> list[str]:
        """Option ids in published order."""
        return [o.id for o in self.options]

    def describe(self) -> JSONObject:
        """The item as published."""
        return {
            "id": self.id,
            "type": self.type,
            "prompt": self.prompt,
            "options": [{"id": o.id, "label": o.label} for o in self.options],
        }

    def read_answer(self, answers: Mapping[str, object]) -> list[str] | None:
        """The chosen option ids, or None when unanswered.

        A single-choice answer is one option id; a multiple-choice answer is a
        list of distinct option ids (an empty list counts as unanswered).
        """
        if self.id not in answers or answers[self.id] is None:
            return None
        value = answers[self.id]
        offered = self.option_ids()
        if self.type == SINGLE:
            if not isinstance(value, str):
                raise AnswerError(f"item {self.id!r}: expected one option id as a string, got {_json_type(value)}")
            chosen = [value]
        else:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise AnswerError(f"item {self.id!r}: expected a list of option ids, got {_json_type(value)}")
            chosen = list(value)
            if len(set(chosen)) != len(chosen):
                raise AnswerError(f"item {self.id!r}: an option is given more than once")
        for option in chosen:
            if option not in offered:
                raise AnswerError(
                    f"item {self.id!r}: option {option!r} is not offered (offered: {', '.join(offered)})"
                )
        return chosen or None


def _json_type(value: object) -> str:
    names = {str: "a string", bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def parse_options(table: Table, *, feedback_required: bool = False) -> tuple[Option, ...]:
    """Read the ``options`` list of an item table (``feedback_required``: every option must explain itself)."""
    tables = table.tables("options")
    unique_ids(tables, table)
    options = []
    for t in tables:
        feedback = t.text("feedback") if feedback_required else t.opt_text("feedback")
        options.append(Option(id=t.ident(), label=t.text("label"), feedback=feedback))
        t.finish()
    return tuple(options)


def check_answer_keys(answers: Mapping[str, object], known: list[str]) -> None:
    """Fail on an answer for an item the exercise does not have."""
    for key in answers:
        if key not in known:
            raise AnswerError(f"unknown item id {key!r} (items: {', '.join(known)})")

"""Single- and multiple-choice items: parsing and checking a reader's answer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ._base import JSONObject
from ._errors import AnswerError
from ._fields import Table, unique_ids
from ._locale import DEFAULT, text

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
        """The item as published (its words are the definition's)."""
        return {
            "id": self.id,
            "type": self.type,
            "prompt": self.prompt,
            "options": [{"id": o.id, "label": o.label} for o in self.options],
        }

    def read_answer(self, answers: Mapping[str, object], lang: str = DEFAULT) -> list[str] | None:
        """The chosen option ids, or None when unanswered (a wrong answer's message is in ``lang``).

        A single-choice answer is one option id; a multiple-choice answer is a
        list of distinct option ids (an empty list counts as unanswered).
        """
        if self.id not in answers or answers[self.id] is None:
            return None
        value = answers[self.id]
        offered = self.option_ids()
        if self.type == SINGLE:
            if not isinstance(value, str):
                raise AnswerError(text(lang, "answers.expected-option", item=self.id, got=json_type(value, lang)))
            chosen = [value]
        else:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise AnswerError(text(lang, "answers.expected-options", item=self.id, got=json_type(value, lang)))
            chosen = list(value)
            if len(set(chosen)) != len(chosen):
                raise AnswerError(text(lang, "answers.repeated-option", item=self.id))
        for option in chosen:
            if option not in offered:
                raise AnswerError(
                    text(lang, "answers.not-offered", item=self.id, option=option, offered=", ".join(offered))
                )
        return chosen or None


#: The kind of a JSON value, as an answer error names it (``answers.type.<name>`` in the locales).
_JSON_TYPES = {str: "string", bool: "bool", int: "number", float: "number", list: "list", dict: "object"}


def json_type(value: object, lang: str = DEFAULT) -> str:
    """What a JSON value is, in words ("a string", "a list"), for an answer error in ``lang``."""
    name = "null" if value is None else _JSON_TYPES.get(type(value))
    return type(value).__name__ if name is None else text(lang, f"answers.type.{name}")


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


def check_answer_keys(answers: Mapping[str, object], known: list[str], lang: str = DEFAULT) -> None:
    """Fail on an answer for an item the exercise does not have (the message in ``lang``)."""
    for key in answers:
        if key not in known:
            raise AnswerError(text(lang, "answers.unknown-item", item=key, items=", ".join(known)))

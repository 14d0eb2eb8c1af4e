"""Errors raised by selfcheck: one line each, meant to be shown to a person."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class SelfcheckError(Exception):
    """Base class: the message is a complete, one-line sentence for a reader."""


class DefinitionError(SelfcheckError):
    """An exercise definition is malformed. Names the file, the item and the field."""

    def __init__(
        self,
        origin: str,
        message: str,
        *,
        item: str | None = None,
        field: str | None = None,
    ) -> None:
        self.origin = origin
        self.item = item
        self.field = field
        self.detail = message
        where = [origin]
        if item is not None:
            where.append(f"item {item!r}")
        if field is not None:
            where.append(f"field {field!r}")
        super().__init__(": ".join([*where, message]))


class UnknownExerciseError(SelfcheckError):
    """No exercise has the requested id."""


@dataclass(frozen=True)
class AnswerProblem:
    """One thing a reader must change before their answers can be checked.

    ``item`` is the id of the question the message belongs next to (None: the whole form); it
    places the message on the page and is never shown. ``message`` names the question by its
    visible number and words, never by an id.
    """

    item: str | None
    message: str

    def to_json(self) -> dict[str, str | None]:
        """The problem as the bridge returns it."""
        return {"item": self.item, "message": self.message}


class AnswerError(SelfcheckError):
    """The answers given for an exercise are not usable (wrong type, unknown id, a question left out, ...).

    ``problems`` lists, for a form, what to change and next to which question (an error summary);
    the message alone is what the CLI prints.
    """

    def __init__(self, message: str, problems: Sequence[AnswerProblem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)

    @classmethod
    def of(cls, problems: Sequence[AnswerProblem]) -> AnswerError:
        """An error made of the problems a reader can fix: its message is theirs, one after the other."""
        return cls(" ".join(p.message for p in problems), problems)

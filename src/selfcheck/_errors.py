"""Errors raised by selfcheck: one line each, meant to be shown to a person."""

from __future__ import annotations


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


class AnswerError(SelfcheckError):
    """The answers given for an exercise are not usable (wrong type, unknown id, ...)."""

"""Tests for selfcheck._errors: one-line messages that say where the problem is."""

from __future__ import annotations

import pytest

from selfcheck._errors import AnswerError, DefinitionError, SelfcheckError, UnknownExerciseError


def test_definition_error_names_file_item_and_field() -> None:
    """A DefinitionError's message joins origin, quoted item, quoted field and the detail, in that order."""
    exc = DefinitionError("exercises/a.toml", "is missing", item="q1", field="prompt")
    assert str(exc) == "exercises/a.toml: item 'q1': field 'prompt': is missing"
    assert (exc.origin, exc.item, exc.field, exc.detail) == ("exercises/a.toml", "q1", "prompt", "is missing")


def test_definition_error_leaves_out_absent_parts() -> None:
    """Without an item or field, the message names only what is known."""
    assert str(DefinitionError("a.toml", "invalid TOML")) == "a.toml: invalid TOML"
    assert str(DefinitionError("a.toml", "is missing", field="kind")) == "a.toml: field 'kind': is missing"
    assert str(DefinitionError("a.toml", "must be a table", item="q2")) == "a.toml: item 'q2': must be a table"


def test_definition_error_message_is_one_line() -> None:
    """The message built from ordinary parts contains no line break."""
    assert "\n" not in str(DefinitionError("a.toml", "duplicate id 'x'", item="x", field="id"))


@pytest.mark.parametrize("cls", [DefinitionError, UnknownExerciseError, AnswerError])
def test_every_error_is_a_selfcheck_error(cls: type[Exception]) -> None:
    """Every specific error derives from SelfcheckError, so the CLI and bridge can catch them all at once."""
    assert issubclass(cls, SelfcheckError)
    assert issubclass(cls, Exception)


def test_answer_error_keeps_its_message() -> None:
    """AnswerError and UnknownExerciseError carry their message unchanged."""
    assert str(AnswerError("item 'q': option 'z' is not offered")) == "item 'q': option 'z' is not offered"
    assert str(UnknownExerciseError("unknown exercise id 'x'")) == "unknown exercise id 'x'"

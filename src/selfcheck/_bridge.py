"""The one entry point the browser's Web Worker calls: JSON in, JSON out.

The worker passes a request such as
``{"op": "score", "definition": {...}, "answers": {...}}`` and shows whatever
comes back. Every outcome is a JSON object with ``ok``; errors carry the same
one-line message the CLI prints, never a traceback.

The bridge is the top layer: it imports the loader and the kinds whose pages
need operations besides ``score``; no kind imports the bridge.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from . import _distinction, _observation
from ._base import Exercise, ExerciseOperation, JSONObject, Operation
from ._errors import SelfcheckError
from ._loader import parse_definition


def definition_of(request: Mapping[str, Any]) -> Exercise:
    """The exercise a request carries as ``definition``, validated like the build does."""
    definition = request.get("definition")
    if not isinstance(definition, Mapping):
        raise SelfcheckError("the request has no exercise definition")
    return parse_definition(definition, f"exercise {definition.get('id', '?')!s}")


def _answers(request: Mapping[str, Any]) -> Mapping[str, object]:
    answers = request.get("answers", {})
    if not isinstance(answers, Mapping):
        raise SelfcheckError("answers must be a JSON object mapping item ids to answers")
    return answers


def _score(exercise: Exercise, request: Mapping[str, Any]) -> JSONObject:
    return exercise.score(_answers(request))


def _describe(exercise: Exercise, request: Mapping[str, Any]) -> JSONObject:
    return exercise.describe()


def on_exercise(operation: ExerciseOperation) -> Operation:
    """An operation that first parses the request's ``definition`` and hands the exercise on."""
    return lambda request: operation(definition_of(request), request)


#: Every operation by name: score and describe for any kind, plus those kinds declare.
OPERATIONS: dict[str, Operation] = {
    name: on_exercise(operation)
    for name, operation in {"score": _score, "describe": _describe, **_distinction.EXERCISE_OPERATIONS}.items()
} | _distinction.OPERATIONS | _observation.OPERATIONS


def register_operation(name: str, operation: Operation) -> None:
    """Add an operation at run time (tests and experiments; kinds declare theirs as data)."""
    OPERATIONS[name] = operation


def handle(request_json: str) -> str:
    """Run one request and return the JSON response."""
    try:
        request = json.loads(request_json)
        if not isinstance(request, Mapping):
            raise SelfcheckError("the request must be a JSON object")
        op = request.get("op")
        if not isinstance(op, str) or op not in OPERATIONS:
            raise SelfcheckError(f"unknown operation {op!r}")
        response: JSONObject = {"ok": True, "result": OPERATIONS[op](request)}
    except json.JSONDecodeError as exc:
        response = {"ok": False, "error": f"the request is not valid JSON: {exc.msg}"}
    except SelfcheckError as exc:
        response = {"ok": False, "error": str(exc)}
    return json.dumps(response, ensure_ascii=False)

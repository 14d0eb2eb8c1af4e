"""The one entry point the browser's Web Worker calls: JSON in, JSON out.

The worker passes a request such as
``{"op": "score", "definition": {...}, "answers": {...}}`` and shows whatever
comes back. Every outcome is a JSON object with ``ok``; errors carry the same
one-line message the CLI prints, never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from ._base import JSONObject
from ._errors import SelfcheckError

Operation = Callable[[Mapping[str, Any]], JSONObject]
#: How a kind scores a request whose answers need more than the answers (a drawn attempt's seed).
Scorer = Callable[[Any, Mapping[str, Any], Mapping[str, object]], JSONObject]
SCORERS: dict[str, Scorer] = {}


def definition_of(request: Mapping[str, Any]) -> Any:
    """The exercise a request carries as ``definition``, validated like the build does."""
    from ._loader import parse_definition  # here, not at the top: kinds import this module to register ops

    definition = request.get("definition")
    if not isinstance(definition, Mapping):
        raise SelfcheckError("the request has no exercise definition")
    return parse_definition(definition, f"exercise {definition.get('id', '?')!s}")


def _answers(request: Mapping[str, Any]) -> Mapping[str, object]:
    answers = request.get("answers", {})
    if not isinstance(answers, Mapping):
        raise SelfcheckError("answers must be a JSON object mapping item ids to answers")
    return answers


def score_exercise(exercise: Any, request: Mapping[str, Any], answers: Mapping[str, object]) -> JSONObject:
    """Score ``answers``; kinds that draw attempts read the rest of ``request`` (such as ``seed``)."""
    scorer = SCORERS.get(exercise.kind)
    if scorer is not None:
        return scorer(exercise, request, answers)
    if "seed" in request:
        raise SelfcheckError(f"exercise {exercise.id!r} is not drawn from a seed: give no seed")
    result: JSONObject = exercise.score(answers)
    return result


def _score(request: Mapping[str, Any]) -> JSONObject:
    return score_exercise(definition_of(request), request, _answers(request))


def _describe(request: Mapping[str, Any]) -> JSONObject:
    result: JSONObject = definition_of(request).describe()
    return result


OPERATIONS: dict[str, Operation] = {"score": _score, "describe": _describe}


def register_operation(name: str, operation: Operation) -> None:
    """Add an operation (used by kinds whose page needs more than ``score``)."""
    OPERATIONS[name] = operation


def register_scorer(kind: str, scorer: Scorer) -> None:
    """Score exercises of ``kind`` with ``scorer`` (used by kinds whose answers belong to a drawn attempt)."""
    SCORERS[kind] = scorer


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

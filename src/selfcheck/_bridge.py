"""The one entry point the browser's Web Worker calls: JSON in, JSON out.

The worker passes a request such as
``{"op": "score", "definition": {...}, "answers": {...}, "lang": "ro"}`` and shows
whatever comes back. ``lang`` (``en``, ``ro`` or ``bg``; default ``en``) is the
language of every sentence selfcheck writes: the page passes its edition's
language. Every outcome is a JSON object with ``ok``; errors carry the same
one-line message the CLI prints, never a traceback (a reader's error in ``lang``;
one about a malformed request, which only the page's code can cause, in English).

The bridge is the top layer: it imports the loader and the kinds whose pages
need more than ``score`` and ``describe``; no kind imports the bridge. A kind
declares, as data, its ``OPERATIONS`` (request in, result out), its
``EXERCISE_OPERATIONS`` (on the exercise the request carries, parsed here first)
and its ``SCORERS`` (kind name to the scorer of a request whose answers belong
to more than the definition, such as a drawn attempt's seed).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from . import _classify, _distinction, _observation, _quiz, _record, _schedule
from ._base import Exercise, ExerciseOperation, JSONObject, Operation, Scorer
from ._errors import AnswerError, SelfcheckError
from ._loader import parse_definition
from ._locale import LANGUAGES, catalog, language_of

#: The kinds (and the schedule and the onboarding record) whose pages call more than ``score`` and ``describe``.
_DECLARING = (_distinction, _observation, _quiz, _schedule, _record)

#: How each kind that needs more than its answers is scored.
SCORERS: dict[str, Scorer] = {kind: s for module in _DECLARING for kind, s in getattr(module, "SCORERS", {}).items()}


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


def score_exercise(exercise: Exercise, request: Mapping[str, Any], answers: Mapping[str, object]) -> JSONObject:
    """Score ``answers`` in the request's ``lang``; kinds that draw attempts read the rest of ``request`` (``seed``)."""
    scorer = SCORERS.get(exercise.kind)
    if scorer is not None:
        return scorer(exercise, request, answers)
    if "seed" in request:
        raise SelfcheckError(f"exercise {exercise.id!r} is not drawn from a seed: give no seed")
    return exercise.score(answers, lang=language_of(request))


def _score(exercise: Exercise, request: Mapping[str, Any]) -> JSONObject:
    return score_exercise(exercise, request, _answers(request))


def _describe(exercise: Exercise, request: Mapping[str, Any]) -> JSONObject:
    return exercise.describe(lang=language_of(request))


def on_exercise(operation: ExerciseOperation) -> Operation:
    """An operation that first parses the request's ``definition`` and hands the exercise on."""
    return lambda request: operation(definition_of(request), request)


def _declared(name: str) -> dict[str, Any]:
    return {key: value for module in _DECLARING for key, value in getattr(module, name, {}).items()}


#: Every operation by name: score and describe for any kind, plus those the kinds declare.
OPERATIONS: dict[str, Operation] = {
    name: on_exercise(operation)
    for name, operation in {"score": _score, "describe": _describe, **_declared("EXERCISE_OPERATIONS")}.items()
} | _declared("OPERATIONS")


def register_operation(name: str, operation: Operation) -> None:
    """Add an operation at run time (tests and experiments; kinds declare theirs as data)."""
    OPERATIONS[name] = operation


def preload() -> None:
    """Read every file of the package's own data now: each language's sentences and safety rules.

    The browser's worker calls it before it takes a memory snapshot (warm start): a Python restored
    from the snapshot has only what was in memory, not the package's files, and would otherwise fail
    (or fall back to English) on the first Romanian or Bulgarian request.
    """
    for lang in LANGUAGES:
        catalog(lang)
        _classify.rules_in(lang)


def handle(request_json: str) -> str:
    """Run one request and return the JSON response."""
    try:
        request = json.loads(request_json)
        if not isinstance(request, Mapping):
            raise SelfcheckError("the request must be a JSON object")
        op = request.get("op")
        if not isinstance(op, str) or op not in OPERATIONS:
            raise SelfcheckError(f"unknown operation {op!r}")
        language_of(request)  # an unknown language is refused whatever the operation
        response: JSONObject = {"ok": True, "result": OPERATIONS[op](request)}
    except json.JSONDecodeError as exc:
        response = {"ok": False, "error": f"the request is not valid JSON: {exc.msg}"}
    except AnswerError as exc:
        response = {"ok": False, "error": str(exc)}
        if exc.problems:  # what a form shows next to each question, and in its error summary
            response["problems"] = [p.to_json() for p in exc.problems]
    except SelfcheckError as exc:
        response = {"ok": False, "error": str(exc)}
    return json.dumps(response, ensure_ascii=False)

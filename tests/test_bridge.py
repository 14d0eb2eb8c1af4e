"""Tests for selfcheck._bridge: the JSON-in, JSON-out entry point of the browser's worker."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from selfcheck import _bridge
from selfcheck._loader import load_catalogue
from support import EXERCISES, run_cli

PALERMO = tomllib.loads((EXERCISES / "knowledge-checks" / "palermo-definition.toml").read_text(encoding="utf-8"))


def call(request: object) -> dict[str, Any]:
    """Send ``request`` (JSON-encoded unless already a string) and decode the response."""
    text = request if isinstance(request, str) else json.dumps(request)
    response = json.loads(_bridge.handle(text))
    assert isinstance(response, dict)
    return response


def score(answers: object) -> dict[str, Any]:
    """A score request for the Palermo knowledge check."""
    return call({"op": "score", "definition": PALERMO, "answers": answers})


def full_key() -> dict[str, object]:
    """The Palermo check's own answer key, as answers."""
    return {i["id"]: (i["correct"][0] if i["type"] == "single" else i["correct"]) for i in PALERMO["items"]}


def test_score_matches_cpython_scoring() -> None:
    """A score request returns ok and exactly what the exercise's score() computes for the same answers."""
    answers = full_key()
    answers["acts"] = ["recruitment"]
    response = score(answers)
    assert response["ok"] is True
    expected = load_catalogue(EXERCISES).get("palermo-definition").score(answers)
    assert response["result"] == json.loads(json.dumps(expected))


def test_describe_matches_cpython() -> None:
    """A describe request returns the same description as describe() on the loaded exercise."""
    response = call({"op": "describe", "definition": PALERMO})
    assert response == {"ok": True, "result": load_catalogue(EXERCISES).get("palermo-definition").describe()}


@pytest.mark.parametrize(
    ("request_json", "error"),
    [
        ("{not json", "the request is not valid JSON: "),
        ("[1, 2]", "the request must be a JSON object"),
        ('{"op": "explode"}', "unknown operation 'explode'"),
        ('{"op": ["score"]}', "unknown operation ['score']"),
        ('{"definition": {}}', "unknown operation None"),
        ('{"op": "score"}', "the request has no exercise definition"),
        ('{"op": "score", "definition": "palermo"}', "the request has no exercise definition"),
    ],
)
def test_bad_requests_give_one_line_errors(request_json: str, error: str) -> None:
    """Malformed requests give ok=false and a one-line error, never an exception."""
    response = call(request_json)
    assert response["ok"] is False
    assert response["error"].startswith(error)
    assert "\n" not in response["error"] and "Traceback" not in response["error"]


def test_invalid_definition_names_exercise_item_and_field() -> None:
    """A broken definition sent by the browser is reported with its id, the item and the field."""
    broken = json.loads(json.dumps(PALERMO))
    broken["items"][0]["correct"] = ["nope"]
    response = call({"op": "score", "definition": broken, "answers": {}})
    assert response["ok"] is False
    assert response["error"].startswith("exercise palermo-definition: item 'elements': field 'correct': unknown option")


BAD_ANSWERS: list[tuple[str, object]] = [
    ("unknown item", {"nope": "x"}),
    ("option not offered", {"elements": "zzz"}),
    ("string for multiple", {"acts": "recruitment"}),
    ("list for single", {"elements": ["act-purpose"]}),
    ("number", {"elements": 3}),
    ("missing answer", {"elements": "act-purpose"}),
    ("answers not an object", ["act-purpose"]),
]


@pytest.mark.parametrize(("case", "answers"), BAD_ANSWERS, ids=[c for c, _ in BAD_ANSWERS])
def test_bridge_errors_equal_cli_errors(case: str, answers: object) -> None:
    """For the same bad answers the bridge returns exactly the message the CLI prints after 'error: '."""
    response = score(answers)
    assert response["ok"] is False, case
    done = run_cli("score", "palermo-definition", "-", stdin=json.dumps(answers))
    assert done.returncode == 2
    assert done.stderr == f"error: {response['error']}\n"


def test_absent_answers_mean_none_given() -> None:
    """A score request without answers is scored as if nothing was answered (the quiz asks for every answer)."""
    response = call({"op": "score", "definition": PALERMO})
    assert response["ok"] is False
    assert response["error"].startswith("missing answer for item 'elements'")


def test_response_keeps_non_ascii_text() -> None:
    """Responses are UTF-8 JSON text: '§' in sources is kept as is, not escaped."""
    raw = _bridge.handle(json.dumps({"op": "score", "definition": PALERMO, "answers": full_key()}))
    assert "guide §2.1" in raw


@pytest.fixture
def extra_operation() -> Iterator[str]:
    """Register a test operation for the duration of one test."""
    name = "test-echo"

    def echo(request: Mapping[str, Any]) -> dict[str, Any]:
        return {"echo": request.get("value")}

    _bridge.register_operation(name, echo)
    yield name
    _bridge.OPERATIONS.pop(name, None)


def test_register_operation(extra_operation: str) -> None:
    """An operation added with register_operation() is dispatched by its name."""
    assert call({"op": extra_operation, "value": [1, "a"]}) == {"ok": True, "result": {"echo": [1, "a"]}}

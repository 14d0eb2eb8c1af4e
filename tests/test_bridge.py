"""Tests for selfcheck._bridge: the JSON-in, JSON-out entry point of the browser's worker."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from banks import bank, key_for, quiz, settings, write_bank
from selfcheck import _bridge
from selfcheck._classify import FACTS
from support import EXERCISES, run_cli

BANK = bank()
SEED = 5


def call(request: object) -> dict[str, Any]:
    """Send ``request`` (JSON-encoded unless already a string) and decode the response."""
    text = request if isinstance(request, str) else json.dumps(request)
    response = json.loads(_bridge.handle(text))
    assert isinstance(response, dict)
    return response


def score(answers: object, **extra: object) -> dict[str, Any]:
    """A score request for the synthetic bank's attempt of SEED."""
    return call({"op": "score", "definition": BANK, "seed": SEED, "answers": answers, **extra})


def full_key() -> dict[str, object]:
    """The right answers of the attempt of SEED."""
    return key_for(quiz().draw(SEED).key())


def test_score_matches_cpython_scoring() -> None:
    """A score request returns ok and exactly what the drawn attempt's score() computes for the same answers."""
    answers = full_key()
    first = next(iter(answers))
    answers[first] = [] if isinstance(answers[first], list) else answers[first]
    response = score(answers)
    assert response["ok"] is True
    expected = quiz().draw(SEED).score(answers)
    assert response["result"] == json.loads(json.dumps(expected))


def test_draw_matches_cpython() -> None:
    """A draw request returns the attempt the library draws for the seed; a refresher request a short one."""
    response = call({"op": "draw", "definition": BANK, "seed": SEED})
    assert response == {"ok": True, "result": json.loads(json.dumps(quiz().draw(SEED).describe()))}
    schedule = settings().refresh.to_json()
    refresher = call({"op": "draw", "definition": BANK, "seed": SEED, "refresher": schedule})["result"]
    assert refresher["mode"] == "refresher" and len(refresher["items"]) == 4


def test_a_refresher_is_scored_as_drawn() -> None:
    """A score request with the schedule scores the refresher of that seed (not the full attempt)."""
    schedule = settings().refresh.to_json()
    attempt = quiz().draw(SEED, 4, "refresher")
    response = score(key_for(attempt.key()), refresher=schedule)
    assert response["ok"] is True and response["result"]["mode"] == "refresher" and response["result"]["total"] == 4


@pytest.mark.parametrize(("seed", "error"), [(None, "scored for one drawn attempt"),
                                             ("7", "the seed must be a whole number"),
                                             (-3, "the seed must be a whole number"), (True, "the seed must be")])
def test_score_and_draw_need_a_whole_number_seed(seed: object, error: str) -> None:
    """Without a seed a bank is not scored; a seed that is not a whole number is refused, one line each."""
    request: dict[str, Any] = {"op": "score", "definition": BANK, "answers": {}}
    if seed is not None:
        request["seed"] = seed
    assert error in call(request)["error"]
    assert error in call({**request, "op": "draw"})["error"]


def test_draw_is_only_for_knowledge_checks() -> None:
    """A draw request for another kind of exercise is refused; so is a seed on a kind that is not drawn."""
    checklist = tomllib.loads((EXERCISES / "checklists" / "cl-referral.toml").read_text(encoding="utf-8"))
    assert call({"op": "draw", "definition": checklist, "seed": 1})["error"] == (
        "exercise 'cl-referral' is not a knowledge check")
    assert call({"op": "score", "definition": checklist, "seed": 1, "answers": {}})["error"] == (
        "exercise 'cl-referral' is not drawn from a seed: give no seed")


def test_describe_matches_cpython() -> None:
    """A describe request returns the same description as describe() on the loaded exercise."""
    response = call({"op": "describe", "definition": BANK})
    assert response == {"ok": True, "result": json.loads(json.dumps(quiz().describe()))}


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
    broken = json.loads(json.dumps(BANK))
    broken["items"][0]["correct"] = ["nope"]
    response = call({"op": "score", "definition": broken, "seed": 1, "answers": {}})
    assert response["ok"] is False
    assert response["error"].startswith("exercise demo-bank: item 'q01': field 'correct': unknown option")


def bad_answers() -> list[tuple[str, object]]:
    """Bad answer sets for the attempt of SEED."""
    attempt = quiz().draw(SEED)
    single = next(d.id for d in attempt.items if d.item.choice.type == "single")
    multiple = next(d.id for d in attempt.items if d.item.choice.type == "multiple")
    key = full_key()
    return [
        ("unknown item", {**key, "nope": "x"}),
        ("option not offered", {**key, single: "zzz"}),
        ("string for multiple", {**key, multiple: "x"}),
        ("list for single", {**key, single: ["x"]}),
        ("number", {**key, single: 3}),
        ("missing answer", {k: v for k, v in key.items() if k != single}),
        ("answers not an object", ["x"]),
    ]


def test_bridge_errors_equal_cli_errors(tmp_path: Path) -> None:
    """For the same bad answers the bridge returns exactly the message the CLI prints after 'error: '."""
    write_bank(tmp_path)
    for case, answers in bad_answers():
        response = score(answers)
        assert response["ok"] is False, case
        done = run_cli("--exercises", str(tmp_path), "score", "demo-bank", "-", "--seed", str(SEED),
                       stdin=json.dumps(answers))
        assert done.returncode == 2
        assert done.stderr == f"error: {response['error']}\n", case


def test_absent_answers_mean_none_given() -> None:
    """A score request without answers is scored as if nothing was answered (the quiz asks for every answer)."""
    response = call({"op": "score", "definition": BANK, "seed": SEED})
    assert response["ok"] is False
    assert response["error"].startswith("Not every question has an answer yet (question 1: ")


def test_response_keeps_non_ascii_text() -> None:
    """Responses are UTF-8 JSON text: '§' in sources and typographic quotes are kept as they are."""
    raw = _bridge.handle(json.dumps({"op": "score", "definition": BANK, "seed": SEED, "answers": full_key()}))
    assert "guide §" in raw


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


def test_unanswered_questions_come_back_as_problems_by_number_and_words() -> None:
    """An incomplete attempt is an error whose problems name each question by its number and words, not its id.

    The ``item`` of each problem places the message next to its question on the page; no message quotes it.
    """
    answers = full_key()
    drawn = quiz().draw(SEED)
    left_out = drawn.items[1]
    del answers[left_out.id]
    response = score(answers)
    assert response["ok"] is False
    assert response["problems"] == [{
        "item": left_out.id,
        "message": response["problems"][0]["message"],
    }]
    message = response["problems"][0]["message"]
    assert message.startswith(f"Question {left_out.number}, “") and left_out.id not in message
    assert left_out.item.choice.prompt[:20] in message


def _without_package_files(monkeypatch: pytest.MonkeyPatch, empty: Path) -> None:
    """Make the package's data files unreadable, as in a Python restored from the worker's memory snapshot."""
    from selfcheck import _locale, _safety

    monkeypatch.setattr(_locale.resources, "files", lambda package: empty)
    monkeypatch.setattr(_safety.resources, "files", lambda package: empty)


@pytest.fixture()
def cold_caches() -> Iterator[None]:
    """Each language's sentences and rules not yet read (and read afresh after the test)."""
    _locale_and_rules_cleared()
    yield
    _locale_and_rules_cleared()


#: A decision-aid request in Romanian: its words come from the locale file, its notices from the safety rules.
ROMANIAN_CLASSIFY = {"op": "classify", "lang": "ro", "facts": dict.fromkeys(FACTS) | {
    "act": True, "means": True, "exploitation_purpose": True, "irregular_border_crossing": False}}


def test_after_preload_romanian_needs_no_package_file(cold_caches: None, monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    """preload() reads every language's text and rules: without the files, Romanian is still answered in Romanian."""
    expected = call(ROMANIAN_CLASSIFY)
    assert expected["ok"] is True
    _locale_and_rules_cleared()
    _bridge.preload()
    _without_package_files(monkeypatch, tmp_path)
    assert call(ROMANIAN_CLASSIFY) == expected
    assert call({**ROMANIAN_CLASSIFY, "lang": "bg"})["ok"] is True


def test_without_preload_a_restored_python_cannot_answer_in_romanian(cold_caches: None,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    """The failure preload() prevents: with the files gone and nothing read, the Romanian answer is not given."""
    expected = call(ROMANIAN_CLASSIFY)
    _locale_and_rules_cleared()
    call({"op": "classify", "facts": {}})  # English only, as before a snapshot without preload
    _without_package_files(monkeypatch, tmp_path)
    assert call(ROMANIAN_CLASSIFY) != expected


def _locale_and_rules_cleared() -> None:
    """Forget every language read so far (what a fresh Python has in memory)."""
    from selfcheck import _classify, _locale

    _locale.catalog.cache_clear()
    _classify.rules_in.cache_clear()

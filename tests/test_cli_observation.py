"""``python -m selfcheck list|score`` for the observation rubrics: JSON out, one-line errors, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from selfcheck import load_catalogue
from support import EXERCISES, cli_json, run_cli
from test_observation import RUBRICS


def one_line_error(*args: str, stdin: str | None = None) -> str:
    """Run the CLI expecting failure: exit 2, nothing on stdout, a single 'error:' line on stderr."""
    done = run_cli(*args, stdin=stdin)
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("error: ")
    return line


def test_list_kind_observation_shows_every_rubric() -> None:
    """``list --kind observation`` lists exactly the rubrics, with kind and title."""
    listed = cli_json("list", "--kind", "observation")
    assert sorted(e["id"] for e in listed) == sorted(RUBRICS)
    assert {e["kind"] for e in listed} == {"observation"}
    assert all(e["title"].startswith("Observed practice:") for e in listed)
    assert {e["id"] for e in cli_json("list") if e["kind"] == "observation"} == set(RUBRICS)


def test_list_unknown_kind_is_one_line() -> None:
    """An unknown kind is refused with the known kinds, on one line."""
    assert "unknown kind 'rubric'" in one_line_error("list", "--kind", "rubric")


def test_score_a_rubric_from_a_file(tmp_path: Path) -> None:
    """``score ID answers.json`` prints the same result as score(); the notes text is not echoed."""
    exercise = load_catalogue(EXERCISES).get("obs-referral")
    answers = {c.id: "independently" for c in exercise.criteria} | {"notes": "PRIVATE 99"}
    answers["consent"] = "with-support"
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    printed = cli_json("score", "obs-referral", str(path))
    assert printed == exercise.score(answers)
    assert printed["outcome"] == "not-yet" and "PRIVATE 99" not in json.dumps(printed)


def test_score_bad_rubric_answers_are_one_line() -> None:
    """A level that is not offered, an unknown criterion and a non-object are each one line, exit 2."""
    assert "level 'excellent' is not offered" in one_line_error(
        "score", "obs-referral", "-", stdin=json.dumps({"consent": "excellent"}))
    assert "unknown item id 'charm'" in one_line_error("score", "obs-referral", "-", stdin=json.dumps({"charm": "x"}))
    assert "answers must be a JSON object" in one_line_error("score", "obs-referral", "-", stdin="[]")
    assert "is not valid JSON" in one_line_error("score", "obs-referral", "-", stdin="{consent")

"""``python -m selfcheck classify FACTS.json``: the distinction logic on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from selfcheck import classify
from selfcheck._classify import FACTS
from support import cli_json, run_cli

SMUGGLED_THEN_EXPLOITED = {
    "under_18": False,
    "act": True,
    "means": True,
    "exploitation_purpose": True,
    "irregular_border_crossing": True,
    "facilitator_benefit": True,
    "own_livelihood_sex_work": False,
}


def test_classify_from_stdin() -> None:
    """Facts on standard input give the verdict, also, missing and reasons that classify() computes."""
    printed = cli_json("classify", "-", stdin=json.dumps(SMUGGLED_THEN_EXPLOITED))
    assert printed == classify(SMUGGLED_THEN_EXPLOITED).to_json()
    assert printed["verdict"] == "trafficking" and printed["also"] == ["smuggling"] and printed["missing"] == []
    assert printed["reasons"]


def test_classify_from_file_with_unknown_facts(tmp_path: Path) -> None:
    """A facts file with nulls (unknown facts) gives 'undetermined' and names what is missing."""
    path = tmp_path / "facts.json"
    path.write_text(json.dumps({"under_18": False, "act": True, "means": None, "exploitation_purpose": True,
                                "irregular_border_crossing": False, "facilitator_benefit": None,
                                "own_livelihood_sex_work": None}), encoding="utf-8")
    printed = cli_json("classify", str(path))
    assert printed["verdict"] == "undetermined"
    assert printed["missing"] == ["means"]


def test_classify_unknown_age_prints_both_answers() -> None:
    """Age unknown: the CLI prints both answers and says which to act on.

    Age unknown: the CLI prints the answer for a presumed child, the answer at 18 or over, and says which to act on
    (CETS 197 art. 10(3)); the next step is the last key.
    """
    facts = dict.fromkeys(FACTS, False) | {"under_18": None, "act": True, "exploitation_purpose": True}
    printed = cli_json("classify", "-", stdin=json.dumps(facts))
    assert printed["age"]["act_on"]["verdict"] == printed["verdict"] == "trafficking"
    assert printed["age"]["other"]["verdict"] == "none" and printed["age"]["differ"] is True
    assert "Act on the first" in printed["notices"][0]["message"]
    assert list(printed)[-1] == "next_step"


def test_classify_does_not_need_the_exercises(tmp_path: Path) -> None:
    """The classify command works even when the exercises directory does not exist."""
    facts = json.dumps(dict.fromkeys(FACTS))
    done = run_cli("--exercises", str(tmp_path / "absent"), "classify", "-", stdin=facts)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "undetermined"


def test_classify_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    """Every kind of bad input is one line on stderr and exit status 2.

    Unknown fact names, values other than true/false/null, missing facts, non-objects, bad JSON and missing files:
    one line on stderr, exit 2.
    """
    complete = dict.fromkeys(FACTS)
    cases = [
        ({**complete, "age": True}, "unknown fact 'age'"),
        ({**complete, "act": "yes"}, "fact 'act' must be true, false or null"),
        ({**complete, "means": 0}, "fact 'means' must be true, false or null"),
        ({}, "missing facts 'under_18', 'act'"),
        ({k: v for k, v in complete.items() if k != "act"}, "missing fact 'act': give all seven facts"),
        ([True], "facts must be a JSON object"),
    ]
    for facts, message in cases:
        done = run_cli("classify", "-", stdin=json.dumps(facts))
        assert done.returncode == 2 and done.stdout == ""
        assert message in done.stderr and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    bad = run_cli("classify", "-", stdin="{not json")
    assert bad.returncode == 2 and "not valid JSON" in bad.stderr and bad.stderr.count("\n") == 1
    missing = run_cli("classify", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr and missing.stderr.count("\n") == 1

"""Personal prevention plans (src/selfcheck/_plan.py) and exercises/wellbeing/prevention-plan.toml."""

from __future__ import annotations

import json
from datetime import date

import pytest

from selfcheck import AnswerError, load_file
from selfcheck._plan import Plan, add_months
from support import EXERCISES, cli_json

GUIDE_STRATEGIES = [
    "psycho-education",
    "training-supervision",
    "self-assessment",
    "support-groups",
    "balanced-schedule",
    "caseload",
    "leisure-lifestyle",
]


@pytest.fixture(scope="module")
def plan() -> Plan:
    """The prevention plan as defined in exercises/."""
    exercise = load_file(EXERCISES / "wellbeing" / "prevention-plan.toml")
    assert isinstance(exercise, Plan)
    return exercise


def test_sections_are_the_guide_strategies(plan: Plan) -> None:
    """One section per guide §6 strategy, each with actions, when and with whom; then the check-in."""
    described = plan.describe()
    assert [s["id"] for s in described["sections"]] == [*GUIDE_STRATEGIES, "checkin"]
    types = [(i["section"], i["type"]) for i in described["items"]]
    for strategy in GUIDE_STRATEGIES:
        assert [t for s, t in types if s == strategy] == ["multiple", "text", "text"]
    assert [t for s, t in types if s == "checkin"] == ["date", "date"]


def test_add_months_clamps_to_month_end() -> None:
    """Six months after 31 August is the last day of February (leap years included)."""
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2024, 10, 15), 6) == date(2025, 4, 15)


def test_plan_summary_lists_actions_when_and_who(plan: Plan) -> None:
    """Chosen actions appear with the reader's when and with whom, in published order."""
    result = plan.score({
        "caseload-actions": ["say-so", "review"],
        "caseload-when": "at my next one-to-one",
        "caseload-who": "  my manager ",
        "checkin": "2030-01-15",
    })
    assert result["actions"] == 2
    entry = result["plan"][0]
    assert entry["id"] == "caseload"
    assert entry["actions"] == ["Review my caseload with my manager",
                                "Say when I am at capacity, before I take on new cases"]
    assert entry["with"] == "my manager"
    message = result["items"][0]["message"]
    assert "When: at my next one-to-one." in message and "With whom: my manager." in message
    assert result["checkin"] == "2030-01-15" and "2030-01-15" in result["summary"]


def test_suggests_six_months_from_today(plan: Plan) -> None:
    """Without a check-in date, today's date gives a suggestion six months on."""
    result = plan.score({"self-assessment-actions": ["cbi"], "today": "2025-03-10"})
    assert result["checkin"] is None and result["suggested_checkin"] == "2025-09-10"
    assert "2025-09-10" in result["summary"]
    assert result["items"][-1]["status"] == "warning"


def test_far_checkin_gets_a_gentle_warning(plan: Plan) -> None:
    """A check-in more than six months after today is accepted with a warning naming a sooner date."""
    result = plan.score({"caseload-actions": ["review"], "today": "2025-01-01", "checkin": "2026-01-01"})
    assert result["items"][-1]["status"] == "warning" and "2025-07-01" in result["items"][-1]["message"]
    near = plan.score({"caseload-actions": ["review"], "today": "2025-01-01", "checkin": "2025-07-01"})
    assert near["items"][-1]["status"] == "info"


def test_invalid_dates_are_rejected(plan: Plan) -> None:
    """A check-in not after today, a malformed date or an impossible date raise AnswerError."""
    base = {"caseload-actions": ["review"]}
    with pytest.raises(AnswerError, match="choose a date after today's date \\(2025-05-01\\)") as caught:
        plan.score({**base, "today": "2025-05-01", "checkin": "2025-05-01"})
    assert [p.item for p in caught.value.problems] == ["checkin"]
    assert caught.value.problems[0].message.startswith("“I will check in on this plan again on”")
    for bad in ("01/05/2025", "2025-02-30"):
        with pytest.raises(AnswerError, match="choose a real date") as caught:
            plan.score({**base, "checkin": bad})
        assert [p.item for p in caught.value.problems] == ["checkin"]


def test_no_action_is_an_error_and_text_alone_warns(plan: Plan) -> None:
    """A plan needs at least one action; text without an action in some area is flagged."""
    with pytest.raises(AnswerError, match="Pick at least one action") as caught:
        plan.score({"caseload-when": "soon"})
    assert [p.item for p in caught.value.problems] == [plan.strategies[0].actions.id]
    result = plan.score({"caseload-actions": ["review"], "leisure-lifestyle-who": "my sister"})
    flagged = next(i for i in result["items"] if i["id"] == "leisure-lifestyle")
    assert flagged["status"] == "warning" and "Pick at least one action" in flagged["message"]


def test_bad_answers_are_rejected(plan: Plan) -> None:
    """Unknown items, unknown actions, non-text text and over-long text raise AnswerError."""
    with pytest.raises(AnswerError, match="unknown item id"):
        plan.score({"nope": "x"})
    with pytest.raises(AnswerError, match="not offered"):
        plan.score({"caseload-actions": ["sleep"]})
    with pytest.raises(AnswerError, match="expected text"):
        plan.score({"caseload-actions": ["review"], "caseload-when": 3})
    with pytest.raises(AnswerError, match="500 characters") as caught:
        plan.score({"caseload-actions": ["review"], "caseload-when": "x" * 501})
    assert caught.value.problems[0].message.startswith("“A manageable caseload”, “When?")


def test_cli_matches_library(plan: Plan) -> None:
    """The CLI prints the same plan as the library."""
    answers = {"support-groups-actions": ["buddy"], "today": "2025-01-31"}
    printed = cli_json("score", "prevention-plan", "-", stdin=json.dumps(answers))
    assert printed == json.loads(json.dumps(plan.score(answers)))
    assert printed["suggested_checkin"] == "2025-07-31"

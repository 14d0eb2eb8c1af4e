"""Tests for the insurance-route kind (src/selfcheck/_insurance.py): SOP measure 3.1, step 8."""

from __future__ import annotations

import pytest

from selfcheck import AnswerError, load_file
from support import EXERCISES

INSURANCE = EXERCISES / "checklists" / "cl-health-insurance.toml"


@pytest.mark.parametrize(
    ("answers", "route"),
    [
        ({"benefits": "yes"}, "budget"),
        ({"days-abroad": 184, "benefits": "no"}, "renewal"),
        ({"days-abroad": 183, "unpaid-other": "yes", "benefits": "no"}, "renewal"),
        ({"days-abroad": 200, "benefits": "unsure"}, "check-benefits"),
        ({"days-abroad": 183, "unpaid-other": "no", "benefits": "no"}, "no-gap"),
        ({}, "unknown"),
        ({"days-abroad": 10}, "unknown"),
    ],
)
def test_route(answers: dict[str, object], route: str) -> None:
    """Step 8: over 183 days abroad or unpaid contributions is a gap; eligibility for benefits means the budget pays."""
    assert load_file(INSURANCE).score(answers)["route"] == route


def test_renewal_message_uses_the_sop_numbers() -> None:
    """The renewal route names 6 consecutive months and 12 contributions."""
    result = load_file(INSURANCE).score({"days-abroad": 400, "benefits": "no"})
    message = result["items"][0]["message"]
    assert "6 consecutive months" in message and "12 monthly health contributions" in message


def test_negative_days_rejected() -> None:
    """A negative number of days abroad is an answer error, placed at that question and naming it by its words."""
    with pytest.raises(AnswerError, match="write a number of 0 or more") as caught:
        load_file(INSURANCE).score({"days-abroad": -1})
    [problem] = caught.value.problems
    assert problem.item == "days-abroad" and "days-abroad" not in problem.message

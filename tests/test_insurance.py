"""Tests for the insurance-route kind (src/selfcheck/_insurance.py): SOP measure 3.1, step 8.

The SOP's route (6 insured months or 12 contributions) is given only to a person who was abroad for more than
183 days and applied to the National Revenue Agency to be exempt (Health Insurance Act, art. 40a); every other gap
sends the reader to the NRA first (art. 109).
"""

from __future__ import annotations

import tomllib

import pytest

from selfcheck import AnswerError, DefinitionError, load_file, parse_definition
from support import EXERCISES

INSURANCE = EXERCISES / "checklists" / "cl-health-insurance.toml"


@pytest.mark.parametrize(
    ("answers", "route"),
    [
        ({"benefits": "yes"}, "budget"),
        ({"days-abroad": 400, "exempted": "no", "unpaid-other": "yes", "benefits": "yes"}, "budget"),
        ({"days-abroad": 184, "exempted": "yes", "benefits": "no"}, "renewal"),
        ({"days-abroad": 184, "exempted": "yes", "unpaid-other": "no", "benefits": "no"}, "renewal"),
        ({"days-abroad": 184, "exempted": "no", "benefits": "no"}, "ask-nra"),
        ({"days-abroad": 184, "exempted": "unsure", "benefits": "no"}, "ask-nra"),
        ({"days-abroad": 184, "benefits": "no"}, "ask-nra"),
        ({"days-abroad": 400, "exempted": "yes", "unpaid-other": "yes", "benefits": "no"}, "ask-nra"),
        ({"days-abroad": 183, "exempted": "yes", "unpaid-other": "yes", "benefits": "no"}, "ask-nra"),
        ({"days-abroad": 183, "unpaid-other": "yes", "benefits": "no"}, "ask-nra"),
        ({"days-abroad": 200, "benefits": "unsure"}, "check-benefits"),
        ({"days-abroad": 183, "unpaid-other": "no", "benefits": "no"}, "no-gap"),
        ({}, "unknown"),
        ({"days-abroad": 10}, "unknown"),
    ],
)
def test_route(answers: dict[str, object], route: str) -> None:
    """A gap (over 183 days abroad or unpaid contributions) gives the SOP's route only with the art. 40a exemption.

    Eligibility for social benefits means the budget pays; without the exemption, or with other unpaid
    contributions, or with the exemption unanswered, the route is to ask the NRA first.
    """
    assert load_file(INSURANCE).score(answers)["route"] == route


def test_renewal_message_uses_the_sop_numbers_and_names_the_exemption() -> None:
    """The renewal route names 6 consecutive months, 12 contributions and the exemption it rests on."""
    result = load_file(INSURANCE).score({"days-abroad": 400, "exempted": "yes", "benefits": "no"})
    message = result["items"][0]["message"]
    assert "6 consecutive months" in message and "12 monthly health contributions" in message
    assert "exempt" in message and "art. 40a" in message and "Confirm with the NRA" in message


def test_without_the_exemption_the_reader_is_sent_to_the_nra_and_no_sum_is_promised() -> None:
    """Unpaid contributions without the exemption: ask the NRA; the SOP's route is not given as the answer."""
    result = load_file(INSURANCE).score({"days-abroad": 400, "exempted": "no", "benefits": "no"})
    route = result["items"][0]
    assert route["status"] == "warning" and route["label"].startswith("Route: ask the NRA first")
    assert "art. 109" in route["message"] and "past years" in route["message"]
    assert "can be renewed after" not in route["message"]
    assert "Do not quote a sum" in route["message"]


def test_check_benefits_gives_the_route_that_applies_if_not_eligible() -> None:
    """While eligibility for benefits is open, 'if not' gives the NRA route unless the exemption was applied for."""
    exercise = load_file(INSURANCE)
    exempt = exercise.score({"days-abroad": 400, "exempted": "yes", "benefits": "unsure"})["items"][0]["message"]
    unpaid = exercise.score({"days-abroad": 400, "exempted": "no", "benefits": "unsure"})["items"][0]["message"]
    assert "If not: The person applied to the National Revenue Agency" in exempt
    assert "If not: The SOP's route" in unpaid and "art. 109" in unpaid


def test_the_exemption_question_is_asked_and_printed() -> None:
    """The definition asks whether the person applied to the NRA to be exempt, with yes, no and not sure."""
    fields = {i["id"]: i for i in load_file(INSURANCE).describe()["items"] if i["type"] == "single"}
    exempted = fields["exempted"]
    assert "National Revenue Agency" in exempted["prompt"]
    assert [o["id"] for o in exempted["options"]] == ["yes", "no", "unsure"]


def test_a_definition_without_the_exemption_options_is_refused() -> None:
    """The exemption field must offer exactly yes, no and unsure, or the definition fails, naming the field."""
    with INSURANCE.open("rb") as handle:
        data = tomllib.load(handle)
    for field in data["fields"]:
        if field["id"] == "exempted":
            field["options"] = [o for o in field["options"] if o["id"] != "unsure"]
    with pytest.raises(DefinitionError, match="exempted"):
        parse_definition(data, str(INSURANCE))


def test_negative_days_rejected() -> None:
    """A negative number of days abroad is an answer error, placed at that question and naming it by its words."""
    with pytest.raises(AnswerError, match="write a number of 0 or more") as caught:
        load_file(INSURANCE).score({"days-abroad": -1})
    [problem] = caught.value.problems
    assert problem.item == "days-abroad" and "days-abroad" not in problem.message

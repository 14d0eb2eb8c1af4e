"""Tests for the timeline kind (src/selfcheck/_timeline.py): SOP measure 3.1 deadlines."""

from __future__ import annotations

import datetime
import tomllib

import pytest

from selfcheck import DefinitionError, load_file, parse_definition
from selfcheck._timeline import add_months
from support import EXERCISES

ACCESS = EXERCISES / "checklists" / "cl-social-services-access.toml"


def test_assessment_due_twenty_calendar_days_after_initial_contact() -> None:
    """The individual assessment is due 20 calendar days (not working days) after the initial contact."""
    result = load_file(ACCESS).score({"initial-contact": "2024-02-20"})
    assert result["assessment_due"] == "2024-03-11"  # leap year: 9 days of February left, then 11 March
    assert "calendar days" in result["items"][0]["message"]


def test_days_left_and_overdue() -> None:
    """With a check date, the result gives days left, or warns when the deadline has passed."""
    timeline = load_file(ACCESS)
    early = timeline.score({"initial-contact": "2024-01-01", "check-date": "2024-01-15"})
    assert early["days_left"] == 6 and early["items"][0]["status"] == "info"
    late = timeline.score({"initial-contact": "2024-01-01", "check-date": "2024-01-25"})
    assert late["days_left"] == -4 and late["items"][0]["status"] == "warning" and "4 days overdue" in \
        late["items"][0]["message"]
    done = timeline.score({"initial-contact": "2024-01-01", "check-date": "2024-01-25",
                           "individual-assessment": True})
    assert done["items"][0]["status"] == "correct"


def test_service_end_and_one_year_warning() -> None:
    """The service end follows the chosen term; long-term (three years) warns about the one-year practice."""
    timeline = load_file(ACCESS)
    medium = timeline.score({"agreement-date": "2024-03-15", "service-term": "medium"})
    end = next(i for i in medium["items"] if i["id"] == "service-end")
    assert medium["service_end"] == "2025-03-15" and end["status"] == "info"
    long = timeline.score({"agreement-date": "2024-03-15", "service-term": "long"})
    assert long["service_end"] == "2027-03-15"
    assert next(i for i in long["items"] if i["id"] == "service-end")["status"] == "warning"


def test_add_months_clamps_to_month_end() -> None:
    """Adding months to the 31st lands on the last day of a shorter month."""
    assert add_months(datetime.date(2024, 8, 31), 6) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2023, 11, 30), 3) == datetime.date(2024, 2, 29)


def test_no_dates_gives_a_prompt() -> None:
    """Without the initial-contact date the summary asks for it and no due date is given."""
    result = load_file(ACCESS).score({"application": True})
    assert "assessment_due" not in result and "Enter the date" in result["summary"]


def test_required_fields_are_checked() -> None:
    """A timeline definition without the initial-contact date field is rejected."""
    data = tomllib.loads(ACCESS.read_text(encoding="utf-8"))
    data["fields"] = [f for f in data["fields"] if f["id"] != "initial-contact"]
    with pytest.raises(DefinitionError, match="initial-contact"):
        parse_definition(data, "access")

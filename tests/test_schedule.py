"""Tests for selfcheck._schedule: the refresher schedule, the stored record, and their bridge operations."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from banks import quiz, settings
from selfcheck import _bridge
from selfcheck._errors import DefinitionError, SelfcheckError
from selfcheck._schedule import (
    Bank,
    BankRecord,
    after_attempt,
    after_refresher,
    duration,
    parse_record,
    parse_schedule,
    record_json,
    status,
    when,
)

SCHEDULE = settings().refresh
DAY0 = date(2026, 12, 1)
BANKS = [Bank("kc-a", "Module 1: A", "modules/01-a/"), Bank("kc-b", "Module 2: B", "modules/02-b/")]


def call(request: dict[str, Any]) -> dict[str, Any]:
    """A bridge request, decoded."""
    response = json.loads(_bridge.handle(json.dumps(request)))
    assert isinstance(response, dict)
    return response


def test_the_site_schedule_is_2_days_1_week_3_weeks_2_months() -> None:
    """content/knowledge-checks.toml holds the schedule of issue 14, and 3 to 5 items per refresher."""
    assert SCHEDULE.intervals == (2, 7, 21, 60)
    assert (SCHEDULE.min_items, SCHEDULE.max_items, SCHEDULE.back_on_fail) == (3, 5, 1)


def test_first_pass_enters_box_1_due_after_the_first_interval() -> None:
    """Passing a check for the first time keeps the date and the score and schedules a refresher 2 days later."""
    record, message = after_attempt(SCHEDULE, {}, "kc-a", DAY0, True, 0.875)
    entry = record["kc-a"]
    assert (entry.passed, entry.best, entry.box, entry.since) == (DAY0, 0.875, 1, DAY0)
    assert SCHEDULE.due(entry) == DAY0 + timedelta(days=2)
    assert message == "Passed. Your first refresher for this module falls due in 2 days, on 2026-12-03."


def test_a_failed_attempt_keeps_the_best_score_but_schedules_nothing() -> None:
    """A full attempt that is not passed keeps the best score; no refresher falls due yet."""
    record, message = after_attempt(SCHEDULE, {}, "kc-a", DAY0, False, 0.5)
    assert record["kc-a"] == BankRecord(best=0.5)
    assert SCHEDULE.due(record["kc-a"]) is None
    assert message == "Your result was kept on this device. Best score for this module: 50%."
    record, _ = after_attempt(SCHEDULE, record, "kc-a", DAY0, False, 0.25)
    assert record["kc-a"].best == 0.5


def test_passing_again_keeps_the_first_date_and_the_schedule() -> None:
    """A later pass raises the best score but keeps the first pass date, the box and its date."""
    record, _ = after_attempt(SCHEDULE, {}, "kc-a", DAY0, True, 0.8)
    later = DAY0 + timedelta(days=1)
    record, _ = after_attempt(SCHEDULE, record, "kc-a", later, True, 1.0)
    assert (record["kc-a"].passed, record["kc-a"].best, record["kc-a"].box, record["kc-a"].since) == (DAY0, 1.0, 1,
                                                                                                     DAY0)


def test_due_dates_at_each_box() -> None:
    """Passing each refresher on its due day moves up a box: due after 2, 7, 21, 60 days, then every 60."""
    record, _ = after_attempt(SCHEDULE, {}, "kc-a", DAY0, True, 1.0)
    today = DAY0
    gaps = []
    for _ in range(5):
        due = SCHEDULE.due(record["kc-a"])
        assert due is not None
        gaps.append((due - today).days)
        today = due
        record, _ = after_refresher(SCHEDULE, record, "kc-a", today, True)
    assert gaps == [2, 7, 21, 60, 60]
    assert record["kc-a"].box == 4


def test_a_failed_refresher_moves_back_one_box() -> None:
    """A refresher not passed moves the module back a box (due sooner), never below box 1."""
    entry = BankRecord(passed=DAY0, best=1.0, box=3, since=DAY0)
    due = SCHEDULE.due(entry)
    assert due == DAY0 + timedelta(days=21)
    record, message = after_refresher(SCHEDULE, {"kc-a": entry}, "kc-a", due, False)
    assert (record["kc-a"].box, record["kc-a"].since) == (2, due)
    assert SCHEDULE.due(record["kc-a"]) == due + timedelta(days=7)
    assert message == "Refresher not passed yet, so it comes back sooner: in 7 days, on 2026-12-29."
    record, _ = after_refresher(SCHEDULE, record, "kc-a", due + timedelta(days=7), False)
    record, _ = after_refresher(SCHEDULE, record, "kc-a", due + timedelta(days=9), False)
    assert record["kc-a"].box == 1


def test_a_passed_refresher_says_when_the_next_falls_due() -> None:
    """Passing the box-1 refresher on time schedules the next one a week later."""
    entry = BankRecord(passed=DAY0, best=1.0, box=1, since=DAY0)
    record, message = after_refresher(SCHEDULE, {"kc-a": entry}, "kc-a", DAY0 + timedelta(days=3), True)
    assert record["kc-a"].box == 2
    assert message == "Refresher passed. The next one falls due in 7 days, on 2026-12-11."


def test_an_early_refresher_is_practice_only() -> None:
    """A refresher taken before it is due leaves the schedule as it was."""
    entry = BankRecord(passed=DAY0, best=1.0, box=2, since=DAY0)
    record, message = after_refresher(SCHEDULE, {"kc-a": entry}, "kc-a", DAY0 + timedelta(days=3), False)
    assert record["kc-a"] == entry
    assert message == ("Practice only: this refresher was not due yet, so the schedule stays as it was "
                       "(next due 2026-12-08).")


def test_a_refresher_needs_a_passed_check() -> None:
    """There is no refresher for a module whose check was never passed."""
    with pytest.raises(SelfcheckError, match="no refresher scheduled"):
        after_refresher(SCHEDULE, {"kc-a": BankRecord(best=0.5)}, "kc-a", DAY0, True)
    with pytest.raises(SelfcheckError, match="no refresher scheduled"):
        after_refresher(SCHEDULE, {}, "kc-a", DAY0, True)


def test_status_lists_due_then_upcoming_in_date_order() -> None:
    """What is due today comes first, then what comes next, each in due-date order, with links to refreshers."""
    record = {
        "kc-a": BankRecord(passed=DAY0, box=2, since=DAY0),  # due DAY0 + 7
        "kc-b": BankRecord(passed=DAY0, box=1, since=DAY0),  # due DAY0 + 2
        "kc-gone": BankRecord(passed=DAY0, box=1, since=DAY0),  # a bank no longer listed: skipped
    }
    shown = status(SCHEDULE, record, BANKS, DAY0 + timedelta(days=3))
    assert [d["id"] for d in shown["due"]] == ["kc-b"] and [u["id"] for u in shown["upcoming"]] == ["kc-a"]
    assert shown["due"][0]["href"] == "modules/02-b/?refresher#knowledge-check"
    assert shown["due"][0]["line"] == "Module 2: B — due since yesterday (2026-12-03)."
    assert shown["upcoming"][0]["line"] == "Module 1: A — 2026-12-08 (in 4 days)."
    assert shown["summary"] == "1 refresher is due."
    later = status(SCHEDULE, record, BANKS, DAY0 + timedelta(days=8))
    assert later["summary"] == "2 refreshers are due." and [d["id"] for d in later["due"]] == ["kc-b", "kc-a"]


def test_status_without_anything_due() -> None:
    """Nothing due says when the next one comes; nothing scheduled says how refreshers start."""
    record = {"kc-a": BankRecord(passed=DAY0, box=1, since=DAY0)}
    assert status(SCHEDULE, record, BANKS, DAY0)["summary"] == (
        "No refresher is due today. The next one: Module 1: A, on 2026-12-03 (in 2 days)."
    )
    assert status(SCHEDULE, {}, BANKS, DAY0)["summary"].startswith("No refresher is scheduled yet")


def test_when_in_words() -> None:
    """Relative days read naturally."""
    assert [when(DAY0 + timedelta(days=d), DAY0) for d in (0, 1, 5, -1, -4)] == [
        "today", "tomorrow", "in 5 days", "since yesterday", "since 4 days ago"]


def test_schedule_in_words() -> None:
    """The Refresh page describes the schedule from the data, in words."""
    assert [duration(d) for d in (1, 2, 7, 21, 30, 60)] == ["1 day", "2 days", "1 week", "3 weeks", "1 month",
                                                            "2 months"]
    assert "falls due after 2 days" in SCHEDULE.describe()
    assert "after 1 week, then 3 weeks, then 2 months, and from then on every 2 months" in SCHEDULE.describe()


def test_refresher_size_is_one_item_per_objective_within_bounds() -> None:
    """A refresher has one item per objective, at least 3 and at most 5 (and never more than the bank)."""
    assert SCHEDULE.refresher_size(quiz()) == 4  # the fixture bank has 4 objectives


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"intervals": [2, 2, 5]},
         "field 'intervals': must be whole days, at least 1, each longer than the one before"),
        ({"intervals": [0, 3]}, "field 'intervals': must be whole days, at least 1"),
        ({"intervals": []}, "field 'intervals': must be a non-empty list of integers"),
        ({"back_on_fail": 0}, "field 'back_on_fail': must be at least 1"),
        ({"min_items": 6}, "field 'max_items': min_items must be at least 1 and max_items at least min_items"),
        ({"extra": 1}, "field 'extra': is not a known field"),
    ],
)
def test_parse_schedule_rejects_bad_data(change: dict[str, Any], message: str) -> None:
    """A malformed schedule is refused with the field named."""
    with pytest.raises(DefinitionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_schedule({**SCHEDULE.to_json(), **change}, "s")


def test_record_round_trips_and_refuses_damage() -> None:
    """A stored record reads back as it was written; anything malformed is one clear error."""
    record = {"kc-a": BankRecord(passed=DAY0, best=0.75, box=2, since=DAY0, refreshers=3),
              "kc-b": BankRecord(best=0.5)}
    assert parse_record(record_json(record), SCHEDULE) == record
    assert parse_record(None, SCHEDULE) == {}
    older = {"banks": {"kc-a": {"passed": "2026-12-01", "best": 0.75, "box": 2, "since": "2026-12-01"}}}
    assert parse_record(older, SCHEDULE)["kc-a"].refreshers == 0  # kept before the count existed
    for bad in ([], {"banks": []}, {"banks": {"x": {"box": 1}}}, {"banks": {"x": {"best": 2}}},
                {"banks": {"x": {"passed": "1 Dec"}}}, {"banks": {"x": {"answers": ["a"]}}},
                {"banks": {"x": {"box": 0, "since": "2026-12-01"}}}, {"banks": {"x": {"passed": "2026-02-30"}}},
                {"banks": {"x": {"refreshers": -1}}}, {"banks": {"x": {"refreshers": True}}}):
        with pytest.raises(SelfcheckError, match="the results stored on this device could not be read"):
            parse_record(bad, SCHEDULE)


def test_record_keeps_no_answers() -> None:
    """The stored entry holds the pass date, best score, box, its date and the refreshers done, and nothing else."""
    record, _ = after_attempt(SCHEDULE, {}, "kc-a", DAY0, True, 1.0)
    assert set(record_json(record)["banks"]["kc-a"]) == {"passed", "best", "box", "since", "refreshers"}


def test_refreshers_done_counts_due_refreshers_passed_or_not_but_not_practice() -> None:
    """A refresher taken when due counts, passed or failed; one taken early (practice) leaves the record as it was."""
    record, _ = after_attempt(SCHEDULE, {}, "kc-a", DAY0, True, 1.0)
    early, _ = after_refresher(SCHEDULE, record, "kc-a", DAY0 + timedelta(days=1), True)
    assert early == record and early["kc-a"].refreshers == 0
    failed, _ = after_refresher(SCHEDULE, record, "kc-a", DAY0 + timedelta(days=2), False)
    passed, _ = after_refresher(SCHEDULE, failed, "kc-a", DAY0 + timedelta(days=4), True)
    assert (failed["kc-a"].refreshers, passed["kc-a"].refreshers) == (1, 2)
    assert passed["kc-a"].since == DAY0 + timedelta(days=4) and passed["kc-a"].box == 2


def test_bridge_status_update_and_start() -> None:
    """The three refresh operations work through the bridge, as the browser calls them."""
    schedule = SCHEDULE.to_json()
    banks = [{"id": b.id, "title": b.title, "url": b.url} for b in BANKS]
    kept = call({"op": "refresh-update", "schedule": schedule, "record": {"banks": {}}, "today": "2026-12-01",
                 "exercise": "kc-a", "mode": "attempt", "result": {"passed": True, "fraction": 0.9}})
    assert kept["ok"] is True
    record = kept["result"]["record"]
    assert record == {"banks": {"kc-a": {"passed": "2026-12-01", "best": 0.9, "box": 1, "since": "2026-12-01",
                                         "refreshers": 0}}}
    shown = call({"op": "refresh-status", "schedule": schedule, "record": record, "banks": banks,
                  "today": "2026-12-03"})
    assert [d["id"] for d in shown["result"]["due"]] == ["kc-a"]
    moved = call({"op": "refresh-update", "schedule": schedule, "record": record, "today": "2026-12-03",
                  "exercise": "kc-a", "mode": "refresher", "result": {"passed": True, "fraction": 1.0}})
    assert moved["result"]["record"]["banks"]["kc-a"]["box"] == 2
    started = call({"op": "refresh-start", "schedule": schedule, "record": {"banks": {}},
                    "passed": {"kc-b": "2026-11-20"}})
    assert started["result"]["record"]["banks"]["kc-b"] == {"passed": "2026-11-20", "best": None, "box": 1,
                                                            "since": "2026-11-20", "refreshers": 0}


def test_bridge_resets_an_unreadable_record() -> None:
    """A damaged record is not an error for the page: status says reset (the page clears it) and shows nothing due."""
    shown = call({"op": "refresh-status", "schedule": SCHEDULE.to_json(), "record": {"banks": "x"}, "banks": [],
                  "today": "2026-12-03"})
    assert shown["ok"] is True and shown["result"]["reset"] is True and shown["result"]["due"] == []
    assert shown["result"]["summary"].startswith("Stored results on this device could not be read")


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"today": "tomorrow"}, "today must be a date written YYYY-MM-DD, got 'tomorrow'"),
        ({"mode": "exam"}, "mode must be 'attempt' or 'refresher', got 'exam'"),
        ({"result": {"fraction": 1}}, "result must be the result of 'score', with 'passed'"),
        ({"result": {"passed": True, "fraction": 3}}, "result must be the result of 'score', with 'fraction' from 0"),
        ({"exercise": 7}, "exercise must be a knowledge-check id"),
        ({"schedule": None}, "schedule: must be a table"),
    ],
)
def test_bridge_update_errors_are_one_line(change: dict[str, Any], error: str) -> None:
    """Bad refresh-update requests give one clear error line."""
    request = {"op": "refresh-update", "schedule": SCHEDULE.to_json(), "record": {"banks": {}},
               "today": "2026-12-01", "exercise": "kc-a", "mode": "attempt",
               "result": {"passed": True, "fraction": 1.0}, **change}
    response = call(request)
    assert response["ok"] is False and response["error"].startswith(error) and "\n" not in response["error"]

"""Refreshers: a Leitner-like schedule for bringing a passed module back, and the record it reads.

After a module's knowledge check is passed, the module enters box 1 and a short refresher
falls due after the first interval (2 days with the site's data). A passed refresher moves
it up a box (1 week, 3 weeks, 2 months; the last box repeats); a failed one moves it back
``back_on_fail`` boxes (never below box 1). A refresher taken before it is due is practice:
the schedule stays as it was.

The record lives in the reader's browser, only with their opt-in; JavaScript stores what
these functions return and computes nothing itself. Per bank it keeps the date the check
was first passed, the best score of a full attempt, the box, the date the box was set and how
many refreshers were taken when due (the onboarding record shows them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from ._bank import Bank as BankOfItems
from ._base import JSONObject, Operation
from ._errors import SelfcheckError
from ._fields import Table
from ._locale import DEFAULT, language_of, text

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Every sentence a reader sees from this module is in the locales (``schedule.…``).


def duration(days: int, lang: str = DEFAULT) -> str:
    """Days in words: ``2 days``, ``1 week``, ``3 weeks``, ``2 months`` (30 days a month), in ``lang``."""
    for size, one, many in ((30, "month", "months"), (7, "week", "weeks"), (1, "day", "days")):
        if days % size == 0:
            count = days // size
            return text(lang, f"schedule.{one}") if count == 1 else text(lang, f"schedule.{many}", n=count)
    raise AssertionError("unreachable: every whole number of days is a multiple of 1")


@dataclass(frozen=True)
class Schedule:
    """The intervals of the boxes, in days, and the size of a refresher."""

    intervals: tuple[int, ...]
    back_on_fail: int
    min_items: int
    max_items: int

    def refresher_size(self, quiz: BankOfItems) -> int:
        """Items in a refresher: one per objective, between ``min_items`` and ``max_items`` (and the bank's size)."""
        return min(len(quiz.items), max(self.min_items, min(self.max_items, len(quiz.objectives))))

    def due(self, entry: BankRecord) -> date | None:
        """When the entry's next refresher falls due (None before the check is passed)."""
        if entry.box is None or entry.since is None:
            return None
        return entry.since + timedelta(days=self.intervals[min(entry.box, len(self.intervals)) - 1])

    def describe(self, *, lang: str = DEFAULT) -> str:
        """The schedule in words, for the Refresh page, in ``lang``."""
        words = [duration(d, lang) for d in self.intervals]
        rest = [
            text(lang, "schedule.after" if n == 0 else "schedule.then", duration=w) for n, w in enumerate(words[1:])
        ]
        rest.append(text(lang, "schedule.repeat", duration=words[-1]))
        return text(lang, "schedule.schedule", low=self.min_items, high=self.max_items, first=words[0],
                    rest=", ".join(rest))

    def to_json(self) -> JSONObject:
        """The schedule as the pages embed it (the same fields :func:`parse_schedule` reads)."""
        return {
            "intervals": list(self.intervals),
            "back_on_fail": self.back_on_fail,
            "min_items": self.min_items,
            "max_items": self.max_items,
        }


def parse_schedule(data: object, origin: str) -> Schedule:
    """Validate a schedule table: rising positive intervals, a fall-back of at least one box, a refresher size."""
    table = Table(data, origin)
    intervals = table.integers("intervals")
    if intervals[0] < 1 or any(b <= a for a, b in pairwise(intervals)):
        raise table.error("intervals", "must be whole days, at least 1, each longer than the one before")
    back = table.integer("back_on_fail")
    if back < 1:
        raise table.error("back_on_fail", "must be at least 1 (boxes to move back after a failed refresher)")
    low, high = table.integer("min_items"), table.integer("max_items")
    if not 1 <= low <= high:
        raise table.error("max_items", "min_items must be at least 1 and max_items at least min_items")
    table.finish()
    return Schedule(tuple(intervals), back, low, high)


@dataclass(frozen=True)
class BankRecord:
    """What the device keeps for one bank: first pass, best full-attempt score, box, when it was set, refreshers.

    ``refreshers`` counts the refreshers taken when due (passed or not); practice before the due
    date does not count. Records kept before it existed read as 0.
    """

    passed: date | None = None
    best: float | None = None
    box: int | None = None
    since: date | None = None
    refreshers: int = 0

    def to_json(self) -> JSONObject:
        """The entry as stored."""
        return {
            "passed": _iso(self.passed),
            "best": self.best,
            "box": self.box,
            "since": _iso(self.since),
            "refreshers": self.refreshers,
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def parse_day(value: object, what: str) -> date:
    """A ``YYYY-MM-DD`` date, or a one-line error naming ``what``."""
    if isinstance(value, str) and DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise SelfcheckError(f"{what} must be a date written YYYY-MM-DD, got {value!r}")


def _optional_day(value: object, what: str) -> date | None:
    return None if value is None else parse_day(value, what)


def parse_record(data: object, schedule: Schedule, lang: str = DEFAULT) -> dict[str, BankRecord]:
    """The stored record ``{"banks": {id: entry}}``; anything malformed is one clear error (the page resets it)."""
    try:
        if data is None:
            return {}
        if not isinstance(data, Mapping) or not isinstance(data.get("banks"), Mapping):
            raise SelfcheckError("it is not an object with 'banks'")
        record: dict[str, BankRecord] = {}
        for ident, entry in data["banks"].items():
            if not isinstance(entry, Mapping) or set(entry) - {"passed", "best", "box", "since", "refreshers"}:
                raise SelfcheckError(f"bank {ident!r} has unknown fields")
            best, box, done = entry.get("best"), entry.get("box"), entry.get("refreshers", 0)
            if best is not None and (not _is_number(best) or not 0 <= best <= 1):
                raise SelfcheckError(f"bank {ident!r}: best must be a fraction from 0 to 1")
            if box is not None and (not isinstance(box, int) or isinstance(box, bool) or box < 1):
                raise SelfcheckError(f"bank {ident!r}: box must be a whole number from 1")
            if not isinstance(done, int) or isinstance(done, bool) or done < 0:
                raise SelfcheckError(f"bank {ident!r}: refreshers must be a whole number from 0")
            since = _optional_day(entry.get("since"), "since")
            if (box is None) != (since is None):
                raise SelfcheckError(f"bank {ident!r}: box and since go together")
            record[str(ident)] = BankRecord(
                passed=_optional_day(entry.get("passed"), "passed"),
                best=None if best is None else float(best),
                box=None if box is None else min(box, len(schedule.intervals)),
                since=since,
                refreshers=done,
            )
        return record
    except SelfcheckError as exc:
        raise SelfcheckError(text(lang, "schedule.unreadable", why=exc)) from None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def record_json(record: Mapping[str, BankRecord]) -> JSONObject:
    """The record as the browser stores it."""
    return {"banks": {ident: entry.to_json() for ident, entry in sorted(record.items())}}


def when(day: date, today: date, lang: str = DEFAULT) -> str:
    """``today``, ``tomorrow``, ``in 5 days``, ``since yesterday``, ``since 3 days ago`` (in ``lang``)."""
    days = (day - today).days
    if days == 0:
        return text(lang, "schedule.today")
    if days == 1:
        return text(lang, "schedule.tomorrow")
    if days > 1:
        return text(lang, "schedule.in-days", days=days)
    return text(lang, "schedule.yesterday") if days == -1 else text(lang, "schedule.days-ago", days=-days)


def after_attempt(
    schedule: Schedule,
    record: Mapping[str, BankRecord],
    bank: str,
    today: date,
    passed: bool,
    fraction: float,
    lang: str = DEFAULT,
) -> tuple[dict[str, BankRecord], str]:
    """Keep a full attempt's result: best score always; the first pass also starts the schedule (box 1)."""
    entry = record.get(bank, BankRecord())
    entry = replace(entry, best=round(max(fraction, entry.best or 0.0), 4))
    message = text(lang, "schedule.kept", best=int(entry.best * 100 + 1e-9) if entry.best is not None else 0)
    if passed and entry.box is None:
        entry = replace(entry, passed=entry.passed or today, box=1, since=today)
        due = schedule.due(entry)
        assert due is not None
        message = text(lang, "schedule.first-pass", when=when(due, today, lang), date=due.isoformat())
    elif passed and entry.passed is None:
        entry = replace(entry, passed=today)
    return {**record, bank: entry}, message


def after_refresher(
    schedule: Schedule,
    record: Mapping[str, BankRecord],
    bank: str,
    today: date,
    passed: bool,
    lang: str = DEFAULT,
) -> tuple[dict[str, BankRecord], str]:
    """Move the bank up a box after a passed refresher that was due, back ``back_on_fail`` after a failed one."""
    entry = record.get(bank)
    due = schedule.due(entry) if entry else None
    if entry is None or entry.box is None or due is None:
        raise SelfcheckError(text(lang, "schedule.not-scheduled"))
    if today < due:
        return dict(record), text(lang, "schedule.early", date=due.isoformat())
    top = len(schedule.intervals)
    box = min(entry.box + 1, top) if passed else max(1, entry.box - schedule.back_on_fail)
    moved = replace(entry, box=box, since=today, refreshers=entry.refreshers + 1)
    next_due = schedule.due(moved)
    assert next_due is not None
    message = text(lang, "schedule.moved-up" if passed else "schedule.moved-back", when=when(next_due, today, lang),
                   date=next_due.isoformat())
    return {**record, bank: moved}, message


@dataclass(frozen=True)
class Bank:
    """A bank as the refresh pages list it: id, module title, module page URL."""

    id: str
    title: str
    url: str


def parse_banks(data: object) -> list[Bank]:
    """The list of banks a refresh page embeds (built from the catalogue)."""
    if not isinstance(data, list):
        raise SelfcheckError("banks must be a list")
    banks = []
    for entry in data:
        if not isinstance(entry, Mapping) or not all(isinstance(entry.get(k), str) for k in ("id", "title", "url")):
            raise SelfcheckError("each bank needs an id, a title and a url")
        banks.append(Bank(entry["id"], entry["title"], entry["url"]))
    return banks


def refresher_href(bank: Bank) -> str:
    """The site-relative link that opens the bank's module page with a refresher."""
    return f"{bank.url}?refresher#knowledge-check"


def status(
    schedule: Schedule, record: Mapping[str, BankRecord], banks: list[Bank], today: date, lang: str = DEFAULT
) -> JSONObject:
    """What is due today and what comes next, in due-date order (banks in record but not listed are skipped)."""
    scheduled: list[tuple[date, Bank, int]] = []
    for bank in banks:
        entry = record.get(bank.id)
        day = schedule.due(entry) if entry else None
        if entry is not None and entry.box is not None and day is not None:
            scheduled.append((day, bank, entry.box))
    scheduled.sort(key=lambda s: s[0])
    due: list[JSONObject] = []
    upcoming: list[JSONObject] = []
    for day, bank, box in scheduled:
        shown = when(day, today, lang)
        line = text(lang, "schedule.due-line" if day <= today else "schedule.upcoming-line",
                    title=bank.title, when=shown, date=day.isoformat())
        entry_json = {"id": bank.id, "title": bank.title, "href": refresher_href(bank), "date": day.isoformat(),
                      "box": box, "when": shown, "line": line}
        (due if day <= today else upcoming).append(entry_json)
    if due:
        summary = text(lang, "schedule.summary-due-one" if len(due) == 1 else "schedule.summary-due", count=len(due))
    elif upcoming:
        first = upcoming[0]
        summary = text(lang, "schedule.summary-next", title=first["title"], date=first["date"], when=first["when"])
    else:
        summary = text(lang, "schedule.summary-none")
    return {"today": today.isoformat(), "summary": summary, "start": text(lang, "schedule.start"), "due": due,
            "upcoming": upcoming}


def _schedule_of(request: Mapping[str, Any]) -> Schedule:
    return parse_schedule(request.get("schedule"), "schedule")


def _bank_id(request: Mapping[str, Any]) -> str:
    bank = request.get("exercise")
    if not isinstance(bank, str) or not bank:
        raise SelfcheckError("exercise must be a knowledge-check id")
    return bank


def _record_of(request: Mapping[str, Any], schedule: Schedule) -> tuple[dict[str, BankRecord], bool]:
    """The request's stored record, or an empty one and ``True`` when it cannot be read (the page clears it)."""
    try:
        return parse_record(request.get("record"), schedule), False
    except SelfcheckError:
        return {}, True


def status_operation(request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``refresh-status``: ``{"schedule", "record", "banks", "today"}`` -> due and upcoming refreshers.

    An unreadable record gives ``"reset": true`` and nothing due: the page clears it.
    """
    lang = language_of(request)
    schedule = _schedule_of(request)
    record, reset = _record_of(request, schedule)
    today = parse_day(request.get("today"), "today")
    result = status(schedule, record, parse_banks(request.get("banks")), today, lang)
    if reset:
        result.update(reset=True, summary=text(lang, "schedule.reset"))
    return result


def update_operation(request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``refresh-update``: keep a result. ``{"schedule", "record", "today", "exercise", "mode", "result"}``.

    ``result`` is what ``score`` returned (only ``passed`` and ``fraction`` are read); ``mode`` is
    ``attempt`` or ``refresher``. Returns the new record (to store as it is) and a message.
    """
    lang = language_of(request)
    schedule = _schedule_of(request)
    record, reset = _record_of(request, schedule)
    today = parse_day(request.get("today"), "today")
    result = request.get("result")
    if not isinstance(result, Mapping) or not isinstance(result.get("passed"), bool):
        raise SelfcheckError("result must be the result of 'score', with 'passed'")
    fraction = result.get("fraction")
    if not isinstance(fraction, (int, float)) or isinstance(fraction, bool) or not 0 <= fraction <= 1:
        raise SelfcheckError("result must be the result of 'score', with 'fraction' from 0 to 1")
    mode = request.get("mode")
    if mode == "refresher":
        updated, message = after_refresher(schedule, record, _bank_id(request), today, result["passed"], lang)
    elif mode == "attempt":
        updated, message = after_attempt(
            schedule, record, _bank_id(request), today, result["passed"], float(fraction), lang
        )
    else:
        raise SelfcheckError(f"mode must be 'attempt' or 'refresher', got {mode!r}")
    return {"record": record_json(updated),
            "message": f"{text(lang, 'schedule.reset')} {message}" if reset else message}


def start_operation(request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``refresh-start``: on opting in, schedule the checks already passed in this browser.

    ``{"schedule", "record", "passed": {id: "YYYY-MM-DD"}}``: each bank passed but not yet in the
    record enters box 1 from its pass date (no best score is known for it).
    """
    schedule = _schedule_of(request)
    record = parse_record(request.get("record"), schedule)
    passed = request.get("passed") or {}
    if not isinstance(passed, Mapping):
        raise SelfcheckError("passed must map knowledge-check ids to dates")
    for bank, day in passed.items():
        if str(bank) not in record:
            when_passed = parse_day(day, f"the date {bank!r} was passed")
            record = {**record, str(bank): BankRecord(passed=when_passed, box=1, since=when_passed)}
    return {"record": record_json(record)}


#: The Refresh page's operations; the bridge adds them (this module never imports the bridge).
OPERATIONS: dict[str, Operation] = {
    "refresh-status": status_operation,
    "refresh-update": update_operation,
    "refresh-start": start_operation,
}

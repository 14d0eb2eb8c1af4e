"""The onboarding record, and the results file that moves kept results to another device.

What the specialist's browser keeps (each part read by the module that owns it):

- ``progress``: the knowledge checks passed, with dates (always kept, ``web/progress.js``);
- ``refresh``: per knowledge check, the first pass, the best score, the refresher box and the
  refreshers taken (only with the reader's opt-in, :mod:`._schedule`);
- ``observations``: per observation rubric, outcomes and dates (only with the opt-in on that
  rubric, :mod:`._observation`).

From these, :func:`build_record` makes the record the page shows and prints: the modules of the
onboarding path in order, each with the date its knowledge check was passed, the best score, the
refreshers done and the observed-practice outcomes of the rubrics that module teaches. The
onboarding path is the module pages in file-name order (:func:`read_onboarding_path`); the build
embeds it in the record page with :func:`onboarding_data`, and the CLI reads it from ``docs/``.

The **results file** (:func:`export_file`, :func:`parse_results_file`) holds exactly those three
parts, never an answer, a note or a name, under a format name and a version number. Importing
one never writes anything: :func:`import_plan` says what merging or replacing would change and
returns what to store for each, and the page stores it only after the reader confirms.

Every sentence this module writes is in the locales (``record.…``), in English, Romanian and Bulgarian.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ._bank import percent_of
from ._base import JSONObject, Operation
from ._errors import SelfcheckError
from ._loader import Catalogue
from ._locale import DEFAULT, Words, language_of, text
from ._observation import Observation, outcome_rows
from ._schedule import BankRecord, Schedule, parse_day, parse_record, parse_schedule, record_json

#: The results file's format name and the version this code writes and reads.
FORMAT = "selfcheck-onboarding-results"
VERSION = 1
#: The largest results file read (characters): a real one is a few kilobytes.
MAX_FILE_CHARS = 1_000_000
#: Outcomes kept per rubric, as ``web/observation.js`` keeps them (the oldest go first).
MAX_OUTCOMES = 50

#: The record's columns, in order (their headings are ``record.col-…`` in the locales).
COLUMNS = ("step", "module", "passed", "best", "refreshers", "practice")

IDENT = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
TITLE = re.compile(r"^#\s+(?P<title>.+?)\s*$", re.MULTILINE)
HEADING = re.compile(r"^#{2,6}\s+(?P<text>.+?)(?:\s*\{[^}]*#(?P<id>[\w-]+)[^}]*\})?\s*$", re.MULTILINE)
EXERCISE = re.compile(r"^\s*\{\{\s*exercise\s+(?P<id>[a-z0-9_-]+)\s*\}\}\s*$", re.MULTILINE)

#: Every sentence and label of the record page, the record and the results file, in English (the locales'
#: ``record`` table, by its keys). The build writes the record page's static parts from the locales.
RECORD_TEXT: Mapping[str, str] = Words("record")
TEXT = RECORD_TEXT


def _say(lang: str, key: str, **fields: object) -> str:
    return text(lang, f"record.{key}", **fields)


# ----- the onboarding path


@dataclass(frozen=True)
class PathModule:
    """One module of the onboarding path: page, URL, title and knowledge-check id."""

    page: str  # docs-relative Markdown path
    url: str  # site-relative URL (directory URLs)
    title: str
    check: str | None  # the knowledge check the page shows, if any
    anchors: tuple[str, ...] = ()  # its headings' anchors, in page order (to list rubrics in teaching order)


@dataclass(frozen=True)
class PathRubric:
    """An observation rubric and the module page that teaches its task."""

    id: str
    title: str
    module: str  # docs-relative page of the module


@dataclass(frozen=True)
class OnboardingPath:
    """The modules in order, the rubrics, and the refresher schedule (to read the refresh record)."""

    modules: tuple[PathModule, ...]
    rubrics: tuple[PathRubric, ...]
    schedule: Schedule

    def title_of(self, ident: str) -> str:
        """The module title of a knowledge check, or a rubric's title (the id when unknown)."""
        for module in self.modules:
            if module.check == ident:
                return module.title
        return next((r.title for r in self.rubrics if r.id == ident), ident)

    def checks(self) -> set[str]:
        """Every knowledge-check id of the path."""
        return {m.check for m in self.modules if m.check}


def read_onboarding_path(docs: Path) -> list[PathModule]:
    """Every module page under ``docs/modules/`` in file-name order, with its H1 title and knowledge check."""
    found = []
    for page in sorted((docs / "modules").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        title = TITLE.search(text)
        check = EXERCISE.search(text)
        found.append(
            PathModule(
                page=page.relative_to(docs).as_posix(),
                url=f"modules/{page.stem}/",
                title=title.group("title") if title else page.stem,
                check=check.group("id") if check else None,
                anchors=tuple(m.group("id") or slug(m.group("text")) for m in HEADING.finditer(text)),
            )
        )
    return found


def slug(heading: str) -> str:
    """A heading's anchor as Python-Markdown's ``toc`` makes it (its default ``slugify``)."""
    text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", text).strip().lower())


def rubric_module(rubric: Observation) -> str:
    """The module page that teaches a rubric's task: the page most of its revisit targets are on (first wins)."""
    pages = Counter(t.page for t in rubric.targets)
    return max(pages, key=lambda page: (pages[page], -[t.page for t in rubric.targets].index(page)))


def _teaching_order(modules: Sequence[PathModule], rubric: Observation) -> tuple[int, int, str]:
    """Where a rubric's task is taught: its module's step, then its first revisit heading on that page."""
    page = rubric_module(rubric)
    step = next((n for n, m in enumerate(modules) if m.page == page), len(modules))
    anchors = modules[step].anchors if step < len(modules) else ()
    first = next(t.anchor for t in rubric.targets if t.page == page)
    return step, anchors.index(first) if first in anchors else len(anchors), rubric.id


def onboarding_data(modules: Sequence[PathModule], catalogue: Catalogue, schedule: Schedule) -> JSONObject:
    """The path as the record page embeds it (and the CLI builds it): modules, rubrics in teaching order, schedule."""
    rubrics = sorted((e for e in catalogue if isinstance(e, Observation)), key=lambda e: _teaching_order(modules, e))
    return {
        "modules": [{"page": m.page, "url": m.url, "title": m.title, "check": m.check} for m in modules],
        "rubrics": [{"id": e.id, "title": e.title, "module": rubric_module(e)} for e in rubrics],
        "schedule": schedule.to_json(),
    }


def _text_field(entry: Mapping[str, Any], key: str, what: str, optional: bool = False) -> Any:
    value = entry.get(key)
    if (value is None and optional) or (isinstance(value, str) and value):
        return value
    raise SelfcheckError(f"the onboarding path is malformed: each {what} needs {key!r}")


def parse_onboarding(data: object) -> OnboardingPath:
    """The path a page embeds (see :func:`onboarding_data`), validated."""
    if not isinstance(data, Mapping) or not isinstance(data.get("modules"), list) \
            or not isinstance(data.get("rubrics"), list):
        raise SelfcheckError("the onboarding path is malformed: it needs 'modules', 'rubrics' and 'schedule'")
    modules, rubrics = [], []
    for entry in data["modules"]:
        if not isinstance(entry, Mapping):
            raise SelfcheckError("the onboarding path is malformed: each module must be an object")
        modules.append(PathModule(page=_text_field(entry, "page", "module"), url=_text_field(entry, "url", "module"),
                                  title=_text_field(entry, "title", "module"),
                                  check=_text_field(entry, "check", "module", optional=True)))
    for entry in data["rubrics"]:
        if not isinstance(entry, Mapping):
            raise SelfcheckError("the onboarding path is malformed: each rubric must be an object")
        rubrics.append(PathRubric(id=_text_field(entry, "id", "rubric"), title=_text_field(entry, "title", "rubric"),
                                  module=_text_field(entry, "module", "rubric")))
    return OnboardingPath(tuple(modules), tuple(rubrics), parse_schedule(data.get("schedule"), "schedule"))


# ----- what is kept


Outcome = tuple[date, str]


@dataclass(frozen=True)
class Results:
    """The kept results of the record: passes, the refresh record (None without opt-in), observation outcomes."""

    passed: Mapping[str, date]
    refresh: Mapping[str, BankRecord] | None
    observations: Mapping[str, tuple[Outcome, ...]]

    def empty(self) -> bool:
        """True when nothing at all is kept (an opted-in refresh record with no bank counts as nothing)."""
        return not self.passed and not self.refresh and not any(self.observations.values())

    def ids(self) -> set[str]:
        """Every knowledge-check and rubric id that has a result."""
        return {*self.passed, *(self.refresh or {}), *(k for k, v in self.observations.items() if v)}

    def only(self, known: set[str]) -> Results:
        """The same results without the ids not in ``known``."""
        return Results(
            passed={k: v for k, v in self.passed.items() if k in known},
            refresh=None if self.refresh is None else {k: v for k, v in self.refresh.items() if k in known},
            observations={k: v for k, v in self.observations.items() if k in known},
        )


def _ident(value: object, what: str) -> str:
    if not isinstance(value, str) or not IDENT.match(value):
        raise SelfcheckError(f"{what} {value!r} is not a valid id")
    return value


def _parse_passed(data: object) -> dict[str, date]:
    if not isinstance(data, Mapping):
        raise SelfcheckError("'passed' must map knowledge-check ids to dates")
    return {_ident(k, "knowledge check"): parse_day(v, f"the date {k!r} was passed") for k, v in data.items()}


def _parse_outcomes(data: object) -> tuple[Outcome, ...]:
    rows = outcome_rows(data)["rows"]
    return tuple((date.fromisoformat(row["date"]), row["outcome"]) for row in rows)


def _parse_observations(data: object) -> dict[str, tuple[Outcome, ...]]:
    if not isinstance(data, Mapping):
        raise SelfcheckError("'observations' must map rubric ids to lists of outcomes")
    return {_ident(k, "rubric"): _parse_outcomes(v) for k, v in data.items()}


def _envelope(value: object, field: str) -> Mapping[str, Any]:
    """A stored value ``{"v": 1, field: ...}`` (what ``web/storage.js`` keeps), as stored (text) or parsed."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise SelfcheckError("it is not JSON") from None
    if not isinstance(value, Mapping) or value.get("v") != 1 or field not in value:
        raise SelfcheckError(f"it is not a version 1 record with {field!r}")
    return value


@dataclass(frozen=True)
class Device:
    """What the browser keeps, read part by part: the results, the visits to keep, the parts it could not read."""

    results: Results
    visited: Mapping[str, Any]
    unreadable: tuple[str, ...]


def parse_kept(data: object, path: OnboardingPath, lang: str = DEFAULT) -> Device:
    """The stored records the page collected: ``{"progress", "refresh", "observations": {id: record}}``.

    Each record is the text ``localStorage`` holds (or null when absent), or the same value parsed.
    Each part is read on its own: a part that cannot be read is left out and named (its own page
    resets it), so one damaged record never hides the rest of the record.
    """
    if not isinstance(data, Mapping):
        raise SelfcheckError(_say(lang, "bad-request", field="'kept': the records kept on this device"))
    unreadable: list[str] = []
    passed: dict[str, date] = {}
    visited: Mapping[str, Any] = {}
    if data.get("progress") is not None:
        try:
            progress = _envelope(data["progress"], "passed")
            passed = _parse_passed(progress["passed"])
            seen = progress.get("visited")
            visited = seen if isinstance(seen, Mapping) else {}
        except SelfcheckError:
            unreadable.append(_say(lang, "part-progress"))
    refresh: dict[str, BankRecord] | None = None
    if data.get("refresh") is not None:
        try:
            refresh = parse_record(_envelope(data["refresh"], "banks"), path.schedule)
        except SelfcheckError:
            unreadable.append(_say(lang, "part-refresh"))
    observations: dict[str, tuple[Outcome, ...]] = {}
    stored = data.get("observations") or {}
    if not isinstance(stored, Mapping):
        raise SelfcheckError(_say(lang, "bad-request", field="'observations' as an object"))
    for ident, value in stored.items():
        try:
            observations[_ident(ident, "rubric")] = _parse_outcomes(_envelope(value, "entries")["entries"])
        except SelfcheckError:
            unreadable.append(_say(lang, "part-observation", rubric=path.title_of(str(ident))))
    return Device(Results(passed, refresh, observations), visited, tuple(unreadable))


def stored(results: Results, visited: Mapping[str, Any]) -> JSONObject:
    """What the page stores: ``progress`` and ``refresh`` (None: remove) and the rubrics' outcomes.

    A rubric id missing from ``observations`` means: remove what the device keeps for it.
    """
    passed = {k: v.isoformat() for k, v in sorted(results.passed.items())}
    return {
        "progress": {"visited": dict(visited), "passed": passed} if passed or visited else None,
        "refresh": None if results.refresh is None else record_json(results.refresh),
        "observations": {k: {"entries": _outcomes_json(v)} for k, v in sorted(results.observations.items())},
    }


def _outcomes_json(outcomes: Iterable[Outcome]) -> list[JSONObject]:
    return [{"date": day.isoformat(), "outcome": outcome} for day, outcome in outcomes]


# ----- the results file


def export_file(results: Results, today: date) -> JSONObject:
    """The results file: format, version, date, and the three parts (no answers, notes or names exist here)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": today.isoformat(),
        "passed": {k: v.isoformat() for k, v in sorted(results.passed.items())},
        "refresh": None if results.refresh is None else record_json(results.refresh)["banks"],
        "observations": {k: _outcomes_json(v) for k, v in sorted(results.observations.items()) if v},
    }


def parse_results_file(data: object, schedule: Schedule, lang: str = DEFAULT) -> tuple[Results, date | None]:
    """A results file, already parsed from JSON: its results and export date, or one clear error."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise SelfcheckError(_say(lang, "foreign"))
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise SelfcheckError(_say(lang, "newer", version=version, known=VERSION))
    try:
        if version != VERSION:
            raise SelfcheckError(f"its version must be {VERSION}, got {version!r}")
        unknown = set(data) - {"format", "version", "exported", "passed", "refresh", "observations"}
        if unknown:
            raise SelfcheckError(f"it has unknown fields: {', '.join(sorted(map(str, unknown)))}")
        exported = None if data.get("exported") is None else parse_day(data["exported"], "'exported'")
        passed = _parse_passed(data.get("passed", {}))
        refresh_data = data.get("refresh")
        refresh = None
        if refresh_data is not None:
            if not isinstance(refresh_data, Mapping):
                raise SelfcheckError("'refresh' must map knowledge-check ids to results")
            for key in refresh_data:
                _ident(key, "knowledge check")
            refresh = parse_record({"banks": refresh_data}, schedule)
        observations = _parse_observations(data.get("observations", {}))
    except SelfcheckError as exc:
        raise SelfcheckError(_say(lang, "damaged", why=str(exc).rstrip("."))) from None
    return Results(passed, refresh, observations), exported


def read_results_text(content: object, schedule: Schedule, lang: str = DEFAULT) -> tuple[Results, date | None]:
    """A results file as the page reads it (text): JSON first, then :func:`parse_results_file`."""
    if not isinstance(content, str):
        raise SelfcheckError(_say(lang, "bad-request", field="'file': the text of the chosen file"))
    if len(content) > MAX_FILE_CHARS:
        raise SelfcheckError(_say(lang, "too-big"))
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise SelfcheckError(_say(lang, "not-json", why=exc.msg)) from None
    return parse_results_file(data, schedule, lang)


# ----- the record


def _first(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def passed_on(results: Results, check: str) -> date | None:
    """When a knowledge check was first passed: the earlier of the progress and the refresh record."""
    entry = (results.refresh or {}).get(check)
    return _first(results.passed.get(check), entry.passed if entry else None)


def _day(day: date | None, lang: str) -> str:
    return day.isoformat() if day else _say(lang, "none")


def _percent(fraction: float | None, lang: str) -> str:
    return _say(lang, "none") if fraction is None else f"{percent_of(fraction)}%"


def _refreshers_text(entry: BankRecord | None, lang: str) -> str:
    if entry is None:
        return _say(lang, "none")
    if not entry.refreshers or entry.since is None:
        return _say(lang, "no-refreshers")
    return _say(lang, "refreshers", count=entry.refreshers, date=entry.since.isoformat())


def _practice(rubric: PathRubric, outcomes: Sequence[Outcome], lang: str) -> JSONObject:
    """The latest kept outcome of a rubric (None when none is kept), as a line."""
    if not outcomes:
        return {"rubric": rubric.title, "outcome": None, "date": None, "count": 0,
                "line": _say(lang, "practice-none", rubric=rubric.title)}
    day = max(o[0] for o in outcomes)
    latest = [o for o in outcomes if o[0] == day][-1]  # the latest date; of that day, the last kept
    label = text(lang, f"observation.outcome-{latest[1]}")
    line = _say(lang, "practice-line", rubric=rubric.title, outcome=label, date=day.isoformat())
    if len(outcomes) > 1:
        line += " " + _say(lang, "practice-count", count=len(outcomes))
    return {"rubric": rubric.title, "outcome": latest[1], "label": label, "date": day.isoformat(),
            "count": len(outcomes), "line": line}


def build_record(path: OnboardingPath, device: Device, today: date, lang: str = DEFAULT) -> JSONObject:
    """The record: a row per module of the path, in order, with passes, best scores, refreshers and practice."""
    results = device.results
    refresh = results.refresh or {}
    outcomes = results.observations
    rows: list[JSONObject] = []
    placed: set[str] = set()
    for step, module in enumerate(path.modules, start=1):
        check = module.check
        entry = refresh.get(check) if check else None
        passed = passed_on(results, check) if check else None
        practice = [_practice(r, outcomes.get(r.id, ()), lang) for r in path.rubrics if r.module == module.page]
        placed.update(r.id for r in path.rubrics if r.module == module.page)
        best = entry.best if entry else None
        rows.append({
            "step": step,
            "title": module.title,
            "href": module.url,
            "check": check,
            "passed": passed.isoformat() if passed else None,
            "best": best,
            "refreshers": entry.refreshers if entry else None,
            "cells": [
                str(step),
                module.title,
                (passed.isoformat() if passed else _say(lang, "not-yet")) if check else _say(lang, "no-check"),
                _percent(best, lang) if check else _say(lang, "none"),
                _refreshers_text(entry, lang) if check and results.refresh is not None else _say(lang, "none"),
            ],
            "practice": practice,
        })
    other = [_practice(r, outcomes.get(r.id, ()), lang) for r in path.rubrics if r.id not in placed]
    checks = [m.check for m in path.modules if m.check]
    kept = [r for r in path.rubrics if outcomes.get(r.id)]
    ready = [r for r in kept if _practice(r, outcomes[r.id], lang)["outcome"] == "ready"]
    notes = []
    if results.refresh is None:
        notes.append(_say(lang, "note-refresh-off"))
    notes.append(_say(lang, "note-practice"))
    unknown = results.ids() - path.checks() - {r.id for r in path.rubrics}
    if unknown:
        notes.append(_say(lang, "note-unknown", count=len(unknown)))
    if device.unreadable:
        notes.append(_say(lang, "note-unreadable", parts="; ".join(device.unreadable)))
    return {
        "title": _say(lang, "heading"),
        "statement": _say(lang, "statement"),
        "as_of": _say(lang, "as-of", date=today.isoformat()),
        "today": today.isoformat(),
        "empty": results.empty(),
        "summary": _say(lang, "summary", passed=sum(1 for c in checks if passed_on(results, c)), checks=len(checks),
                        rubrics=len(kept), total=len(path.rubrics), ready=len(ready),
                        ready_label=text(lang, "observation.outcome-ready")),
        "columns": [_say(lang, f"col-{c}") for c in COLUMNS],
        "rows": rows,
        "other_title": _say(lang, "other-practice"),
        "other": other,
        "notes": notes,
    }


# ----- merging and import


def _moved(entry: BankRecord) -> tuple[date, int]:
    return entry.since or date.min, entry.box or 0


def _later(a: BankRecord, b: BankRecord) -> BankRecord:
    """Of two entries for one bank, the one whose refresher schedule moved last (the higher box on a tie)."""
    return b if _moved(b) > _moved(a) else a


def merge_bank(a: BankRecord, b: BankRecord) -> BankRecord:
    """One bank kept on two devices: the earliest pass, the best score, the later schedule, the most refreshers."""
    best = max((x for x in (a.best, b.best) if x is not None), default=None)
    later = _later(a, b)
    return replace(later, passed=_first(a.passed, b.passed), best=best, refreshers=max(a.refreshers, b.refreshers))


def merge_outcomes(a: Sequence[Outcome], b: Sequence[Outcome]) -> tuple[Outcome, ...]:
    """Both lists of outcomes, an outcome kept on both devices counted once, oldest first, the latest kept."""
    counts = Counter(a)
    extra: list[Outcome] = []
    for outcome, count in Counter(b).items():
        extra.extend([outcome] * max(0, count - counts[outcome]))
    return tuple(sorted([*a, *extra], key=lambda o: o[0]))[-MAX_OUTCOMES:]


def merge(a: Results, b: Results) -> Results:
    """Everything in ``a`` and ``b``. Merging the same file twice changes nothing the second time."""
    passed = {k: _first(a.passed.get(k), b.passed.get(k)) for k in {*a.passed, *b.passed}}
    refresh: dict[str, BankRecord] | None = None
    if a.refresh is not None or b.refresh is not None:
        ra, rb = a.refresh or {}, b.refresh or {}
        refresh = {k: merge_bank(ra[k], rb[k]) if k in ra and k in rb else ra.get(k) or rb[k] for k in {*ra, *rb}}
    observations = {k: merge_outcomes(a.observations.get(k, ()), b.observations.get(k, ()))
                    for k in {*a.observations, *b.observations}}
    return Results({k: v for k, v in passed.items() if v}, refresh, observations)


def _bank_view(results: Results, check: str) -> tuple[date | None, float | None, int | None]:
    entry = (results.refresh or {}).get(check)
    return passed_on(results, check), entry.best if entry else None, entry.refreshers if entry else None


def _bank_what(passed: date | None, best: float | None, done: int | None, lang: str) -> str:
    parts = []
    if passed:
        parts.append(_say(lang, "what-passed", date=passed.isoformat()))
    if best is not None:
        parts.append(_say(lang, "what-best", best=_percent(best, lang)))
    if done:
        parts.append(_say(lang, "what-refreshers", count=done))
    return ", ".join(parts)


def _bank_changes(path: OnboardingPath, before: Results, after: Results, lang: str) -> list[str]:
    lines = []
    order = [m.check for m in path.modules if m.check]
    for check in sorted({*before.passed, *(before.refresh or {}), *after.passed, *(after.refresh or {})},
                        key=lambda c: (order.index(c) if c in order else len(order), c)):
        title = path.title_of(check)
        had = check in before.passed or check in (before.refresh or {})
        has = check in after.passed or check in (after.refresh or {})
        old, new = _bank_view(before, check), _bank_view(after, check)
        if had and not has:
            lines.append(_say(lang, "change-deleted", title=title))
        elif has and not had:
            what = _bank_what(*new, lang) or _say(lang, "what-schedule")
            lines.append(_say(lang, "change-added", title=title, what=what))
        elif old != new or (before.refresh or {}).get(check) != (after.refresh or {}).get(check):
            parts = []
            if old[0] != new[0]:
                parts.append(_say(lang, "what-passed-change", old=_day(old[0], lang), new=_day(new[0], lang)))
            if old[1] != new[1]:
                parts.append(_say(lang, "what-best-change", old=_percent(old[1], lang), new=_percent(new[1], lang)))
            if old[2] != new[2]:
                parts.append(_say(lang, "what-refreshers-change", old=old[2] or 0, new=new[2] or 0))
            what = ", ".join(parts) or _say(lang, "what-schedule")
            lines.append(_say(lang, "change-changed", title=title, what=what))
    return lines


def changes(path: OnboardingPath, before: Results, after: Results, lang: str = DEFAULT) -> list[str]:
    """What storing ``after`` where ``before`` is kept would change, a line per module or rubric."""
    lines = []
    if before.refresh is None and after.refresh is not None:
        lines.append(_say(lang, "refresh-on"))
    if before.refresh is not None and after.refresh is None:
        lines.append(_say(lang, "refresh-off"))
    lines.extend(_bank_changes(path, before, after, lang))
    for rubric in sorted({*before.observations, *after.observations}):
        old, new = Counter(before.observations.get(rubric, ())), Counter(after.observations.get(rubric, ()))
        added, deleted = sum((new - old).values()), sum((old - new).values())
        title = path.title_of(rubric)
        for count, one, many in ((added, "outcome-added", "outcomes-added"),
                                 (deleted, "outcome-deleted", "outcomes-deleted")):
            if count:
                lines.append(_say(lang, one if count == 1 else many, title=title, count=count))
    return lines


def _file_summary(results: Results, exported: date | None, lang: str) -> str:
    counts = {"checks": len(results.passed), "refresh": len(results.refresh or {}),
              "outcomes": sum(len(v) for v in results.observations.values())}
    if exported is None:
        return _say(lang, "file-summary-no-date", **counts)
    return _say(lang, "file-summary", date=exported.isoformat(), **counts)


def _with_outcomes(results: Results) -> Results:
    """The results without the rubrics that hold no outcome (kept on, but nothing to show or compare)."""
    return replace(results, observations={k: v for k, v in results.observations.items() if v})


def import_plan(path: OnboardingPath, device: Device, content: object, lang: str = DEFAULT) -> JSONObject:
    """What importing a results file would do: a summary, and per action its changes and what to store.

    Nothing is stored here; the page stores an action's ``store`` only after the reader chooses it.
    An unreadable file is a :class:`SelfcheckError` with a message for the reader.
    """
    try:
        from_file, exported = read_results_text(content, path.schedule, lang)
    except SelfcheckError as exc:
        raise SelfcheckError(f"{exc} {_say(lang, 'unchanged')}") from None
    known = path.checks() | {r.id for r in path.rubrics}
    left_out = len(from_file.ids() - known)
    from_file = _with_outcomes(from_file.only(known))
    before = device.results
    candidates = [("merge", merge(before, from_file)), ("replace", from_file)]
    if before.empty():
        candidates = [("import", merge(before, from_file))]
    actions = []
    for name, after in candidates:
        lines = changes(path, _with_outcomes(before), _with_outcomes(after), lang)
        if lines:
            actions.append({"id": name, "label": _say(lang, name), "explain": _say(lang, f"{name}-explain"),
                            "changes": lines,
                            "store": stored(after, device.visited)})
    summary = [_file_summary(from_file, exported, lang)]
    if left_out:
        summary.append(_say(lang, "left-out", count=left_out))
    return {
        "title": _say(lang, "import-title"),
        "summary": summary,
        "actions": actions,
        "message": None if actions else _say(lang, "same"),
        "note": _say(lang, "optin-note"),
        "cancel": _say(lang, "cancel"),
        "done": _say(lang, "imported"),
        "cancelled": _say(lang, "cancelled"),
    }


# ----- bridge operations and the CLI


def _today(request: Mapping[str, Any]) -> date:
    return parse_day(request.get("today"), "today")


def _read(request: Mapping[str, Any], lang: str) -> tuple[OnboardingPath, Device]:
    path = parse_onboarding(request.get("path"))
    return path, parse_kept(request.get("kept"), path, lang)


def view_operation(request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``record-view``: ``{"path", "kept", "today", "lang"?}`` -> the record."""
    lang = language_of(request)
    path, device = _read(request, lang)
    return build_record(path, device, _today(request), lang)


def export_operation(request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``record-export``: ``{"path", "kept", "today", "lang"?}`` -> the file, its name and a message."""
    lang = language_of(request)
    _, device = _read(request, lang)
    today = _today(request)
    if device.results.empty():
        return {"file": None, "filename": None, "message": _say(lang, "nothing-to-export")}
    filename = f"onboarding-results-{today.isoformat()}.json"
    return {"file": export_file(device.results, today), "filename": filename,
            "message": _say(lang, "exported", filename=filename)}


def import_operation(request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``record-import``: ``{"path", "kept", "file", "lang"?}`` (the file's text) -> :func:`import_plan`."""
    lang = language_of(request)
    path, device = _read(request, lang)
    return import_plan(path, device, request.get("file"), lang)


def record_of_file(data: object, path: OnboardingPath, today: date, lang: str = DEFAULT) -> JSONObject:
    """The record of a results file (the CLI's ``record``): as the page would show it after importing the file."""
    results, _ = parse_results_file(data, path.schedule, lang)
    return build_record(path, Device(results, {}, ()), today, lang)


#: The record page's operations; the bridge adds them (this module never imports the bridge).
OPERATIONS: dict[str, Operation] = {
    "record-view": view_operation,
    "record-export": export_operation,
    "record-import": import_operation,
}

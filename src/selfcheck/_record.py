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

Every sentence this module writes is in :data:`TEXT`, one place for translation.
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
from ._observation import MESSAGES as OBSERVATION_MESSAGES
from ._observation import Observation, outcome_rows
from ._schedule import BankRecord, Schedule, parse_day, parse_record, parse_schedule, record_json

#: The results file's format name and the version this code writes and reads.
FORMAT = "selfcheck-onboarding-results"
VERSION = 1
#: The largest results file read (characters): a real one is a few kilobytes.
MAX_FILE_CHARS = 1_000_000
#: Outcomes kept per rubric, as ``web/observation.js`` keeps them (the oldest go first).
MAX_OUTCOMES = 50

#: The record's columns, in order (their headings are ``TEXT["col_…"]``).
COLUMNS = ("step", "module", "passed", "best", "refreshers", "practice")

IDENT = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
TITLE = re.compile(r"^#\s+(?P<title>.+?)\s*$", re.MULTILINE)
HEADING = re.compile(r"^#{2,6}\s+(?P<text>.+?)(?:\s*\{[^}]*#(?P<id>[\w-]+)[^}]*\})?\s*$", re.MULTILINE)
EXERCISE = re.compile(r"^\s*\{\{\s*exercise\s+(?P<id>[a-z0-9_-]+)\s*\}\}\s*$", re.MULTILINE)

#: Every sentence and label of the record page, the record and the results file.
TEXT: dict[str, str] = {
    # The page, written at build time (readable before and without Python).
    "heading": "Onboarding record",
    "name": "Name of the specialist",
    "organisation": "Organisation",
    "fields_hint": "Type them for printing if you wish. They are never stored or sent anywhere, and are gone when "
    "you leave the page.",
    "statement": (
        "This is a record of self-paced training and supervised practice. It is not an accredited certificate "
        "or a qualification. The specialist kept these results on their own device; a supervisor's signature "
        "confirms only what that supervisor has observed or discussed with them."
    ),
    "loading": "Preparing your record from the results kept on this device…",
    "empty": "Nothing is kept on this device yet, so there is no record to show.",
    "start": "How to start:",
    "start_path": "each knowledge check you pass appears here, with its date.",
    "start_refresh": "tick “Keep my knowledge-check results on this device” to add best scores and refreshers.",
    "start_practice": "tick “Keep the outcome on this device” on a rubric when your supervisor shows you the "
    "outcome of an observed session.",
    "start_import": "Moving from another device? Import the results file you exported there (below).",
    "path_link": "The onboarding path",
    "refresh_link": "Refresh",
    "practice_link": "Supervised practice",
    "supervisor": "Supervisor",
    "supervisor_name": "Name and role",
    "signature": "Signature",
    "date": "Date",
    "comments": "Comments",
    "print": "Print the record",
    "move_title": "Move your results to another device",
    "move_text": (
        "Export saves what this device keeps for this record to a file: the knowledge checks passed with their "
        "dates and, if you chose to keep them, best scores, refreshers and observed-practice outcomes. It never "
        "holds your answers, notes or name. Keep the file somewhere private, and import it on the other device."
    ),
    "export_button": "Export my results",
    "import_button": "Import results from a file",
    "noscript": (
        "The record is put together by a small program that runs in your browser, and JavaScript is off. "
        "Nothing is shown here without it."
    ),
    # The record (computed from what is kept).
    "col_step": "Step",
    "col_module": "Module",
    "col_passed": "Knowledge check passed",
    "col_best": "Best score",
    "col_refreshers": "Refreshers done",
    "col_practice": "Observed practice",
    "as_of": "Results as of {date}.",
    "not_yet": "not yet",
    "no_check": "no knowledge check",
    "none": "—",
    "refreshers": "{count} (latest {date})",
    "no_refreshers": "none yet",
    "practice_line": "{rubric}: {outcome}, {date}",
    "practice_count": " ({count} observations kept)",
    "practice_none": "{rubric}: no outcome kept",
    "other_practice": "Observed practice on other tasks",
    "summary": "Knowledge checks passed: {passed} of {checks}. Observed practice: an outcome kept for {rubrics} of "
    "{total} rubrics, {ready} of them “{ready_label}”.",
    "note_refresh_off": "Best scores and refreshers are shown only if “Keep my knowledge-check results on this "
    "device” is ticked (Refresh page).",
    "note_practice": "An observed-practice outcome is shown only if “Keep the outcome on this device” was ticked on "
    "that rubric; the latest outcome is shown. The outcome applies the rubric's readiness rule to a supervisor's "
    "ratings; it supports the supervisor's judgement and does not replace it.",
    "note_unknown": "{count} kept results belong to knowledge checks or rubrics this site does not have; they are "
    "left out.",
    "note_unreadable": "Some results kept on this device could not be read ({parts}) and are left out.",
    "part_progress": "knowledge checks passed",
    "part_refresh": "best scores and refreshers",
    "part_observation": "observed practice: {rubric}",
    # Export.
    "exported": "Your results were saved to {filename}. It holds no answers, notes or names.",
    "nothing_to_export": "Nothing is kept on this device yet, so there is nothing to export.",
    # Import: reading the file.
    "not_json": "This file could not be read: it is not a results file exported from this site ({why}).",
    "too_big": "This file is too large to be a results file exported from this site.",
    "foreign": "This file is not a results file exported from this site (it may be another file, or come from "
    "another program).",
    "newer": "This results file was made by a newer version of the site (format version {version}; this version "
    "reads version {known}).",
    "damaged": "This results file is damaged: {why}.",
    "unchanged": "Nothing was changed.",
    # Import: what would change.
    "import_title": "Import results from a file",
    "file_summary": "The file was exported on {date}. It holds: knowledge checks passed, {checks}; best scores and "
    "refreshers, {refresh}; observed-practice outcomes, {outcomes}.",
    "file_summary_no_date": "It holds: knowledge checks passed, {checks}; best scores and refreshers, {refresh}; "
    "observed-practice outcomes, {outcomes}.",
    "same": "This device already keeps everything in this file. Nothing was changed.",
    "merge": "Merge with what this device keeps",
    "merge_explain": "Adds what the file has to what this device keeps and removes nothing: for each module, "
    "the earliest pass date, the best score and the latest refresher.",
    "replace": "Replace what this device keeps",
    "replace_explain": "Deletes the results this device keeps for this record and keeps the file's instead.",
    "import": "Import",
    "import_explain": "This device keeps nothing for this record yet: the file's results will be kept here.",
    "cancel": "Cancel: change nothing",
    "optin_note": "Importing keeps these results on this device, as if you had ticked “Keep …” on the Refresh "
    "page and on the rubrics concerned. You can delete them there at any time.",
    "left_out": "{count} results in the file belong to knowledge checks or rubrics this site does not have; "
    "they will be left out.",
    "change_added": "{title}: added ({what}).",
    "change_changed": "{title}: {what}.",
    "change_deleted": "{title}: deleted.",
    "what_passed": "passed {date}",
    "what_best": "best score {best}",
    "what_refreshers": "refreshers done: {count}",
    "what_passed_change": "passed {old} → {new}",
    "what_best_change": "best score {old} → {new}",
    "what_refreshers_change": "refreshers done {old} → {new}",
    "what_schedule": "refresher schedule updated",
    "outcomes_added": "{title}: {count} outcomes added.",
    "outcome_added": "{title}: 1 outcome added.",
    "outcomes_deleted": "{title}: {count} outcomes deleted.",
    "outcome_deleted": "{title}: 1 outcome deleted.",
    "refresh_on": "Keeping best scores and refreshers is turned on on this device.",
    "refresh_off": "Keeping best scores and refreshers is turned off on this device, and those it keeps are "
    "deleted (the file has none).",
    "imported": "The results were imported. The record below shows what this device now keeps.",
    "reading": "Reading the file…",
    "storage_failed": "This browser did not let the site keep the results (storage is full or blocked), so the "
    "import may be incomplete. The record below shows what this device keeps.",
    "cancelled": "Nothing was changed.",
    "bad_request": "the request needs {field}",
}
#: The same texts under a public name: the build writes the record page's static parts from them.
RECORD_TEXT = TEXT


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


def parse_kept(data: object, path: OnboardingPath) -> Device:
    """The stored records the page collected: ``{"progress", "refresh", "observations": {id: record}}``.

    Each record is the text ``localStorage`` holds (or null when absent), or the same value parsed.
    Each part is read on its own: a part that cannot be read is left out and named (its own page
    resets it), so one damaged record never hides the rest of the record.
    """
    if not isinstance(data, Mapping):
        raise SelfcheckError(TEXT["bad_request"].format(field="'kept': the records kept on this device"))
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
            unreadable.append(TEXT["part_progress"])
    refresh: dict[str, BankRecord] | None = None
    if data.get("refresh") is not None:
        try:
            refresh = parse_record(_envelope(data["refresh"], "banks"), path.schedule)
        except SelfcheckError:
            unreadable.append(TEXT["part_refresh"])
    observations: dict[str, tuple[Outcome, ...]] = {}
    stored = data.get("observations") or {}
    if not isinstance(stored, Mapping):
        raise SelfcheckError(TEXT["bad_request"].format(field="'observations' as an object"))
    for ident, value in stored.items():
        try:
            observations[_ident(ident, "rubric")] = _parse_outcomes(_envelope(value, "entries")["entries"])
        except SelfcheckError:
            unreadable.append(TEXT["part_observation"].format(rubric=path.title_of(str(ident))))
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


def parse_results_file(data: object, schedule: Schedule) -> tuple[Results, date | None]:
    """A results file, already parsed from JSON: its results and export date, or one clear error."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise SelfcheckError(TEXT["foreign"])
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise SelfcheckError(TEXT["newer"].format(version=version, known=VERSION))
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
        raise SelfcheckError(TEXT["damaged"].format(why=str(exc).rstrip("."))) from None
    return Results(passed, refresh, observations), exported


def read_results_text(text: object, schedule: Schedule) -> tuple[Results, date | None]:
    """A results file as the page reads it (text): JSON first, then :func:`parse_results_file`."""
    if not isinstance(text, str):
        raise SelfcheckError(TEXT["bad_request"].format(field="'file': the text of the chosen file"))
    if len(text) > MAX_FILE_CHARS:
        raise SelfcheckError(TEXT["too_big"])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SelfcheckError(TEXT["not_json"].format(why=exc.msg)) from None
    return parse_results_file(data, schedule)


# ----- the record


def _first(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def passed_on(results: Results, check: str) -> date | None:
    """When a knowledge check was first passed: the earlier of the progress and the refresh record."""
    entry = (results.refresh or {}).get(check)
    return _first(results.passed.get(check), entry.passed if entry else None)


def _day(day: date | None) -> str:
    return day.isoformat() if day else TEXT["none"]


def _percent(fraction: float | None) -> str:
    return TEXT["none"] if fraction is None else f"{percent_of(fraction)}%"


def _refreshers_text(entry: BankRecord | None) -> str:
    if entry is None:
        return TEXT["none"]
    if not entry.refreshers or entry.since is None:
        return TEXT["no_refreshers"]
    return TEXT["refreshers"].format(count=entry.refreshers, date=entry.since.isoformat())


def _practice(rubric: PathRubric, outcomes: Sequence[Outcome]) -> JSONObject:
    """The latest kept outcome of a rubric (None when none is kept), as a line."""
    if not outcomes:
        return {"rubric": rubric.title, "outcome": None, "date": None, "count": 0,
                "line": TEXT["practice_none"].format(rubric=rubric.title)}
    day = max(o[0] for o in outcomes)
    latest = [o for o in outcomes if o[0] == day][-1]  # the latest date; of that day, the last kept
    label = OBSERVATION_MESSAGES[f"outcome_{latest[1]}"]
    line = TEXT["practice_line"].format(rubric=rubric.title, outcome=label, date=day.isoformat())
    if len(outcomes) > 1:
        line += TEXT["practice_count"].format(count=len(outcomes))
    return {"rubric": rubric.title, "outcome": latest[1], "label": label, "date": day.isoformat(),
            "count": len(outcomes), "line": line}


def build_record(path: OnboardingPath, device: Device, today: date) -> JSONObject:
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
        practice = [_practice(r, outcomes.get(r.id, ())) for r in path.rubrics if r.module == module.page]
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
                (passed.isoformat() if passed else TEXT["not_yet"]) if check else TEXT["no_check"],
                _percent(best) if check else TEXT["none"],
                _refreshers_text(entry) if check and results.refresh is not None else TEXT["none"],
            ],
            "practice": practice,
        })
    other = [_practice(r, outcomes.get(r.id, ())) for r in path.rubrics if r.id not in placed]
    checks = [m.check for m in path.modules if m.check]
    kept = [r for r in path.rubrics if outcomes.get(r.id)]
    ready = [r for r in kept if _practice(r, outcomes[r.id])["outcome"] == "ready"]
    notes = []
    if results.refresh is None:
        notes.append(TEXT["note_refresh_off"])
    notes.append(TEXT["note_practice"])
    unknown = results.ids() - path.checks() - {r.id for r in path.rubrics}
    if unknown:
        notes.append(TEXT["note_unknown"].format(count=len(unknown)))
    if device.unreadable:
        notes.append(TEXT["note_unreadable"].format(parts="; ".join(device.unreadable)))
    return {
        "title": TEXT["heading"],
        "statement": TEXT["statement"],
        "as_of": TEXT["as_of"].format(date=today.isoformat()),
        "today": today.isoformat(),
        "empty": results.empty(),
        "summary": TEXT["summary"].format(
            passed=sum(1 for c in checks if passed_on(results, c)), checks=len(checks), rubrics=len(kept),
            total=len(path.rubrics), ready=len(ready), ready_label=OBSERVATION_MESSAGES["outcome_ready"]),
        "columns": [TEXT[f"col_{c}"] for c in COLUMNS],
        "rows": rows,
        "other_title": TEXT["other_practice"],
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


def _bank_what(passed: date | None, best: float | None, done: int | None) -> str:
    parts = []
    if passed:
        parts.append(TEXT["what_passed"].format(date=passed.isoformat()))
    if best is not None:
        parts.append(TEXT["what_best"].format(best=_percent(best)))
    if done:
        parts.append(TEXT["what_refreshers"].format(count=done))
    return ", ".join(parts)


def _bank_changes(path: OnboardingPath, before: Results, after: Results) -> list[str]:
    lines = []
    order = [m.check for m in path.modules if m.check]
    for check in sorted({*before.passed, *(before.refresh or {}), *after.passed, *(after.refresh or {})},
                        key=lambda c: (order.index(c) if c in order else len(order), c)):
        title = path.title_of(check)
        had = check in before.passed or check in (before.refresh or {})
        has = check in after.passed or check in (after.refresh or {})
        old, new = _bank_view(before, check), _bank_view(after, check)
        if had and not has:
            lines.append(TEXT["change_deleted"].format(title=title))
        elif has and not had:
            lines.append(TEXT["change_added"].format(title=title, what=_bank_what(*new) or TEXT["what_schedule"]))
        elif old != new or (before.refresh or {}).get(check) != (after.refresh or {}).get(check):
            parts = []
            if old[0] != new[0]:
                parts.append(TEXT["what_passed_change"].format(old=_day(old[0]), new=_day(new[0])))
            if old[1] != new[1]:
                parts.append(TEXT["what_best_change"].format(old=_percent(old[1]), new=_percent(new[1])))
            if old[2] != new[2]:
                parts.append(TEXT["what_refreshers_change"].format(old=old[2] or 0, new=new[2] or 0))
            lines.append(TEXT["change_changed"].format(title=title, what=", ".join(parts) or TEXT["what_schedule"]))
    return lines


def changes(path: OnboardingPath, before: Results, after: Results) -> list[str]:
    """What storing ``after`` where ``before`` is kept would change, a line per module or rubric."""
    lines = []
    if before.refresh is None and after.refresh is not None:
        lines.append(TEXT["refresh_on"])
    if before.refresh is not None and after.refresh is None:
        lines.append(TEXT["refresh_off"])
    lines.extend(_bank_changes(path, before, after))
    for rubric in sorted({*before.observations, *after.observations}):
        old, new = Counter(before.observations.get(rubric, ())), Counter(after.observations.get(rubric, ()))
        added, deleted = sum((new - old).values()), sum((old - new).values())
        title = path.title_of(rubric)
        for count, one, many in ((added, "outcome_added", "outcomes_added"),
                                 (deleted, "outcome_deleted", "outcomes_deleted")):
            if count:
                lines.append(TEXT[one if count == 1 else many].format(title=title, count=count))
    return lines


def _file_summary(results: Results, exported: date | None) -> str:
    counts = {"checks": len(results.passed), "refresh": len(results.refresh or {}),
              "outcomes": sum(len(v) for v in results.observations.values())}
    if exported is None:
        return TEXT["file_summary_no_date"].format(**counts)
    return TEXT["file_summary"].format(date=exported.isoformat(), **counts)


def _with_outcomes(results: Results) -> Results:
    """The results without the rubrics that hold no outcome (kept on, but nothing to show or compare)."""
    return replace(results, observations={k: v for k, v in results.observations.items() if v})


def import_plan(path: OnboardingPath, device: Device, text: object) -> JSONObject:
    """What importing a results file would do: a summary, and per action its changes and what to store.

    Nothing is stored here; the page stores an action's ``store`` only after the reader chooses it.
    An unreadable file is a :class:`SelfcheckError` with a message for the reader.
    """
    try:
        from_file, exported = read_results_text(text, path.schedule)
    except SelfcheckError as exc:
        raise SelfcheckError(f"{exc} {TEXT['unchanged']}") from None
    known = path.checks() | {r.id for r in path.rubrics}
    left_out = len(from_file.ids() - known)
    from_file = _with_outcomes(from_file.only(known))
    before = device.results
    candidates = [("merge", merge(before, from_file)), ("replace", from_file)]
    if before.empty():
        candidates = [("import", merge(before, from_file))]
    actions = []
    for name, after in candidates:
        lines = changes(path, _with_outcomes(before), _with_outcomes(after))
        if lines:
            actions.append({"id": name, "label": TEXT[name], "explain": TEXT[f"{name}_explain"], "changes": lines,
                            "store": stored(after, device.visited)})
    summary = [_file_summary(from_file, exported)]
    if left_out:
        summary.append(TEXT["left_out"].format(count=left_out))
    return {
        "title": TEXT["import_title"],
        "summary": summary,
        "actions": actions,
        "message": None if actions else TEXT["same"],
        "note": TEXT["optin_note"],
        "cancel": TEXT["cancel"],
        "done": TEXT["imported"],
        "cancelled": TEXT["cancelled"],
    }


# ----- bridge operations and the CLI


def _today(request: Mapping[str, Any]) -> date:
    return parse_day(request.get("today"), "today")


def _read(request: Mapping[str, Any]) -> tuple[OnboardingPath, Device]:
    path = parse_onboarding(request.get("path"))
    return path, parse_kept(request.get("kept"), path)


def view_operation(request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``record-view``: ``{"path", "kept", "today"}`` -> the record."""
    path, device = _read(request)
    return build_record(path, device, _today(request))


def export_operation(request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``record-export``: ``{"path", "kept", "today"}`` -> the file, its name and a message."""
    _, device = _read(request)
    today = _today(request)
    if device.results.empty():
        return {"file": None, "filename": None, "message": TEXT["nothing_to_export"]}
    filename = f"onboarding-results-{today.isoformat()}.json"
    return {"file": export_file(device.results, today), "filename": filename,
            "message": TEXT["exported"].format(filename=filename)}


def import_operation(request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``record-import``: ``{"path", "kept", "file"}`` (the file's text) -> :func:`import_plan`."""
    path, device = _read(request)
    return import_plan(path, device, request.get("file"))


def record_of_file(data: object, path: OnboardingPath, today: date) -> JSONObject:
    """The record of a results file (the CLI's ``record``): as the page would show it after importing the file."""
    results, _ = parse_results_file(data, path.schedule)
    return build_record(path, Device(results, {}, ()), today)


#: The record page's operations; the bridge adds them (this module never imports the bridge).
OPERATIONS: dict[str, Operation] = {
    "record-view": view_operation,
    "record-export": export_operation,
    "record-import": import_operation,
}

"""Observation rubrics (kind ``observation``): a supervisor rates observed practice, a rule decides readiness.

A rubric lists observable criteria, grouped in sections. Each criterion is rated on the
rubric's levels, listed lowest first (for example "not yet", "with support",
"independently"). Some criteria are critical. The readiness rule is data::

    [readiness]
    critical_level = "independently"   # every critical criterion must reach this level,
    others_level = "with-support"      # and at least others_percent % of the other criteria
    others_percent = 80                # must reach this one

:meth:`Observation.score` applies the rule with whole numbers only (8 of 10 criteria at 80 % is
exactly enough), names the criteria that hold the person back and the module sections to revisit.
Each revisit target is a docs page and a heading anchor; ``scripts/links.py`` checks at build time
that both exist. A result never carries the definition's internal ids (criteria, levels, sections,
targets): it speaks in the rubric's own words. The notes box is accepted in the answers, so a form
can be sent whole, and is never echoed back.

Every sentence this module writes is in the locales (``observation.…``), in English, Romanian and Bulgarian.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._base import Common, JSONObject, Operation
from ._checklist import Section
from ._choice import check_answer_keys, json_type
from ._errors import AnswerError, SelfcheckError
from ._fields import ANCHOR_PATTERN, PAGE_PATTERN, Table, page_href, unique_ids
from ._locale import DEFAULT, Words, language_of, text

KIND = "observation"

#: The answer id of the notes box, and the section it sits in (reserved: criteria and sections may not use them).
NOTES_ID = "notes"
NOTES_SECTION = "debrief"

#: Where a rubric's procedure belongs (ISO 3166 codes): the guide is Romanian; the SOP and the NRM are Bulgarian.
COUNTRIES = ("ro", "bg")

#: Outcomes of a scored rubric; only decided ones may be kept on the reader's device.
READY, NOT_YET, INCOMPLETE = "ready", "not-yet", "incomplete"
KEPT_OUTCOMES = (READY, NOT_YET)

DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: Every sentence and label the kind writes, in English (the locales' ``observation`` table, by its keys;
#: rubric text itself comes from the definitions).
MESSAGES: Mapping[str, str] = Words("observation")


def _say(lang: str, key: str, **fields: object) -> str:
    return text(lang, f"observation.{key}", **fields)


def _plus(levels: Sequence[Level], level: Level, lang: str) -> str:
    """' or better' unless ``level`` is already the top level."""
    return "" if level is levels[-1] else _say(lang, "or-better")


def _needed(percent: int, count: int) -> int:
    """The fewest of ``count`` criteria that make at least ``percent`` %: ceil(percent * count / 100), exactly."""
    return -(-percent * count // 100)


def _join(parts: Sequence[str]) -> str:
    return "; ".join(parts)


@dataclass(frozen=True)
class Level:
    """One step of the rating scale."""

    id: str
    label: str
    text: str


@dataclass(frozen=True)
class Target:
    """A module section to revisit: a docs page (``modules/….md``) and a heading anchor on it."""

    id: str
    title: str
    page: str
    anchor: str

    @property
    def href(self) -> str:
        """The site-relative address (the site uses directory URLs: ``a/b.md`` is served at ``a/b/``)."""
        return page_href(self.page, self.anchor)


@dataclass(frozen=True)
class Criterion:
    """An observable behaviour, its section, whether it is critical and where to revisit it."""

    id: str
    number: int
    section: str
    prompt: str
    hint: str
    critical: bool
    source: str
    revisit: tuple[str, ...]


@dataclass(frozen=True)
class Readiness:
    """The readiness rule: the level critical criteria need, and the share of the rest at another level."""

    critical_level: Level
    others_level: Level
    others_percent: int


@dataclass(frozen=True)
class Observation:
    """An observation rubric, as a definition describes it."""

    id: str
    title: str
    source: str
    intro: str
    country: str
    procedure: str
    levels: tuple[Level, ...]
    sections: tuple[Section, ...]
    criteria: tuple[Criterion, ...]
    targets: tuple[Target, ...]
    readiness: Readiness
    kind: str = KIND

    # ----- reading the definition's structure

    def rank(self, level_id: str) -> int:
        """Position of a level on the scale (0 is the lowest)."""
        return [lv.id for lv in self.levels].index(level_id)

    def level(self, level_id: str) -> Level:
        """The level with this id (ids are checked when parsing)."""
        return self.levels[self.rank(level_id)]

    def target(self, target_id: str) -> Target:
        """The revisit target with this id (ids are checked when parsing)."""
        return next(t for t in self.targets if t.id == target_id)

    def critical(self) -> list[Criterion]:
        """The critical criteria, in published order."""
        return [c for c in self.criteria if c.critical]

    def others(self) -> list[Criterion]:
        """The criteria that are not critical, in published order."""
        return [c for c in self.criteria if not c.critical]

    def links(self) -> list[tuple[str, str, str]]:
        """``(target id, page, anchor)`` of every page this rubric links to (checked by the build)."""
        return [(t.id, t.page, t.anchor) for t in self.targets]

    def _words(self, lang: str) -> dict[str, Any]:
        """The values every rule sentence uses."""
        r = self.readiness
        others = len(self.others())
        return {
            "critical": r.critical_level.label,
            "critical_plus": _plus(self.levels, r.critical_level, lang),
            "level": r.others_level.label,
            "level_plus": _plus(self.levels, r.others_level, lang),
            "percent": r.others_percent,
            "others": others,
            "needed": _needed(r.others_percent, others),
            "critical_total": len(self.critical()),
        }

    def rule(self, *, lang: str = DEFAULT) -> str:
        """The readiness rule in words, from the data, in ``lang``."""
        words = self._words(lang)
        return _say(lang, "rule" if words["others"] else "rule-all-critical", **words)

    def legend(self, *, lang: str = DEFAULT) -> str:
        """What each level means (the levels' words are the definition's)."""
        levels = "; ".join(_say(lang, "level", label=lv.label, text=lv.text.rstrip(".")) for lv in self.levels)
        return _say(lang, "levels", levels=levels)

    # ----- the published form

    def describe(self, *, lang: str = DEFAULT) -> JSONObject:
        """One single-choice item per criterion (its options are the levels), then the notes box (words in ``lang``).

        ``rules`` (levels and readiness rule) is shown under the intro on screen and on paper;
        ``table`` lays the criteria out as a grid on paper; the notes box is left off paper,
        which has its own lines for notes.
        """
        critical_hint = _say(lang, "critical-hint", level=self.readiness.critical_level.label)
        options = [{"id": lv.id, "label": lv.label} for lv in self.levels]
        items: list[JSONObject] = []
        for c in self.criteria:
            hint = " ".join(h for h in (critical_hint if c.critical else "", c.hint) if h)
            item: JSONObject = {"id": c.id, "type": "single", "prompt": c.prompt, "options": options,
                                "section": c.section}
            if hint:
                item["hint"] = hint
            items.append(item)
        items.append({"id": NOTES_ID, "type": "text", "prompt": _say(lang, "notes-prompt"),
                      "hint": _say(lang, "notes-hint"), "section": NOTES_SECTION, "paper": False})
        rows: list[JSONObject] = []
        for s in self.sections:
            rows.append({"heading": s.title})
            for c in self.criteria:
                if c.section == s.id:
                    mark = f" {_say(lang, 'critical-mark')}" if c.critical else ""
                    rows.append({"label": f"{c.number}. {c.prompt}{mark}", "items": [c.id]})
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "intro": f"{self.intro} {self.procedure}",
            "country": self.country,
            "rules": [self.legend(lang=lang), self.rule(lang=lang)],
            "sections": [
                *({"id": s.id, "title": s.title, "text": s.text} for s in self.sections),
                {"id": NOTES_SECTION, "title": _say(lang, "notes-title"), "text": ""},
            ],
            "items": items,
            "table": {"header": [_say(lang, "criterion"), *(lv.label for lv in self.levels)], "rows": rows},
        }

    def scoring_key(self, *, lang: str = DEFAULT) -> dict[str, object]:
        """The paper version's key in ``lang``: how to count, the outcome to tick, and where to revisit (no table)."""
        words = self._words(lang)
        counts = _say(lang, "paper-counts" if words["others"] else "paper-counts-all-critical", **words)
        numbers: dict[str, list[str]] = {}
        for c in self.criteria:
            for t in c.revisit:
                numbers.setdefault(t, []).append(str(c.number))
        targets = [
            _say(lang, "paper-target", title=t.title, numbers=", ".join(numbers[t.id])) for t in self.targets
        ]
        return {
            "title": _say(lang, "paper-key-title"),
            "header": [],
            "rows": [],
            "notes": [
                _say(lang, "paper-specialist"),
                counts,
                _say(lang, "paper-outcome", ready=_say(lang, "outcome-ready"), not_yet=_say(lang, "outcome-not-yet")),
                _say(lang, "paper-revisit", targets=_join(targets)),
            ],
        }

    # ----- scoring

    def _read(self, answers: Mapping[str, object], lang: str) -> dict[str, str]:
        check_answer_keys(answers, [*(c.id for c in self.criteria), NOTES_ID], lang)
        notes = answers.get(NOTES_ID)
        if notes is not None and not isinstance(notes, str):
            raise AnswerError(text(lang, "answers.expected-text", item=NOTES_ID, got=json_type(notes, lang)))
        offered = [lv.id for lv in self.levels]
        rated: dict[str, str] = {}
        for c in self.criteria:
            value = answers.get(c.id)
            if value is None:
                continue
            if not isinstance(value, str):
                raise AnswerError(_say(lang, "expected-level", item=c.id, got=json_type(value, lang)))
            if value not in offered:
                raise AnswerError(_say(lang, "level-not-offered", item=c.id, value=value, levels=", ".join(offered)))
            rated[c.id] = value
        return rated

    def _revisit(self, criteria: Sequence[Criterion]) -> list[Target]:
        seen: list[str] = []
        for c in criteria:
            seen.extend(t for t in c.revisit if t not in seen)
        return [t for t in self.targets if t.id in seen]

    def _item(self, c: Criterion, status: str, label: str, message: str, revisit: bool, lang: str) -> JSONObject:
        if revisit:
            message += " " + _say(lang, "message-revisit", targets=_join([t.title for t in self._revisit([c])]))
        return {"status": status, "label": label, "prompt": c.prompt, "message": message, "source": c.source}

    def score(self, answers: Mapping[str, object], *, lang: str = DEFAULT) -> JSONObject:
        """Apply the readiness rule to the levels chosen: outcome, what holds back, what to revisit (in ``lang``)."""
        rated = self._read(answers, lang)
        r = self.readiness
        words = self._words(lang)
        critical_bar, others_bar = self.rank(r.critical_level.id), self.rank(r.others_level.id)
        unrated = [c for c in self.criteria if c.id not in rated]
        critical_short = [c for c in self.critical() if c.id in rated and self.rank(rated[c.id]) < critical_bar]
        critical_met = sum(1 for c in self.critical() if c.id in rated and self.rank(rated[c.id]) >= critical_bar)
        below = [c for c in self.others() if c.id in rated and self.rank(rated[c.id]) < others_bar]
        others_met = sum(1 for c in self.others() if c.id in rated and self.rank(rated[c.id]) >= others_bar)
        share_ok = 100 * others_met >= r.others_percent * len(self.others())
        if unrated:
            outcome = INCOMPLETE
        elif critical_short or not share_ok:
            outcome = NOT_YET
        else:
            outcome = READY
        # Below the bar, a non-critical criterion holds the person back only once the share is known to fail.
        others_hold_back = outcome == NOT_YET and not share_ok
        held_back = [c for c in self.criteria if c in critical_short or (others_hold_back and c in below)]
        work_on = [c for c in below if c not in held_back]

        items: list[JSONObject] = []
        for c in self.criteria:
            if c.id not in rated:
                not_rated = _say(lang, "message-not-rated")
                items.append(self._item(c, "info", _say(lang, "label-not-rated"), not_rated, False, lang))
                continue
            rated_label = self.level(rated[c.id]).label
            if c in critical_short:
                message = _say(lang, "message-critical", rated=rated_label, needed=r.critical_level.label,
                               plus=words["critical_plus"])
                items.append(self._item(c, "warning", _say(lang, "label-holds-back-critical"), message, True, lang))
            elif c in below:
                message = _say(lang, "message-other", rated=rated_label, needed=r.others_level.label,
                               plus=words["level_plus"])
                held = c in held_back
                label = _say(lang, "label-holds-back" if held else "label-work-on")
                items.append(self._item(c, "warning" if held else "partial", label, message, True, lang))

        counts = _say(lang, "counts", critical_met=critical_met, **words)
        if words["others"]:
            counts += " " + _say(lang, "counts-others", **{**words, "met": others_met})
        label = _say(lang, f"outcome-{outcome}")
        if outcome == INCOMPLETE:
            summary = _say(lang, "summary-incomplete", outcome=label, unrated=len(unrated), total=len(self.criteria))
        else:
            summary = _say(lang, "summary-ready" if outcome == READY else "summary-not-yet", outcome=label,
                           counts=counts)
        revisit = self._revisit(held_back) if held_back else self._revisit(work_on)
        return {
            "exercise": self.id,
            "kind": self.kind,
            "outcome": outcome,
            "outcome_label": label,
            "ready": None if outcome == INCOMPLETE else outcome == READY,
            "summary": summary,
            "rule": self.rule(lang=lang),
            "critical": {"met": critical_met, "total": len(self.critical())},
            "others": {"met": others_met, "total": words["others"], "needed": words["needed"]},
            "unrated": len(unrated),
            "items": items,
            "revisit_title": _say(lang, "revisit-title-back" if held_back else "revisit-title-improve"),
            "revisit": [{"title": t.title, "href": t.href} for t in revisit],
            "record": {"outcome": outcome} if outcome in KEPT_OUTCOMES else None,
            "notes": [self.rule(lang=lang), _say(lang, "note-judgement"), _say(lang, "note-private")],
        }


# ----- parsing


def _parse_levels(table: Table) -> list[Level]:
    tables = table.tables("levels")
    unique_ids(tables, table)
    levels = []
    for t in tables:
        levels.append(Level(id=t.ident(), label=t.text("label"), text=t.text("text")))
        t.finish()
    if len(levels) < 2:
        raise table.error("levels", "a rubric needs at least two levels, lowest first")
    return levels


def _parse_targets(table: Table) -> list[Target]:
    tables = table.tables("revisit")
    unique_ids(tables, table)
    targets = []
    for t in tables:
        page = t.text("page")
        if not PAGE_PATTERN.match(page):
            raise t.error("page", f"{page!r} must be a Markdown page under docs/, such as 'modules/04-name.md'")
        anchor = t.text("anchor")
        if not ANCHOR_PATTERN.match(anchor):
            raise t.error("anchor", f"{anchor!r} must be a heading anchor such as 'the-seven-steps'")
        targets.append(Target(id=t.ident(), title=t.text("title"), page=page, anchor=anchor))
        t.finish()
    return targets


def _parse_readiness(table: Table, level_ids: list[str]) -> tuple[str, str, int]:
    t = table.table("readiness")
    critical = t.choice("critical_level", level_ids)
    others = t.choice("others_level", level_ids)
    percent = t.integer("others_percent")
    if not 1 <= percent <= 100:
        raise t.error("others_percent", "must be a whole percentage from 1 to 100")
    t.finish()
    return critical, others, percent


def parse(table: Table, common: Common) -> Observation:
    """Build an :class:`Observation` from its definition table; ``common`` holds the shared fields."""
    intro = table.text("intro")
    country = table.choice("country", COUNTRIES)
    procedure = table.text("procedure")
    levels = _parse_levels(table)
    level_ids = [lv.id for lv in levels]
    critical_level, others_level, percent = _parse_readiness(table, level_ids)
    section_tables = table.tables("sections")
    section_ids = unique_ids(section_tables, table)
    sections = []
    for t in section_tables:
        if t.ident() == NOTES_SECTION:
            raise t.error("id", f"{NOTES_SECTION!r} is reserved for the notes box; choose another section id")
        sections.append(Section(id=t.ident(), title=t.text("title"), text=t.opt_text("text")))
        t.finish()
    targets = _parse_targets(table)
    target_ids = [t.id for t in targets]
    criterion_tables = table.tables("criteria")
    unique_ids(criterion_tables, table)
    criteria = []
    for number, t in enumerate(criterion_tables, start=1):
        ident = t.ident()
        if ident == NOTES_ID:
            raise t.error("id", f"{NOTES_ID!r} is reserved for the notes box; choose another criterion id")
        revisit = t.texts("revisit")
        if not revisit:
            raise t.error("revisit", "must name at least one target, so that a result can say what to revisit")
        for key in revisit:
            if key not in target_ids:
                raise t.error("revisit", f"unknown revisit target {key!r} (targets: {', '.join(target_ids)})")
        if len(set(revisit)) != len(revisit):
            raise t.error("revisit", "lists a target more than once")
        criteria.append(
            Criterion(id=ident, number=number, section=t.choice("section", section_ids), prompt=t.text("prompt"),
                      hint=t.opt_text("hint"), critical=t.boolean("critical", False), source=t.text("source"),
                      revisit=tuple(revisit))
        )
        t.finish()
    for s in sections:
        if not any(c.section == s.id for c in criteria):
            raise table.error("sections", f"section {s.id!r} has no criteria")
    used = {key for c in criteria for key in c.revisit}
    for target in targets:
        if target.id not in used:
            raise table.error("revisit", f"target {target.id!r} is not used by any criterion")
    if not any(c.critical for c in criteria):
        raise table.error("criteria", "a rubric needs at least one critical criterion (critical = true)")
    table.finish()
    by_id = {lv.id: lv for lv in levels}
    return Observation(
        id=common.id,
        title=common.title,
        source=common.source,
        intro=intro,
        country=country,
        procedure=procedure,
        levels=tuple(levels),
        sections=tuple(sections),
        criteria=tuple(criteria),
        targets=tuple(targets),
        readiness=Readiness(by_id[critical_level], by_id[others_level], percent),
    )


# ----- the kept outcomes (bridge operation)


def outcome_rows(entries: object, lang: str = DEFAULT) -> JSONObject:
    """Label outcomes kept on the device (``[{"date", "outcome"}]``, oldest first) for display."""
    if not isinstance(entries, list):
        raise SelfcheckError(_say(lang, "bad-entries"))
    rows: list[JSONObject] = []
    for entry in entries:
        if not isinstance(entry, Mapping) or set(entry) != {"date", "outcome"}:
            raise SelfcheckError(_say(lang, "bad-entries"))
        date, outcome = entry["date"], entry["outcome"]
        if not isinstance(date, str) or not DATE_PATTERN.match(date) or outcome not in KEPT_OUTCOMES:
            raise SelfcheckError(_say(lang, "bad-entries"))
        try:
            datetime.date.fromisoformat(date)
        except ValueError:
            raise SelfcheckError(_say(lang, "bad-entries")) from None
        rows.append({"date": date, "outcome": outcome, "label": _say(lang, f"outcome-{outcome}")})
    summary = _say(lang, "history-some", count=len(rows)) if rows else _say(lang, "history-none")
    return {"summary": summary, "rows": rows}


def outcomes_operation(request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``observation-outcomes``: ``{"entries": [...], "lang"?}`` -> ``{"summary", "rows"}``."""
    return outcome_rows(request.get("entries"), language_of(request))


#: The page needs more than "score": the bridge adds this operation (this module never imports the bridge).
OPERATIONS: dict[str, Operation] = {"observation-outcomes": outcomes_operation}

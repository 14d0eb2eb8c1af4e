"""Personal prevention plans (kind ``plan``): pick actions, say when and with whom, set a check-in date.

The definition lists prevention strategies (guide §6), each with actions the
reader can pick and two free-text fields (when, with whom). Two date items
close the form: today's date and the date to check in again. The result is a
printable summary of the plan. Python checks the dates: a check-in must come
after today, one further away than the definition's ``months`` gets a gentle
warning, and without a check-in date it suggests today plus ``months``.

Free text is only echoed back into the result on the reader's own screen; the
site never stores it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ._base import Common, JSONObject
from ._choice import MULTIPLE, ChoiceItem, check_answer_keys, json_type, parse_options
from ._errors import AnswerError, AnswerProblem
from ._fields import Table, unique_ids
from ._locale import DEFAULT, has, text

KIND = "plan"

# Every sentence is in the locales (``plan.…``); a message names the field by its visible words.
# Dates stay ISO (YYYY-MM-DD): the page shows them in the reader's format.

#: Item ids of the two date fields.
TODAY = "today"
CHECKIN = "checkin"

#: The longest free-text answer accepted (characters).
MAX_TEXT = 500

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def add_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months; the day is clamped to the end of a shorter month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def _problem(item: str, message: str) -> AnswerError:
    return AnswerError(message, [AnswerProblem(item, message)])


def period(months: int, lang: str = DEFAULT) -> str:
    """A number of months in words: ``six months`` (in words up to twelve, then in figures)."""
    key = f"plan.period.{months}"
    return text(lang, key) if has(lang, key) else text(lang, "plan.period.many", months=months)


def read_date(answers: Mapping[str, object], item: str, field: str, lang: str = DEFAULT) -> date | None:
    """A ``YYYY-MM-DD`` answer as a date, None when absent; anything else is an :class:`AnswerError`.

    ``field`` is the field's visible words, which the message names.
    """
    value = answers.get(item)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        raise _problem(item, text(lang, "plan.bad-date", field=field))
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _problem(item, text(lang, "plan.bad-date", field=field)) from None


def read_text(answers: Mapping[str, object], item: str, section: str, field: str, lang: str = DEFAULT) -> str:
    """A free-text answer, stripped ('' when absent); a message names its section and field by their words."""
    value = answers.get(item)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise AnswerError(text(lang, "answers.expected-text", item=item, got=json_type(value, lang)))
    written = " ".join(value.split())
    if len(written) > MAX_TEXT:
        raise _problem(
            item, text(lang, "plan.too-long", section=section, field=field, limit=MAX_TEXT, length=len(written))
        )
    return written


@dataclass(frozen=True)
class Strategy:
    """A prevention strategy: its actions (a multiple-choice item) and where it comes from."""

    id: str
    title: str
    text: str
    source: str
    actions: ChoiceItem

    @property
    def when_id(self) -> str:
        """The item id of 'when'."""
        return f"{self.id}-when"

    @property
    def who_id(self) -> str:
        """The item id of 'with whom'."""
        return f"{self.id}-who"


@dataclass(frozen=True)
class Plan:
    """A personal prevention plan form."""

    id: str
    title: str
    source: str
    intro: str
    months: int
    when_prompt: str
    who_prompt: str
    today_prompt: str
    today_hint: str
    checkin_title: str
    checkin_text: str
    checkin_prompt: str
    checkin_hint: str
    strategies: tuple[Strategy, ...]
    notes: tuple[str, ...]
    kind: str = KIND

    def item_ids(self) -> list[str]:
        """Every item id, in published order."""
        ids: list[str] = []
        for s in self.strategies:
            ids.extend([s.actions.id, s.when_id, s.who_id])
        return [*ids, TODAY, CHECKIN]

    def describe(self, *, lang: str = DEFAULT) -> JSONObject:
        """One section per strategy (actions, when, with whom), then the check-in section (the definition's words)."""
        items: list[JSONObject] = []
        for s in self.strategies:
            items.append({**s.actions.describe(), "section": s.id})
            items.append({"id": s.when_id, "type": "text", "prompt": self.when_prompt, "section": s.id})
            items.append({"id": s.who_id, "type": "text", "prompt": self.who_prompt, "section": s.id})
        items.append(
            {"id": TODAY, "type": "date", "prompt": self.today_prompt, "hint": self.today_hint, "section": CHECKIN}
        )
        items.append(
            {
                "id": CHECKIN,
                "type": "date",
                "prompt": self.checkin_prompt,
                "hint": self.checkin_hint,
                "section": CHECKIN,
            }
        )
        sections = [{"id": s.id, "title": s.title, "text": s.text} for s in self.strategies]
        sections.append({"id": CHECKIN, "title": self.checkin_title, "text": self.checkin_text})
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "intro": self.intro,
            "sections": sections,
            "items": items,
        }

    def _checkin(self, answers: Mapping[str, object], lang: str) -> tuple[JSONObject, str, str | None, str | None]:
        """The check-in item of the result, a sentence for the summary, the date and the suggestion."""
        today = read_date(answers, TODAY, self.today_prompt, lang)
        checkin = read_date(answers, CHECKIN, self.checkin_prompt, lang)
        suggested = add_months(today, self.months) if today else None
        every = period(self.months, lang)
        item: JSONObject = {"id": CHECKIN, "label": text(lang, "plan.checkin-label"), "source": self.source}
        if checkin is not None and today is not None and checkin <= today:
            message = text(lang, "plan.early-checkin", field=self.checkin_prompt, today=today.isoformat())
            raise _problem(CHECKIN, message)
        if checkin is not None:
            sentence = text(lang, "plan.checkin", date=checkin.isoformat())
            if suggested is not None and checkin > suggested:
                item.update(status="warning", message=text(
                    lang, "plan.checkin-far", date=checkin.isoformat(), period=every, suggested=suggested.isoformat()
                ))
            else:
                item.update(status="info", message=sentence)
            return item, sentence, checkin.isoformat(), suggested.isoformat() if suggested else None
        if suggested is not None:
            sentence = text(lang, "plan.no-checkin-suggested", suggested=suggested.isoformat(), period=every)
            item.update(status="warning", message=text(
                lang, "plan.no-checkin-suggested-item", suggested=suggested.isoformat(), period=every
            ))
            return item, sentence, None, suggested.isoformat()
        sentence = text(lang, "plan.no-checkin", period=every)
        item.update(status="warning", message=text(lang, "plan.no-checkin-item", period=every))
        return item, sentence, None, None

    def score(self, answers: Mapping[str, object], *, lang: str = DEFAULT) -> JSONObject:
        """The plan as a printable summary in ``lang``: chosen actions with when and with whom, and the check-in."""
        check_answer_keys(answers, self.item_ids(), lang)
        items: list[JSONObject] = []
        plan: list[JSONObject] = []
        total = 0
        for s in self.strategies:
            chosen = s.actions.read_answer(answers, lang) or []
            when = read_text(answers, s.when_id, s.title, self.when_prompt, lang)
            who = read_text(answers, s.who_id, s.title, self.who_prompt, lang)
            if not chosen and not (when or who):
                continue
            labels = [o.label for o in s.actions.options if o.id in chosen]
            total += len(labels)
            parts = [text(lang, "plan.actions", actions="; ".join(labels)) if labels else text(lang, "plan.no-action")]
            parts.append(text(lang, "plan.when", when=when) if when else text(lang, "plan.when-open"))
            parts.append(text(lang, "plan.who", who=who) if who else text(lang, "plan.who-open"))
            status = "info" if labels else "warning"
            if not labels:
                parts.append(text(lang, "plan.pick-here"))
            items.append(
                {"id": s.id, "status": status, "label": s.title, "message": " ".join(parts), "source": s.source}
            )
            plan.append({"id": s.id, "title": s.title, "actions": labels, "when": when, "with": who})
        if total == 0:
            raise _problem(self.strategies[0].actions.id, text(lang, "plan.no-action-at-all"))
        checkin_item, checkin_sentence, checkin, suggested = self._checkin(answers, lang)
        items.append(checkin_item)
        chosen_strategies = sum(1 for p in plan if p["actions"])
        actions = text(lang, "plan.count-actions-one" if total == 1 else "plan.count-actions", count=total)
        areas = text(lang, "plan.count-areas-one" if chosen_strategies == 1 else "plan.count-areas",
                     count=chosen_strategies)
        return {
            "exercise": self.id,
            "kind": self.kind,
            "summary": text(lang, "plan.summary", actions=actions, areas=areas, checkin=checkin_sentence),
            "items": items,
            "plan": plan,
            "actions": total,
            "checkin": checkin,
            "suggested_checkin": suggested,
            "notes": list(self.notes),
        }


def parse(table: Table, common: Common) -> Plan:
    """Build a :class:`Plan` from its definition table; ``common`` holds the shared fields."""
    intro = table.text("intro")
    months = table.integer("months", 6)
    if not 1 <= months <= 24:
        raise table.error("months", "must be between 1 and 24")
    texts = {
        name: table.text(name)
        for name in (
            "when_prompt",
            "who_prompt",
            "today_prompt",
            "today_hint",
            "checkin_title",
            "checkin_text",
            "checkin_prompt",
            "checkin_hint",
        )
    }
    notes = table.texts("notes")
    strategy_tables = table.tables("strategies")
    unique_ids(strategy_tables, table)
    strategies = []
    for t in strategy_tables:
        ident = t.ident()
        if ident in (TODAY, CHECKIN):
            raise t.error("id", f"{ident!r} is reserved for the check-in section")
        actions = ChoiceItem(id=f"{ident}-actions", type=MULTIPLE, prompt=t.text("prompt"), options=parse_options(t))
        if not actions.options:
            raise t.error("options", "a strategy needs at least one action")
        strategies.append(
            Strategy(id=ident, title=t.text("title"), text=t.text("text"), source=t.text("source"), actions=actions)
        )
        t.finish()
    table.finish()
    return Plan(
        id=common.id,
        title=common.title,
        source=common.source,
        intro=intro,
        months=months,
        strategies=tuple(strategies),
        notes=tuple(notes),
        **texts,
    )

"""Access to social services (kind ``timeline``): the SOP's steps, with the dates they imply.

The steps are ticked as in a plain checklist. From the date of the initial
contact with the licensed provider, ``score()`` works out when the individual
needs assessment is due (the SOP says "within 20 days" and does not say working
days, so the days are counted as **calendar days**; the definition sets the
number). From the date the social service agreement is signed and the term
chosen (short, medium or long), it works out when the service ends, and warns
when the term is longer than the SOP's usual maximum for survivors of
trafficking. An optional "date of this check" gives the days left or overdue.

The definition must declare the fields ``initial-contact`` (date),
``agreement-date`` (date) and ``check-date`` (date); the term field
``service-term`` is made from its ``[[terms]]`` tables.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from ._base import Common, JSONObject
from ._checklist import Body, Field, check_unique, field_of_type, parse_body, tick_summary
from ._fields import Table, unique_ids
from ._locale import DEFAULT, text

KIND = "timeline"

START = "initial-contact"
AGREEMENT = "agreement-date"
TODAY = "check-date"
TERM = "service-term"
ASSESSMENT_ITEM = "individual-assessment"


@dataclass(frozen=True)
class Term:
    """A service term the agreement can set, such as short-term (up to six months)."""

    id: str
    label: str
    months: int


def add_months(start: datetime.date, months: int) -> datetime.date:
    """``start`` plus whole calendar months; a day past the month's end becomes its last day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def day_in_words(date: datetime.date, lang: str = DEFAULT) -> str:
    """A date as a reader writes it in ``lang``: ``5 March 2026`` (month names from the locale)."""
    month = text(lang, f"dates.month-{date.month}")
    return text(lang, "dates.day", day=date.day, month=month, year=date.year)


@dataclass(frozen=True)
class Timeline:
    """The access-to-social-services checklist and its deadlines."""

    id: str
    title: str
    source: str
    body: Body
    assessment_days: int
    terms: tuple[Term, ...]
    max_months: int
    max_note: str
    kind: str = KIND

    def describe(self, *, lang: str = DEFAULT) -> JSONObject:
        """Fields first, then the steps by section (the definition's words)."""
        return self.body.describe(Common(self.id, self.title, self.source), self.kind)

    def term(self, ident: str) -> Term:
        """The term with this id (checked when answers are read)."""
        return next(t for t in self.terms if t.id == ident)

    def due_date(self, initial_contact: datetime.date) -> datetime.date:
        """When the individual needs assessment is due: calendar days after the initial contact."""
        return initial_contact + datetime.timedelta(days=self.assessment_days)

    def score(self, answers: Mapping[str, object], *, lang: str = DEFAULT) -> JSONObject:
        """Ticks per section, plus the assessment due date and the service end date when dates are given."""
        ticked, values = self.body.read(answers, lang)
        items, still_open = self.body.progress(ticked, self.source, lang)
        dates: list[JSONObject] = []
        result: JSONObject = {"exercise": self.id, "kind": self.kind}
        start = values.get(START)
        today = values.get(TODAY)
        sentences = [tick_summary(len(ticked), len(self.body.checks), lang)]
        if isinstance(start, datetime.date):
            due = self.due_date(start)
            result["assessment_due"] = due.isoformat()
            message = text(lang, "timeline.due", due=day_in_words(due, lang), days=self.assessment_days,
                           start=day_in_words(start, lang))
            status = "info"
            done = ASSESSMENT_ITEM in ticked
            if isinstance(today, datetime.date):
                left = (due - today).days
                result["days_left"] = left
                on = day_in_words(today, lang)
                if done:
                    message += " " + text(lang, "timeline.done")
                    status = "correct"
                elif left < 0:
                    message += " " + text(lang, "timeline.overdue", today=on, days=-left)
                    status = "warning"
                else:
                    message += " " + text(lang, "timeline.left", today=on, days=left)
            dates.append({"id": "assessment-due", "status": status, "label": text(lang, "timeline.due-label"),
                          "message": message, "source": self.source})
            sentences.append(text(lang, "timeline.due-summary", due=day_in_words(due, lang)))
        else:
            sentences.append(text(lang, "timeline.no-start"))
        agreement = values.get(AGREEMENT)
        chosen = values.get(TERM)
        end_label = text(lang, "timeline.end-label")
        if isinstance(agreement, datetime.date) and isinstance(chosen, str):
            term = self.term(chosen)
            end = add_months(agreement, term.months)
            result["service_end"] = end.isoformat()
            message = text(lang, "timeline.end", term=term.label, start=day_in_words(agreement, lang),
                           end=day_in_words(end, lang))
            status = "info"
            if term.months > self.max_months:
                message += " " + self.max_note
                status = "warning"
            dates.append({"id": "service-end", "status": status, "label": end_label,
                          "message": message, "source": self.source})
        elif isinstance(agreement, datetime.date) or isinstance(chosen, str):
            dates.append({"id": "service-end", "status": "info", "label": end_label,
                          "message": text(lang, "timeline.end-needs-both"), "source": self.source})
        result.update(
            {
                "summary": " ".join(sentences),
                "open": still_open,
                "complete": not still_open,
                "items": dates + items,
                "notes": list(self.body.notes),
            }
        )
        return result


def parse(table: Table, common: Common) -> Timeline:
    """Build a :class:`Timeline` from its definition table; ``common`` holds the shared fields."""
    days = table.integer("assessment_days")
    if days < 1:
        raise table.error("assessment_days", "must be at least 1")
    max_months = table.integer("max_months")
    max_note = table.text("max_note")
    term_prompt = table.text("term_prompt")
    term_tables = table.tables("terms")
    unique_ids(term_tables, table)
    terms = []
    for t in term_tables:
        months = t.integer("months")
        if months < 1:
            raise t.error("months", "must be at least 1")
        terms.append(Term(id=t.ident(), label=t.text("label"), months=months))
        t.finish()
    body = parse_body(table)
    for ident in (START, AGREEMENT, TODAY):
        field_of_type(body, table, ident, "date")
    if not any(c.id == ASSESSMENT_ITEM for c in body.checks):
        raise table.error("items", f"this kind needs an item with id {ASSESSMENT_ITEM!r}")
    term_field = Field(id=TERM, type="single", prompt=term_prompt, hint="", section="",
                       options=tuple((t.id, t.label) for t in terms))
    body = Body(intro=body.intro, sections=body.sections, checks=body.checks, fields=(*body.fields, term_field),
                notes=body.notes)
    check_unique(body, table)
    table.finish()
    return Timeline(id=common.id, title=common.title, source=common.source, body=body, assessment_days=days,
                    terms=tuple(terms), max_months=max_months, max_note=max_note)

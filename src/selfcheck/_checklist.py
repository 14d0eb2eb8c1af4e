"""Procedure checklists (kind ``checklist``): tick what is done, see what is still open.

A checklist has sections of ``check`` items, plus optional fields (a case
reference, a date, notes) that exist only on the page and on paper: they are
accepted in the answers so a form can be sent whole, but never echoed back and
never stored by the site. ``score()`` says, per section, what is ticked and
what is still open. It is a working aid, not a test: nothing is right or wrong.

The parsing helpers here (:class:`Body`, :func:`parse_body`) are shared by the
checklist kinds that add logic (support plan, timeline, health insurance).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from ._base import Common, JSONObject
from ._choice import check_answer_keys, json_type
from ._errors import AnswerError, AnswerProblem
from ._fields import Table, unique_ids
from ._locale import DEFAULT, text

KIND = "checklist"

#: Field types a checklist may carry next to its tick boxes.
FIELD_TYPES = ("text", "date", "number", "single")


@dataclass(frozen=True)
class Section:
    """A group of items, such as one stage of a procedure."""

    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Check:
    """One thing to tick."""

    id: str
    section: str
    prompt: str
    hint: str


@dataclass(frozen=True)
class Field:
    """A field that is not a tick: free text, a date, a number or one choice among options."""

    id: str
    type: str
    prompt: str
    hint: str
    section: str
    options: tuple[tuple[str, str], ...] = ()

    def describe(self) -> JSONObject:
        """The field as a ``describe()`` item."""
        out: JSONObject = {"id": self.id, "type": self.type, "prompt": self.prompt}
        if self.options:
            out["options"] = [{"id": k, "label": v} for k, v in self.options]
        if self.hint:
            out["hint"] = self.hint
        if self.section:
            out["section"] = self.section
        return out


@dataclass(frozen=True)
class Body:
    """Sections, check items and fields: the common shape of every checklist kind."""

    intro: str
    sections: tuple[Section, ...]
    checks: tuple[Check, ...]
    fields: tuple[Field, ...]
    notes: tuple[str, ...]

    def item_ids(self) -> list[str]:
        """Every answerable id: fields first, then checks."""
        return [f.id for f in self.fields] + [c.id for c in self.checks]

    def field(self, ident: str) -> Field:
        """The field with this id (ids are checked when parsing)."""
        return next(f for f in self.fields if f.id == ident)

    def section_checks(self, section_id: str) -> list[Check]:
        """The check items of one section, in published order."""
        return [c for c in self.checks if c.section == section_id]

    def describe(self, common: Common, kind: str) -> JSONObject:
        """The ``describe()`` object: loose fields first, then each section's checks and fields."""
        items: list[JSONObject] = [f.describe() for f in self.fields if not f.section]
        for section in self.sections:
            for c in self.section_checks(section.id):
                item: JSONObject = {"id": c.id, "type": "check", "prompt": c.prompt, "section": c.section}
                if c.hint:
                    item["hint"] = c.hint
                items.append(item)
            items.extend(f.describe() for f in self.fields if f.section == section.id)
        return {
            "id": common.id,
            "kind": kind,
            "title": common.title,
            "source": common.source,
            "intro": self.intro,
            "sections": [{"id": s.id, "title": s.title, "text": s.text} for s in self.sections],
            "items": items,
        }

    def read(self, answers: Mapping[str, object], lang: str) -> tuple[set[str], dict[str, object]]:
        """Validate ``answers``: the ticked check ids, and the field values given (by field id)."""
        check_answer_keys(answers, self.item_ids(), lang)
        ticked: set[str] = set()
        for c in self.checks:
            value = answers.get(c.id)
            if value is None:
                continue
            if not isinstance(value, bool):
                raise AnswerError(text(lang, "answers.expected-bool", item=c.id, got=json_type(value, lang)))
            if value:
                ticked.add(c.id)
        values: dict[str, object] = {}
        for f in self.fields:
            value = answers.get(f.id)
            if value is None:
                continue
            values[f.id] = _read_field(f, value, lang)
        return ticked, values

    def progress(
        self, ticked: set[str], source: str, lang: str, skip: frozenset[str] = frozenset()
    ) -> tuple[list[JSONObject], list[str]]:
        """Per-section feedback items and the ids still open, in published order (sections in ``skip`` left out)."""
        items: list[JSONObject] = []
        still_open: list[str] = []
        for section in self.sections:
            if section.id in skip:
                continue
            checks = self.section_checks(section.id)
            if not checks:
                continue
            done = [c for c in checks if c.id in ticked]
            missing = [c for c in checks if c.id not in ticked]
            still_open.extend(c.id for c in missing)
            if not missing:
                status, message = "correct", text(lang, "checklist.part-done")
            elif done:
                still = "; ".join(c.prompt for c in missing)
                status, message = "partial", text(lang, "checklist.part-open", items=still)
            else:
                status, message = "info", text(lang, "checklist.part-untouched")
            items.append(
                {
                    "id": section.id,
                    "status": status,
                    "label": text(lang, "checklist.part-label", title=section.title, done=len(done), total=len(checks)),
                    "message": message,
                    "ticked": [c.id for c in done],
                    "open": [c.id for c in missing],
                    "source": source,
                }
            )
        return items, still_open


def _read_field(f: Field, value: object, lang: str) -> object:
    if f.type == "text":
        if not isinstance(value, str):
            raise AnswerError(text(lang, "answers.expected-text", item=f.id, got=json_type(value, lang)))
        return value
    if f.type == "date":
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                message = text(lang, "checklist.bad-date", field=f.prompt)
                raise AnswerError(message, [AnswerProblem(f.id, message)]) from None
        return read_date(f.id, value, lang)
    if f.type == "number":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise AnswerError(text(lang, "answers.expected-number", item=f.id, got=json_type(value, lang)))
        return value
    if not isinstance(value, str):
        raise AnswerError(text(lang, "answers.expected-option", item=f.id, got=json_type(value, lang)))
    offered = [k for k, _ in f.options]
    if value not in offered:
        raise AnswerError(text(lang, "answers.not-offered", item=f.id, option=value, offered=", ".join(offered)))
    return value


def read_date(ident: str, value: object, lang: str = DEFAULT) -> datetime.date:
    """A ``YYYY-MM-DD`` answer as a date, or :class:`AnswerError` (in ``lang``)."""
    if not isinstance(value, str):
        raise AnswerError(text(lang, "answers.expected-date", item=ident, got=json_type(value, lang)))
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise AnswerError(text(lang, "answers.not-a-date", item=ident, value=value)) from None


def tick_summary(ticked: int, total: int, lang: str = DEFAULT) -> str:
    """One sentence on overall progress, in ``lang``."""
    if total and ticked == total:
        return text(lang, "checklist.all-ticked", total=total)
    if ticked == 0:
        return text(lang, "checklist.none-ticked", total=total)
    return text(lang, "checklist.some-ticked", ticked=ticked, total=total, open=total - ticked)


def parse_body(table: Table, items_required: bool = True) -> Body:
    """Read ``intro``, ``notes``, ``sections``, ``fields`` and ``items`` from a checklist table."""
    intro = table.opt_text("intro")
    notes = table.texts("notes", required=False)
    section_tables = table.tables("sections")
    section_ids = unique_ids(section_tables, table)
    sections = []
    for t in section_tables:
        sections.append(Section(id=t.ident(), title=t.text("title"), text=t.opt_text("text")))
        t.finish()
    fields = []
    field_tables = table.tables("fields", required=False)
    unique_ids(field_tables, table)
    for t in field_tables:
        kind = t.choice("type", FIELD_TYPES)
        options: list[tuple[str, str]] = []
        if kind == "single":
            option_tables = t.tables("options")
            unique_ids(option_tables, t)
            for o in option_tables:
                options.append((o.ident(), o.text("label")))
                o.finish()
        section = t.opt_text("section")
        if section and section not in section_ids:
            raise t.error("section", f"unknown section {section!r} (sections: {', '.join(section_ids)})")
        fields.append(Field(id=t.ident(), type=kind, prompt=t.text("prompt"), hint=t.opt_text("hint"),
                            section=section, options=tuple(options)))
        t.finish()
    check_tables = table.tables("items", required=items_required)
    unique_ids(check_tables, table)
    checks = []
    for t in check_tables:
        t.choice("type", ["check"], "check")
        checks.append(Check(id=t.ident(), section=t.choice("section", section_ids), prompt=t.text("prompt"),
                            hint=t.opt_text("hint")))
        t.finish()
    body = Body(intro=intro, sections=tuple(sections), checks=tuple(checks), fields=tuple(fields),
                notes=tuple(notes))
    check_unique(body, table)
    return body


def check_unique(body: Body, table: Table) -> None:
    """Fields, check items and sections share one id space: fail on the first id used twice."""
    seen: set[str] = set()
    for ident in [*body.item_ids(), *(s.id for s in body.sections)]:
        if ident in seen:
            raise table.error("items", f"id {ident!r} is used twice (fields, items and sections share one id space)")
        seen.add(ident)


def field_of_type(body: Body, table: Table, ident: str, kind: str) -> Field:
    """The field ``ident``, which a kind's logic needs, with type ``kind`` (else a definition error)."""
    for f in body.fields:
        if f.id == ident:
            if f.type != kind:
                raise table.error("fields", f"field {ident!r} must have type {kind!r} (got {f.type!r})")
            return f
    raise table.error("fields", f"this kind needs a field with id {ident!r} and type {kind!r}")


@dataclass(frozen=True)
class Checklist:
    """A procedure checklist: ticks by section, plus page-only fields."""

    id: str
    title: str
    source: str
    body: Body
    kind: str = KIND

    def describe(self, *, lang: str = DEFAULT) -> JSONObject:
        """Fields first, then every check item under its section (all of it the definition's words)."""
        return self.body.describe(Common(self.id, self.title, self.source), self.kind)

    def score(self, answers: Mapping[str, object], *, lang: str = DEFAULT) -> JSONObject:
        """What is ticked and what is still open, per section, in ``lang``. Field values are checked, never echoed."""
        ticked, _values = self.body.read(answers, lang)
        items, still_open = self.body.progress(ticked, self.source, lang)
        total = len(self.body.checks)
        return {
            "exercise": self.id,
            "kind": self.kind,
            "summary": tick_summary(len(ticked), total, lang),
            "ticked": len(ticked),
            "total": total,
            "open": still_open,
            "complete": not still_open,
            "items": items,
            "notes": list(self.body.notes),
        }


def parse(table: Table, common: Common) -> Checklist:
    """Build a :class:`Checklist` from its definition table; ``common`` holds the shared fields."""
    body = parse_body(table)
    for section in body.sections:
        if not body.section_checks(section.id):
            raise table.error("sections", f"section {section.id!r} has no items")
    table.finish()
    return Checklist(id=common.id, title=common.title, source=common.source, body=body)

"""Support plan (kind ``support-plan``): the guide's table of needs, as a fillable form.

Each need listed in the definition becomes a part of the form: a tick box
("part of this plan") and three fields: the provider or responsible person,
the duration, and how the service is monitored and evaluated (guide §5.4).
``score()`` checks completeness: every ticked need must have all three filled
in. Free text is checked for presence only; it is never echoed back, and the
site never stores it. Extra sections and items (such as agreeing how the
specialists communicate) work as in a plain checklist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ._base import Common, JSONObject
from ._checklist import Body, Check, Field, Section, check_unique, parse_body, tick_summary
from ._fields import Table, unique_ids
from ._locale import DEFAULT, text

KIND = "support-plan"

#: The three things every chosen need must have (field suffixes; ``support-plan.missing.<part>`` says what is missing).
PARTS = ("provider", "duration", "monitoring")


@dataclass(frozen=True)
class Need:
    """One row of the plan, such as housing or legal assistance."""

    id: str
    label: str
    hint: str

    @property
    def chosen_id(self) -> str:
        """The id of the tick box saying this need is part of the plan."""
        return f"{self.id}-chosen"

    def field_id(self, part: str) -> str:
        """The id of one of the need's three fields."""
        return f"{self.id}-{part}"


@dataclass(frozen=True)
class SupportPlan:
    """The support plan form and its completeness check."""

    id: str
    title: str
    source: str
    body: Body
    needs: tuple[Need, ...]
    column_titles: tuple[str, str, str]
    kind: str = KIND

    def describe(self, *, lang: str = DEFAULT) -> JSONObject:
        """One section per need (tick + three fields), then the extra sections; a ``table`` layout for paper."""
        out = self.body.describe(Common(self.id, self.title, self.source), self.kind)
        out["table"] = {
            "header": [text(lang, "support-plan.col-need"), text(lang, "support-plan.col-chosen"), *self.column_titles],
            "rows": [
                {"label": n.label, "items": [n.chosen_id, *(n.field_id(p) for p in PARTS)]} for n in self.needs
            ],
        }
        return out

    def score(self, answers: Mapping[str, object], *, lang: str = DEFAULT) -> JSONObject:
        """Per ticked need: complete, or what is missing (in ``lang``). Details without a tick are flagged."""
        ticked, values = self.body.read(answers, lang)

        def filled(ident: str) -> bool:
            value = values.get(ident)
            return isinstance(value, str) and bool(value.strip())

        items: list[JSONObject] = []
        chosen = complete = 0
        stray = 0
        for need in self.needs:
            has = [filled(need.field_id(p)) for p in PARTS]
            if need.chosen_id in ticked:
                chosen += 1
                missing = [text(lang, f"support-plan.missing.{p}") for p, ok in zip(PARTS, has, strict=True) if not ok]
                if missing:
                    status, label = "incorrect", text(lang, "support-plan.incomplete-label", need=need.label)
                    message = text(lang, "support-plan.incomplete", missing="; ".join(missing))
                else:
                    complete += 1
                    status, label = "correct", text(lang, "support-plan.complete-label", need=need.label)
                    message = text(lang, "support-plan.complete")
            elif any(has):
                stray += 1
                status, label = "warning", text(lang, "support-plan.unticked-label", need=need.label)
                message = text(lang, "support-plan.unticked")
            else:
                continue
            items.append({"id": need.id, "status": status, "label": label, "message": message,
                          "source": self.source})
        extra_items, extra_open = self.body.progress(ticked, self.source, lang, frozenset(n.id for n in self.needs))
        if chosen == 0:
            summary = text(lang, "support-plan.summary-none")
        elif complete == chosen and not stray:
            key = "support-plan.summary-complete-one" if chosen == 1 else "support-plan.summary-complete"
            summary = text(lang, key, chosen=chosen)
        else:
            key = "support-plan.summary-incomplete-one" if chosen == 1 else "support-plan.summary-incomplete"
            summary = text(lang, key, chosen=chosen, complete=complete, missing=chosen - complete)
            if stray:
                summary += " " + text(lang, "support-plan.summary-unticked", stray=stray)
        extra_ticks = len(ticked) - chosen
        extra_total = len(self.body.checks) - len(self.needs)
        if extra_total:
            others = tick_summary(extra_ticks, extra_total, lang)
            summary += " " + text(lang, "support-plan.summary-other", ticks=others)
        return {
            "exercise": self.id,
            "kind": self.kind,
            "summary": summary,
            "chosen": chosen,
            "complete_needs": complete,
            "incomplete_needs": chosen - complete,
            "unticked_with_details": stray,
            "open": extra_open,
            "complete": chosen > 0 and complete == chosen and not stray and not extra_open,
            "items": items + extra_items,
            "notes": list(self.body.notes),
        }


def parse(table: Table, common: Common) -> SupportPlan:
    """Build a :class:`SupportPlan` from its definition table; ``common`` holds the shared fields."""
    columns = table.texts("columns")
    if len(columns) != len(PARTS):
        raise table.error("columns", f"must list exactly {len(PARTS)} column titles (provider, duration, monitoring)")
    chosen_prompt = table.text("chosen_prompt")
    need_tables = table.tables("needs")
    unique_ids(need_tables, table)
    needs = []
    for t in need_tables:
        needs.append(Need(id=t.ident(), label=t.text("label"), hint=t.opt_text("hint")))
        t.finish()
    extra = parse_body(table, items_required=False)
    sections = [Section(n.id, n.label, n.hint) for n in needs]
    checks = [Check(n.chosen_id, n.id, chosen_prompt, "") for n in needs]
    fields = [
        Field(id=n.field_id(part), type="text", prompt=title, hint="", section=n.id)
        for n in needs
        for part, title in zip(PARTS, columns, strict=True)
    ]
    body = Body(
        intro=extra.intro,
        sections=(*sections, *extra.sections),
        checks=(*checks, *extra.checks),
        fields=(*extra.fields, *fields),
        notes=extra.notes,
    )
    check_unique(body, table)
    table.finish()
    return SupportPlan(id=common.id, title=common.title, source=common.source, body=body, needs=tuple(needs),
                       column_titles=(columns[0], columns[1], columns[2]))

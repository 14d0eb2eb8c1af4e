"""Renewing health-insurance status (kind ``insurance-route``): which route applies (SOP step 8).

The SOP (step 8) gives one rule: after more than ``abroad_days`` days outside
the country, or contributions unpaid for another reason, status is renewed
after ``insured_months`` consecutive months insured or a lump-sum payment of
``lump_sum`` monthly contributions. Bulgaria's Health Insurance Act keeps that
route for people who applied to the National Revenue Agency (NRA) to be exempt
from contributions while abroad (art. 40a); contributions simply left unpaid
interrupt a person's rights, which come back only once the contributions due for
past years are paid (art. 109). So the SOP's route is given only when the person
was abroad for more than ``abroad_days`` days, applied for the exemption and has
no other unpaid contributions; any other gap sends the reader to the NRA first,
without quoting a period or a sum.

If the person meets the conditions for social benefits under the Social
Assistance Act, contributions are covered by the state budget after an
application to the Social Assistance Directorate at the current address. The
numbers come from the definition.

The definition must declare the fields ``days-abroad`` (number),
``exempted`` (single: yes/no/unsure), ``unpaid-other`` (single: yes/no) and
``benefits`` (single: yes/no/unsure).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ._base import Common, JSONObject
from ._checklist import Body, field_of_type, parse_body, tick_summary
from ._errors import AnswerError, AnswerProblem
from ._fields import Table
from ._locale import DEFAULT, text

KIND = "insurance-route"

ABROAD = "days-abroad"
EXEMPTED = "exempted"
UNPAID = "unpaid-other"
BENEFITS = "benefits"

ROUTES = ("budget", "renewal", "ask-nra", "check-benefits", "no-gap", "unknown")


@dataclass(frozen=True)
class InsuranceRoute:
    """The health-insurance checklist and its route finder."""

    id: str
    title: str
    source: str
    body: Body
    abroad_days: int
    insured_months: int
    lump_sum: int
    kind: str = KIND

    def describe(self, *, lang: str = DEFAULT) -> JSONObject:
        """The questions and the steps, as a checklist (the definition's words)."""
        return self.body.describe(Common(self.id, self.title, self.source), self.kind)

    def _numbers(self) -> dict[str, int]:
        """The definition's numbers, as every route's wording uses them."""
        return {"days": self.abroad_days, "months": self.insured_months, "lump_sum": self.lump_sum}

    def route(self, values: Mapping[str, object], lang: str = DEFAULT) -> tuple[str, str]:
        """The route id and its explanation in ``lang``, from the answers to the questions."""
        days = values.get(ABROAD)
        if isinstance(days, (int, float)) and days < 0:
            prompt = next(f.prompt for f in self.body.fields if f.id == ABROAD)
            message = text(lang, "checklist.negative", field=prompt)
            raise AnswerError(message, [AnswerProblem(ABROAD, message)])
        unpaid = values.get(UNPAID)
        exempted = values.get(EXEMPTED)
        benefits = values.get(BENEFITS)
        long_abroad = isinstance(days, (int, float)) and days > self.abroad_days
        gap: bool | None
        if long_abroad or unpaid == "yes":
            gap = True
        elif days is not None and unpaid == "no":
            gap = False
        else:
            gap = None
        # The SOP's route holds only for an exemption applied for while abroad (Health Insurance Act, art. 40a).
        sop_route = long_abroad and exempted == "yes" and unpaid != "yes"
        numbers = self._numbers()
        renewal = text(lang, "insurance.renewal", **numbers)
        ask_nra = text(lang, "insurance.ask-nra", **numbers)
        budget = text(lang, "insurance.budget")
        if benefits == "yes":
            return "budget", budget
        if gap is True and benefits == "no":
            return ("renewal", renewal) if sop_route else ("ask-nra", ask_nra)
        if gap is True:
            return "check-benefits", text(lang, "insurance.check-benefits", budget=budget,
                                          if_not=renewal if sop_route else ask_nra)
        if gap is False:
            return "no-gap", text(lang, "insurance.no-gap", **numbers)
        return "unknown", text(lang, "insurance.unknown", **numbers)

    def score(self, answers: Mapping[str, object], *, lang: str = DEFAULT) -> JSONObject:
        """The route that applies, plus the ticked and open steps, in ``lang``."""
        ticked, values = self.body.read(answers, lang)
        route, message = self.route(values, lang)
        items, still_open = self.body.progress(ticked, self.source, lang)
        status = "warning" if route in ("unknown", "check-benefits", "ask-nra") else "info"
        label = text(lang, f"insurance.label.{route}", **self._numbers())
        return {
            "exercise": self.id,
            "kind": self.kind,
            "route": route,
            "summary": f"{label}. {tick_summary(len(ticked), len(self.body.checks), lang)}",
            "open": still_open,
            "complete": not still_open,
            "items": [{"id": "route", "status": status, "label": label, "message": message,
                       "source": self.source}, *items],
            "notes": list(self.body.notes),
        }


def parse(table: Table, common: Common) -> InsuranceRoute:
    """Build an :class:`InsuranceRoute` from its definition table; ``common`` holds the shared fields."""
    abroad_days = table.integer("abroad_days")
    insured_months = table.integer("insured_months")
    lump_sum = table.integer("lump_sum")
    for name, value in (("abroad_days", abroad_days), ("insured_months", insured_months), ("lump_sum", lump_sum)):
        if value < 1:
            raise table.error(name, "must be at least 1")
    body = parse_body(table)
    field_of_type(body, table, ABROAD, "number")
    for ident, options in ((EXEMPTED, {"yes", "no", "unsure"}), (UNPAID, {"yes", "no"}),
                           (BENEFITS, {"yes", "no", "unsure"})):
        offered = {k for k, _ in field_of_type(body, table, ident, "single").options}
        if offered != options:
            raise table.error("fields", f"field {ident!r} must offer exactly the options {', '.join(sorted(options))}")
    table.finish()
    return InsuranceRoute(id=common.id, title=common.title, source=common.source, body=body,
                          abroad_days=abroad_days, insured_months=insured_months, lump_sum=lump_sum)

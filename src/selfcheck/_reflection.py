"""Reflection checklists (kind ``reflection``): tick the signs you notice, grouped by domain.

Not a validated instrument and not scored as one: the result counts the ticked
signs per domain, points to the prevention strategies the definition links to
each domain, and, when the total reaches the definition's ``talk_threshold``,
adds the definition's suggestion to talk to someone. Every word shown comes
from the definition or from the locales (``reflection.…``); ticking nothing is a valid answer with its
own message. Like the CBI, a result says where to get help (``help``), first when a
sign the definition lists in ``distress`` is ticked, and names its sources once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ._base import Common, JSONObject
from ._choice import check_answer_keys, json_type
from ._errors import AnswerError
from ._fields import Help, Table, read_help, unique_ids
from ._locale import DEFAULT, text

KIND = "reflection"


@dataclass(frozen=True)
class Strategy:
    """A prevention strategy a domain can point to."""

    id: str
    title: str
    text: str
    source: str


@dataclass(frozen=True)
class Domain:
    """A group of signs (physical, emotional, ...) and the strategies it points to."""

    id: str
    title: str
    text: str
    threshold: int
    strategies: tuple[str, ...]


@dataclass(frozen=True)
class Sign:
    """One sign the reader may notice in themselves (a ``check`` item)."""

    id: str
    domain: str
    prompt: str
    hint: str


@dataclass(frozen=True)
class Reflection:
    """A reflection checklist of signs grouped into domains."""

    id: str
    title: str
    source: str
    intro: str
    talk_threshold: int
    talk_message: str
    some_message: str
    none_message: str
    domains: tuple[Domain, ...]
    signs: tuple[Sign, ...]
    strategies: tuple[Strategy, ...]
    notes: tuple[str, ...]
    help: Help
    distress: tuple[str, ...]
    kind: str = KIND

    def domain_signs(self, domain_id: str) -> list[Sign]:
        """The signs of one domain, in published order."""
        return [s for s in self.signs if s.domain == domain_id]

    def strategy(self, strategy_id: str) -> Strategy:
        """The strategy with this id (ids are checked when parsing)."""
        return next(s for s in self.strategies if s.id == strategy_id)

    def describe(self, *, lang: str = DEFAULT) -> JSONObject:
        """Domains as sections, each sign a ``check`` item under its domain (the definition's words)."""
        items: list[JSONObject] = []
        for s in self.signs:
            item: JSONObject = {"id": s.id, "type": "check", "prompt": s.prompt, "section": s.domain}
            if s.hint:
                item["hint"] = s.hint
            items.append(item)
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "intro": self.intro,
            "sections": [{"id": d.id, "title": d.title, "text": d.text} for d in self.domains],
            "items": items,
        }

    def _ticked(self, answers: Mapping[str, object], lang: str) -> set[str]:
        check_answer_keys(answers, [s.id for s in self.signs], lang)
        ticked: set[str] = set()
        for sign in self.signs:
            value = answers.get(sign.id)
            if value is None:
                continue
            if not isinstance(value, bool):
                raise AnswerError(text(lang, "answers.expected-bool", item=sign.id, got=json_type(value, lang)))
            if value:
                ticked.add(sign.id)
        return ticked

    def score(self, answers: Mapping[str, object], *, lang: str = DEFAULT) -> JSONObject:
        """Count ticked signs per domain and point to the matching strategies; plain words first, in ``lang``."""
        ticked = self._ticked(answers, lang)
        total = len(ticked)
        counts: dict[str, int] = {}
        items: list[JSONObject] = []
        pointed: list[str] = []
        for domain in self.domains:
            signs = self.domain_signs(domain.id)
            hits = [s for s in signs if s.id in ticked]
            counts[domain.id] = len(hits)
            label = text(lang, "reflection.label", title=domain.title, count=len(hits), total=len(signs))
            if hits:
                for strategy_id in domain.strategies:
                    if strategy_id not in pointed:
                        pointed.append(strategy_id)
                titles = ", ".join(self.strategy(k).title for k in domain.strategies)
                noticed = "; ".join(s.prompt.rstrip(".") for s in hits)
                key = "reflection.noticed-one" if len(hits) == 1 else "reflection.noticed"
                message = text(lang, key, count=len(hits), signs=noticed, strategies=titles)
            else:
                message = text(lang, "reflection.none")
            items.append(
                {
                    "id": domain.id,
                    "status": "warning" if hits and len(hits) >= domain.threshold else "info",
                    "label": label,
                    "count": len(hits),
                    "total": len(signs),
                    "message": message,
                }
            )
        talk = total >= self.talk_threshold
        if total == 0:
            summary = self.none_message
        else:
            follow = self.talk_message if talk else self.some_message
            summary = text(lang, "reflection.summary-one" if total == 1 else "reflection.summary",
                           count=total, total=len(self.signs), follow=follow)
        urgent = next((s for s in self.signs if s.id in self.distress and s.id in ticked), None)
        sources = [self.source]
        for strategy in map(self.strategy, pointed):
            if strategy.source not in sources:
                sources.append(strategy.source)
        return {
            "exercise": self.id,
            "kind": self.kind,
            "summary": summary,
            "total": total,
            "counts": counts,
            "suggest_talking": talk,
            "items": items,
            "strategies": [self._strategy_json(self.strategy(k)) for k in pointed],
            "help": {
                "title": self.help.title,
                "text": self.help.text,
                "first": urgent is not None,
                "urgent": self.help.urgent.format(sign=urgent.prompt.rstrip(".")) if urgent else "",
            },
            "notes": [
                *(text(lang, "reflection.strategy", title=s.title, text=s.text) for s in map(self.strategy, pointed)),
                *self.notes,
            ],
            "sources_title": text(lang, "reflection.sources-title"),
            "sources": sources,
        }

    @staticmethod
    def _strategy_json(s: Strategy) -> JSONObject:
        return {"id": s.id, "title": s.title, "text": s.text, "source": s.source}

    def scoring_key(self, *, lang: str = DEFAULT) -> dict[str, object]:
        """The paper version's key in ``lang``: one row per group of signs, then how to count by hand."""
        rows: list[list[str]] = []
        for d in self.domains:
            signs = self.domain_signs(d.id)
            rows.append(
                [
                    d.title,
                    text(lang, "reflection.key-count", total=len(signs)),
                    "; ".join(self.strategy(k).title for k in d.strategies),
                ]
            )
        threshold = self.talk_threshold
        notes = [
            text(lang, "reflection.key-count-groups"),
            text(lang, "reflection.key-read-strategies"),
            text(lang, "reflection.key-talk", threshold=threshold, message=self.talk_message),
            text(lang, "reflection.key-some", below=threshold - 1, message=self.some_message)
            if threshold > 1
            else text(lang, "reflection.key-some-any", message=self.talk_message),
            text(lang, "reflection.key-none", message=self.none_message),
            *(text(lang, "reflection.key-strategy", title=s.title, text=s.text, source=s.source)
              for s in self.strategies),
            *self.notes,
        ]
        return {
            "title": text(lang, "reflection.key-title", title=self.title),
            "header": [text(lang, "reflection.key-col-group"), text(lang, "reflection.key-col-ticked"),
                       text(lang, "reflection.key-col-strategies")],
            "rows": rows,
            "notes": notes,
        }


def _parse_strategies(table: Table) -> list[Strategy]:
    tables = table.tables("strategies")
    unique_ids(tables, table)
    out = []
    for t in tables:
        out.append(
            Strategy(
                id=t.ident(),
                title=t.text("title"),
                text=t.text("text"),
                source=t.text("source"),
            )
        )
        t.finish()
    return out


def parse(table: Table, common: Common) -> Reflection:
    """Build a :class:`Reflection` from its definition table; ``common`` holds the shared fields."""
    intro = table.text("intro")
    talk_threshold = table.integer("talk_threshold")
    if talk_threshold < 1:
        raise table.error("talk_threshold", "must be at least 1")
    talk_message = table.text("talk_message")
    some_message = table.text("some_message")
    none_message = table.text("none_message")
    notes = table.texts("notes")
    strategies = _parse_strategies(table)
    strategy_ids = [s.id for s in strategies]
    domain_tables = table.tables("domains")
    unique_ids(domain_tables, table)
    domains = []
    for t in domain_tables:
        pointers = t.texts("strategies")
        for key in pointers:
            if key not in strategy_ids:
                raise t.error("strategies", f"unknown strategy {key!r} (strategies: {', '.join(strategy_ids)})")
        threshold = t.integer("threshold", 1)
        if threshold < 1:
            raise t.error("threshold", "must be at least 1")
        domains.append(
            Domain(id=t.ident(), title=t.text("title"), text=t.opt_text("text"), threshold=threshold,
                   strategies=tuple(pointers))
        )
        t.finish()
    domain_ids = [d.id for d in domains]
    sign_tables = table.tables("items")
    ids = unique_ids(sign_tables, table)
    clash = set(ids) & set(domain_ids)
    if clash:
        raise table.error("items", f"item id {sorted(clash)[0]!r} is also a domain id")
    signs = []
    for t in sign_tables:
        t.choice("type", ["check"], "check")
        signs.append(Sign(id=t.ident(), domain=t.choice("section", domain_ids), prompt=t.text("prompt"),
                          hint=t.opt_text("hint")))
        t.finish()
    for d in domains:
        count = sum(1 for s in signs if s.domain == d.id)
        if count == 0:
            raise table.error("domains", f"domain {d.id!r} has no signs")
        if d.threshold > count:
            raise table.error("domains", f"domain {d.id!r} has a threshold above its {count} signs")
    if talk_threshold > len(signs):
        raise table.error("talk_threshold", f"is above the number of signs ({len(signs)})")
    help_ = read_help(table)
    distress = table.texts("distress", required=False)
    for sign in distress:
        if sign not in ids:
            raise table.error("distress", f"unknown sign {sign!r} (signs: {', '.join(ids)})")
    table.finish()
    return Reflection(
        id=common.id,
        title=common.title,
        source=common.source,
        intro=intro,
        talk_threshold=talk_threshold,
        talk_message=talk_message,
        some_message=some_message,
        none_message=none_message,
        domains=tuple(domains),
        signs=tuple(signs),
        strategies=tuple(strategies),
        notes=tuple(notes),
        help=help_,
        distress=tuple(distress),
    )

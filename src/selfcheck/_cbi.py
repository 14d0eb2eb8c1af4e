"""The Copenhagen Burnout Inventory (kind ``cbi``): three 0-100 scales, no total.

Everything the reader sees comes from the definition: the items and their
order, the response scales with the points of each option, which item is
reverse-scored, how many answers each scale needs, the citation, and the
interpretation bands with their sources. The code only knows the rules of the
instrument: an item's points are its option's points (mirrored when the item is
reverse-scored), and a scale's score is the mean of its answered items.

Determinism: option points must be integers, so a scale's sum and count are
integers and its mean is held as an exact :class:`fractions.Fraction`. Band
boundaries are compared against that exact value (no float edge cases at 50),
and the reported ``score`` is ``float(mean)``, the one correctly rounded double
for that fraction, the same on CPython and Pyodide. The score is not rounded;
``display`` gives it to one decimal place for people.

A result speaks plainly first (issue 16): a summary of what the answers suggest today, then for
each scale a plain sentence (its band's ``plain`` wording about the scale's ``plain`` topic), the
band in words, the meter's boundaries (``meter``: the colour changes exactly at the band lines)
and the details; then what to do next (``review``: links checked at build time), where to get
help (``help``; first when an answer the definition marks in ``distress`` was given) and the
sources, once. Every sentence is in the definition or in the locales (``cbi.…``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from ._base import Common, JSONObject
from ._choice import SINGLE, ChoiceItem, Option, check_answer_keys
from ._errors import AnswerError, AnswerProblem
from ._fields import Help, Link, Table, read_help, read_links, unique_ids
from ._locale import DEFAULT, decimal, text

KIND = "cbi"

@dataclass(frozen=True)
class Distress:
    """An answer that suggests acute distress: the item and the options that put help first."""

    item: str
    options: tuple[str, ...]

#: Keys of the score result that a scale id must not shadow (scale ids become top-level keys).
_RESULT_KEYS = frozenset(
    {"exercise", "kind", "summary", "items", "scales", "notes", "passed", "citation", "review", "review_title",
     "help", "sources", "sources_title"}
)


@dataclass(frozen=True)
class ResponseOption:
    """One answer on a response scale and the points it is worth."""

    id: str
    label: str
    points: int


@dataclass(frozen=True)
class ResponseScale:
    """A set of answer options shared by several items (e.g. frequency or degree)."""

    id: str
    title: str
    options: tuple[ResponseOption, ...]


@dataclass(frozen=True)
class Scale:
    """One CBI scale: its items are listed on the items themselves."""

    id: str
    title: str
    text: str
    min_answered: int
    plain: str


@dataclass(frozen=True)
class Band:
    """An interpretation band: applies from ``min`` (inclusive) up to the next band's ``min``.

    ``words`` names the band for people ("moderate burnout or higher"), ``plain`` is the plain
    sentence for a scale in this band (``{what}``: the scale's ``plain`` topic), and ``advice``
    closes the summary when this is the highest band a scale reaches.
    """

    min: int
    label: str
    text: str
    source: str
    words: str
    plain: str
    advice: str


@dataclass(frozen=True)
class CbiItem:
    """A question, its scale, its response scale and whether it is reverse-scored."""

    number: int
    choice: ChoiceItem
    scale: str
    response: ResponseScale
    reverse: bool

    def points(self, option_id: str) -> int:
        """The points for ``option_id``; a reverse-scored item takes the mirrored option's points."""
        ids = [o.id for o in self.response.options]
        index = ids.index(option_id)
        if self.reverse:
            index = len(ids) - 1 - index
        return self.response.options[index].points


@dataclass(frozen=True)
class Cbi:
    """The Copenhagen Burnout Inventory, as a definition describes it."""

    id: str
    title: str
    source: str
    intro: str
    citation: str
    response_scales: tuple[ResponseScale, ...]
    scales: tuple[Scale, ...]
    items: tuple[CbiItem, ...]
    bands: tuple[Band, ...]
    interpretation: str
    notes: tuple[str, ...]
    help: Help
    distress: tuple[Distress, ...]
    next: tuple[Link, ...]
    kind: str = KIND

    def scale_items(self, scale_id: str) -> list[CbiItem]:
        """The items of one scale, in published order."""
        return [i for i in self.items if i.scale == scale_id]

    def describe(self, *, lang: str = DEFAULT) -> JSONObject:
        """Items and options in the published order (the definition's words); the points stay out of the form."""
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "intro": self.intro,
            "citation": self.citation,
            "sections": [
                {"id": s.id, "title": s.title, "text": s.text} for s in self.scales
            ],
            "items": [
                {**i.choice.describe(), "section": i.scale, "number": i.number, "required": False}
                for i in self.items
            ],
        }

    def band_for(self, mean: Fraction) -> Band:
        """The band a mean falls in (bands start at 0 and are in ascending order)."""
        chosen = self.bands[0]
        for band in self.bands:
            if mean >= band.min:
                chosen = band
        return chosen

    def meter(self) -> dict[str, float]:
        """The boundaries of a scale's ``<meter>``, so that its colour follows the bands.

        Higher is worse, so the optimum is the minimum. ``low`` sits just below the second band's
        line and ``high`` just below the third's (or at the maximum): a browser paints a value up to
        ``low`` as good, up to ``high`` as less good, and above as worse. "Just below" is half the
        smallest gap between two possible scores (a mean of at most N integer points differs from a
        whole number by at least 1/N), so a score on the line is never painted as the band under it.
        """
        longest = max(len(self.scale_items(s.id)) for s in self.scales)
        step = Fraction(1, 2 * longest)
        lines = [Fraction(b.min) - step for b in self.bands[1:3]]
        low = lines[0] if lines else Fraction(100)
        high = lines[1] if len(lines) > 1 else Fraction(100)
        return {"min": 0, "max": 100, "low": float(low), "high": float(high), "optimum": 0}

    def links(self) -> list[tuple[str, str, str]]:
        """Every page and heading a result links to (checked at build time by ``scripts/links.py``)."""
        return [(f"next[{n}]", link.page, link.anchor) for n, link in enumerate(self.next, start=1)]

    def _read(self, answers: Mapping[str, object], lang: str) -> dict[str, str]:
        check_answer_keys(answers, [i.choice.id for i in self.items], lang)
        chosen: dict[str, str] = {}
        for item in self.items:
            picked = item.choice.read_answer(answers, lang)
            if picked is not None:
                chosen[item.choice.id] = picked[0]
        if not chosen:
            needs = ", ".join(
                text(lang, "cbi.needs", count=s.min_answered, total=len(self.scale_items(s.id)), title=s.title.lower())
                for s in self.scales
            )
            message = text(lang, "cbi.none-answered", needs=needs)
            raise AnswerError(message, [AnswerProblem(self.items[0].choice.id, message)])
        return chosen

    def _distress(self, chosen: Mapping[str, str]) -> str | None:
        """The urgent help text when an answer suggests acute distress (the first such answer), else None."""
        for rule in self.distress:
            picked = chosen.get(rule.item)
            if picked in rule.options:
                item = next(i for i in self.items if i.choice.id == rule.item)
                label = next(o.label for o in item.response.options if o.id == picked)
                return self.help.urgent.format(answer=label, number=item.number, prompt=item.choice.prompt)
        return None

    def _summary(self, scored: list[tuple[Scale, Band]], missing: list[Scale], lang: str) -> str:
        """What the answers suggest today, highest band first, then the advice of the highest band."""
        if not scored:
            return text(lang, "cbi.summary-none")
        parts = []
        for band in sorted({b for _, b in scored}, key=lambda b: -b.min):
            names = [s.title.lower() for s, b in scored if b == band]
            listed = ", ".join(names[:-1]) + text(lang, "cbi.and") + names[-1] if len(names) > 1 else names[0]
            parts.append(text(lang, "cbi.summary-part", words=band.words, scales=listed))
        summary = text(lang, "cbi.summary", parts=text(lang, "cbi.parts-and").join(parts))
        summary += " " + max((b for _, b in scored), key=lambda b: b.min).advice
        if missing:
            unscored = text(lang, "cbi.or").join(s.title.lower() for s in missing)
            summary += " " + text(lang, "cbi.summary-missing", scales=unscored)
        return summary

    def score(self, answers: Mapping[str, object], *, lang: str = DEFAULT) -> JSONObject:
        """Score each scale as the mean of its answered items (0-100), or null with a note; plain words first."""
        chosen = self._read(answers, lang)
        scales: list[JSONObject] = []
        by_id: dict[str, float | None] = {}
        scored: list[tuple[Scale, Band]] = []
        missing: list[Scale] = []
        meter = self.meter()
        for scale in self.scales:
            items = self.scale_items(scale.id)
            points = [i.points(chosen[i.choice.id]) for i in items if i.choice.id in chosen]
            entry: JSONObject = {
                "id": scale.id,
                "title": scale.title,
                "min": 0,
                "max": 100,
                "answered": len(points),
                "total_items": len(items),
                "min_answered": scale.min_answered,
            }
            if len(points) < scale.min_answered:
                entry.update(
                    score=None,
                    display=text(lang, "cbi.no-score-display"),
                    note=text(lang, "cbi.no-score", answered=len(points), total=len(items), needed=scale.min_answered),
                )
                by_id[scale.id] = None
                missing.append(scale)
            else:
                mean = Fraction(sum(points), len(points))
                band = self.band_for(mean)
                display = decimal(lang, f"{float(mean):.1f}")
                based = (
                    text(lang, "cbi.based-all", total=len(items))
                    if len(points) == len(items)
                    else text(lang, "cbi.based-some", answered=len(points), total=len(items))
                )
                entry.update(
                    score=float(mean),
                    display=display,
                    band=band.label,
                    band_words=band.words,
                    band_line=text(lang, "cbi.band-line", label=band.label, words=band.words),
                    level=self.bands.index(band),
                    band_text=band.text,
                    band_source=band.source,
                    plain=band.plain.format(what=scale.plain),
                    meter=meter,
                    note=text(lang, "cbi.detail", display=display, based=based, band=band.text),
                )
                by_id[scale.id] = float(mean)
                scored.append((scale, band))
            scales.append(entry)
        urgent = self._distress(chosen)
        sources = [self.citation]
        for _, band in scored:
            if band.source not in sources:
                sources.append(band.source)
        return {
            "exercise": self.id,
            "kind": self.kind,
            "summary": self._summary(scored, missing, lang),
            "scales": scales,
            **by_id,
            "citation": self.citation,
            "review_title": text(lang, "cbi.next-title"),
            "review": [link.to_json() for link in self.next],
            "help": {
                "title": self.help.title,
                "text": self.help.text,
                "first": urgent is not None,
                "urgent": urgent or "",
            },
            "notes": [self.interpretation, *self.notes],
            "sources_title": text(lang, "cbi.sources-title"),
            "sources": sources,
        }

    def scoring_key(self, *, lang: str = DEFAULT) -> dict[str, object]:
        """The manual scoring key of the paper version, built from the same definition.

        A grid like the questionnaire's: a row for each group of questions that score their answers
        alike (same response scale, same direction), a column for each number of points, and in each
        cell the answer worth those points; then the steps to score by hand.
        """
        values = sorted({o.points for r in self.response_scales for o in r.options}, reverse=True)
        alike: dict[tuple[str, bool], list[CbiItem]] = {}
        for item in self.items:
            alike.setdefault((item.response.id, item.reverse), []).append(item)
        rows: list[list[str]] = []
        for (_, reverse), items in alike.items():
            worth: dict[int, list[str]] = {}
            for option in items[0].response.options:
                worth.setdefault(items[0].points(option.id), []).append(option.label)
            key = "cbi.key-question" if len(items) == 1 else "cbi.key-questions"
            which = text(lang, key, numbers=_ranges([i.number for i in items]))
            which += text(lang, "cbi.key-reverse") if reverse else ""
            rows.append([which, *(" / ".join(worth.get(v, [])) for v in values)])
        notes = [text(lang, "cbi.key-find-row")]
        for s in self.scales:
            its = self.scale_items(s.id)
            notes.append(text(lang, "cbi.key-scale", title=s.title, first=its[0].number, last=its[-1].number,
                              needed=s.min_answered, total=len(its)))
        notes.append(text(lang, "cbi.key-no-total"))
        notes.extend(text(lang, "cbi.key-band", label=b.label, text=b.text, source=b.source) for b in self.bands)
        notes.extend([self.interpretation, self.citation])
        return {
            "title": text(lang, "cbi.key-title", title=self.title),
            "header": [
                text(lang, "cbi.key-col-questions"), *(text(lang, "cbi.key-col-points", points=v) for v in values)
            ],
            "rows": rows,
            "notes": notes,
        }


def _ranges(numbers: list[int]) -> str:
    """Question numbers as ranges: ``[1, 2, 3, 5, 7, 8]`` -> ``1–3, 5, 7–8``."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _parse_response_scales(table: Table) -> dict[str, ResponseScale]:
    tables = table.tables("response_scales")
    unique_ids(tables, table)
    out: dict[str, ResponseScale] = {}
    for t in tables:
        option_tables = t.tables("options")
        unique_ids(option_tables, t)
        options = []
        for o in option_tables:
            points = o.integer("points")
            if not 0 <= points <= 100:
                raise o.error("points", "must be between 0 and 100")
            options.append(ResponseOption(id=o.ident(), label=o.text("label"), points=points))
            o.finish()
        if len(options) < 2:
            raise t.error("options", "a response scale needs at least two options")
        scale = ResponseScale(id=t.ident(), title=t.text("title"), options=tuple(options))
        out[scale.id] = scale
        t.finish()
    return out


def _parse_scales(table: Table) -> list[Scale]:
    tables = table.tables("scales")
    unique_ids(tables, table)
    scales = []
    for t in tables:
        ident = t.ident()
        if ident in _RESULT_KEYS:
            raise t.error("id", f"{ident!r} is reserved in the score result; choose another scale id")
        minimum = t.integer("min_answered")
        if minimum < 1:
            raise t.error("min_answered", "must be at least 1")
        scales.append(
            Scale(id=ident, title=t.text("title"), text=t.opt_text("text"), min_answered=minimum, plain=t.text("plain"))
        )
        t.finish()
    return scales


def _parse_bands(table: Table) -> list[Band]:
    tables = table.tables("bands")
    bands = []
    for t in tables:
        minimum = t.integer("min")
        bands.append(
            Band(
                min=minimum,
                label=t.text("label"),
                text=t.text("text"),
                source=t.text("source"),
                words=t.text("words"),
                plain=t.text("plain"),
                advice=t.text("advice"),
            )
        )
        t.finish()
    if bands[0].min != 0:
        raise tables[0].error("min", "the first band must start at 0")
    for k in range(1, len(bands)):
        if not bands[k - 1].min < bands[k].min <= 100:
            raise tables[k].error("min", "bands must be in ascending order and start at 100 or below")
    return bands


def _parse_distress(table: Table, items: list[CbiItem]) -> list[Distress]:
    rules = []
    for t in table.tables("distress"):
        item = t.choice("item", [i.choice.id for i in items])
        offered = next(i for i in items if i.choice.id == item).choice.option_ids()
        options = t.texts("options")
        for option in options:
            if option not in offered:
                raise t.error("options", f"option {option!r} is not offered by item {item!r} ({', '.join(offered)})")
        rules.append(Distress(item=item, options=tuple(options)))
        t.finish()
    return rules


def parse(table: Table, common: Common) -> Cbi:
    """Build a :class:`Cbi` from its definition table; ``common`` holds the shared fields."""
    intro = table.opt_text("intro")
    citation = table.text("citation")
    interpretation = table.text("interpretation")
    notes = table.texts("notes")
    response_scales = _parse_response_scales(table)
    scales = _parse_scales(table)
    scale_ids = [s.id for s in scales]
    bands = _parse_bands(table)
    item_tables = table.tables("items")
    unique_ids(item_tables, table)
    items = []
    for number, t in enumerate(item_tables, start=1):
        scale_id = t.choice("scale", scale_ids)
        response_id = t.choice("response", list(response_scales))
        response = response_scales[response_id]
        choice = ChoiceItem(
            id=t.ident(),
            type=SINGLE,
            prompt=t.text("prompt"),
            options=tuple(Option(id=o.id, label=o.label) for o in response.options),
        )
        items.append(CbiItem(number, choice, scale_id, response, t.boolean("reverse", False)))
        t.finish()
    for scale in scales:
        count = sum(1 for i in items if i.scale == scale.id)
        if count == 0:
            raise table.error("scales", f"scale {scale.id!r} has no items")
        if scale.min_answered > count:
            raise table.error("scales", f"scale {scale.id!r} needs {scale.min_answered} answers but has {count} items")
        numbers = [i.number for i in items if i.scale == scale.id]
        if numbers != list(range(numbers[0], numbers[-1] + 1)):
            raise table.error("items", f"the items of scale {scale.id!r} must be consecutive")
    help_ = read_help(table)
    distress = _parse_distress(table, items)
    next_steps = read_links(table, "next")
    table.finish()
    return Cbi(
        id=common.id,
        title=common.title,
        source=common.source,
        intro=intro,
        citation=citation,
        response_scales=tuple(response_scales.values()),
        scales=tuple(scales),
        items=tuple(items),
        bands=tuple(bands),
        interpretation=interpretation,
        notes=tuple(notes),
        help=help_,
        distress=tuple(distress),
        next=next_steps,
    )

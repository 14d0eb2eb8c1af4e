"""Knowledge checks (kind ``quiz``): a bank of choice questions, drawn into attempts and scored.

A bank (schema 2) names the module page it belongs to, the module's learning
objectives (each with the heading anchor to re-read) and at least one item per
objective; every item names its objective, its style (application or recall)
and its source, and every option carries feedback. :meth:`Quiz.describe` shows
the whole bank in published (file) order; :meth:`Quiz.draw` makes an attempt
from a seed (see :mod:`._attempt`), and only an attempt is scored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ._attempt import Attempt, draw
from ._bank import (
    ATTEMPT,
    DEFAULT_DRAW,
    DEFAULT_PASS_MARK,
    KIND,
    REFRESHER,
    STYLES,
    Objective,
    QuizItem,
    percent_of,
)
from ._base import Common, Exercise, ExerciseOperation, JSONObject, Scorer
from ._choice import MULTIPLE, SINGLE, ChoiceItem, parse_options
from ._errors import AnswerError, DefinitionError, SelfcheckError
from ._fields import Table, unique_ids
from ._locale import DEFAULT, language_of, text
from ._rng import check_seed
from ._schedule import parse_schedule


@dataclass(frozen=True)
class Quiz:
    """A knowledge-check bank: the module's objectives and the items that test them."""

    id: str
    title: str
    source: str
    intro: str
    page: str
    pass_mark: float
    size: int
    objectives: tuple[Objective, ...]
    items: tuple[QuizItem, ...]
    kind: str = KIND

    def objective(self, ident: str) -> Objective:
        """The objective with this id."""
        return next(o for o in self.objectives if o.id == ident)

    def page_url(self) -> str:
        """The module page's site-relative URL (MkDocs directory URLs): ``modules/x.md`` -> ``modules/x/``."""
        stem = self.page[: -len(".md")] if self.page.endswith(".md") else self.page
        if stem == "index":
            return ""
        return stem[: -len("index")] if stem.endswith("/index") else stem + "/"

    def rules(self, *, lang: str = DEFAULT) -> str:
        """How attempts are drawn and passed, in one sentence for the page, in ``lang``."""
        return text(lang, "quiz.rules", size=self.size, bank=len(self.items), percent=percent_of(self.pass_mark))

    def describe(self, *, lang: str = DEFAULT) -> JSONObject:
        """The whole bank in published order, without the answer key (the rules line in ``lang``)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "intro": self.intro,
            "rules": [self.rules(lang=lang)],
            "page": self.page,
            "pass_mark": self.pass_mark,
            "draw": self.size,
            "objectives": [{"id": o.id, "text": o.text, "section": o.section} for o in self.objectives],
            "items": [{**i.choice.describe(), "objective": i.objective, "style": i.style} for i in self.items],
        }

    def answer_key(self, *, lang: str = DEFAULT) -> JSONObject:
        """The whole bank with its answers, every option's feedback and the sources (facilitator pages)."""
        described = self.describe(lang=lang)
        for shown, item in zip(described["items"], self.items, strict=True):
            shown["correct"] = [o.id for o in item.choice.options if o.id in item.correct]
            shown["explanation"] = item.explanation
            shown["source"] = item.source
            for option, source in zip(shown["options"], item.choice.options, strict=True):
                option["correct"] = source.id in item.correct
                option["feedback"] = source.feedback
        return described

    def draw(self, seed: int, size: int | None = None, mode: str = ATTEMPT) -> Attempt:
        """The attempt for ``seed``: ``size`` items (default: the bank's ``draw``), options shuffled."""
        return draw(self, check_seed(seed), self.size if size is None else size, mode)

    def score(self, answers: Mapping[str, object], *, lang: str = DEFAULT) -> JSONObject:
        """Refused: only a drawn attempt is scored (:meth:`draw`, then ``Attempt.score``)."""
        raise AnswerError(text(lang, "quiz.needs-seed"))


def parse(table: Table, common: Common) -> Quiz:
    """Build a :class:`Quiz` from its definition table; ``common`` holds the shared fields."""
    intro = table.opt_text("intro")
    page = table.text("page")
    if not page.endswith(".md") or page.startswith("/") or ".." in page.split("/"):
        raise table.error("page", f"{page!r} must be a docs-relative Markdown page such as 'modules/01-x.md'")
    pass_mark = table.number("pass_mark", DEFAULT_PASS_MARK)
    if not 0 < pass_mark <= 1:
        raise table.error("pass_mark", "must be a fraction above 0 and at most 1")
    size = table.integer("draw", DEFAULT_DRAW)
    objective_tables = table.tables("objectives")
    unique_ids(objective_tables, table)
    objectives = []
    for t in objective_tables:
        objectives.append(Objective(id=t.ident(), text=t.text("text"), section=t.ident("section")))
        t.finish()
    known = [o.id for o in objectives]
    item_tables = table.tables("items")
    unique_ids(item_tables, table)
    items = [_item(t, known) for t in item_tables]
    if not len(objectives) <= size <= len(items):
        raise table.error(
            "draw",
            f"must be at least the number of objectives ({len(objectives)}, so every attempt can cover them all) "
            f"and at most the number of items ({len(items)}), got {size}",
        )
    for objective in objectives:
        if not any(i.objective == objective.id for i in items):
            raise DefinitionError(table.origin, "no item tests this objective, so an attempt cannot cover it",
                                  item=objective.id, field="objectives")
    table.finish()
    return Quiz(
        id=common.id,
        title=common.title,
        source=common.source,
        intro=intro,
        page=page,
        pass_mark=pass_mark,
        size=size,
        objectives=tuple(objectives),
        items=tuple(items),
    )


def _item(t: Table, objectives: list[str]) -> QuizItem:
    kind = t.choice("type", [SINGLE, MULTIPLE])
    options = parse_options(t, feedback_required=True)
    choice = ChoiceItem(id=t.ident(), type=kind, prompt=t.text("prompt"), options=options)
    correct = t.texts("correct")
    offered = choice.option_ids()
    for key in correct:
        if key not in offered:
            raise t.error("correct", f"unknown option {key!r} in the answer key (offered: {', '.join(offered)})")
    if len(set(correct)) != len(correct):
        raise t.error("correct", "lists an option more than once")
    if kind == SINGLE and len(correct) != 1:
        raise t.error("correct", "a single-choice question needs exactly one correct option")
    if kind == MULTIPLE and not correct:
        raise t.error("correct", "a multiple-choice question needs at least one correct option")
    if kind == MULTIPLE and len(options) < 2:
        raise t.error("options", "a multiple-choice question needs at least two options")
    objective = t.ident("objective")
    if objective not in objectives:
        raise t.error("objective", f"unknown objective {objective!r} (objectives: {', '.join(objectives)})")
    style = t.choice("style", STYLES)
    item = QuizItem(choice, frozenset(correct), t.text("explanation"), t.text("source"), objective, style)
    t.finish()
    return item


def _as_quiz(exercise: Exercise) -> Quiz:
    if not isinstance(exercise, Quiz):
        raise SelfcheckError(f"exercise {exercise.id!r} is not a knowledge check")
    return exercise


def attempt_of(quiz: Quiz, request: Mapping[str, Any], lang: str = DEFAULT) -> Attempt:
    """The attempt a request names: its ``seed``, and ``refresher`` (the schedule) for a refresher."""
    if "seed" not in request:
        raise AnswerError(text(lang, "quiz.needs-seed"))
    seed = check_seed(request["seed"])
    schedule = request.get("refresher")
    if schedule is None:
        return quiz.draw(seed)
    return quiz.draw(seed, parse_schedule(schedule, "refresher").refresher_size(quiz), REFRESHER)


def draw_operation(exercise: Exercise, request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``draw``: ``{"definition", "seed", "refresher"?, "lang"?}`` -> the attempt to show (no answer key)."""
    lang = language_of(request)
    return attempt_of(_as_quiz(exercise), request, lang).describe(lang=lang)


def score_operation(exercise: Exercise, request: Mapping[str, Any], answers: Mapping[str, object]) -> JSONObject:
    """How ``score`` scores a knowledge check: the answers of the attempt the request's seed names."""
    lang = language_of(request)
    return attempt_of(_as_quiz(exercise), request, lang).score(answers, lang=lang)


#: The bridge adds these (this module never imports the bridge, which sits above every kind).
EXERCISE_OPERATIONS: dict[str, ExerciseOperation] = {"draw": draw_operation}
SCORERS: dict[str, Scorer] = {KIND: score_operation}

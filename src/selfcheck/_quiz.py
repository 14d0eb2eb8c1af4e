"""Knowledge checks (kind ``quiz``): choice questions with an answer key and feedback."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ._base import Common, JSONObject
from ._choice import MULTIPLE, SINGLE, ChoiceItem, check_answer_keys, parse_options
from ._errors import AnswerError
from ._fields import Table, unique_ids

KIND = "quiz"


@dataclass(frozen=True)
class QuizItem:
    """A question, its answer key and the explanation shown after scoring."""

    choice: ChoiceItem
    correct: frozenset[str]
    explanation: str
    source: str


@dataclass(frozen=True)
class Quiz:
    """A knowledge check. Every question must be answered before it is scored."""

    id: str
    title: str
    source: str
    intro: str
    pass_mark: float
    items: tuple[QuizItem, ...]
    kind: str = KIND

    def describe(self) -> JSONObject:
        """Items and options in published order, without the answer key."""
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "intro": self.intro,
            "pass_mark": self.pass_mark,
            "items": [i.choice.describe() for i in self.items],
        }

    def score(self, answers: Mapping[str, object]) -> JSONObject:
        """Mark each question; the quiz is passed at ``pass_mark`` (a fraction) or above."""
        check_answer_keys(answers, [i.choice.id for i in self.items])
        chosen_by_item = {i.choice.id: i.choice.read_answer(answers) for i in self.items}
        missing = [key for key, chosen in chosen_by_item.items() if chosen is None]
        if missing:
            raise AnswerError(f"missing answer for item {', '.join(repr(m) for m in missing)}: answer every question")
        results = []
        right = 0
        for item in self.items:
            chosen = chosen_by_item[item.choice.id] or []
            is_right = set(chosen) == item.correct
            right += is_right
            hits = len(set(chosen) & item.correct)
            status = "correct" if is_right else ("partial" if hits else "incorrect")
            notes = [o.feedback for o in item.choice.options if o.id in chosen and o.feedback]
            results.append(
                {
                    "id": item.choice.id,
                    "prompt": item.choice.prompt,
                    "status": status,
                    "label": {"correct": "Correct", "partial": "Partly right", "incorrect": "Not quite"}[status],
                    "chosen": chosen,
                    "expected": [o.id for o in item.choice.options if o.id in item.correct],
                    "expected_labels": [o.label for o in item.choice.options if o.id in item.correct],
                    "message": " ".join([*notes, item.explanation]),
                    "source": item.source,
                }
            )
        total = len(self.items)
        passed = right >= self.pass_mark * total - 1e-9
        needed = _needed(self.pass_mark, total)
        verdict = "Passed." if passed else f"To pass, get at least {needed} right; read the feedback and try again."
        return {
            "exercise": self.id,
            "kind": self.kind,
            "correct": right,
            "total": total,
            "passed": passed,
            "summary": f"{right} of {total} correct. {verdict}",
            "items": results,
        }


def _needed(pass_mark: float, total: int) -> int:
    needed = 0
    while needed < pass_mark * total - 1e-9:
        needed += 1
    return needed


def parse(table: Table, common: Common) -> Quiz:
    """Build a :class:`Quiz` from its definition table; ``common`` holds the shared fields."""
    intro = table.opt_text("intro")
    pass_mark = table.number("pass_mark", 0.8)
    if not 0 < pass_mark <= 1:
        raise table.error("pass_mark", "must be a fraction above 0 and at most 1")
    item_tables = table.tables("items")
    unique_ids(item_tables, table)
    items = []
    for t in item_tables:
        kind = t.choice("type", [SINGLE, MULTIPLE])
        options = parse_options(t)
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
        if kind == MULTIPLE and len(options) < 2:
            raise t.error("options", "a multiple-choice question needs at least two options")
        items.append(QuizItem(choice, frozenset(correct), t.text("explanation"), t.text("source")))
        t.finish()
    table.finish()
    return Quiz(
        id=common.id,
        title=common.title,
        source=common.source,
        intro=intro,
        pass_mark=pass_mark,
        items=tuple(items),
    )

"""Drawn attempts at a knowledge check: which items, in which order, with which option order.

:func:`draw` is deterministic for a seed: it first picks one item for each of as many
objectives as the attempt has room for (all of them in a full attempt), each item of an
objective equally likely, then fills the attempt from the remaining items, then shuffles
the order of the items and of each item's options. A draw that a test-wise reader would
pass (always ticking the option at one position, or always the longest option) is drawn
again from the same random stream, so no attempt can be passed that way; this is rare
(well under one draw in a hundred for a bank that passes the lint) and changes the
distribution of attempts only that little. Scoring re-draws the attempt from its seed, so
it accepts answers only for the drawn items and their options.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from ._bank import ATTEMPT, REFRESHER, Bank, QuizItem, percent_of
from ._base import JSONObject
from ._choice import SINGLE, Option
from ._errors import AnswerError, AnswerProblem, SelfcheckError
from ._locale import DEFAULT, decimal, text
from ._rng import Rng

#: How many characters of a question's words an error message quotes.
QUOTE_LENGTH = 60
#: How many times a draw that a test-wise reader would pass is drawn again (a bound, so no bank can hang it).
REDRAWS = 64


@dataclass(frozen=True)
class DrawnItem:
    """One item of an attempt: its visible number and its options in drawn order."""

    number: int
    item: QuizItem
    options: tuple[Option, ...]

    @property
    def id(self) -> str:
        """The item id."""
        return self.item.choice.id

    def describe(self, lang: str = DEFAULT) -> JSONObject:
        """The item as the attempt shows it: number, prompt and options in drawn order, no answer key."""
        return {
            "id": self.id,
            "number": self.number,
            "question": text(lang, "quiz.question", number=self.number),
            "type": self.item.choice.type,
            "prompt": self.item.choice.prompt,
            "options": [{"id": o.id, "label": o.label} for o in self.options],
        }


def draw(quiz: Bank, seed: int, size: int, mode: str = ATTEMPT) -> Attempt:
    """The attempt of ``size`` items for ``seed`` (see the module docstring for the method)."""
    if not 1 <= size <= len(quiz.items):
        raise SelfcheckError(f"an attempt has from 1 to {len(quiz.items)} items, not {size}")
    if mode not in (ATTEMPT, REFRESHER):
        raise SelfcheckError(f"unknown attempt mode {mode!r}")
    rng = Rng(seed)
    for _ in range(REDRAWS):
        attempt = Attempt(quiz, seed, mode, _draw_items(quiz, rng, size))
        if not passes_without_reading(attempt):
            break
    return attempt


def _draw_items(quiz: Bank, rng: Rng, size: int) -> tuple[DrawnItem, ...]:
    covered = rng.shuffled([o.id for o in quiz.objectives])[:size]
    chosen: list[QuizItem] = []
    for objective in covered:
        chosen.extend(rng.sample([i for i in quiz.items if i.objective == objective], 1))
    taken = {i.choice.id for i in chosen}
    rest = [i for i in quiz.items if i.choice.id not in taken]
    chosen.extend(rng.sample(rest, size - len(chosen)))
    ordered = rng.shuffled(chosen)
    return tuple(
        DrawnItem(number, item, tuple(rng.shuffled(item.choice.options)))
        for number, item in enumerate(ordered, start=1)
    )


def passes_without_reading(attempt: Attempt) -> bool:
    """True when always ticking the option at one position, or always the longest option, passes the attempt.

    Each such reader ticks one option per item; a right tick earns 1 / (the item's right options).
    (Floats with a small margin: this is a guard, and a near pass counts as a pass.)
    """
    widest = max(len(d.options) for d in attempt.items)
    gains = [[1 / len(d.item.correct) if o.id in d.item.correct else 0.0 for o in d.options] for d in attempt.items]
    needed = float(attempt.needed()) - 1e-9
    for position in range(widest):
        if sum(g[position] for g in gains if position < len(g)) >= needed:
            return True
    lengths = [[len(o.label) for o in d.options] for d in attempt.items]
    longest = [sizes.index(max(sizes)) for sizes in lengths]  # the first of equally long options
    return sum(g[n] for g, n in zip(gains, longest, strict=True)) >= needed


def _points(value: Fraction, lang: str = DEFAULT) -> str:
    """Points as readers see them: 6, 6.5, 6.33 (at most two decimals, no trailing zeros; 6,5 in ro and bg)."""
    shown = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return decimal(lang, shown or "0")


@dataclass(frozen=True)
class Attempt:
    """The items of one attempt, in drawn order; scores answers for exactly these items."""

    quiz: Bank
    seed: int
    mode: str
    items: tuple[DrawnItem, ...]

    def item_ids(self) -> list[str]:
        """The drawn item ids, in drawn order."""
        return [d.id for d in self.items]

    def needed(self) -> Fraction:
        """The points needed to pass."""
        return Fraction(repr(self.quiz.pass_mark)) * len(self.items)

    def describe(self, *, lang: str = DEFAULT) -> JSONObject:
        """What the page shows for this attempt: the pass mark first, then the items; no answer key."""
        before = text(
            lang,
            "quiz.before-refresher" if self.mode == REFRESHER else "quiz.before-attempt",
            size=len(self.items),
            bank=len(self.quiz.items),
            percent=percent_of(self.quiz.pass_mark),
            needed=_points(self.needed(), lang),
        )
        return {
            "exercise": self.quiz.id,
            "kind": self.quiz.kind,
            "mode": self.mode,
            "seed": self.seed,
            "title": self.quiz.title,
            "size": len(self.items),
            "bank_size": len(self.quiz.items),
            "pass_mark": self.quiz.pass_mark,
            "pass_percent": percent_of(self.quiz.pass_mark),
            "needed": _points(self.needed(), lang),
            "before": before,
            "items": [d.describe(lang) for d in self.items],
        }

    def key(self, *, lang: str = DEFAULT) -> JSONObject:
        """The attempt with its answers (the paper test's key): right options by their letter."""
        described = self.describe(lang=lang)
        for shown, drawn in zip(described["items"], self.items, strict=True):
            shown["correct"] = [o.id for o in drawn.options if o.id in drawn.item.correct]
            shown["letters"] = [chr(ord("A") + n) for n, o in enumerate(drawn.options) if o.id in drawn.item.correct]
            shown["source"] = drawn.item.source
        return described

    def _chosen(self, answers: Mapping[str, object], lang: str) -> dict[str, list[str]]:
        drawn = self.item_ids()
        for key in answers:
            if key not in drawn:
                raise AnswerError(text(lang, "quiz.not-drawn", item=key, seed=self.seed, items=", ".join(drawn)))
        chosen: dict[str, list[str]] = {}
        missing: list[DrawnItem] = []
        for d in self.items:
            picked = d.item.choice.read_answer(answers, lang)
            if picked is None:
                missing.append(d)
            else:
                chosen[d.id] = picked
        if missing:
            which = "; ".join(
                text(lang, "quiz.unanswered-one", number=d.number, words=_quote(d.item.choice.prompt)) for d in missing
            )
            problems = [
                AnswerProblem(
                    d.id,
                    text(
                        lang,
                        "quiz.unanswered-single" if d.item.choice.type == SINGLE else "quiz.unanswered-multiple",
                        number=d.number,
                        words=_quote(d.item.choice.prompt),
                    ),
                )
                for d in missing
            ]
            raise AnswerError(text(lang, "quiz.unanswered", which=which), problems)
        return chosen

    def score(self, answers: Mapping[str, object], *, lang: str = DEFAULT) -> JSONObject:
        """Mark every drawn item (partial credit for multiple choice); passed at the pass mark or above."""
        chosen = self._chosen(answers, lang)
        marked = [_mark(d, chosen[d.id], lang) for d in self.items]
        results = [result for _, result in marked]
        total = len(self.items)
        score = sum((credit for credit, _ in marked), Fraction(0))
        passed = score >= self.needed()
        missed = {r["objective"] for r in results if r["status"] != "correct"}
        review = [
            {
                "objective": o.id,
                "text": o.text,
                "href": f"{self.quiz.page_url()}#{o.section}",
            }
            for o in self.quiz.objectives
            if o.id in missed
        ]
        summary = text(
            lang,
            "quiz.summary",
            score=_points(score, lang),
            total=total,
            percent=percent_of(score / total),
            pass_percent=percent_of(self.quiz.pass_mark),
            verdict=text(lang, "quiz.passed" if passed else "quiz.failed"),
        )
        return {
            "exercise": self.quiz.id,
            "kind": self.quiz.kind,
            "mode": self.mode,
            "seed": self.seed,
            "score": float(score),
            "points": _points(score, lang),
            "total": total,
            "correct": sum(1 for r in results if r["status"] == "correct"),
            "fraction": float(score / total),
            "pass_mark": self.quiz.pass_mark,
            "passed": passed,
            "summary": summary,
            "items": results,
            "review_title": text(lang, "quiz.review-title") if review else "",
            "review": review,
        }


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1].rstrip() + "…"


def _mark(drawn: DrawnItem, chosen: list[str], lang: str) -> tuple[Fraction, JSONObject]:
    item = drawn.item
    credit = item.credit(chosen)
    status = "correct" if credit == 1 else ("partial" if credit > 0 else "incorrect")
    picks: list[str] = []  # what the reader ticked comes first, then what they missed
    missed: list[str] = []
    for option in drawn.options:
        picked, right = option.id in chosen, option.id in item.correct
        if item.choice.type == SINGLE:
            if picked:
                picks.append(text(lang, "quiz.chose", label=option.label, feedback=option.feedback))
            elif right and item.correct.isdisjoint(chosen):
                missed.append(text(lang, "quiz.right-answer", label=option.label, feedback=option.feedback))
        elif picked:
            key = "quiz.ticked-right" if right else "quiz.ticked-wrong"
            picks.append(text(lang, key, label=option.label, feedback=option.feedback))
        elif right:
            missed.append(text(lang, "quiz.missed", label=option.label, feedback=option.feedback))
    notes = picks + missed
    return credit, {
        "id": drawn.id,
        "number": drawn.number,
        "question": text(lang, "quiz.question", number=drawn.number),
        "prompt": item.choice.prompt,
        "status": status,
        "label": text(lang, f"quiz.{status}"),
        "credit": float(credit),
        "points": _points(credit, lang),
        "chosen": [o.id for o in drawn.options if o.id in chosen],
        "expected": [o.id for o in drawn.options if o.id in item.correct],
        "expected_labels": [o.label for o in drawn.options if o.id in item.correct],
        "message": item.explanation,
        "notes": notes,
        "source": item.source,
        "objective": item.objective,
    }

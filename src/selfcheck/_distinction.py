"""Distinction exercises: the scenario quiz (kind ``distinction-quiz``) and the decision aid (kind ``decision-aid``).

The scenario quiz holds a bank of vignettes. Each stores its facts, its expected
verdict and an explanation naming the deciding element; parsing fails when the
stored verdict differs from :func:`classify` for the stored facts, so the bank
can never drift from the logic. The browser shows a random sample (the
``sample`` bridge operation) and the reader may answer any subset: only the
answered vignettes are scored.

The decision aid asks the seven fact questions (yes / no / don't know) and
returns the classification: the safety notices, the reasons, what to find out
next and, last, the next step. The safety rules about a question (``question``
and ``must_name`` in ``safety.toml``) are checked when the aid is parsed.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ._base import Common, Exercise, ExerciseOperation, JSONObject, Operation
from ._choice import MULTIPLE, SINGLE, ChoiceItem, Option, check_answer_keys
from ._classify import FACTS, RULES, VERDICTS, classify, label
from ._errors import AnswerError, AnswerProblem, SelfcheckError
from ._fields import Link, Table, read_links, unique_ids
from ._locale import DEFAULT, language_of, text

KIND = "distinction-quiz"
AID_KIND = "decision-aid"

# Every word a reader sees is in the locales: ``distinction.…`` for the scenario quiz (its category
# options are ``distinction.category.<verdict>``, its elements ``distinction.element.<id>`` and, in
# feedback, ``distinction.element-name.<id>``), ``decision-aid.…`` for the decision aid.

#: The quiz's category options: the verdicts, in order.
CATEGORIES: tuple[str, ...] = VERDICTS

#: The elements a reader can mark (option id), and the fact each one stands for.
ELEMENTS: tuple[tuple[str, str], ...] = (
    ("act", "act"),
    ("means", "means"),
    ("purpose", "exploitation_purpose"),
    ("border", "irregular_border_crossing"),
    ("benefit", "facilitator_benefit"),
)
NO_ELEMENT = "no-element"


def category_options(lang: str = DEFAULT) -> tuple[Option, ...]:
    """The category question's options (the verdicts), as readers see them in ``lang``."""
    return tuple(Option(v, text(lang, f"distinction.category.{v}")) for v in CATEGORIES)


def element_options(lang: str = DEFAULT) -> tuple[Option, ...]:
    """The elements question's options, then "none of these elements", in ``lang``."""
    return tuple(Option(i, text(lang, f"distinction.element.{i}")) for i in (*(e for e, _ in ELEMENTS), NO_ELEMENT))


@dataclass(frozen=True)
class Vignette:
    """One case: its text, its facts, the expected verdict and why."""

    id: str
    title: str
    text: str
    facts: Mapping[str, bool | None]
    verdict: str
    explanation: str

    @property
    def category_item(self) -> str:
        """The item id of the category question."""
        return f"{self.id}-category"

    @property
    def elements_item(self) -> str:
        """The item id of the elements question."""
        return f"{self.id}-elements"

    def expected_elements(self) -> list[str]:
        """The element option ids that are present (known true) in the facts."""
        present = [ident for ident, fact in ELEMENTS if self.facts.get(fact) is True]
        return present or [NO_ELEMENT]


def _choice(ident: str, kind: str, prompt: str, options: tuple[Option, ...]) -> ChoiceItem:
    return ChoiceItem(id=ident, type=kind, prompt=prompt, options=options)


@dataclass(frozen=True)
class DistinctionQuiz:
    """A bank of vignettes; each is a category question and an elements question."""

    id: str
    title: str
    source: str
    intro: str
    sample_size: int
    vignettes: tuple[Vignette, ...]
    kind: str = KIND

    def _items(self, vignette: Vignette, lang: str) -> tuple[ChoiceItem, ChoiceItem]:
        return (
            _choice(vignette.category_item, SINGLE, text(lang, "distinction.category-prompt"), category_options(lang)),
            _choice(vignette.elements_item, MULTIPLE, text(lang, "distinction.elements-prompt"), element_options(lang)),
        )

    def describe(self, *, lang: str = DEFAULT) -> JSONObject:
        """One section per vignette, holding its two questions (their words in ``lang``); no answers."""
        items = []
        for vignette in self.vignettes:
            for choice in self._items(vignette, lang):
                items.append({**choice.describe(), "section": vignette.id})
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "intro": self.intro,
            "sample_size": self.sample_size,
            "sections": [{"id": v.id, "title": v.title, "text": v.text} for v in self.vignettes],
            "items": items,
        }

    def sample(self, seed: int, count: int | None = None, exclude: list[str] | None = None) -> list[str]:
        """``count`` vignette ids drawn by ``random.Random(seed)``, preferring ones not in ``exclude``.

        The ids come back in bank order.
        """
        count = self.sample_size if count is None else count
        ids = [v.id for v in self.vignettes]
        if not 1 <= count <= len(ids):
            raise SelfcheckError(f"count must be between 1 and {len(ids)}, got {count}")
        avoid = set(exclude or [])
        unknown = sorted(avoid - set(ids))
        if unknown:
            raise SelfcheckError(f"unknown vignette id {unknown[0]!r} in exclude")
        rng = random.Random(seed)
        fresh = [i for i in ids if i not in avoid]
        seen = [i for i in ids if i in avoid]
        chosen = rng.sample(fresh, min(count, len(fresh)))
        if len(chosen) < count:
            chosen += rng.sample(seen, count - len(chosen))
        picked = set(chosen)
        return [i for i in ids if i in picked]

    def score(self, answers: Mapping[str, object], *, lang: str = DEFAULT) -> JSONObject:
        """Score each answered vignette on its own; one with a single answer waits, with a message next to it."""
        known = [c.id for v in self.vignettes for c in self._items(v, lang)]
        check_answer_keys(answers, known, lang)
        results: list[JSONObject] = []
        answered: list[str] = []
        waiting: list[AnswerProblem] = []
        categories_right = 0
        elements_right = 0
        for vignette in self.vignettes:
            category_item, elements_item = self._items(vignette, lang)
            category = category_item.read_answer(answers, lang)
            elements = elements_item.read_answer(answers, lang)
            if category is None and elements is None:
                continue
            if category is None or elements is None:
                missing = category_item if category is None else elements_item
                waiting.append(AnswerProblem(
                    missing.id, text(lang, "distinction.also-answer", title=vignette.title, prompt=missing.prompt)
                ))
                continue
            answered.append(vignette.id)
            category_ok = category[0] == vignette.verdict
            elements_ok = set(elements) == set(vignette.expected_elements())
            categories_right += category_ok
            elements_right += elements_ok
            results += [
                _category_feedback(vignette, category[0], category_ok, lang),
                _elements_feedback(vignette, elements, elements_ok, lang),
            ]
        if not answered:
            problems = waiting or [AnswerProblem(None, text(lang, "distinction.none-answered"))]
            raise AnswerError.of(problems)
        total = len(answered)
        points = categories_right + elements_right
        percent = _percent(points, 2 * total)
        summary = text(
            lang, "distinction.summary-one" if total == 1 else "distinction.summary",
            total=total, categories=categories_right, elements=elements_right, percent=percent,
        )
        if waiting:
            key = "distinction.waiting-one" if len(waiting) == 1 else "distinction.waiting"
            summary += " " + text(lang, key, count=len(waiting))
        return {
            "exercise": self.id,
            "kind": self.kind,
            "summary": summary,
            "answered": answered,
            "categories_right": categories_right,
            "elements_right": elements_right,
            "points": points,
            "max_points": 2 * total,
            "score": percent,
            "scales": [
                {
                    "id": "score",
                    "title": text(lang, "distinction.score-title"),
                    "score": percent,
                    "min": 0,
                    "max": 100,
                    "note": text(lang, "distinction.score-note"),
                }
            ],
            "items": results,
            "problems": [p.to_json() for p in waiting],
            "notes": [text(lang, "distinction.note")],
        }


def _percent(points: int, maximum: int) -> int:
    """``points / maximum`` out of 100, rounded half up (exact, no float rounding)."""
    value = Fraction(100 * points, maximum) + Fraction(1, 2)
    return int(value.numerator // value.denominator)


def _category_feedback(vignette: Vignette, chosen: str, right: bool, lang: str) -> JSONObject:
    expected = label(vignette.verdict, lang)
    you = "" if right else text(lang, "distinction.you-chose", label=label(chosen, lang))
    status = "correct" if right else "incorrect"
    return {
        "id": vignette.category_item,
        "prompt": text(lang, "distinction.category-result", title=vignette.title),
        "status": status,
        "label": text(lang, f"distinction.{status}"),
        "chosen": chosen,
        "expected": vignette.verdict,
        "message": text(lang, "distinction.category-message", you=you, expected=expected,
                        explanation=vignette.explanation),
        "source": text(lang, "classify.source"),
    }


def _elements_feedback(vignette: Vignette, chosen: list[str], right: bool, lang: str) -> JSONObject:
    """What was marked right, then what was marked wrongly, then what was missed (partly right says which)."""
    expected = vignette.expected_elements()
    picks: list[str] = []
    wrong: list[str] = []
    missed: list[str] = []
    for ident, fact in ELEMENTS:
        name = text(lang, f"distinction.element-name.{ident}")
        value = vignette.facts.get(fact)
        ticked = ident in chosen
        if ticked and value is True:
            picks.append(text(lang, "distinction.picked-right", name=name))
        elif ticked:
            key = "distinction.picked-absent" if value is False else "distinction.picked-unknown"
            wrong.append(text(lang, key, name=name))
        elif value is True:
            missed.append(text(lang, "distinction.missed", name=name))
    if NO_ELEMENT in chosen:
        (picks if NO_ELEMENT in expected else wrong).append(
            text(lang, "distinction.none-right" if NO_ELEMENT in expected else "distinction.none-wrong")
        )
    elif NO_ELEMENT in expected:
        missed.append(text(lang, "distinction.none-missed"))
    hits = len(set(chosen) & set(expected))
    status = "correct" if right else ("partial" if hits else "incorrect")
    return {
        "id": vignette.elements_item,
        "prompt": text(lang, "distinction.elements-result", title=vignette.title),
        "status": status,
        "label": text(lang, f"distinction.{status}"),
        "chosen": chosen,
        "expected": expected,
        "message": text(lang, f"distinction.elements-{status}"),
        "notes": picks + wrong + missed,
        "source": text(lang, "classify.source"),
    }


def _facts(t: Table) -> dict[str, bool | None]:
    """The ``facts`` table of a vignette: known fact names, true or false; absent facts are unknown."""
    table = t.table("facts")
    facts: dict[str, bool | None] = dict.fromkeys(FACTS)
    for name, value in table.data.items():
        if name not in FACTS:
            raise t.error(f"facts.{name}", f"is not a known fact (known facts: {', '.join(FACTS)})")
        if not isinstance(value, bool):
            raise t.error(f"facts.{name}", "must be true or false (leave an unknown fact out)")
        facts[name] = value
    return facts


def parse(table: Table, common: Common) -> DistinctionQuiz:
    """Build a :class:`DistinctionQuiz`; every vignette's verdict must agree with :func:`classify`."""
    intro = table.opt_text("intro")
    vignette_tables = table.tables("vignettes")
    unique_ids(vignette_tables, table)
    sample_size = table.integer("sample_size", 10)
    if not 1 <= sample_size <= len(vignette_tables):
        raise table.error("sample_size", f"must be between 1 and the number of vignettes ({len(vignette_tables)})")
    vignettes = []
    for t in vignette_tables:
        ident = t.ident()
        title = t.text("title")
        text = t.text("text")
        verdict = t.choice("verdict", list(VERDICTS))
        facts = _facts(t)
        explanation = t.text("explanation")
        got = classify(facts).verdict
        if got != verdict:
            raise t.error("verdict", f"expected verdict {verdict!r} differs from what the facts give ({got!r})")
        t.finish()
        vignettes.append(Vignette(ident, title, text, facts, verdict, explanation))
    table.finish()
    return DistinctionQuiz(
        id=common.id,
        title=common.title,
        source=common.source,
        intro=intro,
        sample_size=sample_size,
        vignettes=tuple(vignettes),
    )


#: The decision aid's answers (``decision-aid.answer.<id>`` in the locales) and the fact value each gives.
_ANSWER_VALUES: dict[str, bool | None] = {"yes": True, "no": False, "unknown": None}


def answer_options(lang: str = DEFAULT) -> tuple[Option, ...]:
    """Yes / no / don't know, in ``lang``."""
    return tuple(Option(a, text(lang, f"decision-aid.answer.{a}")) for a in _ANSWER_VALUES)


@dataclass(frozen=True)
class Question:
    """One fact question of the decision aid."""

    fact: str
    prompt: str
    hint: str


@dataclass(frozen=True)
class DecisionAid:
    """The fact questions as yes / no / don't know; the result is the classification."""

    id: str
    title: str
    source: str
    intro: str
    questions: tuple[Question, ...]
    next_links: tuple[Link, ...] = ()
    kind: str = AID_KIND

    def links(self) -> list[tuple[str, str, str]]:
        """Every page and heading a result links to (checked at build time by ``scripts/links.py``)."""
        return [(f"links[{n}]", link.page, link.anchor) for n, link in enumerate(self.next_links, start=1)]

    def describe(self, *, lang: str = DEFAULT) -> JSONObject:
        """The seven fact questions, in order, each with yes / no / don't know (in ``lang``)."""
        options = answer_options(lang)
        items = []
        for q in self.questions:
            item = _choice(q.fact, SINGLE, q.prompt, options).describe()
            if q.hint:
                item["hint"] = q.hint
            items.append(item)
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "intro": self.intro,
            "items": items,
        }

    def facts(self, answers: Mapping[str, object], lang: str = DEFAULT) -> dict[str, bool | None]:
        """The facts the answers give (unanswered or "don't know" = unknown)."""
        return self._read(answers, lang)[0]

    def _read(self, answers: Mapping[str, object], lang: str) -> tuple[dict[str, bool | None], int]:
        """The facts, and how many questions were left unanswered; a bad answer names its question."""
        asked = [q.fact for q in self.questions]
        for key in answers:
            if key not in asked:
                raise AnswerError(text(lang, "decision-aid.unknown-question", key=key, asked=", ".join(asked)))
        facts: dict[str, bool | None] = {}
        unanswered = 0
        for number, q in enumerate(self.questions, start=1):
            value = answers.get(q.fact)
            if value is None:
                unanswered += 1
                facts[q.fact] = None
            elif isinstance(value, str) and value in _ANSWER_VALUES:
                facts[q.fact] = _ANSWER_VALUES[value]
            else:
                raise AnswerError(text(lang, "decision-aid.bad-answer", number=number, prompt=q.prompt, value=value))
        return facts, unanswered

    def score(self, answers: Mapping[str, object], *, lang: str = DEFAULT) -> JSONObject:
        """The result in ``lang``: safety notices, reasons, what to find out next and, last, the next step."""
        facts, unanswered = self._read(answers, lang)
        result = classify(facts, lang=lang)
        summary = result.summary
        if unanswered:
            summary += " " + text(lang, "decision-aid.unanswered", count=unanswered)
        source, find_out_source = text(lang, "classify.source"), text(lang, "classify.find-out-source")
        items: list[JSONObject] = [
            {"id": n.id, "status": "warning", "label": n.title, "message": n.message, "source": n.source}
            for n in result.notices
        ]
        items += [
            {"id": f"reason-{n}", "status": "info", "label": text(lang, "decision-aid.why"), "message": reason,
             "source": source}
            for n, reason in enumerate(result.reasons, start=1)
        ]
        items += [
            {
                "id": f"find-out-{fact}",
                "status": "warning",
                "label": text(lang, "decision-aid.find-out"),
                "message": ask,
                "source": find_out_source,
            }
            for fact, ask in zip(result.missing, result.find_out, strict=True)
        ]
        if result.missing:
            items.append({"id": "how-to-ask", "status": "info", "label": text(lang, "decision-aid.how"),
                          "message": text(lang, "classify.find-out.how"), "source": find_out_source})
        step = result.next_step
        items.append({"id": step.id, "status": "info", "label": step.title, "message": step.message,
                      "source": step.source, "links": [link.to_json() for link in self.next_links]})
        shown = {k: v for k, v in result.to_json().items() if k not in ("source", "summary")}
        return {"exercise": self.id, "kind": self.kind, "summary": summary, "facts": facts, **shown, "items": items}


def parse_aid(table: Table, common: Common) -> DecisionAid:
    """Build a :class:`DecisionAid`: one question per fact, each fact exactly once."""
    intro = table.opt_text("intro")
    question_tables = table.tables("questions")
    questions = []
    seen: list[str] = []
    for t in question_tables:
        fact = t.choice("fact", list(FACTS))
        if fact in seen:
            raise t.error("fact", f"fact {fact!r} is asked more than once")
        seen.append(fact)
        questions.append(Question(fact, t.text("prompt"), t.opt_text("hint")))
        t.finish()
    absent = [f for f in FACTS if f not in seen]
    if absent:
        raise table.error("questions", f"no question for fact {absent[0]!r}: every fact needs one")
    for q, t in zip(questions, question_tables, strict=True):
        for rule in RULES.for_question(q.fact):
            unnamed = rule.unnamed(f"{q.prompt} {q.hint}")
            if unnamed:
                raise t.error("prompt", f"safety rule {rule.id!r} ({rule.title}, {rule.source}): the question on fact "
                                        f"{q.fact!r} must name {unnamed[0]!r}")
    next_links = read_links(table, "links")
    table.finish()
    return DecisionAid(common.id, common.title, common.source, intro, tuple(questions), next_links)


def _int(request: Mapping[str, Any], key: str, default: int | None = None) -> int | None:
    value = request.get(key, default)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise SelfcheckError(f"{key} must be an integer")
    return value


def sample_operation(exercise: Exercise, request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``sample``: ``{"definition", "seed", "count"?, "exclude"?}`` -> ``{"ids": [...]}``."""
    if not isinstance(exercise, DistinctionQuiz):
        raise SelfcheckError(f"exercise {exercise.id!r} is not a scenario quiz")
    seed = _int(request, "seed")
    if seed is None:
        raise SelfcheckError("seed must be an integer")
    exclude = request.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(e, str) for e in exclude):
        raise SelfcheckError("exclude must be a list of vignette ids")
    return {"ids": exercise.sample(seed, _int(request, "count"), exclude)}


def best_operation(request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``distinction-best``: the best of a stored score and a new one, with its wording in ``lang``."""
    lang = language_of(request)
    values = {}
    for key in ("previous", "score"):
        value = request.get(key)
        bad = not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 100
        if value is not None and bad:
            raise SelfcheckError(f"{key} must be a number from 0 to 100 or null")
        values[key] = value
    previous, score = values["previous"], values["score"]
    candidates = [v for v in (previous, score) if v is not None]
    best = max(candidates) if candidates else None
    new_best = score is not None and (previous is None or score > previous)
    if best is None:
        message = text(lang, "distinction.best-none")
    elif new_best and previous is not None:
        message = text(lang, "distinction.best-new", best=best, previous=previous)
    else:
        message = text(lang, "distinction.best", best=best)
    return {"best": best, "new_best": new_best, "message": message}


def classify_operation(request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``classify``: ``{"facts": {...}, "lang"?}`` -> the classification as JSON."""
    lang = language_of(request)
    facts = request.get("facts", {})
    if not isinstance(facts, Mapping):
        raise SelfcheckError(text(lang, "classify.facts-not-object"))
    return classify(facts, lang=lang).to_json()


#: The scenario quiz and decision aid pages need more than "score": the bridge adds these operations
#: (this module never imports the bridge, which sits above every kind).
OPERATIONS: dict[str, Operation] = {"distinction-best": best_operation, "classify": classify_operation}
#: Operations on the exercise a request carries: the bridge parses and validates it first.
EXERCISE_OPERATIONS: dict[str, ExerciseOperation] = {"sample": sample_operation}

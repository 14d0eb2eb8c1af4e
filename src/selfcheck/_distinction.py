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
from ._classify import (
    FACTS,
    FIND_OUT,
    FIND_OUT_SOURCE,
    RULES,
    SOURCE,
    SUSPECTED,
    UNDETERMINED,
    VERDICT_LABELS,
    VERDICTS,
    classify,
)
from ._errors import AnswerError, AnswerProblem, SelfcheckError
from ._fields import Link, Table, read_links, unique_ids

KIND = "distinction-quiz"
AID_KIND = "decision-aid"

#: The quiz's category options (the verdicts), as readers see them.
CATEGORY_OPTIONS: tuple[Option, ...] = (
    Option("trafficking", "Trafficking in human beings"),
    Option(SUSPECTED, "Suspected trafficking: treat as a child victim of sexual exploitation"),
    Option("smuggling", "Migrant smuggling"),
    Option("prostitution", "Prostitution (own sex work at 18 or over, no one exploiting or coercing)"),
    Option("none", "None of these"),
    Option(UNDETERMINED, "Cannot tell yet: a key fact is unknown"),
)

#: The elements a reader can mark, and the fact each one stands for.
ELEMENTS: tuple[tuple[str, str, str], ...] = (
    ("act", "act", "Act (recruitment, transport, transfer, harbouring, receipt, control)"),
    ("means", "means", "Means (threat, force, coercion, deception, abuse of vulnerability, payment)"),
    ("purpose", "exploitation_purpose", "Purpose of exploitation"),
    ("border", "irregular_border_crossing", "Facilitated irregular border crossing"),
    ("benefit", "facilitator_benefit", "Material benefit for the facilitator"),
)
NO_ELEMENT = "no-element"
ELEMENT_OPTIONS: tuple[Option, ...] = (
    *(Option(ident, label) for ident, _, label in ELEMENTS),
    Option(NO_ELEMENT, "None of these elements"),
)
ELEMENT_NAMES = {
    "act": "Act",
    "means": "Means",
    "purpose": "Purpose",
    "border": "Border crossing",
    "benefit": "Benefit",
}

CATEGORY_PROMPT = "Which category fits this case?"
ELEMENTS_PROMPT = "Which elements do you see in the text? Choose all that apply."

#: The scenario quiz's own wording, keyed by id (issue 19 moves it to catalogues).
QUIZ_TEXTS: dict[str, str] = {
    "also_answer": "“{title}”: also answer “{prompt}” to have this case checked.",
    "none_answered": "Answer at least one case: pick a category and mark the elements you see.",
    "summary": (
        "You answered {total} case{plural}: category right in {categories}, elements exactly right in {elements}. "
        "Score: {percent} out of 100."
    ),
    "summary_waiting": " {count} more case{plural} will be checked once both questions are answered: see the message "
    "next to {it}.",
    "score_title": "Score",
    "score_note": (
        "One point for each right category and one for each case whose elements you marked exactly right, "
        "out of 100."
    ),
    "note": (
        "The deciding elements come from the definitions in guide §2.1 and §2.2. "
        "Try a new set of cases to practise the ones you found hard."
    ),
    "correct": "Correct",
    "partial": "Partly right",
    "incorrect": "Not quite",
    "category_prompt": "{title}: category",
    "elements_prompt": "{title}: elements",
    "category_message": "{you}The answer is {expected}. {explanation}",
    "you_chose": "You chose {label}. ",
    "elements_correct": "You marked exactly the elements in this case.",
    "elements_partial": "You marked some of the elements in this case, not all of them: see below.",
    "elements_incorrect": "The elements you marked are not those of this case: see below.",
    "picked_right": "Right to mark “{name}”: it is in the case.",
    "picked_absent": "You marked “{name}”, which does not apply: the case shows it is absent.",
    "picked_unknown": "You marked “{name}”, which does not apply: the text does not say, so leave it unmarked.",
    "missed": "You did not mark “{name}”, which applies: it is in the case.",
    "none_wrong": "You marked “None of these elements”, which does not apply: at least one element is in the case.",
    "none_missed": "You did not mark “None of these elements”, which applies: no element is known to be in this case.",
    "none_right": "Right to mark “None of these elements”: no element is known to be in this case.",
}

#: The decision aid's own wording, keyed by id.
AID_TEXTS: dict[str, str] = {
    "why": "Why",
    "find-out": "Find out next",
    "how": "How to ask",
    "unanswered": "Questions left unanswered count as \"don't know\" ({count}).",
    "unknown-question": "the answers name a question this decision aid does not ask: {key!r} (its questions: {asked})",
    "bad-answer": "question {number} ({prompt}): {value!r} is not an answer; choose yes, no or don't know",
    "question-rule": (
        "safety rule {rule!r} ({title}, {source}): the question on fact {fact!r} must name {term!r}"
    ),
}


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
        present = [ident for ident, fact, _ in ELEMENTS if self.facts.get(fact) is True]
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

    def _items(self, vignette: Vignette) -> tuple[ChoiceItem, ChoiceItem]:
        return (
            _choice(vignette.category_item, SINGLE, CATEGORY_PROMPT, CATEGORY_OPTIONS),
            _choice(vignette.elements_item, MULTIPLE, ELEMENTS_PROMPT, ELEMENT_OPTIONS),
        )

    def describe(self) -> JSONObject:
        """One section per vignette, holding its two questions; no answers."""
        items = []
        for vignette in self.vignettes:
            for choice in self._items(vignette):
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

    def score(self, answers: Mapping[str, object]) -> JSONObject:
        """Score each answered vignette on its own; one with a single answer waits, with a message next to it."""
        known = [c.id for v in self.vignettes for c in self._items(v)]
        check_answer_keys(answers, known)
        results: list[JSONObject] = []
        answered: list[str] = []
        waiting: list[AnswerProblem] = []
        categories_right = 0
        elements_right = 0
        for vignette in self.vignettes:
            category_item, elements_item = self._items(vignette)
            category = category_item.read_answer(answers)
            elements = elements_item.read_answer(answers)
            if category is None and elements is None:
                continue
            if category is None or elements is None:
                missing = category_item if category is None else elements_item
                waiting.append(AnswerProblem(
                    missing.id, QUIZ_TEXTS["also_answer"].format(title=vignette.title, prompt=missing.prompt)
                ))
                continue
            answered.append(vignette.id)
            category_ok = category[0] == vignette.verdict
            elements_ok = set(elements) == set(vignette.expected_elements())
            categories_right += category_ok
            elements_right += elements_ok
            results += [
                _category_feedback(vignette, category[0], category_ok),
                _elements_feedback(vignette, elements, elements_ok),
            ]
        if not answered:
            problems = waiting or [AnswerProblem(None, QUIZ_TEXTS["none_answered"])]
            raise AnswerError.of(problems)
        total = len(answered)
        points = categories_right + elements_right
        percent = _percent(points, 2 * total)
        summary = QUIZ_TEXTS["summary"].format(
            total=total, plural="s" if total != 1 else "", categories=categories_right, elements=elements_right,
            percent=percent,
        )
        if waiting:
            many = len(waiting) != 1
            summary += QUIZ_TEXTS["summary_waiting"].format(
                count=len(waiting), plural="s" if many else "", it="each" if many else "it"
            )
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
                    "title": QUIZ_TEXTS["score_title"],
                    "score": percent,
                    "min": 0,
                    "max": 100,
                    "note": QUIZ_TEXTS["score_note"],
                }
            ],
            "items": results,
            "problems": [p.to_json() for p in waiting],
            "notes": [QUIZ_TEXTS["note"]],
        }


def _percent(points: int, maximum: int) -> int:
    """``points / maximum`` out of 100, rounded half up (exact, no float rounding)."""
    value = Fraction(100 * points, maximum) + Fraction(1, 2)
    return int(value.numerator // value.denominator)


def _category_feedback(vignette: Vignette, chosen: str, right: bool) -> JSONObject:
    expected = VERDICT_LABELS[vignette.verdict]
    you = "" if right else QUIZ_TEXTS["you_chose"].format(label=VERDICT_LABELS[chosen])
    status = "correct" if right else "incorrect"
    return {
        "id": vignette.category_item,
        "prompt": QUIZ_TEXTS["category_prompt"].format(title=vignette.title),
        "status": status,
        "label": QUIZ_TEXTS[status],
        "chosen": chosen,
        "expected": vignette.verdict,
        "message": QUIZ_TEXTS["category_message"].format(
            you=you, expected=expected, explanation=vignette.explanation
        ),
        "source": SOURCE,
    }


def _elements_feedback(vignette: Vignette, chosen: list[str], right: bool) -> JSONObject:
    """What was marked right, then what was marked wrongly, then what was missed (partly right says which)."""
    expected = vignette.expected_elements()
    picks: list[str] = []
    wrong: list[str] = []
    missed: list[str] = []
    for ident, fact, _ in ELEMENTS:
        name = ELEMENT_NAMES[ident]
        value = vignette.facts.get(fact)
        ticked = ident in chosen
        if ticked and value is True:
            picks.append(QUIZ_TEXTS["picked_right"].format(name=name))
        elif ticked:
            wrong.append(QUIZ_TEXTS["picked_absent" if value is False else "picked_unknown"].format(name=name))
        elif value is True:
            missed.append(QUIZ_TEXTS["missed"].format(name=name))
    if NO_ELEMENT in chosen:
        (picks if NO_ELEMENT in expected else wrong).append(
            QUIZ_TEXTS["none_right" if NO_ELEMENT in expected else "none_wrong"]
        )
    elif NO_ELEMENT in expected:
        missed.append(QUIZ_TEXTS["none_missed"])
    hits = len(set(chosen) & set(expected))
    status = "correct" if right else ("partial" if hits else "incorrect")
    return {
        "id": vignette.elements_item,
        "prompt": QUIZ_TEXTS["elements_prompt"].format(title=vignette.title),
        "status": status,
        "label": QUIZ_TEXTS[status],
        "chosen": chosen,
        "expected": expected,
        "message": QUIZ_TEXTS[f"elements_{status}"],
        "notes": picks + wrong + missed,
        "source": SOURCE,
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


ANSWER_OPTIONS: tuple[Option, ...] = (Option("yes", "Yes"), Option("no", "No"), Option("unknown", "Don't know"))
_ANSWER_VALUES: dict[str, bool | None] = {"yes": True, "no": False, "unknown": None}


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

    def describe(self) -> JSONObject:
        """The seven fact questions, in order, each with yes / no / don't know."""
        items = []
        for q in self.questions:
            item = _choice(q.fact, SINGLE, q.prompt, ANSWER_OPTIONS).describe()
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

    def facts(self, answers: Mapping[str, object]) -> dict[str, bool | None]:
        """The facts the answers give (unanswered or "don't know" = unknown)."""
        return self._read(answers)[0]

    def _read(self, answers: Mapping[str, object]) -> tuple[dict[str, bool | None], int]:
        """The facts, and how many questions were left unanswered; a bad answer names its question."""
        asked = [q.fact for q in self.questions]
        for key in answers:
            if key not in asked:
                raise AnswerError(AID_TEXTS["unknown-question"].format(key=key, asked=", ".join(asked)))
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
                raise AnswerError(AID_TEXTS["bad-answer"].format(number=number, prompt=q.prompt, value=value))
        return facts, unanswered

    def score(self, answers: Mapping[str, object]) -> JSONObject:
        """The result: safety notices, reasons, what to find out next and, last, the next step."""
        facts, unanswered = self._read(answers)
        result = classify(facts)
        summary = result.summary
        if unanswered:
            summary += " " + AID_TEXTS["unanswered"].format(count=unanswered)
        items: list[JSONObject] = [
            {"id": n.id, "status": "warning", "label": n.title, "message": n.message, "source": n.source}
            for n in result.notices
        ]
        items += [
            {"id": f"reason-{n}", "status": "info", "label": AID_TEXTS["why"], "message": reason, "source": SOURCE}
            for n, reason in enumerate(result.reasons, start=1)
        ]
        items += [
            {
                "id": f"find-out-{fact}",
                "status": "warning",
                "label": AID_TEXTS["find-out"],
                "message": ask,
                "source": FIND_OUT_SOURCE,
            }
            for fact, ask in zip(result.missing, result.find_out, strict=True)
        ]
        if result.missing:
            items.append({"id": "how-to-ask", "status": "info", "label": AID_TEXTS["how"],
                          "message": FIND_OUT["how"], "source": FIND_OUT_SOURCE})
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
                raise t.error("prompt", AID_TEXTS["question-rule"].format(
                    rule=rule.id, title=rule.title, source=rule.source, fact=q.fact, term=unnamed[0]))
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
    """Bridge op ``distinction-best``: the best of a stored score and a new one, with its wording."""
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
        message = "No best score yet on this device."
    elif new_best and previous is not None:
        message = f"New best score on this device: {best} out of 100 (before: {previous})."
    else:
        message = f"Your best score on this device: {best} out of 100."
    return {"best": best, "new_best": new_best, "message": message}


def classify_operation(request: Mapping[str, Any]) -> JSONObject:
    """Bridge op ``classify``: ``{"facts": {...}}`` -> the classification as JSON."""
    facts = request.get("facts", {})
    if not isinstance(facts, Mapping):
        raise SelfcheckError("facts must be a JSON object mapping fact names to true, false or null")
    return classify(facts).to_json()


#: The scenario quiz and decision aid pages need more than "score": the bridge adds these operations
#: (this module never imports the bridge, which sits above every kind).
OPERATIONS: dict[str, Operation] = {"distinction-best": best_operation, "classify": classify_operation}
#: Operations on the exercise a request carries: the bridge parses and validates it first.
EXERCISE_OPERATIONS: dict[str, ExerciseOperation] = {"sample": sample_operation}

"""Trafficking, migrant smuggling or prostitution: a result from the facts of a case.

The rules that decide the verdict follow guide §2.1 (the Palermo Protocol) and
guide §2.2, with the Council of Europe Convention (CETS 197) where the guide is
silent:

* trafficking in human beings is an act (recruitment, transportation, transfer,
  harbouring, receipt, exchange or transfer of control) by a means (threat,
  force, coercion, abduction, fraud, deception, abuse of power or of a position
  of vulnerability, payments to a person who has control over the person) for
  the purpose of exploitation. For a child (under 18) no means is needed; once
  a means was used the person's consent does not matter. A child who sells sex
  is being sexually exploited, so with an act it is trafficking, and without
  one it is *suspected trafficking*: the child is treated as a child victim of
  sexual exploitation (CETS 197 art. 4(c), Directive 2011/36/EU art. 2(5));
* migrant smuggling is facilitating someone's irregular entry into a country
  where they are not a national or permanent resident, for a financial or
  other material benefit;
* prostitution, in the guide's sense, is a person aged 18 or over earning their
  own living by selling sex, with no one exploiting or coercing them.

Facts are tri-state: ``True``, ``False`` or ``None`` (unknown), and all seven
must be given. A verdict is given only when every way of filling in the unknown
facts leads to the same verdict (or only to trafficking and suspected
trafficking, which settles as suspected trafficking); otherwise the verdict is
``undetermined`` and ``missing`` lists each unknown fact that can change it.
An unknown age is the exception: the safety rule ``presumed-child`` settles it
as under 18 (CETS 197 art. 10(3)), and the result for a person aged 18 or over
is computed too and shown beside it.

The safety rules in ``safety.toml`` (see :mod:`._safety`) are applied to every
result: their notices are added, and a result that breaks one of their
``never`` or ``never_say`` guards is an error, never shown.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from ._base import JSONObject
from ._errors import AnswerError
from ._locale import DEFAULT, Words, check_language, text
from ._safety import Notice, Rules, load_rules

#: The fact names, in the order questions are asked. Facilitators and tests rely on them.
#: ``own_livelihood_sex_work`` keeps its name for compatibility; it means "the person sells sex".
FACTS: tuple[str, ...] = (
    "under_18",
    "act",
    "means",
    "exploitation_purpose",
    "irregular_border_crossing",
    "facilitator_benefit",
    "own_livelihood_sex_work",
)

TRAFFICKING = "trafficking"
SUSPECTED = "suspected-trafficking"
SMUGGLING = "smuggling"
PROSTITUTION = "prostitution"
NONE = "none"
UNDETERMINED = "undetermined"

#: Every verdict, most serious first (trafficking takes precedence).
VERDICTS: tuple[str, ...] = (TRAFFICKING, SUSPECTED, SMUGGLING, PROSTITUTION, NONE, UNDETERMINED)

#: The offences ``also`` may list (a verdict, not an offence, is never listed there).
OFFENCES: tuple[str, ...] = (TRAFFICKING, SMUGGLING, PROSTITUTION)

#: When the only possible verdicts are these, the result settles as the key (the unknown facts stay "missing").
SETTLES_AS: dict[str, frozenset[str]] = {SUSPECTED: frozenset({TRAFFICKING, SUSPECTED})}

#: Where the verdict rules come from; ``classify.source`` in the locales cites it for readers.
#: The reader-facing words are in the locales under ``classify``: ``label.<verdict>`` (how each verdict
#: is named; no label says "adult": it may be shown for a person who may be a child), ``short.<verdict>``
#: (named briefly, in lists), ``question.<fact>`` (what each fact means, as a question),
#: ``find-out.<fact>`` ("what to find out next", with concrete questions to ask: guide §5.1),
#: ``reason.…`` (the reasons that explain a verdict) and the result's own wording.

#: Wording variants of "find out next": when the fact ``other`` is known to be ``value``, the key
#: ``find-out.<variant>`` is used for ``fact`` instead, so the words match the facts.
FIND_OUT_VARIANTS: dict[str, tuple[str, str, bool]] = {
    "facilitator_benefit-after-crossing": ("facilitator_benefit", "irregular_border_crossing", True),
}

#: The verdicts' labels and the fact questions in English, by id (the locales hold every language).
VERDICT_LABELS: Mapping[str, str] = Words("classify.label")
QUESTIONS: Mapping[str, str] = Words("classify.question")


def find_out(fact: str, facts: Mapping[str, bool | None], lang: str = DEFAULT) -> str:
    """What to find out about ``fact``, in the wording that matches the known ``facts``, in ``lang``."""
    for variant, (name, other, value) in FIND_OUT_VARIANTS.items():
        if name == fact and facts.get(other) is value:
            return text(lang, f"classify.find-out.{variant}")
    return text(lang, f"classify.find-out.{fact}")


def label(verdict: str, lang: str = DEFAULT) -> str:
    """How a verdict is named for readers, in ``lang``."""
    return text(lang, f"classify.label.{verdict}")


#: The safety rules (``safety.toml``), checked against the facts and verdicts above when the module loads.
RULES = load_rules(FACTS, VERDICTS)


@functools.cache
def rules_in(lang: str) -> Rules:
    """The safety rules with their words in ``lang`` (the same structure as :data:`RULES`)."""
    return RULES if lang == DEFAULT else load_rules(FACTS, VERDICTS, check_language(lang))


@dataclass(frozen=True)
class AgeAnswer:
    """When the age is unknown: the result to act on (presumed value) and the result for the other value."""

    fact: str
    presumed: bool
    act_on: str
    other: str
    lang: str = DEFAULT

    def to_json(self) -> JSONObject:
        """The two results as a JSON object (labels in the answer's language)."""
        return {
            "fact": self.fact,
            "presumed": self.presumed,
            "act_on": {"verdict": self.act_on, "label": label(self.act_on, self.lang)},
            "other": {"verdict": self.other, "label": label(self.other, self.lang)},
            "differ": self.act_on != self.other,
        }


@dataclass(frozen=True)
class Classification:
    """The result for a set of facts: verdict, what else is established, what is missing, why, and what to do.

    Its sentences are in ``lang``; the verdict, the facts and the ids are the same in every language.
    """

    verdict: str
    also: tuple[str, ...]
    missing: tuple[str, ...]
    reasons: tuple[str, ...]
    notices: tuple[Notice, ...] = ()
    age: AgeAnswer | None = None
    next_step: Notice = RULES.next_step
    find_out: tuple[str, ...] = ()
    lang: str = DEFAULT

    @property
    def label(self) -> str:
        """The verdict as readers see it."""
        return label(self.verdict, self.lang)

    @property
    def summary(self) -> str:
        """One or two sentences: the result (for a presumed child when the age is unknown), and what else holds."""
        lang = self.lang
        key = "classify.summary-presumed" if self.age is not None else "classify.summary"
        parts = [text(lang, key, label=self.label)]
        if self.verdict == UNDETERMINED:
            parts.append(text(lang, "classify.summary-undetermined"))
        if self.also:
            offences = text(lang, "classify.list-separator").join(text(lang, f"classify.short.{a}") for a in self.also)
            parts.append(text(lang, "classify.summary-also", offences=offences))
        return " ".join(parts)

    def texts(self) -> list[str]:
        """Every sentence the result shows (what the safety rules' ``never_say`` is checked against)."""
        lang = self.lang
        texts = [self.summary, self.label, *self.reasons, *self.find_out]
        texts += [text(lang, f"classify.question.{f}") for f in self.missing]
        if self.missing:
            texts.append(text(lang, "classify.find-out.how"))
        texts += [t for n in (*self.notices, self.next_step) for t in (n.title, n.message)]
        texts += [label(a, lang) for a in self.also]
        return texts

    def to_json(self) -> JSONObject:
        """The classification as a JSON object (what the CLI prints); the next step comes last."""
        return {
            "verdict": self.verdict,
            "label": self.label,
            "summary": self.summary,
            "also": list(self.also),
            "missing": list(self.missing),
            "find_out": list(self.find_out),
            "reasons": list(self.reasons),
            "age": None if self.age is None else self.age.to_json(),
            "notices": [n.to_json() for n in self.notices],
            "source": text(self.lang, "classify.source"),
            "next_step": self.next_step.to_json(),
        }


Facts = dict[str, bool | None]


def read_facts(facts: Mapping[str, object], lang: str = DEFAULT) -> Facts:
    """Validate ``facts``: all seven known names, each true, false or null (null when unknown)."""
    if not isinstance(facts, Mapping):
        raise AnswerError(text(lang, "classify.facts-not-object"))
    unknown = [name for name in facts if name not in FACTS]
    if unknown:
        raise AnswerError(text(lang, "classify.unknown-fact", fact=unknown[0], facts=", ".join(FACTS)))
    out: Facts = {}
    absent = []
    for name in FACTS:
        if name not in facts:
            absent.append(name)
            continue
        value = facts[name]
        if value is None or isinstance(value, bool):
            out[name] = value
        else:
            raise AnswerError(text(lang, "classify.bad-fact", fact=name, value=value))
    if absent:
        names = ", ".join(repr(n) for n in absent)
        raise AnswerError(text(lang, "classify.missing-facts" if len(absent) > 1 else "classify.missing-fact",
                               facts=names))
    return out


def _offences(f: Mapping[str, bool]) -> dict[str, bool]:
    """Which verdicts' definitions hold for complete facts (a verdict can hold without being the verdict)."""
    child_sex = f["under_18"] and f["own_livelihood_sex_work"]
    trafficking = f["act"] and ((f["exploitation_purpose"] and (f["means"] or f["under_18"])) or child_sex)
    return {
        TRAFFICKING: trafficking,
        SUSPECTED: child_sex and not trafficking,
        SMUGGLING: f["irregular_border_crossing"] and f["facilitator_benefit"],
        PROSTITUTION: (
            f["own_livelihood_sex_work"] and not f["under_18"] and not f["exploitation_purpose"] and not f["means"]
        ),
    }


def verdict_of(f: Mapping[str, bool]) -> str:
    """The verdict for complete facts (every fact true or false): the most serious definition that holds."""
    holds = _offences(f)
    return next((v for v in (TRAFFICKING, SUSPECTED, SMUGGLING, PROSTITUTION) if holds[v]), NONE)


def _completions(facts: Facts) -> list[dict[str, bool]]:
    unknown = [name for name in FACTS if facts[name] is None]
    out = []
    for values in itertools.product((False, True), repeat=len(unknown)):
        filled = {name: bool(facts[name]) for name in FACTS if facts[name] is not None}
        filled.update(zip(unknown, values, strict=True))
        out.append(filled)
    return out


def settle(facts: Facts) -> str:
    """The verdict for facts with unknowns: the one verdict every filling gives, else ``undetermined``."""
    possible = {verdict_of(c) for c in _completions(facts)}
    if len(possible) == 1:
        return possible.pop()
    return next((v for v, covered in SETTLES_AS.items() if possible <= covered), UNDETERMINED)


def classify(facts: Mapping[str, object], *, lang: str = DEFAULT) -> Classification:
    """Classify a case from its seven facts (each true, false or null for unknown), with every safety rule applied.

    The result's sentences are in ``lang``. The safety rules' guards are checked on the English
    result, which has the same verdict, reasons and notices (the locales' tests check the words of
    the other languages).
    """
    check_language(lang)
    known = read_facts(facts, lang)
    result = _classify(known, lang)
    english = result if lang == DEFAULT else _classify(known, DEFAULT)
    RULES.check(known, english.verdict, english.also, english.texts())
    return result


def _classify(known: Facts, lang: str) -> Classification:
    rules = rules_in(lang)
    presumption = rules.presumption
    age = None
    basis = known
    if presumption is not None and presumption.presume is not None and presumption.applies(known, None):
        fact, value = presumption.presume
        basis = {**known, fact: value}
        age = AgeAnswer(fact, value, settle(basis), settle({**known, fact: not value}), lang)
    verdict = settle(basis)
    completions = _completions(known)
    missing = tuple(
        name
        for name in FACTS
        if known[name] is None
        and any(verdict_of({**c, name: True}) != verdict_of({**c, name: False}) for c in completions)
    )
    filled = _completions(basis)
    also = tuple(o for o in OFFENCES if o != verdict and all(_offences(c)[o] for c in filled))
    possible = sorted({verdict_of(c) for c in filled}, key=VERDICTS.index)
    reasons = tuple(_reasons(basis, verdict, also, possible, age is not None, lang))
    notices = []
    for rule in rules.applying(known, verdict):
        if rule is presumption and age is not None:
            template = rule.if_differ if age.act_on != age.other else rule.if_same
            extra = template.format(act_on=label(age.act_on, lang), other=label(age.other, lang))
            notices.append(rule.notice(f"{rule.message} {extra}"))
        elif rule.message:
            notices.append(rule.notice())
    asks = tuple(find_out(name, known, lang) for name in missing)
    return Classification(verdict, also, missing, reasons, tuple(notices), age, rules.next_step, asks, lang)


def _reason(lang: str, key: str, **fields: object) -> str:
    return text(lang, f"classify.reason.{key}", **fields)


def _say(facts: Facts, name: str, lang: str, presumed: bool = False) -> str:
    if name == "under_18" and presumed:
        return _reason(lang, "under_18.presumed")
    return _reason(lang, f"{name}.{'yes' if facts[name] else 'no'}")


def _reasons(
    facts: Facts, verdict: str, also: tuple[str, ...], possible: list[str], presumed: bool, lang: str
) -> list[str]:
    if verdict == TRAFFICKING:
        return _why_trafficking(facts, also, presumed, lang)
    if verdict == SUSPECTED:
        return _why_suspected(facts, also, presumed, lang)
    if verdict == UNDETERMINED:
        reasons = [_say(facts, name, lang, presumed) for name in FACTS if facts[name] is not None]
        names = [text(lang, f"classify.short.{v}") for v in possible]
        options = text(lang, "classify.list-separator").join(names[:-1]) + text(lang, "classify.or") + names[-1]
        reasons.append(_reason(lang, "could-be", options=options))
        return reasons
    reasons = _why_not_trafficking(facts, lang)
    if verdict == SMUGGLING:
        reasons += [_say(facts, "irregular_border_crossing", lang), _say(facts, "facilitator_benefit", lang)]
        reasons.append(_reason(lang, "smuggling-ends"))
    else:
        reasons += _why_not_smuggling(facts, lang)
    if PROSTITUTION in (verdict, *also):
        reasons.append(_reason(lang, "prostitution"))
    elif facts["own_livelihood_sex_work"] and facts["exploitation_purpose"]:
        reasons.append(_reason(lang, "sex-work-exploited"))
    elif facts["own_livelihood_sex_work"] and facts["means"]:
        reasons.append(_reason(lang, "sex-work-coerced"))
    elif verdict == NONE:
        reasons.append(_reason(lang, "none"))
    return reasons


def _why_trafficking(facts: Facts, also: tuple[str, ...], presumed: bool, lang: str) -> list[str]:
    reasons = [_say(facts, "act", lang)]
    if facts["under_18"]:
        reasons.append(_say(facts, "under_18", lang, presumed))
    if facts["means"]:
        reasons.append(_say(facts, "means", lang))
    if facts["exploitation_purpose"]:
        reasons.append(_say(facts, "exploitation_purpose", lang))
    else:
        reasons.append(_reason(lang, "child-sex"))
    reasons += _border(facts, also, lang)
    return reasons


def _why_suspected(facts: Facts, also: tuple[str, ...], presumed: bool, lang: str) -> list[str]:
    reasons = [_say(facts, "under_18", lang, presumed), _reason(lang, "child-sex")]
    reasons.append(_reason(lang, "suspected.act-no" if facts["act"] is False else "suspected.act-unknown"))
    if SMUGGLING in also:
        reasons += [_say(facts, "irregular_border_crossing", lang), _say(facts, "facilitator_benefit", lang)]
    return reasons


def _border(facts: Facts, also: tuple[str, ...], lang: str) -> list[str]:
    if SMUGGLING in also:
        return [_reason(lang, "also-smuggling")]
    if facts["irregular_border_crossing"] is not True:
        return [_reason(lang, "no-border-needed")]
    return []


def _why_not_trafficking(facts: Facts, lang: str) -> list[str]:
    """The known elements that rule trafficking out (at least one when the verdict is settled)."""
    reasons = []
    if facts["act"] is False:
        reasons.append(_say(facts, "act", lang))
    if facts["exploitation_purpose"] is False:
        reasons.append(_say(facts, "exploitation_purpose", lang))
    if facts["means"] is False and facts["under_18"] is False:
        reasons.append(_reason(lang, "not-trafficking-no-means"))
    return reasons


def _why_not_smuggling(facts: Facts, lang: str) -> list[str]:
    if facts["irregular_border_crossing"] is False:
        return [_say(facts, "irregular_border_crossing", lang)]
    if facts["facilitator_benefit"] is False:
        return [_say(facts, "facilitator_benefit", lang)]
    return []

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

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from ._base import JSONObject
from ._errors import AnswerError
from ._safety import Notice, load_rules

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

#: How each verdict is named for readers (no label says "adult": it may be shown for a person who may be a child).
VERDICT_LABELS: dict[str, str] = {
    TRAFFICKING: "trafficking in human beings",
    SUSPECTED: "suspected trafficking (treat the person as a child victim of sexual exploitation)",
    SMUGGLING: "migrant smuggling",
    PROSTITUTION: "prostitution (own sex work by a person aged 18 or over, with no one exploiting or coercing them)",
    NONE: "none of the three",
    UNDETERMINED: "cannot be settled yet (a key fact is unknown)",
}

#: Verdicts named briefly, in lists.
VERDICT_SHORT: dict[str, str] = {
    TRAFFICKING: "trafficking",
    SUSPECTED: "suspected trafficking of a child",
    SMUGGLING: "migrant smuggling",
    PROSTITUTION: "prostitution",
    NONE: "none of the three",
    UNDETERMINED: "not yet settled",
}

SOURCE = "guide §2.1 and §2.2"

#: What each fact means, as a question (used for "what to find out next").
QUESTIONS: dict[str, str] = {
    "under_18": "Is the person under 18?",
    "act": (
        "Did someone recruit, transport, transfer, harbour or receive the person, "
        "or exchange or transfer control over them?"
    ),
    "means": (
        "Was a means used: threat, force or other coercion, abduction, fraud, deception, abuse of power or of a "
        "position of vulnerability, or payments to someone who has control over the person?"
    ),
    "exploitation_purpose": (
        "Was the purpose to exploit the person? The law's list is a minimum: the exploitation of the prostitution "
        "of others or other sexual exploitation, forced labour or services (including begging), slavery or "
        "practices similar to it, servitude, the exploitation of criminal activities, the removal of organs, and "
        "(Directive (EU) 2024/1712) the exploitation of surrogacy, of forced marriage or of illegal adoption."
    ),
    "irregular_border_crossing": (
        "Did someone help the person enter, irregularly, a country where they are not a national "
        "or permanent resident?"
    ),
    "facilitator_benefit": (
        "Did whoever helped with the crossing get, or expect, money or another material benefit for it?"
    ),
    "own_livelihood_sex_work": "Does the person sell sex (for money or anything else of value), whoever keeps it?",
}

#: "Find out next": for each fact that can still change the result, what to find out and concrete questions
#: to ask (guide §5.1: the signs of trafficking and how to talk with the person). A key "fact.if.other.value"
#: is the wording when the fact ``other`` is known to be ``value`` (yes or no), so the words match the facts.
FIND_OUT: dict[str, str] = {
    "under_18": (
        "Find out the person's age. Ask gently, for example: “How old are you?” and “Do you have a document with "
        "your date of birth, or does someone else hold it?” Until the age is established, a person who may be "
        "under 18 is treated as a child; establishing it is for the authorities."
    ),
    "act": (
        "Find out how the person came to be where they are. You could ask: “How did you find this work or this "
        "place?”, “Who arranged the journey, and who paid for it?”, “Who met you when you arrived?” and “Where do "
        "you live now, and who decides whether you can leave?”"
    ),
    "means": (
        "Find out whether anyone used threats, force, lies, a debt or the person's difficult situation. You could "
        "ask: “Before you started, were you told the truth about the work and the pay?”, “Do you owe money to "
        "anyone for the journey, the housing or the work?”, “Who keeps your identity documents?” and “Has anyone "
        "threatened you or someone in your family?”"
    ),
    "exploitation_purpose": (
        "Find out whether someone profits from the person's work, body or situation. You could ask: “Who keeps "
        "the money you earn?”, “Are you paid what you were promised?”, “Can you say no to a task, or stop "
        "working, when you want?” and “What happens if you refuse?”"
    ),
    "irregular_border_crossing": (
        "Find out how the person entered the country. You could ask: “How did you travel here?” and “Did you "
        "cross the border with your own passport or identity card, or did someone take you across another way?”"
    ),
    "facilitator_benefit": (
        "Find out whether anyone who helped with a crossing was paid. You could ask: “If someone helped you cross "
        "a border, did you or your family pay them, or promise to pay them later?”"
    ),
    "facilitator_benefit.if.irregular_border_crossing.yes": (
        "Find out whether whoever helped with the crossing was paid. You could ask: “Did you or your family pay "
        "the person who helped you cross, or promise to pay them later?” and “Do you still owe them anything?”"
    ),
    "own_livelihood_sex_work": (
        "Find out, with care and only if it matters for the help the person needs, whether they sell sex. You "
        "could ask: “What work do you do, and who finds the customers?” and “Has anyone asked you to have sex "
        "with someone in exchange for money, a place to stay or anything else?”"
    ),
    "how": (
        "Ask only when the person is ready to talk, with their agreement, and only what you need to decide how "
        "to help; they may refuse any question. Finding evidence is the police's job, not yours."
    ),
}

FIND_OUT_SOURCE = "guide §5.1"


def find_out(fact: str, facts: Mapping[str, bool | None]) -> str:
    """What to find out about ``fact``, in the wording that matches the known ``facts``."""
    for key, text in FIND_OUT.items():
        name, _, condition = key.partition(".if.")
        if name == fact and condition:
            other, _, value = condition.rpartition(".")
            if facts.get(other) is (value == "yes"):
                return text
    return FIND_OUT[fact]


#: The reasons that explain a verdict, keyed by id (one place for every sentence, ready for translation).
REASONS: dict[str, str] = {
    "under_18.yes": "The person is under 18, so no means is needed for trafficking: an act and a purpose are enough.",
    "under_18.presumed": (
        "The person's age is not known and they are presumed to be under 18, so no means is needed for "
        "trafficking: an act and a purpose are enough."
    ),
    "under_18.no": "The person is an adult, so trafficking also needs a means.",
    "act.yes": (
        "Act: the person was recruited, transported, transferred, harboured or received, "
        "or control over them was handed over."
    ),
    "act.no": (
        "Act: no one recruited, transported, transferred, harboured or received the person, "
        "or took control over them, so it is not trafficking."
    ),
    "means.yes": (
        "Means: threat, force, coercion, abduction, fraud, deception, abuse of power or of vulnerability, "
        "or payment to someone in control was used, so any consent the person gave does not count."
    ),
    "means.no": "Means: no coercion, deception, abuse of vulnerability or similar means was used.",
    "exploitation_purpose.yes": (
        "Purpose: the aim was to exploit the person (for example sexually, through forced labour, services or "
        "begging, servitude or forced criminal activity)."
    ),
    "exploitation_purpose.no": "Purpose: no one aimed to exploit the person, so it is not trafficking.",
    "irregular_border_crossing.yes": (
        "Border: someone facilitated the person's irregular entry into a country where they are not a national "
        "or permanent resident."
    ),
    "irregular_border_crossing.no": (
        "Border: no one facilitated an irregular entry into another country, so it is not migrant smuggling."
    ),
    "facilitator_benefit.yes": "Benefit: the facilitator got, or expected, money or another material benefit.",
    "facilitator_benefit.no": (
        "Benefit: whoever helped with the crossing gained nothing material from it, so it is not migrant smuggling."
    ),
    "own_livelihood_sex_work.yes": "The person sells sex.",
    "own_livelihood_sex_work.no": "The person does not sell sex.",
    "child-sex": (
        "The person is under 18 and sells sex: in law that is the sexual exploitation of a child, whatever the child "
        "says and whoever keeps the money, so the purpose of exploitation is there."
    ),
    "suspected.act-no": (
        "No one has been found yet who recruited, moved, harboured or received the child, so this is suspected "
        "trafficking: ask again, because whoever profits from a child's commercial sex usually does one of these."
    ),
    "suspected.act-unknown": (
        "Find out whether someone recruited, moved, harboured or received the child: with that act it is "
        "trafficking; until then it is suspected trafficking."
    ),
    "also-smuggling": (
        "The journey was also migrant smuggling (a facilitated irregular crossing for a benefit); "
        "the exploitation makes it trafficking, which takes precedence."
    ),
    "no-border-needed": "No border needs to be crossed: trafficking can happen within one country.",
    "smuggling-ends": "The relationship with the smuggler ends after the border and involves no exploitation.",
    "not-trafficking-no-means": (
        "Means: no coercion, deception, abuse of vulnerability or similar means was used, and the person is an "
        "adult, so it is not trafficking under the international definition."
    ),
    "prostitution": (
        "The person is an adult earning their own living from sex work, and no one exploits or coerces them: "
        "prostitution in the guide's sense, not trafficking."
    ),
    "sex-work-exploited": "Someone exploits the person's sex work, so it is not prostitution in the guide's sense.",
    "sex-work-coerced": (
        "Someone coerces the person, so it is not prostitution in the guide's sense: coercion is never a free choice."
    ),
    "none": "None of the three is established by these facts.",
    "could-be": "Depending on the facts still unknown, this could be {options}.",
}

#: Other wording of a result, keyed by id.
TEXTS: dict[str, str] = {
    "summary": "Result: {label}.",
    "summary-presumed": "Result, for a person presumed to be under 18 until their age is established: {label}.",
    "summary-undetermined": "Find out the facts listed under \"Find out next\" first.",
    "summary-also": "Also established: {offences}.",
    "or": " or ",
    "list-separator": ", ",
}

#: The safety rules (``safety.toml``), checked against the facts and verdicts above when the module loads.
RULES = load_rules(FACTS, VERDICTS)


@dataclass(frozen=True)
class AgeAnswer:
    """When the age is unknown: the result to act on (presumed value) and the result for the other value."""

    fact: str
    presumed: bool
    act_on: str
    other: str

    def to_json(self) -> JSONObject:
        """The two results as a JSON object."""
        return {
            "fact": self.fact,
            "presumed": self.presumed,
            "act_on": {"verdict": self.act_on, "label": VERDICT_LABELS[self.act_on]},
            "other": {"verdict": self.other, "label": VERDICT_LABELS[self.other]},
            "differ": self.act_on != self.other,
        }


@dataclass(frozen=True)
class Classification:
    """The result for a set of facts: verdict, what else is established, what is missing, why, and what to do."""

    verdict: str
    also: tuple[str, ...]
    missing: tuple[str, ...]
    reasons: tuple[str, ...]
    notices: tuple[Notice, ...] = ()
    age: AgeAnswer | None = None
    next_step: Notice = RULES.next_step
    find_out: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The verdict as readers see it."""
        return VERDICT_LABELS[self.verdict]

    @property
    def summary(self) -> str:
        """One or two sentences: the result (for a presumed child when the age is unknown), and what else holds."""
        key = "summary-presumed" if self.age is not None else "summary"
        parts = [TEXTS[key].format(label=self.label)]
        if self.verdict == UNDETERMINED:
            parts.append(TEXTS["summary-undetermined"])
        if self.also:
            offences = TEXTS["list-separator"].join(VERDICT_SHORT[a] for a in self.also)
            parts.append(TEXTS["summary-also"].format(offences=offences))
        return " ".join(parts)

    def texts(self) -> list[str]:
        """Every sentence the result shows (what the safety rules' ``never_say`` is checked against)."""
        texts = [self.summary, self.label, *self.reasons, *(QUESTIONS[f] for f in self.missing), *self.find_out]
        if self.missing:
            texts.append(FIND_OUT["how"])
        texts += [t for n in (*self.notices, self.next_step) for t in (n.title, n.message)]
        texts += [VERDICT_LABELS[a] for a in self.also]
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
            "source": SOURCE,
            "next_step": self.next_step.to_json(),
        }


Facts = dict[str, bool | None]


def read_facts(facts: Mapping[str, object]) -> Facts:
    """Validate ``facts``: all seven known names, each true, false or null (null when unknown)."""
    if not isinstance(facts, Mapping):
        raise AnswerError("facts must be a JSON object mapping fact names to true, false or null")
    unknown = [name for name in facts if name not in FACTS]
    if unknown:
        raise AnswerError(f"unknown fact {unknown[0]!r} (known facts: {', '.join(FACTS)})")
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
            raise AnswerError(f"fact {name!r} must be true, false or null, got {value!r}")
    if absent:
        names = ", ".join(repr(n) for n in absent)
        raise AnswerError(
            f"missing fact{'s' if len(absent) > 1 else ''} {names}: give all seven facts, each true, false or null "
            "(null when unknown)"
        )
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


def classify(facts: Mapping[str, object]) -> Classification:
    """Classify a case from its seven facts (each true, false or null for unknown), with every safety rule applied."""
    known = read_facts(facts)
    presumption = RULES.presumption
    age = None
    basis = known
    if presumption is not None and presumption.presume is not None and presumption.applies(known, None):
        fact, value = presumption.presume
        basis = {**known, fact: value}
        age = AgeAnswer(fact, value, settle(basis), settle({**known, fact: not value}))
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
    reasons = tuple(_reasons(basis, verdict, also, possible, presumed=age is not None))
    notices = []
    for rule in RULES.applying(known, verdict):
        if rule is presumption and age is not None:
            template = rule.if_differ if age.act_on != age.other else rule.if_same
            extra = template.format(act_on=VERDICT_LABELS[age.act_on], other=VERDICT_LABELS[age.other])
            notices.append(rule.notice(f"{rule.message} {extra}"))
        elif rule.message:
            notices.append(rule.notice())
    asks = tuple(find_out(name, known) for name in missing)
    result = Classification(verdict, also, missing, reasons, tuple(notices), age, find_out=asks)
    RULES.check(known, verdict, also, result.texts())
    return result


def _say(facts: Facts, name: str, presumed: bool = False) -> str:
    if name == "under_18" and presumed:
        return REASONS["under_18.presumed"]
    return REASONS[f"{name}.{'yes' if facts[name] else 'no'}"]


def _reasons(facts: Facts, verdict: str, also: tuple[str, ...], possible: list[str], presumed: bool) -> list[str]:
    if verdict == TRAFFICKING:
        return _why_trafficking(facts, also, presumed)
    if verdict == SUSPECTED:
        return _why_suspected(facts, also, presumed)
    if verdict == UNDETERMINED:
        reasons = [_say(facts, name, presumed) for name in FACTS if facts[name] is not None]
        names = [VERDICT_SHORT[v] for v in possible]
        options = TEXTS["list-separator"].join(names[:-1]) + TEXTS["or"] + names[-1]
        reasons.append(REASONS["could-be"].format(options=options))
        return reasons
    reasons = _why_not_trafficking(facts)
    if verdict == SMUGGLING:
        reasons += [_say(facts, "irregular_border_crossing"), _say(facts, "facilitator_benefit")]
        reasons.append(REASONS["smuggling-ends"])
    else:
        reasons += _why_not_smuggling(facts)
    if PROSTITUTION in (verdict, *also):
        reasons.append(REASONS["prostitution"])
    elif facts["own_livelihood_sex_work"] and facts["exploitation_purpose"]:
        reasons.append(REASONS["sex-work-exploited"])
    elif facts["own_livelihood_sex_work"] and facts["means"]:
        reasons.append(REASONS["sex-work-coerced"])
    elif verdict == NONE:
        reasons.append(REASONS["none"])
    return reasons


def _why_trafficking(facts: Facts, also: tuple[str, ...], presumed: bool) -> list[str]:
    reasons = [_say(facts, "act")]
    if facts["under_18"]:
        reasons.append(_say(facts, "under_18", presumed))
    if facts["means"]:
        reasons.append(_say(facts, "means"))
    if facts["exploitation_purpose"]:
        reasons.append(_say(facts, "exploitation_purpose"))
    else:
        reasons.append(REASONS["child-sex"])
    reasons += _border(facts, also)
    return reasons


def _why_suspected(facts: Facts, also: tuple[str, ...], presumed: bool) -> list[str]:
    reasons = [_say(facts, "under_18", presumed), REASONS["child-sex"]]
    reasons.append(REASONS["suspected.act-no" if facts["act"] is False else "suspected.act-unknown"])
    if SMUGGLING in also:
        reasons += [_say(facts, "irregular_border_crossing"), _say(facts, "facilitator_benefit")]
    return reasons


def _border(facts: Facts, also: tuple[str, ...]) -> list[str]:
    if SMUGGLING in also:
        return [REASONS["also-smuggling"]]
    if facts["irregular_border_crossing"] is not True:
        return [REASONS["no-border-needed"]]
    return []


def _why_not_trafficking(facts: Facts) -> list[str]:
    """The known elements that rule trafficking out (at least one when the verdict is settled)."""
    reasons = []
    if facts["act"] is False:
        reasons.append(_say(facts, "act"))
    if facts["exploitation_purpose"] is False:
        reasons.append(_say(facts, "exploitation_purpose"))
    if facts["means"] is False and facts["under_18"] is False:
        reasons.append(REASONS["not-trafficking-no-means"])
    return reasons


def _why_not_smuggling(facts: Facts) -> list[str]:
    if facts["irregular_border_crossing"] is False:
        return [_say(facts, "irregular_border_crossing")]
    if facts["facilitator_benefit"] is False:
        return [_say(facts, "facilitator_benefit")]
    return []

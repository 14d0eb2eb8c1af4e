"""Trafficking, migrant smuggling or prostitution: a verdict from the facts of a case.

The definitions follow guide §2.1 (the Palermo Protocol) and guide §2.2:

* trafficking in human beings is an act (recruitment, transportation, transfer,
  harbouring, receipt, exchange or transfer of control) by a means (threat,
  force, coercion, abduction, fraud, deception, abuse of power or of a position
  of vulnerability, payments to a person who has control over the person) for
  the purpose of exploitation. For a child (under 18) no means is needed; once
  a means was used the person's consent does not matter;
* migrant smuggling is facilitating someone's irregular entry into a country
  where they are not a national or permanent resident, for a financial or
  other material benefit;
* prostitution, in the guide's sense, is an adult earning their own
  livelihood by sexual intercourse with different people, with no one
  exploiting them.

Facts are tri-state: ``True``, ``False`` or ``None`` (unknown). A verdict is
given only when every way of filling in the unknown facts leads to the same
verdict; otherwise the verdict is ``undetermined`` and ``missing`` lists each
unknown fact that can change the verdict. With seven facts there are at most
128 ways to fill them in, so this is checked exhaustively.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from ._base import JSONObject
from ._errors import AnswerError

#: The fact names, in the order questions are asked. Facilitators and tests rely on them.
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
SMUGGLING = "smuggling"
PROSTITUTION = "prostitution"
NONE = "none"
UNDETERMINED = "undetermined"

#: Every verdict, most serious first (trafficking takes precedence).
VERDICTS: tuple[str, ...] = (TRAFFICKING, SMUGGLING, PROSTITUTION, NONE, UNDETERMINED)

#: How each verdict is named for readers.
VERDICT_LABELS: dict[str, str] = {
    TRAFFICKING: "trafficking in human beings",
    SMUGGLING: "migrant smuggling",
    PROSTITUTION: "prostitution (an adult's own sex work, no one exploiting them)",
    NONE: "none of the three",
    UNDETERMINED: "cannot be settled yet: a key fact is unknown",
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
        "Was the purpose to exploit the person: exploiting their prostitution or other sexual exploitation, "
        "forced labour or services, slavery or similar practices, servitude, or removal of organs?"
    ),
    "irregular_border_crossing": (
        "Did someone help the person enter, irregularly, a country where they are not a national "
        "or permanent resident?"
    ),
    "facilitator_benefit": (
        "Did whoever helped with the crossing get, or expect, money or another material benefit for it?"
    ),
    "own_livelihood_sex_work": "Does the person sell sex to earn their own living, keeping what they earn?",
}

_TRUE_REASONS: dict[str, str] = {
    "under_18": "The person is under 18, so no means is needed for trafficking: an act and a purpose are enough.",
    "act": (
        "Act: the person was recruited, transported, transferred, harboured or received, "
        "or control over them was handed over."
    ),
    "means": (
        "Means: threat, force, coercion, abduction, fraud, deception, abuse of power or of vulnerability, "
        "or payment to someone in control was used, so any consent the person gave does not count."
    ),
    "exploitation_purpose": (
        "Purpose: the aim was exploitation (sexual exploitation, forced labour or services, slavery or similar "
        "practices, servitude or removal of organs)."
    ),
    "irregular_border_crossing": (
        "Border: someone facilitated the person's irregular entry into a country where they are not a national "
        "or permanent resident."
    ),
    "facilitator_benefit": "Benefit: the facilitator got, or expected, money or another material benefit.",
    "own_livelihood_sex_work": "The person sells sex to earn their own living and keeps what they earn.",
}

_FALSE_REASONS: dict[str, str] = {
    "under_18": "The person is an adult, so trafficking also needs a means.",
    "act": (
        "Act: no one recruited, transported, transferred, harboured or received the person, "
        "or took control over them, so it is not trafficking."
    ),
    "means": "Means: no coercion, deception, abuse of vulnerability or similar means was used on this adult.",
    "exploitation_purpose": "Purpose: no one aimed to exploit the person, so it is not trafficking.",
    "irregular_border_crossing": (
        "Border: no one facilitated an irregular entry into another country, so it is not migrant smuggling."
    ),
    "facilitator_benefit": (
        "Benefit: whoever helped with the crossing gained nothing material from it, so it is not migrant smuggling."
    ),
    "own_livelihood_sex_work": "The person does not sell sex to earn their own living.",
}


@dataclass(frozen=True)
class Classification:
    """The verdict for a set of facts, with what else is established, what is missing and why."""

    verdict: str
    also: tuple[str, ...]
    missing: tuple[str, ...]
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        """The verdict as readers see it."""
        return VERDICT_LABELS[self.verdict]

    def to_json(self) -> JSONObject:
        """The classification as a JSON object (what the CLI prints)."""
        return {
            "verdict": self.verdict,
            "label": self.label,
            "also": list(self.also),
            "missing": list(self.missing),
            "find_out": [QUESTIONS[f] for f in self.missing],
            "reasons": list(self.reasons),
            "source": SOURCE,
        }


Facts = dict[str, bool | None]


def read_facts(facts: Mapping[str, object]) -> Facts:
    """Validate ``facts``: known names only, values true, false or null; absent facts are unknown."""
    if not isinstance(facts, Mapping):
        raise AnswerError("facts must be a JSON object mapping fact names to true, false or null")
    out: Facts = dict.fromkeys(FACTS)
    for name, value in facts.items():
        if name not in FACTS:
            raise AnswerError(f"unknown fact {name!r} (known facts: {', '.join(FACTS)})")
        if value is not None and not isinstance(value, bool):
            raise AnswerError(f"fact {name!r} must be true, false or null, got {value!r}")
        out[name] = value
    return out


def _offences(f: Mapping[str, bool]) -> tuple[bool, bool, bool]:
    """Trafficking, smuggling and prostitution for complete facts."""
    trafficking = f["act"] and f["exploitation_purpose"] and (f["means"] or f["under_18"])
    smuggling = f["irregular_border_crossing"] and f["facilitator_benefit"]
    prostitution = f["own_livelihood_sex_work"] and not f["under_18"] and not f["exploitation_purpose"]
    return trafficking, smuggling, prostitution


def verdict_of(f: Mapping[str, bool]) -> str:
    """The verdict for complete facts (every fact true or false): trafficking first, then smuggling."""
    trafficking, smuggling, prostitution = _offences(f)
    if trafficking:
        return TRAFFICKING
    if smuggling:
        return SMUGGLING
    if prostitution:
        return PROSTITUTION
    return NONE


def _completions(facts: Facts) -> list[dict[str, bool]]:
    unknown = [name for name in FACTS if facts[name] is None]
    out = []
    for values in itertools.product((False, True), repeat=len(unknown)):
        filled = {name: bool(facts[name]) for name in FACTS if facts[name] is not None}
        filled.update(zip(unknown, values, strict=True))
        out.append(filled)
    return out


def classify(facts: Mapping[str, object]) -> Classification:
    """Classify a case from its facts (each true, false or null/absent for unknown)."""
    known = read_facts(facts)
    completions = _completions(known)
    verdicts = {verdict_of(c) for c in completions}
    verdict = verdicts.pop() if len(verdicts) == 1 else UNDETERMINED
    missing = tuple(
        name
        for name in FACTS
        if known[name] is None
        and any(verdict_of({**c, name: True}) != verdict_of({**c, name: False}) for c in completions)
    )
    established = [
        offence
        for offence, index in ((TRAFFICKING, 0), (SMUGGLING, 1), (PROSTITUTION, 2))
        if all(_offences(c)[index] for c in completions)
    ]
    also = tuple(o for o in established if o != verdict)
    possible = sorted({verdict_of(c) for c in completions}, key=VERDICTS.index)
    return Classification(verdict, also, missing, tuple(_reasons(known, verdict, also, missing, possible)))


def _say(facts: Facts, name: str) -> str:
    return _TRUE_REASONS[name] if facts[name] else _FALSE_REASONS[name]


def _reasons(
    facts: Facts, verdict: str, also: tuple[str, ...], missing: tuple[str, ...], possible: list[str]
) -> list[str]:
    if verdict == TRAFFICKING:
        return _why_trafficking(facts, also)
    if verdict == UNDETERMINED:
        reasons = [_say(facts, name) for name in FACTS if facts[name] is not None]
        names = [VERDICT_LABELS[v].split(" (")[0] for v in possible]
        named = ", ".join(names[:-1]) + " or " + names[-1]
        reasons.append(f"Depending on the facts still unknown, this could be {named}.")
        return reasons
    reasons = _why_not_trafficking(facts)
    if verdict == SMUGGLING:
        reasons += [_say(facts, "irregular_border_crossing"), _say(facts, "facilitator_benefit")]
        reasons.append("The relationship with the smuggler ends after the border and involves no exploitation.")
    else:
        reasons += _why_not_smuggling(facts)
    if PROSTITUTION in (verdict, *also):
        reasons.append(
            "The person is an adult earning their own living from sex work and no one exploits them: "
            "prostitution in the guide's sense, not trafficking."
        )
    elif facts["own_livelihood_sex_work"] and facts["under_18"]:
        reasons.append(
            "A child selling sex is never treated as an adult's own sex work: check carefully whether anyone "
            "recruits, moves, harbours or receives the child, and involve child protection."
        )
    elif facts["own_livelihood_sex_work"] and facts["exploitation_purpose"]:
        reasons.append("Someone exploits the person's sex work, so it is not prostitution in the guide's sense.")
    elif verdict == NONE:
        reasons.append("None of the three is established by these facts.")
    return reasons


def _why_trafficking(facts: Facts, also: tuple[str, ...]) -> list[str]:
    reasons = [_say(facts, "act")]
    if facts["under_18"]:
        reasons.append(_say(facts, "under_18"))
    if facts["means"]:
        reasons.append(_say(facts, "means"))
    reasons.append(_say(facts, "exploitation_purpose"))
    if SMUGGLING in also:
        reasons.append(
            "The journey was also migrant smuggling (a facilitated irregular crossing for a benefit); "
            "the exploitation makes it trafficking, which takes precedence."
        )
    elif facts["irregular_border_crossing"] is not True:
        reasons.append("No border needs to be crossed: trafficking can happen within one country.")
    return reasons


def _why_not_trafficking(facts: Facts) -> list[str]:
    """The known elements that rule trafficking out (at least one when the verdict is settled)."""
    reasons = []
    if facts["act"] is False:
        reasons.append(_say(facts, "act"))
    if facts["exploitation_purpose"] is False:
        reasons.append(_say(facts, "exploitation_purpose"))
    if facts["means"] is False and facts["under_18"] is False:
        reasons.append(
            "Means: no coercion, deception, abuse of vulnerability or similar means was used, and the person is an "
            "adult, so it is not trafficking."
        )
    return reasons


def _why_not_smuggling(facts: Facts) -> list[str]:
    if facts["irregular_border_crossing"] is False:
        return [_say(facts, "irregular_border_crossing")]
    if facts["facilitator_benefit"] is False:
        return [_say(facts, "facilitator_benefit")]
    return []

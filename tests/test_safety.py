"""The safety rules data (selfcheck/safety.toml, words in selfcheck/locales) and its loader: validation, guards."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from selfcheck import DefinitionError
from selfcheck._classify import FACTS, RULES, VERDICTS
from selfcheck._locale import catalog
from selfcheck._safety import Condition, Rule, SafetyRuleBroken, load_rules, parse_rules

ORIGIN = "selfcheck/safety.toml"


def shipped() -> dict[str, Any]:
    """The parsed rules file as shipped in the package."""
    return tomllib.loads(resources.files("selfcheck").joinpath("safety.toml").read_text(encoding="utf-8"))


def parse(data: dict[str, Any]) -> Any:
    """Parse rules data against the real facts and verdicts."""
    return parse_rules(data, ORIGIN, FACTS, VERDICTS)


def with_rule(**fields: Any) -> dict[str, Any]:
    """The shipped data plus one rule made of ``fields`` (its id filled in; its words are the locales')."""
    data = copy.deepcopy(shipped())
    data["rules"].append({"id": "extra", **fields})
    return data


def test_shipped_rules_load_and_every_rule_has_a_source() -> None:
    """The package's rules load, every rule has a title and a source, and the next step is there."""
    rules = load_rules(FACTS, VERDICTS)
    assert rules == RULES
    ids = [r.id for r in rules.rules]
    assert {"presumed-child", "child-in-commercial-sex", "child-protection", "no-adult-wording-for-a-child",
            "coercion-is-never-dropped", "ask-again-about-the-act", "none-is-not-nothing",
            "national-law-goes-further", "open-purpose-list"} <= set(ids)
    assert all(r.title and r.source for r in rules.rules)
    assert rules.next_step.id == "next-step" and "CETS 197" in rules.next_step.source
    assert rules.presumption is not None and rules.presumption.presume == ("under_18", True)


def test_institutions_carry_a_checked_on_date() -> None:
    """Rules naming institutions or phone numbers say when they were checked."""
    for rule in RULES.rules:
        if any(word in rule.message for word in ("DGASPC", "Inspectorate", "119", "116 111")):
            assert "checked on 2026-11-30" in rule.source, rule.id


def test_condition_matches_tri_state_facts_and_the_verdict() -> None:
    """A condition holds when each named fact has one of its values and the verdict is one of its verdicts."""
    facts = dict.fromkeys(FACTS, False) | {"under_18": None}
    child_or_unknown = Condition({"under_18": frozenset({True, None})})
    assert child_or_unknown.holds(facts, "none")
    assert not child_or_unknown.holds({**facts, "under_18": False}, "none")
    only_none = Condition({}, frozenset({"none"}))
    assert only_none.holds(facts, "none") and not only_none.holds(facts, "trafficking")


def test_rule_without_when_applies_always_and_question_rules_never() -> None:
    """No 'when' means every result; a rule about a question never adds to a result."""
    facts = dict.fromkeys(FACTS, True)
    assert Rule("r", "R", "s", message="m").applies(facts, "trafficking")
    assert not Rule("q", "Q", "s", question="act", must_name=("act",)).applies(facts, "trafficking")


def test_never_say_matches_whole_words_in_any_case() -> None:
    """'adult' is found as a word ('Adult', "adult's") but not inside another word ('adulthood')."""
    rule = Rule("r", "R", "s", never_say=("adult",))
    assert rule.said(["An Adult's choice."]) == ["adult"]
    assert rule.said(["adulthood", "non-adult"]) == []


def test_check_refuses_a_forbidden_verdict_or_word() -> None:
    """A result that breaks a rule's 'never' or 'never_say' is an internal error naming the rule."""
    child_sex = dict.fromkeys(FACTS, False) | {"under_18": True, "own_livelihood_sex_work": True}
    with pytest.raises(SafetyRuleBroken, match="child-in-commercial-sex"):
        RULES.check(child_sex, "none", (), [])
    with pytest.raises(SafetyRuleBroken, match="coercion-is-never-dropped"):
        RULES.check(dict.fromkeys(FACTS, False) | {"means": True}, "smuggling", ("prostitution",), [])
    with pytest.raises(SafetyRuleBroken, match="no-adult-wording-for-a-child"):
        RULES.check(dict.fromkeys(FACTS, False) | {"under_18": True}, "none", (), ["This adult is fine."])
    RULES.check(dict.fromkeys(FACTS, False), "none", (), ["This adult is fine."])


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"notice": True, "colour": "red"}, "colour", "is not a known field"),
        ({"notice": True, "title": "Extra"}, "title", "is not a known field"),  # words live in the locales
        ({"notice": True, "when": {"age": "yes"}}, "when.age", "is not a known fact"),
        ({"notice": True, "when": {"act": "maybe"}}, "when.act", "is not yes, no or unknown"),
        ({"notice": True, "when": {"verdict": "slavery"}}, "when.verdict", "is not a verdict"),
        ({"notice": True, "when": []}, "when", "non-empty list"),
        ({"notice": True, "when": [{}]}, "when", "non-empty table"),
        ({"never": ["maybe"]}, "never", "is not a verdict"),
        ({"when": {"act": "yes"}}, "notice", "needs a notice"),
        ({"when": {"act": "unknown"}, "presume": {"act": "yes"}, "never_say": ["x"]}, "notice", "must be true"),
        ({"question": "colour", "must_name": ["x"]}, "question", "is not a known fact"),
        ({"question": "act", "must_name": ["x"], "notice": True}, "notice", "is not a known field"),
        ({"question": "act", "must_name": ["x", "y"], "must_name_ro": ["x"]}, "must_name_ro", "one form for each"),
        ({"notice": True, "when": {"act": "unknown"}, "presume": {"act": "yes"}},
         "rules", "only one rule may have 'presume'"),
        ({"notice": True, "when": {"act": "yes"}}, "title", "has no text in selfcheck/locales/en.toml"),
    ],
)
def test_malformed_rule_names_file_rule_and_field(fields: dict[str, Any], field: str, message: str) -> None:
    """Each mistake in a rule is a DefinitionError naming the file, the rule and the field."""
    with pytest.raises(DefinitionError) as caught:
        parse(with_rule(**fields))
    error = caught.value
    assert error.origin == ORIGIN and error.field == field and message in str(error)
    assert error.item in ("extra", None)


def test_presume_must_apply_exactly_when_its_fact_is_unknown() -> None:
    """A 'presume' rule whose 'when' is not '{fact = "unknown"}' is refused."""
    data = copy.deepcopy(shipped())
    data["rules"][0]["when"] = {"under_18": ["unknown", "yes"]}
    with pytest.raises(DefinitionError, match="applies exactly when 'under_18' is unknown"):
        parse(data)


def test_missing_source_or_next_step_is_refused() -> None:
    """Every rule needs a source in the locale (its message too when it adds a notice), and the file its next step."""
    words = dict(catalog("en"))
    del words["safety.child-in-commercial-sex.source"]
    with pytest.raises(DefinitionError, match=r"'source': has no text in selfcheck/locales/en\.toml"):
        parse_rules(shipped(), ORIGIN, FACTS, VERDICTS, texts=words)
    words = dict(catalog("en"))
    del words["safety.ask-who-profits.message"]
    with pytest.raises(DefinitionError, match="item 'ask-who-profits': field 'message'"):
        parse_rules(shipped(), ORIGIN, FACTS, VERDICTS, texts=words)
    data = copy.deepcopy(shipped())
    del data["next_step"]
    with pytest.raises(DefinitionError, match="'next_step': is missing"):
        parse(data)


def test_duplicate_rule_ids_and_wrong_schema_are_refused() -> None:
    """Two rules with one id, or another schema version, are refused."""
    data = copy.deepcopy(shipped())
    data["rules"].append(copy.deepcopy(data["rules"][0]))
    with pytest.raises(DefinitionError, match="duplicate id 'presumed-child'"):
        parse(data)
    with pytest.raises(DefinitionError, match="unsupported schema version 2"):
        parse({**shipped(), "schema": 2})


def test_a_question_rule_holds_in_every_language_of_its_forms() -> None:
    """``must_name`` is met by the English term or its Romanian/Bulgarian form (``a|b``: either wording)."""
    rule = Rule("q", "", "", question="act", must_name=("forced labour", "minimum"),
                must_name_elsewhere=(("muncă forțată|munca sau serviciile forțate", "принудителен труд"),
                                     ("minim", "минимал")))
    assert rule.unnamed("Forced labour; the list is a minimum") == []
    assert rule.unnamed("munca sau serviciile forțate; lista este minimă") == []
    assert rule.unnamed("принудителен труд; списъкът е минимален") == []
    assert rule.unnamed("принудителен труд; списъкът е отворен") == ["minimum"]
    assert rule.unnamed("slavery") == ["forced labour", "minimum"]


def test_the_shipped_purpose_rule_is_named_by_the_translated_decision_aids() -> None:
    """The Romanian and Bulgarian purpose questions name every term of the open-list rule in their language."""
    root = Path(__file__).resolve().parents[1] / "i18n"
    rule = next(iter(RULES.for_question("exploitation_purpose")))
    for lang in ("ro", "bg"):
        path = root / lang / "exercises" / "decision-aid.toml"
        if not path.is_file():  # Pyodide mounts no i18n/: the native run checks the files
            continue
        text = tomllib.loads(path.read_text(encoding="utf-8"))["text"]
        question = text["questions.exploitation_purpose.prompt"] + " " + text["questions.exploitation_purpose.hint"]
        assert rule.unnamed(question) == [], lang

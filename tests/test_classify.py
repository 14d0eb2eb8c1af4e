"""The distinction logic: trafficking vs migrant smuggling vs prostitution (guide §2.1, §2.2), with its safety rules.

Every rule of issue 12 is asserted on all 3^7 fact sets (each fact yes, no or unknown), from an independent
statement of the definitions written here, and then shown on one case a specialist would recognise.
"""

from __future__ import annotations

import itertools
import json
import re

import pytest

from selfcheck import AnswerError, Classification, classify
from selfcheck._classify import FACTS, QUESTIONS, RULES, VERDICT_LABELS, VERDICTS

ALL = list(itertools.product((True, False, None), repeat=len(FACTS)))
Facts = dict[str, bool | None]

CHILD_BODIES = ("Directorate-General for Social Assistance and Child Protection (DGASPC)",
                "Child Protection Department of the Social Assistance Directorate")
PURPOSES = ("sexual exploitation", "forced labour", "begging", "slavery", "servitude", "criminal activities",
            "removal of organs", "forced marriage", "illegal adoption", "surrogacy")
ADULT_WORDS = re.compile(r"\badults?\b", re.IGNORECASE)


def as_facts(values: tuple[bool | None, ...]) -> Facts:
    """The fact mapping for a tuple of values in FACTS order."""
    return dict(zip(FACTS, values, strict=True))


def case(**known: bool | None) -> Facts:
    """All seven facts: the ones given, every other one unknown (null)."""
    return {name: known.get(name) for name in FACTS}


def expected_complete(f: Facts) -> str:
    """Independent statement of the definitions for complete facts, written from guide §2.1-2.2 and issue 12."""
    child = f["under_18"] is True
    sells_sex = f["own_livelihood_sex_work"] is True
    if f["act"] and ((f["exploitation_purpose"] and (child or f["means"])) or (child and sells_sex)):
        return "trafficking"
    if child and sells_sex:
        return "suspected-trafficking"
    if f["irregular_border_crossing"] and f["facilitator_benefit"]:
        return "smuggling"
    if sells_sex and f["under_18"] is False and not f["exploitation_purpose"] and not f["means"]:
        return "prostitution"
    return "none"


def fillings(f: Facts) -> list[Facts]:
    """Every way to fill in the unknown facts of ``f``."""
    unknown = [k for k in FACTS if f[k] is None]
    combos = itertools.product((True, False), repeat=len(unknown))
    return [{**f, **dict(zip(unknown, vals, strict=True))} for vals in combos]


def expected_settled(f: Facts) -> str:
    """One verdict if every filling agrees; trafficking-or-suspected settles as suspected; else undetermined."""
    outcomes = {expected_complete(g) for g in fillings(f)}
    if len(outcomes) == 1:
        return outcomes.pop()
    if outcomes <= {"trafficking", "suspected-trafficking"}:
        return "suspected-trafficking"
    return "undetermined"


def expected_result(f: Facts) -> str:
    """The result to act on: an unknown age is presumed under 18 (CETS 197 art. 10(3))."""
    return expected_settled({**f, "under_18": True} if f["under_18"] is None else f)


def may_be_child(f: Facts) -> bool:
    """The person is, or may be, under 18."""
    return f["under_18"] is not False


def shown_text(got: Classification) -> str:
    """Everything the result shows, as one string."""
    return json.dumps(got.to_json(), ensure_ascii=False)


def notice(got: Classification, ident: str) -> str:
    """The message of the notice ``ident`` (empty when the result has none)."""
    return next((n.message for n in got.notices if n.id == ident), "")


@pytest.fixture(scope="module")
def results() -> dict[tuple[bool | None, ...], Classification]:
    """classify() of all 3^7 fact combinations."""
    return {values: classify(as_facts(values)) for values in ALL}


# --- The definitions, on every fact set -------------------------------------------------------------------------


def test_complete_facts_follow_the_definitions(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """With every fact known, the verdict is exactly what the definitions give, and nothing is missing."""
    complete = [v for v in ALL if None not in v]
    assert len(complete) == 128
    for values in complete:
        got = results[values]
        assert got.verdict == expected_complete(as_facts(values)), values
        assert got.missing == ()


def test_every_result_is_the_expected_one(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """On all 2187 fact sets the verdict is the settled verdict, for a presumed child when the age is unknown."""
    assert len(results) == 3 ** 7
    for values, got in results.items():
        assert got.verdict == expected_result(as_facts(values)), values


def test_settled_verdicts_survive_any_filling_of_a_known_age(
    results: dict[tuple[bool | None, ...], Classification],
) -> None:
    """With the age known, a settled verdict is the verdict of every filling (suspected: trafficking or suspected)."""
    for values, got in results.items():
        f = as_facts(values)
        if f["under_18"] is None or got.verdict == "undetermined":
            continue
        allowed = {"trafficking", "suspected-trafficking"} if got.verdict == "suspected-trafficking" else {got.verdict}
        assert {expected_complete(g) for g in fillings(f)} <= allowed, values


def test_each_missing_fact_can_change_the_verdict(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """A fact is listed as missing exactly when it is unknown and flipping it changes some filling's verdict."""
    for values, got in results.items():
        facts = as_facts(values)
        for name in FACTS:
            can_change = facts[name] is None and any(
                expected_complete({**f, name: True}) != expected_complete({**f, name: False}) for f in fillings(facts)
            )
            assert (name in got.missing) == can_change, (values, name)
        assert list(got.missing) == [n for n in FACTS if n in got.missing], "missing keeps the question order"
        if got.verdict == "undetermined":
            assert got.missing, values


def test_also_lists_only_offences_established_in_every_filling(
    results: dict[tuple[bool | None, ...], Classification],
) -> None:
    """``also`` names each other offence that holds in every filling (of a presumed child), never the verdict."""
    for values, got in results.items():
        f = as_facts(values)
        filled = fillings({**f, "under_18": True} if f["under_18"] is None else f)
        smuggling = all(g["irregular_border_crossing"] and g["facilitator_benefit"] for g in filled)
        prostitution = all(
            g["own_livelihood_sex_work"] and g["under_18"] is False and not g["exploitation_purpose"] and not g["means"]
            for g in filled
        )
        assert got.verdict not in got.also
        assert ("smuggling" in got.also) == (smuggling and got.verdict != "smuggling"), values
        assert ("prostitution" in got.also) == (prostitution and got.verdict != "prostitution"), values
        assert set(got.also) <= {"trafficking", "smuggling", "prostitution"}
        assert "trafficking" not in got.also or got.verdict == "undetermined"


def test_trafficking_needs_its_elements_known(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """A trafficking verdict needs the act known, and a purpose or a child in commercial sex, and a means or a child."""
    for values, got in results.items():
        f = as_facts(values)
        if got.verdict == "trafficking":
            child = f["under_18"] is not False
            assert f["act"] is True
            assert f["exploitation_purpose"] is True or (child and f["own_livelihood_sex_work"] is True)
            assert f["means"] is True or child


def test_every_result_has_reasons_and_valid_json(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """Every result has reason sentences and serialises to the documented JSON keys, the next step last."""
    for got in results.values():
        assert got.verdict in VERDICTS
        assert got.reasons and all(r.strip().endswith((".", "?")) for r in got.reasons)
        data = json.loads(json.dumps(got.to_json()))
        assert list(data) == ["verdict", "label", "summary", "also", "missing", "find_out", "reasons", "age",
                              "notices", "source", "next_step"]
        assert len(data["find_out"]) == len(got.missing)
        assert data["label"] in data["summary"]


def test_find_out_next_gives_questions_to_ask_in_words_that_match_the_facts(
    results: dict[tuple[bool | None, ...], Classification],
) -> None:
    """On every fact set, "find out next" gives concrete questions to ask, never the fact's question again.

    Each entry says what to find out and quotes at least one question to put to the person; where a
    crossing is known to have been helped, the question about payment says so, and where it is not known,
    it does not take the crossing for granted.
    """
    for values, got in results.items():
        f = as_facts(values)
        for fact, text in zip(got.missing, got.find_out, strict=True):
            assert text.startswith("Find out") and text != QUESTIONS[fact], (values, fact)
            assert re.search(r"“[^”]+\?”", text), (values, fact)
            if fact == "facilitator_benefit":
                crossed = f["irregular_border_crossing"] is True
                assert ("If someone helped you cross" in text) is not crossed, values
                assert ("the person who helped you cross" in text) is crossed, values


# --- The safety rules of issue 12, each on every fact set -------------------------------------------------------


def test_rule_1_child_in_commercial_sex_on_every_fact_set(
    results: dict[tuple[bool | None, ...], Classification],
) -> None:
    """Rule 1, on every fact set: a child (or presumed child) who sells sex is never prostitution or none.

    A person who is (or is presumed) under 18 and sells sex: trafficking with an act, else suspected; never
    prostitution or none; the result asks about the act when it is not known to be there, and names child
    protection.
    """
    for values, got in results.items():
        f = as_facts(values)
        if not (may_be_child(f) and f["own_livelihood_sex_work"] is True):
            continue
        assert got.verdict not in ("prostitution", "none") and "prostitution" not in got.also, values
        assert got.verdict == ("trafficking" if f["act"] is True else "suspected-trafficking"), values
        if f["act"] is None:
            assert "act" in got.missing, values
        if f["act"] is False:
            assert "harbouring" in notice(got, "ask-again-about-the-act"), values
        assert "child victim of sexual exploitation" in notice(got, "child-in-commercial-sex")
        assert all(body in notice(got, "child-protection") for body in CHILD_BODIES), values


def test_rule_2_child_protection_route_whenever_the_person_may_be_a_child(
    results: dict[tuple[bool | None, ...], Classification],
) -> None:
    """Rule 2, on every fact set: a person who is or may be under 18 gets the child-protection route.

    Every result for a person who is or may be under 18 names both countries' child-protection bodies, with their
    legal sources and a checked-on date; no result for an adult does.
    """
    for values, got in results.items():
        route = next((n for n in got.notices if n.id == "child-protection"), None)
        if not may_be_child(as_facts(values)):
            assert route is None, values
            continue
        assert route is not None, values
        assert all(body in route.message for body in CHILD_BODIES)
        sources = ("Law 272/2004", "Government Decision 1434/2004", "Child Protection Act", "checked on 2026-11-30")
        assert all(source in route.source for source in sources)


def test_rule_3_unknown_age_is_presumed_a_child_and_both_answers_shown(
    results: dict[tuple[bool | None, ...], Classification],
) -> None:
    """Rule 3, on every fact set: an unknown age is presumed under 18, and both answers are shown.

    Age unknown: the result is computed for a child and for a person of 18 or over; the child's is the one to act
    on; when they differ both are shown and the result says to act on the child's; the source is cited.
    """
    for values, got in results.items():
        f = as_facts(values)
        if f["under_18"] is not None:
            assert got.age is None
            continue
        assert got.age is not None
        assert got.age.act_on == got.verdict == expected_settled({**f, "under_18": True}), values
        assert got.age.other == expected_settled({**f, "under_18": False}), values
        presumed = next(n for n in got.notices if n.id == "presumed-child")
        assert "CETS 197 art. 10(3)" in presumed.source and "Directive 2011/36/EU art. 13(2)" in presumed.source
        assert "treat them as a child" in presumed.message
        assert "presumed to be under 18" in got.summary
        if got.age.act_on != got.age.other:
            assert VERDICT_LABELS[got.age.act_on] in presumed.message
            assert VERDICT_LABELS[got.age.other] in presumed.message
            assert "Act on the first" in presumed.message and "under_18" in got.missing
        else:
            assert "same at any age" in presumed.message


def test_rule_4_coercion_is_never_dropped(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """Rule 4, on every fact set: coercion (means = yes) is never dropped.

    Means = yes: never prostitution, not even under 'also'; the result says what coercion can mean and where to
    refer.
    """
    for values, got in results.items():
        if as_facts(values)["means"] is not True:
            continue
        assert got.verdict != "prostitution" and "prostitution" not in got.also, values
        text = notice(got, "coercion-is-never-dropped")
        for phrase in ("another offence", "exploitation at work", "domestic violence", "police", "labour inspectorate",
                       "informed consent"):
            assert phrase in text, (values, phrase)


def test_rule_5_none_never_stands_alone(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """Rule 5, on every fact set: 'none of the three' never stands alone.

    'None of the three' always lists what else the facts may point to and the support still available; with
    exploitation and a means (or a possible child) but no act, it asks again about harbouring and receipt.
    """
    for values, got in results.items():
        f = as_facts(values)
        if got.verdict == "none":
            text = notice(got, "none-is-not-nothing")
            for phrase in ("another offence", "labour law", "domestic violence", "neglect", "support"):
                assert phrase in text, (values, phrase)
        exploited_without_act = f["act"] is False and f["exploitation_purpose"] is True
        if exploited_without_act and (f["means"] is True or may_be_child(f)):
            text = notice(got, "ask-again-about-the-act")
            assert "harbouring" in text and "receipt" in text, values


def test_national_law_is_named_when_an_adult_is_exploited_without_a_means(
    results: dict[tuple[bool | None, ...], Classification],
) -> None:
    """On every fact set: an adult moved or received for exploitation, no means known, hears what national law adds.

    The international definition needs a means for an adult; Bulgarian Criminal Code art. 159a(1) needs none,
    and Romanian Criminal Code art. 213 makes profiting from another person's prostitution pimping. The notice
    appears exactly then, never for a possible child (the child route applies) or when a means was used.
    """
    for values, got in results.items():
        f = as_facts(values)
        applies = (f["under_18"] is False and f["act"] is True and f["exploitation_purpose"] is True
                   and f["means"] is not True)
        ids = [n.id for n in got.notices]
        assert ("national-law-goes-further" in ids) == applies, values
        if applies:
            text = notice(got, "national-law-goes-further")
            for phrase in ("art. 159a(1)", "art. 213", "whatever their consent", "supervisor", "informed consent"):
                assert phrase in text, (values, phrase)


def test_an_agent_who_takes_a_share_of_an_adults_sex_work_is_none_with_national_law() -> None:
    """An adult's sex work booked by a man who keeps a third, no means: 'none' internationally, plus national law."""
    got = classify(case(under_18=False, act=True, means=False, exploitation_purpose=True,
                        irregular_border_crossing=False, facilitator_benefit=False, own_livelihood_sex_work=True))
    assert got.verdict == "none"
    assert [n.id for n in got.notices] == ["none-is-not-nothing", "national-law-goes-further"]
    assert any("not trafficking under the international definition" in r for r in got.reasons)


def test_rule_6_the_purpose_question_shows_the_open_list() -> None:
    """Rule 6: the purpose question shows the open list of exploitation.

    The purpose question (what the CLI asks to find out) names every form of exploitation, old and new, and says the
    list is a minimum; the rule in safety.toml asks for the same terms.
    """
    question = QUESTIONS["exploitation_purpose"]
    assert all(term in question for term in PURPOSES)
    assert "minimum" in question and "2024/1712" in question
    [rule] = RULES.for_question("exploitation_purpose")
    assert set(PURPOSES) <= set(rule.must_name) and rule.unnamed(question) == []


def test_rule_7_no_adult_wording_for_a_person_who_may_be_a_child(
    results: dict[tuple[bool | None, ...], Classification],
) -> None:
    """No text of a result for a person who is or may be under 18 says 'adult'."""
    for values, got in results.items():
        if may_be_child(as_facts(values)):
            assert not ADULT_WORDS.search(shown_text(got)), values


def test_rule_8_every_result_ends_with_the_next_step(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """Rule 8, on every fact set: every result ends with the next step.

    Every result ends with the next step: competent bodies identify; assistance on reasonable grounds before
    identification (CETS 197 arts 10 and 12); at least 30 days to recover and reflect (art. 13); notice, support,
    refer.
    """
    for got in results.values():
        data = got.to_json()
        last_key = list(data)[-1]
        assert last_key == "next_step"
        step = data["next_step"]
        for phrase in ("competent bodies identify", "reasonable grounds", "before any formal identification",
                       "at least 30 days", "notice, support and refer", "supervisor"):
            assert phrase in step["message"], phrase
        assert step["source"].startswith("CETS 197 arts 10(2), 12 and 13")


def test_every_rule_in_the_data_applies_exactly_when_its_condition_holds(
    results: dict[tuple[bool | None, ...], Classification],
) -> None:
    """Every rule in safety.toml applies exactly when its condition holds, and no guard is broken.

    Each rule of safety.toml with a message shows its notice exactly on the fact sets where it applies, in file
    order, and no result breaks a rule's 'never' or 'never_say' (the data, not only the issue's rules).
    """
    for values, got in results.items():
        f = as_facts(values)
        expected = [r.id for r in RULES.applying(f, got.verdict) if r.message]
        assert [n.id for n in got.notices] == expected, values
        for rule in RULES.applying(f, got.verdict):
            assert got.verdict not in rule.never and not set(got.also) & rule.never, (values, rule.id)
            assert rule.said(got.texts()) == [], (values, rule.id)


# --- One case a specialist would recognise, per rule ------------------------------------------------------------


def test_a_16_year_old_who_sells_sex_with_no_one_else_known_is_suspected_trafficking() -> None:
    """Rule 1: a 16-year-old who sells sex 'for herself' is suspected trafficking, never 'none'.

    Rule 1: a 16-year-old who says she sells sex 'for herself' is never 'none': suspected trafficking, child
    protection, and a question about who recruits, houses or receives her.
    """
    got = classify({**dict.fromkeys(FACTS, False), "under_18": True, "own_livelihood_sex_work": True})
    assert got.verdict == "suspected-trafficking"
    assert got.label == "suspected trafficking (treat the person as a child victim of sexual exploitation)"
    assert [n.id for n in got.notices] == ["child-in-commercial-sex", "child-protection", "ask-again-about-the-act"]


def test_a_15_year_old_housed_by_an_older_man_who_sells_her_is_trafficking_whatever_the_purpose_box_says() -> None:
    """Rule 1: with an act, a child in commercial sex is trafficking even when the purpose box was answered 'no'."""
    got = classify(case(under_18=True, act=True, means=False, exploitation_purpose=False,
                        irregular_border_crossing=False, facilitator_benefit=False, own_livelihood_sex_work=True))
    assert got.verdict == "trafficking"
    assert any("sexual exploitation of a child" in r for r in got.reasons)


def test_a_14_year_old_herding_sheep_gets_the_child_protection_route() -> None:
    """Rule 2: a child in forced labour: trafficking, with DGASPC and the Child Protection Department named."""
    got = classify(case(under_18=True, act=True, means=True, exploitation_purpose=True,
                        irregular_border_crossing=False, facilitator_benefit=False, own_livelihood_sex_work=False))
    assert got.verdict == "trafficking"
    assert all(body in notice(got, "child-protection") for body in CHILD_BODIES)


def test_a_young_woman_with_papers_saying_19_who_looks_younger_is_treated_as_a_child() -> None:
    """Rule 3: a young woman whose papers say 19 but who looks younger is treated as a child.

    Rule 3: age unknown, brought to the city and sold, no means known: trafficking for a child, 'none of the three'
    if 18 or over; the child's answer is the one to act on.
    """
    got = classify(case(act=True, means=False, exploitation_purpose=True, irregular_border_crossing=False,
                        facilitator_benefit=False, own_livelihood_sex_work=True))
    assert got.age is not None and (got.age.act_on, got.age.other) == ("trafficking", "none")
    assert got.verdict == "trafficking" and got.missing == ("under_18",)
    assert got.summary.startswith("Result, for a person presumed to be under 18")


def test_a_coerced_sex_worker_with_the_purpose_box_marked_no_is_never_prostitution() -> None:
    """Rule 4: a threatened sex worker with the purpose box marked 'no' is never prostitution.

    Rule 4: an adult who sells sex and is threatened, purpose 'no': not prostitution; coercion explained, and the
    result asks who profits.
    """
    got = classify({**dict.fromkeys(FACTS, False), "means": True, "own_livelihood_sex_work": True})
    assert got.verdict == "none" and got.also == ()
    assert [n.id for n in got.notices] == ["coercion-is-never-dropped", "ask-who-profits", "none-is-not-nothing"]
    assert any("coercion is never a free choice" in r for r in got.reasons)


def test_a_smuggled_sex_worker_who_is_threatened_has_smuggling_but_no_prostitution_in_also() -> None:
    """Rule 4: smuggling is still established, but prostitution is not listed beside it once a means is used."""
    got = classify({**dict.fromkeys(FACTS, True), "under_18": False, "act": False, "exploitation_purpose": False})
    assert (got.verdict, got.also) == ("smuggling", ())


def test_a_housekeeper_locked_in_with_the_act_box_marked_no_is_asked_about_harbouring() -> None:
    """Rule 5: a housekeeper locked in, with the act box marked 'no', is asked about harbouring.

    Rule 5: documents kept and unpaid work, but 'no one moved her': none of the three, with what else it may be and
    a question about harbouring and receipt.
    """
    got = classify(case(under_18=False, act=False, means=True, exploitation_purpose=True,
                        irregular_border_crossing=False, facilitator_benefit=False, own_livelihood_sex_work=False))
    assert got.verdict == "none"
    assert "counts as harbouring" in notice(got, "ask-again-about-the-act")
    assert "domestic violence" in notice(got, "none-is-not-nothing")


def test_forced_begging_is_named_in_the_purpose_question() -> None:
    """Rule 6: a specialist unsure whether begging 'counts' finds it in the purpose question."""
    assert "begging" in QUESTIONS["exploitation_purpose"]


def test_a_child_whose_means_box_is_no_never_reads_this_adult() -> None:
    """Rule 7: the 'no means' sentence no longer says 'on this adult' when the person is a child."""
    got = classify(case(under_18=True, act=True, means=False, irregular_border_crossing=False,
                        facilitator_benefit=False, own_livelihood_sex_work=False))
    assert got.verdict == "undetermined"
    assert not ADULT_WORDS.search(shown_text(got))


def test_an_independent_adult_sex_worker_still_gets_the_next_step() -> None:
    """Rule 8: even a plain 'prostitution' result ends with the next step."""
    got = classify({**dict.fromkeys(FACTS, False), "own_livelihood_sex_work": True})
    assert got.verdict == "prostitution"
    assert list(got.to_json())[-1] == "next_step" and "notice, support and refer" in got.next_step.message


# --- Known cases and input errors -------------------------------------------------------------------------------


def test_smuggled_journey_turned_trafficking() -> None:
    """A smuggled journey followed by coerced exploitation is trafficking, with smuggling in ``also``."""
    got = classify({**dict.fromkeys(FACTS, True), "under_18": False, "own_livelihood_sex_work": False})
    assert (got.verdict, got.also, got.missing) == ("trafficking", ("smuggling",), ())
    assert any("smuggling" in r for r in got.reasons)


def test_child_needs_no_means_and_adult_does() -> None:
    """Act plus purpose is trafficking for a child; for an adult without a means it is not."""
    base = case(act=True, exploitation_purpose=True, means=False, irregular_border_crossing=False)
    assert classify({**base, "under_18": True}).verdict == "trafficking"
    adult = classify({**base, "under_18": False, "facilitator_benefit": False, "own_livelihood_sex_work": False})
    assert adult.verdict == "none"


def test_internal_trafficking_needs_no_border() -> None:
    """Trafficking within one country is settled even though no border was crossed."""
    got = classify(case(under_18=False, act=True, means=True, exploitation_purpose=True,
                        irregular_border_crossing=False))
    assert got.verdict == "trafficking" and got.also == ()
    assert any("within one country" in r for r in got.reasons)


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({**case(), "age": True}, "unknown fact 'age'"),
        ({**case(), "act": "yes"}, "fact 'act' must be true, false or null"),
        ({**case(), "means": 1}, "fact 'means' must be true, false or null"),
        ({**case(), "under_18": [True]}, "fact 'under_18' must be true, false or null"),
        ({"act": True}, "missing facts 'under_18', 'means'"),
        ({k: v for k, v in case().items() if k != "means"}, "missing fact 'means': give all seven facts"),
    ],
)
def test_bad_facts_raise_one_line_errors(facts: dict[str, object], message: str) -> None:
    """Unknown fact names, values other than true/false/null and missing facts raise a one-line AnswerError."""
    with pytest.raises(AnswerError) as caught:
        classify(facts)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_facts_must_be_a_mapping() -> None:
    """A list instead of an object is refused with an AnswerError."""
    with pytest.raises(AnswerError, match="JSON object"):
        classify([("act", True)])  # type: ignore[arg-type]

"""The distinction logic: trafficking vs migrant smuggling vs prostitution (guide §2.1, §2.2)."""

from __future__ import annotations

import itertools
import json

import pytest

from selfcheck import AnswerError, Classification, classify
from selfcheck._classify import FACTS, QUESTIONS, VERDICTS

ALL = list(itertools.product((True, False, None), repeat=len(FACTS)))


def as_facts(values: tuple[bool | None, ...]) -> dict[str, bool | None]:
    """The fact mapping for a tuple of values in FACTS order."""
    return dict(zip(FACTS, values, strict=True))


def expected_complete(f: dict[str, bool | None]) -> str:
    """Independent statement of the definitions for complete facts, written from the issue's wording."""
    adult = f["under_18"] is False
    if f["act"] and f["exploitation_purpose"] and (f["under_18"] or f["means"]):
        return "trafficking"
    if f["irregular_border_crossing"] and f["facilitator_benefit"]:
        return "smuggling"
    if f["own_livelihood_sex_work"] and adult and not f["exploitation_purpose"]:
        return "prostitution"
    return "none"


def fillings(f: dict[str, bool | None]) -> list[dict[str, bool | None]]:
    """Every way to fill in the unknown facts of ``f``."""
    unknown = [k for k in FACTS if f[k] is None]
    combos = itertools.product((True, False), repeat=len(unknown))
    return [{**f, **dict(zip(unknown, vals, strict=True))} for vals in combos]


@pytest.fixture(scope="module")
def results() -> dict[tuple[bool | None, ...], Classification]:
    """classify() of all 3^7 fact combinations."""
    return {values: classify(as_facts(values)) for values in ALL}


def test_complete_facts_follow_the_definitions(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """With every fact known, the verdict is exactly what the three definitions give, and nothing is missing."""
    complete = [v for v in ALL if None not in v]
    assert len(complete) == 128
    for values in complete:
        got = results[values]
        assert got.verdict == expected_complete(as_facts(values)), values
        assert got.missing == ()


def test_settled_verdicts_survive_any_filling(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """A settled verdict equals the verdict of every complete filling of its unknown facts."""
    for values in ALL:
        got = results[values]
        if got.verdict == "undetermined":
            continue
        for filled in fillings(as_facts(values)):
            assert expected_complete(filled) == got.verdict, (values, filled)


def test_filling_one_unknown_fact_never_changes_a_settled_verdict(
    results: dict[tuple[bool | None, ...], Classification],
) -> None:
    """Answering any single unknown fact of a settled case keeps the verdict."""
    for values in ALL:
        got = results[values]
        if got.verdict == "undetermined":
            continue
        for index, value in enumerate(values):
            if value is None:
                for fill in (True, False):
                    changed = (*values[:index], fill, *values[index + 1 :])
                    assert results[changed].verdict == got.verdict, (values, FACTS[index], fill)


def test_undetermined_means_two_fillings_disagree(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """Undetermined exactly when fillings lead to different verdicts; it then names at least one missing fact."""
    for values in ALL:
        got = results[values]
        outcomes = {expected_complete(f) for f in fillings(as_facts(values))}
        assert (got.verdict == "undetermined") == (len(outcomes) > 1), values
        if got.verdict == "undetermined":
            assert got.missing, values


def test_each_missing_fact_can_change_the_verdict(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """A fact is listed as missing exactly when it is unknown and flipping it changes some filling's verdict."""
    for values in ALL:
        got = results[values]
        facts = as_facts(values)
        for name in FACTS:
            can_change = facts[name] is None and any(
                expected_complete({**f, name: True}) != expected_complete({**f, name: False}) for f in fillings(facts)
            )
            assert (name in got.missing) == can_change, (values, name)
        assert list(got.missing) == [n for n in FACTS if n in got.missing], "missing keeps the question order"


def test_undetermined_could_become_trafficking_or_smuggling_or_differs_only_outside(
    results: dict[tuple[bool | None, ...], Classification],
) -> None:
    """Whenever an unknown fact could still make a case trafficking or smuggling, the verdict is not settled."""
    for values in ALL:
        got = results[values]
        outcomes = {expected_complete(f) for f in fillings(as_facts(values))}
        for serious in ("trafficking", "smuggling"):
            if serious in outcomes and outcomes != {serious}:
                assert got.verdict == "undetermined", values


def test_also_lists_only_offences_established_in_every_filling(
    results: dict[tuple[bool | None, ...], Classification],
) -> None:
    """``also`` names each other offence that holds in every filling, never the verdict itself."""
    for values in ALL:
        got = results[values]
        filled = fillings(as_facts(values))
        smuggling = all(f["irregular_border_crossing"] and f["facilitator_benefit"] for f in filled)
        prostitution = all(
            f["own_livelihood_sex_work"] and f["under_18"] is False and not f["exploitation_purpose"] for f in filled
        )
        assert got.verdict not in got.also
        assert ("smuggling" in got.also) == (smuggling and got.verdict != "smuggling"), values
        assert ("prostitution" in got.also) == (prostitution and got.verdict != "prostitution"), values
        assert "trafficking" not in got.also or got.verdict == "undetermined"


def test_trafficking_needs_its_elements_known(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """A trafficking verdict needs act and purpose known true, and a means or a child known true."""
    for values in ALL:
        f = as_facts(values)
        if results[values].verdict == "trafficking":
            assert f["act"] is True and f["exploitation_purpose"] is True
            assert f["means"] is True or f["under_18"] is True


def test_every_result_has_reasons_and_valid_json(results: dict[tuple[bool | None, ...], Classification]) -> None:
    """Every result has at least one reason sentence and serialises to the documented JSON keys."""
    for values in ALL:
        got = results[values]
        assert got.verdict in VERDICTS
        assert got.reasons and all(r.strip().endswith((".", "?")) for r in got.reasons)
        data = json.loads(json.dumps(got.to_json()))
        assert {"verdict", "also", "missing", "reasons"} <= set(data)
        assert data["find_out"] == [QUESTIONS[m] for m in got.missing]


def test_smuggled_journey_turned_trafficking() -> None:
    """A smuggled journey followed by coerced exploitation is trafficking, with smuggling in ``also``."""
    got = classify(
        {
            "under_18": False,
            "act": True,
            "means": True,
            "exploitation_purpose": True,
            "irregular_border_crossing": True,
            "facilitator_benefit": True,
            "own_livelihood_sex_work": False,
        }
    )
    assert (got.verdict, got.also, got.missing) == ("trafficking", ("smuggling",), ())
    assert any("smuggling" in r for r in got.reasons)


def test_child_needs_no_means_and_adult_does() -> None:
    """Act plus purpose is trafficking for a child; for an adult without a means it is not."""
    base = {"act": True, "exploitation_purpose": True, "means": False, "irregular_border_crossing": False}
    assert classify({**base, "under_18": True}).verdict == "trafficking"
    assert classify({**base, "under_18": False}).verdict == "none"
    unknown_age = classify(base)
    assert unknown_age.verdict == "undetermined" and unknown_age.missing == ("under_18",)


def test_omitted_facts_are_unknown() -> None:
    """Leaving a fact out is the same as giving it as null."""
    given = {"act": True, "means": True}
    assert classify(given) == classify({**given, **{k: None for k in FACTS if k not in given}})


def test_internal_trafficking_needs_no_border() -> None:
    """Trafficking within one country is settled even though no border was crossed."""
    got = classify({"act": True, "means": True, "exploitation_purpose": True, "irregular_border_crossing": False})
    assert got.verdict == "trafficking" and got.also == ()
    assert any("within one country" in r for r in got.reasons)


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"age": True}, "unknown fact 'age'"),
        ({"act": "yes"}, "fact 'act' must be true, false or null"),
        ({"means": 1}, "fact 'means' must be true, false or null"),
        ({"under_18": [True]}, "fact 'under_18' must be true, false or null"),
    ],
)
def test_bad_facts_raise_one_line_errors(facts: dict[str, object], message: str) -> None:
    """Unknown fact names and values other than true/false/null raise a one-line AnswerError."""
    with pytest.raises(AnswerError) as caught:
        classify(facts)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_facts_must_be_a_mapping() -> None:
    """A list instead of an object is refused with an AnswerError."""
    with pytest.raises(AnswerError, match="JSON object"):
        classify([("act", True)])  # type: ignore[arg-type]

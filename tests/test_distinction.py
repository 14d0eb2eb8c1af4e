"""The scenario quiz and the decision aid (kinds distinction-quiz and decision-aid)."""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from selfcheck import AnswerError, DefinitionError, SelfcheckError, classify, handle, load_file, parse_definition
from selfcheck._classify import FACTS
from selfcheck._distinction import TRAINING_AID, DecisionAid, DistinctionQuiz
from support import EXERCISES

BANK = EXERCISES / "distinction" / "scenarios.toml"
AID = EXERCISES / "distinction" / "decision-aid.toml"


def raw(path: Path) -> dict[str, Any]:
    """The parsed TOML of a definition file."""
    with path.open("rb") as handle_:
        return tomllib.load(handle_)


@pytest.fixture(scope="module")
def bank() -> DistinctionQuiz:
    """The scenario bank as shipped."""
    exercise = load_file(BANK)
    assert isinstance(exercise, DistinctionQuiz)
    return exercise


@pytest.fixture(scope="module")
def aid() -> DecisionAid:
    """The decision aid as shipped."""
    exercise = load_file(AID)
    assert isinstance(exercise, DecisionAid)
    return exercise


def call(request: dict[str, Any]) -> dict[str, Any]:
    """Send one request through the browser bridge and return the parsed response."""
    response: dict[str, Any] = json.loads(handle(json.dumps(request)))
    return response


def right_answers(bank: DistinctionQuiz, ids: list[str]) -> dict[str, object]:
    """Fully right answers for the vignettes ``ids``."""
    answers: dict[str, object] = {}
    for v in bank.vignettes:
        if v.id in ids:
            answers[v.category_item] = v.verdict
            answers[v.elements_item] = v.expected_elements()
    return answers


def test_every_vignette_agrees_with_the_logic(bank: DistinctionQuiz) -> None:
    """Each stored expected verdict equals classify() of the stored facts (read straight from the TOML)."""
    vignettes = raw(BANK)["vignettes"]
    assert len(vignettes) >= 30
    for entry in vignettes:
        assert classify(entry["facts"]).verdict == entry["verdict"], entry["id"]


def test_bank_covers_every_verdict_and_case_type(bank: DistinctionQuiz) -> None:
    """The bank uses every verdict, child and adult cases, internal and cross-border cases, and unknown facts."""
    verdicts = {v.verdict for v in bank.vignettes}
    assert verdicts == {"trafficking", "smuggling", "prostitution", "none", "undetermined"}
    assert any(v.facts["under_18"] and not v.facts["means"] and v.verdict == "trafficking" for v in bank.vignettes)
    assert any(v.facts["under_18"] and v.facts["means"] for v in bank.vignettes)
    assert any(v.verdict == "trafficking" and v.facts["irregular_border_crossing"] is False for v in bank.vignettes)
    assert any(v.verdict == "trafficking" and "smuggling" in classify(v.facts).also for v in bank.vignettes)
    assert any(None in v.facts.values() for v in bank.vignettes)
    assert len({v.text for v in bank.vignettes}) == len(bank.vignettes)


def test_describe_groups_two_questions_per_vignette(bank: DistinctionQuiz) -> None:
    """describe() has one section per vignette and, in it, a category item and an elements item; no answer key."""
    described = bank.describe()
    assert [s["id"] for s in described["sections"]] == [v.id for v in bank.vignettes]
    assert len(described["items"]) == 2 * len(bank.vignettes)
    first = described["items"][:2]
    assert [i["type"] for i in first] == ["single", "multiple"]
    assert all(i["section"] == bank.vignettes[0].id for i in first)
    assert "undetermined" in [o["id"] for o in first[0]["options"]]
    text = json.dumps(described)
    assert "explanation" not in text and "verdict" not in text and "facts" not in text


def test_score_only_answered_vignettes(bank: DistinctionQuiz) -> None:
    """Only the answered vignettes are scored; all right gives 100."""
    ids = [v.id for v in bank.vignettes[:3]]
    result = bank.score(right_answers(bank, ids))
    assert result["answered"] == ids
    assert result["score"] == 100 and result["points"] == 6 and result["max_points"] == 6
    assert len(result["items"]) == 6
    assert all(i["status"] == "correct" for i in result["items"])


def test_score_counts_category_and_elements_separately(bank: DistinctionQuiz) -> None:
    """A wrong category but right elements earns one of two points, with feedback naming the expected answer."""
    v = next(v for v in bank.vignettes if v.verdict == "trafficking")
    answers = {v.category_item: "smuggling", v.elements_item: v.expected_elements()}
    result = bank.score(answers)
    assert (result["categories_right"], result["elements_right"], result["score"]) == (0, 1, 50)
    category = result["items"][0]
    assert category["status"] == "incorrect"
    assert "trafficking in human beings" in category["message"] and v.explanation in category["message"]


def test_elements_feedback_goes_element_by_element(bank: DistinctionQuiz) -> None:
    """The elements feedback names each of the five elements and flags the one the reader missed."""
    v = next(v for v in bank.vignettes if v.facts["means"] is True)
    chosen = [e for e in v.expected_elements() if e != "means"]
    result = bank.score({v.category_item: v.verdict, v.elements_item: chosen})
    feedback = result["items"][1]
    assert feedback["status"] == "partial"
    for name in ("Act:", "Means:", "Purpose:", "Border crossing:", "Benefit:"):
        assert name in feedback["message"]
    assert "Means: present, but you did not mark it." in feedback["message"]


def test_no_element_option_for_cases_without_elements(bank: DistinctionQuiz) -> None:
    """A case with none of the five elements expects 'None of these elements'."""
    v = next(v for v in bank.vignettes if v.verdict == "prostitution" and not v.facts["act"])
    assert v.expected_elements() == ["no-element"]
    wrong = bank.score({v.category_item: v.verdict, v.elements_item: ["act"]})
    assert wrong["items"][1]["status"] == "incorrect"


def test_half_answered_vignette_is_refused(bank: DistinctionQuiz) -> None:
    """Answering only one of a vignette's two questions raises an AnswerError naming the vignette."""
    v = bank.vignettes[0]
    with pytest.raises(AnswerError, match=v.id):
        bank.score({v.category_item: "trafficking"})


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({}, "answer at least one vignette"),
        ({"nope-category": "none"}, "unknown item id 'nope-category'"),
        ({"orchard-category": "maybe", "orchard-elements": ["act"]}, "option 'maybe' is not offered"),
        ({"orchard-category": "none", "orchard-elements": "act"}, "expected a list of option ids"),
    ],
)
def test_bad_answers_raise_one_line_errors(bank: DistinctionQuiz, answers: dict[str, object], message: str) -> None:
    """Empty, unknown, unoffered or mistyped answers give a one-line AnswerError."""
    with pytest.raises(AnswerError, match=message) as caught:
        bank.score(answers)
    assert "\n" not in str(caught.value)


def test_sample_is_reproducible_and_prefers_new_vignettes(bank: DistinctionQuiz) -> None:
    """The same seed draws the same ids (in bank order); excluding a set draws none of it while possible."""
    first = bank.sample(12345)
    assert first == bank.sample(12345)
    assert len(first) == 10 == len(set(first))
    order = [v.id for v in bank.vignettes]
    assert first == sorted(first, key=order.index)
    second = bank.sample(999, exclude=first)
    assert not set(second) & set(first)
    assert len(bank.sample(1, count=len(order), exclude=first)) == len(order)
    with pytest.raises(SelfcheckError, match="count"):
        bank.sample(1, count=0)


def test_bridge_sample_and_best_operations() -> None:
    """The bridge answers 'sample' with ids and 'distinction-best' with the best score and its wording."""
    definition = raw(BANK)
    sampled = call({"op": "sample", "definition": definition, "seed": 7})
    assert sampled["ok"] and len(sampled["result"]["ids"]) == 10
    assert call({"op": "sample", "definition": definition, "seed": "x"}) == {
        "ok": False,
        "error": "seed must be an integer",
    }
    best = call({"op": "distinction-best", "previous": 60, "score": 80})["result"]
    assert best["best"] == 80 and best["new_best"] is True and "80" in best["message"]
    kept = call({"op": "distinction-best", "previous": 90, "score": 80})["result"]
    assert kept["best"] == 90 and kept["new_best"] is False
    assert call({"op": "distinction-best", "previous": None, "score": None})["result"]["best"] is None
    assert not call({"op": "distinction-best", "previous": 101, "score": 3})["ok"]


def test_bridge_classify_matches_classify() -> None:
    """The bridge's 'classify' op returns exactly classify(facts).to_json(), and refuses bad facts."""
    facts = {"act": True, "means": True, "exploitation_purpose": True, "irregular_border_crossing": False}
    assert call({"op": "classify", "facts": facts}) == {"ok": True, "result": classify(facts).to_json()}
    bad = call({"op": "classify", "facts": {"colour": True}})
    assert not bad["ok"] and "unknown fact 'colour'" in bad["error"]


def bad_bank(mutate: Any) -> dict[str, Any]:
    """A copy of the bank's data changed by ``mutate``."""
    data = copy.deepcopy(raw(BANK))
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "item", "field"),
    [
        (lambda d: d["vignettes"][0].update(verdict="smuggling"), "orchard", "verdict"),
        (lambda d: d["vignettes"][1]["facts"].update(colour=True), "building-site", "facts.colour"),
        (lambda d: d["vignettes"][2]["facts"].update(act="yes"), "live-in-housekeeper", "facts.act"),
        (lambda d: d["vignettes"][0].pop("explanation"), "orchard", "explanation"),
        (lambda d: d["vignettes"][0].update(verdict="maybe"), "orchard", "verdict"),
        (lambda d: d["vignettes"][3].update(extra="x"), "begging-city", "extra"),
        (lambda d: d["vignettes"][4].update(id="orchard"), "orchard", "id"),
    ],
)
def test_malformed_bank_names_file_vignette_and_field(mutate: Any, item: str, field: str) -> None:
    """A wrong verdict, unknown fact, non-boolean fact, missing or unknown field names file, vignette and field."""
    with pytest.raises(DefinitionError) as caught:
        parse_definition(bad_bank(mutate), "exercises/distinction/scenarios.toml")
    error = caught.value
    assert error.origin == "exercises/distinction/scenarios.toml"
    assert error.item == item and error.field == field
    assert "scenarios.toml" in str(error) and item in str(error) and field in str(error)


def test_sample_size_must_fit_the_bank() -> None:
    """A sample size larger than the bank is refused at parse time."""
    with pytest.raises(DefinitionError, match="sample_size"):
        parse_definition(bad_bank(lambda d: d.update(sample_size=1000)), "scenarios.toml")


def test_decision_aid_asks_every_fact(aid: DecisionAid) -> None:
    """The decision aid asks the seven facts in order, each as yes / no / don't know."""
    described = aid.describe()
    assert [i["id"] for i in described["items"]] == list(FACTS)
    assert all([o["id"] for o in i["options"]] == ["yes", "no", "unknown"] for i in described["items"])
    assert "not a legal determination" in described["intro"]


def test_decision_aid_result_is_the_classification(aid: DecisionAid) -> None:
    """Yes / no / don't know become true / false / null and the result carries classify()'s verdict and reasons."""
    answers = {"under_18": "no", "act": "yes", "means": "unknown", "exploitation_purpose": "yes"}
    result = aid.score(answers)
    facts = {"under_18": False, "act": True, "means": None, "exploitation_purpose": True}
    expected = classify(facts)
    assert result["verdict"] == expected.verdict == "undetermined"
    assert result["missing"] == list(expected.missing)
    assert [i["message"] for i in result["items"] if i["label"] == "Why"] == list(expected.reasons)
    assert [i["id"] for i in result["items"] if i["status"] == "warning"] == [f"find-out-{m}" for m in expected.missing]
    assert TRAINING_AID in result["notes"] and "not a legal determination" in TRAINING_AID


def test_decision_aid_settled_verdict_with_also(aid: DecisionAid) -> None:
    """A smuggled journey turned exploitation: the summary names trafficking and smuggling as also established."""
    answers = dict.fromkeys(FACTS, "yes") | {"under_18": "no", "own_livelihood_sex_work": "no"}
    result = aid.score(answers)
    assert result["verdict"] == "trafficking" and result["also"] == ["smuggling"]
    assert "trafficking" in result["summary"] and "migrant smuggling" in result["summary"]


def test_decision_aid_refuses_bad_answers(aid: DecisionAid) -> None:
    """Unknown questions or options raise one-line AnswerErrors."""
    with pytest.raises(AnswerError, match="unknown item id 'age'"):
        aid.score({"age": "yes"})
    with pytest.raises(AnswerError, match="option 'true' is not offered"):
        aid.score({"act": "true"})


def test_decision_aid_definition_needs_every_fact_once() -> None:
    """A missing or repeated fact question is a DefinitionError naming the field."""
    data = raw(AID)
    missing = {**data, "questions": data["questions"][:-1]}
    with pytest.raises(DefinitionError, match="own_livelihood_sex_work"):
        parse_definition(missing, "decision-aid.toml")
    repeated = {**data, "questions": [*data["questions"], data["questions"][0]]}
    with pytest.raises(DefinitionError) as caught:
        parse_definition(repeated, "decision-aid.toml")
    assert caught.value.field == "fact"

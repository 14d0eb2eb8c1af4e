"""The scenario quiz and the decision aid (kinds distinction-quiz and decision-aid)."""

from __future__ import annotations

import copy
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from selfcheck import AnswerError, DefinitionError, SelfcheckError, classify, handle, load_file, parse_definition
from selfcheck._classify import FACTS
from selfcheck._distinction import DecisionAid, DistinctionQuiz
from support import EXERCISES

BANK = EXERCISES / "distinction" / "scenarios.toml"
AID = EXERCISES / "distinction" / "decision-aid.toml"
#: Vignettes drawn from the practice that modules 11 to 18 teach, and the modules their feedback sends the reader to.
LATER_MODULES = {
    "site-abroad-debt": "module 16",
    "online-group-job": "module 17",
    "placement-centre-17": "modules 11 and 17",
    "home-again-offer": "module 13",
    "made-to-deliver": "module 14",
    "paid-late-in-cash": "module 16",
    "ex-partner-photos": "module 17",
    "recruitment-fee": "modules 16 and 18",
}
#: Places in Romania or Bulgaria: each of those vignettes is set in one of the two countries.
PLACES = ("Vratsa", "Galați", "Brașov", "Ruse", "Sliven", "Sofia", "Cluj-Napoca", "Constanța", "Plovdiv",
          "Romania", "Bulgaria")
#: A citation a vignette's feedback may give: a seed section or a public text.
CITATION = re.compile(r"guide §\d|SOP measure|CETS 197|Directive|ILO Convention|Law \d+/\d{4}|Criminal Code")


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
    """Each stored expected verdict equals classify() of the stored facts.

    Each stored expected verdict equals classify() of the stored facts (read straight from the TOML; a fact left out
    of a vignette is unknown).
    """
    vignettes = raw(BANK)["vignettes"]
    assert len(vignettes) >= 50
    for entry in vignettes:
        facts = dict.fromkeys(FACTS) | entry["facts"]
        assert classify(facts).verdict == entry["verdict"], entry["id"]


def test_bank_has_the_edge_cases_of_the_safety_rules(bank: DistinctionQuiz) -> None:
    """The bank holds the edge cases of the safety rules, each keyed by the rules and explained with a source.

    The bank holds a child who sells sex, unknown ages, a coerced sex worker, servitude with no movement, forced
    begging, smuggling turned exploitation and forced marriage, each keyed by the rules and explained with a source.
    """
    by_id = {v.id: v for v in bank.vignettes}
    child = by_id["child-sells-sex-alone"]
    assert (child.facts["under_18"], child.facts["own_livelihood_sex_work"], child.verdict) == (
        True, True, "suspected-trafficking")
    for ident in ("age-unclear", "no-papers-age"):
        assert by_id[ident].facts["under_18"] is None and by_id[ident].verdict == "trafficking", ident
    coerced = by_id["coerced-street"]
    assert coerced.facts["means"] and coerced.facts["own_livelihood_sex_work"] and coerced.verdict != "prostitution"
    servitude = by_id["servitude-at-home"]
    assert servitude.facts["act"] and servitude.verdict == "trafficking" and "harbouring" in servitude.explanation
    assert "begging" in by_id["begging-abroad-group"].explanation
    smuggled = by_id["smuggled-at-17"]
    assert smuggled.verdict == "trafficking" and "smuggling" in classify(smuggled.facts).also
    assert "2024/1712" in by_id["bride-price"].explanation
    for ident in ("child-sells-sex-alone", "no-papers-age", "coerced-street", "servitude-at-home",
                  "begging-abroad-group", "smuggled-at-17", "bride-price", "age-unclear"):
        assert any(cite in by_id[ident].explanation for cite in ("CETS 197", "Directive", "guide §")), ident


@pytest.mark.parametrize(("ident", "modules"), LATER_MODULES.items())
def test_later_module_vignette_is_set_at_home_and_cites_its_sources(bank: DistinctionQuiz, ident: str,
                                                                    modules: str) -> None:
    """Each vignette from modules 11 to 18 is set in Romania or Bulgaria, cites its sources and names its module."""
    vignette = next(v for v in bank.vignettes if v.id == ident)
    assert any(place in vignette.text for place in PLACES), ident
    assert CITATION.search(vignette.explanation), ident
    assert vignette.explanation.endswith(f"See {modules}."), ident
    assert len(vignette.text) <= 450, "a short case, without detail the decision does not need"


def test_later_module_vignettes_teach_what_their_modules_add(bank: DistinctionQuiz) -> None:
    """The vignettes of modules 11 to 18 are keyed by the rules and carry the point each module adds.

    Debt bondage abroad and a recruitment fee are trafficking; a 17-year-old in the loverboy pattern is a child
    whatever she says, with child protection named; a returned survivor's new offer cannot be settled yet (means and
    purpose unknown); a person made to commit offences is a victim to whom non-punishment applies; a labour-law
    breach and an ex-partner's threat are "none of the three" with what else they point to.
    """
    by_id = {v.id: v for v in bank.vignettes}
    assert {ident: by_id[ident].verdict for ident in LATER_MODULES} == {
        "site-abroad-debt": "trafficking", "online-group-job": "trafficking", "placement-centre-17": "trafficking",
        "home-again-offer": "undetermined", "made-to-deliver": "trafficking", "paid-late-in-cash": "none",
        "ex-partner-photos": "none", "recruitment-fee": "trafficking"}
    assert "debt bondage" in by_id["site-abroad-debt"].explanation.casefold()
    online = by_id["online-group-job"]
    assert online.facts["means"] and online.facts["own_livelihood_sex_work"] and "2024/1385" in online.explanation
    child = by_id["placement-centre-17"]
    assert child.facts["under_18"] and child.facts["own_livelihood_sex_work"]
    notices = [n.id for n in classify(child.facts).notices]
    assert {"child-in-commercial-sex", "child-protection"} <= set(notices) and "DGASPC" in child.explanation
    assert classify(by_id["home-again-offer"].facts).missing == ("means", "exploitation_purpose")
    offences = by_id["made-to-deliver"].explanation
    assert "art. 26" in offences and "art. 16a" in offences and "lawyer" in offences
    for ident, points_to in (("paid-late-in-cash", "labour inspectorate"), ("ex-partner-photos", "domestic-violence")):
        vignette = by_id[ident]
        assert vignette.explanation.startswith("None of the three, but not nothing."), ident
        assert points_to in vignette.explanation, ident
        assert "none-is-not-nothing" in [n.id for n in classify(vignette.facts).notices], ident
    assert by_id["ex-partner-photos"].facts["means"] is True


def test_no_vignette_contradicts_the_safety_rules(bank: DistinctionQuiz) -> None:
    """No vignette keys a child who sells sex as prostitution or none, or a coerced person as prostitution."""
    for v in bank.vignettes:
        if v.facts["under_18"] is not False and v.facts["own_livelihood_sex_work"]:
            assert v.verdict in ("trafficking", "suspected-trafficking"), v.id
        if v.facts["means"]:
            assert v.verdict != "prostitution" and "prostitution" not in classify(v.facts).also, v.id


def test_bank_covers_every_verdict_and_case_type(bank: DistinctionQuiz) -> None:
    """The bank uses every verdict, child and adult cases, internal and cross-border cases, and unknown facts."""
    verdicts = {v.verdict for v in bank.vignettes}
    assert verdicts == {"trafficking", "suspected-trafficking", "smuggling", "prostitution", "none", "undetermined"}
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


def test_partly_right_elements_list_what_was_missed_and_what_was_marked_wrongly(bank: DistinctionQuiz) -> None:
    """"Partly right" names the element missed and the one marked wrongly, each with why; right marks come first."""
    v = next(v for v in bank.vignettes if v.facts["means"] is True and v.facts["irregular_border_crossing"] is False)
    chosen = [e for e in v.expected_elements() if e != "means"] + ["border"]
    result = bank.score({v.category_item: v.verdict, v.elements_item: chosen})
    feedback = result["items"][1]
    assert feedback["status"] == "partial" and feedback["label"] == "Partly right"
    notes = feedback["notes"]
    assert "You did not mark “Means”, which applies: it is in the case." in notes
    assert "You marked “Border crossing”, which does not apply: the case shows it is absent." in notes
    right = [n for n in notes if n.startswith("Right to mark")]
    assert right and notes[: len(right)] == right
    assert len(notes) == len(chosen) + 1  # one line per mark, and one for the missed element


def test_no_element_option_for_cases_without_elements(bank: DistinctionQuiz) -> None:
    """A case with none of the five elements expects 'None of these elements'."""
    v = next(v for v in bank.vignettes if v.verdict == "prostitution" and not v.facts["act"])
    assert v.expected_elements() == ["no-element"]
    wrong = bank.score({v.category_item: v.verdict, v.elements_item: ["act"]})
    assert wrong["items"][1]["status"] == "incorrect"


def test_a_half_answered_vignette_waits_without_blocking_the_others(bank: DistinctionQuiz) -> None:
    """Each vignette scores on its own: a half-answered one gets a message for its missing question, by its words."""
    first, second = bank.vignettes[:2]
    answers = {first.category_item: "trafficking", **right_answers(bank, [second.id])}
    result = bank.score(answers)
    assert result["answered"] == [second.id] and result["score"] == 100
    assert result["problems"] == [{
        "item": first.elements_item,
        "message": f"“{first.title}”: also answer “Which elements do you see in the text? Choose all that apply.” "
        "to have this case checked.",
    }]
    assert "1 more case will be checked" in result["summary"]
    assert first.id not in json.dumps([result["summary"], result["problems"][0]["message"]])
    with pytest.raises(AnswerError) as caught:  # alone, it is an error with the same message next to the question
        bank.score({first.category_item: "trafficking"})
    assert [p.item for p in caught.value.problems] == [first.elements_item]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({}, "Answer at least one case"),
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
    """The bridge's 'classify' op returns exactly classify(facts).to_json(), and refuses bad or missing facts."""
    facts = dict.fromkeys(FACTS) | {"act": True, "means": True, "exploitation_purpose": True,
                                    "irregular_border_crossing": False}
    assert call({"op": "classify", "facts": facts}) == {"ok": True, "result": classify(facts).to_json()}
    bad = call({"op": "classify", "facts": {"colour": True}})
    assert not bad["ok"] and "unknown fact 'colour'" in bad["error"]
    partial = call({"op": "classify", "facts": {"act": True}})
    assert not partial["ok"] and "missing facts 'under_18'" in partial["error"]


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
    assert "not a legal determination" in described["intro"] and "supervisor" in described["intro"]


def test_decision_aid_purpose_question_shows_the_open_list(aid: DecisionAid) -> None:
    """Rule 6 on the page: the purpose question shows the open list and says it is a minimum.

    Rule 6 on the page: the purpose question names every form of exploitation, old and new, and says the list is a
    minimum.
    """
    item = next(i for i in aid.describe()["items"] if i["id"] == "exploitation_purpose")
    text = f"{item['prompt']} {item['hint']}"
    for term in ("sexual exploitation", "forced labour", "begging", "slavery", "servitude", "criminal activities",
                 "removal of organs", "forced marriage", "illegal adoption", "surrogacy", "minimum", "2024/1712"):
        assert term in text, term


def test_decision_aid_without_the_open_list_fails_the_build() -> None:
    """A purpose question that drops a form of exploitation is refused, naming the safety rule and the term."""
    data = copy.deepcopy(raw(AID))
    purpose = next(q for q in data["questions"] if q["fact"] == "exploitation_purpose")
    purpose["hint"] = purpose["hint"].replace("illegal adoption", "adoption")
    with pytest.raises(DefinitionError) as caught:
        parse_definition(data, "decision-aid.toml")
    assert caught.value.field == "prompt" and "open-purpose-list" in str(caught.value)
    assert "'illegal adoption'" in str(caught.value)


def test_decision_aid_result_is_the_classification(aid: DecisionAid) -> None:
    """The aid's result is classify()'s result for the answered facts, ending with the next step.

    Yes / no / don't know become true / false / null; the result carries classify()'s verdict, notices, reasons and
    find-out list, and ends with the next step.
    """
    answers = {"under_18": "no", "act": "yes", "means": "unknown", "exploitation_purpose": "yes",
               "irregular_border_crossing": "no", "facilitator_benefit": "no", "own_livelihood_sex_work": "no"}
    result = aid.score(answers)
    facts = {"under_18": False, "act": True, "means": None, "exploitation_purpose": True,
             "irregular_border_crossing": False, "facilitator_benefit": False, "own_livelihood_sex_work": False}
    expected = classify(facts)
    assert result["verdict"] == expected.verdict == "undetermined"
    assert result["summary"] == expected.summary
    assert result["missing"] == list(expected.missing)
    assert [i["message"] for i in result["items"] if i["label"] == "Why"] == list(expected.reasons)
    find_out = [i["id"] for i in result["items"] if i["id"].startswith("find-out-")]
    assert find_out == [f"find-out-{m}" for m in expected.missing]
    asks = [i["message"] for i in result["items"] if i["id"].startswith("find-out-")]
    assert asks == list(expected.find_out) and "“" in asks[0]
    assert result["items"][-2]["id"] == "how-to-ask"
    assert result["items"][-1]["id"] == "next-step" and result["items"][-1]["message"] == expected.next_step.message
    links = {link["href"] for link in result["items"][-1]["links"]}
    assert links == {"countries/romania/#who-identifies-and-the-referral-mechanism", "countries/romania/#who-does-what",
                     "countries/bulgaria/#who-identifies-and-the-national-referral-mechanism",
                     "countries/bulgaria/#who-does-what"}


def test_decision_aid_a_child_who_sells_sex_shows_child_protection_first(aid: DecisionAid) -> None:
    """A 16-year-old who sells sex gets suspected trafficking and child protection first, never none.

    A 16-year-old who sells sex with nothing else known: suspected trafficking, never none; the safety notices
    (child in commercial sex, child protection) come before the reasons, the next step last.
    """
    result = aid.score({"under_18": "yes", "own_livelihood_sex_work": "yes"})
    assert result["verdict"] == "suspected-trafficking"
    ids = [i["id"] for i in result["items"]]
    assert ids[:2] == ["child-in-commercial-sex", "child-protection"] and ids[-1] == "next-step"
    assert "DGASPC" in result["items"][1]["message"]
    assert "Questions left unanswered count as \"don't know\" (5)." in result["summary"]


def test_decision_aid_settled_verdict_with_also(aid: DecisionAid) -> None:
    """A smuggled journey turned exploitation: the summary names trafficking and smuggling as also established."""
    answers = dict.fromkeys(FACTS, "yes") | {"under_18": "no", "own_livelihood_sex_work": "no"}
    result = aid.score(answers)
    assert result["verdict"] == "trafficking" and result["also"] == ["smuggling"]
    assert "trafficking" in result["summary"] and "migrant smuggling" in result["summary"]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"age": "yes"}, "the answers name a question this decision aid does not ask: 'age'"),
        ({"act": "true"}, "question 2 (Did someone recruit"),
        ({"act": "true"}, "'true' is not an answer; choose yes, no or don't know"),
        ({"under_18": True}, "question 1 (Is the person under 18?): True is not an answer"),
        ({"means": ["yes"]}, "question 3"),
    ],
)
def test_decision_aid_refuses_bad_answers(aid: DecisionAid, answers: dict[str, object], message: str) -> None:
    """Unknown questions and answers other than yes / no / don't know give one clear line naming the question."""
    with pytest.raises(AnswerError) as caught:
        aid.score(answers)
    assert message in str(caught.value) and "\n" not in str(caught.value)


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

"""Tests for the observation kind (src/selfcheck/_observation.py) and the seven rubrics under exercises/observation/."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest

from selfcheck import (
    SCHEMA_VERSION,
    AnswerError,
    DefinitionError,
    SelfcheckError,
    handle,
    load_catalogue,
    parse_definition,
)
from selfcheck._observation import MESSAGES, NOTES_ID, Observation, Target, outcome_rows
from support import EXERCISES

RUBRICS = ["obs-first-interview", "obs-crisis-intervention", "obs-needs-assessment", "obs-referral",
           "obs-family-involvement", "obs-return-risk-assessment", "obs-sharing-a-case"]
#: Whose procedure a rubric follows, by the first source it cites: (country code, the adjective its procedure uses).
PROCEDURES = {"guide §": ("ro", "Romanian"), "SOP measure 3.1": ("bg", "Bulgarian"),
              "NRM (Bulgaria)": ("bg", "Bulgarian")}
#: What a criterion's source may start with: the two seeds, or a public text that a module cites.
CRITERION_SOURCES = ("guide §", "SOP measure 3.1", "NRM measure", "WHO 2003", "GDPR", "CETS 197")
LOW, MID, TOP = "lvl-low", "lvl-mid", "lvl-top"


def definition(others: int = 10, critical: int = 2, **extra: Any) -> dict[str, Any]:
    """A rubric with ``critical`` critical criteria (crit-k…) and ``others`` other ones (oth-k…), 80 % rule.

    Every id is unusual on purpose, so a test can tell whether one leaks into a result.
    """
    criteria = [
        {"id": f"crit-k{n}", "section": "sec-one", "prompt": f"Critical thing {n}", "critical": True,
         "source": "guide §5.2", "revisit": ["tgt-steps"]}
        for n in range(1, critical + 1)
    ] + [
        {"id": f"oth-k{n}", "section": "sec-two", "prompt": f"Other thing {n}", "source": "guide §5.3",
         "revisit": ["tgt-needs"]}
        for n in range(1, others + 1)
    ]
    base: dict[str, Any] = {
        "schema": SCHEMA_VERSION, "id": "obs-test", "kind": "observation", "title": "Observed practice: test",
        "source": "guide §5.2", "intro": "Observe it.", "country": "ro",
        "procedure": "Follows the Romanian guide.",
        "levels": [{"id": LOW, "label": "Not yet", "text": "Not done."},
                   {"id": MID, "label": "With support", "text": "Done with a prompt."},
                   {"id": TOP, "label": "Independently", "text": "Done alone."}],
        "readiness": {"critical_level": TOP, "others_level": MID, "others_percent": 80},
        "sections": [s for s, n in (({"id": "sec-one", "title": "First part"}, critical),
                                    ({"id": "sec-two", "title": "Second part"}, others)) if n],
        "revisit": [t for t, n in (
            ({"id": "tgt-steps", "title": "Module 4: The seven steps",
              "page": "modules/04-first-contact-and-immediate-support.md", "anchor": "the-seven-steps"}, critical),
            ({"id": "tgt-needs", "title": "Module 5: Assessing the survivor's needs",
              "page": "modules/05-assessment-planning-referral.md", "anchor": "assessing-the-survivors-needs"}, others),
        ) if n],
        "criteria": criteria,
    }
    base.update(extra)
    return base


def rubric(**kwargs: Any) -> Observation:
    """The test rubric, parsed."""
    exercise = parse_definition(definition(**kwargs), "t.toml")
    assert isinstance(exercise, Observation)
    return exercise


def ratings(critical: str = TOP, others: list[str] | None = None, n_critical: int = 2) -> dict[str, object]:
    """Answers: every critical criterion at ``critical``, the others at the levels listed."""
    answers: dict[str, object] = {f"crit-k{n}": critical for n in range(1, n_critical + 1)}
    answers.update({f"oth-k{n}": level for n, level in enumerate(others or [], start=1)})
    return answers


def strings(value: object) -> Iterator[str]:
    """Every string value in a JSON-like value (keys are the result's own, checked separately)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


# ----- the readiness rule


def test_all_independent_is_ready() -> None:
    """Every criterion at the top level: ready, nothing holds back, nothing to revisit, the outcome may be kept."""
    result = rubric().score(ratings(TOP, [TOP] * 10))
    assert result["outcome"] == "ready" and result["ready"] is True
    assert result["summary"].startswith(MESSAGES["outcome_ready"])
    assert result["items"] == [] and result["revisit"] == []
    assert result["record"] == {"outcome": "ready"}
    assert result["critical"] == {"met": 2, "total": 2}
    assert result["others"] == {"met": 10, "total": 10, "needed": 8}


def test_critical_criterion_one_level_short_is_not_ready() -> None:
    """One critical criterion at "with support" (one level below the bar) makes it "not yet", whatever the rest."""
    answers = ratings(TOP, [TOP] * 10)
    answers["crit-k2"] = MID
    result = rubric().score(answers)
    assert result["outcome"] == "not-yet" and result["ready"] is False
    assert result["record"] == {"outcome": "not-yet"}
    [item] = result["items"]
    assert item["prompt"] == "Critical thing 2" and item["status"] == "warning"
    assert item["label"] == MESSAGES["label_holds_back_critical"]
    assert "“With support”" in item["message"] and "“Independently”" in item["message"]
    assert "Module 4: The seven steps" in item["message"]
    assert result["revisit"] == [{"title": "Module 4: The seven steps",
                                  "href": "modules/04-first-contact-and-immediate-support/#the-seven-steps"}]
    assert result["revisit_title"] == MESSAGES["revisit_title_back"]


def test_exactly_at_the_threshold_is_ready() -> None:
    """8 of 10 other criteria at "with support" is exactly 80 %: ready; the two below are only "to work on"."""
    result = rubric().score(ratings(TOP, [MID] * 8 + [LOW] * 2))
    assert result["outcome"] == "ready"
    assert result["others"] == {"met": 8, "total": 10, "needed": 8}
    assert [i["label"] for i in result["items"]] == [MESSAGES["label_work_on"]] * 2
    assert {i["status"] for i in result["items"]} == {"partial"}
    assert result["revisit_title"] == MESSAGES["revisit_title_improve"]
    assert [t["title"] for t in result["revisit"]] == ["Module 5: Assessing the survivor's needs"]


def test_one_below_the_threshold_is_not_ready() -> None:
    """7 of 10 (70 %) misses the 80 % rule: not yet, and the three criteria below the bar hold the person back."""
    result = rubric().score(ratings(TOP, [MID] * 7 + [LOW] * 3))
    assert result["outcome"] == "not-yet"
    assert [i["prompt"] for i in result["items"]] == ["Other thing 8", "Other thing 9", "Other thing 10"]
    assert {i["label"] for i in result["items"]} == {MESSAGES["label_holds_back"]}
    assert "7 of 10 (8 needed)" in result["summary"]


@pytest.mark.parametrize(("others", "percent", "needed"), [(7, 80, 6), (6, 80, 5), (3, 100, 3), (10, 75, 8),
                                                           (1, 1, 1), (9, 33, 3)])
def test_share_is_rounded_up_exactly(others: int, percent: int, needed: int) -> None:
    """The share needed is the exact ceiling of percent × count / 100: one fewer fails, exactly enough passes."""
    exercise = rubric(others=others, readiness={"critical_level": TOP, "others_level": MID, "others_percent": percent})
    assert exercise.score(ratings(TOP, [MID] * needed + [LOW] * (others - needed)))["outcome"] == "ready"
    assert exercise.score(ratings(TOP, [MID] * (needed - 1) + [LOW] * (others - needed + 1)))["outcome"] == "not-yet"
    assert f"({needed} of {others})" in exercise.rule()


def test_a_lower_critical_level_counts_levels_above_it() -> None:
    """With critical_level "with support", a critical criterion at the top meets it and one at the bottom does not."""
    readiness = {"critical_level": MID, "others_level": MID, "others_percent": 80}
    exercise = rubric(readiness=readiness)
    assert exercise.score(ratings(TOP, [MID] * 10))["outcome"] == "ready"
    assert exercise.score(ratings(LOW, [MID] * 10))["outcome"] == "not-yet"
    assert "“With support” or better" in exercise.rule()
    assert "“Independently” or better" not in rubric().rule()


def test_unrated_criteria_give_no_outcome_and_nothing_to_keep() -> None:
    """A criterion left unrated means "no outcome yet": ready is null and the result offers nothing to keep."""
    result = rubric().score(ratings(TOP, [TOP] * 9))
    assert result["outcome"] == "incomplete" and result["ready"] is None and result["record"] is None
    assert result["unrated"] == 1
    assert [(i["prompt"], i["label"]) for i in result["items"]] == [("Other thing 10", MESSAGES["label_not_rated"])]
    assert "1 of 12 criteria are not rated" in result["summary"]


def test_incomplete_still_names_a_critical_shortfall() -> None:
    """While some criteria are unrated, a critical criterion already below the bar is named with what to revisit."""
    result = rubric().score({"crit-k1": LOW})
    assert result["outcome"] == "incomplete"
    assert result["items"][0]["label"] == MESSAGES["label_holds_back_critical"]
    assert [t["title"] for t in result["revisit"]] == ["Module 4: The seven steps"]


def test_all_critical_rubric_has_its_own_rule() -> None:
    """A rubric whose criteria are all critical states the rule without a share, and is ready when all reach it."""
    exercise = rubric(others=0, critical=3)
    assert exercise.rule() == MESSAGES["rule_all_critical"].format(critical="Independently", critical_plus="")
    assert exercise.score(ratings(TOP, n_critical=3))["outcome"] == "ready"


def test_results_carry_no_internal_ids_and_never_echo_notes() -> None:
    """No criterion, level, section or target id appears anywhere in a result; the notes text never comes back."""
    exercise = rubric()
    ids = {"crit-k", "oth-k", LOW, MID, TOP, "sec-one", "sec-two", "tgt-steps", "tgt-needs"}
    for answers in (ratings(TOP, [TOP] * 10), ratings(MID, [LOW] * 10), {"crit-k1": LOW}):
        result = exercise.score({**answers, NOTES_ID: "SECRET NOTE 4711"})
        dump = json.dumps(result, ensure_ascii=False)
        assert "SECRET NOTE 4711" not in dump
        assert not [i for i in ids if i in dump], dump


def test_bad_answers_are_one_line_errors() -> None:
    """Unknown criteria, levels not offered and wrongly typed answers raise AnswerError naming the item."""
    exercise = rubric()
    cases = [({"nope": TOP}, "unknown item id 'nope'"), ({"crit-k1": "great"}, "level 'great' is not offered"),
             ({"crit-k1": 3}, "expected one level id as a string, got a number"),
             ({NOTES_ID: ["x"]}, "item 'notes': expected text, got a list")]
    for answers, message in cases:
        with pytest.raises(AnswerError, match=message) as caught:
            exercise.score(answers)
        assert "\n" not in str(caught.value)


# ----- the published form and the paper key


def test_describe_publishes_levels_as_options_and_the_notes_box_last() -> None:
    """Each criterion is a single choice over the levels; critical ones say so; the notes box is last and off paper."""
    described = rubric().describe()
    items = described["items"]
    assert [o["id"] for o in items[0]["options"]] == [LOW, MID, TOP]
    assert items[0]["hint"] == MESSAGES["critical_hint"].format(level="Independently")
    assert "hint" not in items[2]
    assert items[-1] == {"id": NOTES_ID, "type": "text", "prompt": MESSAGES["notes_prompt"],
                         "hint": MESSAGES["notes_hint"], "section": "debrief", "paper": False}
    assert [s["id"] for s in described["sections"]] == ["sec-one", "sec-two", "debrief"]
    assert described["rules"][1] == rubric().rule() and described["rules"][0].startswith("Levels: Not yet: Not done")
    assert described["intro"] == "Observe it. Follows the Romanian guide."
    rows = described["table"]["rows"]
    assert rows[0] == {"heading": "First part"}
    assert rows[1] == {"label": f"1. Critical thing 1 {MESSAGES['critical_mark']}", "items": ["crit-k1"]}
    assert described["table"]["header"] == ["Criterion", "Not yet", "With support", "Independently"]


def test_scoring_key_counts_outcome_and_revisit_numbers() -> None:
    """The paper key gives the counts to fill in, the outcome to tick and each target with its criterion numbers."""
    key = rubric().scoring_key()
    assert key["rows"] == []
    notes = " ".join(map(str, key["notes"]))
    assert "___ of 2" in notes and "___ of 10 (8 needed)" in notes
    assert MESSAGES["outcome_ready"] in notes and MESSAGES["outcome_not-yet"] in notes
    assert "Module 4: The seven steps (criteria 1, 2)" in notes
    assert "Module 5: Assessing the survivor's needs (criteria 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)" in notes


@pytest.mark.parametrize(("page", "href"), [("modules/04-x.md", "modules/04-x/#a"), ("index.md", "#a"),
                                            ("practice/index.md", "practice/#a"), ("glossary.md", "glossary/#a")])
def test_target_href_follows_directory_urls(page: str, href: str) -> None:
    """A Markdown page maps to its directory URL, with the anchor after it."""
    assert Target("t", "T", page, "a").href == href


# ----- schema errors: each names the file, the item and the field


def _without(key: str) -> dict[str, Any]:
    data = definition()
    del data[key]
    return data


def _criterion(**changes: Any) -> dict[str, Any]:
    data = definition()
    data["criteria"][0].update(changes)
    return data


def _readiness(**changes: Any) -> dict[str, Any]:
    data = definition()
    data["readiness"].update(changes)
    return data


def _replace(key: str, value: Any) -> dict[str, Any]:
    data = definition()
    data[key] = value
    return data


def _target(**changes: Any) -> dict[str, Any]:
    data = definition()
    data["revisit"][0].update(changes)
    return data


SCHEMA_ERRORS = [
    (_without("levels"), "t.toml: field 'levels': is missing"),
    (_replace("levels", definition()["levels"][:1]), "t.toml: field 'levels': a rubric needs at least two levels"),
    (_readiness(critical_level="best"), "t.toml: field 'critical_level': must be one of lvl-low, lvl-mid, lvl-top"),
    (_readiness(others_percent=0), "t.toml: field 'others_percent': must be a whole percentage from 1 to 100"),
    (_readiness(others_percent=101), "t.toml: field 'others_percent': must be a whole percentage"),
    (_readiness(others_percent=0.8), "t.toml: field 'others_percent': must be an integer"),
    (_readiness(extra=1), "t.toml: field 'extra': is not a known field"),
    (_criterion(section="sec-nine"), "t.toml: item 'crit-k1': field 'section': must be one of sec-one, sec-two"),
    (_criterion(revisit=["tgt-nine"]), "t.toml: item 'crit-k1': field 'revisit': unknown revisit target 'tgt-nine'"),
    (_criterion(revisit=[]), "t.toml: item 'crit-k1': field 'revisit': must name at least one target"),
    (_criterion(revisit=[""]), "t.toml: item 'crit-k1': field 'revisit': must be a list of non-empty strings"),
    (_criterion(revisit=["tgt-steps", "tgt-steps"]), "t.toml: item 'crit-k1': field 'revisit': lists a target more"),
    (_criterion(source=""), "t.toml: item 'crit-k1': field 'source': must be a non-empty string"),
    (_criterion(critical="yes"), "t.toml: item 'crit-k1': field 'critical': must be true or false"),
    (_criterion(prompts="x"), "t.toml: item 'crit-k1': field 'prompts': is not a known field"),
    (_criterion(id="notes"), "t.toml: item 'notes': field 'id': 'notes' is reserved for the notes box"),
    (_target(page="https://example.org/x.md"), "t.toml: item 'tgt-steps': field 'page': 'https://example.org/x.md'"),
    (_target(page="../secret.md"), "t.toml: item 'tgt-steps': field 'page'"),
    (_target(anchor="The Seven Steps"), "t.toml: item 'tgt-steps': field 'anchor': 'The Seven Steps' must be"),
    (_replace("country", "fr"), "t.toml: field 'country': must be one of ro, bg"),
    (_without("procedure"), "t.toml: field 'procedure': is missing"),
    (_replace("sections", [*definition()["sections"], {"id": "sec-empty", "title": "E"}]),
     "t.toml: field 'sections': section 'sec-empty' has no criteria"),
    (_replace("sections", [*definition()["sections"], {"id": "debrief", "title": "D"}]),
     "t.toml: item 'debrief': field 'id': 'debrief' is reserved"),
    (_replace("revisit", [*definition()["revisit"], {"id": "tgt-spare", "title": "S", "page": "glossary.md",
                                                      "anchor": "a"}]),
     "t.toml: field 'revisit': target 'tgt-spare' is not used by any criterion"),
    (definition(critical=0), "t.toml: field 'criteria': a rubric needs at least one critical criterion"),
]


@pytest.mark.parametrize(("data", "message"), SCHEMA_ERRORS, ids=[m.split(": ", 1)[1][:60] for _, m in SCHEMA_ERRORS])
def test_schema_errors_name_file_item_and_field(data: dict[str, Any], message: str) -> None:
    """A malformed rubric fails validation with one line that names the file, the item and the field."""
    with pytest.raises(DefinitionError) as caught:
        parse_definition(data, "t.toml")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


# ----- kept outcomes and the bridge


def test_outcome_rows_label_kept_outcomes() -> None:
    """Kept entries are labelled in the kind's words, oldest first, with a summary."""
    rows = outcome_rows([{"date": "2026-11-01", "outcome": "not-yet"}, {"date": "2026-11-29", "outcome": "ready"}])
    assert [r["label"] for r in rows["rows"]] == [MESSAGES["outcome_not-yet"], MESSAGES["outcome_ready"]]
    assert rows["summary"] == MESSAGES["history_some"].format(count=2)
    assert outcome_rows([])["summary"] == MESSAGES["history_none"]


@pytest.mark.parametrize("entries", [None, {}, [{"date": "2026-11-01"}], [{"date": "2026-13-01", "outcome": "ready"}],
                                     [{"date": "01/11/2026", "outcome": "ready"}],
                                     [{"date": "2026-11-01", "outcome": "incomplete"}],
                                     [{"date": "2026-11-01", "outcome": "ready", "notes": "x"}], ["ready"]])
def test_outcome_rows_reject_anything_else(entries: object) -> None:
    """Anything but a list of {date, kept outcome} is refused with one message (the page then clears it)."""
    with pytest.raises(SelfcheckError, match="entries must be a list"):
        outcome_rows(entries)


def test_bridge_scores_a_rubric_like_cpython_and_lists_outcomes() -> None:
    """The worker's entry point scores a rubric exactly as score() does, and labels kept outcomes."""
    data = definition()
    answers = ratings(MID, [TOP] * 10)
    response = json.loads(handle(json.dumps({"op": "score", "definition": data, "answers": answers})))
    assert response == {"ok": True, "result": rubric().score(answers)}
    listed = json.loads(handle(json.dumps({"op": "observation-outcomes",
                                           "entries": [{"date": "2026-11-30", "outcome": "ready"}]})))
    assert listed["ok"] and listed["result"]["rows"][0]["label"] == MESSAGES["outcome_ready"]
    refused = json.loads(handle(json.dumps({"op": "observation-outcomes", "entries": "x"})))
    assert refused == {"ok": False, "error": MESSAGES["bad_entries"]}


# ----- the seven rubrics


@pytest.fixture(scope="module")
def catalogue() -> Any:
    """Every definition under exercises/, validated as the build does."""
    return load_catalogue(EXERCISES)


def test_the_seven_rubrics_exist(catalogue: Any) -> None:
    """exercises/observation/ holds exactly the seven rubrics of the supervised-practice pages."""
    found = sorted(e.id for e in catalogue if e.kind == "observation")
    assert found == sorted(RUBRICS)
    assert all(catalogue.files[i].parent.name == "observation" for i in RUBRICS)


@pytest.mark.parametrize("ident", RUBRICS)
def test_rubric_cites_its_sources_and_country(catalogue: Any, ident: str) -> None:
    """Each rubric cites a source per criterion and says whose procedure it follows.

    The first source decides the country (the guide: Romania; the SOP or the Bulgarian NRM: Bulgaria), and the
    procedure sentence names that country's text before any other; a procedure of the guide gives its year, 2016.
    """
    exercise = catalogue.get(ident)
    [first] = [prefix for prefix in PROCEDURES if exercise.source.startswith(prefix)]
    country, adjective = PROCEDURES[first]
    assert exercise.country == country
    named = [word for word in ("Romanian", "Bulgarian") if word in exercise.procedure]
    assert named and min(named, key=exercise.procedure.index) == adjective
    assert country == "bg" or "2016" in exercise.procedure
    for c in exercise.criteria:
        assert c.source.startswith(CRITERION_SOURCES), (ident, c.id)
    assert len(exercise.critical()) >= 3 and len(exercise.criteria) <= 13  # one A4 page


@pytest.mark.parametrize("ident", RUBRICS)
def test_rubric_readiness_edges(catalogue: Any, ident: str) -> None:
    """Real rubrics: all independent or exactly the share needed is ready; one fewer or a critical one short is not."""
    exercise = catalogue.get(ident)
    critical = {c.id: "independently" for c in exercise.critical()}
    others = [c.id for c in exercise.others()]
    needed = exercise.score({})["others"]["needed"]
    exact = {**critical, **{k: ("with-support" if n < needed else "not-yet") for n, k in enumerate(others)}}
    assert exercise.score({**critical, **dict.fromkeys(others, "independently")})["outcome"] == "ready"
    assert exercise.score(exact)["outcome"] == "ready"
    fewer = {**exact, others[needed - 1]: "not-yet"}
    assert exercise.score(fewer)["outcome"] == "not-yet"
    short = copy.copy(exact)
    short[exercise.critical()[0].id] = "with-support"
    result = exercise.score(short)
    assert result["outcome"] == "not-yet" and result["revisit"], result
    assert {k for item in result["items"] for k in item} == {"status", "label", "prompt", "message", "source"}
    assert {k for target in result["revisit"] for k in target} == {"title", "href"}
    values = set(strings(result)) - {"ready", "not-yet", "incomplete", "observation", ident}
    internal = {c.id for c in exercise.criteria} | {s.id for s in exercise.sections} | {t.id for t in exercise.targets}
    assert not values & (internal | {lv.id for lv in exercise.levels})

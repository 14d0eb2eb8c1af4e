"""The Copenhagen Burnout Inventory kind (src/selfcheck/_cbi.py) and its definition exercises/wellbeing/cbi.toml."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import pytest

from selfcheck import AnswerError, DefinitionError, load_file, parse_definition
from selfcheck._cbi import Cbi
from support import EXERCISES, cli_json, run_cli

CBI_FILE = EXERCISES / "wellbeing" / "cbi.toml"

#: The published English items, in the published order (Kristensen et al. 2005, PUMA study version).
PERSONAL = [
    "How often do you feel tired?",
    "How often are you physically exhausted?",
    "How often are you emotionally exhausted?",
    'How often do you think: "I can\'t take it anymore"?',
    "How often do you feel worn out?",
    "How often do you feel weak and susceptible to illness?",
]
WORK = [
    "Is your work emotionally exhausting?",
    "Do you feel burnt out because of your work?",
    "Does your work frustrate you?",
    "Do you feel worn out at the end of the working day?",
    "Are you exhausted in the morning at the thought of another day at work?",
    "Do you feel that every working hour is tiring for you?",
    "Do you have enough energy for family and friends during leisure time?",
]
CLIENT = [
    "Do you find it hard to work with clients?",
    "Do you find it frustrating to work with clients?",
    "Does it drain your energy to work with clients?",
    "Do you feel that you give more than you get back when you work with clients?",
    "Are you tired of working with clients?",
    "Do you sometimes wonder how long you will be able to continue working with clients?",
]
FREQUENCY = ["Always", "Often", "Sometimes", "Seldom", "Never/almost never"]
DEGREE = ["To a very high degree", "To a high degree", "Somewhat", "To a low degree", "To a very low degree"]
DEGREE_ITEMS = {7, 8, 9, 14, 15, 16, 17}


@pytest.fixture(scope="module")
def cbi() -> Cbi:
    """The CBI as defined in exercises/."""
    exercise = load_file(CBI_FILE)
    assert isinstance(exercise, Cbi)
    return exercise


def option_ids(cbi: Cbi, number: int) -> list[str]:
    """Option ids of question ``number`` (1-based), in published order."""
    return [o["id"] for o in cbi.describe()["items"][number - 1]["options"]]


def nth(cbi: Cbi, number: int, index: int) -> dict[str, str]:
    """An answer to question ``number`` choosing its option at ``index`` (0 = first published option)."""
    return {f"q{number}": option_ids(cbi, number)[index]}


def test_describe_lists_items_word_for_word_in_published_order(cbi: Cbi) -> None:
    """All 19 prompts appear exactly as published, in order, grouped in personal, work and client sections."""
    described = cbi.describe()
    assert [i["prompt"] for i in described["items"]] == PERSONAL + WORK + CLIENT
    assert [i["section"] for i in described["items"]] == ["personal"] * 6 + ["work"] * 7 + ["client"] * 6
    assert [s["id"] for s in described["sections"]] == ["personal", "work", "client"]
    assert [i["number"] for i in described["items"]] == list(range(1, 20))


def test_options_follow_published_order_and_scale(cbi: Cbi) -> None:
    """Degree items offer the degree scale, all others the frequency scale, in the published option order."""
    for number, item in enumerate(cbi.describe()["items"], start=1):
        labels = [o["label"] for o in item["options"]]
        assert item["type"] == "single"
        assert labels == (DEGREE if number in DEGREE_ITEMS else FREQUENCY), number


def test_describe_reveals_no_points(cbi: Cbi) -> None:
    """The published form carries no points or reverse flags."""
    text = json.dumps(cbi.describe())
    assert '"points"' not in text and '"reverse"' not in text


def test_points_are_100_to_0_and_item_13_reversed(cbi: Cbi) -> None:
    """Every item scores 100, 75, 50, 25, 0 in option order except item 13, which scores 0 to 100."""
    for item in cbi.items:
        points = [item.points(o) for o in item.choice.option_ids()]
        expected = [0, 25, 50, 75, 100] if item.number == 13 else [100, 75, 50, 25, 0]
        assert points == expected, item.number
    assert [i.number for i in cbi.items if i.reverse] == [13]


def test_full_answers_give_exact_means(cbi: Cbi) -> None:
    """A full set of answers: each scale is the mean of its items; there is no total score."""
    answers: dict[str, Any] = {}
    for n in range(1, 7):  # personal: Always x3, Seldom x3 -> (300 + 75) / 6 = 62.5
        answers.update(nth(cbi, n, 0 if n <= 3 else 3))
    for n in range(7, 13):  # work: "Somewhat"/"Sometimes" = 50 for 7..12
        answers.update(nth(cbi, n, 2))
    answers.update(nth(cbi, 13, 4))  # Never/almost never on item 13 -> 100 (reversed)
    for n in range(14, 20):  # client: very low / never -> 0
        answers.update(nth(cbi, n, 4))
    result = cbi.score(answers)
    assert result["personal"] == 62.5
    assert result["work"] == pytest.approx((6 * 50 + 100) / 7)
    assert result["client"] == 0.0
    assert [s["score"] for s in result["scales"]] == [result["personal"], result["work"], result["client"]]
    assert "total" not in result
    assert result["scales"][0]["band"] == "50 or more"
    assert result["scales"][2]["band"] == "Below 50"


def test_reverse_scored_item_13_alone_moves_the_work_score(cbi: Cbi) -> None:
    """With items 7-12 fixed, 'Always' on item 13 adds 0 points and 'Never/almost never' adds 100."""
    base: dict[str, Any] = {}
    for n in range(7, 13):
        base.update(nth(cbi, n, 1))  # 75 each
    always = cbi.score({**base, **nth(cbi, 13, 0)})
    never = cbi.score({**base, **nth(cbi, 13, 4)})
    assert always["work"] == pytest.approx(6 * 75 / 7)
    assert never["work"] == pytest.approx((6 * 75 + 100) / 7)
    assert always["personal"] is None and always["client"] is None


def test_partial_answers_score_on_answered_items_only(cbi: Cbi) -> None:
    """Exactly half of a 6-item scale (3) is enough; the mean is over answered items only."""
    answers = {**nth(cbi, 1, 0), **nth(cbi, 2, 1), **nth(cbi, 3, 4)}  # 100, 75, 0
    result = cbi.score(answers)
    assert result["personal"] == pytest.approx(175 / 3)
    personal = result["scales"][0]
    assert personal["answered"] == 3 and personal["total_items"] == 6
    assert "3 of 6" in personal["note"]


def test_below_threshold_scales_get_no_score(cbi: Cbi) -> None:
    """Personal with 2 of 6, work with 3 of 7 and client with 2 of 6 answers get null and say why."""
    answers: dict[str, Any] = {}
    for n in (1, 2, 7, 8, 9, 14, 15):
        answers.update(nth(cbi, n, 0))
    result = cbi.score(answers)
    assert (result["personal"], result["work"], result["client"]) == (None, None, None)
    for scale, needed in zip(result["scales"], (3, 4, 3), strict=True):
        assert scale["score"] is None
        assert "No score" in scale["note"] and f"at least {needed}" in scale["note"]
    assert "Not enough answers" in result["summary"]


def test_work_scale_needs_four_of_seven(cbi: Cbi) -> None:
    """The 7-item work scale is scored from 4 answers (more than half) but not from 3."""
    three = {**nth(cbi, 7, 0), **nth(cbi, 8, 0), **nth(cbi, 9, 0)}
    assert cbi.score(three)["work"] is None
    assert cbi.score({**three, **nth(cbi, 10, 4)})["work"] == 75.0


def test_fewer_than_half_rule_is_in_the_definition(cbi: Cbi) -> None:
    """Each scale's minimum is the smallest count that is not fewer than half its items."""
    for scale in cbi.scales:
        count = len(cbi.scale_items(scale.id))
        assert scale.min_answered == (count + 1) // 2
    assert [s.min_answered for s in cbi.scales] == [3, 4, 3]


def test_wrong_option_unknown_item_and_wrong_type_are_rejected(cbi: Cbi) -> None:
    """An option from the other response scale, an unknown item id, or a non-string answer raise AnswerError."""
    with pytest.raises(AnswerError, match="not offered"):
        cbi.score({"q1": option_ids(cbi, 7)[0]})  # degree option on a frequency item
    with pytest.raises(AnswerError, match="unknown item id 'q20'"):
        cbi.score({"q1": option_ids(cbi, 1)[0], "q20": "always"})
    with pytest.raises(AnswerError, match="expected one option id"):
        cbi.score({"q1": 100})


def test_no_answers_is_an_error_not_a_score(cbi: Cbi) -> None:
    """An empty answer set gives a clear message instead of a result, placed at the first question, with no id."""
    with pytest.raises(AnswerError, match="No question has an answer yet") as caught:
        cbi.score({})
    assert [p.item for p in caught.value.problems] == ["q1"]
    assert "q1" not in caught.value.problems[0].message and "3 of 6 for personal burnout" in str(caught.value)


def test_the_result_opens_with_plain_words_then_details(cbi: Cbi) -> None:
    """The summary says in words what the answers suggest; each scale opens with a plain sentence, then details."""
    high = {**nth(cbi, 1, 0), **nth(cbi, 2, 1), **nth(cbi, 3, 0)}  # personal: 100, 75, 100
    low = {k: v for n in range(7, 13) for k, v in nth(cbi, n, 4).items()}  # work: 0 x6
    result = cbi.score({**high, **low})
    assert result["summary"].startswith(
        "Your answers today suggest moderate burnout or higher for personal burnout, "
        "and less than moderate burnout for work-related burnout."
    )
    assert "talk to someone you trust" in result["summary"]
    assert "Not enough answers to score client-related burnout." in result["summary"]
    personal, work, client = result["scales"]
    assert personal["plain"].startswith("Today your answers point to a lot of tiredness and exhaustion in general")
    assert work["plain"].startswith("Today your answers point to some tiredness and exhaustion that you link")
    assert personal["band_line"] == "50 or more: moderate burnout or higher"
    assert work["band_line"] == "Below 50: less than moderate burnout"
    assert "plain" not in client and client["score"] is None
    assert "Source" not in json.dumps([personal["note"], work["note"], result["notes"]])


def test_meter_boundaries_follow_the_bands(cbi: Cbi) -> None:
    """low/high/optimum make a browser paint a score below 50 as good and 50 or more as not good, exactly at 50.

    A browser paints a value up to ``low`` as the optimum when the optimum is below ``low``; every
    possible score (a mean of whole points over at most 7 questions) falls on the right side of ``low``.
    """
    meter = cbi.meter()
    assert meter["optimum"] == 0 and meter["min"] == 0 and meter["max"] == 100
    assert meter["optimum"] < meter["low"] < 50 <= meter["high"]
    possible = {
        Fraction(total, count)
        for count in range(1, 8)
        for total in range(0, 100 * count + 1, 25)
    }
    for score in possible:
        good = float(score) <= meter["low"]
        assert good == (score < 50), score
    for answers, level in (({**nth(cbi, 1, 2), **nth(cbi, 2, 2), **nth(cbi, 3, 2)}, 1),  # exactly 50
                           ({**nth(cbi, 1, 2), **nth(cbi, 2, 2), **nth(cbi, 3, 3)}, 0)):  # 41.7
        scale = cbi.score(answers)["scales"][0]
        assert scale["meter"] == meter and scale["level"] == level
        assert (scale["score"] > meter["low"]) == (level == 1)


def test_sources_are_named_once_per_result(cbi: Cbi) -> None:
    """The citation and the band's source are listed once in "sources", not under every scale."""
    everything = {k: v for n in range(1, 20) for k, v in nth(cbi, n, 2).items()}
    result = cbi.score(everything)
    assert result["sources_title"] == "Sources"
    assert result["sources"] == [cbi.citation, cbi.bands[1].source]
    shown = json.dumps([s["note"] for s in result["scales"]] + result["notes"])
    assert "Creedy et al. (2017), BMC" not in shown and "Work & Stress" not in shown


def test_an_answer_of_acute_distress_puts_help_first(cbi: Cbi) -> None:
    """"Always" to "I can't take it anymore" puts the help text first, quoting the answer; "Often" does not."""
    assert [(d.item, d.options) for d in cbi.distress] == [("q4", ("always",))]
    calm = cbi.score({**nth(cbi, 1, 1), **nth(cbi, 4, 1)})
    assert calm["help"]["first"] is False and calm["help"]["urgent"] == ""
    assert "112" in calm["help"]["text"] and "supervisor" in calm["help"]["text"]
    urgent = cbi.score({**nth(cbi, 1, 4), **nth(cbi, 4, 0)})["help"]
    assert urgent["first"] is True
    assert urgent["urgent"].startswith("You answered “Always” to question 4, “How often do you think:")
    assert "talk to someone today" in urgent["urgent"] and "112" in urgent["urgent"]
    assert "diagnos" not in json.dumps(urgent)


def test_what_to_do_next_links_to_the_plan_and_to_help(cbi: Cbi) -> None:
    """Every result links to the prevention plan and to where to get help (pages checked at build time)."""
    result = cbi.score(nth(cbi, 1, 0) | nth(cbi, 2, 0) | nth(cbi, 3, 0))
    hrefs = [link["href"] for link in result["review"]]
    assert "wellbeing/prevention-plan/#make-your-plan" in hrefs and "wellbeing/#where-to-get-help" in hrefs
    assert cbi.links() == [(f"next[{n}]", link.page, link.anchor) for n, link in enumerate(cbi.next, start=1)]


def test_interpretation_names_the_50_convention_with_a_source(cbi: Cbi) -> None:
    """The result says 50+ is a research convention, not a clinical cut-off, and every band has a source."""
    result = cbi.score({**nth(cbi, 1, 0), **nth(cbi, 2, 0), **nth(cbi, 3, 0)})
    text = " ".join(result["notes"])
    assert "50 or more" in text and "not a clinical cut-off" in text and "Creedy" in text
    assert "not a diagnosis" in text and "112" in result["help"]["text"]
    assert all(b.source for b in cbi.bands)
    assert "Kristensen" in result["citation"] and "192" in result["citation"]


def test_the_50_band_is_read_as_moderate_burnout_or_higher_with_its_source(cbi: Cbi) -> None:
    """A part scoring 50 or more reads as moderate burnout or higher (Creedy et al. 2017), not as a diagnosis."""
    result = cbi.score({**nth(cbi, 1, 2), **nth(cbi, 2, 2), **nth(cbi, 3, 2)})  # "Sometimes" x3 -> exactly 50
    personal = result["scales"][0]
    assert personal["score"] == 50 and personal["band"] == "50 or more"
    assert "moderate burnout or higher" in personal["band_text"] and "not a diagnosis" in personal["band_text"]
    assert "Creedy" in personal["band_source"] and "moderate" in personal["band_source"]
    assert "moderate burnout or higher" in " ".join(result["notes"])


def test_scoring_key_is_a_grid_of_points(cbi: Cbi) -> None:
    """The paper scoring key: a column per number of points, a row per group of questions scored alike."""
    key = cbi.scoring_key()
    assert key["header"] == ["Questions", "100 points", "75 points", "50 points", "25 points", "0 points"]
    assert key["rows"] == [
        ["Questions 1–6, 10–12, 18–19", "Always", "Often", "Sometimes", "Seldom", "Never/almost never"],
        ["Questions 7–9, 14–17", "To a very high degree", "To a high degree", "Somewhat", "To a low degree",
         "To a very low degree"],
        ["Question 13 (reverse-scored)", "Never/almost never", "Seldom", "Sometimes", "Often", "Always"],
    ]
    for row in key["rows"]:  # type: ignore[attr-defined]
        numbers = row[0].split(" ", 1)[1].split(" (")[0]
        for part in numbers.split(", "):
            first, _, last = part.partition("–")
            for number in range(int(first), int(last or first) + 1):
                item = cbi.items[number - 1]
                for label, points in zip(row[1:], (100, 75, 50, 25, 0), strict=True):
                    option = next(o for o in item.response.options if o.label == label)
                    assert item.points(option.id) == points
    notes = " ".join(key["notes"])  # type: ignore[arg-type]
    assert "fewer than 4 of its 7" in notes and "no total score" in notes


def test_definition_errors_name_the_field() -> None:
    """A definition whose item names an unknown scale fails with the item and field named."""
    raw = {"schema": 2, "id": "cbi", "kind": "cbi", "title": "t", "source": "s", "citation": "c",
           "interpretation": "i", "notes": ["n"],
           "response_scales": [{"id": "f", "title": "F", "options": [{"id": "a", "label": "A", "points": 100},
                                                                     {"id": "b", "label": "B", "points": 0}]}],
           "scales": [{"id": "personal", "title": "P", "min_answered": 1, "plain": "p"}],
           "bands": [{"min": 0, "label": "L", "text": "T", "source": "S", "words": "w", "plain": "p", "advice": "a"}],
           "items": [{"id": "q1", "scale": "nope", "response": "f", "prompt": "P?"}]}
    with pytest.raises(DefinitionError, match=r"item 'q1': field 'scale'"):
        parse_definition(raw, "test.toml")


def test_cli_describe_and_score_agree_with_the_library(cbi: Cbi) -> None:
    """`python -m selfcheck describe cbi` and `score cbi -` print what the library computes."""
    assert cli_json("describe", "cbi") == json.loads(json.dumps(cbi.describe()))
    answers = {**nth(cbi, 1, 1), **nth(cbi, 2, 1), **nth(cbi, 3, 2), **nth(cbi, 13, 0)}
    printed = cli_json("score", "cbi", "-", stdin=json.dumps(answers))
    assert printed == json.loads(json.dumps(cbi.score(answers)))
    assert set(printed) >= {"personal", "work", "client"}
    bad = run_cli("score", "cbi", "-", stdin=json.dumps({"q99": "always"}))
    assert bad.returncode == 2 and "unknown item id 'q99'" in bad.stderr

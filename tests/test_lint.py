"""Tests for selfcheck._lint: every rule of the bank lint, each with a failing example."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest

from banks import bank, item, quiz, settings
from selfcheck._errors import DefinitionError
from selfcheck._lint import LintRules, lint_quiz, parse_lint_rules, uniquely_longest_is_right

ORIGIN = "exercises/knowledge-checks/demo-bank.toml"


def problems(data: dict[str, Any], rules: LintRules | None = None) -> list[str]:
    """The lint's problems for a bank definition, as the build prints them."""
    return [str(p) for p in lint_quiz(quiz(data), rules or settings().lint, ORIGIN)]


def test_the_fixture_bank_is_clean() -> None:
    """The synthetic bank meets every rule with the site's thresholds (the failing examples below break one each)."""
    assert problems(bank()) == []


def test_min_items() -> None:
    """A bank with fewer items than min_items fails rule 'min-items', naming the file."""
    data = bank(size=14)
    assert problems(data) == [f"{ORIGIN}: rule 'min-items': 14 items; a bank needs at least 15"]


def test_application_share() -> None:
    """Fewer than half application items fails rule 'application-share'."""
    data = bank()
    for entry in data["items"][:10]:
        entry["style"] = "recall"
    assert problems(data) == [
        f"{ORIGIN}: rule 'application-share': 3 of 16 items are application items (a short situation and what "
        "to do); at least 50% are needed"
    ]


def test_single_choice_option_count() -> None:
    """A single-choice item with 2 or 6 options fails rule 'single-options', naming the item."""
    data = bank()
    data["items"][0] = item(1, "define", options=2, right=(0,))
    data["items"][4] = item(5, "define", options=5, right=(4,))
    data["items"][4]["options"].append({"id": "q05-f", "label": "Answer F to question 05", "feedback": "No."})
    assert problems(data) == [
        f"{ORIGIN}: item 'q01': rule 'single-options': 2 options; a single-choice item has 3 to 5",
        f"{ORIGIN}: item 'q05': rule 'single-options': 6 options; a single-choice item has 3 to 5",
    ]


def test_multiple_choice_needs_two_wrong_options() -> None:
    """A multiple-choice item with one wrong option fails rule 'multiple-wrong'."""
    data = bank()
    data["items"][3] = item(4, "refer", kind="multiple", options=4, right=(0, 1, 2))
    found = problems(data)
    assert f"{ORIGIN}: item 'q04': rule 'multiple-wrong': 1 wrong option(s); a multiple-choice item needs at least 2" \
        in found


@pytest.mark.parametrize("label", ["All of the above", "none of the above", "Both of the above.", "NONE OF THESE"])
def test_all_or_none_of_the_above(label: str) -> None:
    """An option that says 'all/none of the above' fails rule 'banned-option', naming item and option."""
    data = bank()
    data["items"][0]["options"][2]["label"] = label
    found = problems(data)
    assert len(found) == 1
    assert found[0].startswith(f"{ORIGIN}: item 'q01': rule 'banned-option': option 'q01-c' says ")


def test_banned_phrases_match_whole_words_only() -> None:
    """'Overall of the above-ground work' is not 'all of the above': phrases match as whole words."""
    data = bank()
    data["items"][0]["options"][2]["label"] = "Overall, none of theabove applies"
    assert problems(data) == []


def lengthen_right(data: dict[str, Any], count: int) -> None:
    """Make the right answer the uniquely longest option in the first ``count`` single-choice items."""
    singles = [i for i in data["items"] if i["type"] == "single"][:count]
    for entry in singles:
        right = next(o for o in entry["options"] if o["id"] in entry["correct"])
        right["label"] += " and a good deal more besides"


def test_uniquely_longest_right_answer_share() -> None:
    """More than 40 % of single-choice items with the uniquely longest option right fails rule 'longest-right'."""
    data = bank()
    lengthen_right(data, 4)  # 4 of 12 single items: 33 %, allowed
    assert problems(data) == []
    lengthen_right(data := bank(), 5)  # 5 of 12: 42 %
    found = problems(data)
    assert found == [
        f"{ORIGIN}: rule 'longest-right': the right answer is the uniquely longest option in 5 of 12 single-choice "
        "items (42%; at most 40%): q01, q02, q03, q05, q06"
    ]


def test_longest_counts_only_a_unique_longest_right_answer() -> None:
    """A tie for the longest option, or a longest wrong option, is no cue."""
    data = bank()
    tie = copy.deepcopy(data["items"][0])
    for option in tie["options"][:2]:
        option["label"] += " longer"
    parsed = quiz({**data, "items": [tie, *data["items"][1:]]})
    assert not uniquely_longest_is_right(parsed.items[0])
    tie["options"][0]["label"] += "!"
    parsed = quiz({**data, "items": [tie, *data["items"][1:]]})
    assert uniquely_longest_is_right(parsed.items[0])


def test_position_share() -> None:
    """More than 40 % of right answers at one published position fails rule 'position'."""
    data = bank()
    for entry in data["items"]:
        if entry["type"] == "single":
            right = next(o for o in entry["options"] if o["id"] in entry["correct"])
            entry["options"].remove(right)
            entry["options"].insert(0, right)
    found = problems(data)
    assert len(found) == 1
    assert found[0].startswith(f"{ORIGIN}: rule 'position': option position 1 holds ")
    assert "(at most 40%)" not in found[0] and "at most 40%" in found[0]


def test_every_problem_is_reported_not_just_the_first() -> None:
    """A bank breaking several rules gets one line per problem: item rules first, then the bank's shares."""
    data = bank(size=14)
    data["items"][0]["options"][1]["label"] = "All of the above"
    rules = [line.split("rule ")[1].split(":")[0] for line in problems(data)]
    assert rules == ["'banned-option'", "'min-items'"]


def test_thresholds_are_data() -> None:
    """The lint follows the thresholds it is given: a stricter minimum flags the same bank."""
    strict = replace(settings().lint, min_items=20)
    assert problems(bank(), strict) == [f"{ORIGIN}: rule 'min-items': 16 items; a bank needs at least 20"]


def test_parse_lint_rules_validates_the_table() -> None:
    """The [lint] table needs every threshold; shares are fractions; option bounds make sense."""
    table = {
        "min_items": 15, "min_application_share": 0.5, "min_single_options": 3, "max_single_options": 5,
        "min_wrong_multiple": 2, "max_longest_share": 0.4, "max_position_share": 0.4, "banned_phrases": ["x"],
    }
    assert parse_lint_rules(table, "s").min_items == 15
    with pytest.raises(DefinitionError, match="field 'max_longest_share': must be a fraction from 0 to 1"):
        parse_lint_rules({**table, "max_longest_share": 40}, "s")
    with pytest.raises(DefinitionError, match="field 'max_single_options': must be at least min_single_options"):
        parse_lint_rules({**table, "max_single_options": 2}, "s")
    with pytest.raises(DefinitionError, match="field 'min_wrong_multiple': is missing"):
        parse_lint_rules({k: v for k, v in table.items() if k != "min_wrong_multiple"}, "s")
    with pytest.raises(DefinitionError, match="field 'colour': is not a known field"):
        parse_lint_rules({**table, "colour": 1}, "s")


def test_problem_json_names_file_item_and_rule() -> None:
    """A problem as JSON (the CLI's lint output) carries the file, the item, the rule and the full line."""
    data = bank()
    data["items"][0]["options"][1]["label"] = "None of the above"
    found = lint_quiz(quiz(data), settings().lint, ORIGIN)[0].to_json()
    assert (found["file"], found["item"], found["rule"]) == (ORIGIN, "q01", "banned-option")
    assert found["text"].startswith(f"{ORIGIN}: item 'q01': rule 'banned-option'")

"""Tests for selfcheck._attempt: drawing attempts from a bank, and scoring exactly the drawn attempt."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest

from banks import OBJECTIVES, bank, key_for, quiz
from selfcheck._attempt import passes_without_reading
from selfcheck._errors import AnswerError, SelfcheckError
from selfcheck._quiz import REFRESHER, Quiz

SEEDS = range(2000)


def drawn_ids(bank_quiz: Quiz, seed: int, size: int | None = None) -> list[str]:
    """The item ids of an attempt, in drawn order."""
    return bank_quiz.draw(seed, size).item_ids()


def test_every_attempt_covers_every_objective() -> None:
    """Over many seeds, every attempt has 8 distinct items and at least one item for each objective."""
    bank_quiz = quiz()
    objective_of = {i.choice.id: i.objective for i in bank_quiz.items}
    for seed in range(500):
        ids = drawn_ids(bank_quiz, seed)
        assert len(ids) == len(set(ids)) == 8
        assert {objective_of[i] for i in ids} == set(OBJECTIVES), seed


def test_draw_is_deterministic_for_a_seed() -> None:
    """The same seed gives the same items, in the same order, with the same option order, every time."""
    first, again = quiz().draw(1234).describe(), quiz().draw(1234).describe()
    assert first == again


def test_another_seed_gives_another_attempt() -> None:
    """Different seeds give different attempts (items or their order)."""
    attempts = {tuple(drawn_ids(quiz(), seed)) for seed in range(50)}
    assert len(attempts) == 50


def test_options_are_shuffled() -> None:
    """Options are not left in published order: most attempts show some item's options reordered."""
    bank_quiz = quiz()
    published = {i.choice.id: [o.id for o in i.choice.options] for i in bank_quiz.items}
    reordered = sum(
        any([o.id for o in d.options] != published[d.id] for d in bank_quiz.draw(seed).items) for seed in range(100)
    )
    assert reordered == 100


def test_option_positions_are_uniform_over_many_seeds() -> None:
    """Each option (by its published position) lands in each drawn position about equally often (within 10 %)."""
    bank_quiz = quiz()
    positions: Counter[tuple[int, int]] = Counter()
    for seed in SEEDS:
        for drawn in bank_quiz.draw(seed).items:
            if len(drawn.options) == 4:
                published = [o.id for o in drawn.item.choice.options]
                positions.update((published.index(o.id), n) for n, o in enumerate(drawn.options))
    mean = sum(positions.values()) / 16  # 4 published positions x 4 drawn positions
    assert len(positions) == 16
    assert all(abs(count - mean) < 0.1 * mean for count in positions.values()), positions


def test_right_answer_position_is_uniform_over_many_seeds() -> None:
    """The right answer of single-choice items sits at each position about equally often across attempts."""
    bank_quiz = quiz()
    positions: Counter[int] = Counter()
    for seed in SEEDS:
        for drawn in bank_quiz.draw(seed).items:
            if drawn.item.choice.type == "single":
                positions.update(n for n, o in enumerate(drawn.options) if o.id in drawn.item.correct)
    mean = sum(positions.values()) / 4
    assert all(abs(count - mean) < 0.1 * mean for count in positions.values()), positions


def test_items_of_one_objective_are_drawn_equally_often() -> None:
    """Within an objective, every item is included about equally often (within 10 % of their mean)."""
    bank_quiz = quiz()
    counts: Counter[str] = Counter()
    for seed in SEEDS:
        counts.update(drawn_ids(bank_quiz, seed))
    for objective in OBJECTIVES:
        members = [counts[i.choice.id] for i in bank_quiz.items if i.objective == objective]
        mean = sum(members) / len(members)
        assert all(abs(c - mean) < 0.1 * mean for c in members), (objective, members)


def test_item_order_is_shuffled() -> None:
    """Items come in shuffled order: every item of the bank opens some attempt."""
    bank_quiz = quiz()
    firsts = Counter(drawn_ids(bank_quiz, seed)[0] for seed in SEEDS)
    assert len(firsts) == 16  # every item of the bank opens some attempt


def test_refresher_is_short_and_spreads_over_objectives() -> None:
    """A refresher of 3 items covers 3 different objectives; it is marked as a refresher."""
    bank_quiz = quiz()
    objective_of = {i.choice.id: i.objective for i in bank_quiz.items}
    for seed in range(200):
        attempt = bank_quiz.draw(seed, 3, REFRESHER)
        assert attempt.mode == REFRESHER and len(attempt.items) == 3
        assert len({objective_of[i] for i in attempt.item_ids()}) == 3
    assert "Refresher: 3 questions" in bank_quiz.draw(1, 3, REFRESHER).describe()["before"]


@pytest.mark.parametrize(("size", "message"), [(0, "from 1 to 16 items, not 0"), (17, "from 1 to 16 items, not 17")])
def test_attempt_size_is_bounded(size: int, message: str) -> None:
    """An attempt has at least one item and at most the bank's."""
    with pytest.raises(SelfcheckError, match=message):
        quiz().draw(1, size)


def test_describe_shows_pass_mark_first_and_no_answers() -> None:
    """The attempt shows the pass mark before it starts, numbers the items, and hides the key."""
    described = quiz().draw(9).describe()
    assert described["before"].startswith("This attempt: 8 questions drawn from a bank of 16. Pass mark: 80% of "
                                          "the points (6.4 of 8).")
    assert [i["number"] for i in described["items"]] == list(range(1, 9))
    assert described["items"][0]["question"] == "Question 1"
    assert (described["pass_percent"], described["needed"], described["seed"]) == (80, "6.4", 9)
    assert '"correct"' not in json.dumps(described) and "Why answer" not in json.dumps(described)


def test_key_gives_letters_in_drawn_order() -> None:
    """The attempt's key names the right options by their letter in the drawn order (for the paper test)."""
    attempt = quiz().draw(11)
    key = attempt.key()
    for shown, drawn in zip(key["items"], attempt.items, strict=True):
        letters = [chr(65 + n) for n, o in enumerate(drawn.options) if o.id in drawn.item.correct]
        assert shown["letters"] == letters and shown["correct"]


def test_all_right_passes_with_no_review() -> None:
    """The attempt's own key scores 8 of 8, passed, and lists nothing to review."""
    attempt = quiz().draw(21)
    result = attempt.score(key_for(attempt.key()))
    assert (result["score"], result["total"], result["passed"], result["correct"]) == (8.0, 8, True, 8)
    assert result["summary"] == "8 of 8 points (100%). The pass mark is 80%: passed."
    assert result["review"] == [] and result["review_title"] == ""


def test_all_wrong_fails_and_lists_objectives_to_review_with_section_links() -> None:
    """Wrong answers everywhere fail; the result lists every objective once, in order, linking its section."""
    attempt = quiz().draw(21)
    result = attempt.score(key_for(attempt.key(), right=False))
    assert result["passed"] is False and result["score"] == 0
    assert "The pass mark is 80%: not passed yet." in result["summary"]
    assert [r["objective"] for r in result["review"]] == list(OBJECTIVES)
    assert result["review"][0] == {"objective": "define", "text": "Objective define: what the reader can do.",
                                   "href": "modules/demo/#section-define"}


def test_pass_mark_boundary() -> None:
    """With 8 items and pass mark 0.8, 6.4 points are needed: 7 right passes, 6 right fails."""
    attempt = quiz().draw(5)
    key = attempt.key()
    right, wrong = key_for(key), key_for(key, right=False)
    ids = attempt.item_ids()
    seven = {i: (right if n < 7 else wrong)[i] for n, i in enumerate(ids)}
    six = {i: (right if n < 6 else wrong)[i] for n, i in enumerate(ids)}
    assert attempt.score(seven)["passed"] is True
    assert attempt.score(six)["passed"] is False


def multiple_item(seed: int = 3) -> tuple[Any, Any]:
    """An attempt and one of its drawn multiple-choice items."""
    attempt = quiz().draw(seed)
    drawn = next(d for d in attempt.items if d.item.choice.type == "multiple")
    return attempt, drawn


@pytest.mark.parametrize(
    ("right_ticks", "wrong_ticks", "credit", "status"),
    [(2, 0, 1.0, "correct"), (1, 0, 0.5, "partial"), (2, 1, 0.5, "partial"), (1, 1, 0.0, "incorrect"),
     (0, 2, 0.0, "incorrect"), (2, 3, 0.0, "incorrect")],
)
def test_partial_credit_for_multiple_choice(right_ticks: int, wrong_ticks: int, credit: float, status: str) -> None:
    """A multiple-choice item scores max(0, (right ticks - wrong ticks) / right options)."""
    attempt, drawn = multiple_item()
    right = [o.id for o in drawn.options if o.id in drawn.item.correct]
    wrong = [o.id for o in drawn.options if o.id not in drawn.item.correct]
    answers = key_for(attempt.key())
    answers[drawn.id] = right[:right_ticks] + wrong[:wrong_ticks]
    result = attempt.score(answers)
    marked = next(r for r in result["items"] if r["id"] == drawn.id)
    assert (marked["credit"], marked["status"]) == (credit, status)
    assert result["score"] == 7 + credit


def test_multiple_choice_feedback_names_missed_and_wrong_ticks_by_their_words() -> None:
    """Per-option feedback quotes each ticked option (right or not), in the order shown, then each right one missed."""
    attempt, drawn = multiple_item()
    right = [o for o in drawn.options if o.id in drawn.item.correct]
    wrong = [o for o in drawn.options if o.id not in drawn.item.correct]
    ticked = {right[0].id, wrong[0].id}
    answers = key_for(attempt.key())
    answers[drawn.id] = sorted(ticked)
    marked = next(r for r in attempt.score(answers)["items"] if r["id"] == drawn.id)
    expected_ticks = [
        f"Right to tick “{o.label}”: {o.feedback}" if o in right else
        f"You ticked “{o.label}”, which does not apply: {o.feedback}"
        for o in drawn.options if o.id in ticked
    ]
    expected_missed = [f"You did not tick “{o.label}”, which applies: {o.feedback}" for o in right[1:]]
    assert marked["notes"] == expected_ticks + expected_missed
    assert marked["message"] == drawn.item.explanation


def test_single_choice_feedback_gives_the_choice_then_the_right_answer() -> None:
    """A wrong single answer shows the chosen option's feedback, then the right option's."""
    attempt = quiz().draw(8)
    drawn = next(d for d in attempt.items if d.item.choice.type == "single")
    wrong = next(o for o in drawn.options if o.id not in drawn.item.correct)
    right = next(o for o in drawn.options if o.id in drawn.item.correct)
    answers = key_for(attempt.key())
    answers[drawn.id] = wrong.id
    marked = next(r for r in attempt.score(answers)["items"] if r["id"] == drawn.id)
    assert marked["notes"] == [f"You chose “{wrong.label}”: {wrong.feedback}",
                               f"The right answer is “{right.label}”: {right.feedback}"]
    assert (marked["number"], marked["question"]) == (drawn.number, f"Question {drawn.number}")


def test_messages_never_show_internal_ids() -> None:
    """No sentence a reader sees (summary, notes, messages, review) contains an item or option id."""
    attempt = quiz().draw(17)
    result = attempt.score(key_for(attempt.key(), right=False))
    shown = [result["summary"], *(t for r in result["items"] for t in [r["message"], r["question"], *r["notes"]]),
             *(r["text"] for r in result["review"])]
    ids = re.compile(r"\bq\d\d(-[a-e])?\b")
    assert not [text for text in shown if ids.search(text)]


def test_answers_for_items_not_drawn_are_refused() -> None:
    """Scoring accepts only the drawn items: an answer for another item of the bank is an error."""
    attempt = quiz().draw(2)
    other = next(i.choice.id for i in quiz().items if i.choice.id not in attempt.item_ids())
    answers = key_for(attempt.key())
    answers[other] = f"{other}-a"
    with pytest.raises(AnswerError, match=f"item '{other}' is not part of this attempt \\(seed 2\\)"):
        attempt.score(answers)


def test_options_of_another_item_are_refused() -> None:
    """Scoring accepts only the drawn item's own options."""
    attempt = quiz().draw(2)
    first, second = attempt.items[0], attempt.items[1]
    answers = key_for(attempt.key())
    answers[first.id] = second.options[0].id if first.item.choice.type == "single" else [second.options[0].id]
    with pytest.raises(AnswerError, match="is not offered"):
        attempt.score(answers)


def test_missing_answers_name_questions_by_number_and_words() -> None:
    """Unanswered questions are named by their number and their first words, never by id."""
    attempt = quiz().draw(4)
    answers = key_for(attempt.key())
    del answers[attempt.items[2].id]
    with pytest.raises(AnswerError) as info:
        attempt.score(answers)
    message = str(info.value)
    assert "question 3: “Question" in message and attempt.items[2].id not in message
    assert message.startswith("Not every question has an answer yet")


def test_first_option_picker_never_passes() -> None:
    """Always ticking the first option shown fails every attempt of the bank over many seeds."""
    bank_quiz = quiz()
    for seed in range(300):
        attempt = bank_quiz.draw(seed)
        answers = {d.id: d.options[0].id if d.item.choice.type == "single" else [d.options[0].id]
                   for d in attempt.items}
        assert attempt.score(answers)["passed"] is False, seed


def test_no_position_or_length_strategy_passes_any_attempt() -> None:
    """Neither a fixed-position picker (any position) nor a longest-option picker passes an attempt or refresher."""
    bank_quiz = quiz()
    for seed in range(1000):
        assert not passes_without_reading(bank_quiz.draw(seed)), seed
        assert not passes_without_reading(bank_quiz.draw(seed, 3, REFRESHER)), seed


def test_redrawing_is_bounded() -> None:
    """A bank where the longest option is always right cannot avoid a test-wise pass: the draw still returns."""
    data = bank()
    data["pass_mark"] = 0.5
    for entry in data["items"]:
        for option in entry["options"]:
            if option["id"] in entry["correct"]:
                option["label"] += " (this one is much longer than the others)"
    attempt = quiz(data).draw(1)
    assert len(attempt.items) == 8 and passes_without_reading(attempt)


def test_a_bank_with_a_lower_pass_mark_says_so() -> None:
    """A bank's own pass mark is shown before the attempt and used for the verdict."""
    data = bank()
    data["pass_mark"] = 0.5
    attempt = quiz(data).draw(1)
    assert "Pass mark: 50% of the points (4 of 8)" in attempt.describe()["before"]
    assert "The pass mark is 50%" in attempt.score(key_for(attempt.key()))["summary"]

"""The bank lint: quality rules every knowledge-check bank must meet, with thresholds as data.

The schema already refuses what would break drawing or scoring (an item without an objective
or a source, an option without feedback, an objective no item tests). The lint adds the rules
that make a bank measure knowledge rather than test-wiseness; its thresholds come from
``content/knowledge-checks.toml`` (table ``[lint]``). Each problem names the file, the item
(when it is about one item) and the rule.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from ._bank import APPLICATION, QuizItem
from ._choice import MULTIPLE, SINGLE
from ._fields import Table
from ._quiz import Quiz


@dataclass(frozen=True)
class LintRules:
    """The thresholds of the lint (see ``content/knowledge-checks.toml``)."""

    min_items: int
    min_application_share: float
    min_single_options: int
    max_single_options: int
    min_wrong_multiple: int
    max_longest_share: float
    max_position_share: float
    banned_phrases: tuple[str, ...]

    def banned(self, label: str) -> str | None:
        """The banned phrase ``label`` contains (whole words, any case), if any."""
        for phrase in self.banned_phrases:
            if re.search(rf"\b{re.escape(phrase)}\b", label, re.IGNORECASE):
                return phrase
        return None


def parse_lint_rules(data: object, origin: str) -> LintRules:
    """Validate the ``[lint]`` table."""
    table = Table(data, origin)

    def share(field: str) -> float:
        value = table.number(field)
        if not 0 <= value <= 1:
            raise table.error(field, "must be a fraction from 0 to 1")
        return value

    rules = LintRules(
        min_items=table.integer("min_items"),
        min_application_share=share("min_application_share"),
        min_single_options=table.integer("min_single_options"),
        max_single_options=table.integer("max_single_options"),
        min_wrong_multiple=table.integer("min_wrong_multiple"),
        max_longest_share=share("max_longest_share"),
        max_position_share=share("max_position_share"),
        banned_phrases=tuple(table.texts("banned_phrases")),
    )
    if not 2 <= rules.min_single_options <= rules.max_single_options:
        raise table.error("max_single_options", "must be at least min_single_options, which must be at least 2")
    table.finish()
    return rules


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (file, item) and which rule."""

    origin: str
    rule: str
    message: str
    item: str | None = None

    def __str__(self) -> str:
        where = f"{self.origin}: item {self.item!r}" if self.item else self.origin
        return f"{where}: rule {self.rule!r}: {self.message}"

    def to_json(self) -> dict[str, str | None]:
        """The problem as the CLI prints it."""
        return {"file": self.origin, "item": self.item, "rule": self.rule, "message": self.message,
                "text": str(self)}


def _percent(value: Fraction | float) -> str:
    return f"{float(value) * 100:.0f}%"


def uniquely_longest_is_right(item: QuizItem) -> bool:
    """True when the item's right option is longer than every other option (a test-wise reader's cue)."""
    lengths = [len(o.label) for o in item.choice.options]
    longest = max(lengths)
    if lengths.count(longest) != 1:
        return False
    return item.choice.options[lengths.index(longest)].id in item.correct


def lint_quiz(quiz: Quiz, rules: LintRules, origin: str) -> list[Problem]:
    """Every problem of one bank, item rules first (in published order), then the bank's shares."""
    problems: list[Problem] = []
    for item in quiz.items:
        problems.extend(_item_problems(item, rules, origin))
    items = quiz.items
    if len(items) < rules.min_items:
        problems.append(Problem(origin, "min-items", f"{len(items)} items; a bank needs at least {rules.min_items}"))
    applied = sum(1 for i in items if i.style == APPLICATION)
    if Fraction(applied, len(items)) < Fraction(repr(rules.min_application_share)):
        problems.append(Problem(
            origin, "application-share",
            f"{applied} of {len(items)} items are application items (a short situation and what to do); "
            f"at least {_percent(rules.min_application_share)} are needed",
        ))
    singles = [i for i in items if i.choice.type == SINGLE]
    longest = [i.choice.id for i in singles if uniquely_longest_is_right(i)]
    if singles and Fraction(len(longest), len(singles)) > Fraction(repr(rules.max_longest_share)):
        problems.append(Problem(
            origin, "longest-right",
            f"the right answer is the uniquely longest option in {len(longest)} of {len(singles)} single-choice "
            f"items ({_percent(Fraction(len(longest), len(singles)))}; at most {_percent(rules.max_longest_share)}): "
            f"{', '.join(longest)}",
        ))
    positions: Counter[int] = Counter()
    for item in items:
        for position, option in enumerate(item.choice.options, start=1):
            if option.id in item.correct:
                positions[position] += 1
    right = sum(positions.values())
    for position, count in sorted(positions.items()):
        if Fraction(count, right) > Fraction(repr(rules.max_position_share)):
            problems.append(Problem(
                origin, "position",
                f"option position {position} holds {count} of the bank's {right} right answers "
                f"({_percent(Fraction(count, right))}; at most {_percent(rules.max_position_share)}): "
                "move some right answers to other positions",
            ))
    return problems


def _item_problems(item: QuizItem, rules: LintRules, origin: str) -> list[Problem]:
    found: list[Problem] = []
    ident = item.choice.id
    options = item.choice.options
    if item.choice.type == SINGLE and not rules.min_single_options <= len(options) <= rules.max_single_options:
        found.append(Problem(
            origin, "single-options",
            f"{len(options)} options; a single-choice item has {rules.min_single_options} to "
            f"{rules.max_single_options}",
            ident,
        ))
    if item.choice.type == MULTIPLE:
        wrong = len(options) - len(item.correct)
        if wrong < rules.min_wrong_multiple:
            found.append(Problem(
                origin, "multiple-wrong",
                f"{wrong} wrong option(s); a multiple-choice item needs at least {rules.min_wrong_multiple}",
                ident,
            ))
    for option in options:
        phrase = rules.banned(option.label)
        if phrase:
            found.append(Problem(
                origin, "banned-option",
                f"option {option.id!r} says {phrase!r}: write a real option instead",
                ident,
            ))
    return found

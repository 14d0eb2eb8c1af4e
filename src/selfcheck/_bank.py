"""What a knowledge-check bank is made of, shared by the bank (:mod:`._quiz`) and its attempts (:mod:`._attempt`).

The lowest layer of the knowledge checks: constants, objectives
and items, and :class:`Bank`, the part of a bank an attempt reads. Keeping them here lets
:mod:`._quiz` draw attempts and :mod:`._attempt` score them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

from ._choice import SINGLE, ChoiceItem

KIND = "quiz"
APPLICATION = "application"
RECALL = "recall"
STYLES = (APPLICATION, RECALL)

#: An attempt at the whole check, or a short refresher after it was passed.
ATTEMPT = "attempt"
REFRESHER = "refresher"

DEFAULT_PASS_MARK = 0.8
DEFAULT_DRAW = 8

@dataclass(frozen=True)
class Objective:
    """A learning objective of the module, and the heading anchor of the section that teaches it."""

    id: str
    text: str
    section: str


@dataclass(frozen=True)
class QuizItem:
    """A question, its answer key, the objective it tests and the rule shown after scoring."""

    choice: ChoiceItem
    correct: frozenset[str]
    explanation: str
    source: str
    objective: str
    style: str

    def credit(self, chosen: list[str]) -> Fraction:
        """Single choice: 1 or 0. Multiple: max(0, (right ticks - wrong ticks) / right options)."""
        right = sum(1 for c in chosen if c in self.correct)
        if self.choice.type == SINGLE:
            return Fraction(right)
        wrong = len(chosen) - right
        return max(Fraction(0), Fraction(right - wrong, len(self.correct)))


class Bank(Protocol):
    """The part of a knowledge-check bank that an attempt reads (:class:`._quiz.Quiz` is one)."""

    @property
    def id(self) -> str:
        """The bank's exercise id."""

    @property
    def kind(self) -> str:
        """The kind name, ``quiz``."""

    @property
    def title(self) -> str:
        """The bank's title."""

    @property
    def pass_mark(self) -> float:
        """The share of the points that passes, such as 0.8."""

    @property
    def objectives(self) -> tuple[Objective, ...]:
        """The module's learning objectives, in order."""

    @property
    def items(self) -> tuple[QuizItem, ...]:
        """Every item of the bank, in published order."""

    def page_url(self) -> str:
        """The module page's site-relative URL."""


def percent_of(fraction: float | Fraction) -> int:
    """A fraction as a whole percentage, rounded down (so 79.6 % never shows as a pass mark of 80 %)."""
    return int(Fraction(fraction) * 100 + Fraction(1, 10**9)) if fraction else 0

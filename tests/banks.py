"""A synthetic knowledge-check bank for tests: valid, lint-clean, and easy to break one rule at a time.

The words are placeholders on purpose (tests must not depend on the real banks' content,
which writers change). ``bank()`` returns a schema-2 definition as a dict; change a copy
of it to make a failing example.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from selfcheck import Quiz, Settings, load_settings, parse_definition

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "content" / "knowledge-checks.toml"
OBJECTIVES = ("define", "spot", "act", "refer")
LETTERS = "abcde"


def settings() -> Settings:
    """The site's knowledge-check settings (lint thresholds, schedule, paper seed)."""
    return load_settings(SETTINGS_FILE)


def item(number: int, objective: str, *, kind: str = "single", options: int = 4, right: tuple[int, ...] = (0,),
         style: str = "application") -> dict[str, Any]:
    """Item ``number``: ``options`` options labelled alike (no length cue), right at the positions ``right``."""
    ident = f"q{number:02d}"
    opts = [
        {"id": f"{ident}-{LETTERS[n]}", "label": f"Answer {LETTERS[n].upper()} to question {number:02d}",
         "feedback": f"Why answer {LETTERS[n].upper()} is {'right' if n in right else 'wrong'} (guide §{number})."}
        for n in range(options)
    ]
    return {
        "id": ident,
        "type": kind,
        "objective": objective,
        "style": style,
        "prompt": f"Question {number:02d} about objective {objective}: what do you do?",
        "correct": [opts[n]["id"] for n in right],
        "explanation": f"The rule behind question {number:02d} (guide §{number}).",
        "source": f"guide §{number}",
        "options": opts,
    }


def bank(size: int = 16, ident: str = "demo-bank", draw: int = 8) -> dict[str, Any]:
    """A lint-clean bank of ``size`` items over four objectives: every fourth item multiple choice.

    Right answers rotate over the four option positions; half the items are application items.
    """
    items = []
    for n in range(size):
        objective = OBJECTIVES[n % len(OBJECTIVES)]
        style = "application" if n % 2 == 0 else "recall"
        if n % 4 == 3:
            items.append(item(n + 1, objective, kind="multiple", options=5, right=(n % 5, (n + 2) % 5), style=style))
        else:
            items.append(item(n + 1, objective, right=(n % 4,), style=style))
    return {
        "schema": 2,
        "id": ident,
        "kind": "quiz",
        "title": "Knowledge check: demo bank",
        "source": "guide §1",
        "intro": "Questions are drawn from a bank.",
        "page": "modules/demo.md",
        "draw": draw,
        "objectives": [
            {"id": o, "text": f"Objective {o}: what the reader can do.", "section": f"section-{o}"} for o in OBJECTIVES
        ],
        "items": items,
    }


def quiz(data: dict[str, Any] | None = None) -> Quiz:
    """The bank parsed as the build does."""
    parsed = parse_definition(bank() if data is None else data, "exercises/knowledge-checks/demo-bank.toml")
    assert isinstance(parsed, Quiz)
    return parsed


def key_for(attempt: dict[str, Any], *, right: bool = True) -> dict[str, object]:
    """Answers to a drawn attempt (from ``Attempt.key()``): all right, or the first wrong option of each item."""
    answers: dict[str, object] = {}
    for shown in attempt["items"]:
        chosen = shown["correct"] if right else [next(o["id"] for o in shown["options"]
                                                      if o["id"] not in shown["correct"])]
        answers[shown["id"]] = chosen[0] if shown["type"] == "single" else chosen
    return answers


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"no TOML for {value!r}")


def to_toml(data: dict[str, Any], prefix: str = "") -> str:
    """A definition as TOML text (scalars and arrays of tables, which is all definitions use)."""
    lines = [f"{k} = {_value(v)}" for k, v in data.items()
             if not (isinstance(v, list) and v and all(isinstance(e, dict) for e in v))]
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(e, dict) for e in value):
            for entry in value:
                lines += ["", f"[[{prefix}{key}]]", to_toml(entry, f"{prefix}{key}.")]
    return "\n".join(lines)


def write_bank(folder: Path, data: dict[str, Any] | None = None) -> Path:
    """Write a bank (default: :func:`bank`) as ``folder/knowledge-checks/ID.toml``; returns the file."""
    data = bank() if data is None else data
    path = folder / "knowledge-checks" / f"{data['id']}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_toml(data) + "\n", encoding="utf-8")
    return path

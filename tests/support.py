"""Shared test helpers: running the CLI, waiting for the browser runtime."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m selfcheck ARGS`` from the repository root; returns the finished process."""
    return subprocess.run([sys.executable, "-m", "selfcheck", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, check=False)


def cli_json(*args: str, stdin: str | None = None) -> Any:
    """Run the CLI, assert it succeeded, return its parsed JSON output."""
    done = run_cli(*args, stdin=stdin)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def pdf_pages(data: bytes) -> int:
    """Number of page objects in a PDF (``/Type /Page`` not followed by ``s``)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def wait_ready(page: Page, exercise: str, timeout: float = 120_000) -> None:
    """Wait until the exercise's runtime is ready (fails the test if it reports an error).

    A knowledge check is ready once Python's drawn attempt is on screen (``data-quiz-attempt``), the
    scenario quiz once Python's sample of scenarios is (``data-distinction-ready``).
    """
    root = page.locator(f'[data-exercise="{exercise}"]')
    page.wait_for_function(
        "el => el.dataset.exerciseStatus !== 'loading'", arg=root.element_handle(), timeout=timeout
    )
    status = root.get_attribute("data-exercise-status")
    assert status == "ready", f"runtime status {status}: {root.locator('[data-exercise-message]').inner_text()}"
    kind = root.get_attribute("data-exercise-kind")
    if kind == "quiz":
        page.wait_for_function("el => el.dataset.quizAttempt !== undefined", arg=root.element_handle(),
                               timeout=timeout)
    elif kind == "distinction-quiz":
        page.wait_for_function("el => el.dataset.distinctionReady === 'true'", arg=root.element_handle(),
                               timeout=timeout)


def attempt_seed(page: Page, exercise: str) -> int:
    """The seed of the knowledge-check attempt on screen (after :func:`wait_ready`)."""
    return int(page.locator(f'[data-exercise="{exercise}"]').get_attribute("data-quiz-attempt") or "")


def attempt_answers(exercise: str, seed: int, *, right: bool | None = True, refresher: bool = False) -> dict[str, Any]:
    """Answers to the attempt of ``seed``, from the CLI.

    ``right=True``: the key; ``False``: the first wrong option of each item; ``None``: the first
    option shown of each item (a mixed answer). The key comes from scoring the first options, so
    no test hard-codes an answer key.
    """
    extra = ["--refresher"] if refresher else []
    drawn = cli_json("draw", exercise, "--seed", str(seed), *extra)
    first = {i["id"]: i["options"][0]["id"] if i["type"] == "single" else [i["options"][0]["id"]]
             for i in drawn["items"]}
    if right is None:
        return first
    scored = cli_json("score", exercise, "-", "--seed", str(seed), *extra, stdin=json.dumps(first))
    answers: dict[str, Any] = {}
    for shown, result in zip(drawn["items"], scored["items"], strict=True):
        wrong = [o["id"] for o in shown["options"] if o["id"] not in result["expected"]]
        chosen = result["expected"] if right else wrong[:1]
        answers[shown["id"]] = chosen[0] if shown["type"] == "single" else chosen
    return answers


def answer_attempt(page: Page, exercise: str, *, right: bool | None = True, refresher: bool = False) -> Any:
    """Wait for the drawn attempt, answer it (see :func:`attempt_answers`), return what the CLI scores for it."""
    wait_ready(page, exercise)
    seed = attempt_seed(page, exercise)
    answers = attempt_answers(exercise, seed, right=right, refresher=refresher)
    answer(page, exercise, answers)
    extra = ["--refresher"] if refresher else []
    return cli_json("score", exercise, "-", "--seed", str(seed), *extra, stdin=json.dumps(answers))


def answer(page: Page, exercise: str, answers: dict[str, Any]) -> None:
    """Fill an exercise's form: option ids (or lists) for choice items, True for checks, strings for fields."""
    root = page.locator(f'[data-exercise="{exercise}"]')
    for item, value in answers.items():
        box = root.locator(f'[data-item="{item}"]')
        if value is True:
            box.locator("input").check()
        elif isinstance(value, list):
            for option in value:
                box.locator(f'input[value="{option}"]').check()
        elif box.get_attribute("data-type") in ("single", "multiple"):
            box.locator(f'input[value="{value}"]').check()
        else:
            box.locator("textarea, input").first.fill(str(value))


def submit(page: Page, exercise: str) -> Any:
    """Submit the exercise and wait for Python's summary; returns the result region's locator."""
    root = page.locator(f'[data-exercise="{exercise}"]')
    root.locator('button[type="submit"]').click()
    region = root.locator("[data-exercise-result]")
    region.locator(".sc-summary").wait_for()
    return region


def feedback(region: Any) -> dict[str, str]:
    """The feedback shown in a result region: item id -> message."""
    entries = region.locator(".sc-fb").all()
    return {entry.get_attribute("data-item"): entry.locator(".sc-fb-message").inner_text() for entry in entries}


def in_reader_format(page: Page, text: str, style: str = "long") -> str:
    """``text`` with each ISO date (YYYY-MM-DD) written as the page shows it.

    The browser's date format of ``style``: "long", or "medium" in the cells of the onboarding record.
    """
    dates = sorted(set(re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text)))
    if not dates:
        return text
    shown: dict[str, str] = page.evaluate(
        "([dates, style]) => Object.fromEntries(dates.map(d => [d, new Intl.DateTimeFormat(navigator.language,"
        " {dateStyle: style, timeZone: 'UTC'}).format(new Date(d + 'T00:00:00Z'))]))", [dates, style])
    return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", lambda m: shown[m.group(0)], text)

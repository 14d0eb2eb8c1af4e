"""Shared test helpers: running the CLI, waiting for the browser runtime."""

from __future__ import annotations

import json
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


def wait_ready(page: Page, exercise: str, timeout: float = 120_000) -> None:
    """Wait until the exercise's runtime is ready (fails the test if it reports an error)."""
    root = page.locator(f'[data-exercise="{exercise}"]')
    page.wait_for_function(
        "el => el.dataset.exerciseStatus !== 'loading'", arg=root.element_handle(), timeout=timeout
    )
    status = root.get_attribute("data-exercise-status")
    assert status == "ready", f"runtime status {status}: {root.locator('[data-exercise-message]').inner_text()}"

"""Build step: the onboarding progress table (``{{ onboarding-progress }}``).

Lists the training modules in the order of the ``docs/modules/`` file names,
each with its knowledge check (the ``{{ exercise ID }}`` marker of the page);
``selfcheck.read_onboarding_path`` reads them, so the onboarding record and
``python -m selfcheck record`` follow the same path.
The fragment is Markdown, so MkDocs checks its links; ``web/progress.js`` fills
in what this browser remembers (modules visited, checks passed) and offers a
control that clears it.
"""

from __future__ import annotations

from pathlib import Path

from selfcheck import PathModule, read_onboarding_path

from . import paths

#: One training module as the onboarding path shows it (page, url, title, check), read by selfcheck.
Module = PathModule


def modules(docs: Path = paths.DOCS) -> list[Module]:
    """Every module page in order, with its title and knowledge check (the onboarding path, as selfcheck reads it)."""
    return read_onboarding_path(docs)


def render(items: list[Module]) -> str:
    """The Markdown fragment: a progress table plus its status line and clear control."""
    rows = [
        "| Step | Module | Visited in this browser | Knowledge check |",
        "| --- | --- | --- | --- |",
    ]
    for number, module in enumerate(items, start=1):
        visited = f'<span data-progress-visited="{module.url}">not yet</span>'
        passed = f'<span data-progress-passed="{module.check}">not yet</span>' if module.check else "none"
        rows.append(f"| {number} | [{module.title}]({module.page}) | {visited} | {passed} |")
    return "\n".join(
        [
            '<div class="sc-progress" data-progress markdown>',
            "",
            *rows,
            "",
            '<p class="sc-progress-message" data-progress-message role="status">'
            "Your progress is kept only in this browser, on this device.</p>",
            "",
            '<button type="button" class="md-button sc-no-print" data-progress-clear>Clear my progress</button>',
            "",
            "</div>",
        ]
    )


def write(out: Path = paths.FRAGMENTS, docs: Path = paths.DOCS) -> Path:
    """Write ``onboarding-progress.md`` into the fragment folder."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / "onboarding-progress.md"
    target.write_text(render(modules(docs)) + "\n", encoding="utf-8")
    return target

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

from html import escape
from pathlib import Path

from selfcheck import PathModule, read_onboarding_path

from . import paths
from .editions import Interface, english_ui

#: One training module as the onboarding path shows it (page, url, title, check), read by selfcheck.
Module = PathModule


def modules(docs: Path = paths.DOCS) -> list[Module]:
    """Every module page in order, with its title and knowledge check (the onboarding path, as selfcheck reads it)."""
    return read_onboarding_path(docs)


def render(items: list[Module], ui: Interface | None = None) -> str:
    """The Markdown fragment: a progress table plus its status line and clear control."""
    ui = ui or english_ui()
    not_yet = _cell(ui["web.selfcheck.progressNotYet"])
    rows = [
        "| " + " | ".join(_cell(ui[f"onboarding.{key}"]) for key in ("step", "module", "visited", "check")) + " |",
        "| --- | --- | --- | --- |",
    ]
    for number, module in enumerate(items, start=1):
        visited = f'<span data-progress-visited="{module.url}">{not_yet}</span>'
        passed = (f'<span data-progress-passed="{module.check}">{not_yet}</span>' if module.check
                  else _cell(ui["onboarding.no_check"]))
        rows.append(f"| {number} | [{module.title}]({module.page}) | {visited} | {passed} |")
    return "\n".join(
        [
            '<div class="sc-progress" data-progress markdown>',
            "",
            *rows,
            "",
            '<p class="sc-progress-message" data-progress-message role="status">'
            f"{escape(ui['onboarding.kept_here'])}</p>",
            "",
            '<button type="button" class="md-button sc-no-print" data-progress-clear>'
            f"{escape(ui['onboarding.clear'])}</button>",
            "",
            "</div>",
        ]
    )


def _cell(text: str) -> str:
    """Words inside a Markdown table cell: HTML-escaped, with no ``|`` that would split the cell."""
    return escape(text).replace("|", "&#124;")


def write(out: Path = paths.FRAGMENTS, docs: Path = paths.DOCS, ui: Interface | None = None) -> Path:
    """Write ``onboarding-progress.md`` into the fragment folder."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / "onboarding-progress.md"
    target.write_text(render(modules(docs), ui) + "\n", encoding="utf-8")
    return target

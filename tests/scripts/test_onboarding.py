"""scripts.onboarding: the progress table lists every module in order with its knowledge check."""

from __future__ import annotations

import re
from pathlib import Path

from scripts import editions, onboarding, paths


def make_docs(root: Path) -> Path:
    """A docs folder with two module pages (one without a knowledge check)."""
    modules = root / "docs" / "modules"
    modules.mkdir(parents=True)
    (modules / "02-second.md").write_text("# Module 2: Second\n\nText.\n", encoding="utf-8")
    (modules / "01-first.md").write_text(
        "# Module 1: First\n\n## Knowledge check\n\n{{ exercise kc-first }}\n", encoding="utf-8"
    )
    return root / "docs"


def test_modules_in_file_order_with_titles_and_checks(tmp_path: Path) -> None:
    """Modules come in file-name order with their H1 title, URL and exercise id (None when absent)."""
    found = onboarding.modules(make_docs(tmp_path))
    assert [(m.page, m.url, m.title, m.check) for m in found] == [
        ("modules/01-first.md", "modules/01-first/", "Module 1: First", "kc-first"),
        ("modules/02-second.md", "modules/02-second/", "Module 2: Second", None),
    ]


def test_render_links_pages_and_marks_progress_cells(tmp_path: Path) -> None:
    """The Markdown links each page (so MkDocs checks the link) and carries the cells progress.js fills."""
    text = onboarding.render(onboarding.modules(make_docs(tmp_path)))
    assert "| 1 | [Module 1: First](modules/01-first.md) |" in text
    assert '<span data-progress-visited="modules/01-first/">not yet</span>' in text
    assert '<span data-progress-passed="kc-first">not yet</span>' in text
    assert "| 2 | [Module 2: Second](modules/02-second.md) |" in text and "| none |" in text
    assert "data-progress-clear" in text and "only in this browser" in text


def test_write_puts_a_markdown_fragment_in_place(tmp_path: Path) -> None:
    """write() creates onboarding-progress.md in the fragment folder, which markers insert as Markdown."""
    target = onboarding.write(tmp_path / "fragments", make_docs(tmp_path))
    assert target == tmp_path / "fragments" / "onboarding-progress.md"
    assert target.read_text(encoding="utf-8").startswith('<div class="sc-progress" data-progress markdown>')


def test_real_site_lists_every_module_page() -> None:
    """The repository's docs give every module page (at least eight, numbered from 01), each with a knowledge check."""
    found = onboarding.modules()
    pages = sorted(p.name for p in (paths.DOCS / "modules").glob("*.md"))
    assert len(found) >= 8
    assert [m.page for m in found] == [f"modules/{name}" for name in pages]
    assert [m.title.split(":")[0] for m in found] == [f"Module {n}" for n in range(1, len(found) + 1)]
    assert all(module.check for module in found)


def test_onboarding_steps_list_the_modules_in_order() -> None:
    """docs/onboarding.md's "The steps" table links every module page once, in the progress table's order."""
    text = (paths.DOCS / "onboarding.md").read_text(encoding="utf-8")
    steps = text.split("## The steps", 1)[1].split("\n## ", 1)[0]
    linked = re.findall(r"^\|\s*\d+\s*\|\s*\[[^\]]+\]\((modules/[^)#]+\.md)\)", steps, re.MULTILINE)
    assert linked == [m.page for m in onboarding.modules()]


def test_render_in_the_editions_words(tmp_path: Path) -> None:
    """Another edition's table has its headings, cells and button in that language (Romanian here)."""
    romanian = editions.load_ui("ro", paths.I18N, editions.base_config(paths.CONFIG)["nav"])
    text = onboarding.render(onboarding.modules(make_docs(tmp_path)), romanian)
    assert "| Pasul | Modulul | Vizitat în acest browser | Verificarea cunoștințelor |" in text
    assert '<span data-progress-visited="modules/01-first/">încă nu</span>' in text and "| niciuna |" in text
    assert ">Ștergeți progresul</button>" in text and "numai în acest browser" in text

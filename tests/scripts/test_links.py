"""Tests for scripts.links: definitions' links to module sections must point at real pages and headings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts import links, paths
from selfcheck import DefinitionError, load_catalogue
from support import EXERCISES


def test_every_rubric_link_resolves() -> None:
    """All revisit targets of the real rubrics name an existing docs page and one of its heading anchors."""
    assert links.check(load_catalogue(EXERCISES)) >= 5


def test_anchors_are_computed_like_mkdocs(tmp_path: Path) -> None:
    """Anchors follow the toc extension's slugs (punctuation dropped, duplicates numbered) and explicit {#ids}."""
    page = tmp_path / "p.md"
    page.write_text("# Module 5: Needs\n\n## Assessing the survivor's needs\n\n### Step 4: Family\n\n"
                    "## Step 4: Family\n\n## Custom {#my-anchor}\n", encoding="utf-8")
    assert links.anchors(page) == {"module-5-needs", "assessing-the-survivors-needs", "step-4-family",
                                   "step-4-family_1", "my-anchor"}


@pytest.fixture()
def rubric_copy(tmp_path: Path) -> Path:
    """A private copy of the referral rubric to break."""
    target = tmp_path / "exercises" / "observation"
    target.mkdir(parents=True)
    shutil.copy(EXERCISES / "observation" / "obs-referral.toml", target)
    return target / "obs-referral.toml"


@pytest.mark.parametrize(("old", "new", "field", "message"), [
    ('page = "modules/03-survivors-needs.md"', 'page = "modules/03-gone.md"', "page", "no page 'modules/03-gone.md'"),
    ('anchor = "legal-assistance"', 'anchor = "legal-aid"', "anchor", "has no heading with anchor 'legal-aid'"),
])
def test_a_broken_link_names_file_item_and_field(rubric_copy: Path, old: str, new: str, field: str,
                                                 message: str) -> None:
    """A missing page or heading fails the build step with the definition file, the target and the field."""
    text = rubric_copy.read_text(encoding="utf-8")
    assert old in text
    rubric_copy.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        links.check(load_catalogue(rubric_copy.parent.parent), paths.DOCS)
    assert str(caught.value).startswith(f"{rubric_copy}: item 'sharing': field '{field}': ")
    assert message in str(caught.value)

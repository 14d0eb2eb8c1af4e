"""Every observation rubric has its supervised-practice page, tied to the module that teaches its task.

The onboarding record places a rubric under the module most of its revisit links point to
(``selfcheck._record.rubric_module``); these tests keep the rubric, its page, the module page, the practice
index, the navigation and the facilitator notes saying the same thing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selfcheck import load_catalogue
from selfcheck._observation import Observation
from selfcheck._record import rubric_module
from support import EXERCISES, ROOT

DOCS = ROOT / "docs"
CATALOGUE = load_catalogue(EXERCISES)
RUBRICS = sorted(e.id for e in CATALOGUE if isinstance(e, Observation))
COUNTRY_NAMES = {"ro": "Romanian", "bg": "Bulgarian"}
#: The rubrics that modules 9 to 18 added, and the module that teaches each: every revisit link goes there.
NEW_RUBRICS = {
    "obs-return-risk-assessment": "modules/13-return-and-transnational-referral.md",
    "obs-sharing-a-case": "modules/15-case-files-and-data-protection.md",
}


def rubric(ident: str) -> Observation:
    """The rubric with this id, as the build validates it."""
    exercise = CATALOGUE.get(ident)
    assert isinstance(exercise, Observation)
    return exercise


def practice_page(ident: str) -> Path:
    """The one page under docs/practice/ that embeds the rubric's exercise."""
    pages = [p for p in sorted((DOCS / "practice").glob("*.md"))
             if re.search(rf"^\{{\{{ exercise {re.escape(ident)} \}}\}}$", p.read_text(encoding="utf-8"), re.MULTILINE)]
    assert len(pages) == 1, (ident, pages)
    return pages[0]


def test_the_new_rubrics_are_in_the_catalogue() -> None:
    """The list of rubrics added with modules 9 to 18 names rubrics that exist (so the tests below run on them)."""
    assert set(NEW_RUBRICS) <= set(RUBRICS) and len(RUBRICS) >= 7


@pytest.mark.parametrize(("ident", "module"), NEW_RUBRICS.items())
def test_new_rubric_revisits_only_the_module_that_teaches_it(ident: str, module: str) -> None:
    """Each new rubric's revisit links all point into the module that teaches its task, and the record agrees."""
    exercise = rubric(ident)
    assert {t.page for t in exercise.targets} == {module}
    assert rubric_module(exercise) == module
    number = int(re.search(r"modules/(\d+)-", module).group(1))  # type: ignore[union-attr]
    assert all(t.title.startswith(f"Module {number}: ") for t in exercise.targets)


@pytest.mark.parametrize("ident", RUBRICS)
def test_practice_page_embeds_the_rubric_and_its_paper_version(ident: str) -> None:
    """The rubric's page has the form and the one-page paper version, and says what stays on the device."""
    text = practice_page(ident).read_text(encoding="utf-8")
    assert f"{{{{ paper-version {ident} }}}}" in text
    assert "What stays on this device" in text and "Never write the name of a person being supported" in text


@pytest.mark.parametrize("ident", RUBRICS)
def test_practice_page_names_the_procedure_and_the_module_that_teaches_it(ident: str) -> None:
    """Before the form, the page names the rubric's country and links to a revisit section of the record's module."""
    exercise = rubric(ident)
    text = practice_page(ident).read_text(encoding="utf-8")
    head = text.split(f"{{{{ exercise {ident} }}}}", 1)[0]
    procedure = re.search(r"\*\*Procedure:\*\* ([^.]*)", head)
    assert procedure and COUNTRY_NAMES[exercise.country] in procedure.group(1), ident
    taught = re.search(r"Taught in \[[^\]]+\]\(\.\./(modules/[^)#]+\.md)#([^)]+)\)", head)
    assert taught, f"{ident}: the page says where the task is taught"
    assert taught.group(1) == rubric_module(exercise)
    assert (taught.group(1), taught.group(2)) in {(t.page, t.anchor) for t in exercise.targets}


@pytest.mark.parametrize("ident", RUBRICS)
def test_rubric_is_listed_everywhere_a_reader_looks(ident: str) -> None:
    """The page is in the navigation, the practice index and the facilitator notes; the teaching module links to it."""
    page = practice_page(ident).relative_to(DOCS).as_posix()
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"      - {page}\n" in nav
    index = (DOCS / "practice" / "index.md").read_text(encoding="utf-8")
    assert f"]({page.removeprefix('practice/')})" in index
    module = (DOCS / rubric_module(rubric(ident))).read_text(encoding="utf-8")
    assert f"../{page}" in module, f"{rubric_module(rubric(ident))} links to {page}"
    notes = (DOCS / "facilitators" / "observed-sessions.md").read_text(encoding="utf-8")
    assert f"](../{page})" in notes


def test_index_counts_the_rubrics() -> None:
    """The practice index says how many rubrics there are, in words, so adding one means updating it."""
    words = {5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
    index = (DOCS / "practice" / "index.md").read_text(encoding="utf-8")
    assert f"## The {words[len(RUBRICS)]} rubrics" in index
    assert f"The {words[len(RUBRICS)]} rubrics below" in index

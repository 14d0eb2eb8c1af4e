"""Content rules for the training modules (docs/modules/*.md) and their knowledge checks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from selfcheck import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EXERCISES = ROOT / "exercises"
MODULES = sorted((DOCS / "modules").glob("*.md"))

#: The fixed level-2 headings of a module page, in order.
REQUIRED = [
    "Who this is for and how long it takes",
    "Learning objectives",
    "Key points",
    "Knowledge check",
    "Related checklists and exercises",
    "Further reading",
]
H2 = re.compile(r"^##\s+(?P<title>.+?)\s*$")
EXERCISE_MARKER = re.compile(r"^\s*\{\{\s*exercise\s+(?P<id>\S+)\s*\}\}\s*$")
MIN_QUESTIONS = 5


def sections(page: Path) -> list[tuple[str, list[str]]]:
    """The page's level-2 sections as (title, lines), skipping fenced code."""
    found: list[tuple[str, list[str]]] = []
    in_code = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        match = None if in_code else H2.match(line)
        if match:
            found.append((match.group("title"), []))
        elif found:
            found[-1][1].append(line)
    return found


def knowledge_check_ids(page: Path) -> list[str]:
    """Exercise ids of the markers in the page's "Knowledge check" section."""
    for title, lines in sections(page):
        if title == "Knowledge check":
            return [m.group("id") for line in lines if (m := EXERCISE_MARKER.match(line))]
    return []


@pytest.fixture(scope="module")
def catalogue() -> Any:
    """Every exercise definition, loaded and validated as the build does."""
    return load_catalogue(EXERCISES)


def nav_modules() -> list[str]:
    """The docs-relative module pages listed under "Training modules" in mkdocs.yml, in nav order."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "- Training modules:")
    found = []
    for line in lines[start + 1 :]:
        entry = re.match(r"^\s+-\s+(modules/\S+\.md)\s*$", line)
        if not entry:
            break
        found.append(entry.group(1))
    return found


def test_modules_are_numbered_from_01_and_listed_in_nav_in_rising_order() -> None:
    """Module numbers start at 01 and rise, gaps allowed; the nav lists exactly the module pages, in that order."""
    numbers = [int(p.name[:2]) for p in MODULES]
    assert len(MODULES) >= 8, f"only {len(MODULES)} module pages"
    assert numbers[:8] == list(range(1, 9)), f"modules 01 to 08 must all be present: {numbers}"
    assert numbers == sorted(set(numbers)), f"module numbers {numbers} repeat or are out of order"
    assert nav_modules() == [f"modules/{p.name}" for p in MODULES], "the nav must list every module, in number order"


def test_every_module_is_a_step_of_the_onboarding_path_and_has_facilitator_notes() -> None:
    """Each module is the onboarding step of its own number, in order, and has facilitator notes in the nav."""
    onboarding = (DOCS / "onboarding.md").read_text(encoding="utf-8")
    steps = re.findall(r"^\|\s*(\d+)\s*\|\s*\[[^\]]+\]\((modules/[^)#]+\.md)\)", onboarding, re.MULTILINE)
    assert steps == [(str(int(p.name[:2])), f"modules/{p.name}") for p in MODULES], steps
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in MODULES:
        notes = f"facilitators/module-{page.name[:2]}.md"
        assert (DOCS / notes).is_file(), f"no facilitator notes {notes}"
        assert f"- {notes}" in nav, f"{notes} is not in the nav"


@pytest.mark.parametrize("page", MODULES, ids=lambda p: p.stem)
def test_module_has_the_template_headings_in_order(page: Path) -> None:
    """The fixed headings appear once each, in order; extra sections only between objectives and key points."""
    titles = [title for title, _ in sections(page)]
    fixed = [t for t in titles if t in REQUIRED]
    assert fixed == REQUIRED, f"{page.name}: fixed headings are {fixed}, expected {REQUIRED}"
    start, end = titles.index("Learning objectives"), titles.index("Key points")
    extras = [t for i, t in enumerate(titles) if t not in REQUIRED and not start < i < end]
    assert not extras, f"{page.name}: sections {extras} must sit between 'Learning objectives' and 'Key points'"


@pytest.mark.parametrize("page", MODULES, ids=lambda p: p.stem)
def test_module_starts_with_a_title_and_a_source_line(page: Path) -> None:
    """The page opens with '# Module N: ...' and cites its source on a 'Source:' line before the first section."""
    text = page.read_text(encoding="utf-8")
    number = int(page.name[:2])
    assert re.match(rf"# Module {number}: \S", text), f"{page.name}: first line must be '# Module {number}: Title'"
    head = text.split("\n## ", 1)[0]
    assert re.search(r"^Source: \S", head, re.MULTILINE), f"{page.name}: no 'Source:' line before the first section"


@pytest.mark.parametrize("page", MODULES, ids=lambda p: p.stem)
def test_objectives_and_key_points_are_lists(page: Path) -> None:
    """'Learning objectives' and 'Key points' each contain at least three list items."""
    for title, lines in sections(page):
        if title in {"Learning objectives", "Key points"}:
            items = [line for line in lines if re.match(r"^\s*(?:[-*]|\d+\.)\s+\S", line)]
            assert len(items) >= 3, f"{page.name}: '{title}' has {len(items)} list items"


@pytest.mark.parametrize("page", MODULES, ids=lambda p: p.stem)
def test_module_knowledge_check_is_a_quiz_of_five_or_more(page: Path, catalogue: Any) -> None:
    """The 'Knowledge check' section embeds exactly one exercise: a quiz with at least five questions."""
    ids = knowledge_check_ids(page)
    assert len(ids) == 1, f"{page.name}: 'Knowledge check' must hold one {{{{ exercise ID }}}} marker, found {ids}"
    assert ids[0] in catalogue, f"{page.name}: exercise {ids[0]!r} is not defined under exercises/"
    described = catalogue.get(ids[0]).describe()
    assert described["kind"] == "quiz", f"{ids[0]}: kind {described['kind']!r}, expected 'quiz'"
    assert len(described["items"]) >= MIN_QUESTIONS, f"{ids[0]}: only {len(described['items'])} questions"


def test_no_page_is_still_a_placeholder() -> None:
    """No page under docs/ still contains the word PLACEHOLDER."""
    left = [p.relative_to(DOCS).as_posix() for p in sorted(DOCS.rglob("*.md")) if "PLACEHOLDER" in p.read_text("utf-8")]
    assert not left, f"placeholder pages left: {left}"


def knowledge_checks(catalogue: Any) -> list[str]:
    """Ids of the quizzes defined under exercises/knowledge-checks/."""
    folder = EXERCISES / "knowledge-checks"
    return [ex.id for ex in catalogue if ex.kind == "quiz" and folder in catalogue.files[ex.id].parents]


def key_answers(catalogue: Any, ident: str, *, right: bool) -> dict[str, object]:
    """Answers built from a quiz's own answer key: all correct, or (right=False) one wrong option each."""
    answers: dict[str, object] = {}
    for item in catalogue.data[ident]["items"]:
        correct = list(item["correct"])
        wrong = [o["id"] for o in item["options"] if o["id"] not in correct]
        chosen = correct if right else wrong[:1]
        answers[item["id"]] = chosen[0] if item["type"] == "single" else chosen
    return answers


def test_every_knowledge_check_passes_its_own_answer_key(catalogue: Any) -> None:
    """Scoring each knowledge check with its full answer key marks every item correct and passes the check."""
    ids = knowledge_checks(catalogue)
    assert ids, "no knowledge checks found"
    for ident in ids:
        result = catalogue.get(ident).score(key_answers(catalogue, ident, right=True))
        assert result["passed"] is True, f"{ident}: {result['summary']}"
        assert {i["status"] for i in result["items"]} == {"correct"}, ident


def test_every_knowledge_check_fails_a_wrong_answer_set(catalogue: Any) -> None:
    """Answering every question with a wrong option fails the check, and each item gets feedback and a source."""
    for ident in knowledge_checks(catalogue):
        result = catalogue.get(ident).score(key_answers(catalogue, ident, right=False))
        assert result["passed"] is False, f"{ident}: {result['summary']}"
        for item in result["items"]:
            assert item["status"] != "correct", f"{ident}: item {item['id']} has no wrong option"
            assert item["message"].strip() and item["source"].strip(), f"{ident}: item {item['id']} lacks feedback"

"""Content rules for the training modules (docs/modules/*.md) and their knowledge checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scripts import banks
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


def test_modules_are_numbered_without_gaps_in_nav_order() -> None:
    """docs/modules/ holds modules 01..N with no gaps, and the nav lists exactly those pages in number order."""
    numbers = [p.name[:2] for p in MODULES]
    assert len(MODULES) >= 8, f"only {len(MODULES)} module pages"
    assert numbers == [f"{n:02d}" for n in range(1, len(MODULES) + 1)], f"module numbers {numbers} have a gap"
    assert nav_modules() == [f"modules/{p.name}" for p in MODULES], "the nav must list every module, in number order"


def test_every_module_is_a_step_of_the_onboarding_path_and_has_facilitator_notes() -> None:
    """Each module is the onboarding step of its own number, in order, and has facilitator notes listed in the nav."""
    onboarding = (DOCS / "onboarding.md").read_text(encoding="utf-8")
    steps = re.findall(r"^\|\s*(\d+)\s*\|\s*\[[^\]]+\]\((modules/[^)#]+\.md)\)", onboarding, re.MULTILINE)
    assert steps == [(str(n), f"modules/{p.name}") for n, p in enumerate(MODULES, start=1)], steps
    missing = [p.name[:2] for p in MODULES if not (DOCS / "facilitators" / f"module-{p.name[:2]}.md").is_file()]
    assert not missing, f"no facilitator notes for modules {missing}"
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    unlisted = [p.name[:2] for p in MODULES if f"- facilitators/module-{p.name[:2]}.md" not in nav]
    assert not unlisted, f"facilitator notes of modules {unlisted} are not in the nav"


@pytest.mark.parametrize("page", MODULES, ids=lambda p: p.stem)
def test_module_that_teaches_both_countries_names_each_rule(page: Path) -> None:
    """A module whose Source line cites rules of both Romania and Bulgaria says, in its text, which is which."""
    text = page.read_text(encoding="utf-8")
    head = text.split("\n## ", 1)[0]
    source = next((line for line in head.splitlines() if line.startswith("Source:")), "")
    if not (re.search(r"\bRomania\b", source) and re.search(r"\bBulgaria\b", source)):
        pytest.skip("the Source line does not cite rules of both countries")
    body = text.split("\n## ", 1)[1]
    for country in ("Romania", "Bulgaria"):
        found = re.search(rf"\*{{0,2}}In {country}\*{{0,2}},", body)
        assert found, f"{page.name}: no rule introduced with 'In {country},'"


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
def test_module_knowledge_check_is_its_bank(page: Path, catalogue: Any) -> None:
    """The 'Knowledge check' section embeds exactly one exercise: a bank whose page is this module page."""
    ids = knowledge_check_ids(page)
    assert len(ids) == 1, f"{page.name}: 'Knowledge check' must hold one {{{{ exercise ID }}}} marker, found {ids}"
    assert ids[0] in catalogue, f"{page.name}: exercise {ids[0]!r} is not defined under exercises/"
    bank = catalogue.get(ids[0])
    assert bank.kind == "quiz", f"{ids[0]}: kind {bank.kind!r}, expected 'quiz'"
    assert bank.page == page.relative_to(DOCS).as_posix(), f"{ids[0]}: page {bank.page!r} is not {page.name}"


def test_no_page_is_still_a_placeholder() -> None:
    """No page under docs/ still contains the word PLACEHOLDER."""
    left = [p.relative_to(DOCS).as_posix() for p in sorted(DOCS.rglob("*.md")) if "PLACEHOLDER" in p.read_text("utf-8")]
    assert not left, f"placeholder pages left: {left}"


def knowledge_checks(catalogue: Any) -> list[str]:
    """Ids of the quizzes defined under exercises/knowledge-checks/."""
    folder = EXERCISES / "knowledge-checks"
    return [ex.id for ex in catalogue if ex.kind == "quiz" and folder in catalogue.files[ex.id].parents]


SEEDS = range(200)


def answers_for(attempt: Any, pick: Callable[[Any], list[str]]) -> dict[str, object]:
    """Answers to a drawn attempt: ``pick(drawn item)`` gives the chosen option ids."""
    return {d.id: (pick(d)[0] if d.item.choice.type == "single" else pick(d)) for d in attempt.items}


def test_every_bank_passes_the_build_checks(catalogue: Any) -> None:
    """Every bank passes what the build checks: its page and anchors, its facilitator pages, and the lint."""
    problems = banks.check(catalogue, banks.settings(), DOCS)
    assert problems == [], "\n".join(problems)


def test_every_knowledge_check_passes_its_own_answer_key(catalogue: Any) -> None:
    """Each bank's drawn attempts, answered with their own key, are fully right and passed."""
    ids = knowledge_checks(catalogue)
    assert ids, "no knowledge checks found"
    for ident in ids:
        for seed in range(20):
            attempt = catalogue.get(ident).draw(seed)
            result = attempt.score(answers_for(attempt, lambda d: [o.id for o in d.options if o.id in d.item.correct]))
            assert result["passed"] is True, f"{ident} seed {seed}: {result['summary']}"
            assert {i["status"] for i in result["items"]} == {"correct"}, ident


def test_every_knowledge_check_fails_a_wrong_answer_set(catalogue: Any) -> None:
    """Answering every drawn question with a wrong option fails, and each item gets feedback and a source."""
    for ident in knowledge_checks(catalogue):
        attempt = catalogue.get(ident).draw(1)
        result = attempt.score(answers_for(attempt, lambda d: [next(o.id for o in d.options
                                                                     if o.id not in d.item.correct)]))
        assert result["passed"] is False, f"{ident}: {result['summary']}"
        assert result["review"], f"{ident}: no objectives to review after a failed attempt"
        for item in result["items"]:
            assert item["status"] != "correct", f"{ident}: item {item['id']} has no wrong option"
            assert item["message"].strip() and item["source"].strip() and item["notes"], f"{ident}: {item['id']}"


def first(drawn: Any) -> list[str]:
    """The test-wise reader who always ticks the first option shown."""
    return [drawn.options[0].id]


def longest(drawn: Any) -> list[str]:
    """The test-wise reader who always ticks the longest option (the first of equals)."""
    return [max(drawn.options, key=lambda o: len(o.label)).id]


@pytest.mark.parametrize("strategy", [first, longest], ids=["first", "longest"])
def test_a_test_wise_reader_fails_every_module(catalogue: Any, strategy: Callable[[Any], list[str]]) -> None:
    """Always picking the first, or the longest, option fails every bank's attempts over many seeds."""
    for ident in knowledge_checks(catalogue):
        passes = [seed for seed in SEEDS
                  if (attempt := catalogue.get(ident).draw(seed)).score(answers_for(attempt, strategy))["passed"]]
        assert passes == [], f"{ident}: {strategy.__name__} passes with seeds {passes[:5]}"

"""Tests for scripts.markers: expanding ``{{ name arg }}`` markers into build fragments, and checking pages."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from scripts.markers import MarkerError, MarkersExtension, check_pages, fragment_path

FORM = '<div class="sc-exercise" data-exercise="demo">FORM</div>'


@pytest.fixture
def fragments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fragment folder holding exercise/demo.html and onboarding-progress.html."""
    monkeypatch.delenv("SELFCHECK_FRAGMENTS", raising=False)
    folder = tmp_path / "fragments"
    (folder / "exercise").mkdir(parents=True)
    (folder / "exercise" / "demo.html").write_text(FORM, encoding="utf-8")
    (folder / "onboarding-progress.html").write_text("<p>PROGRESS</p>", encoding="utf-8")
    return folder


def render(text: str, folder: Path) -> str:
    """Markdown to HTML with the markers extension reading ``folder``."""
    html: str = markdown.markdown(text, extensions=[MarkersExtension(fragments=str(folder)), "fenced_code"])
    return html


def test_exercise_marker_expands_to_fragment(fragments: Path) -> None:
    """A marker alone on its line is replaced by the fragment's HTML, unescaped, between the paragraphs."""
    html = render("Before.\n\n{{ exercise demo }}\n\nAfter.", fragments)
    assert FORM in html
    assert html.index("Before.") < html.index(FORM) < html.index("After.")
    assert "{{" not in html


def test_marker_without_argument(fragments: Path) -> None:
    """A marker that takes no argument expands into fragments/NAME.html; spacing inside braces is free."""
    assert "<p>PROGRESS</p>" in render("{{onboarding-progress}}", fragments)


def test_env_variable_overrides_fragment_folder(
    fragments: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SELFCHECK_FRAGMENTS points a private build to its own fragment folder."""
    monkeypatch.setenv("SELFCHECK_FRAGMENTS", str(fragments))
    assert FORM in render("{{ exercise demo }}", tmp_path / "elsewhere")


def test_unknown_marker_name_raises(fragments: Path) -> None:
    """An unknown marker name raises MarkerError naming the marker and listing the known ones."""
    with pytest.raises(MarkerError) as info:
        render("{{ quizz demo }}", fragments)
    message = str(info.value)
    assert "unknown marker '{{ quizz demo }}'" in message
    assert "exercise" in message


def test_marker_not_alone_on_its_line_raises(fragments: Path) -> None:
    """A marker sharing its line with text raises, quoting the line."""
    with pytest.raises(MarkerError, match=r"marker not alone on its line: 'See \{\{ exercise demo \}\} here'"):
        render("See {{ exercise demo }} here", fragments)


def test_missing_fragment_raises(fragments: Path) -> None:
    """A marker whose fragment file does not exist (unknown exercise id) raises, naming the missing file."""
    with pytest.raises(MarkerError) as info:
        render("{{ exercise nope }}", fragments)
    assert "'{{ exercise nope }}'" in str(info.value)
    assert "nope.html" in str(info.value)


@pytest.mark.parametrize("body", ["exercise", "exercise a b", "onboarding-progress extra"])
def test_wrong_argument_count_raises(fragments: Path, body: str) -> None:
    """A marker with too few or too many arguments raises and shows the correct form."""
    with pytest.raises(MarkerError, match="must be written"):
        fragment_path(fragments, body)


def test_empty_marker_is_unknown(fragments: Path) -> None:
    """An empty marker '{{ }}' is reported as unknown."""
    with pytest.raises(MarkerError, match="unknown marker"):
        fragment_path(fragments, "")


def test_fragment_path_locations(fragments: Path) -> None:
    """fragment_path() maps 'exercise ID' to exercise/ID.html and an argument-less name to NAME.html."""
    assert fragment_path(fragments, "exercise demo") == fragments / "exercise" / "demo.html"
    assert fragment_path(fragments, "onboarding-progress") == fragments / "onboarding-progress.html"


@pytest.mark.parametrize("fence", ["```", "~~~"])
def test_markers_in_fenced_code_are_left_alone(fragments: Path, fence: str) -> None:
    """Markers inside fenced code (``` or ~~~), alone or not, are shown literally and never expanded or checked."""
    text = f"{fence}\n{{{{ exercise demo }}}}\nsee {{{{ unknown thing }}}}\n{fence}\n\n{{{{ exercise demo }}}}"
    html = render(text, fragments)
    assert "{{ exercise demo }}" in html
    assert "{{ unknown thing }}" in html
    assert html.count(FORM) == 1


def write_page(docs: Path, name: str, text: str) -> None:
    """Write a Markdown page under ``docs``."""
    path = docs / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_check_pages_counts_valid_markers(tmp_path: Path, fragments: Path) -> None:
    """check_pages() returns how many markers the pages hold, ignoring fenced code."""
    docs = tmp_path / "docs"
    write_page(docs, "a.md", "# A\n\n{{ exercise demo }}\n")
    write_page(docs, "sub/b.md", "# B\n\n{{ onboarding-progress }}\n\n```\n{{ nothing }}\n```\n")
    assert check_pages(docs, fragments) == 2


def test_check_pages_names_page_and_line_for_unknown_marker(tmp_path: Path, fragments: Path) -> None:
    """An unknown marker is reported with the page (relative to docs) and its line number."""
    docs = tmp_path / "docs"
    write_page(docs, "a.md", "# A\n\n{{ exercise demo }}\n")
    write_page(docs, "sub/b.md", "# B\n\ntext\n\n{{ exercize demo }}\n")
    with pytest.raises(MarkerError) as info:
        check_pages(docs, fragments)
    assert str(info.value).startswith(f"{Path('sub/b.md')}:5: unknown marker '{{{{ exercize demo }}}}'")


def test_check_pages_names_page_and_line_for_inline_marker(tmp_path: Path, fragments: Path) -> None:
    """A marker not alone on its line is reported with page and line."""
    docs = tmp_path / "docs"
    write_page(docs, "c.md", "# C\nSee {{ exercise demo }}.\n")
    with pytest.raises(MarkerError, match=r"^c\.md:2: marker not alone on its line"):
        check_pages(docs, fragments)


def test_check_pages_names_page_and_line_for_missing_fragment(tmp_path: Path, fragments: Path) -> None:
    """A marker for an exercise that has no fragment is reported with page and line."""
    docs = tmp_path / "docs"
    write_page(docs, "d.md", "# D\n\n\n{{ exercise ghost }}\n")
    with pytest.raises(MarkerError, match=r"^d\.md:4: marker '\{\{ exercise ghost \}\}' has nothing to show"):
        check_pages(docs, fragments)


def test_markdown_fragment_is_parsed_with_the_page(fragments: Path) -> None:
    """A NAME.md fragment is preferred over NAME.html and is converted as Markdown, not inserted raw."""
    (fragments / "onboarding-progress.md").write_text("Read the [guide](guide.md) **first**.", encoding="utf-8")
    (fragments / "onboarding-progress.html").write_text("<p>HTML VERSION</p>", encoding="utf-8")
    assert fragment_path(fragments, "onboarding-progress") == fragments / "onboarding-progress.md"
    html = render("# Page\n\n{{ onboarding-progress }}\n", fragments)
    assert '<a href="guide.md">guide</a>' in html and "<strong>first</strong>" in html
    assert "HTML VERSION" not in html


def test_fit_headings_places_fragment_below_the_page_heading() -> None:
    """A fragment's top heading becomes one level below the page's last heading; others keep their offsets."""
    from scripts.markers import fit_headings

    html = '<h2 class="t">T</h2><h3>S</h3><p>x</p>'
    assert fit_headings(html, 1) == html
    assert fit_headings(html, 2) == '<h3 class="t">T</h3><h4>S</h4><p>x</p>'
    assert fit_headings("<h3>S</h3>", 1) == "<h2>S</h2>"
    assert fit_headings("<h3>S</h3><h4>U</h4>", 6) == "<h6>S</h6><h6>U</h6>"
    assert fit_headings("<p>no headings</p>", 3) == "<p>no headings</p>"

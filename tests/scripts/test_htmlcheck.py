"""Tests for scripts.htmlcheck: the Nu Html Checker over the built pages, with the theme's allow-list."""

from __future__ import annotations

import shutil
from pathlib import Path

import material
import pytest

from scripts import htmlcheck

HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
THEME_TOGGLE = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
OWN_CHECKBOX = '<input type="checkbox" id="sc-x" autocomplete="off"><label for="sc-x">Mine</label>'


@pytest.fixture(scope="module", autouse=True)
def java() -> None:
    """These tests run the real checker: Java must be there (``make test`` installs it as root)."""
    if shutil.which("java") is None:
        pytest.fail("Java is missing: run 'make test' as root, or 'sudo apt-get install -y default-jre-headless'")


def page(site: Path, name: str, body: str) -> Path:
    """Write a small page into a fake site."""
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{HEAD}{body}</body></html>", encoding="utf-8")
    return path


def test_allow_list_entries_name_a_template_and_a_reason() -> None:
    """Every entry of the real allow-list names a theme template, its engines, and says why it is allowed."""
    entries = htmlcheck.load_allow_list()
    assert entries
    theme = Path(material.__file__).parent / "templates"
    for entry in entries:
        assert entry.engines and set(entry.engines) <= {"mkdocs", "zensical"}
        if "mkdocs" in entry.engines:
            assert (theme / entry.template).is_file(), entry.template
        assert len(entry.why) > 80


def test_theme_error_is_allowed_but_the_same_error_in_our_markup_fails(tmp_path: Path) -> None:
    """The theme's toggle passes by its allow-list entry; the same attribute on our own checkbox is reported."""
    page(tmp_path, "a/index.html", THEME_TOGGLE + OWN_CHECKBOX)
    report = htmlcheck.check(tmp_path)
    assert report.pages == 1
    assert [(p.page, p.markup) for p in report.errors] == [("a/index.html", '<input type="checkbox" id="sc-x"'
                                                            ' autocomplete="off">')]
    assert "autocomplete" in report.errors[0].message
    assert sum(report.allowed.values()) == 1
    assert [e.template for e in report.unused] == ["partials/nav-item.html"]  # Zensical's entries left out


def test_validate_lists_errors_and_unused_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """validate() raises with page, line and markup of each error, and names allow-list entries that match nothing."""
    page(tmp_path, "index.html", OWN_CHECKBOX)
    mine = htmlcheck.Problem("index.html", 1, "Attribute “autocomplete” is only allowed when …", "<input>")
    monkeypatch.setattr(htmlcheck, "run_checker", lambda pages, site: [mine])
    with pytest.raises(htmlcheck.HtmlCheckError) as failed:
        htmlcheck.validate(tmp_path)
    text = str(failed.value)
    assert text.startswith("1 HTML errors in 1 pages:\nindex.html:1: Attribute “autocomplete” is only allowed when")
    assert text.endswith("[<input>]\nallow-list entry for base.html matches nothing: remove it\n"
                         "allow-list entry for partials/nav-item.html matches nothing: remove it")


def test_engine_picks_its_entries() -> None:
    """An entry for Zensical's templates only allows its error in a Zensical build, not in a MkDocs one."""
    overlay = '<label class="md-overlay" for="__drawer" aria-hidden="true">'
    message = ("The “aria-hidden” attribute must not be used on any “label” element that is associated with a "
               "labelable element.")
    problems = [htmlcheck.Problem("index.html", 3, message, overlay)]
    entries = htmlcheck.load_allow_list()
    assert htmlcheck.sort_problems(problems, entries, "mkdocs", 1).errors == problems
    zensical = htmlcheck.sort_problems(problems, entries, "zensical", 1)
    assert zensical.errors == [] and sum(zensical.allowed.values()) == 1
    assert {e.template for e in zensical.unused} == {"base.html", "partials/nav-item.html"}


def test_no_pages_is_an_error(tmp_path: Path) -> None:
    """An empty folder is not a passing site."""
    with pytest.raises(htmlcheck.HtmlCheckError, match="no pages to check"):
        htmlcheck.check(tmp_path, allow=[])


ENTRY = 'schema = 1\n[[allow]]\ntemplate = "t"\nengines = ["mkdocs"]\nmessage = "m"\nmarkup = "x"'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema = 2", "field 'schema': must be 1"),
        (f"{ENTRY}\nwhy = ''", "entry 1: field 'why'"),
        (f'{ENTRY}\nwhy = "w"\nextra = 1', "entry 1: unknown field 'extra'"),
        (ENTRY.replace('"m"', '"("') + '\nwhy = "w"', "invalid regular expression"),
        (ENTRY.replace('"mkdocs"', '"hugo"') + '\nwhy = "w"', "field 'engines'"),
    ],
)
def test_malformed_allow_list(tmp_path: Path, text: str, message: str) -> None:
    """A malformed allow-list fails with the file, the entry and the field."""
    path = tmp_path / "allow.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(htmlcheck.HtmlCheckError, match=message) as failed:
        htmlcheck.load_allow_list(path)
    assert str(path) in str(failed.value)


def test_every_built_page_is_valid_html(built_site: Path) -> None:
    """The whole built site: no error in our own markup, and every allow-list entry still needed."""
    summary = htmlcheck.validate(built_site)
    assert summary.startswith("checked ") and "no HTML errors" in summary

"""Tests for scripts.site and the build entry point: both engines build the real site strictly, alike."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
import sys
from html import escape
from pathlib import Path

import pytest

import scripts.__main__ as entry
from scripts import htmlcheck, paths, site
from scripts.editions import english_ui

MODULE_PAGE = Path("modules") / "01-what-trafficking-is" / "index.html"


@pytest.fixture(scope="module")
def built(site_build: tuple[Path, subprocess.CompletedProcess[str]]) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The session's build of the working tree (``python -m scripts build --out DIR``, mkdocs --strict)."""
    return site_build


def test_real_site_builds_strictly(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """The build exits 0 (mkdocs --strict turns any warning into a failure) and writes the site and fragments."""
    out, done = built
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert (out / "site" / "index.html").is_file()
    assert (out / "fragments" / "exercise" / "palermo-definition.html").is_file()


def test_module_page_contains_rendered_exercise(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """The module page holds the build-time form of the Palermo check (the fragment), not the raw marker."""
    out, done = built
    assert done.returncode == 0, done.stderr[-3000:]
    page = (out / "site" / MODULE_PAGE).read_text(encoding="utf-8")
    assert 'data-exercise="palermo-definition"' in page
    assert 'data-exercise-status="loading"' in page
    assert "data-exercise-result" in page
    assert "{{ exercise" not in page
    fragment = (out / "fragments" / "exercise" / "palermo-definition.html").read_text(encoding="utf-8")
    assert fragment in page


def test_search_index_leaves_out_forms_status_lines_and_paper_versions(
        built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """The search index holds what pages teach, not what forms ask.

    No status line, button, question or paper sheet is indexed, and every glossary term is a
    document of its own (its heading's anchor).
    """
    out, done = built
    assert done.returncode == 0, done.stderr[-3000:]
    docs = json.loads((out / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = "\n".join(doc["text"] for doc in docs)
    ui = english_ui()
    for words in (ui["fragments.loading"], ui["fragments.noscript"], "Clear answers",
                  "How often do you feel tired?", "Keep completed sheets confidential"):
        assert escape(words, quote=False) not in text and words not in text, words
    locations = {doc["location"] for doc in docs}
    assert {"glossary/#sop", "glossary/#cbi", "glossary/#nra", "glossary/#burnout"} <= locations
    cbi = next(doc["text"] for doc in docs if doc["location"] == "wellbeing/cbi/")
    assert "Copenhagen Burnout Inventory" in cbi  # the page's own words stay searchable


def test_every_page_links_to_itself_in_the_other_editions(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """site.toml builds English, Romanian and Bulgarian: the switcher and hreflang on each edition's page.

    The review notice shows on the translated editions only (English is reviewed).
    """
    out, done = built
    assert done.returncode == 0, done.stderr[-3000:]
    site = out / "site"
    for prefix, notice in (("", False), ("ro/", True), ("bg/", True)):
        html = (site / prefix / MODULE_PAGE).read_text(encoding="utf-8")
        assert f'<html lang="{prefix.rstrip("/") or "en"}"' in html
        assert "md-select__link" in html and ("data-review-status" in html) is notice, prefix
        alternates = re.findall(r'<link rel=" alternate" hreflang="([\w-]+)"', html)
        assert sorted(alternates) == ["bg", "en", "ro", "x-default"], prefix


def test_site_carries_the_runtime(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """The built site holds the Pyodide files and exactly one hashed selfcheck wheel."""
    out, done = built
    assert done.returncode == 0, done.stderr[-3000:]
    site = out / "site"
    for name in paths.PYODIDE_FILES:
        assert list((site / paths.SITE_PYODIDE).glob(f"*/{name}")), name
    assert len(list((site / paths.SITE_SELFCHECK / "wheels").glob("*/selfcheck-*.whl"))) == 1


def test_unknown_marker_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A page with an unknown marker makes the build exit 2 with one error line naming page and line.

    The pages and definitions are a small set of their own (one checklist), since the knowledge-check
    banks are checked against the pages they name.
    """
    docs = tmp_path / "docs"
    (docs / "modules").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\n{{ exercise cl-referral }}\n", encoding="utf-8")
    (docs / "modules" / "bad.md").write_text("# Bad\n\nText.\n\n{{ exercise-typo cl-referral }}\n",
                                             encoding="utf-8")
    exercises = tmp_path / "exercises"
    exercises.mkdir()
    shutil.copy(paths.EXERCISES / "checklists" / "cl-referral.toml", exercises)
    monkeypatch.setattr(paths, "DOCS", docs)
    monkeypatch.setattr(paths, "EXERCISES", exercises)
    settings = tmp_path / "site.toml"  # English only: this small project has no translations
    settings.write_text(paths.SITE_SETTINGS.read_text(encoding="utf-8").replace(
        'editions = ["en", "ro", "bg"]', 'editions = ["en"]'), encoding="utf-8")
    monkeypatch.setattr(paths, "SITE_SETTINGS", settings)
    status = entry.main(["build", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 2
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {Path('modules/bad.md')}:5: unknown marker '{{{{ exercise-typo")
    assert not (tmp_path / "out" / "site").exists()


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working tree built by the second engine: ``python -m scripts build --engine zensical --out DIR``."""
    out = tmp_path_factory.mktemp("zensical-build")
    done = subprocess.run([sys.executable, "-m", "scripts", "build", "--engine", "zensical", "--out", str(out)],
                          cwd=paths.ROOT, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "pages built with zensical" in done.stdout
    assert not list(paths.ROOT.glob(".zensical-*.yml"))  # the throw-away configuration is gone
    return out / "site"


MARKER = re.compile(r'data-(?:exercise|exercise-kind|paper)="[^"]*"')
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)


def pages_of(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


HREF = re.compile(r'href="(?P<url>[^"#:]+/)(?P<rest>[^"]*)"')


def article(page: Path, site: Path) -> str:
    """A page's content (the theme's article element), whitespace collapsed, Zensical's skip-link target left out.

    ``data-search-exclude`` is left out too: Zensical's search reads that pragma and removes it from the page.

    Relative links are resolved against the page (``../../x/`` and ``../../../a/x/`` from ``a/b/`` are the
    same address; the engines may write either).
    """
    found = ARTICLE.search(page.read_text(encoding="utf-8"))
    assert found, page
    base = "/" + page.parent.relative_to(site).as_posix() + "/"

    def resolve(match: re.Match[str]) -> str:
        return f'href="{posixpath.normpath(posixpath.join(base, match["url"]))}/{match["rest"]}"'

    text = HREF.sub(resolve, found.group(1)).replace(" data-search-exclude", "")
    return " ".join(text.replace('<a id="__skip" tabindex="-1"></a>', "").split())


def test_zensical_builds_the_same_pages_and_exercises(built_site: Path, zensical_site: Path) -> None:
    """Both engines give the same page list, the same exercise and paper markers, and the same page content."""
    pages = pages_of(built_site)
    assert pages_of(zensical_site) == pages and len(pages) > 40
    for page in pages:
        text = (zensical_site / page).read_text(encoding="utf-8")
        assert MARKER.findall(text) == MARKER.findall((built_site / page).read_text(encoding="utf-8")), page
        assert "assets/selfcheck/selfcheck.js" in text and 'http-equiv="Content-Security-Policy"' in text, page
        assert article(zensical_site / page, zensical_site) == article(built_site / page, built_site), page
    assert sum(len(MARKER.findall((built_site / p).read_text(encoding="utf-8"))) for p in pages) > 60


def test_zensical_pages_are_valid_html(zensical_site: Path) -> None:
    """The Zensical build passes the HTML check too, with the entries for Zensical's own templates."""
    assert "(zensical): no HTML errors" in htmlcheck.validate(zensical_site, "zensical")


def test_unknown_engine_is_refused() -> None:
    """site.build() names the engines it knows."""
    with pytest.raises(ValueError, match="unknown engine 'hugo' \\(known: mkdocs, zensical\\)"):
        site.build(engine="hugo")

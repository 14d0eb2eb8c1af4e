"""Every page of the built site in Chromium: no request leaves 127.0.0.1, no console errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from scripts import offline
from tests.ui.crawl import Visit

#: The pages crawled in each edition other than the one at the site's root, whose pages are all crawled (the
#: per-page crawls: requests, console errors, CSP, accessibility and names, layout). One page of each kind:
#: the editions share their templates, fragments and scripts, and the build checks that every translated page
#: keeps its English page's structure, so a sample finds what the language changes (text length, lang, links).
EDITION_SAMPLE = (
    "", "onboarding/", "refresh/", "modules/01-what-trafficking-is/", "modules/07-long-term-psychological-support/",
    "distinction/quiz/", "distinction/decision-aid/", "checklists/", "checklists/cl-support-plan/",
    "checklists/booklet/", "practice/referral/", "wellbeing/cbi/", "wellbeing/prevention-plan/",
    "countries/romania/", "glossary/", "facilitators/answer-keys/palermo-definition/",
    "facilitators/paper-tests/palermo-definition/", "about/",
)


def site_pages(site: Path) -> list[str]:
    """Site-relative URLs of the pages the crawls visit (directory URLs).

    Every page of the edition at the root, then :data:`EDITION_SAMPLE` in each other edition.
    """
    others = [prefix for prefix in offline.edition_prefixes(site) if prefix]
    pages = []
    for index in sorted(site.rglob("index.html")):
        relative = index.parent.relative_to(site).as_posix()
        if relative.startswith("assets") or any(f"{relative}/".startswith(prefix) for prefix in others):
            continue
        pages.append("" if relative == "." else relative + "/")
    for prefix in others:
        pages += [prefix + path for path in EDITION_SAMPLE if (site / prefix / path / "index.html").is_file()]
    return pages


def sample_pages(site: Path) -> set[str]:
    """The crawled pages that are in :data:`EDITION_SAMPLE`, in every edition (one page of each kind)."""
    prefixes = [prefix for prefix in offline.edition_prefixes(site) if prefix] + [""]
    return {path for path in site_pages(site)
            for prefix in prefixes if path.startswith(prefix) and path[len(prefix):] in EDITION_SAMPLE}


def test_other_editions_are_sampled(tmp_path: Path) -> None:
    """The root edition is crawled whole; another edition (a folder with its own 404 page) only by its sample."""
    for path in ("", "glossary/", "modules/x/", "ro/", "ro/glossary/", "ro/modules/x/", "rome/"):
        (tmp_path / path).mkdir(parents=True, exist_ok=True)
        (tmp_path / path / "index.html").write_text("page", encoding="utf-8")
    (tmp_path / "ro" / "404.html").write_text("not found", encoding="utf-8")
    assert site_pages(tmp_path) == ["glossary/", "", "modules/x/", "rome/", "ro/", "ro/glossary/"]
    assert sample_pages(tmp_path) == {"", "glossary/", "ro/", "ro/glossary/"}


def test_site_has_pages(built_site: Path) -> None:
    """The crawl below really covers the site: home, modules and the 404 page are found."""
    pages = site_pages(built_site)
    assert "" in pages
    assert "modules/01-what-trafficking-is/" in pages
    assert len(pages) >= 10


def test_every_page_stays_on_the_origin(visits: dict[str, Visit], site_url: str) -> None:
    """Each page (with its exercise runtime, answered) requests nothing from another host and logs no error.

    Pages without an exercise must load no part of Pyodide themselves (the service worker's
    offline copy, made in the background, may).
    """
    for path, seen in visits.items():
        foreign = [url for url in seen.requests if not url.startswith((site_url, "data:", "blob:"))]
        assert foreign == [], f"{path} requested another host"
        assert seen.errors == [], f"{path}: console errors {seen.errors}"
        if not seen.exercises:
            assert not [url for url in seen.page_requests if "/assets/pyodide/" in url], f"{path} loaded Pyodide"


def test_the_crawl_covers_every_page(visits: dict[str, Visit], built_site: Path) -> None:
    """The shared crawl visited every page the per-page checks promise, and found exercises on them."""
    assert list(visits) == site_pages(built_site)
    assert sum(seen.exercises for seen in visits.values()) >= 40


@pytest.mark.parametrize("path", ["", "modules/01-what-trafficking-is/"])
def test_page_prints_without_navigation(page: Page, site_url: str, path: str) -> None:
    """In print media the site header, navigation sidebars and search are hidden."""
    page.goto(site_url + path)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search"):
        assert not page.locator(selector).first.is_visible(), f"{selector} shows when printing {path or 'home'}"

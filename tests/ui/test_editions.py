"""Editions in Chromium, on the editions fixture (English at /, Romanian at /ro/).

The language switcher lands on the same page in the other edition, each page says its language, the
review notice shows on the Romanian pages, and an exercise on /ro/ shows its Romanian text and is scored
by the browser's Python from the Romanian definition, in Romanian, exactly as CPython scores that definition.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from scripts.serve import serving
from selfcheck import handle
from support import answer, attempt_answers, attempt_seed, pdf_pages, submit, wait_ready
from tests.ui.conftest import Watch
from tests.ui.test_search import search

EXERCISE = "fx-case-closing"


@pytest.fixture(scope="module")
def editions_url(editions_build: Path) -> Iterator[str]:
    """The built editions fixture served on 127.0.0.1."""
    with serving(editions_build / "site") as base:
        yield base


def switch_to(page: Page, name: str) -> None:
    """Open the language switcher (it shows on hover) and follow the link to the edition named ``name``."""
    page.locator(".md-header .md-select").hover()
    page.locator(".md-select__inner").get_by_role("link", name=name).click()


def test_switcher_lands_on_the_same_page_and_lang_follows(page: Page, editions_url: str, watch: Watch) -> None:
    """From an English module page to its Romanian page and back; <html lang> and the notice follow."""
    page.goto(editions_url + "modules/01-example/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("[data-review-status]")).to_have_count(0)
    switch_to(page, "Română")
    expect(page).to_have_url(editions_url + "ro/modules/01-example/")
    expect(page.locator("html")).to_have_attribute("lang", "ro")
    expect(page.locator("h1").first).to_contain_text("Modulul 1: un modul de exemplu")
    expect(page.locator("[data-review-status]")).to_contain_text("Stadiul revizuirii:")
    switch_to(page, "English")
    expect(page).to_have_url(editions_url + "modules/01-example/")
    page.goto(editions_url + "ro/about/")
    switch_to(page, "English")
    expect(page).to_have_url(editions_url + "about/")
    assert watch.foreign(editions_url) == [] and watch.errors == []


def test_exercise_on_the_romanian_edition_is_scored_from_its_romanian_definition(
    page: Page, editions_url: str, watch: Watch
) -> None:
    """The form is in Romanian; the result, computed in the browser, equals CPython's for the Romanian definition.

    The interface is Romanian too: the build's button and loading line, and what the page scripts write
    (the status line once the engine is ready, the checklist's own button and its messages).
    """
    page.goto(editions_url + "ro/modules/01-example/")
    root = page.locator(f'[data-exercise="{EXERCISE}"]')
    expect(root.locator(".sc-title")).to_contain_text("Înainte de închiderea unui caz")
    label = root.locator('[data-item="discussed"] label')
    expect(label).to_have_text("Închiderea a fost discutată cu supraviețuitorul")
    expect(root.locator('button[type="submit"]')).to_have_text("Verificați progresul")
    expect(root.locator("noscript")).to_have_count(1)
    wait_ready(page, EXERCISE)
    expect(root.locator("[data-exercise-message]")).to_have_text(
        "Gata. Nimic din ce introduceți nu iese de pe acest dispozitiv.")
    answers: dict[str, Any] = {"discussed": True}
    answer(page, EXERCISE, answers)
    region = submit(page, EXERCISE)
    definition = json.loads(root.locator("[data-exercise-definition]").text_content() or "")
    request = {"op": "score", "definition": definition, "answers": answers, "lang": "ro"}  # the page's <html lang>
    expected = json.loads(handle(json.dumps(request)))
    assert expected["ok"], expected
    expect(region.locator(".sc-summary")).to_have_text(expected["result"]["summary"])
    expect(region).to_contain_text("Supraviețuitorul știe pe cine să contacteze dacă problemele revin")
    expect(region).to_contain_text("Pregătirea închiderii")
    root.get_by_role("button", name="Ștergeți bifele").click()
    expect(root.locator("[data-checklist-notice]")).to_have_text(
        "Bifele au fost șterse de pe această pagină și de pe acest dispozitiv.")
    root.get_by_role("button", name="Anulați ștergerea").click()
    expect(root.locator('[data-item="discussed"] input')).to_be_checked()
    assert watch.foreign(editions_url) == [] and watch.errors == []


def test_every_fixture_page_loads_clean_in_both_editions(page: Page, editions_url: str, watch: Watch) -> None:
    """Each page of both editions (the runtime and service worker shared at the root) logs no error."""
    for path in ("", "about/", "modules/01-example/", "ro/", "ro/about/", "ro/modules/01-example/"):
        page.goto(editions_url + path, wait_until="networkidle")
        if page.locator("[data-exercise]").count():
            wait_ready(page, EXERCISE)
        assert watch.foreign(editions_url) == [], path
        assert watch.errors == [], f"{path}: {watch.errors}"


SITE_CACHED = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    if (name.startsWith("selfcheck-site-")) for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
  }
  return urls;
}"""


def test_one_service_worker_keeps_the_edition_being_read(first_visit: Page, editions_url: str) -> None:
    """A first visit to /ro/: the worker at the root keeps the Romanian pages, not the English ones.

    It keeps the shared scripts too; offline, another Romanian page still opens.
    """
    page = first_visit  # nothing of this edition on the device yet
    page.goto(editions_url + "ro/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
    scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope == editions_url
    cached = page.evaluate(SITE_CACHED)
    assert editions_url + "ro/about/" in cached and editions_url + "assets/selfcheck/selfcheck.js" in cached
    assert editions_url + "about/" not in cached
    page.context.set_offline(True)
    page.goto(editions_url + "ro/about/")
    expect(page.locator("h1").first).to_contain_text("Despre acest site")
    page.context.set_offline(False)


# --- The real site's editions (site.toml builds English at /, Romanian at /ro/, Bulgarian at /bg/) ---------

#: A word or letter each language's results must show (checked against the text the engine returns).
SCRIPT = {"ro": re.compile(r"[ăâîșț]", re.IGNORECASE), "bg": re.compile(r"[а-яА-Я]")}
I18N = Path(__file__).resolve().parents[2] / "i18n"


def other_editions(site: Path) -> list[str]:
    """The codes of the built site's editions besides the root one (folders with their own 404 page)."""
    return sorted(path.parent.name for path in site.glob("*/404.html"))


def pages_of(root: Path, skip: Iterable[str] = ()) -> set[str]:
    """The page URLs under ``root`` (directory URLs), leaving out the other editions' folders and assets."""
    found = set()
    for index in root.rglob("index.html"):
        relative = index.parent.relative_to(root).as_posix()
        first = relative.split("/", 1)[0]
        if first in skip or first == "assets":
            continue
        found.add("" if relative == "." else relative + "/")
    return found


def test_the_real_site_builds_romanian_and_bulgarian_with_the_same_pages(built_site: Path) -> None:
    """Every page of the English edition exists in /ro/ and /bg/, and no edition has a page the others lack."""
    editions = other_editions(built_site)
    assert editions == ["bg", "ro"]
    english = pages_of(built_site, skip=editions)
    assert len(english) > 100
    for code in editions:
        assert pages_of(built_site / code) == english, code
        html = (built_site / code / "modules" / "01-what-trafficking-is" / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{code}"' in html


@pytest.mark.parametrize("lang", ["ro", "bg"])
def test_a_knowledge_check_is_scored_in_the_editions_language(page: Page, site_url: str, lang: str,
                                                               watch: Watch) -> None:
    """Module 1's knowledge check on /ro/ and /bg/ is worded and scored in that language.

    The result, computed in the browser, equals what CPython's selfcheck says for the page's (localised)
    definition in the page's language.
    """
    exercise = "palermo-definition"
    page.goto(f"{site_url}{lang}/modules/01-what-trafficking-is/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    wait_ready(page, exercise)
    root = page.locator(f'[data-exercise="{exercise}"]')
    seed = attempt_seed(page, exercise)
    answers = attempt_answers(exercise, seed)  # ids are the same in every language
    answer(page, exercise, answers)
    region = submit(page, exercise)
    definition = json.loads(root.locator("[data-exercise-definition]").text_content() or "")
    request = {"op": "score", "definition": definition, "answers": answers, "seed": seed, "lang": lang}
    expected = json.loads(handle(json.dumps(request)))
    assert expected["ok"], expected
    summary = expected["result"]["summary"]
    assert SCRIPT[lang].search(summary), summary
    expect(region.locator(".sc-summary")).to_have_text(summary)
    assert SCRIPT[lang].search(root.locator('button[type="submit"]').inner_text())
    assert watch.foreign(site_url) == [] and watch.errors == []


def test_the_switcher_goes_to_the_same_page_in_every_edition(page: Page, site_url: str) -> None:
    """From a Bulgarian checklist to the Romanian one, to the English one and back to Bulgarian."""
    page.goto(f"{site_url}bg/checklists/cl-referral/")
    switch_to(page, "Română")
    expect(page).to_have_url(f"{site_url}ro/checklists/cl-referral/")
    switch_to(page, "English")
    expect(page).to_have_url(f"{site_url}checklists/cl-referral/")
    switch_to(page, "Български")
    expect(page).to_have_url(f"{site_url}bg/checklists/cl-referral/")


@pytest.mark.parametrize(("lang", "query"), [("ro", "Copenhaga"), ("bg", "Копенхагенски")])
def test_search_in_each_edition_finds_its_own_page(phone: Page, site_url: str, lang: str, query: str) -> None:
    """A search on /ro/ or /bg/ finds that edition's burnout inventory page among the first results.

    Every result stays in the edition searched.
    """
    phone.goto(f"{site_url}{lang}/")
    phone.locator(".md-header__button[for=__search]").first.tap()
    results = search(phone, query)
    paths = [links[0]["path"] for links in results]
    prefix = urlparse(site_url).path + lang + "/"
    assert prefix + "wellbeing/cbi/" in paths[:3], paths
    assert all(path.startswith(prefix) for path in paths), paths


@pytest.mark.parametrize("lang", ["ro", "bg"])
def test_the_printed_checklist_booklet_is_in_the_editions_language(page: Page, site_url: str, lang: str) -> None:
    """The checklist booklet prints without the site's header, in the edition's language.

    Its first checklist shows the title from that language's catalog; the PDF has many pages.
    """
    catalog = tomllib.loads((I18N / lang / "exercises" / "cl-trafficking-signs.toml").read_text(encoding="utf-8"))
    page.goto(f"{site_url}{lang}/checklists/booklet/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").first.is_visible()
    first = page.locator(".sc-paper").first
    expect(first).to_be_visible()
    expect(first).to_contain_text(catalog["text"]["title"])
    pdf = page.pdf(format="A4")
    assert pdf_pages(pdf) >= 10

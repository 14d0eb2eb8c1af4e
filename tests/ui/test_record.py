"""The onboarding record on the built site in Chromium: Python's record of what is kept, on one A4 page.

Export and import as a file, only after the reader confirms; a bad or foreign file changes nothing;
nothing is exported that the reader did not keep.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Route, expect

from support import answer, answer_attempt, cli_json, in_reader_format, pdf_pages, submit, wait_ready
from tests.ui.conftest import Watch
from tests.ui.crawl import AXE_SOURCE, RUN_AXE
from tests.ui.test_observation import levels

PAGE = "record/"
#: How long to wait for an answer that needs the Python runtime (started by the page on a busy machine).
PYTHON = 120_000
NAME = "Ioana SECRET-NAME-52"
ORGANISATION = "SECRET-ORG-Centre 9"
NOTE = "SECRET-NOTE-OF-THE-DEBRIEF-4"
PASSED = {"palermo-definition": "2026-11-03", "kc-04-first-contact": "2026-11-10"}
REFRESH = {"palermo-definition": {"passed": "2026-11-02", "best": 0.875, "box": 2, "since": "2026-11-05",
                                  "refreshers": 1}}
OUTCOMES = [{"date": "2026-11-20", "outcome": "not-yet"}, {"date": "2026-11-28", "outcome": "ready"}]


def keep(page: Page, key: str, value: dict[str, Any]) -> None:
    """Store a record as web/storage.js does ({"v": 1, ...})."""
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [key, {"v": 1, **value}])


def kept(page: Page) -> dict[str, Any]:
    """Every selfcheck: record of this origin's localStorage, parsed."""
    raw: dict[str, str] = page.evaluate("() => Object.assign({}, localStorage)")
    return {key: json.loads(value) for key, value in raw.items() if key.startswith("selfcheck:")}


def seed(page: Page, site_url: str) -> None:
    """Results as a specialist's browser keeps them: passes, the refresh record, outcomes of one rubric."""
    page.goto(site_url + PAGE)
    keep(page, "selfcheck:progress", {"visited": {"modules/01-what-trafficking-is/": "2026-11-01"}, "passed": PASSED})
    keep(page, "selfcheck:refresh", {"banks": REFRESH})
    keep(page, "selfcheck:observation:obs-referral", {"entries": OUTCOMES})


def open_record(page: Page, site_url: str, status: str = "shown") -> None:
    """Open the record page and wait for the status the page reaches (Python answers for "shown")."""
    page.goto(site_url + PAGE)
    expect(page.locator("[data-record]")).to_have_attribute("data-record-status", status, timeout=PYTHON)


def results_file() -> dict[str, Any]:
    """The results file of :func:`seed`'s records, as an export of them would read."""
    return {"format": "selfcheck-onboarding-results", "version": 1, "exported": "2026-11-30", "passed": PASSED,
            "refresh": REFRESH, "observations": {"obs-referral": OUTCOMES}}


def shown_rows(page: Page) -> list[list[str]]:
    """The record's table on screen: each row's cells as text."""
    return [[cell.inner_text().strip() for cell in row.locator("td, th").all()]
            for row in page.locator("[data-record-table] tbody tr").all()]


def expected_rows(page: Page, record: dict[str, Any]) -> list[list[str]]:
    """The rows Python's record says the page shows: its cells, then the practice lines (dates as shown)."""
    return [[in_reader_format(page, text, "medium")
             for text in [*row["cells"], "\n".join(p["line"] for p in row["practice"])]]
            for row in record["rows"]]


def choose_file(page: Page, content: str, name: str = "results.json") -> None:
    """Choose a file for "Import results from a file" (the file chooser the button opens)."""
    with page.expect_file_chooser() as chooser:
        page.locator("[data-record-import-button]").click()
    chooser.value.set_files({"name": name, "mimeType": "application/json", "buffer": content.encode("utf-8")})


def export(page: Page) -> dict[str, Any]:
    """Click "Export my results" and return the downloaded file, parsed."""
    with page.expect_download(timeout=PYTHON) as download:
        page.locator("[data-record-export]").click()
    assert re.fullmatch(r"onboarding-results-\d{4}-\d{2}-\d{2}\.json", download.value.suggested_filename)
    data: dict[str, Any] = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    return data


def test_nothing_kept_says_how_to_start_and_loads_no_runtime(page: Page, site_url: str, watch: Watch) -> None:
    """With nothing kept the page says so, links to where to start, shows no sheet and loads no Pyodide.

    The page itself starts no runtime (the service worker's offline copy, made in the background, may fetch it).
    """
    page.goto(site_url + PAGE, wait_until="networkidle")
    keep(page, "selfcheck:progress", {"visited": {"modules/01-what-trafficking-is/": "2026-11-01"}, "passed": {}})
    keep(page, "selfcheck:refresh", {"banks": {}})  # opted in, nothing kept yet
    page.goto(site_url + PAGE, wait_until="networkidle")
    expect(page.locator("[data-record]")).to_have_attribute("data-record-status", "empty")
    empty = page.locator("[data-record-empty]")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("Nothing is kept on this device yet")
    expect(page.locator("[data-record-sheet]")).to_be_hidden()
    links = empty.locator("a")
    assert [links.nth(n).get_attribute("href") for n in range(links.count())] == [
        site_url + "onboarding/", site_url + "refresh/", site_url + "practice/"]
    links.first.click()
    expect(page).to_have_url(site_url + "onboarding/")
    assert not [url for url in watch.page_requests if "/assets/pyodide/" in url]
    assert watch.foreign(site_url) == [] and watch.errors == []


def test_record_shows_what_python_computes_and_never_keeps_the_name(page: Page, site_url: str, watch: Watch) -> None:
    """The table is the CLI's record of the same results; the typed name and organisation are never stored."""
    seed(page, site_url)
    open_record(page, site_url)
    record = cli_json("record", "-", stdin=json.dumps(results_file()))
    assert shown_rows(page) == expected_rows(page, record)
    expect(page.locator("[data-record-summary]")).to_have_text(in_reader_format(page, record["summary"]))
    expect(page.locator("[data-record-statement]")).to_contain_text("not an accredited certificate")
    expect(page.locator("[data-record-as-of]")).to_have_text(
        in_reader_format(page, f"Results as of {date.today().isoformat()}."))
    link = page.locator("[data-record-table] tbody tr").first.locator("a")
    assert link.get_attribute("href") == site_url + record["rows"][0]["href"]
    assert page.locator('[data-record-table] li[data-outcome="ready"]').count() == 1
    before = kept(page)
    page.locator("[data-record-name]").fill(NAME)
    page.locator("[data-record-organisation]").fill(ORGANISATION)
    page.locator("[data-record-organisation]").press("Tab")
    assert kept(page) == before and NAME not in json.dumps(page.evaluate("() => Object.assign({}, localStorage)"))
    page.reload()
    expect(page.locator("[data-record-name]")).to_have_value("")
    assert watch.foreign(site_url) == [] and watch.errors == []


def test_export_then_import_on_another_device(page: Page, site_url: str) -> None:
    """Export the kept results; on an empty browser, import the file after confirming: the same record shows."""
    seed(page, site_url)
    open_record(page, site_url)
    before_rows = shown_rows(page)
    page.locator("[data-record-name]").fill(NAME)
    file = export(page)
    assert file == {**results_file(), "exported": date.today().isoformat()}
    expect(page.locator("[data-record-move-message]")).to_contain_text("It holds no answers, notes or names.")
    assert NAME not in json.dumps(file) and "visited" not in json.dumps(file)
    original = kept(page)

    page.evaluate("() => localStorage.clear()")  # the new device
    open_record(page, site_url, "empty")
    choose_file(page, json.dumps(file))
    dialog = page.locator("[data-record-dialog]")
    expect(dialog).to_be_visible(timeout=PYTHON)
    expect(dialog.locator("[data-record-action]")).to_have_count(1)
    expect(dialog).to_contain_text("Keeping best scores and refreshers is turned on on this device.")
    expect(dialog).to_contain_text("Observed practice: a referral: 2 outcomes added.")
    assert kept(page) == {}, "nothing is stored before the reader confirms"
    dialog.locator('[data-record-choice="import"]').click()
    expect(dialog).to_be_hidden()
    expect(page.locator("[data-record]")).to_have_attribute("data-record-status", "shown", timeout=PYTHON)
    expect(page.locator("[data-record-move-message]")).to_have_text(
        "The results were imported. The record below shows what this device now keeps.")
    assert shown_rows(page) == before_rows
    now = kept(page)
    assert now["selfcheck:progress"] == {"v": 1, "visited": {}, "passed": PASSED}
    assert now["selfcheck:refresh"] == original["selfcheck:refresh"]
    assert now["selfcheck:observation:obs-referral"] == original["selfcheck:observation:obs-referral"]
    assert set(now) == {"selfcheck:progress", "selfcheck:refresh", "selfcheck:observation:obs-referral"}


def test_merge_or_replace_happens_only_after_confirmation(page: Page, site_url: str) -> None:
    """With results here, the dialog lists what merge and replace would change; Cancel and Escape change nothing."""
    seed(page, site_url)
    keep(page, "selfcheck:observation:obs-family-involvement", {"entries": [{"date": "2026-11-25",
                                                                            "outcome": "ready"}]})
    open_record(page, site_url)
    other = {**results_file(), "passed": {"kc-05-planning": "2026-11-15"}, "refresh": None, "observations": {}}
    before = kept(page)
    dialog = page.locator("[data-record-dialog]")
    for close in ("cancel", "Escape"):
        choose_file(page, json.dumps(other))
        expect(dialog).to_be_visible(timeout=PYTHON)
        expect(dialog.locator("[data-record-action]")).to_have_count(2)
        merge = dialog.locator('[data-record-action="merge"]')
        replace = dialog.locator('[data-record-action="replace"]')
        expect(merge).to_contain_text(in_reader_format(
            page, "Module 5: Needs assessment, support plan and referral: added (passed 2026-11-15)"))
        expect(merge).not_to_contain_text("deleted")
        expect(replace).to_contain_text("Module 1: What trafficking is: deleted.")
        expect(replace).to_contain_text("Observed practice: a referral: 2 outcomes deleted.")
        if close == "cancel":
            dialog.locator('[data-record-choice="cancel"]').click()
        else:
            page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        expect(page.locator("[data-record-move-message]")).to_have_text("Nothing was changed.")
        assert kept(page) == before

    choose_file(page, json.dumps(other))
    dialog.locator('[data-record-choice="replace"]').click()
    expect(page.locator("[data-record-move-message]")).to_contain_text("The results were imported.", timeout=PYTHON)
    assert kept(page) == {"selfcheck:progress": {"v": 1, "visited": before["selfcheck:progress"]["visited"],
                                                 "passed": {"kc-05-planning": "2026-11-15"}}}
    choose_file(page, json.dumps(other))
    expect(page.locator("[data-record-move-message]")).to_have_text(
        "This device already keeps everything in this file. Nothing was changed.", timeout=PYTHON)
    expect(dialog).to_be_hidden()


def test_a_bad_or_foreign_file_changes_nothing(page: Page, site_url: str) -> None:
    """Not JSON, another program's JSON, a newer format, a damaged file: a clear message, no dialog, nothing kept."""
    seed(page, site_url)
    open_record(page, site_url)
    before = kept(page)
    message = page.locator("[data-record-move-message]")
    cases = [
        ("notes.txt", "Case notes: do not share", "This file could not be read"),
        ("sheet.json", json.dumps({"rows": [["name", "score"]]}), "This file is not a results file exported from"),
        ("newer.json", json.dumps({**results_file(), "version": 2}), "made by a newer version of the site"),
        ("damaged.json", json.dumps({**results_file(), "passed": {"palermo-definition": "3 Nov"}}),
         "This results file is damaged"),
    ]
    for name, content, start in cases:
        choose_file(page, content, name)
        expect(message).to_contain_text(start, timeout=PYTHON)
        expect(message).to_contain_text("Nothing was changed.")
        expect(page.locator("[data-record-dialog]")).to_be_hidden()
        assert kept(page) == before


def test_export_holds_only_what_the_reader_kept(page: Page, site_url: str) -> None:
    """Only what was kept is exported: no refresh record without its opt-in, one rubric of two, no ticks or notes.

    A check is passed without the refresh opt-in, one rubric's outcome is kept and another's is not, and a
    checklist is ticked: the file holds the pass and that one outcome, and no answers, notes, ticks or names.
    """
    page.goto(site_url + "modules/02-identification-obstacles/")
    assert answer_attempt(page, "kc-02-identification")["passed"] is True
    submit(page, "kc-02-identification")
    page.goto(site_url + "practice/referral/")
    wait_ready(page, "obs-referral")
    page.locator("[data-observation-optin]").check()
    answer(page, "obs-referral", {**levels("independently"), "notes": NOTE})
    submit(page, "obs-referral")
    expect(page.locator("[data-observation-message]")).to_contain_text("kept on this device")
    page.goto(site_url + "practice/first-interview/")
    wait_ready(page, "obs-first-interview")
    answer(page, "obs-first-interview", {"notes": NOTE})
    submit(page, "obs-first-interview")
    page.goto(site_url + "checklists/cl-referral/")
    page.locator('[data-exercise="cl-referral"] [data-item="consent"] input').check()

    open_record(page, site_url)
    page.locator("[data-record-name]").fill(NAME)
    file = export(page)
    today = date.today().isoformat()
    assert file == {"format": "selfcheck-onboarding-results", "version": 1, "exported": today,
                    "passed": {"kc-02-identification": today}, "refresh": None,
                    "observations": {"obs-referral": [{"date": today, "outcome": "ready"}]}}
    text = json.dumps(file)
    for secret in (NAME, NOTE, "independently", "consent", "ticks", "visited"):
        assert secret not in text


def longer_path(route: Route) -> None:
    """Serve the record page with a path of 20 modules (the site is growing to 18), every title long."""
    response = route.fetch()
    html = response.text()
    found = re.search(r'(<script type="application/json" data-record-data>)(.*?)(</script>)', html, re.DOTALL)
    assert found
    data = json.loads(found.group(2))
    for number in range(len(data["modules"]) + 1, 21):
        data["modules"].append({"page": f"modules/{number}-extra.md", "url": f"modules/{number}-extra/",
                                "title": f"Module {number}: a long title about the work that wraps onto a line",
                                "check": f"kc-{number}-extra"})
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    route.fulfill(response=response, body=html[: found.start(2)] + text + html[found.end(2):])


def test_full_record_of_a_twenty_module_path_prints_on_one_a4_page(first_visit: Page, site_url: str) -> None:
    """The fullest record of a longer path prints on one A4 page: the sheet alone, name, statement, lines to sign.

    Every module is passed with a score and refreshers and every rubric observed; the print shows no site
    chrome and no buttons.
    """
    page = first_visit  # before the service worker controls pages: page.route sees the request
    page.route(re.compile(r".*/record/(index\.html)?$"), longer_path)
    page.goto(site_url + PAGE)
    checks = json.loads(page.locator("[data-record-data]").text_content() or "{}")
    ids = [m["check"] for m in checks["modules"] if m["check"]]
    assert len(ids) == 20
    keep(page, "selfcheck:progress", {"visited": {}, "passed": dict.fromkeys(ids, "2026-11-03")})
    keep(page, "selfcheck:refresh", {"banks": {i: {"passed": "2026-11-02", "best": 0.9375, "box": 3,
                                                    "since": "2026-11-25", "refreshers": 12} for i in ids}})
    for rubric in checks["rubrics"]:
        keep(page, f"selfcheck:observation:{rubric['id']}", {"entries": OUTCOMES * 3})
    open_record(page, site_url)
    expect(page.locator("[data-record-table] tbody tr")).to_have_count(20)
    page.locator("[data-record-name]").fill(NAME)
    page.locator("[data-record-organisation]").fill(ORGANISATION)
    assert pdf_pages(page.pdf(format="A4")) == 1
    page.emulate_media(media="print")
    sheet = page.locator("[data-record-sheet]")
    expect(sheet).to_be_visible()
    expect(sheet).to_contain_text("not an accredited certificate")
    expect(page.locator("[data-record-name]")).to_have_value(NAME)
    for hidden in (".md-header", ".md-sidebar--primary", "h1", "[data-record-export]", "[data-record-print]",
                   ".sc-record-move", "article.md-content__inner > .admonition"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(sheet.locator(".sc-record-sign .sc-line")).to_have_count(5)


def test_the_site_record_prints_on_one_a4_page(page: Page, site_url: str) -> None:
    """The record of the site's own path, with the seeded results, prints to a one-page A4 PDF."""
    seed(page, site_url)
    open_record(page, site_url)
    assert pdf_pages(page.pdf(format="A4")) == 1


def test_rubrics_of_modules_13_and_15_show_under_their_modules(page: Page, site_url: str) -> None:
    """Outcomes kept for the return and sharing rubrics show in the rows of modules 13 and 15, and nowhere else."""
    page.goto(site_url + PAGE)
    keep(page, "selfcheck:observation:obs-return-risk-assessment", {"entries": OUTCOMES})
    keep(page, "selfcheck:observation:obs-sharing-a-case", {"entries": OUTCOMES[:1]})
    open_record(page, site_url)
    rows = {row[1]: row[-1] for row in shown_rows(page)}
    [return_row] = [practice for title, practice in rows.items() if title.startswith("Module 13:")]
    [sharing_row] = [practice for title, practice in rows.items() if title.startswith("Module 15:")]
    assert in_reader_format(page, "Observed practice: a joint risk assessment before a return: Ready to do this "
                            "independently, 2026-11-28", "medium") in return_row
    assert "Observed practice: sharing a case with another service: Not yet" in sharing_row
    elsewhere = [p for title, p in rows.items() if not title.startswith(("Module 13:", "Module 15:"))]
    assert not [p for p in elsewhere if "before a return" in p or "sharing a case" in p]


def test_record_is_linked_from_home_onboarding_and_refresh(page: Page, site_url: str) -> None:
    """The home, onboarding and Refresh pages link to the record page."""
    for path in ("", "onboarding/", "refresh/"):
        page.goto(site_url + path)
        link = page.locator("article a", has_text="My onboarding record").first
        expect(link).to_have_attribute("href", re.compile(r"(\.\./)?record/$"))


def test_record_and_import_dialog_pass_axe_and_keep_focus_in_the_dialog(page: Page, site_url: str) -> None:
    """axe-core finds no violation on the shown record nor in the open dialog, whose safe choice has the focus."""
    seed(page, site_url)
    open_record(page, site_url)
    page.evaluate(AXE_SOURCE)
    assert page.evaluate(RUN_AXE) == []
    choose_file(page, json.dumps({**results_file(), "passed": {"kc-05-planning": "2026-11-15"}}))
    dialog = page.locator("[data-record-dialog]")
    expect(dialog).to_be_visible(timeout=PYTHON)
    cancel = dialog.locator('[data-record-choice="cancel"]')
    expect(cancel).to_be_focused()
    expect(cancel).to_have_css("color", "rgb(255, 255, 255)")  # Material's focus colours, once their transition ends
    assert page.evaluate(RUN_AXE) == []

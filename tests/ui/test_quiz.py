"""Knowledge checks on the built site in Chromium: the drawn attempt, its seed, a new attempt, the result."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from support import answer_attempt, attempt_seed, cli_json, submit, wait_ready

MODULE = "modules/04-first-contact-and-immediate-support/"
BANK = "kc-04-first-contact"
ROOT = f'[data-exercise="{BANK}"]'

SHOWN = """(root) => Array.from(root.querySelectorAll("fieldset[data-item]"))
  .filter((f) => !f.hidden)
  .map((f) => ({ id: f.dataset.item, number: f.querySelector(".sc-number").textContent,
                 options: Array.from(f.querySelectorAll("input")).map((i) => i.value) }))"""


def shown(page: Page) -> list[dict[str, object]]:
    """The questions on screen, in order: id, number and option order."""
    result: list[dict[str, object]] = page.locator(ROOT).evaluate(SHOWN)
    return result


def drawn(seed: int) -> list[dict[str, object]]:
    """What CPython draws for ``seed``, in the same shape as :func:`shown`."""
    attempt = cli_json("draw", BANK, "--seed", str(seed))
    return [{"id": i["id"], "number": f"{i['number']}.", "options": [o["id"] for o in i["options"]]}
            for i in attempt["items"]]


def test_the_page_shows_python_s_drawn_attempt(page: Page, site_url: str) -> None:
    """Once ready, the page shows exactly the items CPython draws for the attempt's seed, in its option order."""
    page.goto(site_url + MODULE)
    wait_ready(page, BANK)
    seed = attempt_seed(page, BANK)
    attempt = cli_json("draw", BANK, "--seed", str(seed))
    assert shown(page) == drawn(seed)
    assert len(attempt["items"]) == attempt["size"] < attempt["bank_size"]
    expect(page.locator(f"{ROOT} [data-quiz-before]")).to_have_text(attempt["before"])  # shown before answering
    assert "Pass mark: 80%" in attempt["before"]


def test_reload_keeps_the_attempt_and_new_attempt_draws_again(page: Page, site_url: str) -> None:
    """A reload shows the same attempt (seed kept for the visit); "New attempt" draws a different one."""
    page.goto(site_url + MODULE)
    wait_ready(page, BANK)
    seed = attempt_seed(page, BANK)
    first = shown(page)
    page.reload()
    wait_ready(page, BANK)
    assert attempt_seed(page, BANK) == seed and shown(page) == first
    page.locator(f"{ROOT} [data-quiz-new]").click()
    page.wait_for_function(f"() => document.querySelector('{ROOT}').dataset.quizAttempt !== '{seed}' && "
                           f"document.querySelector('{ROOT}').dataset.quizAttempt !== undefined")
    again = attempt_seed(page, BANK)
    assert again != seed and shown(page) == drawn(again) != first
    assert page.evaluate("document.activeElement.dataset.quizBefore") == ""


def test_a_scored_attempt_shows_the_pass_mark_the_feedback_and_what_to_re_read(page: Page, site_url: str) -> None:
    """A wrong attempt is scored as CPython scores it: pass mark, per-option feedback, and links to the sections."""
    page.goto(site_url + MODULE)
    expected = answer_attempt(page, BANK, right=False)
    result = submit(page, BANK)
    assert result.locator(".sc-summary").inner_text() == expected["summary"]
    assert "The pass mark is 80%" in expected["summary"]
    notes = result.locator(".sc-fb-notes li").all_inner_texts()
    assert notes == [note for item in expected["items"] for note in item["notes"]]
    links = result.locator(".sc-review a")
    assert links.all_inner_texts() == [entry["text"] for entry in expected["review"]]
    for link, entry in zip(links.all(), expected["review"], strict=True):
        href = link.get_attribute("href") or ""
        assert href == site_url + entry["href"]
        anchor = entry["href"].split("#", 1)[1]
        assert page.locator(f"#{anchor}").count() == 1, f"no heading #{anchor} on the module page"


def test_the_bank_is_readable_without_javascript(browser: Browser, site_url: str) -> None:
    """Without JavaScript the whole bank is on the page, in published order, with how attempts are drawn."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + MODULE)
    described = cli_json("describe", BANK)
    ids = page.locator(f"{ROOT} fieldset[data-item]").evaluate_all("fs => fs.map((f) => f.dataset.item)")
    assert ids == [i["id"] for i in described["items"]]
    assert all(f.is_visible() for f in page.locator(f"{ROOT} fieldset[data-item]").all())
    expect(page.locator(f"{ROOT} [data-exercise-rules]")).to_have_text(" ".join(described["rules"]))
    context.close()

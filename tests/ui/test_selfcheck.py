"""web/selfcheck.js on a phone (390×844, touch): every exercise kind, its messages and results, the engine's first load.

Each kind is opened once in the session's phone context: answers that need fixing first (where a
reader can give such answers), then the form completed by tapping and typing, then the result.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from support import cli_json, wait_ready
from tests.ui.conftest import PHONE

#: One page per exercise kind: (page, exercise id, answers to fix first or None when none can be wrong).
#: In answers: "" leaves the form empty, a dict of item id → value fills those items only.
KINDS: dict[str, tuple[str, str, dict[str, str] | None]] = {
    "checklist": ("checklists/cl-referral/", "cl-referral", None),
    "support-plan": ("checklists/cl-support-plan/", "cl-support-plan", None),
    "timeline": ("checklists/cl-social-services-access/", "cl-social-services-access", None),
    "insurance-route": ("checklists/cl-health-insurance/", "cl-health-insurance", {"days-abroad": "-5"}),
    "cbi": ("wellbeing/cbi/", "cbi", {}),
    "reflection": ("wellbeing/burnout-signs/", "burnout-signs", None),
    "plan": ("wellbeing/prevention-plan/", "prevention-plan", {}),
    "distinction-quiz": ("distinction/quiz/", "scenarios", {}),
    "decision-aid": ("distinction/decision-aid/", "decision-aid", None),
    "observation": ("practice/referral/", "obs-referral", None),
    "quiz": ("modules/02-identification-obstacles/", "kc-02-identification", {}),
}

#: The ids a reader must never see: every id of the definition written with "-" or "_" that is not
#: also words of the page or of the definition's own text, such as "self-assessment" in a title
#: (read before any message or result is shown).
INTERNAL_IDS = """root => {
  const ids = new Set();
  const strings = [];
  const walk = (value) => {
    if (typeof value === "string") strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        if (key === "id" && typeof inner === "string") ids.add(inner);
        else walk(inner);
      }
    }
  };
  walk(JSON.parse(root.querySelector("script[data-exercise-definition]").textContent));
  const words = [document.querySelector(".md-content").innerText, ...strings.filter((s) => !ids.has(s))]
    .join(" ").toLowerCase();
  return [...ids].filter((id) => /[-_]/.test(id) && !words.includes(id.toLowerCase()));
}"""
QUOTED_ID = re.compile(r"'[a-z0-9]+(?:[-_][a-z0-9]+)+'")

#: Where a node is: inside the viewport, below the sticky header, and focused.
PLACE = """node => {
  const box = node.getBoundingClientRect();
  const header = document.querySelector(".md-header");
  return { top: box.top, header: header ? header.getBoundingClientRect().bottom : 0, height: innerHeight,
           focused: document.activeElement === node };
}"""


def assert_in_view_and_focused(node: Locator) -> None:
    """The node starts on screen below the header (not hidden under it) and has the focus."""
    place = node.evaluate(PLACE)
    assert place["focused"], "focus did not move to it"
    assert place["header"] - 1 <= place["top"] < place["height"] - 40, place


def assert_no_internal_id(text: str, ids: list[str]) -> None:
    """No id of the definition, and nothing that looks like a quoted id, in words a reader sees."""
    assert [i for i in ids if i in text] == [], text
    assert QUOTED_ID.search(text) is None, text


def submit(root: Locator) -> str:
    """Tap "Check" and wait for this check's outcome ("result" or "error"), shown after selfcheck's reply."""
    # wrapped in an object: a handle to a bare promise would wait for it here, before the tap
    reply = root.evaluate_handle("r => ({ p: new Promise(done => r.addEventListener('selfcheck:result', "
                                 "() => done(true), {once: true})) })")
    root.locator('button[type="submit"]').tap()
    root.evaluate("(r, reply) => reply.p", reply)
    return root.locator("[data-exercise-result]").get_attribute("data-outcome") or ""


def complete(page: Page, root: Locator, ending: dict[str, str] | None = None) -> None:
    """Answer every question shown by tapping its first option (``ending``: item id → "last" for the last one).

    Text boxes get a few words and numbers a plausible value; dates already filled in are left.
    """
    for item in root.locator("form [data-item]").all():
        if not item.is_visible():
            continue
        kind = item.get_attribute("data-type")
        ident = item.get_attribute("data-item") or ""
        if kind in ("single", "multiple"):
            options = item.locator("input")
            choice = options.last if (ending or {}).get(ident) == "last" else options.first
            choice.tap()
        elif kind == "check":
            item.locator("input").tap()
        elif kind == "number":
            item.locator("input").fill("200")
        elif kind == "date":
            box = item.locator("input")
            if not box.input_value():
                box.fill((date.today() + timedelta(days=30)).isoformat())  # a check-in date to come
        else:
            item.locator("textarea, input").first.fill("A few words")
    page.keyboard.press("Escape")  # no open picker over the button


def check_problems(page: Page, root: Locator, ids: list[str]) -> None:
    """The error summary: at the top of the form, in view and focused, one link per problem to its question.

    Every message placed by a question sits inside that question, before its answers, and the
    summary's link for it leads to a control of the same question; tapping the link focuses it.
    """
    summary = root.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert summary.evaluate("s => s.parentElement.matches('form') && s === s.parentElement.firstElementChild")
    assert_in_view_and_focused(summary)
    links = summary.locator("a")
    assert links.count() >= 1
    assert_no_internal_id(summary.inner_text(), ids)
    messages = root.locator("[data-error-message]")
    for number in range(messages.count()):
        message = messages.nth(number)
        assert_no_internal_id(message.inner_text(), ids)
        placed = message.evaluate("""m => {
          const item = m.closest("[data-item]");
          const first = item.querySelector("input, textarea, select");
          const control = item.querySelector("input:not([type=hidden]), textarea, select") || item;
          const link = Array.from(document.querySelectorAll("[data-error-summary] a"))
            .find((a) => a.getAttribute("href") === "#" + control.id);
          return { before: !first || Boolean(m.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING),
                   linked: Boolean(link), described: (first && first.closest("fieldset, [data-item]")
                     .matches(".sc-item--error")) };
        }""")
        assert placed == {"before": True, "linked": True, "described": True}
    if messages.count():
        first = messages.first
        item = first.locator("xpath=ancestor::*[@data-item][1]")
        links.first.tap()
        assert item.evaluate("i => i.contains(document.activeElement)"), "the link did not lead to its question"


def check_result(root: Locator, ids: list[str]) -> None:
    """A result is shown, its first part in view and focused, with no problem left and no internal id."""
    region = root.locator("[data-exercise-result]")
    expect(root.locator("[data-error-summary]")).to_have_count(0)
    expect(root.locator("[data-error-message]")).to_have_count(0)
    first = region.locator(".sc-help--first")
    focused = region if first.count() else region.locator("[data-result-summary]")
    assert_in_view_and_focused(focused)
    assert_no_internal_id(region.inner_text(), ids)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_works_on_a_phone(phone: Page, site_url: str, kind: str) -> None:
    """Each kind on a 390×844 touch screen: problems by their questions, then a result in view, no id shown."""
    path, exercise, wrong = KINDS[kind]
    phone.goto(site_url + path)
    root = phone.locator(f'[data-exercise="{exercise}"]')
    wait_ready(phone, exercise)
    ids: list[str] = root.evaluate(INTERNAL_IDS)
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    if wrong is not None:
        for item, value in wrong.items():
            root.locator(f'[data-item="{item}"] input').fill(value)
        assert submit(root) == "error"
        check_problems(phone, root, ids)
    if kind == "distinction-quiz":
        check_each_case_on_its_own(root, ids)
    ending = {f"q{n}": "last" for n in range(7, 20)} if kind == "cbi" else None
    if wrong:
        for item in wrong:
            root.locator(f'[data-item="{item}"] input').fill("")
    complete(phone, root, ending)
    assert submit(root) == "result", root.locator("[data-error-summary], .sc-error").all_inner_texts()
    check_result(root, ids)
    if kind == "cbi":
        check_cbi_bands(phone, root)
    check_clear_and_undo(root)


def check_clear_and_undo(root: Locator) -> None:
    """"Clear answers" clears the form and the result at once, and "Undo" puts every answer back."""
    clear = root.locator('form button[type="reset"]')
    if not clear.count():
        return
    state = "f => Array.from(f.querySelectorAll('input, textarea')).map(c => c.type === 'checkbox' || " \
            "c.type === 'radio' ? c.checked : c.type === 'date' ? '' : c.value)"
    form = root.locator("form")
    before = form.evaluate(state)
    clear.tap()
    expect(root.locator("[data-exercise-result]")).to_be_empty()
    undo = root.locator("[data-undo-button]")
    expect(undo).to_be_visible()
    assert form.evaluate(state) != before
    undo.tap()
    expect(root.locator("[data-undo]")).to_have_text("Put back.")
    assert form.evaluate(state) == before


def check_each_case_on_its_own(root: Locator, ids: list[str]) -> None:
    """The scenario quiz scores a case answered in full even when another case has only one answer.

    That case's missing question gets its message beside it and a link in the summary at the top.
    """
    shown = [item for item in root.locator("form [data-item]").all() if item.is_visible()]
    first_category, first_elements, second_category, second_elements = shown[:4]
    for item in (first_category, first_elements, second_category):
        item.locator("input").first.tap()
    assert submit(root) == "result"
    region = root.locator("[data-exercise-result]")
    assert_in_view_and_focused(region.locator("[data-result-summary]"))
    expect(region.locator(".sc-fb")).to_have_count(2)  # the first case: its category and its elements
    message = second_elements.locator("[data-error-message]")
    expect(message).to_have_count(1)
    expect(root.locator("[data-error-message]")).to_have_count(1)
    prompt = second_elements.locator("legend").inner_text().split(" ", 1)[1]  # the words after its number
    expect(message).to_contain_text(prompt)
    link = root.locator("[data-error-summary] a")
    expect(link).to_have_count(1)
    target = link.get_attribute("href") or ""
    assert second_elements.locator(target).count() == 1
    assert_no_internal_id(message.inner_text() + root.locator("[data-error-summary]").inner_text(), ids)
    root.locator("form").evaluate("f => f.reset()")  # start again from an empty form


def check_cbi_bands(page: Page, root: Locator) -> None:
    """The CBI's meters carry the bands' boundaries from Python, so the colour follows the band in words.

    Personal burnout (every answer "Always") is in the band of 50 or more: past the meter's ``low``,
    so not painted as good; the other two are below 50, in the optimum region. Help comes first,
    because question 4 was answered "Always".
    """
    answers = {f"q{n}": ("always" if n <= 6 else "never" if n in (10, 11, 12, 13, 18, 19) else "very-low")
               for n in range(1, 20)}
    expected = cli_json("score", "cbi", "-", stdin=json.dumps(answers))
    meters = root.locator("[data-exercise-result] meter")
    expect(meters).to_have_count(3)
    shown = meters.evaluate_all("ms => ms.map(m => ({min: m.min, max: m.max, low: m.low, high: m.high, "
                                "optimum: m.optimum, value: m.value}))")
    bands = root.locator("[data-exercise-result] .sc-band").all_inner_texts()
    assert bands == [scale["band_line"] for scale in expected["scales"]]
    for meter, scale in zip(shown, expected["scales"], strict=True):
        assert meter == {**scale["meter"], "value": scale["score"]}
        good = meter["value"] <= meter["low"]  # the optimum region: optimum lies below low
        assert meter["optimum"] < meter["low"] and good == (scale["score"] < 50), (meter, scale["score"])
    assert [s["score"] >= 50 for s in expected["scales"]] == [True, False, False]
    region = root.locator("[data-exercise-result]")
    expect(region.locator(":scope > .sc-help--first")).to_contain_text("question 4")
    assert region.evaluate("r => r.firstElementChild.matches('.sc-help--first')")
    expect(region.locator(".sc-sources li")).to_have_count(len(expected["sources"]))
    assert region.inner_text().count("Kristensen") == 1, "the citation is given once, under Sources"


def test_first_load_shows_the_size_and_progress_when_slow(browser: Browser, site_url: str) -> None:
    """On a slow first visit (throttled to 4 Mbit/s) the status line says what is downloading.

    It gives the size to download once and that the exercises then work offline, with a progress
    bar that moves; answering is possible meanwhile.
    """
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 100,
                                                      "downloadThroughput": 500_000, "uploadThroughput": 125_000})
        page.goto(site_url + "checklists/cl-referral/", wait_until="commit")
        root = page.locator('[data-exercise="cl-referral"]')
        bar = root.locator("progress[data-exercise-progress]")
        bar.wait_for(timeout=60_000)
        total = int(bar.get_attribute("max") or "0")
        assert 5_000_000 < total < 40_000_000
        message = root.locator("[data-exercise-message]")
        expect(message).to_contain_text(re.compile(r"Downloading the checking engine, once: [\d.]+ of "
                                                   rf"{total / 1e6:.1f} MB\. After this, the exercises work offline"))
        assert bar.get_attribute("aria-label")
        first = bar.evaluate("b => b.value")
        page.wait_for_function("([b, v]) => b.value > v + 500000", arg=[bar.element_handle(), first], timeout=60_000)
        root.locator('[data-item="consent"] input').tap()  # the form works while the engine arrives
        expect(root.locator('[data-item="consent"] input')).to_be_checked()
        assert root.get_attribute("data-exercise-status") == "loading"
    finally:
        context.close()


def test_save_data_asks_before_downloading_the_engine(browser: Browser, site_url: str) -> None:
    """With the browser asking to save data, nothing of the engine is fetched until the reader says yes.

    The status line gives the size of the one-time download and a button; "Check" meanwhile points
    to that button; a tap on it starts the download (a fresh context: nothing is on the device yet).
    """
    context = browser.new_context(**PHONE)
    try:
        context.add_init_script("Object.defineProperty(navigator.connection, 'saveData', { get: () => true })")
        page = context.new_page()
        runtime: list[str] = []
        context.on("request", lambda request: runtime.append(request.url) if "/assets/pyodide/" in request.url
                   or request.url.endswith(".whl") else None)
        page.goto(site_url + "checklists/cl-referral/")
        root = page.locator('[data-exercise="cl-referral"]')
        button = root.locator("[data-engine-download]")
        expect(button).to_have_text(re.compile(r"Download the checking engine \([\d.]+ MB\)"))
        expect(root.locator("[data-exercise-message]")).to_contain_text("Your browser asks websites to save data")
        assert root.get_attribute("data-exercise-status") == "asking"
        root.locator('button[type="submit"]').tap()
        expect(root.locator("[data-exercise-message]")).to_have_text(
            "To check your answers, first download the checking engine with the button below.")
        assert page.evaluate("() => document.activeElement.matches('[data-engine-download]')")
        assert runtime == [], "the engine was fetched before the reader agreed"
        with context.expect_event("request", lambda request: "/assets/pyodide/" in request.url):
            button.tap()
        expect(button).to_have_count(0)
        expect(root).to_have_attribute("data-exercise-status", re.compile("loading|ready"))
        assert page.evaluate("() => document.activeElement.matches('[data-exercise-message]')")
    finally:
        context.close()


def test_result_links_stay_in_the_pages_edition(phone: Page, site_url: str) -> None:
    """On a Romanian page, the links in Python's result (the decision aid's referral routes) open Romanian pages."""
    phone.goto(site_url + "ro/distinction/decision-aid/")
    root = phone.locator('[data-exercise="decision-aid"]')
    wait_ready(phone, "decision-aid")
    assert submit(root) == "result"
    links = root.locator("[data-exercise-result] .sc-fb-links a")
    expect(links).to_have_count(4)
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    assert all(href.startswith(site_url + "ro/countries/") for href in hrefs), hrefs

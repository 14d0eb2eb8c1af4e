"""web/page.js on a phone (390×844, touch): wide tables scroll in a box with a hint; abbreviations open on tap."""

from __future__ import annotations

from playwright.sync_api import Page, expect

#: Every table box of the page: whether it is wider than itself, its hint (shown or not) and its role.
TABLES = """() => Array.from(document.querySelectorAll('.md-content .md-typeset__scrollwrap')).map(box => {
  const hint = box.previousElementSibling && box.previousElementSibling.matches('[data-table-hint]')
    ? box.previousElementSibling : null;
  return { wide: box.scrollWidth > box.clientWidth + 1, hint: hint && !hint.hidden ? hint.textContent : null,
           role: box.getAttribute('role'), tabindex: box.getAttribute('tabindex'),
           labelled: hint !== null && box.getAttribute('aria-labelledby') === hint.id };
})"""


def test_wide_tables_scroll_inside_a_box_with_a_hint(phone: Page, site_url: str) -> None:
    """On a phone the onboarding page's wide tables scroll inside a box, each with a hint.

    Each box is a keyboard-scrollable region named by its hint, and the page itself does not scroll
    sideways; at laptop width the same tables fit and the hints go.
    """
    phone.goto(site_url + "onboarding/")
    phone.locator("[data-table-hint]").first.wait_for()
    tables = phone.evaluate(TABLES)
    assert tables and all(t["wide"] for t in tables)
    for table in tables:
        assert table["hint"] and "scroll sideways" in table["hint"]
        assert table["role"] == "region" and table["tabindex"] == "0" and table["labelled"]
    assert phone.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    phone.set_viewport_size({"width": 1366, "height": 768})  # a laptop: the same tables fit, the hints go
    phone.wait_for_function("() => !document.querySelector('[data-table-hint]:not([hidden])')")
    assert not any(t["role"] for t in phone.evaluate(TABLES))
    phone.set_viewport_size({"width": 390, "height": 844})


def test_abbreviation_shows_its_meaning_on_tap_with_a_glossary_link(phone: Page, site_url: str) -> None:
    """A tap on "SOP" opens its meaning under the word, inside the screen, with a glossary link.

    A tap elsewhere closes it; the link lands on the term's own heading.
    """
    phone.goto(site_url + "modules/07-long-term-psychological-support/")
    abbr = phone.locator(".md-content abbr.sc-abbr", has_text="SOP").first
    abbr.tap()
    tip = phone.locator("[data-toggletip]")
    expect(tip).to_have_count(1)
    expect(tip).to_contain_text("SOP: Standard operating procedure")
    box = tip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert abbr.get_attribute("aria-expanded") == "true"
    phone.locator("h1").tap()
    expect(tip).to_have_count(0)
    abbr.tap()
    tip.locator("a").tap()
    expect(phone.locator("h2#sop")).to_be_in_viewport()
    assert phone.evaluate("() => location.pathname + location.hash").endswith("/glossary/#sop")


def test_abbreviation_links_to_the_glossary_of_the_pages_edition(phone: Page, site_url: str) -> None:
    """On a Romanian page, "POS" (the SOP) links to the Romanian glossary's entry of the SOP."""
    phone.goto(site_url + "ro/modules/07-long-term-psychological-support/")
    phone.locator(".md-content abbr.sc-abbr", has_text="POS").first.tap()
    link = phone.locator("[data-toggletip] a")
    expect(link).to_have_attribute("href", site_url + "ro/glossary/#sop")
    link.tap()
    expect(phone.locator("h2#sop")).to_be_in_viewport()

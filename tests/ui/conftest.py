"""Browser-test fixtures: build the real site once, serve it on 127.0.0.1, drive Debian's Chromium.

The site comes from the ``built_site`` fixture of ``tests/conftest.py`` (one
build per test session, shared with the non-browser checks of the built site).
Chromium is launched with flags that keep its own background traffic on the
machine; every test also records requests so none may leave 127.0.0.1.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request

from scripts.bench import ARGS, CHROMIUM
from scripts.serve import serving
from tests.ui.crawl import Visit, crawl


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/ui as a browser test."""
    for item in items:
        if "/ui/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright launch options: Debian's Chromium with offline-safe flags."""
    if not Path(CHROMIUM).exists():
        pytest.exit("Chromium is missing: run 'make test' as root, or 'sudo apt-get install -y chromium'", returncode=2)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGS}  # the benchmark's flags


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (ending in '/') of the built site served on 127.0.0.1."""
    with serving(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def desktop_context(browser: Browser) -> Iterator[BrowserContext]:
    """One desktop browser for the session, as a reader's browser going from page to page.

    Its HTTP cache, the service worker's offline copy and the engine's warm-start snapshot are
    shared by the tests: a cold start of Python costs each test about four seconds of CPU. Tests
    about a first visit (nothing on the device yet) take ``first_visit`` instead.
    """
    context = browser.new_context()
    origins: set[str] = set()
    context.on("request", lambda request: origins.add(_origin(request.url)))
    ORIGINS[context] = origins
    yield context
    context.close()


#: The origins each shared context has sent requests to: their localStorage is emptied between tests.
ORIGINS: dict[BrowserContext, set[str]] = {}


def _origin(url: str) -> str:
    """scheme://host:port of an http(s) URL ('' for data:, blob: and the like)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


@pytest.fixture()
def context(desktop_context: BrowserContext) -> Iterator[BrowserContext]:
    """pytest-playwright's per-test context, replaced by the session's desktop context, reset around the test.

    Before and after: the site's localStorage emptied (sessionStorage belongs to the test's own new
    page); after: every page closed, online again, no routes, no granted permissions.
    """
    _clear_storage(desktop_context)
    yield desktop_context
    for page in desktop_context.pages:
        page.close()
    desktop_context.set_offline(False)
    desktop_context.unroute_all(behavior="ignoreErrors")
    desktop_context.clear_permissions()
    _clear_storage(desktop_context)


def _clear_storage(context: BrowserContext) -> None:
    """Empty localStorage and IndexedDB of each origin ``context`` visited; Cache Storage and service workers stay."""
    page = context.new_page()
    try:
        skew = abs(page.evaluate("Date.now()") / 1000 - time.time())
        assert skew < 3600, "a test mocked the shared context's clock (page.clock): give it first_visit instead"
        cdp = context.new_cdp_session(page)
        for origin in sorted(ORIGINS.get(context, set()) - {""}):
            cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "local_storage,indexeddb"})
        cdp.detach()
    finally:
        page.close()


@pytest.fixture()
def first_visit(browser: Browser) -> Iterator[Page]:
    """A page in a new, empty browser context: a reader's first visit (no cache, no offline copy, no snapshot)."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def visits(browser: Browser, site_url: str, built_site: Path) -> dict[str, Visit]:
    """Every page the per-page checks cover, each visited once (``tests/ui/crawl.py``), by path."""
    from tests.ui.test_pages import sample_pages, site_pages

    return crawl(browser, site_url, site_pages(built_site), contrast=sample_pages(built_site))


class Watch:
    """What a page did: every request URL, console errors and uncaught page errors.

    ``requests`` holds every request of the context (page, its workers and the service worker);
    ``page_requests`` only those the page and its workers made (not the service worker's
    background copy of the site).
    """

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.page_requests: list[str] = []
        self.errors: list[str] = []

    def foreign(self, base: str) -> list[str]:
        """Requests that went anywhere but the served origin (data: and blob: URLs are local)."""
        return [url for url in self.requests if not url.startswith((base, "data:", "blob:"))]


@pytest.fixture()
def watch(page: Page) -> Iterator[Watch]:
    """Record requests (page and workers) and console/page errors of the test's page."""
    seen = Watch()

    def on_request(request: Request) -> None:
        seen.requests.append(request.url)
        if request.service_worker is None:
            seen.page_requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.errors.append(message.text)

    page.context.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    yield seen
    page.context.remove_listener("request", on_request)  # the context outlives the test


#: The phone the issue asks every exercise to work on: 390×844 CSS px, touch, mobile viewport rules.
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


@pytest.fixture(scope="session")
def phone_context(browser: Browser) -> Iterator[BrowserContext]:
    """One phone context for the session: its HTTP cache and the engine's warm-start snapshot are shared."""
    context = browser.new_context(**PHONE)
    yield context
    context.close()


@pytest.fixture()
def phone(phone_context: BrowserContext, site_url: str) -> Iterator[Page]:
    """A new page in the phone context, with this site's storage emptied before and after the test."""
    page = phone_context.new_page()
    clear = "() => { localStorage.clear(); sessionStorage.clear(); }"
    page.goto(site_url + "404.html")
    page.evaluate(clear)
    yield page
    page.on("dialog", lambda dialog: dialog.accept())  # a "leave this page?" question must not block closing
    if page.url.startswith(site_url):
        page.evaluate(clear)
    page.close()

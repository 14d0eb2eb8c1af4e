"""scripts.search: pages start the theme's search through the wrapper worker, and indexes are plain UTF-8."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts import search

THEME = "search.a7633da7.min.js"
CONFIG = ('{"base": "%(base)s", "features": [], "search": "%(worker)s", '
          '"translations": {"search.result.placeholder": "Type \\u003cto\\u003e start"}}')
PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<script id="__config" type="application/json">%(config)s</script>
<script src="%(base)s/assets/javascripts/bundle.js"></script></body></html>"""


def site_with(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A fake built site: the theme's search worker at the root and in ro/, and ``pages`` (path -> worker address)."""
    for edition in ("", "ro/"):
        worker = tmp_path / edition / search.WORKERS / THEME
        worker.parent.mkdir(parents=True, exist_ok=True)
        worker.write_text("/* the theme's worker */", encoding="utf-8")
    for relative, address in pages.items():
        base = "/" if address.startswith("/") else ".."
        page = tmp_path / relative
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(PAGE % {"base": base, "config": CONFIG % {"base": base, "worker": address}}, encoding="utf-8")
    return tmp_path


def config_of(page: Path) -> str:
    """The text of a page's theme config."""
    html = page.read_text(encoding="utf-8")
    start = html.index('type="application/json">') + len('type="application/json">')
    return html[start: html.index("</script>", start)]


def test_every_theme_worker_gets_a_wrapper_that_loads_it(tmp_path: Path) -> None:
    """The wrapper is written next to each edition's theme worker and imports it by name, relative to itself."""
    site = site_with(tmp_path, {})
    assert [p.relative_to(site).as_posix() for p in search.wrap_workers(site)] == [
        f"{search.WORKERS}/{THEME}", f"ro/{search.WORKERS}/{THEME}"]
    for edition in ("", "ro/"):
        wrapper = (site / edition / search.WORKERS / search.WRAPPER).read_text(encoding="utf-8")
        assert f'importScripts("{THEME}")' in wrapper
        assert search.PLACEHOLDER not in wrapper


def test_pages_point_at_the_wrapper_and_nothing_else_changes(tmp_path: Path) -> None:
    """Relative and absolute (404 page) addresses are rewritten; the rest of the config stays byte for byte."""
    site = site_with(tmp_path, {
        "modules/a/index.html": f"../../{search.WORKERS}/{THEME}",
        "ro/404.html": f"/ro/{search.WORKERS}/{THEME}",
        "plain.html": "",
    })
    (site / "plain.html").write_text("<!doctype html><p>No theme config here.</p>", encoding="utf-8")
    before = {p: config_of(site / p) for p in ("modules/a/index.html", "ro/404.html")}
    assert search.defer(site)[0] == 2
    for relative, old in before.items():
        new = config_of(site / relative)
        assert json.loads(new)["search"].endswith(f"{search.WORKERS}/{search.WRAPPER}")
        assert new == old.replace(THEME, search.WRAPPER)  # the escaped translations too
    assert json.loads(config_of(site / "ro/404.html"))["search"] == f"/ro/{search.WORKERS}/{search.WRAPPER}"
    assert (site / "plain.html").read_text(encoding="utf-8") == "<!doctype html><p>No theme config here.</p>"
    assert search.defer(site)[0] == 2  # a second run finds them pointed already
    assert config_of(site / "modules/a/index.html") == before["modules/a/index.html"].replace(THEME, search.WRAPPER)


def test_an_unknown_search_worker_fails_the_build_naming_the_page(tmp_path: Path) -> None:
    """A config naming a worker that is not the theme's (a new theme release, say) stops the build."""
    site = site_with(tmp_path, {"index.html": f"{search.WORKERS}/search.0000.min.js"})
    with pytest.raises(search.SearchError, match=r"index\.html: .*search\.0000\.min\.js"):
        search.defer(site)


def test_a_config_without_a_search_address_fails_the_build(tmp_path: Path) -> None:
    """A theme config with no search address is reported with its page."""
    site = site_with(tmp_path, {})
    page = site / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<script id="__config" type="application/json">{"base": ".."}</script>', encoding="utf-8")
    with pytest.raises(search.SearchError, match=r"a/index\.html: .*no search worker address"):
        search.defer(site)


def test_indexes_are_rewritten_as_utf8_with_the_same_value(tmp_path: Path) -> None:
    """An index written with escapes becomes smaller UTF-8 with the same JSON value; a compact one is left."""
    index = tmp_path / "bg" / "search" / "search_index.json"
    index.parent.mkdir(parents=True)
    value = {"config": {"lang": ["ru"]}, "docs": [{"location": "", "title": "Подкрепа", "text": "Жертва — лице"}]}
    index.write_text(json.dumps(value, indent=1), encoding="utf-8")  # ensure_ascii: \u041f...
    before = index.stat().st_size
    saved = search.compact_index(index)
    assert saved == before - index.stat().st_size > 0
    assert json.loads(index.read_bytes()) == value
    assert "Подкрепа" in index.read_text(encoding="utf-8")
    assert search.compact_index(index) == 0  # already as small as it gets: left as it is

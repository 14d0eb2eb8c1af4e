"""scripts.offline: the service worker gets this build's version and the right file lists."""

from __future__ import annotations

import json
from pathlib import Path

from scripts import editions, offline, paths


def make_site(root: Path) -> Path:
    """A tiny built site: two pages, a stylesheet, a source map, our script, a Pyodide file and a wheel."""
    files = {
        "index.html": "home",
        "404.html": "not found",
        "modules/a/index.html": "module",
        "assets/site.css": "css",
        "assets/site.js.map": "map",
        "assets/javascripts/lunr/min/lunr.ro.min.js": "stemmer",
        "assets/selfcheck/selfcheck.js": "adapter",
        "assets/pyodide/1.0/pyodide.asm.wasm": "wasm",
        "assets/selfcheck/wheels/abc/selfcheck.whl": "wheel",
        "sitemap.xml": "<urlset/>",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def add_edition(site: Path, code: str, lang: str) -> None:
    """A second edition in ``site/<code>/``: its pages, its 404 page, a search index in ``lang``, two stemmers."""
    files = {
        "index.html": f"home {code}",
        "404.html": "not found",
        "modules/a/index.html": f"module {code}",
        "search/search_index.json": json.dumps({"config": {"lang": [lang]}, "docs": []}),
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js": "support",
        "assets/javascripts/lunr/min/lunr.ro.min.js": "ro stemmer",
        "assets/javascripts/lunr/min/lunr.de.min.js": "de stemmer",
        "sitemap.xml": "<urlset/>",
    }
    for name, text in files.items():
        (site / code / name).parent.mkdir(parents=True, exist_ok=True)
        (site / code / name).write_text(text, encoding="utf-8")


def test_url_of_gives_directory_urls() -> None:
    """index.html files are addressed as their folder; other files as themselves."""
    assert offline.url_of("index.html") == "./"
    assert offline.url_of("modules/a/index.html") == "modules/a/"
    assert offline.url_of("assets/site.css") == "assets/site.css"


def test_lists_split_site_and_runtime(tmp_path: Path) -> None:
    """Pages and assets go by edition, our scripts are shared, Pyodide and the wheel are runtime files.

    Source maps, sitemaps and English search stemmers are in no list.
    """
    lists = offline.survey(make_site(tmp_path))
    assert lists.editions == {"": ["404.html", "assets/site.css", "./", "modules/a/"]}
    assert lists.shared == ["assets/selfcheck/selfcheck.js"]
    assert lists.runtime == ["assets/pyodide/1.0/pyodide.asm.wasm", "assets/selfcheck/wheels/abc/selfcheck.whl"]
    assert len(lists.version) == 12


def test_every_edition_has_its_own_list_with_its_stemmers(tmp_path: Path) -> None:
    """A folder with its own 404 page is an edition: its files are listed apart, with its search stemmers only."""
    site = make_site(tmp_path)
    add_edition(site, "ro", "ro")
    (site / "notes").mkdir()
    (site / "notes" / "index.html").write_text("a page, not an edition", encoding="utf-8")
    lists = offline.survey(site)
    assert sorted(lists.editions) == ["", "ro/"]
    assert lists.editions["ro/"] == [
        "ro/404.html", "ro/assets/javascripts/lunr/min/lunr.ro.min.js",
        "ro/assets/javascripts/lunr/min/lunr.stemmer.support.min.js", "ro/", "ro/modules/a/",
        "ro/search/search_index.json",
    ]
    assert "notes/" in lists.editions[""]
    assert lists.shared == ["assets/selfcheck/selfcheck.js"]  # once, at the root, for every edition


def test_version_changes_with_any_file(tmp_path: Path) -> None:
    """Changing one byte of a page gives a new version (a new cache name), writing fills the template."""
    site = make_site(tmp_path)
    first = offline.write(site)
    (site / "modules/a/index.html").write_text("module!", encoding="utf-8")
    second = offline.write(site)
    assert first != second
    text = (site / "sw.js").read_text(encoding="utf-8")
    assert f'const VERSION = "{second}";' in text and '"modules/a/"' in text
    assert offline.survey(site).version == second  # sw.js itself is not part of the version


def test_sizes_are_written_for_every_listed_file(tmp_path: Path) -> None:
    """sw.js maps every listed URL to the file's size in bytes (the About page's progress)."""
    site = make_site(tmp_path)
    add_edition(site, "bg", "ru")
    offline.write(site)
    text = (site / "sw.js").read_text(encoding="utf-8")
    sizes = json.loads(text.split("const SIZES = ", 1)[1].split(";\n", 1)[0])
    editions = json.loads(text.split("const EDITIONS = ", 1)[1].split(";", 1)[0])
    lists = offline.survey(site)
    assert editions == lists.editions
    listed = lists.shared + lists.runtime + [url for urls in lists.editions.values() for url in urls]
    assert sorted(sizes) == sorted(listed)
    assert sizes["modules/a/"] == len("module") and sizes["assets/pyodide/1.0/pyodide.asm.wasm"] == len("wasm")
    assert not [url for url in listed if "lunr.ro" in url]  # a Russian-stemmed edition needs no Romanian stemmer


def test_status_fragment_for_the_about_page(tmp_path: Path) -> None:
    """The {{ offline-status }} fragment says "no" without JavaScript, with its button hidden until offline.js runs."""
    path = offline.write_status(tmp_path / "fragments")
    assert path == tmp_path / "fragments" / "offline-status.html"
    html = path.read_text(encoding="utf-8")
    assert '<span data-offline-state>no</span>' in html
    assert "data-offline-make hidden>Make everything available offline</button>" in html
    assert "<progress" in html and 'data-offline-progress hidden' in html
    assert "{{ offline-status }}" in (paths.DOCS / "about.md").read_text(encoding="utf-8")


def test_status_fragment_in_the_editions_words(tmp_path: Path) -> None:
    """Another edition's status says "no" and names its button in that language (Bulgarian here)."""
    bulgarian = editions.load_ui("bg", paths.I18N, editions.base_config(paths.CONFIG)["nav"])
    html = offline.write_status(tmp_path / "fragments", bulgarian).read_text(encoding="utf-8")
    assert "<strong>Достъпно без връзка:</strong> <span data-offline-state>не</span>." in html
    assert "data-offline-make hidden>Направете всичко достъпно без връзка</button>" in html

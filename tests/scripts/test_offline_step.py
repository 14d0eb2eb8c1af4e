"""scripts.offline: the service worker gets this build's version and the right file lists."""

from __future__ import annotations

import json
from pathlib import Path

from scripts import offline, paths


def make_site(root: Path) -> Path:
    """A tiny built site: two pages, a stylesheet, a source map, a Pyodide file and a wheel."""
    files = {
        "index.html": "home",
        "modules/a/index.html": "module",
        "assets/site.css": "css",
        "assets/site.js.map": "map",
        "assets/pyodide/1.0/pyodide.asm.wasm": "wasm",
        "assets/selfcheck/wheels/abc/selfcheck.whl": "wheel",
        "sitemap.xml": "<urlset/>",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_url_of_gives_directory_urls() -> None:
    """index.html files are addressed as their folder; other files as themselves."""
    assert offline.url_of("index.html") == "./"
    assert offline.url_of("modules/a/index.html") == "modules/a/"
    assert offline.url_of("assets/site.css") == "assets/site.css"


def test_lists_split_site_and_runtime(tmp_path: Path) -> None:
    """Pages and assets are precached; Pyodide and the wheel are runtime files; maps and sitemaps neither."""
    precache, runtime, version = offline.file_lists(make_site(tmp_path))
    assert precache == ["assets/site.css", "./", "modules/a/"]
    assert runtime == ["assets/pyodide/1.0/pyodide.asm.wasm", "assets/selfcheck/wheels/abc/selfcheck.whl"]
    assert len(version) == 12


def test_version_changes_with_any_file(tmp_path: Path) -> None:
    """Changing one byte of a page gives a new version (a new cache name), writing fills the template."""
    site = make_site(tmp_path)
    first = offline.write(site)
    (site / "modules/a/index.html").write_text("module!", encoding="utf-8")
    second = offline.write(site)
    assert first != second
    text = (site / "sw.js").read_text(encoding="utf-8")
    assert f'const VERSION = "{second}";' in text and '"modules/a/"' in text
    assert offline.file_lists(site)[2] == second  # sw.js itself is not part of the version


def test_sizes_are_written_for_every_listed_file(tmp_path: Path) -> None:
    """sw.js maps every precached and runtime URL to the file's size in bytes (the About page's progress)."""
    site = make_site(tmp_path)
    offline.write(site)
    text = (site / "sw.js").read_text(encoding="utf-8")
    sizes = json.loads(text.split("const SIZES = ", 1)[1].split(";\n", 1)[0])
    precache, runtime, _ = offline.file_lists(site)
    assert sorted(sizes) == sorted(precache + runtime)
    assert sizes["modules/a/"] == len("module") and sizes["assets/pyodide/1.0/pyodide.asm.wasm"] == len("wasm")


def test_status_fragment_for_the_about_page(tmp_path: Path) -> None:
    """The {{ offline-status }} fragment says "no" without JavaScript, with its button hidden until offline.js runs."""
    path = offline.write_status(tmp_path / "fragments")
    assert path == tmp_path / "fragments" / "offline-status.html"
    html = path.read_text(encoding="utf-8")
    assert '<span data-offline-state>no</span>' in html
    assert "data-offline-make hidden>Make everything available offline</button>" in html
    assert "<progress" in html and 'data-offline-progress hidden' in html
    assert "{{ offline-status }}" in (paths.DOCS / "about.md").read_text(encoding="utf-8")

"""Build step: write the service worker (``site/sw.js``) with this build's version and file lists.

The worker template is ``web/sw/sw.js``. One worker, at the site's root, covers every edition. Its
lists: the shared files (our JavaScript at the root, which every edition loads), each edition's
pages and assets (by the edition's folder: ``""`` for the edition at the root, ``"ro/"`` …) and the
runtime (the Pyodide files and the selfcheck wheel, also shared). The worker keeps the shared files
and the pages of the editions a reader opens (not every edition's: a Romanian reader does not need
the Bulgarian pages offline), and copies the runtime in the background after the first page has
loaded (``web/offline.js`` asks it to, unless the browser asks to save data). Each file's size goes
in too, so the About page can show progress. The version is a hash of everything listed, so any
change to the site gives a new cache name.

The About page's offline status (``{{ offline-status }}``) is written here as a fragment;
``web/offline.js`` fills it in.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from . import paths
from .editions import Interface, english_ui

TEMPLATE = paths.WEB / "sw" / "sw.js"
SKIP = {"sw.js", "sitemap.xml", "sitemap.xml.gz"}
#: Search stemmers: an edition needs only those of its search language(s) (none for English).
LUNR = "assets/javascripts/lunr/"
LUNR_SUPPORT = ("min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js")


def url_of(relative: str) -> str:
    """The URL a reader uses for a built file: directory URLs for pages (``modules/x/``, ``./``)."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


@dataclass
class Lists:
    """What the worker may store: shared files, each edition's files, runtime files; sizes; the version."""

    shared: list[str] = field(default_factory=list)
    editions: dict[str, list[str]] = field(default_factory=dict)
    runtime: list[str] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)
    version: str = ""


def edition_prefixes(site: Path) -> list[str]:
    """The editions of a built site by folder: ``""`` (the root), then every folder with its own 404 page."""
    found = [""]
    if site.is_dir():
        found += sorted(f"{p.name}/" for p in site.iterdir()
                        if p.is_dir() and len(p.name) in (2, 3) and p.name.isalpha() and (p / "404.html").is_file())
    return found


def search_languages(root: Path) -> list[str]:
    """The languages of an edition's search index (Material writes them into its config)."""
    index = root / "search" / "search_index.json"
    if not index.is_file():
        return ["en"]
    langs = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", ["en"])
    return [str(lang) for lang in langs]


def needed_stemmers(langs: list[str]) -> set[str]:
    """The files under ``lunr/`` that a search in ``langs`` loads (none for English alone)."""
    others = [lang for lang in langs if lang != "en"]
    if not others:
        return set()
    needed = {LUNR_SUPPORT[0], *(f"min/lunr.{lang}.min.js" for lang in others)}
    return needed | ({LUNR_SUPPORT[1]} if len(langs) > 1 else set())


def survey(site: Path) -> Lists:
    """Every file the worker lists, by kind, with sizes and the build's version."""
    prefixes = edition_prefixes(site)
    stemmers = {prefix: needed_stemmers(search_languages(site / prefix)) for prefix in prefixes}
    lists = Lists(editions={prefix: [] for prefix in prefixes})
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if path.name in SKIP or relative.endswith(".map"):
            continue
        prefix = max((p for p in prefixes if relative.startswith(p)), key=len)
        inside = relative[len(prefix):]
        if inside.startswith(LUNR) and inside[len(LUNR):] not in stemmers[prefix]:
            continue
        url = url_of(relative)
        if relative.startswith((f"{paths.SITE_PYODIDE}/", f"{paths.SITE_SELFCHECK}/wheels/")):
            lists.runtime.append(url)
        elif relative.startswith(f"{paths.SITE_SELFCHECK}/"):
            lists.shared.append(url)
        else:
            lists.editions[prefix].append(url)
        content = path.read_bytes()
        lists.sizes[url] = len(content)
        digest.update(relative.encode("utf-8"))
        digest.update(hashlib.sha256(content).digest())
    lists.version = digest.hexdigest()[:12]
    return lists


def write(site: Path = paths.SITE) -> str:
    """Write ``site/sw.js``; returns the build version."""
    lists = survey(site)
    text = (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("__VERSION__", lists.version)
        .replace("__SHARED__", json.dumps(lists.shared))
        .replace("__EDITIONS__", json.dumps(lists.editions))
        .replace("__RUNTIME_FILES__", json.dumps(lists.runtime))
        .replace("__SIZES__", json.dumps(lists.sizes))
    )
    (site / "sw.js").write_text(text, encoding="utf-8")
    return lists.version


#: The About page's offline status. Without JavaScript there is no offline copy, so it says "no";
#: ``web/offline.js`` shows the real state, the button and the progress (its words: ``[web.selfcheck]``).
STATUS_FRAGMENT = """<div class="sc-offline" data-offline-status>
<p role="status"><strong>{available}</strong> <span data-offline-state>{no}</span>.
<span data-offline-detail>{needs}</span></p>
<p class="sc-actions"><button type="button" class="md-button" data-offline-make hidden>{make}</button></p>
<p class="sc-offline-progress" data-offline-progress hidden>
<progress max="1" value="0" aria-labelledby="sc-offline-progress-text"></progress>
<span id="sc-offline-progress-text" data-offline-progress-text></span></p>
</div>
"""


def status_fragment(ui: Interface | None = None) -> str:
    """The ``{{ offline-status }}`` fragment in the edition's words (English by default)."""
    ui = ui or english_ui()
    return STATUS_FRAGMENT.format(available=escape(ui["offline.available"]), no=escape(ui["web.selfcheck.offline.no"]),
                                  needs=escape(ui["offline.needs"]), make=escape(ui["offline.make"]))


def write_status(out: Path, ui: Interface | None = None) -> Path:
    """Write the ``{{ offline-status }}`` fragment into the fragment folder ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / "offline-status.html"
    target.write_text(status_fragment(ui), encoding="utf-8")
    return target

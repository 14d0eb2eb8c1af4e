"""Build step: write the service worker (``site/sw.js``) with this build's version and file lists.

The worker template is ``web/sw/sw.js``. The precache list holds every page
(as its directory URL) and every asset except the Python runtime; the runtime
list holds the Pyodide files and the selfcheck wheel, which the worker copies
in the background after the first page has loaded (``web/offline.js`` asks it
to, unless the browser asks to save data). Each file's size goes in too, so
the About page can show progress. The version is a hash of everything listed,
so any change to the site gives a new cache name.

The About page's offline status (``{{ offline-status }}``) is written here as
a fragment; ``web/offline.js`` fills it in.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from . import paths

TEMPLATE = paths.WEB / "sw" / "sw.js"
SKIP = {"sw.js", "sitemap.xml", "sitemap.xml.gz"}
#: Search stemmers for other languages (the site is English) are not needed offline.
SKIP_DIRS = ("assets/javascripts/lunr/",)


def url_of(relative: str) -> str:
    """The URL a reader uses for a built file: directory URLs for pages (``modules/x/``, ``./``)."""
    if relative == "index.html":
        return "./"
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def file_lists(site: Path) -> tuple[list[str], list[str], str]:
    """(precache URLs, runtime URLs, version) for the built site."""
    precache, runtime, _sizes, version = _survey(site)
    return precache, runtime, version


def _survey(site: Path) -> tuple[list[str], list[str], dict[str, int], str]:
    """Precache URLs, runtime URLs, every listed file's size in bytes (by URL) and the version."""
    precache, runtime = [], []
    sizes: dict[str, int] = {}
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if relative in SKIP or relative.endswith(".map") or relative.startswith(SKIP_DIRS):
            continue
        is_runtime = relative.startswith((f"{paths.SITE_PYODIDE}/", f"{paths.SITE_SELFCHECK}/wheels/"))
        url = url_of(relative)
        (runtime if is_runtime else precache).append(url)
        content = path.read_bytes()
        sizes[url] = len(content)
        digest.update(relative.encode("utf-8"))
        digest.update(hashlib.sha256(content).digest())
    return precache, runtime, sizes, digest.hexdigest()[:12]


def write(site: Path = paths.SITE) -> str:
    """Write ``site/sw.js``; returns the build version."""
    precache, runtime, sizes, version = _survey(site)
    text = (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("__VERSION__", version)
        .replace("__PRECACHE__", json.dumps(precache))
        .replace("__RUNTIME_FILES__", json.dumps(runtime))
        .replace("__SIZES__", json.dumps(sizes))
    )
    (site / "sw.js").write_text(text, encoding="utf-8")
    return version


#: The About page's offline status. Without JavaScript there is no offline copy, so it says "no";
#: ``web/offline.js`` shows the real state, the button and the progress (its words are in MESSAGES).
STATUS_FRAGMENT = """<div class="sc-offline" data-offline-status>
<p role="status"><strong>Available offline:</strong> <span data-offline-state>no</span>.
<span data-offline-detail>Offline use needs JavaScript and a browser that can keep a copy of the site.</span></p>
<p class="sc-actions"><button type="button" class="md-button" data-offline-make hidden>\
Make everything available offline</button></p>
<p class="sc-offline-progress" data-offline-progress hidden>
<progress max="1" value="0" aria-labelledby="sc-offline-progress-text"></progress>
<span id="sc-offline-progress-text" data-offline-progress-text></span></p>
</div>
"""


def write_status(out: Path) -> Path:
    """Write the ``{{ offline-status }}`` fragment into the fragment folder ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / "offline-status.html"
    target.write_text(STATUS_FRAGMENT, encoding="utf-8")
    return target

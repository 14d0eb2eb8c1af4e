"""Build step: write the service worker (``site/sw.js``) with this build's version and file lists.

The worker template is ``web/sw/sw.js``. The precache list holds every page
(as its directory URL) and every asset except the Python runtime; the runtime
list holds the Pyodide files and the selfcheck wheel, which the worker caches
only when a page with an exercise first loads them. The version is a hash of
everything listed, so any change to the site gives a new cache name.
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
    precache, runtime = [], []
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if relative in SKIP or relative.endswith(".map") or relative.startswith(SKIP_DIRS):
            continue
        is_runtime = relative.startswith((f"{paths.SITE_PYODIDE}/", f"{paths.SITE_SELFCHECK}/wheels/"))
        (runtime if is_runtime else precache).append(url_of(relative))
        digest.update(relative.encode("utf-8"))
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return precache, runtime, digest.hexdigest()[:12]


def write(site: Path = paths.SITE) -> str:
    """Write ``site/sw.js``; returns the build version."""
    precache, runtime, version = file_lists(site)
    text = (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("__VERSION__", version)
        .replace("__PRECACHE__", json.dumps(precache))
        .replace("__RUNTIME_FILES__", json.dumps(runtime))
    )
    (site / "sw.js").write_text(text, encoding="utf-8")
    return version

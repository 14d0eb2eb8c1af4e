r"""Build step: the theme's search builds its index once the page is settled, from a smaller file.

The theme starts its search worker as every page loads, and the worker at once builds a lunr index from
the whole edition's ``search/search_index.json`` (about 0.6 s of one core for the English edition; on
an exercise page, just when Python starts beside it). This step writes ``web/search/worker.js`` next to
the theme's own worker in each edition (``assets/javascripts/workers/``, so the theme's relative paths to
its stemmers still work), with the theme worker's name filled in, and points every page's theme config
(``<script id="__config">``, its ``"search"`` address) at it. The wrapper runs the theme's worker
unchanged and holds the index until the page is settled or the reader opens the search (``web/search.js``).

It also writes each search index as UTF-8 instead of ``\uXXXX`` escapes (the same JSON value): the
Bulgarian index goes from 6.9 MB to 2.6 MB, to download, keep offline and parse.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import paths

TEMPLATE = paths.WEB / "search" / "worker.js"
PLACEHOLDER = "__THEME_SEARCH_WORKER__"
WRAPPER = "search-when-settled.js"
WORKERS = "assets/javascripts/workers"
THEME_WORKER = re.compile(r"search\.[0-9a-f]+\.min\.js")
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


class SearchError(Exception):
    """A page's theme config names a search worker this step does not know."""


def wrap_workers(site: Path) -> list[Path]:
    """Write the wrapper next to every theme search worker of the site; returns the theme workers found."""
    template = TEMPLATE.read_text(encoding="utf-8")
    found = sorted(p for p in site.rglob(f"{WORKERS}/*.js") if THEME_WORKER.fullmatch(p.name))
    for worker in found:
        (worker.parent / WRAPPER).write_text(template.replace(PLACEHOLDER, worker.name), encoding="utf-8")
    return found


def point_page(page: Path, site: Path, known: set[str]) -> bool:
    """Point one page's theme config at the wrapper; returns False for a page without a theme config."""
    html = page.read_text(encoding="utf-8")
    match = CONFIG.search(html)
    if not match:
        return False
    where = page.relative_to(site).as_posix()
    try:
        address = json.loads(match.group(2)).get("search")
    except json.JSONDecodeError as error:
        raise SearchError(f"{where}: the theme config is not JSON ({error})") from error
    if not isinstance(address, str):
        raise SearchError(f"{where}: the theme config has no search worker address")
    name = address.rsplit("/", 1)[-1]
    if name == WRAPPER:
        return True  # done already
    if name not in known:
        raise SearchError(f"{where}: the theme config's search worker {address!r} is not a theme worker of this site")
    old, new = json.dumps(address), json.dumps(address[: -len(name)] + WRAPPER)
    if match.group(2).count(old) != 1:
        raise SearchError(f"{where}: the search worker address appears more than once in the theme config")
    config = match.group(2).replace(old, new)
    page.write_text(html[: match.start(2)] + config + html[match.end(2):], encoding="utf-8")
    return True


def compact_index(index: Path) -> int:
    """Rewrite a search index as UTF-8 without escapes when that is smaller; returns the bytes saved."""
    raw = index.read_bytes()
    text = json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(text) >= len(raw):
        return 0
    index.write_bytes(text)
    return len(raw) - len(text)


def defer(site: Path = paths.SITE) -> tuple[int, int]:
    """Wrap the search workers, point the pages at them, compact the indexes; returns (pages, bytes saved)."""
    known = {worker.name for worker in wrap_workers(site)}
    pages = sum(point_page(page, site, known) for page in sorted(site.rglob("*.html")))
    saved = sum(compact_index(index) for index in sorted(site.rglob("search/search_index.json")))
    return pages, saved

"""Build step: lock the built pages down with a Content-Security-Policy.

MkDocs and Material write a few small inline scripts into every page. This step
moves each one, unchanged, into a file of its own (named by its content hash,
so pages that share a script share the file) and puts the policy into every
page as ``<meta http-equiv="Content-Security-Policy">``. The policy allows the
site's own origin only, plus ``'wasm-unsafe-eval'`` for Pyodide's WebAssembly.
``scripts/serve.py`` sends the same policy as a header, which also covers the
Web Worker (a worker takes its policy from its own response, not the page),
with ``frame-ancestors 'none'`` added and the other security headers
(``SECURITY_HEADERS``).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from . import paths

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",  # Material draws its icons as data: SVG in CSS
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)

#: The policy as an HTTP header: the page policy plus what only a header can carry. ``frame-ancestors``
#: (no site may show these pages in a frame) is ignored in a <meta> policy, and HTML forbids it there.
HEADER_POLICY = f"{POLICY}; frame-ancestors 'none'"

#: Every response's security headers: scripts/serve.py sends them, and README.md gives the same
#: lines for nginx, Apache and a static host's ``_headers`` file (a test compares them).
SECURITY_HEADERS = {
    "Content-Security-Policy": HEADER_POLICY,
    "X-Content-Type-Options": "nosniff",  # a file is only ever what its Content-Type says
    "Referrer-Policy": "no-referrer",  # no page address (which can tell a topic) goes to anyone
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",  # the site needs none of them
}

INLINE_DIR = f"{paths.SITE_SELFCHECK}/inline"
SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
DATA_TYPES = re.compile(r"""type\s*=\s*["']?application/(?:ld\+)?json""", re.IGNORECASE)
META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'


class CspError(Exception):
    """A page carries something the policy would block and this step cannot move."""


def _script_url(page: Path, site: Path, name: str) -> str:
    """The URL of an externalised script as written in ``page`` (an edition's 404.html is served at any depth)."""
    if page.name == "404.html":
        return f"/{INLINE_DIR}/{name}"
    return Path(os.path.relpath(site / INLINE_DIR / name, page.parent)).as_posix()


def lock_page(page: Path, site: Path) -> int:
    """Externalise the inline scripts of one page and add the policy; returns scripts moved."""
    html = page.read_text(encoding="utf-8")
    moved = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal moved
        attrs, body = match.group("attrs"), match.group("body")
        if "src=" in attrs or DATA_TYPES.search(attrs) or not body.strip():
            return match.group(0)
        name = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16] + ".js"
        target = site / INLINE_DIR / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
        moved += 1
        return f'<script{attrs} src="{_script_url(page, site, name)}"></script>'

    html = SCRIPT.sub(replace, html)
    if re.search(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.sub(r"<script.*?</script>", "", html, flags=re.DOTALL)):
        raise CspError(f"{page.relative_to(site)}: an inline event handler (on...=) would be blocked")
    if "http-equiv=\"Content-Security-Policy\"" not in html:
        html = re.sub(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + "\n    " + META, html, count=1)
    page.write_text(html, encoding="utf-8")
    return moved


def lock(site: Path = paths.SITE) -> int:
    """Lock down every page of the built site; returns the number of inline scripts moved."""
    return sum(lock_page(page, site) for page in sorted(site.rglob("*.html")))

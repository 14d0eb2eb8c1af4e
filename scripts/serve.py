"""Serve a built site on 127.0.0.1 with the content types the runtime needs.

Used by ``make serve``, the browser tests and the benchmark. ``.wasm`` must be
``application/wasm`` and ``.mjs`` JavaScript, or the browser refuses them.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from . import csp, paths

CONTENT_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
    ".webmanifest": "application/manifest+json",
}


def cache_control(url_path: str) -> str:
    """Caching policy: versioned or content-hashed runtime files forever, everything else revalidated."""
    path = url_path.split("?", 1)[0]
    if path.startswith((f"/{paths.SITE_PYODIDE}/", f"/{paths.SITE_SELFCHECK}/wheels/")):
        return "public, max-age=31536000, immutable"
    return "no-cache"


#: Served gzip-compressed when the browser accepts it (as any production web server would).
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm", ".map"}
_compressed: dict[tuple[str, float], bytes] = {}
_compressed_lock = threading.Lock()


def compressed(path: str, mtime: float) -> bytes:
    """The gzip form of a file, computed once per file version."""
    key = (path, mtime)
    with _compressed_lock:
        if key not in _compressed:
            with open(path, "rb") as handle:
                _compressed[key] = gzip.compress(handle.read(), compresslevel=6, mtime=0)
        return _compressed[key]


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with explicit content types; quiet unless ``verbose``."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}  # noqa: RUF012 (base class API)
    verbose = False

    def end_headers(self) -> None:
        """Add the caching policy and the security headers documented in the README for deployments."""
        self.send_header("Cache-Control", cache_control(self.path))
        for name, value in csp.SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self) -> Any:
        """Like the base class, but gzip text and WebAssembly for browsers that accept it."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the base class redirects to the slash URL
            path = os.path.join(path, "index.html")
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or "If-Modified-Since" in self.headers  # revalidation: the base class answers 304
            or os.path.splitext(path)[1] not in COMPRESSIBLE
            or not os.path.isfile(path)
        ):
            return super().send_head()
        mtime = os.stat(path).st_mtime
        body = compressed(path, mtime)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(mtime))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def copyfile(self, source: Any, outputfile: Any) -> None:
        """Send a file body, counting its bytes on the server (the benchmark reads the count)."""
        data = source.read()
        try:
            outputfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the browser went away mid-file: not an error
            return
        counter = getattr(self.server, "bytes_sent", None)
        if counter is not None:
            with counter.lock:
                counter.total += len(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Log only when asked to (tests and benchmarks stay quiet)."""
        if self.verbose:
            super().log_message(format, *args)


class ByteCounter:
    """Bytes of response bodies sent by a server (thread-safe)."""

    def __init__(self) -> None:
        self.total = 0
        self.lock = threading.Lock()

    def take(self) -> int:
        """Return the count so far and start again from zero."""
        with self.lock:
            total, self.total = self.total, 0
            return total


def make_server(site: Path = paths.SITE, port: int = 0, verbose: bool = False) -> ThreadingHTTPServer:
    """A server for ``site`` bound to 127.0.0.1 (port 0: any free port)."""
    handler = functools.partial(type("Handler", (SiteHandler,), {"verbose": verbose}), directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.bytes_sent = ByteCounter()  # type: ignore[attr-defined]
    return server


@contextlib.contextmanager
def serving(site: Path = paths.SITE, counter: ByteCounter | None = None) -> Iterator[str]:
    """Serve ``site`` in a background thread; yields the base URL (``counter`` counts bytes sent)."""
    server = make_server(site)
    if counter is not None:
        server.bytes_sent = counter  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def serve_forever(site: Path = paths.SITE, port: int = 8000) -> None:
    """Serve until interrupted (``make serve``)."""
    server = make_server(site, port, verbose=True)
    print(f"Serving {site} at http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    server.server_close()

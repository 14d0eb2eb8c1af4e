"""Tests for scripts.serve: the local static server with the content types the runtime needs."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scripts import csp, paths
from scripts.serve import ByteCounter, cache_control, make_server, serving


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A tiny site with a page, a wasm file, an ES module and a hashed wheel."""
    (tmp_path / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    (tmp_path / "x.wasm").write_bytes(b"\0asm\1\0\0\0")
    (tmp_path / "m.mjs").write_text("export {};", encoding="utf-8")
    (tmp_path / "w.js").write_text("1;", encoding="utf-8")
    wheels = tmp_path / paths.SITE_SELFCHECK / "wheels" / "abc"
    wheels.mkdir(parents=True)
    (wheels / "selfcheck.whl").write_bytes(b"PK")
    return tmp_path


def fetch(url: str) -> tuple[bytes, str, str]:
    """GET ``url``; returns body, Content-Type and Cache-Control."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), response.headers["Content-Type"], response.headers["Cache-Control"]


def test_serving_content_types(site: Path) -> None:
    """.wasm is served as application/wasm, .mjs and .js as text/javascript, bodies unchanged."""
    with serving(site) as base:
        body, kind, _ = fetch(base + "x.wasm")
        assert kind == "application/wasm" and body == (site / "x.wasm").read_bytes()
        assert fetch(base + "m.mjs")[1] == "text/javascript"
        assert fetch(base + "w.js")[1] == "text/javascript"
        assert fetch(base + "index.html")[1].startswith("text/html")


def test_serving_is_bound_to_loopback(site: Path) -> None:
    """serving() yields a 127.0.0.1 URL, and the server it makes listens on 127.0.0.1 only."""
    with serving(site) as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/")
        assert fetch(base)[0] == b"<p>hello</p>"
    server = make_server(site)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_cache_headers(site: Path) -> None:
    """Hashed wheels are cached forever; pages are revalidated."""
    with serving(site) as base:
        wheel_headers = fetch(base + f"{paths.SITE_SELFCHECK}/wheels/abc/selfcheck.whl")[2]
        assert wheel_headers == "public, max-age=31536000, immutable"
        assert fetch(base + "index.html")[2] == "no-cache"


def test_cache_control_policy() -> None:
    """cache_control() marks versioned Pyodide files and hashed wheels immutable, ignoring query strings."""
    assert cache_control(f"/{paths.SITE_PYODIDE}/0.1/pyodide.mjs?x=1").endswith("immutable")
    assert cache_control(f"/{paths.SITE_SELFCHECK}/worker.js") == "no-cache"
    assert cache_control("/modules/") == "no-cache"


def test_byte_counter_counts_bodies(site: Path) -> None:
    """A ByteCounter given to serving() counts the response body bytes; take() returns and resets."""
    counter = ByteCounter()
    with serving(site, counter) as base:
        fetch(base + "x.wasm")
        fetch(base + "m.mjs")
    assert counter.take() == (site / "x.wasm").stat().st_size + (site / "m.mjs").stat().st_size
    assert counter.take() == 0


def test_gzip_for_text_and_wasm_when_accepted(tmp_path: Path) -> None:
    """Pages and WebAssembly are gzip-compressed for browsers that accept it; the body decompresses intact."""
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>hello</p>" * 100, encoding="utf-8")
    (tmp_path / "a.wasm").write_bytes(b"\0asm" + b"\1" * 1000)
    with serving(tmp_path) as base:
        for path, original in (("page/", ("<p>hello</p>" * 100).encode()), ("a.wasm", b"\0asm" + b"\1" * 1000)):
            request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request) as response:
                assert response.headers["Content-Encoding"] == "gzip"
                body = response.read()
            assert len(body) < len(original)
            assert gzip.decompress(body) == original
        with urllib.request.urlopen(base + "a.wasm") as response:  # no Accept-Encoding: sent as is
            assert response.headers["Content-Encoding"] is None
            assert response.headers["Content-Type"] == "application/wasm"


def test_security_headers_on_every_response(site: Path) -> None:
    """Pages, scripts, WebAssembly and a 404 all carry the four security headers, frame-ancestors included."""
    with serving(site) as base:
        for path in ("index.html", "x.wasm", "w.js", f"{paths.SITE_SELFCHECK}/wheels/abc/selfcheck.whl"):
            with urllib.request.urlopen(base + path, timeout=10) as response:
                sent = {name: response.headers[name] for name in csp.SECURITY_HEADERS}
            assert sent == csp.SECURITY_HEADERS, path
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "nowhere.html", timeout=10)
        assert missing.value.code == 404
        assert missing.value.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in missing.value.headers["Content-Security-Policy"]
    assert csp.SECURITY_HEADERS["Referrer-Policy"] == "no-referrer"
    denied = csp.SECURITY_HEADERS["Permissions-Policy"].split(", ")
    assert {"camera=()", "microphone=()", "geolocation=()"} <= set(denied)

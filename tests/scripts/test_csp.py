"""scripts.csp: inline scripts move into shared files and every page gets the policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts import csp

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<script>var a=1;</script>
<script id="__config" type="application/json">{"x": 1}</script>
<script src="../x.js"></script>
</head><body><p>Text with once = twice.</p><script>var target=2;</script></body></html>"""


def write(site: Path, relative: str, html: str = PAGE) -> Path:
    """Write one page into a fake built site."""
    page = site / relative
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(html, encoding="utf-8")
    return page


def test_inline_scripts_become_shared_files(tmp_path: Path) -> None:
    """Executable inline scripts are moved into hashed files; JSON data and src scripts stay as they are."""
    first = write(tmp_path, "a/index.html")
    second = write(tmp_path, "b/c/index.html")
    assert csp.lock(tmp_path) == 4
    files = sorted((tmp_path / csp.INLINE_DIR).iterdir())
    assert sorted(f.read_text() for f in files) == ["var a=1;", "var target=2;"]
    html = first.read_text()
    assert "<script>" not in html
    assert '<script id="__config" type="application/json">{"x": 1}</script>' in html
    assert '<script src="../x.js"></script>' in html
    assert f'src="../assets/selfcheck/inline/{files[0].name}"' in html
    assert f'src="../../assets/selfcheck/inline/{files[0].name}"' in second.read_text()


def test_policy_meta_follows_charset_once(tmp_path: Path) -> None:
    """The policy is added right after the charset, and locking twice does not add it again."""
    page = write(tmp_path, "index.html")
    csp.lock(tmp_path)
    csp.lock(tmp_path)
    html = page.read_text()
    assert html.count("Content-Security-Policy") == 1
    assert html.index("charset") < html.index("Content-Security-Policy") < html.index("<script")


def test_policy_allows_only_self_and_wasm() -> None:
    """The policy names no other host and allows WebAssembly compilation but not eval or inline code."""
    assert "'wasm-unsafe-eval'" in csp.POLICY
    assert "'unsafe-inline'" not in csp.POLICY and "'unsafe-eval'" not in csp.POLICY
    assert "http" not in csp.POLICY and "*" not in csp.POLICY


def test_404_pages_use_absolute_script_urls(tmp_path: Path) -> None:
    """Each edition's 404.html is served at any depth, so its moved scripts are addressed from the site root."""
    pages = [write(tmp_path, "404.html"), write(tmp_path, "ro/404.html")]
    csp.lock(tmp_path)
    for page in pages:
        assert 'src="/assets/selfcheck/inline/' in page.read_text()


def test_inline_event_handler_fails_the_build(tmp_path: Path) -> None:
    """An on...= attribute cannot be moved out of the page, so the step refuses it, naming the page."""
    write(tmp_path, "x/index.html", '<html><head><meta charset="utf-8"></head><body onload="go()"></body></html>')
    with pytest.raises(csp.CspError, match=r"x/index.html: an inline event handler"):
        csp.lock(tmp_path)


def test_header_policy_adds_frame_ancestors_and_meta_does_not() -> None:
    """The header policy is the page policy plus frame-ancestors 'none'; never the <meta> (HTML forbids it)."""
    assert csp.HEADER_POLICY == csp.POLICY + "; frame-ancestors 'none'"
    assert csp.SECURITY_HEADERS["Content-Security-Policy"] == csp.HEADER_POLICY
    assert "frame-ancestors" not in csp.META and "frame-ancestors" not in csp.POLICY


README = Path(__file__).resolve().parents[2] / "README.md"


def fenced(text: str, language: str) -> list[str]:
    """The contents of every fenced code block of ``language`` in a Markdown text."""
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize(
    ("language", "pattern"),
    [
        ("nginx", r'^add_header ([\w-]+) "(.*)" always;$'),
        ("apache", r'^\s+Header always set ([\w-]+) "(.*)"$'),
        ("text", r"^  ([\w-]+): (.*)$"),
    ],
)
def test_readme_gives_the_same_headers(language: str, pattern: str) -> None:
    """README's nginx, Apache and _headers snippets set exactly the headers the reference server sends."""
    blocks = [b for b in fenced(README.read_text(encoding="utf-8"), language) if "Content-Security-Policy" in b]
    assert len(blocks) == 1, f"one {language} block with the headers"
    given = dict(re.findall(pattern, blocks[0], flags=re.MULTILINE))
    assert given == csp.SECURITY_HEADERS

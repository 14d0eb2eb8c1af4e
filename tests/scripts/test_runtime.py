"""Tests for scripts.runtime: copying Pyodide, the hashed wheel and our JavaScript into the built site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts import paths, runtime
from scripts.wheel import content_hash

VERSION = "9.8.7"


@pytest.fixture
def fake_pyodide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake Pyodide npm package with the five runtime files, and a fake web/ folder."""
    package = tmp_path / "node_modules" / "pyodide"
    package.mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"name": "pyodide", "version": VERSION}), encoding="utf-8")
    for name in paths.PYODIDE_FILES:
        (package / name).write_bytes(f"content of {name}".encode())
    (package / "pyodide.js.map").write_text("not needed", encoding="utf-8")
    web = tmp_path / "web"
    web.mkdir()
    (web / "worker.js").write_text(
        f'const WHEEL = "{runtime.WHEEL_PLACEHOLDER}";\n'
        f'import "../pyodide/{runtime.PYODIDE_PLACEHOLDER}/pyodide.mjs";\n',
        encoding="utf-8",
    )
    (web / "selfcheck.js").write_text("export const plain = 1;\n", encoding="utf-8")
    (web / "sub").mkdir()
    monkeypatch.setattr(paths, "PYODIDE_PACKAGE", package)
    monkeypatch.setattr(paths, "WEB", web)
    return package


@pytest.fixture
def fake_wheel(tmp_path: Path) -> Path:
    """A stand-in wheel file."""
    path = tmp_path / "selfcheck-0.1.0-py3-none-any.whl"
    path.write_bytes(b"PK fake wheel")
    return path


def test_install_copies_pyodide_files(tmp_path: Path, fake_pyodide: Path, fake_wheel: Path) -> None:
    """install() copies exactly the five Pyodide runtime files, byte for byte, into a folder named by version."""
    site = tmp_path / "site"
    runtime.install(site, fake_wheel)
    target = site / paths.SITE_PYODIDE / VERSION
    assert sorted(p.name for p in target.iterdir()) == sorted(paths.PYODIDE_FILES)
    assert len(paths.PYODIDE_FILES) == 5
    for name in paths.PYODIDE_FILES:
        assert (target / name).read_bytes() == (fake_pyodide / name).read_bytes()


def test_install_puts_wheel_under_hashed_folder(tmp_path: Path, fake_pyodide: Path, fake_wheel: Path) -> None:
    """The wheel is copied to assets/selfcheck/wheels/<content hash>/<name>; install() returns that path."""
    site = tmp_path / "site"
    rel = runtime.install(site, fake_wheel)
    digest = content_hash(fake_wheel)
    assert rel == f"{paths.SITE_SELFCHECK}/wheels/{digest}/{fake_wheel.name}"
    assert (site / rel).read_bytes() == fake_wheel.read_bytes()


def test_install_writes_scripts_with_placeholders_replaced(tmp_path: Path, fake_pyodide: Path,
                                                           fake_wheel: Path) -> None:
    """web/*.js are copied with the wheel address and the Pyodide version written in; folders are skipped."""
    site = tmp_path / "site"
    runtime.install(site, fake_wheel)
    target = site / paths.SITE_SELFCHECK
    worker = (target / "worker.js").read_text(encoding="utf-8")
    assert runtime.WHEEL_PLACEHOLDER not in worker and runtime.PYODIDE_PLACEHOLDER not in worker
    assert f'"wheels/{content_hash(fake_wheel)}/{fake_wheel.name}"' in worker
    assert f"../pyodide/{VERSION}/pyodide.mjs" in worker
    assert (target / "selfcheck.js").read_text(encoding="utf-8") == "export const plain = 1;\n"
    assert not (target / "sub").exists()


def test_changed_wheel_gets_new_folder(tmp_path: Path, fake_pyodide: Path, fake_wheel: Path) -> None:
    """A wheel with different content lands in a different hashed folder (so caches never serve a stale one)."""
    first = runtime.install(tmp_path / "site", fake_wheel)
    fake_wheel.write_bytes(b"PK changed wheel")
    second = runtime.install(tmp_path / "site", fake_wheel)
    assert first != second


def test_missing_pyodide_package(tmp_path: Path, fake_pyodide: Path, fake_wheel: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the npm package, install() raises RuntimeMissingError naming package.json and 'npm ci'."""
    monkeypatch.setattr(paths, "PYODIDE_PACKAGE", tmp_path / "nowhere" / "pyodide")
    with pytest.raises(runtime.RuntimeMissingError) as info:
        runtime.install(tmp_path / "site", fake_wheel)
    message = str(info.value)
    assert "package.json is missing" in message
    assert "npm ci" in message


def test_missing_runtime_file(tmp_path: Path, fake_pyodide: Path, fake_wheel: Path) -> None:
    """When one runtime file is missing from the package, the error names that file."""
    (fake_pyodide / "pyodide.asm.wasm").unlink()
    with pytest.raises(runtime.RuntimeMissingError, match=r"pyodide\.asm\.wasm is missing: run 'npm ci'"):
        runtime.copy_pyodide(tmp_path / "site")


def test_real_web_scripts_use_placeholders() -> None:
    """The real web/ scripts reference the wheel and Pyodide only through the placeholders install() fills in."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(paths.WEB.glob("*.js")))
    assert runtime.WHEEL_PLACEHOLDER in text
    assert runtime.PYODIDE_PLACEHOLDER in text

"""Tests for scripts.wheel: a reproducible selfcheck wheel built with the standard build frontend."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from scripts import paths, wheel


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel built twice, into two separate folders."""
    first = wheel.build(tmp_path_factory.mktemp("wheel-a"))
    second = wheel.build(tmp_path_factory.mktemp("wheel-b"))
    return first, second


def test_build_is_reproducible(two_builds: tuple[Path, Path]) -> None:
    """Building twice gives byte-identical wheels, hence the same content hash (the site's folder name)."""
    first, second = two_builds
    assert first.name == second.name
    assert first.read_bytes() == second.read_bytes()
    assert wheel.content_hash(first) == wheel.content_hash(second)


def test_wheel_contents(two_builds: tuple[Path, Path]) -> None:
    """The wheel holds the selfcheck package with py.typed and every source module, and no tests or scripts."""
    built, _ = two_builds
    assert built.name.startswith("selfcheck-") and built.suffix == ".whl"
    names = zipfile.ZipFile(built).namelist()
    assert "selfcheck/py.typed" in names
    assert "selfcheck/__init__.py" in names
    sources = {f"selfcheck/{p.name}" for p in (paths.ROOT / "src" / "selfcheck").glob("*.py")}
    assert sources <= set(names)
    assert not [n for n in names if n.startswith(("tests/", "scripts/")) or "/test_" in n or n.startswith("test")]
    assert all(n.startswith(("selfcheck/", "selfcheck-")) for n in names)


def test_build_replaces_old_wheels(tmp_path: Path) -> None:
    """build() empties its output folder first, so exactly one wheel is found even after a stale one."""
    (tmp_path / "selfcheck-0.0.0-py3-none-any.whl").write_bytes(b"stale")
    built = wheel.build(tmp_path)
    assert sorted(tmp_path.glob("*.whl")) == [built]


def test_content_hash(tmp_path: Path) -> None:
    """content_hash() is the first digits of the file's SHA-256, 12 by default."""
    path = tmp_path / "f.bin"
    path.write_bytes(b"selfcheck")
    digest = hashlib.sha256(b"selfcheck").hexdigest()
    assert wheel.content_hash(path) == digest[:12]
    assert wheel.content_hash(path, 20) == digest[:20]

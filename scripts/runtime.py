"""Build step: put the browser runtime into the built site.

Copies the Pyodide files from the pinned npm package, the selfcheck wheel
under a content-hashed folder, and our thin JavaScript adapter and worker
(with the wheel's address written into the worker).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from . import paths
from .wheel import content_hash

WHEEL_PLACEHOLDER = "__SELFCHECK_WHEEL__"
PYODIDE_PLACEHOLDER = "__PYODIDE_VERSION__"
#: The bytes of the checking engine (the Pyodide files and the wheel): what a first visit downloads once.
BYTES_PLACEHOLDER = "__RUNTIME_BYTES__"


class RuntimeMissingError(Exception):
    """The Pyodide npm package is not installed."""


def pyodide_version() -> str:
    """The installed Pyodide npm package's version (the site keeps each version in its own folder)."""
    manifest = paths.PYODIDE_PACKAGE / "package.json"
    if not manifest.is_file():
        raise RuntimeMissingError(f"{manifest} is missing: run 'npm ci' (the Makefile does) to install Pyodide")
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def copy_pyodide(site: Path) -> Path:
    """Copy the Pyodide runtime files into ``site``; fails clearly when npm packages are missing.

    They go to a folder named after the version, so a deployment may cache them forever.
    """
    target = site / paths.SITE_PYODIDE / pyodide_version()
    target.mkdir(parents=True, exist_ok=True)
    for name in paths.PYODIDE_FILES:
        source = paths.PYODIDE_PACKAGE / name
        if not source.is_file():
            raise RuntimeMissingError(f"{source} is missing: run 'npm ci' (the Makefile does) to install Pyodide")
        shutil.copy2(source, target / name)
    return target


def install(site: Path, wheel: Path) -> str:
    """Copy wheel, Pyodide and our scripts into ``site``; returns the wheel's site-relative path."""
    pyodide = copy_pyodide(site)
    target = site / paths.SITE_SELFCHECK
    target.mkdir(parents=True, exist_ok=True)
    digest = content_hash(wheel)
    wheel_rel = f"wheels/{digest}/{wheel.name}"
    (target / "wheels" / digest).mkdir(parents=True, exist_ok=True)
    shutil.copy2(wheel, target / wheel_rel)
    engine = sum((pyodide / name).stat().st_size for name in paths.PYODIDE_FILES) + wheel.stat().st_size
    for source in sorted(paths.WEB.glob("*")):
        if not source.is_file():
            continue
        text = source.read_text(encoding="utf-8")
        text = text.replace(WHEEL_PLACEHOLDER, wheel_rel).replace(PYODIDE_PLACEHOLDER, pyodide_version())
        text = text.replace(BYTES_PLACEHOLDER, str(engine))
        (target / source.name).write_text(text, encoding="utf-8")
    return f"{paths.SITE_SELFCHECK}/{wheel_rel}"

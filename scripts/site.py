"""Build step: turn ``docs/`` into pages with MkDocs (the default) or Zensical, both strict.

Both engines read the same ``mkdocs.yml``, theme overrides, Markdown extensions
(``scripts.markers`` among them) and fragments; any warning fails the build.
MkDocs writes wherever it is told. Zensical writes only inside the folder of its
configuration file, so it gets a throw-away configuration in the repository root
that names a private folder under ``build/``; the pages are then moved to where
they were asked for. That configuration is the requested one with its ``INHERIT``
chain resolved the way MkDocs resolves it (a child's list, such as an edition's
``nav``, replaces the parent's; Zensical's own ``INHERIT`` appends lists), so both
engines read the same settings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from . import paths

ENGINES = ("mkdocs", "zensical")


def _env(fragments: Path) -> dict[str, str]:
    """The environment of an engine run: our fragments, and the repository on the import path."""
    path = os.pathsep.join(p for p in (str(paths.ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", SELFCHECK_FRAGMENTS=str(fragments), PYTHONPATH=path)


def build(
    site: Path = paths.SITE, fragments: Path = paths.FRAGMENTS, engine: str = "mkdocs", config: Path = paths.CONFIG
) -> None:
    """Build the pages of ``config`` into ``site`` with ``engine``; raises CalledProcessError on any warning."""
    if engine == "mkdocs":
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file", str(config),
             "--site-dir", str(site)],
            check=True, cwd=paths.ROOT, env=_env(fragments),
        )
    elif engine == "zensical":
        _build_zensical(site, fragments, config)
    else:
        raise ValueError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")


def resolved(config: Path) -> dict[str, Any]:
    """A configuration with its ``INHERIT`` chain merged as MkDocs merges it.

    Relative paths stay as written: the files of a chain live in the repository root, or give absolute paths.
    """
    from mkdocs.utils.yaml import yaml_load

    with config.open("rb") as handle:
        return yaml_load(handle)


def _build_zensical(site: Path, fragments: Path, config: Path) -> None:
    paths.BUILD.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="zensical-", dir=paths.BUILD))
    settings = paths.ROOT / f".{staging.name}.yml"  # Zensical's project root is its configuration's folder
    merged = {**resolved(config), "site_dir": f"{staging.relative_to(paths.ROOT).as_posix()}/site"}
    if Path(merged.get("docs_dir", "docs")).is_absolute():  # Zensical wants it relative to its project root
        merged["docs_dir"] = Path(os.path.relpath(merged["docs_dir"], paths.ROOT)).as_posix()
    settings.write_text(
        "# Written by scripts/site.py for one Zensical build, then deleted.\n"
        + yaml.safe_dump(merged, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    try:
        subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "--config-file", str(settings)],
            check=True, cwd=paths.ROOT, env=_env(fragments),
        )
        if site.exists():
            shutil.rmtree(site)
        site.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staging / "site", site)
    finally:
        settings.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)

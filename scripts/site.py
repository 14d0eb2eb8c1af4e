"""Build step: run MkDocs (strict: any warning fails the build)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import paths


def build(site: Path = paths.SITE, fragments: Path = paths.FRAGMENTS) -> None:
    """``mkdocs build --strict`` from the repository root, so ``scripts.markers`` imports."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site)],
        check=True,
        cwd=paths.ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", SELFCHECK_FRAGMENTS=str(fragments)),
    )

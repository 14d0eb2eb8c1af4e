"""Build step: the selfcheck wheel, built with the standard build frontend.

The wheel is reproducible (fixed SOURCE_DATE_EPOCH), so its content hash only
changes when the code does; the site serves it under that hash.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import paths

#: A fixed timestamp for reproducible wheels (2026-01-01T00:00:00Z).
SOURCE_DATE_EPOCH = "1767225600"


def build(out: Path = paths.WHEEL_DIR) -> Path:
    """Run ``python -m build --wheel`` (no network: the backend is pinned in the venv)."""
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(paths.ROOT)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    wheels = sorted(out.glob("selfcheck-*.whl"))
    if len(wheels) != 1:
        raise RuntimeError(f"expected one selfcheck wheel in {out}, found {len(wheels)}")
    return wheels[0]


def content_hash(path: Path, length: int = 12) -> str:
    """The first ``length`` hex digits of the file's SHA-256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:length]

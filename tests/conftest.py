"""Fixtures shared by every test folder: the built site, made once per test session.

Imports nothing from ``scripts`` at the top: the unit tests also run inside Pyodide, without it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site: ``$SELFCHECK_SITE`` if set, else a fresh private build of the working tree."""
    given = os.environ.get("SELFCHECK_SITE")
    if given:
        return Path(given)
    out = tmp_path_factory.mktemp("build")
    subprocess.run([sys.executable, "-m", "scripts", "build", "--out", str(out)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return out / "site"


#: The editions fixture: English at /, Romanian at /ro/ (tests/fixtures/editions/README.md).
EDITIONS_FIXTURE = ROOT / "tests" / "fixtures" / "editions"


@pytest.fixture(scope="session")
def editions_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The editions fixture built once per session (``DIR/site``, ``DIR/fragments``); or ``$SELFCHECK_EDITIONS``."""
    given = os.environ.get("SELFCHECK_EDITIONS")
    if given:
        return Path(given)
    out = tmp_path_factory.mktemp("editions")
    subprocess.run([sys.executable, "-m", "scripts", "build", "--project", str(EDITIONS_FIXTURE), "--out", str(out)],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return out

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
def site_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """One build of the working tree per session (``DIR/site``, ``DIR/fragments``) and how the build ended.

    ``$SELFCHECK_SITE`` (a built ``site/`` folder) skips the build: its parent is used, as built.
    """
    given = os.environ.get("SELFCHECK_SITE")
    if given:
        return Path(given).parent, subprocess.CompletedProcess(["SELFCHECK_SITE", given], 0, "", "")
    out = tmp_path_factory.mktemp("build")
    done = subprocess.run([sys.executable, "-m", "scripts", "build", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, check=False, timeout=1200)
    return out, done


@pytest.fixture(scope="session")
def built_site(site_build: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    """The built site of the session's build (which must have succeeded)."""
    out, done = site_build
    assert done.returncode == 0, done.stderr[-3000:]
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

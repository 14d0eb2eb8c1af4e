"""Where things are: every step reads its locations from here."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
EXERCISES = ROOT / "exercises"
CONTENT = ROOT / "content"
BANK_SETTINGS = CONTENT / "knowledge-checks.toml"
WEB = ROOT / "web"
INCLUDES = ROOT / "includes"
CONTENT = ROOT / "content"
WORDING = CONTENT / "wording.toml"
BUILD = ROOT / "build"
FRAGMENTS = BUILD / "fragments"
WHEEL_DIR = BUILD / "wheel"
SITE = ROOT / "site"
NODE_MODULES = ROOT / "node_modules"
PYODIDE_PACKAGE = NODE_MODULES / "pyodide"

#: Where the built site keeps our JavaScript and the wheel, and where Pyodide goes.
SITE_SELFCHECK = "assets/selfcheck"
SITE_PYODIDE = "assets/pyodide"

#: The Pyodide runtime files the site needs, copied from the npm package.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

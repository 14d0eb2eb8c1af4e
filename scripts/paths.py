"""Where things are: every step reads its locations from here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
EXERCISES = ROOT / "exercises"
CONTENT = ROOT / "content"
BANK_SETTINGS = CONTENT / "knowledge-checks.toml"
WEB = ROOT / "web"
INCLUDES = ROOT / "includes"
WORDING = CONTENT / "wording.toml"
#: Translations: i18n/<lang>/docs (pages), exercises (text catalogs), includes, ui.toml; terms.toml.
I18N = ROOT / "i18n"
TERMS = I18N / "terms.toml"
#: The deployer's settings: organisation, editions to build, default edition, review status, local help.
SITE_SETTINGS = ROOT / "site.toml"
#: The language of docs/ and of the definitions' text (the source edition).
SOURCE_LANG = "en"
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


@dataclass(frozen=True)
class Project:
    """The sources of one site: this repository (:func:`repository`), or a test fixture laid out the same way."""

    root: Path
    config: Path
    docs: Path
    exercises: Path
    i18n: Path
    includes: Path
    settings: Path

    @classmethod
    def at(cls, root: Path) -> Project:
        """A project whose files sit under ``root`` as they do here."""
        return cls(root, root / "mkdocs.yml", root / "docs", root / "exercises", root / "i18n", root / "includes",
                   root / "site.toml")


def repository() -> Project:
    """The repository's own sources (read when called, so a test may point a location elsewhere)."""
    return Project(ROOT, CONFIG, DOCS, EXERCISES, I18N, INCLUDES, SITE_SETTINGS)

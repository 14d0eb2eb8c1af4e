"""Tests for selfcheck/__init__.py: the public API, and what the package may import."""

from __future__ import annotations

import ast
import importlib
import sys
import tomllib
from pathlib import Path

import pytest

import selfcheck
from support import ROOT

PACKAGE = ROOT / "src" / "selfcheck"
BROWSER_ONLY = {"js", "pyodide", "pyodide_js", "micropip"}


def module_level_imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level module name) of every import that runs when the module is imported (not inside a def)."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            if isinstance(child, ast.Import):
                found.extend((child.lineno, alias.name.split(".")[0]) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.lineno, child.module.split(".")[0]))
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    return found


SOURCES = sorted(PACKAGE.glob("*.py"))


def test_all_names_exist() -> None:
    """Every name in __all__ is an attribute of the package, and __all__ has no duplicates."""
    assert len(set(selfcheck.__all__)) == len(selfcheck.__all__)
    for name in selfcheck.__all__:
        assert hasattr(selfcheck, name), name


def test_all_names_importable() -> None:
    """``from selfcheck import *`` binds exactly the names of __all__."""
    namespace: dict[str, object] = {}
    exec("from selfcheck import *", namespace)
    namespace.pop("__builtins__", None)
    assert set(namespace) == set(selfcheck.__all__)


def test_core_api_is_exported() -> None:
    """The core entry points (loading, scoring, CLI, bridge, errors) are part of the public API and callable."""
    for name in ("load_catalogue", "load_file", "parse_definition", "handle", "main", "KINDS", "SCHEMA_VERSION",
                 "AnswerError", "DefinitionError", "SelfcheckError", "UnknownExerciseError", "Catalogue"):
        assert name in selfcheck.__all__
    assert callable(selfcheck.handle) and callable(selfcheck.main)
    assert "quiz" in selfcheck.KINDS


def test_bank_api_is_exported() -> None:
    """Banks, drawing, the lint, the schedule and the settings file are part of the public API (scripts use them)."""
    for name in ("Quiz", "Attempt", "LintRules", "Problem", "lint_quiz", "Schedule", "parse_schedule", "Settings",
                 "load_settings", "parse_settings", "MAX_SEED"):
        assert name in selfcheck.__all__, name
    assert selfcheck.SCHEMA_VERSION == 2
    assert issubclass(selfcheck.AnswerError, selfcheck.SelfcheckError)


def test_version_matches_pyproject() -> None:
    """selfcheck.__version__ equals the version in pyproject.toml (the wheel's version)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert selfcheck.__version__ == project["version"]


def test_package_is_typed() -> None:
    """The package ships the py.typed marker for type checkers."""
    assert (PACKAGE / "py.typed").is_file()


def test_import_helper_sees_nested_imports(tmp_path: Path) -> None:
    """The checker below counts top-level and class-level imports but not those inside functions."""
    sample = tmp_path / "sample.py"
    sample.write_text("import js\nclass A:\n    import pyodide\ndef f():\n    import micropip\n", encoding="utf-8")
    assert module_level_imports(sample) == [(1, "js"), (3, "pyodide")]


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_no_browser_only_import_at_module_level(path: Path) -> None:
    """No module of src/selfcheck imports js/pyodide/micropip at import time (only inside functions)."""
    bad = [(line, name) for line, name in module_level_imports(path) if name in BROWSER_ONLY]
    assert bad == [], f"{path.name}: browser-only imports at module level: {bad}"


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_only_standard_library_at_module_level(path: Path) -> None:
    """Every absolute module-level import of src/selfcheck is from the standard library."""
    third_party = [(line, name) for line, name in module_level_imports(path)
                   if name not in sys.stdlib_module_names and name != "__future__"]
    assert third_party == [], f"{path.name}: non-standard imports: {third_party}"


@pytest.mark.parametrize("path", [p for p in SOURCES if p.stem != "__main__"], ids=lambda p: p.name)
def test_every_module_imports_on_cpython(path: Path) -> None:
    """Every module of the package imports cleanly on CPython (no browser needed)."""
    name = "selfcheck" if path.stem == "__init__" else f"selfcheck.{path.stem}"
    assert importlib.import_module(name) is not None

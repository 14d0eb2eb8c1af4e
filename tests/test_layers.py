"""The imports of ``selfcheck`` and ``scripts`` go one way: no module imports, even late, one that imports it back.

Every import counts, at the top of a module or inside a function: an import
moved into a function hides a cycle from Python but not from a reader. A
cycle is broken by moving what both modules share to a lower module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support import ROOT

PACKAGES = {"selfcheck": ROOT / "src" / "selfcheck", "scripts": ROOT / "scripts"}


def module_name(package: str, path: Path, folder: Path) -> str:
    """``selfcheck._bridge`` for ``src/selfcheck/_bridge.py``; the package itself for ``__init__.py``."""
    parts = path.relative_to(folder).with_suffix("").parts
    return ".".join((package, *parts)) if parts != ("__init__",) else package


def imports_of(package: str, path: Path, folder: Path) -> set[str]:
    """The modules of ``package`` that the module at ``path`` imports, anywhere in its code."""
    here = module_name(package, path, folder)
    base = here if path.name == "__init__.py" else here.rpartition(".")[0]
    modules = {module_name(package, p, folder) for p in folder.rglob("*.py")}
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base.rsplit(".", node.level - 1)[0] if node.level > 1 else base
                target = f"{anchor}.{node.module}" if node.module else anchor
            else:
                target = node.module or ""
            submodules = {f"{target}.{alias.name}" for alias in node.names} & modules
            found.update(submodules)  # "from . import x" imports module x, not the package's __init__
            if len(submodules) < len(node.names):
                found.add(target)
    return {name for name in found if name in modules and name != here}


def import_graph(package: str) -> dict[str, set[str]]:
    """Module -> the package's modules it imports."""
    folder = PACKAGES[package]
    return {module_name(package, p, folder): imports_of(package, p, folder) for p in sorted(folder.rglob("*.py"))}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first repeated last), or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*stack[stack.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_find_cycle_finds_a_late_import_cycle(tmp_path: Path) -> None:
    """The checker sees a cycle closed by an import inside a function, and passes a one-way graph."""
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "a.py").write_text("from .b import x\n")
    (tmp_path / "b.py").write_text("x = 1\n\ndef f():\n    from . import a\n")
    (tmp_path / "c.py").write_text("from . import a, b\n")
    graph = {module_name("pkg", p, tmp_path): imports_of("pkg", p, tmp_path) for p in tmp_path.glob("*.py")}
    assert graph["pkg.c"] == {"pkg.a", "pkg.b"}
    assert find_cycle(graph) == ["pkg.a", "pkg.b", "pkg.a"]
    graph["pkg.b"] = set()
    assert find_cycle(graph) is None


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_package_imports_are_one_way(package: str) -> None:
    """No import cycle in ``selfcheck`` (kinds never import the bridge) or in ``scripts`` (form and paper)."""
    graph = import_graph(package)
    assert len(graph) > 5  # the walk really found the package's modules
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_bridge_sits_above_the_kinds() -> None:
    """The bridge imports the loader and the distinction kind; neither reaches the bridge, even indirectly."""
    graph = import_graph("selfcheck")

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                todo.extend(graph.get(node, ()))
        return False

    assert {"selfcheck._loader", "selfcheck._distinction"} <= graph["selfcheck._bridge"]
    assert not reaches("selfcheck._loader", "selfcheck._bridge")
    assert not reaches("selfcheck._distinction", "selfcheck._bridge")

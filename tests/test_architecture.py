"""The shape of the package: imports flow one way, private helpers stay private."""

from __future__ import annotations

import ast
from importlib import resources
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

PACKAGE = "cnbudget"
SOURCES = sorted(
    (path for path in resources.files(PACKAGE).iterdir() if path.name.endswith(".py")),
    key=lambda path: path.name,
)


def _module(path: Traversable) -> str:
    stem = path.name.removesuffix(".py")
    return PACKAGE if stem == "__init__" else f"{PACKAGE}.{stem}"


def _imports(source: str, module: str) -> set[str]:
    """The package's own modules *module* imports, at run time or for type checking."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(f"{PACKAGE}.{node.module}")
            else:
                found.update(f"{PACKAGE}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PACKAGE + "."):
            found.add(str(node.module))
    found.discard(module)
    return found


GRAPH = {
    _module(path): _imports(path.read_text(encoding="utf-8"), _module(path))
    for path in SOURCES
    if _module(path) not in {PACKAGE, f"{PACKAGE}.__main__"}
}


def _cycle_from(start: str) -> list[str] | None:
    """A path of imports that leads from *start* back to it, if any."""
    stack = [(start, [start])]
    seen = set()
    while stack:
        module, path = stack.pop()
        for imported in sorted(GRAPH.get(module, ())):
            if imported == start:
                return [*path, imported]
            if imported not in seen:
                seen.add(imported)
                stack.append((imported, [*path, imported]))
    return None


def test_the_graph_is_read() -> None:
    assert "cnbudget._text" in GRAPH["cnbudget.tables"] | GRAPH["cnbudget._table_finder"]


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_import_cycle(module: str) -> None:
    """Every import, type-checking ones included: data flows one way."""
    assert _cycle_from(module) is None, " -> ".join(_cycle_from(module) or [])


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_private_helpers_of_public_modules_stay_inside(module: str) -> None:
    """No module reaches into a public module for one of its ``_private`` names."""
    path = next(p for p in SOURCES if _module(p) == module)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            if node.module.startswith("_"):
                continue  # private modules exist to be shared
            private = [alias.name for alias in node.names if alias.name.startswith("_")]
            assert not private, f"{module} imports {private} from {node.module}"

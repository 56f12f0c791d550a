"""The shape of src/: imports that run one way, private names kept private, modules that fit."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "pathway_fsm"
PACKAGE = "pathway_fsm"

# The core every module may take private names from: the engine and its building blocks.
CORE = (
    "pathway_fsm._engine",
    "pathway_fsm.errors",
    "pathway_fsm._convert",
    "pathway_fsm._calendar",
    "pathway_fsm._problems",
    "pathway_fsm._checks",
    "pathway_fsm._needs",
)
MAX_LINES = 1_000

MAX_FUNCTION_LINES = 100
# Functions over that size that are tables: one strategy per payload class.
TABLES = {"pathway_fsm.testing._welfare._payloads"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import that runs, at module level or in a function; not the typing-only ones."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _type_checking(node):
            skipped.update(id(sub) for sub in ast.walk(node))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in skipped:
            yield node


def _base(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
    return ".".join([*parts, *([node.module] if node.module else [])])


def _edges(module: str) -> Iterator[tuple[str, str]]:
    """``(imported module, name)`` for each name *module* imports from this package."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in _runtime_imports(tree):
        if isinstance(node, ast.Import):
            yield from ((a.name, "") for a in node.names if a.name in MODULES)
            continue
        base = _base(module, node)
        for alias in node.names:
            if f"{base}.{alias.name}" in MODULES:
                yield f"{base}.{alias.name}", ""
            elif base in MODULES:
                yield base, alias.name


def _graph() -> dict[str, set[str]]:
    """Who imports whom at run time; the package's own ``__init__`` is the top, not a node."""
    return {
        module: {target for target, _ in _edges(module) if target not in (module, PACKAGE)}
        for module in MODULES
        if module != PACKAGE
    }


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    """No two modules of src/ import each other, directly or round a loop, at run time."""
    assert [] == _cycles(_graph())


def test_cycle_finder_finds_a_cycle() -> None:
    """The checker itself: a loop of three is one component, a chain is none."""
    assert [frozenset("abc")] == _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}})
    assert [] == _cycles({"a": {"b"}, "b": {"c"}, "c": set()})


def _private_crossings() -> set[str]:
    found = set()
    for module in MODULES:
        for target, name in _edges(module):
            if not name.startswith("_") or target.startswith(CORE):
                continue
            if target.rpartition(".")[0] == module.rpartition(".")[0] != PACKAGE:
                continue  # a package's private modules share names among themselves
            found.add(f"{module} imports {target}.{name}")
    return found


def test_private_names_stay_in_their_module() -> None:
    """A leading-underscore name crosses modules only from the engine's core, or between
    the private modules of one package."""
    assert set() == _private_crossings()


def test_modules_fit_on_a_page_of_pages() -> None:
    """No module of src/ is over about a thousand lines."""
    long = {
        module
        for module, path in MODULES.items()
        if len(path.read_text(encoding="utf-8").splitlines()) > MAX_LINES
    }
    assert set() == long


def test_functions_fit_on_a_screen_or_two() -> None:
    """No function of src/ is over about a hundred lines, but for declarative tables."""
    long = set()
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    long.add(f"{module}.{node.name}")
    assert set() == long - TABLES

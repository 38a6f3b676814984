"""The design rules of the tree, checked on the source: imports flow one way, no module reaches
into another's private names, the library never imports the UI and the UI never the database or
the NLP, and no module grows past 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("geo", "dashboard")
MAX_LINES = 400
# Who may import whom, by subpackage of geo: a package imports only those listed (and geo's
# top-level modules errors, models, paths). cli and evaluate sit at the top; build is only run.
ALLOWED = {
    "gazetteer": set(),
    "views": set(),
    "access": set(),
    "geoparse": {"gazetteer"},
    "geocode": {"gazetteer", "geoparse"},
    "store": {"views"},
    "claims": {"gazetteer", "geoparse", "sides"},
    "sides": {"gazetteer"},
    "control": {"gazetteer", "store", "views", "io", "sides"},
    "io": {"store", "views", "geoparse", "claims", "gazetteer"},
    "evaluate": {"gazetteer", "geoparse", "claims", "io", "store", "views", "sides"},
    "build": {"gazetteer", "control"},
    "cli": {"gazetteer", "geocode", "geoparse", "claims", "control", "store", "io", "views",
            "evaluate", "sides", "access"},
}
BASE = {"errors", "models", "paths"}


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every import in the file, lazy ones
    included: a cycle through a function-level import is still a cycle in the design."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((alias.name, [], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            names = [alias.name for alias in node.names]
            # `from geo.x import y` where y is a module: an import of geo.x.y
            subs = [n for n in names if f"{base}.{n}" in MODULES]
            if len(subs) < len(names):
                out.append((base, [n for n in names if n not in subs], node.lineno))
            out.extend((f"{base}.{n}", [], node.lineno) for n in subs)
    return out


def _internal(target: str) -> str | None:
    """The project module `target` names (itself, or the package holding it), else None."""
    while target:
        if target in MODULES:
            return target
        target = target.rpartition(".")[0]
    return None


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for target, _names, _line in _imports(name, path):
            found = _internal(target)
            if found and found != name:
                graph[name].add(found)
    return graph


def _subpackage(module: str) -> str | None:
    """The subpackage of geo a module belongs to ("geo.claims.extract", "geo.claims" ->
    "claims"); None for geo itself and its top-level modules."""
    parts = module.split(".")
    if parts[0] != "geo" or len(parts) < 2:
        return None
    return parts[1] if len(parts) > 2 or MODULES[module].name == "__init__.py" else None


def test_no_import_cycle():
    graph = _graph()
    # `geo` (the package) re-exports lazily; its __init__ is not part of the layering.
    graph.pop("geo", None)
    for targets in graph.values():
        targets.discard("geo")
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt):], nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_no_private_name_imported_across_modules():
    bad = []
    for name, path in MODULES.items():
        for target, names, line in _imports(name, path):
            if _internal(target) and target != name:
                bad += [f"{path.relative_to(ROOT)}:{line}: {target}.{n}"
                        for n in names if n.startswith("_") and not n.startswith("__")]
    assert not bad, "\n".join(bad)


def test_no_private_attribute_of_another_project_module():
    """`spans._make` after `from geo.geoparse import spans`: the same reach, spelled
    differently."""
    bad = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    if f"{node.module}.{alias.name}" in MODULES:
                        aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in MODULES and alias.asname:
                        aliases[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases and node.attr.startswith("_")
                    and not node.attr.startswith("__") and aliases[node.value.id] != name):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: "
                           f"{aliases[node.value.id]}.{node.attr}")
    assert not bad, "\n".join(bad)


def test_subpackages_import_only_downwards():
    bad = []
    for name, path in MODULES.items():
        own = _subpackage(name)
        if own is None:
            continue
        for target, _names, line in _imports(name, path):
            found = _internal(target)
            if not found or not found.startswith("geo."):
                continue
            other = _subpackage(found)
            if other is None:
                if found.split(".")[1] not in BASE:
                    bad.append(f"{path.relative_to(ROOT)}:{line}: {found}")
            elif other != own and other not in ALLOWED[own]:
                bad.append(f"{path.relative_to(ROOT)}:{line}: {own} imports {found}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(("package", "forbidden"), [
    ("geo", ("streamlit", "streamlit_folium", "folium")),
    ("dashboard", ("sqlalchemy", "spacy")),
])
def test_layers_keep_to_their_libraries(package, forbidden):
    bad = []
    for name, path in MODULES.items():
        if name.split(".")[0] != package:
            continue
        for target, _names, line in _imports(name, path):
            if target.split(".")[0] in forbidden:
                bad.append(f"{path.relative_to(ROOT)}:{line}: {target}")
    assert not bad, "\n".join(bad)


def test_no_module_over_the_line_limit():
    long = {str(path.relative_to(ROOT)): n for path in MODULES.values()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long
